"""The browser page's Python side: a network to step through and to train.

``python -m purebp web`` serves a page (the files in ``purebp/web/``)
that runs purebp's own modules in MicroPython's WebAssembly build. Its
script sends this module one request at a time, as JSON text, to
``handle``, and shows the JSON that comes back. Nothing here does the
page's arithmetic itself: a step is ``explain``'s (``network.step``),
training is ``train``'s loop (``training.full_batch``), the pictures are
``svg``'s. So the page shows the command line's numbers: a step is
``purebp explain --json --at N``, a run ``purebp train --json``.

The data are the built-in sets, as the command line reads them: the
article's table and XOR as they are, iris (``--data iris``) as classes,
each species a column of one-hot ``y``, with the bias appended and the
measurements scaled onto [0, 1] if asked (``--scale``); for classes the
page suggests what the command line defaults to, the softmax loss, and
the learning rate the docs give for it. The curve shows the loss for
every data set; for classes the page also shows the accuracy.

The requests (``"do"``): ``choices`` (the data sets, losses, activations
and the page's texts), ``address`` (the settings the page's address asks
for, and what in it the page cannot follow), ``start`` (a network from the settings), ``step``
(one iteration, every quantity of ``explain``), ``run`` (``count``
iterations of training, reported as ``train`` reports them) and
``story`` (the last step again, in another language). Each request takes
the keys ``REQUESTS`` gives it, and only those: a typo is named, not
trained around. A mistake in the settings comes back as
``{"error": "..."}``, the message the command line would print, within
the command line's limits (``train``'s checks, a day's work at most).

>>> reply = request({"do": "start", "data": "seed", "layers": [3, 1], "seed": 1})
>>> reply["iteration"], reply["weights"]
(0, [[[-0.165955990594852], [0.4406489868843162], [-0.9997712503653102]]])
>>> story = request({"do": "step"})["story"]
>>> [q["name"] for q in story["quantities"]][3:5]
['z = X·syn', 'l = sigmoid(z)']
>>> request({"do": "run", "count": 9999})["iteration"]
10000
>>> request({"do": "start", "data": "seed", "layers": [2, 1]})["error"]
'layers: the first size is 2, but the data has 3 inputs'
>>> request({"do": "start", "iteratons": 50})["error"]
"start: unknown key 'iteratons'; the start request takes: do, data, layers, lr, loss, activation, seed, iterations, scale"
>>> request({"do": "address", "pairs": [["data", "xor"], ["lang", "fr"]]})["problems"]
[['address_lang', '"fr"', 'en, zh-CN']]
"""

import json
import sys

from . import __version__, checks, datasets
from .activations import ACTIVATIONS, HIDDEN
from .arrayprint import finite_or_null, scalar_str
from .budget import MORE_THAN_A_DAY, weight_count
from .classes import one_hot
from .columns import BIAS, add_bias
from .errors import PurebpError, TrainingError, plural, show, type_name
from .narration import LANGUAGES, TEXTS as EXPLAIN_TEXTS, as_data, explain, text
from .iris import COLUMNS as IRIS_COLUMNS, SPECIES, rows as iris_rows   # the page offers iris
from .losses import LOSS_NAMES, LOSSES
from .metrics import measure
from .network_check import MAX_WEIGHTS, training_arguments
from .numberwords import SEED_LARGE, clip, too_long
from .page_address import NAMES as ADDRESS_NAMES, address
from .random_start import MT19937, random_weights
from .scaling import MinMax
from .svg import loss_svg, network_svg
from .training import _all_finite, build_loop, full_batch

# The requests page.js sends ("do"), each with the other keys it may hold: all of
# those page.js sends, and nothing else (a typo in a key would train with a default).
REQUESTS = (("choices", ()), ("address", ("pairs",)),
            ("start", tuple(name for name in ADDRESS_NAMES if name != "lang")),
            ("step", ("lang",)), ("run", ("count",)), ("story", ("lang",)))
