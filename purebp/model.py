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
import math

from . import __version__, checks
from .columns import BIAS, add_bias, given_inputs, name_problem, bad_character
from .errors import PurebpError, plural, show, type_name
from .files import MAX_MODEL_BYTES, file_path, read_text, write_atomically
from .activations import HIDDEN
from .losses import LOSS_NAMES, LOSSES
from .network import Training, evaluate, predict
from .scaling import MinMax, range_problem

FORMAT = "purebp-model"
VERSION = 2
KEYS = ("format", "version", "purebp_version", "layers", "activation", "loss",
        "inputs", "targets", "bias", "classes", "scaling", "weights", "training", "split")
OPTIONAL = ("classes", "split")     # version 2 files written before them lack them
_KEYS_BY_VERSION = {1: tuple(key for key in KEYS if key not in ("bias",) + OPTIONAL),
                    2: KEYS}
SPLIT_KEYS = ("test_fraction", "seed", "stratified", "rows", "training_rows", "held_out_rows",
              "held_out")


class Model:
    """A trained network with what it needs to predict: names, scaling, the bias.

    ``inputs`` are the network's inputs, ``bias`` last if the model adds it
    (``bias=True``); ``data_inputs`` are the ones a user gives values for.
    """

    def __init__(self, layers, weights, loss="half-sse", inputs=None, targets=None,
                 scaling=None, training=None, bias=False, activation="sigmoid", classes=None,
                 split=None):
        layers, weights = checks.layer_sizes(layers), checks.weight_matrices(weights, "Model")
        if [len(weights[0])] + [len(syn[0]) for syn in weights] != layers:
            raise PurebpError("Model: weights: their shapes do not fit layers %s" % show(layers))
        checks.choice(loss, LOSS_NAMES, "loss", "convention")
        if layers[-1] < LOSSES[loss].outputs:
            raise PurebpError("Model: loss %s needs %d or more outputs, but layers ends in %d"
                              % (loss, LOSSES[loss].outputs, layers[-1]))
        checks.choice(activation, HIDDEN, "activation", "activation")
        bias = checks.flag(bias, "bias")
        if classes is not None:
            classes = _class_names(classes, layers[-1], "Model: classes")
            if targets is None:
                targets = ["class"]
        self.layers = list(layers)
        self.weights = weights
        self.loss = loss
        self.activation = activation
        self.bias = bias
        if inputs is None:
            n = self.layers[0] - 1 if bias else self.layers[0]
            inputs = ["x%d" % (i + 1) for i in range(n)] + ([BIAS] if bias else [])
        self.inputs = inputs
        self.targets = targets if targets is not None else [
            "y%d" % (i + 1) if self.layers[-1] > 1 else "y" for i in range(self.layers[-1])]
        self.scaling = {"inputs": None, "targets": None} if scaling is None else scaling
        self.training = {} if training is None else training
        self.classes = classes
        self.split = split
        _check_fields(self)

    def __repr__(self):
        return "<Model layers=%s inputs=%s loss=%s>" % (
            ",".join(str(n) for n in self.layers), ",".join(self.inputs), self.loss)

    def _repr_svg_(self):
        """Jupyter shows a Model as its network, with its inputs and outputs named."""
        from .notebook import model_svg
        return model_svg(self)._repr_svg_()

    @property
    def outputs(self):
        """The names of the outputs: the classes, or the targets."""
        return list(self.classes) if self.classes else list(self.targets)

    def predict_classes(self, outputs):
        """The predicted class of each row of ``outputs``: the largest output's
        (``np.argmax``); None for a model without classes.

        >>> m = Model([2, 2], [[[1.0, -1.0], [0.0, 0.0]]], loss="softmax",
        ...           classes=["cat", "dog"])
        >>> m.predict_classes(m.predict([[1.0, 0.0], [-1.0, 0.0]]))
        ['cat', 'dog']
        """
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
        _check_fields(self)         # a field may have changed since the Model was made
        X = checks.finite_matrix(X, "predict", "X")
        names = self.data_inputs
        if len(X[0]) != len(names):
            raise PurebpError("predict: X has %s, but the model takes %s (%s)"
                              % (plural(len(X[0]), "column"), plural(len(names), "input"),
                                 ", ".join(names)))
        if self.scaling["inputs"] is not None:
            X = self.scaling["inputs"].scale(X)
        if self.bias:
            X = add_bias(X)
        outputs = predict(self.weights, X, self.activation, self.loss)
        if self.scaling["targets"] is not None:
            outputs = self.scaling["targets"].unscale(outputs)
        return outputs

    def as_dict(self):
        scaling = dict((part, None if s is None else s.as_dict())
                       for part, s in self.scaling.items())
        return {"format": FORMAT, "version": VERSION, "purebp_version": __version__,
                "layers": self.layers, "activation": self.activation, "loss": self.loss,
                "inputs": self.inputs, "targets": self.targets, "bias": self.bias,
                "classes": self.classes, "scaling": scaling, "weights": self.weights,
                "training": self.training, "split": self.split}


