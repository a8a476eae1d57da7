"""The deck library: the bundled sample decks and the user's own decks, listed for choosing."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from facilitator.decks import file as deck_file
from facilitator.decks.deck_list_cache import OPENED, OWN, SAMPLE, ListedDeck
from facilitator.decks.folder import deck_files
from facilitator.decks.model import MAX_TITLE, Deck
from facilitator.errors import InputError
from facilitator.paths import sample_decks_dir, user_decks_dir


@dataclass(frozen=True)
class LibraryEntry:
    """One deck file: its deck when it loads, or the sentence saying why it does not."""

    path: Path
    is_sample: bool
    deck: Deck | None
    error: str = ""
    is_external: bool = False  # opened from elsewhere on disk, edited in place

    @property
    def title(self) -> str:
        return self.deck.title if self.deck else self.path.name

    @property
    def read_only(self) -> bool:
        # Sample decks ship with the app; users duplicate them to edit.
        return self.is_sample

    def listed(self) -> ListedDeck:
        """Its row in the deck list."""
        group = SAMPLE if self.is_sample else OPENED if self.is_external else OWN
        if self.deck is None:
            return ListedDeck(self.path, group, self.path.name, "", 0, "", self.error)
        deck = self.deck
        return ListedDeck(
            self.path, group, deck.title, deck.kind.value, len(deck.cards), deck.suits[0].colour, ""
        )


# Parsed decks by (path, mtime, size): rescanning the folder after every autosave must not
# re-read every deck in it.
_loaded: dict[tuple[Path, int, int], tuple[Deck | None, str]] = {}


def load_entry(path: Path, is_sample: bool = False, is_external: bool = False) -> LibraryEntry:
    try:
        stat = path.stat()
        key = (path, stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = None
    if key is None or key not in _loaded:
        try:
            result: tuple[Deck | None, str] = (deck_file.load(path), "")
        except InputError as exc:
            result = (None, str(exc))
        if key is not None:
            _loaded[key] = result
    else:
        result = _loaded[key]
    deck, error = result
    return LibraryEntry(path, is_sample, deck, error, is_external=is_external)


def remember_saved(path: Path, deck: Deck) -> None:
    """Tell the library what a file it is about to rescan holds, since we just wrote it."""
    try:
        stat = path.stat()
    except OSError:
        return
    _loaded[(path, stat.st_mtime_ns, stat.st_size)] = (deck, "")


def _scan(folder: Path, is_sample: bool) -> list[LibraryEntry]:
    return [load_entry(p, is_sample) for p in deck_files(folder)]


def list_decks(
    samples: Path | None = None, user: Path | None = None, opened: Sequence[Path] = ()
) -> list[LibraryEntry]:
    """Sample decks, then the user's, then files opened from elsewhere; each group by title."""
    sample_entries = _scan(samples or sample_decks_dir(), is_sample=True)
    user_folder = user or user_decks_dir()
    user_entries = _scan(user_folder, is_sample=False)
    known = {e.path.resolve() for e in (*sample_entries, *user_entries)}
    external = [
        load_entry(p, is_external=True)
        for p in dict.fromkeys(opened)
        if p.exists() and p.resolve() not in known
    ]

    def by_title(entries: list[LibraryEntry]) -> list[LibraryEntry]:
        return sorted(entries, key=lambda e: e.title.lower())

    return by_title(sample_entries) + by_title(user_entries) + by_title(external)


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


TRASH_FOLDER = ".trash"


def free_path(folder: Path, title: str) -> Path:
    """A file name for `title` in `folder` that no other deck uses (`roles-2.deck.json`...)."""
    base = deck_file.file_name_for(title).removesuffix(deck_file.SUFFIX)
    candidate = folder / (base + deck_file.SUFFIX)
    n = 2
    while candidate.exists():
        candidate = folder / f"{base}-{n}{deck_file.SUFFIX}"
        n += 1
    return candidate


_NUMBERED = re.compile(r"^(?P<base>.*?) \((?:(?P<label>[^()]*?) ?)?(?P<n>\d+)?\)$")


def distinct_title(title: str, taken: Iterable[str], label: str = "") -> str:
    """`title`, or with a suffix no deck in `taken` has: "Roles (2)", or with a label
    "Roles (copy)", "Roles (copy 2)". An earlier suffix is replaced, not stacked."""
    used = {t.strip().casefold() for t in taken}
    title = title.strip()
    if title.casefold() not in used and not label:
        return title
    match = _NUMBERED.match(title)
    base = title
    # "Roles (copy)" copied again is "Roles (copy 2)", and "Roles (2)" imported again is
    # "Roles (3)"; but "Meeting (2020)" keeps its year.
    if (
        match
        and (match.group("label") or "") == label
        and (label or match.group("base").casefold() in used)
    ):
        base = match.group("base")
    for n in range(1 if label else 2, 10_000):
        number = "" if n == 1 else str(n)
        suffix = f" ({' '.join(part for part in (label, number) if part)})"
        candidate = base[: MAX_TITLE - len(suffix)].rstrip() + suffix
        if candidate.casefold() not in used:
            return candidate
    return title  # ten thousand namesakes: the file names still differ


def library_titles(folder: Path | None = None) -> list[str]:
    """The titles of the sample decks and of the decks in `folder` (the user's by default)."""
    return [e.title for e in list_decks(user=folder)]


def add_deck(deck: Deck, folder: Path | None = None) -> Path:
    """Save a new deck into the user's deck folder under a free name; returns its path.

    A title another deck in the library has gets a number ("Roles (2)"), so a second import
    of the same file, or a new deck named like a sample, can be told apart in the list.
    """
    target = folder or user_decks_dir()
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the deck folder {target}: {exc.strerror}") from None
    deck = replace(deck, title=distinct_title(deck.title, library_titles(target)))
    path = free_path(target, deck.title)
    deck_file.save(deck, path)
    return path


def duplicate_deck(entry: LibraryEntry, folder: Path | None = None) -> Path:
    """A copy of the deck, titled "... (copy)" ("(copy 2)"...), among the user's decks."""
    if entry.deck is None:
        raise InputError(f"{entry.path.name} cannot be read, so it cannot be duplicated")
    taken = [*library_titles(folder), entry.deck.title]
    copy = replace(entry.deck, title=distinct_title(entry.deck.title, taken, label="copy"))
    return add_deck(copy, folder)


def delete_deck(path: Path) -> Path:
    """Move a deck file into the trash folder beside it; returns where it went (for undo)."""
    trash = path.parent / TRASH_FOLDER
    try:
        trash.mkdir(exist_ok=True)
        target = trash / f"{int(time.time() * 1000)}-{path.name}"
        os.replace(path, target)
    except OSError as exc:
        raise InputError(f"cannot delete {path.name}: {exc.strerror}") from None
    return target


def restore_deck(trashed: Path, original: Path) -> Path:
    """Undo delete_deck; if the name was taken meanwhile, restore beside it under a free name."""
    target = original
    if target.exists():
        deck = deck_file.load(trashed)
        target = free_path(original.parent, deck.title)
    try:
        os.replace(trashed, target)
    except OSError as exc:
        raise InputError(f"cannot restore {original.name}: {exc.strerror}") from None
    return target
