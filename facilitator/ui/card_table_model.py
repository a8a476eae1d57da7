"""The cards of an open deck as an editable table; every edit goes through the deck document."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPalette

from facilitator.decks import editing as deck_editing
from facilitator.decks.model import Card, Deck
from facilitator.ui.colour_swatch import colour_icon
from facilitator.ui.deck_document import DeckDocument

AnyIndex = QModelIndex | QPersistentModelIndex
CARD_IDS_MIME = "application/x-facilitator-card-ids"
# A dark red reads on light backgrounds and a light red on dark ones (both above 4.5:1).
WARNING_ON_LIGHT = "#b00020"
WARNING_ON_DARK = "#ff8a80"


def warning_colour(palette: QPalette) -> QColor:
    """The red for problem text that reads on this palette's table background."""
    dark = palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5
    return QColor(WARNING_ON_DARK if dark else WARNING_ON_LIGHT)


ANSWER_CACHE_SIZE = 20_000  # cells; a 2,000-card deck's seven columns and then some
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_ROLES_USED = frozenset(
    (_DISPLAY, _EDIT, _TOOLTIP, _DECORATION, _FOREGROUND, _ALIGNMENT, _FONT, _ACCESSIBLE)
)
_READ_ONLY_CELL = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
)
_EDITABLE_CELL = _READ_ONLY_CELL | Qt.ItemFlag.ItemIsEditable
_DROP_TARGET = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDropEnabled
_RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_BOLD: list[QFont] = []
_WARNING_ICON: list[QIcon] = []


def warning_icon() -> QIcon:
    """The style's warning sign, marking problem cards for those who cannot tell red."""
    if not _WARNING_ICON:
        from PySide6.QtWidgets import QApplication, QStyle  # QStyle is slow to load

        _WARNING_ICON.append(
            QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        )
    return _WARNING_ICON[0]


def _bold_font() -> QFont:
    if not _BOLD:  # made on first use: a QFont needs the application to exist
        font = QFont()
        font.setBold(True)
        _BOLD.append(font)
    return _BOLD[0]


