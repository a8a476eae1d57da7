"""The print guide: the first page of a pack, saying how to print, laminate and cut it.

It ends with a 100 mm ruler, so the user can check that the printer did not scale the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from facilitator.print.contrast import text_on
from facilitator.print.fit_text import clip, unit_width, wrap
from facilitator.print.fonts import BOLD, REGULAR, printable_text, register_fonts
from facilitator.print.options import Lamination, PackBy
from facilitator.print.pack_plan import PackPlan, Stock, describe_duplex, describe_section
from facilitator.print.pdf_pages import PageJob
from facilitator.print.set_shapes import draw_shape
from facilitator.print.units import format_mm
from facilitator.set_marks import set_colour, set_colour_name, set_label, set_shape_name
from facilitator.wording import join_and, plural

MARGIN_MM = 18.0  # the most the guide keeps from the paper's edge
MIN_EDGE_MM = 8.0  # the least, on small paper: well clear of the 3 mm no-print band
RULER_MM = 100
SHORT_RULER_MM = 50  # on paper too narrow for 100 mm (A6)
RULER_WORDS_PT = 200  # room the ruler's words need beside it; else they go above it
CHIP_PT = 8.5
INK = HexColor("#1b1b1b")
QUIET = HexColor("#5a5a5a")
ACCENT = HexColor("#1f5f8b")
PANEL = HexColor("#eef3f7")
HEADING_PT = 11.0
TEXT_PT = 9.5
LINE = 1.45  # leading as a multiple of the size
CARD_STOCK = "160–250 g/m²"  # stiff enough to play with and to stand as a tent


def guide_page(plan: PackPlan) -> PageJob:
    """The guide's first page (all of it on paper big enough)."""
    return guide_pages(plan)[0]


def _settings(plan: PackPlan) -> list[tuple[str, str]]:
    o = plan.options
    orientation = "landscape" if plan.grid.landscape else "portrait"
    rows = [
        ("Scale", "100 % / Actual size. Not “Fit to page”, not “Shrink to fit”."),
        (
            "Paper",
            f"{o.describe_paper()}, {orientation} for the card sheets; {CARD_STOCK} card "
            "for the cards and tent cards",
        ),
        ("Sides", _sides(plan)),
        ("Colour", "Colour (suits are told apart by colour; sets by colour, shape and number)"),
    ]
    if o.has_backs:
        bx, by = o.back_offset
        rows.append(
            ("Back offset", f"{format_mm(bx)}, {format_mm(by)} mm (see the calibration sheet)")
        )
    return rows


def _sides(plan: PackPlan) -> str:
    o = plan.options
    if not o.has_backs:
        return "One-sided"
    extra = len(plan.sections) > 1
    note = "; one-sided pages come with a blank back" if extra else ""
    return f"The whole file {describe_duplex(o)}{note}"


def _steps(plan: PackPlan) -> list[str]:
    o = plan.options
    steps = [
        "Check the scale first: print the first page and measure the ruler at its foot. It "
        f"must be exactly {frame_for(o.paper_size).ruler_mm} mm; if not, turn off page "
        "scaling in the print dialog.",
    ]
    if o.calibration:
        steps.append(
            "Print the calibration sheet double-sided and read the back offset from it; "
            "if it is not 0,0, print again with that offset."
        )
    if o.fold:
        steps.append(
            "Cut out each pair (a front beside its back) along the marks; fold it on the line "
            "between them, printed side out, and glue or press it flat."
        )
    piece = "folded card" if o.fold else "card"
    if o.laminate == Lamination.SHEET and plan.pouches:
        steps.append(
            f"Laminate each card sheet whole, in {plan.pouches.name} pouches "
            f"({plan.pouches.count} needed), then cut along the marks. The faces are "
            "protected, but every cut edge is bare paper, not sealed: fine for a few dry "
            "evenings; for wet tables choose cut-first pouches."
        )
    elif o.laminate == Lamination.POUCH and plan.pouches and plan.pouch_layout:
        if not o.fold:
            steps.append("Cut out each card along the marks (cards are cut before laminating).")
        steps.append(
            f"Lay each pouch open on the placement sheet, put a {piece} in each of its "
            f"{plan.pouch_layout.per_pouch} outlines ({format_mm(2 * o.seal)} mm apart), "
            f"laminate. {plural(plan.pouches.count, 'pouch', 'pouches')}: "
            f"{plan.pouches.name}."
        )
        steps.append(
            "Cut down the middle of every gap between cards: each card keeps a "
            f"{format_mm(o.seal)} mm sealed border all round."
        )
    elif o.laminate == Lamination.CARD and plan.pouches:
        if not o.fold:
            steps.append("Cut out each card along the marks (cards are cut before laminating).")
        steps.append(
            f"Laminate each {piece} in its own pouch, {plan.pouches.name} "
            f"({plan.pouches.count} needed), then trim leaving "
            f"{format_mm(o.seal)} mm of seal around the card: sealed all round."
        )
    else:
        steps.append("Cut along the marks.")
    steps.append(f"Finished cards: {o.describe_finished()}.")
    if o.corner_radius > 0:
        steps.append(
            f"Round the corners ({format_mm(o.corner_radius)} mm) with a corner cutter, "
            "if you have one."
        )
    if o.tent_cards and plan.tent_card_count:
        steps.append(
            "Fold each tent card along the dashed line, print outside; stand it on the table."
        )
    if o.pack_by == PackBy.NONE:
        steps.append(
            "Sort the cards into sets by the set colour, shape and number on every card; "
            "keep each set in its own bag or envelope, one per table."
        )
    else:
        steps.append(
            "Each set starts on sheets of its own (the slug under each sheet names its set): "
            "bag each set straight from the cutter, one bag per table"
            + (", with its packing list." if o.packing_list else ".")
        )
    return steps


