"""Issue 10, the command line's meaning, CSV data and models: no flag ignored,
the bias, constant columns, valid JSON, headers, models checked, messages.

Bad input runs as a user runs it, in a subprocess: one line, its exit code,
and a message docs/errors.md lists. The table here adds to
tests/test_bad_input.py's; the last test checks that every message written
in purebp's source is listed in docs/errors.md too.
"""

import ast
import json
import os
import re
import time

import pytest

import purebp
from purebp import PurebpError
from purebp.csvdata import read_csv
from purebp.model import Model, load, save
from purebp.network import measure
from purebp.scaling import MinMax

from test_bad_input import GOOD_MODEL, ROOT, Listed, assert_bad_input, error_patterns, run

pytestmark = pytest.mark.needs_processes


def model_text(**changes):
    document = json.loads(json.dumps(GOOD_MODEL))
    document.update(changes)
    return json.dumps(document)


def v2(**changes):
    """A version 2 model of CSV data with the bias: inputs a, b and bias."""
    document = {"format": "purebp-model", "version": 2, "purebp_version": "0.1.0",
                "layers": [3, 1], "activation": "sigmoid", "loss": "half-sse",
                "inputs": ["a", "b", "bias"], "targets": ["y"], "bias": True,
                "scaling": {"inputs": None, "targets": None},
                "weights": [[[0.5], [-0.25], [0.125]]], "training": {"seed": 1}}
    document.update(changes)
    return json.dumps(document)


# A network whose sums overflow for inputs of 10: inf - inf is NaN.
NAN_MODEL = model_text(layers=[3, 1], weights=[[[1e308], [-1e308], [0.0]]])

FILES = {
    "two.csv": "a,b,y\n0,0,0\n0,1,1\n1,0,1\n1,1,1\n",
    "three.csv": "a,b,c,y\n0,0,1,0\n0,1,0,1\n1,0,0,1\n1,1,1,1\n",
    "own_bias.csv": "a,b,bias,y\n0,0,1,0\n0,1,1,1\n1,0,1,1\n",
    "target_bias.csv": "a,b,bias\n0,0,1\n0,1,0\n",
    "ones_middle.csv": "a,one,b,y\n0,1,0,0\n0,1,1,1\n1,1,0,1\n",
    "houses.csv": "size,rooms,price\n50,2,150\n80,3,260\n120,4,400\n65,2,190\n100,3,310\n",
    "constant_target.csv": "a,b,y\n0,1,7\n1,5,7\n2,3,7\n",
    "constant_target_half.csv": "a,b,y\n0,1,0.5\n1,5,0.5\n",
    "typo_first_row.csv": "0.5,0.2,1O,1\n0.1,0.2,0.3,0\n",
    "typo_first_row_two.csv": "1O,1\n0.5,0\n",
    "labels.csv": "5.1,3.5,1.4,0.2,setosa\n4.9,3.0,1.4,0.2,setosa\n",
    "huge_range.csv": "a,b,y\n-1e308,0,0\n1e308,1,1\n",
    "tiny_range.csv": "a,b,y\n0,0,0\n1e-320,1,1\n",
    "big_values.csv": "a,b,y\n1e308,1e308,1\n0,0,0\n",
    "unclosed_quote.csv": 'a,b,y\n0,0,1\n0,"1,1\n',
    "unclosed_quote_short.csv": 'a,b\n0,"1\n',
    "after_quote.csv": 'a,b,y\n0,"1"x,1\n',
    "header_esc.csv": "a,b\x1b[31m,y\n0,0,1\n",
    "header_soh.csv": "a\x01,b,y\n0,0,1\n",
    "header_c1.csv": "a,b\x85,y\n0,0,1\n",
    "header_del.csv": "a,b\x7f,y\n0,0,1\n",
    "header_ls.csv": "a,b\u2028c,y\n0,0,1\n",
    "header_ps.csv": "a\u2029,b,y\n0,0,1\n",
    "header_nul.csv": "a,b\x00,y\n0,0,1\n",
    "header_tab.csv": "a,b\tc,y\n0,0,1\n",
    "cell_fs.csv": "a,b,y\n0,0,1\n0,1\x1c,1\n",
    # characters str.splitlines() breaks lines at, but editors do not
    "cell_ff.csv": "a,b,y\n0,0,1\n0,1\x0c,1\n1,x,1\n",
    "cell_vt.csv": "a,b,y\n0,0,1\n0,1\x0b,1\n1,x,1\n",
    "cell_gs.csv": "a,b,y\n0,0,1\n0,1\x1d,1\n1,x,1\n",
    "cell_rs.csv": "a,b,y\n0,0,1\n0,1\x1e,1\n1,x,1\n",
    "cell_nel.csv": "a,b,y\n0,0,1\n0,1\x85,1\n1,x,1\n",
    "cell_ls.csv": "a,b,y\n0,0,1\n0,1\u2028,1\n1,x,1\n",
    "after_ff.csv": "a,b,y\n0,0,1\x0c0\n0,x,1\n",
    "r_only.csv": "a,b,y\r0,0,1\r0,x,1\r",
    "inputs_typo.csv": "1,0\n1,1O\n",
    "inputs_header.csv": "b,a,other\n1,0,9\n0,1,9\n",
    "nan_model.json": NAN_MODEL,
    "good_v1.json": model_text(),
    "v1_constant_scaling.json": model_text(
        scaling={"inputs": {"min": [0, 0, 1], "max": [2, 4, 1]}, "targets": None}),
    "good_v2.json": v2(),
    "version_float.json": model_text(version=1.0),
    "version_float2.json": v2(version=2.0),
    "version_bool.json": model_text(version=True),
    "version_text.json": model_text(version="2"),
    "duplicate_inputs.json": model_text(inputs=["x1", "x1", "x3"]),
    "input_is_target.json": model_text(inputs=["x1", "x2", "y"]),
    "empty_name.json": model_text(inputs=["x1", "", "x3"]),
    "name_esc.json": model_text(inputs=["x1", "x\u001b[2J", "x3"]),
    "name_c1.json": model_text(targets=["y\u0085"]),
    "name_ls.json": model_text(inputs=["x1", "x2", "x\u2028"]),
    "name_del.json": model_text(targets=["\u007f"]),
    "name_surrogate.json": model_text().replace('"x2"', '"x\\ud800"'),
    "version_control.json": model_text(purebp_version="0.1\u001b"),
    "range_overflow.json": model_text(
        scaling={"inputs": {"min": [-1e308, 0, 0], "max": [1e308, 1, 1]}, "targets": None}),
    "range_overflow_targets.json": model_text(
        scaling={"inputs": None, "targets": {"min": [-1.7e308], "max": [1.7e308]}}),
    "range_tiny.json": model_text(
        scaling={"inputs": {"min": [0, 0, 0], "max": [1, 1e-320, 1]}, "targets": None}),
    "range_reversed.json": model_text(
        scaling={"inputs": {"min": [0, 5, 0], "max": [1, 1, 1]}, "targets": None}),
    "v2_no_bias_key.json": model_text(version=2),
    "v1_with_bias_key.json": model_text(bias=False),
    "bias_not_bool.json": v2(bias="yes"),
    "bias_not_last.json": v2(inputs=["a", "bias", "b"]),
    "bias_only.json": v2(layers=[1, 1], inputs=["bias"], weights=[[[0.5]]]),
    "v2_scaling_width.json": v2(scaling={"inputs": {"min": [0, 0, 0], "max": [1, 1, 1]},
                                         "targets": None}),
    "training_nested.json": model_text(training={"seed": [1, 2]}),
    "many_unknown.json": model_text()[:-1] + ", " + ", ".join(
        '"k%d": 0' % i for i in range(50)) + "}",
}

