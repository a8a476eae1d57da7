"""The verdict sentences: "agreed" is a consensus within a table, never between tables."""

import pytest

from facilitator.outcomes import PromptResponse, Verdict
from facilitator.reports.model import EventSummary, PromptAtEvent, SeriesPrompt, TableInfo
from facilitator.reports.model import TableResponse as TR
from facilitator.reports.wording import movement_sentence, side_of, verdict_sentence

AGREED, DIVIDED = Verdict.AGREED, Verdict.DIVIDED


def said(*answers):
    tables = [TableInfo(str(i), i, f"Table {i}", "#000000") for i in range(1, len(answers) + 1)]
    return [TR(t, a) for t, a in zip(tables, answers, strict=True)]


def agreed(yes=None, no=None, position=""):
    return PromptResponse(AGREED, votes_for=yes, votes_against=no, position=position)


@pytest.mark.parametrize(
    ("answers", "sentence"),
    [
        (
            (agreed(0, 5), agreed(1, 4), agreed(0, 4)),
            "All 3 tables agreed, and on the same side: against.",
        ),
        (
            (agreed(5, 0), agreed(0, 5)),
            "Both tables reached a consensus, but not the same one: 1 for, 1 against.",
        ),
        (
            (agreed(5, 0), agreed(4, 1), agreed(0, 5)),
            "All 3 tables reached a consensus, but not the same one: 2 for, 1 against.",
        ),
        (
            (agreed(position="Yes"), agreed(), agreed(position="No")),
            "All 3 tables reached a consensus; each table's position is below.",
        ),
        ((agreed(), agreed()), "Each of the 2 tables reached a consensus."),
        (
            (agreed(0, 5), agreed(0, 3), agreed(2, 2)),
            "All 3 tables reached a consensus; 2 voted against, and 1 table's votes show no side.",
        ),
        (
            (agreed(), agreed(), PromptResponse(DIVIDED)),
            "2 tables reached a consensus and 1 was divided.",
        ),
        (
            (agreed(5, 0), agreed(0, 5), PromptResponse(DIVIDED)),
            "2 tables reached a consensus and 1 was divided. "
            "The 2 tables that reached a consensus were on different sides: 1 for, 1 against.",
        ),
        (
            (agreed(0, 5), agreed(1, 3), PromptResponse(DIVIDED)),
            "2 tables reached a consensus and 1 was divided. "
            "Both tables that reached a consensus voted against.",
        ),
        ((agreed(3),), "The one table that recorded it agreed, and voted for."),
        ((PromptResponse(DIVIDED), PromptResponse(DIVIDED)), "Both tables were divided."),
        ((), "No table recorded a verdict."),
    ],
)
def test_verdict_sentences_never_read_as_agreement_between_tables(answers, sentence):
    assert verdict_sentence(said(*answers)) == sentence


def test_a_side_comes_from_the_votes_only():
    assert side_of(agreed(5, 0, position="against")) == "for"
    assert side_of(agreed(None, 3)) == "against"
    assert side_of(agreed(2, 2)) is None
    assert side_of(PromptResponse(AGREED, votes_abstain=6)) is None


def at(title, *answers):
    return PromptAtEvent(EventSummary(title, title, "", ""), (), tuple(said(*answers)))


def test_an_event_counts_its_tables_and_verdicts_from_what_the_tables_said():
    event = at("Leeds", agreed(0, 5), PromptResponse(DIVIDED), PromptResponse(None))
    assert event.tables == 3  # the table still talking recorded the prompt too...
    assert event.verdicts == {  # ...but has no verdict to count yet
        Verdict.AGREED_YES: 0,
        Verdict.AGREED_NO: 0,
        DIVIDED: 1,
        Verdict.NO_CONSENSUS: 0,
        Verdict.NOT_DISCUSSED: 0,
        AGREED: 1,
    }


def series(*events):
    return SeriesPrompt("Should the PMO stop projects?", tuple(events), {}, ())


def test_two_events_whose_tables_agreed_on_opposite_sides_are_told_apart():
    sentence = movement_sentence(
        series(at("London", agreed(5, 0), agreed(4, 0)), at("Leeds", agreed(0, 5), agreed(0, 4)))
    )
    assert sentence == (
        "At London every table reached a consensus, all voting for; "
        "at Leeds every table reached a consensus, all voting against."
    )


def test_the_same_story_at_every_event_is_one_clause():
    same = at("A", agreed(0, 5), agreed(0, 4))
    assert movement_sentence(series(same, same)) == (
        "At both events every table reached a consensus, all voting against."
    )
    split = at("B", agreed(5, 0), agreed(0, 4))
    assert movement_sentence(series(split, split, split)) == (
        "At all 3 events every table reached a consensus, but not the same one."
    )
    # "At all 3 events" only when the middle one says the same too.
    middle = at("M", PromptResponse(DIVIDED), PromptResponse(DIVIDED))
    assert movement_sentence(series(same, middle, same)).startswith("At A every table")
