"""AtomicJSONStorage: what `make mutate` found the storage tests did not yet check.

Another program touching, replacing, deleting or damaging the file; a read the system
refuses; a caller that changes a document in place; the encoder re-encoding only what changed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from facilitator.errors import FacilitatorError, InputError
from facilitator.store import AtomicJSONStorage, DatabaseReadOnly, DatabaseUnreadable
from facilitator.store import storage as storage_module
from facilitator.store.storage import DatabaseChanged, DocumentEncoder


def _saved(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))


def test_a_file_only_touched_by_another_program_is_still_ours_to_save(tmp_path: Path) -> None:
    # A backup tool or `touch` changes the file's times, not its content: nothing to lose.
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.read()
    storage.write({"events": {"1": {"title": "Birmingham"}}})
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 5_000_000_000))
    assert storage.changed_on_disk()
    storage.write({"events": {"1": {"title": "Birmingham, 2nd floor"}}})
    assert _saved(path) == {"events": {"1": {"title": "Birmingham, 2nd floor"}}}
    assert not storage.changed_on_disk()  # what is on disk now is what this storage wrote
    assert not storage.read_only


def test_a_file_copied_back_unchanged_after_a_read_is_still_ours_to_save(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_text('{"events": {}}', "utf-8")
    storage = AtomicJSONStorage(path)
    storage.read()
    content = path.read_bytes()
    path.unlink()
    path.write_bytes(content)  # a new file (inode, times) with the same content
    storage.write({"events": {"1": {"title": "Birmingham"}}})
    assert _saved(path) == {"events": {"1": {"title": "Birmingham"}}}
    assert not storage.changed_on_disk()


_CHANGED_BY_OTHERS = (
    "by another copy of Facilitator or another program since this copy last saved it; "
    "this copy saved nothing and can only read it now (reload to see the other changes)"
)


def test_a_file_replaced_by_another_copy_is_never_written_over_and_says_so(
    tmp_path: Path,
) -> None:
    path = tmp_path / "evening.json"
    storage = AtomicJSONStorage(path)
    storage.read()
    storage.write({"events": {"1": {"title": "Birmingham"}}})
    path.write_text('{"events": {"1": {"title": "theirs"}}}', "utf-8")
    with pytest.raises(DatabaseChanged) as refused:
        storage.write({"events": {"1": {"title": "ours"}}})
    assert str(refused.value) == f"evening.json was changed {_CHANGED_BY_OTHERS}"
    assert _saved(path) == {"events": {"1": {"title": "theirs"}}}
    assert storage.read_only  # the caller shows the database as read-only from now on
    # Even if the other program puts our last save back, this copy stays read-only until reloaded.
    path.write_text('{"events": {"1": {"title": "Birmingham"}}}', "utf-8")
    storage.signature = storage_module.file_signature(path)
    with pytest.raises(DatabaseReadOnly, match="was changed by another copy"):
        storage.write({"events": {"1": {"title": "ours"}}})
    assert _saved(path) == {"events": {"1": {"title": "Birmingham"}}}


def test_a_deleted_file_is_not_recreated_behind_the_other_programs_back(tmp_path: Path) -> None:
    path = tmp_path / "evening.json"
    storage = AtomicJSONStorage(path)
    storage.read()
    storage.write({"events": {}})
    path.unlink()
    with pytest.raises(DatabaseChanged) as refused:
        storage.write({"events": {"1": {"title": "ours"}}})
    assert str(refused.value) == f"evening.json was deleted or moved {_CHANGED_BY_OTHERS}"
    assert not path.exists()


def test_a_database_another_program_created_after_we_looked_is_not_written_over(
    tmp_path: Path,
) -> None:
    path = tmp_path / "evening.json"
    storage = AtomicJSONStorage(path)
    assert not storage.changed_on_disk()  # nothing there, nothing read: no change to report
    assert storage.read() is None
    assert not storage.changed_on_disk()
    path.write_bytes(b"")  # another program starts its own database here
    assert storage.changed_on_disk()
    with pytest.raises(DatabaseChanged, match=r"evening\.json was changed"):
        storage.write({"events": {"1": {"title": "ours"}}})
    assert path.read_bytes() == b""


def test_a_file_damaged_after_we_read_it_is_refused_as_damaged_and_left_intact(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.json"
    path.write_text('{"events": {}}', "utf-8")
    storage = AtomicJSONStorage(path)
    storage.read()
    path.write_bytes(b'{"events": {"1": ')
    with pytest.raises(DatabaseUnreadable, match="is damaged"):
        storage.read()
    with pytest.raises(DatabaseUnreadable, match="is damaged"):
        storage.write({"events": {}})
    assert path.read_bytes() == b'{"events": {"1": '


def test_a_read_the_system_refuses_names_the_file_and_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    path = tmp_path / "db.json"
    path.write_text('{"events": {}}', "utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)  # tests run as root: have the system refuse
    with pytest.raises(FacilitatorError) as refused:
        AtomicJSONStorage(path).read()
    assert str(refused.value) == f"could not read {path}: permission denied"


def test_a_database_path_through_a_file_says_it_cannot_be_read(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a folder", "utf-8")
    path = tmp_path / "notes.txt" / "db.json"
    with pytest.raises(InputError) as refused:
        AtomicJSONStorage(path).read()
    assert str(refused.value) == f"{path}: cannot be read (Not a directory)"


def test_a_fresh_storage_has_no_sync_warning(tmp_path: Path) -> None:
    storage = AtomicJSONStorage(tmp_path / "db.json")
    assert storage.sync_warning == ""
    storage.read()
    storage.write({"events": {}})
    assert storage.sync_warning == ""


def test_plain_storage_saves_a_document_changed_in_place(tmp_path: Path) -> None:
    # A TinyDB caller may change a document in place and write the same dicts again: by
    # default every write encodes the whole data, so the change is saved.
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.read()
    data: dict[str, dict[str, Any]] = {"events": {"1": {"title": "Birmingham"}}}
    storage.write(data)
    data["events"]["1"]["title"] = "Leeds"
    storage.write(data)
    assert _saved(path) == {"events": {"1": {"title": "Leeds"}}}


def _count_encoded_documents(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Each value the storage JSON-encodes on its own (table names and documents)."""
    encoded: list[Any] = []
    dumps = storage_module._dumps

    def counting(value: Any) -> bytes:
        encoded.append(value)
        return dumps(value)

    monkeypatch.setattr(storage_module, "_dumps", counting)
    return encoded


