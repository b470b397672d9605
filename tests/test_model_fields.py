"""A Model's fields, changed after it was made: every method works, or
refuses with one PurebpError naming the field; ``repr`` never fails.

Each case sets one public field of a good Model (or changes it in place)
to None, a wrong type, a wrong shape, NaN, ... and calls every method.
A change a model file could hold is accepted: the Model then saves, loads
back and predicts the same numbers.
"""

import math
import os

import pytest

from test_bad_input import error_patterns

from purebp import Model, PurebpError, load, load_data, save, train
from purebp.model import to_text
from purebp.notebook import model_svg
from purebp.scaling import MinMax

NAN, INF = float("nan"), float("inf")
SPLIT = {"test_fraction": 0.25, "seed": 1, "stratified": False, "rows": 4,
         "training_rows": 3, "held_out_rows": 1, "held_out": [2]}


def numbers_model():
    """A 3,2,1 network of two inputs and the bias, scaled both ways, with a split."""
    return Model([3, 2, 1], [[[0.5, -0.25], [1.0, 0.75], [-0.5, 0.125]], [[1.5], [-2.0]]],
                 inputs=["a", "b", "bias"], targets=["y"], bias=True,
                 scaling={"inputs": MinMax([0, 0], [1, 2]), "targets": MinMax([0], [10])},
                 training={"data": "d.csv", "iterations": 3, "seed": 1, "lr": 1.0,
                           "metric": "sse", "final_metric": 0.5},
                 split=dict(SPLIT, held_out=[2]))


def classes_model():
    return Model([2, 2], [[[1.0, -1.0], [0.0, 0.5]]], loss="softmax", classes=["cat", "dog"])


MODELS = {"numbers": (numbers_model, [[0.5, 1.0], [0.0, 2.0]]),
          "classes": (classes_model, [[1.0, 0.0], [-1.0, 0.5]])}


def setter(field, value):
    def change(model):
        setattr(model, field, value)
    change.__name__ = "%s=%r" % (field, value)
    return change


def deleted(field):
    def change(model):
        delattr(model, field)
    change.__name__ = "%s=deleted" % field
    return change


def in_place(code):
    """A change made inside a field, not to it: ``code`` run with ``m`` the model."""
    def change(model):
        exec(code, {"m": model, "NAN": NAN, "INF": INF})
    return change


OK = None      # the words of a case a model file could hold: no refusal
# (model, change, the words every refusal holds: the field's name and more, or OK)
CASES = []
for _field in ("layers", "weights", "loss", "activation", "bias", "inputs", "targets",
               "scaling", "training", "classes", "split"):
    _words = "Model: %s" % _field
    _ok_none = _field in ("classes", "split")
    for _value in (None, 5, "abc", NAN, {1, 2}, object()):
        _expected = OK if (_value is None and _ok_none) else _words
        if _field == "classes" and _value is None:
            _expected = OK
        CASES.append(("numbers", setter(_field, _value), _expected))
    CASES.append(("numbers", deleted(_field), "Model: %s: the field is missing" % _field))
