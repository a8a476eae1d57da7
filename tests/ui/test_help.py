"""Help inside the app: the pages open, and the keys they list are the keys the code binds."""

from __future__ import annotations

from pathlib import Path

import PySide6
import pytest
import reportlab
import tinydb
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from facilitator.capture.rank_entry import parse_rank
from facilitator.decks import file as deck_file
from facilitator.ui import main_window as main_window_module
from facilitator.ui.help_pages import GETTING_STARTED, RANKING_EXAMPLES
from facilitator.ui.key_bindings import NO_DESCRIPTION, KeyBinding, collapse_numbered
from tests.conftest import REPO_ROOT, SAMPLE_DECKS
from tests.ui.capture_support import open_window, plan_evening, start_capture

NATIVE = QKeySequence.SequenceFormat.NativeText


def bound_keys(widget) -> list[tuple[str, str]]:
    """(key, description) for every key bound under `widget`, enumerated here independently of
    the help's own reader."""
    keys = []
    for shortcut in widget.findChildren(QShortcut):
        sequences = shortcut.keys()  # QShortcut's key sequences, not a dict's keys
        keys += [(k.toString(NATIVE), shortcut.whatsThis()) for k in sequences]
    for action in {*widget.actions(), *widget.findChildren(QAction)}:
        text = action.text().replace("&", "")
        keys += [(k.toString(NATIVE), text) for k in action.shortcuts()]
    return [(k, d) for k, d in keys if k]


def help_text(window, key: str) -> str:
    dialog = window._help_dialogs[key]
    assert dialog.isVisible()
    return dialog.browser.toPlainText()


def menu_action(window, menu_title: str, text: str) -> QAction:
    for top in window.menuBar().actions():
        if top.text().replace("&", "") == menu_title:
            for action in top.menu().actions():
                if action.text().replace("&", "") == text:
                    return action
    raise AssertionError(f"no {menu_title} ▸ {text}")


def test_keyboard_shortcuts_list_every_key_the_capture_page_binds(window, qtbot):
    menu_action(window, "Help", "Keyboard shortcuts").trigger()
    text = help_text(window, "keys")
    capture = window.events_page.capture
    bound = bound_keys(capture)
    assert len(bound) >= 20  # the table keys, arrows, V, S, +, verdicts...
    for key, does in bound:
        assert does and does != NO_DESCRIPTION, f"{key} has no description for the help"
        # A numbered run ("1 – 9") lists its keys as a range; every other key by name.
        listed = key in text or any(
            f"{lo} – {hi}" in text
            for lo, hi in [("1", "9"), ("Alt+1", "Alt+9")]
            if key.removeprefix("Alt+").isdigit() and key.startswith(lo[:-1])
        )
        assert listed, f"{key} ({does}) is bound in capture but not in the help"
    for words in ("Choose table 1 – 9", "Prompt verdict: Agreed", "Start or pause the timebox"):
        assert words in text


def test_a_key_bound_later_appears_in_the_help(window, qtbot):
    """The list is read from the bindings when the help opens, not written beside them."""
    capture = window.events_page.capture
    extra = QAction("Show the room display", capture)
    extra.setShortcut(QKeySequence("Ctrl+Shift+J"))
    capture.addAction(extra)
    window.show_keyboard_help()
    text = help_text(window, "keys")
    assert "Ctrl+Shift+J" in text and "Show the room display" in text


def test_keyboard_shortcuts_list_the_menus_and_page_keys(window):
    window.show_keyboard_help()
    text = help_text(window, "keys")
    for line in ("Ctrl+1View ▸ Decks", "Ctrl+2View ▸ Events", "Ctrl+3View ▸ Reports"):
        assert line in text.replace("\t", "").replace("\n", "")
    assert "Ctrl+PFile ▸ Print" in text.replace("\t", "").replace("\n", "")


def test_the_view_menu_holds_the_page_keys(window, qtbot):
    for number, title in enumerate(("Decks", "Events", "Reports"), start=1):
        action = menu_action(window, "View", title)
        assert action.shortcut().toString() == f"Ctrl+{number}"
        action.trigger()
        assert window.nav.currentRow() == number - 1


def test_f1_in_capture_lays_the_keys_and_ranking_syntax_over_the_screen(qtbot):
    window = open_window(qtbot)
    plan_evening(window, qtbot)
    capture = start_capture(window, qtbot)
    qtbot.keyClick(capture.agenda_list, Qt.Key.Key_F1)
    overlay = window._key_overlay
    assert overlay is not None and overlay.isVisible()
    assert not window._help_dialogs  # over the screen, not in a second window
    corner = capture.mapTo(window, capture.rect().topLeft())
    assert overlay.geometry().topLeft() == corner and overlay.size() == capture.size()
    text = overlay.text.text()
    assert "Choose table 1 – 9" in text and "Typing a ranking" in text and "R1=R4" in text
    # Any key puts it away, and the keyboard is back where it was.
    qtbot.keyClick(overlay, Qt.Key.Key_Space)
    assert not overlay.isVisible()
    assert QApplication.focusWidget() is capture.agenda_list
    # While it shows, a table key does not reach the capture screen behind it.
    qtbot.keyClick(capture.agenda_list, Qt.Key.Key_F1)
    table_before = capture.table_index
    qtbot.keyClick(overlay, Qt.Key.Key_2)
    assert capture.table_index == table_before and not overlay.isVisible()


