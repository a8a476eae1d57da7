"""A prompt card says what answer it wants: a question (the default, as every older deck
means) or an open question; kept in the deck file, a CSV column and the export."""

from __future__ import annotations

import json

import pytest

from facilitator.decks import file as deck_file
from facilitator.decks.exporting import deck_to_csv
from facilitator.decks.importing import ImportFailed, import_text
from facilitator.decks.model import ActivityKind, DeckInvalid, PromptKind
from tests.conftest import SAMPLE_DECKS

PROMPTS = SAMPLE_DECKS / "pmo-flashmob-prompts.deck.json"


def test_the_sample_prompts_are_two_questions_and_two_open_questions() -> None:
    deck = deck_file.load(PROMPTS)
    assert [(c.code, c.prompt_kind) for c in deck.cards] == [
        ("P1", PromptKind.QUESTION),
        ("P2", PromptKind.QUESTION),
        ("P3", PromptKind.OPEN_QUESTION),
        ("P4", PromptKind.OPEN_QUESTION),
    ]


def test_a_deck_file_without_kinds_reads_as_questions_and_is_written_unchanged() -> None:
    data = json.loads(PROMPTS.read_text())
    for card in data["cards"]:
        card.pop("prompt_kind", None)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    deck = deck_file.loads(text)
    assert {c.prompt_kind for c in deck.cards} == {PromptKind.QUESTION}
    assert "prompt_kind" not in deck_file.dumps(deck)  # an older reader still reads it


def test_an_unknown_prompt_kind_is_one_sentence_naming_the_card() -> None:
    data = json.loads(PROMPTS.read_text())
    data["cards"][1]["prompt_kind"] = "maybe"
    with pytest.raises(DeckInvalid) as caught:
        deck_file.loads(json.dumps(data), "prompts.deck.json")
    assert str(caught.value) == (
        'prompts.deck.json: cards[1].prompt_kind: unknown prompt kind "maybe" '
        '(use "question" or "open_question")'
    )


def test_a_csv_column_sets_the_kind_and_the_export_round_trips() -> None:
    text = (
        "title,prompt kind\n"
        "Should the PMO stop projects?,question\n"
        "How do you do resource management?,Open question\n"
        "What is the route in?,\n"
    )
    deck = import_text(text, title="Prompts", kind=ActivityKind.PROMPTS, as_csv=True).deck
    assert [c.prompt_kind for c in deck.cards] == [
        PromptKind.QUESTION, PromptKind.OPEN_QUESTION, PromptKind.QUESTION,
    ]  # fmt: skip
    again = import_text(deck_to_csv(deck).lstrip("\ufeff"), as_csv=True).deck
    assert [c.prompt_kind for c in again.cards] == [c.prompt_kind for c in deck.cards]
    assert again.kind == ActivityKind.PROMPTS


def test_an_unknown_kind_in_a_csv_is_reported_by_row() -> None:
    text = "title,prompt kind\nFirst,question\nSecond,poll\n"
    with pytest.raises(ImportFailed) as caught:
        import_text(text, title="Prompts", kind=ActivityKind.PROMPTS, as_csv=True)
    assert [str(p) for p in caught.value.problems] == [
        'row 3: "poll" is not a prompt kind: use "question" (yes/no) or "open question"'
    ]
