"""``purebp check``: purebp against numpy's numbers, without pytest.

A few small scenarios recorded from numpy ship inside the package
(``purebp/selfcheck_data.py``, written by tools/record_references.py,
whose ``SELFCHECK`` list names them all): the random start and numpy's
shuffle, the activations, and short training runs of each loss, hidden
activation and mini-batches.
``self_check`` runs them and returns each one's largest deviation from
numpy; the check passes when every one is within 1e-12. This is what to
run on a machine where nothing can be installed, to trust the copy there.

>>> results = self_check()
>>> all(deviation <= TOLERANCE for name, deviation in results)
True
"""

from .activations import relu, sigmoid, softmax, tanh
from .datasets import load_data
from .network import train
from .random_start import MT19937, permutation
from . import selfcheck_data

TOLERANCE = 1e-12


def _deviation(a, b):
    if isinstance(a, (list, tuple)):
        worst = 0.0
        for p, q in zip(a, b):
            worst = max(worst, _deviation(p, q))
        return worst
    return abs(a - b)


def self_check():
    """``(name, largest deviation from numpy)`` for every recorded scenario."""
    results = []
    for seed, values in selfcheck_data.RANDOM_STREAMS:
        generator = MT19937(seed)
        drawn = [generator.random() for _ in values]
        results.append(("random start, seed %d, %d draws" % (seed, len(values)),
                        _deviation(drawn, values)))
    z, expected = selfcheck_data.SIGMOID
    results.append(("sigmoid, %d points down to z = %s" % (len(z), min(z)),
                    _deviation([sigmoid(v) for v in z], expected)))
    z, with_tanh, with_relu, shares = selfcheck_data.ACTIVATIONS
    results.append(("tanh, ReLU and softmax at %d points" % len(z),
                    max(_deviation([tanh(v) for v in z], with_tanh),
                        _deviation([relu(v) for v in z], with_relu),
                        _deviation(softmax(z), shares))))
    worst = 0
    for seed, n, order in selfcheck_data.PERMUTATIONS:
        worst = max(worst, 0 if permutation(n, MT19937(seed)) == order else 1)
    results.append(("the shuffle, np.random.permutation, %d cases"
                     % len(selfcheck_data.PERMUTATIONS), worst))
    for s in selfcheck_data.SCENARIOS:
        X, y = _data(s["data"])
        result = train(X, y, layers=s["layers"], seed=s["seed"], iterations=s["iterations"],
                       lr=s["lr"], loss=s["loss"], every=s["every"], metric=s["metric"],
                       activation=s["activation"], batch_size=s["batch_size"],
                       epochs=s["epochs"])
        worst = max(_deviation(result.weights, s["weights"]),
                    _deviation(result.outputs, s["outputs"]),
                    _deviation([v for i, v in result.history], [v for i, v in s["history"]]))
        results.append((s["name"], worst))
    return results


def _data(name):
    """A scenario's data: built in, or ``xor-classes``, XOR as two one-hot classes."""
    if name == "xor-classes":
        X, y = load_data("xor")
        return X, [[1 - row[0], row[0]] for row in y]
    return load_data(name)


def print_check(write=print):
    """Run the check, print a line a scenario and a verdict; return the exit code."""
    write("purebp check: against numpy %s, tolerance %g" % (selfcheck_data.NUMPY_VERSION,
                                                           TOLERANCE))
    results = self_check()
    worst = 0.0
    for name, deviation in results:
        worst = max(worst, deviation)
        write("  %-44s %9.3g  %s" % (name, deviation, "ok" if deviation <= TOLERANCE else "FAIL"))
    failed = [name for name, deviation in results if not deviation <= TOLERANCE]
    if failed:
        write("FAILED: %d of %d differ from numpy by more than %g" % (len(failed), len(results),
                                                                     TOLERANCE))
        return 1
    write("ok: %d checks, worst deviation %.3g" % (len(results), worst))
    return 0
