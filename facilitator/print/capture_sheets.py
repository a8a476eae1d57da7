"""Table capture sheets: the paper fallback for recording what a table decided.

One sheet (or more, for big decks) per table per activity, in the table's set colour:
blanks for the agreed order, a tick grid for a matching, verdict boxes for prompts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from facilitator.model import ActivityKind, Card, Deck
from facilitator.print.fit_text import unit_width, wrap
from facilitator.print.fonts import BOLD, REGULAR, printable_text, register_fonts
from facilitator.print.options import PrintOptions
from facilitator.print.pdf_pages import PageJob
from facilitator.set_marks import set_colour, set_label

MARGIN_MM = 15.0
BAND_MM = 13.0
FOOTER_MM = 10.0
RANK_PER_PAGE = 20
MATCH_ROWS_PER_PAGE = 18
MATCH_MAX_COLUMNS = 14  # more targets than this: write-in lines instead of a tick grid
PROMPTS_PER_PAGE = 4
VERDICTS = ("Agreed", "Divided", "No consensus", "Not discussed")
INK = HexColor("#1b1b1b")
QUIET = HexColor("#5a5a5a")
RULE = HexColor("#9a9a9a")
SHADE = HexColor("#f1f3f5")


def _targets_items(deck: Deck) -> tuple[tuple[Card, ...], tuple[Card, ...]]:
    """Match decks: cards of the first suit are the targets, the rest are the items."""
    first = deck.suits[0].name if deck.suits else ""
    return deck.cards_of(first), tuple(c for c in deck.cards if c.suit != first)


def _chunks(deck: Deck) -> list[tuple[Card, ...]]:
    if deck.kind == ActivityKind.RANK:
        size, cards = RANK_PER_PAGE, deck.cards
    elif deck.kind == ActivityKind.MATCH:
        size, cards = MATCH_ROWS_PER_PAGE, _targets_items(deck)[1]
    else:
        size, cards = PROMPTS_PER_PAGE, deck.cards
    pages = max(1, math.ceil(len(cards) / size))
    return [tuple(cards[i * size : (i + 1) * size]) for i in range(pages)]


def page_count(deck: Deck) -> int:
    """How many pages one table's capture sheet for `deck` takes."""
    return len(_chunks(deck))


def capture_sheet_pages(decks: Sequence[Deck], options: PrintOptions) -> Iterator[PageJob]:
    """For each set (table), for each deck: its capture sheet pages."""
    register_fonts()
    size = options.paper_size
    for set_number in range(1, options.sets + 1):
        for deck in decks:
            chunks = _chunks(deck)
            for page, chunk in enumerate(chunks, start=1):
                body = _BODIES[deck.kind]
                yield PageJob(size, _page(deck, chunk, set_number, page, len(chunks), size, body))


Body = Callable[[Canvas, Deck, tuple[Card, ...], float, float, float, float], None]


def _page(
    deck: Deck,
    chunk: tuple[Card, ...],
    set_number: int,
    page: int,
    pages: int,
    size: tuple[float, float],
    body: Body,
) -> Callable[[Canvas], None]:
    def draw(c: Canvas) -> None:
        w, h = size[0] * mm, size[1] * mm
        m = MARGIN_MM * mm
        top = _header(c, deck, set_number, w, h)
        _footer(c, deck, set_number, page, pages, w)
        body(c, deck, chunk, m, m + FOOTER_MM * mm, w - 2 * m, top)

    return draw


def _header(c: Canvas, deck: Deck, set_number: int, w: float, h: float) -> float:
    m = MARGIN_MM * mm
    band = BAND_MM * mm
    c.setFillColor(HexColor(set_colour(set_number)))
    c.roundRect(m, h - m - band, w - 2 * m, band, 3 * mm, stroke=0, fill=1)
    c.setFillColor(white)
    c.setFont(BOLD, 15)
    baseline = h - m - band / 2 - 5.3
    c.drawString(m + 5 * mm, baseline, f"{set_label(set_number).upper()}   ·   TABLE")
    c.setLineWidth(0.8)
    c.setStrokeColor(white)
    start = m + 5 * mm + unit_width(f"{set_label(set_number).upper()}   ·   TABLE ", BOLD) * 15
    c.line(start + 4, baseline - 2, start + 40 * mm, baseline - 2)
    c.setFont(BOLD, 11)
    c.drawRightString(w - m - 5 * mm, baseline + 1, f"Capture sheet: {deck.kind.label}")
    y = h - m - band - 7 * mm
    c.setFillColor(INK)
    c.setFont(BOLD, 14)
    title = wrap(printable_text(deck.title), BOLD, 14, w - 2 * m)
    for line in title[:2]:
        c.drawString(m, y, line)
        y -= 17
    c.setFillColor(QUIET)
    c.setFont(REGULAR, 8.5)
    for line in wrap(printable_text(deck.instructions), REGULAR, 8.5, w - 2 * m)[:3]:
        c.drawString(m, y, line)
        y -= 11
    return y - 4 * mm


