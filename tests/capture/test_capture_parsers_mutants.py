"""The match grid and prompt answers, case by case: what each key or box does to the result."""

from __future__ import annotations

import pytest

from facilitator.capture import match_grid, prompt_entry
from facilitator.decks import file as deck_file
from facilitator.decks.model import ActivityKind, Deck
from facilitator.errors import InputError
from facilitator.outcomes import MatchResult, PromptResponse, PromptsResult, Verdict
from tests.conftest import SAMPLE_DECKS

MATCH = deck_file.load(SAMPLE_DECKS / "pmo-role-activities.deck.json")


# --- the match grid ---------------------------------------------------------------------------


def test_the_first_suit_gives_the_columns_and_every_other_card_a_row():
    layout = match_grid.layout_of(MATCH)
    first = MATCH.suits[0].name
    assert all(c.suit == first for c in layout.targets)
    assert len(layout.targets) + len(layout.items) == len(MATCH.cards)
    assert all(c.suit != first for c in layout.items)
    empty = match_grid.layout_of(Deck(title="x", kind=ActivityKind.MATCH))
    assert (empty.targets, empty.items, empty.columns) == ((), (), ("nobody", "unsure"))


def test_a_role_ticked_after_a_marker_replaces_the_marker_and_keeps_order():
    r = MatchResult({"A1": ("unsure",)})
    r = match_grid.toggle(r, "A1", "R7")
    assert r.assignments == {"A1": ("R7",)}
    r = match_grid.toggle(r, "A1", "R1")
    assert r.assignments == {"A1": ("R7", "R1")}  # in the order ticked
    r = match_grid.toggle(r, "A1", "R7")  # unticking one keeps the others
    assert r.assignments == {"A1": ("R1",)}
    r = match_grid.toggle(r, "A1", "unsure")
    r = match_grid.toggle(r, "A1", "nobody")  # one marker replaces the other
    assert r.assignments == {"A1": ("nobody",)}
    assert match_grid.toggle(r, "A1", "nobody").assignments == {}  # a marker unticks too
    r = match_grid.toggle(r, "A2", "R5")  # other rows are left alone
    assert r.assignments == {"A1": ("nobody",), "A2": ("R5",)}


def test_clearing_a_row_forgets_it_and_leaves_the_rest():
    r = MatchResult({"A1": ("R1",), "A2": ("nobody",)})
    assert match_grid.clear(r, "A1").assignments == {"A2": ("nobody",)}
    assert match_grid.clear(r, "A9").assignments == r.assignments
    assert match_grid.with_targets(r, "A3", ("R5",)).assignments == {
        "A1": ("R1",),
        "A2": ("nobody",),
        "A3": ("R5",),
    }
    assert r.assignments == {"A1": ("R1",), "A2": ("nobody",)}  # the result given is unchanged


def test_a_matching_is_saved_in_the_grids_order():
    layout = match_grid.layout_of(MATCH)
    items = [c.code for c in layout.items]
    r = MatchResult({items[2]: ("R7", "R1"), items[0]: ("unsure",), items[1]: ("R10", "R5")})
    ordered = match_grid.ordered(r, layout)
    assert list(ordered.assignments) == items[:3]
    assert ordered.assignments == {
        items[0]: ("unsure",),
        items[1]: ("R5", "R10"),
        items[2]: ("R1", "R7"),
    }
    # An item or target not in the grid (a deck edited since) is kept out or put last.
    odd = MatchResult({items[0]: ("R99", "R1"), "Z9": ("R1",)})
    assert match_grid.ordered(odd, layout).assignments == {items[0]: ("R1", "R99")}


def test_targets_read_as_codes_names_or_the_markers_word():
    titles = {"R1": "Project Administrator"}
    assert match_grid.describe_targets(("nobody",)) == "Nobody"
    assert match_grid.describe_targets(("R1",)) == "R1"
    assert match_grid.describe_targets(("R1", "R9"), titles) == "R1 Project Administrator, R9"
    assert match_grid.describe_targets(()) == ""


# --- prompt answers -----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "votes"), [("0", 0), (" 12 ", 12), ("007", 7), ("\t", None)])
def test_votes_typed_in_a_box(text, votes):
    assert prompt_entry.parse_votes(text, "For") == votes


