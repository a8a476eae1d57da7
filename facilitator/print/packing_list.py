"""The packing list: one page per set, the cards (codes, titles, counts) that go in its bag."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from facilitator.decks.model import Deck
from facilitator.print.fit_text import clip
from facilitator.print.fonts import BOLD, REGULAR, printable_text, register_fonts
from facilitator.print.pdf_pages import PageJob
from facilitator.print.set_shapes import draw_shape
from facilitator.set_marks import set_colour, set_colour_name, set_label, set_shape_name
from facilitator.wording import plural

if TYPE_CHECKING:  # the plan counts these pages; this module only needs its type
    from facilitator.print.pack_plan import PackPlan

EDGE_MM = 12.0  # from every paper edge: well clear of the 3 mm no-print band
INK = HexColor("#1b1b1b")
QUIET = HexColor("#5a5a5a")
TEXT_PT = 8.0
LEADING = 1.35
COLUMN_GAP_MM = 8.0
MIN_COLUMN_MM = 60.0
HEAD_MM = 22.0  # the set's name and the note above the rows


@cache
def _shown(text: str, font: str, size: float, width: float) -> str:
    """`text` as printed on one line of `width`; cached, as every set's list repeats it."""
    return clip(printable_text(text), font, size, width)


def list_lines(
    decks: Sequence[Deck], copies: Sequence[Sequence[int]]
) -> list[tuple[str, str, int]]:
    """(code or deck heading, title, count) rows of one set's list; count 0 marks a heading."""
    rows: list[tuple[str, str, int]] = []
    for d, deck in enumerate(decks):
        cards = [(card, n) for card, n in zip(deck.cards, copies[d], strict=True) if n]
        if not cards:
            continue
        rows.append((deck.title, plural(sum(n for _, n in cards), "card"), 0))
        rows.extend((card.code, card.title, n) for card, n in cards)
    return rows


@dataclass(frozen=True)
class ListFrame:
    """Where a packing list's rows go on a page of this size (points)."""

    width: float
    height: float
    columns: int
    column_width: float
    per_column: int

    @property
    def per_page(self) -> int:
        return self.columns * self.per_column


def list_frame(size: tuple[float, float]) -> ListFrame:
    w, h = size[0] * mm, size[1] * mm
    edge = EDGE_MM * mm
    gap = COLUMN_GAP_MM * mm
    top = h - edge - HEAD_MM * mm
    per_column = max(1, int((top - edge) // (TEXT_PT * LEADING)))
    columns = max(1, int((w - 2 * edge + gap) // (MIN_COLUMN_MM * mm + gap)))
    col_w = (w - 2 * edge - (columns - 1) * gap) / columns
    return ListFrame(w, h, columns, col_w, per_column)


def pages_per_set(
    decks: Sequence[Deck], copies: Sequence[Sequence[int]], size: tuple[float, float]
) -> int:
    """A set's list runs onto as many pages as its rows need: nothing is left off."""
    rows = len(list_lines(decks, copies))
    return max(1, math.ceil(rows / list_frame(size).per_page))


def packing_list_pages(decks: Sequence[Deck], plan: PackPlan) -> Iterator[PageJob]:
    register_fonts()
    size = plan.options.paper_size
    rows = list_lines(decks, plan.copies)
    frame = list_frame(size)
    chunks = [rows[i : i + frame.per_page] for i in range(0, len(rows), frame.per_page)] or [[]]
    for n in plan.options.set_numbers:
        for page, chunk in enumerate(chunks, start=1):

            def draw(
                c: Canvas,
                n: int = n,
                chunk: list[tuple[str, str, int]] = chunk,
                page: int = page,
            ) -> None:
                _draw(c, frame, n, chunk, plan, (page, len(chunks)))

            yield PageJob(size, draw)


def _draw(
    c: Canvas,
    frame: ListFrame,
    number: int,
    rows: list[tuple[str, str, int]],
    plan: PackPlan,
    page: tuple[int, int],
) -> None:
    w, h = frame.width, frame.height
    edge = EDGE_MM * mm
    colour = HexColor(set_colour(number))
    draw_shape(c, set_shape_name(number), edge + 5 * mm, h - edge - 5 * mm, 4.5 * mm, colour)
    c.setFillColor(INK)
    c.setFont(BOLD, 16)
    title = f"{set_label(number)} · {set_colour_name(number).lower()} {set_shape_name(number)}"
    c.drawString(edge + 12 * mm, h - edge - 8 * mm, clip(title, BOLD, 16, w - 2 * edge - 12 * mm))
    c.setFont(REGULAR, 9)
    c.setFillColor(QUIET)
    total = plan.cards_per_set
    note = f"Packing list: {plural(total, 'card')} in this set's bag. Tick each as it goes in."
    if page[1] > 1:
        note = f"Page {page[0]} of {page[1]}. {note}"
    c.drawString(edge, h - edge - 16 * mm, clip(note, REGULAR, 9, w - 2 * edge))
    top = h - edge - HEAD_MM * mm
    line = TEXT_PT * LEADING
    gap = COLUMN_GAP_MM * mm
    col_w = frame.column_width
    for i, (code, title, count) in enumerate(rows):
        col, row = divmod(i, frame.per_column)
        x = edge + col * (col_w + gap)
        y = top - row * line - TEXT_PT
        if count == 0:
            c.setFillColor(INK)
            c.setFont(BOLD, TEXT_PT)
            c.drawString(x, y, _shown(f"{code} ({title})", BOLD, TEXT_PT, col_w))
            continue
        c.setStrokeColor(QUIET)
        c.setLineWidth(0.5)
        c.rect(x, y - 0.5, TEXT_PT * 0.8, TEXT_PT * 0.8, stroke=1, fill=0)
        c.setFillColor(INK)
        c.setFont(BOLD, TEXT_PT)
        c.drawString(x + TEXT_PT * 1.4, y, code)
        c.setFont(REGULAR, TEXT_PT)
        count_text = f"×{count}"
        room = col_w - TEXT_PT * 5.6 - c.stringWidth(count_text, REGULAR, TEXT_PT) - 4
        c.drawString(x + TEXT_PT * 5.2, y, _shown(title, REGULAR, TEXT_PT, room))
        c.drawRightString(x + col_w, y, count_text)
