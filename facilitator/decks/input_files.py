"""Reading a file the user named, with one plain sentence for every way it can fail."""

from __future__ import annotations

import os
from pathlib import Path

from facilitator.errors import InputError


def read_input(path: str | os.PathLike[str], max_bytes: int, what: str) -> bytes:
    """The file's bytes; InputError naming the file if it is missing, a folder, too large
    (over `max_bytes`) or unreadable. `what` names the kind of file, e.g. "a deck file"."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"{p.name}: the file is {size / 1e6:.0f} MB, too large for {what} "
                f"(at most {max_bytes / 1e6:.0f} MB)"
            )
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{p}: is a folder, not {what}") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror})") from None
