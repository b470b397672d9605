"""How fast is purebp? Against numpy and micrograd, measured in one process.

Usage:  python benchmarks/run.py [--repeats 5] [--quick] [--svg FILE] [--json FILE]
        python benchmarks/run.py --digits-only [--json FILE]    (e.g. under pypy3)
        python benchmarks/run.py --batches-only [--repeats 3]   (the handwritten digits alone)

Problems: the article's 8-line program (10000 iterations), Trask's 3,4,1
network on XOR (60000), 3,32,1 on XOR (10000), a digits-sized problem
(1,257 rows of 64 inputs, 32 hidden units, 10 outputs: the handwritten
digits' training split's shape, with synthetic data), and a sweep of hidden
sizes 4 to 256 on XOR (time per iteration). Each comparison runs the
contenders in turn, round after round, in this one process, at least 5
rounds (3 for the digits-sized problem), and reports medians and the ratio
purebp / numpy: times on a shared machine wander, ratios from one run much
less.

Times are CPU seconds of this process (``time.process_time``, all its
threads), which other programs on a shared machine disturb less than the
wall clock. The digits-sized problem is timed per 1000 iterations, from
runs of fewer iterations: the time of 3n
iterations minus that of n, divided by 2n (fixed costs such as compiling
removed), times 1000. purebp's plain path runs n = 1; PyPy's figure comes
from this script run by ``pypy3`` (Debian's), when it is installed.

* purebp: ``purebp.train`` as a user calls it (the compiled fast loop,
  compilation included); the plain path (``fast=False``) on the article's
  problem, for scale.
* numpy: the article's and Trask's programs as written; the general
  network of tools/record_references.py for 3,32,1 and the sweep.
* micrograd (PyPI ``micrograd``), which has no exp: a sigmoid is added the
  way micrograd adds its operations, and the same network is trained on the
  same data (the article's problem only: it is slow).

The handwritten digits in mini-batches: scikit-learn's 1,797 digits
(``sklearn.datasets.load_digits()``, shipped inside scikit-learn; exported
to a CSV file in a temporary directory when scikit-learn is importable,
else the section says it skipped), trained from the command line with
``DIGITS_FLAGS`` (``python -m purebp train --data digits.csv ...``) by
CPython and by ``pypy3``, and by the numpy program of
tools/record_references.py on the same rows (its own held-out split, numpy's
``permutation``), each a child process timed by its CPU seconds
(``resource.getrusage``: start-up, reading the CSV and compiling included).

numpy, micrograd and scikit-learn are optional; the table says when one is
missing. Standard library otherwise.
"""

import argparse
import json
import math
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tools"))

import purebp  # noqa: E402

try:
    import numpy as np
except ImportError:
    np = None
try:
    from micrograd.engine import Value
except ImportError:
    Value = None

X_ROWS = [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]
DIGITS_ROWS, DIGITS_LAYERS, DIGITS_LR = 1257, [64, 32, 10], 0.01
DIGITS_TARGET = 280.0        # CPU seconds per 1000 iterations (issue 11, item 10)
TARGETS = {"seed": [0, 0, 1, 1], "xor": [0, 1, 1, 0]}
# The handwritten digits in mini-batches, from the command line (docs/performance.md):
# 30% of each class held out, inputs scaled to [0, 1] (pixels are 0 to 16) plus the
# bias, a tanh hidden layer, softmax outputs, batches of 32, 30 epochs.
DIGITS_FLAGS = ["--classes", "--scale", "--test-fraction", "0.3", "--layers", "65,32,10",
                "--activation", "tanh", "--loss", "softmax", "--lr", "1", "--batch-size", "32",
                "--epochs", "30", "--every", "5"]
BATCHES_TARGET, ACCURACY_TARGET = 30.0, 0.95   # CPU seconds, held-out accuracy (issue 11)
SWEEP = [4, 8, 16, 32, 64, 128, 256]


# --- the contenders ----------------------------------------------------------------------

def purebp_run(data, layers, iterations, fast=True):
    X, y = purebp.load_data(data)
    return purebp.train(X, y, layers=layers, seed=1, iterations=iterations, every=0,
                        fast=fast).weights


