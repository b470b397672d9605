"""Networks of any layer sizes: the forward pass, backprop and training.

This is where backpropagation happens. A network with layer sizes
``[3, 4, 1]`` has one weight matrix per pair of neighbouring layers,
``syn[0]`` (3 x 4) and ``syn[1]`` (4 x 1), and one output per layer,
``l[0] = X``, ``l[1]`` and ``l[2]``. Each layer is a pair of steps that
sit together below, as in micrograd:

* ``layer_forward``: ``z = l_in . syn``, then ``l_out = sigmoid(z)``;
* ``layer_backward``: its partner, which takes the error arriving at
  ``l_out`` back through the sigmoid (``l_delta``), then through the
  product, to the weights (the step for ``syn``) and to ``l_in`` (the
  error handed to the layer below).

``step`` does one iteration (forward, backward, update) and keeps every
quantity it computes; ``train`` repeats it, full batch, and returns a
``Training``:

>>> from purebp.datasets import load_data
>>> X, y = load_data("xor")
>>> result = train(X, y, layers=[3, 4, 1], iterations=6000, every=2000, metric="mae")
>>> [round(value, 4) for i, value in result.history]
[0.4964, 0.0241, 0.015]
>>> [round(row[0], 2) for row in predict(result.weights, X)]
[0.01, 0.99, 0.99, 0.01]

Two loss conventions, both from the article, pick the error that starts
backprop (``y - l`` is the direction in which the loss falls):

* ``"half-sse"``: the 8-line program's ``(y - l) * (l * (1 - l))``, the
  gradient of half the sum of squared errors;
* ``"sse"``: the expanded program's ``loss_derivative = 2 * (y - l)``,
  the gradient of the sum of squared errors itself.
"""

from . import budget, checks
from .activations import sigmoid, sigmoid_derivative
from .errors import PurebpError, TrainingError, plural, show
from .matrix import add, apply, dot, multiply, shape, subtract, total, transpose
from .fast import compile_loop
from .random_start import initial_weights

LOSSES = ("half-sse", "sse")
METRICS = ("sse", "mse", "mae")
MAX_WEIGHTS = 20000000   # about 2 GB of Python floats with the copies training makes
CHUNK = 64               # compiled iterations between checks for NaN and progress reports


# --- one layer: the forward step and, under it, its partner -----------------

def layer_forward(l_in, syn):
    """One layer's forward step; returns ``(z, l_out)``.

    >>> layer_forward([[0, 0, 1]], [[0.5], [0.5], [0.0]])
    ([[0.0]], [[0.5]])
    """
    z = dot(l_in, syn)              # z = l_in . syn
    l_out = apply(sigmoid, z)       # l = sigmoid(z)
    return z, l_out


def layer_backward(l_in, syn, l_out, l_error):
    """The partner of ``layer_forward``: the chain rule, one factor a line.

    ``l_error`` is what arrives at ``l_out`` from above (for the top layer,
    the loss derivative, e.g. ``y - l``). Returns
    ``(slope, l_delta, step, error_in)``:

    * ``slope = l_out * (1 - l_out)``: dl/dz, the sigmoid's slope;
    * ``l_delta = l_error * slope``: the error carried back through the sigmoid;
    * ``step = l_in.T . l_delta``: back through ``z = l_in . syn`` to the
      weights, since dz/dsyn = l_in; ``syn + lr * step`` lowers the loss;
    * ``error_in = l_delta . syn.T``: back through the same product to
      ``l_in``, since dz/dl_in = syn; the layer below takes it as its
      ``l_error``.
    """
    slope = apply(sigmoid_derivative, l_out)      # dl/dz = l (1 - l)
    l_delta = multiply(l_error, slope)            # dloss/dz
    step = dot(transpose(l_in), l_delta)          # dloss/dsyn, downhill
    error_in = dot(l_delta, transpose(syn))       # dloss/dl_in, for the layer below
    return slope, l_delta, step, error_in


