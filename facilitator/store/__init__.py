"""The durable offline store: events, tables, agenda items and outcomes in one TinyDB file."""

from facilitator.store.records import (
    NOBODY,
    UNSURE,
    AgendaItem,
    Event,
    HistoryEntry,
    MatchResult,
    Outcome,
    PromptResponse,
    PromptsResult,
    RankResult,
    Result,
    Table,
    Verdict,
)
from facilitator.store.storage import AtomicJSONStorage, DatabaseReadOnly, DatabaseUnreadable
from facilitator.store.store import NotFound, Store
from facilitator.store.validation import RecordInvalid

__all__ = [
    "NOBODY",
    "UNSURE",
    "AgendaItem",
    "AtomicJSONStorage",
    "DatabaseReadOnly",
    "DatabaseUnreadable",
    "Event",
    "HistoryEntry",
    "MatchResult",
    "NotFound",
    "Outcome",
    "PromptResponse",
    "PromptsResult",
    "RankResult",
    "RecordInvalid",
    "Result",
    "Store",
    "Table",
    "Verdict",
]
