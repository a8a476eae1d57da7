"""The store API on both storages: events, tables, agenda, outcomes, validation."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from facilitator.decks.model import Deck
from facilitator.outcomes import (
    NOBODY,
    UNSURE,
    MatchResult,
    PromptResponse,
    PromptsResult,
    RankResult,
    Verdict,
)
from facilitator.set_marks import set_colour
from facilitator.store import DatabaseReadOnly, NotFound, RecordInvalid, Store
from tests.store.conftest import Evening


def test_event_is_created_read_and_updated(store: Store) -> None:
    event = store.create_event(
        title="  PMO Flashmob London ",
        series="PMO  Flashmob",
        starts="2015-06-11 18:30",
        venue="The Old Bank",
        notes="Upstairs room",
    )
    assert event.title == "PMO Flashmob London"
    assert event.series == "PMO Flashmob"  # spacing normalised so series group reliably
    assert event.starts == "2015-06-11T18:30"
    assert store.get_event(event.id) == event
    assert event.revision == 1 and event.versions == {store.device_id: 1}

    changed = store.update_event(event.id, venue="The New Bank", starts="2015-06-12")
    assert (changed.venue, changed.starts, changed.title) == (
        "The New Bank",
        "2015-06-12",
        event.title,
    )
    assert changed.revision == 2 and changed.versions == {store.device_id: 2}
    assert store.update_event(event.id, venue="The New Bank") == changed  # no change, no save


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": " "}, "the event's title must not be empty"),
        ({"title": "x" * 301}, "the event's title is 301 characters long; the limit is 300"),
        ({"title": "Ok", "starts": "next Thursday"}, 'date and time "next Thursday" is not like'),
        ({"title": "Ok", "table_count": 51}, "an event has 0 to 50 tables, not 51"),
    ],
)
def test_invalid_event_is_refused_with_the_reason(
    store: Store, fields: dict[str, object], message: str
) -> None:
    with pytest.raises(RecordInvalid, match=re.escape(message)):
        store.create_event(**fields)  # type: ignore[arg-type]
    assert store.list_events() == []


def test_events_list_by_date_and_by_series(store: Store) -> None:
    later = store.create_event(title="Birmingham", series="PMO Flashmob", starts="2015-08-20")
    earlier = store.create_event(title="London", series="PMO Flashmob", starts="2015-06-11")
    other = store.create_event(title="Agile coffee", series="Agile", starts="2015-07-01")
    loose = store.create_event(title="One-off")
    assert [e.id for e in store.list_events()] == [loose.id, earlier.id, other.id, later.id]
    assert [e.id for e in store.list_events(series="PMO Flashmob")] == [earlier.id, later.id]
    assert store.list_series() == ["Agile", "PMO Flashmob"]


def test_event_found_by_start_of_its_id(store: Store) -> None:
    event = store.create_event(title="Birmingham")
    assert store.find_event(event.id[:8]) == event
    assert store.find_event(event.id.upper()) == event
    with pytest.raises(NotFound, match="at least 4 characters"):
        store.find_event(event.id[:2])
    with pytest.raises(NotFound, match="no event with id"):
        store.get_event("0" * 32)


def test_default_tables_are_numbered_and_wear_the_set_colours(store: Store) -> None:
    event = store.create_event(title="Birmingham", table_count=3)
    tables = store.list_tables(event.id)
    assert [(t.number, t.name, t.colour) for t in tables] == [
        (n, f"Table {n}", set_colour(n)) for n in (1, 2, 3)
    ]
    fourth = store.add_table(event.id)
    assert (fourth.number, fourth.name, fourth.colour) == (4, "Table 4", set_colour(4))
    named = store.update_table(fourth.id, name="By the window", colour="#ABCDEF")
    assert (named.name, named.colour, named.revision) == ("By the window", "#abcdef", 2)
    with pytest.raises(RecordInvalid, match='table colour "red" is not a colour'):
        store.update_table(fourth.id, colour="red")
    store.remove_table(fourth.id)
    assert [t.number for t in store.list_tables(event.id)] == [1, 2, 3]
    assert store.history(fourth.id)[0].reason == "deleted"


def test_agenda_keeps_a_snapshot_that_later_deck_edits_do_not_change(
    store: Store, rank_deck: Deck
) -> None:
    event = store.create_event(title="Birmingham")
    item = store.add_agenda_item(event.id, rank_deck, timebox_minutes=20)
    edited = replace(rank_deck, title="Renamed", cards=rank_deck.cards[:3])
    assert item.title == rank_deck.title and item.kind == rank_deck.kind
    assert item.timebox_minutes == 20 and item.position == 0
    assert store.deck_of(item.id) == rank_deck
    assert store.deck_of(item.id) != edited
    assert store.get_agenda_item(item.id).snapshot["title"] == rank_deck.title


def test_agenda_reorders_and_removes(store: Store, rank_deck: Deck, match_deck: Deck) -> None:
    event = store.create_event(title="Birmingham")
    a = store.add_agenda_item(event.id, rank_deck)
    b = store.add_agenda_item(event.id, match_deck, title="Who does what?")
    c = store.add_agenda_item(event.id, rank_deck, title="Hierarchy again")
    assert [i.id for i in store.reorder_agenda(event.id, [c.id, a.id, b.id])] == [c.id, a.id, b.id]
    with pytest.raises(RecordInvalid, match="every agenda item of the event once"):
        store.reorder_agenda(event.id, [c.id, a.id])
    store.remove_agenda_item(a.id)
    assert [(i.id, i.position) for i in store.list_agenda(event.id)] == [(c.id, 0), (b.id, 1)]
    item = store.update_agenda_item(b.id, timebox_minutes=25)
    assert (item.title, item.timebox_minutes) == ("Who does what?", 25)
    with pytest.raises(RecordInvalid, match="the timebox is -1 minutes"):
        store.update_agenda_item(b.id, timebox_minutes=-1)


def test_rank_outcome_is_saved_with_ties_and_left_out_cards(store: Store, evening: Evening) -> None:
    table = evening.tables[0]
    outcome = store.save_outcome(
        table.id, evening.rank.id, RankResult((("r6",), ("R5", " R3"), ("R1",)))
    )
    assert outcome.result == RankResult((("R6",), ("R5", "R3"), ("R1",)))
    assert outcome.result.left_out(store.deck_of(evening.rank.id)) == (
        "R2", "R4", "R7", "R8", "R9", "R10",
    )  # fmt: skip
    assert (outcome.event_id, outcome.table_id, outcome.item_id) == (
        evening.event.id, table.id, evening.rank.id,
    )  # fmt: skip
    assert store.get_outcome(table.id, evening.rank.id) == outcome


def test_saving_again_updates_the_same_outcome_and_counts_revisions(
    store: Store, evening: Evening
) -> None:
    table, item = evening.tables[1], evening.rank.id
    first = store.save_outcome(table.id, item, RankResult((("R1",),)))
    second = store.save_outcome(table.id, item, RankResult((("R1",), ("R2",))))
    assert second.id == first.id and second.revision == 2 and second.created == first.created
    assert second.versions == {store.device_id: 2} and second.device == store.device_id
    assert store.save_outcome(table.id, item, RankResult((("R1",), ("R2",)))) == second
    assert len(store.list_outcomes(event_id=evening.event.id)) == 1


def test_match_outcome_with_nobody_and_unsure(store: Store, evening: Evening) -> None:
    result = MatchResult({"A1": ("R5", "R7"), "a2": ("Nobody",), "A3": (UNSURE,), "A4": ("R10",)})
    outcome = store.save_outcome(evening.tables[0].id, evening.match.id, result)
    assert outcome.result == MatchResult(
        {"A1": ("R5", "R7"), "A2": (NOBODY,), "A3": (UNSURE,), "A4": ("R10",)}
    )


def test_prompt_outcome_keeps_verdict_votes_and_points(store: Store, evening: Evening) -> None:
    response = PromptResponse(
        verdict=Verdict.AGREED,
        votes_for=0,
        votes_against=7,
        votes_abstain=None,
        position="The PMO should not have authority to stop projects",
        key_points=("Influence as a trusted advisor ", "", "Decision makers decide"),
        notes="In London opinion was divided",
    )
    outcome = store.save_outcome(
        evening.tables[2].id, evening.prompts.id, PromptsResult({"P2": response})
    )
    saved = outcome.result.responses["P2"]  # type: ignore[union-attr]
    assert saved == replace(
        response, key_points=("Influence as a trusted advisor", "Decision makers decide")
    )


def test_a_prompt_still_being_discussed_is_kept_without_a_verdict(
    store: Store, evening: Evening
) -> None:
    # Typed before the table decides: the position and points are kept, with no verdict yet.
    talking = PromptResponse(verdict=None, position="Leaning towards no", key_points=("trust",))
    store.save_outcome(evening.tables[0].id, evening.prompts.id, PromptsResult({"P2": talking}))
    reopened = store.get_outcome(evening.tables[0].id, evening.prompts.id)
    assert reopened is not None
    assert reopened.result.responses["P2"] == talking  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("which", "result", "message"),
    [
        ("rank", RankResult((("R1",), ("R2", "R1"))), "R1 appears twice in the order"),
        ("rank", RankResult((("R11",),)), 'R11 is not a card of "PMO roles'),
        ("rank", RankResult((("R1",), ())), "place 2 of the order is empty"),
        ("rank", MatchResult({}), "is a rank activity; a match result was given"),
        ("match", MatchResult({"R1": ("R5",)}), "R1 is a Role card; a matched card must be"),
        ("match", MatchResult({"A1": ("A2",)}), "A2 is a Activity card; the targets of A1 must"),
        ("match", MatchResult({"A1": ("R2",)}), 'R2 is not a card of "What role does'),
        ("match", MatchResult({"A1": ("R5", "R5")}), "A1 is matched to R5 twice"),
        ("match", MatchResult({"A1": ("R5", "nobody")}), 'A1 is matched to "nobody" and to other'),
        ("match", MatchResult({"A1": ()}), "A1 has no target"),
        (
            "prompts",
            PromptsResult({"P1": PromptResponse(verdict="sort of")}),  # type: ignore[arg-type]
            'P1: "sort of" is not a verdict (use one of: agreed_yes, agreed_no, divided',
        ),
        (
            "prompts",
            PromptsResult({"P1": PromptResponse(votes_for=-1)}),
            "P1: votes for must be a whole number from 0",
        ),
        ("prompts", PromptsResult({"P9": PromptResponse()}), 'P9 is not a card of "PMO Flashmob'),
        (
            "prompts",
            PromptsResult({"P1": PromptResponse(notes="\ud800")}),
            "P1: the notes holds a character that cannot be saved",
        ),
    ],
)
def test_invalid_outcome_is_refused_naming_the_problem(
    store: Store, evening: Evening, which: str, result: object, message: str
) -> None:
    item = getattr(evening, which)
    with pytest.raises(RecordInvalid, match=re.escape(message)):
        store.save_outcome(evening.tables[0].id, item.id, result)  # type: ignore[arg-type]
    assert store.list_outcomes() == []


def test_outcome_needs_a_table_and_item_of_the_same_event(
    store: Store, evening: Evening, rank_deck: Deck
) -> None:
    other = store.create_event(title="London", table_count=1)
    other_table = store.list_tables(other.id)[0]
    with pytest.raises(RecordInvalid, match="Table 1 is not at the event of"):
        store.save_outcome(other_table.id, evening.rank.id, RankResult((("R1",),)))
    with pytest.raises(NotFound, match="no table with id nope"):
        store.save_outcome("nope", evening.rank.id, RankResult((("R1",),)))


def test_outcomes_listed_by_event_and_agenda_item(store: Store, evening: Evening) -> None:
    for table in reversed(evening.tables):
        store.save_outcome(table.id, evening.rank.id, RankResult((("R1",),)))
        store.save_outcome(table.id, evening.match.id, MatchResult({"A1": ("R1",)}))
    by_event = store.list_outcomes(event_id=evening.event.id)
    assert [(o.item_id, o.table_id) for o in by_event] == [
        (item.id, table.id) for item in (evening.rank, evening.match) for table in evening.tables
    ]
    by_item = store.list_outcomes(item_id=evening.match.id)
    assert [o.table_id for o in by_item] == [t.id for t in evening.tables]


def test_removing_what_has_outcomes_is_refused_until_they_are_deleted(
    store: Store, evening: Evening
) -> None:
    table = evening.tables[0]
    outcome = store.save_outcome(table.id, evening.rank.id, RankResult((("R1",),)))
    with pytest.raises(RecordInvalid, match="Table 1 has 1 recorded outcome"):
        store.remove_table(table.id)
    with pytest.raises(RecordInvalid, match="has 1 recorded outcome"):
        store.remove_agenda_item(evening.rank.id)
    store.delete_outcome(outcome.id)
    assert store.get_outcome(table.id, evening.rank.id) is None
    [kept] = store.history(outcome.id)
    assert kept.reason == "deleted" and kept.document["result"] == {"levels": [["R1"]]}
    store.remove_table(table.id)


def test_a_saved_outcome_survives_reopening(db_file: Path, rank_deck: Deck) -> None:
    with Store.open(db_file) as store:
        event = store.create_event(title="Birmingham", table_count=2)
        item = store.add_agenda_item(event.id, rank_deck)
        table = store.list_tables(event.id)[1]
        saved = store.save_outcome(table.id, item.id, RankResult((("R2",), ("R1",))))
    with Store.open(db_file) as again:
        assert again.get_outcome(table.id, item.id) == saved
        assert again.get_event(event.id) == event
        assert again.deck_of(item.id) == rank_deck


def test_read_only_store_refuses_writes_and_sees_the_writers_saves(
    db_file: Path, rank_deck: Deck
) -> None:
    with Store.open(db_file) as writer, Store.open(db_file, read_only=True) as reader:
        assert reader.read_only and "opened for reading only" in reader.read_only_reason
        with pytest.raises(DatabaseReadOnly, match="opened for reading only"):
            reader.create_event(title="Nope")
        event = writer.create_event(title="Birmingham")
        assert reader.list_events() == [event]


def test_store_file_is_readable_by_plain_tinydb(db_file: Path) -> None:
    from tinydb import TinyDB
    from tinydb.table import Table as TinyTable

    class RecordTable(TinyTable):
        document_id_class = str  # records are keyed by uuid

    with Store.open(db_file) as store:
        event = store.create_event(title="Birmingham", series="PMO Flashmob")
    db = TinyDB(db_file, access_mode="r")
    db.table_class = RecordTable  # type: ignore[misc]
    [doc] = db.table("events").all()
    assert (doc.doc_id, doc["title"], doc["series"]) == (event.id, "Birmingham", "PMO Flashmob")
    db.close()


def test_the_store_and_its_commands_never_import_qt() -> None:
    import subprocess
    import sys

    code = (
        "import sys, facilitator.store, facilitator.store.check, facilitator.commands.database\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
