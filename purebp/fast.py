"""The fast path: the training loop compiled for one network's shapes.

The plain path (``network.step``) builds new lists for every matrix of
every iteration and checks each one: readable, and slow, since CPython then
spends its time on lists and calls, not on arithmetic. This module writes
the same arithmetic out as Python source for the network's fixed shapes --
every weight a local variable, every sum spelled out -- and compiles it
once with ``exec``. Two forms, chosen by size, each in its own module:

* **row-looped** (``purebp.fast_rows``), for any data: per layer, a
  forward and a backward function whose bodies spell out *one row's* sums
  and which loop over the rows they are given. Their size grows with the
  weights, not with the rows; the data come in as lists, and any subset of
  rows can be passed, which is all a mini-batch needs.
* **unrolled** (``purebp.fast_unrolled``), for the article's tiny
  problems: rows x weights written out with the data as constants, and
  the loop over the iterations compiled too. Nothing is faster for 4 rows,
  nothing larger for many: it is used up to ``UNROLL_TERMS`` products an
  iteration.

Both keep the plain path's operations in the plain path's order -- sums
left to right, ``(y - l) * (l * (1 - l))``, ``syn + lr * step`` -- so the
numbers are the same bit for bit; the tests compare both paths on every
recorded scenario and on larger random data.

Each convention's code is a small snippet kept in its table entry, beside
its functions (``Activation.compiled`` in ``purebp.activations``: the
forward step from ``z``, the slope from ``l``, or for softmax, a row's
lines; ``Loss.compiled`` in ``purebp.losses``: what starts backprop, from
``y`` and ``l`` and the batch's size), gathered here as ``ACTIVATIONS``
and ``LOSSES``. Hidden layers use the hidden activation, the top layer the
loss's output activation; a loss whose slope cancels gives ``l_delta``
directly, as on the plain path. Every convention of the tables has a
snippet (sigmoid, tanh, ReLU, softmax; ``half-sse``, ``sse``, ``mse``,
``cross-entropy``, ``softmax``); one added without a snippet makes
``compile_loop`` return None, and ``train`` runs the plain path.

Mini-batches use the row-looped form: ``CompiledLoop.step`` runs one step
on whatever rows it is given, and ``CompiledLoop.outputs`` a forward pass
(``purebp.training`` drives them, in the plain loop's order).

>>> from purebp.datasets import load_data
>>> from purebp.random_start import initial_weights
>>> X, y = load_data("xor")
>>> loop = compile_loop(X, y, [3, 4, 1], lr=1.0, loss="half-sse", form="rows")
>>> weights, history = loop.run(initial_weights([3, 4, 1], 1), 0, 10, every=0)
>>> from purebp.network import train
>>> weights == train(X, y, layers=[3, 4, 1], iterations=10, fast=False).weights
True

Where the code would be too large (``MAX_LAYER_WEIGHTS``; under PyPy,
whose JIT runs the plain path well and long generated functions badly,
``PYPY_LAYER_WEIGHTS``), or where ``exec`` is missing, ``compile_loop``
returns None; where memory runs out while building it (a microcontroller's
small heap), the unrolled form gives way to the row-looped one, and that to
a ``MemoryError``; either way ``train`` takes the plain path.

On a board, what the loop does not need while it runs is let go: the text
of its code (``CompiledLoop.source`` writes it again when asked), the
modules that wrote it (``fast_unrolled`` or ``fast_rows``, and
``fast_code``), and this module too (``purebp.training`` lets it go once
the loop is built): ``CompiledLoop`` lives in ``purebp.fast_loop``, which
holds only what runs.
"""

import gc
import math
import sys

from . import _let_go, _loaded, activations as _activations
from .activations import ACTIVATIONS as _ACTIVATIONS, sigmoid
from .errors import plural
from .losses import LOSSES as _LOSSES

UNROLL_TERMS = 60000         # rows x weights x 3 up to which the unrolled form is used
MAX_LAYER_WEIGHTS = 100000   # weights of one layer above which no code is generated
# PyPy's JIT compiles the plain path's small loops well by itself, and gives up
# on a function longer than its trace limit, which then runs slower than the
# plain path (the digits-sized problem: 20 times). Under PyPy, smaller limits.
PYPY = sys.implementation.name == "pypy"
PYPY_UNROLL_TERMS = 2000
PYPY_LAYER_WEIGHTS = 256
SUM_TERMS = 64               # terms a generated sum adds in one statement
# Above EXP_SAFE, exp(-z) cannot overflow and the loop calls math.exp directly.
# Boards computing in single precision (32-bit floats) overflow beyond 88.7.
EXP_SAFE = -709.0 if 1.0 + 2.0 ** -52 != 1.0 else -88.0

# A heap that counts its free memory (MicroPython's gc.mem_free): a board's,
# where the code is checked to fit before it is written (``fast_code``), and
# the modules that wrote it are let go once it is compiled.
COUNTED_HEAP = hasattr(gc, "mem_free")

# The conventions that have code, as their tables spell it: "{z}", "{l}", "{y}"
# stand for one unit's names, "{size}" and "{rows}" for the batch's entries and rows.
ACTIVATIONS = {name: entry.compiled for name, entry in _ACTIVATIONS.items() if entry.compiled}
LOSSES = {name: entry.compiled for name, entry in _LOSSES.items() if entry.compiled}


