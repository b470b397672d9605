"""The built-in training data: the article's table, XOR, and Fisher's iris.

The article's two share the inputs ``X`` (the third column is always 1, so
the network gets a bias for free) and differ in the targets ``y``:

* ``seed``, the article's: y is the first input, x1, so one layer suffices;
* ``xor``, Trask's: y is x1 XOR x2, which no single layer can learn.

>>> X, y = load_data("xor")
>>> X
[[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]
>>> y
[[0], [1], [1], [0]]

* ``iris``, real data: Fisher's 150 flowers (``purebp.iris``), four
  measurements and the bias (a 1, last, as for CSV data) in ``X``, and
  the species one-hot in ``y``, one column per class in the order of
  ``CLASSES["iris"]``. On the command line, ``--data iris`` reads it as
  a CSV file with a label column, named ``species``.

>>> X, y = load_data("iris")
>>> len(X), X[0], y[0], CLASSES["iris"]
(150, [5.1, 3.5, 1.4, 0.2, 1.0], [1.0, 0.0, 0.0], ('setosa', 'versicolor', 'virginica'))
"""

from .errors import PurebpError, show

NAMES = ("seed", "xor", "iris")
CLASSES = {"iris": ("setosa", "versicolor", "virginica")}   # the data sets of classes


def load_data(name):
    """Return fresh copies of ``(X, y)`` of the built-in data set ``name``."""
    if name == "iris":
        return _iris()
    X = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]
    if name == "seed":
        y = [[0], [0], [1], [1]]
    elif name == "xor":
        y = [[0], [1], [1], [0]]
    else:
        raise PurebpError("name: unknown data set %s; built in are: %s"
                          % (show(name), ", ".join(NAMES)))
    return X, y


def _iris():
    from .classes import one_hot
    from .iris import SPECIES, rows
    table = rows()
    X = [list(row[:4]) + [1.0] for row in table]
    return X, one_hot([row[4] for row in table], list(SPECIES))
