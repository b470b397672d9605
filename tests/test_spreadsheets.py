"""CSV files as spreadsheets write them: padded cells, empty columns at the
end, missing values, percentages, thousands separators, dates, labels that
differ only in case. Each is read as the docs say, or refused with one line
that says what the cell may be and what to do; none is misread in silence.
"""

import json

import pytest

import inprocess
from test_bad_input import error_patterns

pytestmark = pytest.mark.needs_processes

NBSP = "\u00a0"


def listed(line):
    return any(p.search(line) for p in error_patterns())


def run(tmp_path, files, args):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return inprocess.purebp(args, cwd=str(tmp_path))


def trained(tmp_path, text, *flags):
    done = run(tmp_path, {"d.csv": text},
               ["train", "--data", "d.csv", "--iterations", "3", "--json"] + list(flags))
    assert done.returncode == 0, done
    return json.loads(done.stdout), done.stderr


def refused(tmp_path, text, *flags):
    done = run(tmp_path, {"d.csv": text}, ["train", "--data", "d.csv"] + list(flags))
    lines = done.stderr.splitlines()
    assert done.returncode == 2 and len(lines) == 1, done
    assert listed(lines[0]), "docs/errors.md does not list: " + lines[0]
    return lines[0]


PLAIN = "a,b,y\n1,2,0\n3,4,1\n0,1,1\n"


def test_columns_empty_on_every_line_at_the_end_are_left_out(tmp_path):
    expected, _ = trained(tmp_path, PLAIN)
    for text in ("a,b,y,,\n1,2,0,,\n3,4,1,,\n0,1,1,,\n",
                 "a,b,y,\n1,2,0,\n3,4,1,\n0,1,1,\n",
                 "a;b;y;;\n1;2;0;;\n3;4;1;;\n0;1;1;;\n"):
        got, stderr = trained(tmp_path, text)
        assert got == expected and stderr == ""


def test_a_column_empty_at_the_end_but_named_is_still_refused(tmp_path):
    line = refused(tmp_path, "a,b,y,z\n1,2,0,\n3,4,1,\n")
    assert "column 4 (z): an empty cell" in line


def test_a_separator_at_the_end_of_data_rows_only_is_named(tmp_path):
    line = refused(tmp_path, "a,b,y\n1,2,0,\n3,4,1,\n")
    assert line.endswith("line 2 has 4 cells, but there are 3 columns; the cells after column 3 "
                         "are empty: delete the separators at the end of the line")
    line = refused(tmp_path, "a,b,y\n1,2,0,5\n")
    assert line.endswith("line 2 has 4 cells, but there are 3 columns")


@pytest.mark.parametrize("cell, hint", [
    ("NA", ": a missing value? fill it in, or delete the row"),
    ("#N/A", ": a missing value? fill it in, or delete the row"),
    ("?", ": a missing value? fill it in, or delete the row"),
    ("10%", ": a percentage: write 10 or 0.1"),          # as a predict row says it
    ("2.5%", ": a percentage: write 2.5 or 0.025"),
    ('"1,000"', ": is it 1.000 or 1000? write it with a decimal point, without thousands "
     "separators"),
    ('"-12,345.5"', ": thousands separators? write -12345.5"),
    ("2024-01-31", ": a date or a time? purebp reads numbers only"),
    ("31/01/2024", ": a date or a time? purebp reads numbers only"),
    ("12:30", ": a date or a time? purebp reads numbers only"),
    ("1O", ""),       # a typo: no guess
])
def test_a_cell_that_is_no_number_says_what_it_may_be(tmp_path, cell, hint):
    line = refused(tmp_path, "a,b,y\n1,%s,0\n3,4,1\n" % cell)
    shown = cell.strip('"')
    assert ("column 2 (b): %r is not a finite number" % shown + hint) in line
    if not hint:
        assert line.endswith("is not a finite number")


def test_a_text_column_among_the_inputs_points_to_the_target(tmp_path):
    done = inprocess.purebp(["train", "--data", "iris", "--target", "0", "--classes"])
    assert done.returncode == 2
    assert done.stderr.rstrip().endswith(
        "(species): 'setosa' is not a finite number: column 'species' holds text, and an input "
        "is a number: leave the column out of the file, or make it the target (--target "
        "species, with --classes)")


def test_no_break_spaces_around_labels_and_names_are_dropped(tmp_path):
    text = "a%s,pet\n1,cat\n2,cat%s\n3,%sdog\n4,dog\n" % (NBSP, NBSP, NBSP)
    result, stderr = trained(tmp_path, text, "--save", "m.json")
    assert result["classes"] == ["cat", "dog"] and stderr.count("warning") == 0
    done = run(tmp_path, {"new.csv": "a\n1\n"}, ["predict", "m.json", "--input", "new.csv"])
    assert done.returncode == 0, done            # the model's input is a, not 'a\xa0'