# page.js sends a whole number of more digits as the text typed: a JavaScript
# number holds 15 digits exactly, not always 16 (9007199254740993 is ...992).
EXACT_DIGITS = 15
METRIC = "loss"          # the curve shows the loss the network is trained on
POINTS = 100             # about this many points on the curve: every = iterations // POINTS
MOST_UNITS = 32          # the page draws every unit: more would not be readable
MOST_LAYERS = 6
# The compiled loop (purebp.fast) pays off where its code is small: MicroPython
# takes seconds to compile it for iris-sized data, and each Run chunk compiles
# it again, so beyond this many rows x weights the page runs the plain path
# (the same numbers: the tests hold the two paths to each other).
COMPILE_AT_MOST = 400
# What choosing a data set fills in: the command line's defaults, and for
# classes what it defaults to (softmax), the docs' learning rate for softmax,
# scaled inputs and a hidden layer, as the README's iris run has them.
SUGGESTED = {"seed": {"loss": "half-sse", "lr": 1.0, "scale": False, "iterations": 10000},
             "xor": {"loss": "half-sse", "lr": 1.0, "scale": False, "iterations": 10000},
             "iris": {"loss": "softmax", "lr": LOSSES["softmax"].lr, "scale": True,
                      "iterations": 200, "hidden": [8]}}

# The page's own words, in English and Chinese (explain's are in explain.TEXTS).
TEXTS = {
    "title": ("purebp: backpropagation, step by step", "purebp：一步一步看反向传播"),
    "intro": ("A small neural network learns from the data below. Step runs one iteration "
              "of training and shows every number it computes, with numpy's program line "
              "and purebp's. Run trains on. Everything runs here, in your browser: purebp's "
              "own Python files in MicroPython.",
              "一个小小的神经网络从下面的数据中学习。“单步”执行一次训练迭代，列出它算出的每个数，"
              "以及 numpy 和 purebp 中对应的程序行。“运行”接着训练。一切都在你的浏览器里运行："
              "purebp 自己的 Python 文件，由 MicroPython 执行。"),
    "loading": ("Loading MicroPython and purebp...", "正在加载 MicroPython 和 purebp……"),
    "settings": ("Settings", "设置"),
    "data": ("data", "数据"),
    "layers": ("layer sizes", "层大小"),
    "layers_help": ("input to output, e.g. 3,4,1", "从输入到输出，例如 3,4,1"),
    "lr": ("learning rate", "学习率"),
    "loss": ("loss", "损失函数"),
    "activation": ("hidden activation", "隐藏层激活函数"),
    "seed": ("seed", "随机种子"),
    "iterations": ("iterations to run", "运行的迭代次数"),
    "scale": ("scale the inputs onto [0, 1]", "把输入缩放到 [0, 1]"),
    "classes": ("classes: %s", "类别：%s"),
    "accuracy": ("accuracy %.4f on the %d rows", "准确率 %.4f（共 %d 行）"),
    "step": ("Step", "单步"),
    "run": ("Run", "运行"),
    "pause": ("Pause", "暂停"),
    "reset": ("Start again", "重新开始"),
    "language": ("中文", "English"),
    "network": ("The network", "网络"),
    "curve": ("The loss", "损失"),
    "curve_empty": ("Step or Run to draw the loss, every %d iterations.",
                    "单步或运行后，这里每 %d 次迭代画一个点。"),
    "iteration": ("%d iterations done; Run trains to %d", "已完成 %d 次迭代；“运行”训练到第 %d 次"),
    "now_start": ("The weights now: numpy's random start", "现在的权重：numpy 的随机初值"),
    "now_one": ("The weights now, after %d iteration", "现在的权重：训练了 %d 次迭代之后"),
    "now": ("The weights now, after %d iterations", "现在的权重：训练了 %d 次迭代之后"),
    "outputs": ("l, the outputs of the last iteration", "l：最后一次迭代的输出"),
    "none_yet": ("no iterations yet", "尚未迭代"),
    # A number past a float's range (a learning rate too high): JSON has no
    # infinity or NaN, so it comes as null; explain on a terminal prints inf or nan.
    "not_finite": ("overflow", "溢出"),
    "not_finite_title": ("not a finite number: infinite or NaN, as explain prints inf, -inf "
                         "or nan; try a lower learning rate",
                         "不是有限的数：无穷大或 NaN（explain 打印为 inf、-inf 或 nan）；"
                         "试试更小的学习率"),
    "step_hint": ("Press Step to see one iteration of training, every quantity with its "
                  "numbers.", "按“单步”查看一次训练迭代，每个量及其数值。"),
    "numpy": ("numpy", "numpy"),
    "purebp": ("purebp", "purebp"),
    "line": ("line %d of the article's program", "文章程序的第 %d 行"),
    "more_rows": ("... %d more rows", "……还有 %d 行"),
    "all_rows": ("show all %d rows", "显示全部 %d 行"),
    "rows_inputs": ("rows: %d, inputs: %d, outputs: %d", "%d 行，%d 个输入，%d 个输出"),
    "speed": ("%d iterations in %.2f s", "%d 次迭代，用时 %.2f 秒"),
    "error": ("error", "错误"),
    # What the page's address (?data=xor&layers=3,4,1) asks for that the page cannot
    # follow: said once the page has started, beside purebp's own message, if any.
    "address_unknown": ("%s is not a setting this page reads (%s): %s ignored",
                        "%s 不是本页读取的设置（%s）：已忽略 %s"),
    "address_repeated": ("%s is given %d times (%s): using the first, %s",
                         "%s 出现了 %d 次（%s）：采用第一个，%s"),
    "address_data": ("data: %s is not one of this page's data sets (%s): showing %s",
                     "data：%s 不是本页的数据集（%s）：显示 %s"),
    "address_scale": ("scale: %s is not 1 (scale the inputs) or 0 (leave them): showing "
                      "what %s suggests, %s",
                      "scale：%s 不是 1（缩放输入）或 0（不缩放）：采用 %s 的建议，%s"),
    "address_scale_unused": ("scale: %s is for data sets with classes (%s); %s has none, "
                             "so its inputs are not scaled",
                             "scale：%s 只用于有类别的数据集（%s）；%s 没有类别，输入不缩放"),
    "address_lang": ("lang: %s is not one of this page's languages (%s): the page opened in "
                     "English", "lang：%s 不是本页的语言（%s）：网页以英文打开"),
    "offline": ("purebp %s, running in %s in this browser; nothing leaves this page.",
                "purebp %s，在本浏览器中由 %s 运行；数据不离开本页。"),
}

