"""Warnings after training (purebp.diagnosis) with issue 11's conventions.

Healthy runs of every new convention (tanh and ReLU hidden layers; mse,
cross-entropy and softmax; mini-batches) are silent whatever the metric,
``accuracy`` (which is better higher) and ``loss`` included; failed ones
name what the conventions make likely: dead ReLU units, saturated tanh
units, a batch's summed step, a short run counted in epochs. Every line is
listed in docs/errors.md.
"""

import pytest

from conftest import load_reference, reference_data, run_reference, scenario_names, training_data
from test_bad_input import error_patterns

from purebp import load_data, train
from purebp.diagnosis import TEXTS, describe, diagnose
from purebp.narration import text
from purebp.network import Training

PATTERNS = error_patterns()
METRICS = ("sse", "mse", "mae", "accuracy", "loss")
CONVENTIONS = [name for name in scenario_names()
               if load_reference(name).get("activation", "sigmoid") != "sigmoid"
               or load_reference(name)["loss"] not in ("half-sse", "sse")
               or load_reference(name).get("batch_size")]
X, y = load_data("xor")
CLASSES = [[1 - row[0], row[0]] for row in y]


def judged_by(result, metric):
    """``result`` as if trained with ``metric`` (no history: the start is recomputed)."""
    return Training(result.layers, result.weights, result.outputs, [],
                    dict(result.settings, metric=metric))


def keys(findings):
    return [key for key, args in findings]


def assert_listed(findings):
    """Every line as train prints it on stderr (the symptom after "warning: ") is listed."""
    for lang in ("en", "zh-CN"):
        lines = describe(findings, lang)
        lines[0] = text("warning", lang, (lines[0],), TEXTS)
        for line in lines:
            assert any(p.search(line) for p in PATTERNS), "docs/errors.md does not list: " + line


def test_there_are_scenarios_of_every_new_convention():
    refs = [load_reference(name) for name in CONVENTIONS]
    assert {"tanh", "relu"} <= {ref.get("activation") for ref in refs}
    assert {"mse", "cross-entropy", "softmax"} <= {ref["loss"] for ref in refs}
    assert any(ref.get("batch_size") for ref in refs)


# The scenarios of more than 32 rows (iris, blobs) under the long marker (.ci/run).
@pytest.mark.parametrize("name", [name if len(reference_data(load_reference(name))[0]) <= 32
                                  else pytest.param(name, marks=pytest.mark.long)
                                  for name in CONVENTIONS])
def test_healthy_runs_of_the_conventions_are_silent_whatever_the_metric(name):
    ref = load_reference(name)
    data_X, data_y = training_data(ref)
    result = run_reference(ref)
    assert diagnose(result, data_X, data_y) == []          # as recorded, with its history
    for metric in METRICS:
        findings = diagnose(judged_by(result, metric), data_X, data_y)
        assert findings == [], (metric, describe(findings))


def test_rising_accuracy_is_training_that_works():
    result = train(X, CLASSES, layers=[3, 4, 2], loss="softmax", lr=3.0, iterations=300,
                   every=100, metric="accuracy")
    assert result.history[0][1] < result.history[-1][1] == 1.0
    assert diagnose(result, X, CLASSES) == []


def test_falling_accuracy_is_training_that_failed():
    result = train(X, y, layers=[3, 4, 1], seed=1, lr=10.0, loss="cross-entropy",
                   activation="relu", iterations=300, every=100, metric="accuracy")
    findings = diagnose(result, X, y)
    assert findings[0] == ("fell", ("accuracy", "0.75", "0.5"))
    assert keys(findings)[1:] == ["dead_hidden", "saturated_try"]
    assert describe(findings)[1] == ("  likely cause: 3 of the 4 hidden ReLU units output 0 on "
                                     "every row (dead: their slope is 0): no gradient passes "
                                     "through them")
    assert_listed(findings)


def test_accuracy_stuck_at_one_output_is_named_as_such_not_as_a_stall():
    result = train(X, y, loss="cross-entropy", metric="accuracy", iterations=2000)
    findings = diagnose(result, X, y)
    assert keys(findings) == ["same_outputs", "zero_gradient", "no_hidden", "no_hidden_try"]
    assert_listed(findings)


def test_saturated_tanh_units_are_named_with_their_range():
    result = train(X, CLASSES, layers=[3, 8, 2], loss="softmax", activation="tanh", lr=10.0,
                   iterations=2000)
    findings = diagnose(result, X, CLASSES)
    assert keys(findings) == ["rose", "saturated_hidden_tanh", "saturated_try"]
    assert "(output -1 or 1, slope below 1e-4)" in describe(findings)[1]
    assert_listed(findings)


def test_a_loss_whose_slope_cancels_has_no_saturated_outputs_to_blame():
    """cross-entropy and softmax cancel the output's slope: saturated outputs
    still learn, so they are no cause (half-sse's are, in the same run)."""
    for loss, blamed in (("half-sse", True), ("cross-entropy", False)):
        result = train(X, y, layers=[3, 4, 1], seed=1, lr=30.0, loss=loss, activation="relu",
                       iterations=300, every=100, metric="accuracy")
        assert ("saturated_outputs" in keys(diagnose(result, X, y))) == blamed, loss


