from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from .matrix import _Matrix, _MatrixIn, _TargetsIn

MAX_WEIGHTS: int

def training_arguments(X: _MatrixIn, y: _TargetsIn, layers: Optional[Sequence[int]], seed: int,
                       iterations: Optional[int], lr: float, loss: str, every: int, metric: str,
                       progress: Optional[Callable[[int, Optional[float]], object]], fast: bool,
                       activation: str, batch_size: Optional[int], epochs: Optional[int],
                       held_out: Optional[Tuple[_MatrixIn, _TargetsIn]]
                       ) -> Tuple[_Matrix, _Matrix, List[int], Any, bool, Any, Dict[str, Any]]: ...
# y: the targets (_TargetsIn); left out, none are checked (its default is a marker)
def check_network(weights: Sequence[_MatrixIn], X: _MatrixIn, where: str,
                  y: Any = ...) -> Tuple[Any, ...]: ...
def check_data(X: _MatrixIn, y: _TargetsIn) -> Tuple[_Matrix, _Matrix]: ...
def check_settings(layers: Sequence[int], n_in: int, n_out: int, lr: float, loss: str, every: int,
                   metric: str) -> List[int]: ...
def check_conventions(layers: Sequence[int], y: Optional[_MatrixIn], activation: str, loss: str) -> None: ...
