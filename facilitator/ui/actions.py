"""Actions (menu entries with their keys), made the way the first window can afford."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction


def new_action(text: str, parent: QObject) -> QAction:
    """A QAction called `text`. Named arguments pick QAction's (text, parent) form at once;
    given in order, PySide first tries the (icon, text, parent) form, which makes Qt's icon
    types: about 2 % of the first window's start, for icons it never shows."""
    return QAction(text=text, parent=parent)