def numpy_article(iterations):
    """The article's 8 lines, as written (seeded)."""
    X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
    y = np.array([[0, 0, 1, 1]]).T
    np.random.seed(1)
    syn = 2 * np.random.random((3, 1)) - 1
    for i in range(iterations):
        l = 1 / (1 + np.exp(-np.dot(X, syn)))
        l_delta = (y - l) * (l * (1 - l))
        syn += np.dot(X.T, l_delta)
    return [syn]


def numpy_trask(iterations):
    """Trask's 3-layer network, as written (seeded, Python 3)."""
    X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
    y = np.array([[0, 1, 1, 0]]).T
    np.random.seed(1)
    syn0 = 2 * np.random.random((3, 4)) - 1
    syn1 = 2 * np.random.random((4, 1)) - 1
    for j in range(iterations):
        l1 = 1 / (1 + np.exp(-(np.dot(X, syn0))))
        l2 = 1 / (1 + np.exp(-(np.dot(l1, syn1))))
        l2_delta = (y - l2) * (l2 * (1 - l2))
        l1_delta = l2_delta.dot(syn1.T) * (l1 * (1 - l1))
        syn1 += l1.T.dot(l2_delta)
        syn0 += X.T.dot(l1_delta)
    return [syn0, syn1]


def numpy_network(layers, iterations):
    """Any layer sizes: the general program of tools/record_references.py."""
    import record_references
    X = np.array(X_ROWS)
    y = np.array([TARGETS["xor"]]).T
    return record_references.network(np, X, y, layers, 1, iterations, 1.0, "half-sse", 0,
                                     "sse")[0]


def micrograd_article(iterations):
    """The article's network in micrograd, with a sigmoid added its way."""
    if not hasattr(Value, "sigmoid"):
        def sigmoid(self):
            s = 1 / (1 + math.exp(-self.data))
            out = Value(s, (self,), "sigmoid")

            def _backward():
                self.grad += s * (1 - s) * out.grad
            out._backward = _backward
            return out
        Value.sigmoid = sigmoid
    X, y = purebp.load_data("seed")
    w = [Value(row[0]) for row in purebp.initial_weights([3, 1], 1)[0]]
    for i in range(iterations):
        loss = Value(0.0)
        for x, target in zip(X, y):
            z = w[0] * x[0] + w[1] * x[1] + w[2] * x[2]
            loss = loss + (target[0] - z.sigmoid()) ** 2 * 0.5   # half the sse
        for p in w:
            p.grad = 0
        loss.backward()
        for p in w:
            p.data -= p.grad                                    # learning rate 1
    return [[[p.data] for p in w]]


def digits_data(rows=DIGITS_ROWS, seed=0):
    """Synthetic data of the digits' shape: 8 x 8 pixels of 0 to 16, scaled to
    [0, 1], and one of 10 classes as a one-hot target row."""
    rng = random.Random(seed)
    X = [[rng.randint(0, 16) / 16.0 for _ in range(64)] for _ in range(rows)]
    y = [[1 if j == c else 0 for j in range(10)] for c in [rng.randrange(10) for _ in range(rows)]]
    return X, y


def purebp_digits(X, y, iterations, fast=True):
    return purebp.train(X, y, layers=DIGITS_LAYERS, seed=1, iterations=iterations,
                        lr=DIGITS_LR, every=0, fast=fast).weights


def numpy_digits(X, y, iterations):
    import record_references
    return record_references.network(np, np.array(X), np.array(y), DIGITS_LAYERS, 1, iterations,
                                     DIGITS_LR, "half-sse", 0, "sse")[0]


def per_1000(contenders, repeats):
    """CPU seconds per 1000 iterations of each ``name: (run(iterations), n)``,
    from the medians of n and 3n iterations."""
    runs = {}
    for name, (run, n) in contenders.items():
        runs[name + " x1"] = lambda run=run, n=n: run(n)
        runs[name + " x3"] = lambda run=run, n=n: run(3 * n)
    medians, results = measure(runs, repeats)
    return dict((name, (medians[name + " x3"] - medians[name + " x1"]) / (2 * n) * 1000)
                for name, (run, n) in contenders.items()), results


