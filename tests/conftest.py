"""Test set-up: Qt offscreen, no network, and a fresh data folder for every test."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports Qt: tests never need (or get) a display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DECKS = REPO_ROOT / "decks"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


class NetworkAccessBlocked(AssertionError):
    """Raised when code under test tries to reach the network."""


_INET = (socket.AF_INET, socket.AF_INET6)


def _guard(original):  # type: ignore[no-untyped-def]
    def guarded(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.family in _INET:
            raise NetworkAccessBlocked(f"test tried to open a network connection to {args[:1]}")
        return original(self, *args, **kwargs)

    return guarded


@pytest.fixture(autouse=True, scope="session")
def no_network() -> Iterator[None]:
    """Session-wide: any attempt to connect or send over IP fails the test."""
    saved = {name: getattr(socket.socket, name) for name in ("connect", "connect_ex", "sendto")}
    for name, original in saved.items():
        setattr(socket.socket, name, _guard(original))
    yield
    for name, original in saved.items():
        setattr(socket.socket, name, original)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty data folder and database path, never the user's."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(folder))
    monkeypatch.setenv("FACILITATOR_DB", str(folder / "facilitator.db.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    return folder
