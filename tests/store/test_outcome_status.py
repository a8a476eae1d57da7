"""Recorded means recorded: each outcome is stored as in progress or recorded, by the same
rules in the store, in files and databases from the version before statuses, and in imports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from facilitator.decks.model import Deck, PromptKind
from facilitator.outcomes import (
    MatchResult,
    OutcomeStatus,
    PromptResponse,
    PromptsResult,
    RankResult,
    Verdict,
    is_recorded,
    open_response,
    outcome_status,
    prompt_status,
    settled_status,
)
from facilitator.store import Store
from facilitator.store.check import database_problems
from facilitator.store.validation import RecordInvalid
from tests.store.conftest import Evening, plan_evening

FIXTURES = Path(__file__).parent / "fixtures"
V2_DATABASE = FIXTURES / "schema-v2.db.json"  # written by the version before statuses
V2_EVENT_FILE = FIXTURES / "event-v2.json"  # exported by that version from the same evening
IN_PROGRESS, RECORDED = OutcomeStatus.IN_PROGRESS, OutcomeStatus.RECORDED


def test_a_question_is_recorded_by_its_verdict_and_an_open_question_by_its_points() -> None:
    assert prompt_status(None) == OutcomeStatus.NOT_RECORDED
    assert prompt_status(PromptResponse(verdict=None, position="Still talking")) == IN_PROGRESS
    assert prompt_status(PromptResponse(verdict=Verdict.AGREED_NO)) == RECORDED
    assert prompt_status(open_response()) == IN_PROGRESS
    assert prompt_status(open_response(position="We talked")) == IN_PROGRESS
    assert prompt_status(open_response(key_points=("It is hard",))) == RECORDED
    assert prompt_status(open_response(summary="Start as an administrator")) == RECORDED
    assert prompt_status(open_response(summary="   ")) == IN_PROGRESS
    never = PromptResponse(verdict=Verdict.NOT_DISCUSSED, kind=PromptKind.OPEN_QUESTION)
    assert prompt_status(never) == RECORDED


def test_an_agreement_from_before_sides_is_recorded_but_has_no_side() -> None:
    assert Verdict.AGREED.label == "Agreed (side not recorded)"
    assert Verdict.AGREED.is_agreement and Verdict.AGREED.side is None
    assert (Verdict.AGREED_YES.side, Verdict.AGREED_NO.side) == (True, False)
    assert Verdict.AGREED_NO.label == "Agreed: no"
    assert not Verdict.DIVIDED.is_agreement


def test_the_rules_for_results_that_arrive_whole(
    rank_deck: Deck, match_deck: Deck, prompts_deck: Deck
) -> None:
    assert settled_status(RankResult((("R1",),)), rank_deck) == RECORDED
    assert settled_status(RankResult((("R1",),), "R1 R99"), rank_deck) == IN_PROGRESS
    all_but_one = {f"A{n}": ("nobody",) for n in range(1, 10)}
    assert settled_status(MatchResult(all_but_one), match_deck) == IN_PROGRESS
    every = {**all_but_one, "A10": ("unsure",)}
    assert settled_status(MatchResult(every), match_deck) == RECORDED
    questions = {c: PromptResponse(verdict=Verdict.DIVIDED) for c in ("P1", "P2")}
    three = PromptsResult({**questions, "P3": open_response(key_points=("Junior role",))})
    assert settled_status(three, prompts_deck) == IN_PROGRESS  # P4 not answered
    four = PromptsResult({**three.responses, "P4": open_response(summary="It is hard")})
    assert settled_status(four, prompts_deck) == RECORDED


def test_a_ranking_saved_while_typed_is_in_progress_until_committed(
    store: Store, evening: Evening
) -> None:
    table, item = evening.tables[0].id, evening.rank.id
    typing = store.save_outcome(table, item, RankResult((("R3",), ("R1",))), IN_PROGRESS)
    assert typing is not None and not is_recorded(typing)
    assert outcome_status(store.get_outcome(table, item)) == IN_PROGRESS
    committed = store.save_outcome(table, item, RankResult((("R3",), ("R1",))), RECORDED)
    assert is_recorded(committed) and is_recorded(store.get_outcome(table, item))
    assert committed is not None and committed.revision == 2  # the status change is a save


def test_an_order_with_an_unknown_code_cannot_be_stored_as_recorded(
    store: Store, evening: Evening
) -> None:
    table, item = evening.tables[0].id, evening.rank.id
    with pytest.raises(RecordInvalid, match="unknown or repeated code"):
        store.save_outcome(table, item, RankResult((("R3",),), "R3 R99"), RECORDED)
    assert store.get_outcome(table, item) is None
    left = store.save_outcome(table, item, RankResult((("R3",),), "R3 R99"))
    assert outcome_status(left) == IN_PROGRESS


def test_an_emptied_order_is_no_outcome_and_is_kept_in_the_history(
    store: Store, evening: Evening
) -> None:
    table, item = evening.tables[1].id, evening.rank.id
    saved = store.save_outcome(table, item, RankResult((("R1",), ("R2",))))
    assert saved is not None and is_recorded(saved)
    assert store.save_outcome(table, item, RankResult(())) is None
    assert store.get_outcome(table, item) is None
    assert outcome_status(store.get_outcome(table, item)) == OutcomeStatus.NOT_RECORDED
    [kept] = store.history(saved.id)
    assert kept.reason == "deleted" and kept.document["result"]["levels"] == [["R1"], ["R2"]]


def test_an_open_question_takes_no_verdict(store: Store, evening: Evening) -> None:
    table, item = evening.tables[0].id, evening.prompts.id
    wrong = PromptsResult({"P4": PromptResponse(verdict=Verdict.AGREED_YES)})
    with pytest.raises(RecordInvalid, match="P4 is an open question"):
        store.save_outcome(table, item, wrong)
    # The card says what kind of answer it asked for, whatever the response claims.
    claimed = PromptsResult(
        {"P1": open_response(key_points=("x",)), "P4": PromptResponse(verdict=None, summary="s")}
    )
    saved = store.save_outcome(table, item, claimed)
    assert saved is not None and isinstance(saved.result, PromptsResult)
    kinds = {code: r.kind for code, r in saved.result.responses.items()}
    assert kinds == {"P1": PromptKind.QUESTION, "P4": PromptKind.OPEN_QUESTION}
    assert prompt_status(saved.result.responses["P4"]) == RECORDED  # a summary answers it
    assert prompt_status(saved.result.responses["P1"]) == IN_PROGRESS  # a question: no verdict


def by_table(store: Store) -> dict[tuple[int, str], object]:
    [event] = store.list_events()
    numbers = {t.id: t.number for t in store.list_tables(event.id)}
    kinds = {i.id: i.kind.value for i in store.list_agenda(event.id)}
    return {
        (numbers[o.table_id], kinds[o.item_id]): o for o in store.list_outcomes(event_id=event.id)
    }


def assert_rules_applied(store: Store) -> None:
    found = by_table(store)
    assert sorted(found) == [
        (1, "match"), (1, "prompts"), (1, "rank"), (2, "match"), (2, "prompts"), (2, "rank"),
    ]  # fmt: skip
    status = {key: outcome.status for key, outcome in found.items()}  # type: ignore[attr-defined]
    assert status[(1, "rank")] == RECORDED
    assert status[(2, "rank")] == IN_PROGRESS  # "R2 R1 R99": an unknown code
    assert (3, "rank") not in found  # emptied: not recorded at all
    assert status[(1, "match")] == RECORDED and status[(2, "match")] == IN_PROGRESS
    assert status[(1, "prompts")] == RECORDED and status[(2, "prompts")] == IN_PROGRESS
    answers = found[(1, "prompts")].result.responses  # type: ignore[attr-defined]
    assert answers["P2"].verdict == Verdict.AGREED  # never given a side it did not have
    assert answers["P2"].verdict.label == "Agreed (side not recorded)"


def test_a_database_from_before_statuses_gets_them_by_the_rules(db_file: Path) -> None:
    shutil.copy(V2_DATABASE, db_file)
    with Store.open(db_file) as store:
        assert store.schema_version == 3
        assert_rules_applied(store)
    on_disk = json.loads(db_file.read_text())
    assert {o["status"] for o in on_disk["outcomes"].values()} == {"recorded", "in_progress"}
    [emptied] = [h for h in on_disk["history"].values() if h["record_kind"] == "outcomes"]
    assert emptied["document"]["result"] == {"levels": []}


def test_an_event_file_from_before_statuses_imports_by_the_same_rules() -> None:
    store = Store.in_memory()
    [report] = store.import_events([("event-v2.json", json.loads(V2_EVENT_FILE.read_text()))])
    assert report.conflicts == []
    assert_rules_applied(store)


def test_db_check_finds_an_order_with_an_unknown_code_stored_as_recorded(
    db_file: Path, rank_deck: Deck, match_deck: Deck, prompts_deck: Deck
) -> None:
    with Store.open(db_file) as store:
        evening = plan_evening(store, rank_deck, match_deck, prompts_deck)
        saved = store.save_outcome(evening.tables[0].id, evening.rank.id, RankResult((), "R99"))
        assert saved is not None and saved.status == IN_PROGRESS
    data = json.loads(db_file.read_text())
    data["outcomes"][saved.id]["status"] = "recorded"  # edited by hand, or a bug elsewhere
    db_file.write_text(json.dumps(data))
    with Store.open(db_file, read_only=True) as store:
        assert database_problems(store) == [
            f"outcome {saved.id[:8]}: an order with an unknown or repeated code, or no card "
            "placed, is not recorded"
        ]
