from typing import Dict, Optional, Sequence, Tuple

from .matrix import _Matrix, _MatrixIn

POSITIVE: str
NEGATIVE: str
INK: str
MARK: str

class SVG(str):
    def _repr_svg_(self) -> str: ...

_Reports = Sequence[Tuple[int, float]]

def escape(text: str) -> str: ...
def loss_svg(history: _Reports, metric: str, title: Optional[str] = None,
             unit: str = "iteration", held_out: Optional[_Reports] = None) -> SVG: ...
def network_svg(layers: Sequence[int], weights: Sequence[_MatrixIn],
                inputs: Optional[Sequence[str]] = None, targets: Optional[Sequence[str]] = None,
                title: Optional[str] = None) -> SVG: ...
def chain_rule_svg(values: Optional[Dict[str, float]] = None, loss: str = "half-sse") -> SVG: ...
def chain_rule_values(X: _MatrixIn, y: _MatrixIn, syn: _MatrixIn, row: int = 2, weight: int = 0,
                      loss: str = "half-sse") -> Dict[str, float]: ...
