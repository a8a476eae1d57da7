"""An event's print pack: a card set per table, tent cards and capture sheets in one PDF."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from facilitator.decks.model import Deck
from facilitator.errors import InputError
from facilitator.print import EventDetails, PrintOptions, PrintReport, render_pack
from facilitator.reports.build import build_event_report
from facilitator.reports.wording import when
from facilitator.reports.write import suggested_name
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


def suggested_pack_name(store: Store, event_id: str) -> str:
    """The pack's file name, made as the event's report names its own, with "-pack" added.

    `PMO Flashmob Birmingham #2` on 20 August 2015: `pmo-flashmob-birmingham-2-2015-08-20-pack.pdf`,
    beside (never over) the report's `pmo-flashmob-birmingham-2-2015-08-20.pdf`.
    """
    report_pdf = Path(suggested_name(build_event_report(store, event_id), "pdf"))
    return f"{report_pdf.stem}-pack{report_pdf.suffix}"


def event_details(store: Store, event_id: str) -> EventDetails:
    """What the capture sheets print about the event: title, date, venue, each table's name."""
    event = store.get_event(event_id)
    return EventDetails(
        title=event.title,
        when=when(event.starts),
        venue=event.venue,
        tables={t.number: t.name for t in store.list_tables(event_id)},
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
    options = event_pack_options(store, event_id, base)
    return render_pack(decks, options, out_path, event=event_details(store, event_id))
