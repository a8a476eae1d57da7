"""UI tests: settings live in the test's temporary folder, never the user's."""

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> None:
    # Qt reads XDG_CONFIG_HOME once per process, so point QSettings at this test's folder.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )


@pytest.fixture(autouse=True)
def no_blocking_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A dialog of the app's own (the import preview) is answered with its default button
    rather than waiting for a click that never comes."""
    from facilitator.ui.dialogs import Dialogs

    monkeypatch.setattr(Dialogs, "run", lambda self, dialog: dialog.press_default())


@pytest.fixture
def window(qtbot):  # type: ignore[no-untyped-def]
    """The app's main window, shown, on a fresh data folder."""
    from facilitator.ui.app import create_application
    from facilitator.ui.main_window import MainWindow

    create_application()
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.editor.preview.wait_idle()  # no render may outlive the test
