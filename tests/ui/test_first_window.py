"""The first window fits the screen it opens on and keeps its place per screen; a second
launch on the same data folder brings the first window forward with its file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from facilitator.ui.app import create_application
from facilitator.ui.main_window import MainWindow
from facilitator.ui.single_instance import InstanceServer, hand_over, instance_name
from tests.conftest import REPO_ROOT, SAMPLE_DECKS

# A real start (`facilitator --data-dir DIR`); once the window is up it reports where it is,
# optionally moves and resizes itself as a user would, and quits.
START = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from facilitator.ui import main_window

shown = main_window.MainWindow.show
move_to = json.loads(sys.argv[2])

def report(window):
    screen = window.screen().availableGeometry()
    status = window.statusBar()
    corner = status.mapToGlobal(status.rect().bottomRight())
    frame = window.frameGeometry()
    print(json.dumps({
        "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        "size": [window.width(), window.height()],
        "status_corner": [corner.x(), corner.y()],
    }))
    if move_to:
        window.resize(*move_to[2:])
        window.move(*move_to[:2])
    window.close()

def show(self):
    shown(self)
    QTimer.singleShot(100, lambda: report(self))

main_window.MainWindow.show = show
from facilitator.cli import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def screen_config(folder: Path, name: str, width: int, height: int) -> Path:
    path = folder / f"{name}.json"
    screen = {"name": name, "x": 0, "y": 0, "width": width, "height": height}
    path.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}), "utf-8")
    return path


def start(tmp_path: Path, screen: Path, move_to: list[int] | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACILITATOR_")}
    env.update(QT_QPA_PLATFORM=f"offscreen:configfile={screen}", PYTHONPATH=str(REPO_ROOT))
    result = subprocess.run(
        [sys.executable, "-c", START, str(tmp_path / "data"), json.dumps(move_to)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def inside(rect: list[int], area: list[int]) -> bool:
    x, y, w, h = rect
    ax, ay, aw, ah = area
    return ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah


def test_the_first_window_fits_a_1024x640_screen(tmp_path: Path) -> None:
    shown = start(tmp_path, screen_config(tmp_path, "small", 1024, 640))
    assert shown["screen"] == [0, 0, 1024, 640]
    assert inside(shown["frame"], shown["screen"]), shown
    # Everything down to the status bar's far corner is on the screen, not below it.
    assert inside([*shown["status_corner"], 1, 1], shown["screen"]), shown
    # It uses the screen rather than opening tiny: most of it, at least.
    assert shown["size"][0] >= 900 and shown["size"][1] >= 560, shown


def test_on_a_large_screen_the_first_window_opens_at_its_preferred_size(tmp_path: Path) -> None:
    shown = start(tmp_path, screen_config(tmp_path, "desk", 1920, 1080))
    assert shown["size"] == [1240, 760]
    assert inside(shown["frame"], shown["screen"])


def test_the_window_comes_back_where_it_was_on_each_screen(tmp_path: Path) -> None:
    laptop = screen_config(tmp_path, "laptop", 1024, 640)
    projector = screen_config(tmp_path, "projector", 1920, 1080)
    start(tmp_path, laptop, move_to=[40, 30, 900, 560])
    start(tmp_path, projector, move_to=[300, 200, 1400, 800])
    on_laptop = start(tmp_path, laptop)
    on_projector = start(tmp_path, projector)
    assert on_laptop["frame"][:2] == [40, 30] and on_laptop["size"] == [900, 560]
    assert on_projector["frame"][:2] == [300, 200] and on_projector["size"] == [1400, 800]


def test_a_place_saved_on_a_bigger_screen_is_fitted_to_a_smaller_one(tmp_path: Path) -> None:
    big = screen_config(tmp_path, "screen", 1920, 1080)
    start(tmp_path, big, move_to=[600, 300, 1300, 740])
    # The same monitor name at a lower resolution is another place: the window fits it.
    (tmp_path / "small").mkdir()
    small = screen_config(tmp_path / "small", "screen", 1024, 640)
    shown = start(tmp_path, small)
    assert inside(shown["frame"], shown["screen"]), shown


def test_a_second_launch_hands_its_file_to_the_running_window(qtbot, tmp_path: Path) -> None:
    create_application()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    server = InstanceServer(instance_name(), window.open_from_launch)
    assert server.listening
    mine = tmp_path / "tonight.deck.json"
    mine.write_bytes((SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json").read_bytes())
    # The second launch: same data folder and database (from the environment), a file to open.
    second = subprocess.Popen(
        [sys.executable, "-m", "facilitator", str(mine)],
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=30000)
    finally:
        if second.poll() is None:
            second.kill()
        _out, err = second.communicate()
    assert second.returncode == 0, err
    qtbot.waitUntil(lambda: getattr(window.decks_page.current_entry(), "path", None) == mine)
    assert window.editor.title.text() == "PMO roles: agree the hierarchy"
    server.close()
    window.editor.preview.wait_idle()


def test_without_a_running_app_a_launch_opens_its_own_window(qapp) -> None:
    assert hand_over(instance_name(), []) is False


# The first app, started as `facilitator --data-dir DIR`: it prints what a later launch hands
# it, then quits.
FIRST = """
import sys
from facilitator.ui import main_window

