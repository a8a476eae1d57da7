"""The sheet plan as numbers: cards inside the printable area, gutters, marks, duplex backs."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.decks.model import ActivityKind
from facilitator.errors import InputError
from facilitator.print import (
    Face,
    Lamination,
    PrintOptions,
    Rect,
    Stock,
    describe_plan,
    parse_options,
    plan_pack,
    plan_rows,
    plan_text,
)
from facilitator.print.sheet_plan import (
    CardGroup,
    CardRef,
    Grid,
    edge_room,
    fit_count,
    plan_grid,
    sheet_pages,
    unit_size,
)

TOLERANCE = 0.01  # mm


def cards(n: int) -> list[CardGroup]:
    """`n` cards of set 1, as the one group `sheet_pages` lays out."""
    return [CardGroup(tuple(CardRef(0, i, 1) for i in range(n)), "Set 1")]


def brute_force_best(options: PrintOptions) -> int:
    """The most cards a grid can hold, by trying every column and row count, keeping room on
    every side for the bleed and a cut mark."""
    cw, ch = unit_size(options)
    g = options.gutter_mm
    best = 0
    w, h = options.paper_size
    keep = 2 * (options.margin + edge_room(options))
    for page_w, page_h in ((w, h), (h, w)):
        room_w, room_h = page_w - keep, page_h - keep
        for cols, rows in itertools.product(range(1, 40), range(1, 40)):
            if (
                cols * cw + (cols - 1) * g <= room_w + 1e-9
                and rows * ch + (rows - 1) * g <= room_h + 1e-9
            ):
                best = max(best, cols * rows)
    return best


def test_poker_cards_on_a4_and_letter():
    # A4 landscape: 4 x 63 + 3 x 4 (gutter: twice the 2 mm bleed) = 264 mm, and 2 x 88 + 4 =
    # 180 mm, inside 287 x 200 mm less 4.5 mm a side for bleed and cut marks.
    grid = plan_grid(PrintOptions())
    assert (grid.per_page, grid.columns, grid.rows, grid.landscape) == (8, 4, 2, True)
    assert grid.gutter == 4
    # Letter is 279.4 mm long: 264 + 2 x 4.5 = 273 mm needs a margin of 3.2 mm at most.
    letter = parse_options({"paper": "letter"})
    assert plan_grid(letter).per_page == 6
    assert plan_grid(parse_options({"paper": "letter", "margin": "3mm"})).per_page == 8
    assert plan_grid(parse_options({"paper": "letter", "bleed": "0"})).per_page == 8


@pytest.mark.parametrize(
    "card", ["poker", "bridge", "mini", "tarot", "a7", "a6", "business", "id-1"]
)
@pytest.mark.parametrize("paper", ["a4", "letter", "a3", "a5"])
@pytest.mark.parametrize("laminate", ["pouch", "sheet", "card", "none"])
@pytest.mark.parametrize("fold", [False, True])
def test_cards_per_page_is_the_most_that_fits_with_marks_at_both_ends_of_every_cut(
    card, paper, laminate, fold
):
    options = parse_options({"card": card, "paper": paper, "laminate": laminate, "fold": fold})
    best = brute_force_best(options)
    if best == 0:
        with pytest.raises(InputError, match="do not fit"):
            plan_grid(options)
        return
    grid = plan_grid(options)
    assert grid.per_page == best
    assert_grid_is_sound(grid, options)
    assert_every_cut_is_marked_at_both_ends(grid, options)


@settings(max_examples=60, deadline=None)
@given(
    cw=st.floats(20, 150),
    ch=st.floats(20, 150),
    gutter=st.floats(6, 20),
    margin=st.floats(0, 15),
    paper=st.sampled_from(["a4", "letter", "a3", "a5"]),
)
def test_any_card_size_gets_the_most_cards_and_stays_printable(cw, ch, gutter, margin, paper):
    options = parse_options(
        {
            "card": f"{cw:.2f}x{ch:.2f}mm",
            "gutter": f"{gutter:.2f}mm",
            "margin": f"{margin:.2f}mm",
            "paper": paper,
        }
    )
    best = brute_force_best(options)
    if best == 0:
        with pytest.raises(InputError, match="do not fit"):
            plan_grid(options)
        return
    grid = plan_grid(options)
    assert grid.per_page == best
    assert_grid_is_sound(grid, options)
    assert_every_cut_is_marked_at_both_ends(grid, options)


def assert_grid_is_sound(grid: Grid, options: PrintOptions) -> None:
    page = Rect(0, 0, *grid.page_size)
    for slot in grid.slots:
        assert grid.printable.contains(slot.grow(options.bleed))
        assert page.contains(slot)
        assert (slot.w, slot.h) == unit_size(options)
    for a, b in itertools.combinations(grid.slots, 2):
        assert not a.overlaps(b)
        # Neighbours are exactly one gutter apart.
        if abs(a.y - b.y) < 1e-9 and abs(abs(a.x - b.x) - (a.w + grid.gutter)) < 1e-6:
            assert b.x - a.right == pytest.approx(grid.gutter) or a.x - b.right == pytest.approx(
                grid.gutter
            )
    for mark in grid.marks:
        for slot in grid.slots:
            # Clear of every card and its bleed.
            assert not mark.touches(slot.grow(options.bleed + 0.25)), (mark, slot)
        assert grid.printable.contains(
            Rect(
                min(mark.x0, mark.x1),
                min(mark.y0, mark.y1),
                abs(mark.x1 - mark.x0),
                abs(mark.y1 - mark.y0),
            )
        )


def assert_every_cut_is_marked_at_both_ends(grid: Grid, options: PrintOptions) -> None:
    """Each cut line runs along piece edges; it has a mark beyond each end, on its line,
    at least 2 mm long."""
    box = grid.grid_box
    edges_x = {round(v, 6) for s in grid.slots for v in (s.x, s.right)}
    edges_y = {round(v, 6) for s in grid.slots for v in (s.y, s.top)}
    assert {round(v, 6) for v in grid.cuts_x} == edges_x
    assert {round(v, 6) for v in grid.cuts_y} == edges_y
    for x in grid.cuts_x:
        on_line = [m for m in grid.marks if m.x0 == m.x1 == pytest.approx(x)]
        assert any(min(m.y0, m.y1) >= box.top and abs(m.y1 - m.y0) >= 2 for m in on_line), x
        assert any(max(m.y0, m.y1) <= box.y and abs(m.y1 - m.y0) >= 2 for m in on_line), x
    for y in grid.cuts_y:
        on_line = [m for m in grid.marks if m.y0 == m.y1 == pytest.approx(y)]
        assert any(min(m.x0, m.x1) >= box.right and abs(m.x1 - m.x0) >= 2 for m in on_line), y
        assert any(max(m.x0, m.x1) <= box.x and abs(m.x1 - m.x0) >= 2 for m in on_line), y


@pytest.mark.parametrize("laminate", ["pouch", "sheet", "card", "none"])
@pytest.mark.parametrize("card", ["poker", "mini", "a6"])
def test_marks_stay_off_cards_and_inside_the_printable_area(laminate, card):
    options = parse_options({"laminate": laminate, "card": card})
    grid = plan_grid(options)
    assert grid.marks, "cut marks are on by default"
    assert_grid_is_sound(grid, options)


def test_no_marks_means_no_marks():
    assert plan_grid(parse_options({"marks": False})).marks == ()


def test_every_mode_cuts_along_the_card_edges_with_bleed_in_the_gutters():
    for mode in ("pouch", "sheet", "card", "none"):
        grid = plan_grid(parse_options({"laminate": mode}))
        assert grid.gutter == 4 and grid.bleed == 2
        lefts = sorted({s.x for s in grid.slots})
        assert set(grid.cuts_x) >= set(lefts)


def test_bleed_is_settable_zero_allowed_and_never_wider_than_half_the_gutter():
    assert parse_options({"bleed": "0", "laminate": "none"}).gutter_mm == 0
    assert parse_options({"bleed": "3mm"}).gutter_mm == 6
    assert parse_options({"bleed": "2mm", "gutter": "4mm"}).bleed == 2
    with pytest.raises(InputError, match=r"bleed: 2\.5 mm is wider than the 4 mm gutter allows"):
        parse_options({"bleed": "2.5mm", "gutter": "4mm"})
    with pytest.raises(InputError, match="bleed: 2 mm is wider than the 0 mm gutter"):
        parse_options({"gutter": "0"})
    # No gutter and no bleed: cards share their cut lines.
    grid = plan_grid(parse_options({"laminate": "none", "bleed": "0"}))
    xs = sorted({s.x for s in grid.slots})
    assert xs[1] - xs[0] == pytest.approx(grid.card_size[0])


def physical(point: tuple[float, float], page: tuple[float, float], rotate: int) -> tuple:
    """Where a page point lands on the sheet as it goes through the printer (portrait feed).

    A landscape page is turned 90 degrees onto the portrait sheet; either way round is
    tried, since drivers differ.
    """
    x, y = point
    w, h = page
    if w <= h:
        return (x, y)
    return (h - y, x) if rotate == 90 else (y, w - x)


def flipped(point: tuple[float, float], sheet: tuple[float, float], edge: str) -> tuple:
    """The front position behind a point of the back, after the sheet turns over `edge`."""
    u, v = point
    sw, sh = sheet
    return (sw - u, v) if edge == "long" else (u, sh - v)


def corners(r: Rect) -> list[tuple[float, float]]:
    return [(r.x, r.y), (r.right, r.y), (r.x, r.top), (r.right, r.top)]


def bbox(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


@pytest.mark.parametrize("duplex", ["long", "short"])
@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
@pytest.mark.parametrize("rotate", [90, 270])
@pytest.mark.parametrize("card", ["poker", "business", "tarot"])
def test_backs_land_behind_their_fronts_after_the_flip(duplex, orientation, rotate, card):
    options = parse_options({"duplex": duplex, "orientation": orientation, "card": card})
    grid = plan_grid(options)
    sheet = tuple(sorted(grid.page_size))
    pages = list(sheet_pages(grid, cards(grid.per_page - 1), options))
    assert [p.face for p in pages] == [Face.FRONT, Face.BACK]
    front, back = pages
    backs = {p.card: p for p in back.placements}
    for f in front.placements:
        b = backs[f.card]
        front_box = bbox([physical(p, grid.page_size, rotate) for p in corners(f.rect)])
        back_box = bbox(
            [flipped(physical(p, grid.page_size, rotate), sheet, duplex) for p in corners(b.rect)]
        )
        assert front_box == pytest.approx(back_box, abs=TOLERANCE)
        # The back reads upright when the cut card is turned over sideways: its "up",
        # carried through the flip, points the same way as the front's.
        up = 1 if b.rotation == 0 else -1
        origin = flipped(physical((0, 0), grid.page_size, rotate), sheet, duplex)
        tip = flipped(physical((0, up), grid.page_size, rotate), sheet, duplex)
        front_up = (
            physical((0, 1), grid.page_size, rotate)[0]
            - physical((0, 0), grid.page_size, rotate)[0],
            physical((0, 1), grid.page_size, rotate)[1]
            - physical((0, 0), grid.page_size, rotate)[1],
        )
        assert (tip[0] - origin[0], tip[1] - origin[1]) == pytest.approx(front_up)


def test_back_offset_moves_every_back_by_exactly_the_offset():
    plain = parse_options({"duplex": "long"})
    shifted = parse_options({"duplex": "long", "back-offset": "1.5,-0.75"})
    grid = plan_grid(plain)
    a = next(p for p in sheet_pages(grid, cards(5), plain) if p.face == Face.BACK)
    b = next(p for p in sheet_pages(plan_grid(shifted), cards(5), shifted) if p.face == Face.BACK)
    for pa, pb in zip(a.placements, b.placements, strict=True):
        assert pb.rect.x - pa.rect.x == pytest.approx(1.5, abs=TOLERANCE)
        assert pb.rect.y - pa.rect.y == pytest.approx(-0.75, abs=TOLERANCE)


def test_backs_carry_no_cut_marks_and_fronts_do():
    options = parse_options({"duplex": "short"})
    pages = list(sheet_pages(plan_grid(options), cards(3), options))
    assert pages[0].marks and not pages[1].marks


def test_fit_count_counts_gutters_between_items_only():
    assert fit_count(205, 63, 8) == 3
    assert fit_count(204.9, 63, 8) == 2
    assert fit_count(62, 63, 0) == 0


def test_pack_plan_counts_sheets_cards_and_pouches(sample_decks):
    plan = plan_pack(
        sample_decks, parse_options({"sets": "3", "duplex": "long", "laminate": "sheet"})
    )
    per_set = sum(d.card_count for d in sample_decks)
    assert plan.card_count == 3 * per_set
    # Each set starts on a sheet of its own.
    assert plan.card_sheets == 3 * -(-per_set // plan.grid.per_page)
    assert plan.pouches is not None and plan.pouches.count == plan.card_sheets
    pages = list(plan.card_pages())
    assert len(pages) == 2 * plan.card_sheets
    placed = [p.card for page in pages if page.face == Face.FRONT for p in page.placements]
    assert len(placed) == plan.card_count == len(set(placed))
    assert {c.set_number for c in placed} == {1, 2, 3}


def test_copies_come_from_the_deck():
    from tests.print.conftest import make_deck

    deck = make_deck(["One", "Two"])
    deck = type(deck)(
        deck.title,
        deck.kind,
        deck.instructions,
        deck.suits,
        (deck.cards[0], type(deck.cards[1])(**{**deck.cards[1].__dict__, "copies": 3})),
    )
    plan = plan_pack([deck], parse_options({"sets": "2"}))
    assert plan.card_count == 2 * 4
    assert sum(1 for c in plan.cards() if c.card_index == 1) == 6


def test_card_mode_uses_the_smallest_pouch_that_fits_and_refuses_a_smaller_one():
    plan = plan_pack_for({"laminate": "card"})
    assert plan.pouches is not None and plan.pouches.name == "75×105 mm"
    assert plan.pouches.count == plan.card_count
    with pytest.raises(InputError) as err:
        plan_pack_for({"laminate": "card", "pouch": "business"})
    message = str(err.value)
    assert "69×94 mm" in message and "smallest pouch that fits is 75×105 mm" in message
    with pytest.raises(InputError, match="smallest pouch that fits is A6"):
        plan_pack_for({"laminate": "card", "card": "tarot", "pouch": "a7"})
    assert plan_pack_for({"laminate": "card", "card": "a6", "pouch": "a5"}).pouches is not None


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"laminate": "card", "card": "a6", "pouch": "75x105"},
            "pouch: A6 cards (105×148 mm) need a pouch of at least 111×154 mm (a 3 mm seal on "
            "every side); the 75×105 mm pouch is too small; the smallest pouch that fits is "
            "A6 (111×154 mm)",
        ),
        (
            {"laminate": "card", "pouch": "a7", "card": "tarot"},
            "pouch: tarot cards (70×120 mm) need a pouch of at least 76×126 mm (a 3 mm seal on "
            "every side); the A7 pouch (80×111 mm) is too small; the smallest pouch that fits "
            "is A6 (111×154 mm)",
        ),
        (
            {"laminate": "card", "pouch": "60x80mm", "card": "id-1"},
            "pouch: ID-1 cards (85.6×54 mm) need a pouch of at least 91.6×60 mm (a 3 mm seal on "
            "every side); the 60×80 mm pouch is too small; the smallest pouch that fits is "
            "ID badge (67×99 mm)",
        ),
        (
            {"card": "250x300mm"},
            "card: 250×300 mm cards do not fit on A4 paper: inside the 5 mm margin, less room "
            "for bleed and cut marks, 190.6×277.6 mm are left; choose a smaller card or "
            "larger paper",
        ),
    ],
)
def test_refusals_are_plain_sentences(values, message):
    with pytest.raises(InputError) as err:
        plan_pack_for(values)
    assert str(err.value) == message


def test_the_plan_counts_in_singular_and_plural():
    one = describe_plan(
        plan_pack_for(
            {"card": "a6", "paper": "a5", "orientation": "portrait", "laminate": "sheet"}
            | {"packing-list": "no"}
        )
    )
    assert "Pack: 1 deck, 1 set: 3 A6 cards (105×148 mm), 3 per set." in one
    assert "Card sheets: 3 sheets of A5 portrait, 1×1 = 1 card a sheet, one-sided." in one
    assert "Lamination: 3 pouches, A5 (154×216 mm)" in one
    assert "Total: 3 pages on 3 sheets of card. Print at 100 % (actual size)." in one
    from tests.print.conftest import make_deck

    single = describe_plan(plan_pack([make_deck(["A"])], parse_options({})))
    assert "Pack: 1 deck, 1 set: 1 poker card (63×88 mm), 1 per set." in single
    assert "Card sheets: 1 sheet of A4 landscape, 4×2 = 8 cards a sheet" in single
    assert "Lamination: 1 pouch, A4 (216×303 mm): cut the cards out first, lay 8 in" in single
    assert "Packing lists: 1 page, one page per set" in single
    assert "Total: 3 pages on 3 sheets: 1 of card (cards), 2 of paper." in single
    pack = describe_plan(
        plan_pack(
            [make_deck(["A"]), make_deck(["Q1", "Q2"], kind=ActivityKind.PROMPTS)],
            parse_options(
                {"guide": "yes", "tent-cards": "yes", "capture-sheets": "yes"}
                | {"laminate": "sheet", "packing-list": "no"}
            ),
        )
    )
    assert "Total: 6 pages on 6 sheets: 3 of card (cards and tent cards), 3 of paper." in pack


def test_the_plan_is_rows_of_a_heading_and_lines_and_its_text_is_made_of_them():
    from tests.print.conftest import make_deck

    plan = plan_pack(
        [make_deck(["A"]), make_deck(["Q1", "Q2"], kind=ActivityKind.PROMPTS)],
        parse_options({"guide": "yes", "tent-cards": "yes", "capture-sheets": "yes"}),
    )
    rows = plan_rows(plan)
    assert [r.heading for r in rows] == [
        "Pack", "Card sheets", "Lamination", "Finished cards", "Tent cards", "Capture sheets",
        "Packing lists", "Packs", "Pages", "Total", "Sets",
    ]  # fmt: skip
    pages = rows[8]
    assert pages.text == "" and pages.lines == (
        "page 1: print guide",
        "page 2: pouch placement sheet",
        "page 3: cards",
        "page 4: packing lists",
        "pages 5–6: tent cards",
        "pages 7–8: capture sheets",
    )
    assert rows[0].lines[1:] == ("- Test deck", "- Test deck")
    # The text `--plan` prints is the same rows: "Heading: text", items indented below.
    assert describe_plan(plan) == plan_text(rows)
    assert "Pages:\n  page 1: print guide\n  page 2: pouch placement sheet\n" in describe_plan(plan)


def test_what_is_handled_or_stands_up_is_card_and_what_is_read_or_written_on_is_paper():
    from tests.print.conftest import make_deck

    values = {"guide": "yes", "tent-cards": "yes", "capture-sheets": "yes"}
    plan = plan_pack(
        [make_deck(["A"]), make_deck(["Q1", "Q2"], kind=ActivityKind.PROMPTS)],
        parse_options(values | {"duplex": "long", "calibration": "yes"}),
    )
    assert [(s.name, s.stock) for s in plan.sections] == [
        ("print guide", Stock.PAPER),
        ("calibration sheet", Stock.PAPER),
        ("pouch placement sheet", Stock.PAPER),
        ("cards", Stock.CARD),
        ("packing lists", Stock.PAPER),
        ("tent cards", Stock.CARD),
        ("capture sheets", Stock.PAPER),
    ]


def plan_pack_for(values: dict[str, str]):
    from tests.print.conftest import make_deck

    return plan_pack([make_deck(["A", "B", "C"])], parse_options(values))


def test_a_card_bigger_than_the_paper_is_refused_with_the_room_there_is():
    with pytest.raises(InputError, match=r"do not fit on A4 .*190\.6×277\.6 mm are left"):
        plan_pack_for({"card": "250x300mm"})


def test_laminate_modes_are_the_four_documented_pouch_first():
    assert [m.value for m in Lamination] == ["pouch", "sheet", "card", "none"]
    assert PrintOptions().laminate == Lamination.POUCH


@pytest.mark.parametrize("duplex", ["long", "short"])
@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_calibration_zero_ticks_fall_behind_the_cross_and_read_in_mm(duplex, orientation):
    from facilitator.print.calibration import cross_centre, scale_ticks

    options = parse_options({"duplex": duplex, "orientation": orientation})
    grid = plan_grid(options)
    cx, cy = cross_centre(grid.page_size)
    ticks = scale_ticks(grid.page_size)
    zero = next(t for t in ticks if t[0] == 0)
    # Where the cross lands on the back page, by the same mirroring the card backs use.
    behind = grid.back_rect(Rect(cx, cy, 0, 0))
    assert (zero[1], zero[2]) == pytest.approx((behind.x, behind.y), abs=TOLERANCE)
    for value, x, y in ticks:
        assert (x - zero[1], y - zero[2]) == pytest.approx((value, value))
    # A printer that shifts the back by e puts the tick reading -e under the cross, and
    # printing with that offset moves the backs back into place.
    drift = (1.5, -2.0)
    under_cross = [v for v, x, _ in ticks if abs(x + drift[0] - behind.x) < 1e-6]
    assert under_cross == [-1.5]
