"""``python -m purebp ARGS`` run inside the test process: the same answer, without
the quarter of a second a new interpreter costs.

The big bad-input tables call the command line hundreds of times; starting a
program for each was most of the suite's time. ``purebp(args)`` here calls
``purebp.cli.main`` as ``cli.run`` does (argparse's exits caught, stdout wrapped
in ``Output`` and flushed), with stdout and stderr captured, the working folder
and environment set for the call and put back after it. It returns what
``subprocess.run`` returns: ``returncode``, ``stdout``, ``stderr``.

What only a real process shows (closed descriptors, signals, umask, start-up
imports) is tested with real processes; ``test_in_process_is_the_program`` in
tests/test_bad_input.py checks both give the same answer on a sample of the table.
"""

import io
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def purebp(args, cwd=ROOT, env=None):
    from purebp import cli
    from purebp.streams import Output

    args = [str(a) for a in args]
    saved = os.getcwd(), dict(os.environ), sys.argv, sys.stdout, sys.stderr
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        os.chdir(cwd)
        os.environ.pop("PUREBP_DEBUG", None)
        os.environ.update(env or {})
        sys.argv = ["purebp"] + args
        sys.stdout, sys.stderr = Output(stdout), stderr
        try:
            code = cli.main(args, out=sys.stdout)
        except SystemExit as done:      # argparse: --help, --version, a usage error
            code = done.code
        if code is None:
            code = 0
        elif not isinstance(code, int):
            print(code, file=stderr)
            code = 1
    finally:
        os.chdir(saved[0])
        os.environ.clear()
        os.environ.update(saved[1])
        sys.argv, sys.stdout, sys.stderr = saved[2:]
    return subprocess.CompletedProcess(["purebp"] + args, code, stdout.getvalue(),
                                       stderr.getvalue())
