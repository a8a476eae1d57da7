"""One writer per database: a lock file beside it naming the process that holds it.

The lock sits beside the database's real path (symlinks resolved), so two paths to one file
share one lock. It names the holder's process, host name and machine id (a random id kept in
the data folder: two laptops may share a host name, never a machine id), and a token that is
new at every acquire: before each save the holder checks the lock still carries its token.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

LOCK_SUFFIX = ".lock"
# A lock from another computer cannot be checked for a live process: trust it for this long
# after its holder last touched it (each save touches it).
FOREIGN_LOCK_TRUST_S = 12 * 60 * 60
# A lock file that is empty or garbled was being written when its writer died.
GARBLED_LOCK_GRACE_S = 10.0


@dataclass(frozen=True)
class LockInfo:
    """Who holds a database."""

    pid: int
    host: str
    since: str  # ISO 8601 UTC
    boot: str = ""  # the holder's boot id, where the platform tells us
    machine: str = ""  # the holder's installation (device id); "" in locks from before it
    token: str = ""  # new at every acquire: tells the holder its lock is still its own
    had_data: bool = False  # the database held data when the lock was taken

    def describe(self) -> str:
        when = self.since[11:16] + " UTC" if len(self.since) >= 16 else "an unknown time"
        return f"process {self.pid} on {self.host}, since {self.since[:10]} {when}"


def real_path(db_path: Path) -> Path:
    """The file a path really names: symlinks and `..` resolved, so two paths to one file
    share its lock, backups and writes (and a write through a symlink keeps the symlink)."""
    return Path(os.path.realpath(db_path))


def lock_path(db_path: Path) -> Path:
    real = real_path(db_path)
    return real.with_name(real.name + LOCK_SUFFIX)


def this_machine() -> str:
    """This installation's id (the device id kept in the data folder)."""
    from facilitator.store.device import device_id

    return device_id()


def _boot_id() -> str:
    # Process ids are reused after a restart: a lock from an earlier boot is stale.
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        import ctypes

        # Not type-checked below: windll exists only on Windows.
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def read_lock(path: Path) -> LockInfo | None:
    """The holder named in a lock file, or None when the file is empty or garbled."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockInfo(
            pid=int(data["pid"]),
            host=str(data["host"]),
            since=str(data["since"]),
            boot=str(data.get("boot", "")),
            machine=str(data.get("machine", "")),
            token=str(data.get("token", "")),
            had_data=data.get("had_data") is True,
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def is_stale(path: Path, info: LockInfo | None) -> bool:
    """True when the process named in the lock can no longer be writing."""
    try:
        age = time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return True
    if info is None:
        return age > GARBLED_LOCK_GRACE_S
    if not is_this_machine(info):
        return age > FOREIGN_LOCK_TRUST_S
    if info.boot and _boot_id() and info.boot != _boot_id():
        return True
    return not _pid_alive(info.pid)


def is_this_machine(info: LockInfo) -> bool:
    """True when the lock was taken on this computer, so its process can be looked up.

    Two laptops with the same host name on a shared folder differ in machine id."""
    if info.host != socket.gethostname():
        return False
    return not info.machine or info.machine == this_machine()


class LockHeld(Exception):
    """The database is locked by someone else; `holder` says who, when known.

    `disk_error` is set when the lock could not even be created (a read-only or full disk):
    worth trying again later, unlike a lock another copy holds."""

    def __init__(self, holder: LockInfo | None, reason: str, disk_error: bool = False) -> None:
        super().__init__(reason)
        self.holder = holder
        self.reason = reason
        self.disk_error = disk_error


class WriterLock:
    """The lock file `<database>.lock`, created exclusively; stale locks are taken over."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = real_path(db_path)
        self.path = lock_path(db_path)
        self.held = False
        self.took_over: LockInfo | None = None  # the dead holder whose lock we took, if any
        self.info: LockInfo | None = None  # what our lock file says, while we hold it

    def _payload(self) -> bytes:
        try:
            had_data = self.db_path.stat().st_size > 0
        except OSError:
            had_data = False
        self.info = LockInfo(
            pid=os.getpid(),
            host=socket.gethostname(),
            since=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            boot=_boot_id(),
            machine=this_machine(),
            token=uuid.uuid4().hex,
            had_data=had_data,
        )
        return json.dumps(asdict(self.info)).encode("utf-8")

    def acquire(self) -> None:
        """Take the lock or raise LockHeld with a sentence a user understands."""
        payload = self._payload()
        for _ in range(5):
            try:
                created = self._create(payload)
            except OSError as exc:
                raise LockHeld(
                    None,
                    f"cannot create the lock file {self.path.name} in {self.path.parent} "
                    f"({exc.strerror}); this copy can only read the database",
                    disk_error=True,
                ) from None
            if created:
                self.held = True
                return
            seen = _read_bytes(self.path)
            holder = read_lock(self.path)
            if not is_stale(self.path, holder):
                who = holder.describe() if holder else "a process that is starting"
                raise LockHeld(
                    holder,
                    f"{self.db_path.name} is open in another copy of Facilitator ({who}); "
                    "this copy can only read it",
                )
            self.took_over = holder
            self._remove_stale(seen)
        raise LockHeld(None, f"could not take the lock {self.path.name}; try again")

    def _create(self, payload: bytes) -> bool:
        """Create the lock file whole, or return False if it exists.

        The content is written to a temporary file first and hard-linked into place, so a
        copy killed while starting never leaves an empty lock behind. Where the file system
        has no hard links (FAT on a USB stick), exclusive creation is the fallback.
        """
        tmp = self.path.with_name(f".{self.db_path.name}.lock-{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            try:
                os.link(tmp, self.path)
                return True
            except FileExistsError:
                return False
            except FileNotFoundError:
                return False  # our temporary file was cleaned away: look again
            except OSError:
                pass  # no hard links here
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        return True

    def _remove_stale(self, seen: bytes | None) -> None:
        # Rename first, so of two copies starting together only one removes the stale file;
        # if what we renamed is not the stale lock we judged, a live copy just took it: put
        # it back (a hard link never overwrites) and let acquire() find it held.
        aside = self.path.with_name(f"{self.path.name}.stale-{os.getpid()}")
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:
            return
        if _read_bytes(aside) != seen:
            with contextlib.suppress(OSError):
                os.link(aside, self.path)
        with contextlib.suppress(OSError):
            os.unlink(aside)

    def still_ours(self) -> LockInfo | None:
        """None while the lock file is ours; else who holds it now (a LockInfo with pid 0
        when nobody does: a lock file deleted under us is taken again before saving)."""
        if not self.held or self.info is None:
            return LockInfo(pid=0, host="", since="")
        current = read_lock(self.path)
        if current is not None and current.token == self.info.token:
            return None
        if current is None and not self.path.exists():
            try:
                if self._create(json.dumps(asdict(self.info)).encode("utf-8")):
                    return None
            except OSError:
                return None  # the disk is away: the save will fail and say so
            current = read_lock(self.path)
        self.held = False
        return current or LockInfo(pid=0, host="", since="")

    def touch(self) -> None:
        """Show other computers that the holder is still alive (see FOREIGN_LOCK_TRUST_S)."""
        if self.held:
            with contextlib.suppress(OSError):
                os.utime(self.path)

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        holder = read_lock(self.path)
        if holder is not None and self.info is not None and holder.token == self.info.token:
            with contextlib.suppress(OSError):
                os.unlink(self.path)
