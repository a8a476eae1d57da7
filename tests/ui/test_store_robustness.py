"""The app side of the store's robustness: File ▸ Import event files… with its conflicts, an
emptied database offered its backup, a database taken over by another copy offered a reload,
and a disk that comes back."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from facilitator.decks import file as deck_file
from facilitator.outcomes import RankResult
from facilitator.paths import db_path
from facilitator.store import Store
from facilitator.store.backups import list_backups
from facilitator.store.lock import WriterLock, lock_path
from facilitator.ui.import_events import KEPT_MARK, ImportReportDialog
from tests.conftest import SAMPLE_DECKS
from tests.ui.capture_support import open_window

ROLES = SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json"


def _conflicting_file(tmp_path: Path) -> tuple[Path, str, str]:
    """The app's database with Alice's ranking, and Bob's event file with his, saved earlier."""
    deck = deck_file.load(ROLES)
    with Store.open(tmp_path / "bob.json", device_id="bob-laptop") as bob:
        event = bob.create_event(title="PMO Flashmob Birmingham", table_count=2)
        item = bob.add_agenda_item(event.id, deck)
        table = bob.list_tables(event.id)[0]
        with Store.open(db_path(), device_id="alice-laptop") as alice:
            alice.import_events([("plan.json", json.loads(json.dumps(bob.export_event(event.id))))])
            bob.save_outcome(table.id, item.id, RankResult((("R5",), ("R3",))))
            alice.save_outcome(table.id, item.id, RankResult((("R6",),)))  # later: it wins
        exported = tmp_path / "bob-event.json"
        exported.write_text(json.dumps(bob.export_event(event.id)), "utf-8")
    return exported, table.id, item.id


def test_import_event_files_shows_the_conflicts_and_keeps_the_other_version(
    qtbot: Any, tmp_path: Path
) -> None:
    exported, table, item = _conflicting_file(tmp_path)
    window = open_window(qtbot)
    file_menu = window.menuBar().actions()[0].menu()
    assert window.import_events_action in file_menu.actions()  # type: ignore[union-attr]
    assert window.import_events_action.text() == "Import &event files…"
    window.dialogs.open_files = lambda title, filters: [exported]  # type: ignore[method-assign]
    window.import_events_action.trigger()
    report = window.import_report
    assert isinstance(report, ImportReportDialog) and report.isVisible()
    assert "bob-event.json (PMO Flashmob Birmingham): " in report.summary.text()
    assert report.summary.text().endswith("1 conflict")
    assert report.conflicts.count() == 1
    row = report.conflicts.item(0)
    assert "kept the later save" in row.text() and "device bob-lapt" in row.text()
    store = window.session.store()
    assert store.get_outcome(table, item).result.levels == (("R6",),)  # type: ignore[union-attr]

    assert report.keep_button.isEnabled()
    qtbot.mouseClick(report.keep_button, Qt.MouseButton.LeftButton)
    assert store.get_outcome(table, item).result.levels == (("R5",), ("R3",))  # type: ignore[union-attr]
    assert row.text().startswith(
        f'{KEPT_MARK}outcome of Table 1 for "PMO roles: agree the hierarchy": kept the other'
    )
    assert not report.keep_button.isEnabled()  # kept once; the history has the rest
    report.close()


def test_a_broken_event_file_is_refused_in_one_sentence(qtbot: Any, tmp_path: Path) -> None:
    exported, _table, _item = _conflicting_file(tmp_path)
    payload = json.loads(exported.read_text("utf-8"))
    del payload["tables"][0]["colour"]
    exported.write_text(json.dumps(payload), "utf-8")
    before = db_path().read_bytes()
    window = open_window(qtbot)
    said: list[tuple[str, str]] = []
    window.dialogs.error = lambda title, message: said.append((title, message))  # type: ignore[method-assign]
    window.import_events([exported])
    [(title, message)] = said
    assert title == "Event files not imported"
    assert message.startswith("bob-event.json: table ") and "'colour'" in message
    assert window.import_report is None
    assert db_path().read_bytes() == before


def test_an_emptied_database_is_offered_its_newest_backup_with_data(qtbot: Any) -> None:
    with Store.open(db_path()) as store:
        store.create_event(title="Last month's Flashmob")
    with Store.open(db_path()):
        pass  # opening takes a backup
    db_path().write_bytes(b"")
    offered: list[tuple[str, list[Any]]] = []

    def choose(message: str, backups: list[Any]) -> Any:
        offered.append((message, backups))
        return backups[0]

    window = open_window(qtbot, restore_chooser=choose)
    [(message, backups)] = offered
    assert "is empty, but its backups show it held data" in message
    assert "The newest backup that holds data is offered first" in message
    assert backups[0] == list_backups(db_path())[-1]  # the one with data, before-restore aside
    tree = window.events_page.tree
    assert tree.topLevelItem(0).child(0).text(0) == "Last month's Flashmob"
    assert window.session.store().writable


