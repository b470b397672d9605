"""What a matrix is: ``check_matrix``, for every helper of ``purebp.matrix``.

A matrix is a list of rows, each row a list of numbers, all rows the same
length. A numpy array, or anything else with a ``.tolist()`` method, is
taken as the list it gives (purebp never imports numpy). Anything else is a
``PurebpError`` naming the argument and what is wrong with it.

``purebp.matrix.check_matrix`` passes the common case itself (lists of
floats and ints) and hands everything else to this module, which it loads
the first time: a board trains without holding these messages.
"""

from .errors import PurebpError, show, type_name, with_article
from .matrix import _LARGEST_INT, _SMALLEST_INT, LARGEST


def check_matrix(A, where="matrix", name="A"):
    """``A`` as a list of rows of numbers, or a ``PurebpError`` naming ``name``.

    ``where`` is the function that asks, for the message. Lists and tuples
    are checked and returned as they are; anything with ``.tolist()`` (a
    numpy array, numpy numbers inside a list) is converted. bool counts as a
    number (0 or 1), as in numpy; an int too large for a float does not.

    >>> check_matrix([[1, 2], [3, 4]])
    [[1, 2], [3, 4]]
    >>> check_matrix([[1, 2], [3, "4"]], "dot", "B")
    Traceback (most recent call last):
        ...
    purebp.errors.PurebpError: dot: B: row 1, column 1: '4' is not a number
    """
    if not isinstance(A, (list, tuple)):
        A = _tolist(A, where, name, "a matrix (a list of rows)")
    if not A:
        raise PurebpError("%s: empty matrix: it has no rows" % _who(where, name))
    first = A[0]
    if not isinstance(first, (list, tuple)):
        if python_number(first) is not None or isinstance(first, (int, float)):
            raise PurebpError("%s: a flat list of numbers, not a matrix: give a list of rows, "
                              "like [[0, 1], [1, 1]]" % _who(where, name))
        if not hasattr(first, "tolist"):
            raise PurebpError("%s: row 0 is %s, not a list of numbers"
                              % (_who(where, name), with_article(type(first).__name__)))
    cols = len(first) if isinstance(first, (list, tuple)) else None
    if cols == 0:
        raise PurebpError("%s: empty matrix: row 0 has no entries" % _who(where, name))
    plain = True
    for i, row in enumerate(A):
        if not isinstance(row, (list, tuple)):
            if not hasattr(row, "tolist"):
                raise PurebpError("%s: row %d is %s, not a list of numbers"
                                  % (_who(where, name), i, with_article(type(row).__name__)))
            row = _tolist(row, where, "%s row %d" % (name, i), "a list of numbers")
            plain = False
        if cols is None:
            cols = len(row)
        if len(row) != cols:
            raise PurebpError("%s: ragged matrix: row %d has length %d, row 0 has length %d"
                              % (_who(where, name), i, len(row), cols))
        for a in row:
            # floats and small ints are the common case; the rest takes the slow road
            kind = type(a)
            if kind is float or (kind is int and _SMALLEST_INT <= a <= _LARGEST_INT):
                continue
            if a is None or python_number(a) is not a:
                plain = False
                break
    if cols == 0:
        raise PurebpError("%s: empty matrix: row 0 has no entries" % _who(where, name))
    if plain:
        return A
    return [[_checked_number(a, where, name, i, j) for j, a in enumerate(_row(row, where, name, i))]
            for i, row in enumerate(A)]


def python_number(a):
    """``a`` itself if it is a number purebp computes with (a float, an int
    a float can hold, a bool: numpy takes it as 0 or 1 too); a plain float
    or int for a subclass of one (``np.float64`` is a float) or a numpy
    number; or None."""
    kind = type(a)
    if kind is float or kind is bool:
        return a
    if kind is int:
        return a if -LARGEST <= a <= LARGEST else None
    if isinstance(a, float):
        try:
            return float(a)       # computed with as a plain float, as numpy does
        except TypeError:         # MicroPython converts no float subclass: as it is
            return a
    if isinstance(a, int):
        return python_number(int(a))
    if hasattr(a, "tolist") and not isinstance(a, (list, tuple, str)):
        try:
            value = a.tolist()
        except Exception:
            return None
        if isinstance(value, (int, float)):
            return python_number(value)
    return None


def _checked_number(a, where, name, i, j):
    value = python_number(a)
    if value is not None:
        return value
    if isinstance(a, int):
        raise PurebpError("%s: row %d, column %d: an integer of %s digits, too large for a float"
                          % (_who(where, name), i, j, digits(a)))
    raise PurebpError("%s: row %d, column %d: %s is not a number"
                      % (_who(where, name), i, j, show(a)))


def _row(row, where, name, i):
    if isinstance(row, (list, tuple)):
        return row
    return _tolist(row, where, "%s row %d" % (name, i), "a list of numbers")


def _tolist(A, where, name, expected):
    """``A.tolist()`` (numpy's arrays have it), or an error naming what was expected."""
    if hasattr(A, "tolist") and not isinstance(A, (str, bytes)):
        try:
            value = A.tolist()
        except Exception as error:
            raise PurebpError("%s: %s.tolist() failed: %s" % (_who(where, name),
                                                               type(A).__name__, error))
        if isinstance(value, (list, tuple)):
            return value
    raise PurebpError("%s: expected %s, got %s" % (_who(where, name), expected,
                                                  type_name(A)))


def _who(where, name):
    return "%s: %s" % (where, name) if where else name


def digits(n):
    """How many decimal digits the int ``n`` has, for a message (past the
    4300 that CPython 3.11 and later write out: about as many, from its bits)."""
    try:
        return "%d" % len(str(abs(n)))
    except ValueError:
        return "about %d" % (n.bit_length() * 0.30103 + 1)
