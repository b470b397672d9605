"""What the command line's words mean together, beyond what argparse does.

``argparse`` reads each flag on its own. The command line also promises:

* **Flags before the command** (``purebp --seed 5 train``) apply to the
  command when it has that flag, as if given after it; the same flag given
  on both sides with two values is refused, and so is a flag the command
  does not have (with where it goes).
* **Negative numbers are values, not options**: ``--lr -1e-3``,
  ``--iterations -inf`` and ``predict m.json -1,0,1`` reach the flag or
  the rows (argparse alone takes ``-inf`` or ``-1,0,1`` for an unknown
  option, and says "expected one argument").
* **A value that starts with a dash** (``--data -x.csv``, ``--target -y``)
  is read by argparse as a flag, and the flag before it as given no value:
  the message says so, with how to write it (``--data=-x.csv``, or for a
  file ``./-x.csv``; see ``dash_hint``), where the flag could take it (not
  ``--seed -x``), and where nothing else would refuse it then (``--target
  -x`` with built-in data gets that refusal: ``Parser._probe``). Negative
  numbers need no such care.
* **Rows and options mix**: ``predict m.json --json 1,0,1`` gives the row
  ``1,0,1`` (argparse alone stops collecting rows at the first option).
* **A flag that would have no effect is refused**, with the reason
  (``IGNORED``, applied by ``refuse_ignored_flags`` as ``CommandLine.check``).

``CommandLine.parse_args`` returns the namespace with these applied.
"""

import argparse
import os
import sys

from .numberwords import clip_words, refused_word_hint
from .streams import printable

SUPPRESS = argparse.SUPPRESS
BEFORE = "before_"     # the namespace prefix of a flag given before the command


def looks_negative(word):
    """Whether ``word`` is a negative number, or a row starting with one.

    >>> [looks_negative(w) for w in ["-1", "-0.5", "-.5", "-inf", "-NaN", "-1,0,1", "-1e-3"]]
    [True, True, True, True, True, True, True]
    >>> [looks_negative(w) for w in ["--seed", "-o", "-", "-x"]]
    [False, False, False, False]
    """
    if len(word) < 2 or word[0] != "-":
        return False
    rest = word[1:].lower()
    return (rest[0] in "0123456789" or (rest[0] == "." and rest[1:2].isdigit())
            or rest.startswith(("inf", "nan")))


def dash_hint(word, flag=None, file=True):
    """What to write instead of ``word``, a value starting with a dash that
    argparse took for a flag: ``flag=word`` (``flag``: the option it belongs
    to, if any) or, for a file name (``file``), ``./word``.

    >>> dash_hint("-x.csv", "--data")
    "; '-x.csv' starts with a dash, so it reads as a flag: for a file of that name, write --data=-x.csv or --data ./-x.csv"
    >>> dash_hint("-x", "--target", file=False)
    "; '-x' starts with a dash, so it reads as a flag: write --target=-x"
    >>> dash_hint("-m.json")
    "; '-m.json' starts with a dash, so it reads as a flag: for a file of that name, write ./-m.json"
    """
    said = "; %s starts with a dash, so it reads as a flag: " % printable(repr(word))
    if not file:
        return said + "write %s=%s" % (flag, printable(word))
    if flag is None:
        return said + "for a file of that name, write ./%s" % printable(word)
    return said + "for a file of that name, write %s=%s or %s ./%s" % (
        flag, printable(word), flag, printable(word))


def takes_file(action):
    """Whether a flag's value is a file name: its metavar names one
    (``FILE.csv``, ``MODEL.json``, ``NAME|FILE.csv``)."""
    return "." in (action.metavar or "")


def _could_be(action, word):
    """Whether ``word`` is a value the flag takes: the hint is for those
    (a file or column name), not for ``--seed -x`` or ``--loss -x``, which
    no spelling would make work."""
    if action.choices is not None and word not in action.choices:
        return False
    if action.type is not None:
        try:
            action.type(word)
        except (argparse.ArgumentTypeError, TypeError, ValueError):
            return False
    return True


