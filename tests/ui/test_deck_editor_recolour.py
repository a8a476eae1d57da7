"""A recoloured suit shows its new colour in the card table at once, not its old one."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage

from facilitator.ui.card_table_model import CardTableModel
from tests.ui.test_deck_editor import FakeDialogs, escape, new_deck, suit_menu_action

SUIT = CardTableModel.COLUMNS.index("suit")


def suit_cell_colours(window, qtbot) -> set[str]:
    """The colours painted in the first card's suit cell, as the table shows it now."""
    table = window.editor.table
    table.clearSelection()  # a selected cell tints its swatch with the highlight
    qtbot.wait(1)  # let a queued repaint happen
    rect = table.visualRect(table.model().index(0, SUIT))
    image = table.viewport().grab(rect).toImage().convertToFormat(QImage.Format.Format_RGB32)
    return {
        QColor(image.pixel(x, y)).name()
        for x in range(image.width())
        for y in range(image.height())
    }


def test_the_table_paints_the_new_colour_of_a_recoloured_suit(window, qtbot):
    new_deck(window)
    escape(qtbot, window)
    editor = window.editor
    old = editor.deck.suit("Card").colour
    assert old in suit_cell_colours(window, qtbot)  # painted once: the old swatch is drawn
    editor.dialogs = FakeDialogs(colours=["#aa3300"])
    suit_menu_action(editor, "Card", "Colour…").trigger()
    assert editor.deck.suit("Card").colour == "#aa3300"
    colours = suit_cell_colours(window, qtbot)
    assert "#aa3300" in colours
    assert old not in colours
    window.undo_action.trigger()  # and back again on undo
    colours = suit_cell_colours(window, qtbot)
    assert old in colours and "#aa3300" not in colours
