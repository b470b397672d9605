"""Mini-batches and epochs: the schedule's rules, the shuffle, the reports,
and models of every convention predicting exactly what training computed."""

import os

import pytest

from purebp import PurebpError, load_data, train
from purebp.errors import TrainingError
from purebp.batches import DEFAULT_EPOCHS, batch_rows, schedule, steps_per_epoch, take
from purebp.network import evaluate, forward, step, step_at
from purebp.random_start import MT19937, permutation, random_weights

XOR_CLASSES = [[1, 0], [0, 1], [0, 1], [1, 0]]


@pytest.mark.parametrize("kwargs, epochs", [
    ({}, DEFAULT_EPOCHS), ({"iterations": 7}, 7), ({"epochs": 7}, 7),
    ({"iterations": 7, "epochs": 7}, 7), ({"batch_size": 2}, DEFAULT_EPOCHS),
    ({"batch_size": 2, "epochs": 3}, 3), ({"batch_size": 4, "epochs": 3}, 3),
])
def test_schedule(kwargs, epochs):
    assert schedule(4, **kwargs) == epochs


@pytest.mark.parametrize("kwargs, words", [
    ({"iterations": 5, "epochs": 6}, "iterations 5 and epochs 6: in full-batch training"),
    ({"batch_size": 0}, "batch_size: 0 is not a whole number of at least 1"),
    ({"batch_size": 2.5}, "batch_size: 2.5 is not"),
    ({"batch_size": True}, "batch_size: True is not"),
    ({"batch_size": 5}, "batch_size: 5 is more than the training data's 4 rows; give at most 4"),
    ({"batch_size": 2, "iterations": 10}, "iterations with a batch size"),
    ({"epochs": 0}, "epochs: 0 is not a whole number of at least 1"),
    ({"epochs": "3"}, "epochs: '3' is not"),
])
def test_schedules_that_cannot_run_are_refused(kwargs, words):
    X, y = load_data("xor")
    with pytest.raises(PurebpError) as caught:
        train(X, y, **kwargs)
    assert words in str(caught.value)


def test_steps_and_rows_of_an_epoch():
    assert [steps_per_epoch(4, b) for b in (None, 1, 2, 3, 4)] == [1, 4, 2, 2, 1]
    assert list(batch_rows([3, 1, 0, 2], 3)) == [[3, 1, 0], [2]]
    assert take([[1], [2], [3]], [2, 2, 0]) == [[3], [3], [1]]


def test_full_batch_counts_iterations_or_epochs_alike():
    X, y = load_data("xor")
    a = train(X, y, layers=[3, 4, 1], iterations=300, every=100)
    b = train(X, y, layers=[3, 4, 1], epochs=300, every=100)
    assert a.weights == b.weights and a.history == b.history
    assert a.settings["iterations"] == a.settings["epochs"] == 300
    assert a.settings["batch_size"] is None


def by_hand(X, y, layers, seed, epochs, B, lr, loss, activation, every, metric):
    """The numpy program's loop, on purebp's step: weights, then a shuffle an epoch."""
    generator = MT19937(seed)
    weights = random_weights(layers, generator)
    history = []
    for epoch in range(epochs):
        if epoch % every == 0:
            history.append((epoch, evaluate(weights, X, y, metric, activation, loss)))
        order = permutation(len(X), generator)
        for start in range(0, len(X), B):
            rows = order[start:start + B]
            weights = step(weights, take(X, rows), take(y, rows), lr, loss, activation).weights
    return weights, history


@pytest.mark.parametrize("B", [1, 2, 3, 4])
def test_mini_batches_are_the_numpy_programs_loop(B):
    X, y = load_data("xor")
    result = train(X, XOR_CLASSES, layers=[3, 4, 2], seed=5, epochs=20, lr=0.7,
                   loss="softmax", activation="tanh", batch_size=B, every=5, metric="accuracy")
    weights, history = by_hand(X, XOR_CLASSES, [3, 4, 2], 5, 20, B, 0.7, "softmax", "tanh", 5,
                               "accuracy")
    assert result.weights == weights and result.history == history
    assert [i for i, _ in result.history] == [0, 5, 10, 15]
    assert result.outputs == forward(weights, X, "tanh", "softmax")[-1]
    assert result.settings["iterations"] == 20 * steps_per_epoch(4, B)
    assert result.settings["epochs"] == 20 and result.settings["batch_size"] == B


def test_step_at_is_where_training_stands():
    X, y = load_data("xor")
    for at in (1, 2, 3, 7):
        weights, (epoch, index, rows) = step_at(X, y, [3, 4, 1], seed=2, at=at, batch_size=3)
        assert (epoch, index) == divmod(at - 1, 2)
        generator = MT19937(2)
        expected = random_weights([3, 4, 1], generator)
        done = 0
        for e in range(epoch + 1):
            order = permutation(4, generator)
            for i, batch in enumerate(batch_rows(order, 3)):
                if done == at - 1:
                    assert batch == rows and weights == expected
                expected = step(expected, take(X, batch), take(y, batch)).weights
                done += 1
    weights, batch = step_at(X, y, [3, 4, 1], seed=2, at=5)
    assert batch is None and weights == train(X, y, layers=[3, 4, 1], seed=2, iterations=4).weights


def test_divergence_in_a_batch_names_epoch_and_step():
    X, y = [[1, 1, 1]] * 20, [[1]] * 20
    with pytest.raises(TrainingError) as caught:
        train(X, y, layers=[3, 1], lr=1e308, loss="sse", batch_size=10, epochs=3)
    assert "training diverged in epoch 0, at step" in str(caught.value)


def test_progress_counts_steps_with_batches():
    calls = []
    X, y = load_data("xor")
    train(X, y, layers=[3, 2, 1], batch_size=3, epochs=4, every=2,
          progress=lambda done, value: calls.append((done, value)))
    assert [done for done, _ in calls] == [1, 2, 3, 4, 5, 6, 7, 8]     # every step, as the plain path
    assert calls[-1][1] is not None


@pytest.mark.parametrize("activation, loss, batch_size", [
    ("tanh", "softmax", 3), ("relu", "cross-entropy", 2), ("sigmoid", "mse", None),
    ("tanh", "sse", 1)])
def test_a_saved_model_predicts_exactly_what_training_computed(tmp_path, activation, loss,
                                                                batch_size):
    from purebp.model import Model, load, save
    X, y = load_data("xor")
    if loss == "softmax":
        y = XOR_CLASSES
    result = train(X, y, layers=[3, 5, len(y[0])], epochs=50, lr=0.5, loss=loss,
                   activation=activation, batch_size=batch_size, every=10)
    path = os.path.join(str(tmp_path), "m.json")
    save(Model.from_training(result, data="xor", X=X, y=y), path)
    model = load(path)
    assert model.activation == activation and model.loss == loss
    assert model.training["batch_size"] == batch_size and model.training["epochs"] == 50
    trained = forward(result.weights, X, activation, loss)[-1]
    assert model.predict(X) == trained                   # bit for bit
    if batch_size:
        assert result.outputs == trained
    assert model.training["final_metric"] == evaluate(result.weights, X, y, "sse", activation,
                                                      loss)