def test_labels_that_differ_only_in_case_or_spacing_are_warned_of(tmp_path):
    text = "a,pet\n1,Cat\n2,cat\n3,Dog\n4,dog\n5,Iris  virginica\n6,Iris virginica\n"
    result, stderr = trained(tmp_path, text, "--classes")
    assert len(result["classes"]) == 6            # kept apart: the file's own labels
    lines = stderr.splitlines()
    assert lines == [
        "purebp train: warning: target 'pet': 'Cat' and 'cat' are two classes, written alike "
        "but for case or spacing; if they are one class, write it one way in the file",
        "purebp train: warning: target 'pet': 'Dog' and 'dog' are two classes, written alike "
        "but for case or spacing; if they are one class, write it one way in the file",
        "purebp train: warning: target 'pet': 'Iris  virginica' and 'Iris virginica' are two "
        "classes, written alike but for case or spacing; if they are one class, write it one "
        "way in the file"]
    assert all(listed(line) for line in lines)


def test_predict_reads_a_file_padded_as_the_training_one_was_not(tmp_path):
    done = run(tmp_path, {"d.csv": "a,b,y\n1,2,0\n3,4,1\n",
                          "new.csv": "a%s,b,,\n1%s,2,,\n" % (NBSP, NBSP)},
               ["train", "--data", "d.csv", "--iterations", "3", "--quiet", "--save", "m.json"])
    assert done.returncode == 0, done
    done = inprocess.purebp(["predict", "m.json", "--input", "new.csv"], cwd=str(tmp_path))
    assert done.returncode == 0 and done.stdout.splitlines()[1].split()[:2] == ["1", "2"], done


@pytest.mark.parametrize("rows, words", [
    (["51,35,14,2"], "input 'sepal_length' ran from 4.3 to 7.9 on the training rows; the row "
                     "lies far outside that (51)"),
    (["0,3,1.4,0.2", "13,3,3,0.2", "5,3,1.4,0.2"],
     "input 'sepal_length' ran from 4.3 to 7.9 on the training rows; 2 of the 3 rows lie far "
     "outside that (0 to 13)"),
])
def test_predict_warns_of_inputs_far_outside_the_training_rows(tmp_path, rows, words):
    from purebp.iris import csv_text
    done = run(tmp_path, {"fl.csv": csv_text()},
               ["train", "--data", "fl.csv", "--classes", "--scale", "--layers", "5,3",
                "--iterations", "3", "--quiet", "--save", "fl.json"])
    assert done.returncode == 0, done
    done = inprocess.purebp(["predict", "fl.json"] + rows, cwd=str(tmp_path))
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 1 + len(rows), done
    lines = done.stderr.splitlines()
    assert lines[0].startswith("purebp predict: warning: " + words)
    assert all(listed(line) for line in lines)
    # at the edges of the range, and a range beyond them: nothing said
    edges = inprocess.purebp(["predict", "fl.json", "4.3,2,1,0.1", "11.5,6.8,12.8,4.9",
                              "0.7,0,0,0"], cwd=str(tmp_path))
    assert edges.returncode == 0 and edges.stderr == "", edges


EU = "size;rooms;price\n1.500;3;200.000\n2.250;4;310.000\n900;2;120.000\n1.200;3;180.000\n"
ASKED = ("has a point before three digits, with semicolons: is it %s or %s? write it so, "
         "with a decimal comma or without thousands separators")


