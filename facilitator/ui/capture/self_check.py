"""The self-test's capture check: an event with two tables, three outcomes typed, read back."""

from __future__ import annotations

from typing import Any

from facilitator.decks.library import list_decks
from facilitator.decks.model import ActivityKind
from facilitator.outcomes import MatchResult, PromptResponse, PromptsResult, RankResult, Verdict
from facilitator.paths import db_path
from facilitator.store import Store
from facilitator.ui.self_test_support import expect

EXPECTED_RANK = RankResult((("R3",), ("R1", "R4"), ("R2",)))
EXPECTED_MATCH = MatchResult({"A1": ("R1",), "A2": ("nobody",)})
EXPECTED_PROMPTS = PromptsResult(
    {
        "P1": PromptResponse(
            verdict=Verdict.AGREED_NO, position="Not authority, influence", key_points=("Trust",)
        )
    }
)


def check_capture_records_outcomes(ctx: Any) -> str:
    """Types a rank, a match and a prompt outcome into the capture screen, then reads them."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from facilitator.ui import event_operations as ops

    window = ctx.window
    page = window.events_page
    window.nav.setCurrentRow(window.pages.indexOf(page))
    session = window.session
    event = ops.create_event(session, title="Self-test evening", series="Self-test", table_count=2)
    decks = {e.deck.kind: e.deck for e in list_decks() if e.is_sample and e.deck is not None}
    items = {
        kind: ops.add_activity(session, event_id=event.id, deck=decks[kind], timebox_minutes=10)
        for kind in (ActivityKind.RANK, ActivityKind.MATCH, ActivityKind.PROMPTS)
    }
    page.show_event(event.id)
    page.start_capture()
    capture = page.capture
    expect(capture.isVisible(), "the capture screen did not open")
    expect(len(capture.tables) == 2, f"the capture screen shows {len(capture.tables)} tables")

    capture.select_table(0)
    capture.select_row(items[ActivityKind.RANK].id)
    QTest.keyClicks(capture.rank_panel.entry, "3 1=4 2")
    capture.select_row(items[ActivityKind.MATCH].id)
    grid = capture.match_panel.grid
    grid.setCurrentCell(0, 0)
    QTest.keyClick(grid, Qt.Key.Key_Space)
    grid.setCurrentCell(1, 0)
    QTest.keyClick(grid, Qt.Key.Key_N)
    capture.select_table(1)
    capture.select_row(items[ActivityKind.PROMPTS].id, "P1")
    capture.prompt_panel.set_verdict(Verdict.AGREED_NO)
    QTest.keyClicks(capture.prompt_panel.position, "Not authority, influence")
    QTest.keyClicks(capture.prompt_panel.points[0], "Trust")
    QTest.keyClick(capture.prompt_panel.points[0], Qt.Key.Key_Return)
    expect(session.flush(), f"saving failed: {session.save_status().text()}")
    expect(capture.saved_label.text().startswith("Saved"), "the status does not say Saved")

    with Store.open(db_path(), read_only=True) as store:
        first, second = store.list_tables(event.id)
        found = {
            "rank": store.get_outcome(first.id, items[ActivityKind.RANK].id),
            "match": store.get_outcome(first.id, items[ActivityKind.MATCH].id),
            "prompts": store.get_outcome(second.id, items[ActivityKind.PROMPTS].id),
        }
    for name, expected in (
        ("rank", EXPECTED_RANK),
        ("match", EXPECTED_MATCH),
        ("prompts", EXPECTED_PROMPTS),
    ):
        outcome = found[name]
        expect(outcome is not None, f"the {name} outcome was not saved")
        assert outcome is not None
        expect(outcome.result == expected, f"the {name} outcome reads back as {outcome.result}")
    capture.backRequested.emit()
    ctx.event_id = event.id
    return "an event with 2 tables: rank, match and prompt outcomes typed, saved and read back"
