from typing import Any, Callable, Dict, Optional, Sequence, Tuple

from .matrix import _MatrixIn, _TargetsIn

LANGUAGES: Tuple[str, ...]
TEXTS: Dict[str, Tuple[str, str]]
PUREBP_LINES: Dict[str, Tuple[str, str]]

def purebp_line(kind: str, name: Optional[str] = None) -> Tuple[str, str]: ...

class Story(Dict[str, Any]):
    def _repr_html_(self) -> str: ...

def explain(X: _MatrixIn, y: _TargetsIn, layers: Optional[Sequence[int]] = None, seed: int = 1,
            lr: float = 1.0, loss: str = "half-sse", at: int = 1,
            inputs: Optional[Sequence[str]] = None,
            progress: Optional[Callable[[int, Optional[float]], object]] = None,
            activation: str = "sigmoid", batch_size: Optional[int] = None,
            weights: Optional[Sequence[_MatrixIn]] = None,
            classes: Optional[Sequence[str]] = None) -> Story: ...
def text(key: str, lang: str, args: Sequence[Any] = (),
         texts: Optional[Dict[str, Tuple[str, str]]] = None) -> str: ...
def meaning(quantity: Dict[str, Any], lang: str) -> str: ...
def render(story: Dict[str, Any], data: str, lang: str = "en", width: int = 80) -> str: ...
def as_data(story: Dict[str, Any], lang: str = "en") -> Dict[str, Any]: ...