def compile_loop(X, y, layers, lr, loss, activation="sigmoid", form=None):
    """The training loop for this data, shapes, rate and conventions, or None.

    ``activation`` is the hidden layers'; the top layer's is the loss's
    output activation. ``form``: "unrolled", "rows", or None to choose by size
    (mini-batches ask for "rows": the unrolled form holds the data).
    ``MemoryError`` where no form fits in the memory left.
    """
    if loss not in LOSSES or _LOSSES[loss].output not in ACTIVATIONS:
        return None
    if ACTIVATIONS[_LOSSES[loss].output][1] is None and not _LOSSES[loss].cancels:
        return None         # an output without a slope needs a loss that cancels it
    if len(layers) > 2 and activation not in ACTIVATIONS:
        return None
    # each layer's activation, bottom up
    activations = [activation] * (len(layers) - 2) + [_LOSSES[loss].output]
    largest = PYPY_LAYER_WEIGHTS if PYPY else MAX_LAYER_WEIGHTS
    if max(layers[k] * layers[k + 1] for k in range(len(layers) - 1)) > largest:
        return None
    try:
        rate = float(lr)
    except OverflowError:
        return None
    if form is None:
        terms = len(X) * sum(layers[k] * layers[k + 1] for k in range(len(layers) - 1)) * 3
        form = "unrolled" if terms <= (PYPY_UNROLL_TERMS if PYPY else UNROLL_TERMS) else "rows"
    made_from = (X, y, layers, rate, loss, activations)
    if form == "unrolled":
        try:
            # written by its module, compiled once the module is let go (on a board)
            code = _call_form("unrolled", "unrolled_code", made_from)
            loop = unrolled_loop(code, made_from) if code is not None else None
            if loop is not None:
                return loop
        except MemoryError:
            pass     # a board's small heap: the row-looped code needs far less room
    # and where even that does not fit, MemoryError: the plain path runs
    return _call_form("rows", "compile_rows", made_from)


def why_no_loop(layers, loss, activation):
    """Why ``compile_loop`` made no loop for these conventions and layers
    (``purebp.training`` words it for ``Training.plain_reason``)."""
    largest = max(layers[k] * layers[k + 1] for k in range(len(layers) - 1))
    if loss not in LOSSES or _LOSSES[loss].output not in ACTIVATIONS:
        return "the compiled loop has no code for the loss %s" % loss
    if len(layers) > 2 and activation not in ACTIVATIONS:
        return "the compiled loop has no code for the activation %s" % activation
    if largest > (PYPY_LAYER_WEIGHTS if PYPY else MAX_LAYER_WEIGHTS):
        return "a layer of %s is more than the compiled loop takes" % plural(largest, "weight")
    return "the compiled loop could not be built on this Python"


def _call_form(form, name, made_from):
    """The function ``name`` of the form's module (``fast_unrolled`` or
    ``fast_rows``), called with ``made_from``. The module is imported only
    for the form asked for; on a board (a counted heap) it is let go after
    the call, with ``fast_code``: a compiled loop runs without them, and the
    heap needs the room."""
    loaded = _loaded()
    # Each import written out, not __import__("purebp.fast_" + form): the
    # page's one-file bundle (webserver.page_modules) finds a module by its
    # import line.
    if form == "unrolled":
        from . import fast_unrolled as module
    else:
        from . import fast_rows as module
    try:
        return getattr(module, name)(*made_from)
    finally:
        # with the helpers it wrote with; even as .py files: they are large,
        # and a training builds its loop once
        _let_go(("fast_" + form, "fast_code"), loaded, keep_source=False)


def unrolled_loop(code, made_from):
    """The unrolled form's ``CompiledLoop`` from its code (``fast_unrolled.unrolled_code``)
    and what that was written from, or None where it does not compile."""
    run_count = compile_code(code, "loop", made_from[3])
    if run_count is None:
        return None
    # loaded once the code is compiled: on a board, the compiler needs the room
    from .fast_loop import CompiledLoop
    return CompiledLoop("unrolled", list(made_from[2]), run_count, made_from)


def compile_code(code, name, lr=1):
    """The function called ``name`` that the text ``code`` defines (``write_code``),
    or None where it does not compile; ``lr`` is the name ``lr`` in it."""
    namespace = {"exp": math.exp, "sigmoid": sigmoid, "EXP_SAFE": EXP_SAFE, "lr": lr,
                 "tanh": _activations._tanh}    # what activations.tanh calls
    if COUNTED_HEAP:
        # The compiler's many small pieces then fill the gaps low in the heap
        # (the modules let go just now left some), not the free stretch its
        # bytecode needs in one piece.
        gc.collect()
    try:
        try:
            exec(code, namespace)
        except TypeError:                   # CPython's exec takes no bytearray
            exec(bytes(code), namespace)
    except (SyntaxError, NameError, RuntimeError):
        return None      # no exec, or a compiler's limit (RecursionError is a RuntimeError)
    return namespace[name]


# The code-writing helpers that stood here, now in ``purebp.fast_code``,
# by their old names (PEP 562); ``CompiledLoop`` too, from ``purebp.fast_loop``.
_MOVED = ("compile_function", "write_code", "cancels", "is_row", "start_code", "pairwise_code",
          "unpack_target")


def __getattr__(name):
    if name in _MOVED:
        from . import fast_code
        return getattr(fast_code, name)
    if name == "CompiledLoop":     # its module is loaded only once a loop is compiled
        from .fast_loop import CompiledLoop
        return CompiledLoop
    raise AttributeError("module 'purebp.fast' has no attribute %r" % (name,))
