"""The frozen app's safety net: a log file in the data folder, and errors shown, never swallowed."""

from __future__ import annotations

import faulthandler
import logging
import sys
import tempfile
import threading
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest
from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from facilitator.ui import crash_handling
from facilitator.ui.crash_handling import (
    FIRST_WINDOW_MESSAGE,
    CrashReporter,
    install_crash_handling,
    start_logging,
)

# The reporter replaces sys.excepthook; pytest-qt's own capture would hide what it does.
pytestmark = pytest.mark.qt_no_exception_capture


class Shown:
    """Stands in for the dialog: records (message, wait, thread) instead of showing anything."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, bool, bool]] = []

    def __call__(self, message: str, wait: bool) -> None:
        on_ui_thread = QThread.currentThread() is QApplication.instance().thread()
        self.calls.append((message, wait, on_ui_thread))


@pytest.fixture(autouse=True)
def restore_process_state() -> Iterator[None]:
    """Logging handlers, stderr, the exception hooks and faulthandler as they were."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    hooks = (sys.excepthook, threading.excepthook, sys.stderr)
    yield
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)
    logging.captureWarnings(False)
    sys.excepthook, threading.excepthook, sys.stderr = hooks
    faulthandler.enable(sys.__stderr__)
    for file in crash_handling._FAULT_LOG:
        file.close()
    crash_handling._FAULT_LOG.clear()


def fail(message: str) -> None:
    raise ValueError(message)


def test_an_error_in_a_slot_is_logged_and_shown_naming_the_log(qtbot, data_dir: Path) -> None:
    log_file = start_logging()
    assert log_file == data_dir / "facilitator.log"
    shown = Shown()
    reporter = CrashReporter(log_file, shown).install()
    QTimer.singleShot(0, lambda: fail("the deck went missing"))
    qtbot.waitUntil(lambda: bool(shown.calls), timeout=2000)
    reporter.uninstall()

    message, wait, _ = shown.calls[0]
    assert "ValueError: the deck went missing" in message
    assert str(log_file) in message
    assert wait is False  # the app carries on; the dialog must not block it
    text = log_file.read_text("utf-8")
    assert "Traceback (most recent call last)" in text
    assert "ValueError: the deck went missing" in text


def test_an_error_in_a_worker_thread_reaches_the_dialog_on_the_ui_thread(
    qtbot, data_dir: Path
) -> None:
    shown = Shown()
    reporter = CrashReporter(start_logging(), shown).install()
    worker = threading.Thread(target=fail, args=("a preview failed",))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(shown.calls), timeout=2000)
    reporter.uninstall()

    message, _, on_ui_thread = shown.calls[0]
    assert "a preview failed" in message
    assert on_ui_thread
    assert "ValueError: a preview failed" in (data_dir / "facilitator.log").read_text("utf-8")


def test_a_repeating_error_shows_one_dialog_at_a_time_and_logs_every_time(
    qtbot, data_dir: Path
) -> None:
    reporter = CrashReporter(start_logging()).install()  # the real, non-blocking dialog
    for n in range(3):
        QTimer.singleShot(0, lambda n=n: fail(f"paint failed {n}"))
    qtbot.waitUntil(
        lambda: (data_dir / "facilitator.log").read_text().count("ValueError: paint failed") == 3
    )
    qtbot.wait(50)
    boxes = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    assert len(boxes) == 1
    assert "paint failed 0" in boxes[0].text()
    assert str(data_dir / "facilitator.log") in boxes[0].text()

    boxes[0].close()  # dismissed: the next error gets a dialog again
    QTimer.singleShot(0, lambda: fail("paint failed again"))
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, QMessageBox) and w.isVisible() and "again" in w.text()
            for w in QApplication.topLevelWidgets()
        ),
        timeout=2000,
    )
    reporter.uninstall()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox):
            widget.close()