def digits(repeats, quick):
    """The digits-sized problem: purebp (compiled, plain), numpy, PyPy."""
    X, y = digits_data()
    n = 2 if quick else 10
    contenders = {"purebp": (lambda k: purebp_digits(X, y, k), n),
                  "purebp plain": (lambda k: purebp_digits(X, y, k, fast=False), 1)}
    if np is not None:
        contenders["numpy"] = (lambda k: numpy_digits(X, y, k), 10 * n)
    seconds, results = per_1000(contenders, repeats)
    row = {"problem": "digits-sized: %d rows, %s, sigmoid, half-sse, lr %g" % (
        DIGITS_ROWS, ",".join(str(k) for k in DIGITS_LAYERS), DIGITS_LR),
        "per_1000": seconds, "iterations": {"purebp": [n, 3 * n], "purebp plain": [1, 3]}}
    if "numpy" in seconds:
        row["iterations"]["numpy"] = [10 * n, 30 * n]
        row["ratio"] = seconds["purebp"] / seconds["numpy"]
        row["gap_to_numpy"] = largest_gap(numpy_digits(X, y, 3 * n), results["purebp x3"])
    row["plain_over_fast"] = seconds["purebp plain"] / seconds["purebp"]
    return row


def pypy_digits(quick):
    """This script's digits-sized problem under Debian's pypy3, or why not."""
    pypy = shutil.which("pypy3")
    if pypy is None:
        return {"missing": "pypy3 is not installed (apt-get install pypy3)"}
    args = [pypy, os.path.abspath(__file__), "--digits-only", "--json", "-"]
    done = subprocess.run(args + (["--quick"] if quick else []), stdout=subprocess.PIPE,
                          universal_newlines=True)
    if done.returncode != 0:
        return {"missing": "pypy3 failed (exit %d)" % done.returncode}
    return json.loads(done.stdout)


def export_digits(path):
    """scikit-learn's handwritten digits as a CSV file (64 pixel columns, then
    the digit); None, or why not."""
    try:
        from sklearn.datasets import load_digits
    except ImportError:
        return "scikit-learn is not installed (pip install scikit-learn)"
    digits = load_digits()
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(["pixel%d" % i for i in range(64)] + ["digit"]) + "\n")
        for row, digit in zip(digits.data.tolist(), digits.target.tolist()):
            f.write(",".join("%d" % v for v in row) + ",%d\n" % digit)
    return None


def child_cpu(args):
    """Run ``args``; (CPU seconds of the child, its stdout, its exit status)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, done.stdout, done.returncode


def numpy_batches(path):
    """The numpy program on the digits of ``path``: the rows purebp reads
    (scaled, the bias appended), numpy's held-out split, then
    record_references.network with DIGITS_FLAGS's settings. A JSON line."""
    import record_references
    from purebp.csvdata import read_csv
    flags = dict(zip(DIGITS_FLAGS[2::2], DIGITS_FLAGS[3::2]))
    table = read_csv(path, scale_inputs=True, classes=True)
    X, y = np.array(table.X), np.array(table.y)
    seed, fraction = 1, float(flags["--test-fraction"])
    train, test = record_references.held_out_split(np, y, fraction, seed)
    weights = record_references.network(
        np, X[train], y[train], [int(n) for n in flags["--layers"].split(",")], seed, None,
        float(flags["--lr"]), flags["--loss"], 0, "accuracy", activation=flags["--activation"],
        batch_size=int(flags["--batch-size"]), epochs=int(flags["--epochs"]))[0]
    l = X[test]                        # the trained network on the held-out rows
    for w in weights[:-1]:
        l = np.tanh(l.dot(w))
    z = l.dot(weights[-1])             # softmax keeps the order: its argmax is z's
    accuracy = float(np.mean(np.argmax(z, axis=1) == np.argmax(y[test], axis=1)))
    return json.dumps({"weights": [w.tolist() for w in weights], "held_out": accuracy})


