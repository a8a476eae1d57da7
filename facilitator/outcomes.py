"""The outcome words: events, tables, agenda items and what each table produced, as values.

The store saves them, analysis and reports read them, capture and print name them; this module
imports nothing above the deck model, so naming an outcome never loads the store or TinyDB.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from facilitator.decks.model import ActivityKind, Deck, PromptKind


class Verdict(StrEnum):
    """What a table concluded about a question (a yes/no prompt).

    AGREED is what versions before sides were recorded stored: the table agreed, but on which
    side was never written down, so it is shown as "Agreed (side not recorded)" and never
    counted as a yes or a no. New verdicts of agreement always have a side.
    """

    AGREED_YES = "agreed_yes"
    AGREED_NO = "agreed_no"
    DIVIDED = "divided"
    NO_CONSENSUS = "no_consensus"
    NOT_DISCUSSED = "not_discussed"
    AGREED = "agreed"  # from older files only: agreed, side not recorded

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self]

    @property
    def is_agreement(self) -> bool:
        """True for every verdict of agreement, whichever side (or none recorded)."""
        return self in (Verdict.AGREED_YES, Verdict.AGREED_NO, Verdict.AGREED)

    @property
    def side(self) -> bool | None:
        """True for agreed yes, False for agreed no, None when no side was agreed or recorded."""
        return {Verdict.AGREED_YES: True, Verdict.AGREED_NO: False}.get(self)


VERDICT_LABELS = {
    Verdict.AGREED_YES: "Agreed: yes",
    Verdict.AGREED_NO: "Agreed: no",
    Verdict.DIVIDED: "Divided",
    Verdict.NO_CONSENSUS: "No consensus",
    Verdict.NOT_DISCUSSED: "Not discussed",
    Verdict.AGREED: "Agreed (side not recorded)",
}
# The verdicts capture offers, in the order shown; AGREED is only ever read from old files.
CAPTURE_VERDICTS = (
    Verdict.AGREED_YES,
    Verdict.AGREED_NO,
    Verdict.DIVIDED,
    Verdict.NO_CONSENSUS,
    Verdict.NOT_DISCUSSED,
)


def verdict_label(verdict: Verdict | None) -> str:
    """A verdict's name as people read it; None is a table still talking: "No verdict yet"."""
    return "No verdict yet" if verdict is None else verdict.label


class OutcomeStatus(StrEnum):
    """Where one table's outcome for one activity stands.

    An outcome is stored as in progress or recorded, explicitly; "not recorded" is the
    absence of an outcome (nothing typed, or a box emptied). Only RECORDED counts anywhere
    a result is reported as what the table said.
    """

    NOT_RECORDED = "not_recorded"
    IN_PROGRESS = "in_progress"
    RECORDED = "recorded"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


