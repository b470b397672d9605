from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from .matrix import _Matrix, _MatrixIn, _TargetsIn
from .holdout import check_held_out as check_held_out
from .metrics import accuracy as accuracy, measure as measure
from .replay import step_at as step_at, weights_at as weights_at
from .network_check import (MAX_WEIGHTS as MAX_WEIGHTS, check_conventions as check_conventions,
                            check_data as check_data, check_network as check_network,
                            check_settings as check_settings)

_Weights = List[_Matrix]
_WeightsIn = Sequence[_MatrixIn]
_Reports = List[Tuple[int, float]]
_Progress = Callable[[int, Optional[float]], object]

METRICS: Tuple[str, ...]

def layer_forward(l_in: _MatrixIn, syn: _MatrixIn,
                  activation: str = "sigmoid") -> Tuple[_Matrix, _Matrix]: ...
def layer_backward(l_in: _MatrixIn, syn: _MatrixIn, l_out: _MatrixIn, l_error: Optional[_MatrixIn],
                   activation: str = "sigmoid", l_delta: Optional[_MatrixIn] = None
                   ) -> Tuple[Optional[_Matrix], _Matrix, _Matrix, _Matrix]: ...
def layer_activations(n: int, activation: str = "sigmoid", loss: str = "half-sse") -> List[str]: ...
def forward(weights: _WeightsIn, X: _MatrixIn, activation: str = "sigmoid",
            loss: str = "half-sse") -> List[_Matrix]: ...
def loss_derivative(y: _MatrixIn, l_out: _MatrixIn, loss: str = "half-sse") -> _Matrix: ...

class Step:
    z: List[_Matrix]
    l: List[_Matrix]
    l_error: List[Optional[_Matrix]]
    slope: List[Optional[_Matrix]]
    l_delta: List[_Matrix]
    steps: List[_Matrix]
    weights: _Weights
    def __init__(self, n: int) -> None: ...

def step(weights: _WeightsIn, X: _MatrixIn, y: _TargetsIn, lr: float = 1.0,
         loss: str = "half-sse", activation: str = "sigmoid", checked: bool = False) -> Step: ...
def update(weights: _WeightsIn, steps: Sequence[_MatrixIn], lr: float) -> _Weights: ...
def evaluate(weights: _WeightsIn, X: _MatrixIn, y: _TargetsIn, metric: str = "sse",
             activation: str = "sigmoid", loss: str = "half-sse") -> float: ...

class Training:
    layers: List[int]
    weights: _Weights
    outputs: _Matrix
    history: _Reports
    settings: Dict[str, Any]
    held_out: _Reports
    plain_reason: Optional[str]
    path: str
    def __init__(self, layers: List[int], weights: _Weights, outputs: _Matrix,
                 history: _Reports, settings: Dict[str, Any],
                 held_out: Optional[_Reports] = None,
                 plain_reason: Optional[str] = None) -> None: ...
    def _repr_svg_(self) -> str: ...

def train(X: _MatrixIn, y: _TargetsIn, layers: Optional[Sequence[int]] = None, seed: int = 1,
          iterations: Optional[int] = None, lr: float = 1.0, loss: str = "half-sse",
          every: int = 1000, metric: str = "sse", progress: Optional[_Progress] = None,
          fast: bool = True, activation: str = "sigmoid", batch_size: Optional[int] = None,
          epochs: Optional[int] = None,
          held_out: Optional[Tuple[_MatrixIn, _TargetsIn]] = None) -> Training: ...
def predict(weights: _WeightsIn, X: _MatrixIn, activation: str = "sigmoid",
            loss: str = "half-sse") -> _Matrix: ...
