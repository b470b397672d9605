"""Saved models: one JSON document, written atomically, read with suspicion.

A model file holds everything needed to predict again in a new process:

    {"format": "purebp-model", "version": 2, "purebp_version": "0.1.0",
     "layers": [3, 4, 1], "activation": "sigmoid", "loss": "half-sse",
     "inputs": ["size", "rooms", "bias"], "targets": ["price"], "bias": true,
     "scaling": {"inputs": null, "targets": null},
     "weights": [...], "training": {"data": "houses.csv", "seed": 1, ...}}

``"bias": true`` says the model adds the bias input itself (the last of
``inputs``, always 1): ``predict`` takes the other inputs and appends it,
after scaling them (see ``purebp.columns``). Version 1 files, written
before purebp added a bias to CSV data, have no ``"bias"`` key; they load
and predict exactly as before (they have no bias: the user gives every
input). ``training["final_metric"]`` is the metric of the trained weights
on the training data (in the units training saw), not the last report;
with held-out rows, ``training["held_out_metric"]`` is theirs.

**Classes.** A model of a label column has ``"classes"``: the names of
its outputs, in their order (``purebp.classes``), and ``"targets"`` names
the one label column; ``predict_classes`` turns outputs into class names.
``"split"`` records the rows held out of training (``--test-fraction``):
``test_fraction``, ``seed``, ``stratified`` (by class), the counts
``rows``, ``training_rows`` and ``held_out_rows``, and ``held_out``, the
held-out row numbers (0 is the first row of data, after a header). Both
are null for other models, and may be missing from a version 2 file
written before them.
``"activation"`` is the hidden layers' (``sigmoid``, ``tanh``, ``relu``),
``"loss"`` the loss trained with, which also decides the output layer's
activation (softmax for ``softmax``): ``predict`` computes exactly what
training computed. ``training`` records the schedule too: ``iterations``
(steps), ``epochs`` and ``batch_size`` (null: full batch).

``save`` writes a temporary file in the same folder, flushes and fsyncs it,
then renames it over the target, so a crash or a full disk never leaves a
half-written model where a good one was. ``load`` checks every key, shape,
name and number, and is the only way a file becomes a ``Model``; model
files are JSON only, never pickled, evaluated or imported. Every check is
linear in the size of the file.

>>> import os, tempfile
>>> from purebp import load_data, train
>>> X, y = load_data("xor")
>>> model = Model.from_training(train(X, y, layers=[3, 4, 1], iterations=3000), data="xor")
>>> path = os.path.join(tempfile.mkdtemp(), "xor.json")
>>> save(model, path)
>>> again = load(path)
>>> again.predict([[1, 0, 1]]) == model.predict([[1, 0, 1]])
True
"""

import json

from . import __version__, checks
from .columns import BIAS, add_bias, given_inputs, bad_character
from .errors import PurebpError, plural, show, type_name
from .files import MAX_MODEL_BYTES, file_path, read_text, write_atomically
from .activations import HIDDEN
from .losses import LOSS_NAMES, LOSSES
from .model_check import (MAX_DIGITS, SPLIT_KEYS, check_fields, class_names, is_int, matrix,
                          long_weights, names, scaler, shown, split as check_split,
                          taken)
from .network import Training, evaluate, predict

FORMAT = "purebp-model"
VERSION = 2
KEYS = ("format", "version", "purebp_version", "layers", "activation", "loss",
        "inputs", "targets", "bias", "classes", "scaling", "weights", "training", "split")
OPTIONAL = ("classes", "split")     # version 2 files written before them lack them
_KEYS_BY_VERSION = {1: tuple(key for key in KEYS if key not in ("bias",) + OPTIONAL),
                    2: KEYS}


