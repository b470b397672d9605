"""How long work will take, and the work purebp refuses: more than a day.

Training and gradient checks are counted in multiply-adds, the operation
their loops are made of:

* one training iteration: ``3 * rows * weights`` (forward, the error
  handed back, the step for the weights); with mini-batches, one epoch
  is as much (its steps take every row once), and each report of the
  metric adds a forward pass over every row, ``rows * weights``;
* a gradient check: four forward passes for every weight,
  ``4 * weights * rows * weights``; twice that where ReLU's kinks are
  looked for (four more passes a weight).

``SECONDS_PER_MULTIPLY_ADD`` is what one costs at best: 50 ns. Measured
on CPython 3.11 on a 2-core x86-64 machine (docs/errors.md has the table),
the compiled fast path spends 60-90 ns a multiply-add on small networks
(the whole loop: sigmoid, updates and all) and 160-490 ns on larger ones;
the plain path 250-3500 ns. An estimate from 50 ns is therefore a lower
bound: work it puts above ``LIMIT_SECONDS`` (a day) cannot finish in a day
anywhere purebp runs, and is refused with the estimate. Shorter work runs,
and the command line shows progress with the time left, measured as it goes.

>>> estimate(training_work(4, [3, 1], 10000))     # seconds, at best
0.018
>>> refuse_endless("iterations: 10**20 iterations", training_work(4, [3, 1], 10 ** 20))
Traceback (most recent call last):
    ...
purebp.errors.PurebpError: iterations: 10**20 iterations: about 3.6e+21 multiply-adds, at least 5.7e+06 years at 50 ns each; purebp refuses work of more than a day
"""

from .errors import PurebpError

SECONDS_PER_MULTIPLY_ADD = 50e-9    # the best measured, so estimates are lower bounds
LIMIT_SECONDS = 24 * 3600           # work estimated above this is refused


def weight_count(layers):
    """The number of weights of a network with these layer sizes."""
    return sum(layers[k] * layers[k + 1] for k in range(len(layers) - 1))


def training_work(rows, layers, iterations, batch_size=None, every=0):
    """Multiply-adds of ``iterations`` iterations of full-batch training, or
    with ``batch_size``, of that many epochs, reports every ``every`` epochs
    and the trained network's outputs.

    >>> training_work(4, [3, 1], 10), training_work(4, [3, 1], 10, batch_size=2, every=5)
    (360, 396)
    """
    work = 3 * rows * weight_count(layers) * iterations
    if batch_size is not None:
        reports = (iterations + every - 1) // every if every else 0
        work += rows * weight_count(layers) * (reports + 1)
    return work


def gradcheck_work(rows, layers, kinks=False):
    """Multiply-adds of a gradient check: four forward passes per weight
    (eight where the nudges are checked against ReLU's kinks too)."""
    weights = weight_count(layers)
    return (8 if kinks else 4) * weights * rows * weights


def estimate(work):
    """Seconds ``work`` multiply-adds take at best."""
    return min(work, 1e300) * SECONDS_PER_MULTIPLY_ADD     # past a float: as long as forever


MORE_THAN_A_DAY = "purebp refuses work of more than a day"    # also the flags' "too large"


def refuse_endless(what, work):
    """Raise ``PurebpError`` if ``work`` would take more than ``LIMIT_SECONDS``."""
    seconds = estimate(work)
    if seconds > LIMIT_SECONDS:
        # the words for times load with the refusal: a board checks every
        # training's work, with no room to spare for them
        from .timewords import duration
        raise PurebpError("%s: about %s multiply-adds, at least %s at %d ns each; %s"
                          % (what, "%.2g" % work if work < 1e300 else "1e+300 or more",
                             duration(seconds), round(SECONDS_PER_MULTIPLY_ADD * 1e9),
                             MORE_THAN_A_DAY))
