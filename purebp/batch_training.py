"""Training in mini-batches: epochs of shuffled batches, with their reports.

``network.train`` runs these loops when it is given a batch size (full
batch, the article's loop, is ``purebp.training.full_batch``; this module
is loaded only with a batch size, so a board's heap need not hold it):

* ``mini_batches``: each epoch shuffles the rows with numpy's
  ``np.random.permutation`` (``random_start.permutation``; ``purebp.batches``
  says how) and steps on a batch at a time; epoch e's report is the metric
  of the weights it *starts* from, on every training row; held-out rows are
  measured with the same weights.
* ``compiled_batches``: the same loop with the steps and forward passes
  ``purebp.fast`` compiles (the same numbers), where it can.

``progress(done, metric)`` is told the metric of the last batch, and a
step whose weights are no longer finite ends training with a
``TrainingError`` naming it, as in ``purebp.training``.
"""

from .errors import TrainingError
from .metrics import measure
from .network import _forward, step
from .training import _all_finite, _metric, _tell, _tidy

# purebp.batches and random_start are imported by the loops: a later
# full-batch training on a board lets them go (``purebp._let_go``), and
# this module stays loaded.


def mini_batches(X, y, weights, generator, batch_size, epochs, lr, loss, activation, every,
                 metric, progress, held_out=None, loop=None):
    """Epochs of shuffled batches; returns (weights, outputs on every row,
    history, held-out history). Given a compiled ``loop`` (``compiled_loop``
    with ``form="rows"``), ``compiled_batches`` runs them."""
    if loop is not None:
        return compiled_batches(loop, X, y, weights, generator, batch_size, epochs, lr, loss,
                                every, metric, progress, held_out)
    from .batches import batch_rows, take
    from .random_start import permutation
    history, held = [], []
    done = 0
    for epoch in range(epochs):
        if every and epoch % every == 0:     # the weights this epoch starts from, every row
            history.append((epoch, _metric(weights, (X, y), metric, activation, loss)))
            _tidy()
            if held_out is not None:
                held.append((epoch, _metric(weights, held_out, metric, activation, loss)))
        order = permutation(len(X), generator)           # order = np.random.permutation(len(X))
        for rows in batch_rows(order, batch_size):       # rows = order[start:start + B]
            y_batch = take(y, rows)
            s = step(weights, take(X, rows), y_batch, lr, loss, activation, checked=True)
            weights = s.weights
            if not _all_finite(weights):
                raise TrainingError(
                    "training diverged in epoch %d, at step %d: a weight became NaN or "
                    "infinite; try a lower learning rate than %r" % (epoch, done, lr),
                    iteration=done)
            done += 1
            _tell(progress, done, lambda: measure(metric, y_batch, s.l[-1], loss))
    return weights, _forward(weights, X, activation, loss)[-1], history, held


def compiled_batches(loop, X, y, weights, generator, batch_size, epochs, lr, loss, every, metric,
                     progress, held_out=None):
    """``mini_batches`` line for line, each step and forward pass the compiled
    loop's (``loop.step``, ``loop.outputs``), the weights kept flat between them."""
    from .batches import batch_rows, take
    from .random_start import permutation
    history, held = [], []
    done = 0
    flats = loop.flatten(weights)
    for epoch in range(epochs):
        if every and epoch % every == 0:
            history.append((epoch, measure(metric, y, loop.outputs(flats, X), loss)))
            _tidy()
            if held_out is not None:
                held.append((epoch, measure(metric, held_out[1],
                                            loop.outputs(flats, held_out[0]), loss)))
        order = permutation(len(X), generator)
        for rows in batch_rows(order, batch_size):
            y_batch = take(y, rows)
            flats, l_out = loop.step(flats, take(X, rows), y_batch)
            if not _all_finite(flats, 1):
                raise TrainingError(
                    "training diverged in epoch %d, at step %d: a weight became NaN or "
                    "infinite; try a lower learning rate than %r" % (epoch, done, lr),
                    iteration=done)
            done += 1
            _tell(progress, done, lambda: measure(metric, y_batch, l_out, loss))
    return loop.unflatten(flats), loop.outputs(flats, X), history, held
