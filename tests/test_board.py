"""purebp on a microcontroller: package.json for mip, and MicroPython's unix port.

The unix port is the interpreter boards run. tools/test-everywhere builds it
from the vendored source (tools/board_runner.py) and runs every check of
issue 13 there: the board tests, mip, the smallest heaps. Here, the tests
that need it run where it has been built (``.cache/micropython/``, or
``$PUREBP_MICROPYTHON``) and are skipped, with that reason, where not.
"""

import json
import os
import shutil
import subprocess
import sys

import pytest

import purebp

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import board_runner  # noqa: E402

# What a board cannot run (csv, tempfile, argparse...): the command line and
# its helpers (its flags, streams, CSV columns, the diagnosis of a failed
# run, the reports it prints, the code --show-code shows), files, saved
# models, pictures, the browser page. Everything else is the core.
NOT_ON_A_BOARD = {"cli.py", "cliargs.py", "streams.py", "columns.py", "diagnosis.py", "files.py",
                  "model.py", "model_check.py", "csvdata.py", "chart.py", "svg.py", "report.py",
                  "listing.py", "notebook.py", "page.py", "page_address.py", "webserver.py",
                  "textwidth.py"}


def package_json():
    with open(os.path.join(ROOT, "package.json"), encoding="utf-8") as f:
        return json.load(f)


def test_package_json_lists_every_core_module_for_mip():
    document = package_json()
    core = sorted("purebp/" + name for name in os.listdir(os.path.join(ROOT, "purebp"))
                  if name.endswith(".py") and name not in NOT_ON_A_BOARD)
    assert [url for target, url in document["urls"]] == core
    assert [target for target, url in document["urls"]] == core
    assert document["version"] == purebp.__version__
    assert document.get("deps", []) == []


# The imports of a board's modules that name a module a board does not hold,
# and why a board never runs them.
OFF_THE_BOARD_IMPORTS = {
    ("__main__", "cli"): "CPython's command line; MicroPython runs minicli",
    ("__main__", "streams"): "guarded: MicroPython names the program itself",
    ("checks", "files"): "file_path, moved to files; only file code asks for it",
    ("network", "notebook"): "a Training's picture, asked for by a notebook",
    ("gradcheck", "notebook"): "a gradient check's picture, asked for by a notebook",
    ("narration", "notebook"): "an explanation's picture, asked for by a notebook",
}


def test_a_boards_modules_import_only_what_a_board_holds():
    """Every import of the package's own modules, anywhere in a board's
    modules (in functions too: they run later, on the board), names a
    module package.json installs, or is one a board never reaches. Before,
    budget's refusal of endless work loaded chart, not on a board: the
    refusal was an ImportError there."""
    import ast
    board = {os.path.basename(target)[:-3] for target, url in package_json()["urls"]}
    found = []
    for name in sorted(board):
        with open(os.path.join(ROOT, "purebp", name + ".py"), encoding="utf-8") as f:
            tree = ast.parse(f.read())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                wanted = [node.module] if node.module else [a.name for a in node.names]
                for module in wanted:
                    module = module.split(".")[0]       # (a name such as _let_go has no file)
                    is_module = os.path.exists(os.path.join(ROOT, "purebp", module + ".py"))
                    if is_module and module not in board:
                        found.append((name, module))
    assert sorted(set(found)) == sorted(OFF_THE_BOARD_IMPORTS)


def mpy_cross_is_built():
    """Whether board_runner.mpy_cross() has one without building it: one
    built from the vendored source, or, where there is no source, one on PATH."""
    if board_runner.vendor_tarball() is None:
        return shutil.which("mpy-cross") is not None
    return os.path.exists(os.path.join(board_runner.SOURCE, "mpy-cross", "build", "mpy-cross"))


# Building mpy-cross from the vendored source takes 40 s of CPU: in the default
# run, only where it is built already; -m long (CI) builds it where it can.
@pytest.mark.parametrize("build", [False, pytest.param(True, marks=pytest.mark.long)],
                         ids=["if-built", "building-it"])
