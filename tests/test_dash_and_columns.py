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


def test_no_dot_slash_hint_once_the_model_is_given(folder):
    """After the model, a word is a row, and no spelling makes ./-x.csv one
    (--input=-x.csv reads it: the flag's own hint says so)."""
    done = inprocess.purebp(["train", "--data=x.csv", "--iterations", "2", "--quiet",
                             "--save", "m.json"], cwd=str(folder))
    assert done.returncode == 0, done
    for args in (["predict", "m.json", "-x.csv"], ["predict", "m.json", "-1,0", "-y.json"]):
        line = one_line(args, folder)
        assert "unrecognized arguments" in line and "starts with a dash" not in line


def test_a_model_file_that_starts_with_a_dash_is_pointed_to_dot_slash(folder):
    line = one_line(["predict", "-m.json", "1,0"], folder)
    assert "unrecognized arguments: -m.json; '-m.json' starts with a dash" in line
    assert "write ./-m.json" in line


def test_a_model_alone_that_starts_with_a_dash_is_pointed_to_dot_slash(folder):
    """predict -m.json with no rows: argparse says the model is missing; the
    word it took for a flag is named, with how to write it."""
    line = one_line(["predict", "-m.json"], folder)
    assert "arguments are required: MODEL.json, INPUT; '-m.json' starts with a dash" in line
    assert "write ./-m.json" in line
    for args in (["predict"], ["predict", "--", "-m.json"]):
        done = inprocess.purebp(args, cwd=str(folder))
        assert "starts with a dash" not in done.stderr, done


@pytest.mark.parametrize("args, words", [
    (["train", "--data", "x.csv", "--target", "-q"], "write --target=-q"),
    (["train", "--data", "x.csv", "--target", "-q", "--classes"], "write --target=-q"),
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
    # no spelling would make these values work: no hint to write them otherwise
    (["train", "--loss", "-x"], "argument --loss: expected one argument"),
    (["train", "--activation", "-sigmoid"], "argument --activation: expected one argument"),
    (["--seed", "-x", "train"], "argument --seed: expected one argument"),
    (["train", "--lr", "-x"], "argument --lr: expected one argument"),
    (["train", "--layers", "-x,1"], "argument --layers: expected one argument"),
    (["predict", "m.json", "--json", "-x,0,1"], "unrecognized arguments: -x,0,1"),
])
def test_numbers_and_missing_values_keep_their_own_messages(folder, args, words):
    line = one_line(args, folder)
    assert words in line
    assert "starts with a dash" not in line


# -- a column that is one number on the training rows ---------------------------------

def _csv(tmp_path, name, lines):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def _held_out(path, fraction, seed):
    """The rows --test-fraction holds out, as purebp.holdout picks them."""
    from purebp.holdout import split
    rows = sum(1 for _ in open(path)) - 1
    return split(rows, fraction, seed)[1]


def _varying_in(held, rows=20):
    """A file whose column c is 5 on every row but the held-out ones (9, 11),
    and whose target is 0.5 but on the held-out ones too (0.9)."""
    lines = ["a,c,y"]
    for r in range(rows):
        c = (9 if r == held[0] else 11) if r in held[:2] else 5
        lines.append("%d,%d,%s" % (r % 3, c, "0.9" if r == held[-1] else "0.5"))
    return lines


@pytest.mark.parametrize("seed", [1, 2, 7])
def test_an_input_constant_on_the_training_rows_is_named_with_the_held_out_values(tmp_path, seed):
    path = _csv(tmp_path, "probe.csv", ["a,c,y"] + ["0,0,0"] * 20)
    held = _held_out(path, 0.3, seed)
    path = _csv(tmp_path, "c.csv", _varying_in(held))
    done = inprocess.purebp(["train", "--data", path, "--test-fraction", "0.3", "--scale",
                             "--scale-targets", "--iterations", "5", "--quiet", "--seed", seed])
    assert done.returncode == 0, done
    lines = done.stderr.splitlines()
    inputs = [line for line in lines if "input 'c' is 5 on every training row" in line]
    assert len(inputs) == 1, done.stderr
    assert "2 of the 6 held-out rows hold other values (9 to 11), which also map to 0" in inputs[0]
    targets = [line for line in lines if "target 'y' is 0.5 on every training row" in line]
    assert len(targets) == 1, done.stderr
    assert "the model predicts 0.5 for every row" in targets[0]
    assert "1 of the 6 held-out rows holds another value (0.9)" in targets[0]
    for line in inputs + targets:
        assert line.startswith("purebp train: warning: ") and listed(line), line
    assert done.stdout.startswith("final sse: ")      # stdout as before, warnings on stderr


