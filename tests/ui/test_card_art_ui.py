"""Card art in the editor: a picture for the selected card, a suit icon, a logo on the backs;
each one undoable edit, saved inside the deck file; a bad file gets one sentence."""

import io
import json

from PIL import Image
from PySide6.QtCore import Qt

from facilitator.decks import file as deck_file
from tests.ui.test_deck_editor import FakeDialogs, escape, new_deck, saved


def png_file(tmp_path, name="team.png"):
    path = tmp_path / name
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 120, 200)).save(out, "PNG")
    path.write_bytes(out.getvalue())
    return path


def test_a_card_picture_a_suit_icon_and_a_back_logo_are_saved_in_the_deck(window, qtbot, tmp_path):
    path = new_deck(window)
    escape(qtbot, window)
    editor = window.editor
    editor.select_row(0)
    editor.dialogs = FakeDialogs(open_files=[png_file(tmp_path)])
    qtbot.mouseClick(editor.card_form.picture_button, Qt.MouseButton.LeftButton)
    card = editor.deck.cards[0]
    assert card.picture and editor.deck.picture(card.picture).kind in ("png", "jpeg")
    assert editor.card_form.picture_button.text() == "Change…"
    assert editor.card_form.remove_picture_button.isVisible()
    assert editor.set_suit_icon_named("Card", "people")
    assert editor.set_back_logo_icon("star")
    saved(window, qtbot)
    data = json.loads(path.read_text("utf-8"))
    assert data["version"] == 2 and len(data["pictures"]) == 3
    deck = deck_file.load(path)
    assert deck.suits[0].icon and deck.back_picture and deck.cards[0].picture
    window.undo_action.trigger()  # the logo goes, the rest stays
    assert editor.deck.back_picture == "" and editor.deck.suits[0].icon
    qtbot.mouseClick(editor.card_form.remove_picture_button, Qt.MouseButton.LeftButton)
    assert editor.deck.cards[0].picture == ""
    assert [p.key for p in editor.deck.pictures] == [editor.deck.suits[0].icon]


def test_a_file_that_is_not_a_picture_gets_one_sentence_and_changes_nothing(
    window, qtbot, tmp_path
):
    new_deck(window)
    escape(qtbot, window)
    editor = window.editor
    editor.select_row(0)
    notes = tmp_path / "notes.png"
    notes.write_text("not a picture at all", "utf-8")
    before = editor.deck
    editor.dialogs = FakeDialogs(open_files=[notes])
    assert editor.choose_card_picture() is False
    assert editor.dialogs.errors == [
        (
            "Picture for C1",
            "notes.png is not a picture Facilitator can use (PNG, JPEG, GIF or SVG)",
        )
    ]
    assert editor.deck == before
