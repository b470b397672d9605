"""The Python API's bad calls: each one a PurebpError naming the argument.

Every call in ``BAD`` must raise ``PurebpError`` (a ``ValueError``), never
another exception, with a message that contains the given words; the words
start with the argument's name. Every call in ``ACCEPTED`` is a call that
looks questionable but is accepted on purpose, for the reason given (the
same reasons are written in docs/api.md, "Arguments").
"""

import os
import pathlib

import pytest

import purebp
from test_bad_input import error_patterns
from purebp import (MT19937, Model, PurebpError, add, apply, dot, explain, forward,
                    gradient_check, initial_weights, load, load_data, multiply, predict, save,
                    shape, sigmoid, sigmoid_derivative, step, subtract, total, train, transpose)
from purebp.activations import relu, relu_derivative, softmax, tanh, tanh_derivative
from purebp.gradcheck import kinks, loss_value, numerical_gradient
from purebp.matrix import pairwise_sum
from purebp.metrics import measure
from purebp.network import evaluate, step_at, weights_at
from purebp.random_start import permutation
from purebp.svg import chain_rule_svg, chain_rule_values, loss_svg, network_svg

PATTERNS = error_patterns()       # every message of docs/errors.md, as a regular expression
X, y = load_data("seed")
W = initial_weights([3, 1], 1)
NAN, INF = float("nan"), float("inf")
HUGE = 10 ** 400          # an int no float can hold
MODEL = Model([3, 1], W)


def nan_weights():
    return [[[NAN], [0.5], [0.5]]]


def big_network():
    """Weights of a 3,1000,600,1 network, built cheaply (rows shared)."""
    return [[[0.0] * 1000] * 3, [[0.0] * 600] * 1000, [[0.0]] * 600]


def big_relu_network():
    """A 3,500,500,1 network: below a day as a plain check (0.6 days),
    above one with ReLU's kinks looked for too."""
    return [[[0.0] * 500] * 3, [[0.0] * 500] * 500, [[0.0]] * 500]


