"""The command line: ``python -m purebp`` and the ``purebp`` script.

    purebp                 run the article's expanded program (seed 1),
                           printing exactly what the numpy program prints
    purebp --seed 2        the same from another random start
    purebp train ...       train any network, on built-in data or a CSV file
    purebp explain ...     one training step, every quantity, narrated
    purebp gradcheck ...   backprop's gradient against finite differences
    purebp predict ...     predict with a model saved by train --save
    purebp check           this copy against numpy's recorded numbers
    purebp draw ...        the network, or the chain rule, as an SVG picture

Exit codes: 0 success, 2 bad usage or bad input (one line on stderr,
never a traceback), 1 failure while running, 130 Ctrl-C. PUREBP_DEBUG=1
shows the traceback behind an error message.

Every file a command reads or writes is known before it starts
(``_files``): outputs are checked before any work and written all at once
(purebp.files). Start-up stays cheap: CSV, models, pictures and JSON are
imported by the commands that use them.
"""

import argparse
import os
import sys

from . import __version__
from .arrayprint import array_str, scalar_str
from .datasets import NAMES, load_data
from .errors import PurebpError
from .explain import LANGUAGES, as_data, explain, render
from .gradcheck import THRESHOLD, gradient_check
from .network import LOSSES, METRICS, train, weights_at
from .random_start import initial_weights
from .streams import Output, printable, program

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2

_DESCRIPTION = """\
Backpropagation in pure Python, with numpy's exact numbers.
With no command, run the article's expanded 8-line program (seed 1) and
print exactly what its numpy version prints."""

_EXPLAIN_EPILOG = """\
examples:
  purebp explain                                  the article's first step
  purebp explain --data xor --layers 3,4,1        a hidden layer, layer by layer
  purebp explain --at 1000 --lang zh-CN           iteration 1000, in Chinese"""

_DRAW_EPILOG = """\
examples:
  purebp draw -o net.svg --data xor --layers 3,4,1     train, then draw
  purebp draw -o net.svg --model xor.json              draw a saved model
  purebp draw --chain-rule -o chain.svg --seed 1       the article's lost figure"""

_PREDICT_EPILOG = """\
examples:
  purebp train --data xor --layers 3,4,1 --save xor.json
  purebp predict xor.json 1,0,1 1,1,1
  purebp predict xor.json --input new.csv --json
  purebp predict model.json -- -0.5,2,1          rows that start with a minus"""

