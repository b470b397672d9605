"""The fast path's row-looped form: per layer, code that loops over the rows.

For each layer, ``compile_rows`` writes two functions and compiles them
(``purebp.fast`` chooses the form and runs the loop):

* ``forward(w, rows)``: per row, ``z_j = x_0 w_0j + x_1 w_1j + ...`` left
  to right, then the activation: ``network.layer_forward`` for one row;
* ``backward(w, rows_in, rows_out, errors)``: per row, the error arriving
  at the outputs (from the targets, by the loss's snippet, at the top),
  ``l_delta = error * slope`` (or, for a loss whose slope cancels, the
  snippet's ``l_delta``), each weight's step summed over the rows in
  order, the error handed down; then ``w + lr * step``:
  ``network.layer_backward`` and ``network.update`` for one layer.

The weights are local variables, every sum of one row is spelled out, and
the rows are a loop: the code grows with the weights, not with the data,
and runs on whatever rows it is given (all of them, or a mini-batch:
``CompiledLoop.step``). A row activation (softmax) computes every unit's
``z`` first, then the row's outputs.

>>> for line in forward_lines(2, 1, "sigmoid"):
...     print(line)
def forward(w, rows):
    w0_0, w1_0 = w
    out = []
    keep = out.append
    for x0, x1 in rows:
        z = x0 * w0_0 + x1 * w1_0
        l0 = 1 / (1 + exp(-z)) if z >= EXP_SAFE else sigmoid(z)
        keep((l0,))
    return out
"""

from .fast import ACTIVATIONS, SUM_TERMS
from .fast_code import (cancels, compile_function, is_row, pairwise_code, start_code,
                        unpack_target)


def compile_rows(X, y, layers, lr, loss, activations):
    """The ``CompiledLoop`` for ``X``, ``y``: per layer a forward and a backward
    function, run in turn for each iteration; None if one does not compile.
    ``activations``: each layer's, bottom up."""
    n = len(layers) - 1
    forwards, backwards = [], []
    for k in range(n):
        n_in, n_out, top = layers[k], layers[k + 1], loss if k == n - 1 else None
        activation = activations[k]
        forwards.append(compile_function(
            lambda: forward_lines(n_in, n_out, activation), "forward"))
        backwards.append(compile_function(
            lambda: backward_lines(n_in, n_out, activation, lr, top, k > 0), "backward", lr))
    if None in forwards or None in backwards:
        return None
    # loaded once the code is compiled: on a board, the compiler needs the room
    from .fast_loop import CompiledLoop

    def run_count(flats, start, count, every, history):
        for i in range(start, start + count):
            l = [X]                                          # forward, bottom up
            for k in range(n):
                l.append(forwards[k](flats[k], l[k]))
            if every and i % every == 0:
                history.append((i, [list(row) for row in l[n]]))
            error = y                                        # backward, top down
            for k in range(n - 1, -1, -1):
                flats[k], error = backwards[k](flats[k], l[k], l[k + 1], error)
        return flats

    def step_rows(flats, rows_X, rows_y):
        # one step on any rows (a mini-batch), as run_count's iteration
        flats = list(flats)
        l = [rows_X]
        for k in range(n):
            l.append(forwards[k](flats[k], l[k]))
        error = rows_y
        for k in range(n - 1, -1, -1):
            flats[k], error = backwards[k](flats[k], l[k], l[k + 1], error)
        return flats, [list(row) for row in l[n]]

    def forward_rows(flats, rows_X):
        # the outputs for any rows: the reports' forward pass
        l = rows_X
        for k in range(n):
            l = forwards[k](flats[k], l)
        return [list(row) for row in l]

    return CompiledLoop("rows", list(layers), run_count, (X, y, layers, lr, loss, activations),
                        step_rows, forward_rows)


def source(X, y, layers, lr, loss, activations):
    """The code ``compile_rows`` compiles, as text: each layer's two functions."""
    n = len(layers) - 1
    text = []
    for k in range(n):
        text.append("# syn[%d]: %d x %d" % (k, layers[k], layers[k + 1]))
        text += forward_lines(layers[k], layers[k + 1], activations[k])
        text += backward_lines(layers[k], layers[k + 1], activations[k], lr,
                               loss if k == n - 1 else None, k > 0)
    return "\n".join(text) + "\n"


def _names(prefix, count):
    return ["%s%d" % (prefix, i) for i in range(count)]


def _weight(i, j):
    return "w%d_%d" % (i, j)


