"""The compiled loop as a learner reads it: ``purebp train --show-code``.

``train`` runs, where it can, a loop that ``purebp.fast`` writes out as
Python for this data and network and compiles (``network.step``'s
arithmetic in ``network.step``'s order, without lists or calls). This
module prints that code with a header saying what it is and how its names
map onto ``network.py``'s. It trains nothing.

>>> from purebp.datasets import load_data
>>> X, y = load_data("seed")
>>> text = listing(X, y, [3, 1], 1.0, "half-sse", "sigmoid", "seed")
>>> print(text.splitlines()[0])
# purebp train --show-code: the loop train compiles for data seed, layers 3,1, loss half-sse,
>>> [line for line in text.splitlines() if line.startswith("        l1_0_0")]
['        l1_0_0 = 1 / (1 + exp(-z)) if z >= EXP_SAFE else sigmoid(z)']
"""

from .errors import PurebpError
from .network_check import check_conventions, check_data, check_settings

# What the names of each form stand for, after the header's first lines.
_NAMES = {
    "unrolled": [
        "# purebp/fast_unrolled.py's form: every row and weight spelled out, the data as",
        "# constants (a product with an input of 0 vanishes; one with 1 is the weight).",
        "# loop(flats, start, count, every, history) runs iterations start .. start + count - 1;",
        "# train calls it in chunks, and runs network.step for the last iteration.",
        "#   network.step                               here (k: layer, r: row, i, j: units)",
        "#   z = l[k] . syn[k]; l[k+1] = activation(z)  z = ...; l{k+1}_{r}_{j} = ...",
        "#   l_delta[k] = l_error * slope               d{k}_{r}_{j} = ...",
        "#   syn[k] + lr * (l[k].T . l_delta[k])        w{k}_{i}_{j} = w{k}_{i}_{j} + (...)",
    ],
    "rows": [
        "# purebp/fast_rows.py's form: per layer, a forward and a backward function that",
        "# spell out one row's sums and loop over the rows.",
        "#   w{i}_{j}: syn[k][i][j] of that layer      x{i}: the layer's inputs, one row",
        "#   l{j}: its outputs, one row                e{j}: the error arriving at them",
        "#   d{j}: l_delta   s{i}_{j}: w{i}_{j}'s step, summed over the rows",
        "#   h{i}: the error handed to the layer below (l_delta . syn.T)",
    ],
}
# How full batch runs the row-looped form (mini-batches: the header says how they do).
_EACH_ITERATION = [
    "# Each iteration, train calls forward for each layer, bottom up, then backward for",
    "# each, top down (purebp/fast_rows.py, run_count); network.step runs the last one.",
]


def listing(X, y, layers, lr, loss, activation, data, form=None, batch_size=None):
    """The code ``train`` compiles for ``X``, ``y`` and this network, with a
    header of comments (``data`` names the data in it; ``form="rows"``: the
    row-looped form, which mini-batches run; ``batch_size``: the header says
    they run it a batch at a time); a PurebpError if the compiled loop does
    not apply, saying why."""
    from .training import build_loop
    X, y = check_data(X, y)
    if layers is None:
        layers = [len(X[0]), len(y[0])]
    layers = check_settings(layers, len(X[0]), len(y[0]), lr, loss, 0, "sse")
    check_conventions(layers, y, activation, loss)
    loop, why_not = build_loop(X, y, layers, lr, loss, activation, form)
    if loop is None:
        raise PurebpError("--show-code: %s; train runs network.step (purebp/network.py) "
                          "instead, which is the code to read" % why_not)
    source = loop.source
    from .fast import EXP_SAFE
    head = ["# purebp train --show-code: the loop train compiles for data %s, layers %s, loss %s,"
            % (data, ",".join(str(n) for n in layers), loss),
            "# %slr %r (%d lines). network.step's arithmetic in its order, so the same numbers,"
            % ("activation %s, " % activation if len(layers) > 2 else "", lr,
               len(source.splitlines())),
            "# bit for bit; --plain trains with network.step, line by line, instead."]
    names = _NAMES[loop.form]
    if batch_size:
        head += ["# In batches of %d rows: each step runs these functions on one batch's rows,"
                 % batch_size,
                 "# taken in the order np.random.permutation shuffles them each epoch",
                 "# (purebp/batch_training.py, compiled_batches, through loop.step), every step",
                 "# here, the last one too: network.step does not run."]
    elif loop.form == "rows":
        names = names[:2] + _EACH_ITERATION + names[2:]
    tail = ["# exp is math.exp; sigmoid is purebp.activations.sigmoid, for z below EXP_SAFE (%r)"
            % EXP_SAFE,
            "# where exp(-z) would overflow; lr is the learning rate (left out when it is 1:",
            "# 1 * s is s, exactly).",
            ""]
    return "\n".join(head + names + tail) + "\n" + source