_TRAIN_EPILOG = """\
examples:
  purebp train                                   the article's network
  purebp train --data xor --layers 3,4,1 --iterations 60000 --every 10000 --metric mae
  purebp train --data xor --layers 3,4,1 --json  results as one JSON object
  purebp train --data my.csv --target y --scale --save model.json"""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (and exit code 2)."""

    def error(self, message):
        self.exit(EXIT_USAGE, "%s: error: %s (see '%s --help')\n"
                  % (self.prog, printable(message), self.prog))


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


def _iteration(text):
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


_iteration.__name__ = "iteration number (1 or more)"


def build_parser():
    parser = _Parser(prog="purebp", description=_DESCRIPTION,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version="purebp " + __version__)
    parser.add_argument("--seed", type=_count, default=1,
                        help="seed of the random start, as np.random.seed (default: 1)")
    _picture_flags(parser)
    commands = parser.add_subparsers(dest="command", metavar="command")

    train_parser = commands.add_parser(
        "train", help="train a network on built-in data",
        description="Train a sigmoid network by full-batch gradient descent.",
        epilog=_TRAIN_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _network_flags(train_parser)
    train_parser.add_argument("--iterations", type=_count, default=10000, metavar="N",
                              help="training iterations (default: 10000)")
    train_parser.add_argument("--every", type=_count, default=1000, metavar="N",
                              help="report the metric every N iterations, 0 for never (default: 1000)")
    train_parser.add_argument("--metric", choices=METRICS, default="sse",
                              help="sum of squared errors, mean squared or mean absolute error "
                                   "(default: sse)")
    train_parser.add_argument("--json", action="store_true",
                              help="print one JSON object (layers, weights, outputs, history) "
                                   "and nothing else")
    train_parser.add_argument("--save", metavar="MODEL.json",
                              help="save the trained model (written atomically)")
    train_parser.add_argument("--plain", action="store_true",
                              help="train on the plain path the docs explain, one step() an "
                                   "iteration, not the compiled fast loop (same numbers, slower)")
    train_parser.add_argument("--plot", metavar="FILE.svg",
                              help="draw the metric over the iterations as an SVG file")
    _picture_flags(train_parser)

    draw_parser = commands.add_parser(
        "draw", help="draw the network, or the chain rule, as an SVG file",
        description="Draw a network as an SVG file: layers of nodes, one edge per weight "
                    "(colour by sign, width by size, the value in a tooltip). The network is "
                    "trained first from the flags, or read from --model. With --chain-rule, "
                    "draw the article's single neuron with the chain rule's three factors "
                    "and their values at the first step.",
        epilog=_DRAW_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    draw_parser.add_argument("-o", "--output", required=True, metavar="FILE.svg",
                             help="the SVG file to write")
    draw_parser.add_argument("--model", metavar="MODEL.json",
                             help="draw a saved model instead of training one")
    draw_parser.add_argument("--chain-rule", action="store_true",
                             help="draw the chain rule for one weight of the article's network")
    draw_parser.add_argument("--row", type=_count, default=2, metavar="N",
                             help="with --chain-rule: the example (row of X, from 0) whose "
                                  "numbers are shown (default: 2, the row 1,0,1)")
    _network_flags(draw_parser)
    draw_parser.add_argument("--iterations", type=_count, default=10000, metavar="N",
                             help="training iterations before drawing (default: 10000)")

    commands.add_parser(
        "check", help="check this copy against numpy's recorded numbers",
        description="Run small scenarios recorded from numpy (shipped inside the package) "
                    "and print each one's largest deviation. Exit 0 when all agree within "
                    "1e-12, 1 otherwise. Needs neither numpy nor pytest.")

    predict_parser = commands.add_parser(
        "predict", help="predict with a saved model",
        description="Predict outputs for new inputs with a model saved by "
                    "'purebp train --save'.", epilog=_PREDICT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    predict_parser.add_argument("model", metavar="MODEL.json", help="the saved model")
    predict_parser.add_argument("inputs", nargs="*", metavar="INPUT",
                                help="one input row, numbers separated by commas, e.g. 1,0,1 "
                                     "(after --, rows may start with a minus sign)")
    predict_parser.add_argument("--input", metavar="FILE.csv",
                                help="predict every row of a CSV file (with a header, the "
                                     "model's input columns are picked by name)")
    predict_parser.add_argument("--json", action="store_true",
                                help="print one JSON object (inputs, targets, X, predictions)")

    explain_parser = commands.add_parser(
        "explain", help="narrate one training step with its real numbers",
        description="Run one real training step and print every quantity it computes, "
                    "in order, with its name, shape, program line and meaning.",
        epilog=_EXPLAIN_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _network_flags(explain_parser)
    explain_parser.add_argument("--at", type=_iteration, default=1, metavar="N",
                                help="explain iteration N, after N-1 silent ones (default: 1)")
    explain_parser.add_argument("--lang", choices=LANGUAGES,
                                help="language of the narration (default: from LC_ALL, "
                                     "LC_MESSAGES or LANG: zh... gives zh-CN, else en)")
    explain_parser.add_argument("--json", action="store_true",
                                help="print the quantities as one JSON object")

    check_parser = commands.add_parser(
        "gradcheck", help="compare backprop's gradient with finite differences",
        description="Compare every weight's backprop gradient with a five-point finite "
                    "difference. Exit 0 when the worst relative error is below %g, "
                    "1 otherwise." % THRESHOLD)
    _network_flags(check_parser)
    check_parser.add_argument("--at", type=_iteration, default=1, metavar="N",
                              help="check at iteration N, after N-1 training iterations "
                                   "(default: 1, the random start)")
    check_parser.add_argument("--json", action="store_true",
                              help="print the result as one JSON object")
    return parser


def _picture_flags(parser):
    parser.add_argument("--ascii", action="store_true",
                        help="draw the terminal chart with plain ASCII, not Unicode blocks")
    parser.add_argument("--quiet", action="store_true",
                        help="print the results only: no chart, no table, no progress")


def _network_flags(parser):
    """The flags that describe a network and its training, shared by commands."""
    parser.add_argument("--data", default="seed", metavar="NAME|FILE.csv",
                        help="built-in data set (%s) or a CSV file of numbers "
                             "(default: seed, the article's table)" % ", ".join(NAMES))
    parser.add_argument("--target", action="append", metavar="NAME|INDEX",
                        help="with a CSV file: a target column, by name or index "
                             "(0 the first, -1 the last); repeat for several "
                             "(default: the last column)")
    parser.add_argument("--scale", action="store_true",
                        help="with a CSV file: scale each input column to [0, 1] "
                             "(stored in a saved model)")
    parser.add_argument("--scale-targets", action="store_true",
                        help="with a CSV file: scale each target column to [0, 1], "
                             "and predictions back (stored in a saved model)")
    parser.add_argument("--layers", type=_layer_sizes, metavar="SIZES",
                        help="layer sizes from input to output, e.g. 3,4,1 "
                             "(default: inputs,outputs: no hidden layer)")
    parser.add_argument("--seed", type=_count, default=1,
                        help="seed of the random start, as np.random.seed (default: 1)")
    parser.add_argument("--lr", type=float, default=1.0,
                        help="learning rate (default: 1.0, as in the article)")
    parser.add_argument("--loss", choices=LOSSES, default="half-sse",
                        help="half-sse: the 8-line program's (y - l); "
                             "sse: the expanded program's 2 * (y - l) (default: half-sse)")


def _language(args):
    """--lang, or the locale's: a locale starting with zh reads Chinese."""
    if args.lang:
        return args.lang
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "zh-CN" if value.lower().startswith("zh") else "en"
    return "en"