def _weights(n_in, n_out):
    """The weights' names, row by row: ``syn`` flattened."""
    return [_weight(i, j) for i in range(n_in) for j in range(n_out)]


def _sum_lines(indent, name, terms):
    """``name = t0 + t1 + ...`` left to right, in statements of SUM_TERMS terms
    (``name = name + ...`` goes on in the same order; CPython's compiler
    recurses once per term of one expression)."""
    for at in range(0, len(terms), SUM_TERMS):
        head = [name] if at else []
        yield "%s%s = %s" % (indent, name, " + ".join(head + terms[at:at + SUM_TERMS]))


def forward_lines(n_in, n_out, activation):
    """``forward(w, rows)``: this layer's outputs for the rows, as tuples.

    For each row, ``z_j = x_0 w_0j + x_1 w_1j + ...`` left to right (``dot``),
    then the activation (``apply``; softmax: ``z`` of every unit first, then
    the row).
    """
    l_from_z = ACTIVATIONS[activation][0]
    row = is_row(activation)
    x, l = _names("x", n_in), _names("l", n_out)
    z = _names("z", n_out) if row else ["z"] * n_out
    yield "def forward(w, rows):"
    yield "    %s = w" % unpack_target(_weights(n_in, n_out))
    yield "    out = []"
    yield "    keep = out.append"
    yield "    for %s in rows:" % unpack_target(x)
    for j in range(n_out):
        yield from _sum_lines("        ", z[j], ["%s * %s" % (x[i], _weight(i, j))
                                               for i in range(n_in)])
        if not row:
            yield "        %s = %s" % (l[j], l_from_z.format(z=z[j]))
    if row:
        for line in l_from_z(z, l, pairwise_code):
            yield "        " + line
    yield "        keep((%s))" % unpack_target(l)
    yield "    return out"


def backward_lines(n_in, n_out, activation, lr, loss, hand_down):
    """``backward(w, rows_in, rows_out, errors)``: the updated weights, and the
    error handed to the layer below (None for the bottom layer).

    ``errors`` are the errors arriving at the outputs, or, for the top layer
    (``loss`` given), the targets, from which the loss's snippet makes them
    (``size`` and ``rows``: the batch's entries and rows, for the means).
    Per row: ``l_delta_j = e_j * slope_j`` (where the loss cancels the
    slope, its snippet is ``l_delta_j``); each weight's step adds
    ``x_i * l_delta_j`` (``l_in.T . l_delta``, rows in order); the error
    handed down is ``l_delta_0 w_i0 + l_delta_1 w_i1 + ...``
    (``l_delta . syn.T``). Then ``w + lr * step``.
    """
    slope = ACTIVATIONS[activation][1]
    x, l, e, d = _names("x", n_in), _names("l", n_out), _names("e", n_out), _names("d", n_out)
    yield "def backward(w, rows_in, rows_out, errors, lr=lr):"
    yield "    %s = w" % unpack_target(_weights(n_in, n_out))
    for i in range(n_in):
        for j in range(n_out):
            yield "    s%d_%d = 0" % (i, j)         # the step of w_ij, summed over the rows
    if hand_down:
        yield "    down = []"
        yield "    keep = down.append"
    else:
        yield "    down = None"
    t = _names("y", n_out) if loss else e
    if loss:
        yield "    rows = len(errors)"
        yield "    size = rows * %d" % n_out            # y.size, as losses._size counts it
    yield "    for (%s), (%s), (%s) in zip(rows_in, rows_out, errors):" % (
        unpack_target(x), unpack_target(l), unpack_target(t))
    for j in range(n_out):
        if loss and cancels(loss):
            yield "        %s = %s" % (d[j], start_code(loss, t[j], l[j], "size", "rows"))
            continue
        if loss:
            yield "        %s = %s" % (e[j], start_code(loss, t[j], l[j], "size", "rows"))
        yield "        %s = %s * (%s)" % (d[j], e[j], slope.format(l=l[j]))
    for i in range(n_in):
        for j in range(n_out):
            yield "        s%d_%d += %s * %s" % (i, j, x[i], d[j])
    if hand_down:
        for i in range(n_in):
            yield from _sum_lines("        ", "h%d" % i, ["%s * %s" % (d[j], _weight(i, j))
                                                       for j in range(n_out)])
        yield "        keep((%s))" % unpack_target(_names("h", n_in))
    rate = "" if lr == 1 else "lr * "             # 1 * step is step, exactly
    yield "    return [%s], down" % ", ".join("%s + %ss%d_%d" % (_weight(i, j), rate, i, j)
                                             for i in range(n_in) for j in range(n_out))
