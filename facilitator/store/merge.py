"""Event files for co-facilitators: export one event, merge others' copies in by uuid.

Each record counts the saves each device made (`versions`). An incoming copy whose counts
are all at least ours is newer and replaces ours; one whose counts ours covers is old news.
Otherwise the two were edited apart: the later save wins (then the device id, so every laptop
picks the same winner), and the loser goes to the history, from where it can be restored.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from facilitator.errors import FacilitatorError, InputError
from facilitator.store.event_files import FORMAT_NAME, FORMAT_VERSION, read_event_file
from facilitator.store.migrations import CURRENT_SCHEMA, DECKS_TABLE, HISTORY_TABLE, RECORD_TABLES
from facilitator.store.record_checks import KIND_WORDS
from facilitator.store.records import history_id
from facilitator.store.storage import Data
from facilitator.store.transaction import Document, Transaction

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "Conflict", "MergeReport", "read_event_file"]


@dataclass(frozen=True)
class Conflict:
    """A record edited on two laptops; `description` says which copy was kept."""

    record_kind: str
    record_id: str
    description: str
    history_id: str = ""  # the losing version's history entry: `db history restore` brings it back
    what: str = ""  # the record as a user knows it: 'outcome of Table 1 for "Roles"'


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
    history = with_ids(
        HISTORY_TABLE,
        lambda d: d["record_id"] in ids or d["document"].get("event_id") == event_id,
    )
    # Earlier versions of agenda items name their deck by key: carry those decks too.
    live_decks = {d["deck"] for d in with_ids("agenda", lambda d: d["event_id"] == event_id)}
    history_decks = {
        h["document"]["deck"]: data[DECKS_TABLE][h["document"]["deck"]]
        for h in history
        if h["record_kind"] == "agenda"
        and h["document"]["deck"] not in live_decks
        and h["document"]["deck"] in data[DECKS_TABLE]
    }
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
        "history": history,
        DECKS_TABLE: history_decks,
    }
    return copy.deepcopy(export)  # the caller may change it; the store's state must not


def dominates(a: Mapping[str, int], b: Mapping[str, int]) -> bool:
    """True when a copy with save counts `a` has seen every save counted in `b`."""
    return all(a.get(device, 0) >= count for device, count in b.items())


def _precedence(doc: Document, doc_id: str) -> tuple[Any, ...]:
    # The later save wins: what the facilitator did last, not whoever saved more often.
    return (doc["updated"], doc["device"], doc_id)


class _Merger:
    def __init__(self, tx: Transaction, now: Callable[[], str]) -> None:
        self.tx = tx
        self.now = now
        self.source = ""
        self.needed: set[tuple[str, str]] = set()
        self.buried: dict[tuple[str, str], list[Document]] = {}
        for entry in tx.table(HISTORY_TABLE).values():
            key = (entry["record_kind"], entry["record_id"])
            self.buried.setdefault(key, []).append(entry["document"])
        self.outcome_keys = {
            (d["table_id"], d["item_id"]): i for i, d in tx.table("outcomes").items()
        }

    def check_same_event(self, kind: str, doc_id: str, ours: Document, theirs: Document) -> None:
        """Ids are uuids: one shared by records of two events is a crafted file. Raising
        here, before the save, leaves the database as it was."""
        if kind != "events" and ours.get("event_id") != theirs.get("event_id"):
            raise InputError(
                f"{self.source}: {KIND_WORDS[kind]} {doc_id[:8]}: has the id of a record of "
                "another event here"
            )

    def merge(self, source: str, records: dict[str, Any]) -> MergeReport:
        self.source = source
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
            self.check_same_event(kind, doc_id, local, deleted)
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
        if local is not None:
            self.check_same_event(kind, doc_id, local, incoming)
        if local is None:
            buried = self.buried_version(key, incoming)
            if buried is not None:
                self.check_same_event(kind, doc_id, buried, incoming)
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
        entry_id = history_id(kind, lost_id, loser, "conflict")
        self.tx.put(HISTORY_TABLE, entry_id, entry)
        self.buried.setdefault((kind, lost_id), []).append(loser)
        what = self.describe(kind, winner)
        return Conflict(kind, doc_id, f"{what}: {_kept(winner, loser, entry_id)}", entry_id, what)

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


def _kept(winner: Document, loser: Document, entry_id: str) -> str:
    def copy(doc: Document) -> str:
        return f"saved {doc['updated'][:19].replace('T', ' ')} UTC on device {doc['device'][:8]}"

    return (
        f"kept the later save ({copy(winner)}); the other ({copy(loser)}) is in the "
        f"history as {entry_id[:8]}"
    )


def merge_files(
    tx: Transaction, payloads: list[tuple[str, Any]], *, now: Callable[[], str]
) -> list[MergeReport]:
    """Check every file, then merge them in order into `tx`; raises InputError before any change."""
    if not payloads:
        raise FacilitatorError("no event files to import")
    decks = tx.table(DECKS_TABLE)
    checked = [(source, read_event_file(source, payload, decks)) for source, payload in payloads]
    merger = _Merger(tx, now)
    return [merger.merge(source, records) for source, records in checked]
