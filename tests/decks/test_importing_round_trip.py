"""A deck exported as CSV imports back with exactly its own text, however odd that text is."""

from __future__ import annotations

import pytest

from facilitator.decks.exporting import deck_to_csv, export_csv
from facilitator.decks.importing import import_file, import_text
from facilitator.decks.model import ActivityKind, build_deck


def _deck(instructions: str):
    rows = [{"title": "Project Manager", "suit": "Role"}, {"title": "PMO Analyst", "suit": "Role"}]
    return build_deck("PMO roles", ActivityKind.RANK, rows, instructions=instructions)


@pytest.mark.parametrize("instructions", ["   ", " ", "\t", "  \n  ", "  Rank them  "])
def test_instructions_made_of_spaces_come_back_as_they_were(tmp_path, instructions):
    # Hypothesis found it: a cell of only spaces was taken for an empty one and dropped.
    deck = _deck(instructions)
    path = tmp_path / "deck.csv"
    export_csv(deck, path)
    assert import_file(path).deck.instructions == instructions


def test_instructions_are_read_from_the_first_row_that_has_them_not_a_later_one():
    text = "title,instructions\nA,\nB,Rank from the top\nC,Something else\n"
    assert import_text(text, as_csv=True).deck.instructions == "Rank from the top"


def test_an_empty_instructions_cell_leaves_the_deck_without_instructions():
    deck = _deck("")
    assert import_text(deck_to_csv(deck), as_csv=True).deck.instructions == ""
