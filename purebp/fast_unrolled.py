"""The fast path's unrolled form: every row and weight spelled out, for tiny data.

For the article's problems (4 rows, a few weights) nothing is faster than
writing the whole iteration out: one statement per unit and row, the data
as constants, so that a product with an input of 0 vanishes and one with 1
is the weight itself (exact: ``1 * w == w``), and the loop over the
iterations compiled too. The code grows with rows x weights, so
``purebp.fast`` uses this form only up to ``fast.UNROLL_TERMS`` products an
iteration; beyond, the row-looped form (``purebp.fast_rows``).

>>> X, y = [[0, 1], [1, 1]], [[0], [1]]
>>> for line in unrolled_lines(X, y, [2, 1], 1.0, "half-sse", ["sigmoid"]):
...     print(line)
def loop(flats, start, count, every, history, lr=lr):
    w0_0_0, w0_1_0 = flats[0]
    for i in range(start, start + count):
        z = w0_1_0
        l1_0_0 = 1 / (1 + exp(-z)) if z >= EXP_SAFE else sigmoid(z)
        z = w0_0_0 + w0_1_0
        l1_1_0 = 1 / (1 + exp(-z)) if z >= EXP_SAFE else sigmoid(z)
        if every and i % every == 0: history.append((i, [[l1_0_0], [l1_1_0]]))
        d0_0_0 = (0 - l1_0_0) * (l1_0_0 * (1 - l1_0_0))
        d0_1_0 = (1 - l1_1_0) * (l1_1_0 * (1 - l1_1_0))
        w0_0_0 = w0_0_0 + (d0_1_0)
        w0_1_0 = w0_1_0 + (d0_0_0 + d0_1_0)
    return [[w0_0_0, w0_1_0]]
"""

from .fast import ACTIVATIONS, unrolled_loop
from .fast_code import cancels, is_row, pairwise_code, start_code, unpack_target, write_code


def compile_unrolled(X, y, layers, lr, loss, activations):
    """The ``CompiledLoop`` with every row and weight spelled out, or None
    (data a board cannot write exactly, code that does not compile).
    ``activations``: each layer's, bottom up."""
    made_from = (X, y, layers, lr, loss, activations)
    code = unrolled_code(*made_from)
    return unrolled_loop(code, made_from) if code is not None else None


def unrolled_code(X, y, layers, lr, loss, activations):
    """The code ``compile_unrolled`` compiles (``fast.write_code``), or None
    where the data cannot be written exactly (a single-precision board)."""
    if not all(_written_exactly(v) for rows in (X, y) for row in rows for v in row):
        return None
    return write_code(lambda: unrolled_lines(X, y, layers, lr, loss, activations))


def source(X, y, layers, lr, loss, activations):
    """The code ``compile_unrolled`` compiles, as text."""
    return "\n".join(unrolled_lines(X, y, layers, lr, loss, activations)) + "\n"


def _written_exactly(v):
    """Whether ``v`` written as code gives ``v`` back: ints, bools (not ints
    on MicroPython) and CPython's floats always do; a single-precision board
    prints too few digits for some floats."""
    return isinstance(v, (int, bool)) or float(repr(v)) == v


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


def unrolled_lines(X, y, layers, lr, loss, activations):
    """One function ``loop(flats, start, count, every, history)`` doing ``count``
    iterations, every row and weight spelled out, the data as constants;
    ``activations``: each layer's, bottom up."""
    n, rows = len(layers) - 1, len(X)

    def W(k, i, j):
        return "w%d_%d_%d" % (k, i, j)

    def L(k, r, i):                  # layer k's output, row r, unit i
        return "l%d_%d_%d" % (k, r, i)

    def D(k, r, j):                  # l_delta of weights k, row r, unit j
        return "d%d_%d_%d" % (k, r, j)

    def value(k, r, i):              # layer k's output, a constant for X
        return X[r][i] if k == 0 else L(k, r, i)

    yield "def loop(flats, start, count, every, history, lr=lr):"
    for k in range(n):
        yield "    %s = flats[%d]" % (unpack_target([W(k, i, j) for i in range(layers[k])
                                               for j in range(layers[k + 1])]), k)
    yield "    for i in range(start, start + count):"
    for k in range(n):                                       # forward
        row = is_row(activations[k])
        for r in range(rows):
            z = ["z%d" % j for j in range(layers[k + 1])] if row else ["z"] * layers[k + 1]
            for j in range(layers[k + 1]):
                yield "        %s = %s" % (z[j], _sum([_product(value(k, r, i), W(k, i, j))
                                                      for i in range(layers[k])]))
                if not row:
                    yield "        %s = %s" % (L(k + 1, r, j),
                                              ACTIVATIONS[activations[k]][0].format(z=z[j]))
            if row:                                          # softmax: the whole row
                for line in ACTIVATIONS[activations[k]][0](
                        z, [L(k + 1, r, j) for j in range(layers[k + 1])], pairwise_code):
                    yield "        " + line
    yield "        if every and i %% every == 0: history.append((i, [%s]))" % ", ".join(
        "[%s]" % ", ".join(L(n, r, j) for j in range(layers[n])) for r in range(rows))
    for k in range(n - 1, -1, -1):                           # backward
        for r in range(rows):
            for j in range(layers[k + 1]):
                if k == n - 1:                               # the loss starts it
                    error = start_code(loss, _constant(y[r][j]), L(n, r, j),
                                       "%d" % (rows * layers[n]), "%d" % rows)
                    if cancels(loss):                        # and gives l_delta itself
                        yield "        %s = %s" % (D(k, r, j), error)
                        continue
                else:                                        # the error handed down
                    error = "(%s)" % _sum(["%s * %s" % (D(k + 1, r, m), W(k + 1, j, m))
                                           for m in range(layers[k + 2])])
                yield "        %s = %s * (%s)" % (D(k, r, j), error,
                                                  ACTIVATIONS[activations[k]][1].format(
                                                      l=L(k + 1, r, j)))
    rate = "" if lr == 1 else "lr * "             # 1 * step is step, exactly
    for k in range(n):                                       # the update
        for i in range(layers[k]):
            for j in range(layers[k + 1]):
                step = _sum([_product(value(k, r, i), D(k, r, j)) for r in range(rows)])
                yield "        %s = %s + %s(%s)" % (W(k, i, j), W(k, i, j), rate, step)
    yield "    return [%s]" % ", ".join(
        "[%s]" % ", ".join(W(k, i, j) for i in range(layers[k]) for j in range(layers[k + 1]))
        for k in range(n))
