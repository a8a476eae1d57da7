"""Capture mode: tables across the top (keys 1–9), the agenda down the left, the capture area.

Wiring only: what a keypress means lives in the panels and in facilitator/capture/; saving
goes through the session's autosave (facilitator/ui/capture/operations.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QFontMetrics,
    QHideEvent,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenuBar,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator.capture import rank_drafts
from facilitator.capture.autosave import SaveState, SaveStatus
from facilitator.capture.progress import ItemState, state_of
from facilitator.capture.prompt_entry import VERDICT_KEYS
from facilitator.capture.resume import CaptureSpot, SavedTimer, forget_spot, save_spot
from facilitator.capture.timebox import Timebox
from facilitator.capture.undo import UndoHistory, Version
from facilitator.decks.model import ActivityKind, Deck
from facilitator.outcomes import (
    AgendaItem,
    MatchResult,
    OutcomeStatus,
    PromptsResult,
    RankResult,
    Result,
    Table,
    Verdict,
    verdict_label,
)
from facilitator.paths import data_dir, db_path
from facilitator.reports import wording
from facilitator.ui.capture.agenda_list import AgendaList, AgendaRow, row_label
from facilitator.ui.capture.elided_label import ElidedLabel
from facilitator.ui.capture.match_panel import MatchPanel
from facilitator.ui.capture.operations import (
    current_result,
    current_version,
    outcome_key,
    stage_outcome,
    status_of,
)
from facilitator.ui.capture.prompt_panel import PromptPanel
from facilitator.ui.capture.rank_panel import RankPanel
from facilitator.ui.capture.room_display import RoomDisplay
from facilitator.ui.capture.side_by_side import SideBySide
from facilitator.ui.capture.style import (
    BODY_PT,
    FAIL_BANNER,
    HEADING_PT,
    NOT_SAVED_INK,
    QUIET_INK,
    READ_ONLY_BANNER,
    font,
    text_on,
)
from facilitator.ui.capture.timer_widget import TimerWidget
from facilitator.ui.store_session import StoreSession

KEYS_HINT = (
    "1–9 table · ↑↓ activity · Enter type · Esc back to the list · "
    "V all tables · S timer · + two minutes · Y N D C X verdict · Del clear · "
    "Ctrl+Z undo · F11 full screen · F12 room display"
)
MAX_TABLE_KEYS = 9
BEEP_GAP_S = 3.0  # one beep for one 0:00, though two clocks may notice it
UNDONE = "the previous version is back (Ctrl+Shift+Z: redo)"
REDONE = "redone (Ctrl+Z: undo)"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
REDO_KEYS = CTRL_SHIFT | Qt.Key.Key_Z  # Ctrl+Shift+Z, whatever the platform's redo is
UNCHOSEN_INK = "#3a414a"
AGENDA_MIN_WIDTH = 240  # "not started · 0/3" on one line at 1024 px
CHOSEN_OUTLINE = "#1b1b1b"
TABLE_BUTTON_PADDING = 2 * 14 + 2 * 3 + 8  # the style's padding and border, and a margin


class ArrowKeeper(QObject):
    """Lets a list or grid keep ↑ and ↓ for moving within itself (the capture page's window-wide
    ↑ ↓ would otherwise take them); elsewhere ↑ ↓ choose the activity."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if plain and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                event.accept()  # the widget's own key, not a shortcut
                return True
        return False


