"""The report's pictures, drawn once: the rank grid, the role × activity heat map, the verdict
bars. The PDF places these drawings on its pages; the Markdown export rasterises the very same
drawings to PNG files (ReportLab draws a one-page PDF, PDFium turns it into pixels), so the blog
post and the PDF can never show different pictures.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pypdfium2
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.lib import colors
from reportlab.lib.colors import Color, HexColor

from facilitator.decks.model import PromptKind
from facilitator.outcomes import MARKER_LABELS, Verdict
from facilitator.print.fit_text import clip, wrap
from facilitator.print.fonts import BOLD, REGULAR, printable_text, register_fonts
from facilitator.reports import wording as w
from facilitator.reports.model import MatchSection, PromptsSection, RankSection
from facilitator.verdict_colours import VERDICT_FILLS
from facilitator.wording import plural

WIDTH = 493.0  # points: the PDF's body width (A4 less 18 mm margins)
ROW = 15.0
HEAD = 30.0
TITLE_COLUMN = 170.0
TABLES_PER_PICTURE = 8
TARGETS_PER_PICTURE = 9
INK = HexColor("#1b1b1b")
MUTED = HexColor("#5a5a5a")
RULE = HexColor("#c8c8c8")
WHITE = colors.white
LEFT_OUT = HexColor("#eeeeee")
# Disagreement with the consensus: white (none) to a dark orange (every pair the other way).
FAR = HexColor("#b35806")
# Share of tables choosing a role: white to dark blue.
NEAR = HexColor("#1f5f8b")
PNG_DPI = 144

_PDFIUM = threading.Lock()  # PDFium is not safe in two threads at once


@dataclass(frozen=True)
class Picture:
    """A drawing with the words that stand for it where it cannot be seen (alt text)."""

    name: str  # a short file-name stem: "hierarchy-1"
    drawing: Drawing
    alt: str


def mix(low: Color, high: Color, share: float) -> Color:
    share = max(0.0, min(1.0, share))
    return Color(
        low.red + (high.red - low.red) * share,
        low.green + (high.green - low.green) * share,
        low.blue + (high.blue - low.blue) * share,
    )


def ink_on(fill: Color) -> Color:
    luminance = 0.2126 * fill.red + 0.7152 * fill.green + 0.0722 * fill.blue
    return WHITE if luminance < 0.5 else INK


def _text(
    group: Group,
    x: float,
    y: float,
    value: str,
    *,
    size: float = 8,
    font: str = REGULAR,
    colour: Color = INK,
    anchor: str = "start",
    width: float | None = None,
) -> None:
    value = printable_text(" ".join(value.split()))
    if width is not None:
        value = clip(value, font, size, width)
    group.add(
        String(x, y, value, fontName=font, fontSize=size, fillColor=colour, textAnchor=anchor)
    )


def _cell(group: Group, x: float, y: float, w_: float, h: float, fill: Color) -> None:
    group.add(Rect(x, y, w_, h, fillColor=fill, strokeColor=WHITE, strokeWidth=0.8))


# --- the rank grid -----------------------------------------------------------------------------


def _places(levels: Sequence[Sequence[str]]) -> dict[str, str]:
    """code -> its place label in a table's order: "3", or "2=" for a shared place."""
    labels, start = {}, 1
    for level in levels:
        for code in level:
            labels[code] = f"{start}=" if len(level) > 1 else str(start)
        start += len(level)
    return labels


