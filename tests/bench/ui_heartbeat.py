"""A 2 ms heartbeat on the UI thread: the longest gap between beats is the longest block."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, QTimer


class UiHeartbeat:
    def __init__(self, interval_ms: int = 2) -> None:
        self.gaps: list[int] = []
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._beat)
        self._interval = interval_ms
        self._last = 0

    def start(self) -> None:
        self._clock.start()
        self._last = self._clock.elapsed()
        self._timer.start(self._interval)

    def stop(self) -> None:
        self._timer.stop()

    def _beat(self) -> None:
        now = self._clock.elapsed()
        self.gaps.append(now - self._last)
        self._last = now

    @property
    def longest(self) -> int:
        return max(self.gaps[1:], default=0)

    def percentile(self, share: float) -> int:
        beats = sorted(self.gaps[1:])
        return beats[int(len(beats) * share)] if beats else 0