_session = None


# The deepest a request nests its arrays and objects: the page's nest two
# levels (layers in start). JSON parsers recurse, and WebAssembly's stack is
# small: Pyodide's parser ran out of it on 100,000 brackets and ended the
# whole program, where CPython's raises an error.
DEEPEST = 8


def handle(request_text):
    """One request from the page, as JSON text; the reply, as JSON text, in
    which a number that is not finite (a diverging step's) is null: JSON has
    no NaN or infinity, and the page's ``JSON.parse`` would refuse them."""
    try:
        if isinstance(request_text, str) and _depth(request_text) > DEEPEST:
            raise ValueError("nested more than %d levels deep" % DEEPEST)
        message = _loads(request_text)
    except (TypeError, ValueError, RuntimeError) as error:   # RuntimeError: nested too deep
        return json.dumps({"error": "page: the request is not JSON text (%s)" % error})
    return json.dumps(finite_or_null(request(message)))


def _depth(text):
    """How deeply ``text`` nests its arrays and objects (outside strings).

    >>> _depth('{"do": "start", "layers": [3, 4, 1], "data": "[[["}')
    2
    """
    depth = deepest = 0
    quoted = escaped = False
    for c in text:
        if escaped:
            escaped = False
        elif quoted:
            escaped, quoted = c == "\\", c != '"'
        elif c == '"':
            quoted = True
        elif c in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "]}":
            depth -= 1
    return deepest


