"""The consensus where a wrong answer would hide in a write-up: large decks (proven by majority
groups, or, when one undecided group is over 15 cards, the local search), the order of the most
disputed items, the words for W at each threshold, and the
counting behind agreement and merged key points.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from facilitator.analysis import (
    EXACT_LIMIT,
    ItemAgreement,
    borda,
    borda_order,
    card_sequence,
    comparable_pairs,
    describe_w,
    kemeny_orders,
    kemeny_with_distance,
    match_agreement,
    merge_key_points,
    most_disputed,
    total_distance,
)


def fillers(n: int) -> list[str]:
    return [f"F{i}" for i in range(1, n + 1)]


# --- decks over EXACT_LIMIT cards -----------------------------------------------------------
# The tables' majorities decide every pair in the next three tests, so each card is a majority
# group of its own and the consensus is proven exactly despite the deck's size; the local
# search is reached only when one group the majorities leave undecided is over EXACT_LIMIT
# cards (the tests after `polarised_with_a_cycle`).


def test_over_14_cards_the_consensus_moves_a_card_up_to_where_the_majority_puts_it():
    # Three tables put A first; two put it last. Borda leaves A in the middle (its last
    # places cost it), but every other card loses to A 3 to 2: the consensus starts with A.
    f = fillers(14)
    rankings = [["A", "B", *f]] * 3 + [["B", *f, "A"]] * 2
    assert len(f) + 2 > EXACT_LIMIT
    assert borda_order(rankings)[0] == "B"
    result = kemeny_with_distance(rankings)
    assert result.order == ["A", "B", *f]
    # The least possible: each pair costs the weight of the tables on its losing side.
    assert result.distance == 2 + 2 * 14
    assert result.distance == total_distance(result.order, rankings)
    assert result.distance < total_distance(borda_order(rankings), rankings)


def test_over_14_cards_the_consensus_moves_a_card_down_to_where_the_majority_puts_it():
    f = fillers(14)
    rankings = [[*reversed(f), "B", "A"]] * 3 + [["A", *reversed(f), "B"]] * 2
    result = kemeny_with_distance(rankings)
    assert result.order == [*reversed(f), "B", "A"]
    assert result.distance == 2 + 2 * 14


def test_the_local_search_weighs_each_table():
    f = fillers(14)
    rankings = [["A", "B", *f], ["B", *f, "A"]]
    # With the first table weighing 3 and the second 2, the same consensus as above.
    result = kemeny_with_distance(rankings, weights=[3, 2])
    assert result.order == ["A", "B", *f]
    assert result.distance == pytest.approx(2 + 2 * 14)
    # Weighted the other way, A goes to the bottom.
    assert kemeny_with_distance(rankings, weights=[2, 3]).order == ["B", *f, "A"]


def test_at_the_exact_limit_the_same_rankings_give_the_same_proven_consensus():
    f = fillers(EXACT_LIMIT - 2)
    rankings = [["A", "B", *f]] * 3 + [["B", *f, "A"]] * 2
    result = kemeny_with_distance(rankings)
    assert result.exact is True
    assert result.order == ["A", "B", *f]
    assert result.distance == 2 + 2 * len(f)


def test_over_the_limit_a_tie_between_tables_keeps_the_borda_order():
    # One table puts A above B, the other B above A: no move improves, so none is made.
    f = fillers(14)
    result = kemeny_with_distance([["A", "B", *f], ["B", "A", *f]])
    assert result.order == ["A", "B", *f]
    assert result.distance == 1


# --- the local search (one undecided group over EXACT_LIMIT cards) ---------------------------


def polarised_with_a_cycle() -> list[list[str]]:
    """16 cards no exact method here can prove: three tables of five put A above every card
    but F14, two put it last; three put F14 above A. So A beats B, B beats F1, ..., F13
    beats F14 and F14 beats A: one cycle through all 16 cards, a single undecided group.

    The best order breaks the cycle where it costs least, A above F14 (a 3-2 pair): A, B,
    F1, ..., F14, at 45 (each pair costs the weight of the tables on its losing side: 14 × 2
    for A, 3 for A above F14, 1 for B above F14, 13 × 1 for F14 below the other F). Borda
    leaves A sixth (its two last places cost it) and F14 above F11: its order costs 60.
    """
    f = fillers(14)
    return [["A", "B", *f]] * 2 + [["F14", "A", "B", *f[:-1]]] + [["B", *f, "A"]] * 2


def test_over_the_exact_limit_the_search_moves_the_majoritys_first_card_to_the_top():
    rankings = polarised_with_a_cycle()
    result = kemeny_with_distance(rankings)
    assert result.exact is False  # the write-up says "not proven optimal"
    assert borda_order(rankings) == [
        "B", "F1", "F2", "F3", "F4", "F5", "A", "F6", "F7", "F8", "F9", "F10", "F14", "F11",
        "F12", "F13",
    ]  # fmt: skip
    assert result.order == ["A", "B", *fillers(14)]
    assert result.distance == 45 == total_distance(result.order, rankings)
    assert total_distance(borda_order(rankings), rankings) == 60
    # The one order found, each card in its one place.
    assert result.orders == (tuple(result.order),)
    assert result.count == 1
    assert dict(result.places) == {c: (i, i) for i, c in enumerate(result.order, 1)}


def test_one_undecided_group_of_exactly_the_limit_is_still_proven():
    f = fillers(EXACT_LIMIT - 2)
    rankings = [["A", "B", *f]] * 2 + [[f[-1], "A", "B", *f[:-1]]] + [["B", *f, "A"]] * 2
    result = kemeny_with_distance(rankings)
    assert len(result.order) == EXACT_LIMIT
    assert result.exact is True
    assert result.order == ["A", "B", *f]


def test_over_the_exact_limit_the_search_weighs_each_table():
    # The same five tables as three rankings with weights: the same consensus.
    f = fillers(14)
    rankings = [["A", "B", *f], ["F14", "A", "B", *f[:-1]], ["B", *f, "A"]]
    result = kemeny_with_distance(rankings, weights=[2, 1, 2])
    assert result.exact is False
    assert result.order == ["A", "B", *f]
    assert result.distance == pytest.approx(45)
    # Unweighted, each pair's losing side weighs 1 where it weighed 2 (and 2 where 3).
    unweighted = kemeny_with_distance(rankings)
    assert unweighted.exact is False
    assert unweighted.order == ["A", "B", *f]
    assert unweighted.distance == 14 * 1 + 2 + 1 + 13


CARDS_16 = [f"C{i}" for i in range(1, 17)]


@st.composite
def strict_rankings(draw):
    """Three to five tables' strict orders of 16 cards, near each other so moves matter."""
    base = list(draw(st.permutations(CARDS_16)))
    tables = []
    for _ in range(draw(st.integers(3, 5))):
        order = list(base)
        for _ in range(draw(st.integers(0, 6))):
            i = draw(st.integers(0, len(order) - 1))
            j = draw(st.integers(0, len(order) - 1))
            order.insert(j, order.pop(i))
        tables.append(order)
    return tables


