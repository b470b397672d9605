from typing import List, Optional, Sequence, Tuple

from .matrix import _MatrixIn, _TargetsIn
from .network import _Progress, _Weights

def step_at(X: _MatrixIn, y: _TargetsIn, layers: Optional[Sequence[int]] = None, seed: int = 1,
            lr: float = 1.0, loss: str = "half-sse", at: int = 1,
            progress: Optional[_Progress] = None, activation: str = "sigmoid",
            batch_size: Optional[int] = None
            ) -> Tuple[_Weights, Optional[Tuple[int, int, List[int]]]]: ...
def weights_at(X: _MatrixIn, y: _TargetsIn, layers: Optional[Sequence[int]] = None, seed: int = 1,
               lr: float = 1.0, loss: str = "half-sse", at: int = 1,
               progress: Optional[_Progress] = None, activation: str = "sigmoid",
               batch_size: Optional[int] = None) -> _Weights: ...
def replay(X: _MatrixIn, y: _TargetsIn, layers: List[int], seed: int, lr: float, loss: str,
           at: int, activation: str, batch_size: Optional[int],
           progress: Optional[_Progress]
           ) -> Tuple[_Weights, Optional[Tuple[int, int, List[int]]]]: ...
