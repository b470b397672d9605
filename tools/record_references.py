"""Record numpy's numbers, so purebp's tests can compare against them.

Usage:  python tools/record_references.py [--out tests/reference]

This is the one place numpy is needed. It runs the original numpy programs
(the article's 8 lines and expanded program, Trask's 3-layer network) and a
general numpy network for the other scenarios, and writes one JSON file per
scenario, plus files for the random start, the sigmoid and numpy's printing.
Nothing in these files is typed by hand.

numpy's exp: on CPUs with AVX-512, numpy computes ``np.exp`` with its own
vectorised code, which differs from the C library's ``exp`` in the last bit
for a few percent of inputs; on other CPUs numpy calls the C library's
``exp``, as ``math.exp`` does. Each scenario is therefore run twice, in
worker processes:

* ``--worker libm``: with numpy's AVX-512 kernels switched off through
  ``NPY_DISABLE_CPU_FEATURES``: what numpy computes on any CPU without
  AVX-512. These numbers are the references.
* ``--worker simd``: numpy as it runs on this machine by default, kept
  under ``"simd_exp"`` in each file, to show how far numpy moves from
  itself when only its ``exp`` changes.
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

# name: (program, data, layers, seed, iterations, lr, loss, every, metric)
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
}

# Small scenarios shipped inside the package for `purebp check` (fast enough for
# MicroPython): (name, data, layers, seed, iterations, lr, loss, every, metric)
SELFCHECK = [
    ("the article's network, seed 1", "seed", [3, 1], 1, 2000, 1.0, "half-sse", 500, "sse"),
    ("the expanded program's sse loss, seed 0", "seed", [3, 1], 0, 2000, 1.0, "sse", 500, "sse"),
    ("Trask's 3,4,1 on XOR, seed 1", "xor", [3, 4, 1], 1, 1000, 1.0, "half-sse", 250, "mae"),
    ("a 4-layer net, 3,5,4,1, lr 0.5", "xor", [3, 5, 4, 1], 2, 500, 0.5, "sse", 100, "mse"),
]
SELFCHECK_FILE = os.path.join(HERE, os.pardir, "purebp", "selfcheck_data.py")

SEEDS_FOR_STREAMS = [0, 1, 2, 42, 5489, 2 ** 31, 2 ** 32 - 1]
WEIGHT_DRAWS = [([3, 1], 0), ([3, 1], 1), ([3, 4, 1], 1), ([3, 32, 1], 1),
                ([3, 5, 4, 1], 7), ([2, 3, 2], 2 ** 32 - 1)]
SIGMOID_Z = [0.0, 1.0, -1.0, 2.0, 0.5, -36.0, 37.0, -700.0, -709.0, -709.78,
             -709.79, -710.0, -745.0, -746.0, -800.0, -1e300, 800.0, 1e300]


# --- the numpy programs --------------------------------------------------------

def sigmoid(np, z):
    return 1 / (1 + np.exp(-z))


def sigmoid_derivative(x):
    return x * (1 - x)


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


def network(np, X, y, layers, seed, iterations, lr, loss, every, metric, dot=None, first=None):
    """Any layer sizes, Trask's steps in a loop; lr and loss as purebp's.

    ``dot`` replaces ``np.dot`` (BLAS) to see how much the order of
    additions alone moves the result: the run's sensitivity. ``first``, a
    dict, receives every quantity of the first iteration.
    """
    dot = dot or np.dot
    np.random.seed(seed)
    syn = [2 * np.random.random((layers[k], layers[k + 1])) - 1
           for k in range(len(layers) - 1)]
    history = []
    for i in range(iterations):
        l, z = [X], []
        for s in syn:
            z.append(dot(l[-1], s))
            l.append(sigmoid(np, z[-1]))
        if every and i % every == 0:
            error = y - l[-1]
            value = {"sse": lambda: np.sum(error ** 2),
                     "mse": lambda: np.mean(error ** 2),
                     "mae": lambda: np.mean(np.abs(error))}[metric]()
            history.append([i, float(value)])
        l_error = (y - l[-1]) if loss == "half-sse" else 2 * (y - l[-1])
        n = len(syn)
        steps, errors, slopes, deltas = [None] * n, [None] * n, [None] * n, [None] * n
        for k in range(n - 1, -1, -1):
            errors[k] = l_error
            slopes[k] = sigmoid_derivative(l[k + 1])
            deltas[k] = l_error * slopes[k]
            steps[k] = dot(l[k].T, deltas[k])
            l_error = dot(deltas[k], syn[k].T)
        for k in range(len(syn)):
            syn[k] += lr * steps[k]
        if i == 0 and first is not None:
            listed = lambda arrays: [a.tolist() for a in arrays]
            first.update({"z": listed(z), "l": listed(l), "l_error": listed(errors),
                          "slope": listed(slopes), "l_delta": listed(deltas),
                          "steps": listed(steps), "weights": listed(syn)})
    return syn, l[-1], history, None


def left_to_right_dot(a, b):
    """np.dot(a, b) with each sum taken in order, a0*b0 + a1*b1 + ..."""
    total = a[:, 0:1] * b[0:1, :]
    for k in range(1, a.shape[1]):
        total = total + a[:, k:k + 1] * b[k:k + 1, :]
    return total


def run_scenario(np, program, data, layers, seed, iterations, lr, loss, every, metric):
    X = np.array(X_ROWS)
    y = np.array([TARGETS[data]]).T
    first = {}
    if program == "eight-lines":
        result = eight_lines(np, X, y, seed, iterations, every)
    elif program == "expanded":
        result = expanded(np, X, y, seed, iterations)
    elif program == "trask":
        result = trask(np, X, y, seed, iterations, every)
    else:
        result = network(np, X, y, layers, seed, iterations, lr, loss, every, metric, first=first)
    weights, outputs, history, stdout = result
    if program != "network":
        # The general program must agree exactly with the literal one; the
        # scenarios that only it runs rest on that.
        again = network(np, X, y, layers, seed, iterations, lr, loss, every, metric, first=first)
        assert [w.tolist() for w in again[0]] == [w.tolist() for w in weights], program
        assert again[2] == history, program
    # The same run with every dot product summed left to right, as purebp
    # sums, instead of in BLAS's order. How far it lands from the BLAS run is
    # what this scenario's numbers can honestly be held to; the run itself is
    # purebp's arithmetic done by numpy, which purebp must match exactly.
    ordered = network(np, X, y, layers, seed, iterations, lr, loss, every, metric,
                      dot=left_to_right_dot)
    sensitivity = max(largest_deviation([w.tolist() for w in weights], [w.tolist() for w in ordered[0]]),
                      largest_deviation(outputs.tolist(), ordered[1].tolist()),
                      largest_deviation(history, ordered[2]))
    return {"weights": [w.tolist() for w in weights], "outputs": outputs.tolist(),
            "history": history, "stdout": stdout, "summation_sensitivity": sensitivity,
            "first_step": first,
            "left_to_right": {"weights": [w.tolist() for w in ordered[0]],
                              "outputs": ordered[1].tolist(), "history": ordered[2]}}


# --- the other references -------------------------------------------------------

def record_random(np):
    streams = {}
    for seed in SEEDS_FOR_STREAMS:
        np.random.seed(seed)
        streams[str(seed)] = np.random.random(1000).tolist()
    draws = []
    for layers, seed in WEIGHT_DRAWS:
        np.random.seed(seed)
        weights = [(2 * np.random.random((layers[k], layers[k + 1])) - 1).tolist()
                   for k in range(len(layers) - 1)]
        draws.append({"layers": layers, "seed": seed, "weights": weights})
    return {"random_streams": streams, "initial_weights": draws}


def record_sigmoid(np):
    # exp_probe: numpy's exp at 4000 points where training evaluates it. The
    # tests compare the running Python's math.exp with them: where the C
    # library differs (WebAssembly's, say), bit-for-bit equality cannot hold.
    probe = np.random.RandomState(7).uniform(-40, 40, 4000)
    with np.errstate(over="ignore"):
        z = np.array(SIGMOID_Z)
        return {"z": SIGMOID_Z, "sigmoid": (1 / (1 + np.exp(-z))).tolist(),
                "exp_probe": [probe.tolist(), np.exp(probe).tolist()]}


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
    for name, data, layers, seed, iterations, lr, loss, every, metric in SELFCHECK:
        X = np.array(X_ROWS)
        y = np.array([TARGETS[data]]).T
        weights, outputs, history, _ = network(np, X, y, layers, seed, iterations, lr, loss,
                                               every, metric)
        scenarios.append({"name": name, "data": data, "layers": layers, "seed": seed,
                          "iterations": iterations, "lr": lr, "loss": loss, "every": every,
                          "metric": metric, "weights": [w.tolist() for w in weights],
                          "outputs": outputs.tolist(), "history": history})
    streams = []
    for seed in (0, 1, 42, 2 ** 32 - 1):
        np.random.seed(seed)
        streams.append([seed, np.random.random(20).tolist()])
    z = [0.0, 2.0, -36.0, -709.0, -709.78, -710.0, -745.0, -800.0, 800.0]
    with np.errstate(over="ignore"):
        values = (1 / (1 + np.exp(-np.array(z)))).tolist()
    return {"scenarios": scenarios, "streams": streams, "sigmoid": [z, values]}


def write_selfcheck(document, numpy_version):
    """purebp/selfcheck_data.py: plain Python literals, which every Python can import."""
    lines = ['"""numpy\'s numbers for ``purebp check``.',
             "",
             "Written by tools/record_references.py from numpy %s; do not edit." % numpy_version,
             '"""',
             "",
             "NUMPY_VERSION = %r" % numpy_version,
             "",
             "RANDOM_STREAMS = ["]
    lines += ["    %r," % (pair,) for pair in document["streams"]]
    lines += ["]", "", "SIGMOID = %r" % (document["sigmoid"],), "", "SCENARIOS = ["]
    for scenario in document["scenarios"]:
        lines.append("    {")
        for key in ("name", "data", "layers", "seed", "iterations", "lr", "loss", "every",
                    "metric", "weights", "outputs", "history"):
            lines.append("        %r: %r," % (key, scenario[key]))
        lines.append("    },")
    lines.append("]")
    with open(SELFCHECK_FILE + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(SELFCHECK_FILE + ".tmp", SELFCHECK_FILE)


# --- workers and the parent -------------------------------------------------------

def worker(mode):
    import numpy as np
    results = {}
    for name, spec in SCENARIOS.items():
        results[name] = run_scenario(np, *spec)
    extra = {"random": record_random(np), "sigmoid": record_sigmoid(np),
             "arrayprint": record_arrayprint(np), "selfcheck": record_selfcheck(np)}
    json.dump({"numpy_version": np.__version__, "scenarios": results, "extra": extra,
               "simd_exp_off": os.environ.get("NPY_DISABLE_CPU_FEATURES", "")},
              sys.stdout)


def avx512_features():
    """numpy's dispatched AVX-512 targets on this CPU (what switches its exp)."""
    code = ("import numpy._core._multiarray_umath as m;"
            "print(' '.join(f for f in m.__cpu_dispatch__ "
            "if (f.startswith('AVX512') or f == 'X86_V4') and m.__cpu_features__.get(f)))")
    return subprocess.run([sys.executable, "-c", code], check=True,
                          capture_output=True, text=True).stdout.strip()


def run_worker(mode, disable):
    env = dict(os.environ)
    env.pop("NPY_DISABLE_CPU_FEATURES", None)
    if disable:
        env["NPY_DISABLE_CPU_FEATURES"] = disable
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--worker", mode],
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
    parser.add_argument("--worker", choices=["libm", "simd"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return 0
    try:
        import numpy
    except ImportError:
        print("record_references: needs numpy (python -m pip install numpy)", file=sys.stderr)
        return 2
    disable = avx512_features()
    libm = run_worker("libm", disable)
    simd = run_worker("simd", "")
    os.makedirs(args.out, exist_ok=True)
    common = {"numpy_version": libm["numpy_version"], "python_version": platform.python_version(),
              "machine": platform.machine(),
              "numpy_exp": ("the C library's exp: NPY_DISABLE_CPU_FEATURES=%r" % disable
                            if disable else "the C library's exp (no AVX-512 on this CPU)")}
    for name, (program, data, layers, seed, iterations, lr, loss, every, metric) in SCENARIOS.items():
        ref, other = libm["scenarios"][name], simd["scenarios"][name]
        document = {"name": name, "program": program, "data": data, "layers": layers,
                    "seed": seed, "iterations": iterations, "lr": lr, "loss": loss,
                    "every": every, "metric": metric}
        document.update(common)
        document.update({k: v for k, v in ref.items() if v is not None})
        document["simd_exp"] = {k: v for k, v in other.items()
                                if k in ("weights", "outputs", "history", "stdout", "first_step") and v is not None}
        document["simd_exp"]["largest_deviation"] = max(
            largest_deviation(ref[k], other[k]) for k in ("weights", "outputs", "history"))
        write_json(os.path.join(args.out, name + ".json"), document)
        print("%-22s numpy moves by %.3g with sums left to right, %.3g with its simd exp"
              % (name, ref["summation_sensitivity"], document["simd_exp"]["largest_deviation"]))
    write_selfcheck(libm["extra"].pop("selfcheck"), libm["numpy_version"])
    print("wrote %s" % os.path.normpath(SELFCHECK_FILE))
    for name, document in libm["extra"].items():
        document.update(common)
        if name == "sigmoid":
            document["simd_exp"] = simd["extra"]["sigmoid"]["sigmoid"]
            document["simd_exp_probe_mismatches"] = sum(
                a != b for a, b in zip(document["exp_probe"][1],
                                       simd["extra"]["sigmoid"]["exp_probe"][1]))
        write_json(os.path.join(args.out, name + ".json"), document)
    print("wrote %d files to %s" % (len(SCENARIOS) + len(libm["extra"]), os.path.normpath(args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
