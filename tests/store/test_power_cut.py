"""Cut the power at every step of a run of saves: the database on the platters always parses and
holds every acknowledged save.

A kill (test_crash.py) leaves the system's cache intact; a power cut does not. This test keeps a
model of what is durable, as a journalling file system promises it: a file's bytes are durable
once it is synced, a rename once its folder is synced, and nothing else. The saves really run
(through the store, on a real folder) while the model records each step; then for every point
between two steps the test asks what would be found after the power came back.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import facilitator.atomic_write as atomic_write
from facilitator.decks.model import Deck
from facilitator.outcomes import PromptResponse, PromptsResult, Verdict
from facilitator.store import Store
from tests.store.conftest import plan_evening

SAVES = 25


@dataclass
class Disk:
    """What survives a power cut: durable file contents, and the durable folder entries."""

    contents: dict[int, bytes] = field(default_factory=dict)  # file number -> synced bytes
    durable: dict[str, int] = field(default_factory=dict)  # name -> file number, as synced
    current: dict[str, int] = field(default_factory=dict)  # name -> file number, in the cache

    def apply(self, step: tuple[Any, ...]) -> None:
        kind = step[0]
        if kind == "create":
            _, name, number = step
            self.current[name] = number
        elif kind == "sync":
            _, number, data = step
            self.contents[number] = data
        elif kind == "replace":
            _, source, target = step
            self.current[target] = self.current.pop(source)
        elif kind == "sync-folder":
            self.durable = dict(self.current)

    def after_power_cut(self, name: str) -> bytes | None:
        number = self.durable.get(name)
        if number is None:
            return None
        return self.contents.get(number, b"")  # renamed before its bytes were synced: empty


class Recorder:
    """Wraps the steps of write_atomic, noting each one for the database's folder."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder = folder
        self.steps: list[tuple[Any, ...]] = []
        self.names: dict[int, str] = {}  # open file descriptor -> its name
        self.numbers: dict[str, int] = {}
        mkstemp, full_sync = atomic_write.tempfile.mkstemp, atomic_write.full_sync
        replace, sync_folder = atomic_write._replace, atomic_write._fsync_folder

        def recording_mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
            fd, name = mkstemp(*args, **kwargs)
            if Path(name).parent == self.folder:
                self.names[fd] = Path(name).name
                self.numbers[Path(name).name] = len(self.numbers) + 1
                self.steps.append(("create", Path(name).name, self.numbers[Path(name).name]))
            return fd, name

        def recording_sync(fd: int) -> None:
            full_sync(fd)
            name = self.names.pop(fd, None)  # descriptors are reused: forget it once synced
            if name is not None:
                data = (self.folder / name).read_bytes()
                self.steps.append(("sync", self.numbers[name], data))

        def recording_replace(source: str, target: Path) -> None:
            replace(source, target)
            if Path(source).parent == self.folder:
                self.steps.append(("replace", Path(source).name, Path(target).name))

        def recording_sync_folder(folder: Path) -> None:
            sync_folder(folder)
            if Path(folder) == self.folder:
                self.steps.append(("sync-folder",))

        monkeypatch.setattr(atomic_write.tempfile, "mkstemp", recording_mkstemp)
        monkeypatch.setattr(atomic_write, "full_sync", recording_sync)
        monkeypatch.setattr(atomic_write, "_replace", recording_replace)
        monkeypatch.setattr(atomic_write, "_fsync_folder", recording_sync_folder)


@pytest.mark.skipif(os.name != "posix", reason="models POSIX folder syncs")
def test_a_power_cut_at_any_step_leaves_a_whole_file_with_every_acknowledged_save(
    db_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    rank_deck: Deck,
    match_deck: Deck,
    prompts_deck: Deck,
) -> None:
    folder = db_file.parent.resolve()
    recorder = Recorder(folder, monkeypatch)
    with Store.open(db_file, device_id="laptop") as store:
        evening = plan_evening(store, rank_deck, match_deck, prompts_deck)
        table, item = evening.tables[0].id, evening.prompts.id
        for n in range(SAVES):
            points = tuple(f"save {n} point {i} " + "x" * 400 for i in range(60 if n % 2 else 1))
            result = PromptsResult(
                {
                    "P1": PromptResponse(
                        verdict=Verdict.DIVIDED, position=f"save {n}", key_points=points
                    )
                }
            )
            store.save_outcome(table, item, result)  # returns: acknowledged
            recorder.steps.append(("ack", f"save {n}"))
        outcome_id = store.get_outcome(table, item).id  # type: ignore[union-attr]

    cuts = acknowledged_checked = 0
    disk = Disk()
    last_ack = ""
    for position, step in enumerate([("start",), *recorder.steps]):
        disk.apply(step)
        if step[0] == "ack":
            last_ack = step[1]
            continue
        cuts += 1
        found = disk.after_power_cut(db_file.name)
        if found is None:
            assert not last_ack, f"cut {position}: the database is gone after {last_ack}"
            continue
        data = json.loads(found)  # always a whole file
        if last_ack:
            position_saved = data["outcomes"][outcome_id]["result"]["responses"]["P1"]["position"]
            saved_n, acked_n = int(position_saved.split()[1]), int(last_ack.split()[1])
            assert saved_n >= acked_n, f"cut {position}: {last_ack} was acknowledged but lost"
            acknowledged_checked += 1
    print(f"\n{cuts} simulated power cuts over {SAVES} saves, {acknowledged_checked} after a save")
    assert cuts > 4 * SAVES and acknowledged_checked > 3 * SAVES
