"""The deck library: sample decks and the user's decks, with search."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.decks.library import LibraryEntry, matches
from facilitator.decks.model import ActivityKind
from facilitator.ui.colour_swatch import colour_icon

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


class WrappingTitleDelegate(QStyledItemDelegate):
    """Gives a long deck title the lines it needs at the title column's width.

    Qt's item views wrap text but size rows without knowing the column's width, so a long
    title would be cut off beside the Kind and Cards columns instead.
    """

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        if index.column() != 0 or self._tree.isFirstColumnSpanned(index.row(), index.parent()):
            return hint
        icon = (
            option.decorationSize.width() + 8 if index.data(Qt.ItemDataRole.DecorationRole) else 0
        )
        indent = self._tree.indentation() * (1 if index.parent().isValid() else 0)
        width = max(40, self._tree.columnWidth(0) - icon - indent - 8)
        text = str(index.data() or "")
        bounds = option.fontMetrics.boundingRect(
            QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), text
        )
        return QSize(hint.width(), max(hint.height(), bounds.height() + 6))


class DeckLibraryView(QWidget):
    """Lists decks grouped as sample and own; emits `entrySelected` with the chosen entry."""

    entrySelected = Signal(object)  # LibraryEntry | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[LibraryEntry] = []

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search decks and cards…"))
        self.search.setAccessibleName(self.tr("Search decks"))
        self.search.textChanged.connect(self._refill)

        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName(self.tr("Deck library"))
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Deck"), self.tr("Kind"), self.tr("Cards")])
        self.tree.setRootIsDecorated(False)
        # Deck titles are long ("PMO roles: agree the hierarchy"): they wrap onto a second
        # line rather than being cut off beside the Kind and Cards columns.
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setItemDelegateForColumn(0, WrappingTitleDelegate(self.tree))
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        # Row heights follow the title column's width, so a wrapped title gets its second line.
        header.sectionResized.connect(lambda *_: self.tree.scheduleDelayedItemsLayout())
        self.tree.currentItemChanged.connect(self._on_current_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)

    def finish_building(self) -> None:
        """What the first window does not wait for: the search field's clear button, whose
        icon loads from the style (it shows only once something is typed)."""
        self.search.setClearButtonEnabled(True)

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        self._entries = entries
        self._refill()

    def _entry_items(self) -> Iterator[tuple[QTreeWidgetItem, LibraryEntry]]:
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            if group is None:
                continue
            for i in range(group.childCount()):
                item = group.child(i)
                entry = item.data(0, ENTRY_ROLE) if item is not None else None
                if item is not None and entry is not None:
                    yield item, entry

    def visible_entries(self) -> list[LibraryEntry]:
        return [entry for _item, entry in self._entry_items()]

    def select_first(self) -> None:
        for item, _entry in self._entry_items():
            self.tree.setCurrentItem(item)
            return

    def select_path(self, path: object) -> bool:
        for item, entry in self._entry_items():
            if entry.path == path:
                self.tree.setCurrentItem(item)
                return True
        return False

    def kind_label(self, kind: ActivityKind) -> str:
        # The core's labels are English; these are the ones translators see.
        labels = {
            ActivityKind.RANK: self.tr("Rank"),
            ActivityKind.MATCH: self.tr("Match"),
            ActivityKind.PROMPTS: self.tr("Prompts"),
        }
        return labels.get(kind, kind.label)

    def _group(self, title: str) -> QTreeWidgetItem:
        group = QTreeWidgetItem(self.tree, [title])
        font = QFont(group.font(0))
        font.setBold(True)
        group.setFont(0, font)
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)
        group.setFirstColumnSpanned(True)
        group.setExpanded(True)
        return group

    def _refill(self) -> None:
        query = self.search.text()
        current = self.tree.currentItem()
        current_entry = current.data(0, ENTRY_ROLE) if current else None
        # Rebuilding is not a change of selection: the editor must not reload for it.
        self.tree.blockSignals(True)
        self.tree.clear()
        groups = [
            (self.tr("Sample decks"), [e for e in self._entries if e.is_sample]),
            (
                self.tr("Your decks"),
                [e for e in self._entries if not e.is_sample and not e.is_external],
            ),
        ]
        opened = [e for e in self._entries if e.is_external]
        if opened:
            groups.append((self.tr("Opened files"), opened))
        for title, entries in groups:
            group = self._group(title)
            shown = [e for e in entries if matches(e, query)]
            for entry in shown:
                if entry.deck:
                    deck = entry.deck
                    item = QTreeWidgetItem(
                        group, [deck.title, self.kind_label(deck.kind), str(len(deck.cards))]
                    )
                    item.setIcon(0, colour_icon(deck.suits[0].colour))
                    item.setToolTip(0, f"{deck.title}\n{entry.path}")  # the column elides it
                    item.setTextAlignment(
                        2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                else:
                    item = QTreeWidgetItem(group, [entry.path.name, self.tr("unreadable"), ""])
                    item.setIcon(0, self._warning_icon())
                    item.setToolTip(0, entry.error)
                item.setData(0, ENTRY_ROLE, entry)
            if not shown:
                empty = (
                    self.tr("No matches")
                    if query.strip()
                    else self.tr("None yet: decks you import or create appear here")
                )
                placeholder = QTreeWidgetItem(group, [empty])
                placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
                placeholder.setFirstColumnSpanned(True)
        self.tree.expandAll()
        kept = current_entry is not None and self.select_path(current_entry.path)
        self.tree.blockSignals(False)
        if current_entry is not None and not kept:
            self.entrySelected.emit(None)

    # Not type-checked below: a QIcon made on first use; QStyle is slow to import at start-up.
    def _warning_icon(self):  # type: ignore[no-untyped-def]
        from PySide6.QtWidgets import QStyle  # only for unreadable files: QStyle is slow to load

        return self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)

    def _on_current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        entry = current.data(0, ENTRY_ROLE) if current else None
        self.entrySelected.emit(entry)
