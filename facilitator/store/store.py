"""The one way in: every read and write of events, tables, agenda items and outcomes."""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tinydb.storages import MemoryStorage, Storage

from facilitator.atomic_write import WriteFailed
from facilitator.decks import file as deck_file
from facilitator.decks.model import MAX_TITLE, ActivityKind, Deck
from facilitator.errors import FacilitatorError, InputError
from facilitator.outcomes import (
    AgendaItem,
    Event,
    HistoryEntry,
    Outcome,
    OutcomeStatus,
    Result,
    Table,
    is_empty,
    settled_status,
)
from facilitator.set_marks import set_colour
from facilitator.store import backups
from facilitator.store.device import device_id as local_device_id
from facilitator.store.lock import LockHeld, WriterLock
from facilitator.store.merge import MergeReport, export_event, merge_files
from facilitator.store.migrations import (
    CURRENT_SCHEMA,
    DECKS_TABLE,
    HISTORY_TABLE,
    META_TABLE,
    SCHEMA_DOC,
    is_blank,
    migrate,
    new_database,
)
from facilitator.store.records import (
    agenda_item_from_doc,
    event_from_doc,
    history_from_doc,
    history_id,
    outcome_from_doc,
    result_to_doc,
    snapshot_id,
    table_from_doc,
)
from facilitator.store.storage import AtomicJSONStorage, Data, DatabaseReadOnly
from facilitator.store.transaction import Document, Transaction
from facilitator.store.validation import (
    MAX_AGENDA_ITEMS,
    MAX_NOTES,
    MAX_SERIES,
    MAX_TABLE_NAME,
    MAX_TABLES,
    RecordInvalid,
    check_colour,
    check_head_count,
    check_result,
    check_status,
    check_text,
    check_timebox,
    normalise_starts,
)

Clock = Callable[[], datetime]
EVENTS, TABLES, AGENDA, OUTCOMES = "events", "tables", "agenda", "outcomes"
MIN_ID_PREFIX = 4
RECORD_KINDS = (EVENTS, TABLES, AGENDA, OUTCOMES)
REVISION_FIELDS = ("created", "updated", "revision", "device", "versions")


