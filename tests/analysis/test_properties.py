"""Properties of the consensus maths: rankings with ties and left-out cards included."""

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator import analysis
from facilitator.analysis import (
    borda,
    borda_order,
    comparable_pairs,
    kemeny,
    kemeny_with_distance,
    kendall_tau_distance,
    kendall_w,
    total_distance,
)
from facilitator.errors import InputError

CARDS = [f"R{i}" for i in range(1, 8)]


@st.composite
def rankings_of(draw, cards=CARDS, min_cards=1, allow_left_out=True, allow_ties=True):
    """A ranking as levels: some of the cards (or all), shuffled, cut into tied groups."""
    if allow_left_out:
        chosen = draw(st.lists(st.sampled_from(cards), min_size=min_cards, unique=True))
    else:
        chosen = draw(st.permutations(cards))
    chosen = list(chosen)
    if not allow_ties:
        return [[c] for c in chosen]
    levels, i = [], 0
    while i < len(chosen):
        size = draw(st.integers(1, 3))
        levels.append(chosen[i : i + size])
        i += size
    return levels


several = st.lists(rankings_of(), min_size=1, max_size=5)


@given(rankings_of(min_cards=2), st.integers(1, 6))
def test_w_is_one_when_every_table_agrees(ranking, tables):
    assert kendall_w([ranking] * tables) == pytest.approx(1.0)


@given(st.permutations(CARDS[:6]), st.integers(1, 3))
def test_w_is_zero_when_each_order_is_balanced_by_its_reverse(order, pairs):
    order = list(order)
    assert kendall_w([order, order[::-1]] * pairs) == pytest.approx(0.0, abs=1e-12)


@given(st.permutations(CARDS[:5]))
def test_w_is_zero_for_a_latin_square_of_rotations(order):
    order = list(order)
    rotations = [order[i:] + order[:i] for i in range(len(order))]
    assert kendall_w(rotations) == pytest.approx(0.0, abs=1e-12)


@given(several)
def test_w_lies_between_zero_and_one(rankings):
    assert 0.0 <= kendall_w(rankings) <= 1.0


@given(several, st.lists(st.integers(0, 5), min_size=5, max_size=5))
def test_kemeny_total_distance_never_exceeds_bordas(rankings, weights):
    weights = weights[: len(rankings)]
    result = kemeny_with_distance(rankings, weights)
    borda_distance = total_distance(borda_order(rankings, weights), rankings, weights)
    assert result.distance <= borda_distance + 1e-9
    assert result.distance == pytest.approx(total_distance(result.order, rankings, weights))


@settings(max_examples=60)
@given(st.lists(rankings_of(cards=CARDS[:6]), min_size=1, max_size=4))
def test_the_exact_kemeny_order_is_as_good_as_every_permutation(rankings):
    result = kemeny_with_distance(rankings)
    cards = analysis.cards_of(rankings)
    best = min(total_distance(list(p), rankings) for p in itertools.permutations(cards))
    assert result.exact
    assert result.distance == pytest.approx(best)
    assert sorted(result.order) == sorted(cards)


@given(several, st.lists(st.integers(1, 3), min_size=5, max_size=5))
def test_integer_weights_count_like_repeated_rankings(rankings, weights):
    # (A ranking of weight 0 still names its cards, so weights start at 1 here.)
    weights = weights[: len(rankings)]
    repeated = [r for r, w in zip(rankings, weights, strict=True) for _ in range(w)]
    weighted = kemeny_with_distance(rankings, weights)
    assert weighted.distance == pytest.approx(kemeny_with_distance(repeated).distance)
    assert borda(rankings, weights) == pytest.approx(borda(repeated))


@settings(max_examples=40)
@given(st.lists(rankings_of(cards=CARDS), min_size=2, max_size=4))
def test_the_local_search_for_large_decks_never_loses_to_borda(rankings):
    original = analysis.EXACT_LIMIT
    analysis.EXACT_LIMIT = 0  # force the heuristic on these small decks
    try:
        result = kemeny_with_distance(rankings)
    finally:
        analysis.EXACT_LIMIT = original
    assert not result.exact
    assert result.distance <= total_distance(borda_order(rankings), rankings) + 1e-9


