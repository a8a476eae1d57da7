"""One check for a stored document, from the database, an event file or a history entry.

`read_record` turns a document into its record with the same readers and rules the store uses
for what it saves, so a field added to the records is checked everywhere at once. `check_shape`
bounds what no rule names: how large a document is and how deeply it nests.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from facilitator.decks import file as deck_file
from facilitator.decks.model import ActivityKind, Deck
from facilitator.errors import InputError
from facilitator.outcomes import AgendaItem, Event, Outcome, Table
from facilitator.store.records import (
    agenda_item_from_doc,
    event_from_doc,
    outcome_from_doc,
    table_from_doc,
)
from facilitator.store.validation import (
    ID_PATTERN,
    MAX_TABLES,
    RecordInvalid,
    check_head_count,
    check_record_text,
    check_result,
    check_revision_doc,
    check_timebox,
)

KIND_WORDS = {"events": "event", "tables": "table", "agenda": "agenda item", "outcomes": "outcome"}
# No record nests more than a few levels (a deck snapshot: deck, suits, cards, fields); a
# crafted file nests thousands deep to break whatever walks it recursively.
MAX_DEPTH = 24
# The largest record the store makes is a prompts outcome with long notes; a few megabytes
# of one record is padding, not a workshop.
MAX_DOCUMENT_BYTES = 4 * 1024 * 1024

Record = Event | Table | AgendaItem | Outcome
# The deck snapshot an agenda document names (a key into the decks table, or the snapshot
# itself in an event file); raises KeyError when there is none.
SnapshotOf = Callable[[Any], Mapping[str, Any]]


def check_shape(value: Any, what: str = "it") -> None:
    """RecordInvalid when `value` nests deeper than MAX_DEPTH; walked without recursion."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise RecordInvalid(f"{what} nests deeper than {MAX_DEPTH} levels")
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)


def check_size(doc: Mapping[str, Any], limit: int = MAX_DOCUMENT_BYTES) -> None:
    size = len(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    if size > limit:
        raise RecordInvalid(f"it is {size / 1e6:.1f} MB; a record is at most {limit / 1e6:.0f} MB")


def read_record(kind: str, doc_id: object, doc: object, snapshot_of: SnapshotOf) -> Record:
    """The record `doc` holds, checked as the store checks what it saves; RecordInvalid (or
    KeyError, TypeError, ValueError, AttributeError for a malformed document) otherwise.

    Outcomes are checked here as records only; `check_outcome` checks one against its deck."""
    if not isinstance(doc_id, str) or not ID_PATTERN.match(doc_id):
        raise RecordInvalid("its id is not a Facilitator id")
    if not isinstance(doc, Mapping):
        raise RecordInvalid("it is not a JSON object")
    check_shape(doc)
    check_revision_doc(doc)
    if doc["device"] not in doc["versions"]:  # every save counts the device that made it
        raise RecordInvalid("its versions do not count a save by its own device")
    record: Record
    if kind == "events":
        record = event_from_doc(doc_id, doc)
    elif kind == "tables":
        record = table_from_doc(doc_id, doc)
        if not isinstance(record.event_id, str):
            raise RecordInvalid("its event id is not text")
        if (
            isinstance(record.number, bool)
            or not isinstance(record.number, int)
            or not 1 <= record.number <= MAX_TABLES
        ):
            raise RecordInvalid(f"table number {record.number!r} is not 1 to {MAX_TABLES}")
        check_head_count(record.head_count)
    elif kind == "agenda":
        snapshot = snapshot_of(doc["deck"])
        record = agenda_item_from_doc(doc_id, doc, snapshot)
        if not isinstance(record.event_id, str):
            raise RecordInvalid("its event id is not text")
        deck = deck_file.loads(json.dumps(snapshot), "its deck")
        if deck.kind != record.kind:
            raise RecordInvalid(f"is a {record.kind.value} activity with a {deck.kind.value} deck")
        check_timebox(record.timebox_minutes)
        if isinstance(record.position, bool) or not isinstance(record.position, int):
            raise RecordInvalid("its position is not a whole number")
    elif kind == "outcomes":
        record = outcome_from_doc(doc_id, doc)
        for name in ("event_id", "table_id", "item_id"):
            if not isinstance(getattr(record, name), str):
                raise RecordInvalid(f"its {name.replace('_', ' ')} is not text")
    else:
        raise RecordInvalid(f'"{kind}" is not a kind of record')
    check_record_text(kind, record)
    # An agenda item's deck is bounded by the deck rules (which refuse unknown fields).
    check_size({k: v for k, v in doc.items() if k != "deck"} if kind == "agenda" else doc)
    return record


def check_outcome(outcome: Outcome, kind: ActivityKind, deck: Deck) -> Outcome:
    """The outcome with its result checked (and its codes normalised) against its deck."""
    return replace(outcome, result=check_result(outcome.result, kind, deck))


def describe_failure(kind: str, doc_id: Any, exc: Exception) -> str:
    """ "outcome 1a2b3c4d: <what is wrong>" for a document that failed `read_record`."""
    where = f"{KIND_WORDS.get(kind, 'record')} {str(doc_id)[:8]}"
    if isinstance(exc, InputError):
        return f"{where}: {exc}"
    if isinstance(exc, KeyError):
        return f"{where}: lacks its {exc} field"
    return f"{where}: is malformed ({type(exc).__name__}: {exc})"


MALFORMED = (KeyError, TypeError, ValueError, AttributeError)