class Model:
    """A trained network with what it needs to predict: names, scaling, the bias.

    ``inputs`` are the network's inputs, ``bias`` last if the model adds it
    (``bias=True``); ``data_inputs`` are the ones a user gives values for.
    It takes what ``train`` takes (tuples and numpy arrays as lists, numpy
    numbers as Python's), when it is made and in a field set after, and
    keeps its own copies: the caller's lists may change after.
    """

    def __init__(self, layers, weights, loss="half-sse", inputs=None, targets=None,
                 scaling=None, training=None, bias=False, activation="sigmoid", classes=None,
                 split=None):
        layers = checks.layer_sizes(layers, "Model: layers")
        weights = taken(weights, 3, copy=True)
        long_weights(weights)
        weights = checks.weight_matrices(weights, "Model")
        if [len(weights[0])] + [len(syn[0]) for syn in weights] != layers:
            raise PurebpError("Model: weights: their shapes do not fit layers %s" % show(layers))
        checks.choice(loss, LOSS_NAMES, "Model: loss", "convention")
        if layers[-1] < LOSSES[loss].outputs:
            raise PurebpError("Model: loss %s needs %d or more outputs, but layers ends in %d"
                              % (loss, LOSSES[loss].outputs, layers[-1]))
        checks.choice(activation, HIDDEN, "Model: activation", "activation")
        bias = checks.flag(bias, "Model: bias")
        if classes is not None and targets is None:
            targets = ["class"]
        if inputs is None:
            n = layers[0] - 1 if bias else layers[0]
            inputs = ["x%d" % (i + 1) for i in range(n)] + ([BIAS] if bias else [])
        if targets is None:
            targets = ["y%d" % (i + 1) if layers[-1] > 1 else "y" for i in range(layers[-1])]
        self.layers = layers
        self.loss = loss
        self.activation = activation
        self.bias = bias
        # Copies, in lists and Python numbers (tuples and numpy taken as train takes
        # them): the caller's lists may change after, and the Model's do not.
        self.weights = [[list(row) for row in syn] for syn in weights]
        self.inputs, self.targets, self.classes = (taken(names, 1, copy=True)
                                                   for names in (inputs, targets, classes))
        self.scaling = taken({"inputs": None, "targets": None} if scaling is None else scaling,
                             3, copy=True)
        self.training = taken({} if training is None else training, 1, copy=True)
        self.split = taken(split, 2, copy=True)
        check_fields(self)

    def __repr__(self):
        """The sizes, inputs and loss; never an error: a field changed into
        something else is shown as it is, with what is wrong with it."""
        try:
            check_fields(self, numbers=False)
        except PurebpError as error:
            return "<Model layers=%s inputs=%s loss=%s: %s>" % (
                _shown_field(self, "layers"), _shown_field(self, "inputs"),
                _shown_field(self, "loss"), error)
        return "<Model layers=%s inputs=%s loss=%s>" % (
            ",".join(str(n) for n in self.layers), ",".join(self.inputs), self.loss)

    def _repr_svg_(self):
        """Jupyter shows a Model as its network, with its inputs and outputs
        named; None (Jupyter shows the repr, which says why) if its fields
        no longer hold together."""
        try:
            check_fields(self)
        except PurebpError:
            return None
        from .notebook import model_svg
        return model_svg(self)._repr_svg_()

    @property
    def outputs(self):
        """The names of the outputs: the classes, or the targets."""
        check_fields(self, numbers=False)
        return list(self.classes) if self.classes else list(self.targets)

    def predict_classes(self, outputs):
        """The predicted class of each row of ``outputs``: the largest output's
        (``np.argmax``); None for a model without classes.

        >>> m = Model([2, 2], [[[1.0, -1.0], [0.0, 0.0]]], loss="softmax",
        ...           classes=["cat", "dog"])
        >>> m.predict_classes(m.predict([[1.0, 0.0], [-1.0, 0.0]]))
        ['cat', 'dog']
        """
        check_fields(self)
        if not self.classes:
            return None
        outputs = checks.finite_matrix(outputs, "predict_classes", "outputs")
        if len(outputs[0]) != len(self.classes):
            raise PurebpError("predict_classes: outputs have %s, but the model has %s, one "
                              "output each" % (plural(len(outputs[0]), "column"),
                                               plural(len(self.classes), "class", "classes")))
        from .classes import class_indexes
        return [self.classes[j] for j in class_indexes(outputs)]

    @property
    def data_inputs(self):
        """The inputs a user gives: all but the bias the model adds."""
        check_fields(self, numbers=False)
        return given_inputs(self.inputs, self.bias)

    @classmethod
    def from_training(cls, result, data=None, inputs=None, targets=None, scaling=None,
                      bias=False, X=None, y=None, table=None, split=None, held_out=None,
                      classes=None):
        """The model of a ``train`` result.

        ``table`` (a ``csvdata.Table``) gives the names, scaling, bias,
        classes and training data at once (``X`` and ``y`` given as well
        win: the rows trained on, when some were held out). With the
        training data, ``training["final_metric"]`` records the metric of
        the trained weights on them; with ``held_out`` (``(X, y)``),
        ``training["held_out_metric"]`` on those; ``split`` is recorded as
        it is given (see the module's text).
        """
        if not isinstance(result, Training):
            raise PurebpError("Model.from_training: result: expected what train returns "
                              "(a Training), got %s" % type_name(result))
        if not (isinstance(result.settings, dict)
                and all(key in result.settings for key in ("loss", "metric"))):
            # A Training is not checked again (docs/api.md): one changed by hand is named here.
            raise PurebpError("Model.from_training: result: its settings are not what train "
                              "records (the loss, the metric, ...), got %s" % show(result.settings))
        if data is not None and not isinstance(data, str):
            raise PurebpError("Model.from_training: data: expected the data's name (a text) or "
                              "None, got %s" % show(data))
        if (X is None) != (y is None):
            raise PurebpError("Model.from_training: give X and y together (the rows trained "
                              "on, for the final metric), or neither")
        if held_out is not None and not (isinstance(held_out, (tuple, list))
                                         and len(held_out) == 2):
            raise PurebpError("Model.from_training: held_out: expected (X, y), the rows held "
                              "out, got %s" % show(held_out))
        if table is not None:
            from .csvdata import Table
            if not isinstance(table, Table):
                raise PurebpError("Model.from_training: table: expected a csvdata.Table (what "
                                  "read_csv returns), got %s" % type_name(table))
            inputs, targets, scaling = table.inputs, table.targets, table.scaling
            bias, classes = table.bias, table.classes
            if X is None and y is None:
                X, y = table.X, table.y
        training = dict(result.settings)
        training["data"] = data
        activation = training.pop("activation", "sigmoid")
        if X is not None and y is not None:
            training["final_metric"] = evaluate(result.weights, X, y, training["metric"],
                                                activation, training["loss"])
        if held_out is not None:
            training["held_out_metric"] = evaluate(result.weights, held_out[0], held_out[1],
                                                   training["metric"], activation,
                                                   training["loss"])
        return cls(result.layers, result.weights, result.settings["loss"], inputs, targets,
                   scaling, training, bias, activation, classes, split)

    def predict(self, X):
        """Outputs for raw inputs ``X``, one column per ``data_inputs``: scaled
        as in training, the bias appended, outputs scaled back after."""
        check_fields(self)          # a field may have changed since the Model was made
        X = checks.finite_matrix(X, "predict", "X")
        given = given_inputs(self.inputs, self.bias)
        if len(X[0]) != len(given):
            raise PurebpError("predict: X has %s, but the model takes %s (%s)"
                              % (plural(len(X[0]), "column"), plural(len(given), "input"),
                                 ", ".join(given)))
        if self.scaling["inputs"] is not None:
            X = self.scaling["inputs"].scale(X)
        if self.bias:
            X = add_bias(X)
        outputs = predict(self.weights, X, self.activation, self.loss)
        if self.scaling["targets"] is not None:
            outputs = self.scaling["targets"].unscale(outputs)
        return outputs

    def as_dict(self):
        """The model file's document (``save`` writes it as JSON): a copy,
        which may be changed without changing the Model."""
        check_fields(self)
        scaling = dict((part, None if s is None else s.as_dict())
                       for part, s in self.scaling.items())
        document = taken({"format": FORMAT, "version": VERSION, "purebp_version": __version__,
                          "layers": self.layers, "activation": self.activation,
                          "loss": self.loss, "inputs": self.inputs, "targets": self.targets,
                          "bias": self.bias, "classes": self.classes, "scaling": scaling,
                          "training": self.training, "split": self.split}, 4, copy=True)
        document["weights"] = [[list(row) for row in syn] for syn in self.weights]
        return document