def test_points_before_three_digits_in_a_semicolon_file_are_asked_about(tmp_path):
    """A German or French spreadsheet writes fifteen hundred 1.500: in a
    semicolon file a column of such numbers was read 1000 times too small,
    in silence."""
    line = refused(tmp_path, EU, "--scale", "--scale-targets")
    assert line == ("purebp train: error: d.csv: line 2, column 1 (size): '1.500' "
                    + ASKED % ("1,500", "1500"))
    for text, where in [("a;y\n1;0\n-12.000;1\n", "line 3, column 1 (a): '-12.000'"),
                        ("a;y\n0,5;0\n1.234.567;1\n", "line 3, column 1 (a): '1.234.567' is "
                         "not a finite number: thousands separators? write 1234567"),
                        ("a;b;y\n1.500;0.125;0\n2.500;1.5;1\n", "line 2, column 1 (a): '1.500'"),
                        ("a;b;y\n1;2.250;0\n2;1;1\n", "line 2, column 2 (b): '2.250'")]:
        assert where in refused(tmp_path, text, "--scale")
    # A point that can only be a decimal point in the column: read as one.
    for text, column in [("a;b;y\n1.500;1;0\n2.25;2;1\n", [1.5, 2.25]),
                         ("a;b;y\n1.500;1;0\n0.125;2;1\n", [1.5, 0.125]),
                         ("a;b;y\n0.125;1;0\n0.5;2;1\n", [0.125, 0.5]),
                         ("a;b;y\n1.5e3;1;0\n1.500;2;1\n", [1500.0, 1.5])]:
        from purebp.csvdata import read_table
        assert [row[0] for row in read_table(text, "d.csv").X] == column
    # In a comma file, 1.500 is one and a half, as ever.
    from purebp.csvdata import read_table
    assert read_table("a,y\n1.500,0\n2,1\n", "d.csv").X[0][0] == 1.5


def test_a_cell_with_a_grouping_point_and_a_decimal_comma_is_never_misread(tmp_path):
    line = refused(tmp_path, "a;y\n1.500,5;0\n2;1\n", "--scale")
    assert line.endswith("(a): '1.500,5' is not a finite number: thousands separators and a "
                         "decimal comma? write 1500.5")
    line = refused(tmp_path, "a;y\n0,5;0\n1.500;1\n", "--scale")
    assert "'1.500' has a point, but line 2 writes '0,5' with a decimal comma" in line


@pytest.mark.parametrize("cell, hint", [
    ("$0,5", "leave out the '$': write 0,5"),
    ("1_0,5", "'_' is no part of a number: write 10,5"),
    ("\u22120,5", "its minus sign is U+2212, as word processors write it: write -0,5"),
    ("1 000,5", "it has a space (U+0020), a thousands separator? write 1000,5"),
    ("1\u00a0000,5", "it has a no-break space (U+00A0), a thousands separator? write 1000,5"),
    ("0,5%", "a percentage: write 0,5 or 0,005"),
    ("$1,5e-400", "leave out the '$'"),         # 1,5e-400 is refused: too small
    ("$1,5e-4", "leave out the '$': write 1,5e-4"),
    ("9" * 5000 + ",5", "too large for a float (at most about 1.8e308)"),
])
def test_a_semicolon_cell_is_hinted_as_its_file_reads_it(tmp_path, cell, hint):
    line = refused(tmp_path, "a;b;y\n0,5;%s;0\n1;2;1\n" % cell, "--scale")
    assert line.endswith("is not a finite number: " + hint), line


@pytest.mark.parametrize("cell, said", [
    ("$1e-400", "is not a finite number: leave out the '$'"),
    ("1_0e-400", "is not a finite number: '_' is no part of a number"),
    ("\u22121e-400", "is not a finite number: its minus sign is U+2212, as word processors write "
                     "it, and too small for a float: it would be 0.0"),
    ("1e-400%", "is not a finite number: a percentage"),
    ("1e-2%", "is not a finite number: a percentage: write 1e-2 or 1e-4"),
    ("1e-400", "is too small for a float: it would be 0.0"),
])
def test_no_rewrite_is_proposed_that_purebp_refuses(tmp_path, cell, said):
    line = refused(tmp_path, "a,b,y\n1,%s,0\n3,4,1\n" % cell)
    assert line == "purebp train: error: d.csv: line 2, column 2 (b): %r %s" % (cell, said)


def test_a_semicolon_file_writes_its_decimal_commas_in_rewrites_only(tmp_path):
    line = refused(tmp_path, "a;size 2.5;y\n1;small;0\n1;big;1\n2;x;0\n")
    assert line == ("purebp train: error: d.csv: line 2, column 2 (size 2.5): 'small' is not a "
                    "finite number: column 'size 2.5' holds text, and an input is a number: "
                    "leave the column out of the file, or make it the target (--target size "
                    "2.5, with --classes)")
    line = refused(tmp_path, "a;b;y\n0,5;1,0e-400;0\n1;2;1\n")
    assert line == ("purebp train: error: d.csv: line 2, column 2 (b): '1,0e-400' is too small "
                    "for a float: it would be 0.0")       # as 1e-400 in a comma file


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rows")
    (folder / "d.csv").write_text("a;b;y\n0,5;1;0\n1;2;1\n", encoding="utf-8")
    done = inprocess.purebp(["train", "--data", "d.csv", "--iterations", "3", "--quiet",
                             "--save", "m.json"], cwd=str(folder))
    assert done.returncode == 0, done
    return str(folder / "m.json")