def test_an_error_while_starting_is_shown_and_waited_for_then_passed_on(data_dir: Path) -> None:
    shown = Shown()
    with (
        pytest.raises(RuntimeError, match="corrupt settings"),
        CrashReporter(start_logging(), shown),
    ):
        raise RuntimeError("corrupt settings")
    assert len(shown.calls) == 1
    message, wait, _ = shown.calls[0]
    assert wait is True  # the app is about to exit: the user must get to read it
    assert "corrupt settings" in message
    assert "RuntimeError: corrupt settings" in (data_dir / "facilitator.log").read_text("utf-8")


def test_the_first_window_is_logged_once_the_event_loop_runs(qtbot, data_dir: Path) -> None:
    with CrashReporter(start_logging(), Shown()):
        pass
    log_file = data_dir / "facilitator.log"
    assert FIRST_WINDOW_MESSAGE not in log_file.read_text("utf-8")
    qtbot.waitUntil(lambda: FIRST_WINDOW_MESSAGE in log_file.read_text("utf-8"), timeout=2000)


def test_without_a_terminal_what_would_be_printed_goes_to_the_log(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stderr", None)  # as in a windowed app started from the desktop
    log_file = start_logging()
    print("Qt: a platform warning", file=sys.stderr)
    sys.stderr.write("half a line, ")
    sys.stderr.write("then the rest\n")
    text = log_file.read_text("utf-8")
    assert "WARNING stderr: Qt: a platform warning" in text
    assert "WARNING stderr: half a line, then the rest" in text


def test_a_failing_log_without_a_terminal_does_not_loop(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stderr", None)
    log_file = start_logging()
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler))

    def locked(record: logging.LogRecord) -> bool:
        raise PermissionError("the file is in use by another process")

    monkeypatch.setattr(handler, "shouldRollover", locked)
    logging.getLogger("facilitator").warning("a line while the log is locked")
    monkeypatch.undo()  # the file works again: later lines still arrive
    sys.stderr = None
    logging.getLogger("facilitator").warning("a line after")
    assert "a line after" in log_file.read_text("utf-8")


def test_the_log_falls_back_to_the_temporary_folder_when_the_data_folder_is_unwritable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(blocker / "data"))
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    log_file = start_logging()
    assert log_file == tmp_path / "tmp" / "facilitator.log"
    assert "Facilitator" in log_file.read_text("utf-8")
    assert blocker.read_text() == "a file where the data folder should be"


def test_a_frozen_app_logs_to_the_data_folder(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    reporter = install_crash_handling(Shown())
    reporter.uninstall()
    assert reporter.log_file == data_dir / "facilitator.log"
    first_line = reporter.log_file.read_text("utf-8").splitlines()[0]
    assert "Facilitator" in first_line and "started (frozen" in first_line


def test_from_source_in_a_terminal_there_is_no_log_file_and_the_message_says_where_to_look(
    qtbot, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = Shown()
    reporter = install_crash_handling(shown)
    QTimer.singleShot(0, lambda: fail("typo in a slot"))
    qtbot.waitUntil(lambda: bool(shown.calls), timeout=2000)
    reporter.uninstall()
    assert reporter.log_file is None
    assert not (data_dir / "facilitator.log").exists()
    assert "terminal" in shown.calls[0][0]
    assert "ValueError: typo in a slot" in capsys.readouterr().err


def test_run_app_shows_a_failing_start_instead_of_vanishing(
    qapp, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from facilitator.ui import app, main_window

    class BrokenWindow:
        def __init__(self) -> None:
            raise OSError("the settings file is unreadable")

    shown = Shown()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(app, "install_qt_message_filter", lambda: None)
    monkeypatch.setattr(main_window, "MainWindow", BrokenWindow)
    monkeypatch.setattr(crash_handling, "show_error_dialog", shown)
    with pytest.raises(OSError, match="unreadable"):
        app.run_app()
    sys.excepthook, threading.excepthook = sys.__excepthook__, threading.__excepthook__
    assert [wait for _, wait, _ in shown.calls] == [True]
    assert str(data_dir / "facilitator.log") in shown.calls[0][0]
    assert "OSError: the settings file is unreadable" in (data_dir / "facilitator.log").read_text()