def save(model, path):
    """Write ``model`` to ``path`` atomically; raise ``SaveError`` if it cannot."""
    path = file_path(path)
    write_atomically(path, to_text(model, path), "model")


def to_text(model, path):
    """The text of ``model``'s file (``path`` only names it in an error)."""
    if not isinstance(model, Model):
        raise PurebpError("save: model: expected a Model, got %s" % type_name(model))
    try:
        check_fields(model)         # again: a field may have changed since the Model was made
    except PurebpError as error:
        raise PurebpError("%s: the model would not load back (%s); not saved" % (path, error))
    try:
        # One key a line, each value compact on it: small files, readable diffs.
        lines = ['  %s: %s' % (json.dumps(key), json.dumps(value, allow_nan=False))
                 for key, value in sorted(model.as_dict().items(), key=lambda kv: KEYS.index(kv[0]))]
    except ValueError:
        raise PurebpError("%s: the model has a weight that is NaN or infinite; not saved" % path)
    except TypeError as error:      # a field changed after the Model was made: a set, ...
        raise PurebpError("%s: the model holds what a model file cannot (%s); not saved"
                          % (path, error))
    text = "{\n" + ",\n".join(lines) + "\n}\n"
    try:
        # Read back as load would: a field changed after the Model was made
        # (model.inputs = ...) is refused here, not in a file load refuses.
        from_text(text)
    except PurebpError as error:
        raise PurebpError("%s: the model would not load back (%s); not saved" % (path, error))
    return text


