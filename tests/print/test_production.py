"""Print production as numbers and as printed: bleed, gutter-fold, pouches, packs per set,
reprints, contrast, preflight warnings and the PDF's own settings for printers."""

from __future__ import annotations

import itertools
import math

import pytest
from pypdf import PdfReader

from facilitator.errors import InputError
from facilitator.print import (
    Face,
    parse_options,
    plan_pack,
    plan_rows,
    preflight,
    render_pack,
)
from facilitator.print.contrast import MIN_CONTRAST, contrast_ratio, text_on
from facilitator.print.placement_sheet import cut_lines
from facilitator.print.sheet_plan import plan_grid
from tests.print.conftest import make_deck

PAPERS = ["a4", "letter", "a5", "a3"]
CARDS = ["poker", "bridge", "mini", "tarot", "a7", "a6", "business", "id-1"]


def fronts(plan):
    return [page for page in plan.card_pages() if page.face == Face.FRONT]


# --- bleed --------------------------------------------------------------------------------


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("card", CARDS)
@pytest.mark.parametrize("fold", [False, True])
def test_bleed_runs_past_every_cut_and_never_onto_another_card(paper, card, fold, sample_decks):
    options = parse_options({"paper": paper, "card": card, "fold": fold, "duplex": "none"})
    try:
        plan = plan_pack(sample_decks, options)
    except InputError as err:  # an A6 pair is wider than A5: refused, and said so
        assert "do not fit" in str(err)
        return
    page = fronts(plan)[0]
    for p in page.placements:
        b = p.bleed_rect
        left, bottom, right, top = p.bleed
        assert (p.rect.x - b.x, p.rect.y - b.y) == pytest.approx((left, bottom))
        assert (b.right - p.rect.right, b.top - p.rect.top) == pytest.approx((right, top))
        # 2 mm past every cut edge; with gutter-fold, none across the fold.
        folded_edge = {Face.FRONT: 2, Face.BACK: 0}[p.face] if fold else None
        for side, amount in enumerate(p.bleed):
            expected = 0.0 if fold and side == folded_edge else 2.0
            assert amount == pytest.approx(expected), (side, p.face)
        assert plan.grid.printable.contains(b)
        for other in page.placements:
            if other is not p:
                assert not b.overlaps(other.rect), (p.rect, other.rect)


def test_zero_bleed_prints_no_colour_past_the_cut(sample_decks):
    plan = plan_pack(sample_decks, parse_options({"bleed": "0", "laminate": "none"}))
    for p in fronts(plan)[0].placements:
        assert p.bleed_rect == p.rect


# --- gutter-fold --------------------------------------------------------------------------


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("laminate", ["pouch", "sheet", "card"])
def test_fold_puts_each_back_mirrored_beside_its_front_on_one_side(paper, laminate, sample_decks):
    options = parse_options({"paper": paper, "laminate": laminate, "fold": True, "sets": "2"})
    plan = plan_pack(sample_decks, options)
    pages = list(plan.card_pages())
    assert all(page.face == Face.FRONT for page in pages)  # no back pages: nothing to flip
    for page in pages:
        by_card = {}
        for p in page.placements:
            by_card.setdefault(p.card, {})[p.face] = p
        for faces in by_card.values():
            front, back = faces[Face.FRONT].rect, faces[Face.BACK].rect
            fold_x = front.right
            # The back is the front mirrored across the fold line: same row, same size.
            assert back.x - fold_x == pytest.approx(fold_x - front.right)
            assert (back.y, back.w, back.h) == (front.y, front.w, front.h)
            assert faces[Face.BACK].rotation == 0
            # The pair is cut out as one piece: its edges are cut lines, the fold is not.
            assert any(m == pytest.approx(front.x) for m in plan.grid.cuts_x)
            assert any(m == pytest.approx(back.right) for m in plan.grid.cuts_x)
            assert not any(abs(m - fold_x) < 1e-6 for m in plan.grid.cuts_x)
        folds = [m for m in page.marks if m.kind == "fold"]
        assert {round(m.x0, 6) for m in folds} == {
            round(p.rect.right, 6) for p in page.placements if p.face == Face.FRONT
        }
    assert any(r.heading == "Fold" for r in plan_rows(plan))


def test_fold_with_duplex_is_refused():
    with pytest.raises(InputError, match="leave out --duplex"):
        parse_options({"fold": True, "duplex": "short"})


