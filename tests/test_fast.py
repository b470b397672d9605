"""The compiled loop (purebp.fast) against the plain path, bit for bit.

Both forms -- row-looped and unrolled -- must give exactly the numbers of
``network.step`` repeated: the same weights, the same reported outputs,
on every recorded scenario and on random data of several shapes, several
outputs, every loss and hidden activation, and learning rates other than
1; mini-batches (the row-looped form, a step per batch) the numbers of
the plain mini-batch loop. Where a convention or a size is not supported,
or memory runs out while building the code, ``compile_loop`` returns None
(or the other form) and ``train`` still gives the plain path's numbers.
"""

import random

import pytest

from conftest import load_reference, reference_data, scenario_names
from purebp import batch_training, fast, fast_code, fast_rows, fast_unrolled, training
from purebp.activations import HIDDEN
from purebp.datasets import load_data
from purebp.errors import TrainingError
from purebp.losses import LOSS_NAMES
from purebp.network import layer_activations, step, train
from purebp.random_start import initial_weights

FORMS = ("rows", "unrolled")


def plain(X, y, layers, iterations, lr, loss, every, seed=1, activation="sigmoid"):
    """The plain path, one ``step`` an iteration: weights and (iteration, outputs)."""
    weights, reports = initial_weights(layers, seed), []
    for i in range(iterations):
        s = step(weights, X, y, lr, loss, activation)
        if every and i % every == 0:
            reports.append((i, s.l[-1]))
        weights = s.weights
    return weights, reports


def compiled(form, X, y, layers, iterations, lr, loss, every, seed=1, activation="sigmoid"):
    """The form's loop made directly (compile_loop keeps PyPy to smaller sizes)."""
    activations = layer_activations(len(layers) - 1, activation, loss)
    if form == "rows":
        loop = fast_rows.compile_rows(X, y, layers, float(lr), loss, activations)
    else:
        loop = fast_unrolled.compile_unrolled(X, y, layers, float(lr), loss, activations)
    assert loop is not None and loop.form == form
    return loop.run(initial_weights(layers, seed), 0, iterations, every)


def random_problem(rows, layers, seed, loss="sse"):
    """Random inputs, and targets the loss takes: 0 or 1 for cross-entropy,
    one-hot rows for softmax, numbers in [0, 1] otherwise."""
    rng = random.Random(seed)
    X = [[rng.uniform(-2, 2) for _ in range(layers[0])] for _ in range(rows)]
    if loss == "softmax":
        classes = [rng.randrange(layers[-1]) for _ in range(rows)]
        y = [[1 if j == c else 0 for j in range(layers[-1])] for c in classes]
    elif loss == "cross-entropy":
        y = [[rng.randint(0, 1) for _ in range(layers[-1])] for _ in range(rows)]
    else:
        y = [[rng.random() for _ in range(layers[-1])] for _ in range(rows)]
    return X, y


def has_snippets(ref):
    """Full batch, with conventions the compiled forms spell (fast.ACTIVATIONS, fast.LOSSES)."""
    return (not ref.get("batch_size") and ref.get("activation", "sigmoid") in fast.ACTIVATIONS
            and ref["loss"] in fast.LOSSES)


COMPILED = [name for name in scenario_names() if has_snippets(load_reference(name))]


def test_the_compiled_scenarios_are_the_articles_and_more():
    assert {"eight_lines_seed1", "expanded_seed1", "trask_xor_3_4_1", "xor_3_5_4_1_sse"} <= set(
        COMPILED)


def few_rows(name):
    return len(reference_data(load_reference(name))[0]) <= 32


# The unrolled form on the scenarios small enough for it (compile_loop takes it up
# to fast.UNROLL_TERMS; written out for 240 rows, it takes seconds to compile).
# Every recorded scenario under the long marker (.ci/run): in the quick run,
# test_both_forms_give_the_plain_paths_numbers_with_every_convention covers each
# convention, and test_references compares train's compiled path with the plain one.
@pytest.mark.long
@pytest.mark.parametrize("name, form", [(name, form) for name in COMPILED for form in FORMS
                                        if form == "rows" or few_rows(name)])
