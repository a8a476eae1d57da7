"""The one way in: every read and write of events, tables, agenda items and outcomes."""

from __future__ import annotations

import contextlib
import json
import os
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
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
from facilitator.store.lock import LockHeld, WriterLock, lock_path, read_lock, real_path
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
from facilitator.store.record_checks import MALFORMED, check_outcome, describe_failure, read_record
from facilitator.store.records import (
    REVISION_KEYS,
    agenda_item_from_doc,
    event_from_doc,
    history_from_doc,
    history_id,
    outcome_from_doc,
    result_to_doc,
    snapshot_id,
    table_from_doc,
)
from facilitator.store.storage import AtomicJSONStorage, Data, DatabaseChanged, DatabaseReadOnly
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


class DatabaseEmptied(InputError):
    """The database file is missing or empty while its backups or lock show it held data:
    it is not taken for a new database. The sentence names the backup to restore."""


# A store that could not write to its disk tries again at most this often.
RETRY_WRITABLE_S = 2.0


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
        self.sync_warning = ""  # set when the last save is done but its folder was not synced
        # Set when the file is missing or empty but its backups or lock show it held data.
        self.emptied = False
        self.emptied_problem = ""  # what is wrong then, without the advice for the commands
        self.restore_from: backups.Backup | None = None  # the backup to offer then
        self.retry_writable = False  # read-only because the disk refused: try again later
        self.recovered = ""  # says so once a read-only store could write again
        self.turned_read_only = False  # another copy changed the file or took the lock
        self._next_retry = 0.0
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
        db_path = real_path(Path(path))  # two paths to one file share its lock
        reason = f"{db_path.name} was opened for reading only" if read_only else ""
        lock = None
        retry = False
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
                lock, reason, retry = None, exc.reason, exc.disk_error
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
        store.retry_writable = retry and not store.emptied
        if store._lock is not None:
            remove_stale_temp_files(db_path)
            store._prepare_saves()
        return store

    def _prepare_saves(self) -> None:
        """What the first save would otherwise do, done while opening rather than on a
        keystroke in capture: the outcomes indexed by table and activity, and every document's
        JSON kept for re-use (a save then encodes only what it changed)."""
        if self.emptied:
            return
        self._outcome_index()
        if isinstance(self._storage, AtomicJSONStorage):
            self._storage.prepare_to_write(self._state)

    @classmethod
    def in_memory(cls, *, device_id: str = "memory", clock: Clock = utc_now) -> Store:
        """A store in TinyDB's MemoryStorage: for tests and dry runs; nothing reaches disk."""
        return cls(MemoryStorage(), device_id=device_id, clock=clock)

    def _load(self) -> Data:
        raw = self._storage.read()
        where = self.path or "the in-memory database"
        if raw is None or is_blank(raw):
            self._refuse_if_emptied(raw)
            return new_database(timestamp(self._clock()))
        if self.writable and isinstance(self._storage, AtomicJSONStorage):
            self._backup_now(self._storage.last_payload)
        data, found = migrate(raw, where)
        if found != CURRENT_SCHEMA and self.writable:
            self._storage.write(data)
        return data

    def _refuse_if_emptied(self, raw: Data | None) -> None:
        """Open an empty or missing file read-only when its backups or lock say it held data.

        Taking it for a new database would let the rolling backups rotate the good copies
        away; instead the sentence names the newest backup that holds data."""
        if self.path is None or self.emptied:
            return
        backup = backups.newest_with_data(self.path)
        said = self._lock.took_over if self._lock is not None else read_lock(lock_path(self.path))
        if backup is None and not (said is not None and said.had_data):
            return
        state = "is missing" if raw is None and not self.path.exists() else "is empty"
        if backup is not None:
            proof = "its backups show"
            advice = (
                f"restore the newest backup that holds data, {backup.name}, with "
                f"`facilitator db restore {backup.name}`"
            )
        else:
            proof = "its lock shows"
            advice = "no backup holds data, so look for a copy of the file"
        self.emptied = True
        self.restore_from = backup
        self.emptied_problem = (
            f"{self.path.name} {state}, but {proof} it held data, so it was not opened as a "
            "new database"
        )
        self._turn_read_only(f"{self.emptied_problem}; {advice}")

    def _turn_read_only(self, reason: str) -> None:
        """From now on only read: another copy writes, or the file must be restored first."""
        self.read_only_reason = reason
        self.retry_writable = False
        if isinstance(self._storage, AtomicJSONStorage):
            self._storage.read_only = True
            self._storage.read_only_reason = reason
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def try_writable(self) -> bool:
        """A store that could not write to its disk (read-only or full when it opened) tries
        to take the lock again; True, with `recovered` saying so, once it can write."""
        if not (self.read_only and self.retry_writable) or self.path is None or self._closed:
            return False
        lock = WriterLock(self.path)
        try:
            lock.acquire()
        except LockHeld as exc:
            if not exc.disk_error:  # another copy took it meanwhile: that is for good
                self.retry_writable = False
                self.read_only_reason = exc.reason
            return False
        storage = self._storage
        assert isinstance(storage, AtomicJSONStorage)
        self._lock, self.read_only_reason, self.retry_writable = lock, "", False
        storage.read_only, storage.read_only_reason = False, ""
        try:
            self._replace_state(self._load())
        except BaseException:
            self._turn_read_only(f"{self.path.name} could not be read again")
            raise
        remove_stale_temp_files(self.path)
        self.recovered = f"{self.path.name} can be written again: saving resumed"
        return True

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
        if self.emptied:
            raise DatabaseEmptied(self.read_only_reason)
        if self.read_only:
            self.refresh()
        return self._state

    def _begin(self) -> Transaction:
        if self._closed:
            raise FacilitatorError("the database was closed; open it again")
        if self.read_only and self.retry_writable and time.monotonic() >= self._next_retry:
            self._next_retry = time.monotonic() + RETRY_WRITABLE_S
            self.try_writable()
        if self.read_only:
            raise DatabaseReadOnly(self.read_only_reason)
        return Transaction(self._state)

    def _commit(self, tx: Transaction) -> None:
        if not tx.changed:
            return
        new_state = tx.result()
        self._check_still_writer()
        try:
            self._storage.write(new_state)  # WriteFailed: self._state is still the old one
        except DatabaseChanged as exc:
            self.turned_read_only = True
            self._turn_read_only(str(exc))
            raise
        self.sync_warning = getattr(self._storage, "sync_warning", "")
        self._state = new_state
        if self._lock is not None:
            self._lock.touch()
        if self.path is not None:
            now = self._clock()
            if self._next_backup is None:
                self._next_backup = now + backups.BACKUP_INTERVAL
            elif now >= self._next_backup:
                self._backup_now(getattr(self._storage, "last_payload", None))

    def _check_still_writer(self) -> None:
        """Refuse to save once another copy holds the lock (e.g. ours was deleted under us
        and a second copy took it): two writers would overwrite each other's saves."""
        if self._lock is None or self.path is None:
            return
        holder = self._lock.still_ours()
        if holder is None:
            return
        who = holder.describe() if holder.pid else "another copy"
        self.turned_read_only = True
        self._turn_read_only(
            f"{self.path.name} was taken over by another copy of Facilitator ({who}); this "
            "copy saved nothing and can only read it now (reload to see the other changes)"
        )
        raise DatabaseChanged(self.read_only_reason)

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

    def list_history(self, event_id: str | None = None) -> list[HistoryEntry]:
        """Every kept version (deleted, lost a merge, replaced by a restore), newest first;
        only the event's own and its records' when `event_id` is given."""
        entries = [
            history_from_doc(i, d)
            for i, d in self._data()[HISTORY_TABLE].items()
            if event_id is None
            or d["record_id"] == event_id
            or d["document"].get("event_id") == event_id
        ]
        return sorted(entries, key=lambda h: (h.at, h.id), reverse=True)

    def find_history(self, ref: str) -> HistoryEntry:
        """A kept version by id or by a unique start of it (as `db history` shows it)."""
        entry_id = self._resolve(HISTORY_TABLE, ref, "kept version")
        return history_from_doc(entry_id, self._data()[HISTORY_TABLE][entry_id])

    def restore_version(self, ref: str) -> HistoryEntry:
        """Bring a kept version back as the record's newest revision.

        It is a new save like any edit (it merges on other laptops as one); the version it
        replaces, and an outcome recorded for the same table and activity, go to the history,
        so a restore can be undone the same way. Returns the entry restored."""
        tx = self._begin()
        entry_id = self._resolve(HISTORY_TABLE, ref, "kept version")
        entry = tx.table(HISTORY_TABLE)[entry_id]
        kind, record_id, old = entry["record_kind"], entry["record_id"], entry["document"]
        try:
            record = read_record(kind, record_id, old, tx.table(DECKS_TABLE).__getitem__)
        except MALFORMED as exc:
            raise RecordInvalid(describe_failure(kind, record_id, exc)) from None
        if kind != EVENTS and tx.get(EVENTS, old["event_id"]) is None:
            raise RecordInvalid("its event was deleted; restore the event first")
        if kind == OUTCOMES:
            table, item = tx.get(TABLES, old["table_id"]), tx.get(AGENDA, old["item_id"])
            if table is None or item is None:
                raise RecordInvalid("its table or agenda item was deleted; restore it first")
            assert isinstance(record, Outcome)
            check_outcome(record, ActivityKind(item["kind"]), self.deck_of(old["item_id"]))
            for other_id, other in list(tx.table(OUTCOMES).items()):
                if other_id != record_id and place_of(other) == place_of(old):
                    self._bury(tx, OUTCOMES, other_id, other, "replaced")
        live = tx.get(kind, record_id)
        versions = dict(old["versions"])
        revision = old["revision"]
        if live is not None:
            if _content(live) == _content(old):
                return history_from_doc(entry_id, entry)  # it already holds that version
            for device, count in live["versions"].items():
                versions[device] = max(versions.get(device, 0), count)
            revision = max(revision, live["revision"])
            self._bury(tx, kind, record_id, live, "replaced")
        tx.put(
            kind, record_id, self._stamp({**old, "versions": versions, "revision": revision}, {})
        )
        if kind == AGENDA:  # back in its old place; the others move up or down one
            event_items = [
                (d["position"], i != record_id, i)
                for i, d in tx.table(AGENDA).items()
                if d["event_id"] == old["event_id"]
            ]
            self._renumber(tx, [i for _, _, i in sorted(event_items)])
        self._commit(tx)
        self._outcome_keys = None
        return history_from_doc(entry_id, entry)

    def describe(self, kind: str, doc: Mapping[str, Any]) -> str:
        """A record as a user knows it: 'outcome of Table 2 for "Roles"', 'event "Birmingham"'."""
        data = self._data()

        def known(table: str, doc_id: str, field: str) -> str:
            found = data[table].get(doc_id)
            if found is None:  # deleted since: its last kept version still has the name
                kept = [
                    h["document"] for h in data[HISTORY_TABLE].values() if h["record_id"] == doc_id
                ]
                found = kept[-1] if kept else {}
            return str(found.get(field, "?"))

        if kind == OUTCOMES:
            return (
                f"outcome of {known(TABLES, doc['table_id'], 'name')} for "
                f'"{known(AGENDA, doc["item_id"], "title")}"'
            )
        if kind == EVENTS:
            return f'event "{doc["title"]}"'
        if kind == TABLES:
            return f'{doc["name"]} at "{known(EVENTS, doc["event_id"], "title")}"'
        return f'agenda item "{doc["title"]}" of "{known(EVENTS, doc["event_id"], "title")}"'

    def _bury(
        self,
        tx: Transaction,
        table: str,
        doc_id: str,
        doc: Document,
        reason: str = "deleted",
        *,
        with_event: str = "",
        at: str = "",
    ) -> None:
        entry = {
            "record_kind": table,
            "record_id": doc_id,
            "reason": reason,
            "at": at or timestamp(self._clock()),
            "document": doc,
        }
        if with_event:  # deleted as part of its event: restored with it
            entry["deleted_with"] = with_event
        tx.put(HISTORY_TABLE, history_id(table, doc_id, doc, reason), entry)
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


def place_of(doc: Mapping[str, Any]) -> tuple[str, str]:
    """Where an outcome was recorded: its table and agenda item."""
    return (doc["table_id"], doc["item_id"])


def _content(doc: Mapping[str, Any]) -> dict[str, Any]:
    """A document without its bookkeeping: what a user would see differ."""
    return {k: v for k, v in doc.items() if k not in REVISION_KEYS}


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
