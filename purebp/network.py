"""Networks of any layer sizes: the forward pass, backprop and training.

This is where backpropagation happens. A network with layer sizes
``[3, 4, 1]`` has one weight matrix per pair of neighbouring layers,
``syn[0]`` (3 x 4) and ``syn[1]`` (4 x 1), and one output per layer,
``l[0] = X``, ``l[1]`` and ``l[2]``. Each layer is a pair of steps that
sit together below, as in micrograd:

* ``layer_forward``: ``z = l_in . syn``, then ``l_out = sigmoid(z)`` (or
  another activation of ``purebp.activations``);
* ``layer_backward``: its partner, which takes the error arriving at
  ``l_out`` back through the activation (``l_delta``), then through the
  product, to the weights (the step for ``syn``) and to ``l_in`` (the
  error handed to the layer below).

``step`` does one iteration (forward, backward, update) and keeps every
quantity it computes; ``train`` repeats it, full batch or in mini-batches
(``purebp.batches``), and returns a ``Training``:

>>> from purebp.datasets import load_data
>>> X, y = load_data("xor")
>>> result = train(X, y, layers=[3, 4, 1], iterations=6000, every=2000, metric="mae")
>>> [round(value, 4) for i, value in result.history]
[0.4964, 0.0241, 0.015]
>>> [round(row[0], 2) for row in predict(result.weights, X)]
[0.01, 0.99, 0.99, 0.01]

The loss picks the error that starts backprop (``y - l`` is the direction
in which the loss falls) and the output layer's activation; the article's
two are ``"half-sse"`` (the 8-line program's ``(y - l) * (l * (1 - l))``)
and ``"sse"`` (the expanded program's ``loss_derivative = 2 * (y - l)``).
``purebp.losses`` holds them with ``mse``, ``cross-entropy`` and
``softmax``; ``activation`` picks the hidden layers' function (``sigmoid``,
``tanh`` or ``relu``). Both are names, looked up in the tables
``LOSSES`` and ``ACTIVATIONS``.
"""

from .activations import ACTIVATIONS, HIDDEN
from .batches import batch_rows, schedule, steps_per_epoch, take
from .errors import PurebpError, TrainingError, plural
from .losses import LOSS_NAMES, LOSSES
from .matrix import add, dot, multiply, shape, transpose
from .metrics import METRICS, accuracy, measure
from .fast import compile_loop
from .random_start import MT19937, permutation, random_weights

MAX_WEIGHTS = 20000000   # about 2 GB of Python floats with the copies training makes
CHUNK = 64               # compiled iterations between checks for NaN and progress reports


# --- one layer: the forward step and, under it, its partner -----------------

def layer_forward(l_in, syn, activation="sigmoid"):
    """One layer's forward step; returns ``(z, l_out)``.

    >>> layer_forward([[0, 0, 1]], [[0.5], [0.5], [0.0]])
    ([[0.0]], [[0.5]])
    >>> layer_forward([[0, 0, 1]], [[0.5], [0.5], [-1.0]], "relu")
    ([[-1.0]], [[0.0]])
    """
    z = dot(l_in, syn)                          # z = l_in . syn
    l_out = _activation(activation, ACTIVATIONS).forward(z)   # l = sigmoid(z), tanh(z), ...
    return z, l_out


def layer_backward(l_in, syn, l_out, l_error, activation="sigmoid", l_delta=None):
    """The partner of ``layer_forward``: the chain rule, one factor a line.

    ``l_error`` is what arrives at ``l_out`` from above (for the top layer,
    the loss derivative, e.g. ``y - l``). Returns
    ``(slope, l_delta, step, error_in)``:

    * ``slope``: dl/dz, the activation's slope, ``l_out * (1 - l_out)``
      for the sigmoid;
    * ``l_delta = l_error * slope``: the error carried back through the
      activation;
    * ``step = l_in.T . l_delta``: back through ``z = l_in . syn`` to the
      weights, since dz/dsyn = l_in; ``syn + lr * step`` lowers the loss;
    * ``error_in = l_delta . syn.T``: back through the same product to
      ``l_in``, since dz/dl_in = syn; the layer below takes it as its
      ``l_error``.

    A loss whose output slope cancels (``cross-entropy``, ``softmax``)
    hands the top layer its ``l_delta`` directly; then ``l_error`` and
    ``slope`` are None.
    """
    slope = None
    if l_delta is None:
        slope = _activation(activation, ACTIVATIONS).slope(l_out)   # dl/dz = l (1 - l), ...
        l_delta = multiply(l_error, slope)            # dloss/dz
    step = dot(transpose(l_in), l_delta)              # dloss/dsyn, downhill
    error_in = dot(l_delta, transpose(syn))           # dloss/dl_in, for the layer below
    return slope, l_delta, step, error_in


