"""The print engine against a bare ReportLab script drawing the same cards, in one run.

`make bench` (or `pytest -s tests/bench/bench_print.py`). 1,000 cards: a 100-card deck in 10
sets, duplex, text fitting on. The baseline draws the same card design (outline, suit band,
title, body, code, set pill, backs) with ReportLab directly, at fixed text sizes, wrapped by
ReportLab's simpleSplit. Goals: at most 1.3x the baseline's time; memory per page no more
than the baseline's (the engine holds nothing per page beyond what ReportLab itself holds).
"""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.colors import HexColor, white
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from facilitator.decks.model import ActivityKind, Deck, build_deck
from facilitator.print import parse_options, plan_pack, render_pack
from facilitator.print.fonts import BOLD, REGULAR, register_fonts
from facilitator.set_marks import set_colour, set_label

CARDS = 100
SETS = 10
RUNS = 3
GOAL_RATIO = 1.3
GOAL_MEMORY_RATIO = 1.3


def bench_deck() -> Deck:
    rows: list[dict[str, str | int]] = [
        {
            "title": f"Card {i}: "
            + " ".join(["portfolio", "office", "role"][: 1 + i % 3] * (1 + i % 4)),
            "body": "Explains what the card means and how a table might use it. " * (1 + i % 4),
        }
        for i in range(CARDS)
    ]
    return build_deck("Benchmark deck", ActivityKind.RANK, rows)


def bare_reportlab(deck: Deck, sets: int, out: Path) -> None:
    """The same cards drawn with ReportLab alone: fixed sizes, no fitting, no plan."""
    register_fonts()
    options = parse_options({"sets": str(sets), "duplex": "long"})
    grid = plan_pack([deck], options).grid  # the same slots, so both draw the same pages
    page_w, page_h = grid.page_size
    c = Canvas(str(out), pagesize=(page_w * mm, page_h * mm), pageCompression=1)
    c.setViewerPreference("PrintScaling", "None")
    cw, ch = 63 * mm, 88 * mm
    suit = HexColor(deck.suits[0].colour)
    cards = [(card, s) for s in range(1, sets + 1) for card in deck.cards]
    for start in range(0, len(cards), grid.per_page):
        batch = list(zip(grid.slots, cards[start : start + grid.per_page], strict=False))
        for slot, (card, s) in batch:
            c.saveState()
            c.translate(slot.x * mm, slot.y * mm)
            path = c.beginPath()
            path.roundRect(0, 0, cw, ch, 3.18 * mm)
            c.saveState()
            c.clipPath(path, stroke=0, fill=0)
            c.setFillColor(suit)
            c.rect(0, ch - 9 * mm, cw, 9 * mm, stroke=0, fill=1)
            c.setFillColor(HexColor(set_colour(s)))
            c.rect(0, 0, cw, 1.6 * mm, stroke=0, fill=1)
            c.restoreState()
            c.setFillColor(white)
            c.setFont(BOLD, 7)
            c.drawString(4 * mm, ch - 6 * mm, card.suit.upper())
            c.setFont(BOLD, 10.5)
            c.drawRightString(cw - 4 * mm, ch - 6 * mm, card.code)
            c.setFillColor(HexColor("#1b1b1b"))
            c.setFont(BOLD, 13)
            y = ch - 15 * mm
            for line in simpleSplit(card.title, BOLD, 13, cw - 8 * mm):
                c.drawString(4 * mm, y, line)
                y -= 15
            c.setFillColor(suit)
            c.rect(4 * mm, y, 9 * mm, 0.7 * mm, stroke=0, fill=1)
            c.setFillColor(HexColor("#3f3f3f"))
            c.setFont(REGULAR, 8)
            y -= 10
            for line in simpleSplit(card.body, REGULAR, 8, cw - 8 * mm):
                c.drawString(4 * mm, y, line)
                y -= 10
            c.setFillColor(HexColor(set_colour(s)))
            c.roundRect(cw - 18 * mm, 3.8 * mm, 14 * mm, 4 * mm, 2 * mm, stroke=0, fill=1)
            c.setFillColor(white)
            c.setFont(BOLD, 6.5)
            c.drawCentredString(cw - 11 * mm, 5.1 * mm, set_label(s).upper())
            c.setFillColor(HexColor("#6b6b6b"))
            c.setFont(REGULAR, 6)
            c.drawString(4 * mm, 4.7 * mm, deck.title)
            c.setStrokeColor(HexColor("#bdbdbd"))
            c.setLineWidth(0.4)
            c.drawPath(path, stroke=1, fill=0)
            c.restoreState()
        c.showPage()
        for slot, (card, s) in batch:
            back = grid.back_rect(slot)
            c.saveState()
            c.translate(back.x * mm, back.y * mm)
            c.setFillColor(suit)
            c.roundRect(0, 0, cw, ch, 3.18 * mm, stroke=0, fill=1)
            c.setStrokeColor(white)
            c.setLineWidth(0.8)
            c.roundRect(3 * mm, 3 * mm, cw - 6 * mm, ch - 6 * mm, 1.7 * mm, stroke=1, fill=0)
            c.setFillColor(white)
            c.setFont(BOLD, 7)
            c.drawCentredString(cw / 2, ch - 10 * mm, card.suit.upper())
            c.setFont(BOLD, 12)
            for i, line in enumerate(simpleSplit(deck.title, BOLD, 12, cw - 14 * mm)):
                c.drawCentredString(cw / 2, ch / 2 - i * 14, line)
            c.roundRect(cw / 2 - 9 * mm, 6.5 * mm, 18 * mm, 5 * mm, 2.5 * mm, stroke=0, fill=1)
            c.setFillColor(HexColor(set_colour(s)))
            c.circle(cw / 2 - 6 * mm, 9 * mm, 1.3 * mm, stroke=0, fill=1)
            c.setFont(BOLD, 7.5)
            c.drawCentredString(cw / 2 + 1 * mm, 8.2 * mm, set_label(s).upper())
            c.restoreState()
        c.showPage()
    c.save()


