"""An open question is reported by what the tables raised, never as a missing verdict."""

from __future__ import annotations

import csv
import io

from facilitator.outcomes import OutcomeStatus, PromptResponse, Verdict, open_response
from facilitator.reports import build_event_report, render
from facilitator.reports import wording as w
from facilitator.reports.html import render_html
from facilitator.reports.markdown import render_markdown
from facilitator.reports.sample_evening import create_sample_evening
from facilitator.store import Store


def test_open_question_answers_are_named_by_what_was_said() -> None:
    assert w.answer_label(open_response(summary="Start as an administrator.")) == (
        "In one line: Start as an administrator"
    )
    assert w.answer_label(open_response(key_points=("It is hard",))) == "Answered"
    never = open_response()
    assert w.answer_label(never) == "Nothing raised yet"
    assert w.answer_label(PromptResponse(verdict=Verdict.AGREED_NO)) == "Agreed: no"


def test_the_seed_evening_reports_its_open_questions_without_verdicts() -> None:
    store = Store.in_memory()
    event = create_sample_evening(store)
    report = build_event_report(store, event.id)
    text = render_markdown(report)
    resource = text[text.index("### How do you do resource management?") :]
    resource = resource[: resource.index("\n## ")] if "\n## " in resource else resource
    assert "verdict" not in resource.lower()
    assert "3 tables answered; the points they raised" in resource
    assert "- It is hard! (3 tables)" in resource
    route = text[text.index("### What is the route") :]
    assert (
        "- **Table 2**: In one line: Start as a Project Administrator; senior roles need " in route
    )
    assert "No verdict yet" not in render_html(report)
    rows = list(csv.DictReader(io.StringIO(render(report, "csv").decode("utf-8-sig"))))
    answers = {r["verdict"] for r in rows if r["code"] == "P4" and r["row"] == "table"}
    assert answers == {"Answered"}


def test_an_order_still_in_progress_is_left_out_of_the_report() -> None:
    store = Store.in_memory()
    event = create_sample_evening(store)
    rank = store.list_agenda(event.id)[0]
    third = store.list_tables(event.id)[2]
    kept = store.get_outcome(third.id, rank.id)
    assert kept is not None
    store.save_outcome(third.id, rank.id, kept.result, OutcomeStatus.IN_PROGRESS)
    section = build_event_report(store, event.id).sections[0]
    assert [t.name for t in section.in_progress] == ["Table 3"]
    assert "Table 3" not in [t.table.name for t in section.tables]  # type: ignore[attr-defined]


def test_a_table_that_left_a_prompt_blank_is_named_not_counted() -> None:
    """The seed evening: only Table 1 recorded the custodian question; Tables 2 and 3 recorded
    the prompts activity but nothing for it, and every format says so."""
    store = Store.in_memory()
    event = create_sample_evening(store)
    report = build_event_report(store, event.id)
    text = render_markdown(report)
    custodian = text[text.index("### Does the PMO have a role") :]
    custodian = custodian[: custodian.index("\n### ")]
    assert "The one table that recorded it was divided." in custodian
    assert "Table 2 and Table 3 recorded nothing for it." in custodian
    route = text[text.index("### What is the route") :]
    route = route[: route.index("\n### ")]
    assert "Table 1 recorded nothing for it." in route
    stop = text[text.index("### Should the PMO have authority") :]
    assert "recorded nothing" not in stop[: stop.index("\n### ")]  # all three answered
    assert "Table 2 and Table 3 recorded nothing for it." in render_html(report)
    pdf_text = render(report, "pdf")
    assert pdf_text.startswith(b"%PDF")