# --- the whole network ---------------------------------------------------------

def forward(weights, X):
    """All layer outputs ``[l0, l1, ..., lk]``, from ``l0 = X`` upward."""
    weights, X = check_network(weights, X, "forward")
    return _forward(weights, X)


def _forward(weights, X):
    l = [X]
    for syn in weights:
        l.append(layer_forward(l[-1], syn)[1])
    return l


def loss_derivative(y, l_out, loss="half-sse"):
    """The error that starts backprop at the output, by loss convention.

    >>> loss_derivative([[1]], [[0.25]], "half-sse")
    [[0.75]]
    >>> loss_derivative([[1]], [[0.25]], "sse")
    [[1.5]]
    """
    if loss == "half-sse":
        return subtract(y, l_out)
    if loss == "sse":
        return multiply(2, subtract(y, l_out))
    raise PurebpError("loss: unknown convention %r; choose from: %s"
                      % (loss, ", ".join(LOSSES)))


class Step:
    """Every quantity of one training iteration, layer by layer.

    For weights ``syn[k]`` (k = 0 at the bottom): ``z[k] = l[k] . syn[k]``,
    ``l[k + 1] = sigmoid(z[k])``; going back, ``l_error[k]`` arrives at
    ``l[k + 1]``, ``slope[k] = l[k + 1] (1 - l[k + 1])``, ``l_delta[k]``,
    ``steps[k] = l[k].T . l_delta[k]``; ``weights`` are the updated
    ``syn[k] + lr * steps[k]``. ``l[0]`` is ``X``.
    """

    def __init__(self, n):
        self.z, self.l = [None] * n, [None] * (n + 1)
        self.l_error, self.slope = [None] * n, [None] * n
        self.l_delta, self.steps = [None] * n, [None] * n
        self.weights = None


def step(weights, X, y, lr=1.0, loss="half-sse"):
    """One iteration of training: forward, backward, update. Returns a ``Step``.

    >>> s = step([[[0.5], [0.5], [0.0]]], [[0, 0, 1]], [[1]])
    >>> s.l[1], s.l_error[0], s.slope[0], s.steps[0]
    ([[0.5]], [[0.5]], [[0.25]], [[0.0], [0.0], [0.125]])
    """
    weights, X, y = check_network(weights, X, "step", y)
    lr = checks.positive_number(lr, "lr", "learning rate")
    loss = checks.choice(loss, LOSSES, "loss", "convention")
    n = len(weights)
    s = Step(n)
    s.l[0] = X
    for k in range(n):                                   # forward, bottom up
        s.z[k], s.l[k + 1] = layer_forward(s.l[k], weights[k])
    l_error = loss_derivative(y, s.l[n], loss)
    for k in range(n - 1, -1, -1):                       # backward, top down
        s.l_error[k] = l_error
        s.slope[k], s.l_delta[k], s.steps[k], l_error = layer_backward(
            s.l[k], weights[k], s.l[k + 1], l_error)
    s.weights = update(weights, s.steps, lr)
    return s


def update(weights, steps, lr):
    """Gradient descent: ``syn[k] + lr * step[k]`` for every layer."""
    return [add(syn, multiply(lr, step)) for syn, step in zip(weights, steps)]


def measure(metric, y, l_out):
    """How far the outputs are from the targets, as one number.

    ``"sse"``: sum of squared errors (the article's printed loss);
    ``"mse"``: their mean; ``"mae"``: mean absolute error (Trask's).

    >>> measure("sse", [[0], [1]], [[0.5], [0.5]])
    0.5
    >>> measure("mae", [[0], [1]], [[0.5], [0.5]])
    0.5
    """
    error = subtract(y, l_out)
    rows, cols = shape(error)
    if metric == "sse":
        return total(multiply(error, error))
    if metric == "mse":
        return total(multiply(error, error)) / (rows * cols)
    if metric == "mae":
        return total(apply(abs, error)) / (rows * cols)
    raise PurebpError("metric: unknown metric %r; choose from: %s"
                      % (metric, ", ".join(METRICS)))


