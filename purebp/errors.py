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
    return "%d %s" % (n, nouns or noun + "s")


def with_article(word):
    """``word`` with its indefinite article: ``"a list"``, ``"an int"``."""
    return ("an " if word[:1].lower() in "aeiou" and word[:1] else "a ") + word


def show(value):
    """``repr(value)``, cut short when it is long (a huge int, a big list).

    >>> show(10 ** 50)
    '1000000000000000000000000000000000000...'
    """
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def type_name(value):
    """'None', 'a dict', 'an int': a value's type, for a message."""
    if value is None:
        return "None"
    return with_article(type(value).__name__)
