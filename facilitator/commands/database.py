"""`facilitator events`, `export`, `import` and `db check|backups|restore|history`."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from facilitator.atomic_write import write_atomic
from facilitator.errors import FacilitatorError, InputError
from facilitator.outcomes import is_recorded
from facilitator.output_paths import check_output
from facilitator.paths import db_path
from facilitator.store import DatabaseUnreadable, Store
from facilitator.store.backups import find_backup, list_backups
from facilitator.store.check import database_problems, newest_sound_backup, restore_sound_backup
from facilitator.store.event_files import load_event_file
from facilitator.store.lock import is_stale, lock_path, read_lock
from facilitator.store.store import utc_now


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    events = subparsers.add_parser(
        "events", help="list the events in the database, with how much of each is recorded"
    )
    events.add_argument("--series", metavar="NAME", help="only the events of this series")
    events.add_argument(
        "--deleted", action="store_true", help="list deleted events (restore with `event restore`)"
    )
    events.set_defaults(func=run_events)

    event = subparsers.add_parser("event", help="delete, restore or duplicate one event")
    event_commands = event.add_subparsers(dest="event_command", metavar="COMMAND", required=True)
    delete = event_commands.add_parser(
        "delete", help="delete an event with its tables, agenda and outcomes (restorable)"
    )
    delete.add_argument("event", metavar="ID", help="the event's id (or its start)")
    delete.set_defaults(func=run_event_delete)
    restore_event = event_commands.add_parser("restore", help="bring a deleted event back")
    restore_event.add_argument("event", metavar="ID", help="its id (or its start), from --deleted")
    restore_event.set_defaults(func=run_event_restore)
    duplicate = event_commands.add_parser(
        "duplicate", help="a new event with the same tables and agenda, no outcomes"
    )
    duplicate.add_argument("event", metavar="ID", help="the event's id (or its start)")
    duplicate.add_argument(
        "--date",
        required=True,
        metavar="WHEN",
        help='the new date: "2026-09-17" or "2026-09-17T18:30"',
    )
    duplicate.add_argument("--title", default="", help="a new title (default: the same)")
    duplicate.set_defaults(func=run_event_duplicate)

    export = subparsers.add_parser(
        "export", help="write one event (tables, agenda, outcomes) to a file for a co-facilitator"
    )
    export.add_argument(
        "--event", required=True, metavar="ID", help="the event's id (or its start)"
    )
    export.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    export.set_defaults(func=run_export)

    merge = subparsers.add_parser(
        "import", help="merge event files exported on other laptops into the database"
    )
    merge.add_argument("files", nargs="+", metavar="FILE", help="event files from `export`")
    merge.set_defaults(func=run_import)

    db = subparsers.add_parser("db", help="check the database, list its backups, restore one")
    db_commands = db.add_subparsers(dest="db_command", metavar="COMMAND", required=True)
    check = db_commands.add_parser("check", help="check that every record is readable and valid")
    check.set_defaults(func=run_check)
    listing = db_commands.add_parser("backups", help="list the database's backups, newest first")
    listing.set_defaults(func=run_backups)
    restore = db_commands.add_parser(
        "restore", help="replace the database with a backup (the current one is kept as a backup)"
    )
    restore.add_argument("backup", metavar="BACKUP", help="a name from `db backups`, or a path")
    restore.set_defaults(func=run_restore)
    history = db_commands.add_parser(
        "history",
        help="list the versions that were deleted, lost a merge or were replaced; restore one",
    )
    history.add_argument("--event", metavar="ID", help="only this event's records")
    history.set_defaults(func=run_history)
    history_commands = history.add_subparsers(dest="history_command", metavar="restore")
    bring_back = history_commands.add_parser(
        "restore", help="bring a kept version back as the record's newest revision"
    )
    bring_back.add_argument("version", metavar="ID", help="an id from `db history`")
    bring_back.set_defaults(func=run_history_restore)


def _when(starts: str) -> str:
    return starts.replace("T", " ") if starts else "-"


def _print_rows(rows: Sequence[Sequence[str]]) -> None:
    # One line per row, whatever the titles and venues hold.
    lines = [[" ".join(cell.split()) for cell in row] for row in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    for row in lines:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


def run_deleted_events(path: Path) -> int:
    with Store.open(path, read_only=True) as store:
        deleted = store.deleted_events()
    if not deleted:
        print(f"no deleted events in {path}")
        return 0
    rows = [("ID", "DELETED", "DATE", "TITLE")]
    for entry in deleted:
        doc = entry.document
        rows.append(
            (entry.record_id[:8], _when(entry.at[:16]), _when(doc.get("starts", "")), doc["title"])
        )
    _print_rows(rows)
    return 0


def run_event_delete(args: argparse.Namespace) -> int:
    with Store.open(db_path()) as store:
        event = store.find_event(args.event)
        store.delete_event(event.id)
    print(
        f'deleted "{event.title}" ({event.id[:8]}); `facilitator event restore {event.id[:8]}` '
        "brings it back"
    )
    return 0


def run_event_restore(args: argparse.Namespace) -> int:
    with Store.open(db_path()) as store:
        ref = args.event.strip().lower()
        matches = [h.record_id for h in store.deleted_events() if h.record_id.startswith(ref)]
        if len(matches) != 1:
            found = "no deleted event" if not matches else f"{len(matches)} deleted events"
            raise InputError(f"{found} with an id starting {ref!r} (see `events --deleted`)")
        event = store.restore_event(matches[0])
    print(f'restored "{event.title}" ({event.id[:8]}) with its tables, agenda and outcomes')
    return 0


def run_event_duplicate(args: argparse.Namespace) -> int:
    with Store.open(db_path()) as store:
        source = store.find_event(args.event)
        copy = store.duplicate_event(source.id, starts=args.date, title=args.title)
        tables, items = len(store.list_tables(copy.id)), len(store.list_agenda(copy.id))
    print(
        f'"{copy.title}" on {_when(copy.starts)} ({copy.id[:8]}): {tables} tables and '
        f"{items} activities, no outcomes"
    )
    return 0


def run_events(args: argparse.Namespace) -> int:
    path = db_path()
    if args.deleted:
        return run_deleted_events(path)
    with Store.open(path, read_only=True) as store:
        events = store.list_events(series=args.series)
        if not events:
            where = f' in the series "{args.series}"' if args.series else ""
            print(f"no events{where} in {path}")
            return 0
        # RECORDED: outcomes recorded of those expected (a table per activity); IN-PROGRESS:
        # outcomes started but not recorded, which no report counts.
        rows = [
            ("ID", "DATE", "SERIES", "TITLE", "VENUE", "TABLES", "ITEMS", "RECORDED", "IN-PROGRESS")
        ]
        for event in events:
            tables = len(store.list_tables(event.id))
            items = len(store.list_agenda(event.id))
            outcomes = store.list_outcomes(event_id=event.id)
            recorded = sum(1 for o in outcomes if is_recorded(o))
            rows.append(
                (
                    event.id[:8],
                    _when(event.starts),
                    event.series or "-",
                    event.title,
                    event.venue or "-",
                    str(tables),
                    str(items),
                    f"{recorded}/{tables * items}",
                    str(len(outcomes) - recorded),
                )
            )
    _print_rows(rows)
    return 0


def run_export(args: argparse.Namespace) -> int:
    with Store.open(db_path(), read_only=True) as store:
        event = store.find_event(args.event)
        payload = store.export_event(event.id)
    target = check_output(args.output)
    write_atomic(target, (json.dumps(payload, indent=1, ensure_ascii=False) + "\n").encode())
    print(
        f'exported "{event.title}" to {target}: {len(payload["tables"])} tables, '
        f"{len(payload['agenda'])} agenda items, {len(payload['outcomes'])} outcomes"
    )
    return 0


def run_import(args: argparse.Namespace) -> int:
    payloads = [(Path(name).name, load_event_file(name)) for name in args.files]
    with Store.open(db_path()) as store:
        if store.emptied:
            raise InputError(f"cannot import: {store.read_only_reason}")
        if store.read_only:
            raise FacilitatorError(f"cannot import: {store.read_only_reason}")
        reports = store.import_events(payloads)
        warning = store.sync_warning
    for report in reports:
        print(report.summary())
        for conflict in report.conflicts:
            print(f"  conflict: {conflict.description}")
    if any(report.conflicts for report in reports):
        print("keep the other version with `facilitator db history restore ID`")
    if warning:
        print(warning)
    return 0


def run_check(args: argparse.Namespace) -> int:
    path = db_path()
    try:
        store = Store.open(path, read_only=True)
    except DatabaseUnreadable as exc:
        raise InputError(f"{exc}{_backup_advice(path)}") from None
    with store:
        if store.emptied:
            raise InputError(store.read_only_reason)
        if not path.exists():
            print(f"no database yet at {path}")
            return 0
        problems = database_problems(store)
        data = store.raw_tables()
        counts = ", ".join(f"{len(data[name])} {name}" for name in ("events", "tables", "outcomes"))
        print(f"{path}: schema version {store.schema_version}; {counts}")
    lock = lock_path(path)
    if lock.exists():
        holder = read_lock(lock)
        state = "stale (its process has ended)" if is_stale(lock, holder) else "in use"
        print(f"lock: {state}, {holder.describe() if holder else 'unreadable'}")
    backups = list_backups(path)
    newest = f", newest {backups[0].name}" if backups else ""
    print(f"backups: {len(backups)}{newest}")
    for problem in problems:
        print(f"problem: {problem}")
    if problems:
        found = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
        raise FacilitatorError(f"{path}: {found} found")
    print("ok")
    return 0


def _backup_advice(path: Path) -> str:
    """Which backup to restore in place of a damaged database: the newest that would be
    restored (a newer one may be damaged too, e.g. one saved before an earlier restore)."""
    backups = list_backups(path)
    if not backups:
        return "; there are no backups"
    sound = newest_sound_backup(path)
    if sound is None:
        which = "its one backup fails" if len(backups) == 1 else f"all {len(backups)} backups fail"
        return f"; but {which} the check too, so none can be restored"
    skipped = next(i for i, b in enumerate(backups) if b.path == sound.path)
    newer = (
        f"; {skipped} newer {'one fails' if skipped == 1 else 'ones fail'} the check"
        if skipped
        else ""
    )
    return (
        f"; the newest backup that passes the check is {sound.name} "
        f"(`facilitator db restore {sound.name}`){newer}"
    )


def run_backups(args: argparse.Namespace) -> int:
    path = db_path()
    backups = list_backups(path)
    if not backups:
        print(f"no backups of {path}")
        return 0
    width = max(len(b.name) for b in backups)
    for backup in backups:
        taken = backup.taken.strftime("%Y-%m-%d %H:%M:%S UTC")
        label = f"  ({backup.label})" if backup.label else ""
        print(f"{backup.name:<{width}}  {taken}  {backup.size:>10,} bytes{label}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    path = db_path()
    backup = find_backup(path, args.backup)
    saved = restore_sound_backup(path, backup, utc_now())
    kept = f"; the database it replaced is kept as {saved.name}" if saved else ""
    print(f"restored {path} from {backup.name}{kept}")
    return 0


WHY = {"conflict": "lost a merge", "deleted": "deleted", "replaced": "replaced"}


def _saved(doc: Any) -> str:
    return f"{doc['updated'][:16].replace('T', ' ')} UTC on {doc['device'][:8]}"


def run_history(args: argparse.Namespace) -> int:
    path = db_path()
    with Store.open(path, read_only=True) as store:
        event_id = store.find_event(args.event).id if args.event else None
        entries = store.list_history(event_id)
        if not entries:
            print(f"no kept versions in {path}" + (" for that event" if event_id else ""))
            return 0
        rows = [("ID", "WHEN", "WHY", "THAT VERSION", "RECORD")]
        for entry in entries:
            rows.append(
                (
                    entry.id[:8],
                    entry.at[:16].replace("T", " "),
                    WHY.get(entry.reason, entry.reason),
                    f"saved {_saved(entry.document)}",
                    " ".join(store.describe(entry.record_kind, entry.document).split()),
                )
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    print("bring one back with `facilitator db history restore ID`")
    return 0


def run_history_restore(args: argparse.Namespace) -> int:
    with Store.open(db_path()) as store:
        if store.emptied:
            raise InputError(f"cannot restore: {store.read_only_reason}")
        if store.read_only:
            raise FacilitatorError(f"cannot restore: {store.read_only_reason}")
        entry = store.restore_version(args.version)
        what = store.describe(entry.record_kind, entry.document)
        print(
            f"restored {what} as saved {_saved(entry.document)}; the version it replaced "
            "is kept in the history"
        )
        if store.sync_warning:
            print(store.sync_warning)
    return 0
