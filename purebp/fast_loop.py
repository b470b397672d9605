"""The fast path's loop as it runs: ``CompiledLoop``.

``purebp.fast`` writes and compiles the training loop; what it returns is
a ``CompiledLoop``, which holds the compiled functions and runs them. It is
a module of its own because a board's heap needs only this while training:
once the loop is built, ``purebp.training`` lets ``purebp.fast`` go (and
``purebp.fast`` has already let go of the modules that wrote the code).
Where the code is asked for (``CompiledLoop.source``), it is written
again.

>>> loop = CompiledLoop("rows", [2, 1], None, None)
>>> loop.flatten([[[1.0], [2.0]]])
[[1.0, 2.0]]
>>> loop.unflatten([[1.0, 2.0]])
[[[1.0], [2.0]]]
"""


class CompiledLoop:
    """A generated training loop; ``run`` does ``count`` iterations."""

    def __init__(self, form, layers, run_count, made_from, step_rows=None, forward_rows=None):
        self.form = form                # "rows" or "unrolled"
        self.layers = layers
        self._run_count = run_count
        # What the code was written from, (X, y, layers, lr, loss, activations),
        # to write it again when asked: the loop keeps neither the text nor the
        # module that wrote it (a board's heap needs the room to train).
        self._made_from = made_from
        self._step_rows = step_rows     # the row-looped form's, for any rows (mini-batches)
        self._forward_rows = forward_rows

    @property
    def source(self):
        """The generated Python code (written again: the loop does not keep it)."""
        from .fast import _call_form    # loaded again only when asked: a board lets it go
        return _call_form(self.form, "source", self._made_from)

    def run(self, weights, start, count, every):
        """Train from ``weights`` for iterations ``start`` .. ``start + count - 1``.

        Returns ``(weights, history)``: the updated matrices, and
        ``(iteration, outputs)`` for every reported iteration (``every``; 0
        for none), outputs being ``l`` before that iteration's update.
        """
        history = []
        flats = self._run_count(self.flatten(weights), start, count, every, history)
        return self.unflatten(flats), history

    # The row-looped form trains on any rows: the weights stay flat lists
    # (one a layer, row after row of ``syn``) from one step to the next.

    def flatten(self, weights):
        """The matrices ``syn`` as the loop keeps them: one flat list each."""
        return [[w for row in syn for w in row] for syn in weights]

    def unflatten(self, flats):
        """The flat lists back as the matrices ``syn``."""
        return [_unflatten(flat, self.layers[k], self.layers[k + 1])
                for k, flat in enumerate(flats)]

    def step(self, flats, X, y):
        """One step on the rows ``X``, ``y`` (row-looped form only): the
        updated flat weights, and the outputs ``l`` before the update."""
        return self._step_rows(flats, X, y)

    def outputs(self, flats, X):
        """The network's outputs for the rows ``X`` (row-looped form only)."""
        return self._forward_rows(flats, X)


def _unflatten(flat, n_in, n_out):
    return [list(flat[i * n_out:(i + 1) * n_out]) for i in range(n_in)]
