"""A crafted or damaged event file is refused whole: exit 2, one sentence, the database untouched.

Every document in the file, history entries included, gets the check the store gives its own
records; sizes and nesting are bounded.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from facilitator.cli import main
from facilitator.decks.model import Deck
from facilitator.outcomes import RankResult
from facilitator.store import Store
from tests.store.conftest import plan_evening


@pytest.fixture
def exported(
    tmp_path: Path, data_dir: Path, rank_deck: Deck, match_deck: Deck, prompts_deck: Deck
) -> dict[str, Any]:
    """An event file with an outcome, and a deleted outcome in its history."""
    with Store.open(tmp_path / "alice.json", device_id="alice-laptop") as alice:
        evening = plan_evening(alice, rank_deck, match_deck, prompts_deck)
        table, item = evening.tables[0].id, evening.rank.id
        alice.save_outcome(table, item, RankResult((("R1",), ("R2",))))
        gone = alice.save_outcome(evening.tables[1].id, item, RankResult((("R3",),)))
        alice.delete_outcome(gone.id)
        payload = alice.export_event(evening.event.id)
    return json.loads(json.dumps(payload))


@pytest.fixture
def target(data_dir: Path) -> Path:
    """Bob's database, with an event of his own already in it."""
    db = data_dir / "facilitator.db.json"
    with Store.open(db, device_id="bob-laptop") as bob:
        bob.create_event(title="Bob's own evening", table_count=1)
    return db


def _import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], payload: Any, name: str = "crafted.json"
) -> tuple[int, str]:
    path = tmp_path / name
    path.write_text(json.dumps(payload), "utf-8")
    capsys.readouterr()
    code = main(["import", str(path)])
    return code, capsys.readouterr().err


def _refused(code: int, err: str, *parts: str) -> None:
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1, err
    assert "unexpected error" not in err
    for part in parts:
        assert part in err, err