# --- pouches ------------------------------------------------------------------------------


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("card", CARDS)
@pytest.mark.parametrize("seal", ["2mm", "3mm", "3.2mm"])
@pytest.mark.parametrize("fold", [False, True])
def test_cut_cards_lie_in_the_pouch_a_seal_from_its_edge_and_twice_the_seal_apart(
    paper, card, seal, fold
):
    # Folded, a card is its own size again (paper doubled): it lies in the pouch the same.
    options = parse_options({"paper": paper, "card": card, "seal": seal, "fold": fold})
    try:
        plan = plan_pack([make_deck(["A"] * 3)], options)
    except InputError as err:
        assert "too small" in str(err) or "do not fit" in str(err)
        return
    layout = plan.pouch_layout
    assert layout is not None and layout.per_pouch >= 1
    s = options.seal
    inner = layout.pouch.grow(-s)
    for slot in layout.slots:
        assert inner.contains(slot), (slot, inner)
        assert {round(slot.w, 6), round(slot.h, 6)} == {round(v, 6) for v in options.card_size}
    for a, b in itertools.combinations(layout.slots, 2):
        gap_x = max(b.x - a.right, a.x - b.right)
        gap_y = max(b.y - a.top, a.y - b.top)
        assert max(gap_x, gap_y) >= 2 * s - 1e-6, (a, b)
    # Cutting down the middle of each gap leaves every card the seal on that side.
    xs, ys = cut_lines(layout)
    for x in xs:
        assert all(
            abs(x - slot.right) >= s - 1e-6 and abs(x - slot.x) >= s - 1e-6 for slot in layout.slots
        )
    for y in ys:
        assert all(
            abs(y - slot.top) >= s - 1e-6 and abs(y - slot.y) >= s - 1e-6 for slot in layout.slots
        )
    assert plan.pouches is not None
    assert plan.pouches.count == math.ceil(plan.card_count / layout.per_pouch)
    w, h = options.card_size
    assert options.finished_size() == pytest.approx((w + 2 * s, h + 2 * s))


def test_poker_cards_in_an_a4_pouch_are_8_and_the_plan_says_so_and_how_big_they_end():
    plan = plan_pack([make_deck(["A"] * 20)], parse_options({}))
    assert plan.pouch_layout is not None and plan.pouch_layout.per_pouch == 8
    words = "\n".join(line for row in plan_rows(plan) for line in row.lines)
    assert "3 pouches, A4 (216×303 mm): cut the cards out first, lay 8 in each pouch" in words
    assert "69×94 mm, sealed all round" in words


def test_sheet_mode_says_its_edges_are_paper_and_never_calls_them_sealed():
    plan = plan_pack([make_deck(["A"])], parse_options({"laminate": "sheet"}))
    words = " ".join(line for row in plan_rows(plan) for line in row.lines)
    assert "cut edges are bare paper (not sealed)" in words
    assert "sealed border" not in words and "sealed all round" not in words
    assert "63×88 mm, faces laminated" in words


def test_a_sheet_pouch_that_leaves_less_than_the_seal_is_a_warning():
    ok = plan_pack([make_deck(["A"])], parse_options({"laminate": "sheet", "seal": "3mm"}))
    assert not any("pouch" in w for w in ok.warnings)
    tight = plan_pack([make_deck(["A"])], parse_options({"laminate": "sheet", "seal": "3.2mm"}))
    assert any("less than the 3.2 mm seal round a A4 sheet" in w for w in tight.warnings)


def test_a_card_pouch_is_chosen_with_the_seal():
    three = plan_pack([make_deck(["A"])], parse_options({"laminate": "card"}))
    assert three.pouches is not None and three.pouches.name == "75×105 mm"
    # A 6 mm seal needs 75×100: still the 75×105 pouch; 7 mm needs 77×102: the A7 pouch.
    wide = plan_pack([make_deck(["A"])], parse_options({"laminate": "card", "seal": "7mm"}))
    assert wide.pouches is not None and wide.pouches.name == "A7 (80×111 mm)"


# --- packs per table ----------------------------------------------------------------------


def test_each_set_starts_on_its_own_sheet_and_every_sheet_says_which(sample_decks):
    plan = plan_pack(sample_decks, parse_options({"sets": "3", "duplex": "long"}))
    sheets: dict[int, set[int]] = {}
    for page in plan.card_pages():
        sets = {p.card.set_number for p in page.placements}
        assert len(sets) == 1, "a sheet mixes sets"
        (n,) = sets
        sheets.setdefault(n, set()).add(page.sheet_number)
        assert page.slug[1] == f"Set {n}"
        assert page.slug[2] == f"sheet {page.group_sheet} of {page.group_sheets}"
        assert page.slug[-1] == ("front" if page.face == Face.FRONT else "back")
        titles = {plan.deck_titles[p.card.deck_index] for p in page.placements}
        assert set(page.slug[0].split(" + ")) == titles
        assert plan.grid.printable.contains(page.slug_box)
        assert not page.slug_box.overlaps(plan.grid.grid_box.grow(plan.grid.bleed))
    assert sorted(sheets) == [1, 2, 3]
    per_set = math.ceil(plan.cards_per_set / plan.grid.per_page)
    assert all(len(s) == per_set for s in sheets.values())


