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


def test_the_network_guard_blocks_connections():
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(NetworkAccessBlocked),
    ):
        sock.connect(("127.0.0.1", 9))


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