def _loads(text):
    """``json.loads``; on CPython, a whole number of more digits than it
    reads (4300) stays the text written, which purebp's checks refuse as
    too large, not with the interpreter's hint. MicroPython reads any."""
    if sys.implementation.name == "micropython":
        return json.loads(text)
    return json.loads(text, parse_int=lambda digits: digits if too_long(digits) else int(digits))


def request(message):
    """One request (a dict); the reply (a dict), or ``{"error": message}``."""
    global _session
    if not isinstance(message, dict):
        return {"error": "page: a request is a JSON object, not %s" % type_name(message)}
    do = message.get("do")
    try:
        _known(do, message)
        if do == "choices":
            return choices()
        if do == "address":
            pairs = message.get("pairs", [])
            if not isinstance(pairs, list) or not all(
                    isinstance(pair, list) and len(pair) == 2
                    and all(isinstance(part, str) for part in pair) for pair in pairs):
                raise PurebpError("address: pairs: expected [name, value] pairs of texts")
            return address(pairs, SUGGESTED)
        if do == "start":
            _session = Session(message)
            return _session.state()
        if _session is None:
            raise PurebpError("%s: start a network first" % do)
        if do == "step":
            return _session.step(message.get("lang", "en"))
        if do == "run":
            return _session.run(message.get("count", 1))
        return _session.story(message.get("lang", "en"))
    except PurebpError as error:
        return {"error": str(error)}


def _known(do, message):
    """Refuse a request other than ``REQUESTS``'s, or with a key it does not take."""
    keys = dict(REQUESTS).get(do) if isinstance(do, str) else None
    if keys is None:
        raise PurebpError("page: unknown request %s; the requests are: %s"
                          % (show(do), ", ".join(kind for kind, _ in REQUESTS)))
    unknown = sorted(show(key) for key in message if key != "do" and key not in keys)
    if unknown:
        raise PurebpError("%s: unknown %s %s; the %s request takes: %s"
                          % (do, "key" if len(unknown) == 1 else "keys", ", ".join(unknown), do,
                             ", ".join(("do",) + keys)))


def choices():
    """What the page offers: data sets, losses and activations, from their
    tables, and the page's texts in every language."""
    sets = []
    for name in datasets.NAMES:
        X, y = datasets.load_data(name)
        classes = datasets.CLASSES.get(name)
        sets.append({"name": name, "rows": len(X), "inputs": len(X[0]), "outputs": len(y[0]),
                     "classes": list(classes) if classes else None,
                     "suggested": SUGGESTED.get(name, SUGGESTED["seed"])})
    texts = dict((key, list(pair)) for key, pair in TEXTS.items())
    for key in ("forward", "backward", "update", "title"):
        texts["explain_" + key] = list(EXPLAIN_TEXTS[key])
    return {"data": sets,
            "losses": [{"name": name, "about": LOSSES[name].about, "lr": LOSSES[name].lr}
                       for name in LOSS_NAMES],
            "activations": [{"name": name, "about": ACTIVATIONS[name].about} for name in HIDDEN],
            "languages": list(LANGUAGES), "texts": texts, "points": POINTS,
            "purebp": __version__, "micropython": _python()}


