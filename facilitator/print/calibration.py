"""The duplex calibration sheet: a cross on the front, two scales on the back.

Held up to a light, the front's cross shows through the back; where its lines cross the
scales is the back offset the printer needs. The back is printed without any offset, so the
numbers read are the offset to use: a tick labelled t sits t mm from where the cross should
fall, so a printer that shifts the back by e puts tick -e under the cross, and -e cancels it.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from facilitator.print.fonts import BOLD, REGULAR, register_fonts
from facilitator.print.options import PrintOptions
from facilitator.print.pdf_pages import PageJob
from facilitator.print.sheet_plan import plan_grid

SCALE_RANGE_MM = 10  # the scales read from -10 to +10 mm
SCALE_DISTANCE_MM = 30.0  # scales sit this far from the centre, clear of the cross
CROSS_ARM_MM = 60.0
INK = HexColor("#1b1b1b")
QUIET = HexColor("#555555")
ACCENT = HexColor("#c0392b")
PANEL = HexColor("#eef3f7")


def cross_centre(size: tuple[float, float]) -> tuple[float, float]:
    """Where the front's cross is, in mm: the page centre, which both flips map onto itself."""
    return size[0] / 2, size[1] / 2


def scale_ticks(size: tuple[float, float]) -> list[tuple[float, float, float]]:
    """The back's ticks as (value read, x of the tick on scale X, y of the tick on scale Y), mm.

    The tick for value t sits t mm from where the cross falls when the printer is exact.
    """
    cx, cy = cross_centre(size)
    return [
        (half / 2, cx + half / 2, cy + half / 2)
        for half in range(-SCALE_RANGE_MM * 2, SCALE_RANGE_MM * 2 + 1)
    ]


def calibration_pages(options: PrintOptions) -> Iterator[PageJob]:
    """The front and back of the calibration sheet, on the card sheets' paper and orientation."""
    register_fonts()
    grid = plan_grid(options)
    size = grid.page_size
    edge = "long" if options.duplex.value == "long" else "short"
    yield PageJob(size, lambda c: _front(c, size, edge))
    yield PageJob(size, lambda c: _back(c, size))


def _text_block(c: Canvas, x: float, y: float, lines: list[str], pt: float = 9.5) -> None:
    c.setFillColor(INK)
    for i, line in enumerate(lines):
        c.setFont(BOLD if i == 0 else REGULAR, pt + (3 if i == 0 else 0))
        c.drawString(x, y, line)
        y -= pt * 1.45 + (4 if i == 0 else 0)


def _front(c: Canvas, size: tuple[float, float], edge: str) -> None:
    h = size[1] * mm
    cx, cy = (v * mm for v in cross_centre(size))
    _text_block(
        c,
        15 * mm,
        h - 20 * mm,
        [
            "Duplex calibration: front",
            f"Print this sheet double-sided, flip on the {edge} edge, at 100 % (actual size).",
            "Then turn it over and hold it up to a window or a lamp.",
        ],
    )
    c.setStrokeColor(ACCENT)
    c.setLineWidth(0.6)
    arm = CROSS_ARM_MM * mm
    c.line(cx - arm, cy, cx + arm, cy)
    c.line(cx, cy - arm, cx, cy + arm)
    c.circle(cx, cy, 3 * mm, stroke=1, fill=0)


def _back(c: Canvas, size: tuple[float, float]) -> None:
    h = size[1] * mm
    cx, cy = (v * mm for v in cross_centre(size))
    _text_block(
        c,
        15 * mm,
        h - 20 * mm,
        [
            "Duplex calibration: back",
            "Hold this side towards you against the light: the red cross on the front shows "
            "through.",
            "X: where the upright red line crosses scale X.   Y: where the level red line crosses "
            "scale Y.",
            "Print your cards with  --back-offset X,Y  (in the app: Back offset). 0,0 means the "
            "printer lines up.",
            "This sheet ignores any back offset, so the numbers you read are the offset to use.",
        ],
    )
    c.setStrokeColor(INK)
    c.setFillColor(INK)
    # Scale X: horizontal, below the centre; scale Y: upright, right of the centre.
    sx_y = cy - SCALE_DISTANCE_MM * mm
    sy_x = cx + SCALE_DISTANCE_MM * mm
    # Light panels so the small scales are found at a glance.
    c.setFillColor(PANEL)
    c.roundRect(cx - 36 * mm, sx_y - 25 * mm, 72 * mm, 28 * mm, 3 * mm, stroke=0, fill=1)
    c.roundRect(sy_x - 3 * mm, cy - 13 * mm, 62 * mm, 26 * mm, 3 * mm, stroke=0, fill=1)
    c.setFillColor(INK)
    for value, x, y in scale_ticks(size):
        half = round(value * 2)
        length = 2.5 * mm
        if half % 2 == 0:
            length = 4.5 * mm
        if half % 10 == 0:
            length = 7 * mm
        c.setLineWidth(0.9 if half == 0 else 0.4)
        c.line(x * mm, sx_y, x * mm, sx_y - length)
        c.line(sy_x, y * mm, sy_x + length, y * mm)
        if half % 10 == 0:
            label = f"{value:+g}" if value else "0"
            c.setFont(BOLD, 7.5)
            c.drawCentredString(x * mm, sx_y - 10.5 * mm, label)
            c.drawString(sy_x + 8.5 * mm, y * mm - 2.6, label)
    c.setLineWidth(0.5)
    c.line(cx - SCALE_RANGE_MM * mm, sx_y, cx + SCALE_RANGE_MM * mm, sx_y)
    c.line(sy_x, cy - SCALE_RANGE_MM * mm, sy_x, cy + SCALE_RANGE_MM * mm)
    c.setFont(BOLD, 11)
    c.drawCentredString(cx, sx_y - 16 * mm, "scale X (mm)")
    c.drawString(sy_x + 16 * mm, cy - 4, "scale Y (mm)")
    c.setFillColor(QUIET)
    c.setFont(REGULAR, 8)
    c.drawCentredString(cx, sx_y - 21 * mm, "+ moves the backs right, as you look at this side")
    c.drawString(sy_x + 16 * mm, cy - 14, "+ moves the backs up")
