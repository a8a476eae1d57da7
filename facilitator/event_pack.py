"""An event's print pack: a card set per table, tent cards and capture sheets in one PDF."""

from __future__ import annotations

import os
from dataclasses import replace

from facilitator.errors import InputError
from facilitator.model import Deck
from facilitator.print import PrintOptions, PrintReport, render_pack
from facilitator.store import Store


def event_decks(store: Store, event_id: str) -> list[Deck]:
    """The decks of the event's agenda, as snapshotted, in agenda order."""
    return [store.deck_of(item.id) for item in store.list_agenda(event_id)]


def event_pack_options(
    store: Store, event_id: str, base: PrintOptions | None = None
) -> PrintOptions:
    """`base` (or the defaults) with one set per table, tent cards and capture sheets on."""
    event = store.get_event(event_id)
    tables = store.list_tables(event_id)
    if not tables:
        raise InputError(f'"{event.title}" has no tables; add a table before printing its pack')
    return replace(
        base or PrintOptions(),
        sets=len(tables),
        tent_cards=True,
        capture_sheets=True,
        title=(base.title if base and base.title else f"{event.title}: event pack"),
    )


def print_event_pack(
    store: Store,
    event_id: str,
    out_path: str | os.PathLike[str],
    base: PrintOptions | None = None,
) -> PrintReport:
    """Write the event's pack to `out_path` through the print engine."""
    decks = event_decks(store, event_id)
    if not decks:
        title = store.get_event(event_id).title
        raise InputError(f'"{title}" has no activities; add one to the agenda before printing')
    return render_pack(decks, event_pack_options(store, event_id, base), out_path)
