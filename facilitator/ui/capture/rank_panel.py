"""Rank capture: type the printed codes in order (titles appear as you type) or drag to order."""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.capture.rank_drafts import ranking_as_typed, text_for
from facilitator.capture.rank_entry import (
    DIRECTION,
    SYNTAX_HELP,
    drop_level,
    format_levels,
    join_level,
    leave_out,
    move_level,
    parse_rank,
    place_card,
)
from facilitator.decks.model import MAX_TEXT, Deck
from facilitator.outcomes import OutcomeStatus, RankResult
from facilitator.ui.capture.style import BODY_PT, ENTRY_PT, PROBLEM_INK, QUIET_INK, font

CODE_ROLE = Qt.ItemDataRole.UserRole + 2
LEFT_OUT_MIN_HEIGHT = 34  # one row of chips
LEFT_OUT_MAX_HEIGHT = 96  # about three rows, then it scrolls


MIME = "application/x-facilitator-rank"  # {"level": row} or {"card": code}
EDGE = 0.3  # the top and bottom 30 % of a place insert before or after it; its middle ties


def drag_payload(data: QMimeData) -> dict[str, object] | None:
    if not data.hasFormat(MIME):
        return None
    try:
        payload = json.loads(bytes(data.data(MIME).data()).decode("utf-8"))
    except ValueError:
        return None
    return payload if isinstance(payload, dict) else None


def _payload_mime(payload: dict[str, object]) -> QMimeData:
    data = QMimeData()
    data.setData(MIME, QByteArray(json.dumps(payload).encode("utf-8")))
    return data


def left_out_text(cards: int, left_out: int) -> str:
    """The line above the cards left out: how many, and every way to place them."""
    if not left_out:
        return "Every card is placed."
    one = "it" if left_out == 1 else "one"
    add = f"or add {one} at the bottom with a double-click, Enter or Space."
    if left_out < cards:
        return f"Left out ({left_out}): drag {one} into the order, {add}"
    if cards == 1:
        return f"1 card to place: type its code, drag it into the order, {add}"
    return f"{cards} cards to place: type their codes, drag them into the order, {add}"


class DragList(QListWidget):
    """A list that drags its items as this panel's payloads and takes the ones `accepts`.

    A drop never moves items itself: `dropped` reports it and the panel redraws from the new
    order.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)

    def payload(self, item: QListWidgetItem) -> dict[str, object]:
        raise NotImplementedError

    def accepts(self, payload: dict[str, object]) -> bool:
        raise NotImplementedError

    def dropped(self, payload: dict[str, object], point: QPoint) -> None:
        raise NotImplementedError

    def mimeTypes(self) -> list[str]:
        return [MIME]

    # Not type-checked below: PySide6 versions type `items` differently.
    def mimeData(self, items) -> QMimeData:  # type: ignore[no-untyped-def]
        return _payload_mime(self.payload(items[0]) if items else {})

    def dragEnterEvent(self, event: QDragMoveEvent) -> None:  # a move asks the same
        payload = drag_payload(event.mimeData())
        if payload is not None and self.accepts(payload):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        payload = drag_payload(event.mimeData())
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if payload is not None and self.accepts(payload):
            self.dropped(payload, event.position().toPoint())


class LevelList(DragList):
    """The order as rows, one per level, top first.

    Dragging a place between two others moves it; dropping it (or a card left out) onto a
    place ties them. Ctrl+Up/Down moves the current place with the keyboard.
    """

    levelMoved = Signal(int, int)  # from row, to row (after taking it out)
    levelDropped = Signal(int, int, bool)  # from row, onto row or into the gap before it, tie
    cardDropped = Signal(str, int, bool)  # code, onto row or into the gap before it, tie

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDropIndicatorShown(True)
        self.setFont(font(BODY_PT + 1))
        self.setAccessibleName("The order so far, top first")
        self.setSpacing(1)

    def payload(self, item: QListWidgetItem) -> dict[str, object]:
        return {"level": self.row(item)}

    def accepts(self, payload: dict[str, object]) -> bool:
        return isinstance(payload.get("card"), str) or isinstance(payload.get("level"), int)

    def dropped(self, payload: dict[str, object], point: QPoint) -> None:
        row, tie = self.drop_target(point)
        card, level = payload.get("card"), payload.get("level")
        if isinstance(card, str):
            self.cardDropped.emit(card, row, tie)
        elif isinstance(level, int):
            self.levelDropped.emit(level, row, tie)

    def drop_target(self, point: QPoint) -> tuple[int, bool]:
        """(row, tie): onto a place's middle ties with it; else the gap before `row`."""
        item = self.itemAt(point)
        if item is None:
            return self.count(), False
        row = self.row(item)
        rect = self.visualItemRect(item)
        edge = rect.height() * EDGE
        if point.y() < rect.top() + edge:
            return row, False
        if point.y() > rect.bottom() - edge:
            return row + 1, False
        return row, True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        row = self.currentRow()
        if ctrl and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and row >= 0:
            target = row - 1 if event.key() == Qt.Key.Key_Up else row + 1
            if 0 <= target < self.count():
                self.levelMoved.emit(row, target)
                self.setCurrentRow(target)
            return
        super().keyPressEvent(event)


