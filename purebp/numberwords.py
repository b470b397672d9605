"""Why a word typed as a number is refused, and how a long word is shown.

Flags (``--iterations``, ``--lr``), predict's rows and the cells of a CSV
file are numbers typed by hand, or pasted from a word processor or a
spreadsheet. When one is no number, its message says what is wrong and
what to write (``hint``); a word of a megabyte is shown by its ends and its
length (``clip``). What is read as a number, the same on the command line
and in a CSV file (docs/errors.md, "Numbers, as typed"): decimal digits, a
sign, a point and an exponent, as ``float`` reads them, so ``5.`` and ``.5``
are numbers. Not: ``1_000`` (a typo that ``float`` would read), ``0x10``, a
currency sign, a minus sign other than ``-``, full-width digits. A flag
that counts takes digits only: ``5.`` and ``1e3`` are refused with the
digits to write.

A board loads this module only to refuse a ``--seed`` (purebp.miniargs), so
both command lines say the same; it keeps to what MicroPython has.

>>> hint("\\u22125")
'its minus sign is U+2212, as word processors write it: write -5'
>>> hint("1_000"), hint("$5")
("'_' is no part of a number: write 1000", "leave out the '$': write 5")
>>> hint("5.", whole=True), hint("0x10")
('a count is written in digits only: write 5', '0x10 is hexadecimal: write 16')
"""

from .typed import full_width

# What word processors and keyboards write for "-": the minus sign, the
# dashes an autocorrect makes of " - ", the hyphens.
_MINUSES = "\u2212\u2012\u2013\u2014\u2010\u2011\ufe63"
_SIGNS = "$\u20ac\u00a3\u00a5%"         # $ EUR GBP YEN, and %
DIGITS = 4300        # CPython 3.11+ reads no longer whole number (sys.int_info)
_EXACT = 2 ** 53     # a count written as a float is exact below this
SEED_LARGE = "numpy takes 0 to 2**32 - 1 (4294967295)"


def clip(text, most=40, quote=repr):
    """``quote(text)``, or for a text longer than ``most`` characters its
    first and last characters and its length.

    >>> clip("3," + "9" * 5000 + ",1")
    "'3,999999999999999999999...99999,1' (5004 characters)"
    """
    if len(text) <= most:
        return quote(text)
    return "%s (%d characters)" % (quote(text[:most - 17] + "..." + text[-7:]), len(text))


def clip_words(message, words, most=200):
    """``message`` with each of ``words`` (a command line's) longer than
    ``most`` characters (a path is shown whole), or the value after its
    ``=``, shown by ``clip``, as is or quoted: a message is one line, not a
    megabyte.

    >>> clip_words("--data %r is no file" % ("x" * 50), ["--data", "x" * 50], 40)
    "--data 'xxxxxxxxxxxxxxxxxxxxxxx...xxxxxxx' (50 characters) is no file"
    """
    for word in sorted(words, key=len, reverse=True):
        for text in [word] + word.split("=", 1)[1:]:
            if len(text) > most:
                message = message.replace(repr(text), clip(text)).replace(text, clip(text))
    return message


def hint(word, whole=False, quote=repr):
    """What is wrong with ``word``, which is no number (``whole``: no count,
    a whole number of 0 or more), and what to write; "too large" for a
    count past what Python reads (the caller knows the limit); "" if nothing
    better than "no number" can be said."""
    word = word.strip()
    if whole and too_long(word):
        return "it is negative" if word.startswith("-") else "too large"
    said = full_width([word], lambda w: clip(w, 40, quote))
    if said:
        return said if len(said) < 200 else said.split(": write")[0]
    for dash in _MINUSES:
        if dash in word:
            fixed = word.replace(dash, "-")
            if whole and fixed.startswith("-"):
                return ("it is negative (its minus sign is U+%04X, as word processors "
                        "write it)" % ord(dash))
            return "its minus sign is U+%04X, as word processors write it: write %s" % (
                ord(dash), _short(fixed))
    if "_" in word and _float(word.replace("_", "")) is not None:
        return "'_' is no part of a number: write %s" % _short(word.replace("_", ""))
    base = word.lower().lstrip("+-")[:2]
    if base in ("0x", "0o", "0b"):
        return _base(word, {"0x": "hexadecimal", "0o": "octal", "0b": "binary"}[base])
    for sign in _SIGNS:
        if sign in word and _float(word.replace(sign, "")) is not None:
            return "leave out the '%s': write %s" % (sign, _short(word.replace(sign, "")))
    if "," in word and _float(word.replace(",", "")) is not None:
        if _thousands(word):
            return "thousands separators? write %s" % _short(word.replace(",", ""))
        if word.count(",") == 1 and not whole:
            return "a decimal comma? write %s" % _short(word.replace(",", "."))
    return _as_number(word, whole)


