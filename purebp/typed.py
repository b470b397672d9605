"""How both command lines read a number typed as a flag's value.

The full command line (purebp.cli) and the small one (purebp.minicli, on
MicroPython) share this rule, so ``--seed +2``, ``--seed ' 2'`` and
``--seed 1_0`` mean the same, or are refused the same, on both. It is its own
small module because a board imports it: purebp.cli needs argparse.

>>> [whole_number(text) for text in ["2", "+2", " 2 ", "007"]]
[2, 2, 2, 7]
"""


def full_width(words, quote=repr):
    """For the first of ``words`` with full-width characters (``１０``, ``，``,
    ``＝``, the ideographic space), as a Chinese or Japanese input method
    types them: what to write instead, for a message; "" if none has any.
    ``quote``: how a word is shown (MicroPython's small command line passes
    its copy of CPython's ``repr``).

    >>> full_width(["--lr", "０．５"])
    "'０．５' has full-width characters, as a Chinese or Japanese input method types them: write 0.5"
    """
    for word in words:
        plain = "".join(" " if c == "\u3000" else chr(ord(c) - 0xFEE0)
                        if 0xFF01 <= ord(c) <= 0xFF5E else c for c in word)
        if plain != word:
            return ("%s has full-width characters, as a Chinese or Japanese input method "
                    "types them: write %s" % (quote(word), plain))
    return ""


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
