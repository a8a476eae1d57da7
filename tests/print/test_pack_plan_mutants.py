"""The print plan a facilitator reads before printing, word for word, and the pouch it picks."""

from __future__ import annotations

import dataclasses

import pytest

from facilitator.decks.model import ActivityKind
from facilitator.errors import InputError
from facilitator.print import describe_plan, parse_options, plan_pack, plan_rows
from facilitator.print.pack_plan import choose_pouch
from tests.print.conftest import make_deck


def decks():
    return [
        make_deck(["A", "B", "C"], title="Roles"),
        make_deck(["Q1", "Q2"], kind=ActivityKind.PROMPTS, title="Prompts"),
    ]


def test_a_double_sided_pack_of_everything_is_described_page_by_page():
    values = {
        "laminate": "card",
        "duplex": "short",
        "sets": "2",
        "tent-cards": "yes",
        "capture-sheets": "yes",
        "guide": "yes",
        "calibration": "yes",
    }
    assert describe_plan(plan_pack(decks(), parse_options(values))) == "\n".join(
        [
            "Pack: 2 decks, 2 sets: 10 poker cards (63×88 mm), 5 per set.",
            "  - Roles",
            "  - Prompts",
            "Card sheets: 2 sheets of A4 landscape, 4×2 = 8 cards a sheet, double-sided, "
            "flip on the short edge.",
            "Lamination: 10 pouches, 75×105 mm: cut out each card, laminate it in its own "
            "pouch, trim leaving a 3 mm seal: sealed all round.",
            "Finished cards: 69×94 mm, sealed all round (a 3 mm border of film round the card).",
            "Tent cards: 4 (A4, fold in half).",
            "Capture sheets: 4.",
            "Packing lists: 2 pages, one page per set: codes and counts.",
            "Packs: Sets 1–2; each set starts on a sheet of its own; every sheet names its deck, "
            "set and number in the margin.",
            "Pages:",
            "  pages 1–2: print guide (with a blank back)",
            "  pages 3–4: calibration sheet",
            "  pages 5–8: card sheets, each front followed by its backs",
            "  pages 9–12: packing lists (each with a blank back)",
            "  pages 13–20: tent cards (each with a blank back)",
            "  pages 21–28: capture sheets (each with a blank back)",
            "Total: 28 pages on 14 sheets: 6 of card (cards and tent cards), 8 of paper. "
            "Print at 100 % (actual size).",
            "Sets: Set 1 circle blue, Set 2 triangle orange.",
        ]
    )


def test_an_unlaminated_pack_on_letter_is_cut_along_the_marks():
    text = describe_plan(plan_pack(decks(), parse_options({"laminate": "none", "paper": "letter"})))
    assert text.startswith(
        "\n".join(
            [
                "Pack: 2 decks, 1 set: 5 poker cards (63×88 mm), 5 per set.",
                "  - Roles",
                "  - Prompts",
                "Card sheets: 1 sheet of Letter landscape, 3×2 = 6 cards a sheet, one-sided.",
                "Lamination: none; cut along the marks.",
                "Finished cards: 63×88 mm, not laminated.",
            ]
        )
    )
    assert "Total: 2 pages on 2 sheets: 1 of card (cards), 1 of paper." in text


def test_paper_of_any_size_gets_a_sheet_pouch_6_mm_larger_and_warnings_are_listed():
    plan = plan_pack(
        [make_deck(["A"], title="Roles")],
        parse_options({"paper": "300x400mm", "tent-cards": "yes"}),
    )
    text = describe_plan(plan)
    assert text.startswith(
        "Pack: 1 deck, 1 set: 1 poker card (63×88 mm), 1 per set.\n  - Roles\n"
        "Card sheets: 1 sheet of 300×400 mm portrait, 4×4 = 16 cards a sheet, one-sided.\n"
        "Lamination: 1 pouch, 306×406 mm: cut the cards out first, lay 16 in each pouch"
    )
    assert "Tent cards: 0 (300×400 mm, fold in half)." in text
    assert text.endswith(
        "Sets: Set 1 circle blue.\nWarning: tent cards: none of the decks is a prompts deck, "
        "so no tent cards"
    )
    assert plan.warnings == ("tent cards: none of the decks is a prompts deck, so no tent cards",)