def test_a_column_constant_everywhere_or_varying_on_the_training_rows_is_not_warned(tmp_path):
    path = _csv(tmp_path, "fine.csv", ["a,c,y"] + ["%d,5,%s" % (r, r / 20) for r in range(20)])
    done = inprocess.purebp(["train", "--data", path, "--test-fraction", "0.3", "--scale",
                             "--scale-targets", "--iterations", "5", "--quiet"])
    assert done.returncode == 0 and "warning: input" not in done.stderr, done.stderr
    assert "warning: target" not in done.stderr


def test_the_scaling_warnings_from_python_are_on_the_table(tmp_path):
    from purebp.csvdata import read_csv
    path = _csv(tmp_path, "d.csv", ["a,b,y", "1,3,0.5", "2,3,0.5", "3,4,0.7"])
    table = read_csv(path, scale_inputs=True, scale_targets=True, fit_rows=[0, 1])
    assert [w.split(" is ")[0] for w in table.warnings] == ["input 'b'", "target 'y'"]
    assert read_csv(path, scale_inputs=True, scale_targets=True).warnings == []


# -- numbers that are one float ------------------------------------------------------

@pytest.mark.parametrize("low, high, whole", [
    ("9007199254740992", "9007199254740993", True),
    ("-9007199254740993", "-9007199254740992", True),
    ("1e300", "1.0000000000000000000001e300", True),
    ("10", "10.000000000000000001", False),
])
def test_a_target_of_numbers_that_are_one_float_is_not_called_always_one_value(tmp_path, low,
                                                                             high, whole):
    path = _csv(tmp_path, "ids.csv", ["a,y", "0," + high, "1," + low, "0," + high])
    line = one_line(["train", "--data", path], tmp_path)
    assert "always" not in line
    assert "holds different numbers in the file" in line and "but as floats they are one" in line
    if not whole:
        assert line.endswith("give it in other units, or with fewer digits")
        return
    assert "add --classes (labels are read exactly)" in line
    done = inprocess.purebp(["train", "--data", path, "--classes", "--iterations", "3",
                             "--quiet"])
    assert done.returncode == 0, done        # as labels, read exactly: two classes


@pytest.mark.parametrize("cells, words", [
    (("7", "7"), "is always 7,"),
    (("9007199254740992", "9007199254740992.0"), "is always 9007199254740992,"),
    (("1234567", "1234568"), "from 1234567 to 1234568"),
    (("1234567.5", "1234568.25"), "runs from 1234567.5 to 1234568.25"),
    (("-2.000001", "-2.000002"), "runs from -2.000002 to -2.000001"),
])
def test_a_target_out_of_range_is_reported_with_its_true_numbers(tmp_path, cells, words):
    path = _csv(tmp_path, "t.csv", ["a,y", "0," + cells[0], "1," + cells[1]])
    assert words in one_line(["train", "--data", path], tmp_path)


@pytest.mark.parametrize("flags, kind", [(["--scale"], "input"),
                                         (["--scale-targets"], "target")])
def test_a_scaled_column_of_numbers_that_are_one_float_is_warned(tmp_path, flags, kind):
    big = ["9007199254740993", "9007199254740992"]
    if kind == "input":
        lines = ["id,y"] + ["%s,%d" % (big[r % 2], r % 2) for r in range(4)]
    else:
        lines = ["a,id"] + ["%d,%s" % (r % 2, big[r % 2]) for r in range(4)]
    path = _csv(tmp_path, "big.csv", lines)
    done = inprocess.purebp(["train", "--data", path, "--iterations", "3", "--quiet"] + flags)
    assert done.returncode == 0, done
    line = done.stderr.splitlines()[0]
    assert line.startswith("purebp train: warning: %s 'id' holds different numbers" % kind)
    assert "(9007199254740992 to 9007199254740993)" in line and listed(line)


def test_a_stall_is_reported_with_numbers_that_differ():
    from purebp.diagnosis import _symptom
    key, (metric, start, end) = _symptom(None, None, 0.69314, 0.69313, "loss", 5000)
    assert key == "flat" and start != end
    key, (metric, start, end) = _symptom(None, None, 0.5, 0.50001, "mae", 5)
    assert key == "rose" and (start, end) == ("0.5", "0.50001")


# -- a run that will take long is foretold -------------------------------------------

