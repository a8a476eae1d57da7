"""Where things live: the user's data folder, the database, user decks and the bundled files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from facilitator import APP_NAME, ORGANISATION

DATA_DIR_ENV = "FACILITATOR_DATA_DIR"
DB_ENV = "FACILITATOR_DB"
DB_FILE_NAME = "facilitator.db.json"
# Where capture was when the app stopped (capture/resume.py); named here so a start can see
# there is none without loading capture.
RESUME_FILE = "capture-resume.json"


def default_data_dir() -> Path:
    """The platform's application data folder, as Qt's AppDataLocation names it.

    Computed here rather than asked of Qt so the command line works without a GUI;
    a UI test checks the two agree.
    """
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / ORGANISATION / APP_NAME


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else default_data_dir()


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--db PATH`, else FACILITATOR_DB, else the database in the data folder."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(DB_ENV)
    return Path(env) if env else data_dir() / DB_FILE_NAME


def user_decks_dir() -> Path:
    return data_dir() / "decks"


# Where an installed wheel keeps the sample decks (pyproject.toml maps decks/ to it).
PACKAGED_DECKS = Path(__file__).resolve().parent / "sample_decks"


def bundle_root() -> Path:
    """The folder holding `decks/`: the source checkout, or PyInstaller's unpack folder."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def sample_decks_dir() -> Path:
    """The read-only sample decks: inside the package when installed from a wheel, else
    `decks/` in the source checkout (editable installs too) or in the app bundle."""
    if PACKAGED_DECKS.is_dir() and not getattr(sys, "_MEIPASS", None):
        return PACKAGED_DECKS
    return bundle_root() / "decks"
