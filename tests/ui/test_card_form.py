"""The card form beside the table: the selected card's fields, big enough to write in, with
the preview following the typing and each field committed as one undoable edit."""

from PySide6.QtCore import Qt

from facilitator.decks import editing as deck_editing
from facilitator.decks import file as deck_file
from tests.ui.test_deck_editor import escape, new_deck, printed_image, saved, shown_image


def test_the_form_shows_the_selected_card_and_commits_a_multiline_body(window, qtbot):
    path = new_deck(window)
    escape(qtbot, window)
    editor = window.editor
    editor.paste_cards("Project Manager\nPMO Analyst")
    form = editor.card_form
    editor.select_row(2)
    assert form.heading.text() == "Card C3 · Card"
    assert form.title.text() == "PMO Analyst"
    document = editor.document
    qtbot.waitUntil(lambda: editor.preview.shown_generation > 0, timeout=5000)
    steps = document.undo_stack.count()
    deck, card = editor.deck, editor.deck.cards[2]
    typed = deck_editing.set_card_field(deck, card.id, "body", "Numbers,\nplans and reports")
    expected = printed_image(typed, typed.cards[2], shown_image(editor.preview).width())
    form.body.setFocus()
    qtbot.keyClicks(form.body, "Numbers,")
    qtbot.keyClick(form.body, Qt.Key.Key_Return)  # a line break, not "done"
    qtbot.keyClicks(form.body, "plans and reports")
    # The preview follows the typing; nothing is committed until the field is left.
    qtbot.waitUntil(lambda: shown_image(editor.preview) == expected, timeout=5000)
    assert editor.deck.cards[2].body == "" and document.undo_stack.count() == steps
    form.copies.setFocus()  # leaving the body commits it: one undo step
    assert editor.deck.cards[2].body == "Numbers,\nplans and reports"
    assert document.undo_stack.count() == steps + 1
    form.copies.setValue(3)
    form.copies.editingFinished.emit()
    form.note.setFocus()
    qtbot.keyClicks(form.note, "Ask who has this title")
    form.title.setFocus()
    saved(window, qtbot)
    card = deck_file.load(path).cards[2]
    assert (card.body, card.copies, card.note) == (
        "Numbers,\nplans and reports",
        3,
        "Ask who has this title",
    )
    window.undo_action.trigger()  # the note, then copies, each its own step
    assert editor.deck.cards[2].note == "" and form.note.toPlainText() == ""


def test_a_refused_title_keeps_what_was_typed_in_the_form(window, qtbot):
    new_deck(window)
    escape(qtbot, window)
    editor = window.editor
    form = editor.card_form
    editor.select_row(0)
    form.title.setFocus()
    form.title.setText("x" * 345)
    form.title.editingFinished.emit()
    assert editor.banner.label.text() == "A title has at most 300 characters: this one has 345."
    assert form.title.text() == "x" * 345  # still there to shorten
    assert editor.deck.cards[0].title == "New card"


def test_a_sample_decks_form_is_read_only(window, qtbot):
    from tests.conftest import SAMPLE_DECKS

    window.library.select_path(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")
    window.editor.select_row(0)
    form = window.editor.card_form
    assert form.title.text() == "Project Administrator"
    assert not form.title.isEnabled() and not form.body.isEnabled()


def test_an_edit_elsewhere_keeps_the_half_typed_field(window, qtbot):
    new_deck(window)
    escape(qtbot, window)
    editor = window.editor
    form = editor.card_form
    editor.select_row(0)
    form.body.setFocus()
    qtbot.keyClicks(form.body, "half typed")
    editor.document.apply("Retitle", lambda d: deck_editing.set_deck_field(d, "title", "Other"))
    assert editor.deck.title == "Other"
    assert form.body.toPlainText() == "half typed"


def test_ctrl_e_writes_the_body_in_the_form_and_escape_goes_back_to_the_table(window, qtbot):
    new_deck(window)
    escape(qtbot, window)
    editor = window.editor
    editor.select_row(0)
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert editor.card_form.body.hasFocus()
    qtbot.keyClicks(editor.card_form.body, "Keeps the paperwork")
    qtbot.keyClick(editor.card_form.body, Qt.Key.Key_Escape)
    assert editor.table.hasFocus()
    assert editor.deck.cards[0].body == "Keeps the paperwork"  # committed on leaving
