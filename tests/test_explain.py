"""explain: the quantities are train's own, and numpy's first iteration."""

import pytest

from conftest import TOLERANCE, deviation, load_reference, scenario_names, training_data
from purebp import PurebpError, load_data, train
from purebp.explain import _width, as_data, explain, render

NETWORK_SCENARIOS = [n for n in scenario_names()
                     if n.startswith(("eight_lines", "expanded", "trask", "xor_3_5_4_1", "seed_3_4"))
                     or "first_step" in load_reference(n) and (
                         load_reference(n).get("activation", "sigmoid") != "sigmoid"
                         or load_reference(n)["loss"] not in ("half-sse", "sse")
                         or load_reference(n).get("batch_size"))]


@pytest.mark.parametrize("name", NETWORK_SCENARIOS)
def test_first_iteration_agrees_with_numpys(name):
    """Every quantity explain shows, against numpy's first step: each
    activation and loss, and the first batch of a mini-batch run."""
    ref = load_reference(name)
    X, y = training_data(ref)      # with a held-out split, numpy's first step is on the rest
    story = explain(X, y, ref["layers"], seed=ref["seed"], lr=ref["lr"], loss=ref["loss"],
                    activation=ref.get("activation", "sigmoid"), batch_size=ref.get("batch_size"))
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
    assert names == ["X", "y", "syn", "z = X·syn", "l = sigmoid(z)", "y - l", "loss",
                     "d loss/d l", "d l/d z = l(1-l)", "d z/d syn = X", "l_delta", "X.T·l_delta",
                     "syn (new)"]


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


def test_each_convention_is_narrated_from_its_table():
    X, y = load_data("xor")
    classes = [[1 - row[0], row[0]] for row in y]
    text = render(explain(X, classes, [3, 4, 2], loss="softmax", activation="tanh"), "xor")
    for words in ("l1 = np.tanh(np.dot(l0, syn0))", "1 - l1 ** 2", "e = np.exp(z - z.max(",
                  "e / e.sum(axis=1, keepdims=True)", "l2_delta = l2_error / len(y)",
                  "softmax's slope cancels", "-np.sum(y * np.maximum(np.log(l2), -100)) / len(y)"):
        assert words in text, words
    text = render(explain(X, y, [3, 4, 1], loss="cross-entropy", activation="relu"), "xor", "zh-CN")
    assert "np.maximum(np.dot(l0, syn0), 0)" in text and "相消" in text
    text = render(explain(X, y, [3, 4, 1], loss="mse"), "xor")
    assert "l2_delta = (2 * l2_error / y.size) * (l2 * (1 - l2))" in text


def test_a_batch_step_names_its_rows_and_uses_them():
    X, y = load_data("xor")
    story = explain(X, y, [3, 4, 1], batch_size=3, at=2)
    assert story["batch"]["epoch"] == 0 and story["batch"]["index"] == 1
    rows = story["batch"]["rows"]
    by_name = {q["name"]: q["value"] for q in story["quantities"]}
    assert by_name["rows"] == [rows] and len(rows) == 1     # 4 rows in batches of 3: 3, then 1
    assert by_name["l0 = X[rows]"] == [X[r] for r in rows]
    text = render(story, "xor")
    assert "batch 2 of 2" in text and story["batch_size"] == 3


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("loss, activation", [("cross-entropy", "relu"), ("softmax", "tanh"),
                                              ("mse", "sigmoid")])
def test_conventions_fit_80_columns(lang, loss, activation):
    X, y = load_data("xor")
    if loss == "softmax":
        y = [[1 - row[0], row[0]] for row in y]
    text = render(explain(X, y, [3, 4, len(y[0])], loss=loss, activation=activation,
                          batch_size=3, at=3), "xor", lang)
    assert max(_width(line) for line in text.splitlines()) <= 80
