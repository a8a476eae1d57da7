"""Sheet geometry a printer relies on, exact to the hundredth of a mm: the grid is centred, cut
marks continue every cut line, sheets are numbered to the last one, and counting survives
floating point (279.4 mm holds seven 38.2 mm cards with 2 mm gutters, not six).
"""

from __future__ import annotations

import pytest

from facilitator.errors import InputError
from facilitator.print import parse_options
from facilitator.print.options import Duplex
from facilitator.print.sheet_plan import (
    EPS,
    MARK_GAP_MM,
    MARK_LENGTH_MM,
    CardGroup,
    CardRef,
    Face,
    Mark,
    MarkKind,
    Rect,
    back_mirror_axis,
    fit_count,
    plan_grid,
    sheet_pages,
)

TOLERANCE = 0.001  # mm


def cards(n: int) -> list[CardRef]:
    return [CardRef(0, i, 1) for i in range(n)]


def one_set(n: int) -> list[CardGroup]:
    return [CardGroup(tuple(cards(n)), "Set 1")]


# --- counting -------------------------------------------------------------------------------


def test_fit_count_forgives_floating_point_at_an_exact_fit():
    # 7 x 38.2 + 6 x 2 = 279.4 exactly; in floating point the division gives 6.9999...
    assert fit_count(279.4, 38.2, 2.0) == 7
    assert fit_count(279.39, 38.2, 2.0) == 6
    assert fit_count(38.2, 38.2, 2.0) == 1  # one card, no gutter
    assert fit_count(38.2 - 1e-9, 38.2, 2.0) == 1  # within the tolerance
    assert fit_count(38.1, 38.2, 2.0) == 0
    assert fit_count(100, 10, 0) == 10


def test_the_plan_chooses_the_orientation_that_holds_more_cards():
    auto = plan_grid(parse_options({}))
    portrait = plan_grid(parse_options({"orientation": "portrait"}))
    landscape = plan_grid(parse_options({"orientation": "landscape"}))
    assert auto.per_page == max(portrait.per_page, landscape.per_page)
    assert portrait.page_size == (210.0, 297.0) and not portrait.landscape
    assert landscape.page_size == (297.0, 210.0) and landscape.landscape
    # On a tie, portrait: 60 mm squares fit 3 x 4 or 4 x 3 on A4.
    tie = plan_grid(parse_options({"card": "60x60mm"}))
    assert (tie.columns, tie.rows, tie.landscape) == (3, 4, False)


def test_a_card_that_fits_neither_way_is_refused_in_one_sentence():
    with pytest.raises(InputError) as caught:
        plan_grid(parse_options({"card": "250x300mm"}))
    assert str(caught.value) == (
        "card: 250×300 mm cards do not fit on A4 paper: inside the 5 mm margin, less room for "
        "bleed and cut marks, 190.6×277.6 mm are left; choose a smaller card or larger paper"
    )


# --- centred --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"card": "mini"},
        {"card": "a6", "paper": "letter"},
        {"laminate": "none", "card": "business"},
        {"laminate": "card", "card": "tarot", "margin": "12mm"},
        {"orientation": "portrait", "card": "bridge"},
    ],
)
def test_the_grid_is_centred_in_the_printable_area(values):
    grid = plan_grid(parse_options(values))
    left = min(s.x for s in grid.slots) - grid.printable.x
    right = grid.printable.right - max(s.right for s in grid.slots)
    bottom = min(s.y for s in grid.slots) - grid.printable.y
    top = grid.printable.top - max(s.top for s in grid.slots)
    assert left == pytest.approx(right, abs=TOLERANCE)
    assert bottom == pytest.approx(top, abs=TOLERANCE)
    assert min(left, bottom) >= -TOLERANCE
    # Slots run row by row from the top-left, a gutter apart.
    first, second = grid.slots[0], grid.slots[1]
    assert first.top == pytest.approx(max(s.top for s in grid.slots))
    assert first.x == pytest.approx(min(s.x for s in grid.slots))
    if grid.columns > 1:
        assert second.x - first.right == pytest.approx(grid.gutter)
        assert second.y == pytest.approx(first.y)
    below = grid.slots[grid.columns] if grid.rows > 1 else None
    if below is not None:
        assert first.y - below.top == pytest.approx(grid.gutter)
    assert len(grid.slots) == grid.columns * grid.rows == grid.per_page


def test_the_printable_area_is_the_page_less_the_margin_all_round():
    grid = plan_grid(parse_options({"margin": "7mm", "orientation": "portrait"}))
    assert grid.printable == Rect(7, 7, 196, 283)


