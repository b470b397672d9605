"""How the small command line (purebp.minicli) reads its words.

MicroPython has no argparse (or only a part of it), so this reads the words
the way the full command line (purebp.cli: argparse, with purebp.cliargs'
rules) reads them on CPython 3.11 and 3.12 (3.13 prints help for ``-hx``,
which they refuse): the same spellings accepted (``--seed 2``, ``--seed=2``,
``--seed +2``, ``-hh``), the same refused, with the same message (``purebp:
error: ... (see 'purebp --help')``, exit code 2). Only ``--help`` itself is
shorter, and the commands other than ``check`` are refused: they need
CPython or PyPy.

minicli lets this module go once the words are read: a board's heap does
not hold it while the program, or check, runs.
"""

import sys

from .typed import whole_number

# The flags, and whether each takes a value (as argparse's nargs: 1 or 0).
TOP = {"-h": 0, "--help": 0, "--version": 0, "--seed": 1, "--ascii": 0, "--quiet": 0}
CHECK = {"-h": 0, "--help": 0}
COMMANDS = ("train", "draw", "check", "predict", "explain", "gradcheck", "web")
# The commands that also take a flag of the default run (the full command line names them).
ALSO = {"--seed": "draw, explain, gradcheck, train", "--ascii": "train", "--quiet": "train"}

HELP = """usage: purebp [-h] [--version] [--seed S] [--ascii] [--quiet] [check]

Backpropagation in pure Python, with numpy's exact numbers. This is the small
command line, for MicroPython; the other commands (train, draw, predict,
explain, gradcheck, web) need CPython or PyPy.

  purebp            run the article's expanded 8-line program (seed 1)
  purebp --seed S   the same from another random start (0 to 2**32 - 1)
  purebp check      check this copy against numpy's recorded numbers

options:
  -h, --help  show this help message and exit
  --version   show program's version number and exit
  --seed S    seed of the random start, as np.random.seed (default: 1)
  --ascii     accepted as on CPython (no chart is drawn here)
  --quiet     print numpy's output only (as always here)"""

CHECK_HELP = """usage: purebp check [-h]

Run small scenarios recorded from numpy (shipped inside the package) and print
each one's largest deviation. Exit 0 when all agree within 1e-12, 1 otherwise.
Needs neither numpy nor pytest.

options:
  -h, --help  show this help message and exit"""


class Refused(Exception):
    """A usage error: ``(message, prog)``."""


class Shown(Exception):
    """``--help`` or ``--version``: the text to print, exit code 0."""


def read(argv):
    """``argv`` read: ``(command, seed)`` (command None or "check", seed None
    if not given), or the exit code once help, the version or an error is
    printed."""
    try:
        if sys.implementation.name == "micropython":
            # MicroPython keeps a word's bytes as they came, not UTF-8 ones
            # too (CPython decodes those to surrogates, which its messages
            # show): decoding them again raises UnicodeError
            for word in argv:
                word.encode().decode()
        return _read(list(argv))
    except UnicodeError:
        print("purebp: error: a word of the command line is not UTF-8 text "
              "(see 'purebp --help')", file=sys.stderr)
        return 2
    except Shown as asked:
        print(asked.args[0])
        return 0
    except Refused as refused:
        message, prog = refused.args
        from .numberwords import refused_word_hint
        hint = refused_word_hint(message, argv, shown, lambda word, plain: _takes(
            argv[:argv.index(word)] + plain.split() + argv[argv.index(word) + 1:]))
        if hint:
            message += "; " + hint
        print("%s: error: %s (see '%s --help')" % (prog, printable(message), prog),
              file=sys.stderr)
        return 2


def _takes(argv):
    """Whether ``argv`` is read without an error (a rewrite to propose)."""
    try:
        _read(argv)
    except Refused:
        return False
    except Shown:       # --help or --version: read (cliargs counts it so)
        pass
    return True


