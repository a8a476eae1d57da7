"""The first screen: the deck library and a read-only view of the selected deck's cards."""

import json
import subprocess
import sys

import pytest
from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QTranslator

from facilitator import paths
from facilitator.decks import file as deck_file
from facilitator.ui.app import create_application
from facilitator.ui.main_window import MainWindow
from tests.conftest import SAMPLE_DECKS
from tests.ui.test_deck_editor import shows


def titles(win):
    return [e.title for e in win.library.visible_entries()]


def test_lists_the_three_sample_decks_with_kind_and_count(window):
    tree = window.library.tree
    samples = tree.topLevelItem(0)
    rows = [
        (samples.child(i).text(0), samples.child(i).text(1), samples.child(i).text(2))
        for i in range(samples.childCount())
    ]
    assert rows == [
        ("PMO Flashmob discussion prompts", "Prompts", "4"),
        ("PMO roles: agree the hierarchy", "Rank", "10"),
        ("What role does what activity?", "Match", "16"),
    ]


def test_selecting_a_deck_shows_its_cards(window, qtbot):
    window.library.select_path(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")
    editor = window.editor
    assert editor.title.text() == "PMO roles: agree the hierarchy"
    assert editor.model.rowCount() == 10
    first = [editor.model.index(0, c).data() for c in range(3)]
    assert first == ["R1", "Role", "Project Administrator"]
    # Sample decks are read-only: the banner offers a copy and no cell is editable.
    assert editor.banner.isVisible() and "sample deck" in editor.banner.label.text()
    assert editor.title.isReadOnly()
    assert not editor.model.flags(editor.model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable


def test_keyboard_navigation_moves_through_decks(window, qtbot):
    window.library.select_first()
    window.library.tree.setFocus()
    qtbot.keyClick(window.library.tree, Qt.Key.Key_Down)
    assert window.editor.title.text() == "PMO roles: agree the hierarchy"


def test_search_filters_by_deck_and_card_text(window, qtbot):
    qtbot.keyClicks(window.library.search, "resource")
    # "Resource management" is a card of the match deck and a prompt of the prompts deck.
    assert titles(window) == ["PMO Flashmob discussion prompts", "What role does what activity?"]
    window.library.search.clear()
    assert len(titles(window)) == 3


def test_a_search_that_hides_the_deck_shown_leaves_none_of_its_cards_shown(window, qtbot):
    window.library.select_first()
    editor = window.editor
    assert editor.card_form.card is not None  # the deck's first card, in the form
    qtbot.keyClicks(window.library.search, "coordinator")  # a card of another deck only
    assert editor.document is None and editor.model.rowCount() == 0
    assert editor.card_form.card is None
    assert editor.card_form.field_widget("title").text() == ""
    assert editor.card_form.heading.text() == "No card selected"


def test_user_decks_are_listed_and_broken_ones_explained(window, data_dir):
    folder = data_dir / "decks"
    folder.mkdir()
    deck = deck_file.load(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")
    from dataclasses import replace

    deck_file.save(replace(deck, title="My own roles"), folder / "mine.deck.json")
    (folder / "broken.deck.json").write_text(
        json.dumps({"format": "facilitator-deck", "version": 9}), "utf-8"
    )
    window.reload_library()
    own = [e for e in window.library.visible_entries() if not e.is_sample]
    assert [e.title for e in own] == ["broken.deck.json", "My own roles"]
    window.library.select_path(folder / "broken.deck.json")
    assert window.editor.document is None
    assert "written by a newer Facilitator" in window.editor.banner.label.text()


def test_markup_in_deck_text_is_shown_literally(window, data_dir):
    folder = data_dir / "decks"
    folder.mkdir()
    deck = deck_file.load(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")
    from dataclasses import replace

    deck_file.save(
        replace(deck, title="<b>Bold?</b>", instructions="<img src=x>"), folder / "m.deck.json"
    )
    window.reload_library()
    window.library.select_path(folder / "m.deck.json")
    assert window.editor.title.text() == "<b>Bold?</b>"
    assert window.editor.instructions.toPlainText() == "<img src=x>"
    assert window.library.tree.currentItem().text(0) == "<b>Bold?</b>"


def test_data_folder_is_qts_app_data_location(qtbot, monkeypatch):
    monkeypatch.delenv("FACILITATOR_DATA_DIR")
    create_application()
    qt_location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    assert str(paths.default_data_dir()) == qt_location
    assert paths.data_dir() == paths.default_data_dir()


def test_window_size_and_splitter_are_restored(qtbot):
    create_application()
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    first.resize(first.minimumSizeHint().width(), 520)  # the default is taller
    first.decks_page.splitter.setSizes([230, 600])
    height, splitter = first.height(), first.decks_page.splitter.sizes()
    first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    assert second.height() == height == 520
    assert second.decks_page.splitter.sizes() == splitter


def test_self_test_passes_in_a_subprocess():
    result = subprocess.run(
        [sys.executable, "-m", "facilitator", "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("self-test passed: ")
    assert len(result.stdout.strip().splitlines()) == 1


def window_at(qtbot, width, height):
    """A main window sized before it is first shown, as when restored on a small screen."""
    create_application()
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(width, height)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_card_table_opens_at_its_first_column_on_a_small_screen(qtbot, tmp_path):
    win = window_at(qtbot, 1024, 640)
    table = win.editor.table
    bar = table.horizontalScrollBar()
    assert bar.maximum() > 0  # the columns are wider than the table: it could scroll
    assert bar.value() == 0
    roles = tmp_path / "roles.csv"
    roles.write_text("Title\nProject Administrator\nPMO Analyst\nHead of PMO\n", "utf-8")
    win.decks_page.import_path(roles)
    qtbot.wait(50)
    assert bar.value() == 0
    win.library.select_path(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")
    table.setFocus()
    for _ in range(3):  # moving down the title column does not scroll sideways either
        qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 3 and bar.value() == 0
    win.editor.preview.wait_idle()


GERMAN_KINDS = {"Rank": "Rangfolge", "Match": "Zuordnung", "Prompts": "Fragen"}


class Translator(QTranslator):
    """Stands in for a translation file: the library's kind words in German."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return GERMAN_KINDS.get(source, "") if context == "DeckLibraryView" else ""

    def isEmpty(self):
        return False


def test_the_librarys_kind_column_is_translated(window, qtbot):
    translator = Translator()
    QCoreApplication.installTranslator(translator)
    try:
        window.reload_library()  # lists the decks again, in the installed language
        samples = window.library.tree.topLevelItem(0)
        kinds = [samples.child(i).text(1) for i in range(samples.childCount())]
    finally:
        QCoreApplication.removeTranslator(translator)
    assert kinds == ["Fragen", "Rangfolge", "Zuordnung"]


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1024, 640)])
def test_library_and_editor_render_to_png_within_the_screen(qtbot, tmp_path, width, height):
    """The look-at-it step: the PNGs land in tmp_path (keep them with --basetemp=DIR)."""
    win = window_at(qtbot, width, height)
    editor = win.editor
    preview = editor.preview
    qtbot.waitUntil(lambda: shows(preview, editor.deck, editor.current_card()), timeout=10000)
    qtbot.wait(50)  # the preview's new picture is laid out on the next pass of the event loop
    shots = {"library": win.grab()}
    win.decks_page.duplicate_current()
    model = editor.model
    model.setData(model.index(1, model.COLUMNS.index("body")), "long text " * 300)
    qtbot.waitUntil(lambda: bool(model.warnings), timeout=10000)
    qtbot.waitUntil(lambda: shows(preview, editor.deck, editor.current_card()), timeout=10000)
    qtbot.wait(50)
    shots["editor"] = win.grab()
    for name, pixmap in shots.items():
        path = tmp_path / f"{name}_{width}x{height}.png"
        assert pixmap.save(str(path)) and path.stat().st_size > 0
        ratio = pixmap.devicePixelRatio()
        assert pixmap.width() / ratio <= width and pixmap.height() / ratio <= height, name
    editor.preview.wait_idle()
