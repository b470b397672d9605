"""Record numpy's numbers, so purebp's tests can compare against them.

Usage:  python tools/record_references.py [--out tests/reference] [--only NAME ...]

``--only`` records just the named files (scenarios, or ``random``,
``sigmoid``, ``activations``, ``losses``, ``holdout``, ``arrayprint``,
``selfcheck``):
the BLAS runs depend on the machine (OpenBLAS picks its kernels by CPU), so
re-recording a file elsewhere moves its BLAS numbers by last bits while
its left-to-right run stays the same; each file says where it was recorded.

This is the one place numpy is needed. It runs the original numpy programs
(the article's 8 lines and expanded program, Trask's 3-layer network), a
numpy program in the same style for each convention purebp added (a tanh
or ReLU hidden layer, the mse, cross-entropy and softmax losses,
mini-batches with numpy's shuffle, the held-out split of real data), and a
general numpy network for the other scenarios, and writes one JSON file per
scenario, plus files for the random start (and shuffles), the activations,
the losses, the held-out splits and numpy's printing. Nothing in these
files is typed by hand. (The iris data are read from ``purebp/iris.py``:
input, not a reference.)

numpy's own vector code: on CPUs with AVX-512, numpy computes ``np.exp``
with its own vectorised code, and on CPUs with AVX2 (most x86 CPUs since
2013) ``np.tanh`` too; it differs from the C library's ``exp`` and ``tanh``
in the last bit for some inputs (a few percent for exp, about 20% for
tanh). Elsewhere numpy calls the C library, as ``math.exp`` and
``math.tanh`` do. Each scenario is therefore run twice, in worker
processes:

* ``--worker libm``: with every optional CPU feature numpy dispatches to
  switched off through ``NPY_DISABLE_CPU_FEATURES``: what numpy computes
  where it calls the C library. These numbers are the references.
* ``--worker simd``: numpy as it runs on this machine by default, kept
  under ``"simd_exp"`` in each file, to show how far numpy moves from
  itself when only its ``exp`` and ``tanh`` change.
"""

import argparse
import contextlib
import io
import json
import os
import platform
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, os.pardir, "tests", "reference")

X_ROWS = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]
TARGETS = {"seed": [0, 0, 1, 1], "xor": [0, 1, 1, 0]}
# Data sets besides the built-in two (their X and y are written into each file):
# "xor-classes": XOR as two classes, one-hot (class 0, class 1); "blobs": 240
# rows, 5 inputs and the bias, 10 classes of Gaussian blobs (``blobs`` below);
# "iris": Fisher's 150 flowers, min-max scaled, the bias appended, species one-hot.

# name: (program, data, layers, seed, iterations, lr, loss, every, metric[, options])
# options: "activation" (of the hidden layers), "batch_size" and "epochs" (mini-batches:
# then iterations is None, and every counts epochs), "test_fraction" (a held-out split,
# measured at every report)
SCENARIOS = {
    "eight_lines_seed0": ("eight-lines", "seed", [3, 1], 0, 10000, 1.0, "half-sse", 1000, "sse"),
    "eight_lines_seed1": ("eight-lines", "seed", [3, 1], 1, 10000, 1.0, "half-sse", 1000, "sse"),
    "eight_lines_seed2": ("eight-lines", "seed", [3, 1], 2, 10000, 1.0, "half-sse", 1000, "sse"),
    "expanded_seed0": ("expanded", "seed", [3, 1], 0, 10000, 1.0, "sse", 1000, "sse"),
    "expanded_seed1": ("expanded", "seed", [3, 1], 1, 10000, 1.0, "sse", 1000, "sse"),
    "expanded_seed2": ("expanded", "seed", [3, 1], 2, 10000, 1.0, "sse", 1000, "sse"),
    "trask_xor_3_4_1": ("trask", "xor", [3, 4, 1], 1, 60000, 1.0, "half-sse", 10000, "mae"),
    "xor_3_32_1": ("network", "xor", [3, 32, 1], 1, 10000, 1.0, "half-sse", 1000, "mae"),
    "xor_3_4_1_lr0.1": ("network", "xor", [3, 4, 1], 1, 10000, 0.1, "half-sse", 1000, "sse"),
    "xor_3_4_1_lr10": ("network", "xor", [3, 4, 1], 1, 10000, 10.0, "half-sse", 1000, "sse"),
    "xor_3_4_1_lr10_long": ("network", "xor", [3, 4, 1], 2, 60000, 10.0, "half-sse", 10000, "sse"),
    "xor_3_5_4_1_sse": ("network", "xor", [3, 5, 4, 1], 1, 10000, 1.0, "sse", 1000, "mse"),
    "seed_3_4_1_sse": ("network", "seed", [3, 4, 1], 0, 5000, 0.5, "sse", 500, "mse"),
    # A long run at a large learning rate: last-bit differences grow here.
    "xor_3_16_1_lr10_sse": ("network", "xor", [3, 16, 1], 1, 10000, 10.0, "sse", 1000, "sse"),
    # The conventions of issue 11, each first in a numpy program of its own ...
    "xor_3_4_1_tanh": ("tanh-hidden", "xor", [3, 4, 1], 1, 3000, 1.0, "half-sse", 500, "sse",
                       {"activation": "tanh"}),
    "xor_3_8_1_relu": ("relu-hidden", "xor", [3, 8, 1], 1, 3000, 0.3, "half-sse", 500, "sse",
                       {"activation": "relu"}),
    "xor_3_4_1_mse": ("mse", "xor", [3, 4, 1], 1, 3000, 10.0, "mse", 500, "loss"),
    "xor_3_4_1_cross_entropy": ("cross-entropy", "xor", [3, 4, 1], 1, 3000, 1.0,
                                "cross-entropy", 500, "loss"),
    "xor_3_4_2_softmax": ("softmax", "xor-classes", [3, 4, 2], 1, 3000, 1.0, "softmax", 500,
                          "loss"),
    "xor_3_8_1_batch2": ("mini-batches", "xor", [3, 8, 1], 1, None, 1.0, "half-sse", 100, "sse",
                         {"batch_size": 2, "epochs": 1000}),
    # ... then together, and on data large enough for numpy's pairwise sums
    "xor_3_5_2_tanh_softmax_batch3": ("network", "xor-classes", [3, 5, 2], 2, None, 1.0,
                                      "softmax", 50, "accuracy",
                                      {"activation": "tanh", "batch_size": 3, "epochs": 400}),
    "blobs_6_16_10_relu_softmax_batch32": ("network", "blobs", [6, 16, 10], 1, None, 0.5,
                                           "softmax", 4, "loss",
                                           {"activation": "relu", "batch_size": 32,
                                            "epochs": 16}),
    "blobs_6_8_10_tanh_cross_entropy": ("network", "blobs", [6, 8, 10], 3, 60, 2.0,
                                        "cross-entropy", 20, "loss", {"activation": "tanh"}),
    "blobs_6_8_10_mse": ("network", "blobs", [6, 8, 10], 4, 40, 3.0, "mse", 10, "sse"),
    # Real data with held-out rows (issue 11): the split in a program of its own,
    # then with the compiled loop's loss (sse) and with mini-batches.
    "iris_5_8_3_softmax_heldout": ("held-out", "iris", [5, 8, 3], 1, 300, 3.0, "softmax", 50,
                                   "loss", {"test_fraction": 0.3}),
    "iris_5_4_3_sse_heldout": ("network", "iris", [5, 4, 3], 2, 400, 0.01, "sse", 40, "mse",
                               {"test_fraction": 0.25}),
    "iris_5_8_3_tanh_softmax_batch16_heldout": ("network", "iris", [5, 8, 3], 3, None, 1.0,
                                                "softmax", 5, "accuracy",
                                                {"activation": "tanh", "batch_size": 16,
                                                 "epochs": 30, "test_fraction": 0.2}),
}