def test_a_history_entry_that_would_come_back_without_its_fields_is_refused(
    exported: dict[str, Any], target: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The hole: a "deleted" copy of a table the file's outcome needs came back as a live
    # table without a name, and `events`, `export` and `report` failed with KeyError.
    table = exported["tables"][0]
    crafted = {k: v for k, v in table.items() if k not in ("id", "name", "colour")}
    crafted["versions"] = {"mallory": 99}
    crafted["device"] = "mallory"
    entry_id = "ab" * 16
    exported["history"].append(
        {
            "id": entry_id,
            "record_kind": "tables",
            "record_id": table["id"],
            "reason": "deleted",
            "at": "2026-01-01T00:00:00.000Z",
            "document": crafted,
        }
    )
    before = target.read_bytes()
    code, err = _import(tmp_path, capsys, exported)
    _refused(code, err, "crafted.json: ", f"history entry {entry_id[:8]}", table["id"][:8])
    assert "'name'" in err
    assert target.read_bytes() == before
    assert main(["events"]) == 0


@pytest.mark.parametrize(
    ("where", "field", "said"),
    [
        ("tables", "colour", "lacks its 'colour' field"),
        ("outcomes", "item_id", "lacks its 'item_id' field"),
        ("outcomes", "versions", "its versions are not a map"),
        ("agenda", "deck", "lacks its 'deck' field"),
        ("event", "created", "its created field is missing"),
    ],
)
def test_a_document_with_a_missing_field_is_refused(
    exported: dict[str, Any],
    target: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    where: str,
    field: str,
    said: str,
) -> None:
    doc = exported[where] if where == "event" else exported[where][0]
    del doc[field]
    before = target.read_bytes()
    code, err = _import(tmp_path, capsys, exported)
    _refused(code, err, "crafted.json: ", doc["id"][:8], said)
    assert target.read_bytes() == before


def test_a_record_whose_versions_do_not_count_its_own_device_is_refused(
    exported: dict[str, Any], target: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A merge adds a save to the winner's device count; a record that has none would break it.
    outcome = exported["outcomes"][0]
    outcome["device"] = "mallory"
    before = target.read_bytes()
    code, err = _import(tmp_path, capsys, exported)
    _refused(code, err, outcome["id"][:8], "do not count a save by its own device")
    assert target.read_bytes() == before


def test_a_history_entry_that_would_delete_a_record_of_another_event_is_refused(
    exported: dict[str, Any], target: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A "deleted" copy of Bob's own table, seen by every laptop, would travel as a deletion.
    with Store.open(target, read_only=True) as bob:
        [event] = bob.list_events()
        [table] = bob.list_tables(event.id)
        doc = {k: v for k, v in bob.raw_tables()["tables"][table.id].items()}
    doc["versions"] = {doc["device"]: 99}
    exported["history"].append(
        {
            "id": "cd" * 16,
            "record_kind": "tables",
            "record_id": table.id,
            "reason": "deleted",
            "at": "2026-01-01T00:00:00.000Z",
            "document": doc,
        }
    )
    before = target.read_bytes()
    code, err = _import(tmp_path, capsys, exported)
    _refused(code, err, "history entry cdcdcdcd", "belongs to another event")
    assert target.read_bytes() == before


def test_a_record_with_the_id_of_another_events_record_is_refused(
    exported: dict[str, Any], target: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # It would move Bob's own table into the imported event.
    with Store.open(target, read_only=True) as bob:
        [event] = bob.list_events()
        [table] = bob.list_tables(event.id)
    used = {o["table_id"] for o in exported["outcomes"]}
    crafted = next(t for t in exported["tables"] if t["id"] not in used)
    crafted["id"] = table.id
    crafted["versions"] = {crafted["device"]: 99}
    before = target.read_bytes()
    code, err = _import(tmp_path, capsys, exported)
    _refused(
        code,
        err,
        f"crafted.json: table {table.id[:8]}: has the id of a record of another event here",
    )
    assert target.read_bytes() == before


def test_a_history_entry_of_an_outcome_that_breaks_its_deck_is_refused(
    exported: dict[str, Any], target: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    [entry] = exported["history"]
    entry["document"]["result"]["levels"] = [["R99"]]
    before = target.read_bytes()
    code, err = _import(tmp_path, capsys, exported)
    _refused(code, err, f"history entry {entry['id'][:8]}", "R99 is not a card of")
    assert target.read_bytes() == before


@pytest.mark.parametrize("where", ["outcomes", "agenda", "tables", "event"])
def test_a_20_mb_padded_document_is_refused(
    exported: dict[str, Any],
    target: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    where: str,
) -> None:
    doc = exported[where] if where == "event" else exported[where][0]
    doc["padding"] = "x" * (20 * 1024 * 1024)
    before = target.read_bytes()
    code, err = _import(tmp_path, capsys, exported)
    _refused(code, err, doc["id"][:8], "a record is at most 4 MB")
    assert target.read_bytes() == before


@pytest.mark.parametrize("depth", [60, 100_000])
def test_a_deeply_nested_file_is_refused(
    exported: dict[str, Any],
    target: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    depth: int,
) -> None:
    # 60 levels parse but would break whatever walks them; 100,000 break the parser itself.
    path = tmp_path / "nested.json"
    text = json.dumps(exported)
    nested = "[" * depth + "]" * depth
    path.write_text(text[:-1] + f', "extra": {nested}}}', "utf-8")
    before = target.read_bytes()
    capsys.readouterr()
    code = main(["import", str(path)])
    err = capsys.readouterr().err
    _refused(code, err, "nested.json: ", "nest")
    assert target.read_bytes() == before


def test_a_sound_file_still_imports(
    exported: dict[str, Any], target: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sound.json"
    path.write_text(json.dumps(exported), "utf-8")
    assert main(["import", str(path)]) == 0
    with Store.open(target, read_only=True) as store:
        titles = sorted(e.title for e in store.list_events())
        assert titles == ["Bob's own evening", "PMO Flashmob Birmingham"]
        [imported] = [e for e in store.list_events() if e.title.startswith("PMO")]
        assert len(store.list_outcomes(event_id=imported.id)) == 1
        # The deleted outcome stays deleted, kept in the history only.
        [entry] = exported["history"]
        assert [h.id for h in store.history(entry["record_id"])] == [entry["id"]]
