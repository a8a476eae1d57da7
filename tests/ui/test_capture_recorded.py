"""Recorded means recorded, through the real capture screen: what is half typed, wrong or
emptied is never recorded; Ctrl+Z restores the version saved before; Delete on the agenda row
clears one table's outcome, and Ctrl+Z brings it back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator.outcomes import (
    OutcomeStatus,
    PromptResponse,
    PromptsResult,
    RankResult,
    Verdict,
    outcome_status,
)
from facilitator.paths import db_path
from facilitator.store import Store
from tests.ui.capture_support import Keyboard, open_window, plan_evening, start_capture

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
TEN = tuple((f"R{n}",) for n in range(1, 11))


def stored(window, event_id: str, row: int = 0):  # type: ignore[no-untyped-def]
    """The first table's outcome for the agenda item at `row`, as the database has it."""
    window.session.flush()
    with Store.open(db_path(), read_only=True) as store:
        table = store.list_tables(event_id)[0]
        item = store.list_agenda(event_id)[row]
        return store.get_outcome(table.id, item.id)


def agenda_state(capture, row: int = 0) -> str:  # type: ignore[no-untyped-def]
    """The state line of the agenda's row `row` for the table shown."""
    return capture.agenda_list.item(row).text().splitlines()[1].split(" · ")[0].strip()


def open_hierarchy(window, qtbot):  # type: ignore[no-untyped-def]
    event_id = plan_evening(window, qtbot)
    capture = start_capture(window, qtbot)
    kb = Keyboard()
    kb.type("1")
    kb.key(K.Key_Home)
    kb.key(K.Key_Return)
    assert QApplication.focusWidget() is capture.rank_panel.entry
    return event_id, capture, kb


def test_an_order_half_typed_is_in_progress_until_committed(qtbot):
    window = open_window(qtbot)
    event_id, capture, kb = open_hierarchy(window, qtbot)
    kb.type("3 1 4 2 5 ")  # 5 of 10 cards, the table still talking
    outcome = stored(window, event_id)
    assert outcome is not None and outcome.status == OutcomeStatus.IN_PROGRESS
    assert agenda_state(capture) == "in progress"
    assert capture.rank_panel.state.text() == (
        "In progress: Enter (or leaving the box) records this order"
    )
    kb.key(K.Key_Return)  # the table settles on these five: recorded and saved at once
    assert not window.session.has_pending()
    outcome = stored(window, event_id)
    assert outcome is not None and outcome.status == OutcomeStatus.RECORDED
    assert outcome.result == RankResult((("R3",), ("R1",), ("R4",), ("R2",), ("R5",)))
    assert agenda_state(capture) == "recorded"
    assert capture.rank_panel.state.text() == "Recorded"
    kb.key(K.Key_Escape)
    kb.type("v")  # all tables side by side: this column is recorded
    assert capture.side_by_side.horizontalHeaderItem(1).text() == "1  Table 1"


def test_an_order_with_an_unknown_code_stays_in_progress_after_enter(qtbot):
    window = open_window(qtbot)
    event_id, capture, kb = open_hierarchy(window, qtbot)
    kb.type("3 1 99 4")
    kb.key(K.Key_Return)
    outcome = stored(window, event_id)
    assert outcome is not None and outcome.status == OutcomeStatus.IN_PROGRESS
    assert outcome.result.typed == "3 1 99 4"  # type: ignore[union-attr]
    assert "in progress" in capture.agenda_list.item(0).text()
    kb.key(K.Key_Escape)  # leaving the box does not record it either
    assert outcome_status(stored(window, event_id)) == OutcomeStatus.IN_PROGRESS
    kb.type("v")  # side by side, the column says so too
    header = capture.side_by_side.horizontalHeaderItem(1).text()
    assert header == "1  Table 1  ◐ in progress"


def test_an_emptied_box_is_no_outcome(qtbot):
    window = open_window(qtbot)
    event_id, capture, kb = open_hierarchy(window, qtbot)
    kb.type("3 1 4")
    kb.key(K.Key_Return)
    assert outcome_status(stored(window, event_id)) == OutcomeStatus.RECORDED
    kb.key(K.Key_A, CTRL)
    kb.key(K.Key_Backspace)
    kb.key(K.Key_Return)
    assert stored(window, event_id) is None
    assert agenda_state(capture) == "not started"


def test_undo_after_a_retype_restores_the_old_order_and_redo_the_new(qtbot):
    window = open_window(qtbot)
    event_id, capture, kb = open_hierarchy(window, qtbot)
    kb.type("1 2 3 4 5 6 7 8 9 10")
    kb.key(K.Key_Return)
    kb.key(K.Key_A, CTRL)
    kb.type("10 9 8")  # retyped over the whole order, and saved while typing
    kb.key(K.Key_Return)
    assert stored(window, event_id).result == RankResult((("R10",), ("R9",), ("R8",)))
    kb.key(K.Key_Z, CTRL)  # in the box: the outcome goes back, not the last keystroke
    restored = stored(window, event_id)
    assert restored is not None and restored.result == RankResult(TEN)
    assert restored.status == OutcomeStatus.RECORDED
    assert capture.rank_panel.entry.text() == "R1 R2 R3 R4 R5 R6 R7 R8 R9 R10"
    assert capture.heading.text().endswith("the previous version is back (Ctrl+Shift+Z: redo)")
    assert QApplication.focusWidget() is capture.rank_panel.entry  # typing goes on
    kb.key(K.Key_Z, CTRL_SHIFT)
    assert stored(window, event_id).result == RankResult((("R10",), ("R9",), ("R8",)))
    assert capture.rank_panel.entry.text() == "R10 R9 R8"


