"""Help inside the app: keyboard shortcuts, getting started, and About.

The shortcut lists are read from the window's menus and from the pages' own QActions and
QShortcuts when the help opens (ui/key_bindings.py), so they say what the keys do today.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from facilitator import APP_NAME, __version__
from facilitator.ui.key_bindings import KeyBinding, action_description, bindings_of

# The first ten minutes, as the README tells them (a test keeps the two the same).
GETTING_STARTED = """\
1. **Print a sample pack.** On the **Decks** page (Ctrl+1) choose *PMO roles: agree the
   hierarchy*, then **File ▸ Print** (Ctrl+P). Set it to 3 sets (one per table), press
   **Save PDF…** and open the PDF: one marked set of cards per table, ready to laminate.
2. **Run a pretend evening.** On the **Events** page (Ctrl+2) press **New event** and give it
   a title. Under **Agenda** choose the roles deck and press **Add to agenda**, then
   **Start capture ▶**. Press **1** for table 1, **Enter**, and type the order the table
   agreed from the top down, using the codes printed on the cards: `3 1 4 2`
   (`R1=R4` would be a tie). Press **Esc**, then **2** for table 2, **Enter**, and type its
   order. Everything is saved as you type; **F1** shows all the capture keys.
3. **Export the write-up.** On the **Reports** page (Ctrl+3) choose the evening: the
   consensus order, how far each table was from it, and how much the tables agreed. Press
   **Markdown…** for a blog post or **PDF…** for a handout.
"""

# Ranking examples shown in the help; a test types each into the ranking parser and checks
# that it means what the help says.
RANKING_EXAMPLES: tuple[tuple[str, str], ...] = (
    ("R3 R1 R4", "R3 first, then R1, then R4"),
    ("3 1 4", "the same: a bare number stands for the only card with that number"),
    ("R3, R1 > R4", "commas and > separate like spaces; letters may be lower case"),
    ("R3 R1=R4 R2", "R1 and R4 tie at place 2"),
    ("R1 (R2 R4) R5", "brackets group a tie: R2 and R4 share place 2"),
)
RANKING_INTRO = (
    "Type the codes printed on the cards from the top of the order down: place 1 is the top "
    "(in a hierarchy, the most senior). Cards left out are fine; a code the deck does not "
    "have is flagged and the ranking stays in progress until it is fixed."
)


def libraries() -> list[tuple[str, str]]:
    """(name, version) of the app and what it is built on, for About."""

    import PySide6
    import reportlab
    import tinydb

    # Each library's own version attribute: the app bundle carries no package metadata.
    return [
        (APP_NAME, __version__),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("ReportLab", reportlab.Version),
        ("TinyDB", tinydb.__version__),
    ]


def _rows(bindings: list[KeyBinding]) -> str:
    return "".join(
        f"<tr><td><b>{html.escape(', '.join(b.keys))}</b></td><td>{html.escape(b.does)}</td></tr>"
        for b in bindings
    )


def _table(title: str, bindings: list[KeyBinding]) -> str:
    if not bindings:
        return ""
    return (
        f"<h3>{html.escape(title)}</h3>"
        f"<table cellspacing='0' cellpadding='3'>{_rows(bindings)}</table>"
    )


def menu_bindings(window: QMainWindow) -> list[KeyBinding]:
    """The menus' keys, named by where they are: "File ▸ Print"."""
    found: list[KeyBinding] = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if not isinstance(menu, QMenu):
            continue
        menu_name = action_description(menu_action)
        for action in menu.actions():
            # The first two of a platform's list (Redo has four on Linux) are the ones people use.
            keys = tuple(
                s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()[:2]
            )
            if keys and action.isVisible():
                found.append(KeyBinding(keys, f"{menu_name} ▸ {action_description(action)}"))
    return found


def ranking_html() -> str:
    rows = "".join(
        f"<tr><td><code>{html.escape(typed)}</code></td><td>{html.escape(meaning)}</td></tr>"
        for typed, meaning in RANKING_EXAMPLES
    )
    return (
        f"<h3>Typing a ranking</h3><p>{html.escape(RANKING_INTRO)}</p>"
        f"<table cellspacing='0' cellpadding='3'>{rows}</table>"
    )


CAPTURE_KEYS_TITLE = "Capture keys"
CAPTURE_KEYS_NOTE = (
    "In the agenda, ↑ ↓ choose the activity and Enter starts typing. Single keys act when "
    "the cursor is not in a text box; Esc leaves a text box. F1 shows these over the capture "
    "screen."
)


def capture_keys_html(capture: QWidget, title: str = CAPTURE_KEYS_TITLE) -> str:
    """The capture screen's keys and the ranking syntax: what F1 shows over capture."""
    keys = _table(title, bindings_of(capture))
    note = f"</h3><p>{html.escape(CAPTURE_KEYS_NOTE)}</p>"
    return keys.replace("</h3>", note, 1) + ranking_html()


def shortcuts_html(window: QMainWindow, pages: list[tuple[str, QWidget]]) -> str:
    """Every key the window binds: its menus, then each page's own keys, then capture's."""
    menus = menu_bindings(window)
    listed = {b.does.rsplit(" ▸ ", 1)[-1] for b in menus}
    parts = [_table("Menus", menus)]
    for title, page in pages:
        own = [b for b in bindings_of(page) if b.does not in listed]
        parts.append(_table(title, own))
    return "".join(parts)


def about_html(data_folder: str = "") -> str:
    versions = "".join(
        f"<tr><td>{html.escape(name)}</td><td>{html.escape(v)}</td></tr>" for name, v in libraries()
    )
    return (
        f"<h2>{APP_NAME} {__version__}</h2>"
        "<p>Card decks, laminate-ready print and outcome capture for workshops and meetups. "
        "Works offline: it never opens a network connection.</p>"
        f"<table cellspacing='0' cellpadding='3'>{versions}</table>"
        + (f"<p>Your data: {html.escape(data_folder)}</p>" if data_folder else "")
    )


def getting_started_markdown() -> str:
    return "# Your first ten minutes\n\n" + GETTING_STARTED


class HelpDialog(QDialog):
    """A help page in its own window, beside the app (never blocking it)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)

    def show_html(self, text: str, size: tuple[int, int] = (720, 620)) -> None:
        self.browser.setHtml(text)
        self._show(size)

    def show_markdown(self, text: str) -> None:
        self.browser.setMarkdown(text)
        self._show((720, 460))

    def _show(self, size: tuple[int, int]) -> None:
        # Within the screen, title bar included (a 1024x640 laptop shows all of it).
        screen = (self.parentWidget() or self).screen().availableGeometry()
        self.resize(min(size[0], screen.width() - 40), min(size[1], screen.height() - 80))
        self.show()
        self.raise_()
        self.activateWindow()