def test_the_mpy_package_lists_mpy_files(tmp_path, build):
    if not build and not mpy_cross_is_built():
        pytest.skip("mpy-cross is not built here (tools/board_runner.py builds it; so does "
                    "python -m pytest -m long)")
    try:
        board_runner.mpy_package(str(tmp_path))
    except board_runner.Unavailable as why:
        pytest.skip("no mpy-cross: %s" % why)
    with open(str(tmp_path / "package.json"), encoding="utf-8") as f:
        urls = json.load(f)["urls"]
    assert all(url.endswith(".mpy") and (tmp_path / url).exists() for target, url in urls)
    assert len(urls) == len(package_json()["urls"])


def unix_port(build="32"):
    """The built unix port, or a skip saying why there is none."""
    path = os.environ.get("PUREBP_MICROPYTHON") or os.path.join(
        board_runner.SOURCE, "ports", "unix", board_runner.BUILDS[build][1], "micropython")
    if not os.path.exists(path):
        pytest.skip("MicroPython's unix port is not built here (tools/board_runner.py build, "
                    "or PUREBP_MICROPYTHON=path/to/micropython)")
    return path


@pytest.fixture(scope="session")
def staged(tmp_path_factory):
    """``staged(mpy=True)``: a folder with purebp staged in it (as .mpy files,
    or .py), staged once a session: mpy-cross compiles every module each time
    (a fifth of a second), and the runs read the folder, never write to it.
    Call unix_port() first: where nothing is built, the test skips before
    mpy-cross would be built."""
    folders = {}

    def staged(mpy=True):
        if mpy not in folders:
            folder = tmp_path_factory.mktemp("staged-mpy" if mpy else "staged-py")
            folders[mpy] = board_runner.stage(str(folder), mpy=mpy)
        return folders[mpy]
    return staged


def on_the_unix_port(staged, program, heap=None, mpy=True):
    """The output lines of ``program``, run by the 32-bit unix port on purebp
    staged by ``staged`` (as .mpy files, or .py), found as a board finds it
    (``board_runner.board_folder``); it must exit with 0."""
    binary = unix_port()
    path = staged(mpy)
    done = board_runner.run(binary, ["-c", program], heap=heap, path=board_runner.BOARD_PATH,
                            cwd=board_runner.board_folder(path))
    assert done.code == 0, done.stderr
    return done.stdout.splitlines()


# Five seconds each, with a local server: in .ci/run's long tests, not the README's command.
@pytest.mark.long
@pytest.mark.needs_processes
@pytest.mark.parametrize("mpy", [False, True], ids=["py", "mpy"])
def test_mip_installs_purebp_from_a_local_server_and_the_default_run_is_numpys(mpy):
    binary = unix_port()
    if mpy:
        unix_port()     # mpy-cross is built with it
    works, note = board_runner.mip_install(binary, mpy=mpy)
    assert works, note


# tools/test-everywhere runs them on every unix build, .py and .mpy (.ci/run), and
# test_the_board_tests_pass_on_this_python on CPython: a cross-check, seconds long.
@pytest.mark.long
@pytest.mark.needs_processes
def test_the_board_tests_pass_on_the_unix_port(tmp_path):
    binary = unix_port()
    board_runner.stage(str(tmp_path))
    passed, failed, failures = board_runner.board_tests(binary, str(tmp_path))
    assert failed == 0 and passed > 0, failures


@pytest.mark.long
@pytest.mark.needs_processes
@pytest.mark.parametrize("target", ["default", "check", "trask"])
def test_the_targets_that_hold_hold_in_their_heap(staged, target):
    """Issue 13's heaps (32-bit, .mpy files) for the default run (48 KB),
    check (64 KB) and Trask's network at the compiled loop's speed (64 KB):
    a change that makes one miss fails here (in .ci/run's long tests: they
    take seconds each), before the table says MISSED."""
    binary = unix_port()
    path = staged(mpy=True)
    limit = board_runner.TARGETS[target][2]
    cpu_limit = None
    if target == "trask":
        works, note, large = board_runner.attempt(binary, path, target,
                                                  board_runner.LARGE_HEAP)
        assert works, note
        cpu_limit = 2 * large.cpu
    works, note, _ = board_runner.attempt(binary, path, target, limit * 1024, cpu_limit)
    assert works, "%s at %d KB: %s" % (target, limit, note)


