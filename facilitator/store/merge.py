"""Event files for co-facilitators: export one event, merge others' copies in by uuid.

Each record counts the saves each device made (`versions`). An incoming copy whose counts
are all at least ours is newer and replaces ours; one whose counts ours covers is old news.
Otherwise the two were edited apart: the higher revision wins (then the later save, then the
device id, so every laptop picks the same winner), and the loser goes to the history.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from facilitator.decks import file as deck_file
from facilitator.decks.model import ActivityKind, Deck
from facilitator.errors import FacilitatorError, InputError
from facilitator.outcomes import is_empty, settled_status
from facilitator.store.migrations import CURRENT_SCHEMA, DECKS_TABLE, HISTORY_TABLE, RECORD_TABLES
from facilitator.store.records import (
    agenda_item_from_doc,
    event_from_doc,
    history_id,
    outcome_from_doc,
    result_to_doc,
    snapshot_id,
    table_from_doc,
)
from facilitator.store.storage import Data
from facilitator.store.transaction import Document, Transaction
from facilitator.store.validation import (
    ID_PATTERN,
    MAX_TABLES,
    check_head_count,
    check_record_text,
    check_result,
    check_revision_doc,
    check_status,
    check_timebox,
)

FORMAT_NAME = "facilitator-event"
FORMAT_VERSION = 1
LISTS = ("tables", "agenda", "outcomes", "history")
REASONS = ("conflict", "deleted")
KIND_WORDS = {"events": "event", "tables": "table", "agenda": "agenda item", "outcomes": "outcome"}


@dataclass(frozen=True)
class Conflict:
    """A record edited on two laptops; `description` says which copy was kept."""

    record_kind: str
    record_id: str
    description: str


@dataclass
class MergeReport:
    """What importing one event file did."""

    source: str
    event_title: str
    added: list[tuple[str, str]] = field(default_factory=list)
    updated: list[tuple[str, str]] = field(default_factory=list)
    unchanged: list[tuple[str, str]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    def summary(self) -> str:
        n = len(self.conflicts)
        return (
            f"{self.source} ({self.event_title}): {len(self.added)} added, "
            f"{len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{n} conflict{'' if n == 1 else 's'}"
        )


def export_event(data: Data, event_id: str, *, exported: str, device: str) -> dict[str, Any]:
    def with_ids(table: str, keep: Any) -> list[Document]:
        return [{"id": i, **d} for i, d in sorted(data[table].items()) if keep(d)]

    tables = with_ids("tables", lambda d: d["event_id"] == event_id)
    agenda = [  # each item carries its deck, so the file stands on its own
        {**d, "deck": data[DECKS_TABLE][d["deck"]]}
        for d in with_ids("agenda", lambda d: d["event_id"] == event_id)
    ]
    outcomes = with_ids("outcomes", lambda d: d["event_id"] == event_id)
    ids = {event_id, *(d["id"] for d in tables + agenda + outcomes)}
    export = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "schema": CURRENT_SCHEMA,
        "exported": exported,
        "device": device,
        "event": {"id": event_id, **data["events"][event_id]},
        "tables": tables,
        "agenda": agenda,
        "outcomes": outcomes,
        "history": with_ids(
            HISTORY_TABLE,
            lambda d: d["record_id"] in ids or d["document"].get("event_id") == event_id,
        ),
    }
    return copy.deepcopy(export)  # the caller may change it; the store's state must not


class _FileChecker:
    """Checks an event file completely before anything is merged; errors name file and record."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, message: str) -> InputError:
        return InputError(f"{self.source}: {message}")

    def record(self, kind: str, raw: Any, event_id: str | None) -> tuple[str, Document]:
        if not isinstance(raw, dict):
            raise self.fail(f"every {KIND_WORDS[kind]} must be a JSON object")
        doc_id = raw.get("id")
        if not isinstance(doc_id, str) or not ID_PATTERN.match(doc_id):
            raise self.fail(f"a {KIND_WORDS[kind]} has no valid id")
        doc = {k: v for k, v in raw.items() if k != "id"}
        where = f"{KIND_WORDS[kind]} {doc_id[:8]}"
        try:
            check_revision_doc(doc)
            if event_id is not None and doc.get("event_id") != event_id:
                raise InputError("belongs to another event")
            self.fields(kind, doc_id, doc)
        except InputError as exc:
            raise self.fail(f"{where}: {exc}") from None
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise self.fail(f"{where}: is malformed ({type(exc).__name__}: {exc})") from None
        return doc_id, doc

    def fields(self, kind: str, doc_id: str, doc: Document) -> None:
        if kind == "events":
            check_record_text(kind, event_from_doc(doc_id, doc))
        elif kind == "tables":
            table = table_from_doc(doc_id, doc)
            if isinstance(table.number, bool) or not 1 <= table.number <= MAX_TABLES:
                raise InputError(f"table number {table.number} is not 1 to {MAX_TABLES}")
            check_head_count(table.head_count)
            check_record_text(kind, table)
        elif kind == "agenda":
            item = agenda_item_from_doc(doc_id, doc, doc["deck"])
            check_record_text(kind, item)
            deck = deck_file.loads(json.dumps(item.snapshot), "its deck")
            if deck.kind != item.kind:
                raise InputError(f"is a {item.kind.value} activity with a {deck.kind.value} deck")
            check_timebox(item.timebox_minutes)
            if isinstance(item.position, bool) or not isinstance(item.position, int):
                raise InputError("its position is not a whole number")