def _footer(c: Canvas, deck: Deck, set_number: int, page: int, pages: int, w: float) -> None:
    m = MARGIN_MM * mm
    c.setFillColor(QUIET)
    c.setFont(REGULAR, 7.5)
    c.drawString(
        m, m, "Facilitator capture sheet: type it in afterwards, or keep it with the notes."
    )
    c.drawRightString(w - m, m, f"{set_label(set_number)} · page {page} of {pages}")


def _line(c: Canvas, x0: float, y: float, x1: float, colour: Color = RULE) -> None:
    c.setStrokeColor(colour)
    c.setLineWidth(0.5)
    c.line(x0, y, x1, y)


def _box(c: Canvas, x: float, y: float, size: float) -> None:
    c.setStrokeColor(INK)
    c.setLineWidth(0.7)
    c.rect(x, y, size, size, stroke=1, fill=0)


def _card_line(c: Canvas, card: Card, x: float, y: float, width: float, pt: float) -> None:
    c.setFillColor(INK)
    c.setFont(BOLD, pt)
    c.drawString(x, y, card.code)
    c.setFont(REGULAR, pt)
    code_w = 9 * mm
    title = printable_text(card.title)
    while title and unit_width(title, REGULAR) * pt > width - code_w:
        title = title[:-2] + "…"
    c.drawString(x + code_w, y, title)


def _notes(c: Canvas, x: float, bottom: float, width: float, top: float, label: str) -> None:
    if top - bottom < 18 * mm:
        return
    c.setFillColor(INK)
    c.setFont(BOLD, 10)
    c.drawString(x, top - 10, label)
    y = top - 10 - 9 * mm
    while y > bottom + 2 * mm:
        _line(c, x, y, x + width)
        y -= 8 * mm


def _rank_body(
    c: Canvas, deck: Deck, chunk: tuple[Card, ...], x: float, bottom: float, w: float, top: float
) -> None:
    column = (w - 10 * mm) / 2
    c.setFillColor(INK)
    c.setFont(BOLD, 10)
    c.drawString(x, top - 10, "The cards")
    c.drawString(x + column + 10 * mm, top - 10, "The order the table agreed")
    c.setFillColor(QUIET)
    c.setFont(REGULAR, 7.5)
    c.drawString(
        x + column + 10 * mm, top - 21, "Write codes, first at 1; tied cards share a line."
    )
    y = top - 10 - 8 * mm
    for card in chunk:
        _card_line(c, card, x, y, column, 9)
        y -= 7.2 * mm
    rows = len(deck.cards)
    first = deck.cards.index(chunk[0]) + 1 if chunk else 1
    oy = top - 10 - 12 * mm
    for n in range(first, first + len(chunk)):
        if n > rows:
            break
        c.setFillColor(INK)
        c.setFont(BOLD, 9)
        c.drawRightString(x + column + 16 * mm, oy, f"{n}.")
        _line(c, x + column + 18 * mm, oy - 1.5, x + w)
        oy -= 7.2 * mm
    _notes(c, x, bottom, w, min(y, oy) - 4 * mm, "Notes: where the table disagreed, and why")


