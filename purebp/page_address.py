"""What the browser page's address asks for, and what in it the page cannot follow.

The page takes its settings from its address too
(``?data=xor&layers=3,4,1&lang=zh-CN``). Nothing in it is dropped
silently: an unknown name, a name given twice, a value the page does not
offer, and a setting that does not apply are each named, with what the page
shows instead, once the page has started (``purebp.page.TEXTS`` holds the
words, in English and Chinese). The values purebp checks itself (layers,
lr, loss, activation, seed, iterations) go to ``purebp.page.Session`` as
written, and its message names a bad one.
"""

from . import datasets
from .narration import LANGUAGES
from .streams import is_control

# The settings the page reads from its address, as the form names them.
NAMES = ("data", "layers", "lr", "loss", "activation", "seed", "iterations", "scale", "lang")


def address(pairs, suggested):
    """The settings the page's address asks for, given as its ``[name, value]``
    pairs (``?data=xor&lr=2``), and the problems the page says once it has
    started, each ``[key of purebp.page.TEXTS, argument, ...]``: an unknown
    name, a name given twice, a value outside what the page offers, and a
    ``scale`` that does not apply. The page shows what it can instead (the
    first of repeated values, seed for an unknown data set, the data set's
    suggested scaling, English); layers, lr, loss, activation, seed and
    iterations go to ``start`` as written, whose messages name a bad one.
    ``suggested`` is ``purebp.page.SUGGESTED``.

    >>> from purebp.page import SUGGESTED
    >>> asked = address([["data", "xor"], ["layer", "3,4,1"], ["lr", "2"], ["lr", "3"]], SUGGESTED)
    >>> asked["settings"]["data"], asked["settings"]["lr"]
    ('xor', '2')
    >>> [problem[0] for problem in asked["problems"]]
    ['address_unknown', 'address_repeated']
    """
    values = {}
    names = []                   # in the address's order, each once
    for name, value in pairs:
        if name not in values:
            values[name] = []
            names.append(name)
        values[name].append(value)
    data = values.get("data", ["seed"])[0]
    if data not in datasets.NAMES:
        data = None
    shown = data or "seed"
    settings = {"data": shown, "lang": "en"}
    problems = []
    for name in names:
        given = values[name]
        if name not in NAMES:
            problems.append(["address_unknown", _quoted(name), ", ".join(NAMES),
                             ", ".join(_quoted(value) for value in given)])
            continue
        if len(given) > 1:
            problems.append(["address_repeated", name, len(given),
                             ", ".join(_quoted(value) for value in given), _quoted(given[0])])
        value = given[0]
        if name == "data":
            if data is None:
                problems.append(["address_data", _quoted(value), ", ".join(datasets.NAMES),
                                 shown])
        elif name == "scale":
            classes = [set_name for set_name in datasets.NAMES if datasets.CLASSES.get(set_name)]
            if value not in ("0", "1"):
                scaled = suggested.get(shown, suggested["seed"])["scale"]
                problems.append(["address_scale", _quoted(value), shown, "1" if scaled else "0"])
            elif value == "1" and shown not in classes:
                problems.append(["address_scale_unused", _quoted(value), ", ".join(classes),
                                 shown])
            else:
                settings["scale"] = value == "1"
        elif name == "lang":
            if value in LANGUAGES:
                settings["lang"] = value
            else:
                problems.append(["address_lang", _quoted(value), ", ".join(LANGUAGES)])
        else:                    # purebp's checks name a bad value, once the page starts
            settings[name] = value
    return {"settings": settings, "problems": problems}


def _quoted(text, most=40):
    """``text`` in double quotes, its control characters (``streams.is_control``:
    the bidirectional ones too) as codes, cut to
    ``most`` characters: an address can hold anything."""
    if len(text) > most:
        text = text[:most] + "..."
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif is_control(ch):       # C0, C1, and what turns text around (U+202E)
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'
