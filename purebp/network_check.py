"""What a network's arguments must be: the checks of ``purebp.network``.

``train`` checks every argument before it draws a weight
(``training_arguments``); ``predict``, ``forward``, ``step`` and
``evaluate`` check the weights and data they are given (``check_network``).
A bad argument is a ``PurebpError`` that names it:

>>> check_data([[0, 1], [1, 1]], [0])
Traceback (most recent call last):
    ...
purebp.errors.PurebpError: data: X has 2 rows but y has 1: one target row per input row

The checks are a module of their own, as ``check_matrix`` is: on a board,
``train`` lets them go once the arguments pass (``purebp._let_go``), and
the loop has their room.
"""

from . import checks
from .errors import PurebpError, plural, show
from .network import METRICS, _activation, _loss

MAX_WEIGHTS = checks.MAX_WEIGHTS    # the most weights a network may have (checks.layer_sizes)
_NO_TARGETS = ("no y",)  # check_network without y (y=None is a mistake, named as one)


def training_arguments(X, y, layers, seed, iterations, lr, loss, every, metric, progress, fast,
                       activation, batch_size, epochs, held_out):
    """``train``'s arguments, checked: ``(X, y, layers, progress, fast,
    held_out, settings)``, with ``settings`` what ``Training.settings``
    holds (``iterations`` counts steps, ``epochs`` the full-batch
    iterations or the epochs). Work of more than a day is refused
    (``purebp.budget``)."""
    from .batches import schedule, steps_per_epoch   # loaded for training: predict needs none
    X, y = check_data(X, y)
    n_in, n_out = len(X[0]), len(y[0])
    if layers is None:
        layers = [n_in, n_out]
    seed, iterations, epochs, batch_size, lr, every = [
        checks.plain(v) for v in (seed, iterations, epochs, batch_size, lr, every)]
    length = schedule(len(X), iterations, epochs, batch_size)   # epochs, or full batch steps
    layers = check_settings(layers, n_in, n_out, lr, loss, every, metric)
    check_conventions(layers, y, activation, loss)
    progress = checks.function(progress, "progress", optional=True)
    fast = checks.flag(fast, "fast")
    if held_out is not None:
        from .holdout import check_held_out     # loaded only with held-out rows
        held_out = check_held_out(held_out, n_in, n_out)
    _refuse_endless(len(X), layers, length, iterations is None and epochs is not None,
                    batch_size, every, held_out)
    settings = {"seed": seed, "iterations": length * steps_per_epoch(len(X), batch_size),
                "epochs": length, "batch_size": batch_size, "lr": lr, "loss": loss,
                "activation": activation, "every": every, "metric": metric}
    return X, y, layers, progress, fast, held_out, settings


def _refuse_endless(rows, layers, length, in_epochs, batch_size, every, held_out):
    """Refuse training of more than a day (``purebp.budget``), named as it
    was asked for: ``length`` iterations (or epochs, ``in_epochs``) full
    batch, or epochs in batches."""
    from . import budget
    sizes = ",".join(str(n) for n in layers)
    if batch_size is None:
        unit = "epoch" if in_epochs else "iteration"
        what = "%ss: %s of a %s network on %s" % (unit, plural(length, unit), sizes,
                                                   plural(rows, "row"))
    else:
        what = "epochs: %s of a %s network on %s in batches of %d" % (
            plural(length, "epoch"), sizes, plural(rows, "row"), batch_size)
    work = budget.training_work(rows, layers, length, batch_size, every)
    if held_out is not None and every:
        reports = (length + every - 1) // every
        work += reports * len(held_out[0]) * budget.weight_count(layers)
    budget.refuse_endless(what, work)


