"""The deck library: sample decks and the user's decks, with search."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.decks.deck_list_cache import OPENED, OWN, SAMPLE, ListedDeck

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex, QPersistentModelIndex
    from PySide6.QtWidgets import QStyleOptionViewItem

    from facilitator.decks.library import LibraryEntry

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # the LibraryEntry; None while the list is cached
PATH_ROLE = Qt.ItemDataRole.UserRole + 2  # the deck file's path, on every deck's row


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
    """Lists decks grouped as sample and own; emits `entrySelected` with the chosen entry.

    At start-up it may show the list cached from the last run (`show_cached`) before any deck
    is read; the first thing that needs a deck (the editor, a search, a selection by path)
    reads them, and the rows become the decks' entries with the same row still selected.
    """

    entrySelected = Signal(object)  # LibraryEntry | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[LibraryEntry] | None = None  # None: not read yet
        self._cached: list[ListedDeck] = []
        self._load: Callable[[], None] | None = None  # reads the decks (calls set_entries)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search decks and cards…"))
        self.search.setAccessibleName(self.tr("Search decks"))
        self.search.textChanged.connect(self._refill)

        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName(self.tr("Deck library"))
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Deck"), self.tr("Kind"), self.tr("Cards")])
        self.tree.setRootIsDecorated(False)
        self.tree.setIconSize(QSize(12, 12))  # the suit colour beside each deck's title
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

    def show_cached(self, rows: list[ListedDeck], load: Callable[[], None]) -> None:
        """Show `rows` until `load` reads the decks, which it must do by calling set_entries."""
        self._cached = rows
        self._load = load
        self._refill()

    def ensure_loaded(self) -> None:
        """Read the decks now if the list shown is still the cached one."""
        load, self._load = self._load, None
        if load is not None:
            load()

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        first = self._entries is None
        self._entries = entries
        self._load = None
        self._cached = []
        self._refill()
        entry = self._current_entry()
        if first and entry is not None:
            self.entrySelected.emit(entry)  # the row selected so far stood for a deck unread

    def _deck_items(self) -> Iterator[QTreeWidgetItem]:
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            if group is None:
                continue
            for i in range(group.childCount()):
                item = group.child(i)
                if item is not None and item.data(0, PATH_ROLE) is not None:
                    yield item

    def _entry_items(self) -> Iterator[tuple[QTreeWidgetItem, LibraryEntry]]:
        self.ensure_loaded()
        for item in self._deck_items():
            yield item, item.data(0, ENTRY_ROLE)

    def visible_entries(self) -> list[LibraryEntry]:
        return [entry for _item, entry in self._entry_items()]

    def current_entry(self) -> LibraryEntry | None:
        self.ensure_loaded()
        return self._current_entry()

    def _current_entry(self) -> LibraryEntry | None:
        item = self.tree.currentItem()
        return item.data(0, ENTRY_ROLE) if item else None

    def select_first(self) -> None:
        for item in self._deck_items():
            self.tree.setCurrentItem(item)
            return

    def select_path(self, path: object) -> bool:
        self.ensure_loaded()
        return self._select_item_for(path)

    def _select_item_for(self, path: object) -> bool:
        for item in self._deck_items():
            if item.data(0, PATH_ROLE) == path:
                self.tree.setCurrentItem(item)
                return True
        return False

    def kind_label(self, kind: str) -> str:
        # The core's labels are English; these are the ones translators see.
        labels = {"rank": self.tr("Rank"), "match": self.tr("Match"), "prompts": self.tr("Prompts")}
        return labels.get(kind, kind.capitalize())

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
        if query.strip():
            self.ensure_loaded()  # searching looks into the cards: read the decks
        current = self.tree.currentItem()
        current_path = current.data(0, PATH_ROLE) if current else None
        had_entry = current is not None and current.data(0, ENTRY_ROLE) is not None
        listed: list[tuple[ListedDeck, LibraryEntry | None]]
        if self._entries is None:
            listed = [(row, None) for row in self._cached]
        else:
            from facilitator.decks.library import matches

            listed = [(e.listed(), e) for e in self._entries]
        rows = [(row, e) for row, e in listed if e is None or matches(e, query)]
        # Rebuilding is not a change of selection: the editor must not reload for it.
        self.tree.blockSignals(True)
        self.tree.clear()
        groups = [(SAMPLE, self.tr("Sample decks")), (OWN, self.tr("Your decks"))]
        if any(row.group == OPENED for row, _entry in listed):
            groups.append((OPENED, self.tr("Opened files")))
        for key, title in groups:
            group = self._group(title)
            shown = [(row, entry) for row, entry in rows if row.group == key]
            for row, entry in shown:
                self._add_row(group, row, entry)
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
        kept = current_path is not None and self._select_item_for(current_path)
        self.tree.blockSignals(False)
        if had_entry and not kept:
            self.entrySelected.emit(None)

    def _add_row(self, group: QTreeWidgetItem, row: ListedDeck, entry: LibraryEntry | None) -> None:
        if row.loads:
            item = QTreeWidgetItem(group, [row.title, self.kind_label(row.kind), str(row.cards)])
            # A plain colour square (the view paints it); no icon to make at start-up.
            item.setData(0, Qt.ItemDataRole.DecorationRole, QColor(row.colour))
            item.setToolTip(0, f"{row.title}\n{row.path}")  # the column elides it
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        else:
            item = QTreeWidgetItem(group, [row.path.name, self.tr("unreadable"), ""])
            item.setIcon(0, self._warning_icon())
            item.setToolTip(0, row.error)
        item.setData(0, PATH_ROLE, row.path)
        item.setData(0, ENTRY_ROLE, entry)

    # Not type-checked below: a QIcon made on first use; QStyle is slow to import at start-up.
    def _warning_icon(self):  # type: ignore[no-untyped-def]
        from PySide6.QtWidgets import QStyle  # only for unreadable files: QStyle is slow to load

        return self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)

    def _on_current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if self._entries is None:
            return  # a cached row: its entry is announced once the decks are read
        entry = current.data(0, ENTRY_ROLE) if current else None
        self.entrySelected.emit(entry)