def test_both_forms_give_the_plain_paths_numbers_on_every_recorded_scenario(name, form):
    ref = load_reference(name)
    X, y = reference_data(ref)
    iterations = min(ref["iterations"], 1500)
    if len(X) > 32:
        iterations = min(iterations, 40)       # the plain path is slow on many rows
    args = (X, y, ref["layers"], iterations, ref["lr"], ref["loss"], ref["every"] // 10 or 1,
            ref["seed"], ref.get("activation", "sigmoid"))
    assert compiled(form, *args) == plain(*args)


# (rows, layers, lr, loss): several outputs, hidden layers of 1 unit, sums longer
# than one generated statement (fast.SUM_TERMS), learning rates other than 1.
SHAPES = [
    (64, [8, 6, 3], 0.3, "sse"),
    (40, [5, 7, 4, 2], 1.0, "half-sse"),
    (100, [3, 1], 2.0, "half-sse"),
    (30, [70, 3, 2], 0.05, "sse"),
    (12, [4, 1, 5], 0.7, "half-sse"),
    (1, [2, 3, 1], 1, "sse"),
    (25, [6, 80, 1], 0.01, "half-sse"),
]


# The widest shape unrolled (half a second of generated code) under -m long; its
# row-looped form, and long sums unrolled (70 inputs), stay in the default run.
# Random data of many shapes, both forms, a second and a half: under the long marker
# (.ci/run); the recorded scenarios hold the forms to the plain path in the README's command.
@pytest.mark.long
@pytest.mark.parametrize("rows, layers, lr, loss, form", [
    shape + (form,) if shape[1] != [6, 80, 1] or form == "rows" else
    pytest.param(*(shape + (form,)), marks=pytest.mark.long)
    for shape in SHAPES for form in FORMS])
def test_both_forms_give_the_plain_paths_numbers_on_random_data(rows, layers, lr, loss, form):
    X, y = random_problem(rows, layers, seed=rows + len(layers))
    args = (X, y, layers, 25, lr, loss, 6, 7)
    weights, reports = compiled(form, *args)
    expected_weights, expected_reports = plain(*args)
    assert weights == expected_weights
    assert [(i, [list(row) for row in l]) for i, l in reports] == expected_reports


# A second of training twice: a cross-check for .ci/run's long tests (the recorded
# scenarios hold the two paths together in the README's command).
@pytest.mark.long
def test_train_gives_the_same_result_either_way_on_digits_sized_data():
    """A real-data shape (many rows, 64 inputs, 10 outputs): the row-looped form."""
    X, y = random_problem(300, [64, 12, 10], seed=3)
    loop = fast.compile_loop(X, y, [64, 12, 10], 0.01, "half-sse")
    assert loop is None if fast.PYPY else loop.form == "rows"    # PyPy: the plain path
    kwargs = dict(layers=[64, 12, 10], iterations=4, lr=0.01, every=2, metric="mse")
    a, b = train(X, y, fast=True, **kwargs), train(X, y, fast=False, **kwargs)
    assert (a.weights, a.outputs, a.history) == (b.weights, b.outputs, b.history)


def test_the_tiny_problems_keep_the_unrolled_form():
    for data, layers in (("seed", [3, 1]), ("xor", [3, 4, 1]), ("xor", [3, 32, 1])):
        X, y = load_data(data)
        assert fast.compile_loop(X, y, layers, 1.0, "half-sse").form == "unrolled"


def test_the_row_looped_code_grows_with_the_weights_not_the_rows():
    few, many = random_problem(10, [5, 4, 2], 1), random_problem(1000, [5, 4, 2], 1)
    sources = [fast.compile_loop(X, y, [5, 4, 2], 1.0, "sse", form="rows").source
               for X, y in (few, many)]
    assert sources[0] == sources[1]
    assert "def forward(w, rows):" in sources[0] and "def backward(" in sources[0]


CONVENTIONS = [(activation, loss) for activation in HIDDEN for loss in LOSS_NAMES]


