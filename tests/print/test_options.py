"""One unit parser and one options parser: values people type, refused with a sentence if wrong."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.errors import InputError
from facilitator.print import (
    OPTIONS,
    Duplex,
    Lamination,
    Orientation,
    PackBy,
    PrintOptions,
    parse_options,
)
from facilitator.print.units import format_mm, parse_length, parse_offset, parse_size

DOCS = Path(__file__).resolve().parents[2] / "docs" / "printing.md"


@pytest.mark.parametrize(
    ("text", "mm"),
    [
        ("63mm", 63.0),
        ("63", 63.0),
        (" 6.3cm ", 63.0),
        ("2.5in", 63.5),
        ("72pt", 25.4),
        ("0.5MM", 0.5),
        (".5mm", 0.5),
        ("-1.5", -1.5),
    ],
)
def test_lengths_in_every_unit(text, mm):
    assert parse_length(text) == pytest.approx(mm)


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("63x88mm", (63.0, 88.0)),
        ("63 x 88", (63.0, 88.0)),
        ("63mm x 88mm", (63.0, 88.0)),
        ("2.5x3.5in", (63.5, 88.9)),
        ("85.6×54", (85.6, 54.0)),
    ],
)
def test_sizes(text, size):
    assert parse_size(text) == pytest.approx(size)


@pytest.mark.parametrize("text", ["", "mm", "63 furlongs", "63x", "x88", "1e3mm", "nan", "63,88"])
def test_nonsense_lengths_are_refused_with_the_value_quoted(text):
    with pytest.raises(InputError, match=re.escape(f'"{text}"')):
        parse_size(text, "card") if "x" in text else parse_length(text, "margin")


def test_offsets():
    assert parse_offset("1.5,-0.5") == (1.5, -0.5)
    assert parse_offset("0.1in, 2mm") == pytest.approx((2.54, 2.0))
    with pytest.raises(InputError, match="X,Y"):
        parse_offset("1.5")


@given(st.floats(0, 2000), st.sampled_from(["mm", "cm", "in", "pt"]))
def test_a_formatted_length_reads_back(value, unit):
    text = format_mm(value) + unit
    factor = {"mm": 1, "cm": 10, "in": 25.4, "pt": 25.4 / 72}[unit]
    assert parse_length(text) == pytest.approx(float(format_mm(value)) * factor)


def test_defaults_are_the_documented_ones():
    o = parse_options({})
    assert o == PrintOptions()
    assert o.paper_size == (210, 297) and o.card_size == (63, 88)
    assert o.corner_radius == 3.18
    assert o.laminate == Lamination.POUCH and o.seal == 3 and o.gutter_mm == 4 and o.bleed == 2
    assert o.margin == 5 and o.sets == 1 and o.duplex == Duplex.NONE
    assert o.orientation == Orientation.AUTO and o.marks and not o.guide
    assert not o.fold and not o.cut_lines and o.packing_list and not o.print_shop
    assert o.pack_by == PackBy.SET and o.only == () and o.set_numbers == (1,)


def test_every_option_parses_from_strings():
    o = parse_options(
        {
            "paper": "letter",
            "orientation": "portrait",
            "card": "70x100mm",
            "corner-radius": "0",
            "laminate": "card",
            "seal": "2.5mm",
            "gutter": "3mm",
            "margin": "0.25in",
            "pouch": "a6",
            "sets": "12",
            "pack-by": "deck",
            "only": "R7, R9,R7",
            "only-set": "3,1",
            "bleed": "1.5mm",
            "cut-lines": "yes",
            "packing-list": "no",
            "print-shop": "yes",
            "duplex": "short",
            "back-offset": "0.5,-1",
            "marks": "no",
            "guide": "yes",
            "tent_cards": True,
            "capture-sheets": "on",
            "calibration": "true",
            "title": " Birmingham ",
            "author": "Sam",
            "title-size": "18pt,10pt",
            "body-size": "11,7",
        }
    )
    assert o.paper_name == "letter" and o.orientation == Orientation.PORTRAIT
    assert o.card_name == "custom" and o.card_size == (70, 100) and o.corner_radius == 0
    assert o.laminate == Lamination.CARD and o.seal == 2.5 and o.gutter_mm == 3
    assert o.margin == pytest.approx(6.35) and o.pouch_name == "a6"
    assert o.sets == 12 and o.duplex == Duplex.SHORT and o.back_offset == (0.5, -1)
    assert o.pack_by == PackBy.DECK and o.only == ("R7", "R9") and o.set_numbers == (1, 3)
    assert o.bleed == 1.5 and o.cut_lines and not o.packing_list and o.print_shop
    assert not o.marks and o.guide and o.tent_cards and o.capture_sheets and o.calibration
    assert o.title == "Birmingham" and o.author == "Sam"
    assert o.title_size == (18, 10) and o.body_size == (11, 7)


def test_custom_paper_is_kept_portrait():
    assert parse_options({"paper": "400x300mm"}).paper_size == (300, 400)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"colour": "red"}, 'unknown print option "colour"'),
        ({"paper": "a2"}, '"a2" is not one of: a4, letter, a3'),
        ({"card": "jumbo"}, '"jumbo" is not one of: poker'),
        ({"card": "10x10mm"}, "too small to print on"),
        ({"laminate": "glue"}, '"glue" is not one of: pouch, sheet, card, none'),
        ({"pack-by": "table"}, '"table" is not one of: set, deck, none'),
        (
            {"fold": "yes", "duplex": "long"},
            "fold: a gutter-fold sheet prints fronts and backs on one side; leave out --duplex",
        ),
        (
            {"bleed": "3mm", "gutter": "5mm"},
            "bleed: 3 mm is wider than the 5 mm gutter allows (at most half of it, 2.5 mm",
        ),
        ({"bleed": "6mm"}, "bleed: 6 mm must be from 0 to 5 mm"),
        (
            {"sets": "3", "only-set": "2,4"},
            "only-set: there is no set 4; this pack has sets 1 to 3",
        ),
        ({"only-set": "2"}, "only-set: there is no set 2; this pack has set 1 (--sets 1)"),
        ({"only-set": "two"}, 'only-set: "two" is not a set number'),
        ({"duplex": "both"}, '"both" is not one of: none, long, short'),
        ({"sets": "0"}, "sets: 0 is out of range; print 1 to 50 sets"),
        ({"sets": "51"}, "sets: 51 is out of range"),
        ({"sets": "three"}, 'sets: "three" is not a whole number'),
        (
            {"seal": "0"},
            "seal: 0 mm is too narrow: a laminating pouch needs a sealed border of at least 2 mm "
            "around the paper (2 to 3.2 mm is quoted; 3 mm is safe)",
        ),
        ({"seal": "1.5mm", "laminate": "card"}, "seal: 1.5 mm is too narrow"),
        ({"seal": "-1", "laminate": "card"}, "seal: -1 mm must be from 2 to 10 mm"),
        ({"margin": "-1mm"}, "margin: -1 mm must be from 0"),
        ({"corner-radius": "40mm"}, "half the card's short side"),
        ({"back-offset": "20,0"}, "within ±15 mm"),
        ({"pouch": "a6", "laminate": "sheet"}, "only applies with --laminate pouch or"),
        ({"title-size": "8pt,12pt"}, "largest then smallest"),
        ({"guide": "maybe"}, '"maybe" is not yes or no'),
        ({"paper": "10x10mm"}, "not a paper size a printer takes"),
    ],
)
def test_impossible_values_are_refused_with_a_sentence(values, message):
    with pytest.raises(InputError) as err:
        parse_options(values)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_a_seal_under_2mm_is_refused_only_when_laminating():
    assert parse_options({"seal": "2mm"}).seal == 2
    assert parse_options({"seal": "0", "laminate": "none"}).seal == 0
    with pytest.raises(InputError, match="too narrow"):
        PrintOptions(laminate=Lamination.CARD, seal=1.9)


def test_constructing_options_directly_validates_too():
    with pytest.raises(InputError, match="sets"):
        PrintOptions(sets=0)


def test_the_docs_describe_exactly_the_options_the_parser_accepts():
    text = DOCS.read_text("utf-8")
    documented = set(re.findall(r"^\| `--([a-z-]+)", text, re.MULTILINE))
    negated = {"marks", "packing-list"}
    accepted = {spec.name for spec in OPTIONS} - negated | {f"no-{n}" for n in negated}
    assert documented == accepted
    for spec in OPTIONS:
        if spec.default and spec.name not in negated:
            row = next(line for line in text.splitlines() if line.startswith(f"| `--{spec.name}"))
            assert f"`{spec.default}`" in row, spec.name
