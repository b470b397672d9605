"""``python -m purebp``: the command line (purebp.cli).

On MicroPython (which lacks ``csv``, ``tempfile`` and, mostly, ``argparse``)
the small command line (purebp.minicli) runs instead: the default run and
``check``.
"""

import sys


def run():
    if sys.implementation.name == "micropython":
        from .minicli import run as run_small
        return run_small()
    from .cli import run as run_full
    return run_full()


if __name__ == "__main__":
    run()
