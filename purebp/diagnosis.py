"""Training that failed without an error: what went wrong, and what to try.

Gradient descent can fail quietly: the metric climbs, or stalls, and the
run still ends with weights. ``diagnose`` looks at a finished ``Training``
and its data and returns findings, each a key of ``TEXTS`` with its
arguments, so a command line, a web page or a notebook can word them in
English or Chinese (``describe``). No findings: nothing looked wrong.

What it looks for (the thresholds were checked on the runs listed in
docs/errors.md, "Warnings"):

* a symptom, at most one: the metric of the trained weights is worse than
  the start's (``rose``; for ``accuracy``, which is better higher,
  ``fell``); over 1000 steps or more it improved by less than 10%
  (``flat``: for accuracy, the share of rows predicted wrong fell by less
  than 10%, unless none is left); every row gets the same output, to
  1e-9, while the targets differ (``same_outputs``); or, over 1000 steps
  or more, the trained weights do no better than giving every row the
  targets' mean (``no_better``; not for accuracy);
* then, only if there is a symptom, the likely causes, each with what to
  try: a step that sums many rows (a loss that sums, ``half-sse`` or
  ``sse``, with ``lr * rows`` above 20, rows being the batch's with
  mini-batches: try a rate near 1/rows), inputs above 10 in size feeding
  sigmoid or tanh units (``--scale``; also tried when hidden units saturate
  on inputs above 1), hidden units saturated on every row
  (sigmoid or tanh slope below 1e-4) or dead (ReLU: output 0 on every
  row), sigmoid outputs saturated where the loss does not cancel their
  slope, a zero gradient (below 1e-8), no hidden layer for outputs that
  cannot differ; failing those, too few steps (below 1000) for a rise that
  may pass, or weights that barely moved (by less than 1e-3 in the whole
  run: a learning rate too small). Where nothing is found, what to try
  never names the layers the run already has.

The losses that are means (``mse``, ``cross-entropy``, ``softmax``) take
steps that do not grow with the rows, so ``lr * rows`` is no cause there;
``cross-entropy`` and ``softmax`` cancel the output's slope, so saturated
outputs still learn and are no cause either.

>>> from purebp import train
>>> X = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]
>>> diagnose(train(X, [[0], [0], [1], [1]]), X, [[0], [0], [1], [1]])
[]
>>> findings = diagnose(train(X, [[0], [0], [1], [1]], lr=100.0, iterations=1000),
...                     X, [[0], [0], [1], [1]])
>>> [key for key, args in findings]
['rose', 'saturated_outputs', 'lr_rows', 'lr_rows_try']
>>> print("\\n".join(describe(findings, "en")))
the sse rose from 1.24 at the start to 2 at the end: training failed
  likely cause: the outputs are saturated on every row (0 or 1, slope below 1e-4): no gradient passes through them
  likely cause: each step adds up the errors of all 4 rows, so learning rate 100 takes steps 4 times those of one row, far too large
  try: a learning rate near 1/rows: --lr 0.25
"""

from .activations import ACTIVATIONS
from .errors import numbers
from .losses import LOSSES
from .metrics import measure
from .narration import text
from .network import forward, layer_activations, step
from .numberwords import clip
from .random_start import initial_weights

FLAT = 0.9                  # fell by less than 10%: the metric did not fall
FLAT_AFTER = 1000           # iterations before a flat metric means anything
SAME = 1e-9                 # outputs this close on every row are one output
SATURATED = 1e-4            # a sigmoid (or tanh) slope below this passes no gradient
ZERO_GRADIENT = 1e-8        # the largest gradient entry below this is zero
MANY_ROWS = 20              # lr * rows above this: the summed step is too large
LARGE_INPUT = 10            # inputs above this in size saturate sigmoids
SMALL_MOVE = 1e-3           # weights (drawn in [-1, 1)) that moved less than this did not learn
HIGHER_IS_BETTER = ("accuracy",)   # the metrics that rise as training works

