"""How far a table has got with an activity: not started, in progress or recorded."""

from __future__ import annotations

from enum import StrEnum

from facilitator.capture.match_grid import layout_of
from facilitator.capture.prompt_entry import has_verdict
from facilitator.decks.model import Deck
from facilitator.outcomes import MatchResult, PromptsResult, RankResult, Result


class ItemState(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    RECORDED = "recorded"


def state_of(
    result: Result | None, deck: Deck, prompt: str = "", *, problems: int = 0
) -> ItemState:
    """The state of one table's result; with `prompt`, of that one prompt only.

    A ranking counts as recorded once anything is placed (cards may be left out) and nothing
    typed is still wrong: with `problems` (unknown or repeated codes in the typed order) it
    is in progress, however much is placed. A matching is recorded once every item is
    placed; prompts once each has a verdict (a response still without one is in progress).
    """
    if problems:
        return ItemState.IN_PROGRESS
    if result is None:
        return ItemState.NOT_STARTED
    if isinstance(result, RankResult):
        return ItemState.RECORDED if result.levels else ItemState.NOT_STARTED
    if isinstance(result, MatchResult):
        items = [c.code for c in layout_of(deck).items]
        placed = sum(1 for code in items if code in result.assignments)
        return _by_count(placed, len(items))
    assert isinstance(result, PromptsResult)
    codes = [prompt] if prompt else [c.code for c in deck.cards]
    responses = [result.responses.get(code) for code in codes]
    decided = sum(1 for r in responses if has_verdict(r))
    started = sum(1 for r in responses if r is not None)
    return _by_count(decided, len(codes), started)


def _by_count(done: int, total: int, started: int | None = None) -> ItemState:
    if done == 0 and not started:
        return ItemState.NOT_STARTED
    return ItemState.RECORDED if done >= total else ItemState.IN_PROGRESS
