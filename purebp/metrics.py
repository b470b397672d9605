"""Metrics: how far a network's outputs are from the targets, as one number.

``train`` reports one of ``METRICS`` every ``every`` iterations:

* ``"sse"``: the sum of squared errors, the article's printed loss
  (``np.sum((y - l) ** 2)``);
* ``"mse"``: their mean; ``"mae"``: the mean absolute error (Trask's);
* ``"accuracy"``: the share of rows predicted right;
* ``"loss"``: the value of the loss being trained (``purebp.losses``).

Every sum and mean adds in numpy's order (``matrix.pairwise_sum``), so the
numbers are numpy's. ``network.evaluate`` measures a network on any data.

>>> measure("mse", [[0], [1]], [[0.5], [0.75]])
0.15625
"""

from .losses import LOSS_NAMES, LOSSES
from .matrix import apply, multiply, pairwise_sum, shape, subtract, total

METRICS = ("sse", "mse", "mae", "accuracy", "loss")


def measure(metric, y, l_out, loss="half-sse"):
    """How far the outputs are from the targets, as one number.

    ``"sse"``: sum of squared errors (the article's printed loss, numpy's
    ``np.sum((y - l) ** 2)``); ``"mse"``: their mean; ``"mae"``: mean
    absolute error (Trask's); ``"accuracy"``: the share of rows whose
    largest output is the target's (numpy's ``np.argmax``: the first on
    ties), or with one output, whose output is on the target's side of
    0.5; ``"loss"``: the value of the ``loss`` being trained. Sums and
    means in numpy's order.

    >>> measure("sse", [[0], [1]], [[0.5], [0.5]])
    0.5
    >>> measure("mae", [[0], [1]], [[0.5], [0.5]])
    0.5
    >>> measure("accuracy", [[0, 1], [1, 0]], [[0.25, 0.75], [0.5, 0.5]])
    1.0
    """
    if not isinstance(metric, str) or metric not in METRICS:
        _refuse(metric, METRICS, "metric", "metric")
    if metric == "loss":
        if not isinstance(loss, str) or loss not in LOSSES:
            _refuse(loss, LOSS_NAMES, "loss", "convention")
        return LOSSES[loss].value(y, l_out)
    if metric == "accuracy":
        return accuracy(y, l_out)
    error = subtract(y, l_out)
    rows, cols = shape(error)
    if metric == "sse":
        return total(multiply(error, error))
    if metric == "mse":
        return total(multiply(error, error)) / (rows * cols)
    return total(apply(abs, error)) / (rows * cols)         # mae


def accuracy(y, l_out):
    """The share of rows predicted right (see ``measure``): numpy's
    ``np.mean(np.argmax(l, axis=1) == np.argmax(y, axis=1))``, or with one
    output ``np.mean((l > 0.5) == (y > 0.5))``.

    >>> accuracy([[0], [1], [1]], [[0.4], [0.5], [0.9]])
    0.6666666666666666
    """
    shape(y)
    if len(y[0]) == 1:
        right = [(row_l[0] > 0.5) == (row_y[0] > 0.5) for row_y, row_l in zip(y, l_out)]
    else:
        right = [_argmax(row_l) == _argmax(row_y) for row_y, row_l in zip(y, l_out)]
    return pairwise_sum([1.0 if r else 0.0 for r in right]) / len(right)


def _argmax(row):
    """The index of the largest entry, the first on ties; a NaN counts as
    the largest, as ``np.argmax`` does."""
    best = 0
    for j in range(1, len(row)):
        if row[j] > row[best] or (row[j] != row[j] and row[best] == row[best]):
            best = j
    return best


def _refuse(value, choices, name, what):
    """``checks.choice``'s error for a ``value`` that is not one of ``choices``.
    purebp.checks is imported only then: ``measure`` runs at every report,
    and a board lets the checks go while it trains (``purebp._let_go``)."""
    from . import checks
    checks.choice(value, choices, name, what)
