"""A set of changes to the database's tables, made on copies so a failed save changes nothing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from facilitator.store.storage import Data

Document = dict[str, Any]


class Transaction:
    """Copy-on-write view of the database: untouched tables and documents stay shared.

    Documents are never changed in place (put a new dict instead), which is what lets the
    storage re-encode only the documents that changed.
    """

    def __init__(self, base: Data) -> None:
        self._base = base
        self._copied: dict[str, dict[str, Any]] = {}
        self.changed = False

    def table(self, name: str) -> Mapping[str, Document]:
        copied = self._copied.get(name)
        if copied is not None:
            return copied
        return self._base.get(name, {})

    def get(self, name: str, doc_id: str) -> Document | None:
        return self.table(name).get(doc_id)

    def _writable(self, name: str) -> dict[str, Any]:
        copied = self._copied.get(name)
        if copied is None:
            copied = dict(self._base.get(name, {}))
            self._copied[name] = copied
        return copied

    def put(self, name: str, doc_id: str, doc: Document) -> None:
        self._writable(name)[doc_id] = doc
        self.changed = True

    def delete(self, name: str, doc_id: str) -> None:
        self._writable(name).pop(doc_id, None)
        self.changed = True

    def result(self) -> Data:
        return {**self._base, **self._copied}
