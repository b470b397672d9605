"""Real data, end to end: iris built in, a user's CSV with a label column, classes and
held-out accuracy from the command line, with no code written by hand."""

import json
import os
import subprocess
import sys

import pytest

import inprocess

from purebp import PurebpError, load_data
from purebp.classes import class_indexes, class_names, confusion, one_hot
from purebp.csvdata import read_csv, read_table
from purebp.iris import SPECIES, csv_text, rows

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The README's worked example (docs/your-data.md explains each flag).
IRIS_COMMAND = ["train", "--data", "iris", "--classes", "--test-fraction", "0.3", "--scale",
                "--layers", "5,8,3", "--lr", "3", "--iterations", "1000", "--every", "100"]


def purebp(*args, cwd=ROOT):
    """``python -m purebp ARGS``, in this process (tests/inprocess.py says how)."""
    return inprocess.purebp(args, cwd=cwd)


def program(*args, cwd=ROOT):
    """``python -m purebp ARGS`` as a program of its own."""
    env = dict(os.environ, PYTHONPATH=ROOT)
    env.pop("PUREBP_DEBUG", None)
    return subprocess.run([sys.executable, "-S", "-m", "purebp"] + list(args), cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=300)


# --- the data -----------------------------------------------------------------------

def test_iris_is_fishers_150_flowers():
    table = rows()
    assert len(table) == 150
    assert [sum(1 for r in table if r[4] == name) for name in SPECIES] == [50, 50, 50]
    assert table[34][:4] == (4.9, 3.1, 1.5, 0.2)      # the paper's rows 35 and 38, where
    assert table[37][:4] == (4.9, 3.6, 1.4, 0.1)      # the UCI copy differs
    sums = [round(sum(r[j] for r in table), 1) for j in range(4)]
    assert sums == [876.5, 458.6, 563.7, 179.9]        # R's iris means (5.843, 3.057, 3.758, 1.199) x 150
    X, y = load_data("iris")
    assert X[0] == [5.1, 3.5, 1.4, 0.2, 1.0] and y[-1] == [0.0, 0.0, 1.0]


def test_class_order_numbers_by_value_text_by_code_point():
    assert class_names([10, 2, 2.0, 7, 0]) == ["0", "2", "7", "10"]
    assert class_names(["b", "B", "a", "10", "9"]) == ["10", "9", "B", "a", "b"]
    assert one_hot([7.0, 10], ["7", "10"]) == [[1.0, 0.0], [0.0, 1.0]]
    with pytest.raises(PurebpError, match="labels: row 0 has the label 'x', which is not one"):
        one_hot(["x"], ["a", "b"])


def test_confusion_counts_rows_by_true_and_predicted_class():
    y = [[1, 0, 0], [0, 1, 0], [0, 1, 0], [0, 0, 1]]
    l = [[0.5, 0.5, 0.0], [0.1, 0.2, 0.7], [0.2, 0.6, 0.2], [float("nan"), 0.0, 0.9]]
    assert class_indexes(l) == [0, 2, 1, 0]            # first on ties; NaN counts as largest
    assert confusion(y, l) == [[1, 0, 0], [0, 1, 1], [1, 0, 0]]
    assert confusion([[0], [1], [1]], [[0.2], [0.4], [0.9]]) == [[1, 0], [1, 1]]


def iris_csv(header=True, labels=None, delimiter=","):
    """Iris as a user's file: text labels, or other labels (a dict), with or without a header."""
    lines = csv_text().splitlines()
    body = []
    for line in lines[1:]:
        cells = line.split(",")
        if labels:
            cells[-1] = labels[cells[-1]]
        body.append(delimiter.join(cells))
    return "\n".join(([lines[0].replace(",", delimiter)] if header else []) + body) + "\n"


@pytest.mark.parametrize("header", [True, False])
def test_a_label_column_of_text_is_read_as_classes(header):
    table = read_table(iris_csv(header), "iris.csv")
    assert table.classes == ["setosa", "versicolor", "virginica"] and table.detected
    assert table.targets == (["species"] if header else ["x5"])
    assert table.y == load_data("iris")[1]
    assert table.inputs[-1] == "bias" and len(table.X[0]) == 5
    asked = read_table(iris_csv(header), "iris.csv", classes=True)
    assert asked.y == table.y and not asked.detected


