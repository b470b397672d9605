"""Your own data: a CSV file of numbers, read into ``X`` and ``y``.

    x1,x2,bias,y
    0,0,1,0
    0,1,1,1

* A header row is optional: a first row with any cell that is not a number
  is the header.
* Targets: the last column by default; or any columns, by name or by
  index (0 is the first column, -1 the last).
* Numbers only. The first bad cell is reported with its line and column.
* UTF-8, with or without a byte-order mark; comma- or semicolon-separated
  (with semicolons, a decimal comma such as ``0,5`` is read as 0.5);
  blank lines at the end are ignored.

A sigmoid output lies in [0, 1], so targets outside it are refused unless
they are scaled (``scale_targets=True``); inputs may be scaled too. Scaling
is min-max per column; see ``purebp.scaling``.
"""

import csv
import io
import math

from .errors import PurebpError
from .files import read_text
from .scaling import MinMax


class Table:
    """A CSV file split into inputs and targets.

    ``X``, ``y``: matrices (scaled where asked); ``inputs``, ``targets``:
    the column names (``x1, x2, ...`` when there is no header); ``scaling``:
    ``{"inputs": MinMax or None, "targets": MinMax or None}``.
    """

    def __init__(self, X, y, inputs, targets, scaling):
        self.X, self.y = X, y
        self.inputs, self.targets = inputs, targets
        self.scaling = scaling


def parse_rows(text, path):
    """Rows of the CSV ``text`` as ``(line number, cells)``, and the delimiter."""
    lines = text.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        raise PurebpError("%s: the file is empty" % path)
    first = lines[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
    rows = []
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                raise PurebpError("%s: line %d is blank; blank lines are allowed only at the end"
                                  % (path, reader.line_num))
            rows.append((reader.line_num, [cell.strip() for cell in cells]))
    except csv.Error as error:
        raise PurebpError("%s: line %d: %s" % (path, reader.line_num, error))
    return rows, delimiter


def to_number(cell, delimiter):
    """The number a cell holds, or None if it holds no finite number."""
    if delimiter == ";":
        cell = cell.replace(",", ".")
    try:
        value = float(cell)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def read_csv(path, targets=None, scale_inputs=False, scale_targets=False):
    """Read ``path`` into a ``Table``; ``targets``: names or indexes of columns."""
    rows, delimiter = parse_rows(read_text(path), path)
    line, first = rows[0]
    if any(to_number(cell, delimiter) is None for cell in first):
        names = first
        rows = rows[1:]
        if not rows:
            raise PurebpError("%s: there is a header but no rows of data" % path)
        for i, name in enumerate(names):
            if not name:
                raise PurebpError("%s: line %d: column %d of the header has no name"
                                  % (path, line, i + 1))
            if names.index(name) != i:
                raise PurebpError("%s: line %d: the header names %r twice"
                                  % (path, line, name))
    else:
        names = ["x%d" % (i + 1) for i in range(len(first))]
    width = len(names)
    if width < 2:
        raise PurebpError("%s: needs at least two columns (inputs, then a target); it has %d"
                          % (path, width))
    matrix = []
    for line, cells in rows:
        if len(cells) != width:
            raise PurebpError("%s: line %d has %d cells, but there are %d columns"
                              % (path, line, len(cells), width))
        row = []
        for i, cell in enumerate(cells):
            value = to_number(cell, delimiter)
            if value is None:
                what = "an empty cell" if not cell else "%r is not a finite number" % cell
                raise PurebpError("%s: line %d, column %d (%s): %s"
                                  % (path, line, i + 1, names[i], what))
            row.append(value)
        matrix.append(row)
    chosen = choose_targets(names, targets, path)
    kept = [i for i in range(width) if i not in chosen]
    X = [[row[i] for i in kept] for row in matrix]
    y = [[row[i] for i in chosen] for row in matrix]
    scaling = {"inputs": None, "targets": None}
    if scale_inputs:
        scaling["inputs"] = MinMax.fit(X)
        X = scaling["inputs"].scale(X)
    if scale_targets:
        scaling["targets"] = MinMax.fit(y)
        y = scaling["targets"].scale(y)
    else:
        for j, i in enumerate(chosen):
            column = [row[j] for row in y]
            if min(column) < 0 or max(column) > 1:
                raise PurebpError(
                    "%s: target %r runs from %s to %s, but a sigmoid output lies in [0, 1]; "
                    "add --scale-targets to scale it" % (path, names[i], _short(min(column)),
                                                         _short(max(column))))
    return Table(X, y, [names[i] for i in kept], [names[i] for i in chosen], scaling)


def choose_targets(names, targets, path):
    """Indexes of the target columns: by name, or by index (-1 the last)."""
    if not targets:
        return [len(names) - 1]
    chosen = []
    for target in targets:
        target = str(target).strip()
        if target in names:
            index = names.index(target)
        else:
            try:
                index = int(target)
            except ValueError:
                raise PurebpError("%s: no column named %r; the columns are: %s"
                                  % (path, target, ", ".join(names)))
            if not -len(names) <= index < len(names):
                raise PurebpError("%s: there is no column %d: the file has %d columns "
                                  "(0 to %d, or -1 for the last)"
                                  % (path, index, len(names), len(names) - 1))
            index %= len(names)
        if index in chosen:
            raise PurebpError("%s: column %r is a target twice" % (path, names[index]))
        chosen.append(index)
    if len(chosen) == len(names):
        raise PurebpError("%s: every column is a target, so nothing is left as input" % path)
    return chosen


def _short(value):
    return "%g" % value
