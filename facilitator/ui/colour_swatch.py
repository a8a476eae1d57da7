"""A suit's colour as a small square icon, for the deck library and the card table."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPixmap

_ICONS: dict[tuple[str, int], QIcon] = {}


def colour_icon(colour: str, size: int = 12) -> QIcon:
    """A square swatch; cached, since table cells ask for it on every repaint."""
    icon = _ICONS.get((colour, size))
    if icon is None:
        pixmap = QPixmap(size, size)
        pixmap.fill(QColor(colour))
        icon = _ICONS[(colour, size)] = QIcon(pixmap)
    return icon
