"""Gradient checking: is backprop's gradient the true slope of the loss?

Backprop is the chain rule done cleverly; a finite difference is the
definition of a derivative done bluntly. For every weight w, nudge it by a
little h either way and watch the loss:

    d loss / d w  ~  (loss(w - 2h) - 8 loss(w - h) + 8 loss(w + h) - loss(w + 2h)) / 12h

(the five-point central difference: its error shrinks like h**4, so h can
be large enough, 1e-3, that rounding in the loss does not swamp it). The
two must agree to many digits. ``gradient_check`` compares them for
every weight of every layer and reports the worst relative error:

>>> from purebp.datasets import load_data
>>> from purebp.random_start import initial_weights
>>> X, y = load_data("xor")
>>> check = gradient_check(initial_weights([3, 4, 1], seed=1), X, y)
>>> check.passed, check.worst.relative_error < 1e-8
(True, True)

The losses are the two conventions of purebp: ``half-sse`` is half the sum
of squared errors, ``sse`` the sum itself. Backprop's ``step`` points
downhill, so the gradient is minus the step.
"""

from .matrix import multiply, subtract, total
from .network import forward, step

THRESHOLD = 1e-6     # a worst relative error above this fails the check
H = 1e-3             # the finite difference's step
FLOOR = 1e-6         # below this size, gradients are compared absolutely


def loss_value(weights, X, y, loss="half-sse"):
    """The loss that backprop differentiates, for the given weights.

    >>> loss_value([[[0.0], [0.0], [0.0]]], [[0, 0, 1]], [[1]])
    0.125
    """
    error = subtract(y, forward(weights, X)[-1])
    sse = total(multiply(error, error))
    return sse / 2 if loss == "half-sse" else sse


def backprop_gradient(weights, X, y, loss="half-sse"):
    """d loss / d syn[k] for every layer, by backprop: minus each step."""
    return [multiply(-1, s) for s in step(weights, X, y, 1.0, loss).steps]


def numerical_gradient(weights, X, y, loss="half-sse", h=H):
    """d loss / d syn[k] for every layer, by five-point central differences."""
    gradient = []
    for k, syn in enumerate(weights):
        rows = []
        for i, row in enumerate(syn):
            slopes = []
            for j, w in enumerate(row):
                at = lambda shift: loss_value(_with(weights, k, i, j, w + shift), X, y, loss)
                slopes.append((at(-2 * h) - 8 * at(-h) + 8 * at(h) - at(2 * h)) / (12 * h))
            rows.append(slopes)
        gradient.append(rows)
    return gradient


class Comparison:
    """One weight's two gradients and how far apart they are."""

    def __init__(self, where, backprop, numerical):
        self.where = where                  # (k, i, j): syn[k][i][j]
        self.backprop = backprop
        self.numerical = numerical
        scale = max(abs(backprop), abs(numerical), FLOOR)
        self.relative_error = abs(backprop - numerical) / scale

    def __repr__(self):
        return "<syn[%d][%d][%d]: backprop %r, numerical %r>" % (
            self.where + (self.backprop, self.numerical))


class GradientCheck:
    """What ``gradient_check`` returns: every comparison, the worst, pass/fail."""

    def __init__(self, comparisons, threshold):
        self.comparisons = comparisons
        self.worst = max(comparisons, key=lambda c: c.relative_error)
        self.threshold = threshold
        self.passed = self.worst.relative_error < threshold


def gradient_check(weights, X, y, loss="half-sse", gradient=backprop_gradient,
                   h=H, threshold=THRESHOLD):
    """Compare ``gradient`` (backprop by default) with finite differences.

    The relative error of a weight is ``|a - n| / max(|a|, |n|, 1e-6)``;
    the check passes when the worst is below ``threshold``. Pass your own
    ``gradient(weights, X, y, loss)`` to test it instead of purebp's.
    """
    analytic = gradient(weights, X, y, loss)
    numeric = numerical_gradient(weights, X, y, loss, h)
    comparisons = []
    for k in range(len(weights)):
        for i in range(len(weights[k])):
            for j in range(len(weights[k][i])):
                comparisons.append(Comparison((k, i, j), analytic[k][i][j], numeric[k][i][j]))
    return GradientCheck(comparisons, threshold)


def _with(weights, k, i, j, value):
    """A copy of ``weights`` with syn[k][i][j] set to ``value``."""
    changed = [[list(row) for row in syn] for syn in weights]
    changed[k][i][j] = value
    return changed