# (arguments, exit code, words the one line must contain)
CASES = [
    # 1: flags before the command
    (["--seed", "5", "train", "--seed", "6"], 2, "--seed is given twice, 5 before train and 6"),
    (["--seed", "5", "explain", "--seed", "7"], 2, "--seed is given twice"),
    (["--seed", "5", "gradcheck", "--seed", "7"], 2, "--seed is given twice"),
    (["--quiet", "predict", "{tmp}/good_v1.json", "1,0,1"], 2,
     "--quiet, given before predict, does not apply to it"),
    (["--seed", "2", "check"], 2, "--seed, given before check, does not apply to it"),
    (["--ascii", "explain"], 2, "--ascii, given before explain, does not apply to it"),
    (["--quiet", "draw", "-o", "{tmp}/n.svg"], 2, "--quiet, given before draw, does not apply"),
    (["--ascii", "gradcheck"], 2, "'purebp gradcheck' has no --ascii"),
    (["--quiet", "train", "--json"], 2, "--json prints one JSON object and nothing else; "
                                        "leave out --quiet"),
    (["--seed", "x", "train"], 2, "argument --seed: invalid whole number value: 'x'"),
    # 2: the bias
    (["train", "--data", "{tmp}/two.csv", "--layers", "2,4,1"], 2,
     "the first size is 2, but the data has 3 inputs: 2 input columns and the bias purebp "
     "adds (a constant 1); start --layers with 3, or add --no-bias"),
    (["explain", "--data", "{tmp}/three.csv", "--layers", "3,1"], 2,
     "start --layers with 4, or add --no-bias"),
    (["train", "--data", "{tmp}/two.csv", "--no-bias", "--layers", "3,1"], 2,
     "the first size is 3, but the data has 2 inputs"),
    (["train", "--no-bias"], 2,
     "--no-bias and --classes apply to CSV files, not to the built-in data 'seed'"),
    (["train", "--data", "{tmp}/own_bias.csv"], 2, "the file has a column named 'bias'"),
    (["train", "--data", "{tmp}/target_bias.csv"], 2, "the file has a column named 'bias'"),
    (["predict", "{tmp}/good_v2.json", "1,0,1"], 2,
     "input '1,0,1' has 3 numbers, but the model takes 2 (a, b; purebp adds the bias)"),
    (["predict", "{tmp}/good_v2.json", "1"], 2, "input '1' has 1 number, but the model takes 2"),
    (["predict", "{tmp}/good_v2.json", "--input", "{tmp}/houses.csv"], 2,
     "the header has no column 'a', 'b'; the model's inputs are: a, b (purebp adds the bias)"),
    (["predict", "{tmp}/good_v2.json", "--input", "{tmp}/typo_first_row_two.csv"], 2,
     "line 1, column 1 (x1): '1O' is not a finite number"),
    # 3: constant columns
    (["train", "--data", "{tmp}/constant_target.csv"], 2,
     "target 'y' is always 7, but a sigmoid output lies in [0, 1]"),
    # 5: a first row with a typo is data
    (["train", "--data", "{tmp}/typo_first_row.csv"], 2,
     "line 1, column 3 (x3): '1O' is not a finite number (line 1 is read as data"),
    (["train", "--data", "{tmp}/typo_first_row_two.csv"], 2, "line 1, column 1 (x1): '1O'"),
    # a column of text labels is classes (issue 11): this one has a single class
    (["train", "--data", "{tmp}/labels.csv"], 2, "target 'x5' holds one class, 'setosa'"),
    (["predict", "{tmp}/good_v1.json", "--input", "{tmp}/inputs_typo.csv"], 2,
     "line 1 has 2 columns, but the model takes 3 inputs"),
    # 7: hand-edited models
    (["predict", "{tmp}/version_float.json", "1,0,1"], 2,
     "model format version 1.0: this purebp reads versions 1 and 2, written as whole numbers"),
    (["predict", "{tmp}/version_float2.json", "1,0"], 2, "model format version 2.0"),
    (["predict", "{tmp}/version_bool.json", "1,0,1"], 2, "model format version true"),
    (["predict", "{tmp}/version_text.json", "1,0,1"], 2, "model format version \"2\""),
    (["predict", "{tmp}/duplicate_inputs.json", "1,0,1"], 2,
     "model \"inputs\" has the name \"x1\" twice"),
    (["predict", "{tmp}/input_is_target.json", "1,0,1"], 2,
     "model name 'y' is both an input and a target"),
    (["predict", "{tmp}/empty_name.json", "1,0,1"], 2, "model \"inputs\"[1] \"\" is empty"),
    (["predict", "{tmp}/name_esc.json", "1,0,1"], 2,
     "model \"inputs\"[1] \"x\\u001b[2J\" holds the control character '\\x1b'"),
    (["predict", "{tmp}/name_c1.json", "1,0,1"], 2, "holds the control character '\\x85'"),
    (["predict", "{tmp}/name_ls.json", "1,0,1"], 2, "holds the control character '\\u2028'"),
    (["predict", "{tmp}/name_del.json", "1,0,1"], 2, "holds the control character '\\x7f'"),
    (["predict", "{tmp}/name_surrogate.json", "1,0,1"], 2, "holds the control character"),
    (["predict", "{tmp}/version_control.json", "1,0,1"], 2,
     "model \"purebp_version\" holds the control character '\\x1b'"),
    (["predict", "{tmp}/range_overflow.json", "1,0,1"], 2,
     "model scaling of inputs, column 1 (x1): min -1e+308, max 1e+308: its range, max - min, "
     "is too large for a float"),
    (["predict", "{tmp}/range_overflow_targets.json", "1,0,1"], 2,
     "model scaling of targets, column 1 (y)"),
    (["predict", "{tmp}/range_reversed.json", "1,0,1"], 2, "min 5, max 1: min is larger than max"),
    (["predict", "{tmp}/range_tiny.json", "1,0,1"], 2,
     "column 2 (x2): min 0, max 1e-320: its range, max - min, is too small to divide by"),
    (["predict", "{tmp}/v2_no_bias_key.json", "1,0,1"], 2, "model is missing 'bias'"),
    (["predict", "{tmp}/v1_with_bias_key.json", "1,0,1"], 2, "model has unknown key: 'bias'"),
    (["predict", "{tmp}/bias_not_bool.json", "1,0"], 2, "model \"bias\" is \"yes\", not true or false"),
    (["predict", "{tmp}/bias_not_last.json", "1,0"], 2,
     "model \"bias\" is true, so \"inputs\" must end with 'bias'"),
    (["predict", "{tmp}/bias_only.json", "1"], 2, "must end with 'bias' after at least one"),
    (["predict", "{tmp}/v2_scaling_width.json", "1,0"], 2,
     "model scaling of inputs: \"min\" must be 2 finite numbers"),
    (["predict", "{tmp}/training_nested.json", "1,0,1"], 2,
     "model \"training\" 'seed' is a JSON array"),
    (["predict", "{tmp}/many_unknown.json", "1,0,1"], 2,
     "model has unknown keys: 'k0', 'k1', 'k10', 'k11', 'k12' and 45 more"),
    (["draw", "-o", "{tmp}/n.svg", "--model", "{tmp}/duplicate_inputs.json"], 2, "twice"),
    # 17: control characters in CSV header names
    (["train", "--data", "{tmp}/header_esc.csv"], 2,
     "line 1, column 2: the header name 'b\\x1b[31m' holds the control character '\\x1b'"),
    (["train", "--data", "{tmp}/header_soh.csv"], 2, "line 1, column 1: the header name 'a\\x01'"),
    (["train", "--data", "{tmp}/header_c1.csv"], 2, "holds the control character '\\x85'"),
    (["train", "--data", "{tmp}/header_del.csv"], 2, "holds the control character '\\x7f'"),
    (["train", "--data", "{tmp}/header_ls.csv"], 2,
     "line 1, column 2: the header name 'b\\u2028c' holds the control character '\\u2028'"),
    (["train", "--data", "{tmp}/header_ps.csv"], 2, "holds the control character '\\u2029'"),
    (["train", "--data", "{tmp}/header_nul.csv"], 2, "header_nul.csv: line"),
    (["train", "--data", "{tmp}/header_tab.csv"], 2, "holds the control character '\\t'"),
    (["predict", "{tmp}/good_v1.json", "--input", "{tmp}/header_esc.csv"], 2,
     "the header name 'b\\x1b[31m' holds the control character"),
    # 22: numbers that look like options
    (["train", "--iterations", "-inf"], 2, "argument --iterations: invalid whole number value: '-inf'"),
    (["train", "--iterations", "-5"], 2, "argument --iterations: invalid whole number value: '-5'"),
    (["train", "--every", "-1e3"], 2, "argument --every: invalid whole number value: '-1e3'"),
    (["train", "--lr", "-inf"], 2, "lr: -inf is not a finite positive learning rate"),
    (["train", "--lr", "-1e-3"], 2, "lr: -0.001 is not a finite positive learning rate"),
    (["train", "--seed", "-nan"], 2, "argument --seed: invalid whole number value: '-nan'"),
    (["explain", "--at", "-inf"], 2, "argument --at: invalid iteration number (1 or more) value"),
    (["gradcheck", "--at", "-2"], 2, "argument --at: invalid iteration number"),
    (["draw", "--chain-rule", "-o", "{tmp}/c.svg", "--row", "-1"], 2,
     "argument --row: invalid whole number value: '-1'"),
    (["predict", "{tmp}/good_v1.json", "-1,0"], 2, "input '-1,0' has 2 numbers"),
    (["predict", "{tmp}/good_v1.json", "--json", "-x,0,1"], 2, "unrecognized arguments: -x,0,1"),
    (["train", "--lr"], 2, "argument --lr: expected one argument"),
    # 22: line numbers as an editor counts them; quotes
    (["train", "--data", "{tmp}/cell_fs.csv"], 2,
     "line 3, column 2 (b): '1\\x1c' is not a finite number"),
    (["train", "--data", "{tmp}/r_only.csv"], 2, "line 3, column 2 (b): 'x'"),
    (["train", "--data", "{tmp}/cell_ff.csv"], 2, "line 3, column 2 (b): '1\\x0c' is not a finite"),
    (["train", "--data", "{tmp}/cell_vt.csv"], 2, "line 3, column 2 (b): '1\\x0b' is not a finite"),
    (["train", "--data", "{tmp}/cell_gs.csv"], 2, "line 3, column 2 (b): '1\\x1d' is not a finite"),
    (["train", "--data", "{tmp}/cell_rs.csv"], 2, "line 3, column 2 (b): '1\\x1e' is not a finite"),
    (["train", "--data", "{tmp}/cell_nel.csv"], 2, "line 3, column 2 (b): '1\\x85' is not a finite"),
    (["train", "--data", "{tmp}/cell_ls.csv"], 2,
     "line 3, column 2 (b): '1\\u2028' is not a finite"),
    (["train", "--data", "{tmp}/after_ff.csv"], 2, "line 2, column 3 (y): '1\\x0c0' is not"),
    (["train", "--data", "{tmp}/unclosed_quote.csv"], 2,
     "unclosed_quote.csv: line 3: a quote opened here is never closed"),
    (["train", "--data", "{tmp}/unclosed_quote_short.csv"], 2,
     "line 2: a quote opened here is never closed"),
    (["train", "--data", "{tmp}/after_quote.csv"], 2, "after_quote.csv: line 2: "),
    # 22: flags that would have no effect
    (["draw", "-o", "{tmp}/n.svg", "--model", "{tmp}/good_v1.json", "--data", "xor"], 2,
     "--model draws a saved model as it is; leave out --data, which would have no effect"),
    (["draw", "-o", "{tmp}/n.svg", "--model", "{tmp}/good_v1.json", "--iterations", "5",
      "--seed", "3"], 2, "leave out --seed and --iterations"),
    (["draw", "--chain-rule", "--layers", "9,9", "-o", "{tmp}/c.svg"], 2,
     "--chain-rule draws the article's one-layer network at its random start; "
     "leave out --layers"),
    (["draw", "--chain-rule", "-o", "{tmp}/c.svg", "--data", "xor", "--lr", "2",
      "--iterations", "9"], 2, "leave out --data, --lr and --iterations"),
    (["draw", "--chain-rule", "-o", "{tmp}/c.svg", "--no-bias"], 2, "leave out --no-bias"),
    (["draw", "-o", "{tmp}/n.svg", "--row", "1"], 2, "--row picks the example of --chain-rule"),
    (["gradcheck", "--lr", "3"], 2, "at --at 1 (the default) the check is at the random start"),
    (["gradcheck", "--lr", "3", "--at", "1"], 2, "leave out --lr"),
    (["train", "--json", "--ascii"], 2, "leave out --ascii, which would have no effect"),
    (["train", "--quiet", "--ascii"], 2, "--quiet draws no chart; leave out --ascii"),
    (["--ascii", "train", "--quiet"], 2, "--quiet draws no chart; leave out --ascii"),
]


