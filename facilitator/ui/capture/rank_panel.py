"""Rank capture: type the printed codes in order (titles appear as you type) or drag to order."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.capture.rank_entry import (
    DIRECTION,
    SYNTAX_HELP,
    format_levels,
    move_level,
    parse_rank,
)
from facilitator.model import Deck
from facilitator.store import RankResult
from facilitator.ui.capture.style import BODY_PT, ENTRY_PT, PROBLEM_INK, QUIET_INK, font


class LevelList(QListWidget):
    """The order as rows, one per level; dragging a row (or Ctrl+Up/Down) reorders levels."""

    levelMoved = Signal(int, int)  # from row, to row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setFont(font(BODY_PT + 1))
        self.setAccessibleName("The order so far")
        self.setSpacing(1)

    def dropEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        source = self.currentRow()
        target_item = self.itemAt(event.position().toPoint())
        target = self.row(target_item) if target_item is not None else self.count() - 1
        event.setDropAction(Qt.DropAction.IgnoreAction)  # the page redraws from the new order
        event.accept()
        if source >= 0 and target != source:
            self.levelMoved.emit(source, target)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        row = self.currentRow()
        if ctrl and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and row >= 0:
            target = row - 1 if event.key() == Qt.Key.Key_Up else row + 1
            if 0 <= target < self.count():
                self.levelMoved.emit(row, target)
                self.setCurrentRow(target)
            return
        super().keyPressEvent(event)


class RankPanel(QWidget):
    """Emits `edited(RankResult)` whenever the order the user means changes."""

    edited = Signal(object)
    committed = Signal()  # Enter in the entry: save now

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._deck: Deck | None = None
        self._levels: tuple[tuple[str, ...], ...] = ()

        self.help = QLabel(SYNTAX_HELP, self)
        self.help.setWordWrap(True)
        self.help.setFont(font(BODY_PT))
        self.help.setStyleSheet(f"color:{QUIET_INK};")
        self.entry = QLineEdit(self)
        self.entry.setFont(font(ENTRY_PT))
        self.entry.setAccessibleName("Order from the top down, by printed code")
        self.entry.setPlaceholderText("e.g. R3 R1=R4 R2   or   3 1 4")
        self.entry.textEdited.connect(self._on_text)
        self.entry.returnPressed.connect(self.committed)
        self.problems = QLabel(self)
        self.problems.setFont(font(BODY_PT))
        self.problems.setStyleSheet(f"color:{PROBLEM_INK};")
        self.problems.setWordWrap(True)
        self.direction = QLabel(f"▲ {DIRECTION}", self)
        self.direction.setFont(font(BODY_PT, bold=True))
        self.direction.setWordWrap(True)
        self.levels = LevelList(self)
        self.levels.levelMoved.connect(self._move)
        self.left_out = QLabel(self)
        self.left_out.setFont(font(BODY_PT))
        self.left_out.setStyleSheet(f"color:{QUIET_INK};")
        self.left_out.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.help)
        layout.addWidget(self.entry)
        layout.addWidget(self.problems)
        layout.addWidget(self.direction)
        layout.addWidget(self.levels, 1)
        layout.addWidget(self.left_out)
        self.setFocusProxy(self.entry)

    def load(self, deck: Deck, result: RankResult | None) -> None:
        self._deck = deck
        self._levels = result.levels if result is not None else ()
        self.entry.setText(format_levels(self._levels))
        self._show(self.entry.text(), typing=False)

    def _on_text(self, text: str) -> None:
        levels = self._show(text, typing=True)
        if levels != self._levels:
            self._levels = levels
            self.edited.emit(RankResult(levels))

    def _move(self, source: int, target: int) -> None:
        self._levels = move_level(self._levels, source, target)
        self.entry.setText(format_levels(self._levels))
        self._show(self.entry.text(), typing=False)
        self.levels.setCurrentRow(target)
        self.edited.emit(RankResult(self._levels))

    def _show(self, text: str, typing: bool) -> tuple[tuple[str, ...], ...]:
        if self._deck is None:
            return ()
        parsed = parse_rank(text, self._deck, typing=typing)
        self.levels.clear()
        titles = {c.code: c.title for c in self._deck.cards}
        for n, level in enumerate(parsed.levels, start=1):
            label = "   =   ".join(f"{code}  {titles[code]}" for code in level)
            item = QListWidgetItem(f"{n:>2}.  {label}")
            item.setData(Qt.ItemDataRole.UserRole, level)
            self.levels.addItem(item)
        self.problems.setText("  ·  ".join(parsed.problems))
        self.problems.setVisible(bool(parsed.problems))
        if parsed.left_out and parsed.levels:
            shown = ", ".join(f"{c} {titles[c]}" for c in parsed.left_out)
            self.left_out.setText(f"Left out ({len(parsed.left_out)}): {shown}")
        elif not parsed.levels:
            self.left_out.setText(f"{len(self._deck.cards)} cards to place.")
        else:
            self.left_out.setText("Every card is placed.")
        return parsed.levels
