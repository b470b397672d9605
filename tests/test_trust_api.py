"""Trust, the command line's side of the API work (issue 10, items 8, 13, 18, 19).

* training that fails without an error says so on stderr, in English or
  Chinese, and leaves stdout as it was;
* data that scaling would overflow, and work that cannot finish in a day,
  are refused with one line (and the estimate);
* long work shows progress with the time left, on a terminal only;
* large matrices, long histories and many rows print in a few lines, and
  ``--quiet`` prints only the final metric and the files written.

Every line on stderr must be listed in docs/errors.md.
"""

import io
import json
import os
import random
import re
import subprocess
import sys

import pytest

from test_bad_input import error_patterns

from purebp import PurebpError, load_data, predict, train
from purebp.cli import main
from purebp.network import measure

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def price_rows(rows):
    """A few hundred rows of a smooth target in [0, 1] (purebp adds the bias column)."""
    r = random.Random(5)
    lines = ["size,rooms,price"]
    for _ in range(rows):
        size, rooms = round(r.uniform(0, 1), 3), round(r.uniform(0, 1), 3)
        lines.append("%s,%s,%s" % (size, rooms, round(0.3 * size + 0.5 * rooms + 0.1 * r.random(), 4)))
    return "\n".join(lines) + "\n"


def wide_rows(rows, seed=2):
    r = random.Random(seed)
    lines = ["a,b,c,y"]
    for _ in range(rows):
        a, b, c = r.random(), r.random(), r.random()
        lines.append("%.4f,%.4f,%.4f,%.4f" % (a, b, c, (a + b) / 2))
    return "\n".join(lines) + "\n"


FILES = {
    "prices.csv": price_rows(300),
    "overflow.csv": "a,b,y\n-1e308,0,0\n1e308,1,1\n0,1,0\n",
    "overflow_y.csv": "a,b,y\n1,0,-1e308\n0,1,1e308\n1,1,0\n",
    "rows3000.csv": wide_rows(3000),
}


@pytest.fixture(scope="module")
def tmp(tmp_path_factory):
    folder = tmp_path_factory.mktemp("trust")
    for name, content in FILES.items():
        (folder / name).write_text(content, encoding="utf-8")
    return str(folder)


def purebp(args, tmp="", **env):
    environment = dict(os.environ, PYTHONPATH=ROOT, PYTHONIOENCODING="utf-8")
    for name in ("PUREBP_DEBUG", "LC_ALL", "LC_MESSAGES", "LANG"):
        environment.pop(name, None)
    environment.update(env)
    return subprocess.run([sys.executable, "-S", "-m", "purebp"] + [a.replace("{tmp}", tmp) for a in args],
                          cwd=ROOT, env=environment, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True, timeout=300)


class Done:
    def __init__(self, returncode, stdout, stderr):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def cli(args, capsys, tmp="", monkeypatch=None, **env):
    """The command line in this process (main() as the script runs it): the
    same lines as in a subprocess, without starting Python each time."""
    for name in ("PUREBP_DEBUG", "LC_ALL", "LC_MESSAGES", "LANG"):
        if monkeypatch is not None:
            monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    capsys.readouterr()
    code = main([a.replace("{tmp}", tmp) for a in args])
    captured = capsys.readouterr()
    return Done(code, captured.out, captured.err)


def assert_listed(lines):
    patterns = error_patterns()
    for line in lines:
        text = line.strip()
        text = re.sub(r"^purebp \w+: ", "", text)
        assert any(p.search(text) for p in patterns), "docs/errors.md does not list: " + text


# --- refused, with one line: work with no end, scaling that overflows ---------------------

