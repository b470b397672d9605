"""Your own data: a CSV file of numbers, read into ``X`` and ``y``.

    size,rooms,price
    50,2,0.15
    80,3,0.26

* **A header row is optional.** A first row in which most cells are not
  numbers is the header; a first row that is mostly numbers is data, so a
  typo in it (``0.5,0.2,1O,1``) is reported as a bad cell, with its line
  and column, instead of silently becoming the column names. (A headerless
  ``5.1,3.5,1.4,0.2,setosa`` is data: four numbers of five.) Header names are plain text: not
  empty, not twice, no control characters (see ``purebp.columns``).
* **Targets**: the last column by default; or any columns, by name or by
  index (0 is the first column, -1 the last).
* **The bias**: a constant-1 input named ``bias`` is appended after the
  file's input columns, as the article's third column (``bias=False``, on
  the command line ``--no-bias``, leaves it out); see ``purebp.columns``.
* Numbers only, except a column of class labels. The first bad cell is
  reported with its line and column.
* **Classes** (``classes=True``, on the command line ``--classes``): the
  one target column holds labels, numbers (``0`` to ``9``) or text
  (``setosa``), and becomes one output per class, one-hot (see
  ``purebp.classes`` for their order). A target column whose cells are
  mostly text is read so without being asked (``Table.detected``; the
  command line says so); a target column of a few whole numbers outside
  [0, 1] (at most ``FEW_CLASSES``) is refused with a pointer to both
  readings, classes or a number to predict (``--scale-targets``).
* UTF-8, with or without a byte-order mark; comma- or semicolon-separated
  (with semicolons, a decimal comma such as ``0,5`` is read as 0.5).
  Lines end at ``\\n``, ``\\r\\n`` or ``\\r`` only, so line numbers are the
  ones an editor shows (a form feed or U+2028 inside a line is a bad
  character, not a line break). Blank lines at the end are ignored; a
  quote left open at the end of the file is an error.

A sigmoid output lies in [0, 1], so targets outside it are refused unless
they are scaled (``scale_targets=True``); inputs may be scaled too. Scaling
is min-max per column, and constant columns scale to 0; see
``purebp.scaling``. With held-out rows, the scale comes from the training
rows alone (``fit_rows``): the held-out ones are scaled as new data would
be. The bias is added after scaling, and never scaled.
"""

import csv
import io
import math
import re
from decimal import Decimal

from .classes import class_names, one_hot
from .columns import BIAS, add_bias, name_problem
from .errors import PurebpError, number, plural, show
from .files import read_text
from .numberwords import as_float, clip, full_width, grouped_by, hint, says_zero, too_long
from .scaling import MinMax

FEW_CLASSES = 20     # whole-number targets with at most this many values may be classes
_NUMBER_CHARACTERS = "0123456789+-.eE"     # what a number's cell is written with
_SPACES = " \t\u00a0\u2007\u202f"    # around it: spaces, tabs, no-break spaces (spreadsheets)


class Table:
    """A CSV file split into inputs and targets.

    ``X``, ``y``: matrices (scaled where asked, ``X`` with the bias column
    last if ``bias``); ``inputs``, ``targets``: the column names (``x1, x2,
    ...`` when there is no header; ``bias`` last among the inputs if it was
    added); ``scaling``: ``{"inputs": MinMax or None, "targets": MinMax or
    None}``, the inputs' without the bias; ``bias``: whether the bias
    column was added. With classes: ``classes``, their names, one output
    each (``y`` is one-hot; ``targets`` is the one label column), and
    ``detected``: True when the labels were recognised as text without
    being asked for; without classes, ``classes`` is None. ``warnings``:
    what the scaling lost (``scaling_warnings``), a line each, for stderr.
    """

    def __init__(self, X, y, inputs, targets, scaling, bias=False, classes=None,
                 detected=False, warnings=None):
        self.X, self.y = X, y
        self.inputs, self.targets = inputs, targets
        self.scaling = scaling
        self.bias = bias
        self.classes = classes
        self.detected = detected
        self.warnings = warnings or []

    @property
    def outputs(self):
        """The names of the network's outputs: the classes, or the target columns."""
        return list(self.classes) if self.classes else list(self.targets)


