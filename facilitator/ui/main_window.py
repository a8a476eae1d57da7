"""The main window: wires the deck library to the deck view; holds no business logic."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QFileSystemWatcher, QSettings, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QSplitter, QWidget

from facilitator import APP_NAME, __version__
from facilitator.deck_library import LibraryEntry, list_decks
from facilitator.paths import data_dir, user_decks_dir
from facilitator.ui.deck_library_view import DeckLibraryView
from facilitator.ui.deck_view import DeckView

DEFAULT_SIZE = (1180, 720)


class MainWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)
        self.library = DeckLibraryView(self)
        self.deck_view = DeckView(self)
        self.library.entrySelected.connect(self._show_entry)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.library)
        self.splitter.addWidget(self.deck_view)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([360, 820])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.location = QLabel(self)
        self.location.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.location)

        self._build_menus()
        # Decks saved into the data folder by the command line or a file manager show up at once.
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _path: self.reload_library())
        self.reload_library()
        self.library.select_first()
        self._restore_window_state()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        reload_action = QAction(self.tr("&Reload decks"), self)
        reload_action.setShortcut(QKeySequence.StandardKey.Refresh)
        reload_action.triggered.connect(self.reload_library)
        file_menu.addAction(reload_action)
        open_folder = QAction(self.tr("Show &data folder"), self)
        open_folder.triggered.connect(self._open_data_folder)
        file_menu.addAction(open_folder)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        find_action = QAction(self.tr("&Find deck or card"), self)
        find_action.setShortcut(QKeySequence.StandardKey.Find)
        find_action.triggered.connect(lambda: self.library.search.setFocus())
        view_menu.addAction(find_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About Facilitator"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def reload_library(self) -> None:
        folder = user_decks_dir()
        if folder.is_dir() and str(folder) not in self.watcher.directories():
            self.watcher.addPath(str(folder))
        entries = list_decks()
        self.library.set_entries(entries)
        own = sum(1 for e in entries if not e.is_sample)
        self.location.setText(
            self.tr("{samples} sample decks · {own} of yours in {folder}").format(
                samples=len(entries) - own, own=own, folder=folder
            )
        )

    def _show_entry(self, entry: LibraryEntry | None) -> None:
        self.deck_view.show_entry(entry)

    def _open_data_folder(self) -> None:
        folder = data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Facilitator"),
            self.tr(
                "Facilitator {version}\n\nCard decks, laminate-ready print and outcome capture "
                "for workshops and meetups. Works offline."
            ).format(version=__version__),
        )

    def _restore_window_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            splitter = settings.value("window/splitter")
            if isinstance(splitter, QByteArray):
                self.splitter.restoreState(splitter)
        else:
            self.resize(*DEFAULT_SIZE)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        super().closeEvent(event)