def _layers_of(args, X, y):
    return args.layers or [len(X[0]), len(y[0])]


def _data(args):
    """The data of --data: a built-in set or a CSV file, as a csvdata.Table."""
    from .csvdata import Table, read_csv
    if args.data in NAMES:
        if args.target or args.scale or args.scale_targets:
            raise PurebpError("--target, --scale and --scale-targets apply to CSV files, "
                              "not to the built-in data %r" % args.data)
        X, y = load_data(args.data)
        n_in, n_out = len(X[0]), len(y[0])
        return Table(X, y, ["x%d" % (i + 1) for i in range(n_in)], ["y"] * n_out,
                     {"inputs": None, "targets": None})
    if not os.path.exists(args.data) and not args.data.lower().endswith((".csv", ".txt")):
        raise PurebpError("--data %r is neither a built-in data set (%s) nor a file"
                          % (args.data, ", ".join(NAMES)))
    return read_csv(args.data, args.target, args.scale, args.scale_targets)


def _run_explain(args, out):
    import json
    table = _data(args)
    X, y = table.X, table.y
    story = explain(X, y, _layers_of(args, X, y), seed=args.seed, lr=args.lr,
                    loss=args.loss, at=args.at)
    lang = _language(args)
    if args.json:
        json.dump(as_data(story, lang), out, ensure_ascii=False)
        out.write("\n")
    else:
        print(render(story, args.data, lang), file=out)
    return EXIT_OK


