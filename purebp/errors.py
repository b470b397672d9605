"""The one error family of purebp.

Every mistake purebp can name -- a ragged matrix, a layer size that does not
fit the data, a bad cell in a CSV file, a damaged model file -- is raised as
a ``PurebpError``. It is a ``ValueError``, so ``except ValueError`` catches
it too, and its message names the values involved, e.g.
``dot: (4, 3) @ (2, 1): inner sizes 3 and 2 differ``.

Each class carries the command line's exit code for it: 2 for bad usage or
bad input (``PurebpError``), 1 for a failure while running
(``TrainingError``, ``SaveError``).

Messages count things in good English and quote values briefly, with
``plural``, ``with_article``, ``type_name`` and ``show``:

>>> plural(1, "number"), plural(3, "number"), with_article("int"), with_article("list")
('1 number', '3 numbers', 'an int', 'a list')

Numbers in messages are short, but never shorter than the truth: ``number``
writes a float with as few digits as read back as it (``%g`` alone makes
9007199254740992 ``9.0072e+15``), and ``numbers`` writes two alike, with
as many digits as tell them apart when they differ (and only then):

>>> number(9007199254740992.0), number(0.5), number(1234568.0)
('9007199254740992', '0.5', '1234568')
>>> numbers(0.6931, 0.6930), numbers(0.25, 0.25)
(('0.6931', '0.693'), ('0.25', '0.25'))
"""


class PurebpError(ValueError):
    """Bad input to purebp; the message says what is wrong and where."""

    exit_code = 2


class TrainingError(PurebpError):
    """Training went wrong while running: a weight became NaN or infinite.

    ``iteration`` is the iteration at which it happened.
    """

    exit_code = 1

    def __init__(self, message, iteration=None):
        PurebpError.__init__(self, message)
        self.iteration = iteration


class SaveError(PurebpError):
    """A model could not be written; the file that was there is unchanged."""

    exit_code = 1


def plural(n, noun, nouns=None):
    """``n`` and the noun, singular for 1: ``"1 row"``, ``"2 rows"``.

    >>> plural(1, "output"), plural(3, "input")
    ('1 output', '3 inputs')
    """
    if n == 1:
        return "%d %s" % (n, noun)
    if abs(n) > 1e39:       # (past 4300 digits, %d fails on CPython 3.11+): clipped
        return show(n) + " " + (nouns or noun + "s")
    return "%d %s" % (n, nouns or noun + "s")


def with_article(word):
    """``word`` with its indefinite article: ``"a list"``, ``"an int"``."""
    return ("an " if word[:1].lower() in "aeiou" and word[:1] else "a ") + word


def show(value):
    """``repr(value)``, cut short when it is long (a huge int, a big list).

    >>> show(10 ** 50)
    '1000000000000000000000000000000000000...'
    """
    try:
        text = repr(value)
    except ValueError:      # an int past CPython's 4300 digits for a text
        if isinstance(value, int):
            return "a whole number of more than 4300 digits"
        return "%s holding a whole number of more than 4300 digits" % type_name(value)
    if "\n" in text:        # a numpy array's repr spans lines: a message is one
        text = " ".join(text.split())
    return text if len(text) <= 40 else text[:37] + "..."


def number(v, digits=6):
    """``v`` with at least ``digits`` significant digits, and as many more as
    it takes to read back as ``v`` (at most 17, a double's); Python's own
    spelling where that is shorter (a subnormal number's few digits).

    >>> number(1 / 3), number(0.5), number(1e-320)
    ('0.3333333333333333', '0.5', '1e-320')
    """
    for p in range(digits, 18):
        text = ("%%.%dg" % p) % v
        if float(text) == v:
            return text if len(text) <= len(repr(v)) else repr(v)
    return repr(v)


def numbers(a, b, digits=3):
    """``a`` and ``b`` with ``digits`` significant digits, or more until the two
    texts differ when the numbers do (equal texts then mean equal numbers)."""
    for p in range(digits, 18):
        shown = ("%%.%dg" % p) % a, ("%%.%dg" % p) % b
        if (shown[0] != shown[1]) == (a != b):
            return shown
    return repr(a), repr(b)


def type_name(value):
    """'None', 'a dict', 'an int': a value's type, for a message."""
    if value is None:
        return "None"
    return with_article(type(value).__name__)