def test_numeric_labels_are_classes_by_value_with_classes():
    text = iris_csv(labels={"setosa": "10", "versicolor": "2", "virginica": "9.0"})
    table = read_table(text, "digits.csv", classes=True)
    assert table.classes == ["2", "9", "10"]
    assert [row.index(1.0) for row in table.y[:1] + table.y[50:51] + table.y[100:101]] == [2, 0, 1]
    with pytest.raises(PurebpError, match="holds 3 whole numbers, from 2 to 10: class labels"):
        read_table(text, "digits.csv")


def test_whole_number_labels_are_read_exactly_however_large():
    """Long ids as labels: 2**53 + 1 is no float, but it is its own class."""
    text = ("a,id\n0,9007199254740993\n1,9007199254740992\n0,9007199254740993.0\n1,3.0\n"
            "0,1e20\n")
    table = read_table(text, "ids.csv", classes=True)
    assert table.classes == ["3", "9007199254740992", "9007199254740993",
                             "100000000000000000000"]
    assert [row.index(1.0) for row in table.y] == [2, 1, 2, 0, 3]


def test_a_zero_one_target_stays_one_output_without_classes(tmp_path):
    path = tmp_path / "xor.csv"
    path.write_text("a,b,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n")
    table = read_csv(str(path))
    assert table.classes is None and table.y == [[0.0], [1.0], [1.0], [0.0]]
    both = read_csv(str(path), classes=True)
    assert both.classes == ["0", "1"] and both.y[1] == [0.0, 1.0]


# --- the command line -------------------------------------------------------------

def held_out_accuracy(done):
    assert done.returncode == 0, done.stderr
    line = [l for l in done.stdout.splitlines() if l.strip().startswith("trained")][0]
    return float(line.split()[2])


@pytest.mark.long
@pytest.mark.needs_processes
def test_iris_reaches_95_percent_held_out_with_the_documented_command():
    done = program(*IRIS_COMMAND)
    assert done.stderr == ""
    first = done.stdout.splitlines()[0]
    assert "loss softmax (the default for classes)" in first
    assert "metric accuracy (the default for classes)" in first
    assert "held out 45 of 150 rows (--test-fraction 0.3)" in first
    assert done.stdout.splitlines()[1].startswith("path: ")
    assert done.stdout.splitlines()[2].split() == ["iteration", "accuracy", "held-out",
                                                   "accuracy"]
    assert held_out_accuracy(done) >= 0.95
    assert "confusion matrix of the held-out rows (45" in done.stdout
    assert "true \\ predicted  setosa  versicolor  virginica" in done.stdout


@pytest.mark.parametrize("header, labels", [
    (True, None), (False, None),
    (True, {"setosa": "0", "versicolor": "1", "virginica": "2"}),
    (False, {"setosa": "7", "versicolor": "8", "virginica": "9"}),
])
def test_a_users_csv_with_a_label_column_reaches_95_percent(tmp_path, header, labels):
    path = tmp_path / "flowers.csv"
    path.write_text(iris_csv(header, labels))
    args = ["train", "--data", str(path), "--test-fraction", "0.3", "--scale", "--lr", "3",
            "--iterations", "300", "--every", "100"]
    if labels:
        args.append("--classes")
    done = purebp(*args)
    assert held_out_accuracy(done) >= 0.95
    if labels:
        assert done.stderr == ""
    else:
        assert done.stderr.startswith("purebp train: note: target '%s' holds text labels, so "
                                      "they are classes: 3 classes (setosa, versicolor, "
                                      "virginica)" % ("species" if header else "x5"))


def test_saved_model_of_classes_predicts_class_names(tmp_path):
    model = str(tmp_path / "iris.json")
    done = purebp("train", "--data", "iris", "--classes", "--test-fraction", "0.3", "--scale",
                  "--lr", "3", "--iterations", "300", "--every", "0", "--quiet", "--save", model)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("final accuracy: ") and lines[1].startswith("held-out accuracy: ")
    with open(model) as f:
        document = json.load(f)
    assert document["classes"] == ["setosa", "versicolor", "virginica"]
    assert document["targets"] == ["species"]
    split = document["split"]
    assert (split["rows"], split["training_rows"], split["held_out_rows"]) == (150, 105, 45)
    assert split["stratified"] and split["test_fraction"] == 0.3 and split["seed"] == 1
    assert document["training"]["held_out_metric"] == float(lines[1].split()[-1])
    done = purebp("predict", model, "5.1,3.5,1.4,0.2", "6.3,2.5,5.0,1.9")
    assert done.returncode == 0, done.stderr
    header, first, second = done.stdout.splitlines()
    assert header.split()[-4:] == ["species", "setosa", "versicolor", "virginica"]
    assert first.split()[5] == "setosa" and second.split()[5] == "virginica"
    answer = json.loads(purebp("predict", model, "5.1,3.5,1.4,0.2", "--json").stdout)
    assert answer["predicted_classes"] == ["setosa"] and answer["classes"] == SPECIES_LIST
    assert abs(sum(answer["predictions"][0]) - 1) < 1e-12      # softmax: shares of 1


