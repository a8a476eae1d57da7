"""A stable id for this installation, recorded on every save so merges know who wrote what."""

from __future__ import annotations

import getpass
import hashlib
import json
import re
import socket
import uuid
from pathlib import Path

from facilitator.atomic_write import WriteFailed, write_atomic
from facilitator.paths import data_dir

DEVICE_FILE = "device-id.json"
_VALID = re.compile(r"^[0-9a-f]{32}$")


def device_id(folder: Path | None = None) -> str:
    """The id kept in the data folder, created on first use.

    The id is tied to the computer's name: a data folder copied to a new laptop gets a new
    id there, so the two laptops' saves are never mistaken for one device's.
    If the data folder cannot be written, an id derived from the computer and user name is
    used instead: still stable, and still different on a co-facilitator's laptop.
    """
    path = (folder or data_dir()) / DEVICE_FILE
    host = socket.gethostname()
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        if saved.get("host") == host and _VALID.match(str(saved.get("id"))):
            return str(saved["id"])
    except (OSError, ValueError, AttributeError):
        pass
    new = uuid.uuid4().hex
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps({"id": new, "host": host}).encode("utf-8"))
    except (OSError, WriteFailed):
        try:
            user = getpass.getuser()
        except (OSError, KeyError):
            user = ""
        return hashlib.sha256(f"{host}/{user}".encode()).hexdigest()[:32]
    return new
