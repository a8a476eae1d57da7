"""What keeping capture's place for a resume costs: one step through the agenda with the
resume file written against the same step with it not written, measured in the same run.

Run with `make bench`. Each arrow key moves to the next activity or prompt; capture then
rewrites capture-resume.json in the data folder (facilitator/capture/resume.py).
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.capture_support import open_window, plan_evening, start_capture

STEPS = 60
ROUNDS = 3


def mean_step_ms(qtbot) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    for i in range(STEPS):
        key = Qt.Key.Key_Down if (i // 6) % 2 == 0 else Qt.Key.Key_Up
        qtbot.keyClick(QApplication.focusWidget(), key)
    return (time.perf_counter() - started) / STEPS * 1000


def test_keeping_the_place_for_a_resume_keeps_agenda_steps_quick(qtbot, monkeypatch) -> None:
    window = open_window(qtbot)
    plan_evening(window, qtbot)
    capture = start_capture(window, qtbot)
    remember = capture._remember
    for n in range(ROUNDS):
        kept = mean_step_ms(qtbot)
        monkeypatch.setattr(capture, "_remember", lambda: None)
        bare = mean_step_ms(qtbot)
        monkeypatch.setattr(capture, "_remember", remember)
        print(
            f"\nround {n}: one agenda step {kept:.1f} ms keeping the place for a resume, "
            f"{bare:.1f} ms without ({kept / bare:.2f}x)"
        )