def test_a_deck_above_the_exact_limit_is_aggregated_quickly_and_reported_as_a_heuristic():
    cards = [f"C{i}" for i in range(40)]
    rankings = [cards, cards[5:] + cards[:5], cards[::-1][:30], cards[::2] + cards[1::2]]
    result = kemeny_with_distance(rankings)
    assert not result.exact
    assert sorted(result.order) == sorted(cards)
    assert result.distance <= total_distance(borda_order(rankings), rankings)


@given(rankings_of(), rankings_of())
def test_tau_distance_is_symmetric_and_zero_to_itself(a, b):
    assert kendall_tau_distance(a, b) == kendall_tau_distance(b, a)
    assert kendall_tau_distance(a, a) == 0


@given(st.permutations(CARDS))
def test_tau_distance_of_strict_full_orders_counts_inversions(order):
    order = list(order)
    inversions = sum(
        1 for i, j in itertools.combinations(range(len(order)), 2) if order[i] > order[j]
    )
    assert kendall_tau_distance(sorted(order), order) == inversions
    assert kendall_tau_distance(order, order[::-1]) == len(order) * (len(order) - 1) // 2


# --- ties and left-out cards: the documented conventions ---------------------------------


def test_a_level_is_a_tie_and_ties_express_no_preference():
    assert kendall_tau_distance([["A", "B"], "C"], ["B", "A", "C"]) == 0
    assert kendall_tau_distance(["A", "B", "C"], ["C", "B", "A"]) == 3
    assert comparable_pairs([["A", "B"], "C"], ["A", "B", "C"]) == 2


def test_left_out_cards_count_as_tied_below_every_placed_card():
    # B left out of the first ranking sits below A; so does C in the second.
    assert kendall_tau_distance(["A"], ["A", "B"]) == 0
    assert kendall_tau_distance(["B"], ["A", "B"]) == 1
    assert kendall_tau_distance(["C"], ["A", "B", "C"]) == 2
    assert analysis.mid_ranks(["B"], ["A", "B", "C"]) == {"B": 1, "A": 2.5, "C": 2.5}


def test_borda_shares_points_between_tied_and_left_out_cards():
    # Three cards in all: 2, 1, 0 points. A and B share first and second; C gets 0.
    assert borda([[["A", "B"], "C"]]) == {"A": 1.5, "B": 1.5, "C": 0.0}
    # The second ranking leaves out B and C: they share the points of places 2 and 3.
    scores = borda([["A", "B", "C"], ["C"]])
    assert scores == {"A": 2.0 + 0.5, "B": 1.0 + 0.5, "C": 0.0 + 2.0}
    assert list(scores) == ["A", "C", "B"]  # highest first


def test_kemeny_with_ties_breaks_equal_orders_the_borda_way():
    # Two tables with opposite orders: every order of A and B is equally far; the consensus
    # follows Borda, which follows first appearance when scores are equal.
    assert kemeny([["A", "B"], ["B", "A"]]) == ["A", "B"]
    assert kemeny([]) == []


def test_kendall_w_of_a_single_card_or_all_ties_is_one():
    assert kendall_w([["A"], ["A"]]) == 1.0
    assert kendall_w([[["A", "B", "C"]], [["A", "B", "C"]]]) == 1.0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: kemeny([["A", "A"]]), "A appears twice in one ranking"),
        (lambda: kemeny([["A"], ["B"]], [1]), "1 weights were given for 2 rankings"),
        (lambda: borda([["A"]], [-1]), "a weight must be a number of at least 0"),
        (lambda: borda([["A"]], [True]), "a weight must be a number of at least 0, not True"),
        (lambda: borda([["A"]], ["2"]), "a weight must be a number of at least 0, not '2'"),
        (lambda: borda([["A"]], [math.inf]), "a weight must be a number of at least 0, not inf"),
        (lambda: kemeny([[["A", 3]]]), "a ranking holds 3, which is not a card code"),
        (lambda: kemeny([["A", 3]]), "a ranking holds 3, which is not a card code"),
        (lambda: kendall_w([]), "Kendall's W needs at least one ranking"),
        (lambda: kendall_tau_distance("AB", ["A"]), "must be a list of card codes"),
    ],
)
def test_bad_input_is_one_plain_sentence(call, message):
    with pytest.raises(InputError, match=message):
        call()


def test_an_empty_group_in_a_ranking_is_skipped_not_the_end_of_it():
    assert analysis.levels_of(["A", [], "B", ()]) == (("A",), ("B",))