class Training:
    """What ``train`` returns.

    ``layers``: the layer sizes; ``weights``: the trained matrices ``syn``;
    ``outputs``: ``l`` of the last iteration, computed before its update, as
    the article prints it; ``history``: ``(iteration, metric)`` pairs.
    """

    def __init__(self, layers, weights, outputs, history, settings):
        self.layers = layers
        self.weights = weights
        self.outputs = outputs
        self.history = history
        self.settings = settings

    def __repr__(self):
        return "<Training layers=%s iterations=%d>" % (
            ",".join(str(n) for n in self.layers), self.settings["iterations"])


def train(X, y, layers=None, seed=1, iterations=10000, lr=1.0, loss="half-sse",
          every=1000, metric="sse", progress=None, fast=True):
    """Train a sigmoid network on ``X`` -> ``y`` by full-batch gradient descent.

    ``layers`` defaults to no hidden layer (the article's network). The
    weights start as numpy's would after ``np.random.seed(seed)``. Every
    ``every`` iterations (from iteration 0; 0 for never) the metric of that
    iteration's outputs joins ``history``. ``progress``, if given, is called
    as ``progress(iterations_done, latest_metric_or_None)`` every 64
    iterations and at the end.

    With ``fast`` (the default), the loop runs as code compiled for these
    shapes and data (``purebp.fast``), which gives the same numbers as the
    plain path of ``step`` (the tests hold it to that) several times faster;
    ``fast=False`` runs the plain path, one ``step`` an iteration.

    ``X`` and ``y`` may be numpy arrays (anything with ``.tolist()``), and
    ``y`` a flat list, one target a row. Every argument is checked first;
    work that would take more than a day is refused (``purebp.budget``).
    """
    X, y = check_data(X, y)
    n_in, n_out = len(X[0]), len(y[0])
    if layers is None:
        layers = [n_in, n_out]
    seed, iterations, lr, every = [checks.plain(v) for v in (seed, iterations, lr, every)]
    layers = check_settings(layers, n_in, n_out, iterations, lr, loss, every, metric)
    progress = checks.function(progress, "progress", optional=True)
    fast = checks.flag(fast, "fast")
    budget.refuse_endless("iterations: %d iterations of a %s network on %d rows"
                          % (iterations, ",".join(str(n) for n in layers), len(X)),
                          budget.training_work(len(X), layers, iterations))
    weights = initial_weights(layers, seed)
    history = []
    loop = compile_loop(X, y, layers, lr, loss) if fast and iterations > 1 else None
    if loop is not None:
        # All but the last iteration compiled, in chunks; the last one plain,
        # for its outputs l (the ones before the final update).
        done = 0
        while done < iterations - 1:
            count = min(CHUNK, iterations - 1 - done)
            new_weights, reports = loop.run(weights, done, count, every)
            if not _all_finite(new_weights):
                break    # replay this chunk plain below, to name the iteration
            weights = new_weights
            history += [(i, measure(metric, y, outputs)) for i, outputs in reports]
            done += count
            if progress is not None:
                progress(done, history[-1][1] if history else None)
        first = done
    else:
        first = 0
    for i in range(first, iterations):
        s = step(weights, X, y, lr, loss)
        if every and i % every == 0:
            history.append((i, measure(metric, y, s.l[-1])))
        weights = s.weights
        if not _all_finite(weights):
            raise TrainingError(
                "training diverged at iteration %d: a weight became NaN or infinite; "
                "try a lower learning rate than %r" % (i, lr), iteration=i)
        if progress is not None:
            progress(i + 1, history[-1][1] if history else None)
    settings = {"seed": seed, "iterations": iterations, "lr": lr, "loss": loss,
                "every": every, "metric": metric}
    return Training(layers, weights, s.l[-1], history, settings)


