"""Files and output streams: issue 10, items 9-12, 14-17 (display side).

Every output is checked before any work and written all or nothing; only
regular files are read or replaced; modes are the usual ones; reads are
bounded; stdout, stderr and Ctrl-C fail with one line; control characters
never reach a terminal or an SVG raw. Cases run as a user runs them, in a
subprocess, except where a failure must be injected (os.replace, fsync).

Tests that need root-only effects (device nodes made with os.mknod, owners)
make their own in a temporary folder and skip with the reason where they
cannot. These tests run as root here (and in CI): the non-root answers to
permission checks (a read-only folder, a read-only file) are tested by
lowering the effective uid where possible, else skipped with the reason.
"""

import errno
import io
import json
import os
import re
import select
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET

import pytest

import inprocess

from purebp import PurebpError
from purebp import files
from purebp.errors import SaveError
from purebp.files import MAX_BYTES, Outputs, read_text, write_atomically
from purebp.streams import Output, printable
from purebp.svg import MARK, loss_svg, network_svg

from test_bad_input import error_patterns

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CSV = "x1,x2,bias,y\n0,0,1,0\n0,1,1,1\n1,0,1,1\n1,1,1,0\n"
# Raw control characters on a terminal: C0 (but newline and tab), DEL, C1, U+2028/9, bidi overrides.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def purebp(*args, cwd=None, timeout=120, python=sys.executable, **popen):
    """``python -m purebp ARGS``: in this process (tests/inprocess.py) unless the test
    needs a program of its own (another Python, its own streams, umask or user)."""
    if not popen and python == sys.executable:
        return inprocess.purebp(args, cwd=cwd or ROOT)
    env = dict(os.environ, PYTHONPATH=ROOT, PYTHONIOENCODING="utf-8")
    env.pop("PUREBP_DEBUG", None)
    return subprocess.run([python, "-S", "-m", "purebp"] + list(args), cwd=cwd or ROOT,
                          env=env, stdout=popen.pop("stdout", subprocess.PIPE),
                          stderr=popen.pop("stderr", subprocess.PIPE),
                          universal_newlines=True, timeout=timeout, **popen)


def one_error(done, code, words):
    """The run failed with exactly one documented line naming ``words``."""
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert done.returncode == code, done.stderr
    assert words in lines[0], lines[0]
    assert [p for p in error_patterns() if p.search(lines[0])], \
        "docs/errors.md does not list: " + lines[0]
    return lines[0]


def snapshot(folder):
    """Names, contents, inodes and modes of everything in ``folder``: any change shows."""
    state = {}
    for name in sorted(os.listdir(str(folder))):
        path = os.path.join(str(folder), name)
        info = os.lstat(path)
        data = open(path, "rb").read() if stat.S_ISREG(info.st_mode) else None
        state[name] = (info.st_ino, info.st_mode, info.st_mtime_ns, data)
    return state


def old(text, kind=None):
    """An old file's contents: what purebp would write there, so that it
    replaces them: an SVG picture for a .svg path (``text``) or ``kind``
    "svg", else a model."""
    if kind == "svg" or text.endswith(".svg"):
        return '<?xml version="1.0" encoding="UTF-8"?>\n%s\n<svg> %s' % (MARK, text)
    return '{"format": "purebp-model", "old": true} ' + text


@pytest.fixture
def work(tmp_path):
    from purebp import Model, load_data, save, train
    (tmp_path / "data.csv").write_text(CSV, encoding="utf-8")
    (tmp_path / "old.json").write_text(old("model\n"), encoding="utf-8")
    X, y = load_data("xor")
    save(Model.from_training(train(X, y, layers=[3, 2, 1], iterations=5), data="xor"),
         str(tmp_path / "m.json"))
    (tmp_path / "folder").mkdir()
    return tmp_path


# --- 9: every output checked before any work; all or nothing --------------------------------

OUTPUT_CASES = [
    # (arguments, words of the one line); {t} is the work folder
    (["train", "--every", "0", "--save", "{t}/old.json", "--plot", "{t}/x.svg"],
     "--plot needs reports"),
    (["train", "--save", "{t}/old.json", "--plot", "{t}/missing/x.svg"],
     "--plot {t}/missing/x.svg: the folder {t}/missing does not exist"),
    (["train", "--save", "{t}/old.json", "--plot", "{t}/old.json"],
     "--save {t}/old.json and --plot {t}/old.json name the same file"),
    (["train", "--save", "{t}/new.json", "--plot", "{t}/./new.json"], "name the same file"),
    (["train", "--save", "{t}/new.json", "--plot", "{t}/folder/../new.json"], "name the same file"),
    (["train", "--save", "{t}/old.json", "--plot", "{t}/link.json"], "name the same file"),
    (["train", "--save", "{t}/old.json", "--plot", "{t}/hard.json"], "name the same file"),
    (["train", "--save", "{t}/new.json", "--plot", "{t}/linked-folder/new.json"],
     "name the same file"),
    (["train", "--data", "{t}/data.csv", "--plot", "{t}/data.csv"],
     "--plot {t}/data.csv is --data {t}/data.csv: purebp does not overwrite its own input"),
    (["train", "--data", "{t}/data.csv", "--save", "{t}/./data.csv"], "its own input"),
    (["train", "--data", "{t}/data.csv", "--save", "{t}/data-link.csv"], "its own input"),
    (["draw", "--model", "{t}/m.json", "-o", "{t}/m.json"],
     "-o {t}/m.json is --model {t}/m.json: purebp does not overwrite its own input"),
    (["draw", "--model", "{t}/m.json", "-o", "{t}/folder/../m.json"], "its own input"),
    (["draw", "--data", "{t}/data.csv", "-o", "{t}/data.csv"], "its own input"),
    # a name that says another kind of file
    (["draw", "-o", "{t}/net.png"], "-o {t}/net.png: purebp writes the picture as SVG, which a "
                                    ".png name would hide: name it {t}/net.svg"),
    (["train", "--plot", "{t}/loss.PDF"], "which a .PDF name would hide"),
    (["train", "--save", "{t}/model.txt"], "purebp writes the model as JSON"),
    (["train", "--save", "{t}/folder/"], "--save {t}/folder/: ends with /, so it names a folder"),
    (["train", "--save", "{t}/new/"], "ends with /, so it names a folder"),
    (["train", "--save", "{t}/folder"], "--save {t}/folder: is a directory; give a file name"),
    (["train", "--plot", "{t}/data.csv/l.svg"],
     "--plot {t}/data.csv/l.svg: {t}/data.csv is a file, not a folder"),
    (["train", "--save", "{t}/data.csv/deeper/m.json"], "{t}/data.csv is a file, not a folder"),
    (["draw", "-o", "{t}/missing/deeper/n.svg"], "the folder {t}/missing/deeper does not exist"),
    (["train", "--save", "{t}/" + "n" * 300 + ".json"], "the name is longer than the file system"),
    (["train", "--save", "{t}/loop.json"], "--save {t}/loop.json: cannot write there"),
]


