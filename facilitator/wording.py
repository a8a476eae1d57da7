"""Counted words and lists in plain English, shared by the print engine and the reports."""

from __future__ import annotations

from collections.abc import Sequence


def plural(n: int, word: str, many: str | None = None) -> str:
    """`n` and the word, singular for exactly one: "1 sheet", "2 sheets", "3 pouches"."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def join_and(parts: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C" (no serial comma); "" for none."""
    parts = list(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
