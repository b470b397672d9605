"""Where a step of training starts: training replayed up to it.

``explain``, ``gradcheck`` and the command line's ``--at`` look at one
step of training: step ``at`` (from 1) of the training ``network.train``
would run with the same settings. ``step_at`` checks the settings as
``train`` does, then ``replay`` trains up to that step, the way ``train``
does it (``purebp.training``'s loops, the same numbers), and returns the
weights the step starts from and, with mini-batches, the rows it uses.

They live here, not in ``purebp.network``: training itself never needs
them, and a board's heap need not hold them.

>>> from purebp.datasets import load_data
>>> X, y = load_data("seed")
>>> weights_at(X, y, [3, 1], at=1) == weights_at(X, y, [3, 1], at=2)
False
>>> weights, batch = step_at(X, y, [3, 1], at=3, batch_size=2)
>>> batch
(1, 0, [2, 1])
"""

from . import budget, checks
from .batches import batch_rows, schedule, take
from .errors import PurebpError, plural, show
from .network import step
from .network_check import check_conventions, check_data, check_settings
from .random_start import MT19937, permutation, random_weights
from .training import compiled_loop, full_batch


def step_at(X, y, layers=None, seed=1, lr=1.0, loss="half-sse", at=1, progress=None,
            activation="sigmoid", batch_size=None):
    """Where step ``at`` (1: the first) of training starts: ``(weights, batch)``.

    ``weights`` are the weights it starts from (numpy's random start for
    1); ``batch`` is None for full batch, else ``(epoch, index, rows)``:
    the epoch (from 0), the step's place in it (from 0) and the rows it
    trains on. ``layers=None`` is the network without a hidden layer, as
    in ``train``; ``progress`` is called as in ``train`` for the ``at - 1``
    steps before.
    """
    at = checks.plain(at)
    if isinstance(at, bool) or not isinstance(at, int) or at < 1:
        raise PurebpError("at: %s is not an iteration number: they start at 1" % show(at))
    X, y = check_data(X, y)
    n_in, n_out = len(X[0]), len(y[0])
    if layers is None:
        layers = [n_in, n_out]
    seed, lr, batch_size = checks.plain(seed), checks.plain(lr), checks.plain(batch_size)
    schedule(len(X), None, None, batch_size)
    layers = check_settings(layers, n_in, n_out, lr, loss, 0, "sse")
    check_conventions(layers, y, activation, loss)
    progress = checks.function(progress, "progress", optional=True)
    sizes = ",".join(str(n) for n in layers)
    sizes = sizes if len(sizes) <= 40 else sizes[:37] + "..."      # sizes of 300 digits
    if batch_size is None:
        what = "at: iteration %s comes after %s of a %s network on %s" % (
            show(at), plural(at - 1, "iteration"), sizes, plural(len(X), "row"))
        work = budget.training_work(len(X), layers, at - 1)
    else:
        what = "at: step %s comes after %s of a %s network in batches of %d rows" % (
            show(at), plural(at - 1, "step"), sizes, batch_size)
        work = budget.training_work(batch_size, layers, at - 1)
    budget.refuse_endless(what, work)
    return replay(X, y, layers, seed, lr, loss, at, activation, batch_size, progress)


def weights_at(X, y, layers=None, seed=1, lr=1.0, loss="half-sse", at=1, progress=None,
               activation="sigmoid", batch_size=None):
    """The weights iteration ``at`` starts from (1: numpy's random start);
    the arguments are ``step_at``'s."""
    return step_at(X, y, layers, seed, lr, loss, at, progress, activation, batch_size)[0]


def replay(X, y, layers, seed, lr, loss, at, activation, batch_size, progress):
    """Train up to step ``at`` (from 1); return ``(weights, batch)`` as
    ``step_at`` describes them."""
    generator = MT19937(seed)
    weights = random_weights(layers, generator)
    if batch_size is None:
        if at > 1:
            loop = compiled_loop(X, y, layers, lr, loss, activation, at - 1, True)[0]
            weights = full_batch(X, y, weights, at - 1, lr, loss, activation, 0, "sse",
                                 progress, loop)[0]
        return weights, None
    done, epoch = 0, 0
    while True:
        order = permutation(len(X), generator)
        for index, rows in enumerate(batch_rows(order, batch_size)):
            if done == at - 1:
                return weights, (epoch, index, rows)
            weights = step(weights, take(X, rows), take(y, rows), lr, loss, activation,
                           checked=True).weights
            done += 1
            if progress is not None:
                progress(done, None)
        epoch += 1