def test_delete_on_the_agenda_row_clears_one_tables_outcome_and_undo_brings_it_back(qtbot):
    window = open_window(qtbot)
    event_id, capture, kb = open_hierarchy(window, qtbot)
    kb.type("2 1 3")
    kb.key(K.Key_Escape)  # back to the agenda: the order is committed
    assert QApplication.focusWidget() is capture.agenda_list
    kb.type("2")  # the second table
    kb.key(K.Key_Return)
    kb.type("1 2")
    kb.key(K.Key_Escape)
    kb.type("1")
    kb.key(K.Key_Delete)
    assert stored(window, event_id) is None
    assert agenda_state(capture) == "not started"
    with Store.open(db_path(), read_only=True) as store:  # the other table keeps its order
        second = store.list_tables(event_id)[1]
        item = store.list_agenda(event_id)[0]
        assert store.get_outcome(second.id, item.id).result == RankResult((("R1",), ("R2",)))
    kb.key(K.Key_Z, CTRL)
    restored = stored(window, event_id)
    assert restored is not None and restored.result == RankResult((("R2",), ("R1",), ("R3",)))
    assert agenda_state(capture) == "recorded"


def test_a_matching_is_recorded_when_complete_or_marked_done(qtbot):
    window = open_window(qtbot)
    event_id = plan_evening(window, qtbot)
    capture = start_capture(window, qtbot)
    kb = Keyboard()
    kb.type("1")
    kb.key(K.Key_Home)
    kb.key(K.Key_Down)
    kb.key(K.Key_Return)
    assert QApplication.focusWidget() is capture.match_panel.grid
    kb.key(K.Key_Space)  # A1: the first role
    assert outcome_status(stored(window, event_id, row=1)) == OutcomeStatus.IN_PROGRESS
    assert capture.match_panel.state.text().startswith("In progress: 1 of 10 placed")
    kb.key(K.Key_Return, CTRL)  # the table is done with what it has: saved at once
    assert not window.session.has_pending()
    assert outcome_status(stored(window, event_id, row=1)) == OutcomeStatus.RECORDED
    assert agenda_state(capture, row=1) == "recorded"
    kb.key(K.Key_Return, CTRL)  # reopened
    assert outcome_status(stored(window, event_id, row=1)) == OutcomeStatus.IN_PROGRESS
    for _ in range(9):  # every other activity: nobody
        kb.key(K.Key_Down)
        kb.key(K.Key_N)
    assert outcome_status(stored(window, event_id, row=1)) == OutcomeStatus.RECORDED
    assert capture.match_panel.state.text() == "Recorded: all 10 placed"


def test_an_old_agreed_without_a_side_is_shown_as_such_and_kept_through_edits(qtbot):
    window = open_window(qtbot)
    event_id = plan_evening(window, qtbot)
    store = window.session.store()
    table = store.list_tables(event_id)[0]
    prompts = store.list_agenda(event_id)[2]
    old = PromptsResult({"P2": PromptResponse(verdict=Verdict.AGREED, votes_against=4)})
    store.save_outcome(table.id, prompts.id, old)  # as a version before sides recorded it
    capture = start_capture(window, qtbot)
    kb = Keyboard()
    kb.type("1")
    kb.key(K.Key_Home)
    kb.key(K.Key_Down, times=3)  # P2
    panel = capture.prompt_panel
    assert panel.state.text() == "Verdict: Agreed (side not recorded) · Delete takes it back"
    assert not any(b.isChecked() for b in panel.verdict_buttons.values())  # no side made up
    kb.key(K.Key_Return)
    kb.type("Influence, not authority")
    kb.key(K.Key_Escape)
    kept = stored(window, event_id, row=2).result.responses["P2"]
    assert (kept.verdict, kept.position) == (Verdict.AGREED, "Influence, not authority")
    kb.type("n")  # the facilitator knows the side now: agreed, no
    assert stored(window, event_id, row=2).result.responses["P2"].verdict == Verdict.AGREED_NO


def test_passing_through_the_box_leaves_an_order_in_progress_and_enter_records_it(qtbot):
    window = open_window(qtbot)
    event_id = plan_evening(window, qtbot)
    store = window.session.store()
    table = store.list_tables(event_id)[0]
    rank = store.list_agenda(event_id)[0]
    half = RankResult((("R3",), ("R1",)))
    store.save_outcome(table.id, rank.id, half, OutcomeStatus.IN_PROGRESS)  # before a restart
    capture = start_capture(window, qtbot)
    kb = Keyboard()
    kb.type("1")
    kb.key(K.Key_Home)
    kb.key(K.Key_Return)
    assert capture.rank_panel.entry.text() == "R3 R1"
    kb.key(K.Key_Escape)  # in and out without typing: still the table's to finish
    assert outcome_status(stored(window, event_id)) == OutcomeStatus.IN_PROGRESS
    kb.key(K.Key_Return)
    kb.key(K.Key_Return)  # Enter on the order as it stands: the table settled on it
    assert outcome_status(stored(window, event_id)) == OutcomeStatus.RECORDED
