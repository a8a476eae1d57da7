"""When no window can be shown, the app says why in one line instead of Qt's wall of text."""

import os
import subprocess
import sys
from pathlib import Path

from facilitator.ui.platform_check import NO_DISPLAY_HINT, display_problem


def test_missing_xcb_libraries_are_named(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("DISPLAY", ":0")
    problem = display_problem(loads=lambda name: name != "libxcb-cursor.so.0")
    assert problem.startswith("Qt cannot open a window: the system lacks libxcb-cursor.so.0 (")
    assert "apt install libxcb-cursor0" in problem
    assert display_problem(loads=lambda name: True) is None


def test_no_display_is_explained(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert display_problem() == NO_DISPLAY_HINT


def test_offscreen_is_never_second_guessed(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert display_problem(loads=lambda name: False) is None


def test_a_failing_start_prints_one_line_and_exits_1():
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    # A display number no X server on this machine listens on.
    free = next(n for n in range(97, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    env["DISPLAY"] = f":{free}"
    result = subprocess.run(
        [sys.executable, "-m", "facilitator"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("facilitator: ")
