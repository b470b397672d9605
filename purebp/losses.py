"""Losses: how far the outputs are from the targets, and where backprop starts.

Each loss is a small class, as in Nielsen's ``network2.py``: ``value(y, l)``
is the loss itself, ``start(y, l)`` the matrix backprop starts from at the
output (downhill: minus the gradient), and ``output`` the activation of the
output layer it goes with. ``LOSSES`` names them for the rest of purebp;
``LOSS_NAMES`` lists them in a fixed order.

=================  ========  ===================================  ==================================
name               output    value                                starts backprop (numpy spelling)
=================  ========  ===================================  ==================================
``half-sse``       sigmoid   ``sum((y - l)**2) / 2``              ``l_error = y - l``
``sse``            sigmoid   ``sum((y - l)**2)``                  ``l_error = 2 * (y - l)``
``mse``            sigmoid   ``mean((y - l)**2)``, every entry    ``l_error = 2 * (y - l) / y.size``
``cross-entropy``  sigmoid   ``-mean(y log l + (1-y) log(1-l))``  ``l_delta = (y - l) / y.size``
``softmax``        softmax   ``-sum(y log l) / rows``             ``l_delta = (y - l) / len(y)``
=================  ========  ===================================  ==================================

The first three hand backprop ``l_error``, which the output's slope
``l * (1 - l)`` multiplies into ``l_delta``. For the last two the slope
*cancels*: the derivative of the log in the loss is ``1 / (l (1 - l))``
(softmax: its own slope's match), so ``dloss/dz`` is simply ``-(y - l)``
over the count, and they hand backprop ``l_delta`` itself
(``cancels = True``). That is why they learn fast where the sigmoid
saturates: a wrong output near 0 or 1 still gets a full-sized step.

``sse`` and ``half-sse`` sum over the rows, so their steps grow with the
data; ``mse``, ``cross-entropy`` and ``softmax`` are means (as PyTorch's
``MSELoss``, ``BCELoss`` and ``CrossEntropyLoss``), so the learning rate no
longer depends on the number of rows. The logs are clamped at -100, as
PyTorch's ``BCELoss`` does, so a saturated output gives a large loss rather
than NaN (``0 * log 0``).

>>> y, l = [[1], [0]], [[0.75], [0.5]]
>>> [(name, LOSSES[name].value(y, l)) for name in LOSS_NAMES]
... # doctest: +NORMALIZE_WHITESPACE
[('half-sse', 0.15625), ('sse', 0.3125), ('mse', 0.15625),
 ('cross-entropy', 0.4904146265058631), ('softmax', 0.14384103622589045)]
>>> LOSSES["cross-entropy"].start(y, l)
[[0.125], [-0.25]]
"""

import math

from .matrix import multiply, pairwise_sum, shape, subtract, total

LOG_FLOOR = -100.0     # logs are clamped here, as PyTorch's BCELoss does
_MINUS_INF, _NAN = float("-inf"), float("nan")


def log(x):
    """``math.log``, but ``-inf`` at 0 (and NaN below), as ``np.log`` gives.

    >>> log(1.0), log(0.0)
    (0.0, -inf)
    """
    if x > 0:
        return math.log(x)
    return _MINUS_INF if x == 0 else _NAN


def clamped_log(x):
    """``np.maximum(np.log(x), -100)``: the log, never below -100 (NaN stays NaN).

    >>> clamped_log(0.0)
    -100.0
    """
    v = log(x)
    return LOG_FLOOR if v < LOG_FLOOR else v


class Loss:
    """A loss convention (see the module's table).

    ``value(y, l)``: the loss; ``start(y, l)``: what starts backprop, the
    error ``l_error`` or, where ``cancels``, ``l_delta`` itself;
    ``check(y)``: why these targets cannot be used, or None. The texts,
    in ``purebp.words`` (read the first time one is asked for):
    ``numpy_value`` and ``numpy_start`` (numpy's spelling, which fixes the
    order of operations), ``formula``, ``says`` (``explain``'s sentence, in
    English and Chinese), ``about`` and ``task`` (the command line's help),
    ``lr`` (the learning rate to start from, measured: docs/conventions.md)
    and ``lr_note`` (where it depends on the data, how);
    ``compiled``: ``start`` as code for ``purebp.fast``'s generated loops,
    one entry's, from ``{y}`` and ``{l}``, with ``{size}`` for the batch's
    entries (rows x outputs) and ``{rows}`` for its rows (None: that loss
    trains on the plain path);
    ``article``: for the article's two losses, their line in its programs
    and the name ``l_delta``'s line gives it (None for the others);
    ``symbol`` and ``dloss_symbol``: the loss and its first chain-rule
    factor as the chain-rule figure writes them (n: the number of entries);
    ``outputs``: the fewest outputs the loss works with; ``sums``: the loss
    sums over the rows (not a mean), so its steps grow with them.
    """

    name = None
    output = "sigmoid"
    cancels = False
    lr = 1.0
    compiled = None
    outputs = 1
    sums = False

    def value(self, y, l):
        raise NotImplementedError

    def start(self, y, l):
        raise NotImplementedError

    def check(self, y):
        return None

    def __repr__(self):
        return "<loss %s>" % self.name

    def __getattr__(self, text):
        """The texts (``says``, ``about``, ...), kept in ``purebp.words``
        and read the first time one is asked for: training needs none of
        them, and a board's heap need not hold them."""
        from .words import LOSS_DEFAULTS, LOSS_WORDS
        if text not in LOSS_DEFAULTS:
            raise AttributeError(text)
        return LOSS_WORDS[self.name].get(text, LOSS_DEFAULTS[text])