# (call, words the message must contain)
BAD = [
    # train: the data
    (lambda: train(None, y), "X: expected a matrix (a list of rows), got None"),
    (lambda: train("abc", y), "X: expected a matrix (a list of rows), got a str"),
    (lambda: train([], y), "X: empty matrix: it has no rows"),
    (lambda: train([[]], [[1]]), "X: empty matrix: row 0 has no entries"),
    (lambda: train([[1, 2], [3]], [[1], [0]]), "X: ragged matrix: row 1 has length 1"),
    (lambda: train([[NAN, 1]], [[1]]), "X: row 0, column 0: nan is not a finite number"),
    (lambda: train([[1, INF]], [[1]]), "X: row 0, column 1: inf is not a finite number"),
    (lambda: train([[-INF, 1]], [[1]]), "X: row 0, column 0: -inf is not a finite number"),
    (lambda: train([[HUGE, 1]], [[1]]), "X: row 0, column 0: an integer of 401 digits"),
    (lambda: train([["1", 0, 1]], [[1]]), "X: row 0, column 0: '1' is not a number"),
    (lambda: train([[None, 0, 1]], [[1]]), "X: row 0, column 0: None is not a number"),
    (lambda: train([[[0], 0, 1]], [[1]]), "X: row 0, column 0: [0] is not a number"),
    (lambda: train([1, 0, 1], [[1]]), "X: a flat list of numbers, not a matrix"),
    (lambda: train(["ab", "cd"], [[1], [0]]), "X: row 0 is a str, not a list of numbers"),
    (lambda: train({0: [1]}, [[1]]), "X: expected a matrix (a list of rows), got a dict"),
    (lambda: train(X, [[NAN]] * 4), "y: row 0, column 0: nan is not a finite number"),
    (lambda: train(X, [[1], [0], [INF], [1]]), "y: row 2, column 0: inf is not a finite number"),
    (lambda: train(X, [[HUGE]] * 4), "y: row 0, column 0: an integer of 401 digits"),
    (lambda: train(X, [0, 0, NAN, 1]), "y: row 2, column 0: nan is not a finite number"),
    (lambda: train(X, None), "y: expected a matrix (a list of rows), got None"),
    (lambda: train(X, "0011"), "y: expected a matrix (a list of rows), got a str"),
    (lambda: train(X, y[:3]), "X has 4 rows but y has 3"),
    (lambda: train(X, [1, 0]), "X has 4 rows but y has 2"),
    (lambda: train(X, [[0, 1], [1]] * 2), "y: ragged matrix"),
    # train: the network
    (lambda: train(X, y, layers=3), "layers: expected a list of layer sizes like [3, 4, 1], got an int"),
    (lambda: train(X, y, layers={3: 1, 1: 2}), "layers: expected a list of layer sizes like [3, 4, 1], got a dict"),
    (lambda: train(X, y, layers="3,1"), "layers: expected a list of layer sizes"),
    (lambda: train(X, y, layers={3, 1}), "layers: expected a list of layer sizes"),
    (lambda: train(X, y, layers=[3]), "layers: need at least an input and an output size"),
    (lambda: train(X, y, layers=[]), "layers: need at least an input and an output size"),
    (lambda: train(X, y, layers=[3, 0, 1]), "layers: 0 is not a positive whole number of units"),
    (lambda: train(X, y, layers=[3, -1, 1]), "layers: -1 is not a positive whole number"),
    (lambda: train(X, y, layers=[3, 1.5, 1]), "layers: 1.5 is not a positive whole number"),
    (lambda: train(X, y, layers=[3, True, 1]), "layers: True is not a positive whole number"),
    (lambda: train(X, y, layers=[3, "4", 1]), "layers: '4' is not a positive whole number"),
    (lambda: train(X, y, layers=[2, 1]), "layers: the first size is 2, but the data has 3 inputs"),
    (lambda: train(X, y, layers=[3, 2]), "layers: the last size is 2, but the data has 1 output"),
    (lambda: train(X, y, layers=[3, 10 ** 6, 1000, 1]), "layers: 3,1000000,1000,1 would need"),
    # train: the settings
    (lambda: train(X, y, seed=-1), "seed: -1 is out of range"),
    (lambda: train(X, y, seed=2 ** 32), "seed: 4294967296 is out of range"),
    (lambda: train(X, y, seed=1.5), "seed: 1.5 is not an integer"),
    (lambda: train(X, y, seed="1"), "seed: '1' is not an integer"),
    (lambda: train(X, y, seed=None), "seed: None is not an integer"),
    (lambda: train(X, y, seed=True), "seed: True is not an integer"),
    (lambda: train(X, y, iterations=0), "iterations: 0 is not a whole number of at least 1"),
    (lambda: train(X, y, iterations=-5), "iterations: -5 is not a whole number"),
    (lambda: train(X, y, iterations=1.5), "iterations: 1.5 is not a whole number"),
    (lambda: train(X, y, iterations=True), "iterations: True is not a whole number"),
    (lambda: train(X, y, iterations="10"), "iterations: '10' is not a whole number"),
    (lambda: train(X, y, iterations=10 ** 26), "iterations: 100000000000000000000000000 iterations of a 3,1 network on 4 rows: about"),
    (lambda: train(X, y, lr=True), "lr: True is not a finite positive learning rate"),
    (lambda: train(X, y, lr=0), "lr: 0 is not a finite positive learning rate"),
    (lambda: train(X, y, lr=-1), "lr: -1 is not a finite positive"),
    (lambda: train(X, y, lr=NAN), "lr: nan is not a finite positive"),
    (lambda: train(X, y, lr=INF), "lr: inf is not a finite positive"),
    (lambda: train(X, y, lr=HUGE), "lr: 1000000000000000000000000000000000000... is not a finite positive"),
    (lambda: train(X, y, lr="1"), "lr: '1' is not a finite positive"),
    (lambda: train(X, y, lr=None), "lr: None is not a finite positive"),
    (lambda: train(X, y, lr=[1.0]), "lr: [1.0] is not a finite positive"),
    (lambda: train(X, y, epochs=0), "epochs: 0 is not a whole number of at least 1"),
    (lambda: train(X, y, epochs=-3), "epochs: -3 is not a whole number"),
    (lambda: train(X, y, epochs=1.5), "epochs: 1.5 is not a whole number"),
    (lambda: train(X, y, epochs=True), "epochs: True is not a whole number"),
    (lambda: train(X, y, epochs="3"), "epochs: '3' is not a whole number"),
    (lambda: train(X, y, iterations=5, epochs=6), "iterations 5 and epochs 6: in full-batch training an iteration is an epoch"),
    (lambda: train(X, y, epochs=10 ** 26), "epochs: 100000000000000000000000000 epochs of a 3,1 network on 4 rows: about"),
    (lambda: train(X, y, batch_size=0), "batch_size: 0 is not a whole number of at least 1"),
    (lambda: train(X, y, batch_size=-2), "batch_size: -2 is not a whole number"),
    (lambda: train(X, y, batch_size=2.0), "batch_size: 2.0 is not a whole number"),
    (lambda: train(X, y, batch_size=True), "batch_size: True is not a whole number"),
    (lambda: train(X, y, batch_size="2"), "batch_size: '2' is not a whole number"),
    (lambda: train(X, y, batch_size=5), "batch_size: 5 is more than the training data's 4 rows; give at most 4"),
    (lambda: train(X, y, batch_size=2, iterations=10), "iterations with a batch size: mini-batch training is counted in epochs"),
    (lambda: train(X, y, batch_size=2, epochs=10 ** 26), "epochs: 100000000000000000000000000 epochs of a 3,1 network on 4 rows in batches of 2: about"),
    (lambda: train(X, y, loss="l2"), "loss: unknown convention 'l2'; choose from: half-sse, sse"),
    (lambda: train(X, y, loss=None), "loss: unknown convention None"),
    (lambda: train(X, y, loss=["sse"]), "loss: unknown convention ['sse']"),
    (lambda: train(X, y, every=-1), "every: -1 is not a whole number of at least 0"),
    (lambda: train(X, y, every=0.5), "every: 0.5 is not a whole number"),
    (lambda: train(X, y, every=True), "every: True is not a whole number"),
    (lambda: train(X, y, every=None), "every: None is not a whole number"),
    (lambda: train(X, y, metric="rmse"), "metric: unknown metric 'rmse'; choose from: sse, mse, mae"),
    (lambda: train(X, y, metric=None), "metric: unknown metric None"),
    (lambda: train(X, y, metric="auc"), "metric: unknown metric 'auc'; choose from: sse, mse, mae, accuracy, loss"),
    (lambda: train(X, y, loss="hinge"), "loss: unknown convention 'hinge'; choose from: half-sse, sse, mse, cross-entropy, softmax"),
    (lambda: train(X, y, layers=[3, 4, 1], activation="softplus"), "activation: unknown activation 'softplus'; choose from: sigmoid, tanh, relu"),
    (lambda: train(X, y, layers=[3, 4, 1], activation="softmax"), "activation: unknown activation 'softmax'"),
    (lambda: train(X, y, layers=[3, 4, 1], activation=None), "activation: unknown activation None"),
    (lambda: train(X, y, activation="tanh"), "activation 'tanh' is for hidden layers, and layers 3,1 has none"),
    (lambda: train(X, y, loss="softmax"), "loss softmax needs two or more outputs, one per class"),
    (lambda: train(X, [[1, 1]] * 4, loss="softmax"), "loss softmax: target row 0 sums to 2"),
    (lambda: train(X, [[2], [0], [1], [1]], loss="cross-entropy"), "loss cross-entropy: target row 0, column 0 is 2, outside [0, 1]"),
    (lambda: train(X, y, progress=5), "progress: 5 is not a function (or None)"),
    (lambda: train(X, y, progress="yes"), "progress: 'yes' is not a function"),
    (lambda: train(X, y, fast="no"), "fast: 'no' is not True or False"),
    (lambda: train(X, y, fast=None), "fast: None is not True or False"),
    (lambda: train(X, y, fast=1), "fast: 1 is not True or False"),
    (lambda: purebp.self_check(board="yes"), "board: 'yes' is not True or False"),
    # predict and forward
    (lambda: predict(None, X), "predict: weights: expected a list of weight matrices, got None"),
    (lambda: predict([], X), "predict: weights: the network has no weight matrices"),
    (lambda: predict(5, X), "predict: weights: expected a list of weight matrices, got an int"),
    (lambda: predict({"syn": W}, X), "predict: weights: expected a list of weight matrices, got a dict"),
    (lambda: predict([5], X), "predict: weights[0]: expected a matrix (a list of rows), got an int"),
    (lambda: predict(W[0], X), "predict: weights[0]: a flat list of numbers, not a matrix"),
    (lambda: predict(nan_weights(), X), "predict: weights[0]: row 0, column 0: nan is not a finite number"),
    (lambda: predict([[[INF], [0], [0]]], X), "predict: weights[0]: row 0, column 0: inf is not a finite"),
    (lambda: predict([[[HUGE], [0], [0]]], X), "predict: weights[0]: row 0, column 0: an integer of 401 digits"),
    (lambda: predict([W[0], W[0]], X), "predict: weights do not chain: weights[0] is (3, 1), weights[1] is (3, 1)"),
    (lambda: predict(W, None), "predict: X: expected a matrix (a list of rows), got None"),
    (lambda: predict(W, [[1, 0]]), "predict: X has 2 columns, but the network takes 3 inputs"),
    (lambda: predict(W, [[NAN, 0, 1]]), "predict: X: row 0, column 0: nan is not a finite number"),
    (lambda: predict(W, [[HUGE, 0, 1]]), "predict: X: row 0, column 0: an integer of 401 digits"),
    (lambda: predict(W, [1, 0, 1]), "predict: X: a flat list of numbers, not a matrix"),
    (lambda: forward(W, "X"), "forward: X: expected a matrix (a list of rows), got a str"),
    (lambda: forward(W, [[1, 0]]), "forward: X has 2 columns, but the network takes 3 inputs"),
    (lambda: forward("W", X), "forward: weights: expected a list of weight matrices, got a str"),
    (lambda: forward(nan_weights(), X), "forward: weights[0]: row 0, column 0: nan"),
    (lambda: forward(W, X, loss="l1"), "loss: unknown convention 'l1'"),
    (lambda: forward(W, X, activation=5), "activation: unknown activation 5"),
    (lambda: predict(W, X, activation="gelu"), "activation: unknown activation 'gelu'"),
    (lambda: predict(W, X, loss=None), "loss: unknown convention None"),
    (lambda: evaluate(W, X, y, metric="r2"), "metric: unknown metric 'r2'"),
    (lambda: evaluate(W, X, y[:2]), "X has 4 rows but y has 2"),
    (lambda: evaluate(W, X, y, metric="loss", loss="softmax"),
     "loss softmax needs two or more outputs, one per class"),
    (lambda: evaluate(None, X, y), "evaluate: weights: expected a list of weight matrices, got None"),
    # y forgotten: a PurebpError wherever y is taken, as train gives
    (lambda: evaluate(W, X, None), "y: expected a matrix (a list of rows), got None"),
    (lambda: step(W, X, None), "y: expected a matrix (a list of rows), got None"),
    (lambda: loss_value(W, X, None), "y: expected a matrix (a list of rows), got None"),
    (lambda: numerical_gradient(W, X, None), "y: expected a matrix (a list of rows), got None"),
    (lambda: gradient_check(W, X, None), "y: expected a matrix (a list of rows), got None"),
    (lambda: measure("r2", y, y), "metric: unknown metric 'r2'"),
    (lambda: measure("loss", y, y, loss="l1"), "loss: unknown convention 'l1'"),
    # step
    (lambda: step(W, X, y, lr=0), "lr: 0 is not a finite positive learning rate"),
    (lambda: step(W, X, y, lr=True), "lr: True is not a finite positive"),
    (lambda: step(W, X, y, loss="x"), "loss: unknown convention 'x'"),
    (lambda: step(W, X, [[1]]), "X has 4 rows but y has 1"),
    (lambda: step(W, X, [[1, 0]] * 4), "step: y has 2 columns, but the network has 1 output"),
    (lambda: step(W, [[1, 0]] * 4, y), "step: X has 2 columns, but the network takes 3 inputs"),
    (lambda: step(None, X, y), "step: weights: expected a list of weight matrices, got None"),
    (lambda: step(nan_weights(), X, y), "step: weights[0]: row 0, column 0: nan"),
    (lambda: step(W, X, [[NAN]] * 4), "y: row 0, column 0: nan is not a finite number"),
    (lambda: step(W, X, y, activation="tanh"), "activation 'tanh' is for hidden layers, and layers 3,1 has none"),
    (lambda: step(W, X, y, loss="softmax"), "loss softmax needs two or more outputs"),
    (lambda: step(W, X, y, activation=[]), "activation: unknown activation []"),
    # initial_weights and MT19937
    (lambda: initial_weights([3], 1), "layers: need at least an input and an output size, got [3]"),
    (lambda: initial_weights([3, -1], 1), "layers: -1 is not a positive whole number of units"),
    (lambda: initial_weights([3, 0], 1), "layers: 0 is not a positive whole number"),
    (lambda: initial_weights(3, 1), "layers: expected a list of layer sizes like [3, 4, 1], got an int"),
    (lambda: initial_weights(None, 1), "layers: expected a list of layer sizes"),
    (lambda: initial_weights([3, 1.0], 1), "layers: 1.0 is not a positive whole number"),
    (lambda: initial_weights([3, 1], -1), "seed: -1 is out of range"),
    (lambda: initial_weights([3, 1], "1"), "seed: '1' is not an integer"),
    (lambda: MT19937(-1), "seed: -1 is out of range: numpy takes 0 to 2**32 - 1"),
    (lambda: MT19937(2 ** 32), "seed: 4294967296 is out of range"),
    (lambda: MT19937(1.0), "seed: 1.0 is not an integer"),
    (lambda: MT19937("1"), "seed: '1' is not an integer"),
    (lambda: MT19937(None), "seed: None is not an integer"),
    (lambda: MT19937(1).random_interval(-1), "max: -1 is not a whole number from 0 to 2**32 - 1"),
    (lambda: MT19937(1).random_interval(2 ** 32), "max: 4294967296 is not a whole number from 0"),
    (lambda: MT19937(1).random_interval(2.5), "max: 2.5 is not a whole number"),
    (lambda: permutation(-1, MT19937(1)), "n: -1 is not a whole number of at least 0"),
    (lambda: permutation("4", MT19937(1)), "n: '4' is not a whole number"),
    (lambda: permutation(4, 1), "generator: expected an MT19937, got an int"),
    # gradient_check and its parts
    (lambda: gradient_check(W, X, y, loss="l2"), "loss: unknown convention 'l2'"),
    (lambda: gradient_check(W, X, y, gradient=5), "gradient: 5 is not a function"),
    (lambda: gradient_check(W, X, y, h=0), "h: 0 is not a finite positive step"),
    (lambda: gradient_check(W, X, y, h=NAN), "h: nan is not a finite positive step"),
    (lambda: gradient_check(W, X, y, threshold=-1), "threshold: -1 is not a finite positive relative error"),
    (lambda: gradient_check(W, X, y, gradient=lambda *a: [[[1.0]]]),
     "gradient: the function returned matrices of shapes [(1, 1)]; the weights have [(3, 1)]"),
    (lambda: gradient_check(W, X, y, gradient=lambda *a: None),
     "gradient: the function returned something that is not one matrix per weight matrix"),
    (lambda: gradient_check(None, X, y), "gradient_check: weights: expected a list of weight matrices"),
    (lambda: gradient_check(W, X, [[1]]), "X has 4 rows but y has 1"),
    (lambda: gradient_check(W, X, y, progress=3), "progress: 3 is not a function"),
    (lambda: gradient_check(big_network(), X, y),
     "weights: a gradient check of a 3,1000,600,1 network on 4 rows: about 5.8e+12 "
     "multiply-adds, at least 3.4 days at 50 ns each; purebp refuses work of more than a day"),
    (lambda: numerical_gradient(W, X, y, h=-1), "h: -1 is not a finite positive step"),
    (lambda: loss_value(W, X, y, loss="l2"), "loss: unknown convention 'l2'"),
    (lambda: loss_value(W, X, y, activation="swish"), "activation: unknown activation 'swish'"),
    (lambda: gradient_check(W, X, y, activation="softmax"), "activation: unknown activation 'softmax'"),
    (lambda: numerical_gradient(W, X, y, activation=None), "activation: unknown activation None"),
    (lambda: kinks(W, X, activation="x"), "activation: unknown activation 'x'"),
    (lambda: kinks(W, X, h=-1), "h: -1 is not a finite positive step"),
    (lambda: kinks(W, [[1, 0]]), "kinks: X has 2 columns, but the network takes 3 inputs"),
    (lambda: gradient_check(big_relu_network(), X, y, activation="relu"),
     "weights: a gradient check of a 3,500,500,1 network on 4 rows: about 2e+12 "
     "multiply-adds, at least 1.2 days at 50 ns each; purebp refuses work of more than a day"),
    # explain and weights_at
    (lambda: explain(X, y, [3, 1], at=0), "at: 0 is not an iteration number: they start at 1"),
    (lambda: explain(X, y, [3, 1], at=1.5), "at: 1.5 is not an iteration number"),
    (lambda: explain(X, y, [3, 1], at=True), "at: True is not an iteration number"),
    (lambda: explain(X, y, "3,1"), "layers: expected a list of layer sizes"),
    (lambda: explain(None, y), "X: expected a matrix (a list of rows), got None"),
    (lambda: explain(X, y, [3, 1], lr=-1), "lr: -1 is not a finite positive"),
    (lambda: explain(X, y, [3, 1], at=10 ** 30), "at: iteration 1000000000000000000000000000000 comes after 999999999999999999999999999999 iterations"),
    (lambda: explain(X, y, [3, 1], progress=1), "progress: 1 is not a function"),
    (lambda: explain(X, [[NAN]] * 4), "y: row 0, column 0: nan is not a finite number"),
    (lambda: weights_at(X, y, [3, 1], at=0), "at: 0 is not an iteration number"),
    (lambda: weights_at(X, y, [3, 1], at="2"), "at: '2' is not an iteration number"),
    (lambda: weights_at(X, y, [3, 4]), "layers: the last size is 4, but the data has 1 output"),
    (lambda: weights_at(X, y, [3, 4, 1], at=3, activation="elu"), "activation: unknown activation 'elu'"),
    (lambda: step_at(X, y, at=0), "at: 0 is not an iteration number"),
    (lambda: step_at(X, y, batch_size=9), "batch_size: 9 is more than the training data's 4 rows"),
    (lambda: step_at(X, y, batch_size=0), "batch_size: 0 is not a whole number of at least 1"),
    (lambda: step_at(X, y, [3, 1], at=10 ** 30, batch_size=2), "at: step 1000000000000000000000000000000 comes after 999999999999999999999999999999 steps of a 3,1 network in batches of 2 rows: about"),
    (lambda: step_at(X, y, progress="no"), "progress: 'no' is not a function"),
    (lambda: explain(X, y, [3, 1], batch_size=1.5), "batch_size: 1.5 is not a whole number"),
    (lambda: explain(X, y, [3, 4, 1], activation="Tanh"), "activation: unknown activation 'Tanh'"),
    (lambda: explain(X, y, [3, 1], loss="softmax"), "loss softmax needs two or more outputs"),
    (lambda: Model.from_training(train(X, y, iterations=2), data=NAN),
     "Model.from_training: data: expected the data's name (a text) or None, got nan"),
    (lambda: train(X, ["a", "b", "b", "a"], layers=[3, 4, 2]),
     "y: row 0 is a str ('a'), not a number: class labels? one_hot(y, class_names(y))"),
    (lambda: train(X, [0, 1, 1, 0], layers=[3, 4, 2], loss="softmax"),
     "the data has 1 output; classes need one output each: one_hot(labels, "),
    # the pictures
    (lambda: network_svg([3, 4, 1], [[[0.5], [0.1], [0.2]]]),
     "network_svg: weights are a 3,1 network, but layers says 3,4,1"),
    (lambda: network_svg([3, 1], [[[NAN], [0.0], [1.0]]]),
     "network_svg: weights[0]: row 0, column 0: nan is not a finite number"),
    (lambda: network_svg([3, 1], None), "network_svg: weights: expected a list"),
    (lambda: network_svg([3, 1], [[[0.5], [0.1], [0.2]]], inputs=["a"]),
     "inputs: expected a list of 3 names, one for each of the input nodes"),
    (lambda: chain_rule_values(X, y, [[0.5], [0.1], [0.2]], row=-1),
     "row: -1 is not a whole number of at least 0"),
    (lambda: chain_rule_values(X, y, [[0.5], [0.1], [0.2]], row=9),
     "chain_rule_values: row 9 is past the last (3)"),
    (lambda: chain_rule_values(X, y, [[0.1] * 4] * 3),
     "chain_rule_values: y has 1 column, but the network has 4 outputs"),
    (lambda: chain_rule_svg(5), "chain_rule_svg: values: expected a dict of the finite numbers"),
    (lambda: chain_rule_svg(dict(x=1, w=1, z=1, l=NAN, y=1, dz_dw=1, dloss_dl=1, dl_dz=1)),
     "chain_rule_svg: values: expected a dict of the finite numbers"),
    (lambda: network_svg([3, 1], [[[0.5], [0.1], [0.2]]], title=5),
     "network_svg: title: expected a text, got 5"),
    (lambda: loss_svg([(1, 0.5)], 5), "loss_svg: metric: expected a text, got 5"),
    (lambda: loss_svg([(1, 0.5)], "sse", unit=None), "loss_svg: unit: expected a text, got None"),
    (lambda: train(X, [["a"], ["b"], ["b"], ["a"]], layers=[3, 1]),
     "y: row 0 is a str ('a'), not a number: class labels?"),
    (lambda: loss_svg([(NAN, 0.5)], "loss"), "loss_svg: history: expected (iteration, value)"),
    (lambda: train(X, [0, "b", "b", "a"], layers=[3, 1]), "y: row 1 is a str ('b'), not a "
     "number: class labels?"),
    (lambda: chain_rule_svg(None, "l1"), "loss: unknown convention 'l1'"),
    (lambda: loss_svg([], "sse"), "loss_svg: history has no finite value to draw"),
    (lambda: loss_svg([(0, NAN)], "sse"), "loss_svg: history has no finite value to draw"),
    (lambda: loss_svg([0.5], "sse"), "loss_svg: history: expected (iteration, value) pairs"),
    (lambda: explain(X, y, [3, 1], inputs=5), "inputs: expected a list of 3 names, one for "
     "each of X's columns, got 5"),
    (lambda: explain(X, y, [3, 1], inputs=["a"]), "inputs: expected a list of 3 names"),
    (lambda: explain(X, y, [3, 1], inputs=[1, 2, 3]), "inputs: expected a list of 3 names"),
    (lambda: explain(X, y, [3, 1], classes=["x", "y"]), "classes: expected a list of 1 name"),
    (lambda: explain(X, y, [3, 1], classes=["x"]), "classes: y has 1 column, but classes are "
     "one-hot targets"),
    # the matrix helpers
    (lambda: shape(None), "shape: A: expected a matrix (a list of rows), got None"),
    (lambda: transpose("ab"), "transpose: A: expected a matrix (a list of rows), got a str"),
    (lambda: dot([[1]], [[1], [2]]), "dot: (1, 1) @ (2, 1): inner sizes 1 and 2 differ"),
    (lambda: dot([[HUGE]], [[1]]), "dot: A: row 0, column 0: an integer of 401 digits, too large for a float"),
    (lambda: dot([[1]], 2), "dot: B: expected a matrix (a list of rows), got an int"),
    (lambda: add([[1]], [[1, 2]]), "add: (1, 1) and (1, 2): shapes differ"),
    (lambda: add([[1, [2]]], [[1, 2]]), "add: A: row 0, column 1: [2] is not a number"),
    (lambda: subtract("a", [[1]]), "subtract: A: expected a matrix (a list of rows), got a str"),
    (lambda: multiply([[1]], None), "multiply: B: expected a matrix (a list of rows), got None"),
    (lambda: multiply(HUGE, [[1.0]]), "multiply: A: an integer of 401 digits, too large for a float"),
    (lambda: apply(None, [[1]]), "apply: f: None is not a function"),
    (lambda: apply(abs, 5), "apply: A: expected a matrix (a list of rows), got an int"),
    (lambda: total([]), "total: A: empty matrix: it has no rows"),
    (lambda: total([[1, "2"]]), "total: A: row 0, column 1: '2' is not a number"),
    (lambda: pairwise_sum(None), "pairwise_sum: values: None is not a list of numbers"),
    (lambda: pairwise_sum([1.0, "2"]), "pairwise_sum: values: [1.0, '2'] is not a list of numbers"),
    (lambda: sigmoid("a"), "sigmoid: z: 'a' is not a number"),
    (lambda: sigmoid(None), "sigmoid: z: None is not a number"),
    (lambda: sigmoid_derivative("a"), "sigmoid_derivative: l: 'a' is not a number"),
    (lambda: tanh("a"), "tanh: z: 'a' is not a number; apply(tanh, A) for a matrix"),
    (lambda: tanh_derivative(None), "tanh_derivative: l: None is not a number"),
    (lambda: relu([1.0]), "relu: z: [1.0] is not a number; apply(relu, A) for a matrix"),
    (lambda: relu_derivative("1"), "relu_derivative: l: '1' is not a number"),
    (lambda: softmax(5), "softmax: z: 5 is not a row of numbers"),
    (lambda: softmax([]), "softmax: z: [] is not a row of numbers"),
    (lambda: softmax(["a", "b"]), "softmax: z: ['a', 'b'] is not a row of numbers"),
    # saved models
    (lambda: load(None), "path: None is not a file path"),
    (lambda: load(5), "path: 5 is not a file path"),
    (lambda: load(""), "path: the path is empty"),
    (lambda: load(["m.json"]), "path: ['m.json'] is not a file path"),
    (lambda: save({}, "m.json"), "save: model: expected a Model, got a dict"),
    (lambda: save(None, "m.json"), "save: model: expected a Model, got None"),
    (lambda: save(MODEL, None), "path: None is not a file path"),
    (lambda: save(MODEL, 5), "path: 5 is not a file path"),
    (lambda: save(MODEL, ""), "path: the path is empty"),
    (lambda: Model([], []), "layers: need at least an input and an output size, got []"),
    (lambda: Model([3, 1], []), "Model: weights: the network has no weight matrices"),
    (lambda: Model([3, 1], [[[1], [2]]]), "Model: weights: their shapes do not fit layers [3, 1]"),
    (lambda: Model([3, 1], W, loss="x"), "loss: unknown convention 'x'"),
    (lambda: Model([3, 1], W, loss="softmax"), "Model: loss softmax needs 2 or more outputs, but layers ends in 1"),
    (lambda: Model([3, 1], W, activation="x"), "activation: unknown activation 'x'"),
    (lambda: Model([3, 1], W, inputs="abc"), "Model: inputs: expected a list of 3 names, got 'abc'"),
    (lambda: Model([3, 1], W, inputs=["a"]), "Model: inputs: expected a list of 3 names"),
    (lambda: Model([3, 1], W, targets=[1]), "Model: targets: expected a list of 1 name, got [1]"),
    (lambda: Model([3, 1], W, scaling=5), "Model: scaling: expected a dict, got 5"),
    (lambda: Model([3, 1], nan_weights()), "Model: weights[0]: row 0, column 0: nan"),
    (lambda: Model.from_training({}), "Model.from_training: result: expected what train returns"),
    (lambda: MODEL.predict([[1, 0]]), "predict: X has 2 columns, but the model takes 3 inputs (x1, x2, x3)"),
    (lambda: MODEL.predict(None), "predict: X: expected a matrix (a list of rows), got None"),
    (lambda: MODEL.predict([[NAN, 0, 1]]), "predict: X: row 0, column 0: nan is not a finite"),
    # the built-in data
    (lambda: load_data("wine"), "name: unknown data set 'wine'; built in are: seed, xor, iris"),
    (lambda: load_data(None), "name: unknown data set None"),
    (lambda: load_data(5), "name: unknown data set 5"),
]


