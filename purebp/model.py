"""Saved models: one JSON document, written atomically, read with suspicion.

A model file holds everything needed to predict again in a new process:

    {"format": "purebp-model", "version": 1, "purebp_version": "0.1.0",
     "layers": [3, 4, 1], "activation": "sigmoid", "loss": "half-sse",
     "inputs": ["x1", "x2", "x3"], "targets": ["y"],
     "scaling": {"inputs": null, "targets": null},
     "weights": [...], "training": {"data": "xor", "seed": 1, ...}}

``save`` writes a temporary file in the same folder, flushes and fsyncs it,
then renames it over the target, so a crash or a full disk never leaves a
half-written model where a good one was. ``load`` checks every key, shape
and number, and is the only way a file becomes a ``Model``; model files are
JSON only, never pickled, evaluated or imported.

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

from . import __version__
from .errors import PurebpError
from .files import MAX_MODEL_BYTES, read_text, write_atomically
from .network import LOSSES, predict
from .scaling import MinMax

FORMAT = "purebp-model"
VERSION = 1
KEYS = ("format", "version", "purebp_version", "layers", "activation", "loss",
        "inputs", "targets", "scaling", "weights", "training")


class Model:
    """A trained network with what it needs to predict: names and scaling."""

    def __init__(self, layers, weights, loss="half-sse", inputs=None, targets=None,
                 scaling=None, training=None):
        self.layers = list(layers)
        self.weights = weights
        self.loss = loss
        self.inputs = inputs or ["x%d" % (i + 1) for i in range(self.layers[0])]
        self.targets = targets or ["y%d" % (i + 1) if self.layers[-1] > 1 else "y"
                                   for i in range(self.layers[-1])]
        self.scaling = scaling or {"inputs": None, "targets": None}
        self.training = training or {}

    @classmethod
    def from_training(cls, result, data=None, inputs=None, targets=None, scaling=None):
        """The model of a ``train`` result."""
        training = dict(result.settings)
        training["data"] = data
        if result.history:
            training["final_metric"] = result.history[-1][1]
        return cls(result.layers, result.weights, result.settings["loss"], inputs, targets,
                   scaling, training)

    def predict(self, X):
        """Outputs for raw inputs ``X``: scaled as in training, scaled back after."""
        if self.scaling["inputs"] is not None:
            X = self.scaling["inputs"].scale(X)
        outputs = predict(self.weights, X)
        if self.scaling["targets"] is not None:
            outputs = self.scaling["targets"].unscale(outputs)
        return outputs

    def as_dict(self):
        scaling = dict((part, None if s is None else s.as_dict())
                       for part, s in self.scaling.items())
        return {"format": FORMAT, "version": VERSION, "purebp_version": __version__,
                "layers": self.layers, "activation": "sigmoid", "loss": self.loss,
                "inputs": self.inputs, "targets": self.targets, "scaling": scaling,
                "weights": self.weights, "training": self.training}


def save(model, path):
    """Write ``model`` to ``path`` atomically; raise ``SaveError`` if it cannot."""
    write_atomically(path, to_text(model, path), "model")


def to_text(model, path):
    """The text of ``model``'s file (``path`` only names it in an error)."""
    try:
        # One key a line, each value compact on it: small files, readable diffs.
        lines = ['  %s: %s' % (json.dumps(key), json.dumps(value, allow_nan=False))
                 for key, value in sorted(model.as_dict().items(), key=lambda kv: KEYS.index(kv[0]))]
    except ValueError:
        raise PurebpError("%s: the model has a weight that is NaN or infinite; not saved" % path)
    return "{\n" + ",\n".join(lines) + "\n}\n"


def load(path):
    """Read and check a model file; return a ``Model``."""
    text = read_text(path, "model file", MAX_MODEL_BYTES)
    try:
        document = json.loads(text, parse_constant=_refuse_constant, parse_int=_parse_int,
                              object_pairs_hook=_no_duplicates)
    except PurebpError as error:
        raise PurebpError("%s: %s" % (path, error))
    except RecursionError:
        raise PurebpError("%s: not a purebp model: JSON nested too deeply" % path)
    except ValueError as error:   # json's JSONDecodeError, and over-long integers
        raise PurebpError("%s: not a purebp model: not valid JSON (%s)" % (path, error))
    try:
        return from_dict(document)
    except PurebpError as error:
        raise PurebpError("%s: %s" % (path, error))


