"""The held-out split: numpy's rows exactly, and held-out reports within 1e-12 of numpy's."""

import math

import pytest

from conftest import (TOLERANCE, deviation, load_reference, reference_split, run_reference,
                      same_exp_as_recorded)
from purebp import PurebpError, load_data, train
from purebp.classes import class_indexes
from purebp.holdout import check_fraction, split

HELD_OUT_SCENARIOS = ["iris_5_8_3_softmax_heldout", "iris_5_4_3_sse_heldout",
                      "iris_5_8_3_tanh_softmax_batch16_heldout"]


def test_every_recorded_split_is_numpys_exactly():
    cases = load_reference("holdout")["cases"]
    assert len(cases) >= 60
    assert {case["data"] for case in cases} == {"iris", "no classes", "random labels"}
    for case in cases:
        training, held_out = split(case["rows"], case["fraction"], case["seed"], case["labels"])
        assert (training, held_out) == (case["train"], case["test"]), case


def test_a_split_is_stratified_complete_and_in_file_order():
    X, y = load_data("iris")
    training, held_out = split(150, 0.3, seed=1, groups=class_indexes(y))
    assert sorted(training + held_out) == list(range(150))
    assert training == sorted(training) and held_out == sorted(held_out)
    labels = class_indexes(y)
    assert [sum(1 for r in held_out if labels[r] == c) for c in range(3)] == [15, 15, 15]


def test_each_class_keeps_a_row_on_each_side():
    labels = [0, 0, 1, 1, 1, 1, 1, 1, 1, 1]
    for fraction in (0.001, 0.05, 0.5, 0.95, 0.999):
        training, held_out = split(10, fraction, 3, labels)
        for c in (0, 1):
            assert any(labels[r] == c for r in training)
            assert any(labels[r] == c for r in held_out)


def test_the_split_does_not_touch_the_weights_stream():
    X, y = load_data("iris")
    training, held_out = split(150, 0.3, 1, class_indexes(y))
    kept = train([X[r] for r in training], [y[r] for r in training], layers=[5, 3],
                 loss="softmax", lr=3.0, iterations=2, every=0)
    alone = train([X[r] for r in training], [y[r] for r in training], layers=[5, 3],
                  loss="softmax", lr=3.0, iterations=2, every=0,
                  held_out=([X[r] for r in held_out], [y[r] for r in held_out]))
    assert kept.weights == alone.weights and alone.held_out == []


@pytest.mark.parametrize("name", HELD_OUT_SCENARIOS)
def test_held_out_reports_agree_with_numpy(name):
    ref = load_reference(name)
    assert reference_split(ref) == (ref["split"]["train"], ref["split"]["test"])
    result = run_reference(ref)
    assert [i for i, _ in result.held_out] == [i for i, _ in ref["held_out_history"]]
    assert len(result.held_out) == len(result.history) > 2
    if same_exp_as_recorded():
        assert [list(pair) for pair in result.held_out] == \
            ref["left_to_right"]["held_out_history"]          # bit for bit
    for numpy_run in (ref, ref["simd_exp"]):
        assert deviation(result.held_out, numpy_run["held_out_history"]) <= TOLERANCE


# A cross-check of both paths on held-out data, under the long marker (.ci/run).
@pytest.mark.long
def test_held_out_reports_on_the_compiled_path_are_the_plain_paths():
    """The compiled loop runs in chunks that end at report iterations: the
    held-out rows are measured with the weights the chunk starts from."""
    ref = load_reference("iris_5_4_3_sse_heldout")
    for every in (20, 7, 1):
        short = dict(ref, iterations=40, every=every)
        fast, plain = run_reference(short, fast=True), run_reference(short, fast=False)
        assert fast.held_out == plain.held_out and fast.history == plain.history
        assert fast.weights == plain.weights
        assert [i for i, _ in fast.held_out] == list(range(0, 40, every))


@pytest.mark.parametrize("fraction", [0, 1, 0.0, 1.0, -0.2, 1.5, float("nan"), float("inf"),
                                      True, "0.3", None])
def test_a_fraction_outside_zero_to_one_is_refused(fraction):
    with pytest.raises(PurebpError, match="test_fraction: .* is not a fraction between 0 and 1"):
        check_fraction(fraction)


def test_a_class_of_one_row_is_refused_with_its_name():
    with pytest.raises(PurebpError, match="class 'b' has 1 row, which cannot be both"):
        split(4, 0.5, 1, [0, 0, 1, 0], ["a", "b"])
    with pytest.raises(PurebpError, match="the data has 1 row"):
        split(1, 0.5, 1)


def test_held_out_rows_that_do_not_fit_are_refused():
    X, y = load_data("xor")
    with pytest.raises(PurebpError, match="held_out: X has 2 columns"):
        train(X, y, layers=[3, 1], iterations=2, held_out=([[0, 1]], [[1]]))
    with pytest.raises(PurebpError, match="held_out: expected a pair"):
        train(X, y, layers=[3, 1], iterations=2, held_out=[[0, 1, 1]])
    with pytest.raises(PurebpError, match="held_out: X: row 0, column 0: nan"):
        train(X, y, layers=[3, 1], iterations=2, held_out=([[math.nan, 1, 1]], [[1]]))


@pytest.mark.parametrize("name", HELD_OUT_SCENARIOS)
def test_the_scale_comes_from_the_training_rows_as_numpys(name):
    """--scale with --test-fraction: each column's min and max from the
    training rows only (the held-out rows stay out of everything training
    sees); the recorded numpy program scales so, to the last bit."""
    from purebp.csvdata import read_table
    from purebp.iris import csv_text
    ref = load_reference(name)
    table = read_table(csv_text(), "iris", scale_inputs=True, classes=True,
                       fit_rows=ref["split"]["train"])
    assert table.X == ref["X"]
    everywhere = read_table(csv_text(), "iris", scale_inputs=True, classes=True)
    training = [table.X[r] for r in ref["split"]["train"]]
    assert min(min(row[:4]) for row in training) == 0.0
    assert max(max(row[:4]) for row in training) == 1.0
    if name != "iris_5_4_3_sse_heldout":     # there the training rows hold every extreme
        assert table.X != everywhere.X


def test_train_scales_with_the_training_rows_only(tmp_path):
    import inprocess
    import json
    model = str(tmp_path / "iris.json")
    done = inprocess.purebp(["train", "--data", "iris", "--classes", "--scale", "--test-fraction",
                             "0.3", "--layers", "5,3", "--iterations", "2", "--save", model,
                             "--quiet"])
    assert done.returncode == 0, done.stderr
    with open(model, encoding="utf-8") as f:
        document = json.load(f)
    ref = load_reference("iris_5_8_3_softmax_heldout")       # the same split: seed 1, 0.3
    assert document["split"]["held_out"] == ref["split"]["test"]
    from purebp.iris import rows
    flowers = rows()
    for end, pick in (("min", min), ("max", max)):
        assert document["scaling"]["inputs"][end] == [
            pick(flowers[r][j] for r in ref["split"]["train"]) for j in range(4)]