# --- cut lines and marks --------------------------------------------------------------------


def test_card_mode_cuts_along_every_card_edge_once():
    options = parse_options({"laminate": "card"})
    grid = plan_grid(options)
    xs = sorted({round(v, 6) for s in grid.slots for v in (s.x, s.right)})
    ys = sorted({round(v, 6) for s in grid.slots for v in (s.y, s.top)})
    assert [round(v, 6) for v in grid.cuts_x] == xs
    assert [round(v, 6) for v in grid.cuts_y] == ys


def test_edge_ticks_continue_each_cut_line_beyond_the_grid_and_its_bleed():
    grid = plan_grid(parse_options({"laminate": "card", "margin": "20mm"}))
    clear = grid.bleed + MARK_GAP_MM
    grid_top = max(s.top for s in grid.slots)
    grid_bottom = min(s.y for s in grid.slots)
    grid_left = min(s.x for s in grid.slots)
    grid_right = max(s.right for s in grid.slots)
    for x in grid.cuts_x:
        up = Mark(x, grid_top + clear, x, grid_top + clear + MARK_LENGTH_MM)
        down = Mark(x, grid_bottom - clear, x, grid_bottom - clear - MARK_LENGTH_MM)
        assert up in grid.marks and down in grid.marks
    for y in grid.cuts_y:
        assert Mark(grid_left - clear, y, grid_left - clear - MARK_LENGTH_MM, y) in grid.marks
        assert Mark(grid_right + clear, y, grid_right + clear + MARK_LENGTH_MM, y) in grid.marks
    assert len(grid.marks) == 2 * (len(grid.cuts_x) + len(grid.cuts_y))
    for m in grid.marks:
        assert grid.printable.contains(
            Rect(min(m.x0, m.x1), min(m.y0, m.y1), abs(m.x1 - m.x0), abs(m.y1 - m.y0))
        )
        assert not any(m.touches(s.grow(clear - 1e-6)) for s in grid.slots)


def test_ticks_are_cut_short_at_the_margin_and_left_out_when_too_short_to_see():
    # A margin of 1 mm leaves no room beyond the mark gap: no ticks outside the grid.
    roomy = plan_grid(parse_options({"laminate": "card", "margin": "20mm"}))
    assert all(
        abs(m.x1 - m.x0) + abs(m.y1 - m.y0) == pytest.approx(MARK_LENGTH_MM) for m in roomy.marks
    )


# --- rectangles and marks -------------------------------------------------------------------


def test_rectangles_contain_overlap_and_grow_as_drawn():
    box = Rect(10, 20, 30, 40)
    assert (box.right, box.top) == (40, 60)
    assert box.contains(Rect(10, 20, 30, 40))
    assert box.contains(Rect(10 - 1e-9, 20, 30, 40))  # within the tolerance
    assert not box.contains(Rect(9.9, 20, 30, 40))
    assert not box.contains(Rect(10, 19.9, 30, 40))
    assert not box.contains(Rect(10, 20, 30.1, 40))
    assert not box.contains(Rect(10, 20, 30, 40.1))
    assert box.overlaps(Rect(39, 59, 5, 5))
    assert not box.overlaps(Rect(40, 20, 5, 5))  # touching edges do not count
    assert not box.overlaps(Rect(5, 20, 5, 5))
    assert not box.overlaps(Rect(10, 60, 5, 5))
    assert not box.overlaps(Rect(10, 15, 5, 5))
    assert box.grow(2) == Rect(8, 18, 34, 44)


def test_a_mark_touches_a_card_only_where_they_meet():
    card = Rect(10, 10, 20, 20)
    assert Mark(5, 15, 10, 15).touches(card)  # ends on the edge
    assert Mark(15, 35, 15, 30).touches(card)  # drawn downwards onto the top edge
    assert not Mark(5, 15, 9.9, 15).touches(card)
    assert not Mark(31, 15, 35, 15).touches(card)
    assert not Mark(15, 31, 15, 35).touches(card)
    assert not Mark(15, 5, 15, 9.9).touches(card)


# --- sheets and backs -----------------------------------------------------------------------


@pytest.mark.parametrize(("count", "sheets"), [(1, 1), (8, 1), (9, 2), (16, 2), (17, 3)])
def test_sheets_are_numbered_to_the_last_one_with_no_empty_sheet(count, sheets):
    options = parse_options({})
    grid = plan_grid(options)
    assert grid.per_page == 8
    pages = list(sheet_pages(grid, one_set(count), options))
    assert [p.sheet_number for p in pages] == list(range(1, sheets + 1))
    assert sum(len(p.placements) for p in pages) == count
    assert [len(p.placements) for p in pages[:-1]] == [8] * (sheets - 1)
    placed = [p.card for page in pages for p in page.placements]
    assert placed == cards(count)  # in order, each once


