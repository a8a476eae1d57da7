"""Every page lays out from its paper size: A6 to A3 and custom, nothing within 3 mm of an
edge, and no page's text runs over another part of it."""

from __future__ import annotations

import pypdfium2
import pytest

from facilitator.print import parse_options, plan_pack, render_pack
from facilitator.print.calibration import targets
from facilitator.print.capture_sheets import page_count
from facilitator.print.guide import frame_for, guide_page_count
from facilitator.print.sheet_plan import plan_grid
from tests.print.conftest import make_deck

EDGE_PT = 3 * 72 / 25.4


def glyphs_off_the_page(path) -> dict[int, str]:
    """Characters (by page number) whose box comes within 3 mm of the paper's edge."""
    pdf = pypdfium2.PdfDocument(str(path))
    bad: dict[int, str] = {}
    for i in range(len(pdf)):
        page = pdf[i]
        w, h = page.get_size()
        text = page.get_textpage()
        for c in range(text.count_chars()):
            left, bottom, right, top = text.get_charbox(c)
            if right - left <= 0:
                continue  # spaces
            if left < EDGE_PT or bottom < EDGE_PT or right > w - EDGE_PT or top > h - EDGE_PT:
                bad[i + 1] = bad.get(i + 1, "") + text.get_text_range(c, 1)
    pdf.close()
    return bad


@pytest.mark.parametrize("paper", ["a5", "a4", "letter", "a3", "105x148mm", "180x240mm"])
def test_every_glyph_of_every_page_is_inside_the_page(paper, sample_decks, tmp_path):
    out = tmp_path / "pack.pdf"
    values = {"paper": paper, "sets": "2", "duplex": "long", "guide": True, "calibration": True}
    options = parse_options(values | {"tent-cards": True, "capture-sheets": True})
    report = render_pack(sample_decks, options, out)
    assert report.pages == plan_pack(sample_decks, options).total_pages
    assert glyphs_off_the_page(out) == {}


def test_the_guide_runs_onto_more_pages_on_small_paper(sample_decks):
    values = {"sets": "3", "guide": True, "duplex": "long", "calibration": True}
    pages = {
        paper: guide_page_count(plan_pack(sample_decks, parse_options(values | {"paper": paper})))
        for paper in ("a3", "a4", "a5", "105x148mm")
    }
    assert pages["a3"] == pages["a4"] == 1
    assert 1 < pages["a5"] <= pages["105x148mm"]
    plan = plan_pack(sample_decks, parse_options(values | {"paper": "a5"}))
    guide = plan.sections[0]
    assert guide.name == "print guide" and guide.sheets == pages["a5"]
    assert guide.pages == 2 * pages["a5"]  # each with a blank back in a duplex pack


def test_the_ruler_is_as_long_as_it_says_and_fits_the_paper():
    assert frame_for((210, 297)).ruler_mm == 100
    assert frame_for((148, 210)).ruler_mm == 100
    a6 = frame_for((105, 148))
    assert a6.ruler_mm == 50 and a6.text_width >= 50 * 72 / 25.4


def test_capture_sheets_take_more_pages_on_smaller_paper():
    deck = make_deck([f"Card {i}" for i in range(30)])
    counts = [page_count(deck, size) for size in ((297, 420), (210, 297), (148, 210), (105, 148))]
    assert counts == sorted(counts) and counts[0] < counts[-1]
    assert counts[1] == 2  # 20 a page on A4, as before


@pytest.mark.parametrize("paper", ["a4", "letter", "a3", "a5"])
@pytest.mark.parametrize("duplex", ["long", "short"])
def test_calibration_targets_sit_at_the_centre_and_the_corners(paper, duplex):
    grid = plan_grid(parse_options({"paper": paper, "duplex": duplex}))
    marks = targets(grid)
    assert (marks[0].x, marks[0].y) == (grid.page_size[0] / 2, grid.page_size[1] / 2)
    assert len(marks) == 5
    corners = marks[1:]
    w, h = grid.page_size
    # One in each quarter of the page, and each back scale exactly behind its front cross.
    assert {(t.x < w / 2, t.y < h / 2) for t in corners} == {
        (True, True), (True, False), (False, True), (False, False)
    }  # fmt: skip
    for t in corners:
        behind = grid.back_rect(type(grid.printable)(t.x, t.y, 0, 0))
        assert (t.back_x, t.back_y) == pytest.approx((behind.x, behind.y))
        assert grid.printable.contains(type(grid.printable)(t.x - 12, t.y - 12, 24, 24))


def test_a6_calibration_has_room_for_the_centre_target_only():
    grid = plan_grid(parse_options({"paper": "105x148mm", "duplex": "long", "card": "mini"}))
    assert len(targets(grid)) == 1
