"""How wide a text shows on a terminal: a Chinese character takes two columns.

The tables purebp prints (the rows and their predictions, the confusion
matrix, ``predict``'s) line their columns up by these widths, not by
``len``: a class named 山鸢尾 takes six columns, as wide as ``setosa``.

>>> width("setosa"), width("山鸢尾")
(6, 6)
>>> "[%s] [%s]" % (rjust("山鸢尾", 8), ljust("山鸢尾", 8))
'[  山鸢尾] [山鸢尾  ]'
"""

try:
    import unicodedata
except ImportError:      # MicroPython: the page and a board load this with budget's refusal
    unicodedata = None


def width(text):
    """The columns ``text`` takes: two a wide character (Chinese, Japanese,
    Korean, full-width forms), none a combining accent, one any other
    (every character one where Python has no ``unicodedata``: MicroPython)."""
    if unicodedata is None:
        return len(text)
    columns = 0
    for c in text:
        if unicodedata.combining(c):
            continue
        columns += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return columns


def ljust(text, columns):
    """``text.ljust(columns)``, by the columns it takes."""
    return text + " " * max(0, columns - width(text))


def rjust(text, columns):
    """``text.rjust(columns)``, by the columns it takes."""
    return " " * max(0, columns - width(text)) + text