def _check_fields(model):
    """Refuse in a ``Model`` what ``load`` refuses in a file (names, the
    bias, scaling, training, split), so that ``save`` writes only what
    ``load`` reads back, and ``predict`` finds scaling it can use. Run when
    the Model is made, and again by ``predict`` and ``save``: a field may
    have been changed since."""
    for key, count in (("inputs", model.layers[0]),
                       ("targets", 1 if model.classes else model.layers[-1])):
        value = getattr(model, key)
        if not (isinstance(value, list) and len(value) == count
                and all(isinstance(v, str) for v in value)):
            raise PurebpError("Model: %s: expected a list of %s, got %s"
                              % (key, plural(count, "name"), show(value)))
        _plain_and_distinct(value, "Model: %s" % key, "name")
    for key in ("scaling", "training", "split"):
        value = getattr(model, key)
        if not isinstance(value, dict) and (key != "split" or value is not None):
            raise PurebpError("Model: %s: expected a dict, got %s" % (key, show(value)))
    both = set(model.inputs) & set(model.targets)
    if both:
        raise PurebpError("Model: the name %r is both an input and a target" % sorted(both)[0])
    if model.bias and (model.layers[0] < 2 or model.inputs[-1] != BIAS):
        raise PurebpError("Model: bias is True, so inputs must end with %r after at least one "
                          "other input" % BIAS)
    scaling = model.scaling
    if sorted(scaling) != ["inputs", "targets"]:
        raise PurebpError("Model: scaling: expected a dict of \"inputs\" and \"targets\", "
                          "got the keys %s" % ", ".join(repr(k) for k in sorted(scaling, key=str)))
    for part, names in (("inputs", model.data_inputs), ("targets", model.targets)):
        scaler = scaling[part]
        if scaler is None:
            continue
        if not isinstance(scaler, MinMax):
            raise PurebpError("Model: scaling of %s: expected a MinMax or None, got %s"
                              % (part, show(scaler)))
        try:
            _scaler({"min": scaler.low, "max": scaler.high}, names, part, VERSION)
        except PurebpError as error:
            raise PurebpError("Model: %s" % str(error)[len("model "):])
    if model.classes and scaling["targets"] is not None:
        raise PurebpError("Model: classes make the targets one-hot: scaling of targets must be "
                          "None")
    for key in sorted(model.training, key=str):
        value = model.training[key]
        if _is_int(value) and abs(value) >= 10 ** 100:
            raise PurebpError("Model: training %s: a number of more than 100 digits; a model "
                              "file takes at most 100" % show(key))
        if not isinstance(key, str) or not (
                value is None or isinstance(value, (str, bool)) or _is_finite_number(value)):
            raise PurebpError("Model: training %s: %s; its values are numbers, texts, True, "
                              "False or None" % (show(key), show(value)))
    try:
        _split(model.split)
    except PurebpError as error:
        raise PurebpError("Model: %s" % str(error)[len("model "):])


def save(model, path):
    """Write ``model`` to ``path`` atomically; raise ``SaveError`` if it cannot."""
    path = file_path(path)
    write_atomically(path, to_text(model, path), "model")


