"""What purebp's results show in a Jupyter notebook: pictures and tables.

Jupyter asks an object for ``_repr_svg_`` or ``_repr_html_`` and shows
what they return; purebp's objects answer with the functions below, which
load only then (IPython is never imported, and a board never loads this):

* a ``Training`` (what ``train`` returns): its loss curve beside its
  network, ``training_svg``;
* a ``Model``: its network with the inputs' and outputs' names, and what it
  was trained on, ``model_svg``;
* ``explain``'s story: the narrated table, one row a quantity with its
  program line, its meaning and its numbers, ``story_html``;
* a ``GradientCheck``: whether it passed, and its weights' two gradients,
  worst first, ``gradcheck_html``;
* the ``purebp.svg`` pictures are ``SVG`` texts, shown as themselves.

A result whose fields were changed by hand (``t.settings = {}``) is no
picture: the functions raise one ``PurebpError`` naming the field, and the
objects' ``_repr_svg_`` / ``_repr_html_`` give None, so Jupyter shows their
repr, which never fails.

>>> from purebp import load_data, train
>>> X, y = load_data("seed")
>>> picture = training_svg(train(X, y, iterations=2000))
>>> picture.count("<svg"), picture.count('class="node"'), picture.count('class="point"')
(3, 4, 2)
"""

from . import checks
from .arrayprint import scalar_str, screen_str
from .checks import layer_sizes
from .errors import PurebpError, show, type_name
from .matrix import check_matrix
from .model_check import is_int, is_number
from .streams import printable
from .svg import SVG, escape, loss_svg, network_svg

MOST_EDGES = 2000    # a network of more weights is described, not drawn: a browser would crawl
GAP = 10             # pixels between two pictures side by side
MOST_ROWS = 40       # a gradient check's table shows its worst weights, this many


def training_svg(result):
    """A ``Training`` as one picture: the loss curve, and the network beside it."""
    from .network import Training
    _expect(result, Training, "training_svg", "result", "a Training (what train returns)")
    _training_fields(result)
    settings = result.settings
    unit = "epoch" if settings.get("batch_size") else "iteration"
    parts = []
    if result.history:
        count = settings["epochs"] if unit == "epoch" else settings["iterations"]
        parts.append(loss_svg(result.history, settings["metric"],
                              "%s over %d %ss" % (settings["metric"], count, unit), unit,
                              result.held_out))
    title = "network %s: %s, %s" % (_sizes(result.layers), settings.get("activation", "sigmoid"),
                                    settings["loss"])
    parts.append(_network(result.layers, result.weights, None, None, title))
    return _side_by_side(parts, "a %s network after %d %ss" % (
        _sizes(result.layers), settings["epochs"] if unit == "epoch" else settings["iterations"],
        unit))


def model_svg(model):
    """A ``Model`` as a picture: its network, the names of its inputs and
    outputs on the nodes, and under it what it takes and was trained on."""
    from .model import Model
    _expect(model, Model, "model_svg", "model", "a Model (Model.from_training or load makes one)")
    from .model_check import check_fields
    check_fields(model)         # a field changed since the Model was made is named, refused
    title = "model %s: %s, %s" % (_sizes(model.layers), model.activation, model.loss)
    lines = ["inputs: %s" % _some(model.data_inputs)
             + (" (the model adds the bias)" if model.bias else ""),
             "outputs: %s" % _some(model.outputs)
             + (", one a class" if model.classes else "")]
    training = model.training
    if training.get("iterations") is not None:
        # A model file's training values are any numbers or texts: shown as they are.
        metric = training.get("final_metric")
        lines.append("trained on %s: %s iterations, seed %s, lr %s%s" % (
            training.get("data") or "data", training["iterations"], training.get("seed"),
            training.get("lr"), "; %s %.4g" % (training.get("metric"), metric)
            if isinstance(metric, (int, float)) and not isinstance(metric, bool) else ""))
    picture = _network(model.layers, model.weights, model.inputs, model.outputs, title)
    return _side_by_side([picture], title, lines)


