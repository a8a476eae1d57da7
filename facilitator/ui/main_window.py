"""The main window: a page list on the left, the pages, menus and the status bar. Wiring only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator import APP_NAME, __version__
from facilitator.errors import FacilitatorError
from facilitator.paths import data_dir
from facilitator.ui.capture.style import READ_ONLY_BANNER
from facilitator.ui.decks_page import DecksPage
from facilitator.ui.dialogs import Dialogs
from facilitator.ui.store_session import StoreSession

DEFAULT_SIZE = (1240, 760)


class MainWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)

        self.nav = QListWidget(self)
        self.nav.setAccessibleName(self.tr("Pages"))
        self.nav.setFixedWidth(104)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setStyleSheet("QListWidget::item { padding: 8px 10px; }")
        self.pages = QStackedWidget(self)
        self.nav.currentRowChanged.connect(self._on_page_chosen)
        self._lazy: dict[str, tuple[QWidget, Callable[[], QWidget]]] = {}
        self._built: dict[str, QWidget] = {}
        # Each page's last status line, shown while that page is shown (none for a page without).
        self._page_status: dict[int, str] = {}

        central = QWidget(self)
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        # Said above every page when the database stops being writable while the app runs.
        self.store_banner = QFrame(self)
        self.store_banner.setStyleSheet(READ_ONLY_BANNER)
        self.store_banner_text = QLabel(self.store_banner)
        self.store_banner_text.setWordWrap(True)
        self.store_banner_text.setTextFormat(Qt.TextFormat.PlainText)
        self.reload_button = QPushButton(self.tr("&Reload"), self.store_banner)
        self.reload_button.clicked.connect(self.reload_database)
        banner_layout = QHBoxLayout(self.store_banner)
        banner_layout.setContentsMargins(4, 2, 4, 2)
        banner_layout.addWidget(self.store_banner_text, 1)
        banner_layout.addWidget(self.reload_button)
        self.store_banner.hide()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.store_banner)
        outer.addLayout(layout, 1)
        self.setCentralWidget(central)

        self.status_text = QLabel(self)
        self.status_text.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.status_text)

        # The database opens on first use, so browsing decks works even if it is damaged.
        self.session = StoreSession(self)
        self.session.turnedReadOnly.connect(self._show_turned_read_only)
        self.session.writableAgain.connect(self._show_writable_again)
        self.dialogs = Dialogs(self)
        self.import_report: QDialog | None = None  # the last import's report, while open
        self.decks_page = DecksPage(self)
        self._build_pages()
        self._build_menus()
        self.nav.setCurrentRow(0)
        self._page_status[id(self.decks_page)] = self.decks_page.status_message
        self.status_text.setText(self.decks_page.status_message)
        self._restore_window_state()

    # Shortcuts so tests and the self-test reach the deck library directly.
    @property
    def library(self):  # type: ignore[no-untyped-def]
        return self.decks_page.library

    @property
    def editor(self):  # type: ignore[no-untyped-def]
        return self.decks_page.editor

    def reload_library(self) -> None:
        self.decks_page.reload()

    def _build_pages(self) -> None:
        self.add_page(self.tr("Decks"), self.decks_page, self.decks_page.statusChanged)
        # The other pages (and their imports: store, reports, PDF) are built on first visit,
        # so the first window appears quickly.
        self.add_lazy_page(self.tr("Events"), "events", self._make_events_page)
        self.add_lazy_page(self.tr("Reports"), "reports", self._make_reports_page)

    def _make_events_page(self) -> QWidget:
        from facilitator.ui.events_page import EventsPage

        return EventsPage(self.session, self)

    def _make_reports_page(self) -> QWidget:
        from facilitator.ui.reports_page import ReportsPage

        return ReportsPage(self.session, self)

    @property
    def events_page(self):  # type: ignore[no-untyped-def]
        return self.page("events")

    @property
    def reports_page(self):  # type: ignore[no-untyped-def]
        return self.page("reports")

    def add_lazy_page(self, title: str, key: str, factory: Callable[[], QWidget]) -> None:
        placeholder = QWidget(self)
        self._lazy[key] = (placeholder, factory)
        self.add_page(title, placeholder)

    def page(self, key: str) -> QWidget:
        """The page called `key`, built now if it has not been shown yet."""
        built = self._built.get(key)
        if built is not None:
            return built
        placeholder, factory = self._lazy[key]
        page = factory()
        index = self.pages.indexOf(placeholder)
        self.pages.removeWidget(placeholder)
        placeholder.deleteLater()
        self.pages.insertWidget(index, page)
        self._built[key] = page
        status = getattr(page, "statusChanged", None)
        if status is not None:
            self._follow_status(page, status)
        return page

    def _on_page_chosen(self, row: int) -> None:
        for key, (placeholder, _factory) in self._lazy.items():
            if key not in self._built and self.pages.indexOf(placeholder) == row:
                self.page(key)
        self.pages.setCurrentIndex(row)
        self.status_text.setText(self._page_status.get(id(self.pages.currentWidget()), ""))

    def _follow_status(self, page: QWidget, signal: object) -> None:
        def show(text: str) -> None:
            self._page_status[id(page)] = text
            if self.pages.currentWidget() is page:
                self.status_text.setText(text)

        signal.connect(show)  # type: ignore[attr-defined]

    def add_page(self, title: str, page: QWidget, status_signal: object = None) -> None:
        """Add a page with its entry in the page list (Ctrl+1, Ctrl+2, ... switch pages)."""
        self.pages.addWidget(page)
        item = QListWidgetItem(title, self.nav)
        item.setSizeHint(QSize(100, 36))
        number = self.nav.count()
        action = QAction(self)
        action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.triggered.connect(lambda: self.nav.setCurrentRow(number - 1))
        self.addAction(action)
        if status_signal is not None:
            self._follow_status(page, status_signal)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        for action in (
            self.decks_page.new_action,
            self.decks_page.open_action,
            self.decks_page.import_action,
            self.decks_page.paste_import_action,
            self.decks_page.print_action,
        ):
            file_menu.addAction(action)
        file_menu.addSeparator()
        self.import_events_action = QAction(self.tr("Import &event files…"), self)
        self.import_events_action.setStatusTip(
            self.tr("Merge event files exported on co-facilitators' laptops")
        )
        self.import_events_action.triggered.connect(lambda: self.import_events())
        file_menu.addAction(self.import_events_action)
        file_menu.addSeparator()
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

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = self.decks_page.undo_group.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.decks_page.undo_group.createRedoAction(self, self.tr("&Redo"))
        # Every platform Redo key (Ctrl+Y and Ctrl+Shift+Z on Linux), so either habit works.
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        find_action = QAction(self.tr("&Find deck or card"), self)
        find_action.setShortcut(QKeySequence.StandardKey.Find)
        find_action.triggered.connect(self._find)
        view_menu.addAction(find_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About Facilitator"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def import_events(self, paths: list[Path] | None = None) -> None:
        """Merge event files, then show what changed and the conflicts (File ▸ Import)."""
        from facilitator.ui.import_events import (
            ImportReportDialog,
            import_event_files,
            keep_other_version,
        )

        if paths is None:
            paths = self.dialogs.open_files(
                self.tr("Import event files"), self.tr("Event files (*.json);;All files (*)")
            )
        if not paths:
            return
        try:
            reports = import_event_files(self.session, paths)
        except FacilitatorError as exc:
            self.dialogs.error(self.tr("Event files not imported"), str(exc))
            return
        self.import_report = ImportReportDialog(
            reports, lambda conflict: keep_other_version(self.session, conflict), self
        )
        self.import_report.open()  # window-modal without blocking: tests can read it

    def reload_database(self) -> None:
        """Open the database again after another copy changed it."""
        store = self.session.reload()
        if store is not None and store.read_only:
            self.store_banner_text.setText(
                self.tr("Read only: {reason}").format(reason=store.read_only_reason)
            )
            return
        self.store_banner.hide()
        if store is not None:
            self.statusBar().showMessage(self.tr("Reloaded: this copy can save again"), 10_000)

    def _show_turned_read_only(self, reason: str) -> None:
        self.store_banner_text.setText(self.tr("Read only: {reason}").format(reason=reason))
        self.store_banner.show()

    def _show_writable_again(self, line: str) -> None:
        self.store_banner.hide()
        self.statusBar().showMessage(line, 15_000)

    def _find(self) -> None:
        self.nav.setCurrentRow(self.pages.indexOf(self.decks_page))
        self.library.search.setFocus()
        self.library.search.selectAll()

    def _open_data_folder(self) -> None:
        folder = data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

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
            splitter = settings.value("window/deck-splitter")
            if isinstance(splitter, QByteArray):
                self.decks_page.splitter.restoreState(splitter)
        else:
            self.resize(*DEFAULT_SIZE)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.session.confirm_quit(self):  # saves pending edits; asks if it cannot
            event.ignore()
            return
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/deck-splitter", self.decks_page.splitter.saveState())
        self.decks_page.flush(quitting=True)
        self.decks_page.editor.preview.shutdown()
        self.session.close()
        super().closeEvent(event)
