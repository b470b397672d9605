"""``python -m purebp``: the command line (purebp.cli).

Where ``argparse`` is missing, as on MicroPython, the small command line
(purebp.minicli) runs instead: the default run and ``check``.
"""


def run():
    try:
        import argparse  # noqa: F401  (the full command line is built on it)
    except ImportError:
        from .minicli import run as run_small
        return run_small()
    from .cli import run as run_full
    return run_full()


if __name__ == "__main__":
    run()
