"""Before Qt starts: find out whether a window can be shown, and say why not in one line."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

# What Qt 6's xcb platform plugin loads beyond the X client library itself.
XCB_LIBRARIES = (
    "libxcb-cursor.so.0",
    "libxcb-icccm.so.4",
    "libxcb-keysyms.so.1",
    "libxcb-image.so.0",
    "libxcb-render-util.so.0",
    "libxcb-shape.so.0",
    "libxkbcommon-x11.so.0",
)
XCB_PACKAGES = (
    "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 "
    "libxcb-shape0 libxkbcommon-x11-0"
)
NO_DISPLAY_HINT = (
    "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set); start Facilitator from a "
    "desktop session, or set QT_QPA_PLATFORM=offscreen for a headless check"
)


def missing_hint(missing: list[str]) -> str:
    return (
        f"Qt cannot open a window: the system lacks {', '.join(missing)} "
        f"(on Debian/Ubuntu: sudo apt install {XCB_PACKAGES})"
    )


def _loads(name: str) -> bool:
    import ctypes  # only needed when a real display is about to be used

    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def _platform_name() -> str:
    return os.environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0].strip().lower()


def display_problem(loads: Callable[[str], bool] = _loads) -> str | None:
    """A one-line reason the GUI cannot start here, or None if it looks possible."""
    if not sys.platform.startswith("linux"):
        return None
    platform = _platform_name()
    if platform and platform not in ("xcb", "wayland"):
        return None  # offscreen, minimal, vnc...: the user chose it deliberately
    has_x = bool(os.environ.get("DISPLAY"))
    has_wayland = bool(os.environ.get("WAYLAND_DISPLAY"))
    if not has_x and not has_wayland:
        return NO_DISPLAY_HINT
    if platform == "xcb" or (not platform and not has_wayland):
        missing = [name for name in XCB_LIBRARIES if not loads(name)]
        if missing:
            return missing_hint(missing)
    return None


def platform_failure_hint(message: str) -> str | None:
    """Turn Qt's multi-line platform plugin failure into our one line, or None for others."""
    if "platform plugin" not in message:
        return None
    display = os.environ.get("WAYLAND_DISPLAY") or os.environ.get("DISPLAY") or "none"
    return (
        f"Qt could not start its platform plugin on display {display}: is the display running, "
        f"and are the system's window libraries installed (Debian/Ubuntu: {XCB_PACKAGES})?"
    )