@pytest.mark.needs_processes
@pytest.mark.xfail(strict=True, reason="issue 13's 32 KB target for train is missed since the "
                   "merge of main's conventions (38.5 to 40.5 KB in the 32-bit build with .mpy "
                   "files, 31 KB before it): open work")
def test_the_article_trains_in_a_32_kb_heap_with_numpys_numbers(staged):
    binary = unix_port()
    works, note, _ = board_runner.attempt(binary, staged(mpy=True), "train", 32 * 1024)
    assert works, note


@pytest.mark.needs_processes
def test_dir_of_the_package_imports_only_its_own_modules_on_the_unix_port(staged):
    """MicroPython's dir() asks a module for every name it knows: the package
    imports no ``purebp.append`` or ``purebp./``, and a 96 KB heap holds it."""
    program = ("import purebp, sys\nnames = dir(purebp)\n"
               "print(sorted(m for m in sys.modules if m.startswith('purebp')))\n"
               "print('/' in names, 'train' in names, 'load_data' in names)\n")
    modules, flags = on_the_unix_port(staged, program, heap=96 * KB)
    files = {name.split(".")[0] for name in os.listdir(os.path.join(staged(), "purebp"))}
    assert {m.split(".", 1)[1] for m in eval(modules) if "." in m} <= files, modules
    assert flags == "False True True"


@pytest.mark.needs_processes
def test_star_import_takes_what_a_board_has_from_a_whole_copy(tmp_path):
    """``from purebp import *`` on MicroPython, with every file of the package
    copied (``mpremote cp -r``): everything but the saved models' names,
    which need os.stat and tempfile (MicroPython has neither)."""
    binary = unix_port()
    board_runner.stage(str(tmp_path), package=os.path.dirname(purebp.__file__))
    program = ("from purebp import *\nimport purebp\n"
               "print(sorted(set(purebp._HOME) - set(purebp.__all__)))\n"
               "print(train(*load_data('seed'), iterations=100, every=0).weights)\n")
    done = board_runner.run(binary, ["-c", program], path=str(tmp_path), cwd=str(tmp_path))
    assert done.code == 0, done.stderr
    missing, weights = done.stdout.splitlines()
    assert missing == "['Model', 'load', 'save']"
    assert weights == str(purebp.train(*purebp.load_data("seed"), iterations=100,
                                       every=0).weights)


@pytest.mark.needs_processes
def test_a_board_lets_go_of_the_checks_and_the_random_start_once_training_runs(staged):
    """On a board, ``train`` lets go of the modules it needs only before the
    loop (and ``purebp.fast`` of its writers); the next call imports them again
    and gives the same numbers, and ``predict`` still checks its arguments."""
    program = ("import gc, purebp, sys\nX, y = purebp.load_data('xor')\n"
               "first = purebp.train(X, y, layers=[3, 4, 1], iterations=300, every=0)\n"
               "print(sorted(m for m in sys.modules if m.startswith('purebp.')))\n"
               "again = purebp.train(X, y, layers=[3, 4, 1], iterations=300, every=0)\n"
               "print(first.weights == again.weights, first.path, again.path)\n"
               "try:\n    purebp.predict(first.weights, [[0, 1]])\n"
               "except purebp.PurebpError as error:\n    print(error)\n"
               # every kind of training, twice: the second round keeps no more memory
               "def every_kind():\n"
               "    purebp.train(X, y, layers=[3, 4, 1], iterations=300, every=100,\n"
               "                 held_out=(X, y))\n"
               "    purebp.train(X, y, layers=[3, 4, 1], batch_size=2, epochs=20, every=5,\n"
               "                 held_out=(X, y))\n"
               "    purebp.train(X, y, layers=[3, 4, 1], iterations=300, fast=False)\n"
               "    gc.collect()\n"
               "    return gc.mem_alloc()\n"
               "print(every_kind() - every_kind())\n")
    modules, same, refused, grown = on_the_unix_port(staged, program)
    loaded = {m.split(".", 1)[1] for m in eval(modules)}
    assert loaded & {"checks", "budget", "batches", "random_start", "fast", "fast_code",
                     "fast_unrolled", "fast_rows"} == set(), modules
    assert {"network", "training", "fast_loop"} <= loaded, modules
    assert same == "True compiled compiled"
    assert refused == "predict: X has 2 columns, but the network takes 3 inputs"
    assert abs(int(grown)) < 1024, "the second round kept %s bytes more" % -int(grown)


