"""Min-max scaling: each column mapped onto [0, 1], and back.

A sigmoid output lies in [0, 1], so targets must too; inputs train better
when their columns are of a similar size. ``MinMax`` remembers each
column's smallest and largest value, so a saved model scales new inputs
the same way and turns its outputs back into the targets' units.

>>> s = MinMax.fit([[0, 10], [5, 30]])
>>> s.scale([[2.5, 20]])
[[0.5, 0.5]]
>>> s.unscale([[0.5, 0.5]])
[[2.5, 20.0]]

**A constant column** (its smallest value is its largest) has no range to
map: it scales to 0, and anything scales back to its one value. A
constant input carries no information, so 0 loses none; a constant target
is predicted back exactly, whatever the network outputs:

>>> s = MinMax.fit([[7, 0], [7, 1]])
>>> s.scale([[7, 0.5]])
[[0.0, 0.5]]
>>> s.unscale([[0.93, 0.5]])
[[7, 0.5]]

(The bias column purebp adds to CSV data is never scaled: it is appended
after scaling, see ``purebp.columns``.)

**A range too large for floats** cannot be scaled: from -1e308 to 1e308,
``max - min`` overflows to infinity and every value would scale to 0.
Nor can a range so small that dividing by it overflows (``max - min``
below about 5.6e-309, a subnormal number): every new value a little away
from ``min`` would scale to infinity. ``range_problem`` names what is wrong
with a column's ``min`` and ``max``; ``fit`` refuses such data, and a saved
model with such a range is refused when loaded. The rule: ``min`` and
``max`` finite, ``min <= max``, and ``max - min`` either exactly 0 (a
constant column) or positive with ``max - min`` and ``1 / (max - min)``
both finite.

>>> range_problem(-1e308, 1e308)
'its range, max - min, is too large for a float (it overflows to infinity)'
>>> range_problem(0.0, 1e-320)
'its range, max - min, is too small to divide by (1 / range overflows)'
>>> range_problem(7, 7) is None and range_problem(0, 1e300) is None
True
"""

from .errors import PurebpError


def range_problem(low, high):
    """Why ``low`` .. ``high`` cannot be a column's scaling range, or None."""
    if low - low != 0 or high - high != 0:      # NaN or infinite (no math.isfinite needed)
        return "min and max must be finite numbers"
    if low > high:
        return "min is larger than max"
    span = high - low
    if span - span != 0:
        return "its range, max - min, is too large for a float (it overflows to infinity)"
    if span > 0 and 1.0 / span - 1.0 / span != 0:
        return "its range, max - min, is too small to divide by (1 / range overflows)"
    return None


class MinMax:
    """Per-column ``(v - low) / (high - low)``, with ``low`` and ``high`` lists."""

    def __init__(self, low, high):
        self.low = list(low)
        self.high = list(high)

    @classmethod
    def fit(cls, A, names=None):
        """The scaling that maps each column of ``A`` onto [0, 1].

        ``names`` (of the columns) are for the message when a column's
        range cannot be scaled.
        """
        low, high = [], []
        for j in range(len(A[0])):
            column = [row[j] for row in A]
            lo, hi = min(column), max(column)
            problem = range_problem(lo, hi)
            if problem:
                name = "column %r" % names[j] if names else "column %d" % (j + 1)
                raise PurebpError("scaling: %s runs from %r to %r: %s; it cannot be scaled"
                                  % (name, lo, hi, problem))
            low.append(lo)
            high.append(hi)
        return cls(low, high)

    def scale(self, A):
        """Each value's place in its column's range: 0 at ``low``, 1 at ``high``."""
        return [[(v - lo) / (hi - lo) if hi != lo else 0.0
                 for v, lo, hi in zip(row, self.low, self.high)] for row in A]

    def unscale(self, A):
        """The inverse of ``scale``: back into the column's units."""
        return [[v * (hi - lo) + lo if hi != lo else lo
                 for v, lo, hi in zip(row, self.low, self.high)] for row in A]

    def as_dict(self):
        return {"min": self.low, "max": self.high}