def moved(order: list[str], i: int, j: int) -> list[str]:
    changed = list(order)
    changed.insert(j, changed.pop(i))
    return changed


def assert_no_single_move_improves(result, rankings) -> None:
    """The order found has the distance it reports, is no worse than Borda's, and moving any
    one card anywhere does not lower its distance: what the local search promises."""
    distance = total_distance(result.order, rankings)
    assert result.distance == distance
    assert distance <= total_distance(borda_order(rankings), rankings)
    for i, j in itertools.product(range(len(result.order)), repeat=2):
        if i != j:
            assert total_distance(moved(result.order, i, j), rankings) >= distance


@settings(max_examples=15)
@given(strict_rankings())
def test_no_single_move_improves_the_consensus_of_16_cards(rankings):
    result = kemeny_with_distance(rankings)
    assert sorted(result.order) == sorted(CARDS_16)
    assert_no_single_move_improves(result, rankings)


def test_kendalls_w_needs_a_ranking_and_says_so():
    from facilitator.analysis import kendall_w
    from facilitator.errors import InputError

    with pytest.raises(InputError) as caught:
        kendall_w([])
    assert str(caught.value) == "Kendall's W needs at least one ranking"


# --- every equally good order, and the deck's order ------------------------------------------


def test_kemeny_orders_lists_as_many_orders_as_asked_in_the_decks_order():
    # Two opposite tables: all six orders of three cards are equally good.
    rankings = [["R1", "R2", "R3"], ["R3", "R2", "R1"]]
    deck = ["R3", "R1", "R2"]  # the deck's order, not the codes'
    assert kemeny_orders(rankings, card_order=deck, limit=2) == [
        ["R3", "R1", "R2"],
        ["R3", "R2", "R1"],
    ]
    assert kemeny_orders(rankings, card_order=deck, limit=1) == [["R3", "R1", "R2"]]
    assert len(kemeny_orders(rankings, card_order=deck)) == 6


def test_by_default_the_first_24_equally_good_orders_are_listed_and_all_counted():
    result = kemeny_with_distance([list("ABCDE"), list("EDCBA")])
    assert len(result.orders) == 24
    assert result.count == 120


