"""What a report holds: the consensus of an event or a series, as immutable values.

Built from the store by `build.py`; every output (Markdown, PDF, CSV, JSON, the Report page)
only presents these values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from facilitator.analysis import ItemAgreement, MergedPoint, WTest, verdict_counts
from facilitator.decks.model import PromptKind
from facilitator.outcomes import MARKER_LABELS, PromptResponse, Verdict


@dataclass(frozen=True)
class TableInfo:
    id: str
    number: int
    name: str
    colour: str


@dataclass(frozen=True)
class CardInfo:
    code: str
    title: str


@dataclass(frozen=True)
class TableRanking:
    """One table's order and how far it is from the consensus.

    `distance`: pairs of cards the table orders the other way round from the consensus
    (Kendall tau distance); `share`: that over the pairs the table ordered at all (0 to 1).
    `disagreement[card]`: of the pairs with that card the table ordered, the share it put the
    other way round from the consensus (what colours its cell in the rank grid).
    """

    table: TableInfo
    levels: tuple[tuple[str, ...], ...]
    left_out: tuple[str, ...]
    distance: int
    share: float
    outlier: bool
    disagreement: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class HeadToHead:
    """How many tables put `first` above `second`, and the reverse (ties count in neither)."""

    first: str
    second: str
    first_above: int
    second_above: int


@dataclass(frozen=True)
class Split:
    """Places the equally good consensus orders fill differently: `cards` (deck order) share
    places `first` to `last`; `votes` says how the tables ordered each pair of them."""

    cards: tuple[str, ...]
    first: int
    last: int
    votes: tuple[HeadToHead, ...]


@dataclass(frozen=True)
class RankSection:
    item_id: str
    title: str
    cards: tuple[CardInfo, ...]  # the deck's cards, in deck order
    consensus: tuple[str, ...]  # the first best order in deck order, best first
    consensus_exact: bool  # False: the best order found, not proven optimal
    consensus_distance: float
    kendall_w: float | None  # None with fewer than two tables
    borda: Mapping[str, float]
    tables: tuple[TableRanking, ...]  # the recorded orders that count
    not_recorded: tuple[TableInfo, ...]  # no order at all
    in_progress: tuple[TableInfo, ...] = ()  # an order still being typed or with an unknown code
    all_tied: tuple[TableInfo, ...] = ()  # recorded, but every card tied: it says nothing
    w_test: WTest | None = None  # None with fewer than two tables
    consensus_count: int = 1  # how many orders are equally good
    splits: tuple[Split, ...] = ()
    unanimous: tuple[tuple[str, int], ...] = ()  # (card, place) every table gave it alone

    kind = "rank"

    def title_of(self, code: str) -> str:
        return next((c.title for c in self.cards if c.code == code), code)


@dataclass(frozen=True)
class TableMatching:
    table: TableInfo
    assignments: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class MatchSection:
    item_id: str
    title: str
    targets: tuple[CardInfo, ...]  # e.g. the roles (the deck's first suit)
    items: tuple[CardInfo, ...]  # e.g. the activities
    agreement: Mapping[str, ItemAgreement]  # by item code; items no table placed are absent
    disputed: tuple[str, ...]  # item codes, least agreed first
    tables: tuple[TableMatching, ...]
    not_recorded: tuple[TableInfo, ...]
    in_progress: tuple[TableInfo, ...] = ()

    kind = "match"

    def title_of(self, code: str) -> str:
        for card in (*self.targets, *self.items):
            if card.code == code:
                return card.title
        return MARKER_LABELS.get(code, code)  # the words of the capture screen and sheets


@dataclass(frozen=True)
class TableResponse:
    table: TableInfo
    response: PromptResponse


@dataclass(frozen=True)
class PromptSummary:
    code: str
    question: str
    body: str
    verdicts: Mapping[Verdict, int]  # every verdict, in Verdict order (questions only)
    responses: tuple[TableResponse, ...]  # tables that recorded this prompt
    points: tuple[MergedPoint, ...]  # merged across the tables that recorded it
    kind: PromptKind = PromptKind.QUESTION
    in_progress: tuple[TableResponse, ...] = ()  # still talking: named, never counted
    # Tables that recorded the activity but nothing for this prompt: named, never counted.
    not_reached: tuple[TableInfo, ...] = ()
    previous: PromptAtEvent | None = None  # the series' last event before this that had it


@dataclass(frozen=True)
class PromptsSection:
    item_id: str
    title: str
    prompts: tuple[PromptSummary, ...]
    not_recorded: tuple[TableInfo, ...]
    in_progress: tuple[TableInfo, ...] = ()

    kind = "prompts"


Section = RankSection | MatchSection | PromptsSection


@dataclass(frozen=True)
class EventReport:
    event_id: str
    title: str
    series: str
    starts: str
    venue: str
    tables: tuple[TableInfo, ...]
    sections: tuple[Section, ...]
    outcome_count: int


@dataclass(frozen=True)
class EventSummary:
    event_id: str
    title: str
    starts: str
    venue: str


@dataclass(frozen=True)
class PromptAtEvent:
    """One event's answers to a prompt; `tables` and `verdicts` are counted from `responses`.

    They are fields computed on creation rather than properties so that the JSON export, which
    writes a report's fields, keeps them.
    """

    event: EventSummary
    tables: int = field(init=False)  # tables that recorded the prompt
    verdicts: Mapping[Verdict, int] = field(init=False)
    points: tuple[MergedPoint, ...]
    responses: tuple[TableResponse, ...]  # what each of those tables said

    def __post_init__(self) -> None:
        # A frozen dataclass sets its own fields through object.__setattr__.
        object.__setattr__(self, "tables", len(self.responses))
        object.__setattr__(
            self, "verdicts", verdict_counts(r.response.verdict for r in self.responses)
        )


@dataclass(frozen=True)
class SeriesPoint:
    """A point merged across the series: how many tables raised it, at which events."""

    text: str
    tables: int
    events: tuple[str, ...]  # the events' labels, "PMO Flashmob London (12 Mar 2015)"


@dataclass(frozen=True)
class SeriesPrompt:
    """One prompt (matched by card id, or else by its wording) across the series' events."""

    question: str
    events: tuple[PromptAtEvent, ...]  # the events where a table recorded it
    verdicts: Mapping[Verdict, int]  # across every event
    points: tuple[SeriesPoint, ...]  # merged across every table of every event
    silent: tuple[EventSummary, ...] = ()  # on the agenda, but no table recorded it
    kind: PromptKind = PromptKind.QUESTION