# Seconds on the unix port: in .ci/run's long tests.
@pytest.mark.long
@pytest.mark.needs_processes
@pytest.mark.parametrize("data, settings, path", [
    ("seed", "iterations=100000, every=100", "compiled"),
    ("seed", "iterations=20000, every=20, fast=False", "plain"),
    ("xor", "layers=[3, 4, 1], batch_size=2, epochs=4000, every=4", "compiled")],
    ids=["compiled", "plain", "mini-batches"])
def test_a_thousand_reports_fit_a_heap_that_holds_them(staged, data, settings, path):
    """Each report kept, a board collects the garbage (training._tidy): the
    reports then lie together at the heap's low end, and the list that holds
    them finds room to grow. Before, each of these failed in a 128 KB heap
    (a MemoryError for 1256 or 2048 bytes), with room enough in pieces."""
    program = ("import purebp\nX, y = purebp.load_data(%r)\nr = purebp.train(X, y, %s)\n"
               "print(len(r.history), r.path)\n" % (data, settings))
    assert on_the_unix_port(staged, program, heap=128 * 1024) == ["1000 " + path]


@pytest.mark.needs_processes
def test_a_board_keeps_the_checks_it_compiled_from_py_files(staged):
    """Compiled on the board from .py files, the argument checks stay loaded:
    compiling them again at every call would take more room than it frees.
    The compiled loop's writers, large and used once a training, still go."""
    program = ("import purebp, sys\nX, y = purebp.load_data('xor')\n"
               "purebp.train(X, y, layers=[3, 4, 1], iterations=300, every=0)\n"
               "print(sorted(m[7:] for m in sys.modules if m.startswith('purebp.')))\n")
    loaded = set(eval(on_the_unix_port(staged, program, mpy=False)[0]))
    assert {"checks", "budget", "batches", "random_start"} <= loaded
    assert loaded & {"fast", "fast_code", "fast_unrolled"} == set()


@pytest.mark.needs_processes
def test_a_board_keeps_the_modules_loaded_before_training(staged):
    """What ``train`` lets go is only what it loaded itself: a module loaded
    before (by the user, or by explain and gradient_check) stays, with the
    objects and settings the user holds in it, and is never loaded twice."""
    program = ("import purebp, sys\nimport purebp.random_start as rs\nimport purebp.batches\n"
               "X, y = purebp.load_data('xor')\ng = purebp.MT19937(1)\n"
               "purebp.batches.DEFAULT_EPOCHS = 50\n"
               "purebp.explain(X, y, layers=[3, 4, 1])\n"
               "purebp.gradient_check(purebp.initial_weights([3, 4, 1], 1), X, y)\n"
               "epochs = [purebp.train(X, y, layers=[3, 4, 1]).settings['epochs'] "
               "for _ in range(3)]\n"
               "import purebp.random_start as again\n"
               "print(epochs, rs is again, isinstance(g, again.MT19937), "
               "purebp.MT19937 is again.MT19937)\n"
               "print(sys.modules['purebp.narration'].checks is sys.modules['purebp.checks'], "
               "sys.modules['purebp.gradcheck'].budget is sys.modules['purebp.budget'])\n")
    assert on_the_unix_port(staged, program) == ["[50, 50, 50] True True True", "True True"]


@pytest.mark.needs_processes
def test_the_board_tests_pass_on_this_python():
    """tools/board_tests.py is plain Python: CPython runs it too."""
    import subprocess
    done = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "board_tests.py")],
                          stdout=subprocess.PIPE, universal_newlines=True,
                          env=dict(os.environ, PYTHONPATH=ROOT))
    assert done.returncode == 0, done.stdout
    assert done.stdout.splitlines()[-1].endswith("passed, 0 failed")


KB = board_runner.KB