def test_a_store_save_encodes_only_the_document_it_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The point of reuse_unchanged_documents: a save in a 5,000-outcome database encodes one.
    encoded = _count_encoded_documents(monkeypatch)
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path, reuse_unchanged_documents=True)
    storage.read()
    events = {str(i): {"title": f"event {i}"} for i in range(1, 6)}
    data: dict[str, dict[str, Any]] = {"events": events}
    storage.write(data)
    assert len([v for v in encoded if isinstance(v, dict)]) == 5
    encoded.clear()
    data = {"events": {**events, "3": {"title": "renamed"}}}
    storage.write(data)
    assert [v for v in encoded if isinstance(v, dict)] == [{"title": "renamed"}]
    assert _saved(path)["events"]["3"] == {"title": "renamed"}


def test_removing_a_document_re_encodes_none_of_the_others(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    encoded = _count_encoded_documents(monkeypatch)
    encoder = DocumentEncoder()
    events = {str(i): {"title": f"event {i}"} for i in range(1, 6)}
    encoder.encode({"events": events})
    fewer = {k: v for k, v in events.items() if k != "2"}
    assert encoder.encode({"events": fewer}) == json.dumps({"events": fewer}).encode()
    encoded.clear()
    again = dict(fewer)  # a new table object holding the same documents
    assert encoder.encode({"events": again}) == json.dumps({"events": again}).encode()
    assert [v for v in encoded if isinstance(v, dict)] == []
    assert encoded == ["events"]  # only the table's name
