"""Keep PySide6 6.12.0 from crashing the app after a few thousand signals on Python 3.11.

That release drops a reference to None each time a Qt signal calls a Python slot, and one to
True on each `Signal.emit()` from Python. Python 3.12+ makes these singletons immortal, so the
bug is invisible there; on 3.11 the count reaches zero after a few thousand keystrokes and the
interpreter aborts ("deallocating None"), mid-evening. The singletons are never freed anyway:
giving them a huge reference count is what 3.12 does and makes the lost references harmless.
The real fix is a PySide6 without the bug (6.11.3 has none); see `affected()`.
"""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 1 << 40  # far more references than any session can lose


def affected() -> bool:
    if sys.version_info >= (3, 12):
        return False
    import PySide6

    return PySide6.__version__ == "6.12.0"


def protect_singletons() -> bool:
    """Raise the reference counts of None, True and False once; True when it was needed."""
    if not affected() or getattr(protect_singletons, "done", False):
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every object in a release build of CPython 3.11.
        ctypes.c_ssize_t.from_address(id(singleton)).value += HEADROOM
    protect_singletons.done = True  # type: ignore[attr-defined]
    return True
