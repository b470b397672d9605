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
    purebp web             the page that steps through backprop, in the browser

Exit codes: 0 success, 2 bad usage or bad input (one line on stderr,
never a traceback), 1 failure while running, 130 Ctrl-C. PUREBP_DEBUG=1
shows the traceback behind an error message.

Every file a command reads or writes is known before it starts
(``_files``): outputs are checked before any work and written all at once
(purebp.files). Start-up stays cheap: CSV, models, pictures and JSON are
imported by the commands that use them.
"""

import argparse
import contextlib
import os
import sys

from . import __version__
from .arrayprint import finite_or_null, scalar_str
from .cliargs import CommandLine, Parser, refuse_ignored_flags
from .columns import given_inputs
from .activations import ACTIVATIONS, HIDDEN
from .batches import schedule, steps_per_epoch, take
from .budget import MORE_THAN_A_DAY
from .datasets import NAMES, load_data
from .diagnosis import TEXTS as DIAGNOSIS_TEXTS, describe, diagnose, final_metric
from .errors import PurebpError, TrainingError, plural, show
from .narration import LANGUAGES, as_data, explain, render, text
from .gradcheck import THRESHOLD, gradient_check, progress_total, refuse_endless
from .losses import LOSS_NAMES, LOSSES
from .network import METRICS, train
from .network_check import MAX_WEIGHTS, check_conventions
from .numberwords import (SEED_LARGE, clip, clip_words, empty_part, flag_type, full_width,
                          hint, lookalikes, says_zero)
from .random_start import initial_weights
from .replay import step_at
from .streams import Output, printable, program
from .typed import whole_number, written

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2

_DESCRIPTION = """\
Backpropagation in pure Python, with numpy's exact numbers.
With no command, run the article's expanded 8-line program (seed 1) and
print exactly what its numpy version prints."""

_EXPLAIN_EPILOG = """\
examples:
  purebp explain                                  the article's first step
  purebp explain --data xor --layers 3,4,1        a hidden layer, layer by layer
  purebp explain --at 1000 --lang zh-CN           iteration 1000, in Chinese
  purebp explain --data xor --layers 3,4,1 --loss cross-entropy --activation tanh
                                                  the sigmoid's slope cancels
  purebp explain --data xor --layers 3,4,1 --batch-size 3 --at 2
                                                  the second step, on its batch"""

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
  purebp train --data houses.csv --scale --scale-targets --save houses.json
  purebp predict houses.json 75,3 -0.5,2         the file's columns: purebp adds the bias
  purebp train --data iris --scale --layers 5,8,3 --lr 3 --iterations 1000 --save iris.json
  purebp predict iris.json 5.1,3.5,1.4,0.2       the predicted species, and each one's output"""

_BEFORE_EPILOG = """\
--seed, --ascii and --quiet may also come before a command that has them:
'purebp --seed 5 train' is 'purebp train --seed 5'."""

_TRAIN_EPILOG = """\
examples:
  purebp train                                   the article's network
  purebp train --data xor --layers 3,4,1 --iterations 60000 --every 10000 --metric mae
  purebp train --data xor --layers 3,4,1 --json  results as one JSON object
  purebp train --data xor --layers 3,4,1 --activation tanh --loss cross-entropy --lr 3
  purebp train --data xor --layers 3,8,1 --batch-size 2 --epochs 1000 --every 100
  purebp train --data my.csv --target y --scale --save model.json
  purebp train --data iris --classes --test-fraction 0.3 --scale --layers 5,8,3 --lr 3 \\
               --iterations 1000 --every 100   species from 4 measurements, 30% held out

iterations and epochs: an iteration is one step (one weight update); an epoch
is one pass over the training rows. Full batch (the default), every step uses
every row, so an iteration is an epoch: give --iterations or --epochs. With
--batch-size B, each epoch shuffles the rows and takes ceil(rows / B) steps of
B rows: give --epochs. The losses, and the learning rate to start from:
docs/conventions.md.

classes: with --classes (or a target column of text labels, recognised and
said on stderr), the target column's labels become one output per class; the
loss is then softmax and the metric accuracy unless given. --test-fraction F
holds out a share F of each class, measured at every report beside the
training rows. From a CSV file to held-out accuracy: docs/your-data.md."""


def _layer_sizes(text):
    """'3,4,1' -> [3, 4, 1] for --layers."""
    try:
        return _sizes(text)
    except ValueError:
        raise argparse.ArgumentTypeError("%s is not a list of two or more layer sizes, like "
                                         "3,4,1%s" % (clip(text), _layers_hint(text)))


def _sizes(text):
    sizes = [int(written(part)) for part in text.split(",")]
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError(text)
    return sizes


def _layers_hint(text):
    """Why --layers' ``text`` is no list of sizes, after "; "."""
    rewrite = ",".join(text.replace(";", " ").replace("/", " ").split())
    if "," not in text and rewrite != text and _sizes_or_none(rewrite):
        return "; the sizes are separated by commas: write %s" % clip(rewrite, 60, str)
    said = lookalikes(text, _sizes)
    if said:
        return "; " + said
    parts = text.split(",")
    if len(parts) > 1 and "" in [part.strip() for part in parts]:
        return "; " + empty_part(parts, "comma")
    if len(parts) == 1:
        return "; give two sizes or more: the inputs' and the outputs'"
    for part in parts:
        said = hint(part, whole=True)
        if said == "too large":
            return "; a layer of %s units is too large: a network holds at most %d weights" % (
                clip(part.strip()), MAX_WEIGHTS)
        if said:
            return "; %s: %s" % (clip(part.strip()), said)
        if part.strip().isdigit() and int(part) == 0:
            return "; a layer has 1 unit or more, not 0"
        if not part.strip().lstrip("+").isdigit():
            return "; %s is no whole number" % clip(part.strip())
    return ""


def _sizes_or_none(text):
    try:
        return _sizes(text)
    except ValueError:
        return None


def _between(low, high=None):
    """A ``fits`` of ``flag_type``: a value of ``low`` to ``high`` (a rewrite
    outside would be refused once read: ``--seed 1e10``, ``--batch-size 0.0``)."""
    def fits(value):
        if value < low or high is not None and value > high:
            raise ValueError(value)
    return fits


