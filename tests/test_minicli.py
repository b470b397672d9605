"""The small command line (purebp.minicli, for MicroPython) reads its words
as the full one (purebp.cli) does: every spelling of its flags accepted or
refused alike, with the same message and exit code. Here on CPython; on
MicroPython's unix port in test_board.py, with the same words."""

import contextlib
import io
import re
import sys

import pytest

from purebp import cli, miniargs, minicli, typed

# Words a user (or a hostile tester) may type, by class.
NUMBERS = [["--seed", w] for w in [
    "2", "+2", " 2", "2 ", " 2 ", "\t2", "00", "007", "0", "4294967295", "4294967296",
    "99999999999999999999", "0x10", "0o7", "0b1", "1_0", "_1", "1__0", "\uff12", "\u0663",
    "-1", "-0", "-inf", "-1e3", "1e3", "1.0", "2**40", "", " ", "+", "++2", "+ 2", "1 0",
    "\u200b2", "\xa02", "\x1c2", "a\nb", "it's", "\"q\"'", "x\\y", "-", "nan", "\U0001f600",
    # task h21h: each said once, a rewrite only where --seed takes it
    "\uff15\u3000", "5\u3000", "\u30005", "1,000", "1.000", "1,500", "1\u20132", "\u22125",
    "\uff10x10", "30%", "1e-400", "5\u3002", "1\xa0000", "\ufeff5", "\u20151", "\uffe55",
    "4.294967296e9", "4.2e3",
    # task h21k: one hint a word, however many kinds of look-alike; -0 is no negative
    "\u2212\uff11", "\u22120", "\u2212\uff10", "1\u3002\uff15", "\xa0\uff11", "1\u2013\uff11",
    "\uff15\u3001", "1e10", "1e20"]]
SPELLINGS = [
    [], ["--seed"], ["--seed=2"], ["--seed=+2"], ["--seed="], ["--seed=", "3"], ["--seed=-1"],
    ["--seed=--seed"], ["--seed", "--"], ["--seed", "-x"], ["--seed", "--quiet"],
    ["--seed", "check"], ["--seed", "2", "check"], ["--seed", "--seed"], ["--seed 2"],
    ["--Seed", "5"], ["--se", "2"], ["--seed|5"], ["-s", "2"], ["-s"], ["--seed", "5", "6"],
    ["--ascii"], ["--quiet"], ["--quiet", "--quiet"], ["--ascii", "--ascii"],
    ["--quiet", "--ascii"], ["--ascii", "--quiet"], ["--quiet", "--seed", "1", "--ascii"],
    ["--ascii=1"], ["--quiet="], ["--version=2"], ["--version", "--seed", "x"],
    ["--seed", "x", "--version"]]
HELP = [["-h"], ["--help"], ["-hh"], ["-h=h"], ["-hx"], ["-hhx"], ["-h=1"], ["-h="], ["--help=1"],
        ["--help="], ["-h --seed x"], ["--seed", "2", "-h"], ["--seed", "x", "-h"],
        ["-h", "--seed", "x"], ["--bogus", "-h"], ["check", "-h"], ["check", "--help"],
        ["check", "-h", "--bogus"], ["check", "-hx"], ["check", "--help=3"],
        ["--bogus", "check", "-h"], ["--", "-h"], ["check", "--", "-h"],
        # task h21n: a full-width --help or --version is refused, "write --help"
        ["\uff0d\uff0d\uff48\uff45\uff4c\uff50"], ["\uff0d\uff48"], ["\uff0d\uff0dversion"],
        ["check", "\uff0d\uff0d\uff48\uff45\uff4c\uff50"], ["--seed", "2", "\uff0d\uff48"],
        ["--help\u3000"], ["\uff0d\uff0d\uff48\uff45\uff4c\uff50", "--bogus"]]
