"""Shared helpers: the recorded numpy references and how far two results are apart."""

import json
import os

import pytest

REFERENCE_DIR = os.path.join(os.path.dirname(__file__), "reference")
TOLERANCE = 1e-12   # largest allowed |purebp - numpy| for any recorded number


def load_reference(name):
    with open(os.path.join(REFERENCE_DIR, name + ".json"), encoding="utf-8") as f:
        return json.load(f)


def scenario_names():
    names = []
    for filename in sorted(os.listdir(REFERENCE_DIR)):
        name = filename[:-len(".json")]
        if filename.endswith(".json") and "program" in load_reference(name):
            names.append(name)
    return names


def deviation(a, b):
    """Largest |a - b| over two nested lists of the same shape."""
    if isinstance(a, (list, tuple)):
        assert isinstance(b, (list, tuple)) and len(a) == len(b), (a, b)
        return max(deviation(p, q) for p, q in zip(a, b))
    return abs(a - b)


@pytest.fixture(scope="session")
def reference():
    return load_reference
