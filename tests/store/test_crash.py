"""Kill a writing process at random moments: the file always reads, no acknowledged save is lost.

A forked child saves outcomes as fast as it can, alternating very large and very small ones
so the file grows and shrinks, and writes an acknowledgement line to a pipe after each save
returns. The parent kills it with SIGKILL at a random moment, then checks the database.
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import time
from pathlib import Path

import pytest

from facilitator.decks.model import Deck
from facilitator.outcomes import PromptResponse, PromptsResult, Verdict
from facilitator.store import Store
from tests.store.conftest import plan_evening

KILLS = 150
MAX_DELAY_S = 0.06
BIG_POINTS = 60  # about 55 kB per big outcome: the file swings between ~30 kB and ~400 kB


def _child(db_file: Path, tables: list[str], item: str, seed: int, ack_fd: int) -> None:
    """Runs in the forked child; never returns."""
    code = 1
    try:
        rng = random.Random(seed)
        store = Store.open(db_file, device_id="crash-child")
        if store.read_only:
            os.write(ack_fd, f"read-only {store.read_only_reason}\n".encode())
            os._exit(3)
        n = 0
        while True:
            table = rng.choice(tables)
            big = n % 2 == 0
            marker = f"{seed}-{n}"
            points = tuple(
                f"{marker} point {i} " + "x" * 900 for i in range(BIG_POINTS if big else 1)
            )
            result = PromptsResult(
                {"P1": PromptResponse(verdict=Verdict.DIVIDED, position=marker, key_points=points)}
            )
            outcome = store.save_outcome(table, item, result)
            size = db_file.stat().st_size
            os.write(ack_fd, f"{outcome.id} {outcome.revision} {marker} {size}\n".encode())
            n += 1
    except BaseException as exc:  # report, never fall back into pytest in the child
        os.write(ack_fd, f"error {type(exc).__name__}: {exc}\n".encode())
    finally:
        os._exit(code)


def _first_ack(read_fd: int) -> bytes:
    """Wait until the child has acknowledged a save (or died trying); returns what it sent."""
    received = b""
    while b"\n" not in received:
        ready, _, _ = select.select([read_fd], [], [], 30)
        assert ready, "the writer acknowledged nothing in 30 s"
        chunk = os.read(read_fd, 65536)
        if not chunk:
            break
        received += chunk
    return received


def _acks(read_fd: int, received: bytes) -> list[str]:
    chunks = [received]
    while True:
        chunk = os.read(read_fd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    text = b"".join(chunks).decode()
    # Only whole lines were acknowledged; a kill can cut the last one short.
    return text.split("\n")[:-1]


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="kills a forked writer (POSIX)")
def test_killed_writer_never_leaves_an_unreadable_file_or_loses_an_acknowledged_save(
    db_file: Path, rank_deck: Deck, match_deck: Deck, prompts_deck: Deck
) -> None:
    with Store.open(db_file) as store:
        evening = plan_evening(store, rank_deck, match_deck, prompts_deck)
        for _ in range(3):
            store.add_table(evening.event.id)
        tables = [t.id for t in store.list_tables(evening.event.id)]
    item = evening.prompts.id
    rng = random.Random(20150820)
    acked: dict[str, tuple[int, str]] = {}  # outcome id -> last acknowledged (revision, marker)
    total_acks = shrinking = mid_write = 0
    last_size = 0
    for kill in range(KILLS):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            _child(db_file, tables, item, kill, write_fd)
        os.close(write_fd)
        # Half the kills land anywhere, opening included; half once saving is under way,
        # so a busy machine cannot turn the test into one that only kills idle starts.
        received = _first_ack(read_fd) if kill % 2 else b""
        time.sleep(rng.uniform(0.0, MAX_DELAY_S))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        lines = _acks(read_fd, received)
        os.close(read_fd)
        errors = [line for line in lines if line.startswith(("error", "read-only"))]
        assert not errors, f"kill {kill}: the writer failed: {errors}"
        for line in lines:
            outcome_id, revision, marker, size = line.split()
            acked[outcome_id] = (int(revision), marker)
            shrinking += int(size) < last_size
            last_size = int(size)
        total_acks += len(lines)
        mid_write += any(db_file.parent.glob(f".{db_file.name}.*.tmp"))

        json.loads(db_file.read_bytes())  # always a whole JSON file
        with Store.open(db_file, read_only=True) as reader:
            for outcome_id, (revision, marker) in acked.items():
                stored = reader.get_outcome_by_id(outcome_id)
                # A save can complete after its acknowledgement was cut off: never older.
                assert stored.revision >= revision, f"kill {kill}: lost {marker}"
                if stored.revision == revision:
                    assert stored.result.responses["P1"].position == marker  # type: ignore[union-attr]

    print(
        f"\n{KILLS} kills, {total_acks} acknowledged saves, {shrinking} shrinking saves, "
        f"{mid_write} kills left a half-written temporary file"
    )
    assert total_acks >= KILLS // 2  # the writer really was writing when killed
    assert shrinking >= KILLS // 10  # many of those writes made the file smaller
    assert mid_write > 0  # and kills landed in the middle of a write
    with Store.open(db_file) as store:  # the next writer takes the dead one's lock and cleans up
        assert store.writable
    assert not list(db_file.parent.glob(f".{db_file.name}.*.tmp"))
