"""Tests that run on MicroPython itself, where pytest cannot: plain asserts.

    micropython tools/board_tests.py          (purebp on MICROPYPATH)

tools/board_runner.py runs this file on the unix port (the rows of
tools/test-everywhere). Each test prints ``ok NAME`` or ``FAIL NAME: why``;
the last line counts them, and the exit status is 1 if one failed. Where
floats are single precision, ``check`` must say that numpy's numbers need
double precision; the other tests hold everywhere. (numpy's numbers
themselves are checked by ``check`` and by the heap targets.)
"""

import sys

import purebp

DOUBLE = 1.0 + 2.0 ** -52 != 1.0
results = []


def test(function):
    name = function.__name__
    try:
        function()
    except Exception as error:           # a test's failure, reported, not raised
        results.append(False)
        print("FAIL %s: %s: %s" % (name, type(error).__name__, error))
        return function
    results.append(True)
    print("ok %s" % name)
    return function


def random_data(rows, n_in, n_out, seed):
    generator = purebp.MT19937(seed)
    X = [[4 * generator.random() - 2 for _ in range(n_in)] for _ in range(rows)]
    y = [[generator.random() for _ in range(n_out)] for _ in range(rows)]
    return X, y


def plain_and_compiled(X, y, layers, lr, loss, form, iterations=20):
    from purebp.fast import compile_loop
    from purebp.network import step
    weights = purebp.initial_weights(layers, 1)
    for i in range(iterations):
        weights = step(weights, X, y, lr, loss).weights
    loop = compile_loop(X, y, layers, lr, loss, form=form)
    # A single-precision board writes some floats with too few digits to
    # give them back as code: the unrolled form then yields to the row form.
    assert loop is not None and (loop.form == form or not DOUBLE), "no %s loop" % form
    return weights, loop.run(purebp.initial_weights(layers, 1), 0, iterations, 0)[0]


@test
def import_purebp_imports_no_module_of_the_package():
    loaded = [m for m in sys.modules if m.startswith("purebp.")]
    assert loaded == [], loaded


@test
def the_fast_paths_forms_give_the_plain_paths_numbers():
    X, y = purebp.load_data("xor")
    for form in ("unrolled", "rows"):
        plain, compiled = plain_and_compiled(X, y, [3, 4, 1], 1.0, "half-sse", form)
        assert compiled == plain, form
    X, y = random_data(12, 5, 3, seed=7)
    for form in ("unrolled", "rows"):
        plain, compiled = plain_and_compiled(X, y, [5, 4, 3], 0.3, "sse", form)
        assert compiled == plain, form


@test
def trask_learns_xor():
    X, y = purebp.load_data("xor")
    result = purebp.train(X, y, layers=[3, 4, 1], iterations=10000, every=0)
    predictions = purebp.predict(result.weights, X)
    assert [round(row[0]) for row in predictions] == [0, 1, 1, 0], predictions


@test
def check_passes_or_says_it_cannot():
    from purebp.selfcheck import print_check
    lines = []
    code = print_check(lines.append)
    if DOUBLE:
        assert code == 0 and lines[-1].startswith("ok:"), lines[-1]
    else:
        assert code == 1 and lines[1].startswith("not checked: "), lines


@test
def explain_names_every_quantity():
    X, y = purebp.load_data("xor")
    story = purebp.explain(X, y, layers=[3, 4, 1])
    names = [q["name"] for q in story["quantities"]]
    assert "l2_delta" in names or "l2_delta = l2_error * slope" in " ".join(names), names


@test
def gradient_check_agrees_with_backprop():
    X, y = purebp.load_data("xor")
    result = purebp.gradient_check(purebp.initial_weights([3, 4, 1], 1), X, y)
    # 1e-6 needs double precision: finite differences in 24-bit floats are rough
    assert result.passed if DOUBLE else result.worst.relative_error < 0.2, result.worst


@test
def a_bad_input_is_a_purebp_error():
    try:
        purebp.dot([[1, 2, 3]], [[1], [2]])
    except purebp.PurebpError as error:
        assert "inner sizes 3 and 2 differ" in str(error), error
    else:
        raise AssertionError("no PurebpError")


@test
def endless_work_is_refused_in_one_message():
    X, y = purebp.load_data("seed")     # its words for days load with the refusal, on a board too
    try:
        purebp.train(X, y, iterations=10 ** 12)
    except purebp.PurebpError as error:
        assert "at least 21 days at 50 ns each; purebp refuses work of more than a day" in str(
            error), error
    else:
        raise AssertionError("no PurebpError")


@test
def bools_and_subclasses_of_numbers_are_numbers_as_on_cpython():
    class Whole(int):
        pass

    class Real(float):
        pass
    assert purebp.dot([[True, Whole(2), Real(0.5)]], [[1.0], [1.0], [2.0]]) == [[4.0]]
    assert purebp.transpose([[False, True]]) == [[False], [True]]
    assert purebp.multiply(True, [[2.5]]) == [[2.5]] and purebp.add([[1]], False) == [[1]]
    X, y = purebp.load_data("xor")
    with_bools = purebp.train([[bool(v) for v in row] for row in X], y, layers=[3, 4, 1],
                              iterations=100, every=0)          # the compiled loop writes them
    assert with_bools.weights == purebp.train(X, y, layers=[3, 4, 1], iterations=100,
                                              every=0).weights

print("%d passed, %d failed" % (results.count(True), results.count(False)))
sys.exit(1 if False in results else 0)
