"""Deck files: canonical bytes, round trips, the schema, and one-line errors naming the field."""

import itertools
import json
import math
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from facilitator.decks import file as deck_file
from facilitator.decks.file import DeckFileError
from facilitator.decks.model import DeckInvalid
from facilitator.set_marks import SET_COLOURS
from tests.conftest import SAMPLE_DECKS
from tests.strategies import decks

SCHEMA = json.loads(
    (Path(deck_file.__file__).parent.parent / "schema" / "deck-v2.schema.json").read_text("utf-8")
)


def sample_paths():
    return sorted(SAMPLE_DECKS.glob("*.deck.json"))


def test_there_are_three_sample_decks_one_of_each_kind():
    kinds = sorted(deck_file.load(p).kind.value for p in sample_paths())
    assert kinds == ["match", "prompts", "rank"]


def test_a_card_in_two_sample_decks_has_the_same_code_in_both():
    # Decks played the same evening: "R5" must mean the PMO Analyst whichever deck is out.
    by_code: dict[str, set[str]] = {}
    by_title: dict[tuple[str, str], set[str]] = {}
    for path in sample_paths():
        for card in deck_file.load(path).cards:
            by_code.setdefault(card.code, set()).add(card.title)
            by_title.setdefault((card.suit, card.title), set()).add(card.code)
    assert {code: t for code, t in by_code.items() if len(t) > 1} == {}
    assert {title: c for title, c in by_title.items() if len(c) > 1} == {}
    matched = deck_file.load(SAMPLE_DECKS / "pmo-role-activities.deck.json")
    roles = " ".join(c.code for c in matched.cards if c.suit == "Role")
    assert roles == "R1 R5 R6 R7 R9 R10"  # in the hierarchy's order, left to right on the table


def _linear(hex_colour: str) -> list[float]:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]


def _lab(hex_colour: str) -> tuple[float, float, float]:
    r, g, b = _linear(hex_colour)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def colour_difference(one: str, other: str) -> float:
    """CIEDE2000: about 2 is just noticeable; 20 and more reads as another colour at a glance."""
    (l1, a1, b1), (l2, a2, b2) = _lab(one), _lab(other)
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1, a2 = a1 * (1 + g), a2 * (1 + g)
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1, h2 = math.degrees(math.atan2(b1, a1)) % 360, math.degrees(math.atan2(b2, a2)) % 360
    dh = 0.0 if c1 * c2 == 0 else (h2 - h1 + 180) % 360 - 180
    d_hue = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    l_mean, c_mean = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        h_mean = h1 + h2
    elif abs(h1 - h2) <= 180:
        h_mean = (h1 + h2) / 2
    else:
        h_mean = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c, s_h = 1 + 0.045 * c_mean, 1 + 0.015 * c_mean * t
    r_t = (
        -math.sin(math.radians(60 * math.exp(-(((h_mean - 275) / 25) ** 2))))
        * 2
        * math.sqrt(c_mean**7 / (c_mean**7 + 25**7))
    )
    dl, dc, dhh = (l2 - l1) / s_l, (c2 - c1) / s_c, d_hue / s_h
    return math.sqrt(dl**2 + dc**2 + dhh**2 + r_t * dc * dhh)


def test_colour_difference_matches_published_pairs():
    # Well-known values: black and white differ by 100, pure red and pure blue by 52.88.
    assert colour_difference("#000000", "#ffffff") == pytest.approx(100, abs=0.01)
    assert colour_difference("#1f5f8b", "#1f5f8b") == 0
    assert colour_difference("#ff0000", "#0000ff") == pytest.approx(52.88, abs=0.1)


MIN_SUIT_DIFFERENCE = 20


def test_sample_suits_stand_apart_from_each_other_and_from_every_set_colour():
    """A card's suit band must not be mistaken for another suit, nor its set stripe for the
    band: so no two sample suits share a colour, and none is near a set colour."""
    suits = [
        (f"{path.name} {suit.name}", suit.colour)
        for path in sample_paths()
        for suit in deck_file.load(path).suits
    ]
    sets = [(f"set colour {name}", colour) for name, colour in SET_COLOURS]
    close = [
        (a, b, round(colour_difference(x, y), 1))
        for (a, x), (b, y) in [*itertools.combinations(suits, 2), *itertools.product(suits, sets)]
        if colour_difference(x, y) < MIN_SUIT_DIFFERENCE
    ]
    assert close == []


def test_white_text_reads_on_every_sample_suit_colour():
    for path in sample_paths():
        for suit in deck_file.load(path).suits:
            r, g, b = _linear(suit.colour)
            luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
            assert 1.05 / (luminance + 0.05) >= 4.5, (path.name, suit.name)


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.name)
def test_sample_deck_load_save_changes_no_byte(path, tmp_path):
    out = tmp_path / path.name
    deck_file.save(deck_file.load(path), out)
    assert out.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.name)
