"""Warnings about the sheet itself, before anything is printed: a pouch too small for the
seal, backs pushed off the page, and a hint when a smaller margin, gutter or bleed fits more.

Text warnings (overflow, glyphs, right-to-left, contrast) come from the card painter; both
reach `--plan` and the print dialog, so the plan warns about everything printing would.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from facilitator.errors import InputError
from facilitator.print.options import Lamination, PrintOptions
from facilitator.print.pouch_plan import pouch_phrase, sheet_pouch
from facilitator.print.sheet_plan import Grid, Rect, plan_grid
from facilitator.print.units import format_mm

MIN_HINT_MARGIN_MM = 3.0  # below this most printers lose the edge


def geometry_warnings(options: PrintOptions, grid: Grid) -> Iterator[str]:
    if options.laminate == Lamination.SHEET:
        name, size = sheet_pouch(options)
        pw, ph = sorted(options.paper_size)
        a, b = sorted(size)
        need = (pw + 2 * options.seal, ph + 2 * options.seal)
        if a < need[0] - 1e-9 or b < need[1] - 1e-9:
            yield (
                f"pouch: the {pouch_phrase(name, size)} leaves less than the "
                f"{format_mm(options.seal)} mm seal round a {options.describe_paper()} sheet "
                f"(it needs {format_mm(need[0])}×{format_mm(need[1])} mm); the sheet may peel "
                "open at its edges"
            )
    if grid.back_mirror and any(options.back_offset):
        yield from _back_offset_warnings(options, grid)
    hint = more_cards_hint(options, grid)
    if hint:
        yield hint


def _back_offset_warnings(options: PrintOptions, grid: Grid) -> Iterator[str]:
    page = Rect(0, 0, *grid.page_size)
    backs = [grid.back_rect(slot, options.back_offset).grow(grid.bleed) for slot in grid.slots]
    off = f"--back-offset {format_mm(options.back_offset[0])},{format_mm(options.back_offset[1])}"
    if not all(page.contains(b) for b in backs):
        yield f"back-offset: {off} pushes backs off the page; they will be cut short"
    elif not all(grid.printable.contains(b) for b in backs):
        yield (
            f"back-offset: {off} pushes backs into the {format_mm(options.margin)} mm margin, "
            "which the printer may not reach"
        )


def more_cards_hint(options: PrintOptions, grid: Grid) -> str:
    """`hint: 8 cards a sheet fit with --margin 3.5mm, not 6, …`: the first smaller setting that
    fits more cards, so a facilitator can choose it knowingly."""
    tries: list[tuple[str, dict[str, object]]] = []
    margin = options.margin - 0.5
    while margin >= MIN_HINT_MARGIN_MM - 1e-9:
        tries.append((f"--margin {format_mm(margin)}mm", {"margin": margin}))
        margin -= 0.5
    if options.gutter is not None and options.gutter > 2 * options.bleed:
        floor = max(2 * options.bleed, 2.0)
        g = options.gutter - 1.0
        while g >= floor - 1e-9:
            tries.append((f"--gutter {format_mm(g)}mm", {"gutter": g}))
            g -= 1.0
    for bleed in (1.0, 0.0):
        if bleed < options.bleed:
            tries.append((f"--bleed {format_mm(bleed)}mm", {"bleed": bleed}))
    for words, change in tries:
        try:
            # Not type-checked below: change names PrintOptions fields; replace() checks them.
            other = plan_grid(dataclasses.replace(options, **change))  # type: ignore[arg-type]
        except InputError:
            continue
        if other.per_page > grid.per_page:
            return (
                f"hint: {other.per_page} cards a sheet fit with {words}, not {grid.per_page}, "
                "if your printer reaches that far"
            )
    return ""