def _ticking(*times):
    ticks = iter(times)
    return lambda: next(ticks)


def test_progress_foretells_a_long_run_once_after_the_first_slice():
    import io
    from purebp.chart import Progress
    stream = io.StringIO()
    said = []

    def note(seconds, done, elapsed):
        said.append((seconds, done, elapsed))
        return "long: %d s" % seconds

    # start at 0; 1 s in (before the first slice ends) nothing; at 2.5 s with
    # 10 of 10000 done: 2500 s in all, said once; later calls say nothing more
    line = Progress(10000, stream=stream, enabled=False, long_run=note,
                    clock=_ticking(0.0, 1.0, 2.5, 5.0, 9.0))
    for done in (5, 10, 20, 40):
        line.due(done)
    assert said == [(2500.0, 10, 2.5)]
    assert stream.getvalue() == "long: 2500 s\n"


@pytest.mark.parametrize("times, total", [((0.0, 2.5), 100),      # 25 s in all: short
                                          ((0.0, 2.5), 10)])      # done is the total
def test_progress_says_nothing_of_a_short_run(times, total):
    import io
    from purebp.chart import Progress
    stream = io.StringIO()
    line = Progress(total, stream=stream, enabled=False, clock=_ticking(*times),
                    long_run=lambda *a: "long")
    line.due(10)
    assert stream.getvalue() == ""


def test_the_note_clears_a_progress_line_drawn_on_a_terminal():
    import io
    from purebp.chart import Progress
    stream = io.StringIO()
    line = Progress(10000, stream=stream, enabled=True, clock=_ticking(0.0, 0.0, 3.0, 3.0),
                    long_run=lambda *a: "long")
    line.begin()
    line.due(10)
    assert stream.getvalue().endswith("\r\033[Klong\n")


@pytest.fixture
def impatient(monkeypatch):
    """Every run foretold as long: no first slice to wait for, no minutes to exceed."""
    from purebp import chart
    monkeypatch.setattr(chart, "FIRST_SLICE_SECONDS", 0.0)
    monkeypatch.setattr(chart, "LONG_RUN_SECONDS", 0.0)


@pytest.mark.parametrize("args, words", [
    # mini-batches of 32 are offered where there are more rows (the article's 4: not)
    (["train", "--iterations", "2000", "--quiet"],
     "iteration%s each); to finish sooner: fewer --iterations; Ctrl-C"),
    (["train", "--data", "iris", "--classes", "--iterations", "100", "--quiet"],
     "iteration%s each); to finish sooner: fewer --iterations, mini-batches (--batch-size 32"),
    (["train", "--data", "xor", "--layers", "3,4,1", "--iterations", "2000", "--json"],
     "iteration%s each); to finish sooner: fewer --iterations"),
    (["train", "--data", "xor", "--layers", "3,4,1", "--batch-size", "2", "--epochs", "500"],
     "step%s each); to finish sooner: fewer --epochs, or a sample of the rows"),
    (["draw", "-o", "{tmp}/n.svg", "--iterations", "2000"], "to finish sooner: fewer --iterations"),
    (["explain", "--at", "3000"], "to finish sooner: an earlier --at"),
])
def test_a_long_run_is_foretold_on_stderr_and_stdout_is_unchanged(tmp_path, impatient, args,
                                                                  words):
    from purebp import chart
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    done = inprocess.purebp(args)
    assert done.returncode == 0, done
    notes = [line for line in done.stderr.splitlines() if ": note: this will take about" in line]
    assert len(notes) == 1, done.stderr
    note = notes[0]
    assert note.startswith("purebp %s: note: this will take about " % args[0])
    assert note.endswith("; Ctrl-C stops it") and listed(note)
    assert all(part in note for part in words.split("%s each"))
    # the same run without the note prints the same stdout, byte for byte
    chart.FIRST_SLICE_SECONDS, chart.LONG_RUN_SECONDS = 2.0, 300.0
    again = inprocess.purebp(args)
    assert again.stdout == done.stdout and "note: this will take" not in again.stderr


# Trask's 60,000 iterations, a second and more: in .ci/run's long tests.
@pytest.mark.long
def test_the_articles_runs_say_nothing_on_stderr():
    for args in ([], ["train"], ["train", "--data", "xor", "--layers", "3,4,1",
                                 "--iterations", "60000", "--every", "10000"]):
        done = inprocess.purebp(args)
        assert done.returncode == 0 and done.stderr == "", done.stderr


