"""Classes: a column of labels as one output per class, and back.

A label column names each row's class: ``setosa``, ``virginica``, or a
number such as ``7``. A network cannot output a name, so it gets **one
output per class**, and each row's target is *one-hot*: 1 for its class,
0 for the others. The predicted class is the output that is largest
(``np.argmax``, the first on ties), and the outputs of a softmax layer
are shares that sum to 1, one for each class.

**The order of the classes** (output 0, output 1, ...): when every label
is a number, by value (so ``2`` comes before ``10``), each named by its
value (``7``, not ``7.0``); otherwise by text, as Python's ``sorted``
orders it (code point order: ``B`` before ``a``). Two classes get two
outputs, one each, like any other number of classes.

>>> labels = ["versicolor", "setosa", "versicolor", "virginica"]
>>> names = class_names(labels)
>>> names
['setosa', 'versicolor', 'virginica']
>>> y = one_hot(labels, names)
>>> y
[[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
>>> class_names([10, 2, 2.0, 7])
['2', '7', '10']

Going back, ``class_indexes`` reads the class of each one-hot row (or of
each row of outputs), and ``confusion`` counts the rows of each true
class by the class predicted, the matrix a learner reads the mistakes in:

>>> l = [[0.1, 0.7, 0.2], [0.8, 0.1, 0.1], [0.2, 0.3, 0.5], [0.1, 0.2, 0.7]]
>>> class_indexes(l)
[1, 0, 2, 2]
>>> confusion(y, l)
[[1, 0, 0], [0, 1, 1], [0, 0, 1]]

With a single output (a yes/no target), the class is the output's side of
0.5: class 1 above it, as ``metrics.accuracy`` counts it.

These functions run where training runs (MicroPython included).
"""

from .errors import PurebpError, plural, show


def class_names(labels):
    """The classes of ``labels`` in their order (see above), as names."""
    if not labels:
        raise PurebpError("labels: there are none; a class needs at least one row")
    if all(_is_number(v) for v in labels):
        return [number_name(v) for v in sorted(set(labels))]
    for v in labels:
        if not isinstance(v, str):
            raise PurebpError("labels: %s is neither a number nor a text; labels are one or "
                              "the other" % show(v))
    return sorted(set(labels))


def number_name(value):
    """The name of a class whose label is a number: whole numbers without ``.0``.

    >>> number_name(3.0), number_name(-1), number_name(0.5)
    ('3', '-1', '0.5')
    """
    if value == int(value):
        return "%d" % value
    return repr(float(value))


def label_name(label):
    """The class name of one label: its text, or a number's ``number_name``."""
    return number_name(label) if _is_number(label) else label


def one_hot(labels, names):
    """A target row per label: 1.0 at its class's place in ``names``, 0.0 elsewhere."""
    where = {}
    for j, name in enumerate(names):
        where[name] = j
    y = []
    for i, label in enumerate(labels):
        j = where.get(label_name(label))
        if j is None:
            raise PurebpError("labels: row %d has the label %s, which is not one of the %s: %s"
                              % (i, show(label), plural(len(names), "class", "classes"),
                                 ", ".join(names)))
        row = [0.0] * len(names)
        row[j] = 1.0
        y.append(row)
    return y


def class_indexes(rows):
    """The class of each row of one-hot targets or of outputs: the place of
    its largest entry, the first on ties, a NaN counting as largest (numpy's
    ``np.argmax``); with one column, 1 above 0.5 and 0 otherwise."""
    if rows and len(rows[0]) == 1:
        return [1 if row[0] > 0.5 else 0 for row in rows]
    return [argmax(row) for row in rows]


def argmax(row):
    """The index of the largest entry of ``row``, as ``np.argmax`` picks it.

    >>> argmax([0.2, 0.5, 0.5]), argmax([1.0, float("nan"), 3.0])
    (1, 1)
    """
    best = 0
    for j in range(1, len(row)):
        if row[j] > row[best] or (row[j] != row[j] and row[best] == row[best]):
            best = j
    return best


def confusion(y, l_out):
    """Counts of rows by true class (a row of the matrix) and predicted class
    (a column): the diagonal holds the rows predicted right."""
    size = max(2, len(y[0])) if y else 2
    counts = [[0] * size for _ in range(size)]
    for true, guess in zip(class_indexes(y), class_indexes(l_out)):
        counts[true][guess] += 1
    return counts


def _is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)
