"""Measure which learning rates make each loss and activation learn.

Usage:  python tools/measure_learning_rates.py [--seeds 3] [--most 5000]

For each loss (with sigmoid hidden units) and each hidden activation (with
the cross-entropy loss), on three small problems, trains from several seeds
at learning rates 0.03 to 30, full batch, on purebp's plain path, and prints
how many iterations each took to learn the data (every output within 0.2 of
its target; softmax: the target class's share above 0.8), the median over
the seeds, or "-" where a seed did not learn within --most iterations (or
diverged). The problems:

* ``seed``: the article's 4-row table, network 3,1 (softmax: 3,2, two classes);
* ``xor``: Trask's XOR, network 3,8,1 (softmax: 3,8,2): with 4 hidden
  units, ReLU often leaves a row with every unit at 0 (the output then
  sits at 0.5 and that row stops learning); 8 give it room;
* ``blobs``: 80 rows, 3 inputs and the bias, 4 classes of Gaussian blobs
  (numbers drawn from purebp's own generator), network 4,6,4 (sigmoid
  losses: one output per class), at most 2000 iterations: the losses that
  sum over the rows want a rate about 20 times smaller than on 4 rows; the
  means do not.

docs/conventions.md quotes its table. Needs nothing but purebp.
"""

import argparse
import math
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

from purebp import load_data  # noqa: E402
from purebp.losses import LOSS_NAMES, LOSSES  # noqa: E402
from purebp.network import forward, step  # noqa: E402
from purebp.random_start import MT19937, initial_weights  # noqa: E402

RATES = [0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0]
CHECK = 25     # iterations between checks of whether the data is learnt


def blobs(classes=4, per_class=20, inputs=3, seed=3):
    """Gaussian blobs around random centres, rows interleaved by class."""
    g = MT19937(seed)
    centres = [[4 * g.random() - 2 for _ in range(inputs)] for _ in range(classes)]
    X, y = [], []
    for i in range(per_class):
        for c in range(classes):
            # Box-Muller normals, spread 0.6 around the centre
            row = []
            for j in range(inputs):
                u, v = 1 - g.random(), g.random()
                row.append(centres[c][j] + 0.6 * math.sqrt(-2 * math.log(u))
                           * math.cos(2 * math.pi * v))
            X.append(row + [1.0])
            y.append([1 if k == c else 0 for k in range(classes)])
    return X, y


def problems(loss):
    two = LOSSES[loss].outputs > 1
    X, y = load_data("seed")
    seed = (X, [[1 - r[0], r[0]] for r in y] if two else y, [3, 2 if two else 1])
    X, y = load_data("xor")
    xor = (X, [[1 - r[0], r[0]] for r in y] if two else y, [3, 8, 2 if two else 1])
    X, y = blobs()
    return [("seed", seed), ("xor", xor), ("blobs", (X, y, [4, 6, 4]))]


def learnt(y, l, softmax):
    if softmax:
        return all(row_l[row_y.index(1)] > 0.8 for row_y, row_l in zip(y, l))
    return all(abs(a - b) < 0.2 for row_y, row_l in zip(y, l) for a, b in zip(row_y, row_l))


def iterations_to_learn(X, y, layers, seed, lr, loss, activation, most):
    weights = initial_weights(layers, seed)
    softmax = LOSSES[loss].output == "softmax"
    for i in range(0, most + 1, CHECK):
        l = forward(weights, X, activation, loss)[-1]
        if any(v != v for row in l for v in row):
            return None
        if learnt(y, l, softmax):
            return i
        for _ in range(CHECK):
            weights = step(weights, X, y, lr, loss, activation).weights
        if not all(abs(w) < 1e6 for syn in weights for row in syn for w in row):
            return None      # diverging
    return None


def median_cell(counts, seeds):
    done = sorted(c for c in counts if c is not None)
    if len(done) < seeds:
        return "-" if not done else "%d/%d" % (len(done), seeds)
    return str(done[len(done) // 2])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--most", type=int, default=5000)
    args = parser.parse_args()
    seeds = list(range(1, args.seeds + 1))
    start = time.time()
    rows = [("half-sse", "sigmoid"), ("sse", "sigmoid"), ("mse", "sigmoid"),
            ("cross-entropy", "sigmoid"), ("softmax", "sigmoid"),
            ("cross-entropy", "tanh"), ("cross-entropy", "relu"),
            ("softmax", "tanh"), ("softmax", "relu")]
    print("iterations to learn (median of seeds %s; '-': not within %d; 'k/n': k seeds of n)"
          % (", ".join(str(s) for s in seeds), args.most))
    print("| loss | hidden | data | " + " | ".join("lr %g" % r for r in RATES) + " |")
    print("|---|---|---|" + "---|" * len(RATES))
    for loss, activation in rows:
        assert loss in LOSS_NAMES
        for name, (X, y, layers) in problems(loss):
            if activation != "sigmoid" and len(layers) == 2:
                continue
            cells = []
            most = min(args.most, 2000) if name == "blobs" else args.most
            for lr in RATES:
                counts = [iterations_to_learn(X, y, layers, s, lr, loss, activation, most)
                          for s in seeds]
                cells.append(median_cell(counts, len(seeds)))
            print("| %s | %s | %s | %s |" % (loss, activation if len(layers) > 2 else "(none)",
                                            name, " | ".join(cells)))
            sys.stdout.flush()
    print("(%.0f s)" % (time.time() - start), file=sys.stderr)


if __name__ == "__main__":
    main()
