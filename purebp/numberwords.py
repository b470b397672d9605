"""Why a word typed as a number is refused, and how a long word is shown.

Flags (``--iterations``, ``--lr``), predict's rows and the cells of a CSV
file are numbers typed by hand, or pasted from a word processor or a
spreadsheet. When one is no number, its message says what is wrong and
what to write (``hint``); a word of a megabyte is shown by its ends and its
length (``clip``). What is read as a number, the same on the command line
and in a CSV file (docs/errors.md, "Numbers, as typed"): decimal digits, a
sign, a point and an exponent, as ``float`` reads them, so ``5.`` and ``.5``
are numbers. Not: ``1_000`` (a typo that ``float`` would read), ``0x10``, a
currency sign, a minus sign other than ``-``, full-width digits, ``、`` and
``。``, spaces other than around it, ``1e-400`` (0.0 to ``float``). A flag
that counts takes digits only: ``5.`` and ``1e3`` are refused with the
digits to write. A rewrite is proposed only where it is read (``hint``'s
``read``: the flag's own reader), and a number that may be read two ways
(``1,500``) is asked about; the reasons: docs/errors.md, "Why a number is
refused".

A board loads this module when its small command line refuses a word
(purebp.miniargs), so both command lines say the same; it keeps to what
MicroPython has.

>>> hint("\\u22125")
'its minus sign is U+2212, as word processors write it: write -5'
>>> hint("1_000"), hint("$5")
("'_' is no part of a number: write 1000", "leave out the '$': write 5")
>>> hint("5.", whole=True), hint("0x10")
('a count is written in digits only: write 5', '0x10 is hexadecimal: write 16')
"""

# What word processors and keyboards write for "-": the minus sign, the
# dashes an autocorrect makes of " - ", the hyphens, the horizontal bar.
_MINUSES = "\u2212\u2012\u2013\u2014\u2010\u2011\ufe63\u2015"
_SIGNS = "$\u20ac\u00a3\u00a5\uffe5\uffe1"    # $ EUR GBP YEN, full-width YEN and GBP
# Spaces a number may be grouped or pasted with, and characters pasted text
# hides (zero-width spaces and joiners, the byte order mark): their names.
_SPACES = " \u00a0\u2007\u2009\u202f\u3000"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_FULL = "%s has full-width characters, as a Chinese or Japanese input method types them"
_GROUPED = ", a thousands separator?"      # a space inside a number
_HALF = "type it in half-width (ASCII)"
_NAMES = {"\u00a0": "a no-break space", "\u2007": "a figure space", "\u2009": "a thin space",
          "\u202f": "a narrow no-break space", "\u3000": "an ideographic space",
          "\ufeff": "a byte order mark", "\u200b": "a zero-width space"}
# Each look-alike character as the ASCII one meant ("" for none).
_LOOK = {"\u3001": ",", "\u3002": "."}
for _c in _MINUSES:
    _LOOK[_c] = "-"
