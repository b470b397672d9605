"""Reading and writing files, carefully.

``read_text`` turns every way a file can be unreadable into one clear
``PurebpError``; ``write_atomically`` writes a temporary file in the same
folder, flushes and fsyncs it, then renames it over the target, so a crash
or a full disk never leaves a half-written file where a good one was.
"""

import os
import tempfile

from .errors import PurebpError, SaveError

MAX_BYTES = 200 * 1024 * 1024   # larger files would not fit as Python lists anyway


def read_text(path, what="data file"):
    """The text of ``path``, decoded from UTF-8 (a BOM is dropped)."""
    if os.path.isdir(path):
        raise PurebpError("%s: %s is a directory, not a file" % (path, what))
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise PurebpError("%s: %s is %d MB, more than purebp reads (%d MB)"
                              % (path, what, size // 2 ** 20, MAX_BYTES // 2 ** 20))
        with open(path, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        raise PurebpError("%s: no such file" % path)
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


def write_atomically(path, text, what="file"):
    """Replace ``path`` with ``text`` (UTF-8) all at once, or not at all."""
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise PurebpError("%s: is a directory; give a file name for the %s" % (path, what))
    if not os.path.isdir(folder):
        raise PurebpError("%s: the folder %s does not exist" % (path, folder))
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=".purebp-", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
        temporary = None
        _sync_folder(folder)
    except OSError as error:
        raise SaveError("%s: could not save the %s: %s; any file that was there is unchanged"
                        % (path, what, error.strerror or error))
    finally:
        if temporary is not None and os.path.exists(temporary):
            os.remove(temporary)


def _sync_folder(folder):
    """Make the rename itself durable, where the system allows it."""
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
