"""The sigmoid is the article's formula, never raises, and gives numpy's limits."""

import math

from purebp.activations import exp, sigmoid, sigmoid_derivative


def test_sigmoid_is_the_formula_bit_for_bit_where_it_fits():
    z = -709.7
    while z < 40:
        assert sigmoid(z) == 1 / (1 + math.exp(-z)), z
        z += 0.37


def test_sigmoid_matches_numpy_including_overflow(reference):
    recorded = reference("sigmoid")
    assert any(z < -710 for z in recorded["z"])
    for z, expected in zip(recorded["z"], recorded["sigmoid"]):
        assert abs(sigmoid(z) - expected) <= 1e-300 + 1e-15 * abs(expected), z
        if z < -709.79:
            assert sigmoid(z) == 0.0 == expected


def test_sigmoid_never_raises():
    for z in (-1e308, -746.0, -710.0, float("-inf"), float("inf"), 1e308):
        assert 0.0 <= sigmoid(z) <= 1.0
    assert math.isnan(sigmoid(float("nan")))


def test_exp_overflows_to_inf_and_derivative():
    assert exp(710.0) == float("inf")
    assert exp(-1000.0) == 0.0
    assert sigmoid_derivative(0.25) == 0.1875


# --- tanh, ReLU, softmax and their slopes (issue 11) -----------------------------------

import pytest

from conftest import TOLERANCE, deviation, same_exp_as_recorded
from purebp.activations import (ACTIVATIONS, HIDDEN, relu, relu_derivative, softmax, tanh,
                                tanh_derivative)
from purebp.matrix import pairwise_sum

SAME_LIBM = same_exp_as_recorded()


def same(a, b):
    """Equal, with the sign of zero and NaN counted."""
    if a != a or b != b:
        return a != a and b != b
    return a == b and math.copysign(1, a) == math.copysign(1, b)


def test_relu_is_numpys_maximum_bit_for_bit_sign_of_zero_and_nan_too(reference):
    recorded = reference("activations")
    assert any(z != z for z in recorded["z"]) and -0.0 in recorded["z"]
    assert all(same(relu(z), v) for z, v in zip(recorded["z"], recorded["relu"]))
    assert all(same(relu_derivative(l), v) for l, v in zip(recorded["l"], recorded["relu_slope"]))


def test_tanh_and_its_slope_are_numpys(reference):
    recorded = reference("activations")
    assert all(same(tanh_derivative(l), v) for l, v in zip(recorded["l"], recorded["tanh_slope"]))
    mine = [tanh(z) for z in recorded["z"]]
    if SAME_LIBM:       # numpy calling the C library: bit for bit
        assert all(same(a, b) for a, b in zip(mine, recorded["tanh"]))
    # numpy's own AVX2 tanh differs in the last bit for about a quarter of the points
    assert recorded["simd_tanh_mismatches"] > 0
    finite = [(a, b) for a, b in zip(mine, recorded["simd_tanh"]) if a == a]
    assert max(abs(a - b) for a, b in finite) <= 1e-15


def test_softmax_rows_and_numpys_pairwise_sums(reference):
    recorded = reference("activations")
    assert max(len(row) for row, _ in recorded["softmax"]) > 8     # the 8-sum branch
    for row, shares in recorded["softmax"]:
        if SAME_LIBM:
            assert softmax(row) == shares, row
        assert deviation(softmax(row), shares) <= TOLERANCE
    for values, total, mean in recorded["sums"]:
        assert pairwise_sum(values) == total and pairwise_sum(values) / len(values) == mean


def test_softmax_does_not_overflow_and_sums_to_one():
    assert softmax([1000.0, 0.0, -1000.0]) == [1.0, 0.0, 0.0]
    assert abs(sum(softmax([0.3, -2.0, 7.5, 1.0])) - 1) < 1e-15


def test_the_table_has_each_pair_and_spells_numpy():
    assert HIDDEN == ("sigmoid", "tanh", "relu")
    for name in HIDDEN:
        a = ACTIVATIONS[name]
        assert a.name == name and a.derivative is not None and not a.row
        assert "{z}" in a.numpy and "{l}" in a.numpy_slope and a.about
        # the slope from the output equals the slope from a finite difference
        for z in (-1.3, 0.4, 2.2):
            l = a.function(z)
            numeric = (a.function(z + 1e-6) - a.function(z - 1e-6)) / 2e-6
            assert a.derivative(l) == pytest.approx(numeric, rel=1e-6, abs=1e-9)
    assert ACTIVATIONS["softmax"].row and ACTIVATIONS["softmax"].derivative is None