def open_from_launch(self, files):
    print("opened", *files, flush=True)
    self.session.quit_prompt = lambda message: True
    self.close()

main_window.MainWindow.open_from_launch = open_from_launch
from facilitator.cli import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def test_two_real_launches_on_one_data_folder_make_one_window(
    tmp_path: Path, qapp, monkeypatch
) -> None:
    from facilitator.ui.single_instance import might_be_running

    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACILITATOR_")}
    env.update(PYTHONPATH=str(REPO_ROOT), FACILITATOR_DATA_DIR=str(data))
    first = subprocess.Popen(
        [sys.executable, "-c", FIRST, str(data)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # The first app listens once its window is up (the name comes from the data folder).
        monkeypatch.setenv("FACILITATOR_DATA_DIR", str(data))
        monkeypatch.delenv("FACILITATOR_DB")
        name = instance_name()
        deadline = time.monotonic() + 30
        while not might_be_running(name) and first.poll() is None:
            assert time.monotonic() < deadline, "the first app never listened"
            time.sleep(0.05)
        mine = tmp_path / "tonight.deck.json"
        mine.write_bytes((SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json").read_bytes())
        second = subprocess.run(
            [sys.executable, "-m", "facilitator", "--data-dir", str(data), str(mine)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 0, second.stderr
        out, err = first.communicate(timeout=60)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0, err
    assert out.split() == ["opened", str(mine)]


def test_a_frame_is_shrunk_and_moved_inside_the_available_area() -> None:
    from PySide6.QtCore import QRect

    from facilitator.ui.window_place import fitted

    area = QRect(0, 30, 1024, 610)  # a top panel takes 30 px
    assert fitted(QRect(100, 100, 600, 400), area) == QRect(100, 100, 600, 400)
    assert fitted(QRect(0, 0, 1256, 800), area) == QRect(0, 30, 1024, 610)
    assert fitted(QRect(700, 500, 600, 400), area) == QRect(424, 240, 600, 400)
    assert fitted(QRect(-50, 10, 600, 400), area) == QRect(0, 30, 600, 400)


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes: no socket folder on Windows")
@pytest.mark.parametrize("tmpdir", [None, "tmp/for this user/", "tmp//nested/../here"])
def test_the_socket_folder_is_where_qt_puts_its_local_sockets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tmpdir: str | None
) -> None:
    from PySide6.QtCore import QDir

    from facilitator.ui.single_instance import socket_folder

    if tmpdir is None:
        monkeypatch.delenv("TMPDIR", raising=False)
    else:
        (tmp_path / "tmp" / "for this user").mkdir(parents=True)
        (tmp_path / "tmp" / "here").mkdir(parents=True)
        monkeypatch.setenv("TMPDIR", str(tmp_path / tmpdir))
    folder = socket_folder()
    assert folder is not None
    assert folder.resolve() == Path(QDir.tempPath()).resolve()
