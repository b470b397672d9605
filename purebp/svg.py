"""Pictures as SVG files: the loss curve, the network, the chain rule.

Each function returns the text of one self-contained SVG document: no
scripts, no external fonts, images or links, so any browser shows it
offline, and it is valid XML. Details sit in ``<title>`` tooltips (a weight's
value, a point's iteration and metric). Text from users (column names) is
escaped: ``&``, ``<`` and ``>`` as XML entities, and control characters,
which XML 1.0 cannot hold even as entities, as their visible code
(``\\u001b``), as purebp prints them on a terminal.

The text comes as an ``SVG``: a ``str`` in every way (write it to a file,
compare it, put it in JSON), which a Jupyter notebook also shows as the
picture.

>>> text = network_svg([3, 1], [[[0.5], [-1.0], [2.0]]])
>>> text.count('class="node"'), text.count('class="edge"')
(4, 3)
"""

import math

from .errors import PurebpError, show
from .streams import printable

POSITIVE, NEGATIVE = "#2166ac", "#d6604d"   # blue and red-orange: apart for most eyes
# The line after the XML declaration of every picture purebp draws: purebp
# replaces an existing SVG file only if it carries this mark (or is one of
# purebp's pictures from before the mark), never one drawn by hand.
MARK = "<!-- drawn by purebp -->"
INK = "#222222"


class SVG(str):
    """The text of an SVG document, which Jupyter shows as the picture.

    It is a ``str``, so it can be written, compared and put in JSON as it
    is; ``_repr_svg_`` (the protocol IPython looks for, no import needed)
    gives the ``<svg>`` element without the XML declaration, as IPython's
    own ``SVG`` does, since a notebook puts it inside an HTML page.

    >>> picture = SVG('<?xml version="1.0"?>\\n<svg/>\\n')
    >>> picture == '<?xml version="1.0"?>\\n<svg/>\\n', picture._repr_svg_()
    (True, '<svg/>\\n')
    """

    __slots__ = ()

    def _repr_svg_(self):
        return self[self.find("<svg"):]


def escape(text):
    """``text`` as XML character data: entities for ``&<>``, codes for control characters.

    >>> escape("a < b & c\\x01")
    'a &lt; b &amp; c\\\\u0001'
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return printable(text)


def _document(width, height, body, title):
    return SVG('<?xml version="1.0" encoding="UTF-8"?>\n' + MARK + '\n'
            '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
            'viewBox="0 0 %d %d" font-family="sans-serif" font-size="13">\n'
            '<title>%s</title>\n<rect width="100%%" height="100%%" fill="white"/>\n%s\n</svg>\n'
            % (width, height, width, height, escape(title), "\n".join(body)))


def _text(x, y, words, anchor="middle", size=None, weight=None, fill=INK):
    extra = (' font-size="%d"' % size if size else "") + (
        ' font-weight="%s"' % weight if weight else "")
    return '<text x="%.1f" y="%.1f" text-anchor="%s" fill="%s"%s>%s</text>' % (
        x, y, anchor, fill, extra, escape(words))


def _number(v):
    return "%.4g" % v


# --- the loss curve --------------------------------------------------------------------

def loss_svg(history, metric, title=None, unit="iteration", held_out=None):
    """The ``(iteration, value)`` reports as a line chart with axes and ticks
    (``unit``: what the x axis counts, ``"epoch"`` with mini-batches);
    ``held_out``, the held-out rows' reports, as a second, dashed line."""
    history = _reports(history, "loss_svg", "history")
    held_out = _reports([] if held_out is None else held_out, "loss_svg", "held_out",
                        empty=True)
    _texts(("metric", metric), ("title", title), where="loss_svg")
    _texts(("unit", unit), where="loss_svg", optional=False)
    width, height = 640, 400
    left, right, top, bottom = 80, 30, 50, 60
    values = [v for _, v in history] + [v for _, v in held_out]
    iterations = [i for i, _ in history]
    log = min(values) > 0 and max(values) / min(values) >= 100
    f = math.log10 if log else (lambda v: v)
    low, high = f(min(values)), f(max(values))
    if log:
        low, high = math.floor(low), math.ceil(high)
    if high == low:
        low, high = low - 1, high + 1
    first, last = iterations[0], iterations[-1] if iterations[-1] > iterations[0] else iterations[0] + 1

    def px(i):
        return left + (i - first) / float(last - first) * (width - left - right)

    def py(v):
        return top + (high - f(v)) / float(high - low) * (height - top - bottom)

    body = []
    # y ticks: each decade on a log scale, five steps otherwise
    if log:
        ticks = [10.0 ** e for e in range(int(low), int(high) + 1)]
    else:
        ticks = [low + k * (high - low) / 4 for k in range(5)]
    for t in ticks:
        y = py(t)
        body.append('<line class="grid" x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#eeeeee"/>'
                    % (left, y, width - right, y))
        body.append(_text(left - 8, y + 4, _number(t), anchor="end", size=11))
    for i in _nice_ticks(first, last):
        x = px(i)
        body.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s"/>'
                    % (x, height - bottom, x, height - bottom + 5, INK))
        body.append(_text(x, height - bottom + 20, "%d" % i, size=11))
    body.append('<path class="axes" d="M%d %d V%d H%d" fill="none" stroke="%s"/>'
                % (left, top, height - bottom, width - right, INK))
    points = " ".join("%.1f,%.1f" % (px(i), py(v)) for i, v in history)
    body.append('<polyline class="curve" points="%s" fill="none" stroke="%s" stroke-width="2"/>'
                % (points, POSITIVE))
    for i, v in history:
        body.append('<circle class="point" cx="%.1f" cy="%.1f" r="3" fill="%s">'
                    '<title>%s %d: %s %r</title></circle>' % (px(i), py(v), POSITIVE,
                                                                 escape(unit), i,
                                                                 escape(metric), v))
    if held_out:
        points = " ".join("%.1f,%.1f" % (px(i), py(v)) for i, v in held_out)
        body.append('<polyline class="curve held-out" points="%s" fill="none" stroke="%s" '
                    'stroke-width="2" stroke-dasharray="6 4"/>' % (points, NEGATIVE))
        for i, v in held_out:
            body.append('<circle class="point held-out" cx="%.1f" cy="%.1f" r="3" fill="%s">'
                        '<title>%s %d: held-out %s %r</title></circle>'
                        % (px(i), py(v), NEGATIVE, escape(unit), i, escape(metric), v))
        body.append(_text(width - right, 44, "training (solid), held-out (dashed)",
                          anchor="end", size=11))
    body.append(_text(width / 2.0, height - 15, unit))
    label = metric + (" (log scale)" if log else "")
    body.append('<text x="18" y="%.1f" text-anchor="middle" fill="%s" transform="rotate(-90 18 %.1f)">'
                '%s</text>' % (height / 2.0, INK, height / 2.0, escape(label)))
    heading = title or "%s over training" % metric
    body.append(_text(width / 2.0, 28, heading, size=16, weight="bold"))
    return _document(width, height, body, heading)


