"""How long the exact consensus takes by deck size: what sets analysis.EXACT_LIMIT.

`make bench` (pytest -s tests/bench). For 12 to 16 cards it times `kemeny_with_distance`
(every equally good order counted and placed) on two cases, with Borda on the same rankings as
the baseline measured in the same run:
- typical: four tables ranking the cards at random;
- slowest: two opposite rankings, where every order is equally good and every subset of cards
  lies on an optimal order.
Goal: the slowest case stays under 0.3 s at EXACT_LIMIT cards, on a loaded 2-core machine.
"""

from __future__ import annotations

import random
import statistics
import time

from facilitator import analysis

SIZES = (12, 14, 15, 16)
GOAL_SECONDS = 0.3


def timed(call, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def test_exact_consensus_time_by_deck_size(monkeypatch):
    analysis_limit = analysis.EXACT_LIMIT
    monkeypatch.setattr(analysis, "EXACT_LIMIT", max(SIZES))
    rng = random.Random(1)
    print()
    at_limit = None
    for n in SIZES:
        cards = [f"C{i}" for i in range(n)]
        typical = [rng.sample(cards, n) for _ in range(4)]
        slowest = [cards, cards[::-1]]
        base = timed(lambda r=typical: analysis.borda(r))
        t_typ = timed(lambda r=typical: analysis.kemeny_with_distance(r))
        t_slow = timed(lambda r=slowest: analysis.kemeny_with_distance(r))
        print(
            f"{n:2d} cards: typical {t_typ:.3f} s ({t_typ / base:,.0f}x Borda), "
            f"slowest {t_slow:.3f} s ({t_slow / base:,.0f}x Borda)"
        )
        if n == analysis_limit:
            at_limit = t_slow
    assert at_limit is not None and at_limit < GOAL_SECONDS
