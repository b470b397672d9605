"""Printing numbers the way numpy prints them, so outputs can be compared.

``print("syn:\\n", syn)`` in numpy shows a column as ``[[10.38061079]`` /
`` [-0.20679655]`` ...: at most 8 decimals, the shortest digits that
identify each value, decimal points aligned, and scientific notation when
the values span too many decades. ``array_str`` follows numpy's rules
(``numpy/_core/arrayprint.py``, default options) for 2-d matrices, and
``scalar_str`` is ``str()`` of a numpy float64:

>>> print(array_str([[10.380612490410395], [-0.2064226448679088], [-4.984616810539436]]))
[[10.38061249]
 [-0.20642264]
 [-4.98461681]]
>>> print(array_str([[1.5e-05, 0.5]]))
[[1.5e-05 5.0e-01]]
>>> scalar_str(0.00014232719732532127)
'0.00014232719732532127'

JSON has no NaN or infinity: ``finite_or_null`` writes such a number as
null, as JavaScript's ``JSON.stringify`` does, for ``--json`` and the page:

>>> finite_or_null({"l": [[0.5, float("-inf")]], "loss": float("nan")})
{'l': [[0.5, None]], 'loss': None}

A matrix of more than 1000 entries is summarised as numpy summarises it:
the first and last 3 rows, and of each row the first and last 3 numbers,
with ``...`` between, the digits chosen from the numbers shown:

>>> print(array_str([[float(i)] for i in range(1001)]))
[[   0.]
 [   1.]
 [   2.]
 ...
 [ 998.]
 [ 999.]
 [1000.]]
"""

import math

PRECISION = 8      # np.get_printoptions()["precision"]
LINE_WIDTH = 75    # np.get_printoptions()["linewidth"]
THRESHOLD = 1000   # np.get_printoptions()["threshold"]: more entries are summarised
EDGE_ITEMS = 3     # np.get_printoptions()["edgeitems"]: kept at each end when summarised


def scalar_str(x):
    """``str(np.float64(x))``: the shortest digits that read back as ``x``."""
    return repr(float(x))


def finite_or_null(value):
    """``value`` (numbers, lists, tuples, dicts of them) with each NaN or
    infinite float as None, for JSON; tuples become lists."""
    if isinstance(value, float):
        return value if value - value == 0 else None      # inf - inf and nan - nan are nan
    if isinstance(value, (list, tuple)):
        return [finite_or_null(v) for v in value]
    if isinstance(value, dict):
        return dict((key, finite_or_null(v)) for key, v in value.items())
    return value


def array_str(A):
    """``str(np.array(A))`` for a matrix (list of rows) of numbers."""
    summarised = len(A) * len(A[0]) > THRESHOLD
    shown_rows = _shown(len(A), summarised)
    shown_columns = _shown(len(A[0]), summarised)
    # numpy picks the format from the numbers it shows, not from all of them
    values = [A[i][j] for i in shown_rows if i is not None
              for j in shown_columns if j is not None]
    if all(isinstance(v, int) for v in values):
        width = max(len(str(v)) for v in values)
        element = lambda v: "%*d" % (width, v)
    else:
        element = _FloatFormat([float(v) for v in values])
    # Each row wraps at the line width like numpy's _formatArray: rows
    # start with " [" (the hanging indent), then words joined by spaces.
    rows = []
    for r in shown_rows:
        if r is None:
            rows.append("...")
            continue
        s, line = "", "  "
        words = ["..." if j is None else element(A[r][j]) for j in shown_columns]
        for i, word in enumerate(words):
            if len(line) + len(word) > LINE_WIDTH - 2 and len(line) > 2:
                s += line.rstrip() + "\n"
                line = "  "
            line += word
            if i < len(words) - 1:
                line += " "
        s += line
        rows.append("[" + s[2:] + "]")
    return "[" + "\n ".join(rows) + "]"


def screen_str(A, most=20):
    """``array_str(A)``, or past ``most`` rows (a screenful), its first and
    last 3 rows with ``...`` between, the digits chosen from those 6 rows:
    how ``train`` and ``explain`` print a matrix of real data (every number
    is in ``--json``).

    >>> print(screen_str([[float(i), 0.5] for i in range(30)]))
    [[ 0.   0.5]
     [ 1.   0.5]
     [ 2.   0.5]
     ...
     [27.   0.5]
     [28.   0.5]
     [29.   0.5]]
    """
    if len(A) <= most:
        return array_str(A)
    lines = array_str(A[:EDGE_ITEMS] + A[-EDGE_ITEMS:]).split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith((" [", "[["))]
    cut = starts[EDGE_ITEMS]
    return "\n".join(lines[:cut] + [" ..."] + lines[cut:])