REFUSED = [
    (["train", "--iterations", "99999999999999999999999999"],
     "iterations: 99999999999999999999999999 iterations of a 3,1 network on 4 rows: about "
     "3.6e+27 multiply-adds, at least 5.7e+12 years at 50 ns each; purebp refuses work of "
     "more than a day"),
    (["train", "--data", "xor", "--layers", "3,4,1", "--iterations", "10000000000000"],
     "iterations: 10000000000000 iterations of a 3,4,1 network on 4 rows"),
    (["explain", "--at", "100000000000000"],
     "at: iteration 100000000000000 comes after 99999999999999 iterations of a 3,1 network"),
    (["gradcheck", "--at", "100000000000000"], "at: iteration 100000000000000 comes after"),
    (["gradcheck", "--layers", "3,2000,1000,1"],
     "weights: a gradient check of a 3,2000,1000,1 network on 4 rows: about 6.4e+13 "
     "multiply-adds, at least 37 days"),
    (["draw", "-o", "{tmp}/n.svg", "--iterations", "99999999999999999999"],
     "iterations: 99999999999999999999 iterations"),
    (["train", "--data", "{tmp}/overflow.csv", "--scale"],
     "overflow.csv: scaling: column 'a' runs from -1e+308 to 1e+308: its range, max - min, "
     "is too large for a float (it overflows to infinity); it cannot be scaled"),
    (["train", "--data", "{tmp}/overflow_y.csv", "--scale-targets"],
     "overflow_y.csv: scaling: column 'y' runs from -1e+308 to 1e+308: its range"),
    (["explain", "--data", "{tmp}/overflow.csv", "--scale"], "scaling: column 'a' runs from -1e+308"),
    (["gradcheck", "--data", "{tmp}/overflow.csv", "--scale"], "scaling: column 'a' runs from -1e+308"),
]


@pytest.mark.parametrize("args, words", REFUSED, ids=[" ".join(a)[:60] for a, _ in REFUSED])
def test_refused_with_one_line_and_exit_2(tmp, args, words, capsys, monkeypatch):
    done = cli(args, capsys, tmp, monkeypatch)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert words.replace("{tmp}", tmp) in lines[0]
    assert_listed(lines)
    assert not os.path.exists(os.path.join(tmp, "n.svg"))


# --- training that fails says so ---------------------------------------------------------

@pytest.mark.needs_processes
def test_failed_training_warns_on_stderr_and_leaves_stdout_alone(tmp):
    args = ["train", "--data", "{tmp}/prices.csv", "--iterations", "200"]    # fails from the start
    english, chinese = purebp(args, tmp), purebp(args + ["--lang", "zh-CN"], tmp)
    assert english.returncode == chinese.returncode == 0
    assert english.stdout == chinese.stdout            # stdout: the same results as ever
    assert "warning" not in english.stdout and "警告" not in chinese.stdout
    lines = english.stderr.splitlines()
    assert lines[0].startswith("purebp train: warning: the sse rose from 15.1 at the start to ")
    assert "  likely cause: each step adds up the errors of all 300 rows, so learning rate 1 " \
           "takes steps 300 times those of one row, far too large" in lines
    assert lines[-1] == "  try: a learning rate near 1/rows: --lr 0.00333"
    assert_listed(lines)
    zh = chinese.stderr.splitlines()
    assert zh[0].startswith("purebp train: 警告：sse 从开始时的 15.1 升到了结束时的 ")
    assert zh[-1] == "  试试：把学习率设为 1/行数 左右：--lr 0.00333"
    assert_listed(zh)
    assert len(zh) == len(lines)


def test_the_warning_follows_a_chinese_locale_and_the_remedy_works(tmp, capsys, monkeypatch):
    args = ["train", "--data", "{tmp}/prices.csv", "--iterations", "500", "--every", "100",
            "--json"]
    located = cli(args, capsys, tmp, monkeypatch, LANG="zh_CN.UTF-8")
    assert located.returncode == 0 and located.stderr.startswith("purebp train: 警告：")
    json.loads(located.stdout)                           # --json: stdout is still the JSON
    remedied = cli(args + ["--lr", "0.00333"], capsys, tmp, monkeypatch)
    assert remedied.returncode == 0 and remedied.stderr == ""
    history = json.loads(remedied.stdout)["history"]
    assert history[-1][1] < history[0][1] / 10


@pytest.mark.parametrize("args", [
    [],                                                   # the article's network
    ["--data", "xor", "--layers", "3,4,1"],
    ["--data", "xor", "--layers", "3,4,1", "--lr", "10", "--loss", "sse", "--metric", "mae"],
    ["--iterations", "1"],
    ["--data", "xor", "--layers", "3,4,1", "--iterations", "100"],
])
def test_training_that_works_does_not_warn(args, capsys, monkeypatch):
    done = cli(["train"] + args, capsys, monkeypatch=monkeypatch)
    assert done.returncode == 0 and done.stderr == "", done.stderr


