"""What goes into the app bundle: the Qt parts a window needs stay, the rest goes, data is found."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from facilitator import paths
from facilitator.print import fonts

ROOT = Path(__file__).resolve().parents[2]


def load(name: str) -> ModuleType:
    """A module from build/ (a folder of scripts PyInstaller runs, not a package)."""
    spec = importlib.util.spec_from_file_location(f"build_{name}", ROOT / "build" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


contents = load("bundle_contents")
Q = "PySide6/Qt/plugins"


@pytest.mark.parametrize(
    "dest",
    [
        f"{Q}/platforms/libqxcb.so",
        f"{Q}/platforms/libqwayland.so",
        f"{Q}/platforms/libqoffscreen.so",
        f"{Q}/platforms/libqcocoa.dylib",
        f"{Q}\\platforms\\qwindows.dll".replace("/", "\\"),
        f"{Q}/styles/libqmacstyle.dylib",
        f"{Q}/wayland-shell-integration/libxdg-shell.so",
        f"{Q}/wayland-decoration-client/libbradient.so",
        f"{Q}/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
        f"{Q}/platforminputcontexts/libibusplatforminputcontextplugin.so",
        f"{Q}/iconengines/libqsvgicon.so",
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "PySide6/Qt/lib/libQt6Svg.so.6",  # the SVG icon engine links it
        "PySide6/Qt/lib/libQt6WaylandClient.so.6",
        "PySide6/Qt/lib/libicudata.so.73",
    ],
)
def test_what_a_window_needs_stays(dest: str) -> None:
    assert contents.keep_binary(dest)


@pytest.mark.parametrize(
    "dest",
    [
        f"{Q}/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        f"{Q}/platforms/libqeglfs.so",
        f"{Q}/platforms/libqvnc.so",
        f"{Q}/platforms/libqlinuxfb.so",
        f"{Q}/platformthemes/libqgtk3.so",  # would drag GTK, cairo and pango along
        f"{Q}/tls/libqopensslbackend.so",
        f"{Q}/networkinformation/libqnetworkmanager.so",
        f"{Q}/generic/libqtuiotouchplugin.so",
        f"{Q}/imageformats/libqpdf.so",
        f"{Q}/imageformats/libqwebp.so",
        f"{Q}/qmltooling/libqmldbg_debugger.so",
        f"{Q}/wayland-graphics-integration-client/libvulkan-server.so",
        "PySide6/Qt/lib/libQt6Qml.so.6",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6QuickControls2Material.so.6",
        "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
        "PySide6/Qt/lib/libQt6Multimedia.so.6",
        "PySide6/Qt/lib/libQt6WebEngineCore.so.6",
        "PySide6/Qt/lib/libQt63DCore.so.6",
        "PySide6\\Qt6Quick.dll",
        "PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml",
        "opengl32sw.dll",
    ],
)
def test_what_the_app_never_loads_goes(dest: str) -> None:
    assert not contents.keep_binary(dest)


def test_qt_translations_and_qml_files_go_and_our_data_stays() -> None:
    assert not contents.keep_data("PySide6/Qt/translations/qtbase_de.qm")
    assert not contents.keep_data("PySide6/Qt/qml/QtQuick/Controls/qmldir")
    assert not contents.keep_data("PySide6/Qt/lib/QtQuick.framework/Resources/Info.plist")
    assert contents.keep_data("PySide6/Qt/lib/QtWidgets.framework/Resources/Info.plist")
    assert contents.keep_data("decks/pmo-roles-hierarchy.deck.json")
    assert contents.keep_data("facilitator/print/fonts/DejaVuSans.ttf")


def test_a_library_only_a_dropped_plugin_linked_goes_too() -> None:
    links = {
        "/src/qxcb.so": ["libQt6Gui.so.6", "libxcb-cursor.so.0"],
        "/src/QtGui.abi3.so": ["libQt6Gui.so.6"],
        "/src/libQt6Gui.so.6": ["libQt6Core.so.6", "libfreetype.so.6"],
        "/src/libQt6Core.so.6": ["libicuuc.so.73"],
        "/src/libicuuc.so.73": ["libicudata.so.73"],
    }
    binaries = [
        (f"{Q}/platforms/libqxcb.so", "/src/qxcb.so", "BINARY"),
        ("PySide6/QtGui.abi3.so", "/src/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
        ("PySide6/Qt/lib/libicuuc.so.73", "/src/libicuuc.so.73", "BINARY"),
        ("PySide6/Qt/lib/libicudata.so.73", "/src/libicudata.so.73", "BINARY"),
        ("libxcb-cursor.so.0", "/src/libxcb-cursor.so.0", "BINARY"),
        ("libfreetype.so.6", "/src/libfreetype.so.6", "BINARY"),
        # Nothing links it: pypdfium2 opens it with ctypes, by its path in the package.
        ("pypdfium2_raw/libpdfium.so", "/src/libpdfium.so", "BINARY"),
        # Linked only by the GTK theme plugin, which was dropped before this step.
        ("libcairo.so.2", "/src/libcairo.so.2", "BINARY"),
        ("libpango-1.0.so.0", "/src/libpango.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", "/src/eglfs.so", "BINARY"),
    ]
    kept = contents.linked_only(binaries, lambda source: links.get(source, []))
    assert [dest for dest, _, _ in kept] == [dest for dest, _, _ in binaries[:9]]


def test_links_to_dropped_libraries_are_dropped_with_them() -> None:
    binaries = [("PySide6/Qt/lib/libQt6Core.so.6", "/src/core", "BINARY")]
    datas = [
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
        ("decks/a.deck.json", "/src/a.deck.json", "DATA"),
    ]
    kept = contents.without_dangling_links(datas, binaries)
    assert [dest for dest, _, _ in kept] == ["libQt6Core.so.6", "decks/a.deck.json"]


def test_the_app_finds_the_bundled_decks_and_fonts_where_the_bundle_puts_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = {dest: Path(source) for source, dest in contents.bundled_data(ROOT)}
    for source in bundled.values():
        assert source.is_dir() and any(source.iterdir())
    # Frozen, bundle_root() is PyInstaller's folder, and decks/ is found there.
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.sample_decks_dir() == tmp_path / "decks"
    assert "decks" in bundled
    # The fonts are found beside the module, whose __file__ PyInstaller sets to the same
    # place inside the bundle as in the source tree.
    font_folder = fonts.FONT_DIR.relative_to(ROOT).as_posix()
    assert font_folder in bundled
    for file in fonts.FONT_FILES.values():
        assert (bundled[font_folder] / file).is_file()
    assert (bundled[font_folder] / "LICENSE").is_file()


def test_the_icon_is_a_square_tile_with_transparent_corners() -> None:
    icon = load("app_icon").draw_icon(64)
    assert icon.size == (64, 64) and icon.mode == "RGBA"
    assert icon.getpixel((0, 0))[3] == 0
    assert icon.getpixel((32, 32))[3] == 255


# What `pip wheel` needs of the checkout.
WHEEL_SOURCES = ("pyproject.toml", "README.md", "facilitator", "decks")


@pytest.mark.slow
def test_a_wheel_carries_every_module_and_the_sample_decks_and_finds_them(tmp_path: Path) -> None:
    """`pip install facilitator` (not -e) gets what a checkout has, and lists the sample decks."""
    source = tmp_path / "source"
    source.mkdir()
    for name in WHEEL_SOURCES:
        if (ROOT / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
            shutil.copytree(ROOT / name, source / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, source / name)
    # Built from a copy: building in the checkout would leave build/lib/ behind. Offline: no
    # isolated build environment to download, the build tools installed with the test extra.
    offline = [
        *("--no-build-isolation", "--no-index", "--no-deps"),
        *("--disable-pip-version-check", "--quiet"),
    ]
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", *offline, "-w", "wheel", str(source)],
        cwd=tmp_path,
        env={**os.environ, "PIP_NO_INDEX": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = (tmp_path / "wheel").glob("facilitator-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(site)

    decks = sorted(p.name for p in (ROOT / "decks").glob("*.deck.json"))
    assert len(decks) == 3
    assert {f"facilitator/sample_decks/{name}" for name in decks} <= names
    modules = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "facilitator").rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert modules - names == set(), "pyproject.toml [tool.setuptools] packages misses these"
    data = {
        "facilitator/schema/deck-v1.schema.json",
        "facilitator/schema/report-v2.schema.json",
        "facilitator/schema/deck-v2.schema.json",
        "facilitator/decks/icons/person.svg",
        "facilitator/print/fonts/LICENSE",
        *(f"facilitator/print/fonts/{file}" for file in fonts.FONT_FILES.values()),
    }
    assert data <= names

    # Installed (a wheel unpacked is the installed layout), the library finds the decks.
    env = {**os.environ, "PYTHONPATH": str(site)}
    listed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import facilitator.cli, sys; print(facilitator.cli.__file__); "
            "sys.exit(facilitator.cli.main(['deck', 'list']))",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert listed.returncode == 0, listed.stderr
    where, *lines = listed.stdout.splitlines()
    assert Path(where).is_relative_to(site)
    samples = [line for line in lines if "\tsample\t" in line]
    assert len(samples) == 3 and all("unreadable" not in line for line in samples)
    assert all(str(site / "facilitator" / "sample_decks") in line for line in samples)
