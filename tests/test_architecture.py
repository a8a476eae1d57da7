"""Layers point one way: the core and print/ never import Qt; the app never touches the network."""

import ast
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, NetworkAccessBlocked

PACKAGE = REPO_ROOT / "facilitator"
QT_FREE = [p for p in PACKAGE.rglob("*.py") if "ui" not in p.relative_to(PACKAGE).parts]


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", QT_FREE, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_core_and_print_modules_do_not_import_qt(path):
    qt = {m for m in imported_modules(path) if m.split(".")[0] in ("PySide6", "shiboken6")}
    # Only the entry point may start the UI (lazily, when no subcommand is given).
    ui = {m for m in imported_modules(path) if m.startswith("facilitator.ui")}
    assert not qt
    assert not ui or path == PACKAGE / "cli.py"


def test_importing_every_core_module_loads_no_qt():
    modules = sorted(
        ".".join(p.relative_to(REPO_ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in QT_FREE
        if p.name != "__main__.py"
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print(bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_network_guard_blocks_connections(network_attempts):
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(NetworkAccessBlocked),
    ):
        sock.connect(("127.0.0.1", 9))
    assert network_attempts == ["connect to ('127.0.0.1', 9)"]
    network_attempts.clear()  # seen; otherwise the guard fails this test at teardown


SWALLOWING_TESTS = """
import socket


def reach(address):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.connect(address)


def test_swallowed_by_except_exception():
    try:
        reach(("127.0.0.1", 9))
    except Exception:
        pass


def test_swallowed_by_a_bare_except():
    try:
        reach(("127.0.0.1", 10))
    except:  # noqa: E722
        pass


def test_offline():
    assert True
"""


def test_code_that_swallows_the_guard_still_fails_its_test(tmp_path):
    (tmp_path / "conftest.py").write_text(
        (REPO_ROOT / "tests" / "conftest.py").read_text("utf-8"), "utf-8"
    )
    (tmp_path / "test_swallow.py").write_text(SWALLOWING_TESTS, "utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rA", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = result.stdout
    assert result.returncode == 1, out
    # `except Exception` cannot catch the guard's exception; a bare `except:` can, and then
    # the test fails at teardown (pytest counts that as an error), once either way.
    assert "1 failed, 2 passed, 1 error" in out, out
    assert "FAILED test_swallow.py::test_swallowed_by_except_exception" in out
    assert "ERROR test_swallow.py::test_swallowed_by_a_bare_except" in out
    assert "the test tried to reach the network (blocked): connect to ('127.0.0.1', 10)" in out


def test_the_app_opens_no_socket_while_starting_and_browsing(qtbot, monkeypatch):
    """The main window loads, lists decks and shows cards with every socket creation refused."""
    created = []
    real_socket = socket.socket.__init__

    def record(self, family=-1, *args, **kwargs):
        if family in (socket.AF_INET, socket.AF_INET6):
            created.append(family)
        real_socket(self, family, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "__init__", record)
    from facilitator.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    for entry in window.library.visible_entries():
        window.library.select_path(entry.path)
    assert created == []