@pytest.mark.parametrize(
    ("values", "pouch"),
    [
        ({"card": "69x99mm"}, ("75x105", (75.0, 105.0))),  # an exact fit with the seal
        ({"card": "69.1x99mm"}, ("a7", (80.0, 111.0))),  # a tenth too wide: the next size
        ({"card": "69x99.1mm"}, ("a7", (80.0, 111.0))),  # a tenth too long: the same
        ({"card": "88x63mm"}, ("75x105", (75.0, 105.0))),  # a landscape card turns
        ({"pouch": "100x70mm"}, ("custom", (100.0, 70.0))),  # so does a pouch
        ({"card": "200x280mm"}, ("a4", (216.0, 303.0))),
    ],
)
def test_card_mode_takes_the_smallest_pouch_with_a_seal_all_round(values, pouch):
    assert choose_pouch(parse_options({"laminate": "card", **values})) == pouch


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"card": "200x280mm", "pouch": "a5"},
            "pouch: 200×280 mm cards need a pouch of at least 206×286 mm (a 3 mm seal on every "
            "side); the A5 pouch (154×216 mm) is too small; the smallest pouch that fits is "
            "A4 (216×303 mm)",
        ),
    ],
)
def test_a_pouch_too_small_is_refused_naming_one_that_fits(values, message):
    with pytest.raises(InputError) as caught:
        choose_pouch(parse_options({"laminate": "card", **values}))
    assert str(caught.value) == message


def test_one_card_in_its_own_pouch_and_a_pouch_of_any_size_are_named_plainly():
    one = describe_plan(plan_pack([make_deck(["A"])], parse_options({"laminate": "card"})))
    assert (
        "Lamination: 1 pouch, 75×105 mm: cut out each card, laminate it in its own pouch, "
        "trim leaving a 3 mm seal: sealed all round." in one
    )
    custom = plan_pack([make_deck(["A"])], parse_options({"laminate": "card", "pouch": "100x70mm"}))
    assert custom.pouches is not None and custom.pouches.name == "100×70 mm"
    a7 = plan_pack([make_deck(["A"])], parse_options({"laminate": "card", "pouch": "a7"}))
    assert a7.pouches is not None and a7.pouches.name == "A7 (80×111 mm)"


def test_a_pack_over_the_limit_or_with_nothing_to_print_is_refused():
    with pytest.raises(InputError, match=r"^print: give at least one deck$"):
        plan_pack([], parse_options({}))
    with pytest.raises(InputError) as caught:
        plan_pack([make_deck(["A"] * 401)], parse_options({"sets": "50"}))
    assert str(caught.value) == (
        "sets: 50 sets of 401 cards is 20050 cards; a pack holds at most 20000"
    )
    assert plan_pack([make_deck(["A"] * 400)], parse_options({"sets": "50"})).card_count == 20000


def rows_of(values: dict[str, str], pack=None) -> dict[str, str]:
    """The plan's rows by heading, each as the lines it prints."""
    plan = plan_pack(pack or decks(), parse_options(values))
    return {row.heading: "\n".join(row.lines) for row in plan_rows(plan)}


@pytest.mark.parametrize(
    ("values", "pack_line", "packs_line"),
    [
        (
            {"sets": "3"},
            "2 decks, 3 sets: 15 poker cards (63×88 mm), 5 per set.",
            "Sets 1–3; each set starts on a sheet of its own",
        ),
        (
            {"sets": "4", "only-set": "1,3"},
            "2 decks, sets 1, 3 of 4: 10 poker cards (63×88 mm), 5 per set.",
            "Sets 1, 3; each set starts on a sheet of its own",
        ),
        (
            {"sets": "4", "only-set": "2,3,4"},
            "2 decks, sets 2–4 of 4: 15 poker cards (63×88 mm), 5 per set.",
            "Sets 2–4; each set starts on a sheet of its own",
        ),
        (
            {"sets": "3", "only-set": "2", "pack-by": "none"},
            "2 decks, set 2 of 3: 5 poker cards (63×88 mm), 5 per set.",
            "Set 2; sets and decks run on across sheets (sort after cutting)",
        ),
        (
            {"sets": "2", "pack-by": "deck"},
            "2 decks, 2 sets: 10 poker cards (63×88 mm), 5 per set.",
            "Sets 1–2; each deck of each set starts on a sheet of its own",
        ),
    ],
)
def test_the_plan_names_the_sets_printed_as_a_run_a_list_or_one(values, pack_line, packs_line):
    rows = rows_of(values)
    assert rows["Pack"].splitlines()[0] == pack_line
    assert rows["Packs"] == (
        f"{packs_line}; every sheet names its deck, set and number in the margin."
    )


