"""Reading and writing files, carefully: every file a command reads or writes.

=====================  ==========================================================
``file_path``          a path given as a str, bytes or ``pathlib.Path``, as a str
``read_text``          a regular file's text, read with a size cap while reading
``Outputs``            every output of a command, checked before any work, and
                       written all at once or not at all
``write_atomically``   one output: ``Outputs`` for a single file (``purebp.save``)
=====================  ==========================================================

The policy, also in docs/errors.md ("Files purebp reads and writes"):

* Only regular files are read or replaced. A FIFO, socket or device node is
  refused before it is opened, with its type named, so ``--data /dev/zero``
  or a named pipe cannot hang a run; reads stop at ``MAX_BYTES`` + 1 bytes.
* An output is checked before any work: empty, a folder, a missing or
  unwritable folder, a parent that is a file, two outputs that are one file,
  an output that is an input. Files are compared by device and inode where
  they exist (so ``./a.json``, symlinks and hard links are caught), by their
  folder's device and inode and their name where they do not.
* Writing is all or nothing. Each output goes to a temporary file beside its
  target, is flushed and fsynced; only then are the targets replaced, one
  rename each. Before replacing, the old file of every target but the last
  is kept under a second name (a hard link, or a copy where the file system
  has none), so a failed rename puts back the files already replaced. Ctrl-C
  is held back during the renames, which take microseconds.
* A symlink is followed: the file it names is replaced and the link stays.
  A replaced file keeps its permission bits (and, for root, its owner); a
  new file gets ``0666 & ~umask``, as ``open()`` gives. A file with several
  hard links is replaced under the name given: the other names keep the old
  contents, as after ``mv``.
"""

import errno
import os
import stat

from .errors import PurebpError, SaveError, show

# The caps, measured (docs/errors.md, "Size caps"): a CSV costs about 35 times
# its size in memory once read and trained for an iteration by the smallest
# network, twice that with four hidden units: 32 MB peaks near 1.1 GB.
# Models cost about 4 times their size; 512 MB holds the largest network
# purebp trains (network.MAX_WEIGHTS weights), so any saved model loads again.
MAX_BYTES = 32 * 1024 * 1024
MAX_MODEL_BYTES = 512 * 1024 * 1024

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"))


def file_path(path, name="path"):
    """``path`` as a str: a str, bytes, or an ``os.PathLike`` such as ``pathlib.Path``.

    An int is refused: ``open(5)`` would read file descriptor 5.
    """
    if hasattr(path, "__fspath__") and not isinstance(path, (str, bytes)):
        path = path.__fspath__()
    if isinstance(path, bytes):
        path = path.decode("utf-8", "surrogateescape")
    if not isinstance(path, str):
        raise PurebpError("%s: %s is not a file path (a str, bytes or a pathlib.Path)"
                          % (name, show(path)))
    if not path:
        raise PurebpError("%s: the path is empty" % name)
    return path


def kind_of(mode):
    """What a file is, in words, from its ``st_mode``: 'a regular file', 'a FIFO ...'."""
    for test, words in _KINDS:
        if test(mode):
            return words
    return "a regular file" if stat.S_ISREG(mode) else "a special file"


# --- reading -------------------------------------------------------------------------

