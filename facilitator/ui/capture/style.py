"""Sizes and colours of capture mode: large, calm, readable at arm's length in a dim bar."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont

ENTRY_PT = 20  # the typed ranking and the key fields
BODY_PT = 13
HEADING_PT = 16
TIMER_PT = 26
QUIET_INK = "#5b6470"
PROBLEM_INK = "#a04a00"  # flagged codes: noticeable, not alarming
NOT_SAVED_INK = "#b3261e"  # the saved state when a save failed: the fail banner's red
FAIL_BANNER = "background:#b3261e; color:white; padding:8px 12px; font-weight:bold;"
READ_ONLY_BANNER = "background:#f2c14e; color:#1b1b1b; padding:8px 12px; font-weight:bold;"
TIMER_COLOURS = {  # by timebox phase: text, background
    "calm": ("#1b1b1b", "#e9eef3"),
    "warning": ("#1b1b1b", "#f2c14e"),
    "urgent": ("#ffffff", "#d9822b"),
    "over": ("#ffffff", "#b3261e"),
}
STATE_MARKS = {"not started": "○", "in progress": "◐", "recorded": "●"}
WARNING_MARK = "⚠"  # in progress with typed codes to fix


def font(points: int, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSize(points)
    f.setBold(bold)
    return f


def text_on(colour: str) -> str:
    """Black or white, whichever reads better on `colour`."""
    c = QColor(colour)
    luminance = 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue()
    return "#1b1b1b" if luminance > 150 else "#ffffff"