def from_dict(document):
    """Check a model's JSON document, key by key; return the ``Model``."""
    if not isinstance(document, dict):
        raise PurebpError("not a purebp model: the file holds a JSON %s, not an object"
                          % _json_type(document))
    if document.get("format") != FORMAT:
        raise PurebpError("not a purebp model: \"format\" is %s, not %r"
                          % (json.dumps(document.get("format"))[:40], FORMAT))
    version = document.get("version")
    if version != VERSION or isinstance(version, bool):
        raise PurebpError("model format version %s: this purebp reads version %d"
                          % (json.dumps(version)[:40], VERSION))
    missing = [key for key in KEYS if key not in document]
    extra = sorted(key for key in document if key not in KEYS)
    if missing:
        raise PurebpError("model is missing %s" % ", ".join(repr(k) for k in missing))
    if extra:
        raise PurebpError("model has unknown keys: %s" % ", ".join(repr(k) for k in extra))
    if not isinstance(document["purebp_version"], str):
        raise PurebpError("model \"purebp_version\" is not a string")
    layers = document["layers"]
    if (not isinstance(layers, list) or len(layers) < 2
            or not all(_is_int(n) and n >= 1 for n in layers)):
        raise PurebpError("model \"layers\" is not a list of two or more positive whole numbers")
    if document["activation"] != "sigmoid":
        raise PurebpError("model activation %s: purebp has only \"sigmoid\""
                          % json.dumps(document["activation"])[:40])
    if document["loss"] not in LOSSES:
        raise PurebpError("model loss %s: purebp knows %s"
                          % (json.dumps(document["loss"])[:40], ", ".join(LOSSES)))
    inputs = _names(document["inputs"], layers[0], "inputs")
    targets = _names(document["targets"], layers[-1], "targets")
    scaling = document["scaling"]
    if not isinstance(scaling, dict) or sorted(scaling) != ["inputs", "targets"]:
        raise PurebpError("model \"scaling\" must be an object with \"inputs\" and \"targets\"")
    scalers = {"inputs": _scaler(scaling["inputs"], layers[0], "inputs"),
               "targets": _scaler(scaling["targets"], layers[-1], "targets")}
    weights = document["weights"]
    if not isinstance(weights, list) or len(weights) != len(layers) - 1:
        raise PurebpError("model \"weights\" must be a list of %d matrices, one per layer pair"
                          % (len(layers) - 1))
    for k, syn in enumerate(weights):
        _matrix(syn, layers[k], layers[k + 1], "weights[%d]" % k)
    if not isinstance(document["training"], dict):
        raise PurebpError("model \"training\" is not an object")
    return Model(layers, weights, document["loss"], inputs, targets, scalers,
                 document["training"])


# --- private helpers ---------------------------------------------------------------

def _refuse_constant(name):
    raise PurebpError("not a purebp model: JSON has %s, which is not a finite number" % name)


def _parse_int(digits):
    if len(digits) > 100:
        raise PurebpError("not a purebp model: JSON has a number with %d digits" % len(digits))
    return int(digits)


def _no_duplicates(pairs):
    keys = [key for key, value in pairs]
    for key in keys:
        if keys.count(key) > 1:
            raise PurebpError("not a purebp model: the key %r appears twice" % key)
    return dict(pairs)


def _json_type(value):
    return {list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number")


def _is_int(n):
    return isinstance(n, int) and not isinstance(n, bool)


def _is_finite_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _names(names, count, key):
    if (not isinstance(names, list) or len(names) != count
            or not all(isinstance(n, str) for n in names)):
        raise PurebpError("model \"%s\" must be a list of %d names" % (key, count))
    return names


def _matrix(A, rows, cols, key):
    if (not isinstance(A, list) or len(A) != rows
            or not all(isinstance(row, list) and len(row) == cols for row in A)):
        raise PurebpError("model %s must be a %d x %d matrix (a list of %d rows of %d numbers)"
                          % (key, rows, cols, rows, cols))
    for i, row in enumerate(A):
        for j, v in enumerate(row):
            if not _is_finite_number(v):
                raise PurebpError("model %s, row %d, column %d: %s is not a finite number"
                                  % (key, i, j, json.dumps(v)[:40]))


def _scaler(part, width, key):
    if part is None:
        return None
    if not isinstance(part, dict) or sorted(part) != ["max", "min"]:
        raise PurebpError("model scaling of %s must be null or {\"min\": [...], \"max\": [...]}"
                          % key)
    for bound in ("min", "max"):
        values = part[bound]
        if (not isinstance(values, list) or len(values) != width
                or not all(_is_finite_number(v) for v in values)):
            raise PurebpError("model scaling of %s: \"%s\" must be %d finite numbers"
                              % (key, bound, width))
    if any(lo > hi for lo, hi in zip(part["min"], part["max"])):
        raise PurebpError("model scaling of %s: a \"min\" is larger than its \"max\"" % key)
    return MinMax(part["min"], part["max"])