class Array:
    """What a numpy array looks like to purebp: something with .tolist()."""

    def __init__(self, values):
        self.values = values

    def tolist(self):
        return self.values


# (call, reason it is accepted): documented in docs/api.md, "Arguments"
ACCEPTED = [
    (lambda: explain(X, y, None), "layers=None is the network without a hidden layer, as in train"),
    (lambda: weights_at(X, y, None), "layers=None, as in train"),
    (lambda: train([[True, False, True]], [[True]], iterations=2), "bool is 0 or 1, as in numpy"),
    (lambda: train(X, [0, 0, 1, 1], iterations=2), "a flat y is one output column (numpy's 1-d y)"),
    (lambda: train(tuple(tuple(r) for r in X), y, iterations=2), "tuples are sequences like lists"),
    (lambda: train(Array(X), Array([0, 0, 1, 1]), iterations=2), "numpy arrays: .tolist()"),
    (lambda: train(X, y, iterations=2, seed=Array(1)), "numpy numbers: .tolist()"),
    (lambda: train(X, y, iterations=2, lr=1), "an int is a number: lr=1 is lr=1.0"),
    (lambda: train(X, y, iterations=None, epochs=2), "iterations=None is the default: 10000 iterations, or the epochs given"),
    (lambda: sigmoid(NAN), "nan in, nan out, as numpy's sigmoid"),
    (lambda: dot([[NAN]], [[1.0]]), "the helpers compute with nan and inf, as numpy does; "
                                     "training and predicting refuse them"),
    (lambda: load(pathlib.Path("no-such-model.json")), "a pathlib.Path is a path "
                                                          "(here: the one-line 'no such file')"),
    (lambda: load(b"no-such-model.json"), "a pathlib.Path is a path, and so are bytes"),
    (lambda: purebp.network.Training([3, 1], W, [], [], {"iterations": 0}),
     "Training and Step hold results; train and step build them, and do not check them again"),
]