def _run_gradcheck(args, out):
    import json
    table = _data(args)
    X, y = table.X, table.y
    layers = _layers_of(args, X, y)
    weights = weights_at(X, y, layers, args.seed, args.lr, args.loss, args.at)
    check = gradient_check(weights, X, y, args.loss)
    worst = check.worst
    where = "syn[%d][%d][%d]" % worst.where
    if args.json:
        json.dump({"layers": layers, "loss": args.loss, "weights_checked": len(check.comparisons),
                   "worst_relative_error": worst.relative_error, "worst_weight": list(worst.where),
                   "backprop": worst.backprop, "numerical": worst.numerical,
                   "threshold": check.threshold, "passed": check.passed}, out)
        out.write("\n")
    else:
        print("gradient check: data %s, layers %s, loss %s, %d weights, at iteration %d"
              % (args.data, ",".join(str(n) for n in layers), args.loss,
                 len(check.comparisons), args.at), file=out)
        print("worst relative error %.3g at %s: backprop %s, finite difference %s"
              % (worst.relative_error, where, scalar_str(worst.backprop),
                 scalar_str(worst.numerical)), file=out)
        print("%s (threshold %g)" % ("ok" if check.passed else "FAILED", check.threshold),
              file=out)
    return EXIT_OK if check.passed else EXIT_FAILURE


def _run_check(args, out):
    from .selfcheck import print_check
    return print_check(lambda line: print(line, file=out))


def _run_default(args, out):
    from .article import expanded
    from .chart import loss_chart
    X, y = load_data("seed")
    losses = []

    def write(*words):
        if words[0] == "Loss: ":
            losses.append(float(words[1]))
        print(*words, file=out)

    expanded(X, y, seed=args.seed, write=write)
    # The chart only on a terminal: piped, the output is exactly numpy's.
    if hasattr(out, "isatty") and out.isatty() and not args.quiet:
        history = [(1000 * k, value) for k, value in enumerate(losses)]
        print("", file=out)
        print("\n".join(loss_chart(history, "Loss", ascii=args.ascii)), file=out)
    return EXIT_OK


def _run_train(args, out):
    import json
    from .chart import Progress, loss_chart, predictions_table
    from .model import Model, to_text
    from .svg import loss_svg
    if args.plot and not args.every:
        raise PurebpError("--plot needs reports of the metric; --every is 0")
    table = _data(args)
    progress = Progress(args.iterations, args.metric, enabled=None if not args.quiet else False)
    try:
        result = train(table.X, table.y, layers=args.layers, seed=args.seed,
                       iterations=args.iterations, lr=args.lr, loss=args.loss,
                       every=args.every, metric=args.metric, progress=progress,
                       fast=not args.plain)
    finally:
        progress.finish()
    texts = {}
    if args.save:
        texts["--save"] = to_text(Model.from_training(
            result, data=args.data, inputs=table.inputs, targets=table.targets,
            scaling=table.scaling), args.save)
    if args.plot:
        texts["--plot"] = loss_svg(result.history, args.metric)
    args.outputs.write(texts)
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
    if not args.quiet:
        chart = loss_chart(result.history, args.metric, ascii=args.ascii)
        if len(result.history) > 1:
            print("", file=out)
            print("\n".join(chart), file=out)
        print("", file=out)
        print("\n".join(predictions_table(table.X, table.y, result.outputs, table.inputs,
                                           table.targets)), file=out)
        for flag, path in (("saved the model to", args.save), ("drew the loss curve in", args.plot)):
            if path:
                print("%s %s" % (flag, printable(path)), file=out)
    return EXIT_OK


def _run_draw(args, out):
    from .model import load
    from .svg import chain_rule_svg, chain_rule_values, network_svg
    if args.chain_rule:
        if args.model:
            raise PurebpError("--chain-rule draws the article's one-layer network; "
                              "leave out --model")
        X, y = load_data("seed")
        if args.row >= len(X):
            raise PurebpError("--row %d: the article's data has rows 0 to %d"
                              % (args.row, len(X) - 1))
        syn = initial_weights([3, 1], args.seed)[0]
        values = chain_rule_values(X, y, syn, row=args.row, loss=args.loss)
        text = chain_rule_svg(values, args.loss)
    elif args.model:
        model = load(args.model)
        text = network_svg(model.layers, model.weights, model.inputs, model.targets)
    else:
        table = _data(args)
        result = train(table.X, table.y, layers=args.layers, seed=args.seed,
                       iterations=args.iterations, lr=args.lr, loss=args.loss, every=0)
        text = network_svg(result.layers, result.weights, table.inputs, table.targets)
    args.outputs.write({"-o": text})
    print("drew %s" % printable(args.output), file=out)
    return EXIT_OK