class CardTableModel(QAbstractTableModel):
    """Rows are cards; columns in the order a facilitator reads a card."""

    # "prompt_kind" is last, and shown only for prompt decks (see DeckEditor._fill).
    COLUMNS = ("code", "suit", "title", "body", "copies", "back", "note", "prompt_kind")

    def __init__(self, document: DeckDocument | None = None) -> None:
        super().__init__()
        self.document: DeckDocument | None = None
        self.warnings: dict[str, list[str]] = {}  # card id -> what prints badly
        self.warning_brush = QColor(WARNING_ON_LIGHT)
        self._answers: dict[tuple[Card, str, bool], dict[int, object]] = {}
        self._headers = {
            "code": self.tr("Code"),
            "suit": self.tr("Suit"),
            "title": self.tr("Title"),
            "body": self.tr("Body"),
            "copies": self.tr("Copies"),
            "back": self.tr("Back"),
            "note": self.tr("Facilitator note"),
            "prompt_kind": self.tr("Answer"),
        }
        self.set_document(document)

    @property
    def deck(self) -> Deck | None:
        return self.document.deck if self.document else None

    def set_document(self, document: DeckDocument | None) -> None:
        if self.document is not None:
            self.document.deckChanged.disconnect(self._on_deck_changed)
        self.beginResetModel()
        self.document = document
        self.warnings = {}
        self._shown = document.deck if document else None
        self.endResetModel()
        if document is not None:
            document.deckChanged.connect(self._on_deck_changed)

    def _on_deck_changed(self, deck: Deck) -> None:
        previous = self._shown
        self._shown = deck
        if previous is not None and [c.id for c in previous.cards] == [c.id for c in deck.cards]:
            # Same cards in the same order: refresh only the rows that changed, in place, so
            # selection and editors survive and a 300-card table does not repaint every cell.
            last = len(self.COLUMNS) - 1
            for row, (old, new) in enumerate(zip(previous.cards, deck.cards, strict=True)):
                if old is not new:
                    self.dataChanged.emit(self.index(row, 0), self.index(row, last))
            if previous.suits != deck.suits and deck.cards:
                # A recoloured suit leaves its cards as they were: the swatches kept for them
                # would paint the old colour.
                self._answers.clear()
                suit = self.COLUMNS.index("suit")
                self.dataChanged.emit(
                    self.index(0, suit), self.index(len(deck.cards) - 1, suit), [_DECORATION]
                )
        else:
            self.beginResetModel()
            self.endResetModel()

    def set_warnings(self, warnings: dict[str, list[str]]) -> None:
        changed = {
            i
            for i in warnings.keys() | self.warnings.keys()
            if warnings.get(i) != self.warnings.get(i)
        }
        self.warnings = warnings
        for card_id in changed:
            row = self.row_of(card_id)
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, 2))

    def set_warning_colour(self, colour: QColor) -> None:
        """Follow the palette (light or dark) the table is drawn with."""
        if colour == self.warning_brush:
            return
        self.warning_brush = colour
        self._answers.clear()
        for card_id in self.warnings:
            row = self.row_of(card_id)
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, 2))

    def card(self, row: int) -> Card | None:
        deck = self._shown
        return deck.cards[row] if deck and 0 <= row < len(deck.cards) else None

    def row_of(self, card_id: str) -> int:
        deck = self._shown
        if deck is None:
            return -1
        return next((i for i, c in enumerate(deck.cards) if c.id == card_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._shown is None else len(self._shown.cards)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[self.COLUMNS[section]]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return _DROP_TARGET
        editable = self.document is not None and not self.document.read_only
        return _EDITABLE_CELL if editable else _READ_ONLY_CELL

    # data() runs for every visible cell and role on each repaint: roles are compared as plain
    # ints and unused roles return at once (Qt enum comparisons made a repaint take ~40 ms).
    def data(self, index: AnyIndex, role: int = _DISPLAY) -> object:
        role = int(role)
        if role not in _ROLES_USED:
            return None
        card = self.card(index.row())
        if card is None:
            return None
        return self._cell(card, self.COLUMNS[index.column()], role)

    def _cell(self, card: Card, column: str, role: int) -> object:
        value = getattr(card, column)
        if column == "prompt_kind":
            value = card.prompt_kind.label  # "Question (yes/no)" or "Open question"
        if role == _DISPLAY:
            # One line per cell in the table; the tooltip and the editor hold the whole text.
            return str(value).replace("\n", " ⏎ ")
        if role == _EDIT:
            return value
        if role == _TOOLTIP:
            problems = self.warnings.get(card.id)
            if problems and column in ("code", "title"):
                return "\n".join(problems)
            return str(value) if column in ("title", "body", "back", "note") and value else None
        if role == _DECORATION and column == "suit" and self._shown is not None:
            suit = self._shown.suit(card.suit)
            return colour_icon(suit.colour) if suit else None
        if role == _DECORATION and column == "code" and card.id in self.warnings:
            return warning_icon()
        if role == _FOREGROUND and column in ("code", "title"):
            return self.warning_brush if card.id in self.warnings else None
        if role == _ALIGNMENT and column == "copies":
            return _RIGHT_ALIGNED
        if role == _FONT and column == "code":
            return _bold_font()
        if role == _ACCESSIBLE:
            problems = self.warnings.get(card.id)
            if problems and column == "code":
                return self.tr("{header}: {value}, will not print well: {problems}").format(
                    header=self._headers[column], value=value, problems="; ".join(problems)
                )
            return f"{self._headers[column]}: {value}"
        return None

    # Not type-checked below: PySide6 has no Python type for QModelRoleDataSpan.
    def multiData(self, index: AnyIndex, roleDataSpan) -> None:  # type: ignore[no-untyped-def]
        # Qt's delegates ask for all of a cell's roles at once; answering in one call instead
        # of seven crossings into Python makes a full repaint several times cheaper.
        card = self.card(index.row())
        if card is None:
            return
        column = self.COLUMNS[index.column()]
        # Cards are immutable, so a cell's answers can be kept until its card is replaced.
        key = (card, column, card.id in self.warnings)
        answers = self._answers.get(key)
        if answers is None:
            answers = {role: self._cell(card, column, role) for role in _ROLES_USED}
            if len(self._answers) > ANSWER_CACHE_SIZE:
                self._answers.clear()
            self._answers[key] = answers
        for role_data in roleDataSpan:
            role_data.setData(answers.get(role_data.role()))

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        card = self.card(index.row())
        if role != Qt.ItemDataRole.EditRole or card is None or self.document is None:
            return False
        column = self.COLUMNS[index.column()]
        if value == getattr(card, column):
            return False
        text = self.tr("Edit {field} of {code}").format(field=self._headers[column], code=card.code)
        return self.document.apply(
            text,
            # Not type-checked below: the editor's value; set_card_field checks it.
            lambda deck: deck_editing.set_card_field(deck, card.id, column, value),  # type: ignore[arg-type]
        )

    # Drag and drop reorders cards; the move is one undoable edit.
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [CARD_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes})
        ids = [c.id for c in (self.card(r) for r in rows) if c]
        mime = QMimeData()
        mime.setData(CARD_IDS_MIME, QByteArray("\n".join(ids).encode("ascii")))
        return mime

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: AnyIndex,
    ) -> bool:
        if self.document is None or not data.hasFormat(CARD_IDS_MIME):
            return False
        ids = bytes(data.data(CARD_IDS_MIME).data()).decode("ascii").split("\n")
        to_row = row if row >= 0 else (parent.row() if parent.isValid() else self.rowCount())
        self.document.apply(
            self.tr("Move cards"), lambda deck: deck_editing.move_cards(deck, ids, to_row)
        )
        # The document has already reordered the rows; tell the view not to remove any.
        return False
