"""The main window's place: it fits the screen it opens on, and comes back where it was left
on that screen (a laptop alone and a laptop at a projector each keep their own place)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QCursor, QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

PREFERRED_SIZE = QSize(1240, 760)
GEOMETRY_KEY = "window/geometry"  # before places were kept per screen: read, never written
# The title bar and borders a desktop adds around the window before it is first shown (after
# that the real frame is known and the window is fitted again).
FRAME_ALLOWANCE = QSize(16, 40)


def screen_key(screen: QScreen) -> str:
    """One name per screen and resolution: the same monitor at another resolution is another
    place."""
    size = screen.size()
    name = "".join(c if c.isalnum() else "-" for c in screen.name()) or "screen"
    return f"{GEOMETRY_KEY}/{name}-{size.width()}x{size.height()}"


def opening_screen() -> QScreen:
    """Where a new window appears: the screen under the mouse pointer, else the primary."""
    return QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()


def fitted(frame: QRect, available: QRect) -> QRect:
    """`frame` shrunk to at most `available`'s size and moved inside it (no part off-screen)."""
    width = min(frame.width(), available.width())
    height = min(frame.height(), available.height())
    x = min(max(frame.x(), available.x()), available.right() + 1 - width)
    y = min(max(frame.y(), available.y()), available.bottom() + 1 - height)
    return QRect(x, y, width, height)


def restore_place(window: QWidget, settings: QSettings) -> bool:
    """Size and place `window` for the screen it opens on, before it is shown.

    Returns whether a place saved on that screen (or an older, screen-less one) was used."""
    screen = opening_screen()
    saved = settings.value(screen_key(screen))
    if not isinstance(saved, QByteArray):
        saved = settings.value(GEOMETRY_KEY)
    restored = isinstance(saved, QByteArray) and window.restoreGeometry(saved)
    available = screen.availableGeometry()
    if not restored:
        size = PREFERRED_SIZE.boundedTo(available.size() - FRAME_ALLOWANCE)
        window.resize(size)
        centre = available.center() - QPoint(size.width() // 2, size.height() // 2)
        window.move(centre)
    fit_on_screen(window, frame_allowance=FRAME_ALLOWANCE)
    return restored


def fit_on_screen(window: QWidget, frame_allowance: QSize | None = None) -> None:
    """Shrink and move `window` so its frame lies within its screen's available area."""
    if window.isMaximized() or window.isFullScreen():
        return
    screen = window.screen() or opening_screen()
    available = screen.availableGeometry()
    frame = window.frameGeometry()
    if frame_allowance is not None and frame.size() == window.size():  # no frame known yet
        frame = frame.adjusted(0, 0, frame_allowance.width(), frame_allowance.height())
    margins = frame.size() - window.size()
    target = fitted(frame, available)
    if target != frame:
        window.resize(target.size() - margins)
        window.move(target.topLeft())


def save_place(window: QWidget, settings: QSettings) -> None:
    """Remember the window's place on the screen it is on now."""
    screen = window.screen() or opening_screen()
    settings.setValue(screen_key(screen), window.saveGeometry())
