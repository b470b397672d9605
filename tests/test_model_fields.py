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


def numbers_arguments():
    """The arguments of ``numbers_model``, new each time."""
    return dict(layers=[3, 2, 1],
                weights=[[[0.5, -0.25], [1.0, 0.75], [-0.5, 0.125]], [[1.5], [-2.0]]],
                inputs=["a", "b", "bias"], targets=["y"], bias=True,
                scaling={"inputs": MinMax([0, 0], [1, 2]), "targets": MinMax([0], [10])},
                training={"data": "d.csv", "iterations": 3, "seed": 1, "lr": 1.0,
                          "metric": "sse", "final_metric": 0.5},
                split=dict(SPLIT, held_out=[2]))


def numbers_model():
    """A 3,2,1 network of two inputs and the bias, scaled both ways, with a split."""
    return Model(**numbers_arguments())


class NP:
    """What a numpy number or array looks like to purebp, which never imports
    numpy: no list, no float or int, but ``.tolist()`` gives Python's."""

    def __init__(self, value, kind="np.float32"):
        self.value, self.kind = value, kind

    def tolist(self):
        return self.value

    def __repr__(self):
        return "%s(%r)" % (self.kind, self.value)


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
        exec(code, {"m": model, "NAN": NAN, "INF": INF, "NP": NP})
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
    ("numbers", setter("layers", (3, 2, 1)), OK),        # taken as the constructor takes it
    ("numbers", setter("layers", [3, 0, 1]), "Model: layers"),
    ("numbers", setter("layers", [3, True, 1]), "Model: layers"),
    ("numbers", setter("layers", [3.0, 2, 1]), "Model: layers"),
    ("numbers", setter("layers", [3, 2, 2]), "Model: weights[1]: expected a 2 x 2 matrix"),
    ("numbers", setter("layers", [3, 2, 1, 1]), "Model: weights: expected a list of 3 matrices"),
    ("numbers", in_place("m.layers[0] = None"), "Model: layers"),
    # weights: shapes
    ("numbers", setter("weights", []), "Model: weights: expected a list of 2 matrices"),
    ("numbers", in_place("m.weights = tuple(m.weights)"), OK),
    ("numbers", in_place("m.weights[0] = tuple(m.weights[0])"), OK),
    ("numbers", in_place("m.weights[1][0] = (1.0,)"), OK),
    ("numbers", in_place("m.weights[1][0] = (1.0, 2.0)"), "Model: weights[1]: expected a 2 x 1"),
    ("numbers", in_place("m.weights[0].pop()"), "Model: weights[0]: expected a 3 x 2 matrix"),
    ("numbers", in_place("m.weights[0][2].append(1.0)"), "Model: weights[0]: expected a 3 x 2"),
    ("numbers", in_place("m.weights[1][1] = None"), "Model: weights[1]: expected"),
    ("numbers", in_place("m.weights.reverse()"), "Model: weights[0]: expected a 3 x 2"),
    # weights: numbers
    ("numbers", in_place("m.weights[0][1][1] = NAN"),
     "Model: weights[0]: row 1, column 1: nan is not a finite number"),
    ("numbers", in_place("m.weights[1][0][0] = -INF"),
     "Model: weights[1]: row 0, column 0: -inf is not a finite number"),
    ("numbers", in_place("m.weights[1][0][0] = True"),
     "Model: weights[1]: row 0, column 0: True is not a finite number: a weight is a number, "
     "not True or False"),
    ("numbers", in_place("m.weights[1][0][0] = '0.5'"),
     "Model: weights[1]: row 0, column 0: '0.5' is not a number"),
    ("numbers", in_place("m.weights[1][0][0] = None"),
     "Model: weights[1]: row 0, column 0: None is not a number"),
    ("numbers", in_place("m.weights[1][0][0] = 10 ** 100"),
     "Model: weights[1]: row 0, column 0: a number of more than 100 digits"),
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
    ("numbers", setter("inputs", ("a", "b", "bias")), OK),
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
    ("numbers", setter("training", {1: 2}), "Model: training: the key 1 is not a text"),
    ("numbers", setter("training", {1: 2, "lr": [1]}), "Model: training: the key 1 is not a"),
    ("numbers", setter("training", {"iterations": "many", "final_metric": "low"}), OK),
    ("numbers", setter("training", {}), OK),
    # split
    ("numbers", setter("split", {}), "Model: \"split\" must be null or an object"),
    ("numbers", setter("split", {1: 2, "seed": 1}), "Model: \"split\" must be null"),
    ("numbers", setter("split", dict(SPLIT, rows=-1)), "Model: \"split\" does not hold together"),
    ("numbers", setter("split", dict(SPLIT, test_fraction=10 ** 400)),
     "Model: \"split\" test_fraction: a number of more than 100 digits"),
    ("numbers", setter("split", dict(SPLIT, test_fraction=2)),
     "Model: \"split\" does not hold together"),
    ("numbers", setter("split", dict(SPLIT, held_out=[9])), "Model: \"split\" does not hold"),
    # classes
    ("classes", setter("classes", None), "Model: targets: expected a list of 2 names"),
    ("classes", setter("classes", ["cat"]), "Model: classes must be a list of 2 names"),
    ("classes", setter("classes", ["cat", "cat"]), "Model: classes has the class \"cat\" twice"),
    ("classes", setter("classes", ["cat", 5]), "Model: classes must be a list of 2 names"),
    ("classes", setter("classes", ("cat", "dog")), OK),
    ("classes", setter("classes", ["lion", "tiger"]), OK),
    ("classes", setter("targets", None), "Model: targets: expected a list of 1 name, got None"),
    ("classes", setter("loss", "half-sse"), OK),
    ("classes", setter("scaling", {"inputs": None, "targets": MinMax([0], [1])}),
     "Model: classes make the targets one-hot"),
    ("classes", in_place("m.weights[0][0][0] = NAN"), "Model: weights[0]: row 0, column 0: nan"),
]
# Tuples and numpy values, put in after the Model was made, are taken as the
# constructor and train take them: as lists and Python numbers.
LONG = "a number of more than 100 digits; a model file takes at most 100"
CASES += [
    ("numbers", in_place("m.weights[1][0][0] = NP(0.5)"), OK),
    ("numbers", in_place("m.weights[0][2][1] = NP(3, 'np.int64')"), OK),
    ("numbers", in_place("m.weights[0] = NP([[0.5, -0.25], [1.0, 0.75], [-0.5, 0.125]], "
                         "'np.array')"), OK),
    ("numbers", in_place("m.weights = NP(m.weights, 'np.array')"), OK),
    ("numbers", in_place("m.weights[1][0][0] = NP(NAN)"),
     "Model: weights[1]: row 0, column 0: nan is not a finite number"),
    ("numbers", in_place("m.weights[1][0][0] = NP(True, 'np.bool_')"),
     "Model: weights[1]: row 0, column 0: True is not a finite number: a weight is a number"),
    ("numbers", in_place("m.weights[1][0][0] = NP('0.5', 'np.str_')"),
     "Model: weights[1]: row 0, column 0: np.str_('0.5') is not a number"),
    ("numbers", setter("layers", NP([3, 2, 1], "np.array")), OK),
    ("numbers", in_place("m.layers[0] = NP(3, 'np.int64')"), OK),
    ("numbers", in_place("m.layers[0] = NP(3.0, 'np.float64')"), "Model: layers"),
    ("numbers", setter("bias", NP(True, "np.bool_")), OK),
    ("numbers", setter("inputs", NP(["a", "b", "bias"], "np.array")), OK),
    ("numbers", setter("inputs", ("a", "b")), "Model: inputs: expected a list of 3 names"),
    ("numbers", setter("targets", ("y",)), OK),
    ("numbers", in_place("m.scaling['inputs'].low = (NP(0.0), 0)"), OK),
    ("numbers", in_place("m.scaling['targets'].high[0] = NP(10, 'np.int64')"), OK),
    ("numbers", setter("training", {"lr": NP(1.0), "iterations": NP(3, "np.int64"),
                                    "final_metric": NP(0.5, "np.float64")}), OK),
    ("numbers", setter("training", {"lr": NP(NAN)}), "Model: training 'lr': nan"),
    ("numbers", setter("split", dict(SPLIT, seed=NP(1, "np.int64"), held_out=(2,))), OK),
    ("numbers", setter("split", dict(SPLIT, held_out=NP([2], "np.array"),
                                     test_fraction=NP(0.25, "np.float64"))), OK),
    ("classes", setter("classes", NP(["cat", "dog"], "np.array")), OK),
    ("classes", setter("targets", ("label",)), OK),
    # every number that reaches the file: at most 100 digits, as load reads
    ("numbers", setter("split", dict(SPLIT, seed=10 ** 150)), "Model: \"split\" seed: " + LONG),
    ("numbers", setter("split", dict(SPLIT, seed=-10 ** 100)), "Model: \"split\" seed: " + LONG),
    ("numbers", setter("split", dict(SPLIT, seed=10 ** 100 - 1)), OK),
    ("numbers", setter("split", dict(SPLIT, seed=-(10 ** 100 - 1))), OK),
    ("numbers", setter("split", dict(SPLIT, rows=10 ** 150, training_rows=10 ** 150 - 1)),
     "Model: \"split\" rows: " + LONG),
    ("numbers", setter("split", dict(SPLIT, training_rows=10 ** 150)),
     "Model: \"split\" training_rows: " + LONG),
    ("numbers", setter("split", dict(SPLIT, held_out_rows=10 ** 150)),
     "Model: \"split\" held_out_rows: " + LONG),
    ("numbers", setter("split", dict(SPLIT, held_out=[10 ** 150])),
     "Model: \"split\" held_out[0]: " + LONG),
    ("numbers", setter("scaling", {"inputs": MinMax([0, 10 ** 150], [1, 10 ** 151]),
                                   "targets": None}),
     "Model: scaling of inputs, column 2 (b): \"min\" is " + LONG),
    ("numbers", setter("scaling", {"inputs": None, "targets": MinMax([0], [10 ** 100])}),
     "Model: scaling of targets, column 1 (y): \"max\" is " + LONG),
    ("numbers", setter("scaling", {"inputs": MinMax([0, -(10 ** 100 - 1)], [1, 2]),
                                   "targets": None}), OK),
    ("numbers", setter("training", {"seed": -10 ** 100}), "Model: training 'seed': " + LONG),
    ("numbers", setter("training", {"seed": 10 ** 100 - 1}), OK),
    ("numbers", in_place("m.weights[1][0][0] = -(10 ** 100 - 1)"), OK),
    ("numbers", in_place("m.weights[1][0][0] = -10 ** 100"),
     "Model: weights[1]: row 0, column 0: " + LONG),
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


# The whole sweep, 106 cases and a second: under the long marker (.ci/run); test_model.py
# and the tests below hold the Model's checks in the README's command.
@pytest.mark.long
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
        assert_plain(model)             # tuples and numpy values taken as lists and numbers
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


def assert_plain(model):
    """Every field of ``model`` in lists, dicts and Python's numbers and texts."""
    def plain(value, depth):
        if isinstance(value, MinMax):
            return plain(value.low, 1) and plain(value.high, 1)
        if isinstance(value, dict):
            return all(plain(v, depth - 1) for v in value.values())
        if isinstance(value, list):
            return depth > 0 and all(plain(v, depth - 1) for v in value)
        return type(value) in (float, int, bool, str, type(None))
    for field, depth in (("layers", 1), ("weights", 3), ("bias", 0), ("inputs", 1),
                         ("targets", 1), ("classes", 1), ("scaling", 1), ("training", 1),
                         ("split", 2)):
        assert plain(getattr(model, field), depth), (field, getattr(model, field))


def test_numpy_values_and_tuples_are_taken_when_the_model_is_made_as_when_it_is_used():
    """One rule, train's: tuples and numpy arrays as lists, numpy numbers as Python's."""
    arguments = numbers_arguments()
    arguments.update(
        layers=NP([3, 2, 1], "np.array"), bias=NP(True, "np.bool_"),
        weights=[NP(arguments["weights"][0], "np.array"), ((NP(1.5),), (-2.0,))],
        inputs=("a", "b", "bias"), targets=NP(["y"], "np.array"),
        scaling={"inputs": MinMax((NP(0, "np.int64"), 0), [1, NP(2.0)]),
                 "targets": MinMax([0], [10])},
        training=dict(arguments["training"], lr=NP(1.0, "np.float64"),
                      iterations=NP(3, "np.int64")),
        split=dict(SPLIT, seed=NP(1, "np.int64"), held_out=NP([2], "np.array")))
    model = Model(**arguments)
    assert_plain(model)
    assert model.as_dict() == numbers_model().as_dict()
    classes = Model([2, 2], [[[1.0, -1.0], [0.0, 0.5]]], loss="softmax", classes=("cat", "dog"),
                    targets=("label",), inputs=NP(["a", "b"], "np.array"))
    assert (classes.classes, classes.targets, classes.inputs) == (["cat", "dog"], ["label"],
                                                                  ["a", "b"])


def test_a_field_set_after_is_replaced_by_its_plain_copy_not_changed():
    model = numbers_model()
    rows = [[NP(0.5), -0.25], [1.0, 0.75], [-0.5, 0.125]]
    model.weights[0] = rows
    model.split = dict(SPLIT, held_out=(2,))
    split = model.split
    before = model.predict([[0.5, 1.0]])
    assert model.weights[0] is not rows and repr(rows[0][0]) == "np.float32(0.5)"
    assert model.split is not split and split["held_out"] == (2,)
    assert type(model.weights[0][0][0]) is float and model.split["held_out"] == [2]
    # a plain field is kept as it is: a change made in it after is seen
    weights = model.weights
    model.weights[1][0][0] = 0.0
    assert model.weights is weights and model.predict([[0.5, 1.0]]) != before


def test_as_dict_is_a_copy():
    model = numbers_model()
    before = model.as_dict()
    document = model.as_dict()
    document["weights"][0][0][0] = "x"
    document["weights"][1].append([1.0])
    document["layers"].append(5)
    for key in ("inputs", "targets"):
        document[key][0] = "changed"
    document["scaling"]["inputs"]["min"][0] = NAN
    document["training"]["lr"] = NAN
    document["split"]["held_out"].append(3)
    document["split"]["seed"] = None
    assert model.as_dict() == before
    classes = classes_model()
    classes.as_dict()["classes"][0] = "lion"
    assert classes.classes == ["cat", "dog"]


def test_the_model_keeps_its_own_copies_of_what_it_is_given():
    arguments = numbers_arguments()
    model = Model(**arguments)
    before = model.as_dict()
    arguments["inputs"][0] = "changed"
    arguments["targets"].append("z")
    arguments["scaling"]["inputs"].low[0] = NAN
    arguments["scaling"]["targets"] = None
    arguments["training"]["lr"] = [1]
    arguments["split"]["held_out"].append(3)
    arguments["split"]["seed"] = None
    arguments["weights"][1][0][0] = NAN
    assert model.as_dict() == before
    classes = ["cat", "dog"]
    model = Model([2, 2], [[[1.0, -1.0], [0.0, 0.5]]], loss="softmax", classes=classes)
    classes[0] = "dog"
    assert model.outputs == ["cat", "dog"]


@pytest.mark.parametrize("change, words", [
    ({"layers": [3, 10000, 10000, 1]}, "Model: layers: 3,10000,10000,1 would need"),
    ({"layers": None}, "Model: layers: expected a list of layer sizes"),
    ({"layers": [3]}, "Model: layers: need at least an input and an output size"),
    ({"layers": [3, 0, 1]}, "Model: layers: 0 is not a positive whole number"),
    ({"weights": None}, "Model: weights: expected a list of weight matrices"),
    ({"weights": [[[NAN, 1.0]]]}, "Model: weights[0]: row 0, column 0: nan is not a finite"),
    ({"layers": [3, 3, 1]}, "Model: weights: their shapes do not fit layers [3, 3, 1]"),
    ({"loss": "x"}, "Model: loss: unknown convention 'x'"),
    ({"loss": "softmax"}, "Model: loss softmax needs 2 or more outputs"),
    ({"activation": None}, "Model: activation: unknown activation None"),
    ({"bias": 1}, "Model: bias: 1 is not True or False"),
    ({"inputs": ("a", "b")}, "Model: inputs: expected a list of 3 names"),
    ({"targets": 5}, "Model: targets: expected a list of 1 name"),
    ({"classes": ("a", "b")}, "Model: classes must be a list of 1 name"),
    ({"scaling": 5}, "Model: scaling: expected a dict"),
    ({"training": {"lr": NP(INF)}}, "Model: training 'lr': inf"),
    ({"split": {}}, "Model: \"split\" must be null"),
    # every number that reaches the file: refused when the Model is made, not at save
    ({"split": dict(SPLIT, seed=10 ** 150)}, "Model: \"split\" seed: " + LONG),
    ({"split": dict(SPLIT, rows=10 ** 101, training_rows=10 ** 101 - 1)},
     "Model: \"split\" rows: " + LONG),
    ({"split": dict(SPLIT, held_out=[-10 ** 100])}, "Model: \"split\" held_out[0]: " + LONG),
    ({"training": {"seed": 10 ** 150}}, "Model: training 'seed': " + LONG),
    ({"scaling": {"inputs": MinMax([0, 0], [1, 10 ** 100]), "targets": None}},
     "Model: scaling of inputs, column 2 (b): \"max\" is " + LONG),
    ({"weights": [[[0.5, 1], [10 ** 100, 1], [1, 1]], [[1], [1]]]},
     "Model: weights[0]: row 1, column 0: " + LONG),
])
def test_every_refusal_of_the_constructor_starts_with_model(change, words):
    arguments = numbers_arguments()
    arguments.update(change)
    message = refused(lambda: Model(**arguments), words)
    assert message.startswith("Model: ")


def test_numbers_of_100_digits_save_and_load_back_either_sign(tmp_path):
    """The file's limit counts digits, not the minus sign."""
    largest = 10 ** 100 - 1
    model = Model([2, 1], [[[-largest], [largest]]],
                  split=dict(SPLIT, seed=-largest), training={"seed": -largest})
    save(model, str(tmp_path / "m.json"))
    assert load(str(tmp_path / "m.json")).as_dict() == model.as_dict()


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
        refused(lambda: Model([3, 1], weights), "Model: weights[0]: row ")


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
    ("weights", [[[True], [False], [True]]], "Model: weights[0]: row 0, column 0: True"),
    ("layers", [3, 2], "Model: weights: their shapes do not fit layers [3, 2]"),
    ("layers", None, "layers: expected a list of layer sizes like [3, 4, 1], got None"),
])
def test_a_training_changed_by_hand_is_refused_by_from_training(field, value, words):
    X, y = load_data("seed")
    result = train(X, y, iterations=3)
    setattr(result, field, value)
    refused(lambda: Model.from_training(result), words)


