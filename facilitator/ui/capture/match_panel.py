"""Match capture: a grid of items (rows) by targets (columns), plus "Nobody" and "Unsure"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.capture import match_grid
from facilitator.capture.match_grid import MARKER_LABELS, MARKERS, MatchLayout
from facilitator.decks.model import Deck
from facilitator.outcomes import NOBODY, UNSURE, MatchResult, OutcomeStatus, match_items
from facilitator.ui.capture.style import BODY_PT, PROBLEM_INK, QUIET_INK, font

HELP = (
    "Arrows move · Space ticks a role · N nobody · U unsure · Delete clears the row. "
    "A row may have several roles."
)
TICK = "✔"
TICK_BG = QColor("#d6ecd2")
MARKER_BG = QColor("#eee6d0")


ROLE_MIN_WIDTH = 52  # px: a role column keeps room for its code and a tick
LABEL_MIN_WIDTH = 120  # px: the activity names never get narrower than this
LABEL_PADDING = 16  # px: the header's margins around a name


def row_label(code: str, title: str) -> str:
    return f"{code}  {title}"


def label_width(wanted: int, room: int, roles: int, markers: int) -> int:
    """How wide the activity names may be: all they want, less what the roles need.

    `room` is the grid's width; `markers` the width of the Nobody and Unsure columns. A name
    that does not fit is shortened with … by the header.
    """
    spare = room - markers - roles * ROLE_MIN_WIDTH
    return max(LABEL_MIN_WIDTH, min(wanted, spare))


class MatchGrid(QTableWidget):
    """The grid; keys act on the current cell (no text editing happens in it)."""

    toggled = Signal(int, str)  # row, column code (a target code or a marker)
    cleared = Signal(int)
    doneRequested = Signal()  # Ctrl+Enter: recorded with what it has, or reopened

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)
        self.setFont(font(BODY_PT))
        self.setAccessibleName("Who does what: activities by roles")
        self.columns: tuple[str, ...] = ()
        self.cellClicked.connect(lambda row, col: self.toggled.emit(row, self.columns[col]))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        row, col = self.currentRow(), self.currentColumn()
        key = event.key()
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.doneRequested.emit()
            return
        if row >= 0 and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            if key == Qt.Key.Key_Space and col >= 0:
                self.toggled.emit(row, self.columns[col])
                return
            if key == Qt.Key.Key_N:
                self.toggled.emit(row, NOBODY)
                return
            if key == Qt.Key.Key_U:
                self.toggled.emit(row, UNSURE)
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.cleared.emit(row)
                return
        super().keyPressEvent(event)


DONE_KEY = "Ctrl+Enter"


def match_state_text(placed: int, items: int, done: bool) -> str:
    """The line under the grid: recorded or in progress, and how to change that."""
    if placed >= items and items:
        return f"Recorded: all {items} placed"
    if done:
        return f"Recorded as done with {placed} of {items} placed · {DONE_KEY} reopens it"
    if not placed:
        return f"Not started: 0 of {items} placed"
    return (
        f"In progress: {placed} of {items} placed · {DONE_KEY} records it as done with what it has"
    )


class MatchPanel(QWidget):
    """Emits `edited(MatchResult)` after every tick, and after Ctrl+Enter (see `done`).

    A matching is recorded once every item is placed, or when the facilitator marks it done
    with what it has: `done` is then True and is saved as the outcome's status.
    """

    edited = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout: MatchLayout | None = None
        self._result = MatchResult({})
        self._items: tuple[str, ...] = ()
        self.done = False
        self.help = QLabel(HELP, self)
        self.help.setFont(font(BODY_PT))
        self.help.setStyleSheet(f"color:{QUIET_INK};")
        self.help.setWordWrap(True)
        # The roles in full: the column headers get narrow on a small screen.
        self.legend = QLabel(self)
        self.legend.setFont(font(BODY_PT - 1))
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.PlainText)
        self.grid = MatchGrid(self)
        self.grid.toggled.connect(self._toggle)
        self.grid.cleared.connect(self._clear)
        self.grid.doneRequested.connect(self.toggle_done)
        self.state = QLabel(self)
        self.state.setFont(font(BODY_PT))
        self.state.setWordWrap(True)
        self.state.setAccessibleName("Matching state")
        self.done_button = QPushButton(f"Done with what it has [{DONE_KEY}]", self)
        self.done_button.setCheckable(True)
        self.done_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.done_button.setFont(font(BODY_PT))
        self.done_button.clicked.connect(lambda: self.toggle_done())
        state_row = QHBoxLayout()
        state_row.addWidget(self.state, 1)
        state_row.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.help)
        layout.addWidget(self.legend)
        layout.addWidget(self.grid, 1)
        layout.addLayout(state_row)
        self.setFocusProxy(self.grid)

    def load(
        self,
        deck: Deck,
        result: MatchResult | None,
        status: OutcomeStatus = OutcomeStatus.NOT_RECORDED,
    ) -> None:
        self._layout = match_grid.layout_of(deck)
        self._items = match_items(deck)
        self._result = result if result is not None else MatchResult({})
        self.done = status == OutcomeStatus.RECORDED and not self._complete()
        grid = self.grid
        grid.clear()
        grid.columns = self._layout.columns
        grid.setRowCount(len(self._layout.items))
        grid.setColumnCount(len(grid.columns))
        headers = [t.code for t in self._layout.targets]  # named in full in the legend
        self.legend.setText(match_grid.legend(self._layout.targets))
        headers += [MARKER_LABELS[m] for m in MARKERS]
        grid.setHorizontalHeaderLabels(headers)
        grid.setVerticalHeaderLabels([row_label(c.code, c.title) for c in self._layout.items])
        for row, card in enumerate(self._layout.items):
            grid.verticalHeaderItem(row).setToolTip(f"{card.code} {card.title}")
        header = grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in range(len(self._layout.targets), len(grid.columns)):
            # "Nobody" and "Unsure" stay readable; the role columns share what is left.
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(32)
        header.setMinimumSectionSize(34)
        grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        grid.verticalHeader().setMinimumSectionSize(24)
        grid.verticalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self._fit_labels()
        self._paint()
        self._show_state()
        if grid.rowCount():
            grid.setCurrentCell(0, 0)

    def _placed(self) -> int:
        return sum(1 for code in self._items if self._result.assignments.get(code))

    def _complete(self) -> bool:
        return bool(self._items) and self._placed() == len(self._items)

    def _show_state(self) -> None:
        complete = self._complete()
        recorded = complete or self.done
        self.state.setText(match_state_text(self._placed(), len(self._items), self.done))
        self.state.setStyleSheet(
            f"color:{QUIET_INK};" if recorded or not self._placed() else f"color:{PROBLEM_INK};"
        )
        self.done_button.setChecked(self.done)
        self.done_button.setEnabled(not complete and bool(self._placed()))

    def toggle_done(self) -> None:
        """Record the matching with what it has, or take that back (not when it is complete)."""
        if self._layout is None or self._complete() or not self._placed():
            return
        self.done = not self.done
        self._show_state()
        self.edited.emit(self._result)

    def _fit_labels(self) -> None:
        """Give the activity names the width the role columns can spare."""
        if self._layout is None:
            return
        grid, header = self.grid, self.grid.verticalHeader()
        metrics = header.fontMetrics()
        names = [row_label(c.code, c.title) for c in self._layout.items]
        wanted = max((metrics.horizontalAdvance(n) for n in names), default=0) + LABEL_PADDING
        top = grid.horizontalHeader()
        first_marker = len(self._layout.targets)
        markers = sum(
            max(top.sectionSizeHint(c), top.minimumSectionSize())
            for c in range(first_marker, len(grid.columns))
        )
        bar = grid.verticalScrollBar()
        room = grid.width() - 2 * grid.frameWidth() - (bar.width() if bar.isVisible() else 0)
        header.setFixedWidth(label_width(wanted, room, len(self._layout.targets), markers))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_labels()

    def _paint(self) -> None:
        if self._layout is None:
            return
        for r, item in enumerate(self._layout.items):
            chosen = self._result.assignments.get(item.code, ())
            for c, column in enumerate(self.grid.columns):
                cell = self.grid.item(r, c)
                if cell is None:
                    cell = QTableWidgetItem()
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                    self.grid.setItem(r, c, cell)
                on = column in chosen
                cell.setText(TICK if on else "")
                bg = (MARKER_BG if column in MARKERS else TICK_BG) if on else None
                cell.setBackground(QBrush(bg) if bg is not None else QBrush())

    def _toggle(self, row: int, column: str) -> None:
        if self._layout is None or not 0 <= row < len(self._layout.items):
            return
        item = self._layout.items[row].code
        self._set(match_grid.toggle(self._result, item, column))

    def _clear(self, row: int) -> None:
        if self._layout is None or not 0 <= row < len(self._layout.items):
            return
        self._set(match_grid.clear(self._result, self._layout.items[row].code))

    def _set(self, result: MatchResult) -> None:
        assert self._layout is not None
        self._result = match_grid.ordered(result, self._layout)
        if not self._placed():
            self.done = False  # nothing left to be done with
        self._paint()
        self._show_state()
        self.edited.emit(self._result)
