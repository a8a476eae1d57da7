"""One small function per user action on events (Anki's operations layer).

Each writes through the store and then tells every page what changed, carrying the origin so
the page that made the change can skip reloading itself. Field edits that follow typing are
staged (saved within a second, retried on failure) rather than written at once.
"""

from __future__ import annotations

from collections.abc import Sequence

from facilitator.decks.model import Deck
from facilitator.outcomes import AgendaItem, Event, Table
from facilitator.store import Store
from facilitator.ui.store_session import StoreSession


def create_event(
    session: StoreSession,
    *,
    title: str,
    series: str = "",
    starts: str = "",
    venue: str = "",
    table_count: int = 3,
    origin: object = None,
) -> Event:
    event = session.store().create_event(
        title=title, series=series, starts=starts, venue=venue, table_count=table_count
    )
    session.notify_changed(origin)
    return event


def stage_event_field(
    session: StoreSession, *, event_id: str, field: str, value: str, origin: object = None
) -> None:
    """An edit of one event field (title, series, starts, venue, notes), saved soon."""

    def write(store: Store, text: str) -> None:
        store.update_event(event_id, **{field: text})

    session.stage(("event", event_id, field), value, write, origin)


def add_table(session: StoreSession, *, event_id: str, origin: object = None) -> Table:
    table = session.store().add_table(event_id)
    session.notify_changed(origin)
    return table


def rename_table(
    session: StoreSession, *, table_id: str, name: str, origin: object = None
) -> Table:
    table = session.store().update_table(table_id, name=name)
    session.notify_changed(origin)
    return table


def remove_table(session: StoreSession, *, table_id: str, origin: object = None) -> None:
    session.store().remove_table(table_id)
    session.notify_changed(origin)


def add_activity(
    session: StoreSession,
    *,
    event_id: str,
    deck: Deck,
    timebox_minutes: int,
    origin: object = None,
    source: str = "",
) -> AgendaItem:
    """Add a deck to the agenda; the store keeps a snapshot of it as it is now, and the deck
    file it came from (`source`), so the agenda can tell when that file changes."""
    item = session.store().add_agenda_item(
        event_id, deck, timebox_minutes=timebox_minutes, source=source
    )
    session.notify_changed(origin)
    return item


def set_timebox(
    session: StoreSession, *, item_id: str, minutes: int, origin: object = None
) -> AgendaItem:
    item = session.store().update_agenda_item(item_id, timebox_minutes=minutes)
    session.notify_changed(origin)
    return item


def reorder_agenda(
    session: StoreSession, *, event_id: str, item_ids: Sequence[str], origin: object = None
) -> list[AgendaItem]:
    items = session.store().reorder_agenda(event_id, item_ids)
    session.notify_changed(origin)
    return items


def remove_activity(session: StoreSession, *, item_id: str, origin: object = None) -> None:
    session.store().remove_agenda_item(item_id)
    session.notify_changed(origin)


def delete_event(session: StoreSession, *, event_id: str, origin: object = None) -> None:
    """Delete an event with its tables, agenda and outcomes; restore_event brings it back."""
    session.flush()  # an edit waiting for this event is saved first, and deleted with it
    session.store().delete_event(event_id)
    session.notify_changed(origin)


def restore_event(session: StoreSession, *, event_id: str, origin: object = None) -> Event:
    event = session.store().restore_event(event_id)
    session.notify_changed(origin)
    return event


def duplicate_event(
    session: StoreSession, *, event_id: str, starts: str, origin: object = None
) -> Event:
    """The same evening again: tables and agenda copied, a new date, no outcomes."""
    session.flush()
    event = session.store().duplicate_event(event_id, starts=starts)
    session.notify_changed(origin)
    return event


def set_head_count(
    session: StoreSession, *, table_id: str, head_count: int | None, origin: object = None
) -> Table:
    table = session.store().set_head_count(table_id, head_count)
    session.notify_changed(origin)
    return table
