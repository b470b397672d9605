"""Min-max scaling: each column mapped onto [0, 1], and back.

A sigmoid output lies in [0, 1], so targets must too; inputs train better
when their columns are of a similar size. ``MinMax`` remembers each
column's smallest and largest value, so a saved model scales new inputs
the same way and turns its outputs back into the targets' units.
A constant column (a bias column of 1s) is left as it is.

>>> s = MinMax.fit([[0, 10], [5, 30]])
>>> s.scale([[2.5, 20]])
[[0.5, 0.5]]
>>> s.unscale([[0.5, 0.5]])
[[2.5, 20.0]]
"""


class MinMax:
    """Per-column ``(v - low) / (high - low)``, with ``low`` and ``high`` lists."""

    def __init__(self, low, high):
        self.low = list(low)
        self.high = list(high)

    @classmethod
    def fit(cls, A):
        """The scaling that maps each column of ``A`` onto [0, 1]."""
        columns = list(zip(*A))
        return cls([min(c) for c in columns], [max(c) for c in columns])

    def scale(self, A):
        return [[(v - lo) / (hi - lo) if hi > lo else v
                 for v, lo, hi in zip(row, self.low, self.high)] for row in A]

    def unscale(self, A):
        return [[v * (hi - lo) + lo if hi > lo else v
                 for v, lo, hi in zip(row, self.low, self.high)] for row in A]

    def as_dict(self):
        return {"min": self.low, "max": self.high}