CASES += [
    # layers
    ("numbers", setter("layers", [3]), "Model: layers"),
    ("numbers", setter("layers", (3, 2, 1)), "Model: layers"),
    ("numbers", setter("layers", [3, 0, 1]), "Model: layers"),
    ("numbers", setter("layers", [3, True, 1]), "Model: layers"),
    ("numbers", setter("layers", [3.0, 2, 1]), "Model: layers"),
    ("numbers", setter("layers", [3, 2, 2]), "Model: weights[1]: expected a 2 x 2 matrix"),
    ("numbers", setter("layers", [3, 2, 1, 1]), "Model: weights: expected a list of 3 matrices"),
    ("numbers", in_place("m.layers[0] = None"), "Model: layers"),
    # weights: shapes
    ("numbers", setter("weights", []), "Model: weights: expected a list of 2 matrices"),
    ("numbers", in_place("m.weights = tuple(m.weights)"), "Model: weights: expected a list"),
    ("numbers", in_place("m.weights[0] = tuple(m.weights[0])"), "Model: weights[0]: expected"),
    ("numbers", in_place("m.weights[1][0] = (1.0,)"), "Model: weights[1]: expected a 2 x 1"),
    ("numbers", in_place("m.weights[0].pop()"), "Model: weights[0]: expected a 3 x 2 matrix"),
    ("numbers", in_place("m.weights[0][2].append(1.0)"), "Model: weights[0]: expected a 3 x 2"),
    ("numbers", in_place("m.weights[1][1] = None"), "Model: weights[1]: expected"),
    ("numbers", in_place("m.weights.reverse()"), "Model: weights[0]: expected a 3 x 2"),
    # weights: numbers
    ("numbers", in_place("m.weights[0][1][1] = NAN"),
     "Model: weights[0], row 1, column 1: nan is not a finite number"),
    ("numbers", in_place("m.weights[1][0][0] = -INF"),
     "Model: weights[1], row 0, column 0: -inf is not a finite number"),
    ("numbers", in_place("m.weights[1][0][0] = True"),
     "Model: weights[1], row 0, column 0: True is not a finite number: a weight is a number, "
     "not True or False"),
    ("numbers", in_place("m.weights[1][0][0] = '0.5'"), "Model: weights[1], row 0, column 0: "),
    ("numbers", in_place("m.weights[1][0][0] = None"), "Model: weights[1], row 0, column 0: "),
    ("numbers", in_place("m.weights[1][0][0] = 10 ** 100"),
     "Model: weights[1], row 0, column 0: a number of more than 100 digits"),
    ("numbers", in_place("m.weights[1][0][0] = 10 ** 100 - 1"), OK),   # 100 digits: a file holds it
    ("numbers", in_place("m.weights[1][0][0] = 3"), OK),
    ("numbers", in_place("m.weights[0][0][0] = 1e308"), OK),
    # the conventions
    ("numbers", setter("loss", "x"), "Model: loss: unknown convention 'x'"),
    ("numbers", setter("loss", "softmax"), "Model: loss softmax needs 2 or more outputs"),
    ("numbers", setter("loss", "sse"), OK),
    ("numbers", setter("activation", "Sigmoid"), "Model: activation: unknown activation"),
    ("numbers", setter("activation", "relu"), OK),
    ("numbers", setter("bias", 1), "Model: bias: 1 is not True or False"),
    ("numbers", setter("bias", False), "Model: scaling of inputs"),    # the bias becomes an input
    # names
    ("numbers", setter("inputs", ["a", "bias"]), "Model: inputs: expected a list of 3 names"),
    ("numbers", setter("inputs", ("a", "b", "bias")), "Model: inputs: expected a list of 3 names"),
    ("numbers", setter("inputs", ["a", "a", "bias"]), "Model: inputs has the name \"a\" twice"),
    ("numbers", setter("inputs", ["a", "b", "c"]), "Model: bias is True, so inputs must end"),
    ("numbers", setter("inputs", ["a", "\x00", "bias"]), "Model: inputs[1]"),
    ("numbers", setter("inputs", ["a", 2, "bias"]), "Model: inputs: expected a list of 3 names"),
    ("numbers", setter("inputs", ["size", "rooms", "bias"]), OK),
    ("numbers", in_place("m.inputs.append('c')"), "Model: inputs: expected a list of 3 names"),
    ("numbers", setter("targets", ["a"]), "Model: the name 'a' is both an input and a target"),
    ("numbers", setter("targets", ["y", "z"]), "Model: targets: expected a list of 1 name"),
    ("numbers", setter("targets", [""]), "Model: targets[0]"),
    # scaling
    ("numbers", setter("scaling", {}), "Model: scaling: expected a dict of \"inputs\" and"),
    ("numbers", setter("scaling", {1: None, "inputs": None}), "Model: scaling: expected a dict"),
    ("numbers", setter("scaling", {"inputs": 5, "targets": None}), "Model: scaling of inputs"),
    ("numbers", setter("scaling", {"inputs": MinMax([0], [1]), "targets": None}),
     "Model: scaling of inputs: \"min\" must be 2 finite numbers"),
    ("numbers", setter("scaling", {"inputs": MinMax([0, NAN], [1, 1]), "targets": None}),
     "Model: scaling of inputs"),
    ("numbers", setter("scaling", {"inputs": MinMax([0, 2], [1, 1]), "targets": None}),
     "Model: scaling of inputs, column 2 (b): min 2, max 1: min is larger than max"),
    ("numbers", in_place("m.scaling['targets'].high = None"),
     "Model: scaling of targets: \"max\" must be 1 finite number"),
    ("numbers", in_place("del m.scaling['targets'].low"), "Model: scaling of targets"),
    ("numbers", in_place("m.scaling['inputs'].low[0] = True"), "Model: scaling of inputs"),
    ("numbers", setter("scaling", {"inputs": None, "targets": None}), OK),
    # training
    ("numbers", setter("training", {"lr": [1]}), "Model: training 'lr'"),
    ("numbers", setter("training", {"lr": NAN}), "Model: training 'lr'"),
    ("numbers", setter("training", {"lr": 10 ** 100}), "Model: training 'lr': a number of"),
    ("numbers", setter("training", {1: 2}), "Model: training 1"),
    ("numbers", setter("training", {"iterations": "many", "final_metric": "low"}), OK),
    ("numbers", setter("training", {}), OK),
    # split
    ("numbers", setter("split", {}), "Model: \"split\" must be null or an object"),
    ("numbers", setter("split", {1: 2, "seed": 1}), "Model: \"split\" must be null"),
    ("numbers", setter("split", dict(SPLIT, rows=-1)), "Model: \"split\" does not hold together"),
    ("numbers", setter("split", dict(SPLIT, test_fraction=10 ** 400)),
     "Model: \"split\" does not hold together"),
    ("numbers", setter("split", dict(SPLIT, held_out=[9])), "Model: \"split\" does not hold"),
    # classes
    ("classes", setter("classes", None), "Model: targets: expected a list of 2 names"),
    ("classes", setter("classes", ["cat"]), "Model: classes must be a list of 2 names"),
    ("classes", setter("classes", ["cat", "cat"]), "Model: classes has the class \"cat\" twice"),
    ("classes", setter("classes", ["cat", 5]), "Model: classes must be a list of 2 names"),
    ("classes", setter("classes", ("cat", "dog")), "Model: classes must be a list of 2 names"),
    ("classes", setter("classes", ["lion", "tiger"]), OK),
    ("classes", setter("targets", None), "Model: targets: expected a list of 1 name, got None"),
    ("classes", setter("loss", "half-sse"), OK),
    ("classes", setter("scaling", {"inputs": None, "targets": MinMax([0], [1])}),
     "Model: classes make the targets one-hot"),
    ("classes", in_place("m.weights[0][0][0] = NAN"), "Model: weights[0], row 0, column 0: nan"),
]


