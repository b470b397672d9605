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

**When the first report dwarfs the rest** (real data: a loss of 4000 at
the random start, then 20 falling to 5), a scale that holds it would
squash every later report into the bottom rows. So when a scale that
holds every report (log when they span two decades, else linear) would
leave the reports after the first less than a fifth of the chart's
height, the scale is taken from the reports *after the first*: the first
column is drawn to the top and cut, and the title says so, with its
value. Later reports, where training happens, fill the chart:

>>> history = [(0, 50.0), (100, 3.0), (200, 2.5), (300, 2.0)]
>>> print("\\n".join(loss_chart(history, "sse", width=8, height=4, ascii=True)))
sse; iteration 0 (50) is above the chart, cut at its top
 3 |####
   |####
   |######
 2 |########
   +--------
    0    300
"""

import math
import sys
import time

from .textwidth import rjust, width
from .timewords import duration     # (chart.duration, as before: the progress line's)

BLOCKS = " ▁▂▃▄▅▆▇█"     # 0/8 to 8/8 of a cell
FIRST_SLICE_SECONDS = 2.0  # work timed before a long run is foretold
LONG_RUN_SECONDS = 300.0   # work estimated above this is foretold, once, on stderr


def use_log_scale(values):
    """Log scale when all values are positive and span two decades or more."""
    return min(values) > 0 and max(values) / min(values) >= 100


def first_dwarfs(values):
    """Whether the first value lies so far above the others that, on a
    scale holding all of them, they would fill less than a fifth of it:
    then the chart is scaled to the others.

    >>> first_dwarfs([50.0, 3.0, 2.5, 2.0]), first_dwarfs([1.0, 0.5, 0.25, 0.1])
    (True, False)
    """
    rest = values[1:]
    if len(rest) < 2:
        return False
    f = math.log10 if use_log_scale(values) else (lambda v: v)
    top, bottom = f(max(rest)), f(min(rest))
    return f(values[0]) - top > 4 * (top - bottom)


def loss_chart(history, metric, width=60, height=10, ascii=False, unit="iteration"):
    """The ``(iteration, value)`` pairs as a column chart: a list of lines."""
    values = [v for _, v in history]
    if not values or any(v != v or v in (float("inf"), float("-inf")) for v in values):
        return []
    cut = first_dwarfs(values)
    scaled = values[1:] if cut else values
    log = use_log_scale(scaled)
    f = math.log10 if log else (lambda v: v)
    low, high = f(min(scaled)), f(max(scaled))
    if high == low:
        low, high = low - 1, high + 1
    columns = max(1, min(width, 4 * len(values)) if len(values) < width else width)
    # eighths of a cell filled in each column, from the value it stands for
    filled = []
    for c in range(columns):
        v = values[min(len(values) - 1, c * len(values) // columns)]
        # at least half a cell, so the smallest value still shows (as ▄ or #)
        eighths = max(4, int(round((f(v) - low) / (high - low) * height * 8)))
        filled.append(min(eighths, height * 8))     # the first report, when cut
    top_label, bottom_label = _label(max(scaled)), _label(min(scaled))
    margin = max(len(top_label), len(bottom_label)) + 1
    title = "%s%s" % (metric, ", log scale" if log else "")
    if cut:
        title += "; %s %s (%s) is above the chart, cut at its top" % (
            unit, history[0][0], _label(values[0]))
    lines = [title]
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
        widths = [max([width(h)] + [width(row[j]) for row in cells])
                  for j, h in enumerate(header)]
        column = ["  ".join(rjust(h, w) for h, w in zip(header, widths))]
        column += ["  ".join(rjust(c, w) for c, w in zip(row, widths)) for row in cells]
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
    with the time left at the rate measured so far, and the current metric.

    Only when stderr is a terminal: piped or redirected output stays clean.
    ``unit`` names what is counted: iterations, or the weights of a gradient check.
    The first line is drawn at once (``begin``), before the first step; the
    speed reads as steps a second, or below one a second, seconds a step:

    >>> import io
    >>> line = Progress(100, "accuracy", stream=io.StringIO(), enabled=True)
    >>> line.text(0, None, 0.0)
    'iteration 0/100  starting'
    >>> line.text(40, 0.875, 2.0)
    'iteration 40/100  20/s  3 s left  accuracy 0.875'
    >>> line.text(3, None, 7.5)
    'iteration 3/100  2.5 s/iteration  4 min 02 s left'
    >>> line.text(5, None, 3.6)
    'iteration 5/100  1.4/s  1 min 08 s left'

    **A long run is foretold**, terminal or not: ``long_run(seconds, done,
    elapsed)``, if given, makes one line that is written once, as soon as
    the first ``FIRST_SLICE_SECONDS`` of work put the whole above
    ``LONG_RUN_SECONDS`` (``clock`` is the time, for tests):

    >>> ticks = iter([0.0, 2.5])
    >>> stream = io.StringIO()
    >>> line = Progress(10000, stream=stream, enabled=False, clock=lambda: next(ticks),
    ...                 long_run=lambda seconds, done, elapsed: "about %s" % duration(seconds))
    >>> line.due(2)
    False
    >>> stream.getvalue()
    'about 3 h 28 min\\n'
    """

    def __init__(self, total, metric=None, stream=None, enabled=None, unit="iteration",
                 clock=None, long_run=None):
        self.total = total
        self.metric = metric
        self.unit = unit
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.enabled = enabled
        self.clock = clock or time.monotonic
        self.long_run = long_run
        self.start = self.clock()
        self.last_draw = 0.0
        self.drawn = False

    def due(self, done):
        """Whether a call with ``done`` now would draw (training computes the
        current metric only then); foretells a long run, once."""
        now = self.clock()
        if self.long_run is not None and 0 < done < self.total:
            self._foretell(done, now - self.start)
        return self.enabled and (now - self.last_draw >= 0.1 or done >= self.total)

    def _foretell(self, done, elapsed):
        """After the first slice, the whole work's time at the speed so far:
        above ``LONG_RUN_SECONDS``, one line (the progress line, if drawn,
        is cleared first and comes back at its next draw)."""
        if elapsed < FIRST_SLICE_SECONDS or elapsed <= 0:
            return
        seconds = elapsed / done * self.total
        if seconds > LONG_RUN_SECONDS:
            if self.drawn:
                self.stream.write("\r\033[K")
            self.stream.write(self.long_run(seconds, done, elapsed) + "\n")
            self.stream.flush()
        self.long_run = None        # said, or not to be said: the first slice decides

    def begin(self):
        """Draw the first line now, before any step."""
        if self.enabled:
            self._draw(0, None, self.clock())

    def __call__(self, done, value):
        if self.long_run is not None and 0 < done < self.total:     # asked without due()
            self._foretell(done, self.clock() - self.start)
        if not self.enabled:
            return
        now = self.clock()
        if now - self.last_draw < 0.1 and done < self.total:
            return
        self._draw(done, value, now)

    def text(self, done, value, elapsed):
        """The line for ``done`` steps after ``elapsed`` seconds, with ``value``."""
        if done <= 0:
            return "%s 0/%d  starting" % (self.unit, self.total)
        rate = done / max(elapsed, 1e-9)
        if rate >= 1:
            speed = ("%.0f/s" if rate >= 10 else "%.1f/s") % rate
        else:
            speed = "%.2g s/%s" % (1 / rate, self.unit)
        text = "%s %d/%d  %s  %s left" % (self.unit, done, self.total, speed,
                                          duration((self.total - done) / rate))
        if value is not None and self.metric:
            text += "  %s %.6g" % (self.metric, value)
        return text

    def _draw(self, done, value, now):
        self.last_draw = now
        self.stream.write("\r" + self.text(done, value, now - self.start) + "\033[K")
        self.stream.flush()
        self.drawn = True

    def finish(self):
        if self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()