class _Refused(Exception):
    """A refusal while ``Parser._takes`` parses a rewrite again, unshown."""


class _Shown(Exception):
    """``--help`` or ``--version`` reached while ``Parser._takes`` parses a
    rewrite again: the rewrite is read (as the small command line counts
    it), and nothing is printed nor exits."""


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (and exit code 2), and a
    negative number is a value, never an option. ``actions`` lists the
    actions ``add_argument`` made."""

    def __init__(self, *args, **kwargs):
        self.actions = []
        # No abbreviations: --iter 5 --iterations 6 would train 6 and say
        # nothing, and --h 0.01 would be --help.
        kwargs.setdefault("allow_abbrev", False)
        argparse.ArgumentParser.__init__(self, *args, **kwargs)

    def add_argument(self, *args, **kwargs):
        action = argparse.ArgumentParser.add_argument(self, *args, **kwargs)
        self.actions.append(action)
        return action

    def parse_known_args(self, args=None, namespace=None):
        self.words = list(sys.argv[1:] if args is None else args)    # for error's hints
        return argparse.ArgumentParser.parse_known_args(self, args, namespace)

    def _quiet(self):
        """Whether ``_takes`` is parsing a rewrite: show nothing, exit never."""
        top = self if isinstance(self, CommandLine) else getattr(self, "top", None)
        return top is not None and top.probing == "quietly"

    def _print_message(self, message, file=None):
        if not self._quiet():
            argparse.ArgumentParser._print_message(self, message, file)

    def exit(self, status=0, message=None):
        if self._quiet():
            raise _Shown(status)
        argparse.ArgumentParser.exit(self, status, message)

    def error(self, message):
        if self._quiet():
            raise _Refused(message)
        hint = (self._dash_hint(message)
                or refused_word_hint(message, getattr(self, "words", []), repr, self._takes))
        message += ("; " + hint) if hint and not hint.startswith(";") else hint
        message = clip_words(message, getattr(self, "words", []))
        self.exit(2, "%s: error: %s (see '%s --help')\n"
                  % (self.prog, printable(message), self.prog))

    def _dash_hint(self, message):
        """For "argument --data: expected one argument" where the word after
        the flag starts with a dash but is no flag: how to give it as a value."""
        words = getattr(self, "words", [])
        if message.startswith("the following arguments are required:"):
            # predict -m.json: the model's name read as a flag, the model missing
            if any(takes_file(action) for action in self.actions if not action.option_strings):
                return _file_word_hint(words, self)
            return ""
        if not message.endswith(": expected one argument"):
            return ""
        options = set(s for action in self.actions for s in action.option_strings)
        for action in self.actions:
            if not action.option_strings or not message.startswith(
                    "argument %s:" % "/".join(action.option_strings)):
                continue
            for i, word in enumerate(words[:-1]):
                after = words[i + 1]
                if (word in action.option_strings and after.startswith("-") and after != "--"
                        and after.split("=", 1)[0] not in options and _could_be(action, after)):
                    self._probe(i, "%s=%s" % (word, after))
                    return dash_hint(after, action.option_strings[-1], takes_file(action))
        return ""

    def _takes(self, word, plain):
        """Whether the command line with ``plain`` for ``word`` (its first
        time) parses without an error: a rewrite to propose."""
        top = self if isinstance(self, CommandLine) else getattr(self, "top", None)
        argv, words = getattr(top, "argv", []), getattr(self, "words", [])
        if top is None or top.probing or word not in argv:
            return False
        i = argv.index(word)
        top.probing = "quietly"
        try:
            # as typed in a shell: train　--iterations is two words then
            top.parse_args(argv[:i] + plain.split() + argv[i + 1:])
        except _Refused:
            return False
        except _Shown:      # --help or --version: the rewrite is read
            return True
        finally:
            top.probing, top.argv, self.words = False, argv, words
        return True

    def _probe(self, i, written):
        """Parse the command line again with ``written`` (``--target=-x``) in
        place of the two words at ``i`` of this parser's: a refusal that would
        follow (``--target`` with built-in data) comes first, as the message
        the user would see next; if none, the dash hint is the message."""
        top = getattr(self, "top", None)
        if top is None or top.probing:
            return
        words, argv = self.words, top.argv
        start = len(argv) - len(words)      # this parser's words end the command line
        if start < 0 or argv[start:] != words:
            return
        top.probing = True
        try:
            top.parse_args(argv[:start + i] + [written] + argv[start + i + 2:])
        finally:
            top.probing, top.argv, self.words = False, argv, words

    def _parse_optional(self, arg_string):
        # argparse's own rule knows only -5 and -.5; -inf, -1e-3 and -1,0,1
        # would be taken for unknown options. No purebp flag starts with a digit.
        if looks_negative(arg_string):
            return None
        found = argparse.ArgumentParser._parse_optional(self, arg_string)
        # CPython 3.8 and 3.9 stop with an IndexError on a one-letter flag
        # without a value given "=" and nothing (-h=): the error 3.10 gives
        # (from the top-level parser, which sees the words after the command too).
        if (sys.version_info < (3, 10) and isinstance(found, tuple) and len(found) == 3
                and found[0] is not None and found[0].nargs == 0 and found[2] == ""
                and found[1][1:2] != "-"):
            self.error("argument %s: ignored explicit argument %r"
                       % ("/".join(found[0].option_strings), found[2]))
        return found


class CommandLine(Parser):
    """The top-level parser: commands, and flags that may come before them.

    ``add_flag_before_command`` adds such a flag (the default run's);
    ``commands`` is the action of ``add_subparsers``; ``rows`` names the
    commands whose positional rows may mix with options (``{"predict":
    "inputs"}``); ``check(args, given, error)``, if set, refuses flags
    that would have no effect (``given``: the flags given, by dest).
    """

    def __init__(self, *args, **kwargs):
        Parser.__init__(self, *args, **kwargs)
        self.before_defaults = {}
        self.commands = None
        self.rows = {}
        self.check = None
        self.probing = False        # Parser._probe is parsing again

    def error(self, message):
        words = getattr(self, "words", [])
        for i in range(len(words) - 1, -1, -1):     # purebp --iterations 3 train: '3' is no command
            if self.commands and message.startswith(
                    "argument command: invalid choice: %r " % words[i]):
                message += self._flag_of_a_command(words[:i])
                break
        Parser.error(self, message)

    def _flag_of_a_command(self, before, command=None):
        """For a command's flag given before it (``purebp --iterations 3
        train``): the first of the words ``before`` the command that is no
        flag here but one of some commands', and where it goes (after
        ``command``, if it has the flag); or ""."""
        options = set(s for action in self.actions for s in action.option_strings)
        for word in before:
            flag = word.split("=", 1)[0]
            if not flag.startswith("-") or flag in options or looks_negative(flag):
                continue
            owners = [name for name, sub in self.commands.choices.items()
                      if any(flag in action.option_strings for action in sub.actions)]
            if owners:
                return ("; %s is a flag of %s: give it after the command, as in purebp %s %s"
                        % (flag, " and ".join(owners) if len(owners) < 3 else
                           ", ".join(owners[:-1]) + " and " + owners[-1],
                           command if command in owners else owners[0], word))
            return ""
        return ""

    def add_flag_before_command(self, flag, default, **kwargs):
        name = flag[2:].replace("-", "_")
        self.before_defaults[name] = default
        self.add_argument(flag, dest=BEFORE + name, default=SUPPRESS, **kwargs)

    def parse_args(self, args=None, namespace=None):
        argv = list(sys.argv[1:] if args is None else args)
        self.argv = argv
        for sub in self.commands.choices.values() if self.commands else ():
            sub.top = self
        parsed, extras = self.parse_known_args(argv, namespace)
        command = parsed.command
        sub = self.commands.choices[command] if command else None
        if extras and command in self.rows:
            end = extras.index("--") if "--" in extras else len(extras)
            rows = [word for word in extras[:end] if not word.startswith("-")
                    or looks_negative(word)] + extras[end + 1:]     # after --, all rows
            extras = [word for word in extras[:end] if word not in rows]
            setattr(parsed, self.rows[command], getattr(parsed, self.rows[command]) + rows)
        if extras:
            hint = _file_hint(extras, sub or self, parsed)
            if not hint:        # purebp --data=xor train, purebp --layers=3,4,1: train's flags
                hint = self._flag_of_a_command(argv[:argv.index(command)] if command else argv,
                                               command)
            # an empty or blank word is shown quoted, not as nothing
            (sub or self).error("unrecognized arguments: %s%s" % (" ".join(
                word if word.strip() else repr(word) for word in extras), hint))
        if sub is not None:
            _refuse_repeats(argv[argv.index(command) + 1:], "after " + command, sub)
        _refuse_repeats(argv[:argv.index(command)] if command else argv,
                        "before the command" if command else "", self)
        given = self._given(argv, parsed, sub)
        before = set(d[len(BEFORE):] for d in vars(parsed) if d.startswith(BEFORE))
        for dest in sorted(d for d in vars(parsed) if d.startswith(BEFORE)):
            self._apply_before(parsed, dest, given, sub)
        if sub is None:
            for name, default in self.before_defaults.items():
                if not hasattr(parsed, name):
                    setattr(parsed, name, default)
            if self.check is not None:
                self.check(parsed, before, self.error)      # the default run's flags
        elif self.check is not None:
            self.check(parsed, given, sub.error)
        return parsed

    def _given(self, argv, parsed, sub):
        """The dests of the flags given after the command."""
        if sub is None:
            return set()
        defaults = [(action, action.default) for action in sub.actions]
        # Parse again with no defaults: only what was given is set.
        for action in sub.actions:
            action.default = SUPPRESS
        try:
            explicit, _ = self.parse_known_args(argv)
        finally:
            for action, default in defaults:
                action.default = default
        return set(d for d in vars(explicit) if d != "command" and not d.startswith(BEFORE))

    def _apply_before(self, parsed, dest, given, sub):
        """A flag given before the command: apply it, or refuse it."""
        name = dest[len(BEFORE):]
        flag = "--" + name.replace("_", "-")
        value = getattr(parsed, dest)
        delattr(parsed, dest)
        if sub is None:
            setattr(parsed, name, value)
            return
        command = parsed.command
        if not hasattr(parsed, name):
            where = ["the default run (purebp %s)" % flag] + [
                c for c, p in sorted(self.commands.choices.items()) if _has(p, name)]
            sub.error("%s, given before %s, does not apply to it: '%s' has no %s; %s goes with %s"
                      % (flag, command, sub.prog, flag, flag, ", ".join(where)))
        if name in given and getattr(parsed, name) != value:
            sub.error("%s is given twice, %s before %s and %s after it; give it once"
                      % (flag, _shown(value), command, _shown(getattr(parsed, name))))
        setattr(parsed, name, value)
        given.add(name)


# Flags that would have no effect, refused before any work: (command, when,
# the flags (dests) ignored then, why). TRAINING: what trains a network.
TRAINING = ("data", "target", "scale", "scale_targets", "no_bias", "classes", "layers", "seed",
            "lr", "loss", "activation", "batch_size", "iterations", "epochs")
IGNORED = [
    ("draw", lambda args, given: "chain_rule" in given,
     ("model",) + tuple(d for d in TRAINING if d not in ("seed", "loss")),
     "--chain-rule draws the article's one-layer network at its random start"),
    ("draw", lambda args, given: "model" in given, TRAINING + ("row",),
     "--model draws a saved model as it is"),
    ("draw", lambda args, given: "chain_rule" not in given, ("row",),
     "--row picks the example of --chain-rule"),
    ("gradcheck", lambda args, given: args.at == 1, ("lr",),
     "at --at 1 (the default) the check is at the random start, before any step is taken"),
    ("train", lambda args, given: "json" in given, ("quiet", "ascii"),
     "--json prints one JSON object and nothing else"),
    ("train", lambda args, given: "quiet" in given, ("ascii",),
     "--quiet draws no chart"),
    (None, lambda args, given: "quiet" in given, ("ascii",), "--quiet draws no chart"),
    ("train", lambda args, given: args.every == 0, ("ascii",),
     "--every 0 makes no reports, so there is no chart to draw"),
    ("train", lambda args, given: "quiet" in given and not given & {"plot", "json", "save"},
     ("every",), "--quiet prints no reports (--every matters with --plot, --json or --save)"),
    ("train", lambda args, given: "show_code" in given,
     ("iterations", "epochs", "every", "metric", "json", "save", "plot", "plain", "quiet",
      "ascii", "lang"),
     "--show-code prints the code of the compiled loop and trains nothing"),
    ("train", lambda args, given: "show_code" in given and "test_fraction" not in given,
     ("seed",), "--show-code prints code that takes the weights as they come (--seed picks "
     "the random start, and with --test-fraction the rows held out)"),
]
for _command in ("train", "explain", "gradcheck", "draw"):
    IGNORED.append((_command, lambda args, given: not args.layers or len(args.layers) < 3,
                    ("activation",), "--activation picks the hidden layers' activation, and "
                    "--layers gives no hidden layer (the output's comes with --loss)"))


def _refuse_repeats(words, where, parser):
    """A flag that takes one value, given twice in ``words`` (the words after
    the command, or before it), is refused: argparse would keep the last and
    ignore the first (``--target``, which adds up, may repeat). Each spelling
    counts: ``-o a.svg``, ``-ob.svg``, ``--output=c.svg``."""
    if "--" in words:
        words = words[:words.index("--")]
    flags = [word.split("=", 1)[0] if word.startswith("--") else word[:2]
             for word in words if word.startswith("-") and not looks_negative(word)]
    for action in parser.actions:
        if not action.option_strings or action.nargs == 0 or isinstance(
                action, argparse._AppendAction):
            continue            # --quiet twice is still quiet; --target adds up
        count = sum(1 for flag in flags if flag in action.option_strings)
        if count > 1:
            parser.error("%s is given %s%s; give it once" % (
                action.option_strings[-1], "twice" if count == 2 else "%d times" % count,
                " " + where if where else ""))


def _file_hint(extras, parser, parsed):
    """For an unrecognized word that names a file (it exists, or it has a
    file's extension: ``predict -m.json``), where the command takes a file
    without a flag (predict's model) and what took its place names none
    (``predict -m.json 1,0`` read the model from ``1,0``): how to give a
    name that starts with a dash. Not for a negative number (``check -.5``)."""
    if not any(takes_file(action) and not os.path.isfile(str(getattr(parsed, action.dest, "")))
               for action in parser.actions if not action.option_strings):
        return ""
    return _file_word_hint(extras, parser)


def _file_word_hint(words, parser):
    """``dash_hint`` for the first of ``words`` (up to ``--``) that names a
    file (it exists, or it has a file's extension or a folder) but starts
    with a dash, and is neither one of ``parser``'s flags nor a negative
    number; "" if none does."""
    if "--" in words:
        words = words[:words.index("--")]
    options = set(s for action in parser.actions for s in action.option_strings)
    for word in words:
        if (word.startswith("-") and not word.startswith("--") and word not in options
                and not looks_negative(word)
                and (os.path.exists(word) or "." in word or "/" in word)):
            return dash_hint(word)
    return ""


def refuse_ignored_flags(args, given, error):
    """Refuse a flag the command would ignore here (``error``: the command's)."""
    for command, when, dests, why in IGNORED:
        if args.command == command and when(args, given):
            ignored = ["--" + d.replace("_", "-") for d in dests if d in given]
            if ignored:
                error("%s; leave out %s, which would have no effect"
                      % (why, " and ".join(ignored) if len(ignored) < 3
                         else ", ".join(ignored[:-1]) + " and " + ignored[-1]))


def _has(parser, dest):
    """Whether ``parser`` has a flag that sets ``dest`` (to a default other
    than None, as every flag that may come before a command has)."""
    return parser.get_default(dest) is not None


def _shown(value):
    return "on" if value is True else str(value)