def _match_body(
    c: Canvas, deck: Deck, chunk: tuple[Card, ...], x: float, bottom: float, w: float, top: float
) -> None:
    targets, _ = _targets_items(deck)
    c.setFillColor(INK)
    c.setFont(BOLD, 10)
    target_suit = deck.suits[0].name if deck.suits else "target"
    y = top - 10 - 9 * mm
    label_w = 68 * mm
    columns = [t.code for t in targets] + ["Nobody"]
    write_in = len(targets) > MATCH_MAX_COLUMNS
    verb = "Write the codes of" if write_in else "Tick"
    c.drawString(x, top - 10, f"{verb} the {target_suit.lower()} cards each card goes with")
    if write_in:
        for card in chunk:
            _card_line(c, card, x, y, label_w, 8.5)
            _line(c, x + label_w + 2 * mm, y - 1.5, x + w)
            y -= 8 * mm
    else:
        col_w = min(14 * mm, (w - label_w) / len(columns))
        c.setFont(BOLD, 7.5)
        for i, name in enumerate(columns):
            c.drawCentredString(x + label_w + (i + 0.5) * col_w, y, name)
        y -= 7 * mm
        box = 4 * mm
        for r, card in enumerate(chunk):
            if r % 2 == 0:
                c.setFillColor(SHADE)
                c.rect(
                    x - 1 * mm,
                    y - 2.6 * mm,
                    label_w + len(columns) * col_w + 2 * mm,
                    7.6 * mm,
                    0,
                    1,
                )
            _card_line(c, card, x, y, label_w - 2 * mm, 8.5)
            for i in range(len(columns)):
                _box(c, x + label_w + (i + 0.5) * col_w - box / 2, y - 1.2 * mm, box)
            y -= 7.6 * mm
    # The key to the column codes.
    y -= 3 * mm
    c.setFillColor(QUIET)
    c.setFont(BOLD, 8)
    c.drawString(x, y, "Key")
    y -= 5 * mm
    half = (w - 6 * mm) / 2
    for i, target in enumerate(targets):
        if y < bottom + 4 * mm:
            c.drawString(x, y, f"… and {len(targets) - i} more: see the cards")
            y -= 5 * mm
            break
        col = i % 2
        _card_line(c, target, x + col * (half + 6 * mm), y, half, 8)
        if col == 1:
            y -= 5 * mm
    if len(targets) % 2:
        y -= 5 * mm
    _notes(c, x, bottom, w, y - 2 * mm, "Notes")


def _prompts_body(
    c: Canvas, deck: Deck, chunk: tuple[Card, ...], x: float, bottom: float, w: float, top: float
) -> None:
    room = top - bottom
    block = room / PROMPTS_PER_PAGE
    y = top
    for card in chunk:
        c.setFillColor(INK)
        c.setFont(BOLD, 10)
        c.drawString(x, y - 10, card.code)
        lines = wrap(printable_text(card.title), BOLD, 10, w - 12 * mm)[:2]
        ty = y - 10
        for line in lines:
            c.drawString(x + 12 * mm, ty, line)
            ty -= 12.5
        vy = ty - 4 * mm
        vx = x + 12 * mm
        c.setFont(REGULAR, 9)
        for verdict in VERDICTS:
            _box(c, vx, vy - 1, 3.6 * mm)
            c.setFillColor(INK)
            c.drawString(vx + 5.5 * mm, vy, verdict)
            vx += 5.5 * mm + unit_width(verdict, REGULAR) * 9 + 8 * mm
        vy -= 8 * mm
        c.drawString(x + 12 * mm, vy, "Votes:   for")
        vote_x = x + 12 * mm + unit_width("Votes:   for ", REGULAR) * 9
        for label in ("against", "unsure"):
            _line(c, vote_x, vy - 1.5, vote_x + 12 * mm, INK)
            c.setFillColor(INK)
            c.drawString(vote_x + 14 * mm, vy, label)
            vote_x += 14 * mm + unit_width(label + " ", REGULAR) * 9
        _line(c, vote_x, vy - 1.5, vote_x + 12 * mm, INK)
        ky = vy - 8 * mm
        c.drawString(x + 12 * mm, ky, "Points raised:")
        ky -= 7 * mm
        while ky > y - block + 5 * mm:
            _line(c, x + 12 * mm, ky, x + w)
            ky -= 7 * mm
        y -= block
        _line(c, x, y + 2 * mm, x + w, INK)


_BODIES: dict[ActivityKind, Body] = {
    ActivityKind.RANK: _rank_body,
    ActivityKind.MATCH: _match_body,
    ActivityKind.PROMPTS: _prompts_body,
}