def test_the_tables_are_big_enough():
    assert len(BAD) >= 100
    assert len(ACCEPTED) >= 10


@pytest.mark.parametrize("call, words", BAD, ids=[w[:70] for _, w in BAD])
def test_a_bad_call_raises_one_purebp_error_naming_the_argument(call, words, tmp_path):
    old = os.getcwd()
    os.chdir(str(tmp_path))        # save() and load() of relative paths stay in here
    try:
        with pytest.raises(PurebpError) as caught:
            call()
    finally:
        os.chdir(old)
    assert isinstance(caught.value, ValueError)
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)
    assert any(p.search(str(caught.value)) for p in PATTERNS), \
        "docs/errors.md does not list: %s" % caught.value


@pytest.mark.parametrize("call, reason", ACCEPTED, ids=[r[:60] for _, r in ACCEPTED])
def test_a_questionable_call_accepted_on_purpose(call, reason):
    try:
        call()
    except PurebpError as error:
        assert "no such file" in str(error)          # load(Path): the path was taken as one


def test_the_accepted_calls_are_documented():
    with open(os.path.join(os.path.dirname(__file__), os.pardir, "docs", "api.md"),
              encoding="utf-8") as f:
        api = f.read()
    section = api.split("## Arguments")[1].split("\n## ")[0]
    for _, reason in ACCEPTED:
        assert reason.split(":")[0].split(",")[0].split(" (")[0] in section, reason


