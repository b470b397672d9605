"""gradcheck passes on backprop and fails on a wrong gradient."""

import pytest

from purebp import load_data, train
from purebp.gradcheck import backprop_gradient, gradient_check
from purebp.matrix import multiply
from purebp.network import forward, loss_derivative
from purebp.random_start import initial_weights


@pytest.mark.parametrize("data, layers", [("seed", [3, 1]), ("xor", [3, 4, 1]),
                                          ("xor", [3, 5, 4, 1]), ("xor", [3, 32, 1]),
                                          ("seed", [3, 2, 2, 2, 1])])
@pytest.mark.parametrize("loss", ["half-sse", "sse"])
def test_backprop_passes(data, layers, loss):
    X, y = load_data(data)
    for weights in (initial_weights(layers, 1),
                    train(X, y, layers=layers, iterations=500, loss=loss, every=0).weights):
        check = gradient_check(weights, X, y, loss)
        assert check.passed, check.worst
        assert check.worst.relative_error < 1e-7
        assert len(check.comparisons) == sum(a * b for a, b in zip(layers, layers[1:]))


def forgets_the_sigmoid_slope(weights, X, y, loss):
    """A classic mistake: l_delta = error, without the l * (1 - l) factor."""
    from purebp.matrix import dot, transpose
    l = forward(weights, X)
    error = loss_derivative(y, l[-1], loss)
    gradient = [None] * len(weights)
    for k in range(len(weights) - 1, -1, -1):
        gradient[k] = multiply(-1, dot(transpose(l[k]), error))
        error = dot(error, transpose(weights[k]))
    return gradient


def off_by_a_factor_of_two(weights, X, y, loss):
    """The loss conventions mixed up: sse's gradient for half-sse."""
    return [multiply(2, g) for g in backprop_gradient(weights, X, y, loss)]


@pytest.mark.parametrize("wrong", [forgets_the_sigmoid_slope, off_by_a_factor_of_two])
@pytest.mark.parametrize("layers", [[3, 1], [3, 4, 1]])
def test_a_wrong_gradient_fails(wrong, layers):
    X, y = load_data("xor")
    check = gradient_check(initial_weights(layers, 1), X, y, "half-sse", gradient=wrong)
    assert not check.passed
    assert check.worst.relative_error > 0.1
