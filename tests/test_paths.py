"""Which code trains: the compiled loop, or ``network.step`` where a learner watches.

Under a debugger (a trace function, as pdb and the IDEs set; on 3.12+ a
tool in sys.monitoring's debugger slot) and with ``fast=False``, ``train``
calls ``network.step`` every iteration, so a breakpoint there stops; the
result, and the command line's second line, say which path ran. ``train
--show-code`` prints the compiled loop.
"""

import json
import os
import subprocess
import sys

import pytest

import inprocess

from purebp import network, training
from purebp.datasets import load_data
from purebp.network import train

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STEP = network.step.__code__


def calls_of_step(run):
    """``run()`` under a trace function, as a debugger sets one: its result,
    and how many times ``network.step`` was entered (a breakpoint's hits)."""
    hits = []

    def tracer(frame, event, arg):
        if event == "call" and frame.f_code is STEP:
            hits.append(frame.f_lineno)
        return None                 # no line events needed: calls are enough

    before = sys.gettrace()
    sys.settrace(tracer)
    try:
        result = run()
    finally:
        sys.settrace(before)
    return result, len(hits)


def test_a_breakpoint_in_network_step_fires_every_iteration_during_train():
    X, y = load_data("xor")
    result, hits = calls_of_step(lambda: train(X, y, layers=[3, 4, 1], iterations=300))
    assert hits == 300
    assert result.path == "plain" and result.plain_reason == training.DEBUGGER
    # the same numbers as the compiled loop, run unwatched
    assert result.weights == train(X, y, layers=[3, 4, 1], iterations=300, fast=True).weights


def test_mini_batches_and_explain_call_network_step_under_a_debugger_too():
    X, y = load_data("xor")
    _, hits = calls_of_step(lambda: train(X, y, layers=[3, 4, 1], batch_size=2, epochs=5))
    assert hits == 10                                    # 5 epochs of 2 steps
    _, hits = calls_of_step(lambda: network.step_at(X, y, [3, 4, 1], at=50))
    assert hits == 49                                    # the 49 steps before the 50th


@pytest.mark.skipif(training.debugger_on(), reason="these tests run under a debugger")
def test_unwatched_train_runs_the_compiled_loop_and_says_so():
    X, y = load_data("xor")
    result, hits = calls_of_step_unwatched(X, y)
    assert result.path == "compiled" and result.plain_reason is None
    assert hits == 1             # only the last iteration, whose outputs train returns


def calls_of_step_unwatched(X, y):
    """Count calls of ``network.step`` without a trace function: by wrapping it."""
    hits = []
    original = training.step

    def counted(*args, **kwargs):
        hits.append(1)
        return original(*args, **kwargs)

    training.step = counted
    try:
        result = train(X, y, layers=[3, 4, 1], iterations=300)
    finally:
        training.step = original
    return result, len(hits)


def test_the_plain_path_says_why():
    X, y = load_data("xor")
    cases = [({"fast": False}, training.ASKED),
             ({"iterations": 1}, "one iteration compiles nothing"),
             ({"batch_size": 2, "epochs": 3, "iterations": None, "fast": False}, training.ASKED)]
    for kwargs, why in cases:
        settings = dict({"layers": [3, 4, 1], "iterations": 20}, **kwargs)
        result = train(X, y, **settings)
        assert (result.path, result.plain_reason) == ("plain", why), kwargs
    batches = train(X, y, layers=[3, 4, 1], batch_size=2, epochs=3)
    assert (batches.path, batches.plain_reason) == ("compiled", None)


@pytest.mark.needs_processes
def test_show_code_with_batches_is_the_row_looped_form():
    done = purebp("train", "--show-code", "--data", "xor", "--layers", "3,4,1",
                  "--batch-size", "2")
    assert done.returncode == 0, done.stderr
    compile(done.stdout, "show-code", "exec")
    assert "def forward(w, rows):" in done.stdout
    assert "# In batches of 2 rows: each step runs these functions on one batch's rows," \
        in done.stdout
    assert "network.step does not run" in done.stdout           # every step is loop.step
    assert "network.step runs the last one" not in done.stdout