# Each text in English and Chinese; %s are filled from a finding's arguments.
TEXTS = {
    "warning": ("warning: %s", "警告：%s"),
    "cause": ("likely cause: %s", "可能的原因：%s"),
    "try": ("try: %s", "试试：%s"),
    "rose": ("the %s rose from %s at the start to %s at the end: training failed",
             "%s 从开始时的 %s 升到了结束时的 %s：训练失败了"),
    "flat": ("the %s fell only from %s at the start to %s at the end: training stalled",
             "%s 只从开始时的 %s 降到了结束时的 %s：训练停滞了"),
    "fell": ("the %s fell from %s at the start to %s at the end: training failed",
             "%s 从开始时的 %s 降到了结束时的 %s：训练失败了"),
    "flat_up": ("the %s rose only from %s at the start to %s at the end: training stalled",
                "%s 只从开始时的 %s 升到了结束时的 %s：训练停滞了"),
    "no_better": ("the %s at the end, %s, is no better than the %s of giving every row the "
                  "targets' mean, %s: training failed",
                  "结束时的 %s 为 %s，并不比给每一行都输出目标平均值时的 %s（%s）更好：训练失败了"),
    "same_outputs": ("every row gets the same output, %s, though the targets differ: "
                     "the network learned nothing that tells rows apart",
                     "每一行的输出都一样（%s），而目标值各不相同：网络没有学到任何能区分各行的东西"),
    "lr_rows": ("each step adds up the errors of all %d rows, so learning rate %s takes "
                "steps %d times those of one row, far too large",
                "每一步都把 %d 行的误差加在一起，学习率 %s 的步长因此是单行的 %d 倍，太大了"),
    "lr_rows_try": ("a learning rate near 1/rows: --lr %s", "把学习率设为 1/行数 左右：--lr %s"),
    "lr_batch": ("each step adds up the errors of its batch's %d rows, so learning rate %s "
                 "takes steps %d times those of one row, far too large",
                 "每一步都把一批 %d 行的误差加在一起，学习率 %s 的步长因此是单行的 %d 倍，太大了"),
    "lr_batch_try": ("a learning rate near 1/batch size: --lr %s",
                     "把学习率设为 1/批大小 左右：--lr %s"),
    "large_inputs": ("inputs as large as %s push the sigmoids to 0 or 1, where their slope is 0",
                     "输入的绝对值大到 %s，把 sigmoid 推到了 0 或 1 附近，那里的斜率几乎为 0"),
    "large_inputs_tanh": ("inputs as large as %s push the tanh units to -1 or 1, where their "
                          "slope is 0",
                          "输入的绝对值大到 %s，把 tanh 单元推到了 -1 或 1 附近，那里的斜率几乎为 0"),
    "large_inputs_try": ("scale the inputs to [0, 1]: --scale", "把输入缩放到 [0, 1]：--scale"),
    "saturated_hidden": ("%d of the %d hidden units are saturated on every row (output 0 or 1, "
                         "slope below 1e-4): no gradient passes through them",
                         "%d 个隐藏单元（共 %d 个）在每一行上都饱和了（输出为 0 或 1，"
                         "斜率小于 1e-4）：梯度无法穿过它们"),
    "saturated_hidden_tanh": ("%d of the %d hidden units are saturated on every row (output "
                              "-1 or 1, slope below 1e-4): no gradient passes through them",
                              "%d 个隐藏单元（共 %d 个）在每一行上都饱和了（输出为 -1 或 1，"
                              "斜率小于 1e-4）：梯度无法穿过它们"),
    "dead_hidden": ("%d of the %d hidden ReLU units output 0 on every row (dead: their slope "
                    "is 0): no gradient passes through them",
                    "%d 个 ReLU 隐藏单元（共 %d 个）在每一行上都输出 0（“死”了，斜率为 0）："
                    "梯度无法穿过它们"),
    "saturated_outputs": ("the outputs are saturated on every row (0 or 1, slope below 1e-4): "
                          "no gradient passes through them",
                          "输出在每一行上都饱和了（0 或 1，斜率小于 1e-4）：梯度无法穿过它们"),
    "saturated_try": ("a smaller learning rate: --lr %s", "把学习率调小：--lr %s"),
    "zero_gradient": ("the gradient is zero (its largest entry is %s): training cannot move",
                      "梯度为零（最大的分量是 %s）：训练无法前进"),
    "no_hidden": ("without a hidden layer, one weighted sum must separate the rows, "
                  "and here none can",
                  "没有隐藏层时，只能靠一个加权和把各行分开，而这里做不到"),
    "no_hidden_try": ("a hidden layer: --layers %s", "加一个隐藏层：--layers %s"),
    "short": ("a short run (--iterations %d): early in training the metric can rise "
              "before it falls",
              "训练很短（--iterations %d）：训练初期指标可能先升后降"),
    "short_try": ("more iterations: --iterations %d", "多训练一些迭代：--iterations %d"),
    "short_epochs": ("a short run (--epochs %d): early in training the metric can rise "
                     "before it falls",
                     "训练很短（--epochs %d）：训练初期指标可能先升后降"),
    "short_epochs_try": ("more epochs: --epochs %d", "多训练几轮：--epochs %d"),
    "unknown": ("none found here; the data may need a larger network",
                "看不出明显的原因，数据也许需要更大的网络"),
    "unknown_no_bias": ("none found here; the data may need a larger network, or a bias "
                        "input (no column holds one non-zero number on every row)",
                        "看不出明显的原因，数据也许需要更大的网络，或者一个偏置输入"
                        "（没有哪一列在每一行上都是同一个非零的数）"),
    "unknown_try": ("a hidden layer (--layers %s), another learning rate, more iterations",
                    "加一个隐藏层（--layers %s）、换一个学习率，或者多训练一些迭代"),
    "unknown_wider_try": ("more hidden units (--layers %s), another learning rate, more "
                          "iterations",
                          "更多的隐藏单元（--layers %s）、换一个学习率，或者多训练一些迭代"),
    "small_steps": ("the weights moved by at most %s in the whole run: learning rate %s takes "
                    "steps too small to learn",
                    "整个训练中权重最多只变化了 %s：学习率 %s 的步长太小，学不到东西"),
    "small_steps_try": ("a larger learning rate: --lr %s", "把学习率调大：--lr %s"),
}


