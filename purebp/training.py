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

A step whose weights are no longer finite ends training with a
``TrainingError`` naming it.
"""

from .batches import batch_rows, take
from .errors import TrainingError
from .metrics import measure
from .network import _forward, _step
from .random_start import MT19937, permutation, random_weights

CHUNK = 64               # compiled iterations between checks for NaN and progress reports


def full_batch(X, y, weights, iterations, lr, loss, activation, every, metric, progress, fast):
    """The article's loop: every row, every iteration; returns (weights, l, history)."""
    layers = [len(weights[0])] + [len(syn[0]) for syn in weights]
    history = []
    loop = None
    if fast and iterations > 1:
        from .fast import compile_loop      # imported here: mini-batches need none of it
        loop = compile_loop(X, y, layers, lr, loss, activation)
    first = 0
    if loop is not None:
        # All but the last iteration compiled, in chunks; the last one plain,
        # for its outputs l (the ones before the final update).
        while first < iterations - 1:
            count = min(CHUNK, iterations - 1 - first)
            new_weights, reports = loop.run(weights, first, count, every)
            if not _all_finite(new_weights):
                break    # replay this chunk plain below, to name the iteration
            weights = new_weights
            history += [(i, measure(metric, y, outputs, loss)) for i, outputs in reports]
            first += count
            if progress is not None:
                progress(first, history[-1][1] if history else None)
    for i in range(first, iterations):
        s = _step(weights, X, y, lr, loss, activation)
        if every and i % every == 0:
            history.append((i, measure(metric, y, s.l[-1], loss)))
        weights = s.weights
        if not _all_finite(weights):
            raise TrainingError(
                "training diverged at iteration %d: a weight became NaN or infinite; "
                "try a lower learning rate than %r" % (i, lr), iteration=i)
        if progress is not None:
            progress(i + 1, history[-1][1] if history else None)
    return weights, s.l[-1], history


def mini_batches(X, y, weights, generator, batch_size, epochs, lr, loss, activation, every,
                 metric, progress):
    """Epochs of shuffled batches; returns (weights, outputs on every row, history)."""
    history = []
    done = 0
    for epoch in range(epochs):
        if every and epoch % every == 0:     # the weights this epoch starts from, every row
            history.append((epoch, _metric(weights, X, y, metric, activation, loss)))
        order = permutation(len(X), generator)           # order = np.random.permutation(len(X))
        for rows in batch_rows(order, batch_size):       # rows = order[start:start + B]
            weights = _step(weights, take(X, rows), take(y, rows), lr, loss, activation).weights
            if not _all_finite(weights):
                raise TrainingError(
                    "training diverged in epoch %d, at step %d: a weight became NaN or "
                    "infinite; try a lower learning rate than %r" % (epoch, done, lr),
                    iteration=done)
            done += 1
            if progress is not None:
                progress(done, history[-1][1] if history else None)
    return weights, _forward(weights, X, activation, loss)[-1], history


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

def _metric(weights, X, y, metric, activation, loss):
    """The metric of the network ``weights`` on every row of ``X``, ``y``."""
    return measure(metric, y, _forward(weights, X, activation, loss)[-1], loss)


def _all_finite(weights):
    for syn in weights:
        for row in syn:
            for w in row:
                if w - w != 0:      # inf - inf and nan - nan are nan
                    return False
    return True
