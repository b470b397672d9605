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
quantity it computes; ``train`` checks its arguments (the checks are in
``purebp.network_check``), then repeats it, full batch or in mini-batches
(the loops are in ``purebp.training`` and ``purebp.batch_training``), and
returns a ``Training``.

Where you read these lines is not always where ``train`` runs them: for
speed, full-batch training runs a copy of them that ``purebp.fast`` writes
out for the data and network and compiles (the same numbers, bit for bit;
``python -m purebp train --show-code`` prints it). Under a debugger (pdb,
an IDE's), with ``fast=False`` or ``--plain``, ``train`` calls ``step``
every iteration, so a breakpoint or a ``print`` here fires each time;
``Training.path`` says which path ran, and so does ``train``'s output:

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

from . import _let_go, _loaded
from .activations import ACTIVATIONS, HIDDEN
from .losses import LOSS_NAMES, LOSSES
from .matrix import add, dot, multiply, transpose

# The argument checks (purebp.network_check, with purebp.checks, budget and
# batches) and the random start are imported by the functions that use
# them: on a board, ``train`` lets the checks go once the arguments pass,
# and the random start once the weights are drawn (those it loaded itself),
# so that the generator and the loop have their room.
# The metrics' names, as purebp.metrics names them (a test holds the two
# equal): checking a name needs none of the metrics' code, which loads with
# the first report, and a board's heap need not hold it for training alone.
METRICS = ("sse", "mse", "mae", "accuracy", "loss")


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
    from .network_check import check_conventions, check_network
    weights, X = check_network(weights, X, "forward")
    check_conventions([len(weights[0])] + [len(syn[0]) for syn in weights], None, activation,
                      loss)
    return _forward(weights, X, activation, loss)


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


def step(weights, X, y, lr=1.0, loss="half-sse", activation="sigmoid", checked=False):
    """One iteration of training: forward, backward, update. Returns a ``Step``.

    This is the code ``train`` runs on its plain path, once an iteration
    (``fast=False``, ``--plain``, or under a debugger; see ``train``): a
    breakpoint or a ``print`` here shows every iteration. The loops of
    ``purebp.training`` pass ``checked=True``: they checked the arguments
    once, before the first iteration.

    >>> s = step([[[0.5], [0.5], [0.0]]], [[0, 0, 1]], [[1]])
    >>> s.l[1], s.l_error[0], s.slope[0], s.steps[0]
    ([[0.5]], [[0.5]], [[0.25]], [[0.0], [0.0], [0.125]])
    >>> s = step([[[0.5], [0.5], [0.0]]], [[0, 0, 1]], [[1]], loss="cross-entropy")
    >>> s.l_error[0], s.slope[0], s.l_delta[0]
    (None, None, [[0.5]])
    """
    if checked is not True:
        from . import checks
        from .network_check import check_conventions, check_network
        checks.flag(checked, "checked")          # "no" is no False: it would skip the checks
        weights, X, y = check_network(weights, X, "step", y)
        lr = checks.positive_number(lr, "lr", "learning rate")
        check_conventions([len(X[0])] + [len(syn[0]) for syn in weights], y, activation, loss)
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
    from . import checks
    from .network_check import check_conventions, check_network
    weights, X, y = check_network(weights, X, "evaluate", y)
    checks.choice(metric, METRICS, "metric", "metric")
    check_conventions([len(X[0])] + [len(syn[0]) for syn in weights], y, activation, loss)
    from .metrics import measure
    return measure(metric, y, _forward(weights, X, activation, loss)[-1], loss)


class Training:
    """What ``train`` returns.

    ``layers``: the layer sizes; ``weights``: the trained matrices ``syn``;
    ``outputs``: full batch, ``l`` of the last iteration, computed before
    its update, as the article prints it; with mini-batches, the trained
    network's outputs for every training row; ``history``: ``(iteration,
    metric)`` pairs (with mini-batches, ``(epoch, metric)``); ``settings``:
    what it was trained with (``iterations`` counts steps); ``held_out``:
    the metric of the held-out rows at the same reports (empty without
    them), as ``(iteration, metric)`` pairs; ``path``: the code that ran,
    ``"compiled"`` (the loop ``purebp.fast`` made) or ``"plain"`` (``step``,
    an iteration), and ``plain_reason``, why the plain path ran (None on
    the compiled one).
    """

    def __init__(self, layers, weights, outputs, history, settings, held_out=None,
                 plain_reason=None):
        self.layers = layers
        self.weights = weights
        self.outputs = outputs
        self.history = history
        self.settings = settings
        self.held_out = held_out or []
        self.plain_reason = plain_reason
        self.path = "compiled" if plain_reason is None else "plain"

    def __repr__(self):
        try:
            return "<Training layers=%s iterations=%d>" % (
                ",".join(str(n) for n in self.layers), self.settings["iterations"])
        except Exception:       # a field changed by hand: shown as it is
            from .errors import show
            return "<Training layers=%s settings=%s>" % (show(self.layers), show(self.settings))

    def _repr_svg_(self):
        """Jupyter shows a Training as its loss curve and its network; None (the
        repr, then) if a field changed by hand no longer holds together."""
        from .errors import PurebpError
        from .notebook import training_svg     # pictures load only when asked for
        try:
            return training_svg(self)._repr_svg_()
        except PurebpError:
            return None


def train(X, y, layers=None, seed=1, iterations=None, lr=1.0, loss="half-sse",
          every=1000, metric="sse", progress=None, fast=True, activation="sigmoid",
          batch_size=None, epochs=None, held_out=None):
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

    ``held_out``, if given, is ``(X, y)`` of rows kept out of training
    (``purebp.holdout.split`` chooses them): each report measures them
    too, with the same weights, into ``Training.held_out``.

    ``progress``, if given, is called as ``progress(steps_done, metric)``
    now and then (every 64 iterations or fewer on the compiled path; on the
    plain path and with batches, every step) and at the end, with the
    metric of the newest outputs (``purebp.training`` says which).

    With ``fast`` (the default), training runs as code compiled for these
    shapes (``purebp.fast``), full batch or mini-batches, with every
    convention, which gives the same numbers as the plain path of ``step``
    (the tests hold it to that) several times faster. The plain path, one
    ``step`` an iteration, runs with ``fast=False``, **when a debugger is
    on** (pdb, an IDE's: ``training.debugger_on``), so that a breakpoint in
    ``step`` or the layers stops, and for networks the compiled loop does
    not take (too large, or under PyPy, larger than its JIT likes).
    ``Training.path`` says which ran, and ``Training.plain_reason`` why.

    ``X`` and ``y`` may be numpy arrays (anything with ``.tolist()``), and
    ``y`` a flat list, one target a row. Every argument is checked first;
    work that would take more than a day is refused (``purebp.budget``).
    """
    loaded = _loaded()
    from .network_check import training_arguments
    X, y, layers, progress, fast, held_out, settings = training_arguments(
        X, y, layers, seed, iterations, lr, loss, every, metric, progress, fast, activation,
        batch_size, epochs, held_out)
    del training_arguments
    # Checked: on a board, the checks go (those this call loaded) and make room.
    _let_go(("network_check", "checks", "budget", "batches"), loaded)
    length, steps = settings["epochs"], settings["iterations"]
    lr, every, batch_size = settings["lr"], settings["every"], settings["batch_size"]
    from .random_start import MT19937, random_weights
    generator = MT19937(settings["seed"])                # np.random.seed(seed)
    weights = random_weights(layers, generator)          # syn = 2 * np.random.random(...) - 1
    del MT19937, random_weights
    if batch_size is None:
        generator = None         # full batch draws no more: its state need not stay
        _let_go(("random_start",), loaded)
    # The loops are loaded when training starts, after the generator: its
    # state (2.5 KB) finds room on a board's heap before the loops' code does.
    from . import training
    if batch_size is None:
        loop, plain_reason = training.compiled_loop(X, y, layers, lr, loss, activation, length,
                                                    fast)
        weights, outputs, history, held = training.full_batch(
            X, y, weights, length, lr, loss, activation, every, metric, progress, loop,
            held_out)
    else:
        loop, plain_reason = training.compiled_loop(X, y, layers, lr, loss, activation, steps,
                                                    fast, form="rows")
        from .batch_training import mini_batches   # loaded only with a batch size
        weights, outputs, history, held = mini_batches(
            X, y, weights, generator, batch_size, length, lr, loss, activation, every, metric,
            progress, held_out, loop)
    return Training(layers, weights, outputs, history, settings, held, plain_reason)


def predict(weights, X, activation="sigmoid", loss="half-sse"):
    """The network's outputs for inputs ``X`` (one row per example).

    ``activation`` and ``loss`` are the ones it was trained with: the
    hidden layers' activation, and the output's, which the loss decides.

    >>> predict([[[10.0], [0.0], [-5.0]]], [[1, 0, 1]])
    [[0.9933071490757153]]
    """
    from .network_check import check_conventions, check_network
    weights, X = check_network(weights, X, "predict")
    check_conventions([len(weights[0])] + [len(syn[0]) for syn in weights], None, activation,
                      loss)
    return _forward(weights, X, activation, loss)[-1]


def __getattr__(name):
    """Names that moved out, still imported from here (PEP 562): ``step_at``
    and ``weights_at`` to ``purebp.replay``, ``check_held_out`` to
    ``purebp.holdout``, ``measure`` and ``accuracy`` to ``purebp.metrics``
    (where they always were), the checks to ``purebp.network_check``.
    Training needs none of them past its checks (``train`` loads
    ``check_held_out`` only for held-out rows, ``measure`` for reports), so
    a board's heap need not hold them."""
    if name in ("measure", "accuracy"):
        from . import metrics
        return getattr(metrics, name)
    if name in ("step_at", "weights_at"):
        from . import replay
        return getattr(replay, name)
    if name in ("check_network", "check_data", "check_settings", "check_conventions",
                "MAX_WEIGHTS"):
        from . import network_check
        return getattr(network_check, name)
    if name == "check_held_out":
        from . import holdout
        return holdout.check_held_out
    raise AttributeError("module 'purebp.network' has no attribute %r" % (name,))


# --- private helpers ------------------------------------------------------------

def _forward(weights, X, activation="sigmoid", loss="half-sse"):
    """``forward``, its arguments already checked."""
    l = [X]
    for syn, f in zip(weights, layer_activations(len(weights), activation, loss)):
        l.append(layer_forward(l[-1], syn, f)[1])
    return l


def _loss(name):
    """The loss called ``name``, or a PurebpError naming the choices."""
    if not isinstance(name, str) or name not in LOSSES:
        from . import checks
        checks.choice(name, LOSS_NAMES, "loss", "convention")   # raises, naming the choices
    return LOSSES[name]


def _activation(name, allowed=HIDDEN):
    """The activation called ``name`` (by default, one a hidden layer may
    have), or a PurebpError naming the choices."""
    if not isinstance(name, str) or name not in allowed:
        from . import checks
        checks.choice(name, HIDDEN, "activation", "activation")   # raises, naming the choices
    return ACTIVATIONS[name]
