"""One writer whatever the path, and a second writer's save is never lost without a word."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.store import DatabaseReadOnly, Store
from facilitator.store.lock import lock_path, read_lock
from facilitator.store.storage import DatabaseChanged

pytestmark = pytest.mark.skipif(os.name != "posix", reason="symlinks need POSIX permissions")


def _titles(db_file: Path) -> list[str]:
    with Store.open(db_file, read_only=True, device_id="reader") as reader:
        return sorted(e.title for e in reader.list_events())


def test_two_symlinks_to_one_database_give_one_writer(tmp_path: Path, db_file: Path) -> None:
    Store.open(db_file).close()
    first_link, second_link = tmp_path / "first.json", tmp_path / "elsewhere" / "second.json"
    second_link.parent.mkdir()
    first_link.symlink_to(db_file)
    second_link.symlink_to(os.path.relpath(db_file, second_link.parent))
    with Store.open(first_link, device_id="a") as first, Store.open(second_link) as second:
        assert first.writable
        assert second.read_only and "open in another copy" in second.read_only_reason
        first.create_event(title="Through the first link")
        with pytest.raises(DatabaseReadOnly):
            second.create_event(title="Through the second link")
        assert [e.title for e in second.list_events()] == ["Through the first link"]


def test_a_write_through_a_symlink_keeps_the_symlink(tmp_path: Path, db_file: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(db_file)
    with Store.open(link) as store:
        store.create_event(title="Birmingham")
        store.create_event(title="Manchester")
    assert link.is_symlink() and link.resolve() == db_file.resolve()
    assert _titles(db_file) == ["Birmingham", "Manchester"]
    assert not (tmp_path / "link.json.lock").exists()  # the lock sat beside the real file


def test_a_lock_deleted_under_a_running_writer_never_gives_two_writers(db_file: Path) -> None:
    first = Store.open(db_file, device_id="first")
    first.create_event(title="Saved by the first copy")
    lock_path(db_file).unlink()  # a cleaning script, a sync tool, a curious user
    second = Store.open(db_file, device_id="second")
    assert second.writable  # nothing on disk says the first copy is there
    second.create_event(title="Saved by the second copy")
    # The first copy finds the lock is no longer its own: it saves nothing and says so.
    with pytest.raises(DatabaseChanged, match="taken over by another copy"):
        first.create_event(title="Would overwrite the second copy's event")
    assert first.read_only and "reload" in first.read_only_reason
    assert _titles(db_file) == ["Saved by the first copy", "Saved by the second copy"]
    # It reads what the second copy saved; the second copy keeps writing.
    assert [e.title for e in first.list_events()][-1] == "Saved by the second copy"
    second.create_event(title="Later")
    first.close()
    assert lock_path(db_file).exists()  # closing the first copy left the second one's lock
    second.close()
    assert not lock_path(db_file).exists()


def test_a_lock_deleted_under_a_writer_is_taken_again_before_its_next_save(
    db_file: Path,
) -> None:
    with Store.open(db_file) as store:
        store.create_event(title="One")
        lock_path(db_file).unlink()
        store.create_event(title="Two")  # nobody else came: it takes its lock back and saves
        assert lock_path(db_file).exists()
        with Store.open(db_file) as late:
            assert late.read_only


def test_a_file_replaced_by_another_writer_is_not_written_over(
    tmp_path: Path, db_file: Path
) -> None:
    # Two mounts of one shared folder, or a copy on a laptop with the same host name: both
    # hold "the" lock. The file itself tells: it is not the one this copy last wrote.
    mine = Store.open(db_file, device_id="mine")
    mine.create_event(title="Mine")
    other_path = tmp_path / "other-mount.json"
    os.link(db_file, other_path)  # the same file under another name, with its own lock
    with Store.open(other_path, device_id="theirs") as theirs:
        assert theirs.writable
        theirs.create_event(title="Theirs")
    other_path.replace(db_file)  # their save lands on the shared file
    with pytest.raises(DatabaseChanged, match="was changed by another copy"):
        mine.create_event(title="Mine again")
    assert mine.read_only and mine.turned_read_only
    assert _titles(db_file) == ["Mine", "Theirs"]
    mine.close()


def test_a_file_deleted_under_a_writer_is_not_silently_recreated(db_file: Path) -> None:
    with Store.open(db_file) as store:
        store.create_event(title="One")
        db_file.unlink()
        with pytest.raises(DatabaseChanged, match="was deleted or moved"):
            store.create_event(title="Two")
    assert not db_file.exists()


def test_a_lock_from_another_laptop_with_the_same_host_name_is_respected(db_file: Path) -> None:
    # The hole: the host name matched, the process id did not exist here, so the lock was
    # taken for a dead copy's. Its machine id says it is another computer's.
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    lock_path(db_file).write_text(
        json.dumps(
            {
                "pid": child.pid,
                "host": socket.gethostname(),
                "since": "2026-12-05T21:00:00Z",
                "machine": "f" * 32,
                "token": "e" * 32,
            }
        )
    )
    with Store.open(db_file) as store:
        assert store.read_only and "open in another copy" in store.read_only_reason
    assert read_lock(lock_path(db_file)).machine == "f" * 32  # type: ignore[union-attr]