def test_a_convention_without_compiled_code_is_named():
    X, y = load_data("xor")
    loop, why = training.build_loop(X, y, [3, 4, 1], 1.0, "half-sse", "no-such-activation")
    assert loop is None and why == "the compiled loop has no code for the activation " \
                                   "no-such-activation"
    loop, why = training.build_loop(X, y, [3, 4, 1], 1.0, "no-such-loss", "sigmoid")
    assert loop is None and why == "the compiled loop has no code for the loss no-such-loss"


def test_coverage_and_profilers_are_not_debuggers():
    before = sys.gettrace()
    for module in ("coverage", "coverage.pytracer"):   # its C tracer's type, its Python one's
        coverage_tracer = type("CTracer", (), {"__module__": module,
                                               "__call__": lambda self, *args: None})()
        sys.settrace(coverage_tracer)
        try:
            assert not training.debugger_on()
        finally:
            sys.settrace(before)
    sys.setprofile(lambda *args: None)          # cProfile's kind of hook
    try:
        assert not training.debugger_on()
    finally:
        sys.setprofile(None)
    sys.settrace(lambda *args: None)            # pdb's kind
    try:
        assert training.debugger_on()
    finally:
        sys.settrace(before)


@pytest.mark.skipif(not hasattr(sys, "monitoring"), reason="sys.monitoring is Python 3.12+")
def test_a_debugger_in_sys_monitoring_is_a_debugger():
    monitoring = sys.monitoring
    if monitoring.get_tool(monitoring.DEBUGGER_ID) is not None:
        pytest.skip("a debugger holds sys.monitoring's slot already")
    assert not training.debugger_on()
    monitoring.use_tool_id(monitoring.DEBUGGER_ID, "a test's debugger")
    try:
        assert training.debugger_on()
        X, y = load_data("xor")
        assert train(X, y, layers=[3, 4, 1], iterations=20).path == "plain"
    finally:
        monitoring.free_tool_id(monitoring.DEBUGGER_ID)


# --- the command line -------------------------------------------------------------

def purebp(*args):
    env = dict(os.environ, PYTHONPATH=ROOT, PYTHONIOENCODING="utf-8")
    env.pop("PUREBP_DEBUG", None)
    return subprocess.run([sys.executable, "-S", "-m", "purebp"] + list(args), cwd=ROOT, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=300)


@pytest.mark.needs_processes
def test_trains_second_line_says_which_path_ran_and_how_to_get_the_other():
    common = ["train", "--data", "xor", "--layers", "3,4,1", "--iterations", "300"]
    lines = purebp(*common).stdout.splitlines()
    assert lines[1] == ("path: the compiled loop (--show-code prints it); --plain runs "
                        "network.step, the code in network.py")
    lines = purebp(*(common + ["--plain"])).stdout.splitlines()
    assert lines[1] == ("path: plain, network.step as network.py reads (--plain); leave out "
                        "--plain for the compiled loop, same numbers")
    # The rest in this process (tests/inprocess.py), where it is quicker.
    lines = inprocess.purebp(["train", "--data", "xor", "--layers", "3,4,1", "--activation",
                              "relu", "--batch-size", "2", "--epochs", "100"]).stdout.splitlines()
    assert lines[1].startswith("path: the compiled loop")        # every convention, batches too
    document = json.loads(inprocess.purebp(common + ["--json"]).stdout)
    assert document["path"] == "compiled"
    assert json.loads(inprocess.purebp(common + ["--json", "--plain"]).stdout)["path"] == "plain"
    assert inprocess.purebp(common + ["--quiet"]).stdout.startswith("final sse: ")


