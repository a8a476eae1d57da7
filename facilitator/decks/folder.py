"""Which files in a folder are decks: the one place the deck file name's ending is written.

Kept apart from the deck format (file.py) so that listing a folder loads nothing else.
"""

from __future__ import annotations

from pathlib import Path

SUFFIX = ".deck.json"


def deck_files(folder: Path) -> list[Path]:
    """The deck files in `folder`, by name; none when it is not a folder."""
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*" + SUFFIX))