def _needs(plan: PackPlan) -> list[str]:
    """Card stock for what must be stiff (cards, standing tent cards), paper for the rest."""
    o = plan.options
    paper = o.describe_paper()
    needs = [f"{plural(plan.card_sheets, 'sheet')} of {paper} card ({CARD_STOCK}) for the cards"]
    tents = next((s for s in plan.sections if s.name == "tent cards"), None)
    if tents:
        needs.append(
            f"{plural(tents.sheets, 'sheet')} of {paper} card ({CARD_STOCK}) for the tent "
            "cards, so they stand up"
        )
    rest = [s for s in plan.sections if s.stock == Stock.PAPER]
    if rest:
        listed = join_and([s.name for s in rest])
        sheets = sum(s.sheets for s in rest)
        needs.append(f"{plural(sheets, 'sheet')} of {paper} paper for the {listed}")
    if plan.pouches:
        needs.append(
            f"{plural(plan.pouches.count, 'laminating pouch', 'laminating pouches')}, "
            f"{plan.pouches.name}"
        )
    needs.append(
        f"{o.describe_cards(plan.card_count)}: {plural(o.sets, 'set')} of {plan.cards_per_set}"
    )
    needs.append(f"{plural(plan.total_pages, 'page')} in this file in all")
    return needs


@dataclass(frozen=True)
class Block:
    """A piece of the guide that stays together: its height and how to draw it (points)."""

    height: float
    draw: Callable[[Canvas, float, float], None]  # (canvas, left x, top y)


@dataclass(frozen=True)
class Frame:
    """The guide's frame on a page of this size, in points: nothing within 3 mm of an edge."""

    width: float
    height: float
    edge: float
    ruler_mm: int

    @property
    def text_width(self) -> float:
        return self.width - 2 * self.edge

    @property
    def ruler_zone(self) -> float:
        """Page 1 keeps this much above its bottom edge for the ruler and what it says."""
        return self.edge + (40 if self._ruler_words_beside else 76)

    @property
    def _ruler_words_beside(self) -> bool:
        return self.text_width - self.ruler_mm * mm >= RULER_WORDS_PT


def frame_for(size: tuple[float, float]) -> Frame:
    w, h = size[0] * mm, size[1] * mm
    edge = min(MARGIN_MM, max(MIN_EDGE_MM, size[0] * 0.085)) * mm
    ruler = RULER_MM if w - 2 * edge >= RULER_MM * mm else SHORT_RULER_MM
    return Frame(w, h, edge, ruler)


