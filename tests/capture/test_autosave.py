"""The autosave policy: every edit is saved within a second, failures are kept and retried."""

from datetime import datetime

from facilitator.capture.autosave import MAX_DELAY_S, QUIET_S, AutosavePolicy, SaveState

T = datetime(2015, 8, 20, 21, 4)


def test_a_single_edit_is_due_once_typing_pauses():
    p = AutosavePolicy()
    p.edit("k", "a", now=10.0)
    assert p.due(10.0 + QUIET_S - 0.01) == []
    assert p.due(10.0 + QUIET_S) == [("k", "a")]


def test_continuous_typing_is_saved_within_the_maximum_delay():
    p = AutosavePolicy()
    for i in range(20):  # a keystroke every 0.1 s for two seconds
        p.edit("k", f"v{i}", now=10.0 + i * 0.1)
        assert p.next_due() <= 10.0 + MAX_DELAY_S
    assert p.due(10.0 + MAX_DELAY_S) == [("k", "v19")]
    assert MAX_DELAY_S < 1.0


def test_saved_clears_the_edit_and_reports_the_time():
    p = AutosavePolicy()
    assert p.status().text() == "No changes yet"
    p.edit("k", "a", now=0.0)
    assert p.status().state == SaveState.PENDING
    ((key, value),) = p.flush()
    p.saved(key, value, T)
    assert p.pending_keys() == []
    assert p.status().text() == "Saved 21:04"


def test_an_edit_made_during_a_save_stays_pending():
    p = AutosavePolicy()
    p.edit("k", "old", now=0.0)
    ((key, value),) = p.flush()
    p.edit("k", "new", now=0.1)
    p.saved(key, value, T)
    assert p.pending_value("k") == (True, "new")


def test_a_failed_save_keeps_the_edit_and_retries_later():
    p = AutosavePolicy()
    p.edit("k", "a", now=0.0)
    p.failed("k", "the disk is full", now=1.0)
    status = p.status()
    assert status.state == SaveState.FAILED
    assert status.text() == "Not saved: the disk is full. 1 unsaved change kept here; retrying."
    assert p.due(1.5) == []
    assert p.due(2.0) == [("k", "a")]
    p.failed("k", "the disk is full", now=2.0)
    assert p.next_due() == 4.0  # the wait grows
    p.failed("k", "the disk is full", now=2.1)  # a flush on leaving a field, before the retry
    assert p.next_due() == 4.1  # the wait does not grow for it
    p.edit("k", "b", now=2.5)  # typing goes on while it fails: the newest value is retried
    assert p.due(4.1) == [("k", "b")]
    p.saved("k", "b", T)
    assert p.status().state == SaveState.SAVED


def test_flush_returns_every_edit_oldest_first():
    p = AutosavePolicy()
    p.edit("b", 2, now=1.0)
    p.edit("a", 1, now=0.5)
    assert p.flush() == [("a", 1), ("b", 2)]
