"""Deck import and card-art print speed, as ratios against a baseline measured in the same run.

- A 2,000-card workbook (.xlsx) against the same cards as CSV: the workbook reader must not
  make importing a facilitator's Excel file noticeably slower than the CSV it replaces.
- A 10-set pack of the 10-card roles deck with a photo on every card, an icon and a back logo,
  against the same pack without pictures: each picture is drawn once, so pictures must cost
  little more than the text.
"""

from __future__ import annotations

import io
import statistics
import time

import openpyxl
from PIL import Image, ImageDraw

from facilitator.decks import editing
from facilitator.decks import file as deck_file
from facilitator.decks.exporting import export_csv
from facilitator.decks.importing import import_file
from facilitator.decks.model import ActivityKind, build_deck
from facilitator.decks.pictures import bundled_icon, prepare_picture
from facilitator.print import PrintOptions, render_pack
from facilitator.print.options import Duplex
from tests.conftest import SAMPLE_DECKS

RUNS = 5
CARDS = 2000
WORKBOOK_GOAL = 3.0  # × the CSV import
PICTURES_GOAL = 2.0  # × the pack without pictures


def median_time(action) -> float:  # type: ignore[no-untyped-def]
    action()  # warm: modules loaded, caches filled, as in a running app
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def test_workbook_import_against_csv(tmp_path):
    rows = [
        {"title": f"Role {i} — Łódź", "body": f"Does thing {i}, then another.", "copies": 1 + i % 3}
        for i in range(CARDS)
    ]
    deck = build_deck("Big", ActivityKind.RANK, rows)
    csv_path = tmp_path / "big.csv"
    export_csv(deck, csv_path)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["title", "body", "copies"])
    for row in rows:
        sheet.append([row["title"], row["body"], row["copies"]])
    xlsx_path = tmp_path / "big.xlsx"
    book.save(xlsx_path)
    csv_time = median_time(lambda: import_file(csv_path))
    xlsx_time = median_time(lambda: import_file(xlsx_path))
    ratio = xlsx_time / csv_time
    print(
        f"\n{CARDS} cards: CSV {csv_time * 1000:.0f} ms, xlsx {xlsx_time * 1000:.0f} ms, "
        f"ratio {ratio:.2f} (goal ≤ {WORKBOOK_GOAL})"
    )
    assert len(import_file(xlsx_path).deck.cards) == CARDS
    assert ratio <= WORKBOOK_GOAL


def test_pack_with_pictures_against_the_same_pack_without(tmp_path):
    plain = deck_file.load(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")
    image = Image.new("RGB", (1600, 1000), (230, 240, 250))
    ImageDraw.Draw(image).ellipse((300, 200, 1300, 900), fill=(40, 90, 160))
    out = io.BytesIO()
    image.save(out, "JPEG")
    photo = prepare_picture(out.getvalue(), "meeting.jpg")
    dressed = editing.set_suit_icon(plain, "Role", bundled_icon("person"))
    dressed = editing.set_back_picture(dressed, bundled_icon("star"))
    for card in plain.cards:
        dressed = editing.set_card_picture(dressed, card.id, photo)
    options = PrintOptions(sets=10, duplex=Duplex.LONG)
    base = median_time(lambda: render_pack([plain], options, tmp_path / "plain.pdf"))
    ours = median_time(lambda: render_pack([dressed], options, tmp_path / "art.pdf"))
    ratio = ours / base
    sizes = ((tmp_path / "plain.pdf").stat().st_size, (tmp_path / "art.pdf").stat().st_size)
    print(
        f"\n10 sets × 10 cards: plain {base * 1000:.0f} ms ({sizes[0] // 1024} KB), with "
        f"pictures {ours * 1000:.0f} ms ({sizes[1] // 1024} KB), ratio {ratio:.2f} "
        f"(goal ≤ {PICTURES_GOAL})"
    )
    assert ratio <= PICTURES_GOAL
    # The photo is held once: the file grows by about one photo, not a hundred.
    assert sizes[1] - sizes[0] < 3 * len(photo.data) + 200_000
