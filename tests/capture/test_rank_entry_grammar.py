"""The ranking syntax as a grammar: any order with ties and groups, typed the ways people type
it, reads back as that order; and every mistake gets its own sentence.

Generated orders are rendered as a facilitator would type them at the table: codes or bare
numbers, upper or lower case, leading zeros, ties joined by "=" or grouped in brackets,
levels separated by spaces, commas or ">", with and without spaces around them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.capture.rank_entry import (
    Placed,
    format_levels,
    parse_rank,
    place_card,
    resolve_code,
)
from facilitator.decks import file as deck_file
from facilitator.decks.model import ActivityKind, Deck, build_deck
from tests.conftest import SAMPLE_DECKS

ROLES = deck_file.load(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")  # R1 .. R10
# Codes of one and two letters, numbers of one and two digits, each number used once.
LETTERS = build_deck(
    "Mixed codes",
    ActivityKind.RANK,
    [
        {"title": "Alpha", "code": "AB1"},
        {"title": "Beta", "code": "AB2"},
        {"title": "Gamma", "code": "C3"},
        {"title": "Delta", "code": "C12"},
    ],
)
DECKS = (ROLES, LETTERS)


def number_of(code: str) -> str:
    return code.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


@dataclass(frozen=True)
class Typed:
    text: str
    deck: Deck
    levels: tuple[tuple[str, ...], ...]
    tokens: tuple[str, ...]  # each card as typed, in order


@st.composite
def typed_orders(draw: st.DrawFn) -> Typed:
    deck = draw(st.sampled_from(DECKS))
    codes = [c.code for c in deck.cards]
    chosen = draw(st.permutations(codes))[: draw(st.integers(0, len(codes)))]
    # Cut the chosen cards into levels of one to four.
    levels: list[tuple[str, ...]] = []
    rest = list(chosen)
    while rest:
        size = draw(st.integers(1, min(4, len(rest))))
        levels.append(tuple(rest[:size]))
        rest = rest[size:]

    typed_tokens: list[str] = []

    def card(code: str) -> str:
        number = number_of(code)
        form = draw(st.sampled_from(("code", "lower", "number", "zeros")))
        token = {
            "code": code,
            "lower": code.lower(),
            "number": number,
            "zeros": "0" * draw(st.integers(1, 2)) + number,
        }[form]
        typed_tokens.append(token)
        return token

    inner = st.sampled_from((" ", ",", ", ", "  ", " ,"))
    around_equals = st.sampled_from(("=", " = ", "= ", " ="))
    between = st.sampled_from((" ", ",", ", ", " > ", ">", "> ", "  ", " , "))
    parts: list[tuple[str, bool]] = []  # (text, is a bracket group)
    for level in levels:
        if len(level) > 1 and draw(st.booleans()):
            pad = draw(st.sampled_from(("", " ")))
            members = [card(code) for code in level]
            body = members[0]
            for member in members[1:]:
                body += draw(inner) + member
            parts.append((f"({pad}{body}{pad})", True))
        else:
            body = card(level[0])
            for code in level[1:]:
                body += draw(around_equals) + card(code)
            parts.append((body, False))
    text = ""
    for index, (part, grouped) in enumerate(parts):
        if index:
            # Next to a bracket no separator is needed: "(R1 R2)R3" reads as two levels.
            beside_bracket = grouped or parts[index - 1][1]
            text += draw(st.sampled_from(("", " "))) if beside_bracket else draw(between)
        text += part
    text = draw(st.sampled_from(("", " "))) + text + draw(st.sampled_from(("", " ")))
    return Typed(text, deck, tuple(levels), tuple(typed_tokens))


@settings(max_examples=300)
@given(typed_orders())
def test_any_order_typed_as_people_type_it_reads_back_as_that_order(typed):
    entry = parse_rank(typed.text, typed.deck)
    assert entry.levels == typed.levels, typed.text
    assert entry.problems == (), typed.text
    # Each typed card is shown with what it was typed as, its card and its level.
    level_of = {code: n for n, level in enumerate(typed.levels) for code in level}
    placed = [code for level in typed.levels for code in level]
    assert [t.typed for t in entry.tokens] == list(typed.tokens)
    assert [(t.code, t.level) for t in entry.tokens] == [(c, level_of[c]) for c in placed]
    assert [t.title for t in entry.tokens] == [typed.deck.card_by_code(c).title for c in placed]
    assert not any(t.problem or t.pending for t in entry.tokens)
    assert entry.placed_count == len(placed)
    assert entry.left_out == tuple(c.code for c in typed.deck.cards if c.code not in placed)
    # A finished text reads the same while it is being typed.
    while_typing = parse_rank(typed.text, typed.deck, typing=True)
    assert (while_typing.levels, while_typing.problems) == (entry.levels, entry.problems)
    # And the app's own way of writing the order reads back the same.
    assert parse_rank(format_levels(entry.levels), typed.deck).levels == typed.levels


# --- each mistake and its sentence --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "levels", "problems"),
    [
        ("R3 R12 R1", (("R3",), ("R1",)), ("R12 is not a card of this deck",)),
        ("R3 banana", (("R3",),), ("banana is not a card of this deck",)),
        ("0 R1", (("R1",),), ("0 is not a card of this deck",)),
        ("R3 R1 r3", (("R3",), ("R1",)), ("R3 is already placed at 1",)),
        ("R3 (R1 R4) 4", (("R3",), ("R1", "R4")), ("R4 is already placed at 2",)),
        (
            "(R1 (R2 R3))",
            (("R1",), ("R2", "R3")),
            (
                "a bracket opens inside another; brackets do not nest",
                "a closing bracket has no opening one",
            ),
        ),
        ("R1) R2", (("R1",), ("R2",)), ("a closing bracket has no opening one",)),
        ("(R1 R2", (("R1", "R2"),), ("a bracket is not closed",)),
        ("R5 (R1 R2", (("R5",), ("R1", "R2")), ("a bracket is not closed",)),
    ],
)
def test_each_mistake_is_named_in_one_sentence_and_the_rest_is_kept(text, levels, problems):
    entry = parse_rank(text, ROLES)
    assert entry.levels == levels
    assert entry.problems == problems


def test_a_number_two_cards_share_asks_for_the_letters():
    deck = build_deck(
        "Shared", ActivityKind.RANK, [{"title": "a", "code": "A5"}, {"title": "b", "code": "B5"}]
    )
    entry = parse_rank("5 A5", deck)
    assert entry.problems == ("5 could be A5 or B5: type the letters too",)
    assert entry.levels == (("A5",),)
    assert resolve_code("05", deck) == ("", "05 could be A5 or B5: type the letters too")


def test_a_flagged_token_is_shown_as_typed_with_its_problem_and_no_place():
    entry = parse_rank("R3 zz R3", ROLES)
    assert entry.tokens == (
        Placed("R3", "R3", "Project Coordinator", 0),
        Placed("zz", "", "", -1, "zz is not a card of this deck"),
        # A repeated card is still named (so the screen can say which) but not placed again.
        Placed("R3", "R3", "Project Coordinator", -1, "R3 is already placed at 1"),
    )


def test_resolving_a_code_gives_the_card_and_no_problem():
    assert resolve_code(" r3 ", ROLES) == ("R3", "")
    assert resolve_code("3", ROLES) == ("R3", "")
    assert resolve_code("003", ROLES) == ("R3", "")
    assert resolve_code("10", ROLES) == ("R10", "")
    assert resolve_code("R0", ROLES) == ("", "R0 is not a card of this deck")


# --- ties: where "=" and brackets put the next card ----------------------------------------


def test_a_bad_token_after_equals_does_not_tie_the_next_card():
    # "R1=R99 R2": R99 is flagged; R2 is typed after a space, so it is the next place.
    entry = parse_rank("R1=R99 R2", ROLES)
    assert entry.levels == (("R1",), ("R2",))
    assert entry.problems == ("R99 is not a card of this deck",)


def test_a_leading_equals_ties_to_nothing_and_does_not_crash():
    assert parse_rank("=R1 R2", ROLES).levels == (("R1",), ("R2",))
    assert parse_rank("= 3", ROLES).problems == ()


def test_a_tie_left_open_at_the_end_keeps_the_order():
    entry = parse_rank("R1 R2=", ROLES)
    assert entry.levels == (("R1",), ("R2",))
    assert entry.problems == ()
    assert parse_rank("R1 R2 =", ROLES, typing=True).levels == (("R1",), ("R2",))


def test_equals_inside_a_bracket_ties_the_group_to_the_level_above():
    assert parse_rank("R1 (=R2 R3) R4", ROLES).levels == (("R1", "R2", "R3"), ("R4",))
    assert parse_rank("(R1 R2)=R3 R4", ROLES).levels == (("R1", "R2", "R3"), ("R4",))


def test_a_bracket_after_a_group_starts_a_new_level():
    assert parse_rank("(R1 R2)(R3 R4)", ROLES).levels == (("R1", "R2"), ("R3", "R4"))
    assert parse_rank("(R1)(R2)", ROLES).levels == (("R1",), ("R2",))
    assert parse_rank("() R1", ROLES).levels == (("R1",),)


# --- while typing ---------------------------------------------------------------------------


def test_while_typing_only_the_start_of_a_real_code_waits_unflagged():
    typing = {"typing": True}
    entry = parse_rank("R3 R", ROLES, **typing)
    assert entry.problems == () and entry.tokens[-1] == Placed("R", pending=True)
    assert parse_rank("R3 r", ROLES, **typing).problems == ()  # lower case too
    assert parse_rank("R3 X", ROLES, **typing).problems == ("X is not a card of this deck",)
    assert parse_rank("R3 0", ROLES, **typing).problems == ("0 is not a card of this deck",)
    # "A" may become AB1; "B" starts no code of that deck.
    assert parse_rank("C3 A", LETTERS, **typing).problems == ()
    assert parse_rank("C3 B", LETTERS, **typing).problems == ("B is not a card of this deck",)
    # "1" may become 12 (C12) in a deck where no card is numbered 1 alone.
    no_one = build_deck(
        "Tens", ActivityKind.RANK, [{"title": "a", "code": "R10"}, {"title": "b", "code": "R12"}]
    )
    assert parse_rank("R10 1", no_one, **typing).problems == ()
    assert parse_rank("R10 1", no_one).problems == ("1 is not a card of this deck",)
    assert parse_rank("R10 3", no_one, **typing).problems == ("3 is not a card of this deck",)


def test_while_typing_a_finished_token_is_flagged_at_once():
    typing = {"typing": True}
    for text in ("R3 R ", "R3 R,", "R3 R>", "R3 R=", "R3 R)", "R3 R("):
        problems = parse_rank(text, ROLES, **typing).problems
        assert "R is not a card of this deck" in problems, text
    # Only the last token may wait: an earlier unfinished one is flagged.
    assert parse_rank("R R3", ROLES, **typing).problems == ("R is not a card of this deck",)


def test_while_typing_a_bracket_may_stay_open_until_the_typing_stops():
    typing = {"typing": True}
    assert parse_rank("(R1 R2", ROLES, **typing).problems == ()
    assert parse_rank("(R1 R", ROLES, **typing).problems == ()
    # Once a separator is typed the text is finished so far: the open bracket is named.
    assert parse_rank("(R1 R2 ", ROLES, **typing).problems == ("a bracket is not closed",)
    assert parse_rank("(R1 R2)", ROLES, **typing).problems == ()
    assert parse_rank("", ROLES, **typing).problems == ()


# --- dragging cards -------------------------------------------------------------------------


def test_a_card_tied_below_the_last_place_takes_a_new_last_place():
    levels = (("R1",), ("R2",))
    assert place_card(levels, "R4", 2, tie=True) == (("R1",), ("R2",), ("R4",))
    assert place_card(levels, "R4", 9, tie=True) == (("R1",), ("R2",), ("R4",))
    assert place_card(levels, "R4", -3) == (("R4",), ("R1",), ("R2",))


def test_a_place_dropped_into_a_gap_lands_there_and_out_of_range_drags_change_nothing():
    from facilitator.capture.rank_entry import drop_level, join_level, move_level

    levels = (("R1",), ("R2",), ("R3",))
    assert drop_level(levels, 2, 1) == (("R1",), ("R3",), ("R2",))  # into the gap above R2
    assert drop_level(levels, 1, 1) == levels  # the gap just above itself: where it was
    assert drop_level(levels, 1, 2) == levels  # and just below itself
    assert join_level(levels, 0, 1) == (("R2", "R1"), ("R3",))
    assert join_level(levels, 1, 1) == levels  # onto itself
    for source, target in ((3, 0), (0, 3), (-1, 0), (0, -1), (5, 9)):
        assert join_level(levels, source, target) == levels
    for source in (3, -1):
        assert move_level(levels, source, 0) == levels
    assert move_level(levels, 0, -5) == levels
    assert move_level(levels, 2, -5) == (("R3",), ("R1",), ("R2",))


def test_while_typing_any_letter_can_start_a_code():
    # Codes may start with any letter, X and brackets' neighbours included.
    deck = build_deck(
        "X cards", ActivityKind.RANK, [{"title": "a", "code": "X1"}, {"title": "b", "code": "X2"}]
    )
    entry = parse_rank("X1 X", deck, typing=True)
    assert entry.problems == () and entry.tokens[-1] == Placed("X", pending=True)
    assert parse_rank("X1 X", deck).problems == ("X is not a card of this deck",)