for _c in _SPACES + _INVISIBLE:
    _LOOK[_c] = ""
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
    ``most`` characters, or the value after its ``=``, shown by ``clip``, as
    is or quoted: a message is one line, not a megabyte (a path too: one of
    200 characters or fewer is shown whole).

    >>> clip_words("--data %r is no file" % ("x" * 50), ["--data", "x" * 50], 40)
    "--data 'xxxxxxxxxxxxxxxxxxxxxxx...xxxxxxx' (50 characters) is no file"
    """
    for word in sorted(words, key=len, reverse=True):
        for text in [word] + word.split("=", 1)[1:]:
            if len(text) > most:
                message = message.replace(repr(text), clip(text)).replace(text, clip(text))
    return message


def hint(word, whole=False, quote=repr, read=None, written=None):
    """What is wrong with ``word``, which is no number (``whole``: no count,
    a whole number of 0 or more), and what to write; "too large" for a
    count past what Python reads (the caller knows the limit); "" if nothing
    better than "no number" can be said. A rewrite is proposed only if
    ``read`` (the flag's own reader: text to value, raising an error; by
    default a float, or a count) takes it; a rewrite too long to show says
    what to change instead. ``written``: how a rewrite is shown (a file
    with decimal commas: ``lambda w: w.replace(".", ",")``), the rest of
    the sentence as is.

    >>> hint("1,500"), hint("1,500", whole=True), hint("1.000", whole=True)
    ('is it 1.500 or 1500? write it with a decimal point, without thousands separators', \
'thousands separators? write 1500', 'is it 1 or 1000? write it without thousands separators')
    >>> hint("1\\u20132"), hint("30%", read=lambda w: _in(_number(w), 0, 1))
    ('it has U+2013, a dash as word processors write it', 'a percentage: write 0.3')
    """
    word = word.strip(" \t\n\r")        # ASCII only, as MicroPython's strip
    read = read or (_count if whole else _number)
    written = written or str
    if whole and too_long(word):
        return "it is negative" if word.startswith("-") else "too large"
    said, fixed, change = _lookalikes(word, quote)
    if not said:
        return _rule(word, whole, read, written)
    if whole and fixed.startswith("-") and fixed[1:].isdigit() and fixed[1:].strip("0"):
        return "it is negative (%s)" % said
    if _reads(read, fixed):
        return _then(said, "write " + written(fixed) if len(fixed) <= 40 else change)
    then = _rule(fixed, whole, read, written)
    return said.replace(_GROUPED, "") + (", and " + then if then else "")


def _rule(word, whole, read, written):
    """``hint`` for a word of ASCII characters."""
    if "_" in word and as_float(word.replace("_", "")) is not None:
        return _write(read, written, "'_' is no part of a number", "delete it",
                      word.replace("_", ""))
    base = word.lower().lstrip("+-")[:2]
    if base in ("0x", "0o", "0b"):
        return _base(word, {"0x": "hexadecimal", "0o": "octal", "0b": "binary"}[base], read)
    if word.endswith("%") and as_float(word[:-1]) is not None:
        return _write(read, written, "a percentage", "leave out the '%'", word[:-1],
                      _percent(word[:-1]))
    for sign in _SIGNS:
        if sign in word and as_float(word.replace(sign, "")) is not None:
            return _write(read, written, "leave out the '%s'" % sign, "", word.replace(sign, ""))
    said = _separators(word, whole, read, written)
    return said if said is not None else _as_number(word, whole, read)


def _separators(word, whole, read, written):
    """``hint`` for a number written with ``,`` or more than one ``.``:
    thousands separators, a decimal comma, or either (then ambiguous: 1,500);
    None if it has neither."""
    sign = word[:len(word) - len(word.lstrip("+-"))]
    digits = word[len(sign):]
    if not digits or "," not in digits and digits.count(".") < 2 - whole or any(
            c not in "0123456789,." for c in digits):
        return None
    if "," in digits and "." in digits:         # 1,000.5 or 1.000,5
        mark = "," if digits.rfind(",") > digits.rfind(".") else "."
        group = "." if mark == "," else ","
        at = digits.rfind(mark)         # (a board's str may have no rpartition)
        grouped, tail = digits[:at], digits[at + 1:]
        if not (grouped_by(grouped, group) and tail.isdigit()):
            return ""
        return _write(read, written, "thousands separators%s?" % (
                          " and a decimal comma" if mark == "," else ""),
                      "delete the thousands separators" + (", and write '.' for ','"
                                                           if mark == "," else ""),
                      sign + grouped.replace(group, "") + "." + tail)
    mark = "," if "," in digits else "."
    if digits.count(mark) > 1:
        if not grouped_by(digits, mark):
            return ""
        plain = sign + digits.replace(mark, "")
        why = _as_number(plain, whole, read)            # 1,000,...,000 past 1.8e308
        return (_write(read, written, "thousands separators?", "delete them", plain)
                or why and "thousands separators, and " + why)
    decimal, thousand = sign + digits.replace(mark, "."), sign + digits.replace(mark, "")
    if not grouped_by(digits, mark):
        return (_write(read, written, "a decimal comma?", "write '.' for ','", decimal)
                if mark == "," else None)
    if whole and float(decimal) == int(float(decimal)):
        decimal = sign + str(int(float(decimal)))
    taken = [w for w in (decimal, thousand) if _reads(read, w)]
    if len(taken) == 2:
        return "is it %s or %s? write it %swithout thousands separators" % (
            written(decimal), written(thousand), "" if whole else "with a decimal point, ")
    return _write(read, written, "thousands separators?" if taken == [thousand]
                  else "a decimal comma?" if mark == ","
                  else "a count is written in digits only",     # --row 1.000
                  "", *taken) if taken else ""


def grouped_by(digits, mark):
    """Whether ``digits`` (no sign) is a whole number grouped by ``mark`` in threes.

    >>> grouped_by("1,000", ","), grouped_by("12.000.000", "."), grouped_by("0.125", ".")
    (True, True, False)
    """
    groups = digits.split(mark)
    return (len(groups) > 1 and 1 <= len(groups[0]) <= 3 and groups[0][:1] != "0"
            and all(g.isdigit() for g in groups) and all(len(g) == 3 for g in groups[1:]))


def _write(read, written, said, change, *rewrites):
    """``said``, with the first of ``rewrites`` that ``read`` takes (all
    those it takes, "or" between them, each shown by ``written``), or what
    to change (``change``) if that is too long to show, or nothing more if
    ``read`` takes none."""
    taken = []
    for w in rewrites:          # (30% -> 30 or 0.3; 0% -> 0, once)
        if w and w not in taken and _reads(read, w):
            taken.append(w)
    if not taken:
        return said if said[-1] != "?" else ""
    if max(len(w) for w in taken) > 40:
        return _then(said, change) if change else said
    return _then(said, "write " + " or ".join(written(w) for w in taken))


def lookalikes(word, read, quote=repr):
    """``hint`` for the characters of ``word`` that look like a number's but
    are not ASCII (full-width, a Chinese comma, a minus sign, a no-break
    space...), with the rewrite ``read`` takes; "" if it has none.

    >>> lookalikes("3\\u30014\\u30011", lambda w: w.split(",")[2])
    "'\\u3001' is the Chinese enumeration comma: write 3,4,1"
    """
    said, fixed, change = _lookalikes(word, quote)
    if not said or not _reads(read, fixed):
        return said.replace(_GROUPED, "")
    return _then(said, "write " + fixed if len(fixed) <= 40 else change)


def _then(said, what):
    """``said: what``, or ``said? what`` for a question."""
    return said + (" " if said[-1] == "?" else ": ") + what


def _lookalikes(word, quote):
    """``(what, the word in ASCII, what to change)`` for the look-alike
    characters in ``word``, each kind said once (``−１``: a minus sign and
    full-width digits), so one rewrite fixes them all; ``("", word, "")``
    if none."""
    fixed = "".join(_LOOK.get(c, chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c)
                    for c in word).strip(" ")
    # What _kind asks of the word, worked out once (once a character: quadratic)
    stripped = word.strip(" ")
    core = [i for i, d in enumerate(word) if d not in _SPACES + _INVISIBLE]
    facts = (word, stripped, core[:1] + core[-1:], as_float(word.replace(" ", "")) is not None,
             quote(word) if len(word) <= 40 else "it")     # a long word: its ends are quoted
    said, changes, first = [], [], {}
    for i, c in enumerate(word):
        if c not in first:      # each character once, where it is first
            first[c] = i
            kind = _kind(c, i, facts)
            if kind and kind[0] not in said:
                said.append(kind[0])
                changes.append(kind[1])
    if not said:
        return "", word, ""
    if len(said) > 1:           # a question only alone: "..., and ..." says it all
        said = [part.replace(_GROUPED, "") for part in said]
    return ", and ".join(said), fixed, ", and ".join(changes)


def _kind(c, at, facts):
    """``(what, what to change)`` for the character ``c`` of a word, a
    look-alike of a number's, first at ``at`` in the word; None for one of its own. ``facts``: the word, stripped, the
    ends of its core (no spaces, nothing invisible), whether it is a number
    without its spaces, and how it is quoted."""
    word, stripped, core, spaced, shown = facts
    o = ord(c)
    if 0xFF01 <= o <= 0xFF5E:
        return _FULL % shown, _HALF
    if c in _MINUSES:
        where = at - (len(word) - len(word.lstrip(" ")))      # in stripped
        # a minus sign: first, or after an exponent, a space or a comma (3,−1)
        minus = where == 0 or stripped[where - 1:where] in "eE,\u3001" + _SPACES
        return ("its minus sign is U+%04X, as word processors write it" % o if minus else
                "it has U+%04X, a dash as word processors write it" % o,
                "write '-' for U+%04X" % o)
    if _LOOK.get(c):
        return ("'%s' is the Chinese %s" % (c, "enumeration comma" if c == "\u3001"
                                             else "full stop"),
                "write '%s' for '%s'" % (_LOOK[c], c))
    if c == " " and not spaced:
        return None         # "a b" is no number with a space in it
    if c in _LOOK:
        name = _NAMES.get(c, "a space") if c in _SPACES else _NAMES.get(c, "")
        # (not strip(_SPACES): MicroPython strips bytes, and ５'s first is U+FEFF's)
        inside = core and core[0] < at < core[-1]
        return ("it has %s (U+%04X)%s%s" % (
            name or "an invisible character", o, ", as a Chinese or Japanese input method "
            "types it" if o == 0x3000 else "", _GROUPED if inside and name else ""),
            "delete it")
    return None


def _reads(read, word):
    """Whether ``read`` takes ``word`` (any error: not)."""
    try:
        read(word)
    except Exception:
        return False
    return True


def _number(word):
    value = as_float(word)
    if value is None or value in (float("inf"), float("-inf")) or (
            value == 0.0 and not says_zero(word)):      # 1e-400: no rewrite that reads 0.0
        raise ValueError(word)
    return value


def _count(word):
    if not word.lstrip("+").isdigit():
        raise ValueError(word)
    return int(word)


def _in(value, low, high):
    if not low < value < high:
        raise ValueError(value)


def _percent(text):
    """``text`` (a number before a % sign) divided by 100, written by moving
    its point, or its exponent: ``30`` -> ``0.3``, ``1e-400`` -> ``1e-402``
    (no float rounding, no underflow); "" for an exponent too long to read.

    >>> _percent("30"), _percent("-2.5"), _percent("1e-400"), _percent("1.5E+3")
    ('0.3', '-0.025', '1e-402', '1.5e1')
    """
    if "e" in text.lower():
        mantissa, exponent = text.lower().split("e")
        return "" if too_long(exponent) else "%se%d" % (mantissa, int(exponent) - 2)
    sign = text[:len(text) - len(text.lstrip("+-"))]
    whole, part = (text[len(sign):] + ".").split(".")[:2]
    whole = "00" + whole
    digits = (whole[:-2].lstrip("0") or "0") + "." + (whole[-2:] + part).rstrip("0")
    return sign + digits.rstrip(".")


def _as_number(word, whole, read):
    """``hint`` for a word written as a number, that is none of the kind asked."""
    value = as_float(word)
    if value in (float("inf"), float("-inf")):       # 1e400 ("inf" is no _float)
        return ("it is negative" if whole and value < 0 else "too large" if whole
                else "too large for a float (at most about 1.8e308)")
    if value == 0.0 and not says_zero(word):
        return ("a count is written in digits only" if whole
                else "too small for a float: it would be 0.0")
    if value is None or word.lstrip("+").isdigit() or value == 0 and word.lstrip("-").isdigit():
        return ""           # (-0 is 0: a count, below the flag's least, if refused)
    if whole and value < 0:
        return "it is negative"
    if whole and value == int(value):
        said = "a count is written in digits only"
        if value >= _EXACT or value >= 1 and _reads(_count, "%d" % value) and not _reads(
                read, "%d" % value):        # --seed 1e10: past the flag's most
            return said + ", and too large" if value < _EXACT else "too large"
        return _write(read, str, said, "", "%d" % int(value))
    return ""


def says_zero(text):
    """Whether ``text``, a number, spells zero (``0``, ``-0.0e5``), so is
    no float that underflowed (``1e-400``).

    >>> says_zero("-0.0e5"), says_zero("1e-400")
    (True, False)
    """
    return text.strip().lower().lstrip("+-").split("e")[0].strip("0.") == ""


def refusal(text, name, whole=True, large="", quote=repr, read=None):
    """Why ``text``, refused as a flag's value, is no ``name`` (``whole``: a
    count), with what to write (a rewrite ``read`` takes: the flag's
    reader); for a number too large, ``large``: the limit that applies.
    None where argparse's own message says it all. Both command lines say
    it (``quote``: how a word is shown; MicroPython's small command line
    passes its copy of CPython's ``repr``).

    >>> refusal("1e9999", "whole number", large=SEED_LARGE)
    "invalid whole number value: '1e9999': too large: numpy takes 0 to 2**32 - 1 (4294967295)"
    """
    reason = hint(text, whole, quote, read)
    if reason.endswith("too large") and large:
        reason += ": " + large
    if " (" in name:        # a port number, an iteration number: not "a count"
        reason = reason.replace("a count", ("an " if name[0] in "aeiou" else "a ")
                                + name[:name.index(" (")])
    if not reason and len(text) <= 40:
        return None
    return "invalid %s value: %s%s" % (name, clip(text, 40, quote),
                                       ": " + reason if reason else "")


def flag_type(read, name, whole=True, large="", fits=None):
    """``read`` (text to value, raising ValueError) as an argparse type named
    ``name``, whose refusal (``refusal``) says why; ``fits``: what a value
    must also pass (raising ValueError) to be proposed as a rewrite."""
    def convert(text):
        try:
            return read(text)
        except ValueError:
            said = refusal(text, name, whole, large, repr,
                           (lambda w: fits(read(w))) if fits else read)
        if said is None:
            raise ValueError(text)          # argparse's own "invalid <name> value: '<text>'"
        import argparse
        raise argparse.ArgumentTypeError(said)
    convert.__name__ = name
    return convert


def full_width(words, quote=repr, accepts=None):
    """For the first of ``words`` with full-width characters (``１０``, ``，``,
    ``＝``, the ideographic space), as a Chinese or Japanese input method
    types them: what to write instead, for a message (only if ``accepts``,
    given the word and its rewrite, says the rewrite would be taken); ""
    if none has any.

    >>> full_width(["--lr", "０．５"])
    "'０．５' has full-width characters, as a Chinese or Japanese input method types them: write 0.5"
    """
    for word in words:
        plain = "".join(" " if c == "\u3000" else chr(ord(c) - 0xFEE0)
                        if 0xFF01 <= ord(c) <= 0xFF5E else c for c in word).strip(" ")
        if plain != word.strip(" "):
            # a long word: the message quotes its ends already
            said = _FULL % (quote(word) if len(word) <= 40 else "it")
            if accepts is not None and not accepts(word, plain):
                return said
            return _then(said, "write " + plain if len(plain) <= 40 else _HALF)
    return ""


def refused_word_hint(message, words, quote=repr, accepts=None):
    """``full_width`` for the word ``message`` refuses (shown quoted, or
    after a space: ``unrecognized arguments: ｘ``), never another word of
    the command line; "" if ``message`` says it already. ``accepts(word,
    plain)``: whether the command line with ``plain`` for ``word`` is
    taken (``check ５``: check takes no ``5`` either)."""
    if "input method" in message:       # a look-alike hint said it, and the rest
        return ""
    return full_width([w for w in words if quote(w) in message or " " + w in message], quote,
                      accepts)


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


def as_float(word):
    """``float(word)``, if ``word`` is written as a number (in ASCII, without
    ``_``, not ``nan``); else None."""
    if ("_" in word or "n" in word.lower() or any(ord(c) > 127 for c in word)
            or not any(c in "0123456789" for c in word)):     # MicroPython's float(".") is 0.0
        return None
    try:
        return float(word)
    except ValueError:
        return None


def _base(word, said, read):
    try:
        value = int(word, 0)
    except (ValueError, OverflowError):     # (a board without long integers)
        return ""
    shown = word if len(word) <= 40 else "it"
    if abs(value) >= 10 ** 40:      # no str() past 4300 digits (MicroPython has no bit_length)
        return _then("%s is %s" % (shown, said), "write it in decimal digits")
    return _write(read, str, "%s is %s" % (shown, said), "write it in decimal digits",
                  str(value))
