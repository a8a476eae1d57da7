"""An emptied database (0 bytes, blank, `{}`, deleted) beside backups is never taken for a new one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.store import DatabaseReadOnly, Store
from facilitator.store.backups import list_backups
from facilitator.store.lock import lock_path
from facilitator.store.store import DatabaseEmptied


@pytest.fixture
def saved(db_file: Path) -> bytes:
    """A database with an event, reopened once so a backup of it sits beside it."""
    with Store.open(db_file) as store:
        store.create_event(title="PMO Flashmob Birmingham", table_count=3)
    with Store.open(db_file):
        pass
    [backup] = list_backups(db_file)
    assert backup.path.read_bytes() == db_file.read_bytes()
    return db_file.read_bytes()


EMPTIED = {
    "zero bytes": b"",
    "blank": b"  \n\t \n",
    "an empty object": b"{}",
    "TinyDB's empty default": b'{"_default": {}}',
    "deleted": None,
}


def _empty(db_file: Path, content: bytes | None) -> None:
    if content is None:
        db_file.unlink()
    else:
        db_file.write_bytes(content)


@pytest.mark.parametrize("content", EMPTIED.values(), ids=EMPTIED.keys())
def test_an_emptied_database_opens_read_only_naming_the_backup_to_restore(
    db_file: Path, saved: bytes, content: bytes | None
) -> None:
    _empty(db_file, content)
    [backup] = list_backups(db_file)
    store = Store.open(db_file)
    try:
        assert store.read_only and store.emptied
        assert store.restore_from == backup
        reason = store.read_only_reason
        assert "it was not opened as a new database" in reason
        assert f"`facilitator db restore {backup.name}`" in reason
        assert not lock_path(db_file).exists()  # so the restore can take it
        with pytest.raises(DatabaseEmptied):
            store.list_events()
        with pytest.raises(DatabaseReadOnly):
            store.create_event(title="A new evening over the old one")
    finally:
        store.close()
    # Nothing was written: not the file, and no backup of the emptiness.
    assert (db_file.read_bytes() if db_file.exists() else None) == content
    assert list_backups(db_file) == [backup]


@pytest.mark.parametrize("content", EMPTIED.values(), ids=EMPTIED.keys())
def test_every_command_exits_2_and_db_restore_brings_the_data_back(
    db_file: Path, saved: bytes, content: bytes | None, capsys: pytest.CaptureFixture[str]
) -> None:
    _empty(db_file, content)
    [backup] = list_backups(db_file)
    for command in (["events"], ["db", "check"], ["export", "--event", "abcd", "-o", "x.json"]):
        capsys.readouterr()
        code = main(command)
        err = capsys.readouterr().err
        assert code == 2, (command, err)
        assert f"facilitator db restore {backup.name}" in err and len(err.splitlines()) == 1
    assert main(["db", "restore", backup.name]) == 0
    assert db_file.read_bytes() == saved
    capsys.readouterr()
    assert main(["events"]) == 0
    assert "PMO Flashmob Birmingham" in capsys.readouterr().out


def test_import_into_an_emptied_database_exits_2(
    db_file: Path, saved: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db_file, read_only=True) as store:
        payload = store.export_event(store.list_events()[0].id)
    event_file = tmp_path / "event.json"
    event_file.write_text(json.dumps(payload), "utf-8")
    db_file.write_bytes(b"")
    assert main(["import", str(event_file)]) == 2
    assert "was not opened as a new database" in capsys.readouterr().err
    assert db_file.read_bytes() == b""


def test_a_lock_left_by_a_writer_of_data_is_evidence_too(db_file: Path, saved: bytes) -> None:
    # No backups at all, but the lock of a copy that died holding a database with data.
    with Store.open(db_file) as store:  # a writer that held data ...
        lock = json.loads(lock_path(db_file).read_text())
        assert lock["had_data"] is True
    shutil.rmtree(db_file.with_name(db_file.name + ".backups"))
    lock["pid"] = 2**22 + 7  # ... and died (no such process)
    lock_path(db_file).write_text(json.dumps(lock))
    db_file.write_bytes(b"")
    with Store.open(db_file) as store:
        assert store.emptied and store.restore_from is None
        assert "its lock shows it held data" in store.read_only_reason
        assert "no backup holds data" in store.read_only_reason


def test_a_new_database_is_still_just_new(db_file: Path) -> None:
    # No backups and no lock: an empty or missing file is a new database, as before.
    db_file.write_bytes(b"")
    with Store.open(db_file) as store:
        assert store.writable and not store.emptied
        store.create_event(title="First evening")
    with Store.open(db_file, read_only=True) as store:
        assert [e.title for e in store.list_events()] == ["First evening"]


def test_an_emptied_database_is_not_backed_up_over_and_over(db_file: Path, saved: bytes) -> None:
    # The hole: a dozen opens and saves of an emptied database rotated the good copy away.
    db_file.write_bytes(b"{}")
    for _ in range(15):
        with Store.open(db_file) as store, pytest.raises(DatabaseReadOnly):
            store.create_event(title="Over the top")
    [backup] = list_backups(db_file)
    assert backup.path.read_bytes() == saved
