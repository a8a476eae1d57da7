"""The Events page: events by series, an event's details, tables and agenda; capture mode.

Planning and capture are two faces of one page: "Start capture" shows the capture screen for
the chosen event, "◀ Plan" comes back. Writes go through facilitator/ui/event_operations.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.agenda_copies import AgendaCopy, agenda_copies, update_copy
from facilitator.capture.resume import CaptureSpot
from facilitator.decks.library import list_decks
from facilitator.errors import FacilitatorError
from facilitator.event_pack import print_event_pack, suggested_pack_name
from facilitator.outcomes import Event
from facilitator.paths import db_path
from facilitator.print import PrintReport
from facilitator.reports import wording
from facilitator.store.validation import (
    MAX_TIMEBOX_MINUTES,
    RecordInvalid,
    next_month,
    parse_head_count,
)
from facilitator.ui import event_operations as ops
from facilitator.ui.capture import CapturePage
from facilitator.ui.capture.elided_label import ElidedComboBox
from facilitator.ui.capture.style import QUIET_INK, READ_ONLY_BANNER
from facilitator.ui.dialogs import Dialogs
from facilitator.ui.event_lifecycle import EventLifecycleBar
from facilitator.ui.reports_page import FOLDER_SETTING
from facilitator.ui.store_session import StoreSession
from facilitator.ui.when_field import WhenField

EVENT_ROLE = Qt.ItemDataRole.UserRole + 1
NO_SERIES = "Without a series"
DEFAULT_TIMEBOX = 15
DEFAULT_TABLES = 3
READ_ONLY_STATUS = "Read only"  # the banner above says why
LIST_WIDTH = 300  # the list of events, at first; the splitter lets it be dragged wider
TABLES_MAX_WIDTH = 200  # px: "Table 12" and its two buttons; the agenda takes the rest
NO_EVENTS = "No events yet: press New event to plan one (its tables, agenda and event pack)."
# Asked where to save the event pack; returns a path or "" to cancel. Injectable for tests.
PathChooser = Callable[[str], str]


def ask_pdf_path(suggested: str) -> str:
    path, _ = QFileDialog.getSaveFileName(None, "Save event pack", suggested, "PDF (*.pdf)")
    return path


def documents_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def note(text: str, parent: QWidget) -> QLabel:
    """A quiet sentence at the top of a box, saying what it holds."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(f"color:{QUIET_INK};")
    return label