def test_a_network_stuck_at_one_half_is_named(capsys, monkeypatch):
    done = cli(["train", "--data", "xor", "--iterations", "2000"], capsys, monkeypatch=monkeypatch)
    lines = done.stderr.splitlines()
    assert lines[0] == ("purebp train: warning: every row gets the same output, 0.5, though the "
                        "targets differ: the network learned nothing that tells rows apart")
    assert "  likely cause: the gradient is zero (its largest entry is 0): training cannot move" in lines
    assert lines[-1] == "  try: a hidden layer: --layers 3,4,1"
    assert_listed(lines)
    saturated = cli(["train", "--lr", "100", "--iterations", "1000"], capsys, monkeypatch=monkeypatch)
    assert "saturated on every row" in saturated.stderr
    assert_listed(saturated.stderr.splitlines())


# --- floods ------------------------------------------------------------------------------

def run_main(args):
    out = io.StringIO()
    assert main(args, out=out) == 0
    return out.getvalue()


def test_quiet_prints_the_final_metric_and_the_files_written(tmp):
    model, plot = os.path.join(tmp, "q.json"), os.path.join(tmp, "q.svg")
    lines = run_main(["train", "--data", "xor", "--layers", "3,4,1", "--iterations", "3000",
                      "--quiet", "--save", model, "--plot", plot]).splitlines()
    X, y = load_data("xor")
    final = measure("sse", y, predict(train(X, y, layers=[3, 4, 1], iterations=3000).weights, X))
    assert lines == ["final sse: %r" % final, "saved the model to " + model,
                     "drew the loss curve in " + plot]
    assert run_main(["train", "--quiet", "--metric", "mae"]).startswith("final mae: ")


def test_large_networks_and_many_rows_print_in_a_few_lines(tmp):
    # numpy summarises more than 1000 entries: syn[0] is 3 x 1100, syn[1] 1100 x 1
    big = run_main(["train", "--layers", "3,1100,1", "--iterations", "1"])
    assert len(big.splitlines()) < 60
    assert " ... " in big and "\n ...\n" in big              # numpy's summary, both ways
    assert len(run_main(["train", "--layers", "3,1100,1", "--iterations", "1",
                         "--quiet"]).splitlines()) == 1
    rows = run_main(["train", "--data", os.path.join(tmp, "rows3000.csv"), "--iterations", "1"])
    assert len(rows.splitlines()) < 60
    assert rows.rstrip().endswith("... and 2988 more rows")


def test_a_long_history_prints_its_ends():
    text = run_main(["train", "--iterations", "1000", "--every", "1"])
    lines = text.splitlines()
    assert "      ...  (980 more reports: all of them in --json and --plot)" in lines
    assert "      999  " in text and "       10  " not in text
    assert len(lines) < 60


@pytest.mark.long
@pytest.mark.needs_processes
def test_the_issues_floods_print_a_few_lines(tmp):
    """The issue's cases, as a user runs them: a million weights, 100,000 rows."""
    done = purebp(["train", "--layers", "3,1000,1000,1", "--iterations", "1", "--quiet"])
    assert done.returncode == 0 and done.stdout.splitlines()[0].startswith("final sse: ")
    assert len(done.stdout.splitlines()) == 1
    data = os.path.join(tmp, "rows100000.csv")
    with open(data, "w", encoding="utf-8") as f:
        f.write(wide_rows(100000))
    for extra, most in (([], 60), (["--quiet"], 1)):
        done = purebp(["train", "--data", data, "--iterations", "1"] + extra)
        assert done.returncode == 0 and len(done.stdout.splitlines()) <= most, done.stdout


# --- progress on a terminal --------------------------------------------------------------

class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_long_work_shows_progress_with_the_time_left_on_a_terminal(monkeypatch):
    stderr = Terminal()
    monkeypatch.setattr(sys, "stderr", stderr)
    run_main(["explain", "--at", "3000"])
    assert "iteration 2999/2999" in stderr.getvalue() and " left" in stderr.getvalue()
    stderr.truncate(0)
    run_main(["gradcheck", "--data", "xor", "--layers", "3,4,1"])
    assert "weight 16/16" in stderr.getvalue() and " left" in stderr.getvalue()
    assert stderr.getvalue().endswith("\r\033[K")           # the line is cleared at the end
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    run_main(["explain", "--at", "3000"])
    assert piped.getvalue() == ""