@dataclass(frozen=True)
class RankingAtEvent:
    event: EventSummary
    tables: int
    consensus: tuple[str, ...]
    kendall_w: float | None
    # Pairs of cards the consensus put the other way round since the previous event, counting
    # only cards both events had and never a pair either event left split (tied).
    moved_from_previous: int | None
    compared_cards: int = 0  # how many cards that comparison covered
    w_test: WTest | None = None  # W's test against chance at that event


@dataclass(frozen=True)
class SeriesRanking:
    """One ranking activity (matched by deck title) across the series' events."""

    title: str
    cards: tuple[CardInfo, ...]
    events: tuple[RankingAtEvent, ...]

    def title_of(self, code: str) -> str:
        return next((c.title for c in self.cards if c.code == code), code)


@dataclass(frozen=True)
class SeriesReport:
    name: str
    events: tuple[EventReport, ...]
    prompts: tuple[SeriesPrompt, ...]
    rankings: tuple[SeriesRanking, ...]
    # Every recorded table of every event pooled into one consensus (a ranking, by its cards
    # every event had) or one heat map (a matching); table names carry their event.
    pooled: tuple[RankSection | MatchSection, ...] = ()
    quiet: tuple[EventSummary, ...] = ()  # events where nothing was recorded
    left_out_of_pool: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # by title


Report = EventReport | SeriesReport
