"""How both command lines read a number typed as a flag's value.

The full command line (purebp.cli) and the small one (purebp.minicli, on
MicroPython) share this rule, so ``--seed +2``, ``--seed ' 2'`` and
``--seed 1_0`` mean the same, or are refused the same, on both. It is its own
small module because a board imports it: purebp.cli needs argparse.

>>> [whole_number(text) for text in ["2", "+2", " 2 ", "007"]]
[2, 2, 2, 7]
"""


def written(text):
    """``text``, if it is written the way a number is in a file: in ASCII,
    without ``_`` (``int`` and ``float`` would also read ``1_0`` as 10 and a
    full-width ``５`` as 5: typos that must not become another number).

    >>> written("1_0")
    Traceback (most recent call last):
    ValueError: 1_0
    """
    for ch in text:         # (MicroPython's str has no isascii)
        if ch == "_" or ord(ch) > 127:
            raise ValueError(text)
    return text


def whole_number(text):
    """A count typed as a flag's value (``--seed``, ``--every``): 0 or more,
    in decimal digits, with a ``+`` and spaces around allowed, as ``int``
    reads them; anything else raises ValueError (``-1``, ``0x10``, ``2**40``,
    ``1.0``, ``1_0``, ``２``)."""
    value = int(written(text))
    if value < 0:
        raise ValueError(text)
    return value
