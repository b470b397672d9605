"""The training loops: full batch and mini-batches, with their reports.

``network.train`` checks its arguments, draws the weights, and hands them
to one of these loops; ``purebp.replay`` replays them up to a step.
Each loop repeats ``network``'s step (forward, backward, update) and
keeps the reports:

* ``full_batch``: the article's loop. Every iteration uses every row, in
  the file's order; iteration i's report is the metric of the outputs it
  computes *before* its update, as the article prints its loss. Where it
  can, it runs the loop ``purebp.fast`` compiles (the same numbers).
* ``mini_batches``, in ``purebp.batch_training`` (loaded only with a
  batch size: a board's heap need not hold it): each epoch shuffles the
  rows with numpy's ``np.random.permutation`` (``random_start.permutation``;
  ``purebp.batches`` says how) and steps on a batch at a time; epoch e's report is the metric of the
  weights it *starts* from, on every training row. Where it can,
  ``compiled_batches`` runs the same loop with the steps and forward
  passes ``purebp.fast`` compiles (the same numbers).

With held-out rows (``held_out=(X, y)``), each report measures them too,
with the weights the reported iteration (or epoch) starts from: the
weights that computed the training rows' outputs of that report. The
compiled loop returns outputs only at report iterations, so with held-out
rows it runs in chunks that end at report iterations, and the held-out
rows are measured with the weights a chunk starts from.

``progress(done, metric)`` is told the metric of the newest outputs: full
batch, of the iteration just done (on the compiled path, of the weights so
far, a forward pass); with batches, of the last batch. A progress object
with a ``due(done)`` method is asked first, and the metric is computed
only when it will be shown.

A step whose weights are no longer finite ends training with a
``TrainingError`` naming it.
"""

import gc
import sys

from . import _let_go, _loaded
from .errors import TrainingError
from .network import _forward, step

CHUNK = 64               # compiled iterations between checks for NaN and progress reports
CHUNK_WORK = 2000000     # and at most about this many multiply-adds (a fraction of a second)

# On a board (MicroPython's counted heap), the garbage is collected as each
# report is kept. Otherwise the reports, small and kept, land all over a heap
# the steps' garbage has swept through, and the list that holds them finds no
# room to grow: 3,000,000 iterations at every=1000 ran out of the unix port's
# 1 MB heap at iteration 1,038,976, with 954 KB free in pieces of 5 KB at most.
# Collected, they end where they started, at the heap's low end. Every
# report: once every 16 (or at each power of two) still failed in a 128 KB
# heap. Its cost shows only with a report each iteration on the plain path
# (every=1: 500 iterations took 0.53 s in a 64 KB heap, 0.28 s with every=0).
_tidy = gc.collect if hasattr(gc, "mem_free") else (lambda: None)

# Why the plain path ran (``Training.plain_reason``), where the command line
# words it its own way: asked for, and a debugger.
ASKED = "fast=False asks for it"
DEBUGGER = "a debugger is on"


def compiled_loop(X, y, layers, lr, loss, activation, iterations, fast, form=None):
    """The compiled loop training runs (``purebp.fast``; ``form="rows"`` for
    mini-batches): ``(loop, None)``, or ``(None, why the plain path runs)``.

    The plain path runs when ``fast`` is False, for a single iteration,
    when a debugger is on (``debugger_on``), and where the compiled loop
    does not apply (``purebp.fast`` says where).
    """
    if not fast:
        return None, ASKED
    if iterations < 2:
        return None, "one iteration compiles nothing"
    if debugger_on():
        return None, DEBUGGER
    return build_loop(X, y, layers, lr, loss, activation, form)


def build_loop(X, y, layers, lr, loss, activation, form=None):
    """``(loop, None)``: the loop ``purebp.fast`` compiles for this data,
    network and rate; or ``(None, why it makes none)``."""
    short = "the compiled loop needs more memory than this Python has left"
    import gc
    if hasattr(gc, "mem_free"):         # a board's heap (MicroPython)
        gc.collect()
        # Less free than about 16 KB builds no loop (purebp.fast's modules
        # and the smallest code need 19 KB on MicroPython 1.27, 32-bit): the
        # plain path runs, decided before an import or a failed build cuts
        # the heap up.
        if gc.mem_free() < 16384:
            return None, short
    compiled = reason = None
    loaded = _loaded()
    try:
        from . import fast as compiled      # imported here: fast=False needs none of it
        loop = compiled.compile_loop(X, y, layers, lr, loss, activation, form=form)
    except MemoryError:     # a board's heap too small for the compiled loop: the plain path
        loop, reason = None, short
    if loop is None and reason is None:
        reason = compiled.why_no_loop(layers, loss, activation)
    # On a board, the loop runs without purebp.fast (its class is in
    # purebp.fast_loop), and the plain path needs none of it.
    _let_go(("fast",), loaded, keep_source=False)
    return loop, reason