# Whole numbers too long for a model file, and past CPython's 4300 digits for a
# text (str(10 ** 5000) raises ValueError): in every place a Model holds a number,
# in every nesting, given to the constructor and set by hand.
HUGE = (10 ** 5000, -10 ** 5000, 10 ** 4000, 10 ** 100)


def _huge_places():
    """(name, the Model's arguments, fields changed): ``n`` put in one place."""
    def place(path):
        def put(arguments, n):
            *way, last = path
            where = arguments
            for step in way:
                where = getattr(where, step) if isinstance(step, str) and isinstance(
                    where, MinMax) else where[step]
            if isinstance(where, MinMax):
                setattr(where, last, n)
            else:
                where[last] = n
        return put
    paths = [("layers", 0), ("layers", 1), ("layers", 2), ("weights", 0, 1, 0),
             ("weights", 1, 0, 0), ("scaling", "inputs", "low", 1),
             ("scaling", "inputs", "high", 0), ("scaling", "targets", "low", 0),
             ("scaling", "targets", "high", 0), ("training", "seed"), ("training", "lr"),
             ("inputs", 0), ("targets", 0), ("split", "held_out", 0)]
    paths += [("split", key) for key in ("test_fraction", "seed", "stratified", "rows",
                                         "training_rows", "held_out_rows", "held_out")]
    paths += [(field,) for field in ("layers", "weights", "loss", "activation", "bias",
                                     "inputs", "targets", "scaling", "training", "split")]
    places = [("/".join(str(p) for p in path), place(path)) for path in paths]
    places += [
        ("training key", lambda arguments, n: arguments["training"].__setitem__(n, 1)),
        ("training list", lambda arguments, n: arguments["training"].__setitem__("lr", [n])),
        ("training NP", lambda arguments, n: arguments["training"].__setitem__(
            "seed", NP(n, "np.int64"))),
        ("scaling key", lambda arguments, n: arguments["scaling"].__setitem__(n, None)),
        ("split key", lambda arguments, n: arguments["split"].__setitem__(n, 1)),
        ("weights NP", lambda arguments, n: arguments["weights"][0][0].__setitem__(
            0, NP(n, "np.int64"))),
        ("classes", lambda arguments, n: arguments.update(classes=[n, "dog"], layers=[3, 2, 2],
                                                          weights=[[[0.5] * 2] * 3] * 2)),
    ]
    return places


