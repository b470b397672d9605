"""The core keeps to what CPython 3.8, PyPy and MicroPython all have.

A static check of the source (MicroPython itself runs in a later stage):
the modules that build, train, predict and print the default run avoid the
constructs DEVELOPERS.md lists, and nothing in purebp imports numpy or any
other package outside the standard library.
"""

import ast
import os

import pytest

PACKAGE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "purebp")
# Command line, files and pictures may use all of CPython's standard library.
NOT_CORE = {"cli.py", "files.py", "model.py", "csvdata.py", "chart.py", "svg.py", "notebook.py",
            "streams.py", "report.py", "webserver.py"}
CORE = sorted(f for f in os.listdir(PACKAGE) if f.endswith(".py") and f not in NOT_CORE)

STANDARD = {"argparse", "json", "math", "os", "sys", "io", "tempfile", "time", "xml",
            "csv", "codecs", "locale", "shutil", "errno", "contextlib", "re", "signal",
            "stat", "array", "gc", "gzip", "http", "webbrowser", "base64", "unicodedata",
            "decimal"}


def test_the_package_imports_only_core_modules_unguarded():
    """purebp/__init__.py may import a non-core module only inside try/except ImportError."""
    tree = parse("__init__.py")
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            assert node.module + ".py" not in NOT_CORE, node.module
NOT_ON_MICROPYTHON = {"dataclasses", "typing", "__future__", "operator", "fractions",
                      "decimal", "statistics", "functools", "itertools", "collections"}
FORBIDDEN_ATTRIBUTES = {("math", "fsum"), ("math", "prod"), ("math", "sumprod"),
                        ("operator", "mul"), ("random", "Random"), ("random", "getstate"),
                        ("random", "setstate")}


def parse(filename):
    with open(os.path.join(PACKAGE, filename), encoding="utf-8") as f:
        return ast.parse(f.read(), filename)


def imported_modules(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0]


def test_there_is_a_core_to_check():
    assert {"matrix.py", "network.py", "random_start.py", "activations.py"} <= set(CORE)


@pytest.mark.parametrize("filename", sorted(f for f in os.listdir(PACKAGE) if f.endswith(".py")))
def test_only_the_standard_library(filename):
    outside = set(imported_modules(parse(filename))) - STANDARD
    assert outside == set(), filename


@pytest.mark.parametrize("filename", CORE)
def test_core_avoids_what_micropython_lacks(filename):
    tree = parse(filename)
    problems = []
    for module in imported_modules(tree):
        if module in NOT_ON_MICROPYTHON:
            problems.append("imports " + module)
    for node in ast.walk(tree):
        where = "line %d: " % getattr(node, "lineno", 0)
        if isinstance(node, (ast.FunctionDef, ast.Lambda)) and getattr(node.args, "posonlyargs", []):
            problems.append(where + "positional-only parameters")
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)) and any(
                isinstance(e, ast.Starred) for e in node.elts):
            problems.append(where + "star-unpacking in a literal")
        if isinstance(node, ast.Dict) and None in node.keys:
            problems.append(where + "** in a dict literal")
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and (
                (node.value.id, node.attr) in FORBIDDEN_ATTRIBUTES):
            problems.append(where + "%s.%s" % (node.value.id, node.attr))
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg == "strict":
                    problems.append(where + "zip(strict=)")
                if keyword.arg == "indent":
                    problems.append(where + "json.dumps(indent=)")
        if isinstance(node, ast.AnnAssign) or (isinstance(node, ast.arg) and node.annotation):
            problems.append(where + "an annotation")
        if isinstance(node, ast.JoinedStr):
            problems.append(where + "an f-string (MicroPython's are limited)")
    assert problems == [], filename
