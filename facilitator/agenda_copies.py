"""An event's copies of its decks against the decks as they are now in the library.

Each agenda item keeps a copy of its deck as it was when it was added, so what tables recorded
always names the cards they had. When the deck file changes afterwards, the agenda says so; the
copy may be updated while no table has recorded an outcome for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from facilitator.decks.changes import DeckChanges, compare
from facilitator.decks.library import load_entry
from facilitator.decks.model import Deck
from facilitator.errors import InputError
from facilitator.outcomes import AgendaItem
from facilitator.store import Store


@dataclass(frozen=True)
class AgendaCopy:
    item: AgendaItem
    changes: DeckChanges | None  # None: the copy is the deck as it is now (or its file is gone)
    recorded: int  # outcomes tables recorded for the item

    @property
    def stale(self) -> bool:
        return self.changes is not None

    @property
    def can_update(self) -> bool:
        return self.stale and self.recorded == 0


def current_deck(item: AgendaItem) -> Deck | None:
    """The deck the item was copied from, as its file holds it now (None if unknown or gone)."""
    if not item.source:
        return None
    path = Path(item.source)
    if not path.is_file():
        return None
    return load_entry(path).deck


def agenda_copy(store: Store, item: AgendaItem) -> AgendaCopy:
    recorded = len(store.list_outcomes(item_id=item.id))
    now = current_deck(item)
    if now is None:
        return AgendaCopy(item, None, recorded)
    changes = compare(store.deck_of(item.id), now)
    return AgendaCopy(item, None if changes.empty else changes, recorded)


def agenda_copies(store: Store, event_id: str) -> list[AgendaCopy]:
    """Every agenda item of the event with what changed in its deck since it was added."""
    return [agenda_copy(store, item) for item in store.list_agenda(event_id)]


def update_copy(store: Store, item_id: str) -> AgendaItem:
    """Replace the item's copy with its deck as it is now; refused once outcomes name cards."""
    item = store.get_agenda_item(item_id)
    now = current_deck(item)
    if now is None:
        raise InputError(f'the deck of "{item.title}" is no longer in the library to copy again')
    return store.replace_agenda_deck(item_id, now)


def events_using(store: Store, path: Path) -> list[str]:
    """The titles of the events whose agenda holds a copy of the deck file at `path`."""
    wanted = str(path)
    return [
        event.title
        for event in store.list_events()
        if any(item.source == wanted for item in store.list_agenda(event.id))
    ]