def test_a_call_that_does_not_match_the_signature_is_pythons_type_error():
    """Documented in docs/api.md: purebp's checks begin once the call is well formed."""
    with pytest.raises(TypeError):
        purebp.self_check(1)
    with pytest.raises(TypeError):
        train(X)
    with pytest.raises(TypeError):
        train(X, y, momentum=0.9)


# --- numpy users, without numpy ---------------------------------------------------------

class Number:
    """What a numpy number (np.int64, np.float32) looks like: .tolist() gives the number."""

    def __init__(self, value):
        self.value = value

    def tolist(self):
        return self.value


def arrays(weights):
    return [Array(syn) for syn in weights]


def test_anything_with_tolist_is_taken_as_its_lists_everywhere():
    flat = [0, 0, 1, 1]
    plain = train(X, y, layers=[3, 4, 1], iterations=300, every=100)
    duck = train(Array(X), Array(flat), layers=Array([3, 4, 1]), iterations=Number(300),
                 every=Number(100), seed=Number(1), lr=Number(1.0))
    assert duck.weights == plain.weights and duck.history == plain.history   # bit for bit
    assert duck.settings["iterations"] == 300 and type(duck.settings["iterations"]) is int
    weights = plain.weights
    assert predict(arrays(weights), Array(X)) == predict(weights, X)
    assert predict(Array(weights), X) == predict(weights, X)     # np.array of a list of matrices
    assert forward(arrays(weights), Array(X)) == forward(weights, X)
    assert step(arrays(weights), Array(X), Array(flat)).steps == step(weights, X, y).steps
    assert (gradient_check(arrays(weights), Array(X), Array(flat)).worst.relative_error
            == gradient_check(weights, X, y).worst.relative_error)
    assert explain(Array(X), Array(flat), Array([3, 1]), at=Number(2))["quantities"][-1]["value"] \
        == explain(X, y, [3, 1], at=2)["quantities"][-1]["value"]
    assert weights_at(Array(X), flat, Array([3, 1]), at=Number(3)) == weights_at(X, y, [3, 1], at=3)
    assert initial_weights(Array([3, 4, 1]), Number(1)) == initial_weights([3, 4, 1], 1)
    assert Model([3, 1], arrays(W)).predict(Array(X)) == Model([3, 1], W).predict(X)
    # the helpers, and numpy numbers inside lists
    assert dot(Array(X), Array(W[0])) == dot(X, W[0])
    assert transpose(Array(X)) == transpose(X) and shape(Array(X)) == (4, 3)
    assert add(Array(X), Number(1)) == add(X, 1) and subtract(Number(1), Array(X)) == subtract(1, X)
    assert multiply(Array(X), Array(X)) == multiply(X, X) and total(Array(X)) == total(X)
    assert apply(abs, Array([[-1.5]])) == [[1.5]]
    assert dot([[Number(2), 1.0]], [[Number(0.5)], [1]]) == [[2.0]]
    assert train([[Number(0), Number(1)]], [Number(1)], iterations=2).layers == [2, 1]
    # whole numbers: a seed, row numbers
    assert MT19937(Number(5489)).next_uint32() == MT19937(5489).next_uint32()
    from purebp.csvdata import read_table
    text = "a,y\n" + "".join("%d,%d\n" % (i, i % 2) for i in range(6))
    assert (read_table(text, "t.csv", scale_inputs=True, fit_rows=Array([1, 2, 3])).X
            == read_table(text, "t.csv", scale_inputs=True, fit_rows=[Number(1), 2, 3]).X
            == read_table(text, "t.csv", scale_inputs=True, fit_rows=[1, 2, 3]).X)


