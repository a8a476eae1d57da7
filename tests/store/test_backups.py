"""Rolling backups beside the database, and restoring one."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from facilitator.errors import FacilitatorError, InputError
from facilitator.store import Store
from facilitator.store.backups import (
    KEEP_LATEST,
    backup_name,
    backups_dir,
    list_backups,
    newest_with_data,
    restore_backup,
    rotate,
    write_backup,
)
from facilitator.store.migrations import new_database


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 26, 18, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def test_backup_taken_at_open_holds_the_database_as_it_was(db_file: Path) -> None:
    clock = FakeClock()
    with Store.open(db_file, clock=clock) as store:
        store.create_event(title="Birmingham")
    assert list_backups(db_file) == []  # a new database has nothing to back up
    before = db_file.read_bytes()
    with Store.open(db_file, clock=clock) as store:
        store.create_event(title="London")
    [backup] = list_backups(db_file)
    assert backup.path.read_bytes() == before
    assert backup.path.parent == db_file.with_name("facilitator.db.json.backups")
    clock.advance(seconds=1)
    with Store.open(db_file, clock=clock):
        pass
    assert len(list_backups(db_file)) == 2
    clock.advance(seconds=1)
    with Store.open(db_file, clock=clock):
        pass  # unchanged since the last backup: not backed up again
    assert len(list_backups(db_file)) == 2


def test_backups_while_writing_at_most_every_five_minutes(db_file: Path) -> None:
    clock = FakeClock()
    with Store.open(db_file, clock=clock) as store:
        event = store.create_event(title="Birmingham")
    with Store.open(db_file, clock=clock) as store:  # backup at open
        for minute in range(1, 12):
            clock.advance(minutes=1)
            store.update_event(event.id, notes=f"minute {minute}")
        taken = [b.taken for b in reversed(list_backups(db_file))]
    assert [(t - taken[0]).total_seconds() / 60 for t in taken] == [0, 5, 10]
    newest = json.loads(list_backups(db_file)[0].path.read_text())
    assert newest["events"][event.id]["notes"] == "minute 10"


def test_rotation_keeps_the_last_ten_one_an_hour_for_a_day_and_one_a_day_for_a_week(
    tmp_path: Path,
) -> None:
    db_file = tmp_path / "db.json"
    folder = backups_dir(db_file)
    folder.mkdir()
    now = datetime(2026, 11, 26, 18, 0, tzinfo=UTC)
    times = [now - timedelta(minutes=5 * i) for i in range(15)]  # today, every 5 minutes
    times += [now - timedelta(days=d, hours=h) for d in range(1, 10) for h in (1, 3)]
    for t in times:
        (folder / backup_name(t)).write_text("{}")
    rotate(db_file, now)
    kept = sorted((b.taken for b in list_backups(db_file)), reverse=True)
    latest = sorted(times, reverse=True)[:KEEP_LATEST]
    hourly = [now - timedelta(minutes=65)]  # 16:55, the newest of 16:00-17:00
    daily = [now - timedelta(days=d, hours=1) for d in range(1, 7)]  # newest of each past day
    assert kept == sorted(set(latest) | set(hourly) | set(daily), reverse=True)
    assert len(kept) == 17


def test_rotation_never_removes_the_newest_backup_that_holds_data(tmp_path: Path) -> None:
    # An emptied database saved over and over: its backups hold nothing, but one old one does.
    db_file = tmp_path / "db.json"
    with Store.open(db_file) as store:
        store.create_event(title="Birmingham")
    good = db_file.read_bytes()
    shutil.rmtree(backups_dir(db_file), ignore_errors=True)
    folder = backups_dir(db_file)
    folder.mkdir()
    now = datetime(2026, 11, 26, 18, 0, tzinfo=UTC)
    old = now - timedelta(days=30)
    (folder / backup_name(old)).write_bytes(good)
    empty = json.dumps(new_database("2026-11-26T18:00:00.000Z")).encode()
    for minutes in range(0, 300, 5):
        write_backup(db_file, empty + b" " * minutes, now - timedelta(minutes=300 - minutes))
    kept = list_backups(db_file)
    assert old in [b.taken for b in kept]
    assert newest_with_data(db_file) == next(b for b in kept if b.taken == old)
    # The last ten (17:10-17:55), the newest of 13:00, 14:00, 15:00 and 16:00, and the old one.
    assert len(kept) == KEEP_LATEST + 4 + 1


def test_restore_puts_the_backup_back_and_keeps_what_it_replaced(db_file: Path) -> None:
    with Store.open(db_file) as store:
        store.create_event(title="Birmingham")
    with Store.open(db_file) as store:
        store.create_event(title="Mistake")
    [backup] = list_backups(db_file)
    replaced = db_file.read_bytes()
    saved = restore_backup(db_file, backup.path, datetime.now(UTC))
    assert saved is not None and saved.read_bytes() == replaced and "before-restore" in saved.name
    with Store.open(db_file, read_only=True) as store:
        assert [e.title for e in store.list_events()] == ["Birmingham"]


def test_restore_repairs_a_damaged_database_and_keeps_the_damaged_file(db_file: Path) -> None:
    with Store.open(db_file) as store:
        store.create_event(title="Birmingham")
    with Store.open(db_file):
        pass
    db_file.write_bytes(b'{"events": {"ab')  # the laptop died in a way we could not prevent
    saved = restore_backup(db_file, list_backups(db_file)[0].path, datetime.now(UTC))
    assert saved is not None and saved.read_bytes() == b'{"events": {"ab'
    with Store.open(db_file) as store:
        assert [e.title for e in store.list_events()] == ["Birmingham"]


def test_restore_is_refused_while_the_app_has_the_database(db_file: Path) -> None:
    with Store.open(db_file) as store:
        store.create_event(title="Birmingham")
        copy = db_file.with_name("copy.json")
        copy.write_bytes(db_file.read_bytes())
        before = db_file.read_bytes()
        with pytest.raises(FacilitatorError, match=r"cannot restore now: .* close it first"):
            restore_backup(db_file, copy, datetime.now(UTC))
        assert db_file.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "is empty"), (b"{oops", "is damaged"), (b'{"_default": {"1": {}}}', "no schema")],
)
def test_a_bad_backup_is_not_restored(db_file: Path, content: bytes, message: str) -> None:
    with Store.open(db_file) as store:
        store.create_event(title="Birmingham")
    before = db_file.read_bytes()
    bad = db_file.with_name("bad.json")
    bad.write_bytes(content)
    with pytest.raises(InputError, match=message):
        restore_backup(db_file, bad, datetime.now(UTC))
    assert db_file.read_bytes() == before


def test_a_backup_that_cannot_be_written_does_not_fail_the_save(db_file: Path) -> None:
    clock = FakeClock()
    with Store.open(db_file, clock=clock) as store:
        event = store.create_event(title="Birmingham")
    backups_dir(db_file).write_text("a file where the backup folder should be")
    with Store.open(db_file, clock=clock) as store:
        assert store.backup_warning.startswith("the last backup failed: could not create")
        clock.advance(minutes=6)
        assert store.update_event(event.id, notes="saved anyway").notes == "saved anyway"
    with Store.open(db_file, read_only=True) as store:
        assert store.get_event(event.id).notes == "saved anyway"
