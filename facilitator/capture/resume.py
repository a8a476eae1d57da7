"""Where capture was: event, table, activity and every timer, kept in a small file in the data
folder, so the next start after a crash or a quit reopens capture there.

Timers run on the monotonic clock, which restarts with the computer; the file keeps a running
timer's start on the wall clock instead, so it keeps running from that start after a restart.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from facilitator.atomic_write import write_atomic
from facilitator.capture.timebox import Timebox
from facilitator.errors import FacilitatorError
from facilitator.paths import RESUME_FILE

FORMAT = 1


@dataclass(frozen=True)
class SavedTimer:
    """A Timebox with its running start on the wall clock (seconds since the epoch)."""

    total: float
    used: float = 0.0
    started_at: float | None = None

    @staticmethod
    def of(box: Timebox, monotonic_now: float, wall_now: float) -> SavedTimer:
        if box.running_since is None:
            return SavedTimer(box.total, box.used)
        return SavedTimer(box.total, box.used, wall_now - (monotonic_now - box.running_since))

    def timebox(self, monotonic_now: float, wall_now: float) -> Timebox:
        """The Timebox on this run's monotonic clock; a start in the future starts now."""
        if self.started_at is None:
            return Timebox(self.total, self.used)
        ran = max(0.0, wall_now - self.started_at)
        return Timebox(self.total, self.used, monotonic_now - ran)


@dataclass(frozen=True)
class CaptureSpot:
    """The event shown in capture, the table and agenda row chosen, and the timers by item."""

    database: str
    event_id: str
    table_id: str = ""
    item_id: str = ""
    prompt: str = ""
    timers: dict[str, SavedTimer] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "database": self.database,
            "event": self.event_id,
            "table": self.table_id,
            "item": self.item_id,
            "prompt": self.prompt,
            "timers": {
                item: {"total": t.total, "used": t.used, "started_at": t.started_at}
                for item, t in self.timers.items()
            },
        }

    @staticmethod
    def from_json(data: object) -> CaptureSpot | None:
        """The spot, or None for a file this version does not understand (then nothing is
        resumed: the app opens as usual)."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        texts = [data.get(k) for k in ("database", "event", "table", "item", "prompt")]
        if not all(isinstance(t, str) for t in texts) or not texts[1]:
            return None
        timers = data.get("timers")
        if not isinstance(timers, dict):
            return None
        saved: dict[str, SavedTimer] = {}
        for item, timer in timers.items():
            if not isinstance(timer, dict):
                return None
            total, used, started = (timer.get(k) for k in ("total", "used", "started_at"))
            numbers = (total, used) if started is None else (total, used, started)
            if not all(isinstance(n, int | float) and not isinstance(n, bool) for n in numbers):
                return None
            # Not type-checked below: the numbers were checked just above.
            saved[item] = SavedTimer(float(total), float(used), started)  # type: ignore[arg-type]
        database, event, table, item_id, prompt = (str(t) for t in texts)
        return CaptureSpot(database, event, table, item_id, prompt, saved)


def save_spot(folder: Path, spot: CaptureSpot) -> bool:
    """Write the spot; False when the folder cannot be written (capture goes on regardless)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Rewritten at every move through the agenda: not synced to the disk each time (a
        # killed app leaves it whole; a power cut may leave the move before).
        data = json.dumps(spot.to_json(), indent=1).encode()
        write_atomic(folder / RESUME_FILE, data, durable=False)
    except (OSError, FacilitatorError):
        return False
    return True


def load_spot(folder: Path) -> CaptureSpot | None:
    """The spot saved in `folder`, or None when there is none or it cannot be read."""
    try:
        data = json.loads((folder / RESUME_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return CaptureSpot.from_json(data)


def forget_spot(folder: Path) -> None:
    """Capture was left on purpose: the next start opens as usual."""
    with contextlib.suppress(OSError):
        (folder / RESUME_FILE).unlink(missing_ok=True)
