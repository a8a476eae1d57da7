"""Consensus across tables: rank aggregation, agreement, matchings and prompts (no Qt, no store).

Rankings
--------
A ranking is a sequence, best first, whose entries are card codes or levels of tied codes:
`["R3", "R1", "R2"]`, or `[["R3"], ["R1", "R2"]]`, or mixed `["R3", ("R1", "R2")]` (R1 and R2
share second place). This is how the store's `RankResult.levels` looks.

Cards left out: the cards of a set of rankings are all the cards any of them places. A card a
ranking leaves out counts as tied with its other left-out cards *below every card it placed*,
the usual reading of a truncated ballot. So one rule serves every function: Borda gives left-out
cards the points of the places left over, Kendall's W ranks them last with a tie correction, and
the distances count a placed card as preferred to a left-out one.

Distances: `kendall_tau_distance` counts the pairs of cards that one ranking puts strictly one
way and the other strictly the other way (discordant pairs). A pair tied in either ranking counts
nothing: a tie expresses no preference. For two strict rankings of the same cards this is the
textbook Kendall tau distance. The Kemeny consensus is the strict order with the least total
(weighted) distance to the rankings; `kemeny_with_distance` reports that total and whether it is
proven optimal.
"""

from __future__ import annotations

import itertools
import math
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from facilitator.errors import InputError
from facilitator.outcomes import Verdict

Ranking = Sequence[str | Sequence[str]]
Levels = tuple[tuple[str, ...], ...]

# The exact consensus is found by dynamic programming over subsets of cards (2^n * n steps),
# every equally good order with it, one majority group at a time (see _majority_groups): up
# to this many cards in the largest group the tables leave undecided; above it by a local
# search started from Borda. The slowest case, two opposite rankings (every order optimal,
# one group), measured on this shared 2-core machine: 15 cards 0.12 to 0.18 s at a load of
# about 5 (up to 0.30 to 0.35 s at a load of 7 or more), 16 cards 0.36 to 0.87 s. `make bench`
# (tests/bench/bench_analysis.py) measures it.
EXACT_LIMIT = 15
# A guard on the local search for very large decks; real decks settle in a few passes.
MAX_SEARCH_PASSES = 100
_TOLERANCE = 1e-9


# --- rankings ------------------------------------------------------------------------------


def levels_of(ranking: Ranking) -> Levels:
    """The ranking as levels of tied codes; InputError if a code appears twice."""
    if isinstance(ranking, str):
        raise InputError(f"a ranking must be a list of card codes, not the text {ranking!r}")
    levels: list[tuple[str, ...]] = []
    seen: set[str] = set()
    for entry in ranking:
        if isinstance(entry, str):
            level: tuple[str, ...] = (entry,)
        elif isinstance(entry, Iterable):
            level = tuple(entry)
        else:  # a number where a code or a level belongs
            raise InputError(f"a ranking holds {entry!r}, which is not a card code")
        if not level:
            continue
        for code in level:
            if not isinstance(code, str):
                raise InputError(f"a ranking holds {code!r}, which is not a card code")
            if code in seen:
                raise InputError(f"{code} appears twice in one ranking")
            seen.add(code)
        levels.append(level)
    return tuple(levels)


def cards_of(rankings: Iterable[Ranking]) -> list[str]:
    """Every card the rankings place, in order of first appearance."""
    found: dict[str, None] = {}
    for ranking in rankings:
        for level in levels_of(ranking):
            for code in level:
                found.setdefault(code)
    return list(found)


def _completed(levels: Levels, cards: Sequence[str]) -> Levels:
    """`levels` with the cards it leaves out added as one tied level at the bottom."""
    placed = {code for level in levels for code in level}
    left_out = tuple(code for code in cards if code not in placed)
    return (*levels, left_out) if left_out else levels


def _level_index(levels: Levels) -> dict[str, int]:
    return {code: i for i, level in enumerate(levels) for code in level}


