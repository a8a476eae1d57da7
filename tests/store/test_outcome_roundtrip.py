"""Any valid outcome saved is read back exactly, from memory and after reopening the file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.decks.model import Deck, PromptKind
from facilitator.outcomes import (
    NOBODY,
    STORED_STATUSES,
    UNSURE,
    MatchResult,
    PromptResponse,
    PromptsResult,
    RankResult,
    Result,
    Verdict,
    is_empty,
)
from facilitator.store import Store
from facilitator.store.validation import match_suits
from tests.store.conftest import Evening, plan_evening

RANK_CODES = [f"R{n}" for n in range(1, 11)]


@st.composite
def rank_results(draw: st.DrawFn) -> RankResult:
    placed = draw(st.permutations(RANK_CODES))[: draw(st.integers(0, len(RANK_CODES)))]
    levels: list[tuple[str, ...]] = []
    rest = list(placed)
    while rest:
        size = draw(st.integers(1, len(rest)))
        levels.append(tuple(rest[:size]))
        rest = rest[size:]
    return RankResult(tuple(levels))


@st.composite
def match_results(draw: st.DrawFn, deck: Deck) -> MatchResult:
    targets, items = match_suits(deck)
    chosen = draw(st.lists(st.sampled_from(sorted(items)), unique=True))
    assignments = {}
    for item in chosen:
        assignments[item] = draw(
            st.sampled_from([(NOBODY,), (UNSURE,)])
            | st.lists(st.sampled_from(sorted(targets)), min_size=1, unique=True).map(tuple)
        )
    return MatchResult(assignments)


clean_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
points = clean_text.map(str.strip).filter(bool)
votes = st.none() | st.integers(0, 500)


# The sample deck's P1 and P2 are questions (a verdict, any side); P3 and P4 open questions
# (points and a summary; no verdict, or "not discussed").
OPEN = ("P3", "P4")


@st.composite
def prompts_results(draw: st.DrawFn) -> PromptsResult:
    codes = draw(st.lists(st.sampled_from(["P1", "P2", "P3", "P4"]), unique=True))
    return PromptsResult(
        {
            code: PromptResponse(
                verdict=draw(
                    st.sampled_from([None, Verdict.NOT_DISCUSSED])
                    if code in OPEN
                    else st.none() | st.sampled_from(list(Verdict))
                ),
                votes_for=draw(votes),
                votes_against=draw(votes),
                votes_abstain=draw(votes),
                position=draw(clean_text),
                key_points=tuple(draw(st.lists(points, max_size=5))),
                notes=draw(clean_text),
                kind=PromptKind.OPEN_QUESTION if code in OPEN else PromptKind.QUESTION,
                summary=draw(points | st.just("")),
            )
            for code in codes
        }
    )


@pytest.fixture
def file_evening(
    db_file: Path, rank_deck: Deck, match_deck: Deck, prompts_deck: Deck
) -> Iterator[tuple[Store, Evening]]:
    with Store.open(db_file) as store:
        yield store, plan_evening(store, rank_deck, match_deck, prompts_deck)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_valid_outcome_round_trips_through_the_file(
    file_evening: tuple[Store, Evening], match_deck: Deck, data: st.DataObject
) -> None:
    store, evening = file_evening
    item = data.draw(st.sampled_from([evening.rank, evening.match, evening.prompts]))
    result: Result = data.draw(
        {
            evening.rank.id: rank_results(),
            evening.match.id: match_results(match_deck),
            evening.prompts.id: prompts_results(),
        }[item.id]
    )
    table = data.draw(st.sampled_from(evening.tables))
    status = data.draw(st.sampled_from(STORED_STATUSES))
    saved = store.save_outcome(table.id, item.id, result, status)
    assert store.path is not None
    if is_empty(result):  # nothing placed, ticked or answered: no outcome at all
        assert saved is None
        with Store.open(store.path, read_only=True) as reader:
            assert reader.get_outcome(table.id, item.id) is None
        return
    assert saved is not None and saved.result == result and saved.status == status
    with Store.open(store.path, read_only=True) as reader:
        assert reader.get_outcome(table.id, item.id) == saved