def digits_batches(repeats):
    """The handwritten digits in mini-batches from the command line: purebp
    under CPython and PyPy, and numpy's program, CPU seconds of each child."""
    directory = tempfile.mkdtemp(prefix="purebp-bench-")
    path = os.path.join(directory, "digits.csv")
    try:
        missing = export_digits(path)
        if missing:
            return {"missing": missing}
        contenders = {"purebp": [sys.executable, "-m", "purebp", "train", "--data", path] +
                      DIGITS_FLAGS + ["--json"]}
        pypy = shutil.which("pypy3")
        if pypy is not None:
            contenders["purebp under PyPy"] = [pypy] + contenders["purebp"][1:]
        if np is not None:
            contenders["numpy"] = [sys.executable, os.path.abspath(__file__),
                                   "--numpy-batches", path]
        times = dict((name, []) for name in contenders)
        outputs = {}
        for _ in range(repeats):
            for name, args in contenders.items():
                seconds, out, status = child_cpu(args)
                if status != 0:
                    raise SystemExit("%s failed (exit %d): %s" % (name, status, " ".join(args)))
                times[name].append(seconds)
                outputs[name] = json.loads(out)
    finally:
        if os.path.exists(path):
            os.remove(path)
        os.rmdir(directory)
    row = {"command": "python -m purebp train --data digits.csv " + " ".join(DIGITS_FLAGS),
           "cpu": dict((name, statistics.median(t)) for name, t in times.items()),
           "held_out": dict((name, out["final"]["held_out"] if "final" in out
                             else out["held_out"]) for name, out in outputs.items())}
    if "purebp under PyPy" in outputs:
        row["pypy_version"] = subprocess.run(
            [pypy, "-c", "import sys; print('%d.%d.%d' % sys.pypy_version_info[:3])"],
            stdout=subprocess.PIPE, universal_newlines=True).stdout.strip()
        row["pypy_same_weights"] = (outputs["purebp under PyPy"]["weights"]
                                    == outputs["purebp"]["weights"])
    if "numpy" in outputs:
        row["ratio"] = row["cpu"]["purebp"] / row["cpu"]["numpy"]
        row["gap_to_numpy"] = largest_gap(outputs["numpy"]["weights"], outputs["purebp"]["weights"])
    row["met"] = (row["cpu"]["purebp"] <= BATCHES_TARGET
                  and row["held_out"]["purebp"] >= ACCURACY_TARGET)
    return row


def batches_report(row):
    """The handwritten digits in mini-batches: the table."""
    if "missing" in row:
        return "The handwritten digits in mini-batches: skipped, %s." % row["missing"]
    cpu, held = row["cpu"], row["held_out"]

    def cell(name):
        if name not in cpu:
            return "not installed"
        return "%.2f s (%.1f%%)" % (cpu[name], 100 * held[name])

    lines = ["The handwritten digits (scikit-learn, 1,797 rows, 30% held out) in mini-batches, "
             "from the command line; CPU seconds of the whole command (held-out accuracy):", "",
             "    " + row["command"], "",
             "| numpy | purebp | purebp / numpy | target | purebp under PyPy%s |" % (
                 " " + row["pypy_version"] if "pypy_version" in row else ""),
             "|---|---|---|---|---|",
             "| %s | %s | %s | <= %.0f s and >= %.0f%% held out%s | %s |" % (
                 cell("numpy"), cell("purebp"), "%.1fx" % row["ratio"] if "ratio" in row else "-",
                 BATCHES_TARGET, 100 * ACCURACY_TARGET, " (met)" if row["met"] else " (MISSED)",
                 cell("purebp under PyPy"))]
    if "gap_to_numpy" in row:
        lines += ["", "largest |purebp - numpy| in the final weights: %.3g" % row["gap_to_numpy"]]
    if "pypy_same_weights" in row:
        lines.append("PyPy's final weights %s CPython's" % (
            "equal" if row["pypy_same_weights"] else "DIFFER from"))
    return "\n".join(lines)


# --- measuring -------------------------------------------------------------------------------

def measure(contenders, repeats, clock=time.process_time):
    """Median seconds of each contender, run in turn, round after round."""
    times = dict((name, []) for name in contenders)
    results = {}
    for _ in range(repeats):
        for name, run in contenders.items():
            start = clock()
            results[name] = run()
            times[name].append(clock() - start)
    return dict((name, statistics.median(t)) for name, t in times.items()), results


def largest_gap(a, b):
    if isinstance(a, (list, tuple)):
        return max(largest_gap(p, q) for p, q in zip(a, b))
    if np is not None and isinstance(a, np.ndarray):
        return largest_gap(a.tolist(), b)
    return abs(a - b)


def fmt_time(seconds):
    if seconds >= 1:
        return "%.2f s" % seconds
    if seconds >= 1e-3:
        return "%.1f ms" % (seconds * 1e3)
    return "%.1f us" % (seconds * 1e6)


