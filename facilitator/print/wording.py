"""Counted words for the print engine's messages: "1 sheet", "2 sheets", "3 pouches"."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """`n` and the word, singular for exactly one (the same rule as reports.wording.plural).

    Kept here because the reports import the print engine, not the other way round.
    """
    return f"{n} {word if n == 1 else (many or word + 's')}"