def parse_rows(text, path):
    """Rows of the CSV ``text`` as ``(line number, cells)``, and the delimiter.

    The line number is the line a row starts on; cells are stripped of
    spaces, tabs and no-break spaces (``_SPACES``: spreadsheets pad cells
    with them), so ``setosa`` and ``setosa\u00a0`` are one label. Columns
    at the end that are empty on every line, the header too (a spreadsheet
    exports ``a,b,y,,``), are left out: they hold nothing.
    """
    first = text.split("\n", 1)[0].split("\r", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    if "\t" in first and first.count(delimiter) == 0:
        raise PurebpError("%s: line 1 is separated by tabs; purebp reads commas or semicolons: "
                          "save the file as CSV (comma-separated)" % path)
    # newline="": lines end at \n, \r\n and \r only (str.splitlines would also
    # split at \f, \v, \x1c-\x1e, \x85, U+2028 and U+2029, unlike editors).
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows = []
    blank = None       # the first of the blank lines seen since the last row
    start = 1          # the line the next row starts on
    try:
        for cells in reader:
            cells = [cell.strip(_SPACES) for cell in cells]
            if not any(cells):
                if blank is None:
                    blank = start
            else:
                if blank is not None:
                    raise PurebpError("%s: line %d is blank; blank lines are allowed only "
                                      "at the end" % (path, blank))
                rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as error:
        reason = re.sub(r"^line \d+: ", "", str(error))    # PyPy's csv says the line too
        if reason == "unexpected end of data":
            reason = "a quote opened here is never closed"
        raise PurebpError("%s: line %d: %s" % (path, start, reason))
    if not rows:
        raise PurebpError("%s: the file is empty" % path)
    width = len(rows[0][1])
    while width > 1 and all(len(cells) == width and not cells[-1] for line, cells in rows):
        width -= 1
        rows = [(line, cells[:width]) for line, cells in rows]
    return rows, delimiter


def to_number(cell, delimiter):
    """The number a cell holds, or None if it holds no finite number.

    A number is written with the digits 0 to 9, a sign, a decimal point (or
    comma) and an exponent: ``float`` also reads ``1_000``, full-width and
    other scripts' digits, which in a data file are typos, not numbers.

    >>> to_number("0.5", ","), to_number("0,5", ";"), to_number("1O", ","), to_number("inf", ",")
    (0.5, 0.5, None, None)
    >>> to_number("2_0", ","), to_number("\uff12", ","), to_number("-1.5e3", ",")
    (None, None, -1500.0)
    """
    cell = cell.strip(" \t")    # a file's no-break spaces: parse_rows drops them
    if delimiter == ";":
        cell = cell.replace(",", ".")
    for c in cell:
        if c not in _NUMBER_CHARACTERS:
            return None
    try:
        value = float(cell)
    except ValueError:
        return None
    # 1e-400 is no 0.0, as on the command line (numberwords.hint says why)
    return value if math.isfinite(value) and (value or says_zero(cell)) else None


def not_a_number(cell, delimiter=","):
    """How a cell or a row's word that ``to_number`` refuses is named (read
    with ``delimiter``'s decimal mark): ``'x' is not a finite number``, or
    for ``1e-400``, what the flags say.

    >>> not_a_number("1e-400"), not_a_number("1,0e-400", ";")
    ("'1e-400' is too small for a float: it would be 0.0", "'1,0e-400' is too small for a float: it would be 0.0")
    """
    if underflows(cell, delimiter):
        return "%s is too small for a float: it would be 0.0" % clip(cell)
    return "%s is not a finite number" % clip(cell)


def underflows(cell, delimiter=","):
    """Whether ``cell`` is a number too small for a float (``1e-400``, with
    semicolons ``1,0e-400``): ``float`` reads 0.0, and it does not say zero.

    >>> underflows("1e-400"), underflows("0e-400"), underflows("1,0e-400", ",")
    (True, False, False)
    """
    cell = cell.strip(" \t")
    if delimiter == ";":
        cell = cell.replace(",", ".")
    return as_float(cell) == 0.0 and not says_zero(cell)


def is_header(cells, delimiter):
    """Whether a first row is a header: most of its cells are not numbers.

    >>> is_header(["size", "rooms", "price"], ","), is_header(["0.5", "0.2", "1O", "1"], ",")
    (True, False)
    """
    numbers = sum(1 for cell in cells if to_number(cell, delimiter) is not None)
    return 2 * numbers < len(cells)


def read_csv(path, targets=None, scale_inputs=False, scale_targets=False, bias=True,
             classes=False, fit_rows=None):
    """Read ``path`` into a ``Table``; ``targets``: names or indexes of columns;
    ``classes``: the target is a column of class labels (text labels are
    recognised without it); ``fit_rows``: the rows (their numbers, 0 the
    first row of data) whose min and max set the scale, the training rows
    of a held-out split (None: every row)."""
    return read_table(read_text(path), path, targets, scale_inputs, scale_targets, bias, classes,
                      fit_rows)


def read_table(text, path, targets=None, scale_inputs=False, scale_targets=False, bias=True,
               classes=False, fit_rows=None):
    """``read_csv`` of the CSV ``text``; ``path`` names it in messages."""
    rows, delimiter = parse_rows(text, path)
    names, rows, header = _columns(rows, delimiter, path)
    if fit_rows is not None:
        fit_rows = _rows_of(fit_rows, len(rows), scale_inputs or scale_targets)
    width = len(names)
    if width < 2:
        raise PurebpError("%s: needs at least two columns (inputs, then a target); it has %d"
                          % (path, width))
    chosen = choose_targets(names, targets, path)
    if bias and BIAS in names:
        raise PurebpError("%s: the file has a column named %r, the name of the input purebp "
                          "adds (a constant 1); rename the column, or add --no-bias to leave "
                          "purebp's out" % (path, BIAS))
    texts = [i for i in chosen if _holds_text(rows, i, delimiter)]
    detected = bool(texts) and not classes
    if classes or texts:
        label = _label_column(chosen, texts, names, path, classes)
        numbers = [i for i in range(width) if i != label]
    else:
        label, numbers = None, None
    matrix = _numbers(rows, names, delimiter, path, header, numbers)
    kept = [i for i in range(width) if i not in chosen]
    X = [[row[i] for i in kept] for row in matrix]
    inputs, outputs = [names[i] for i in kept], [names[i] for i in chosen]
    scaling = {"inputs": None, "targets": None}
    warnings = []
    if scale_inputs:
        scaling["inputs"] = _fit(X, inputs, path, fit_rows)
        warnings += scaling_warnings(X, _cells(rows, kept), inputs, fit_rows, "input")
        X = scaling["inputs"].scale(X)
    names_of_classes = None
    if label is not None:
        if scale_targets:
            raise PurebpError("%s: target %r holds class labels, which become one-hot targets "
                              "(0 or 1); --scale-targets is for a number to predict: leave it "
                              "out" % (path, names[label]))
        labels = _labels(rows, label, names[label], delimiter, path)
        names_of_classes = _classes(labels, names[label], path)
        warnings += _look_alike(names_of_classes, names[label])
        y = one_hot(labels, names_of_classes)
    else:
        y = [[row[i] for i in chosen] for row in matrix]
        cells = _cells(rows, chosen)
        if scale_targets:
            scaling["targets"] = _fit(y, outputs, path, fit_rows)
            warnings += scaling_warnings(y, cells, outputs, fit_rows, "target")
            y = scaling["targets"].scale(y)
        # Held out of the scale, held-out targets may lie outside [0, 1] as
        # new data may: those that train must lie inside.
        trained = range(len(y)) if fit_rows is None else fit_rows
        _check_targets([y[r] for r in trained], outputs, path, [cells[r] for r in trained])
    if bias:                        # after scaling: the bias is always exactly 1
        X = add_bias(X)
        inputs.append(BIAS)
    return Table(X, y, inputs, outputs, scaling, bias, names_of_classes, detected, warnings)


def scaling_warnings(A, cells, names, fit_rows=None, kind="input"):
    """What min-max scaling of ``A``'s columns (fitted on ``fit_rows``, None:
    every row) loses without an error, a line each: a column that is one
    number on the rows that set the scale maps to 0 on every row, so

    * held-out rows that hold other values map to 0 as well: the network
      never sees that input vary (for a target: the model predicts that one
      number for every row, whatever the held-out targets are);
    * numbers that differ in the file (``cells``: the texts of ``A``'s
      cells) but are one float (9007199254740992 and 9007199254740993) are
      one number to the network.

    >>> A = [[3.0, 1.0], [3.0, 2.0], [7.0, 3.0]]
    >>> cells = [["3", "1"], ["3", "2"], ["7", "3"]]
    >>> scaling_warnings(A, cells, ["a", "b"], fit_rows=[0, 1])
    ["input 'a' is 3 on every training row, so --scale maps it to 0 on every row, the held-out rows too: the held-out row holds another value (7), which also maps to 0 (the network never sees this input vary); another --seed holds out other rows"]
    >>> scaling_warnings([[2.0 ** 53], [2.0 ** 53]], [["9007199254740992"], ["9007199254740993"]], ["id"])
    ["input 'id' holds different numbers in the file (9007199254740992 to 9007199254740993), but as floats they are one, 9007199254740992, so --scale maps it to 0 on every row: a float holds 15 to 17 significant digits"]
    """
    fit = list(range(len(A))) if fit_rows is None else list(fit_rows)
    held = sorted(set(range(len(A))) - set(fit))
    flag = "--scale" if kind == "input" else "--scale-targets"
    lines = []
    for j, name in enumerate(names):
        value = A[fit[0]][j]
        if any(A[r][j] != value for r in fit):
            continue
        other = [A[r][j] for r in held if A[r][j] != value]
        if other:
            low, high = number(min(other)), number(max(other))   # each told from value
            values = low if low == high else "%s to %s" % (low, high)
            some = "%s %s (%s)" % (
                some_of(len(other), len(held), "held-out row"), "holds another value"
                if len(other) == 1 else "hold another value" if low == high
                else "hold other values", values)
            if kind == "input":
                lines.append("input %r is %s on every training row, so --scale maps it to 0 on "
                             "every row, the held-out rows too: %s, which also %s to 0 (the "
                             "network never sees this input vary); another --seed holds out "
                             "other rows" % (name, number(value), some,
                                             "maps" if len(other) == 1 else "map"))
            else:
                lines.append("target %r is %s on every training row, so --scale-targets maps it "
                             "to 0 and the model predicts %s for every row, whatever its "
                             "inputs: %s; another --seed holds out other rows"
                             % (name, number(value), number(value), some))
        exact = _exactly(cells[r][j] for r in fit)
        if len(exact) > 1:
            lines.append("%s %r holds different numbers in the file (%s to %s), but as floats "
                         "they are one, %s, so %s maps it to 0 on every row: a float holds 15 "
                         "to 17 significant digits"
                         % (kind, name, exact[0], exact[-1], number(value), flag))
    return lines


def read_inputs(path, names, bias=False):
    """Rows of the input columns ``names`` from a CSV file, for ``predict``.

    With a header, the columns are picked by name (others are ignored);
    without one, the file must have exactly these columns, in this order.
    ``bias``: whether the model adds the bias itself (said in messages).
    """
    rows, delimiter = parse_rows(read_text(path), path)
    header_names, rows, header = _columns(rows, delimiter, path)
    listed = ", ".join(names) + (" (purebp adds the bias)" if bias else "")
    if header:
        where = dict((name, i) for i, name in enumerate(header_names))
        missing = [name for name in names if name not in where]
        if missing:
            raise PurebpError("%s: the header has no column %s; the model's inputs are: %s"
                              % (path, ", ".join(repr(m) for m in missing), listed))
        columns = [where[name] for name in names]
    else:
        if len(header_names) != len(names):
            raise PurebpError("%s: line %d has %s, but the model takes %s: %s"
                              % (path, rows[0][0], plural(len(header_names), "column"),
                                 plural(len(names), "input"), listed))
        columns = list(range(len(names)))
    matrix = _numbers(rows, header_names, delimiter, path, header, columns)
    return [[row[i] for i in columns] for row in matrix]


def choose_targets(names, targets, path):
    """Indexes of the target columns: by name, or by index (-1 the last)."""
    if not targets:
        return [len(names) - 1]
    chosen = []
    for target in targets:
        target = str(target).strip()
        index = _target_index(target, names)
        if index is None:
            said = full_width([target], accepts=lambda word, plain: _target_index(
                plain, names) not in (None, False))
            raise PurebpError("%s: no column named %s; the columns are: %s%s"
                              % (path, clip(target), ", ".join(names),
                                 "; " + said if said else ""))
        if index is False:
            raise PurebpError("%s: there is no column %s: the file has %d columns "
                              "(0 to %d, or -1 for the last)"
                              % (path, clip(target, 40, str), len(names), len(names) - 1))
        if index in chosen:
            raise PurebpError("%s: column %r is a target twice" % (path, names[index]))
        chosen.append(index)
    if len(chosen) == len(names):
        raise PurebpError("%s: every column is a target, so nothing is left as input" % path)
    return chosen


# --- private helpers ---------------------------------------------------------------

def _target_index(text, names):
    """The column ``text`` (a --target) picks: by name, or by index (-1 the
    last); False for an index past the columns, None for neither.

    >>> [_target_index(t, ["a", "b"]) for t in ("b", "+0", "-1", "2", "0_1", "\uff11")]
    [1, 0, 1, False, None, None]
    """
    if text in names:
        return names.index(text)
    digits = text[1:] if text[:1] in "+-" else text
    if not (digits.isdigit() and all(c in "0123456789" for c in digits)):
        return None         # (int() reads 0_1 and ０ too)
    if too_long(digits) or not -len(names) <= int(text) < len(names):
        return False
    return int(text) % len(names)


def _columns(rows, delimiter, path):
    """``(names, data rows, whether there is a header)``; names checked."""
    line, first = rows[0]
    if not is_header(first, delimiter):
        return ["x%d" % (i + 1) for i in range(len(first))], rows, False
    seen = set()
    for i, name in enumerate(first):
        if not name:
            raise PurebpError("%s: line %d: column %d of the header has no name"
                              % (path, line, i + 1))
        problem = name_problem(name)
        if problem:
            raise PurebpError("%s: line %d, column %d: the header name %r %s; names must be "
                              "plain text" % (path, line, i + 1, name, problem))
        if name in seen:
            raise PurebpError("%s: line %d: the header names %r twice" % (path, line, name))
        seen.add(name)
    if len(rows) == 1:
        raise PurebpError("%s: there is a header but no rows of data" % path)
    return first, rows[1:], True


def _numbers(rows, names, delimiter, path, header, columns=None):
    """The cells of ``rows`` as numbers (only ``columns``, if given), checked
    row by row, so the first bad cell of the file is the one reported.

    (A column of class labels is read by ``_labels``, not here.)
    """
    width = len(names)
    wanted = range(width) if columns is None else columns
    matrix = []
    marks = {}       # in a semicolon file: the first cell written with "," and with "."
    for line, cells in rows:
        if len(cells) != width:
            raise PurebpError("%s: line %d has %s, but %s%s"
                              % (path, line, plural(len(cells), "cell"),
                                 "there is 1 column" if width == 1
                                 else "there are %d columns" % width,
                                 "; the cells after column %d are empty: delete the "
                                 "separators at the end of the line" % width
                                 if len(cells) > width and not any(cells[width:]) else ""))
        row = [None] * width
        for i in wanted:
            cell = cells[i]
            value = to_number(cell, delimiter)
            if value is None:
                what = "an empty cell" if not cell else not_a_number(cell, delimiter)
                if line == 1 and not header:
                    what += " (line 1 is read as data, since most of its cells are numbers)"
                elif cell and not underflows(cell, delimiter):
                    text = _holds_text(rows, i, delimiter)
                    what += cell_hint(cell, delimiter, lambda word, written=None: _number_hint(
                        word, names[i], text, written))
                raise PurebpError("%s: line %d, column %d (%s): %s"
                                  % (path, line, i + 1, names[i], what))
            row[i] = value
            if delimiter == ";":
                if "," in cell:
                    marks.setdefault(",", (line, i, cell))
                elif thousands(cell):
                    marks.setdefault(".", (line, i, cell))
        matrix.append(row)
    if len(marks) == 2:
        # 0,5 beside 1.500: is the point a decimal point, or a thousands
        # separator (1500, as the decimal-comma countries write it)?
        line, i, cell = marks["."]
        comma = marks[","]
        raise PurebpError("%s: line %d, column %d (%s): %s has a point, but line %d writes %s "
                          "with a decimal comma: %s" % (path, line, i + 1, names[i], clip(cell),
                                                        comma[0], clip(comma[2]), ask(cell)))
    found = delimiter == ";" and unproved_point([[cells[i] for line, cells in rows]
                                                 for i in wanted])
    if found:
        r, i = found[0], wanted[found[1]]
        raise PurebpError("%s: line %d, column %d (%s): %s" % (
            path, rows[r][0], i + 1, names[i], grouped_point(rows[r][1][i])))
    return matrix


_MISSING = ("na", "n/a", "#n/a", "nan", "null", "none", "missing", "?", "-", "--", ".")
_DATE = re.compile(r"\d{1,4}([-/.])\d{1,2}\1\d{1,4}$|\d{1,2}:\d\d(:\d\d)?$")


def _number_hint(cell, name, text_column, written=None):
    """What a cell that is no number may be, and what to do, for its message
    ("" when it looks like a typo). ``text_column``: most of the column's
    cells are not numbers; ``written``: how ``hint`` shows its rewrites.

    >>> _number_hint("NA", "age", False)
    ': a missing value? fill it in, or delete the row'
    >>> _number_hint("30%", "price", False)
    ': a percentage: write 30 or 0.3'
    """
    if cell.lower() in _MISSING:
        return ": a missing value? fill it in, or delete the row"
    if _DATE.match(cell):
        return (": a date or a time? purebp reads numbers only: leave the column out of the "
                "file, or write it as a number (days since a start, hours)")
    said = hint(cell, written=written)
    if said:
        return ": " + said
    if text_column:
        return (": column %r holds text, and an input is a number: leave the column out of "
                "the file, or make it the target (--target %s, with --classes)" % (name, name))
    return ""


def ask(cell, then="write every number the same way, without thousands separators"):
    """The question a point beside decimal commas raises, and what to do.

    >>> ask("1.500")
    'is it 1,500 or 1500? write every number the same way, without thousands separators'
    """
    return ("is it %s or %s? %s" % (clip(cell.replace(".", ","), 40, str),
                                    clip(cell.replace(".", ""), 40, str), then))


def unproved_point(columns):
    """In semicolon data, where 1.500 often means 1500: the first cell like
    1.500 (by row) of the columns in which no number like 2.25 shows the
    points to be decimal points, as ``(row, column)``; None if there is
    none. ``columns``: each column's cells, by row. One rule for files
    (their columns) and for ``predict``'s rows of words (the same columns).

    >>> unproved_point([["1.500", "2.5"], ["3", "1.250"], ["4.000", "5"]])
    (0, 2)
    >>> unproved_point([["1.500", "2.5"]]) is None
    True
    """
    found = None
    for j, cells in enumerate(columns):
        grouped = [r for r, cell in enumerate(cells) if thousands(cell)]
        if grouped and not any("." in cell and not thousands(cell) for cell in cells):
            if found is None or grouped[0] < found[0]:
                found = (grouped[0], j)
    return found


def grouped_point(cell):
    """Why ``1.500`` is refused in a semicolon file or row, where no other
    number shows its points to be decimal points, and what to write.

    >>> grouped_point("1.500")
    "'1.500' has a point before three digits, with semicolons: is it 1,500 or 1500? write it so, with a decimal comma or without thousands separators"
    """
    return ("%s has a point before three digits, with semicolons: %s" % (
        clip(cell), ask(cell, "write it so, with a decimal comma or without thousands "
                              "separators")))


def cell_hint(cell, delimiter, hint=hint):
    """``hint`` (or another like it, taking ``written=``) for a cell or a
    row's word that is no number, computed on the word as its file or row
    reads it: with semicolons, ``$0,5`` as ``$0.5``, its rewrites (only
    they) written back with the decimal comma.

    >>> cell_hint("$0,5", ";"), cell_hint("1_0,5", ";"), cell_hint("$0,5", ",")
    ("leave out the '$': write 0,5", "'_' is no part of a number: write 10,5", '')
    """
    if delimiter != ";" or "," not in cell or "." in cell:
        return hint(cell)
    read = cell.replace(",", ".")
    return hint(read, written=lambda w: w.replace(".", ",")).replace(repr(read), repr(cell))


def thousands(cell):
    """Whether ``cell`` could be a whole number written with thousands
    separators, as decimal-comma countries write them: ``1.500``, ``-12.000.000``.

    >>> thousands("1.500"), thousands("1.5"), thousands("1.5e3"), thousands("0.125")
    (True, False, False, False)
    """
    return grouped_by(cell.lstrip("+-"), ".")


def _holds_text(rows, column, delimiter):
    """Whether most of a column's cells are not numbers: a column of text labels."""
    text = sum(1 for line, cells in rows
               if column < len(cells) and to_number(cells[column], delimiter) is None)
    return 2 * text > len(rows)


def _label_column(chosen, texts, names, path, asked):
    """The index of the one target column that holds class labels."""
    if len(chosen) == 1:
        return chosen[0]
    given = ", ".join(repr(names[i]) for i in chosen)
    if asked:
        raise PurebpError("%s: --classes takes one target column, the labels; %d are given "
                          "(%s)" % (path, len(chosen), given))
    raise PurebpError("%s: target %r holds text labels, so it is a column of classes, and a "
                      "column of classes must be the only target; %d are given (%s)"
                      % (path, names[texts[0]], len(chosen), given))


def _labels(rows, column, name, delimiter, path):
    """The labels of one column: all numbers, or else all the cells' texts."""
    cells = []
    for line, row in rows:
        cell = row[column]
        if not cell:
            raise PurebpError("%s: line %d, column %d (%s): an empty cell; every row needs its "
                              "class label" % (path, line, column + 1, name))
        problem = name_problem(cell)
        if problem:
            raise PurebpError("%s: line %d, column %d (%s): the label %s %s; labels must be "
                              "plain text" % (path, line, column + 1, name, clip(cell), problem))
        cells.append((line, cell))
    numbers = [to_number(cell, delimiter) for line, cell in cells]
    if any(v is None for v in numbers):
        return [cell for line, cell in cells]
    found = delimiter == ";" and unproved_point([[cell for line, cell in cells]])
    if found:
        line, cell = cells[found[0]]
        raise PurebpError("%s: line %d, column %d (%s): %s" % (path, line, column + 1,
                                                             name, grouped_point(cell)))
    whole = []
    for line, cell in cells:
        # read exactly, not as a float: 9007199254740993 is not ...992
        exact = _exact(cell)
        if exact != exact.to_integral_value():
            raise PurebpError("%s: line %d, column %d (%s): the label %s is not a whole number; "
                              "class labels are names or whole numbers (0, 1, 2 ...): for a "
                              "number to predict, leave out --classes and add --scale-targets"
                              % (path, line, column + 1, name,
                                 cell if len(cell) <= 40 else clip(cell)))
        whole.append(int(exact))
    return whole


def _classes(labels, name, path):
    """The classes of a label column, refusing one class, or one a row."""
    names = class_names(labels)
    if len(names) < 2:
        raise PurebpError("%s: target %r holds one class, %r, on every row; classes need two "
                          "or more" % (path, name, names[0]))
    if len(names) > max(FEW_CLASSES, len(labels) // 2):
        raise PurebpError("%s: target %r has %d classes in %s, most of them a row or two: "
                          "is it a number to predict? then leave out --classes (and add "
                          "--scale-targets)" % (path, name, len(names),
                                                plural(len(labels), "row")))
    return names


def _look_alike(classes, name):
    """Classes whose names differ only in case or spacing, a line each group,
    for stderr: likely one class written two ways, which training would
    keep apart.

    >>> _look_alike(["Cat", "Dog", "cat", "dog"], "pet")
    ["target 'pet': 'Cat' and 'cat' are two classes, written alike but for case or spacing; if they are one class, write it one way in the file", "target 'pet': 'Dog' and 'dog' are two classes, written alike but for case or spacing; if they are one class, write it one way in the file"]
    """
    groups = {}
    for c in classes:
        groups.setdefault(" ".join(c.casefold().split()), []).append(c)
    lines = []
    for key in sorted(groups):
        group = groups[key]
        if len(group) > 1:
            lines.append("target %r: %s are %s classes, written alike but for case or spacing; "
                         "if they are one class, write it one way in the file"
                         % (name, ", ".join(repr(c) for c in group[:-1]) + " and "
                            + repr(group[-1]), "two" if len(group) == 2 else len(group)))
    return lines


def _rows_of(fit_rows, count, scaled):
    """``fit_rows`` checked: row numbers of the data (0 to ``count - 1``),
    at least one, each once; and some scaling for them to set."""
    if not scaled:
        raise PurebpError("fit_rows: the rows whose min and max set the scale; give "
                          "scale_inputs=True or scale_targets=True with them")
    from .checks import plain
    fit_rows = plain(fit_rows)      # numpy's row numbers too, as train takes them
    if isinstance(fit_rows, (list, tuple)):
        fit_rows = [plain(r) for r in fit_rows]
    if (not isinstance(fit_rows, (list, tuple)) or not fit_rows
            or not all(isinstance(r, int) and not isinstance(r, bool) and 0 <= r < count
                       for r in fit_rows) or len(set(fit_rows)) != len(fit_rows)):
        raise PurebpError("fit_rows: expected a list of row numbers from 0 to %d, each once "
                          "(the training rows), got %s" % (count - 1, show(fit_rows)))
    return list(fit_rows)


def _fit(A, names, path, rows=None):
    """The min-max scaling of ``A``'s columns, from its ``rows`` (None: all)."""
    try:
        return MinMax.fit(A if rows is None else [A[r] for r in rows], names)
    except PurebpError as error:
        raise PurebpError("%s: %s" % (path, error))


def _check_targets(y, names, path, cells=None):
    """Every target in [0, 1], where a sigmoid's output lies: always checked.
    A single target of a few whole numbers may be class labels: say so.
    ``cells``: the targets' texts, to tell numbers that differ in the file
    but are one float (beyond 2**53) from a column that is one number."""
    for j, name in enumerate(names):
        column = [row[j] for row in y]
        low, high = min(column), max(column)
        values = set(column)
        exact = _exactly(row[j] for row in cells) if cells and low == high else []
        if (low < 0 or high > 1) and len(exact) > 1:
            whole = all(_exact(row[j]) == _exact(row[j]).to_integral_value() for row in cells)
            raise PurebpError("%s: target %r holds different numbers in the file (%s to %s), "
                              "but as floats they are one, %s (a float holds 15 to 17 "
                              "significant digits): %s"
                              % (path, name, exact[0], exact[-1], _short(low),
                                 "class labels or IDs? add --classes (labels are read "
                                 "exactly); a number to predict? give it in other units"
                                 if whole else "give it in other units, or with fewer digits"))
        if ((low < 0 or high > 1) and len(names) == 1 and 2 <= len(values) <= FEW_CLASSES
                and all(v == int(v) for v in values)):
            raise PurebpError("%s: target %r holds %d whole numbers, from %s to %s: class "
                              "labels? add --classes (one output per class); a number to "
                              "predict? add --scale-targets"
                              % (path, name, len(values), _short(low), _short(high)))
        if low < 0 or high > 1:     # never once scaled: scaling maps onto [0, 1]
            where = ("is always %s" % _short(low) if low == high
                     else "runs from %s to %s" % (_short(low), _short(high)))
            raise PurebpError("%s: target %r %s, but a sigmoid output lies in [0, 1]; "
                              "add --scale-targets to scale it" % (path, name, where))


def _short(value):
    return number(value)


def _cells(rows, columns):
    """The texts of ``columns`` of each row, as the file writes them."""
    return [[cells[i] for i in columns] for line, cells in rows]


def _exact(cell):
    """A number cell's exact value, as ``to_number`` reads it but not rounded
    to a float: a ``Decimal`` (``1.50`` and ``1.5`` are equal)."""
    return Decimal(cell.strip(_SPACES).replace(",", "."))


def _exactly(cells):
    """The different exact values of number ``cells``, smallest first, written
    plainly (no trailing zeros; an exponent only when very large or small)."""
    values = sorted(set(_exact(cell) for cell in cells))
    texts = []
    for value in values:
        value = value.normalize()
        texts.append("{:f}".format(value) if -30 < value.adjusted() < 30 else str(value))
    return texts


def some_of(count, total, noun, nouns=None):
    """``count`` of ``total`` things, for the messages about rows (here and
    in ``purebp predict``): ``"2 of the 5 rows"``, ``"all 3 rows"``,
    ``"the row"`` (the noun's plural for ``total``).

    >>> some_of(2, 5, "row"), some_of(3, 3, "row"), some_of(2, 2, "row")
    ('2 of the 5 rows', 'all 3 rows', 'both rows')
    >>> some_of(1, 1, "held-out row")
    'the held-out row'
    """
    if total == 1:
        return "the " + noun
    if count == total:
        return ("both %s" % (nouns or noun + "s") if total == 2
                else "all " + plural(total, noun, nouns))
    return "%d of the %s" % (count, plural(total, noun, nouns))
