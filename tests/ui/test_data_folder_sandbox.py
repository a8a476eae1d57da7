"""`--data-dir` is a sandbox: a whole session writes inside that folder and nowhere in home."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT, SAMPLE_DECKS

# A real start through `facilitator --data-dir DIR` (cli.main, then run_app); once the window
# is up it does what a facilitator does in a first session, through the app's own code:
# opens a deck from elsewhere, uses a file dialog, opens the Events and Reports pages (the
# database), remembers a report folder and print options, then quits with the window moved.
SESSION = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from facilitator.ui import main_window

shown = main_window.MainWindow.show

def drive(window):
    window.decks_page.open_deck_file(Path(sys.argv[2]))
    dialog = QFileDialog(window, "Save the report", str(Path(sys.argv[1])))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.show()
    dialog.done(0)
    dialog.deleteLater()
    window.nav.setCurrentRow(1)
    window.events_page.session.store().create_event(title="Trial", series="Trial", table_count=2)
    window.nav.setCurrentRow(2)
    from PySide6.QtCore import QSettings
    from facilitator.ui import print_dialog, reports_page
    QSettings().setValue(reports_page.FOLDER_SETTING, sys.argv[1])
    QSettings().setValue(print_dialog.SETTINGS_KEY, {"sets": "4"})
    window.move(window.x() + 30, window.y() + 20)
    window.close()

def show(self):
    shown(self)
    QTimer.singleShot(0, lambda: drive(self))

main_window.MainWindow.show = show
from facilitator.cli import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if not p.is_dir())


def test_a_session_with_a_data_folder_leaves_nothing_in_the_home_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    data = tmp_path / "data"
    elsewhere = tmp_path / "elsewhere.deck.json"
    elsewhere.write_bytes((SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json").read_bytes())
    # Home as a desktop session gives it: no XDG_* overrides, so Qt's defaults point into it.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("XDG_", "FACILITATOR_")) and k != "HOME"
    }
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO_ROOT))
    result = subprocess.run(
        [sys.executable, "-c", SESSION, str(data), str(elsewhere)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr

    assert files_under(home) == []
    written = files_under(data)
    assert "facilitator.db.json" in written
    settings = configparser.RawConfigParser()
    settings.read(data / "settings" / "Facilitator" / "Facilitator.ini", "utf-8")
    # The window's place on this screen (window/geometry/<screen>).
    assert any(key.startswith("geometry") for key in settings.options("window"))
    assert settings.has_option("print", "last-options")
    assert settings.get("reports", "folder") == str(data)
    assert str(elsewhere) in (data / "settings" / "Facilitator" / "Facilitator.ini").read_text(
        "utf-8"
    )
    # Qt's own file-dialog state (QtProject.conf) follows the settings into the data folder.
    assert (data / "settings" / "QtProject.conf").is_file()
