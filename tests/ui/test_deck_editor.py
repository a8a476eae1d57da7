"""The deck editor and library actions, driven through the real widgets with keystrokes."""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QKeySequence, QPalette
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from facilitator.atomic_write import WriteFailed
from facilitator.decks import editing as deck_editing
from facilitator.decks import file as deck_file
from facilitator.decks.model import PromptKind
from facilitator.ui.card_table_model import CARD_IDS_MIME, CardTableModel
from tests.conftest import FIXTURES, SAMPLE_DECKS

TITLE = CardTableModel.COLUMNS.index("title")


class FakeDialogs:
    """Answers the page's questions; records what it was shown instead of opening dialogs."""

    def __init__(self, choice=0, texts=(), open_files=(), colours=(), confirm=True, preview=None):
        self._preview = preview  # does what a person does in the import preview
        self.previews: list[str] = []  # what each import preview said when it was closed
        self._confirm = confirm
        self.confirmations: list[str] = []  # the questions asked before something drastic
        self._choice = choice
        self._texts = list(texts)
        self._files = list(open_files)
        self._colours = list(colours)
        self.asked: list[str] = []  # the titles of the questions asked
        self.errors: list[tuple[str, str]] = []
        self.problem_lists: list[list[str]] = []

    def choice(self, title, label, options):
        return self._choice

    def text(self, title, label, value=""):
        self.asked.append(title)
        return self._texts.pop(0) if self._texts else None

    def colour(self, title, initial):
        self.asked.append(title)
        return self._colours.pop(0) if self._colours else None

    def open_file(self, title, filters):
        return self._files.pop(0) if self._files else None

    def save_file(self, title, suggested, filters):
        return None

    def error(self, title, message):
        self.errors.append((title, message))

    def run(self, dialog):
        if self._preview is not None:
            self._preview(dialog)
        else:
            dialog.press_default()
        self.previews.append(dialog.problem.text())
        return bool(dialog.choice)

    def confirm(self, title, message, ok_label):
        self.confirmations.append(message)
        return self._confirm

    def problems(self, title, summary, lines):
        self.problem_lists.append(lines)


def shown_image(preview) -> QImage:
    """The picture the card preview shows now (null before its first render)."""
    return preview.image.pixmap().toImage().convertToFormat(QImage.Format.Format_RGB32)


def printed_image(deck, card, width: int) -> QImage:
    """The card as the print engine draws it, `width` pixels wide: what the preview should show."""
    from facilitator.print import render_card_pdf
    from facilitator.ui.card_preview import preview_options
    from facilitator.ui.pdf_images import pdf_page_images

    data = render_card_pdf(deck, card, preview_options())
    image = pdf_page_images(data, width, fit_width=True)[0]
    return image.convertToFormat(QImage.Format.Format_RGB32)


def shows(preview, deck, card) -> bool:
    """Whether the preview shows exactly that card of that deck, as it will print."""
    image = shown_image(preview)
    return not image.isNull() and image == printed_image(deck, card, image.width())


def titles_on_disk(path: Path) -> list[str]:
    return [c["title"] for c in json.loads(path.read_text("utf-8"))["cards"]]


def saved(window, qtbot):
    document = window.editor.document
    qtbot.waitUntil(lambda: not document.dirty, timeout=3000)
    return document.path


def new_deck(window, title="Team roles", choice=0):
    window.decks_page.dialogs = FakeDialogs(choice=choice, texts=[title])
    return window.decks_page.new_deck()


def type_into_current_cell(qtbot, window, text):
    table = window.editor.table
    editor = table.focusWidget() if table.state() == table.State.EditingState else None
    if editor is None:
        table.edit(table.currentIndex())
        editor = table.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(1)  # the delegate commits Enter through a queued call


def escape(qtbot, window):
    qtbot.keyClick(window.editor.table.focusWidget(), Qt.Key.Key_Escape)
    qtbot.wait(1)


