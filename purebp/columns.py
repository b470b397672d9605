"""Column names: the bias input purebp adds to CSV data, and what a name may hold.

**The bias.** The article's inputs end in a column of 1s: with it, a
sigmoid can move its threshold, as ``w * 1`` adds the same amount to every
row's sum. The built-in data carry it as their third input, ``x3``: a
model of built-in data takes the article's three inputs, ``1,0,1``, as
numpy's program does. Data from a CSV file get it appended after the
file's own input columns, named ``bias`` (``--no-bias``, or
``read_csv(bias=False)``, leaves it out). ``--layers`` counts it: two
input columns and the bias make the article's first size, 3. A saved model
records whether it adds the bias (``"bias": true``); ``predict`` then takes
only the file's columns and appends the 1 itself, after scaling them (the
bias is never scaled).

>>> add_bias([[0.5, 2.0], [1.0, 3.0]])
[[0.5, 2.0, 1.0], [1.0, 3.0, 1.0]]
>>> given_inputs(["size", "rooms", "bias"], True)
['size', 'rooms']

**Names** (a CSV header's cells, a model's inputs and targets) are plain
text: not empty, and without control characters (C0, DEL, C1, the line and
paragraph separators U+2028 and U+2029, lone surrogates), which would move
the cursor, recolour a terminal, or break the XML of a picture.

>>> name_problem("price") is None
True
>>> name_problem("pri\\x1b[31mce")
"holds the control character '\\\\x1b'"
"""

BIAS = "bias"


def add_bias(X):
    """``X`` with the bias, a 1, appended to each row."""
    return [list(row) + [1.0] for row in X]


def given_inputs(inputs, bias):
    """The input names a user gives values for: all but an added bias."""
    return list(inputs[:-1]) if bias else list(inputs)


def bad_character(name):
    """The first character ``name`` may not hold, or None."""
    for ch in name:
        code = ord(ch)
        if (code < 0x20 or 0x7F <= code <= 0x9F or code == 0x2028 or code == 0x2029
                or 0xD800 <= code <= 0xDFFF):
            return ch
    return None


def name_problem(name):
    """Why ``name`` cannot name a column, or None."""
    if not name:
        return "is empty"
    ch = bad_character(name)
    if ch is not None:
        return "holds the control character %r" % ch
    return None