def story_html(story, lang="en"):
    """``explain``'s story as an HTML table: a row a quantity, in the order
    the program computes them, with its program line, meaning and numbers."""
    from .narration import LANGUAGES, Story, meaning, text
    _expect(story, Story, "story_html", "story", "a Story (what explain returns)")
    checks.choice(lang, LANGUAGES, "lang", "language")
    _story_fields(story, lang)
    settings = "layers %s, seed %s, lr %s, loss %s" % (
        _sizes(story["layers"]), show(story.get("seed")), scalar_str(story["lr"]), story["loss"])
    if len(story["layers"]) > 2:
        settings += text("with_activation", lang, (story.get("activation", "sigmoid"),))
    if story.get("batch_size"):
        settings += text("with_batch", lang, (story["batch_size"],))
    out = ['<table class="purebp-explain">',
           "<caption><b>%s</b><br>%s</caption>" % (_html(text("title", lang,
                                                                (story["iteration"],))),
                                                    _html(settings))]
    section = None
    for q in story["quantities"]:
        if q["section"] != section:
            section = q["section"]
            if section != "input":
                out.append('<tr><th colspan="3" style="text-align:left">%s</th></tr>'
                           % _html(text(section, lang)))
        code = q["code"] if q.get("line") is None else "%s   [%d]" % (q["code"], q["line"])
        out.append('<tr><td style="text-align:left;vertical-align:top"><b>%s</b><br>'
                   '(%d x %d)</td>' % (_html(q["name"]), len(q["value"]), len(q["value"][0])))
        out.append('<td style="text-align:left;vertical-align:top"><code>%s</code><br>%s</td>'
                   % (_html(code), _html(meaning(q, lang))))
        out.append('<td style="text-align:left;vertical-align:top"><pre>%s</pre></td></tr>'
                   % _html(screen_str(q["value"]), keep="\n"))
    out.append("</table>")
    return "\n".join(out)


def gradcheck_html(check, most=MOST_ROWS):
    """A ``GradientCheck`` as an HTML table: a row a weight (the ``most``
    worst), its backprop and finite-difference gradients and their relative
    error; a weight at a ReLU's kink is marked and not judged."""
    from .gradcheck import GradientCheck
    _expect(check, GradientCheck, "gradcheck_html", "check",
            "a GradientCheck (what gradient_check returns)")
    most = checks.whole_number(most, "most", least=1)
    _gradcheck_fields(check)
    worst_first = sorted(check.comparisons, key=lambda c: (c.kink, -c.relative_error))
    caption = "gradient check %s: worst relative error %.3g (threshold %.3g), %d weights" % (
        "passed" if check.passed else "FAILED", check.worst.relative_error, check.threshold,
        len(check.comparisons))
    if check.kinks:
        caption += ", %d at a ReLU's kink (not judged)" % len(check.kinks)
    out = ['<table class="purebp-gradcheck">', "<caption><b>%s</b></caption>" % _html(caption),
           "<tr><th>weight</th><th>backprop</th><th>finite differences</th>"
           "<th>relative error</th></tr>"]
    for c in worst_first[:most]:
        error = "%.3g" % c.relative_error + (" (kink)" if c.kink else "")
        out.append("<tr><td>syn[%d][%d][%d]</td><td>%r</td><td>%r</td><td>%s</td></tr>"
                   % (c.where + (c.backprop, c.numerical, error)))
    if len(worst_first) > most:
        out.append('<tr><td colspan="4">... and %d more, each closer</td></tr>'
                   % (len(worst_first) - most))
    out.append("</table>")
    return "\n".join(out)


# --- what a result holds, checked again before it is drawn -------------------------
#
# train, explain and gradient_check build their results right, and do not check
# them again (docs/api.md); but a notebook's user may change a field by hand,
# and a picture of it must then say which field, not fail halfway with a
# KeyError. (The reprs catch this message and let Jupyter show the repr.)

def _changed(where, field, value, what, maker):
    raise PurebpError("%s: %s is %s, not %s: was it changed after %s made it?"
                      % (where, field, show(value), what, maker))