def test_create_a_deck_and_type_cards_with_enter(window, qtbot, data_dir):
    path = new_deck(window)
    assert path.parent == data_dir / "decks" and path.exists()
    assert window.editor.title.text() == "Team roles"
    # The new deck's first card is open for typing; Enter on the last row adds the next card.
    for title in ("Project Administrator", "PMO Analyst", "Head of PMO"):
        type_into_current_cell(qtbot, window, title)
    # Escape on the card Enter just added takes it away again.
    escape(qtbot, window)
    saved(window, qtbot)
    assert titles_on_disk(path) == ["Project Administrator", "PMO Analyst", "Head of PMO"]
    deck = deck_file.load(path)
    assert [c.code for c in deck.cards] == ["C1", "C2", "C3"]
    assert window.editor.saved_state.text().startswith("Saved ")


def test_paste_several_lines_adds_several_cards(window, qtbot):
    path = new_deck(window)
    table = window.editor.table
    escape(qtbot, window)  # leave the first card as it is
    QGuiApplication.clipboard().setText(
        "Lessons learned\tCorporate memory\nResource management\n\nReporting\n"
    )
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    saved(window, qtbot)
    deck = deck_file.load(path)
    assert [c.title for c in deck.cards] == [
        "New card",
        "Lessons learned",
        "Resource management",
        "Reporting",
    ]
    assert deck.cards[1].body == "Corporate memory"
    assert len(window.editor.selected_ids()) == 3


def test_reorder_by_keyboard_and_by_drop_then_undo_and_redo(window, qtbot):
    path = new_deck(window)
    window.editor.paste_cards("A\nB\nC")
    window.editor.delete_selected()  # the pasted cards are selected: this deletes all three
    assert [c.title for c in window.editor.deck.cards] == ["New card"]
    window.undo_action.trigger()
    assert [c.title for c in window.editor.deck.cards] == ["New card", "A", "B", "C"]
    window.editor.select_row(1)
    window.editor.table.setFocus()
    qtbot.keyClick(
        window.editor.table,
        Qt.Key.Key_Down,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert [c.title for c in window.editor.deck.cards] == ["New card", "B", "A", "C"]
    # Dragging C to the top is one undoable move.
    model = window.editor.model
    mime = model.mimeData([model.index(3, 0)])
    assert mime.hasFormat(CARD_IDS_MIME)
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, model.index(-1, -1))
    assert [c.title for c in window.editor.deck.cards] == ["C", "New card", "B", "A"]
    window.undo_action.trigger()
    assert [c.title for c in window.editor.deck.cards] == ["New card", "B", "A", "C"]
    window.undo_action.trigger()
    assert [c.title for c in window.editor.deck.cards] == ["New card", "A", "B", "C"]
    window.redo_action.trigger()
    saved(window, qtbot)
    assert titles_on_disk(path) == ["New card", "B", "A", "C"]
    assert "Move cards" in window.undo_action.text()


def test_multi_select_change_suit_and_delete(window, qtbot):
    path = new_deck(window, "Roles and activities", choice=1)  # match: Role and Activity suits
    window.editor.paste_cards("Report\nAssure\nPlan")
    window.editor.change_suit("Activity")
    deck = window.editor.deck
    assert [(c.suit, c.code) for c in deck.cards] == [
        ("Role", "R1"),
        ("Activity", "A1"),
        ("Activity", "A2"),
        ("Activity", "A3"),
    ]
    window.editor.select_ids([deck.cards[1].id, deck.cards[3].id])
    window.editor.table.setFocus()
    qtbot.keyClick(window.editor.table, Qt.Key.Key_Delete)
    saved(window, qtbot)
    assert titles_on_disk(path) == ["New card", "Assure"]


def test_editing_a_cell_and_refusing_a_bad_value(window, qtbot):
    path = new_deck(window)
    escape(qtbot, window)
    model = window.editor.model
    assert model.setData(model.index(0, TITLE), "Planner") is True
    # An empty title breaks a rule: refused with a sentence, nothing changes.
    assert model.setData(model.index(0, TITLE), "   ") is False
    assert window.editor.banner.isVisible()
    assert window.editor.banner.label.text() == "A title must not be empty."
    copies = CardTableModel.COLUMNS.index("copies")
    assert model.setData(model.index(0, copies), 3) is True
    saved(window, qtbot)
    card = deck_file.load(path).cards[0]
    assert (card.title, card.copies) == ("Planner", 3)


