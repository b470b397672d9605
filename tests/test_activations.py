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
