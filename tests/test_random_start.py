"""The random start must be numpy's, bit for bit (exact equality, no tolerance)."""

import pytest

from purebp import PurebpError
from purebp.random_start import MT19937, initial_weights, random_matrix


def test_random_streams_equal_numpys(reference):
    streams = reference("random")["random_streams"]
    assert len(streams) >= 5
    for seed, expected in streams.items():
        generator = MT19937(int(seed))
        assert [generator.random() for _ in expected] == expected, seed


def test_a_boards_state_in_pieces_draws_numpys_streams_too(reference, monkeypatch):
    """On a board the 624 words are held in pieces (``_Pieces``): the same
    draws, past the first twist and its wrap-around (2 draws a number)."""
    from purebp import random_start
    monkeypatch.setattr(random_start, "_COUNTED_HEAP", True)
    for seed, expected in reference("random")["random_streams"].items():
        generator = MT19937(int(seed))
        assert isinstance(generator.mt, random_start._Pieces)
        assert [generator.random() for _ in expected] == expected, seed
    pieces, whole = MT19937(7), MT19937(7)
    whole.mt = random_start._words(624)
    whole.mt[:] = random_start.array("I", [pieces.mt[i] for i in range(624)])
    assert [pieces.next_uint32() for _ in range(1500)] == [whole.next_uint32() for _ in range(1500)]


def test_initial_weights_equal_numpys(reference):
    draws = reference("random")["initial_weights"]
    assert any(len(d["layers"]) > 3 for d in draws)
    for draw in draws:
        assert initial_weights(draw["layers"], draw["seed"]) == draw["weights"], draw["layers"]


def test_matrices_fill_row_by_row():
    a = MT19937(3)
    values = [a.random() for _ in range(6)]
    assert random_matrix(2, 3, MT19937(3)) == [values[:3], values[3:]]


def test_reference_generator_outputs():
    # mt19937ar.c's published test: init_genrand(5489) then genrand_int32.
    generator = MT19937(5489)
    assert [generator.next_uint32() for _ in range(3)] == [3499211612, 581869302, 3890346734]


@pytest.mark.parametrize("seed, words", [
    (-1, "out of range"), (2 ** 32, "out of range"), (1.5, "not an integer"),
    ("1", "not an integer"), (True, "not an integer"),
])
def test_seeds_numpy_refuses_are_refused(seed, words):
    with pytest.raises(PurebpError) as caught:
        MT19937(seed)
    assert words in str(caught.value)


def test_permutations_are_numpys_interleaved_with_random_draws(reference):
    """np.random.permutation(n) after the weights' draws, and the next epoch's."""
    from purebp.random_start import permutation
    cases = reference("random")["permutations"]
    assert max(c["n"] for c in cases) >= 1000
    for case in cases:
        generator = MT19937(case["seed"])
        before = [generator.random() for _ in range(3)]
        order = permutation(case["n"], generator)
        again = permutation(case["n"], generator)
        after = [generator.random() for _ in range(2)]
        assert [before, order, again, after] == case["draws"], case["n"]


def test_random_interval_stays_within_bounds():
    generator = MT19937(7)
    for high in (0, 1, 2, 5, 8, 1000, 2 ** 31, 2 ** 32 - 1):
        assert all(0 <= generator.random_interval(high) <= high for _ in range(50))
