"""Test set-up: Qt offscreen, no network, and a fresh data folder for every test."""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DECKS = REPO_ROOT / "decks"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Before anything imports Qt: tests never need (or get) a display. The offscreen screen is a
# 1280x800 laptop's (Qt's own default is 800x800), so the main window opens at the size it has
# on most laptops; tests of smaller screens start the app with their own screen.
SCREEN = FIXTURES / "screen-1280x800.json"
os.environ["QT_QPA_PLATFORM"] = (
    "offscreen" if sys.platform == "win32" else f"offscreen:configfile={SCREEN}"
)


class NetworkAccessBlocked(BaseException):
    """Raised when code under test tries to reach the network.

    A BaseException, like KeyboardInterrupt, so an `except Exception` in the code under test
    cannot swallow it; and every attempt is recorded, so even a bare `except:` fails the test.
    """


_INET = (socket.AF_INET, socket.AF_INET6)
# Every blocked attempt since the running test started (cleared and checked by network_attempts).
_ATTEMPTS: list[str] = []


def _guard(original):  # type: ignore[no-untyped-def]
    def guarded(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.family in _INET:
            attempt = f"{original.__name__} to {args[0] if args else '?'!r}"
            _ATTEMPTS.append(attempt)
            raise NetworkAccessBlocked(f"test tried to open a network connection: {attempt}")
        return original(self, *args, **kwargs)

    return guarded


@pytest.fixture(autouse=True, scope="session")
def no_network() -> Iterator[None]:
    """Session-wide: any attempt to connect or send over IP raises NetworkAccessBlocked."""
    saved = {name: getattr(socket.socket, name) for name in ("connect", "connect_ex", "sendto")}
    for name, original in saved.items():
        setattr(socket.socket, name, _guard(original))
    yield
    for name, original in saved.items():
        setattr(socket.socket, name, original)


_CALL_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Notes whether the test itself failed, so a blocked attempt is not reported twice."""
    report = yield
    if report.when == "call":
        item.stash[_CALL_FAILED] = report.failed
    return report


@pytest.fixture(autouse=True)
def network_attempts(no_network: None, request: pytest.FixtureRequest) -> Iterator[list[str]]:
    """The test's blocked network attempts; any left at teardown fail a test that passed
    (one whose code swallowed NetworkAccessBlocked, even with a bare `except:`).

    A test that checks the guard itself takes this fixture and clears the list.
    """
    _ATTEMPTS.clear()
    yield _ATTEMPTS
    attempts = "; ".join(_ATTEMPTS)
    _ATTEMPTS.clear()
    if attempts and not request.node.stash.get(_CALL_FAILED, False):
        pytest.fail(f"the test tried to reach the network (blocked): {attempts}", pytrace=False)


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
