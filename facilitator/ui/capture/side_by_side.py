"""All tables side by side for the current activity: who ordered, matched or concluded what."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from facilitator.capture import prompt_entry
from facilitator.capture.match_grid import describe_targets, layout_of
from facilitator.capture.rank_entry import places
from facilitator.decks.model import Deck, PromptKind
from facilitator.outcomes import (
    MatchResult,
    OutcomeStatus,
    PromptResponse,
    PromptsResult,
    RankResult,
    Result,
    Table,
    prompt_status,
)
from facilitator.ui.capture.style import BODY_PT, font, text_on
from facilitator.verdict_colours import VERDICT_COLOURS

FIRST_COLUMN = {"rank": "Place", "match": "Activity", "prompts": "Prompt"}
FIRST_COLUMN_SHARE = 0.24  # of the width, for the activity or prompt column
FIRST_COLUMN_MIN = 150
VERDICT_ROLE = Qt.ItemDataRole.UserRole + 3  # a prompt cell's verdict colour
SPAN_ROLE = Qt.ItemDataRole.UserRole + 4  # how many places a tie spans
VERDICT_STRIP = 5  # px: the verdict's colour down the left of its cell
HEADER_RULE = "#ffffff"  # between two tables' headers


class SetColourHeader(QHeaderView):
    """Column headers filled with exactly the colour they are given (a table's set colour).

    The platform style paints its own gradient over a header's background, which washes
    the printed set colours out; a header with a colour is painted here instead.
    """

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        model = self.model()
        fill = model.headerData(logical, self.orientation(), Qt.ItemDataRole.BackgroundRole)
        if not isinstance(fill, QBrush | QColor):
            super().paintSection(painter, rect, logical)
            return
        ink = model.headerData(logical, self.orientation(), Qt.ItemDataRole.ForegroundRole)
        text = str(model.headerData(logical, self.orientation(), Qt.ItemDataRole.DisplayRole))
        painter.save()
        painter.fillRect(rect, fill)
        painter.setPen(QPen(QColor(HEADER_RULE)))
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.setPen(QPen(ink.color() if isinstance(ink, QBrush) else QColor(ink)))
        painter.setFont(font(BODY_PT, bold=True))
        shown = painter.fontMetrics().elidedText(
            text, Qt.TextElideMode.ElideRight, rect.width() - 8
        )
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), shown)
        painter.restore()


class CellDelegate(QStyledItemDelegate):
    """A prompt cell in its verdict's colour: the text, and a strip down its left side.

    A tie spanning several places asks no height of its own first row: the rows it spans
    share it (`SideBySide._fit_rows`), so the place below a tie is not pushed down.
    """

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        if (index.data(SPAN_ROLE) or 1) > 1:
            hint.setHeight(0)
        return hint

    def full_height(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> int:
        return super().sizeHint(option, index).height()

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        colour = index.data(VERDICT_ROLE)
        if colour:
            option.palette.setColor(option.palette.ColorRole.Text, QColor(colour))
            option.rect = option.rect.adjusted(VERDICT_STRIP + 3, 0, 0, 0)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        colour = index.data(VERDICT_ROLE)
        if colour:
            rect = option.rect
            painter.fillRect(rect.x(), rect.y(), VERDICT_STRIP, rect.height(), QColor(colour))
        super().paint(painter, option, index)


class SideBySide(QTableWidget):
    """One column per table; rows are places in the order, items of a matching, or prompts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeader(SetColourHeader(Qt.Orientation.Horizontal, self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFont(font(BODY_PT))
        self.setWordWrap(True)
        self.setAccessibleName("All tables for this activity")
        self.cells = CellDelegate(self)
        self.setItemDelegate(self.cells)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setMinimumHeight(30)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().hide()
        self._spans: list[tuple[int, int, int]] = []  # (row, column, rows) of each tie

    def show_results(
        self,
        deck: Deck,
        tables: list[Table],
        results: list[Result | None],
        prompt: str = "",
        statuses: list[OutcomeStatus] | None = None,
    ) -> None:
        """`statuses`: each table's outcome status; a column still in progress says so in
        its header (prompts say it cell by cell)."""
        self.clear()
        self.clearSpans()
        self._spans = []
        kind = deck.kind.value
        if kind == "rank":
            self._show_orders(deck, [r if isinstance(r, RankResult) else None for r in results])
        elif kind == "match":
            self._show_matchings(deck, [r if isinstance(r, MatchResult) else None for r in results])
        else:
            responses = [r if isinstance(r, PromptsResult) else None for r in results]
            self._show_prompts(deck, responses, prompt)
        self.setHorizontalHeaderItem(0, QTableWidgetItem(FIRST_COLUMN[kind]))
        for col, table in enumerate(tables, start=1):
            status = statuses[col - 1] if statuses and kind != "prompts" else None
            unfinished = f"  {IN_PROGRESS_MARK}" if status == OutcomeStatus.IN_PROGRESS else ""
            header = QTableWidgetItem(f"{table.number}  {table.name}{unfinished}")
            header.setBackground(QBrush(QColor(table.colour)))
            header.setForeground(QBrush(QColor(text_on(table.colour))))
            self.setHorizontalHeaderItem(col, header)
        columns = self.horizontalHeader()
        if kind == "rank":  # just the place numbers
            columns.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        else:
            # The activity or prompt names a row; the tables' answers get the room.
            columns.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
            self._fit_first_column()
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Each row as tall as its cells; a tie's text shared by the rows of its places."""
        self.resizeRowsToContents()
        for row, col, rows in self._spans:
            option = QStyleOptionViewItem()
            self.initViewItemOption(option)
            option.rect = QRect(0, 0, self.columnWidth(col), 0)
            need = self.cells.full_height(option, self.model().index(row, col))
            have = sum(self.rowHeight(r) for r in range(row, row + rows))
            if need > have:
                last = row + rows - 1
                self.setRowHeight(last, self.rowHeight(last) + need - have)

    def _start(self, rows: list[str], columns: int) -> None:
        """The first column says what each row is; then one column per table."""
        self.setColumnCount(columns + 1)
        self.setRowCount(len(rows))
        for r, text in enumerate(rows):
            item = self._cell(r, 0, text)
            item.setFont(font(BODY_PT, bold=True))

    def _cell(self, row: int, col: int, text: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setItem(row, col, item)
        return item

    def _show_orders(self, deck: Deck, orders: list[RankResult | None]) -> None:
        """One row per place; a tie spans the places it takes, so every table lines up."""
        titles = {c.code: c.title for c in deck.cards}
        placed = [places(o.levels) if o is not None else () for o in orders]
        depth = max((sum(len(level) for _, level in p) for p in placed), default=0)
        self._start([str(n) for n in range(1, depth + 1)], len(orders))
        for col, table_places in enumerate(placed, start=1):
            for place, level in table_places:
                text = "\n= ".join(f"{code} {titles.get(code, '')}".strip() for code in level)
                item = self._cell(place - 1, col, text)
                if len(level) > 1:
                    item.setData(SPAN_ROLE, len(level))
                    self.setSpan(place - 1, col, len(level), 1)
                    self._spans.append((place - 1, col, len(level)))

    def _show_matchings(self, deck: Deck, matchings: list[MatchResult | None]) -> None:
        """Each table's roles for an activity by code and name, one a line."""
        layout = layout_of(deck)
        titles = {t.code: t.title for t in layout.targets}
        self._start([f"{c.code} {c.title}" for c in layout.items], len(matchings))
        for r, card in enumerate(layout.items):
            for col, matching in enumerate(matchings, start=1):
                chosen = matching.assignments.get(card.code, ()) if matching else ()
                self._cell(r, col, describe_targets(chosen, titles, "\n"))

    def _show_prompts(self, deck: Deck, results: list[PromptsResult | None], prompt: str) -> None:
        cards = [c for c in deck.cards if not prompt or c.code == prompt]
        self._start([f"{c.code} {c.title}" for c in cards], len(results))
        for r, card in enumerate(cards):
            for col, result in enumerate(results, start=1):
                response = result.responses.get(card.code) if result is not None else None
                item = self._cell(r, col, _prompt_cell(result, card.code) if result else "—")
                if response is not None:
                    item.setData(VERDICT_ROLE, answer_colour(response))

    def _fit_first_column(self) -> None:
        mode = self.horizontalHeader().sectionResizeMode(0)
        if self.columnCount() and mode == QHeaderView.ResizeMode.Interactive:
            share = round(self.viewport().width() * FIRST_COLUMN_SHARE)
            self.setColumnWidth(0, max(FIRST_COLUMN_MIN, share))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_first_column()
        self._fit_rows()

    def text_at(self, row: int, table_index: int) -> str:
        """The cell of the `table_index`-th table (0-based) in `row`."""
        item = self.item(row, table_index + 1)
        return item.text() if item is not None else ""

    def verdict_colour_at(self, row: int, table_index: int) -> str:
        item = self.item(row, table_index + 1)
        return str(item.data(VERDICT_ROLE) or "") if item is not None else ""


IN_PROGRESS_MARK = "◐ in progress"  # as the agenda marks it
OPEN_ANSWER_INK = "#1b1b1b"  # an open question answered: plain ink, as it has no verdict


def answer_colour(response: PromptResponse) -> str:
    """A question's verdict colour; an open question in plain ink once its points or summary
    record it, and in the "no verdict yet" grey while it is in progress."""
    if response.kind == PromptKind.OPEN_QUESTION and response.verdict is None:
        recorded = prompt_status(response) == OutcomeStatus.RECORDED
        return OPEN_ANSWER_INK if recorded else VERDICT_COLOURS[None]
    return VERDICT_COLOURS[response.verdict]


def _prompt_cell(result: PromptsResult, code: str) -> str:
    response = result.responses.get(code)
    if response is None:
        return "—"
    lines = [prompt_entry.describe(response)]
    if response.position:
        lines.append(f"“{response.position}”")
    lines.extend(f"• {p}" for p in response.key_points)
    return "\n".join(lines)
