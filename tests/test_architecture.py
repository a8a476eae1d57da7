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


# The core's layers, lowest first: a module may import its own package and the layers below,
# never a layer above. Between them, the parts of a layer stand apart (the shared basics at the
# bottom and the entry points on top may use their neighbours).
LAYERS = [
    {"__init__", "errors", "paths", "atomic_write", "wording", "set_marks", "typed_dates"},
    {"decks"},
    {"outcomes"},
    {"store", "analysis", "capture", "print", "verdict_colours", "output_paths"},
    {"reports"},
    {"commands", "cli", "__main__", "ui", "event_pack", "agenda_copies"},
]


def part_of(module: str) -> str:
    """The top-level part of the package a dotted module name belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def layer_of(part: str) -> int:
    return next(i for i, parts in enumerate(LAYERS) if part in parts)


def imports_of(path: Path) -> set[str]:
    """Every facilitator module the file imports, `from facilitator import x` spelled out."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "facilitator":
            names.update(f"facilitator.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {n for n in names if n.startswith("facilitator.")}


def wrong_way_imports(path: Path) -> list[str]:
    module = ".".join(path.relative_to(REPO_ROOT).with_suffix("").parts)
    own = part_of(module)
    wrong = []
    for imported in sorted(imports_of(path)):
        other = part_of(imported)
        if other in ("__version__", "APP_NAME", "ORGANISATION"):
            other = "__init__"
        peers_allowed = layer_of(own) in (0, len(LAYERS) - 1)
        if other == own or (peers_allowed and layer_of(other) == layer_of(own)):
            continue
        if layer_of(other) >= layer_of(own):
            wrong.append(f"{own} (layer {layer_of(own)}) imports {imported}")
    return wrong


def test_every_part_of_the_package_has_a_layer():
    parts = {
        part_of(".".join(p.relative_to(REPO_ROOT).with_suffix("").parts))
        for p in PACKAGE.rglob("*.py")
    }
    unplaced = {p for p in parts if not any(p in layer for layer in LAYERS)}
    assert unplaced == set()


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(REPO_ROOT))
)
def test_imports_point_down_the_layers(path):
    assert wrong_way_imports(path) == []


def test_the_layer_check_catches_an_import_upwards(tmp_path, monkeypatch):
    """A lower part importing a higher one, or a neighbour, is reported."""
    fake_root = tmp_path
    decks = fake_root / "facilitator" / "decks"
    decks.mkdir(parents=True)
    (decks / "file.py").write_text("from facilitator.store import Store\n", "utf-8")
    analysis = fake_root / "facilitator" / "analysis.py"
    analysis.write_text(
        "from facilitator import capture\nfrom facilitator.outcomes import Verdict\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "REPO_ROOT", fake_root)
    assert wrong_way_imports(decks / "file.py") == ["decks (layer 1) imports facilitator.store"]
    assert wrong_way_imports(analysis) == ["analysis (layer 3) imports facilitator.capture"]


def test_naming_an_outcome_loads_neither_the_store_nor_tinydb():
    code = (
        "import sys\n"
        "import facilitator.analysis, facilitator.capture.progress, facilitator.print\n"
        "import facilitator.verdict_colours, facilitator.outcomes\n"
        "print(sorted(m for m in sys.modules if m == 'tinydb' or m.startswith('facilitator.store')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_no_import_inside_a_function_breaks_a_cycle_in_the_store():
    """store.py and merge.py import each other's needs at the top, one way only."""
    merge = imported_modules(PACKAGE / "store" / "merge.py")
    assert "facilitator.store.store" not in merge
