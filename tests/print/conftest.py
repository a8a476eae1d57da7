"""Fixtures for the print tests: the sample decks and small decks built in code."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.decks.file import load
from facilitator.decks.model import ActivityKind, Deck, build_deck

SAMPLE_DECKS = Path(__file__).resolve().parents[2] / "decks"


@pytest.fixture(scope="session")
def sample_decks() -> list[Deck]:
    return [load(p) for p in sorted(SAMPLE_DECKS.glob("*.deck.json"))]


def make_deck(
    titles: list[str],
    kind: ActivityKind = ActivityKind.RANK,
    title: str = "Test deck",
    bodies: list[str] | None = None,
) -> Deck:
    rows: list[dict[str, str | int]] = []
    for i, card_title in enumerate(titles):
        row: dict[str, str | int] = {"title": card_title}
        if bodies:
            row["body"] = bodies[i]
        rows.append(row)
    return build_deck(title, kind, rows)