@pytest.mark.needs_processes
@pytest.mark.parametrize("args, words", OUTPUT_CASES,
                         ids=[" ".join(c[0])[:70] for c in OUTPUT_CASES])
def test_outputs_are_checked_before_any_work_and_nothing_changes(work, args, words):
    os.symlink(str(work / "old.json"), str(work / "link.json"))
    os.link(str(work / "old.json"), str(work / "hard.json"))
    os.symlink(str(work), str(work / "linked-folder"))
    os.symlink(str(work / "data.csv"), str(work / "data-link.csv"))
    os.symlink(str(work / "loop.json"), str(work / "loop.json"))
    before = snapshot(work)
    started = time.monotonic()
    # A million iterations would take minutes: an answer in seconds means no training ran.
    # (draw --model trains nothing, and refuses --iterations as a flag without effect.)
    longer = [] if "--model" in args else ["--iterations", "1000000"]
    done = purebp(*[a.replace("{t}", str(work)) for a in args] + longer)
    one_error(done, 2, words.replace("{t}", str(work)))
    assert time.monotonic() - started < 30
    assert snapshot(work) == before


def test_a_failed_rename_puts_back_the_files_already_replaced(tmp_path, monkeypatch):
    a, b, c = (str(tmp_path / name) for name in ("a.json", "b.svg", "c.svg"))
    for path in (a, b):
        with open(path, "w") as f:
            f.write(old(path))
    before = snapshot(tmp_path)
    outputs = Outputs([("--save", a, "model"), ("--plot", b, "plot"), ("-o", c, "picture")])
    real_replace = os.replace
    calls = []

    def third_fails(source, target):
        calls.append(target)
        if len(calls) == 3:
            raise OSError(errno.EIO, "Input/output error")
        real_replace(source, target)

    monkeypatch.setattr(files.os, "replace", third_fails)
    with pytest.raises(SaveError, match="c.svg: could not save the picture: Input/output error; "
                                        "any file that was there is unchanged"):
        outputs.write({"--save": "new a", "--plot": "new b", "-o": "new c"})
    monkeypatch.undo()
    after = snapshot(tmp_path)
    if hasattr(os, "link"):
        assert after == before      # the very same files: inodes, contents, modes
    else:                           # (WebAssembly: copies, with the contents and modes)
        assert [(v[1], v[3]) for k, v in sorted(after.items())] == [
            (v[1], v[3]) for k, v in sorted(before.items())]


def test_if_putting_back_fails_too_the_old_file_is_kept_and_named(tmp_path, monkeypatch):
    a, b = str(tmp_path / "a.json"), str(tmp_path / "b.svg")
    with open(a, "w") as f:
        f.write(old("a"))
    real_replace = os.replace
    calls = []

    def all_but_the_first_fail(source, target):
        calls.append(target)
        if len(calls) > 1:
            raise OSError(errno.EIO, "Input/output error")
        real_replace(source, target)

    monkeypatch.setattr(files.os, "replace", all_but_the_first_fail)
    with pytest.raises(SaveError) as raised:
        Outputs([("--save", a, "model"), ("--plot", b, "plot")]).write(
            {"--save": "new a", "--plot": "new b"})
    monkeypatch.undo()
    message = str(raised.value)
    assert "unchanged" not in message
    kept = re.search(r"; and .*a.json could not be put back: Input/output error; "
                     r"its old contents are in (\S+)$", message)
    assert kept, message
    assert open(kept.group(1)).read() == old("a")
    assert sorted(os.listdir(str(tmp_path))) == sorted(["a.json", os.path.basename(kept.group(1))])
    assert [p for p in error_patterns() if p.search("purebp train: error: " + message)]


def test_without_hard_links_the_old_files_are_copied_to_put_them_back(tmp_path, monkeypatch):
    a, b = str(tmp_path / "a.json"), str(tmp_path / "b.svg")
    for path in (a, b):
        with open(path, "w") as f:
            f.write(old(path))
    os.chmod(a, 0o640)
    before = snapshot(tmp_path)

    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    real_replace = os.replace

    def second_fails(source, target):
        if target == b:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(files.os, "link", no_links, raising=False)
    monkeypatch.setattr(files.os, "replace", second_fails)
    with pytest.raises(SaveError, match="No space left on device"):
        Outputs([("--save", a, "model"), ("--plot", b, "plot")]).write(
            {"--save": "new", "--plot": "new"})
    monkeypatch.undo()
    after = snapshot(tmp_path)
    assert sorted(after) == sorted(before)
    for name in before:          # a copy comes back: same contents and mode, a new inode
        assert after[name][1:2] + after[name][3:] == before[name][1:2] + before[name][3:]


@pytest.mark.parametrize("breaks", ["write", "fsync", "interrupt"])
def test_a_failure_while_preparing_changes_nothing(tmp_path, monkeypatch, breaks):
    a, b = str(tmp_path / "a.json"), str(tmp_path / "b.svg")
    with open(a, "w") as f:
        f.write(old(""))
    before = snapshot(tmp_path)
    real_fsync = os.fsync
    calls = []

    def second_fails(descriptor):
        calls.append(descriptor)
        if len(calls) == 2:
            if breaks == "interrupt":
                raise KeyboardInterrupt
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(descriptor)

    outputs = Outputs([("--save", a, "model"), ("--plot", b, "plot")])
    monkeypatch.setattr(files.os, "fsync", second_fails)
    expected = KeyboardInterrupt if breaks == "interrupt" else SaveError
    with pytest.raises(expected):
        outputs.write({"--save": "new", "--plot": "new"})
    monkeypatch.undo()
    assert snapshot(tmp_path) == before


def needs_fifos():
    if not hasattr(os, "mkfifo"):
        pytest.skip("this system cannot make a FIFO (os.mkfifo)")


def test_a_target_that_changed_during_the_run_is_refused_then(tmp_path):
    needs_fifos()
    target = str(tmp_path / "m.json")
    outputs = Outputs([("--save", target, "model")])
    os.mkfifo(target)                       # appeared while training ran
    with pytest.raises(SaveError, match="--save .*m.json: is a FIFO .named pipe., not a "
                                        "regular file; purebp replaces only regular files; "
                                        "nothing was written"):
        outputs.write({"--save": "{}"})
    assert stat.S_ISFIFO(os.lstat(target).st_mode)
    assert os.listdir(str(tmp_path)) == ["m.json"]


