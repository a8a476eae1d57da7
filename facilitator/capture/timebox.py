"""The timebox timer as a value: start, pause, add time; its colour phase as time runs out."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

WARNING_SHARE = 0.20  # the timer turns amber when this share of the timebox remains
URGENT_SHARE = 0.05  # and red at this share
ADD_SECONDS = 120.0


class Phase(StrEnum):
    CALM = "calm"
    WARNING = "warning"
    URGENT = "urgent"
    OVER = "over"


@dataclass(frozen=True)
class Timebox:
    """`total` seconds, of which `used` ran before `running_since` (None when paused)."""

    total: float
    used: float = 0.0
    running_since: float | None = None

    @property
    def running(self) -> bool:
        return self.running_since is not None

    def elapsed(self, now: float) -> float:
        extra = now - self.running_since if self.running_since is not None else 0.0
        return self.used + max(0.0, extra)

    def remaining(self, now: float) -> float:
        return self.total - self.elapsed(now)

    def start(self, now: float) -> Timebox:
        return self if self.running else replace(self, running_since=now)

    def pause(self, now: float) -> Timebox:
        if not self.running:
            return self
        return replace(self, used=self.elapsed(now), running_since=None)

    def toggle(self, now: float) -> Timebox:
        return self.pause(now) if self.running else self.start(now)

    def add(self, seconds: float = ADD_SECONDS) -> Timebox:
        return replace(self, total=self.total + seconds)

    def ran_out(self, before: float, now: float) -> bool:
        """True when the time left reached 0:00 between `before` and `now` (the moment the
        room is told, once)."""
        return self.total > 0 and self.remaining(before) > 0 >= self.remaining(now)

    def phase(self, now: float) -> Phase:
        left = self.remaining(now)
        if left <= 0:
            return Phase.OVER
        if self.total <= 0:
            return Phase.CALM
        share = left / self.total
        if share <= URGENT_SHARE:
            return Phase.URGENT
        if share <= WARNING_SHARE:
            return Phase.WARNING
        return Phase.CALM


def format_clock(seconds: float) -> str:
    """`12:05`, or `-0:40` once the time is over."""
    sign = "-" if seconds < 0 else ""
    whole = int(abs(seconds) + (0.999 if seconds > 0 else 0))  # 0.2 s left still shows 0:01
    return f"{sign}{whole // 60}:{whole % 60:02d}"
