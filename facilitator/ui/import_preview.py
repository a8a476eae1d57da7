"""The import preview: before anything is written, the columns found, what each becomes
(changeable), the first rows as cards, and, when the cards are a deck's own, an offer to update
that deck instead of making a second one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.decks.changes import DeckChanges
from facilitator.decks.importing import (
    CARD_FIELD_CHOICES,
    DECK_FIELD_CHOICES,
    FIELD_LABELS,
    Column,
    ImportFailed,
    ImportResult,
)
from facilitator.decks.model import Card, Deck
from facilitator.errors import FacilitatorError
from facilitator.wording import plural

CARDS_SHOWN = 6  # the first rows, as cards: enough to see that the columns landed right
CARD_WIDTH = 190
CARD_HEIGHT = 130  # about a playing card's shape, so a grid of them reads as cards
LEFT_OUT = "left out"

Columns = dict[int, str | None]


@dataclass(frozen=True)
class DeckMatch:
    """An existing deck the imported cards are versions of, and what updating it changes."""

    title: str
    changes: DeckChanges
    path: Path  # the deck's file
    given: tuple[str, ...]  # the card fields the import has columns for; the rest stay


class CardTile(QFrame):
    """A card as a small tile: its suit's colour band, code, title and the start of its body."""

    def __init__(self, deck: Deck, card: Card, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        suit = deck.suit(card.suit)
        colour = suit.colour if suit else "#777777"
        self.setFrameShape(QFrame.Shape.Box)
        self.setFixedSize(CARD_WIDTH, CARD_HEIGHT)
        self.setStyleSheet(
            f"CardTile {{ border: 1px solid #999; border-top: 8px solid {colour};"
            " background: white; } QLabel { color: #1a1a1a; background: transparent; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        corner = QLabel(f"{card.code} · {card.suit}", self)
        corner.setStyleSheet("color: #555;")
        title = QLabel(card.title, self)
        title.setWordWrap(True)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(corner)
        layout.addWidget(title)
        if card.body:
            body = card.body if len(card.body) <= 120 else card.body[:119] + "…"
            body_label = QLabel(body, self)
            body_label.setWordWrap(True)
            layout.addWidget(body_label)
        if card.copies != 1:
            layout.addWidget(QLabel(f"× {card.copies} copies", self))
        layout.addStretch(1)
        self.setAccessibleName(f"Card {card.code}: {card.title}")


class ImportPreview(QDialog):
    """`run(columns, sheet)` imports with the columns chosen (None: as the header rules read
    them) from a workbook's sheet (None: the first); `find_match(result)` names a deck the
    cards belong to. `choice` is "new" or "update"."""

    # The import's result; the name hides QDialog.result(), which nothing here calls.
    result: ImportResult | None  # type: ignore[assignment]

    def __init__(
        self,
        source_name: str,
        run: Callable[[Columns | None, str | None], ImportResult],
        find_match: Callable[[ImportResult], DeckMatch | None],
        parent: QWidget | None = None,
        sheets: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import {0}").format(source_name))
        self.source_name = source_name
        self._run = run
        self._find_match = find_match
        self.result = None
        self.failure: FacilitatorError | None = None
        self.match: DeckMatch | None = None
        self.choice = ""
        self.chosen: Columns | None = None
        self.sheet: str | None = None

        # A workbook with several sheets: which one holds the cards.
        self.sheet_choice = QComboBox(self)
        self.sheet_choice.setAccessibleName(self.tr("Sheet"))
        self.sheet_choice.addItems(list(sheets))
        self.sheet_choice.currentTextChanged.connect(self.set_sheet)
        self.sheet_row = QWidget(self)
        sheet_layout = QHBoxLayout(self.sheet_row)
        sheet_layout.setContentsMargins(0, 0, 0, 0)
        sheet_layout.addWidget(QLabel(self.tr("Cards from the sheet:"), self.sheet_row))
        sheet_layout.addWidget(self.sheet_choice)
        sheet_layout.addStretch(1)
        self.sheet_row.setVisible(len(sheets) > 1)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.columns_table = QTableWidget(0, 3, self)
        self.columns_table.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("First value"), self.tr("Becomes")]
        )
        self.columns_table.setAccessibleName(self.tr("Columns found"))
        self.columns_table.verticalHeader().hide()
        header = self.columns_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.columns_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.columns_label = QLabel(self.tr("Columns found, and what each becomes:"), self)
        self.cards_label = QLabel(self)
        self.cards = QWidget(self)
        self.cards_grid = QGridLayout(self.cards)
        self.cards_grid.setContentsMargins(0, 0, 0, 0)
        self.cards_grid.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.cards)
        scroll.setMinimumHeight(170)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a4262c;")
        self.match_label = QLabel(self)
        self.match_label.setWordWrap(True)

        self.buttons = QDialogButtonBox(self)
        self.update_button = QPushButton(self)
        self.new_button = QPushButton(self.tr("Import as a new deck"), self)
        self.buttons.addButton(self.update_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.update_button.clicked.connect(self.update_existing)
        self.new_button.clicked.connect(self.import_as_new)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.sheet_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.columns_label)
        layout.addWidget(self.columns_table)
        layout.addWidget(self.cards_label)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.match_label)
        layout.addWidget(self.buttons)
        self.resize(760, 640)
        self.refresh(None)

    # --- what the person chose ---------------------------------------------------------------

    def set_column(self, index: int, field: str | None) -> None:
        """Make column `index` become `field` (None: left out), and import again to show it."""
        chosen = dict(self.chosen) if self.chosen is not None else self._current_columns()
        chosen[index] = field
        self.refresh(chosen)

    def set_sheet(self, name: str) -> None:
        """Read the cards from another sheet; its columns are read afresh."""
        if name and name != self.sheet:
            self.sheet = name
            if self.sheet_choice.currentText() != name:
                self.sheet_choice.setCurrentText(name)
            self.refresh(None)

    def _current_columns(self) -> Columns:
        columns = self.result.columns if self.result else getattr(self.failure, "columns", [])
        return {c.index: c.field for c in columns}

    def import_as_new(self) -> None:
        if self.result is not None:
            self.choice = "new"
            self.accept()

    def update_existing(self) -> None:
        if self.result is not None and self.match is not None:
            self.choice = "update"
            self.accept()

    def press_default(self) -> bool:
        """What Enter does: update the matching deck if there is one, else import as new."""
        if self.match is not None:
            self.update_existing()
        else:
            self.import_as_new()
        return bool(self.choice)

    # --- showing it ----------------------------------------------------------------------------

    def refresh(self, columns: Columns | None) -> None:
        self.chosen = columns
        self.failure = None
        self.result = None
        try:
            self.result = self._run(columns, self.sheet)
        except FacilitatorError as exc:
            self.failure = exc
        self.match = self._find_match(self.result) if self.result is not None else None
        self._show_columns()
        self._show_cards()
        self._show_outcome()

    def _show_columns(self) -> None:
        columns: list[Column] = (
            self.result.columns if self.result else getattr(self.failure, "columns", [])
        )
        self.columns_label.setVisible(bool(columns))
        self.columns_table.setVisible(bool(columns))
        self.columns_table.setRowCount(len(columns))
        choices = [*CARD_FIELD_CHOICES, *DECK_FIELD_CHOICES]
        for row, column in enumerate(columns):
            self.columns_table.setItem(row, 0, QTableWidgetItem(column.heading))
            sample = QTableWidgetItem(column.sample)
            sample.setToolTip(column.sample)
            self.columns_table.setItem(row, 1, sample)
            combo = QComboBox(self.columns_table)
            combo.setAccessibleName(self.tr("{0} becomes").format(column.heading))
            combo.addItem(self.tr(LEFT_OUT), None)
            for name in choices:
                combo.addItem(self.tr(FIELD_LABELS[name]), name)
            combo.setCurrentIndex(max(0, combo.findData(column.field)))
            combo.currentIndexChanged.connect(
                lambda _i, c=combo, index=column.index: self.set_column(index, c.currentData())
            )
            self.columns_table.setCellWidget(row, 2, combo)
        height = self.columns_table.horizontalHeader().height() + 4
        height += sum(self.columns_table.rowHeight(r) for r in range(len(columns)))
        self.columns_table.setFixedHeight(min(height, 260))

    def _show_cards(self) -> None:
        while self.cards_grid.count():
            item = self.cards_grid.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None:
                widget.deleteLater()
        if self.result is None:
            self.cards_label.setText(self.tr("No cards to show until the problem is fixed."))
            return
        deck = self.result.deck
        shown = deck.cards[:CARDS_SHOWN]
        for i, card in enumerate(shown):
            self.cards_grid.addWidget(CardTile(deck, card, self.cards), i // 3, i % 3)
        more = len(deck.cards) - len(shown)
        text = self.tr("The first cards, as they will be:")
        if more > 0:
            text = self.tr("The first {0} of {1}, as they will be:").format(
                len(shown), plural(len(deck.cards), "card")
            )
        self.cards_label.setText(text)

    def _show_outcome(self) -> None:
        result = self.result
        if result is None:
            failure = self.failure
            lines = failure.lines() if isinstance(failure, ImportFailed) else [str(failure)]
            shown = lines[:5] + ([f"… and {len(lines) - 5} more"] if len(lines) > 5 else [])
            self.problem.setText(self.tr("Nothing can be imported yet:") + "\n" + "\n".join(shown))
            self.summary.setText(self.source_name)
        else:
            deck = result.deck
            where = f" (sheet “{result.sheet}”)" if result.sheet else ""
            suits = ", ".join(f"{s.name} ({len(deck.cards_of(s.name))})" for s in deck.suits)
            self.summary.setText(
                self.tr(
                    "{source}{where}: {cards} in {suits}. Nothing is written until you "
                    "choose below."
                ).format(
                    source=self.source_name,
                    where=where,
                    cards=plural(len(deck.cards), "card"),
                    suits=suits,
                )
            )
            self.problem.setText(" ".join(result.notes))
            self.problem.setStyleSheet("color: #8a5a00;" if result.notes else "")
        if self.result is None:
            self.problem.setStyleSheet("color: #a4262c;")
        match = self.match
        self.update_button.setVisible(match is not None)
        self.new_button.setEnabled(result is not None)
        if match is not None:
            self.update_button.setText(self.tr("Update “{0}”").format(match.title))
            if match.changes.empty:
                text = self.tr("These cards are those of your deck “{title}”, unchanged.")
            else:
                text = self.tr(
                    "These cards are those of your deck “{title}”. Updating it changes: "
                    "{changes}. (One step: Edit ▸ Undo takes it back.)"
                )
            self.match_label.setText(
                text.format(title=match.title, changes=match.changes.summary())
            )
            self.update_button.setDefault(True)
        else:
            self.match_label.setText("")
            self.new_button.setDefault(True)
        self.match_label.setVisible(match is not None)
