"""Typed rankings: the syntax a facilitator types at the table, read into levels."""

import pytest

from facilitator.capture.rank_entry import format_levels, move_level, parse_rank, places
from facilitator.decks import file as deck_file
from facilitator.decks.model import ActivityKind, build_deck
from tests.conftest import SAMPLE_DECKS

ROLES = deck_file.load(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")
MATCH = deck_file.load(SAMPLE_DECKS / "pmo-role-activities.deck.json")


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("R3 R1 R4", (("R3",), ("R1",), ("R4",))),
        ("3 1 4", (("R3",), ("R1",), ("R4",))),
        ("r3, r1 > r4", (("R3",), ("R1",), ("R4",))),
        ("R3 R1=R4 R2", (("R3",), ("R1", "R4"), ("R2",))),
        ("R3 R1 = R4 R2", (("R3",), ("R1", "R4"), ("R2",))),
        ("R1 (R2 R4) R5", (("R1",), ("R2", "R4"), ("R5",))),
        ("(2 4)=5 1", (("R2", "R4", "R5"), ("R1",))),
        ("10 9", (("R10",), ("R9",))),
        ("", ()),
    ],
)
def test_typed_orders_become_levels(text, levels):
    entry = parse_rank(text, ROLES)
    assert entry.levels == levels
    assert entry.problems == ()


def test_titles_are_shown_for_each_token():
    entry = parse_rank("3 1", ROLES)
    assert [(t.code, t.title, t.level) for t in entry.tokens] == [
        ("R3", "Project Coordinator", 0),
        ("R1", "Project Administrator", 1),
    ]


def test_unknown_and_repeated_codes_are_flagged_and_left_out():
    entry = parse_rank("R3 R12 R1 R3 banana", ROLES)
    assert entry.levels == (("R3",), ("R1",))
    assert entry.problems == (
        "R12 is not a card of this deck",
        "R3 is already placed at 1",
        "banana is not a card of this deck",
    )


def test_cards_left_out_are_allowed_and_listed():
    entry = parse_rank("R10 R9", ROLES)
    assert entry.problems == ()
    assert entry.left_out == ("R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8")


def test_a_bare_number_shared_by_two_suits_asks_for_the_letters():
    entry = parse_rank("5", MATCH)
    assert entry.levels == ()
    assert entry.problems == ("5 could be R5 or A5: type the letters too",)


def test_the_last_token_is_not_flagged_while_it_is_still_being_typed():
    # "R" on its way to "R1": no red flag mid-word, but a finished bad token is flagged.
    assert parse_rank("R3 R", ROLES, typing=True).problems == ()
    assert parse_rank("R3 R ", ROLES, typing=True).problems == ("R is not a card of this deck",)
    assert parse_rank("R3 R", ROLES).problems == ("R is not a card of this deck",)


def test_unbalanced_brackets_are_explained():
    assert parse_rank("(R1 R2", ROLES).problems == ("a bracket is not closed",)
    assert parse_rank("R1) R2", ROLES).problems == ("a closing bracket has no opening one",)


@pytest.mark.parametrize(
    "levels",
    [(("R3",), ("R1", "R4"), ("R2",)), (("R10",),), ()],
)
def test_formatted_levels_read_back_the_same(levels):
    assert parse_rank(format_levels(levels), ROLES).levels == levels


def test_moving_a_level_reorders_the_ranking():
    levels = (("R1",), ("R2", "R3"), ("R4",))
    assert move_level(levels, 2, 0) == (("R4",), ("R1",), ("R2", "R3"))
    assert move_level(levels, 0, 9) == (("R2", "R3"), ("R4",), ("R1",))


def test_multi_letter_prefixes_work():
    deck = build_deck("x", ActivityKind.RANK, [{"title": "a", "code": "AB1"}, {"title": "b"}])
    assert [c.code for c in deck.cards] == ["AB1", "C1"]
    assert parse_rank("c1 ab1", deck).levels == (("C1",), ("AB1",))
    assert parse_rank("1", deck).problems == ("1 could be AB1 or C1: type the letters too",)


def test_the_deck_the_capture_screen_and_the_analysis_agree_place_1_is_the_top():
    from facilitator import analysis
    from facilitator.capture.rank_entry import DIRECTION, SYNTAX_HELP

    instructions = ROLES.instructions.lower()
    assert "from the top (most senior) down" in instructions
    assert "junior to" not in instructions
    assert "from the top of the order down" in SYNTAX_HELP
    assert DIRECTION.startswith("Place 1 is the top of the order: the most senior")
    # Typed top first, the first card is the consensus's first (its top).
    order = parse_rank("R3 R1 R2", ROLES).levels
    assert analysis.kemeny([order, order])[0] == "R3"


def test_a_card_dropped_into_the_order_takes_a_place_or_ties():
    from facilitator.capture.rank_entry import drop_level, join_level, leave_out, place_card

    levels = (("R1",), ("R2",), ("R3",))
    assert place_card(levels, "R4", 3) == (("R1",), ("R2",), ("R3",), ("R4",))
    assert place_card(levels, "R4", 1) == (("R1",), ("R4",), ("R2",), ("R3",))
    assert place_card(levels, "R4", 1, tie=True) == (("R1",), ("R2", "R4"), ("R3",))
    # A card already placed moves, and its old place goes if it was alone there.
    assert place_card(levels, "R3", 0, tie=True) == (("R1", "R3"), ("R2",))
    assert join_level(levels, 2, 0) == (("R1", "R3"), ("R2",))
    assert drop_level(levels, 2, 0) == (("R3",), ("R1",), ("R2",))
    assert drop_level(levels, 0, 3) == (("R2",), ("R3",), ("R1",))
    assert drop_level(levels, 0, 1) == levels  # dropped where it was
    assert leave_out(levels, ("R2",)) == (("R1",), ("R3",))


def test_places_count_the_cards_above_so_ties_line_up():
    levels = (("R10",), ("R9",), ("R7", "R8"), ("R6",))
    assert places(levels) == ((1, ("R10",)), (2, ("R9",)), (3, ("R7", "R8")), (5, ("R6",)))
    assert places(()) == ()
