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
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from facilitator.errors import InputError
from facilitator.outcomes import Verdict

Ranking = Sequence[str | Sequence[str]]
Levels = tuple[tuple[str, ...], ...]

# Up to this many cards the consensus is found by dynamic programming over subsets of cards
# (2^n * n steps: about 0.1 s at 14 cards); above it by a local search started from Borda.
EXACT_LIMIT = 14
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
        level = (entry,) if isinstance(entry, str) else tuple(entry)
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
    """The consensus order, its total weighted distance to the rankings, and whether the order
    is proven optimal (`exact`) or the best a local search found."""

    order: list[str]
    distance: float
    exact: bool


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


def kemeny_with_distance(
    rankings: Sequence[Ranking], weights: Sequence[float] | None = None
) -> KemenyResult:
    """The Kemeny–Young consensus: the strict order with the least total weighted distance.

    Exact for up to EXACT_LIMIT cards (dynamic programming over subsets); above that a local
    search that starts from the Borda order and moves one card at a time while the distance
    falls, so its distance is never more than Borda's. Among equally good orders the one
    closest to the Borda order wins, so the result is deterministic.
    """
    ws = _weights(rankings, weights)
    cards = borda_order(rankings, ws)
    if not cards:
        return KemenyResult([], 0.0, True)
    prefer = _preferences(cards, rankings, ws)
    if len(cards) <= EXACT_LIMIT:
        order = _kemeny_exact(prefer)
        exact = True
    else:
        order = _kemeny_local_search(prefer)
        exact = False
    distance = sum(
        prefer[order[j]][order[i]] for i, j in itertools.combinations(range(len(order)), 2)
    )
    return KemenyResult([cards[i] for i in order], distance, exact)


def kemeny(rankings: Sequence[Ranking], weights: Sequence[float] | None = None) -> list[str]:
    """The Kemeny–Young consensus order, best first (see `kemeny_with_distance`)."""
    return kemeny_with_distance(rankings, weights).order


def _kemeny_exact(prefer: list[list[float]]) -> list[int]:
    n = len(prefer)
    full = (1 << n) - 1
    # against[c][mask]: weight of rankings that put some card of `mask` before c; the cost of
    # placing c first among the cards of `mask`.
    against = []
    for c in range(n):
        col = [0.0] * (full + 1)
        for mask in range(1, full + 1):
            low = mask & -mask
            col[mask] = col[mask ^ low] + prefer[low.bit_length() - 1][c]
        against.append(col)
    best = [0.0] * (full + 1)
    for mask in range(1, full + 1):
        value = math.inf
        rest = mask
        while rest:
            low = rest & -rest
            rest ^= low
            c = low.bit_length() - 1
            others = mask ^ low
            candidate = against[c][others] + best[others]
            if candidate < value:
                value = candidate
        best[mask] = value
    # Rebuild the order, taking at each place the earliest card (in Borda order) that keeps
    # the optimum: the optimal order closest to Borda's.
    order: list[int] = []
    mask = full
    while mask:
        for c in range(n):
            bit = 1 << c
            if mask & bit:
                others = mask ^ bit
                if against[c][others] + best[others] <= best[mask] + _TOLERANCE * max(
                    1.0, best[mask]
                ):
                    order.append(c)
                    mask = others
                    break
    return order


def _kemeny_local_search(prefer: list[list[float]]) -> list[int]:
    """Best-insertion moves from the Borda order until no move lowers the distance."""
    order = list(range(len(prefer)))
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


def describe_w(w: float) -> str:
    """A plain phrase for W in a write-up, on Schmidt's (1997) scale for W."""
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
    """Up to `limit` items the tables agreed on least (only those with some disagreement)."""
    disputed = [a for a in agreements.values() if a.agreement is not None and a.agreement < 1]
    disputed.sort(key=lambda a: (a.agreement, -a.placed, a.item))
    return disputed[:limit]


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
