"""The match grid's ticks, prompt responses and how far a table has got."""

import pytest

from facilitator.capture import match_grid, prompt_entry
from facilitator.capture.progress import ItemState, state_of
from facilitator.decks import file as deck_file
from facilitator.errors import InputError
from facilitator.outcomes import (
    MatchResult,
    PromptResponse,
    PromptsResult,
    RankResult,
    Verdict,
    verdict_label,
)
from facilitator.reports import wording
from tests.conftest import SAMPLE_DECKS

MATCH = deck_file.load(SAMPLE_DECKS / "pmo-role-activities.deck.json")
PROMPTS = deck_file.load(SAMPLE_DECKS / "pmo-flashmob-prompts.deck.json")
ROLES = deck_file.load(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")


def test_layout_puts_roles_across_and_activities_down():
    layout = match_grid.layout_of(MATCH)
    assert layout.columns == ("R1", "R5", "R6", "R7", "R9", "R10", "nobody", "unsure")
    assert [c.code for c in layout.items][:3] == ["A1", "A2", "A3"]


def test_ticks_toggle_and_markers_replace_roles():
    r = MatchResult({})
    r = match_grid.toggle(r, "A1", "R1")
    r = match_grid.toggle(r, "A1", "R7")
    assert r.assignments == {"A1": ("R1", "R7")}
    r = match_grid.toggle(r, "A1", "nobody")
    assert r.assignments == {"A1": ("nobody",)}
    r = match_grid.toggle(r, "A1", "R5")
    assert r.assignments == {"A1": ("R5",)}
    r = match_grid.toggle(r, "A1", "R5")
    assert r.assignments == {}


def test_votes_and_points():
    assert prompt_entry.parse_votes(" 5 ", "For") == 5
    assert prompt_entry.parse_votes("", "For") is None
    with pytest.raises(InputError, match='For: "five" is not a number of people'):
        prompt_entry.parse_votes("five", "For")
    assert prompt_entry.key_points(["It is hard", "  ", " prerequisites "]) == (
        "It is hard",
        "prerequisites",
    )
    r = prompt_entry.update(PromptsResult({}), "P2", verdict=Verdict.AGREED_NO, votes_for=6)
    assert prompt_entry.describe(r.responses["P2"]) == "Agreed: no · 6–?"
    old = prompt_entry.update(PromptsResult({}), "P2", verdict=Verdict.AGREED)
    assert prompt_entry.describe(old.responses["P2"]) == "Agreed (side not recorded)"


def test_states():
    assert state_of(None, ROLES) == ItemState.NOT_STARTED
    assert state_of(RankResult((("R1",),)), ROLES) == ItemState.RECORDED
    assert state_of(MatchResult({"A1": ("R1",)}), MATCH) == ItemState.IN_PROGRESS
    all_items = {f"A{n}": ("nobody",) for n in range(1, 11)}
    assert state_of(MatchResult(all_items), MATCH) == ItemState.RECORDED
    one = prompt_entry.update(PromptsResult({}), "P2", verdict=Verdict.DIVIDED)
    assert state_of(one, PROMPTS) == ItemState.IN_PROGRESS
    assert state_of(one, PROMPTS, prompt="P2") == ItemState.RECORDED
    assert state_of(one, PROMPTS, prompt="P1") == ItemState.NOT_STARTED


def test_a_response_without_a_verdict_is_in_progress_not_recorded():
    drafted = prompt_entry.update(PromptsResult({}), "P1", verdict=None, key_points=("one", "two"))
    assert state_of(drafted, PROMPTS, prompt="P1") == ItemState.IN_PROGRESS
    assert state_of(drafted, PROMPTS) == ItemState.IN_PROGRESS
    assert prompt_entry.describe(drafted.responses["P1"]) == "No verdict yet · 2 points"
    decided = prompt_entry.update(drafted, "P1", verdict=Verdict.AGREED)
    assert state_of(decided, PROMPTS, prompt="P1") == ItemState.RECORDED


def test_clearing_a_verdict_keeps_what_was_typed_and_forgets_a_bare_verdict():
    bare = prompt_entry.update(PromptsResult({}), "P2", verdict=Verdict.DIVIDED)
    assert prompt_entry.clear_verdict(bare, "P2").responses == {}
    typed = prompt_entry.update(bare, "P2", position="Split down the middle")
    cleared = prompt_entry.clear_verdict(typed, "P2").responses["P2"]
    assert not prompt_entry.has_verdict(cleared)
    assert cleared.position == "Split down the middle"


def test_a_response_with_no_verdict_and_nothing_typed_is_dropped():
    def talking(**typed: object) -> PromptResponse:
        return PromptResponse(verdict=None, **typed)  # type: ignore[arg-type]

    typed = prompt_entry.set_response(PromptsResult({}), "P1", talking(position="Logical"))
    assert state_of(typed, PROMPTS, prompt="P1") == ItemState.IN_PROGRESS
    erased = prompt_entry.set_response(typed, "P1", talking(position="  ", notes="\n"))
    assert erased.responses == {}
    assert state_of(erased, PROMPTS, prompt="P1") == ItemState.NOT_STARTED
    decided = prompt_entry.set_response(erased, "P1", PromptResponse(verdict=Verdict.AGREED))
    assert decided.responses == {"P1": PromptResponse(verdict=Verdict.AGREED)}
    counted = prompt_entry.set_response(decided, "P2", talking(votes_abstain=0))
    assert state_of(counted, PROMPTS, prompt="P2") == ItemState.IN_PROGRESS  # 0 was counted
    assert prompt_entry.set_response(counted, "P2", talking()) == decided  # P1 stays


def test_capture_and_reports_name_verdicts_alike():
    assert verdict_label(None) == "No verdict yet"
    assert [verdict_label(v) for v in Verdict] == [
        "Agreed: yes",
        "Agreed: no",
        "Divided",
        "No consensus",
        "Not discussed",
        "Agreed (side not recorded)",
    ]
    for verdict in [None, *Verdict]:
        assert wording.verdict_label(verdict) == verdict_label(verdict)
        response = prompt_entry.update(PromptsResult({}), "P1", verdict=verdict).responses["P1"]
        assert prompt_entry.describe(response) == verdict_label(verdict)


def test_targets_are_described_by_code_or_by_name():
    titles = {c.code: c.title for c in match_grid.layout_of(MATCH).targets}
    assert match_grid.describe_targets(("R1", "R7")) == "R1, R7"
    assert match_grid.describe_targets(("R1", "R7"), titles, "\n") == (
        "R1 Project Administrator\nR7 PMO Manager"
    )
    assert match_grid.describe_targets(("unsure",), titles) == "Unsure"


def test_the_legend_keeps_each_role_on_one_line():
    text = match_grid.legend(match_grid.layout_of(MATCH).targets)
    assert text.split(match_grid.LEGEND_GAP)[0] == "R1\u00a0Project\u00a0Administrator"
    assert " " not in text.replace(match_grid.LEGEND_GAP, "")


def test_nobody_and_unsure_read_the_same_in_capture_on_paper_and_in_reports():
    from facilitator.print.capture_sheets import MATCH_MARKERS
    from facilitator.reports.model import MatchSection

    section = MatchSection(
        item_id="x",
        title="t",
        targets=(),
        items=(),
        agreement={},
        disputed=(),
        tables=(),
        not_recorded=(),
    )
    assert MATCH_MARKERS == ("Nobody", "Unsure")  # the printed capture sheet's columns
    assert [section.title_of(m) for m in match_grid.MARKERS] == list(MATCH_MARKERS)