# --- the whole network ---------------------------------------------------------

def layer_activations(n, activation="sigmoid", loss="half-sse"):
    """The activation of each of ``n`` layers: ``activation`` for the hidden
    ones, the loss's output activation for the last.

    >>> layer_activations(3, "tanh", "softmax")
    ['tanh', 'tanh', 'softmax']
    """
    if n > 1:
        _activation(activation)
    return [activation] * (n - 1) + [_loss(loss).output]


def forward(weights, X, activation="sigmoid", loss="half-sse"):
    """All layer outputs ``[l0, l1, ..., lk]``, from ``l0 = X`` upward."""
    l = [X]
    for syn, f in zip(weights, layer_activations(len(weights), activation, loss)):
        l.append(layer_forward(l[-1], syn, f)[1])
    return l


def loss_derivative(y, l_out, loss="half-sse"):
    """What starts backprop at the output, by loss convention (``Loss.start``):
    the error ``l_error``, or for a loss whose slope cancels, ``l_delta``.

    >>> loss_derivative([[1]], [[0.25]], "half-sse")
    [[0.75]]
    >>> loss_derivative([[1]], [[0.25]], "sse")
    [[1.5]]
    """
    return _loss(loss).start(y, l_out)


class Step:
    """Every quantity of one training iteration, layer by layer.

    For weights ``syn[k]`` (k = 0 at the bottom): ``z[k] = l[k] . syn[k]``,
    ``l[k + 1] = sigmoid(z[k])`` (or the layer's activation); going back,
    ``l_error[k]`` arrives at ``l[k + 1]``, ``slope[k] = l[k + 1] (1 - l[k + 1])``
    (the activation's slope), ``l_delta[k]``, ``steps[k] = l[k].T . l_delta[k]``;
    ``weights`` are the updated ``syn[k] + lr * steps[k]``. ``l[0]`` is ``X``.
    With a loss whose slope cancels, the top layer's ``l_error`` and
    ``slope`` are None: the loss gave ``l_delta`` itself.
    """

    def __init__(self, n):
        self.z, self.l = [None] * n, [None] * (n + 1)
        self.l_error, self.slope = [None] * n, [None] * n
        self.l_delta, self.steps = [None] * n, [None] * n
        self.weights = None


def step(weights, X, y, lr=1.0, loss="half-sse", activation="sigmoid"):
    """One iteration of training: forward, backward, update. Returns a ``Step``.

    >>> s = step([[[0.5], [0.5], [0.0]]], [[0, 0, 1]], [[1]])
    >>> s.l[1], s.l_error[0], s.slope[0], s.steps[0]
    ([[0.5]], [[0.5]], [[0.25]], [[0.0], [0.0], [0.125]])
    >>> s = step([[[0.5], [0.5], [0.0]]], [[0, 0, 1]], [[1]], loss="cross-entropy")
    >>> s.l_error[0], s.slope[0], s.l_delta[0]
    (None, None, [[0.5]])
    """
    n = len(weights)
    s = Step(n)
    s.l[0] = X
    f = layer_activations(n, activation, loss)
    for k in range(n):                                   # forward, bottom up
        s.z[k], s.l[k + 1] = layer_forward(s.l[k], weights[k], f[k])
    top = _loss(loss)
    start = top.start(y, s.l[n])                         # y - l, 2 * (y - l), ...
    l_error, l_delta = (None, start) if top.cancels else (start, None)
    for k in range(n - 1, -1, -1):                       # backward, top down
        s.l_error[k] = l_error
        s.slope[k], s.l_delta[k], s.steps[k], l_error = layer_backward(
            s.l[k], weights[k], s.l[k + 1], l_error, f[k], l_delta)
        l_delta = None
    s.weights = update(weights, s.steps, lr)
    return s


def update(weights, steps, lr):
    """Gradient descent: ``syn[k] + lr * step[k]`` for every layer."""
    return [add(syn, multiply(lr, step)) for syn, step in zip(weights, steps)]


def evaluate(weights, X, y, metric="sse", activation="sigmoid", loss="half-sse"):
    """The metric (``purebp.metrics``) of the network ``weights`` on the data
    ``X``, ``y``: what ``train`` reports, and what a held-out set is measured with."""
    return measure(metric, y, forward(weights, X, activation, loss)[-1], loss)


