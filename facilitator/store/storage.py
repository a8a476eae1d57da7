"""A TinyDB storage that replaces its file atomically, so a crash leaves the old or the new file."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from facilitator.atomic_write import WriteFailed, describe_os_error, write_atomic
from facilitator.errors import FacilitatorError, InputError

Data = dict[str, dict[str, Any]]


class DatabaseUnreadable(InputError):
    """The database file exists but is not a database; it is refused and never written over."""


class DatabaseReadOnly(FacilitatorError):
    """A write was attempted on a storage or store opened for reading only."""


class DatabaseChanged(DatabaseReadOnly):
    """The file on disk is no longer the one this storage last read or wrote: another copy
    (or program) changed it. Nothing was written; the storage is read-only from now on."""


@dataclass(frozen=True)
class FileSignature:
    """What changes whenever the file is replaced: tells a reader its copy is out of date.

    The device and inode say which file it is; size and times, whether it was rewritten in
    place. (An inode can be reused at once, so the content decides when the rest agrees.)"""

    device: int
    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int


def file_signature(path: Path) -> FileSignature | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:  # e.g. a folder in the path is really a file
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    return FileSignature(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


RESTORE_ADVICE = "it was left as it is; restore a backup with `facilitator db restore`"


def parse_database(raw: bytes, path: Path, damaged_advice: str = RESTORE_ADVICE) -> Data | None:
    """The parsed tables of a database file, None for an empty file, or DatabaseUnreadable.

    `damaged_advice` ends the sentence for a file that does not parse: a backup that is
    damaged itself needs other advice than "restore a backup"."""
    if not raw.strip():
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise DatabaseUnreadable(
            f"{path}: is not a Facilitator database (not UTF-8 text at byte {exc.start}); "
            "it was left as it is"
        ) from None
    except json.JSONDecodeError as exc:
        raise DatabaseUnreadable(
            f"{path}: is damaged (not valid JSON at line {exc.lineno}, column {exc.colno}); "
            + damaged_advice
        ) from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise DatabaseUnreadable(
            f"{path}: is not a Facilitator database (expected JSON tables of records); "
            "it was left as it is"
        )
    return data


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def _join_tables(parts: list[bytes]) -> bytes:
    """`{"name": {...}, ...}` from [name, b": ", table, name, b": ", table, ...], one copy."""
    pieces = [b"{"]
    for i in range(0, len(parts), 3):
        if i:
            pieces.append(b", ")
        pieces += parts[i : i + 3]
    pieces.append(b"}")
    return b"".join(pieces)


class DocumentEncoder:
    """Serialises TinyDB data to JSON, re-encoding only the documents that changed.

    Encoding a whole 5,000-outcome database takes tens of milliseconds; a save changes one
    document. A document is recognised as unchanged by identity, so this is only correct for
    callers that replace documents instead of mutating them (the Store does; plain TinyDB
    updates documents in place, so AtomicJSONStorage leaves this off by default).
    The output is byte for byte `json.dumps(data, ensure_ascii=False).encode("utf-8")`.
    """

    def __init__(self) -> None:
        self._tables: dict[str, tuple[dict[str, Any], bytes]] = {}
        self._documents: dict[str, dict[str, tuple[Any, bytes]]] = {}

    def encode(self, data: Data) -> bytes:
        """UTF-8 JSON of `data`; only tables and documents not seen before are encoded."""
        parts: list[bytes] = []
        tables: dict[str, tuple[dict[str, Any], bytes]] = {}
        for name, table in data.items():
            cached_table = self._tables.get(name)
            if cached_table is not None and cached_table[0] is table:
                encoded = cached_table[1]
            else:
                encoded = self._encode_table(table, self._documents.setdefault(name, {}))
            tables[name] = (table, encoded)
            parts += (_dumps(name), b": ", encoded)
        self._tables = tables
        for gone in set(self._documents) - set(data):
            del self._documents[gone]
        return _join_tables(parts)

    @staticmethod
    def _encode_table(table: dict[str, Any], cache: dict[str, tuple[Any, bytes]]) -> bytes:
        """The table's JSON; `cache` maps each doc id to (document, its `"id": {...}` bytes)."""
        parts = []
        for doc_id, doc in table.items():
            hit = cache.get(doc_id)
            if hit is None or hit[0] is not doc:
                hit = cache[doc_id] = (doc, _dumps(doc_id) + b": " + _dumps(doc))
            parts.append(hit[1])
        if len(cache) > len(table):  # documents were removed: forget their text
            for doc_id in [d for d in cache if d not in table]:
                del cache[doc_id]
        return b"{" + b", ".join(parts) + b"}"

    def forget(self) -> None:
        self._tables = {}
        self._documents = {}