_count = flag_type(whole_number, "whole number")
_seed = flag_type(whole_number, "whole number", large=SEED_LARGE, fits=_between(0, 2 ** 32 - 1))
_length = flag_type(whole_number, "whole number", large=MORE_THAN_A_DAY,
                    fits=_between(1))
_batch_size = flag_type(whole_number, "whole number", fits=_between(1),
                        large="a batch has at most the training data's rows")
_every = flag_type(whole_number, "whole number",
                   large="past the training's length, --every reports only its start and end")
_row = flag_type(whole_number, "whole number", fits=_between(0, 3),
                 large="the article's data has rows 0 to 3 (the rows of X, counted from 0)")


def _first_iteration(text):
    value = int(written(text))
    if value < 1:
        raise ValueError(text)
    return value


_iteration = flag_type(_first_iteration, "iteration number (1 or more)",
                       large=MORE_THAN_A_DAY)


def _float(text):
    """A float flag's value; refused where the float is not the number typed:
    ``1e-400`` would be 0.0 and ``1e400`` inf (then the error names 0.0 or inf)."""
    value = float(written(text))
    if value in (0.0, float("inf"), float("-inf")) and not _says_zero_or_inf(text):
        # the words of numberwords.hint, which predict's rows and CSV cells say
        raise argparse.ArgumentTypeError("%s is %s for a float: it would be %r" % (
            clip(text), "too small" if value == 0.0 else "too large", value))
    return value


_rate = flag_type(_float, "float", whole=False, fits=lambda value: _learning_rate(value))
_fraction = flag_type(_float, "float", whole=False, fits=lambda value: _held_out(value))


def _learning_rate(value):
    from .checks import positive_number
    return positive_number(value, "lr", "learning rate")


def _held_out(value):
    from .holdout import check_fraction
    return check_fraction(value)


def _says_zero_or_inf(text):
    """Whether ``text`` itself spells zero or infinity (``0``, ``-0.0e5``, ``inf``)."""
    return "inf" in text.lower() or says_zero(text)