def to_text(model, path):
    """The text of ``model``'s file (``path`` only names it in an error)."""
    if not isinstance(model, Model):
        raise PurebpError("save: model: expected a Model, got %s" % type_name(model))
    try:
        _check_fields(model)        # again: a field may have changed since the Model was made
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
                          % (_shown(document.get("format")), FORMAT))
    version = document.get("version")
    if not _is_int(version) or version not in _KEYS_BY_VERSION:
        raise PurebpError("model format version %s: this purebp reads versions 1 and 2%s"
                          % (_shown(version), ", written as whole numbers"
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
            or not all(_is_int(n) and n >= 1 for n in layers)):
        raise PurebpError("model \"layers\" is not a list of two or more positive whole numbers")
    if document["activation"] not in HIDDEN:
        raise PurebpError("model activation %s: purebp knows %s"
                          % (_shown(document["activation"]), ", ".join(HIDDEN)))
    if document["loss"] not in LOSS_NAMES:
        raise PurebpError("model loss %s: purebp knows %s"
                          % (_shown(document["loss"]), ", ".join(LOSS_NAMES)))
    if layers[-1] < LOSSES[document["loss"]].outputs:
        raise PurebpError("model loss %s needs %d or more outputs, but \"layers\" ends in %d"
                          % (_shown(document["loss"]), LOSSES[document["loss"]].outputs,
                             layers[-1]))
    bias = document.get("bias", False)      # version 1: no bias
    if not isinstance(bias, bool):
        raise PurebpError("model \"bias\" is %s, not true or false" % _shown(bias))
    classes = document.get("classes")
    if classes is not None:
        classes = _class_names(classes, layers[-1], "model \"classes\"")
    inputs = _names(document["inputs"], layers[0], "inputs")
    targets = _names(document["targets"], 1 if classes else layers[-1], "targets")
    both = set(inputs) & set(targets)
    if both:
        raise PurebpError("model name %r is both an input and a target" % sorted(both)[0])
    if bias and (layers[0] < 2 or inputs[-1] != BIAS):
        raise PurebpError("model \"bias\" is true, so \"inputs\" must end with %r after at "
                          "least one other input" % BIAS)
    scaling = document["scaling"]
    if not isinstance(scaling, dict) or sorted(scaling) != ["inputs", "targets"]:
        raise PurebpError("model \"scaling\" must be an object with \"inputs\" and \"targets\"")
    scalers = {"inputs": _scaler(scaling["inputs"], given_inputs(inputs, bias), "inputs",
                                 version),
               "targets": _scaler(scaling["targets"], targets, "targets", version)}
    if classes and scalers["targets"] is not None:
        raise PurebpError("model has classes, so its targets are one-hot: \"scaling\" of "
                          "targets must be null")
    weights = document["weights"]
    if not isinstance(weights, list) or len(weights) != len(layers) - 1:
        raise PurebpError("model \"weights\" must be a list of %s, one per layer pair"
                          % plural(len(layers) - 1, "matrix", "matrices"))
    for k, syn in enumerate(weights):
        _matrix(syn, layers[k], layers[k + 1], "weights[%d]" % k)
    training = document["training"]
    if not isinstance(training, dict):
        raise PurebpError("model \"training\" is not an object")
    for key in sorted(training):
        if isinstance(training[key], (list, dict)):
            raise PurebpError("model \"training\" %r is a JSON %s; its values are numbers, "
                              "strings, true, false or null" % (key, _json_type(training[key])))
    split = _split(document.get("split"))
    return Model(layers, weights, document["loss"], inputs, targets, scalers, training, bias,
                 document["activation"], classes, split)


# --- private helpers ---------------------------------------------------------------

def _refuse_constant(name):
    raise PurebpError("not a purebp model: JSON has %s, which is not a finite number" % name)


def _parse_int(digits):
    if len(digits) > 100:
        raise PurebpError("not a purebp model: JSON has a number with %d digits" % len(digits))
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


def _shown(value):
    """A JSON value for a message: short, with control characters escaped."""
    text = json.dumps(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _some(names, most=5):
    """Up to ``most`` names for a message, and how many more there are."""
    shown = ", ".join(repr(name) for name in names[:most])
    return shown if len(names) <= most else "%s and %d more" % (shown, len(names) - most)


def _is_int(n):
    return isinstance(n, int) and not isinstance(n, bool)


def _is_finite_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _names(names, count, key):
    """A model's ``inputs`` or ``targets``: ``count`` plain, distinct names."""
    if (not isinstance(names, list) or len(names) != count
            or not all(isinstance(n, str) for n in names)):
        raise PurebpError("model \"%s\" must be a list of %s" % (key, plural(count, "name")))
    _plain_and_distinct(names, "model \"%s\"" % key, "name")
    return names


def _class_names(classes, count, key):
    """A model's classes: ``count`` (2 or more) plain, distinct names."""
    if (not isinstance(classes, list) or len(classes) != count or count < 2
            or not all(isinstance(n, str) for n in classes)):
        raise PurebpError("%s must be a list of %s, one per output (two or more)"
                          % (key, plural(count, "name")))
    _plain_and_distinct(classes, key, "class")
    return list(classes)


def _plain_and_distinct(names, where, noun):
    """Each of ``names`` plain text, none twice; ``where`` and ``noun`` word the refusal."""
    seen = set()
    for i, name in enumerate(names):
        problem = name_problem(name)
        if problem:
            raise PurebpError("%s[%d] %s %s; names must be plain text"
                              % (where, i, _shown(name), problem))
        if name in seen:
            raise PurebpError("%s has the %s %s twice" % (where, noun, _shown(name)))
        seen.add(name)


def _split(split):
    """A model's ``"split"``: null, or the record of the rows held out."""
    if split is None:
        return None
    if not isinstance(split, dict) or sorted(split) != sorted(SPLIT_KEYS):
        raise PurebpError("model \"split\" must be null or an object with %s"
                          % ", ".join(SPLIT_KEYS))
    rows, held = split["rows"], split["held_out"]
    counts = [split[key] for key in ("rows", "training_rows", "held_out_rows")]
    if (not _is_finite_number(split["test_fraction"]) or not 0 < split["test_fraction"] < 1
            or not _is_int(split["seed"]) or not isinstance(split["stratified"], bool)
            or not all(_is_int(n) and n >= 1 for n in counts)
            or counts[1] + counts[2] != rows or not isinstance(held, list)
            or len(held) != counts[2] or not all(_is_int(r) for r in held)
            or any(not 0 <= r < rows for r in held)
            or any(held[i] >= held[i + 1] for i in range(len(held) - 1))):
        raise PurebpError("model \"split\" does not hold together: test_fraction between 0 "
                          "and 1, whole numbers of rows that add up, and held_out the "
                          "held-out row numbers, ascending, below rows")
    return split


def _matrix(A, rows, cols, key):
    if (not isinstance(A, list) or len(A) != rows
            or not all(isinstance(row, list) and len(row) == cols for row in A)):
        raise PurebpError("model %s must be a %d x %d matrix (a list of %s of %s)"
                          % (key, rows, cols, plural(rows, "row"), plural(cols, "number")))
    for i, row in enumerate(A):
        for j, v in enumerate(row):
            if not _is_finite_number(v):
                raise PurebpError("model %s, row %d, column %d: %s is not a finite number"
                                  % (key, i, j, _shown(v)))


def _scaler(part, names, key, version):
    """A ``MinMax`` for the columns ``names``, or None; every range checked."""
    if part is None:
        return None
    if not isinstance(part, dict) or sorted(part) != ["max", "min"]:
        raise PurebpError("model scaling of %s must be null or {\"min\": [...], \"max\": [...]}"
                          % key)
    width = len(names)
    for bound in ("min", "max"):
        values = part[bound]
        if (not isinstance(values, list) or len(values) != width
                or not all(_is_finite_number(v) for v in values)):
            raise PurebpError("model scaling of %s: \"%s\" must be %s"
                              % (key, bound, plural(width, "finite number")))
    low, high = list(part["min"]), list(part["max"])
    for j in range(width):
        problem = range_problem(low[j], high[j])
        if problem:
            raise PurebpError("model scaling of %s, column %d (%s): min %r, max %r: %s"
                              % (key, j + 1, names[j], low[j], high[j], problem))
        if version == 1 and low[j] == high[j]:
            # Version 1 left a constant column as it was: the identity, (v - 0) / 1.
            low[j], high[j] = 0, 1
    return MinMax(low, high)
