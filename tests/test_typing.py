"""Type checkers see purebp's API: py.typed, the stubs, and mypy --strict.

The modules carry no annotations (they run on MicroPython, and
test_portable.py holds the core to that); their types are in ``.pyi``
stubs beside them. mypy runs where it is installed (.ci/run installs it
and sets PUREBP_REQUIRE_MYPY=1, so there it cannot be skipped).
"""

import ast
import os
import subprocess
import sys

import pytest

import purebp

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = os.path.join(ROOT, "purebp")
EXAMPLE = os.path.join(ROOT, "tests", "typing_example.py")
STUBS = sorted(f[:-len(".pyi")] for f in os.listdir(PACKAGE) if f.endswith(".pyi"))


def test_the_package_says_it_is_typed_and_has_a_stub_per_public_module():
    assert os.path.isfile(os.path.join(PACKAGE, "py.typed"))
    for name in STUBS:
        assert os.path.isfile(os.path.join(PACKAGE, name + ".py")), name
    # every module a top-level name comes from, and the pictures, have their types
    homes = set(getattr(purebp, name).__module__.split(".")[-1] for name in purebp.__all__
                if hasattr(getattr(purebp, name), "__module__"))
    assert homes | {"__init__", "svg", "notebook", "narration"} <= set(STUBS)


def test_the_package_stub_lists_the_top_level_names():
    with open(os.path.join(PACKAGE, "__init__.pyi"), encoding="utf-8") as f:
        tree = ast.parse(f.read())
    imported = set()
    listed = None
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            imported.update(alias.asname for alias in node.names)
        elif isinstance(node, ast.Assign) and node.targets[0].id == "__all__":
            listed = ast.literal_eval(node.value)
    assert listed == purebp.__all__
    assert set(purebp.__all__) <= imported


def test_flit_ships_the_stubs_and_py_typed():
    """flit packs every file of the package folder; nothing excludes these."""
    with open(os.path.join(ROOT, "pyproject.toml"), encoding="utf-8") as f:
        pyproject = f.read()
    assert 'build-backend = "flit_core.buildapi"' in pyproject
    assert "exclude" not in pyproject


def test_the_typing_example_runs():
    done = subprocess.run([sys.executable, EXAMPLE], cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True,
                          env=dict(os.environ, PYTHONPATH=ROOT))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("typing example: ran")


def mypy(args, tmp_path, cache=True):
    try:
        import mypy  # noqa: F401
    except ImportError:
        if os.environ.get("PUREBP_REQUIRE_MYPY") == "1":
            pytest.fail("mypy is required here (python -m pip install mypy)")
        pytest.skip("mypy is not installed (python -m pip install mypy)")
    cache = ["--cache-dir", str(tmp_path / "cache")] if cache else []
    return subprocess.run([sys.executable, "-m"] + args + cache,
                          cwd=str(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True,
                          env=dict(os.environ, MYPYPATH=ROOT, PYTHONPATH=ROOT))


@pytest.mark.long      # mypy / nbclient: run by .ci/run (python -m pytest -m long)
@pytest.mark.needs_processes
def test_mypy_strict_passes_on_a_program_that_uses_the_api(tmp_path):
    done = mypy(["mypy", "--strict", EXAMPLE], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("Success: no issues found in 1 source file")


@pytest.mark.long      # mypy / nbclient: run by .ci/run (python -m pytest -m long)
@pytest.mark.needs_processes
def test_mypy_sees_the_real_types_not_any(tmp_path):
    wrong = tmp_path / "wrong.py"
    wrong.write_text('import purebp\n'
                     'X, y = purebp.load_data("seed")\n'
                     'result = purebp.train(X, y, layers="3,1")\n'
                     'outputs: str = purebp.predict(result.weights, X)\n'
                     'story: int = purebp.explain(X, y)\n', encoding="utf-8")
    done = mypy(["mypy", "--strict", str(wrong)], tmp_path)
    assert done.returncode == 1
    assert 'wrong.py:3: error: Argument "layers" to "train" has incompatible type "str"' \
        in done.stdout
    assert 'wrong.py:4: error: Incompatible types in assignment (expression has type ' \
        '"list[list[float]]", variable has type "str")' in done.stdout
    assert 'wrong.py:5: error: Incompatible types in assignment (expression has type "Story"' \
        in done.stdout


@pytest.mark.long      # mypy / nbclient: run by .ci/run (python -m pytest -m long)
@pytest.mark.needs_processes
def test_the_stubs_match_the_modules(tmp_path):
    """mypy's stubtest imports each module and compares every public name and
    signature with its stub: a stub cannot drift from the code."""
    modules = ["purebp." + name for name in STUBS if name != "__init__"]
    done = mypy(["mypy.stubtest", "--concise"] + modules, tmp_path, cache=False)
    assert done.returncode == 0, done.stdout + done.stderr
