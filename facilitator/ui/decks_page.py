"""The Decks page: the deck library beside the selected deck."""

from __future__ import annotations

from PySide6.QtCore import QFileSystemWatcher, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QWidget

from facilitator.deck_library import LibraryEntry, list_decks
from facilitator.paths import user_decks_dir
from facilitator.ui.deck_library_view import DeckLibraryView
from facilitator.ui.deck_view import DeckView


class DecksPage(QWidget):
    """Lists the decks; `statusChanged` carries a one-line summary for the status bar."""

    statusChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = DeckLibraryView(self)
        self.deck_view = DeckView(self)
        self.library.entrySelected.connect(self._show_entry)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.library)
        self.splitter.addWidget(self.deck_view)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([340, 800])
        self.splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        # Decks saved into the data folder by the command line or a file manager show up at once.
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _path: self.reload())
        self.reload()
        self.library.select_first()

    def reload(self) -> None:
        folder = user_decks_dir()
        if folder.is_dir() and str(folder) not in self.watcher.directories():
            self.watcher.addPath(str(folder))
        entries = list_decks()
        self.library.set_entries(entries)
        own = sum(1 for e in entries if not e.is_sample)
        self.status_message = self.tr("{samples} sample decks · {own} of yours in {folder}").format(
            samples=len(entries) - own, own=own, folder=folder
        )
        self.statusChanged.emit(self.status_message)

    def _show_entry(self, entry: LibraryEntry | None) -> None:
        self.deck_view.show_entry(entry)