def test_with_backs_each_sheet_has_a_front_then_its_backs_under_one_number():
    options = parse_options({"duplex": "long"})
    grid = plan_grid(options)
    pages = list(sheet_pages(grid, one_set(grid.per_page + 1), options))
    assert [(p.face, p.sheet_number) for p in pages] == [
        (Face.FRONT, 1),
        (Face.BACK, 1),
        (Face.FRONT, 2),
        (Face.BACK, 2),
    ]
    assert [p.card for p in pages[3].placements] == [p.card for p in pages[2].placements]
    assert all(p.face == Face.BACK for p in pages[1].placements)
    assert pages[0].size == grid.page_size == pages[1].size


@pytest.mark.parametrize(
    ("duplex", "page", "axis"),
    [
        (Duplex.NONE, (210, 297), ""),
        (Duplex.LONG, (210, 297), "x"),
        (Duplex.SHORT, (210, 297), "y"),
        (Duplex.LONG, (297, 210), "y"),
        (Duplex.SHORT, (297, 210), "x"),
        (Duplex.LONG, (200, 200), "x"),  # a square page counts as portrait
    ],
)
def test_a_flip_mirrors_the_axis_of_the_edge_it_turns_over(duplex, page, axis):
    assert back_mirror_axis(duplex, page) == axis


def test_backs_mirror_their_fronts_and_turn_only_for_a_row_mirror():
    for duplex, rotation in (("long", 0), ("short", 180)):
        options = parse_options({"duplex": duplex, "orientation": "portrait"})
        grid = plan_grid(options)
        front, back = list(sheet_pages(grid, one_set(3), options))
        w, h = grid.page_size
        for f, b in zip(front.placements, back.placements, strict=True):
            assert b.rotation == rotation and f.rotation == 0
            if duplex == "long":
                assert (b.rect.x, b.rect.y) == pytest.approx((w - f.rect.right, f.rect.y))
            else:
                assert (b.rect.x, b.rect.y) == pytest.approx((f.rect.x, h - f.rect.top))
    plain = plan_grid(parse_options({}))
    slot = plain.slots[0]
    assert plain.back_rect(slot, (1, 2)) == Rect(slot.x + 1, slot.y + 2, slot.w, slot.h)


def test_a_back_offset_moves_backs_by_exactly_the_offset_on_a_column_mirror_too():
    # Portrait, long edge: the columns mirror ("x"); the offset is still added as given.
    for duplex in ("long", "short"):
        values = {"duplex": duplex, "orientation": "portrait"}
        plain = parse_options(values)
        shifted = parse_options({**values, "back-offset": "1.5,-0.75"})
        grid = plan_grid(plain)
        _, a = list(sheet_pages(grid, one_set(3), plain))
        _, b = list(sheet_pages(plan_grid(shifted), one_set(3), shifted))
        for pa, pb in zip(a.placements, b.placements, strict=True):
            assert pb.rect.x - pa.rect.x == pytest.approx(1.5, abs=TOLERANCE)
            assert pb.rect.y - pa.rect.y == pytest.approx(-0.75, abs=TOLERANCE)


def test_backs_carry_their_bleed_all_round_and_no_marks_or_cut_lines():
    options = parse_options({"duplex": "long", "cut-lines": "yes"})
    front, back = list(sheet_pages(plan_grid(options), one_set(3), options))
    assert {p.bleed for p in back.placements} == {(2.0, 2.0, 2.0, 2.0)}
    assert back.marks == () and back.cut_lines == ()
    assert front.marks and front.cut_lines


# --- gutter-fold ----------------------------------------------------------------------------


def test_a_fold_line_has_a_dashed_mark_beyond_both_ends():
    grid = plan_grid(parse_options({"fold": "yes", "margin": "20mm"}))
    folds = [m for m in grid.marks if m.kind == MarkKind.FOLD]
    fold_xs = sorted({round(s.x + grid.card_size[0], 6) for s in grid.slots})
    assert sorted(round(m.x0, 6) for m in folds) == sorted(fold_xs * 2)
    top, bottom = grid.grid_box.top, grid.grid_box.y
    for x in fold_xs:
        on_line = [m for m in folds if round(m.x0, 6) == x]
        assert any(min(m.y0, m.y1) > top for m in on_line)  # above the grid
        assert any(max(m.y0, m.y1) < bottom for m in on_line)  # and below it
    # Cut marks stay solid: none of them lies on a fold line.
    cuts = [m for m in grid.marks if m.kind == MarkKind.CUT]
    assert not any(m.x0 == m.x1 and round(m.x0, 6) in fold_xs for m in cuts)


