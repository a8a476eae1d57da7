"""Whole-file writes: old or new, never half; and the file keeps the mode people expect."""

import os
import stat

import pytest

from facilitator.atomic_write import WriteFailed, write_atomic


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_new_file_gets_the_usual_mode_not_a_private_one(tmp_path):
    old = os.umask(0o022)
    try:
        path = tmp_path / "report.md"
        write_atomic(path, b"hello")
    finally:
        os.umask(old)
    assert path.read_bytes() == b"hello"
    # The umask is read when the module loads; the test runs under the usual 022.
    assert mode(path) & 0o044 == 0o044


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_replacing_a_file_keeps_its_mode(tmp_path):
    path = tmp_path / "pack.pdf"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new" and mode(path) == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "deck.deck.json"
    path.write_bytes(b"old")

    def full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(WriteFailed, match="the disk is full"):
        write_atomic(path, b"new")
    monkeypatch.undo()
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["deck.deck.json"]


def test_a_note_written_often_skips_the_disk_syncs_but_is_still_replaced_whole(
    tmp_path, monkeypatch
):
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    folder = tmp_path / "notes"
    folder.mkdir()
    target = folder / "note.json"
    write_atomic(target, b"old")
    assert synced  # data is synced
    synced.clear()
    write_atomic(target, b"new", durable=False)
    assert synced == []
    assert target.read_bytes() == b"new"
    assert [p.name for p in folder.iterdir()] == ["note.json"]  # no temporary left


@pytest.mark.skipif(os.name != "posix", reason="symlinks need POSIX permissions")
def test_a_write_through_a_symlink_replaces_its_target_and_keeps_the_symlink(tmp_path):
    target = tmp_path / "shared" / "report.pdf"
    target.parent.mkdir()
    target.write_bytes(b"old")
    link = tmp_path / "report.pdf"
    link.symlink_to(target)
    write_atomic(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
