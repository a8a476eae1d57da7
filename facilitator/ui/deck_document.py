"""One open deck file: its current deck, undo history, autosave and external-change watch.

Edits are core functions (facilitator.decks.editing) applied through `apply`; each becomes an
undoable command holding the deck before and after, so undo never re-runs business logic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDateTime, QFileSystemWatcher, QLocale, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from facilitator.decks import file as deck_file
from facilitator.decks.library import remember_saved
from facilitator.decks.model import Deck, DeckInvalid
from facilitator.errors import FacilitatorError

AUTOSAVE_DELAY_MS = 400


@dataclass(frozen=True)
class DiskSignature:
    """Enough to tell whether the file on disk is still the one we last read or wrote."""

    mtime_ns: int
    size: int

    @classmethod
    def of(cls, path: Path) -> DiskSignature | None:
        try:
            stat = path.stat()
        except OSError:
            return None
        return cls(stat.st_mtime_ns, stat.st_size)


def plain_sentence(exc: FacilitatorError) -> str:
    """What was wrong with an edit, in words: "A title has at most 300 characters: this one
    has 345." The field path ("cards[7].title") means nothing to the person at the cell."""
    text = exc.problems[0].message if isinstance(exc, DeckInvalid) else str(exc)
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


class DeckEditCommand(QUndoCommand):
    def __init__(self, document: DeckDocument, before: Deck, after: Deck, text: str) -> None:
        super().__init__(text)
        self.document = document
        self.before = before
        self.after = after

    def redo(self) -> None:
        self.document._set_deck(self.after)

    def undo(self) -> None:
        self.document._set_deck(self.before)


class DeckDocument(QObject):
    deckChanged = Signal(object)  # the new Deck
    savedStateChanged = Signal(str, bool)  # message, is_error
    problem = Signal(str)  # an edit was refused; the sentence says why
    externalChangeDetected = Signal()

    def __init__(self, path: Path, deck: Deck, read_only: bool, parent: QObject | None = None):
        super().__init__(parent)
        self.path = path
        self.deck = deck
        self.read_only = read_only
        self.undo_stack = QUndoStack(self)
        self.conflict = False  # the file changed on disk under us; autosave waits for the user
        self.refused = False  # the last edit broke a rule (so a cell editor keeps the typing)
        self.save_error = ""
        self._signature = DiskSignature.of(path)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self.save_now)
        self._watcher = QFileSystemWatcher(self)
        if not read_only:
            self._watcher.addPath(str(path))
            self._watcher.fileChanged.connect(self._on_file_changed)

    @classmethod
    def load(cls, path: Path, read_only: bool, parent: QObject | None = None) -> DeckDocument:
        return cls(path, deck_file.load(path), read_only, parent)

    @property
    def dirty(self) -> bool:
        return self._autosave.isActive() or bool(self.save_error)

    def apply(self, description: str, edit: Callable[[Deck], Deck]) -> bool:
        """Run a core edit on the current deck; refused edits emit `problem` and change nothing."""
        self.refused = False
        if self.read_only:
            self.problem.emit(self.tr("Sample decks are read-only: duplicate it to edit."))
            return False
        try:
            after = edit(self.deck)
        except FacilitatorError as exc:
            self.refused = True
            self.problem.emit(plain_sentence(exc))
            return False
        if after == self.deck:
            return False
        self.undo_stack.push(DeckEditCommand(self, self.deck, after, description))
        return True

    def _set_deck(self, deck: Deck) -> None:
        self.deck = deck
        self.deckChanged.emit(deck)
        if not self.read_only and not self.conflict:
            self._autosave.start()
            self.savedStateChanged.emit(self.tr("Editing…"), False)

    def save_now(self) -> bool:
        """Write the deck if it has unsaved changes; True when the file is up to date."""
        self._autosave.stop()
        if self.read_only or self.conflict:
            return not self.conflict
        # The file watcher may not have told us yet (or may miss it): look before writing.
        if self._changed_on_disk():
            return False
        try:
            deck_file.save(self.deck, self.path)
        except FacilitatorError as exc:
            self.save_error = str(exc)
            self.savedStateChanged.emit(self.tr("Not saved: {0}").format(exc), True)
            # Keep the edits in memory and try again shortly (a USB stick plugged back in...).
            self._autosave.start(5000)
            return False
        self.save_error = ""
        self._signature = DiskSignature.of(self.path)
        remember_saved(self.path, self.deck)  # the library's rescan need not parse it again
        if str(self.path) not in self._watcher.files():
            self._watcher.addPath(str(self.path))  # an atomic replace drops the old watch
        time = QLocale().toString(
            QDateTime.currentDateTime().time(), QLocale.FormatType.ShortFormat
        )
        self.savedStateChanged.emit(self.tr("Saved {0}").format(time), False)
        return True

    def _on_file_changed(self, _path: str) -> None:
        if str(self.path) not in self._watcher.files() and self.path.exists():
            self._watcher.addPath(str(self.path))
        self._changed_on_disk()

    def _changed_on_disk(self) -> bool:
        """True (and the conflict raised) if someone else changed the file since we read it."""
        if DiskSignature.of(self.path) == self._signature:
            return False  # as we left it
        try:
            on_disk = deck_file.load(self.path)
        except FacilitatorError:
            on_disk = None
        if on_disk == self.deck:
            self._signature = DiskSignature.of(self.path)
            return False
        if not self.conflict:
            self.conflict = True
            self._autosave.stop()
            self.externalChangeDetected.emit()
        return True

    def reload_from_disk(self) -> bool:
        """Take the version on disk (undoable); False with `problem` if it cannot be read."""
        try:
            on_disk = deck_file.load(self.path)
        except FacilitatorError as exc:
            self.problem.emit(str(exc))
            return False
        self.conflict = False
        self._signature = DiskSignature.of(self.path)
        if on_disk != self.deck:
            self.undo_stack.push(
                DeckEditCommand(self, self.deck, on_disk, self.tr("Reload from disk"))
            )
        self._autosave.stop()  # what is on disk is what we now show
        self.savedStateChanged.emit(self.tr("Reloaded from disk"), False)
        return True

    def keep_mine(self) -> bool:
        """Overwrite the other program's change with the deck shown here."""
        self.conflict = False
        return self.save_now()
