"""What keeps two copies of the app honest about one file: a change is seen whatever its size,
our own save is not mistaken for someone else's, every save shows the lock is alive, and an
import never leaves a stale index behind (which made a second outcome for one table).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from facilitator.decks.model import Deck
from facilitator.outcomes import RankResult
from facilitator.store import Store
from facilitator.store.lock import lock_path
from facilitator.store.storage import (
    AtomicJSONStorage,
    DatabaseReadOnly,
    DatabaseUnreadable,
    DocumentEncoder,
    FileSignature,
    file_signature,
    parse_database,
)
from tests.store.conftest import plan_evening

LONG_AGO = 1_000_000_000  # 2001, in seconds since 1970


def tables(value: int) -> dict:
    return {"events": {"1": {"n": value}}}


# --- seeing another copy's save --------------------------------------------------------------


def test_a_replacement_of_the_same_size_is_seen_as_a_change(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    mine = AtomicJSONStorage(path)
    mine.write(tables(1))
    theirs = AtomicJSONStorage(path)
    theirs.read()
    before = path.stat().st_size
    theirs.write(tables(2))  # same length: only the content differs
    assert path.stat().st_size == before
    assert mine.changed_on_disk()
    assert mine.read() == tables(2)
    assert not mine.changed_on_disk()  # read again: up to date


def test_a_change_of_time_alone_is_a_change(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.write(tables(1))
    os.utime(path, ns=(LONG_AGO * 10**9, LONG_AGO * 10**9))
    assert storage.changed_on_disk()


def test_our_own_save_is_not_taken_for_another_copys(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.read()
    storage.write(tables(1))
    assert not storage.changed_on_disk()
    storage.write(tables(12345))  # a different size, a new file
    assert not storage.changed_on_disk()
    assert storage.signature == file_signature(path)
    assert storage.last_payload == path.read_bytes()


def test_the_signature_names_the_file_size_and_time(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    assert file_signature(path) is None
    path.write_bytes(b"{}")
    st = path.stat()
    assert file_signature(path) == FileSignature(
        st.st_dev, st.st_ino, 2, st.st_mtime_ns, st.st_ctime_ns
    )


def test_a_read_only_copy_sees_a_save_of_the_same_size(db_file: Path, rank_deck: Deck) -> None:
    with Store.open(db_file) as writer:
        event = writer.create_event(title="Evening A", table_count=1)
        with Store.open(db_file) as reader:
            assert reader.read_only
            assert reader.get_event(event.id).title == "Evening A"
            writer.update_event(event.id, title="Evening B")  # the same size on disk
            assert reader.get_event(event.id).title == "Evening B"
            assert not reader.refresh()  # nothing new since


# --- the lock stays fresh ------------------------------------------------------------------


def test_every_save_shows_the_lock_is_still_held(db_file: Path) -> None:
    with Store.open(db_file) as store:
        lock = lock_path(db_file)
        os.utime(lock, (LONG_AGO, LONG_AGO))
        event = store.create_event(title="Evening", table_count=1)
        assert lock.stat().st_mtime > LONG_AGO
        os.utime(lock, (LONG_AGO, LONG_AGO))
        store.update_event(event.id, title="Evening again")
        assert lock.stat().st_mtime > LONG_AGO
    assert not lock.exists()  # and it goes on closing


def test_a_read_only_copy_never_touches_the_writers_lock(db_file: Path) -> None:
    with Store.open(db_file) as writer:
        writer.create_event(title="Evening", table_count=1)
        lock = lock_path(db_file)
        held = lock.read_bytes()
        with Store.open(db_file, read_only=True) as reader:
            assert reader.list_events()
        assert lock.read_bytes() == held


# --- the outcome index after an import ---------------------------------------------------


def test_after_an_import_the_next_save_updates_the_imported_outcome(
    tmp_path: Path, rank_deck: Deck, match_deck: Deck, prompts_deck: Deck
) -> None:
    with (
        Store.open(tmp_path / "alice.json", device_id="alice") as alice,
        Store.open(tmp_path / "bob.json", device_id="bob") as bob,
    ):
        evening = plan_evening(alice, rank_deck, match_deck, prompts_deck)
        event_file = json.loads(json.dumps(alice.export_event(evening.event.id)))
        bob.import_events([("event.json", event_file)])
        table, item = evening.tables[0].id, evening.rank.id
        assert alice.get_outcome(table, item) is None  # alice's index knows no outcome
        bob.save_outcome(table, item, RankResult((("R2",), ("R1",))))
        from_bob = json.loads(json.dumps(bob.export_event(evening.event.id)))
        alice.import_events([("from-bob.json", from_bob)])
        imported = alice.get_outcome(table, item)
        assert imported is not None and imported.result == RankResult((("R2",), ("R1",)))
        saved = alice.save_outcome(table, item, RankResult((("R3",),)))
        assert saved.id == imported.id
        [outcome] = alice.list_outcomes(item_id=item)
        assert outcome.result == RankResult((("R3",),))


def test_after_deleting_an_outcome_the_next_save_makes_a_new_one(
    store: Store, rank_deck: Deck, match_deck: Deck, prompts_deck: Deck
) -> None:
    evening = plan_evening(store, rank_deck, match_deck, prompts_deck)
    table, item = evening.tables[1].id, evening.rank.id
    first = store.save_outcome(table, item, RankResult((("R1",),)))
    store.delete_outcome(first.id)
    assert store.get_outcome(table, item) is None
    again = store.save_outcome(table, item, RankResult((("R4",),)))
    assert again.id != first.id
    assert [o.id for o in store.list_outcomes(item_id=item)] == [again.id]


# --- refusing to write -------------------------------------------------------------------------


def test_a_read_only_storage_refuses_to_write_and_says_why(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path, access_mode="r", read_only_reason="another copy has it")
    with pytest.raises(DatabaseReadOnly, match=r"^another copy has it$"):
        storage.write(tables(1))
    assert not path.exists()
    default = AtomicJSONStorage(path, access_mode="r")
    with pytest.raises(DatabaseReadOnly, match=r"db\.json was opened for reading only"):
        default.write(tables(1))


def test_a_damaged_file_is_never_written_over(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(b'{"events": {"1": ')
    storage = AtomicJSONStorage(path)
    with pytest.raises(DatabaseUnreadable, match="is damaged"):
        storage.write(tables(1))  # it looks before it writes
    with pytest.raises(DatabaseUnreadable, match="is damaged"):
        storage.write(tables(1))  # and keeps refusing
    assert path.read_bytes() == b'{"events": {"1": '


def test_a_file_that_is_not_a_database_is_named_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    with pytest.raises(DatabaseUnreadable) as caught:
        parse_database(b"[1, 2]", path)
    assert str(caught.value) == (
        f"{path}: is not a Facilitator database (expected JSON tables of records); "
        "it was left as it is"
    )
    with pytest.raises(DatabaseUnreadable) as not_text:
        parse_database(b"{\xff}", path)
    assert str(not_text.value) == (
        f"{path}: is not a Facilitator database (not UTF-8 text at byte 1); it was left as it is"
    )
    with pytest.raises(
        DatabaseUnreadable, match=r"line 2, column 1\); it was left as it is; restore a backup"
    ):
        parse_database(b'{"a":\n}', path)
    assert parse_database(b"  \n", path) is None
    assert parse_database(b'{"a": {}}', path) == {"a": {}}


def test_a_folder_in_place_of_the_file_is_refused_in_words(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.mkdir()
    with pytest.raises(DatabaseUnreadable, match="is a folder, not a database file"):
        AtomicJSONStorage(path).read()


def test_missing_folders_are_made_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "db.json"
    storage = AtomicJSONStorage(path, create_dirs=True)
    storage.write(tables(3))
    storage.write(tables(4))  # the folder is there now: fine
    assert json.loads(path.read_text("utf-8")) == tables(4)


def test_a_failed_write_says_why_and_the_next_one_writes_everything(tmp_path: Path) -> None:
    from facilitator.atomic_write import WriteFailed

    for reuse in (False, True):
        path = tmp_path / f"gone-{reuse}" / "db.json"
        storage = AtomicJSONStorage(path, reuse_unchanged_documents=reuse)
        storage.read()
        data = {"events": {"1": {"t": "é"}}, "tables": {"2": {"n": 1}}}
        with pytest.raises(WriteFailed):
            storage.write(data)  # the folder is missing
        path.parent.mkdir()
        storage.write(data)
        assert json.loads(path.read_text("utf-8")) == data
        assert "é" in path.read_text("utf-8")  # UTF-8 text, not \\u escapes


# --- encoding only what changed ----------------------------------------------------------


def test_the_encoder_writes_exactly_what_json_writes_as_documents_are_replaced() -> None:
    encoder = DocumentEncoder()
    data = {"events": {"1": {"t": "é"}, "2": {"t": "b"}}, "tables": {}}
    assert encoder.encode(data) == json.dumps(data, ensure_ascii=False).encode("utf-8")
    changed = {**data, "events": {**data["events"], "2": {"t": "c"}}}
    assert encoder.encode(changed) == json.dumps(changed, ensure_ascii=False).encode("utf-8")
    fewer = {"events": {"1": changed["events"]["1"]}}
    assert encoder.encode(fewer) == json.dumps(fewer, ensure_ascii=False).encode("utf-8")
    more = {**fewer, "history": {"9": {"x": 1}}}
    assert encoder.encode(more) == json.dumps(more, ensure_ascii=False).encode("utf-8")
    assert encoder.encode({}) == b"{}"


def test_a_history_of_a_lost_conflict_and_a_deletion_reads_oldest_first(
    tmp_path: Path, rank_deck: Deck, match_deck: Deck, prompts_deck: Deck
) -> None:
    from datetime import UTC, datetime, timedelta

    ticks = iter(
        datetime(2015, 8, 20, 18, 30, tzinfo=UTC) + timedelta(seconds=n) for n in range(999)
    )

    def clock() -> datetime:  # one second a save: the history's times never tie
        return next(ticks)

    with (
        Store.open(tmp_path / "alice.json", device_id="alice", clock=clock) as alice,
        Store.open(tmp_path / "bob.json", device_id="bob", clock=clock) as bob,
    ):
        evening = plan_evening(alice, rank_deck, match_deck, prompts_deck)
        table, item = evening.tables[0].id, evening.rank.id
        first = alice.save_outcome(table, item, RankResult((("R1",),)))
        bob.import_events(
            [("e.json", json.loads(json.dumps(alice.export_event(evening.event.id))))]
        )
        alice.save_outcome(table, item, RankResult((("R2",),)))
        bob.save_outcome(table, item, RankResult((("R3",),)))
        bob.save_outcome(table, item, RankResult((("R4",),)))  # more saves: Bob's copy wins
        alice.import_events(
            [("e.json", json.loads(json.dumps(bob.export_event(evening.event.id))))]
        )
        alice.delete_outcome(first.id)
        history = alice.history(first.id)
        assert [h.reason for h in history] == ["conflict", "deleted"]
        assert history[0].at < history[1].at
        assert history[0].document["result"] == {"levels": [["R2"]]}  # Alice's lost edit
        assert history[1].document["result"] == {"levels": [["R4"]]}


def test_the_storage_speaks_only_utf_8_and_says_so(tmp_path: Path) -> None:
    for name in (None, "utf-8", "utf8", "UTF-8"):
        AtomicJSONStorage(tmp_path / "db.json", encoding=name)
    with pytest.raises(ValueError) as caught:
        AtomicJSONStorage(tmp_path / "db.json", encoding="latin-1")
    assert str(caught.value) == "AtomicJSONStorage always writes UTF-8"


def test_rb_opens_read_only_and_r_plus_writes(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    assert AtomicJSONStorage(path, access_mode="rb").read_only
    assert not AtomicJSONStorage(path, access_mode="r+").read_only
    assert not AtomicJSONStorage(path).read_only  # writable unless asked


def test_plain_tinydb_updating_in_place_is_saved_whole(tmp_path: Path) -> None:
    # TinyDB changes documents in place, so by default nothing is reused between saves.
    from tinydb import TinyDB

    path = tmp_path / "db.json"
    with TinyDB(path, storage=AtomicJSONStorage) as db:
        db.insert({"n": 1})
        db.update({"n": 2})
        db.update({"n": 3})
    assert json.loads(path.read_text("utf-8")) == {"_default": {"1": {"n": 3}}}


def test_a_missing_file_reads_as_a_new_database_and_forgets_the_old_signature(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.write(tables(1))
    path.unlink()
    assert storage.read() is None
    assert storage.signature is None and not storage.changed_on_disk()
    storage.write(tables(2))  # a file gone is not a damaged one: writing goes on
    assert json.loads(path.read_text("utf-8")) == tables(2)
