"""Undo and redo for capture: each outcome's earlier saved versions, a step per stretch of editing.

A step is everything typed between two commits (Enter, leaving the box, a verdict key,
switching row or table, clearing): retyping a whole order and pressing Enter is one step, so
one Ctrl+Z brings the old order back rather than the last few keystrokes.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from facilitator.outcomes import OutcomeStatus, Result

MAX_STEPS = 100  # per outcome; an evening never gets near it


@dataclass(frozen=True)
class Version:
    """One outcome as saved: its result (None: no outcome) and status (None: by the rules)."""

    result: Result | None
    status: OutcomeStatus | None = None


class UndoHistory:
    """Earlier and undone versions per outcome key."""

    def __init__(self) -> None:
        self._past: dict[Hashable, list[Version]] = {}
        self._future: dict[Hashable, list[Version]] = {}
        self._editing: set[Hashable] = set()

    def editing(self, key: Hashable, before: Version) -> None:
        """An edit is about to replace `before`; kept once per stretch of editing."""
        if key in self._editing:
            return
        self._editing.add(key)
        past = self._past.setdefault(key, [])
        if not past or past[-1] != before:
            past.append(before)
            del past[:-MAX_STEPS]
        self._future.pop(key, None)  # a new edit after an undo: the undone steps are gone

    def settle(self, key: Hashable | None = None) -> None:
        """The stretch of editing `key` (every key, when None) is over: the next edit is a step."""
        if key is None:
            self._editing.clear()
        else:
            self._editing.discard(key)

    def can_undo(self, key: Hashable) -> bool:
        return bool(self._past.get(key))

    def can_redo(self, key: Hashable) -> bool:
        return bool(self._future.get(key))

    def undo(self, key: Hashable, current: Version) -> Version | None:
        """The version to restore instead of `current`, or None when there is none."""
        past = self._past.get(key)
        if not past:
            return None
        self._editing.discard(key)
        self._future.setdefault(key, []).append(current)
        return past.pop()

    def redo(self, key: Hashable, current: Version) -> Version | None:
        future = self._future.get(key)
        if not future:
            return None
        self._editing.discard(key)
        self._past.setdefault(key, []).append(current)
        return future.pop()
