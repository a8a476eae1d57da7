"""The embedded Unicode font (DejaVu Sans, shipped in print/fonts/ with its licence).

Standard PDF fonts cover Latin-1 only; this one covers Polish, Greek, Cyrillic and more, and is
embedded (subset) in every PDF. Characters it lacks are reported, and printed as `?`, never as
empty boxes.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR = "FacilitatorSans"
BOLD = "FacilitatorSans-Bold"
FONT_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
FONT_FAMILY_NAME = "DejaVu Sans"
REPLACEMENT = "?"


@cache
def register_fonts() -> tuple[str, str]:
    """Register the fonts with ReportLab once per process; returns (regular, bold)."""
    for name, file in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
    return REGULAR, BOLD


@cache
def _covered(font_name: str) -> frozenset[int]:
    register_fonts()
    font = pdfmetrics.getFont(font_name)
    return frozenset(font.face.charToGlyph)


@cache
def _covered_by_both() -> frozenset[int]:
    # Once: intersecting two sets of thousands of code points costs more than a card's text.
    return _covered(REGULAR) & _covered(BOLD)


def _printable(ch: str) -> bool:
    # Line breaks and tabs are layout; other control and format characters print nothing.
    return ch in "\n\t" or unicodedata.category(ch)[0] != "C"


def missing_glyphs(text: str) -> list[str]:
    """Characters of `text` that the embedded fonts cannot draw, in order, without repeats."""
    covered = _covered(REGULAR) & _covered(BOLD)
    seen: dict[str, None] = {}
    for ch in text:
        if _printable(ch) and ch not in "\n\t" and ord(ch) not in covered:
            seen.setdefault(ch)
    return list(seen)


def has_right_to_left(text: str) -> bool:
    """True if `text` holds Hebrew, Arabic or other right-to-left letters: the cards draw
    text left to right, so such words would print reversed."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def printable_text(text: str) -> str:
    """`text` as it will print: control characters dropped, missing glyphs shown as `?`."""
    covered = _covered_by_both()
    out = []
    for ch in text:
        if ch == "\t":
            out.append(" ")
        elif ch == "\n" or ord(ch) in covered:
            out.append(ch)
        elif _printable(ch):
            out.append(REPLACEMENT)
    return "".join(out)


def describe_glyphs(chars: list[str]) -> str:
    """`"中" (U+4E2D), "文" (U+6587)` for a warning."""
    return ", ".join(f'"{ch}" (U+{ord(ch):04X})' for ch in chars)
