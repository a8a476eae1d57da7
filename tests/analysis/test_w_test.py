"""Kendall's W tested against chance: Friedman's chi-square with the tie correction."""

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from facilitator.analysis import (
    PERMUTATIONS,
    cards_of,
    chi2_upper_tail,
    kendall_w_test,
    mid_ranks,
)
from tests.analysis.test_properties import rankings_of
from tests.analysis.test_worked_examples import nag_rankings, strawberry_rankings


def test_nag_g08daf_example_with_ties_has_the_published_significance():
    # NAG Library g08daf example program results: "Kendall's coefficient = 0.828,
    # Significance = 0.008" (three comparisons of ten objects, with tied scores).
    result = kendall_w_test(nag_rankings(), permutations=0)
    assert round(result.w, 3) == 0.828
    assert round(result.p, 3) == 0.008
    assert result.df == 9
    assert result.chi2 == pytest.approx(3 * 9 * result.w)
    assert result.permutation_p is None


def test_strawberry_example_without_ties():
    # W = 500/672 with m = 4 raters and n = 8 farms: chi2 = m(n−1)W = 20.83 on 7 df.
    result = kendall_w_test(strawberry_rankings(), permutations=0)
    assert result.chi2 == pytest.approx(4 * 7 * 500 / 672)
    assert round(result.chi2, 2) == 20.83
    assert result.p == pytest.approx(stats.chi2.sf(result.chi2, 7))
    assert 0.003 < result.p < 0.005


def friedman(rankings):
    cards = cards_of(rankings)
    ranks = [mid_ranks(r, cards) for r in rankings]
    return stats.friedmanchisquare(*[[r[c] for r in ranks] for c in cards])


@settings(max_examples=150, deadline=None)
@given(st.lists(rankings_of(min_cards=3), min_size=2, max_size=6))
def test_the_chi_square_and_p_agree_with_scipys_friedman_test(rankings):
    cards = cards_of(rankings)
    ranks = [mid_ranks(r, cards) for r in rankings]
    if len(cards) < 3 or all(len(set(r.values())) == 1 for r in ranks):
        return  # scipy needs 3 cards, and some order to test
    expected = friedman(rankings)
    result = kendall_w_test(rankings, permutations=0)
    assert result.chi2 == pytest.approx(expected.statistic, rel=1e-9, abs=1e-9)
    assert result.p == pytest.approx(expected.pvalue, rel=1e-7, abs=1e-12)


@pytest.mark.parametrize("df", range(1, 16))
def test_the_chi_square_tail_matches_scipy(df):
    for x in (0.01, 0.5, 1.0, 3.3, df, 2.5 * df, 60.0):
        assert chi2_upper_tail(x, df) == pytest.approx(stats.chi2.sf(x, df), rel=1e-10, abs=1e-15)


def test_the_permutation_p_is_fixed_for_the_same_data_and_near_the_exact_one():
    # Three tables of four cards: (4!)^3 equally likely reshufflings; the exact p counts them.
    rankings = [["A", "B", "C", "D"], ["A", "C", "B", "D"], ["B", "A", "D", "C"]]
    observed = kendall_w_test(rankings)
    assert observed.permutation_p == kendall_w_test(rankings).permutation_p
    perms = list(itertools.permutations("ABCD"))
    at_least = sum(
        kendall_w_test([list(a), list(b), list(c)], permutations=0).w >= observed.w - 1e-12
        for a in perms
        for b in perms
        for c in perms[:1]  # fixing one table's order loses nothing: W is symmetric in labels
    )
    exact = at_least / (len(perms) ** 2)
    assert observed.permutation_p == pytest.approx(exact, abs=0.03)


def test_random_tables_are_not_called_agreement_by_the_test():
    # Two tables ranking ten cards at random: W is "moderate or better" often, p < 0.05 rarely.
    rng = random.Random(7)
    cards = [f"C{i}" for i in range(10)]
    runs = [kendall_w_test([rng.sample(cards, 10) for _ in range(2)]) for _ in range(200)]
    assert sum(r.w >= 0.5 for r in runs) > 60
    assert sum(r.best_p < 0.05 for r in runs) <= 20


