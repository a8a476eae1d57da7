"""Where cut cards go in a laminating pouch, in mm: pure geometry for pouch and card mode.

A pouch seals only where film meets film, so every card lies a seal's width from the pouch
edge and twice the seal from its neighbours; cut down the middle of the gaps and every card
keeps a sealed border all round (DESIGN.md, "Laminate-ready printing: the facts").
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.errors import InputError
from facilitator.print.options import (
    PAPER_POUCH,
    POUCH_ALLOWANCE_MM,
    POUCH_LABELS,
    POUCH_SIZES,
    Lamination,
    PrintOptions,
)
from facilitator.print.sheet_plan import Rect, fit_count
from facilitator.print.units import format_mm


@dataclass(frozen=True)
class PouchLayout:
    """One pouch as laid out on its placement sheet (page coordinates, mm)."""

    name: str  # how the pouch is named to people, e.g. "A4 (216×303 mm)"
    size: tuple[float, float]
    page_size: tuple[float, float]  # the placement sheet, printed at 100 %
    pouch: Rect  # the pouch on the placement sheet (centred; may run past the paper)
    slots: tuple[Rect, ...]  # where each cut piece lies
    seal: float
    turned: bool  # pieces lie turned a quarter (their long side across)

    @property
    def per_pouch(self) -> int:
        return len(self.slots)


def pouch_label(name: str, size: tuple[float, float]) -> str:
    """`A7 (80×111 mm)`; `75×105 mm` for the preset named by its size, and custom sizes."""
    dims = f"{format_mm(size[0])}×{format_mm(size[1])} mm"
    label = POUCH_LABELS.get(name)
    if not label or name == "75x105":
        return dims
    return f"{label} ({dims})"


def pouch_phrase(name: str, size: tuple[float, float]) -> str:
    dims = f"{format_mm(size[0])}×{format_mm(size[1])} mm"
    label = POUCH_LABELS.get(name)
    return f"{label} pouch ({dims})" if label and name != "75x105" else f"{dims} pouch"


def sheet_pouch(options: PrintOptions) -> tuple[str, tuple[float, float]]:
    """The pouch a whole sheet of the paper goes in (and pouch mode's pouch, unless given)."""
    name = PAPER_POUCH.get(options.paper_name)
    if name:
        return name, POUCH_SIZES[name]
    pw, ph = options.paper_size
    return "custom", (pw + POUCH_ALLOWANCE_MM, ph + POUCH_ALLOWANCE_MM)


def _fits(size: tuple[float, float], need: tuple[float, float]) -> bool:
    a, b = sorted(size)
    x, y = sorted(need)
    return a >= x - 1e-9 and b >= y - 1e-9


def choose_pouch(options: PrintOptions) -> tuple[str, tuple[float, float]]:
    """Card mode's pouch: one piece plus the seal on every side. Refuses a pouch too small,
    naming the smallest preset that fits."""
    uw, uh = options.card_size  # a folded card is its card size, paper doubled
    need = (uw + 2 * options.seal, uh + 2 * options.seal)
    fitting = [(name, size) for name, size in POUCH_SIZES.items() if _fits(size, need)]
    smallest = min(fitting, key=lambda p: p[1][0] * p[1][1]) if fitting else None
    what = "folded cards" if options.fold else options.describe_cards()
    needs = (
        f"{what} need a pouch of at least {format_mm(need[0])}×{format_mm(need[1])} mm "
        f"(a {format_mm(options.seal)} mm seal on every side)"
    )
    if options.pouch_size is None:
        if smallest is None:
            raise InputError(f"pouch: {needs}; no pouch preset is that big; laminate the sheet")
        return smallest
    if _fits(options.pouch_size, need):
        return options.pouch_name, options.pouch_size
    hint = (
        f"the smallest pouch that fits is {pouch_label(*smallest)}"
        if smallest
        else "no pouch preset is that big"
    )
    chosen = pouch_phrase(options.pouch_name, options.pouch_size)
    raise InputError(f"pouch: {needs}; the {chosen} is too small; {hint}")


def plan_pouch(options: PrintOptions) -> PouchLayout:
    """Pouch mode: as many cut pieces as fit in the pouch, a seal from its edge and twice the
    seal apart, laid out on a placement sheet of the card sheets' paper (portrait)."""
    if options.laminate != Lamination.POUCH:
        raise ValueError("plan_pouch is for pouch mode")
    if options.pouch_size is not None:
        name, size = options.pouch_name, options.pouch_size
    else:
        name, size = sheet_pouch(options)
    pw, ph = options.paper_size
    page = (pw, ph)
    pouch_w, pouch_h = sorted(size)
    pouch = Rect((pw - pouch_w) / 2, (ph - pouch_h) / 2, pouch_w, pouch_h)
    seal = options.seal
    inner = pouch.grow(-seal)
    # The outlines must print: keep them inside the page margin too.
    m = options.margin
    left, bottom = max(inner.x, m), max(inner.y, m)
    right, top = min(inner.right, pw - m), min(inner.top, ph - m)
    room = Rect(left, bottom, max(0.0, right - left), max(0.0, top - bottom))
    gap = 2 * seal
    uw, uh = options.card_size  # a folded card is its card size, paper doubled
    best: tuple[int, bool, int, int] = (0, False, 0, 0)
    for turned in (False, True):
        w, h = (uh, uw) if turned else (uw, uh)
        cols, rows = fit_count(room.w, w, gap), fit_count(room.h, h, gap)
        if cols * rows > best[0]:
            best = (cols * rows, turned, cols, rows)
    count, turned, cols, rows = best
    label = pouch_label(name, size)
    if count == 0:
        need = f"{format_mm(uw + 2 * seal)}×{format_mm(uh + 2 * seal)} mm"
        raise InputError(
            f"pouch: the {pouch_phrase(name, size)} is too small for even one "
            f"{'folded card' if options.fold else 'card'} with a {format_mm(seal)} mm seal "
            f"round it (that needs {need}); choose a bigger pouch or --laminate sheet"
        )
    w, h = (uh, uw) if turned else (uw, uh)
    grid_w, grid_h = cols * w + (cols - 1) * gap, rows * h + (rows - 1) * gap
    x0 = room.x + (room.w - grid_w) / 2
    y_top = room.top - (room.h - grid_h) / 2
    slots = tuple(
        Rect(x0 + c * (w + gap), y_top - h - r * (h + gap), w, h)
        for r in range(rows)
        for c in range(cols)
    )
    return PouchLayout(label, size, page, pouch, slots, seal, turned)
