"""A ranking typed with wrong codes is not recorded until they are fixed, and is never lost."""

import pytest
from PySide6.QtCore import Qt

from facilitator.paths import db_path
from facilitator.store import Store
from tests.ui.capture_support import Keyboard, open_window, plan_evening, start_capture

K = Qt.Key
TYPOS = "R10 R8 R9 R7 R6 R12 R5 R5 R3"


def hierarchy_row(capture):
    return capture.agenda_list.item(0).text()


@pytest.mark.parametrize("size", [(1024, 640), (1366, 768)])
def test_an_order_with_typos_stays_in_progress_with_a_warning(qtbot, size):
    window = open_window(qtbot)
    event_id = plan_evening(window, qtbot)
    window.resize(*size)
    capture = start_capture(window, qtbot)
    kb = Keyboard()
    kb.type("3")
    kb.key(K.Key_Return)
    kb.type(TYPOS)
    kb.key(K.Key_Escape)
    title, state = hierarchy_row(capture).splitlines()
    assert title.startswith("⚠ ")
    assert state.strip() == "in progress · fix 2 · 0/3"
    agenda = capture.agenda_list
    assert agenda.fontMetrics().horizontalAdvance(state) <= agenda.viewport().width() - 8
    assert capture.rank_panel.problems.text().startswith("⚠ R12 is not a card of this deck")

    # What is valid is saved; the typing comes back when the table does.
    window.session.flush()
    with Store.open(db_path(), read_only=True) as store:
        table = store.list_tables(event_id)[2]
        item = store.list_agenda(event_id)[0]
        assert len(store.get_outcome(table.id, item.id).result.levels) == 7
    kb.type("1")
    kb.type("3")
    assert capture.rank_panel.entry.text() == TYPOS
    assert "in progress · fix 2" in hierarchy_row(capture)

    # Fixed: recorded.
    kb.key(K.Key_Return)
    capture.rank_panel.entry.selectAll()
    kb.type("R10 R8 R9 R7 R6 R5 R3")
    kb.key(K.Key_Escape)
    assert hierarchy_row(capture).splitlines() == [
        "● PMO roles: agree the hierarchy · 15 min",
        "   recorded · 1/3",
    ]
    assert not capture.rank_panel.problems.isVisible()


def test_a_code_left_half_typed_is_flagged_on_leaving_the_box(qtbot):
    window = open_window(qtbot)
    plan_evening(window, qtbot)
    capture = start_capture(window, qtbot)
    kb = Keyboard()
    kb.key(K.Key_Return)
    kb.type("R3 R")
    assert "in progress · 0/3" in hierarchy_row(capture)  # still typing: not flagged yet
    kb.key(K.Key_Escape)
    assert "in progress · fix 1 · 0/3" in hierarchy_row(capture)
    assert capture.rank_panel.problems.isVisible()


def test_the_typing_comes_back_after_a_restart(qtbot):
    window = open_window(qtbot)
    event_id = plan_evening(window, qtbot)
    capture = start_capture(window, qtbot)
    kb = Keyboard()
    kb.type("3")
    kb.key(K.Key_Return)
    kb.type(TYPOS)
    # Saved while still in the box, within a second, as any typing is.
    qtbot.waitUntil(lambda: not window.session.has_pending(), timeout=2000)
    assert capture.saved_label.text().startswith("Saved ")
    with Store.open(db_path(), read_only=True) as store:
        table = store.list_tables(event_id)[2]
        item = store.list_agenda(event_id)[0]
        result = store.get_outcome(table.id, item.id).result
        assert (len(result.levels), result.typed) == (7, TYPOS)
    window.close()

    # As after a restart: a new window on the same database.
    window = open_window(qtbot)
    capture = start_capture(window, qtbot)
    assert capture.event_id == event_id
    kb.type("3")
    assert capture.rank_panel.entry.text() == TYPOS
    assert capture.rank_panel.problems.text().startswith("⚠ R12 is not a card of this deck")
    title, state = hierarchy_row(capture).splitlines()
    assert title.startswith("⚠ ")
    assert state.strip() == "in progress · fix 2 · 0/3"
