"""Every equally good consensus order, checked against brute force over permutations; the
order the tables' rankings come in never decides."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator import analysis
from facilitator.analysis import (
    card_sequence,
    kemeny,
    kemeny_orders,
    kemeny_with_distance,
    total_distance,
)
from tests.analysis.test_properties import rankings_of

DECK = ["R1", "R2", "R3", "R4", "R5", "R6"]


def brute_force(rankings, deck, weights=None):
    """Every permutation with the least total distance, in the deck's order."""
    cards = card_sequence(rankings, deck)
    scored = [
        (total_distance(list(p), rankings, weights), p) for p in itertools.permutations(cards)
    ]
    best = min(d for d, _ in scored)
    orders = [list(p) for d, p in scored if d <= best + 1e-9]
    position = {c: i for i, c in enumerate(cards)}
    return sorted(orders, key=lambda o: [position[c] for c in o]), best


tables = st.lists(rankings_of(cards=DECK), min_size=1, max_size=4)


@settings(max_examples=80, deadline=None)
@given(tables, st.lists(st.integers(0, 3), min_size=4, max_size=4))
def test_kemeny_orders_are_exactly_the_best_permutations_in_deck_order(rankings, weights):
    weights = weights[: len(rankings)]
    expected, best = brute_force(rankings, DECK, weights)
    result = kemeny_with_distance(rankings, weights, card_order=DECK, limit=10_000)
    assert [list(o) for o in result.orders] == expected
    assert result.count == len(expected)
    assert result.distance == pytest.approx(best)
    assert kemeny_orders(rankings, weights, card_order=DECK) == expected
    assert kemeny(rankings, weights, card_order=DECK) == expected[0]


@settings(max_examples=80, deadline=None)
@given(tables)
def test_each_cards_range_of_places_is_the_places_it_takes_in_the_best_orders(rankings):
    expected, _ = brute_force(rankings, DECK)
    spans = {}
    for order in expected:
        for place, card in enumerate(order, 1):
            lo, hi = spans.get(card, (place, place))
            spans[card] = (min(lo, place), max(hi, place))
    assert kemeny_with_distance(rankings, card_order=DECK).places == spans


@settings(max_examples=100, deadline=None)
@given(st.lists(rankings_of(cards=DECK), min_size=2, max_size=5), st.randoms(use_true_random=False))
def test_kemeny_never_depends_on_the_order_the_tables_come_in(rankings, rnd):
    shuffled = list(rankings)
    rnd.shuffle(shuffled)
    assert kemeny(shuffled, card_order=DECK) == kemeny(rankings, card_order=DECK)
    # Without a deck order the cards' codes decide, never their first appearance.
    assert kemeny(shuffled) == kemeny(rankings)


def test_a_two_two_split_gives_both_orders_and_the_deck_order_picks_the_first():
    # Four tables agree on the top and bottom; two put R2 above R3, two the other way.
    rankings = [["R1", "R2", "R3", "R4"]] * 2 + [["R1", "R3", "R2", "R4"]] * 2
    result = kemeny_with_distance(rankings, card_order=["R1", "R2", "R3", "R4"])
    assert [list(o) for o in result.orders] == [["R1", "R2", "R3", "R4"], ["R1", "R3", "R2", "R4"]]
    assert result.places == {"R1": (1, 1), "R2": (2, 3), "R3": (2, 3), "R4": (4, 4)}
    # Reading the deck the other way round makes the other order first: the deck decides.
    assert kemeny(rankings, card_order=["R3", "R2", "R1", "R4"]) == ["R1", "R3", "R2", "R4"]
    assert kemeny(rankings[::-1], card_order=["R1", "R2", "R3", "R4"]) == result.order


def test_two_opposite_orders_make_every_order_equally_good_and_are_counted_not_listed():
    cards = [f"C{i}" for i in range(1, 11)]
    result = kemeny_with_distance([cards, cards[::-1]], card_order=cards, limit=5)
    assert result.count == 3_628_800  # 10!
    assert len(result.orders) == 5
    assert result.orders[0] == tuple(cards)
    assert all(span == (1, 10) for span in result.places.values())


def test_card_sequence_follows_the_deck_then_the_codes_naturally():
    assert card_sequence([["R10", "R2", "X"], ["R1"]], ["R1", "R10"]) == ["R1", "R10", "R2", "X"]


def test_above_the_exact_limit_one_order_is_found_and_said_to_be_unproven():
    cards = [f"C{i}" for i in range(analysis.EXACT_LIMIT + 3)]
    result = kemeny_with_distance([cards, cards[2:] + cards[:2]], card_order=cards)
    assert not result.exact
    assert result.count == 1 and list(result.orders[0]) == result.order


def test_a_large_undecided_group_after_a_small_one_keeps_its_place():
    # A, B, C: a cycle the tables leave undecided, all above a cycle of five below them.
    top = ["A", "B", "C"]
    low = ["D", "E", "F", "G", "H"]
    rankings = [
        top + low,
        ["B", "C", "A", "E", "F", "G", "H", "D"],
        ["C", "A", "B", "F", "G", "H", "D", "E"],
    ]
    expected, best = brute_force(rankings, top + low)
    result = kemeny_with_distance(rankings, card_order=top + low, limit=100_000)
    assert [list(o) for o in result.orders] == expected
    assert result.distance == pytest.approx(best)
    assert all(set(o[:3]) == set(top) for o in result.orders)


def test_with_clear_majorities_a_deck_beyond_the_limit_is_still_solved_exactly():
    # 40 cards in 8 groups of 5 that every table orders the same way; inside each group the
    # tables disagree. Only groups of 5 are searched: exact, and the count is 2 tables' worth.
    cards = [f"C{i:02d}" for i in range(40)]
    groups = [cards[i : i + 5] for i in range(0, 40, 5)]
    one = [c for g in groups for c in g]
    two = [c for g in groups for c in reversed(g)]
    result = kemeny_with_distance([one, two, one], card_order=cards)
    assert result.exact
    assert result.order == one
    assert result.count == 1
