"""After "Quit anyway" the window has let go of the database: nothing late may take it again.

Edits that could not be saved stay pending when the facilitator chooses to quit anyway. A late
focus change (the ranking entry losing focus as the window goes) or the retry timer would
then save them, reopening the database and taking its lock for a window already gone: the
next copy of the app would open it read-only.
"""

import pytest
from PySide6.QtCore import Qt

from facilitator.atomic_write import WriteFailed
from facilitator.paths import db_path
from facilitator.store import Store
from facilitator.store.lock import lock_path
from tests.ui.capture_support import Keyboard, open_window, plan_evening, start_capture


@pytest.fixture
def quit_anyway(qtbot, monkeypatch):
    window = open_window(qtbot)
    event_id = plan_evening(window, qtbot)
    capture = start_capture(window, qtbot)
    kb = Keyboard()
    kb.key(Qt.Key.Key_Return)  # into the hierarchy of table 1

    def full_disk(self, *args, **kwargs):
        raise WriteFailed("cannot save facilitator.db.json: the disk is full")

    monkeypatch.setattr(Store, "save_outcome", full_disk)
    asked = []
    window.session.quit_prompt = lambda message: asked.append(message) or True
    kb.type("3 1")
    window.close()
    assert asked, "the unsaved edit was not offered for Quit anyway"
    assert not window.isVisible()
    monkeypatch.undo()  # the disk has room again: a late save would now succeed
    return window, capture, event_id


def test_quit_anyway_lets_go_of_the_database(quit_anyway):
    assert not lock_path(db_path()).exists()


def test_a_late_focus_change_after_quit_anyway_does_not_reopen_the_database(quit_anyway):
    window, capture, _event_id = quit_anyway
    capture._on_focus_changed(capture.rank_panel.entry, None)  # focus leaves the entry late
    assert not window.session.is_open
    assert not lock_path(db_path()).exists()


def test_the_retry_after_quit_anyway_does_not_reopen_the_database(quit_anyway):
    window, _capture, _event_id = quit_anyway
    window.session.save_due()  # what the retry timer would call a second later
    window.session.flush()
    assert not window.session.is_open
    assert not lock_path(db_path()).exists()
    with Store.open(db_path()) as store:  # the next copy of the app can write
        assert not store.read_only
