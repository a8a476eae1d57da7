"""Where a command may write: never over the database, its lock or backups, a deck, or an input."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from facilitator.decks.file import SUFFIX as DECK_SUFFIX
from facilitator.errors import InputError
from facilitator.paths import db_path

# Kept in step with facilitator.store (lock.LOCK_SUFFIX, backups.BACKUPS_SUFFIX); a test checks.
DB_COMPANION_SUFFIXES = (".lock", ".backups")


def check_output(
    path: str | os.PathLike[str], *, inputs: Iterable[str | os.PathLike[str]] = ()
) -> Path:
    """The path, if writing a report, PDF or export there destroys nothing the user keeps.

    Raises InputError with a sentence otherwise. Existing files of other kinds are replaced
    (atomically), as `-o` means everywhere.
    """
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{target}: is a folder; give a file name")
    if not target.parent.is_dir():
        raise InputError(f"{target}: the folder {target.parent} does not exist")
    resolved = target.resolve()
    db = db_path().resolve()
    if resolved == db or resolved == Path(str(db) + DB_COMPANION_SUFFIXES[0]):
        raise InputError(f"{target}: is the Facilitator database; choose another file name")
    backups = Path(str(db) + DB_COMPANION_SUFFIXES[1])
    if backups == resolved or backups in resolved.parents:
        raise InputError(f"{target}: is among the database's backups; choose another place")
    if target.name.endswith(DECK_SUFFIX):
        raise InputError(f"{target}: is a deck file name; choose another name for this output")
    if resolved in {Path(p).resolve() for p in inputs}:
        raise InputError(f"{target}: is one of the input files; choose another name")
    return target