def _shown(count, summarised):
    """Indexes shown along one axis; None stands for numpy's "...".

    >>> _shown(8, True)
    [0, 1, 2, None, 5, 6, 7]
    """
    if not summarised or count <= 2 * EDGE_ITEMS:
        return list(range(count))
    return (list(range(EDGE_ITEMS)) + [None]
            + list(range(count - EDGE_ITEMS, count)))


class _FloatFormat:
    """numpy's FloatingFormat with floatmode 'maxprec': one width for all."""

    def __init__(self, values):
        finite = [v for v in values if _isfinite(v)]
        nonzero = [abs(v) for v in finite if v != 0]
        self.scientific = False
        if nonzero:
            biggest, smallest = max(nonzero), min(nonzero)
            self.scientific = (biggest >= 1e8 or smallest < 0.0001
                               or biggest / smallest > 1000.0)
        if not finite:
            self.pad_left = self.pad_right = 0
        elif self.scientific:
            parts = [_scientific(v, PRECISION) for v in finite]
            self.precision = max(len(frac) for sign, whole, frac, exp in parts)
            self.exp_size = max(len(str(abs(exp))) for sign, whole, frac, exp in parts)
            self.exp_size = max(self.exp_size, 2)
            self.pad_left = max(len(sign + whole) for sign, whole, frac, exp in parts)
            self.pad_right = self.exp_size + 2 + self.precision
        else:
            parts = [_positional(v, PRECISION) for v in finite]
            self.pad_left = max(len(sign + whole) for sign, whole, frac in parts)
            self.pad_right = max(len(frac) for sign, whole, frac in parts)
        if len(finite) != len(values):
            # room for "nan", "inf" or "-inf" beside the decimal point
            offset = self.pad_right + 1
            inf_len = 3 + any(v == float("-inf") for v in values)
            self.pad_left = max(self.pad_left, 3 - offset, inf_len - offset)

    def __call__(self, v):
        if not _isfinite(v):
            word = "nan" if v != v else ("-inf" if v < 0 else "inf")
            return " " * (self.pad_left + self.pad_right + 1 - len(word)) + word
        if self.scientific:
            sign, whole, frac, exp = _scientific(v, self.precision)
            frac = frac + "0" * (self.precision - len(frac))
            exp_sign = "-" if exp < 0 else "+"
            digits = str(abs(exp))
            digits = "0" * (self.exp_size - len(digits)) + digits
            head = sign + whole
            return " " * (self.pad_left - len(head)) + head + "." + frac + "e" + exp_sign + digits
        sign, whole, frac = _positional(v, PRECISION)
        head = sign + whole
        return (" " * (self.pad_left - len(head)) + head + "." + frac
                + " " * (self.pad_right - len(frac)))


# --- digits ------------------------------------------------------------------

def _isfinite(v):
    return v == v and v not in (float("inf"), float("-inf"))


def _sign(v):
    return "-" if math.copysign(1.0, v) < 0 else ""


def _digits(text):
    """Split a printed non-negative float into (digits, point).

    The value is 0.<digits> * 10**point; digits has no leading or trailing
    zeros ("" for zero).
    """
    if "e" in text:
        mantissa, exponent = text.split("e")
        exponent = int(exponent)
    else:
        mantissa, exponent = text, 0
    if "." in mantissa:
        whole, frac = mantissa.split(".")
    else:
        whole, frac = mantissa, ""
    digits = whole + frac
    point = len(whole) + exponent
    stripped = digits.lstrip("0")
    point -= len(digits) - len(stripped)
    return stripped.rstrip("0"), point


def _positional(v, precision):
    """(sign, whole, fraction) of v: shortest digits, at most `precision` decimals."""
    digits, point = _digits(repr(abs(v)))
    if len(digits) - point > precision:   # too many decimals: round the exact value
        digits, point = _digits("%.*f" % (precision, abs(v)))
    if not digits:
        return _sign(v), "0", ""
    if point <= 0:
        return _sign(v), "0", "0" * -point + digits
    if point >= len(digits):
        return _sign(v), digits + "0" * (point - len(digits)), ""
    return _sign(v), digits[:point], digits[point:]


def _scientific(v, precision):
    """(sign, first digit, fraction, exponent) of v: shortest digits, at most
    `precision` after the point."""
    digits, point = _digits(repr(abs(v)))
    if len(digits) - 1 > precision:
        digits, point = _digits("%.*e" % (precision, abs(v)))
    if not digits:
        return _sign(v), "0", "", 0
    return _sign(v), digits[0], digits[1:], point - 1
