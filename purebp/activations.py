"""Activation functions: each one with its slope right under it, and their table.

A layer computes ``z = l_in . syn``, then its output ``l = f(z)``. Each
``f`` here sits beside its slope ``dl/dz``, written with the output ``l``
(as the article's ``sigmoid_derivative`` is), so backprop needs no ``z``:

===========  ==============================  =====================  ==================
name         ``l = f(z)``                    slope, from ``l``      numpy
===========  ==============================  =====================  ==================
``sigmoid``  ``1 / (1 + exp(-z))``, (0, 1)   ``l * (1 - l)``        ``1 / (1 + np.exp(-z))``
``tanh``     ``tanh(z)``, (-1, 1)            ``1 - l * l``          ``np.tanh(z)``
``relu``     ``z`` if ``z > 0``, else 0      1 if ``l > 0``, else 0 ``np.maximum(z, 0)``
``softmax``  a row: ``exp(z - max) / sum``   cancels with its loss  see ``softmax``
===========  ==============================  =====================  ==================

``ACTIVATIONS`` names them for the rest of purebp (the command line's
choices and help, ``explain``'s lines, saved models); ``HIDDEN`` lists, in
a fixed order, the ones a hidden layer may use. The output layer's
activation belongs to the loss (``purebp.losses``): the sigmoid, or
softmax for the ``softmax`` loss.

The article's sigmoid is ``1 / (1 + np.exp(-z))``. In numpy, ``np.exp(800)``
is ``inf`` (with a warning) and ``1 / (1 + inf)`` is ``0.0``. In Python,
``math.exp(800)`` raises ``OverflowError`` (MicroPython: ``ValueError``).
purebp's ``exp`` returns ``inf`` there instead, so ``sigmoid`` is the very
same formula and gives numpy's limit instead of a crash:

>>> sigmoid(0.0)
0.5
>>> sigmoid(-800.0)
0.0
>>> sigmoid(800.0)
1.0
>>> [ACTIVATIONS[name].forward([[-2.0, 0.5]]) for name in HIDDEN]
[[[0.11920292202211755, 0.6224593312018546]], [[-0.9640275800758169, 0.46211715726000974]], [[0.0, 0.5]]]
"""

import math

from .errors import PurebpError, show
from .matrix import apply, pairwise_sum

_INF = float("inf")


def exp(x):
    """``math.exp(x)``, but ``inf`` where the result is too large for a float.

    >>> exp(0.0)
    1.0
    >>> exp(1000.0)
    inf
    >>> exp(-10 ** 400)       # an int too large for a float, on the small side
    0.0
    """
    try:
        return math.exp(x)
    except (OverflowError, ValueError):  # CPython / MicroPython spelling
        return 0.0 if x < 0 else _INF


# --- the pairs: each function, its slope right under it -------------------------

def sigmoid(z):
    """The logistic function ``1 / (1 + exp(-z))``, squashing z into [0, 1].

    Bit for bit the formula wherever ``exp(-z)`` fits in a float; below
    z = -709.78 the formula's limit, 0.0, as numpy gives.

    >>> sigmoid(2.0)
    0.8807970779778823
    """
    try:
        return 1 / (1 + exp(-z))
    except TypeError:      # not a number: say so, not "bad operand for unary -"
        raise _not_a_number("sigmoid", "z", z)


def sigmoid_derivative(l):
    """Slope of the sigmoid, written with its output: ``l * (1 - l)``.

    If ``l = sigmoid(z)`` then ``dl/dz = l * (1 - l)``, so backprop needs no
    ``z``: the article's ``sigmoid_derivative(x)`` takes the output too.

    >>> sigmoid_derivative(0.5)
    0.25
    """
    try:
        return l * (1 - l)
    except TypeError:
        raise _not_a_number("sigmoid_derivative", "l", l)


def tanh(z):
    """The hyperbolic tangent, squashing z into [-1, 1], centred on 0.

    The C library's ``tanh``, as ``np.tanh`` computes it where numpy calls
    the C library (on CPUs with AVX2, numpy's own vector code can differ in
    the last bit: see docs/numerics.md).

    >>> tanh(0.5)
    0.46211715726000974
    """
    try:
        return _tanh(z)
    except TypeError:
        raise _not_a_number("tanh", "z", z)


def tanh_derivative(l):
    """Slope of tanh, written with its output: ``1 - l * l`` (numpy: ``1 - l ** 2``).

    >>> tanh_derivative(0.5)
    0.75
    """
    try:
        return 1 - l * l
    except TypeError:
        raise _not_a_number("tanh_derivative", "l", l)


def relu(z):
    """The rectifier: ``z`` where it is positive, else 0 (numpy: ``np.maximum(z, 0)``).

    Like ``np.maximum``, a NaN stays NaN and -0.0 becomes 0.0.

    >>> relu(-2.0), relu(0.5)
    (0.0, 0.5)
    """
    try:
        return 0.0 if z <= 0 else z
    except TypeError:
        raise _not_a_number("relu", "z", z)


def relu_derivative(l):
    """Slope of ReLU, from its output: 1 where ``l > 0``, else 0 (numpy: ``(l > 0) * 1.0``).

    At z = 0 the slope is taken as 0, as numpy's spelling gives.

    >>> relu_derivative(0.5), relu_derivative(0.0)
    (1.0, 0.0)
    """
    try:
        return 1.0 if l > 0 else 0.0
    except TypeError:
        raise _not_a_number("relu_derivative", "l", l)