STORED_STATUSES = (OutcomeStatus.IN_PROGRESS, OutcomeStatus.RECORDED)


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
    head_count: int | None = None  # people at the table, when someone counted


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

    `kind` is the card's prompt kind when the answer was taken. For a question, `verdict` is
    None while the table is still talking: its position and points are kept, and the prompt
    counts as in progress, not recorded. An open question asks no verdict: its answer is the
    points raised (`key_points`) and an optional one-line `summary` in the table's words;
    its verdict stays None, or NOT_DISCUSSED when the table never got to it.
    """

    verdict: Verdict | None = Verdict.NOT_DISCUSSED
    votes_for: int | None = None  # None: not counted
    votes_against: int | None = None
    votes_abstain: int | None = None
    position: str = ""  # the table's one-line position statement
    key_points: tuple[str, ...] = ()
    notes: str = ""
    kind: PromptKind = PromptKind.QUESTION
    summary: str = ""  # open questions: the table's answer in one line, optional

    @property
    def status(self) -> OutcomeStatus:
        """Recorded when the answer the card asks for is there (see prompt_status)."""
        return prompt_status(self)


def open_response(
    *, key_points: tuple[str, ...] = (), summary: str = "", position: str = "", notes: str = ""
) -> PromptResponse:
    """An answer to an open question: the points raised and a summary; no verdict asked."""
    return PromptResponse(
        verdict=None,
        kind=PromptKind.OPEN_QUESTION,
        key_points=key_points,
        summary=summary,
        position=position,
        notes=notes,
    )


def prompt_status(response: PromptResponse | None) -> OutcomeStatus:
    """Is this prompt answered? The one rule, for capture, side-by-side and reports alike.

    A question is recorded once it has a verdict. An open question is recorded once it has a
    point or a summary (or was marked not discussed). Anything less is in progress; no
    response at all is not recorded.
    """
    if response is None:
        return OutcomeStatus.NOT_RECORDED
    if response.kind == PromptKind.OPEN_QUESTION:
        answered = bool(response.key_points) or bool(response.summary.strip())
        if answered or response.verdict == Verdict.NOT_DISCUSSED:
            return OutcomeStatus.RECORDED
        return OutcomeStatus.IN_PROGRESS
    return OutcomeStatus.IN_PROGRESS if response.verdict is None else OutcomeStatus.RECORDED


@dataclass(frozen=True)
class PromptsResult:
    """A response per prompt card code; prompts not yet recorded are absent."""

    responses: Mapping[str, PromptResponse]

    kind = ActivityKind.PROMPTS


Result = RankResult | MatchResult | PromptsResult


@dataclass(frozen=True, kw_only=True)
class Outcome(Revision):
    """What one table produced for one agenda item, and whether it is recorded (`status`).

    The status is stored, not guessed from the result: a ranking typed half-way is a valid
    order but not yet what the table committed to. Ask `is_recorded(outcome)`.
    """

    event_id: str
    table_id: str
    item_id: str
    result: Result
    status: OutcomeStatus = OutcomeStatus.IN_PROGRESS

    @property
    def kind(self) -> ActivityKind:
        return self.result.kind


def outcome_status(outcome: Outcome | None) -> OutcomeStatus:
    """Where a table stands on an activity: no outcome is NOT_RECORDED."""
    return OutcomeStatus.NOT_RECORDED if outcome is None else outcome.status


def is_recorded(outcome: Outcome | None) -> bool:
    """THE question "is this outcome recorded?": only these results are what a table said."""
    return outcome is not None and outcome.status == OutcomeStatus.RECORDED


def match_items(deck: Deck) -> tuple[str, ...]:
    """The codes of a match deck's items (every card not of its first suit, the targets)."""
    first = deck.suits[0].name if deck.suits else ""
    return tuple(c.code for c in deck.cards if c.suit != first)


def settled_status(result: Result, deck: Deck) -> OutcomeStatus:
    """The status a result has by the rules alone, with no one saying it is done.

    A ranking with an order and nothing wrong in its typing is recorded (saving it is the
    commit; capture saves typing in progress as IN_PROGRESS explicitly). A matching is
    recorded when every item has a target, "nobody" or "unsure". Prompts are recorded when
    every prompt card is (see prompt_status). Used for results that arrive whole: files from
    older versions, imports, the command line. An empty ranking has no status: it is no
    outcome at all, and is not stored.
    """
    if isinstance(result, RankResult):
        return (
            OutcomeStatus.RECORDED
            if result.levels and not result.typed
            else OutcomeStatus.IN_PROGRESS
        )
    if isinstance(result, MatchResult):
        items = match_items(deck)
        done = bool(items) and all(result.assignments.get(code) for code in items)
        return OutcomeStatus.RECORDED if done else OutcomeStatus.IN_PROGRESS
    codes = [c.code for c in deck.cards]
    done = bool(codes) and all(
        prompt_status(result.responses.get(code)) == OutcomeStatus.RECORDED for code in codes
    )
    return OutcomeStatus.RECORDED if done else OutcomeStatus.IN_PROGRESS


def is_empty(result: Result) -> bool:
    """True for a result that holds nothing at all: it is stored as no outcome."""
    if isinstance(result, RankResult):
        return not result.levels and not result.typed.strip()
    if isinstance(result, MatchResult):
        return not any(result.assignments.values())
    return not result.responses


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
