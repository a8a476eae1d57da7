"""Report fixtures: the seed story's evening, a second evening of the series, awkward text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from facilitator.decks import file as deck_file
from facilitator.decks.model import ActivityKind, build_deck
from facilitator.outcomes import Event, PromptResponse, PromptsResult, RankResult, Verdict
from facilitator.reports import EventReport, build_event_report
from facilitator.reports.sample_evening import create_sample_evening
from facilitator.store import Store
from tests.conftest import SAMPLE_DECKS

# Text a user might type that could break a renderer or a spreadsheet.
MARKUP = "<b>bold</b> & <font size=40>big</font> *stars* [link](x)"
FORMULA = '=HYPERLINK("http://x")'
UNICODE = "Łódź, Αθήνα, Київ — “quotes”"
NOTES = "line one\n*two* <i>three</i> & [x](y)"


@pytest.fixture
def store() -> Iterator[Store]:
    s = Store.in_memory()
    yield s
    s.close()


@pytest.fixture
def evening(store: Store) -> Event:
    return create_sample_evening(store)


@pytest.fixture
def report(store: Store, evening: Event) -> EventReport:
    return build_event_report(store, evening.id)


@pytest.fixture
def london(store: Store, evening: Event) -> Event:
    """An earlier evening of the series where opinion on stopping projects was divided."""
    event = create_sample_evening(
        store, title="PMO Flashmob London", starts="2015-03-12T18:30", venue="The Counting House"
    )
    item = next(a for a in store.list_agenda(event.id) if a.kind == ActivityKind.PROMPTS)
    verdicts = (Verdict.DIVIDED, Verdict.DIVIDED, Verdict.AGREED)
    for table, verdict in zip(store.list_tables(event.id), verdicts, strict=True):
        outcome = store.get_outcome(table.id, item.id)
        assert outcome is not None and isinstance(outcome.result, PromptsResult)
        responses = dict(outcome.result.responses)
        responses["P2"] = PromptResponse(verdict=verdict, key_points=("Depends on the mandate",))
        store.save_outcome(table.id, item.id, PromptsResult(responses))
    return event


@pytest.fixture
def awkward(store: Store) -> Event:
    """An event whose every text field holds markup, a formula or non-Latin script."""
    event = store.create_event(title=f"{MARKUP} {UNICODE}", series=UNICODE, venue=FORMULA)
    table = store.add_table(event.id, name="<i>T</i> & Co")
    plain = store.add_table(event.id, name=FORMULA[:40])
    rank = build_deck(
        "Ranks <x>",
        ActivityKind.RANK,
        [{"title": MARKUP}, {"title": UNICODE}, {"title": FORMULA}],
    )
    prompts = deck_file.load(SAMPLE_DECKS / "pmo-flashmob-prompts.deck.json")
    rank_item = store.add_agenda_item(event.id, rank)
    prompts_item = store.add_agenda_item(event.id, prompts)
    codes = [c.code for c in rank.cards]
    store.save_outcome(table.id, rank_item.id, RankResult(((codes[0],), (codes[1], codes[2]))))
    store.save_outcome(plain.id, rank_item.id, RankResult(((codes[2],), (codes[0],))))
    store.save_outcome(
        table.id,
        prompts_item.id,
        PromptsResult(
            {
                "P1": PromptResponse(
                    verdict=Verdict.AGREED,
                    position=MARKUP,
                    key_points=(FORMULA, UNICODE, "-1 is not a number", "1. not a list"),
                    notes=NOTES,
                )
            }
        ),
    )
    return event