def read_text(path, what="data file", limit=None):
    """The text of the regular file ``path``, decoded from UTF-8 (a BOM is dropped).

    At most ``limit`` bytes (default ``MAX_BYTES``) are read: a larger file is
    refused as soon as the read passes it, whatever its size claims to be.
    """
    limit = MAX_BYTES if limit is None else limit
    if path == "":
        raise PurebpError("the path of the %s is empty; give a file name" % what)
    try:
        info = _stat(path)
        _refuse_special(path, what, info.st_mode)
        if info.st_size > limit:
            raise _too_big(path, what, limit)
        # O_NONBLOCK: should a FIFO take the file's place after the check, opening it
        # returns at once instead of waiting for a writer; fstat then refuses it.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
        with open(descriptor, "rb") as f:
            _refuse_special(path, what, os.fstat(descriptor).st_mode)
            chunks, size = [], 0
            while size <= limit:
                # The size is a hint for the first read, never trusted as the end.
                chunk = f.read(min(max(info.st_size + 1, 1 << 16), limit + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
            if size > limit:
                raise _too_big(path, what, limit)
            raw = b"".join(chunks)
    except FileNotFoundError:
        raise PurebpError("%s: no such file" % path)
    except NotADirectoryError:
        raise PurebpError("%s: no such file (%s is a file, not a folder)"
                          % (path, _first_file(path)))
    except PermissionError:
        raise PurebpError("%s: permission denied: purebp cannot read it" % path)
    except OSError as error:
        raise PurebpError("%s: cannot read it: %s" % (path, error.strerror or error))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise PurebpError("%s: line %d is not UTF-8 text (byte 0x%02x); save the file as UTF-8"
                          % (path, line, raw[error.start]))


def _refuse_special(path, what, mode):
    if stat.S_ISDIR(mode):
        raise PurebpError("%s: %s is a directory, not a file" % (path, what))
    if not stat.S_ISREG(mode):
        raise PurebpError("%s: %s is %s, not a regular file; purebp reads only regular files"
                          % (path, what, kind_of(mode)))


def _too_big(path, what, limit):
    return PurebpError("%s: %s is larger than %d MB, the most purebp reads"
                       % (path, what, limit // 2 ** 20))


# --- writing -------------------------------------------------------------------------

class Outputs:
    """Every file a command will write, checked now, written later all at once.

    ``outputs``: ``(label, path, what)`` triples, e.g. ``("--save", "m.json",
    "model")``; ``inputs``: ``(label, path)`` pairs of the files the command
    reads, which no output may overwrite. A label of ``None`` (the Python
    API) names the path alone, and ``write`` then takes the text by path.
    Raises ``PurebpError`` (exit code 2) for the first output that cannot
    be written.

    >>> import os, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> a, b = os.path.join(folder, "a.json"), os.path.join(folder, ".", "a.json")
    >>> Outputs([("--save", a, "model"), ("--plot", b, "plot")])
    Traceback (most recent call last):
    ...
    purebp.errors.PurebpError: --save ... and --plot ... name the same file
    >>> outputs = Outputs([("--save", a, "model")])
    >>> outputs.write({"--save": "{}"})
    >>> open(a).read()
    '{}'
    """

    def __init__(self, outputs, inputs=()):
        self.targets = [_Target(label, path, what) for label, path, what in outputs]
        sources = []
        for label, path in inputs:
            if path == "":
                raise PurebpError("argument %s: the path is empty; give a file name" % label)
            sources.append((label, path, _identity(path)))
        seen = []
        for target in self.targets:
            for label, path, identity in sources:
                if identity is not None and identity == target.identity:
                    raise PurebpError("%s is %s: purebp does not overwrite its own input"
                                      % (target.name, _named(label, path)))
            for other in seen:
                if other.identity == target.identity:
                    raise PurebpError("%s and %s name the same file" % (other.name, target.name))
            seen.append(target)
        for target in self.targets:
            target.check_kind()

    def write(self, texts):
        """Write ``texts`` (label or path -> str, one for every output) all, or none.

        Raises ``SaveError`` (exit code 1) if anything fails; then every target
        is as it was before, and no temporary file is left.
        """
        assert sorted(texts) == sorted(t.key for t in self.targets), sorted(texts)
        for target in self.targets:
            try:
                target.check()     # again: the run may have taken long, and things change
                target.check_kind()
            except PurebpError as error:
                raise SaveError("%s; nothing was written" % error)
        pending = []
        try:
            for target in self.targets:
                pending.append(_Pending(target, texts[target.key].encode("utf-8")))
            _replace_all(pending)
        finally:
            for item in pending:
                item.discard()
        for folder in sorted(set(t.folder for t in self.targets)):
            _sync_folder(folder)


def write_atomically(path, text, what="file"):
    """Replace ``path`` with ``text`` (UTF-8) all at once, or not at all."""
    Outputs([(None, path, what)]).write({path: text})


class _Target:
    """One output path, checked: where it really is, and what is there now."""

    def __init__(self, label, path, what):
        self.label, self.path, self.what = label, path, what
        self.key = label if label else path
        self.name = _named(label, path)
        if path == "":
            raise PurebpError("argument %s: the path is empty; give a file name" % label
                              if label else "the path of the %s is empty; give a file name" % what)
        if path.endswith(os.sep) or (os.altsep and path.endswith(os.altsep)):
            raise PurebpError("%s: ends with %s, so it names a folder; give a file name"
                              % (self.name, path[-1]))
        self.check()

    def check(self):
        """Raise ``PurebpError`` if the target cannot be replaced; note what is there."""
        name = self.name
        try:
            self.info = _stat(self.path)      # follows a symlink to the file it names
        except FileNotFoundError:
            self.info = None
        except NotADirectoryError:
            raise PurebpError("%s: %s is a file, not a folder" % (name, _first_file(self.path)))
        except PermissionError:
            raise PurebpError("%s: permission denied: purebp cannot look into its folder" % name)
        except OSError as error:
            if error.errno == errno.ENAMETOOLONG:
                raise PurebpError("%s: the name is longer than the file system allows (%s bytes)"
                                  % (name, _name_max(os.path.dirname(os.path.abspath(self.path)))
                                     or "so many"))
            raise PurebpError("%s: cannot write there: %s" % (name, error.strerror or error))
        if self.info is not None and stat.S_ISDIR(self.info.st_mode):
            raise PurebpError("%s: is a directory; give a file name" % name)
        if self.info is not None and not stat.S_ISREG(self.info.st_mode):
            raise PurebpError("%s: is %s, not a regular file; purebp replaces only regular files"
                              % (name, kind_of(self.info.st_mode)))
        if self.info is not None:
            stream = _own_stream(self.info)
            if stream:
                raise PurebpError("%s: is the same file as this run's standard %s; purebp does not "
                                  "replace it (write the %s to a file of its own)"
                                  % (name, stream, self.what))
        else:
            # "nodir/../m.json" opens nowhere: the path as written must lead to a folder
            written = os.path.dirname(self.path) or os.curdir
            if not os.path.isdir(written):
                if os.path.exists(written):
                    raise PurebpError("%s: %s is a file, not a folder"
                                      % (name, _first_file(written)))
                raise PurebpError("%s: the folder %s does not exist" % (name, written))
        self.real = os.path.realpath(self.path)
        self.folder = os.path.dirname(self.real)
        try:
            folder_info = os.stat(self.folder)
        except FileNotFoundError:
            raise PurebpError("%s: the folder %s does not exist" % (name, self.folder))
        except NotADirectoryError:
            raise PurebpError("%s: %s is a file, not a folder" % (name, _first_file(self.real)))
        except OSError as error:
            raise PurebpError("%s: cannot write there: %s" % (name, error.strerror or error))
        if not stat.S_ISDIR(folder_info.st_mode):
            raise PurebpError("%s: %s is a file, not a folder" % (name, self.folder))
        if _read_only_file_system(self.folder):
            raise PurebpError("%s: the folder %s is on a read-only file system"
                              % (name, self.folder))
        if not os.access(self.folder, os.W_OK | os.X_OK):
            raise PurebpError("%s: the folder %s is not writable" % (name, self.folder))
        if self.info is not None and not os.access(self.real, os.W_OK):
            raise PurebpError("%s: the file is read-only; purebp replaces only files you may "
                              "write (make it writable, or choose another name)" % name)
        base = os.path.basename(self.real)
        longest = _name_max(self.folder)
        if longest and len(os.fsencode(base)) > longest:
            raise PurebpError("%s: the name is longer than the file system allows (%d bytes)"
                              % (name, longest))
        if self.info is not None:
            self.identity = (self.info.st_dev, self.info.st_ino)
        else:
            self.identity = (folder_info.st_dev, folder_info.st_ino, base)

    def check_kind(self):
        """Raise ``PurebpError`` if the file there holds something purebp would
        not write there (``_holds_other``): checked after the paths are (an
        output that is an input says so first)."""
        kind = self.info is not None and _holds_other(self.path, self.info, self.what)
        if kind:
            raise PurebpError("%s: the file exists and is not %s; purebp replaces only what "
                              "it would write there: delete it first, or choose another name"
                              % (self.name, kind))


class _Pending:
    """A target's new contents in a temporary file beside it, flushed to disk."""

    def __init__(self, target, data):
        self.target = target
        self.temporary = self.backup = None
        self.replaced = False
        info = target.info
        try:
            # New files: 0666, less the umask, as open() makes them. Replaced files
            # start private and get the old file's owner and mode before any data.
            self.temporary, descriptor = _create_beside(target.real,
                                                        0o666 if info is None else 0o600)
            with os.fdopen(descriptor, "wb") as f:
                if info is not None:
                    _take_owner_and_mode(f.fileno(), info)
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        except BaseException as error:      # Ctrl-C too: no temporary file is left
            self.discard()
            if isinstance(error, OSError):
                raise SaveError(_could_not(target, error))
            raise

    def keep_old(self):
        """A second name for the file about to be replaced, to put it back if need be."""
        try:
            self.backup = _link_beside(self.target.real)
            return
        except OSError:
            pass        # no hard links here (some file systems, WebAssembly): copy it
        self.backup, descriptor = _create_beside(self.target.real, 0o600)
        with os.fdopen(descriptor, "wb") as f, open(self.target.real, "rb") as old:
            _take_owner_and_mode(f.fileno(), os.fstat(old.fileno()))
            while True:
                block = old.read(1 << 20)
                if not block:
                    break
                f.write(block)
            f.flush()
            os.fsync(f.fileno())

    def put_back(self):
        """Undo the replacement: the old file, or no file, as before."""
        if self.backup is not None:
            os.replace(self.backup, self.target.real)
            self.backup = None
        else:
            os.remove(self.target.real)
        self.replaced = False

    def discard(self):
        for name in (self.temporary, self.backup):
            if name is not None:
                try:
                    os.remove(name)
                except OSError:
                    pass
        self.temporary = self.backup = None


def _replace_all(pending):
    """Rename every temporary over its target; on a failure, put back what was replaced."""
    for item in pending[:-1]:          # the last one needs no way back: nothing follows it
        if item.target.info is not None:
            try:
                item.keep_old()
            except OSError as error:
                raise SaveError(_could_not(item.target, error))
    held = _hold_interrupts()
    try:
        for item in pending:
            try:
                os.replace(item.temporary, item.target.real)
            except OSError as error:
                raise SaveError(_undo(pending, _could_not(item.target, error)))
            item.temporary = None
            item.replaced = True
    finally:
        for item in pending:
            item.discard()
        _release_interrupts(held)


def _undo(pending, message):
    """Put back every replaced target; the message, with anything that could not be."""
    for item in reversed(pending):
        if item.replaced:
            try:
                item.put_back()
            except OSError as error:
                message = message.replace("; any file that was there is unchanged", "")
                message += "; and %s could not be put back: %s" % (
                    item.target.path, error.strerror or error)
                if item.backup is not None:
                    message += "; its old contents are in %s" % item.backup
                    item.backup = None       # kept, not discarded: it is the only copy
    return message


def _could_not(target, error):
    return ("%s: could not save the %s: %s; any file that was there is unchanged"
            % (target.path, target.what, error.strerror or error))


# --- small helpers -------------------------------------------------------------------

def _named(label, path):
    return "%s %s" % (label, path) if label else path


# A picture purebp drew: its XML declaration, then its mark (svg.MARK), or,
# drawn before the mark, its <svg> element as purebp writes it. Any other
# SVG, drawn by hand or by another program, is not replaced.
_PUREBP_SVG = (r'<\?xml version="1\.0" encoding="UTF-8"\?>\s*(<!-- drawn by purebp -->'
                r'|<svg xmlns="http://www\.w3\.org/2000/svg" width="\d+" height="\d+" '
                r'viewBox="0 0 \d+ \d+" font-family="sans-serif" font-size="13">\s*<title>)')

# What an existing file must be for purebp to replace it, by what is written
# there: words for the message, and how such a file begins (a mention of
# purebp or of <svg> elsewhere, in a script or in notes, is not enough).
_OWN = {
    "model": ("a purebp model", r'\{\s*"format"\s*:\s*"purebp-model"'),
    "plot": ("an SVG picture purebp drew", _PUREBP_SVG),
    "picture": ("an SVG picture purebp drew", _PUREBP_SVG),
    "page": ("a page purebp saved", r"<!DOCTYPE html>\s*<!-- purebp's page in one file"),
}


def _holds_other(path, info, what):
    """What the existing regular file ``path`` should be (``_OWN``'s words),
    if it is something else: "" when it is empty or begins as such a file
    does. A lesson.py given to --save, a data file to --plot, is not replaced."""
    if what not in _OWN or info.st_size == 0:
        return ""
    import re
    words, start = _OWN[what]
    try:
        with open(path, "rb") as f:
            head = f.read(4096).decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    except OSError:
        return words
    return "" if re.match(start, head, re.S) else words


def _stat(path):
    try:
        return os.stat(path)
    except ValueError:      # a NUL character: no file system has such a name
        raise PurebpError("%r: a path cannot hold a NUL character" % path)


def _own_stream(info):
    """"input", "output" or "error" if the file ``info`` describes is this
    process's standard input, output or error (``--save /dev/stdout >> f``,
    ``--save f >> f``): replacing it would lose what is written there."""
    for descriptor, stream in ((0, "input"), (1, "output"), (2, "error")):
        try:
            other = os.fstat(descriptor)
        except (OSError, ValueError, AttributeError):
            continue
        if (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino):
            return stream
    return None


def _identity(path):
    """(device, inode) of an existing file, else None (the reader reports it)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino)


def _first_file(path):
    """The first part of ``path`` that exists and is not a folder."""
    parts = os.path.abspath(path).split(os.sep)
    for i in range(2, len(parts) + 1):
        prefix = os.sep.join(parts[:i]) or os.sep
        if os.path.exists(prefix) and not os.path.isdir(prefix):
            return prefix
    return path


def _create_beside(path, mode):
    """A new, exclusively created file in ``path``'s folder: (name, descriptor)."""
    folder, base = os.path.split(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        name = os.path.join(folder, ".%s.%s.purebp-tmp" % (base[:40], os.urandom(4).hex()))
        try:
            return name, os.open(name, flags, mode)
        except FileExistsError:
            continue


def _link_beside(path):
    if not hasattr(os, "link"):
        raise OSError(errno.ENOSYS, "no hard links here")
    folder, base = os.path.split(path)
    while True:
        name = os.path.join(folder, ".%s.%s.purebp-old" % (base[:40], os.urandom(4).hex()))
        try:
            os.link(path, name)
            return name
        except FileExistsError:
            continue


def _take_owner_and_mode(descriptor, info):
    if hasattr(os, "fchown") and hasattr(os, "geteuid") and (
            (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid())):
        try:
            os.fchown(descriptor, info.st_uid, info.st_gid)
        except OSError:
            pass        # only root may give a file away; the file is then ours
    if hasattr(os, "fchmod"):
        os.fchmod(descriptor, stat.S_IMODE(info.st_mode))


def _read_only_file_system(folder):
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):
        return False


def _name_max(folder):
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (AttributeError, OSError, ValueError):
        return None


def _sync_folder(folder):
    """Make the renames themselves durable, where the system allows it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _hold_interrupts():
    """Hold Ctrl-C back while files are renamed (it is delivered right after).

    The signal is blocked in this thread. The kernel then hands it to any
    other thread of the process that does not block it (a library's
    worker, such as numpy's BLAS threads), and Python would still raise
    KeyboardInterrupt here at once: so, in the main thread, a handler of
    ours only notes it meanwhile, and ``_release_interrupts`` delivers it.
    """
    try:
        import signal
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGINT])
    except (ImportError, AttributeError, ValueError, OSError):
        return None
    heard = []
    try:
        handler = signal.signal(signal.SIGINT, lambda number, frame: heard.append(number))
        replaced = True
    except (ValueError, OSError):       # not the main thread: only the mask holds it
        handler, replaced = None, False
    return mask, replaced, handler, heard


def _release_interrupts(held):
    if held is None:
        return
    import signal
    mask, replaced, handler, heard = held
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)     # a held-back Ctrl-C is noted now
    if not replaced:
        return
    if handler is None:                 # set outside Python: the default is what it did
        handler = signal.SIG_DFL
    signal.signal(signal.SIGINT, handler)
    if heard:
        if callable(handler):
            handler(signal.SIGINT, None)                 # e.g. KeyboardInterrupt
        elif handler == signal.SIG_DFL:
            os.kill(os.getpid(), signal.SIGINT)
