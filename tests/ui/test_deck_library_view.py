"""The library shows whole deck titles: a long one wraps instead of being cut off."""

from facilitator.ui.deck_library_view import DeckLibraryView


def test_a_long_deck_title_gets_a_second_line_in_a_narrow_library(window, qtbot):
    library: DeckLibraryView = window.library
    window.resize(1024, 640)
    qtbot.waitExposed(window)
    tree = library.tree
    rows = [tree.topLevelItem(0).child(i) for i in range(tree.topLevelItem(0).childCount())]
    long_title = next(r for r in rows if r.text(0) == "PMO roles: agree the hierarchy")
    metrics = tree.fontMetrics()
    beside_icon = tree.columnWidth(0) - tree.indentation() - tree.iconSize().width()
    assert metrics.horizontalAdvance(long_title.text(0)) > beside_icon  # it needs to wrap
    one_line = tree.visualItemRect(tree.topLevelItem(0)).height()  # the "Sample decks" heading
    assert tree.visualItemRect(long_title).height() >= one_line + metrics.lineSpacing() * 0.8
