"""Rolling backups beside the database, in tiers: the last 10, the newest of each of the last
24 hours and of each of the last 7 days; and never the newest backup that holds data."""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from facilitator.atomic_write import WriteFailed, describe_os_error, write_atomic
from facilitator.errors import FacilitatorError, InputError
from facilitator.store.lock import LockHeld, WriterLock, real_path
from facilitator.store.migrations import HISTORY_TABLE, RECORD_TABLES, is_blank, migrate
from facilitator.store.storage import Data, parse_database

BACKUP_INTERVAL = timedelta(minutes=5)  # while writing, at most one backup this often
KEEP_LATEST = 10
KEEP_HOURLY_HOURS = 24
KEEP_DAILY_DAYS = 7
BACKUPS_SUFFIX = ".backups"
_NAME = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{6})Z(?:-([a-z-]+))?\.json$")
_STAMP = "%Y-%m-%dT%H-%M-%S.%f"
DAMAGED_BACKUP_ADVICE = "it cannot be restored; choose another one from `facilitator db backups`"


@dataclass(frozen=True)
class Backup:
    """One backup file; `label` says why it was taken when not routine (e.g. before-restore)."""

    path: Path
    taken: datetime  # UTC
    size: int
    label: str = ""

    @property
    def name(self) -> str:
        return self.path.name


def backups_dir(db_path: Path) -> Path:
    real = real_path(db_path)  # beside the file itself, whichever symlink named it
    return real.with_name(real.name + BACKUPS_SUFFIX)


def list_backups(db_path: Path) -> list[Backup]:
    """The database's backups, newest first."""
    folder = backups_dir(db_path)
    found = []
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return []
    for entry in entries:
        match = _NAME.match(entry.name)
        if not match or not entry.is_file():
            continue
        taken = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
        found.append(Backup(Path(entry.path), taken, entry.stat().st_size, match.group(2) or ""))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def backup_name(taken: datetime, label: str = "") -> str:
    suffix = f"-{label}" if label else ""
    return taken.astimezone(UTC).strftime(_STAMP) + "Z" + suffix + ".json"


def write_backup(db_path: Path, payload: bytes, now: datetime, label: str = "") -> Path | None:
    """Save `payload` (the database's bytes) as a backup, then rotate.

    A routine backup identical to the newest one is skipped (None): reopening the app ten
    times must not push the useful backups out.
    """
    existing = list_backups(db_path)
    if not label and existing and existing[0].size == len(payload):
        with contextlib.suppress(OSError):
            if existing[0].path.read_bytes() == payload:
                return None
    folder = backups_dir(db_path)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise WriteFailed(f"could not create {folder}: {describe_os_error(exc)}") from None
    taken = now
    if existing and taken <= existing[0].taken:  # the clock went back, or two in a microsecond
        taken = existing[0].taken + timedelta(microseconds=1)
    target = folder / backup_name(taken, label)
    write_atomic(target, payload)
    rotate(db_path, now)
    return target


def backups_to_keep(backups: list[Backup], now: datetime) -> set[Path]:
    """The newest KEEP_LATEST, plus the newest of each of the last KEEP_HOURLY_HOURS UTC
    hours and of each of the last KEEP_DAILY_DAYS UTC days."""
    newest_first = sorted(backups, key=lambda b: b.taken, reverse=True)
    keep = {b.path for b in newest_first[:KEEP_LATEST]}
    first_hour = (now - timedelta(hours=KEEP_HOURLY_HOURS - 1)).replace(
        minute=0, second=0, microsecond=0
    )
    first_day = (now - timedelta(days=KEEP_DAILY_DAYS - 1)).date()
    seen_hours, seen_days = set(), set()
    for backup in newest_first:
        hour = backup.taken.replace(minute=0, second=0, microsecond=0)
        if hour >= first_hour and hour not in seen_hours:
            seen_hours.add(hour)
            keep.add(backup.path)
        day = backup.taken.date()
        if day >= first_day and day not in seen_days:
            seen_days.add(day)
            keep.add(backup.path)
    return keep


def holds_data(data: Data | None) -> bool:
    """True when a database has any record, or any history of one."""
    return data is not None and any(data.get(name) for name in (*RECORD_TABLES, HISTORY_TABLE))


def newest_with_data(db_path: Path) -> Backup | None:
    """The newest backup that parses, is ours and holds data: what an emptied database had."""
    for backup in list_backups(db_path):
        try:
            raw = read_restorable(backup.path)
            data, _ = migrate(parse_database(raw, backup.path) or {}, backup.path)
        except (InputError, OSError):
            continue
        if holds_data(data):
            return backup
    return None


def rotate(db_path: Path, now: datetime) -> list[Path]:
    """Delete the backups the policy no longer keeps; returns what was deleted.

    The newest backup that holds data is always kept: if the database was emptied and saved
    over many times, that backup is the one to restore."""
    backups = list_backups(db_path)
    keep = backups_to_keep(backups, now)
    if len(keep) == len(backups):
        return []
    precious = newest_with_data(db_path)
    if precious is not None:
        keep.add(precious.path)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            with contextlib.suppress(FileNotFoundError):
                backup.path.unlink()
                removed.append(backup.path)
    return removed


def find_backup(db_path: Path, ref: str) -> Path:
    """A backup named on the command line: a path, or a name from `facilitator db backups`."""
    candidate = Path(ref)
    if candidate.is_file():
        return candidate
    in_folder = backups_dir(db_path) / ref
    if in_folder.is_file():
        return in_folder
    raise InputError(
        f"{ref}: no such backup (see `facilitator db backups` for the backups of {db_path})"
    )


def read_restorable(backup: Path) -> bytes:
    """The bytes of `backup` if it could stand in for the database: it can be read, parses,
    is not empty and has a schema this version reads; otherwise an InputError saying why."""
    try:
        raw = backup.read_bytes()
    except OSError as exc:
        raise InputError(f"{backup}: cannot be read ({exc.strerror})") from None
    data = parse_database(raw, backup, damaged_advice=DAMAGED_BACKUP_ADVICE)
    if data is None or is_blank(data):
        raise InputError(f"{backup}: is empty; there is nothing to restore")
    migrate(data, backup)  # refuses a file that is not ours or is from a newer version
    return raw


def restore_backup(db_path: Path, backup: Path, now: datetime) -> Path | None:
    """Put `backup` in place of the database; returns where the replaced database was saved.

    Needs the writer lock, so it refuses while the app has the database open. The current
    file, even a damaged one, is kept as a `before-restore` backup: restoring loses nothing.
    """
    raw = read_restorable(backup)
    lock = WriterLock(db_path)
    try:
        lock.acquire()
    except LockHeld as exc:
        raise FacilitatorError(_lock_refusal(lock, exc)) from None
    try:
        saved = None
        try:
            current = db_path.read_bytes()
        except FileNotFoundError:
            current = b""
        if current:
            saved = write_backup(db_path, current, now, label="before-restore")
        write_atomic(db_path, raw)
    finally:
        lock.release()
    return saved


def _lock_refusal(lock: WriterLock, exc: LockHeld) -> str:
    # The lock's own reason speaks for the app ("this copy can only read it"); a restore
    # names what holds the database and what to do.
    if exc.holder is not None or lock.path.exists():
        who = exc.holder.describe() if exc.holder else "one that is starting"
        return (
            f"cannot restore now: {lock.db_path.name} is open in another copy of Facilitator "
            f"({who}); close it first"
        )
    return f"cannot restore now: {exc.reason}"