class Float64(float):
    """What np.float64 is: a float subclass, which numpy writes its own way."""

    def __repr__(self):
        return "np.float64(%s)" % float.__repr__(self)


def test_numbers_of_a_float_subclass_are_taken_as_plain_floats():
    """np.float64 is a float: inside lists, purebp computes with the plain
    float (the compiled loop writes each number with repr), as numpy does."""
    X64 = [[Float64(v) for v in row] for row in X]
    for layers in ([3, 1], [3, 2, 1]):
        result = train(X64, y, layers=layers, iterations=20, every=10)
        assert result.weights == train(X, y, layers=layers, iterations=20, every=10).weights
        assert result.path == "compiled"
        assert {type(w) for syn in result.weights for row in syn for w in row} == {float}
    assert [type(v) for v in dot(X64, W[0])[0]] == [float]


def test_a_flat_y_is_one_output_column_wherever_y_is_taken():
    flat = [0, 0, 1, 1]
    assert train(X, flat, iterations=50).weights == train(X, y, iterations=50).weights
    assert step(W, X, flat).weights == step(W, X, y).weights
    assert gradient_check(W, X, flat).worst.where == gradient_check(W, X, y).worst.where
    assert loss_value(W, X, flat) == loss_value(W, X, y)
    assert explain(X, flat, [3, 1])["quantities"][1]["value"] == y
    assert weights_at(X, flat, [3, 1], at=5) == weights_at(X, y, [3, 1], at=5)