def interrupt_the_renames(tmp_path, monkeypatch, interrupt):
    """Outputs writes a.json and b.svg, ``interrupt()`` sending a Ctrl-C as the
    first rename starts, under Python's own Ctrl-C handler (even when pytest was
    started with SIGINT ignored). Both renames must be done when the
    KeyboardInterrupt arrives; returns the two paths and the handler before."""
    a, b = str(tmp_path / "a.json"), str(tmp_path / "b.svg")
    real_replace = os.replace

    def interrupted_replace(source, target):
        interrupt()                      # held back until both are done
        real_replace(source, target)

    monkeypatch.setattr(files.os, "replace", interrupted_replace)
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            Outputs([("--save", a, "model"), ("--plot", b, "plot")]).write(
                {"--save": "new a", "--plot": "new b"})
    finally:
        signal.signal(signal.SIGINT, before)
    monkeypatch.undo()
    assert sorted(os.listdir(str(tmp_path))) == ["a.json", "b.svg"]
    return a, b, before


def test_ctrl_c_during_the_renames_waits_until_they_are_done(tmp_path, monkeypatch):
    if not (hasattr(signal, "pthread_sigmask") and hasattr(signal, "pthread_kill")):
        pytest.skip("this system cannot hold a signal back or send one to a thread "
                    "(no pthread_sigmask, pthread_kill)")
    # to this thread: a signal to the process goes to any thread that does not
    # hold it back, and a test run may have others (a notebook kernel's client)
    a, b, _ = interrupt_the_renames(
        tmp_path, monkeypatch,
        lambda: signal.pthread_kill(threading.get_ident(), signal.SIGINT))
    assert open(a).read() == "new a" and open(b).read() == "new b"


def test_ctrl_c_during_the_renames_waits_even_with_other_threads_running(tmp_path, monkeypatch):
    """The kernel hands a Ctrl-C to any thread that does not block it (numpy's BLAS
    threads, once numpy has multiplied): the renames must still finish first."""
    if not hasattr(signal, "pthread_sigmask"):
        pytest.skip("this system cannot hold a signal back (no pthread_sigmask)")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    try:
        other.start()
    except RuntimeError:        # WebAssembly: no threads
        pytest.skip("this Python cannot start a thread")
    # The kernel hands the signal to the other thread whenever it next runs,
    # which on a busy machine may be after the renames: wait until its C
    # handler has written to the wake-up pipe, as a Ctrl-C during them would.
    woken, wake = os.pipe()
    os.set_blocking(wake, False)
    old_wake = signal.set_wakeup_fd(wake)

    def interrupt():
        os.kill(os.getpid(), signal.SIGINT)
        assert select.select([woken], [], [], 30)[0], "the Ctrl-C never arrived"

    try:
        _, _, before = interrupt_the_renames(tmp_path, monkeypatch, interrupt)
    finally:
        signal.set_wakeup_fd(old_wake)
        os.close(woken)
        os.close(wake)
        stop.set()
        other.join()
    assert signal.getsignal(signal.SIGINT) is before


# --- 10: only regular files are replaced; symlinks, hard links, modes, owners ---------------

def special_file(folder, kind):
    """A FIFO, socket or device node made in ``folder``; skip where the system refuses."""
    path = str(folder / kind)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            server.bind(path)
        except OSError as error:
            pytest.skip("cannot make a socket here: %s" % error)
        finally:
            server.close()
    else:
        # (1, 3) is /dev/null's number, (1, 5) /dev/zero's, (7, 0) the first loop device.
        mode, device = {"null": (stat.S_IFCHR, (1, 3)), "zero": (stat.S_IFCHR, (1, 5)),
                        "full": (stat.S_IFCHR, (1, 7)), "block": (stat.S_IFBLK, (7, 0))}[kind]
        try:
            os.mknod(path, mode | 0o666, os.makedev(*device))
        except (PermissionError, AttributeError) as error:
            pytest.skip("making device nodes needs root: %s" % error)
        if kind != "block":
            try:
                os.close(os.open(path, os.O_RDONLY))
            except OSError as error:  # a file system mounted nodev
                pytest.skip("device nodes do not work in %s: %s" % (folder, error))
    return path


KINDS = {"fifo": "a FIFO (named pipe)", "socket": "a socket", "null": "a character device",
         "zero": "a character device", "block": "a block device"}


SPECIAL_OUTPUTS = [(kind, "--save") for kind in sorted(KINDS)] + [("fifo", "--plot"),
                                                                   ("null", "-o")]


@pytest.mark.needs_processes
@pytest.mark.parametrize("kind, flag", SPECIAL_OUTPUTS)
def test_special_files_are_never_replaced(tmp_path, kind, flag):
    path = special_file(tmp_path, kind)
    before = os.lstat(path)
    args = ["draw", "-o", path] if flag == "-o" else ["train", flag, path]
    done = purebp(*args, timeout=60)
    one_error(done, 2, "%s %s: is %s, not a regular file; purebp replaces only regular files"
              % (flag, path, KINDS[kind]))
    after = os.lstat(path)
    assert (after.st_mode, after.st_ino, after.st_rdev) == (before.st_mode, before.st_ino,
                                                            before.st_rdev)


@pytest.mark.needs_processes
def test_a_symlink_is_followed_and_stays_a_symlink(tmp_path):
    real = tmp_path / "models" / "real.json"
    real.parent.mkdir()
    real.write_text(old("\n"), encoding="utf-8")
    os.chmod(str(real), 0o640)
    link = tmp_path / "link.json"
    os.symlink(os.path.join("models", "real.json"), str(link))
    done = purebp("train", "--iterations", "5", "--save", str(link), "--quiet")
    assert done.returncode == 0, done.stderr
    assert os.path.islink(str(link))
    assert os.readlink(str(link)) == os.path.join("models", "real.json")
    assert json.loads(real.read_text(encoding="utf-8"))["format"] == "purebp-model"
    assert stat.S_IMODE(os.stat(str(real)).st_mode) == 0o640
    assert sorted(os.listdir(str(real.parent))) == ["real.json"]     # no temporary left
    dangling = tmp_path / "dangling.svg"
    os.symlink(os.path.join("models", "made.svg"), str(dangling))
    done = purebp("draw", "-o", str(dangling))
    assert done.returncode == 0, done.stderr
    assert (real.parent / "made.svg").read_text(encoding="utf-8").startswith("<?xml")