class Session:
    """One network on one data set: its weights, the iterations done, and
    the reports of the metric, as ``train`` would have them so far."""

    def __init__(self, settings):
        _known("start", settings)
        name = settings.get("data", "seed")
        self.scale = checks.flag(settings.get("scale", False), "scale")
        X, y, self.inputs, self.classes = _data(name, self.scale)
        layers = settings.get("layers")          # None: train's default, no hidden layer
        if layers is not None:
            if isinstance(layers, list):
                layers = [_whole(n, "layers", "a network holds at most %d weights"
                                 % MAX_WEIGHTS) for n in layers]
            layers = checks.layer_sizes(layers)
            if len(layers) > MOST_LAYERS or max(layers) > MOST_UNITS:
                raise PurebpError("layers: the page draws networks of at most %d layers of %d "
                                  "units; train larger ones with python -m purebp train"
                                  % (MOST_LAYERS, MOST_UNITS))
        self.seed = _whole(settings.get("seed", 1), "seed", SEED_LARGE)
        self.lr = settings.get("lr", 1.0)
        self.loss = settings.get("loss", "half-sse")
        self.activation = settings.get("activation", "sigmoid")
        # train's own checks and limits (no more than a day's work), as the command line meets them
        iterations = _whole(settings.get("iterations", 10000), "iterations", MORE_THAN_A_DAY)
        X, y, self.layers, _, _, _, trained = training_arguments(
            X, y, layers=layers, seed=self.seed, iterations=iterations, lr=self.lr,
            loss=self.loss, every=0, metric=METRIC, progress=None, fast=False,
            activation=self.activation, batch_size=None, epochs=None, held_out=None)
        self.data, self.X, self.y = name, X, y
        self.iterations = trained["iterations"]
        self.every = max(1, self.iterations // POINTS)
        self.weights = random_weights(self.layers, MT19937(self.seed))   # as train draws them
        self.done = 0
        self.history = []
        self.outputs = None
        self.last = None
        self._built = None      # (loop, why not), once Run has asked for it

    def step(self, lang="en"):
        """One iteration, explained: ``explain`` from the weights reached."""
        checks.choice(lang, LANGUAGES, "lang", "language")
        self.last = explain(self.X, self.y, self.layers, self.seed, self.lr, self.loss,
                            at=self.done + 1, inputs=self.inputs, activation=self.activation,
                            weights=self.weights, classes=self.classes)
        l = [q["value"] for q in self.last["quantities"] if q["meaning"] == "l_top"][0]
        weights = [q["value"] for q in self.last["quantities"] if q["meaning"] == "updated"]
        weights.reverse()                      # explain lists them from the top layer down
        if not _all_finite(weights):           # JSON has no NaN: stop here, as train does
            self.last = None
            raise TrainingError("training diverged at iteration %d: a weight became NaN or "
                                "infinite; try a lower learning rate than %r"
                                % (self.done, self.lr), iteration=self.done)
        if self.done % self.every == 0:
            self.history.append((self.done, measure(METRIC, self.y, l, self.loss)))
        self.weights = weights
        self.outputs = l
        self.done += 1
        reply = self.state()
        reply["story"] = self._story(lang)
        return reply

    def run(self, count):
        """``count`` iterations of ``train``'s loop, no further than ``iterations``."""
        checks.whole_number(count, "count", least=1)
        count = min(count, self.iterations - self.done)
        if count < 1:
            raise PurebpError("run: %s done already; start again, or ask for more"
                              % plural(self.done, "iteration"))
        # train reports iterations 0, every, 2 * every, ...: a piece that starts
        # between two of them reports nothing until the next.
        pieces = []
        start = self.done
        if start % self.every:
            first = min(count, self.every - start % self.every)
            pieces.append((first, 0))
            count -= first
        if count:
            pieces.append((count, self.every))
        for length, every in pieces:
            try:
                weights, l, reports, _ = full_batch(self.X, self.y, self.weights, length,
                                                    self.lr, self.loss, self.activation, every,
                                                    METRIC, None, self._compiled())
            except TrainingError as error:
                at = self.done + (error.iteration or 0)
                raise TrainingError(str(error).replace("iteration %d" % error.iteration,
                                                       "iteration %d" % at, 1), iteration=at)
            self.history += [(self.done + i, value) for i, value in reports]
            self.weights, self.outputs = weights, l
            self.done += length
        return self.state()

    def _compiled(self):
        """The compiled loop where MicroPython builds it quickly, else None: the plain
        path. Built once a session: Run asks for it piece after piece, and on
        MicroPython the modules that write it are let go after each build."""
        if len(self.X) * weight_count(self.layers) > COMPILE_AT_MOST:
            return None
        if self._built is None:
            self._built = build_loop(self.X, self.y, self.layers, self.lr, self.loss,
                                     self.activation)
        return self._built[0]

    def story(self, lang="en"):
        """The last step's story again, in ``lang``."""
        checks.choice(lang, LANGUAGES, "lang", "language")
        reply = self.state()
        reply["story"] = self._story(lang) if self.last else None
        return reply

    def state(self):
        """What the page shows besides the step: the network, the curve, the numbers."""
        accuracy = None
        if self.classes and self.outputs:
            accuracy = measure("accuracy", self.y, self.outputs, self.loss)
        return {"data": self.data, "layers": self.layers, "seed": self.seed, "lr": self.lr,
                "loss": self.loss, "activation": self.activation, "scale": self.scale,
                "classes": list(self.classes) if self.classes else None, "accuracy": accuracy,
                "iterations": self.iterations, "every": self.every, "metric": METRIC,
                "iteration": self.done, "weights": self.weights, "outputs": self.outputs,
                "history": [[i, value] for i, value in self.history],
                "network": network_svg(self.layers, self.weights, self.inputs, self.classes),
                "curve": loss_svg(self.history, METRIC)
                if any(value - value == 0 for _, value in self.history) else None}

    def _story(self, lang):
        story = as_data(self.last, lang)
        story["title"] = text("title", lang, (story["iteration"],))
        extra = text("with_activation", lang, (self.activation,)) if len(self.layers) > 2 else ""
        story["settings"] = text("settings", lang, (
            self.data, ",".join(str(n) for n in self.layers), self.seed, scalar_str(self.lr),
            self.loss, extra))
        story["headings"] = dict((section, text(section, lang))
                                 for section in ("forward", "backward", "update"))
        return story


def _whole(value, name, large):
    """A whole number page.js sent as the text typed (it sends more than
    ``EXACT_DIGITS`` digits so, which a JavaScript number would round: 1e+21), as an int; a
    number of more digits than CPython reads is refused as too large
    (``large``: the limit that applies). Anything else as it is, for
    ``train``'s checks to name.

    >>> _whole("9007199254740993", "seed", SEED_LARGE), _whole("1e3", "seed", SEED_LARGE)
    (9007199254740993, '1e3')
    >>> _whole("10", "seed", SEED_LARGE)     # page.js sends 10 as a number: this is a script's
    '10'
    """
    if not isinstance(value, str):
        return value
    digits = value.strip()
    unsigned = digits[1:] if digits[:1] in ("+", "-") else digits
    if len(unsigned) <= EXACT_DIGITS or unsigned.strip("0123456789"):   # "10": train's refusal
        return value
    if too_long(digits):
        if digits.startswith("-"):
            raise PurebpError("%s: %s is negative" % (name, clip(digits)))
        raise PurebpError("%s: %s is too large: %s" % (name, clip(digits), large))
    return int(digits)


def _data(name, scale):
    """``(X, y, input names, class names)`` of a built-in data set, as
    ``--data NAME`` (and ``--scale``) reads it: iris's measurements named by
    its columns, scaled if asked, then the bias; its species one-hot."""
    checks.choice(name, datasets.NAMES, "data", "data set")
    if name != "iris":
        if scale:
            raise PurebpError("scale: scaling is for iris's measurements; the built-in data "
                              "%r is 0s and 1s already" % name)
        X, y = datasets.load_data(name)
        return X, y, ["x%d" % (i + 1) for i in range(len(X[0]))], None
    table = iris_rows()
    X = [list(row[:4]) for row in table]
    inputs = list(IRIS_COLUMNS[:4])
    if scale:
        X = MinMax.fit(X, inputs).scale(X)
    return add_bias(X), one_hot([row[4] for row in table], list(SPECIES)), inputs + [BIAS], \
        list(SPECIES)


def _python():
    """'MicroPython 1.27.0' (or the Python this runs in), for the page's footer."""
    implementation = sys.implementation
    version = ".".join(str(n) for n in implementation.version[:3])
    return "%s %s" % ({"micropython": "MicroPython", "cpython": "CPython", "pypy": "PyPy"}.get(
        implementation.name, implementation.name), version)

