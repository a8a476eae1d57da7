"""Schema versions: an older database is upgraded (after a backup); a newer one is refused."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from facilitator.outcomes import RankResult
from facilitator.store import DatabaseUnreadable, Store
from facilitator.store.backups import list_backups
from facilitator.store.migrations import CURRENT_SCHEMA

V1_DATABASE = Path(__file__).parent / "fixtures" / "schema-v1.db.json"
V1_DEVICE = "5f0c1d2e3a4b5c6d7e8f901234567890"


def test_version_1_database_is_upgraded_and_keeps_every_record(db_file: Path) -> None:
    shutil.copy(V1_DATABASE, db_file)
    original = V1_DATABASE.read_bytes()
    with Store.open(db_file) as store:
        assert store.schema_version == CURRENT_SCHEMA == 3
        [event] = store.list_events()
        assert (event.title, event.series, event.versions) == (
            "PMO Flashmob Birmingham", "PMO Flashmob", {V1_DEVICE: 1},
        )  # fmt: skip
        outcomes = store.list_outcomes(event_id=event.id)
        assert [o.revision for o in outcomes] == [2, 1]
        rank = outcomes[0]
        assert rank.versions == {V1_DEVICE: 2}
        assert rank.result == RankResult((("R6",), ("R5", "R3"), ("R2",), ("R1",)))
        # The upgraded database takes new saves and counts them on top of the old revisions.
        again = store.save_outcome(rank.table_id, rank.item_id, RankResult((("R1",),)))
        assert again.revision == 3 and again.versions == {V1_DEVICE: 2, store.device_id: 1}
    on_disk = json.loads(db_file.read_text())
    assert on_disk["meta"]["schema"]["version"] == 3 and on_disk["history"] == {}
    [backup] = list_backups(db_file)
    assert backup.path.read_bytes() == original  # the version-1 file, kept before upgrading


def test_read_only_open_upgrades_in_memory_and_leaves_the_file(db_file: Path) -> None:
    shutil.copy(V1_DATABASE, db_file)
    with Store.open(db_file, read_only=True) as store:
        assert store.schema_version == 3 and len(store.list_outcomes()) == 2
    assert db_file.read_bytes() == V1_DATABASE.read_bytes()


def test_database_from_a_newer_version_is_refused_and_left_intact(db_file: Path) -> None:
    newer = json.loads(V1_DATABASE.read_text())
    newer["meta"]["schema"]["version"] = 99
    db_file.write_text(json.dumps(newer))
    before = db_file.read_bytes()
    with pytest.raises(
        DatabaseUnreadable, match=re.escape("written by a newer Facilitator (schema version 99)")
    ):
        Store.open(db_file)
    assert db_file.read_bytes() == before


def test_a_json_file_that_is_not_ours_is_refused(db_file: Path) -> None:
    db_file.write_text('{"_default": {"1": {"name": "something else"}}}')
    with pytest.raises(
        DatabaseUnreadable, match=re.escape("is not a Facilitator database (it has no schema")
    ):
        Store.open(db_file)
    assert db_file.read_text() == '{"_default": {"1": {"name": "something else"}}}'


def test_an_empty_tinydb_file_becomes_a_new_database(db_file: Path) -> None:
    db_file.write_text('{"_default": {}}')
    with Store.open(db_file) as store:
        store.create_event(title="Birmingham")
    assert json.loads(db_file.read_text())["meta"]["schema"]["version"] == CURRENT_SCHEMA
