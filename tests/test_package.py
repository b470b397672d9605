"""The package's top level: every name there, imported only when used.

``import purebp`` imports no module of the package; each top-level name
(``purebp.train``, ``purebp.explain`` ...) comes from its module on first
use. A board pays only for what a program touches, and CPython sees the
same API as before.
"""

import os
import subprocess
import sys

import pytest

import purebp

PACKAGE = os.path.dirname(os.path.abspath(purebp.__file__))
MODULES = sorted(name[:-3] for name in os.listdir(PACKAGE)
                 if name.endswith(".py") and not name.startswith("__"))
# What the network module needs to predict: its checks and the conventions'
# tables. Not their words (purebp.words): explain and the command line read
# those; nor the metrics' code (purebp.metrics), which loads with the first
# report; nor purebp.matrix_check, for lists of plain numbers.
PREDICT = {"purebp", "purebp.activations", "purebp.checks", "purebp.errors", "purebp.losses",
           "purebp.matrix", "purebp.network", "purebp.network_check"}
# And to train: the schedule, the budget and the random start, which train
# imports (on a board it lets them go once used: a test in test_board.py).
CORE = PREDICT | {"purebp.batches", "purebp.budget", "purebp.random_start"}


def modules_after(code):
    """The purebp modules a fresh interpreter holds after running ``code``."""
    program = code + "\nimport sys\nprint(' '.join(sorted(m for m in sys.modules " \
                     "if m == 'purebp' or m.startswith('purebp.'))))"
    done = subprocess.run([sys.executable, "-c", program], stdout=subprocess.PIPE,
                          cwd=os.path.dirname(PACKAGE), universal_newlines=True, check=True)
    return done.stdout.split()


@pytest.mark.needs_processes
def test_import_purebp_imports_no_module_of_the_package():
    assert modules_after("import purebp") == ["purebp"]


@pytest.mark.needs_processes
def test_training_loads_what_training_needs_and_nothing_else():
    loaded = modules_after("import purebp\nX, y = purebp.load_data('seed')\n"
                           "purebp.train(X, y, iterations=10)")
    assert set(loaded) == CORE | {"purebp.datasets", "purebp.fast", "purebp.fast_code",
                                  "purebp.fast_unrolled", "purebp.fast_loop", "purebp.training",
                                  "purebp.metrics"}
    loaded = modules_after("import purebp\nX, y = purebp.load_data('seed')\n"
                           "purebp.train(X, y, iterations=10, every=0)")    # no reports
    assert "purebp.metrics" not in loaded and "purebp.training" in loaded


@pytest.mark.needs_processes
def test_mini_batches_load_the_row_looped_compiler_only():
    """Batches are steps of the row-looped form; the unrolled form holds the
    data and is never built for them. With fast=False, no compiler at all."""
    loaded = modules_after("import purebp\nX, y = purebp.load_data('xor')\n"
                           "purebp.train(X, y, layers=[3, 4, 1], batch_size=2, epochs=3)")
    assert set(loaded) == CORE | {"purebp.datasets", "purebp.training", "purebp.batch_training",
                                  "purebp.fast", "purebp.fast_code", "purebp.fast_rows",
                                  "purebp.fast_loop", "purebp.metrics"}
    loaded = modules_after("import purebp\nX, y = purebp.load_data('xor')\n"
                           "purebp.train(X, y, layers=[3, 4, 1], batch_size=2, epochs=3, "
                           "fast=False)")
    assert set(loaded) == CORE | {"purebp.datasets", "purebp.training", "purebp.batch_training",
                                  "purebp.metrics"}


@pytest.mark.needs_processes
def test_predicting_loads_no_compiler():
    loaded = modules_after("import purebp\npurebp.predict([[[1.0], [0.5]]], [[0, 1]])")
    assert set(loaded) == PREDICT


# On a board, ``train`` lets these go once it is past them (``purebp._let_go``):
# the argument checks before the weights are drawn, the random start after.
LET_GO = {"network_check", "checks", "budget", "batches", "random_start"}
# Modules that stay loaded while, and after, a board trains: the loops, what
# they report and measure with, and the programs that call train.
STAY_LOADED = ("network", "training", "batch_training", "holdout", "metrics", "fast_loop",
               "selfcheck", "minicli", "__main__", "datasets")


def top_level_imports(name):
    """The package's modules that module ``name`` imports when it loads
    (outside its functions and classes)."""
    import ast
    with open(os.path.join(PACKAGE, name + ".py"), encoding="utf-8") as f:
        tree = ast.parse(f.read())
    found, statements = set(), list(tree.body)
    while statements:
        node = statements.pop()
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            continue
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
        statements.extend(child for child in ast.iter_child_nodes(node)
                          if isinstance(child, ast.stmt))
    return found & set(MODULES)


def test_what_stays_loaded_on_a_board_holds_nothing_it_lets_go():
    """A module that stays loaded and keeps a name of a module let go keeps
    that module's code too, and the next training loads a second copy: they
    import those modules in the functions that use them."""
    held, todo = {}, list(STAY_LOADED)
    while todo:
        name = todo.pop()
        for imported in top_level_imports(name) - set(held):
            held[imported] = name
            todo.append(imported)
    assert {m: "imported by " + held[m] for m in LET_GO if m in held} == {}
    assert "random_start" in top_level_imports("article")     # the check sees imports


def test_what_stays_loaded_while_check_runs_holds_nothing_it_lets_go():
    """``check`` on a board lets go of the loops and the metrics after each
    scenario (those it loaded): nothing that stays while it runs keeps them."""
    held, todo = {}, ["selfcheck", "minicli", "__main__", "network", "datasets", "holdout"]
    while todo:
        name = todo.pop()
        for imported in top_level_imports(name) - set(held):
            held[imported] = name
            todo.append(imported)
    lets_go = {"training", "metrics", "batch_training"} | LET_GO
    assert {m: "imported by " + held[m] for m in lets_go if m in held} == {}


@pytest.mark.parametrize("name", purebp.__all__)
def test_every_top_level_name_is_its_modules_object(name):
    value = getattr(purebp, name)
    home = __import__("purebp." + purebp._HOME[name], None, None, [name])
    assert value is getattr(home, name)
    assert name in dir(purebp)


def test_no_top_level_name_is_also_a_modules_name():
    """``import purebp.explain`` once gave the function explain, not its module:
    a name cannot be both. Issue 10, item 23, for every name."""
    assert set(purebp.__all__) & set(MODULES) == set()


def test_explain_is_the_function_and_narration_its_module():
    import purebp.narration
    assert callable(purebp.explain)
    assert purebp.explain is purebp.narration.explain
    story = purebp.explain([[0, 0, 1]], [[1]], layers=[3, 1])
    assert story["quantities"][0]["name"] == "X"


def test_star_import_gives_every_name():
    namespace = {}
    exec("from purebp import *", namespace)
    assert set(purebp.__all__) <= set(namespace)


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'trian'"):
        purebp.trian
    assert not hasattr(purebp, "trian")


def test_a_name_that_is_no_module_of_the_package_is_not_imported():
    for name in ("append", "no_such_module"):
        with pytest.raises(AttributeError, match="has no attribute"):
            getattr(purebp, name)
        assert "purebp." + name not in sys.modules
    assert purebp.selfcheck_data.NUMPY_VERSION       # a module of the package is
