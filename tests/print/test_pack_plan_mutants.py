"""The print plan a facilitator reads before printing, word for word, and the pouch it picks."""

from __future__ import annotations

import pytest

from facilitator.decks.model import ActivityKind
from facilitator.errors import InputError
from facilitator.print import describe_plan, parse_options, plan_pack
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
