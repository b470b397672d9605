"""`purebp check`: numpy's shipped numbers, the board-sized subset, single precision."""

import sys

import pytest

from purebp import minicli, network, selfcheck

# The checks besides training: four random streams, the sigmoid, the other
# activations, the shuffle.
NOT_TRAINING = 7


def run_check(**kwargs):
    lines = []
    code = selfcheck.print_check(lines.append, **kwargs)
    return code, lines


def test_the_full_check_passes_here():
    code, lines = run_check()
    assert code == 0
    assert lines[-1].startswith("ok: %d checks, worst deviation"
                                % (NOT_TRAINING + len(selfcheck.scenarios())))
    assert not any("board-sized" in line for line in lines)


# The board-sized subset, a second each: under the long marker (.ci/run), where the
# unix port runs the check itself too.
@pytest.mark.long
def test_a_small_heap_runs_the_board_sized_subset_and_says_so(monkeypatch):
    monkeypatch.setattr(selfcheck, "heap_size", lambda: 64 * 1024)
    code, lines = run_check()
    board = selfcheck.scenarios(board=True)
    assert code == 0
    assert lines[1].startswith("a board-sized subset: %d of %d training scenarios"
                               % (len(board), len(selfcheck.scenarios())))
    assert lines[1].endswith(": this heap has 64 KB for Python; the full check needs 160 KB")
    assert lines[-1].startswith("ok: %d checks (board-sized subset)" % (NOT_TRAINING + len(board)))
    names = [s["name"] for s in board]
    assert "Trask's 3,4,1 on XOR, seed 1" in names and len(names) < len(selfcheck.scenarios())


@pytest.fixture(scope="module")
def board_check():
    """``run_check(board=True)`` once for the two tests below (it trains on the
    plain path: most of a second), with selfcheck_large out of sys.modules
    first and train's ``fast`` argument recorded: ``(code, lines, the fast
    arguments, the modules loaded once it is done)``."""
    import purebp
    from purebp import selfcheck_large  # noqa: F401  (loaded: the check must not need it)
    asked = []

    def train(*args, **kwargs):
        asked.append(kwargs["fast"])
        return real_train(*args, **kwargs)
    real_train = network.train
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(network, "train", train)
        del sys.modules["purebp.selfcheck_large"]
        del purebp.selfcheck_large
        code, lines = run_check(board=True)
        loaded = set(sys.modules)
    return code, lines, asked, loaded


# As above.
@pytest.mark.long
def test_the_board_sized_subset_trains_on_the_plain_path_and_says_so(monkeypatch, board_check):
    code, lines, board_asked, _ = board_check
    assert code == 0
    assert "(networks of at most 16 weights, on the plain path)" in lines[1]
    assert board_asked == [False] * len(selfcheck.scenarios(board=True))
    asked = []

    def train(*args, **kwargs):
        asked.append(kwargs["fast"])
        return real_train(*args, **kwargs)
    real_train = network.train
    monkeypatch.setattr(network, "train", train)
    assert run_check(board=False)[0] == 0
    assert asked == [True] * len(selfcheck.scenarios())


# Half a second: under the long marker (.ci/run).
@pytest.mark.long
def test_the_board_sized_subset_never_loads_the_larger_scenarios(board_check):
    """Their numbers are in a module of their own; and the board-sized check
    lets go of selfcheck_data once it has what it trains, which a later check
    reads afresh. (The board-sized check ran in ``board_check``, on a package
    without selfcheck_large loaded.)"""
    code, lines, _, loaded = board_check
    assert code == 0
    assert "purebp.selfcheck_large" not in loaded
    assert "purebp.selfcheck_data" not in loaded
    from purebp import selfcheck_data, selfcheck_large
    assert all(_weights(s) <= selfcheck.BOARD_WEIGHTS for s in selfcheck_data.SCENARIOS)
    assert all(_weights(s) > selfcheck.BOARD_WEIGHTS for s in selfcheck_large.SCENARIOS)
    assert selfcheck_data.LARGE_SCENARIOS == len(selfcheck_large.SCENARIOS) > 0
    assert selfcheck.scenarios() == selfcheck_data.SCENARIOS + selfcheck_large.SCENARIOS
    assert selfcheck.scenarios(board=True) == selfcheck_data.SCENARIOS
    code, lines = run_check(board=False)
    assert code == 0 and lines[-1].startswith("ok: %d checks," % (NOT_TRAINING + len(selfcheck.scenarios())))


def _weights(scenario):
    layers = scenario["layers"]
    return sum(layers[k] * layers[k + 1] for k in range(len(layers) - 1))


def test_the_recorded_numbers_are_read_exactly():
    """One string per list: float() gives back every recorded number."""
    from purebp import selfcheck_data
    for seed, values in selfcheck_data.RANDOM_STREAMS:
        assert [repr(v) for v in selfcheck._numbers(values)] == values.split()
    assert selfcheck._deviation([0.5, 1.0], "0.5 1.0") == 0.0
    assert selfcheck._deviation([0.5], "0.5 1.0") == float("inf")
    assert selfcheck._deviation([0.5, float("nan")], "0.5 1.0") == float("inf")   # never ok


def test_single_precision_says_numpys_numbers_need_double(monkeypatch):
    monkeypatch.setattr(selfcheck, "double_precision", lambda: False)
    code, lines = run_check()
    assert code == 1
    assert lines[1].startswith("not checked: this Python computes in single precision")
    assert len(lines) == 2


def test_the_default_run_on_single_precision_says_so_and_still_runs(monkeypatch, capsys,
                                                                    short_article):
    monkeypatch.setattr(minicli, "double_precision", lambda: False)
    assert minicli.main([]) == 0
    out, err = capsys.readouterr()
    assert err.startswith("purebp: note: this Python computes in single precision")
    assert out.startswith("Loss:  1.2397833996371264")


def test_here_floats_are_double_and_there_is_no_heap_limit():
    assert selfcheck.double_precision()
    assert selfcheck.heap_size() is None


def test_the_small_command_line_refuses_a_flag_given_twice(capsys):
    """As the full one does: the first --seed would be ignored."""
    assert minicli.main(["--seed", "5", "--seed", "6"]) == 2
    assert capsys.readouterr().err == ("purebp: error: --seed is given twice; give it once "
                                       "(see 'purebp --help')\n")


def test_the_small_command_line_refuses_a_seed_for_check(capsys):
    """check runs its recorded scenarios with their own seeds: --seed would be ignored."""
    assert minicli.main(["--seed", "2", "check"]) == 2
    assert "--seed, given before check, does not apply to it" in capsys.readouterr().err
    assert minicli.main(["check", "--seed", "2"]) == 2
    assert "purebp check: error: unrecognized arguments: --seed 2" in capsys.readouterr().err