def _nice_ticks(first, last):
    """Round iteration numbers, 1, 2 or 5 times a power of ten apart, at most 7."""
    span = max(last - first, 1)
    exponent = 0
    while True:
        for step in (10 ** exponent, 2 * 10 ** exponent, 5 * 10 ** exponent):
            if span / step <= 6:
                start = -(-first // step) * step
                return list(range(int(start), int(last) + 1, step))
        exponent += 1


# --- the network ----------------------------------------------------------------------

def network_svg(layers, weights, inputs=None, targets=None, title=None):
    """Layers of nodes and one edge per weight: colour by sign, width by size.

    ``weights`` must be the network ``layers`` says (``syn[k]`` is layers[k]
    x layers[k + 1]); ``inputs`` and ``targets`` name the first and last
    layers' nodes.
    """
    from . import checks
    _texts(("title", title), where="network_svg")
    layers = checks.layer_sizes(layers)
    weights = checks.weight_matrices(weights, "network_svg")
    drawn = [len(weights[0])] + [len(syn[0]) for syn in weights]
    if drawn != layers:
        raise PurebpError("network_svg: weights are a %s network, but layers says %s"
                          % (",".join(str(n) for n in drawn), ",".join(str(n) for n in layers)))
    inputs = checks.names(inputs, layers[0], "inputs", "the input nodes")
    targets = checks.names(targets, layers[-1], "targets", "the output nodes")
    gap_x, gap_y = 170, 46
    tallest = max(layers)
    width = 120 + gap_x * (len(layers) - 1) + 120
    height = 110 + gap_y * (tallest - 1) + 70
    biggest = max([abs(w) for syn in weights for row in syn for w in row] + [1e-300])

    def position(k, i):
        x = 120 + gap_x * k
        y = 80 + (tallest - layers[k]) * gap_y / 2.0 + i * gap_y
        return x, y

    body = []
    for k, syn in enumerate(weights):
        for i, row in enumerate(syn):
            for j, w in enumerate(row):
                (x1, y1), (x2, y2) = position(k, i), position(k + 1, j)
                body.append('<line class="edge" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" '
                            'stroke="%s" stroke-width="%.2f" stroke-opacity="0.85">'
                            '<title>syn%d[%d][%d] = %r</title></line>'
                            % (x1, y1, x2, y2, POSITIVE if w >= 0 else NEGATIVE,
                               0.5 + 5.5 * abs(w) / biggest, k, i, j, w))
    for k, size in enumerate(layers):
        for i in range(size):
            x, y = position(k, i)
            if k == 0:
                name = inputs[i] if inputs else "x%d" % (i + 1)
            elif k == len(layers) - 1:
                name = targets[i] if targets else "l%d" % k
            else:
                name = "l%d[%d]" % (k, i)
            body.append('<circle class="node" cx="%.1f" cy="%.1f" r="13" fill="white" '
                        'stroke="%s" stroke-width="2"><title>%s</title></circle>'
                        % (x, y, INK, escape(name)))
            if k == 0:
                body.append(_text(x - 22, y + 4, name, anchor="end"))
            elif k == len(layers) - 1:
                body.append(_text(x + 22, y + 4, name, anchor="start"))
        x, _ = position(k, 0)
        caption = "input" if k == 0 else ("output" if k == len(layers) - 1 else "hidden")
        body.append(_text(x, height - 40, "l%d: %s, %d" % (k, caption, size), size=12))
    body.append(_text(width / 2.0, height - 14, "blue: positive weight, red: negative; "
                      "wider: larger", size=11, fill="#555555"))
    heading = title or "network %s" % ",".join(str(n) for n in layers)
    body.append(_text(width / 2.0, 30, heading, size=16, weight="bold"))
    return _document(max(width, 420), height, body, heading)


# --- the chain rule ---------------------------------------------------------------------

def chain_rule_svg(values=None, loss="half-sse"):
    """The article's lost figure: x -> z = x·w -> l = sigmoid(z) -> loss.

    ``values``, if given, is a dict with ``x``, ``w``, ``z``, ``l``, ``y``
    and the factors, shown beside their symbols: ``dloss_dl``, ``dl_dz``,
    ``dz_dw``; for a loss whose slope cancels (``cross-entropy``), the two
    factors after z are one, ``dloss_dz``, and the figure says why. The
    loss's symbols come from its table entry (``purebp.losses``).
    """
    from . import checks
    from .losses import LOSS_NAMES, LOSSES
    checks.choice(loss, LOSS_NAMES, "loss", "convention")
    if values is not None:
        factors = ("dloss_dz",) if LOSSES[loss].cancels else ("dloss_dl", "dl_dz")
        wanted = ("x", "w", "z", "l", "y", "dz_dw") + factors
        if not isinstance(values, dict) or not all(_finite(values.get(k)) for k in wanted):
            raise PurebpError("chain_rule_svg: values: expected a dict of the finite numbers %s "
                              "(chain_rule_values makes it), got %s"
                              % (", ".join(wanted), show(values)))
    top = LOSSES[loss]
    width, height = 860, 330
    boxes = [("x", "input"), ("z = x·w", "weighted sum"), ("l = sigmoid(z)", "prediction"),
             ("loss", top.symbol)]
    if top.cancels:     # one factor from z to the loss: the sigmoid's slope cancels
        factors = [("d z/d w = x", "dz_dw", 0, 1), (top.dloss_symbol, "dloss_dz", 1, 3)]
    else:
        factors = [("d z/d w = x", "dz_dw", 0, 1), ("d l/d z = l(1 − l)", "dl_dz", 1, 2),
                   (top.dloss_symbol, "dloss_dl", 2, 3)]
    body = []
    xs = [90, 330, 570, 780]
    y = 130
    for k in range(3):
        body.append('<line class="link" x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" '
                    'stroke-width="2"/>' % (xs[k] + 62, y, xs[k + 1] - 62, y, INK))
        body.append('<path d="M%d %d l-9 -5 v10 z" fill="%s"/>' % (xs[k + 1] - 62, y, INK))
        for label, key, start, end in factors:
            if start != k:
                continue
            body.append('<path d="M%d %d l9 -5 v10 z" fill="%s"/>' % (xs[start] + 62, y + 40,
                                                                     NEGATIVE))
            body.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2" '
                        'stroke-dasharray="5 4"/>' % (xs[start] + 62, y + 40, xs[end] - 62,
                                                      y + 40, NEGATIVE))
            middle = (xs[start] + xs[end]) / 2.0
            body.append('<g class="factor">' + _text(middle, y + 62, label, fill=NEGATIVE))
            if values:
                body[-1] += _text(middle, y + 80, "= " + _number(values[key]), fill=NEGATIVE)
            if key == "dloss_dz":
                body[-1] += _text(middle, y + (96 if values else 80), "l(1 − l) cancels with "
                                  "the log's 1/(l(1 − l))", size=11, fill=NEGATIVE)
            body[-1] += "</g>"
    for (name, caption), x in zip(boxes, xs):
        body.append('<rect class="box" x="%d" y="%d" width="124" height="44" rx="8" fill="white" '
                    'stroke="%s" stroke-width="2"/>' % (x - 62, y - 22, INK))
        body.append(_text(x, y + 5, name, weight="bold"))
        body.append(_text(x, y - 32, caption, size=11, fill="#555555"))
        if values:
            key = {"x": "x", "z = x·w": "z", "l = sigmoid(z)": "l"}.get(name)
            if key:
                body.append(_text(x, y + 40 + 70, "%s = %s" % (key, _number(values[key])),
                                  size=11))
    keys = [key for _, key, _, _ in reversed(factors)]
    product = "d loss/d w = " + " · ".join(
        "(%s)" % {"dloss_dl": "d loss/d l", "dl_dz": "d l/d z", "dz_dw": "d z/d w",
                  "dloss_dz": "d loss/d z"}[key] for key in keys)
    body.append(_text(width / 2.0, 262, product, size=15))
    if values:
        total = 1.0
        for key in keys:
            total *= values[key]
        body.append(_text(width / 2.0, 286, "= %s = %s" % (
            " · ".join(_number(values[key]) for key in keys), _number(total)), size=13))
    body.append(_text(width / 2.0, 312, "forward: black arrows; backward (the chain rule): "
                      "dashed, right to left", size=11, fill="#555555"))
    heading = "the chain rule for one weight"
    body.append(_text(width / 2.0, 32, heading, size=16, weight="bold"))
    return _document(width, height, body, heading)


