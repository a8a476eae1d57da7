"""The app's one open database: opened on first use, shared by every page, closed on quit.

Pages read through `store()`; after a write they call `notify_changed(origin)` and every page
listening to `changed` refreshes (the page that made the change can skip itself by `origin`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from facilitator.paths import db_path
from facilitator.store import Store


class StoreSession(QObject):
    changed = Signal(object)  # the widget (or other object) that made the change

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store: Store | None = None

    def store(self) -> Store:
        """The open store; raises the store's own errors (e.g. DatabaseUnreadable) to the caller."""
        if self._store is None:
            self._store = Store.open(db_path())
        return self._store

    @property
    def is_open(self) -> bool:
        return self._store is not None

    def notify_changed(self, origin: object = None) -> None:
        self.changed.emit(origin)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