class AtomicJSONStorage(Storage):
    """TinyDB storage: `TinyDB(path, storage=AtomicJSONStorage)`.

    Each write serialises first, then writes a temporary file in the same folder, fsyncs it,
    replaces the database with it and fsyncs the folder (facilitator.atomic_write). A missing
    or empty file is a new database. A file that does not parse raises DatabaseUnreadable
    naming it, and this storage then refuses to write over it.

    `access_mode="r"` opens read-only: writes raise DatabaseReadOnly.
    `reuse_unchanged_documents=True` encodes only changed documents (see DocumentEncoder).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        create_dirs: bool = False,
        encoding: str | None = None,
        access_mode: str = "r+",
        *,
        reuse_unchanged_documents: bool = False,
        read_only_reason: str = "",
    ) -> None:
        super().__init__()
        if encoding not in (None, "utf-8", "utf8", "UTF-8"):
            raise ValueError("AtomicJSONStorage always writes UTF-8")
        self.path = Path(path)
        self.create_dirs = create_dirs
        self.read_only = access_mode in ("r", "rb")
        self.read_only_reason = read_only_reason or f"{self.path} was opened for reading only"
        self._encoder = DocumentEncoder() if reuse_unchanged_documents else None
        self._verified = False  # the file on disk parsed (or was absent) since we last looked
        self._refused: DatabaseUnreadable | None = None
        self.signature: FileSignature | None = None
        self.last_payload: bytes | None = None  # what the last read or write put on disk
        self.sync_warning = ""  # set when the last save was done but the folder not synced

    def read(self) -> Data | None:
        # Signature first: if the file is replaced while we read, the next check sees a change.
        signature = file_signature(self.path)
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            self._verified = True
            self.signature = None
            return None
        except IsADirectoryError:
            raise DatabaseUnreadable(f"{self.path}: is a folder, not a database file") from None
        except OSError as exc:
            raise FacilitatorError(
                f"could not read {self.path}: {describe_os_error(exc)}"
            ) from None
        try:
            data = parse_database(raw, self.path)
        except DatabaseUnreadable as exc:
            self._refused = exc
            raise
        self._refused = None
        self._verified = True
        self.signature = signature
        self.last_payload = raw
        if self._encoder is not None:
            self._encoder.forget()
        return data

    def prepare_to_write(self, data: Data) -> None:
        """Encode `data` now, so that the next write re-encodes only the documents it changed
        (without reuse_unchanged_documents there is nothing to keep)."""
        if self._encoder is not None:
            self._encoder.encode(data)

    def encode(self, data: Data) -> bytes:
        if self._encoder is not None:
            return self._encoder.encode(data)
        return json.dumps(data, ensure_ascii=False).encode("utf-8")

    def write(self, data: Data) -> None:
        if self.read_only:
            raise DatabaseReadOnly(self.read_only_reason)
        if not self._verified:
            self.read()  # never replace a file we have not seen parse
        if self._refused is not None:
            raise self._refused
        self._check_unchanged()
        payload = self.encode(data)
        if self.create_dirs:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.sync_warning = write_atomic(self.path, payload)
        except WriteFailed:
            if self._encoder is not None:
                self._encoder.forget()
            raise
        self.signature = file_signature(self.path)
        self.last_payload = payload

    def _check_unchanged(self) -> None:
        """Refuse to write over a file this storage did not last read or write: another
        writer's save would be lost without a word. Turns the storage read-only."""
        now = file_signature(self.path)
        if now == self.signature:
            return
        if now is None and not self.path.parent.is_dir():
            return  # the folder is away (a pulled USB stick): the write fails and says so
        if now is not None and self.last_payload is not None:
            try:
                if self.path.read_bytes() == self.last_payload:  # only touched, or copied back
                    self.signature = now
                    return
            except OSError:
                pass
        what = "was deleted or moved" if now is None else "was changed"
        self.read_only = True
        self.read_only_reason = (
            f"{self.path.name} {what} by another copy of Facilitator or another program since "
            "this copy last saved it; this copy saved nothing and can only read it now "
            "(reload to see the other changes)"
        )
        raise DatabaseChanged(self.read_only_reason)

    def changed_on_disk(self) -> bool:
        """True when another process has replaced the file since this storage read or wrote it."""
        return file_signature(self.path) != self.signature

    def close(self) -> None:
        if self._encoder is not None:
            self._encoder.forget()