def test_divergence_on_large_unscaled_inputs_points_at_scaling():
    """Inputs near 1e308 overflow the sums whatever the rate: the command
    line says to scale them, not only to lower the rate."""
    import argparse
    from purebp.cli import _unscaled_hint
    from purebp.errors import TrainingError
    error = TrainingError("training diverged at iteration 1: ...")
    large = argparse.Namespace(largest_input=1e308, scale=False)
    assert _unscaled_hint(large, error) == (
        "; or first scale the inputs, which reach 1e+308, to [0, 1]: --scale")
    assert _unscaled_hint(argparse.Namespace(largest_input=1e308, scale=True), error) == ""
    assert _unscaled_hint(argparse.Namespace(largest_input=1.0, scale=False), error) == ""
    assert _unscaled_hint(large, PurebpError("lr: ...")) == ""


# --- the page and the notebook take what they mean, with the command line's limits ---------

@pytest.mark.parametrize("flags, settings", [
    (["--iterations", "99999999999999999999999999"], {"iterations": 99999999999999999999999999}),
    (["--data", "xor", "--layers", "3,4,1", "--iterations", "10000000000000"],
     {"data": "xor", "layers": [3, 4, 1], "iterations": 10000000000000}),
    (["--lr", "inf"], {"lr": float("inf")}),
    (["--layers", "3,5000,5000,1"], {"layers": [3, 5000, 5000, 1]}),
])
def test_the_page_refuses_what_train_refuses_in_trains_words(flags, settings, capsys, monkeypatch):
    from purebp import page
    done = cli(["train"] + flags, capsys, monkeypatch=monkeypatch)
    assert done.returncode == 2
    reply = page.request(dict(settings, do="start"))
    assert done.stderr == "purebp train: error: %s\n" % reply["error"]
    assert_listed([reply["error"]])


def test_the_notebooks_pictures_name_what_they_were_given_instead():
    from purebp import gradient_check, initial_weights
    from purebp.model import Model
    from purebp.narration import explain
    from purebp.notebook import gradcheck_html, model_svg, story_html, training_svg
    X, y = load_data("seed")
    trained = train(X, y, iterations=20)
    story = explain(X, y, [3, 1])
    check = gradient_check(initial_weights([3, 1], 1), X, y)
    wrong = [(training_svg, (None,), "training_svg: result: expected a Training (what train "
                                     "returns), got None"),
             (training_svg, ({"history": []},), "training_svg: result: expected a Training"),
             (model_svg, (trained,), "model_svg: model: expected a Model (Model.from_training "
                                     "or load makes one), got a Training"),
             (story_html, (dict(story),), "story_html: story: expected a Story (what explain "
                                          "returns), got a dict"),
             (story_html, (story, "fr"), "lang: unknown language 'fr'; choose from: en, zh-CN"),
             (story_html, (story, None), "lang: unknown language None"),
             (gradcheck_html, (story,), "gradcheck_html: check: expected a GradientCheck (what "
                                        "gradient_check returns), got a Story"),
             (gradcheck_html, (check, 0), "most: 0 is not a whole number of at least 1"),
             (gradcheck_html, (check, "5"), "most: '5' is not a whole number of at least 1"),
             (gradcheck_html, (check, True), "most: True is not a whole number of at least 1"),
             (gradcheck_html, (check, 2.0), "most: 2.0 is not a whole number of at least 1")]
    for function, args, words in wrong:
        with pytest.raises(PurebpError) as refused:
            function(*args)
        assert str(refused.value).startswith(words), (function.__name__, str(refused.value))
        assert_listed([str(refused.value)])
    assert gradcheck_html(check, 10 ** 400).count("<tr>") == 1 + len(check.comparisons)
    assert model_svg(Model.from_training(trained)).startswith("<?xml")
    assert "<svg" in training_svg(trained) and story_html(story, "zh-CN").startswith("<table")