# Small scenarios shipped inside the package for `purebp check` (fast enough for
# MicroPython), all of them listed here: (name, data, layers, seed, iterations,
# lr, loss, every, metric[, options]), as in SCENARIOS.
SELFCHECK = [
    ("the article's network, seed 1", "seed", [3, 1], 1, 2000, 1.0, "half-sse", 500, "sse"),
    ("the expanded program's sse loss, seed 0", "seed", [3, 1], 0, 2000, 1.0, "sse", 500, "sse"),
    ("Trask's 3,4,1 on XOR, seed 1", "xor", [3, 4, 1], 1, 1000, 1.0, "half-sse", 250, "mae"),
    # The conventions of issue 11 ran on the plain path when these were chosen (about
    # 0.1 s a step on MicroPython's WebAssembly build): 30 steps keep check short.
    ("a tanh hidden layer, 3,4,1", "xor", [3, 4, 1], 1, 30, 1.0, "half-sse", 10, "sse",
     {"activation": "tanh"}),
    ("a ReLU hidden layer, 3,4,1", "xor", [3, 4, 1], 1, 30, 0.3, "half-sse", 10, "sse",
     {"activation": "relu"}),
    ("the mse loss, 3,4,1", "xor", [3, 4, 1], 1, 30, 10.0, "mse", 10, "loss"),
    ("the cross-entropy loss, 3,4,1", "xor", [3, 4, 1], 1, 30, 3.0, "cross-entropy", 10,
     "loss"),
    ("mini-batches of 3, shuffled, 3,4,1", "xor", [3, 4, 1], 1, None, 1.0, "half-sse", 5,
     "sse", {"batch_size": 3, "epochs": 15}),
    # Networks of more than selfcheck.BOARD_WEIGHTS (16) weights come last: they go
    # to selfcheck_large.py, which a board-sized check never loads.
    ("a 4-layer net, 3,5,4,1, lr 0.5", "xor", [3, 5, 4, 1], 2, 500, 0.5, "sse", 100, "mse"),
    ("the softmax loss, two classes, 3,4,2", "xor-classes", [3, 4, 2], 1, 30, 3.0, "softmax",
     10, "accuracy"),
]
SELFCHECK_FILE = os.path.join(HERE, os.pardir, "purebp", "selfcheck_data.py")
SELFCHECK_LARGE_FILE = os.path.join(HERE, os.pardir, "purebp", "selfcheck_large.py")

SEEDS_FOR_STREAMS = [0, 1, 2, 42, 5489, 2 ** 31, 2 ** 32 - 1]
# np.random.permutation(n) for these seeds and sizes, each after a few random() draws
PERMUTATIONS = [(seed, n) for seed in (0, 1, 42, 2 ** 32 - 1)
                for n in (1, 2, 3, 4, 10, 150, 1257)]
WEIGHT_DRAWS = [([3, 1], 0), ([3, 1], 1), ([3, 4, 1], 1), ([3, 32, 1], 1),
                ([3, 5, 4, 1], 7), ([2, 3, 2], 2 ** 32 - 1)]
SIGMOID_Z = [0.0, 1.0, -1.0, 2.0, 0.5, -36.0, 37.0, -700.0, -709.0, -709.78,
             -709.79, -710.0, -745.0, -746.0, -800.0, -1e300, 800.0, 1e300]


# --- the numpy programs --------------------------------------------------------

def sigmoid(np, z):
    return 1 / (1 + np.exp(-z))


def sigmoid_derivative(x):
    return x * (1 - x)


