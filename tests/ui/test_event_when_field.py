"""The event form's date: typed on one line as a person writes it, read back beside it, left
with one Tab; what cannot be read says why there and saves nothing."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator.paths import db_path
from facilitator.store import Store
from facilitator.ui.capture.style import PROBLEM_INK
from tests.ui.capture_support import Keyboard, open_window

K = Qt.Key


def stored_starts(event_id: str) -> str:
    with Store.open(db_path(), read_only=True) as store:
        return store.get_event(event_id).starts


def new_event(qtbot):  # type: ignore[no-untyped-def]
    window = open_window(qtbot)
    page = window.events_page
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is page.title
    return page


def test_tab_goes_through_the_date_in_one_press_and_keeps_the_time_typed(qtbot):
    page = new_event(qtbot)
    keys = Keyboard()
    keys.type("PMO Flashmob Birmingham")
    keys.key(K.Key_Tab)
    assert QApplication.focusWidget() is page.series
    keys.type("PMO Flashmob")
    keys.key(K.Key_Tab)
    assert QApplication.focusWidget() is page.starts.edit
    page.starts.edit.selectAll()
    keys.type("2026-08-20 18:30")
    assert page.starts.understood.text() == "Thursday 20 August 2026, 18:30"
    keys.key(K.Key_Tab)  # one press, and the date is left
    assert QApplication.focusWidget() is page.venue
    keys.type("Le Truc, The Arcadian")
    keys.key(K.Key_Tab)
    assert QApplication.focusWidget() is page.notes
    keys.type("Upstairs corner")
    page.session.flush()
    # Typing the venue and the notes did not move 18:30 (the old field made it 18:36).
    assert stored_starts(page.event_id) == "2026-08-20T18:30"
    assert page.starts.edit.text() == "2026-08-20 18:30"  # as typed, until shown again


def test_a_short_date_takes_its_year_and_time_from_the_event(qtbot):
    page = new_event(qtbot)
    keys = Keyboard()
    page.starts.setFocus()
    page.starts.edit.selectAll()
    keys.type("20 Aug 2026 18:30")
    keys.key(K.Key_Tab)
    page.starts.setFocus()
    page.starts.edit.selectAll()
    keys.type("21 Aug")  # the next day, same year, same time
    assert page.starts.understood.text() == "Friday 21 August 2026, 18:30"
    keys.key(K.Key_Return)
    assert stored_starts(page.event_id) == "2026-08-21T18:30"
    page.starts.edit.selectAll()
    keys.type("22/8 7.15pm")
    keys.key(K.Key_Return)
    assert stored_starts(page.event_id) == "2026-08-22T19:15"
    # Shown again (another event and back), in a form that reads back the same.
    page.show_event(page.event_id)
    assert page.starts.edit.text() == "22 Aug 2026 19:15"
    # Only the day retyped: nothing else in the field has to agree with it.
    page.starts.setFocus()
    keys.key(K.Key_Home)
    keys.key(K.Key_Right, Qt.KeyboardModifier.ShiftModifier, times=2)
    keys.type("23")
    keys.key(K.Key_Tab)
    assert stored_starts(page.event_id) == "2026-08-23T19:15"


def test_a_date_that_cannot_be_read_says_why_where_it_was_typed_and_saves_nothing(qtbot):
    page = new_event(qtbot)
    keys = Keyboard()
    page.starts.setFocus()
    page.starts.edit.selectAll()
    keys.type("20 Aug 2026 18:30")
    keys.key(K.Key_Tab)
    page.session.flush()
    page.starts.setFocus()
    page.starts.edit.selectAll()
    keys.type("31 June 2026 18:30")
    assert page.starts.understood.text().startswith("Type the date and time")  # still typing
    keys.key(K.Key_Tab)
    said = page.starts.understood.text()
    assert said == '"31 June 2026 18:30" is not a date: June 2026 has no day 31.'
    assert PROBLEM_INK in page.starts.understood.styleSheet()
    assert page.starts.edit.text() == "31 June 2026 18:30"  # kept, to be fixed
    page.session.flush()
    assert stored_starts(page.event_id) == "2026-08-20T18:30"
    # Fixed: saved, and the sentence is gone.
    page.starts.setFocus()
    page.starts.edit.selectAll()
    keys.type("30 June 2026 18:30")
    keys.key(K.Key_Tab)
    page.session.flush()
    assert stored_starts(page.event_id) == "2026-06-30T18:30"
    assert page.starts.understood.text() == "Tuesday 30 June 2026, 18:30"


def test_from_the_page_list_tab_reaches_new_event_first(qtbot):
    window = open_window(qtbot)
    page = window.events_page
    window.nav.setFocus()
    Keyboard().key(K.Key_Tab)
    assert QApplication.focusWidget() is page.new_button  # as the page reads, top down
    Keyboard().key(K.Key_Tab)
    assert QApplication.focusWidget() is page.tree
