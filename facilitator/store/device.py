"""A stable id for this installation, recorded on every save so merges know who wrote what."""

from __future__ import annotations

import getpass
import hashlib
import re
import socket
import uuid
from pathlib import Path

from facilitator.atomic_write import WriteFailed, write_atomic
from facilitator.paths import data_dir

DEVICE_FILE = "device-id"
_VALID = re.compile(r"^[0-9a-f]{32}$")


def device_id(folder: Path | None = None) -> str:
    """The id kept in the data folder, created on first use.

    If the data folder cannot be written, an id derived from the computer and user name is
    used instead: still stable, and still different on a co-facilitator's laptop.
    """
    path = (folder or data_dir()) / DEVICE_FILE
    try:
        text = path.read_text(encoding="ascii").strip()
        if _VALID.match(text):
            return text
    except (OSError, UnicodeDecodeError):
        pass
    new = uuid.uuid4().hex
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, (new + "\n").encode("ascii"))
    except (OSError, WriteFailed):
        try:
            user = getpass.getuser()
        except (OSError, KeyError):
            user = ""
        return hashlib.sha256(f"{socket.gethostname()}/{user}".encode()).hexdigest()[:32]
    return new