SPECIES_LIST = list(SPECIES)


def test_json_has_the_split_the_held_out_reports_and_the_confusion_matrix():
    done = purebp("train", "--data", "iris", "--classes", "--test-fraction", "0.2", "--scale",
                  "--lr", "3", "--iterations", "100", "--every", "50", "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["classes"] == SPECIES_LIST
    assert [i for i, _ in document["held_out_history"]] == [0, 50]
    assert document["split"]["held_out_rows"] == 30
    assert sum(sum(row) for row in document["confusion"]) == 30
    assert set(document["final"]) == {"training", "held_out"}


def test_explain_gradcheck_and_draw_take_classes(tmp_path):
    done = purebp("explain", "--data", "iris", "--classes", "--scale", "--layers", "5,4,3")
    assert done.returncode == 0 and done.stderr == ""
    assert "one-hot: a column per class (setosa, versicolor, virginica)" in done.stdout
    assert len(done.stdout.splitlines()) < 300            # summarised, not 150 rows a matrix
    done = purebp("gradcheck", "--data", "iris", "--classes", "--scale", "--layers", "5,3")
    assert done.returncode == 0 and "loss softmax" in done.stdout
    picture = str(tmp_path / "net.svg")
    done = purebp("draw", "-o", picture, "--data", "iris", "--scale", "--layers", "5,3",
                  "--iterations", "20")
    assert done.returncode == 0
    with open(picture, encoding="utf-8") as f:
        svg = f.read()
    assert all(">%s<" % name in svg for name in SPECIES)
    assert "holds text labels" in done.stderr              # recognised, and said


def test_check_needs_no_class_data():
    done = purebp("check")
    assert done.returncode == 0, done.stderr


def test_help_says_the_defaults_with_classes():
    done = purebp("train", "--help")
    text = " ".join(done.stdout.split())
    assert "(default: half-sse; softmax with classes)" in text
    assert "(default: sse; accuracy with classes)" in text
    assert "--test-fraction F" in text and "np.random.RandomState(seed).permutation" in text


def test_the_chart_is_scaled_to_the_reports_after_a_first_that_dwarfs_them():
    from purebp.chart import loss_chart
    history = [(0, 4396.0)] + [(100 * i, 21.0 - i) for i in range(1, 16)]
    lines = loss_chart(history, "sse", width=16, height=10, ascii=True)
    assert lines[0] == "sse; iteration 0 (4.4e+03) is above the chart, cut at its top"
    rows = lines[1:11]
    left = rows[0].index("|") + 1
    heights = [sum(1 for row in rows if len(row) > left + c and row[left + c] == "#")
               for c in range(16)]
    assert heights[0] == 10                       # the first report: to the top, cut
    assert heights[1] == 10 and heights[-1] == 1  # the others fill the chart
    assert heights[1:] == sorted(heights[1:], reverse=True)
    assert rows[0].split("|")[0].strip() == "20" and rows[-1].split("|")[0].strip() == "6"


def test_progress_draws_at_once_then_the_current_metric_and_seconds_a_step():
    import io
    from purebp.chart import Progress
    stream = io.StringIO()
    line = Progress(10, "accuracy", stream=stream, enabled=True)
    line.begin()
    assert stream.getvalue() == "\riteration 0/10  starting\x1b[K"
    assert not line.due(1)                        # drawn just now: the metric is not computed
    assert line.due(10)                           # the last step always draws
    line(10, 0.75)
    assert stream.getvalue().endswith("accuracy 0.75\x1b[K")


def test_plot_draws_the_held_out_reports_as_a_second_line(tmp_path):
    picture = str(tmp_path / "curve.svg")
    done = purebp("train", "--data", "iris", "--classes", "--test-fraction", "0.3", "--scale",
                  "--lr", "3", "--iterations", "200", "--every", "50", "--quiet", "--plot",
                  picture)
    assert done.returncode == 0, done.stderr
    with open(picture, encoding="utf-8") as f:
        svg = f.read()
    assert svg.count('class="curve held-out"') == 1 and svg.count('class="point held-out"') == 4
    assert "iteration 50: held-out accuracy" in svg


def test_tables_line_up_with_chinese_names():
    """Columns are padded by the columns a text takes on a terminal: a
    Chinese character takes two (purebp.textwidth)."""
    from purebp.chart import predictions_table
    from purebp.report import class_table, confusion_lines
    from purebp.textwidth import width
    names = ["山鸢尾", "versicolor", "维吉尼亚鸢尾"]
    lines = confusion_lines([[5, 0, 0], [0, 4, 1], [0, 0, 5]], names)
    assert len({width(line) for line in lines}) == 1, lines
    lines = class_table([[0.5, 1.0], [2.0, 3.0]], names, [0, 2], [0, 1],
                        [[0.9, 0.05, 0.05], [0.1, 0.6, 0.3]], ["花瓣长", "x"], [3, 7])
    assert len({width(line.split("|")[0]) for line in lines}) == 1, lines
    starts = [width(line[:line.rindex(word)]) for line, word in
              zip(lines, ["predicted", "versicolor", "山鸢尾"])]
    assert starts[0] == starts[1] == starts[2], lines
    ends = [width(line[:line.rindex(word) + len(word)]) for line, word in
            zip(lines, ["output", "0.600000", "0.900000"])]      # right-aligned
    assert ends[0] == ends[1] == ends[2], lines
    lines = predictions_table([[0, 1], [1, 1]], [[0], [1]], [[0.1], [0.9]], ["长度", "b"], ["价格"])
    assert len({width(line) for line in lines}) == 1, lines


def test_what_the_number_rules_still_read(tmp_path):
    """The typo rules refuse 1_0 and full-width digits, not what a file writes
    plainly: a decimal point beside decimal commas where it cannot be a
    thousands separator, no-break spaces (spreadsheets), and the targets of
    held-out rows scaled outside [0, 1] by the training rows' range."""
    table = read_table("a;b;y\n0,5;1.5;0\n1,25;2.5e3;1\n", "semicolons.csv")
    assert [row[:2] for row in table.X] == [[0.5, 1.5], [1.25, 2500.0]]
    table = read_table("a,b,y\n\u00a00.5,3\u00a0,0\n1,2,1\n", "nbsp.csv")
    assert [row[:2] for row in table.X] == [[0.5, 3.0], [1.0, 2.0]]
    text = "a,y\n" + "".join("%d,%d\n" % (i, 10 * i) for i in range(10))
    table = read_table(text, "rising.csv", scale_inputs=True, scale_targets=True,
                       fit_rows=[1, 2, 3, 4, 5, 6, 7, 8])
    assert table.y[0] == [(0 - 10) / 70] and table.y[9] == [(90 - 10) / 70]   # outside [0, 1]
    with pytest.raises(PurebpError, match="fit_rows: expected a list of row numbers from 0 to 9"):
        read_table(text, "rising.csv", scale_inputs=True, fit_rows=[-1])
    with pytest.raises(PurebpError, match="fit_rows: the rows whose min and max set the scale"):
        read_table(text, "rising.csv", fit_rows=[1, 2])


def test_scaled_targets_with_held_out_rows_train(tmp_path):
    """Held-out targets beyond the training rows' range scale outside [0, 1]:
    measured, not refused (it refused half of all seeds for a day)."""
    path = tmp_path / "houses.csv"
    path.write_text("size,price\n" + "".join("%d,%d\n" % (i, 100 + 7 * i * i % 50)
                                            for i in range(30)), encoding="utf-8")
    for seed in range(1, 9):
        done = inprocess.purebp(["train", "--data", str(path), "--scale", "--scale-targets",
                                 "--test-fraction", "0.3", "--iterations", "20", "--quiet",
                                 "--seed", str(seed)])
        assert done.returncode == 0, done.stderr
        assert "held-out sse: " in done.stdout


def test_output_names_with_dots_are_names(tmp_path):
    for name in ("loss-lr0.5", "x.svg.bak"):
        done = inprocess.purebp(["train", "--iterations", "3", "--every", "1", "--plot",
                                 str(tmp_path / name)])
        assert done.returncode == 0, done.stderr
        assert (tmp_path / name).exists()