def _read(argv):
    given, extras, rest = _scan(argv, TOP, "purebp")
    command = rest[0] if rest else None
    if command is not None and command not in COMMANDS:
        raise Refused("argument command: invalid choice: %s (choose from %s)"
                      % (shown(command), ", ".join(shown(c) for c in COMMANDS)), "purebp")
    if command is not None and command != "check":
        raise Refused("%s needs CPython or PyPy: on MicroPython, purebp runs the "
                      "default run (purebp [--seed S]) and check" % command, "purebp")
    prog = "purebp " + command if command else "purebp"
    if command:
        extras += _scan(rest[1:], CHECK, prog)[1]
    if extras:
        # an empty or blank word is shown quoted, not as nothing
        raise Refused("unrecognized arguments: %s" % " ".join(
            word if not _blank(word) else shown(word) for word in extras), prog)
    before = argv[:argv.index(command)] if command else argv
    _refuse_repeats(before, " before the command" if command else "")
    if command and given:
        flag = sorted(given)[0]
        raise Refused("%s, given before %s, does not apply to it: '%s' has no %s; "
                      "%s goes with the default run (purebp %s), %s"
                      % (flag, command, prog, flag, flag, flag, ALSO[flag]), prog)
    elif "--quiet" in given and "--ascii" in given:
        raise Refused("--quiet draws no chart; leave out --ascii, which would have "
                      "no effect", prog)
    return command, given.get("--seed")


def _scan(words, flags, prog):
    """Go through ``words`` as argparse does with ``flags``: ``(given,
    extras, rest)``: the flags given (with their values), the words not
    understood, and the words from the command on (None without one)."""
    given, extras = {}, []
    i = 0
    while i < len(words):
        word = words[i]
        i += 1
        if word == "--":
            if i == len(words) or flags is CHECK:
                extras += words[i - 1:]     # check takes no words: all are extras
                break
            return given, extras, words[i - 1:]     # argparse takes "--" for the command
        kind = _kind(word, flags)
        if kind is None:
            if flags is CHECK:
                extras.append(word)
                continue
            return given, extras, words[i - 1:]
        flag, value = kind
        if flag is None:
            extras.append(word)
        elif flags[flag]:
            if value is None:
                if i == len(words) or words[i] == "--" or _kind(words[i], flags) is not None:
                    raise Refused("argument %s: expected one argument" % flag, prog)
                value = words[i]
                i += 1
            try:
                given[flag] = whole_number(value)
            except ValueError:
                raise Refused("argument %s: %s" % (flag, _refusal(value)), prog)
        else:
            # -hh is -h twice (argparse joins single-letter flags); -hx is refused
            while value is not None and flag[1] != "-" and value[:1] == "h":
                value = value[1:] or None
            if value is not None:
                name = "-h/--help" if flag in ("-h", "--help") else flag
                raise Refused("argument %s: ignored explicit argument %s"
                              % (name, shown(value)), prog)
            if flag in ("-h", "--help"):
                raise Shown(CHECK_HELP if flags is CHECK else HELP)
            if flag == "--version":
                from . import __version__
                raise Shown("purebp " + __version__)
            given[flag] = True
    return given, extras, None


def _refusal(value):
    """Why --seed's ``value`` is refused, as the full command line says it
    (numberwords loads only then)."""
    from .numberwords import SEED_LARGE, refusal
    return (refusal(value, "whole number", True, SEED_LARGE, shown, _seed)
            or "invalid whole number value: %s" % shown(value))


def _seed(text):
    """A --seed numpy takes, as a rewrite (the full command line's ``fits``)."""
    if not 0 <= whole_number(text) <= 4294967295:
        raise ValueError(text)


def _kind(word, flags):
    """None for a value (or a command), ``(flag, value)`` for a flag of
    ``flags`` (value None unless given with it: ``--seed=2``, ``-hx``),
    ``(None, None)`` for a word argparse takes for a flag it does not know."""
    if len(word) < 2 or word[0] != "-" or _negative(word):
        return None
    if word in flags:
        return word, None
    if "=" in word:
        flag, value = word.split("=", 1)
        if flag in flags:
            return flag, value
    if word[1] != "-" and word[:2] in flags:
        return word[:2], word[2:]
    if " " in word:
        return None
    return None, None


