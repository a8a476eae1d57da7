"""When the app has no terminal: a log file in the data folder, and unhandled errors in a dialog.

A frozen app started from a desktop has nowhere to print, so an error that only reached stderr
would look like the app ignoring a click, or vanishing. Here every unhandled error is written
to the log with its traceback, and the user sees one dialog that names the log file.
"""

from __future__ import annotations

import contextlib
import faulthandler
import io
import logging
import platform
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from facilitator import APP_NAME, __version__
from facilitator.paths import data_dir

LOG_FILE_NAME = "facilitator.log"
LOG_MAX_BYTES = 1_000_000  # then facilitator.log.1 and .2: a few weeks of use, never a full disk
LOG_BACKUPS = 2
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
FIRST_WINDOW_MESSAGE = "first window shown"

log = logging.getLogger("facilitator")
_FAULT_LOG: list[io.TextIOBase] = []  # kept open for faulthandler while the app runs

# show(message, wait): shows the message to the user; wait=True when the app is about to exit.
ShowError = Callable[[str, bool], Any]


def wants_log_file() -> bool:
    """A frozen build, or a windowed start with no stderr (pythonw, a desktop launcher)."""
    return bool(getattr(sys, "frozen", False)) or sys.stderr is None


def default_log_file() -> Path:
    return data_dir() / LOG_FILE_NAME


class _LogWriter(io.TextIOBase):
    """Stands in for a missing stderr: what would have been printed goes to the log, by line."""

    def __init__(self, logger: logging.Logger) -> None:
        self._logger = logger
        self._pending = ""
        self._writing = threading.local()

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if getattr(self._writing, "active", False):
            # The log itself failed (e.g. another copy of the app holds the file while this one
            # rotates it) and logging reports that on stderr: writing it to the log would loop.
            return len(text)
        self._writing.active = True
        try:
            lines = (self._pending + text).split("\n")
            self._pending = lines.pop()
            for line in lines:
                if line.strip():
                    self._logger.warning(line)
        finally:
            self._writing.active = False
        return len(text)


def start_logging(path: Path | None = None) -> Path | None:
    """Log to `path` (default: the data folder), else to the temporary folder; the file used.

    None when neither can be written; the app still starts.
    """
    candidates = [path or default_log_file(), Path(tempfile.gettempdir()) / LOG_FILE_NAME]
    for candidate in candidates:
        try:
            candidate.parent.mkdir(parents=True, exist_ok=True)
            handler = RotatingFileHandler(
                candidate, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
            )
        except OSError:
            continue
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        root = logging.getLogger()
        root.addHandler(handler)
        root.setLevel(logging.INFO)
        logging.captureWarnings(True)
        if sys.stderr is None:
            sys.stderr = _LogWriter(logging.getLogger("stderr"))
        # A crash inside Qt kills the process before Python can log it; this still can. (If the
        # file cannot be opened a second time, only such hard crashes go unrecorded.)
        with contextlib.suppress(OSError):
            _FAULT_LOG.append(open(candidate, "a", encoding="utf-8"))  # noqa: SIM115
            faulthandler.enable(_FAULT_LOG[-1])
        log.info(
            "%s %s started (%s, Python %s, %s)",
            APP_NAME,
            __version__,
            "frozen" if getattr(sys, "frozen", False) else "from source",
            platform.python_version(),
            platform.platform(terse=True),
        )
        return candidate
    return None


def error_message(exc: BaseException, log_file: Path | None) -> str:
    what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    if log_file:
        where = (
            f"The details are in this log file:\n{log_file}\n\nPlease send it with a note of "
            "what you were doing."
        )
    elif _has_terminal():
        where = "The details are in the terminal Facilitator was started from."
    else:
        where = "The details could not be written to a log file."
    return f"{APP_NAME} ran into an unexpected problem ({what}).\n\n{where}"


def _has_terminal() -> bool:
    return sys.stderr is not None and not isinstance(sys.stderr, _LogWriter)


def show_error_dialog(message: str, wait: bool) -> Any:
    """The default ShowError: a message box, modal only when the app is about to close."""
    box = QMessageBox(QMessageBox.Icon.Critical, f"{APP_NAME}: unexpected problem", message)
    box.setParent(QApplication.activeWindow(), box.windowFlags())
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # copy the path
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if wait:
        box.exec()
    else:
        box.open()
    return box


class _ToUiThread(QObject):
    """Carries an error message from any thread to the UI thread (a queued signal)."""

    error = Signal(str)


class CrashReporter:
    """Logs every unhandled error and shows one dialog at a time naming the log file.

    Use as a context manager around start-up: an error there is shown (and waited for) before
    it propagates, since the app is about to exit.
    """

    def __init__(self, log_file: Path | None, show: ShowError | None = None) -> None:
        self.log_file = log_file
        self._show = show or show_error_dialog
        self._dialog: Any = None
        self._bridge = _ToUiThread()
        self._bridge.error.connect(self._show_once)
        self._previous: tuple[Any, Any] | None = None

    def install(self) -> CrashReporter:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.report
        threading.excepthook = self._report_thread
        return self

    def uninstall(self) -> None:
        if self._previous:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def report(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self._record(exc_type, exc, tb)
        self._bridge.error.emit(error_message(exc, self.log_file))

    def _report_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.report(args.exc_type, args.exc_value, args.exc_traceback)

    def _record(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if self.log_file is not None:
            log.error("unhandled error", exc_info=(exc_type, exc, tb))
        if _has_terminal():
            # A terminal is attached: the traceback belongs there too.
            traceback.print_exception(exc_type, exc, tb, file=sys.stderr)

    def _show_once(self, message: str) -> None:
        if self._dialog is not None and _visible(self._dialog):
            return  # one dialog at a time; a repeating error is in the log each time
        self._dialog = self._show(message, False)

    def __enter__(self) -> CrashReporter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        if exc_type is None or exc is None:
            # When the event loop runs, the window is on screen (the start-up benchmark reads it).
            QTimer.singleShot(0, lambda: log.info(FIRST_WINDOW_MESSAGE))
            return False
        if not issubclass(exc_type, KeyboardInterrupt):
            self._record(exc_type, exc, tb)
            self._show(error_message(exc, self.log_file), True)
        return False  # the caller still reports it and exits


def _visible(dialog: Any) -> bool:
    try:
        return bool(dialog.isVisible())
    except (AttributeError, RuntimeError):  # not a widget, or already deleted by Qt
        return False


def install_crash_handling(show: ShowError | None = None) -> CrashReporter:
    """Start the log file when the app has no terminal, and report unhandled errors."""
    log_file = start_logging() if wants_log_file() else None
    return CrashReporter(log_file, show).install()
