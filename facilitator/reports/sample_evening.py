"""The seed story's evening as store records: three tables, a hierarchy, a matching, prompts.

Used by the self-test (to have something to report on) and by the tests and screenshots.
"""

from __future__ import annotations

from facilitator.decks import file as deck_file
from facilitator.decks.model import ActivityKind
from facilitator.outcomes import (
    Event,
    MatchResult,
    OutcomeStatus,
    PromptResponse,
    PromptsResult,
    RankResult,
    Verdict,
    open_response,
)
from facilitator.paths import sample_decks_dir
from facilitator.store import Store

RANK_DECK = "pmo-roles-hierarchy.deck.json"
MATCH_DECK = "pmo-role-activities.deck.json"
PROMPTS_DECK = "pmo-flashmob-prompts.deck.json"

# Senior first. Table 3 puts the project roles above the portfolio ones: the outlier.
ORDERS = (
    (("R10",), ("R9",), ("R8", "R7"), ("R6",), ("R5",), ("R4",), ("R3",), ("R2",), ("R1",)),
    (("R10",), ("R8",), ("R9",), ("R7",), ("R6",), ("R4",), ("R5",), ("R3",), ("R2", "R1")),
    (("R6",), ("R3",), ("R10",), ("R1",), ("R9",), ("R2",), ("R8",), ("R5",), ("R4",)),
)
MATCHINGS = (
    {"A1": ("R5", "R7"), "A2": ("R7",), "A3": ("R5",), "A4": ("R10",), "A5": ("R5",)},
    {"A1": ("R5",), "A2": ("R10",), "A3": ("R5", "R9"), "A4": ("R7", "R10"), "A5": ("R1",)},
    {"A1": ("R5",), "A2": ("nobody",), "A3": ("R9",), "A4": ("R10",), "A5": ("R1", "R5")},
)
STOP = "No authority to stop projects, but real influence as a trusted adviser."
PROMPTS = (
    {
        "P1": PromptResponse(
            verdict=Verdict.DIVIDED,
            key_points=("Would save the next project time", "The PMO taking over the world?"),
        ),
        "P2": PromptResponse(
            verdict=Verdict.AGREED_NO,
            votes_for=0,
            votes_against=5,
            position=STOP,
            key_points=("Influence, not authority", "Trusted advisers to the decision makers"),
            notes="Unanimous after ten minutes; nobody wanted the PMO to be the police.",
        ),
        "P4": open_response(
            key_points=(
                "It is hard!",
                "Pre-requisites: role profiles, good planning and estimates",
                "Organisations want detail by week or day that is not feasible",
            ),
        ),
    },
    {
        "P2": PromptResponse(
            verdict=Verdict.AGREED_NO,
            votes_for=1,
            votes_against=4,
            position=STOP,
            key_points=("influence,  NOT authority.",),
        ),
        "P3": open_response(
            summary="Start as a Project Administrator; senior roles need project experience.",
            key_points=("Chicken and egg: no job without experience",),
        ),
        "P4": open_response(key_points=("it is hard",)),
    },
    {
        "P2": PromptResponse(verdict=Verdict.AGREED_NO, votes_for=0, votes_against=4),
        "P3": open_response(key_points=("Chicken and egg: no job without experience",)),
        "P4": open_response(
            key_points=("It is hard", "You can't just switch on resource management"),
            notes="Ran out of time before a vote.",
        ),
    },
)


def create_sample_evening(
    store: Store,
    *,
    title: str = "PMO Flashmob Birmingham",
    starts: str = "2015-08-20T18:30",
    venue: str = "Le Truc, the Arcadian",
) -> Event:
    """Plan the seed story's evening in `store` and record every table's outcomes."""
    decks = [
        deck_file.load(sample_decks_dir() / name) for name in (RANK_DECK, MATCH_DECK, PROMPTS_DECK)
    ]
    event = store.create_event(
        title=title,
        series="PMO Flashmob",
        starts=starts,
        venue=venue,
        table_count=3,
    )
    rank, match, prompts = (store.add_agenda_item(event.id, deck) for deck in decks)
    for table, order, matching, responses in zip(
        store.list_tables(event.id), ORDERS, MATCHINGS, PROMPTS, strict=True
    ):
        store.save_outcome(table.id, rank.id, RankResult(order))
        # The tables placed the activities they talked about; the facilitator marked the
        # matchings and the prompts done with what they had when the evening ended.
        store.save_outcome(table.id, match.id, MatchResult(matching), OutcomeStatus.RECORDED)
        store.save_outcome(table.id, prompts.id, PromptsResult(responses), OutcomeStatus.RECORDED)
    return event


def create_sample_series(store: Store) -> tuple[Event, Event]:
    """Two evenings of the series: London in March, where opinion on stopping projects was
    divided (as the seed recalls), then the seed's Birmingham evening in August."""
    london = create_sample_evening(
        store, title="PMO Flashmob London", starts="2015-03-12T18:30", venue="The Counting House"
    )
    item = next(a for a in store.list_agenda(london.id) if a.kind == ActivityKind.PROMPTS)
    for table, verdict in zip(store.list_tables(london.id), LONDON_STOP, strict=True):
        outcome = store.get_outcome(table.id, item.id)
        if outcome is None or not isinstance(outcome.result, PromptsResult):
            continue
        responses = dict(outcome.result.responses)
        responses["P2"] = PromptResponse(verdict=verdict, key_points=("Depends on the mandate",))
        store.save_outcome(table.id, item.id, PromptsResult(responses), OutcomeStatus.RECORDED)
    return london, create_sample_evening(store)


LONDON_STOP = (Verdict.DIVIDED, Verdict.DIVIDED, Verdict.AGREED_NO)