UNKNOWN = [["--bogus"], ["-x"], ["-x", "-y"], ["-x", "2"], ["--x=2", "3"], ["---"], ["-"],
           ["--"], ["foo"], [""], [" "], ["\u3000"], ["a b"], ["-1"], ["\x1b[31m"],
           ["--bo\x1bgus"], ["--bogus", "\x07"], ["foo", "--seed", "x"], ["--seed", "2", "foo"],
           ["--", "check"], ["--", "--seed", "2"], ["--seed", "2", "--"], ["--seed", "2", "--", "check"],
           ["--seed", "5", "--bogus", "--seed", "6"], ["\uff43heck"], ["CHECK"], ["check "],
           ["train"], ["--seed", "2", "web"], ["predict", "m.json", "1,0,1"]]
AFTER_CHECK = [["check"], ["check", "check"], ["check", "--seed", "2"], ["check", "--seed=2"],
               ["check", "--bogus"], ["check", "--bogus=1"], ["check", "--bogus", "x"],
               ["check", "--"], ["check", "--", "x"], ["check", "-1"], ["check", "x", "-"],
               ["check", "check", "--seed", "2"], ["--bogus", "check"],
               ["--seed", "2", "--bogus", "check"], ["--bogus", "check", "--x"],
               ["--seed", "5", "check", "--seed", "6"], ["check", "--quiet"], ["check", ""],
               # task h21k: no "write 5" where the plain word is refused too
               ["check", "--seed", "\uff15"], ["check", "\uff15"], ["check", "\uff43heck"],
               ["\uff43heck", "--seed", "5"]]
BEFORE_CHECK = [["--seed", "2", "check"], ["--seed=2", "check"], ["--quiet", "check"],
                ["--ascii", "check"], ["--quiet", "--seed", "3", "--ascii", "check"],
                ["--seed", "x", "check"], ["--seed", "2", "--seed", "3", "check"]]
REPEATS = [["--seed", "5", "--seed", "6"], ["--seed", "2", "--seed", "2"],
           ["--seed", "2", "--seed=3"], ["--seed=2", "--seed=2"], ["--seed=1", "--seed", "1"],
           ["--seed", "1", "--quiet", "--seed=2"], ["--seed", "2", "--seed", "2", "--seed", "2"],
           ["--seed=1"] * 4, ["--seed", "5", "--seed", "x"], ["--seed", "5", "--seed"],
           ["--seed", "5", "--seed", "6", "--bogus"], ["--seed", "5", "--seed", "6", "foo"]]
CLASSES = {"numbers": NUMBERS, "spellings": SPELLINGS, "help": HELP, "unknown": UNKNOWN,
           "after check": AFTER_CHECK, "before check": BEFORE_CHECK, "repeats": REPEATS}
CASES = [words for words_of_class in CLASSES.values() for words in words_of_class]
MICROPYTHON_ONLY = ("train", "web", "predict")    # commands the small command line refuses


def full(words):
    """What the full command line makes of ``words``: ``(code, stdout, stderr)``,
    and for words it accepts, ``(command, seed given)`` as the stdout."""
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = cli.build_parser().parse_args(words)
    except SystemExit as done:
        return done.code, out.getvalue(), err.getvalue()
    seed = args.seed if any(w.startswith("--seed") for w in words) else None
    return None, [args.command, seed], ""


def small(words, read=miniargs.read):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        result = read(words)
    if isinstance(result, tuple):
        return None, list(result), ""
    return result, out.getvalue(), err.getvalue()


# Words argparse reads differently from one CPython to the next: 3.13 prints
# help for -hx and -hhx, and refuses -h=h; 3.11 and 3.12 the other way round;
# 3.8 to 3.10 differ again. The small command line reads them as 3.11 and 3.12.
ARGPARSE_CHANGED = [["-h=h"], ["-hx"], ["-hhx"], ["-h --seed x"], ["check", "-hx"]]