def test_a_batch_s_summed_step_is_the_batch_s_rows_not_all_of_them():
    rows = [[(i * 37 % 100) / 100, (i * 61 % 100) / 100, 1.0] for i in range(300)]
    targets = [[0.3 * a + 0.5 * b] for a, b, _ in rows]
    result = train(rows, targets, batch_size=100, epochs=30)
    findings = diagnose(result, rows, targets)
    assert keys(findings) == ["rose", "lr_batch", "lr_batch_try"]
    assert describe(findings)[1:] == [
        "  likely cause: each step adds up the errors of its batch's 100 rows, so learning rate "
        "1 takes steps 100 times those of one row, far too large",
        "  try: a learning rate near 1/batch size: --lr 0.01"]
    assert_listed(findings)
    # a loss that is a mean takes no larger steps with more rows: no such cause
    mean = train(rows, targets, batch_size=100, epochs=30, loss="mse", lr=1e4)
    assert "lr_batch" not in keys(diagnose(mean, rows, targets))


def test_a_short_run_of_mini_batches_is_counted_in_epochs():
    result = train(X, y, layers=[3, 4, 1], seed=2, lr=10.0, batch_size=2, epochs=1)
    findings = diagnose(result, X, y)
    assert keys(findings) == ["rose", "short_epochs", "short_epochs_try"]
    assert describe(findings)[-1] == "  try: more epochs: --epochs 10"
    assert_listed(findings)


def test_one_stuck_class_is_not_every_row_getting_the_same_output():
    from purebp.diagnosis import _same_outputs
    y = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    learning = [[0.9, 0.1, 1e-17], [0.2, 0.8, 2e-17], [0.3, 0.7, 3e-17]]
    assert _same_outputs(learning, y) is None          # class 3 stuck, the others apart
    stuck = [[0.3, 0.3, 0.4]] * 3
    assert _same_outputs(stuck, y) == ("same_outputs", ("0.3",))


@pytest.mark.parametrize("lr", [1e-9, 1e-6, 1e-320])
def test_a_learning_rate_too_small_to_move_the_weights_is_named(lr):
    result = train(X, y, layers=[3, 4, 1], lr=lr, every=1000)
    findings = diagnose(result, X, y)
    assert keys(findings) == ["flat", "small_steps", "small_steps_try"]
    assert findings[2][1] == ("1",)                 # the article's loss starts from lr 1
    assert_listed(findings)


def test_none_found_with_a_hidden_layer_suggests_more_units_not_the_same_layers():
    # A slow rate that still moves the weights: nothing in particular to blame.
    findings = diagnose(train(X, y, layers=[3, 4, 1], lr=0.001, iterations=2000, every=1000),
                        X, y)
    assert keys(findings)[-2:] == ["unknown", "unknown_wider_try"], findings
    assert findings[-1][1] == ("3,8,1",)                # not the 3,4,1 it already has
    assert_listed(findings)


def test_a_fit_no_better_than_the_targets_mean_warns_though_the_loss_fell():
    """XOR without a hidden layer at lr 0.1: the sse falls from 1.16 to
    1.00001, where the targets' mean on every row gives 1; neither a rise
    nor a stall, and it warned of nothing before."""
    result = train(X, y, layers=[3, 1], lr=0.1, iterations=1000, every=100)
    assert result.history[0][1] * 0.9 > 1.00001      # 1.16: it fell by more than 10%
    findings = diagnose(result, X, y)
    assert findings[0] == ("no_better", ("sse", "1.00001", "sse", "1")), findings
    assert keys(findings)[-2:] == ["unknown", "unknown_try"]
    assert_listed(findings)
    assert describe(findings)[1] == ("  likely cause: none found here; the data may need a "
                                     "larger network")
    assert describe(findings)[0] == ("the sse at the end, 1.00001, is no better than the sse of "
                                     "giving every row the targets' mean, 1: training failed")
    # Fewer than 1000 iterations say nothing of it: early in training is no failure.
    assert diagnose(train(X, y, layers=[3, 1], lr=0.1, iterations=999, every=100), X, y) == []


def test_a_bias_input_is_suggested_only_to_data_without_one():
    """XOR has a bias column, as CSV data (unless --no-bias) and the other
    built-in data sets do: "or a bias input" is said only without one."""
    unbiased = [row[:2] for row in X]
    result = train(unbiased, y, layers=[2, 1], lr=0.1, iterations=1000, every=100)
    findings = diagnose(result, unbiased, y)
    assert keys(findings)[-2:] == ["unknown_no_bias", "unknown_try"], findings
    assert describe(findings)[1] == ("  likely cause: none found here; the data may need a "
                                     "larger network, or a bias input (no column holds one "
                                     "non-zero number on every row)")
    assert describe(findings, "zh-CN")[1].endswith("看不出明显的原因，数据也许需要更大的网络，或者一个"
                                              "偏置输入（没有哪一列在每一行上都是同一个非零的数）")
    assert_listed(findings)
    # A column of zeros is no bias input: it adds nothing to any sum (task h21n)
    zeros = [row[:2] + [0] for row in X]
    findings = diagnose(train(zeros, y, layers=[3, 1], lr=0.1, iterations=1000, every=100),
                        zeros, y)
    assert keys(findings)[-2:] == ["unknown_no_bias", "unknown_try"], findings
    # ... and a column of one non-zero number is one, as XOR's 1s are
    twos = [row[:2] + [2] for row in X]
    findings = diagnose(train(twos, y, layers=[3, 1], lr=0.1, iterations=1000, every=100),
                        twos, y)
    assert keys(findings)[-2:] == ["unknown", "unknown_try"], findings
