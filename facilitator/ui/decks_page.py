"""The Decks page: the deck library beside the deck editor, and the library's actions."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QHBoxLayout, QMenu, QSplitter, QToolButton, QVBoxLayout, QWidget

from facilitator.decks.deck_list_cache import (
    CACHE_FILE,
    OWN,
    SAMPLE,
    Stamps,
    read_list,
    stamps,
    write_list,
)
from facilitator.decks.folder import SUFFIX
from facilitator.errors import FacilitatorError
from facilitator.paths import data_dir, sample_decks_dir, user_decks_dir
from facilitator.ui.actions import new_action
from facilitator.ui.banner import Banner
from facilitator.ui.deck_library_view import DeckLibraryView
from facilitator.ui.dialogs import Dialogs
from facilitator.wording import plural

if TYPE_CHECKING:
    # Event classes for annotations only: loading their wrappers costs the first window time.
    from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPaintEvent

    from facilitator.decks.library import LibraryEntry
    from facilitator.ui.deck_document import DeckDocument
    from facilitator.ui.deck_editor import DeckEditor

OPENED_FILES_KEY = "decks/opened-files"
IMPORT_FILTERS = "Spreadsheets and text (*.xlsx *.xls *.ods *.csv *.tsv *.txt);;All files (*)"
DECK_FILTERS = "Facilitator decks (*.deck.json);;All files (*)"
KIND_CHOICES = ("rank", "match", "prompts")  # the ActivityKind values, in the order offered


class EditorPlace(QWidget):
    """Where the deck editor goes, until it is built: its first paint (the window is on the
    screen) asks for the editor, which is built in the next turn of the event loop."""

    def __init__(self, build: Callable[[], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._asked = False

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._asked:
            self._asked = True
            # Timed on this place: a page closed before then never builds its editor.
            QTimer.singleShot(0, self, self._build)


class DecksPage(QWidget):
    """`statusChanged` carries a one-line summary for the status bar."""

    statusChanged = Signal(str)
    libraryChanged = Signal()  # the library was read again: a deck was made, changed or deleted

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dialogs = Dialogs(self)
        self.documents: dict[Path, DeckDocument] = {}
        # One undo history per deck; Edit ▸ Undo follows the deck being edited.
        self.undo_group = QUndoGroup(self)
        self.status_message = ""
        self.setAcceptDrops(True)

        self.library = DeckLibraryView(self)
        # The deck editor (its table, card form, preview and their modules) and the watch on
        # the decks folder are built once the window is shown, or as soon as anything needs
        # the editor (`editor`, `ensure_built`): the first window appears without them.
        self._editor: DeckEditor | None = None
        self._editor_place = EditorPlace(self.ensure_built, self)
        self.watcher: QFileSystemWatcher | None = None
        # The titles of the events whose agenda holds the deck at a path (the main window
        # connects the database); passed on to the editor.
        self.events_using: Callable[[Path], list[str]] = lambda _path: []
        self.banner = Banner(self)
        self.library.entrySelected.connect(self._show_entry)

        self._build_actions()
        tools = QHBoxLayout()
        new_button = QToolButton(self)
        new_button.setDefaultAction(self.new_action)
        new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tools.addWidget(new_button)
        import_button = QToolButton(self)
        import_button.setDefaultAction(self.import_action)
        tools.addWidget(import_button)
        print_button = QToolButton(self)
        print_button.setDefaultAction(self.print_action)
        tools.addWidget(print_button)
        more = QToolButton(self)
        more.setText(self.tr("More"))
        more.setAccessibleName(self.tr("More deck actions"))
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more.setMenu(self.deck_menu)
        tools.addWidget(more)
        tools.addStretch(1)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 6)
        left_layout.addLayout(tools)
        left_layout.addWidget(self.library, 1)
        self.library.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.library.tree.customContextMenuRequested.connect(
            lambda pos: self.deck_menu.exec(self.library.tree.viewport().mapToGlobal(pos))
        )

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self._editor_place)
        self.splitter.setStretchFactor(1, 1)
        left.setMinimumWidth(220)
        self.splitter.setSizes([300, 900])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

        # An atomic save touches the folder several times; one rescan afterwards is enough.
        self._rescan = QTimer(self)
        self._rescan.setSingleShot(True)
        self._rescan.setInterval(300)
        self._rescan.timeout.connect(self.reload)
        if not self._show_cached_list():
            self.reload()
        self.library.select_first()

    @property
    def editor(self) -> DeckEditor:
        """The deck editor, built now if the window has not yet been shown."""
        return self.ensure_built()

    @property
    def editor_built(self) -> bool:
        return self._editor is not None

    def ensure_built(self) -> DeckEditor:
        """Build what the first window does not wait for: the deck editor in its place beside
        the library, showing the deck selected, the watch on the decks folder and the search
        field's clear button."""
        if self._editor is None:
            # Decks saved into the data folder by the command line or a file manager show up
            # at once.
            self.watcher = QFileSystemWatcher(self)
            self.watcher.directoryChanged.connect(lambda _path: self._rescan.start())
            self._watch_folder()
            self.library.finish_building()
            self.library.ensure_loaded()  # the decks, if the list shown was the cached one
            from facilitator.ui.deck_editor import DeckEditor

            editor = self._editor = DeckEditor(self)
            editor.events_using = lambda path: self.events_using(path)
            editor.duplicateRequested.connect(self.duplicate_current)
            sizes = self.splitter.sizes()
            self.splitter.replaceWidget(1, editor)
            self.splitter.setSizes(sizes)
            self._editor_place.deleteLater()
            self._show_entry(self.current_entry())
        return self._editor

    def _build_actions(self) -> None:
        def action(  # type: ignore[no-untyped-def]  # slot: any callable Qt can connect
            text: str,
            slot,
            shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        ) -> QAction:
            act = new_action(text, self)
            act.triggered.connect(slot)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            return act

        self.new_action = action(self.tr("New deck…"), self.new_deck, QKeySequence.StandardKey.New)
        self.import_action = action(self.tr("Import…"), self.import_from_file, "Ctrl+I")
        self.paste_import_action = action(
            self.tr("Import from clipboard…"), self.import_from_clipboard, "Ctrl+Shift+I"
        )
        self.open_action = action(
            self.tr("Open deck file…"), self.open_deck_file, QKeySequence.StandardKey.Open
        )
        self.export_csv_action = action(
            self.tr("Export deck as CSV…"), lambda: self.export_current("csv")
        )
        self.export_xlsx_action = action(
            self.tr("Export deck as Excel…"), lambda: self.export_current("xlsx")
        )
        self.duplicate_action = action(self.tr("Duplicate"), self.duplicate_current, "Ctrl+D")
        self.rename_action = action(self.tr("Rename"), self.rename_current, "F2")
        self.delete_action = action(self.tr("Delete deck"), self.delete_current)
        self.reveal_action = action(self.tr("Show in file manager"), self.reveal_current)
        self.print_action = action(
            self.tr("Print…"), self.print_current, QKeySequence.StandardKey.Print
        )
        self.deck_menu = QMenu(self)
        for act in (
            self.open_action,
            self.paste_import_action,
            self.export_csv_action,
            self.export_xlsx_action,
            None,
            self.duplicate_action,
            self.rename_action,
            self.delete_action,
            None,
            self.reveal_action,
        ):
            if act is None:
                self.deck_menu.addSeparator()
            else:
                self.deck_menu.addAction(act)
                self.addAction(act)
        self.addAction(self.new_action)
        self.addAction(self.import_action)
        self.addAction(self.print_action)
        for act in self.actions():
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        # F2 renames only from the library: in the card table it edits the cell, as Qt's
        # tables do everywhere, rather than sending the typing into the deck's title.
        self.removeAction(self.rename_action)
        self.library.addAction(self.rename_action)
        self.rename_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # --- the library -------------------------------------------------------------------------

    def _opened_files(self) -> list[Path]:
        value = QSettings().value(OPENED_FILES_KEY, [])
        names = [value] if isinstance(value, str) else list(value or [])  # type: ignore[call-overload]  # QSettings gives a list or nothing here
        return [Path(n) for n in names]

    def _remember_opened(self, path: Path) -> None:
        names = [str(p) for p in self._opened_files() if p != path] + [str(path)]
        QSettings().setValue(OPENED_FILES_KEY, names[-20:])

    def _watch_folder(self) -> None:
        folder = user_decks_dir()
        watcher = self.watcher
        if watcher is not None and folder.is_dir() and str(folder) not in watcher.directories():
            watcher.addPath(str(folder))

    def _list_sources(self) -> Stamps:
        """The files the deck list is read from, as they are now."""
        return stamps(sample_decks_dir(), user_decks_dir(), self._opened_files())

    def _show_cached_list(self) -> bool:
        """At start-up: list the decks as the last run read them, if no file changed since
        (the decks are read once the window is up); False when they must be read now."""
        rows = read_list(data_dir() / CACHE_FILE, self._list_sources())
        if rows is None:
            return False
        self.library.show_cached(rows, self.reload)
        self._set_status(
            sum(1 for r in rows if r.group == SAMPLE), sum(1 for r in rows if r.group == OWN)
        )
        return True

    def reload(self) -> None:
        from facilitator.decks.library import list_decks

        self._watch_folder()
        sources = self._list_sources()  # before reading: a file changed meanwhile is read again
        entries = list_decks(opened=self._opened_files())
        write_list(data_dir() / CACHE_FILE, [e.listed() for e in entries], sources)
        self.library.set_entries(entries)
        own = sum(1 for e in entries if not e.is_sample and not e.is_external)
        self._set_status(sum(1 for e in entries if e.is_sample), own)
        self.libraryChanged.emit()
        dialog = getattr(self, "print_dialog", None)
        with contextlib.suppress(RuntimeError):  # a closed dialog is deleted under us
            if dialog is not None and dialog.isVisible():
                dialog.refresh_decks()  # the decks it lists, as their files are now

    def _set_status(self, samples: int, own: int) -> None:
        self.status_message = self.tr("{samples} sample decks · {own} of yours in {folder}").format(
            samples=samples, own=own, folder=user_decks_dir()
        )
        self.statusChanged.emit(self.status_message)

    def current_entry(self) -> LibraryEntry | None:
        return self.library.current_entry()

    def document_for(self, entry: LibraryEntry) -> DeckDocument | None:
        """The open document of a deck file; documents live as long as the page (undo history)."""
        document = self.documents.get(entry.path)
        if document is None and entry.deck is not None:
            from facilitator.ui.deck_document import DeckDocument

            document = DeckDocument(entry.path, entry.deck, entry.read_only, self)
            self.documents[entry.path] = document
            self.undo_group.addStack(document.undo_stack)
        return document

    def _show_entry(self, entry: LibraryEntry | None) -> None:
        if self._editor is None:
            # The editor, once built, shows the entry selected then; the actions follow now.
            if entry is not None:
                self._enable_actions(entry, entry.deck is not None)
            return
        current = self.editor.document
        if current is not None and entry is not None and entry.path == current.path:
            return  # the library was refreshed (e.g. by our own save); keep editing undisturbed
        if current is not None:
            self.editor.flush()
        if entry is None:
            self.editor.set_document(None)
            self.undo_group.setActiveStack(None)  # type: ignore[arg-type]  # Qt takes None: no stack
            return
        document = self.document_for(entry)
        self.editor.set_document(document)
        if document is None:
            self.editor.banner.show_message(entry.error, "error")
        else:
            self.undo_group.setActiveStack(document.undo_stack)
        self._enable_actions(entry, document is not None)

    def _enable_actions(self, entry: LibraryEntry, editable: bool) -> None:
        self.delete_action.setEnabled(not entry.is_sample and not entry.is_external)
        self.rename_action.setEnabled(editable and not entry.read_only)
        self.duplicate_action.setEnabled(entry.deck is not None)

    def _select(self, path: Path) -> None:
        self.reload()
        self.library.search.clear()
        self.library.select_path(path)

    def _report(self, exc: FacilitatorError, title: str) -> None:
        from facilitator.decks.importing import ImportFailed

        if isinstance(exc, ImportFailed):
            self.dialogs.problems(
                title,
                self.tr("Nothing was imported. Fix these rows and try again:"),
                exc.lines(),
            )
        else:
            self.dialogs.error(title, str(exc))

    # --- actions -----------------------------------------------------------------------------

    def new_deck(self) -> Path | None:
        labels = [
            self.tr("Rank: agree an order (e.g. a hierarchy of job titles)"),
            self.tr("Match: which role does which activity"),
            self.tr("Prompts: discussion questions"),
        ]
        choice = self.dialogs.choice(self.tr("New deck"), self.tr("What will tables do?"), labels)
        if choice is None:
            return None
        title = self.dialogs.text(self.tr("New deck"), self.tr("Deck title:"), self.tr("New deck"))
        if not title or not title.strip():
            return None
        try:
            from facilitator.decks.editing import new_deck
            from facilitator.decks.library import add_deck
            from facilitator.decks.model import ActivityKind

            path = add_deck(new_deck(title.strip(), ActivityKind(KIND_CHOICES[choice])))
        except FacilitatorError as exc:
            self._report(exc, self.tr("Could not create the deck"))
            return None
        self._select(path)
        self.editor.select_row(0)
        self.editor.table.edit(self.editor.table.currentIndex())
        return path

    def _sheets_of(self, source: Path) -> list[str]:
        """A workbook's sheet names, for the preview to choose from ([] if not a workbook)."""
        from facilitator.decks.workbooks import WORKBOOK_SUFFIXES, sheet_names

        if source.suffix.lower() not in WORKBOOK_SUFFIXES:
            return []
        try:
            return sheet_names(source.read_bytes(), source.name)
        except (OSError, FacilitatorError):
            return []  # the import says what is wrong with the file

    def import_path(self, source: Path) -> Path | None:
        """Import a workbook, CSV or text file after a preview: as a new deck, or as an update
        of the deck its cards belong to. On problems, show them and write nothing."""
        from facilitator.decks.importing import import_file  # the readers load on first use
        from facilitator.decks.library import add_deck

        # Not type-checked below: the import preview calls it with its own column and sheet choice.
        def run(columns, sheet):  # type: ignore[no-untyped-def]
            return import_file(source, sheet=sheet, columns=columns)

        result = self._preview(source.name, run, self._sheets_of(source))
        if result is None:
            return None
        if isinstance(result, Path):
            return result  # an existing deck was updated
        try:
            path = add_deck(result.deck)
        except FacilitatorError as exc:
            self._report(exc, self.tr("Could not import {0}").format(source.name))
            return None
        self._select(path)
        count = len(result.deck.cards)
        imported = (
            self.tr("Imported 1 card from {name} ({encoding}).")
            if count == 1
            else self.tr("Imported %n cards from {name} ({encoding}).", "", count)
        )
        how = self.tr("sheet “{0}”").format(result.sheet) if result.sheet else result.encoding_name
        self.banner.show_message(
            " ".join([imported.format(name=source.name, encoding=how), *result.notes]),
            "warning" if result.notes else "info",
            ((self.tr("OK"), self.banner.hide),),
        )
        return path

    # Not type-checked below: run: the importer the preview calls; returns what the dialog chose.
    def _preview(self, name: str, run, sheets: list[str] | None = None):  # type: ignore[no-untyped-def]
        """Show the import preview for `run(columns, sheet)`; the ImportResult to add as a new
        deck, the path of a deck updated instead, or None (cancelled, or nothing can be
        imported)."""
        from facilitator.decks.importing import ImportFailed
        from facilitator.ui.import_preview import ImportPreview

        sheets = sheets or []
        try:
            run(None, None)
        except ImportFailed as exc:
            # Nothing a preview can fix: no columns to choose differently, no other sheet.
            if not exc.columns and len(sheets) < 2:
                self._report(exc, self.tr("Could not import {0}").format(name))
                return None
        except FacilitatorError as exc:  # an unreadable file
            self._report(exc, self.tr("Could not import {0}").format(name))
            return None
        dialog = ImportPreview(name, run, self.find_match, self, sheets=sheets)
        try:
            if not self.dialogs.run(dialog) or dialog.result is None or not dialog.choice:
                return None
            if dialog.choice == "update" and dialog.match is not None:
                return self.update_from_import(dialog.match, dialog.result, name)
            return dialog.result
        finally:
            dialog.deleteLater()

    # Not type-checked below: result: an ImportResult; the importer is loaded on first use.
    def find_match(self, result):  # type: ignore[no-untyped-def]
        """The user's deck the imported cards are versions of (by code when the import names
        codes, else by title), with what updating it would change; None if there is none."""
        from facilitator.decks.changes import COMPARED_FIELDS, best_match, compare
        from facilitator.decks.library import list_decks
        from facilitator.ui.import_preview import DeckMatch

        mapped = {c.field for c in result.columns} | {"title"}
        given = tuple(f for f in COMPARED_FIELDS if f in mapped)
        codes_given = "code" in given
        entries = [
            e
            for e in list_decks(opened=self._opened_files())
            if e.deck is not None and not e.read_only
        ]
        decks = [
            self.documents[e.path].deck if e.path in self.documents else e.deck for e in entries
        ]
        index = best_match(result.deck, decks, by_code=codes_given)
        if index is None:
            return None
        changes = compare(
            decks[index], result.deck, by_code=codes_given, fields=given, deck_too=False
        )
        return DeckMatch(decks[index].title, changes, entries[index].path, given)

    # Not type-checked below: match and result come from the import preview, typed there.
    def update_from_import(self, match, result, name: str) -> Path | None:  # type: ignore[no-untyped-def]
        """Update the matching deck with the imported cards, as one undoable edit."""
        from facilitator.decks.changes import update_from
        from facilitator.decks.library import list_decks

        entry = next(
            (e for e in list_decks(opened=self._opened_files()) if e.path == match.path), None
        )
        document = self.document_for(entry) if entry is not None else None
        if document is None:
            return None
        self._select(match.path)
        if document.apply(
            self.tr("Update from {0}").format(name),
            lambda deck: update_from(deck, result.deck, match.given),
        ):
            self.banner.show_message(
                self.tr("Updated “{title}” from {name}: {changes}.").format(
                    title=document.deck.title, name=name, changes=match.changes.summary()
                ),
                "info",
                ((self.tr("Undo"), document.undo_stack.undo), (self.tr("OK"), self.banner.hide)),
            )
        return match.path

    def import_from_file(self) -> Path | None:
        source = self.dialogs.open_file(self.tr("Import cards"), IMPORT_FILTERS)
        return self.import_path(source) if source else None

    def import_from_clipboard(self) -> Path | None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.dialogs.error(
                self.tr("Import from clipboard"),
                self.tr("The clipboard holds no text. Copy rows from a spreadsheet first."),
            )
            return None
        title = self.dialogs.text(self.tr("Import from clipboard"), self.tr("Deck title:"))
        if not title or not title.strip():
            return None
        from facilitator.decks.importing import import_text
        from facilitator.decks.library import add_deck

        # Not type-checked below: the import preview calls it with its own column and sheet choice.
        def run(columns, _sheet):  # type: ignore[no-untyped-def]
            return import_text(
                text, title=title.strip(), source=self.tr("the clipboard"), columns=columns
            )

        result = self._preview(self.tr("the clipboard"), run)
        if result is None or isinstance(result, Path):
            return result
        try:
            path = add_deck(result.deck)
        except FacilitatorError as exc:
            self._report(exc, self.tr("Could not import the clipboard"))
            return None
        self._select(path)
        return path

    def open_deck_file(self, path: Path | None = None) -> Path | None:
        path = path or self.dialogs.open_file(self.tr("Open deck file"), DECK_FILTERS)
        if path is None:
            return None
        from facilitator.decks import file as deck_file

        try:
            deck_file.load(path)
        except FacilitatorError as exc:
            self._report(exc, self.tr("Could not open {0}").format(path.name))
            return None
        path = path.resolve()
        if path.parent != user_decks_dir().resolve():
            self._remember_opened(path)
        self._select(path)
        return path

    def export_current(self, kind: str) -> Path | None:
        """Write the deck shown as a CSV file or an Excel workbook, to edit in a spreadsheet
        and import again (which then offers to update this deck)."""
        from facilitator.decks import file as deck_file
        from facilitator.decks.exporting import export_csv, export_xlsx

        entry = self.current_entry()
        if entry is None or entry.deck is None:
            return None
        self.editor.flush()
        document = self.documents.get(entry.path)
        deck = document.deck if document is not None else entry.deck
        suffix = "." + kind
        name = deck_file.file_name_for(deck.title).removesuffix(SUFFIX) + suffix
        filters = "CSV (*.csv)" if kind == "csv" else "Excel workbook (*.xlsx)"
        path = self.dialogs.save_file(self.tr("Export deck"), name, filters)
        if path is None:
            return None
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        try:
            (export_csv if kind == "csv" else export_xlsx)(deck, path)
        except (FacilitatorError, OSError) as exc:
            self.dialogs.error(self.tr("Could not export the deck"), f"{path.name}: {exc}")
            return None
        self.banner.show_message(
            self.tr(
                "Exported {cards} to {path}. Edit it, then import it to update the deck."
            ).format(cards=plural(len(deck.cards), "card"), path=path),
            "info",
            ((self.tr("OK"), self.banner.hide),),
        )
        return path

    def duplicate_current(self) -> Path | None:
        from facilitator.decks.library import LibraryEntry, duplicate_deck

        entry = self.current_entry()
        if entry is None:
            return None
        if self.editor.document is not None:
            self.editor.flush()
        source = entry
        document = self.documents.get(entry.path)
        if document is not None:
            source = LibraryEntry(entry.path, entry.is_sample, document.deck)
        try:
            path = duplicate_deck(source)
        except FacilitatorError as exc:
            self._report(exc, self.tr("Could not duplicate the deck"))
            return None
        self._select(path)
        return path

    def rename_current(self) -> None:
        if self.editor.document is not None and not self.editor.document.read_only:
            self.editor.title.setFocus()
            self.editor.title.selectAll()

    def delete_current(self) -> Path | None:
        entry = self.current_entry()
        if entry is None or entry.is_sample or entry.is_external:
            return None
        document = self.documents.pop(entry.path, None)
        if document is not None:
            document.save_now()
        self.editor.set_document(None)
        from facilitator.decks.library import delete_deck

        try:
            trashed = delete_deck(entry.path)
        except FacilitatorError as exc:
            self._report(exc, self.tr("Could not delete the deck"))
            return None
        self.reload()
        self.library.select_first()
        self.banner.show_message(
            self.tr("Deleted “{0}”.").format(entry.title),
            "info",
            ((self.tr("Undo"), lambda: self.undo_delete(trashed, entry.path)),),
        )
        return trashed

    def undo_delete(self, trashed: Path, original: Path) -> None:
        from facilitator.decks.library import restore_deck

        try:
            restored = restore_deck(trashed, original)
        except FacilitatorError as exc:
            self._report(exc, self.tr("Could not restore the deck"))
            return
        self.banner.hide()
        self._select(restored)

    # Not type-checked below: the print dialog is imported lazily (start-up speed).
    def print_current(self):  # type: ignore[no-untyped-def]
        """Open the print dialog (not modal: the editor stays usable) with this deck ticked."""
        from facilitator.decks.library import list_decks
        from facilitator.ui.print_dialog import PrintDialog  # loads the print engine

        self.flush()
        entries = list_decks(opened=self._opened_files())
        current = self.current_entry()
        selected = [current.path] if current else []
        dialog = PrintDialog(entries, selected, self, dialogs=self.dialogs)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.print_dialog = dialog
        return dialog

    def reveal_current(self) -> None:
        entry = self.current_entry()
        folder = entry.path.parent if entry else user_decks_dir()
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def flush(self, quitting: bool = False) -> None:
        if self._editor is not None:
            self._editor.flush()
        for document in self.documents.values():
            if not document.save_now() and quitting and document.conflict:
                from facilitator.decks.library import add_deck

                # Their file stays as they wrote it; ours goes beside it, so nothing is lost.
                with contextlib.suppress(FacilitatorError):
                    add_deck(document.deck, document.path.parent)

    # --- drag and drop of files ----------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.open_dropped(Path(url.toLocalFile()))
        event.acceptProposedAction()

    def open_dropped(self, path: Path) -> Path | None:
        if path.name.endswith(SUFFIX):
            return self.open_deck_file(path)
        from facilitator.decks.importing import CSV_SUFFIXES
        from facilitator.decks.workbooks import WORKBOOK_SUFFIXES

        # A Numbers file goes to the importer too, which says how to export it as CSV.
        if path.suffix.lower() in (*CSV_SUFFIXES, ".txt", ".numbers", *WORKBOOK_SUFFIXES):
            return self.import_path(path)
        self.dialogs.error(
            self.tr("Cannot use this file"),
            self.tr("{0}: drop a .deck.json, .xlsx, .ods, .csv, .tsv or .txt file.").format(
                path.name
            ),
        )
        return None
