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

from . import budget, checks
from .activations import ACTIVATIONS, HIDDEN
from .errors import PurebpError, show
from .losses import LOSS_NAMES, LOSSES
from .matrix import multiply
from .network import layer_activations, layer_forward, step
from .network_check import check_network

THRESHOLD = 1e-6     # a worst relative error above this fails the check
H = 1e-3             # the finite difference's step
FLOOR = 1e-6         # below this size, gradients are compared absolutely


def loss_value(weights, X, y, loss="half-sse", activation="sigmoid"):
    """The loss that backprop differentiates, for the given weights.

    >>> loss_value([[[0.0], [0.0], [0.0]]], [[0, 0, 1]], [[1]])
    0.125
    """
    weights, X, y = check_network(weights, X, "loss_value", y)
    loss, activation = _conventions(loss, activation)
    return _loss_from(weights, X, y, loss, layer_activations(len(weights), activation, loss))


def backprop_gradient(weights, X, y, loss="half-sse", activation="sigmoid"):
    """d loss / d syn[k] for every layer, by backprop: minus each step."""
    return [multiply(-1, s) for s in step(weights, X, y, 1.0, loss, activation).steps]


def numerical_gradient(weights, X, y, loss="half-sse", h=H, progress=None,
                       activation="sigmoid"):
    """d loss / d syn[k] for every layer, by five-point central differences.

    Each weight is nudged in a copy of the weights and put back after; the
    layers below the nudged one are computed once, since a nudge cannot
    change them. ``progress``, if given, is called as
    ``progress(weights_done, None)`` after each weight.
    """
    weights, X, y = check_network(weights, X, "numerical_gradient", y)
    loss, activation = _conventions(loss, activation)
    h = checks.positive_number(h, "h", "step")
    progress = checks.function(progress, "progress", optional=True)
    f = layer_activations(len(weights), activation, loss)
    nudged = [[list(row) for row in syn] for syn in weights]
    below = [X]                          # l[k]: what syn[k] sees, for every k
    for syn, a in zip(weights[:-1], f):
        below.append(layer_forward(below[-1], syn, a)[1])
    gradient, done = [], 0
    for k, syn in enumerate(weights):
        rows = []
        for i, row in enumerate(syn):
            slopes = []
            for j, w in enumerate(row):
                def at(shift):
                    nudged[k][i][j] = w + shift
                    return _loss_from(nudged[k:], below[k], y, loss, f[k:])
                slopes.append((at(-2 * h) - 8 * at(-h) + 8 * at(h) - at(2 * h)) / (12 * h))
                nudged[k][i][j] = w
                done += 1
                if progress is not None:
                    progress(done, None)
            rows.append(slopes)
        gradient.append(rows)
    return gradient


def kinks(weights, X, activation="sigmoid", h=H):
    """The weights ``(k, i, j)`` whose nudges (up to 2h either way) move some
    hidden ``z`` across the activation's kink (ReLU's 0): empty for smooth
    activations."""
    weights, X = check_network(weights, X, "kinks")
    activation = checks.choice(activation, HIDDEN, "activation", "activation")
    h = checks.positive_number(h, "h", "step")
    return _kinks(weights, X, activation, h)


def progress_total(layers, activation="sigmoid"):
    """Where ``gradient_check``'s progress ends: one count a weight, and one
    more a weight where a kink is looked for (ReLU with hidden layers)."""
    return budget.weight_count(layers) * (2 if _has_kinks(layers, activation) else 1)


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
        try:
            return "<syn[%d][%d][%d]: backprop %r, numerical %r>" % (
                self.where + (self.backprop, self.numerical))
        except Exception:       # a field changed by hand: shown as it is
            return "<Comparison where=%s backprop=%s numerical=%s>" % (
                show(self.where), show(self.backprop), show(self.numerical))


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

    def __repr__(self):
        try:
            kinks = ", %d at a ReLU's kink (not judged)" % len(self.kinks) if self.kinks else ""
            return "<GradientCheck %s: worst relative error %.3g at syn[%d][%d][%d], %d weights%s>" % (
                (("passed" if self.passed else "failed"), self.worst.relative_error)
                + self.worst.where + (len(self.comparisons), kinks))
        except Exception:       # a field changed by hand: shown as it is
            return "<GradientCheck comparisons=%s worst=%s>" % (show(self.comparisons),
                                                               show(self.worst))

    def _repr_html_(self):
        """Jupyter shows a GradientCheck as a table of its weights, worst first;
        None (the repr, then) if a field changed by hand no longer holds together."""
        from .notebook import gradcheck_html     # loads only when asked for
        try:
            return gradcheck_html(self)
        except PurebpError:
            return None


