"""Only what the tables committed to counts: orders still being typed, emptied boxes and orders
that tie every card are named in the write-up, never counted in the consensus or in W."""

import pytest

from facilitator import analysis
from facilitator.decks import file as deck_file
from facilitator.outcomes import (
    OutcomeStatus,
    PromptResponse,
    PromptsResult,
    RankResult,
    Verdict,
)
from facilitator.reports import build_event_report, render
from facilitator.reports.wording import agreement_sentence, progress_sentence
from tests.conftest import SAMPLE_DECKS

TOP = ("R10", "R9", "R8", "R7", "R6", "R5", "R4", "R3", "R2", "R1")
NEAR = ("R10", "R9", "R7", "R8", "R6", "R5", "R4", "R3", "R2", "R1")


def evening(store, tables):
    event = store.create_event(title="Hierarchy night", table_count=tables)
    deck = deck_file.load(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")
    item = store.add_agenda_item(event.id, deck)
    return event, item, store.list_tables(event.id)


def strict(order):
    return tuple((code,) for code in order)


def rank_section(store, event):
    return build_event_report(store, event.id).sections[0]


def test_two_tables_agreeing_and_one_half_typed_count_only_the_two(store):
    event, item, (one, two, three) = evening(store, 3)
    store.save_outcome(one.id, item.id, RankResult(strict(TOP)))
    store.save_outcome(two.id, item.id, RankResult(strict(NEAR)))
    # Table 3 typed a code the deck does not have: its order is still in progress.
    store.save_outcome(three.id, item.id, RankResult(strict(TOP[:5]), typed="R10 R9 R8 R7 R6 RX"))
    section = rank_section(store, event)
    assert [t.table.name for t in section.tables] == ["Table 1", "Table 2"]
    assert section.w_test.tables == 2
    assert section.kendall_w == pytest.approx(analysis.kendall_w([strict(TOP), strict(NEAR)]))
    assert [t.name for t in section.in_progress] == ["Table 3"]
    assert progress_sentence(section) == (
        "Table 3 had not finished its order, so it is not counted."
    )
    text = render(build_event_report(store, event.id), "md").decode()
    assert "**Table 3**" not in text  # no entry, no distance for an order not committed
    assert "Table 3 had not finished its order, so it is not counted." in text


def test_a_saved_order_typed_half_way_is_in_progress_until_committed(store):
    event, item, (one, two, three) = evening(store, 3)
    for table in (one, two):
        store.save_outcome(table.id, item.id, RankResult(strict(TOP)))
    store.save_outcome(three.id, item.id, RankResult(strict(TOP[:5])), OutcomeStatus.IN_PROGRESS)
    section = rank_section(store, event)
    assert len(section.tables) == 2 and [t.name for t in section.in_progress] == ["Table 3"]


def test_an_emptied_box_is_no_outcome_and_is_named_as_not_recorded(store):
    event, item, (one, two, three) = evening(store, 3)
    for table in (one, two, three):
        store.save_outcome(table.id, item.id, RankResult(strict(TOP)))
    store.save_outcome(three.id, item.id, RankResult(()))  # the box emptied
    section = rank_section(store, event)
    assert len(section.tables) == 2
    assert [t.name for t in section.not_recorded] == ["Table 3"]
    assert "Nothing recorded for Table 3." in progress_sentence(section)


def test_a_table_that_tied_every_card_says_nothing_and_is_not_counted(store):
    event, item, (one, two, three) = evening(store, 3)
    store.save_outcome(one.id, item.id, RankResult(strict(TOP)))
    store.save_outcome(two.id, item.id, RankResult(strict(NEAR)))
    store.save_outcome(three.id, item.id, RankResult((TOP,)))
    section = rank_section(store, event)
    assert [t.table.name for t in section.tables] == ["Table 1", "Table 2"]
    assert [t.name for t in section.all_tied] == ["Table 3"]
    assert "Table 3 tied every card, so its order says nothing and is not counted." in (
        progress_sentence(section)
    )


def test_w_words_only_what_the_data_can_bear(store):
    event, item, tables = evening(store, 4)
    for table in tables[:2]:
        store.save_outcome(table.id, item.id, RankResult(strict(TOP)))
    two = rank_section(store, event)
    # Two identical orders: W = 1, yet two tables cannot tell agreement from chance.
    assert two.kendall_w == pytest.approx(1.0)
    assert "with 2 tables this cannot be told apart from chance" in agreement_sentence(two)
    assert "agreement," not in agreement_sentence(two)
    for table in tables[2:]:
        store.save_outcome(table.id, item.id, RankResult(strict(TOP)))
    four = rank_section(store, event)
    sentence = agreement_sentence(four)
    assert "very strong agreement, unlikely to be chance" in sentence
    assert "permutation" not in sentence and "reshuffles of each table's places" in sentence
    assert "chance alone gives about 0.25" in sentence


def test_a_table_still_talking_adds_nothing_to_the_verdicts_or_the_points(store):
    event = store.create_event(title="Still talking", table_count=3)
    deck = deck_file.load(SAMPLE_DECKS / "pmo-flashmob-prompts.deck.json")
    item = store.add_agenda_item(event.id, deck)
    one, two, three = store.list_tables(event.id)
    decided = PromptResponse(Verdict.AGREED_NO, key_points=("Influence, not authority",))
    store.save_outcome(one.id, item.id, PromptsResult({"P2": decided}))
    store.save_outcome(two.id, item.id, PromptsResult({"P2": decided}))
    talking = PromptResponse(verdict=None, key_points=("Influence, not authority", "Budgets"))
    store.save_outcome(three.id, item.id, PromptsResult({"P2": talking}))
    prompt = build_event_report(store, event.id).sections[0].prompts[1]
    assert [tr.table.name for tr in prompt.responses] == ["Table 1", "Table 2"]
    assert [tr.table.name for tr in prompt.in_progress] == ["Table 3"]
    assert [(p.text, p.tables) for p in prompt.points] == [("Influence, not authority", 2)]
    assert prompt.verdicts[Verdict.AGREED_NO] == 2
