"""The command line, run as a user runs it: as a program, or in this process."""

import json
import os
import subprocess
import sys

import pytest

import inprocess

pytestmark = pytest.mark.needs_processes

from conftest import TOLERANCE, deviation, load_reference

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def program(*args):
    """``python -m purebp ARGS`` as a program of its own."""
    env = dict(os.environ, PYTHONPATH=ROOT, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-S", "-m", "purebp"] + list(args), cwd=ROOT, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)


def purebp(*args):
    """The same, in this process (tests/inprocess.py), where it is quicker: the
    default run, and a sample of help and usage errors, run as programs too."""
    return inprocess.purebp(args)


def test_default_run_prints_the_numpy_programs_stdout_byte_for_byte():
    done = program()
    assert done.returncode == 0, done.stderr
    assert done.stdout == load_reference("expanded_seed1")["stdout"]
    assert done.stderr == ""


# Seed 0's default run, a second: under the long marker (.ci/run), as is
# test_references' in-process check of seed 0.
@pytest.mark.long
def test_seed_changes_the_seed():
    done = purebp("--seed", "0")
    assert done.returncode == 0
    assert done.stdout == load_reference("expanded_seed0")["stdout"]


def test_train_json_is_one_object_agreeing_with_numpy():
    ref = load_reference("xor_3_4_1_lr10")
    done = purebp("train", "--data", "xor", "--layers", "3,4,1", "--seed", "1",
                  "--iterations", "10000", "--lr", "10", "--every", "1000",
                  "--metric", "sse", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert sorted(result) == ["history", "layers", "outputs", "path", "weights"]
    assert result["path"] == "compiled"
    assert result["layers"] == [3, 4, 1]
    assert deviation(result["weights"], ref["weights"]) <= TOLERANCE
    assert deviation(result["outputs"], ref["outputs"]) <= TOLERANCE
    assert deviation(result["history"], ref["history"]) <= TOLERANCE


def test_train_prints_history_weights_and_outputs():
    done = purebp("train", "--data", "xor", "--layers", "3,4,1", "--iterations", "300",
                  "--every", "100", "--metric", "mae")
    assert done.returncode == 0, done.stderr
    assert "iteration  mae" in done.stdout
    assert "syn[0] (3 x 4):" in done.stdout and "syn[1] (4 x 1):" in done.stdout


HELP = [["--help"], ["train", "--help"], ["explain", "--help"], ["gradcheck", "--help"],
        ["--version"]]


def as_programs(rows, quick):
    """``rows`` for a test that starts a program per row: the rows numbered in
    ``quick`` in the default run, the others under ``-m long``. (Each row also
    runs in this process, in the default run, where it is quicker.)"""
    return [row if i in quick else pytest.param(*(row if isinstance(row, tuple) else (row,)),
                                                marks=pytest.mark.long)
            for i, row in enumerate(rows)]


@pytest.mark.parametrize("args", HELP)
def test_help_everywhere(args):
    done = purebp(*args)
    assert done.returncode == 0
    assert "purebp" in done.stdout


@pytest.mark.parametrize("args", as_programs(HELP, {0}))
def test_help_everywhere_as_a_program(args):
    done = program(*args)
    assert done.returncode == 0
    assert "purebp" in done.stdout


USAGE_ERRORS = [
    (["train", "--layers", "3,,1"], "'3,,1' is not a list"),
    (["train", "--layers", "2,1"], "the first size is 2"),
    (["train", "--lr", "fast"], "invalid float value"),
    (["train", "--lr", "-1"], "lr: -1.0"),
    (["train", "--lr", "nan"], "lr: nan"),
    (["train", "--iterations", "0"], "iterations: 0"),
    (["train", "--iterations", "-5"], "invalid whole number value"),
    (["train", "--data", "wine"], "neither a built-in data set"),
    (["train", "--loss", "l1"], "invalid choice: 'l1'"),
    (["train", "--unknown"], "unrecognized arguments"),
    (["bogus"], "invalid choice: 'bogus'"),
    (["--seed", "4294967296"], "seed: 4294967296 is out of range"),
    (["--seed", "x"], "invalid whole number value"),
]


def assert_usage_error(done, words):
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert words in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("args, words", USAGE_ERRORS)
def test_usage_errors_are_one_line_exit_2_no_traceback(args, words):
    assert_usage_error(purebp(*args), words)


# As programs: a command's own check, an argparse error and a top-level
# flag's in the default run; the whole table under -m long.
@pytest.mark.parametrize("args, words", as_programs(USAGE_ERRORS, {3, 8, 11}))
def test_usage_errors_as_a_program(args, words):
    assert_usage_error(program(*args), words)


def test_explain_runs_and_narrates():
    done = purebp("explain", "--data", "xor", "--layers", "3,4,1")
    assert done.returncode == 0, done.stderr
    assert "l1_error = l2_delta·syn1.T" in done.stdout
    chinese = purebp("explain", "--lang", "zh-CN")
    assert chinese.returncode == 0 and "链式法则" in chinese.stdout


def test_explain_follows_a_chinese_locale():
    env = dict(os.environ, PYTHONPATH=ROOT, LC_ALL="zh_CN.UTF-8", PYTHONIOENCODING="utf-8")
    done = subprocess.run([sys.executable, "-S", "-m", "purebp", "explain"], cwd=ROOT, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    assert done.returncode == 0 and "讲解" in done.stdout


def test_explain_json_is_one_object():
    done = purebp("explain", "--json")
    assert done.returncode == 0
    assert len(json.loads(done.stdout)["quantities"]) == 13


@pytest.mark.parametrize("args", [[], ["--data", "xor", "--layers", "3,4,1", "--loss", "sse"],
                                  ["--data", "xor", "--layers", "3,5,4,1", "--at", "100"]])
def test_gradcheck_passes_with_exit_0(args):
    done = purebp("gradcheck", *args)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "worst relative error" in done.stdout and done.stdout.rstrip().endswith("(threshold 1e-06)")


# --- the conventions and mini-batches (issue 11) -------------------------------------------

@pytest.mark.parametrize("name, flags", [
    ("xor_3_4_1_tanh", ["--activation", "tanh", "--iterations", "3000"]),
    ("xor_3_8_1_batch2", ["--batch-size", "2", "--epochs", "1000"]),
    ("xor_3_4_1_cross_entropy", ["--loss", "cross-entropy", "--iterations", "3000"]),
])
def test_train_json_agrees_with_numpy_for_each_convention(name, flags):
    ref = load_reference(name)
    done = purebp("train", "--data", "xor", "--layers", ",".join(str(n) for n in ref["layers"]),
                  "--seed", str(ref["seed"]), "--lr", repr(ref["lr"]), "--loss", ref["loss"],
                  "--every", str(ref["every"]), "--metric", ref["metric"], "--json",
                  *[f for f in flags if f not in ("--loss", ref["loss"])])
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["weights"] == ref["left_to_right"]["weights"]
    assert deviation(result["weights"], ref["weights"]) <= TOLERANCE
    assert deviation(result["history"], ref["history"]) <= TOLERANCE


def test_train_with_batches_reports_epochs_and_the_trained_weights(tmp_path):
    plot = str(tmp_path / "loss.svg")
    done = purebp("train", "--data", "xor", "--layers", "3,4,1", "--batch-size", "3",
                  "--epochs", "40", "--every", "10", "--activation", "tanh", "--plot", plot)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert ">epoch<" in open(plot, encoding="utf-8").read()
    assert "40 epochs in batches of 3 (80 steps)" in done.stdout
    assert "activation tanh" in done.stdout
    assert "    epoch  sse" in done.stdout and "  trained  " in done.stdout
    assert "l, the trained network's outputs:" in done.stdout


def test_softmax_from_a_csv_file_trains_saves_and_predicts(tmp_path):
    data = tmp_path / "classes.csv"
    data.write_text("x1,x2,no,yes\n0,0,1,0\n0,1,0,1\n1,0,0,1\n1,1,1,0\n", encoding="utf-8")
    model = str(tmp_path / "m.json")
    done = purebp("train", "--data", str(data), "--target", "no", "--target", "yes",
                  "--layers", "3,6,2", "--loss", "softmax", "--activation", "tanh",
                  "--batch-size", "2", "--epochs", "400", "--lr", "2", "--metric", "accuracy",
                  "--save", model, "--json")
    assert done.returncode == 0, done.stderr
    outputs = json.loads(done.stdout)["outputs"]
    saved = json.load(open(model, encoding="utf-8"))
    assert saved["activation"] == "tanh" and saved["loss"] == "softmax"
    assert saved["training"]["batch_size"] == 2 and saved["training"]["epochs"] == 400
    predicted = json.loads(purebp("predict", model, "0,0", "0,1", "1,0", "1,1",
                                  "--json").stdout)["predictions"]
    assert predicted == outputs           # exactly what training computed
    assert [round(row[1]) for row in predicted] == [0, 1, 1, 0]


def test_explain_and_gradcheck_take_the_conventions_and_the_batch():
    done = purebp("explain", "--data", "xor", "--layers", "3,4,1", "--activation", "relu",
                  "--loss", "cross-entropy", "--batch-size", "3", "--at", "2")
    assert done.returncode == 0, done.stderr
    assert "np.maximum(np.dot(l0, syn0), 0)" in done.stdout and "cancels" in done.stdout
    assert "rows = order[3:6]" in done.stdout
    check = purebp("gradcheck", "--data", "xor", "--layers", "3,4,1", "--activation", "tanh",
                   "--loss", "mse", "--batch-size", "2", "--at", "3", "--lr", "0.5")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "on its batch: rows" in check.stdout and "activation tanh" in check.stdout


def test_chain_rule_for_cross_entropy_shows_the_slope_cancel(tmp_path):
    out = str(tmp_path / "c.svg")
    done = purebp("draw", "--chain-rule", "-o", out, "--loss", "cross-entropy")
    assert done.returncode == 0, done.stderr
    text = open(out, encoding="utf-8").read()
    assert "d loss/d z = −(y − l) / n" in text and "cancels" in text
    assert "d l/d z = l(1 − l)" not in text


def test_help_says_which_loss_suits_which_task_and_where_to_start():
    text = purebp("train", "--help").stdout
    from purebp.losses import LOSS_NAMES
    for name in LOSS_NAMES + ("tanh", "relu", "--batch-size", "--epochs", "accuracy"):
        assert name in text, name
    assert "start with --lr" in text and "an epoch" in text


def test_draw_trains_with_the_conventions_and_batches(tmp_path):
    out = str(tmp_path / "net.svg")
    done = purebp("draw", "-o", out, "--data", "xor", "--layers", "3,4,1", "--activation",
                  "relu", "--loss", "cross-entropy", "--batch-size", "2", "--epochs", "20")
    assert done.returncode == 0, done.stderr
    assert open(out, encoding="utf-8").read().count('class="edge"') == 16


def test_each_commands_help_names_only_flags_it_has():
    """Shared flags share their help: it must not send a reader to a flag
    the command lacks (explain's --scale once spoke of --test-fraction)."""
    import argparse
    import re
    from purebp.cli import build_parser
    parser = build_parser()
    top = set(s for action in parser._actions for s in action.option_strings)
    commands = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)][0]
    named = 0
    for name, command in commands.choices.items():
        flags = top | set(s for action in command._actions for s in action.option_strings)
        for action in command._actions:
            mentioned = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", action.help or ""))
            assert mentioned <= flags, (name, action.option_strings, mentioned - flags)
            named += len(mentioned)
    assert named > 20
