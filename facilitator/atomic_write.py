"""Replace a file's contents so that a crash leaves either the old or the new file, never half."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from pathlib import Path

from facilitator.errors import FacilitatorError

try:
    import fcntl
except ImportError:  # Windows
    # Not type-checked below: no fcntl on Windows.
    fcntl = None  # type: ignore[assignment]

# Windows reports a file busy while a virus scanner or indexer holds it for a moment.
REPLACE_RETRIES = 10
REPLACE_RETRY_DELAY_S = 0.05


class WriteFailed(FacilitatorError):
    """The file could not be written; the previous version is still in place."""


def describe_os_error(exc: OSError) -> str:
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the disk is read-only",
        errno.ENOENT: "the folder does not exist",
        errno.EIO: "the disk reported an input/output error (was it removed?)",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


FOLDER_NOT_SYNCED = "saved, but the folder could not be synced"


def full_sync(fd: int) -> None:
    """Flush a file to the disk itself. On macOS fsync only reaches the drive's cache;
    F_FULLFSYNC asks the drive to write it out (where the file system refuses, fsync)."""
    full = getattr(fcntl, "F_FULLFSYNC", None) if fcntl is not None else None
    if full is not None:
        try:
            fcntl.fcntl(fd, full)
            return
        except OSError:
            pass
    os.fsync(fd)


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not possible (nor needed) on Windows.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        full_sync(fd)
    finally:
        os.close(fd)


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once, at import (before any threads): setting it is the only way to read it.
_UMASK = _current_umask()


def _mode_for(target: Path) -> int:
    """The mode the file would have had if written in place: kept if it exists, else the
    usual one (a temporary file is private, and a shared PDF or report must not become so)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_UMASK


def _replace(src: str, dst: Path) -> None:
    for attempt in range(REPLACE_RETRIES):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if os.name != "nt" or attempt == REPLACE_RETRIES - 1:
                raise
            time.sleep(REPLACE_RETRY_DELAY_S)


def write_atomic(path: str | os.PathLike[str], data: bytes, *, durable: bool = True) -> str:
    """Write `data` to `path` via a synced temporary file in the same folder and a rename.

    Raises WriteFailed with a plain sentence; the old file, if any, is left untouched. Once
    the rename is done the data is saved: if only the folder's sync then fails, that is
    returned as a warning ("saved, but the folder could not be synced: ..."), else "".
    A symlink is written through: its target gets the data and the symlink stays.
    `durable=False` skips the syncs: still whole or old after the app is killed, but a power
    cut may keep the old file (for small notes that are rewritten often, never for data).
    """
    target = Path(os.path.realpath(path))
    folder = target.parent if str(target.parent) else Path(".")
    tmp_name = ""
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        if os.name == "posix":
            os.fchmod(fd, _mode_for(target))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                full_sync(handle.fileno())
        _replace(tmp_name, target)
        tmp_name = ""
    except OSError as exc:
        raise WriteFailed(f"could not save {target}: {describe_os_error(exc)}") from exc
    finally:
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    if not durable:
        return ""
    try:
        _fsync_folder(folder)
    except OSError as exc:
        return f"{FOLDER_NOT_SYNCED} ({describe_os_error(exc)})"
    return ""