def _blocks(plan: PackPlan, width: float) -> list[Block]:
    blocks: list[Block] = []
    titles = wrap(printable_text(" · ".join(plan.deck_titles)), REGULAR, 10.5, width)[:3]

    def title(c: Canvas, x: float, y: float) -> None:
        c.setFillColor(ACCENT)
        c.setFont(BOLD, 22)
        c.drawString(x, y - 18, "Print guide")
        c.setFillColor(QUIET)
        c.setFont(REGULAR, 10.5)
        for i, line in enumerate(titles):
            c.drawString(x, y - 30 - 10.5 - i * 10.5 * 1.35, line)

    blocks.append(Block(30 + len(titles) * 10.5 * 1.35 + 8, title))

    # Printer settings, in a panel: the part people get wrong.
    value_x = min(90.0, width * 0.3)
    wrapped = [
        (label, wrap(value, REGULAR, TEXT_PT, width - value_x - 14))
        for label, value in _settings(plan)
    ]
    row_gap = TEXT_PT * 0.55
    panel_h = 34 + sum(len(lines) * TEXT_PT * LINE + row_gap for _, lines in wrapped)

    def panel(c: Canvas, x: float, y: float) -> None:
        c.setFillColor(PANEL)
        c.roundRect(x, y - panel_h, width, panel_h, 6, stroke=0, fill=1)
        c.setFillColor(INK)
        c.setFont(BOLD, HEADING_PT)
        c.drawString(x + 10, y - 17, "Printer settings")
        ry = y - 17 - TEXT_PT * 1.9
        for label, lines in wrapped:
            c.setFont(BOLD, TEXT_PT)
            c.drawString(x + 10, ry, clip(label, BOLD, TEXT_PT, value_x - 14))
            c.setFont(REGULAR, TEXT_PT)
            for line in lines:
                c.drawString(x + value_x, ry, line)
                ry -= TEXT_PT * LINE
            ry -= row_gap

    blocks.append(Block(panel_h + 16, panel))
    sections = [
        ("What you need", [("•  " + need, 0.0) for need in _needs(plan)]),
        ("Steps", [(f"{n}.  {step}", 14.0) for n, step in enumerate(_steps(plan), start=1)]),
        ("In this file", [(describe_section(s), 0.0) for s in plan.sections]),
    ]
    for heading, paras in sections:
        for i, (text, hang) in enumerate(paras):
            blocks.append(_para_block(text, width, hang, heading if i == 0 else ""))
        blocks.append(Block(8, lambda c, x, y: None))
    blocks.extend(_set_rows(plan, width))
    return blocks


def _para_block(text: str, width: float, hang: float, heading: str) -> Block:
    """A paragraph, with the heading above it when it is the first of its section (so a
    heading never ends a page alone)."""
    lines = wrap(text, REGULAR, TEXT_PT, width - hang)
    head = HEADING_PT * 1.9 if heading else 0.0

    def draw(c: Canvas, x: float, y: float) -> None:
        if heading:
            y = _heading(c, x, y, heading)
        c.setFillColor(INK)
        c.setFont(REGULAR, TEXT_PT)
        for i, line in enumerate(lines):
            c.drawString(x + (hang if i else 0), y - TEXT_PT, line)
            y -= TEXT_PT * LINE

    return Block(head + len(lines) * TEXT_PT * LINE, draw)


def _set_rows(plan: PackPlan, width: float) -> list[Block]:
    """The sets as chips (shape, number, colour), row by row under a heading."""
    chips: list[tuple[int, str, float]] = []
    for n in plan.options.set_numbers:
        label = f"{set_label(n)} {set_colour_name(n).lower()}"
        chips.append((n, label, unit_width(label, BOLD) * CHIP_PT + 28))
    rows: list[list[tuple[int, str, float]]] = [[]]
    used = 0.0
    for chip in chips:
        if rows[-1] and used + chip[2] > width:
            rows.append([])
            used = 0.0
        rows[-1].append(chip)
        used += chip[2] + 6
    blocks = []
    for i, row in enumerate(rows):
        head = i == 0

        def draw(
            c: Canvas,
            x: float,
            y: float,
            row: list[tuple[int, str, float]] = row,
            head: bool = head,
        ) -> None:
            if head:
                y = _heading(c, x, y, "Sets")
            for n, label, box_w in row:
                colour = set_colour(n)
                ink = HexColor(text_on(colour).ink)
                c.setFillColor(HexColor(colour))
                c.roundRect(x, y - 15, box_w, 15, 7.5, stroke=0, fill=1)
                draw_shape(c, set_shape_name(n), x + 10, y - 7.5, 4.2, ink)
                c.setFillColor(ink)
                c.setFont(BOLD, CHIP_PT)
                c.drawString(x + 19, y - 11, label)
                x += box_w + 6

        blocks.append(Block((HEADING_PT * 1.9 if head else 0.0) + 20, draw))
    return blocks


