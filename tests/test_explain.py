"""explain: the quantities are train's own, and numpy's first iteration."""

import pytest

from conftest import TOLERANCE, deviation, load_reference, scenario_names
from purebp import PurebpError, load_data, train
from purebp.narration import _width, as_data, explain, render

NETWORK_SCENARIOS = [n for n in scenario_names()
                     if n.startswith(("eight_lines", "expanded", "trask", "xor_3_5_4_1", "seed_3_4"))]


@pytest.mark.parametrize("name", NETWORK_SCENARIOS)
def test_first_iteration_agrees_with_numpys(name):
    ref = load_reference(name)
    X, y = load_data(ref["data"])
    story = explain(X, y, ref["layers"], seed=ref["seed"], lr=ref["lr"], loss=ref["loss"])
    first = ref["first_step"]
    checked = set()
    for q in story["quantities"]:
        if q["quantity"] is None:
            continue
        expected = first[q["quantity"]][q["layer"]]
        assert deviation(q["value"], expected) <= TOLERANCE, q["name"]
        checked.add(q["quantity"])
    assert checked == {"z", "l", "l_error", "slope", "l_delta", "steps", "weights"}


def test_the_article_step_in_order():
    X, y = load_data("seed")
    names = [q["name"] for q in explain(X, y, [3, 1])["quantities"]]
    assert names == ["X", "y", "syn", "z = X·syn", "l = sigmoid(z)", "y - l", "d loss/d l",
                     "d l/d z = l(1-l)", "d z/d syn = X", "l_delta", "X.T·l_delta", "syn (new)"]


def test_hidden_layers_show_the_error_each_layer_receives():
    X, y = load_data("xor")
    story = explain(X, y, [3, 4, 1])
    names = [q["name"] for q in story["quantities"]]
    assert "l1_error = l2_delta·syn1.T" in names
    assert names.index("l2_delta") < names.index("l1_error = l2_delta·syn1.T") < names.index("l1_delta")


def test_at_n_explains_the_step_train_takes_there():
    X, y = load_data("xor")
    story = explain(X, y, [3, 4, 1], at=50)
    before = train(X, y, layers=[3, 4, 1], iterations=49, every=0).weights
    after = train(X, y, layers=[3, 4, 1], iterations=50, every=0).weights
    by_name = {q["name"]: q["value"] for q in story["quantities"]}
    assert by_name["syn0"] == before[0] and by_name["syn1"] == before[1]
    assert by_name["syn0 (new)"] == after[0] and by_name["syn1 (new)"] == after[1]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("layers, data", [([3, 1], "seed"), ([3, 4, 1], "xor"), ([3, 32, 1], "xor")])
def test_text_fits_80_columns(lang, layers, data):
    X, y = load_data(data)
    text = render(explain(X, y, layers), data, lang)
    assert max(_width(line) for line in text.splitlines()) <= 80
    assert ("链式法则" in text) == (lang == "zh-CN")


def test_json_has_every_quantity_with_its_shape():
    X, y = load_data("seed")
    data = as_data(explain(X, y, [3, 1]), "en")
    shapes = {q["name"]: q["shape"] for q in data["quantities"]}
    assert shapes["X.T·l_delta"] == [3, 1] and shapes["z = X·syn"] == [4, 1]
    assert all(q["meaning"] for q in data["quantities"])


def test_bad_at_is_refused():
    X, y = load_data("seed")
    with pytest.raises(PurebpError, match="at: 0"):
        explain(X, y, [3, 1], at=0)