def diagnose(result, X, y):
    """Findings about the ``train`` result ``result`` on its data ``X``, ``y``.

    Returns a list of ``(key, args)``: first the symptom, then the likely
    causes, then what to try (keys ending in ``_try``). An empty list when
    nothing looks wrong.
    """
    settings, layers = result.settings, result.layers
    metric, iterations, lr = settings["metric"], settings["iterations"], settings["lr"]
    loss = settings.get("loss", "half-sse")
    activation = settings.get("activation", "sigmoid")
    batch_size = settings.get("batch_size")
    l = forward(result.weights, X, activation, loss)
    end = measure(metric, y, l[-1], loss)      # final_metric, from the layers kept here
    if result.history and result.history[0][0] == 0:
        start = result.history[0][1]
    else:
        start = measure(metric, y, forward(initial_weights(layers, settings["seed"]), X,
                                           activation, loss)[-1], loss)
    symptom = _symptom(l[-1], y, start, end, metric, iterations)
    if symptom is None and iterations >= FLAT_AFTER and metric not in HIGHER_IS_BETTER:
        symptom = _no_better_than_the_mean(y, end, metric, loss)
    if symptom is None:
        return []
    causes, remedies = [], []
    rows = len(X) if batch_size is None else batch_size
    largest = max(abs(v) for row in X for v in row)
    f = layer_activations(len(result.weights), activation, loss)
    hidden = [(name, ACTIVATIONS[name].slope(layer)) for name, layer in zip(f[:-1], l[1:-1])]
    units = sum(len(slopes[0]) for name, slopes in hidden)
    stuck = sum(_stuck(slopes, j, name) for name, slopes in hidden
                for j in range(len(slopes[0])))
    if not LOSSES[loss].cancels and all(
            _stuck(ACTIVATIONS["sigmoid"].slope(l[-1]), j, "sigmoid")
            for j in range(len(l[-1][0]))):
        causes.append(("saturated_outputs", ()))
    if stuck:
        key = {"tanh": "saturated_hidden_tanh", "relu": "dead_hidden"}.get(activation,
                                                                         "saturated_hidden")
        causes.append((key, (stuck, units)))
    if symptom[0] == "same_outputs":
        gradient = max(abs(v) for s in step(result.weights, X, y, 1.0, loss, activation).steps
                       for row in s for v in row)
        if gradient < ZERO_GRADIENT:
            causes.append(("zero_gradient", (_short(gradient),)))
    if LOSSES[loss].sums and lr * rows > MANY_ROWS:
        key = "lr_rows" if batch_size is None else "lr_batch"
        causes.append((key, (rows, _short(lr), rows)))
        remedies.append((key + "_try", (_short(1.0 / rows),)))
    if largest > LARGE_INPUT and f[0] in ("sigmoid", "tanh"):
        causes.append(("large_inputs_tanh" if f[0] == "tanh" else "large_inputs",
                       (_short(largest),)))
        remedies.append(("large_inputs_try", ()))
    elif stuck and largest > 1 and f[0] in ("sigmoid", "tanh"):
        # Inputs of a few units each (iris's centimetres) add up to sums that
        # saturate the hidden units too: scaled to [0, 1], they do not.
        remedies.append(("large_inputs_try", ()))
    if causes and not remedies and causes[0][0] in ("saturated_outputs", "saturated_hidden",
                                                    "saturated_hidden_tanh", "dead_hidden"):
        remedies.append(("saturated_try", (_short(lr / 10),)))
    sizes = "%d,4,%d" % (layers[0], layers[-1])
    if symptom[0] == "same_outputs" and len(layers) == 2:
        causes.append(("no_hidden", ()))
        remedies.append(("no_hidden_try", (sizes,)))
    if not causes and symptom[0] in ("rose", "fell") and iterations < FLAT_AFTER:
        if batch_size is None:
            causes.append(("short", (iterations,)))
            remedies.append(("short_try", (10 * iterations,)))
        else:
            causes.append(("short_epochs", (settings["epochs"],)))
            remedies.append(("short_epochs_try", (10 * settings["epochs"],)))
    moved = _largest_move(result.weights, initial_weights(layers, settings["seed"]))
    if not causes and moved < SMALL_MOVE:
        causes.append(("small_steps", (_short(moved), _short(lr))))
        remedies.append(("small_steps_try", (_short(max(LOSSES[loss].lr, 10 * lr)),)))
    if causes:
        return [symptom] + causes + remedies
    # "or a bias input" only where X has none: no column of one non-zero
    # number on every row (a column of zeros adds nothing to any sum)
    unknown = "unknown" if any(X[0][j] != 0 and all(row[j] == X[0][j] for row in X)
                               for j in range(len(X[0]))) else "unknown_no_bias"
    if len(layers) == 2:
        causes.append((unknown, ()))
        remedies.append(("unknown_try", (sizes,)))
    else:       # a hidden layer already: more units in each
        wider = ",".join(str(n if k in (0, len(layers) - 1) else 2 * n)
                         for k, n in enumerate(layers))
        causes.append((unknown, ()))
        # (3000 layers: its ends and its length, not 6000 characters)
        remedies.append(("unknown_wider_try", (clip(wider, 60, str),)))
    return [symptom] + causes + remedies


