"""Resume capture: the spot and its timers survive a restart, running timers keep running."""

import json

import pytest

from facilitator.capture.resume import (
    RESUME_FILE,
    CaptureSpot,
    SavedTimer,
    forget_spot,
    load_spot,
    save_spot,
)
from facilitator.capture.timebox import Timebox

WALL = 1_790_000_000.0  # a wall-clock instant (seconds since the epoch)


def test_a_running_timer_keeps_its_start_on_the_wall_clock():
    # Started 100 s ago on this run's monotonic clock, 30 s used before that.
    box = Timebox(900.0, used=30.0, running_since=5_000.0)
    saved = SavedTimer.of(box, monotonic_now=5_100.0, wall_now=WALL)
    assert saved == SavedTimer(900.0, 30.0, WALL - 100.0)
    # The computer restarted (monotonic clock from 40) and 600 s of wall time went by.
    back = saved.timebox(monotonic_now=40.0, wall_now=WALL + 600.0)
    assert back.running
    assert back.elapsed(40.0) == pytest.approx(30.0 + 100.0 + 600.0)
    assert back.remaining(40.0) == pytest.approx(900.0 - 730.0)


def test_a_paused_timer_comes_back_paused_with_the_time_it_had_used():
    box = Timebox(600.0, used=250.0)
    saved = SavedTimer.of(box, monotonic_now=9.0, wall_now=WALL)
    assert saved.started_at is None
    back = saved.timebox(monotonic_now=1.0, wall_now=WALL + 3600.0)
    assert back == Timebox(600.0, 250.0)


def test_a_wall_clock_set_back_does_not_make_a_timer_run_backwards():
    saved = SavedTimer(600.0, 0.0, WALL + 50.0)  # started "in the future"
    back = saved.timebox(monotonic_now=10.0, wall_now=WALL)
    assert back.elapsed(10.0) == 0.0
    assert back.running
    assert back.elapsed(70.0) == 60.0  # it runs from now, not from the future start


def test_the_spot_round_trips_through_its_file(tmp_path):
    spot = CaptureSpot(
        database="/data/facilitator.db.json",
        event_id="ev1",
        table_id="t2",
        item_id="a3",
        prompt="P2",
        timers={"a3": SavedTimer(900.0, 12.5, WALL), "a1": SavedTimer(600.0, 600.0)},
    )
    assert save_spot(tmp_path, spot)
    assert load_spot(tmp_path) == spot
    forget_spot(tmp_path)
    assert load_spot(tmp_path) is None
    forget_spot(tmp_path)  # nothing to forget is fine


@pytest.mark.parametrize(
    "content",
    [
        "",
        "{not json",
        "[]",
        json.dumps({"format": 99, "database": "", "event": "e"}),
        json.dumps(
            {
                "format": 1,
                "database": "",
                "event": "",
                "table": "",
                "item": "",
                "prompt": "",
                "timers": {},
            }
        ),
        json.dumps(
            {
                "format": 1,
                "database": "",
                "event": "e",
                "table": 3,
                "item": "",
                "prompt": "",
                "timers": {},
            }
        ),
        json.dumps(
            {
                "format": 1,
                "database": "",
                "event": "e",
                "table": "",
                "item": "",
                "prompt": "",
                "timers": {"a": {"total": "ten", "used": 0}},
            }
        ),
        json.dumps(
            {
                "format": 1,
                "database": "",
                "event": "e",
                "table": "",
                "item": "",
                "prompt": "",
                "timers": {"a": {"total": 1, "used": True}},
            }
        ),
    ],
)
def test_a_file_that_cannot_be_understood_resumes_nothing(tmp_path, content):
    (tmp_path / RESUME_FILE).write_text(content, "utf-8")
    assert load_spot(tmp_path) is None


def test_a_folder_that_cannot_be_written_does_not_stop_capture(tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    spot = CaptureSpot(database="db", event_id="e")
    assert save_spot(blocked, spot) is False