def test_declining_the_restore_of_an_emptied_database_writes_nothing(qtbot: Any) -> None:
    with Store.open(db_path()) as store:
        store.create_event(title="Last month's Flashmob")
    with Store.open(db_path()):
        pass
    db_path().write_bytes(b"{}")
    window = open_window(qtbot, restore_chooser=lambda message, backups: None)
    said = window.events_page.message.text()
    assert "was not opened as a new database" in said
    assert f"facilitator db restore {list_backups(db_path())[0].name}" in said  # what to do
    assert not window.events_page.new_button.isEnabled()
    assert db_path().read_bytes() == b"{}"
    assert len(list_backups(db_path())) == 1


def test_a_database_taken_over_by_another_copy_says_so_and_offers_a_reload(
    qtbot: Any, tmp_path: Path
) -> None:
    window = open_window(qtbot)
    store = window.session.store()
    event = store.create_event(title="Mine")
    lock_path(db_path()).unlink()
    with Store.open(db_path(), device_id="other") as other:  # a second copy got in
        other.update_event(event.id, notes="the other copy's note")
    from facilitator.ui import event_operations

    event_operations.stage_event_field(
        window.session, event_id=event.id, field="venue", value="Le Truc"
    )
    window.session.flush()  # the save is refused: nothing is written over the other copy
    assert window.store_banner.isVisible()
    text = window.store_banner_text.text()
    assert text.startswith("Read only: ") and "another copy of Facilitator" in text
    assert window.session.has_pending()  # the venue is kept, not lost
    with Store.open(db_path(), read_only=True) as reader:
        assert reader.get_event(event.id).notes == "the other copy's note"

    qtbot.mouseClick(window.reload_button, Qt.MouseButton.LeftButton)
    assert not window.store_banner.isVisible()
    assert window.statusBar().currentMessage() == "Reloaded: this copy can save again"
    assert not window.session.has_pending()  # the kept edit saved on top of the other's
    again = window.session.store().get_event(event.id)
    assert (again.notes, again.venue) == ("the other copy's note", "Le Truc")


def test_a_button_whose_save_finds_the_database_taken_over_brings_the_banner(
    qtbot: Any,
) -> None:
    from facilitator.store.storage import DatabaseChanged
    from facilitator.ui import event_operations

    window = open_window(qtbot)
    event = window.session.store().create_event(title="Mine")
    lock_path(db_path()).unlink()
    with Store.open(db_path(), device_id="other") as other:
        other.update_event(event.id, notes="theirs")
    with pytest.raises(DatabaseChanged):
        event_operations.add_table(window.session, event_id=event.id)
    assert window.session._watch.isActive()  # the app looks every few seconds ...
    window.session.watch()  # ... and this is what it does when it looks
    assert window.store_banner.isVisible()
    assert "another copy of Facilitator" in window.store_banner_text.text()


def test_a_save_whose_folder_could_not_be_synced_says_so_in_the_status_line(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import facilitator.atomic_write as atomic_write
    from facilitator.ui import event_operations

    window = open_window(qtbot)
    event = window.session.store().create_event(title="Mine")
    shown: list[str] = []
    window.session.statusTextChanged.connect(shown.append)

    def unsyncable(folder: Path) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(atomic_write, "_fsync_folder", unsyncable)
    event_operations.stage_event_field(
        window.session, event_id=event.id, field="venue", value="Le Truc"
    )
    assert window.session.flush()  # saved: not a failed save to retry
    assert shown[-1].startswith("Saved ")
    assert shown[-1].endswith(
        ", but the folder could not be synced (the disk reported an "
        "input/output error (was it removed?))"
    )
    assert window.session.store().get_event(event.id).venue == "Le Truc"


@pytest.mark.skipif(os.name != "posix", reason="simulates a read-only disk")
def test_a_disk_that_comes_back_makes_the_app_writable_with_a_line_saying_so(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(db_path()) as store:
        store.create_event(title="Birmingham")

    def refuse(self: WriterLock, payload: bytes) -> bool:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(WriterLock, "_create", refuse)
    window = open_window(qtbot)
    assert window.session.read_only_reason
    assert window.events_page.read_only_banner.isVisible()
    window.session.watch()  # the disk still refuses
    assert window.session.read_only_reason
    monkeypatch.undo()
    window.session.watch()  # the app looks every few seconds
    assert window.session.read_only_reason == ""
    assert window.statusBar().currentMessage() == (
        "facilitator.db.json can be written again: saving resumed"
    )
    assert not window.events_page.read_only_banner.isVisible()
    assert window.events_page.new_button.isEnabled()
