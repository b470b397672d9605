"""``python -m purebp`` and the ``purebp`` script: the command line (purebp.cli).

On MicroPython (which lacks ``csv``, ``tempfile`` and, mostly, ``argparse``)
the small command line (purebp.minicli) runs instead: the default run and
``check``.

Ctrl-C ends any run with one line, ``purebp COMMAND: interrupted``, and
exit code 130, never a traceback, from the first line of ``run`` on: while
the command line is still being imported, too. The first Ctrl-C is the only
one heard: what follows it (removing temporary files, the message) cannot
itself be cut short.
"""

import sys


def run():
    try:
        _hear_one_interrupt()
        if sys.implementation.name == "micropython":
            # By name: the unix port has argparse frozen in, but no csv or tempfile.
            from .minicli import run as run_small
            return run_small()
        from .cli import run as run_full
        return run_full()
    except SystemExit as done:
        if done.args and done.args[0] == 130:      # (MicroPython's has no .code)
            _end_interrupted()
        raise
    except KeyboardInterrupt:
        _interrupted()
        _end_interrupted()
    except MemoryError:     # cli.main reports its own; this is one while starting
        print("purebp: error: out of memory; give Python more memory (on a board, a larger "
              "heap: docs/microcontrollers.md gives the heap each use needs)",
              file=sys.stderr)
        return 1


def _hear_one_interrupt():
    try:
        import signal
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            signal.signal(signal.SIGINT, _on_interrupt)   # an ignored Ctrl-C stays ignored
    except (ImportError, AttributeError):
        pass            # MicroPython: its own KeyboardInterrupt stays, caught below


def _on_interrupt(signum, frame):
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def _end_interrupted():
    """Exit 130 now. CPython, having seen the KeyboardInterrupt purebp caught,
    may otherwise end the process by SIGINT on its way out (a parent would see
    -2, not the documented 130); the output is flushed first, and no file of
    purebp's is open by then."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    try:
        from os import _exit
    except ImportError:         # MicroPython: its own exit
        sys.exit(130)
    _exit(130)


def _interrupted():
    try:
        from .streams import program
        name = program(sys.argv)
    except ImportError:     # (MicroPython)
        name = "purebp"
    try:
        print("%s: interrupted" % name, file=sys.stderr)
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass            # no stderr to tell: the exit code says it
    return 130


if __name__ == "__main__":
    sys.exit(run())
