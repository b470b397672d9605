"""The matrix helpers: results, and one clear error for each kind of bad matrix."""

import pytest

from purebp import PurebpError
from purebp.matrix import add, apply, dot, multiply, shape, subtract, total, transpose

X = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]


def test_shape_transpose_dot():
    assert shape(X) == (4, 3)
    assert transpose(X) == [[0, 0, 1, 1], [0, 1, 0, 1], [1, 1, 1, 1]]
    assert transpose(transpose(X)) == X
    assert dot([[1, 2], [3, 4]], [[5, 6], [7, 8]]) == [[19, 22], [43, 50]]
    assert dot([[1.5, 2.0, -1.0]], [[2.0], [0.25], [3.0]]) == [[0.5]]


def test_dot_sums_left_to_right():
    # (1e16 + 1) - 1e16 is 0 in floating point, 1e16 + (1 - 1e16) is not;
    # Python 3.12's sum() would give 1.0 (it compensates), numpy's plain sum 0.0.
    assert dot([[1e16, 1.0, -1e16]], [[1.0], [1.0], [1.0]]) == [[0.0]]


def test_elementwise_with_numbers_on_either_side():
    l = [[0.25], [0.5]]
    assert subtract(1, l) == [[0.75], [0.5]]
    assert multiply(l, 2) == [[0.5], [1.0]]
    assert add(l, l) == [[0.5], [1.0]]
    assert multiply(l, subtract(1, l)) == [[0.1875], [0.25]]
    assert apply(lambda v: -v, l) == [[-0.25], [-0.5]]
    assert total([[1, 2], [3, 4]]) == 10


@pytest.mark.parametrize("call, message", [
    (lambda: dot([[1, 2, 3]] * 4, [[1], [2]]), "dot: (4, 3) @ (2, 1): inner sizes 3 and 2 differ"),
    (lambda: shape([[1, 2], [3]]), "shape: A: ragged matrix: row 1 has length 1, row 0 has length 2"),
    (lambda: shape([]), "shape: A: empty matrix: it has no rows"),
    (lambda: shape([[]]), "shape: A: empty matrix: row 0 has no entries"),
    (lambda: shape([1, 2]), "shape: A: a flat list of numbers, not a matrix: give a list of "
                            "rows, like [[0, 1], [1, 1]]"),
    (lambda: shape(["ab"]), "shape: A: row 0 is a str, not a list of numbers"),
    (lambda: shape("abc"), "shape: A: expected a matrix (a list of rows), got a str"),
    (lambda: transpose([[1, "a"]]), "transpose: A: row 0, column 1: 'a' is not a number"),
    (lambda: multiply([["a"]], [[3]]), "multiply: A: row 0, column 0: 'a' is not a number"),
    (lambda: multiply([[1, 2]], [[3], [4]]), "multiply: (1, 2) and (2, 1): shapes differ"),
    (lambda: add([[1]], None), "add: B: expected a matrix (a list of rows), got None"),
    (lambda: dot([[1, None]], [[1], [2]]), "dot: A: row 0, column 1: None is not a number"),
    (lambda: dot([[1, 2]], [[1], [10 ** 400]]),
     "dot: B: row 1, column 0: an integer of 401 digits, too large for a float"),
    (lambda: multiply(10 ** 400, [[0.5]]), "multiply: A: an integer of 401 digits, too large for a float"),
    (lambda: apply(3, [[1]]), "apply: f: 3 is not a function"),
])
def test_bad_matrices_raise_one_error_naming_the_problem(call, message):
    with pytest.raises(PurebpError) as caught:
        call()
    assert str(caught.value) == message
    assert isinstance(caught.value, ValueError)