def load(path):
    """Read and check a model file; return a ``Model``."""
    path = file_path(path)
    text = read_text(path, "model file", MAX_MODEL_BYTES)
    try:
        return from_text(text)
    except PurebpError as error:
        raise PurebpError("%s: %s" % (path, error))


def from_text(text):
    """The ``Model`` of a model file's text, checked as ``load`` checks it."""
    try:
        document = json.loads(text, parse_constant=_refuse_constant, parse_int=_parse_int,
                              object_pairs_hook=_no_duplicates)
    except RecursionError:
        raise PurebpError("not a purebp model: JSON nested too deeply")
    except PurebpError:
        raise
    except ValueError as error:   # json's JSONDecodeError, and over-long integers
        raise PurebpError("not a purebp model: not valid JSON (%s)" % error)
    return from_dict(document)


def from_dict(document):
    """Check a model's JSON document, key by key; return the ``Model``."""
    if not isinstance(document, dict):
        raise PurebpError("not a purebp model: the file holds a JSON %s, not an object"
                          % _json_type(document))
    if document.get("format") != FORMAT:
        raise PurebpError("not a purebp model: \"format\" is %s, not %r"
                          % (shown(document.get("format")), FORMAT))
    version = document.get("version")
    if not is_int(version) or version not in _KEYS_BY_VERSION:
        raise PurebpError("model format version %s: this purebp reads versions 1 and 2%s"
                          % (shown(version), ", written as whole numbers"
                             if isinstance(version, float) else ""))
    keys = _KEYS_BY_VERSION[version]
    missing = [key for key in keys if key not in document and key not in OPTIONAL]
    if missing:
        raise PurebpError("model is missing %s" % ", ".join(repr(k) for k in missing))
    extra = sorted(key for key in document if key not in keys)
    if extra:
        raise PurebpError("model has unknown %s: %s" % (
            "key" if len(extra) == 1 else "keys", _some(extra)))
    if not isinstance(document["purebp_version"], str):
        raise PurebpError("model \"purebp_version\" is not a string")
    if bad_character(document["purebp_version"]) is not None:
        raise PurebpError("model \"purebp_version\" holds the control character %r"
                          % bad_character(document["purebp_version"]))
    layers = document["layers"]
    if (not isinstance(layers, list) or len(layers) < 2
            or not all(is_int(n) and n >= 1 for n in layers)):
        raise PurebpError("model \"layers\" is not a list of two or more positive whole numbers")
    if document["activation"] not in HIDDEN:
        raise PurebpError("model activation %s: purebp knows %s"
                          % (shown(document["activation"]), ", ".join(HIDDEN)))
    if document["loss"] not in LOSS_NAMES:
        raise PurebpError("model loss %s: purebp knows %s"
                          % (shown(document["loss"]), ", ".join(LOSS_NAMES)))
    if layers[-1] < LOSSES[document["loss"]].outputs:
        raise PurebpError("model loss %s needs %d or more outputs, but \"layers\" ends in %d"
                          % (shown(document["loss"]), LOSSES[document["loss"]].outputs,
                             layers[-1]))
    bias = document.get("bias", False)      # version 1: no bias
    if not isinstance(bias, bool):
        raise PurebpError("model \"bias\" is %s, not true or false" % shown(bias))
    classes = document.get("classes")
    if classes is not None:
        classes = class_names(classes, layers[-1], "model \"classes\"")
    inputs = names(document["inputs"], layers[0], "inputs")
    targets = names(document["targets"], 1 if classes else layers[-1], "targets")
    both = set(inputs) & set(targets)
    if both:
        raise PurebpError("model name %r is both an input and a target" % sorted(both)[0])
    if bias and (layers[0] < 2 or inputs[-1] != BIAS):
        raise PurebpError("model \"bias\" is true, so \"inputs\" must end with %r after at "
                          "least one other input" % BIAS)
    scaling = document["scaling"]
    if not isinstance(scaling, dict) or sorted(scaling) != ["inputs", "targets"]:
        raise PurebpError("model \"scaling\" must be an object with \"inputs\" and \"targets\"")
    scalers = {"inputs": scaler(scaling["inputs"], given_inputs(inputs, bias), "inputs",
                                 version),
               "targets": scaler(scaling["targets"], targets, "targets", version)}
    if classes and scalers["targets"] is not None:
        raise PurebpError("model has classes, so its targets are one-hot: \"scaling\" of "
                          "targets must be null")
    weights = document["weights"]
    if not isinstance(weights, list) or len(weights) != len(layers) - 1:
        raise PurebpError("model \"weights\" must be a list of %s, one per layer pair"
                          % plural(len(layers) - 1, "matrix", "matrices"))
    for k, syn in enumerate(weights):
        matrix(syn, layers[k], layers[k + 1], "weights[%d]" % k)
    training = document["training"]
    if not isinstance(training, dict):
        raise PurebpError("model \"training\" is not an object")
    for key in sorted(training):
        if isinstance(training[key], (list, dict)):
            raise PurebpError("model \"training\" %r is a JSON %s; its values are numbers, "
                              "strings, true, false or null" % (key, _json_type(training[key])))
    split = check_split(document.get("split"))
    return Model(layers, weights, document["loss"], inputs, targets, scalers, training, bias,
                 document["activation"], classes, split)