def test_run_on_sheets_name_the_sets_they_hold_in_the_margin():
    plan = plan_pack(decks(), parse_options({"sets": "3", "pack-by": "none"}))
    assert {page.slug[1] for page in plan.card_pages()} == {"Sets 1–3"}
    one = plan_pack(decks(), parse_options({"sets": "3", "only-set": "2", "pack-by": "none"}))
    assert {page.slug[1] for page in one.card_pages()} == {"Set 2"}


def test_a_fold_pack_says_how_to_fold():
    assert rows_of({"fold": "yes"})["Fold"] == (
        "each front is printed beside its back: cut out the pair, fold it on the line between "
        "them (printed side out); no duplex, no calibration."
    )
    assert "Fold" not in rows_of({})


def test_packing_lists_of_several_pages_a_set_say_how_many():
    big = [make_deck([f"Card {i}" for i in range(150)], title="Roles")]
    assert rows_of({"sets": "2"}, big)["Packing lists"] == (
        "4 pages, 2 pages per set: codes and counts."
    )
    assert rows_of({"sets": "2"})["Packing lists"] == (
        "2 pages, one page per set: codes and counts."
    )


def test_a_print_shop_pack_gives_a_page_per_face_at_trim_size_plus_bleed():
    rows = rows_of({"print-shop": "yes", "bleed": "3mm"})
    assert rows["Print shop"] == (
        "instead of sheets: 10 pages, one card front or back a page, 69×94 mm (trim size plus "
        "3 mm bleed), TrimBox and BleedBox set."
    )
    one = rows_of({"print-shop": "yes", "card": "a7"}, [make_deck(["A"])])
    assert one["Print shop"] == (
        "instead of sheets: 2 pages, one card front or back a page, 78×109 mm (trim size plus "
        "2 mm bleed), TrimBox and BleedBox set."
    )
    assert "Print shop" not in rows_of({})


def test_a_reprint_of_some_cards_says_which_in_the_plan():
    rows = rows_of({"only": "C1,P2", "sets": "2"})
    assert rows["Packs"].startswith("only cards C1, P2 of Sets 1–2; each set starts")
    assert rows["Pack"].splitlines()[0] == "2 decks, 2 sets: 4 poker cards (63×88 mm), 2 per set."


@pytest.mark.parametrize(
    ("values", "text"),
    [
        (
            {"laminate": "sheet"},
            "1 pouch, A4 (216×303 mm): laminate each printed sheet, then cut along the marks. "
            "Faces are protected; the cut edges are bare paper (not sealed), fine for a few dry "
            "evenings.",
        ),
        (
            {"laminate": "sheet", "sets": "2"},
            "2 pouches, A4 (216×303 mm): laminate each printed sheet, then cut along the marks. "
            "Faces are protected; the cut edges are bare paper (not sealed), fine for a few dry "
            "evenings.",
        ),
        (
            {"fold": "yes", "seal": "2.5mm"},
            "1 pouch, A4 (216×303 mm): cut the folded cards out first, lay 9 in each pouch on "
            "the placement sheet (5 mm apart), laminate, cut down the middle of the gaps: every "
            "card sealed all round.",
        ),
        ({"laminate": "none"}, "none; cut along the marks."),
    ],
)
def test_each_lamination_is_described_as_it_is_done(values, text):
    assert rows_of(values)["Lamination"] == text


