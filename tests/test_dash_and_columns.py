"""What a hostile tester tried on --data FILE.csv and its siblings: values that
start with a dash, columns constant on the training rows, numbers that are one
float, and runs that will take hours.

Each message is one line naming what happened and what to write instead,
and is listed in docs/errors.md.
"""

import os

import pytest

import inprocess
from test_bad_input import error_patterns

pytestmark = pytest.mark.needs_processes

CSV = "a,b,y\n1,2,0\n0,1,1\n1,1,0\n0,0,1\n"


def listed(line):
    return any(p.search(line) for p in error_patterns())


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "-x.csv").write_text(CSV)
    (tmp_path / "x.csv").write_text(CSV)
    return tmp_path


def one_line(args, cwd):
    done = inprocess.purebp(args, cwd=str(cwd))
    lines = done.stderr.splitlines()
    assert done.returncode == 2 and len(lines) == 1 and "Traceback" not in done.stderr, done
    assert listed(lines[0]), "docs/errors.md does not list: " + lines[0]
    return lines[0]


# -- values that start with a dash ---------------------------------------------------

@pytest.mark.parametrize("args, flag, word", [
    (["train", "--data", "-x.csv"], "--data", "-x.csv"),
    (["train", "--data", "x.csv", "--save", "-m.json"], "--save", "-m.json"),
    (["train", "--data", "x.csv", "--plot", "-p.svg"], "--plot", "-p.svg"),
    (["draw", "-o", "-n.svg"], "--output", "-n.svg"),
    (["draw", "-o", "n.svg", "--model", "-m.json"], "--model", "-m.json"),
    (["predict", "m.json", "--input", "-x.csv"], "--input", "-x.csv"),
    (["web", "--save", "-p.html"], "--save", "-p.html"),
    (["explain", "--data", "-x.csv"], "--data", "-x.csv"),
    (["gradcheck", "--data", "-x.csv"], "--data", "-x.csv"),
])
def test_a_file_name_that_starts_with_a_dash_gets_both_spellings(folder, args, flag, word):
    line = one_line(args, folder)
    assert "starts with a dash" in line
    assert "%s=%s or %s ./%s" % (flag, word, flag, word) in line


def test_both_spellings_the_message_gives_work(folder):
    for args in (["--data=-x.csv"], ["--data", "./-x.csv"]):
        done = inprocess.purebp(["train", "--iterations", "2", "--quiet"] + args, cwd=str(folder))
        assert done.returncode == 0 and done.stdout.startswith("final sse: "), done
    done = inprocess.purebp(["train", "--data=x.csv", "--iterations", "2", "--quiet",
                             "--save=-m.json"], cwd=str(folder))
    assert done.returncode == 0 and os.path.exists(str(folder / "-m.json"))
    done = inprocess.purebp(["predict", "./-m.json", "1,0"], cwd=str(folder))
    assert done.returncode == 0, done


def test_a_model_file_that_starts_with_a_dash_is_pointed_to_dot_slash(folder):
    line = one_line(["predict", "-m.json", "1,0"], folder)
    assert "unrecognized arguments: -m.json; '-m.json' starts with a dash" in line
    assert "write ./-m.json" in line


@pytest.mark.parametrize("args, words", [
    (["train", "--loss", "-x"], "write --loss=-x"),
    (["train", "--data", "x.csv", "--target", "-q"], "write --target=-q"),
    (["--seed", "-x", "train"], "write --seed=-x"),
])
def test_other_values_that_start_with_a_dash_get_the_equals_sign(folder, args, words):
    line = one_line(args, folder)
    assert "starts with a dash, so it reads as a flag: " + words in line
    assert "./" not in line         # not a file


@pytest.mark.parametrize("args, words", [
    (["train", "--lr", "-1"], "lr: -1.0 is not a finite positive learning rate"),
    (["train", "--lr", "-1e-3"], "lr: -0.001 is not a finite positive learning rate"),
    (["train", "--test-fraction", "-0.5"], "test_fraction: -0.5 is not a fraction"),
    (["train", "--iterations", "-5"], "invalid whole number value: '-5'"),
    (["train", "--lr", "--seed", "5"], "argument --lr: expected one argument"),
    (["predict", "m.json", "--json", "-x,0,1"], "unrecognized arguments: -x,0,1"),
])
def test_numbers_and_missing_values_keep_their_own_messages(folder, args, words):
    line = one_line(args, folder)
    assert words in line
    assert "starts with a dash" not in line