class HalfSSE(Loss):
    """Half the sum of squared errors: the 8-line program's ``y - l``."""

    name = "half-sse"
    sums = True
    lr = 1.0
    compiled = "({y} - {l})"

    def value(self, y, l):
        error = subtract(y, l)
        return total(multiply(error, error)) / 2

    def start(self, y, l):
        return subtract(y, l)


class SSE(Loss):
    """The sum of squared errors: the expanded program's ``2 * (y - l)``."""

    name = "sse"
    sums = True
    lr = 0.5
    compiled = "2 * ({y} - {l})"

    def value(self, y, l):
        error = subtract(y, l)
        return total(multiply(error, error))

    def start(self, y, l):
        return multiply(2, subtract(y, l))


class MSE(Loss):
    """The mean of squared errors over every entry (rows x outputs), as PyTorch's ``MSELoss``."""

    name = "mse"
    lr = 10.0
    compiled = "2 * ({y} - {l}) / {size}"

    def value(self, y, l):
        error = subtract(y, l)
        squares = multiply(error, error)
        return pairwise_sum([v for row in squares for v in row]) / _size(y)

    def start(self, y, l):
        size = _size(y)
        return [[2 * (a - b) / size for a, b in zip(row_y, row_l)]
                for row_y, row_l in zip(y, l)]


class CrossEntropy(Loss):
    """Binary cross-entropy of sigmoid outputs, the mean over every entry (PyTorch's ``BCELoss``)."""

    name = "cross-entropy"
    cancels = True
    lr = 3.0
    compiled = "({y} - {l}) / {size}"

    def value(self, y, l):
        terms = [yv * clamped_log(lv) + (1 - yv) * clamped_log(1 - lv)
                 for row_y, row_l in zip(y, l) for yv, lv in zip(row_y, row_l)]
        return -(pairwise_sum(terms) / _size(y))

    def start(self, y, l):
        size = _size(y)
        return [[(a - b) / size for a, b in zip(row_y, row_l)] for row_y, row_l in zip(y, l)]

    def check(self, y):
        return _outside_0_1(y, self.name)


class Softmax(Loss):
    """Softmax outputs with cross-entropy, the mean over rows (PyTorch's ``CrossEntropyLoss``)."""

    name = "softmax"
    output = "softmax"
    cancels = True
    lr = 3.0
    outputs = 2
    compiled = "({y} - {l}) / {rows}"

    def value(self, y, l):
        terms = [yv * clamped_log(lv) for row_y, row_l in zip(y, l)
                 for yv, lv in zip(row_y, row_l)]
        return -pairwise_sum(terms) / len(y)

    def start(self, y, l):
        rows = len(y)
        return [[(a - b) / rows for a, b in zip(row_y, row_l)] for row_y, row_l in zip(y, l)]

    def check(self, y):
        if len(y[0]) < self.outputs:
            return ("loss softmax needs two or more outputs, one per class; with one output, "
                    "use cross-entropy")
        problem = _outside_0_1(y, self.name)
        if problem:
            return problem
        for i, row in enumerate(y):
            s = pairwise_sum(row)
            if abs(s - 1) > 1e-9:
                return ("loss softmax: target row %d sums to %r, not 1: give each row one class "
                        "(one-hot, a 1 among 0s) or shares that sum to 1" % (i, s))
        return None


LOSSES = {"half-sse": HalfSSE(), "sse": SSE(), "mse": MSE(), "cross-entropy": CrossEntropy(),
          "softmax": Softmax()}
LOSS_NAMES = ("half-sse", "sse", "mse", "cross-entropy", "softmax")   # in this order


def _size(y):
    rows, cols = shape(y)
    return rows * cols


def _outside_0_1(y, name):
    for i, row in enumerate(y):
        for j, v in enumerate(row):
            if not 0 <= v <= 1:
                return ("loss %s: target row %d, column %d is %r, outside [0, 1]: its targets "
                        "are 0 or 1 (or shares between)" % (name, i, j, v))
    return None
