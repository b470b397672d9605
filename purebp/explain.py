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
"""

from .arrayprint import array_str, scalar_str
from .checks import plain
from .network import check_data, step, weights_at

LANGUAGES = ("en", "zh-CN")

# Each text in both languages: what a quantity means, and the headings.
TEXTS = {
    "title": ("purebp explain: iteration %d of training",
              "purebp 讲解：训练的第 %d 次迭代"),
    "settings": ("data %s, layers %s, seed %d, lr %s, loss %s",
                 "数据 %s，层大小 %s，种子 %d，学习率 %s，损失 %s"),
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
    "y": ("the targets: what the network should output for each row",
          "目标值：每个样本应当得到的输出"),
    "syn": ("the weights before this step: %s", "本步之前的权重：%s"),
    "syn_start": ("numpy's random start, 2 * random - 1", "numpy 的随机初值，2 * random - 1"),
    "syn_after": ("after %d iterations of training", "训练了 %d 次迭代之后"),
    "syn_after_one": ("after 1 iteration of training", "训练了 1 次迭代之后"),
    "z": ("each row's inputs times the weights, summed: the sigmoid's input",
          "每行输入与权重相乘再求和，即 sigmoid 的输入"),
    "l": ("the sigmoid squashes z into (0, 1): the layer's output",
          "sigmoid 把 z 压到 (0, 1) 之间，得到这一层的输出"),
    "l_top": ("the sigmoid squashes z into (0, 1): the prediction",
              "sigmoid 把 z 压到 (0, 1) 之间，得到预测值"),
    "error": ("the error: how far each prediction is from its target",
              "误差：每个预测值与目标值相差多少"),
    "dloss": ("chain factor 1, d loss/d l, sign flipped (downhill); %s",
              "链式法则第一项 d loss/d l（已取反，指向下降方向）；%s"),
    "dloss_half": ("for half the sum of squared errors: y - l",
                   "平方误差和的一半：y - l"),
    "dloss_sse": ("for the sum of squared errors: 2 * (y - l)",
                  "平方误差和：2 * (y - l)"),
    "received": ("the error this layer receives from the layer above, through its weights",
                 "后一层（离输出更近的一层）经由它的权重传回给这一层的误差"),
    "slope": ("chain factor 2, d l/d z: the sigmoid's slope, l * (1 - l)",
              "链式法则第二项 d l/d z：sigmoid 的斜率 l * (1 - l)"),
    "dz": ("chain factor 3, d z/d w: the layer's input (z = input · w)",
           "链式法则第三项 d z/d w：这一层的输入（因为 z = 输入 · w）"),
    "delta": ("factors 1 and 2 multiplied: the error carried back through the sigmoid",
              "第一项乘第二项：误差穿过 sigmoid 传回到 z"),
    "step": ("all three factors: the input's transpose times the delta; the step "
             "downhill, minus d loss/d w",
             "三项相乘：输入的转置乘以 delta，即 -d loss/d w，沿下降方向的一步"),
    "updated": ("the new weights: old weights + lr * step",
                "新的权重：旧权重 + 学习率 * 步长"),
}


def _names(n):
    """The names of the quantities of an n-layer network (n weight matrices)."""
    if n == 1:    # the article's names
        return {"l": lambda k: "X" if k == 0 else "l", "syn": lambda k: "syn",
                "delta": lambda k: "l_delta", "error": lambda k: "l_error"}
    return {"l": lambda k: "l%d" % k, "syn": lambda k: "syn%d" % k,
            "delta": lambda k: "l%d_delta" % k, "error": lambda k: "l%d_error" % k}


def explain(X, y, layers=None, seed=1, lr=1.0, loss="half-sse", at=1, inputs=None,
            progress=None):
    """Iteration ``at`` (1 = the first) of training, every quantity listed.

    ``inputs``, if given, names the columns of ``X`` (for the text of ``X``,
    which also says which column, if any, is always 1: the bias).

    Returns a dict: the settings, and ``quantities``, a list of dicts with
    ``name``, ``code`` (the program line), ``line`` (its number in the
    article's program, or None), ``meaning`` (a key of ``TEXTS``, with its
    arguments), ``section``, ``value`` (a matrix), and ``quantity`` and
    ``layer``: which list of ``network.Step`` it comes from (None for ``y``
    and the error ``y - l``, which backprop keeps under other names).

    ``layers=None`` is the network without a hidden layer, as in ``train``;
    ``progress`` is passed to ``train`` for the ``at - 1`` silent iterations.
    X and y are checked as ``train`` checks them (numpy arrays welcome).
    """
    X, y = check_data(X, y)
    seed, lr, at = plain(seed), plain(lr), plain(at)
    weights = weights_at(X, y, layers, seed, lr, loss, at, progress)
    layers = [len(weights[0])] + [len(syn[0]) for syn in weights]
    s = step(weights, X, y, lr, loss)
    n = len(weights)
    name = _names(n)
    lines = _article_lines(n, loss)
    items = []

    def add(section, label, code, meaning, value, args=(), quantity=None, layer=None):
        items.append({"section": section, "name": label, "code": code,
                      "line": lines.get(code), "meaning": meaning, "args": list(args),
                      "value": value, "quantity": quantity, "layer": layer})

    L, W, E, D = name["l"], name["syn"], name["error"], name["delta"]
    add("input", L(0) if n == 1 else "l0 = X", "X = np.array(%s)" % _literal(X),
        "X_named" if inputs else "X", X,
        ([", ".join(inputs)] if inputs else []) + [_bias_text(X)], quantity="l", layer=0)
    if len(y[0]) == 1:    # a column, written as the article writes it
        y_code = "y = np.array([%s]).T" % _literal([[row[0] for row in y]])[1:-1]
    else:
        y_code = "y = np.array(%s)" % _literal(y)
    add("input", "y", y_code, "y", y)
    for k in range(n):
        add("input", W(k), "%s = 2 * np.random.random((%d, %d)) - 1" % (W(k), layers[k], layers[k + 1]),
            "syn", weights[k], [("syn_start",) if at == 1 else
                                ("syn_after_one",) if at == 2 else ("syn_after", at - 1)])
    for k in range(n):                                   # forward, bottom up
        add("forward", "z = %s·%s" % (L(k), W(k)), "np.dot(%s, %s)" % (L(k), W(k)), "z",
            s.z[k], quantity="z", layer=k)
        add("forward", "%s = sigmoid(z)" % L(k + 1),
            "%s = 1 / (1 + np.exp(-np.dot(%s, %s)))" % (L(k + 1), L(k), W(k)),
            "l_top" if k == n - 1 else "l", s.l[k + 1], quantity="l", layer=k + 1)
    top = L(n)
    half = loss == "half-sse"
    if n == 1:    # the article's spelling
        error_name = error_code = "y - l"
        dloss_code = "(y - l)" if half else "loss_derivative = 2 * (y - l)"
        top_factor = "(y - l)" if half else "loss_derivative"
    else:         # Trask's
        error_name = error_code = "%s = y - %s" % (E(n), top)
        dloss_code = E(n) if half else "2 * %s" % E(n)
        top_factor = E(n) if half else "(2 * %s)" % E(n)
    add("backward", error_name, error_code, "error", _minus(y, s.l[n]))
    add("backward", "d loss/d %s" % top, dloss_code, "dloss", s.l_error[n - 1],
        [("dloss_half" if half else "dloss_sse",)], quantity="l_error", layer=n - 1)
    for k in range(n - 1, -1, -1):                       # backward, top down
        out = L(k + 1)
        if k < n - 1:
            add("backward", "%s = %s·%s.T" % (E(k + 1), D(k + 2), W(k + 1)),
                "%s = %s.dot(%s.T)" % (E(k + 1), D(k + 2), W(k + 1)),
                "received", s.l_error[k], quantity="l_error", layer=k)
        add("backward", "d %s/d z = %s(1-%s)" % (out, out, out), "%s * (1 - %s)" % (out, out),
            "slope", s.slope[k], quantity="slope", layer=k)
        add("backward", "d z/d %s = %s" % (W(k), L(k)), L(k), "dz", s.l[k],
            quantity="l", layer=k)
        factor = top_factor if k == n - 1 else E(k + 1)
        add("backward", D(k + 1), "%s = %s * (%s * (1 - %s))" % (D(k + 1), factor, out, out),
            "delta", s.l_delta[k], quantity="l_delta", layer=k)
        add("backward", "%s.T·%s" % (L(k), D(k + 1)), "np.dot(%s.T, %s)" % (L(k), D(k + 1)),
            "step", s.steps[k], quantity="steps", layer=k)
    rate = "" if lr == 1 else "%s * " % scalar_str(lr)
    for k in range(n - 1, -1, -1):
        add("update", "%s (new)" % W(k), "%s += %snp.dot(%s.T, %s)" % (W(k), rate, L(k), D(k + 1)),
            "updated", s.weights[k], quantity="weights", layer=k)
    return {"iteration": at, "layers": layers, "seed": seed, "lr": lr, "loss": loss,
            "quantities": items}


def _bias_text(X):
    """Which column of ``X`` is the bias (always 1), as a text key with its
    arguments: said from the numbers, so it is true of any data."""
    ones = [j for j in range(len(X[0])) if all(row[j] == 1 for row in X)]
    if not ones:
        return ("bias_none",)
    if ones[-1] == len(X[0]) - 1:
        return ("bias_last",)
    return ("bias_column", ones[-1] + 1)


def _literal(A):
    """A matrix as the article writes it: [[0,0,1], [0,1,1]] (numbers as typed)."""
    return "[%s]" % ", ".join("[%s]" % ",".join(scalar_str(v) if isinstance(v, float) else str(v)
                                                 for v in row) for row in A)


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
    out = [text("title", lang, (story["iteration"],)),
           text("settings", lang, (data, ",".join(str(n) for n in story["layers"]),
                                   story["seed"], scalar_str(story["lr"]), story["loss"]))]
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
            out.append("    " + code)
        for line in _wrap(meaning(q, lang), width - 4):
            out.append("    " + line)
        for line in array_str(q["value"]).split("\n"):
            out.append("    " + line)
    return "\n".join(out)


def as_data(story, lang="en"):
    """The story as plain data for ``--json``: meanings as text, shapes as pairs."""
    quantities = []
    for q in story["quantities"]:
        quantities.append({"name": q["name"], "section": q["section"], "code": q["code"],
                           "line": q["line"], "meaning": meaning(q, lang),
                           "quantity": q["quantity"], "layer": q["layer"],
                           "shape": [len(q["value"]), len(q["value"][0])],
                           "value": q["value"]})
    result = dict((key, story[key]) for key in ("iteration", "layers", "seed", "lr", "loss"))
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
