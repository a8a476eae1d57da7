"""A full check of an open database: every record readable, linked and valid against its deck."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from facilitator.decks import file as deck_file
from facilitator.decks.model import ActivityKind, Deck
from facilitator.errors import InputError
from facilitator.store.backups import Backup, list_backups, read_restorable, restore_backup
from facilitator.store.migrations import DECKS_TABLE, HISTORY_TABLE, RECORD_TABLES
from facilitator.store.record_checks import (
    KIND_WORDS,
    MALFORMED,
    check_outcome,
    describe_failure,
    read_record,
)
from facilitator.store.store import Store
from facilitator.store.validation import check_status


def database_problems(store: Store) -> list[str]:
    """One sentence per problem found; an empty list means the database is sound.

    Each record gets the check an imported one gets (`record_checks.read_record`), history
    entries included, then the links between records are followed."""
    data = store.raw_tables()
    problems: list[str] = []
    decks = data[DECKS_TABLE]
    readable: dict[str, dict[str, Any]] = {name: {} for name in RECORD_TABLES}
    for name in RECORD_TABLES:
        for doc_id, doc in data[name].items():
            try:
                readable[name][doc_id] = read_record(name, doc_id, doc, decks.__getitem__)
            except (InputError, *MALFORMED) as exc:
                problems.append(describe_failure(name, doc_id, exc))
    events = readable["events"]
    for name in ("tables", "agenda"):
        for doc_id, record in readable[name].items():
            if record.event_id not in events:
                problems.append(f"{KIND_WORDS[name]} {doc_id[:8]}: its event is missing")
    parsed: dict[str, tuple[ActivityKind, Deck]] = {}
    for doc_id, item in readable["agenda"].items():
        parsed[doc_id] = (item.kind, deck_file.loads(json.dumps(dict(item.snapshot))))
    seen: dict[tuple[str, str], str] = {}
    for doc_id, outcome in readable["outcomes"].items():
        where = f"outcome {doc_id[:8]}"
        table = readable["tables"].get(outcome.table_id)
        if table is None or outcome.item_id not in parsed:
            problems.append(f"{where}: its table or agenda item is missing")
            continue
        if table.event_id != outcome.event_id:
            problems.append(f"{where}: its table belongs to another event")
        key = (outcome.table_id, outcome.item_id)
        if key in seen:
            problems.append(f"{where}: the same table and agenda item as outcome {seen[key][:8]}")
        seen[key] = doc_id
        kind, deck = parsed[outcome.item_id]
        try:
            check_status(outcome.status, check_outcome(outcome, kind, deck).result)
        except InputError as exc:
            problems.append(f"{where}: {exc}")
    for entry_id, entry in data[HISTORY_TABLE].items():
        kind, record_id = entry.get("record_kind", ""), entry.get("record_id", "")
        try:
            read_record(kind, record_id, entry["document"], decks.__getitem__)
        except (InputError, *MALFORMED) as exc:
            failure = describe_failure(kind, record_id, exc)
            problems.append(f"history entry {entry_id[:8]}: {failure}")
    return problems


def backup_problems(backup: Path) -> list[str]:
    """What `database_problems` finds in a backup file, opened read-only and left as it is."""
    with Store.open(backup, read_only=True, device_id="backup-check") as store:
        return database_problems(store)


def check_backup(backup: Path) -> None:
    """Refuse (InputError) a backup that could not stand in for the database: one that is
    damaged, empty or foreign, or has a record the store would not accept (the first named)."""
    read_restorable(backup)
    problems = backup_problems(backup)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(f"{backup.name}: not restored, it has problems: {problems[0]}{more}")


def newest_sound_backup(db_path: Path) -> Backup | None:
    """The newest backup of the database that `check_backup` accepts, if any."""
    for backup in list_backups(db_path):
        try:
            check_backup(backup.path)
        except InputError:
            continue
        return backup
    return None


def restore_sound_backup(db_path: Path, backup: Path, now: datetime) -> Path | None:
    """Restore `backup` only if it passes the full check: a bad backup must not replace a
    database (and the check names the first problem)."""
    check_backup(backup)
    return restore_backup(db_path, backup, now)
