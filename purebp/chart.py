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


def predictions_table(X, y, outputs, inputs, targets, most=12):
    """Each training row's inputs, targets and predictions, as lines of text."""
    groups = [(list(inputs), [["%.6g" % v for v in x] for x in X]),
              (list(targets), [["%.6g" % v for v in t] for t in y]),
              (["predicted " + t for t in targets], [["%.6f" % v for v in o] for o in outputs])]
    shown = min(len(X), most)
    parts = []
    for header, cells in groups:
        widths = [max([len(h)] + [len(row[j]) for row in cells[:shown]])
                  for j, h in enumerate(header)]
        column = ["  ".join(h.rjust(w) for h, w in zip(header, widths))]
        column += ["  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in cells[:shown]]
        parts.append(column)
    lines = [" | ".join(part[i] for part in parts) for i in range(shown + 1)]
    if len(X) > most:
        lines.append("... and %d more rows" % (len(X) - most))
    return lines


def _label(v):
    return "%.3g" % v


class Progress:
    """A one-line progress report on stderr, redrawn at most ten times a second.

    Only when stderr is a terminal: piped or redirected output stays clean.
    """

    def __init__(self, total, metric, stream=None, enabled=None):
        self.total = total
        self.metric = metric
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
        text = "iteration %d/%d  %.0f it/s  %s left" % (done, self.total, rate, _duration(left))
        if value is not None:
            text += "  %s %.6g" % (self.metric, value)
        self.stream.write("\r" + text + "\033[K")
        self.stream.flush()
        self.drawn = True

    def finish(self):
        if self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _duration(seconds):
    if seconds < 60:
        return "%.0f s" % seconds
    if seconds < 3600:
        return "%d min %02d s" % (seconds // 60, seconds % 60)
    return "%d h %02d min" % (seconds // 3600, seconds % 3600 // 60)
