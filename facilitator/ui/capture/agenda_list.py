"""The agenda down the left of capture mode: activities (and each prompt) with their state."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QListWidgetItem, QWidget

from facilitator.capture.progress import ItemState
from facilitator.outcomes import AgendaItem
from facilitator.ui.capture.style import BODY_PT, STATE_MARKS, WARNING_MARK, font

ROW_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class AgendaRow:
    """One selectable row: an activity, or one prompt of a prompts activity."""

    item_id: str
    prompt: str = ""  # the prompt card's code, for rows of a prompts activity


class AgendaList(QListWidget):
    """Up and Down choose; Enter asks to start typing (`enterPressed`); Delete asks to clear
    the current table's outcome for the row (`deleteRequested`)."""

    enterPressed = Signal()
    deleteRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(font(BODY_PT))
        self.setWordWrap(True)
        self.setAccessibleName("Agenda")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Wrapped rows are measured again when the width changes (a scroll bar appearing
        # takes some): a row measured too short would cut its state line off.
        self.setResizeMode(QListView.ResizeMode.Adjust)
        # No side padding: Qt leaves it out when measuring a wrapped row, which then comes out
        # a line short and loses its state line.
        self.setStyleSheet(
            "QListWidget::item { padding:6px 0px; border-bottom:1px solid #e3e6ea; }"
            "QListWidget::item:selected { background:#1f5f8b; color:white; }"
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enterPressed.emit()
            return
        if event.key() == Qt.Key.Key_Delete and not event.modifiers():
            self.deleteRequested.emit()
            return
        super().keyPressEvent(event)

    def keyboardSearch(self, search: str) -> None:
        # Letters and digits are capture commands here, not a search by title.
        return

    def set_rows(self, rows: list[tuple[AgendaRow | None, str]]) -> None:
        """Rows as (row, heading text); a None row is a heading that cannot be chosen."""
        current = self.current_row()
        self.blockSignals(True)
        self.clear()
        for row, text in rows:
            entry = QListWidgetItem(text, self)
            if row is None:
                # Disabled, so arrow keys pass over it; painted dark so it still reads well.
                entry.setFlags(Qt.ItemFlag.NoItemFlags)
                entry.setFont(font(BODY_PT, bold=True))
                entry.setForeground(QBrush(QColor("#1b1b1b")))
            entry.setData(ROW_ROLE, row)
        self.blockSignals(False)
        if current is not None:
            self.select_row(current)

    def update_marks(self, labels: dict[AgendaRow, str]) -> None:
        changed = False
        for i in range(self.count()):
            entry = self.item(i)
            row = entry.data(ROW_ROLE)
            if row is not None and row in labels and entry.text() != labels[row]:
                entry.setText(labels[row])
                changed = True
        if changed:
            self.scheduleDelayedItemsLayout()  # a new state may take another line

    def rows(self) -> list[AgendaRow]:
        found = (self.item(i).data(ROW_ROLE) for i in range(self.count()))
        return [row for row in found if row is not None]

    def current_row(self) -> AgendaRow | None:
        entry = self.currentItem()
        return entry.data(ROW_ROLE) if entry is not None else None

    def select_row(self, row: AgendaRow) -> bool:
        for i in range(self.count()):
            found = self.item(i).data(ROW_ROLE)
            if found == row:
                self.setCurrentRow(i)
                return True
        return False

    def step(self, delta: int) -> None:
        """Move to the next (or previous) choosable row."""
        i = self.currentRow() + delta
        while 0 <= i < self.count():
            if self.item(i).data(ROW_ROLE) is not None:
                self.setCurrentRow(i)
                return
            i += delta


def row_label(
    row: AgendaRow,
    item: AgendaItem,
    title: str,
    state: ItemState,
    done: int,
    tables: int,
    problems: int = 0,
) -> str:
    """Two lines: the mark and title, then the state and how many tables have recorded it.

    An order typed with wrong codes is marked ⚠ and says how many codes to fix.
    """
    mark = WARNING_MARK if problems else STATE_MARKS[state.value]
    indent = "   " if row.prompt else ""  # prompts sit under their heading
    minutes = f" · {item.timebox_minutes} min" if item.timebox_minutes and not row.prompt else ""
    fix = f" · fix {problems}" if problems else ""
    return f"{indent}{mark} {title}{minutes}\n{indent}   {state.value}{fix} · {done}/{tables}"
