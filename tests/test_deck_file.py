"""Deck files: canonical bytes, round trips, the schema, and one-line errors naming the field."""

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from facilitator import deck_file
from facilitator.deck_file import DeckFileError
from facilitator.model import DeckInvalid
from tests.conftest import SAMPLE_DECKS
from tests.strategies import decks

SCHEMA = json.loads(
    (Path(deck_file.__file__).parent / "schema" / "deck-v1.schema.json").read_text("utf-8")
)


def sample_paths():
    return sorted(SAMPLE_DECKS.glob("*.deck.json"))


def test_there_are_three_sample_decks_one_of_each_kind():
    kinds = sorted(deck_file.load(p).kind.value for p in sample_paths())
    assert kinds == ["match", "prompts", "rank"]


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
            minimal(version=2),
            "team.deck.json: version: this file is format version 2, written by a newer Facilitator; this one reads up to version 1",
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
