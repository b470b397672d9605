"""The training loops: full batch and mini-batches, with their reports.

``network.train`` checks its arguments, draws the weights, and hands them
to one of these loops; ``network.step_at`` replays them up to a step.
Each loop repeats ``network``'s step (forward, backward, update) and
keeps the reports:

* ``full_batch``: the article's loop. Every iteration uses every row, in
  the file's order; iteration i's report is the metric of the outputs it
  computes *before* its update, as the article prints its loss. Where it
  can, it runs the loop ``purebp.fast`` compiles (the same numbers).
* ``mini_batches``: each epoch shuffles the rows with numpy's
  ``np.random.permutation`` (``purebp.batches``) and steps on a batch at a
  time; epoch e's report is the metric of the weights it *starts* from, on
  every training row.
* ``replay``: the weights a given step starts from, and its batch, for
  ``explain`` and ``gradcheck``.

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

from .batches import batch_rows, take
from .errors import TrainingError
from .metrics import measure
from .network import _forward, _step
from .random_start import MT19937, permutation, random_weights

CHUNK = 64               # compiled iterations between checks for NaN and progress reports
CHUNK_WORK = 2000000     # and at most about this many multiply-adds (a fraction of a second)


def full_batch(X, y, weights, iterations, lr, loss, activation, every, metric, progress, fast,
               held_out=None):
    """The article's loop: every row, every iteration; returns
    (weights, l, history, held-out history)."""
    layers = [len(weights[0])] + [len(syn[0]) for syn in weights]
    history, held = [], []
    loop = None
    if fast and iterations > 1:
        try:
            from .fast import compile_loop      # imported here: mini-batches need none of it
            loop = compile_loop(X, y, layers, lr, loss, activation)
        except MemoryError:
            loop = None     # a board's heap too small for the compiled loop: the plain path
    first = 0
    if loop is not None:
        # All but the last iteration compiled, in chunks; the last one plain,
        # for its outputs l (the ones before the final update).
        size = chunk_size(len(X), layers)
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
            history += [(i, measure(metric, y, outputs, loss)) for i, outputs in reports]
            first += count
            _tell(progress, first, lambda: _metric(weights, (X, y), metric, activation, loss))
        loop = None      # its code can go: a board's heap needs the room for the plain steps
    for i in range(first, iterations):
        if held_out is not None and every and i % every == 0:
            held.append((i, _metric(weights, held_out, metric, activation, loss)))
        s = _step(weights, X, y, lr, loss, activation)
        if every and i % every == 0:
            history.append((i, measure(metric, y, s.l[-1], loss)))
        weights = s.weights
        if not _all_finite(weights):
            raise TrainingError(
                "training diverged at iteration %d: a weight became NaN or infinite; "
                "try a lower learning rate than %r" % (i, lr), iteration=i)
        _tell(progress, i + 1, lambda: measure(metric, y, s.l[-1], loss))
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


def mini_batches(X, y, weights, generator, batch_size, epochs, lr, loss, activation, every,
                 metric, progress, held_out=None):
    """Epochs of shuffled batches; returns (weights, outputs on every row,
    history, held-out history)."""
    history, held = [], []
    done = 0
    for epoch in range(epochs):
        if every and epoch % every == 0:     # the weights this epoch starts from, every row
            history.append((epoch, _metric(weights, (X, y), metric, activation, loss)))
            if held_out is not None:
                held.append((epoch, _metric(weights, held_out, metric, activation, loss)))
        order = permutation(len(X), generator)           # order = np.random.permutation(len(X))
        for rows in batch_rows(order, batch_size):       # rows = order[start:start + B]
            y_batch = take(y, rows)
            s = _step(weights, take(X, rows), y_batch, lr, loss, activation)
            weights = s.weights
            if not _all_finite(weights):
                raise TrainingError(
                    "training diverged in epoch %d, at step %d: a weight became NaN or "
                    "infinite; try a lower learning rate than %r" % (epoch, done, lr),
                    iteration=done)
            done += 1
            _tell(progress, done, lambda: measure(metric, y_batch, s.l[-1], loss))
    return weights, _forward(weights, X, activation, loss)[-1], history, held


def replay(X, y, layers, seed, lr, loss, at, activation, batch_size, progress):
    """Train up to step ``at`` (from 1); return ``(weights, batch)`` as
    ``network.step_at`` describes them."""
    generator = MT19937(seed)
    weights = random_weights(layers, generator)
    if batch_size is None:
        if at > 1:
            weights = full_batch(X, y, weights, at - 1, lr, loss, activation, 0, "sse",
                                 progress, True)[0]
        return weights, None
    done, epoch = 0, 0
    while True:
        order = permutation(len(X), generator)
        for index, rows in enumerate(batch_rows(order, batch_size)):
            if done == at - 1:
                return weights, (epoch, index, rows)
            weights = _step(weights, take(X, rows), take(y, rows), lr, loss, activation).weights
            done += 1
            if progress is not None:
                progress(done, None)
        epoch += 1


# --- private helpers ------------------------------------------------------------

def _metric(weights, data, metric, activation, loss):
    """The metric of the network ``weights`` on every row of ``data``, ``(X, y)``."""
    X, y = data
    return measure(metric, y, _forward(weights, X, activation, loss)[-1], loss)


def _tell(progress, done, current):
    """``progress(done, current())``, if there is one and it will show it."""
    if progress is None:
        return
    due = getattr(progress, "due", None)
    if due is None or due(done):
        progress(done, current())


def _all_finite(weights):
    for syn in weights:
        for row in syn:
            for w in row:
                if w - w != 0:      # inf - inf and nan - nan are nan
                    return False
    return True
