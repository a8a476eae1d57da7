"""The print guide: the first page of a pack, saying how to print, laminate and cut it.

It ends with a 100 mm ruler, so the user can check that the printer did not scale the page.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor, white
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from facilitator.print.fit_text import wrap
from facilitator.print.fonts import BOLD, REGULAR, printable_text, register_fonts
from facilitator.print.options import Lamination, PackBy
from facilitator.print.pack_plan import PackPlan, Stock, describe_duplex, describe_section
from facilitator.print.pdf_pages import PageJob
from facilitator.print.units import format_mm
from facilitator.set_marks import set_colour, set_colour_name, set_label
from facilitator.wording import join_and, plural

MARGIN_MM = 18.0
RULER_MM = 100
RULER_CLEARANCE = (MARGIN_MM + 14) * 72 / 25.4  # nothing is drawn below this: the ruler's place
INK = HexColor("#1b1b1b")
QUIET = HexColor("#5a5a5a")
ACCENT = HexColor("#1f5f8b")
PANEL = HexColor("#eef3f7")
HEADING_PT = 11.0
TEXT_PT = 9.5
LINE = 1.45  # leading as a multiple of the size
CARD_STOCK = "160–250 g/m²"  # stiff enough to play with and to stand as a tent


def guide_page(plan: PackPlan) -> PageJob:
    register_fonts()
    size = plan.options.paper_size
    return PageJob(size, lambda c: _draw(c, plan, size))


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
        "Check the scale first: print this page and measure the ruler below. It must be "
        f"exactly {RULER_MM} mm; if not, turn off page scaling in the print dialog.",
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
            f"laminate ({plural(plan.pouches.count, 'pouch', 'pouches')}, "
            f"{plan.pouches.name})."
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


def _draw(c: Canvas, plan: PackPlan, size: tuple[float, float]) -> None:
    w, h = size[0] * mm, size[1] * mm
    left = MARGIN_MM * mm
    width = w - 2 * left
    y = h - MARGIN_MM * mm
    c.setFillColor(ACCENT)
    c.setFont(BOLD, 22)
    c.drawString(left, y - 18, "Print guide")
    y -= 30
    c.setFillColor(QUIET)
    c.setFont(REGULAR, 10.5)
    for line in wrap(printable_text(" · ".join(plan.deck_titles)), REGULAR, 10.5, width)[:3]:
        c.drawString(left, y - 10.5, line)
        y -= 10.5 * 1.35
    y -= 8

    # Printer settings, in a panel: the part people get wrong.
    rows = _settings(plan)
    value_x = 90
    wrapped = [
        (label, wrap(value, REGULAR, TEXT_PT, width - value_x - 14)) for label, value in rows
    ]
    row_gap = TEXT_PT * 0.55
    panel_h = 34 + sum(len(lines) * TEXT_PT * LINE + row_gap for _, lines in wrapped)
    c.setFillColor(PANEL)
    c.roundRect(left, y - panel_h, width, panel_h, 6, stroke=0, fill=1)
    c.setFillColor(INK)
    c.setFont(BOLD, HEADING_PT)
    c.drawString(left + 10, y - 17, "Printer settings")
    ry = y - 17 - TEXT_PT * 1.9
    for label, lines in wrapped:
        c.setFont(BOLD, TEXT_PT)
        c.drawString(left + 10, ry, label)
        c.setFont(REGULAR, TEXT_PT)
        for line in lines:
            c.drawString(left + value_x, ry, line)
            ry -= TEXT_PT * LINE
        ry -= row_gap
    y -= panel_h + 16

    y = _heading(c, left, y, "What you need")
    for need in _needs(plan):
        y = _para(c, left, y, width, "•  " + need)
    y -= 8

    y = _heading(c, left, y, "Steps")
    for number, step in enumerate(_steps(plan), start=1):
        y = _para(c, left, y, width, f"{number}.  {step}", hang=14)
    y -= 8

    y = _heading(c, left, y, "In this file")
    for section in plan.sections:
        y = _para(c, left, y, width, describe_section(section))
    y -= 10

    y = _heading(c, left, y, "Sets")
    x = left
    for n in range(1, plan.options.sets + 1):
        label = f"{set_label(n)} {set_colour_name(n).lower()}"
        box_w = c.stringWidth(label, BOLD, 8.5) + 16
        if x + box_w > left + width:
            x = left
            y -= 20
            if y - 14 < RULER_CLEARANCE:
                c.setFillColor(QUIET)
                c.setFont(REGULAR, TEXT_PT)
                c.drawString(x, y - 10, f"… and sets {n} to {plan.options.sets}: see the cards")
                break
        c.setFillColor(HexColor(set_colour(n)))
        c.roundRect(x, y - 14, box_w, 15, 7.5, stroke=0, fill=1)
        c.setFillColor(white)
        c.setFont(BOLD, 8.5)
        c.drawString(x + 8, y - 10, label)
        x += box_w + 6
    _ruler(c, left, MARGIN_MM * mm + 6)


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


def _ruler(c: Canvas, x: float, y: float) -> None:
    """A 100 mm ruler with mm ticks, and what to do if it measures otherwise."""
    c.setStrokeColor(INK)
    c.setLineWidth(0.6)
    c.line(x, y, x + RULER_MM * mm, y)
    for i in range(RULER_MM + 1):
        length_mm = 5.0 if i % 10 == 0 else (3.5 if i % 5 == 0 else 2.0)
        c.setLineWidth(0.6 if i % 10 == 0 else 0.35)
        c.line(x + i * mm, y, x + i * mm, y + length_mm * mm)
        if i % 10 == 0:
            c.setFillColor(INK)
            c.setFont(REGULAR, 7)
            c.drawCentredString(x + i * mm, y - 9, f"{i // 10}" if i < RULER_MM else "10 cm")
    c.setFont(BOLD, 10)
    c.drawString(x + RULER_MM * mm + 14, y + 6, f"This ruler is {RULER_MM} mm long.")
    c.setFont(REGULAR, 8.5)
    c.setFillColor(QUIET)
    c.drawString(x + RULER_MM * mm + 14, y - 6, "Shorter or longer? Turn off “fit to page”.")