def guide_pages_of(plan: PackPlan, size: tuple[float, float]) -> list[list[Block]]:
    """The guide's blocks, page by page: a block that does not fit starts the next page;
    the first page keeps its foot for the ruler."""
    frame = frame_for(size)
    pages: list[list[Block]] = [[]]
    y = frame.height - frame.edge
    bottom = frame.ruler_zone
    for block in _blocks(plan, frame.text_width):
        if pages[-1] and y - block.height < bottom:
            pages.append([])
            y = frame.height - frame.edge
            bottom = frame.edge
        pages[-1].append(block)
        y -= block.height
    return pages


def guide_page_count(plan: PackPlan) -> int:
    return len(guide_pages_of(plan, plan.options.paper_size))


def guide_pages(plan: PackPlan) -> list[PageJob]:
    """The guide as pages of the card sheets' paper (portrait), as many as it takes."""
    register_fonts()
    size = plan.options.paper_size
    frame = frame_for(size)
    pages = guide_pages_of(plan, size)
    jobs = []
    for number, blocks in enumerate(pages, start=1):

        def draw(c: Canvas, blocks: list[Block] = blocks, number: int = number) -> None:
            y = frame.height - frame.edge
            for block in blocks:
                block.draw(c, frame.edge, y)
                y -= block.height
            if number == 1:
                _ruler(c, frame)
            if len(pages) > 1:
                c.setFillColor(QUIET)
                c.setFont(REGULAR, 7)
                c.drawRightString(
                    frame.width - frame.edge,
                    frame.height - frame.edge + 4,
                    f"Print guide {number} of {len(pages)}",
                )

        jobs.append(PageJob(size, draw))
    return jobs


def _heading(c: Canvas, x: float, y: float, text: str) -> float:
    c.setFillColor(ACCENT)
    c.setFont(BOLD, HEADING_PT)
    c.drawString(x, y - HEADING_PT, text)
    return y - HEADING_PT * 1.9


def _para(c: Canvas, x: float, y: float, width: float, text: str, hang: float = 0) -> float:
    c.setFillColor(INK)
    c.setFont(REGULAR, TEXT_PT)
    for i, line in enumerate(wrap(text, REGULAR, TEXT_PT, width - hang)):
        c.drawString(x + (hang if i else 0), y - TEXT_PT, line)
        y -= TEXT_PT * LINE
    return y


def _ruler(c: Canvas, frame: Frame) -> None:
    """A ruler of known length with mm ticks, and what to do if it measures otherwise."""
    length = frame.ruler_mm
    x = frame.edge
    y = frame.edge + 12
    c.setStrokeColor(INK)
    c.setLineWidth(0.6)
    c.line(x, y, x + length * mm, y)
    for i in range(length + 1):
        tick = 5.0 if i % 10 == 0 else (3.5 if i % 5 == 0 else 2.0)
        c.setLineWidth(0.6 if i % 10 == 0 else 0.35)
        c.line(x + i * mm, y, x + i * mm, y + tick * mm)
        if i % 10 == 0:
            c.setFillColor(INK)
            c.setFont(REGULAR, 7)
            label = f"{i // 10} cm" if i == length else f"{i // 10}"
            if i == length:
                c.drawRightString(x + i * mm + 3, y - 9, label)
            else:
                c.drawCentredString(x + i * mm, y - 9, label) if i else c.drawString(
                    x - 2, y - 9, label
                )
    said = f"This ruler is {length} mm long."
    hint = "Shorter or longer? Turn off “fit to page”."
    if frame.text_width - length * mm >= RULER_WORDS_PT:
        wx, wy = x + length * mm + 14, y + 6
    else:
        wx, wy = x, y + 5 * mm + 20
    c.setFillColor(INK)
    c.setFont(BOLD, 10)
    c.drawString(wx, wy, clip(said, BOLD, 10, frame.width - frame.edge - wx))
    c.setFont(REGULAR, 8.5)
    c.setFillColor(QUIET)
    c.drawString(wx, wy - 12, clip(hint, REGULAR, 8.5, frame.width - frame.edge - wx))