def compared(cases):
    """``cases`` without the words this CPython's argparse reads its own way:
    by version, and after ``--`` (later patch releases, e.g. Pyodide's 3.13,
    take the word after it for the command, where 3.11.7 took ``--``)."""
    if "invalid choice: '--'" not in full(["--", "check"])[2]:
        cases = [words for words in cases if "--" not in words]
    if sys.version_info[:2] in ((3, 11), (3, 12)):
        return cases
    return [words for words in cases if words not in ARGPARSE_CHANGED]


def _choices_unquoted(text):
    """argparse's "invalid choice" message with its choices unquoted: patch
    releases differ (3.11.7 quotes each choice, 3.13.0 does not), and the
    small command line writes them one way."""
    return re.sub(r"\(choose from ([^)]*)\)",
                  lambda m: "(choose from %s)" % m.group(1).replace("'", ""), text)


def agree(words, theirs, ours):
    """Whether the small command line's reading ``ours`` is the full one's
    ``theirs``: the same words accepted the same way, the same exit code and
    message; help printed on both (the top level's is the small one's own)."""
    if theirs[0] == 2 and ours[0] == 2:
        theirs = (theirs[0], theirs[1], _choices_unquoted(theirs[2]))
        ours = (ours[0], ours[1], _choices_unquoted(ours[2]))
    if words and words[-1] in MICROPYTHON_ONLY or words[:1] in (["train"], ["predict"]) or (
            "web" in words and theirs[0] is None):
        return ours[0] == 2 and "needs CPython or PyPy" in ours[2]
    if theirs[0] == 0 and ours[0] == 0 and theirs[1].startswith("usage: purebp [-h]"):
        return ours[1].startswith("usage: purebp [-h]") and ours[2] == ""
    return theirs == ours


# Seven processes of each command line, a second and a half: under the long marker
# (.ci/run), with the same comparison on the unix port.
@pytest.mark.long
@pytest.mark.skipif(sys.version_info < (3, 11), reason="argparse before 3.11 reads some words "
                    "its own way (3.8: -h= is a traceback); the small command line reads "
                    "them as 3.11 and 3.12 do")
@pytest.mark.parametrize("name", list(CLASSES))
def test_the_small_command_line_reads_words_as_the_full_one(name):
    differ = [(words, full(words), small(words)) for words in compared(CLASSES[name])
              if not agree(words, full(words), small(words))]
    assert differ == []


def test_a_full_width_word_is_named_once():
    """The refusal names the full-width word; nothing appends it again."""
    for words in (["--seed", "\uff15"], ["--seed=\uff15"], ["\uff43heck"], ["--seed", "5\u3000"]):
        said = small(words)[2]
        assert said.count("input method") == 1, said
        assert _choices_unquoted(said) == _choices_unquoted(full(words)[2])


FULL_WIDTH_HELP = "\uff0d\uff0d\uff48\uff45\uff4c\uff50"


@pytest.mark.parametrize("words, said", [
    ([FULL_WIDTH_HELP], "purebp: error: argument command: invalid choice: '%s' (choose from "
     "'train', 'draw', 'check', 'predict', 'explain', 'gradcheck', 'web'); '%s' has "
     "full-width characters, as a Chinese or Japanese input method types them: write --help "
     "(see 'purebp --help')\n" % (FULL_WIDTH_HELP, FULL_WIDTH_HELP)),
    (["train", FULL_WIDTH_HELP], "purebp train: error: unrecognized arguments: %s; '%s' has "
     "full-width characters, as a Chinese or Japanese input method types them: write --help "
     "(see 'purebp train --help')\n" % (FULL_WIDTH_HELP, FULL_WIDTH_HELP)),
    (["train", "--iterations", "5", "\uff0d\uff0dversion"], "purebp train: error: "
     "unrecognized arguments: \uff0d\uff0dversion; '\uff0d\uff0dversion' has full-width "
     "characters, as a Chinese or Japanese input method types them "
     "(see 'purebp train --help')\n")])     # train has no --version: no rewrite to propose
