"""The command line: ``python -m purebp`` and the ``purebp`` script.

    purebp                 run the article's expanded program (seed 1),
                           printing exactly what the numpy program prints
    purebp --seed 2        the same from another random start
    purebp train ...       train any network on built-in data

Exit codes: 0 success, 2 bad usage or bad input (one line on stderr,
never a traceback), 1 failure while running.
"""

import argparse
import json
import sys

from . import __version__
from .arrayprint import array_str, scalar_str
from .article import expanded
from .datasets import NAMES, load
from .errors import PurebpError
from .network import LOSSES, METRICS, train

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
Backpropagation in pure Python, with numpy's exact numbers.
With no command, run the article's expanded 8-line program (seed 1) and
print exactly what its numpy version prints."""

TRAIN_EPILOG = """\
examples:
  purebp train                                   the article's network
  purebp train --data xor --layers 3,4,1 --iterations 60000 --every 10000 --metric mae
  purebp train --data xor --layers 3,4,1 --json  results as one JSON object"""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (and exit code 2)."""

    def error(self, message):
        self.exit(EXIT_USAGE, "%s: error: %s (see '%s --help')\n" % (self.prog, message, self.prog))


def _layer_sizes(text):
    """'3,4,1' -> [3, 4, 1] for --layers."""
    try:
        sizes = [int(part) for part in text.split(",")]
    except ValueError:
        sizes = []
    if len(sizes) < 2 or min(sizes) < 1:
        raise argparse.ArgumentTypeError(
            "%r is not a list of two or more layer sizes, like 3,4,1" % text)
    return sizes


def _count(text):
    value = int(text)
    if value < 0:
        raise ValueError(text)
    return value


_count.__name__ = "whole number"   # argparse names the type in its message


def build_parser():
    parser = _Parser(prog="purebp", description=DESCRIPTION,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version="purebp " + __version__)
    parser.add_argument("--seed", type=_count, default=1,
                        help="seed of the random start, as np.random.seed (default: 1)")
    commands = parser.add_subparsers(dest="command", metavar="command")

    train_parser = commands.add_parser(
        "train", help="train a network on built-in data",
        description="Train a sigmoid network by full-batch gradient descent.",
        epilog=TRAIN_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    train_parser.add_argument("--data", choices=NAMES, default="seed",
                              help="built-in data set (default: seed, the article's table)")
    train_parser.add_argument("--layers", type=_layer_sizes, metavar="SIZES",
                              help="layer sizes from input to output, e.g. 3,4,1 "
                                   "(default: inputs,outputs: no hidden layer)")
    train_parser.add_argument("--seed", type=_count, default=1,
                              help="seed of the random start, as np.random.seed (default: 1)")
    train_parser.add_argument("--iterations", type=_count, default=10000, metavar="N",
                              help="training iterations (default: 10000)")
    train_parser.add_argument("--lr", type=float, default=1.0,
                              help="learning rate (default: 1.0, as in the article)")
    train_parser.add_argument("--loss", choices=LOSSES, default="half-sse",
                              help="half-sse: the 8-line program's (y - l); "
                                   "sse: the expanded program's 2 * (y - l) (default: half-sse)")
    train_parser.add_argument("--every", type=_count, default=1000, metavar="N",
                              help="report the metric every N iterations, 0 for never (default: 1000)")
    train_parser.add_argument("--metric", choices=METRICS, default="sse",
                              help="sum of squared errors, mean squared or mean absolute error "
                                   "(default: sse)")
    train_parser.add_argument("--json", action="store_true",
                              help="print one JSON object (layers, weights, outputs, history) "
                                   "and nothing else")
    return parser


def run_default(args, out):
    X, y = load("seed")
    expanded(X, y, seed=args.seed, write=lambda *words: print(*words, file=out))
    return EXIT_OK


def run_train(args, out):
    X, y = load(args.data)
    result = train(X, y, layers=args.layers, seed=args.seed, iterations=args.iterations,
                   lr=args.lr, loss=args.loss, every=args.every, metric=args.metric)
    if args.json:
        json.dump({"layers": result.layers, "weights": result.weights,
                   "outputs": result.outputs,
                   "history": [[i, value] for i, value in result.history]}, out)
        out.write("\n")
        return EXIT_OK
    print("data %s, layers %s, seed %d, %d iterations, lr %s, loss %s"
          % (args.data, ",".join(str(n) for n in result.layers), args.seed,
             args.iterations, scalar_str(args.lr), args.loss), file=out)
    if result.history:
        print("%9s  %s" % ("iteration", args.metric), file=out)
        for i, value in result.history:
            print("%9d  %s" % (i, scalar_str(value)), file=out)
    for k, syn in enumerate(result.weights):
        print("syn[%d] (%d x %d):" % (k, len(syn), len(syn[0])), file=out)
        print(array_str(syn), file=out)
    print("l, the outputs of the last iteration:", file=out)
    print(array_str(result.outputs), file=out)
    return EXIT_OK


def main(argv=None, out=None):
    """Run the command line with ``argv``; return the exit code."""
    out = out or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    command = run_train if args.command == "train" else run_default
    prog = "purebp " + args.command if args.command else "purebp"
    try:
        return command(args, out)
    except PurebpError as error:
        print("%s: error: %s" % (prog, error), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("%s: interrupted" % prog, file=sys.stderr)
        return 130


def run():
    """Entry point of the ``purebp`` console script."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (purebp | head): not an error of ours.
        sys.stderr.close()
        code = EXIT_OK
    sys.exit(code)
