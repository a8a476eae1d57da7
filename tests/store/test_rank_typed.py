"""A ranking typed with typos keeps the text as typed beside its valid order, on every storage."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from facilitator.decks.model import MAX_TEXT, Deck
from facilitator.errors import InputError
from facilitator.outcomes import RankResult
from facilitator.store import RecordInvalid, Store
from tests.store.conftest import Evening, plan_evening

TYPED = "R10 R8 R9 R7 R6 R12 R5 R5 R3"
VALID = (("R10",), ("R8",), ("R9",), ("R7",), ("R6",), ("R5",), ("R3",))
V1_DATABASE = Path(__file__).parent / "fixtures" / "schema-v1.db.json"


def test_the_text_as_typed_is_saved_and_read_back(store: Store, evening: Evening) -> None:
    table = evening.tables[2]
    saved = store.save_outcome(table.id, evening.rank.id, RankResult(VALID, typed=TYPED))
    assert saved.result == RankResult(VALID, TYPED)
    got = store.get_outcome(table.id, evening.rank.id)
    assert got is not None and got.result == RankResult(VALID, TYPED)
    doc = store.raw_tables()["outcomes"][saved.id]["result"]
    assert doc == {"levels": [list(level) for level in VALID], "typed": TYPED}
    if store.path is not None:  # the file holds it too, as after a restart
        store.close()
        with Store.open(store.path, read_only=True) as again:
            reread = again.get_outcome(table.id, evening.rank.id)
            assert reread is not None and reread.result.typed == TYPED


def test_a_clean_order_is_stored_as_before_without_the_field(
    store: Store, evening: Evening
) -> None:
    table = evening.tables[0]
    store.save_outcome(table.id, evening.rank.id, RankResult(VALID, typed=TYPED))
    fixed = store.save_outcome(table.id, evening.rank.id, RankResult(VALID))
    assert fixed.revision == 2  # fixing the typing alone is a change worth saving
    assert store.raw_tables()["outcomes"][fixed.id]["result"] == {
        "levels": [list(level) for level in VALID]
    }
    assert fixed.result.typed == ""
    again = store.save_outcome(table.id, evening.rank.id, RankResult(VALID))
    assert again.revision == 2  # unchanged: nothing written


def test_only_typos_still_keeps_the_typing(store: Store, evening: Evening) -> None:
    table = evening.tables[1]
    saved = store.save_outcome(table.id, evening.rank.id, RankResult((), typed="R12"))
    assert saved.result == RankResult((), "R12")


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        (5, "the order as typed must be text"),
        ("R1 " * MAX_TEXT, f"the order as typed is {3 * MAX_TEXT} characters long"),
        ("R1 \ud800", "the order as typed holds a character that cannot be saved"),
    ],
)
def test_the_typing_is_checked_as_text(
    store: Store, evening: Evening, typed: object, problem: str
) -> None:
    table = evening.tables[0]
    with pytest.raises(RecordInvalid, match=problem):
        store.save_outcome(table.id, evening.rank.id, RankResult(VALID, typed=typed))
    assert store.get_outcome(table.id, evening.rank.id) is None


def test_a_database_written_before_the_field_reads_as_no_typing(db_file: Path) -> None:
    shutil.copy(V1_DATABASE, db_file)
    with Store.open(db_file) as store:
        rank = store.list_outcomes()[0]
        assert rank.result == RankResult((("R6",), ("R5", "R3"), ("R2",), ("R1",)))
        assert rank.result.typed == ""


def test_the_typing_travels_with_an_exported_event(
    tmp_path: Path, rank_deck: Deck, match_deck: Deck, prompts_deck: Deck
) -> None:
    with Store.open(tmp_path / "alice.json", device_id="alice") as alice:
        evening = plan_evening(alice, rank_deck, match_deck, prompts_deck)
        table = evening.tables[2]
        alice.save_outcome(table.id, evening.rank.id, RankResult(VALID, typed=TYPED))
        payload = json.loads(json.dumps(alice.export_event(evening.event.id)))
    with Store.open(tmp_path / "bob.json", device_id="bob") as bob:
        [report] = bob.import_events([("alice.json", payload)])
        assert report.conflicts == []
        got = bob.get_outcome(table.id, evening.rank.id)
        assert got is not None and got.result == RankResult(VALID, TYPED)
        # Bob fixes the typos; Alice gets the clean order back.
        bob.save_outcome(table.id, evening.rank.id, RankResult(VALID))
        back = json.loads(json.dumps(bob.export_event(evening.event.id)))
    with Store.open(tmp_path / "alice.json", device_id="alice") as alice:
        [report] = alice.import_events([("bob.json", back)])
        got = alice.get_outcome(table.id, evening.rank.id)
        assert got is not None and got.result == RankResult(VALID)
        assert got.result.typed == ""


def test_an_imported_typing_that_is_not_text_is_refused(
    tmp_path: Path, rank_deck: Deck, match_deck: Deck, prompts_deck: Deck
) -> None:
    with Store.open(tmp_path / "alice.json", device_id="alice") as alice:
        evening = plan_evening(alice, rank_deck, match_deck, prompts_deck)
        alice.save_outcome(evening.tables[0].id, evening.rank.id, RankResult(VALID, TYPED))
        payload = json.loads(json.dumps(alice.export_event(evening.event.id)))
    payload["outcomes"][0]["result"]["typed"] = ["R1"]
    with Store.open(tmp_path / "bob.json", device_id="bob") as bob:
        with pytest.raises(InputError, match="the order as typed must be text"):
            bob.import_events([("alice.json", payload)])
        assert bob.list_outcomes() == []