@pytest.mark.parametrize("row, said", [
    ("1.500;3", "input '1.500;3': '1.500' " + ASKED % ("1,500", "1500")),
    ("0,5;$0,5", "input '0,5;$0,5': '$0,5' is not a finite number; leave out the '$': write 0,5"),
    ("0,5;1_0,5", "input '0,5;1_0,5': '1_0,5' is not a finite number; '_' is no part of a "
                  "number: write 10,5"),
    ("0,5;1 000,5", "input '0,5;1 000,5': '1 000,5' is not a finite number; it has a space "
                    "(U+0020), a thousands separator? write 1000,5"),
    ("0,5;\u22120,5", "input '0,5;\u22120,5': '\u22120,5' is not a finite number; its minus "
                      "sign is U+2212, as word processors write it: write -0,5"),
    ("1;%s,5" % ("9" * 5000), "'99999999999999999999999...99999,5' (5002 characters) is not a "
                               "finite number; too large for a float (at most about 1.8e308)"),
    ("1,\u00a00", "input '1,\\xa00': '\\xa00' is not a finite number; it has a no-break space "
                  "(U+00A0): write 0"),
    ("1;0,5\u202f", "input '1;0,5\\u202f': '0,5\\u202f' is not a finite number; it has a narrow "
                    "no-break space (U+202F): write 0,5"),
])
def test_a_semicolon_row_is_read_and_hinted_as_its_file_would_be(model, row, said):
    done = inprocess.purebp(["predict", model, row])
    lines = done.stderr.splitlines()
    assert done.returncode == 2 and len(lines) == 1 and lines[0].endswith(said), done
    assert listed(lines[0]), "docs/errors.md does not list: " + lines[0]


def test_a_semicolon_row_whose_points_are_decimal_points_is_read(model):
    done = inprocess.purebp(["predict", model, "1.500;2.25", "0.125;1.500", "1.5;1", "--json"])
    assert done.returncode == 0, done
    assert json.loads(done.stdout)["X"] == [[1.5, 2.25], [0.125, 1.5], [1.5, 1.0]]


def test_class_labels_with_a_grouping_point_in_a_semicolon_file_are_asked_about(tmp_path):
    """1.000 and 1 would be one class, 1, though a semicolon file may mean 1000."""
    line = refused(tmp_path, "a;y\n1;1\n2;1.000\n3;2\n", "--classes")
    assert line.endswith("line 3, column 2 (y): '1.000' " + ASKED % ("1,000", "1000")), line


@pytest.mark.parametrize("rows", [
    ["1.500;2", "2.5;1"], ["1.500;2", "2;1"], ["1;1.500", "2.25;3"], ["1;1.500", "2;1.5"],
    ["1.500;2.25"], ["2;1", "1.500;1.250", "0.5;3"], ["1.500;1.250", "0.5;0.25"],
    ["1.000;2", "1.5;3.000"], ["1,5;2", "1;3"]])
def test_predict_reads_rows_as_the_same_lines_of_a_file(model, tmp_path, rows):
    """Task h21n: one rule for 1.500 with semicolons, by column: a column
    with a 2.5 reads its 1.500 as 1.5, in a file and in predict's words
    (1.500;2 beside 2.5;1 was refused as words, read as 1.5 from a file)."""
    given = tmp_path / "rows.csv"
    given.write_text("a;b\n" + "\n".join(rows) + "\n", encoding="utf-8")
    from_file = inprocess.purebp(["predict", model, "--input", str(given), "--json"])
    from_words = inprocess.purebp(["predict", model] + rows + ["--json"])
    assert from_words.returncode == from_file.returncode, (from_words, from_file)
    if from_file.returncode == 0:
        assert json.loads(from_words.stdout)["X"] == json.loads(from_file.stdout)["X"]
        return
    said = from_file.stderr.strip()
    line = int(said.split(": line ")[1].split(",")[0])
    tail = said.split("): ", 1)[1]
    assert from_words.stderr.strip() == "purebp predict: error: input %r: %s" % (
        rows[line - 2], tail), (from_words.stderr, said)


def test_a_lone_row_of_1_500_is_refused_as_its_one_line_file(model):
    done = inprocess.purebp(["predict", model, "1.500;2.25"])
    assert done.stderr == ("purebp predict: error: input '1.500;2.25': '1.500' "
                           + ASKED % ("1,500", "1500") + "\n"), done
    done = inprocess.purebp(["predict", model, "1.500;2", "2.5;1", "--json"])
    assert json.loads(done.stdout)["X"] == [[1.5, 2.0], [2.5, 1.0]], done
