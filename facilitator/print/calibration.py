"""The duplex calibration sheet: crosses on the front, scales on the back.

Held up to a light, each front cross shows through the back; where its lines cross the
scales is the back offset the printer needs. The back is printed without any offset, so the
numbers read are the offset to use: a tick labelled t sits t mm from where the cross should
fall, so a printer that shifts the back by e puts tick -e under the cross, and -e cancels it.

The centre target gives the offset; smaller targets near the four corners show whether the
printer also turns or stretches the back (corners that read unlike the centre).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from facilitator.print.fit_text import wrap
from facilitator.print.fonts import BOLD, REGULAR, register_fonts
from facilitator.print.options import PrintOptions
from facilitator.print.pdf_pages import PageJob
from facilitator.print.sheet_plan import Grid, Rect, plan_grid

SCALE_RANGE_MM = 10  # the centre scales read from -10 to +10 mm
CORNER_RANGE_MM = 5  # the corner scales, from -5 to +5 mm
SCALE_DISTANCE_MM = 30.0  # centre scales sit this far from the centre, clear of the cross
CORNER_DISTANCE_MM = 9.0
CROSS_ARM_MM = 60.0
CORNER_ARM_MM = 14.0
CORNER_INSET_MM = 22.0  # corner targets sit this far inside the printable corners
EDGE_MM = 8.0  # text keeps this far from the paper's edge (well clear of 3 mm)
MIN_CORNER_PAPER_MM = 140.0  # smaller paper (A6) has room for the centre target only
TEXT_PT = 9.0
INK = HexColor("#1b1b1b")
QUIET = HexColor("#555555")
ACCENT = HexColor("#c0392b")
PANEL = HexColor("#eef3f7")


@dataclass(frozen=True)
class Target:
    """A cross on the front at (x, y) and, on the back, the scales behind it (mm)."""

    x: float
    y: float
    back_x: float  # where the cross falls on the back page when the printer is exact
    back_y: float
    range_mm: int
    arm: float
    distance: float  # from the cross to each scale


def cross_centre(size: tuple[float, float]) -> tuple[float, float]:
    """Where the front's main cross is, in mm: the page centre, which both flips map onto
    itself."""
    return size[0] / 2, size[1] / 2


def targets(grid: Grid) -> list[Target]:
    """The centre target and, on paper big enough to keep them apart (A5 and up), one near
    each corner of the printable area, below the instructions."""
    w, h = grid.page_size
    cx, cy = cross_centre(grid.page_size)
    arm = min(CROSS_ARM_MM, min(w, h) / 2 - EDGE_MM - 4)
    out = [Target(cx, cy, cx, cy, SCALE_RANGE_MM, arm, SCALE_DISTANCE_MM)]
    if min(w, h) < MIN_CORNER_PAPER_MM:
        return out
    top = h - EDGE_MM - instructions_height(grid.page_size) - CORNER_ARM_MM - 4
    p = grid.printable.grow(-CORNER_INSET_MM)
    for x, y in ((p.x, p.y), (p.right, p.y), (p.x, top), (p.right, top)):
        behind = grid.back_rect(Rect(x, y, 0, 0))
        out.append(
            Target(x, y, behind.x, behind.y, CORNER_RANGE_MM, CORNER_ARM_MM, CORNER_DISTANCE_MM)
        )
    return out


def scale_ticks(size: tuple[float, float]) -> list[tuple[float, float, float]]:
    """The centre scales' ticks as (value read, x of the tick on scale X, y on scale Y), mm.

    The tick for value t sits t mm from where the cross falls when the printer is exact.
    """
    cx, cy = cross_centre(size)
    return target_ticks(Target(cx, cy, cx, cy, SCALE_RANGE_MM, CROSS_ARM_MM, SCALE_DISTANCE_MM))


def target_ticks(target: Target) -> list[tuple[float, float, float]]:
    r = target.range_mm
    return [
        (half / 2, target.back_x + half / 2, target.back_y + half / 2)
        for half in range(-r * 2, r * 2 + 1)
    ]


def calibration_pages(options: PrintOptions) -> Iterator[PageJob]:
    """The front and back of the calibration sheet, on the card sheets' paper and orientation."""
    register_fonts()
    grid = plan_grid(options)
    size = grid.page_size
    edge = "long" if options.duplex.value == "long" else "short"
    marks = targets(grid)
    yield PageJob(size, lambda c: _front(c, size, edge, marks))
    yield PageJob(size, lambda c: _back(c, size, marks))


BACK_TEXT = [
    "Duplex calibration: back",
    "Hold this side towards you against the light: the red crosses on the front show through.",
    "At the centre, X is where the upright red line crosses scale X, Y where the level "
    "red line crosses scale Y. Print your cards with --back-offset X,Y (in the app: "
    "Back offset). 0,0 means the printer lines up.",
    "The small scales near the corners should read the same; if they differ, the "
    "printer also turns or stretches the back: use the centre's numbers.",
    "This sheet ignores any back offset, so the numbers you read are the offset to use.",
]