def rank_pictures(section: RankSection, stem: str) -> list[Picture]:
    """Cards (consensus order) × tables: each table's place for the card, the cell coloured by
    the share of the card's pairs the table put the other way round from the consensus."""
    register_fonts()
    pictures = []
    tables = section.tables
    split_cards = {c: s.first for s in section.splits for c in s.cards}
    for block_start in range(0, len(tables), TABLES_PER_PICTURE):
        block = tables[block_start : block_start + TABLES_PER_PICTURE]
        n = len(section.consensus)
        height = HEAD + ROW * (n + 1) + 16
        d = Drawing(WIDTH, height)
        g = Group()
        col = (WIDTH - 18 - TITLE_COLUMN) / len(block)
        top = height - HEAD
        _text(g, 0, top + 6, "#", font=BOLD)
        _text(g, 18, top + 6, "Consensus, from the top", font=BOLD)
        for j, t in enumerate(block):
            x = 18 + TITLE_COLUMN + j * col
            g.add(Rect(x + 3, top + 17, 7, 7, fillColor=HexColor(t.table.colour), strokeColor=None))
            # A pooled table's name carries its event: "Table 1 (12 Mar 2015)" on two lines.
            name, _, event = t.table.name.partition(" (")
            _text(g, x + 12, top + 18, name, size=7.5, width=col - 14)
            below = f"({event}" if event else "place"
            _text(
                g,
                x + col / 2,
                top + 6,
                below,
                size=6.5,
                colour=MUTED,
                anchor="middle",
                width=col - 2,
            )
        for i, code in enumerate(section.consensus):
            y = top - ROW * (i + 1)
            place = f"{split_cards[code]}=" if code in split_cards else str(i + 1)
            _text(g, 14, y + 4, place, colour=MUTED, anchor="end")
            _text(g, 18, y + 4, section.title_of(code), width=TITLE_COLUMN - 4)
            for j, t in enumerate(block):
                x = 18 + TITLE_COLUMN + j * col
                labels = _places(t.levels)
                if code in labels:
                    fill = mix(WHITE, FAR, t.disagreement.get(code, 0.0))
                    label = labels[code]
                else:
                    fill, label = LEFT_OUT, "–"
                _cell(g, x, y, col, ROW, fill)
                _text(g, x + col / 2, y + 4, label, colour=ink_on(fill), anchor="middle")
        y = top - ROW * (n + 1)
        g.add(Rect(0, y + ROW, WIDTH, 0.8, fillColor=INK, strokeColor=None))
        _text(g, 18, y + 4, "Pairs the other way round", font=BOLD, size=7.5)
        for j, t in enumerate(block):
            x = 18 + TITLE_COLUMN + j * col
            flag = " ⚑" if t.outlier else ""  # a word would not fit eight narrow columns
            _text(
                g,
                x + col / 2,
                y + 4,
                f"{t.distance} ({w.percent(t.share)}){flag}",
                size=7.5,
                font=BOLD,
                anchor="middle",
                width=col - 2,
            )
        _text(
            g,
            0,
            4,
            "Cell: the table's place for the card (“2=” shared, “–” left out); the darker, the "
            "more of the card's pairs it put the other way round. ⚑ outlier.",
            size=6.5,
            colour=MUTED,
            width=WIDTH,
        )
        d.add(g)
        names = w.table_list([t.table for t in block])
        alt = (
            f"{section.title}: the places {names} gave each card, beside the consensus "
            f"(first: {section.title_of(section.consensus[0])})."
            if section.consensus
            else f"{section.title}: no order recorded."
        )
        suffix = (
            f"-{block_start // TABLES_PER_PICTURE + 1}" if len(tables) > TABLES_PER_PICTURE else ""
        )
        pictures.append(Picture(f"{stem}{suffix}", d, alt))
    return pictures


# --- the heat map ------------------------------------------------------------------------------


def match_pictures(section: MatchSection, stem: str) -> list[Picture]:
    """Activities × roles: how many tables put the activity under the role (of those that
    placed it), darker the more; the last column is how much the tables' choices overlap."""
    register_fonts()
    used = {t for a in section.agreement.values() for t in a.counts}
    targets = [(c.code, c.title) for c in section.targets]
    targets += [(m, MARKER_LABELS[m]) for m in MARKER_LABELS if m in used]
    pictures = []
    for block_start in range(0, len(targets), TARGETS_PER_PICTURE):
        block = targets[block_start : block_start + TARGETS_PER_PICTURE]
        label_height = 104.0
        n = len(section.items)
        height = label_height + ROW * n + 16
        d = Drawing(WIDTH, height)
        g = Group()
        agreement_w = 52.0
        col = (WIDTH - TITLE_COLUMN - agreement_w) / len(block)
        top = height - label_height
        _text(g, 0, top + 4, "Activity", font=BOLD)
        for j, (_, title) in enumerate([*block, ("", "Agreement")]):
            x = TITLE_COLUMN + j * col + col / 2 + 3
            label = Group()
            _text(label, 0, 0, title, size=7.5, width=label_height - 6)
            label.rotate(90)
            label.translate(0, -x)
            shift = Group(label)
            shift.translate(0, top + 3)
            g.add(shift)
        for i, item in enumerate(section.items):
            y = top - ROW * (i + 1)
            _text(g, 0, y + 4, item.title, width=TITLE_COLUMN - 4)
            a = section.agreement.get(item.code)
            for j, (code, _) in enumerate(block):
                x = TITLE_COLUMN + j * col
                count = a.counts.get(code, 0) if a else 0
                fill = mix(WHITE, NEAR, a.shares.get(code, 0.0) if a else 0.0)
                _cell(g, x, y, col, ROW, fill)
                if a and count:
                    _text(
                        g,
                        x + col / 2,
                        y + 4,
                        f"{count}/{a.placed}",
                        colour=ink_on(fill),
                        anchor="middle",
                    )
            x = TITLE_COLUMN + len(block) * col
            agreement = "–" if a is None or a.agreement is None else w.percent(a.agreement)
            disputed = item.code in section.disputed
            _text(
                g,
                x + agreement_w / 2,
                y + 4,
                agreement + (" ◆" if disputed else ""),
                font=BOLD if disputed else REGULAR,
                anchor="middle",
            )
        _text(
            g,
            0,
            4,
            "Cell: tables that put the activity under the role, of those that placed it. "
            "◆ most disputed.",
            size=6.5,
            colour=MUTED,
            width=WIDTH,
        )
        d.add(g)
        alt = (
            f"{section.title}: for each activity, how many of "
            f"{plural(len(section.tables), 'table')} put it under each role."
        )
        suffix = (
            f"-{block_start // TARGETS_PER_PICTURE + 1}"
            if len(targets) > TARGETS_PER_PICTURE
            else ""
        )
        pictures.append(Picture(f"{stem}{suffix}", d, alt))
    return pictures