def test_pack_by_deck_keeps_decks_apart_and_none_runs_on(sample_decks):
    by_deck = plan_pack(sample_decks, parse_options({"sets": "2", "pack-by": "deck"}))
    for page in by_deck.card_pages():
        assert len({(p.card.set_number, p.card.deck_index) for p in page.placements}) == 1
    run_on = plan_pack(sample_decks, parse_options({"sets": "2", "pack-by": "none"}))
    assert run_on.card_sheets == math.ceil(run_on.card_count / run_on.grid.per_page)
    assert run_on.card_sheets < by_deck.card_sheets


def test_only_and_only_set_print_just_those_cards_marked_as_their_set(sample_decks, tmp_path):
    roles = next(d for d in sample_decks if d.title.startswith("PMO roles"))
    codes = [roles.cards[0].code, roles.cards[3].code]
    options = parse_options(
        {"sets": "4", "only": ",".join(codes), "only-set": "2,4", "packing-list": "no"}
    )
    plan = plan_pack(sample_decks, options)
    printed = [
        (plan.deck_titles[p.card.deck_index], p.card.card_index, p.card.set_number)
        for page in plan.card_pages()
        for p in page.placements
    ]
    expected = [
        (roles.title, i, n) for n in (2, 4) for i in (0, 3) for _ in range(roles.cards[i].copies)
    ]
    # Codes follow their suits across decks; other decks may share a code (both print).
    other = [
        (d.title, i, n)
        for n in (2, 4)
        for d in sample_decks
        if d is not roles
        for i, c in enumerate(d.cards)
        if c.code in codes
        for _ in range(c.copies)
    ]
    assert sorted(printed) == sorted(expected + other)
    out = tmp_path / "reprint.pdf"
    render_pack(sample_decks, options, out)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert roles.cards[0].title in text and roles.cards[1].title not in text
    assert "SET 2" in text and "SET 4" in text and "SET 1" not in text and "SET 3" not in text


def test_a_code_not_in_the_deck_is_refused_naming_it(sample_decks):
    with pytest.raises(InputError, match='only: there is no card X99 in "'):
        plan_pack(sample_decks, parse_options({"only": "R1,X99"}))


def test_a_packing_list_page_per_set_lists_codes_and_counts(sample_decks, tmp_path):
    out = tmp_path / "pack.pdf"
    options = parse_options({"sets": "2", "laminate": "sheet"})
    plan = plan_pack(sample_decks, options)
    render_pack(sample_decks, options, out)
    lists = next(s for s in plan.sections if s.name == "packing lists")
    assert lists.pages == 2
    reader = PdfReader(out)
    for n in (1, 2):
        text = reader.pages[lists.first_page - 1 + n - 1].extract_text()
        assert f"Set {n}" in text
        for deck in sample_decks:
            assert deck.title in text
            for card in deck.cards:
                assert card.code in text
        assert f"{plan.cards_per_set} cards in this set's bag" in text


# --- contrast -----------------------------------------------------------------------------


def test_wcag_contrast_matches_published_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#1f77b4", "#1f77b4") == pytest.approx(1.0)


def test_every_sample_suit_colour_gets_text_that_reaches_the_contrast(sample_decks):
    for deck in sample_decks:
        for suit in deck.suits:
            choice = text_on(suit.colour)
            assert choice.ratio >= MIN_CONTRAST, (deck.title, suit.name, choice)
            assert choice.ratio == pytest.approx(
                max(contrast_ratio("#ffffff", suit.colour), contrast_ratio("#1b1b1b", suit.colour))
            )


@pytest.mark.parametrize("colour", ["#ffff00", "#ffffff", "#f0e442", "#ffd8b1", "#9ff5d0"])
def test_light_suit_colours_get_dark_text(colour):
    choice = text_on(colour)
    assert choice.ink == "#1b1b1b" and choice.ratio >= MIN_CONTRAST


def test_a_suit_colour_no_text_can_read_on_is_a_warning_in_the_plan():
    from facilitator.decks.model import Suit

    deck = make_deck(["A"])
    grey = type(deck)(
        deck.title,
        deck.kind,
        deck.instructions,
        tuple(Suit(s.name, "#7a7a7a", s.prefix) for s in deck.suits),
        deck.cards,
    )
    plan = plan_pack([grey], parse_options({}))
    warnings = preflight([grey], plan)
    assert any("#7a7a7a" in w and "4.5:1" in w for w in warnings), warnings
    assert preflight([deck], plan_pack([deck], parse_options({}))) == []