@pytest.fixture(scope="module")
def tmp(tmp_path_factory):
    folder = tmp_path_factory.mktemp("trust")
    for name, content in FILES.items():
        (folder / name).write_bytes(content.encode("utf-8", "surrogatepass"))
    return str(folder)


def test_the_table_covers_many_cases():
    assert len(CASES) >= 80
    assert len({tuple(case[0]) for case in CASES}) == len(CASES)


@pytest.mark.parametrize("args, code, words", CASES, ids=[" ".join(c[0])[:70] for c in CASES])
def test_bad_input_gives_one_line_and_its_exit_code(tmp, args, code, words):
    done = assert_bad_input(args, code, words, tmp)
    assert done.stdout == ""


# --- 1: every top-level flag, before every command ----------------------------------------

COMMANDS = {
    "train": ["--iterations", "300", "--every", "100", "--save", "{tmp}/trained.json"],
    "draw": ["-o", "{tmp}/picture.svg", "--iterations", "50"],
    "check": [],
    "predict": ["{tmp}/good_v1.json", "1,0,1"],
    "explain": [],
    "gradcheck": [],
}
TOP_FLAGS = [["--seed", "5"], ["--ascii"], ["--quiet"]]


def _outcome(tmp, args):
    done = run([a.replace("{tmp}", tmp) for a in args])
    picture = os.path.join(tmp, "picture.svg")
    drawn = None
    if os.path.exists(picture):
        with open(picture, encoding="utf-8") as f:
            drawn = f.read()
        os.remove(picture)
    return done, drawn


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("flag", TOP_FLAGS, ids=[f[0] for f in TOP_FLAGS])
def test_a_flag_before_the_command_is_the_commands_or_refused(tmp, flag, command):
    """Before the command, a flag does what it does after it, or is refused."""
    rest = COMMANDS[command]
    after, after_drawn = _outcome(tmp, [command] + flag + rest)
    before, before_drawn = _outcome(tmp, flag + [command] + rest)
    assert "Traceback" not in before.stderr
    if after.returncode == 2 and "unrecognized arguments: %s" % flag[0] in after.stderr:
        assert before.returncode == 2 and before.stdout == ""
        assert "%s, given before %s, does not apply to it" % (flag[0], command) in before.stderr
        assert "goes with the default run" in before.stderr
    else:
        assert (before.returncode, before.stdout, before_drawn) == \
            (after.returncode, after.stdout, after_drawn), before.stderr
        assert before.returncode == 0, before.stderr


def test_the_flags_before_train_take_effect():
    """Not a vacuous comparison: each flag changes train's output."""
    for flag in TOP_FLAGS:
        # (--quiet prints no reports: there, --every would be refused)
        rest = ["--iterations", "300"] + ([] if flag == ["--quiet"] else ["--every", "100"])
        plain = run(["train"] + rest)
        changed = run(flag + ["train"] + rest)
        assert changed.returncode == 0 and changed.stdout != plain.stdout, flag


def test_the_default_run_keeps_its_flags(short_article):
    done = run(["--seed", "0", "--quiet"])
    assert done.returncode == 0 and done.stdout.startswith("Loss:")
    done = run(["--seed", "0", "--ascii"])
    assert done.returncode == 0 and done.stdout.startswith("Loss:")
    refused = run(["--quiet", "--ascii"])        # as train refuses them together
    assert refused.returncode == 2
    assert "--quiet draws no chart; leave out --ascii" in refused.stderr
    assert run(["--version", "train"]).stdout.startswith("purebp ")


# --- 2: the bias ---------------------------------------------------------------------------

def test_csv_data_get_the_bias_and_predict_adds_it(tmp):
    path = os.path.join(tmp, "houses_model.json")
    trained = run(["train", "--data", os.path.join(tmp, "houses.csv"), "--scale",
                   "--scale-targets", "--iterations", "500", "--save", path])
    assert trained.returncode == 0, trained.stderr
    assert "layers 3,1" in trained.stdout and " bias |" in trained.stdout
    with open(path, encoding="utf-8") as f:
        document = json.load(f)
    assert document["version"] == 2 and document["bias"] is True
    assert document["inputs"] == ["size", "rooms", "bias"]
    assert document["scaling"]["inputs"] == {"min": [50.0, 2.0], "max": [120.0, 4.0]}
    model = load(path)
    predicted = run(["predict", path, "75,3", "--json"])
    assert json.loads(predicted.stdout) == {
        "inputs": ["size", "rooms"], "targets": ["price"], "bias": True, "X": [[75.0, 3.0]],
        "predictions": model.predict([[75, 3]])}
    # by hand: scale the file's columns, append 1, run the network, scale back
    scaled = [(75 - 50) / 70.0, (3 - 2) / 2.0, 1.0]
    by_hand = purebp.predict(model.weights, [scaled])[0][0] * 250 + 150
    assert model.predict([[75, 3]])[0][0] == by_hand
    from_file = run(["predict", path, "--input", os.path.join(tmp, "houses.csv"), "--json"])
    assert json.loads(from_file.stdout)["X"][0] == [50.0, 2.0]


def test_no_bias_leaves_it_out(tmp):
    path = os.path.join(tmp, "three_model.json")
    with_bias = run(["train", "--data", os.path.join(tmp, "three.csv"), "--iterations", "20",
                     "--json"])
    without = run(["train", "--data", os.path.join(tmp, "three.csv"), "--iterations", "20",
                   "--no-bias", "--save", path, "--json"])
    assert json.loads(with_bias.stdout)["layers"] == [4, 1]
    assert json.loads(without.stdout)["layers"] == [3, 1]
    model = load(path)
    assert model.bias is False and model.inputs == ["a", "b", "c"]
    assert run(["predict", path, "1,0,1"]).returncode == 0
    own = run(["train", "--data", os.path.join(tmp, "own_bias.csv"), "--no-bias",
               "--iterations", "5", "--json"])
    assert own.returncode == 0 and json.loads(own.stdout)["layers"] == [3, 1]


def test_scaling_never_touches_the_bias(tmp):
    table = read_csv(os.path.join(tmp, "houses.csv"), scale_inputs=True, scale_targets=True)
    assert [row[-1] for row in table.X] == [1.0] * 5
    assert table.inputs == ["size", "rooms", "bias"] and table.bias
    assert table.scaling["inputs"].low == [50.0, 2.0]
    assert [row[:2] for row in table.X][0] == [0.0, 0.0]


def test_built_in_data_keep_the_articles_three_inputs(tmp):
    path = os.path.join(tmp, "xor_model.json")
    assert run(["train", "--data", "xor", "--iterations", "50", "--save", path]).returncode == 0
    model = load(path)
    assert model.bias is False and model.inputs == ["x1", "x2", "x3"]
    done = run(["predict", path, "1,0,1", "--json"])
    assert json.loads(done.stdout)["X"] == [[1.0, 0.0, 1.0]]


def test_version_1_models_predict_as_before(tmp):
    model = load(os.path.join(tmp, "good_v1.json"))
    assert model.bias is False and model.data_inputs == ["x1", "x2", "x3"]
    assert model.predict([[1, 0, 1]]) == purebp.predict(GOOD_MODEL["weights"], [[1, 0, 1]])
    # version 1 left a constant column unscaled; it still does
    constant = load(os.path.join(tmp, "v1_constant_scaling.json"))
    scaled = [[1 / 2.0, 2 / 4.0, 1]]
    assert constant.predict([[1, 2, 1]]) == purebp.predict(GOOD_MODEL["weights"], scaled)
    assert constant.predict([[1, 2, 5]]) == purebp.predict(GOOD_MODEL["weights"],
                                                          [[0.5, 0.5, 5]])


def test_explain_says_which_column_is_the_bias(tmp):
    csv = run(["explain", "--data", os.path.join(tmp, "two.csv")])
    text = " ".join(csv.stdout.split())
    assert "in the columns a, b, bias; the last column is always 1: the bias" in text
    none = run(["explain", "--data", os.path.join(tmp, "two.csv"), "--no-bias"])
    text = " ".join(none.stdout.split())
    assert "no column is always 1, so this network has no bias input" in text
    assert "always 1: the bias" not in text
    own = run(["explain", "--data", os.path.join(tmp, "ones_middle.csv"), "--no-bias"])
    assert "column 2 is always 1: the bias" in " ".join(own.stdout.split())
    built_in = run(["explain", "--json", "--lang", "zh-CN"])
    assert "最后一列恒为 1，即偏置" in json.loads(built_in.stdout)["quantities"][0]["meaning"]
    later = run(["explain", "--at", "2"])
    assert "after 1 iteration of training" in later.stdout


