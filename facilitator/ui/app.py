"""Start the desktop app: check the platform, create the QApplication, show the main window."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from facilitator import APP_NAME, ORGANISATION, __version__
from facilitator.paths import bundle_root
from facilitator.ui.platform_check import display_problem, platform_failure_hint
from facilitator.ui.settings_location import keep_settings_in_data_folder

ICON_FILE = "facilitator.png"
LISTEN_AFTER_MS = 250

# Platform plugins that cannot honour a window hint say so; nothing the user can act on.
IGNORED_QT_MESSAGES = ("This plugin does not support",)


def install_qt_message_filter() -> None:
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        hint = platform_failure_hint(message)
        if hint:
            print(f"facilitator: {hint}", file=sys.stderr)
            # Qt would print its plugin list and abort; one sentence is all the user needs.
            os._exit(1)
        if message.startswith(IGNORED_QT_MESSAGES):
            return
        # Qt's warnings are for developers ("could not connect to display" comes just before
        # the failure above, which says it better); only its errors reach the terminal.
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            print(f"Qt: {message}", file=sys.stderr)

    qInstallMessageHandler(handler)


# Not type-checked below: returns QApplication, which is imported lazily for start-up speed.
def create_application(argv: list[str] | None = None):  # type: ignore[no-untyped-def]
    """The QApplication with our names set, so QStandardPaths and QSettings find our folders."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from facilitator.ui.pyside_import_hook import make_import_hook_cheaper

    make_import_hook_cheaper()  # before the window's modules load
    # Background jobs (previews, PDFs) run Python too; a short switch interval keeps them from
    # holding the interpreter for 5 ms each time the UI thread returns from a Qt call.
    sys.setswitchinterval(0.0005)
    keep_settings_in_data_folder()
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or [sys.argv[0]])
    app.setApplicationDisplayName(APP_NAME)
    icon = bundle_root() / ICON_FILE  # drawn by build/app_icon.py into the app bundle
    if icon.is_file():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    return app


# Not type-checked below: returns the QApplication and window, both imported lazily.
def start_app(files: Sequence[str] = ()):  # type: ignore[no-untyped-def]
    """The application and its shown main window, or None when the app already runs on this
    data folder and took `files` (its window came forward and opened them)."""
    # Starting makes only objects that live as long as the app (modules, classes, Qt's enums,
    # the window), so the cycle collector would walk them again and again for nothing: it is
    # off until the window shows, then they are set aside from later collections.
    gc.disable()
    try:
        app = create_application(sys.argv[:1])
        from facilitator.ui.single_instance import (
            InstanceServer,
            hand_over,
            instance_name,
            might_be_running,
        )

        paths = [Path(f) for f in files]
        name = instance_name()
        if might_be_running(name) and hand_over(name, paths):
            return None
        from PySide6.QtCore import QTimer

        from facilitator.ui.main_window import MainWindow

        window = MainWindow()
        window.show()
        gc.freeze()
    finally:
        gc.enable()

    def listen() -> None:
        # Once the window is up: later launches find it here and hand it their files.
        window.instance_server = InstanceServer(name, window.open_from_launch)

    # A moment after the window is up (loading Qt's network module is not what a start waits
    # for); a launch within that moment opens a read-only window, as before this existed.
    QTimer.singleShot(LISTEN_AFTER_MS, listen)
    if paths:
        window.open_from_launch(paths)
    return app, window


def run_app(files: Sequence[str] = ()) -> int:
    """Open the app's window, or, when it already runs on this data folder, hand it `files`."""
    problem = display_problem()
    if problem:
        print(f"facilitator: {problem}", file=sys.stderr)
        return 1
    install_qt_message_filter()
    create_application(sys.argv[:1])
    from facilitator.ui.crash_handling import install_crash_handling

    with install_crash_handling():  # a log file when frozen; errors show a dialog naming it
        started = start_app(files)
        if started is None:
            return 0
        app, window = started
    code = int(app.exec())
    if window.instance_server is not None:
        window.instance_server.close()
    return code
