"""A read-only view of one deck: its title, kind, instructions, suits and cards."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator.deck_library import LibraryEntry
from facilitator.model import Card, Deck
from facilitator.ui.deck_library_view import colour_icon

AnyIndex = QModelIndex | QPersistentModelIndex


class CardTableModel(QAbstractTableModel):
    """The cards of a deck as rows; columns in the order a facilitator reads a card."""

    COLUMNS = ("code", "suit", "title", "body", "copies", "back", "note")

    def __init__(self) -> None:
        super().__init__()
        self._deck: Deck | None = None
        self._headers = {
            "code": self.tr("Code"),
            "suit": self.tr("Suit"),
            "title": self.tr("Title"),
            "body": self.tr("Body"),
            "copies": self.tr("Copies"),
            "back": self.tr("Back"),
            "note": self.tr("Facilitator note"),
        }

    def set_deck(self, deck: Deck | None) -> None:
        self.beginResetModel()
        self._deck = deck
        self.endResetModel()

    def card(self, row: int) -> Card | None:
        return self._deck.cards[row] if self._deck and 0 <= row < len(self._deck.cards) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._deck is None else len(self._deck.cards)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[self.COLUMNS[section]]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        card = self.card(index.row())
        if card is None or self._deck is None:
            return None
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = getattr(card, column)
            text = str(value)
            # One line per cell in the table; the tooltip shows the whole text.
            return text if role == Qt.ItemDataRole.ToolTipRole else text.replace("\n", " ⏎ ")
        if role == Qt.ItemDataRole.DecorationRole and column == "suit":
            suit = self._deck.suit(card.suit)
            return colour_icon(suit.colour) if suit else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "copies":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == "code":
            font = QFont()
            font.setBold(True)
            return font
        return None


class DeckView(QWidget):
    """Shows the selected library entry; an unreadable file shows why instead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.6)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)

        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setForegroundRole(self.summary.foregroundRole())
        self.suits = QHBoxLayout()
        self.suits.setSpacing(12)

        self.instructions = QLabel(self)
        self.instructions.setWordWrap(True)
        self.instructions.setTextFormat(Qt.TextFormat.PlainText)
        self.instructions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = CardTableModel()
        self.table = QTableView(self)
        self.table.setAccessibleName(self.tr("Cards"))
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

        summary_row = QHBoxLayout()
        summary_row.addWidget(self.summary)
        summary_row.addSpacing(16)
        summary_row.addLayout(self.suits)
        summary_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addLayout(summary_row)
        layout.addWidget(self.instructions)
        layout.addWidget(self.table, 1)
        self.show_entry(None)

    def _set_suits(self, deck: Deck | None) -> None:
        while self.suits.count():
            widget = self.suits.takeAt(0).widget()
            if widget is not None:
                widget.hide()  # deleteLater alone would leave it painted until the next loop
                widget.deleteLater()
        if deck is None:
            return
        for suit in deck.suits:
            self.suits.addWidget(self._suit_chip(suit.name, suit.prefix, suit.colour, deck))

    def _suit_chip(self, name: str, prefix: str, colour: str, deck: Deck) -> QWidget:
        chip = QWidget(self)
        row = QHBoxLayout(chip)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        swatch = QLabel(chip)
        swatch.setPixmap(colour_icon(colour).pixmap(12, 12))
        label = QLabel(f"{name} ({prefix}…) · {len(deck.cards_of(name))}", chip)
        label.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(swatch)
        row.addWidget(label)
        chip.setToolTip(
            self.tr("Suit {name}: codes start with {prefix}").format(name=name, prefix=prefix)
        )
        return chip

    def show_entry(self, entry: LibraryEntry | None) -> None:
        deck = entry.deck if entry else None
        if entry is None:
            self.title.setText(self.tr("No deck selected"))
            self.summary.setText(self.tr("Choose a deck on the left to see its cards."))
            self.instructions.setText("")
        elif deck is None:
            self.title.setText(entry.path.name)
            self.summary.setText(self.tr("This deck file cannot be read."))
            self.instructions.setText(entry.error)
        else:
            self.title.setText(deck.title)
            source = self.tr("sample deck, read-only") if entry.is_sample else str(entry.path)
            self.summary.setText(
                self.tr("{kind} · {cards} cards · {source}").format(
                    kind=deck.kind.label, cards=len(deck.cards), source=source
                )
            )
            self.instructions.setText(deck.instructions)
        self.instructions.setVisible(bool(self.instructions.text()))
        self._set_suits(deck)
        self.model.set_deck(deck)
        if deck is not None:
            self._size_columns()

    def _size_columns(self) -> None:
        self.table.resizeColumnsToContents()
        # Long bodies and notes would push the title off screen; cap them, tooltips hold the rest.
        cap = max(160, self.table.viewport().width() // 3)
        for column in range(self.model.columnCount()):
            if self.table.columnWidth(column) > cap:
                self.table.setColumnWidth(column, cap)
