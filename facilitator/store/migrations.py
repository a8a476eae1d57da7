"""The database's schema version, and the steps that bring an older database up to date.

Version 1 stored each record's revision and last device only, and a copy of its deck in
every agenda item. Version 2 adds `versions` (saves per device) so copies from several
laptops merge without false conflicts, the `history` table that keeps merge losers and
deleted records, and the `decks` table that holds each deck snapshot once, by content hash
(a series reuses its decks at every event; storing them once keeps every save small).
Version 3 stores each outcome's status (in progress or recorded) explicitly; older outcomes
get the status the rules give them (outcomes.settled_status), and an empty one is no outcome
(moved to the history).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from facilitator.decks import file as deck_file
from facilitator.decks.model import ActivityKind, DeckInvalid
from facilitator.outcomes import is_empty, settled_status
from facilitator.store.records import history_id, result_from_doc, snapshot_id
from facilitator.store.storage import Data, DatabaseUnreadable

CURRENT_SCHEMA = 3
META_TABLE = "meta"
SCHEMA_DOC = "schema"
RECORD_TABLES = ("events", "tables", "agenda", "outcomes")
HISTORY_TABLE = "history"
DECKS_TABLE = "decks"
ALL_TABLES = (META_TABLE, *RECORD_TABLES, HISTORY_TABLE, DECKS_TABLE)


def new_database(created: str) -> Data:
    data: Data = {name: {} for name in ALL_TABLES}
    data[META_TABLE][SCHEMA_DOC] = {"version": CURRENT_SCHEMA, "created": created}
    return data


def schema_version(data: Data, where: Path | str) -> int:
    """The version a database says it has; refuses files that are not ours."""
    meta = data.get(META_TABLE, {}).get(SCHEMA_DOC)
    if isinstance(meta, dict):
        version = meta.get("version")
        if isinstance(version, int) and not isinstance(version, bool) and version >= 1:
            return version
    raise DatabaseUnreadable(
        f"{where}: is not a Facilitator database (it has no schema version); it was left as it is"
    )


def is_blank(data: Data | None) -> bool:
    """True for a new database: no file, an empty file, or TinyDB's empty `{"_default": {}}`."""
    return data is None or (all(not table for table in data.values()) and META_TABLE not in data)


def _v1_to_v2(data: Data) -> Data:
    for name in RECORD_TABLES:
        table = data.setdefault(name, {})
        for doc in table.values():
            doc["versions"] = {doc["device"]: doc["revision"]}
    data.setdefault(HISTORY_TABLE, {})
    decks = data.setdefault(DECKS_TABLE, {})
    for doc in data["agenda"].values():
        if not isinstance(doc["deck"], dict):
            raise TypeError("its deck")
        key = snapshot_id(doc["deck"])
        decks[key] = doc["deck"]
        doc["deck"] = key
    return data


def settle_outcome(doc: dict[str, Any], snapshot: Any) -> bool:
    """Give an outcome from before version 3 its status by the rules; False if it is empty.

    An order with an unknown code (it kept its typing) comes in as in progress; an order,
    matching or set of answers holding nothing is no outcome.
    """
    try:
        deck = deck_file.loads(json.dumps(snapshot), "its deck")
    except DeckInvalid as exc:
        raise TypeError(f"a readable deck ({exc})") from None
    result = result_from_doc(ActivityKind(doc["kind"]), doc["result"])
    if is_empty(result):
        return False
    doc["status"] = settled_status(result, deck).value
    return True


def _v2_to_v3(data: Data) -> Data:
    agenda, decks = data["agenda"], data[DECKS_TABLE]
    outcomes = data["outcomes"]
    for doc_id, doc in list(outcomes.items()):
        snapshot = decks[agenda[doc["item_id"]]["deck"]]
        if not settle_outcome(doc, snapshot):
            entry = {
                "record_kind": "outcomes",
                "record_id": doc_id,
                "reason": "deleted",
                "at": doc["updated"],
                "document": doc,
            }
            data[HISTORY_TABLE][history_id("outcomes", doc_id, doc, "deleted")] = entry
            del outcomes[doc_id]
    return data


# Step from version N to N+1. Each step is tested on a database written by that version.
STEPS: dict[int, Callable[[Data], Data]] = {1: _v1_to_v2, 2: _v2_to_v3}


def migrate(data: Data, where: Path | str) -> tuple[Data, int]:
    """The database brought to CURRENT_SCHEMA, and the version it had."""
    found = schema_version(data, where)
    if found > CURRENT_SCHEMA:
        raise DatabaseUnreadable(
            f"{where}: was written by a newer Facilitator (schema version {found}); this one "
            f"reads up to version {CURRENT_SCHEMA}; it was left as it is"
        )
    version = found
    while version < CURRENT_SCHEMA:
        try:
            data = STEPS[version](data)
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise DatabaseUnreadable(
                f"{where}: could not be upgraded from schema version {version} "
                f"(a record lacks {exc}); it was left as it is"
            ) from None
        version += 1
        meta: dict[str, Any] = data[META_TABLE][SCHEMA_DOC]
        data[META_TABLE][SCHEMA_DOC] = {**meta, "version": version}
    for name in ALL_TABLES:
        data.setdefault(name, {})
    return data, found
