"""The PDF report's look: page, colours, text styles and the small pieces drawn in vector.

Every piece of user text goes through `text()`: printable in the embedded font, markup escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, TableStyle

from facilitator.outcomes import Verdict
from facilitator.print.fonts import BOLD, REGULAR, printable_text, register_fonts
from facilitator.reports import wording as w
from facilitator.reports.model import TableInfo
from facilitator.verdict_colours import VERDICT_COLOURS as VERDICT_HEX

MARGIN_MM = 18.0
PAGE = A4
BODY_WIDTH = PAGE[0] - 2 * MARGIN_MM * mm
INK = HexColor("#1b1b1b")
MUTED = HexColor("#5a5a5a")
RULE = HexColor("#c8c8c8")
ACCENT = HexColor("#1f5f8b")
HEAT_LOW = HexColor("#ffffff")
HEAT_HIGH = HexColor("#1f5f8b")
DIFF_HIGH = HexColor("#e07b39")  # a table's place far from the consensus; a card moved down
MOVED_UP = HexColor("#2e7d32")
OUTLIER = HexColor("#b3261e")
# The shared verdict colours, as ReportLab colours.
VERDICT_COLOURS = {verdict: HexColor(hex_) for verdict, hex_ in VERDICT_HEX.items()}
TABLE_COLUMNS_PER_BLOCK = 8  # more tables than this: the comparison continues below
TARGET_COLUMNS_PER_BLOCK = 9
TITLE_COLUMN_MM = 58.0
BAR_HEIGHT_MM = 4.0


def text(value: str) -> str:
    """User text made safe for a Paragraph: printable in the embedded font, markup escaped."""
    return escape(printable_text(value)).replace("\n", "<br/>")


def bold(value: str) -> str:
    return f'<font name="{BOLD}">{text(value)}</font>'


class Styles:
    def __init__(self) -> None:
        register_fonts()
        base = ParagraphStyle("body", fontName=REGULAR, fontSize=10, leading=13.5, textColor=INK)
        self.body = base
        self.title = ParagraphStyle("title", base, fontName=BOLD, fontSize=22, leading=27)
        self.subtitle = ParagraphStyle(
            "subtitle", base, fontSize=11, leading=15, textColor=MUTED, spaceAfter=6
        )
        self.h1 = ParagraphStyle(
            "h1",
            base,
            fontName=BOLD,
            fontSize=15,
            leading=19,
            spaceBefore=14,
            spaceAfter=4,
            textColor=ACCENT,
            keepWithNext=1,
        )
        self.h2 = ParagraphStyle(
            "h2",
            base,
            fontName=BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=10,
            spaceAfter=3,
            keepWithNext=1,
        )
        self.small = ParagraphStyle("small", base, fontSize=8.5, leading=11)
        self.small_bold = ParagraphStyle("small_bold", self.small, fontName=BOLD)
        self.tiny = ParagraphStyle("tiny", base, fontSize=7.5, leading=9.2, alignment=1)
        self.muted = ParagraphStyle("muted", base, fontSize=9, leading=12, textColor=MUTED)
        self.bullet = ParagraphStyle("bullet", base, leftIndent=12, bulletIndent=2, spaceAfter=1)


def grid_style(extra: Sequence[tuple[Any, ...]] = ()) -> TableStyle:
    return TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            *extra,
        ]
    )


def table_head(table: TableInfo, style: ParagraphStyle) -> Paragraph:
    """The table's name after a square in its colour, so tables read the same as their cards."""
    return Paragraph(f'<font color="{table.colour}">■</font> {text(table.name)}', style)


class RotatedLabel(Flowable):
    """A column label drawn upwards, so long role names fit narrow heat-map columns."""

    MAX_HEIGHT = 38 * mm

    def __init__(self, label: str, width: float, size: float = 7.5) -> None:
        super().__init__()
        register_fonts()
        self.label = printable_text(" ".join(label.split()))
        self.size = size
        while stringWidth(self.label, REGULAR, self.size) > self.MAX_HEIGHT and self.size > 6:
            self.size -= 0.5
        while stringWidth(self.label, REGULAR, self.size) > self.MAX_HEIGHT:
            self.label = self.label[:-2] + "…"
        self.width = width
        self.height = stringWidth(self.label, REGULAR, self.size) + 2

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setFont(REGULAR, self.size)
        self.canv.setFillColor(INK)
        self.canv.translate(self.width / 2 + self.size * 0.35, 0)
        self.canv.rotate(90)
        self.canv.drawString(0, 0, self.label)
        self.canv.restoreState()


NO_PADDING = [
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
]


class VerdictBar(Flowable):
    """A stacked bar of the verdicts, one segment per table, coloured by verdict."""

    def __init__(self, verdicts: Mapping[Verdict, int], width: float) -> None:
        super().__init__()
        self.verdicts, self.width, self.height = verdicts, width, BAR_HEIGHT_MM * mm

    def draw(self) -> None:
        total = sum(self.verdicts.values())
        if not total:
            return
        x = 0.0
        for verdict, n in self.verdicts.items():
            if not n:
                continue
            seg = self.width * n / total
            self.canv.setFillColor(VERDICT_COLOURS[verdict])
            self.canv.setStrokeColor(colors.white)
            self.canv.rect(x, 0, seg, self.height, stroke=1, fill=1)
            x += seg


def legend(styles: Styles) -> Drawing:
    d = Drawing(BODY_WIDTH, 5 * mm)
    x = 0.0
    for verdict, colour in VERDICT_COLOURS.items():
        if verdict is None:  # bars count verdicts given; "no verdict yet" is never a bar
            continue
        d.add(Rect(x, 0.8 * mm, 3 * mm, 3 * mm, fillColor=colour, strokeColor=None))
        label = w.verdict_label(verdict)
        d.add(String(x + 4.2 * mm, 1.2 * mm, label, fontName=REGULAR, fontSize=8, fillColor=MUTED))
        x += 4.2 * mm + len(label) * 1.7 * mm + 6 * mm
    return d