def _weights(rankings: Sequence[Ranking], weights: Sequence[float] | None) -> list[float]:
    if weights is None:
        return [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise InputError(f"{len(weights)} weights were given for {len(rankings)} rankings")
    checked = []
    for w in weights:
        if isinstance(w, bool) or not isinstance(w, int | float) or not math.isfinite(w) or w < 0:
            raise InputError(f"a weight must be a number of at least 0, not {w!r}")
        checked.append(float(w))
    return checked


def kendall_tau_distance(a: Ranking, b: Ranking) -> int:
    """How many pairs of cards `a` orders one way and `b` strictly the other way.

    Pairs tied in either ranking count nothing; left-out cards are tied at the bottom.
    """
    la, lb = levels_of(a), levels_of(b)
    cards = cards_of([la, lb])
    pa, pb = _level_index(_completed(la, cards)), _level_index(_completed(lb, cards))
    discordant = 0
    for x, y in itertools.combinations(cards, 2):
        if (pa[x] - pa[y]) * (pb[x] - pb[y]) < 0:
            discordant += 1
    return discordant


def comparable_pairs(ranking: Ranking, cards: Sequence[str]) -> int:
    """Pairs of `cards` that `ranking` orders strictly (the most it can disagree on)."""
    completed = _completed(levels_of(ranking), cards)
    n = sum(len(level) for level in completed)
    return n * (n - 1) // 2 - sum(len(level) * (len(level) - 1) // 2 for level in completed)


def total_distance(
    order: Ranking, rankings: Sequence[Ranking], weights: Sequence[float] | None = None
) -> float:
    """Σ weight × Kendall tau distance from `order` to each ranking."""
    ws = _weights(rankings, weights)
    return sum(w * kendall_tau_distance(order, r) for w, r in zip(ws, rankings, strict=True))


# --- Borda ---------------------------------------------------------------------------------


def borda(rankings: Sequence[Ranking], weights: Sequence[float] | None = None) -> dict[str, float]:
    """Borda scores: with n cards in all, n−1 points for first place down to 0 for last.

    Tied cards share the mean of the points of the places they fill; left-out cards share the
    places left at the bottom. Each ranking's points are multiplied by its weight (default 1).
    The dict runs from the highest score down (equal scores in order of first appearance).
    """
    ws = _weights(rankings, weights)
    cards = cards_of(rankings)
    n = len(cards)
    scores = dict.fromkeys(cards, 0.0)
    for w, ranking in zip(ws, rankings, strict=True):
        place = 0
        for level in _completed(levels_of(ranking), cards):
            points = n - 1 - place - (len(level) - 1) / 2
            for code in level:
                scores[code] += w * points
            place += len(level)
    first = {code: i for i, code in enumerate(cards)}
    return dict(sorted(scores.items(), key=lambda item: (-item[1], first[item[0]])))


def borda_order(rankings: Sequence[Ranking], weights: Sequence[float] | None = None) -> list[str]:
    """The cards by Borda score, highest first (equal scores in order of first appearance)."""
    return list(borda(rankings, weights))


# --- Kemeny --------------------------------------------------------------------------------


@dataclass(frozen=True)
class KemenyResult:
    """The consensus: every strict order with the least total weighted distance to the rankings.

    `order` is the first of them in the deck's card order (the one `kemeny` returns); `orders`
    lists them in that order, up to the limit asked for; `count` is how many there are in all.
    `places[card]` is the range of places (1-based, first and last) the card takes across the
    equally good orders: (3, 3) when every one puts it third, (8, 9) when it is joint 8th.
    `exact` is False above EXACT_LIMIT cards: then `order` is the best a local search found,
    not proven optimal, and `orders`, `count` and `places` describe that one order.
    """

    order: list[str]
    distance: float
    exact: bool
    orders: tuple[tuple[str, ...], ...] = ()
    count: int = 1
    places: Mapping[str, tuple[int, int]] = field(default_factory=dict)


def card_sequence(
    rankings: Sequence[Ranking], card_order: Sequence[str] | None = None
) -> list[str]:
    """The cards the rankings place, in the deck's order (`card_order`); cards it does not
    name come after it, by code ("R2" before "R10"). Never the order the rankings came in."""
    placed = set(cards_of(rankings))
    given = list(dict.fromkeys(c for c in (card_order or ()) if c in placed))
    rest = sorted(placed.difference(given), key=_natural_key)
    return given + rest


def _preferences(
    cards: Sequence[str], rankings: Sequence[Ranking], ws: Sequence[float]
) -> list[list[float]]:
    """prefer[i][j]: the total weight of rankings that put card i strictly before card j."""
    index = {code: i for i, code in enumerate(cards)}
    n = len(cards)
    prefer = [[0.0] * n for _ in range(n)]
    for w, ranking in zip(ws, rankings, strict=True):
        if w == 0:
            continue
        completed = _completed(levels_of(ranking), cards)
        for hi, upper in enumerate(completed):
            for lower in completed[hi + 1 :]:
                for x in upper:
                    row = prefer[index[x]]
                    for y in lower:
                        row[index[y]] += w
    return prefer


def _natural_key(code: str) -> tuple[tuple[int, str], ...]:
    return tuple(
        (0, f"{int(part):012d}") if part.isdigit() else (1, part)
        for part in re.findall(r"\d+|\D+", code)
    )


def kemeny_with_distance(
    rankings: Sequence[Ranking],
    weights: Sequence[float] | None = None,
    *,
    card_order: Sequence[str] | None = None,
    limit: int = 24,
) -> KemenyResult:
    """The Kemeny–Young consensus: the strict orders with the least total weighted distance.

    Exact when the largest group of cards the rankings' majorities leave undecided has at
    most EXACT_LIMIT cards (dynamic programming over subsets, a group at a time): every
    equally good order is found, and they are listed in the deck's card order (`card_order`,
    see `card_sequence`), up to `limit` of them, so the first never depends on the order in
    which the rankings are given. Above the limit a local search starts from the Borda order
    (ties in the deck's order) and moves one card at a time while the distance falls, so its
    distance is never more than Borda's.
    """
    ws = _weights(rankings, weights)
    cards = card_sequence(rankings, card_order)
    if not cards:
        return KemenyResult([], 0.0, True, ((),), 1, {})
    prefer = _preferences(cards, rankings, ws)
    n = len(cards)
    groups = _majority_groups(prefer)
    if max(len(g) for g in groups) <= EXACT_LIMIT:
        found, count, spans = _exact_by_groups(prefer, groups, limit)
        order, exact = found[0], True
    else:
        scores = borda(rankings, ws)
        start = sorted(range(n), key=lambda i: -scores[cards[i]])  # stable: deck order on ties
        order = _kemeny_local_search(prefer, start)
        found, count, exact = [order], 1, False
        spans = {c: (place, place) for place, c in enumerate(order, 1)}
    distance = sum(
        prefer[order[j]][order[i]] for i, j in itertools.combinations(range(len(order)), 2)
    )
    return KemenyResult(
        order=[cards[i] for i in order],
        distance=distance,
        exact=exact,
        orders=tuple(tuple(cards[i] for i in o) for o in found),
        count=count,
        places={cards[c]: spans[c] for c in range(n)},
    )


def _majority_groups(prefer: list[list[float]]) -> list[list[int]]:
    """The cards cut into groups, in order, such that the rankings' weight puts every card of
    a group strictly before every card of each later group (the majority's ranking of groups).

    Every optimal order keeps this order of groups (the extended Condorcet criterion: moving
    a later group's card down past an earlier group's neighbour always lowers the distance),
    and within a group the best orders do not depend on the other groups. So the exact search
    runs on each group alone: what limits it is the largest group the rankings leave undecided,
    not the deck. Groups are the strongly connected parts of "is not beaten by", each a run of
    cards in deck order.
    """
    n = len(prefer)
    tolerance = _TOLERANCE * max(1.0, sum(map(sum, prefer)))
    not_beaten = [
        [j for j in range(n) if j != i and prefer[i][j] >= prefer[j][i] - tolerance]
        for i in range(n)
    ]
    # Tarjan's strongly connected components, iteratively.
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    groups: list[list[int]] = []
    counter = 0
    for root in range(n):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, edge = work.pop()
            if edge == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            for k in range(edge, len(not_beaten[node])):
                nxt = not_beaten[node][k]
                if nxt not in index:
                    work.append((node, k + 1))
                    work.append((nxt, 0))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                if low[node] == index[node]:
                    group = []
                    while True:
                        top = stack.pop()
                        on_stack.discard(top)
                        group.append(top)
                        if top == node:
                            break
                    groups.append(sorted(group))
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
    # Between two groups every pair goes one way, so any one card of a group beats the cards
    # of exactly the later groups: the more it beats, the earlier its group.
    later = [
        sum(1 for j in range(n) if j not in g and prefer[g[0]][j] > prefer[j][g[0]] + tolerance)
        for g in groups
    ]
    return [g for _, g in sorted(zip(later, groups, strict=True), key=lambda x: -x[0])]


def _exact_by_groups(
    prefer: list[list[float]], groups: list[list[int]], limit: int
) -> tuple[list[list[int]], int, dict[int, tuple[int, int]]]:
    """Every optimal order (the first `limit` in deck order), how many there are, and each
    card's first and last place, from the exact search on each majority group alone."""
    per_group: list[list[list[int]]] = []
    count = 1
    spans: dict[int, tuple[int, int]] = {}
    offset = 0
    for group in groups:
        sub = [[prefer[i][j] for j in group] for i in group]
        table = _KemenyTable(sub)
        per_group.append([[group[c] for c in o] for o in table.orders(limit)])
        count *= table.count()
        for c, (lo, hi) in table.place_spans().items():
            spans[group[c]] = (offset + lo, offset + hi)
        offset += len(group)
    found = [
        [card for part in parts for card in part]
        for parts in itertools.islice(itertools.product(*per_group), limit)
    ]
    return found, count, spans


def kemeny_orders(
    rankings: Sequence[Ranking],
    weights: Sequence[float] | None = None,
    *,
    card_order: Sequence[str] | None = None,
    limit: int | None = None,
) -> list[list[str]]:
    """Every strict order with the least total weighted distance, in the deck's card order.

    All of them by default (beware: two opposite rankings make every order equally good);
    `limit` keeps the first ones. Above EXACT_LIMIT cards, the one order a local search found.
    """
    big = limit if limit is not None else math.factorial(len(cards_of(rankings)))
    result = kemeny_with_distance(rankings, weights, card_order=card_order, limit=max(1, big))
    return [list(o) for o in result.orders]


def kemeny(
    rankings: Sequence[Ranking],
    weights: Sequence[float] | None = None,
    *,
    card_order: Sequence[str] | None = None,
) -> list[str]:
    """The first Kemeny–Young consensus order in the deck's card order, best first."""
    return kemeny_with_distance(rankings, weights, card_order=card_order, limit=1).order


class _KemenyTable:
    """The dynamic programme over subsets of cards.

    best[mask] is the least cost of ordering the cards of `mask` among themselves; card c can
    go first among `mask` when against[c][mask without c] (the weight of rankings that put one
    of the others before c) plus the best for the others reaches best[mask]. firsts[mask]
    holds those cards as bits, so every optimal order can be walked, counted and placed.
    """

    def __init__(self, prefer: list[list[float]]) -> None:
        n = len(prefer)
        self.n, self.full = n, (1 << n) - 1
        full = self.full
        # Equal costs found by different sums of float weights may differ in the last bits.
        tolerance = _TOLERANCE * max(1.0, sum(map(sum, prefer)))
        against = []
        for c in range(n):
            col = [0.0] * (full + 1)
            row = [prefer[x][c] for x in range(n)]
            for mask in range(1, full + 1):
                low = mask & -mask
                col[mask] = col[mask ^ low] + row[low.bit_length() - 1]
            against.append(col)
        best = [0.0] * (full + 1)
        firsts = [0] * (full + 1)
        cols = {1 << c: against[c] for c in range(n)}
        for mask in range(1, full + 1):
            value, chosen = math.inf, 0
            rest = mask
            while rest:  # each card of `mask` in turn, as its lowest bit
                bit = rest & -rest
                rest ^= bit
                others = mask ^ bit
                candidate = cols[bit][others] + best[others]
                if candidate < value - tolerance:
                    value, chosen = candidate, bit
                elif candidate <= value + tolerance:
                    chosen |= bit
            best[mask], firsts[mask] = value, chosen
        self.best, self.firsts = best, firsts
        # Walk down from the full deck through every optimal choice: the masks of cards still
        # to place that some optimal order reaches, and each card's first and last place.
        reached = bytearray(full + 1)
        reached[full] = 1
        lo, hi = [n + 1] * n, [0] * n
        for mask in range(full, 0, -1):
            if reached[mask]:
                place = n - mask.bit_count() + 1
                rest = firsts[mask]
                while rest:
                    low = rest & -rest
                    rest ^= low
                    reached[mask ^ low] = 1
                    c = low.bit_length() - 1
                    if place < lo[c]:
                        lo[c] = place
                    if place > hi[c]:
                        hi[c] = place
        self.reached = reached
        self.spans = {c: (lo[c], hi[c]) for c in range(n)}

    def _firsts(self, mask: int) -> list[int]:
        """The cards that can go first among `mask` in an optimal order, in deck order."""
        chosen = self.firsts[mask]
        return [c for c in range(self.n) if chosen >> c & 1]

    def orders(self, limit: int) -> list[list[int]]:
        """The first `limit` optimal orders in the deck's card order (depth first)."""
        found: list[list[int]] = []
        prefix: list[int] = []

        def walk(mask: int) -> None:
            if not mask:
                found.append(list(prefix))
                return
            for c in self._firsts(mask):
                if len(found) >= limit:
                    return
                prefix.append(c)
                walk(mask ^ 1 << c)
                prefix.pop()

        walk(self.full)
        return found

    def count(self) -> int:
        """How many optimal orders there are."""
        ways = [0] * (self.full + 1)
        ways[0] = 1
        firsts, reached = self.firsts, self.reached
        for mask in range(1, self.full + 1):
            if reached[mask]:
                total, rest = 0, firsts[mask]
                while rest:
                    low = rest & -rest
                    rest ^= low
                    total += ways[mask ^ low]
                ways[mask] = total
        return ways[self.full]

    def place_spans(self) -> dict[int, tuple[int, int]]:
        """card -> (first, last) place it takes across the optimal orders."""
        return self.spans


def _kemeny_local_search(prefer: list[list[float]], start: list[int]) -> list[int]:
    """Best-insertion moves from `start` until no move lowers the distance."""
    order = list(start)
    for _ in range(MAX_SEARCH_PASSES):
        improved = False
        for i in range(len(order)):
            card = order[i]
            best_delta, best_at = 0.0, i
            delta = 0.0
            for j in range(i - 1, -1, -1):  # move `card` up past order[j]
                other = order[j]
                delta += prefer[other][card] - prefer[card][other]
                if delta < best_delta - _TOLERANCE:
                    best_delta, best_at = delta, j
            delta = 0.0
            for j in range(i + 1, len(order)):  # move `card` down past order[j]
                other = order[j]
                delta += prefer[card][other] - prefer[other][card]
                if delta < best_delta - _TOLERANCE:
                    best_delta, best_at = delta, j
            if best_at != i:
                order.pop(i)
                order.insert(best_at, card)
                improved = True
        if not improved:
            break
    return order


# --- Kendall's W ---------------------------------------------------------------------------


def mid_ranks(ranking: Ranking, cards: Sequence[str]) -> dict[str, float]:
    """Rank 1 for the first card; tied cards share the mean of their places; left-out last."""
    ranks: dict[str, float] = {}
    place = 1
    for level in _completed(levels_of(ranking), cards):
        shared = place + (len(level) - 1) / 2
        for code in level:
            ranks[code] = shared
        place += len(level)
    return ranks


def kendall_w(rankings: Sequence[Ranking]) -> float:
    """Kendall's coefficient of concordance, from 0 (no agreement) to 1 (the same order).

    W = 12·S / (m²(n³−n) − m·ΣT), with S the squared deviations of the cards' rank sums from
    their mean and T = Σ(t³−t) over each ranking's groups of t tied cards (left-out cards form
    one such group). When there is nothing to compare (a single card, or every ranking ties
    every card) the rankings are identical and W is 1.
    """
    if not rankings:
        raise InputError("Kendall's W needs at least one ranking")
    cards = cards_of(rankings)
    m, n = len(rankings), len(cards)
    sums = dict.fromkeys(cards, 0.0)
    ties = 0
    for ranking in rankings:
        for code, rank in mid_ranks(ranking, cards).items():
            sums[code] += rank
        ties += sum(len(lv) ** 3 - len(lv) for lv in _completed(levels_of(ranking), cards))
    denominator = m * m * (n**3 - n) - m * ties
    if denominator <= 0:
        return 1.0
    mean = m * (n + 1) / 2
    s = sum((total - mean) ** 2 for total in sums.values())
    return min(1.0, max(0.0, 12 * s / denominator))


@dataclass(frozen=True)
class WTest:
    """Kendall's W with Friedman's test of it against chance.

    chi2 = m(n−1)W with df = n−1 (Friedman's chi-square with the tie correction), `p` its
    chi-square upper tail (chi2 0 and p 1 when every table ties every card: no order to
    test). `permutation_p`, for 5 tables or fewer (where the chi-square is
    rough), is the share of random reshufflings of each table's places, with a fixed seed so
    the same data always gives the same figure, whose W is at least this W; None otherwise.
    `tables` is m and `cards` n.
    """

    w: float
    chi2: float
    df: int
    p: float
    tables: int
    cards: int
    permutation_p: float | None = None

    @property
    def best_p(self) -> float:
        """The p the write-up uses: the permutation p where there is one, else Friedman's."""
        return self.p if self.permutation_p is None else self.permutation_p


PERMUTATION_TABLES = 5  # at most this many tables: a permutation p as well
PERMUTATIONS = 4000
_PERMUTATION_SEED = 20150820


def kendall_w_test(rankings: Sequence[Ranking], *, permutations: int | None = None) -> WTest:
    """Kendall's W of the rankings and Friedman's chi-square test of it (see `WTest`).

    `permutations`: how many reshufflings for the permutation p (default PERMUTATIONS with
    PERMUTATION_TABLES tables or fewer, else none; 0 for none).
    """
    w = kendall_w(rankings)
    cards = cards_of(rankings)
    m, n = len(rankings), len(cards)
    df = max(n - 1, 0)
    # Tables that each tie every card put no card before another: W is 1 by convention
    # (they are identical), but chance explains that fully.
    ordered = any(len(_completed(levels_of(r), cards)) > 1 for r in rankings)
    chi2 = m * df * w if ordered else 0.0
    p = chi2_upper_tail(chi2, df) if df else 1.0
    if permutations is None:
        permutations = PERMUTATIONS if m <= PERMUTATION_TABLES else 0
    perm_p = _permutation_p(rankings, cards, w, permutations) if permutations and df else None
    return WTest(w=w, chi2=chi2, df=df, p=p, tables=m, cards=n, permutation_p=perm_p)


def _permutation_p(
    rankings: Sequence[Ranking], cards: Sequence[str], w: float, permutations: int
) -> float:
    """(1 + reshufflings with W at least `w`) / (1 + reshufflings): each table's places are
    shuffled among the cards (its ties kept), which is what chance alone would give."""
    rows = [[mid_ranks(r, cards)[c] for c in cards] for r in rankings]
    m, n = len(rows), len(cards)
    ties = sum(len(lv) ** 3 - len(lv) for r in rankings for lv in _completed(levels_of(r), cards))
    denominator = m * m * (n**3 - n) - m * ties
    if denominator <= 0:
        return 1.0
    mean = m * (n + 1) / 2
    # W grows with S alone, so compare S; a small margin keeps equal values equal.
    s_observed = w * denominator / 12 - 1e-9 * denominator
    rng = random.Random(_PERMUTATION_SEED)
    at_least = 0
    for _ in range(permutations):
        sums = [0.0] * n
        for row in rows:
            shuffled = row[:]
            rng.shuffle(shuffled)
            for i, rank in enumerate(shuffled):
                sums[i] += rank
        if sum((s - mean) ** 2 for s in sums) >= s_observed:
            at_least += 1
    return (at_least + 1) / (permutations + 1)


def chi2_upper_tail(x: float, df: int) -> float:
    """P(X ≥ x) for X chi-square with `df` (a whole number ≥ 1) degrees of freedom.

    The closed forms for whole degrees of freedom: for even df, e^(−x/2) Σ (x/2)^k / k! over
    k < df/2; for odd df, erfc(√(x/2)) plus e^(−x/2) √(2x/π) Σ x^k / (1·3·…·(2k+1)) over
    k < (df−1)/2 (Abramowitz and Stegun 26.4.4 and 26.4.5).
    """
    if df < 1:
        raise InputError(f"a chi-square test needs at least 1 degree of freedom, not {df}")
    if x <= 0:
        return 1.0
    half = x / 2
    if df % 2 == 0:
        term, total = 1.0, 1.0
        for k in range(1, df // 2):
            term *= half / k
            total += term
        return min(1.0, math.exp(-half) * total)
    tail = math.erfc(math.sqrt(half))
    if df == 1:
        return tail
    term = math.sqrt(x)  # x^(1/2) / 1
    total = term
    for k in range(1, (df - 1) // 2):
        term *= x / (2 * k + 1)
        total += term
    return min(1.0, tail + math.exp(-half) * math.sqrt(2 / math.pi) * total)


def describe_w(w: float) -> str:
    """A plain phrase for W in a write-up, on Schmidt's (1997) scale for W. Use it only when
    the test says W is unlikely by chance (see `kendall_w_test`)."""
    for threshold, words in _W_SCALE:
        if w >= threshold:
            return words
    return "no real agreement"


# Schmidt, R. C. (1997), Managing Delphi surveys using nonparametric statistical techniques.
_W_SCALE = (
    (0.9, "very strong agreement"),
    (0.7, "strong agreement"),
    (0.5, "moderate agreement"),
    (0.3, "weak agreement"),
    (0.1, "very weak agreement"),
)


# --- matchings -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemAgreement:
    """How the tables matched one item card.

    `counts[t]` tables put the item under target `t` ("nobody" and "unsure" are targets here);
    `shares[t]` is that count over `placed`, the tables that placed the item at all; `tables`
    is how many tables recorded the activity. `agreement` is the mean, over pairs of tables
    that placed the item, of the overlap of their choices (Jaccard: shared targets over all
    targets either chose): 1 when every table chose the same, 0 when no two share a target;
    None when fewer than two tables placed it.
    """

    item: str
    tables: int
    placed: int
    counts: Mapping[str, int]
    shares: Mapping[str, float]
    agreement: float | None


def match_agreement(
    assignments: Sequence[Mapping[str, Sequence[str]]],
) -> dict[str, ItemAgreement]:
    """Per item card, what share of tables assigned it to each target; one mapping per table."""
    items: dict[str, list[frozenset[str]]] = {}
    for table in assignments:
        for item, targets in table.items():
            items.setdefault(item, []).append(frozenset(targets))
    result = {}
    for item, choices in items.items():
        counts: Counter[str] = Counter()
        for choice in choices:
            counts.update(choice)
        ordered = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        pairs = list(itertools.combinations(choices, 2))
        agreement = (
            sum(len(a & b) / len(a | b) if a | b else 1.0 for a, b in pairs) / len(pairs)
            if pairs
            else None
        )
        result[item] = ItemAgreement(
            item=item,
            tables=len(assignments),
            placed=len(choices),
            counts=ordered,
            shares={t: c / len(choices) for t, c in ordered.items()},
            agreement=agreement,
        )
    return result


def most_disputed(agreements: Mapping[str, ItemAgreement], limit: int = 3) -> list[ItemAgreement]:
    """The items the tables agreed on least (only those with some disagreement): `limit` of
    them, and every item tied with the last one, so no item is left out by its name alone."""
    disputed = [a for a in agreements.values() if a.agreement is not None and a.agreement < 1]
    disputed.sort(key=lambda a: (a.agreement, -a.placed, a.item))
    if len(disputed) <= limit:
        return disputed
    cut = disputed[limit - 1].agreement
    assert cut is not None
    return [a for a in disputed if a.agreement is not None and a.agreement <= cut + 1e-12]


# --- prompts -------------------------------------------------------------------------------


def verdict_counts(verdicts: Iterable[Verdict | str | None]) -> dict[Verdict, int]:
    """How many times each verdict was given, every verdict listed (in the Verdict order).

    None (a table still talking, no verdict yet) is not counted.
    """
    counts = Counter(Verdict(v) for v in verdicts if v is not None)
    return {v: counts.get(v, 0) for v in Verdict}


_SPACES = re.compile(r"\s+")
_TRAILING = ".;:,!"


def normalise_point(text: str) -> str:
    """The key two spellings of a point share when they differ only in case, spacing,
    Unicode form or a full stop at the end."""
    text = unicodedata.normalize("NFKC", text)
    return _SPACES.sub(" ", text).strip().rstrip(_TRAILING).strip().casefold()


@dataclass(frozen=True)
class MergedPoint:
    """A key point raised by `tables` tables, in the spelling used most (first one if tied)."""

    text: str
    tables: int


def merge_key_points(points_by_table: Sequence[Sequence[str]]) -> list[MergedPoint]:
    """Key points merged across tables, the most often raised first (then first raised).

    A table that lists the same point twice counts once.
    """
    spellings: dict[str, Counter[str]] = {}
    tables: Counter[str] = Counter()
    for points in points_by_table:
        keys_here: set[str] = set()
        for point in points:
            key = normalise_point(point)
            if not key:
                continue
            spellings.setdefault(key, Counter())[_SPACES.sub(" ", point).strip()] += 1
            keys_here.add(key)
        tables.update(keys_here)
    order = {key: i for i, key in enumerate(spellings)}
    merged = [
        MergedPoint(text=spellings[key].most_common(1)[0][0], tables=tables[key]) for key in order
    ]
    merged.sort(key=lambda p: (-p.tables, order[normalise_point(p.text)]))
    return merged
