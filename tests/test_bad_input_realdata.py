"""Bad input for real data (--classes, --test-fraction, label columns, models of classes):
one line naming the problem, its exit code, no traceback, and the message in docs/errors.md.

The cases run as a user runs them, in a subprocess (the helpers are test_bad_input's).
"""

import json

import pytest

from test_bad_input import GOOD_MODEL, assert_bad_input, run

pytestmark = pytest.mark.needs_processes

IRIS_ROWS = ["5.1,3.5,1.4,0.2,setosa", "4.9,3.0,1.4,0.2,setosa", "7.0,3.2,4.7,1.4,versicolor",
             "6.4,3.2,4.5,1.5,versicolor", "6.3,3.3,6.0,2.5,virginica",
             "5.8,2.7,5.1,1.9,virginica"]
HEADER = "sepal_length,sepal_width,petal_length,petal_width,species\n"


def classes_model(**changes):
    document = dict(json.loads(json.dumps(GOOD_MODEL)), version=2, bias=False,
                    loss="softmax", layers=[3, 2, 2], targets=["species"],
                    classes=["setosa", "virginica"],
                    weights=[[[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], [[0.7, 0.1], [0.8, 0.2]]],
                    split=None)
    document.update(changes)
    return json.dumps(document)


GOOD_SPLIT = {"test_fraction": 0.5, "seed": 1, "stratified": True, "rows": 4,
              "training_rows": 2, "held_out_rows": 2, "held_out": [1, 3]}

FILES = {
    "small_iris.csv": HEADER + "\n".join(IRIS_ROWS) + "\n",
    "one_of_a_kind.csv": HEADER + "\n".join(IRIS_ROWS[:4] + [IRIS_ROWS[4]]) + "\n",
    "one_row.csv": "a,b,y\n0.5,0.5,1\n",
    "digits.csv": "a,b,digit\n" + "".join("%d,%d,%d\n" % (i, i % 3, i % 10) for i in range(30)),
    "prices.csv": "a,b,price\n" + "".join("%d,1,%d.5\n" % (i, 100 + i) for i in range(30)),
    "many_classes.csv": "a,b,id\n" + "".join("%d,1,%d\n" % (i, 1000 + i) for i in range(60)),
    "one_class.csv": "a,b,kind\n0,1,cat\n1,0,cat\n1,1,cat\n",
    "two_targets.csv": "a,b,kind,size\n0,1,cat,0.5\n1,0,dog,0.25\n1,1,cat,1\n",
    "empty_label.csv": "a,b,kind\n0,1,cat\n1,0,\n1,1,dog\n",
    "control_label.csv": "a,b,kind\n0,1,cat\n1,0,do\x1bg\n1,1,dog\n",
    "typo_in_numbers.csv": "a,b,y\n0,0,0\n0,1,1\n1,0,1O\n1,1,0\n",
    # float() reads these; in a data file they are typos
    "underscore.csv": "a,b,y\n0,0,0\n2_0,1,1\n",
    "tabs.csv": "a\tb\ty\n0\t0\t0\n1\t1\t1\n",
    "thousands.csv": "price;rooms;y\n1.500;2;0\n2,5;4;1\n",
    "tab_in_a_name.csv": "x,\"na\tme\",y\n0,1,0\n1,0,1\n",
    "whole_targets.csv": "a,b,y\n0,1,0\n1,0,1\n1,1,1\n",
    "tabs_no_header.csv": "0\t0\t0\n1\t1\t1\n",
    "full_width.csv": "a,b,y\n0,0,0\n1,\uff12,1\n",
    "classes.json": classes_model(),
    "classes_wrong_count.json": classes_model(classes=["setosa", "virginica", "versicolor"]),
    "classes_twice.json": classes_model(classes=["setosa", "setosa"]),
    "classes_one.json": classes_model(layers=[3, 1], weights=[[[0.1], [0.2], [0.3]]],
                                      loss="half-sse", classes=["setosa"]),
    "classes_scaled.json": classes_model(scaling={"inputs": None,
                                                  "targets": {"min": [0], "max": [1]}}),
    "classes_control.json": classes_model(classes=["setosa", "vir\u009bginica"]),
    "classes_two_targets.json": classes_model(targets=["a", "b"]),
    "split_extra_key.json": classes_model(split=dict(GOOD_SPLIT, shuffle=True)),
    "split_fraction.json": classes_model(split=dict(GOOD_SPLIT, test_fraction=1.5)),
    "split_unsorted.json": classes_model(split=dict(GOOD_SPLIT, held_out=[3, 1])),
    "split_counts.json": classes_model(split=dict(GOOD_SPLIT, training_rows=3)),
    "split_out_of_range.json": classes_model(split=dict(GOOD_SPLIT, held_out=[1, 4])),
    "split_list.json": classes_model(split=[1, 3]),
}

IRIS = ["train", "--data", "iris", "--classes"]

# (arguments, exit code, words the one line must contain)
CASES = [
    # wrong class counts
    (IRIS + ["--layers", "5,8,2"], 2,
     "layers: the last size is 2, but the data has 3 classes (setosa, versicolor, virginica): "
     "one output per class; end --layers with 3"),
    (IRIS + ["--layers", "5,4"], 2, "the last size is 4, but the data has 3 classes"),
    (["explain", "--data", "iris", "--layers", "5,1"], 2, "the last size is 1, but the data has 3"),
    (["train", "--data", "{tmp}/small_iris.csv", "--layers", "5,2"], 2,
     "the last size is 2, but the data has 3 classes"),
    (IRIS + ["--layers", "4,3"], 2, "the first size is 4, but the data has 5 inputs"),
    # the test fraction
    (IRIS + ["--test-fraction", "0"], 2,
     "test_fraction: 0.0 is not a fraction between 0 and 1 (both left out)"),
    (IRIS + ["--test-fraction", "1"], 2, "test_fraction: 1.0 is not a fraction between 0 and 1"),
    (IRIS + ["--test-fraction", "nan"], 2, "test_fraction: nan is not a fraction"),
    (IRIS + ["--test-fraction", "inf"], 2, "test_fraction: inf is not a fraction"),
    (IRIS + ["--test-fraction", "-0.3"], 2, "test_fraction: -0.3 is not a fraction"),
    (IRIS + ["--test-fraction", "30"], 2, "test_fraction: 30.0 is not a fraction"),
    (IRIS + ["--test-fraction", "30%"], 2, "argument --test-fraction: invalid float value: '30%'"),
    (["explain", "--data", "iris", "--test-fraction", "0.3"], 2,
     "unrecognized arguments: --test-fraction 0.3"),
    # a class missing from the training split, or with one row
    (["train", "--data", "{tmp}/one_of_a_kind.csv", "--test-fraction", "0.5"], 2,
     "test_fraction: class 'virginica' has 1 row, which cannot be both trained on and held out"),
    (["train", "--data", "{tmp}/one_row.csv", "--test-fraction", "0.5"], 2,
     "test_fraction: the data has 1 row"),
    (IRIS + ["--test-fraction", "0.3", "--batch-size", "150"], 2,
     "batch_size: 150 is more than the training data's 105 rows"),
    # label columns
    (["train", "--data", "{tmp}/digits.csv"], 2,
     "target 'digit' holds 10 whole numbers, from 0 to 9: class labels? add --classes (one "
     "output per class); a number to predict? add --scale-targets"),
    (["train", "--data", "{tmp}/prices.csv", "--classes"], 2,
     "line 2, column 3 (price): the label 100.5 is not a whole number"),
    (["train", "--data", "{tmp}/many_classes.csv", "--classes"], 2,
     "target 'id' has 60 classes in 60 rows, most of them a row or two: is it a number to "
     "predict?"),
    (["train", "--data", "{tmp}/one_class.csv"], 2,
     "target 'kind' holds one class, 'cat', on every row; classes need two or more"),
    (["train", "--data", "{tmp}/two_targets.csv", "--target", "kind", "--target", "size",
      "--classes"], 2, "--classes takes one target column, the labels; 2 are given ('kind', "
                       "'size')"),
    (["train", "--data", "{tmp}/two_targets.csv", "--target", "kind", "--target", "size"], 2,
     "target 'kind' holds text labels, so it is a column of classes, and a column of classes "
     "must be the only target"),
    (["train", "--data", "{tmp}/empty_label.csv", "--classes"], 2,
     "line 3, column 3 (kind): an empty cell; every row needs its class label"),
    (["train", "--data", "{tmp}/control_label.csv"], 2,
     "line 3, column 3 (kind): the label 'do\\x1bg' holds the control character"),
    (["train", "--data", "{tmp}/typo_in_numbers.csv"], 2,
     "line 4, column 3 (y): '1O' is not a finite number"),
    (["train", "--data", "{tmp}/one_row.csv", "--layers", "3,2"], 2,
     "layers: the last size is 2, but the data has 1 output; class labels? add --classes"),
    (["train", "--data", "{tmp}/tab_in_a_name.csv"], 2,
     "line 1, column 2: the header name 'na\\tme' holds the control character"),
    (["train", "--data", "{tmp}/whole_targets.csv", "--target", "0_1"], 2,
     "no column named '0_1'"),
    (["train", "--data", "{tmp}/whole_targets.csv", "--target", "\uff10"], 2,
     "no column named '\uff10'"),
    (["train", "--data", "{tmp}/thousands.csv"], 2,
     "thousands.csv: line 2, column 1 (price): '1.500' has a point, but line 3 writes '2,5' "
     "with a decimal comma: is it 1,500 or 1500? write every number the same way, without "
     "thousands separators"),
    (["train", "--data", "{tmp}/tabs.csv"], 2,
     "tabs.csv: line 1 is separated by tabs; purebp reads commas or semicolons"),
    (["predict", "{tmp}/classes.json", "--input", "{tmp}/tabs_no_header.csv"], 2,
     "tabs_no_header.csv: line 1 is separated by tabs"),
    (["train", "--data", "{tmp}/underscore.csv"], 2,
     "line 3, column 1 (a): '2_0' is not a finite number"),
    (["train", "--data", "{tmp}/full_width.csv"], 2,
     "line 3, column 2 (b): '\uff12' is not a finite number"),
    (["train", "--data", "{tmp}/small_iris.csv", "--scale-targets"], 2,
     "target 'species' holds class labels, which become one-hot targets (0 or 1); "
     "--scale-targets is for a number to predict: leave it out"),
    (["train", "--classes"], 2,
     "--target, --scale, --scale-targets, --no-bias and --classes apply to CSV files, not to "
     "the built-in data 'seed'"),
    (["draw", "--chain-rule", "-o", "{tmp}/c.svg", "--classes"], 2, "leave out --classes"),
    (["draw", "-o", "{tmp}/n.svg", "--model", "{tmp}/classes.json", "--classes"], 2,
     "leave out --classes"),
    (IRIS + ["--loss", "softmax", "--layers", "5,1"], 2, "the last size is 1, but the data has 3"),
    # models of classes
    (["predict", "{tmp}/classes_wrong_count.json", "1,0,1"], 2,
     "model \"classes\" must be a list of 2 names, one per output (two or more)"),
    (["predict", "{tmp}/classes_twice.json", "1,0,1"], 2,
     "model \"classes\" has the class \"setosa\" twice"),
    (["predict", "{tmp}/classes_one.json", "1,0,1"], 2, "model \"classes\" must be a list of 1 name"),
    (["predict", "{tmp}/classes_scaled.json", "1,0,1"], 2,
     "model has classes, so its targets are one-hot: \"scaling\" of targets must be null"),
    (["predict", "{tmp}/classes_control.json", "1,0,1"], 2, "model \"classes\"[1]"),
    (["predict", "{tmp}/classes_two_targets.json", "1,0,1"], 2,
     "model \"targets\" must be a list of 1 name"),
    (["predict", "{tmp}/split_extra_key.json", "1,0,1"], 2,
     "model \"split\" must be null or an object with test_fraction"),
    (["predict", "{tmp}/split_list.json", "1,0,1"], 2, "model \"split\" must be null or an object"),
    (["predict", "{tmp}/split_fraction.json", "1,0,1"], 2, "model \"split\" does not hold together"),
    (["predict", "{tmp}/split_unsorted.json", "1,0,1"], 2, "model \"split\" does not hold together"),
    (["predict", "{tmp}/split_counts.json", "1,0,1"], 2, "model \"split\" does not hold together"),
    (["predict", "{tmp}/split_out_of_range.json", "1,0,1"], 2,
     "model \"split\" does not hold together"),
]


@pytest.fixture(scope="module")
def tmp(tmp_path_factory):
    folder = tmp_path_factory.mktemp("realdata")
    for name, content in FILES.items():
        (folder / name).write_bytes(content.encode("utf-8"))
    return str(folder)


def test_the_table_is_big_enough():
    assert len(CASES) >= 40
    assert len({tuple(case[0]) for case in CASES}) == len(CASES)


@pytest.mark.parametrize("args, code, words", CASES, ids=[" ".join(c[0])[:70] for c in CASES])
def test_bad_input_gives_one_line_and_its_exit_code(tmp, args, code, words):
    assert_bad_input(args, code, words, tmp)


def test_the_good_model_of_classes_predicts(tmp):
    done = run(["predict", tmp + "/classes.json", "1,0,1", "--json"])
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["predicted_classes"][0] in ("setosa", "virginica")
