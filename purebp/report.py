"""What ``purebp train`` prints after training, sized for a screen.

In order: a line of the settings (with the defaults classes chose, and the
held-out split), a line saying which code trained (``path_line``), the reports of the metric (training and held-out side by
side), the trained weights' line, the weight matrices and outputs (numpy's
printing, summarised past a screenful), the terminal chart, then for
classes the confusion matrix, and a table of rows with their predictions.
Long histories, large matrices and many rows are summarised; ``--json``
has every number.

>>> for line in report_lines([(0, 0.5), (100, 0.9)], [(0, 0.4), (100, 0.8)], "iteration",
...                          "accuracy", (0.95, 0.85)):
...     print(line)
iteration  accuracy  held-out accuracy
        0  0.5       0.4
      100  0.9       0.8
  trained  0.95      0.85      (the trained weights)
>>> print("\\n".join(confusion_lines([[2, 0], [1, 3]], ["cat", "dog"])))
true \\ predicted  cat  dog
cat                  2    0
dog                  1    3
"""

from .arrayprint import array_str, scalar_str, screen_str
from .errors import plural
from .textwidth import ljust, rjust, width

HISTORY_LINES = 20    # more reports than this print as the first and last 10
SCREEN_ROWS = 20      # matrices of more rows print as their first and last 3
MOST_CLASSES = 20     # a confusion matrix of more classes is left to --json
WIDTH = 100           # a confusion matrix wider than this numbers its columns


def settings_line(args, result, table, split):
    """The first line: data, layers, seed, length, rate, loss, metric, classes, split."""
    settings = result.settings
    if args.batch_size:
        length = "%s in batches of %d (%s)" % (plural(settings["epochs"], "epoch"),
                                               args.batch_size,
                                               plural(settings["iterations"], "step"))
    else:
        length = plural(settings["iterations"], "iteration")
    parts = ["data %s" % args.data, "layers %s" % ",".join(str(n) for n in result.layers),
             "seed %d" % args.seed, length, "lr %s" % scalar_str(args.lr)]
    chosen = " (the default for classes)" if table.classes else ""
    parts.append("loss %s%s" % (args.loss, chosen if args.loss_default else ""))
    if len(result.layers) > 2:
        parts.append("activation %s" % args.activation)
    if args.metric_default and table.classes:
        parts.append("metric %s%s" % (args.metric, chosen))
    if table.classes:
        parts.append("%s: %s" % (plural(len(table.classes), "class", "classes"),
                                 some(table.classes)))
    if split is not None:
        parts.append("held out %d of %s (--test-fraction %s)"
                     % (split["held_out_rows"], plural(split["rows"], "row"),
                        scalar_str(split["test_fraction"])))
    return ", ".join(parts)


def path_line(result):
    """Which code trained, and how to get the other: the compiled loop, or
    ``network.step`` and why (``Training.plain_reason``).

    >>> class Result: plain_reason = None
    >>> print(path_line(Result()))
    path: the compiled loop (--show-code prints it); --plain runs network.step, the code in network.py
    >>> Result.plain_reason = "the compiled loop has no code for the loss mse"
    >>> print(path_line(Result()))
    path: plain, network.step as network.py reads, since the compiled loop has no code for the loss mse
    """
    from .training import ASKED, DEBUGGER
    why = result.plain_reason
    if why is None:
        return "path: the compiled loop (--show-code prints it); --plain runs network.step, " \
               "the code in network.py"
    plain = "path: plain, network.step as network.py reads"
    if why == ASKED:
        return plain + " (--plain); leave out --plain for the compiled loop, same numbers"
    if why == DEBUGGER:
        return plain + ", since a debugger is on: breakpoints there stop"
    return plain + ", since " + why


