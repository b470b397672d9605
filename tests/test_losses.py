"""The losses' table: each value and what starts backprop, against numpy's."""

import pytest

from conftest import TOLERANCE, deviation, load_reference, same_exp_as_recorded
from purebp import PurebpError, load_data, train
from purebp.losses import LOSS_NAMES, LOSSES, clamped_log
from purebp.network import measure

CASES = load_reference("losses")["cases"]
SAME_LIBM = same_exp_as_recorded()


@pytest.mark.parametrize("case", range(len(CASES)))
def test_each_loss_is_numpys_bit_for_bit(case):
    c = CASES[case]
    for name, expected in c["losses"].items():
        loss = LOSSES[name]
        l = c["l_softmax"] if loss.output == "softmax" else c["l_sigmoid"]
        assert loss.start(c["y"], l) == expected["start"], name
        if SAME_LIBM:
            assert loss.value(c["y"], l) == expected["value"], name
        assert deviation(loss.value(c["y"], l), expected["value"]) <= TOLERANCE


@pytest.mark.parametrize("case", range(len(CASES)))
def test_the_metrics_are_numpys(case):
    c = CASES[case]
    for metric, expected in c["metrics"].items():
        assert measure(metric, c["y"], c["l_sigmoid"]) == expected, metric


def test_the_cases_reach_numpys_pairwise_sums_and_a_saturated_output():
    assert max(len(c["y"]) * len(c["y"][0]) for c in CASES) > 128
    assert any(c["l_sigmoid"][0][0] == 1.0 for c in CASES)
    for c in CASES:                 # clamped, not NaN, where l is exactly 1
        assert c["losses"]["cross-entropy"]["value"] == c["losses"]["cross-entropy"]["value"]


def test_the_table_lists_every_loss_with_its_texts():
    assert LOSS_NAMES == ("half-sse", "sse", "mse", "cross-entropy", "softmax")
    assert set(LOSSES) == set(LOSS_NAMES)
    for name in LOSS_NAMES:
        loss = LOSSES[name]
        assert loss.name == name and loss.output in ("sigmoid", "softmax")
        assert loss.numpy_value and loss.numpy_start and loss.about and loss.task
        assert loss.says[0] and loss.says[1] and loss.symbol and loss.dloss_symbol
        assert loss.lr > 0
    assert [n for n in LOSS_NAMES if LOSSES[n].cancels] == ["cross-entropy", "softmax"]


def test_clamped_log():
    assert clamped_log(0.0) == -100.0 and clamped_log(1.0) == 0.0
    nan = clamped_log(float("nan"))
    assert nan != nan


@pytest.mark.parametrize("loss, y, words", [
    ("softmax", [[0], [1], [1], [0]], "loss softmax needs two or more outputs"),
    ("softmax", [[1, 1], [0, 1], [1, 0], [0, 1]], "target row 0 sums to 2.0, not 1"),
    ("softmax", [[2, -1], [0, 1], [1, 0], [0, 1]], "outside [0, 1]"),
    ("cross-entropy", [[0], [2], [1], [0]], "loss cross-entropy: target row 1, column 0 is 2"),
])
def test_targets_a_loss_cannot_take_are_refused(loss, y, words):
    X, _ = load_data("xor")
    with pytest.raises(PurebpError) as caught:
        train(X, y, layers=[3, 4, len(y[0])], loss=loss, iterations=1)
    assert words in str(caught.value)


def test_mean_losses_make_the_step_independent_of_the_rows():
    """Four copies of the data: sse's step is four times as large, mse's the same."""
    from purebp.network import step
    from purebp.random_start import initial_weights
    X, y = load_data("xor")
    weights = initial_weights([3, 4, 1], 1)
    for loss, factor in (("sse", 4), ("mse", 1), ("cross-entropy", 1)):
        one = step(weights, X, y, loss=loss).steps
        four = step(weights, X * 4, y * 4, loss=loss).steps
        for a, b in zip(one, four):
            for row_a, row_b in zip(a, b):
                for va, vb in zip(row_a, row_b):
                    assert vb == pytest.approx(factor * va, rel=1e-12, abs=1e-300)