def text_pt(size: tuple[float, float]) -> float:
    """Smaller type on small paper (A6), so the words stay clear of the centre target."""
    return TEXT_PT if size[0] >= MIN_CORNER_PAPER_MM else 7.0


def instructions_height(size: tuple[float, float]) -> float:
    """How far down the back's instructions reach from the top edge, in mm."""
    width = size[0] * mm - 2 * EDGE_MM * mm
    total = 3.0
    pt = text_pt(size)
    for i, text in enumerate(BACK_TEXT):
        font, this = (BOLD, pt + 3) if i == 0 else (REGULAR, pt)
        total += len(wrap(text, font, this, width)) * this * 1.35 + (3 if i == 0 else 0)
    return total / mm


def _text_block(c: Canvas, size: tuple[float, float], lines: list[str]) -> None:
    """Wrapped to the paper's width, from its top-left corner inwards."""
    pt = text_pt(size)
    x = EDGE_MM * mm
    y = size[1] * mm - EDGE_MM * mm - pt - 3
    width = size[0] * mm - 2 * EDGE_MM * mm
    c.setFillColor(INK)
    for i, text in enumerate(lines):
        font, this = (BOLD, pt + 3) if i == 0 else (REGULAR, pt)
        c.setFont(font, this)
        for line in wrap(text, font, this, width):
            c.drawString(x, y, line)
            y -= this * 1.35
        y -= 3 if i == 0 else 0


def _front(c: Canvas, size: tuple[float, float], edge: str, marks: list[Target]) -> None:
    _text_block(
        c,
        size,
        [
            "Duplex calibration: front",
            f"Print this sheet double-sided, flip on the {edge} edge, at 100 % (actual size).",
            "Then turn it over and hold it up to a window or a lamp.",
        ],
    )
    c.setStrokeColor(ACCENT)
    c.setLineWidth(0.6)
    for t in marks:
        x, y, arm = t.x * mm, t.y * mm, t.arm * mm
        c.line(x - arm, y, x + arm, y)
        c.line(x, y - arm, x, y + arm)
        c.circle(x, y, (3 if t.range_mm == SCALE_RANGE_MM else 1.5) * mm, stroke=1, fill=0)


def _back(c: Canvas, size: tuple[float, float], marks: list[Target]) -> None:
    _text_block(c, size, BACK_TEXT)
    for t in marks:
        _scales(c, t, words=min(size) >= MIN_CORNER_PAPER_MM)


def _scales(c: Canvas, t: Target, words: bool = True) -> None:
    """Scale X below where the cross falls, scale Y to its right, with their numbers."""
    big = t.range_mm == SCALE_RANGE_MM
    bx, by = t.back_x * mm, t.back_y * mm
    sx_y = by - t.distance * mm
    sy_x = bx + t.distance * mm
    if big:
        c.setFillColor(PANEL)
        c.roundRect(bx - 14 * mm, sx_y - 16 * mm, 28 * mm, 19 * mm, 3 * mm, stroke=0, fill=1)
        c.roundRect(sy_x - 3 * mm, by - 13 * mm, 19 * mm, 26 * mm, 3 * mm, stroke=0, fill=1)
    c.setStrokeColor(INK)
    c.setFillColor(INK)
    for value, x, y in target_ticks(t):
        half = round(value * 2)
        length = 2.5 * mm if half % 2 else 4.5 * mm
        if half % 10 == 0:
            length = 7 * mm if big else 5 * mm
        c.setLineWidth(0.9 if half == 0 else 0.4)
        c.line(x * mm, sx_y, x * mm, sx_y - length)
        c.line(sy_x, y * mm, sy_x + length, y * mm)
        if half % 10 == 0 and (big or half == 0):
            label = f"{value:+g}" if value else "0"
            c.setFont(BOLD, 7.5 if big else 6)
            c.drawCentredString(x * mm, sx_y - (10.5 if big else 7.5) * mm, label)
            c.drawString(sy_x + (8.5 if big else 6) * mm, y * mm - 2.6, label)
    r = t.range_mm
    c.setLineWidth(0.5)
    c.line(bx - r * mm, sx_y, bx + r * mm, sx_y)
    c.line(sy_x, by - r * mm, sy_x, by + r * mm)
    c.setFont(BOLD, 8 if big else 6)
    c.drawCentredString(bx, sx_y - (14.5 if big else 10) * mm, "X (mm)")
    c.drawString(sy_x - 1 * mm, by + (r + 2) * mm, "Y (mm)")
    if big and words:
        c.setFillColor(QUIET)
        c.setFont(REGULAR, 7)
        c.drawCentredString(bx, sx_y - 18.5 * mm, "+ moves the backs right, as seen here")
        c.drawRightString(sy_x + 16 * mm, by + (r + 5.5) * mm, "+ moves the backs up")
