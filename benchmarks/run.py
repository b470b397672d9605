"""How fast is purebp? Against numpy and micrograd, measured in one process.

Usage:  python benchmarks/run.py [--repeats 5] [--quick] [--svg FILE] [--json FILE]

Problems: the article's 8-line program (10000 iterations), Trask's 3,4,1
network on XOR (60000), 3,32,1 on XOR (10000), and a sweep of hidden sizes
4 to 256 on XOR (time per iteration). Each comparison runs the contenders
in turn, round after round, in this one process, at least 5 rounds, and
reports medians and the ratio purebp / numpy: times on a shared machine
wander, ratios from one run much less.

* purebp: ``purebp.train`` as a user calls it (the compiled fast loop,
  compilation included); the plain path (``fast=False``) on the article's
  problem, for scale.
* numpy: the article's and Trask's programs as written; the general
  network of tools/record_references.py for 3,32,1 and the sweep.
* micrograd (PyPI ``micrograd``), which has no exp: a sigmoid is added the
  way micrograd adds its operations, and the same network is trained on the
  same data (the article's problem only: it is slow).

numpy and micrograd are optional; the table says when one is missing.
Standard library otherwise.
"""

import argparse
import json
import math
import os
import platform
import statistics
import sys
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
TARGETS = {"seed": [0, 0, 1, 1], "xor": [0, 1, 1, 0]}
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


# --- measuring -------------------------------------------------------------------------------

def measure(contenders, repeats):
    """Median seconds of each contender, run in turn, round after round."""
    times = dict((name, []) for name in contenders)
    results = {}
    for _ in range(repeats):
        for name, run in contenders.items():
            start = time.perf_counter()
            results[name] = run()
            times[name].append(time.perf_counter() - start)
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
    specs = [("the article's 8 lines", "seed", [3, 1], 10000 // scale, 0.7),
             ("Trask's 3,4,1 on XOR", "xor", [3, 4, 1], 60000 // scale, 1.0),
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
    args = parser.parse_args()
    rows = problems(args.repeats, args.quick)
    sweep_rows = sweep(args.repeats, args.quick)
    print(report(rows, sweep_rows))
    if args.svg:
        with open(args.svg, "w", encoding="utf-8") as f:
            f.write(sweep_svg(sweep_rows))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"python": platform.python_version(),
                       "implementation": platform.python_implementation(),
                       "problems": rows, "sweep": sweep_rows}, f, indent=1)
    missed = [r for r in rows if r.get("ratio") is not None and r["target"] is not None
              and r["ratio"] > r["target"]]
    missed += [r for r in rows if r.get("micrograd_over_purebp", 30) < 30]
    return 1 if missed and not args.quick else 0


if __name__ == "__main__":
    sys.exit(main())