def gradient_check(weights, X, y, loss="half-sse", gradient=backprop_gradient,
                   h=H, threshold=THRESHOLD, progress=None, activation="sigmoid"):
    """Compare ``gradient`` (backprop by default) with finite differences.

    The relative error of a weight is ``|a - n| / max(|a|, |n|, 1e-6)``;
    the check passes when the worst is below ``threshold``. Pass your own
    ``gradient(weights, X, y, loss, activation)`` to test it instead of
    purebp's. ``progress`` is called as ``progress(done, None)`` while the
    finite differences run, and on past the weights while a ReLU's kinks are
    looked for (``progress_total`` is where it ends). A check estimated to
    take more than a day is refused (``purebp.budget``).
    """
    weights, X, y = check_network(weights, X, "gradient_check", y)
    loss, activation = _conventions(loss, activation)
    gradient = checks.function(gradient, "gradient")
    h = checks.positive_number(h, "h", "step")
    threshold = checks.positive_number(threshold, "threshold", "relative error")
    progress = checks.function(progress, "progress", optional=True)
    layers = [len(weights[0])] + [len(syn[0]) for syn in weights]
    refuse_endless(layers, len(X), activation)
    analytic = _same_shapes(gradient(weights, X, y, loss, activation), weights)
    numeric = numerical_gradient(weights, X, y, loss, h, progress, activation)
    crossing = _kinks(weights, X, activation, h, progress)
    comparisons = []
    for k in range(len(weights)):
        for i in range(len(weights[k])):
            for j in range(len(weights[k][i])):
                comparisons.append(Comparison((k, i, j), analytic[k][i][j], numeric[k][i][j],
                                              (k, i, j) in crossing))
    return GradientCheck(comparisons, threshold)


def refuse_endless(layers, rows, activation="sigmoid"):
    """Refuse a check of this network on ``rows`` rows estimated above a day
    (``purebp.budget``), before any weight is drawn or trained; a network
    of more weights than purebp holds is refused first, as ``train`` does."""
    layers = checks.layer_sizes(layers)
    budget.refuse_endless("weights: a gradient check of a %s network on %d rows"
                          % (",".join(str(n) for n in layers), rows),
                          budget.gradcheck_work(rows, layers, _has_kinks(layers, activation)))


def _conventions(loss, activation):
    return (checks.choice(loss, LOSS_NAMES, "loss", "convention"),
            checks.choice(activation, HIDDEN, "activation", "activation"))


def _has_kinks(layers, activation):
    return ACTIVATIONS[activation].kink is not None and len(layers) > 2


def _kinks(weights, X, activation, h, progress=None):
    """``kinks``, its arguments checked; ``progress`` goes on from the weights' count."""
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
    nudged = [[list(row) for row in syn] for syn in weights]
    done = budget.weight_count([len(weights[0])] + [len(syn[0]) for syn in weights])
    for k, syn in enumerate(weights):
        for i, row in enumerate(syn):
            for j, w in enumerate(row):
                for shift in (-2 * h, -h, h, 2 * h):
                    nudged[k][i][j] = w + shift
                    if sides(nudged) != here:
                        crossing.add((k, i, j))
                        break
                nudged[k][i][j] = w
                done += 1
                if progress is not None:
                    progress(done, None)
    return crossing


def _loss_from(weights, l_in, y, loss, f):
    """The loss from layer k up: ``weights`` are syn[k:], ``l_in`` is l[k],
    ``f`` the activations of those layers (for k = 0, the whole network on X)."""
    l = l_in
    for syn, a in zip(weights, f):
        l = layer_forward(l, syn, a)[1]
    return LOSSES[loss].value(y, l)


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
