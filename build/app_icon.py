"""The app icon, drawn at build time: three laminated cards fanned on a rounded tile.

Drawn with Pillow (already installed as a ReportLab dependency) so nothing is downloaded and no
binary image lives in git. PyInstaller turns the PNG into the Windows .ico and the macOS .icns.
Run directly to preview: `python build/app_icon.py out.png`.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 1024
SUPERSAMPLE = 2  # drawn twice as large, then shrunk: Pillow's shapes have no anti-aliasing

TILE = "#1f5f8b"  # the sample decks' "Role" blue
CARD = "#fbfaf5"
EDGE = "#d9d6cc"
STRIPES = ("#c0504d", "#e3a33b", "#4f9a6b")  # one suit colour per card
TEXT_LINE = "#b8b4a8"


def _card(size: int, stripe: str) -> Image.Image:
    """One poker-proportioned card (63x88) with a suit stripe and two lines of 'text'."""
    w, h = int(size * 0.34), int(size * 0.34 * 88 / 63)
    card = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(card)
    radius = w // 12
    border = max(2, w // 60)
    draw.rounded_rectangle((0, 0, w - 1, h - 1), radius, fill=EDGE)
    draw.rounded_rectangle((border, border, w - 1 - border, h - 1 - border), radius, fill=CARD)
    pad = w // 9
    draw.rounded_rectangle((pad, pad, w - pad, pad + h // 7), radius // 2, fill=stripe)
    line = max(3, h // 28)
    for i, length in enumerate((0.78, 0.55)):
        top = pad + h // 7 + h // 8 + i * line * 3
        draw.rounded_rectangle(
            (pad, top, pad + int((w - 2 * pad) * length), top + line), line // 2, fill=TEXT_LINE
        )
    return card


def draw_icon(size: int = SIZE) -> Image.Image:
    big = size * SUPERSAMPLE
    icon = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(icon)
    margin = big // 16
    draw.rounded_rectangle((margin, margin, big - margin, big - margin), big // 5, fill=TILE)
    # Fanned as in a hand: each card turns about a point below the middle of the tile.
    pivot_x, pivot_y, reach = big * 0.5, big * 0.82, big * 0.36
    for stripe, angle in zip(STRIPES, (20, 0, -20), strict=True):
        card = _card(big, stripe).rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
        cx = pivot_x - reach * math.sin(math.radians(angle))
        cy = pivot_y - reach * math.cos(math.radians(angle))
        icon.alpha_composite(card, (int(cx - card.width / 2), int(cy - card.height / 2)))
    return icon.resize((size, size), Image.Resampling.LANCZOS)


def write_icon(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    draw_icon().save(path)
    return path


if __name__ == "__main__":
    print(write_icon(Path(sys.argv[1] if len(sys.argv) > 1 else "build/out/facilitator.png")))
