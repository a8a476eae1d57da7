"""Reading an event file from a co-facilitator: every document checked before anything merges.

Each record, history entries included, goes through `record_checks.read_record`, the check the
store applies to its own records, so a file that imports is one the store could have written.
The first problem refuses the whole file in one sentence naming the file and the record.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from facilitator.decks import file as deck_file
from facilitator.decks.input_files import read_input
from facilitator.decks.model import ActivityKind, Deck
from facilitator.errors import InputError
from facilitator.outcomes import AgendaItem, Outcome, is_empty, settled_status
from facilitator.store.migrations import CURRENT_SCHEMA, DECKS_TABLE, HISTORY_TABLE, RECORD_TABLES
from facilitator.store.record_checks import (
    KIND_WORDS,
    MALFORMED,
    check_outcome,
    check_shape,
    describe_failure,
    read_record,
)
from facilitator.store.records import result_to_doc, snapshot_id
from facilitator.store.transaction import Document
from facilitator.store.validation import ID_PATTERN, RecordInvalid, check_status

FORMAT_NAME = "facilitator-event"
FORMAT_VERSION = 1
LISTS = ("tables", "agenda", "outcomes", "history")
# Why a version is in the history: lost a merge, was deleted, or was replaced by a restore.
REASONS = ("conflict", "deleted", "replaced")
# Decks are at most 20 MB each; an evening uses a handful.
MAX_EVENT_FILE_BYTES = 64 * 1024 * 1024
HISTORY_KEYS = {"record_kind", "record_id", "reason", "at", "document"}
HISTORY_OPTIONAL = {"winner_device": str, "winner_revision": int, "deleted_with": str}


def load_event_file(path: str | os.PathLike[str]) -> Any:
    """The parsed JSON of an event file; InputError naming the file when it cannot be."""
    p = Path(path)
    raw = read_input(p, MAX_EVENT_FILE_BYTES, "an event file")
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"{p.name}: is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{p.name}: is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise InputError(f"{p.name}: is not an event file (its JSON nests too deeply)") from None


class _Reader:
    """Checks one file; every refusal names the file and the record at fault."""

    def __init__(self, source: str, known_decks: Mapping[str, Any]) -> None:
        self.source = source
        self.known_decks = known_decks
        self.decks: dict[str, Any] = {}  # snapshot key -> snapshot, from this file

    def fail(self, message: str) -> InputError:
        return InputError(f"{self.source}: {message}")

    def record(
        self, kind: str, raw: Any, event_id: str | None, inline_deck: bool = False
    ) -> tuple[str, Document, Any]:
        if not isinstance(raw, dict):
            raise self.fail(f"every {KIND_WORDS[kind]} must be a JSON object")
        doc_id = raw.get("id")
        doc = {k: v for k, v in raw.items() if k != "id"}
        try:
            record = read_record(kind, doc_id, doc, self.inline if inline_deck else self.by_key)
            if event_id is not None and getattr(record, "event_id", None) != event_id:
                raise RecordInvalid("belongs to another event")
        except (InputError, *MALFORMED) as exc:
            raise self.fail(describe_failure(kind, doc_id, exc)) from None
        return str(doc_id), doc, record

    @staticmethod
    def inline(deck: Any) -> Mapping[str, Any]:
        if not isinstance(deck, dict):
            raise RecordInvalid("its deck is not a deck")
        return deck

    def by_key(self, key: Any) -> Mapping[str, Any]:
        if not isinstance(key, str):
            raise RecordInvalid("its deck is not a deck")
        snapshot = self.decks.get(key, self.known_decks.get(key))
        if snapshot is None:
            raise RecordInvalid("its deck is not in the file (export it again to include it)")
        return snapshot

    def deck(self, item: AgendaItem) -> Deck:
        return deck_file.loads(json.dumps(dict(item.snapshot)), "its deck")

    def history(
        self, raw: Any, event_id: str, items: dict[str, tuple[ActivityKind, Deck]]
    ) -> tuple[str, Document]:
        if not isinstance(raw, dict) or not ID_PATTERN.match(str(raw.get("id", ""))):
            raise self.fail("a history entry has no valid id")
        entry_id = raw["id"]
        entry = {k: v for k, v in raw.items() if k != "id"}
        where = f"history entry {entry_id[:8]}"
        kind, record_id = entry.get("record_kind"), entry.get("record_id")
        if kind not in RECORD_TABLES:
            raise self.fail(f"{where}: {kind!r} is not a kind of record")
        if entry.get("reason") not in REASONS:
            raise self.fail(f"{where}: {entry.get('reason')!r} is not a reason it could be kept")
        if not isinstance(entry.get("at"), str) or not entry["at"]:
            raise self.fail(f"{where}: lacks the time it was kept")
        missing = HISTORY_KEYS - set(entry)
        if missing:
            raise self.fail(f"{where}: lacks its {sorted(missing)[0]} field")
        for name, type_ in HISTORY_OPTIONAL.items():
            if name in entry and not isinstance(entry[name], type_):
                raise self.fail(f"{where}: its {name} is not {type_.__name__}")
        try:
            record = read_record(kind, record_id, entry["document"], self.by_key)
            # An event file carries its own event's history: a deletion it carries must not
            # reach another event's records.
            if getattr(record, "event_id", record_id) != event_id:
                raise RecordInvalid("belongs to another event")
            if isinstance(record, Outcome) and record.item_id in items:
                item_kind, deck = items[record.item_id]
                check_outcome(record, item_kind, deck)
        except (InputError, *MALFORMED) as exc:
            raise self.fail(f"{where}: {describe_failure(kind, record_id, exc)}") from None
        return entry_id, entry


def read_event_file(
    source: str, payload: Any, known_decks: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The file's records, checked: each a (id, document) list per table; raises InputError.

    `known_decks` are the database's deck snapshots, which history entries may name."""
    reader = _Reader(source, known_decks or {})
    try:
        check_shape(payload, "the file")
    except RecordInvalid as exc:
        raise reader.fail(f"is not an event file ({exc})") from None
    payload = copy.deepcopy(payload)  # merged documents must not share objects with the caller
    if not isinstance(payload, dict) or payload.get("format") != FORMAT_NAME:
        raise reader.fail(f'is not a Facilitator event file (no "format": "{FORMAT_NAME}")')
    version = payload.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise reader.fail("has no valid version")
    schema = payload.get("schema", 0)
    if not isinstance(schema, int) or version > FORMAT_VERSION or schema > CURRENT_SCHEMA:
        raise reader.fail("was written by a newer Facilitator; update this one to import it")
    for name in LISTS:
        if not isinstance(payload.get(name, []), list):
            raise reader.fail(f'"{name}" must be a list')
    extra_decks = payload.get(DECKS_TABLE, {})
    if not isinstance(extra_decks, dict):
        raise reader.fail(f'"{DECKS_TABLE}" must map deck keys to decks')
    for key, snapshot in extra_decks.items():
        if not isinstance(snapshot, dict) or snapshot_id(snapshot) != key:
            raise reader.fail(f"deck {key[:8]}: does not match its key")
        deck_file.loads(json.dumps(snapshot), f"{source}: deck {key[:8]}")
        reader.decks[key] = snapshot

    event_id, event, _ = reader.record("events", payload.get("event"), None)
    tables = [reader.record("tables", r, event_id) for r in payload.get("tables", [])]
    agenda = [
        reader.record("agenda", r, event_id, inline_deck=True) for r in payload.get("agenda", [])
    ]
    items: dict[str, tuple[ActivityKind, Deck]] = {}
    for item_id, doc, item in agenda:
        key = snapshot_id(doc["deck"])
        reader.decks[key] = doc["deck"]
        items[item_id] = (item.kind, reader.deck(item))
    table_ids = {table_id for table_id, _, _ in tables}
    outcomes = []
    for raw in payload.get("outcomes", []):
        doc_id, doc, outcome = reader.record("outcomes", raw, event_id)
        if outcome.table_id not in table_ids or outcome.item_id not in items:
            raise reader.fail(f"outcome {doc_id[:8]}: its table or agenda item is not in the file")
        kind, deck = items[outcome.item_id]
        try:
            checked = check_outcome(outcome, kind, deck)
            if is_empty(checked.result):
                continue  # an emptied order from an older version: no outcome at all
            # Files from before statuses were stored get the status the rules give.
            given = doc.get("status") or settled_status(checked.result, deck)
            status = check_status(given, checked.result)
        except InputError as exc:
            raise reader.fail(describe_failure("outcomes", doc_id, exc)) from None
        result_doc = result_to_doc(checked.result)
        outcomes.append((doc_id, {**doc, "result": result_doc, "status": status.value}))
    history = [reader.history(raw, event_id, items) for raw in payload.get("history", [])]
    return {
        "events": [(event_id, event)],
        "tables": [(i, d) for i, d, _ in tables],
        "agenda": [(i, {**d, "deck": snapshot_id(d["deck"])}) for i, d, _ in agenda],
        "outcomes": outcomes,
        HISTORY_TABLE: history,
        DECKS_TABLE: list(reader.decks.items()),
    }
