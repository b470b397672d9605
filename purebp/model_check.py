"""What a model may hold: the checks of ``purebp.model``, for a file and a ``Model``.

A model file is read with suspicion (``model.from_dict``), and a ``Model``
holds only what a file may hold, so that ``save`` writes what ``load``
reads back and ``predict`` finds what it can use. ``check_fields`` checks
a Model's fields when it is made, and again whenever it is used
(``predict``, ``predict_classes``, ``as_dict``, ``save``): any field may be
set to something else after (``model.layers = None``). Each refusal is one
``PurebpError`` naming the field and what it should be:

>>> from purebp.model import Model
>>> model = Model([2, 1], [[[0.5], [-0.5]]])
>>> model.weights = [[[0.5], [float("nan")]]]
>>> model.predict([[1, 0]])
Traceback (most recent call last):
    ...
purebp.errors.PurebpError: Model: weights[0]: row 1, column 0: nan is not a finite number

The helpers below check the parts of a file as ``from_dict`` reads them;
``check_fields`` words their refusals for a Model (``Model: ...``).
"""

import json
import math

from .checks import layer_sizes, plain
from .columns import BIAS, given_inputs, name_problem
from .errors import PurebpError, plural, show
from .activations import HIDDEN
from .losses import LOSS_NAMES, LOSSES
from .matrix_check import python_number
from .scaling import MinMax, range_problem

MAX_DIGITS = 100        # the longest whole number a model file holds (model.from_text)
_LIMIT = 10 ** MAX_DIGITS
_TOO_LONG = "a number of more than 100 digits; a model file takes at most 100"
FIELDS = ("layers", "weights", "loss", "activation", "bias", "classes", "inputs", "targets",
          "scaling", "training", "split")     # in the order they are checked
SPLIT_KEYS = ("test_fraction", "seed", "stratified", "rows", "training_rows", "held_out_rows",
              "held_out")


def check_fields(model, numbers=True):
    """Refuse in a ``Model`` what ``load`` refuses in a file, field by field,
    each one after those it depends on (``layers`` first). ``numbers=False``
    leaves out the walk through every weight (the shapes are still checked):
    for the names, which need no weights.

    A field is first taken as the constructor takes it (``taken``): one
    set after the Model was made to a tuple, a numpy array or numpy
    numbers is replaced by its copy in lists and Python numbers (what
    was set is not changed), as train takes them."""
    for key in FIELDS:
        if not hasattr(model, key):
            raise PurebpError("Model: %s: the field is missing (deleted after the Model was "
                              "made)" % key)
    for key, depth in (("layers", 1), ("bias", 0), ("classes", 1), ("inputs", 1),
                       ("targets", 1), ("scaling", 3), ("training", 1), ("split", 2)):
        value = getattr(model, key)
        plain_value = taken(value, depth)
        if plain_value is not value:
            setattr(model, key, plain_value)
    if not _plain_weights(model.weights, numbers):
        model.weights = taken(model.weights, 3)
    # As the constructor checks them: whole numbers of at least 1, and at
    # most MAX_WEIGHTS weights, before the shapes are (a 5 x 10**100 matrix).
    layers = layer_sizes(model.layers, "Model: layers")
    _weights(model.weights, layers, numbers)
    for key, names in (("loss", LOSS_NAMES), ("activation", HIDDEN)):
        value = getattr(model, key)
        if not isinstance(value, str) or value not in names:
            raise PurebpError("Model: %s: unknown %s %s; choose from: %s"
                              % (key, "convention" if key == "loss" else key, _show(value),
                                 ", ".join(names)))
    if layers[-1] < LOSSES[model.loss].outputs:
        raise PurebpError("Model: loss %s needs %d or more outputs, but layers ends in %d"
                          % (model.loss, LOSSES[model.loss].outputs, layers[-1]))
    if not isinstance(model.bias, bool):
        raise PurebpError("Model: bias: %s is not True or False" % _show(model.bias))
    if model.classes is not None:
        class_names(model.classes, layers[-1], "Model: classes")
    for key, count in (("inputs", layers[0]), ("targets", 1 if model.classes else layers[-1])):
        value = getattr(model, key)
        if not (isinstance(value, list) and len(value) == count
                and all(isinstance(v, str) for v in value)):
            raise PurebpError("Model: %s: expected a list of %s, got %s"
                              % (key, plural(count, "name"), _show(value)))
        plain_and_distinct(value, "Model: %s" % key, "name")
    for key in ("scaling", "training", "split"):
        value = getattr(model, key)
        if not isinstance(value, dict) and (key != "split" or value is not None):
            raise PurebpError("Model: %s: expected a dict, got %s" % (key, _show(value)))
    both = set(model.inputs) & set(model.targets)
    if both:
        raise PurebpError("Model: the name %r is both an input and a target" % sorted(both)[0])
    if model.bias and (layers[0] < 2 or model.inputs[-1] != BIAS):
        raise PurebpError("Model: bias is True, so inputs must end with %r after at least one "
                          "other input" % BIAS)
    _scaling(model)
    keys = sorted((key for key in model.training if not isinstance(key, str)), key=_show)
    if keys:
        raise PurebpError("Model: training: the key %s is not a text; its keys are names"
                          % _show(keys[0]))
    for key in sorted(model.training):
        value = model.training[key]
        if _long(value):
            raise PurebpError("Model: training %s: %s" % (_show(key), _TOO_LONG))
        if not (value is None or isinstance(value, (str, bool)) or is_number(value)):
            raise PurebpError("Model: training %s: %s; its values are numbers, texts, True, "
                              "False or None" % (_show(key), _show(value)))
    try:
        split(model.split)
    except PurebpError as error:
        raise PurebpError("Model: %s" % str(error)[len("model "):])


