"""Shared helpers: the recorded numpy references and how far two results are apart."""

import json
import os
import signal
import sys

import pytest

REFERENCE_DIR = os.path.join(os.path.dirname(__file__), "reference")
TOLERANCE = 1e-12   # largest allowed |purebp - numpy| for any recorded number


_REFERENCES = {}


def load_reference(name):
    """A recorded reference, read once a session (5.8 MB of JSON, asked for
    hundreds of times while tests are collected): shared, so read it, never
    change it (``dict(ref, iterations=100)`` makes a changed copy)."""
    if name not in _REFERENCES:
        with open(os.path.join(REFERENCE_DIR, name + ".json"), encoding="utf-8") as f:
            _REFERENCES[name] = json.load(f)
    return _REFERENCES[name]


def scenario_names():
    names = []
    for filename in sorted(os.listdir(REFERENCE_DIR)):
        name = filename[:-len(".json")]
        if filename.endswith(".json") and "program" in load_reference(name):
            names.append(name)
    return names


def reference_data(ref):
    """The ``(X, y)`` a recorded scenario trained on: written into the file, or built in."""
    if "X" in ref:
        return ref["X"], ref["y"]
    from purebp import load_data
    return load_data(ref["data"])


def reference_split(ref):
    """``(training rows, held-out rows)`` of a scenario with a held-out split
    (``test_fraction``), as purebp chooses them; None without one."""
    if not ref.get("test_fraction"):
        return None
    from purebp.classes import class_indexes
    from purebp.holdout import split
    X, y = reference_data(ref)
    groups = class_indexes(y) if len(y[0]) > 1 else None
    return split(len(X), ref["test_fraction"], ref["seed"], groups)


def training_data(ref):
    """The ``(X, y)`` a recorded scenario trains on: without a held-out split,
    all of ``reference_data``; with one, its training rows."""
    X, y = reference_data(ref)
    rows = reference_split(ref)
    if rows is None:
        return X, y
    return [X[r] for r in rows[0]], [y[r] for r in rows[0]]


_RUNS = {}
# What _train_reference reads of a scenario: its key in _RUNS (not the
# recorded results, megabytes of them, which would make the key slow).
_SETTINGS = ("X", "y", "data", "test_fraction", "layers", "seed", "lr", "loss", "every",
             "metric", "activation", "batch_size", "epochs", "iterations")


def run_reference(ref, fast=True):
    """purebp's ``train`` with a recorded scenario's settings (on its
    training rows, the held-out ones measured, if it holds some out).

    Several test files check the same recorded run; it is trained once a
    session (the tests only read what it returns)."""
    key = (json.dumps([ref.get(k) for k in _SETTINGS]), fast)
    if key not in _RUNS:
        _RUNS[key] = _train_reference(ref, fast)
    return _RUNS[key]


def _train_reference(ref, fast):
    from purebp import train
    X, y = reference_data(ref)
    held_out = None
    rows = reference_split(ref)
    if rows is not None:
        train_rows, test_rows = rows
        held_out = ([X[r] for r in test_rows], [y[r] for r in test_rows])
        X, y = [X[r] for r in train_rows], [y[r] for r in train_rows]
    length = ({"batch_size": ref["batch_size"], "epochs": ref["epochs"]} if ref.get("batch_size")
              else {"iterations": ref["iterations"]})
    return train(X, y, layers=ref["layers"], seed=ref["seed"], lr=ref["lr"], loss=ref["loss"],
                 every=ref["every"], metric=ref["metric"], fast=fast,
                 activation=ref.get("activation", "sigmoid"), held_out=held_out, **length)


def deviation(a, b):
    """Largest |a - b| over two nested lists of the same shape."""
    if isinstance(a, (list, tuple)):
        assert isinstance(b, (list, tuple)) and len(a) == len(b), (a, b)
        return max(deviation(p, q) for p, q in zip(a, b))
    return abs(a - b)


def same_exp_as_recorded():
    """Whether this Python's math.exp, math.tanh and math.log give the
    recording machine's bits (numpy calling the C library).

    True for CPython and PyPy on glibc; False where the C library computes
    them otherwise (Pyodide's and MicroPython's WebAssembly builds), where
    results can differ in the last bit and only the tolerance can hold.
    """
    import math
    xs, values = load_reference("sigmoid")["exp_probe"]
    probes = load_reference("activations")
    return (all(math.exp(x) == v for x, v in zip(xs, values))
            and all(math.tanh(x) == v or (x != x and v != v)
                    for x, v in zip(*probes["tanh_probe"]))
            and all(math.log(abs(x)) == v for x, v in zip(*probes["log_probe"])))


@pytest.fixture(scope="session")
def reference():
    return load_reference


@pytest.fixture(scope="session")
def made_pictures(tmp_path_factory):
    """tools/make_pictures.py, run once a session as a program of its own under
    umask 022, into a new folder: ``(the finished run, the folder)``.
    test_pictures compares what it made with docs/pictures, test_trust_files
    the modes of the files."""
    import subprocess
    folder = tmp_path_factory.mktemp("pictures")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

    def set_umask():
        os.umask(0o022)
    done = subprocess.run([sys.executable, os.path.join(root, "tools", "make_pictures.py"),
                           "--out", str(folder)], cwd=root, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True,
                          env=dict(os.environ, PYTHONPATH=root), preexec_fn=set_umask)
    return done, folder


SHORT_ARTICLE = 1001    # iterations: two of the article's "Loss:" lines


@pytest.fixture
def short_article(monkeypatch):
    """The article's program (the default run) cut to SHORT_ARTICLE iterations,
    for tests of what the command line does around it (flags, chart, notes):
    its 10,000 iterations take a second, and that they print numpy's output
    byte for byte is checked by test_cli (as a program) and test_references."""
    from purebp import article
    expanded = article.expanded
    monkeypatch.setattr(article, "expanded",
                        lambda *args, **kwargs: expanded(*args, iterations=SHORT_ARTICLE, **kwargs))


def pytest_configure(config):
    """A shell's background job starts with Ctrl-C ignored, and every program it
    starts inherits that: purebp rightly keeps an ignored Ctrl-C ignored, so the
    tests that press Ctrl-C on a purebp program would wait forever. Here Ctrl-C
    is heard, and the programs the tests start hear it as from a terminal."""
    if hasattr(signal, "SIGINT") and signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def pytest_collection_modifyitems(config, items):
    """Under WebAssembly (Pyodide) no other program can be started: tests that
    run purebp or Chromium as a program are skipped there, and say so."""
    if sys.platform != "emscripten":
        return
    skip = pytest.mark.skip(reason="starts another program, which WebAssembly cannot")
    for item in items:
        if "needs_processes" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _no_processes_under_webassembly(monkeypatch):
    """A test not marked needs_processes that still starts a program is
    skipped under WebAssembly at that point, with the same reason, rather than
    failing on an OSError the code under test never sees elsewhere."""
    if sys.platform != "emscripten":
        return
    import subprocess

    def refuse(*args, **kwargs):
        pytest.skip("starts another program, which WebAssembly cannot")
    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)