def test_the_limit_holds_across_separately_undecided_groups():
    # A and B tie, C sits between, D and E tie: 2 × 2 equally good orders.
    rankings = [list("ABCDE"), list("BACED")]
    result = kemeny_with_distance(rankings, card_order=list("ABCDE"), limit=3)
    assert result.count == 4
    assert [list(o) for o in result.orders] == [list("ABCDE"), list("ABCED"), list("BACDE")]


def test_weights_that_balance_exactly_leave_the_pair_undecided():
    # 0.1 + 0.2 against 0.3: equal, though the sums differ in the last bits of a float.
    rankings = [["A", "B"], ["B", "A"], ["B", "A"]]
    result = kemeny_with_distance(rankings, weights=[0.3, 0.1, 0.2])
    assert result.count == 2
    assert [list(o) for o in result.orders] == [["A", "B"], ["B", "A"]]
    assert dict(result.places) == {"A": (1, 2), "B": (1, 2)}
    # The same with large weights, where 10000.1 + 20000.2 misses 30000.3 by 4e-12.
    heavy = kemeny_with_distance(rankings, weights=[30000.3, 10000.1, 20000.2])
    assert heavy.count == 2
    assert heavy.order == ["A", "B"]


def test_no_rankings_give_an_empty_consensus():
    result = kemeny_with_distance([])
    assert (result.order, result.distance, result.exact) == ([], 0.0, True)
    assert (result.orders, result.count, dict(result.places)) == (((),), 1, {})


def test_borda_order_weighs_each_table():
    rankings = [["A", "B", "C"], ["C", "B", "A"]]
    assert borda_order(rankings, [2, 1]) == ["A", "B", "C"]
    assert borda_order(rankings, [1, 2]) == ["C", "B", "A"]


def test_cards_the_deck_does_not_name_follow_it_by_number_not_by_spelling():
    # A card recorded before it left the deck: R2 before R10, as a person counts.
    assert card_sequence([["R10", "R2", "A1", "R1"]], ["A1"]) == ["A1", "R1", "R2", "R10"]


# --- comparable pairs ------------------------------------------------------------------------


def test_comparable_pairs_leave_out_pairs_tied_within_a_level():
    cards = ["A", "B", "C", "D", "E"]
    assert comparable_pairs(["A", "B", "C", "D", "E"], cards) == 10
    assert comparable_pairs([["A", "B", "C"], "D", "E"], cards) == 10 - 3
    # Left out D and E tie at the bottom: one pair fewer.
    assert comparable_pairs(["A", ["B", "C"]], cards) == 10 - 1 - 1
    # A count of pairs, printed as one: 7, never 7.0.
    assert all(
        type(comparable_pairs(r, cards)) is int
        for r in (["A", "B"], [["A", "B", "C"], "D"], [["A", "B"], ["C", "D", "E"]])
    )


# --- the most disputed items -----------------------------------------------------------------


def agreement(item: str, value: float | None, placed: int) -> ItemAgreement:
    return ItemAgreement(item, tables=5, placed=placed, counts={}, shares={}, agreement=value)


def test_most_disputed_orders_by_agreement_then_more_tables_then_name():
    items = {
        a.item: a
        for a in (
            agreement("A5", 0.5, 2),
            agreement("A1", 0.5, 4),  # as disputed as A5, but more tables placed it
            agreement("A2", 0.2, 2),
            agreement("A4", 0.5, 4),  # a tie with A1 in both: by name
            agreement("A3", 1.0, 5),  # unanimous: not disputed
            agreement("A6", None, 1),  # one table: nothing to dispute
        )
    }
    assert [a.item for a in most_disputed(items, limit=10)] == ["A2", "A1", "A4", "A5"]
    # Three asked for, and A5 as disputed as the third: no item is left out by its name alone.
    assert [a.item for a in most_disputed(items)] == ["A2", "A1", "A4", "A5"]
    assert [a.item for a in most_disputed(items, limit=1)] == ["A2"]
    assert most_disputed({"A3": items["A3"], "A6": items["A6"]}) == []


def test_the_three_most_disputed_items_are_listed_by_default():
    items = {
        a.item: a
        for a in (agreement(f"A{i}", value, 3) for i, value in enumerate((0.1, 0.2, 0.3, 0.4), 1))
    }
    assert [a.item for a in most_disputed(items)] == ["A1", "A2", "A3"]


