"""Where the app's settings live: in the data folder when one is chosen, else the platform's.

With `--data-dir` (or FACILITATOR_DATA_DIR) the data folder is a sandbox: window places, the
last print options, the report folder and Qt's own file-dialog state are written inside it,
so a trial run, a USB stick or a test leaves nothing behind in the home folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

from facilitator.paths import DATA_DIR_ENV

SETTINGS_FOLDER = "settings"


def chosen_settings_folder() -> Path | None:
    """The settings folder inside a chosen data folder; None when none was chosen."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) / SETTINGS_FOLDER if override else None


def keep_settings_in_data_folder() -> Path | None:
    """Point every QSettings() at the chosen data folder (call before the first QSettings)."""
    folder = chosen_settings_folder()
    if folder is None:
        return None
    # INI files on every platform: on Windows the native format is the registry, outside
    # any folder. On Linux Qt's own settings (QtProject.conf) follow the INI path too.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    return folder
