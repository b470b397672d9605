"""Argument checks of the public API: one place, one style of message.

Every public function checks what it is given before it works. A bad
argument raises ``PurebpError`` whose message starts with the argument's
name and says what is wrong with it:

>>> whole_number(True, "iterations", least=1)
Traceback (most recent call last):
    ...
purebp.errors.PurebpError: iterations: True is not a whole number of at least 1
>>> finite_matrix([[float("nan"), 1]], None, "X")
Traceback (most recent call last):
    ...
purebp.errors.PurebpError: X: row 0, column 0: nan is not a finite number

numpy users are welcome without purebp importing numpy: a matrix may be
anything with ``.tolist()`` (``purebp.matrix.check_matrix``), a number may
be a numpy number, and ``y`` may be flat, one number a row:

>>> class Column:                      # what np.array([0, 1]) looks like here
...     def tolist(self):
...         return [0, 1]
>>> finite_matrix(Column(), None, "y", column=True)
[[0], [1]]
"""

from .errors import PurebpError, plural, show, type_name
from .matrix import LARGEST, check_matrix


def plain(value):
    """``value.tolist()`` for a numpy number or array; anything else as it is."""
    if (not isinstance(value, (list, tuple, int, float, str, bytes, dict))
            and hasattr(value, "tolist")):
        try:
            return value.tolist()
        except Exception:
            return value
    return value


def whole_number(n, name, least=0):
    """``n`` as an int of at least ``least`` (bool is refused: it is a yes or no)."""
    n = plain(n)
    if isinstance(n, bool) or not isinstance(n, int) or n < least:
        raise PurebpError("%s: %s is not a whole number of at least %d" % (name, show(n), least))
    return n


def positive_number(x, name, what="number"):
    """``x`` as a finite number above 0 (not a bool, not an int beyond a float)."""
    x = plain(x)
    if isinstance(x, bool) or not isinstance(x, (int, float)) or not 0 < x <= LARGEST:
        raise PurebpError("%s: %s is not a finite positive %s" % (name, show(x), what))
    return x


def choice(value, choices, name, what):
    """``value`` if it is one of the strings ``choices``."""
    if not isinstance(value, str) or value not in choices:
        raise PurebpError("%s: unknown %s %s; choose from: %s"
                          % (name, what, show(value), ", ".join(choices)))
    return value


def function(f, name, optional=False):
    """``f`` if it can be called (or None, if ``optional``)."""
    if f is None and optional:
        return None
    if not callable(f):
        raise PurebpError("%s: %s is not a function%s"
                          % (name, show(f), " (or None)" if optional else ""))
    return f


def flag(value, name):
    """``value`` if it is True or False (numpy's ``np.True_`` too)."""
    value = plain(value)
    if not isinstance(value, bool):
        raise PurebpError("%s: %s is not True or False" % (name, show(value)))
    return value


def names(value, count, name, what, optional=True):
    """``value`` as a list of ``count`` texts (or None, if ``optional``):
    the names of ``what``, one each.

    >>> names(["size", "bias"], 2, "inputs", "X's columns")
    ['size', 'bias']
    >>> names(["a"], 3, "inputs", "X's columns")
    Traceback (most recent call last):
        ...
    purebp.errors.PurebpError: inputs: expected a list of 3 names, one for each of X's columns, got ['a']
    """
    if value is None and optional:
        return None
    if (not isinstance(value, (list, tuple)) or len(value) != count
            or not all(isinstance(v, str) for v in value)):
        raise PurebpError("%s: expected a list of %s, one for each of %s, got %s"
                          % (name, plural(count, "name"), what, show(value)))
    return list(value)


MAX_WEIGHTS = 20000000   # about 2 GB of Python floats with the copies training makes


def layer_sizes(layers, name="layers"):
    """``layers`` as a list of two or more whole numbers of at least 1, and
    of at most ``MAX_WEIGHTS`` weights (more would not fit in memory).

    >>> layer_sizes((3, 4, 1))
    [3, 4, 1]
    >>> layer_sizes({3: 1, 1: 2})
    Traceback (most recent call last):
        ...
    purebp.errors.PurebpError: layers: expected a list of layer sizes like [3, 4, 1], got a dict
    """
    layers = plain(layers)
    if not isinstance(layers, (list, tuple)):
        raise PurebpError("%s: expected a list of layer sizes like [3, 4, 1], got %s"
                          % (name, type_name(layers)))
    if len(layers) < 2:
        raise PurebpError("%s: need at least an input and an output size, got %s"
                          % (name, show(layers)))
    sizes = []
    for n in layers:
        n = plain(n)
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise PurebpError("%s: %s is not a positive whole number of units" % (name, show(n)))
        sizes.append(n)
    from .budget import weight_count
    count = weight_count(sizes)
    if count > MAX_WEIGHTS:
        raise PurebpError("%s: %s would need %s weights, more than purebp holds in memory (%d); "
                          "use fewer or smaller layers"
                          % (name, ",".join(show(n) for n in sizes[:10])
                             + (",..." if len(sizes) > 10 else ""), show(count), MAX_WEIGHTS))
    return sizes


def finite_matrix(A, where, name, column=False):
    """``check_matrix``, and every entry finite. With ``column``, a flat list
    of numbers (numpy's 1-d ``y``) is taken as one column."""
    if column:
        A = _column(A)
    A = check_matrix(A, where, name)
    for i, row in enumerate(A):
        for j, a in enumerate(row):
            if a - a != 0:       # inf - inf and nan - nan are nan
                raise PurebpError("%s: row %d, column %d: %r is not a finite number"
                                  % (_who(where, name), i, j, a))
    return A


def weight_matrices(weights, where, name="weights"):
    """``weights`` as a list of finite matrices, each one's columns the next one's rows."""
    weights = plain(weights)
    if not isinstance(weights, (list, tuple)):
        raise PurebpError("%s: expected a list of weight matrices, got %s"
                          % (_who(where, name), type_name(weights)))
    if not weights:
        raise PurebpError("%s: the network has no weight matrices" % _who(where, name))
    checked = [finite_matrix(syn, where, "%s[%d]" % (name, k)) for k, syn in enumerate(weights)]
    for k in range(1, len(checked)):
        before, after = checked[k - 1], checked[k]
        if len(before[0]) != len(after):
            raise PurebpError("%s do not chain: %s[%d] is (%d, %d), %s[%d] is (%d, %d)"
                              % (_who(where, name), name, k - 1, len(before), len(before[0]),
                                 name, k, len(after), len(after[0])))
    return checked


def __getattr__(name):
    """``file_path`` moved to ``purebp.files`` (only file code needs it), and is
    still imported from here (PEP 562)."""
    if name == "file_path":
        from .files import file_path
        return file_path
    raise AttributeError("module 'purebp.checks' has no attribute %r" % (name,))


# --- private helpers ------------------------------------------------------------

def _who(where, name):
    return "%s: %s" % (where, name) if where else name


def _column(A):
    """A flat list of numbers as a column; anything else as it is."""
    A = plain(A)
    if isinstance(A, (list, tuple)) and A and not isinstance(plain(A[0]), (list, tuple)):
        if all(isinstance(plain(a), (int, float)) for a in A):
            return [[a] for a in A]
    return A
