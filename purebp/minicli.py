"""The small command line, for Pythons without argparse (MicroPython).

    python -m purebp              the article's expanded program (seed 1)
    python -m purebp --seed S     the same from another random start
    python -m purebp check        purebp against numpy's recorded numbers

Everything else needs the full command line (purebp.cli) on CPython or PyPy.
"""

import sys

from .datasets import load_data
from .errors import PurebpError

USAGE = "usage: purebp [--seed S] [check]  (the other commands need CPython or PyPy)"


def main(argv):
    """Run ``argv`` (without the program name); return the exit code."""
    seed = None
    command = None
    words = list(argv)
    while words:
        word = words.pop(0)
        if word in ("-h", "--help"):
            print(USAGE)
            return 0
        if word == "--seed" and words:
            if seed is not None:
                print("purebp: error: --seed is given twice; give it once", file=sys.stderr)
                return 2
            text = words.pop(0)
            if not text.isdigit():
                print("purebp: error: argument --seed: invalid whole number value: %r" % text,
                      file=sys.stderr)
                return 2
            seed = int(text)
        elif word == "check" and command is None:
            command = "check"
        else:
            print("purebp: error: %r is not understood here; %s" % (word, USAGE), file=sys.stderr)
            return 2
    if command == "check" and seed is not None:
        print("purebp: error: --seed does not apply to check, which has its own seeds",
              file=sys.stderr)
        return 2
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


def double_precision():
    """``selfcheck.double_precision()``, without importing ``selfcheck``: the
    default run leaves that module's room in a board's heap to the program."""
    return 1.0 + 2.0 ** -52 != 1.0


# The write errors ``run`` names (MicroPython's OSError holds the number only).
_EPIPE = 32
_WRITE_ERRORS = {5: "input/output error", 28: "no space left on device"}


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
            try:
                print("purebp: error: cannot write the output: %s"
                      % _WRITE_ERRORS.get(number, "error %s" % number), file=sys.stderr)
            except OSError:
                pass
            code = 1
    sys.exit(code)