def _is_whole(v, least=0):
    """Whether ``v`` is a whole number from ``least`` (not a bool), of at
    most the 100 digits a model file holds (CPython writes no more than
    4300 with %d)."""
    return is_int(v) and is_number(v) and v >= least


def _number(v):
    """Whether ``v`` is a float (inf and nan too: a relative error may be
    one), or an int that a model file holds (not a bool)."""
    return isinstance(v, float) or is_number(v)


def _passes(check, value):
    """Whether ``check(value)`` (one of purebp.checks's) takes ``value`` as it is."""
    try:
        return check(value) == value
    except PurebpError:
        return False


def _sizes_ok(layers):
    return isinstance(layers, list) and _passes(layer_sizes, layers)


def _matrix_ok(A):
    # check_matrix takes what numpy would (tuples, arrays, bools): a result
    # holds lists of floats, and a bool there was put by hand
    return (isinstance(A, list) and _passes(check_matrix, A)
            and all(type(row) is list and all(_number(v) for v in row) for row in A))


def _training_fields(result):
    where, maker = "training_svg", "train"
    if not _sizes_ok(result.layers):
        _changed(where, "result.layers", result.layers, "a list of layer sizes", maker)
    weights = result.weights
    if not (isinstance(weights, list) and len(weights) == len(result.layers) - 1
            and all(_matrix_ok(syn) and len(syn) == result.layers[k]
                    and len(syn[0]) == result.layers[k + 1] for k, syn in enumerate(weights))):
        _changed(where, "result.weights", weights, "the weight matrices of a %s network"
                 % _sizes(result.layers), maker)
    settings = result.settings
    if not isinstance(settings, dict):
        _changed(where, "result.settings", settings, "a dict of the settings", maker)
    count = "epochs" if settings.get("batch_size") else "iterations"
    if not _is_whole(settings.get(count)):
        _changed(where, "result.settings[%r]" % count, settings.get(count), "a whole number",
                 maker)
    for key in ("metric", "loss", "activation"):
        if not isinstance(settings.get(key, "sigmoid" if key == "activation" else None), str):
            _changed(where, "result.settings[%r]" % key, settings.get(key), "a text", maker)
    for name in ("history", "held_out"):
        reports = getattr(result, name)
        if reports is not None and not isinstance(reports, list):
            _changed(where, "result." + name, reports, "a list of (iteration, value) pairs",
                     maker)


def _story_fields(story, lang):
    from .narration import text
    where, maker = "story_html", "explain"
    wanted = (("iteration", lambda v: _is_whole(v, 1), "a whole number of at least 1"),
              ("layers", _sizes_ok, "a list of layer sizes"),
              ("lr", _number, "a number"),
              ("loss", lambda v: isinstance(v, str), "a text"),
              ("activation", lambda v: isinstance(v, str), "a text"),
              ("batch_size", lambda v: v is None or _is_whole(v, 1), "None or a batch size"),
              ("quantities", lambda v: isinstance(v, list), "a list of quantities"))
    for key, ok, what in wanted:
        value = story.get(key, "sigmoid" if key == "activation" else None)
        if not ok(value):
            _changed(where, "story[%r]" % key, value, what, maker)
    sections = ("input", "forward", "backward", "update")
    parts = (("section",), lambda v: v in sections, "one of: " + ", ".join(sections)), (
        ("name", "code"), lambda v: isinstance(v, str), "a text"), (
        ("line",), lambda v: v is None or _is_whole(v, 1), "None or a line number"), (
        ("value",), _matrix_ok, "a matrix of numbers"), (
        ("args",), lambda v: isinstance(v, (list, tuple)), "a tuple of the meaning's values")
    for k, q in enumerate(story["quantities"]):
        field = "story['quantities'][%d]" % k
        if not isinstance(q, dict):
            _changed(where, field, q, "a dict of a quantity", maker)
        for keys, ok, what in parts:
            for key in keys:
                if not ok(q.get(key)):
                    _changed(where, "%s[%r]" % (field, key), q.get(key), what, maker)
        try:
            text(q.get("meaning"), lang, tuple(q["args"]))
        except (KeyError, IndexError, TypeError, ValueError):
            _changed(where, "%s['meaning']" % field, q.get("meaning"),
                     "one of explain's meanings, with its values (args)", maker)