def test_more_than_five_tables_get_no_permutation_p():
    assert kendall_w_test([["A", "B", "C"]] * 6).permutation_p is None
    assert kendall_w_test([["A", "B", "C"]] * 5).permutation_p is not None


def test_one_card_leaves_nothing_to_test():
    result = kendall_w_test([["A"], ["A"], ["A"]])
    assert (result.df, result.chi2, result.p) == (0, 0.0, 1.0)
    assert result.permutation_p is None


def test_identical_tables_get_the_smallest_permutation_p_there_is():
    # Five tables, one order of eight cards: no reshuffle of 4,000 matches it (each would
    # need four tables to land on one order in 8!), so p is 1 / 4,001: "p < 0.001".
    result = kendall_w_test([list("ABCDEFGH")] * 5)
    assert result.w == 1.0
    assert result.permutation_p == 1 / (PERMUTATIONS + 1)
    assert kendall_w_test([list("ABCDEFGH")] * 5, permutations=99).permutation_p == 1 / 100


def test_opposite_tables_get_a_permutation_p_of_one():
    # W is 0: every reshuffle agrees at least as well, so chance explains it fully.
    result = kendall_w_test([list("ABCDE"), list("EDCBA")])
    assert result.w == 0.0
    assert result.permutation_p == 1.0


def exact_permutation_p(rankings):
    """The share of all reshuffles of each table's places (one table kept: W does not depend
    on the cards' names) whose W is at least the observed one."""
    cards = cards_of(rankings)
    observed = kendall_w_test(rankings, permutations=0).w
    rows = [[mid_ranks(r, cards)[c] for c in cards] for r in rankings]

    def ranking(row):
        return [[c for c, r in zip(cards, row, strict=True) if r == v] for v in sorted(set(row))]

    reshuffles = itertools.product(
        [rows[0]], *[list(itertools.permutations(row)) for row in rows[1:]]
    )
    ws = [kendall_w_test([ranking(r) for r in rs], permutations=0).w for rs in reshuffles]
    return sum(w >= observed - 1e-12 for w in ws) / len(ws)


def test_the_permutation_p_keeps_each_tables_ties_and_is_near_the_exact_one():
    # Ties shape both W and what chance gives. Here the exact p is 7/300, about 0.023:
    # "unlikely to be chance"; the sampled p stays within four standard errors of it.
    rankings = [
        [("A", "B"), "C", "D", "E"],
        ["A", ("B", "C"), "D", "E"],
        ["C", "A", ("B", "D", "E")],
    ]
    exact = exact_permutation_p(rankings)
    assert exact == pytest.approx(7 / 300)
    assert kendall_w_test(rankings).permutation_p == pytest.approx(exact, abs=0.01)


def test_tables_that_each_tie_every_card_are_not_called_agreement_beyond_chance():
    # W is 1 by convention (the rankings are identical), but no table put any card before
    # another: chance explains that fully, by Friedman's test as by the reshuffles.
    for tables in (3, 6):
        result = kendall_w_test([[("A", "B", "C")]] * tables)
        assert result.w == 1.0
        assert (result.chi2, result.p) == (0.0, 1.0)
        assert result.best_p == 1.0
    assert kendall_w_test([[("A", "B", "C")]] * 3).permutation_p == 1.0


def test_the_test_says_how_many_tables_and_cards_it_counted():
    result = kendall_w_test([list("ABCD"), list("ABDC"), list("BACD")], permutations=0)
    assert (result.tables, result.cards, result.df) == (3, 4, 3)


def test_a_chi_square_test_without_degrees_of_freedom_says_so():
    from facilitator.errors import InputError

    with pytest.raises(InputError) as caught:
        chi2_upper_tail(3.0, 0)
    assert str(caught.value) == "a chi-square test needs at least 1 degree of freedom, not 0"


@pytest.mark.parametrize(
    ("x", "df"),
    # Where the series' sums round to just above 1 (found by search): a p is never above 1.
    [(1e-6, 6), (0.707084266691417, 29), (0.0, 3), (0.0, 4), (-1.0, 2)],
)
def test_a_p_value_is_never_above_one(x, df):
    assert chi2_upper_tail(x, df) <= 1.0
    assert chi2_upper_tail(x, df) == pytest.approx(1.0 if x <= 0 else stats.chi2.sf(x, df))