def _inputs_from_words(words, names):
    """Rows of numbers from command-line words like 1,0,1 (or 1;0;1)."""
    from .csvdata import to_number
    rows = []
    for word in words:
        cells = word.replace(";", ",").split(",")
        row = []
        for cell in cells:
            value = to_number(cell.strip(), ",")
            if value is None:
                raise PurebpError("input %r: %r is not a finite number" % (word, cell))
            row.append(value)
        if len(row) != len(names):
            raise PurebpError("input %r has %d numbers, but the model takes %d (%s)"
                              % (word, len(row), len(names), ", ".join(names)))
        rows.append(row)
    return rows


def _inputs_from_file(path, model):
    """Rows of the model's inputs from a CSV file: by header names, or all columns."""
    from .csvdata import parse_rows, to_number
    from .files import read_text
    rows, delimiter = parse_rows(read_text(path), path)
    line, first = rows[0]
    if any(to_number(cell, delimiter) is None for cell in first):
        missing = [name for name in model.inputs if name not in first]
        if missing:
            raise PurebpError("%s: the header has no column %s; the model's inputs are: %s"
                              % (path, ", ".join(repr(m) for m in missing),
                                 ", ".join(model.inputs)))
        columns = [first.index(name) for name in model.inputs]
        rows = rows[1:]
        if not rows:
            raise PurebpError("%s: there is a header but no rows of data" % path)
    else:
        columns = list(range(len(first)))
        if len(first) != len(model.inputs):
            raise PurebpError("%s: line %d has %d columns, but the model takes %d inputs (%s)"
                              % (path, line, len(first), len(model.inputs),
                                 ", ".join(model.inputs)))
    X = []
    for line, cells in rows:
        if len(cells) <= max(columns) or (len(cells) != len(first)):
            raise PurebpError("%s: line %d has %d cells, but the first line has %d"
                              % (path, line, len(cells), len(first)))
        row = []
        for i in columns:
            value = to_number(cells[i], delimiter)
            if value is None:
                raise PurebpError("%s: line %d, column %d: %r is not a finite number"
                                  % (path, line, i + 1, cells[i]))
            row.append(value)
        X.append(row)
    return X


def _run_predict(args, out):
    import json
    from .model import load
    model = load(args.model)
    if args.input and args.inputs:
        raise PurebpError("give inputs on the command line or --input FILE, not both")
    if args.input:
        X = _inputs_from_file(args.input, model)
    elif args.inputs:
        X = _inputs_from_words(args.inputs, model.inputs)
    else:
        raise PurebpError("no inputs: give some, like 1,0,1, or --input FILE.csv")
    outputs = model.predict(X)
    if args.json:
        json.dump({"inputs": model.inputs, "targets": model.targets, "X": X,
                   "predictions": outputs}, out)
        out.write("\n")
        return EXIT_OK
    header = model.inputs + model.targets
    cells = [["%.10g" % v for v in row] + ["%.8g" % v for v in prediction]
             for row, prediction in zip(X, outputs)]
    widths = [max(len(h), max(len(row[j]) for row in cells)) for j, h in enumerate(header)]
    n = len(model.inputs)
    def line(words):
        left = "  ".join(w.rjust(widths[j]) for j, w in enumerate(words[:n]))
        right = "  ".join(w.rjust(widths[n + j]) for j, w in enumerate(words[n:]))
        return left + "  ->  " + right
    print(line(header), file=out)
    for row in cells:
        print(line(row), file=out)
    return EXIT_OK