def report_lines(history, held_out, unit, metric, final):
    """The reports as a column (two with held-out rows), the last line the
    trained weights' metric (``final``: one value, or a pair with held-out)."""
    both = bool(held_out)
    held = dict(held_out)
    rows = [(str(i), scalar_str(v), scalar_str(held[i]) if i in held else "")
            for i, v in history]
    if len(rows) > HISTORY_LINES + 1:
        half = HISTORY_LINES // 2
        rows = rows[:half] + [None] + rows[-half:]
    finals = final if both else (final,)
    last = ("trained",) + tuple(scalar_str(v) for v in finals) + (("",) if not both else ())
    width = max([len(metric)] + [len(r[1]) for r in rows if r] + [len(last[1])])
    lines = ["%9s  %s" % (unit, metric.ljust(width) + ("  held-out " + metric if both else ""))]
    for row in rows:
        if row is None:
            lines.append("%9s  (%d more reports: all of them in --json and --plot)"
                         % ("...", len(history) - HISTORY_LINES))
        else:
            lines.append(("%9s  %s  %s" % (row[0], row[1].ljust(width), row[2])).rstrip())
    lines.append(("%9s  %s  %s" % (last[0], last[1].ljust(width), last[2].ljust(width)))
                 + "  (the trained weights)")
    return lines


def confusion_lines(counts, names):
    """A confusion matrix: a row per true class, a column per predicted class.
    Columns are headed by the class names, or by their numbers when the
    names would make the table wider than ``WIDTH``."""
    numbered = ["%d" % j for j in range(len(names))]
    for heads, labels in ((list(names), list(names)),
                          (numbered, ["%d %s" % (j, n) for j, n in enumerate(names)])):
        corner = "true \\ predicted"
        left = max([len(corner)] + [width(label) for label in labels])
        widths = [max(width(h), max(len(str(row[j])) for row in counts))
                  for j, h in enumerate(heads)]
        lines = [corner.ljust(left) + "".join("  " + rjust(h, w) for h, w in zip(heads, widths))]
        for label, row in zip(labels, counts):
            lines.append(ljust(label, left) + "".join("  " + str(c).rjust(w)
                                                      for c, w in zip(row, widths)))
        if max(width(line) for line in lines) <= WIDTH:
            break
    return lines


def class_table(X, classes, true, predicted, outputs, inputs, rows, most=12, columns=6):
    """Rows with their inputs, true and predicted class and the predicted
    class's output: the wrong ones first (marked), then the others in
    order, at most ``most`` of them.

    ``rows`` are the rows' numbers in the data; ``X`` their inputs (as the
    file gives them), ``true`` and ``predicted`` class indexes, ``outputs``
    the network's output rows, all in the order of ``rows``.

    >>> print("\\n".join(class_table([[0.5], [2.0]], ["a", "b"], [0, 1], [0, 0],
    ...                                [[0.9, 0.1], [0.6, 0.4]], ["x"], [3, 7])))
    row    x | class  predicted  output
      7    2 | b      a          0.600000  <- wrong
      3  0.5 | a      a          0.900000
    """
    from .chart import _kept
    order = ([k for k in range(len(rows)) if predicted[k] != true[k]]
             + [k for k in range(len(rows)) if predicted[k] == true[k]])[:most]
    kept = _kept(len(inputs), columns)
    header = ["row"] + [inputs[j] if j is not None else "..." for j in kept]
    header += ["class", "predicted", "output", ""]
    cells = []
    for k in order:
        guess = predicted[k]
        cells.append(["%d" % rows[k]] + ["%.6g" % X[k][j] if j is not None else "..."
                                         for j in kept]
                     + [classes[true[k]], classes[guess], "%.6f" % outputs[k][guess],
                        "" if guess == true[k] else "<- wrong"])
    widths = [max([width(header[j])] + [width(row[j]) for row in cells])
              for j in range(len(header))]
    n = len(kept) + 1

    def line(words):
        left = "  ".join(rjust(w, widths[j]) for j, w in enumerate(words[:n]))
        right = "  ".join(ljust(w, widths[n + j]) for j, w in enumerate(words[n:n + 2]))
        return ("%s | %s  %s  %s" % (left, right, words[n + 2].rjust(widths[n + 2]),
                                     words[n + 3])).rstrip()
    lines = [line(header)] + [line(row) for row in cells]
    if len(rows) > most:
        wrong = sum(1 for k in range(len(rows)) if predicted[k] != true[k])
        lines.append("... and %s (%d of them wrong)"
                     % (plural(len(rows) - most, "more row"), max(0, wrong - most)))
    return lines