def taken(value, depth, copy=False):
    """``value`` as a Model holds it, ``depth`` levels of lists down: a
    tuple or a numpy array as a list, a numpy number (or a subclass of
    float or int) as Python's number, dicts and ``MinMax`` looked into.
    It is ``value`` itself if nothing needs converting (unless ``copy``);
    otherwise a copy: ``value`` is never changed. Anything else stays as
    it is, for the checks to name.

    >>> taken((1, 2), 1), taken([[1.5], (2,)], 2)
    ([1, 2], [[1.5], [2]])
    """
    if depth and isinstance(value, dict):
        items = [(key, taken(v, depth - 1, copy)) for key, v in value.items()]
        if not copy and all(v is value[key] for key, v in items):
            return value
        return dict(items)
    if depth and type(value) is MinMax:
        ends = [taken(getattr(value, end, None), depth - 1, copy) for end in ("low", "high")]
        if not copy and all(ends[k] is getattr(value, end, None)
                            for k, end in enumerate(("low", "high"))):
            return value
        scaling = MinMax([], [])
        scaling.low, scaling.high = ends
        return scaling
    if depth and not isinstance(value, (str, bytes)):
        items = plain(value)            # a numpy array: lists of Python numbers
        if isinstance(items, (list, tuple)):
            listed = [taken(v, depth - 1, copy) for v in items]
            if (not copy and items is value and isinstance(value, list)
                    and all(a is b for a, b in zip(listed, value))):
                return value
            return listed
        value = items
    number = python_number(value)
    return value if number is None else number


def long_weights(weights):
    """Refuse a whole number of more than 100 digits among ``weights`` (lists
    of lists of lists, as ``taken`` gives them) as ``check_fields`` does: the
    constructor's checks would call 10 ** 400 too large for a float, and
    10 ** 200 a weight."""
    for k, syn in enumerate(weights if isinstance(weights, list) else ()):
        for i, row in enumerate(syn if isinstance(syn, list) else ()):
            for j, v in enumerate(row if isinstance(row, list) else ()):
                if _long(v):
                    raise PurebpError("Model: weights[%d]: row %d, column %d: %s"
                                      % (k, i, j, _TOO_LONG))


def shown(value):
    """A JSON value for a message: short, with control characters escaped."""
    text = json.dumps(value)
    return text if len(text) <= 40 else text[:37] + "..."


def is_int(n):
    return isinstance(n, int) and not isinstance(n, bool)


def is_number(v):
    """Whether ``v`` is a number a model file holds: a finite float, or a
    whole number of at most 100 digits (not a bool)."""
    if isinstance(v, float):
        return math.isfinite(v)
    return is_int(v) and -_LIMIT < v < _LIMIT


