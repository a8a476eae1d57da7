"""The first window appears before the deck editor is built; the editor follows at once, showing
the deck the library selected, or sooner when anything asks for it."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

from facilitator.decks import file as deck_file
from facilitator.decks.editing import new_deck
from facilitator.decks.model import ActivityKind
from facilitator.paths import user_decks_dir
from facilitator.ui.app import create_application
from facilitator.ui.main_window import MainWindow
from facilitator.ui.pyside_import_hook import make_import_hook_cheaper, reads_source_bytes
from tests.conftest import REPO_ROOT

# What a real start has loaded when the window is shown, and once the event loop has run.
MODULES_AT_START = """
import json, sys
from PySide6.QtCore import QTimer
from facilitator.ui.app import start_app

EDITOR_MODULES = ("facilitator.ui.deck_editor", "facilitator.ui.card_preview",
                  "facilitator.ui.card_form", "facilitator.decks.pictures")
app, window = start_app()
shown = [m for m in EDITOR_MODULES if m in sys.modules]

def later():
    print(json.dumps({
        "at_show": shown,
        "later": [m for m in EDITOR_MODULES if m in sys.modules],
        "editor_deck": window.editor.deck.title if window.decks_page.editor_built else None,
        "library_deck": window.decks_page.current_entry().title,
    }))
    window.close()
    app.quit()

QTimer.singleShot(1000, later)
app.exec()
"""


def test_the_window_is_shown_before_the_editor_modules_load_and_they_follow(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACILITATOR_")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        FACILITATOR_DATA_DIR=str(tmp_path / "data"),
        PYTHONPATH=str(REPO_ROOT),
    )
    result = subprocess.run(
        [sys.executable, "-c", MODULES_AT_START],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["at_show"] == []
    assert len(seen["later"]) == 4, seen
    # Built by the event loop on its own (nothing asked for it), showing the library's deck.
    assert seen["editor_deck"] == seen["library_deck"], seen


def test_once_shown_the_editor_is_built_with_the_selected_deck(qtbot) -> None:
    create_application()
    window = MainWindow()
    qtbot.addWidget(window)
    page = window.decks_page
    assert not page.editor_built
    window.show()
    qtbot.waitUntil(lambda: page.editor_built, timeout=10000)
    editor = page.editor
    assert page.splitter.widget(1) is editor
    entry = page.current_entry()
    assert entry is not None and editor.document is not None
    assert editor.document.path == entry.path
    assert editor.title.text() == entry.deck.title
    # Edit ▸ Undo follows the deck shown, as when it is chosen in the library.
    assert page.undo_group.activeStack() is editor.document.undo_stack
    editor.preview.wait_idle()


def test_asking_for_the_editor_before_the_window_shows_builds_it_at_once(qtbot) -> None:
    create_application()
    window = MainWindow()
    qtbot.addWidget(window)
    entry = window.decks_page.current_entry()
    editor = window.editor  # as tests, the self-test and the print dialog do
    assert window.decks_page.editor_built
    assert editor.deck is not None and editor.deck.title == entry.deck.title
    assert window.decks_page.duplicate_action.isEnabled()
    assert not window.decks_page.delete_action.isEnabled()  # a sample deck
    editor.preview.wait_idle()


def test_a_deck_saved_into_the_folder_after_the_start_appears_in_the_library(qtbot) -> None:
    create_application()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.decks_page.editor_built, timeout=10000)
    folder = user_decks_dir()
    folder.mkdir(parents=True, exist_ok=True)
    window.decks_page.reload()  # the folder exists now: watched from here on
    deck_file.save(new_deck("Saved by the command line", ActivityKind.RANK), folder / "x.deck.json")
    library = window.library
    qtbot.waitUntil(
        lambda: "Saved by the command line" in [e.title for e in library.visible_entries()],
        timeout=10000,
    )
    window.editor.preview.wait_idle()


def test_the_cheaper_import_check_answers_as_pyside_does() -> None:
    def pyside_answer(module) -> bool:  # type: ignore[no-untyped-def]
        # PySide's own definition: the module's source mentions PySide6.
        try:
            return "PySide6" in inspect.getsource(module)
        except (OSError, TypeError):
            return False

    asked: list[str] = []

    def fallback(module) -> bool:  # type: ignore[no-untyped-def]
        asked.append(module.__name__)
        return pyside_answer(module)

    check = reads_source_bytes(fallback)
    import facilitator.decks.model
    import facilitator.ui.banner

    for module in (facilitator.ui.banner, facilitator.decks.model, json, sys):
        assert check(module) == pyside_answer(module), module.__name__
    assert check(facilitator.ui.banner) and not check(facilitator.decks.model)
    assert asked == ["sys"]  # only the module without a source file was passed on


def test_the_import_check_is_replaced_once() -> None:
    import PySide6.QtCore  # noqa: F401  (loads PySide's hook)

    feature = sys.modules["shibokensupport.feature"]
    assert make_import_hook_cheaper()
    installed = feature._mod_uses_pyside
    assert make_import_hook_cheaper()
    assert feature._mod_uses_pyside is installed


# A start that prints the deck list as first shown, and again once the event loop has run.
LIST_AT_START = """
import gc, json, sys
from PySide6.QtCore import QTimer
from facilitator.ui.app import start_app

