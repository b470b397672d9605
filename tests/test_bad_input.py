"""Bad input of every kind: one line naming the problem, the right exit code, no traceback.

Each case is run as a user runs it, in a subprocess. Every message must also
match an entry of docs/errors.md, so that page cannot fall behind.
"""

import json
import os
import re
import subprocess
import sys

import pytest

import inprocess

pytestmark = pytest.mark.needs_processes

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

GOOD_MODEL = {
    "format": "purebp-model", "version": 1, "purebp_version": "0.1.0", "layers": [3, 2, 1],
    "activation": "sigmoid", "loss": "half-sse", "inputs": ["x1", "x2", "x3"],
    "targets": ["y"], "scaling": {"inputs": None, "targets": None},
    "weights": [[[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], [[0.7], [0.8]]],
    "training": {"seed": 1},
}


def model_with(**changes):
    document = json.loads(json.dumps(GOOD_MODEL))
    for key, value in changes.items():
        if value is REMOVE:
            del document[key]
        else:
            document[key] = value
    return json.dumps(document)


REMOVE = object()

# name: file contents (str is written as UTF-8, bytes as they are)
FILES = {
    "good.csv": "x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n",
    "empty.csv": "",
    "blank.csv": "\n\n  \n",
    "header_only.csv": "a,b,y\n",
    "latin1.csv": b"a,b,y\n0,0,1\n0,1,caf\xe9\n",
    "word.csv": "a,b,y\n0,0,1\n0,abc,1\n",
    "empty_cell.csv": "a,b,y\n0,0,1\n0,,1\n",
    "nan.csv": "a,b,y\n0,0,1\nnan,1,1\n",
    "inf.csv": "a,b,y\n0,0,1\n1,inf,1\n",
    "huge.csv": "a,b,y\n0,0,1\n1,1e400,1\n",
    "ragged.csv": "a,b,y\n0,0,1\n0,1\n",
    "middle_blank.csv": "a,b,y\n0,0,1\n\n0,1,1\n",
    "one_column.csv": "y\n0\n1\n",
    "twice.csv": "a,a,y\n0,0,1\n",
    "no_name.csv": "a,,y\n0,0,1\n",
    "big_targets.csv": "a,b,y\n0,0,1\n0,1,7.5\n",
    "quote.csv": 'a,b,y\n0,"1,1\n',
    "diverges.csv": "a,b,y\n" + "1,1,1\n" * 20,
    "not_json.json": "this is not JSON",
    "truncated.json": model_with()[:60],
    "empty.json": "",
    "latin1.json": b'{"format": "purebp-mod\xe9l"}',
    "array.json": "[1, 2, 3]",
    "wrong_format.json": model_with(format="keras"),
    "new_version.json": model_with(version=3),
    "missing_key.json": model_with(weights=REMOVE),
    "extra_key.json": model_with(optimizer="adam"),
    "nan_weight.json": model_with().replace('[[[0.1', '[[[NaN', 1),
    "infinity.json": model_with().replace('0.2', 'Infinity', 1),
    "huge_weight.json": model_with().replace('0.3', '1e400', 1),
    "string_weight.json": model_with().replace('0.4', '"0.4"', 1),
    "bool_weight.json": model_with().replace('0.5', 'true', 1),
    "no_chain.json": model_with(weights=[[[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]],
                                         [[0.7], [0.8], [0.9]]]),
    "few_matrices.json": model_with(weights=[[[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]]),
    "bad_layers.json": model_with(layers=[3, 0, 1]),
    "bad_loss.json": model_with(loss="hinge"),
    "bad_activation.json": model_with(activation="swish"),
    "softmax_one_output.json": model_with(loss="softmax"),
    "list_loss.json": model_with(loss=["sse"]),
    "two_hot.csv": "a,b,c0,c1\n0,0,1,0\n0,1,1,1\n1,0,0,1\n",
    "few_names.json": model_with(inputs=["x1"]),
    "bad_scaling.json": model_with(scaling={"inputs": {"min": [0, 0, 0], "max": [1, 1]},
                                            "targets": None}),
    "duplicate_key.json": model_with()[:-1] + ', "loss": "sse"}',
    "deep.json": "[" * 100000 + "]" * 100000,
    "long_int.json": model_with().replace('"version": 1', '"version": ' + "9" * 5000),
}

# (arguments, exit code, words the one line must contain)
CASES = [
    # flags
    (["train", "--layers", "3,,1"], 2, "'3,,1' is not a list of two or more layer sizes"),
    (["train", "--layers", "3,0,1"], 2, "'3,0,1' is not a list"),
    (["train", "--layers", "3"], 2, "'3' is not a list"),
    (["train", "--layers", "2,4,1"], 2, "the first size is 2, but the data has 3 inputs"),
    (["train", "--layers", "3,4,2"], 2, "the last size is 2, but the data has 1 output"),
    (["train", "--layers", "3,100000,1000,1"], 2, "would need 100301000 weights"),
    (["train", "--lr", "nan"], 2, "lr: nan is not a finite positive learning rate"),
    (["train", "--lr", "-0.5"], 2, "lr: -0.5 is not a finite positive"),
    (["train", "--lr", "inf"], 2, "lr: inf is not a finite positive"),
    (["train", "--lr", "0"], 2, "lr: 0.0 is not a finite positive"),
    (["train", "--lr", "fast"], 2, "argument --lr: invalid float value: 'fast'"),
    (["train", "--lr", "1e-400"], 2, "argument --lr: '1e-400' is too small for a float: it would be 0.0"),
    (["explain", "--lr", "-1e999"], 2, "argument --lr: '-1e999' is too large for a float: it would be -inf"),
    (["train", "--data", "iris", "--test-fraction", "1e-400"], 2, "'1e-400' is too small for a float"),
    (["train", "--iterations", "0"], 2, "iterations: 0 is not a whole number of at least 1"),
    (["train", "--iterations", "-5"], 2, "argument --iterations: invalid whole number value"),
    (["train", "--iterations", "1.5"], 2, "argument --iterations: invalid whole number value"),
    (["train", "--every", "-1"], 2, "argument --every: invalid whole number value"),
    (["train", "--seed", "4294967296"], 2, "seed: 4294967296 is out of range"),
    (["train", "--metric", "rmse"], 2, "argument --metric: invalid choice: 'rmse'"),
    (["train", "--loss", "l1"], 2, "argument --loss: invalid choice: 'l1'"),
    (["train", "--batches", "5"], 2, "unrecognized arguments: --batches 5"),
    # conventions and mini-batches (issue 11)
    (["train", "--batch-size", "0"], 2, "batch_size: 0 is not a whole number of at least 1"),
    (["train", "--batch-size", "5"], 2, "batch_size: 5 is more than the training data's 4 rows; give at most 4"),
    (["train", "--batch-size", "-2"], 2, "argument --batch-size: invalid whole number value"),
    (["train", "--batch-size", "2", "--iterations", "10"], 2, "iterations with a batch size"),
    (["train", "--iterations", "5", "--epochs", "6"], 2,
     "iterations 5 and epochs 6: in full-batch training an iteration is an epoch"),
    (["train", "--epochs", "0"], 2, "epochs: 0 is not a whole number of at least 1"),
    (["train", "--epochs", "1.5"], 2, "argument --epochs: invalid whole number value"),
    (["train", "--loss", "softmax"], 2, "loss softmax needs two or more outputs, one per class"),
    (["train", "--loss", "hinge"], 2, "argument --loss: invalid choice: 'hinge'"),
    (["train", "--activation", "tanh"], 2, "--activation picks the hidden layers' activation"),
    (["train", "--activation", "swish", "--layers", "3,4,1"], 2,
     "argument --activation: invalid choice: 'swish'"),
    (["train", "--layers", "3,4,1", "--activation", "softmax"], 2,
     "argument --activation: invalid choice: 'softmax'"),
    (["train", "--metric", "f1"], 2, "argument --metric: invalid choice: 'f1'"),
    (["train", "--data", "{tmp}/two_hot.csv", "--target", "c0", "--target", "c1", "--loss",
      "softmax"], 2, "loss softmax: target row 1 sums to 2.0, not 1"),
    (["explain", "--batch-size", "9"], 2, "batch_size: 9 is more than the training data's 4 rows"),
    (["explain", "--activation", "relu"], 2, "leave out --activation"),
    (["gradcheck", "--data", "xor", "--layers", "3,4,1", "--batch-size", "0"], 2,
     "batch_size: 0 is not"),
    (["gradcheck", "--loss", "softmax"], 2, "loss softmax needs two or more outputs"),
    (["draw", "--chain-rule", "-o", "{tmp}/c.svg", "--loss", "softmax"], 2,
     "loss softmax needs two or more outputs"),
    (["draw", "--chain-rule", "-o", "{tmp}/c.svg", "--batch-size", "2"], 2,
     "leave out --batch-size"),
    (["draw", "-o", "{tmp}/n.svg", "--epochs", "2", "--iterations", "3"], 2,
     "iterations 3 and epochs 2"),
    (["train", "--data", "{tmp}/diverges.csv", "--lr", "1e308", "--loss", "sse",
      "--batch-size", "10", "--epochs", "2"], 1, "training diverged in epoch 0, at step 0"),
    (["fit"], 2, "argument command: invalid choice: 'fit'"),
    (["explain", "--at", "0"], 2, "argument --at: invalid iteration number"),
    (["train", "--data", "wine"], 2, "--data 'wine' is neither a built-in data set"),
    (["train", "--target", "y"], 2, "apply to CSV files, not to the built-in data 'seed'"),
    (["train", "--save", "{tmp}/no/such/folder/m.json"], 2, "the folder"),
    (["train", "--save", "{tmp}"], 2, "is a directory; give a file name"),
    (["draw", "--data", "xor"], 2, "the following arguments are required: -o/--output"),
    (["draw", "-o", "{tmp}"], 2, "-o {tmp}: is a directory"),
    (["draw", "--chain-rule", "-o", "{tmp}/c.svg", "--model", "{tmp}/good.json"], 2,
     "leave out --model"),
    (["draw", "--chain-rule", "-o", "{tmp}/c.svg", "--row", "4"], 2, "--row 4: the article's"),
    (["draw", "-o", "{tmp}/n.svg", "--model", "{tmp}/bad_loss.json"], 2, "model loss"),
    (["train", "--plot", "{tmp}/l.svg", "--every", "0"], 2, "--plot needs reports"),
    (["train", "--plot", "{tmp}/no/such/l.svg"], 2, "--plot {tmp}/no/such/l.svg: the folder"),
    (["predict"], 2, "the following arguments are required: MODEL.json"),
    # CSV files
    (["train", "--data", "{tmp}/missing.csv"], 2, "missing.csv: no such file"),
    (["train", "--data", "{tmp}/folder.csv"], 2, "folder.csv: data file is a directory"),
    (["train", "--data", "{tmp}/empty.csv"], 2, "empty.csv: the file is empty"),
    (["train", "--data", "{tmp}/blank.csv"], 2, "blank.csv: the file is empty"),
    (["train", "--data", "{tmp}/header_only.csv"], 2, "there is a header but no rows of data"),
    (["train", "--data", "{tmp}/latin1.csv"], 2, "line 3 is not UTF-8 text (byte 0xe9)"),
    (["train", "--data", "{tmp}/word.csv"], 2, "line 3, column 2 (b): 'abc' is not a finite number"),
    (["train", "--data", "{tmp}/empty_cell.csv"], 2, "line 3, column 2 (b): an empty cell"),
    (["train", "--data", "{tmp}/nan.csv"], 2, "line 3, column 1 (a): 'nan' is not a finite number"),
    (["train", "--data", "{tmp}/inf.csv"], 2, "line 3, column 2 (b): 'inf' is not a finite"),
    (["train", "--data", "{tmp}/huge.csv"], 2, "line 3, column 2 (b): '1e400' is not a finite"),
    (["train", "--data", "{tmp}/ragged.csv"], 2, "line 3 has 2 cells, but there are 3 columns"),
    (["train", "--data", "{tmp}/middle_blank.csv"], 2, "line 3 is blank"),
    (["train", "--data", "{tmp}/one_column.csv"], 2, "needs at least two columns"),
    (["train", "--data", "{tmp}/twice.csv"], 2, "the header names 'a' twice"),
    (["train", "--data", "{tmp}/no_name.csv"], 2, "column 2 of the header has no name"),
    (["train", "--data", "{tmp}/big_targets.csv"], 2, "target 'y' runs from 1 to 7.5"),
    (["train", "--data", "{tmp}/good.csv", "--target", "z"], 2, "no column named 'z'"),
    (["train", "--data", "{tmp}/good.csv", "--target", "9"], 2, "there is no column 9"),
    (["train", "--data", "{tmp}/good.csv", "--target", "y", "--target", "2"], 2,
     "column 'y' is a target twice"),
    (["train", "--data", "{tmp}/good.csv", "--target", "0", "--target", "1", "--target", "2"],
     2, "every column is a target"),
    (["train", "--data", "{tmp}/good.csv", "--layers", "4,1"], 2,
     "the first size is 4, but the data has 3 inputs"),
    (["train", "--data", "{tmp}/quote.csv"], 2, "quote.csv: line"),
    (["train", "--data", "{tmp}/diverges.csv", "--lr", "1e308", "--loss", "sse"], 1,
     "training diverged at iteration 0"),
    # model files
    (["predict", "{tmp}/missing.json", "1,0,1"], 2, "missing.json: no such file"),
    (["predict", "{tmp}", "1,0,1"], 2, "model file is a directory"),
    (["predict", "{tmp}/empty.json", "1,0,1"], 2, "not a purebp model: not valid JSON"),
    (["predict", "{tmp}/not_json.json", "1,0,1"], 2, "not a purebp model: not valid JSON"),
    (["predict", "{tmp}/truncated.json", "1,0,1"], 2, "not a purebp model: not valid JSON"),
    (["predict", "{tmp}/latin1.json", "1,0,1"], 2, "line 1 is not UTF-8 text"),
    (["predict", "{tmp}/array.json", "1,0,1"], 2, "the file holds a JSON array, not an object"),
    (["predict", "{tmp}/wrong_format.json", "1,0,1"], 2, "\"format\" is \"keras\""),
    (["predict", "{tmp}/new_version.json", "1,0,1"], 2, "model format version 3"),
    (["predict", "{tmp}/missing_key.json", "1,0,1"], 2, "model is missing 'weights'"),
    (["predict", "{tmp}/extra_key.json", "1,0,1"], 2, "model has unknown key: 'optimizer'"),
    (["predict", "{tmp}/nan_weight.json", "1,0,1"], 2, "JSON has NaN, which is not a finite"),
    (["predict", "{tmp}/infinity.json", "1,0,1"], 2, "JSON has Infinity"),
    (["predict", "{tmp}/huge_weight.json", "1,0,1"], 2,
     "weights[0]: row 1, column 0: Infinity is not a finite number"),
    (["predict", "{tmp}/string_weight.json", "1,0,1"], 2, "\"0.4\" is not a finite number"),
    (["predict", "{tmp}/bool_weight.json", "1,0,1"], 2, "true is not a finite number"),
    (["predict", "{tmp}/no_chain.json", "1,0,1"], 2, "weights[1] must be a 2 x 1 matrix"),
    (["predict", "{tmp}/few_matrices.json", "1,0,1"], 2, "must be a list of 2 matrices"),
    (["predict", "{tmp}/bad_layers.json", "1,0,1"], 2, "\"layers\" is not a list of two or more"),
    (["predict", "{tmp}/bad_loss.json", "1,0,1"], 2, "model loss \"hinge\": purebp knows"),
    (["predict", "{tmp}/list_loss.json", "1,0,1"], 2, "model loss [\"sse\"]: purebp knows"),
    (["predict", "{tmp}/bad_activation.json", "1,0,1"], 2, "model activation \"swish\""),
    (["predict", "{tmp}/softmax_one_output.json", "1,0,1"], 2,
     "model loss \"softmax\" needs 2 or more outputs, but \"layers\" ends in 1"),
    (["predict", "{tmp}/few_names.json", "1,0,1"], 2, "model \"inputs\" must be a list of 3 names"),
    (["predict", "{tmp}/bad_scaling.json", "1,0,1"], 2, "\"max\" must be 3 finite numbers"),
    (["predict", "{tmp}/duplicate_key.json", "1,0,1"], 2, "the key 'loss' appears twice"),
    (["predict", "{tmp}/deep.json", "1,0,1"], 2, "not a purebp model"),
    (["predict", "{tmp}/long_int.json", "1,0,1"], 2, "a number with 5000 digits"),
    # predictions
    (["predict", "{tmp}/good.json", "1,0"], 2, "input '1,0' has 2 numbers, but the model takes 3"),
    (["predict", "{tmp}/good.json", "1,x,1"], 2, "input '1,x,1': 'x' is not a finite number"),
    (["predict", "{tmp}/good.json", "1,nan,1"], 2, "'nan' is not a finite number"),
    (["predict", "{tmp}/good.json"], 2, "no inputs: give some"),
    (["predict", "{tmp}/good.json", "1,0,1", "--input", "{tmp}/good.csv"], 2, "not both"),
    (["predict", "{tmp}/good.json", "--input", "{tmp}/word.csv"], 2, "the header has no column"),
    (["predict", "{tmp}/good.json", "--input", "{tmp}/one_column.csv"], 2,
     "the header has no column 'x1'"),
    (["predict", "{tmp}/good.json", "--input", "{tmp}/missing.csv"], 2, "no such file"),
    # a row may start with a minus (tests/test_trust_cli.py): it reaches the row checks
    (["predict", "{tmp}/good.json", "-1,0"], 2, "input '-1,0' has 2 numbers, but the model takes 3"),
    # the page: a port or a file the page cannot have
    (["web", "--port", "65536"], 2, "argument --port: invalid port number (0 to 65535) value: '65536'"),
    (["web", "--save", "{tmp}"], 2, "--save {tmp}: is a directory; give a file name"),
    (["web", "--save", "{tmp}/p.html", "--port", "0"], 2, "--port and --no-browser are for serving"),
    (["web", "--save", "{tmp}/no/page.html"], 2, "--save {tmp}/no/page.html: the folder {tmp}/no does not exist"),
]


@pytest.fixture(scope="module")
def tmp(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad")
    for name, content in FILES.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (folder / name).write_bytes(data)
    (folder / "folder.csv").mkdir()
    (folder / "good.json").write_text(model_with(), encoding="utf-8")
    return str(folder)


class Listed:
    """One message of docs/errors.md: ``search(line)`` as its regular expression's.

    The longest literal piece of the message is looked for first: a line
    without it cannot match, and ``in`` rules out most of the 300 messages
    faster than the expression can (the tables check hundreds of lines)."""

    def __init__(self, parts):
        self.piece = max(parts, key=len)
        self.regex = re.compile(".+?".join(re.escape(p) for p in parts))

    def search(self, line):
        line = _CLIPPED.sub("'", line)      # a long word's length, after it (numberwords.clip)
        return self.piece in line and self.regex.search(line)


_CLIPPED = re.compile(r"' \(\d+ characters\)")


_PATTERNS = []


def error_patterns():
    """The messages docs/errors.md lists, each with a ``search(line)``, read once a session."""
    if not _PATTERNS:
        with open(os.path.join(ROOT, "docs", "errors.md"), encoding="utf-8") as f:
            text = f.read()
        for message in re.findall(r"^\| `([^`]+)` \|", text, re.M):
            _PATTERNS.append(Listed(re.split(r"<[^>]+>", message)))
    return _PATTERNS


def run(args):
    """``python -m purebp ARGS``, in this process (tests/inprocess.py says how)."""
    return inprocess.purebp(args)


def run_program(args):
    """``python -m purebp ARGS`` as a program of its own."""
    env = dict(os.environ, PYTHONPATH=ROOT)
    env.pop("PUREBP_DEBUG", None)
    return subprocess.run([sys.executable, "-S", "-m", "purebp"] + args, cwd=ROOT, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=120)


def test_the_table_is_big_enough():
    assert len(CASES) >= 40
    assert len({tuple(case[0]) for case in CASES}) == len(CASES)


def assert_bad_input(args, code, words, tmp):
    """A row of a bad-input table: one line on stderr, its exit code, the words, listed
    in docs/errors.md; no traceback. ``{tmp}`` in the row is the test's folder."""
    done = run([a.replace("{tmp}", tmp) for a in args])
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert done.returncode == code, done.stderr
    assert words.replace("{tmp}", tmp) in lines[0], lines[0]
    assert any(p.search(lines[0]) for p in error_patterns()), \
        "docs/errors.md does not list: " + lines[0]
    return done


@pytest.mark.parametrize("args, code, words", CASES, ids=[" ".join(c[0])[:60] for c in CASES])
def test_bad_input_gives_one_line_and_its_exit_code(tmp, args, code, words):
    assert_bad_input(args, code, words, tmp)


# Also as a program: the first case of each exit code and every 30th in the
# default run; every 10th besides under -m long.
FIRSTS = [[case for case in CASES if case[1] == code][0]
          for code in sorted(set(case[1] for case in CASES))]
SAMPLE = FIRSTS + [case for case in CASES[::30] if case not in FIRSTS]
SAMPLE += [pytest.param(*case, marks=pytest.mark.long)
           for case in CASES[::10] if case not in SAMPLE]


@pytest.mark.parametrize("args, code, words", SAMPLE,
                         ids=[" ".join((c.values if hasattr(c, "values") else c)[0])[:60]
                              for c in SAMPLE])
def test_in_process_is_the_program(tmp, args, code, words):
    args = [a.replace("{tmp}", tmp) for a in args]
    program, here = run_program(args), run(args)
    assert (here.returncode, here.stdout, here.stderr) == (
        program.returncode, program.stdout, program.stderr)


def test_debug_shows_the_traceback(tmp):
    env = dict(os.environ, PYTHONPATH=ROOT, PUREBP_DEBUG="1")
    done = subprocess.run([sys.executable, "-S", "-m", "purebp", "train", "--data", tmp + "/word.csv"],
                          cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    assert "Traceback" in done.stderr and "PurebpError" in done.stderr
    assert done.returncode == 1


def test_unreadable_file_is_named(tmp, monkeypatch):
    from purebp import PurebpError
    from purebp import csvdata, files

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "open", refuse, raising=False)
    with pytest.raises(PurebpError, match="permission denied: purebp cannot read it"):
        csvdata.read_csv(os.path.join(tmp, "good.csv"))
