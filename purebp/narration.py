"""One training step, narrated with its real numbers (``purebp explain``).

``explain`` runs one real iteration with ``network.step`` -- the very
function ``train`` repeats -- and lists every quantity it computed, in the
order the program computes them, each with the article's name, its shape,
the program line it belongs to and what it means. ``render`` lays that out
for an 80-column terminal, in English or in Chinese (``lang="zh-CN"``).

>>> from purebp.datasets import load_data
>>> X, y = load_data("seed")
>>> story = explain(X, y, layers=[3, 1], seed=1)
>>> [q["name"] for q in story["quantities"]][:5]
['X', 'y', 'syn', 'z = X·syn', 'l = sigmoid(z)']
>>> story["quantities"][3]["value"]
[[-0.9997712503653102], [-0.559122263480994], [-1.1657272409601622], [-0.725078254075846]]

A network with hidden layers gets Trask's names: ``l0`` (= X), ``l1``,
``syn0``, ``l2_delta``, ``l1_error`` ...

The lines of each activation and loss come from their tables
(``purebp.activations``, ``purebp.losses``): the program line, the
formula and the sentence that says what it does. With a loss whose slope
cancels (``cross-entropy``, ``softmax``), the output's ``l_delta`` comes
straight from the error, and the story says so; softmax shows its
``exp`` and its row sums. With mini-batches, the story starts with the
rows of the step's batch.

Each quantity also names purebp's own line that computes it (``purebp``,
in the function ``purebp_in``), beside numpy's (``code``):

>>> z = story["quantities"][3]
>>> z["code"], z["purebp"], z["purebp_in"]
('np.dot(X, syn)', 'z = dot(l_in, syn)', 'network.layer_forward')
"""

from .activations import ACTIVATIONS, HIDDEN, exp
from .arrayprint import scalar_str, screen_str
from .batches import take
from . import checks
from .checks import plain
from .errors import PurebpError, show
from .losses import LOSS_NAMES, LOSSES
from .matrix import pairwise_sum
from .network import layer_activations, step
from .network_check import check_data, check_network
from .replay import step_at

LANGUAGES = ("en", "zh-CN")

