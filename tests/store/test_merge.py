"""Co-facilitators' laptops: export an event, import it elsewhere, merge by uuid."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from facilitator.decks.model import Deck
from facilitator.errors import InputError
from facilitator.outcomes import PromptResponse, PromptsResult, RankResult, Verdict
from facilitator.store import Store
from tests.store.conftest import Clock, Evening, plan_evening


@pytest.fixture
def planned(alice: Store, rank_deck: Deck, match_deck: Deck, prompts_deck: Deck) -> Evening:
    return plan_evening(alice, rank_deck, match_deck, prompts_deck)


def send(source: Store, target: Store, event_id: str, name: str = "event.json") -> Any:
    """Export from one laptop and import on the other, through JSON text as a file would."""
    payload = json.loads(json.dumps(source.export_event(event_id)))
    [report] = target.import_events([(name, payload)])
    return report


def test_export_holds_everything_needed_to_rebuild_the_event(
    alice: Store, bob: Store, planned: Evening
) -> None:
    alice.save_outcome(planned.tables[0].id, planned.rank.id, RankResult((("R2",), ("R1",))))
    report = send(alice, bob, planned.event.id)
    assert len(report.added) == 1 + 3 + 3 + 1 and report.conflicts == []
    assert bob.get_event(planned.event.id) == planned.event
    assert bob.list_tables(planned.event.id) == planned.tables
    assert bob.list_agenda(planned.event.id) == alice.list_agenda(planned.event.id)
    assert bob.list_outcomes() == alice.list_outcomes()
    assert bob.deck_of(planned.rank.id) == alice.deck_of(planned.rank.id)


def test_importing_the_same_file_twice_changes_nothing(
    alice: Store, bob: Store, planned: Evening
) -> None:
    alice.save_outcome(planned.tables[0].id, planned.rank.id, RankResult((("R2",),)))
    send(alice, bob, planned.event.id)
    assert bob.path is not None
    before = bob.path.read_bytes()
    report = send(alice, bob, planned.event.id)
    assert (report.added, report.updated, report.conflicts) == ([], [], [])
    assert len(report.unchanged) == 8
    assert bob.path.read_bytes() == before  # not even rewritten


def test_each_laptop_logs_its_own_tables_and_both_end_with_all(
    alice: Store, bob: Store, planned: Evening
) -> None:
    send(alice, bob, planned.event.id)  # the plan travels before the evening
    t1, t2, t3 = planned.tables
    alice.save_outcome(t1.id, planned.rank.id, RankResult((("R1",),)))
    bob.save_outcome(t2.id, planned.rank.id, RankResult((("R2",),)))
    bob.save_outcome(t3.id, planned.rank.id, RankResult((("R3",),)))
    to_alice = send(bob, alice, planned.event.id)
    assert len(to_alice.added) == 2 and to_alice.conflicts == []
    to_bob = send(alice, bob, planned.event.id)
    assert len(to_bob.added) == 1 and to_bob.conflicts == []
    assert alice.list_outcomes() == bob.list_outcomes()
    assert len(alice.list_outcomes()) == 3


def test_a_later_edit_from_elsewhere_updates_without_conflict(
    alice: Store, bob: Store, planned: Evening
) -> None:
    table, item = planned.tables[0].id, planned.rank.id
    alice.save_outcome(table, item, RankResult((("R1",),)))
    send(alice, bob, planned.event.id)
    bob.save_outcome(table, item, RankResult((("R1",), ("R2",))))  # Bob corrects it
    report = send(bob, alice, planned.event.id)
    assert len(report.updated) == 1 and report.conflicts == []
    assert alice.get_outcome(table, item).result == RankResult((("R1",), ("R2",)))  # type: ignore[union-attr]
    assert send(alice, bob, planned.event.id).updated == []  # Alice's old copy is old news


def test_same_outcome_edited_on_two_laptops_keeps_the_later_save_and_reports_the_other(
    alice: Store, bob: Store, planned: Evening
) -> None:
    table, item = planned.tables[2].id, planned.prompts.id

    def verdict(v: Verdict, point: str) -> PromptsResult:
        return PromptsResult({"P2": PromptResponse(verdict=v, key_points=(point,))})

    alice.save_outcome(table, item, verdict(Verdict.DIVIDED, "It is hard"))
    send(alice, bob, planned.event.id)
    bob.save_outcome(table, item, verdict(Verdict.NO_CONSENSUS, "Bob's point"))  # revision 2
    bob.save_outcome(table, item, verdict(Verdict.DIVIDED, "Bob's second point"))  # revision 3
    alice.save_outcome(table, item, verdict(Verdict.AGREED, "Alice's point"))  # 2, but later

    report = send(bob, alice, planned.event.id)
    [conflict] = report.conflicts
    assert conflict.description.startswith('outcome of Table 3 for "PMO Flashmob discussion')
    assert "kept the later save" in conflict.description
    assert "device bob-lapt) is in the history" in conflict.description
    kept = alice.get_outcome(table, item)
    assert kept is not None and kept.result == verdict(Verdict.AGREED, "Alice's point")
    [lost] = alice.history(kept.id)
    assert lost.reason == "conflict" and lost.winner_device == "alice-laptop"
    assert lost.document["result"]["responses"]["P2"]["key_points"] == ["Bob's second point"]
    assert conflict.history_id == lost.id
    assert "1 conflict" in report.summary()

    # Repeating the import, or sending the merged copy back, settles without new conflicts.
    assert send(bob, alice, planned.event.id).conflicts == []
    back = send(alice, bob, planned.event.id)
    assert back.conflicts == [] and len(back.updated) == 1
    assert alice.list_outcomes() == bob.list_outcomes()
    assert [h.id for h in bob.history(kept.id)] == [lost.id]


def test_two_laptops_recording_the_same_table_keep_one_outcome(
    alice: Store, bob: Store, planned: Evening
) -> None:
    send(alice, bob, planned.event.id)
    table, item = planned.tables[0].id, planned.rank.id
    alice.save_outcome(table, item, RankResult((("R1",),)))
    bob.save_outcome(table, item, RankResult((("R2",),)))  # later: it wins
    report = send(bob, alice, planned.event.id)
    assert len(report.conflicts) == 1
    [outcome] = alice.list_outcomes(item_id=item)
    assert outcome.result == RankResult((("R2",),))
    assert send(bob, alice, planned.event.id).conflicts == []
    back = send(alice, bob, planned.event.id)
    assert back.conflicts == [] and len(bob.list_outcomes(item_id=item)) == 1


def test_an_outcome_deleted_here_stays_deleted_when_an_old_copy_comes_back(
    alice: Store, bob: Store, planned: Evening
) -> None:
    outcome = alice.save_outcome(planned.tables[0].id, planned.rank.id, RankResult((("R1",),)))
    send(alice, bob, planned.event.id)
    bob.delete_outcome(outcome.id)
    report = send(alice, bob, planned.event.id)
    assert report.added == [] and ("outcomes", outcome.id) in report.unchanged
    assert bob.list_outcomes() == []


def _payload(store: Store, event_id: str) -> dict[str, Any]:
    return copy.deepcopy(json.loads(json.dumps(store.export_event(event_id))))


@pytest.mark.parametrize(
    ("break_it", "message"),
    [
        (lambda p: p.update(format="something"), "is not a Facilitator event file"),
        (lambda p: p.update(version=7), "was written by a newer Facilitator"),
        (lambda p: p["outcomes"][0]["result"]["levels"].append(["R99"]), "R99 is not a card of"),
        (lambda p: p["outcomes"][0].update(revision="x"), "its revision is not a whole number"),
        (lambda p: p["tables"][0].update(colour="red"), 'table colour "red" is not a colour'),
        (lambda p: p["outcomes"][0].update(table_id="f" * 32), "its table or agenda item is not"),
        (
            lambda p: next(a for a in p["agenda"] if a["kind"] == "prompts")["deck"].update(
                kind="match"
            ),
            "a match deck needs two suits",
        ),
        (lambda p: p["event"].pop("title"), "event [0-9a-f]{8}: lacks its 'title' field"),
    ],
)
def test_a_broken_event_file_is_refused_and_nothing_is_imported(
    alice: Store, bob: Store, planned: Evening, break_it: Any, message: str
) -> None:
    alice.save_outcome(planned.tables[0].id, planned.rank.id, RankResult((("R1",),)))
    good = _payload(alice, planned.event.id)
    broken = _payload(alice, planned.event.id)
    break_it(broken)
    with pytest.raises(InputError, match=message) as caught:
        bob.import_events([("good.json", good), ("broken.json", broken)])
    assert str(caught.value).startswith("broken.json: ")
    assert bob.list_events() == []


def test_device_id_is_stable_and_new_on_a_copied_data_folder(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from facilitator.store.device import device_id

    first = device_id()
    assert device_id() == first and len(first) == 32
    monkeypatch.setattr("socket.gethostname", lambda: "the-new-laptop")
    assert device_id() != first  # the folder was copied to another computer


def test_same_counts_with_different_content_is_a_conflict_not_a_silent_loss(
    tmp_path: Path, clock: Clock, rank_deck: Deck, match_deck: Deck, prompts_deck: Deck
) -> None:
    """Two laptops with one device id (a copied data folder) edit the same outcome."""
    one = Store.open(tmp_path / "one.json", device_id="copied", clock=clock)
    planned = plan_evening(one, rank_deck, match_deck, prompts_deck)
    table, item = planned.tables[0].id, planned.rank.id
    one.save_outcome(table, item, RankResult((("R1",),)))
    two = Store.open(tmp_path / "two.json", device_id="copied", clock=clock)
    send(one, two, planned.event.id)
    one.save_outcome(table, item, RankResult((("R3",),)))
    two.save_outcome(table, item, RankResult((("R4",),)))  # later: wins
    report = send(two, one, planned.event.id)
    assert len(report.conflicts) == 1
    kept = one.get_outcome(table, item)
    assert kept is not None and kept.result == RankResult((("R4",),))
    assert one.history(kept.id)[0].document["result"] == {"levels": [["R3"]]}
    assert send(two, one, planned.event.id).conflicts == []
    assert send(one, two, planned.event.id).conflicts == []
    assert one.list_outcomes() == two.list_outcomes()
    one.close()
    two.close()


def test_a_table_deleted_here_comes_back_when_an_imported_outcome_needs_it(
    alice: Store, bob: Store, planned: Evening
) -> None:
    send(alice, bob, planned.event.id)
    spare = planned.tables[2]
    alice.remove_table(spare.id)  # Alice thought nobody sat there
    bob.save_outcome(spare.id, planned.rank.id, RankResult((("R5",),)))  # Bob logged it
    report = send(bob, alice, planned.event.id)
    assert ("tables", spare.id) in report.added
    assert [t.id for t in alice.list_tables(planned.event.id)] == [t.id for t in planned.tables]
    assert len(alice.list_outcomes(table_id=spare.id)) == 1


def test_changing_what_the_store_returns_does_not_change_the_store(
    alice: Store, planned: Evening
) -> None:
    alice.save_outcome(planned.tables[0].id, planned.rank.id, RankResult((("R1",),)))
    exported = alice.export_event(planned.event.id)
    exported["outcomes"][0]["result"]["levels"].append(["R2"])
    exported["agenda"][0]["deck"]["title"] = "changed"
    alice.get_agenda_item(planned.rank.id).snapshot["title"] = "changed"  # type: ignore[index]
    assert alice.list_outcomes()[0].result == RankResult((("R1",),))
    assert alice.get_agenda_item(planned.rank.id).snapshot["title"] != "changed"
    assert alice.export_event(planned.event.id)["agenda"][0]["deck"]["title"] != "changed"


def test_a_broken_history_entry_is_refused(alice: Store, bob: Store, planned: Evening) -> None:
    outcome = alice.save_outcome(planned.tables[0].id, planned.rank.id, RankResult((("R1",),)))
    alice.delete_outcome(outcome.id)
    payload = _payload(alice, planned.event.id)
    [entry] = payload["history"]
    del entry["document"]["versions"]
    with pytest.raises(
        InputError,
        match=f"history entry {entry['id'][:8]}: outcome {outcome.id[:8]}: its versions are",
    ):
        bob.import_events([("e.json", payload)])
    assert bob.list_events() == []


def test_a_deletion_travels_unless_the_record_was_edited_since(
    alice: Store, bob: Store, planned: Evening
) -> None:
    t1, t2 = planned.tables[0].id, planned.tables[1].id
    gone = alice.save_outcome(t1, planned.rank.id, RankResult((("R1",),)))
    kept = alice.save_outcome(t2, planned.rank.id, RankResult((("R2",),)))
    send(alice, bob, planned.event.id)
    bob.save_outcome(t2, planned.rank.id, RankResult((("R3",),)))  # Bob edits one of them
    alice.delete_outcome(gone.id)
    alice.delete_outcome(kept.id)
    report = send(alice, bob, planned.event.id)
    assert ("outcomes", gone.id) in report.updated
    assert [o.id for o in bob.list_outcomes()] == [kept.id]  # Bob's edit outlives the delete
    assert send(alice, bob, planned.event.id).updated == []
