"""Assembles a pack (guide, calibration, card sheets, tent cards, capture sheets) into one PDF.

Every part is a stream of `PageJob`s (a page size and a function that draws the page), so
parts can be combined into one canvas in any order: an event pack is just another list.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from facilitator.decks.model import Card, Deck
from facilitator.print import calibration, capture_sheets, guide, tent_cards
from facilitator.print.capture_sheets import EventDetails
from facilitator.print.card_renderer import CardPainter
from facilitator.print.options import Duplex, PrintOptions
from facilitator.print.pack_plan import PackPlan, plan_pack
from facilitator.print.pdf_pages import PageJob, Progress, blank_page, pdf_bytes, write_pdf
from facilitator.print.sheet_plan import Face, Mark, Rect, SheetPage

MARK_INK = HexColor("#555555")
MARK_WIDTH_PT = 0.35
PREVIEW_PAD_MM = 4.0


@dataclass(frozen=True)
class PrintReport:
    """What `render_pack` wrote, and what the user should know (overflow, missing glyphs)."""

    path: Path
    pages: int
    sheets: int
    warnings: tuple[str, ...]


def card_page_job(page: SheetPage, painter: CardPainter) -> PageJob:
    def draw(c: Canvas) -> None:
        if page.marks:
            draw_marks(c, page.marks)
        for p in page.placements:
            ref = p.card
            if p.face == Face.FRONT:
                painter.draw_front(c, p.rect, ref.deck_index, ref.card_index, ref.set_number)
            else:
                painter.draw_back(
                    c, p.rect, ref.deck_index, ref.card_index, ref.set_number, p.rotation
                )

    return PageJob(page.size, draw)


def draw_marks(c: Canvas, marks: Sequence[Mark]) -> None:
    c.setStrokeColor(MARK_INK)
    c.setLineWidth(MARK_WIDTH_PT)
    c.lines([(m.x0 * mm, m.y0 * mm, m.x1 * mm, m.y1 * mm) for m in marks])


def card_sheet_pages(plan: PackPlan, painter: CardPainter) -> Iterator[PageJob]:
    for page in plan.card_pages():
        yield card_page_job(page, painter)


def pack_pages(
    decks: Sequence[Deck],
    plan: PackPlan,
    painter: CardPainter,
    notes: list[str],
    event: EventDetails | None = None,
) -> Iterator[PageJob]:
    """Every page of the pack, in the order of `plan.sections`."""
    o = plan.options
    duplex = o.duplex != Duplex.NONE

    def single(jobs: Iterable[PageJob]) -> Iterator[PageJob]:
        for job in jobs:
            yield job
            if duplex:
                yield blank_page(job.size)

    if o.guide:
        yield from single([guide.guide_page(plan)])
    if o.calibration:
        yield from calibration.calibration_pages(o)
    yield from card_sheet_pages(plan, painter)
    if o.tent_cards:
        yield from single(tent_cards.tent_card_pages(decks, o, notes))
    if o.capture_sheets:
        yield from single(capture_sheets.capture_sheet_pages(decks, o, event))


def pack_title(decks: Sequence[Deck], options: PrintOptions) -> str:
    if options.title:
        return options.title
    titles = [d.title for d in decks]
    return titles[0] if len(titles) == 1 else f"{titles[0]} and {len(titles) - 1} more"


def render_pack(
    decks: Sequence[Deck],
    options: PrintOptions,
    out_path: str | os.PathLike[str],
    progress: Progress | None = None,
    *,
    event: EventDetails | None = None,
) -> PrintReport:
    """Writes the whole pack to `out_path` (atomically) and reports what needs attention.

    `event`, for an event's pack, puts its title, date and table names on the capture sheets.
    """
    plan = plan_pack(decks, options)
    painter = CardPainter(decks, options)
    notes: list[str] = []
    pages = write_pdf(
        pack_pages(decks, plan, painter, notes, event),
        out_path,
        title=pack_title(decks, options),
        author=options.author,
        total=plan.total_pages,
        progress=progress,
    )
    warnings = [*plan.warnings, *painter.warning_lines(), *notes]
    return PrintReport(Path(out_path), pages, plan.total_sheets, tuple(warnings))


def render_card_pdf(deck: Deck, card: Card, options: PrintOptions, set_number: int = 1) -> bytes:
    """A one-page PDF of one card, front beside back, for a live preview."""
    index = next((i for i, c in enumerate(deck.cards) if c.id == card.id), None)
    if index is None:
        # A card being edited may not be in the deck yet: preview it as if it were.
        deck = Deck(deck.title, deck.kind, deck.instructions, deck.suits, (*deck.cards, card))
        index = len(deck.cards) - 1
    painter = CardPainter([deck], options)
    cw, ch = options.card_size
    pad = PREVIEW_PAD_MM
    size = (2 * cw + 3 * pad, ch + 2 * pad)

    def draw(c: Canvas) -> None:
        painter.draw_front(c, Rect(pad, pad, cw, ch), 0, index, set_number)
        painter.draw_back(c, Rect(2 * pad + cw, pad, cw, ch), 0, index, set_number)

    return pdf_bytes([PageJob(size, draw)], title=f"{card.code} {card.title}")
