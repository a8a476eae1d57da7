"""Where every card, back and cut mark goes on a sheet, in mm: pure geometry, no drawing.

Coordinates follow PDF: origin at the bottom-left corner of the page, x right, y up.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from facilitator.errors import InputError
from facilitator.print.options import Duplex, Lamination, Orientation, PrintOptions
from facilitator.print.units import format_mm

EPS = 1e-6
MARK_GAP_MM = 1.0  # cut marks stop this far from any card
MARK_LENGTH_MM = 5.0
MIN_MARK_MM = 1.5  # shorter marks are left out: too small to see
CROSS_ARM_MM = 2.0  # the + at gutter crossings, sheet mode


class Face(StrEnum):
    FRONT = "front"
    BACK = "back"


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def top(self) -> float:
        return self.y + self.h

    def contains(self, other: Rect, tolerance: float = EPS) -> bool:
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.top <= self.top + tolerance
        )

    def overlaps(self, other: Rect) -> bool:
        """True if the interiors share any area (touching edges do not count)."""
        return (
            other.x < self.right - EPS
            and self.x < other.right - EPS
            and other.y < self.top - EPS
            and self.y < other.top - EPS
        )

    def grow(self, by: float) -> Rect:
        return Rect(self.x - by, self.y - by, self.w + 2 * by, self.h + 2 * by)


@dataclass(frozen=True)
class Mark:
    """A cut mark: a line segment, always outside every card."""

    x0: float
    y0: float
    x1: float
    y1: float

    def touches(self, rect: Rect) -> bool:
        # Marks are horizontal or vertical, so a bounding-box test is exact.
        box = Rect(
            min(self.x0, self.x1),
            min(self.y0, self.y1),
            abs(self.x1 - self.x0),
            abs(self.y1 - self.y0),
        )
        return (
            box.x <= rect.right and rect.x <= box.right and box.y <= rect.top and rect.y <= box.top
        )


@dataclass(frozen=True)
class CardRef:
    """One physical card: which deck and card, which set, which copy."""

    deck_index: int
    card_index: int
    set_number: int
    copy: int = 1


@dataclass(frozen=True)
class Placement:
    rect: Rect
    card: CardRef
    face: Face
    rotation: int = 0  # 180 when a back must be turned to read upright after the flip


@dataclass(frozen=True)
class SheetPage:
    """One PDF page of cards: fronts, or the backs that print behind them."""

    face: Face
    sheet_number: int  # 1-based; a front and its backs share it
    size: tuple[float, float]
    placements: tuple[Placement, ...]
    marks: tuple[Mark, ...]


@dataclass(frozen=True)
class Grid:
    """The card slots of every card sheet, and where to cut."""

    page_size: tuple[float, float]
    landscape: bool
    columns: int
    rows: int
    card_size: tuple[float, float]
    gutter: float
    printable: Rect
    slots: tuple[Rect, ...]  # row by row from the top-left
    cuts_x: tuple[float, ...]  # vertical cut lines
    cuts_y: tuple[float, ...]  # horizontal cut lines
    marks: tuple[Mark, ...]
    back_mirror: str  # "x" (columns mirror), "y" (rows mirror) or "" (no backs)

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    def back_rect(self, front: Rect, offset: tuple[float, float] = (0.0, 0.0)) -> Rect:
        """Where the back of the card printed at `front` goes on the following page."""
        w, h = self.page_size
        dx, dy = offset
        if self.back_mirror == "x":
            return Rect(w - front.x - front.w + dx, front.y + dy, front.w, front.h)
        if self.back_mirror == "y":
            return Rect(front.x + dx, h - front.y - front.h + dy, front.w, front.h)
        return Rect(front.x + dx, front.y + dy, front.w, front.h)


def fit_count(space: float, size: float, gutter: float) -> int:
    """How many items of `size` with `gutter` between them fit in `space`."""
    if size > space + EPS:
        return 0
    return math.floor((space + gutter) / (size + gutter) + EPS)


def _count_for(page: tuple[float, float], options: PrintOptions) -> tuple[int, int]:
    avail_w = page[0] - 2 * options.margin
    avail_h = page[1] - 2 * options.margin
    cw, ch = options.card_size
    gutter = options.gutter_mm
    return fit_count(avail_w, cw, gutter), fit_count(avail_h, ch, gutter)


def back_mirror_axis(duplex: Duplex, page_size: tuple[float, float]) -> str:
    """Which axis a duplex flip mirrors, in page coordinates.

    Flipping a sheet on its long edge mirrors across that edge: on a portrait page the long
    edge is upright, so columns mirror ("x"); on a landscape page it runs across, so rows
    mirror ("y"). A short-edge flip is the other way round.
    """
    if duplex == Duplex.NONE:
        return ""
    portrait = page_size[0] <= page_size[1]
    long_is_x = portrait
    if duplex == Duplex.LONG:
        return "x" if long_is_x else "y"
    return "y" if long_is_x else "x"


def plan_grid(options: PrintOptions) -> Grid:
    """The most cards that fit on a page, centred in the printable area, with cut marks."""
    pw, ph = options.paper_size
    candidates: list[tuple[bool, tuple[float, float]]] = []
    if options.orientation in (Orientation.AUTO, Orientation.PORTRAIT):
        candidates.append((False, (pw, ph)))
    if options.orientation in (Orientation.AUTO, Orientation.LANDSCAPE):
        candidates.append((True, (ph, pw)))
    best = max(candidates, key=lambda c: _product(_count_for(c[1], options)))
    landscape, page = best
    columns, rows = _count_for(page, options)
    if columns * rows == 0:
        raise InputError(_too_big_message(options, page))
    cw, ch = options.card_size
    gutter = options.gutter_mm
    printable = Rect(
        options.margin, options.margin, page[0] - 2 * options.margin, page[1] - 2 * options.margin
    )
    grid_w = columns * cw + (columns - 1) * gutter
    grid_h = rows * ch + (rows - 1) * gutter
    # Centred, so a duplex flip puts every back slot exactly on a front slot.
    x0 = printable.x + (printable.w - grid_w) / 2
    top = printable.top - (printable.h - grid_h) / 2
    slots = tuple(
        Rect(x0 + c * (cw + gutter), top - ch - r * (ch + gutter), cw, ch)
        for r in range(rows)
        for c in range(columns)
    )
    lefts = [x0 + c * (cw + gutter) for c in range(columns)]
    bottoms = [top - ch - r * (ch + gutter) for r in range(rows)]
    if options.laminate == Lamination.SHEET:
        # Down the middle of the gutters, and half a gutter outside the outer cards.
        cuts_x = (*tuple(left - gutter / 2 for left in lefts), lefts[-1] + cw + gutter / 2)
        cuts_y = tuple(sorted([b - gutter / 2 for b in bottoms] + [bottoms[0] + ch + gutter / 2]))
    else:
        cuts_x = _unique(v for left in lefts for v in (left, left + cw))
        cuts_y = _unique(v for b in bottoms for v in (b, b + ch))
    grid_box = Rect(x0, top - grid_h, grid_w, grid_h)
    marks = _marks(options, printable, grid_box, cuts_x, cuts_y) if options.marks else ()
    return Grid(
        page_size=page,
        landscape=landscape,
        columns=columns,
        rows=rows,
        card_size=(cw, ch),
        gutter=gutter,
        printable=printable,
        slots=slots,
        cuts_x=tuple(cuts_x),
        cuts_y=tuple(cuts_y),
        marks=marks,
        back_mirror=back_mirror_axis(options.duplex, page),
    )


def _product(counts: tuple[int, int]) -> int:
    return counts[0] * counts[1]


def _unique(values: Iterable[float]) -> tuple[float, ...]:
    out: list[float] = []
    for v in sorted(values):
        if not out or abs(v - out[-1]) > EPS:
            out.append(v)
    return tuple(out)


def _too_big_message(options: PrintOptions, page: tuple[float, float]) -> str:
    avail = f"{format_mm(page[0] - 2 * options.margin)}×{format_mm(page[1] - 2 * options.margin)}"
    return (
        f"card: {options.describe_cards()} do not fit on {options.describe_paper()} "
        f"paper inside the {format_mm(options.margin)} mm margin (room for {avail} mm); "
        "choose a smaller card or larger paper"
    )


def _marks(
    options: PrintOptions,
    printable: Rect,
    grid: Rect,
    cuts_x: Sequence[float],
    cuts_y: Sequence[float],
) -> tuple[Mark, ...]:
    """Ticks continuing each cut line beyond the cards, plus + marks where gutters cross."""
    marks: list[Mark] = []

    def tick(x0: float, y0: float, x1: float, y1: float) -> None:
        if math.hypot(x1 - x0, y1 - y0) >= MIN_MARK_MM:
            marks.append(Mark(x0, y0, x1, y1))

    for x in cuts_x:
        if printable.x - EPS <= x <= printable.right + EPS:
            start = grid.top + MARK_GAP_MM
            tick(x, start, x, min(printable.top, start + MARK_LENGTH_MM))
            start = grid.y - MARK_GAP_MM
            tick(x, start, x, max(printable.y, start - MARK_LENGTH_MM))
    for y in cuts_y:
        if printable.y - EPS <= y <= printable.top + EPS:
            start = grid.x - MARK_GAP_MM
            tick(start, y, max(printable.x, start - MARK_LENGTH_MM), y)
            start = grid.right + MARK_GAP_MM
            tick(start, y, min(printable.right, start + MARK_LENGTH_MM), y)
    if options.laminate == Lamination.SHEET:
        arm = min(CROSS_ARM_MM, options.gutter_mm / 2 - MARK_GAP_MM)
        if arm >= MIN_MARK_MM / 2:
            for x in cuts_x[1:-1]:
                for y in cuts_y[1:-1]:
                    marks.append(Mark(x - arm, y, x + arm, y))
                    marks.append(Mark(x, y - arm, x, y + arm))
    return tuple(marks)


def sheet_pages(grid: Grid, cards: Iterable[CardRef], options: PrintOptions) -> Iterator[SheetPage]:
    """The card pages, lazily: each front, then (with duplex) its backs."""
    batch: list[CardRef] = []
    sheet = 0
    for card in cards:
        batch.append(card)
        if len(batch) == grid.per_page:
            sheet += 1
            yield from _pages_for(grid, batch, sheet, options)
            batch = []
    if batch:
        yield from _pages_for(grid, batch, sheet + 1, options)


def _pages_for(
    grid: Grid, batch: list[CardRef], sheet: int, options: PrintOptions
) -> Iterator[SheetPage]:
    fronts = tuple(
        Placement(slot, card, Face.FRONT) for slot, card in zip(grid.slots, batch, strict=False)
    )
    yield SheetPage(Face.FRONT, sheet, grid.page_size, fronts, grid.marks)
    if grid.back_mirror:
        rotation = 180 if grid.back_mirror == "y" else 0
        backs = tuple(
            Placement(grid.back_rect(p.rect, options.back_offset), p.card, Face.BACK, rotation)
            for p in fronts
        )
        # No marks on backs: a printer's drift would put them off the cut lines.
        yield SheetPage(Face.BACK, sheet, grid.page_size, backs, ())
