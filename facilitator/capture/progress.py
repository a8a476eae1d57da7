"""How far a table has got with an activity, as capture shows it: the outcome's status in words.

The rules live in facilitator.outcomes (OutcomeStatus, prompt_status, settled_status); this
module only names them for the screen ("not started" is an outcome not recorded at all).
"""

from __future__ import annotations

from enum import StrEnum

from facilitator.decks.model import Deck
from facilitator.outcomes import (
    OutcomeStatus,
    PromptsResult,
    Result,
    is_empty,
    prompt_status,
    settled_status,
)


class ItemState(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    RECORDED = "recorded"


_STATES = {
    OutcomeStatus.NOT_RECORDED: ItemState.NOT_STARTED,
    OutcomeStatus.IN_PROGRESS: ItemState.IN_PROGRESS,
    OutcomeStatus.RECORDED: ItemState.RECORDED,
}


def state_for(status: OutcomeStatus) -> ItemState:
    return _STATES[status]


def state_of(
    result: Result | None,
    deck: Deck,
    prompt: str = "",
    *,
    problems: int = 0,
    status: OutcomeStatus | None = None,
) -> ItemState:
    """The state of one table's result; with `prompt`, of that one prompt only.

    `status` is the outcome's stored (or staged) status; without it the rules decide, as for
    a result that arrived whole. With `problems` (unknown or repeated codes in a typed order)
    a ranking is in progress whatever was saved; an empty result is not started.
    """
    if prompt:
        response = result.responses.get(prompt) if isinstance(result, PromptsResult) else None
        return state_for(prompt_status(response))
    if result is None or is_empty(result):
        return ItemState.NOT_STARTED
    if problems:
        return ItemState.IN_PROGRESS
    return state_for(status or settled_status(result, deck))