def test_real_numpy_where_it_is_installed():
    np = pytest.importorskip("numpy", reason="numpy is optional; the fakes above stand in for it")
    Xn, yn = np.array(X), np.array([[0, 0, 1, 1]]).T
    assert train(Xn, yn, iterations=100).weights == train(X, y, iterations=100).weights
    assert train(Xn, np.array([0, 0, 1, 1]), iterations=100).weights == \
        train(X, y, iterations=100).weights
    assert predict([np.array(W[0])], Xn) == predict(W, X)
    assert initial_weights(np.array([3, 1]), np.int64(1)) == W
    # a Model takes numpy's values when it is made and when a field is set after
    model = Model([3, 1], np.array(W), inputs=np.array(["a", "b", "c"]), targets=("y",))
    model.weights[0][0][0] = np.float32(0.5)
    model.training = {"lr": np.float64(1.0), "iterations": np.int64(3)}
    assert model.predict(Xn) == Model([3, 1], [[[0.5]] + W[0][1:]]).predict(X)
    assert model.as_dict()["training"] == {"lr": 1.0, "iterations": 3}
    assert type(model.weights[0][0][0]) is float and type(model.training["iterations"]) is int
    assert MT19937(np.int64(1)).random() == MT19937(1).random()
    from purebp import webserver
    webserver.make_server(np.int64(0)).server_close()