@pytest.mark.parametrize("rows, words", [
    (["1,9"], "the row holds another value (9), predicted as if it held 5"),
    (["0,5", "1,9", "0.5,11"], "2 of the 3 rows hold other values (9 to 11), predicted as if they"),
    (["0,5.000001", "1,5"], "1 of the 2 rows holds another value (5.000001)"),
    (["1,9", "0,11"], "both rows hold other values (9 to 11), predicted as if they held 5"),
    (["1,9", "0,9", "0.5,9"], "all 3 rows hold another value (9), predicted as if they held 5"),
])
def test_predict_names_an_input_the_model_saw_as_one_number(tmp_path, rows, words):
    path = _csv(tmp_path, "cc.csv", ["a,c,y", "0,5,0.1", "1,5,0.9", "0.5,5,0.5"])
    model = str(tmp_path / "cc.json")
    done = inprocess.purebp(["train", "--data", path, "--scale", "--iterations", "3", "--quiet",
                             "--save", model])
    assert done.returncode == 0 and done.stderr == "", done
    done = inprocess.purebp(["predict", model] + rows)
    assert done.returncode == 0, done
    line, = done.stderr.splitlines()
    assert line.startswith("purebp predict: warning: input 'c' was 5 on every training row")
    assert words in line and listed(line)
    same = inprocess.purebp(["predict", model] + [row.split(",")[0] + ",5" for row in rows])
    assert same.stderr == ""


def test_held_out_values_close_to_the_constant_are_written_apart_from_it():
    from purebp.csvdata import scaling_warnings
    A = [[5.0], [5.0], [5.000001]]
    line, = scaling_warnings(A, [["5"], ["5"], ["5.000001"]], ["c"], fit_rows=[0, 1])
    assert "input 'c' is 5 on every training row" in line
    assert "holds another value (5.000001)" in line


@pytest.mark.parametrize("args, word, plain", [
    (["train", "--iterations", "\uff11\uff10"], "\uff11\uff10", "10"),
    (["train", "--layers", "\uff13,1"], "\uff13,1", "3,1"),
    (["train", "--lr=0\uff0e5"], "0\uff0e5", "0.5"),
    (["train", "--data", "\uff58\uff4f\uff52"], "\uff58\uff4f\uff52", "xor"),
    (["train\u3000--iterations", "10"], "'train\\u3000--iterations'", "train --iterations"),
    (["predict", "m.json", "1\uff0c0"], "1\uff0c0", "1,0"),
])
def test_full_width_characters_are_named_with_what_to_write(folder, args, word, plain):
    """A Chinese input method types １０ and ， where 10 and , are meant."""
    if args[0] == "predict":
        done = inprocess.purebp(["train", "--data=x.csv", "--iterations", "2", "--quiet",
                                 "--save", "m.json"], cwd=str(folder))
        assert done.returncode == 0, done
    line = one_line(args, folder)
    quoted = word if word.startswith("'") else "'%s'" % word
    assert ("%s has full-width characters, as a Chinese or Japanese input method types them: "
            "write %s" % (quoted, plain)) in line


def test_a_full_width_cell_is_named_with_what_to_write(tmp_path):
    (tmp_path / "fw.csv").write_text("a,b,y\n1,\uff12,0\n3,4,1\n", encoding="utf-8")
    line = one_line(["train", "--data", "fw.csv"], tmp_path)
    assert line.endswith("'\uff12' is not a finite number: '\uff12' has full-width characters, "
                         "as a Chinese or Japanese input method types them: write 2")


@pytest.mark.parametrize("args, words", [
    (["--iterations", "3", "train"], "--iterations is a flag of train and draw: give it after "
                                     "the command, as in purebp train --iterations"),
    (["--data", "xor", "train"], "--data is a flag of train, draw, explain and gradcheck"),
    (["--seed", "3", "--iterations", "3"], "--iterations is a flag of train and draw"),
    (["--layers=3,4,1"], "unrecognized arguments: --layers=3,4,1; --layers is a flag of train, "
                         "draw, explain and gradcheck: give it after the command, as in purebp "
                         "train --layers=3,4,1"),
    (["--data=xor", "explain"], "unrecognized arguments: --data=xor; --data is a flag of train, "
                                "draw, explain and gradcheck: give it after the command, as in "
                                "purebp explain --data=xor"),
])
def test_a_commands_flag_before_it_says_where_it_goes(folder, args, words):
    line = one_line(args, folder)
    assert words in line
    line = one_line(["--bogus", "3"], folder)
    assert "is a flag of" not in line
