"""Training that failed without an error: what went wrong, and what to try.

Gradient descent can fail quietly: the metric climbs, or stalls, and the
run still ends with weights. ``diagnose`` looks at a finished ``Training``
and its data and returns findings, each a key of ``TEXTS`` with its
arguments, so a command line, a web page or a notebook can word them in
English or Chinese (``describe``). No findings: nothing looked wrong.

What it looks for (the thresholds were checked on the runs listed in
docs/errors.md, "Warnings"):

* a symptom, at most one: the metric of the trained weights is above the
  start's (``rose``); over 1000 iterations or more it fell by less than
  10% (``flat``); or every row gets the same output, to 1e-9, while the
  targets differ (``same_outputs``);
* then, only if there is a symptom, the likely causes, each with what to
  try: a step that sums many rows (``lr * rows`` above 20: try a rate near
  1/rows), inputs above 10 in size (``--scale``), sigmoid units saturated
  on every row (slope below 1e-4: their gradient is zero), a zero
  gradient (below 1e-8), no hidden layer for outputs that cannot differ;
  failing those, too few iterations (below 1000) for a rise that may pass.

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

from .explain import text
from .matrix import apply
from .network import forward, measure, step
from .random_start import initial_weights

FLAT = 0.9                  # fell by less than 10%: the metric did not fall
FLAT_AFTER = 1000           # iterations before a flat metric means anything
SAME = 1e-9                 # outputs this close on every row are one output
SATURATED = 1e-4            # a sigmoid slope l (1 - l) below this passes no gradient
ZERO_GRADIENT = 1e-8        # the largest gradient entry below this is zero
MANY_ROWS = 20              # lr * rows above this: the summed step is too large
LARGE_INPUT = 10            # inputs above this in size saturate sigmoids

# Each text in English and Chinese; %s are filled from a finding's arguments.
TEXTS = {
    "warning": ("warning: %s", "警告：%s"),
    "cause": ("likely cause: %s", "可能的原因：%s"),
    "try": ("try: %s", "试试：%s"),
    "rose": ("the %s rose from %s at the start to %s at the end: training failed",
             "%s 从开始时的 %s 升到了结束时的 %s：训练失败了"),
    "flat": ("the %s fell only from %s at the start to %s at the end: training stalled",
             "%s 只从开始时的 %s 降到了结束时的 %s：训练停滞了"),
    "same_outputs": ("every row gets the same output, %s, though the targets differ: "
                     "the network learned nothing that tells rows apart",
                     "每一行的输出都一样（%s），而目标值各不相同：网络没有学到任何能区分各行的东西"),
    "lr_rows": ("each step adds up the errors of all %d rows, so learning rate %s takes "
                "steps %d times those of one row, far too large",
                "每一步都把 %d 行的误差加在一起，学习率 %s 的步长因此是单行的 %d 倍，太大了"),
    "lr_rows_try": ("a learning rate near 1/rows: --lr %s", "把学习率设为 1/行数 左右：--lr %s"),
    "large_inputs": ("inputs as large as %s push the sigmoids to 0 or 1, where their slope is 0",
                     "输入的绝对值大到 %s，把 sigmoid 推到了 0 或 1 附近，那里的斜率几乎为 0"),
    "large_inputs_try": ("scale the inputs to [0, 1]: --scale", "把输入缩放到 [0, 1]：--scale"),
    "saturated_hidden": ("%d of the %d hidden units are saturated on every row (output 0 or 1, "
                         "slope below 1e-4): no gradient passes through them",
                         "%d 个隐藏单元（共 %d 个）在每一行上都饱和了（输出为 0 或 1，"
                         "斜率小于 1e-4）：梯度无法穿过它们"),
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
    "unknown": ("none found here; the data may need a larger network, or a bias input",
                "看不出明显的原因，数据也许需要更大的网络，或者一个偏置输入"),
    "unknown_try": ("a hidden layer (--layers %s), another learning rate, more iterations",
                    "加一个隐藏层（--layers %s）、换一个学习率，或者多训练一些迭代"),
}


def diagnose(result, X, y):
    """Findings about the ``train`` result ``result`` on its data ``X``, ``y``.

    Returns a list of ``(key, args)``: first the symptom, then the likely
    causes, then what to try (keys ending in ``_try``). An empty list when
    nothing looks wrong.
    """
    settings, layers = result.settings, result.layers
    metric, iterations, lr = settings["metric"], settings["iterations"], settings["lr"]
    l = forward(result.weights, X)
    end = measure(metric, y, l[-1])      # final_metric, from the layers kept here
    if result.history and result.history[0][0] == 0:
        start = result.history[0][1]
    else:
        start = measure(metric, y, forward(initial_weights(layers, settings["seed"]), X)[-1])
    symptom = _symptom(l[-1], y, start, end, metric, iterations)
    if symptom is None:
        return []
    causes, remedies = [], []
    rows = len(X)
    largest = max(abs(v) for row in X for v in row)
    slopes = [apply(lambda v: v * (1 - v), layer) for layer in l[1:]]
    units = sum(len(layer[0]) for layer in slopes[:-1])
    saturated = sum(_saturated(layer, j) for layer in slopes[:-1] for j in range(len(layer[0])))
    if all(_saturated(slopes[-1], j) for j in range(len(slopes[-1][0]))):
        causes.append(("saturated_outputs", ()))
    if saturated:
        causes.append(("saturated_hidden", (saturated, units)))
    if symptom[0] == "same_outputs":
        gradient = max(abs(v) for s in step(result.weights, X, y, 1.0, settings["loss"]).steps
                       for row in s for v in row)
        if gradient < ZERO_GRADIENT:
            causes.append(("zero_gradient", (_short(gradient),)))
    if lr * rows > MANY_ROWS:
        causes.append(("lr_rows", (rows, _short(lr), rows)))
        remedies.append(("lr_rows_try", (_short(1.0 / rows),)))
    if largest > LARGE_INPUT:
        causes.append(("large_inputs", (_short(largest),)))
        remedies.append(("large_inputs_try", ()))
    if causes and not remedies and causes[0][0].startswith("saturated"):
        remedies.append(("saturated_try", (_short(lr / 10),)))
    hidden = "%d,4,%d" % (layers[0], layers[-1])
    if symptom[0] == "same_outputs" and len(layers) == 2:
        causes.append(("no_hidden", ()))
        remedies.append(("no_hidden_try", (hidden,)))
    if not causes and symptom[0] == "rose" and iterations < FLAT_AFTER:
        causes.append(("short", (iterations,)))
        remedies.append(("short_try", (10 * iterations,)))
    if not causes:
        causes.append(("unknown", ()))
        remedies.append(("unknown_try", (hidden,)))
    return [symptom] + causes + remedies


def final_metric(result, X, y):
    """The metric of the trained weights on ``X``, ``y`` (the history's last
    report is of the weights some iterations before the end)."""
    return measure(result.settings["metric"], y, forward(result.weights, X)[-1])


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
    if end > start:
        return ("rose", (metric, _short(start), _short(end)))
    if iterations >= FLAT_AFTER and end > FLAT * start:
        return ("flat", (metric, _short(start), _short(end)))
    for j in range(len(y[0])):
        column = [row[j] for row in outputs]
        targets = [row[j] for row in y]
        if max(column) - min(column) <= SAME and max(targets) != min(targets):
            return ("same_outputs", (_short(column[0]),))
    return None


def _saturated(slopes, j):
    return all(row[j] < SATURATED for row in slopes)


def _short(v):
    return "%.3g" % v
