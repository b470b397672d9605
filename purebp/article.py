"""The article's two programs, line for line, on purebp's helpers.

Each purebp line sits beside the numpy line it stands for. Only the
random start is seeded (``np.random.seed(seed)``), so a run can be repeated
and laid beside the numpy program's output.

>>> from purebp.datasets import load_data
>>> X, y = load_data("seed")
>>> syn, l = eight_lines(X, y)
>>> [round(w[0], 4) for w in syn]
[9.673, -0.2078, -4.6296]
"""

from .activations import sigmoid, sigmoid_derivative
from .arrayprint import array_str, scalar_str
from .matrix import add, apply, dot, multiply, subtract, total, transpose
from .random_start import MT19937, random_weights


def eight_lines(X, y, seed=1, iterations=10000):
    """The 8-line program; returns its final ``syn`` and last ``l``."""
    generator = MT19937(seed)                          # np.random.seed(seed)
    syn = random_weights([len(X[0]), 1], generator)[0]  # syn = 2 * np.random.random((3, 1)) - 1
    l = None
    for i in range(iterations):                        # for i in range(10000):
        l = apply(sigmoid, dot(X, syn))                #     l = 1 / (1 + np.exp(-np.dot(X, syn)))
        l_delta = multiply(subtract(y, l),             #     l_delta = (y - l) * (l * (1 - l))
                           multiply(l, subtract(1, l)))
        syn = add(syn, dot(transpose(X), l_delta))     #     syn += np.dot(X.T, l_delta)
    return syn, l


def expanded(X, y, seed=1, iterations=10000, write=print):
    """The expanded program: prints as it does, through ``write``.

    >>> from purebp.datasets import load_data
    >>> X, y = load_data("seed")
    >>> syn, l = expanded(X, y, iterations=2)
    Loss:  1.2397833996371264
    syn:
     [[ 0.89897475]
     [ 0.54815249]
     [-0.58827166]]
    l:
     [[0.3314788 ]
     [0.46679163]
     [0.42677041]
     [0.56793595]]
    """
    generator = MT19937(seed)                          # np.random.seed(seed)
    syn = random_weights([len(X[0]), 1], generator)[0]  # syn = 2 * np.random.random((3, 1)) - 1
    l = None
    for i in range(iterations):                        # for i in range(10000):
        l = apply(sigmoid, dot(X, syn))                #     l = sigmoid(np.dot(X, syn))
        error = subtract(y, l)
        loss = multiply(error, error)                  #     loss = (y - l) ** 2
        if i % 1000 == 0:                              #     if i % 1000 == 0:
            write("Loss: ", scalar_str(total(loss)))         #         print("Loss: ", np.sum(loss))
        loss_derivative = multiply(2, subtract(y, l))  #     loss_derivative = 2 * (y - l)
        l_delta = multiply(loss_derivative,            #     l_delta = loss_derivative * sigmoid_derivative(l)
                           apply(sigmoid_derivative, l))
        syn = add(syn, dot(transpose(X), l_delta))     #     syn += np.dot(X.T, l_delta)
    write("syn:\n", array_str(syn))                    # print("syn:\n", syn)
    write("l:\n", array_str(l))                        # print("l:\n", l)
    return syn, l