HUGE_CASES = [(name, put, n) for name, put in _huge_places() for n in HUGE]


def _huge_id(case):
    name, put, n = case
    digits = {10 ** 5000: "10**5000", -10 ** 5000: "-10**5000", 10 ** 4000: "10**4000",
              10 ** 100: "10**100"}
    return "%s=%s" % (name, digits[n])


# 152 cases, a second: under the long marker (.ci/run).
@pytest.mark.long
@pytest.mark.parametrize("case", HUGE_CASES, ids=[_huge_id(case) for case in HUGE_CASES])
def test_a_huge_whole_number_anywhere_is_one_short_refusal_made_or_set(case, tmp_path):
    name, put, n = case
    arguments = numbers_arguments()
    put(arguments, n)
    made = refused(lambda: Model(**arguments), "Model: ")
    assert len(made) < 330, made
    model = numbers_model()
    changed = numbers_arguments()
    put(changed, n)
    for field, value in changed.items():
        setattr(model, field, value)
    shown = repr(model)                             # never an error, and short
    assert shown.startswith("<Model ") and len(shown) < 400, shown
    path = str(tmp_path / "m.json")
    messages = set()
    for call in (lambda: model.predict([[0.5, 1.0]]), model.as_dict,
                 lambda: model.predict_classes([[0.5]]), lambda: to_text(model, path),
                 lambda: model_svg(model), lambda: save(model, path)):
        message = refused(call, "Model: ")
        assert len(message) < 330 + len(path), message
        messages.add(message)
    assert not os.path.exists(path) and model._repr_svg_() is None
    for prop in ("outputs", "data_inputs"):         # the names: refused or given
        try:
            getattr(model, prop)
        except PurebpError as error:
            assert len(str(error)) < 330 and str(error) in messages
    said = [m for m in messages if not m.startswith(path)][0]
    if name == "weights" or not name.startswith("weights"):     # repr checks no weight
        assert said in shown                        # the repr says what is wrong
    if name.startswith(("layers", "weights/", "training/", "scaling/", "split/")):
        assert said == made                         # made or set: the same words
