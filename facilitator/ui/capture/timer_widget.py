"""The timebox timer at the top right: start or pause, add two minutes; colour as time runs out."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from facilitator.capture.timebox import Timebox, format_clock
from facilitator.ui.capture.style import BODY_PT, TIMER_COLOURS, TIMER_PT, font

TICK_MS = 250


class TimerWidget(QWidget):
    """Shows one Timebox; the page keeps a Timebox per activity and hands it over here.

    `changed` carries the Timebox after every start, pause or added time; `ranOut` fires once
    when a running timer reaches 0:00.
    """

    changed = Signal(object)
    ranOut = Signal()

    def __init__(
        self, parent: QWidget | None = None, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(parent)
        self.monotonic = monotonic
        self.timebox = Timebox(0.0)
        self.clock = QLabel("–:––", self)
        self.clock.setFont(font(TIMER_PT, bold=True))
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clock.setMinimumWidth(130)
        self.clock.setAccessibleName("Time left")
        self.start_button = QPushButton("Start [S]", self)
        self.add_button = QPushButton("+2 min [+]", self)
        for button in (self.start_button, self.add_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setFont(font(BODY_PT))
        self.start_button.clicked.connect(self.toggle)
        self.add_button.clicked.connect(self.add_two_minutes)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.clock)
        layout.addWidget(self.start_button)
        layout.addWidget(self.add_button)
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.refresh)
        self._last_tick = self.monotonic()

    def set_timebox(self, timebox: Timebox) -> None:
        """Show `timebox` (another activity's, or one restored after a restart)."""
        self.timebox = timebox
        self._last_tick = self.monotonic()
        self.refresh()

    def _change(self, timebox: Timebox) -> None:
        self.set_timebox(timebox)
        self.changed.emit(timebox)

    def toggle(self) -> None:
        self._change(self.timebox.toggle(self.monotonic()))

    def add_two_minutes(self) -> None:
        self._change(self.timebox.add())

    def phase(self) -> str:
        return self.timebox.phase(self.monotonic()).value

    def refresh(self) -> None:
        now = self.monotonic()
        box = self.timebox
        if box.running and box.ran_out(self._last_tick, now):
            self.ranOut.emit()
        self._last_tick = now
        has_time = box.total > 0
        self.clock.setText(format_clock(box.remaining(now)) if has_time else "no timebox")
        ink, paper = TIMER_COLOURS[box.phase(now).value if has_time else "calm"]
        self.clock.setStyleSheet(
            f"color:{ink}; background:{paper}; border-radius:6px; padding:2px 10px;"
        )
        self.start_button.setText("Pause [S]" if box.running else "Start [S]")
        self.start_button.setEnabled(has_time)
        self.add_button.setEnabled(True)
        if box.running and not self._ticker.isActive():
            self._ticker.start()
        elif not box.running:
            self._ticker.stop()