class NotFound(InputError):
    """No record with the id given."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def timestamp(moment: datetime) -> str:
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def new_id() -> str:
    return uuid.uuid4().hex


def remove_stale_temp_files(db_path: Path) -> None:
    # Left by a writer killed between creating its temporary file and the rename; only the
    # lock holder calls this, so no live writer owns them.
    leftovers = [
        *db_path.parent.glob(f".{db_path.name}.*.tmp"),
        *backups.backups_dir(db_path).glob(".*.tmp"),
    ]
    for leftover in leftovers:
        with contextlib.suppress(OSError):
            leftover.unlink()


class Store:
    """Events, tables, agenda items and outcomes in one TinyDB database.

    Open with `Store.open(path)` (a file; writable, or read-only with `read_only_reason` when
    another copy holds it) or `Store.in_memory()`. Every write method validates, then saves:
    when it returns, the change is on disk; when it raises, nothing changed.
    """

    def __init__(
        self,
        storage: Storage,
        *,
        device_id: str,
        path: Path | None = None,
        read_only_reason: str = "",
        lock: WriterLock | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self.path = path
        self.device_id = device_id
        self.read_only_reason = read_only_reason
        self.backup_warning = ""  # set when a routine backup could not be written
        self._storage = storage
        self._lock = lock
        self._clock = clock
        self._decks: dict[str, Deck] = {}
        self._outcome_keys: dict[tuple[str, str], str] | None = None
        self._next_backup: datetime | None = None
        self._state: Data = self._load()
        self._closed = False
        if self.writable and isinstance(storage, AtomicJSONStorage):
            # Encode every document once now, while the file is being opened anyway, so the
            # first save (a keystroke in capture) encodes only what it changed, as later ones do.
            storage.encode(self._state)

    # --- opening and closing -----------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        device_id: str | None = None,
        clock: Clock = utc_now,
    ) -> Store:
        """Open the database file, creating it on the first write.

        Falls back to read-only (with `read_only_reason`) when another copy holds the lock or
        the folder cannot be written. Raises DatabaseUnreadable for a damaged file, which is
        left as it is.
        """
        db_path = Path(path)
        reason = f"{db_path.name} was opened for reading only" if read_only else ""
        lock = None
        if not read_only:
            try:
                db_path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise FacilitatorError(
                    f"cannot create the folder {db_path.parent}: {exc.strerror}"
                ) from None
            lock = WriterLock(db_path)
            try:
                lock.acquire()
            except LockHeld as exc:
                lock, reason = None, exc.reason
        storage = AtomicJSONStorage(
            db_path,
            access_mode="r" if reason else "r+",
            reuse_unchanged_documents=True,
            read_only_reason=reason,
        )
        try:
            store = cls(
                storage,
                device_id=device_id or local_device_id(),
                path=db_path,
                read_only_reason=reason,
                lock=lock,
                clock=clock,
            )
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        if lock is not None:
            remove_stale_temp_files(db_path)
        return store

    @classmethod
    def in_memory(cls, *, device_id: str = "memory", clock: Clock = utc_now) -> Store:
        """A store in TinyDB's MemoryStorage: for tests and dry runs; nothing reaches disk."""
        return cls(MemoryStorage(), device_id=device_id, clock=clock)

    def _load(self) -> Data:
        raw = self._storage.read()
        where = self.path or "the in-memory database"
        if raw is None or is_blank(raw):
            return new_database(timestamp(self._clock()))
        if self.writable and isinstance(self._storage, AtomicJSONStorage):
            self._backup_now(self._storage.last_payload)
        data, found = migrate(raw, where)
        if found != CURRENT_SCHEMA and self.writable:
            self._storage.write(data)
        return data

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    @property
    def writable(self) -> bool:
        return not self.read_only

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._storage.close()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def refresh(self) -> bool:
        """Re-read the file if another copy changed it (read-only stores); True if it did."""
        storage = self._storage
        if self.writable or not isinstance(storage, AtomicJSONStorage):
            return False
        if not storage.changed_on_disk():
            return False
        self._replace_state(self._load())
        return True

    @property
    def schema_version(self) -> int:
        version: int = self._state[META_TABLE][SCHEMA_DOC]["version"]
        return version

    # --- the write path ------------------------------------------------------------------

    def _data(self) -> Data:
        if self.read_only:
            self.refresh()
        return self._state

    def _begin(self) -> Transaction:
        if self._closed:
            raise FacilitatorError("the database was closed; open it again")
        if self.read_only:
            raise DatabaseReadOnly(self.read_only_reason)
        return Transaction(self._state)

    def _commit(self, tx: Transaction) -> None:
        if not tx.changed:
            return
        new_state = tx.result()
        self._storage.write(new_state)  # raises WriteFailed: self._state is still the old one
        self._state = new_state
        if self._lock is not None:
            self._lock.touch()
        if self.path is not None:
            now = self._clock()
            if self._next_backup is None:
                self._next_backup = now + backups.BACKUP_INTERVAL
            elif now >= self._next_backup:
                self._backup_now(getattr(self._storage, "last_payload", None))

    def _replace_state(self, data: Data) -> None:
        self._state = data
        self._decks.clear()
        self._outcome_keys = None

    def _backup_now(self, payload: bytes | None) -> None:
        if self.path is None or not payload:
            return
        now = self._clock()
        self._next_backup = now + backups.BACKUP_INTERVAL
        try:
            backups.write_backup(self.path, payload, now)
            self.backup_warning = ""
        except (WriteFailed, OSError) as exc:
            # The save itself succeeded; say so where the app shows its saved state.
            self.backup_warning = f"the last backup failed: {exc}"

    def _stamp(self, doc: Document, changes: dict[str, Any]) -> Document:
        """`doc` with `changes`, one more revision, and this device's save counted."""
        versions = dict(doc.get("versions") or {})
        versions[self.device_id] = versions.get(self.device_id, 0) + 1
        return {
            **doc,
            **changes,
            "updated": timestamp(self._clock()),
            "revision": doc.get("revision", 0) + 1,
            "device": self.device_id,
            "versions": versions,
        }

    def _new_doc(self, fields: dict[str, Any]) -> Document:
        now = timestamp(self._clock())
        return {
            **fields,
            "created": now,
            "updated": now,
            "revision": 1,
            "device": self.device_id,
            "versions": {self.device_id: 1},
        }

    def _require(
        self, table: str, doc_id: str, what: str, tx: Transaction | None = None
    ) -> Document:
        doc = (tx.table(table) if tx else self._data().get(table, {})).get(doc_id)
        if doc is None:
            raise NotFound(f"no {what} with id {doc_id}")
        return doc

    # --- events ------------------------------------------------------------------------

    def create_event(
        self,
        *,
        title: str,
        series: str = "",
        starts: str | date | datetime | None = "",
        venue: str = "",
        notes: str = "",
        table_count: int = 0,
    ) -> Event:
        """A new event, with `table_count` tables named "Table 1"... in the set colours."""
        fields = _event_fields(title=title, series=series, starts=starts, venue=venue, notes=notes)
        if isinstance(table_count, bool) or not 0 <= table_count <= MAX_TABLES:
            raise RecordInvalid(f"an event has 0 to {MAX_TABLES} tables, not {table_count}")
        tx = self._begin()
        event_id = new_id()
        tx.put(EVENTS, event_id, self._new_doc(fields))
        for number in range(1, table_count + 1):
            tx.put(TABLES, new_id(), self._new_doc(_table_fields(event_id, number, "", "")))
        self._commit(tx)
        return self.get_event(event_id)

    def update_event(
        self,
        event_id: str,
        *,
        title: str | None = None,
        series: str | None = None,
        starts: str | date | datetime | None = None,
        venue: str | None = None,
        notes: str | None = None,
    ) -> Event:
        """Change the given fields; fields left as None keep their value."""
        tx = self._begin()
        doc = self._require(EVENTS, event_id, "event", tx)
        fields = _event_fields(
            title=doc["title"] if title is None else title,
            series=doc["series"] if series is None else series,
            starts=doc["starts"] if starts is None else starts,
            venue=doc["venue"] if venue is None else venue,
            notes=doc["notes"] if notes is None else notes,
        )
        if any(doc.get(k) != v for k, v in fields.items()):
            tx.put(EVENTS, event_id, self._stamp(doc, fields))
            self._commit(tx)
        return self.get_event(event_id)

    def delete_event(self, event_id: str) -> None:
        """Remove an event with its tables, agenda and outcomes, all kept in the history.

        Everything goes in one save, each history entry marked as deleted with the event and
        stamped with one time: that is how `restore_event` finds what went with it (and leaves
        outcomes cleared one by one before then alone).
        """
        tx = self._begin()
        doc = self._require(EVENTS, event_id, "event", tx)
        at = timestamp(self._clock())
        for table in (OUTCOMES, AGENDA, TABLES):
            for doc_id, record in list(tx.table(table).items()):
                if record["event_id"] == event_id:
                    self._bury(tx, table, doc_id, record, with_event=event_id, at=at)
        self._bury(tx, EVENTS, event_id, doc, with_event=event_id, at=at)
        self._commit(tx)
        self._outcome_keys = None

    def deleted_events(self) -> list[HistoryEntry]:
        """Events deleted here and not restored since, the most recently deleted first."""
        live = self._data()[EVENTS]
        latest: dict[str, HistoryEntry] = {}
        for doc_id, doc in self._data()[HISTORY_TABLE].items():
            if doc["record_kind"] != EVENTS or doc["reason"] != "deleted":
                continue
            if doc["record_id"] in live:
                continue
            entry = history_from_doc(doc_id, doc)
            known = latest.get(entry.record_id)
            if known is None or entry.at > known.at:
                latest[entry.record_id] = entry
        return sorted(latest.values(), key=lambda h: (h.at, h.id), reverse=True)

    def restore_event(self, event_id: str) -> Event:
        """Bring back a deleted event with the tables, agenda and outcomes deleted with it."""
        entry = next((h for h in self.deleted_events() if h.record_id == event_id), None)
        if entry is None:
            raise NotFound(f"no deleted event with id {event_id}")
        tx = self._begin()
        for doc in tx.table(HISTORY_TABLE).values():
            kind, record_id = doc["record_kind"], doc["record_id"]
            together = doc.get("deleted_with") == event_id and doc["at"] == entry.at
            if doc["reason"] != "deleted" or not together or kind not in RECORD_KINDS:
                continue
            kept = doc["document"]
            if tx.get(kind, record_id) is None:
                tx.put(kind, record_id, self._stamp(kept, {}))  # newer than its deletion
        self._commit(tx)
        self._outcome_keys = None
        return self.get_event(event_id)

    def duplicate_event(
        self, event_id: str, *, starts: str | date | datetime | None = "", title: str = ""
    ) -> Event:
        """A new event with the same tables and agenda (same deck snapshots), no outcomes.

        For "the same evening next month": head counts are not copied either, as they
        belong to the evening that was.
        """
        source = self.get_event(event_id)
        fields = _event_fields(
            title=title or source.title,
            series=source.series,
            starts=starts,
            venue=source.venue,
            notes=source.notes,
        )
        tx = self._begin()
        new_event = new_id()
        tx.put(EVENTS, new_event, self._new_doc(fields))
        for table in self.list_tables(event_id):
            table_doc = _table_fields(new_event, table.number, table.name, table.colour)
            tx.put(TABLES, new_id(), self._new_doc(table_doc))
        for item in self.list_agenda(event_id):
            item_doc = dict(tx.table(AGENDA)[item.id])
            copied = {k: item_doc[k] for k in item_doc if k not in REVISION_FIELDS}
            tx.put(AGENDA, new_id(), self._new_doc({**copied, "event_id": new_event}))
        self._commit(tx)
        return self.get_event(new_event)

    def get_event(self, event_id: str) -> Event:
        return event_from_doc(event_id, self._require(EVENTS, event_id, "event"))

    def find_event(self, ref: str) -> Event:
        """An event by id or by a unique start of its id (as `facilitator events` shows it)."""
        return self.get_event(self._resolve(EVENTS, ref, "event"))

    def list_events(self, series: str | None = None) -> list[Event]:
        """Events in date order; only those of `series` when given."""
        events = [event_from_doc(i, d) for i, d in self._data()[EVENTS].items()]
        if series is not None:
            events = [e for e in events if e.series == series.strip()]
        return sorted(events, key=lambda e: (e.starts, e.created, e.id))

    def list_series(self) -> list[str]:
        """The names of all series, alphabetically (events without a series are left out)."""
        names = {d["series"] for d in self._data()[EVENTS].values() if d.get("series")}
        return sorted(names, key=str.casefold)

    def _resolve(self, table: str, ref: str, what: str) -> str:
        ref = ref.strip().lower()
        docs = self._data()[table]
        if ref in docs:
            return ref
        if len(ref) < MIN_ID_PREFIX:
            raise NotFound(f"no {what} with id {ref!r} (give at least {MIN_ID_PREFIX} characters)")
        matches = [doc_id for doc_id in docs if doc_id.startswith(ref)]
        if not matches:
            raise NotFound(f"no {what} with id {ref!r}")
        if len(matches) > 1:
            raise NotFound(f"{len(matches)} {what}s have ids starting {ref!r}; give more of it")
        return matches[0]

    # --- tables --------------------------------------------------------------------------

    def add_table(self, event_id: str, *, name: str = "", colour: str = "") -> Table:
        """The next table: numbered after the last, named "Table N" and coloured like set N."""
        tx = self._begin()
        self._require(EVENTS, event_id, "event", tx)
        numbers = [d["number"] for d in tx.table(TABLES).values() if d["event_id"] == event_id]
        if len(numbers) >= MAX_TABLES:
            raise RecordInvalid(f"an event has at most {MAX_TABLES} tables")
        number = max(numbers, default=0) + 1
        table_id = new_id()
        tx.put(TABLES, table_id, self._new_doc(_table_fields(event_id, number, name, colour)))
        self._commit(tx)
        return self.get_table(table_id)

    def update_table(
        self, table_id: str, *, name: str | None = None, colour: str | None = None
    ) -> Table:
        tx = self._begin()
        doc = self._require(TABLES, table_id, "table", tx)
        fields = _table_fields(
            doc["event_id"],
            doc["number"],
            doc["name"] if name is None else name,
            doc["colour"] if colour is None else colour,
        )
        if any(doc.get(k) != v for k, v in fields.items()):
            tx.put(TABLES, table_id, self._stamp(doc, fields))
            self._commit(tx)
        return self.get_table(table_id)

    def set_head_count(self, table_id: str, head_count: int | None) -> Table:
        """How many people sat at the table; None when nobody counted."""
        tx = self._begin()
        doc = self._require(TABLES, table_id, "table", tx)
        count = check_head_count(head_count)
        if doc.get("head_count") != count:
            changes: dict[str, Any] = {"head_count": count}
            tx.put(TABLES, table_id, self._stamp(doc, changes))
            self._commit(tx)
        return self.get_table(table_id)

    def remove_table(self, table_id: str) -> None:
        """Remove a table that has no recorded outcomes (delete those first)."""
        tx = self._begin()
        doc = self._require(TABLES, table_id, "table", tx)
        recorded = sum(1 for o in tx.table(OUTCOMES).values() if o["table_id"] == table_id)
        if recorded:
            raise RecordInvalid(
                f"{doc['name']} has {recorded} recorded outcome(s); delete them first"
            )
        self._bury(tx, TABLES, table_id, doc)
        self._commit(tx)

    def get_table(self, table_id: str) -> Table:
        return table_from_doc(table_id, self._require(TABLES, table_id, "table"))

    def list_tables(self, event_id: str) -> list[Table]:
        """The event's tables by number."""
        self._require(EVENTS, event_id, "event")
        tables = [
            table_from_doc(i, d)
            for i, d in self._data()[TABLES].items()
            if d["event_id"] == event_id
        ]
        return sorted(tables, key=lambda t: (t.number, t.created, t.id))

    # --- agenda ----------------------------------------------------------------------------

    def add_agenda_item(
        self,
        event_id: str,
        deck: Deck,
        *,
        title: str = "",
        timebox_minutes: int = 0,
        source: str = "",
    ) -> AgendaItem:
        """Add an activity at the end of the agenda, with a snapshot of `deck` as it is now.

        `source` names the deck file it came from (so a later change to it can be noticed)."""
        tx = self._begin()
        self._require(EVENTS, event_id, "event", tx)
        positions = [d["position"] for d in tx.table(AGENDA).values() if d["event_id"] == event_id]
        if len(positions) >= MAX_AGENDA_ITEMS:
            raise RecordInvalid(f"an agenda has at most {MAX_AGENDA_ITEMS} items")
        snapshot = deck_file.deck_to_dict(deck)
        deck_file.loads(json.dumps(snapshot), f'deck "{deck.title}"')  # only valid decks
        key = snapshot_id(snapshot)
        if tx.get(DECKS_TABLE, key) is None:
            tx.put(DECKS_TABLE, key, snapshot)
        fields = {
            "event_id": event_id,
            "title": check_text("the agenda item's title", title or deck.title, MAX_TITLE, True),
            "kind": deck.kind.value,
            "timebox_minutes": check_timebox(timebox_minutes),
            "position": max(positions, default=-1) + 1,
            "deck": key,
        }
        if source:
            fields["source"] = check_text("the deck file's name", source, 4096)
        item_id = new_id()
        tx.put(AGENDA, item_id, self._new_doc(fields))
        self._commit(tx)
        return self.get_agenda_item(item_id)

    def update_agenda_item(
        self, item_id: str, *, title: str | None = None, timebox_minutes: int | None = None
    ) -> AgendaItem:
        """Change the title or timebox; the deck snapshot never changes."""
        tx = self._begin()
        doc = self._require(AGENDA, item_id, "agenda item", tx)
        fields = {
            "title": check_text(
                "the agenda item's title", doc["title"] if title is None else title, MAX_TITLE, True
            ),
            "timebox_minutes": check_timebox(
                doc["timebox_minutes"] if timebox_minutes is None else timebox_minutes
            ),
        }
        if any(doc.get(k) != v for k, v in fields.items()):
            tx.put(AGENDA, item_id, self._stamp(doc, fields))
            self._commit(tx)
        return self.get_agenda_item(item_id)

    def replace_agenda_deck(self, item_id: str, deck: Deck) -> AgendaItem:
        """Give an agenda item a new copy of its deck (the deck as it is now), while no table
        has recorded an outcome for it: recorded codes must keep meaning the same cards."""
        tx = self._begin()
        doc = self._require(AGENDA, item_id, "agenda item", tx)
        recorded = sum(1 for o in tx.table(OUTCOMES).values() if o["item_id"] == item_id)
        if recorded:
            raise RecordInvalid(
                f'"{doc["title"]}" has {recorded} recorded outcome(s), which name the cards of '
                "the copy it has; its deck can no longer be updated"
            )
        if deck.kind.value != doc["kind"]:
            raise RecordInvalid(
                f"the deck is now a {deck.kind.value} deck, not {doc['kind']}: add it to the "
                "agenda again instead"
            )
        snapshot = deck_file.deck_to_dict(deck)
        deck_file.loads(json.dumps(snapshot), f'deck "{deck.title}"')  # only valid decks
        key = snapshot_id(snapshot)
        if key != doc["deck"]:
            if tx.get(DECKS_TABLE, key) is None:
                tx.put(DECKS_TABLE, key, snapshot)
            tx.put(AGENDA, item_id, self._stamp(doc, {"deck": key}))
            self._commit(tx)
        return self.get_agenda_item(item_id)

    def reorder_agenda(self, event_id: str, item_ids: Sequence[str]) -> list[AgendaItem]:
        """Put the event's agenda in the order given; every item must be named once."""
        tx = self._begin()
        self._require(EVENTS, event_id, "event", tx)
        current = {i for i, d in tx.table(AGENDA).items() if d["event_id"] == event_id}
        if len(item_ids) != len(set(item_ids)) or set(item_ids) != current:
            raise RecordInvalid("the new order must name every agenda item of the event once")
        self._renumber(tx, list(item_ids))
        self._commit(tx)
        return self.list_agenda(event_id)

    def remove_agenda_item(self, item_id: str) -> None:
        """Remove an activity that has no recorded outcomes (delete those first)."""
        tx = self._begin()
        doc = self._require(AGENDA, item_id, "agenda item", tx)
        recorded = sum(1 for o in tx.table(OUTCOMES).values() if o["item_id"] == item_id)
        if recorded:
            raise RecordInvalid(
                f'"{doc["title"]}" has {recorded} recorded outcome(s); delete them first'
            )
        self._bury(tx, AGENDA, item_id, doc)
        rest = sorted(
            (d["position"], i)
            for i, d in tx.table(AGENDA).items()
            if d["event_id"] == doc["event_id"]
        )
        self._renumber(tx, [i for _, i in rest])
        self._commit(tx)

    def _renumber(self, tx: Transaction, ordered_ids: list[str]) -> None:
        for position, item_id in enumerate(ordered_ids):
            doc = tx.table(AGENDA)[item_id]
            if doc["position"] != position:
                tx.put(AGENDA, item_id, self._stamp(doc, {"position": position}))

    def get_agenda_item(self, item_id: str) -> AgendaItem:
        return self._agenda_item(item_id, self._require(AGENDA, item_id, "agenda item"))

    def _agenda_item(self, item_id: str, doc: Document) -> AgendaItem:
        return agenda_item_from_doc(item_id, doc, self._data()[DECKS_TABLE][doc["deck"]])

    def list_agenda(self, event_id: str) -> list[AgendaItem]:
        """The event's agenda in order."""
        self._require(EVENTS, event_id, "event")
        items = [
            self._agenda_item(i, d)
            for i, d in self._data()[AGENDA].items()
            if d["event_id"] == event_id
        ]
        return sorted(items, key=lambda a: (a.position, a.created, a.id))

    def deck_of(self, item_id: str) -> Deck:
        """The agenda item's deck as it was snapshotted (parsed once, then cached)."""
        key = self._require(AGENDA, item_id, "agenda item")["deck"]
        deck = self._decks.get(key)
        if deck is None:
            snapshot = self._data()[DECKS_TABLE][key]
            deck = deck_file.loads(json.dumps(snapshot), f"agenda item {item_id}")
            self._decks[key] = deck
        return deck

    # --- outcomes ------------------------------------------------------------------------

    def save_outcome(
        self,
        table_id: str,
        item_id: str,
        result: Result,
        status: OutcomeStatus | None = None,
    ) -> Outcome | None:
        """Record what a table produced for an agenda item, replacing its earlier result.

        `status` says whether the table has committed to it (capture saves a ranking being
        typed as IN_PROGRESS); left out, the rules decide (see outcomes.settled_status). A
        result holding nothing (an emptied box) is no outcome: any stored one is removed,
        kept in its history, and None is returned. Validated against the item's deck
        snapshot (RecordInvalid names the problem). Saving an unchanged result writes
        nothing and returns the stored outcome.
        """
        tx = self._begin()
        table = self._require(TABLES, table_id, "table", tx)
        item = self._require(AGENDA, item_id, "agenda item", tx)
        if table["event_id"] != item["event_id"]:
            raise RecordInvalid(f'{table["name"]} is not at the event of "{item["title"]}"')
        deck = self.deck_of(item_id)
        result = check_result(result, ActivityKind(item["kind"]), deck)
        keys = self._outcome_index()
        outcome_id = keys.get((table_id, item_id))
        if is_empty(result):
            if outcome_id is not None:
                self.delete_outcome(outcome_id)
            return None
        chosen = check_status(status or settled_status(result, deck), result)
        result_doc = result_to_doc(result)
        if outcome_id is None:
            outcome_id = new_id()
            fields = {
                "event_id": item["event_id"],
                "table_id": table_id,
                "item_id": item_id,
                "kind": item["kind"],
                "result": result_doc,
                "status": chosen.value,
            }
            tx.put(OUTCOMES, outcome_id, self._new_doc(fields))
        else:
            doc = tx.table(OUTCOMES)[outcome_id]
            if doc["result"] == result_doc and doc.get("status") == chosen.value:
                return outcome_from_doc(outcome_id, doc)
            changes = {"result": result_doc, "status": chosen.value}
            tx.put(OUTCOMES, outcome_id, self._stamp(doc, changes))
        self._commit(tx)
        keys[(table_id, item_id)] = outcome_id
        self._outcome_keys = keys
        return outcome_from_doc(outcome_id, self._state[OUTCOMES][outcome_id])

    def clear_outcome(self, table_id: str, item_id: str) -> Outcome | None:
        """Remove the table's outcome for the item (kept in its history); the one removed."""
        outcome = self.get_outcome(table_id, item_id)
        if outcome is not None:
            self.delete_outcome(outcome.id)
        return outcome

    def get_outcome(self, table_id: str, item_id: str) -> Outcome | None:
        """The table's outcome for the agenda item, or None if nothing was recorded yet."""
        outcome_id = self._outcome_index().get((table_id, item_id))
        if outcome_id is None:
            return None
        return outcome_from_doc(outcome_id, self._state[OUTCOMES][outcome_id])

    def get_outcome_by_id(self, outcome_id: str) -> Outcome:
        return outcome_from_doc(outcome_id, self._require(OUTCOMES, outcome_id, "outcome"))

    def list_outcomes(
        self,
        *,
        event_id: str | None = None,
        item_id: str | None = None,
        table_id: str | None = None,
    ) -> list[Outcome]:
        """Outcomes matching every filter given, by agenda position and then table number."""
        data = self._data()
        found = [
            outcome_from_doc(i, d)
            for i, d in data[OUTCOMES].items()
            if (event_id is None or d["event_id"] == event_id)
            and (item_id is None or d["item_id"] == item_id)
            and (table_id is None or d["table_id"] == table_id)
        ]
        agenda, tables = data[AGENDA], data[TABLES]

        def order(o: Outcome) -> tuple[Any, ...]:
            item, table = agenda.get(o.item_id, {}), tables.get(o.table_id, {})
            return (o.event_id, item.get("position", 0), table.get("number", 0), o.id)

        return sorted(found, key=order)

    def delete_outcome(self, outcome_id: str) -> None:
        """Remove an outcome; a copy is kept in its history."""
        tx = self._begin()
        doc = self._require(OUTCOMES, outcome_id, "outcome", tx)
        self._bury(tx, OUTCOMES, outcome_id, doc)
        self._commit(tx)
        self._outcome_keys = None

    def history(self, record_id: str) -> list[HistoryEntry]:
        """Earlier versions of a record that lost a merge or were deleted, oldest first."""
        entries = [
            history_from_doc(i, d)
            for i, d in self._data()[HISTORY_TABLE].items()
            if d["record_id"] == record_id
        ]
        return sorted(entries, key=lambda h: (h.at, h.id))

    def _bury(
        self,
        tx: Transaction,
        table: str,
        doc_id: str,
        doc: Document,
        with_event: str = "",
        at: str = "",
    ) -> None:
        entry = {
            "record_kind": table,
            "record_id": doc_id,
            "reason": "deleted",
            "at": at or timestamp(self._clock()),
            "document": doc,
        }
        if with_event:  # deleted as part of its event: restored with it
            entry["deleted_with"] = with_event
        tx.put(HISTORY_TABLE, history_id(table, doc_id, doc, "deleted"), entry)
        tx.delete(table, doc_id)

    def _outcome_index(self) -> dict[tuple[str, str], str]:
        data = self._data()
        if self._outcome_keys is None:
            self._outcome_keys = {
                (d["table_id"], d["item_id"]): i for i, d in data[OUTCOMES].items()
            }
        return self._outcome_keys

    # --- several laptops -------------------------------------------------------------------

    def export_event(self, event_id: str) -> dict[str, Any]:
        """A self-contained copy of the event: its tables, agenda (with snapshots), outcomes."""
        event_id = self._resolve(EVENTS, event_id, "event")
        return export_event(
            self._data(), event_id, exported=self.now_stamp(), device=self.device_id
        )

    def import_events(self, payloads: Iterable[tuple[str, Any]]) -> list[MergeReport]:
        """Merge exported event files (name, parsed JSON) in one save; see merge.py."""
        tx = self._begin()
        reports = merge_files(tx, list(payloads), now=self.now_stamp)
        self._commit(tx)
        self._replace_state(self._state)
        return reports

    # --- helpers for merge.py and the checks ---------------------------------------------------

    def now_stamp(self) -> str:
        return timestamp(self._clock())

    def raw_tables(self) -> Data:
        """The database's tables as stored (read-only by contract), for checks and exports."""
        return self._data()


def _event_fields(
    *, title: str, series: str, starts: str | date | datetime | None, venue: str, notes: str
) -> dict[str, Any]:
    return {
        "title": check_text("the event's title", title, MAX_TITLE, required=True).strip(),
        "series": " ".join(check_text("the series", series, MAX_SERIES).split()),
        "starts": normalise_starts(starts),
        "venue": check_text("the venue", venue, MAX_TITLE).strip(),
        "notes": check_text("the notes", notes, MAX_NOTES),
    }


def _table_fields(event_id: str, number: int, name: str, colour: str) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "number": number,
        "name": check_text("the table's name", name or f"Table {number}", MAX_TABLE_NAME, True),
        "colour": check_colour(colour or set_colour(number)),
    }
