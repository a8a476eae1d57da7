"""Codes follow their suit: a new prefix or a renamed suit renumbers its cards, as one edit."""

import pytest

from facilitator.decks import editing
from facilitator.decks.model import ActivityKind, Suit, build_deck, validate
from facilitator.errors import InputError


def deck_of(*rows, kind=ActivityKind.RANK):
    return build_deck("Roles", kind, [dict(r) for r in rows])


def codes(deck):
    return [c.code for c in deck.cards]


def test_a_new_prefix_renumbers_the_suits_cards_in_deck_order():
    deck = deck_of({"title": "A"}, {"title": "B"}, {"title": "C"})
    deck = editing.move_cards(deck, [deck.cards[2].id], 0)  # C1 now sits first
    assert codes(deck) == ["C3", "C1", "C2"]
    card = deck.suit("Card")
    after = editing.update_suit(deck, "Card", Suit(card.name, card.colour, "R"))
    assert codes(after) == ["R1", "R2", "R3"]
    assert [c.title for c in after.cards] == ["C", "A", "B"]
    assert after.suit("Card").prefix == "R"
    assert editing.codes_renumbered(deck, after) == [("C3", "R1"), ("C1", "R2"), ("C2", "R3")]


def test_renaming_a_suit_takes_its_default_prefix_along_but_keeps_a_chosen_one():
    deck = deck_of({"title": "A"}, {"title": "B"})
    card = deck.suit("Card")
    renamed = editing.update_suit(deck, "Card", Suit("Role", card.colour, card.prefix))
    assert (renamed.suit("Role").prefix, codes(renamed)) == ("R", ["R1", "R2"])
    chosen = editing.update_suit(renamed, "Role", Suit("Role", card.colour, "PM"))
    again = editing.update_suit(chosen, "Role", Suit("Job", card.colour, "PM"))
    assert (again.suit("Job").prefix, codes(again)) == ("PM", ["PM1", "PM2"])


def test_only_the_changed_suit_is_renumbered_and_other_suits_codes_are_never_taken():
    deck = deck_of(
        {"title": "PM", "suit": "Role"},
        {"title": "Plan", "suit": "Activity"},
        {"title": "Analyst", "suit": "Role", "code": "X2"},
        kind=ActivityKind.MATCH,
    )
    assert codes(deck) == ["R1", "A1", "X2"]
    role = deck.suit("Role")
    after = editing.update_suit(deck, "Role", Suit("Role", role.colour, "X"))
    assert codes(after) == ["X1", "A1", "X2"]
    act = after.suit("Activity")
    # A prefix another suit holds is refused in words, and nothing changes.
    with pytest.raises(InputError, match=r"^the prefix X is already used by the suit Role$"):
        editing.update_suit(after, "Activity", Suit("Activity", act.colour, "X"))


def test_renumber_codes_tidies_every_suit():
    deck = deck_of({"title": "A"}, {"title": "B", "code": "C9"}, {"title": "C"})
    assert codes(deck) == ["C1", "C9", "C2"]
    assert codes(editing.renumber_codes(deck)) == ["C1", "C2", "C3"]


def test_a_recolour_keeps_every_code():
    deck = deck_of({"title": "A"}, {"title": "B", "code": "C9"})
    card = deck.suit("Card")
    after = editing.update_suit(deck, "Card", Suit("Card", "#000000", card.prefix))
    assert codes(after) == ["C1", "C9"]


def test_problems_are_said_in_plain_words():
    deck = deck_of({"title": "Head of Portfolio Office"}, {"title": "PMO Analyst"})
    with pytest.raises(InputError) as info:
        editing.set_card_field(deck, deck.cards[1].id, "code", "c1")
    assert info.value.problems[0].message == "Code C1 is already used by 'Head of Portfolio Office'"
    with pytest.raises(InputError) as info:
        editing.set_card_field(deck, deck.cards[0].id, "title", "x" * 345)
    assert info.value.problems[0].message == "a title has at most 300 characters: this one has 345"
    with pytest.raises(InputError) as info:  # the limit is written as people write numbers
        editing.set_card_field(deck, deck.cards[0].id, "body", "x" * 4001)
    assert (
        info.value.problems[0].message == "a body has at most 4,000 characters: this one has 4,001"
    )
    assert not validate(deck)
