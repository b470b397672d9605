"""The random start: numpy's random numbers, reproduced without numpy.

The article draws its first weights with

    syn = 2 * np.random.random((3, 1)) - 1

and ``np.random.seed(s)`` fixes what that draws. purebp rebuilds the same
numbers bit for bit, in pure Python:

* ``MT19937``: the Mersenne Twister generator that numpy's legacy
  ``np.random`` (``RandomState``) runs, seeded as ``np.random.seed(s)`` seeds it;
* ``MT19937.random()``: a float in [0, 1) from two 32-bit draws, the
  construction numpy's ``random()`` and CPython's ``random.random()`` share;
* ``random_matrix``: ``np.random.random((rows, cols))``, filled row by row;
* ``initial_weights``: ``2 * random - 1`` for each layer in turn, as numpy
  draws them when the matrices are drawn in order (``random_weights``
  draws them from a generator that goes on drawing);
* ``MT19937.random_interval(max)`` and ``permutation(n, generator)``:
  ``np.random.permutation(n)``, the shuffle of the rows of mini-batches.

>>> syn, = initial_weights([3, 1], seed=1)
>>> syn
[[-0.165955990594852], [0.4406489868843162], [-0.9997712503653102]]

CPython's own ``random.seed(1)`` would not do: it seeds the same generator
by another route (``init_by_array``), and MicroPython has no Mersenne Twister.
"""

import gc
from array import array

from .errors import PurebpError, show, type_name

# purebp.checks is imported where it is used: the article's programs draw
# their weights without it, and a board's heap need not hold it for them.

_MASK32 = 0xFFFFFFFF
_COUNTED_HEAP = hasattr(gc, "mem_free")     # a board's heap: MicroPython's


class MT19937:
    """The 32-bit Mersenne Twister of Matsumoto and Nishimura (1998).

    Where the constants come from (all from the authors' reference code,
    ``mt19937ar.c``, which numpy's ``mt19937.c`` follows):

    * ``N = 624`` words of state, ``M = 397`` the middle offset of the
      recurrence: 624 * 32 - 31 = 19937 bits of state, so the period is the
      Mersenne prime 2**19937 - 1 that gives the generator its name.
    * ``0x9908B0DF``: the last row of the twist matrix A (``MATRIX_A``).
    * ``0x80000000`` / ``0x7FFFFFFF``: the upper bit of one word and the
      lower 31 bits of the next, joined before the twist.
    * ``1812433253``: Knuth's multiplier in ``init_genrand``, which spreads
      a 32-bit seed over the 624 words; numpy's ``np.random.seed(s)`` for an
      integer s is exactly ``init_genrand(s)``.
    * Tempering shifts 11, 7, 15, 18 and masks ``0x9D2C5680``,
      ``0xEFC60000``: they make every 32-bit output equidistributed.
    * ``random()``: 27 bits of one draw (``>> 5``) and 26 of the next
      (``>> 6``) make a 53-bit integer, divided by 2**53:
      ``(a * 67108864 + b) / 9007199254740992``, with 67108864 = 2**26.

    >>> mt = MT19937(5489)      # the reference code's default seed
    >>> mt.next_uint32()        # the first output mt19937ar.c lists
    3499211612
    """

    N = 624
    M = 397
    MATRIX_A = 0x9908B0DF
    UPPER_MASK = 0x80000000
    LOWER_MASK = 0x7FFFFFFF

    def __init__(self, seed):
        """Seed like ``np.random.seed(seed)``: ``init_genrand`` of a 32-bit int."""
        if not isinstance(seed, (int, float, str)) and hasattr(seed, "tolist"):
            try:                    # np.int64: checks.plain, not imported (a board let it go)
                seed = seed.tolist()
            except Exception:
                pass
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise PurebpError("seed: %s is not an integer" % show(seed))
        if not 0 <= seed <= _MASK32:
            raise PurebpError("seed: %s is out of range: numpy takes 0 to 2**32 - 1 (4294967295)"
                              % show(seed))
        # The 624 words in an array of unsigned 32-bit ints, not a list: on a
        # 32-bit MicroPython board a word above 2**30 is not a small int, and
        # a list of 624 of them takes 17 KB of heap; the array takes 2.5 KB.
        # On a board, in pieces (``_Pieces``): its heap may have no free
        # stretch that long.
        mt = _Pieces(self.N) if _COUNTED_HEAP else _words(self.N)
        mt[0] = previous = seed
        for i in range(1, self.N):
            previous = (1812433253 * (previous ^ (previous >> 30)) + i) & _MASK32
            mt[i] = previous
        self.mt = mt
        self.index = self.N  # all used up: the first draw twists first

    def _twist(self):
        """Regenerate all 624 words of state from the previous ones.

        Word i becomes word i + M, xor the top bit of word i joined to the
        low 31 bits of word i + 1, twisted; indexes wrap around, so the last
        words are built from words already renewed. ``mt[i + 1 - N]`` and
        ``mt[i + M - N]`` are ``mt[(i + 1) % N]`` and ``mt[(i + M) % N]`` (a
        negative index counts from the end), without the divisions.
        """
        mt, N, M = self.mt, self.N, self.M
        upper, lower = self.UPPER_MASK, self.LOWER_MASK
        twist = (0, self.MATRIX_A)      # mt19937ar.c's mag01: for odd y, xor MATRIX_A
        word = mt[0]
        for i in range(N):
            following = mt[i + 1 - N]
            y = (word & upper) | (following & lower)
            mt[i] = mt[i + M - N] ^ (y >> 1) ^ twist[y & 1]
            word = following
        self.index = 0

    def next_uint32(self):
        """The next 32-bit output (``genrand_int32``)."""
        index = self.index
        if index >= self.N:
            self._twist()
            index = 0
        y = self.mt[index]
        self.index = index + 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C5680
        y ^= (y << 15) & 0xEFC60000
        y ^= y >> 18
        return y

    def random(self):
        """A float in [0, 1) with 53 random bits, as ``np.random.random()``.

        >>> MT19937(1).random()
        0.417022004702574
        """
        a = self.next_uint32() >> 5
        b = self.next_uint32() >> 6
        return (a * 67108864.0 + b) / 9007199254740992.0

    def random_interval(self, max):
        """A whole number in 0 .. max, each as likely, as numpy's ``random_interval``.

        Draws ``next_uint32() & mask`` (mask: ``max`` with every lower bit
        set) until the number is at most ``max``: no modulo, so no bias.

        >>> MT19937(1).random_interval(9)
        5
        """
        if type(max) is not int or not 0 <= max <= _MASK32:      # one cheap test a draw
            max = _interval_end(max)
        if max == 0:
            return 0
        mask = max
        for shift in (1, 2, 4, 8, 16):
            mask |= mask >> shift
        value = self.next_uint32() & mask
        while value > max:
            value = self.next_uint32() & mask
        return value