def _as_number(word, whole):
    """``hint`` for a word written as a number, that is none of the kind asked."""
    value = _float(word)
    if value in (float("inf"), float("-inf")):       # 1e400 ("inf" is no _float)
        return ("it is negative" if whole and value < 0 else "too large" if whole
                else "too large for a float (at most about 1.8e308)")
    if value is None or word.lstrip("+").isdigit():
        return ""
    if whole and value < 0:
        return "it is negative"
    if whole and value == int(value):
        return ("too large" if value >= _EXACT
                else "a count is written in digits only: write %d" % int(value))
    return ""


def refusal(text, name, whole=True, large="", quote=repr):
    """Why ``text``, refused as a flag's value, is no ``name`` (``whole``: a
    count), with what to write; for a number too large, ``large``: the limit
    that applies. None where argparse's own message says it all. Both
    command lines say it (``quote``: how a word is shown; MicroPython's
    small command line passes its copy of CPython's ``repr``).

    >>> refusal("1e9999", "whole number", large=SEED_LARGE)
    "invalid whole number value: '1e9999': too large: numpy takes 0 to 2**32 - 1 (4294967295)"
    """
    reason = hint(text, whole, quote)
    if reason == "too large" and large:
        reason += ": " + large
    if not reason and len(text) <= 40:
        return None
    return "invalid %s value: %s%s" % (name, clip(text, 40, quote),
                                       ": " + reason if reason else "")


def flag_type(read, name, whole=True, large=""):
    """``read`` (text to value, raising ValueError) as an argparse type named
    ``name``, whose refusal (``refusal``) says why."""
    def convert(text):
        try:
            return read(text)
        except ValueError:
            said = refusal(text, name, whole, large)
        if said is None:
            raise ValueError(text)          # argparse's own "invalid <name> value: '<text>'"
        import argparse
        raise argparse.ArgumentTypeError(said)
    convert.__name__ = name
    return convert


def empty_part(parts, separator):
    """Where ``parts``, a word split at each ``separator`` (its name: "comma"),
    has an empty one.

    >>> empty_part("1,2,".split(","), "comma")
    'it ends with a comma'
    """
    blank = [part.strip() == "" for part in parts]
    return ("it ends with a %s" % separator if blank[-1] else "it starts with a %s" % separator
            if blank[0] else "it has two %ss in a row" % separator)


def too_long(word):
    """Whether ``word`` is a whole number of more digits than Python reads."""
    digits = word.strip().lstrip("+-")
    return len(digits) > DIGITS and digits.isdigit()


def _float(word):
    """``float(word)``, if ``word`` is written as a number (in ASCII, without
    ``_``, not ``nan``); else None."""
    if not word or "_" in word or "n" in word.lower() or any(ord(c) > 127 for c in word):
        return None
    try:
        return float(word)
    except ValueError:
        return None


def _base(word, said):
    try:
        value = int(word, 0)
    except ValueError:
        return ""
    return ("%s is %s: write %d" % (word, said, value) if abs(value) < 10 ** 40
            else "it is %s, and too large" % said)


def _thousands(word):
    """Whether ``word`` is a whole number with thousands separators: 1,000."""
    groups = word.lstrip("+-").split(",")
    return (1 <= len(groups[0]) <= 3 and all(g.isdigit() for g in groups)
            and all(len(g) == 3 for g in groups[1:]))


def _short(text):
    return text if len(text) <= 40 else "the number without it"