def softmax(np, z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


# Each convention as numpy spells it: these spellings fix the order of operations.
ACTIVATE = {"sigmoid": lambda np, z: 1 / (1 + np.exp(-z)),
            "tanh": lambda np, z: np.tanh(z),
            "relu": lambda np, z: np.maximum(z, 0),
            "softmax": softmax}
SLOPE = {"sigmoid": lambda l: l * (1 - l),
         "tanh": lambda l: 1 - l ** 2,
         "relu": lambda l: (l > 0) * 1.0}
OUTPUT = {"half-sse": "sigmoid", "sse": "sigmoid", "mse": "sigmoid", "cross-entropy": "sigmoid",
          "softmax": "softmax"}
START = {"half-sse": lambda y, l: y - l,                        # l_error ...
         "sse": lambda y, l: 2 * (y - l),
         "mse": lambda y, l: 2 * (y - l) / y.size,
         "cross-entropy": lambda y, l: (y - l) / y.size,        # ... or l_delta itself
         "softmax": lambda y, l: (y - l) / len(y)}
CANCELS = ("cross-entropy", "softmax")
VALUE = {"half-sse": lambda np, y, l: np.sum((y - l) ** 2) / 2,
         "sse": lambda np, y, l: np.sum((y - l) ** 2),
         "mse": lambda np, y, l: np.mean((y - l) ** 2),
         "cross-entropy": lambda np, y, l: -np.mean(y * np.maximum(np.log(l), -100)
                                                    + (1 - y) * np.maximum(np.log(1 - l), -100)),
         "softmax": lambda np, y, l: -np.sum(y * np.maximum(np.log(l), -100)) / len(y)}


def measure(np, metric, loss, y, l):
    error = y - l
    if metric == "accuracy":
        if y.shape[1] == 1:
            return np.mean((l > 0.5) == (y > 0.5))
        return np.mean(np.argmax(l, axis=1) == np.argmax(y, axis=1))
    if metric == "loss":
        return VALUE[loss](np, y, l)
    return {"sse": lambda: np.sum(error ** 2),
            "mse": lambda: np.mean(error ** 2),
            "mae": lambda: np.mean(np.abs(error))}[metric]()


def eight_lines(np, X, y, seed, iterations, every):
    """The article's 8 lines; the history lines only read, never write."""
    history = []
    np.random.seed(seed)
    syn = 2 * np.random.random((3, 1)) - 1
    for i in range(iterations):
        l = 1 / (1 + np.exp(-np.dot(X, syn)))
        if i % every == 0:
            history.append([i, float(np.sum((y - l) ** 2))])
        l_delta = (y - l) * (l * (1 - l))
        syn += np.dot(X.T, l_delta)
    return [syn], l, history, None


def expanded(np, X, y, seed, iterations):
    """The article's expanded program, with np.random.seed(seed) added."""
    out = io.StringIO()
    history = []
    with contextlib.redirect_stdout(out):
        np.random.seed(seed)
        syn = 2 * np.random.random((3, 1)) - 1
        for i in range(iterations):
            l = sigmoid(np, np.dot(X, syn))
            loss = (y - l) ** 2
            if i % 1000 == 0:
                print("Loss: ", np.sum(loss))
                history.append([i, float(np.sum(loss))])
            loss_derivative = 2 * (y - l)
            l_delta = loss_derivative * sigmoid_derivative(l)
            syn += np.dot(X.T, l_delta)
        print("syn:\n", syn)
        print("l:\n", l)
    return [syn], l, history, out.getvalue()


def trask(np, X, y, seed, iterations, every):
    """Trask's 3-layer network ("A Neural Network in 11 lines"), Python 3."""
    out = io.StringIO()
    history = []
    with contextlib.redirect_stdout(out):
        np.random.seed(seed)
        syn0 = 2 * np.random.random((3, 4)) - 1
        syn1 = 2 * np.random.random((4, 1)) - 1
        for j in range(iterations):
            l0 = X
            l1 = sigmoid(np, np.dot(l0, syn0))
            l2 = sigmoid(np, np.dot(l1, syn1))
            l2_error = y - l2
            if (j % every) == 0:
                print("Error:" + str(np.mean(np.abs(l2_error))))
                history.append([j, float(np.mean(np.abs(l2_error)))])
            l2_delta = l2_error * sigmoid_derivative(l2)
            l1_error = l2_delta.dot(syn1.T)
            l1_delta = l1_error * sigmoid_derivative(l1)
            syn1 += l1.T.dot(l2_delta)
            syn0 += l0.T.dot(l1_delta)
    return [syn0, syn1], l2, history, out.getvalue()


def network(np, X, y, layers, seed, iterations, lr, loss, every, metric, dot=None, first=None,
            activation="sigmoid", batch_size=None, epochs=None, held_out=None):
    """Any layer sizes, Trask's steps in a loop; lr, loss, activation,
    mini-batches and held-out rows (``held_out``: (X, y), measured at each
    report with the weights the report's outputs come from) as purebp's.
    Returns (weights, outputs, history, None, held-out history).

    ``dot`` replaces ``np.dot`` (BLAS) to see how much the order of
    additions alone moves the result: the run's sensitivity. ``first``, a
    dict, receives every quantity of the first iteration (step).
    """
    dot = dot or np.dot
    np.random.seed(seed)
    syn = [2 * np.random.random((layers[k], layers[k + 1])) - 1
           for k in range(len(layers) - 1)]
    n = len(syn)
    f = [activation] * (n - 1) + [OUTPUT[loss]]

    def forward(X):
        l, z = [X], []
        for k in range(n):
            z.append(dot(l[-1], syn[k]))
            l.append(ACTIVATE[f[k]](np, z[-1]))
        return l, z

    def one_step(X, y, l, z, record):
        start = START[loss](y, l[-1])
        l_error, l_delta = (None, start) if loss in CANCELS else (start, None)
        steps, errors, slopes, deltas = [None] * n, [None] * n, [None] * n, [None] * n
        for k in range(n - 1, -1, -1):
            errors[k] = l_error
            if l_delta is None:
                slopes[k] = SLOPE[f[k]](l[k + 1])
                l_delta = l_error * slopes[k]
            deltas[k] = l_delta
            steps[k] = dot(l[k].T, deltas[k])
            l_error = dot(deltas[k], syn[k].T)
            l_delta = None
        for k in range(n):
            syn[k] += lr * steps[k]
        if record is not None:
            listed = lambda arrays: [None if a is None else a.tolist() for a in arrays]
            record.update({"z": listed(z), "l": listed(l), "l_error": listed(errors),
                           "slope": listed(slopes), "l_delta": listed(deltas),
                           "steps": listed(steps), "weights": listed(syn)})

    history, held = [], []

    def report(i, l_out):
        history.append([i, float(measure(np, metric, loss, y, l_out))])
        if held_out is not None:
            X_test, y_test = held_out
            held.append([i, float(measure(np, metric, loss, y_test, forward(X_test)[0][-1]))])

    if batch_size is None:
        for i in range(iterations):
            l, z = forward(X)
            if every and i % every == 0:
                report(i, l[-1])
            one_step(X, y, l, z, first if i == 0 else None)
        return syn, l[-1], history, None, held
    done = 0
    for epoch in range(epochs):
        if every and epoch % every == 0:
            report(epoch, forward(X)[0][-1])
        order = np.random.permutation(len(X))
        for start in range(0, len(X), batch_size):
            rows = order[start:start + batch_size]
            l, z = forward(X[rows])
            one_step(X[rows], y[rows], l, z, first if done == 0 else None)
            done += 1
    return syn, forward(X)[0][-1], history, None, held


# --- the conventions, one numpy program each, in the article's style ---------------

def tanh_hidden(np, X, y, seed, iterations, lr, every, layers):
    """Trask's 3-layer network with a tanh hidden layer (sigmoid output, half-sse)."""
    history = []
    np.random.seed(seed)
    syn0 = 2 * np.random.random((layers[0], layers[1])) - 1
    syn1 = 2 * np.random.random((layers[1], layers[2])) - 1
    for j in range(iterations):
        l0 = X
        l1 = np.tanh(np.dot(l0, syn0))                  # the hidden layer: tanh
        l2 = 1 / (1 + np.exp(-np.dot(l1, syn1)))
        l2_error = y - l2
        if j % every == 0:
            history.append([j, float(np.sum(l2_error ** 2))])
        l2_delta = l2_error * (l2 * (1 - l2))
        l1_error = l2_delta.dot(syn1.T)
        l1_delta = l1_error * (1 - l1 ** 2)             # tanh's slope, from its output
        syn1 += lr * l1.T.dot(l2_delta)
        syn0 += lr * l0.T.dot(l1_delta)
    return [syn0, syn1], l2, history, None


def relu_hidden(np, X, y, seed, iterations, lr, every, layers):
    """Trask's 3-layer network with a ReLU hidden layer (sigmoid output, half-sse)."""
    history = []
    np.random.seed(seed)
    syn0 = 2 * np.random.random((layers[0], layers[1])) - 1
    syn1 = 2 * np.random.random((layers[1], layers[2])) - 1
    for j in range(iterations):
        l0 = X
        l1 = np.maximum(np.dot(l0, syn0), 0)            # the hidden layer: ReLU
        l2 = 1 / (1 + np.exp(-np.dot(l1, syn1)))
        l2_error = y - l2
        if j % every == 0:
            history.append([j, float(np.sum(l2_error ** 2))])
        l2_delta = l2_error * (l2 * (1 - l2))
        l1_error = l2_delta.dot(syn1.T)
        l1_delta = l1_error * ((l1 > 0) * 1.0)          # ReLU's slope: 1 where l1 > 0
        syn1 += lr * l1.T.dot(l2_delta)
        syn0 += lr * l0.T.dot(l1_delta)
    return [syn0, syn1], l2, history, None


def mse_program(np, X, y, seed, iterations, lr, every, layers):
    """Trask's network trained on the mean squared error, PyTorch's MSELoss."""
    history = []
    np.random.seed(seed)
    syn0 = 2 * np.random.random((layers[0], layers[1])) - 1
    syn1 = 2 * np.random.random((layers[1], layers[2])) - 1
    for j in range(iterations):
        l0 = X
        l1 = 1 / (1 + np.exp(-np.dot(l0, syn0)))
        l2 = 1 / (1 + np.exp(-np.dot(l1, syn1)))
        if j % every == 0:
            history.append([j, float(np.mean((y - l2) ** 2))])     # the loss
        l2_error = 2 * (y - l2) / y.size                # d loss/d l2, downhill
        l2_delta = l2_error * (l2 * (1 - l2))
        l1_error = l2_delta.dot(syn1.T)
        l1_delta = l1_error * (l1 * (1 - l1))
        syn1 += lr * l1.T.dot(l2_delta)
        syn0 += lr * l0.T.dot(l1_delta)
    return [syn0, syn1], l2, history, None


def cross_entropy_program(np, X, y, seed, iterations, lr, every, layers):
    """Trask's network trained on binary cross-entropy, PyTorch's BCELoss."""
    history = []
    np.random.seed(seed)
    syn0 = 2 * np.random.random((layers[0], layers[1])) - 1
    syn1 = 2 * np.random.random((layers[1], layers[2])) - 1
    for j in range(iterations):
        l0 = X
        l1 = 1 / (1 + np.exp(-np.dot(l0, syn0)))
        l2 = 1 / (1 + np.exp(-np.dot(l1, syn1)))
        if j % every == 0:
            loss = -np.mean(y * np.maximum(np.log(l2), -100)
                            + (1 - y) * np.maximum(np.log(1 - l2), -100))
            history.append([j, float(loss)])
        l2_delta = (y - l2) / y.size                    # the sigmoid's slope cancels
        l1_error = l2_delta.dot(syn1.T)
        l1_delta = l1_error * (l1 * (1 - l1))
        syn1 += lr * l1.T.dot(l2_delta)
        syn0 += lr * l0.T.dot(l1_delta)
    return [syn0, syn1], l2, history, None


def softmax_program(np, X, y, seed, iterations, lr, every, layers):
    """Trask's network with a softmax output and cross-entropy (PyTorch's CrossEntropyLoss)."""
    history = []
    np.random.seed(seed)
    syn0 = 2 * np.random.random((layers[0], layers[1])) - 1
    syn1 = 2 * np.random.random((layers[1], layers[2])) - 1
    for j in range(iterations):
        l0 = X
        l1 = 1 / (1 + np.exp(-np.dot(l0, syn0)))
        z = np.dot(l1, syn1)
        e = np.exp(z - z.max(axis=1, keepdims=True))    # softmax: shares of each row
        l2 = e / e.sum(axis=1, keepdims=True)
        if j % every == 0:
            loss = -np.sum(y * np.maximum(np.log(l2), -100)) / len(y)
            history.append([j, float(loss)])
        l2_delta = (y - l2) / len(y)                    # softmax's slope cancels
        l1_error = l2_delta.dot(syn1.T)
        l1_delta = l1_error * (l1 * (1 - l1))
        syn1 += lr * l1.T.dot(l2_delta)
        syn0 += lr * l0.T.dot(l1_delta)
    return [syn0, syn1], l2, history, None


def mini_batches(np, X, y, seed, epochs, lr, every, layers, batch_size):
    """Trask's network in mini-batches: each epoch shuffles the rows, then
    steps on batch_size rows at a time."""
    history = []
    np.random.seed(seed)
    syn0 = 2 * np.random.random((layers[0], layers[1])) - 1
    syn1 = 2 * np.random.random((layers[1], layers[2])) - 1
    for epoch in range(epochs):
        if epoch % every == 0:                          # every row, this epoch's weights
            l2 = 1 / (1 + np.exp(-np.dot(1 / (1 + np.exp(-np.dot(X, syn0))), syn1)))
            history.append([epoch, float(np.sum((y - l2) ** 2))])
        order = np.random.permutation(len(X))           # the shuffle, after the weights
        for start in range(0, len(X), batch_size):
            rows = order[start:start + batch_size]      # this step's rows
            l0 = X[rows]
            l1 = 1 / (1 + np.exp(-np.dot(l0, syn0)))
            l2 = 1 / (1 + np.exp(-np.dot(l1, syn1)))
            l2_error = y[rows] - l2
            l2_delta = l2_error * (l2 * (1 - l2))
            l1_error = l2_delta.dot(syn1.T)
            l1_delta = l1_error * (l1 * (1 - l1))
            syn1 += lr * l1.T.dot(l2_delta)
            syn0 += lr * l0.T.dot(l1_delta)
    l2 = 1 / (1 + np.exp(-np.dot(1 / (1 + np.exp(-np.dot(X, syn0))), syn1)))
    return [syn0, syn1], l2, history, None


def held_out_split(np, y, fraction, seed, classes=True):
    """The rows held out: a stratified share of each class, from a shuffle of
    its own generator (the weights' stream is untouched); purebp.holdout."""
    order = np.random.RandomState(seed).permutation(len(y))   # its own generator
    labels = np.argmax(y, axis=1)                    # each row's class (with classes)
    groups = y.shape[1]                              # the classes, in their order
    if not classes:                                  # targets to predict: one group
        labels, groups = np.zeros(len(y), dtype=int), 1
    held_out = []
    for c in range(groups):
        rows = order[labels[order] == c]             # class c's rows, in shuffled order
        k = min(max(int(np.floor(fraction * len(rows) + 0.5)), 1), len(rows) - 1)
        held_out += rows[:k].tolist()                # its first k are held out
    test = np.sort(held_out)
    train = np.setdiff1d(np.arange(len(y)), test)
    return train, test


def held_out_program(np, X, y, seed, iterations, lr, every, layers, fraction):
    """Real data: hold out a share of each class, train Trask's network with a
    softmax output on the rest, and measure both at every report."""
    train, test = held_out_split(np, y, fraction, seed)
    X_test, y_test = X[test], y[test]                # measured, never trained on
    X, y = X[train], y[train]
    history, held = [], []
    np.random.seed(seed)
    syn0 = 2 * np.random.random((layers[0], layers[1])) - 1
    syn1 = 2 * np.random.random((layers[1], layers[2])) - 1

    def loss_of(X, y):                               # the loss of these weights on X, y
        l1 = 1 / (1 + np.exp(-np.dot(X, syn0)))
        z = np.dot(l1, syn1)
        e = np.exp(z - z.max(axis=1, keepdims=True))
        l2 = e / e.sum(axis=1, keepdims=True)
        return -np.sum(y * np.maximum(np.log(l2), -100)) / len(y)

    for j in range(iterations):
        l0 = X
        l1 = 1 / (1 + np.exp(-np.dot(l0, syn0)))
        z = np.dot(l1, syn1)
        e = np.exp(z - z.max(axis=1, keepdims=True))    # softmax: shares of each row
        l2 = e / e.sum(axis=1, keepdims=True)
        if j % every == 0:                              # training and held-out, side by side
            history.append([j, float(-np.sum(y * np.maximum(np.log(l2), -100)) / len(y))])
            held.append([j, float(loss_of(X_test, y_test))])
        l2_delta = (y - l2) / len(y)                    # softmax's slope cancels
        l1_error = l2_delta.dot(syn1.T)
        l1_delta = l1_error * (l1 * (1 - l1))
        syn1 += lr * l1.T.dot(l2_delta)
        syn0 += lr * l0.T.dot(l1_delta)
    return [syn0, syn1], l2, history, None, held


PROGRAMS = {"tanh-hidden": tanh_hidden, "relu-hidden": relu_hidden, "mse": mse_program,
            "cross-entropy": cross_entropy_program, "softmax": softmax_program}


def left_to_right_dot(a, b):
    """np.dot(a, b) with each sum taken in order, a0*b0 + a1*b1 + ..."""
    total = a[:, 0:1] * b[0:1, :]
    for k in range(1, a.shape[1]):
        total = total + a[:, k:k + 1] * b[k:k + 1, :]
    return total


def blobs(np, classes=10, per_class=24, inputs=5, seed=11):
    """Gaussian blobs around random centres, the bias appended; targets one-hot."""
    rs = np.random.RandomState(seed)
    centres = rs.uniform(-2, 2, (classes, inputs))
    labels = np.repeat(np.arange(classes), per_class)
    rs.shuffle(labels)
    X = centres[labels] + 0.8 * rs.standard_normal((len(labels), inputs))
    return np.hstack([X, np.ones((len(labels), 1))]), np.eye(classes)[labels]


def iris(np, fit_rows=None):
    """Fisher's iris from purebp/iris.py, each input min-max scaled as --scale
    does (each column's min and max from the rows ``fit_rows``, the training
    rows of a held-out split; all of them without one), the bias appended;
    the species one-hot, in purebp's class order."""
    sys.path.insert(0, os.path.join(HERE, os.pardir))
    from purebp.iris import SPECIES, rows
    table = rows()
    X = np.array([row[:4] for row in table])
    fit = X if fit_rows is None else X[fit_rows]
    low, high = fit.min(axis=0), fit.max(axis=0)
    X = (X - low) / (high - low)
    labels = [SPECIES.index(row[4]) for row in table]
    return np.hstack([X, np.ones((len(X), 1))]), np.eye(len(SPECIES))[labels]


def data_set(np, data):
    """``(X, y)`` as numpy arrays, and whether they must be written into the file."""
    if data == "blobs":
        return blobs(np) + (True,)
    if data == "iris":
        return iris(np) + (True,)
    X = np.array(X_ROWS)
    if data == "xor-classes":
        return X, np.eye(2, dtype=int)[TARGETS["xor"]], True
    return X, np.array([TARGETS[data]]).T, False


def options_of(spec):
    options = {"activation": "sigmoid", "batch_size": None, "epochs": None,
               "test_fraction": None}
    options.update(spec[9] if len(spec) > 9 else {})
    return options


def run_scenario(np, spec):
    program, data, layers, seed, iterations, lr, loss, every, metric = spec[:9]
    options = options_of(spec)
    X_all, y_all, written = data_set(np, data)
    X, y, held_out, split = X_all, y_all, None, None
    if options["test_fraction"]:
        train_rows, test_rows = held_out_split(np, y_all, options["test_fraction"], seed)
        if data == "iris":         # the held-out rows stay out of the scale too
            X_all = iris(np, train_rows)[0]
        X, y, held_out = X_all[train_rows], y_all[train_rows], (X_all[test_rows], y_all[test_rows])
        split = {"train": train_rows.tolist(), "test": test_rows.tolist()}
    first = {}
    general = lambda **kw: network(np, X, y, layers, seed, iterations, lr, loss, every, metric,
                                   activation=options["activation"],
                                   batch_size=options["batch_size"], epochs=options["epochs"],
                                   held_out=held_out, **kw)
    if program == "eight-lines":
        result = eight_lines(np, X, y, seed, iterations, every)
    elif program == "expanded":
        result = expanded(np, X, y, seed, iterations)
    elif program == "trask":
        result = trask(np, X, y, seed, iterations, every)
    elif program == "mini-batches":
        result = mini_batches(np, X, y, seed, options["epochs"], lr, every, layers,
                              options["batch_size"])
    elif program == "held-out":
        result = held_out_program(np, X_all, y_all, seed, iterations, lr, every, layers,
                                  options["test_fraction"])
    elif program in PROGRAMS:
        result = PROGRAMS[program](np, X, y, seed, iterations, lr, every, layers)
    else:
        result = general(first=first)
    weights, outputs, history, stdout = result[:4]
    held = result[4] if len(result) > 4 else []
    if program != "network":
        # The general program must agree exactly with the literal one; the
        # scenarios that only it runs rest on that.
        again = general(first=first)
        assert [w.tolist() for w in again[0]] == [w.tolist() for w in weights], program
        assert again[1].tolist() == outputs.tolist(), program
        assert again[2] == history, program
        assert again[4] == held, program
    # The same run with every dot product summed left to right, as purebp
    # sums, instead of in BLAS's order. How far it lands from the BLAS run is
    # what this scenario's numbers can honestly be held to; the run itself is
    # purebp's arithmetic done by numpy, which purebp must match exactly.
    # (numpy's other sums, np.sum, np.mean, e.sum(axis=1), purebp adds in
    # numpy's own pairwise order.)
    ordered = general(dot=left_to_right_dot)
    sensitivity = max(largest_deviation([w.tolist() for w in weights], [w.tolist() for w in ordered[0]]),
                      largest_deviation(outputs.tolist(), ordered[1].tolist()),
                      largest_deviation(history, ordered[2]), largest_deviation(held, ordered[4]))
    document = {"X": X_all.tolist() if written else None, "y": y_all.tolist() if written else None,
                "weights": [w.tolist() for w in weights], "outputs": outputs.tolist(),
                "history": history, "stdout": stdout, "summation_sensitivity": sensitivity,
                "first_step": first,
                "left_to_right": {"weights": [w.tolist() for w in ordered[0]],
                                  "outputs": ordered[1].tolist(), "history": ordered[2]}}
    if split is not None:
        document.update({"split": split, "held_out_history": held})
        document["left_to_right"]["held_out_history"] = ordered[4]
    return document


# --- the other references -------------------------------------------------------

def record_random(np):
    streams = {}
    for seed in SEEDS_FOR_STREAMS:
        np.random.seed(seed)
        streams[str(seed)] = np.random.random(1000).tolist()
    permutations = []
    for seed, n in PERMUTATIONS:
        np.random.seed(seed)
        before = np.random.random(3).tolist()      # the weights come first
        order = np.random.permutation(n).tolist()
        again = np.random.permutation(n).tolist()  # the next epoch's
        after = np.random.random(2).tolist()
        permutations.append({"seed": seed, "n": n, "draws": [before, order, again, after]})
    draws = []
    for layers, seed in WEIGHT_DRAWS:
        np.random.seed(seed)
        weights = [(2 * np.random.random((layers[k], layers[k + 1])) - 1).tolist()
                   for k in range(len(layers) - 1)]
        draws.append({"layers": layers, "seed": seed, "weights": weights})
    return {"random_streams": streams, "initial_weights": draws, "permutations": permutations}


def record_sigmoid(np):
    # exp_probe: numpy's exp at 4000 points where training evaluates it. The
    # tests compare the running Python's math.exp with them: where the C
    # library differs (WebAssembly's, say), bit-for-bit equality cannot hold.
    probe = np.random.RandomState(7).uniform(-40, 40, 4000)
    with np.errstate(over="ignore"):
        z = np.array(SIGMOID_Z)
        return {"z": SIGMOID_Z, "sigmoid": (1 / (1 + np.exp(-z))).tolist(),
                "exp_probe": [probe.tolist(), np.exp(probe).tolist()]}


def record_activations(np):
    """numpy's activations, slopes, softmax rows and sums, at points training meets."""
    rs = np.random.RandomState(5)
    z = np.concatenate([[0.0, -0.0, 0.5, -0.5, 1e-300, -1e-300, 20.0, -20.0, 400.0, -400.0,
                         800.0, -800.0, float("nan")], rs.uniform(-10, 10, 2000)])
    l = rs.uniform(-1, 1, 500)
    rows = [rs.uniform(-30, 30, rs.randint(1, 40)) for _ in range(200)]
    rows += [np.array([1000.0, 0.0]), np.array([-1000.0, 0.0, 5.0]), np.array([3.0] * 12)]
    sums = [rs.standard_normal(n) * 10.0 ** rs.randint(-6, 6, n)
            for n in (1, 7, 8, 9, 16, 100, 127, 128, 129, 300, 1000, 2400)]
    with np.errstate(over="ignore", invalid="ignore"):
        return {"z": z.tolist(),
                "tanh": np.tanh(z).tolist(),
                "relu": np.maximum(z, 0).tolist(),
                "l": l.tolist(),
                "tanh_slope": (1 - l ** 2).tolist(),
                "relu_slope": ((l > 0) * 1.0).tolist(),
                "softmax": [[row.tolist(), softmax(np, row[None, :])[0].tolist()] for row in rows],
                "sums": [[a.tolist(), float(np.sum(a)), float(np.mean(a))] for a in sums],
                "tanh_probe": [z.tolist(), np.tanh(z).tolist()],
                "log_probe": [l.tolist(), np.log(np.abs(l)).tolist()]}


def record_losses(np):
    """numpy's value and start of every loss, and the metrics, on a few (y, l) pairs."""
    rs = np.random.RandomState(6)
    cases = []
    for rows, cols in [(4, 1), (4, 2), (9, 3), (150, 3), (240, 10)]:
        labels = rs.randint(0, cols, rows)
        y = np.eye(cols)[labels] if cols > 1 else rs.randint(0, 2, (rows, 1)).astype(float)
        z = rs.standard_normal((rows, cols)) * 3
        z[0, 0] = 40.0                                   # a saturated output: l == 1.0
        l_sigmoid = 1 / (1 + np.exp(-z))
        l_softmax = softmax(np, z)
        case = {"y": y.tolist(), "z": z.tolist(), "l_sigmoid": l_sigmoid.tolist(),
                "l_softmax": l_softmax.tolist(), "losses": {}, "metrics": {}}
        for loss in START:
            if loss == "softmax" and cols < 2:
                continue
            l = l_softmax if OUTPUT[loss] == "softmax" else l_sigmoid
            case["losses"][loss] = {"value": float(VALUE[loss](np, y, l)),
                                    "start": START[loss](y, l).tolist()}
        for metric in ("sse", "mse", "mae", "accuracy"):
            case["metrics"][metric] = float(measure(np, metric, None, y, l_sigmoid))
        cases.append(case)
    return {"cases": cases}


def record_holdout(np):
    """numpy's held-out splits (held_out_split): iris's classes at several
    fractions and seeds, rows without classes, and digits-sized data of 10
    classes (random labels, not the digits)."""
    y_iris = iris(np)[1]
    rs = np.random.RandomState(8)
    cases = []
    for fraction in (0.1, 0.2, 0.25, 0.3, 0.5, 0.75, 0.9, 0.001, 0.999):
        for seed in (0, 1, 42, 2 ** 32 - 1):
            cases.append(("iris", y_iris, fraction, seed))
    for rows in (2, 3, 4, 10, 150, 1257):
        for fraction, seed in ((0.3, 1), (0.2, 7), (0.5, 2 ** 32 - 1)):
            cases.append(("no classes", np.zeros((rows, 1)), fraction, seed))
            cases.append(("no classes", np.random.RandomState(rows).uniform(0, 1, (rows, 2)),
                          fraction, seed))   # two targets to predict: still one group
    for rows, classes in ((1257, 10), (1797, 10), (40, 7), (9, 3)):
        labels = rs.randint(0, classes, rows)
        labels[:2 * classes] = np.repeat(np.arange(classes), 2)   # every class twice at least
        for fraction, seed in ((0.2, 1), (0.3, 5), (0.15, 2 ** 31)):
            cases.append(("random labels", np.eye(classes)[labels], fraction, seed))
    recorded = []
    for what, y, fraction, seed in cases:
        classes = what != "no classes"
        train, test = held_out_split(np, y, fraction, seed, classes)
        recorded.append({"data": what, "rows": len(y), "fraction": fraction, "seed": seed,
                         "labels": np.argmax(y, axis=1).tolist() if classes else None,
                         "train": train.tolist(), "test": test.tolist()})
    return {"cases": recorded}


def record_arrayprint(np):
    """numpy's str() of many small matrices and some large ones, for purebp.arrayprint."""
    rng = np.random.RandomState(12345)
    cases = [[[10.380612490410395], [-0.2064226448679088], [-4.984616810539436]],
             [[0.5], [1.0]], [[1.0], [2.0]], [[0.0], [-0.0]], [[1e-05], [0.5]],
             [[123456789.0], [1.0]], [[0.001953125], [0.5]], [[-1.5e-300], [2.0]],
             [[float("nan")], [1.0]], [[float("-inf")], [0.25]], [[float("inf")]],
             [[1, 2], [30, -4]]]
    for _ in range(300):
        rows, cols = rng.randint(1, 5), rng.randint(1, 14)
        scale = 10.0 ** rng.randint(-9, 10, size=(rows, cols))
        values = rng.standard_normal((rows, cols)) * scale
        if rng.rand() < 0.5:
            values = np.round(values, rng.randint(0, 12))
        cases.append(values.tolist())
    cases += summarised_cases(np)
    return {"cases": [{"matrix": c, "str": str(np.array(c))} for c in cases]}


def summarised_cases(np):
    """Matrices of more than 1000 entries, which numpy prints with "...", and
    some at the edge of it. Values have few digits, to keep the file small."""
    rng = np.random.RandomState(2024)

    def normal(rows, cols, scale=1.0, decimals=4):
        return np.round(rng.standard_normal((rows, cols)) * scale, decimals)

    cases = [np.arange(2000).reshape(1000, 2),                 # ints, rows summarised
             np.arange(-600, 600).reshape(6, 200),               # 6 rows: only columns summarised
             normal(1001, 1), normal(3, 1000, 100.0), normal(2, 600),
             normal(1, 1001, 1e-6, 12), normal(34, 34, 1e3, 1), normal(7, 150),
             normal(1000, 1), normal(1, 1000, 10.0)]           # exactly 1000: printed whole
    middle = normal(40, 30)
    middle[10:30, 5:25] = 1e10     # numpy ignores the middle: no scientific notation
    cases.append(middle)
    edges = normal(501, 2)
    edges[0, 0], edges[-1, -1], edges[250, 1] = np.nan, -np.inf, np.inf
    cases.append(edges)
    zeros = np.zeros((1002, 1))
    zeros[1, 0] = -0.0
    cases.append(zeros)
    return [c.tolist() for c in cases]


def record_selfcheck(np):
    scenarios = []
    for spec in SELFCHECK:
        name, data, layers, seed, iterations, lr, loss, every, metric = spec[:9]
        options = options_of(spec)
        X, y, _ = data_set(np, data)
        weights, outputs, history, _, _ = network(np, X, y, layers, seed, iterations, lr, loss,
                                               every, metric, activation=options["activation"],
                                               batch_size=options["batch_size"],
                                               epochs=options["epochs"])
        scenario = {"name": name, "data": data, "layers": layers, "seed": seed,
                    "iterations": iterations, "lr": lr, "loss": loss, "every": every,
                    "metric": metric, "weights": [w.tolist() for w in weights],
                    "outputs": outputs.tolist(), "history": history}
        scenario.update(options)
        scenarios.append(scenario)
    permutations = []
    for seed, n in ((1, 4), (1, 10), (42, 150), (2 ** 32 - 1, 7)):
        np.random.seed(seed)
        permutations.append([seed, n, np.random.permutation(n).tolist()])
    streams = []
    for seed in (0, 1, 42, 2 ** 32 - 1):
        np.random.seed(seed)
        streams.append([seed, np.random.random(20).tolist()])
    z_sigmoid = [0.0, 2.0, -36.0, -709.0, -709.78, -710.0, -745.0, -800.0, 800.0]
    with np.errstate(over="ignore"):
        values = (1 / (1 + np.exp(-np.array(z_sigmoid)))).tolist()
    z = [0.0, 0.5, -3.0, 19.0, -800.0]
    with np.errstate(over="ignore"):
        activations = [z, np.tanh(np.array(z)).tolist(), np.maximum(np.array(z), 0).tolist(),
                       softmax(np, np.array([z]))[0].tolist()]
    return {"scenarios": scenarios, "streams": streams, "sigmoid": [z_sigmoid, values],
            "permutations": permutations, "activations": activations}


def numbers_text(values):
    """A nested list of numbers as one string, row by row: ``"0.5 -1.25 ..."``."""
    if isinstance(values, list):
        return " ".join(numbers_text(v) for v in values)
    return repr(float(values))


def write_selfcheck(document, numpy_version):
    """purebp/selfcheck_data.py and selfcheck_large.py: plain Python literals,
    which every Python can import.

    The numbers are text, one string per list: a board's heap then holds a
    few strings instead of hundreds of float objects, which loading leaves
    scattered among freed gaps (``purebp check`` reads them with float()).
    The training scenarios of more than ``selfcheck.BOARD_WEIGHTS`` weights
    go to selfcheck_large.py: the board-sized check never loads them.
    """
    sys.path.insert(0, os.path.join(HERE, os.pardir))
    from purebp.selfcheck import BOARD_WEIGHTS as most
    small, large = [], []
    for scenario in document["scenarios"]:
        layers = scenario["layers"]
        weights = sum(layers[k] * layers[k + 1] for k in range(len(layers) - 1))
        (small if weights <= most else large).append(scenario)
    if [s["name"] for s in small + large] != [s["name"] for s in document["scenarios"]]:
        raise SystemExit("record_references: SELFCHECK lists a network of more than %d "
                         "weights before a smaller one" % most)
    lines = ['"""numpy\'s numbers for ``purebp check``.',
             "",
             "Written by tools/record_references.py from numpy %s; do not edit." % numpy_version,
             "",
             "Every list of numbers is one string (row by row, read with float(); the",
             "shuffles' orders with int()): on a board's heap a few strings take far",
             "less room than hundreds of floats. The training scenarios of more",
             "than %d weights are in selfcheck_large.py, which a board-sized check" % most,
             "never loads.",
             '"""',
             "",
             "NUMPY_VERSION = %r" % numpy_version,
             "",
             "# [seed, the first draws of np.random.random() after np.random.seed(seed)]",
             "RANDOM_STREAMS = ["]
    lines += ["    [%d, %r]," % (seed, numbers_text(values)) for seed, values in document["streams"]]
    z, values = document["sigmoid"]
    lines += ["]", "", "# [z, 1 / (1 + np.exp(-z))]",
              "SIGMOID = [%r, %r]" % (numbers_text(z), numbers_text(values)), "",
              "# [z, np.tanh(z), np.maximum(z, 0), the softmax of z as one row]",
              "ACTIVATIONS = [%s]" % ", ".join(repr(numbers_text(values))
                                               for values in document["activations"]), "",
              "# [seed, n, np.random.permutation(n) just after np.random.seed(seed)]",
              "PERMUTATIONS = ["]
    lines += ["    [%d, %d, %r]," % (seed, n, " ".join(str(i) for i in order))
              for seed, n, order in document["permutations"]]
    lines += ["]", "",
              "# The training scenarios of at most %d weights, which a board-sized" % most,
              "# check runs; selfcheck_large.py holds the %d others." % len(large)]
    lines += scenario_lines(small)
    lines += ["LARGE_SCENARIOS = %d" % len(large)]
    write_module(SELFCHECK_FILE, lines)
    lines = ['"""numpy\'s numbers for ``purebp check``: its training scenarios of more',
             "than %d weights, which only the full check runs (selfcheck_data.py" % most,
             "holds the others, and says how they are written).",
             "",
             "Written by tools/record_references.py from numpy %s; do not edit." % numpy_version,
             '"""',
             ""]
    lines += scenario_lines(large)
    write_module(SELFCHECK_LARGE_FILE, lines)


def scenario_lines(scenarios):
    lines = ["# data: 'seed' and 'xor' are built in; 'xor-classes' is XOR as two one-hot",
             "# classes. weights: syn[0], syn[1], ... row by row; outputs: l row by row;",
             "# history: the metric at iterations (or epochs) 0, every, 2 * every, ...",
             "SCENARIOS = ["]
    for scenario in scenarios:
        lines.append("    {")
        for key in ("name", "data", "layers", "seed", "iterations", "lr", "loss", "every",
                    "metric", "activation", "batch_size", "epochs"):
            lines.append("        %r: %r," % (key, scenario[key]))
        lines.append("        'weights': %r," % numbers_text(scenario["weights"]))
        lines.append("        'outputs': %r," % numbers_text(scenario["outputs"]))
        lines.append("        'history': %r," % numbers_text([v for i, v in scenario["history"]]))
        lines.append("    },")
    return lines + ["]"]


def write_module(path, lines):
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(path + ".tmp", path)


# --- workers and the parent -------------------------------------------------------

EXTRAS = {"random": record_random, "sigmoid": record_sigmoid,
          "activations": record_activations, "losses": record_losses, "holdout": record_holdout,
          "arrayprint": record_arrayprint, "selfcheck": record_selfcheck}


def worker(mode, only):
    import numpy as np
    results = {}
    for name, spec in SCENARIOS.items():
        if not only or name in only:
            results[name] = run_scenario(np, spec)
    extra = dict((name, record(np)) for name, record in EXTRAS.items()
                 if not only or name in only)
    json.dump({"numpy_version": np.__version__, "scenarios": results, "extra": extra,
               "simd_exp_off": os.environ.get("NPY_DISABLE_CPU_FEATURES", "")},
              sys.stdout)


def simd_features():
    """The optional CPU features numpy dispatches to on this CPU (AVX-512
    switches its exp, AVX2 its tanh): switched off, numpy calls the C library."""
    code = ("import numpy._core._multiarray_umath as m;"
            "print(' '.join(f for f in m.__cpu_dispatch__ if m.__cpu_features__.get(f)))")
    return subprocess.run([sys.executable, "-c", code], check=True,
                          capture_output=True, text=True).stdout.strip()


def run_worker(mode, disable, only):
    env = dict(os.environ)
    env.pop("NPY_DISABLE_CPU_FEATURES", None)
    if disable:
        env["NPY_DISABLE_CPU_FEATURES"] = disable
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--worker", mode]
                         + (["--only"] + only if only else []),
                         check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out)