def _id(case):
    name, change, words = case
    return "%s-%s-%s" % (name, getattr(change, "__name__", "change"), words or "ok")


PATTERNS = error_patterns()


def refused(call, words):
    """``call()`` raises one PurebpError holding ``words``, listed in docs/errors.md."""
    with pytest.raises(PurebpError) as raised:
        call()
    message = str(raised.value)
    assert words in message
    assert "\n" not in message
    assert any(p.search(message) for p in PATTERNS), "docs/errors.md does not list: " + message
    return message


@pytest.mark.parametrize("case", CASES, ids=[_id(case)[:90] for case in CASES])
def test_every_method_works_or_names_the_field(case, tmp_path):
    name, change, words = case
    make, X = MODELS[name]
    model = make()
    before = model.predict(X)
    change(model)
    path = str(tmp_path / "m.json")
    shown = repr(model)                             # never an error
    assert shown.startswith("<Model ") and "\n" not in shown
    if words is OK:
        outputs = model.predict(X)
        assert isinstance(model.as_dict(), dict)
        assert all(isinstance(n, str) for n in model.outputs + model.data_inputs)
        assert (model.predict_classes(outputs) is None) == (not model.classes)
        assert model._repr_svg_().startswith("<svg") and "<svg" in model_svg(model)
        save(model, path)
        again = load(path)
        assert again.predict(X) == outputs
        assert again.as_dict() == model.as_dict()
        return
    for call in (lambda: model.predict(X), lambda: model.predict_classes(before),
                 model.as_dict, lambda: to_text(model, path), lambda: model_svg(model)):
        refused(call, words)
    message = refused(lambda: save(model, path), words)
    assert message.startswith(path + ": the model would not load back (")
    assert not os.path.exists(path)
    assert model._repr_svg_() is None              # Jupyter shows the repr instead
    for prop in ("outputs", "data_inputs"):        # these need the names, not every weight
        try:
            assert all(isinstance(n, str) for n in getattr(model, prop))
            assert "weights[" in words
        except PurebpError as error:
            assert words in str(error)
    if "weights[" not in words or "expected" in words:
        assert words in shown                      # the repr says what is wrong