def test_agreement_counts_targets_and_shares_by_the_tables_that_placed_the_item():
    tables = [
        {"A1": ("R1", "R2")},
        {"A1": ("R2",)},
        {"A1": ("R2", "R1")},
        {"A2": ()},
        {"A2": ()},
    ]
    found = match_agreement(tables)
    a1 = found["A1"]
    assert (a1.tables, a1.placed) == (5, 3)
    assert list(a1.counts.items()) == [("R2", 3), ("R1", 2)]  # most chosen first
    assert dict(a1.shares) == pytest.approx({"R2": 1.0, "R1": 2 / 3})
    # Pairs: {R1,R2}~{R2} 1/2, {R1,R2}~{R1,R2} 1, {R2}~{R1,R2} 1/2: mean 2/3.
    assert a1.agreement == pytest.approx(2 / 3)
    a2 = found["A2"]
    assert a2.agreement == 1.0  # two tables that both chose nothing agree
    assert (a2.placed, dict(a2.counts)) == (2, {})
    # Equal counts list in target order.
    tie = match_agreement([{"A1": ("R3", "R1")}, {"A1": ("R1", "R3")}])["A1"]
    assert list(tie.counts) == ["R1", "R3"]


# --- W in words ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("w", "words"),
    [
        (1.0, "very strong agreement"),
        (0.9, "very strong agreement"),
        (0.8999, "strong agreement"),
        (0.7, "strong agreement"),
        (0.6999, "moderate agreement"),
        (0.5, "moderate agreement"),
        (0.4999, "weak agreement"),
        (0.3, "weak agreement"),
        (0.2999, "very weak agreement"),
        (0.1, "very weak agreement"),
        (0.0999, "no real agreement"),
        (0.0, "no real agreement"),
    ],
)
def test_w_in_words_includes_each_threshold(w, words):
    assert describe_w(w) == words


# --- key points ------------------------------------------------------------------------------


def test_merged_points_keep_the_spelling_most_tables_used_and_count_tables_once():
    merged = merge_key_points(
        [
            ["Influence not authority", "influence not authority."],
            ["INFLUENCE NOT AUTHORITY"],
            ["INFLUENCE   NOT AUTHORITY"],
            ["Start small"],
        ]
    )
    assert [(p.text, p.tables) for p in merged] == [
        ("INFLUENCE NOT AUTHORITY", 3),  # two tables wrote it so (spaces tidied)
        ("Start small", 1),
    ]


def test_points_raised_by_as_many_tables_keep_the_order_they_were_first_raised():
    merged = merge_key_points([["Beta", "Alpha"], ["alpha", "beta."], ["Gamma"]])
    assert [(p.text, p.tables) for p in merged] == [("Beta", 2), ("Alpha", 2), ("Gamma", 1)]
    assert merge_key_points([]) == []
    # A blank line in a table's points is skipped, not the end of its points.
    assert [(p.text, p.tables) for p in merge_key_points([["  ", "After a blank"]])] == [
        ("After a blank", 1)
    ]


# No shrinking: a failing example is printed as drawn (a list of 16-card orders shrinks
# slowly and reads no better for it).
@settings(max_examples=25, phases=[Phase.explicit, Phase.generate])
@given(st.lists(st.permutations(CARDS_16), min_size=3, max_size=5))
def test_over_the_exact_limit_no_single_move_improves_the_order_found(rankings):
    # Tables that disagree at random leave all 16 cards in one undecided group: the order
    # is the local search's, and moving any one card anywhere must not lower its distance.
    result = kemeny_with_distance(rankings)
    assume(not result.exact)
    assert_no_single_move_improves(result, rankings)


@settings(
    max_examples=25,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.filter_too_much],
)
@given(
    st.lists(st.permutations(CARDS_16), min_size=3, max_size=4),
    st.permutations(CARDS_16),
    st.lists(st.integers(100, 999), min_size=4, max_size=4, unique=True),
)
def test_over_the_exact_limit_the_deck_order_decides_nothing_but_ties(rankings, deck, hundredths):
    # The search starts from Borda's order: with no two cards level on Borda (tables of
    # different weights make that likely), the order the deck lists the cards in is moot.
    weights = [h / 100 for h in hundredths[: len(rankings)]]
    scores = list(borda(rankings, weights).values())
    assume(len(set(scores)) == len(scores))
    found = kemeny_with_distance(rankings, weights)
    assume(not found.exact)
    assert kemeny_with_distance(rankings, weights, card_order=deck).order == found.order


@settings(max_examples=25, phases=[Phase.explicit, Phase.generate])
@given(
    st.lists(st.permutations(CARDS_16), min_size=3, max_size=4),
    st.lists(st.integers(1, 3), min_size=4, max_size=4),
)
def test_over_the_exact_limit_a_table_of_weight_two_counts_as_two_tables(rankings, weights):
    weights = weights[: len(rankings)]
    repeated = [r for r, w in zip(rankings, weights, strict=True) for _ in range(w)]
    found = kemeny_with_distance(rankings, weights)
    assume(not found.exact)
    again = kemeny_with_distance(repeated)
    assert (again.order, again.exact) == (found.order, False)
    assert again.distance == pytest.approx(found.distance)