@pytest.mark.parametrize(("typed", "meaning"), RANKING_EXAMPLES)
def test_the_ranking_examples_in_the_help_mean_what_it_says(typed, meaning):
    deck = deck_file.load(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")
    expected = {
        "R3 R1 R4": (("R3",), ("R1",), ("R4",)),
        "3 1 4": (("R3",), ("R1",), ("R4",)),
        "R3, R1 > R4": (("R3",), ("R1",), ("R4",)),
        "R3 R1=R4 R2": (("R3",), ("R1", "R4"), ("R2",)),
        "R1 (R2 R4) R5": (("R1",), ("R2", "R4"), ("R5",)),
    }[typed]
    entry = parse_rank(typed, deck)
    assert entry.problems == ()
    assert tuple(tuple(sorted(level)) for level in entry.levels) == expected


def test_getting_started_opens_and_is_the_readmes_first_ten_minutes(window):
    menu_action(window, "Help", "Getting started").trigger()
    text = help_text(window, "start")
    assert "Print a sample pack" in text and "Run a pretend evening" in text
    assert "Export the write-up" in text
    readme = (REPO_ROOT / "README.md").read_text("utf-8")
    assert GETTING_STARTED in readme


def test_about_names_the_versions_of_the_app_and_what_it_is_built_on(window):
    menu_action(window, "Help", "About Facilitator").trigger()
    text = help_text(window, "about")
    for name, version in [
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("ReportLab", reportlab.Version),
        ("TinyDB", tinydb.__version__),
    ]:
        assert f"{name}\t{version}" in text or f"{name}\n{version}" in text, text


def test_open_data_folder_opens_the_data_folder(window, data_dir, monkeypatch):
    opened = []
    monkeypatch.setattr(
        main_window_module.QDesktopServices, "openUrl", lambda url: opened.append(url)
    )
    menu_action(window, "Help", "Open data folder").trigger()
    assert [Path(u.toLocalFile()) for u in opened] == [data_dir]


def test_numbered_keys_collapse_into_a_range_and_others_stay():
    bindings = [
        KeyBinding(("1", "Alt+1"), "Choose table 1"),
        KeyBinding(("2", "Alt+2"), "Choose table 2"),
        KeyBinding(("3", "Alt+3"), "Choose table 3"),
        KeyBinding(("S",), "Start the timer"),
        KeyBinding(("Ctrl+1",), "Decks"),
        KeyBinding(("Ctrl+2",), "Events"),
    ]
    assert collapse_numbered(bindings) == [
        KeyBinding(("1 – 3", "Alt+1 – Alt+3"), "Choose table 1 – 3"),
        KeyBinding(("S",), "Start the timer"),
        KeyBinding(("Ctrl+1",), "Decks"),
        KeyBinding(("Ctrl+2",), "Events"),
    ]
    # Two in a row are not a range; a gap ends a run.
    two = bindings[:2]
    assert collapse_numbered(two) == two
    gap = [bindings[0], bindings[2], KeyBinding(("4", "Alt+4"), "Choose table 4")]
    assert collapse_numbered(gap)[0] == bindings[0]


def test_the_first_ten_minutes_work_as_written_from_the_keyboard(qtbot, tmp_path):
    """Steps 2 and 3 of Getting started, done as written: keys, buttons and words the same."""
    from tests.ui.capture_support import ROLES_DECK, Keyboard

    window = open_window(qtbot)
    page = window.events_page
    for words in ("New event", "Add to agenda", "Start capture ▶"):
        assert f"**{words}**" in GETTING_STARTED
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    page.title.selectAll()
    qtbot.keyClicks(page.title, "Pretend evening")
    qtbot.keyClick(page.title, Qt.Key.Key_Tab)
    roles = next(
        i
        for i in range(page.deck_choice.count())
        if page.deck_choice.itemData(i).deck.title == ROLES_DECK
    )
    page.deck_choice.setCurrentIndex(roles)
    qtbot.mouseClick(page.add_activity_button, Qt.MouseButton.LeftButton)
    assert page.add_activity_button.text() == "Add to agenda"
    capture = start_capture(window, qtbot)
    kb = Keyboard()
    kb.type("1")
    kb.key(Qt.Key.Key_Return)
    kb.type("3 1 4 2")
    kb.key(Qt.Key.Key_Escape)
    kb.type("2")
    kb.key(Qt.Key.Key_Return)
    kb.type("R3 R1=R4 R2")
    kb.key(Qt.Key.Key_Escape)
    window.session.flush()
    store = window.session.store()
    item = capture.current_item()
    one, two = store.list_tables(page.event_id)[:2]
    assert store.get_outcome(one.id, item.id).result.levels == (("R3",), ("R1",), ("R4",), ("R2",))
    assert store.get_outcome(two.id, item.id).result.levels == (("R3",), ("R1", "R4"), ("R2",))

    # Step 3: the Reports page, the evening chosen, Markdown… for the blog post.
    capture.focus_agenda()
    qtbot.keyClick(capture.agenda_list, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    reports = window.reports_page
    assert window.pages.currentWidget() is reports
    assert "Pretend evening" in reports.chooser.currentText()
    assert reports.export_buttons["md"].text() == "Markdown…" and "**Markdown…**" in GETTING_STARTED
    reports.ask_save_path = lambda caption, suggested, filters: str(tmp_path / "write-up.md")
    reports.export_buttons["md"].click()
    written = (tmp_path / "write-up.md").read_text("utf-8")
    assert "Pretend evening" in written and "Project Coordinator" in written
