"""Event files between co-facilitators' laptops: every refusal names the file and the record,
older files still import, and a conflict says exactly which copy was kept."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from facilitator.decks.model import Deck
from facilitator.errors import InputError
from facilitator.outcomes import RankResult
from facilitator.store import Store
from facilitator.store.migrations import CURRENT_SCHEMA
from tests.store.conftest import Evening, plan_evening


@pytest.fixture
def planned(alice: Store, rank_deck: Deck, match_deck: Deck, prompts_deck: Deck) -> Evening:
    evening = plan_evening(alice, rank_deck, match_deck, prompts_deck)
    alice.save_outcome(evening.tables[0].id, evening.rank.id, RankResult((("R1",),)))
    return evening


def exported(store: Store, event_id: str) -> dict[str, Any]:
    return copy.deepcopy(json.loads(json.dumps(store.export_event(event_id))))


def refusal(store: Store, payload: Any) -> str:
    with pytest.raises(InputError) as caught:
        store.import_events([("e.json", payload)])
    assert store.list_events() == []  # nothing was imported
    return str(caught.value)


@pytest.mark.parametrize("version", [0, -1, True, "1", None, 1.0])
def test_a_file_without_a_valid_version_is_refused(alice, bob, planned, version) -> None:
    payload = exported(alice, planned.event.id)
    payload["version"] = version
    assert refusal(bob, payload) == "e.json: has no valid version"


def test_a_file_from_a_newer_facilitator_asks_for_an_update(alice, bob, planned) -> None:
    newer = "e.json: was written by a newer Facilitator; update this one to import it"
    payload = exported(alice, planned.event.id)
    payload["version"] = 2
    assert refusal(bob, payload) == newer
    payload = exported(alice, planned.event.id)
    payload["schema"] = CURRENT_SCHEMA + 1
    assert refusal(bob, payload) == newer


def test_an_older_file_without_schema_or_lists_still_imports(alice, bob, planned) -> None:
    payload = exported(alice, planned.event.id)
    minimal = {k: v for k, v in payload.items() if k in ("format", "version", "event")}
    [report] = bob.import_events([("old.json", minimal)])
    assert report.added == [("events", planned.event.id)]
    assert bob.get_event(planned.event.id).title == planned.event.title
    without_schema = {k: v for k, v in payload.items() if k != "schema"}
    [report] = bob.import_events([("old.json", without_schema)])
    assert len(bob.list_outcomes()) == 1


@pytest.mark.parametrize("name", ["tables", "agenda", "outcomes", "history"])
def test_each_list_must_be_a_list(alice, bob, planned, name) -> None:
    payload = exported(alice, planned.event.id)
    payload[name] = {"not": "a list"}
    assert refusal(bob, payload) == f'e.json: "{name}" must be a list'


@pytest.mark.parametrize(("name", "word"), [("tables", "table"), ("agenda", "agenda item")])
def test_a_record_of_another_event_is_refused_by_name(alice, bob, planned, name, word) -> None:
    payload = exported(alice, planned.event.id)
    record = payload[name][0]
    record["event_id"] = "e" * 32
    assert refusal(bob, payload) == f"e.json: {word} {record['id'][:8]}: belongs to another event"


def test_an_outcome_of_another_event_is_refused_by_name(alice, bob, planned) -> None:
    payload = exported(alice, planned.event.id)
    outcome = payload["outcomes"][0]
    outcome["event_id"] = "e" * 32
    assert refusal(bob, payload) == f"e.json: outcome {outcome['id'][:8]}: belongs to another event"


def test_a_malformed_outcome_is_named_with_what_is_wrong(alice, bob, planned) -> None:
    payload = exported(alice, planned.event.id)
    outcome = payload["outcomes"][0]
    outcome["result"] = {"levels": 7}
    message = refusal(bob, payload)
    assert message.startswith(f"e.json: outcome {outcome['id'][:8]}: is malformed (TypeError: ")


def test_a_history_entry_without_a_valid_id_is_refused(alice, bob, planned) -> None:
    outcome = alice.list_outcomes()[0]
    alice.delete_outcome(outcome.id)
    for broken in ("not-an-id", None):
        payload = exported(alice, planned.event.id)
        payload["history"][0]["id"] = broken
        assert refusal(bob, payload) == "e.json: a history entry has no valid id"
    payload = exported(alice, planned.event.id)
    payload["history"][0] = ["a", "list"]
    assert refusal(bob, payload) == "e.json: a history entry has no valid id"


def test_changing_the_file_after_importing_it_does_not_change_the_store(
    alice, bob, planned
) -> None:
    payload = exported(alice, planned.event.id)
    bob.import_events([("e.json", payload)])
    payload["tables"][0]["name"] = "Changed afterwards"
    payload["outcomes"][0]["result"]["levels"].append(["R2"])
    assert bob.list_tables(planned.event.id)[0].name == "Table 1"
    assert bob.list_outcomes()[0].result == RankResult((("R1",),))


def test_a_conflict_says_which_copy_was_kept_and_where_the_other_went(alice, bob, planned) -> None:
    table, item = planned.tables[0].id, planned.rank.id
    bob.import_events([("e.json", exported(alice, planned.event.id))])
    alice.save_outcome(table, item, RankResult((("R2",),)))  # revision 2, 18:30:xx
    bob.save_outcome(table, item, RankResult((("R3",),)))  # revision 2, a second later
    [report] = alice.import_events([("bob.json", exported(bob, planned.event.id))])
    [conflict] = report.conflicts
    kept = alice.get_outcome(table, item)
    assert kept is not None and kept.result == RankResult((("R3",),))
    [lost] = alice.history(kept.id)
    saved_kept = kept.updated[:19].replace("T", " ")
    saved_lost = lost.document["updated"][:19].replace("T", " ")
    assert saved_kept > saved_lost
    assert conflict.description == (
        f'outcome of Table 1 for "{planned.rank.title}": kept the later save (saved {saved_kept} '
        f"UTC on device bob-lapt); the other (saved {saved_lost} UTC on device alice-la) is in "
        f"the history as {lost.id[:8]}"
    )
    assert (
        report.summary()
        == "bob.json (PMO Flashmob Birmingham): 0 added, 0 updated, 7 unchanged, 1 conflict"
    )


def test_an_export_says_what_wrote_it_and_when(alice, planned, clock) -> None:
    payload = exported(alice, planned.event.id)
    assert payload["format"] == "facilitator-event" and payload["version"] == 1
    assert payload["schema"] == CURRENT_SCHEMA
    assert payload["device"] == "alice-laptop"
    assert payload["exported"].startswith("2015-08-20T18:30:") and payload["exported"].endswith("Z")


def test_an_export_carries_the_history_of_its_own_event_only(
    alice, planned, rank_deck, match_deck, prompts_deck
) -> None:
    other = plan_evening(alice, rank_deck, match_deck, prompts_deck)
    gone = alice.save_outcome(other.tables[0].id, other.rank.id, RankResult((("R2",),)))
    alice.delete_outcome(gone.id)
    mine = alice.list_outcomes(event_id=planned.event.id)[0]
    alice.delete_outcome(mine.id)
    history = exported(alice, planned.event.id)["history"]
    assert [h["record_id"] for h in history] == [mine.id]


def test_importing_no_files_is_refused() -> None:
    from facilitator.errors import FacilitatorError

    store = Store.in_memory()
    with pytest.raises(FacilitatorError) as caught:
        store.import_events([])
    assert str(caught.value) == "no event files to import"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda h: h.update(record_kind="people"), "'people' is not a kind of record"),
        (lambda h: h.update(reason="lost"), "'lost' is not a reason it could be kept"),
        (lambda h: h.pop("record_id"), "lacks its record_id field"),
        (lambda h: h.update(at=7), "lacks the time it was kept"),
    ],
)
def test_a_history_entry_is_checked_before_anything_is_merged(
    alice, bob, planned, change, message
) -> None:
    alice.delete_outcome(alice.list_outcomes()[0].id)
    payload = exported(alice, planned.event.id)
    entry = payload["history"][0]
    change(entry)
    assert refusal(bob, payload) == f"e.json: history entry {entry['id'][:8]}: {message}"


@pytest.mark.parametrize("number", [0, 51, True, -1])
def test_a_table_number_outside_the_set_colours_is_refused(alice, bob, planned, number) -> None:
    from facilitator.store.validation import MAX_TABLES

    payload = exported(alice, planned.event.id)
    table = payload["tables"][0]
    table["number"] = MAX_TABLES + 1 if number == 51 else number
    shown = table["number"]
    assert refusal(bob, payload) == (
        f"e.json: table {table['id'][:8]}: table number {shown} is not 1 to {MAX_TABLES}"
    )


def test_the_highest_table_number_is_accepted(alice, bob, planned) -> None:
    from facilitator.store.validation import MAX_TABLES

    payload = exported(alice, planned.event.id)
    payload["tables"][2]["number"] = MAX_TABLES
    bob.import_events([("e.json", payload)])
    assert max(t.number for t in bob.list_tables(planned.event.id)) == MAX_TABLES


@pytest.mark.parametrize("position", [True, 1.5, "2"])
def test_an_agenda_position_must_be_a_whole_number(alice, bob, planned, position) -> None:
    payload = exported(alice, planned.event.id)
    item = payload["agenda"][0]
    item["position"] = position
    assert refusal(bob, payload) == (
        f"e.json: agenda item {item['id'][:8]}: its position is not a whole number"
    )


def test_an_activity_whose_deck_is_of_another_kind_is_refused(alice, bob, planned) -> None:
    payload = exported(alice, planned.event.id)
    item = next(a for a in payload["agenda"] if a["kind"] == "rank")
    item["kind"] = "prompts"
    assert refusal(bob, payload) == (
        f"e.json: agenda item {item['id'][:8]}: is a prompts activity with a rank deck"
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda p: p["tables"].__setitem__(0, "Table 1"), "every table must be a JSON object"),
        (
            lambda p: p["tables"][0].update(id="short"),
            "table short: its id is not a Facilitator id",
        ),
        (
            lambda p: p["outcomes"][0].update(id="X" * 32),
            "outcome XXXXXXXX: its id is not a Facilitator id",
        ),
        (lambda p: p["agenda"][0].update(id=7), "agenda item 7: its id is not a Facilitator id"),
        (lambda p: p.update(event=None), "every event must be a JSON object"),
    ],
)
def test_a_record_that_is_not_a_record_is_refused(alice, bob, planned, change, message) -> None:
    payload = exported(alice, planned.event.id)
    change(payload)
    assert refusal(bob, payload) == f"e.json: {message}"


def send(source: Store, target: Store, event_id: str):
    [report] = target.import_events([("e.json", exported(source, event_id))])
    return report


def test_tables_and_agenda_items_deleted_elsewhere_go_here_too(alice, bob, planned) -> None:
    send(alice, bob, planned.event.id)
    spare_table = planned.tables[2]
    spare_item = planned.match
    alice.remove_table(spare_table.id)
    alice.remove_agenda_item(spare_item.id)
    report = send(alice, bob, planned.event.id)
    assert ("tables", spare_table.id) in report.updated
    assert ("agenda", spare_item.id) in report.updated
    assert [t.id for t in bob.list_tables(planned.event.id)] == [t.id for t in planned.tables[:2]]
    assert spare_item.id not in [i.id for i in bob.list_agenda(planned.event.id)]


def test_an_outcome_and_its_table_deleted_together_both_go(alice, bob, planned) -> None:
    # The table can only go once its outcome has: deletions apply outcomes first.
    table = planned.tables[0]
    send(alice, bob, planned.event.id)
    [outcome] = alice.list_outcomes()
    alice.delete_outcome(outcome.id)
    alice.remove_table(table.id)
    send(alice, bob, planned.event.id)
    assert bob.list_outcomes() == []
    assert table.id not in [t.id for t in bob.list_tables(planned.event.id)]
    item = planned.rank
    alice.save_outcome(planned.tables[1].id, item.id, RankResult((("R1",),)))
    send(alice, bob, planned.event.id)
    [second] = alice.list_outcomes()
    alice.delete_outcome(second.id)
    alice.remove_agenda_item(item.id)
    send(alice, bob, planned.event.id)
    assert bob.list_outcomes() == []
    assert item.id not in [i.id for i in bob.list_agenda(planned.event.id)]


def test_a_table_deleted_elsewhere_stays_here_while_an_outcome_here_needs_it(
    alice, bob, planned
) -> None:
    send(alice, bob, planned.event.id)
    spare = planned.tables[2]
    alice.remove_table(spare.id)
    bob.save_outcome(spare.id, planned.rank.id, RankResult((("R5",),)))
    report = send(alice, bob, planned.event.id)
    assert ("tables", spare.id) not in report.updated
    assert spare.id in [t.id for t in bob.list_tables(planned.event.id)]
    item = planned.prompts
    alice.remove_agenda_item(item.id)
    from facilitator.outcomes import PromptResponse, PromptsResult, Verdict

    bob.save_outcome(
        spare.id, item.id, PromptsResult({"P1": PromptResponse(verdict=Verdict.AGREED)})
    )
    send(alice, bob, planned.event.id)
    assert item.id in [i.id for i in bob.list_agenda(planned.event.id)]


def test_a_deletion_already_made_here_does_not_stop_the_next_one(alice, bob, planned) -> None:
    send(alice, bob, planned.event.id)
    first, second = planned.tables[1], planned.tables[2]
    alice.remove_table(first.id)
    alice.remove_table(second.id)
    bob.remove_table(first.id)  # Bob removed the first one himself
    send(alice, bob, planned.event.id)
    assert [t.id for t in bob.list_tables(planned.event.id)] == [planned.tables[0].id]


def test_when_the_copy_here_wins_a_conflict_it_stays_and_the_other_is_kept_in_history(
    alice, bob, planned
) -> None:
    table, item = planned.tables[0].id, planned.rank.id
    send(alice, bob, planned.event.id)
    bob.save_outcome(table, item, RankResult((("R4",),)))  # saved first there
    alice.save_outcome(table, item, RankResult((("R2",),)))
    alice.save_outcome(table, item, RankResult((("R3",),)))  # the later save, here
    report = send(bob, alice, planned.event.id)
    [conflict] = report.conflicts
    kept = alice.get_outcome(table, item)
    assert kept is not None and kept.result == RankResult((("R3",),))
    assert (conflict.record_kind, conflict.record_id) == ("outcomes", kept.id)
    assert "kept the later save" in conflict.description
    assert "on device alice-la)" in conflict.description
    [lost] = alice.history(kept.id)
    assert (lost.reason, lost.winner_device) == ("conflict", "alice-laptop")
    assert lost.document["result"]["levels"] == [["R4"]]


def test_a_conflict_between_copies_with_one_device_id_makes_the_kept_copy_newer(
    tmp_path, clock, rank_deck, match_deck, prompts_deck
) -> None:
    with (
        Store.open(tmp_path / "one.json", device_id="copied", clock=clock) as one,
        Store.open(tmp_path / "two.json", device_id="copied", clock=clock) as two,
    ):
        evening = plan_evening(one, rank_deck, match_deck, prompts_deck)
        table, item = evening.tables[0].id, evening.rank.id
        one.save_outcome(table, item, RankResult((("R1",),)))
        send(one, two, evening.event.id)
        one.save_outcome(table, item, RankResult((("R3",),)))
        two.save_outcome(table, item, RankResult((("R4",),)))
        report = send(two, one, evening.event.id)
        assert len(report.conflicts) == 1
        kept = one.get_outcome(table, item)
        assert kept is not None and dict(kept.versions) == {"copied": 3}
        back = send(one, two, evening.event.id)
        assert back.updated == [("outcomes", kept.id)] and back.conflicts == []