def largest_deviation(a, b):
    if isinstance(a, list):
        return max([largest_deviation(p, q) for p, q in zip(a, b)] or [0.0])
    return abs(a - b)


def write_json(path, document):
    tmp = path + ".tmp"
    # One key a line, each value on that line: short files, readable diffs.
    lines = ['  %s: %s' % (json.dumps(key), json.dumps(value)) for key, value in document.items()]
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("{\n" + ",\n".join(lines) + "\n}\n")
    os.replace(tmp, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=DEFAULT_OUT, help="folder for the JSON files")
    parser.add_argument("--only", nargs="+", metavar="NAME",
                        choices=sorted(SCENARIOS) + sorted(EXTRAS),
                        help="record only these files (default: all)")
    parser.add_argument("--worker", choices=["libm", "simd"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.only)
        return 0
    try:
        import numpy
    except ImportError:
        print("record_references: needs numpy (python -m pip install numpy)", file=sys.stderr)
        return 2
    disable = simd_features()
    libm = run_worker("libm", disable, args.only)
    simd = run_worker("simd", "", args.only)
    os.makedirs(args.out, exist_ok=True)
    common = {"numpy_version": libm["numpy_version"], "python_version": platform.python_version(),
              "machine": platform.machine(),
              "numpy_exp": ("the C library's exp and tanh: NPY_DISABLE_CPU_FEATURES=%r"
                            % disable if disable else
                            "the C library's exp and tanh (no optional CPU features)")}
    for name, spec in SCENARIOS.items():
        if name not in libm["scenarios"]:
            continue
        program, data, layers, seed, iterations, lr, loss, every, metric = spec[:9]
        ref, other = libm["scenarios"][name], simd["scenarios"][name]
        document = {"name": name, "program": program, "data": data, "layers": layers,
                    "seed": seed, "iterations": iterations, "lr": lr, "loss": loss,
                    "every": every, "metric": metric}
        if len(spec) > 9:
            document.update(options_of(spec))
        document.update(common)
        document.update({k: v for k, v in ref.items() if v is not None})
        document["simd_exp"] = {k: v for k, v in other.items()
                                if k in ("weights", "outputs", "history", "stdout", "first_step",
                                         "held_out_history") and v is not None}
        document["simd_exp"]["largest_deviation"] = max(
            largest_deviation(ref[k], other[k]) for k in ("weights", "outputs", "history"))
        write_json(os.path.join(args.out, name + ".json"), document)
        print("%-22s numpy moves by %.3g with sums left to right, %.3g with its simd exp"
              % (name, ref["summation_sensitivity"], document["simd_exp"]["largest_deviation"]))
    if "selfcheck" in libm["extra"]:
        write_selfcheck(libm["extra"].pop("selfcheck"), libm["numpy_version"])
        print("wrote %s and %s" % (os.path.normpath(SELFCHECK_FILE),
                                   os.path.normpath(SELFCHECK_LARGE_FILE)))
    for name, document in libm["extra"].items():
        document.update(common)
        if name == "sigmoid":
            document["simd_exp"] = simd["extra"]["sigmoid"]["sigmoid"]
            document["simd_exp_probe_mismatches"] = sum(
                a != b for a, b in zip(document["exp_probe"][1],
                                       simd["extra"]["sigmoid"]["exp_probe"][1]))
        if name == "activations":
            document["simd_tanh"] = simd["extra"]["activations"]["tanh"]
            document["simd_tanh_mismatches"] = sum(
                a != b for a, b in zip(document["tanh"], document["simd_tanh"]))
        if name == "losses":
            document["simd"] = simd["extra"]["losses"]["cases"]
        write_json(os.path.join(args.out, name + ".json"), document)
    print("wrote %d files to %s" % (len(libm["scenarios"]) + len(libm["extra"]),
                                    os.path.normpath(args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