# 30 trainings, a second: under the long marker (.ci/run); the recorded scenarios of
# every convention hold the fast path to the plain one in the README's command.
@pytest.mark.long
@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("activation, loss", CONVENTIONS)
def test_both_forms_give_the_plain_paths_numbers_with_every_convention(activation, loss, form):
    """Each hidden activation with each loss (softmax outputs, slopes that
    cancel, means over the rows), on 9 rows of 3 outputs and, for numpy's
    pairwise sums of a softmax row, on 5 rows of 11 outputs."""
    for rows, layers, lr in ((9, [4, 5, 3], 0.7), (5, [3, 4, 11], 2.0)):
        X, y = random_problem(rows, layers, seed=rows, loss=loss)
        args = (X, y, layers, 12, lr, loss, 4, 3, activation)
        weights, reports = compiled(form, *args)
        expected_weights, expected_reports = plain(*args)
        assert weights == expected_weights
        assert [(i, [list(row) for row in l]) for i, l in reports] == expected_reports


def train_both(X, y, monkeypatch=None, **kwargs):
    """train compiled and plain; with ``monkeypatch``, also whether the
    compiled mini-batch loop ran."""
    ran = []
    if monkeypatch is not None:
        original = batch_training.compiled_batches
        monkeypatch.setattr(batch_training, "compiled_batches",
                            lambda *args: ran.append(1) or original(*args))
    a, b = train(X, y, fast=True, **kwargs), train(X, y, fast=False, **kwargs)
    assert (a.weights, a.outputs, a.history, a.held_out) == (
        b.weights, b.outputs, b.history, b.held_out)
    return bool(ran)


@pytest.mark.parametrize("activation, loss", CONVENTIONS)
def test_mini_batches_give_the_plain_paths_numbers_with_every_convention(
        activation, loss, monkeypatch):
    """13 rows in batches of 4 (a smaller last one), 5 epochs, a report every
    2 with held-out rows, the compiled loop a step per batch."""
    X, y = random_problem(13, [4, 6, 3], seed=5, loss=loss)
    held_out = random_problem(5, [4, 6, 3], seed=6, loss=loss)
    assert train_both(X, y, monkeypatch, layers=[4, 6, 3], lr=0.9, loss=loss,
                      activation=activation, batch_size=4, epochs=5, every=2, metric="loss",
                      held_out=held_out)


def test_mini_batches_run_compiled_and_agree_on_larger_data(monkeypatch):
    """More rows and layers; a batch of one row and one of every row."""
    X, y = random_problem(70, [7, 9, 5, 4], seed=8, loss="softmax")
    for batch_size in (1, 16, 70):
        ran = train_both(X, y, monkeypatch, layers=[7, 9, 5, 4], lr=0.5, loss="softmax",
                         activation="tanh", batch_size=batch_size, epochs=2, every=1,
                         metric="accuracy")
        assert ran
        monkeypatch.undo()


def test_a_diverging_mini_batch_names_the_same_step_either_way():
    X, y = random_problem(20, [3, 5, 1], seed=4)
    messages = []
    for fast_path in (True, False):
        with pytest.raises(TrainingError) as caught:
            train(X, y, layers=[3, 5, 1], loss="sse", activation="relu", lr=1e200,
                  batch_size=6, epochs=3, every=0, fast=fast_path)
        messages.append((str(caught.value), caught.value.iteration))
    assert messages[0] == messages[1]


def test_a_convention_without_code_trains_on_the_plain_path(monkeypatch):
    """A convention added to the tables without a snippet: compile_loop
    returns None, and train, full batch or in batches, runs the plain path
    with its numbers."""
    monkeypatch.setattr(fast, "LOSSES", dict((name, code) for name, code in fast.LOSSES.items()
                                             if name != "mse"))
    monkeypatch.setattr(fast, "ACTIVATIONS", dict(
        (name, code) for name, code in fast.ACTIVATIONS.items() if name != "relu"))
    X, y = random_problem(10, [3, 4, 2], seed=1)
    assert fast.compile_loop(X, y, [3, 4, 2], 1.0, "mse") is None
    assert fast.compile_loop(X, y, [3, 4, 2], 1.0, "sse", activation="relu") is None
    assert fast.compile_loop(X, y, [3, 4, 2], 1.0, "sse", activation="tanh") is not None
    for kwargs in ({"loss": "mse"}, {"activation": "relu"}):
        for length in ({"iterations": 30}, {"batch_size": 3, "epochs": 4}):
            assert not train_both(X, y, monkeypatch, layers=[3, 4, 2], every=5,
                                  **dict(kwargs, **length))


def test_sizes_beyond_the_limit_give_none():
    X, y = load_data("xor")
    assert fast.compile_loop(X, y, [3, fast.MAX_LAYER_WEIGHTS, 1], 1.0, "sse") is None


