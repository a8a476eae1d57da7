"""Resume where you were: after a quit or a kill -9 during capture, the next start reopens
capture at the same event, table and activity, with every timer where it was."""

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator.capture.resume import RESUME_FILE, load_spot
from facilitator.ui.app import create_application
from facilitator.ui.main_window import MainWindow
from tests.conftest import REPO_ROOT
from tests.ui.capture_support import Keyboard, open_window, plan_evening, start_capture

K = Qt.Key


def reopen(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    create_application()
    window = MainWindow()
    qtbot.addWidget(window)
    window.session.quit_prompt = lambda message: True
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_a_quit_during_capture_reopens_there_with_the_timers(qtbot, data_dir):
    window = open_window(qtbot)
    event_id = plan_evening(window, qtbot)
    capture = start_capture(window, qtbot)
    keys = Keyboard()
    keys.key(K.Key_S)  # the hierarchy's timer runs...
    keys.key(K.Key_Down)  # ...while the matching is shown, its own timer paused
    keys.key(K.Key_Plus)
    keys.key(K.Key_2)
    first_item = next(iter(capture.agenda))
    running_start = capture.timeboxes[first_item].running_since
    window.close()

    again = reopen(qtbot)
    page = again.events_page
    resumed = page.capture
    assert again.pages.currentWidget() is page
    assert page.modes.currentWidget() is resumed
    assert resumed.event_id == event_id
    assert resumed.table_index == 1
    assert resumed.current_item().kind.value == "match"
    assert resumed.timer.timebox.total == (15 + 2) * 60 and not resumed.timer.timebox.running
    hierarchy = resumed.timeboxes[first_item]
    assert hierarchy.running
    # The same start: both runs share this process's monotonic clock.
    assert hierarchy.running_since == pytest.approx(running_start, abs=0.01)
    said = again.statusBar().currentMessage()
    assert said.startswith("Resumed capture where you were: PMO Flashmob Birmingham")
    assert "Table 2" in said and "\n" not in said
    assert QApplication.focusWidget() is resumed.agenda_list


def test_leaving_capture_on_purpose_opens_as_usual_next_time(qtbot, data_dir):
    window = open_window(qtbot)
    plan_evening(window, qtbot)
    capture = start_capture(window, qtbot)
    assert (data_dir / RESUME_FILE).exists()
    qtbot.mouseClick(capture.back_button, Qt.MouseButton.LeftButton)
    assert not (data_dir / RESUME_FILE).exists()
    window.close()
    again = reopen(qtbot)
    assert again.pages.currentWidget() is again.decks_page
    assert again.statusBar().currentMessage() == ""


def test_a_spot_from_another_database_or_a_deleted_event_resumes_nothing(qtbot, data_dir):
    window = open_window(qtbot)
    plan_evening(window, qtbot)
    start_capture(window, qtbot)
    window.close()
    spot = json.loads((data_dir / RESUME_FILE).read_text("utf-8"))
    spot["event"] = "no-such-event"
    (data_dir / RESUME_FILE).write_text(json.dumps(spot), "utf-8")
    again = reopen(qtbot)
    assert again.pages.currentWidget() is again.decks_page
    assert not (data_dir / RESUME_FILE).exists()


# --- a kill -9 of the real app -----------------------------------------------------------

PRELUDE = """
import json, sys, time
from facilitator.cli import _apply_global_options, build_parser
_apply_global_options(build_parser().parse_args(["--data-dir", sys.argv[1]]))  # as typed
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from facilitator.ui.app import create_application
from facilitator.ui.main_window import MainWindow

def press(key):
    QTest.keyClick(QApplication.focusWidget(), key)

app = create_application()
window = MainWindow()
window.session.restore_chooser = lambda message, backups: None  # never a modal dialog
window.resize(1366, 768)
window.show()
window.activateWindow()
for _ in range(200):
    if window.isActiveWindow():
        break
    QTest.qWait(10)
"""

CAPTURE_THEN_WAIT = """
window.nav.setCurrentRow(window.pages.indexOf(window.events_page))
page = window.events_page
page.new_event()
for kind in ("rank", "prompts"):
    for i in range(page.deck_choice.count()):
        if page.deck_choice.itemData(i).deck.kind.value == kind:
            page.deck_choice.setCurrentIndex(i)
    page.add_activity()
page.start_capture()
capture = page.capture
press(Qt.Key.Key_3)      # table 3
press(Qt.Key.Key_Down)   # the prompts' first question
press(Qt.Key.Key_Down)   # the second
press(Qt.Key.Key_S)      # its timer starts
row = capture.agenda_list.current_row()
print("SHOWN", json.dumps({
    "event": capture.event_id, "table": capture.current_table.id,
    "item": row.item_id, "prompt": row.prompt,
}), flush=True)
QTest.qWait(120_000)  # killed long before this ends
"""

REPORT_RESUMED = """
import time
capture = window.events_page.capture
row = capture.agenda_list.current_row()
box = capture.timer.timebox
mono, wall = capture.timer.monotonic(), time.time()
print("RESUMED", json.dumps({
    "page": window.pages.currentWidget() is window.events_page,
    "capturing": window.events_page.modes.currentWidget() is capture,
    "event": capture.event_id, "table": capture.current_table.id,
    "item": row.item_id, "prompt": row.prompt,
    "running": box.running,
    "remaining": box.remaining(mono),
    "started_at": None if box.running_since is None else wall - (mono - box.running_since),
    "status": window.statusBar().currentMessage(),
}), flush=True)
window.close()
"""


def run_app(code, data_dir, home):
    """The app on `--data-dir data_dir`, with `home` as the user's home folder."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("FACILITATOR_")},
        "HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(REPO_ROOT),
    }
    return subprocess.Popen(
        [sys.executable, "-c", PRELUDE + code, str(data_dir)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
    )


def reported(line: str, tag: str) -> dict:
    assert line.startswith(tag + " "), line
    return json.loads(line.split(" ", 1)[1])


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_kill_9_during_capture_then_restart_is_back_at_the_same_place(data_dir, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    app = run_app(CAPTURE_THEN_WAIT, data_dir, home)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: lines.put(app.stdout.readline()), daemon=True).start()
    try:
        # Printed once capture is there and its place is on disk: nothing races the kill.
        line = lines.get(timeout=120)
    finally:
        app.send_signal(signal.SIGKILL)
        app.wait(30)
    assert app.returncode == -signal.SIGKILL, app.stderr.read()[-2000:]
    shown = reported(line, "SHOWN")
    # The timer's start as it was saved, on the wall clock; the kill leaves nothing else.
    saved = load_spot(data_dir)
    assert saved is not None
    started_at = saved.timers[shown["item"]].started_at
    assert started_at is not None and started_at <= time.time()
    # As if the laptop had stayed off for ten minutes before the restart: the timer must
    # count them (from the saved start), not start again.
    data = json.loads((data_dir / RESUME_FILE).read_text("utf-8"))
    started_at -= 600
    data["timers"][shown["item"]]["started_at"] = started_at
    (data_dir / RESUME_FILE).write_text(json.dumps(data), "utf-8")

    again = run_app(REPORT_RESUMED, data_dir, home)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err[-2000:]
    resumed = reported(out.splitlines()[-1], "RESUMED")
    assert resumed["page"] and resumed["capturing"]
    for what in ("event", "table", "item", "prompt"):
        assert resumed[what] == shown[what], what
    assert shown["prompt"]  # the second question, not only its activity
    assert resumed["running"]
    # Running from the saved start, not restarted (the clocks are read within microseconds).
    assert resumed["started_at"] == pytest.approx(started_at, abs=0.5)
    assert resumed["remaining"] < 15 * 60 - 600
    assert resumed["status"].startswith("Resumed capture where you were:")
    # Kept in the data folder given, never in the home folder.
    assert not list(home.rglob("*resume*"))


def test_a_quit_in_full_screen_capture_reopens_capture_in_a_window_with_its_page_list(qtbot):
    window = open_window(qtbot)
    plan_evening(window, qtbot)
    capture = start_capture(window, qtbot)
    Keyboard().key(K.Key_F11)
    assert window.isFullScreen()
    window.close()
    again = reopen(qtbot)
    assert again.events_page.modes.currentWidget() is again.events_page.capture
    assert not again.isFullScreen()
    assert again.nav.isVisible()
    assert not capture.full_screen
