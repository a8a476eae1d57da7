"""Never lose a keystroke: autosave timing, failures, a second copy, a damaged database."""

import pytest
from PySide6.QtCore import Qt

from facilitator.atomic_write import WriteFailed
from facilitator.decks import file as deck_file
from facilitator.paths import db_path
from facilitator.store import Store
from facilitator.store.backups import list_backups
from tests.conftest import SAMPLE_DECKS
from tests.ui.capture_support import Keyboard, open_window, plan_evening, start_capture

ROLES = deck_file.load(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")


def stored_rank(event_id, table_index=0):
    with Store.open(db_path(), read_only=True) as store:
        table = store.list_tables(event_id)[table_index]
        item = store.list_agenda(event_id)[0]
        outcome = store.get_outcome(table.id, item.id)
        return outcome.result.levels if outcome else None


@pytest.fixture
def capturing(qtbot):
    window = open_window(qtbot)
    event_id = plan_evening(window, qtbot)
    capture = start_capture(window, qtbot)
    kb = Keyboard()
    kb.key(Qt.Key.Key_Return)  # into the hierarchy of table 1
    return window, capture, event_id, kb


def test_typing_reaches_the_store_within_a_second_without_leaving_the_field(capturing, qtbot):
    window, capture, event_id, kb = capturing
    kb.type("3 1")
    assert stored_rank(event_id) is None  # not yet: typing may go on
    with qtbot.waitSignal(window.session.changed, timeout=1000):
        pass
    assert stored_rank(event_id) == (("R3",), ("R1",))
    assert capture.saved_label.text().startswith("Saved ")


def test_leaving_the_field_saves_at_once(capturing):
    _window, _capture, event_id, kb = capturing
    kb.type("4 2")
    kb.key(Qt.Key.Key_Escape)
    assert stored_rank(event_id) == (("R4",), ("R2",))


def test_switching_table_saves_at_once(capturing):
    _window, capture, event_id, kb = capturing
    kb.type("5")
    kb.key(Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # Alt+2 works inside the entry
    assert capture.current_table.number == 2
    assert stored_rank(event_id) == (("R5",),)


def test_quitting_saves_at_once(capturing):
    window, _capture, event_id, kb = capturing
    kb.type("7 8")
    window.close()
    assert stored_rank(event_id) == (("R7",), ("R8",))


def test_a_failed_save_shows_a_red_banner_keeps_the_edit_and_retries(capturing, qtbot, monkeypatch):
    window, capture, event_id, kb = capturing
    real_save = Store.save_outcome

    def full_disk(self, *args, **kwargs):
        raise WriteFailed("cannot save facilitator.db.json: the disk is full")

    monkeypatch.setattr(Store, "save_outcome", full_disk)
    kb.type("3 1")
    kb.key(Qt.Key.Key_Escape)  # leaving the field tries at once
    assert capture.fail_banner.isVisible()
    assert "the disk is full" in capture.fail_banner.text()
    assert "1 unsaved change kept here; retrying" in capture.fail_banner.text()
    assert capture.saved_label.text().startswith("Not saved")
    pixels = capture.saved_label.grab().toImage()
    inks = {
        pixels.pixelColor(x, y).getRgb()[:3]
        for x in range(pixels.width())
        for y in range(pixels.height())
    }
    assert any(r > 140 and g < 90 and b < 90 for r, g, b in inks)  # red, not the grey of "Saved"
    assert capture.rank_panel.entry.text() == "3 1"  # nothing typed is lost on screen
    kb.key(Qt.Key.Key_Return)
    kb.type(" 4")  # typing goes on while saving fails
    assert window.session.pending(("outcome", capture.current_table.id, capture.current_item().id))[
        0
    ]

    monkeypatch.setattr(Store, "save_outcome", real_save)  # the disk has room again
    qtbot.waitUntil(lambda: not capture.fail_banner.isVisible(), timeout=3000)
    assert stored_rank(event_id) == (("R3",), ("R1",), ("R4",))
    assert capture.saved_label.text().startswith("Saved ")


def test_quitting_with_unsaved_edits_asks_first(capturing, monkeypatch):
    window, _capture, _event_id, kb = capturing
    monkeypatch.setattr(
        Store,
        "save_outcome",
        lambda *a, **k: (_ for _ in ()).throw(WriteFailed("the disk is full")),
    )
    asked = []
    window.session.quit_prompt = lambda message: asked.append(message) or False
    kb.type("3")
    window.close()
    assert window.isVisible()  # cancelled: the edit is still on screen, still retried
    assert "1 change(s) could not be saved: the disk is full" in asked[0]
    window.session.quit_prompt = lambda message: True


def test_a_database_open_in_another_copy_is_read_only_before_anything_is_typed(qtbot):
    with Store.open(db_path()) as first:
        event = first.create_event(title="Flashmob", table_count=2)
        first.add_agenda_item(event.id, ROLES, timebox_minutes=15)
        window = open_window(qtbot)  # the second copy
        page = window.events_page
        assert page.read_only_banner.isVisible()
        assert "another copy of Facilitator" in page.read_only_banner.text()
        assert not page.title.isEnabled() and not page.new_button.isEnabled()
        assert window.status_text.text() == "Read only"  # the status line says so too
        page.start_capture()
        capture = page.capture
        assert capture.read_only_banner.isVisible()
        assert "another copy of Facilitator" in capture.read_only_banner.text()
        assert not capture.rank_panel.entry.isEnabled()
        assert capture.saved_label.text() == "Read only"


def _damaged_database_with_a_backup():
    path = db_path()
    with Store.open(path) as store:
        store.create_event(title="Last month's Flashmob", table_count=2)
    with Store.open(path):
        pass  # opening takes a backup of what it found
    assert list_backups(path)
    path.write_bytes(b'{"events": {"truncated')
    return path


def test_a_damaged_database_offers_a_backup_and_restores_it(qtbot):
    path = _damaged_database_with_a_backup()
    offered = []

    def choose(message, backups):
        offered.append((message, backups))
        return backups[0]

    window = open_window(qtbot, restore_chooser=choose)
    message, _backups = offered[0]
    assert "is damaged (not valid JSON" in message
    tree = window.events_page.tree
    assert tree.topLevelItem(0).child(0).text(0) == "Last month's Flashmob"
    labels = [b.label for b in list_backups(path)]
    assert "before-restore" in labels  # the damaged file is kept, not thrown away


def test_declining_the_restore_leaves_the_damaged_file_alone(qtbot):
    path = _damaged_database_with_a_backup()
    window = open_window(qtbot, restore_chooser=lambda message, backups: None)
    assert "cannot be opened" in window.events_page.message.text()
    assert path.read_bytes() == b'{"events": {"truncated'
    assert not window.events_page.new_button.isEnabled()


def test_quitting_while_typing_a_ranking_lets_go_of_the_database(capturing, qtbot):
    # Focus leaves the entry as the window closes: that must not open the database again,
    # or the next copy of the app would find it locked by a window already gone.
    window, capture, event_id, kb = capturing
    kb.type("3 1 R")
    assert capture.rank_panel.entry.hasFocus()
    window.close()
    qtbot.wait(50)
    with Store.open(db_path()) as store:
        assert not store.read_only
    assert stored_rank(event_id) == (("R3",), ("R1",))
