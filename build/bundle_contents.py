"""What of PyInstaller's collection goes into the bundle: Qt parts the app never loads stay out.

PyInstaller's Qt hooks collect every plugin of each Qt module the app imports, and every library
those plugins link. The app is a widgets app (its PDF previews are drawn by PDFium, not Qt): it
needs a platform plugin to show a window (xcb and Wayland on Linux, cocoa on macOS, windows on
Windows, and offscreen for the self-test), the native style, input methods for typing accents
and CJK, and the SVG icon engine for the system's icon theme. QML, Quick, the virtual keyboard, 3D,
Multimedia, WebEngine, the TLS and network plugins (the app is offline), embedded-display
platforms and Qt's own translations (the app is in English) stay out.
"""

from __future__ import annotations

import posixpath
import re
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path, PurePath


def bundled_data(root: Path) -> list[tuple[str, str]]:
    """(source, folder in the bundle) for the files the app reads at run time.

    bundle_root() (sys._MEIPASS when frozen) holds decks/; the package's own files sit where
    its modules' __file__ says, as in the source tree.
    """
    return [
        (str(root / "decks"), "decks"),
        (str(root / "facilitator" / "print" / "fonts"), "facilitator/print/fonts"),
        (str(root / "facilitator" / "decks" / "icons"), "facilitator/decks/icons"),
        (str(root / "facilitator" / "schema"), "facilitator/schema"),
    ]


# Qt libraries the app never loads; PyInstaller only brings them in through plugins we drop.
UNUSED_QT_LIBRARIES = re.compile(
    r"Qt6?(Qml|Quick|VirtualKeyboard|3D|Multimedia|WebEngine|WebChannel|WebSockets|Designer|"
    r"Help|UiTools|Sql|Labs|Lottie|ShaderTools|Charts|DataVisualization|Graphs|Positioning|"
    r"Location|Sensors|SerialPort|Bluetooth|Nfc|RemoteObjects|Scxml|StateMachine|TextToSpeech|"
    r"SpatialAudio|HttpServer|NetworkAuth|WaylandCompositor|WlShellIntegration|"
    r"WaylandEglCompositor|EglFSDeviceIntegration|EglFsKmsSupport|PdfQuick|OpenGLWidgets)"
)

# plugin folder -> the plugins kept, by file name without "lib" and extension; None keeps all.
KEPT_PLUGINS: dict[str, frozenset[str] | None] = {
    "platforms": frozenset({"qxcb", "qwayland", "qoffscreen", "qcocoa", "qwindows"}),
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
    "xcbglintegrations": None,
    "wayland-decoration-client": None,
    "wayland-shell-integration": frozenset({"xdg-shell"}),
    "wayland-graphics-integration-client": frozenset({"qt-plugin-wayland-egl"}),
    "styles": None,
    "iconengines": frozenset({"qsvgicon"}),
    "imageformats": frozenset({"qsvg", "qico"}),
}

# Files Qt ships for setups this app does not have.
UNUSED_FILES = re.compile(r"(opengl32sw\.dll|Qt6?/translations/|/translations/qt.*\.qm$)")


def plugin_kept(folder: str, file_name: str) -> bool:
    if folder not in KEPT_PLUGINS:
        return False
    kept = KEPT_PLUGINS[folder]
    return kept is None or file_name.split(".", 1)[0].removeprefix("lib") in kept


def keep_binary(dest: str) -> bool:
    """Whether a collected library or plugin (its path inside the bundle) stays in the bundle."""
    path = dest.replace("\\", "/")
    if UNUSED_FILES.search(path):
        return False
    if "/plugins/" in path:
        folder, _, file_name = path.split("/plugins/", 1)[1].rpartition("/")
        return plugin_kept(folder, file_name)
    return not UNUSED_QT_LIBRARIES.search(path.rsplit("/", 1)[-1])


def keep_data(dest: str) -> bool:
    """Whether a collected data file stays in the bundle."""
    path = dest.replace("\\", "/")
    if UNUSED_FILES.search(path):
        return False
    if "/qml/" in path or path.endswith("/qml"):
        return False
    if UNUSED_QT_LIBRARIES.search(path):
        return False  # e.g. the Resources of a dropped macOS framework (QtQuick.framework)
    return keep_binary(path) if "/plugins/" in path else True


# Entries of PyInstaller's TOC: (path inside the bundle, source path, type code).
TocEntry = tuple[str, str, str]

# Linux: libraries of the desktop session itself. They must match the running X or Wayland
# server, fonts configuration and session bus, every desktop has them, and the bundle needs a
# glibc at least as new as the build machine's anyway. (AppImage's excludelist does the same.)
# What only these link (libsystemd, libgcrypt, libXau...) then goes too.
LINUX_DESKTOP_LIBRARIES = re.compile(
    r"^lib(X11|X11-xcb|xcb|xcb-[a-z-]+|xkbcommon|xkbcommon-x11|wayland-[a-z]+|fontconfig|"
    r"freetype|glib-2\.0|gthread-2\.0|gobject-2\.0|gio-2\.0|dbus-1|EGL|GL|GLX|OpenGL)\.so"
)


def from_the_desktop(dest: str) -> bool:
    """A top-level library that a Linux bundle takes from the system (LINUX_DESKTOP_LIBRARIES)."""
    return bool(LINUX_DESKTOP_LIBRARIES.match(dest))


# Libraries that are only there because something links them: the system's (at the top of the
# bundle), Qt's, and those a wheel vendors in "<name>.libs/". Everything else (Python extensions,
# Qt plugins, libpython, a library a package opens with ctypes) is loaded by path and stays.
_LINKED_ONLY = re.compile(r"^([^/]+|PySide6/Qt/lib/.*|[^/]+\.libs/.*)$")


def is_root(dest: str) -> bool:
    path = dest.replace("\\", "/")
    return "libpython" in path or not _LINKED_ONLY.match(path)


def elf_needed(path: str) -> list[str]:
    """The libraries an ELF file links directly (ldd would list their dependencies as well)."""
    out = subprocess.run(["objdump", "-p", path], capture_output=True, text=True).stdout
    return [line.split()[1] for line in out.splitlines() if line.strip().startswith("NEEDED")]


def linked_only(
    binaries: Iterable[TocEntry], imports_of: Callable[[str], Iterable[str]]
) -> list[TocEntry]:
    """The binaries the roots need: a library that only a dropped plugin linked goes too.

    `imports_of(source_path)` names the libraries a binary links (as the linker records them).
    """
    entries = list(binaries)
    by_name: dict[str, list[TocEntry]] = {}
    for entry in entries:
        by_name.setdefault(PurePath(entry[0].replace("\\", "/")).name, []).append(entry)
    kept: set[TocEntry] = set()
    todo = [entry for entry in entries if is_root(entry[0])]
    while todo:
        entry = todo.pop()
        if entry in kept:
            continue
        kept.add(entry)
        for name in imports_of(entry[1]):
            todo.extend(by_name.get(PurePath(name.replace("\\", "/")).name, ()))
    return [entry for entry in entries if entry in kept]


def without_dangling_links(
    datas: Iterable[TocEntry], binaries: Iterable[TocEntry]
) -> list[TocEntry]:
    """The data entries minus symbolic links to files no longer in the bundle."""
    datas = list(datas)
    present = {dest for dest, _, _ in binaries} | {d for d, _, kind in datas if kind != "SYMLINK"}

    def target(dest: str, link: str) -> str:
        return posixpath.normpath(posixpath.join(posixpath.dirname(dest), link))

    return [e for e in datas if e[2] != "SYMLINK" or target(e[0], e[1]) in present]
