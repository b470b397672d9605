"""The fast path: the training loop compiled for one network and one data set.

The plain path (``network.step``) builds new lists for every matrix of
every iteration and loops over them: readable, and slow, since on the
article's tiny matrices CPython spends its time on lists and calls, not on
arithmetic. numpy pays a similar price per call. This module writes out the
loop for the fixed shapes and data as straight-line Python -- every weight a
local variable, every sum spelled out -- and compiles it once:

* no lists, no calls but ``exp``, in the loop;
* the data are constants in the code, so a product with an input of 0
  vanishes and one with 1 is the weight itself (exact: 1 * w == w);
* every operation is the plain path's, in the plain path's order (sums
  left to right, ``(2 * (y - l)) * (l * (1 - l))``...), so the numbers are
  the same; the tests compare both paths on every recorded scenario.

>>> from purebp.datasets import load_data
>>> from purebp.random_start import initial_weights
>>> X, y = load_data("seed")
>>> loop = compile_loop(X, y, [3, 1], lr=1.0, loss="half-sse")
>>> weights, history = loop.run(initial_weights([3, 1], 1), 0, 10, every=0)
>>> from purebp.network import train
>>> weights == train(X, y, iterations=10, fast=False).weights
True

Where the generated code would be too large (many rows or units), where
``exec`` is missing, or for a loss or activation whose table entry has no
compiled spelling (``compiled``: so far the article's ``half-sse`` and
``sse`` with sigmoid layers), ``compile_loop`` returns None and ``train``
takes the plain path.
"""

import math

from .activations import ACTIVATIONS, sigmoid
from .losses import LOSSES

MAX_TERMS = 60000        # products per iteration above which no code is generated
EXP_SAFE = -709.0        # above this z, math.exp(-z) cannot overflow


class CompiledLoop:
    """A generated training loop; ``run`` does ``count`` iterations."""

    def __init__(self, function, layers, source):
        self.function = function
        self.layers = layers
        self.source = source

    def run(self, weights, start, count, every, record=None):
        """Train from ``weights`` for iterations ``start`` .. ``start + count - 1``.

        Returns ``(weights, history)``: the updated matrices, and
        ``(iteration, outputs)`` for every reported iteration (``every``; 0
        for none), outputs being ``l`` before that iteration's update.
        """
        flat = [w for syn in weights for row in syn for w in row]
        history = []
        flat = self.function(flat, start, count, every, history)
        return _unflatten(flat, self.layers), history


def compile_loop(X, y, layers, lr, loss, activation="sigmoid"):
    """The training loop for this data, shapes, rate, loss and hidden
    activation, or None where it has no compiled spelling (see above)."""
    if LOSSES[loss].compiled is None or ACTIVATIONS[LOSSES[loss].output].compiled is None:
        return None
    if len(layers) > 2 and ACTIVATIONS[activation].compiled is None:
        return None
    rows = len(X)
    terms = rows * sum(layers[k] * layers[k + 1] for k in range(len(layers) - 1)) * 3
    if terms > MAX_TERMS:
        return None
    source = _generate(X, y, layers, lr, loss)
    namespace = {"exp": math.exp, "sigmoid": sigmoid, "EXP_SAFE": EXP_SAFE}
    try:
        exec(source, namespace)
    except (SyntaxError, MemoryError, NameError, RuntimeError):
        return None
    return CompiledLoop(namespace["loop"], list(layers), source)


# --- code generation -----------------------------------------------------------

def _constant(v):
    return repr(float(v)) if isinstance(v, float) else repr(v)


def _product(a, b):
    """The code of a * b, with a a constant or a name, b a name; None for 0."""
    if isinstance(a, str):
        return "%s * %s" % (a, b)
    if a == 0:
        return None              # 0 * b vanishes from a sum
    if a == 1:
        return b                 # 1 * b is b, exactly
    return "%s * %s" % (_constant(a), b)


def _sum(terms):
    """Left-to-right sum of the non-vanishing terms (0 if none)."""
    kept = [t for t in terms if t is not None]
    return " + ".join(kept) if kept else "0"


def _generate(X, y, layers, lr, loss):
    n, rows = len(layers) - 1, len(X)
    W = lambda k, i, j: "w%d_%d_%d" % (k, i, j)
    L = lambda k, r, i: "l%d_%d_%d" % (k, r, i)      # layer k's output, row r, unit i
    Z = lambda k, r, j: "z%d_%d_%d" % (k, r, j)
    E = lambda k, r, j: "e%d_%d_%d" % (k, r, j)      # error arriving at l[k + 1]
    D = lambda k, r, j: "d%d_%d_%d" % (k, r, j)      # l_delta of weights k
    names = [W(k, i, j) for k in range(n) for i in range(layers[k]) for j in range(layers[k + 1])]
    out = ["def loop(flat, start, count, every, history):",
           "    %s = flat" % (", ".join(names) + ("," if len(names) == 1 else ""))]
    out.append("    for i in range(start, start + count):")
    body = []

    def value(k, r, i):
        """Layer k's output at row r, unit i: a name, or a constant for X."""
        return X[r][i] if k == 0 else L(k, r, i)

    for k in range(n):                                       # forward
        for r in range(rows):
            for j in range(layers[k + 1]):
                z = Z(k, r, j)
                body.append("%s = %s" % (z, _sum([_product(value(k, r, i), W(k, i, j))
                                                  for i in range(layers[k])])))
                body.append("%s = 1 / (1 + exp(-%s)) if %s >= EXP_SAFE else sigmoid(%s)"
                            % (L(k + 1, r, j), z, z, z))
    outputs = "[%s]" % ", ".join("[%s]" % ", ".join(L(n, r, j) for j in range(layers[n]))
                                 for r in range(rows))
    body.append("if every and i %% every == 0: history.append((i, %s))" % outputs)
    for r in range(rows):                                    # the loss derivative
        for j in range(layers[n]):
            error = "(%s - %s)" % (_constant(y[r][j]), L(n, r, j))   # y - l
            body.append("%s = %s" % (E(n - 1, r, j), LOSSES[loss].compiled.format(error=error)))
    for k in range(n - 1, -1, -1):                           # backward
        for r in range(rows):
            for j in range(layers[k + 1]):
                l_out = L(k + 1, r, j)
                body.append("%s = %s * (%s * (1 - %s))" % (D(k, r, j), E(k, r, j), l_out, l_out))
        if k > 0:
            for r in range(rows):
                for i in range(layers[k]):
                    body.append("%s = %s" % (E(k - 1, r, i), _sum(
                        ["%s * %s" % (D(k, r, j), W(k, i, j)) for j in range(layers[k + 1])])))
    for k in range(n):                                       # the update
        for i in range(layers[k]):
            for j in range(layers[k + 1]):
                step = _sum([_product(value(k, r, i), D(k, r, j)) for r in range(rows)])
                if lr == 1:
                    body.append("%s = %s + (%s)" % (W(k, i, j), W(k, i, j), step))
                else:
                    body.append("%s = %s + %s * (%s)" % (W(k, i, j), W(k, i, j),
                                                         _constant(float(lr)), step))
    out += ["        " + line for line in body]
    out.append("    return [%s]" % ", ".join(names))
    return "\n".join(out) + "\n"


def _unflatten(flat, layers):
    weights, at = [], 0
    for k in range(len(layers) - 1):
        syn = []
        for i in range(layers[k]):
            syn.append(flat[at:at + layers[k + 1]])
            at += layers[k + 1]
        weights.append(syn)
    return weights
