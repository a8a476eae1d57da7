"""The room display: a second window for a projector or TV, read from across a bar.

The running timer in very large type, the activity (or prompt) under way and its
instructions. At 0:00 the window flashes; the capture page beeps. It shows what capture shows
and takes the same keys, so the facilitator can work from either window.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QFontMetrics, QMouseEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from facilitator.capture.timebox import Phase, Timebox, format_clock

TITLE = "Room display"
TICK_MS = 250
FLASHES = 8  # half-periods of the flash at 0:00 (four on, four off)
FLASH_MS = 350
PAPER = "#101418"  # dark: a projector's white washes out a dim room
INKS = {  # by timebox phase, on the dark paper
    Phase.CALM: "#ffffff",
    Phase.WARNING: "#f2c14e",
    Phase.URGENT: "#ff9d3c",
    Phase.OVER: "#ff5a4e",
}
FLASH_PAPER = "#b3261e"
QUIET = "#aeb7c2"
WINDOW_FLAGS = Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus
MARGIN = 40  # px at each side


class RoomDisplay(QWidget):
    """Shown with `show_activity` and `show_timebox`; closing it only hides it.

    `ranOut` fires once when the timer shown reaches 0:00 (and the window flashes).
    """

    ranOut = Signal()

    def __init__(
        self, parent: QWidget | None = None, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        # A window of its own (its parent only keeps it alive), movable to the projector.
        # It never takes the keyboard: typing stays in capture, even after a click on it.
        super().__init__(parent, WINDOW_FLAGS)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        # Painted edge to edge, also when it covers capture as a child widget.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.monotonic = monotonic
        self.timebox = Timebox(0.0)
        self._flashes_left = 0
        self._last_tick = monotonic()
        self.setAutoFillBackground(True)

        self.activity = QLabel(self)
        self.activity.setTextFormat(Qt.TextFormat.PlainText)
        self.activity.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.activity.setWordWrap(True)
        self.clock = QLabel("–:––", self)
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clock.setAccessibleName("Time left")
        self.clock.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.prompt = QLabel(self)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt.setWordWrap(True)
        self.instructions = QLabel(self)
        self.instructions.setTextFormat(Qt.TextFormat.PlainText)
        self.instructions.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.instructions.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, 24, MARGIN, 32)
        layout.addWidget(self.activity)
        layout.addWidget(self.clock, 1)
        layout.addWidget(self.prompt)
        layout.addWidget(self.instructions)

        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.refresh)
        self._flasher = QTimer(self)
        self._flasher.setInterval(FLASH_MS)
        self._flasher.timeout.connect(self._flash_step)
        self.resize(960, 540)
        self._paint(PAPER)
        self._fit_fonts()

    # --- what it shows -----------------------------------------------------------------------

    def show_activity(self, activity: str, prompt: str = "", instructions: str = "") -> None:
        """The activity's title; for a prompt its question; the instructions or prompt body."""
        self.activity.setText(activity)
        self.prompt.setText(prompt)
        self.prompt.setVisible(bool(prompt))
        self.instructions.setText(instructions)
        self.instructions.setVisible(bool(instructions))

    def show_timebox(self, timebox: Timebox) -> None:
        self.timebox = timebox
        self._last_tick = self.monotonic()
        self.refresh()

    def refresh(self) -> None:
        box = self.timebox
        now = self.monotonic()
        before, self._last_tick = self._last_tick, now
        if box.running and box.ran_out(before, now):
            self.flash()  # repaints, and so refreshes again: the tick is taken already
            self.ranOut.emit()
            return
        has_time = box.total > 0
        text = format_clock(box.remaining(now)) if has_time else ""
        if text != self.clock.text():
            self.clock.setText(text)
            self._fit_clock()
        phase = box.phase(now) if has_time else Phase.CALM
        # While the window flashes red, everything on it is white.
        ink = "white" if self.paper == FLASH_PAPER else INKS[phase]
        self.clock.setStyleSheet(f"color:{ink};")
        if box.running and not self._ticker.isActive():
            self._ticker.start()
        elif not box.running:
            self._ticker.stop()

    # --- 0:00 --------------------------------------------------------------------------------

    def flash(self) -> None:
        """Time is up: the window blinks red a few times, then stays dark with a red clock."""
        self._flashes_left = FLASHES
        self._flash_step()
        self._flasher.start()

    @property
    def flashing(self) -> bool:
        return self._flashes_left > 0

    def _flash_step(self) -> None:
        if self._flashes_left <= 0:
            self._flasher.stop()
            self._paint(PAPER)
            return
        self._paint(FLASH_PAPER if self._flashes_left % 2 == 0 else PAPER)
        self._flashes_left -= 1

    def _paint(self, paper: str) -> None:
        self.paper = paper
        self.setStyleSheet(
            f"RoomDisplay {{ background:{paper}; }} QLabel {{ color:white; background:{paper}; }}"
        )
        quiet = "white" if paper == FLASH_PAPER else QUIET
        self.activity.setStyleSheet(f"color:{quiet};")
        self.instructions.setStyleSheet(f"color:{quiet};")
        self.refresh()

    # --- size ----------------------------------------------------------------------------------

    def show_on(self, screens: list[QScreen], beside: QScreen | None) -> None:
        """A window on a screen other than the facilitator's (the projector), filling it; with
        one screen, a window to drag there (a double-click fills the screen it is on)."""
        self.setParent(self.parentWidget(), WINDOW_FLAGS)
        others = [s for s in screens if s is not beside]
        if others:
            self.setGeometry(others[0].geometry())
            self.showFullScreen()
        else:
            self.show()

    def cover(self, page: QWidget) -> None:
        """Cover `page` (one screen, mirrored to the room: a window manager keeps the focused
        full-screen window above any other, so the room display is shown inside it)."""
        self.setParent(page, Qt.WindowType.Widget)
        self.setGeometry(page.rect())
        self.show()
        self.raise_()

    @property
    def covering(self) -> bool:
        return self.isVisible() and not self.isWindow()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if not self.isWindow():
            return
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_fonts()

    def _fit_clock(self) -> None:
        """The clock as tall as a third of the window, narrower when its text would not fit
        ("-1:05:00" after an hour over time)."""
        clock = QFont()
        clock.setBold(True)
        size = max(24, int(self.height() * 0.36))
        clock.setPixelSize(size)
        room = self.width() - 2 * MARGIN
        wide = QFontMetrics(clock).horizontalAdvance(self.clock.text() or "00:00")
        if wide > room:
            clock.setPixelSize(max(12, int(size * room / wide)))
        self.clock.setFont(clock)

    def _fit_fonts(self) -> None:
        height = self.height()
        self._fit_clock()
        for label, share, bold in (
            (self.activity, 0.055, True),
            (self.prompt, 0.07, True),
            (self.instructions, 0.04, False),
        ):
            text = QFont()
            text.setBold(bold)
            text.setPixelSize(max(12, int(height * share)))
            label.setFont(text)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._ticker.stop()
        self._flasher.stop()
        super().closeEvent(event)
