"""Activation functions: the sigmoid and its derivative, with a safe ``exp``.

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
"""

import math

from .errors import PurebpError, show

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
        raise PurebpError("sigmoid: z: %s is not a number; apply(sigmoid, A) for a matrix"
                          % show(z))


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
        raise PurebpError("sigmoid_derivative: l: %s is not a number; "
                          "apply(sigmoid_derivative, A) for a matrix" % show(l))
