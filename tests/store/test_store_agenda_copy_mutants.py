"""Store: what `make mutate` found no core test calling: giving an agenda item a new copy of
its deck, and finding a kept version by the start of its id (as `db history` shows it).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from facilitator.decks.model import Deck
from facilitator.outcomes import RankResult
from facilitator.store import Store
from facilitator.store.store import NotFound
from facilitator.store.validation import RecordInvalid
from tests.store.conftest import Clock, Evening, plan_evening


def _retitled(deck: Deck, code: str, title: str) -> Deck:
    cards = tuple(dataclasses.replace(c, title=title) if c.code == code else c for c in deck.cards)
    return dataclasses.replace(deck, cards=cards)


def test_an_agenda_item_takes_the_deck_as_it_is_now(
    store: Store, evening: Evening, rank_deck: Deck, db_file: Path
) -> None:
    first = rank_deck.cards[0]
    edited = _retitled(rank_deck, first.code, "Head of the PMO (renamed)")
    before = store.get_agenda_item(evening.rank.id)
    item = store.replace_agenda_deck(evening.rank.id, edited)
    assert item.id == evening.rank.id
    assert item.snapshot_id != before.snapshot_id
    assert store.deck_of(item.id) == edited
    assert store.deck_of(item.id).card_by_code(first.code).title == "Head of the PMO (renamed)"
    # Only the deck changes: the title, timebox and place in the agenda stay as they were.
    assert (item.title, item.timebox_minutes, item.position) == (
        before.title,
        before.timebox_minutes,
        before.position,
    )
    assert item.revision == before.revision + 1
    # The other items of the evening keep their own copies.
    assert store.get_agenda_item(evening.match.id).snapshot == evening.match.snapshot
    if store.path is not None:  # and it is on disk
        store.close()
        with Store.open(db_file, read_only=True) as again:
            assert again.deck_of(evening.rank.id) == edited


def test_the_same_deck_again_saves_nothing(store: Store, evening: Evening, rank_deck: Deck) -> None:
    item = store.replace_agenda_deck(evening.rank.id, rank_deck)
    assert item.revision == evening.rank.revision
    assert item.snapshot_id == evening.rank.snapshot_id


def test_two_items_given_the_same_new_deck_share_one_copy(
    store: Store, evening: Evening, rank_deck: Deck
) -> None:
    second = store.add_agenda_item(evening.event.id, rank_deck, title="Again, later")
    edited = _retitled(rank_deck, rank_deck.cards[1].code, "Changed")
    one = store.replace_agenda_deck(evening.rank.id, edited)
    two = store.replace_agenda_deck(second.id, edited)
    assert one.snapshot_id == two.snapshot_id
    assert store.deck_of(second.id) == edited
    assert two.revision == second.revision + 1


def test_a_deck_copy_is_refused_once_a_table_recorded_cards_from_it(
    store: Store, evening: Evening, rank_deck: Deck
) -> None:
    code = rank_deck.cards[0].code
    store.save_outcome(evening.tables[0].id, evening.rank.id, RankResult(((code,),)))
    store.save_outcome(evening.tables[1].id, evening.rank.id, RankResult(((code,),)))
    edited = _retitled(rank_deck, code, "Changed")
    message = (
        f'"{evening.rank.title}" has 2 recorded outcome(s), which name the cards of the copy '
        "it has; its deck can no longer be updated"
    )
    with pytest.raises(RecordInvalid, match=f"^{re.escape(message)}$"):
        store.replace_agenda_deck(evening.rank.id, edited)
    assert store.deck_of(evening.rank.id) == rank_deck
    # Outcomes of another activity do not hold this one's copy back.
    assert store.replace_agenda_deck(evening.match.id, evening_match_deck(store, evening))


def evening_match_deck(store: Store, evening: Evening) -> Deck:
    deck = store.deck_of(evening.match.id)
    return dataclasses.replace(deck, instructions=deck.instructions + " Take your time.")


def test_a_deck_that_became_another_kind_must_be_added_again(
    store: Store, evening: Evening, match_deck: Deck
) -> None:
    message = "the deck is now a match deck, not rank: add it to the agenda again instead"
    with pytest.raises(RecordInvalid, match=f"^{re.escape(message)}$"):
        store.replace_agenda_deck(evening.rank.id, match_deck)
    assert store.get_agenda_item(evening.rank.id).snapshot_id == evening.rank.snapshot_id


def test_a_deck_copy_for_a_missing_item_names_it(store: Store, rank_deck: Deck) -> None:
    with pytest.raises(NotFound, match=r"^no agenda item with id nothing-here$"):
        store.replace_agenda_deck("nothing-here", rank_deck)


def test_a_kept_version_is_found_by_the_start_of_its_id(store: Store, evening: Evening) -> None:
    code = store.deck_of(evening.rank.id).cards[0].code
    outcome = store.save_outcome(evening.tables[0].id, evening.rank.id, RankResult(((code,),)))
    assert outcome is not None
    store.delete_outcome(outcome.id)
    [kept] = store.history(outcome.id)
    found = store.find_history(kept.id[:6])
    assert found == kept
    assert (found.record_id, found.reason, found.record_kind) == (outcome.id, "deleted", "outcomes")
    assert store.find_history(kept.id.upper()) == kept  # typed in capitals: the same id
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", found.at)  # when, in UTC
    with pytest.raises(NotFound, match=r"^no kept version with id 'zzzzzz'$"):
        store.find_history("zzzzzz")


# --- bringing a kept version back, and naming it as a user knows it --------------------------


def _kept(store: Store, record_id: str) -> str:
    return store.history(record_id)[-1].id


def test_a_removed_agenda_item_comes_back_in_its_old_place(
    store: Store, evening: Evening, rank_deck: Deck
) -> None:
    other = store.create_event(title="Another evening")
    elsewhere = store.add_agenda_item(other.id, rank_deck)
    store.remove_agenda_item(evening.match.id)
    assert [i.id for i in store.list_agenda(evening.event.id)] == [
        evening.rank.id,
        evening.prompts.id,
    ]
    entry = store.restore_version(_kept(store, evening.match.id)[:8])
    assert entry.record_id == evening.match.id
    agenda = store.list_agenda(evening.event.id)
    assert [(i.id, i.position) for i in agenda] == [
        (evening.rank.id, 0),
        (evening.match.id, 1),
        (evening.prompts.id, 2),
    ]
    assert store.get_agenda_item(elsewhere.id).position == 0  # another event's agenda: as it was
    assert store.get_agenda_item(elsewhere.id).revision == elsewhere.revision


def test_a_restore_is_newer_than_the_version_it_replaces(store: Store, evening: Evening) -> None:
    store.remove_agenda_item(evening.match.id)
    deleted = _kept(store, evening.match.id)
    store.restore_version(deleted)
    renamed = store.update_agenda_item(evening.match.id, title="Who does what, again")
    entry = store.restore_version(deleted)  # the first title back, over the renamed one
    assert entry.id == deleted
    item = store.get_agenda_item(evening.match.id)
    assert item.title == evening.match.title
    # Newer than the renamed version in every count, so it wins a merge with it.
    assert item.revision == renamed.revision + 1
    device = store.device_id
    assert item.versions[device] == renamed.versions[device] + 1
    assert item.device == device
    replaced = [h for h in store.history(evening.match.id) if h.reason == "replaced"]
    assert [h.document["title"] for h in replaced] == ["Who does what, again"]


def test_restoring_the_version_a_record_already_holds_saves_nothing(
    store: Store, evening: Evening
) -> None:
    store.remove_agenda_item(evening.match.id)
    deleted = _kept(store, evening.match.id)
    assert store.restore_version(deleted).id == deleted
    before = store.get_agenda_item(evening.match.id)
    again = store.restore_version(deleted)
    assert again.id == deleted
    assert again.record_id == evening.match.id
    assert store.get_agenda_item(evening.match.id) == before


def test_a_table_of_a_deleted_event_asks_for_the_event_first(
    store: Store, evening: Evening
) -> None:
    store.remove_table(evening.tables[2].id)
    kept = _kept(store, evening.tables[2].id)
    store.delete_event(evening.event.id)
    with pytest.raises(RecordInvalid, match=r"^its event was deleted; restore the event first$"):
        store.restore_version(kept)
    with pytest.raises(NotFound, match=r"^no kept version with id 'nothing'$"):
        store.restore_version("nothing")


def test_kept_versions_are_named_as_a_user_knows_them(store: Store, evening: Evening) -> None:
    title = evening.event.title
    table = evening.tables[0]
    code = store.deck_of(evening.rank.id).cards[0].code
    outcome = store.save_outcome(table.id, evening.rank.id, RankResult(((code,),)))
    assert outcome is not None
    store.delete_outcome(outcome.id)
    store.remove_table(table.id)  # the outcome's table is gone: its kept version has the name
    store.remove_agenda_item(evening.prompts.id)
    named = {h.record_id: store.describe(h.record_kind, h.document) for h in store.list_history()}
    assert named == {
        outcome.id: f'outcome of Table 1 for "{evening.rank.title}"',
        table.id: f'Table 1 at "{title}"',
        evening.prompts.id: f'agenda item "{evening.prompts.title}" of "{title}"',
    }
    store.delete_event(evening.event.id)
    [event_kept] = [h for h in store.list_history() if h.record_id == evening.event.id]
    assert store.describe(event_kept.record_kind, event_kept.document) == f'event "{title}"'
    # Still named after the event is gone, from the event's kept version.
    [kept_table] = [h for h in store.history(table.id)]
    assert store.describe("tables", kept_table.document) == f'Table 1 at "{title}"'
    # A record whose table was never known reads "?".
    lost = {**outcome_doc(store, outcome.id), "table_id": "never-there"}
    assert store.describe("outcomes", lost) == f'outcome of ? for "{evening.rank.title}"'


def outcome_doc(store: Store, outcome_id: str) -> dict:
    return dict(store.history(outcome_id)[-1].document)


MISSING = "f" * 32


@pytest.mark.parametrize(
    ("call", "what"),
    [
        (lambda s: s.delete_event(MISSING), "event"),
        (lambda s: s.list_tables(MISSING), "event"),
        (lambda s: s.restore_event(MISSING), "deleted event"),
        (lambda s: s.set_head_count(MISSING, 4), "table"),
        (lambda s: s.deck_of(MISSING), "agenda item"),
    ],
)
def test_a_missing_record_is_named_when_asked_for(store: Store, call, what) -> None:
    with pytest.raises(NotFound) as caught:
        call(store)
    assert str(caught.value) == f"no {what} with id {MISSING}"


def test_an_outcome_for_a_missing_table_or_activity_names_which(
    store: Store, evening: Evening
) -> None:
    result = RankResult(((store.deck_of(evening.rank.id).cards[0].code,),))
    with pytest.raises(NotFound, match=f"^no table with id {MISSING}$"):
        store.save_outcome(MISSING, evening.rank.id, result)
    with pytest.raises(NotFound, match=f"^no agenda item with id {MISSING}$"):
        store.save_outcome(evening.tables[0].id, MISSING, result)


def test_deleted_events_list_the_most_recently_deleted_first_each_once(
    rank_deck: Deck, match_deck: Deck, prompts_deck: Deck
) -> None:
    store = Store.in_memory(clock=Clock())  # each save a second later: deletions in order
    first = plan_evening(store, rank_deck, match_deck, prompts_deck).event
    second = store.create_event(title="Second evening")
    third = store.create_event(title="Third evening")
    store.delete_event(first.id)
    store.delete_event(third.id)
    store.delete_event(second.id)
    assert [h.record_id for h in store.deleted_events()] == [second.id, third.id, first.id]
    # Restored and deleted again: listed once, at its last deletion.
    store.restore_event(first.id)
    store.delete_event(first.id)
    deleted = store.deleted_events()
    assert [h.record_id for h in deleted] == [first.id, second.id, third.id]
    assert deleted[0].id in {h.id for h in store.history(first.id)}
    assert deleted[0].at == max(h.at for h in store.history(first.id) if h.reason == "deleted")
    # Restoring brings back what went with it.
    assert store.restore_event(first.id).title == first.title
    assert len(store.list_tables(first.id)) == 3
    assert [h.record_id for h in store.deleted_events()] == [second.id, third.id]


def test_a_read_only_copy_says_when_it_reloaded_another_copys_save(db_file: Path) -> None:
    with Store.open(db_file) as writer:
        event = writer.create_event(title="Birmingham")
        assert not writer.refresh()  # the writer's own state is always current
        with Store.open(db_file, read_only=True) as reader:
            assert not reader.refresh()  # nothing new yet
            writer.update_event(event.id, title="Birmingham, 2nd floor")
            assert reader.refresh()
            assert reader.get_event(event.id).title == "Birmingham, 2nd floor"
            assert not reader.refresh()  # read again: up to date
    assert not Store.in_memory().refresh()
