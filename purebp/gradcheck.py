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

from . import budget, checks
from .errors import PurebpError
from .matrix import multiply, subtract, total
from .network import LOSSES, check_network, layer_forward, step

THRESHOLD = 1e-6     # a worst relative error above this fails the check
H = 1e-3             # the finite difference's step
FLOOR = 1e-6         # below this size, gradients are compared absolutely


def loss_value(weights, X, y, loss="half-sse"):
    """The loss that backprop differentiates, for the given weights.

    >>> loss_value([[[0.0], [0.0], [0.0]]], [[0, 0, 1]], [[1]])
    0.125
    """
    loss = checks.choice(loss, LOSSES, "loss", "convention")
    weights, X, y = check_network(weights, X, "loss_value", y)
    return _loss_from(weights, X, y, loss)


def backprop_gradient(weights, X, y, loss="half-sse"):
    """d loss / d syn[k] for every layer, by backprop: minus each step."""
    return [multiply(-1, s) for s in step(weights, X, y, 1.0, loss).steps]


def numerical_gradient(weights, X, y, loss="half-sse", h=H, progress=None):
    """d loss / d syn[k] for every layer, by five-point central differences.

    Each weight is nudged in a copy of the weights and put back after; the
    layers below the nudged one are computed once, since a nudge cannot
    change them. ``progress``, if given, is called as
    ``progress(weights_done, None)`` after each weight.
    """
    weights, X, y = check_network(weights, X, "numerical_gradient", y)
    loss = checks.choice(loss, LOSSES, "loss", "convention")
    h = checks.positive_number(h, "h", "step")
    progress = checks.function(progress, "progress", optional=True)
    nudged = [[list(row) for row in syn] for syn in weights]
    below = [X]                          # l[k]: what syn[k] sees, for every k
    for syn in weights[:-1]:
        below.append(layer_forward(below[-1], syn)[1])
    gradient, done = [], 0
    for k, syn in enumerate(weights):
        rows = []
        for i, row in enumerate(syn):
            slopes = []
            for j, w in enumerate(row):
                def at(shift):
                    nudged[k][i][j] = w + shift
                    return _loss_from(nudged[k:], below[k], y, loss)
                slopes.append((at(-2 * h) - 8 * at(-h) + 8 * at(h) - at(2 * h)) / (12 * h))
                nudged[k][i][j] = w
                done += 1
                if progress is not None:
                    progress(done, None)
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
                   h=H, threshold=THRESHOLD, progress=None):
    """Compare ``gradient`` (backprop by default) with finite differences.

    The relative error of a weight is ``|a - n| / max(|a|, |n|, 1e-6)``;
    the check passes when the worst is below ``threshold``. Pass your own
    ``gradient(weights, X, y, loss)`` to test it instead of purebp's.
    ``progress`` is called as ``progress(weights_done, None)`` while the
    finite differences run. A check estimated to take more than a day is
    refused (``purebp.budget``).
    """
    weights, X, y = check_network(weights, X, "gradient_check", y)
    loss = checks.choice(loss, LOSSES, "loss", "convention")
    gradient = checks.function(gradient, "gradient")
    h = checks.positive_number(h, "h", "step")
    threshold = checks.positive_number(threshold, "threshold", "relative error")
    refuse_endless([len(weights[0])] + [len(syn[0]) for syn in weights], len(X))
    analytic = _same_shapes(gradient(weights, X, y, loss), weights)
    numeric = numerical_gradient(weights, X, y, loss, h, progress)
    comparisons = []
    for k in range(len(weights)):
        for i in range(len(weights[k])):
            for j in range(len(weights[k][i])):
                comparisons.append(Comparison((k, i, j), analytic[k][i][j], numeric[k][i][j]))
    return GradientCheck(comparisons, threshold)


def refuse_endless(layers, rows):
    """Refuse a check of this network on ``rows`` rows estimated above a day
    (``purebp.budget``), before any weight is drawn or trained."""
    budget.refuse_endless("weights: a gradient check of a %s network on %d rows"
                          % (",".join(str(n) for n in layers), rows),
                          budget.gradcheck_work(rows, layers))


def _loss_from(weights, l_in, y, loss):
    """The loss from layer k up: ``weights`` are syn[k:], ``l_in`` is l[k]
    (for k = 0, the whole network on X)."""
    l = l_in
    for syn in weights:
        l = layer_forward(l, syn)[1]
    error = subtract(y, l)
    sse = total(multiply(error, error))
    return sse / 2 if loss == "half-sse" else sse


def _same_shapes(gradient, weights):
    """A gradient as plain lists, refused unless shaped like ``weights``."""
    try:
        gradient = checks.weight_matrices(gradient, None, "gradient")
    except PurebpError as error:
        raise PurebpError("gradient: the function returned something that is not one matrix "
                          "per weight matrix (%s)" % error)
    shapes = [(len(g), len(g[0])) for g in gradient]
    wanted = [(len(syn), len(syn[0])) for syn in weights]
    if shapes != wanted:
        raise PurebpError("gradient: the function returned matrices of shapes %s; the weights "
                          "have %s" % (shapes, wanted))
    return gradient
