"""``purebp check``'s checks besides training: numpy's random start and
shuffle, and the activations, against the numbers ``selfcheck_data`` holds.

``selfcheck.self_check`` runs them first; on a board it then lets this
module go, so that the training scenarios have its room.
"""


def drawn_and_activated():
    """The checks besides training: the random start, the activations, the shuffle."""
    from . import _let_go, _loaded, selfcheck_data
    from .activations import relu, sigmoid, softmax, tanh
    from .selfcheck import _deviation, _numbers
    loaded = _loaded()
    from .random_start import MT19937, permutation
    results = []
    for seed, values in selfcheck_data.RANDOM_STREAMS:
        count = values.count(" ") + 1       # the numbers recorded
        generator = MT19937(seed)
        drawn = [generator.random() for _ in range(count)]
        generator = None     # a board's heap holds one generator's state at a time
        results.append(("random start, seed %d, %d draws" % (seed, count),
                        _deviation(drawn, values)))
        drawn = None         # and one list of draws
    z, expected = selfcheck_data.SIGMOID
    z = list(_numbers(z))
    results.append(("sigmoid, %d points down to z = %s" % (len(z), min(z)),
                    _deviation([sigmoid(v) for v in z], expected)))
    z, with_tanh, with_relu, shares = selfcheck_data.ACTIVATIONS
    z = list(_numbers(z))
    results.append(("tanh, ReLU and softmax at %d points" % len(z),
                    max(_deviation([tanh(v) for v in z], with_tanh),
                        _deviation([relu(v) for v in z], with_relu),
                        _deviation(softmax(z), shares))))
    worst = 0
    for seed, n, order in selfcheck_data.PERMUTATIONS:
        generator = MT19937(seed)           # one state at a time, as above
        shuffled = permutation(n, generator)
        generator = None
        worst = max(worst, 0 if _deviation(shuffled, order) == 0 else 1)
        shuffled = None
    results.append(("the shuffle, np.random.permutation, %d cases"
                    % len(selfcheck_data.PERMUTATIONS), worst))
    del MT19937, permutation
    # as train does: each training loads the random start for its draws, and
    # the checks (which the shuffle's checks loaded) for its arguments
    _let_go(("random_start", "checks"), loaded)
    return results