def test_the_sweep_covers_every_field_of_the_model():
    fields = set(vars(numbers_model()))
    assert fields == {"layers", "weights", "loss", "activation", "bias", "inputs", "targets",
                      "scaling", "training", "classes", "split"}
    named = set(case[1].__name__.split("=")[0] for case in CASES if "=" in case[1].__name__)
    assert named == fields
    assert sum(1 for case in CASES if case[2] is OK) >= 10


def test_a_repr_whose_field_has_a_failing_repr_still_shows():
    class Odd:
        def __repr__(self):
            raise RuntimeError("no repr")
    model = numbers_model()
    model.inputs = Odd()
    assert repr(model).startswith("<Model layers=[3, 2, 1] inputs=a Odd loss='half-sse': "
                                  "Model: inputs: expected a list of 3 names, got a Odd>")


def test_bool_and_long_weights_are_refused_when_the_model_is_made():
    """load refuses them (JSON's true is no number; at most 100 digits), so a
    Model does too, rather than take them as floats it would save differently."""
    for weights, words in (([[[True], [False], [True]]], "True is not a finite number"),
                           ([[[10 ** 299], [1], [1]]], "a number of more than 100 digits"),
                           ([[[0.5], [-(10 ** 100)], [1]]], "a number of more than 100 digits")):
        refused(lambda: Model([3, 1], weights), "Model: weights[0], row ")


def test_the_model_keeps_its_own_copy_of_the_weights():
    W = [[[0.5], [0.25], [1.0]]]
    model = Model([3, 1], W)
    before = model.predict([[1, 0, 1]])
    W[0][0][0] = NAN
    W[0].append([1.0])
    assert model.predict([[1, 0, 1]]) == before
    rows = Model([3, 1], [((0.5,), (0.25,), (1.0,))]).weights      # tuples become lists
    assert rows == [[[0.5], [0.25], [1.0]]]


def test_whole_number_weights_stay_whole_as_a_file_gives_them_back(tmp_path):
    model = Model([3, 1], [[[2], [-1], [10 ** 99]]])
    save(model, str(tmp_path / "m.json"))
    again = load(str(tmp_path / "m.json"))
    assert again.weights == model.weights and type(again.weights[0][0][0]) is int
    assert again.predict([[1, 0, 0]]) == model.predict([[1, 0, 0]])
    assert not math.isnan(model.predict([[1, 0, 0]])[0][0])


@pytest.mark.parametrize("field, value, words", [
    ("settings", {}, "Model.from_training: result: its settings are not what train records"),
    ("settings", None, "Model.from_training: result: its settings are not what train records"),
    ("weights", None, "Model: weights: expected a list of weight matrices, got None"),
    ("weights", [[[True], [False], [True]]], "Model: weights[0], row 0, column 0: True"),
    ("layers", [3, 2], "Model: weights: their shapes do not fit layers [3, 2]"),
    ("layers", None, "layers: expected a list of layer sizes like [3, 4, 1], got None"),
])
def test_a_training_changed_by_hand_is_refused_by_from_training(field, value, words):
    X, y = load_data("seed")
    result = train(X, y, iterations=3)
    setattr(result, field, value)
    refused(lambda: Model.from_training(result), words)