def check_network(weights, X, where, y=_NO_TARGETS):
    """Check weights that chain, inputs ``X`` that fit them, and targets ``y``
    (if given) that fit both; return them as plain lists, every number finite.

    >>> check_network([[[0.5], [0.5]]], [[0, 1]], "step", None)
    Traceback (most recent call last):
        ...
    purebp.errors.PurebpError: y: expected a matrix (a list of rows), got None
    """
    weights = checks.weight_matrices(weights, where)
    X = checks.finite_matrix(X, where, "X")
    if len(X[0]) != len(weights[0]):
        raise PurebpError("%s: X has %s, but the network takes %s" % (
            where, plural(len(X[0]), "column"), plural(len(weights[0]), "input")))
    if y is _NO_TARGETS:
        return weights, X
    y = _targets(X, y)
    if len(y[0]) != len(weights[-1][0]):
        raise PurebpError("%s: y has %s, but the network has %s" % (
            where, plural(len(y[0]), "column"), plural(len(weights[-1][0]), "output")))
    return weights, X, y


def check_data(X, y):
    """Check ``X`` and ``y``: matrices of finite numbers, a target row per input row.

    Returns them as plain lists: numpy arrays (anything with ``.tolist()``)
    converted, a flat ``y`` (one number a row) made a column.
    """
    X = checks.finite_matrix(X, None, "X")
    return X, _targets(X, y)


def check_settings(layers, n_in, n_out, lr, loss, every, metric):
    """Refuse settings that cannot train; return ``layers`` as a list.
    (``iterations``, ``epochs`` and ``batch_size``: ``batches.schedule``.)"""
    layers = checks.layer_sizes(layers)
    if layers[0] != n_in:
        raise PurebpError("layers: the first size is %s, but the data has %s"
                          % (show(layers[0]), plural(n_in, "input")))
    if layers[-1] != n_out:
        raise PurebpError("layers: the last size is %s, but the data has %s%s"
                          % (show(layers[-1]), plural(n_out, "output"),
                             "; classes need one output each: one_hot(labels, "
                             "class_names(labels)) of purebp.classes makes them"
                             if n_out == 1 < layers[-1] else ""))
    checks.whole_number(every, "every", least=0)
    checks.positive_number(lr, "lr", "learning rate")
    _loss(loss)
    checks.choice(metric, METRICS, "metric", "metric")
    return layers


def check_conventions(layers, y, activation, loss):
    """Refuse an activation or loss that does not exist or cannot work here:
    softmax with one output, targets the loss cannot take, a hidden-layer
    activation for a network without hidden layers. ``y`` None: no targets
    (predict, forward), the network's outputs alone are checked."""
    _activation(activation)
    convention = _loss(loss)
    if y is None:
        problem = None
        if layers[-1] < convention.outputs:
            problem = ("loss %s needs two or more outputs, one per class; with one output, "
                       "use cross-entropy" % loss)
    else:
        problem = convention.check(y)
    if problem:
        raise PurebpError(problem)
    if activation != "sigmoid" and len(layers) == 2:
        raise PurebpError("activation %s is for hidden layers, and layers %s has none (the "
                          "output's activation comes with the loss)"
                          % (show(activation), ",".join(str(n) for n in layers)))


def _targets(X, y):
    """``y`` checked, with one target row for each row of ``X``."""
    y = checks.plain(y)             # numpy's array of labels too
    if isinstance(y, (list, tuple)):
        for i, label in enumerate(y):
            if isinstance(label, (list, tuple)) and len(label) == 1:
                label = label[0]         # a column of labels, as load_data's y is shaped
            if isinstance(label, (str, bytes)):
                raise PurebpError("y: row %d is a %s (%s), not a number: class labels? "
                                  "one_hot(y, class_names(y)) of purebp.classes makes them "
                                  "one output per class" % (i, type(label).__name__,
                                                            show(label)))
    y = checks.finite_matrix(y, None, "y", column=True)
    if len(X) != len(y):
        raise PurebpError("data: X has %s but y has %d: one target row per input row"
                          % (plural(len(X), "row"), len(y)))
    return y