def test_the_snippets_are_the_convention_tables_own():
    """fast.ACTIVATIONS and fast.LOSSES are gathered from the tables' ``compiled``
    entries: a convention is added in one place, and every one has its code."""
    from purebp.activations import ACTIVATIONS
    from purebp.losses import LOSSES
    assert fast.ACTIVATIONS == {name: a.compiled for name, a in ACTIVATIONS.items()
                                if a.compiled is not None}
    assert set(fast.ACTIVATIONS) == set(ACTIVATIONS)
    assert set(fast.LOSSES) == {name for name, loss in LOSSES.items()
                                if loss.compiled is not None} == set(LOSS_NAMES)


def test_the_top_layer_takes_the_losss_output_activation():
    """The hidden activation applies to hidden layers only: a 3,1 network has
    none, so its loop is the sigmoid output's whatever that choice."""
    X, y = load_data("seed")
    expected = train(X, y, layers=[3, 1], iterations=100, loss="sse", fast=False).weights
    for activation in ("tanh", "relu"):
        loop = fast.compile_loop(X, y, [3, 1], 1.0, "sse", activation=activation)
        assert loop is not None
        assert loop.run(initial_weights([3, 1], 1), 0, 100, 0)[0] == expected


def raise_memory_error(*args, **kwargs):
    raise MemoryError("a board's small heap")


def test_pypy_keeps_generated_code_within_its_jits_reach(monkeypatch):
    monkeypatch.setattr(fast, "PYPY", True)
    X, y = random_problem(30, [16, 16, 1], seed=2)
    assert fast.compile_loop(X, y, [16, 16, 1], 1.0, "sse").form == "rows"
    assert fast.compile_loop(X, y, [16, 17, 1], 1.0, "sse") is None
    X, y = load_data("xor")
    assert fast.compile_loop(X, y, [3, 32, 1], 1.0, "sse").form == "unrolled"
    assert fast.compile_loop(X, y, [3, 64, 1], 1.0, "sse").form == "rows"


def test_out_of_memory_while_writing_the_unrolled_code_falls_back_to_rows(monkeypatch):
    """Issue 13: MemoryError is raised while the code is written, not only in exec."""
    monkeypatch.setattr(fast_unrolled, "unrolled_lines", raise_memory_error)
    X, y = load_data("xor")
    loop = fast.compile_loop(X, y, [3, 4, 1], 1.0, "half-sse")
    assert loop is not None and loop.form == "rows"


def test_out_of_memory_everywhere_trains_on_the_plain_path(monkeypatch):
    monkeypatch.setattr(fast_unrolled, "unrolled_lines", raise_memory_error)
    monkeypatch.setattr(fast_rows, "forward_lines", raise_memory_error)
    X, y = load_data("xor")
    with pytest.raises(MemoryError):
        fast.compile_loop(X, y, [3, 4, 1], 1.0, "half-sse")
    result = train(X, y, layers=[3, 4, 1], iterations=300, every=100)
    assert result.plain_reason == ("the compiled loop needs more memory than this Python "
                                   "has left")
    monkeypatch.undo()
    assert result.weights == train(X, y, layers=[3, 4, 1], iterations=300, fast=False).weights


def test_a_join_that_finds_no_room_builds_the_code_in_one_block():
    """The fallback for a fragmented heap gives the very same code, and function."""
    X, y = load_data("xor")
    calls = []

    def lines():
        calls.append(1)
        if len(calls) == 1:
            raise MemoryError("no free stretch as long as the code")
        return fast_unrolled.unrolled_lines(X, y, [3, 4, 1], 1.0, "half-sse",
                                            ["sigmoid", "sigmoid"])

    calls.append(0)                 # no failure for the comparison just below
    block = fast_code._one_block(lines)
    assert bytes(block).decode() == "\n".join(lines()) + "\n"
    del calls[:]
    function = fast_code.compile_function(lines, "loop")
    assert len(calls) == 3          # the failed join, then counting and copying
    start = [[w for row in syn for w in row] for syn in initial_weights([3, 4, 1], 1)]
    weights, _ = plain(X, y, [3, 4, 1], 50, 1.0, "half-sse", 0)
    assert function(start, 0, 50, 0, []) == [[w for row in syn for w in row] for syn in weights]