def read_event_file(source: str, payload: Any) -> dict[str, Any]:
    """The file's records, checked: each a (id, document) list per table; raises InputError."""
    check = _FileChecker(source)
    payload = copy.deepcopy(payload)  # merged documents must not share objects with the caller
    if not isinstance(payload, dict) or payload.get("format") != FORMAT_NAME:
        raise check.fail(f'is not a Facilitator event file (no "format": "{FORMAT_NAME}")')
    version = payload.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise check.fail("has no valid version")
    if version > FORMAT_VERSION or payload.get("schema", 0) > CURRENT_SCHEMA:
        raise check.fail("was written by a newer Facilitator; update this one to import it")
    for name in LISTS:
        if not isinstance(payload.get(name, []), list):
            raise check.fail(f'"{name}" must be a list')
    event_id, event = check.record("events", payload.get("event"), None)
    tables = [check.record("tables", r, event_id) for r in payload.get("tables", [])]
    agenda = [check.record("agenda", r, event_id) for r in payload.get("agenda", [])]
    table_ids = {i for i, _ in tables}
    decks: dict[str, tuple[ActivityKind, Deck]] = {
        i: (ActivityKind(d["kind"]), deck_file.loads(json.dumps(d["deck"]))) for i, d in agenda
    }
    outcomes = []
    for raw in payload.get("outcomes", []):
        doc_id, doc = check.record("outcomes", raw, event_id)
        where = f"outcome {doc_id[:8]}"
        if doc.get("table_id") not in table_ids or doc.get("item_id") not in decks:
            raise check.fail(f"{where}: its table or agenda item is not in the file")
        kind, deck = decks[doc["item_id"]]
        try:
            outcome = outcome_from_doc(doc_id, doc)
            result = check_result(outcome.result, kind, deck)
            if is_empty(result):
                continue  # an emptied order from an older version: no outcome at all
            # Files from before statuses were stored get the status the rules give.
            status = check_status(doc.get("status") or settled_status(result, deck), result)
        except InputError as exc:
            raise check.fail(f"{where}: {exc}") from None
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise check.fail(f"{where}: is malformed ({type(exc).__name__}: {exc})") from None
        result_doc = result_to_doc(result)
        outcomes.append((doc_id, {**doc, "result": result_doc, "status": status.value}))
    history = []
    for raw in payload.get("history", []):
        if not isinstance(raw, dict) or not ID_PATTERN.match(str(raw.get("id", ""))):
            raise check.fail("a history entry has no valid id")
        doc = {k: v for k, v in raw.items() if k != "id"}
        try:
            if doc.get("record_kind") not in RECORD_TABLES or doc.get("reason") not in REASONS:
                raise InputError("has an unknown kind or reason")
            if not all(isinstance(doc.get(k), str) for k in ("record_id", "at")):
                raise InputError("lacks its record id or time")
            if not isinstance(doc.get("document"), dict):
                raise InputError("lacks the document it keeps")
            check_revision_doc(doc["document"])
        except InputError as exc:
            raise check.fail(f"history entry {raw['id'][:8]}: {exc}") from None
        history.append((raw["id"], doc))
    decks = {snapshot_id(d["deck"]): d["deck"] for _, d in agenda}
    return {
        "events": [(event_id, event)],
        "tables": tables,
        "agenda": [(i, {**d, "deck": snapshot_id(d["deck"])}) for i, d in agenda],
        "outcomes": outcomes,
        HISTORY_TABLE: history,
        DECKS_TABLE: list(decks.items()),
    }


