"""The deck library: the bundled sample decks and the user's own decks, listed for choosing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from facilitator import deck_file
from facilitator.errors import InputError
from facilitator.model import Deck
from facilitator.paths import sample_decks_dir, user_decks_dir


@dataclass(frozen=True)
class LibraryEntry:
    """One deck file: its deck when it loads, or the sentence saying why it does not."""

    path: Path
    is_sample: bool
    deck: Deck | None
    error: str = ""

    @property
    def title(self) -> str:
        return self.deck.title if self.deck else self.path.name

    @property
    def read_only(self) -> bool:
        # Sample decks ship with the app; users duplicate them to edit.
        return self.is_sample


def _scan(folder: Path, is_sample: bool) -> list[LibraryEntry]:
    if not folder.is_dir():
        return []
    entries = []
    for path in sorted(folder.glob("*" + deck_file.SUFFIX)):
        try:
            entries.append(LibraryEntry(path, is_sample, deck_file.load(path)))
        except InputError as exc:
            entries.append(LibraryEntry(path, is_sample, None, str(exc)))
    return entries


def list_decks(samples: Path | None = None, user: Path | None = None) -> list[LibraryEntry]:
    """Sample decks first, then the user's, each group by title."""
    sample_entries = _scan(samples or sample_decks_dir(), is_sample=True)
    user_entries = _scan(user or user_decks_dir(), is_sample=False)
    return sorted(sample_entries, key=lambda e: e.title.lower()) + sorted(
        user_entries, key=lambda e: e.title.lower()
    )


def matches(entry: LibraryEntry, query: str) -> bool:
    """Case-insensitive search over the deck title, kind and card titles."""
    words = query.lower().split()
    if not words:
        return True
    haystack = [entry.title.lower()]
    if entry.deck:
        haystack.append(entry.deck.kind.value)
        haystack.extend(c.title.lower() for c in entry.deck.cards)
        haystack.extend(c.code.lower() for c in entry.deck.cards)
    text = "\n".join(haystack)
    return all(word in text for word in words)
