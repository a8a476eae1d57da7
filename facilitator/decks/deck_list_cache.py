"""The deck list as the library last read it, so a start can show it before reading any deck.

A start lists the decks from this file when the deck folders hold the same files, and the
opened files are the same files (same size and modification time), as when it was written;
the decks themselves are read once the window is on screen. Anything added, removed or changed,
an older app's file or a damaged one: the start reads the decks, as without it.

Written as a Python literal rather than JSON, which keeps the json module out of the start.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from facilitator import __version__
from facilitator.decks.folder import deck_files

CACHE_FILE = "deck-list.cache"

SAMPLE, OWN, OPENED = "sample", "own", "opened"  # the library's three groups


class ListedDeck(NamedTuple):
    """One row of the deck list."""

    path: Path
    group: str  # SAMPLE, OWN or OPENED
    title: str  # the deck's title, or the file's name when it does not load
    kind: str  # the deck's kind ("rank", "match", "prompts"); "" when it does not load
    cards: int
    colour: str  # its first suit's colour
    error: str  # why the file does not load; "" when it does

    @property
    def loads(self) -> bool:
        return bool(self.kind)


Stamps = dict[str, tuple[int, int]]


def stamps(samples: Path, user: Path, opened: Sequence[Path]) -> Stamps:
    """Each deck file in the two folders, and each opened file there is, with its modification
    time and size: what the list was read from."""
    found: Stamps = {}
    for path in (*deck_files(samples), *deck_files(user), *opened):
        try:
            stat = path.stat()
        except OSError:
            continue  # gone (an opened file on a stick taken out): not in the list either
        found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


def read_list(cache: Path, now: Stamps) -> list[ListedDeck] | None:
    """The rows cached in `cache` when they were read from files stamped as `now`, else None."""
    try:
        saved = ast.literal_eval(cache.read_text(encoding="utf-8"))
        if saved["app"] != __version__ or saved["stamps"] != now:
            return None
        rows = [ListedDeck(Path(row[0]), *row[1:]) for row in saved["decks"]]
    except (OSError, ValueError, TypeError, KeyError, IndexError, SyntaxError, RecursionError):
        return None  # missing, damaged or from another app version: read the decks instead
    if not all(_well_formed(row) for row in rows):
        return None
    return rows


def _well_formed(row: ListedDeck) -> bool:
    return (
        row.group in (SAMPLE, OWN, OPENED)
        and all(isinstance(v, str) for v in (row.title, row.kind, row.colour, row.error))
        and isinstance(row.cards, int)
    )


def write_list(cache: Path, rows: Sequence[ListedDeck], read_from: Stamps) -> None:
    """Keep `rows` for the next start, with the stamps of the files they were read from (taken
    before reading, so a file changed meanwhile makes the next start read it again)."""
    text = repr(
        {
            "app": __version__,
            "stamps": read_from,
            "decks": [(str(row.path), *row[1:]) for row in rows],
        }
    )
    try:
        if cache.read_text(encoding="utf-8") == text:
            return  # the usual rescan after a save: nothing to write
    except (OSError, UnicodeDecodeError):
        pass
    from facilitator.atomic_write import WriteFailed, write_atomic

    try:
        cache.parent.mkdir(parents=True, exist_ok=True)  # a first start: the data folder
        write_atomic(cache, text.encode("utf-8"), durable=False)
    except (WriteFailed, OSError):
        # Only a quicker next start is lost: it reads the decks from their files. A folder the
        # app cannot write to is reported where it matters (saving a deck, the database).
        pass
