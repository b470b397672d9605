"""Pictures in the terminal: the loss curve, the predictions table, progress.

``loss_chart`` draws the reported metric over the iterations as columns of
Unicode block characters (or plain ``#`` with ``ascii=True``), on a log
scale when the values span two decades or more:

>>> history = [(0, 1.0), (1000, 0.1), (2000, 0.01), (3000, 0.001)]
>>> print("\\n".join(loss_chart(history, "sse", width=8, height=4, ascii=True)))
sse, log scale
     1 |##
       |####
       |####
 0.001 |########
       +--------
        0   3000
"""

import math
import sys
import time

from .budget import duration

BLOCKS = " ▁▂▃▄▅▆▇█"     # 0/8 to 8/8 of a cell


def use_log_scale(values):
    """Log scale when all values are positive and span two decades or more."""
    return min(values) > 0 and max(values) / min(values) >= 100


def loss_chart(history, metric, width=60, height=10, ascii=False):
    """The ``(iteration, value)`` pairs as a column chart: a list of lines."""
    values = [v for _, v in history]
    if not values or any(v != v or v in (float("inf"), float("-inf")) for v in values):
        return []
    log = use_log_scale(values)
    f = math.log10 if log else (lambda v: v)
    low, high = f(min(values)), f(max(values))
    if high == low:
        low, high = low - 1, high + 1
    columns = max(1, min(width, 4 * len(values)) if len(values) < width else width)
    # eighths of a cell filled in each column, from the value it stands for
    filled = []
    for c in range(columns):
        v = values[min(len(values) - 1, c * len(values) // columns)]
        # at least half a cell, so the smallest value still shows (as ▄ or #)
        filled.append(max(4, int(round((f(v) - low) / (high - low) * height * 8))))
    top_label, bottom_label = _label(max(values)), _label(min(values))
    margin = max(len(top_label), len(bottom_label)) + 1
    lines = ["%s%s" % (metric, ", log scale" if log else "")]
    for row in range(height - 1, -1, -1):
        cells = []
        for eighths in filled:
            part = min(8, max(0, eighths - row * 8))
            if ascii:
                cells.append("#" if part >= 4 else " ")
            else:
                cells.append(BLOCKS[part])
        label = top_label if row == height - 1 else (bottom_label if row == 0 else "")
        lines.append("%*s |%s" % (margin, label, "".join(cells).rstrip()))
    lines.append("%*s +%s" % (margin, "", ("-" if ascii else "─") * columns))
    first, last = str(history[0][0]), str(history[-1][0])
    gap = max(1, columns - len(first) - len(last))
    lines.append("%*s  %s%s%s" % (margin, "", first, " " * gap, last))
    return lines


def predictions_table(X, y, outputs, inputs, targets, most=12, columns=6):
    """Each training row's inputs, targets and predictions, as lines of text.

    At most ``most`` rows, then a count of the rest; of more than
    ``columns`` inputs (or targets), the first and last few, with ``...``
    between. Only the cells shown are formatted, so a file of 100,000 rows
    costs no more than one of 12.

    >>> print("\\n".join(predictions_table([[0, 1], [1, 1]], [[0], [1]], [[0.1], [0.9]],
    ...                                     ["a", "b"], ["y"], most=1)))
    a  b | y | predicted y
    0  1 | 0 |    0.100000
    ... and 1 more row
    """
    rows = list(range(min(len(X), most)))
    groups = [(inputs, X, "%.6g"), (targets, y, "%.6g"),
              (["predicted " + t for t in targets], outputs, "%.6f")]
    parts = []
    for names, matrix, style in groups:
        kept = _kept(len(names), columns)
        header = [names[j] if j is not None else "..." for j in kept]
        cells = [[style % matrix[r][j] if j is not None else "..." for j in kept] for r in rows]
        widths = [max([len(h)] + [len(row[j]) for row in cells]) for j, h in enumerate(header)]
        column = ["  ".join(h.rjust(w) for h, w in zip(header, widths))]
        column += ["  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in cells]
        parts.append(column)
    lines = [" | ".join(part[i] for part in parts) for i in range(len(rows) + 1)]
    if len(X) > most:
        rest = len(X) - most
        lines.append("... and %d more row%s" % (rest, "" if rest == 1 else "s"))
    return lines


def _kept(count, most):
    """Column indexes shown of ``count``: all, or the first and last few (None: "...")."""
    if count <= most:
        return list(range(count))
    half = most // 2
    return list(range(half)) + [None] + list(range(count - half, count))


def _label(v):
    return "%.3g" % v


class Progress:
    """A one-line progress report on stderr, redrawn at most ten times a second,
    with the time left at the rate measured so far.

    Only when stderr is a terminal: piped or redirected output stays clean.
    ``unit`` names what is counted: iterations, or the weights of a gradient check.
    """

    def __init__(self, total, metric=None, stream=None, enabled=None, unit="iteration"):
        self.total = total
        self.metric = metric
        self.unit = unit
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.enabled = enabled
        self.start = time.monotonic()
        self.last_draw = 0.0
        self.drawn = False

    def __call__(self, done, value):
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last_draw < 0.1 and done < self.total:
            return
        self.last_draw = now
        elapsed = max(now - self.start, 1e-9)
        rate = done / elapsed
        left = (self.total - done) / rate if rate > 0 else 0
        text = "%s %d/%d  %.0f/s  %s left" % (self.unit, done, self.total, rate, duration(left))
        if value is not None and self.metric:
            text += "  %s %.6g" % (self.metric, value)
        self.stream.write("\r" + text + "\033[K")
        self.stream.flush()
        self.drawn = True

    def finish(self):
        if self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()