def swatch(colour: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def event_label(event: Event) -> str:
    """Two lines for the list of events: the title, then when (and where)."""
    starts = wording.when(event.starts, short=True)  # the full date is in the tooltip
    return f"{event.title}\n{starts}" if starts else event.title


def resumed_text(title: str, capture: CapturePage) -> str:
    """One line for the status bar: capture is back where it was."""
    where = [title]
    table, item = capture.current_table, capture.current_item()
    if table is not None:
        where.append(table.name)
    row = capture.agenda_list.current_row()
    if item is not None:
        where.append(item.title + (f", {row.prompt}" if row is not None and row.prompt else ""))
    running = " (its timer running)" if capture.timer.timebox.running else ""
    return f"Resumed capture where you were: {' · '.join(where)}{running}."


def event_tooltip(event: Event) -> str:
    venue = " ".join(event.venue.split())  # a venue typed over several lines reads as one
    return "\n".join(line for line in (event.title, wording.when(event.starts), venue) if line)


class EventsPage(QWidget):
    """`statusChanged` carries the saved state ("Saved 21:04") for the main window."""

    statusChanged = Signal(str)

    def __init__(self, session: StoreSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.choose_pdf_path: PathChooser = ask_pdf_path
        self.dialogs = Dialogs(self)  # questions asked (tests replace it)
        self.copies: dict[str, AgendaCopy] = {}  # agenda item id -> its copy against the deck
        self.event_id = ""
        self._loading = False

        self.modes = QStackedWidget(self)
        self.planning = QWidget(self)
        self.capture = CapturePage(session, self)
        self.capture.backRequested.connect(self.show_planning)
        self.modes.addWidget(self.planning)
        self.modes.addWidget(self.capture)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.modes)

        # --- the list of events --------------------------------------------------------------
        # One column, two lines per event (title, then date and venue), elided in the
        # middle: events of one series share the start of their titles, not the end.
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setAccessibleName("Events by series")
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.tree.setIndentation(12)
        self.tree.setUniformRowHeights(False)
        self.tree.currentItemChanged.connect(self._on_tree_current)
        self.new_button = QPushButton("New event", self)
        self.new_button.clicked.connect(self.new_event)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.new_button)
        left_layout.addWidget(self.tree)
        QWidget.setTabOrder(self.new_button, self.tree)  # Tab goes down the page as it reads
        self.lifecycle = EventLifecycleBar(self)
        self.lifecycle.duplicateRequested.connect(self.duplicate_event)
        self.lifecycle.deleteRequested.connect(self.delete_event)
        self.lifecycle.undoRequested.connect(self.undo_delete)
        self.lifecycle.restoreRequested.connect(self.restore_event)
        self.lifecycle.menuAboutToShow.connect(self._fill_deleted)
        left_layout.addWidget(self.lifecycle)
        self._just_deleted = ""

        # --- the event's details -----------------------------------------------------------
        self.title = QLineEdit(self)
        self.series = QComboBox(self)
        self.series.setEditable(True)
        self.series.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.starts = WhenField(self)  # typed as a person writes it; Tab leaves at once
        self.venue = QLineEdit(self)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)
        self.title.textEdited.connect(lambda text: self._stage("title", text))
        self.series.editTextChanged.connect(lambda text: self._stage("series", text))
        self.starts.changed.connect(lambda value: self._stage("starts", value))
        self.starts.edit.editingFinished.connect(self._finish_field)
        self.venue.textEdited.connect(lambda text: self._stage("venue", text))
        self.notes.textChanged.connect(lambda: self._stage("notes", self.notes.toPlainText()))
        for field in (self.title, self.venue):
            field.editingFinished.connect(self._finish_field)
        details = QFormLayout()
        details.addRow("Title", self.title)
        details.addRow("Series", self.series)
        details.addRow("Date and time", self.starts)
        details.addRow("Venue", self.venue)
        details.addRow("Notes", self.notes)

        # --- tables ----------------------------------------------------------------------------
        self.table_list = QListWidget(self)
        self.table_list.setAccessibleName("Tables")
        self.table_list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table_list.itemChanged.connect(self._on_table_renamed)
        self.add_table_button = QPushButton("Add table", self)
        self.add_table_button.clicked.connect(self.add_table)
        self.remove_table_button = QPushButton("Remove table", self)
        self.remove_table_button.clicked.connect(self.remove_table)
        # Table names are short: the agenda beside them gets the room.
        tables_box = QGroupBox("Tables", self)
        tables_box.setMaximumWidth(TABLES_MAX_WIDTH)
        tables_layout = QVBoxLayout(tables_box)
        tables_layout.addWidget(note("Colours match the printed set marks.", self))
        tables_layout.addWidget(self.table_list)
        # The chosen table's head count: optional, typed, checked when the field is left.
        self.head_count = QLineEdit(self)
        self.head_count.setAccessibleName("Head count of the chosen table")
        self.head_count.setPlaceholderText("not counted")
        self.head_count.setMaximumWidth(110)
        self.head_count.editingFinished.connect(self._save_head_count)
        self.head_count_problem = QLabel(self)
        self.head_count_problem.setWordWrap(True)
        self.head_count_problem.setStyleSheet("color:#a04000;")
        self.head_count_problem.hide()
        self.table_list.currentItemChanged.connect(lambda *_: self._show_head_count())
        head_row = QHBoxLayout()
        self.head_count_label = QLabel("People", self)
        self.head_count_label.setBuddy(self.head_count)
        head_row.addWidget(self.head_count_label)
        head_row.addWidget(self.head_count)
        head_row.addStretch(1)
        tables_layout.addLayout(head_row)
        tables_layout.addWidget(self.head_count_problem)
        row = QHBoxLayout()
        row.addWidget(self.add_table_button)
        row.addWidget(self.remove_table_button)
        tables_layout.addLayout(row)

        # --- agenda --------------------------------------------------------------------------
        self.agenda = QTableWidget(0, 3, self)
        self.agenda.setHorizontalHeaderLabels(["Activity", "Kind", "Timebox"])
        self.agenda.setAccessibleName("Agenda")
        self.agenda.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.agenda.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.deck_choice = ElidedComboBox(self)
        self.deck_choice.setAccessibleName("Deck to add")
        self.timebox = QSpinBox(self)
        self.timebox.setRange(0, MAX_TIMEBOX_MINUTES)
        self.timebox.setValue(DEFAULT_TIMEBOX)
        self.timebox.setSuffix(" min")
        self.add_activity_button = QPushButton("Add to agenda", self)
        self.add_activity_button.clicked.connect(self.add_activity)
        self.up_button = QPushButton("Move up", self)
        self.up_button.clicked.connect(lambda: self.move_activity(-1))
        self.down_button = QPushButton("Move down", self)
        self.down_button.clicked.connect(lambda: self.move_activity(1))
        self.remove_activity_button = QPushButton("Remove", self)
        self.remove_activity_button.clicked.connect(self.remove_activity)
        self.update_deck_button = QPushButton("Update deck", self)
        self.update_deck_button.setToolTip(
            "Replace the activity's copy of its deck with the deck as it is now"
        )
        self.update_deck_button.clicked.connect(self.update_activity_deck)
        self.update_deck_button.hide()  # shown for an activity whose deck changed
        self.agenda.itemSelectionChanged.connect(self._show_update_button)
        agenda_box = QGroupBox("Agenda", self)
        agenda_layout = QVBoxLayout(agenda_box)
        agenda_layout.addWidget(note("Each activity keeps a copy of its deck as it is now.", self))
        agenda_layout.addWidget(self.agenda)
        add_row = QHBoxLayout()  # the deck, its timebox and the button that adds it, together
        add_row.addWidget(self.deck_choice, 1)
        add_row.addWidget(self.timebox)
        add_row.addWidget(self.add_activity_button)
        agenda_layout.addLayout(add_row)
        move_row = QHBoxLayout()
        move_row.addWidget(self.up_button)
        move_row.addWidget(self.down_button)
        move_row.addWidget(self.remove_activity_button)
        move_row.addStretch(1)
        move_row.addWidget(self.update_deck_button)
        agenda_layout.addLayout(move_row)

        # --- actions -----------------------------------------------------------------------------
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.print_button = QPushButton("Print event pack…", self)
        self.print_button.clicked.connect(self.print_pack)
        self.capture_button = QPushButton("Start capture ▶", self)
        self.capture_button.setDefault(True)
        self.capture_button.clicked.connect(self.start_capture)
        actions = QHBoxLayout()
        actions.addWidget(self.message, 1)
        actions.addWidget(self.print_button)
        actions.addWidget(self.capture_button)

        # Said first, before anything can be typed: this copy cannot write.
        self.read_only_banner = QLabel(self)
        self.read_only_banner.setStyleSheet(READ_ONLY_BANNER)
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.read_only_banner.setSizePolicy(
            QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum
        )
        self.read_only_banner.hide()

        self.editor = QWidget(self)
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.addLayout(details)
        lower = QHBoxLayout()
        lower.addWidget(tables_box, 0)
        lower.addWidget(agenda_box, 1)
        editor_layout.addLayout(lower, 1)
        editor_layout.addLayout(actions)

        # With no events yet, a sentence says what to do instead of an empty form.
        self.no_events = QLabel(NO_EVENTS, self)
        self.no_events.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_events.setWordWrap(True)
        self.no_events.setAccessibleName("No events yet")
        self.faces = QStackedWidget(self)
        self.faces.addWidget(self.no_events)
        self.faces.addWidget(self.editor)

        splitter = QSplitter(Qt.Orientation.Horizontal, self.planning)
        splitter.addWidget(left)
        splitter.addWidget(self.faces)
        # A smaller window narrows the list too, not only the event, so the agenda keeps room.
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([LIST_WIDTH, 1200 - LIST_WIDTH])
        splitter.setChildrenCollapsible(False)
        planning_layout = QVBoxLayout(self.planning)
        planning_layout.setContentsMargins(6, 6, 6, 6)
        planning_layout.addWidget(self.read_only_banner)
        planning_layout.addWidget(splitter)

        session.changed.connect(self._on_store_changed)
        session.statusTextChanged.connect(self.statusChanged)
        self._loaded = False

    # --- loading -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.reload()
        self.statusChanged.emit(self.status_message())

    def status_message(self) -> str:
        """What the status line says while this page shows: read only, or the saved state."""
        if not self.session.is_open:
            return "The database cannot be opened" if self.session.open_error else ""
        if self.session.read_only_reason:
            return READ_ONLY_STATUS
        return self.session.save_status().short_text()

    def reload(self) -> None:
        """Fill the event list and deck choice; shows why when the database cannot be read."""
        self._loaded = True
        self._fill_decks()
        store = self.session.open_store()
        if store is None:
            self._say(f"The database cannot be opened: {self.session.open_error}")
            self.no_events.setText(self.message.text())
            self.editor.setEnabled(False)
            self.new_button.setEnabled(False)
            return
        if store.read_only_reason:
            self.read_only_banner.setText(
                f"Read only: {store.read_only_reason}. Close the other copy and reopen "
                "Facilitator to plan or record."
            )
            self.read_only_banner.show()
            self.new_button.setEnabled(False)
        self._fill_tree(store.list_events())
        self._show_latest_if_none()

    def _show_latest_if_none(self) -> None:
        """Show the newest event when none is shown yet; with none at all, say what to do."""
        if self.event_id:
            return
        store = self.session.store()
        events = store.list_events()
        if events:
            self.show_event(events[-1].id)
            return
        self.no_events.setText(NO_EVENTS if not store.read_only_reason else "No events yet.")
        self.faces.setCurrentWidget(self.no_events)

    def _fill_decks(self) -> None:
        """The deck choice as the library is now, keeping the deck chosen if it is still there."""
        chosen = self.deck_choice.currentData()
        self.deck_choice.blockSignals(True)
        self.deck_choice.clear()
        for entry in list_decks():
            if entry.deck is not None:
                label = f"{entry.deck.title} ({entry.deck.kind.label})"
                self.deck_choice.addItem(label, entry)
                if chosen is not None and entry.path == chosen.path:
                    self.deck_choice.setCurrentIndex(self.deck_choice.count() - 1)
        self.deck_choice.blockSignals(False)

    def library_changed(self) -> None:
        """A deck was made, changed or deleted: the deck choice and the agenda's notices follow."""
        if not self._loaded:
            return
        self._fill_decks()
        planning = self.modes.currentWidget() is self.planning
        typing = self.agenda.isAncestorOf(self.window().focusWidget())  # a timebox being typed
        if self.event_id and self.session.is_open and planning and not typing:
            self._fill_agenda()

    def _fill_tree(self, events: list[Event]) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for event in events:
            name = event.series or NO_SERIES
            group = groups.get(name)
            if group is None:
                group = QTreeWidgetItem(self.tree, [name])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                groups[name] = group
            child = QTreeWidgetItem(group, [event_label(event)])
            child.setData(0, EVENT_ROLE, event.id)
            child.setToolTip(0, event_tooltip(event))
            if event.id == self.event_id:
                self.tree.setCurrentItem(child)
        self.tree.expandAll()
        self.tree.blockSignals(False)
        names = self.session.store().list_series()
        if names != [self.series.itemText(i) for i in range(self.series.count())]:
            self.series.blockSignals(True)
            current = self.series.currentText()
            self.series.clear()
            self.series.addItems(names)
            self.series.setEditText(current)
            self.series.blockSignals(False)

    def _on_tree_current(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        event_id = item.data(0, EVENT_ROLE) if item is not None else None
        if event_id:
            self.session.flush()
            self.show_event(event_id)

    def show_event(self, event_id: str) -> None:
        store = self.session.store()
        event = store.get_event(event_id)
        self.event_id = event_id
        self._loading = True
        self.editor.setEnabled(True)
        self.faces.setCurrentWidget(self.editor)
        self.lifecycle.show_event_actions(True)
        self.title.setText(self._pending_or("title", event.title))
        self.series.setEditText(self._pending_or("series", event.series))
        self.starts.set_starts(self._pending_or("starts", event.starts))
        self.venue.setText(self._pending_or("venue", event.venue))
        self.notes.setPlainText(self._pending_or("notes", event.notes))
        self._loading = False
        self._fill_tables()
        self._fill_agenda()
        writable = not store.read_only_reason
        for widget in (
            self.title,
            self.series,
            self.starts,
            self.venue,
            self.notes,
            self.add_table_button,
            self.remove_table_button,
            self.add_activity_button,
            self.up_button,
            self.down_button,
            self.remove_activity_button,
        ):
            widget.setEnabled(writable)

    def _pending_or(self, field: str, stored: str) -> str:
        found, value = self.session.pending(("event", self.event_id, field))
        return str(value) if found else stored

    def _fill_tables(self) -> None:
        current = self.table_list.currentRow()
        self.table_list.blockSignals(True)
        self.table_list.clear()
        for table in self.session.store().list_tables(self.event_id):
            item = QListWidgetItem(swatch(table.colour), table.name, self.table_list)
            item.setData(EVENT_ROLE, table.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            people = f" · {table.head_count} people" if table.head_count else ""
            item.setToolTip(f"Set {table.number}{people}")
        self.table_list.setCurrentRow(max(0, min(current, self.table_list.count() - 1)))
        self.table_list.blockSignals(False)
        self._show_head_count()

    def _show_head_count(self) -> None:
        item = self.table_list.currentItem()
        self.head_count.setEnabled(item is not None and not self.session.read_only_reason)
        self.head_count_problem.hide()
        if item is None:
            self.head_count.clear()
            return
        table = self.session.store().get_table(item.data(EVENT_ROLE))
        self.head_count_label.setText(f"People at {table.name}")
        self.head_count.setText("" if table.head_count is None else str(table.head_count))

    def _save_head_count(self) -> None:
        """Save the head count typed; anything but a small whole number is said, not saved."""
        item = self.table_list.currentItem()
        if item is None:
            return
        table_id = item.data(EVENT_ROLE)
        try:
            count = parse_head_count(self.head_count.text())
        except RecordInvalid as exc:
            self.head_count_problem.setText(f"{exc}.")  # what was typed stays in the field
            self.head_count_problem.show()
            return
        self.head_count_problem.hide()
        self._run(
            lambda: ops.set_head_count(
                self.session, table_id=table_id, head_count=count, origin=self
            )
        )

    def _fill_agenda(self) -> None:
        store = self.session.store()
        items = store.list_agenda(self.event_id)
        selected = self.agenda.currentRow()
        self.copies = {c.item.id: c for c in agenda_copies(store, self.event_id)}
        self.agenda.blockSignals(True)
        self.agenda.setRowCount(len(items))
        for row, item in enumerate(items):
            copy = self.copies.get(item.id)
            title = QTableWidgetItem(item.title)
            title.setData(EVENT_ROLE, item.id)
            if copy is not None and copy.changes is not None:
                # Said in words beside the title, so it is read whatever the colours.
                title.setText(f"{item.title}  ⚠ deck changed since it was added")
                title.setToolTip(
                    "The deck changed since this activity was added; the event keeps its copy "
                    f"until you update it: {copy.changes.summary()}."
                )
            self.agenda.setItem(row, 0, title)
            self.agenda.setItem(row, 1, QTableWidgetItem(item.kind.label))
            spin = QSpinBox(self.agenda)
            spin.setRange(0, MAX_TIMEBOX_MINUTES)
            spin.setValue(item.timebox_minutes)
            spin.setSuffix(" min")
            spin.setAccessibleName(f"Timebox of {item.title}")
            spin.setEnabled(not self.session.read_only_reason)
            spin.editingFinished.connect(lambda s=spin, i=item.id: self._set_timebox(i, s.value()))
            self.agenda.setCellWidget(row, 2, spin)
        self.agenda.blockSignals(False)
        if 0 <= selected < len(items):
            self.agenda.selectRow(selected)
        self._show_update_button()

    def _selected_copy(self) -> AgendaCopy | None:
        row = self.agenda.currentRow()
        ids = self.agenda_ids()
        return self.copies.get(ids[row]) if 0 <= row < len(ids) else None

    def _show_update_button(self) -> None:
        copy = self._selected_copy()
        stale = copy is not None and copy.stale
        self.update_deck_button.setVisible(stale)
        if copy is not None and stale:
            self.update_deck_button.setText("Update deck" if copy.can_update else "What changed…")
            self.update_deck_button.setEnabled(not self.session.read_only_reason)

    def update_activity_deck(self) -> None:
        """Take the deck as it is now into the selected activity; once tables have recorded
        outcomes for it, show what differs instead (their codes name the copy's cards)."""
        copy = self._selected_copy()
        if copy is None or copy.changes is None:
            return
        if not copy.can_update:
            self.dialogs.problems(
                "What changed in the deck",
                f"Tables recorded {copy.recorded} outcome(s) for “{copy.item.title}” with the "
                "copy it has, so it keeps that copy. The deck has changed since:",
                copy.changes.lines(),
            )
            return
        store = self.session.store()
        updated = self._run(lambda: update_copy(store, copy.item.id))
        if updated:
            self.session.notify_changed(self)
            self._fill_agenda()
            self._say(f"“{copy.item.title}” now has the deck as it is: {copy.changes.summary()}.")

    def agenda_ids(self) -> list[str]:
        items = (self.agenda.item(r, 0) for r in range(self.agenda.rowCount()))
        return [item.data(EVENT_ROLE) for item in items if item is not None]

    # --- actions -------------------------------------------------------------------------------

    def _run(self, action: Callable[[], object]) -> object:
        """Run a store action; a refusal is shown as its sentence, and nothing changed."""
        try:
            result = action()
        except FacilitatorError as exc:
            self._say(str(exc))
            return None
        self._say("")
        return result

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def new_event(self) -> None:
        series = self.series.currentText() if self.event_id else ""
        now = datetime.now().replace(hour=18, minute=30, second=0, microsecond=0)
        event = self._run(
            lambda: ops.create_event(
                self.session,
                title="New event",
                series=series,
                starts=now.strftime("%Y-%m-%dT%H:%M"),
                table_count=DEFAULT_TABLES,
                origin=self,
            )
        )
        if isinstance(event, Event):
            self.event_id = event.id
            self._fill_tree(self.session.store().list_events())
            self.show_event(event.id)
            self.title.setFocus()
            self.title.selectAll()

    def _stage(self, field: str, value: str) -> None:
        if self._loading or not self.event_id:
            return
        ops.stage_event_field(
            self.session, event_id=self.event_id, field=field, value=value, origin=self
        )

    def _finish_field(self) -> None:
        self.session.flush()
        self._say(self.session.open_error if self.session.has_pending() else "")

    # --- the event's life: duplicate, delete, undo, restore -------------------------------------

    def duplicate_event(self) -> None:
        """The same evening next month: the copy is shown, its date ready to be changed."""
        if not self.event_id:
            return
        starts = next_month(self.session.store().get_event(self.event_id).starts)
        copy = self._run(
            lambda: ops.duplicate_event(
                self.session, event_id=self.event_id, starts=starts, origin=self
            )
        )
        if isinstance(copy, Event):
            self._show_other(copy.id)
            self._say(f"A copy with the same tables and agenda, four weeks on: {copy.title}.")
            self.starts.setFocus()

    def delete_event(self) -> None:
        if not self.event_id:
            return
        event = self.session.store().get_event(self.event_id)
        deleted_id = self.event_id
        self._run(lambda: ops.delete_event(self.session, event_id=deleted_id, origin=self))
        if self.message.text():
            return  # refused: the sentence says why
        self._just_deleted = deleted_id
        self.event_id = ""
        self._fill_tree(self.session.store().list_events())
        self._show_latest_if_none()
        self.lifecycle.undo_button.show()
        said = f'Deleted "{event.title}". Undo delete, or Deleted ▸ brings it back.'
        self._say(said)
        if self.faces.currentWidget() is self.no_events:  # the last one: say it there too
            self.no_events.setText(f"{said}\n\n{NO_EVENTS}")
            self.lifecycle.show_event_actions(False)

    def undo_delete(self) -> None:
        if self._just_deleted:
            self.restore_event(self._just_deleted)

    def restore_event(self, event_id: str) -> None:
        event = self._run(lambda: ops.restore_event(self.session, event_id=event_id, origin=self))
        if isinstance(event, Event):
            self._show_other(event.id)
            self._say(f'Restored "{event.title}" with its tables, agenda and outcomes.')

    def _show_other(self, event_id: str) -> None:
        self._just_deleted = ""
        self.lifecycle.undo_button.hide()
        self.event_id = event_id
        self._fill_tree(self.session.store().list_events())
        self.show_event(event_id)

    def _fill_deleted(self) -> None:
        self.lifecycle.show_deleted(self.session.store().deleted_events())

    def add_table(self) -> None:
        if self._run(lambda: ops.add_table(self.session, event_id=self.event_id, origin=self)):
            self._fill_tables()

    def remove_table(self) -> None:
        item = self.table_list.currentItem() or self.table_list.item(self.table_list.count() - 1)
        if item is None:
            return
        table_id = item.data(EVENT_ROLE)
        self._run(lambda: ops.remove_table(self.session, table_id=table_id, origin=self))
        self._fill_tables()

    def _on_table_renamed(self, item: QListWidgetItem) -> None:
        table_id, name = item.data(EVENT_ROLE), item.text()
        self._run(lambda: ops.rename_table(self.session, table_id=table_id, name=name, origin=self))
        self._fill_tables()

    def add_activity(self) -> None:
        entry = self.deck_choice.currentData()
        if entry is None or entry.deck is None:
            return
        minutes = self.timebox.value()
        added = self._run(
            lambda: ops.add_activity(
                self.session,
                event_id=self.event_id,
                deck=entry.deck,
                timebox_minutes=minutes,
                origin=self,
                source=str(entry.path),
            )
        )
        if added:
            self._fill_agenda()
            self.agenda.selectRow(self.agenda.rowCount() - 1)

    def move_activity(self, delta: int) -> None:
        row = self.agenda.currentRow()
        ids = self.agenda_ids()
        target = row + delta
        if row < 0 or not 0 <= target < len(ids):
            return
        ids.insert(target, ids.pop(row))
        self._run(
            lambda: ops.reorder_agenda(
                self.session, event_id=self.event_id, item_ids=ids, origin=self
            )
        )
        self._fill_agenda()
        self.agenda.selectRow(target)

    def remove_activity(self) -> None:
        row = self.agenda.currentRow()
        if row < 0:
            return
        item_id = self.agenda_ids()[row]
        self._run(lambda: ops.remove_activity(self.session, item_id=item_id, origin=self))
        self._fill_agenda()

    def _set_timebox(self, item_id: str, minutes: int) -> None:
        self._run(
            lambda: ops.set_timebox(self.session, item_id=item_id, minutes=minutes, origin=self)
        )

    def print_pack(self) -> None:
        if not self.event_id:
            return
        self.session.flush()
        store = self.session.store()
        stale = [c for c in agenda_copies(store, self.event_id) if c.stale]
        if stale and not self.dialogs.confirm(
            "Print old copies?",
            "The deck of "
            + ", ".join(f"“{c.item.title}”" for c in stale)
            + " changed since it was added to the agenda. The pack prints the copies the event "
            "keeps, not the decks as they are now. Print the copies anyway? (To print the "
            "changed deck, select the activity and press Update deck first.)",
            "Print copies",
        ):
            return
        # Named and placed as the reports are: their folder (Documents at first), their slug.
        folder = Path(str(QSettings().value(FOLDER_SETTING, "") or documents_folder()))
        path = self.choose_pdf_path(str(folder / suggested_pack_name(store, self.event_id)))
        if not path:
            return
        report = self._run(lambda: print_event_pack(store, self.event_id, path))
        if isinstance(report, PrintReport):
            QSettings().setValue(FOLDER_SETTING, str(Path(path).parent))
            warnings = "; ".join(report.warnings)
            self._say(
                f"Saved the event pack, {report.pages} pages, to {path}"
                + (f". Check: {warnings}" if warnings else ".")
            )

    def start_capture(self) -> None:
        if not self.event_id:
            return
        self.session.flush()
        if self.capture.open_event(self.event_id):
            self.modes.setCurrentWidget(self.capture)
            self.capture.agenda_list.setFocus()

    def resume_capture(self, spot: CaptureSpot) -> str:
        """Reopen capture where `spot` says; the status line's sentence, or "" when it cannot
        (another database, an event since deleted, a database that cannot be opened)."""
        store = self.session.open_store()
        if store is None or spot.database != str(db_path()):
            return ""
        try:
            event = store.get_event(spot.event_id)
        except FacilitatorError:
            self.capture.forget()
            return ""
        self.show_event(event.id)
        self.start_capture()
        if self.modes.currentWidget() is not self.capture:
            return ""
        self.capture.resume(spot)
        return resumed_text(event.title, self.capture)

    def show_planning(self) -> None:
        self.modes.setCurrentWidget(self.planning)
        if self.event_id:
            self._fill_tree(self.session.store().list_events())
            self.show_event(self.event_id)

    def _on_store_changed(self, origin: object) -> None:
        if not self._loaded or self.modes.currentWidget() is not self.planning:
            return  # capturing: the list is refreshed on the way back to planning
        store = self.session.open_store()
        if store is None:
            return
        if store.writable:  # reloaded, or the disk came back: the banner no longer holds
            self.read_only_banner.hide()
            self.new_button.setEnabled(True)
        self._fill_tree(store.list_events())
        self._show_latest_if_none()  # an event merged in from another laptop
        if origin is self:
            return
        if self.event_id and self.modes.currentWidget() is self.planning:
            self._fill_tables()
            self._fill_agenda()


__all__ = ["EventsPage"]
