"""Under the list of events: duplicate the event shown, delete it (with Undo), and restore any
deleted event from a menu. Wiring only; the store keeps deleted events in its history."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.outcomes import HistoryEntry

DELETED_MENU_LIMIT = 20  # the most recent; older ones stay restorable from the command line


def deleted_label(entry: HistoryEntry) -> str:
    """ "PMO Flashmob Birmingham · 2015-08-20 · deleted 2026-12-05 21:04"."""
    doc = entry.document
    starts = str(doc.get("starts", ""))[:10]
    when = entry.at[:16].replace("T", " ")
    return " · ".join(part for part in (str(doc.get("title", "")), starts) if part) + (
        f" · deleted {when}"
    )


class EventLifecycleBar(QWidget):
    """Three buttons; `undo_button` shows only after a delete, until anything else happens."""

    duplicateRequested = Signal()
    deleteRequested = Signal()
    undoRequested = Signal()
    restoreRequested = Signal(str)  # a deleted event's id
    menuAboutToShow = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.duplicate_button = QPushButton("Duplicate", self)
        self.duplicate_button.setToolTip(
            "The same evening next month: the same tables and agenda, no outcomes"
        )
        self.duplicate_button.clicked.connect(self.duplicateRequested)
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setToolTip("Delete this event; Undo, or Deleted ▸ brings it back")
        self.delete_button.clicked.connect(self.deleteRequested)
        self.undo_button = QPushButton("Undo delete", self)
        self.undo_button.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_button.clicked.connect(self.undoRequested)
        self.undo_button.hide()
        self.deleted_button = QToolButton(self)
        self.deleted_button.setText("Deleted ▸")
        self.deleted_button.setToolTip("Deleted events: choose one to restore it")
        self.deleted_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.deleted_menu = QMenu(self.deleted_button)
        self.deleted_menu.aboutToShow.connect(self.menuAboutToShow)
        self.deleted_button.setMenu(self.deleted_menu)
        # Undo gets a row of its own: beside the others it widened the list on a small screen.
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.duplicate_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(self.deleted_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.undo_button)
        layout.addLayout(row)

    def show_event_actions(self, shown: bool) -> None:
        """Duplicate and Delete act on the event shown: off when there is none."""
        self.duplicate_button.setEnabled(shown)
        self.delete_button.setEnabled(shown)

    def show_deleted(self, entries: list[HistoryEntry]) -> None:
        """Fill the menu: the most recently deleted first."""
        self.deleted_menu.clear()
        if not entries:
            self.deleted_menu.addAction("No deleted events").setEnabled(False)
            return
        for entry in entries[:DELETED_MENU_LIMIT]:
            action = self.deleted_menu.addAction(deleted_label(entry))
            action.triggered.connect(
                lambda _=False, i=entry.record_id: self.restoreRequested.emit(i)
            )
