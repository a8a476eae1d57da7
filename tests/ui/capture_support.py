"""Helpers for the capture tests: a window on the Events page and a counting keyboard."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from facilitator.ui.app import create_application
from facilitator.ui.main_window import MainWindow

ROLES_DECK = "PMO roles: agree the hierarchy"
MATCH_DECK = "What role does what activity?"
PROMPTS_DECK = "PMO Flashmob discussion prompts"


@dataclass
class Keyboard:
    """Types into whatever has the focus, as a person would, and counts every key."""

    count: int = 0
    log: list[str] = field(default_factory=list)

    def target(self):  # type: ignore[no-untyped-def]
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def key(self, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:  # type: ignore[no-untyped-def]
        for _ in range(times):
            QTest.keyClick(self.target(), key, modifier)
            self.count += 1
            self.log.append(str(key))

    def type(self, text: str) -> None:
        for ch in text:
            QTest.keyClicks(self.target(), ch)
            self.count += 1
            self.log.append(ch)


def open_window(qtbot, restore_chooser=None) -> MainWindow:  # type: ignore[no-untyped-def]
    """The main window on the Events page (which opens the database when first shown)."""
    create_application()
    window = MainWindow()
    qtbot.addWidget(window)
    window.session.quit_prompt = lambda message: True  # never a modal dialog in tests
    window.session.restore_chooser = restore_chooser or (lambda message, backups: None)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # keys go to the focused widget of the active window
    window.nav.setCurrentRow(window.pages.indexOf(window.events_page))
    return window


def plan_evening(window: MainWindow, qtbot, title: str = "PMO Flashmob Birmingham") -> str:  # type: ignore[no-untyped-def]
    """Create the seed story's event through the Events page: 3 tables, 3 activities."""
    page = window.events_page
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    page.title.selectAll()
    qtbot.keyClicks(page.title, title)
    qtbot.keyClick(page.title, Qt.Key.Key_Tab)
    page.series.lineEdit().selectAll()
    qtbot.keyClicks(page.series.lineEdit(), "PMO Flashmob")
    qtbot.keyClicks(page.venue, "Le Truc, The Arcadian")
    for deck_title in (ROLES_DECK, MATCH_DECK, PROMPTS_DECK):
        index = next(
            i
            for i in range(page.deck_choice.count())
            if page.deck_choice.itemData(i).deck.title == deck_title
        )
        page.deck_choice.setCurrentIndex(index)
        qtbot.mouseClick(page.add_activity_button, Qt.MouseButton.LeftButton)
    window.session.flush()
    return page.event_id


def start_capture(window: MainWindow, qtbot):  # type: ignore[no-untyped-def]
    page = window.events_page
    qtbot.mouseClick(page.capture_button, Qt.MouseButton.LeftButton)
    capture = page.capture
    assert page.modes.currentWidget() is capture
    assert QApplication.focusWidget() is capture.agenda_list, QApplication.focusWidget()
    return capture
