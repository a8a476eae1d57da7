"""Lengths typed by people (`63mm`, `2.5in`, `63x88mm`, `1.5,-0.5`) turned into millimetres."""

from __future__ import annotations

import math
import re

from facilitator.errors import InputError

MM_PER_UNIT = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72.0}
PT_PER_MM = 72.0 / 25.4

_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)"
_UNIT = r"(?:mm|cm|in|pt)?"
_LENGTH = re.compile(rf"^\s*({_NUMBER})\s*({_UNIT})\s*$", re.IGNORECASE)
_SIZE = re.compile(
    rf"^\s*({_NUMBER})\s*({_UNIT})\s*[x×*]\s*({_NUMBER})\s*({_UNIT})\s*$", re.IGNORECASE
)


def mm_to_pt(mm: float) -> float:
    return mm * PT_PER_MM


def pt_to_mm(pt: float) -> float:
    return pt / PT_PER_MM


def _to_mm(number: str, unit: str, default_unit: str) -> float:
    value = float(number) * MM_PER_UNIT[(unit or default_unit).lower()]
    if not math.isfinite(value):
        raise ValueError(number)
    return value


def parse_length(text: str, what: str = "length", default_unit: str = "mm") -> float:
    """`63mm`, `6.3cm`, `2.5in`, `12pt`, or a bare number in `default_unit`; returns mm."""
    match = _LENGTH.match(str(text))
    if not match:
        raise InputError(f'{what}: "{text}" is not a length like "8mm", "0.3in" or "8"')
    return _to_mm(match.group(1), match.group(2), default_unit)


def parse_size(text: str, what: str = "size") -> tuple[float, float]:
    """`63x88mm`, `63mm x 88mm`, `2.5x3.5in` (a unit after the second number covers both)."""
    match = _SIZE.match(str(text))
    if not match:
        raise InputError(f'{what}: "{text}" is not a size like "63x88mm" or "2.5x3.5in"')
    first_unit = match.group(2) or match.group(4) or "mm"
    width = _to_mm(match.group(1), first_unit, "mm")
    height = _to_mm(match.group(3), match.group(4) or first_unit, "mm")
    if width <= 0 or height <= 0:
        raise InputError(f'{what}: "{text}" must have a width and height above zero')
    return width, height


def parse_offset(text: str, what: str = "offset") -> tuple[float, float]:
    """`X,Y` in mm (each may carry a unit): `1.5,-0.5` or `0.5mm,1mm`."""
    parts = str(text).split(",")
    if len(parts) != 2:
        raise InputError(f'{what}: "{text}" is not an offset like "1.5,-0.5" (X,Y in mm)')
    return (
        parse_length(parts[0], what),
        parse_length(parts[1], what),
    )


def format_mm(value: float) -> str:
    """A length for people: `63`, `85.6`, `3.18` (no trailing zeros)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")