def softmax(z):
    """One row of z as shares that sum to 1: ``exp(z - max(z)) / sum``.

    numpy, for a matrix of rows: ``e = np.exp(z - z.max(axis=1, keepdims=True))``,
    then ``l = e / e.sum(axis=1, keepdims=True)``. Subtracting the row's
    largest z changes nothing in exact arithmetic and keeps ``exp`` from
    overflowing; the sum is in numpy's order (``pairwise_sum``). Its slope
    is not needed: with the softmax loss it cancels (``purebp.losses``).

    >>> softmax([1.0, 1.0])
    [0.5, 0.5]
    >>> softmax([1000.0, 0.0])
    [1.0, 0.0]
    """
    try:
        top = max(z)
        e = [exp(v - top) for v in z]
    except (TypeError, ValueError):
        raise PurebpError("softmax: z: %s is not a row of numbers; softmax one row at a time"
                          % show(z))
    s = pairwise_sum(e)
    return [v / s for v in e]


def softmax_code(z, l, pairwise):
    """softmax's row as code for ``purebp.fast``: the statements that set the
    outputs named ``l`` from the z named ``z``, as ``softmax`` computes them
    (``pairwise(names)`` spells numpy's order of a sum).

    >>> for line in softmax_code(["z0", "z1"], ["l0", "l1"], " + ".join):
    ...     print(line)
    top = max(z0, z1)
    l0 = exp(z0 - top)
    l1 = exp(z1 - top)
    s = l0 + l1
    l0 = l0 / s
    l1 = l1 / s
    """
    yield "top = max(%s)" % ", ".join(z)
    for zj, lj in zip(z, l):        # z - top <= 0: exp cannot overflow, math.exp will do
        yield "%s = exp(%s - top)" % (lj, zj)
    yield "s = %s" % pairwise(l)
    for lj in l:
        yield "%s = %s / s" % (lj, lj)


# --- the table ------------------------------------------------------------------

class Activation:
    """One activation of the table: its pair, numpy's spelling and its texts.

    ``function`` maps one z to one output (or, for a ``row`` function such
    as softmax, a row of z to a row of outputs); ``derivative`` maps an
    output ``l`` to the slope ``dl/dz`` (None where the loss cancels it).
    The texts, in ``purebp.words`` (read the first time one is asked for):
    ``numpy`` spells the output with ``{z}`` for z, ``numpy_slope`` the slope
    with ``{l}`` for the output; ``formula`` and ``slope_formula`` are short
    names for ``explain``; ``says`` and ``slope_says`` say what they do, in
    English and Chinese; ``about`` is the command line's help;
    ``compiled`` is the pair as code for ``purebp.fast``'s generated loops
    (the output from ``{z}``, the slope from ``{l}``; for a ``row``
    function, a function giving the row's lines; None: layers with this
    activation train on the plain path);
    ``kink`` is the z where the slope jumps (ReLU's 0), or None.
    """

    def __init__(self, name, function, derivative, row=False, compiled=None, kink=None):
        self.name = name
        self.function = function
        self.derivative = derivative
        self.row = row
        self.compiled = compiled
        self.kink = kink

    def forward(self, z):
        """The layer's output for the matrix ``z``."""
        if self.row:
            return [self.function(list(row)) for row in z]
        return apply(self.function, z)

    def slope(self, l):
        """``dl/dz`` for the matrix of outputs ``l``."""
        return apply(self.derivative, l)

    def __repr__(self):
        return "<activation %s>" % self.name

    def __getattr__(self, text):
        """The texts (``numpy``, ``says``, ...), kept in ``purebp.words`` and
        read the first time one is asked for: training needs none of them,
        and a board's heap need not hold them."""
        from .words import ACTIVATION_WORDS
        words = ACTIVATION_WORDS[self.name]
        if text not in words:
            raise AttributeError(text)
        return words[text]


ACTIVATIONS = {
    "sigmoid": Activation(
        "sigmoid", sigmoid, sigmoid_derivative,
        # as sigmoid() computes it, with exp called directly where it cannot overflow
        compiled=("1 / (1 + exp(-{z})) if {z} >= EXP_SAFE else sigmoid({z})",
                  "{l} * (1 - {l})")),
    "tanh": Activation("tanh", tanh, tanh_derivative,
                       compiled=("tanh({z})", "1 - {l} * {l}")),
    "relu": Activation("relu", relu, relu_derivative,
                       compiled=("0.0 if {z} <= 0 else {z}", "1.0 if {l} > 0 else 0.0"), kink=0.0),
    "softmax": Activation("softmax", softmax, None, row=True, compiled=(softmax_code, None)),
}

HIDDEN = ("sigmoid", "tanh", "relu")     # --activation's choices, in this order


def _not_a_number(function, name, value):
    """The error for a one-number function given something else."""
    return PurebpError("%s: %s: %s is not a number; apply(%s, A) for a matrix"
                       % (function, name, show(value), function))


def _tanh_from_exp(z):
    """tanh where ``math`` has none (some MicroPython builds): close, not bit for bit."""
    if z != z:
        return z
    t = exp(-2 * abs(z))
    v = (1 - t) / (1 + t)
    return v if z >= 0 else -v


_tanh = getattr(math, "tanh", None) or _tanh_from_exp
