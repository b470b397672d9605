"""Saved models: round trips, atomic saves, and a seeded fuzz of the loaders."""

import json
import os
import random
import subprocess
import sys

import pytest

import inprocess
import purebp
from purebp import PurebpError
from purebp.errors import SaveError
from purebp.csvdata import read_csv
from purebp.model import Model, load, save
from purebp import load_data, train
from test_bad_input import error_patterns

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CSV = "size,rooms,price\n50,2,150\n80,3,260\n120,4,400\n65,2,190\n100,3,310\n"


def cli(*args):
    env = dict(os.environ, PYTHONPATH=ROOT)
    return subprocess.run([sys.executable, "-S", "-m", "purebp"] + list(args), cwd=ROOT, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)


@pytest.mark.needs_processes
def test_train_save_predict_in_a_new_process_gives_identical_outputs(tmp_path):
    data = tmp_path / "houses.csv"
    data.write_text(CSV, encoding="utf-8")
    path = str(tmp_path / "houses.json")
    trained = cli("train", "--data", str(data), "--layers", "3,3,1", "--scale",
                  "--scale-targets", "--iterations", "2000", "--save", path, "--json")
    assert trained.returncode == 0, trained.stderr
    outputs = json.loads(trained.stdout)["outputs"]        # scaled, last iteration
    predicted = cli("predict", path, "--input", str(data), "--json")
    assert predicted.returncode == 0, predicted.stderr
    result = json.loads(predicted.stdout)
    # The same model in this process, from the same file: bit for bit.
    table = read_csv(str(data), scale_inputs=True, scale_targets=True)
    model = load(path)
    # The file's columns only: the model adds the bias itself.
    assert result["predictions"] == model.predict([[50, 2], [80, 3], [120, 4], [65, 2], [100, 3]])
    assert result["X"] == [[50.0, 2.0], [80.0, 3.0], [120.0, 4.0], [65.0, 2.0], [100.0, 3.0]]
    # Predictions come back in the targets' units (prices), near the training outputs.
    unscaled = table.scaling["targets"].unscale(outputs)
    for a, b in zip(result["predictions"], unscaled):
        assert abs(a[0] - b[0]) < 5
    assert model.inputs == ["size", "rooms", "bias"] and model.targets == ["price"]
    assert model.bias is True and model.data_inputs == ["size", "rooms"]
    assert model.scaling["inputs"].low == [50.0, 2.0]     # the bias is never scaled


def test_predict_on_the_command_line_matches_the_api(tmp_path):
    # in this process (tests/inprocess.py); the test above starts programs
    path = str(tmp_path / "xor.json")
    assert inprocess.purebp(["train", "--data", "xor", "--layers", "3,4,1", "--iterations",
                             "3000", "--save", path]).returncode == 0
    done = inprocess.purebp(["predict", path, "1,0,1", "1,1,1", "--json"])
    assert json.loads(done.stdout)["predictions"] == load(path).predict([[1, 0, 1], [1, 1, 1]])
    table = inprocess.purebp(["predict", path, "1,0,1"])
    assert table.returncode == 0 and "->" in table.stdout
    # semicolons, with decimal commas, as a semicolon CSV file writes them
    done = inprocess.purebp(["predict", path, "1;0,5;1", "1;0;1", "--json"])
    assert json.loads(done.stdout)["predictions"] == load(path).predict([[1, 0.5, 1], [1, 0, 1]])


def test_a_saved_model_holds_what_the_issue_lists(tmp_path):
    X, y = purebp.load_data("seed")
    path = str(tmp_path / "m.json")
    save(Model.from_training(purebp.train(X, y, iterations=10), data="seed"), path)
    with open(path, encoding="utf-8") as f:
        document = json.load(f)
    assert document["format"] == "purebp-model" and document["version"] == 2
    assert document["bias"] is False      # built-in data: the article's x3 is an input
    assert document["activation"] == "sigmoid" and document["loss"] == "half-sse"
    assert document["purebp_version"] == purebp.__version__
    assert document["training"]["iterations"] == 10 and document["training"]["lr"] == 1.0
    assert "scaling" in document and document["layers"] == [3, 1]


# --- atomic saves ---------------------------------------------------------------------

def good_model():
    X, y = purebp.load_data("xor")
    return Model.from_training(purebp.train(X, y, layers=[3, 2, 1], iterations=5), data="xor")