def test_draw_labels_the_bias(tmp):
    picture = os.path.join(tmp, "bias.svg")
    assert run(["draw", "-o", picture, "--data", os.path.join(tmp, "two.csv"),
                "--iterations", "5"]).returncode == 0
    with open(picture, encoding="utf-8") as f:
        assert ">bias</text>" in f.read()


# --- 3: constant columns -------------------------------------------------------------------

def test_a_constant_target_is_predicted_back(tmp):
    path = os.path.join(tmp, "constant.json")
    done = run(["train", "--data", os.path.join(tmp, "constant_target.csv"), "--scale",
                "--scale-targets", "--iterations", "200", "--save", path])
    assert done.returncode == 0, done.stderr
    predicted = run(["predict", path, "0,1", "5,9", "--json"])
    assert json.loads(predicted.stdout)["predictions"] == [[7.0], [7.0]]
    table = read_csv(os.path.join(tmp, "constant_target.csv"), scale_targets=True)
    assert table.y == [[0.0], [0.0], [0.0]]             # scaled, and checked in [0, 1]
    half = read_csv(os.path.join(tmp, "constant_target_half.csv"))
    assert half.y == [[0.5], [0.5]]


def test_a_constant_input_scales_to_zero_and_back():
    s = MinMax.fit([[3, 0], [3, 4]])
    assert s.scale([[3, 2], [100, 4]]) == [[0.0, 0.5], [0.0, 1.0]]
    assert s.unscale([[0.25, 0.5]]) == [[3, 2.0]]


def test_a_range_too_large_is_refused(tmp):
    done = run(["train", "--data", os.path.join(tmp, "huge_range.csv"), "--scale"])
    assert done.returncode == 2
    assert "scaling: column 'a' runs from -1e+308 to 1e+308: its range" in done.stderr
    tiny = run(["train", "--data", os.path.join(tmp, "tiny_range.csv"), "--scale"])
    assert tiny.returncode == 2 and "too small to divide by" in tiny.stderr


# --- 4: --json is valid JSON ---------------------------------------------------------------

def strict_json(text):
    def refuse(name):
        raise AssertionError("not JSON: " + name)
    return json.loads(text, parse_constant=refuse)


def test_predict_json_writes_null_for_a_prediction_that_is_not_finite(tmp):
    path = os.path.join(tmp, "nan_model.json")
    done = run(["predict", path, "10,10,1", "0,0,1", "--json"])
    assert done.returncode == 0, done.stderr
    result = strict_json(done.stdout)
    assert result["predictions"][0] == [None] and result["predictions"][1] == [0.5]
    table = run(["predict", path, "10,10,1"])
    assert "nan" in table.stdout


def test_explain_json_writes_null_for_numbers_that_are_not_finite(tmp):
    # seed 266 starts with syn[0] + syn[1] below -1.8: 1e308 * that overflows
    args = ["explain", "--data", os.path.join(tmp, "big_values.csv"), "--seed", "266"]
    text = run(args)
    assert text.returncode == 0 and "-inf" in text.stdout
    done = run(args + ["--json"])
    story = strict_json(done.stdout)
    z = [q for q in story["quantities"] if q["name"].startswith("z")][0]
    assert z["value"][0] == [None] and z["value"][1][0] is not None
    checked = run(["gradcheck", "--data", os.path.join(tmp, "big_values.csv"), "--seed", "266",
                   "--json"])
    strict_json(checked.stdout)


# --- 6: final_metric -----------------------------------------------------------------------

@pytest.mark.parametrize("every", ["1000", "0"])
def test_final_metric_is_the_metric_of_the_trained_weights(tmp, every):
    path = os.path.join(tmp, "final_%s.json" % every)
    done = run(["train", "--iterations", "5", "--every", every, "--metric", "mae",
                "--save", path, "--json"])
    history = json.loads(done.stdout)["history"]
    model = load(path)
    X, y = purebp.load_data("seed")
    assert model.training["final_metric"] == measure("mae", y, purebp.predict(model.weights, X))
    if history:
        assert history[-1][0] == 0 and model.training["final_metric"] != history[-1][1]


# --- 7 and 15: careful loading, in linear time ---------------------------------------------

def _load_time(tmp, name, text):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    start = time.perf_counter()
    with pytest.raises(PurebpError) as error:
        load(path)
    return time.perf_counter() - start, str(error.value)


# Large files read twice each, a second: under the long marker (.ci/run).
@pytest.mark.long
@pytest.mark.parametrize("duplicate", [True, False])
def test_a_model_with_200000_keys_is_refused_in_linear_time(tmp, duplicate):
    def document(n):
        keys = ", ".join('"k%d": 0' % i for i in range(n))
        return v2()[:-1] + ", " + keys + (', "k0": 1' if duplicate else "") + "}"
    small, _ = _load_time(tmp, "keys_small.json", document(20000))
    large, message = _load_time(tmp, "keys_large.json", document(200000))
    # ten times the keys: about ten times the time (quadratic would be a hundred)
    assert large < 30 * max(small, 0.002), (small, large)
    assert large < 5, large
    print("20000 keys: %.3f s, 200000 keys: %.3f s" % (small, large))
    if duplicate:
        assert "the key 'k0' appears twice" in message
    else:
        assert "and 199995 more" in message and len(message) < 300


# Timed, three times each size, best kept (a ratio in one run, as benchmarks/ measure;
# PyPy's JIT needs the warm-up and the repeats): under the long marker (.ci/run).
@pytest.mark.long
@pytest.mark.parametrize("kind", ["\uff11", "1\u2212", "1\u3001", "1\u3002", "1\u00a0", "1 ",
                                  "1\u3000", "1\u200b", "1\ufeff", "\u22121e"])
def test_a_long_word_of_look_alikes_gets_its_hint_in_linear_time(kind):
    """hint works out what it asks of the word once, and each character's
    kind once: ten times the word, about ten times the time (it was a
    hundred: '1\\xa0' * 8000 took 14 s)."""
    from purebp.numberwords import hint

    def timed(n):
        word = kind * (n // len(kind))
        best = None
        for _ in range(3):
            start = time.perf_counter()
            said = hint(word)
            took = time.perf_counter() - start
            best = took if best is None else min(best, took)
        return best, said
    timed(1000)
    small, said_small = timed(10000)
    large, said = timed(100000)
    assert said == said_small and said, said
    assert large < 30 * max(small, 0.002), (small, large)


def test_saved_models_round_trip_with_the_bias(tmp):
    table = read_csv(os.path.join(tmp, "houses.csv"), scale_inputs=True, scale_targets=True)
    result = purebp.train(table.X, table.y, iterations=50)
    model = Model.from_training(result, data="houses.csv", table=table)
    path = os.path.join(tmp, "round.json")
    save(model, path)
    again = load(path)
    assert again.bias and again.inputs == model.inputs
    assert again.predict([[60, 2]]) == model.predict([[60, 2]])
    with pytest.raises(PurebpError, match=r"X has 3 columns, but the model takes 2 inputs"):
        again.predict([[60, 2, 1]])


# --- 22: rows and options mix ----------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["{tmp}/good_v1.json", "-1,0,1"],
    ["{tmp}/good_v1.json", "--json", "1,0,1"],
    ["--json", "{tmp}/good_v1.json", "1,0,1"],
    ["{tmp}/good_v1.json", "1,0,1", "--json", "-1,0,1"],
    ["{tmp}/good_v1.json", "--json", "--", "-1,0,1"],
])
def test_predict_takes_rows_among_options(tmp, args):
    done = run(["predict"] + [a.replace("{tmp}", tmp) for a in args])
    assert done.returncode == 0, done.stderr
    if "--json" in args:
        rows = json.loads(done.stdout)["X"]
        assert rows[-1] in ([1.0, 0.0, 1.0], [-1.0, 0.0, 1.0])


def test_predict_input_file_picks_columns_by_name(tmp):
    done = run(["predict", os.path.join(tmp, "good_v2.json"), "--input",
                os.path.join(tmp, "inputs_header.csv"), "--json"])
    assert json.loads(done.stdout)["X"] == [[0.0, 1.0], [1.0, 0.0]]


# --- every message in the source is listed -------------------------------------------------

_RAISERS = {"PurebpError", "TrainingError", "SaveError", "ArgumentTypeError", "error",
            "Refused"}     # (Refused: purebp.miniargs, the small command line's)
_SPECIFIER = re.compile(r"%[-#0 +]*\d*(?:\.\d+)?[sdrgfx]")


