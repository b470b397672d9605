"""purebp: backpropagation in pure Python, with numpy's exact numbers.

A map of the package, one idea a module:

=========================  ================================================
module                     what it holds
=========================  ================================================
``purebp.matrix``          list-of-lists helpers: shape, transpose, dot, ...
``purebp.activations``     sigmoid, tanh, ReLU, softmax, each with its slope, in a table
``purebp.losses``          the losses: each its value and what starts backprop, in a table
``purebp.batches``         mini-batches and epochs: which rows each step uses
``purebp.random_start``    numpy's MT19937 random start, bit for bit
``purebp.network``         forward pass, backprop and ``train``: any layer sizes
``purebp.metrics``         sse, mse, mae, accuracy, the loss: one number for a fit
``purebp.gradcheck``       backprop's gradient against finite differences
``purebp.explain``         one training step narrated, in English or Chinese
``purebp.article``         the article's 8-line and expanded programs, line for line
``purebp.datasets``        the built-in data: the article's table and XOR
``purebp.csvdata``         your own data: a CSV file into X and y
``purebp.scaling``         min-max scaling of columns, and back
``purebp.model``           saved models: JSON, written atomically, loaded with checks
``purebp.selfcheck``       ``purebp check``: numpy's numbers, shipped inside the package
``purebp.chart``, ``.svg``  pictures: the terminal chart, SVG files
``purebp.arrayprint``      printing numbers the way numpy prints them
``purebp.cli``             the ``python -m purebp`` command line
=========================  ================================================

>>> import purebp
>>> X, y = purebp.load_data("seed")
>>> result = purebp.train(X, y, seed=1, iterations=10000)
>>> [round(w[0], 2) for w in result.weights[0]]
[9.67, -0.21, -4.63]
"""

__version__ = "0.1.0"

from .activations import sigmoid, sigmoid_derivative
from .datasets import load_data
from .errors import PurebpError
from .explain import explain
from .gradcheck import gradient_check
from .matrix import add, apply, dot, multiply, shape, subtract, total, transpose
from .selfcheck import self_check

try:
    from .model import Model, load, save
except ImportError:   # MicroPython has no tempfile: saved models need CPython or PyPy
    pass
from .network import Step, Training, forward, predict, step, train
from .random_start import MT19937, initial_weights

__all__ = [
    "MT19937", "Model", "PurebpError", "Step", "Training", "add", "apply", "dot",
    "explain", "forward", "gradient_check", "initial_weights", "load", "load_data", "multiply", "predict", "save", "self_check", "shape",
    "sigmoid", "sigmoid_derivative", "step", "subtract", "total", "train", "transpose",
]