# Each text in both languages: what a quantity means, and the headings.
TEXTS = {
    "title": ("purebp explain: iteration %d of training",
              "purebp 讲解：训练的第 %d 次迭代"),
    "settings": ("data %s, layers %s, seed %d, lr %s, loss %s%s",
                 "数据 %s，层大小 %s，种子 %d，学习率 %s，损失 %s%s"),
    "with_activation": (", activation %s", "，激活函数 %s"),
    "with_batch": (", batch size %d", "，批大小 %d"),
    "rows": ("the rows of this step's batch: epoch %d (counted from 0) shuffles the rows, "
             "order = np.random.permutation(%d), and cuts them in batches of %d; this is "
             "batch %d of %d",
             "这一步所用批次的行号：第 %d 轮（从 0 数起）先打乱各行，"
             "order = np.random.permutation(%d)，再每 %d 行分成一批；这是第 %d 批，共 %d 批"),
    "forward": ("FORWARD: from the inputs to the prediction",
                "前向传播：从输入到预测"),
    "backward": ("BACKWARD: the chain rule, d loss/d w = (d loss/d l)(d l/d z)(d z/d w)",
                 "反向传播：链式法则 d loss/d w = (d loss/d l)(d l/d z)(d z/d w)"),
    "update": ("UPDATE: each weight takes its step", "更新：每个权重走一步"),
    "X": ("the inputs, one example a row; %s", "输入数据，每行一个样本；%s"),
    "X_named": ("the inputs, one example a row, in the columns %s; %s",
                "输入数据，每行一个样本，各列依次为 %s；%s"),
    "bias_last": ("the last column is always 1: the bias", "最后一列恒为 1，即偏置"),
    "bias_column": ("column %d is always 1: the bias", "第 %d 列恒为 1，即偏置"),
    "bias_none": ("no column is always 1, so this network has no bias input",
                  "没有恒为 1 的列，所以这个网络没有偏置输入"),
    "y_classes": ("the targets, one-hot: a column per class (%s), 1 for the row's class "
                  "and 0 for the others",
                  "目标值，独热编码：每个类别一列（%s），样本所属的类别为 1，其余为 0"),
    "y": ("the targets: what the network should output for each row",
          "目标值：每个样本应当得到的输出"),
    "syn": ("the weights before this step: %s", "本步之前的权重：%s"),
    "syn_start": ("numpy's random start, 2 * random - 1", "numpy 的随机初值，2 * random - 1"),
    "syn_after": ("after %d iterations of training", "训练了 %d 次迭代之后"),
    "syn_after_one": ("after 1 iteration of training", "训练了 1 次迭代之后"),
    "z": ("each row's inputs times the weights, summed: the %s's input",
          "每行输入与权重相乘再求和，即 %s 的输入"),
    "l": ("%s: the layer's output", "%s，得到这一层的输出"),
    "l_top": ("%s: the prediction", "%s，得到预测值"),
    "softmax_e": ("softmax, step 1: exp of each z minus its row's largest (which keeps exp "
                  "from overflowing, and changes no share)",
                  "softmax 第一步：每个 z 减去所在行的最大值再取 exp（防止溢出，不改变份额）"),
    "softmax_sum": ("softmax, step 2: each row's sum of e, in numpy's order of addition",
                    "softmax 第二步：每行 e 的和（按 numpy 的加法顺序）"),
    "error": ("the error: how far each prediction is from its target",
              "误差：每个预测值与目标值相差多少"),
    "value": ("the loss this step lowers: %s", "这一步要降低的损失：%s"),
    "dloss": ("chain factor 1, d loss/d l, sign flipped (downhill); %s",
              "链式法则第一项 d loss/d l（已取反，指向下降方向）；%s"),
    "cancels": ("factors 1 and 2 at once: %s", "第一项与第二项合在一起：%s"),
    "received": ("the error this layer receives from the layer above, through its weights",
                 "后一层（离输出更近的一层）经由它的权重传回给这一层的误差"),
    "slope": ("chain factor 2, d l/d z: %s", "链式法则第二项 d l/d z：%s"),
    "dz": ("chain factor 3, d z/d w: the layer's input (z = input · w)",
           "链式法则第三项 d z/d w：这一层的输入（因为 z = 输入 · w）"),
    "delta": ("factors 1 and 2 multiplied: the error carried back through the %s",
              "第一项乘第二项：误差穿过 %s 传回到 z"),
    "step": ("all three factors: the input's transpose times the delta; the step "
             "downhill, minus d loss/d w",
             "三项相乘：输入的转置乘以 delta，即 -d loss/d w，沿下降方向的一步"),
    "updated": ("the new weights: old weights + lr * step",
                "新的权重：旧权重 + 学习率 * 步长"),
}
# The sentences of each activation and loss, from their tables.
for _name in HIDDEN + ("softmax",):
    TEXTS["says_" + _name] = ACTIVATIONS[_name].says
    TEXTS["slope_" + _name] = ACTIVATIONS[_name].slope_says
for _name in LOSS_NAMES:
    TEXTS["dloss_" + _name] = LOSSES[_name].says
    TEXTS["value_" + _name] = LOSSES[_name].value_says


