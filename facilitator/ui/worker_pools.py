"""Background thread pools that are always drained before the interpreter shuts down.

A QThreadPool's destructor waits for its jobs. If Python destroys one during shutdown it
waits while holding the interpreter lock that a job needs to finish: the process hangs.
Draining every pool at exit, while the lock can still be passed around, avoids that.
"""

from __future__ import annotations

import atexit
import contextlib
import weakref

from PySide6.QtCore import QObject, QThreadPool

_POOLS: weakref.WeakSet[QThreadPool] = weakref.WeakSet()
DRAIN_TIMEOUT_MS = 10_000


def worker_pool(parent: QObject, threads: int = 1) -> QThreadPool:
    pool = QThreadPool(parent)
    pool.setMaxThreadCount(threads)
    _POOLS.add(pool)
    return pool


def drain(pool: QThreadPool) -> None:
    """Drop queued jobs and wait for the running one."""
    with contextlib.suppress(RuntimeError):  # its Qt object may already be gone
        pool.clear()
        pool.waitForDone(DRAIN_TIMEOUT_MS)


# Not type-checked below: emit: any bound signal's emit, with the signal's own arguments.
def deliver(emit, *args) -> None:  # type: ignore[no-untyped-def]
    """Emit a job's result; if its widget was closed while the job ran, nobody is waiting."""
    with contextlib.suppress(RuntimeError):
        emit(*args)


@atexit.register
def _drain_all() -> None:
    for pool in list(_POOLS):
        drain(pool)
