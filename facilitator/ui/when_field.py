"""When an event starts, typed on one line as a person writes it ("20 Aug 18:30"); what it was
read as, or why it cannot be read, beside it. Tab leaves it in one press.

The reading is facilitator/typed_dates.py; this widget only shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QWidget

from facilitator.reports import wording
from facilitator.typed_dates import EXAMPLE, UnreadableDate, date_of, field_text, parse_when
from facilitator.ui.capture.style import PROBLEM_INK, QUIET_INK

FIELD_WIDTH = 230  # px: "Thu 20 Aug 2026 18:30" and room to spare
TYPING_HINT = f"Type the date and time, like {EXAMPLE}"


class WhenField(QWidget):
    """`changed` carries the new `starts` value ("2026-08-20T18:30") whenever what is typed
    reads as a date; text that cannot be read changes nothing and says why once left."""

    changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, today: Callable[[], date] = date.today):
        super().__init__(parent)
        self.today = today
        self._loaded = ""  # the stored value: its year and time fill in what is not typed
        self._starts = ""
        self.problem = ""
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(f"e.g. {EXAMPLE}")
        self.edit.setAccessibleName("Date and time")
        self.edit.setMinimumWidth(FIELD_WIDTH)
        self.edit.setMaximumWidth(FIELD_WIDTH + 60)
        self.understood = QLabel(self)
        self.understood.setTextFormat(Qt.TextFormat.PlainText)
        self.understood.setWordWrap(True)
        self.understood.setAccessibleName("Date and time, as read")
        self.understood.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addSpacing(8)
        layout.addWidget(self.understood, 1)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(self._on_edited)
        self.edit.editingFinished.connect(self._on_finished)

    def set_starts(self, starts: str) -> None:
        """Show a stored value (the event's, or one waiting to be saved)."""
        self._loaded = self._starts = starts
        self.problem = ""
        self.edit.setText(field_text(starts))
        self._say(wording.when(starts), QUIET_INK)

    def starts(self) -> str:
        return self._starts

    def _read(self, text: str) -> str:
        """The `starts` value `text` means; raises UnreadableDate."""
        reference = date_of(self._loaded) or self.today()
        return parse_when(text, reference, self.today()).starts(self._loaded)

    def _on_edited(self, text: str) -> None:
        try:
            value = self._read(text)
        except UnreadableDate as exc:
            self.problem = str(exc)
            self._say(TYPING_HINT, QUIET_INK)  # the sentence waits until the field is left
            return
        self.problem = ""
        self._say(wording.when(value), QUIET_INK)
        if value != self._starts:
            self._starts = value
            self.changed.emit(value)

    def _on_finished(self) -> None:
        if self.problem:
            self._say(self.problem, PROBLEM_INK)
        else:
            self._loaded = self._starts  # what was read is now the one to fill in from

    def _say(self, text: str, ink: str) -> None:
        self.understood.setText(text)
        self.understood.setStyleSheet(f"color:{ink};")