# --- private helpers ---------------------------------------------------------------

def _refuse_constant(name):
    raise PurebpError("not a purebp model: JSON has %s, which is not a finite number" % name)


def _parse_int(digits):
    count = len(digits.lstrip("-"))     # -(10 ** 100 - 1) has 100 digits, as a Model takes
    if count > MAX_DIGITS:
        raise PurebpError("not a purebp model: JSON has a number with %d digits" % count)
    return int(digits)


def _no_duplicates(pairs):
    """The object of JSON ``pairs``, refusing a key given twice (in linear time)."""
    document = dict(pairs)
    if len(document) != len(pairs):
        seen = set()
        for key, value in pairs:
            if key in seen:
                raise PurebpError("not a purebp model: the key %r appears twice" % key)
            seen.add(key)
    return document


def _json_type(value):
    return {list: "array", dict: "object", str: "string", bool: "boolean",
            type(None): "null"}.get(type(value), "number")


def _some(keys, most=5):
    """Up to ``most`` keys for a message, and how many more there are."""
    some = ", ".join(repr(key) for key in keys[:most])
    return some if len(keys) <= most else "%s and %d more" % (some, len(keys) - most)


def _shown_field(model, key):
    """A field for ``repr``, as it is, cut short (a field deleted: None)."""
    try:
        return show(getattr(model, key, None))
    except Exception:       # a value whose own repr fails
        return "a %s" % type(getattr(model, key, None)).__name__
