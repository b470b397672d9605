"""``purebp check``: purebp against numpy's numbers, without pytest.

A few small scenarios recorded from numpy ship inside the package
(``purebp/selfcheck_data.py`` and ``selfcheck_large.py``, written by
tools/record_references.py, whose ``SELFCHECK`` list names them all): the
random start and numpy's shuffle, the activations, and short training runs
of each loss, hidden activation and mini-batches.
``self_check`` runs them and returns each one's largest deviation from
numpy; the check passes when every one is within 1e-12. This is what to
run on a machine where nothing can be installed, to trust the copy there.

>>> results = self_check()
>>> all(deviation <= TOLERANCE for name, deviation in results)
True

On a microcontroller's small heap (below ``BOARD_HEAP``) the check runs a
board-sized subset -- the random start and the shuffle, the activations,
and the training scenarios of at most ``BOARD_WEIGHTS`` weights, on the
plain path -- and says so. Where floats are single precision (most boards'
firmware), numpy's numbers cannot be matched at all, and the check says
that instead of listing deviations.
"""

TOLERANCE = 1e-12
BOARD_HEAP = 160 * 1024   # a heap smaller than this (a board's) runs the board-sized subset
BOARD_WEIGHTS = 16        # the board-sized subset's largest network, in weights
SINGLE_PRECISION = ("this Python computes in single precision (32-bit floats); numpy's "
                    "numbers need double precision (64-bit floats)")


def double_precision():
    """Whether floats here have 53 bits, as numpy's float64 (and CPython's) do.

    >>> double_precision()
    True
    """
    return 1.0 + 2.0 ** -52 != 1.0


def heap_size():
    """MicroPython's heap in bytes; None elsewhere (CPython and PyPy have no such limit)."""
    import gc
    try:
        return gc.mem_free() + gc.mem_alloc()
    except AttributeError:
        return None


def self_check(*, board=False):
    """``(name, largest deviation from numpy)`` for every recorded scenario.

    ``board=True``: the board-sized subset. Its training scenarios (those of
    at most ``BOARD_WEIGHTS`` weights) run on the plain path: building the
    compiled loop takes more heap than these small runs do (the tests hold
    the compiled loop to the plain path's numbers).
    """
    from . import _let_go, _loaded
    loaded = _loaded()
    from . import checks
    board = checks.flag(board, "board")
    del checks
    _let_go(("checks",), loaded)     # as train does: a board needs the room to train
    trainings = scenarios(board)
    # The draws first: then a board lets their data go (below), and its heap
    # keeps only the scenarios still to train (and not the draws' code).
    from .selfcheck_draws import drawn_and_activated
    results = drawn_and_activated()
    del drawn_and_activated
    _let_go(("selfcheck_draws",), loaded)
    if board:
        # From here a board's heap holds only the scenarios still to train:
        # the room of the other numbers, and of each scenario once it is
        # compared, goes to training.
        _let_go_of_data()
    while trainings:
        s = trainings.pop(0)
        results.append((s["name"], _trained(s, fast=not board)))
        # The loops, the metrics and the checks, loaded by the training, go
        # too: the next training's argument checks and random start have
        # their room, and it loads them again once those are gone.
        _let_go(("training", "metrics", "batch_training", "checks"), loaded)
    return results


def scenarios(board=False):
    """The recorded training scenarios: those of at most ``BOARD_WEIGHTS``
    weights (``selfcheck_data``), then, unless ``board``, the larger ones
    (``selfcheck_large``, which the board-sized check never loads)."""
    from . import selfcheck_data
    if board:
        return list(selfcheck_data.SCENARIOS)
    from . import selfcheck_large
    return selfcheck_data.SCENARIOS + selfcheck_large.SCENARIOS


def _trained(s, fast):
    """The largest deviation of scenario ``s``'s training from numpy's."""
    from .network import train
    X, y = _data(s["data"])
    result = train(X, y, layers=s["layers"], seed=s["seed"], iterations=s["iterations"],
                   lr=s["lr"], loss=s["loss"], every=s["every"], metric=s["metric"],
                   activation=s["activation"], batch_size=s["batch_size"],
                   epochs=s["epochs"], fast=fast)
    return max(_deviation(_flat(result.weights), s["weights"]),
               _deviation(_flat(result.outputs), s["outputs"]),
               _deviation([v for i, v in result.history], s["history"]))