def problems(repeats, quick):
    scale = 10 if quick else 1
    rows = []
    specs = [("the article's 8 lines", "seed", [3, 1], 10000 // scale, 0.2),
             ("Trask's 3,4,1 on XOR", "xor", [3, 4, 1], 60000 // scale, 0.4),
             ("3,32,1 on XOR", "xor", [3, 32, 1], 10000 // scale, None)]
    for title, data, layers, iterations, target in specs:
        contenders = {"purebp": lambda: purebp_run(data, layers, iterations)}
        if np is not None:
            if layers == [3, 1]:
                contenders["numpy"] = lambda: numpy_article(iterations)
            elif layers == [3, 4, 1]:
                contenders["numpy"] = lambda: numpy_trask(iterations)
            else:
                contenders["numpy"] = lambda: numpy_network(layers, iterations)
        if layers == [3, 1]:
            contenders["purebp plain"] = lambda: purebp_run(data, layers, iterations, fast=False)
            if Value is not None:
                contenders["micrograd"] = lambda: micrograd_article(iterations)
        medians, results = measure(contenders, repeats)
        row = {"problem": "%s (%d iterations)" % (title, iterations), "target": target,
               "medians": medians}
        if "numpy" in medians:
            row["ratio"] = medians["purebp"] / medians["numpy"]
            row["gap_to_numpy"] = largest_gap(results["numpy"], results["purebp"])
        if "micrograd" in medians:
            row["micrograd_over_purebp"] = medians["micrograd"] / medians["purebp"]
            row["gap_to_micrograd"] = largest_gap(results["micrograd"], results["purebp"])
        rows.append(row)
    return rows


def sweep(repeats, quick):
    """Seconds per iteration for hidden sizes 4 to 256, fixed costs removed:
    (time of 3n iterations - time of n) / 2n, for each contender."""
    n = 100 if quick else 400
    rows = []
    for hidden in SWEEP:
        layers = [3, hidden, 1]
        contenders = {}
        for name, factor in (("purebp", 1), ("purebp", 3)):
            contenders["%s x%d" % (name, factor)] = (
                lambda f=factor: purebp_run("xor", layers, f * n))
        if np is not None:
            for factor in (1, 3):
                contenders["numpy x%d" % factor] = (
                    lambda f=factor: numpy_network(layers, f * n))
        medians, _ = measure(contenders, repeats)
        row = {"hidden": hidden,
               "purebp": (medians["purebp x3"] - medians["purebp x1"]) / (2 * n)}
        if np is not None:
            row["numpy"] = (medians["numpy x3"] - medians["numpy x1"]) / (2 * n)
            row["ratio"] = row["purebp"] / row["numpy"]
        rows.append(row)
    return rows


# --- output --------------------------------------------------------------------------------

def digits_report(row, pypy):
    """The digits-sized problem's table: CPU seconds per 1000 iterations."""
    s = row["per_1000"]
    if "per_1000" in pypy:
        pypy_text = "%.1f s (PyPy %s)" % (pypy["per_1000"]["purebp"], pypy["version"])
    else:
        pypy_text = pypy["missing"]
    met = s["purebp"] <= DIGITS_TARGET and row["plain_over_fast"] >= 3
    lines = ["%s; CPU seconds per 1000 iterations (from %s and %s iterations: the difference, "
             "scaled):" % ((row["problem"],) + tuple(
                 row["iterations"]["purebp"])), "",
             "| numpy | purebp | purebp / numpy | purebp plain path | plain / compiled | "
             "target | purebp under PyPy |", "|---|---|---|---|---|---|---|",
             "| %s | %.1f s | %s | %.0f s | %.1fx | <= %.0f s and <= 1/3 of the plain path%s | "
             "%s |" % ("%.2f s" % s["numpy"] if "numpy" in s else "not installed", s["purebp"],
                       "%.0fx" % row["ratio"] if "ratio" in row else "-", s["purebp plain"],
                       row["plain_over_fast"], DIGITS_TARGET, " (met)" if met else " (MISSED)",
                       pypy_text)]
    if "gap_to_numpy" in row:
        lines.append("")
        lines.append("largest |purebp - numpy| in the final weights (%d iterations): %.3g"
                     % (3 * row["iterations"]["purebp"][0], row["gap_to_numpy"]))
    return "\n".join(lines)


def report(rows, sweep_rows):
    lines = ["Python %s (%s), %s; numpy %s; micrograd %s" % (
        platform.python_version(), platform.python_implementation(), platform.machine(),
        np.__version__ if np is not None else "not installed",
        "installed" if Value is not None else "not installed"), ""]
    lines.append("| problem | numpy | purebp | purebp / numpy | target | micrograd | "
                 "micrograd / purebp |")
    lines.append("|---|---|---|---|---|---|---|")
    for row in rows:
        m = row["medians"]
        ratio = row.get("ratio")
        target = row["target"]
        verdict = "" if ratio is None or target is None else (
            " (met)" if ratio <= target else " (MISSED)")
        micro = row.get("micrograd_over_purebp")
        lines.append("| %s | %s | %s | %s | %s | %s | %s |" % (
            row["problem"], fmt_time(m["numpy"]) if "numpy" in m else "not installed",
            fmt_time(m["purebp"]), ("%.2fx" % ratio + verdict) if ratio is not None else "-",
            ("<= %.1fx" % target) if target else "-",
            fmt_time(m["micrograd"]) if "micrograd" in m else "-",
            ("%.0fx faster%s" % (micro, " (met)" if micro >= 30 else " (MISSED)"))
            if micro else "-"))
    plain = rows[0]["medians"].get("purebp plain")
    if plain:
        lines.append("")
        lines.append("purebp's plain path (fast=False) on the article's problem: %s, %.1fx its "
                     "fast path" % (fmt_time(plain), plain / rows[0]["medians"]["purebp"]))
    for row in rows:
        if "gap_to_numpy" in row:
            lines.append("largest |purebp - numpy| in the final weights, %s: %.3g"
                         % (row["problem"], row["gap_to_numpy"]))
        if "gap_to_micrograd" in row:
            lines.append("largest |purebp - micrograd| in the final weights, %s: %.3g"
                         % (row["problem"], row["gap_to_micrograd"]))
    lines += ["", "Time per iteration, 3,H,1 on XOR (fixed costs removed):", "",
              "| hidden units | numpy | purebp | purebp / numpy |", "|---|---|---|---|"]
    for row in sweep_rows:
        lines.append("| %d | %s | %s | %s |" % (
            row["hidden"], fmt_time(row["numpy"]) if "numpy" in row else "-",
            fmt_time(row["purebp"]), ("%.2fx" % row["ratio"]) if "ratio" in row else "-"))
    return "\n".join(lines)


def sweep_svg(sweep_rows):
    """The sweep as a log-log chart of seconds per iteration, numpy and purebp."""
    from xml.sax.saxutils import escape
    width, height, left, right, top, bottom = 640, 400, 80, 120, 50, 60
    xs = [math.log2(r["hidden"]) for r in sweep_rows]
    series = [("purebp", "#2166ac"), ("numpy", "#d6604d")]
    values = [r[name] for r in sweep_rows for name, _ in series if name in r and r[name] > 0]
    low, high = math.floor(math.log10(min(values))), math.ceil(math.log10(max(values)))

    def px(x):
        return left + (x - xs[0]) / (xs[-1] - xs[0]) * (width - left - right)

    def py(v):
        return top + (high - math.log10(v)) / (high - low) * (height - top - bottom)

    body = ['<rect width="100%" height="100%" fill="white"/>']
    for e in range(low, high + 1):
        body.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#eeeeee"/>'
                    % (left, py(10.0 ** e), width - right, py(10.0 ** e)))
        body.append('<text x="%d" y="%.1f" text-anchor="end" font-size="11">%s</text>'
                    % (left - 8, py(10.0 ** e) + 4, escape(fmt_time(10.0 ** e))))
    for r, x in zip(sweep_rows, xs):
        body.append('<text x="%.1f" y="%d" text-anchor="middle" font-size="11">%d</text>'
                    % (px(x), height - bottom + 20, r["hidden"]))
    body.append('<path d="M%d %d V%d H%d" fill="none" stroke="#222222"/>'
                % (left, top, height - bottom, width - right))
    for name, colour in series:
        points = [(px(x), py(r[name])) for r, x in zip(sweep_rows, xs) if r.get(name, 0) > 0]
        if not points:
            continue
        body.append('<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>'
                    % (" ".join("%.1f,%.1f" % p for p in points), colour))
        for (x, y), r in zip(points, sweep_rows):
            body.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"><title>%s, %d hidden: %s'
                        '</title></circle>' % (x, y, colour, name, r["hidden"],
                                                escape(fmt_time(r[name]))))
        body.append('<text x="%.1f" y="%.1f" fill="%s" font-size="13">%s</text>'
                    % (points[-1][0] + 10, points[-1][1] + 4, colour, name))
    body.append('<text x="%.1f" y="%d" text-anchor="middle" font-size="13">hidden units '
                '(network 3,H,1 on XOR)</text>' % ((left + width - right) / 2.0, height - 15))
    body.append('<text x="18" y="%.1f" text-anchor="middle" font-size="13" '
                'transform="rotate(-90 18 %.1f)">time per iteration (log scale)</text>'
                % (height / 2.0, height / 2.0))
    body.append('<text x="%.1f" y="28" text-anchor="middle" font-size="16" font-weight="bold">'
                'purebp and numpy: time per iteration</text>' % (width / 2.0))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
            'width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif">\n'
            '<title>purebp and numpy: time per iteration</title>\n%s\n</svg>\n'
            % (width, height, width, height, "\n".join(body)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5, help="rounds of each comparison "
                        "(default: 5; at least 5 for the published figures)")
    parser.add_argument("--quick", action="store_true",
                        help="a tenth of the iterations: a smoke test, not a measurement")
    parser.add_argument("--svg", metavar="FILE", help="draw the sweep as an SVG chart")
    parser.add_argument("--json", metavar="FILE", help="write all figures as JSON")
    parser.add_argument("--digits-only", action="store_true",
                        help="only purebp on the digits-sized problem (how PyPy's figure is made)")
    parser.add_argument("--batches-only", action="store_true",
                        help="only the handwritten digits in mini-batches")
    parser.add_argument("--numpy-batches", metavar="CSV", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.numpy_batches:
        print(numpy_batches(args.numpy_batches))
        return 0
    if args.batches_only:
        row = digits_batches(min(args.repeats, 3))
        print(batches_report(row))
        return 0 if row.get("met", True) else 1
    if args.digits_only:
        X, y = digits_data()
        seconds, _ = per_1000({"purebp": (lambda k: purebp_digits(X, y, k),
                                          2 if args.quick else 10)}, 3)
        document = {"version": "%d.%d.%d" % sys.pypy_version_info[:3]
                    if hasattr(sys, "pypy_version_info") else platform.python_version(),
                    "implementation": platform.python_implementation(), "per_1000": seconds}
        if args.json == "-":
            print(json.dumps(document))
        else:
            print("purebp on the digits-sized problem: %.1f CPU s per 1000 iterations (%s %s)"
                  % (seconds["purebp"], document["implementation"], document["version"]))
        return 0
    rows = problems(args.repeats, args.quick)
    digits_row = digits(min(args.repeats, 3), args.quick)
    pypy = pypy_digits(args.quick)
    sweep_rows = sweep(args.repeats, args.quick)
    batches_row = digits_batches(1 if args.quick else min(args.repeats, 3))
    print(report(rows, sweep_rows))
    print("")
    print(digits_report(digits_row, pypy))
    print("")
    print(batches_report(batches_row))
    if args.svg:
        with open(args.svg, "w", encoding="utf-8") as f:
            f.write(sweep_svg(sweep_rows))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"python": platform.python_version(),
                       "implementation": platform.python_implementation(),
                       "problems": rows, "digits": digits_row, "pypy_digits": pypy,
                       "sweep": sweep_rows, "digits_batches": batches_row}, f, indent=1)
    missed = [r for r in rows if r.get("ratio") is not None and r["target"] is not None
              and r["ratio"] > r["target"]]
    missed += [r for r in rows if r.get("micrograd_over_purebp", 30) < 30]
    if digits_row["per_1000"]["purebp"] > DIGITS_TARGET or digits_row["plain_over_fast"] < 3:
        missed.append(digits_row)
    if not batches_row.get("met", True):
        missed.append(batches_row)
    return 1 if missed and not args.quick else 0


if __name__ == "__main__":
    sys.exit(main())
