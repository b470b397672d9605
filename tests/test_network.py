"""The network API: checks, predict, and the loss conventions."""

import pytest

from purebp import PurebpError, load_data, predict, train
from purebp.network import forward, measure, step


def test_predict_equals_a_forward_pass_of_the_trained_weights():
    X, y = load_data("xor")
    result = train(X, y, layers=[3, 4, 1], iterations=200, every=50)
    assert [i for i, _ in result.history] == [0, 50, 100, 150]
    assert predict(result.weights, X) == forward(result.weights, X)[-1]
    assert predict(result.weights, [[1, 0, 1]]) == [predict(result.weights, X)[2]]


def test_sse_steps_are_twice_the_half_sse_steps():
    X, y = load_data("xor")
    weights = train(X, y, layers=[3, 3, 1], iterations=1, every=0).weights
    half, full = step(weights, X, y, loss="half-sse").steps, step(weights, X, y, loss="sse").steps
    for a, b in zip(half, full):
        for row_a, row_b in zip(a, b):
            for va, vb in zip(row_a, row_b):
                assert vb == pytest.approx(2 * va, rel=1e-12, abs=1e-300)


def test_the_metric_names_train_checks_are_the_metrics():
    """network.METRICS spells the names so that checking one loads no
    metric code; they are purebp.metrics', in its order."""
    import purebp.metrics
    import purebp.network
    assert purebp.network.METRICS == purebp.metrics.METRICS
    assert purebp.network.measure is purebp.metrics.measure      # moved, still imported here
    assert purebp.network.accuracy is purebp.metrics.accuracy


@pytest.mark.parametrize("old, new", [
    ("network.step_at", "replay.step_at"), ("network.weights_at", "replay.weights_at"),
    ("network.check_held_out", "holdout.check_held_out"),
    ("training.replay", "replay.replay"), ("training.mini_batches", "batch_training.mini_batches"),
    ("training.compiled_batches", "batch_training.compiled_batches"),
    ("checks.file_path", "files.file_path")])
def test_names_that_moved_still_import_from_where_they_were(old, new):
    """A script written against yesterday's modules keeps working (PEP 562)."""
    import importlib
    (old_module, name), (new_module, new_name) = old.split("."), new.split(".")
    was = getattr(importlib.import_module("purebp." + old_module), name)
    assert was is getattr(importlib.import_module("purebp." + new_module), new_name)
    with pytest.raises(AttributeError, match="has no attribute 'no_such_name'"):
        getattr(importlib.import_module("purebp." + old_module), "no_such_name")


def test_metrics():
    y, l = [[0], [1]], [[0.25], [0.5]]
    assert measure("sse", y, l) == 0.0625 + 0.25
    assert measure("mse", y, l) == (0.0625 + 0.25) / 2
    assert measure("mae", y, l) == 0.75 / 2


@pytest.mark.parametrize("kwargs, words", [
    ({"layers": [3]}, "at least an input and an output"),
    ({"layers": [3, 0, 1]}, "0 is not a positive whole number"),
    ({"layers": [2, 1]}, "first size is 2, but the data has 3 inputs"),
    ({"layers": [3, 2]}, "last size is 2, but the data has 1 output"),
    ({"iterations": 0}, "iterations: 0"),
    ({"lr": float("nan")}, "lr: nan"),
    ({"lr": -1}, "lr: -1"),
    ({"lr": float("inf")}, "lr: inf"),
    ({"every": -1}, "every: -1"),
    ({"loss": "l2"}, "loss: unknown convention 'l2'"),
    ({"loss": ["sse"]}, "loss: unknown convention ['sse']"),
    ({"activation": "swish", "layers": [3, 2, 1]}, "activation: unknown activation 'swish'"),
    ({"activation": "softmax", "layers": [3, 2, 1]}, "activation: unknown activation 'softmax'"),
    ({"activation": "tanh"}, "activation 'tanh' is for hidden layers, and layers 3,1 has none"),
    ({"loss": "softmax"}, "loss softmax needs two or more outputs"),
    ({"metric": "rmse"}, "metric: unknown metric 'rmse'"),
    ({"seed": -3}, "seed: -3 is out of range"),
])
def test_bad_settings_are_refused(kwargs, words):
    X, y = load_data("seed")
    with pytest.raises(PurebpError) as caught:
        train(X, y, **kwargs)
    assert words in str(caught.value)


def test_bad_data_is_refused():
    X, y = load_data("seed")
    with pytest.raises(PurebpError, match="X has 4 rows but y has 3"):
        train(X, y[:3])
    with pytest.raises(PurebpError, match="ragged"):
        train([[0, 1], [1]], [[0], [1]])


def test_predict_checks_the_input_width_and_the_chain():
    X, y = load_data("xor")
    weights = train(X, y, layers=[3, 2, 1], iterations=1).weights
    with pytest.raises(PurebpError, match="X has 2 columns, but the network takes 3 inputs"):
        predict(weights, [[1, 0]])
    with pytest.raises(PurebpError, match="weights do not chain"):
        predict([weights[0], weights[0]], X)


def test_metrics_accuracy_and_loss():
    y, l = [[0, 1], [1, 0], [0, 1]], [[0.2, 0.8], [0.5, 0.5], [0.9, 0.1]]
    assert measure("accuracy", y, l) == 2 / 3          # a tie goes to the first, as np.argmax
    assert measure("accuracy", [[1], [0]], [[0.5], [0.5]]) == 0.5     # 0.5 is not above 0.5
    assert measure("loss", [[1], [0]], [[0.5], [0.5]], "half-sse") == 0.25
    nan = float("nan")
    assert measure("accuracy", [[0, 1]], [[0.2, nan]]) == 1.0   # np.argmax: NaN is the largest


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
@pytest.mark.parametrize("loss", ["half-sse", "sse", "mse", "cross-entropy", "softmax"])
def test_predict_uses_the_trained_conventions(activation, loss):
    X, y = load_data("xor")
    if loss == "softmax":
        y = [[1 - row[0], row[0]] for row in y]
    result = train(X, y, layers=[3, 4, len(y[0])], iterations=30, loss=loss,
                   activation=activation)
    outputs = predict(result.weights, X, activation, loss)
    assert outputs == forward(result.weights, X, activation, loss)[-1]
    if loss == "softmax":
        assert all(abs(sum(row) - 1) < 1e-15 for row in outputs)
    if activation != "sigmoid" or loss == "softmax":
        assert outputs != predict(result.weights, X)          # the defaults would be wrong


def test_train_records_its_conventions_and_schedule():
    X, y = load_data("xor")
    result = train(X, y, layers=[3, 4, 1], iterations=5, activation="relu", loss="mse")
    assert result.settings["activation"] == "relu" and result.settings["loss"] == "mse"
    assert (result.settings["iterations"], result.settings["epochs"],
            result.settings["batch_size"]) == (5, 5, None)