def chain_rule_values(X, y, syn, row=2, weight=0, loss="half-sse"):
    """The numbers of the chain-rule figure for one example and one weight,
    from the first step of training: each factor as the article computes it."""
    from . import checks
    from .network import step
    from .network_check import check_network
    (syn,), X, y = check_network([syn], X, "chain_rule_values", y)
    if len(syn[0]) != 1:
        raise PurebpError("chain_rule_values: syn has %d columns; the chain-rule figure is of "
                          "the article's network, one output" % len(syn[0]))
    row = checks.whole_number(row, "chain_rule_values: row")
    weight = checks.whole_number(weight, "chain_rule_values: weight")
    if row >= len(X) or weight >= len(syn):
        raise PurebpError("chain_rule_values: %s %d is past the last (%d)"
                          % (("row", row, len(X) - 1) if row >= len(X)
                             else ("weight", weight, len(syn) - 1)))
    s = step([syn], X, y, 1.0, loss)
    l = s.l[1][row][0]
    values = {"x": X[row][weight], "w": syn[weight][0], "z": s.z[0][row][0], "l": l,
              "y": y[row][0], "dz_dw": X[row][weight]}
    if s.slope[0] is None:     # the loss gave l_delta itself: its slope cancelled
        values["dloss_dz"] = -s.l_delta[0][row][0]
    else:
        values["dloss_dl"] = -s.l_error[0][row][0]
        values["dl_dz"] = s.slope[0][row][0]
    return values