# --- verdict bars ------------------------------------------------------------------------------


def verdict_bar_picture(
    rows: Sequence[tuple[str, Mapping[Verdict, int]]], stem: str, alt: str, label_width: float = 190
) -> Picture:
    """One stacked bar per row (a prompt, or an event), a segment per verdict with its count
    written on it, colours that differ in lightness as well as hue; a legend below."""
    register_fonts()
    bar_h = 13.0
    legend_h = 16.0
    row_h = 26.0  # room for a label of two lines
    height = legend_h + row_h * len(rows) + 4
    d = Drawing(WIDTH, height)
    g = Group()
    bar_w = WIDTH - label_width - 6
    most = max((sum(v.values()) for _, v in rows), default=0) or 1
    shown: list[Verdict] = []
    for i, (label, verdicts) in enumerate(rows):
        y = height - row_h * (i + 1) + (row_h - bar_h) / 2
        lines = wrap(printable_text(" ".join(label.split())), REGULAR, 8, label_width - 8)
        if len(lines) > 2:
            lines = [lines[0], " ".join(lines[1:])]
        for k, line in enumerate(lines):
            _text(g, 0, y + 3.5 + (len(lines) - 1) * 4.5 - k * 9, line, width=label_width - 8)
        x = label_width
        for verdict, count in verdicts.items():
            if not count:
                continue
            seg = bar_w * count / most
            fill = HexColor(VERDICT_FILLS[verdict])
            _cell(g, x, y, seg, bar_h, fill)
            _text(
                g, x + seg / 2, y + 3.5, str(count), font=BOLD, colour=ink_on(fill), anchor="middle"
            )
            x += seg
            if verdict not in shown:
                shown.append(verdict)
    x = 0.0
    for given in VERDICT_FILLS:
        if given is None or given not in shown:
            continue
        name = w.verdict_label(given)
        g.add(Rect(x, 4, 8, 8, fillColor=HexColor(VERDICT_FILLS[given]), strokeColor=None))
        _text(g, x + 11, 5, name, size=7.5, colour=MUTED)
        x += 11 + len(name) * 4.2 + 12
    d.add(g)
    return Picture(stem, d, alt)


def prompt_bars_picture(section: PromptsSection, stem: str) -> Picture:
    """The verdicts of each question (yes/no prompt) the tables reached, one bar each."""
    reached = [p for p in section.prompts if p.responses and p.kind == PromptKind.QUESTION]
    rows = [(p.question, p.verdicts) for p in reached]
    alt = "; ".join(
        f"{p.question} "
        + ", ".join(f"{w.verdict_label(v)} {n}" for v, n in p.verdicts.items() if n)
        for p in reached
    )
    return verdict_bar_picture(rows, f"{stem}-verdicts", f"The verdicts: {alt}")


# --- PNG ---------------------------------------------------------------------------------------


def png_of(drawing: Drawing, dpi: int = PNG_DPI) -> bytes:
    """The drawing as a PNG: drawn as a one-page PDF by ReportLab, rasterised by PDFium."""
    pdf = renderPDF.drawToString(drawing)
    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            page = document[0]
            image = page.render(scale=dpi / 72).to_pil()
            page.close()
        finally:
            document.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
