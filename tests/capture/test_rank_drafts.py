"""An order typed with typos stays in progress, and its text is kept, until they are fixed."""

from facilitator.capture.progress import ItemState, state_of
from facilitator.capture.rank_drafts import problems, ranking_as_typed, text_for
from facilitator.decks import file as deck_file
from facilitator.outcomes import RankResult
from tests.conftest import SAMPLE_DECKS

ROLES = deck_file.load(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")
TYPOS = "R10 R8 R9 R7 R6 R12 R5 R5 R3"


def test_an_order_with_typos_is_in_progress_however_much_is_placed():
    result = ranking_as_typed(TYPOS, ROLES)
    assert len(result.levels) == 7  # what is valid is still the order
    assert result.typed == TYPOS  # and the typing goes with it
    found = problems(ROLES, result)
    assert found == ("R12 is not a card of this deck", "R5 is already placed at 6")
    assert state_of(result, ROLES, problems=len(found)) == ItemState.IN_PROGRESS
    assert text_for(ROLES, result) == TYPOS  # shown again as typed


def test_only_typos_is_in_progress_not_not_started():
    result = ranking_as_typed("R12", ROLES)
    assert result.levels == ()
    n = len(problems(ROLES, result))
    assert state_of(result, ROLES, problems=n) == ItemState.IN_PROGRESS


def test_fixing_the_typos_records_the_order_and_drops_the_typing():
    result = ranking_as_typed("R10 R8 R9 R7 R6 R5 R3", ROLES)
    assert result.typed == ""
    assert problems(ROLES, result) == ()
    assert state_of(result, ROLES) == ItemState.RECORDED
    assert text_for(ROLES, result) == "R10 R8 R9 R7 R6 R5 R3"


def test_typing_that_no_longer_describes_the_order_is_not_shown():
    edited = RankResult((("R1",), ("R2",)), typed=TYPOS)  # e.g. a file edited by hand
    assert text_for(ROLES, edited) == "R1 R2"
    assert problems(ROLES, edited) == ()


def test_a_code_still_being_typed_is_not_a_problem_yet_but_is_kept():
    result = ranking_as_typed("R3 R", ROLES)
    assert result == RankResult((("R3",),), typed="R3 R")
    assert problems(ROLES, result, typing=True) == ()
    assert problems(ROLES, result) == ("R is not a card of this deck",)
