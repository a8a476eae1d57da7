"""The match grid as data: which targets each item has, and what a keypress in a cell does."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from facilitator.decks.model import Card, Deck
from facilitator.outcomes import MARKER_LABELS, MATCH_MARKERS, MatchResult

MARKERS = MATCH_MARKERS


@dataclass(frozen=True)
class MatchLayout:
    """Rows are the items (e.g. activities), columns the targets (e.g. roles) then the markers."""

    targets: tuple[Card, ...]
    items: tuple[Card, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        return (*(t.code for t in self.targets), *MARKERS)


def layout_of(deck: Deck) -> MatchLayout:
    """Targets are the cards of the deck's first suit; items are all the others."""
    first = deck.suits[0].name if deck.suits else ""
    return MatchLayout(
        targets=deck.cards_of(first), items=tuple(c for c in deck.cards if c.suit != first)
    )


def toggle(result: MatchResult, item: str, column: str) -> MatchResult:
    """Tick or untick `column` for `item`; a marker replaces the targets and the other way round."""
    current = tuple(result.assignments.get(item, ()))
    if column in MARKERS:
        chosen: tuple[str, ...] = () if current == (column,) else (column,)
    elif column in current:
        chosen = tuple(c for c in current if c != column)
    else:
        chosen = (*(c for c in current if c not in MARKERS), column)
    return with_targets(result, item, chosen)


def clear(result: MatchResult, item: str) -> MatchResult:
    return with_targets(result, item, ())


def with_targets(result: MatchResult, item: str, chosen: tuple[str, ...]) -> MatchResult:
    assignments: dict[str, tuple[str, ...]] = dict(result.assignments)
    if chosen:
        assignments[item] = chosen
    else:
        assignments.pop(item, None)
    return MatchResult(assignments)


def ordered(result: MatchResult, layout: MatchLayout) -> MatchResult:
    """The same matching with items and targets in the grid's order (stable saved files)."""
    rank = {code: i for i, code in enumerate(layout.columns)}
    items = [c.code for c in layout.items if c.code in result.assignments]
    return MatchResult(
        {
            item: tuple(sorted(result.assignments[item], key=lambda t: rank.get(t, len(rank))))
            for item in items
        }
    )


LEGEND_GAP = "   "  # between two entries of the legend; inside one, spaces do not break


def legend(targets: tuple[Card, ...]) -> str:
    """`R1 Project Administrator   R5 PMO Analyst …`: each entry kept on one line when wrapped."""
    return LEGEND_GAP.join(f"{t.code} {t.title}".replace(" ", "\u00a0") for t in targets)


def describe_targets(
    targets: tuple[str, ...], titles: Mapping[str, str] | None = None, sep: str = ", "
) -> str:
    """`R1, R6`, or `Nobody` / `Unsure`; with `titles`, each code named: `R5 PMO Analyst`."""
    if len(targets) == 1 and targets[0] in MARKERS:
        return MARKER_LABELS[targets[0]]
    if titles is None:
        return sep.join(targets)
    return sep.join(f"{code} {titles[code]}" if code in titles else code for code in targets)