def _files(args):
    """Every file the command reads and writes, checked before any work.

    Returns the ``files.Outputs`` the command writes with; it refuses empty
    paths, outputs that cannot be written, two outputs that are one file,
    and an output that is one of the inputs.
    """
    from .files import Outputs
    inputs = []
    if getattr(args, "data", None) is not None and args.data not in NAMES:
        inputs.append(("--data", args.data))
    if getattr(args, "model", None) is not None:
        inputs.append(("MODEL.json" if args.command == "predict" else "--model", args.model))
    if getattr(args, "input", None) is not None:
        inputs.append(("--input", args.input))
    outputs = [(flag, getattr(args, name), what)
               for flag, name, what in (("--save", "save", "model"), ("--plot", "plot", "plot"),
                                        ("-o", "output", "picture"))
               if getattr(args, name, None) is not None]
    return Outputs(outputs, inputs)


def main(argv=None, out=None):
    """Run the command line with ``argv``; return the exit code."""
    out = out or sys.stdout
    if not isinstance(out, Output):
        out = Output(out)
    parser = build_parser()
    args = parser.parse_args(argv)
    command = {"train": _run_train, "explain": _run_explain, "gradcheck": _run_gradcheck,
               "predict": _run_predict, "draw": _run_draw,
               "check": _run_check}.get(args.command, _run_default)
    prog = "purebp " + args.command if args.command else "purebp"
    message = code = None
    try:
        args.outputs = _files(args)
        return command(args, out)
    except PurebpError as error:
        if os.environ.get("PUREBP_DEBUG") == "1":
            raise
        message, code = "error: %s" % error, error.exit_code
    except KeyboardInterrupt:
        message, code = "interrupted", 130
    except MemoryError:
        # Reported outside this block, once the data the traceback holds are freed.
        message, code = ("error: out of memory; use a smaller data file (fewer rows) or "
                         "fewer, smaller layers"), EXIT_FAILURE
    print("%s: %s" % (prog, printable(message)), file=sys.stderr)
    return code


def run():
    """The command line as a program: ``python -m purebp`` and the ``purebp`` script.

    Around ``main``: a closed stdout is refused before any work; stderr
    never fails a run; a stdout that cannot be written (a full disk,
    ``/dev/full``) ends it with one line and exit 1, a reader that went away
    (``purebp | head``) quietly with exit 0. (Ctrl-C: purebp.__main__.)
    """
    from .streams import OutputError, Quiet, discard_stdout, open_standard_streams
    closed = open_standard_streams()
    if 1 in closed:
        sys.stdout = open(1, "w", closefd=False)
    if 2 in closed:
        sys.stderr = open(2, "w", closefd=False)
    for stream in (sys.stdout, sys.stderr):
        # Chinese narration on a terminal that cannot show it: escapes, not a crash.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    sys.stderr = Quiet(sys.stderr)
    if 1 in closed:
        print("%s: error: standard output is closed; to discard it, send it to /dev/null "
              "(>/dev/null), not nowhere (>&-)" % program(sys.argv), file=sys.stderr)
        sys.exit(EXIT_USAGE)
    sys.stdout = output = Output(sys.stdout)
    try:
        try:
            code = main(out=output)
        except SystemExit as done:      # argparse: --help, --version, a usage error
            code = done.code
        if not output.failed:
            output.flush()
    except BrokenPipeError:
        # The reader went away (purebp | head): not an error of ours.
        discard_stdout()
        code = EXIT_OK
    except OutputError as error:
        # Text still buffered when the command ended: it could not be written either.
        print("%s: error: %s" % (program(sys.argv), error), file=sys.stderr)
        discard_stdout()
        code = EXIT_FAILURE
    if output.failed:
        discard_stdout()    # the text left in the buffer must not fail again at exit
    _ignore_interrupts()    # all is written: a Ctrl-C now could only spoil the exit
    sys.exit(code)


def _ignore_interrupts():
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)