def test_sample_decks_match_the_published_schema(path):
    jsonschema.validate(json.loads(path.read_text("utf-8")), SCHEMA)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(decks())
def test_any_valid_deck_round_trips_and_matches_the_schema(deck):
    text = deck_file.dumps(deck)
    assert deck_file.loads(text) == deck
    assert deck_file.dumps(deck_file.loads(text)) == text
    jsonschema.validate(json.loads(text), SCHEMA)


def test_file_is_pretty_printed_utf8_in_a_stable_key_order(tmp_path):
    deck = deck_file.load(SAMPLE_DECKS / "pmo-role-activities.deck.json")
    text = deck_file.dumps(deck)
    assert list(json.loads(text)) == [
        "format",
        "version",
        "title",
        "kind",
        "instructions",
        "suits",
        "cards",
    ]
    assert text.startswith('{\n  "format": "facilitator-deck",\n  "version": 1,')
    assert list(json.loads(text)["cards"][0]) == ["id", "code", "suit", "title"]


def write(tmp_path, data, name="team.deck.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), "utf-8")
    return path


def minimal(**changes):
    data = {
        "format": "facilitator-deck",
        "version": 1,
        "title": "Team",
        "kind": "rank",
        "suits": [{"name": "Role"}],
        "cards": [{"code": "R1", "suit": "Role", "title": "PM"}],
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            minimal(
                cards=[{"code": f"R{i}", "suit": "Role", "title": "a"} for i in (1, 2, 3)]
                + [{"code": "R4", "suit": "Rol", "title": "b"}]
            ),
            'team.deck.json: cards[3].suit: unknown suit "Rol"',
        ),
        (
            minimal(version=3),
            "team.deck.json: version: this file is format version 3, written by a newer Facilitator; this one reads up to version 2",
        ),
        (
            minimal(format="other"),
            'team.deck.json: format: expected "facilitator-deck", found "other"',
        ),
        (
            minimal(kind="sort"),
            'team.deck.json: kind: unknown kind "sort" (use one of: rank, match, prompts)',
        ),
        (
            minimal(cards=[{"code": "R1", "suit": "Role", "titel": "x"}]),
            "team.deck.json: cards[0].titel: unknown field",
        ),
        (
            minimal(cards=[{"code": "R1", "suit": "Role", "title": "x", "copies": "2"}]),
            'team.deck.json: cards[0].copies: must be a whole number, not "2"',
        ),
        (minimal(title=3), "team.deck.json: title: must be text, not 3"),
        (minimal(cards={}), "team.deck.json: cards: must be a list of cards"),
        ([1, 2], "team.deck.json: a deck file must hold a JSON object"),
        (
            '{"format": "facilitator-deck",\n "version": 1,,}',
            "team.deck.json: not valid JSON at line 2, column 15: Expecting property name enclosed in double quotes",
        ),
        ("[" * 100_000, "team.deck.json: not a deck: its JSON is nested too deeply to read"),
    ],
)
def test_bad_files_are_refused_with_one_line_naming_file_and_field(tmp_path, data, message):
    path = write(tmp_path, data)
    with pytest.raises(DeckInvalid) as info:
        deck_file.load(path)
    assert str(info.value).splitlines() == [message]


def test_missing_ids_colours_and_prefixes_are_filled_in(tmp_path):
    deck = deck_file.load(write(tmp_path, minimal()))
    assert deck.cards[0].id and deck.suits[0].colour.startswith("#") and deck.suits[0].prefix == "R"


def test_not_utf8_and_missing_files_are_one_line(tmp_path):
    path = tmp_path / "latin.deck.json"
    text = json.dumps(minimal(title="Café"), ensure_ascii=False)
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(DeckFileError) as info:
        deck_file.load(path)
    assert str(info.value).startswith("latin.deck.json: not UTF-8 text")
    with pytest.raises(DeckFileError) as info:
        deck_file.load(tmp_path / "nope.deck.json")
    assert str(info.value).endswith("nope.deck.json: no such file")


def test_an_invalid_deck_is_never_saved(tmp_path):
    deck = deck_file.load(write(tmp_path, minimal()))
    path = tmp_path / "out.deck.json"
    path.write_text("previous", "utf-8")
    from dataclasses import replace

    with pytest.raises(DeckInvalid):
        deck_file.save(replace(deck, title=""), path)
    assert path.read_text("utf-8") == "previous"


def test_file_names_from_titles():
    assert (
        deck_file.file_name_for("PMO roles: agree the hierarchy")
        == "pmo-roles-agree-the-hierarchy.deck.json"
    )
    assert deck_file.file_name_for("???") == "deck.deck.json"


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(decks())
def test_the_fast_writer_matches_json_dumps_with_indent(deck):
    expected = json.dumps(deck_file.deck_to_dict(deck), indent=2, ensure_ascii=False) + "\n"
    assert deck_file.dumps(deck) == expected
