"""Rankings as typed while a code in them is wrong, so the typing is never lost.

Only the valid part of a typed order is a result (and saved); the text as typed, typos and
all, is kept here for the session, shown again when the table comes back, and keeps the
activity in progress (with a warning) until every problem is fixed.
"""

from __future__ import annotations

from collections.abc import Hashable

from facilitator.capture.rank_entry import format_levels, parse_rank
from facilitator.model import Deck
from facilitator.store.records import RankResult


class RankDrafts:
    """The typed text per (table, activity) key, for the orders that still have problems."""

    def __init__(self) -> None:
        self._typed: dict[Hashable, str] = {}

    def keep(self, key: Hashable, text: str, deck: Deck) -> None:
        """Remember `text` if anything in it is wrong; a clean order needs no draft."""
        if parse_rank(text, deck).problems:
            self._typed[key] = text
        else:
            self._typed.pop(key, None)

    def _draft(self, key: Hashable, deck: Deck, result: RankResult | None) -> str | None:
        # A draft speaks for the result only while it still describes it: an order changed
        # elsewhere (another laptop's merge, a drag) makes it stale.
        text = self._typed.get(key)
        levels = result.levels if result is not None else ()
        if text is None or parse_rank(text, deck).levels != levels:
            return None
        return text

    def text_for(self, key: Hashable, deck: Deck, result: RankResult | None) -> str:
        """What the entry box shows: the text as typed, else the saved order written out."""
        draft = self._draft(key, deck, result)
        if draft is not None:
            return draft
        return format_levels(result.levels) if result is not None else ""

    def problems(
        self, key: Hashable, deck: Deck, result: RankResult | None, *, typing: bool = False
    ) -> tuple[str, ...]:
        """What is still wrong in the typed order; with `typing`, an unfinished code is not."""
        draft = self._draft(key, deck, result)
        return parse_rank(draft, deck, typing=typing).problems if draft is not None else ()