def weights_at(X, y, layers=None, seed=1, lr=1.0, loss="half-sse", at=1, progress=None):
    """The weights iteration ``at`` starts from (1: numpy's random start).

    ``layers=None`` is the network without a hidden layer, as in ``train``;
    ``progress`` is passed on to ``train`` for the ``at - 1`` iterations.
    """
    at = checks.plain(at)
    if isinstance(at, bool) or not isinstance(at, int) or at < 1:
        raise PurebpError("at: %s is not an iteration number: they start at 1" % show(at))
    X, y = check_data(X, y)
    n_in, n_out = len(X[0]), len(y[0])
    if layers is None:
        layers = [n_in, n_out]
    layers = check_settings(layers, n_in, n_out, at, lr, loss, 0, "sse")
    progress = checks.function(progress, "progress", optional=True)
    budget.refuse_endless("at: iteration %d comes after %d iterations of a %s network on %d rows"
                          % (at, at - 1, ",".join(str(n) for n in layers), len(X)),
                          budget.training_work(len(X), layers, at - 1))
    if at == 1:
        return initial_weights(layers, seed)
    return train(X, y, layers=layers, seed=seed, iterations=at - 1, lr=lr, loss=loss,
                 every=0, progress=progress).weights


def predict(weights, X):
    """The network's outputs for inputs ``X`` (one row per example).

    >>> predict([[[10.0], [0.0], [-5.0]]], [[1, 0, 1]])
    [[0.9933071490757153]]
    """
    weights, X = check_network(weights, X, "predict")
    return _forward(weights, X)[-1]


# --- checks --------------------------------------------------------------------

def _all_finite(weights):
    for syn in weights:
        for row in syn:
            for w in row:
                if w - w != 0:      # inf - inf and nan - nan are nan
                    return False
    return True


def check_network(weights, X, where, y=None):
    """Check weights that chain, inputs ``X`` that fit them, and targets ``y``
    (if given) that fit both; return them as plain lists, every number finite.
    """
    weights = checks.weight_matrices(weights, where)
    X = checks.finite_matrix(X, where, "X")
    if len(X[0]) != len(weights[0]):
        raise PurebpError("%s: X has %s, but the network takes %s" % (
            where, plural(len(X[0]), "column"), plural(len(weights[0]), "input")))
    if y is None:
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


def _targets(X, y):
    """``y`` checked, with one target row for each row of ``X``."""
    y = checks.finite_matrix(y, None, "y", column=True)
    if len(X) != len(y):
        raise PurebpError("data: X has %s but y has %d: one target row per input row"
                          % (plural(len(X), "row"), len(y)))
    return y


def check_settings(layers, n_in, n_out, iterations, lr, loss, every, metric):
    """Refuse settings that cannot train; return ``layers`` as a list."""
    layers = checks.layer_sizes(layers)
    if layers[0] != n_in:
        raise PurebpError("layers: the first size is %d, but the data has %s"
                          % (layers[0], plural(n_in, "input")))
    if layers[-1] != n_out:
        raise PurebpError("layers: the last size is %d, but the data has %s"
                          % (layers[-1], plural(n_out, "output")))
    count = sum(layers[k] * layers[k + 1] for k in range(len(layers) - 1))
    if count > MAX_WEIGHTS:
        raise PurebpError("layers: %s would need %d weights, more than purebp holds in memory "
                          "(%d); use fewer or smaller layers"
                          % (",".join(str(n) for n in layers), count, MAX_WEIGHTS))
    checks.whole_number(iterations, "iterations", least=1)
    checks.whole_number(every, "every", least=0)
    checks.positive_number(lr, "lr", "learning rate")
    checks.choice(loss, LOSSES, "loss", "convention")
    checks.choice(metric, METRICS, "metric", "metric")
    return layers
