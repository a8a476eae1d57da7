"""Assembles a pack (guide, calibration, card sheets, tent cards, capture sheets) into one PDF.

Every part is a stream of `PageJob`s (a page size and a function that draws the page), so
parts can be combined into one canvas in any order: an event pack is just another list.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from facilitator.decks.model import Card, Deck
from facilitator.print import (
    calibration,
    capture_sheets,
    guide,
    packing_list,
    placement_sheet,
    tent_cards,
)
from facilitator.print.capture_sheets import EventDetails
from facilitator.print.card_renderer import CardPainter
from facilitator.print.fit_text import clip
from facilitator.print.fonts import REGULAR, printable_text
from facilitator.print.options import Duplex, PrintOptions
from facilitator.print.pack_plan import PackPlan, plan_pack
from facilitator.print.pdf_pages import PageJob, Progress, blank_page, pdf_bytes, write_pdf
from facilitator.print.sheet_plan import Face, Mark, MarkKind, Rect, SheetPage

MARK_INK = HexColor("#555555")
MARK_WIDTH_PT = 0.35
CUT_LINE_INK = HexColor("#9a9a9a")
CUT_LINE_WIDTH_PT = 0.2
SLUG_PT = 5.0
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
        if page.cut_lines:
            draw_marks(c, page.cut_lines, CUT_LINE_WIDTH_PT, CUT_LINE_INK)
        if page.marks:
            draw_marks(c, page.marks)
        for p in page.placements:
            ref = p.card
            if p.face == Face.FRONT:
                painter.draw_front(
                    c, p.rect, ref.deck_index, ref.card_index, ref.set_number, p.bleed
                )
            else:
                painter.draw_back(
                    c, p.rect, ref.deck_index, ref.card_index, ref.set_number, p.rotation, p.bleed
                )
        if page.slug and page.slug_box is not None:
            draw_slug(c, page.slug, page.slug_box)

    return PageJob(page.size, draw, trim=page_trim(page))


def page_trim(page: SheetPage) -> tuple[Rect, Rect] | None:
    """The TrimBox (the cards' outer cut) and BleedBox (with their bleed) of a card page."""
    if not page.placements:
        return None
    rects = [p.rect for p in page.placements]
    bleeds = [p.bleed_rect for p in page.placements]
    return _bounds(rects), _bounds(bleeds)


def _bounds(rects: Sequence[Rect]) -> Rect:
    x, y = min(r.x for r in rects), min(r.y for r in rects)
    return Rect(x, y, max(r.right for r in rects) - x, max(r.top for r in rects) - y)


def draw_marks(
    c: Canvas, marks: Sequence[Mark], width: float = MARK_WIDTH_PT, ink: Color = MARK_INK
) -> None:
    c.setStrokeColor(ink)
    c.setLineWidth(width)
    cuts = [(m.x0 * mm, m.y0 * mm, m.x1 * mm, m.y1 * mm) for m in marks if m.kind == MarkKind.CUT]
    folds = [(m.x0 * mm, m.y0 * mm, m.x1 * mm, m.y1 * mm) for m in marks if m.kind != MarkKind.CUT]
    if cuts:
        c.lines(cuts)
    if folds:
        c.saveState()
        c.setDash(1.5, 1.5)
        c.lines(folds)
        c.restoreState()


def draw_slug(c: Canvas, words: Sequence[str], box: Rect) -> None:
    """The sheet's slug (deck · set · sheet n of N · face), small, under the first card; a
    long deck title is shortened so the set and sheet number always show."""
    pt = SLUG_PT
    c.setFillColor(MARK_INK)
    c.setFont(REGULAR, pt)
    deck, rest = printable_text(words[0]), " · ".join(words[1:])
    room = box.w * mm - c.stringWidth(" · " + rest, REGULAR, pt)
    deck = clip(deck, REGULAR, pt, room) if room > pt else ""
    line = clip(f"{deck} · {rest}" if deck else rest, REGULAR, pt, box.w * mm)
    c.drawString(box.x * mm, (box.top - 0.5) * mm - pt * 0.76, line)


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
        yield from single(guide.guide_pages(plan))
    if o.calibration:
        yield from calibration.calibration_pages(o)
    if plan.pouch_layout is not None:
        yield from single([placement_sheet.placement_page(plan)])
    yield from card_sheet_pages(plan, painter)
    if o.packing_list:
        yield from single(packing_list.packing_list_pages(decks, plan))
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
    if options.print_shop:
        jobs: Iterable[PageJob] = print_shop_pages(plan, painter)
        total = sheets = 2 * plan.card_count  # a card's front and back, page by page
    else:
        jobs = pack_pages(decks, plan, painter, notes, event)
        total, sheets = plan.total_pages, plan.total_sheets
    pages = write_pdf(
        jobs,
        out_path,
        title=pack_title(decks, options),
        author=options.author,
        total=total,
        progress=progress,
        duplex=options.duplex,
    )
    warnings = [*plan.warnings, *painter.warning_lines(), *notes]
    return PrintReport(Path(out_path), pages, sheets, tuple(warnings))


def preflight(decks: Sequence[Deck], plan: PackPlan) -> list[str]:
    """Every warning printing would give (text and colour too), without drawing: for
    `--plan` and the print dialog."""
    painter = CardPainter(decks, plan.options)
    for d, deck in enumerate(decks):
        for c in range(len(deck.cards)):
            painter.text_for(d, c)
    return [*plan.warnings, *painter.warning_lines()]


def print_shop_pages(plan: PackPlan, painter: CardPainter) -> Iterator[PageJob]:
    """One card per page at trim size plus bleed, its back on the next page: what a print
    shop's imposition software expects (TrimBox and BleedBox set on every page)."""
    o = plan.options
    b = o.bleed
    cw, ch = o.card_size
    size = (cw + 2 * b, ch + 2 * b)
    card = Rect(b, b, cw, ch)
    sides = (b, b, b, b)
    trim = (card, Rect(0, 0, *size))
    for ref in plan.cards():
        d, c, n = ref.deck_index, ref.card_index, ref.set_number

        def front(canvas: Canvas, d: int = d, c: int = c, n: int = n) -> None:
            painter.draw_front(canvas, card, d, c, n, sides)

        def back(canvas: Canvas, d: int = d, c: int = c, n: int = n) -> None:
            painter.draw_back(canvas, card, d, c, n, 0, sides)

        yield PageJob(size, front, trim=trim)
        yield PageJob(size, back, trim=trim)


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
