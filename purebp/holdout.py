"""Held-out data: rows kept out of training, to measure the network on.

A network can learn its training rows by heart; how well it does on rows
it never trained on is what it learned. ``split`` holds out a share of
the rows, ``fraction`` (``--test-fraction``), **stratified**: each class
gives the same share, so 30% of iris holds out 15 flowers of each species.

The rows are chosen by a shuffle that a numpy program reproduces from the
same seed. It comes from a generator of its own, seeded with the seed of
the random start, so the weights (and the mini-batches' shuffles) draw
exactly what they draw without a split:

    order = np.random.RandomState(seed).permutation(len(y))   # its own generator
    labels = np.argmax(y, axis=1)                    # each row's class (with classes)
    groups = y.shape[1]                              # the classes, in their order
    if not classes:                                  # targets to predict: one group
        labels, groups = np.zeros(len(y), dtype=int), 1
    held_out = []
    for c in range(groups):
        rows = order[labels[order] == c]             # class c's rows, in shuffled order
        k = min(max(int(np.floor(fraction * len(rows) + 0.5)), 1), len(rows) - 1)
        held_out += rows[:k].tolist()                # its first k are held out
    test = np.sort(held_out)
    train = np.setdiff1d(np.arange(len(y)), test)

So a class of ``n`` rows holds out ``floor(fraction * n + 0.5)`` of them
(``fraction * n`` rounded, halves up), but always at least one and never
all: each class is both trained on and measured. A class of one row
cannot be both, and is refused. Without classes, all rows are one group.
Both parts keep the file's order, so a full-batch sum over the training
rows runs in the order of the file.

>>> train_rows, test_rows = split(10, 0.3, seed=1)
>>> test_rows
[2, 6, 9]
>>> train_rows
[0, 1, 3, 4, 5, 7, 8]
>>> split(6, 0.3, seed=1, groups=[0, 0, 0, 1, 1, 1])      # one of each class
([0, 1, 3, 5], [2, 4])

``check_held_out`` checks the rows ``train(held_out=(X, y))`` is given
(``train`` loads this module only then).

These functions run where training runs (MicroPython included).
"""

from .errors import PurebpError, plural, show

# purebp.checks and random_start are imported by the functions that use
# them: a board lets them go while it trains (``purebp._let_go``), and this
# module stays loaded after a training with held-out rows.


def split(rows, fraction, seed=1, groups=None, names=None):
    """``(training rows, held-out rows)``, each a sorted list of row numbers (from 0).

    ``rows``: how many rows there are; ``groups``: the class of each row
    (0, 1, ...; None: all one group); ``names``: the classes' names, for
    messages. See the module's text for the rule and numpy's program.
    """
    from .checks import plain, whole_number
    from .random_start import MT19937, permutation
    rows = whole_number(plain(rows), "rows", least=1)
    fraction = check_fraction(fraction)
    seed = plain(seed)
    if groups is None:
        groups = [0] * rows
    elif len(groups) != rows:
        raise PurebpError("groups: %s for %s; give one class a row"
                          % (plural(len(groups), "entry", "entries"), plural(rows, "row")))
    members = {}
    for r in permutation(rows, MT19937(seed)):      # order = RandomState(seed).permutation
        members.setdefault(groups[r], []).append(r)
    held_out = []
    for group in sorted(members):                     # the classes, in their order
        shuffled = members[group]
        n = len(shuffled)
        if n < 2:
            raise PurebpError("test_fraction: %s has 1 row, which cannot be both trained on and "
                              "held out; give it more rows, or leave out the held-out split"
                              % _group_name(group, names, len(members)))
        k = min(max(int(fraction * n + 0.5), 1), n - 1)   # floor(fraction * n + 0.5), clipped
        held_out += shuffled[:k]
    held_out.sort()
    chosen = set(held_out)
    return [r for r in range(rows) if r not in chosen], held_out


def check_fraction(fraction):
    """``fraction`` as a float strictly between 0 and 1, or a PurebpError.

    >>> check_fraction(0.3)
    0.3
    >>> check_fraction(1)
    Traceback (most recent call last):
        ...
    purebp.errors.PurebpError: test_fraction: 1 is not a fraction between 0 and 1 (both left out): the share of the rows held out, like 0.2 or 0.3
    """
    from .checks import plain
    fraction = plain(fraction)
    if (isinstance(fraction, bool) or not isinstance(fraction, (int, float))
            or not 0 < fraction < 1):          # NaN fails 0 < NaN
        raise PurebpError("test_fraction: %s is not a fraction between 0 and 1 (both left "
                          "out): the share of the rows held out, like 0.2 or 0.3"
                          % show(fraction))
    return float(fraction)


def check_held_out(held_out, n_in, n_out):
    """``held_out``: a pair ``(X, y)`` of rows with the training data's columns."""
    if not isinstance(held_out, (list, tuple)) or len(held_out) != 2:
        raise PurebpError("held_out: expected a pair (X, y) of the rows held out, got %s"
                          % show(held_out))
    from .checks import finite_matrix
    from .network_check import _targets
    X = finite_matrix(held_out[0], "held_out", "X")
    y = _targets(X, held_out[1])
    if len(X[0]) != n_in or len(y[0]) != n_out:
        raise PurebpError("held_out: X has %s and y %s, but the training data has %s and %s"
                          % (plural(len(X[0]), "column"), plural(len(y[0]), "column"),
                             plural(n_in, "input"), plural(n_out, "output")))
    return X, y


def _group_name(group, names, count):
    if count == 1:
        return "the data"
    if names is not None and 0 <= group < len(names):
        return "class %r" % names[group]
    return "class %s" % group