def _data(name):
    """A scenario's data: built in, or ``xor-classes``, XOR as two one-hot classes."""
    from .datasets import load_data
    if name == "xor-classes":
        X, y = load_data("xor")
        return X, [[1 - row[0], row[0]] for row in y]
    return load_data(name)


def _let_go_of_data():
    """Take ``selfcheck_data`` out of ``sys.modules`` and the package: once
    nothing else holds its numbers, they leave the heap. (The next import
    reads the module afresh.)"""
    import sys
    del sys.modules["purebp.selfcheck_data"]
    del sys.modules["purebp"].selfcheck_data


def _numbers(text):
    """The recorded numbers, stored as one string (see selfcheck_data), read
    one at a time: a board's heap need not hold them all, nor their texts."""
    start, end = 0, len(text)
    while start < end:
        stop = text.find(" ", start)
        if stop < 0:
            stop = end
        yield float(text[start:stop])
        start = stop + 1


def _flat(matrices):
    """Weight matrices (or one matrix) row by row, as the recorded strings hold them."""
    if isinstance(matrices[0][0], list):
        return [v for syn in matrices for row in syn for v in row]
    return [v for row in matrices for v in row]


def _deviation(values, text):
    """Largest |a - b| of ``values`` and the recorded numbers in ``text``;
    inf where there are more or fewer of them, or a value is NaN."""
    worst, count = 0.0, 0
    for b in _numbers(text):
        if count == len(values):
            return float("inf")                  # more numbers recorded than values
        gap = abs(values[count] - b)
        if not gap <= worst:                     # larger, or NaN, which matches no number
            worst = gap if gap == gap else float("inf")
        count += 1
    return worst if count == len(values) else float("inf")


def print_check(write=print, board=None):
    """Run the check, print a line a scenario and a verdict; return the exit code.

    ``board``: run the board-sized subset; None decides by the heap's size.
    Returns 0 when every number is within ``TOLERANCE`` of numpy's, 1 when
    one is not, or when floats here are single precision (nothing to compare).
    """
    write(_heading())
    if not double_precision():
        write("not checked: %s, so they cannot be matched here. Training and prediction "
              "work, to about 7 digits." % SINGLE_PRECISION)
        return 1
    heap = heap_size()
    if board is None:
        board = heap is not None and heap < BOARD_HEAP
    if board:
        write(_board_sized(heap))
    results = self_check(board=board)
    worst = 0.0
    for name, deviation in results:
        worst = max(worst, deviation)
        write("  %-44s %9.3g  %s" % (name, deviation, "ok" if deviation <= TOLERANCE else "FAIL"))
    failed = [name for name, deviation in results if not deviation <= TOLERANCE]
    if failed:
        write("FAILED: %d of %d differ from numpy by more than %g" % (len(failed), len(results),
                                                                     TOLERANCE))
        return 1
    write("ok: %d checks%s, worst deviation %.3g" % (len(results), " (board-sized subset)"
                                                     if board else "", worst))
    return 0


def _heading():
    from . import selfcheck_data
    return "purebp check: against numpy %s, tolerance %g" % (selfcheck_data.NUMPY_VERSION,
                                                            TOLERANCE)


def _board_sized(heap):
    """What the board-sized subset covers (``selfcheck_data`` says how many
    scenarios it leaves out, without loading ``selfcheck_large``)."""
    from . import selfcheck_data
    small = len(selfcheck_data.SCENARIOS)
    return ("a board-sized subset: %d of %d training scenarios (networks of at most %d "
            "weights, on the plain path)%s; the full check needs %d KB"
            % (small, small + selfcheck_data.LARGE_SCENARIOS, BOARD_WEIGHTS,
               ": this heap has %d KB for Python" % (heap // 1024) if heap else "",
               BOARD_HEAP // 1024))
