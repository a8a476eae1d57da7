"""Event files between laptops: a conflict on an event, a table or an activity names it as
the facilitator knows it, and an activity deleted before the file was sent can still be
restored on the other laptop, deck and all."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from facilitator.decks.model import Deck
from facilitator.outcomes import RankResult
from facilitator.store import Store
from tests.store.conftest import Clock, Evening, plan_evening


@pytest.fixture
def planned(alice: Store, rank_deck: Deck, match_deck: Deck, prompts_deck: Deck) -> Evening:
    return plan_evening(alice, rank_deck, match_deck, prompts_deck)


def exported(store: Store, event_id: str) -> Any:
    return json.loads(json.dumps(store.export_event(event_id)))


def send(source: Store, target: Store, event_id: str) -> Any:
    [report] = target.import_events([("e.json", exported(source, event_id))])
    return report


def test_conflicts_on_an_event_a_table_and_an_activity_each_name_the_record(
    alice: Store, bob: Store, planned: Evening
) -> None:
    send(alice, bob, planned.event.id)
    table, item = planned.tables[1], planned.match
    alice.update_event(planned.event.id, title="Flashmob (Alice)")
    alice.update_table(table.id, name="Window table")
    alice.update_agenda_item(item.id, title="Who does what (Alice)")
    bob.update_event(planned.event.id, title="Flashmob (Bob)")  # Bob saves each one later
    bob.update_table(table.id, name="Door table")
    bob.update_agenda_item(item.id, title="Who does what (Bob)")
    report = send(bob, alice, planned.event.id)
    described = {c.record_kind: c.description for c in report.conflicts}
    assert described["events"].startswith('event "Flashmob (Bob)": kept the later save (')
    assert described["tables"].startswith('table "Door table": kept the later save (')
    assert described["agenda"].startswith('agenda item "Who does what (Bob)": kept the later')
    assert {c.what for c in report.conflicts} == {
        'event "Flashmob (Bob)"',
        'table "Door table"',
        'agenda item "Who does what (Bob)"',
    }
    assert report.summary() == (
        "e.json (Flashmob (Bob)): 0 added, 0 updated, 4 unchanged, 3 conflicts"
    )
    assert alice.get_event(planned.event.id).title == "Flashmob (Bob)"
    assert alice.get_table(table.id).name == "Door table"
    assert alice.get_agenda_item(item.id).title == "Who does what (Bob)"


def test_an_activity_deleted_before_the_file_was_sent_can_be_restored_with_its_deck(
    alice: Store,
    bob: Store,
    planned: Evening,
    rank_deck: Deck,
    match_deck: Deck,
    prompts_deck: Deck,
) -> None:
    # Once the matching is deleted, no activity of this event uses its deck: the file must
    # carry the deck for the kept version (though another event still uses it), or the
    # other laptop could not bring the activity back.
    plan_evening(alice, rank_deck, match_deck, prompts_deck)
    alice.remove_agenda_item(planned.match.id)
    [kept] = alice.history(planned.match.id)
    payload = exported(alice, planned.event.id)
    assert list(payload["decks"]) == [kept.document["deck"]]  # only what the history needs
    bob.import_events([("e.json", payload)])
    assert planned.match.id not in [i.id for i in bob.list_agenda(planned.event.id)]
    bob.restore_version(kept.id)
    assert bob.get_agenda_item(planned.match.id).title == planned.match.title
    assert bob.deck_of(planned.match.id) == match_deck


def test_the_kept_version_says_which_revision_won(
    alice: Store, bob: Store, planned: Evening
) -> None:
    table, item = planned.tables[0].id, planned.rank.id
    send(alice, bob, planned.event.id)
    alice.save_outcome(table, item, RankResult((("R1",),)))
    bob.save_outcome(table, item, RankResult((("R2",),)))  # later: it wins
    report = send(bob, alice, planned.event.id)
    kept = alice.get_outcome(table, item)
    assert kept is not None and kept.result == RankResult((("R2",),))
    [lost] = [h for h in alice.list_history(planned.event.id) if h.reason == "conflict"]
    assert (lost.winner_device, lost.winner_revision) == ("bob-laptop", kept.revision)
    [conflict] = [c for c in report.conflicts]
    assert conflict.record_id == lost.record_id  # Alice's outcome, which lost and went


def test_a_copy_that_lost_earlier_in_the_same_import_is_old_news_the_second_time(
    alice: Store, bob: Store, planned: Evening
) -> None:
    table, item = planned.tables[0].id, planned.rank.id
    send(alice, bob, planned.event.id)
    bob.save_outcome(table, item, RankResult((("R2",),)))
    alice.save_outcome(table, item, RankResult((("R1",),)))  # later: Alice's copy wins
    [bobs] = bob.list_outcomes()
    payload = json.loads(json.dumps(bob.export_event(planned.event.id)))
    first, again = alice.import_events([("bob.json", payload), ("bob-copy.json", payload)])
    [conflict] = first.conflicts
    assert conflict.record_id == bobs.id  # the incoming copy, which lost
    assert again.conflicts == []
    assert ("outcomes", bobs.id) in again.unchanged
    assert ("events", planned.event.id) in again.unchanged
    [kept] = alice.list_outcomes()
    assert kept.result == RankResult((("R1",),))


@pytest.mark.parametrize("alice_recorded", [False, True])
def test_three_laptops_recording_one_table_leave_one_outcome_after_one_import(
    alice: Store, bob: Store, planned: Evening, tmp_path: Path, clock: Clock, alice_recorded: bool
) -> None:
    table, item = planned.tables[0].id, planned.rank.id
    send(alice, bob, planned.event.id)
    if alice_recorded:
        alice.save_outcome(table, item, RankResult((("R1",),)))  # the earliest
    with Store.open(tmp_path / "carol.json", device_id="carol-laptop", clock=clock) as carol:
        send(bob, carol, planned.event.id)
        bob.save_outcome(table, item, RankResult((("R2",),)))
        carol.save_outcome(table, item, RankResult((("R3",),)))  # the latest
        files = [("bob.json", exported(bob, planned.event.id))]
        files.append(("carol.json", exported(carol, planned.event.id)))
    from_bob, from_carol = alice.import_events(files)
    assert len(from_bob.conflicts) == (1 if alice_recorded else 0)
    assert len(from_carol.conflicts) == 1
    [kept] = alice.list_outcomes()
    assert kept.result == RankResult((("R3",),))


def test_an_outcome_deleted_by_one_file_makes_room_for_the_next_files_outcome(
    alice: Store, bob: Store, planned: Evening, tmp_path: Path, clock: Clock
) -> None:
    table, item = planned.tables[0].id, planned.rank.id
    alice.save_outcome(table, item, RankResult((("R1",),)))
    send(alice, bob, planned.event.id)
    with Store.open(tmp_path / "carol.json", device_id="carol-laptop", clock=clock) as carol:
        send(alice, carol, planned.event.id)
        carol.delete_outcome(carol.list_outcomes()[0].id)
        carol.save_outcome(planned.tables[1].id, item, RankResult((("R2",),)))
        deleted_on_carol = exported(carol, planned.event.id)
    alice.delete_outcome(alice.list_outcomes()[0].id)
    alice.save_outcome(table, item, RankResult((("R3",),)))  # a new one, another id
    files = [("carol.json", deleted_on_carol), ("alice.json", exported(alice, planned.event.id))]
    from_carol, from_alice = bob.import_events(files)
    assert from_carol.conflicts == [] and from_alice.conflicts == []
    results = {o.table_id: o.result for o in bob.list_outcomes()}
    assert results == {table: RankResult((("R3",),)), planned.tables[1].id: RankResult((("R2",),))}


def test_a_copy_deleted_in_one_file_stays_deleted_when_another_file_brings_it(
    alice: Store, bob: Store, planned: Evening, tmp_path: Path, clock: Clock
) -> None:
    table, item = planned.tables[0].id, planned.rank.id
    outcome = alice.save_outcome(table, item, RankResult((("R1",),)))
    assert outcome is not None
    with Store.open(tmp_path / "carol.json", device_id="carol-laptop", clock=clock) as carol:
        send(alice, carol, planned.event.id)
        old_copy = exported(carol, planned.event.id)
    alice.delete_outcome(outcome.id)
    files = [("alice.json", exported(alice, planned.event.id)), ("carol.json", old_copy)]
    _, from_carol = bob.import_events(files)
    assert ("outcomes", outcome.id) in from_carol.unchanged
    assert bob.list_outcomes() == []


def test_a_copy_changed_in_the_file_without_a_save_is_a_conflict_not_a_crash(
    alice: Store, bob: Store, planned: Evening
) -> None:
    # Same saves, same time, same device, other content: a hand-edited file. One copy is
    # kept, the other goes to the history, and every laptop keeps the same one.
    send(alice, bob, planned.event.id)
    payload = json.loads(json.dumps(alice.export_event(planned.event.id)))
    table = payload["tables"][0]
    before = table["name"]
    table["name"] = "Edited in the file"
    [report] = bob.import_events([("edited.json", payload)])
    [conflict] = report.conflicts
    assert conflict.record_id == table["id"]
    names = {bob.get_table(table["id"]).name}
    names |= {h.document["name"] for h in bob.history(table["id"])}
    assert names == {before, "Edited in the file"}


def test_an_event_deleted_and_restored_travels_with_its_history(
    alice: Store, bob: Store, planned: Evening
) -> None:
    send(alice, bob, planned.event.id)
    alice.delete_event(planned.event.id)
    alice.restore_event(planned.event.id)
    payload = exported(alice, planned.event.id)
    assert ("events", "deleted") in {(h["record_kind"], h["reason"]) for h in payload["history"]}
    [report] = bob.import_events([("e.json", payload)])
    assert report.conflicts == []
    assert [e.id for e in bob.list_events()] == [planned.event.id]
    assert len(bob.list_tables(planned.event.id)) == 3
