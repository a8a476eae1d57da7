"""Export a deck's cards as a CSV file that Excel opens correctly and that imports back."""

from __future__ import annotations

import csv
import io
import os

from facilitator.atomic_write import write_atomic
from facilitator.decks.model import ActivityKind, Deck

COLUMNS = ("code", "suit", "title", "body", "copies", "back", "note", "colour")
# The deck's own fields, filled on the first row only, so an import gives back the same deck.
DECK_COLUMNS = ("deck", "kind", "instructions")
# Excel runs a cell starting with these as a formula; a leading apostrophe keeps it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def protect_cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def unprotect_cell(value: str) -> str:
    """Undo protect_cell, so an exported deck imports back unchanged."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def deck_to_csv(deck: Deck) -> str:
    buffer = io.StringIO(newline="")
    # Excel needs CRLF rows and quoted line breaks; the BOM tells it the file is UTF-8.
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    # Prompt decks carry each card's kind, so a spreadsheet round trip keeps open questions open.
    prompts = deck.kind == ActivityKind.PROMPTS
    writer.writerow((*COLUMNS, *(("prompt kind",) if prompts else ()), *DECK_COLUMNS))
    for index, card in enumerate(deck.cards):
        suit = deck.suit(card.suit)
        row: tuple[str, ...] = (
            card.code,
            card.suit,
            card.title,
            card.body,
            str(card.copies),
            card.back,
            card.note,
            suit.colour if suit else "",
        )
        if prompts:
            row = (*row, card.prompt_kind.value.replace("_", " "))
        about_deck = (
            (deck.title, deck.kind.value, deck.instructions) if index == 0 else ("", "", "")
        )
        writer.writerow([protect_cell(cell) for cell in (*row, *about_deck)])
    return "\ufeff" + buffer.getvalue()


def export_csv(deck: Deck, path: str | os.PathLike[str]) -> None:
    write_atomic(path, deck_to_csv(deck).encode("utf-8"))
