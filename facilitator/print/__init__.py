"""Laminate-ready card sheets with ReportLab (no Qt).

The stable API for the command line and the desktop app:

- `PrintOptions`, `parse_options(values)`: every option, typed, with defaults (options.py).
- `plan_pack(decks, options) -> PackPlan`: the pack as data, in mm; `describe_plan(plan)` in
  words, or `plan_rows(plan)` as (heading, text, items) rows for a view to lay out.
- `render_pack(decks, options, out_path, progress=None, *, event=None) -> PrintReport`: the
  PDF, atomically; `event` (`EventDetails`) names the event and tables on the capture sheets.
- `preflight(decks, plan)`: every warning printing would give, without drawing.
- `render_card_pdf(deck, card, options, set_number=1) -> bytes`: one card, front and back.
- `tent_card_pages`, `capture_sheet_pages`, `card_sheet_pages`, `guide_page`,
  `calibration_pages`: parts as `PageJob`s, combined into one PDF by `write_pdf`.
"""

from facilitator.print.calibration import calibration_pages
from facilitator.print.capture_sheets import EventDetails, capture_sheet_pages
from facilitator.print.card_renderer import CardPainter
from facilitator.print.guide import guide_page
from facilitator.print.options import (
    CARD_SIZES,
    OPTIONS,
    PAPER_SIZES,
    POUCH_SIZES,
    Duplex,
    Lamination,
    Orientation,
    PackBy,
    PrintOptions,
    parse_options,
)
from facilitator.print.pack import (
    PrintReport,
    card_sheet_pages,
    pack_pages,
    preflight,
    print_shop_pages,
    render_card_pdf,
    render_pack,
)
from facilitator.print.pack_plan import (
    PackPlan,
    PlanRow,
    Section,
    Stock,
    describe_plan,
    plan_pack,
    plan_rows,
    plan_text,
)
from facilitator.print.pdf_pages import PageJob, pdf_bytes, write_pdf
from facilitator.print.sheet_plan import CardRef, Face, Grid, Mark, Placement, Rect, SheetPage
from facilitator.print.tent_cards import tent_card_pages

__all__ = [
    "CARD_SIZES",
    "OPTIONS",
    "PAPER_SIZES",
    "POUCH_SIZES",
    "CardPainter",
    "CardRef",
    "Duplex",
    "EventDetails",
    "Face",
    "Grid",
    "Lamination",
    "Mark",
    "Orientation",
    "PackBy",
    "PackPlan",
    "PageJob",
    "Placement",
    "PlanRow",
    "PrintOptions",
    "PrintReport",
    "Rect",
    "Section",
    "SheetPage",
    "Stock",
    "calibration_pages",
    "capture_sheet_pages",
    "card_sheet_pages",
    "describe_plan",
    "guide_page",
    "pack_pages",
    "parse_options",
    "pdf_bytes",
    "plan_pack",
    "plan_rows",
    "plan_text",
    "preflight",
    "print_shop_pages",
    "render_card_pdf",
    "render_pack",
    "tent_card_pages",
    "write_pdf",
]