# purebp's line for each kind of quantity: (the function it is in, the line).
# The tests hold each line to the source of its function, so it cannot drift.
PUREBP_LINES = {
    "rows": ("batch_training.mini_batches", "for rows in batch_rows(order, batch_size):"),
    "X": ("network.step", "s.l[0] = X"),
    "y": ("network_check.training_arguments", "X, y = check_data(X, y)"),
    "batch": ("batch_training.mini_batches",
              "s = step(weights, take(X, rows), y_batch, lr, loss, activation, checked=True)"),
    "syn_start": ("network.train", "weights = random_weights(layers, generator)"),
    "z": ("network.layer_forward", "z = dot(l_in, syn)"),
    "l": ("network.layer_forward", "l_out = _activation(activation, ACTIVATIONS).forward(z)"),
    "l_sigmoid": ("activations.sigmoid", "return 1 / (1 + exp(-z))"),
    "l_tanh": ("activations.tanh", "return _tanh(z)"),
    "l_relu": ("activations.relu", "return 0.0 if z <= 0 else z"),
    "l_softmax": ("activations.softmax", "return [v / s for v in e]"),
    "softmax_e": ("activations.softmax", "e = [exp(v - top) for v in z]"),
    "softmax_sum": ("activations.softmax", "s = pairwise_sum(e)"),
    "start": ("network.step", "start = top.start(y, s.l[n])"),
    "start_half-sse": ("losses.HalfSSE.start", "return subtract(y, l)"),
    "start_sse": ("losses.SSE.start", "return multiply(2, subtract(y, l))"),
    "start_mse": ("losses.MSE.start", "return [[2 * (a - b) / size for a, b in zip(row_y, row_l)]"),
    "start_cross-entropy": ("losses.CrossEntropy.start",
                            "return [[(a - b) / size for a, b in zip(row_y, row_l)] "
                            "for row_y, row_l in zip(y, l)]"),
    "start_softmax": ("losses.Softmax.start",
                      "return [[(a - b) / rows for a, b in zip(row_y, row_l)] "
                      "for row_y, row_l in zip(y, l)]"),
    "value": ("metrics.measure", "return LOSSES[loss].value(y, l_out)"),
    "value_half-sse": ("losses.HalfSSE.value", "return total(multiply(error, error)) / 2"),
    "value_sse": ("losses.SSE.value", "return total(multiply(error, error))"),
    "value_mse": ("losses.MSE.value",
                  "return pairwise_sum([v for row in squares for v in row]) / _size(y)"),
    "value_cross-entropy": ("losses.CrossEntropy.value", "return -(pairwise_sum(terms) / _size(y))"),
    "value_softmax": ("losses.Softmax.value", "return -pairwise_sum(terms) / len(y)"),
    "received": ("network.layer_backward", "error_in = dot(l_delta, transpose(syn))"),
    "slope": ("network.layer_backward", "slope = _activation(activation, ACTIVATIONS).slope(l_out)"),
    "slope_sigmoid": ("activations.sigmoid_derivative", "return l * (1 - l)"),
    "slope_tanh": ("activations.tanh_derivative", "return 1 - l * l"),
    "slope_relu": ("activations.relu_derivative", "return 1.0 if l > 0 else 0.0"),
    "dz": ("network.layer_backward", "step = dot(transpose(l_in), l_delta)"),
    "delta": ("network.layer_backward", "l_delta = multiply(l_error, slope)"),
    "step": ("network.layer_backward", "step = dot(transpose(l_in), l_delta)"),
    "updated": ("network.update",
                "return [add(syn, multiply(lr, step)) for syn, step in zip(weights, steps)]"),
}


def purebp_line(kind, name=None):
    """purebp's line for a kind of quantity, as ``(function, line)``: the
    line of the activation or loss ``name`` where it has its own, else the
    line of ``network`` that calls it.

    >>> purebp_line("slope", "sigmoid")
    ('activations.sigmoid_derivative', 'return l * (1 - l)')
    """
    return PUREBP_LINES.get("%s_%s" % (kind, name)) or PUREBP_LINES[kind]


def _names(n):
    """The names of the quantities of an n-layer network (n weight matrices)."""
    if n == 1:    # the article's names
        return {"l": lambda k: "X" if k == 0 else "l", "syn": lambda k: "syn",
                "delta": lambda k: "l_delta", "error": lambda k: "l_error"}
    return {"l": lambda k: "l%d" % k, "syn": lambda k: "syn%d" % k,
            "delta": lambda k: "l%d_delta" % k, "error": lambda k: "l%d_error" % k}


class Story(dict):
    """What ``explain`` returns: a dict (its keys below), which a Jupyter
    notebook shows as the narrated table (``purebp.notebook.story_html``)."""

    def __repr__(self):
        try:
            return dict.__repr__(self)
        except ValueError:      # an int past CPython's 4300 digits, put in by hand
            return "<Story: %s>" % show(dict(self))

    def _repr_pretty_(self, p, cycle):
        """IPython's view of a dict, a key a line, as before ``__repr__``
        (which IPython would otherwise print on one line)."""
        try:
            dict.__repr__(self)
        except ValueError:
            return p.text(repr(self))
        return p.pretty(dict(self))

    def _repr_html_(self):
        """The narrated table; None (Jupyter shows the dict, then) if a field
        changed by hand no longer holds together."""
        from .notebook import story_html       # loaded only by a notebook
        try:
            return story_html(self)
        except PurebpError:
            return None


