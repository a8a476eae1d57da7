"""Prompt capture, as the card asks: a question takes a verdict with a side (one key each) and
optional vote counts; an open question takes the points raised and a one-line summary. Both
keep a one-line position, points and notes."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QFontMetrics, QIntValidator, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from facilitator.capture import prompt_entry
from facilitator.capture.progress import ItemState, state_of
from facilitator.capture.prompt_entry import VERDICT_KEYS
from facilitator.decks.model import Card, Deck, PromptKind
from facilitator.outcomes import PromptResponse, PromptsResult, Verdict, verdict_label
from facilitator.store.validation import MAX_VOTES
from facilitator.ui.capture.style import (
    BODY_PT,
    ENTRY_PT,
    HEADING_PT,
    PROBLEM_INK,
    QUIET_INK,
    font,
)
from facilitator.verdict_colours import VERDICT_COLOURS

CLEAR_KEY = "Del"  # the key under "Clear": Delete takes the verdict back
NOT_DISCUSSED_WIDTH = 220
QWIDGETSIZE_MAX = 16777215
MIN_VERDICT_PT = 8  # the verdict names shrink to this on a narrow window, then are cut
NOTES_HEIGHT = 72  # about three lines; the form scrolls rather than grow


def either(keys: list[str]) -> str:
    """ "Y, N, D, C or X"."""
    return " or ".join([", ".join(keys[:-1]), keys[-1]]) if len(keys) > 1 else "".join(keys)


KEYS = either(list(VERDICT_KEYS.values()))


class StartShownEdit(QLineEdit):
    """A one-line field that shows the start of a long text when filled or left.

    Qt leaves a field scrolled to where the cursor was (the end, after typing or setText),
    so a long point would read "…t is hard!" instead of from its first word.
    """

    def set_text(self, text: str) -> None:
        self.setText(text)
        self.setCursorPosition(0)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # Not when the window only loses focus for a moment: typing goes on where it was.
        if event.reason() not in (
            Qt.FocusReason.ActiveWindowFocusReason,
            Qt.FocusReason.PopupFocusReason,
        ):
            self.setCursorPosition(0)


class PointEdit(StartShownEdit):
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


def open_state_text(state: ItemState, response: PromptResponse | None) -> str:
    """The line under an open question: what is recorded, or what would record it."""
    if state == ItemState.NOT_STARTED:
        return "Open question: type the points the table raised (Enter adds the next)"
    if state == ItemState.IN_PROGRESS or response is None:
        return "In progress: a point raised or a summary records it"
    if response.verdict == Verdict.NOT_DISCUSSED and not response.key_points:
        return "Not discussed · Delete takes it back"
    return f"Recorded: {prompt_entry.describe(response)}"


class PromptPanel(QWidget):
    """Edits one prompt's response within the table's result; emits `edited(PromptsResult)`.

    The verdict may be left unchosen (or taken back with Delete): the prompt is then in
    progress, not recorded. The fields below the verdict scroll, so twenty key points never
    make the window taller than a small laptop screen.
    """

    edited = Signal(object)
    # The details' scroll area; the name hides QWidget.scroll(), which nothing here calls.
    scroll: QScrollArea  # type: ignore[assignment]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result = PromptsResult({})
        self._deck: Deck | None = None
        self._code = ""
        self._kind = PromptKind.QUESTION
        self._old_verdict: Verdict | None = None
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
            button = QPushButton(f"{verdict_label(verdict)}\n{key}", self)
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
            verdict_row.addWidget(button, 3)
        self.clear_button = QPushButton(f"Clear\n{CLEAR_KEY}", self)
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_button.setFont(font(BODY_PT))
        self.clear_button.setMinimumHeight(52)
        self.clear_button.setMinimumWidth(50)
        self.clear_button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.clear_button.setToolTip("Take the verdict back (Delete)")
        self.clear_button.clicked.connect(self.clear_verdict)
        verdict_row.addWidget(self.clear_button, 1)
        self.state = QLabel(self)
        self.state.setFont(font(BODY_PT))
        self.state.setWordWrap(True)
        self.state.setAccessibleName("Verdict state")

        self.details = QWidget(self)
        validator = QIntValidator(0, MAX_VOTES, self)
        self.votes: dict[str, QLineEdit] = {}
        votes_row = QHBoxLayout()
        for field, label in (
            ("votes_for", "For"),
            ("votes_against", "Against"),
            ("votes_abstain", "Abstain"),
        ):
            box = QLineEdit(self.details)
            box.setValidator(validator)
            box.setFont(font(ENTRY_PT - 4))
            box.setFixedWidth(80)
            box.setAccessibleName(f"Votes {label.lower()}")
            box.textEdited.connect(self._changed)
            caption = QLabel(label, self.details)
            caption.setFont(font(BODY_PT))
            caption.setBuddy(box)
            votes_row.addWidget(caption)
            votes_row.addWidget(box)
            votes_row.addSpacing(10)
            self.votes[field] = box
        votes_row.addStretch(1)

        self.summary = StartShownEdit(self.details)
        self.summary.setFont(font(ENTRY_PT - 4))
        self.summary.setPlaceholderText("The table's answer in one line, in its words (optional)")
        self.summary.setAccessibleName("Summary")
        self.summary.textEdited.connect(self._changed)

        self.position = StartShownEdit(self.details)
        self.position.setFont(font(ENTRY_PT - 4))
        self.position.setPlaceholderText("The table's position, in one line")
        self.position.setAccessibleName("Position")
        self.position.textEdited.connect(self._changed)

        self.points_box = QWidget(self.details)
        self.points_layout = QVBoxLayout(self.points_box)
        self.points_layout.setContentsMargins(0, 0, 0, 0)
        self.points_layout.setSpacing(4)
        self.points: list[PointEdit] = []

        self.notes = QPlainTextEdit(self.details)
        self.notes.setFont(font(BODY_PT))
        self.notes.setPlaceholderText("Notes (anything else worth remembering)")
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(NOTES_HEIGHT)
        self.notes.setMaximumHeight(NOTES_HEIGHT)
        self.notes.textChanged.connect(self._changed)

        self.form = QFormLayout()
        form = self.form
        form.setContentsMargins(0, 0, 6, 0)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.captions: dict[str, QLabel] = {}
        for label, widget in (
            ("In one line", self.summary),
            ("Votes", votes_row),
            ("Position", self.position),
            ("Key points", self.points_box),
            ("Notes", self.notes),
        ):
            caption = QLabel(label, self.details)
            caption.setFont(font(BODY_PT, bold=True))
            form.addRow(caption, widget)
            self.captions[label] = caption
        details_layout = QVBoxLayout(self.details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addLayout(form)
        details_layout.addStretch(1)  # a few points sit at the top, not spread out
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self.details)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addLayout(verdict_row)
        layout.addWidget(self.state)
        layout.addWidget(self.scroll, 1)
        self.setFocusProxy(self.position)
        self._chain_tabs()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    # --- loading -------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        """True while an open question is shown: points and a summary, no verdict asked."""
        return self._kind == PromptKind.OPEN_QUESTION

    def _show_kind(self) -> None:
        """Only what the card asks for: a verdict and votes, or a summary and the points."""
        open_question = self.is_open
        for verdict, button in self.verdict_buttons.items():
            button.setVisible(not open_question or verdict == Verdict.NOT_DISCUSSED)
            # Alone on an open question, "Not discussed" is an aside, not the main choice.
            button.setMaximumWidth(NOT_DISCUSSED_WIDTH if open_question else QWIDGETSIZE_MAX)
        self.form.setRowVisible(0, open_question)  # In one line
        self.form.setRowVisible(1, not open_question)  # Votes
        self.captions["Key points"].setText("Points raised" if open_question else "Key points")
        self.setFocusProxy(self.summary if open_question else self.position)
        self._chain_tabs()
        QTimer.singleShot(0, self._fit_verdict_fonts)  # once the row has its new widths

    def load(self, deck: Deck, card: Card, result: PromptsResult | None) -> None:
        self._loading = True
        self._deck = deck
        self._code = card.code
        self._kind = card.prompt_kind
        self._result = result if result is not None else PromptsResult({})
        response = self._result.responses.get(card.code)
        self._show_kind()
        self.title.setText(f"{card.code}  {card.title}")
        self.body.setText(card.body)
        self.body.setVisible(bool(card.body))
        # An older record's "agreed" has no button (its side was never recorded): it is kept
        # as it is through any edit, until a verdict key or Delete replaces it.
        self._old_verdict = (
            response.verdict
            if response is not None and response.verdict not in (*VERDICT_KEYS, None)
            else None
        )
        self._show_verdict(response.verdict if response is not None else None)
        r = response or PromptResponse()
        for field, box in self.votes.items():
            value = getattr(r, field)
            box.setText("" if value is None else str(value))
        self.position.set_text(r.position)
        self.summary.set_text(r.summary)
        self._set_points(list(r.key_points) or [""])
        self.notes.setPlainText(r.notes)
        self.scroll.verticalScrollBar().setValue(0)
        self._loading = False
        self._show_state()

    def verdict(self) -> Verdict | None:
        chosen = next((v for v, b in self.verdict_buttons.items() if b.isChecked()), None)
        return chosen or self._old_verdict

    def _show_verdict(self, verdict: Verdict | None) -> None:
        self.verdicts.setExclusive(False)
        for v, button in self.verdict_buttons.items():
            button.setChecked(v == verdict)
        self.verdicts.setExclusive(True)

    # Not type-checked below: Qt passes a QResizeEvent.
    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._fit_verdict_fonts()

    def _fit_verdict_fonts(self) -> None:
        """One size for every verdict name, the largest at which each fits its button: on a
        1024-pixel window "No consensus" and "Not discussed" were cut to "o consensu"."""
        buttons = [b for b in self.verdict_buttons.values() if not b.isHidden()]
        if not buttons:
            return
        size = BODY_PT
        while size > MIN_VERDICT_PT:
            metrics = QFontMetrics(font(size, bold=True))
            if all(
                metrics.horizontalAdvance(b.text().split("\n")[0]) <= b.width() - 12
                for b in buttons
            ):
                break
            size -= 1
        for button in self.verdict_buttons.values():
            button.setFont(font(size, bold=True))

    def _show_state(self) -> None:
        """The line under the verdicts: the verdict, or that there is none yet."""
        if self._deck is None:
            return
        state = state_of(self._result, self._deck, prompt=self._code)
        response = self._result.responses.get(self._code)
        self.clear_button.setEnabled(self.verdict() is not None)
        if self.is_open:
            text, ink = open_state_text(state, response), QUIET_INK
            if state == ItemState.IN_PROGRESS:
                ink = PROBLEM_INK
        elif state == ItemState.RECORDED and response is not None:
            said = verdict_label(response.verdict)
            text, ink = f"Verdict: {said} · Delete takes it back", QUIET_INK
        elif state == ItemState.NOT_STARTED:
            text, ink = f"No verdict yet: press {KEYS}, then Enter to type the position", QUIET_INK
        else:
            text, ink = f"No verdict yet · in progress ({KEYS} when the table decides)", PROBLEM_INK
        self.state.setText(text)
        self.state.setStyleSheet(f"color:{ink};")

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
        edit.set_text(text)
        edit.textEdited.connect(self._changed)
        edit.nextRequested.connect(lambda e=edit: self._next_point(e))
        edit.removeRequested.connect(lambda e=edit: self._remove_point(e))
        self.points.insert(index, edit)
        self.points_layout.insertWidget(index, edit)
        edit.show()  # at once, not on the next event loop turn: Enter then typing must land here
        self._chain_tabs()
        return edit

    def _chain_tabs(self) -> None:
        # Tab walks the votes (a question) or the summary (an open question), the position,
        # the points in order, then on to the notes.
        start: list[QWidget] = [self.summary] if self.is_open else [*self.votes.values()]
        chain = [*start, self.position, *self.points, self.notes]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

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

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # The field being typed in stays in view, once the layout has placed a new point.
        if new is not None and self.details.isAncestorOf(new):
            QTimer.singleShot(0, lambda w=new: self._keep_in_view(w))

    def _keep_in_view(self, widget: QWidget) -> None:
        if widget.isVisible() and self.details.isAncestorOf(widget):
            self.scroll.ensureWidgetVisible(widget, 0, 8)

    # --- editing -------------------------------------------------------------------------

    def set_verdict(self, verdict: Verdict) -> None:
        if not self._code:
            return
        if self.is_open and verdict != Verdict.NOT_DISCUSSED:
            return  # an open question asks for points, not a verdict
        self._old_verdict = None
        self._show_verdict(verdict)
        self._changed()

    def clear_verdict(self) -> None:
        """Take the verdict back: the prompt is then not started, or in progress."""
        if not self._code or self.verdict() is None:
            return
        self._old_verdict = None
        self._result = prompt_entry.clear_verdict(self._result, self._code)
        self._show_verdict(None)
        self._show_state()
        self.edited.emit(self._result)

    def focus_point(self, index: int = -1) -> None:
        self.points[index].setFocus()

    def _changed(self, *_args: object) -> None:
        if self._loading or not self._code:
            return
        verdict = self.verdict()
        votes = {}
        for field, box in self.votes.items():
            text = box.text().strip()
            votes[field] = int(text) if text.isdigit() else None
        if self.is_open:
            votes = {}
        response = PromptResponse(
            verdict=verdict,
            position=self.position.text(),
            key_points=prompt_entry.key_points([p.text() for p in self.points]),
            notes=self.notes.toPlainText(),
            kind=self._kind,
            summary=self.summary.text() if self.is_open else "",
            **votes,
        )
        self._result = prompt_entry.set_response(self._result, self._code, response)
        self._show_state()
        self.edited.emit(self._result)