def rows(window):
    tree = window.library.tree
    return [[tree.topLevelItem(g).child(i).text(c) for c in range(3)]
            for g in range(tree.topLevelItemCount())
            for i in range(tree.topLevelItem(g).childCount())]

app, window = start_app()
first = {"rows": rows(window), "status": window.status_text.text(),
         "deck_model_loaded": "facilitator.decks.model" in sys.modules,
         "gc": gc.isenabled()}

def later():
    entry = window.decks_page.current_entry()
    print(json.dumps({**first, "later_rows": rows(window),
                      "selected": str(entry.path), "editor": window.editor.deck.title,
                      "duplicate": window.decks_page.duplicate_action.isEnabled()}))
    window.close()
    app.quit()

QTimer.singleShot(1000, later)
app.exec()
"""


def start_and_list(data: Path) -> dict:  # type: ignore[type-arg]
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACILITATOR_")}
    env.update(
        QT_QPA_PLATFORM="offscreen", FACILITATOR_DATA_DIR=str(data), PYTHONPATH=str(REPO_ROOT)
    )
    result = subprocess.run(
        [sys.executable, "-c", LIST_AT_START], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_a_second_start_lists_the_decks_before_reading_them_and_then_reads_them(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    mine = data / "decks" / "mine.deck.json"
    mine.parent.mkdir(parents=True)
    deck_file.save(new_deck("Tonight's own deck", ActivityKind.RANK), mine)
    (data / "decks" / "broken.deck.json").write_text("{ cut off", encoding="utf-8")

    read = start_and_list(data)  # no list kept yet: the decks are read before the window
    assert read["deck_model_loaded"]
    again = start_and_list(data)
    assert not again["deck_model_loaded"]
    # The same rows and status line as reading the decks gives, then the decks themselves.
    assert again["rows"] == read["rows"] == again["later_rows"]
    assert ["Tonight's own deck", "Rank", "1"] in again["rows"]
    assert ["broken.deck.json", "unreadable", ""] in again["rows"]
    assert again["status"] == read["status"]
    assert again["selected"] == read["selected"]
    assert again["editor"] == read["editor"] == again["rows"][0][0]
    assert again["duplicate"]
    assert again["gc"] and read["gc"]  # the collector is back on once the window is up


def test_a_deck_changed_between_starts_shows_as_it_is_now(tmp_path: Path) -> None:
    data = tmp_path / "data"
    mine = data / "decks" / "mine.deck.json"
    mine.parent.mkdir(parents=True)
    deck_file.save(new_deck("Before the evening", ActivityKind.RANK), mine)
    start_and_list(data)
    deck_file.save(new_deck("Renamed by the command line", ActivityKind.MATCH), mine)
    now = start_and_list(data)
    assert now["deck_model_loaded"]  # read at once: the list kept no longer matches the files
    assert ["Renamed by the command line", "Match", "1"] in now["rows"]
    assert not any(row[0] == "Before the evening" for row in now["rows"])


def test_the_deck_actions_follow_the_selected_deck_once_a_cached_list_is_read(qtbot) -> None:
    create_application()
    first = MainWindow()  # reads the decks, and keeps the list for the next start
    qtbot.addWidget(first)
    window = MainWindow()
    qtbot.addWidget(window)
    page = window.decks_page
    assert "Sample decks" in window.library.tree.topLevelItem(0).text(0)
    assert window.library.tree.currentItem() is not None  # a cached row, selected
    # Anything that needs the decks reads them: the selected row is now a sample deck's.
    entries = window.library.visible_entries()
    assert entries and page.current_entry() == entries[0] and entries[0].is_sample
    assert not page.delete_action.isEnabled()  # samples cannot be deleted
    assert page.duplicate_action.isEnabled()
    assert not page.editor_built
