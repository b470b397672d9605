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


def forgets_the_sigmoid_slope(weights, X, y, loss, activation):
    """A classic mistake: l_delta = error, without the l * (1 - l) factor."""
    from purebp.matrix import dot, transpose
    l = forward(weights, X, activation, loss)
    error = loss_derivative(y, l[-1], loss)
    gradient = [None] * len(weights)
    for k in range(len(weights) - 1, -1, -1):
        gradient[k] = multiply(-1, dot(transpose(l[k]), error))
        error = dot(error, transpose(weights[k]))
    return gradient


def off_by_a_factor_of_two(weights, X, y, loss, activation):
    """The loss conventions mixed up: sse's gradient for half-sse."""
    return [multiply(2, g) for g in backprop_gradient(weights, X, y, loss, activation)]


@pytest.mark.parametrize("wrong", [forgets_the_sigmoid_slope, off_by_a_factor_of_two])
@pytest.mark.parametrize("layers", [[3, 1], [3, 4, 1]])
def test_a_wrong_gradient_fails(wrong, layers):
    X, y = load_data("xor")
    check = gradient_check(initial_weights(layers, 1), X, y, "half-sse", gradient=wrong)
    assert not check.passed
    assert check.worst.relative_error > 0.1


@pytest.mark.parametrize("loss", ["half-sse", "sse", "mse", "cross-entropy", "softmax"])
@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_backprop_passes_for_every_convention(loss, activation):
    X, y = load_data("xor")
    if loss == "softmax":
        y = [[1 - row[0], row[0]] for row in y]
    layers = [3, 5, len(y[0])]
    for weights in (initial_weights(layers, 2),
                    train(X, y, layers=layers, iterations=200, lr=0.5, loss=loss, every=0,
                          activation=activation).weights):
        check = gradient_check(weights, X, y, loss, activation=activation)
        assert check.passed, (loss, activation, check.worst)
        assert check.worst.relative_error < 1e-7


@pytest.mark.parametrize("loss", ["mse", "cross-entropy", "softmax"])
def test_backprop_passes_on_a_mini_batch(loss):
    """The gradient of one step of a mini-batch run, on that batch's rows."""
    from purebp.batches import take
    from purebp.network import step_at
    X, y = load_data("xor")
    if loss == "softmax":
        y = [[1 - row[0], row[0]] for row in y]
    weights, (epoch, index, rows) = step_at(X, y, [3, 4, len(y[0])], seed=3, lr=0.5, loss=loss,
                                            at=9, activation="tanh", batch_size=3)
    assert (epoch, index) == (4, 0) and len(rows) == 3
    check = gradient_check(weights, take(X, rows), take(y, rows), loss, activation="tanh")
    assert check.passed, check.worst


def test_forgetting_the_tanh_slope_fails():
    def forgets(weights, X, y, loss, activation):
        return forgets_the_sigmoid_slope(weights, X, y, loss, activation)
    X, y = load_data("xor")
    check = gradient_check(initial_weights([3, 4, 1], 1), X, y, "half-sse", gradient=forgets,
                           activation="tanh")
    assert not check.passed


def test_relu_kinks_are_listed_apart_not_judged():
    """Trained ReLU units sit with some z near 0: a nudge of 2h moves it across
    the kink, and the finite difference there is no slope. Those weights are
    listed apart; every other weight still agrees with backprop."""
    from purebp.gradcheck import kinks
    X, y = load_data("xor")
    weights = train(X, y, layers=[3, 5, 1], seed=1, iterations=200, lr=0.5, every=0,
                    activation="relu").weights
    check = gradient_check(weights, X, y, "half-sse", activation="relu")
    assert check.kinks and all(c.kink for c in check.kinks)
    assert max(c.relative_error for c in check.kinks) > 1e-3      # wrong there, as expected
    assert check.passed and check.worst.relative_error < 1e-7
    assert {c.where for c in check.kinks} == kinks(weights, X, "relu")
    assert kinks(weights, X, "tanh") == set()
