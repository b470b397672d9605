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

The loss is any of ``purebp.losses`` (its ``value`` is what the finite
differences measure) and the hidden layers any activation. Backprop's
``step`` points downhill, so the gradient is minus the step. With
mini-batches, check the gradient of one step: give that batch's rows as
``X`` and ``y`` (``purebp gradcheck --batch-size`` does).

A ReLU has a kink at 0, where its slope jumps from 0 to 1: a weight whose
nudges move some hidden ``z`` across 0 gets a finite difference that mixes
both sides, which no gradient matches. Such weights are listed apart
(``GradientCheck.kinks``), not judged; the check passes on the others.
"""

from .activations import ACTIVATIONS
from .losses import LOSSES
from .matrix import multiply
from .network import forward, layer_forward, step

THRESHOLD = 1e-6     # a worst relative error above this fails the check
H = 1e-3             # the finite difference's step
FLOOR = 1e-6         # below this size, gradients are compared absolutely


def loss_value(weights, X, y, loss="half-sse", activation="sigmoid"):
    """The loss that backprop differentiates, for the given weights.

    >>> loss_value([[[0.0], [0.0], [0.0]]], [[0, 0, 1]], [[1]])
    0.125
    """
    return LOSSES[loss].value(y, forward(weights, X, activation, loss)[-1])


def backprop_gradient(weights, X, y, loss="half-sse", activation="sigmoid"):
    """d loss / d syn[k] for every layer, by backprop: minus each step."""
    return [multiply(-1, s) for s in step(weights, X, y, 1.0, loss, activation).steps]


def numerical_gradient(weights, X, y, loss="half-sse", h=H, activation="sigmoid"):
    """d loss / d syn[k] for every layer, by five-point central differences."""
    gradient = []
    for k, syn in enumerate(weights):
        rows = []
        for i, row in enumerate(syn):
            slopes = []
            for j, w in enumerate(row):
                at = lambda shift: loss_value(_with(weights, k, i, j, w + shift), X, y, loss,
                                              activation)
                slopes.append((at(-2 * h) - 8 * at(-h) + 8 * at(h) - at(2 * h)) / (12 * h))
            rows.append(slopes)
        gradient.append(rows)
    return gradient


def kinks(weights, X, activation="sigmoid", h=H):
    """The weights ``(k, i, j)`` whose nudges (up to 2h either way) move some
    hidden ``z`` across the activation's kink (ReLU's 0): empty for smooth
    activations."""
    kink = ACTIVATIONS[activation].kink
    if kink is None or len(weights) < 2:
        return set()

    def sides(w):
        l, sides = X, []
        for syn in w[:-1]:
            z, l = layer_forward(l, syn, activation)
            sides.append([[v > kink for v in row] for row in z])
        return sides

    here = sides(weights)
    crossing = set()
    for k, syn in enumerate(weights):
        for i, row in enumerate(syn):
            for j, w in enumerate(row):
                if any(sides(_with(weights, k, i, j, w + shift)) != here
                       for shift in (-2 * h, -h, h, 2 * h)):
                    crossing.add((k, i, j))
    return crossing


class Comparison:
    """One weight's two gradients and how far apart they are; ``kink``: its
    nudges cross a ReLU's kink, so the finite difference is not a slope."""

    def __init__(self, where, backprop, numerical, kink=False):
        self.where = where                  # (k, i, j): syn[k][i][j]
        self.backprop = backprop
        self.numerical = numerical
        self.kink = kink
        scale = max(abs(backprop), abs(numerical), FLOOR)
        self.relative_error = abs(backprop - numerical) / scale

    def __repr__(self):
        return "<syn[%d][%d][%d]: backprop %r, numerical %r>" % (
            self.where + (self.backprop, self.numerical))


class GradientCheck:
    """What ``gradient_check`` returns: every comparison, the worst, pass/fail.

    ``kinks`` are the comparisons at a ReLU's kink, which are not judged
    (``worst`` and ``passed`` are of the others; if every weight is at a
    kink, the check does not pass)."""

    def __init__(self, comparisons, threshold):
        self.comparisons = comparisons
        self.kinks = [c for c in comparisons if c.kink]
        judged = [c for c in comparisons if not c.kink]
        self.worst = max(judged or comparisons, key=lambda c: c.relative_error)
        self.threshold = threshold
        self.passed = bool(judged) and self.worst.relative_error < threshold


def gradient_check(weights, X, y, loss="half-sse", gradient=backprop_gradient,
                   h=H, threshold=THRESHOLD, activation="sigmoid"):
    """Compare ``gradient`` (backprop by default) with finite differences.

    The relative error of a weight is ``|a - n| / max(|a|, |n|, 1e-6)``;
    the check passes when the worst is below ``threshold``. Pass your own
    ``gradient(weights, X, y, loss, activation)`` to test it instead of
    purebp's.
    """
    analytic = gradient(weights, X, y, loss, activation)
    numeric = numerical_gradient(weights, X, y, loss, h, activation)
    crossing = kinks(weights, X, activation, h)
    comparisons = []
    for k in range(len(weights)):
        for i in range(len(weights[k])):
            for j in range(len(weights[k][i])):
                comparisons.append(Comparison((k, i, j), analytic[k][i][j], numeric[k][i][j],
                                              (k, i, j) in crossing))
    return GradientCheck(comparisons, threshold)


def _with(weights, k, i, j, value):
    """A copy of ``weights`` with syn[k][i][j] set to ``value``."""
    changed = [[list(row) for row in syn] for syn in weights]
    changed[k][i][j] = value
    return changed