def engine(deck: Deck, sets: int, out: Path) -> None:
    render_pack([deck], parse_options({"sets": str(sets), "duplex": "long"}), out)


def best_time(run: Callable[[], None]) -> float:
    times = []
    for _ in range(RUNS):
        gc.collect()
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def peak_memory(run: Callable[[], None]) -> float:
    gc.collect()
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def test_print_engine_speed_and_memory_against_bare_reportlab(tmp_path):
    deck = bench_deck()
    register_fonts()
    engine(deck, 1, tmp_path / "warm.pdf")  # load the fonts once, as an app would
    bare_reportlab(deck, 1, tmp_path / "warm-bare.pdf")

    ours = best_time(lambda: engine(deck, SETS, tmp_path / "ours.pdf"))
    bare = best_time(lambda: bare_reportlab(deck, SETS, tmp_path / "bare.pdf"))
    ratio = ours / bare
    pages = len(
        list(plan_pack([deck], parse_options({"sets": str(SETS), "duplex": "long"})).card_pages())
    )
    print(
        f"\nprint: {CARDS * SETS} cards, {pages} pages, duplex. engine {ours * 1000:.0f} ms, "
        f"bare ReportLab {bare * 1000:.0f} ms: {ratio:.2f}x (goal <= {GOAL_RATIO}x); "
        f"best of {RUNS}"
    )

    # Memory: the growth from 2 to 10 sets (200 to 1,000 cards), engine against baseline.
    small_ours = peak_memory(lambda: engine(deck, 2, tmp_path / "m1.pdf"))
    big_ours = peak_memory(lambda: engine(deck, SETS, tmp_path / "m2.pdf"))
    small_bare = peak_memory(lambda: bare_reportlab(deck, 2, tmp_path / "m3.pdf"))
    big_bare = peak_memory(lambda: bare_reportlab(deck, SETS, tmp_path / "m4.pdf"))
    grow_ours = (big_ours - small_ours) / (pages * 0.8)
    grow_bare = (big_bare - small_bare) / (pages * 0.8)
    print(
        f"memory peak: engine {small_ours:.1f} -> {big_ours:.1f} MB, bare {small_bare:.1f} -> "
        f"{big_bare:.1f} MB; growth per page: engine {grow_ours * 1000:.1f} kB, "
        f"bare {grow_bare * 1000:.1f} kB ({grow_ours / grow_bare:.2f}x)"
    )
    assert ratio <= GOAL_RATIO, f"engine is {ratio:.2f}x the bare script"
    assert grow_ours <= grow_bare * GOAL_MEMORY_RATIO
    assert statistics.fmean([ours, bare]) > 0