@pytest.mark.needs_processes
def test_a_hard_linked_file_is_replaced_under_the_name_given(tmp_path):
    first, second = tmp_path / "m.json", tmp_path / "also.json"
    first.write_text(old("\n"), encoding="utf-8")
    os.chmod(str(first), 0o604)
    os.link(str(first), str(second))
    done = purebp("train", "--iterations", "5", "--save", str(first), "--quiet")
    assert done.returncode == 0, done.stderr
    assert json.loads(first.read_text(encoding="utf-8"))["format"] == "purebp-model"
    assert second.read_text(encoding="utf-8") == old("\n")     # as documented: as after mv
    assert stat.S_IMODE(os.stat(str(first)).st_mode) == 0o604


@pytest.mark.needs_processes
def test_a_replaced_file_keeps_its_owner_when_root_writes_it(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("only root can replace another user's file and give it back")
    path = tmp_path / "m.json"
    path.write_text(old("\n"), encoding="utf-8")
    os.chown(str(path), 12345, 23456)
    os.chmod(str(path), 0o664)
    done = purebp("train", "--iterations", "5", "--save", str(path), "--quiet")
    assert done.returncode == 0, done.stderr
    info = os.stat(str(path))
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (12345, 23456, 0o664)


def as_user(uid):
    def lower():
        os.setgid(uid)
        os.setuid(uid)
    return lower


def python_for(user):
    """A Python that ``user`` may run, with this checkout readable to it; else skip."""
    for python in (sys.executable, "/usr/bin/python3"):
        try:
            done = subprocess.run([python, "-c", "import os, sys; sys.path.insert(0, %r); "
                                   "import purebp.cli" % ROOT], preexec_fn=user, cwd="/",
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except OSError:
            continue
        if done.returncode == 0:
            return python
    pytest.skip("no Python here that another user may run with this checkout "
                "(%s sits under a private folder)" % sys.executable)


# A process as another user, half a second: under the long marker (.ci/run).
@pytest.mark.long
@pytest.mark.needs_processes
def test_permission_answers_for_a_user_who_is_not_root():
    if os.geteuid() != 0:
        pytest.skip("run as root: lowers its uid to try what an ordinary user meets")
    import shutil
    import tempfile
    # pytest's own temporary folders are closed to other users: make one that is not.
    folder = tempfile.mkdtemp(prefix="purebp-users-")
    try:
        os.chmod(folder, 0o777)
        for parent in (os.path.dirname(folder), os.path.dirname(os.path.dirname(folder))):
            if not os.stat(parent).st_mode & 0o001:
                pytest.skip("%s is closed to other users; cannot try as one" % parent)
        shut = os.path.join(folder, "shut")
        os.mkdir(shut, 0o555)
        read_only = os.path.join(folder, "ro.json")
        with open(read_only, "w") as f:
            f.write(old("\n"))
        os.chmod(read_only, 0o444)
        nobody = as_user(65534)
        python = python_for(nobody)
        done = purebp("train", "--save", os.path.join(shut, "m.json"), cwd=folder,
                      preexec_fn=nobody, python=python)
        one_error(done, 2, "the folder %s is not writable" % shut)
        done = purebp("train", "--save", read_only, cwd=folder, preexec_fn=nobody, python=python)
        one_error(done, 2, "--save %s: the file is read-only" % read_only)
        with open(read_only) as f:
            assert f.read() == old("\n")
        done = purebp("train", "--data", read_only, cwd=folder, preexec_fn=nobody, python=python)
        assert "permission denied" not in done.stderr     # readable by all: only bad data
        os.chmod(read_only, 0o400)
        done = purebp("predict", read_only, "1,0,1", cwd=folder, preexec_fn=nobody,
                      python=python)
        one_error(done, 2, "%s: permission denied: purebp cannot read it" % read_only)
    finally:
        shutil.rmtree(folder)


def immutable(path):
    """chattr +i (root, and a file system that has the flag); else skip."""
    import shutil
    if not shutil.which("chattr"):
        pytest.skip("chattr is not installed")
    done = subprocess.run(["chattr", "+i", path], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True)
    if done.returncode != 0:
        pytest.skip("cannot make %s immutable here: %s" % (path, done.stderr.strip()))


@pytest.mark.needs_processes
@pytest.mark.parametrize("what", ["file", "folder"])
def test_an_immutable_target_is_refused_before_any_work(tmp_path, what):
    keep = tmp_path / "m.json"
    keep.write_text(old("\n"), encoding="utf-8")
    folder = tmp_path / "locked"
    folder.mkdir()
    plot = folder / "l.svg"
    plot.write_text(old("plot\n", "svg"), encoding="utf-8")
    immutable(str(plot if what == "file" else folder))
    try:
        before = snapshot(tmp_path), snapshot(folder)
        done = purebp("train", "--save", str(keep), "--plot", str(plot), "--iterations",
                      "1000000")
        one_error(done, 2, "the file is read-only" if what == "file" else
                  "the folder %s is not writable" % folder)
        assert (snapshot(tmp_path), snapshot(folder)) == before
    finally:
        subprocess.run(["chattr", "-i", str(plot), str(folder)])


# --- 11: new files get 0666 & ~umask, replaced ones keep their mode -------------------------

@pytest.mark.needs_processes
# 022 under -m long, beside make_pictures' files.
@pytest.mark.parametrize("umask", [pytest.param(0o022, marks=pytest.mark.long), 0o002])
def test_new_files_get_the_usual_mode(tmp_path, umask):
    def set_umask():
        os.umask(umask)
    model, plot, picture = (str(tmp_path / n) for n in ("m.json", "l.svg", "n.svg"))
    assert purebp("train", "--iterations", "1000", "--save", model, "--plot", plot, "--quiet",
                  preexec_fn=set_umask).returncode == 0
    assert purebp("draw", "-o", picture, preexec_fn=set_umask).returncode == 0
    for path in (model, plot, picture):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o666 & ~umask, path
    os.chmod(model, 0o640)
    assert purebp("train", "--iterations", "5", "--save", model, "--quiet",
                  preexec_fn=set_umask).returncode == 0
    assert stat.S_IMODE(os.stat(model).st_mode) == 0o640


# Every picture drawn, half a second: under the long marker (.ci/run).
@pytest.mark.long
@pytest.mark.needs_processes
def test_make_pictures_writes_with_the_usual_mode(made_pictures):
    done, tmp_path = made_pictures          # run under umask 022
    assert done.returncode == 0, done.stderr
    modes = dict((n, stat.S_IMODE(os.stat(str(tmp_path / n)).st_mode))
                 for n in os.listdir(str(tmp_path)))
    assert modes == {"chain-rule.svg": 0o644, "loss-seed.svg": 0o644, "network.svg": 0o644}


def test_the_python_api_writes_with_the_usual_mode(tmp_path):
    if sys.platform == "emscripten":
        pytest.skip("WebAssembly's in-memory file system ignores the umask")
    old = os.umask(0o027)
    try:
        write_atomically(str(tmp_path / "a.txt"), "text")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(str(tmp_path / "a.txt")).st_mode) == 0o640


# --- 12: empty paths are usage errors everywhere --------------------------------------------

EMPTY = [
    (["train", "--save", ""], "argument --save: the path is empty"),
    (["train", "--plot", ""], "argument --plot: the path is empty"),
    (["draw", "-o", ""], "argument -o: the path is empty"),
    (["train", "--data", ""], "argument --data: the path is empty"),
    (["explain", "--data", ""], "argument --data: the path is empty"),
    (["gradcheck", "--data", ""], "argument --data: the path is empty"),
    (["draw", "-o", "{t}/n.svg", "--model", ""], "argument --model: the path is empty"),
    (["predict", "", "1,0,1"], "argument MODEL.json: the path is empty"),
    (["predict", "{t}/m.json", "--input", ""], "argument --input: the path is empty"),
]


@pytest.mark.needs_processes
@pytest.mark.parametrize("args, words", EMPTY, ids=[" ".join(c[0]) for c in EMPTY])
def test_empty_paths_are_usage_errors(work, args, words):
    before = snapshot(work)
    done = purebp(*[a.replace("{t}", str(work)) for a in args])
    one_error(done, 2, words)
    assert snapshot(work) == before


def test_empty_paths_from_python():
    with pytest.raises(PurebpError, match="the path of the model is empty"):
        write_atomically("", "{}", "model")
    with pytest.raises(PurebpError, match="the path of the data file is empty"):
        read_text("")
    with pytest.raises(PurebpError, match="cannot hold a NUL character"):
        read_text("a\0b")


# --- 14: special files are refused before opening; reads are bounded ------------------------

SPECIAL_INPUTS = ([(kind, "--data") for kind in ("fifo", "zero", "null", "socket", "dev-zero",
                                                  "dev-urandom")]
                  + [(kind, where) for kind in ("fifo", "dev-zero")
                     for where in ("--input", "MODEL.json", "--model")])


@pytest.mark.needs_processes
@pytest.mark.parametrize("kind, where", SPECIAL_INPUTS)
def test_special_inputs_end_at_once_with_exit_2(work, where, kind):
    if kind.startswith("dev-"):
        path = "/dev/" + kind[4:]            # read only: reading them is harmless
        if not os.path.exists(path):
            pytest.skip("this system has no " + path)
    else:
        path = special_file(work, kind)
    model = str(work / "m.json")
    args = {"--data": ["train", "--data", path],
            "--input": ["predict", model, "--input", path],
            "MODEL.json": ["predict", path, "1,0,1"],
            "--model": ["draw", "-o", str(work / "n.svg"), "--model", path]}[where]
    started = time.monotonic()
    done = purebp(*args, timeout=60)
    kind_words = "a FIFO (named pipe)" if kind == "fifo" else (
        "a socket" if kind == "socket" else "a character device")
    one_error(done, 2, "%s: %s is %s, not a regular file; purebp reads only regular files"
              % (path, "model file" if where in ("MODEL.json", "--model") else "data file",
                 kind_words))
    assert time.monotonic() - started < 30


def test_a_fifo_swapped_in_after_the_check_does_not_hang(tmp_path, monkeypatch):
    needs_fifos()
    path = str(tmp_path / "data.csv")
    os.mkfifo(path)
    regular = os.stat(__file__)
    monkeypatch.setattr(files, "_stat", lambda p: regular)   # the check saw a regular file
    with pytest.raises(PurebpError, match="is a FIFO .named pipe., not a regular file"):
        read_text(path)


def test_reads_stop_at_the_cap_whatever_the_size_claims(tmp_path, monkeypatch):
    path = str(tmp_path / "big.csv")
    with open(path, "wb") as f:
        f.write(b"1,2\n" * 5000)                      # 20000 bytes
    assert read_text(path, limit=20000).count("\n") == 5000
    real_stat = os.stat
    monkeypatch.setattr(files, "_stat", lambda p: os.stat_result(
        real_stat(p)[:6] + (0,) + real_stat(p)[7:]))    # claims to be empty, like /proc files
    reads = []

    class Counting(io.BufferedReader):
        def read(self, n=-1):
            reads.append(n)
            return io.BufferedReader.read(self, n)

    monkeypatch.setattr(files, "open", lambda fd, mode: Counting(io.FileIO(fd, "r")),
                        raising=False)
    with pytest.raises(PurebpError, match="big.csv: data file is larger than 0 MB, the most "
                                          "purebp reads"):
        read_text(path, limit=19999)
    assert sum(reads) <= 20000 and all(n > 0 for n in reads)   # never more than cap + 1


@pytest.mark.needs_processes
def test_a_file_over_the_cap_is_refused_before_reading(tmp_path):
    path = str(tmp_path / "huge.csv")
    with open(path, "wb") as f:
        f.truncate(MAX_BYTES + 1)                          # sparse: costs no disk
    started = time.monotonic()
    done = purebp("train", "--data", path)
    one_error(done, 2, "huge.csv: data file is larger than %d MB, the most purebp reads"
              % (MAX_BYTES // 2 ** 20))
    assert time.monotonic() - started < 30


# --- 15: running out of memory is one line ---------------------------------------------------

# The limit is set inside the child, once Python has started: 48 MB above what it
# uses then. Reading a 30 MB file needs 60 MB in two large blocks, and a large
# block that does not fit fails at once. (A limit met by many small blocks
# instead can crawl for minutes in malloc before MemoryError comes.)
LIMITED = r"""
import resource, runpy, sys
size = int([l for l in open("/proc/self/status") if l.startswith("VmSize")][0].split()[1])
resource.setrlimit(resource.RLIMIT_AS, ((size + 48 * 1024) * 1024,) * 2)
sys.argv = ["purebp"] + sys.argv[1:]
runpy.run_module("purebp", run_name="__main__", alter_sys=True)
"""


@pytest.mark.needs_processes
def test_out_of_memory_is_one_line_with_advice(tmp_path):
    pytest.importorskip("resource")
    if not os.path.exists("/proc/self/status"):
        pytest.skip("needs /proc/self/status to measure the memory in use")
    path = tmp_path / "rows.csv"
    with open(str(path), "w") as f:
        f.write("a,b,c,y\n")
        f.write("0.123456,0.654321,0.111111,0.5\n" * 1000000)    # 31 MB, under the cap
    env = dict(os.environ, PYTHONPATH=ROOT)
    done = subprocess.run([sys.executable, "-c", LIMITED, "train", "--data", str(path)],
                          cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=120)
    one_error(done, 1, "out of memory; give Python more memory (on a board, a larger heap), "
                       "or use a smaller data file (fewer rows) or fewer, smaller layers")


def test_out_of_memory_anywhere_in_a_command_is_one_line(monkeypatch, capsys):
    from purebp import cli

    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(cli, "train", exhausted)
    assert cli.main(["train", "--quiet"], out=io.StringIO()) == 1
    assert capsys.readouterr().err == ("purebp train: error: out of memory; give Python more "
                                       "memory (on a board, a larger heap), or use a smaller "
                                       "data file (fewer rows) or fewer, smaller layers\n")


# --- 16: output streams and Ctrl-C -----------------------------------------------------------

# Five processes writing to /dev/full, a second: under the long marker (.ci/run).
@pytest.mark.long
@pytest.mark.needs_processes
@pytest.mark.parametrize("args", [["train", "--quiet"], [], ["train", "--json"], ["--help"],
                                  ["predict", "{t}/m.json", "1,0,1"]])
def test_a_full_stdout_is_one_line_exit_1(work, args):
    full = special_file(work, "full")
    with open(full, "w") as stdout:
        done = purebp(*[a.replace("{t}", str(work)) for a in args], stdout=stdout)
    one_error(done, 1, "cannot write the output: No space left on device")


def close(*descriptors):
    def closing():
        for descriptor in descriptors:
            os.close(descriptor)
    return closing


@pytest.mark.needs_processes
def test_a_closed_stdout_is_refused_before_any_work(tmp_path):
    model = str(tmp_path / "m.json")
    done = purebp("train", "--save", model, stdout=None, preexec_fn=close(1))
    line = one_error(done, 2, "standard output is closed; to discard it, send it to /dev/null")
    assert line.startswith("purebp train: error:")
    assert not os.path.exists(model)


@pytest.mark.needs_processes
def test_a_closed_stderr_keeps_errors_off_stdout(tmp_path):
    done = purebp("train", "--data", str(tmp_path / "missing.csv"), stderr=None,
                  preexec_fn=close(2))
    assert (done.returncode, done.stdout) == (2, "")
    model = str(tmp_path / "m.json")
    done = purebp("train", "--iterations", "5", "--save", model, "--quiet", stderr=None,
                  preexec_fn=close(2))
    assert done.returncode == 0 and done.stdout.startswith("final sse: ")
    assert json.loads(open(model).read())["layers"] == [3, 1]   # fd 2 was not the model file


@pytest.mark.needs_processes
def test_a_full_stderr_does_not_fail_the_run(tmp_path):
    full = special_file(tmp_path, "full")
    with open(full, "w") as stderr:
        done = purebp("train", "--data", str(tmp_path / "missing.csv"), stderr=stderr)
        assert done.returncode == 2
        done = purebp("train", "--iterations", "5", "--quiet", stderr=stderr)
        assert done.returncode == 0 and done.stdout.startswith("final sse: ")


@pytest.mark.needs_processes
def test_a_reader_that_goes_away_is_not_an_error():
    env = dict(os.environ, PYTHONPATH=ROOT)
    # --json with a report every iteration: one line of about 150 KB, more than a pipe holds
    reader = subprocess.Popen([sys.executable, "-S", "-m", "purebp", "train", "--every", "1",
                               "--iterations", "5000", "--json"], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.read(100)
    reader.stdout.close()                 # like `purebp ... | head -1`
    assert reader.wait(timeout=120) == 0
    assert reader.stderr.read() == b""


def hear_ctrl_c():
    """In the child, before Python starts: Ctrl-C as a terminal delivers it. A test run
    in the background of a shell inherits SIGINT ignored, which purebp rightly keeps
    ignored; here the child must hear it whatever started pytest."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGINT])


def interrupt_after(delay, args):
    env = dict(os.environ, PYTHONPATH=ROOT)
    child = subprocess.Popen([sys.executable, "-S", "-m", "purebp"] + args, cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             universal_newlines=True, preexec_fn=hear_ctrl_c)
    time.sleep(delay)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=120)
    return child.returncode, err


def interrupt_once_running(args):
    """SIGINT as soon as the command line is loaded: however slow the machine, purebp's
    own code is running then and must answer. CPython tells when (-X importtime);
    elsewhere, longer and longer waits until the signal no longer meets start-up."""
    env = dict(os.environ, PYTHONPATH=ROOT)
    if sys.implementation.name != "cpython":
        for delay in (0.5, 1, 2, 4, 8):
            code, err = interrupt_after(delay, args)
            if not (starting_up(code, err) and not reached_purebp(err)):
                return code, err.splitlines()
        return code, err.splitlines()
    child = subprocess.Popen([sys.executable, "-X", "importtime", "-m", "purebp"] + args,
                             cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, universal_newlines=True,
                             preexec_fn=hear_ctrl_c)
    for line in child.stderr:
        if line.rstrip().endswith("| purebp.cli"):
            break
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=120)
    lines = [line for line in err.splitlines() if not line.startswith("import time:")]
    return child.returncode, lines


def starting_up(code, err):
    """A run cut short by SIGINT while Python itself was starting."""
    return "Traceback" in err or "Fatal Python error" in err or (code, err) == (
        -signal.SIGINT, "")


def reached_purebp(err):
    """Whether a traceback passes through purebp's own code (beyond runpy's import of
    the package, which runs before purebp.__main__ can install anything)."""
    package = os.path.join(ROOT, "purebp") + os.sep
    ours = [f for f in re.findall(r'File "([^"]+)"', err) if f.startswith(package)]
    return bool(ours) and ours[0] != package + "__init__.py"


@pytest.mark.needs_processes
@pytest.mark.parametrize("args", [["train", "--iterations", "3000000"], []],
                         ids=["train", "default run"])
def test_ctrl_c_once_running_is_one_line_and_exit_130(args):
    name = "purebp train" if args else "purebp"
    assert interrupt_once_running(args) == (130, [name + ": interrupted"])


@pytest.mark.long
@pytest.mark.needs_processes
@pytest.mark.parametrize("args", [["train", "--iterations", "3000000"], []],
                         ids=["train", "default run"])
def test_ctrl_c_at_any_moment_is_one_line_and_exit_130(args):
    name = "purebp train" if args else "purebp"
    for delay in (0.005, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.8):
        code, err = interrupt_after(delay, args)
        if starting_up(code, err):
            # Only Python's own start-up (site, runpy) may be cut short so.
            assert not reached_purebp(err), err
            continue
        if (code, err) == (0, "") and not args:
            continue       # the default run ended before the signal came
        assert (code, err) == (130, name + ": interrupted\n"), (delay, code, err)
    assert interrupt_once_running(args) == (130, [name + ": interrupted"])


def test_interrupted_in_process_returns_130(monkeypatch, capsys):
    from purebp import cli

    def interrupt(args, out):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_run_check", interrupt)
    assert cli.main(["check"], out=io.StringIO()) == 130
    assert capsys.readouterr().err == "purebp check: interrupted\n"


@pytest.mark.needs_processes
def test_the_command_line_starts_without_csv_xml_tempfile_pictures_or_models():
    if sys.implementation.name != "cpython":
        pytest.skip("-X importtime is CPython's")
    # -S: without site, whose .pth files may import anything before purebp runs.
    env = dict(os.environ, PYTHONPATH=ROOT)
    done = subprocess.run([sys.executable, "-S", "-X", "importtime", "-m", "purebp", "--help"],
                          cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    assert done.returncode == 0, done.stderr
    imported = set(line.split("|")[2].strip() for line in done.stderr.splitlines()
                   if line.startswith("import time:") and "cumulative" not in line)
    assert "purebp.cli" in imported
    for heavy in ("xml.sax.saxutils", "urllib", "ssl", "tempfile", "csv", "purebp.svg",
                  "purebp.chart", "purebp.csvdata"):
        assert heavy not in imported, heavy
    check = ("import sys, purebp; before = set(sys.modules); import purebp.cli; "
             "print(sorted(set(sys.modules) - before))")
    done = subprocess.run([sys.executable, "-S", "-c", check], cwd=ROOT, env=env,
                          stdout=subprocess.PIPE, universal_newlines=True)
    added = eval(done.stdout)
    for module in ("json", "purebp.model", "purebp.files", "purebp.svg", "purebp.chart",
                   "purebp.csvdata", "purebp.selfcheck", "csv", "tempfile", "xml"):
        assert module not in added, module


# --- 17: control characters never reach a terminal or an SVG raw ----------------------------

NASTY = "a\x01b\x1b[31mc\x7fd\x85e\u2028f\u202eg"


def test_printable_escapes_every_kind_of_control_character():
    text = printable(NASTY)
    assert not RAW_CONTROL.search(text)
    assert text == "a\\u0001b\\u001b[31mc\\u007fd\\u0085e\\u2028f\\u202eg"
    assert printable("plain é 中文 ▁▂") == "plain é 中文 ▁▂"


def test_stdout_escapes_and_json_stays_valid():
    stream = io.StringIO()
    json.dump({"name": NASTY}, Output(stream), ensure_ascii=False)
    assert not RAW_CONTROL.search(stream.getvalue())
    assert json.loads(stream.getvalue()) == {"name": NASTY}


def test_svg_with_control_characters_is_well_formed_and_shows_them():
    names = ["x\x01", "y\x1b[2J", "z\x85", "w\u2028", "<&>"]
    text = network_svg([5, 1], [[[0.5]] * 5], inputs=names, targets=["t\x00\ud800\uffff"])
    root = ET.fromstring(text.encode("utf-8"))
    shown = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "x\\u0001" in shown and "y\\u001b[2J" in shown and "<&>" in shown
    assert "t\\u0000\\ud800\\uffff" in shown
    ET.fromstring(loss_svg([(0, 1.0), (1, 0.5)], "sse", title="t\x1b").encode("utf-8"))


@pytest.mark.needs_processes
def test_nothing_raw_reaches_the_terminal(work):
    header = "in\x1b[31mput,x\x9b2,bias,y\u202e\n"     # (\x85, \u2028 end lines)
    (work / "nasty.csv").write_text(header + CSV.split("\n", 1)[1], encoding="utf-8")
    model = str(work / "nasty.json")
    document = json.loads((work / "m.json").read_text(encoding="utf-8"))
    document["inputs"] = ["a\x1b]0;title\x07", "b\x9b31m", "c\u202e"]
    (work / "nasty-model.json").write_text(json.dumps(document), encoding="utf-8")
    runs = [
        ["train", "--data", str(work / "nasty.csv"), "--iterations", "100", "--save", model],
        ["predict", str(work / "nasty-model.json"), "1,0,1"],
        ["predict", str(work / "nasty-model.json"), "--json", "1,0,1"],
        ["draw", "--model", str(work / "nasty-model.json"), "-o", str(work / "n\x1b.svg")],
        ["train", "--data", str(work / "missing\x1b[2J\u2028.csv")],
        ["train", "--iterations", "5", "--save", str(work / "saved\x07.json")],
        ["train", "--bogus\x1b[31m"],
        ["train", "--layers", "\x1b[31m"],
    ]
    for args in runs:
        done = purebp(*args)
        assert "Traceback" not in done.stderr, done.stderr
        assert not RAW_CONTROL.search(done.stdout), (args, done.stdout)
        assert not RAW_CONTROL.search(done.stderr), (args, done.stderr)
    for name in os.listdir(str(work)):
        if name.endswith(".svg"):
            ET.parse(str(work / name))            # well-formed XML, whatever the names


# --- an output that is one of the run's own standard streams --------------------------------

@pytest.mark.needs_processes
@pytest.mark.parametrize("stream", ["stdout", "stderr", "stdin"])
def test_an_output_that_is_the_runs_own_stream_is_refused(tmp_path, stream):
    log = tmp_path / "log.txt"
    log.write_text("kept\n")
    with open(str(log), "r+" if stream == "stdin" else "a") as f:
        done = purebp("train", "--iterations", "3", "--quiet", "--save", "/dev/" + stream,
                      **{stream: f, "stdout" if stream != "stdout" else "stderr":
                         subprocess.PIPE})
    assert done.returncode == 2
    assert log.read_text().startswith("kept\n")
    assert "is the same file as this run's standard" in log.read_text() + (
        done.stderr or "") + (done.stdout or "")


def test_a_path_through_a_folder_that_does_not_exist_is_refused(tmp_path):
    done = purebp("train", "--iterations", "3", "--save", "nodir/../m.json", cwd=str(tmp_path))
    one_error(done, 2, "the folder nodir/.. does not exist")
    assert os.listdir(str(tmp_path)) == []


@pytest.mark.parametrize("args, flag", [
    (["train", "--iterations", "3", "--save", "{f}"], "--save"),
    (["train", "--iterations", "3", "--plot", "{f}"], "--plot"),
    (["draw", "-o", "{f}", "--iterations", "3"], "-o"),
    (["web", "--save", "{f}"], "--save"),
])
@pytest.mark.parametrize("name, text", [
    ("lesson.py", "print('my lesson')\n"), ("iris.data", "5.1,3.5,1.4,0.2,setosa\n"),
    ("package.json", '{"name": "mine"}\n'), ("notes.rst", "Notes\n=====\n")])
def test_an_existing_file_of_another_kind_is_not_replaced(tmp_path, args, flag, name, text):
    """Whatever its ending: a file that holds no model, picture or page of
    purebp's is refused, and kept byte for byte."""
    target = tmp_path / name
    target.write_text(text)
    done = inprocess.purebp([a.replace("{f}", str(target)) for a in args], cwd=str(tmp_path))
    assert done.returncode == 2, done
    line, = done.stderr.splitlines()
    assert "%s %s: the file exists and is not " % (flag, target) in line
    assert line.endswith("purebp replaces only what it would write there: delete it first, "
                         "or choose another name")
    assert target.read_text() == text
    assert sorted(os.listdir(str(tmp_path))) == [name]


def test_an_existing_model_picture_page_or_empty_file_is_replaced(tmp_path):
    for args in (["train", "--iterations", "3", "--save", "m.json", "--plot", "p.svg"],
                 ["draw", "-o", "d.svg", "--iterations", "3"], ["web", "--save", "w.html"]):
        for _ in range(2):          # written, then replaced
            done = inprocess.purebp(args, cwd=str(tmp_path))
            assert done.returncode == 0, done
    (tmp_path / "empty.json").write_text("")
    done = inprocess.purebp(["train", "--iterations", "3", "--save", "empty.json"],
                            cwd=str(tmp_path))
    assert done.returncode == 0 and "purebp-model" in (tmp_path / "empty.json").read_text()


def test_the_api_does_not_replace_a_file_of_another_kind(tmp_path):
    import purebp
    X, y = purebp.load_data("seed")
    model = purebp.Model.from_training(purebp.train(X, y, iterations=3))
    script = tmp_path / "script.py"
    script.write_text("print('mine')\n")
    with pytest.raises(purebp.PurebpError, match="the file exists and is not a purebp model"):
        purebp.save(model, str(script))
    assert script.read_text() == "print('mine')\n"


@pytest.mark.parametrize("args, words", [
    (["train", "--save", "-"], "--save -: purebp writes files, not standard output"),
    (["train", "--plot", "-"], "--plot -: purebp writes files, not standard output"),
    (["draw", "-o", "-"], "-o -: purebp writes files, not standard output"),
    (["web", "--save", "-"], "--save -: purebp writes files, not standard output"),
    (["train", "--data", "-"], "--data -: purebp reads files, not standard input"),
    (["predict", "-", "1,0,1"], "MODEL.json -: purebp reads files, not standard input"),
    (["predict", "m.json", "--input", "-"], "--input -: purebp reads files, not standard input"),
])
def test_a_dash_is_no_file_name_and_no_stream(tmp_path, args, words):
    """Many tools read "-" as standard input or output: purebp wrote a file
    named "-" (and predict read one); now it says how to name such a file."""
    done = inprocess.purebp(args, cwd=str(tmp_path))
    assert done.returncode == 2, done
    line, = done.stderr.splitlines()
    assert words in line and line.endswith("for a file named -, write ./-")
    assert [p for p in error_patterns() if p.search(line)]
    assert os.listdir(str(tmp_path)) == []


@pytest.mark.parametrize("args, name, text", [
    (["web", "--save", "{f}"], "lesson.py", "import purebp\nm = purebp.train('xor')\n"),
    (["web", "--save", "{f}"], "todo", "todo: try purebp web\n"),
    (["train", "--iterations", "3", "--save", "{f}"], "check.py",
     'assert d["format"] == "purebp-model"\n'),
    (["train", "--iterations", "3", "--save", "{f}"], "notes.rst",
     'A model file: {"format": "purebp-model", ...}\n'),
    (["draw", "-o", "{f}", "--iterations", "3"], "drawit.py", "# it makes <svg> files\n"),
    (["train", "--iterations", "3", "--plot", "{f}"], "home.html.bak",
     "<html><body><svg></svg></body></html>\n"),
    (["draw", "-o", "{f}", "--iterations", "3"], "notes.svg",
     "<!-- my notes -->\n<html><body>\n<!-- figure 1 -->\n<svg width='10'></svg></body></html>\n"),
    (["draw", "-o", "{f}", "--iterations", "3"], "page.svg",
     "<!DOCTYPE html>\n<svg></svg>\n<p>notes</p>\n"),
    # a picture of the user's own, drawn by hand or another program: an SVG, not purebp's
    (["draw", "-o", "{f}", "--iterations", "3"], "lesson.svg",
     '<svg xmlns="http://www.w3.org/2000/svg"><text>my lesson drawing</text></svg>\n'),
    (["train", "--iterations", "3", "--plot", "{f}"], "figure.svg",
     '<?xml version="1.0" encoding="UTF-8"?>\n<!-- Created with Inkscape -->\n'
     '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"></svg>\n'),
])
def test_a_file_that_mentions_what_purebp_writes_is_still_not_replaced(tmp_path, args, name,
                                                                       text):
    """A file is replaced when it begins as purebp's model, picture or page
    does, not when it mentions purebp, its format or <svg> somewhere."""
    target = tmp_path / name
    target.write_text(text)
    done = inprocess.purebp([a.replace("{f}", str(target)) for a in args], cwd=str(tmp_path))
    assert done.returncode == 2 and "the file exists and is not" in done.stderr, done
    assert target.read_text() == text


@pytest.mark.parametrize("args", [["draw", "-o", "{f}", "--iterations", "3"],
                                  ["train", "--iterations", "3", "--plot", "{f}"]])
def test_a_picture_purebp_drew_before_its_mark_is_replaced(tmp_path, args):
    """Pictures drawn before svg.MARK are known by their first lines, as
    purebp wrote them: drawing again over them works, as it did."""
    target = tmp_path / "loss.svg"
    target.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/'
                      '2000/svg" width="640" height="400" viewBox="0 0 640 400" font-family='
                      '"sans-serif" font-size="13">\n<title>sse over training</title>\n</svg>\n')
    done = inprocess.purebp([a.replace("{f}", str(target)) for a in args], cwd=str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert target.read_text().split("\n")[1] == MARK
