"""What the self-test's checks share: the context they pass along and how a check fails."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class SelfTestFailure(Exception):
    pass


@dataclass
class SelfTestContext:
    app: Any
    data_dir: Path
    window: Any = None


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestFailure(message)


def wait_for(ctx: SelfTestContext, condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        ctx.app.processEvents()
        time.sleep(0.01)
    return True
