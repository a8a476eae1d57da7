"""The card form beside the table: the selected card's title, body, back, copies and note in
fields big enough to read and write them (the body holds up to 4,000 characters)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from facilitator.decks.model import MAX_COPIES, Card

TEXT_FIELDS = ("body", "back", "note")


class CardForm(QWidget):
    """`draftChanged(field, text)` while typing (the preview follows); `committed(field,
    value)` when a field is left or Enter pressed. Widgets only: the editor applies edits."""

    draftChanged = Signal(str, str)
    committed = Signal(str, object)
    pictureRequested = Signal()
    pictureRemoved = Signal()
    leaveRequested = Signal()  # Escape: back to the table (the field is committed on leaving)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card: Card | None = None
        self._filling = False
        self.heading = QLabel(self)
        self.title = QLineEdit(self)
        self.title.setAccessibleName(self.tr("Card title"))
        self.title.textEdited.connect(lambda text: self.draftChanged.emit("title", text))
        self.title.editingFinished.connect(lambda: self._commit("title"))
        self.title.installEventFilter(self)
        self.body = self._text_box("body", self.tr("Card body"), lines=4)
        self.back = self._text_box("back", self.tr("Text on the back"), lines=2)
        self.note = self._text_box("note", self.tr("Note for you (never printed)"), lines=2)
        self.copies = QSpinBox(self)
        self.copies.setRange(1, MAX_COPIES)
        self.copies.setAccessibleName(self.tr("Copies in each set"))
        self.copies.editingFinished.connect(lambda: self._commit("copies"))
        self.picture_button = QPushButton(self.tr("Picture…"), self)
        self.picture_button.setAccessibleName(self.tr("Choose a picture for the card"))
        self.picture_button.clicked.connect(self.pictureRequested)
        self.remove_picture_button = QPushButton(self.tr("Remove"), self)
        self.remove_picture_button.setAccessibleName(self.tr("Remove the card's picture"))
        self.remove_picture_button.clicked.connect(self.pictureRemoved)
        picture_row = QHBoxLayout()
        picture_row.addWidget(self.picture_button)
        picture_row.addWidget(self.remove_picture_button)
        picture_row.addStretch(1)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.heading)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Body"), self.body)
        form.addRow(self.tr("Back"), self.back)
        form.addRow(self.tr("Copies"), self.copies)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("Picture"), picture_row)
        self.show_card(None)

    def _text_box(self, field: str, name: str, lines: int) -> QPlainTextEdit:
        box = QPlainTextEdit(self)
        box.setAccessibleName(name)
        box.setTabChangesFocus(True)  # Tab moves on, as in every other field of the form
        box.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 12)
        box.installEventFilter(self)
        box.textChanged.connect(lambda: self._draft(field, box))
        return box

    def field_widget(self, field: str) -> QWidget:
        return {
            "title": self.title,
            "body": self.body,
            "back": self.back,
            "note": self.note,
            "copies": self.copies,
        }[field]

    def value(self, field: str) -> str | int:
        if field == "title":
            return self.title.text()
        if field == "copies":
            return self.copies.value()
        box = self.field_widget(field)
        assert isinstance(box, QPlainTextEdit)
        return box.toPlainText()

    def show_card(self, card: Card | None, read_only: bool = False) -> None:
        """Show `card`'s fields; a field being typed in keeps what is typed."""
        self.card = card
        self._filling = True
        focused = self.focusWidget() if self.isAncestorOf(self.focusWidget()) else None
        for field in ("title", "body", "back", "note", "copies"):
            widget = self.field_widget(field)
            widget.setEnabled(card is not None and not read_only)
            if widget is focused and card is not None:
                continue
            value = getattr(card, field) if card is not None else ("" if field != "copies" else 1)
            if isinstance(widget, QLineEdit):
                widget.setText(str(value))
                widget.setCursorPosition(0)
            elif isinstance(widget, QPlainTextEdit):
                if widget.toPlainText() != value:
                    widget.setPlainText(str(value))
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(value))
        has_picture = card is not None and bool(card.picture)
        self.picture_button.setText(self.tr("Change…") if has_picture else self.tr("Add…"))
        self.picture_button.setEnabled(card is not None and not read_only)
        self.remove_picture_button.setVisible(has_picture)
        self.remove_picture_button.setEnabled(not read_only)
        self.heading.setText(
            self.tr("Card {code} · {suit}").format(code=card.code, suit=card.suit)
            if card is not None
            else self.tr("No card selected")
        )
        self._filling = False

    def _draft(self, field: str, box: QPlainTextEdit) -> None:
        if not self._filling:
            self.draftChanged.emit(field, box.toPlainText())

    def _commit(self, field: str) -> None:
        if self._filling or self.card is None:
            return
        value = self.value(field)
        if value != getattr(self.card, field):
            self.committed.emit(field, value)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            self.leaveRequested.emit()
            return True
        if event.type() == QEvent.Type.FocusOut:
            for field in TEXT_FIELDS:
                if watched is self.field_widget(field):
                    self._commit(field)
        return super().eventFilter(watched, event)