def test_a_fold_sheet_says_fronts_and_backs_in_its_slug():
    options = parse_options({"fold": "yes"})
    (page,) = list(sheet_pages(plan_grid(options), one_set(2), options, ["Roles"]))
    assert page.slug == ("Roles", "Set 1", "sheet 1 of 1", "fronts and backs, fold")


def test_a_fold_pair_too_big_for_the_paper_is_refused_naming_the_pair():
    with pytest.raises(InputError) as caught:
        plan_grid(parse_options({"fold": "yes", "card": "a6", "paper": "a5"}))
    assert str(caught.value) == (
        "card: A6 cards (105×148 mm), each beside its back (210×148 mm), do not fit on A5 "
        "paper: inside the 5 mm margin, less room for bleed and cut marks, 128.6×190.6 mm are "
        "left; choose a smaller card or larger paper"
    )


# --- cut lines and the slug -----------------------------------------------------------------


def test_cut_lines_run_the_full_length_of_every_cut_only_when_asked_for():
    assert plan_grid(parse_options({})).cut_lines == ()
    options = parse_options({"cut-lines": "yes"})
    grid = plan_grid(options)
    p = grid.printable
    assert grid.cut_lines == (
        *(Mark(x, p.y, x, p.top) for x in grid.cuts_x),
        *(Mark(p.x, y, p.right, y) for y in grid.cuts_y),
    )
    (page,) = list(sheet_pages(grid, one_set(2), options))
    assert page.cut_lines == grid.cut_lines


def test_the_slug_sits_under_the_bottom_left_piece_a_millimetre_inside_its_cuts():
    grid = plan_grid(parse_options({"laminate": "card"}))
    first = grid.slots[-grid.columns]  # the bottom-left piece
    assert first.x == min(s.x for s in grid.slots) and first.y == min(s.y for s in grid.slots)
    box = grid.slug_box
    assert box is not None
    assert (box.x, box.right) == pytest.approx((first.x + 1, first.right - 1))
    assert box.y == grid.printable.y
    assert box.top == pytest.approx(first.y - grid.bleed - MARK_GAP_MM)


def test_each_group_numbers_its_sheets_from_one():
    options = parse_options({})
    groups = [CardGroup(tuple(cards(9)), "Set 1"), CardGroup(tuple(cards(3)), "Set 2")]
    pages = list(sheet_pages(plan_grid(options), groups, options, ["Roles"]))
    assert [(p.sheet_number, p.group_sheet, p.group_sheets) for p in pages] == [
        (1, 1, 2),
        (2, 2, 2),
        (3, 1, 1),
    ]
    assert [p.slug[1:3] for p in pages] == [
        ("Set 1", "sheet 1 of 2"),
        ("Set 1", "sheet 2 of 2"),
        ("Set 2", "sheet 1 of 1"),
    ]


# --- tolerances -----------------------------------------------------------------------------


def test_a_card_up_to_the_tolerance_larger_than_the_space_still_fits():
    assert fit_count(38.2, 38.2 + EPS, 2.0) == 1
    assert fit_count(38.2, 38.2 + 2 * EPS, 2.0) == 0


def test_containment_and_overlap_forgive_exactly_the_tolerance():
    box = Rect(10, 20, 30, 40)
    # Up to EPS past an edge is still inside ...
    assert box.contains(Rect(10 - EPS, 20, 30, 40))
    assert box.contains(Rect(10, 20 - EPS, 30, 40))
    assert box.contains(Rect(10, 20, 30 + EPS, 40))
    assert box.contains(Rect(10, 20, 30, 40 + EPS))
    # ... and sharing no more than EPS is no overlap, from either side.
    assert not box.overlaps(Rect(40 - EPS, 20, 5, 5))
    assert not box.overlaps(Rect(0, 20, 10 + EPS, 5))
    assert not box.overlaps(Rect(10, 60 - EPS, 5, 5))
    assert not box.overlaps(Rect(10, 0, 5, 20 + EPS))


def test_a_mark_that_starts_on_a_card_edge_touches_it():
    card = Rect(10, 10, 20, 20)
    assert Mark(30, 15, 35, 15).touches(card)  # starts on the right edge
    assert Mark(15, 5, 15, 10).touches(card)  # ends on the bottom edge