def _gradcheck_fields(check):
    from .gradcheck import Comparison
    where, maker = "gradcheck_html", "gradient_check"

    def fine(c):
        return (isinstance(c, Comparison) and isinstance(c.where, tuple) and len(c.where) == 3
                and all(_is_whole(i) for i in c.where) and _number(c.backprop)
                and _number(c.numerical) and _number(c.relative_error)
                and isinstance(c.kink, bool))

    comparisons = check.comparisons
    if not (isinstance(comparisons, list) and comparisons and all(fine(c) for c in comparisons)):
        _changed(where, "check.comparisons", comparisons, "a list of Comparisons", maker)
    if not fine(check.worst):
        _changed(where, "check.worst", check.worst, "a Comparison", maker)
    if not (isinstance(check.kinks, list) and all(fine(c) for c in check.kinks)):
        _changed(where, "check.kinks", check.kinks, "a list of Comparisons", maker)
    if not _number(check.threshold):
        _changed(where, "check.threshold", check.threshold, "a number", maker)


# --- private helpers ------------------------------------------------------------

def _expect(value, kind, where, name, what):
    """Refuse ``value`` unless it is a ``kind``: a picture of anything else would
    fail halfway, with a traceback about an attribute."""
    if not isinstance(value, kind):
        raise PurebpError("%s: %s: expected %s, got %s" % (where, name, what, type_name(value)))


def _network(layers, weights, inputs, targets, title):
    """The network's picture, or for too many weights to draw, a line that says so."""
    edges = sum(len(syn) * len(syn[0]) for syn in weights)
    if edges <= MOST_EDGES:
        return network_svg(layers, weights, inputs, targets, title)
    return _side_by_side([], title, ["%s has %d weights: more than the %d a notebook draws"
                                     % (title, edges, MOST_EDGES)])


def _side_by_side(parts, title, lines=()):
    """SVG pictures in a row, ``lines`` of text under them, as one SVG."""
    sizes = [_size(part) for part in parts]
    width = max(sum(w for w, _ in sizes) + GAP * max(len(parts) - 1, 0),
                max([8 * len(line) + 20 for line in lines] + [0]))
    top = max([h for _, h in sizes] + [0])
    height = top + 22 * len(lines) + (12 if lines else 0)
    body, x = [], 0
    for part, (w, _) in zip(parts, sizes):
        body.append('<g transform="translate(%d,0)">%s</g>' % (x, part._repr_svg_()))
        x += w + GAP
    for k, line in enumerate(lines):
        body.append('<text x="20" y="%d" fill="#222222">%s</text>' % (top + 22 * (k + 1),
                                                                       escape(line)))
    return SVG('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
               'viewBox="0 0 %d %d" font-family="sans-serif" font-size="13">\n'
               '<title>%s</title>\n<rect width="100%%" height="100%%" fill="white"/>\n%s\n'
               '</svg>\n' % (width, height, width, height, escape(title), "\n".join(body)))


def _size(picture):
    """The width and height an SVG text of ``purebp.svg`` declares."""
    head = picture[picture.find("<svg"):picture.find(">", picture.find("<svg"))]
    return (int(head.split(' width="')[1].split('"')[0]),
            int(head.split(' height="')[1].split('"')[0]))


def _sizes(layers):
    return ",".join(str(n) for n in layers)


def _some(names, most=8):
    if len(names) <= most:
        return ", ".join(names)
    return "%s, ... (%d in all)" % (", ".join(names[:most - 1]), len(names))


def _html(text, keep=""):
    """Text for HTML: entities for ``&<>"``, control characters (but ``keep``) as codes."""
    return printable(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                     .replace('"', "&quot;"), keep)
