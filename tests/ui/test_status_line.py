"""The status line speaks for the page on screen, never for one left behind."""

from PySide6.QtCore import Qt


def go_to(window, qtbot, number):
    qtbot.keyClick(window, Qt.Key.Key_0 + number, Qt.KeyboardModifier.ControlModifier)


def test_each_page_shows_its_own_status_and_the_decks_line_comes_back(window, qtbot):
    decks_line = window.status_text.text()
    assert "sample decks" in decks_line
    go_to(window, qtbot, 2)
    assert window.pages.currentWidget() is window.events_page
    events_line = window.status_text.text()
    assert "sample decks" not in events_line
    go_to(window, qtbot, 3)
    assert window.pages.currentWidget() is window.reports_page
    assert "sample decks" not in window.status_text.text()
    go_to(window, qtbot, 1)
    assert window.status_text.text() == decks_line
    go_to(window, qtbot, 2)
    assert window.status_text.text() == events_line
