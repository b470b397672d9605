import os
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from .matrix import _Matrix, _MatrixIn, _TargetsIn
from .network import Training

_Path = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]

FORMAT: str
VERSION: int
KEYS: Tuple[str, ...]
OPTIONAL: Tuple[str, ...]
SPLIT_KEYS: Tuple[str, ...]

class Model:
    layers: List[int]
    weights: List[_Matrix]
    loss: str
    activation: str
    bias: bool
    inputs: List[str]
    targets: List[str]
    scaling: Dict[str, Any]
    training: Dict[str, Any]
    classes: Optional[List[str]]
    split: Optional[Dict[str, Any]]
    def __init__(self, layers: Sequence[int], weights: Sequence[_MatrixIn], loss: str = "half-sse",
                 inputs: Optional[Sequence[str]] = None, targets: Optional[Sequence[str]] = None,
                 scaling: Optional[Dict[str, Any]] = None,
                 training: Optional[Dict[str, Any]] = None, bias: bool = False,
                 activation: str = "sigmoid", classes: Optional[Sequence[str]] = None,
                 split: Optional[Dict[str, Any]] = None) -> None: ...
    def _repr_svg_(self) -> Optional[str]: ...
    @property
    def outputs(self) -> List[str]: ...
    def predict_classes(self, outputs: _MatrixIn) -> Optional[List[str]]: ...
    @property
    def data_inputs(self) -> List[str]: ...
    @classmethod
    def from_training(cls, result: Training, data: Optional[str] = None,
                      inputs: Optional[Sequence[str]] = None,
                      targets: Optional[Sequence[str]] = None,
                      scaling: Optional[Dict[str, Any]] = None, bias: bool = False,
                      X: Optional[_MatrixIn] = None, y: Optional[_TargetsIn] = None,
                      table: Any = None, split: Optional[Dict[str, Any]] = None,
                      held_out: Optional[Tuple[_MatrixIn, _TargetsIn]] = None,
                      classes: Optional[Sequence[str]] = None) -> Model: ...
    def predict(self, X: _MatrixIn) -> _Matrix: ...
    def as_dict(self) -> Dict[str, Any]: ...

def save(model: Model, path: _Path) -> None: ...
def to_text(model: Model, path: str) -> str: ...
def load(path: _Path) -> Model: ...
def from_text(text: str) -> Model: ...
def from_dict(document: Dict[str, Any]) -> Model: ...
