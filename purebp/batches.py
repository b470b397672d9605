"""Mini-batches and epochs: which rows each step of training uses.

Full batch is the article's way, and purebp's default: every step uses all
the rows, in the file's order, and draws no random numbers. One pass over
the rows is an *epoch*, so there an epoch is one iteration (one step).

With a batch size ``B``, each epoch shuffles the rows and cuts them into
batches of ``B`` rows (the last one may be smaller); each batch is one step.
The shuffle is numpy's: ``order = np.random.permutation(rows)``, drawn from
the generator that drew the weights, after them:

    np.random.seed(seed)
    syn0 = 2 * np.random.random((3, 4)) - 1           # the weights first
    ...
    for epoch in range(epochs):
        order = np.random.permutation(len(X))         # then one shuffle an epoch
        for start in range(0, len(X), B):
            rows = order[start:start + B]             # this step's rows
            l0 = X[rows]
            ...

>>> from purebp.random_start import MT19937, permutation
>>> order = permutation(5, MT19937(1))
>>> order
[2, 1, 4, 0, 3]
>>> list(batch_rows(order, 2))
[[2, 1], [4, 0], [3]]
>>> take([[0, 0, 1], [0, 1, 1], [1, 0, 1]], [2, 0])
[[1, 0, 1], [0, 0, 1]]

Means over a batch (``mse``, ``cross-entropy``, ``softmax``) divide by the
batch's size. ``train(iterations=N)`` counts steps and is for full batch,
where steps and epochs are the same; with a batch size, training is counted
in ``epochs``. ``schedule`` checks the pair and returns the epochs.
"""

from .errors import PurebpError, plural, show

DEFAULT_EPOCHS = 10000   # the article's 10000 iterations, when neither is given


def schedule(rows, iterations=None, epochs=None, batch_size=None):
    """The number of epochs to train, checking the three settings together.

    ``rows`` is the number of training rows. ``iterations`` counts steps
    (full batch only), ``epochs`` passes over the rows, ``batch_size`` the
    rows of a step (None: full batch).

    >>> schedule(4, iterations=100), schedule(4, epochs=5, batch_size=2)
    (100, 5)
    >>> schedule(4, epochs=5, batch_size=5)
    Traceback (most recent call last):
        ...
    purebp.errors.PurebpError: batch_size: 5 is more than the training data's 4 rows; give at most 4, or no batch size for full batch
    """
    from .checks import plain, whole_number   # here: a board lets the checks go while it trains
    iterations, epochs, batch_size = plain(iterations), plain(epochs), plain(batch_size)
    for name, value in (("iterations", iterations), ("epochs", epochs)):
        if value is not None:
            whole_number(value, name, least=1)
    if batch_size is None:
        if iterations is not None and epochs is not None and iterations != epochs:
            raise PurebpError("iterations %s and epochs %s: in full-batch training an iteration "
                              "is an epoch (one pass over the rows); give one of them"
                              % (show(iterations), show(epochs)))
        if iterations is not None:
            return iterations
        return epochs if epochs is not None else DEFAULT_EPOCHS
    whole_number(batch_size, "batch_size", least=1)
    if batch_size > rows:
        raise PurebpError("batch_size: %s is more than the training data's %s; give at most "
                          "%d, or no batch size for full batch"
                          % (show(batch_size), plural(rows, "row"), rows))
    if iterations is not None:
        raise PurebpError("iterations with a batch size: mini-batch training is counted in "
                          "epochs (passes over the %s, %s of %s each); give epochs instead"
                          % (plural(rows, "row"), plural(steps_per_epoch(rows, batch_size),
                                                          "step"), plural(batch_size, "row")))
    return epochs if epochs is not None else DEFAULT_EPOCHS


def steps_per_epoch(rows, batch_size):
    """Steps in one epoch: ``ceil(rows / batch_size)`` (1 for full batch, None)."""
    if batch_size is None:
        return 1
    return (rows + batch_size - 1) // batch_size


def batch_rows(order, batch_size):
    """The rows of each step of an epoch: ``order[0:B]``, ``order[B:2B]``, ..."""
    for start in range(0, len(order), batch_size):
        yield order[start:start + batch_size]


def take(A, rows):
    """The rows ``rows`` of matrix ``A``, in that order: numpy's ``A[rows]``."""
    return [A[r] for r in rows]
