"""The small command line, for Pythons without argparse (MicroPython).

    python -m purebp              the article's expanded program (seed 1)
    python -m purebp --seed S     the same from another random start
    python -m purebp check        purebp against numpy's recorded numbers

Its words are read as the full command line (purebp.cli) reads them
(purebp.miniargs); the other commands need it, on CPython or PyPy.
"""

import sys

from .datasets import load_data
from .errors import PurebpError


def main(argv):
    """Run ``argv`` (without the program name); return the exit code."""
    words = _read(argv)
    if not isinstance(words, tuple):
        return words            # help, the version, or a usage error: printed
    command, seed = words
    try:
        # Each command imports what it needs, when it runs: a board's heap
        # holds the check's data or the article's program, not both.
        if command == "check":
            from .selfcheck import print_check
            return print_check()
        from .article import expanded
        if not double_precision():
            from .selfcheck import SINGLE_PRECISION
            print("purebp: note: %s: the numbers below come close to them, not equal"
                  % SINGLE_PRECISION, file=sys.stderr)
        X, y = load_data("seed")
        expanded(X, y, seed=1 if seed is None else seed)
        return 0
    except PurebpError as error:
        print("purebp: error: %s" % error, file=sys.stderr)
        return error.exit_code


def _read(argv):
    """``miniargs.read(argv)``; then, on a board, its code leaves the heap to
    the program or check (the next run of ``main`` imports it again). With
    no words, or the one word ``check``, there is nothing to read: the
    default run and the check need not load the reader (its names would
    stay in a board's heap, and its room be cut up)."""
    if not argv or argv == ["check"]:
        return ("check" if argv else None), None
    from . import _let_go, _loaded
    loaded = _loaded()
    from .miniargs import read
    words = read(argv)
    _let_go(("miniargs", "typed"), loaded)
    return words


def double_precision():
    """``selfcheck.double_precision()``, without importing ``selfcheck``: the
    default run leaves that module's room in a board's heap to the program."""
    return 1.0 + 2.0 ** -52 != 1.0


# The write errors ``run`` names (MicroPython's OSError holds the number only).
_EPIPE, _EBADF = 32, 9
_WRITE_ERRORS = {5: "Input/output error", 28: "No space left on device"}   # as CPython says them


def run():
    """``main``, its output's failures as the full command line words them:
    a reader that went away (``purebp | head``) is no error; a full disk is
    one line, exit code 1."""
    try:
        code = main(sys.argv[1:])
    except OSError as error:
        number = error.args[0] if error.args else None
        code = 0
        if number != _EPIPE:
            message, code = ("cannot write the output: %s"
                             % _WRITE_ERRORS.get(number, "error %s" % number)), 1
            if number == _EBADF:      # started with >&-, as the full command line says it
                message, code = ("standard output is closed; to discard it, send it to "
                                 "/dev/null (>/dev/null), not nowhere (>&-)"), 2
            try:
                print("purebp%s: error: %s" % (" check" if sys.argv[1:2] == ["check"] else "",
                                               message), file=sys.stderr)
            except OSError:
                pass
    sys.exit(code)