def matrix_text(A):
    """numpy's printing of ``A``, its first and last 3 rows past ``SCREEN_ROWS`` rows."""
    if len(A) <= SCREEN_ROWS:
        return array_str(A)
    return "%s   (%d rows; every number in --json)" % (screen_str(A, SCREEN_ROWS), len(A))


def some(names, most=6):
    """Names for a line: all, or the first few and how many more; quoted
    where a name holds a comma, which would read as two.

    >>> some(["cat", "dog"]), some(["big cat, old", "dog"])
    ('cat, dog', "'big cat, old', 'dog'")
    """
    if any("," in name for name in names):
        names = [repr(name) for name in names]
    if len(names) <= most:
        return ", ".join(names)
    return "%s, ... (%d more), %s" % (", ".join(names[:most - 1]), len(names) - most,
                                      names[-1])


def print_training(args, result, table, data, out):
    """Everything train prints on stdout (``data``: the rows trained on and
    held out, see ``cli``)."""
    from .chart import loss_chart, predictions_table
    from .classes import class_indexes, confusion
    from .metrics import measure
    from .network import predict
    unit = "epoch" if args.batch_size else "iteration"
    activation, loss = result.settings["activation"], result.settings["loss"]
    print(settings_line(args, result, table, data.split), file=out)
    print(path_line(result), file=out)
    final = data.final
    print("\n".join(report_lines(result.history, result.held_out, unit, args.metric, final)),
          file=out)
    for k, syn in enumerate(result.weights):
        print("syn[%d] (%d x %d):" % (k, len(syn), len(syn[0])), file=out)
        print(matrix_text(syn), file=out)
    if args.batch_size:
        print("l, the trained network's outputs:", file=out)
    else:
        print("l, the outputs of the last iteration:", file=out)
    print(matrix_text(result.outputs), file=out)
    if len(result.history) > 1:
        print("", file=out)
        print("\n".join(loss_chart(result.history, args.metric, ascii=args.ascii, unit=unit)),
              file=out)
    print("", file=out)
    if not table.classes:
        print("\n".join(predictions_table(data.X, data.y, result.outputs, table.inputs,
                                           table.outputs)), file=out)
        return
    X, y, rows, which = data.X, data.y, data.rows, "training"
    if data.split is not None:
        X, y, rows, which = data.X_test, data.y_test, data.test_rows, "held-out"
    outputs = predict(result.weights, X, activation, loss)
    right = measure("accuracy", y, outputs)
    print("confusion matrix of the %s rows (%d, %s right)%s"
          % (which, len(y), scalar_str(right),
             "" if len(table.classes) <= MOST_CLASSES else ": %d classes, too many to show; "
             "every count in --json" % len(table.classes)), file=out)
    if len(table.classes) <= MOST_CLASSES:
        print("\n".join(confusion_lines(confusion(y, outputs), table.classes)), file=out)
    print("", file=out)
    print("the %s rows, the wrong ones first (row: its number in the data, from 0; the "
          "inputs as the data gives them):" % which, file=out)
    print("\n".join(class_table(_unscaled(X, table), table.classes, class_indexes(y),
                                class_indexes(outputs), outputs, table.inputs, rows)), file=out)


def _unscaled(X, table):
    """The inputs as the file gives them: ``--scale`` undone (the bias stays 1)."""
    scaling = table.scaling["inputs"]
    if scaling is None:
        return X
    if table.bias:
        return [row + [1.0] for row in scaling.unscale([row[:-1] for row in X])]
    return scaling.unscale(X)
