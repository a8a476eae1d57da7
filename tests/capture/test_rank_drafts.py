"""An order typed with typos stays in progress, and its text is kept, until they are fixed."""

from facilitator import deck_file
from facilitator.capture.progress import ItemState, state_of
from facilitator.capture.rank_drafts import RankDrafts
from facilitator.capture.rank_entry import parse_rank
from facilitator.store import RankResult
from tests.conftest import SAMPLE_DECKS

ROLES = deck_file.load(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")
KEY = ("table-3", "hierarchy")
TYPOS = "R10 R8 R9 R7 R6 R12 R5 R5 R3"


def saved(text):
    return RankResult(parse_rank(text, ROLES).levels)


def test_an_order_with_typos_is_in_progress_however_much_is_placed():
    drafts = RankDrafts()
    drafts.keep(KEY, TYPOS, ROLES)
    result = saved(TYPOS)
    assert len(result.levels) == 7  # what is valid is still saved
    problems = drafts.problems(KEY, ROLES, result)
    assert problems == ("R12 is not a card of this deck", "R5 is already placed at 6")
    assert state_of(result, ROLES, problems=len(problems)) == ItemState.IN_PROGRESS
    assert drafts.text_for(KEY, ROLES, result) == TYPOS  # shown again as typed


def test_only_typos_is_in_progress_not_not_started():
    drafts = RankDrafts()
    drafts.keep(KEY, "R12", ROLES)
    result = saved("R12")
    assert result.levels == ()
    n = len(drafts.problems(KEY, ROLES, result))
    assert state_of(result, ROLES, problems=n) == ItemState.IN_PROGRESS


def test_fixing_the_typos_records_the_order_and_drops_the_draft():
    drafts = RankDrafts()
    drafts.keep(KEY, TYPOS, ROLES)
    fixed = "R10 R8 R9 R7 R6 R5 R3"
    drafts.keep(KEY, fixed, ROLES)
    result = saved(fixed)
    assert drafts.problems(KEY, ROLES, result) == ()
    assert state_of(result, ROLES) == ItemState.RECORDED
    assert drafts.text_for(KEY, ROLES, result) == "R10 R8 R9 R7 R6 R5 R3"


def test_a_draft_the_saved_order_no_longer_matches_is_not_shown():
    drafts = RankDrafts()
    drafts.keep(KEY, TYPOS, ROLES)
    merged = RankResult((("R1",), ("R2",)))  # changed elsewhere since
    assert drafts.text_for(KEY, ROLES, merged) == "R1 R2"
    assert drafts.problems(KEY, ROLES, merged) == ()


def test_a_code_still_being_typed_is_not_a_problem_yet():
    drafts = RankDrafts()
    drafts.keep(KEY, "R3 R", ROLES)
    result = saved("R3 R")
    assert drafts.problems(KEY, ROLES, result, typing=True) == ()
    assert drafts.problems(KEY, ROLES, result) == ("R is not a card of this deck",)