def explain(X, y, layers=None, seed=1, lr=1.0, loss="half-sse", at=1, inputs=None,
            progress=None, activation="sigmoid", batch_size=None, weights=None, classes=None):
    """Iteration ``at`` (1 = the first) of training, every quantity listed.

    ``inputs``, if given, names the columns of ``X`` (for the text of ``X``,
    which also says which column, if any, is always 1: the bias);
    ``classes``, the classes of one-hot targets ``y`` (for the text of ``y``).
    ``activation`` and ``batch_size`` are ``train``'s; with a batch size,
    ``at`` counts steps (batches), and the step uses its batch's rows.

    Returns a ``Story``, a dict: the settings, ``batch`` (None, or the epoch, the step's
    place in it and its rows), and ``quantities``, a list of dicts with
    ``name``, ``code`` (the program line), ``line`` (its number in the
    article's program, or None), ``meaning`` (a key of ``TEXTS``, with its
    arguments), ``section``, ``value`` (a matrix), and ``quantity`` and
    ``layer``: which list of ``network.Step`` it comes from (None for ``y``,
    the error ``y - l``, the loss and softmax's parts, which backprop keeps
    under other names or not at all).

    ``layers=None`` is the network without a hidden layer, as in ``train``;
    ``progress`` is called as in ``train`` for the ``at - 1`` silent steps.
    X and y are checked as ``train`` checks them (numpy arrays welcome).

    ``weights``, if given, are the weights iteration ``at`` starts from,
    as training reached them (full batch only): the step is explained from
    them, without replaying the ``at - 1`` iterations before it. The
    browser page (``purebp.page``) steps on from the weights it trained.
    """
    X, y = check_data(X, y)
    inputs = checks.names(inputs, len(X[0]), "inputs", "X's columns")
    classes = checks.names(classes, len(y[0]), "classes", "y's columns")
    if classes is not None and len(classes) < 2:
        raise PurebpError("classes: y has 1 column, but classes are one-hot targets, a column "
                          "each (two or more): leave classes out")
    seed, lr, at, batch_size = plain(seed), plain(lr), plain(at), plain(batch_size)
    if weights is None:
        weights, batch = step_at(X, y, layers, seed, lr, loss, at, progress, activation,
                                 batch_size)
    else:
        weights, batch = _given_weights(weights, X, y, layers, at, batch_size), None
    rows_of_data = len(X)
    if batch is not None:
        X, y = take(X, batch[2]), take(y, batch[2])
    layers = [len(weights[0])] + [len(syn[0]) for syn in weights]
    s = step(weights, X, y, lr, loss, activation)
    n = len(weights)
    f = [ACTIVATIONS[a] for a in layer_activations(n, activation, loss)]
    top_loss = LOSSES[loss]
    name = _names(n)
    lines = _article_lines(n, loss) if batch is None else {}
    items = []

    def add(section, label, code, meaning, value, args=(), quantity=None, layer=None,
            ours=None):
        where, line = ours
        items.append({"section": section, "name": label, "code": code,
                      "line": lines.get(code), "meaning": meaning, "args": list(args),
                      "value": value, "quantity": quantity, "layer": layer,
                      "purebp": line, "purebp_in": where})

    L, W, E, D = name["l"], name["syn"], name["error"], name["delta"]
    if batch is not None:
        epoch, index, rows = batch
        count = (rows_of_data + batch_size - 1) // batch_size
        add("input", "rows", "rows = order[%d:%d]" % (index * batch_size, (index + 1) * batch_size),
            "rows", [rows], [epoch, rows_of_data, batch_size, index + 1, count],
            ours=purebp_line("rows"))
    x_name = (L(0) if n == 1 else "l0 = X") + ("[rows]" if batch else "")
    x_code = "%s = X[rows]" % L(0) if batch else "X = np.array(%s)" % _literal(X)
    add("input", x_name, x_code, "X_named" if inputs else "X", X,
        ([", ".join(inputs)] if inputs else []) + [_bias_text(X)], quantity="l", layer=0,
        ours=purebp_line("batch" if batch else "X"))
    if batch is not None:
        y_code = "y[rows]"
    elif len(y[0]) == 1:    # a column, written as the article writes it
        y_code = "y = np.array([%s]).T" % _literal([[row[0] for row in y]])[1:-1]
    else:
        y_code = "y = np.array(%s)" % _literal(y)
    add("input", "y[rows]" if batch else "y", y_code, "y_classes" if classes else "y", y,
        [", ".join(classes)] if classes else [], ours=purebp_line("batch" if batch else "y"))
    for k in range(n):
        add("input", W(k), "%s = 2 * np.random.random((%d, %d)) - 1" % (W(k), layers[k], layers[k + 1]),
            "syn", weights[k], [("syn_start",) if at == 1 else
                                ("syn_after_one",) if at == 2 else ("syn_after", at - 1)],
            ours=purebp_line("syn_start" if at == 1 else "updated"))
    for k in range(n):                                   # forward, bottom up
        z_code = "np.dot(%s, %s)" % (L(k), W(k))
        add("forward", "z = %s·%s" % (L(k), W(k)), z_code, "z", s.z[k], [f[k].name],
            quantity="z", layer=k, ours=purebp_line("z"))
        out = "l_top" if k == n - 1 else "l"
        if f[k].row:      # softmax: its two steps, then the shares
            e = [[exp(v - max(row)) for v in row] for row in s.z[k]]
            add("forward", "e = exp(z - max)", "e = np.exp(z - z.max(axis=1, keepdims=True))",
                "softmax_e", e, ours=purebp_line("softmax_e"))
            add("forward", "e.sum(axis=1)", "e.sum(axis=1, keepdims=True)", "softmax_sum",
                [[pairwise_sum(row)] for row in e], ours=purebp_line("softmax_sum"))
            code = "%s = %s" % (L(k + 1), f[k].numpy)
        else:
            code = "%s = %s" % (L(k + 1), f[k].numpy.format(z=z_code))
        add("forward", "%s = %s" % (L(k + 1), f[k].formula), code, out, s.l[k + 1],
            [("says_" + f[k].name,)], quantity="l", layer=k + 1,
            ours=purebp_line("l", f[k].name))
    top = L(n)
    if n == 1:    # the article's spelling
        error_name = error_code = "y - l"
    else:         # Trask's
        error_name = error_code = "%s = y - %s" % (E(n), top)
    add("backward", error_name, error_code, "error", _minus(y, s.l[n]),
        ours=purebp_line("start", loss))
    value_code = top_loss.numpy_value if n == 1 else top_loss.numpy_value.replace("l)", top + ")")
    add("backward", "loss", value_code, "value",
        [[top_loss.value(y, s.l[n])]], [("value_" + loss,)], ours=purebp_line("value", loss))
    start_code, top_factor = _start_code(top_loss, n, E(n))
    if top_loss.cancels:
        add("backward", D(n), "%s = %s" % (D(n), start_code), "cancels", s.l_delta[n - 1],
            [("dloss_" + loss,)], quantity="l_delta", layer=n - 1,
            ours=purebp_line("start", loss))
    else:
        add("backward", "d loss/d %s" % top, start_code, "dloss", s.l_error[n - 1],
            [("dloss_" + loss,)], quantity="l_error", layer=n - 1,
            ours=purebp_line("start", loss))
    for k in range(n - 1, -1, -1):                       # backward, top down
        out = L(k + 1)
        if k < n - 1:
            add("backward", "%s = %s·%s.T" % (E(k + 1), D(k + 2), W(k + 1)),
                "%s = %s.dot(%s.T)" % (E(k + 1), D(k + 2), W(k + 1)),
                "received", s.l_error[k], quantity="l_error", layer=k,
                ours=purebp_line("received"))
        if s.slope[k] is not None:
            slope_code = f[k].numpy_slope.format(l=out)
            add("backward", "d %s/d z = %s" % (out, f[k].slope_formula.format(l=out)), slope_code,
                "slope", s.slope[k], [("slope_" + f[k].name,)], quantity="slope", layer=k,
                ours=purebp_line("slope", f[k].name))
        add("backward", "d z/d %s = %s" % (W(k), L(k)), L(k), "dz", s.l[k],
            quantity="l", layer=k, ours=purebp_line("dz"))
        if s.slope[k] is not None:
            factor = top_factor if k == n - 1 else E(k + 1)
            add("backward", D(k + 1), "%s = %s * (%s)" % (D(k + 1), factor, slope_code),
                "delta", s.l_delta[k], [f[k].name], quantity="l_delta", layer=k,
                ours=purebp_line("delta"))
        add("backward", "%s.T·%s" % (L(k), D(k + 1)), "np.dot(%s.T, %s)" % (L(k), D(k + 1)),
            "step", s.steps[k], quantity="steps", layer=k, ours=purebp_line("step"))
    rate = "" if lr == 1 else "%s * " % scalar_str(lr)
    for k in range(n - 1, -1, -1):
        add("update", "%s (new)" % W(k), "%s += %snp.dot(%s.T, %s)" % (W(k), rate, L(k), D(k + 1)),
            "updated", s.weights[k], quantity="weights", layer=k,
            ours=purebp_line("updated"))
    return Story({"iteration": at, "layers": layers, "seed": seed, "lr": lr, "loss": loss,
                  "activation": activation, "batch_size": batch_size,
                  "batch": None if batch is None else {"epoch": batch[0], "index": batch[1],
                                                       "rows": batch[2]},
                  "quantities": items})