def test_a_full_width_help_is_refused_and_the_probe_shows_nothing(words, said, capsys):
    """Finding the rewrite parses it again with --help (or --version): that
    parse prints nothing and exits never (task h21n: it printed the help
    and exited 0 on CPython, while the small command line refused)."""
    with pytest.raises(SystemExit) as done:
        cli.main(words)
    out = capsys.readouterr()
    assert (done.value.code, out.out, _choices_unquoted(out.err)) == (2, "", _choices_unquoted(said))


def test_a_word_is_shown_as_cpythons_repr_shows_it():
    """MicroPython's repr escapes every character past ASCII; the messages
    show a word as CPython does (``'２'``, ``'\\u200b2'``), for every
    character Unicode has assigned (unassigned ones are shown as typed)."""
    import unicodedata
    category, unprintable = unicodedata.category, miniargs._unprintable
    differ = [hex(o) for o in range(0x20, 0x110000)
              if (chr(o).isprintable() or category(chr(o)) != "Cn")
              and unprintable(o) == chr(o).isprintable()]
    assert differ == []
    for text in ["it's", "\"q\"'", "x\\y", "a\nb\tc\rd", "", "\U0001f600\x00", "\x85\xa0",
                 "\u200b\u3000\uff12", "\U000e0001\U000f0000", "\ud800"]:
        assert miniargs.shown(text) == repr(text)


def test_blank_and_control_characters_are_the_full_command_lines():
    from purebp.streams import printable
    spaces = set(o for o in range(0x110000) if chr(o).isspace())
    for o in sorted(spaces | set(range(0x3100)) | set(range(0xd7f0, 0xe010))
                    | set(range(0xfff0, 0x10010))):
        ch = chr(o)
        if o == 0x180e and ch.strip() == "":
            continue      # a space before Unicode 6.3: PyPy 3.9's str.strip strips it
        assert miniargs._blank(ch) == (ch.strip() == ""), hex(o)
        assert miniargs.printable(ch) == printable(ch), hex(o)


def test_the_number_rule_is_shared():
    assert cli._count("+2") == typed.whole_number(" 2 ") == 2
    for text in ["-1", "1_0", "\uff12", "0x10", "2**40", ""]:
        with pytest.raises(ValueError):
            typed.whole_number(text)


@pytest.mark.parametrize("words", [["--seed", "4294967296"], ["--seed=99999999999999999999"],
                                   ["--seed", "x"], ["--seed", "2", "check"], ["check", "-x"],
                                   ["--quiet", "--ascii"], ["--version"]])
def test_the_small_command_line_ends_as_the_full_one(words, capsys):
    """Through ``main``: the same message and exit code, also for an error
    found when the run starts (a seed numpy does not take)."""
    code = minicli.main(words)
    small_out = capsys.readouterr()
    try:
        full_code = cli.main(words)
    except SystemExit as done:
        full_code = done.code
    full_out = capsys.readouterr()
    assert (code, small_out.out, small_out.err) == (full_code, full_out.out, full_out.err)


def test_help_says_what_runs_here_and_what_needs_cpython(capsys):
    assert minicli.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: purebp [-h] [--version] [--seed S] [--ascii] [--quiet] [check]")
    assert "need CPython or PyPy" in out
    assert minicli.main(["check", "-h"]) == 0
    assert capsys.readouterr().out == miniargs.CHECK_HELP + "\n"
    check = cli.build_parser().commands.choices["check"]
    assert check.description in " ".join(miniargs.CHECK_HELP.split())


def test_every_message_of_the_small_command_line_is_listed_in_errors_md():
    from test_bad_input import error_patterns
    lines = set(small(words)[2].strip() for words in CASES if small(words)[0] == 2)
    assert len(lines) > 40
    # (a word quoted as "it's" or '' stands for the entries' '<text>')
    missing = [line for line in lines if not any(
        entry.search(line) or entry.search(re.sub(r"'[^']*'|\"[^\"]*\"", "'X'", line))
        for entry in error_patterns())]
    assert missing == []