def test_predict_and_forward_refuse_the_conventions_train_refuses():
    """predict(W, X, loss="softmax") on one output returned [[1.0]] on every
    row, and a hidden activation without hidden layers was ignored."""
    import purebp
    X, _ = purebp.load_data("seed")
    W = purebp.initial_weights([3, 1], 1)
    for function in (purebp.predict, purebp.forward):
        with pytest.raises(purebp.PurebpError, match="loss softmax needs two or more outputs"):
            function(W, X, loss="softmax")
        with pytest.raises(purebp.PurebpError, match="activation 'relu' is for hidden layers"):
            function(W, X, activation="relu")
    hidden = purebp.initial_weights([3, 4, 2], 1)
    assert len(purebp.predict(hidden, X, activation="relu", loss="softmax")[0]) == 2


def test_initial_weights_refuses_what_train_refuses_at_once():
    """initial_weights([10**5, 10**5]) ran for minutes into a MemoryError."""
    import purebp
    with pytest.raises(purebp.PurebpError, match="would need 10000000000 weights, more than "
                                                 "purebp holds in memory"):
        purebp.initial_weights([10 ** 5, 10 ** 5], 1)


def test_messages_are_one_line_and_numpy_bools_are_flags():
    np = pytest.importorskip("numpy")
    import purebp
    X, y = purebp.load_data("seed")
    with pytest.raises(purebp.PurebpError) as raised:
        purebp.train(X, y, loss=np.zeros((2, 2, 2)))
    assert "\n" not in str(raised.value) and "unknown convention array([[[0., 0.]" in str(
        raised.value)
    assert purebp.train(X, y, iterations=3, fast=np.bool_(False)).path == "plain"
    W = purebp.initial_weights([3, 1], 1)
    for checked in ("no", 1):
        with pytest.raises(purebp.PurebpError, match="checked: .* is not True or False"):
            purebp.step(W, X, y, checked=checked)


def test_a_whole_number_past_4300_digits_is_one_message_everywhere():
    """CPython 3.11 and later write no int of more than 4300 digits: each
    message that names one says its size instead of raising ValueError."""
    import purebp
    X, y = purebp.load_data("seed")
    huge = 10 ** 5000
    for call, words in [
            (lambda: purebp.train([[huge, 0, 1]] + X[1:], y, iterations=2),
             "an integer of about 5001 digits, too large for a float"),
            (lambda: purebp.dot([[huge]], [[1]]), "an integer of about 5001 digits"),
            (lambda: purebp.add(huge, [[1]]), "an integer of about 5001 digits"),
            (lambda: purebp.train(X, y, epochs=2, batch_size=huge), "batch_size: a whole number "
                                                                    "of more than 4300 digits"),
            (lambda: purebp.train(X, y, iterations=3, epochs=huge), "epochs a whole number of"),
            (lambda: purebp.explain(X, y, at=huge), "at: iteration a whole number of"),
            (lambda: purebp.train(X, y, seed=huge), "seed: a whole number of more than 4300"),
            (lambda: purebp.initial_weights([3, huge, 1], 1), "would need a whole number of")]:
        with pytest.raises(purebp.PurebpError, match=words):
            call()