def names(value, count, key):
    """A model's ``inputs`` or ``targets``: ``count`` plain, distinct names."""
    if (not isinstance(value, list) or len(value) != count
            or not all(isinstance(n, str) for n in value)):
        raise PurebpError("model \"%s\" must be a list of %s" % (key, plural(count, "name")))
    plain_and_distinct(value, "model \"%s\"" % key, "name")
    return value


def class_names(classes, count, key):
    """A model's classes: ``count`` (2 or more) plain, distinct names."""
    if (not isinstance(classes, list) or len(classes) != count or count < 2
            or not all(isinstance(n, str) for n in classes)):
        raise PurebpError("%s must be a list of %s, one per output (two or more)"
                          % (key, plural(count, "name")))
    plain_and_distinct(classes, key, "class")
    return list(classes)


def plain_and_distinct(value, where, noun):
    """Each of the names ``value`` plain text, none twice; ``where`` and
    ``noun`` word the refusal."""
    seen = set()
    for i, name in enumerate(value):
        problem = name_problem(name)
        if problem:
            raise PurebpError("%s[%d] %s %s; names must be plain text"
                              % (where, i, shown(name), problem))
        if name in seen:
            raise PurebpError("%s has the %s %s twice" % (where, noun, shown(name)))
        seen.add(name)


def split(value):
    """A model's ``"split"``: null, or the record of the rows held out."""
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != set(SPLIT_KEYS):
        raise PurebpError("model \"split\" must be null or an object with %s"
                          % ", ".join(SPLIT_KEYS))
    rows, held = value["rows"], value["held_out"]
    long = [key for key in SPLIT_KEYS if _long(value[key])] + (
        ["held_out[%d]" % i for i, r in enumerate(held) if _long(r)]
        if isinstance(held, list) else [])
    if long:
        raise PurebpError("model \"split\" %s: %s" % (long[0], _TOO_LONG))
    counts = [value[key] for key in ("rows", "training_rows", "held_out_rows")]
    if (not is_number(value["test_fraction"]) or not 0 < value["test_fraction"] < 1
            or not is_int(value["seed"]) or not isinstance(value["stratified"], bool)
            or not all(is_int(n) and n >= 1 for n in counts)
            or counts[1] + counts[2] != rows or not isinstance(held, list)
            or len(held) != counts[2] or not all(is_int(r) for r in held)
            or any(not 0 <= r < rows for r in held)
            or any(held[i] >= held[i + 1] for i in range(len(held) - 1))):
        raise PurebpError("model \"split\" does not hold together: test_fraction between 0 "
                          "and 1, whole numbers of rows that add up, and held_out the "
                          "held-out row numbers, ascending, below rows")
    return value


def matrix(A, rows, cols, key):
    """A ``rows`` x ``cols`` list of lists of numbers a model file holds."""
    if (not isinstance(A, list) or len(A) != rows
            or not all(isinstance(row, list) and len(row) == cols for row in A)):
        raise PurebpError("model %s must be a %d x %d matrix (a list of %s of %s)"
                          % (key, rows, cols, plural(rows, "row"), plural(cols, "number")))
    for i, row in enumerate(A):
        for j, v in enumerate(row):
            if not is_number(v):
                raise PurebpError("model %s: row %d, column %d: %s is not a finite number"
                                  % (key, i, j, shown(v)))


def scaler(part, columns, key, version):
    """A ``MinMax`` for the columns named ``columns``, or None; every range checked."""
    if part is None:
        return None
    if not isinstance(part, dict) or set(part) != {"max", "min"}:
        raise PurebpError("model scaling of %s must be null or {\"min\": [...], \"max\": [...]}"
                          % key)
    width = len(columns)
    for bound in ("min", "max"):
        values = part[bound]
        if (not isinstance(values, list) or len(values) != width
                or not all(is_number(v) for v in values)):
            raise PurebpError("model scaling of %s: \"%s\" must be %s"
                              % (key, bound, plural(width, "finite number")))
    low, high = list(part["min"]), list(part["max"])
    for j in range(width):
        problem = range_problem(low[j], high[j])
        if problem:
            raise PurebpError("model scaling of %s, column %d (%s): min %s, max %s: %s"
                              % (key, j + 1, columns[j], show(low[j]), show(high[j]), problem))
        if version == 1 and low[j] == high[j]:
            # Version 1 left a constant column as it was: the identity, (v - 0) / 1.
            low[j], high[j] = 0, 1
    return MinMax(low, high)


