"""The app's one open database: opened on first use, shared by every page, closed on quit.

Pages read through `store()` (or `open_store()`, which offers a backup when the file is
damaged). Writes that follow typing go through `stage()`: the edit is kept in memory and
saved within a second by the autosave policy (facilitator/capture/autosave.py), at once on
`flush()`, and retried after a failure. After every write `changed` carries its origin, so
the page that made the change can skip reloading itself; `saveStatusChanged` carries the
saved state ("Saved 21:04") for the status line.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QInputDialog, QLabel, QMessageBox, QWidget

from facilitator.capture.autosave import AutosavePolicy, SaveState, SaveStatus
from facilitator.errors import FacilitatorError
from facilitator.paths import db_path

if TYPE_CHECKING:
    from facilitator.store import Store
    from facilitator.store.backups import Backup
# The store itself (TinyDB, records, backups) loads when the database is first opened, not
# when the window is built.

Writer = Callable[["Store", Any], object]
# Asked which backup to restore when the database is damaged; None declines. Injectable so
# tests never block on a dialog.
RestoreChooser = Callable[[str, "list[Backup]"], "Backup | None"]
# Asked whether to quit although some edits could not be saved; True quits.
QuitPrompt = Callable[[str], bool]


def ask_which_backup(message: str, backups: list[Backup]) -> Backup | None:
    if not backups:
        QMessageBox.critical(None, "Database damaged", message + "\n\nThere is no backup yet.")
        return None
    labels = [
        f"{b.taken.astimezone():%a %d %b %Y %H:%M:%S} ({b.size // 1024 + 1} KB)"
        + (f" – {b.label}" if b.label else "")
        for b in backups
    ]
    dialog = QInputDialog()
    dialog.setWindowTitle("Restore from a backup?")
    dialog.setLabelText(
        message + ".\n\nThe current file is kept beside the backups. Restore this backup:"
    )
    dialog.setComboBoxItems(labels)
    dialog.setComboBoxEditable(False)
    for label in dialog.findChildren(QLabel):  # a long sentence wraps instead of widening
        label.setWordWrap(True)
    dialog.resize(560, dialog.sizeHint().height())
    if dialog.exec() != QInputDialog.DialogCode.Accepted:
        return None
    choice = dialog.textValue()
    return backups[labels.index(choice)] if choice in labels else None


def ask_to_quit(message: str) -> bool:
    answer = QMessageBox.warning(
        None,
        "Unsaved changes",
        message,
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard


# How often the app looks whether a read-only store can write again, or whether a save made
# outside the autosave (a button's) found the database taken over.
WATCH_INTERVAL_MS = 3000


class StoreSession(QObject):
    changed = Signal(object)  # the widget (or other object) that made the change
    saveStatusChanged = Signal(object)  # SaveStatus
    statusTextChanged = Signal(str)  # the same, as the status line shows it
    # The store stopped writing (another copy changed the file or took the lock): the reason.
    turnedReadOnly = Signal(str)
    # A store that could not write to its disk can again: the line saying so.
    writableAgain = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        restore_chooser: RestoreChooser = ask_which_backup,
        quit_prompt: QuitPrompt = ask_to_quit,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._store: Store | None = None
        self.restore_chooser = restore_chooser
        self.quit_prompt = quit_prompt
        self.open_error = ""  # why the database could not be opened, when it could not
        self._monotonic = monotonic
        self._policy = AutosavePolicy()
        self._writers: dict[Hashable, tuple[Writer, object]] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.save_due)
        self._watch = QTimer(self)
        self._watch.setInterval(WATCH_INTERVAL_MS)
        self._watch.timeout.connect(self.watch)
        self._announced_read_only = False
        self.closed = False  # set when the window quits: nothing may open the database again

    # --- opening -------------------------------------------------------------------------

    def store(self) -> Store:
        """The open store; raises the store's own errors (e.g. DatabaseUnreadable) to the caller."""
        if self._store is None:
            if self.closed:
                # After quitting (even "Quit anyway" with edits left unsaved) nothing late may
                # open the database again: its lock would outlive the window.
                raise FacilitatorError("the window has closed; the database is no longer open")
            from facilitator.store import Store

            self._store = Store.open(db_path())
            self._announced_read_only = False
            self._watch.start()
        return self._store

    def open_store(self) -> Store | None:
        """The open store, or None with `open_error` set; offers a backup for a damaged file."""
        from facilitator.store import DatabaseUnreadable

        store: Store | None
        try:
            store = self.store()
        except DatabaseUnreadable as exc:
            store = self._offer_restore(str(exc))
        except FacilitatorError as exc:
            self.open_error = str(exc)
            return None
        if store is not None and store.emptied:
            # Empty, but its backups say it held data: never start afresh over it.
            problem, first, advice = (
                store.emptied_problem,
                store.restore_from,
                store.read_only_reason,
            )
            self._drop_store()
            store = self._offer_restore(problem, first, if_declined=advice)
        if store is not None:
            self.open_error = ""
        return store

    def _offer_restore(
        self, problem: str, first: Backup | None = None, if_declined: str = ""
    ) -> Store | None:
        from facilitator.store.backups import list_backups
        from facilitator.store.check import restore_sound_backup

        path = db_path()
        backups = list_backups(path)
        question = problem
        if first is not None:  # the newest that holds data, offered first
            backups = [first, *(b for b in backups if b.path != first.path)]
            question += ". The newest backup that holds data is offered first"
        choice = self.restore_chooser(question, backups)
        if choice is None:
            self.open_error = if_declined or problem
            return None
        try:
            restore_sound_backup(path, choice.path, datetime.now(UTC))
            return self.store()
        except FacilitatorError as exc:
            self.open_error = f"{problem}; restoring {choice.name} failed: {exc}"
            return None

    @property
    def is_open(self) -> bool:
        return self._store is not None

    @property
    def read_only_reason(self) -> str:
        """Why this copy cannot write (another copy holds the database), or ""."""
        return self._store.read_only_reason if self._store is not None else ""

    def notify_changed(self, origin: object = None) -> None:
        self.changed.emit(origin)
        self.watch()

    # --- a store that stops or starts writing -----------------------------------------------

    def watch(self) -> None:
        """Say when the store was taken over (and stopped writing) or can write again."""
        store = self._store
        if store is None:
            self._watch.stop()
            return
        if store.retry_writable and store.try_writable():
            self.writableAgain.emit(store.recovered)
            self.changed.emit(None)
            self.flush()
        if store.turned_read_only and not self._announced_read_only:
            self._announced_read_only = True
            self.turnedReadOnly.emit(store.read_only_reason)

    def reload(self) -> Store | None:
        """Open the database again (after another copy changed it): pages reload from it,
        and edits that could not be saved are tried again if this copy can write now."""
        self._drop_store()
        store = self.open_store()
        self.changed.emit(None)
        if store is not None and store.writable:
            self.flush()
        self._announce()
        return store

    def _drop_store(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
        self._watch.stop()

    # --- autosave ------------------------------------------------------------------------

    def stage(self, key: Hashable, value: Any, write: Writer, origin: object = None) -> None:
        """Keep `value` as the latest edit of `key`; `write(store, value)` saves it soon."""
        self._policy.edit(key, value, self._monotonic())
        self._writers[key] = (write, origin)
        self._schedule()
        self._announce()

    def pending(self, key: Hashable) -> tuple[bool, Any]:
        """(True, value) while an edit of `key` waits to be saved."""
        return self._policy.pending_value(key)

    def has_pending(self) -> bool:
        return bool(self._policy.pending_keys())

    def save_due(self) -> None:
        self._save(self._policy.due(self._monotonic()))

    def flush(self) -> bool:
        """Save every pending edit now; True when nothing is left unsaved."""
        self._save(self._policy.flush())
        return not self.has_pending()

    def save_status(self) -> SaveStatus:
        return self._policy.status()

    def _save(self, edits: list[tuple[Hashable, Any]]) -> None:
        if self.closed:
            return  # the facilitator chose to quit without them
        if not edits:
            self._schedule()
            return
        from facilitator.store import NotFound

        origins: list[object] = []
        for key, value in edits:
            write, origin = self._writers[key]
            try:
                store = self.store()
                write(store, value)
            except NotFound as exc:
                # The record went away (deleted elsewhere); retrying can never succeed.
                self._policy.discard(key)
                self._writers.pop(key, None)
                self.open_error = str(exc)
            except (FacilitatorError, OSError) as exc:
                self._policy.failed(key, str(exc), self._monotonic())
            else:
                self._policy.saved(key, value, datetime.now().astimezone())
                found, _ = self._policy.pending_value(key)
                if not found:
                    self._writers.pop(key, None)
                if origin not in origins:
                    origins.append(origin)
        for origin in origins:
            self.changed.emit(origin)
        self._schedule()
        self._announce()
        self.watch()

    def _schedule(self) -> None:
        due = self._policy.next_due()
        if due is None:
            self._timer.stop()
            return
        wait_ms = max(0, round((due - self._monotonic()) * 1000))
        self._timer.start(wait_ms)

    def _announce(self) -> None:
        status = self._policy.status()
        self.saveStatusChanged.emit(status)
        text = status.short_text()
        warning = self._store.sync_warning if self._store is not None else ""
        if warning and text.startswith("Saved") and warning.startswith("saved, but"):
            text += warning[len("saved") :]  # "Saved 21:04, but the folder could not be synced"
        elif warning:
            text = f"{text} · {warning}"
        self.statusTextChanged.emit(text)

    # --- closing -------------------------------------------------------------------------

    def confirm_quit(self, parent: QWidget | None = None) -> bool:
        """Save everything; if something cannot be saved, ask before quitting."""
        if self.flush():
            return True
        status = self._policy.status()
        message = (
            f"{status.pending} change(s) could not be saved: {status.error}.\n\n"
            "Quit anyway and lose them, or cancel and try again?"
        )
        return self.quit_prompt(message)

    def close(self) -> None:
        self.flush()
        self.closed = True
        self._timer.stop()  # no retry of edits left unsaved by "Quit anyway"
        self._drop_store()


__all__ = ["SaveState", "SaveStatus", "StoreSession"]
