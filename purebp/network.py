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

from .activations import sigmoid, sigmoid_derivative
from .errors import PurebpError, TrainingError, plural
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
    """
    n_in, n_out = check_data(X, y)
    if layers is None:
        layers = [n_in, n_out]
    layers = check_settings(layers, n_in, n_out, iterations, lr, loss, every, metric)
    weights = initial_weights(layers, seed)
    history = []
    loop = compile_loop(X, y, layers, lr, loss) if fast else None
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
        if progress is not None and ((i + 1) % CHUNK == 0 or i + 1 == iterations):
            progress(i + 1, history[-1][1] if history else None)
    settings = {"seed": seed, "iterations": iterations, "lr": lr, "loss": loss,
                "every": every, "metric": metric}
    return Training(layers, weights, s.l[-1], history, settings)


def weights_at(X, y, layers, seed=1, lr=1.0, loss="half-sse", at=1):
    """The weights iteration ``at`` starts from (1: numpy's random start)."""
    if isinstance(at, bool) or not isinstance(at, int) or at < 1:
        raise PurebpError("at: %r is not an iteration number: they start at 1" % (at,))
    n_in, n_out = check_data(X, y)
    layers = check_settings(layers, n_in, n_out, at, lr, loss, 0, "sse")
    if at == 1:
        return initial_weights(layers, seed)
    return train(X, y, layers=layers, seed=seed, iterations=at - 1, lr=lr, loss=loss,
                 every=0).weights


def predict(weights, X):
    """The network's outputs for inputs ``X`` (one row per example).

    >>> predict([[[10.0], [0.0], [-5.0]]], [[1, 0, 1]])
    [[0.9933071490757153]]
    """
    if not weights:
        raise PurebpError("predict: the network has no weight matrices")
    sizes = [shape(syn) for syn in weights]
    for k in range(1, len(sizes)):
        if sizes[k - 1][1] != sizes[k][0]:
            raise PurebpError("predict: weights do not chain: syn[%d] is %s, syn[%d] is %s"
                              % (k - 1, sizes[k - 1], k, sizes[k]))
    rows, cols = shape(X)
    if cols != sizes[0][0]:
        raise PurebpError("predict: X has %s, but the network takes %s"
                          % (plural(cols, "column"), plural(sizes[0][0], "input")))
    return forward(weights, X)[-1]


# --- checks --------------------------------------------------------------------

def _all_finite(weights):
    for syn in weights:
        for row in syn:
            for w in row:
                if w - w != 0:      # inf - inf and nan - nan are nan
                    return False
    return True


def check_data(X, y):
    """Check ``X`` and ``y`` pair up; return ``(inputs, outputs)`` widths."""
    rows_x, n_in = shape(X)
    rows_y, n_out = shape(y)
    if rows_x != rows_y:
        raise PurebpError("data: X has %s but y has %d: one target row per input row"
                          % (plural(rows_x, "row"), rows_y))
    return n_in, n_out


def check_settings(layers, n_in, n_out, iterations, lr, loss, every, metric):
    """Refuse settings that cannot train; return ``layers`` as a list."""
    layers = list(layers)
    if len(layers) < 2:
        raise PurebpError("layers: need at least an input and an output size, got %r"
                          % (layers,))
    for n in layers:
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise PurebpError("layers: %r is not a positive whole number of units" % (n,))
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
    if isinstance(iterations, bool) or not isinstance(iterations, int) or iterations < 1:
        raise PurebpError("iterations: %r is not a whole number of at least 1" % (iterations,))
    if isinstance(every, bool) or not isinstance(every, int) or every < 0:
        raise PurebpError("every: %r is not a whole number of at least 0" % (every,))
    if not isinstance(lr, (int, float)) or not lr > 0 or lr == float("inf"):
        raise PurebpError("lr: %r is not a finite positive learning rate" % (lr,))
    if loss not in LOSSES:
        raise PurebpError("loss: unknown convention %r; choose from: %s"
                          % (loss, ", ".join(LOSSES)))
    if metric not in METRICS:
        raise PurebpError("metric: unknown metric %r; choose from: %s"
                          % (metric, ", ".join(METRICS)))
    return layers