@pytest.mark.needs_processes
def test_the_debugger_path_from_the_command_line(tmp_path):
    """pdb with a breakpoint in network.step: it stops there, and the header says why.
    (pdb runs a script that runs the command line: ``python -m pdb -m purebp train
    --data ...`` is what a learner types, but Python 3.13.0's pdb takes the flags
    after ``-m purebp`` for its own and refuses them.)"""
    line = STEP.co_firstlineno
    source = network.__file__
    # the first line of step's body that runs: past the docstring
    with open(source, encoding="utf-8") as f:
        lines = f.read().splitlines()
    body = next(n for n in range(line, len(lines))
                if lines[n].strip() == "if checked is not True:") + 1
    commands = "break %s:%d\ncontinue\np checked\nclear 1\ncontinue\n" % (source, body)
    env = dict(os.environ, PYTHONPATH=ROOT, PYTHONIOENCODING="utf-8")
    script = tmp_path / "train_xor.py"
    script.write_text("import sys\nfrom purebp.__main__ import run\n"
                      "sys.argv = ['purebp', 'train', '--data', 'xor', '--layers', '3,4,1', "
                      "'--iterations', '200']\nsys.exit(run())\n")
    done = subprocess.run([sys.executable, "-m", "pdb", str(script)], input=commands,
                          cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=300)
    assert "step()\n-> if checked is not True:" in done.stdout, done.stdout
    assert ("path: plain, network.step as network.py reads, since a debugger is on: "
            "breakpoints there stop") in done.stdout, done.stdout


@pytest.mark.needs_processes
def test_show_code_prints_the_articles_lines_unrolled_as_python():
    done = purebp("train", "--show-code")
    assert done.returncode == 0 and done.stderr == ""
    text = done.stdout
    assert text.startswith("# purebp train --show-code: the loop train compiles for data seed, "
                           "layers 3,1, loss half-sse,")
    compile(text, "show-code", "exec")                  # the listing is Python
    code = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert code[0] == "def loop(flats, start, count, every, history, lr=lr):"
    # the article's four rows, each a z and an l, then the deltas and the update
    assert sum(1 for line in code if line.strip().startswith("l1_")) == 4
    assert "        w0_2_0 = w0_2_0 + (d0_0_0 + d0_1_0 + d0_2_0 + d0_3_0)" in code
    # it is the loop train runs: the same text as purebp.fast's
    from purebp.fast import compile_loop
    X, y = load_data("seed")
    assert text.endswith(compile_loop(X, y, [3, 1], 1.0, "half-sse").source)


@pytest.mark.needs_processes
def test_show_code_prints_the_row_looped_form_for_larger_data():
    done = purebp("train", "--data", "iris", "--loss", "sse", "--layers", "5,40,3",
                  "--show-code")
    assert done.returncode == 0, done.stderr
    assert "purebp/fast_rows.py's form" in done.stdout
    compile(done.stdout, "show-code", "exec")
    assert done.stdout.count("def forward(w, rows):") == 2


@pytest.mark.needs_processes
@pytest.mark.parametrize("args, words", [
    (["--show-code", "--plain"], "leave out --plain, which would have no effect"),
    (["--show-code", "--iterations", "5", "--json"], "leave out --iterations and --json"),
    (["--show-code", "--seed", "2"], "leave out --seed, which would have no effect"),
])
def test_show_code_where_there_is_none_says_why_in_one_line(args, words):
    from test_bad_input import error_patterns
    done = purebp("train", *args)
    lines = done.stderr.splitlines()
    assert done.returncode == 2 and done.stdout == "" and len(lines) == 1, done.stderr
    assert words in lines[0]
    assert [p for p in error_patterns() if p.search(lines[0])], \
        "docs/errors.md does not list: " + lines[0]


@pytest.mark.needs_processes
def test_help_lists_show_code_and_plain():
    text = purebp("train", "--help").stdout
    assert "--show-code" in text and "--plain" in text