def test_deck_title_kind_and_instructions_are_saved(window, qtbot):
    path = new_deck(window)
    escape(qtbot, window)
    editor = window.editor
    editor.title.selectAll()
    qtbot.keyClicks(editor.title, "Hierarchy of titles")
    qtbot.keyClick(editor.title, Qt.Key.Key_Return)
    editor.instructions.setFocus()
    qtbot.keyClicks(editor.instructions, "Fifteen minutes.")
    editor.table.setFocus()  # leaving the field commits it
    qtbot.waitUntil(lambda: editor.deck.instructions == "Fifteen minutes.")
    saved(window, qtbot)
    deck = deck_file.load(path)
    assert (deck.title, deck.instructions) == ("Hierarchy of titles", "Fifteen minutes.")


def test_sample_decks_are_read_only_and_duplicate_to_edit(window, qtbot, data_dir):
    window.library.select_path(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")
    before = (SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json").read_bytes()
    model = window.editor.model
    assert model.setData(model.index(0, TITLE), "Changed") is False
    path = window.decks_page.duplicate_current()
    assert path.parent == data_dir / "decks"
    assert window.editor.document.path == path and not window.editor.document.read_only
    assert model.setData(model.index(0, TITLE), "Changed") is True
    saved(window, qtbot)
    assert titles_on_disk(path)[0] == "Changed"
    assert (SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json").read_bytes() == before


def test_import_csv_and_the_problems_dialog(window, qtbot, data_dir):
    page = window.decks_page
    page.dialogs = FakeDialogs(open_files=[FIXTURES / "import" / "excel-utf8-bom.csv"])
    path = page.import_from_file()
    assert path is not None and window.editor.document.path == path
    assert window.editor.deck.cards[0].title == "Project Administrator"
    assert page.banner.label.text() == "Imported 3 cards from excel-utf8-bom.csv (UTF-8 with BOM)."
    before = sorted(p.name for p in (data_dir / "decks").iterdir())
    page.dialogs = FakeDialogs(open_files=[FIXTURES / "import" / "bad-rows.csv"])
    assert page.import_from_file() is None
    # The preview lists the rows, and offers nothing to import until they are fixed.
    assert page.dialogs.previews == [
        "Nothing can be imported yet:\n"
        "bad-rows.csv: row 3: the title is empty\n"
        'bad-rows.csv: row 4: copies "many" is not a whole number\n'
        "bad-rows.csv: row 5: copies is 500; it must be 1 to 99"
    ]
    assert sorted(p.name for p in (data_dir / "decks").iterdir()) == before


def test_dropping_a_csv_file_imports_it(window, qtbot):
    path = window.decks_page.open_dropped(FIXTURES / "import" / "prompts.txt")
    assert path is not None and len(deck_file.load(path).cards) == 3
    window.decks_page.dialogs = FakeDialogs()
    assert window.decks_page.open_dropped(Path("/tmp/photo.png")) is None
    assert (
        "drop a .deck.json, .xlsx, .ods, .csv, .tsv or .txt file"
        in window.decks_page.dialogs.errors[0][1]
    )


def test_import_from_clipboard(window, qtbot):
    QGuiApplication.clipboard().setText("title;suit\nOne;Role\nTwo;Role\n")
    window.decks_page.dialogs = FakeDialogs(texts=["Pasted deck"])
    path = window.decks_page.import_from_clipboard()
    deck = deck_file.load(path)
    assert deck.title == "Pasted deck" and [c.title for c in deck.cards] == ["One", "Two"]


def test_open_a_deck_file_from_anywhere_edits_it_in_place(window, qtbot, tmp_path):
    outside = tmp_path / "elsewhere" / "team.deck.json"
    outside.parent.mkdir()
    deck_file.save(deck_file.load(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json"), outside)
    window.decks_page.dialogs = FakeDialogs(open_files=[outside])
    assert window.decks_page.open_deck_file() == outside.resolve()
    assert [e.path for e in window.library.visible_entries() if e.is_external] == [
        outside.resolve()
    ]
    model = window.editor.model
    model.setData(model.index(0, TITLE), "Edited in place")
    saved(window, qtbot)
    assert titles_on_disk(outside)[0] == "Edited in place"


def test_delete_with_undo(window, qtbot):
    path = new_deck(window)
    escape(qtbot, window)
    window.library.select_path(path)
    trashed = window.decks_page.delete_current()
    assert not path.exists() and trashed.exists()
    assert path not in [e.path for e in window.library.visible_entries()]
    undo = window.decks_page.banner.buttons.itemAt(0).widget()
    assert undo.text() == "Undo"
    undo.click()
    assert path.exists()
    assert window.editor.document.path == path


def test_a_change_on_disk_is_noticed_not_overwritten(window, qtbot):
    path = new_deck(window)
    escape(qtbot, window)
    saved(window, qtbot)
    theirs = json.loads(path.read_text("utf-8"))
    theirs["cards"][0]["title"] = "Their title"
    path.write_text(json.dumps(theirs), "utf-8")
    document = window.editor.document
    qtbot.waitUntil(lambda: document.conflict, timeout=3000)
    assert "changed by another program" in window.editor.banner.label.text()
    model = window.editor.model
    model.setData(model.index(0, TITLE), "My title")
    qtbot.wait(600)  # longer than the autosave delay: nothing may be written while in conflict
    assert titles_on_disk(path) == ["Their title"]
    document.reload_from_disk()
    assert window.editor.deck.cards[0].title == "Their title"
    window.undo_action.trigger()  # back to mine, which then saves normally
    saved(window, qtbot)
    assert titles_on_disk(path) == ["My title"]


def test_a_failed_save_is_shown_and_the_edit_kept(window, qtbot, monkeypatch):
    new_deck(window)
    escape(qtbot, window)

    def refuse(deck, path):
        raise WriteFailed(f"could not save {path}: the disk is full")

    monkeypatch.setattr(deck_file, "save", refuse)
    model = window.editor.model
    model.setData(model.index(0, TITLE), "Kept in memory")
    document = window.editor.document
    qtbot.waitUntil(lambda: bool(document.save_error), timeout=3000)
    assert window.editor.saved_state.text().startswith("Not saved: could not save")
    assert window.editor.banner.isVisible()
    assert window.editor.deck.cards[0].title == "Kept in memory"
    monkeypatch.undo()
    assert document.save_now() and titles_on_disk(document.path) == ["Kept in memory"]


def test_live_preview_draws_the_selected_card_and_marks_problem_cards(window, qtbot):
    new_deck(window)
    escape(qtbot, window)
    model = window.editor.model
    body = CardTableModel.COLUMNS.index("body")
    assert model.setData(model.index(0, body), "word " * 700)
    preview = window.editor.preview
    qtbot.waitUntil(lambda: preview.shown_generation > 0, timeout=5000)
    assert not preview.image.pixmap().isNull()
    card = window.editor.deck.cards[0]
    qtbot.waitUntil(lambda: card.id in model.warnings, timeout=5000)
    assert model.index(0, TITLE).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "will not print well" in window.editor.warning_summary.text()
    assert "too long to fit" in model.index(0, TITLE).data(Qt.ItemDataRole.ToolTipRole)
    # A character the font lacks is reported too, instead of printing an empty box.
    model.setData(model.index(0, body), "漢字")
    qtbot.waitUntil(lambda: "no glyph" in "".join(model.warnings.get(card.id, [])), timeout=5000)


def test_mime_data_round_trip_is_card_ids(window):
    window.library.select_path(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")
    model = window.editor.model
    mime = model.mimeData([model.index(1, 0), model.index(1, 2)])
    assert bytes(mime.data(CARD_IDS_MIME).data()).decode() == window.editor.deck.cards[1].id
    assert not QMimeData().hasFormat(CARD_IDS_MIME)


def test_a_save_never_overwrites_a_change_the_watcher_has_not_reported(window, qtbot):
    path = new_deck(window)
    escape(qtbot, window)
    saved(window, qtbot)
    document = window.editor.document
    model = window.editor.model
    model.setData(model.index(0, TITLE), "Mine")
    theirs = json.loads(path.read_text("utf-8"))
    theirs["cards"][0]["title"] = "Theirs"
    path.write_text(json.dumps(theirs), "utf-8")
    # Save at once, before any file-watcher notice can arrive (as quitting does).
    assert document.save_now() is False
    assert document.conflict
    assert titles_on_disk(path) == ["Theirs"]


def test_quitting_during_a_conflict_keeps_both_versions(window, qtbot):
    path = new_deck(window)
    escape(qtbot, window)
    saved(window, qtbot)
    model = window.editor.model
    model.setData(model.index(0, TITLE), "Mine")
    theirs = json.loads(path.read_text("utf-8"))
    theirs["cards"][0]["title"] = "Theirs"
    path.write_text(json.dumps(theirs), "utf-8")
    window.close()
    titles = sorted(titles_on_disk(p)[0] for p in path.parent.glob("*.deck.json"))
    assert titles == ["Mine", "Theirs"]


def test_problem_cards_are_counted_in_words_without_widening_the_window(window, qtbot):
    new_deck(window)
    escape(qtbot, window)
    editor = window.editor
    editor.paste_cards("Second\nThird")
    model = editor.model
    body = CardTableModel.COLUMNS.index("body")
    for row in (0, 1):
        model.setData(model.index(row, body), "word " * 700)
    qtbot.waitUntil(lambda: len(model.warnings) == 2, timeout=10000)
    assert editor.warning_summary.text().startswith("2 cards will not print well")
    assert window.minimumSizeHint().width() <= 1024  # still fits a 1024-pixel screen
    model.setData(model.index(1, body), "Short again")
    qtbot.waitUntil(lambda: len(model.warnings) == 1, timeout=10000)
    assert editor.warning_summary.text().startswith("1 card will not print well")
    assert "Delete a card" not in window.undo_action.text()
    editor.select_row(2)
    editor.delete_selected()
    assert window.undo_action.text().endswith("Delete a card")


def test_import_banner_says_when_a_first_row_became_a_card(window, qtbot):
    page = window.decks_page
    # The files share roles: each is imported as a deck of its own, not as an update.
    page.dialogs = FakeDialogs(preview=lambda preview: preview.import_as_new())
    page.import_path(FIXTURES / "import" / "role-title-header.csv")
    assert window.editor.deck.cards[0].title == "Project Administrator"
    assert page.banner.label.text() == "Imported 4 cards from role-title-header.csv (UTF-8)."
    page.import_path(FIXTURES / "import" / "one-column-no-header.csv")
    assert page.banner.label.text() == (
        "Imported 3 cards from one-column-no-header.csv (UTF-8). No column heading such as "
        '"title", so row 1 (“Project Administrator”) became a card; delete it if it was a heading.'
    )
    page.import_path(FIXTURES / "import" / "title-and-role.csv")
    assert page.banner.label.text() == (
        "Imported 2 cards from title-and-role.csv (UTF-8). "
        'The column "Role" was not recognised, so it was left out.'
    )


def test_a_workbook_imports_from_the_sheet_chosen_and_junk_gets_one_sentence(
    window, qtbot, data_dir, tmp_path
):
    page = window.decks_page
    seen = []

    def second_sheet(preview):  # roles.ods has two sheets: Roles, Activities
        seen.append(preview.summary.text())
        preview.sheet_choice.setCurrentText("Activities")
        seen.append(preview.summary.text())
        preview.import_as_new()

    page.dialogs = FakeDialogs(preview=second_sheet)
    path = page.open_dropped(FIXTURES / "import" / "roles.ods")
    assert [text.split(":")[0] for text in seen] == [
        "roles.ods (sheet “Roles”)",
        "roles.ods (sheet “Activities”)",
    ]
    assert path is not None
    assert [c.title for c in deck_file.load(path).cards] == [
        "Maintain the RAID log",
        "Approve the business case",
    ]
    assert page.banner.label.text() == "Imported 2 cards from roles.ods (sheet “Activities”)."
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 cut short")
    page.dialogs = FakeDialogs(open_files=[broken])
    assert page.import_from_file() is None
    assert page.import_path(FIXTURES / "import" / "junk-renamed.csv") is None
    messages = [message for _title, message in page.dialogs.errors]
    assert messages == [
        "broken.xlsx cannot be read as a workbook: it is damaged or not an Excel or "
        "LibreOffice file; open it and save it again, or save it as CSV",
        "junk-renamed.csv: looks like a binary file, not CSV or text",
    ]
    assert len(list((data_dir / "decks").glob("*.json"))) == 1  # only the workbook's deck


def test_the_preview_follows_typing_before_enter_without_an_undo_step(window, qtbot):
    new_deck(window)
    escape(qtbot, window)
    editor = window.editor
    preview = editor.preview
    qtbot.waitUntil(lambda: preview.shown_generation > 0, timeout=5000)
    document = editor.document
    qtbot.waitUntil(lambda: not document.dirty, timeout=3000)
    steps = document.undo_stack.count()
    deck, card = editor.deck, editor.deck.cards[0]
    before = shown_image(preview)
    width = before.width()
    assert before == printed_image(deck, card, width)
    typed = deck_editing.set_card_field(deck, card.id, "title", "Senior PMO Analyst")
    senior = printed_image(typed, typed.cards[0], width)
    retitled = printed_image(deck_editing.set_deck_field(deck, "title", "Hierarchy"), card, width)
    assert senior != before and retitled != before
    table = editor.table
    editor.select_row(0)
    table.setFocus()
    qtbot.keyClick(table, "S")  # typing on a cell opens its editor...
    assert table.state() == table.State.EditingState
    qtbot.keyClicks(table.focusWidget(), "enior PMO Analyst")  # ...which takes the next keys
    qtbot.waitUntil(lambda: shown_image(preview) == senior, timeout=5000)
    assert editor.deck.cards[0].title == "New card"  # nothing committed yet...
    assert document.undo_stack.count() == steps and not document.dirty  # ...nor saved
    escape(qtbot, window)  # Escape drops the typing, and the preview follows
    qtbot.waitUntil(lambda: shown_image(preview) == before, timeout=5000)
    # The deck title is printed on the backs: its preview follows typing too.
    editor.title.setFocus()
    editor.title.selectAll()
    qtbot.keyClicks(editor.title, "Hierarchy")
    qtbot.waitUntil(lambda: shown_image(preview) == retitled, timeout=5000)
    assert document.deck.title == "Team roles" and document.undo_stack.count() == steps


def test_copies_and_second_imports_get_titles_of_their_own(window, qtbot):
    page = window.decks_page
    sample = SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json"
    window.library.select_path(sample)
    first = page.duplicate_current()
    assert window.editor.title.text() == "PMO roles: agree the hierarchy (copy)"
    window.library.select_path(sample)
    page.duplicate_current()
    window.library.select_path(first)
    page.duplicate_current()  # a copy of the copy: numbered, not "(copy) (copy)"
    roles = FIXTURES / "import" / "role-title-header.csv"
    page.dialogs = FakeDialogs(preview=lambda preview: preview.import_as_new())
    page.import_path(roles)
    page.import_path(roles)  # the same cards again, imported as a new deck on purpose
    shown = [e.title for e in window.library.visible_entries()]
    assert len(shown) == len(set(shown))
    assert sorted(e.title for e in window.library.visible_entries() if not e.is_sample) == [
        "PMO roles: agree the hierarchy (copy 2)",
        "PMO roles: agree the hierarchy (copy 3)",
        "PMO roles: agree the hierarchy (copy)",
        "Role title header",
        "Role title header (2)",
    ]


def contrast(one, two):
    def luminance(colour):
        def channel(c):
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@contextmanager
def app_palette(palette):
    """The application wears `palette` inside the block, and its own palette again after."""
    before = QGuiApplication.palette()
    QGuiApplication.setPalette(palette)
    try:
        yield
    finally:
        QGuiApplication.setPalette(before)


def dark_palette():
    palette = QPalette(QColor("#353535"))
    for role, colour in (
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.AlternateBase, "#2a2a2a"),
        (QPalette.ColorRole.Text, "#e0e0e0"),
        (QPalette.ColorRole.WindowText, "#e0e0e0"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def test_problem_cards_carry_a_warning_sign_and_a_red_that_reads_light_or_dark(window, qtbot):
    new_deck(window)
    escape(qtbot, window)
    model = window.editor.model
    model.setData(model.index(0, CardTableModel.COLUMNS.index("body")), "word " * 700)
    qtbot.waitUntil(lambda: bool(model.warnings), timeout=10000)
    code = model.index(0, CardTableModel.COLUMNS.index("code"))
    sign = code.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(sign, QIcon) and not sign.isNull()
    assert "too long to fit" in code.data(Qt.ItemDataRole.ToolTipRole)
    assert "will not print well" in code.data(Qt.ItemDataRole.AccessibleTextRole)
    table = window.editor.table  # the sign sits beside the code, not over it
    assert table.columnWidth(code.column()) >= table.sizeHintForIndex(code).width()
    for palette in (QGuiApplication.palette(), dark_palette()):
        with app_palette(palette):
            qtbot.wait(1)
            red = code.data(Qt.ItemDataRole.ForegroundRole)
            for background in (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase):
                assert contrast(red, window.editor.table.palette().color(background)) >= 4.5


def test_redo_answers_ctrl_shift_z_as_well_as_ctrl_y(window, qtbot):
    new_deck(window)
    escape(qtbot, window)
    editor = window.editor
    editor.paste_cards("A\nB")
    table = editor.table
    table.setFocus()
    ctrl = Qt.KeyboardModifier.ControlModifier
    keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    assert QKeySequence("Ctrl+Shift+Z") in keys and QKeySequence("Ctrl+Y") in keys
    for key, modifiers in (
        (Qt.Key.Key_Z, ctrl | Qt.KeyboardModifier.ShiftModifier),
        (Qt.Key.Key_Y, ctrl),
    ):
        qtbot.keyClick(table, Qt.Key.Key_Z, ctrl)
        assert [c.title for c in editor.deck.cards] == ["New card"]
        qtbot.keyClick(table, key, modifiers)
        assert [c.title for c in editor.deck.cards] == ["New card", "A", "B"]


def suit_menu_action(editor, suit, text):
    chips = [editor.suits_row.itemAt(i).widget() for i in range(editor.suits_row.count())]
    chip = next(c for c in chips if c.accessibleName() == f"Suit {suit}")
    return next(a for a in chip.menu().actions() if a.text() == text)


def test_suits_are_added_renamed_recoloured_and_deleted_through_the_dialogs(window, qtbot):
    path = new_deck(window)
    escape(qtbot, window)
    editor = window.editor
    editor.dialogs = FakeDialogs(texts=["Activity", "Role"], colours=["#aa3300"])
    editor.add_suit_button.click()
    assert [s.name for s in editor.deck.suits] == ["Card", "Activity"]
    suit_menu_action(editor, "Card", "Rename…").trigger()
    assert [s.name for s in editor.deck.suits] == ["Role", "Activity"]
    assert editor.deck.cards[0].suit == "Role"  # its cards follow the rename
    assert (editor.deck.suit("Role").prefix, editor.deck.cards[0].code) == ("R", "R1")
    suit_menu_action(editor, "Activity", "Colour…").trigger()
    assert editor.deck.suit("Activity").colour == "#aa3300"
    suit_menu_action(editor, "Activity", "Delete suit").trigger()
    assert [s.name for s in editor.deck.suits] == ["Role"]
    assert editor.dialogs.asked == ["Add a suit", "Rename suit", "Colour of Activity"]
    # A cancelled question changes nothing.
    suit_menu_action(editor, "Role", "Code prefix…").trigger()
    assert editor.deck.suit("Role").prefix == "R"
    saved(window, qtbot)
    suits = json.loads(path.read_text("utf-8"))["suits"]
    assert [s["name"] for s in suits] == ["Role"]
    window.undo_action.trigger()  # the deletion is undoable like any edit
    assert editor.deck.suit("Activity").colour == "#aa3300"


def test_coloured_banners_keep_dark_text_on_a_dark_palette(window, qtbot):
    banner = window.editor.banner
    with app_palette(dark_palette()):
        for kind, background in (("warning", "#fff4ce"), ("error", "#fde7e9")):
            banner.show_message("Something to read", kind)
            banner.label.ensurePolished()
            text = banner.label.palette().color(QPalette.ColorRole.WindowText)
            assert contrast(text, QColor(background)) >= 4.5, kind


def test_f2_edits_the_card_cell_in_the_table_and_renames_the_deck_in_the_library(window, qtbot):
    new_deck(window)
    escape(qtbot, window)
    editor = window.editor
    table = editor.table
    table.setFocus()
    table.setCurrentIndex(editor.model.index(0, TITLE))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    assert table.state() == table.State.EditingState
    cell = table.focusWidget()
    cell.selectAll()
    qtbot.keyClicks(cell, "Planner")
    qtbot.keyClick(cell, Qt.Key.Key_Tab)  # Tab, not Enter: Enter on the last row adds a card
    qtbot.wait(1)
    assert [c.title for c in editor.deck.cards] == ["Planner"]
    assert editor.title.text() == "Team roles" and editor.deck.title == "Team roles"
    # In the library, F2 still renames the deck selected there.
    tree = window.library.tree
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_F2)
    assert editor.title.hasFocus() and editor.title.selectedText() == "Team roles"


def test_a_new_prefix_renumbers_the_suit_as_one_undoable_step(window, qtbot):
    path = new_deck(window)
    escape(qtbot, window)
    editor = window.editor
    editor.paste_cards("Project Manager\nPMO Analyst\nHead of Portfolio Office")
    assert [c.code for c in editor.deck.cards] == ["C1", "C2", "C3", "C4"]
    editor.dialogs = FakeDialogs(texts=["r"])
    suit_menu_action(editor, "Card", "Code prefix…").trigger()
    assert [c.code for c in editor.deck.cards] == ["R1", "R2", "R3", "R4"]
    assert editor.banner.label.text() == ("Codes renumbered: C1 → R1, C2 → R2, C3 → R3, C4 → R4.")
    assert editor.dialogs.confirmations == []  # no event uses this deck
    window.undo_action.trigger()  # one step takes prefix and codes back together
    assert editor.deck.suit("Card").prefix == "C"
    assert [c.code for c in editor.deck.cards] == ["C1", "C2", "C3", "C4"]
    window.redo_action.trigger()
    saved(window, qtbot)
    assert [c.code for c in deck_file.load(path).cards] == ["R1", "R2", "R3", "R4"]


def test_renumbering_a_deck_an_event_uses_asks_first(window, qtbot):
    path = new_deck(window)
    escape(qtbot, window)
    editor = window.editor
    editor.events_using = lambda p: ["PMO Flashmob #2"] if p == path else []
    editor.paste_cards("Analyst\nPlanner")
    editor.select_row(0)
    editor.move_selected(+1)  # C2 now first: renumbering would change codes
    editor.dialogs = FakeDialogs(confirm=False)
    assert [c.code for c in editor.deck.cards] == ["C2", "C1", "C3"]
    assert editor.renumber_codes() is False
    assert [c.code for c in editor.deck.cards] == ["C2", "C1", "C3"]
    (question,) = editor.dialogs.confirmations
    assert "is on the agenda of PMO Flashmob #2" in question
    assert "Cards already printed for it carry the old codes" in question
    editor.dialogs = FakeDialogs(confirm=True)
    assert editor.renumber_codes() is True
    assert [c.code for c in editor.deck.cards] == ["C1", "C2", "C3"]


def test_a_refused_cell_keeps_what_was_typed(window, qtbot):
    new_deck(window)
    escape(qtbot, window)
    editor = window.editor
    editor.paste_cards("Head of Portfolio Office\nPMO Analyst")
    code = CardTableModel.COLUMNS.index("code")
    editor.select_row(1, "code")
    type_into_current_cell(qtbot, window, "C1")
    assert editor.banner.label.text() == "Code C1 is already used by 'New card'."
    # The cell opens again with "C1" in it, ready to be fixed.
    qtbot.waitUntil(lambda: editor.table.state() == QAbstractItemView.State.EditingState)
    reopened = editor.table.focusWidget()
    assert isinstance(reopened, QLineEdit) and reopened.text() == "C1"
    assert editor.table.currentIndex().column() == code
    assert [c.code for c in editor.deck.cards] == ["C1", "C2", "C3"]


def test_a_prompt_says_what_answer_it_wants_in_the_answer_column(window, qtbot):
    path = new_deck(window, title="Evening prompts", choice=2)
    escape(qtbot, window)
    editor, model = window.editor, window.editor.model
    answer = CardTableModel.COLUMNS.index("prompt_kind")
    assert not editor.table.isColumnHidden(answer)
    assert model.index(0, answer).data() == "Question (yes/no)"  # the default: as before kinds
    editor.table.setCurrentIndex(model.index(0, answer))
    editor.table.edit(model.index(0, answer))
    combo = editor.table.focusWidget()
    combo.setCurrentIndex(combo.findData("open_question"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.wait(1)
    assert model.index(0, answer).data() == "Open question"
    saved(window, qtbot)
    assert deck_file.load(path).cards[0].prompt_kind == PromptKind.OPEN_QUESTION
    # Rank and match decks have no such column.
    new_deck(window, title="Roles", choice=0)
    escape(qtbot, window)
    assert editor.table.isColumnHidden(answer)
