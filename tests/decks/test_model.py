"""The deck model: codes, validation messages and limits."""

from dataclasses import replace

import pytest

from facilitator.decks.model import (
    ActivityKind,
    Card,
    Deck,
    DeckInvalid,
    Suit,
    assign_codes,
    build_deck,
    check,
    default_prefix,
    validate,
)


def make(cards, kind=ActivityKind.RANK, suits=None):
    suits = suits or (Suit("Role", "#1f5f8b", "R"),)
    return Deck(title="T", kind=kind, suits=tuple(suits), cards=tuple(cards))


def card(code="", suit="Role", title="A title", **kw):
    return Card(id=kw.pop("id", code or title), code=code, suit=suit, title=title, **kw)


def paths(deck):
    return [str(p) for p in validate(deck)]


def test_codes_are_assigned_per_suit_in_order():
    deck = build_deck(
        "Roles",
        ActivityKind.MATCH,
        [
            {"suit": "Role", "title": "PM"},
            {"suit": "Activity", "title": "Reporting"},
            {"suit": "Role", "title": "Analyst"},
            {"suit": "Activity", "title": "Assurance"},
        ],
    )
    assert [c.code for c in deck.cards] == ["R1", "A1", "R2", "A2"]
    assert [s.prefix for s in deck.suits] == ["R", "A"]


def test_assigning_keeps_edited_codes_and_skips_taken_numbers():
    deck = make([card("R2", title="x"), card("", title="y"), card("", title="z")])
    assert [c.code for c in assign_codes(deck).cards] == ["R2", "R1", "R3"]


def test_suits_sharing_an_initial_get_distinct_prefixes():
    assert default_prefix("Risk", ["R"]) == "RI"
    deck = build_deck(
        "x", ActivityKind.RANK, [{"suit": "Role", "title": "a"}, {"suit": "Risk", "title": "b"}]
    )
    assert [c.code for c in deck.cards] == ["R1", "RI1"]
    assert validate(deck) == []


def test_unknown_suit_is_named_with_its_path():
    deck = make([card("R1"), card("R2", suit="Rol")])
    assert 'cards[1].suit: unknown suit "Rol"' in paths(deck)


def test_duplicate_codes_name_both_cards():
    deck = make([card("R1", title="a"), card("R1", title="b", id="other")])
    assert "cards[1].code: Code R1 is already used by 'a'" in paths(deck)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"title": "  "}, "cards[0].title: a title must not be empty"),
        (
            {"code": "r-1"},
            'cards[0].code: "r-1" is not a code like R7: 1 to 3 capital letters, then a number',
        ),
        ({"copies": 0}, "cards[0].copies: is 0; it must be 1 to 99"),
        ({"copies": 100}, "cards[0].copies: is 100; it must be 1 to 99"),
        (
            {"title": "x" * 301},
            "cards[0].title: a title has at most 300 characters: this one has 301",
        ),
    ],
)
def test_card_rules(change, expected):
    deck = make([replace(card("R1"), **change)])
    assert expected in paths(deck)


def test_match_deck_needs_two_suits():
    deck = make([card("R1")], kind=ActivityKind.MATCH)
    assert any(p.startswith("suits: a match deck needs two suits") for p in paths(deck))


def test_bad_suit_colour_and_prefix():
    deck = make([card("R1")], suits=[Suit("Role", "blue", "r")])
    assert 'suits[0].colour: "blue" is not a colour like "#1f5f8b"' in paths(deck)
    assert 'suits[0].prefix: "r" must be 1 to 3 capital letters' in paths(deck)


def test_check_raises_with_source_and_every_problem():
    deck = make([card("R1", suit="Rol"), card("R1", title="", id="b")])
    with pytest.raises(DeckInvalid) as info:
        check(deck, "team.deck.json")
    assert str(info.value) == 'team.deck.json: cards[0].suit: unknown suit "Rol"'
    assert len(info.value.lines()) == 3


def test_valid_deck_passes_unchanged():
    deck = make([card("R1"), card("R2", title="b")])
    assert check(deck) is deck
    assert deck.card_by_code(" r2 ").title == "b"
    assert deck.card_count == 2
