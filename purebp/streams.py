"""The command line's standard streams, made safe to write to.

=========================  =====================================================
``printable``              text with control characters escaped visibly
``Output``                 stdout for the commands: escapes what it is given, and
                           turns a failed write into one ``OutputError``
``open_standard_streams``  a closed stdin, stdout or stderr reopened on /dev/null,
                           so no file purebp opens can take its number
=========================  =====================================================

Names and paths come from users: a CSV header, a model's input names, a
file name. Written raw, a control character in one (ESC, a C1 code, U+2028,
a right-to-left override) could move the cursor, recolour or rewrite the
terminal, or hide what is printed. ``printable`` shows each as its code,
``\\u001b``; that form is also valid inside a JSON string, so ``--json``
output stays valid JSON.

>>> printable("x\\x1b[2Jy")
'x\\\\u001b[2Jy'
>>> printable("two\\nlines"), printable("two\\nlines", keep="\\n")
('two\\\\u000alines', 'two\\nlines')
"""

import os
import re

from .errors import PurebpError

# C0 and C1 control codes, DEL, the line and paragraph separators, the
# bidirectional overrides and isolates, lone surrogates, and the two
# non-characters XML refuses. Compiled when first needed.
_CONTROL = ("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
            "\ud800-\udfff\ufffe\uffff]")
_control = None


def printable(text, keep=""):
    """``text`` with every control character, except those in ``keep``, as ``\\uXXXX``."""
    global _control
    if _control is None:
        try:
            _control = re.compile(_CONTROL)
        except ValueError:      # MicroPython's re: "regex too complex" (the SVGs in the page)
            _control = False
    if _control is False:
        return "".join("\\u%04x" % ord(ch) if is_control(ch) and ch not in keep else ch
                       for ch in text)
    if not _control.search(text):
        return text
    return _control.sub(lambda m: m.group() if m.group() in keep else "\\u%04x" % ord(m.group()),
                        text)


def is_control(ch):
    """Whether the character ``ch`` is one ``printable`` escapes (``_CONTROL``,
    for a Python whose ``re`` cannot hold that class)."""
    o = ord(ch)
    return (o < 0x20 or 0x7f <= o <= 0x9f or o in (0x61c, 0x200e, 0x200f, 0xfffe, 0xffff)
            or 0x2028 <= o <= 0x202e or 0x2066 <= o <= 0x2069 or 0xd800 <= o <= 0xdfff)


class OutputError(PurebpError):
    """stdout could not be written (a full disk, /dev/full, a lost terminal)."""

    exit_code = 1


class Output:
    """A text stream for results: control characters escaped (lines and tabs
    kept), write errors raised as ``OutputError``; everything else as the
    stream it wraps. A reader that went away (``BrokenPipeError``) is passed
    through: ``purebp ... | head`` is not an error."""

    def __init__(self, stream):
        self.stream = stream
        self.failed = False

    def write(self, text):
        try:
            return self.stream.write(printable(text, keep="\n\t"))
        except BrokenPipeError:
            raise
        except OSError as error:
            raise self._failure(error)

    def flush(self):
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise self._failure(error)

    def _failure(self, error):
        self.failed = True
        return OutputError("cannot write the output: %s" % (error.strerror or error))

    def __getattr__(self, name):
        return getattr(self.stream, name)


class Quiet:
    """stderr that never raises: a message nobody can read is no reason to fail."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text):
        try:
            return self.stream.write(text)
        except (OSError, ValueError):
            return len(text)

    def flush(self):
        try:
            self.stream.flush()
        except (OSError, ValueError):
            pass

    def __getattr__(self, name):
        return getattr(self.stream, name)


COMMANDS = ("train", "explain", "gradcheck", "predict", "check", "draw", "web")


def program(argv):
    """'purebp COMMAND' for messages, from the raw arguments (before parsing)."""
    for word in argv[1:]:
        if word in COMMANDS:
            return "purebp " + word
    return "purebp"


def open_standard_streams():
    """Reopen a closed descriptor 0, 1 or 2 on /dev/null; return the closed ones.

    A program started with ``>&-`` has no descriptor 1: the next file it
    opens would get that number, and anything written to "stdout" would land
    in it. Filling the gap first keeps every file purebp opens apart.
    """
    closed = []
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            closed.append(descriptor)
    for descriptor in closed:
        opened = os.open(os.devnull, os.O_RDWR)
        if opened != descriptor:        # a lower one was free: put it where it belongs
            os.dup2(opened, descriptor)
            os.close(opened)
    return closed


def discard_stdout():
    """Point descriptor 1 at /dev/null, so the text still buffered for a
    failed stdout goes nowhere at exit instead of failing a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass
