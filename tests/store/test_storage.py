"""AtomicJSONStorage: a drop-in TinyDB storage that never leaves a half-written file."""

from __future__ import annotations

import errno
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb import Query, TinyDB

from facilitator.atomic_write import WriteFailed
from facilitator.store import AtomicJSONStorage, DatabaseReadOnly, DatabaseUnreadable, Store
from facilitator.store.storage import DocumentEncoder


def test_works_as_a_tinydb_storage(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    with TinyDB(path, storage=AtomicJSONStorage) as db:
        db.insert({"name": "Table 1", "colour": "#1f77b4"})
        db.insert({"name": "Ärger – «Table 2»", "colour": "#ff7f0e"})
        db.update({"colour": "#2ca02c"}, Query().name == "Table 1")
        db.remove(Query().name == "nobody")
    with TinyDB(path, storage=AtomicJSONStorage) as db:
        assert [d["colour"] for d in db.all()] == ["#2ca02c", "#ff7f0e"]
        assert db.search(Query().name.matches(".*Table 2.*"))[0]["name"] == "Ärger – «Table 2»"
    assert "Ärger – «Table 2»" in path.read_text(encoding="utf-8")  # UTF-8, not \u escapes
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("content", [None, b"", b"  \n"])
def test_missing_or_empty_file_is_a_new_database(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "db.json"
    if content is not None:
        path.write_bytes(content)
    storage = AtomicJSONStorage(path)
    assert storage.read() is None
    storage.write({"_default": {"1": {"a": 1}}})
    assert json.loads(path.read_text()) == {"_default": {"1": {"a": 1}}}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"events": {"1": {"title": "Birm', "is damaged (not valid JSON at line 1, column 28)"),
        (b"\xff\xfe{}", "not UTF-8 text at byte 0"),
        (b"[1, 2, 3]", "is not a Facilitator database"),
        (b'{"events": [1]}', "is not a Facilitator database"),
    ],
)
def test_file_that_does_not_parse_is_refused_and_left_intact(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(content)
    storage = AtomicJSONStorage(path)
    with pytest.raises(
        DatabaseUnreadable, match=re.escape(str(path)) + ": .*" + re.escape(message)
    ):
        storage.read()
    with pytest.raises(DatabaseUnreadable):
        storage.write({"_default": {}})  # even when told to, it never writes over it
    with pytest.raises(DatabaseUnreadable):
        AtomicJSONStorage(path).write({"_default": {}})  # nor when written without reading
    with pytest.raises(DatabaseUnreadable):
        Store.open(path)
    assert path.read_bytes() == content
    left = sorted(p.name for p in tmp_path.iterdir() if p.name != "data")  # data: conftest's
    assert left == ["db.json"]  # no backup, no lock file left behind


def test_read_only_storage_refuses_to_write(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_text('{"_default": {}}')
    storage = AtomicJSONStorage(path, access_mode="r", read_only_reason="it is someone else's")
    with pytest.raises(DatabaseReadOnly, match="it is someone else's"):
        storage.write({"_default": {"1": {}}})
    assert path.read_text() == '{"_default": {}}'


def _fail(err: int) -> Any:
    def failing(*args: object, **kwargs: object) -> None:
        raise OSError(err, os.strerror(err))

    return failing


@pytest.mark.parametrize(
    ("function", "err", "reason"),
    [
        ("fsync", errno.ENOSPC, "the disk is full"),
        ("replace", errno.EIO, "the disk reported an input/output error (was it removed?)"),
        ("open", errno.EROFS, "the disk is read-only"),
    ],
)
def test_failed_save_raises_a_clear_error_and_keeps_the_last_good_file(
    db_file: Path, monkeypatch: pytest.MonkeyPatch, function: str, err: int, reason: str
) -> None:
    store = Store.open(db_file)
    event = store.create_event(title="Birmingham", table_count=2)
    before = db_file.read_bytes()
    monkeypatch.setattr(os, function, _fail(err))
    with pytest.raises(WriteFailed, match=re.escape(f"could not save {db_file}: {reason}")):
        store.update_event(event.id, title="Changed")
    monkeypatch.undo()
    assert db_file.read_bytes() == before
    assert store.get_event(event.id).title == "Birmingham"  # what you see is what is on disk
    assert not [p for p in db_file.parent.iterdir() if p.name.endswith(".tmp")]
    assert store.update_event(event.id, title="Changed").title == "Changed"  # and it recovers
    store.close()
    with Store.open(db_file, read_only=True) as again:
        assert again.get_event(event.id).title == "Changed"
        assert len(again.list_tables(event.id)) == 2


def test_save_refused_by_permissions_fails_clearly(
    db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, which ignores folder permissions: have the system refuse instead.
    import facilitator.atomic_write as atomic_write

    store = Store.open(db_file)
    event = store.create_event(title="Birmingham")
    before = db_file.read_bytes()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic_write.tempfile, "mkstemp", refuse)
    with pytest.raises(WriteFailed, match="permission denied"):
        store.update_event(event.id, title="Changed")
    monkeypatch.undo()
    assert db_file.read_bytes() == before
    assert store.get_event(event.id).title == "Birmingham"
    store.close()


def _containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    _containers,
    max_leaves=12,
)
documents = st.dictionaries(st.text(max_size=8), json_values, max_size=4)
databases = st.dictionaries(
    st.text(max_size=8), st.dictionaries(st.text(max_size=8), documents, max_size=5), max_size=4
)


@settings(max_examples=80, deadline=None)
@given(first=databases, second=databases)
def test_encoder_gives_exactly_what_json_dumps_gives(first: Any, second: Any) -> None:
    encoder = DocumentEncoder()
    assert encoder.encode(first) == json.dumps(first, ensure_ascii=False).encode("utf-8")
    # A second state sharing some documents with the first reuses their text correctly.
    mixed = {**second, **{name: dict(table) for name, table in first.items()}}
    for name, table in second.items():
        mixed.setdefault(name, {}).update(table)
    assert encoder.encode(mixed) == json.dumps(mixed, ensure_ascii=False).encode("utf-8")


def test_pulled_usb_stick_fails_clearly_and_saving_resumes_when_it_is_back(tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    db_file = stick / "evening.json"
    store = Store.open(db_file)
    event = store.create_event(title="Birmingham")
    stick.rename(tmp_path / "unplugged")  # the folder vanishes, as a pulled stick's does
    with pytest.raises(WriteFailed, match=re.escape(f"could not save {db_file}: the folder does")):
        store.update_event(event.id, notes="typed while unplugged")
    (tmp_path / "unplugged").rename(stick)
    assert store.update_event(event.id, notes="typed while unplugged").revision == 2
    store.close()
    with Store.open(db_file, read_only=True) as again:
        assert again.get_event(event.id).notes == "typed while unplugged"
