"""When to save: a pure state machine of pending edits, so no keystroke waits long or is lost.

The app calls `edit` on every change, asks `next_due` when to wake up, saves what `due`
returns (or everything, from `flush`, on leaving a field, switching table or quitting) and
reports each save with `saved` or `failed`. A failed edit stays pending and is retried with a
growing delay; a newer edit to the same key replaces the value waiting to be saved.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

QUIET_S = 0.3  # save once typing pauses this long...
MAX_DELAY_S = 0.8  # ...and never later than this after the first unsaved change
RETRY_S = (1.0, 2.0, 5.0, 10.0)  # waits between attempts after a failure


class SaveState(StrEnum):
    NOTHING_YET = "nothing_yet"  # nothing saved or pending since the app opened
    PENDING = "pending"  # edits waiting for their save
    SAVED = "saved"  # everything shown is on disk
    FAILED = "failed"  # the last attempt failed; edits are kept and retried


@dataclass(frozen=True)
class SaveStatus:
    """What the status line says about saving."""

    state: SaveState
    saved_at: datetime | None = None  # wall-clock time of the last successful save
    error: str = ""
    pending: int = 0

    def text(self) -> str:
        saved = f"Saved {self.saved_at:%H:%M}" if self.saved_at else ""
        if self.state == SaveState.FAILED:
            keeps = f"{self.pending} unsaved change{'s' if self.pending != 1 else ''}"
            return f"Not saved: {self.error}. {keeps} kept here; retrying."
        if self.state == SaveState.PENDING:
            return "Saving…" if not saved else f"{saved} · saving…"
        return saved or "No changes yet"

    def short_text(self) -> str:
        """For the status line, where a long sentence would crowd a small screen."""
        if self.state == SaveState.FAILED:
            return f"Not saved ({self.pending} kept) · retrying"
        return self.text()


@dataclass
class _Pending:
    value: Any
    first_edit: float  # monotonic seconds
    last_edit: float
    attempts: int = 0
    retry_at: float | None = None


class AutosavePolicy:
    """Pending edits by key (e.g. (table id, agenda item id)); times in monotonic seconds."""

    def __init__(self) -> None:
        self._pending: dict[Hashable, _Pending] = {}
        self._saved_at: datetime | None = None
        self._error = ""

    def edit(self, key: Hashable, value: Any, now: float) -> None:
        entry = self._pending.get(key)
        if entry is None:
            self._pending[key] = _Pending(value, now, now)
        else:
            entry.value, entry.last_edit = value, now

    def pending_value(self, key: Hashable) -> tuple[bool, Any]:
        """(True, value) when an edit to `key` is waiting to be saved."""
        entry = self._pending.get(key)
        return (True, entry.value) if entry else (False, None)

    def pending_keys(self) -> list[Hashable]:
        return list(self._pending)

    def due_at(self, key: Hashable) -> float:
        entry = self._pending[key]
        if entry.retry_at is not None:
            return entry.retry_at
        return min(entry.last_edit + QUIET_S, entry.first_edit + MAX_DELAY_S)

    def next_due(self) -> float | None:
        """When the next save should run (monotonic seconds), or None when nothing waits."""
        return min((self.due_at(k) for k in self._pending), default=None)

    def due(self, now: float) -> list[tuple[Hashable, Any]]:
        """The edits whose time has come, oldest first."""
        ready = [k for k in self._pending if self.due_at(k) <= now]
        ready.sort(key=lambda k: self._pending[k].first_edit)
        return [(k, self._pending[k].value) for k in ready]

    def flush(self) -> list[tuple[Hashable, Any]]:
        """Every pending edit, to be saved now, whatever its timing."""
        keys = sorted(self._pending, key=lambda k: self._pending[k].first_edit)
        return [(k, self._pending[k].value) for k in keys]

    def saved(self, key: Hashable, value: Any, wall_clock: datetime) -> None:
        """`value` reached the store; an edit made since it was handed out stays pending."""
        entry = self._pending.get(key)
        if entry is not None and entry.value is value:
            del self._pending[key]
        elif entry is not None:
            entry.attempts, entry.retry_at = 0, None
        self._saved_at = wall_clock
        if not any(e.attempts for e in self._pending.values()):
            self._error = ""

    def failed(self, key: Hashable, error: str, now: float) -> None:
        """The save of `key` failed: keep it and try again later."""
        entry = self._pending.get(key)
        if entry is None:
            return
        # Only a failed retry makes the wait longer: leaving fields while the disk is full
        # flushes again and again, and must not push the next try minutes away.
        if entry.retry_at is None or now >= entry.retry_at:
            entry.attempts += 1
        entry.retry_at = now + RETRY_S[min(entry.attempts, len(RETRY_S)) - 1]
        self._error = error

    def discard(self, key: Hashable) -> None:
        """Forget an edit that can never be saved (its record was deleted elsewhere)."""
        self._pending.pop(key, None)

    def status(self) -> SaveStatus:
        if self._error and self._pending:
            return SaveStatus(SaveState.FAILED, self._saved_at, self._error, len(self._pending))
        if self._pending:
            return SaveStatus(SaveState.PENDING, self._saved_at, pending=len(self._pending))
        if self._saved_at is not None:
            return SaveStatus(SaveState.SAVED, self._saved_at)
        return SaveStatus(SaveState.NOTHING_YET)