def debugger_on():
    """Whether a debugger watches this thread, so that ``train`` runs
    ``network.step`` for its breakpoints to stop in.

    A debugger is a trace function (``sys.settrace``: pdb, the IDEs'
    debuggers, the ``trace`` module), or on Python 3.12 and later a tool in
    ``sys.monitoring``'s debugger slot (debugpy, PyCharm and other pydevd
    debuggers there). coverage.py's trace function is not counted: the
    compiled loop is what it should measure, and ``network.step`` runs for
    the last iteration anyway. Profilers (cProfile) set a profile function,
    not a trace function: they time the compiled loop, as it runs unwatched.
    """
    gettrace = getattr(sys, "gettrace", None)        # MicroPython may have none
    tracer = gettrace() if gettrace is not None else None
    if tracer is not None:
        owner = getattr(tracer, "__self__", tracer)  # a bound method's object
        if getattr(type(owner), "__module__", "").split(".")[0] != "coverage":
            return True
    monitoring = getattr(sys, "monitoring", None)
    return monitoring is not None and monitoring.get_tool(monitoring.DEBUGGER_ID) is not None


def full_batch(X, y, weights, iterations, lr, loss, activation, every, metric, progress, loop,
               held_out=None):
    """The article's loop: every row, every iteration, on the compiled
    ``loop`` (``compiled_loop``) if given; returns (weights, l, history,
    held-out history)."""
    history, held = [], []
    first = 0
    if loop is not None:
        # All but the last iteration compiled, in chunks; the last one plain,
        # for its outputs l (the ones before the final update).
        size = chunk_size(len(X), loop.layers)
        while first < iterations - 1:
            count = min(size, iterations - 1 - first)
            if held_out is not None and every:
                if first % every == 0:      # the weights this report's outputs come from
                    held.append((first, _metric(weights, held_out, metric, activation, loss)))
                count = min(count, every - first % every)   # end at the next report
            new_weights, reports = loop.run(weights, first, count, every)
            if not _all_finite(new_weights):
                if held and held[-1][0] == first:
                    held.pop()                  # the plain replay below reports it again
                break    # replay this chunk plain below, to name the iteration
            weights = new_weights
            history += [(i, _measure(metric, y, outputs, loss)) for i, outputs in reports]
            if reports:
                _tidy()
            first += count
            _tell(progress, first, lambda: _metric(weights, (X, y), metric, activation, loss))
        loop = None      # its code can go: a board's heap needs the room for the plain steps
    for i in range(first, iterations):
        if held_out is not None and every and i % every == 0:
            held.append((i, _metric(weights, held_out, metric, activation, loss)))
        s = step(weights, X, y, lr, loss, activation, checked=True)
        if every and i % every == 0:
            history.append((i, _measure(metric, y, s.l[-1], loss)))
            _tidy()
        weights = s.weights
        if not _all_finite(weights):
            raise TrainingError(
                "training diverged at iteration %d: a weight became NaN or infinite; "
                "try a lower learning rate than %r" % (i, lr), iteration=i)
        _tell(progress, i + 1, lambda: _measure(metric, y, s.l[-1], loss))
    return weights, s.l[-1], history, held


def chunk_size(rows, layers):
    """Compiled iterations a chunk: ``CHUNK``, fewer where an iteration is
    large, so NaN checks and progress come at least every ``CHUNK_WORK``
    multiply-adds (or every iteration).

    >>> chunk_size(4, [3, 4, 1]), chunk_size(1257, [65, 32, 10])
    (64, 1)
    """
    work = 3 * rows * sum(layers[k] * layers[k + 1] for k in range(len(layers) - 1))
    return max(1, min(CHUNK, CHUNK_WORK // max(1, work)))


# --- private helpers ------------------------------------------------------------

def _measure(metric, y, l_out, loss):
    """``metrics.measure``, loaded with the first report: training without
    reports needs none of it, and a board's heap need not hold it."""
    from .metrics import measure
    return measure(metric, y, l_out, loss)


def _metric(weights, data, metric, activation, loss):
    """The metric of the network ``weights`` on every row of ``data``, ``(X, y)``."""
    X, y = data
    return _measure(metric, y, _forward(weights, X, activation, loss)[-1], loss)


def _tell(progress, done, current):
    """``progress(done, current())``, if there is one and it will show it."""
    if progress is None:
        return
    due = getattr(progress, "due", None)
    if due is None or due(done):
        progress(done, current())


def __getattr__(name):
    """Loops that moved out, still imported from here (PEP 562): ``replay``
    to ``purebp.replay``, ``mini_batches`` and ``compiled_batches`` to
    ``purebp.batch_training``. Full-batch training needs neither module."""
    if name == "replay":
        from . import replay
        return replay.replay
    if name in ("mini_batches", "compiled_batches"):
        from . import batch_training
        return getattr(batch_training, name)
    raise AttributeError("module 'purebp.training' has no attribute %r" % (name,))


def _all_finite(weights, depth=2):
    """Whether every weight is a finite number; ``depth`` 1 for flat lists."""
    for syn in weights:
        for row in (syn if depth == 2 else [syn]):
            for w in row:
                if w - w != 0:      # inf - inf and nan - nan are nan
                    return False
    return True