# --- preflight ----------------------------------------------------------------------------


def test_the_plan_warns_about_long_text_before_anything_is_printed():
    deck = make_deck(["Short", "Long"], bodies=["fine", "On and on. " * 200])
    plan = plan_pack([deck], parse_options({}))
    rows = plan_rows(plan, preflight([deck], plan))
    warnings = [r.text for r in rows if r.heading == "Warning"]
    assert any("too long to fit" in w and deck.cards[1].code in w for w in warnings)


def test_backs_pushed_off_the_page_or_into_the_margin_are_warned_about():
    deck = [make_deck(["A"])]
    fine = plan_pack(deck, parse_options({"duplex": "long", "back-offset": "1,1"}))
    assert not any("back-offset" in w for w in fine.warnings)
    off = plan_pack(deck, parse_options({"duplex": "long", "back-offset": "0,15"}))
    assert any("pushes backs off the page" in w for w in off.warnings)
    margin = plan_pack(deck, parse_options({"duplex": "long", "back-offset": "10.5,0"}))
    assert any("into the 5 mm margin" in w for w in margin.warnings), margin.warnings


def test_a_hint_names_the_smaller_margin_that_fits_more_cards():
    letter = plan_pack([make_deck(["A"])], parse_options({"paper": "letter"}))
    assert any(
        w.startswith("hint: 8 cards a sheet fit with --margin 3mm, not 6,") for w in letter.warnings
    ), letter.warnings
    assert plan_grid(parse_options({"paper": "letter", "margin": "3mm"})).per_page == 8
    a4 = plan_pack([make_deck(["A"])], parse_options({}))
    assert not any(w.startswith("hint:") for w in a4.warnings)


# --- the PDF for printers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("duplex", "preference"),
    [("none", "/Simplex"), ("long", "/DuplexFlipLongEdge"), ("short", "/DuplexFlipShortEdge")],
)
def test_the_pdf_asks_for_the_sides_it_was_made_for(duplex, preference, tmp_path):
    out = tmp_path / "p.pdf"
    render_pack([make_deck(["A"])], parse_options({"duplex": duplex}), out)
    assert out.read_bytes().startswith(b"%PDF-1.7")
    prefs = PdfReader(out).trailer["/Root"]["/ViewerPreferences"]
    assert prefs["/Duplex"] == preference and prefs["/PrintScaling"] == "/None"


def test_card_pages_carry_trim_and_bleed_boxes(tmp_path):
    out = tmp_path / "p.pdf"
    options = parse_options({"laminate": "sheet", "packing-list": "no"})
    plan = plan_pack([make_deck(["A", "B"])], options)
    render_pack([make_deck(["A", "B"])], options, out)
    page = PdfReader(out).pages[0]
    placed = fronts(plan)[0].placements
    pt = 72 / 25.4
    trim = [float(v) / pt for v in page.trimbox]
    bleed = [float(v) / pt for v in page.bleedbox]
    assert trim == pytest.approx(
        [
            min(p.rect.x for p in placed),
            min(p.rect.y for p in placed),
            max(p.rect.right for p in placed),
            max(p.rect.top for p in placed),
        ],
        abs=0.01,
    )
    assert [bleed[0], bleed[1]] == pytest.approx([trim[0] - 2, trim[1] - 2], abs=0.01)
    assert [bleed[2], bleed[3]] == pytest.approx([trim[2] + 2, trim[3] + 2], abs=0.01)


def test_print_shop_output_is_one_card_a_page_at_trim_plus_bleed(tmp_path):
    out = tmp_path / "shop.pdf"
    deck = make_deck(["Alpha", "Beta", "Gamma"])
    report = render_pack([deck], parse_options({"print-shop": "yes", "sets": "2"}), out)
    reader = PdfReader(out)
    assert len(reader.pages) == report.pages == 2 * 3 * 2  # front and back, 3 cards, 2 sets
    pt = 72 / 25.4
    for page in reader.pages:
        w, h = (float(v) / pt for v in page.mediabox.upper_right)
        assert (w, h) == pytest.approx((67, 92), abs=0.01)
        assert [float(v) / pt for v in page.trimbox] == pytest.approx([2, 2, 65, 90], abs=0.01)
    texts = [page.extract_text() for page in reader.pages]
    assert "Alpha" in texts[0] and "Alpha" not in texts[1] and "Beta" in texts[2]


def test_bad_input_writes_nothing(tmp_path):
    out = tmp_path / "p.pdf"
    with pytest.raises(InputError):
        render_pack([make_deck(["A"])], parse_options({"sets": "2", "only": "Q9"}), out)
    assert not out.exists()