def _format_of(node):
    """The format string of a message expression, or None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _format_of(node.left)
    return None


def source_messages():
    folder = os.path.join(ROOT, "purebp")
    for filename in sorted(os.listdir(folder)):
        if not filename.endswith(".py"):
            continue
        with open(os.path.join(folder, filename), encoding="utf-8") as f:
            tree = ast.parse(f.read())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args:
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                text = _format_of(node.args[0]) if name in _RAISERS else None
                if text and re.search("[a-z]{3}", _SPECIFIER.sub("", text)):
                    yield "%s:%d" % (filename, node.lineno), text


def test_every_message_in_the_source_is_listed_in_errors_md():
    with open(os.path.join(ROOT, "docs", "errors.md"), encoding="utf-8") as f:
        listed = re.findall(r"^\| `([^`]+)` \|", f.read(), re.M)
    entries = error_patterns()
    messages = list(source_messages())
    assert len(messages) > 80
    missing = []
    for where, text in messages:
        text = text.replace("%%", "%")
        # listed if the message's fixed words are in an entry, or if one of
        # its instances (every %s a word) fits an entry's pattern
        pattern = Listed(_SPECIFIER.split(text))
        instance = _SPECIFIER.sub("X", text)
        if not (any(pattern.search(entry) for entry in listed)
                or any(entry.search(instance) for entry in entries)):
            missing.append("%s %r" % (where, text))
    assert missing == []


def test_a_file_named_like_a_built_in_data_set_is_not_taken_silently(tmp_path):
    (tmp_path / "xor").write_text("a,b,y\n0,0,1\n1,1,1\n")
    import inprocess
    done = inprocess.purebp(["train", "--data", "xor"], cwd=str(tmp_path))
    assert done.returncode == 2 and done.stdout == ""
    line = done.stderr.strip()
    assert "both a built-in data set and a file in this folder; write ./xor" in line
    assert [p for p in error_patterns() if p.search(line)], line


@pytest.mark.parametrize("args", [["web", "--save", "purebp/web/index.html"],
                                  ["train", "--iterations", "2", "--save", "purebp/network.py"],
                                  ["draw", "-o", "purebp/x.svg"]])
def test_an_output_inside_purebps_own_package_is_refused(args):
    import inprocess
    target = os.path.join(ROOT, args[-1])
    before = open(target, "rb").read() if os.path.exists(target) else None
    done = inprocess.purebp(args)
    assert done.returncode == 2 and "is inside purebp's own package" in done.stderr
    assert [p for p in error_patterns() if p.search(done.stderr.strip())], done.stderr
    assert (open(target, "rb").read() if os.path.exists(target) else None) == before


@pytest.mark.parametrize("args", [["train", "--seed", "1", "--seed", "2"],
                                  ["train", "--lr=1", "--lr", "2"],
                                  ["explain", "--at", "1", "--at", "2"],
                                  ["draw", "-o", "a.svg", "--output", "b.svg"],
                                  ["draw", "-oa.svg", "-ob.svg"]])
def test_a_flag_given_twice_after_the_command_is_refused(args):
    done = run(args)
    assert done.returncode == 2 and "is given twice after " + args[0] in done.stderr
    assert [p for p in error_patterns() if p.search(done.stderr.strip())], done.stderr


@pytest.mark.parametrize("args, words", [
    (["--seed", "5", "--seed", "6", "train"], "--seed is given twice before the command"),
    (["--seed", "5", "--seed", "6"], "--seed is given twice; give it once"),
    (["train", "--iter", "5", "--iterations", "6"], "unrecognized arguments: --iter 5"),
    (["train", "--sav", "m.json"], "unrecognized arguments: --sav m.json"),
    (["gradcheck", "--h", "0.01"], "unrecognized arguments: --h 0.01"),
    # int() and float() read these; typed on a command line, they are typos
    (["train", "--lr", "0_5"], "argument --lr: invalid float value: '0_5'"),
    (["train", "--layers", "3,1_0,1"], "argument --layers: '3,1_0,1' is not a list"),
    (["--seed", "\uff15"], "argument --seed: invalid whole number value: '\uff15'"),
    (["explain", "--at", "1_0"], "argument --at: invalid iteration number"),
    # CPython 3.8 and 3.9's argparse stopped with an IndexError on these
    (["-h="], "argument -h/--help: ignored explicit argument ''"),
    (["check", "-h="], "argument -h/--help: ignored explicit argument ''"),
    (["--help="], "argument -h/--help: ignored explicit argument ''"),
])
def test_no_flag_is_abbreviated_repeated_before_the_command_or_misread(args, words):
    """An abbreviation could hide a repeat (--iter 5 --iterations 6 trained 6)
    or become another flag (--h 0.01 was --help): flags are written in full."""
    done = run(args)
    assert done.returncode == 2 and words in done.stderr, done.stderr
    assert [p for p in error_patterns() if p.search(done.stderr.strip())], done.stderr


# Task h21b: numbers as typed, the flag as written, the first message first.
NINES = "9" * 5000
MINUS = "\u2212"
NUMBER_LINES = [
    (["train", "--iterations", NINES], "purebp train: error: argument --iterations: invalid "
     "whole number value: '99999999999999999999999...9999999' (5000 characters): too large: "
     "purebp refuses work of more than a day (see 'purebp train --help')"),
    (["train", "--layers", "3,%s,1" % NINES], "purebp train: error: argument --layers: "
     "'3,999999999999999999999...99999,1' (5004 characters) is not a list of two or more layer "
     "sizes, like 3,4,1; a layer of '99999999999999999999999...9999999' (5000 characters) units "
     "is too large: a network holds at most 20000000 weights (see 'purebp train --help')"),
    (["train", "--layers", "3,4,"], "purebp train: error: argument --layers: '3,4,' is not a "
     "list of two or more layer sizes, like 3,4,1; it ends with a comma "
     "(see 'purebp train --help')"),
    (["explain", "--at", NINES], "purebp explain: error: argument --at: invalid iteration "
     "number (1 or more) value: '99999999999999999999999...9999999' (5000 characters): too "
     "large: purebp refuses work of more than a day (see 'purebp explain --help')"),
    (["web", "--port", "1e400"], "purebp web: error: argument --port: invalid port number "
     "(0 to 65535) value: '1e400': too large: a port is at most 65535 "
     "(see 'purebp web --help')"),
    (["--seed", MINUS + "5"], "purebp: error: argument --seed: invalid whole number value: "
     "'\u22125': it is negative (its minus sign is U+2212, as word processors write it) "
     "(see 'purebp --help')"),
    (["train", "--seed", NINES], "purebp train: error: argument --seed: invalid whole number "
     "value: '99999999999999999999999...9999999' (5000 characters): too large: numpy takes 0 "
     "to 2**32 - 1 (4294967295) (see 'purebp train --help')"),
    (["train", "--lr", MINUS + "5"], "purebp train: error: argument --lr: invalid float value: "
     "'\u22125': its minus sign is U+2212, as word processors write it "
     "(see 'purebp train --help')"),
    (["train", "--lr", "$5"], "purebp train: error: argument --lr: invalid float value: '$5': "
     "leave out the '$': write 5 (see 'purebp train --help')"),
    (["train", "--lr", "1e400"], "purebp train: error: argument --lr: '1e400' is too large "
     "for a float: it would be inf (see 'purebp train --help')"),
    (["train", "--lr", NINES], "purebp train: error: argument --lr: "
     "'99999999999999999999999...9999999' (5000 characters) is too large for a float: it "
     "would be inf (see 'purebp train --help')"),
    (["train", "--iterations", "5."], "purebp train: error: argument --iterations: invalid "
     "whole number value: '5.': a count is written in digits only: write 5 "
     "(see 'purebp train --help')"),
    (["train", "--every", "1e3"], "purebp train: error: argument --every: invalid whole "
     "number value: '1e3': a count is written in digits only: write 1000 "
     "(see 'purebp train --help')"),
    (["train", "--seed", "0x10"], "purebp train: error: argument --seed: invalid whole number "
     "value: '0x10': 0x10 is hexadecimal: write 16 (see 'purebp train --help')"),
    (["train", "--batch-size", "1_000"], "purebp train: error: argument --batch-size: invalid "
     "whole number value: '1_000': '_' is no part of a number: write 1000 "
     "(see 'purebp train --help')"),
    (["draw", "--row", "-1"], "purebp draw: error: argument --row: invalid whole number "
     "value: '-1': it is negative (see 'purebp draw --help')"),
    (["train", "--test-fraction", "0,3"], "purebp train: error: argument --test-fraction: "
     "invalid float value: '0,3': a decimal comma? write 0.3 (see 'purebp train --help')"),
    (["predict", "{tmp}/good.json", "1,2,"], "purebp predict: error: input '1,2,': '' is not "
     "a finite number; it ends with a comma"),
    (["predict", "{tmp}/good.json", "1;;2"], "purebp predict: error: input '1;;2': '' is not "
     "a finite number; it has two semicolons in a row"),
    (["predict", "{tmp}/good.json", MINUS + "1,0,1"], "purebp predict: error: input "
     "'\u22121,0,1': '\u22121' is not a finite number; its minus sign is U+2212, as word "
     "processors write it: write -1"),
    (["predict", "{tmp}/good.json", "1e400,0,1"], "purebp predict: error: input '1e400,0,1': "
     "'1e400' is not a finite number; too large for a float (at most about 1.8e308)"),
    (["predict", "{tmp}/good.json", "0,%s,1" % NINES], "purebp predict: error: input "
     "'0,999999999999999999999...99999,1' (5004 characters): "
     "'99999999999999999999999...9999999' (5000 characters) is not a finite number; too large "
     "for a float (at most about 1.8e308)"),
    (["train", "--data", "{tmp}/typed.csv"], "purebp train: error: {tmp}/typed.csv: line 2, "
     "column 1 (a): '\u22121' is not a finite number: its minus sign is U+2212, as word "
     "processors write it: write -1"),
    (["train", "--data", "{tmp}/dollars.csv"], "purebp train: error: {tmp}/dollars.csv: line 3, "
     "column 2 (b): '$2' is not a finite number: leave out the '$': write 2"),
    (["train", "--data", "{tmp}/nines.csv"], "purebp train: error: {tmp}/nines.csv: line 2, "
     "column 2 (b): '99999999999999999999999...9999999' (5000 characters) is not a finite "
     "number: too large for a float (at most about 1.8e308)"),
    (["train", "--data", "x" * 5000], "purebp train: error: --data "
     "'xxxxxxxxxxxxxxxxxxxxxxx...xxxxxxx' (5000 characters) is neither a built-in data set "
     "(seed, xor, iris) nor a file"),
    (["draw", "--output=-"], "purebp draw: error: --output -: purebp writes files, not "
     "standard output; for a file named -, write ./-"),
    (["draw", "-o", "-"], "purebp draw: error: -o -: purebp writes files, not standard "
     "output; for a file named -, write ./-"),
    (["draw", "--output", "{tmp}/x.png"], "purebp draw: error: --output {tmp}/x.png: purebp "
     "writes the picture as SVG, which a .png name would hide: name it {tmp}/x.svg"),
    (["train", "--target", "-x"], "purebp train: error: --target, --scale, --scale-targets, "
     "--no-bias and --classes apply to CSV files, not to the built-in data 'seed' "
     "(see 'purebp train --help')"),
    (["draw", "--data", "xor", "--target", "-x", "-o", "{tmp}/x.svg"], "purebp draw: error: "
     "--target, --scale, --scale-targets, --no-bias and --classes apply to CSV files, not to "
     "the built-in data 'xor' (see 'purebp draw --help')"),
    (["train", "--show-code", "--save", "-m.json"], "purebp train: error: --show-code prints "
     "the code of the compiled loop and trains nothing; leave out --save, which would have no "
     "effect (see 'purebp train --help')"),
    (["gradcheck", "--layers", "3,5000,5000,1"], "purebp gradcheck: error: layers: "
     "3,5000,5000,1 would need 25020000 weights, more than purebp holds in memory (20000000); "
     "use fewer or smaller layers"),
]


@pytest.fixture(scope="module")
def typed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("typed")
    (folder / "good.json").write_text(json.dumps(GOOD_MODEL), encoding="utf-8")
    (folder / "typed.csv").write_text("a,b,y\n\u22121,2,0\n1,2,1\n", encoding="utf-8")
    (folder / "dollars.csv").write_text("a,b,y\n1,2,0\n1,$2,1\n", encoding="utf-8")
    (folder / "nines.csv").write_text("a,b,y\n1,%s,0\n1,2,1\n" % NINES, encoding="utf-8")
    return str(folder)


@pytest.mark.parametrize("args, line", NUMBER_LINES,
                         ids=[" ".join(a)[:50] for a, line in NUMBER_LINES])
def test_a_number_as_typed_gets_one_line_that_says_why(typed, args, line):
    done = run([a.replace("{tmp}", typed) for a in args])
    assert (done.returncode, done.stderr) == (2, line.replace("{tmp}", typed) + "\n")
    assert [p for p in error_patterns() if p.search(done.stderr.strip())], done.stderr


def test_numbers_a_float_reads_are_read_alike_on_the_command_line_and_in_a_file(typed):
    """``5.`` is a number for --lr, in a predict row and in a CSV cell."""
    from purebp.csvdata import to_number
    assert to_number("5.", ",") == 5.0 and to_number("1_0", ",") is None
    done = run(["predict", os.path.join(typed, "good.json"), "5.,0,1", "--json"])
    assert done.returncode == 0 and json.loads(done.stdout)["X"] == [[5.0, 0.0, 1.0]]
    done = run(["explain", "--lr", "5.", "--json"])
    assert done.returncode == 0, done.stderr


def test_lang_says_what_it_translates():
    done = run(["train", "--help"])
    assert "language of the warning when training fails; the rest of train's output is in " \
           "English" in " ".join(done.stdout.split())


# Task h21h: a number's hint is right (its rewrite is read), said once, and short.
LONG = "0.123456789012345678901234567890123456789"
HINT_LINES = [
    (["predict", "{tmp}/good.json", "\u2212%s,1,1" % LONG], "purebp predict: error: input "
     "'\u22120.12345678901234567890...789,1,1' (46 characters): "
     "'\u22120.12345678901234567890...3456789' (42 characters) is not a finite number; its "
     "minus sign is U+2212, as word processors write it: write '-' for U+2212"),
    (["train", "--lr", LONG.replace(".", ",")], "purebp train: error: argument --lr: invalid "
     "float value: '0,123456789012345678901...3456789' (41 characters): a decimal comma? "
     "write '.' for ',' (see 'purebp train --help')"),
    (["train", "--lr", "1,000.5"], "purebp train: error: argument --lr: invalid float value: "
     "'1,000.5': thousands separators? write 1000.5 (see 'purebp train --help')"),
    (["train", "--lr", "1.000,5"], "purebp train: error: argument --lr: invalid float value: "
     "'1.000,5': thousands separators and a decimal comma? write 1000.5 "
     "(see 'purebp train --help')"),
    (["train", "--lr", "1\u20132"], "purebp train: error: argument --lr: invalid float value: "
     "'1\u20132': it has U+2013, a dash as word processors write it (see 'purebp train --help')"),
    (["train", "--seed", "1\u20132"], "purebp train: error: argument --seed: invalid whole "
     "number value: '1\u20132': it has U+2013, a dash as word processors write it "
     "(see 'purebp train --help')"),
    (["train", "--iterations", "1.000"], "purebp train: error: argument --iterations: invalid "
     "whole number value: '1.000': is it 1 or 1000? write it without thousands separators "
     "(see 'purebp train --help')"),
    (["train", "--lr", "1,500"], "purebp train: error: argument --lr: invalid float value: "
     "'1,500': is it 1.500 or 1500? write it with a decimal point, without thousands "
     "separators (see 'purebp train --help')"),
    (["train", "--test-fraction", "30%"], "purebp train: error: argument --test-fraction: "
     "invalid float value: '30%': a percentage: write 0.3 (see 'purebp train --help')"),
    (["train", "--lr", "\uff10\uff0e\uff15"], "purebp train: error: argument --lr: invalid "
     "float value: '\uff10\uff0e\uff15': '\uff10\uff0e\uff15' has full-width characters, as a "
     "Chinese or Japanese input method types them: write 0.5 (see 'purebp train --help')"),
    (["explain", "--at", "\uff11\uff10"], "purebp explain: error: argument --at: invalid "
     "iteration number (1 or more) value: '\uff11\uff10': '\uff11\uff10' has full-width "
     "characters, as a Chinese or Japanese input method types them: write 10 "
     "(see 'purebp explain --help')"),
    (["web", "--port", "\uff18\uff17\uff16\uff15"], "purebp web: error: argument --port: "
     "invalid port number (0 to 65535) value: '\uff18\uff17\uff16\uff15': "
     "'\uff18\uff17\uff16\uff15' has full-width characters, as a Chinese or Japanese input "
     "method types them: write 8765 (see 'purebp web --help')"),
    (["train", "--layers", "3\uff0c4\uff0c1"], "purebp train: error: argument --layers: "
     "'3\uff0c4\uff0c1' is not a list of two or more layer sizes, like 3,4,1; "
     "'3\uff0c4\uff0c1' has full-width characters, as a Chinese or Japanese input method types "
     "them: write 3,4,1 (see 'purebp train --help')"),
    (["train", "--data", "{tmp}/data\uff081\uff09.csv", "--lr", "abc"], "purebp train: error: "
     "argument --lr: invalid float value: 'abc' (see 'purebp train --help')"),
    (["predict", "{tmp}/good.json", "1,2\u3000,1"], "purebp predict: error: input "
     "'1,2\\u3000,1': '2\\u3000' is not a finite number; it has an ideographic space (U+3000), "
     "as a Chinese or Japanese input method types it: write 2"),
    (["train", "--iterations", "5\u3000"], "purebp train: error: argument --iterations: "
     "invalid whole number value: '5\\u3000': it has an ideographic space (U+3000), as a "
     "Chinese or Japanese input method types it: write 5 (see 'purebp train --help')"),
    (["train", "--data", "{tmp}/ideographic.csv"], "purebp train: error: "
     "{tmp}/ideographic.csv: line 2, column 2 (b): '\\u30002' is not a finite number: it has "
     "an ideographic space (U+3000), as a Chinese or Japanese input method types it: write 2"),
    (["train", "--every", NINES], "purebp train: error: argument --every: invalid whole number "
     "value: '99999999999999999999999...9999999' (5000 characters): too large: past the "
     "training's length, --every reports only its start and end (see 'purebp train --help')"),
    (["draw", "--row", "1e400"], "purebp draw: error: argument --row: invalid whole number "
     "value: '1e400': too large: the article's data has rows 0 to 3 (the rows of X, counted "
     "from 0) (see 'purebp draw --help')"),
    (["web", "--port", "70000"], "purebp web: error: argument --port: invalid port number "
     "(0 to 65535) value: '70000': too large: a port is at most 65535 "
     "(see 'purebp web --help')"),
    (["train", "--layers", "3\u30014\u30011"], "purebp train: error: argument --layers: "
     "'3\u30014\u30011' is not a list of two or more layer sizes, like 3,4,1; '\u3001' is the "
     "Chinese enumeration comma: write 3,4,1 (see 'purebp train --help')"),
    (["train", "--lr", "0\u30025"], "purebp train: error: argument --lr: invalid float value: "
     "'0\u30025': '\u3002' is the Chinese full stop: write 0.5 (see 'purebp train --help')"),
    (["predict", "{tmp}/good.json", "1\u30012\u30011"], "purebp predict: error: input "
     "'1\u30012\u30011': '1\u30012\u30011' is not a finite number; '\u3001' is the Chinese "
     "enumeration comma: write 1,2,1"),
    (["train", "--lr", "\uffe55"], "purebp train: error: argument --lr: invalid float value: "
     "'\uffe55': leave out the '\uffe5': write 5 (see 'purebp train --help')"),
    (["train", "--lr", "1\xa0000"], "purebp train: error: argument --lr: invalid float value: "
     "'1\\xa0000': it has a no-break space (U+00A0), a thousands separator? write 1000 "
     "(see 'purebp train --help')"),
    (["train", "--lr", "1 000"], "purebp train: error: argument --lr: invalid float value: "
     "'1 000': it has a space (U+0020), a thousands separator? write 1000 "
     "(see 'purebp train --help')"),
    (["train", "--lr", "0.5\u200b"], "purebp train: error: argument --lr: invalid float value: "
     "'0.5\\u200b': it has a zero-width space (U+200B): write 0.5 (see 'purebp train --help')"),
    (["train", "--lr", "\ufeff0.5"], "purebp train: error: argument --lr: invalid float value: "
     "'\\ufeff0.5': it has a byte order mark (U+FEFF): write 0.5 (see 'purebp train --help')"),
    (["train", "--lr", "\u20151"], "purebp train: error: argument --lr: invalid float value: "
     "'\u20151': its minus sign is U+2015, as word processors write it "
     "(see 'purebp train --help')"),
    (["train", "--layers", "3,0,1"], "purebp train: error: argument --layers: '3,0,1' is not "
     "a list of two or more layer sizes, like 3,4,1; a layer has 1 unit or more, not 0 "
     "(see 'purebp train --help')"),
    (["train", "--layers", "3;4;1"], "purebp train: error: argument --layers: '3;4;1' is not "
     "a list of two or more layer sizes, like 3,4,1; the sizes are separated by commas: "
     "write 3,4,1 (see 'purebp train --help')"),
    (["train", "--layers", "3 4 1"], "purebp train: error: argument --layers: '3 4 1' is not "
     "a list of two or more layer sizes, like 3,4,1; the sizes are separated by commas: "
     "write 3,4,1 (see 'purebp train --help')"),
    (["train", "--layers", "3,4x,1"], "purebp train: error: argument --layers: '3,4x,1' is "
     "not a list of two or more layer sizes, like 3,4,1; '4x' is no whole number "
     "(see 'purebp train --help')"),
    (["predict", "{tmp}/good.json", "1.5,2.5;"], "purebp predict: error: input '1.5,2.5;': "
     "'' is not a finite number; it ends with a semicolon"),
    (["train", "--seed", "\uff10x10"], "purebp train: error: argument --seed: invalid whole "
     "number value: '\uff10x10': '\uff10x10' has full-width characters, as a Chinese or "
     "Japanese input method types them, and 0x10 is hexadecimal: write 16 "
     "(see 'purebp train --help')"),
    (["predict", "{tmp}/good.json", "1e-400,0,1"], "purebp predict: error: input "
     "'1e-400,0,1': '1e-400' is too small for a float: it would be 0.0"),
    (["train", "--data", "{tmp}/tiny.csv"], "purebp train: error: {tmp}/tiny.csv: line 2, "
     "column 2 (b): '1e-400' is too small for a float: it would be 0.0"),
    (["train", "--lr", "1e-400"], "purebp train: error: argument --lr: '1e-400' is too small "
     "for a float: it would be 0.0 (see 'purebp train --help')"),
    (["train", "--seed", "4.294967296e9"], "purebp train: error: argument --seed: invalid whole "
     "number value: '4.294967296e9': a count is written in digits only, and too large: numpy "
     "takes 0 to 2**32 - 1 (4294967295) (see 'purebp train --help')"),
    (["train", "--batch-size", "0.0"], "purebp train: error: argument --batch-size: invalid "
     "whole number value: '0.0': a count is written in digits only (see 'purebp train --help')"),
    (["train", "--data", "{tmp}/percent.csv"], "purebp train: error: {tmp}/percent.csv: line 2, "
     "column 2 (b): '0.111111111111111111111...111111%' (5003 characters) is not a finite "
     "number: a percentage: leave out the '%'"),
    (["train", "--data", "{tmp}/thousands.csv"], "purebp train: error: {tmp}/thousands.csv: "
     "line 2, column 2 (b): '1,000,000,000,000,000,0...000,000' (6001 characters) is not a "
     "finite number: thousands separators, and too large for a float (at most about 1.8e308)"),
    (["predict", "{tmp}/good.json", "0,5;1;1", "1%s;1;1" % (".000" * 1500)], "purebp predict: "
     "error: input '1.000.000.000.000.000.0...000;1;1' (6005 characters): "
     "'1.000.000.000.000.000.0...000.000' (6001 characters) has a point, but input '0,5;1;1' "
     "writes a decimal comma: is it 1,000,000,000,000,000,0...000,000 (6001 characters) or "
     "10000000000000000000000...0000000 (4501 characters)? write every number the same way, "
     "without thousands separators"),
    # (stop 21: a rewrite only if the flag, or the command line, takes it; one hint a word)
    (['train', '--lr', '0,0'],
     "purebp train: error: argument --lr: invalid float value: '0,0' (see 'purebp train --help')"),
    (['train', '--lr', '0%'],
     "purebp train: error: argument --lr: invalid float value: '0%': a percentage (see "
     "'purebp train --help')"),
    (['explain', '--lr', '-5%'],
     "purebp explain: error: argument --lr: invalid float value: '-5%': a percentage (see "
     "'purebp explain --help')"),
    (['gradcheck', '--lr', '-1,500'],
     "purebp gradcheck: error: argument --lr: invalid float value: '-1,500' (see 'purebp "
     "gradcheck --help')"),
    (['train', '--test-fraction', '0%'],
     "purebp train: error: argument --test-fraction: invalid float value: '0%': a percentage "
     "(see 'purebp train --help')"),
    (['train', '--lr', '\u2212\uff11'],
     "purebp train: error: argument --lr: invalid float value: '\u2212\uff11': its minus "
     "sign is U+2212, as word processors write it, and '\u2212\uff11' has full-width "
     "characters, as a Chinese or Japanese input method types them (see 'purebp train "
     "--help')"),
    (['train', '--iterations', '\u2212\uff11'],
     "purebp train: error: argument --iterations: invalid whole number value: "
     "'\u2212\uff11': it is negative (its minus sign is U+2212, as word processors write it, "
     "and '\u2212\uff11' has full-width characters, as a Chinese or Japanese input method "
     "types them) (see 'purebp train --help')"),
    (['train', '--lr', '0.5\u3001\uff11'],
     "purebp train: error: argument --lr: invalid float value: '0.5\u3001\uff11': '\u3001' "
     "is the Chinese enumeration comma, and '0.5\u3001\uff11' has full-width characters, as "
     "a Chinese or Japanese input method types them (see 'purebp train --help')"),
    (['train', '--lr', '1\u3002\uff15'],
     "purebp train: error: argument --lr: invalid float value: '1\u3002\uff15': '\u3002' is "
     "the Chinese full stop, and '1\u3002\uff15' has full-width characters, as a Chinese or "
     "Japanese input method types them: write 1.5 (see 'purebp train --help')"),
    (['train', '--lr', '\xa0\uff11'],
     "purebp train: error: argument --lr: invalid float value: '\\xa0\uff11': it has a "
     "no-break space (U+00A0), and '\\xa0\uff11' has full-width characters, as a Chinese or "
     "Japanese input method types them: write 1 (see 'purebp train --help')"),
    (['train', '--layers', '3,\u2212\uff11,1'],
     "purebp train: error: argument --layers: '3,\u2212\uff11,1' is not a list of two or "
     "more layer sizes, like 3,4,1; its minus sign is U+2212, as word processors write it, "
     "and '3,\u2212\uff11,1' has full-width characters, as a Chinese or Japanese input "
     "method types them (see 'purebp train --help')"),
    (['check', '--seed', '\uff15'],
     "purebp check: error: unrecognized arguments: --seed \uff15; '\uff15' has full-width "
     "characters, as a Chinese or Japanese input method types them (see 'purebp check "
     "--help')"),
    (['check', '\uff15'],
     "purebp check: error: unrecognized arguments: \uff15; '\uff15' has full-width "
     "characters, as a Chinese or Japanese input method types them (see 'purebp check "
     "--help')"),
    (['draw', '--\uff43\uff48\uff41\uff49\uff4e', '-o', 'x.svg'],
     "purebp draw: error: unrecognized arguments: --\uff43\uff48\uff41\uff49\uff4e; "
     "'--\uff43\uff48\uff41\uff49\uff4e' has full-width characters, as a Chinese or Japanese "
     "input method types them (see 'purebp draw --help')"),
    (['draw', '\uff43\uff48\uff41\uff49\uff4e', '-o', 'x.svg'],
     "purebp draw: error: unrecognized arguments: \uff43\uff48\uff41\uff49\uff4e; "
     "'\uff43\uff48\uff41\uff49\uff4e' has full-width characters, as a Chinese or Japanese "
     "input method types them (see 'purebp draw --help')"),
    (['train', '--bogus', '\uff58'],
     "purebp train: error: unrecognized arguments: --bogus \uff58; '\uff58' has full-width "
     "characters, as a Chinese or Japanese input method types them (see 'purebp train "
     "--help')"),
    (['train', '--\uff53\uff45\uff45\uff44', '5'],
     "purebp train: error: unrecognized arguments: --\uff53\uff45\uff45\uff44 5; "
     "'--\uff53\uff45\uff45\uff44' has full-width characters, as a Chinese or Japanese input "
     "method types them: write --seed (see 'purebp train --help')"),
    (['train', '--seed', '\u22120'],
     "purebp train: error: argument --seed: invalid whole number value: '\u22120': its minus "
     "sign is U+2212, as word processors write it: write -0 (see 'purebp train --help')"),
    (['train', '--every', '\u22120'],
     "purebp train: error: argument --every: invalid whole number value: '\u22120': its "
     "minus sign is U+2212, as word processors write it: write -0 (see 'purebp train "
     "--help')"),
    (['train', '--iterations', '\u22120'],
     "purebp train: error: argument --iterations: invalid whole number value: '\u22120': its "
     "minus sign is U+2212, as word processors write it (see 'purebp train --help')"),
    (['draw', '--chain-rule', '--row', '1.000'],
     "purebp draw: error: argument --row: invalid whole number value: '1.000': a count is "
     "written in digits only: write 1 (see 'purebp draw --help')"),
    (['train', '--layers', '3,4,\u22121'],
     "purebp train: error: argument --layers: '3,4,\u22121' is not a list of two or more "
     "layer sizes, like 3,4,1; its minus sign is U+2212, as word processors write it (see "
     "'purebp train --help')"),
    (['web', '--port', '7e4'],
     "purebp web: error: argument --port: invalid port number (0 to 65535) value: '7e4': a "
     "port number is written in digits only, and too large: a port is at most 65535 (see "
     "'purebp web --help')"),
    (['train', '--data', '{tmp}/two.csv', '--target', '\uff59'],
     "purebp train: error: {tmp}/two.csv: no column named '\uff59'; the columns are: a, y; "
     "'\uff59' has full-width characters, as a Chinese or Japanese input method types them: "
     "write y"),
    (['train', '--data', '{tmp}/two.csv', '--target', '\uff11'],
     "purebp train: error: {tmp}/two.csv: no column named '\uff11'; the columns are: a, y; "
     "'\uff11' has full-width characters, as a Chinese or Japanese input method types them: "
     "write 1"),
    (['train', '--data', '{tmp}/two.csv', '--target', '\uff5a'],
     "purebp train: error: {tmp}/two.csv: no column named '\uff5a'; the columns are: a, y; "
     "'\uff5a' has full-width characters, as a Chinese or Japanese input method types them"),
    # a --target's index: one rule, for the target and for the rewrite proposed
    (['train', '--data', '{tmp}/two.csv', '--target', '\uff0b\uff11'],
     "purebp train: error: {tmp}/two.csv: no column named '\uff0b\uff11'; the columns are: a, "
     "y; '\uff0b\uff11' has full-width characters, as a Chinese or Japanese input method types "
     "them: write +1"),
    (['train', '--data', '{tmp}/two.csv', '--target', '\uff11' * 5000],
     "purebp train: error: {tmp}/two.csv: no column named '%s...%s' (5000 characters); the "
     "columns are: a, y; it has full-width characters, as a Chinese or Japanese input method "
     "types them" % ("\uff11" * 23, "\uff11" * 7)),
    (['train', '--data', '{tmp}/two.csv', '--target', '1' * 5000],
     "purebp train: error: {tmp}/two.csv: there is no column %s...%s (5000 characters): the "
     "file has 2 columns (0 to 1, or -1 for the last)" % ("1" * 23, "1" * 7)),
    # a hexadecimal number past 4300 digits: the change, no str() of it
    (['train', '--data', '{tmp}/hex.csv'],
     "purebp train: error: {tmp}/hex.csv: line 2, column 2 (b): '0x%s...%s' (4002 characters) "
     "is not a finite number: it is hexadecimal: write it in decimal digits"
     % ("f" * 21, "f" * 7)),
    (['predict', '{tmp}/good.json', '0x' + 'f' * 4000 + ',1,1'],
     "purebp predict: error: input '0x%s...%s' (4006 characters): '0x%s...%s' (4002 "
     "characters) is not a finite number; it is hexadecimal: write it in decimal digits"
     % ("f" * 21, "fff,1,1", "f" * 21, "f" * 7)),
    # a rewrite is proposed only if purebp reads it: 1e-400 is refused
    (['predict', '{tmp}/good.json', '$1e-400,1,1'],
     "purebp predict: error: input '$1e-400,1,1': '$1e-400' is not a finite number; leave out "
     "the '$'"),
    (['predict', '{tmp}/good.json', '1,0e-400;1;1'],
     "purebp predict: error: input '1,0e-400;1;1': '1,0e-400' is too small for a float: it "
     "would be 0.0"),
    (['predict', '{tmp}/good.json', '30%,1,1'],
     "purebp predict: error: input '30%,1,1': '30%' is not a finite number; a percentage: "
     "write 30 or 0.3"),
]


@pytest.fixture(scope="module")
def hinted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hinted")
    (folder / "good.json").write_text(json.dumps(GOOD_MODEL), encoding="utf-8")
    (folder / "data\uff081\uff09.csv").write_text("a,b,y\n1,2,0\n1,2,1\n", encoding="utf-8")
    (folder / "ideographic.csv").write_text("a,b,y\n1,\u30002,0\n1,2,1\n", encoding="utf-8")
    (folder / "two.csv").write_text("a,y\n1,0\n2,1\n", encoding="utf-8")
    (folder / "hex.csv").write_text("a,b,y\n1,0x%s,0\n1,2,1\n" % ("f" * 4000), encoding="utf-8")
    (folder / "tiny.csv").write_text("a,b,y\n1,1e-400,0\n1,2,1\n", encoding="utf-8")
    (folder / "percent.csv").write_text("a,b,y\n1,0.%s%%,0\n1,2,1\n" % ("1" * 5000),
                                        encoding="utf-8")
    (folder / "thousands.csv").write_text('a,b,y\n1,"1%s",0\n1,2,1\n' % (",000" * 1500),
                                          encoding="utf-8")
    return str(folder)


@pytest.mark.parametrize("args, line", HINT_LINES,
                         ids=[" ".join(a)[:50] for a, line in HINT_LINES])
def test_a_hint_is_right_said_once_and_short(hinted, args, line):
    done = run([a.replace("{tmp}", hinted) for a in args])
    assert (done.returncode, done.stderr) == (2, line.replace("{tmp}", hinted) + "\n")
    assert [p for p in error_patterns() if p.search(done.stderr.strip())], done.stderr


def _value_flags():
    """Every flag of every command that takes a value: ``(command, flag)``."""
    from purebp.cli import build_parser
    parser = build_parser()
    found = [(None, action.option_strings[-1]) for action in parser._actions
             if action.option_strings and action.nargs != 0 and not action.choices]
    for action in parser._actions:
        for command, sub in (getattr(action, "choices", None) or {}).items():
            if hasattr(sub, "_actions"):
                found += [(command, a.option_strings[-1]) for a in sub._actions
                          if a.option_strings and a.nargs != 0]
    return found


# Digits in the README's command; the other kinds, two seconds more, in .ci/run's
# long tests.
@pytest.mark.parametrize("kinds", [("9",), pytest.param(("\uff11", "a", "\u2212", "\u3001", " 1"),
                                                         marks=pytest.mark.long)],
                         ids=["digits", "others"])
def test_a_long_word_gives_a_short_line_for_every_flag(kinds):
    """A word of 5000 characters of each kind, for every flag: one line of
    about 300 characters at most (the word by its ends, every rewrite
    clipped; the longest, 322, lists gradcheck --loss's five choices)."""
    flags = _value_flags()
    assert len(flags) > 40
    long_lines = []
    for command, flag in flags:
        for kind in kinds:
            word = (kind * 5000)[:5000]
            done = run(([command] if command else []) + [flag, word])
            lines = done.stderr.splitlines()
            if len(lines) != 1 or len(lines[0]) > 330:
                long_lines.append((command, flag, kind, len(done.stderr), done.stderr[:120]))
    assert long_lines == []


def _long_numbers():
    """Command lines quoting a number of 300 or 4000 digits back: a size of
    --layers in each place (train every time, explain and gradcheck at 4000),
    iris's classes, and --at of 100 and 300 digits."""
    cases = []
    for digits in (300, 4000):
        big = "5" * digits
        for layers in ("1," + big, big + ",1", "3,%s,1" % big):
            commands = ("train", "explain", "gradcheck") if digits == 4000 else ("train",)
            cases += [[command, "--layers", layers] for command in commands]
    cases.append(["train", "--data", "iris", "--classes", "--layers", "5," + "5" * 300])
    cases += [["explain", "--at", "7" * digits] for digits in (100, 300)]
    return cases


@pytest.mark.parametrize("args", _long_numbers(),
                         ids=[" ".join(a)[:40] + "(%d)" % len(a[-1]) for a in _long_numbers()])
def test_a_long_number_is_quoted_short(args):
    done = run(args)
    lines = done.stderr.splitlines()
    assert done.returncode == 2 and len(lines) == 1 and len(lines[0]) < 330, done.stderr[:400]


def _why_table():
    with open(os.path.join(ROOT, "docs", "errors.md"), encoding="utf-8") as f:
        text = f.read()
    section = text[text.index("## Why a number is refused"):]
    section = section[:section.index("\n## ")]
    return re.findall(r"^\| (a float|a count|a fraction|a seed|a rate) \| `(.+?)` \| (.+) \|$",
                      section, re.M)


def test_every_reason_in_errors_md_is_the_one_given():
    """docs/errors.md's "Why a number is refused": each line is what
    numberwords.hint says of its word, read as a float, a count, a fraction,
    a seed or a learning rate (--lr)."""
    from purebp import cli
    from purebp.numberwords import hint
    rows = _why_table()
    assert len(rows) > 30
    from purebp.miniargs import _seed
    reads = {"a float": (False, None), "a count": (True, None),
             "a fraction": (False, lambda w: cli._held_out(cli._float(w))), "a seed": (True, _seed),
             "a rate": (False, lambda w: cli._learning_rate(cli._float(w)))}
    said = [(kind, word, why, hint(ast.literal_eval(word), reads[kind][0], read=reads[kind][1]))
            for kind, word, why in rows]
    assert [row for row in said if row[2] != row[3]] == []


def test_a_long_diagnosis_hint_is_clipped(tmp):
    layers = "3," + ",".join(["4"] * 300) + ",1"
    done = run(["train", "--layers", layers, "--iterations", "1"])
    assert done.returncode in (0, 1)
    said = [line for line in done.stderr.splitlines() if "--layers" in line]
    assert said and max(len(line) for line in said) < 300, said
