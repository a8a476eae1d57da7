"""The store's everyday methods, case by case: what changes, what stays, what a missing record
is called, and that an edit that changes nothing writes nothing."""

from __future__ import annotations

import pytest

from facilitator.decks.model import Deck
from facilitator.outcomes import RankResult
from facilitator.store import Store
from facilitator.store.validation import MAX_TABLES
from tests.store.conftest import plan_evening

MISSING = "f" * 32


@pytest.mark.parametrize(
    ("call", "what"),
    [
        (lambda s: s.get_table(MISSING), "table"),
        (lambda s: s.update_table(MISSING, name="x"), "table"),
        (lambda s: s.remove_table(MISSING), "table"),
        (lambda s: s.add_table(MISSING), "event"),
        (lambda s: s.update_event(MISSING, title="x"), "event"),
        (lambda s: s.list_agenda(MISSING), "event"),
        (lambda s: s.reorder_agenda(MISSING, []), "event"),
        (lambda s: s.update_agenda_item(MISSING, title="x"), "agenda item"),
        (lambda s: s.remove_agenda_item(MISSING), "agenda item"),
        (lambda s: s.delete_outcome(MISSING), "outcome"),
        (lambda s: s.get_outcome_by_id(MISSING), "outcome"),
    ],
)
def test_a_missing_record_is_named_in_the_refusal(store: Store, call, what) -> None:
    with pytest.raises(Exception) as caught:
        call(store)
    assert type(caught.value).__name__ == "NotFound"
    assert str(caught.value) == f"no {what} with id {MISSING}"


def test_tables_added_later_take_the_next_number_and_the_set_colour(store: Store) -> None:
    empty = store.create_event(title="Empty", table_count=0)
    first = store.add_table(empty.id)
    assert (first.number, first.name, first.event_id) == (1, "Table 1", empty.id)
    event = store.create_event(title="Evening", table_count=3)
    two = store.list_tables(event.id)[1]
    store.remove_table(two.id)
    added = store.add_table(event.id, name="By the window", colour="#123456")
    assert (added.number, added.name, added.colour) == (4, "By the window", "#123456")
    assert added.id in [t.id for t in store.list_tables(event.id)]
    plain = store.add_table(event.id)
    assert plain.name == "Table 5" and plain.colour.startswith("#")
    assert plain.colour != added.colour


def test_an_event_holds_at_most_the_tables_there_are_set_colours_for(store: Store) -> None:
    event = store.create_event(title="Big", table_count=MAX_TABLES - 1)
    store.add_table(event.id)  # the last one that fits
    with pytest.raises(Exception) as caught:
        store.add_table(event.id)
    assert str(caught.value) == f"an event has at most {MAX_TABLES} tables"
    assert len(store.list_tables(event.id)) == MAX_TABLES


def test_renaming_a_table_keeps_its_colour_and_recolouring_keeps_its_name(store: Store) -> None:
    event = store.create_event(title="Evening", table_count=2)
    table = store.list_tables(event.id)[0]
    renamed = store.update_table(table.id, name="Window")
    assert (renamed.name, renamed.colour, renamed.event_id) == ("Window", table.colour, event.id)
    recoloured = store.update_table(table.id, colour="#654321")
    assert (recoloured.name, recoloured.colour) == ("Window", "#654321")
    assert [t.name for t in store.list_tables(event.id)] == ["Window", "Table 2"]
    same = store.update_table(table.id, name="Window", colour="#654321")
    assert same.revision == recoloured.revision  # nothing changed: nothing written


def test_an_agenda_item_changes_title_or_timebox_and_keeps_the_other(
    store: Store, rank_deck: Deck, match_deck: Deck, prompts_deck: Deck
) -> None:
    evening = plan_evening(store, rank_deck, match_deck, prompts_deck)
    item = evening.rank
    retitled = store.update_agenda_item(item.id, title="Who reports to whom")
    assert (retitled.title, retitled.timebox_minutes) == ("Who reports to whom", 20)
    retimed = store.update_agenda_item(item.id, timebox_minutes=25)
    assert (retimed.title, retimed.timebox_minutes) == ("Who reports to whom", 25)
    same = store.update_agenda_item(item.id, title="Who reports to whom", timebox_minutes=25)
    assert same.revision == retimed.revision
    with pytest.raises(Exception) as caught:
        store.update_agenda_item(item.id, title="   ")
    assert str(caught.value) == "the agenda item's title must not be empty"