class LeftOutList(DragList):
    """The cards not in the order, as chips: drag one into the order, or Enter / double-click
    adds it at the bottom. A place dragged here leaves the order."""

    cardChosen = Signal(str)
    levelReturned = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(3)
        self.setFont(font(BODY_PT))
        self.setAccessibleName("Cards left out: Enter or Space adds one at the bottom of the order")
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMaximumHeight(LEFT_OUT_MAX_HEIGHT)
        self.setMinimumHeight(LEFT_OUT_MIN_HEIGHT)
        self.setStyleSheet(
            "QListWidget { background:transparent; border:none; }"
            "QListWidget::item { border:1px solid #9aa4b1; border-radius:4px; padding:2px 6px;"
            " background:#f4f6f8; color:#1b1b1b; }"
            "QListWidget::item:selected { background:#1f5f8b; color:white; }"
            "QListWidget::item:disabled { color:#9aa4b1; border-color:#d3d8de; }"
        )
        # By index: the list is rebuilt at once, and Qt checks the index before going on.
        self.doubleClicked.connect(lambda index: self._choose(self.item(index.row())))

    def payload(self, item: QListWidgetItem) -> dict[str, object]:
        return {"card": item.data(CODE_ROLE)}

    def accepts(self, payload: dict[str, object]) -> bool:
        return isinstance(payload.get("level"), int)  # only a place, which leaves the order

    def dropped(self, payload: dict[str, object], point: QPoint) -> None:
        level = payload["level"]
        assert isinstance(level, int)
        self.levelReturned.emit(level)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and item:
            self._choose(item)
            return
        super().keyPressEvent(event)

    def keyboardSearch(self, search: str) -> None:
        return  # letters and digits are capture commands here, not a search by title

    def _choose(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.cardChosen.emit(item.data(CODE_ROLE))

    def show_cards(self, cards: list[tuple[str, str]]) -> None:
        self.clear()
        for code, title in cards:
            item = QListWidgetItem(f"{code}  {title}", self)
            item.setData(CODE_ROLE, code)
            item.setToolTip(f"{code} {title}: drag into the order, or Enter to add at the bottom")


NOT_RECORDED = "In progress until fixed; the cards placed are saved."
TYPING = "In progress: Enter (or leaving the box) records this order"
RECORDED = "Recorded"


def state_text(status: OutcomeStatus, has_problems: bool) -> str:
    """The quiet line under the box: whether the order shown is recorded yet."""
    if has_problems or status == OutcomeStatus.NOT_RECORDED:
        return ""  # the orange problems line says it, or there is nothing yet
    return RECORDED if status == OutcomeStatus.RECORDED else TYPING


def problems_text(problems: tuple[str, ...]) -> str:
    """The orange line under the box: what is wrong, and that the order is not recorded yet."""
    return f"⚠ {'  ·  '.join(problems)}\n{NOT_RECORDED}" if problems else ""


class RankPanel(QWidget):
    """Emits `edited(RankResult)` whenever the typed order changes, or the text typed while it
    has problems does (the result carries that text, typos and all): the order is then in
    progress. `settled(RankResult)` says the table committed to it: Enter, leaving the box,
    or an order made by dragging; it is recorded unless a code in it is wrong."""

    edited = Signal(object)
    settled = Signal(object)
    committed = Signal()  # Enter in the entry: save now

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._deck: Deck | None = None
        self._result = RankResult(())

        self.help = QLabel(SYNTAX_HELP, self)
        self.help.setWordWrap(True)
        self.help.setFont(font(BODY_PT))
        self.help.setStyleSheet(f"color:{QUIET_INK};")
        self.entry = QLineEdit(self)
        self.entry.setFont(font(ENTRY_PT))
        self.entry.setAccessibleName("Order from the top down, by printed code")
        self.entry.setPlaceholderText("e.g. R3 R1=R4 R2   or   3 1 4")
        self.entry.setMaxLength(MAX_TEXT)  # what the store keeps of an order typed with typos
        self.entry.textEdited.connect(self._on_text)
        self.entry.returnPressed.connect(self.settle)  # recorded first, then saved at once
        self.entry.returnPressed.connect(self.committed)
        # Leaving the box after typing in it commits the order too, and flags a code left
        # half typed; passing through without typing changes nothing.
        self.entry.editingFinished.connect(lambda: self.settle(only_if_typed=True))
        self.problems = QLabel(self)
        self.problems.setFont(font(BODY_PT))
        self.problems.setStyleSheet(f"color:{PROBLEM_INK};")
        self.problems.setWordWrap(True)
        self.state = QLabel(self)
        self.state.setFont(font(BODY_PT))
        self.state.setStyleSheet(f"color:{QUIET_INK};")
        self.state.setAccessibleName("Order state")
        self._status = OutcomeStatus.NOT_RECORDED
        self.direction = QLabel(f"▲ {DIRECTION}", self)
        self.direction.setFont(font(BODY_PT, bold=True))
        self.direction.setWordWrap(True)
        self.levels = LevelList(self)
        self.levels.levelMoved.connect(self._move)
        self.levels.levelDropped.connect(self._drop_level)
        self.levels.cardDropped.connect(self._drop_card)
        self.left_out_cards = LeftOutList(self)
        self.left_out_cards.cardChosen.connect(self._append_card)
        self.left_out_cards.levelReturned.connect(self._return_level)
        self.left_out = QLabel(self)
        self.left_out.setFont(font(BODY_PT))
        self.left_out.setStyleSheet(f"color:{QUIET_INK};")
        self.left_out.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.help)
        layout.addWidget(self.entry)
        layout.addWidget(self.problems)
        layout.addWidget(self.state)
        layout.addWidget(self.direction)
        layout.addWidget(self.levels, 1)
        layout.addWidget(self.left_out)
        layout.addWidget(self.left_out_cards)
        QWidget.setTabOrder(self.entry, self.levels)
        QWidget.setTabOrder(self.levels, self.left_out_cards)
        self.setFocusProxy(self.entry)

    def load(
        self,
        deck: Deck,
        result: RankResult | None,
        status: OutcomeStatus = OutcomeStatus.NOT_RECORDED,
    ) -> None:
        """Show `result`: the text as typed while it has typos, else the order written out."""
        self._deck = deck
        self._result = result if result is not None else RankResult(())
        self._status = status
        self.entry.setText(text_for(deck, result))
        self._show(self.entry.text(), typing=False)

    def show_status(self, status: OutcomeStatus) -> None:
        """Say whether the order is recorded (the capture page knows what was saved)."""
        self._status = status
        self.state.setText(state_text(status, self.problems.isVisibleTo(self)))
        self.state.setVisible(bool(self.state.text()))

    def settle(self, *, only_if_typed: bool = False) -> None:
        """The order as it stands is what the table decided (Enter, or the box was left)."""
        self._show(self.entry.text(), typing=False)
        if only_if_typed and (not self.entry.isModified() or not self.isActiveWindow()):
            return  # untouched, or only another window took the focus for a moment
        self.entry.setModified(False)
        if self._deck is not None:
            self.settled.emit(self._result)

    def _on_text(self, text: str) -> None:
        self._show(text, typing=True)
        if self._deck is None:
            return
        result = ranking_as_typed(text, self._deck)
        if result != self._result:
            self._result = result
            self.edited.emit(result)

    def _move(self, source: int, target: int) -> None:
        self._set_levels(move_level(self._result.levels, source, target), current=target)

    def _drop_level(self, source: int, row: int, tie: bool) -> None:
        if tie:
            levels = join_level(self._result.levels, source, row)
            current = row - 1 if source < row else row
        else:
            levels = drop_level(self._result.levels, source, row)
            current = row - 1 if row > source else row
        self._set_levels(levels, current=current)

    def _drop_card(self, code: str, row: int, tie: bool) -> None:
        self._set_levels(place_card(self._result.levels, code, row, tie=tie), current=row)

    def _append_card(self, code: str) -> None:
        self._set_levels(place_card(self._result.levels, code, len(self._result.levels)))
        self.left_out_cards.setCurrentRow(0)  # Enter again adds the next one

    def _return_level(self, source: int) -> None:
        if 0 <= source < len(self._result.levels):
            self._set_levels(leave_out(self._result.levels, self._result.levels[source]))

    def _set_levels(self, levels: tuple[tuple[str, ...], ...], current: int = -1) -> None:
        """Show and save an order made by dragging or the keyboard; the box is rewritten."""
        if levels == self._result.levels:
            return
        self._result = RankResult(levels)
        self.entry.setText(format_levels(levels))
        self._show(self.entry.text(), typing=False)
        if current < 0:
            current = len(levels) - 1
        self.levels.setCurrentRow(max(0, min(current, len(levels) - 1)))
        self.settled.emit(self._result)

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
        self.problems.setText(problems_text(parsed.problems))
        self.problems.setVisible(bool(parsed.problems))
        self.state.setText(state_text(self._status, bool(parsed.problems)))
        self.state.setVisible(bool(self.state.text()))
        self.left_out_cards.show_cards([(c, titles[c]) for c in parsed.left_out])
        self.left_out_cards.setVisible(bool(parsed.left_out))
        self.left_out.setText(left_out_text(len(self._deck.cards), len(parsed.left_out)))
        return parsed.levels
