"""Prompt capture: a verdict (one key each), vote counts, a one-line position, points, notes."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from facilitator.capture import prompt_entry
from facilitator.capture.prompt_entry import VERDICT_KEYS
from facilitator.model import Card
from facilitator.store import PromptResponse, PromptsResult, Verdict
from facilitator.store.validation import MAX_VOTES
from facilitator.ui.capture.style import BODY_PT, ENTRY_PT, HEADING_PT, QUIET_INK, font

VERDICT_COLOURS = {
    Verdict.AGREED: "#2e7d32",
    Verdict.DIVIDED: "#c0504d",
    Verdict.NO_CONSENSUS: "#8064a2",
    Verdict.NOT_DISCUSSED: "#6b6b6b",
}


class PointEdit(QLineEdit):
    """One key point; Enter asks for the next, Backspace in an empty point removes it."""

    nextRequested = Signal()
    removeRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.nextRequested.emit()
            return
        if event.key() == Qt.Key.Key_Backspace and not self.text():
            self.removeRequested.emit()
            return
        super().keyPressEvent(event)


class PromptPanel(QWidget):
    """Edits one prompt's response within the table's result; emits `edited(PromptsResult)`."""

    edited = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result = PromptsResult({})
        self._code = ""
        self._loading = False

        self.title = QLabel(self)
        self.title.setFont(font(HEADING_PT + 2, bold=True))
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.body = QLabel(self)
        self.body.setFont(font(BODY_PT))
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setStyleSheet(f"color:{QUIET_INK};")

        self.verdicts = QButtonGroup(self)
        self.verdicts.setExclusive(True)
        verdict_row = QHBoxLayout()
        self.verdict_buttons: dict[Verdict, QPushButton] = {}
        for verdict, key in VERDICT_KEYS.items():
            button = QPushButton(f"{verdict.label}\n{key}", self)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the letter keys choose, from anywhere
            button.setFont(font(BODY_PT, bold=True))
            button.setMinimumHeight(52)
            button.setMinimumWidth(60)  # the row shrinks on a small screen, text elided
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            colour = VERDICT_COLOURS[verdict]
            button.setStyleSheet(
                f"QPushButton {{ border:2px solid {colour}; border-radius:6px; color:{colour};"
                " background:white; padding:4px 4px; }"
                f"QPushButton:checked {{ background:{colour}; color:white; }}"
            )
            button.clicked.connect(lambda _=False, v=verdict: self.set_verdict(v))
            self.verdicts.addButton(button)
            self.verdict_buttons[verdict] = button
            verdict_row.addWidget(button)

        validator = QIntValidator(0, MAX_VOTES, self)
        self.votes: dict[str, QLineEdit] = {}
        votes_row = QHBoxLayout()
        for field, label in (
            ("votes_for", "For"),
            ("votes_against", "Against"),
            ("votes_abstain", "Abstain"),
        ):
            box = QLineEdit(self)
            box.setValidator(validator)
            box.setFont(font(ENTRY_PT - 4))
            box.setFixedWidth(90)
            box.setAccessibleName(f"Votes {label.lower()}")
            box.textEdited.connect(self._changed)
            caption = QLabel(label, self)
            caption.setFont(font(BODY_PT))
            caption.setBuddy(box)
            votes_row.addWidget(caption)
            votes_row.addWidget(box)
            votes_row.addSpacing(12)
            self.votes[field] = box
        votes_row.addStretch(1)

        self.position = QLineEdit(self)
        self.position.setFont(font(ENTRY_PT - 4))
        self.position.setPlaceholderText("The table's position, in one line")
        self.position.setAccessibleName("Position")
        self.position.textEdited.connect(self._changed)

        self.points_box = QWidget(self)
        self.points_layout = QVBoxLayout(self.points_box)
        self.points_layout.setContentsMargins(0, 0, 0, 0)
        self.points_layout.setSpacing(4)
        self.points: list[PointEdit] = []

        self.notes = QPlainTextEdit(self)
        self.notes.setFont(font(BODY_PT))
        self.notes.setPlaceholderText("Notes (anything else worth remembering)")
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)
        self.notes.textChanged.connect(self._changed)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for label, widget in (
            ("Votes", votes_row),
            ("Position", self.position),
            ("Key points", self.points_box),
            ("Notes", self.notes),
        ):
            caption = QLabel(label, self)
            caption.setFont(font(BODY_PT, bold=True))
            form.addRow(caption, widget)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addLayout(verdict_row)
        layout.addLayout(form, 1)
        self.setFocusProxy(self.position)

    # --- loading -------------------------------------------------------------------------

    def load(self, card: Card, result: PromptsResult | None) -> None:
        self._loading = True
        self._code = card.code
        self._result = result if result is not None else PromptsResult({})
        response = self._result.responses.get(card.code)
        self.title.setText(f"{card.code}  {card.title}")
        self.body.setText(card.body)
        self.body.setVisible(bool(card.body))
        self._show_verdict(response.verdict if response else None)
        r = response or PromptResponse()
        for field, box in self.votes.items():
            value = getattr(r, field)
            box.setText("" if value is None else str(value))
        self.position.setText(r.position)
        self._set_points(list(r.key_points) or [""])
        self.notes.setPlainText(r.notes)
        self._loading = False

    def _show_verdict(self, verdict: Verdict | None) -> None:
        self.verdicts.setExclusive(False)
        for v, button in self.verdict_buttons.items():
            button.setChecked(v == verdict)
        self.verdicts.setExclusive(True)

    def _set_points(self, texts: list[str]) -> None:
        for edit in self.points:
            self._drop(edit)
        self.points = []
        for text in texts:
            self._add_point(len(self.points), text)

    def _add_point(self, index: int, text: str = "") -> PointEdit:
        edit = PointEdit(self.points_box)
        edit.setFont(font(BODY_PT + 1))
        edit.setPlaceholderText("A key point (Enter adds the next)")
        edit.setAccessibleName("Key point")
        edit.setText(text)
        edit.textEdited.connect(self._changed)
        edit.nextRequested.connect(lambda e=edit: self._next_point(e))
        edit.removeRequested.connect(lambda e=edit: self._remove_point(e))
        self.points.insert(index, edit)
        self.points_layout.insertWidget(index, edit)
        edit.show()  # at once, not on the next event loop turn: Enter then typing must land here
        # Tab walks the points in order, then on to the notes.
        chain = [self.position, *self.points, self.notes]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        return edit

    def _drop(self, edit: PointEdit) -> None:
        self.points_layout.removeWidget(edit)
        edit.hide()  # out of the Tab chain now; deleted when the event loop next runs
        edit.deleteLater()

    def _next_point(self, edit: PointEdit) -> None:
        index = self.points.index(edit) + 1
        if index < len(self.points) and not self.points[index].text():
            self.points[index].setFocus()
            return
        if not edit.text().strip():
            return  # an empty point: Enter stays, so pressing it twice adds nothing
        self._add_point(index).setFocus()

    def _remove_point(self, edit: PointEdit) -> None:
        if len(self.points) == 1:
            return
        index = self.points.index(edit)
        self.points.pop(index)
        self._drop(edit)
        self.points[max(0, index - 1)].setFocus()
        self._changed()

    # --- editing -------------------------------------------------------------------------

    def set_verdict(self, verdict: Verdict) -> None:
        if not self._code:
            return
        self._show_verdict(verdict)
        self._changed()

    def focus_point(self, index: int = -1) -> None:
        self.points[index].setFocus()

    def _changed(self, *_args: object) -> None:
        if self._loading or not self._code:
            return
        checked = next((v for v, b in self.verdict_buttons.items() if b.isChecked()), None)
        votes = {}
        for field, box in self.votes.items():
            text = box.text().strip()
            votes[field] = int(text) if text.isdigit() else None
        response = PromptResponse(
            verdict=checked or Verdict.NOT_DISCUSSED,
            position=self.position.text(),
            key_points=prompt_entry.key_points([p.text() for p in self.points]),
            notes=self.notes.toPlainText(),
            **votes,
        )
        self._result = prompt_entry.with_response(self._result, self._code, response)
        self.edited.emit(self._result)
