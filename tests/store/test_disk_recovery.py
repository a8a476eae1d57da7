"""When the disk comes back the store writes again; a save that is on disk is reported as saved."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

import facilitator.atomic_write as atomic_write
from facilitator.atomic_write import write_atomic
from facilitator.store import DatabaseReadOnly, Store
from facilitator.store import store as store_module
from facilitator.store.lock import WriterLock, lock_path


def _refuse_lock(monkeypatch: pytest.MonkeyPatch, err: int) -> None:
    def refuse(self: WriterLock, payload: bytes) -> bool:
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(WriterLock, "_create", refuse)


@pytest.mark.parametrize(("err", "said"), [(errno.EROFS, "Read-only"), (errno.ENOSPC, "space")])
def test_a_store_opened_on_a_refusing_disk_writes_again_once_it_accepts(
    db_file: Path, monkeypatch: pytest.MonkeyPatch, err: int, said: str
) -> None:
    with Store.open(db_file) as store:
        event = store.create_event(title="Birmingham")
    _refuse_lock(monkeypatch, err)
    monkeypatch.setattr(store_module, "RETRY_WRITABLE_S", 0.0)
    store = Store.open(db_file)
    try:
        assert store.read_only and store.retry_writable
        assert said in store.read_only_reason
        with pytest.raises(DatabaseReadOnly):  # tried again: the disk still refuses
            store.update_event(event.id, notes="typed while the disk refused")
        assert store.recovered == ""
        monkeypatch.undo()  # the disk accepts writes again
        monkeypatch.setattr(store_module, "RETRY_WRITABLE_S", 0.0)
        # The next save tries again, takes the lock and saves; a line says so.
        assert store.update_event(event.id, notes="typed later").notes == "typed later"
        assert store.writable and not store.retry_writable
        assert store.recovered == "facilitator.db.json can be written again: saving resumed"
        assert lock_path(db_file).exists()
    finally:
        store.close()
    with Store.open(db_file, read_only=True) as again:
        assert again.get_event(event.id).notes == "typed later"


def test_a_refusing_disk_is_retried_but_another_copy_is_not(
    db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(db_file).close()
    _refuse_lock(monkeypatch, errno.EROFS)
    waiting = Store.open(db_file)
    monkeypatch.undo()
    with Store.open(db_file) as writer:  # meanwhile another copy opened it
        assert writer.writable
        assert not waiting.try_writable()
        assert not waiting.retry_writable  # for good: that copy is the writer now
        assert "open in another copy" in waiting.read_only_reason
    waiting.close()


def test_a_folder_that_cannot_be_synced_after_the_rename_is_saved_with_a_warning(
    db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(db_file)
    event = store.create_event(title="Birmingham")

    def unsyncable(folder: Path) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(atomic_write, "_fsync_folder", unsyncable)
    updated = store.update_event(event.id, notes="on disk")  # not a failed save
    assert updated.notes == "on disk"
    assert store.sync_warning.startswith("saved, but the folder could not be synced")
    monkeypatch.undo()
    store.update_event(event.id, notes="and the next one")
    assert store.sync_warning == ""
    store.close()
    with Store.open(db_file, read_only=True) as again:
        assert again.get_event(event.id).notes == "and the next one"


def test_macos_full_sync_is_asked_for_the_file_and_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    fsyncs: list[int] = []

    def fcntl(fd: int, command: int) -> None:
        assert command == 51  # F_FULLFSYNC on macOS
        calls.append(fd)

    monkeypatch.setattr(atomic_write, "fcntl", SimpleNamespace(F_FULLFSYNC=51, fcntl=fcntl))
    monkeypatch.setattr(atomic_write.os, "fsync", fsyncs.append)
    write_atomic(tmp_path / "file.json", b"{}")
    assert len(calls) == (2 if os.name == "posix" else 1) and fsyncs == []


def test_where_full_sync_is_refused_fsync_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fsyncs: list[int] = []

    def fcntl(fd: int, command: int) -> None:
        raise OSError(errno.ENOTSUP, "not supported")  # e.g. a network share

    monkeypatch.setattr(atomic_write, "fcntl", SimpleNamespace(F_FULLFSYNC=51, fcntl=fcntl))
    monkeypatch.setattr(atomic_write.os, "fsync", fsyncs.append)
    write_atomic(tmp_path / "file.json", b"{}")
    assert len(fsyncs) == (2 if os.name == "posix" else 1)
    assert (tmp_path / "file.json").read_bytes() == b"{}"
