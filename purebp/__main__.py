"""``python -m purebp``: see purebp.cli."""

from .cli import run

run()
