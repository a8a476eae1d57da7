"""The import preview: columns found and what each becomes, changeable, before anything is
written; a spreadsheet of a deck's own cards updates that deck as one undoable step."""

from PySide6.QtGui import QGuiApplication

from facilitator.decks import file as deck_file
from facilitator.decks.importing import import_file
from tests.conftest import FIXTURES
from tests.ui.test_deck_editor import FakeDialogs, saved


def becomes(preview):
    table = preview.columns_table
    return [
        (table.item(r, 0).text(), table.cellWidget(r, 2).currentText())
        for r in range(table.rowCount())
    ]


def test_the_preview_shows_columns_and_cards_and_a_changed_column_changes_the_import(
    window, qtbot, data_dir
):
    page = window.decks_page
    seen = {}

    def make_role_the_note(preview):
        seen["before"] = becomes(preview)
        seen["cards"] = preview.cards_grid.count()
        assert not list((data_dir / "decks").glob("*.json"))  # nothing written yet
        combo = preview.columns_table.cellWidget(1, 2)
        combo.setCurrentIndex(combo.findData("note"))
        seen["after"] = becomes(preview)
        preview.import_as_new()

    page.dialogs = FakeDialogs(preview=make_role_the_note)
    path = page.import_path(FIXTURES / "import" / "title-and-role.csv")
    assert seen["before"] == [("Title", "title"), ("Role", "left out")]
    assert seen["after"] == [("Title", "title"), ("Role", "note")]
    assert seen["cards"] == 2
    deck = deck_file.load(path)
    assert [(c.title, c.note) for c in deck.cards] == [
        ("Resource management", "Planner"),
        ("Reporting", "Analyst"),
    ]
    assert page.dialogs.previews == [""]  # no column left out any more: nothing to warn of


def test_a_preview_without_a_title_column_lets_one_be_chosen(window, qtbot, data_dir, tmp_path):
    source = tmp_path / "roles.csv"
    source.write_text("Who,Description\nPlanner,Plans\nAnalyst,Numbers\n", "utf-8")

    def choose_title(preview):
        assert preview.result is None and not preview.new_button.isEnabled()
        assert "no title column" in preview.problem.text()
        preview.set_column(0, "title")
        preview.import_as_new()

    page = window.decks_page
    page.dialogs = FakeDialogs(preview=choose_title)
    path = page.import_path(source)
    assert [c.title for c in deck_file.load(path).cards] == ["Planner", "Analyst"]


def test_pasted_columns_nobody_recognised_are_shown_as_left_out(window, qtbot):
    QGuiApplication.clipboard().setText("title\tmood\nOne\tcalm\nTwo\tbusy\n")
    seen = []
    page = window.decks_page
    page.dialogs = FakeDialogs(
        texts=["Pasted"], preview=lambda p: seen.append(becomes(p)) or p.import_as_new()
    )
    path = page.import_from_clipboard()
    assert seen == [[("title", "title"), ("mood", "left out")]]
    assert page.dialogs.previews == ['The column "mood" was not recognised, so it was left out.']
    assert [c.title for c in deck_file.load(path).cards] == ["One", "Two"]


def test_reimporting_an_edited_export_updates_the_deck_as_one_undoable_step(
    window, qtbot, data_dir, tmp_path
):
    page = window.decks_page
    page.dialogs = FakeDialogs()
    path = page.import_path(FIXTURES / "import" / "role-title-header.csv")
    deck = deck_file.load(path)
    assert [c.title for c in deck.cards] == [
        "Project Administrator",
        "PMO Analyst",
        "Project Manager",
        "Head of PMO",
    ]
    # Exported to Excel, edited there: one role removed, one renamed by its code, one added.
    book = tmp_path / "roles.xlsx"
    page.dialogs = FakeDialogs()
    page.dialogs.save_file = lambda title, suggested, filters: book
    assert page.export_current("xlsx") == book
    edited = tmp_path / "roles-edited.csv"
    rows = import_file(book).deck.cards
    edited.write_text(
        "code,title\n"
        + "".join(f"{c.code},{c.title}\n" for c in rows if c.title != "PMO Analyst").replace(
            "Head of PMO", "Head of Portfolio Office"
        )
        + ",Portfolio Manager\n",
        "utf-8",
    )
    seen = []
    page.dialogs = FakeDialogs(
        preview=lambda p: seen.append(p.match_label.text()) or p.press_default()
    )
    assert page.import_path(edited) == path
    assert seen == [
        "These cards are those of your deck “Role title header”. Updating it changes: "
        "1 added, 1 changed, 1 removed. (One step: Edit ▸ Undo takes it back.)"
    ]
    after = window.editor.deck
    assert [(c.code, c.title) for c in after.cards] == [
        ("R1", "Project Administrator"),
        ("R3", "Project Manager"),
        ("R4", "Head of Portfolio Office"),
        ("R5", "Portfolio Manager"),  # never R2: printed sets still carry the removed card's
    ]
    assert after.cards[2].id == deck.cards[3].id  # the same card, renamed
    assert page.banner.label.text() == (
        "Updated “Role title header” from roles-edited.csv: 1 added, 1 changed, 1 removed."
    )
    assert len(list((data_dir / "decks").glob("*.deck.json"))) == 1  # no "(2)"
    window.undo_action.trigger()
    assert window.editor.deck == deck
    window.redo_action.trigger()
    saved(window, qtbot)
    assert [c.title for c in deck_file.load(path).cards][-1] == "Portfolio Manager"