def _given_weights(weights, X, y, layers, at, batch_size):
    """``explain``'s ``weights``, checked: they fit X and y, and ``layers`` if given."""
    weights = check_network(weights, X, "explain", y)[0]
    if isinstance(at, bool) or not isinstance(at, int) or at < 1:
        raise PurebpError("at: %s is not an iteration number: they start at 1" % show(at))
    if batch_size is not None:
        raise PurebpError("explain: weights are for a full-batch step; with batch_size, "
                          "leave them out (the step's rows come from replaying training)")
    sizes = [len(weights[0])] + [len(syn[0]) for syn in weights]
    if layers is not None and list(checks.layer_sizes(layers)) != sizes:
        raise PurebpError("explain: the weights make a %s network, but layers is %s"
                          % (",".join(str(n) for n in sizes),
                             ",".join(str(n) for n in checks.layer_sizes(layers))))
    return weights


def _start_code(top_loss, n, error):
    """The program line that starts backprop, and how ``l_delta``'s line
    names it: the article's spelling for its two losses, else the loss's
    numpy spelling with Trask's error name (``l2_error``) for ``y - l``."""
    if n == 1 and top_loss.article is not None:
        return top_loss.article
    code = top_loss.numpy_start
    if n > 1:
        code = code.replace("(y - l)", error).replace("y - l", error)
    return code, code if code == error else "(%s)" % code


