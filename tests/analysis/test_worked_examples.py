"""The maths checked against published worked examples."""

import pytest

from facilitator.analysis import (
    borda,
    kemeny,
    kemeny_with_distance,
    kendall_tau_distance,
    kendall_w,
)

# The Tennessee capital example, as used by Wikipedia's "Kemeny–Young method" and "Borda count"
# articles and electowiki (https://electowiki.org/wiki/Kemeny–Young_method): 42% of voters
# live near Memphis, 26% near Nashville, 15% near Chattanooga, 17% near Knoxville.
M, N, C, K = "Memphis", "Nashville", "Chattanooga", "Knoxville"
TENNESSEE = [[M, N, C, K], [N, C, K, M], [C, K, N, M], [K, C, N, M]]
VOTERS = [42, 26, 15, 17]


def test_kemeny_young_tennessee_example():
    # Published result: Nashville > Chattanooga > Knoxville > Memphis, with the lowest
    # distance score 32+32+42+17+42+42 = 207 (electowiki, Kemeny–Young method).
    result = kemeny_with_distance(TENNESSEE, VOTERS)
    assert result.order == [N, C, K, M]
    assert result.distance == 207
    assert result.exact
    assert kemeny(TENNESSEE, VOTERS) == [N, C, K, M]


def test_borda_count_tennessee_example():
    # Wikipedia, "Borda count", Tennessee example (n−1 points for first down to 0): per 100
    # voters Nashville 194, Chattanooga 173, Memphis 126, Knoxville 107.
    assert borda(TENNESSEE, VOTERS) == {N: 194, C: 173, M: 126, K: 107}
    assert list(borda(TENNESSEE, VOTERS)) == [N, C, M, K]


def strawberry_rankings():
    """influentialpoints.com, "Kendall coefficient of concordance", worked example I: four
    raters rank the strawberries of eight farms."""
    ranks_by_rater = [
        [8, 4, 2, 3, 5, 1, 6, 7],
        [7, 3, 1, 4, 5, 2, 6, 8],
        [8, 2, 5, 6, 7, 1, 4, 3],
        [8, 3, 4, 2, 5, 1, 6, 7],
    ]
    return [
        [f"farm{farm}" for _, farm in sorted(zip(ranks, range(1, 9), strict=True))]
        for ranks in ranks_by_rater
    ]


def test_kendall_w_without_ties_strawberry_example():
    # Rank sums 31 12 12 15 22 5 22 25, S = 500, W = 500 / (504 × 16 / 12) = 0.744.
    rankings = strawberry_rankings()
    assert kendall_w(rankings) == pytest.approx(500 / 672)
    assert round(kendall_w(rankings), 3) == 0.744


def nag_rankings():
    """NAG Library g08daf (concordance_kendall) example program: three comparisons of ten
    objects with tied scores.
    https://support.nag.com/numeric/fl/nagdoc_fl26.2/examples/baseresults/g08dafe.r.html"""
    scores = [
        [1.0, 4.5, 2.0, 4.5, 3.0, 7.5, 6.0, 9.0, 7.5, 10.0],
        [2.5, 1.0, 2.5, 4.5, 4.5, 8.0, 9.0, 6.5, 10.0, 6.5],
        [2.0, 1.0, 4.5, 4.5, 4.5, 4.5, 8.0, 8.0, 8.0, 10.0],
    ]
    rankings = []
    for row in scores:
        # Equal scores are tied: one level per distinct score, lowest score first.
        levels = [[f"o{j}" for j, s in enumerate(row) if s == value] for value in sorted(set(row))]
        rankings.append(levels)
    return rankings


def test_kendall_w_with_ties_nag_g08daf_example():
    # Published result "Kendall's coefficient = 0.828".
    rankings = nag_rankings()
    assert round(kendall_w(rankings), 3) == 0.828
    # Without the tie correction the same data gives 0.796: the correction is applied.
    assert kendall_w(rankings) == pytest.approx(0.8277, abs=1e-4)


def test_kendall_tau_distance_wikipedia_example():
    # Wikipedia, "Kendall tau distance": rankings (1,2,3,4,5) and (3,4,1,2,5) of five people
    # disagree on 4 pairs (normalised distance 0.4).
    assert kendall_tau_distance(["A", "B", "C", "D", "E"], ["C", "D", "A", "B", "E"]) == 4
