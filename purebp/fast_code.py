"""The fast path's code writing: what both forms' generators share.

``purebp.fast_unrolled`` and ``purebp.fast_rows`` write their code as
lines with these helpers -- the conventions' snippets (``start_code``,
``cancels``, ``is_row``), numpy's pairwise sums spelled out
(``pairwise_code``), unpacking targets -- and turn the lines into one text
(``write_code``) that ``fast.compile_code`` compiles. It is a module of its
own because a board's heap needs it only while the code is written: once a
loop is compiled, ``purebp.fast`` lets it go (``fast._call_form``).

>>> function = compile_function(lambda: ["def twice(x):", "    return 2 * x"], "twice")
>>> function(21)
42
"""

import gc

from .activations import ACTIVATIONS as _ACTIVATIONS
from .fast import COUNTED_HEAP, LOSSES, compile_code
from .losses import LOSSES as _LOSSES

# Where the heap is counted, writing N bytes of code in one block and
# compiling it needs at least COMPILE_ROOM x N + COMPILE_BASE bytes free: the
# block, the compiler's parse tree and bytecode, and the gaps between what a
# board's heap already holds (measured on MicroPython 1.27's 32-bit unix
# port, training with the modules of a board: the unrolled code of 1.0, 4.8
# and 8.9 KB compiled with 7.8, 18.3 and 32.8 KB free; not with 17.3 and
# 30.8). Less is refused before anything is built; more may still fail
# where the free memory lies in gaps too short for the block or the
# bytecode: then the MemoryError comes from that allocation, and what was
# built is garbage (only the names the compiler interned stay).
COMPILE_ROOM = 3
COMPILE_BASE = 3072


def compile_function(lines, name, lr=1):
    """The function called ``name`` that ``lines()`` spells out, or None.

    ``lines`` makes the code's lines afresh each time it is called. The
    learning rate comes in as the name ``lr``, not as text: single-precision
    boards print a float with too few digits to give it back.
    """
    return compile_code(write_code(lines), name, lr)


def write_code(lines):
    """The code ``lines()`` spells out, as one text (or one block) to compile.

    Where the heap is counted (a board), the code is written in one block
    (``_one_block``), and ``MemoryError`` is raised before anything is
    built where the heap has too little room for the code and its
    compilation (``COMPILE_ROOM``), not halfway through compiling it.
    """
    if COUNTED_HEAP:
        return _one_block(lines)
    try:
        return "\n".join(lines())
    except MemoryError:
        return _one_block(lines)


def _one_block(lines):
    """The code in one ``bytearray``, sized before the lines are made.

    On a board's small heap, joining a hundred lines can fail although
    plenty of memory is free: the lines, made one by one among short-lived
    strings, lie scattered over the heap, and no free stretch is as long as
    the code. Counting the lines first, taking the block, then making them
    again and copying each in needs no such stretch after the block, and
    no list of lines at all. Where the heap is counted, the count is
    checked against the free memory first (``COMPILE_ROOM``, ``COMPILE_BASE``).
    MicroPython's ``exec`` reads any buffer; CPython's takes the bytes.
    """
    size = 0
    for line in lines():
        size += len(line) + 1
    if COUNTED_HEAP:
        gc.collect()
        need = COMPILE_ROOM * size + COMPILE_BASE
        if gc.mem_free() < need:
            raise MemoryError("%d bytes of code need %d bytes free" % (size, need))
    block = bytearray(size)
    at = 0
    for line in lines():
        block[at:at + len(line)] = line.encode()
        at += len(line) + 1
        block[at - 1] = 10                  # "\n"
    return block


def cancels(loss):
    """Whether the loss's snippet gives ``l_delta`` itself (the output's slope cancels)."""
    return _LOSSES[loss].cancels


def is_row(activation):
    """Whether the activation works on a whole row (softmax), not unit by unit."""
    return _ACTIVATIONS[activation].row


def start_code(loss, y, l, size, rows):
    """The loss's snippet for one entry: ``y``, ``l`` its names (or constants),
    ``size`` and ``rows`` the batch's entries and rows."""
    return LOSSES[loss].format(y=y, l=l, size=size, rows=rows)


def pairwise_code(names):
    """``pairwise_sum`` of the named numbers, spelled out in numpy's order.

    >>> pairwise_code(["a", "b", "c"])
    '0.0 + (0.0 + a + b + c)'
    >>> pairwise_code(["e%d" % i for i in range(9)])
    '0.0 + ((((e0 + e1) + (e2 + e3)) + ((e4 + e5) + (e6 + e7))) + e8)'
    """
    return "0.0 + (%s)" % _pairwise_code(names)


def _pairwise_code(names):
    """``matrix._pairwise``, step for step, as an expression."""
    n = len(names)
    if n < 8:
        return " + ".join(["0.0"] + list(names))
    if n <= 128:
        r = list(names[:8])
        i = 8
        while i < n - n % 8:
            for j in range(8):
                r[j] = "%s + %s" % (r[j], names[i + j])
            i += 8
        r = ["(%s)" % t if " " in t else t for t in r]
        s = "((%s + %s) + (%s + %s)) + ((%s + %s) + (%s + %s))" % tuple(r)
        for name in names[i:]:
            s = "(%s) + %s" % (s, name)
        return s
    half = n // 2
    half -= half % 8
    return "(%s) + (%s)" % (_pairwise_code(names[:half]), _pairwise_code(names[half:]))


def unpack_target(names):
    """A comma-separated target that unpacks a sequence, even of one item."""
    return ", ".join(names) + ("," if len(names) == 1 else "")
