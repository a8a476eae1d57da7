"""Store fixtures: every store test runs on TinyDB's MemoryStorage and on AtomicJSONStorage."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from facilitator.decks import file as deck_file
from facilitator.decks.model import Deck
from facilitator.outcomes import AgendaItem, Event, Table
from facilitator.store import Store
from tests.conftest import SAMPLE_DECKS


@pytest.fixture(scope="session")
def rank_deck() -> Deck:
    return deck_file.load(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")


@pytest.fixture(scope="session")
def match_deck() -> Deck:
    return deck_file.load(SAMPLE_DECKS / "pmo-role-activities.deck.json")


@pytest.fixture(scope="session")
def prompts_deck() -> Deck:
    return deck_file.load(SAMPLE_DECKS / "pmo-flashmob-prompts.deck.json")


@pytest.fixture
def db_file(data_dir: Path) -> Path:
    return data_dir / "facilitator.db.json"


@pytest.fixture(params=["memory", "file"])
def store(request: pytest.FixtureRequest, db_file: Path) -> Iterator[Store]:
    """A writable store on each storage: the tests must pass on both."""
    opened = Store.in_memory() if request.param == "memory" else Store.open(db_file)
    assert opened.writable
    yield opened
    opened.close()


@dataclass
class Evening:
    """The seed story's evening: three tables, a hierarchy, a matching and the prompts."""

    event: Event
    tables: list[Table]
    rank: AgendaItem
    match: AgendaItem
    prompts: AgendaItem


def plan_evening(store: Store, rank_deck: Deck, match_deck: Deck, prompts_deck: Deck) -> Evening:
    event = store.create_event(
        title="PMO Flashmob Birmingham",
        series="PMO Flashmob",
        starts="2015-08-20T18:30",
        venue="Le Truc, the Arcadian",
        table_count=3,
    )
    return Evening(
        event=event,
        tables=store.list_tables(event.id),
        rank=store.add_agenda_item(event.id, rank_deck, timebox_minutes=20),
        match=store.add_agenda_item(event.id, match_deck, timebox_minutes=20),
        prompts=store.add_agenda_item(event.id, prompts_deck, timebox_minutes=45),
    )


@pytest.fixture
def evening(store: Store, rank_deck: Deck, match_deck: Deck, prompts_deck: Deck) -> Evening:
    return plan_evening(store, rank_deck, match_deck, prompts_deck)


class Clock:
    """A fake clock that ticks a second per reading, shared by both laptops of a merge test,
    so "newer" is under the test's control."""

    def __init__(self) -> None:
        self.now = datetime(2015, 8, 20, 18, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def alice(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    with Store.open(tmp_path / "alice.json", device_id="alice-laptop", clock=clock) as store:
        yield store


@pytest.fixture
def bob(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    with Store.open(tmp_path / "bob.json", device_id="bob-laptop", clock=clock) as store:
        yield store