def test_in_a_double_sided_pack_the_placement_sheet_gets_a_blank_back():
    assert rows_of({"duplex": "long"})["Pages"].splitlines() == [
        "pages 1–2: pouch placement sheet (with a blank back)",
        "pages 3–4: card sheets, each front followed by its backs",
        "pages 5–6: packing lists (with a blank back)",
    ]


def test_packed_by_deck_each_deck_of_each_set_gets_its_own_sheets_with_every_card_once():
    plan = plan_pack(decks(), parse_options({"sets": "2", "pack-by": "deck"}))
    pages = list(plan.card_pages())
    held = [{(p.card.set_number, p.card.deck_index) for p in page.placements} for page in pages]
    assert held == [{(1, 0)}, {(1, 1)}, {(2, 0)}, {(2, 1)}]
    assert [page.slug[:2] for page in pages] == [
        ("Roles", "Set 1"),
        ("Prompts", "Set 1"),
        ("Roles", "Set 2"),
        ("Prompts", "Set 2"),
    ]
    placed = [p.card for page in pages for p in page.placements]
    assert placed == list(plan.cards()) and len(placed) == plan.card_count == 10


def test_every_copy_of_a_card_is_numbered_from_one():
    deck = make_deck(["A", "B"])
    deck = dataclasses.replace(
        deck, cards=(deck.cards[0], dataclasses.replace(deck.cards[1], copies=3))
    )
    plan = plan_pack([deck], parse_options({}))
    assert [(c.card_index, c.copy) for c in plan.cards()] == [(0, 1), (1, 1), (1, 2), (1, 3)]
    (page,) = list(plan.card_pages())
    assert [(p.card.card_index, p.card.copy) for p in page.placements] == [
        (0, 1),
        (1, 1),
        (1, 2),
        (1, 3),
    ]


def test_a_pack_of_empty_decks_or_an_unknown_code_is_refused_in_one_sentence():
    with pytest.raises(InputError) as empty:
        plan_pack([make_deck([])], parse_options({}))
    assert str(empty.value) == "print: the decks have no cards to print"
    with pytest.raises(InputError) as unknown:
        plan_pack(decks(), parse_options({"only": "C1,X9"}))
    assert str(unknown.value) == (
        'only: there is no card X9 in "Roles" and "Prompts"; give codes as printed on the '
        "cards, comma-separated (e.g. R7,R9)"
    )


def test_a_fold_pack_lists_its_card_sheets_as_fronts_beside_backs():
    assert "pages 2–3: card sheets, fronts beside their backs (fold)" in (
        rows_of({"fold": "yes"})["Pages"].splitlines()
    )


def test_what_is_not_asked_for_is_counted_as_none():
    # With a prompts deck, tent cards and capture sheets could be made, but are not asked for.
    plan = plan_pack(decks(), parse_options({"laminate": "none", "packing-list": "no"}))
    assert plan.pouches is None and plan.pouch_layout is None
    assert (plan.packing_list_count, plan.tent_card_count, plan.capture_sheet_count) == (0, 0, 0)
    assert [s.name for s in plan.sections] == ["cards"]


def test_calibration_without_duplex_is_refused_saying_what_to_add():
    with pytest.raises(InputError) as caught:
        plan_pack(decks(), parse_options({"calibration": "yes"}))
    assert str(caught.value) == (
        "calibration: the calibration sheet is for double-sided printing; "
        "add --duplex long or --duplex short"
    )


@pytest.mark.parametrize("cards", [2, 3])
def test_a_guide_that_runs_to_two_pages_gets_two_pages_whatever_follows_it(cards):
    # On A5 the guide needs two pages; the card sheets after it take two or three.
    from facilitator.print.guide import guide_page_count

    pack = [make_deck([f"C{i}" for i in range(cards)]), decks()[1]]
    values = {"paper": "a5", "card": "a7", "guide": "yes", "laminate": "none"}
    plan = plan_pack(pack, parse_options(values | {"tent-cards": "yes", "capture-sheets": "yes"}))
    guide = plan.sections[0]
    assert (guide.name, guide.first_page, guide.pages) == ("print guide", 1, 2)
    assert guide_page_count(plan) == 2
    assert plan.sections[1].first_page == 3
