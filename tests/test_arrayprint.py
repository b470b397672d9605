"""purebp prints matrices exactly as numpy's str() does."""

from purebp.arrayprint import array_str, scalar_str


def test_array_str_matches_numpy_on_recorded_cases(reference):
    cases = reference("arrayprint")["cases"]
    assert len(cases) > 300
    wrong = [(c["matrix"], c["str"], array_str(c["matrix"]))
             for c in cases if array_str(c["matrix"]) != c["str"]]
    assert wrong == []


def test_scalar_str_is_shortest_round_trip():
    assert scalar_str(0.1) == "0.1"
    assert scalar_str(1e-05) == "1e-05"
    assert float(scalar_str(0.00014232719732532127)) == 0.00014232719732532127