def _bias_text(X):
    """Which column of ``X`` is the bias (always 1), as a text key with its
    arguments: said from the numbers, so it is true of any data."""
    ones = [j for j in range(len(X[0])) if all(row[j] == 1 for row in X)]
    if not ones:
        return ("bias_none",)
    if ones[-1] == len(X[0]) - 1:
        return ("bias_last",)
    return ("bias_column", ones[-1] + 1)


def _literal(A, most=8):
    """A matrix as the article writes it: [[0,0,1], [0,1,1]] (numbers as typed);
    of more than ``most`` rows, the first and last 3 around ``...``."""
    rows = ["[%s]" % ",".join(scalar_str(v) if isinstance(v, float) else str(v) for v in row)
            for row in A]
    if len(rows) > most:
        rows = rows[:3] + ["..."] + rows[-3:]
    return "[%s]" % ", ".join(rows)


def _minus(y, l):
    return [[a - b for a, b in zip(row_y, row_l)] for row_y, row_l in zip(y, l)]


def _article_lines(n, loss):
    """Line numbers of the article's programs, for the one-layer network."""
    if n != 1:
        return {}
    if loss == "half-sse":   # the 8-line program
        return {"X = np.array([[0,0,1], [0,1,1], [1,0,1], [1,1,1]])": 2,
                "y = np.array([[0,0,1,1]]).T": 3,
                "syn = 2 * np.random.random((3, 1)) - 1": 4,
                "np.dot(X, syn)": 6, "l = 1 / (1 + np.exp(-np.dot(X, syn)))": 6,
                "y - l": 7, "(y - l)": 7, "l * (1 - l)": 7,
                "l_delta = (y - l) * (l * (1 - l))": 7,
                "X": 8, "np.dot(X.T, l_delta)": 8, "syn += np.dot(X.T, l_delta)": 8}
    return {"X = np.array([[0,0,1], [0,1,1], [1,0,1], [1,1,1]])": 7,   # the expanded program
            "y = np.array([[0,0,1,1]]).T": 8,
            "syn = 2 * np.random.random((3, 1)) - 1": 10,
            "np.dot(X, syn)": 12, "l = 1 / (1 + np.exp(-np.dot(X, syn)))": 12,
            "y - l": 13, "loss_derivative = 2 * (y - l)": 16, "l * (1 - l)": 17,
            "l_delta = loss_derivative * (l * (1 - l))": 17,
            "X": 18, "np.dot(X.T, l_delta)": 18, "syn += np.dot(X.T, l_delta)": 18}


