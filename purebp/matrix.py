"""Matrix helpers on plain lists of lists: where the transpose lives.

A matrix is a list of rows, each row a list of numbers, all rows the same
length: ``X = [[0, 0, 1], [0, 1, 1]]`` is a 2 x 3 matrix. These helpers are
the numpy operations the article uses, written out so each can be read:

==================  ==================================  ===================
helper              what it computes                    numpy spelling
==================  ==================================  ===================
``shape(A)``        (rows, columns)                     ``A.shape``
``transpose(A)``    rows become columns                 ``A.T``
``dot(A, B)``       matrix product                      ``np.dot(A, B)``
``add(A, B)``       element-wise sum                    ``A + B``
``subtract(A, B)``  element-wise difference             ``A - B``
``multiply(A, B)``  element-wise product                ``A * B``
``apply(f, A)``     ``f`` on every element              ``f(A)`` (a ufunc)
``total(A)``        sum of all elements                 ``np.sum(A)``
==================  ==================================  ===================

``pairwise_sum(values)`` adds a list of numbers in numpy's order (the order
of ``np.sum``, ``np.mean`` and ``A.sum(axis=1)``); ``total`` uses it, while
``dot`` adds left to right (see its docstring).

``add``, ``subtract`` and ``multiply`` also take a plain number on either
side, as numpy does in ``1 - l`` or ``2 * (y - l)``. There is no other
broadcasting: two matrices must have the same shape. A numpy array, or
anything else with a ``.tolist()`` method, is taken as the list it gives
(purebp never imports numpy); the helpers return plain lists.

Every helper checks its input and raises ``PurebpError`` (a ``ValueError``)
naming the argument and the shapes:

>>> dot([[1, 2, 3]] * 4, [[1], [2]])
Traceback (most recent call last):
    ...
purebp.errors.PurebpError: dot: (4, 3) @ (2, 1): inner sizes 3 and 2 differ
"""

from .errors import PurebpError, show

# The largest float; ints beyond it cannot be one. Boards computing in single
# precision (32-bit floats) read the double's limit as inf: theirs is 3.4e38.
LARGEST = 1.7976931348623157e308 if 1.0 + 2.0 ** -52 != 1.0 else 3.4028234663852886e38
_LARGEST_INT = int(LARGEST)
_SMALLEST_INT = -_LARGEST_INT     # made once: a 309-digit int, not made again per entry


def check_matrix(A, where="matrix", name="A"):
    """``A`` as a list of rows of numbers, or a ``PurebpError`` naming ``name``.

    What a matrix is, and the message for each way of not being one, are
    in ``purebp.matrix_check``. The common case passes here: a list of
    lists of floats and ints, as training hands the helpers. Anything else
    (tuples, numpy arrays, bools, a mistake) goes there, loaded the first
    time it is needed: a board's heap need not hold it to train.

    >>> check_matrix([[1, 2.5], [3, 4]])
    [[1, 2.5], [3, 4]]
    """
    if type(A) is list and A and type(A[0]) is list and A[0]:
        cols = len(A[0])
        for row in A:
            if type(row) is not list or len(row) != cols or not _all_numbers(row):
                break
        else:
            return A
    from .matrix_check import check_matrix as check_any
    return check_any(A, where, name)


def shape(A):
    """Return ``(rows, columns)`` of matrix ``A``, checking that it is one.

    >>> shape([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
    (4, 3)
    >>> shape([[1, 2], [3]])
    Traceback (most recent call last):
        ...
    purebp.errors.PurebpError: shape: A: ragged matrix: row 1 has length 1, row 0 has length 2
    """
    return _size(check_matrix(A, "shape", "A"))


def transpose(A):
    """Turn rows into columns: ``transpose(A)[j][i] == A[i][j]``.

    >>> transpose([[1, 2, 3], [4, 5, 6]])
    [[1, 4], [2, 5], [3, 6]]
    """
    A = check_matrix(A, "transpose", "A")
    rows, cols = _size(A)
    return [[A[i][j] for i in range(rows)] for j in range(cols)]


def dot(A, B):
    """Matrix product: entry (i, j) is row i of A times column j of B, summed.

    The sum runs left to right, as written; numpy's BLAS may group it
    otherwise, which can change the last bit of a result (see docs).

    >>> X = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]
    >>> dot(X, [[0.5], [-1.0], [2.0]])
    [[2.0], [1.0], [2.5], [1.5]]
    """
    A, B = check_matrix(A, "dot", "A"), check_matrix(B, "dot", "B")
    (n, m), (m2, p) = _size(A), _size(B)
    if m != m2:
        raise PurebpError("dot: %s @ %s: inner sizes %d and %d differ"
                          % (_fmt((n, m)), _fmt((m2, p)), m, m2))
    columns = transpose(B)
    return [[_sum_of_products(row, column) for column in columns] for row in A]


def add(A, B):
    """Element-wise ``A + B``; either side may be a plain number.

    >>> add([[1, 2]], [[10, 20]])
    [[11, 22]]
    """
    return _elementwise("add", A, B, lambda a, b: a + b)


def subtract(A, B):
    """Element-wise ``A - B``; either side may be a plain number.

    >>> subtract(1, [[0.25], [1.0]])
    [[0.75], [0.0]]
    """
    return _elementwise("subtract", A, B, lambda a, b: a - b)