def test_an_event_changes_only_what_is_given(store: Store) -> None:
    event = store.create_event(title="Evening", series="PMO Flashmob", venue="Le Truc")
    moved = store.update_event(event.id, series="Flashmob North")
    assert (moved.title, moved.series, moved.venue) == ("Evening", "Flashmob North", "Le Truc")
    same = store.update_event(event.id, title="Evening")
    assert same.revision == moved.revision


def test_series_are_listed_alphabetically_whatever_their_case(store: Store) -> None:
    for title, series in (("a", "beta club"), ("b", "PMO Flashmob"), ("c", "Alpha"), ("d", "")):
        store.create_event(title=title, series=series)
    assert store.list_series() == ["Alpha", "beta club", "PMO Flashmob"]


def test_a_new_order_must_name_every_item_once(
    store: Store, rank_deck: Deck, match_deck: Deck, prompts_deck: Deck
) -> None:
    evening = plan_evening(store, rank_deck, match_deck, prompts_deck)
    ids = [evening.prompts.id, evening.rank.id, evening.match.id]
    for wrong in (ids[:2], [*ids, ids[0]], [ids[0], ids[0], ids[1]]):
        with pytest.raises(Exception) as caught:
            store.reorder_agenda(evening.event.id, wrong)
        assert str(caught.value) == "the new order must name every agenda item of the event once"
    assert [i.id for i in store.reorder_agenda(evening.event.id, ids)] == ids


def test_outcomes_list_by_agenda_place_then_table_number(
    store: Store, rank_deck: Deck, match_deck: Deck, prompts_deck: Deck
) -> None:
    evening = plan_evening(store, rank_deck, match_deck, prompts_deck)
    t1, t2, t3 = evening.tables
    for table in (t3, t1, t2):
        store.save_outcome(table.id, evening.rank.id, RankResult((("R1",),)))
    listed = [(o.item_id, o.table_id) for o in store.list_outcomes(event_id=evening.event.id)]
    assert listed == [(evening.rank.id, t.id) for t in (t1, t2, t3)]
    store.reorder_agenda(evening.event.id, [evening.match.id, evening.rank.id, evening.prompts.id])
    assert [o.table_id for o in store.list_outcomes(table_id=t2.id)] == [t2.id]


def test_a_store_in_memory_signs_its_saves_as_memory() -> None:
    store = Store.in_memory()
    event = store.create_event(title="Dry run")
    assert (store.device_id, event.device, dict(event.versions)) == (
        "memory",
        "memory",
        {"memory": 1},
    )
    named = Store.in_memory(device_id="rehearsal")
    assert named.create_event(title="x").device == "rehearsal"


def test_a_records_history_lists_its_earlier_versions_oldest_first(
    store: Store, rank_deck: Deck, match_deck: Deck, prompts_deck: Deck
) -> None:
    evening = plan_evening(store, rank_deck, match_deck, prompts_deck)
    table = evening.tables[0]
    outcome = store.save_outcome(table.id, evening.rank.id, RankResult((("R1",),)))
    store.delete_outcome(outcome.id)
    [entry] = store.history(outcome.id)
    assert (entry.record_id, entry.reason) == (outcome.id, "deleted")
    assert entry.document["result"] == {"levels": [["R1"]]}
    assert store.history(table.id) == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"series": "s" * 201}, "the series is 201 characters long; the limit is 200"),
        ({"venue": "v" * 301}, "the venue is 301 characters long; the limit is 300"),
        ({"notes": "n" * 20_001}, "the notes is 20001 characters long; the limit is 20000"),
        ({"title": " "}, "the event's title must not be empty"),
    ],
)
def test_an_events_fields_are_named_when_refused(store: Store, fields, message) -> None:
    with pytest.raises(Exception) as caught:
        store.create_event(**{"title": "Evening", **fields})
    assert str(caught.value) == message
    assert store.list_events() == []


def test_a_tables_name_is_named_when_refused(store: Store) -> None:
    event = store.create_event(title="Evening", table_count=1)
    table = store.list_tables(event.id)[0]
    for name, message in (
        ("   ", "the table's name must not be empty"),
        ("t" * 61, "the table's name is 61 characters long; the limit is 60"),
    ):
        with pytest.raises(Exception) as caught:
            store.update_table(table.id, name=name)
        assert str(caught.value) == message
    assert store.get_table(table.id).name == "Table 1"
    assert store.add_table(event.id, name="").name == "Table 2"  # no name: numbered