def build_parser():
    parser = CommandLine(prog="purebp", description=_DESCRIPTION, epilog=_BEFORE_EPILOG,
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version="purebp " + __version__)
    # The default run's flags; before a command, they are the command's own.
    parser.add_flag_before_command("--seed", 1, type=_seed, metavar="S",
                                   help="seed of the random start, as np.random.seed (default: 1)")
    parser.add_flag_before_command("--ascii", False, action="store_true",
                                   help="draw the terminal chart with plain ASCII, not Unicode "
                                        "blocks (the chart shows on a terminal only)")
    parser.add_flag_before_command("--quiet", False, action="store_true",
                                   help="print numpy's output only, no chart")
    parser.check = _refuse_flags
    parser.rows = {"predict": "inputs"}     # predict m.json --json 1,0,1
    commands = parser.add_subparsers(dest="command", metavar="command", parser_class=Parser)
    parser.commands = commands

    train_parser = commands.add_parser(
        "train", help="train a network on built-in data or your CSV file",
        description="Train a network by gradient descent, full batch or in mini-batches.",
        epilog=_TRAIN_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _network_flags(train_parser, trains=True)
    _length_flags(train_parser, "training %s")
    train_parser.add_argument("--test-fraction", type=_fraction, metavar="F",
                              help="hold out a share F of the rows (0 < F < 1; of each class, "
                                   "with classes), chosen by numpy's "
                                   "np.random.RandomState(seed).permutation, and report their "
                                   "metric beside the training rows' (default: train on every "
                                   "row)")
    train_parser.add_argument("--every", type=_every, default=1000, metavar="N",
                              help="report the metric every N iterations (epochs with "
                                   "--batch-size), 0 for never (default: 1000)")
    train_parser.add_argument("--metric", choices=METRICS,
                              help="sse, mse, mae: sum of squared errors, mean squared or mean "
                                   "absolute error; accuracy: the share of rows whose largest "
                                   "output is the target's (one output: on its side of 0.5); "
                                   "loss: the value of --loss (default: sse; accuracy with "
                                   "classes)")
    train_parser.add_argument("--json", action="store_true",
                              help="print one JSON object (layers, weights, outputs, history; "
                                   "with classes or held-out rows also classes, split, "
                                   "held_out_history, final, confusion) and nothing else")
    train_parser.add_argument("--save", metavar="MODEL.json",
                              help="save the trained model (written atomically)")
    train_parser.add_argument("--plain", action="store_true",
                              help="train on the plain path the docs explain, network.step an "
                                   "iteration, not the compiled loop (same numbers, slower; "
                                   "under a debugger, the plain path runs anyway)")
    train_parser.add_argument("--show-code", action="store_true",
                              help="print the Python code of the loop train compiles for this "
                                   "data and network (the fast path), with a header saying "
                                   "what it is, and exit without training")
    train_parser.add_argument("--plot", metavar="FILE.svg",
                              help="draw the metric over the iterations as an SVG file")
    _lang_flag(train_parser, "language of the warning when training fails; the rest of "
                             "train's output is in English")
    _picture_flags(train_parser, "print only the final metric and the files written: "
                                 "no weights, chart, table or progress")

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
    draw_parser.add_argument("--row", type=_row, default=2, metavar="N",
                             help="with --chain-rule: the example (row of X, from 0) whose "
                                  "numbers are shown (default: 2, the row 1,0,1)")
    _network_flags(draw_parser)
    _length_flags(draw_parser, "%s of the training before drawing")

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
                                     "or -0.5,2 (or by semicolons, with decimal commas: "
                                     "1;0,5): one number per column of the training data "
                                     "(a model of CSV data adds the bias itself)")
    predict_parser.add_argument("--input", metavar="FILE.csv",
                                help="predict every row of a CSV file (with a header, the "
                                     "model's input columns are picked by name)")
    predict_parser.add_argument("--json", action="store_true",
                                help="print one JSON object (inputs, targets, bias, X, "
                                     "predictions; for a model of classes also classes and "
                                     "predicted_classes); a prediction that is not a finite "
                                     "number is null")

    explain_parser = commands.add_parser(
        "explain", help="narrate one training step with its real numbers",
        description="Run one real training step and print every quantity it computes, "
                    "in order, with its name, shape, program line and meaning.",
        epilog=_EXPLAIN_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _network_flags(explain_parser)
    explain_parser.add_argument("--at", type=_iteration, default=1, metavar="N",
                                help="explain iteration N, after N-1 silent ones; with "
                                     "--batch-size, step N, on its batch's rows (default: 1)")
    _lang_flag(explain_parser, "language of the narration")
    explain_parser.add_argument("--json", action="store_true",
                                help="print the quantities as one JSON object")

    check_parser = commands.add_parser(
        "gradcheck", help="compare backprop's gradient with finite differences",
        description="Compare every weight's backprop gradient with a five-point finite "
                    "difference. Exit 0 when the worst relative error is below %g, "
                    "1 otherwise." % THRESHOLD)
    _network_flags(check_parser)
    check_parser.add_argument("--at", type=_iteration, default=1, metavar="N",
                              help="check at iteration N, after N-1 training iterations; "
                                   "with --batch-size, step N's gradient on its batch's rows "
                                   "(default: 1, the random start)")
    check_parser.add_argument("--json", action="store_true",
                              help="print the result as one JSON object")

    web_parser = commands.add_parser(
        "web", help="step through backprop in the browser, on this computer",
        description="Serve the page that steps through backprop and trains, in the browser: "
                    "purebp's own modules run there in MicroPython (WebAssembly). The server "
                    "listens on 127.0.0.1 only and serves the page's files and purebp's "
                    "modules, nothing else; Ctrl-C stops it. With --save, it writes the page "
                    "as one HTML file that opens without a server instead.")
    web_parser.add_argument("--port", type=_port, default=None, metavar="N",
                            help="the port to listen on, 0 for any free one (default: 8765)")
    web_parser.add_argument("--no-browser", action="store_true",
                            help="print the page's address, do not open a browser")
    web_parser.add_argument("--save", metavar="FILE.html",
                            help="do not serve: write the page as one HTML file (about 1 MB, "
                                 "MicroPython inside) that opens in a browser from a disk or "
                                 "a USB stick, with no server, Python or network")
    return parser


def _port_number(text):
    value = int(written(text))
    if value > 65535:
        raise argparse.ArgumentTypeError("invalid port number (0 to 65535) value: %s: too "
                                         "large: a port is at most 65535" % clip(text))
    if value < 0:
        raise ValueError(text)
    return value


_port = flag_type(_port_number, "port number (0 to 65535)", large="a port is at most 65535")


def _lang_flag(parser, what):
    parser.add_argument("--lang", choices=LANGUAGES,
                        help="%s (default: from LC_ALL, LC_MESSAGES or LANG: zh... gives "
                             "zh-CN, else en)" % what)


def _picture_flags(parser, quiet="print the results only: no chart, no table, no progress"):
    parser.add_argument("--ascii", action="store_true",
                        help="draw the terminal chart with plain ASCII, not Unicode blocks")
    parser.add_argument("--quiet", action="store_true", help=quiet)


def _length_flags(parser, what):
    """--iterations and --epochs; ``what`` names them (``"training %s"``)."""
    parser.add_argument("--iterations", type=_length, metavar="N",
                        help="%s, full batch: steps, each on every row "
                             "(default: 10000)" % (what % "iterations"))
    parser.add_argument("--epochs", type=_length, metavar="E",
                        help="%s: passes over the rows; full batch, the same as "
                             "--iterations; with --batch-size, how long to train "
                             "(default: 10000)" % (what % "epochs"))


def _loss_help():
    """--loss's help, from the table: each loss, the task it suits, the rate to start from."""
    return "; ".join("%s: %s; for %s; start with --lr %g%s" % (
        name, LOSSES[name].about, LOSSES[name].task, LOSSES[name].lr,
        " (%s)" % LOSSES[name].lr_note if LOSSES[name].lr_note else "")
        for name in LOSS_NAMES) + " (default: half-sse; softmax with classes)"


def _activation_help():
    return ("the hidden layers' activation (the output's comes with --loss): " + "; ".join(
        "%s: %s" % (name, ACTIVATIONS[name].about) for name in HIDDEN) + " (default: sigmoid)")


def _network_flags(parser, trains=False):
    """The flags that describe a network and its training, shared by commands
    (``trains``: train's, which holds rows out, measures and saves)."""
    parser.add_argument("--data", default="seed", metavar="NAME|FILE.csv",
                        help="built-in data set (%s: Fisher's 150 flowers, read as a CSV "
                             "file with the label column species) or a CSV file "
                             "(default: seed, the article's table)" % ", ".join(NAMES))
    parser.add_argument("--target", action="append", metavar="NAME|INDEX",
                        help="with a CSV file: a target column, by name or index "
                             "(0 the first, -1 the last); repeat for several "
                             "(default: the last column)")
    parser.add_argument("--scale", action="store_true",
                        help="with a CSV file: scale each input column to [0, 1]" + (
                            " (with --test-fraction, by the training rows' min and max; "
                            "stored in a saved model)" if trains else ""))
    parser.add_argument("--scale-targets", action="store_true",
                        help="with a CSV file: scale each target column to [0, 1]" + (
                            ", and predictions back (stored in a saved model)" if trains
                            else ""))
    parser.add_argument("--no-bias", action="store_true",
                        help="with a CSV file: do not append the bias input (a constant 1, "
                             "named bias) after the file's input columns")
    parser.add_argument("--classes", action="store_true",
                        help="with a CSV file: the target column holds class labels (numbers "
                             "or text), one output per class, one-hot; the loss defaults to "
                             "softmax%s (a column of text labels is read so without it, with "
                             "a note)" % (" and the metric to accuracy" if trains else ""))
    parser.add_argument("--layers", type=_layer_sizes, metavar="SIZES",
                        help="layer sizes from input to output, e.g. 3,4,1; the first counts "
                             "the inputs, with the bias of CSV data (default: inputs,outputs: "
                             "no hidden layer)")
    parser.add_argument("--seed", type=_seed, default=1,
                        help="seed of the random start, as np.random.seed (default: 1)")
    parser.add_argument("--lr", type=_rate, default=1.0,
                        help="learning rate (default: 1.0, as in the article; --loss says "
                             "where to start for each loss)")
    parser.add_argument("--loss", choices=LOSS_NAMES, help=_loss_help())
    parser.add_argument("--activation", choices=HIDDEN, default="sigmoid",
                        help=_activation_help())
    parser.add_argument("--batch-size", type=_batch_size, metavar="B",
                        help="mini-batches of B rows: each epoch shuffles the rows (numpy's "
                             "np.random.permutation, after the weights) and steps on B at a "
                             "time (default: full batch, every row each step)")


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


def _refuse_flags(args, given, error):
    """The flags refused before any work (``CommandLine.check``): those that
    would have no effect, and a CSV file's with the article's data."""
    refuse_ignored_flags(args, given, error)
    if getattr(args, "data", None) in NAMES and args.data != "iris" and (
            args.target or args.scale or args.scale_targets or args.no_bias or args.classes):
        error("--target, --scale, --scale-targets, --no-bias and --classes apply to CSV "
              "files, not to the built-in data %r" % args.data)


def _data(args):
    """The data of --data: a built-in set or a CSV file, as a csvdata.Table.

    The article's data carry its bias as their third input, x3, and get no
    other; CSV data and iris get the bias appended unless --no-bias. With
    classes, the loss and metric not given become softmax and accuracy.
    """
    from .csvdata import Table, read_table
    from .files import read_text
    if args.data in NAMES and os.path.exists(args.data):
        raise PurebpError("--data %s: both a built-in data set and a file in this folder; "
                          "write ./%s for the file, or rename it" % (args.data, args.data))
    if args.data in NAMES and args.data != "iris":
        X, y = load_data(args.data)
        n_in, n_out = len(X[0]), len(y[0])
        table = Table(X, y, ["x%d" % (i + 1) for i in range(n_in)], ["y"] * n_out,
                      {"inputs": None, "targets": None}, bias=False)
    elif args.data == "iris":
        from .iris import csv_text
        text = csv_text()
        table = read_table(text, "iris", args.target, args.scale, args.scale_targets,
                           bias=not args.no_bias, classes=args.classes)
    elif not os.path.exists(args.data) and not args.data.lower().endswith((".csv", ".txt")):
        said = full_width([args.data], clip)
        raise PurebpError("--data %r is neither a built-in data set (%s) nor a file%s"
                          % (args.data, ", ".join(NAMES), "; " + said if said else ""))
    else:
        text = read_text(args.data)
        table = read_table(text, args.data, args.target, args.scale, args.scale_targets,
                           bias=not args.no_bias, classes=args.classes)
    if getattr(args, "test_fraction", None) is not None and (args.scale or args.scale_targets):
        # The held-out rows stay out of the scale too: each column's min and
        # max come from the training rows (the split needs no scale to be made).
        table = read_table(text, args.data, args.target, args.scale, args.scale_targets,
                           bias=not args.no_bias, classes=args.classes,
                           fit_rows=_Rows(args, table).rows)
    n_in = len(table.X[0])
    if table.bias and args.layers and args.layers[0] == n_in - 1:
        columns = given_inputs(table.inputs, True)
        raise PurebpError("layers: the first size is %d, but the data has %d inputs: %s and "
                          "the bias purebp adds (a constant 1); start --layers with %d, or add "
                          "--no-bias" % (args.layers[0], n_in, plural(len(columns), "column")
                                         .replace("column", "input column", 1), n_in))
    if table.classes and args.layers and args.layers[-1] != len(table.classes):
        from .report import some
        raise PurebpError("layers: the last size is %s, but the data has %s (%s): one output "
                          "per class; end --layers with %d"
                          % (show(args.layers[-1]), plural(len(table.classes), "class", "classes"),
                             some(table.classes), len(table.classes)))
    n_out = len(table.y[0])
    if not table.classes and args.layers and args.layers[-1] != n_out:
        raise PurebpError("layers: the last size is %s, but the data has %s%s"
                          % (show(args.layers[-1]), plural(n_out, "output"),
                             "; class labels? add --classes (one output per class)"
                             if n_out == 1 < args.layers[-1] and args.data not in NAMES
                             and not args.scale_targets
                             and all(row[0] == int(row[0]) for row in table.y) else ""))
    _conventions(args, table)
    for line in table.warnings:      # what --scale loses without an error
        print("purebp %s: warning: %s" % (args.command, printable(line)), file=sys.stderr)
    args.largest_input = max(abs(v) for row in table.X for v in row)
    return table


def _conventions(args, table):
    """The loss and metric not given: softmax and accuracy for classes, else
    the article's half-sse and sse. Classes recognised without --classes are
    said on stderr."""
    args.loss_default = args.loss is None
    args.metric_default = getattr(args, "metric", None) is None
    if args.loss is None:
        args.loss = "softmax" if table.classes else "half-sse"
    if hasattr(args, "metric") and args.metric is None:
        args.metric = "accuracy" if table.classes else "sse"
    args.note = None
    if table.detected:
        from .report import some
        args.note = ("purebp %s: note: target %r holds text labels, so they are classes: %s (%s), "
              "one output each%s; --classes says so and leaves out this note"
              % (args.command, table.targets[0], plural(len(table.classes), "class", "classes"),
                 some(table.classes), ", loss softmax and metric accuracy unless given"
                 if args.command == "train" else ""))
    if args.command != "train":     # train says it once the split is made too
        _say_note(args)


def _say_note(args):
    """The note of classes recognised without --classes, on stderr, once."""
    if args.note:
        print(args.note, file=sys.stderr)
        args.note = None


class _Rows:
    """The rows training uses (``X``, ``y``, their numbers ``rows``) and,
    with --test-fraction, those held out (``X_test``, ``y_test``,
    ``test_rows``) and the split as the model records it (``split``)."""

    def __init__(self, args, table):
        from .batches import take
        from .classes import class_indexes
        from .holdout import split
        self.split = None
        n = len(table.X)
        self.rows, self.test_rows = list(range(n)), []
        self.X, self.y, self.X_test, self.y_test = table.X, table.y, None, None
        fraction = getattr(args, "test_fraction", None)
        if fraction is None:
            return
        groups = class_indexes(table.y) if table.classes else None
        self.rows, self.test_rows = split(n, fraction, args.seed, groups, table.classes)
        self.X, self.y = take(table.X, self.rows), take(table.y, self.rows)
        self.X_test, self.y_test = take(table.X, self.test_rows), take(table.y, self.test_rows)
        self.split = {"test_fraction": fraction, "seed": args.seed, "stratified": bool(groups),
                      "rows": n, "training_rows": len(self.rows),
                      "held_out_rows": len(self.test_rows), "held_out": self.test_rows}

    @property
    def held_out(self):
        """``(X_test, y_test)`` for ``train``, or None without a split."""
        return None if self.split is None else (self.X_test, self.y_test)


def _run_explain(args, out):
    table = _data(args)
    X, y = table.X, table.y
    with _progress(args.at - 1, unit=_unit(args),
                   long_run=_long_run(args, "an earlier --at")) as progress:
        story = explain(X, y, _layers_of(args, X, y), seed=args.seed, lr=args.lr,
                        loss=args.loss, at=args.at, inputs=table.inputs, progress=progress,
                        activation=args.activation, batch_size=args.batch_size,
                        classes=table.classes)
    lang = _language(args)
    if args.json:
        _print_json(as_data(story, lang), out, ensure_ascii=False)
    else:
        print(render(story, args.data, lang), file=out)
    return EXIT_OK


def _run_gradcheck(args, out):
    table = _data(args)
    X, y = table.X, table.y
    layers = _layers_of(args, X, y)
    refuse_endless(layers, min(args.batch_size or len(X), len(X)), args.activation)
    with _progress(args.at - 1, unit=_unit(args),
                   long_run=_long_run(args, "an earlier --at")) as progress:
        weights, batch = step_at(X, y, layers, args.seed, args.lr, args.loss, args.at, progress,
                                 args.activation, args.batch_size)
    if batch is not None:     # the gradient of that step: on its batch's rows
        X, y = take(X, batch[2]), take(y, batch[2])
    with _progress(progress_total(layers, args.activation), unit="weight",
                   long_run=_long_run(args, "a smaller network, or fewer rows (the gradient "
                                            "is as right on a few)", "weight")) as progress:
        check = gradient_check(weights, X, y, args.loss, progress=progress,
                               activation=args.activation)
    worst = check.worst
    where = "syn[%d][%d][%d]" % worst.where
    if args.json:
        _print_json({"layers": layers, "loss": args.loss, "activation": args.activation,
                     "batch_rows": None if batch is None else batch[2],
                     "weights_checked": len(check.comparisons),
                     "worst_relative_error": worst.relative_error,
                     "at_kinks": [list(c.where) for c in check.kinks],
                     "worst_weight": list(worst.where), "backprop": worst.backprop,
                     "numerical": worst.numerical, "threshold": check.threshold,
                     "passed": check.passed}, out)
    else:
        print("gradient check: data %s, layers %s, loss %s%s, %s, at iteration %d%s"
              % (args.data, ",".join(str(n) for n in layers), args.loss,
                 ", activation %s" % args.activation if len(layers) > 2 else "",
                 plural(len(check.comparisons), "weight"), args.at,
                 "" if batch is None else ", on its batch: rows %s" % ", ".join(
                     str(r) for r in batch[2])), file=out)
        print("worst relative error %.3g at %s: backprop %s, finite difference %s"
              % (worst.relative_error, where, scalar_str(worst.backprop),
                 scalar_str(worst.numerical)), file=out)
        if check.kinks:
            print("not compared: %s, whose nudges move a hidden z across ReLU's kink at 0 "
                  "(the finite difference there is not a slope)"
                  % ", ".join("syn[%d][%d][%d]" % c.where for c in check.kinks), file=out)
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
    from .model import Model, to_text
    from .svg import loss_svg
    if args.plot and not args.every:
        raise PurebpError("--plot needs reports of the metric; --every is 0")
    table = _data(args)
    data = _Rows(args, table)
    if args.show_code:
        return _show_code(args, data, out)
    steps = _steps(args, len(data.X))
    _say_note(args)
    label = "batch " + args.metric if args.batch_size else args.metric
    with _progress(steps, label, enabled=False if args.quiet else None,
                   unit=_unit(args),
                   long_run=_long_run(args, _shorter_training(args, len(data.X)))) as progress:
        result = train(data.X, data.y, layers=args.layers, seed=args.seed,
                       iterations=args.iterations, lr=args.lr, loss=args.loss,
                       every=args.every, metric=args.metric, progress=progress,
                       fast=not args.plain, activation=args.activation,
                       batch_size=args.batch_size, epochs=args.epochs, held_out=data.held_out)
    data.final = final_metric(result, data.X, data.y)
    if data.split is not None:
        data.final = (data.final, final_metric(result, data.X_test, data.y_test))
    texts = {}
    if args.save:
        model = Model.from_training(result, data=args.data, table=table, X=data.X, y=data.y,
                                    split=data.split, held_out=data.held_out)
        texts["--save"] = to_text(model, args.save)
    if args.plot:
        texts["--plot"] = loss_svg(result.history, args.metric,
                                   unit="epoch" if args.batch_size else "iteration",
                                   held_out=result.held_out)
    args.outputs.write(texts)
    if args.json:
        _print_json(_training_json(result, table, data), out)
    elif args.quiet:
        finals = data.final if data.split is not None else (data.final,)
        print("final %s: %s" % (args.metric, scalar_str(finals[0])), file=out)
        if data.split is not None:
            print("held-out %s: %s" % (args.metric, scalar_str(finals[1])), file=out)
    else:
        from .report import print_training
        print_training(args, result, table, data, out)
    if not args.json:
        for done, path in (("saved the model to", args.save),
                           ("drew the loss curve in", args.plot)):
            if path:
                print("%s %s" % (done, printable(path)), file=out)
    _warn_if_failed(args, result, data)
    return EXIT_OK


def _show_code(args, data, out):
    """train --show-code: the compiled loop's code; no training."""
    from .listing import listing
    _say_note(args)
    # mini-batches run the row-looped form, a batch's rows at a time
    form = "rows" if args.batch_size else None
    print(listing(data.X, data.y, args.layers, args.lr, args.loss, args.activation, args.data,
                  form, args.batch_size), end="", file=out)
    return EXIT_OK


def _training_json(result, table, data):
    """train --json: the five keys of any run (``path``: "compiled" or
    "plain", the code that ran); with classes or held-out rows,
    the classes, the split, the held-out reports, the final metrics and the
    confusion matrix (of the held-out rows, or without them of the training rows)."""
    document = {"layers": result.layers, "weights": result.weights, "outputs": result.outputs,
                "history": [[i, value] for i, value in result.history], "path": result.path}
    if not table.classes and data.split is None:
        return document
    from .classes import confusion
    from .network import predict
    finals = data.final if data.split is not None else (data.final,)
    document.update({"classes": table.classes, "split": data.split,
                     "held_out_history": [[i, value] for i, value in result.held_out],
                     "final": {"training": finals[0],
                               "held_out": finals[1] if len(finals) > 1 else None}})
    if table.classes:
        X, y = (data.X_test, data.y_test) if data.split is not None else (data.X, data.y)
        settings = result.settings
        outputs = predict(result.weights, X, settings["activation"], settings["loss"])
        document["confusion"] = confusion(y, outputs)
    return document


def _steps(args, rows):
    """The steps --iterations, --epochs and --batch-size make on ``rows`` rows
    (checked as ``train`` checks them): what progress counts."""
    return (schedule(rows, args.iterations, args.epochs, args.batch_size)
            * steps_per_epoch(rows, args.batch_size))


def _warn_if_failed(args, result, data):
    """Training that failed without an error: say so on stderr, with what to try."""
    findings = diagnose(result, data.X, data.y)
    if not findings:
        return
    lang = _language(args)
    lines = describe(findings, lang)
    print("purebp train: %s" % text("warning", lang, (lines[0],), DIAGNOSIS_TEXTS),
          file=sys.stderr)
    for line in lines[1:]:
        print(line, file=sys.stderr)


def _long_run(args, remedies, unit=None):
    """The note of work that will take long (``chart.Progress``'s ``long_run``):
    how long, at the speed of the first steps, and ``remedies``."""
    def note(seconds, done, elapsed):
        from .timewords import duration
        return ("purebp %s: note: this will take about %s, at the speed of the first %s "
                "(%s each); to finish sooner: %s; Ctrl-C stops it"
                % (args.command, duration(seconds), plural(done, unit or _unit(args)),
                   duration(elapsed / done), remedies))
    return note


def _unit(args):
    """What progress counts while training: steps with batches, else iterations."""
    return "step" if args.batch_size else "iteration"


def _shorter_training(args, rows):
    """What makes training shorter, for the note of a long run on ``rows``
    training rows (mini-batches of 32 only where there are more rows)."""
    if args.batch_size:
        return "fewer --epochs, or a sample of the rows"
    if rows <= 32:
        return "fewer --iterations"
    return ("fewer --iterations, mini-batches (--batch-size 32 takes many steps an epoch: "
            "fewer --epochs), or a sample of the rows")


@contextlib.contextmanager
def _progress(total, metric=None, enabled=None, unit="iteration", long_run=None):
    """A progress line with the time left, on a terminal only; cleared at the
    end, whatever happens. Work estimated above a day is refused before it
    starts (purebp.budget), so what runs here can finish; work that will take
    more than a few minutes is foretold on stderr, terminal or not, under
    --quiet too (``long_run``, see ``chart.Progress``)."""
    from .chart import Progress
    line = Progress(total, metric, enabled=enabled, unit=unit, long_run=long_run)
    if total > 0:
        line.begin()        # at once: a slow first step still shows that work began
    try:
        yield line
    finally:
        line.finish()


def _run_draw(args, out):
    from .model import load
    from .svg import chain_rule_svg, chain_rule_values, network_svg
    if args.chain_rule:
        args.loss = args.loss or "half-sse"
        X, y = load_data("seed")
        if args.row >= len(X):
            raise PurebpError("--row %d: the article's data has rows 0 to %d"
                              % (args.row, len(X) - 1))
        check_conventions([3, 1], y, "sigmoid", args.loss)
        syn = initial_weights([3, 1], args.seed)[0]
        values = chain_rule_values(X, y, syn, row=args.row, loss=args.loss)
        text = chain_rule_svg(values, args.loss)
    elif args.model:
        model = load(args.model)
        text = network_svg(model.layers, model.weights, model.inputs, model.outputs)
    else:
        table = _data(args)
        steps = _steps(args, len(table.X))
        with _progress(steps, unit=_unit(args),
                       long_run=_long_run(args, _shorter_training(args, len(table.X)))
                       ) as progress:
            result = train(table.X, table.y, layers=args.layers, seed=args.seed,
                           iterations=args.iterations, lr=args.lr, loss=args.loss, every=0,
                           progress=progress, activation=args.activation,
                           batch_size=args.batch_size, epochs=args.epochs)
        text = network_svg(result.layers, result.weights, table.inputs, table.outputs)
    args.outputs.write({args.outputs.targets[0].key: text})       # -o or --output
    print("drew %s" % printable(args.output), file=out)
    return EXIT_OK


def _run_web(args, out):
    from .webserver import PORT, page_html, serve
    if args.save is not None:
        if args.port is not None or args.no_browser:
            raise PurebpError("--port and --no-browser are for serving the page; --save writes "
                              "it to a file and serves nothing: leave them out")
        args.outputs.write({"--save": page_html()})
        print("wrote the page to %s: open it in a browser; it needs no server and no network"
              % printable(args.save), file=out)
        return EXIT_OK
    serve(PORT if args.port is None else args.port, browser=not args.no_browser, out=out)
    return EXIT_OK


def _inputs_from_words(words, names, bias):
    """Rows of numbers from command-line words like 1,0,1 (or 1;0;1, where
    a decimal comma may be written: 0,5;1)."""
    from .csvdata import ask, grouped_point, thousands, unproved_point
    commas = [word for word in words if ";" in word and "," in word]
    points = [(word, cell.strip(" \t")) for word in words if ";" in word
              for cell in word.split(";") if thousands(cell.strip(" \t"))]
    if commas and points:
        word, cell = points[0]
        raise PurebpError("input %s: %s has a point, but input %s writes a decimal comma: %s"
                          % (clip(word), clip(cell), clip(commas[0]), ask(cell)))
    rows = [_input_words_row(word, names, bias) for word in words]
    # The semicolon words are rows of the same columns, as a semicolon
    # file's lines are: 1.500;2 beside 2.5;1 is 1.5 (as in the file), alone refused
    semicolon = [word for word in words if ";" in word]
    found = unproved_point([list(column) for column in zip(*[
        [cell.strip(" \t") for cell in word.split(";")] for word in semicolon])])
    if found:
        word = semicolon[found[0]]
        raise PurebpError("input %s: %s" % (clip(word), grouped_point(
            word.split(";")[found[1]].strip(" \t"))))
    return rows


def _input_words_row(word, names, bias):
    """The numbers of one word of ``predict`` (1,0,1 or 0,5;1)."""
    from .csvdata import not_a_number, to_number, underflows
    delimiter = ";" if ";" in word else ","
    cells = word.split(delimiter)
    row = [to_number(cell.strip(" \t"), delimiter) for cell in cells]
    refused = [cell for cell, value in zip(cells, row) if value is None]
    if refused:
        # an empty cell first: 1.5,2.5; ends with a semicolon
        cell = sorted(refused, key=lambda cell: cell.strip(" \t") != "")[0]
        said = _refused_cell_hint(cell, cells, word, delimiter, len(names))
        raise PurebpError("input %s: %s%s" % (clip(word), not_a_number(cell, delimiter), (
            "; " + said if said and not underflows(cell, delimiter) else "")))
    if len(row) != len(names):
        raise PurebpError("input %s has %s, but the model takes %d (%s%s)"
                          % (clip(word), plural(len(row), "number"), len(names), ", ".join(names),
                             "; purebp adds the bias" if bias else ""))
    return row


def _refused_cell_hint(cell, cells, word, delimiter, width):
    """What the refused ``cell`` of ``word`` may be: a missing cell, a
    look-alike in the cell, or the whole word written another way."""
    from .csvdata import cell_hint
    if not cell.strip(" \t"):
        return empty_part(cells, "comma" if delimiter == "," else "semicolon")
    said = cell_hint(cell, delimiter)
    if cell != word and said:       # one cell of several: what it may be first
        return said
    return lookalikes(word, lambda w: _input_row(w, width)) or said


def _input_row(word, width):
    """``word`` read as a row of ``width`` numbers (a ValueError if it is none)."""
    from .csvdata import to_number
    cells = word.split(";" if ";" in word else ",")
    if len(cells) != width or None in [to_number(c, ";" if ";" in word else ",") for c in cells]:
        raise ValueError(word)


def _run_predict(args, out):
    from .csvdata import read_inputs
    from .model import load
    model = load(args.model)
    names = model.data_inputs
    if args.input and args.inputs:
        raise PurebpError("give inputs on the command line or --input FILE, not both")
    if args.input:
        X = read_inputs(args.input, names, model.bias)
    elif args.inputs:
        X = _inputs_from_words(args.inputs, names, model.bias)
    else:
        raise PurebpError("no inputs: give some, like 1,0,1, or --input FILE.csv")
    _warn_constant_inputs(model.scaling["inputs"], names, X)
    _warn_far_inputs(model.scaling["inputs"], names, X)
    outputs = model.predict(X)
    classes = model.predict_classes(outputs) if model.classes else None
    if args.json:
        document = {"inputs": names, "targets": model.targets, "bias": model.bias, "X": X,
                    "predictions": outputs}
        if classes is not None:
            document.update({"classes": model.classes, "predicted_classes": classes})
        _print_json(document, out)
        return EXIT_OK
    # A model of classes: the predicted class, then each class's output.
    header = names + (model.targets + model.classes if classes else model.targets)
    cells = [["%.10g" % v for v in row] + ([classes[i]] if classes else [])
             + ["%.8g" % v for v in prediction]
             for i, (row, prediction) in enumerate(zip(X, outputs))]
    from .textwidth import rjust, width
    widths = [max(width(h), max(width(row[j]) for row in cells)) for j, h in enumerate(header)]
    n = len(names)
    def line(words):
        left = "  ".join(rjust(w, widths[j]) for j, w in enumerate(words[:n]))
        right = "  ".join(rjust(w, widths[n + j]) for j, w in enumerate(words[n:]))
        return left + "  ->  " + right
    print(line(header), file=out)
    for row in cells:
        print(line(row), file=out)
    return EXIT_OK


def _warn_constant_inputs(scaling, names, X):
    """predict: an input that was one number on every training row scales
    to 0 whatever it holds; rows that hold another value are said on stderr."""
    from .csvdata import some_of
    from .errors import number
    if scaling is None:
        return
    for j, (name, low, high) in enumerate(zip(names, scaling.low, scaling.high)):
        other = [row[j] for row in X if low == high and row[j] != low]
        if other:
            shown = number(min(other)), number(max(other))     # each told from low
            print(printable("purebp predict: warning: input %r was %s on every training row, "
                  "so the model scales it to 0 whatever it holds: %s %s (%s), "
                  "predicted as if %s %s" % (name, number(low), some_of(len(other), len(X), "row"),
                             "holds another value" if len(other) == 1 else
                             "hold another value" if shown[0] == shown[1] else "hold other values",
                             shown[0] if shown[0] == shown[1] else "%s to %s" % shown,
                             "it held" if len(other) == 1 else "they held", number(low))),
                  file=sys.stderr)


def _warn_far_inputs(scaling, names, X):
    """predict: rows whose input lies far outside what the training rows
    held (more than their range beyond it: scaled below -1 or above 2) are
    said on stderr, a line per input. The network never saw such values,
    and its outputs there are guesses (other units, often). Without
    scaling the model has no record of the range, and nothing is said."""
    from .csvdata import some_of
    from .errors import number
    if scaling is None:
        return
    for j, (name, low, high) in enumerate(zip(names, scaling.low, scaling.high)):
        span = high - low
        far = [row[j] for row in X if span > 0 and not low - span <= row[j] <= high + span]
        if far:
            shown = number(min(far)), number(max(far))
            print(printable("purebp predict: warning: input %r ran from %s to %s on the training "
                  "rows; %s %s far outside that (%s): the model never saw such values, and its "
                  "predictions there are guesses; are they in the training data's units?"
                  % (name, number(low), number(high), some_of(len(far), len(X), "row"),
                     "lies" if len(far) == 1 else "lie",
                     shown[0] if shown[0] == shown[1] else "%s to %s" % shown)),
                  file=sys.stderr)


def _print_json(value, out, ensure_ascii=True):
    """One JSON object on a line. JSON has no NaN or infinity: a number that
    is not finite is written as null (as JavaScript's JSON.stringify does)."""
    import json
    out.write(json.dumps(finite_or_null(value), allow_nan=False, ensure_ascii=ensure_ascii))
    out.write("\n")


def _files(args):
    """Every file the command reads and writes, checked before any work.

    Returns the ``files.Outputs`` the command writes with; it refuses empty
    paths, outputs that cannot be written, two outputs that are one file,
    an output that is one of the inputs, and one inside purebp's own package
    (``web --save`` reads the page's files there).
    """
    from .files import Outputs
    inputs = []
    if getattr(args, "data", None) is not None and args.data not in NAMES:
        inputs.append(("--data", args.data))
    if getattr(args, "model", None) is not None:
        inputs.append(("MODEL.json" if args.command == "predict" else "--model", args.model))
    if getattr(args, "input", None) is not None:
        inputs.append(("--input", args.input))
    saves = "page" if args.command == "web" else "model"
    outputs = [(flag, getattr(args, name), what)
               for flag, name, what in (("--save", "save", saves), ("--plot", "plot", "plot"),
                                        (_as_written(args, "-o", "--output"), "output",
                                         "picture"))
               if getattr(args, name, None) is not None]
    for flag, path in inputs + [(flag, path) for flag, path, what in outputs]:
        if path == "-":
            # Many tools read "-" as standard input or output; purebp reads
            # and writes files only, and a file named "-" would surprise.
            raise PurebpError("%s -: purebp %s files, not standard %s; for a file named -, "
                              "write ./-" % (flag, "reads" if (flag, path) in inputs else
                                             "writes", "input" if (flag, path) in inputs
                                             else "output"))
    package = os.path.dirname(os.path.realpath(__file__))
    for flag, path, what in outputs:
        if path and os.path.realpath(path).startswith(package + os.sep):
            raise PurebpError("%s %s: is inside purebp's own package (%s), whose files it "
                              "reads; write the %s elsewhere" % (flag, path, package, what))
    checked = Outputs(outputs, inputs)
    for flag, path, what in outputs:
        kind, endings = _KINDS[what]
        stem, ending = os.path.splitext(path)
        if ending.lower() in _OTHER_KINDS and ending.lower() not in endings:
            raise PurebpError("%s %s: purebp writes the %s as %s, which a %s name would hide: "
                              "name it %s" % (flag, path, what, kind, ending, stem + endings[0]))
    return checked


def _as_written(args, short, long):
    """``long`` where the command line (``args.words``) gave the flag so
    (``--output=-``), else ``short``: a message names it as it was written."""
    words = getattr(args, "words", [])
    words = words[:words.index("--")] if "--" in words else words
    spelled = [long if w.split("=", 1)[0] == long else short for w in words
               if w.split("=", 1)[0] == long or w.startswith(short)]
    return spelled[-1] if spelled else short


# What each output is written as, and the endings its name may have; an
# ending of another kind of file (_OTHER_KINDS) is refused, any other taken
# as part of the name (loss-lr0.5, model.seed3, x.svg.bak).
_KINDS = {"model": ("JSON", (".json",)), "plot": ("SVG", (".svg",)),
          "picture": ("SVG", (".svg",)), "page": ("HTML", (".html", ".htm"))}
_OTHER_KINDS = (".svg", ".svgz", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif",
                ".tiff", ".pdf", ".eps", ".ps", ".html", ".htm", ".xhtml", ".json", ".txt",
                ".csv", ".md", ".xml", ".ipynb", ".yaml", ".yml", ".pkl", ".pickle", ".npy",
                ".npz", ".h5", ".gz", ".zip", ".tar", ".bz2", ".xz")


_LARGE_INPUT = 100     # inputs beyond this, unscaled, overflow the sums at any learning rate


def _unscaled_hint(args, error):
    """For training that diverged on large inputs left unscaled: scaling them,
    since a lower rate alone does not help there."""
    largest = getattr(args, "largest_input", 0)
    scaled = getattr(args, "scale", False)
    if isinstance(error, TrainingError) and largest > _LARGE_INPUT and not scaled:
        return "; or first scale the inputs, which reach %.3g, to [0, 1]: --scale" % largest
    return ""


def main(argv=None, out=None):
    """Run the command line with ``argv``; return the exit code."""
    out = out or sys.stdout
    if not isinstance(out, Output):
        out = Output(out)
    parser = build_parser()
    args = parser.parse_args(argv)
    command = {"train": _run_train, "explain": _run_explain, "gradcheck": _run_gradcheck,
               "predict": _run_predict, "draw": _run_draw,
               "check": _run_check, "web": _run_web}.get(args.command, _run_default)
    prog = "purebp " + args.command if args.command else "purebp"
    message = code = None
    args.words = sys.argv[1:] if argv is None else list(argv)
    try:
        args.outputs = _files(args)
        return command(args, out)
    except PurebpError as error:
        if os.environ.get("PUREBP_DEBUG") == "1":
            raise
        message, code = "error: %s%s" % (error, _unscaled_hint(args, error)), error.exit_code
        message = clip_words(message, sys.argv[1:] if argv is None else argv)
    except KeyboardInterrupt:
        message, code = "interrupted", 130
    except MemoryError:
        # Reported outside this block, once the data the traceback holds are freed.
        message, code = ("error: out of memory; give Python more memory (on a board, a "
                         "larger heap), or use a smaller data file (fewer rows) or fewer, "
                         "smaller layers"), EXIT_FAILURE
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
