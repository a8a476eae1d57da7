"""The main window: a page list on the left, the pages, menus and the status bar. Wiring only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
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

from facilitator import APP_NAME
from facilitator.errors import FacilitatorError
from facilitator.paths import RESUME_FILE, data_dir
from facilitator.ui.actions import new_action
from facilitator.ui.decks_page import DecksPage
from facilitator.ui.dialogs import Dialogs
from facilitator.ui.window_place import fit_on_screen, restore_place, save_place

if TYPE_CHECKING:  # imported when they are needed, after the window is up
    from PySide6.QtGui import QCloseEvent

    from facilitator.ui.single_instance import InstanceServer

RESUMED_SHOWN_MS = 120_000  # "Resumed capture where you were: …" for the first two minutes


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
        self.page_actions: list[QAction] = []
        self._help_dialogs: dict[str, QWidget] = {}
        self._key_overlay: QWidget | None = None
        # Listens for later launches of the app (ui/single_instance.py), once started.
        self.instance_server: InstanceServer | None = None
        self._built: dict[str, QWidget] = {}
        # Each page's last status line, shown while that page is shown (none for a page without).
        self._page_status: dict[int, str] = {}

        central = QWidget(self)
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        # Above every page, a banner says when the database stops being writable while the
        # app runs (made when first needed: most evenings never see it).
        self.store_banner: QFrame | None = None
        self.store_banner_text: QLabel | None = None
        self.reload_button: QPushButton | None = None
        self._outer = QVBoxLayout(central)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._outer.setSpacing(0)
        self._outer.addLayout(layout, 1)
        self.setCentralWidget(central)

        self.status_text = QLabel(self)
        self.status_text.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.status_text)

        # The database opens on first use, so browsing decks works even if it is damaged.
        self._session = None  # made on first use: the first page (decks) needs no database
        self.dialogs = Dialogs(self)
        self.import_report: QDialog | None = None  # the last import's report, while open
        self.decks_page = DecksPage(self)
        self.decks_page.events_using = self._events_using
        self._build_pages()
        self._build_menus()
        self.nav.setCurrentRow(0)
        self._page_status[id(self.decks_page)] = self.decks_page.status_message
        self.status_text.setText(self.decks_page.status_message)
        self._fitted_once = False
        self._restore_window_state()
        self._resume_capture()

    @property
    # Not type-checked below: the session comes from a page built on first use.
    def session(self):  # type: ignore[no-untyped-def]
        """The database session the Events and Reports pages share (ui/store_session.py)."""
        if self._session is None:
            from facilitator.ui.store_session import StoreSession

            self._session = StoreSession(self)
            self._session.turnedReadOnly.connect(self._show_turned_read_only)
            self._session.writableAgain.connect(self._show_writable_again)
        return self._session

    # Shortcuts so tests and the self-test reach the deck library directly.
    @property
    # Not type-checked below: pages are imported lazily for start-up speed; their types too.
    def library(self):  # type: ignore[no-untyped-def]
        return self.decks_page.library

    @property
    # Not type-checked below: pages are imported lazily for start-up speed; their types too.
    def editor(self):  # type: ignore[no-untyped-def]
        return self.decks_page.editor

    def _events_using(self, path: Path) -> list[str]:
        """The titles of the events whose agenda holds a copy of the deck at `path`."""
        from facilitator.agenda_copies import events_using
        from facilitator.errors import FacilitatorError

        try:
            return events_using(self.session.store(), path)
        except (FacilitatorError, OSError):
            return []  # no database to ask: no event can be using it

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

        page = EventsPage(self.session, self)
        # Full-screen capture hides the page list; leaving capture clears "Resumed …".
        page.capture.fullScreenChanged.connect(lambda on: self.nav.setVisible(not on))
        page.capture.backRequested.connect(self.statusBar().clearMessage)
        # Decks made, changed or deleted show in the deck choice and the agenda at once.
        self.decks_page.libraryChanged.connect(page.library_changed)
        return page

    def _resume_capture(self) -> None:
        """After a crash or a quit during capture, capture reopens where it was; nothing asked."""
        if not (data_dir() / RESUME_FILE).exists():
            return  # most starts: no capture was left open
        from facilitator.capture.resume import load_spot

        spot = load_spot(data_dir())
        if spot is None:
            return
        events = self.page("events")
        self.nav.setCurrentRow(self.pages.indexOf(events))
        # Not type-checked below: pages are built lazily and held as QWidget.
        said = events.resume_capture(spot)  # type: ignore[attr-defined]
        if said:
            self.statusBar().showMessage(said, RESUMED_SHOWN_MS)
        else:
            self.nav.setCurrentRow(self.pages.indexOf(self.decks_page))

    def _make_reports_page(self) -> QWidget:
        from facilitator.ui.reports_page import ReportsPage

        return ReportsPage(self.session, self)

    @property
    # Not type-checked below: pages are imported lazily for start-up speed; their types too.
    def events_page(self):  # type: ignore[no-untyped-def]
        return self.page("events")

    @property
    # Not type-checked below: pages are imported lazily for start-up speed; their types too.
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

        # Not type-checked below: the signal comes from a page typed as object (imported lazily).
        signal.connect(show)  # type: ignore[attr-defined]

    def add_page(self, title: str, page: QWidget, status_signal: object = None) -> None:
        """Add a page with its entry in the page list (Ctrl+1, Ctrl+2, ... switch pages)."""
        self.pages.addWidget(page)
        item = QListWidgetItem(self.nav)  # then its text: see new_action for why not at once
        item.setText(title)
        item.setSizeHint(QSize(100, 36))
        number = self.nav.count()
        action = new_action(title, self)  # listed in the View menu, so the keys can be found
        action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.triggered.connect(lambda: self.nav.setCurrentRow(number - 1))
        self.addAction(action)
        self.page_actions.append(action)
        if status_signal is not None:
            self._follow_status(page, status_signal)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        for action in (
            self.decks_page.new_action,
            self.decks_page.open_action,
            self.decks_page.import_action,
            self.decks_page.paste_import_action,
            self.decks_page.export_csv_action,
            self.decks_page.export_xlsx_action,
            self.decks_page.print_action,
        ):
            file_menu.addAction(action)
        file_menu.addSeparator()
        self.import_events_action = new_action(self.tr("Import &event files…"), self)
        self.import_events_action.setStatusTip(
            self.tr("Merge event files exported on co-facilitators' laptops")
        )
        self.import_events_action.triggered.connect(lambda: self.import_events())
        file_menu.addAction(self.import_events_action)
        file_menu.addSeparator()
        reload_action = new_action(self.tr("&Reload decks"), self)
        reload_action.setShortcut(QKeySequence.StandardKey.Refresh)
        reload_action.triggered.connect(self.reload_library)
        file_menu.addAction(reload_action)
        open_folder = new_action(self.tr("Show &data folder"), self)
        open_folder.triggered.connect(self._open_data_folder)
        file_menu.addAction(open_folder)
        file_menu.addSeparator()
        quit_action = new_action(self.tr("&Quit"), self)
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

        view_menu = self.menuBar().addMenu(self.tr("Vie&w"))  # Alt+V: capture's "All tables"
        find_action = new_action(self.tr("&Find deck or card"), self)
        find_action.setShortcut(QKeySequence.StandardKey.Find)
        find_action.triggered.connect(self._find)
        view_menu.addAction(find_action)
        view_menu.addSeparator()
        for action in self.page_actions:
            view_menu.addAction(action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.shortcuts_action = new_action(self.tr("&Keyboard shortcuts"), self)
        self.shortcuts_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.shortcuts_action.triggered.connect(self.show_keyboard_help)
        help_menu.addAction(self.shortcuts_action)
        self.getting_started_action = new_action(self.tr("&Getting started"), self)
        self.getting_started_action.triggered.connect(self.show_getting_started)
        help_menu.addAction(self.getting_started_action)
        open_data = new_action(self.tr("Open &data folder"), self)
        open_data.triggered.connect(self._open_data_folder)
        help_menu.addAction(open_data)
        help_menu.addSeparator()
        about = new_action(self.tr("&About Facilitator"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def open_from_launch(self, files: list[Path]) -> None:
        """Another launch of the app: come forward, and open the files it was given."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        for path in files:
            self.nav.setCurrentRow(self.pages.indexOf(self.decks_page))
            self.decks_page.open_dropped(path)

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
            self._show_turned_read_only(store.read_only_reason)
            return
        if self.store_banner is not None:
            self.store_banner.hide()
        if store is not None:
            self.statusBar().showMessage(self.tr("Reloaded: this copy can save again"), 10_000)

    def _show_turned_read_only(self, reason: str) -> None:
        if self.store_banner is None:
            from facilitator.ui.capture.style import READ_ONLY_BANNER

            self.store_banner = QFrame(self)
            self.store_banner.setStyleSheet(READ_ONLY_BANNER)
            self.store_banner_text = QLabel(self.store_banner)
            self.store_banner_text.setWordWrap(True)
            self.store_banner_text.setTextFormat(Qt.TextFormat.PlainText)
            self.reload_button = QPushButton(self.tr("&Reload"), self.store_banner)
            self.reload_button.clicked.connect(self.reload_database)
            row = QHBoxLayout(self.store_banner)
            row.setContentsMargins(4, 2, 4, 2)
            row.addWidget(self.store_banner_text, 1)
            row.addWidget(self.reload_button)
            self._outer.insertWidget(0, self.store_banner)
        assert self.store_banner_text is not None
        self.store_banner_text.setText(self.tr("Read only: {reason}").format(reason=reason))
        self.store_banner.show()

    def _show_writable_again(self, line: str) -> None:
        if self.store_banner is not None:
            self.store_banner.hide()
        self.statusBar().showMessage(line, 15_000)

    def _find(self) -> None:
        self.nav.setCurrentRow(self.pages.indexOf(self.decks_page))
        self.library.search.setFocus()
        self.library.search.selectAll()

    def _open_data_folder(self) -> None:
        folder = data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        from PySide6.QtCore import QUrl

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _about(self) -> None:
        from facilitator.ui.help_pages import about_html

        dialog = self.help_dialog("about", self.tr("About Facilitator"))
        dialog.show_html(about_html(str(data_dir())), size=(480, 340))

    # --- help --------------------------------------------------------------------------------

    # Not type-checked below: help dialogs are imported lazily (start-up speed).
    def help_dialog(self, key: str, title: str):  # type: ignore[no-untyped-def]
        """The help window called `key`, made once and shown again beside the app."""
        from facilitator.ui.help_pages import HelpDialog

        dialog = self._help_dialogs.get(key)
        if dialog is None:
            dialog = self._help_dialogs[key] = HelpDialog(title, self)
        return dialog

    # Not type-checked below: the capture page is imported lazily (start-up speed).
    def capture_page(self):  # type: ignore[no-untyped-def]
        return self.events_page.capture

    def show_keyboard_help(self) -> None:
        """F1: over the capture screen, its keys; anywhere else, every key in a help window."""
        from facilitator.ui.help_pages import capture_keys_html, shortcuts_html

        events = self._built.get("events")
        capture = getattr(events, "capture", None)
        if capture is not None and capture.isVisible():
            self._toggle_key_overlay(capture, capture_keys_html(capture))
            return
        pages: list[tuple[str, QWidget]] = [(self.tr("Decks page"), self.decks_page)]
        body = shortcuts_html(self, pages)
        capture = self.capture_page()
        body += capture_keys_html(capture, self.tr("Capture (Events ▸ Start capture ▶)"))
        self.help_dialog("keys", self.tr("Keyboard shortcuts")).show_html(body)

    def _toggle_key_overlay(self, capture: QWidget, html: str) -> None:
        from facilitator.ui.key_overlay import KeyOverlay

        if self._key_overlay is None:
            self._key_overlay = KeyOverlay(self)
        overlay = self._key_overlay
        if overlay.isVisible():
            # Not type-checked below: the key overlay is held as QWidget; it is the overlay class.
            overlay.close_sheet()  # type: ignore[attr-defined]
        else:
            overlay.show_over(capture, html, QApplication.focusWidget())  # type: ignore[attr-defined]

    def show_getting_started(self) -> None:
        from facilitator.ui.help_pages import getting_started_markdown

        dialog = self.help_dialog("start", self.tr("Getting started"))
        dialog.show_markdown(getting_started_markdown())

    def _restore_window_state(self) -> None:
        settings = QSettings()
        restored = restore_place(self, settings)
        self._placed_size = self.size()
        if restored:
            splitter = settings.value("window/deck-splitter")
            if isinstance(splitter, QByteArray):
                self.decks_page.splitter.restoreState(splitter)

    # setVisible rather than showEvent: a Python showEvent makes the first show load the
    # wrappers of Qt's event classes, a few milliseconds the first window does not wait for.
    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        if visible and not self._fitted_once:
            self._fitted_once = True
            # The desktop's title bar is known once the window is up: fit it again with it,
            # unless the window was sized since it was placed (then that size was chosen).
            if self.size() == self._placed_size:
                QTimer.singleShot(0, lambda: fit_on_screen(self))

    def closeEvent(self, event: QCloseEvent) -> None:
        session = self._session
        if session is not None and not session.confirm_quit(self):  # saves pending edits
            event.ignore()
            return
        settings = QSettings()
        save_place(self, settings)
        settings.setValue("window/deck-splitter", self.decks_page.splitter.saveState())
        self.decks_page.flush(quitting=True)
        if self.decks_page.editor_built:
            self.decks_page.editor.preview.shutdown()
        if session is not None:
            session.close()
        super().closeEvent(event)