def dominates(a: Mapping[str, int], b: Mapping[str, int]) -> bool:
    """True when a copy with save counts `a` has seen every save counted in `b`."""
    return all(a.get(device, 0) >= count for device, count in b.items())


def _precedence(doc: Document, doc_id: str) -> tuple[Any, ...]:
    return (doc["revision"], doc["updated"], doc["device"], doc_id)


class _Merger:
    def __init__(self, tx: Transaction, now: Callable[[], str]) -> None:
        self.tx = tx
        self.now = now
        self.needed: set[tuple[str, str]] = set()
        self.buried: dict[tuple[str, str], list[Document]] = {}
        for entry in tx.table(HISTORY_TABLE).values():
            key = (entry["record_kind"], entry["record_id"])
            self.buried.setdefault(key, []).append(entry["document"])
        self.outcome_keys = {
            (d["table_id"], d["item_id"]): i for i, d in tx.table("outcomes").items()
        }

    def merge(self, source: str, records: dict[str, Any]) -> MergeReport:
        event_title = records["events"][0][1]["title"]
        report = MergeReport(source, event_title)
        for key, snapshot in records[DECKS_TABLE]:
            if self.tx.get(DECKS_TABLE, key) is None:
                self.tx.put(DECKS_TABLE, key, snapshot)
        deletions = []
        for entry_id, entry in records[HISTORY_TABLE]:
            if self.tx.get(HISTORY_TABLE, entry_id) is None:
                self.tx.put(HISTORY_TABLE, entry_id, entry)
                key = (entry["record_kind"], entry["record_id"])
                self.buried.setdefault(key, []).append(entry["document"])
                if entry["reason"] == "deleted":
                    deletions.append((key, entry["document"]))
        # A table or agenda item deleted here comes back if an incoming outcome needs it.
        self.needed = set()
        for doc_id, doc in records["outcomes"]:
            if self.buried_version(("outcomes", doc_id), doc) is None:
                self.needed |= {("tables", doc["table_id"]), ("agenda", doc["item_id"])}
        for kind in RECORD_TABLES:
            for doc_id, doc in records[kind]:
                self.record(kind, doc_id, doc, report)
        self.delete(deletions, report)
        return report

    def delete(
        self, deletions: list[tuple[tuple[str, str], Document]], report: MergeReport
    ) -> None:
        """Apply deletions made elsewhere to records not edited here since; outcomes first."""
        order = {"outcomes": 0, "agenda": 1, "tables": 2, "events": 3}
        for (kind, doc_id), deleted in sorted(deletions, key=lambda d: order[d[0][0]]):
            local = self.tx.get(kind, doc_id)
            if local is None or not dominates(deleted["versions"], local["versions"]):
                continue  # already gone, or edited here after: the edit is kept
            field = {"tables": "table_id", "agenda": "item_id"}.get(kind)
            outcomes = self.tx.table("outcomes").values()
            if field and any(o[field] == doc_id for o in outcomes):
                continue  # still needed by an outcome recorded here
            if kind == "events":
                continue
            self.tx.delete(kind, doc_id)
            if kind == "outcomes":
                self.outcome_keys.pop((local["table_id"], local["item_id"]), None)
            report.updated.append((kind, doc_id))

    def buried_version(self, key: tuple[str, str], incoming: Document) -> Document | None:
        """A deleted or merge-losing version that has seen every save `incoming` has."""
        for doc in self.buried.get(key, []):
            if dominates(doc["versions"], incoming["versions"]):
                return doc
        return None

    def record(self, kind: str, doc_id: str, incoming: Document, report: MergeReport) -> None:
        local = self.tx.get(kind, doc_id)
        key = (kind, doc_id)
        if local is None:
            buried = self.buried_version(key, incoming)
            if buried is not None and key in self.needed:
                self.tx.put(kind, doc_id, buried)
                report.added.append(key)
                return
            if buried is not None:
                report.unchanged.append(key)  # deleted here, or lost a merge, after this copy
                return
            if kind == "outcomes" and not self.outcome_clash(doc_id, incoming, report):
                return
            self.tx.put(kind, doc_id, incoming)
            report.added.append(key)
            return
        ours, theirs = local["versions"], incoming["versions"]
        if ours == theirs and local != incoming:
            # Same counts, different content: two installs share a device id (a copied data
            # folder). Treat it as the conflict it is rather than lose one side.
            self.conflicting(kind, doc_id, local, incoming, report)
        elif dominates(ours, theirs):
            report.unchanged.append(key)
        elif dominates(theirs, ours):
            self.tx.put(kind, doc_id, incoming)
            report.updated.append(key)
        else:
            self.conflicting(kind, doc_id, local, incoming, report)

    def conflicting(
        self, kind: str, doc_id: str, local: Document, incoming: Document, report: MergeReport
    ) -> None:
        winner, loser = (incoming, local)
        if _precedence(local, doc_id) > _precedence(incoming, doc_id):
            winner, loser = local, incoming
        versions = dict(local["versions"])
        for device, count in incoming["versions"].items():
            versions[device] = max(versions.get(device, 0), count)
        if versions == local["versions"] == incoming["versions"]:
            versions[winner["device"]] += 1  # so the merged copy is newer than both
        self.tx.put(kind, doc_id, {**winner, "versions": versions})
        report.conflicts.append(self.conflict(kind, doc_id, winner, loser))

    def outcome_clash(self, doc_id: str, incoming: Document, report: MergeReport) -> bool:
        """Two laptops each recorded this table's outcome for this item: keep one. True: add."""
        key = (incoming["table_id"], incoming["item_id"])
        other_id = self.outcome_keys.get(key)
        if other_id is None:
            self.outcome_keys[key] = doc_id
            return True
        other = self.tx.table("outcomes")[other_id]
        if _precedence(other, other_id) > _precedence(incoming, doc_id):
            report.conflicts.append(self.conflict("outcomes", doc_id, other, incoming, doc_id))
            return False
        report.conflicts.append(self.conflict("outcomes", other_id, incoming, other, other_id))
        self.tx.delete("outcomes", other_id)
        self.outcome_keys[key] = doc_id
        return True

    def conflict(
        self,
        kind: str,
        doc_id: str,
        winner: Document,
        loser: Document,
        loser_id: str | None = None,
    ) -> Conflict:
        lost_id = loser_id or doc_id
        entry = {
            "record_kind": kind,
            "record_id": lost_id,
            "reason": "conflict",
            "at": self.now(),
            "document": loser,
            "winner_device": winner["device"],
            "winner_revision": winner["revision"],
        }
        self.tx.put(HISTORY_TABLE, history_id(kind, lost_id, loser, "conflict"), entry)
        self.buried.setdefault((kind, lost_id), []).append(loser)
        return Conflict(kind, doc_id, f"{self.describe(kind, winner)}: {_kept(winner, loser)}")

    def describe(self, kind: str, doc: Document) -> str:
        if kind == "outcomes":
            table = self.tx.get("tables", doc["table_id"]) or {}
            item = self.tx.get("agenda", doc["item_id"]) or {}
            return f'outcome of {table.get("name", "a table")} for "{item.get("title", "?")}"'
        if kind == "events":
            return f'event "{doc["title"]}"'
        if kind == "tables":
            return f'table "{doc["name"]}"'
        return f'agenda item "{doc["title"]}"'


def _kept(winner: Document, loser: Document) -> str:
    def copy(doc: Document) -> str:
        return (
            f"revision {doc['revision']} saved {doc['updated'][:19].replace('T', ' ')} UTC "
            f"on device {doc['device'][:8]}"
        )

    return f"kept {copy(winner)}; the other, {copy(loser)}, is in its history"


def merge_files(
    tx: Transaction, payloads: list[tuple[str, Any]], *, now: Callable[[], str]
) -> list[MergeReport]:
    """Check every file, then merge them in order into `tx`; raises InputError before any change."""
    if not payloads:
        raise FacilitatorError("no event files to import")
    checked = [(source, read_event_file(source, payload)) for source, payload in payloads]
    merger = _Merger(tx, now)
    return [merger.merge(source, records) for source, records in checked]