def _negative(word):
    """purebp.cliargs.looks_negative: ``-1``, ``-.5``, ``-inf`` are values."""
    rest = word[1:].lower()
    return (rest[0] in "0123456789" or (rest[0] == "." and rest[1:2].isdigit())
            or rest.startswith("inf") or rest.startswith("nan"))


def _refuse_repeats(words, where):
    """purebp.cliargs._refuse_repeats for --seed, the one flag that takes a value."""
    if "--" in words:
        words = words[:words.index("--")]
    count = 0
    for word in words:
        if word.startswith("-") and not (len(word) > 1 and _negative(word)):
            count += (word.split("=", 1)[0] if word.startswith("--") else word[:2]) == "--seed"
    if count > 1:
        raise Refused("%s is given %s%s; give it once" % (
            "--seed", "twice" if count == 2 else "%d times" % count, where), "purebp")


# What CPython's repr escapes past ASCII (str.isprintable is False): the
# controls, spaces other than " ", format characters, surrogates and private
# use (MicroPython's repr escapes every character past ASCII). A character
# no Unicode version has assigned yet is shown as typed (CPython escapes it).
_UNPRINTABLE = ((0x7f, 0xa0), (0xad, 0xad), (0x600, 0x605), (0x61c, 0x61c), (0x6dd, 0x6dd),
                (0x70f, 0x70f), (0x1680, 0x1680), (0x180e, 0x180e), (0x2000, 0x200f),
                (0x2028, 0x202f), (0x205f, 0x206f), (0x3000, 0x3000),
                (0x890, 0x891), (0x8e2, 0x8e2), (0xd800, 0xf8ff), (0xfeff, 0xfeff),
                (0xfff9, 0xfffb), (0xfffe, 0xffff), (0x110bd, 0x110bd), (0x110cd, 0x110cd),
                (0x13430, 0x1343f), (0x1bca0, 0x1bca3), (0x1d173, 0x1d17a))
_BLANK = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"


def shown(text):
    """``repr(text)`` as CPython writes it (on MicroPython too)."""
    quote = '"' if "'" in text and '"' not in text else "'"
    out = []
    for ch in text:
        o = ord(ch)
        if ch == quote or ch == "\\":
            out.append("\\" + ch)
        elif ch in "\t\n\r":
            out.append({"\t": "\\t", "\n": "\\n", "\r": "\\r"}[ch])
        elif o < 0x20 or _unprintable(o):
            out.append("\\x%02x" % o if o < 0x100 else "\\u%04x" % o if o < 0x10000
                       else "\\U%08x" % o)
        else:
            out.append(ch)
    return quote + "".join(out) + quote


def _unprintable(o):
    if 0xe0000 <= o <= 0xe007f or o >= 0xf0000:     # tags; private use
        return True
    for low, high in _UNPRINTABLE:
        if low <= o <= high:
            return True
    return False


def _blank(word):
    """Whether ``word`` is empty or all whitespace, as CPython's str.strip sees it."""
    for ch in word:
        if ch not in _BLANK and not 0x2000 <= ord(ch) <= 0x200a:
            return False
    return True


def printable(text):
    """purebp.streams.printable: each control character as ``\\uXXXX``."""
    out = []
    for ch in text:
        o = ord(ch)
        if (o < 0x20 or 0x7f <= o <= 0x9f or o in (0x61c, 0x200e, 0x200f, 0xfffe, 0xffff)
                or 0x2028 <= o <= 0x202e or 0x2066 <= o <= 0x2069 or 0xd800 <= o <= 0xdfff):
            out.append("\\u%04x" % o)
        else:
            out.append(ch)
    return "".join(out)
