"""On the Events page: delete an event (Undo, or restore it from Deleted ▸), duplicate it for
next month, and type each table's head count (bad input said where typed, nothing saved)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from facilitator.outcomes import RankResult
from facilitator.paths import db_path
from facilitator.store import Store
from tests.ui.capture_support import open_window, plan_evening


def test_delete_then_undo_then_delete_and_restore_from_the_menu(qtbot):
    window = open_window(qtbot)
    event_id = plan_evening(window, qtbot)
    page = window.events_page
    store = window.session.store()
    table = store.list_tables(event_id)[0]
    item = store.list_agenda(event_id)[0]
    store.save_outcome(table.id, item.id, RankResult((("R1",),)))
    qtbot.mouseClick(page.lifecycle.delete_button, Qt.MouseButton.LeftButton)
    assert window.session.store().list_events() == []
    said = 'Deleted "PMO Flashmob Birmingham". Undo delete, or Deleted ▸ brings it back.'
    assert page.no_events.isVisible() and page.no_events.text().startswith(said)  # the last one
    assert not page.lifecycle.delete_button.isEnabled()
    assert page.lifecycle.undo_button.isVisible()
    qtbot.mouseClick(page.lifecycle.undo_button, Qt.MouseButton.LeftButton)
    assert page.event_id == event_id and page.title.text() == "PMO Flashmob Birmingham"
    assert not page.lifecycle.undo_button.isVisible()
    assert page.lifecycle.delete_button.isEnabled()

    qtbot.mouseClick(page.lifecycle.delete_button, Qt.MouseButton.LeftButton)
    page.lifecycle.menuAboutToShow.emit()  # as opening the menu does
    [restore] = page.lifecycle.deleted_menu.actions()
    assert restore.text().startswith("PMO Flashmob Birmingham · ")
    restore.trigger()
    with Store.open(db_path(), read_only=True) as stored:
        assert [e.id for e in stored.list_events()] == [event_id]
        assert stored.get_outcome(table.id, item.id).result == RankResult((("R1",),))


def test_duplicate_is_the_same_evening_four_weeks_on_without_outcomes(qtbot):
    window = open_window(qtbot)
    event_id = plan_evening(window, qtbot)
    page = window.events_page
    store = window.session.store()
    store.update_event(event_id, starts="2015-08-20T18:30")
    table = store.list_tables(event_id)[0]
    store.save_outcome(table.id, store.list_agenda(event_id)[0].id, RankResult((("R2",),)))
    page.show_event(event_id)
    qtbot.mouseClick(page.lifecycle.duplicate_button, Qt.MouseButton.LeftButton)
    assert page.event_id != event_id
    with Store.open(db_path(), read_only=True) as stored:
        copy = stored.get_event(page.event_id)
        assert copy.starts == "2015-09-17T18:30"  # the third Thursday again
        assert len(stored.list_tables(copy.id)) == 3 and len(stored.list_agenda(copy.id)) == 3
        assert stored.list_outcomes(event_id=copy.id) == []


def test_a_head_count_that_is_not_a_small_whole_number_is_said_and_not_saved(qtbot):
    window = open_window(qtbot)
    event_id = plan_evening(window, qtbot)
    page = window.events_page
    page.table_list.setCurrentRow(1)
    assert page.head_count_label.text() == "People at Table 2"
    page.head_count.setFocus()
    qtbot.keyClicks(page.head_count, "about 6")
    qtbot.keyClick(page.head_count, Qt.Key.Key_Tab)
    assert page.head_count_problem.isVisible()
    assert page.head_count_problem.text() == (
        'Head count: "about 6" is not a number of people; type a whole number from 1 to 500, '
        "or leave it empty."
    )
    assert page.head_count.text() == "about 6"  # kept, to be fixed
    tables = window.session.store().list_tables(event_id)
    assert tables[1].head_count is None
    page.head_count.setFocus()
    page.head_count.selectAll()
    qtbot.keyClicks(page.head_count, "7")
    qtbot.keyClick(page.head_count, Qt.Key.Key_Tab)
    assert not page.head_count_problem.isVisible()
    with Store.open(db_path(), read_only=True) as stored:
        assert [t.head_count for t in stored.list_tables(event_id)] == [None, 7, None]