def _reports(history, where, name, empty=False):
    """``(iteration, value)`` pairs (numpy's welcome) of a whole-number
    iteration and a value, finite values only (NaN and infinities, which no
    chart can place, left out), at least one unless ``empty``."""
    from .checks import plain
    history = plain(history)
    if not isinstance(history, (list, tuple)):
        raise PurebpError("%s: %s: expected a list of (iteration, value) pairs, got %s"
                          % (where, name, show(history)))
    pairs = []
    for pair in history:
        pair = plain(pair)
        if isinstance(pair, (list, tuple)) and len(pair) == 2:
            i, v = plain(pair[0]), plain(pair[1])
            if _finite(i) and i == int(i):
                i = int(i)       # 2.0, as a numpy array of reports holds it
        else:
            i = v = None
        if not (isinstance(i, int) and not isinstance(i, bool)
                and isinstance(v, (int, float)) and not isinstance(v, bool)):
            raise PurebpError("%s: %s: expected (iteration, value) pairs of numbers, got %s"
                              % (where, name, show(pair)))
        if v - v == 0:
            pairs.append((i, float(v) if isinstance(v, float) else v))   # np.float64 as 1.0
    if not pairs and not empty:
        raise PurebpError("%s: %s has no finite value to draw" % (where, name))
    return pairs


def _finite(v):
    """Whether ``v`` is a finite number (not a bool)."""
    return isinstance(v, (int, float)) and not isinstance(v, bool) and v - v == 0


def _texts(*named, **where):
    """Each ``(name, value)`` of ``named`` a text, or None (unless ``optional=False``)."""
    for name, value in named:
        if not isinstance(value, str) and (value is not None or not where.get("optional", True)):
            raise PurebpError("%s: %s: expected a text, got %s" % (where["where"], name,
                                                                  show(value)))
