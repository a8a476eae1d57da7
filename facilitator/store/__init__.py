"""The durable offline store: events, tables, agenda items and outcomes in one TinyDB file."""

from facilitator.store.storage import AtomicJSONStorage, DatabaseReadOnly, DatabaseUnreadable
from facilitator.store.store import NotFound, Store
from facilitator.store.validation import RecordInvalid

__all__ = [
    "AtomicJSONStorage",
    "DatabaseReadOnly",
    "DatabaseUnreadable",
    "NotFound",
    "RecordInvalid",
    "Store",
]
