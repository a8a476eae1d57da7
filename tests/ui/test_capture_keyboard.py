"""Capture owns the keyboard: its keys act whatever has the focus, arrows never leave capture;
F11 shows capture alone on the screen; F12 opens the room display for a projector."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from facilitator.capture.timebox import Timebox
from facilitator.ui.capture.room_display import FLASH_PAPER, RoomDisplay
from tests.ui.capture_support import Keyboard, open_window, plan_evening, start_capture

K = Qt.Key


@pytest.fixture
def capture(qtbot):  # type: ignore[no-untyped-def]
    window = open_window(qtbot)
    plan_evening(window, qtbot)
    page = start_capture(window, qtbot)
    yield page
    if page.room is not None:
        page.room.close()


def current_title(capture) -> str:  # type: ignore[no-untyped-def]
    item = capture.current_item()
    return item.title if item is not None else ""


def test_with_the_page_list_focused_table_keys_and_arrows_stay_in_capture(capture, qtbot):
    window = capture.window()
    events_row = window.nav.currentRow()
    keys = Keyboard()
    first = current_title(capture)
    window.nav.setFocus()  # a click or Shift+Tab left the focus on the page list
    keys.key(K.Key_2)
    assert capture.table_index == 1
    keys.key(K.Key_Down)
    assert current_title(capture) != first  # the next activity, not the Reports page
    assert window.nav.currentRow() == events_row
    assert window.events_page.modes.currentWidget() is capture
    keys.key(K.Key_Up)
    assert current_title(capture) == first
    keys.key(K.Key_1)
    assert capture.table_index == 0
    # A key sent to the page list itself (whatever holds the focus) acts on capture too.
    qtbot.keyClick(window.nav, K.Key_Down)
    qtbot.keyClick(window.nav, K.Key_3)
    assert current_title(capture) != first
    assert capture.table_index == 2
    assert window.nav.currentRow() == events_row


def test_focus_that_slips_to_the_page_list_comes_back_to_the_agenda(capture, qtbot):
    window = capture.window()
    window.nav.setFocus()
    assert QApplication.focusWidget() is capture.agenda_list
    window.menuBar().setFocus()  # Alt or F10 to the menus is on purpose: it stays there
    assert QApplication.focusWidget() is window.menuBar()
    capture.agenda_list.setFocus()
    # Tab and Shift+Tab go round capture's fields (the ranking box, its lists, the agenda),
    # never out of capture and never stuck on one of them.
    for key in (K.Key_Tab, K.Key_Backtab):
        visited = []
        for _ in range(8):
            Keyboard().key(key)
            focused = QApplication.focusWidget()
            assert focused is not None and capture.isAncestorOf(focused), focused
            assert focused.isVisible()
            visited.append(focused)
        assert capture.rank_panel.entry in visited and capture.agenda_list in visited


def test_arrows_choose_the_activity_from_a_text_box_but_move_within_a_grid(capture, qtbot):
    keys = Keyboard()
    assert capture.current_item().kind.value == "rank"
    keys.key(K.Key_Return)  # into the ranking box
    assert QApplication.focusWidget() is capture.rank_panel.entry
    keys.type("1 2")
    # From a text box, which types its digits and letters, the Alt+ keys act.
    alt = Qt.KeyboardModifier.AltModifier
    keys.key(K.Key_2, alt)
    assert capture.table_index == 1
    assert QApplication.focusWidget() is capture.rank_panel.entry
    keys.key(K.Key_S, alt)
    assert capture.timer.timebox.running
    keys.key(K.Key_Equal, alt)
    assert capture.timer.timebox.total == 17 * 60
    keys.key(K.Key_V, alt)
    assert capture.showing_all
    keys.key(K.Key_V, alt)
    assert not capture.showing_all
    keys.key(K.Key_Return)
    keys.key(K.Key_1, alt)
    keys.key(K.Key_Down)
    assert capture.current_item().kind.value == "match"
    keys.key(K.Key_Return)
    grid = capture.match_panel.grid
    assert QApplication.focusWidget() is grid
    grid.setCurrentCell(0, 0)
    keys.key(K.Key_Down)
    assert grid.currentRow() == 1  # the grid's own arrow
    assert capture.current_item().kind.value == "match"
    keys.key(K.Key_Down, Qt.KeyboardModifier.AltModifier)  # Alt+↓ leaves the grid's activity
    assert capture.current_item().kind.value == "prompts"


def test_every_capture_key_is_a_named_action_the_help_page_can_list(capture):
    bound = {}
    for action in capture.actions():
        assert action.text() and action.text() == action.text().strip()
        for keys in action.shortcuts():
            bound[keys.toString()] = action.text()
    for key in ["1", "5", "9", "Up", "Down", "V", "S", "+", "F11", "F12", "Esc"]:
        assert key in bound, key
    assert bound["1"] == "Choose table 1"
    assert bound["Down"] == "Next activity"
    assert bound["S"] == "Start or pause the timebox timer"
    assert QKeySequence("Alt+Up").toString() in bound


def test_f11_shows_capture_alone_and_esc_or_f11_leave(capture, qtbot):
    window = capture.window()
    keys = Keyboard()
    keys.key(K.Key_F11)
    assert capture.full_screen
    assert window.isFullScreen()
    assert not window.nav.isVisible()
    keys.key(K.Key_Return)  # typing in the ranking box
    keys.key(K.Key_Escape)  # first back to the agenda, still full screen
    assert capture.full_screen
    assert QApplication.focusWidget() is capture.agenda_list
    keys.key(K.Key_Escape)  # then out of full screen
    assert not capture.full_screen
    assert not window.isFullScreen()
    assert window.nav.isVisible()
    keys.key(K.Key_F11)
    keys.key(K.Key_F11)
    assert not window.isFullScreen() and window.nav.isVisible()
    keys.key(K.Key_F11)
    window.nav.setCurrentRow(0)  # Ctrl+1 to the decks: full screen was for capture only
    assert not window.isFullScreen() and window.nav.isVisible()


def test_the_room_display_shows_the_timer_large_and_flashes_at_zero(capture, qtbot, monkeypatch):
    beeps = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: beeps.append(1)))
    clock = [1000.0]
    capture.timer.monotonic = lambda: clock[0]
    keys = Keyboard()
    keys.key(K.Key_F12)
    room = capture.room
    assert room is not None and room.isVisible() and room.isWindow()
    # It never takes the keyboard: typing goes on in capture.
    assert QApplication.activeWindow() is capture.window()
    assert QApplication.focusWidget() is capture.agenda_list
    assert room.activity.text() == current_title(capture)
    assert room.clock.text() == "15:00"
    assert room.clock.font().pixelSize() > 3 * capture.timer.clock.fontMetrics().height()
    keys.key(K.Key_S)  # start
    clock[0] += 14 * 60 + 59.5
    capture.timer.refresh()
    room.refresh()
    assert room.clock.text() == "0:01" and not room.flashing and beeps == []
    clock[0] += 0.75
    capture.timer.refresh()  # a tick past 0:00
    assert beeps == [1]
    room.refresh()
    assert room.flashing
    assert room.clock.text() == "-0:00"
    assert room.paper == FLASH_PAPER and "color:white" in room.clock.styleSheet()  # readable
    capture.timer.refresh()
    room.refresh()
    assert beeps == [1]  # once
    # The prompt under way and its words, on the room display too.
    while (
        capture.current_item().kind.value != "prompts"
        or not capture.agenda_list.current_row().prompt
    ):
        keys.key(K.Key_Down)
    card = (
        capture.session.store()
        .deck_of(capture.current_item().id)
        .card_by_code(capture.agenda_list.current_row().prompt)
    )
    # The hierarchy's timer still runs (over time): the room shows it, not the prompt's.
    assert room.activity.text() == "PMO roles: agree the hierarchy"
    assert room.clock.text() == "-0:00"
    keys.key(K.Key_S)  # the prompts' own timer starts: now the room shows the prompt
    assert room.prompt.text() == card.title
    assert room.clock.text() == "15:00"
    keys.key(K.Key_F12)
    assert not room.isVisible()


def test_a_room_display_timer_is_the_capture_timer(capture):
    capture.timer.set_timebox(Timebox(300.0))
    capture.toggle_room_display()
    capture.timer.add_two_minutes()
    assert capture.room.clock.text() == "7:00"


def test_a_long_time_over_still_fits_the_room_display(qtbot):
    room = RoomDisplay(monotonic=lambda: 1_000_000.0)
    qtbot.addWidget(room)
    room.resize(1024, 640)
    room.show_timebox(Timebox(900.0, running_since=0.0))
    assert room.clock.text() == "-16651:40"
    wide = room.clock.fontMetrics().horizontalAdvance(room.clock.text())
    assert wide <= room.width() - 80


def test_on_one_screen_in_full_screen_the_room_display_covers_capture_and_keys_still_act(
    capture, qtbot
):
    # One screen mirrored to the TV: a window manager keeps the focused full-screen window
    # above any other, so the room display is shown inside it.
    assert len(QApplication.screens()) == 1
    keys = Keyboard()
    keys.key(K.Key_F11)
    keys.key(K.Key_F12)
    room = capture.room
    assert room.covering and not room.isWindow()
    qtbot.waitUntil(lambda: room.geometry() == capture.rect())  # follows the window's size
    keys.key(K.Key_2)  # capture's keys act underneath
    keys.key(K.Key_S)
    assert capture.table_index == 1 and capture.timer.timebox.running
    assert room.clock.text() == "15:00" or room.clock.text() == "14:59"
    keys.key(K.Key_F12)
    assert not room.isVisible()
    keys.key(K.Key_F12)
    keys.key(K.Key_Escape)  # out of full screen: capture comes back
    assert not capture.full_screen and not room.isVisible()
    keys.key(K.Key_F12)  # not full screen: a window of its own, to drag to a projector
    assert room.isVisible() and room.isWindow()
