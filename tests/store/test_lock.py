"""One writer at a time: a second copy reads only; a dead copy's lock is taken over."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from facilitator.store import DatabaseReadOnly, Store
from facilitator.store.lock import (
    GARBLED_LOCK_GRACE_S,
    lock_path,
    read_lock,
    this_machine,
)


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _write_lock(db_file: Path, age_s: float = 0.0, **fields: object) -> Path:
    info = {"pid": os.getpid(), "host": socket.gethostname(), "since": "2026-11-26T21:04:00Z"}
    info.update(fields)
    path = lock_path(db_file)
    path.write_text(json.dumps(info))
    if age_s:
        then = time.time() - age_s
        os.utime(path, (then, then))
    return path


def test_second_copy_gets_read_only_access_with_a_clear_sentence(db_file: Path) -> None:
    with Store.open(db_file) as first:
        first.create_event(title="Birmingham")
        with Store.open(db_file) as second:
            assert second.read_only
            assert (
                second.read_only_reason
                == (
                    f"facilitator.db.json is open in another copy of Facilitator (process "
                    f"{os.getpid()} on {socket.gethostname()}, since "
                    f"{read_lock(lock_path(db_file)).since[:10]} "  # type: ignore[union-attr]
                    f"{read_lock(lock_path(db_file)).since[11:16]} UTC); "  # type: ignore[union-attr]
                    "this copy can only read it"
                )
            )
            assert [e.title for e in second.list_events()] == ["Birmingham"]
            with pytest.raises(DatabaseReadOnly, match="open in another copy"):
                second.create_event(title="Nope")
    assert not lock_path(db_file).exists()  # closing the writer frees the database
    with Store.open(db_file) as third:
        assert third.writable


def test_lock_of_a_process_that_died_is_taken_over(db_file: Path) -> None:
    _write_lock(db_file, pid=_dead_pid())
    with Store.open(db_file) as store:
        assert store.writable
        now = read_lock(lock_path(db_file))
        assert now is not None and (now.pid, now.host) == (os.getpid(), socket.gethostname())
        assert now.machine == this_machine() and len(now.token) == 32


def test_lock_from_before_a_restart_is_stale_even_if_the_pid_is_alive(db_file: Path) -> None:
    if not Path("/proc/sys/kernel/random/boot_id").exists():
        pytest.skip("this platform has no boot id")
    _write_lock(db_file, pid=os.getppid(), boot="an-earlier-boot")
    with Store.open(db_file) as store:
        assert store.writable


@pytest.mark.parametrize(
    ("age_s", "writable"),
    [(GARBLED_LOCK_GRACE_S + 5, True), (0.0, False)],
)
def test_garbled_lock_is_stale_only_once_it_is_old(
    db_file: Path, age_s: float, writable: bool
) -> None:
    lock = lock_path(db_file)
    lock.write_text("")  # a copy died between creating the lock and writing it, or is doing so
    if age_s:
        os.utime(lock, (time.time() - age_s, time.time() - age_s))
    with Store.open(db_file) as store:
        assert store.writable is writable
        if not writable:
            assert "a process that is starting" in store.read_only_reason


@pytest.mark.parametrize(("age_h", "writable"), [(13, True), (1, False)])
def test_lock_from_another_computer_is_trusted_for_half_a_day(
    db_file: Path, age_h: float, writable: bool
) -> None:
    _write_lock(db_file, age_s=age_h * 3600, host="someone-elses-laptop", pid=1)
    with Store.open(db_file) as store:
        assert store.writable is writable


def test_live_lock_is_never_taken_over(db_file: Path) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        _write_lock(db_file, pid=sleeper.pid)
        with Store.open(db_file) as store:
            assert store.read_only and f"process {sleeper.pid}" in store.read_only_reason
    finally:
        sleeper.kill()
        sleeper.wait()
    with Store.open(db_file) as store:
        assert store.writable