def test_a_vote_that_is_not_a_count_of_people_is_named_with_its_box():
    for typed in ("-1", "2.5", "five"):
        with pytest.raises(InputError) as caught:
            prompt_entry.parse_votes(typed, "Against")
        assert str(caught.value) == f'Against: "{typed}" is not a number of people'
    with pytest.raises(InputError) as long:
        prompt_entry.parse_votes("x" * 30, "For")
    assert str(long.value) == 'For: "' + "x" * 20 + '" is not a number of people'


def test_an_answer_is_created_once_and_then_changed_in_place():
    r = prompt_entry.update(PromptsResult({}), "P1", position="Logical")
    assert r.responses["P1"] == PromptResponse(position="Logical")  # the default verdict
    r = prompt_entry.update(r, "P1", verdict=Verdict.AGREED)
    assert r.responses["P1"] == PromptResponse(verdict=Verdict.AGREED, position="Logical")
    assert prompt_entry.response_of(r, "P1") is r.responses["P1"]
    assert prompt_entry.response_of(r, "P2") is None


@pytest.mark.parametrize(
    ("typed", "details"),
    [
        ({}, False),
        ({"votes_for": 0}, True),
        ({"votes_against": 3}, True),
        ({"votes_abstain": 1}, True),
        ({"position": " x "}, True),
        ({"position": "  "}, False),
        ({"key_points": ("a",)}, True),
        ({"notes": "n"}, True),
        ({"notes": " \n"}, False),
    ],
)
def test_what_counts_as_more_than_a_verdict(typed, details):
    assert prompt_entry.has_details(PromptResponse(**typed)) is details


def test_taking_back_a_verdict_that_was_never_given_changes_nothing():
    talking = PromptsResult({"P1": PromptResponse(verdict=None, position="Split")})
    assert prompt_entry.clear_verdict(talking, "P1") is talking
    assert prompt_entry.clear_verdict(talking, "P2") is talking
    other = PromptsResult(
        {"P1": PromptResponse(verdict=Verdict.AGREED), "P2": PromptResponse(notes="n")}
    )
    assert prompt_entry.clear_verdict(other, "P1").responses == {"P2": PromptResponse(notes="n")}


@pytest.mark.parametrize(
    ("response", "line"),
    [
        (None, "—"),
        (PromptResponse(verdict=Verdict.DIVIDED), "Divided"),
        (PromptResponse(verdict=Verdict.DIVIDED, votes_for=5, votes_against=1), "Divided · 5–1"),
        (PromptResponse(verdict=Verdict.DIVIDED, votes_against=2), "Divided · ?–2"),
        (
            PromptResponse(verdict=Verdict.DIVIDED, votes_for=3, votes_against=3, votes_abstain=2),
            "Divided · 3–3 (2 abstained)",
        ),
        (PromptResponse(verdict=Verdict.DIVIDED, votes_abstain=0), "Divided · ?–?"),
        (PromptResponse(verdict=Verdict.DIVIDED, key_points=("a",)), "Divided · 1 point"),
        (PromptResponse(verdict=None, key_points=("a", "b", "c")), "No verdict yet · 3 points"),
    ],
)
def test_the_side_by_side_line_for_an_answer(response, line):
    assert prompt_entry.describe(response) == line


@pytest.mark.parametrize(
    ("typed", "line"),
    [
        ({}, "Not discussed"),
        ({"verdict": None}, "No points yet"),
        ({"verdict": None, "key_points": ("a",)}, "1 point"),
        ({"verdict": Verdict.NOT_DISCUSSED, "key_points": ("a",)}, "1 point"),
        (
            {"verdict": None, "key_points": ("a", "b"), "summary": "  Start small "},
            "2 points · “Start small”",
        ),
        ({"verdict": None, "summary": "   "}, "No points yet"),
    ],
)
def test_an_open_question_leads_with_its_points_not_a_verdict(typed, line):
    from facilitator.outcomes import PromptKind

    response = PromptResponse(kind=PromptKind.OPEN_QUESTION, **typed)
    assert prompt_entry.describe(response) == line


def test_a_summary_alone_counts_as_more_than_a_verdict_and_no_answer_has_no_verdict():
    assert prompt_entry.has_details(PromptResponse(summary="Start small"))
    assert not prompt_entry.has_details(PromptResponse(summary="  "))
    assert not prompt_entry.has_verdict(None)
    assert not prompt_entry.has_verdict(PromptResponse(verdict=None))
    assert prompt_entry.has_verdict(PromptResponse(verdict=Verdict.DIVIDED))