class Training:
    """What ``train`` returns.

    ``layers``: the layer sizes; ``weights``: the trained matrices ``syn``;
    ``outputs``: full batch, ``l`` of the last iteration, computed before
    its update, as the article prints it; with mini-batches, the trained
    network's outputs for every training row; ``history``: ``(iteration,
    metric)`` pairs (with mini-batches, ``(epoch, metric)``); ``settings``:
    what it was trained with (``iterations`` counts steps).
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


def train(X, y, layers=None, seed=1, iterations=None, lr=1.0, loss="half-sse",
          every=1000, metric="sse", progress=None, fast=True, activation="sigmoid",
          batch_size=None, epochs=None):
    """Train a network on ``X`` -> ``y`` by gradient descent.

    ``layers`` defaults to no hidden layer (the article's network);
    ``activation`` is the hidden layers' (``sigmoid``, ``tanh``, ``relu``),
    ``loss`` the loss and, with it, the output's (``purebp.losses``). The
    weights start as numpy's would after ``np.random.seed(seed)``.

    Full batch (the default, ``batch_size=None``): each step uses every
    row; ``iterations`` (or ``epochs``, the same here) counts them, 10000
    unless given. Every ``every`` iterations (from iteration 0; 0 for
    never) the metric of that iteration's outputs joins ``history``.

    With ``batch_size=B``, each of ``epochs`` epochs shuffles the rows
    (``np.random.permutation``, from the generator that drew the weights)
    and steps on ``B`` rows at a time (``purebp.batches``); every ``every``
    epochs, the metric of the weights the epoch starts from, on every row,
    joins ``history``.

    ``progress``, if given, is called as ``progress(steps_done, latest_metric_or_None)``
    now and then (every 64 iterations; with batches, every epoch) and at the end.

    With ``fast`` (the default), full-batch training with the article's
    conventions runs as code compiled for these shapes and data
    (``purebp.fast``), which gives the same numbers as the plain path of
    ``step`` (the tests hold it to that) several times faster; ``fast=False``
    runs the plain path, one ``step`` an iteration, as do the conventions
    the compiled loop does not support.
    """
    n_in, n_out = check_data(X, y)
    if layers is None:
        layers = [n_in, n_out]
    epochs = schedule(len(X), iterations, epochs, batch_size)
    layers = check_settings(layers, n_in, n_out, epochs, lr, loss, every, metric)
    check_conventions(layers, y, activation, loss)
    generator = MT19937(seed)                            # np.random.seed(seed)
    weights = random_weights(layers, generator)          # syn = 2 * np.random.random(...) - 1
    if batch_size is None:
        weights, outputs, history = _full_batch(X, y, weights, layers, epochs, lr, loss,
                                                activation, every, metric, progress, fast)
    else:
        weights, outputs, history = _mini_batches(X, y, weights, generator, batch_size, epochs,
                                                  lr, loss, activation, every, metric, progress)
    settings = {"seed": seed, "iterations": epochs * steps_per_epoch(len(X), batch_size),
                "epochs": epochs, "batch_size": batch_size, "lr": lr, "loss": loss,
                "activation": activation, "every": every, "metric": metric}
    return Training(layers, weights, outputs, history, settings)


def _full_batch(X, y, weights, layers, iterations, lr, loss, activation, every, metric,
                progress, fast):
    """The article's loop: every row, every iteration; returns (weights, l, history)."""
    history = []
    loop = compile_loop(X, y, layers, lr, loss, activation) if fast else None
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
            history += [(i, measure(metric, y, outputs, loss)) for i, outputs in reports]
            done += count
            if progress is not None:
                progress(done, history[-1][1] if history else None)
        first = done
    else:
        first = 0
    for i in range(first, iterations):
        s = step(weights, X, y, lr, loss, activation)
        if every and i % every == 0:
            history.append((i, measure(metric, y, s.l[-1], loss)))
        weights = s.weights
        if not _all_finite(weights):
            raise TrainingError(
                "training diverged at iteration %d: a weight became NaN or infinite; "
                "try a lower learning rate than %r" % (i, lr), iteration=i)
        if progress is not None and ((i + 1) % CHUNK == 0 or i + 1 == iterations):
            progress(i + 1, history[-1][1] if history else None)
    return weights, s.l[-1], history


def _mini_batches(X, y, weights, generator, batch_size, epochs, lr, loss, activation, every,
                  metric, progress):
    """Epochs of shuffled batches; returns (weights, outputs on every row, history)."""
    history = []
    done = 0
    for epoch in range(epochs):
        if every and epoch % every == 0:     # the weights this epoch starts from, every row
            history.append((epoch, evaluate(weights, X, y, metric, activation, loss)))
        order = permutation(len(X), generator)           # order = np.random.permutation(len(X))
        for rows in batch_rows(order, batch_size):       # rows = order[start:start + B]
            s = step(weights, take(X, rows), take(y, rows), lr, loss, activation)
            weights = s.weights
            if not _all_finite(weights):
                raise TrainingError(
                    "training diverged in epoch %d, at step %d: a weight became NaN or "
                    "infinite; try a lower learning rate than %r" % (epoch, done, lr),
                    iteration=done)
            done += 1
        if progress is not None:
            progress(done, history[-1][1] if history else None)
    return weights, forward(weights, X, activation, loss)[-1], history


def step_at(X, y, layers, seed=1, lr=1.0, loss="half-sse", at=1, activation="sigmoid",
            batch_size=None):
    """Where step ``at`` (1: the first) of training starts: ``(weights, batch)``.

    ``weights`` are the weights it starts from (numpy's random start for
    1); ``batch`` is None for full batch, else ``(epoch, index, rows)``:
    the epoch (from 0), the step's place in it (from 0) and the rows it
    trains on.
    """
    if isinstance(at, bool) or not isinstance(at, int) or at < 1:
        raise PurebpError("at: %r is not an iteration number: they start at 1" % (at,))
    n_in, n_out = check_data(X, y)
    schedule(len(X), None, at, batch_size)
    layers = check_settings(layers, n_in, n_out, at, lr, loss, 0, "sse")
    check_conventions(layers, y, activation, loss)
    if batch_size is None:
        if at == 1:
            return random_weights(layers, MT19937(seed)), None
        return train(X, y, layers=layers, seed=seed, iterations=at - 1, lr=lr, loss=loss,
                     every=0, activation=activation).weights, None
    generator = MT19937(seed)
    weights = random_weights(layers, generator)
    done, epoch = 0, 0
    while True:
        order = permutation(len(X), generator)
        for index, rows in enumerate(batch_rows(order, batch_size)):
            if done == at - 1:
                return weights, (epoch, index, rows)
            weights = step(weights, take(X, rows), take(y, rows), lr, loss, activation).weights
            done += 1
        epoch += 1


def weights_at(X, y, layers, seed=1, lr=1.0, loss="half-sse", at=1, activation="sigmoid",
               batch_size=None):
    """The weights iteration ``at`` starts from (1: numpy's random start)."""
    return step_at(X, y, layers, seed, lr, loss, at, activation, batch_size)[0]


def predict(weights, X, activation="sigmoid", loss="half-sse"):
    """The network's outputs for inputs ``X`` (one row per example).

    ``activation`` and ``loss`` are the ones it was trained with: the
    hidden layers' activation, and the output's, which the loss decides.

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
    _activation(activation)
    _loss(loss)
    return forward(weights, X, activation, loss)[-1]


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
    _loss(loss)
    if metric not in METRICS:
        raise PurebpError("metric: unknown metric %r; choose from: %s"
                          % (metric, ", ".join(METRICS)))
    return layers


def check_conventions(layers, y, activation, loss):
    """Refuse an activation or loss that does not exist or cannot work here:
    softmax with one output, targets the loss cannot take, a hidden-layer
    activation for a network without hidden layers."""
    _activation(activation)
    problem = _loss(loss).check(y)
    if problem:
        raise PurebpError(problem)
    if activation != "sigmoid" and len(layers) == 2:
        raise PurebpError("activation %r is for hidden layers, and layers %s has none (the "
                          "output's activation comes with the loss)"
                          % (activation, ",".join(str(n) for n in layers)))


def _loss(name):
    """The loss called ``name``, or a PurebpError naming the choices."""
    if not isinstance(name, str) or name not in LOSSES:
        raise PurebpError("loss: unknown convention %r; choose from: %s"
                          % (name, ", ".join(LOSS_NAMES)))
    return LOSSES[name]


def _activation(name, allowed=HIDDEN):
    """The activation called ``name`` (by default, one a hidden layer may
    have), or a PurebpError naming the choices."""
    if not isinstance(name, str) or name not in allowed:
        raise PurebpError("activation: unknown activation %r; choose from: %s"
                          % (name, ", ".join(HIDDEN)))
    return ACTIVATIONS[name]