def heap_search(smallest, hint, limit=32 * KB):
    """board_runner's search above a missed limit, on a make-believe target
    that works from ``smallest`` bytes up: (figure, the heaps it tried)."""
    tried = []

    def works_at(heap):
        tried.append(heap)
        return heap >= smallest, "", board_runner.Run(0, "", "", heap)

    heap, _ = board_runner._search_above(works_at, limit, hint)
    return heap, tried


@pytest.mark.parametrize("hint", [None, 40 * KB, 66 * KB, 66.5 * KB, 80 * KB, 600 * KB])
def test_the_search_above_a_missed_limit_finds_the_edge_from_any_hint(hint):
    heap, tried = heap_search(int(66.5 * KB), int(hint) if hint else None)
    assert heap == 66.5 * KB
    assert len(tried) <= 20          # bisection from the limit to 1 MB: 12


def test_a_hint_on_the_edge_takes_two_runs():
    assert heap_search(int(66.5 * KB), int(66.5 * KB)) == (66.5 * KB, [66.5 * KB, 66 * KB])


def test_nothing_found_up_to_the_largest_heap():
    assert heap_search(board_runner.MAX_HEAP + KB, None)[0] is None
    assert heap_search(board_runner.MAX_HEAP + KB, 100 * KB)[0] is None


@pytest.mark.long        # burns a whole second of CPU: RLIMIT_CPU counts in seconds
@pytest.mark.needs_processes
def test_a_run_past_its_cpu_limit_is_stopped():
    pytest.importorskip("resource")
    result = board_runner.run("/bin/sh", ["-c", "while :; do :; done"], cpu_limit=0.5,
                              timeout=60)
    assert result.code == board_runner.CPU_STOPPED
    assert 0.5 < result.cpu < 5


@pytest.mark.needs_processes
def test_output_that_cannot_be_written_is_one_line_on_the_unix_port(staged):
    """As on CPython: a full disk is one line and exit code 1; a reader that
    goes away (``| head -1``) is no error."""
    binary = unix_port()
    path = staged(mpy=True)
    env = dict(os.environ, MICROPYPATH=path)
    for command in (["-m", "purebp"], ["-m", "purebp", "check"]):
        with open("/dev/full", "w") as full:
            done = subprocess.run([binary] + command, stdout=full, stderr=subprocess.PIPE,
                                  cwd=path, env=env, universal_newlines=True)
        prog = " ".join(["purebp"] + command[2:])       # purebp, purebp check: as on CPython
        assert done.returncode == 1
        assert done.stderr == ("%s: error: cannot write the output: No space left on "
                               "device\n" % prog)
        closed = subprocess.run([binary] + command, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, cwd=path, env=env,
                                universal_newlines=True, pass_fds=(),
                                preexec_fn=lambda: os.close(1))
        assert closed.returncode == 2
        assert closed.stderr == ("%s: error: standard output is closed; to discard it, send "
                                 "it to /dev/null (>/dev/null), not nowhere (>&-)\n" % prog)
        reader = subprocess.Popen([binary] + command, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, cwd=path, env=env)
        reader.stdout.readline()
        reader.stdout.close()           # as head -1 does
        assert reader.wait() == 0
        assert reader.stderr.read() == b""
        reader.stderr.close()


# The whole board-sized check on the unix port: 2 s on a quiet machine, 4 to 8 s on a
# busy one, the slowest test of the default run. In .ci/run's long tests, beside the
# heap it guards (check's 64 KB).
@pytest.mark.long
@pytest.mark.needs_processes
def test_the_board_sized_check_keeps_no_checks_or_draws_while_it_trains(staged):
    """The shuffle's checks load purebp.checks: check lets it go with the
    random start, and again after each training, as train does (it held
    2 KB through every scenario, and check missed its 64 KB)."""
    program = ("import purebp, sys\nfrom purebp import selfcheck\n"
               "results = selfcheck.self_check(board=True)\n"
               "print(sorted(m[7:] for m in sys.modules if m.startswith('purebp.')))\n"
               "print(max(d for name, d in results) <= selfcheck.TOLERANCE)\n")
    modules, ok = on_the_unix_port(staged, program)
    assert ok == "True"
    # (the last scenario, of mini-batches, leaves its generator's module: nothing trains after it)
    assert set(eval(modules)) & {"checks", "training", "metrics", "network_check",
                                 "selfcheck_data"} == set(), modules


