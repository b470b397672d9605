# What type checkers see of purebp (purebp/py.typed says the package is
# typed). The modules carry no annotations, so that they run on
# MicroPython; their types are in the .pyi files beside them.
from .activations import sigmoid as sigmoid, sigmoid_derivative as sigmoid_derivative
from .datasets import load_data as load_data
from .errors import PurebpError as PurebpError
from .narration import explain as explain
from .gradcheck import gradient_check as gradient_check
from .matrix import (add as add, apply as apply, dot as dot, multiply as multiply, shape as shape,
                     subtract as subtract, total as total, transpose as transpose)
from .model import Model as Model, load as load, save as save
from .network import (Step as Step, Training as Training, forward as forward,
                      predict as predict, step as step, train as train)
from .random_start import MT19937 as MT19937, initial_weights as initial_weights
from .selfcheck import self_check as self_check

__version__: str
__all__ = [
    "MT19937", "Model", "PurebpError", "Step", "Training", "add", "apply", "dot",
    "explain", "forward", "gradient_check", "initial_weights", "load", "load_data", "multiply",
    "predict", "save", "self_check", "shape", "sigmoid", "sigmoid_derivative", "step",
    "subtract", "total", "train", "transpose",
]