def final_metric(result, X, y):
    """The metric of the trained weights on ``X``, ``y`` (the history's last
    report is of the weights some iterations before the end)."""
    settings = result.settings
    loss = settings.get("loss", "half-sse")
    return measure(settings["metric"], y, forward(result.weights, X, settings.get(
        "activation", "sigmoid"), loss)[-1], loss)


def describe(findings, lang="en"):
    """The findings as lines of text: the symptom, then "likely cause: ..."
    and "try: ..." lines, indented."""
    lines = []
    for i, (key, args) in enumerate(findings):
        if i == 0:
            lines.append(text(key, lang, args, TEXTS))
        else:
            frame = "try" if key.endswith("_try") else "cause"
            lines.append("  " + text(frame, lang, ((key,) + tuple(args),), TEXTS))
    return lines


# --- private helpers ------------------------------------------------------------

def _symptom(outputs, y, start, end, metric, iterations):
    if metric in HIGHER_IS_BETTER:
        # Accuracy moves in whole rows: a stall is the weakest sign, named
        # only when no output is stuck at one value.
        if end < start:
            return ("fell", (metric,) + numbers(start, end))
        same = _same_outputs(outputs, y)
        if same is None and iterations >= FLAT_AFTER and end < 1 and 1 - end > FLAT * (1 - start):
            return ("flat_up", (metric,) + numbers(start, end))
        return same
    if end > start:
        return ("rose", (metric,) + numbers(start, end))
    if iterations >= FLAT_AFTER and end > FLAT * start:
        return ("flat", (metric,) + numbers(start, end))
    return _same_outputs(outputs, y)


def _no_better_than_the_mean(y, end, metric, loss):
    """A fit no better than no network at all: every row given the targets'
    mean, column by column (the best constant for the squared errors). A
    metric that fell by more than 10% can still end there: inputs that
    saturate every unit from the start, say."""
    mean = [sum(row[j] for row in y) / len(y) for j in range(len(y[0]))]
    constant = measure(metric, y, [mean for row in y], loss)
    if constant > 0 and end >= constant:
        shown_end, shown_constant = numbers(end, constant)
        return ("no_better", (metric, shown_end, metric, shown_constant))
    return None


def _same_outputs(outputs, y):
    """Every row gets the same outputs (each column constant, to within SAME),
    though some targets differ. One column stuck alone is no such thing: a
    class the network has not learned yet while it tells the others apart."""
    differ = False
    for j in range(len(y[0])):
        column = [row[j] for row in outputs]
        if max(column) - min(column) > SAME:
            return None
        differ = differ or max(row[j] for row in y) != min(row[j] for row in y)
    return ("same_outputs", (_short(outputs[0][0]),)) if differ else None


def _largest_move(weights, start):
    """How far the weights moved from where they started: the largest change of one."""
    return max(abs(a - b) for syn, syn0 in zip(weights, start)
               for row, row0 in zip(syn, syn0) for a, b in zip(row, row0))


def _stuck(slopes, j, activation):
    """Unit j passes no gradient on any row: its slope is below SATURATED
    everywhere (a ReLU's: 0 everywhere, it is dead)."""
    if activation == "relu":
        return all(row[j] == 0 for row in slopes)
    return all(row[j] < SATURATED for row in slopes)


def _short(v):
    return "%.3g" % v