class ClosingWatcher(QObject):
    """Calls `on_close` when the window it watches is about to close (before the window saves
    its place, so a window closed in full-screen capture does not reopen full screen)."""

    def __init__(self, on_close: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.on_close = on_close

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.on_close()
        return False


def table_button_style(colour: str) -> str:
    """The chosen table filled in its set colour, bold, outlined; the others only outlined."""
    return (
        f"QPushButton {{ background:white; color:{UNCHOSEN_INK}; font-weight:normal;"
        f" border:3px solid {colour}; border-radius:6px; padding:4px 14px; }}"
        f"QPushButton:checked {{ background:{colour}; color:{text_on(colour)}; font-weight:bold;"
        f" border:3px solid {CHOSEN_OUTLINE}; }}"
    )


# A widget laid over capture (the F1 key sheet) sets this property to keep the focus it takes.
HOLDS_FOCUS_OVER_CAPTURE = "holdsFocusOverCapture"


class CapturePage(QWidget):
    """Records each table's outcome for the event shown; `backRequested` returns to planning."""

    backRequested = Signal()
    fullScreenChanged = Signal(bool)  # the window shows capture alone (no page list), or not

    def __init__(self, session: StoreSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.wall_clock: Callable[[], float] = time.time  # timers are kept by wall clock
        self.full_screen = False
        self._window_state = Qt.WindowState.WindowNoState
        self.room: RoomDisplay | None = None
        self._spot: CaptureSpot | None = None  # the spot last written for a resume
        self._resuming = False
        self._beeped_at = float("-inf")
        self._closing_watcher: ClosingWatcher | None = None
        self.event_id = ""
        self.tables: list[Table] = []
        self.agenda: dict[str, AgendaItem] = {}
        self.table_index = 0
        self.showing_all = False
        self.timeboxes: dict[str, Timebox] = {}
        self._timer_item = ""
        self.history = UndoHistory()
        # No Tab stop of its own: the focus always sits on something that shows it.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        # --- header: back, event, tables, timer, saved state --------------------------------
        self.back_button = QPushButton("◀ Plan", self)
        self.back_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.back_button.clicked.connect(self._back)
        # Title above, date and saved state below: a long title is shortened with "…" and
        # never pushes the window wider than a small laptop screen, nor hides the date.
        self.event_label = ElidedLabel(self)
        self.event_label.setFont(font(HEADING_PT, bold=True))
        self.when_label = ElidedLabel(self)
        self.when_label.setFont(font(BODY_PT))
        self.when_label.setStyleSheet(f"color:{QUIET_INK};")
        self.table_bar = QHBoxLayout()
        self.table_bar.setSpacing(6)
        self.table_buttons: list[QPushButton] = []
        self.timer = TimerWidget(self)
        self.saved_label = QLabel("", self)
        self.saved_label.setFont(font(BODY_PT))
        self.saved_label.setStyleSheet(f"color:{QUIET_INK};")
        self.saved_label.setAccessibleName("Saved state")
        self.saved_label.setTextFormat(Qt.TextFormat.PlainText)
        self.all_button = QPushButton("All tables [V]", self)
        self.all_button.setCheckable(True)
        self.all_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.all_button.setFont(font(BODY_PT))
        self.all_button.clicked.connect(lambda: self.toggle_all_tables())

        under_title = QHBoxLayout()
        under_title.setSpacing(0)
        under_title.addWidget(self.when_label, 0)
        under_title.addSpacing(24)
        under_title.addWidget(self.saved_label, 0)
        under_title.addStretch(1)
        heading = QVBoxLayout()
        heading.setSpacing(0)
        heading.addWidget(self.event_label)
        heading.addLayout(under_title)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addSpacing(4)
        top.addLayout(heading, 1)
        top.addSpacing(12)
        top.addWidget(self.timer)
        tables_row = QHBoxLayout()
        tables_row.addLayout(self.table_bar)
        tables_row.addStretch(1)
        tables_row.addWidget(self.all_button)

        # --- banners: a failed save (red), a read-only database (amber) ---------------------
        self.fail_banner = QLabel(self)
        self.fail_banner.setStyleSheet(FAIL_BANNER)
        self.fail_banner.setWordWrap(True)
        self.fail_banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.fail_banner.hide()
        self.read_only_banner = QLabel(self)
        self.read_only_banner.setStyleSheet(READ_ONLY_BANNER)
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setSizePolicy(
            QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum
        )
        self.read_only_banner.hide()

        # --- body: agenda | capture area ----------------------------------------------------
        self.agenda_list = AgendaList(self)
        self.agenda_list.setMinimumWidth(AGENDA_MIN_WIDTH)
        self.agenda_list.setMaximumWidth(300)
        self.agenda_list.currentItemChanged.connect(lambda *_: self._show_current())
        self.agenda_list.enterPressed.connect(self.focus_capture_area)
        self.agenda_list.deleteRequested.connect(self.clear_outcome)
        self.heading = QLabel(self)
        self.heading.setFont(font(HEADING_PT, bold=True))
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.rank_panel = RankPanel(self)
        self.match_panel = MatchPanel(self)
        self.prompt_panel = PromptPanel(self)
        self.side_by_side = SideBySide(self)
        self.empty = QLabel("Add activities to the agenda to capture them.", self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setFont(font(HEADING_PT))
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget(self)
        for panel in (
            self.empty,
            self.rank_panel,
            self.match_panel,
            self.prompt_panel,
            self.side_by_side,
        ):
            self.stack.addWidget(panel)
        # Typing an order keeps it in progress; Enter, leaving the box or a drag commits it.
        self.rank_panel.edited.connect(lambda r: self._on_edited(r, OutcomeStatus.IN_PROGRESS))
        self.rank_panel.settled.connect(self._on_settled)
        self.rank_panel.committed.connect(self.session.flush)
        self.match_panel.edited.connect(
            lambda r: self._on_edited(r, OutcomeStatus.RECORDED if self.match_panel.done else None)
        )
        # "Done with what it has" is a decision, not typing: saved at once.
        self.match_panel.grid.doneRequested.connect(self.session.flush)
        self.match_panel.done_button.clicked.connect(self.session.flush)
        self.prompt_panel.edited.connect(lambda r: self._on_edited(r, None))

        area = QVBoxLayout()
        area.addWidget(self.heading)
        area.addWidget(self.stack, 1)
        body = QHBoxLayout()
        body.addWidget(self.agenda_list, 1)  # narrower on a small screen, never too narrow
        body.addSpacing(8)
        body.addLayout(area, 4)
        hint = QLabel(KEYS_HINT, self)
        hint.setStyleSheet(f"color:{QUIET_INK};")
        hint.setFont(font(BODY_PT - 2))
        hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.addLayout(top)
        layout.addLayout(tables_row)
        layout.addWidget(self.fail_banner)
        layout.addWidget(self.read_only_banner)
        layout.addLayout(body, 1)
        layout.addWidget(hint)

        self._build_shortcuts()
        self._arrow_keeper = ArrowKeeper(self)
        for widget in (
            self.rank_panel.levels,
            self.rank_panel.left_out_cards,
            self.match_panel.grid,
        ):
            widget.installEventFilter(self._arrow_keeper)
        self.timer.changed.connect(self._on_timer_changed)
        self.timer.ranOut.connect(self._on_time_up)
        session.saveStatusChanged.connect(self._show_save_status)
        session.changed.connect(self._on_store_changed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
            # Ctrl+Z in a text box of capture restores the outcome, not the box's last typing.
            app.installEventFilter(self)

    # --- keys ------------------------------------------------------------------------------

    def _key(self, text: str, keys: Sequence[str], action: Callable[[], object]) -> QAction:
        """One capture command, named for the help page (which lists `actions()`).

        Its keys act in the whole window while capture shows, whatever has the focus (the page
        list too); a text box keeps the letters and digits it types, a list or grid its arrows.
        """
        command = QAction(text, self)
        command.setShortcuts([QKeySequence(k) for k in keys])
        command.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        command.triggered.connect(lambda _checked=False: action())
        self.addAction(command)
        return command

    def _shortcut(self, keys: str, action: Callable[[], object], text: str = "") -> QAction:
        return self._key(text or keys, [keys], action)

    def _build_shortcuts(self) -> None:
        # Single keys act when the cursor is not in a text box (text boxes take their letters);
        # Alt+ versions work from anywhere.
        for n in range(1, MAX_TABLE_KEYS + 1):
            self._key(
                # Not type-checked below: a lambda binding the loop value.
                f"Choose table {n}",
                [str(n), f"Alt+{n}"],
                lambda n=n: self.select_table(n - 1),  # type: ignore[misc]
            )
        self._key("Previous activity", ["Up", "Alt+Up"], lambda: self._step(-1))
        self._key("Next activity", ["Down", "Alt+Down"], lambda: self._step(1))
        self._key("Back to the agenda (again: leave full screen)", ["Escape"], self._escape)
        self._key("All tables side by side", ["V", "Alt+V"], self.toggle_all_tables)
        self._key("Start or pause the timebox timer", ["S", "Alt+S"], self.timer.toggle)
        self._key("Two more minutes", ["+", "=", "Alt++", "Alt+="], self.timer.add_two_minutes)
        self.full_screen_action = self._key("Full screen", ["F11"], self.toggle_full_screen)
        self.room_action = self._key("Room display", ["F12"], self.toggle_room_display)
        self.verdict_shortcuts = [
            self._shortcut(
                key,
                # Not type-checked below: a lambda binding the loop value.
                lambda v=verdict: self._verdict_key(v),  # type: ignore[misc]
                f"Prompt verdict: {verdict_label(verdict)}",
            )
            for verdict, key in VERDICT_KEYS.items()
        ]
        # Delete takes a verdict back (text boxes keep their own Delete); on the agenda row
        # it clears the table's answer to that prompt (on other rows the agenda list does it).
        self.verdict_shortcuts.append(
            self._shortcut(
                "Delete",
                lambda: self._verdict_key(None),
                "Take the verdict back (on the agenda row: clear this table's outcome)",
            )
        )
        self.undo_action = self._key(
            "Undo: the previous saved version of this outcome", ["Ctrl+Z"], self.undo
        )
        self.redo_action = self._key("Redo", ["Ctrl+Shift+Z", "Ctrl+Y"], self.redo)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # In a text box Ctrl+Z would undo its last keystrokes; in capture it restores the
        # outcome's previous saved version, as everywhere else on the page.
        is_text_key = event.type() == QEvent.Type.KeyPress and isinstance(
            watched, (QLineEdit, QPlainTextEdit)
        )
        # Not type-checked below: watched is a QObject; it is a widget when it is a text box.
        if is_text_key and self.isVisible() and self.isAncestorOf(watched):  # type: ignore[arg-type]
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Undo):
                self.undo()
                return True
            if event.matches(QKeySequence.StandardKey.Redo) or event.keyCombination() == REDO_KEYS:
                self.redo()
                return True
        return super().eventFilter(watched, event)

    def _verdict_key(self, verdict: Verdict | None) -> None:
        # A verdict is a decision, not typing: saved at once.
        if verdict is None and self.agenda_list.hasFocus():
            self.clear_outcome()
            return
        if verdict is None:
            self.prompt_panel.clear_verdict()
        else:
            self.prompt_panel.set_verdict(verdict)
        self.history.settle()
        self.session.flush()

    def focus_agenda(self) -> None:
        self.session.flush()
        self.agenda_list.setFocus()

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab go round capture's own fields, never out to the page list."""
        start = QApplication.focusWidget()
        if start is None or not self.isAncestorOf(start):
            return super().focusNextPrevChild(next)
        widget: QWidget | None = start
        while widget is not None:
            widget = widget.nextInFocusChain() if next else widget.previousInFocusChain()
            if widget is None or widget is start:
                return True
            if (
                self.isAncestorOf(widget)
                and widget.isVisible()
                and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                reason = (
                    Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
                )
                widget.setFocus(reason)
                return True
        return True

    def _escape(self) -> None:
        if self.full_screen and self.agenda_list.hasFocus():
            self.set_full_screen(False)
        else:
            self.focus_agenda()

    # --- full screen and the room display ----------------------------------------------------

    def toggle_full_screen(self) -> None:
        self.set_full_screen(not self.full_screen)

    def set_full_screen(self, on: bool) -> None:
        """Capture alone on the whole screen (the window hides its page list), or back."""
        if on == self.full_screen:
            return
        window = self.window()
        self.full_screen = on
        if on:
            self._window_state = window.windowState() & ~Qt.WindowState.WindowFullScreen
            window.showFullScreen()
        else:
            window.setWindowState(self._window_state)
            window.show()
        self.full_screen_action.setText("Leave full screen" if on else "Full screen")
        if not on and self.room is not None and self.room.covering:
            self.room.hide()  # it covered full-screen capture: the window is back
        self.fullScreenChanged.emit(on)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._closing_watcher is None:
            self._closing_watcher = ClosingWatcher(lambda: self.set_full_screen(False), self)
            self.window().installEventFilter(self._closing_watcher)
        self._remember()

    def hideEvent(self, event: QHideEvent) -> None:
        # Another page, or planning: full screen was for capture only.
        if not event.spontaneous():
            self.set_full_screen(False)
        super().hideEvent(event)

    def toggle_room_display(self) -> None:
        if self.room is None:
            self.room = RoomDisplay(self, monotonic=lambda: self.timer.monotonic())
            self.room.ranOut.connect(self._on_time_up)
            self.room.addActions(self.actions())  # the same keys work from the room display
        if self.room.isVisible():
            self.room.hide()
            return
        if self.full_screen and len(QApplication.screens()) == 1:
            self.room.cover(self)  # capture's keys still act underneath
        else:
            self.room.show_on(QApplication.screens(), self.screen())
        self._update_room()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.room is not None and self.room.covering:
            self.room.setGeometry(self.rect())

    def _update_room(self) -> None:
        """The room sees the activity whose timer runs (the one shown here when none runs, or
        when it is the one running), with the prompt chosen when it is one of its prompts."""
        room = self.room
        if room is None or not room.isVisible():
            return
        boxes = self._all_timeboxes()
        row = self.agenda_list.current_row()
        item = self.current_item()
        running = [i for i in self.agenda if boxes.get(i, Timebox(0.0)).running]
        if running and (item is None or item.id not in running):
            item = self.agenda[running[0]]
        if item is None:
            room.show_activity("")
            room.show_timebox(Timebox(0.0))
            return
        deck = self.session.store().deck_of(item.id)
        prompt = row.prompt if row is not None and row.item_id == item.id else ""
        card = deck.card_by_code(prompt) if prompt else None
        if card is not None:
            room.show_activity(item.title, card.title, card.body)
        else:
            room.show_activity(item.title, "", deck.instructions)
        room.show_timebox(boxes.get(item.id, Timebox(float(item.timebox_minutes * 60))))

    def _all_timeboxes(self) -> dict[str, Timebox]:
        boxes = dict(self.timeboxes)
        if self._timer_item:
            boxes[self._timer_item] = self.timer.timebox
        return boxes

    def _on_timer_changed(self, _timebox: Timebox) -> None:
        self._update_room()
        self._remember()

    def _on_time_up(self) -> None:
        # The capture timer and the room display may both see the same 0:00: one beep.
        now = self.timer.monotonic()
        if now - self._beeped_at > BEEP_GAP_S:
            self._beeped_at = now
            QApplication.beep()

    # --- where capture is, for a resume after a crash or quit --------------------------------

    def spot(self) -> CaptureSpot | None:
        table, row = self.current_table, self.agenda_list.current_row()
        if not self.event_id:
            return None
        boxes = self._all_timeboxes()
        mono, wall = self.timer.monotonic(), self.wall_clock()
        return CaptureSpot(
            database=str(db_path()),
            event_id=self.event_id,
            table_id=table.id if table is not None else "",
            item_id=row.item_id if row is not None else "",
            prompt=row.prompt if row is not None else "",
            timers={
                item: SavedTimer.of(box, mono, wall)
                for item, box in boxes.items()
                if item in self.agenda
            },
        )

    def _remember(self) -> None:
        if self._resuming or not self.isVisible() or self.session.read_only_reason:
            return
        spot = self.spot()
        if spot is not None and spot != self._spot and save_spot(data_dir(), spot):
            self._spot = spot

    def forget(self) -> None:
        """Capture was left on purpose: the next start opens as usual."""
        self._spot = None
        forget_spot(data_dir())

    def resume(self, spot: CaptureSpot) -> None:
        """Back to the table, activity and timers of `spot` (the event is open already)."""
        self._resuming = True
        try:
            mono, wall = self.timer.monotonic(), self.wall_clock()
            self.timeboxes = {
                item: saved.timebox(mono, wall)
                for item, saved in spot.timers.items()
                if item in self.agenda
            }
            self._timer_item = ""  # the restored timers replace the ones shown
            if not self.select_row(spot.item_id, spot.prompt):
                self._show_current()
            ids = [t.id for t in self.tables]
            self.select_table(ids.index(spot.table_id) if spot.table_id in ids else 0)
        finally:
            self._resuming = False
        self._remember()

    def focus_capture_area(self) -> None:
        if self.showing_all:
            self.toggle_all_tables()
        current = self.stack.currentWidget()
        if current is not None:
            current.setFocus()

    def _step(self, delta: int) -> None:
        self._settle_typing()
        self.agenda_list.step(delta)

    # --- opening an event ------------------------------------------------------------------

    def open_event(self, event_id: str) -> bool:
        """Show the event for capture; False (with a banner) when the database cannot be read."""
        store = self.session.open_store()
        if store is None:
            self.read_only_banner.setText(
                f"The database cannot be opened: {self.session.open_error}"
            )
            self.read_only_banner.show()
            self.stack.setEnabled(False)
            return False
        self.event_id = event_id
        event = store.get_event(event_id)
        self.event_label.set_full_text(event.title)
        self.when_label.set_full_text(wording.when(event.starts))
        reason = store.read_only_reason
        self.read_only_banner.setVisible(bool(reason))
        self.read_only_banner.setText(
            f"Read only: {reason}. Close the other copy and reopen to record outcomes."
        )
        self.stack.setEnabled(not reason)
        self._reload_structure()
        self.table_index = min(self.table_index, max(0, len(self.tables) - 1))
        if self.agenda_list.current_row() is None:
            self.agenda_list.step(1)
        self.select_table(self.table_index)
        self._show_save_status(self.session.save_status())
        if reason:
            self.saved_label.setText("Read only")
        return True

    def _reload_structure(self) -> None:
        store = self.session.store()
        self.tables = store.list_tables(self.event_id)
        self.agenda = {item.id: item for item in store.list_agenda(self.event_id)}
        self._build_table_buttons()
        rows: list[tuple[AgendaRow | None, str]] = []
        for item in self.agenda.values():
            if item.kind == ActivityKind.PROMPTS:
                minutes = f" · {item.timebox_minutes} min" if item.timebox_minutes else ""
                rows.append((None, item.title + minutes))
                for card in store.deck_of(item.id).cards:
                    rows.append((AgendaRow(item.id, card.code), card.title))
            else:
                rows.append((AgendaRow(item.id), item.title))
        self.agenda_list.set_rows(rows)
        self._refresh_marks()

    def _build_table_buttons(self) -> None:
        for button in self.table_buttons:
            self.table_bar.removeWidget(button)
            button.deleteLater()
        self.table_buttons = []
        for index, table in enumerate(self.tables):
            key = f"[{table.number}] " if table.number <= MAX_TABLE_KEYS else ""
            button = QPushButton(f"{key}{table.name}", self)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setFont(font(BODY_PT + 1))
            button.setMinimumHeight(40)
            # Room for the text in bold, so choosing a table does not clip its name.
            bold = QFontMetrics(font(BODY_PT + 1, bold=True))
            button.setMinimumWidth(bold.horizontalAdvance(button.text()) + TABLE_BUTTON_PADDING)
            button.setStyleSheet(table_button_style(table.colour))
            button.clicked.connect(lambda _=False, i=index: self.select_table(i))
            self.table_bar.addWidget(button)
            self.table_buttons.append(button)

    # --- choosing --------------------------------------------------------------------------

    @property
    def current_table(self) -> Table | None:
        return self.tables[self.table_index] if 0 <= self.table_index < len(self.tables) else None

    def current_item(self) -> AgendaItem | None:
        row = self.agenda_list.current_row()
        return self.agenda.get(row.item_id) if row is not None else None

    def _settle_typing(self) -> None:
        """Moving on from an order being typed commits it, as leaving the box does."""
        if self.stack.currentWidget() is self.rank_panel and self.rank_panel.entry.hasFocus():
            self.rank_panel.settle(only_if_typed=True)
        self.history.settle()

    def select_table(self, index: int) -> None:
        if not 0 <= index < len(self.tables):
            return
        self._settle_typing()
        self.session.flush()  # switching table saves at once
        self.table_index = index
        for i, button in enumerate(self.table_buttons):
            button.setChecked(i == index)
        self._refresh_marks()  # the agenda shows this table's states
        self._show_current()
        self._remember()

    def select_row(self, item_id: str, prompt: str = "") -> bool:
        return self.agenda_list.select_row(AgendaRow(item_id, prompt))

    def toggle_all_tables(self) -> None:
        self.showing_all = not self.showing_all
        self.all_button.setChecked(self.showing_all)
        self._show_current()

    def _show_current(self) -> None:
        row = self.agenda_list.current_row()
        item = self.current_item()
        table = self.current_table
        self.history.settle()  # another row or table: the next edit is a new step
        for shortcut in self.verdict_shortcuts:
            shortcut.setEnabled(bool(row and row.prompt) and not self.showing_all)
        if row is None or item is None or table is None:
            self.heading.setText("")
            self.stack.setCurrentWidget(self.empty)
            return
        self._switch_timer(item)
        self._update_room()
        self._remember()
        deck = self.session.store().deck_of(item.id)
        if self.showing_all:
            self.heading.setText(f"All tables · {item.title}")
            versions = [self._version(t, item) for t in self.tables]
            results = [self._result(t, item) for t in self.tables]
            statuses = [status_of(v, deck) for v in versions]
            self.side_by_side.show_results(deck, self.tables, results, row.prompt, statuses)
            self.stack.setCurrentWidget(self.side_by_side)
            return
        self.heading.setText(f"{table.name} · {item.title}")
        result = self._result(table, item)
        if item.kind == ActivityKind.RANK:
            rank = result if isinstance(result, RankResult) else None
            status = status_of(self._version(table, item), deck)
            self.rank_panel.load(deck, rank, status)  # with the text as typed, if it has typos
            self.stack.setCurrentWidget(self.rank_panel)
        elif item.kind == ActivityKind.MATCH:
            status = status_of(self._version(table, item), deck)
            match = result if isinstance(result, MatchResult) else None
            self.match_panel.load(deck, match, status)
            self.stack.setCurrentWidget(self.match_panel)
        else:
            card = deck.card_by_code(row.prompt) or deck.cards[0]
            self.prompt_panel.load(
                deck, card, result if isinstance(result, PromptsResult) else None
            )
            self.stack.setCurrentWidget(self.prompt_panel)

    def _result(self, table: Table, item: AgendaItem) -> Result | None:
        return current_result(self.session, table_id=table.id, item_id=item.id)

    def _version(self, table: Table, item: AgendaItem) -> Version:
        return current_version(self.session, table_id=table.id, item_id=item.id)

    def _switch_timer(self, item: AgendaItem) -> None:
        if self._timer_item == item.id:
            return
        if self._timer_item:
            self.timeboxes[self._timer_item] = self.timer.timebox
        self._timer_item = item.id
        self.timer.set_timebox(
            self.timeboxes.get(item.id, Timebox(float(item.timebox_minutes * 60)))
        )

    # --- recording -------------------------------------------------------------------------

    def _on_edited(self, result: Result | None, status: OutcomeStatus | None) -> None:
        item, table = self.current_item(), self.current_table
        if item is None or table is None or self.session.closed:
            return
        key = outcome_key(table.id, item.id)
        self.history.editing(key, self._version(table, item))
        stage_outcome(
            self.session,
            table_id=table.id,
            item_id=item.id,
            result=result,
            status=status,
            origin=self,
        )
        if item.kind == ActivityKind.RANK:
            deck = self.session.store().deck_of(item.id)
            self.rank_panel.show_status(status_of(Version(result, status), deck))
        self._refresh_marks()

    def _on_settled(self, result: RankResult) -> None:
        """The order was committed: recorded if nothing in it is wrong; a step for undo."""
        item, table = self.current_item(), self.current_table
        if item is None or table is None or self.session.closed:
            return
        deck = self.session.store().deck_of(item.id)
        before = self._version(table, item)
        after = Version(result, None)
        if before.result != result or status_of(before, deck) != status_of(after, deck):
            self._on_edited(result, None)
        self.history.settle(outcome_key(table.id, item.id))

    # --- undo, redo, clear -------------------------------------------------------------------

    def _current_key(self) -> tuple[Table, AgendaItem] | None:
        item, table = self.current_item(), self.current_table
        if item is None or table is None or self.showing_all or self.session.closed:
            return None
        return table, item

    def _restore(self, table: Table, item: AgendaItem, version: Version) -> None:
        stage_outcome(
            self.session,
            table_id=table.id,
            item_id=item.id,
            result=version.result,
            status=version.status,
            origin=self,
        )
        self.session.flush()
        had_focus = QApplication.focusWidget()
        self._show_current()
        self._refresh_marks()
        if had_focus is not None and had_focus.isVisible():
            had_focus.setFocus()

    def undo(self) -> None:
        """Ctrl+Z: the outcome being edited goes back to its previous saved version."""
        self._step_history(self.history.undo, UNDONE)

    def redo(self) -> None:
        """Ctrl+Shift+Z: the version undone comes back."""
        self._step_history(self.history.redo, REDONE)

    def _step_history(self, step: Callable[[Hashable, Version], Version | None], said: str) -> None:
        found = self._current_key()
        if found is None:
            return
        table, item = found
        version = step(outcome_key(table.id, item.id), self._version(table, item))
        if version is not None:
            self._restore(table, item, version)
            self.heading.setText(f"{self.heading.text()} · {said}")

    def clear_outcome(self) -> None:
        """Delete on the agenda row: this table's outcome for it goes (its answer to that one
        prompt, on a prompt's row); Ctrl+Z brings it back."""
        found = self._current_key()
        row = self.agenda_list.current_row()
        if found is None or row is None:
            return
        table, item = found
        before = self._version(table, item)
        if before.result is None:
            return
        after: Result | None = None
        if row.prompt and isinstance(before.result, PromptsResult):
            rest = {c: r for c, r in before.result.responses.items() if c != row.prompt}
            if len(rest) == len(before.result.responses):
                return
            after = PromptsResult(rest)
        key = outcome_key(table.id, item.id)
        self.history.settle(key)
        self.history.editing(key, before)
        self.history.settle(key)
        self._restore(table, item, Version(after, None))

    def _rank_problems(
        self, table: Table, item: AgendaItem, deck: Deck, result: Result | None
    ) -> int:
        if item.kind != ActivityKind.RANK:
            return 0
        rank = result if isinstance(result, RankResult) else None
        # The code being typed is not flagged until the next space, here as in the panel.
        typing = table is self.current_table and self.rank_panel.entry.hasFocus()
        return len(rank_drafts.problems(deck, rank, typing=typing))

    def _refresh_marks(self) -> None:
        table = self.current_table
        if table is None:
            return
        store = self.session.store()
        labels: dict[AgendaRow, str] = {}
        decks: dict[str, Deck] = {}
        for row in self.agenda_list.rows():
            item = self.agenda[row.item_id]
            deck = decks.setdefault(item.id, store.deck_of(item.id))
            versions = [self._version(t, item) for t in self.tables]
            results = [v.result for v in versions]
            problems = [
                self._rank_problems(t, item, deck, r)
                for t, r in zip(self.tables, results, strict=True)
            ]
            states = [
                state_of(v.result, deck, row.prompt, problems=n, status=status_of(v, deck))
                for v, n in zip(versions, problems, strict=True)
            ]
            mine = states[self.table_index]
            done = sum(1 for s in states if s == ItemState.RECORDED)
            title = item.title
            if row.prompt:
                card = deck.card_by_code(row.prompt)
                title = card.title if card else row.prompt
            labels[row] = row_label(
                row, item, title, mine, done, len(self.tables), problems[self.table_index]
            )
        self.agenda_list.update_marks(labels)

    def _show_save_status(self, status: SaveStatus) -> None:
        self.saved_label.setText(status.short_text())
        failed = status.state == SaveState.FAILED
        self.saved_label.setStyleSheet(
            f"color:{NOT_SAVED_INK}; font-weight:bold;" if failed else f"color:{QUIET_INK};"
        )
        self.fail_banner.setVisible(failed)
        if failed:
            self.fail_banner.setText(status.text())

    def _on_store_changed(self, origin: object) -> None:
        if origin is self or not self.event_id or not self.isVisible():
            return
        self._reload_structure()
        self.select_table(min(self.table_index, max(0, len(self.tables) - 1)))

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        # Capture owns the keyboard: focus that slips out of it in its window (the page list,
        # by Shift+Tab or a click that does not change the page) comes back to the agenda.
        if (
            new is not None
            and self.isVisible()
            and new.window() is self.window()
            and new is not self
            and not self.isAncestorOf(new)
            and not isinstance(new, QMenuBar)  # Alt or F10 to the menus is on purpose
            and not new.property(HOLDS_FOCUS_OVER_CAPTURE)  # a sheet laid over capture (F1)
        ):
            self.agenda_list.setFocus(Qt.FocusReason.OtherFocusReason)
        # Leaving a field saves at once.
        if old is not None and self.isAncestorOf(old) and self.session.has_pending():
            self.session.flush()
        # A code left half typed now counts as a problem; not once the window has closed,
        # when the session has let go of the database and must not open it again.
        if old is self.rank_panel.entry and not self.session.closed:
            self._refresh_marks()

    def _back(self) -> None:
        self._settle_typing()
        self.session.flush()
        self.forget()
        self.backRequested.emit()