def multiply(A, B):
    """Element-wise ``A * B`` (not the matrix product: that is ``dot``).

    >>> multiply(2, [[0.5, -1.0]])
    [[1.0, -2.0]]
    >>> multiply([[1, 2]], [[3], [4]])
    Traceback (most recent call last):
        ...
    purebp.errors.PurebpError: multiply: (1, 2) and (2, 1): shapes differ
    """
    return _elementwise("multiply", A, B, lambda a, b: a * b)


def apply(f, A):
    """Apply the one-number function ``f`` to every element of ``A``.

    >>> apply(abs, [[-1, 2], [3, -4]])
    [[1, 2], [3, 4]]
    """
    if not callable(f):
        raise PurebpError("apply: f: %r is not a function" % (f,))
    A = check_matrix(A, "apply", "A")
    return [[f(a) for a in row] for row in A]


def total(A):
    """Sum of all elements, in numpy's order: ``np.sum(A)``.

    numpy sums the elements of a matrix row after row, as one list, with
    ``pairwise_sum``; so does ``total``.

    >>> total([[1.5], [2.5], [3.0]])
    7.0
    """
    A = check_matrix(A, "total", "A")
    return pairwise_sum([a for row in A for a in row])


def pairwise_sum(values):
    """Sum of a list of numbers, added in the order numpy adds them.

    ``np.sum``, ``np.mean`` and ``A.sum(axis=1)`` do not add left to right.
    numpy starts from 0.0 and adds ``pairwise_sum`` of the numbers: fewer
    than 8 in order; up to 128 in 8 running sums (every 8th number into
    each), joined as a fixed tree, then the numbers left over; more than
    that, as two halves (the first a multiple of 8 long), each summed the
    same way. Rounding depends on the order, so this is the order purebp
    uses wherever numpy sums.

    >>> pairwise_sum([0.1] * 10)
    1.0
    >>> 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1   # left to right
    0.9999999999999999
    """
    try:
        return 0.0 + _pairwise(values)      # 0.0 + -0.0 is 0.0, as in numpy
    except TypeError:
        raise PurebpError("pairwise_sum: values: %s is not a list of numbers" % show(values))


# --- private helpers ---------------------------------------------------------

def _pairwise(values):
    """numpy's ``pairwise_sum`` (numpy/_core/src/umath/loops_utils.h.src)."""
    n = len(values)
    if n < 8:
        s = 0.0
        for v in values:
            s += v
        return s
    if n <= 128:
        r = list(values[:8])                  # 8 running sums
        i = 8
        while i < n - n % 8:
            for j in range(8):
                r[j] += values[i + j]
            i += 8
        s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        while i < n:                          # the numbers left over
            s += values[i]
            i += 1
        return s
    half = n // 2
    half -= half % 8
    return _pairwise(values[:half]) + _pairwise(values[half:])


def _sum_of_products(row, column):
    """a0*b0 + a1*b1 + ..., added strictly left to right.

    Not ``sum()``: from Python 3.12 on it compensates rounding errors
    (Neumaier's method), which is more accurate but is not numpy's sum.
    """
    s = 0
    for a, b in zip(row, column):
        s += a * b
    return s


def _fmt(size):
    return "(%d, %d)" % size


def _size(A):
    """(rows, columns) of a matrix already checked."""
    return len(A), len(A[0])


def _all_numbers(row):
    """Whether every entry of ``row`` is a float or an int a float can hold."""
    for a in row:
        kind = type(a)
        if not (kind is float or (kind is int and _SMALLEST_INT <= a <= _LARGEST_INT)):
            return False
    return True


def _scalar(a, where, name):
    """A plain number operand (add(2, A)), checked like a matrix entry."""
    kind = type(a)
    if kind is float or (kind is int and _SMALLEST_INT <= a <= _LARGEST_INT):
        return a
    from .matrix_check import digits, python_number
    value = python_number(a)
    if value is None:
        if isinstance(a, int):
            raise PurebpError("%s: %s: an integer of %s digits, too large for a float"
                              % (where, name, digits(a)))
        raise PurebpError("%s: %s: %s is not a number" % (where, name, show(a)))
    return value


def _operand(a):
    """A numpy number or array as the number or lists ``.tolist()`` gives."""
    if not isinstance(a, (int, float, list, tuple, str, bytes)) and hasattr(a, "tolist"):
        try:
            return a.tolist()
        except Exception:
            return a
    return a


def _is_scalar(a):
    return isinstance(a, (int, float, bool))     # a bool is no int on MicroPython


def _elementwise(where, A, B, op):
    """op(a, b) over matching elements; a plain number pairs with every element."""
    A, B = _operand(A), _operand(B)
    if _is_scalar(A) and _is_scalar(B):
        return op(_scalar(A, where, "A"), _scalar(B, where, "B"))
    if _is_scalar(A):
        a, B = _scalar(A, where, "A"), check_matrix(B, where, "B")
        return [[op(a, b) for b in row] for row in B]
    if _is_scalar(B):
        A, b = check_matrix(A, where, "A"), _scalar(B, where, "B")
        return [[op(a, b) for a in row] for row in A]
    A, B = check_matrix(A, where, "A"), check_matrix(B, where, "B")
    size_a, size_b = _size(A), _size(B)
    if size_a != size_b:
        raise PurebpError("%s: %s and %s: shapes differ"
                          % (where, _fmt(size_a), _fmt(size_b)))
    return [[op(a, b) for a, b in zip(row_a, row_b)] for row_a, row_b in zip(A, B)]