@pytest.mark.needs_processes
def test_the_small_command_line_reads_words_as_the_full_one_on_the_unix_port(staged, tmp_path):
    """Every word of tests/test_minicli.py, read by minicli's reader on the
    unix port (whose int, repr and str differ from CPython's): as CPython's
    full command line reads them, message for message."""
    from test_minicli import CASES, agree, compared, full
    if sys.version_info < (3, 11):
        pytest.skip("argparse before 3.11 reads some words its own way (test_minicli.py)")
    # (as UTF-8: MicroPython's json reads \ud83d\ude00 as two characters)
    (tmp_path / "cases.json").write_text(json.dumps(CASES, ensure_ascii=False), encoding="utf-8")
    program = ("import json, sys\nfrom purebp.miniargs import read\n"
               "miniargs = sys.modules['purebp.miniargs']\n"
               "said = {}\n"
               "def capture(*words, file=None):\n"
               "    key = 'err' if file else 'out'\n"
               "    said[key] = said.get(key, '') + ' '.join(words) + '\\n'\n"
               "miniargs.print = capture\n"
               "for words in json.load(open(%r)):\n"
               "    said.clear()\n"
               "    result = miniargs.read(words)\n"
               "    code = None if isinstance(result, tuple) else result\n"
               "    print(json.dumps([code, list(result) if code is None else said.get('out', ''),"
               " said.get('err', '')]))\n") % str(tmp_path / "cases.json")
    lines = on_the_unix_port(staged, program)
    read = [tuple(json.loads(line)) for line in lines]
    assert len(read) == len(CASES)
    differ = [(words, full(words), ours) for words, ours in zip(CASES, read)
              if words in compared(CASES) and not agree(words, full(words), ours)]
    assert differ == []


@pytest.mark.needs_processes
def test_the_small_command_line_lets_go_of_its_reader_once_the_words_are_read(staged):
    """The default run and check do not hold the reader of the words (nor
    the number rule) in a board's heap: check has no KB to spare."""
    program = ("import sys\nfrom purebp.minicli import _read\n"
               "print(_read(['--seed=2']))\n"
               "print(sorted(m[7:] for m in sys.modules if m.startswith('purebp.')))\n")
    words, modules = on_the_unix_port(staged, program)
    assert words == "(None, 2)"
    assert modules == "['datasets', 'errors', 'minicli']"


@pytest.mark.long
@pytest.mark.needs_processes
def test_the_microcontroller_pages_example_runs_in_the_heap_it_gives(staged):
    """docs/microcontrollers.md's program (train, then predict), taken from the
    page, prints what the page shows at the 52 KB the page gives it."""
    import re
    with open(os.path.join(ROOT, "docs", "microcontrollers.md"), encoding="utf-8") as f:
        page = f.read()
    assert "runs this example at 52 KB" in page
    block = re.search(r"```python\n(>>> import purebp\n.*?)```", page, re.S).group(1)
    program, shown = [], []
    for line in block.splitlines():
        if line.startswith(">>> "):
            code = line[4:].split("  #")[0].rstrip()
            program.append(code if "=" in code.split("(")[0] or code.startswith("import")
                           else "print(%s)" % code)
        elif line:
            shown.append(line)
    assert len(shown) == 2
    assert on_the_unix_port(staged, "\n".join(program), heap=52 * 1024) == shown


@pytest.mark.needs_processes
def test_a_word_that_is_not_utf8_is_one_line_on_the_unix_port(staged):
    """MicroPython keeps the bytes of a word as they came; its string methods
    raised UnicodeError on some of them (--seed=\\xe9), a traceback."""
    binary = unix_port()
    path = staged(mpy=True)
    for word in (b"--seed=\xe9", b"-\xff", b"--seed\xff", b"\xff"):
        done = subprocess.run([binary, "-m", "purebp", word], cwd=path,
                              env=dict(os.environ, MICROPYPATH="."),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        assert done.returncode == 2, (word, done.stderr)
        assert done.stderr == (b"purebp: error: a word of the command line is not UTF-8 "
                               b"text (see 'purebp --help')\n"), (word, done.stderr)
