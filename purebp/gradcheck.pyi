from typing import Callable, List, Optional, Sequence, Set, Tuple

from .matrix import _Matrix, _MatrixIn, _TargetsIn

_Weights = List[_Matrix]
_WeightsIn = Sequence[_MatrixIn]
_Gradient = Callable[[_Weights, _Matrix, _Matrix, str, str], Sequence[_MatrixIn]]
_Progress = Callable[[int, Optional[float]], object]

THRESHOLD: float
H: float
FLOOR: float

def loss_value(weights: _WeightsIn, X: _MatrixIn, y: _TargetsIn, loss: str = "half-sse",
               activation: str = "sigmoid") -> float: ...
def backprop_gradient(weights: _WeightsIn, X: _MatrixIn, y: _TargetsIn, loss: str = "half-sse",
                      activation: str = "sigmoid") -> _Weights: ...
def numerical_gradient(weights: _WeightsIn, X: _MatrixIn, y: _TargetsIn, loss: str = "half-sse",
                       h: float = ..., progress: Optional[_Progress] = None,
                       activation: str = "sigmoid") -> _Weights: ...
def kinks(weights: _WeightsIn, X: _MatrixIn, activation: str = "sigmoid",
          h: float = ...) -> Set[Tuple[int, int, int]]: ...
def progress_total(layers: Sequence[int], activation: str = "sigmoid") -> int: ...

class Comparison:
    where: Tuple[int, int, int]
    backprop: float
    numerical: float
    kink: bool
    relative_error: float
    def __init__(self, where: Tuple[int, int, int], backprop: float, numerical: float,
                 kink: bool = False) -> None: ...

class GradientCheck:
    comparisons: List[Comparison]
    kinks: List[Comparison]
    worst: Comparison
    threshold: float
    passed: bool
    def __init__(self, comparisons: List[Comparison], threshold: float) -> None: ...
    def _repr_html_(self) -> str: ...

def gradient_check(weights: _WeightsIn, X: _MatrixIn, y: _TargetsIn, loss: str = "half-sse",
                   gradient: _Gradient = ..., h: float = ..., threshold: float = ...,
                   progress: Optional[_Progress] = None,
                   activation: str = "sigmoid") -> GradientCheck: ...
def refuse_endless(layers: Sequence[int], rows: int, activation: str = "sigmoid") -> None: ...