@pytest.mark.parametrize("breaks", ["write", "fsync", "replace"])
def test_a_save_that_fails_midway_leaves_the_old_model_intact(tmp_path, monkeypatch, breaks):
    path = str(tmp_path / "model.json")
    save(good_model(), path)
    with open(path, "rb") as f:
        before = f.read()
    import purebp.files as model_module

    class DiskFull:
        """A file object that writes half, then fails like a full disk."""

        def __init__(self, real):
            self.real = real

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.real.close()

        def write(self, text):
            self.real.write(text[:len(text) // 2])
            raise OSError(28, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.real, name)

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if breaks == "write":
        real_fdopen = os.fdopen
        monkeypatch.setattr(model_module.os, "fdopen",
                            lambda *a, **k: DiskFull(real_fdopen(*a, **k)))
    elif breaks == "fsync":
        monkeypatch.setattr(model_module.os, "fsync", fail)
    else:
        monkeypatch.setattr(model_module.os, "replace", fail)
    other = good_model()
    other.weights[0][0][0] = 123.0
    with pytest.raises(SaveError, match="No space left on device; any file that was there is unchanged"):
        save(other, path)
    monkeypatch.undo()
    with open(path, "rb") as f:
        assert f.read() == before
    assert sorted(os.listdir(str(tmp_path))) == ["model.json"]     # no temporary left behind
    assert load(path).weights[0][0][0] != 123.0


@pytest.mark.needs_processes
def test_save_into_a_read_only_folder(tmp_path):
    path = tmp_path / "model.json"
    path.write_text('{"format": "purebp-model"} old model\n', encoding="utf-8")
    folder = str(tmp_path)
    os.chmod(folder, 0o500)
    try:
        done = cli("train", "--iterations", "5", "--save", str(path))
    finally:
        os.chmod(folder, 0o700)
    if os.geteuid() == 0:
        # root may write anyway: then the save must simply have succeeded.
        assert done.returncode == 0 and load(str(path)).layers == [3, 1]
    else:
        assert done.returncode == 2 and "not writable" in done.stderr
        assert path.read_text(encoding="utf-8") == '{"format": "purebp-model"} old model\n'


# --- fuzz -------------------------------------------------------------------------------

def mutate(data, rng):
    """One random damage to some bytes: flip, cut, insert, repeat or swap."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(6)
        at = rng.randrange(len(data) + 1)
        if kind == 0 and data:
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif kind == 1:
            del data[at:at + rng.randint(1, 20)]
        elif kind == 2:
            data[at:at] = rng.choice([b",", b";", b"\n", b'"', b"nan", b"-", b"1e999", b"[",
                                      b"{", b"}", b"]", b"\xff", b"\xef\xbb\xbf", b" ", b"0",
                                      b"null", b"true", b'"x"', b"9" * 200, b"\r\n", b"\x00"])
        elif kind == 3:
            data = data[:at]
        elif kind == 4:
            piece = data[at:at + rng.randint(1, 40)]
            data[at:at] = piece
        elif kind == 5 and len(data) > 2:
            i, j = sorted(rng.sample(range(len(data)), 2))
            data[i], data[j] = data[j], data[i]
    return bytes(data)


def test_fuzzed_csv_and_model_files_raise_only_purebp_errors(tmp_path):
    fuzz(tmp_path, 600, 20261126)


@pytest.mark.long
def test_more_fuzzed_files_raise_only_purebp_errors(tmp_path):
    fuzz(tmp_path, 6000, 20261127)


def fuzz(tmp_path, cases, seed):
    rng = random.Random(seed)
    X, y = purebp.load_data("xor")
    model_path = str(tmp_path / "seed_model.json")
    save(Model.from_training(purebp.train(X, y, layers=[3, 2, 1], iterations=5),
                             data="xor", scaling=None), model_path)
    with open(model_path, "rb") as f:
        model_bytes = f.read()
    csv_bytes = CSV.encode("utf-8")
    outcomes = {"csv ok": 0, "csv refused": 0, "model ok": 0, "model refused": 0}
    path = str(tmp_path / "fuzz")
    for case in range(cases):
        kind = "csv" if case % 2 == 0 else "model"
        if case:
            # A new file each case: ext4 flushes a file truncated by "wb" (3 ms here, 2 s a run)
            os.remove(path)
        with open(path, "wb") as f:
            f.write(mutate(csv_bytes if kind == "csv" else model_bytes, rng))
        try:
            if kind == "csv":
                table = read_csv(path, scale_inputs=case % 4 == 0, scale_targets=True)
                purebp.train(table.X, table.y, iterations=2)
            else:
                model = load(path)
                model.predict([[1.0] * model.layers[0]])
            outcomes[kind + " ok"] += 1
        except PurebpError:
            outcomes[kind + " refused"] += 1
    # Both loaders saw both kinds of outcome: the fuzz reached past the first check.
    assert all(count > 0 for count in outcomes.values()), outcomes
    assert sum(outcomes.values()) == cases
    print(outcomes)


def _bad_models():
    from purebp.scaling import MinMax
    X, y = load_data("seed")
    r = train(X, y, iterations=3)
    W = r.weights
    return [
        (lambda: Model.from_training(r, inputs=["x", "x", "bias"]), "inputs has the name \"x\" twice"),
        (lambda: Model.from_training(r, targets=[""]), "targets[0] \"\" is empty"),
        (lambda: Model.from_training(r, targets=["a\tb"]), "holds the control character"),
        (lambda: Model.from_training(r, bias=True, inputs=["a", "b", "c"]),
         "bias is True, so inputs must end with 'bias'"),
        (lambda: Model.from_training(r, split={"test_fraction": 0.25}),
         "\"split\" must be null or an object"),
        (lambda: Model([3, 1], W, training={"x": {"a": 1}}), "training 'x': {'a': 1}"),
        (lambda: Model([3, 1], W, training={"x": 10 ** 400}), "a number of more than 100 digits"),
        (lambda: Model([3, 1], W, training={"x": float("nan")}), "training 'x': nan"),
        (lambda: Model([3, 1], W, training={"x": {1, 2}}), "training 'x': {1, 2}"),
        (lambda: Model([3, 1], W, scaling={"inputs": 5, "targets": None}),
         "scaling of inputs: expected a MinMax or None, got 5"),
        (lambda: Model([3, 1], W, scaling={"inputs": None, "targets": None, "zzz": 1}),
         "got the keys 'inputs', 'targets', 'zzz'"),
        (lambda: Model([3, 1], W, scaling={"inputs": MinMax([0], [1]), "targets": None}),
         "scaling of inputs: \"min\" must be 3 finite numbers"),
        (lambda: Model([3, 1], W, scaling={"inputs": MinMax(["a"] * 3, ["b"] * 3),
                                           "targets": None}), "must be 3 finite numbers"),
        (lambda: Model([3, 1], W, inputs=["a", "y", "c"], targets=["y"]),
         "the name 'y' is both an input and a target"),
        (lambda: Model.from_training(r, held_out=(X,)), "held_out: expected (X, y)"),
        (lambda: Model.from_training(r, table=5), "table: expected a csvdata.Table"),
        (lambda: Model.from_training(r, X=X), "give X and y together"),
    ]


def test_a_model_that_load_would_refuse_is_refused_when_made():
    """What a model file may not hold, a Model may not either: save writes
    only what load reads back, and predict finds scaling it can use."""
    for make, words in _bad_models():
        with pytest.raises(PurebpError) as raised:
            make()
        assert words in str(raised.value)
        assert [p for p in error_patterns() if p.search(str(raised.value))], str(raised.value)


def test_a_model_changed_after_it_was_made_is_not_saved(tmp_path):
    X, y = load_data("seed")
    model = Model.from_training(train(X, y, iterations=3))
    path = str(tmp_path / "m.json")
    save(model, path)
    before = open(path).read()
    model.inputs = ["a", "a", "b"]
    with pytest.raises(PurebpError, match="the model would not load back .*twice.*; not saved"):
        save(model, path)
    model.inputs, model.training = ["a", "b", "c"], {"when": {1, 2}}
    with pytest.raises(PurebpError, match="would not load back .*'when': {1, 2}"):
        save(model, path)
    model.training, model.scaling = {}, None
    with pytest.raises(PurebpError, match="would not load back .*scaling: expected a dict"):
        save(model, path)
    with pytest.raises(PurebpError, match="scaling: expected a dict"):
        model.predict([[0, 1, 1]])
    with pytest.raises(PurebpError, match=r"Model: weights\[0\]: row 0, column 0: a number of "
                                          "more than 100 digits; a model file takes at most 100"):
        Model([2, 1], [[[10 ** 200], [2]]])
    model.scaling = {"inputs": None, "targets": None}
    model.weights[0][1][0] = 10 ** 200
    with pytest.raises(PurebpError, match=r"would not load back \(Model: weights\[0\]: row 1, "
                                          "column 0: a number of more than 100 digits"):
        save(model, path)
    assert open(path).read() == before


def test_predict_classes_checks_the_outputs():
    m = Model([2, 2], [[[1.0, -1.0], [0.0, 0.0]]], loss="softmax", classes=["cat", "dog"])
    for outputs, words in (("abc", "outputs: expected a matrix"),
                           ([[0.9]], "outputs have 1 column, but the model has 2 classes"),
                           ([[0.9, 0.1, 0.3]], "outputs have 3 columns")):
        with pytest.raises(PurebpError, match=words):
            m.predict_classes(outputs)
