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
``purebp.training``        the loops ``train`` runs: full batch, mini-batches
``purebp.metrics``         sse, mse, mae, accuracy, the loss: one number for a fit
``purebp.fast``            the training loop compiled for one network (same numbers)
``purebp.gradcheck``       backprop's gradient against finite differences
``purebp.narration``       ``explain``: one training step narrated, in English or Chinese
``purebp.article``         the article's 8-line and expanded programs, line for line
``purebp.datasets``        the built-in data: the article's table, XOR, iris
``purebp.iris``            Fisher's iris: 150 flowers and their species
``purebp.classes``         a label column as one output per class; the confusion matrix
``purebp.holdout``         held-out rows: a stratified split numpy reproduces
``purebp.csvdata``         your own data: a CSV file into X and y
``purebp.scaling``         min-max scaling of columns, and back
``purebp.model``           saved models: JSON, written atomically, loaded with checks
``purebp.selfcheck``       ``purebp check``: numpy's numbers, shipped inside the package
``purebp.chart``, ``.svg``  pictures: the terminal chart, SVG files
``purebp.arrayprint``      printing numbers the way numpy prints them
``purebp.report``          what ``train`` prints: reports side by side, sized for a screen
``purebp.cli``             the ``python -m purebp`` command line
=========================  ================================================

>>> import purebp
>>> X, y = purebp.load_data("seed")
>>> result = purebp.train(X, y, seed=1, iterations=10000)
>>> [round(w[0], 2) for w in result.weights[0]]
[9.67, -0.21, -4.63]

The names below are the package's top level. Each is imported from its
module the first time it is used (PEP 562's module ``__getattr__``), not
by ``import purebp``: a microcontroller's heap pays only for what a
program touches (``purebp.train`` loads the network, not the narration,
the pictures or the command line).
"""

__version__ = "0.1.0"

# Each top-level name, and the module that defines it.
_HOME = {
    "sigmoid": "activations", "sigmoid_derivative": "activations",
    "load_data": "datasets",
    "PurebpError": "errors",
    "explain": "narration",
    "gradient_check": "gradcheck",
    "add": "matrix", "apply": "matrix", "dot": "matrix", "multiply": "matrix",
    "shape": "matrix", "subtract": "matrix", "total": "matrix", "transpose": "matrix",
    "self_check": "selfcheck",
    "Model": "model", "load": "model", "save": "model",
    "Step": "network", "Training": "network", "forward": "network", "predict": "network",
    "step": "network", "train": "network",
    "MT19937": "random_start", "initial_weights": "random_start",
}

# ``from purebp import *`` imports these; on MicroPython, not the saved
# models' names: purebp.model needs os.stat and tempfile, which it lacks.
import sys
__all__ = sorted(name for name in _HOME
                 if _HOME[name] != "model" or sys.implementation.name != "micropython")
del sys


def __getattr__(name):
    """Import a top-level name from its module on first use, and keep it."""
    home = _HOME.get(name)
    if home is None:
        if not name.startswith("__") and _is_module(name):
            # A module of the package: MicroPython's ``from . import selfcheck_data``
            # asks here first, and takes an AttributeError as final.
            try:
                return __import__("purebp." + name, None, None, [name])
            except ImportError:
                pass
        raise AttributeError("module 'purebp' has no attribute %r" % (name,))
    try:
        module = __import__("purebp." + home, None, None, [name])
    except ImportError as error:   # e.g. purebp.Model on MicroPython: no tempfile there
        raise AttributeError("purebp.%s needs purebp.%s, which cannot be imported here: %s"
                             % (name, home, error))
    value = getattr(module, name)
    globals()[name] = value
    return value


def _is_module(name):
    """Whether ``name`` is a module of the package: a file in its folder now
    (the web page writes modules there as their imports ask for them).
    MicroPython's ``dir()`` asks a module for every name it knows: only the
    package's files are imported, not ``purebp.append`` or ``purebp./``."""
    for c in name:
        if not (c.isalpha() or c.isdigit() or c == "_"):
            return False
    import os
    folder = __path__ if isinstance(__path__, str) else __path__[0]
    try:
        os.stat(folder)
    except (OSError, AttributeError):
        return True          # frozen into firmware, no folder: the import decides
    for ending in (".py", ".mpy"):
        try:
            os.stat(folder + "/" + name + ending)
            return True
        except OSError:
            pass
    return False


def _loaded():
    """On a board, the package's modules loaded now (``_let_go`` keeps them);
    elsewhere, none: nothing is let go there."""
    import gc
    import sys
    if not hasattr(gc, "mem_free"):
        return ()
    return [name[7:] for name in sys.modules if name.startswith("purebp.")]


def _let_go(names, loaded, keep_source=True):
    """On a board (MicroPython's counted heap), forget those of the package's
    modules ``names`` that were not ``loaded`` (``_loaded()``) before the
    caller imported them: their code is freed once nothing uses it, and the
    next use imports them again. A module loaded before is kept, with what
    its users hold and set in it. With ``keep_source``, so is one compiled
    from a ``.py`` file: compiling a small module again at each call takes
    more room than it frees (``.mpy`` files, and modules frozen into the
    firmware, load without compiling). Elsewhere, nothing: CPython keeps
    its modules."""
    import gc
    if not hasattr(gc, "mem_free"):
        return
    import sys
    for name in names:
        module = sys.modules.get("purebp." + name)
        if name in loaded or module is None or (
                keep_source and getattr(module, "__file__", "").endswith(".py")):
            continue
        del sys.modules["purebp." + name]
        try:
            del globals()[name]
        except KeyError:
            pass


def __dir__():
    return sorted(set(globals()) | set(_HOME))
