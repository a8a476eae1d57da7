"""The outcome words: events, tables, agenda items and what each table produced, as values.

The store saves them, analysis and reports read them, capture and print name them; this module
imports nothing above the deck model, so naming an outcome never loads the store or TinyDB.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from facilitator.decks.model import ActivityKind, Deck


class Verdict(StrEnum):
    """What a table concluded about a discussion prompt."""

    AGREED = "agreed"
    DIVIDED = "divided"
    NO_CONSENSUS = "no_consensus"
    NOT_DISCUSSED = "not_discussed"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


def verdict_label(verdict: Verdict | None) -> str:
    """A verdict's name as people read it; None is a table still talking: "No verdict yet"."""
    return "No verdict yet" if verdict is None else verdict.label


# A match item placed aside rather than under a target.
NOBODY = "nobody"
UNSURE = "unsure"
MATCH_MARKERS = (NOBODY, UNSURE)
# One word for each marker on the capture screen, the printed sheets and the reports.
MARKER_LABELS = {NOBODY: "Nobody", UNSURE: "Unsure"}


@dataclass(frozen=True, kw_only=True)
class Revision:
    """Bookkeeping every record carries, so copies from several laptops can be merged.

    `versions` counts the saves each device made (a version vector): a copy whose counts are
    all at least another's is newer; otherwise the two were edited apart and are in conflict.
    """

    id: str
    created: str  # ISO 8601 UTC, e.g. 2026-11-26T21:04:05.123Z
    updated: str
    revision: int  # how many times the record was saved, merges included
    device: str  # the device that saved it last
    versions: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Event(Revision):
    """One meetup."""

    title: str
    series: str = ""
    starts: str = ""  # "2015-08-20T18:30" (local time at the venue), "2015-08-20", or ""
    venue: str = ""
    notes: str = ""


@dataclass(frozen=True, kw_only=True)
class Table(Revision):
    """One table at an event; `number` matches the set mark printed on its cards."""

    event_id: str
    number: int
    name: str
    colour: str


@dataclass(frozen=True, kw_only=True)
class AgendaItem(Revision):
    """An activity at an event, holding the deck as it was when it was added."""

    event_id: str
    title: str
    kind: ActivityKind
    timebox_minutes: int  # 0 when there is no timebox
    position: int  # 0-based place in the agenda
    snapshot_id: str  # the deck snapshot's key in the `decks` table
    snapshot: Mapping[str, Any]  # deck_file.deck_to_dict() of the deck
    # The deck file it was copied from, so the agenda can say when that deck changed since;
    # "" for items added before this was kept, or from a deck that was not in a file.
    source: str = ""


@dataclass(frozen=True)
class RankResult:
    """An agreed order, best first; cards in one level are tied. Cards left out are absent.

    `typed` is the order as the facilitator typed it while it still has problems (an unknown
    or repeated code), typos and all, so the typing survives a restart; `levels` holds only
    its valid part. It is "" once the order is clean.
    """

    levels: tuple[tuple[str, ...], ...]
    typed: str = ""

    kind = ActivityKind.RANK

    def codes(self) -> tuple[str, ...]:
        return tuple(code for level in self.levels for code in level)

    def left_out(self, deck: Deck) -> tuple[str, ...]:
        placed = set(self.codes())
        return tuple(c.code for c in deck.cards if c.code not in placed)


@dataclass(frozen=True)
class MatchResult:
    """Each item card's targets (codes of the deck's first suit), or ("nobody",) / ("unsure",).

    Items not yet placed are absent.
    """

    assignments: Mapping[str, tuple[str, ...]]

    kind = ActivityKind.MATCH


@dataclass(frozen=True)
class PromptResponse:
    """What one table said about one prompt card.

    `verdict` is None while the table is still talking: its position and points are kept,
    and the prompt counts as in progress, not recorded.
    """

    verdict: Verdict | None = Verdict.NOT_DISCUSSED
    votes_for: int | None = None  # None: not counted
    votes_against: int | None = None
    votes_abstain: int | None = None
    position: str = ""  # the table's one-line position statement
    key_points: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class PromptsResult:
    """A response per prompt card code; prompts not yet recorded are absent."""

    responses: Mapping[str, PromptResponse]

    kind = ActivityKind.PROMPTS


Result = RankResult | MatchResult | PromptsResult


@dataclass(frozen=True, kw_only=True)
class Outcome(Revision):
    """What one table produced for one agenda item."""

    event_id: str
    table_id: str
    item_id: str
    result: Result

    @property
    def kind(self) -> ActivityKind:
        return self.result.kind


@dataclass(frozen=True, kw_only=True)
class HistoryEntry:
    """A copy of a record that lost a merge or was deleted; kept so nothing is ever lost."""

    id: str
    record_kind: str  # "events", "tables", "agenda" or "outcomes"
    record_id: str
    reason: str  # "conflict" or "deleted"
    at: str
    document: Mapping[str, Any]  # the record as it was stored
    winner_device: str = ""
    winner_revision: int = 0
