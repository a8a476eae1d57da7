"""Right-to-left text cannot be drawn in order by the card renderer: it is reported, by card."""

from facilitator.decks.model import ActivityKind, build_deck
from facilitator.print import CardPainter, PrintOptions


def test_hebrew_and_arabic_cards_are_reported_and_latin_ones_are_not():
    deck = build_deck(
        "Mixed",
        ActivityKind.RANK,
        [{"title": "שלום"}, {"title": "مرحبا"}, {"title": "Zażółć, Αθήνα, Москва"}],
    )
    painter = CardPainter([deck], PrintOptions())
    for index in range(3):
        painter.text_for(0, index)
    flagged = {
        deck.cards[c].code
        for (_d, c), problems in painter.warnings.items()
        if any("right-to-left" in p for p in problems)
    }
    assert flagged == {"C1", "C2"}
