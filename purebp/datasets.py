"""The built-in training data: the article's table and XOR.

Both have the same inputs ``X`` (the third column is always 1, so the
network gets a bias for free) and differ in the targets ``y``:

* ``seed``, the article's: y is the first input, x1, so one layer suffices;
* ``xor``, Trask's: y is x1 XOR x2, which no single layer can learn.

>>> X, y = load_data("xor")
>>> X
[[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]
>>> y
[[0], [1], [1], [0]]
"""

from .errors import PurebpError, show

NAMES = ("seed", "xor")


def load_data(name):
    """Return fresh copies of ``(X, y)`` of the built-in data set ``name``."""
    X = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]
    if name == "seed":
        y = [[0], [0], [1], [1]]
    elif name == "xor":
        y = [[0], [1], [1], [0]]
    else:
        raise PurebpError("name: unknown data set %s; built in are: %s"
                          % (show(name), ", ".join(NAMES)))
    return X, y