# --- private helpers ---------------------------------------------------------------

def _long(v):
    """Whether ``v`` is a whole number too long for a model file."""
    return is_int(v) and not -_LIMIT < v < _LIMIT


def _plain_weights(weights, numbers):
    """Whether ``weights`` need no converting: lists of lists of lists (of
    floats and ints, with ``numbers``), the common case, kept as it is."""
    if type(weights) is not list:
        return False
    for syn in weights:
        if type(syn) is not list:
            return False
        for row in syn:
            if type(row) is not list:
                return False
            if numbers:
                for v in row:
                    if type(v) is not float and type(v) is not int:
                        return False
    return True


def _show(value):
    """``show(value)``, even of a value whose repr fails."""
    try:
        return show(value)
    except Exception:
        return "a %s" % type(value).__name__


def _weights(weights, layers, numbers):
    """A Model's weights: a list of lists of lists, ``weights[k]`` ``layers[k]``
    rows (the bias is an input, so it has its row) by ``layers[k + 1]``
    columns, each a number a model file holds.

    Bools and whole numbers of more than 100 digits are refused, not turned
    into floats: ``load`` refuses them (JSON's ``true`` is no number, and it
    reads at most 100 digits), and taking ``True`` as 1.0 or ``10 ** 300`` as
    1e300 would make a Model that predicts one way and saves as another.
    Whole numbers that fit stay whole: a file gives them back as they are."""
    count = len(layers) - 1
    if not isinstance(weights, list) or len(weights) != count:
        raise PurebpError("Model: weights: expected a list of %s, one per pair of layers %s, "
                          "got %s" % (plural(count, "matrix", "matrices"), _show(layers),
                                      _show(weights)))
    for k, syn in enumerate(weights):
        rows, cols = layers[k], layers[k + 1]
        if (not isinstance(syn, list) or len(syn) != rows
                or not all(isinstance(row, list) and len(row) == cols for row in syn)):
            raise PurebpError("Model: weights[%d]: expected a %d x %d matrix (a list of %s of "
                              "%s: layers %s), got %s"
                              % (k, rows, cols, plural(rows, "row"), plural(cols, "number"),
                                 _show(layers), _show(syn)))
        for i, row in enumerate(syn if numbers else ()):
            for j, v in enumerate(row):
                if not is_number(v):
                    raise PurebpError("Model: weights[%d]: row %d, column %d: %s" % (
                        k, i, j, _TOO_LONG if is_int(v) else "%s is not a %snumber%s" % (
                            _show(v), "finite " if isinstance(v, (int, float)) else "",
                            ": a weight is a number, not True or False"
                            if isinstance(v, bool) else "")))


def _scaling(model):
    """A Model's scaling: ``{"inputs": MinMax or None, "targets": MinMax or None}``."""
    scaling = model.scaling
    if set(scaling) != {"inputs", "targets"}:
        raise PurebpError("Model: scaling: expected a dict of \"inputs\" and \"targets\", "
                          "got the keys %s" % (", ".join(sorted(_show(k) for k in scaling))
                                                or "(none)"))
    for part, columns in (("inputs", given_inputs(model.inputs, model.bias)),
                          ("targets", model.targets)):
        one = scaling[part]
        if one is None:
            continue
        if not isinstance(one, MinMax):
            raise PurebpError("Model: scaling of %s: expected a MinMax or None, got %s"
                              % (part, _show(one)))
        for bound, values in (("min", getattr(one, "low", None)),
                              ("max", getattr(one, "high", None))):
            if isinstance(values, list) and len(values) == len(columns):
                for j, v in enumerate(values):      # a file's are refused as it is read
                    if _long(v):
                        raise PurebpError("Model: scaling of %s, column %d (%s): \"%s\" is %s"
                                          % (part, j + 1, columns[j], bound, _TOO_LONG))
        try:
            scaler({"min": getattr(one, "low", None), "max": getattr(one, "high", None)},
                   columns, part, 2)
        except PurebpError as error:
            raise PurebpError("Model: %s" % str(error)[len("model "):])
    if model.classes and scaling["targets"] is not None:
        raise PurebpError("Model: classes make the targets one-hot: scaling of targets must be "
                          "None")
