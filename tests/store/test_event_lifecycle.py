"""Events can be deleted (and restored with everything deleted with them), duplicated for the
same evening next month, and each table's head count recorded."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from facilitator.decks.model import Deck
from facilitator.outcomes import PromptResponse, PromptsResult, RankResult, Verdict
from facilitator.store import Store
from facilitator.store.validation import RecordInvalid, parse_head_count
from tests.store.conftest import Evening, plan_evening
from tests.store.test_cli import run


def record_some(store: Store, evening: Evening) -> None:
    first, second, _ = evening.tables
    store.save_outcome(first.id, evening.rank.id, RankResult((("R2",), ("R1",))))
    store.save_outcome(second.id, evening.rank.id, RankResult((("R1",),)))
    answer = PromptsResult({"P2": PromptResponse(verdict=Verdict.AGREED_NO)})
    store.save_outcome(first.id, evening.prompts.id, answer)


def test_a_deleted_event_leaves_the_lists_and_comes_back_whole(
    store: Store, evening: Evening
) -> None:
    record_some(store, evening)
    cleared = store.clear_outcome(evening.tables[1].id, evening.rank.id)  # cleared before
    assert cleared is not None
    before = (
        store.list_tables(evening.event.id),
        store.list_agenda(evening.event.id),
        [o.result for o in store.list_outcomes(event_id=evening.event.id)],
    )
    store.delete_event(evening.event.id)
    assert store.list_events() == [] and store.list_outcomes() == []
    [deleted] = store.deleted_events()
    assert (
        deleted.record_id == evening.event.id and deleted.document["title"] == evening.event.title
    )
    restored = store.restore_event(evening.event.id)
    assert restored.title == evening.event.title
    tables = store.list_tables(evening.event.id)
    assert [(t.id, t.name) for t in tables] == [(t.id, t.name) for t in before[0]]
    assert [i.id for i in store.list_agenda(evening.event.id)] == [i.id for i in before[1]]
    # The outcomes deleted with the event come back; the one cleared before stays cleared.
    assert [o.result for o in store.list_outcomes(event_id=evening.event.id)] == before[2]
    assert store.get_outcome(evening.tables[1].id, evening.rank.id) is None
    assert store.deleted_events() == []
    assert store.get_event(evening.event.id).revision == evening.event.revision + 1


def test_a_duplicate_has_the_tables_and_agenda_and_no_outcomes(
    store: Store, evening: Evening
) -> None:
    record_some(store, evening)
    store.set_head_count(evening.tables[0].id, 7)
    copy = store.duplicate_event(evening.event.id, starts="2015-09-17T18:30")
    assert (copy.title, copy.series, copy.venue, copy.starts) == (
        evening.event.title, evening.event.series, evening.event.venue, "2015-09-17T18:30",
    )  # fmt: skip
    assert copy.id != evening.event.id
    tables = store.list_tables(copy.id)
    assert [(t.number, t.name, t.colour) for t in tables] == [
        (t.number, t.name, t.colour) for t in evening.tables
    ]
    assert all(t.head_count is None for t in tables)  # the head count was that evening's
    items = store.list_agenda(copy.id)
    originals = store.list_agenda(evening.event.id)
    assert [(i.title, i.kind, i.timebox_minutes, i.snapshot_id) for i in items] == [
        (i.title, i.kind, i.timebox_minutes, i.snapshot_id) for i in originals
    ]
    assert store.list_outcomes(event_id=copy.id) == []
    assert len(store.list_outcomes(event_id=evening.event.id)) == 3  # the original keeps its own


def test_a_head_count_is_a_small_whole_number_or_nothing(store: Store, evening: Evening) -> None:
    table = evening.tables[0]
    assert store.set_head_count(table.id, 6).head_count == 6
    assert store.set_head_count(table.id, None).head_count is None
    for wrong in (0, -2, 501, True, "6"):
        with pytest.raises(RecordInvalid, match="a head count is a whole number of people"):
            store.set_head_count(table.id, wrong)  # type: ignore[arg-type]
    assert store.get_table(table.id).head_count is None  # nothing saved
    assert parse_head_count(" 12 ") == 12 and parse_head_count("") is None
    for typed in ("six", "6.5", "0", "1000", "-3"):
        with pytest.raises(RecordInvalid, match=f'Head count: "{typed}" is not a number of people'):
            parse_head_count(typed)


def test_the_event_commands_delete_restore_and_duplicate(
    capsys: pytest.CaptureFixture[str],
    db_file: Path,
    rank_deck: Deck,
    match_deck: Deck,
    prompts_deck: Deck,
) -> None:
    with Store.open(db_file) as store:
        evening = plan_evening(store, rank_deck, match_deck, prompts_deck)
        record_some(store, evening)
    short = evening.event.id[:8]
    code, out, _ = run(capsys, "events")
    # Two orders recorded; the prompts in progress (one question of four answered).
    assert code == 0 and out.splitlines()[1].split()[-2:] == ["2/9", "1"]
    code, out, _ = run(capsys, "event", "duplicate", short, "--date", "2015-09-17T18:30")
    assert code == 0 and "2015-09-17 18:30" in out and "3 tables and 3 activities" in out
    code, out, _ = run(capsys, "event", "delete", short)
    assert code == 0 and out.startswith(f'deleted "{evening.event.title}"')
    code, out, _ = run(capsys, "events", "--deleted")
    assert code == 0 and short in out.splitlines()[1]
    assert len(run(capsys, "events")[1].splitlines()) == 2  # header and the duplicate
    code, out, _ = run(capsys, "event", "restore", short)
    assert code == 0 and out.startswith(f'restored "{evening.event.title}"')
    code, _, err = run(capsys, "event", "restore", short)
    assert code == 2 and "no deleted event with an id starting" in err


def test_everything_deleted_with_an_event_comes_back_even_as_the_clock_moves(
    rank_deck: Deck, match_deck: Deck, prompts_deck: Deck
) -> None:
    ticks = itertools.count()
    store = Store.in_memory(
        clock=lambda: datetime(2026, 9, 17, 19, 0, tzinfo=UTC) + timedelta(seconds=next(ticks))
    )
    evening = plan_evening(store, rank_deck, match_deck, prompts_deck)
    record_some(store, evening)
    for _ in range(2):  # deleted, restored, deleted again, restored again
        store.delete_event(evening.event.id)
        store.restore_event(evening.event.id)
    assert len(store.list_tables(evening.event.id)) == 3
    assert len(store.list_agenda(evening.event.id)) == 3
    assert len(store.list_outcomes(event_id=evening.event.id)) == 3
