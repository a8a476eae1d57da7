"""Where tables split, the write-up says so, and table numbering never decides the consensus."""

import itertools

from facilitator.decks import file as deck_file
from facilitator.outcomes import RankResult
from facilitator.reports import build_event_report, build_series_report, render
from facilitator.reports.build import moved_between
from facilitator.reports.wording import glance_sentences, split_sentence, unanimous_sentence
from tests.conftest import SAMPLE_DECKS

A = ("R10", "R9", "R8", "R7", "R6", "R5", "R4", "R3", "R2", "R1")
B = ("R10", "R9", "R8", "R7", "R6", "R5", "R4", "R3", "R1", "R2")  # the last two swapped
C = ("R10", "R9", "R7", "R8", "R6", "R5", "R4", "R3", "R2", "R1")
D = ("R10", "R9", "R8", "R7", "R6", "R5", "R3", "R4", "R2", "R1")


def strict(order):
    return tuple((code,) for code in order)


def event_with(store, orders, title="Split night", starts=""):
    event = store.create_event(title=title, table_count=len(orders), series="Splits", starts=starts)
    deck = deck_file.load(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")
    item = store.add_agenda_item(event.id, deck)
    for table, order in zip(store.list_tables(event.id), orders, strict=True):
        store.save_outcome(table.id, item.id, RankResult(order))
    return event


def test_a_two_two_split_is_described_as_a_split_not_a_firm_order(store):
    # Two tables put Project Administrator (R1) last, two put Project Support Officer (R2).
    event = event_with(store, [strict(A), strict(A), strict(B), strict(B)])
    section = build_event_report(store, event.id).sections[0]
    assert section.consensus_count == 2
    (split,) = section.splits
    assert (split.cards, split.first, split.last) == (("R1", "R2"), 9, 10)
    assert split_sentence(section, split) == (
        "Project Administrator and Project Support Officer: 2–2, joint 9th."
    )
    assert unanimous_sentence(section) == (
        "Every table put Head of Portfolio Office first, Portfolio Manager second, "
        "Programme Manager third, PMO Manager 4th, Project Manager 5th, PMO Analyst 6th, "
        "Planner / Scheduler 7th and Project Coordinator 8th."
    )
    text = render(build_event_report(store, event.id), "md").decode()
    assert "| 9= | Project Administrator |" in text and "| 9= | Project Support Officer |" in text
    assert "Where the tables split:" in text
    glance = " ".join(glance_sentences(build_event_report(store, event.id)))
    assert "Every table put Head of Portfolio Office first" in glance
    assert (
        "In “PMO roles: agree the hierarchy” the tables split 2–2 on Project Administrator "
        "and Project Support Officer (joint 9th)." in glance
    )


def test_the_published_consensus_is_the_same_whatever_the_table_numbering(store):
    orders = [strict(A), strict(B), strict(C), strict(D)]
    published = set()
    for n, perm in enumerate(itertools.permutations(orders)):
        event = event_with(store, list(perm), title=f"Numbering {n}")
        section = build_event_report(store, event.id).sections[0]
        published.add((section.consensus, tuple(s.cards for s in section.splits)))
    assert len(published) == 1


def test_series_movement_ignores_split_pairs_and_cards_one_event_lacked(store):
    first = event_with(store, [strict(A), strict(A), strict(B), strict(B)], starts="2015-03-12")
    # At the second event every table puts R2 above R1. The first event split on that pair
    # 2–2 (its printed order, by the deck, has R1 first): no swap, since nobody settled it.
    second = event_with(store, [strict(A)] * 3, title="Later", starts="2015-08-20")
    before = build_event_report(store, first.id).sections[0]
    after = build_event_report(store, second.id).sections[0]
    assert before.consensus[-2:] == ("R1", "R2") and after.consensus[-2:] == ("R2", "R1")
    assert moved_between(before, after) == (0, 10)
    series = build_series_report(store, "Splits")
    assert [at.moved_from_previous for at in series.rankings[0].events] == [None, 0]


def test_a_card_added_to_the_deck_is_not_counted_as_movement(store):
    short = [code for code in A if code != "R5"]
    first = event_with(store, [strict(short)] * 2, starts="2015-03-12")
    second = event_with(store, [strict(A)] * 2, title="Later", starts="2015-08-20")
    before = build_event_report(store, first.id).sections[0]
    after = build_event_report(store, second.id).sections[0]
    assert moved_between(before, after) == (0, 9)


def test_rank_cells_are_coloured_by_pairwise_disagreement_not_by_place_shift(store):
    halves = (A[:5], A[5:])  # two tied halves: places shift, yet no pair is reversed
    # Programme Manager above a tie of the top two: a tied pair is no disagreement either.
    raised = (("R8",), ("R10", "R9"), *strict(A[3:]))
    event = event_with(store, [strict(A), strict(A), halves, strict(B), raised])
    section = build_event_report(store, event.id).sections[0]
    by_table = {t.table.name: t.disagreement for t in section.tables}
    assert set(by_table["Table 3"].values()) == {0.0}
    assert by_table["Table 5"]["R8"] == 2 / 9
    assert by_table["Table 5"]["R10"] == 1 / 8  # 8 pairs ordered (not R9), 1 reversed
    swapped = by_table["Table 4"]
    assert swapped["R1"] == swapped["R2"] == 1 / 9
    assert all(swapped[c] == 0.0 for c in A[:8])


def test_last_time_in_london_this_was_divided(store):
    from facilitator.reports.sample_evening import create_sample_series

    _, birmingham = create_sample_series(store)
    glance = " ".join(glance_sentences(build_event_report(store, birmingham.id)))
    assert (
        "On “Should the PMO have authority to stop projects?” all 3 tables agreed: no "
        "(last time, at PMO Flashmob London (12 Mar 2015), opinion was divided)."
    ) in glance