# --- text ----------------------------------------------------------------------

def text(key, lang, args=(), texts=None):
    """The text ``key`` in ``lang``, with its arguments filled in, from
    ``texts`` (a table like ``TEXTS``, which is the default)."""
    texts = TEXTS if texts is None else texts
    english, chinese = texts[key]
    template = chinese if lang == "zh-CN" else english
    filled = []
    for arg in args:
        if isinstance(arg, (list, tuple)):     # a nested text: (key, its args...)
            filled.append(text(arg[0], lang, arg[1:], texts))
        else:
            filled.append(arg)
    return template % tuple(filled) if filled else template


def meaning(quantity, lang):
    return text(quantity["meaning"], lang, quantity["args"])


def render(story, data, lang="en", width=80):
    """The story as text for a terminal ``width`` columns wide."""
    extra = ""
    if len(story["layers"]) > 2:
        extra += text("with_activation", lang, (story.get("activation", "sigmoid"),))
    if story.get("batch_size"):
        extra += text("with_batch", lang, (story["batch_size"],))
    out = [text("title", lang, (story["iteration"],))]
    out += _wrap(text("settings", lang, (data, ",".join(str(n) for n in story["layers"]),
                                         story["seed"], scalar_str(story["lr"]), story["loss"],
                                         extra)), width)
    section = None
    for q in story["quantities"]:
        if q["section"] != section:
            section = q["section"]
            if section != "input":
                out.append("")
                out.append(text(section, lang))
        rows, cols = len(q["value"]), len(q["value"][0])
        head = "%s  (%d x %d)" % (q["name"], rows, cols)
        code = q["code"] if q["line"] is None else "%s   [%d]" % (q["code"], q["line"])
        out.append("")
        if _width(head) + 4 + _width(code) <= width:
            out.append(head + " " * (width - _width(head) - _width(code)) + code)
        else:
            out.append(head)
            for k, line in enumerate(_wrap(code, width - 8)):   # a long line, broken at spaces
                out.append(("    " if k == 0 else "        ") + line)
        for line in _wrap(meaning(q, lang), width - 4):
            out.append("    " + line)
        for line in screen_str(q["value"]).split("\n"):     # a screenful: --json has all
            out.append("    " + line)
    return "\n".join(out)


def as_data(story, lang="en"):
    """The story as plain data for ``--json``: meanings as text, shapes as pairs."""
    quantities = []
    for q in story["quantities"]:
        quantities.append({"name": q["name"], "section": q["section"], "code": q["code"],
                           "line": q["line"], "meaning": meaning(q, lang),
                           "quantity": q["quantity"], "layer": q["layer"],
                           "purebp": q["purebp"], "purebp_in": q["purebp_in"],
                           "shape": [len(q["value"]), len(q["value"][0])],
                           "value": q["value"]})
    result = dict((key, story[key]) for key in ("iteration", "layers", "seed", "lr", "loss",
                                                "activation", "batch_size", "batch"))
    result["quantities"] = quantities
    return result


def _width(s):
    """Columns ``s`` takes in a terminal: CJK characters take two."""
    return sum(2 if ord(ch) >= 0x1100 and not 0x2000 <= ord(ch) < 0x2E80 else 1 for ch in s)


def _wrap(s, width):
    """Break ``s`` into lines of at most ``width`` columns, at spaces if it has them."""
    lines, line = [], ""
    for word in _pieces(s):
        if line and _width(line + word) > width:
            lines.append(line.rstrip())
            line = word.lstrip()
        else:
            line += word
    if line:
        lines.append(line.rstrip())
    return lines


def _pieces(s):
    """Words with their leading space; each CJK character is a piece of its own."""
    pieces, word = [], ""
    for ch in s:
        if ch == " " or _width(ch) == 2:
            if word:
                pieces.append(word)
            word = ch
            if _width(ch) == 2:
                pieces.append(word)
                word = ""
        else:
            word += ch
    if word:
        pieces.append(word)
    return pieces
