"""All tables side by side for the current activity: who ordered, matched or concluded what."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from facilitator.capture import prompt_entry
from facilitator.capture.match_grid import describe_targets, layout_of
from facilitator.model import Deck
from facilitator.store import MatchResult, PromptsResult, RankResult, Result, Table
from facilitator.ui.capture.style import BODY_PT, font, text_on

FIRST_COLUMN = {"rank": "Place", "match": "Activity", "prompts": "Prompt"}
FIRST_COLUMN_SHARE = 0.24  # of the width, for the activity or prompt column
FIRST_COLUMN_MIN = 150


class SideBySide(QTableWidget):
    """One column per table; rows are places in the order, items of a matching, or prompts."""

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFont(font(BODY_PT))
        self.setWordWrap(True)
        self.setAccessibleName("All tables for this activity")
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().hide()

    def show_results(
        self,
        deck: Deck,
        tables: list[Table],
        results: list[Result | None],
        prompt: str = "",
    ) -> None:
        self.clear()
        titles = {c.code: c.title for c in deck.cards}
        rows: list[str]
        cells: list[list[str]]
        if all(r is None or isinstance(r, RankResult) for r in results) and deck.kind == "rank":
            orders = [r.levels if isinstance(r, RankResult) else () for r in results]
            depth = max((len(o) for o in orders), default=0)
            rows = [str(n) for n in range(1, depth + 1)]
            cells = [
                [" = ".join(f"{c} {titles[c]}" for c in o[i]) if i < len(o) else "" for o in orders]
                for i in range(depth)
            ]
        elif deck.kind == "match":
            items = layout_of(deck).items
            rows = [f"{c.code} {c.title}" for c in items]
            cells = [
                [
                    describe_targets(r.assignments.get(c.code, ()))
                    if isinstance(r, MatchResult)
                    else ""
                    for r in results
                ]
                for c in items
            ]
        else:
            cards = [c for c in deck.cards if not prompt or c.code == prompt]
            rows = [f"{c.code} {c.title}" for c in cards]
            cells = [
                [_prompt_cell(r, c.code) if isinstance(r, PromptsResult) else "—" for r in results]
                for c in cards
            ]
        # The first column says what the row is; then one column per table.
        self.setColumnCount(len(tables) + 1)
        self.setRowCount(len(rows))
        self.setHorizontalHeaderItem(0, QTableWidgetItem(FIRST_COLUMN[deck.kind.value]))
        for col, table in enumerate(tables, start=1):
            header = QTableWidgetItem(f"{table.number}  {table.name}")
            header.setBackground(QBrush(QColor(table.colour)))
            header.setForeground(QBrush(QColor(text_on(table.colour))))
            self.setHorizontalHeaderItem(col, header)
        for r, row in enumerate(cells):
            for col, text in enumerate([rows[r], *row]):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                if col == 0:
                    item.setFont(font(BODY_PT, bold=True))
                self.setItem(r, col, item)
        header = self.horizontalHeader()
        if deck.kind.value == "rank":  # just the place numbers
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        else:
            # The activity or prompt names a row; the tables' answers get the room.
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
            self._fit_first_column()
        self.resizeRowsToContents()

    def _fit_first_column(self) -> None:
        mode = self.horizontalHeader().sectionResizeMode(0)
        if self.columnCount() and mode == QHeaderView.ResizeMode.Interactive:
            share = round(self.viewport().width() * FIRST_COLUMN_SHARE)
            self.setColumnWidth(0, max(FIRST_COLUMN_MIN, share))

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._fit_first_column()
        self.resizeRowsToContents()

    def text_at(self, row: int, table_index: int) -> str:
        """The cell of the `table_index`-th table (0-based) in `row`."""
        item = self.item(row, table_index + 1)
        return item.text() if item is not None else ""


def _prompt_cell(result: PromptsResult, code: str) -> str:
    response = result.responses.get(code)
    if response is None:
        return "—"
    lines = [prompt_entry.describe(response)]
    if response.position:
        lines.append(f"“{response.position}”")
    lines.extend(f"• {p}" for p in response.key_points)
    return "\n".join(lines)
