"""Test set-up: Qt offscreen, no network, and a fresh data folder for every test."""

from __future__ import annotations

import os
import random
import socket
import sys
import zlib
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

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


# Hypothesis draws the same examples on every run (derandomize: seeded from each test), so
# the suite gives the same result twice and a failure seen once is seen again; no example
# database, whose saved failures would make one machine's run differ from another's. A
# failure prints the @reproduce_failure line to paste above the test. To look for new
# failures, explore with fresh random examples: HYPOTHESIS_PROFILE=explore make test.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    print_blob=True,
    deadline=None,  # a loaded 2-core machine is slow now and then: never a reason to fail
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("explore", max_examples=500, deadline=None, print_blob=True)
HYPOTHESIS_PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(HYPOTHESIS_PROFILE)
# A test's own random draws: seeded from its name, or from this variable to repeat a run.
SEED_VARIABLE = "FACILITATOR_TEST_SEED"


def pytest_report_header() -> list[str]:
    how = "the same examples every run" if HYPOTHESIS_PROFILE == "ci" else "fresh examples"
    return [f"hypothesis profile: {HYPOTHESIS_PROFILE} ({how}; HYPOTHESIS_PROFILE=explore varies)"]


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
    seed = item.stash.get(_SEED, None)
    if seed is not None and report.failed:
        report.sections.append(
            ("random seed", f"seed {seed}: repeat this run with {SEED_VARIABLE}={seed}")
        )
    return report


_SEED = pytest.StashKey[int]()


@pytest.fixture
def seeded_random(request: pytest.FixtureRequest) -> random.Random:
    """Random draws that are the same on every run: seeded from the test's name.

    A failure reports the seed; FACILITATOR_TEST_SEED=<seed> repeats it, and any other
    number tries a different run.
    """
    given = os.environ.get(SEED_VARIABLE, "").strip()
    seed = int(given) if given else zlib.crc32(request.node.nodeid.encode("utf-8"))
    request.node.stash[_SEED] = seed
    return random.Random(seed)


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
