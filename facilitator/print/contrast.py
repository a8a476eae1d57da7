"""Text on a coloured band: dark or light, whichever reads better (WCAG 2 contrast ratio).

WCAG asks 4.5:1 for small text; a colour that reaches it with neither dark nor light text
(a middle grey, say) is reported, so the deck's author can pick another.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

MIN_CONTRAST = 4.5
LIGHT_TEXT = "#ffffff"
DARK_TEXT = "#1b1b1b"


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of `#rrggbb`."""
    text = colour.lstrip("#")
    r, g, b = (_channel(int(text[i : i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@dataclass(frozen=True)
class TextColour:
    ink: str  # the text colour to use on the background
    ratio: float  # its contrast ratio against the background

    @property
    def readable(self) -> bool:
        return self.ratio >= MIN_CONTRAST


@cache
def text_on(background: str) -> TextColour:
    """Light or dark text for `background`, whichever has the higher contrast (cached: every
    card of a suit asks for the same colour)."""
    light = contrast_ratio(LIGHT_TEXT, background)
    dark = contrast_ratio(DARK_TEXT, background)
    return TextColour(LIGHT_TEXT, light) if light >= dark else TextColour(DARK_TEXT, dark)
