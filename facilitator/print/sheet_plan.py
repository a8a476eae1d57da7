"""Where every card, back and cut mark goes on a sheet, in mm: pure geometry, no drawing.

Coordinates follow PDF: origin at the bottom-left corner of the page, x right, y up.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from facilitator.errors import InputError
from facilitator.print.options import Duplex, Orientation, PrintOptions
from facilitator.print.units import format_mm

EPS = 1e-6
MARK_GAP_MM = 0.5  # cut marks start this far beyond the bleed (or the card, with no bleed)
MARK_LENGTH_MM = 5.0
MIN_MARK_MM = 2.0  # room kept for every mark: the grid is planned so that each one fits
SLUG_MIN_MM = 2.2  # the slug (5 pt) needs this much height below the grid


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


class MarkKind(StrEnum):
    CUT = "cut"  # continues a cut line beyond the cards
    FOLD = "fold"  # continues a fold line (gutter-fold), drawn dashed


@dataclass(frozen=True)
class Mark:
    """A cut (or fold) mark: a line segment, always outside every card and its bleed."""

    x0: float
    y0: float
    x1: float
    y1: float
    kind: MarkKind = MarkKind.CUT

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


Sides = tuple[float, float, float, float]  # left, bottom, right, top, in mm


@dataclass(frozen=True)
class Placement:
    rect: Rect
    card: CardRef
    face: Face
    rotation: int = 0  # 180 when a back must be turned to read upright after the flip
    bleed: Sides = (0.0, 0.0, 0.0, 0.0)  # how far the colour runs past each edge

    @property
    def bleed_rect(self) -> Rect:
        left, bottom, right, top = self.bleed
        r = self.rect
        return Rect(r.x - left, r.y - bottom, r.w + left + right, r.h + bottom + top)


@dataclass(frozen=True)
class SheetPage:
    """One PDF page of cards: fronts (with gutter-fold: fronts and backs), or the backs that
    print behind them."""

    face: Face
    sheet_number: int  # 1-based; a front and its backs share it
    size: tuple[float, float]
    placements: tuple[Placement, ...]
    marks: tuple[Mark, ...]
    cut_lines: tuple[Mark, ...] = ()  # full-length thin lines, with --cut-lines
    slug: tuple[str, ...] = ()  # deck, set, sheet n of N, front/back: said in the margin
    slug_box: Rect | None = None
    group_sheet: int = 1  # this sheet's number within its set (or deck, or the pack)
    group_sheets: int = 1


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
    slots: tuple[Rect, ...]  # the pieces cut out, row by row from the top-left
    cuts_x: tuple[float, ...]  # vertical cut lines
    cuts_y: tuple[float, ...]  # horizontal cut lines
    marks: tuple[Mark, ...]
    back_mirror: str  # "x" (columns mirror), "y" (rows mirror) or "" (no backs)
    bleed: float = 0.0
    fold: bool = False  # gutter-fold: each slot is a front and its back side by side
    cut_lines: tuple[Mark, ...] = ()
    slug_box: Rect | None = None

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    @property
    def grid_box(self) -> Rect:
        return Rect(
            min(s.x for s in self.slots),
            min(s.y for s in self.slots),
            max(s.right for s in self.slots) - min(s.x for s in self.slots),
            max(s.top for s in self.slots) - min(s.y for s in self.slots),
        )

    def front_rect(self, slot: Rect) -> Rect:
        """The card front in a slot: the slot, or its left half with gutter-fold."""
        return Rect(slot.x, slot.y, self.card_size[0], self.card_size[1])

    def fold_back_rect(self, slot: Rect) -> Rect:
        """Gutter-fold: the back, mirrored across the fold line to the right of the front."""
        fold_x = slot.x + self.card_size[0]
        front = self.front_rect(slot)
        return Rect(2 * fold_x - front.right, front.y, front.w, front.h)

    def front_bleed(self) -> Sides:
        b = self.bleed
        return (b, b, 0.0 if self.fold else b, b)  # no colour over the fold onto the back

    def fold_back_bleed(self) -> Sides:
        b = self.bleed
        return (0.0, b, b, b)

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


def edge_room(options: PrintOptions) -> float:
    """What the grid keeps free on each side inside the margin: its bleed, then room for a
    cut mark at the end of every cut line (and for the slug below the grid)."""
    return options.bleed + MARK_GAP_MM + max(MIN_MARK_MM, SLUG_MIN_MM)


def unit_size(options: PrintOptions) -> tuple[float, float]:
    """What is cut out as one piece: a card, or with gutter-fold a front beside its back."""
    cw, ch = options.card_size
    return (2 * cw, ch) if options.fold else (cw, ch)


def _count_for(page: tuple[float, float], options: PrintOptions) -> tuple[int, int]:
    room = 2 * (options.margin + edge_room(options))
    uw, uh = unit_size(options)
    gutter = options.gutter_mm
    return fit_count(page[0] - room, uw, gutter), fit_count(page[1] - room, uh, gutter)


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
    uw, uh = unit_size(options)
    gutter = options.gutter_mm
    printable = Rect(
        options.margin, options.margin, page[0] - 2 * options.margin, page[1] - 2 * options.margin
    )
    grid_w = columns * uw + (columns - 1) * gutter
    grid_h = rows * uh + (rows - 1) * gutter
    # Centred, so a duplex flip puts every back slot exactly on a front slot.
    x0 = printable.x + (printable.w - grid_w) / 2
    top = printable.top - (printable.h - grid_h) / 2
    slots = tuple(
        Rect(x0 + c * (uw + gutter), top - uh - r * (uh + gutter), uw, uh)
        for r in range(rows)
        for c in range(columns)
    )
    # Every mode cuts along the edges of each piece (the bleed runs past them).
    cuts_x = _unique(v for s in slots for v in (s.x, s.right))
    cuts_y = _unique(v for s in slots for v in (s.y, s.top))
    grid_box = Rect(x0, top - grid_h, grid_w, grid_h)
    folds_x = _unique(s.x + options.card_size[0] for s in slots) if options.fold else ()
    marks = _marks(options, printable, grid_box, cuts_x, cuts_y, folds_x)
    cut_lines = _cut_lines(printable, cuts_x, cuts_y) if options.cut_lines else ()
    # The slug sits under the first piece, between its marks, clear of the bleed.
    slug_top = grid_box.y - options.bleed - MARK_GAP_MM
    first = slots[-columns]  # the bottom-left piece
    slug_box = Rect(first.x + 1.0, printable.y, first.w - 2.0, slug_top - printable.y)
    return Grid(
        page_size=page,
        landscape=landscape,
        columns=columns,
        rows=rows,
        card_size=options.card_size,
        gutter=gutter,
        printable=printable,
        slots=slots,
        cuts_x=tuple(cuts_x),
        cuts_y=tuple(cuts_y),
        marks=marks,
        back_mirror="" if options.fold else back_mirror_axis(options.duplex, page),
        bleed=options.bleed,
        fold=options.fold,
        cut_lines=cut_lines,
        slug_box=slug_box,
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
    keep = 2 * (options.margin + edge_room(options))
    avail = f"{format_mm(page[0] - keep)}×{format_mm(page[1] - keep)}"
    what = options.describe_cards()
    if options.fold:
        uw, uh = unit_size(options)
        what += f", each beside its back ({format_mm(uw)}×{format_mm(uh)} mm),"
    return (
        f"card: {what} do not fit on {options.describe_paper()} "
        f"paper: inside the {format_mm(options.margin)} mm margin, less room for bleed and "
        f"cut marks, {avail} mm are left; choose a smaller card or larger paper"
    )


def _marks(
    options: PrintOptions,
    printable: Rect,
    grid: Rect,
    cuts_x: Sequence[float],
    cuts_y: Sequence[float],
    folds_x: Sequence[float],
) -> tuple[Mark, ...]:
    """A mark beyond both ends of every cut line (and fold line), clear of the bleed, inside
    the printable area. The grid leaves room for them (`edge_room`), so none is left out."""
    if not options.marks:
        return ()
    clear = options.bleed + MARK_GAP_MM
    marks: list[Mark] = []
    for kind, xs in ((MarkKind.CUT, cuts_x), (MarkKind.FOLD, folds_x)):
        for x in xs:
            start = grid.top + clear
            marks.append(Mark(x, start, x, min(printable.top, start + MARK_LENGTH_MM), kind))
            start = grid.y - clear
            marks.append(Mark(x, start, x, max(printable.y, start - MARK_LENGTH_MM), kind))
    for y in cuts_y:
        start = grid.x - clear
        marks.append(Mark(start, y, max(printable.x, start - MARK_LENGTH_MM), y))
        start = grid.right + clear
        marks.append(Mark(start, y, min(printable.right, start + MARK_LENGTH_MM), y))
    return tuple(marks)


def _cut_lines(
    printable: Rect, cuts_x: Sequence[float], cuts_y: Sequence[float]
) -> tuple[Mark, ...]:
    """Thin lines the full length of every cut, edge to edge of the printable area."""
    return tuple(
        [Mark(x, printable.y, x, printable.top) for x in cuts_x]
        + [Mark(printable.x, y, printable.right, y) for y in cuts_y]
    )


@dataclass(frozen=True)
class CardGroup:
    """Cards that start on a sheet of their own (a set, or a deck of a set) and its slug words."""

    cards: tuple[CardRef, ...]
    label: str  # e.g. "Set 2"


def sheet_pages(
    grid: Grid,
    groups: Iterable[CardGroup],
    options: PrintOptions,
    deck_titles: Sequence[str] = (),
) -> Iterator[SheetPage]:
    """The card pages, lazily, group by group (each group starts a sheet): each front, then
    (with duplex) its backs."""
    sheet = 0
    for group in groups:
        batches = [
            group.cards[i : i + grid.per_page] for i in range(0, len(group.cards), grid.per_page)
        ]
        for n, batch in enumerate(batches, start=1):
            sheet += 1
            decks = _unique_ints(ref.deck_index for ref in batch)
            deck = " + ".join(deck_titles[d] for d in decks if d < len(deck_titles))
            words = [deck, group.label, f"sheet {n} of {len(batches)}"]
            yield from _pages_for(grid, list(batch), sheet, options, words, (n, len(batches)))


def _unique_ints(values: Iterable[int]) -> list[int]:
    return list(dict.fromkeys(values))


def _pages_for(
    grid: Grid,
    batch: list[CardRef],
    sheet: int,
    options: PrintOptions,
    words: list[str],
    numbering: tuple[int, int],
) -> Iterator[SheetPage]:
    fronts: list[Placement] = []
    for slot, card in zip(grid.slots, batch, strict=False):
        fronts.append(Placement(grid.front_rect(slot), card, Face.FRONT, 0, grid.front_bleed()))
        if grid.fold:
            fronts.append(
                Placement(grid.fold_back_rect(slot), card, Face.BACK, 0, grid.fold_back_bleed())
            )
    front_face = "fronts and backs, fold" if grid.fold else "front"
    yield SheetPage(
        Face.FRONT,
        sheet,
        grid.page_size,
        tuple(fronts),
        grid.marks,
        grid.cut_lines,
        (*words, front_face),
        grid.slug_box,
        *numbering,
    )
    if grid.back_mirror:
        rotation = 180 if grid.back_mirror == "y" else 0
        b = grid.bleed
        backs = tuple(
            Placement(
                grid.back_rect(p.rect, options.back_offset),
                p.card,
                Face.BACK,
                rotation,
                (b, b, b, b),
            )
            for p in fronts
        )
        # No marks on backs: a printer's drift would put them off the cut lines.
        yield SheetPage(
            Face.BACK,
            sheet,
            grid.page_size,
            backs,
            (),
            (),
            (*words, "back"),
            grid.slug_box,
            *numbering,
        )