def test_opening_clears_temporary_files_left_by_a_killed_writer(data_dir) -> None:
    from facilitator.store import backups

    db = data_dir / "facilitator.db.json"
    with Store.open(db) as store:
        store.create_event(title="Evening")
    left = data_dir / ".facilitator.db.json.1234.tmp"
    left.write_bytes(b"half a database")
    folder = backups.backups_dir(db)
    folder.mkdir(parents=True, exist_ok=True)
    half_backup = folder / ".backup.1234.tmp"
    half_backup.write_bytes(b"half a backup")
    kept = folder / "notes.tmp"  # not one of ours: names without the leading dot are kept
    kept.write_bytes(b"x")
    with Store.open(db, read_only=True):
        assert left.exists()  # a reader never deletes: the writer may still be writing
    with Store.open(db):
        pass
    assert not left.exists() and not half_backup.exists()
    assert kept.exists()


def test_times_are_stored_in_utc_to_the_millisecond() -> None:
    from datetime import datetime, timedelta, timezone

    summer = timezone(timedelta(hours=1))
    for micro, shown in ((123_999, "123"), (999_999, "999"), (0, "000")):
        moment = datetime(2015, 8, 20, 18, 30, 5, micro, tzinfo=summer)
        store = Store.in_memory(clock=lambda moment=moment: moment)
        event = store.create_event(title="Evening")
        assert event.created == event.updated == f"2015-08-20T17:30:05.{shown}Z"


def test_a_closed_store_refuses_to_write_in_one_sentence(db_file) -> None:
    store = Store.open(db_file)
    store.close()
    with pytest.raises(Exception) as caught:
        store.create_event(title="Too late")
    assert str(caught.value) == "the database was closed; open it again"


def test_an_event_is_found_by_the_start_of_its_id_when_that_is_unambiguous(store: Store) -> None:
    events = [store.create_event(title=f"Evening {n}") for n in range(2)]
    first = events[0]
    assert store.find_event(first.id.upper()).id == first.id
    assert store.find_event(" " + first.id[:4] + " ").id == first.id
    with pytest.raises(Exception) as short:
        store.find_event(first.id[:3])
    assert str(short.value) == f"no event with id {first.id[:3]!r} (give at least 4 characters)"
    with pytest.raises(Exception) as missing:
        store.find_event("zzzz")
    assert str(missing.value) == "no event with id 'zzzz'"


def test_two_ids_starting_alike_ask_for_more_of_it(store: Store, monkeypatch) -> None:
    from facilitator.store import store as store_module

    ids = iter(["abcd1111" + "0" * 24, "abcd2222" + "0" * 24, "abcd3333" + "0" * 24])
    monkeypatch.setattr(store_module, "new_id", lambda: next(ids))
    for n in range(2):
        store.create_event(title=f"Evening {n}")
    with pytest.raises(Exception) as two:
        store.find_event("abcd")
    assert str(two.value) == "2 events have ids starting 'abcd'; give more of it"
    store.create_event(title="Evening 2")
    with pytest.raises(Exception) as three:
        store.find_event("abcd")
    assert str(three.value) == "3 events have ids starting 'abcd'; give more of it"
    assert store.find_event("abcd2").title == "Evening 1"


def test_an_agenda_item_takes_the_decks_title_and_no_timebox_unless_given(
    store: Store, rank_deck: Deck
) -> None:
    event = store.create_event(title="Evening")
    plain = store.add_agenda_item(event.id, rank_deck)
    assert (plain.title, plain.timebox_minutes) == (rank_deck.title, 0)
    named = store.add_agenda_item(event.id, rank_deck, title="Who reports to whom")
    assert named.title == "Who reports to whom"
    assert named.snapshot_id == plain.snapshot_id  # one snapshot for one deck
    with pytest.raises(Exception) as caught:
        store.add_agenda_item(event.id, rank_deck, title="t" * 301)
    assert str(caught.value) == "the agenda item's title is 301 characters long; the limit is 300"


def test_an_agenda_holds_at_most_its_limit_of_items(store: Store, rank_deck: Deck) -> None:
    from facilitator.store.validation import MAX_AGENDA_ITEMS

    event = store.create_event(title="Marathon")
    for _ in range(MAX_AGENDA_ITEMS):
        store.add_agenda_item(event.id, rank_deck)
    with pytest.raises(Exception) as caught:
        store.add_agenda_item(event.id, rank_deck)
    assert str(caught.value) == f"an agenda has at most {MAX_AGENDA_ITEMS} items"
