"""Conflicts you can see and undo: `db history` lists kept versions, `db history restore` brings one
back as a new revision that merges like any edit; the later save of a record wins a conflict."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator.cli import main
from facilitator.decks.model import Deck
from facilitator.outcomes import RankResult
from facilitator.store import RecordInvalid, Store
from tests.store.conftest import Clock, Evening, plan_evening


@pytest.fixture
def alice(data_dir: Path, clock: Clock) -> Iterator[Store]:
    # Alice's database is the one the commands use (FACILITATOR_DB).
    db = data_dir / "facilitator.db.json"
    with Store.open(db, device_id="alice-laptop", clock=clock) as store:
        yield store


@pytest.fixture
def planned(
    alice: Store, bob: Store, rank_deck: Deck, match_deck: Deck, prompts_deck: Deck
) -> Evening:
    evening = plan_evening(alice, rank_deck, match_deck, prompts_deck)
    send(alice, bob, evening.event.id)
    return evening


def send(source: Store, target: Store, event_id: str) -> Any:
    payload = json.loads(json.dumps(source.export_event(event_id)))
    [report] = target.import_events([("event.json", payload)])
    return report


def levels(store: Store, evening: Evening) -> Any:
    outcome = store.get_outcome(evening.tables[0].id, evening.rank.id)
    return None if outcome is None else outcome.result.levels  # type: ignore[union-attr]


def test_the_later_save_wins_not_the_copy_saved_more_often(
    alice: Store, bob: Store, planned: Evening
) -> None:
    table, item = planned.tables[0].id, planned.rank.id
    alice.save_outcome(table, item, RankResult((("R1",),)))
    send(alice, bob, planned.event.id)
    for code in ("R2", "R3", "R4", "R5"):  # Bob fiddles four times ...
        bob.save_outcome(table, item, RankResult(((code,),)))
    alice.save_outcome(table, item, RankResult((("R9",),)))  # ... Alice saves once, last
    [conflict] = send(bob, alice, planned.event.id).conflicts
    assert levels(alice, planned) == (("R9",),)
    [conflict_there] = send(alice, bob, planned.event.id).conflicts or [conflict]
    assert levels(bob, planned) == (("R9",),)  # both laptops agree
    assert conflict_there.history_id == conflict.history_id


def test_db_history_restore_round_trips_and_merges_like_any_edit(
    alice: Store, bob: Store, planned: Evening, capsys: pytest.CaptureFixture[str]
) -> None:
    table, item = planned.tables[0].id, planned.rank.id
    bob.save_outcome(table, item, RankResult((("R5",), ("R3",))))  # Bob's version, earlier
    alice.save_outcome(table, item, RankResult((("R6",),)))  # Alice's, later: it wins
    [conflict] = send(bob, alice, planned.event.id).conflicts
    assert levels(alice, planned) == (("R6",),)
    alice.close()  # the commands open Alice's database themselves

    capsys.readouterr()
    assert main(["db", "history", "--event", planned.event.id[:8]]) == 0
    out = capsys.readouterr().out
    [row] = [line for line in out.splitlines() if line.startswith(conflict.history_id[:8])]
    assert "lost a merge" in row and "on bob-lapt" in row
    assert 'outcome of Table 1 for "PMO roles: agree the hierarchy"' in row

    assert main(["db", "history", "restore", conflict.history_id[:8]]) == 0
    assert "restored outcome of Table 1" in capsys.readouterr().out
    db = alice.path
    assert db is not None
    with Store.open(db, device_id="alice-laptop") as again:
        restored = again.get_outcome(table, item)
        assert restored is not None and restored.result.levels == (("R5",), ("R3",))  # type: ignore[union-attr]
        assert len(again.list_outcomes(table_id=table, item_id=item)) == 1
        # Alice's outcome (another uuid for the same table and activity) is kept, not lost.
        [replaced] = [h for h in again.list_history() if h.reason == "replaced"]
        assert replaced.document["result"]["levels"] == [["R6"]]
        # And back again: the round trip ends where it started.
        again.restore_version(replaced.id)
        assert levels(again, planned) == (("R6",),)
        again.restore_version(conflict.history_id)
        # Restored is a new save: it reaches Bob as an update, not as a new conflict.
        report = send(again, bob, planned.event.id)
        assert report.conflicts == [] and ("outcomes", restored.id) in report.updated
        assert levels(bob, planned) == (("R5",), ("R3",))


def test_after_an_import_merges_a_duplicate_outcome_the_next_save_updates_the_one_outcome(
    alice: Store, bob: Store, planned: Evening
) -> None:
    table, item = planned.tables[0].id, planned.rank.id
    alice.save_outcome(table, item, RankResult((("R1",),)))  # two uuids, one table and item
    bob.save_outcome(table, item, RankResult((("R2",),)))  # Bob's is later: it wins
    [conflict] = send(bob, alice, planned.event.id).conflicts
    [kept] = alice.list_outcomes(table_id=table, item_id=item)
    assert kept.device == "bob-laptop" and conflict.history_id in {
        h.id for h in alice.list_history()
    }
    alice.save_outcome(table, item, RankResult((("R3",),)))
    [after] = alice.list_outcomes(table_id=table, item_id=item)
    assert after.id == kept.id and after.result.levels == (("R3",),)  # type: ignore[union-attr]
    # The same after reopening, and once the merged copy went back to Bob.
    db = alice.path
    alice.close()
    assert db is not None
    with Store.open(db, device_id="alice-laptop") as again:
        again.save_outcome(table, item, RankResult((("R4",),)))
        assert [o.id for o in again.list_outcomes(table_id=table, item_id=item)] == [kept.id]
        send(again, bob, planned.event.id)
    assert [o.id for o in bob.list_outcomes(table_id=table, item_id=item)] == [kept.id]
    assert levels(bob, planned) == (("R4",),)


def test_a_deleted_outcome_comes_back_and_one_without_its_table_says_what_first(
    alice: Store, planned: Evening
) -> None:
    table, item = planned.tables[2].id, planned.rank.id
    outcome = alice.save_outcome(table, item, RankResult((("R7",),)))
    alice.delete_outcome(outcome.id)
    [deleted] = alice.history(outcome.id)
    back = alice.restore_version(deleted.id[:8]).record_id
    assert back == outcome.id
    assert alice.get_outcome(table, item).result.levels == (("R7",),)  # type: ignore[union-attr]
    alice.delete_outcome(outcome.id)
    alice.remove_table(table)
    with pytest.raises(RecordInvalid, match="its table or agenda item was deleted"):
        alice.restore_version(deleted.id)
    [table_kept] = alice.history(table)
    alice.restore_version(table_kept.id)
    alice.restore_version(deleted.id)
    assert alice.get_outcome(table, item) is not None


def test_restoring_the_loser_of_an_edit_conflict_keeps_the_winner_to_restore_back(
    alice: Store, bob: Store, planned: Evening
) -> None:
    # One record (one uuid) edited on both laptops: the later title wins the merge.
    event_id = planned.event.id
    bob.update_event(event_id, title="Bob's title")
    alice.update_event(event_id, title="Alice's title")
    [conflict] = send(bob, alice, event_id).conflicts
    assert alice.get_event(event_id).title == "Alice's title"
    alice.restore_version(conflict.history_id)
    assert alice.get_event(event_id).title == "Bob's title"
    [replaced] = [h for h in alice.history(event_id) if h.reason == "replaced"]
    assert replaced.document["title"] == "Alice's title"
    alice.restore_version(replaced.id)
    assert alice.get_event(event_id).title == "Alice's title"
    assert alice.get_event(event_id).revision > replaced.document["revision"]
