from typing import Callable, Dict, List, Optional, Tuple

from .matrix import _Matrix, _MatrixIn

def exp(x: float) -> float: ...
def sigmoid(z: float) -> float: ...
def sigmoid_derivative(l: float) -> float: ...
def tanh(z: float) -> float: ...
def tanh_derivative(l: float) -> float: ...
def relu(z: float) -> float: ...
def relu_derivative(l: float) -> float: ...
def softmax(z: List[float]) -> List[float]: ...

class Activation:
    name: str
    function: Callable[..., object]
    derivative: Optional[Callable[[float], float]]
    numpy: str
    numpy_slope: Optional[str]
    formula: str
    slope_formula: Optional[str]
    says: Tuple[str, str]
    slope_says: Optional[Tuple[str, str]]
    about: str
    row: bool
    compiled: Optional[bool]
    kink: Optional[float]
    def __init__(self, name: str, function: Callable[..., object],
                 derivative: Optional[Callable[[float], float]], numpy: str,
                 numpy_slope: Optional[str], formula: str, slope_formula: Optional[str],
                 says: Tuple[str, str], slope_says: Optional[Tuple[str, str]], about: str,
                 row: bool = False, compiled: Optional[bool] = None,
                 kink: Optional[float] = None) -> None: ...
    def forward(self, z: _MatrixIn) -> _Matrix: ...
    def slope(self, l: _MatrixIn) -> _Matrix: ...

ACTIVATIONS: Dict[str, Activation]
HIDDEN: Tuple[str, ...]
