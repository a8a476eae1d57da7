"""Report data for an event and for a series, built from the store."""

import pytest

from facilitator.errors import InputError
from facilitator.outcomes import Verdict
from facilitator.reports import build_event_report, build_series_report
from facilitator.reports.model import MatchSection, PromptsSection, RankSection
from facilitator.reports.sample_evening import ORDERS
from facilitator.reports.wording import movement_sentence, verdict_sentence


def test_the_event_report_has_a_section_per_agenda_item(report):
    assert report.title == "PMO Flashmob Birmingham"
    assert [t.name for t in report.tables] == ["Table 1", "Table 2", "Table 3"]
    assert [type(s) for s in report.sections] == [RankSection, MatchSection, PromptsSection]
    assert report.outcome_count == 9


def test_the_hierarchy_has_a_consensus_w_and_each_tables_distance(report):
    rank = report.sections[0]
    assert isinstance(rank, RankSection)
    assert rank.consensus[:2] == ("R10", "R9")
    assert rank.consensus_exact
    assert rank.kendall_w == pytest.approx(0.52, abs=0.01)
    assert [t.levels for t in rank.tables] == list(ORDERS)
    distances = [t.distance for t in rank.tables]
    assert distances[2] > 5 * max(distances[:2])
    assert [t.outlier for t in rank.tables] == [False, False, True]
    assert rank.tables[2].left_out == ("R7",)
    assert rank.title_of("R10") == "Head of Portfolio Office"


def test_an_outlier_needs_three_tables(store, evening):
    item = store.list_agenda(evening.id)[0]
    third = store.list_tables(evening.id)[2]
    store.delete_outcome(store.get_outcome(third.id, item.id).id)
    rank = build_event_report(store, evening.id).sections[0]
    assert len(rank.tables) == 2
    assert not any(t.outlier for t in rank.tables)
    assert [t.name for t in rank.not_recorded] == ["Table 3"]


def test_the_matching_has_shares_and_the_most_disputed_items(report):
    match = report.sections[1]
    assert isinstance(match, MatchSection)
    assert [c.code for c in match.targets] == ["R1", "R5", "R6", "R7", "R9", "R10"]
    assert match.agreement["A1"].counts == {"R5": 3, "R7": 1}
    assert match.agreement["A4"].counts["R10"] == 3
    assert match.disputed[0] == "A2"  # R7, R10 and "nobody": no two tables agree
    assert "A6" not in match.agreement  # no table placed it


def test_the_prompts_have_verdicts_and_merged_points(report):
    prompts = report.sections[2]
    assert isinstance(prompts, PromptsSection)
    by_code = {p.code: p for p in prompts.prompts}
    assert by_code["P2"].verdicts[Verdict.AGREED_NO] == 3
    assert verdict_sentence(by_code["P2"].responses) == "All 3 tables agreed: no."
    points = {p.text: p.tables for p in by_code["P4"].points}
    assert points["It is hard!"] == 3
    assert [r.table.name for r in by_code["P1"].responses] == ["Table 1"]


def test_an_event_without_outcomes_reports_nothing_recorded(store):
    event = store.create_event(title="Planned", table_count=2)
    report = build_event_report(store, event.id)
    assert report.outcome_count == 0
    assert report.sections == ()


def test_an_unknown_event_or_series_is_a_plain_input_error(store, evening):
    with pytest.raises(InputError, match="no event with id"):
        build_event_report(store, "ffffffff")
    with pytest.raises(
        InputError, match='no events in the series "Nope"; the series are: PMO Flashmob'
    ):
        build_series_report(store, "Nope")


def test_the_series_follows_each_prompt_across_events(store, evening, london):
    series = build_series_report(store, "PMO Flashmob")
    assert [e.title for e in series.events] == ["PMO Flashmob London", "PMO Flashmob Birmingham"]
    stop = next(p for p in series.prompts if "stop projects" in p.question)
    assert [at.event.title for at in stop.events] == [e.title for e in series.events]
    assert stop.events[0].verdicts[Verdict.DIVIDED] == 2
    assert stop.events[1].verdicts[Verdict.AGREED_NO] == 3
    assert [at.tables for at in stop.events] == [3, 3]
    assert stop.verdicts[Verdict.AGREED_NO] == 3
    assert stop.verdicts[Verdict.AGREED] == 1  # London's, from before sides were recorded
    assert movement_sentence(stop) == (
        "At PMO Flashmob London (12 Mar 2015) opinion was divided; "
        "at PMO Flashmob Birmingham (20 Aug 2015) every table agreed: no."
    )
    assert {p.text: p.tables for p in stop.points}["Depends on the mandate"] == 3


def test_the_series_shows_how_the_consensus_moved(store, evening, london):
    series = build_series_report(store, "PMO Flashmob")
    (ranking,) = series.rankings
    assert [at.moved_from_previous for at in ranking.events] == [None, 0]
    assert ranking.events[0].consensus == ranking.events[1].consensus


def test_a_series_pools_every_table_and_says_where_nothing_was_recorded(store, evening, london):
    from facilitator.decks import file as deck_file
    from facilitator.reports.markdown import render_markdown
    from tests.conftest import SAMPLE_DECKS

    quiet = store.create_event(
        title="PMO Flashmob Leeds", series="PMO Flashmob", starts="2015-10-01", table_count=2
    )
    store.add_agenda_item(quiet.id, deck_file.load(SAMPLE_DECKS / "pmo-flashmob-prompts.deck.json"))
    series = build_series_report(store, "PMO Flashmob")
    assert [e.title for e in series.quiet] == ["PMO Flashmob Leeds"]
    rank, match = series.pooled
    assert len(rank.tables) == 6 and len(match.tables) == 6
    assert rank.tables[0].table.name == "Table 1 (12 Mar 2015)"
    stop = next(p for p in series.prompts if "stop projects" in p.question)
    assert [e.title for e in stop.silent] == ["PMO Flashmob Leeds"]
    points = {p.text: p.events for p in stop.points}
    assert points["Depends on the mandate"] == ("PMO Flashmob London (12 Mar 2015)",)
    text = render_markdown(series)
    assert "Nothing was recorded at PMO Flashmob Leeds (1 Oct 2015), so it adds nothing" in text
    assert "On the agenda at PMO Flashmob Leeds (1 Oct 2015), but no table recorded it." in text
