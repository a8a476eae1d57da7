"""The pouch placement sheet (pouch mode): where each cut card goes in a laminating pouch,
drawn at 100 %, to lay under the pouch's clear film while filling it."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from facilitator.print.fit_text import wrap
from facilitator.print.fonts import BOLD, REGULAR, register_fonts
from facilitator.print.pack_plan import PackPlan
from facilitator.print.pdf_pages import PageJob
from facilitator.print.pouch_plan import PouchLayout
from facilitator.print.units import format_mm

INK = HexColor("#1b1b1b")
QUIET = HexColor("#6b6b6b")
SEAL = HexColor("#dfe8ef")
OUTLINE_PT = 0.8
TEXT_PT = 7.0


def placement_page(plan: PackPlan) -> PageJob:
    register_fonts()
    layout = plan.pouch_layout
    if layout is None:
        raise ValueError("placement sheet: pouch mode only")
    return PageJob(layout.page_size, lambda c: _draw(c, layout, plan))


def cut_lines(layout: PouchLayout) -> tuple[list[float], list[float]]:
    """Where to cut after laminating: down the middle of every gap between pieces, in mm."""
    xs = sorted({round(s.x, 6) for s in layout.slots})
    ys = sorted({round(s.y, 6) for s in layout.slots})
    w = layout.slots[0].w
    h = layout.slots[0].h
    return (
        [x + w + layout.seal for x in xs[:-1]],
        [y + h + layout.seal for y in ys[:-1]],
    )


def _draw(c: Canvas, layout: PouchLayout, plan: PackPlan) -> None:
    p = layout.pouch
    # The pouch outline (its edge may run past the paper) and its sealed border, shaded.
    c.saveState()
    c.setFillColor(SEAL)
    c.rect(p.x * mm, p.y * mm, p.w * mm, p.h * mm, stroke=0, fill=1)
    c.setFillColor(HexColor("#ffffff"))
    inner = p.grow(-layout.seal)
    c.rect(inner.x * mm, inner.y * mm, inner.w * mm, inner.h * mm, stroke=0, fill=1)
    c.restoreState()
    xs, ys = cut_lines(layout)
    c.setStrokeColor(QUIET)
    c.setLineWidth(0.4)
    c.setDash(3, 2)
    for x in xs:
        c.line(x * mm, inner.y * mm, x * mm, inner.top * mm)
    for y in ys:
        c.line(inner.x * mm, y * mm, inner.right * mm, y * mm)
    c.setDash()
    c.setStrokeColor(INK)
    c.setLineWidth(OUTLINE_PT)
    for number, slot in enumerate(layout.slots, start=1):
        c.rect(slot.x * mm, slot.y * mm, slot.w * mm, slot.h * mm, stroke=1, fill=0)
        c.setFillColor(QUIET)
        c.setFont(BOLD, 14)
        c.drawCentredString((slot.x + slot.w / 2) * mm, (slot.y + 4) * mm, str(number))
    first = layout.slots[0]
    o = plan.options
    piece = "folded card" if o.fold else "cut card"
    lines = [
        ("Pouch placement sheet", BOLD, 9.0),
        (
            f"Print at 100 %. Lay the open pouch, {layout.name}, over this sheet, centred. Put a "
            f"{piece} in each outline ({format_mm(2 * layout.seal)} mm apart, "
            f"{format_mm(layout.seal)} mm from the pouch edge), close, laminate.",
            REGULAR,
            TEXT_PT,
        ),
        (
            "Then cut down the middle of each gap (dashed): every card keeps a "
            f"{format_mm(layout.seal)} mm sealed border all round.",
            REGULAR,
            TEXT_PT,
        ),
        (f"Finished cards: {o.describe_finished()}.", REGULAR, TEXT_PT),
    ]
    y = (first.top - 4) * mm
    width = (first.w - 6) * mm
    for text, font, pt in lines:
        for line in wrap(text, font, pt, width):
            if y < (first.y + 10) * mm:
                return
            c.setFillColor(INK)
            c.setFont(font, pt)
            c.drawString((first.x + 3) * mm, y - pt, line)
            y -= pt * 1.3
        y -= 2
