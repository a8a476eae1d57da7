"""Rankings as typed while a code in them is wrong, so the typing is never lost.

Only the valid part of a typed order counts as the order; the text as typed, typos and all,
goes into the result's `typed` field and is saved with it. After a restart the entry box
shows it again, and the activity stays in progress (with a warning) until every problem is
fixed.
"""

from __future__ import annotations

from facilitator.capture.rank_entry import format_levels, parse_rank
from facilitator.decks.model import Deck
from facilitator.outcomes import RankResult


def ranking_as_typed(text: str, deck: Deck) -> RankResult:
    """The result `text` means: its valid order, and the text itself if anything is wrong.

    A code still being typed counts as wrong here, so a pause mid-code saves the keystrokes.
    """
    parsed = parse_rank(text, deck)
    return RankResult(parsed.levels, text if parsed.problems else "")


def _draft(deck: Deck, result: RankResult | None) -> str | None:
    # The typed text speaks for the result only while it still describes it: a file edited
    # by hand could pair it with another order, and then the order wins.
    if result is None or not result.typed:
        return None
    if parse_rank(result.typed, deck).levels != result.levels:
        return None
    return result.typed


def text_for(deck: Deck, result: RankResult | None) -> str:
    """What the entry box shows: the text as typed, else the saved order written out."""
    draft = _draft(deck, result)
    if draft is not None:
        return draft
    return format_levels(result.levels) if result is not None else ""


def problems(deck: Deck, result: RankResult | None, *, typing: bool = False) -> tuple[str, ...]:
    """What is still wrong in the typed order; with `typing`, an unfinished code is not."""
    draft = _draft(deck, result)
    return parse_rank(draft, deck, typing=typing).problems if draft is not None else ()
