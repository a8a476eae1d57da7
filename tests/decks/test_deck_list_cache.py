"""The deck list cached for the next start: used only while every file it was read from is the
same file, and never trusted when it is damaged or from another version of the app."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from facilitator import __version__
from facilitator.decks import file as deck_file
from facilitator.decks.deck_list_cache import (
    CACHE_FILE,
    OPENED,
    OWN,
    SAMPLE,
    ListedDeck,
    read_list,
    stamps,
    write_list,
)
from facilitator.decks.editing import new_deck
from facilitator.decks.library import list_decks, load_entry
from facilitator.decks.model import ActivityKind
from tests.conftest import SAMPLE_DECKS


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path, Path]:
    """(sample folder, user folder, the cache file), the user folder holding one deck."""
    samples = tmp_path / "samples"
    shutil.copytree(SAMPLE_DECKS, samples)
    user = tmp_path / "decks"
    user.mkdir()
    deck_file.save(new_deck("Tonight's roles", ActivityKind.MATCH), user / "roles.deck.json")
    return samples, user, tmp_path / CACHE_FILE


def read_and_cache(samples: Path, user: Path, cache: Path, opened: list[Path]) -> list[ListedDeck]:
    """What the decks page does on every read of the library."""
    sources = stamps(samples, user, opened)
    rows = [e.listed() for e in list_decks(samples, user, opened)]
    write_list(cache, rows, sources)
    return rows


def test_the_list_comes_back_as_read_while_no_file_changed(folders, tmp_path: Path) -> None:
    samples, user, cache = folders
    opened = tmp_path / "elsewhere.deck.json"
    deck_file.save(new_deck("From a USB stick", ActivityKind.RANK), opened)
    rows = read_and_cache(samples, user, cache, [opened])

    assert read_list(cache, stamps(samples, user, [opened])) == rows
    assert [r.group for r in rows] == [SAMPLE, SAMPLE, SAMPLE, OWN, OPENED]
    deck = deck_file.load(user / "roles.deck.json")
    assert rows[3] == ListedDeck(
        user / "roles.deck.json",
        OWN,
        deck.title,
        "match",
        len(deck.cards),
        deck.suits[0].colour,
        "",
    )


@pytest.mark.parametrize("change", ["edited", "added", "removed", "renamed"])
def test_a_deck_file_changed_since_means_the_decks_are_read_again(folders, change: str) -> None:
    samples, user, cache = folders
    read_and_cache(samples, user, cache, [])
    mine = user / "roles.deck.json"
    if change == "edited":
        deck_file.save(new_deck("Tonight's roles, edited", ActivityKind.MATCH), mine)
    elif change == "added":
        deck_file.save(new_deck("Another", ActivityKind.RANK), user / "another.deck.json")
    elif change == "removed":
        mine.unlink()
    else:
        mine.rename(user / "renamed.deck.json")
    assert read_list(cache, stamps(samples, user, [])) is None


def test_a_file_rewritten_with_the_same_size_is_seen_by_its_time(folders) -> None:
    samples, user, cache = folders
    read_and_cache(samples, user, cache, [])
    mine = user / "roles.deck.json"
    when = mine.stat().st_mtime_ns
    os.utime(mine, ns=(when + 1_000_000, when + 1_000_000))
    assert read_list(cache, stamps(samples, user, [])) is None


def test_an_opened_file_that_appears_means_the_decks_are_read_again(
    folders, tmp_path: Path
) -> None:
    samples, user, cache = folders
    later = tmp_path / "later.deck.json"  # remembered as opened, missing at the last read
    read_and_cache(samples, user, cache, [later])
    deck_file.save(new_deck("Back on the stick", ActivityKind.RANK), later)
    assert read_list(cache, stamps(samples, user, [later])) is None


def test_an_unreadable_deck_is_listed_as_unreadable_with_its_reason(folders) -> None:
    samples, user, cache = folders
    broken = user / "broken.deck.json"
    broken.write_text("{ not json", encoding="utf-8")
    rows = read_and_cache(samples, user, cache, [])
    row = next(r for r in rows if r.path == broken)
    assert not row.loads
    assert row.title == "broken.deck.json"
    assert row.error == load_entry(broken).error and row.error
    assert read_list(cache, stamps(samples, user, [])) == rows


@pytest.mark.parametrize(
    "text",
    [
        "",
        "{ not a literal",
        "<deck-list>&amp;</deck-list>",
        "__import__('os').system('echo no')",
        "[" * 100_000 + "]" * 100_000,
        "{'app': '0.1.0'}",
        "{'app': '0.1.0', 'stamps': {}, 'decks': [('/x.deck.json', 'nowhere', 't', 'rank', 1, '#000000', '')]}",
        "{'app': '0.1.0', 'stamps': {}, 'decks': [('/x.deck.json', 'own', 't', 'rank', 'many', '#000000', '')]}",
        "{'app': '0.1.0', 'stamps': {}, 'decks': [('/x.deck.json', 'own')]}",
    ],
    ids=["empty", "cut", "markup", "code", "nested", "no-decks", "group", "count", "short"],
)
def test_a_damaged_cache_is_never_trusted(tmp_path: Path, text: str) -> None:
    cache = tmp_path / CACHE_FILE
    cache.write_text(text.replace("0.1.0", __version__), encoding="utf-8")
    assert read_list(cache, {}) is None


def test_a_cache_from_another_version_of_the_app_is_not_trusted(folders) -> None:
    samples, user, cache = folders
    read_and_cache(samples, user, cache, [])
    cache.write_text(
        cache.read_text(encoding="utf-8").replace(repr(__version__), "'0.0.1'", 1),
        encoding="utf-8",
    )
    assert read_list(cache, stamps(samples, user, [])) is None


def test_no_cache_and_an_unwritable_folder_only_mean_reading_the_decks(folders) -> None:
    samples, user, cache = folders
    assert read_list(cache, stamps(samples, user, [])) is None
    blocked = user / "roles.deck.json" / CACHE_FILE  # a "folder" that is a file
    write_list(blocked, [], stamps(samples, user, []))  # no exception: nothing was lost
    assert not blocked.exists()


def test_an_unchanged_list_is_not_written_again(folders) -> None:
    samples, user, cache = folders
    read_and_cache(samples, user, cache, [])
    written = cache.stat().st_mtime_ns
    os.utime(cache, ns=(written - 5_000_000_000, written - 5_000_000_000))
    read_and_cache(samples, user, cache, [])
    assert cache.stat().st_mtime_ns == written - 5_000_000_000
