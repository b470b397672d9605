"""``python -m purebp``: see purebp.cli."""

from .cli import run

if __name__ == "__main__":
    run()