def _words(n):
    """An array of ``n`` unsigned 32-bit words (made from a range, which
    gives its length without a list; the generator overwrites every word)."""
    return array("I", range(n))


class _Pieces:
    """``n`` words indexed as one array (a negative index counts from the
    end), held as arrays of ``PIECE`` words: a board's heap, cut up by the
    modules and numbers it already holds, may have no free stretch of
    2.5 KB, but has several of half a KB.

    >>> words = _Pieces(300)
    >>> words[299] = 2**32 - 1
    >>> words[-1], words[0], len(words), len(words.pieces)
    (4294967295, 0, 300, 3)
    """

    PIECE = 128

    def __init__(self, n):
        self.n = n
        self.pieces = [_words(min(self.PIECE, n - start)) for start in range(0, n, self.PIECE)]

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        i = self._index(i)
        return self.pieces[i // self.PIECE][i % self.PIECE]

    def __setitem__(self, i, word):
        i = self._index(i)
        self.pieces[i // self.PIECE][i % self.PIECE] = word

    def _index(self, i):
        """``i`` as an index from 0, as an array takes it (a negative one from the end)."""
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError("index out of range")
        return i


def random_matrix(rows, cols, generator):
    """``np.random.random((rows, cols))``: floats in [0, 1), row by row.

    >>> random_matrix(1, 2, MT19937(0))
    [[0.5488135039273248, 0.7151893663724195]]
    """
    return [[generator.random() for _ in range(cols)] for _ in range(rows)]


def permutation(n, generator):
    """``np.random.permutation(n)``: 0 .. n-1 in an order drawn from ``generator``.

    numpy's legacy shuffle (Fisher and Yates, from the end): for i from n-1
    down to 1, swap entry i with entry ``random_interval(i)``.

    >>> permutation(10, MT19937(1))
    [2, 9, 6, 4, 0, 3, 1, 7, 8, 5]
    """
    from .checks import whole_number
    n = whole_number(n, "n")
    if not hasattr(generator, "random_interval"):
        raise PurebpError("generator: expected an MT19937, got %s" % type_name(generator))
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        j = generator.random_interval(i)
        order[i], order[j] = order[j], order[i]
    return order


def initial_weights(layers, seed):
    """Starting weights for a network of ``layers`` sizes, from ``seed``.

    One matrix for each pair of neighbouring layers, ``layers[k]`` rows by
    ``layers[k + 1]`` columns, each entry ``2 * random - 1`` in [-1, 1):
    the same as ``np.random.seed(seed)`` then, for each k in order,
    ``2 * np.random.random((layers[k], layers[k + 1])) - 1``.

    >>> [len(syn) for syn in initial_weights([3, 4, 1], seed=1)]
    [3, 4]
    """
    from .checks import layer_sizes, plain
    layers, seed = layer_sizes(layers), plain(seed)
    return random_weights(layers, MT19937(seed))


def random_weights(layers, generator):
    """``initial_weights`` drawn from ``generator``, which draws on after them
    (mini-batches take their shuffles from it, as numpy's program does)."""
    return [[[2 * r - 1 for r in row]
             for row in random_matrix(layers[k], layers[k + 1], generator)]
            for k in range(len(layers) - 1)]


def _interval_end(max):
    """``max`` for ``random_interval``: a whole number from 0 to 2**32 - 1
    (numpy's draws are 32 bits: a larger one could never be reached)."""
    from .checks import plain
    max = plain(max)
    if isinstance(max, bool) or not isinstance(max, int) or not 0 <= max <= _MASK32:
        raise PurebpError("max: %s is not a whole number from 0 to 2**32 - 1" % show(max))
    return max
