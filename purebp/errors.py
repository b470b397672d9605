"""The one error family of purebp.

Every mistake purebp can name -- a ragged matrix, a layer size that does not
fit the data, a seed numpy would refuse -- is raised as ``PurebpError``.
It is a ``ValueError``, so ``except ValueError`` catches it too, and its
message names the values involved, e.g.
``dot: (4, 3) @ (2, 1): inner sizes 3 and 2 differ``.
"""


class PurebpError(ValueError):
    """Bad input to purebp; the message says what is wrong and where."""
