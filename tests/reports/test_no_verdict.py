"""A table still talking when the evening ended: its points are reported, its verdict is not counted."""

from __future__ import annotations

import csv
import io

from pypdf import PdfReader

from facilitator.decks import file as deck_file
from facilitator.outcomes import PromptResponse, PromptsResult, Verdict
from facilitator.reports import build_event_report, render
from facilitator.reports.html import render_html
from tests.conftest import SAMPLE_DECKS


def test_a_prompt_without_a_verdict_is_reported_as_such_and_not_counted(store):
    event = store.create_event(title="Still talking", table_count=2)
    deck = deck_file.load(SAMPLE_DECKS / "pmo-flashmob-prompts.deck.json")
    item = store.add_agenda_item(event.id, deck)
    decided, talking = store.list_tables(event.id)
    store.save_outcome(decided.id, item.id, PromptsResult({"P2": PromptResponse(Verdict.DIVIDED)}))
    undecided = PromptResponse(verdict=None, key_points=("Role profiles come first",))
    store.save_outcome(talking.id, item.id, PromptsResult({"P2": undecided}))

    report = build_event_report(store, event.id)
    markdown = render(report, "md").decode("utf-8")
    assert "The one table that recorded it was divided." in markdown
    assert "No verdict yet" in markdown and "Role profiles come first" in markdown
    assert "No verdict yet" in render_html(report)
    pdf = "".join(p.extract_text() for p in PdfReader(io.BytesIO(render(report, "pdf"))).pages)
    assert "No verdict yet" in " ".join(pdf.split())
    rows = list(csv.DictReader(io.StringIO(render(report, "csv").decode("utf-8-sig"))))
    assert {r["verdict"] for r in rows if r["table"] == talking.name} == {"No verdict yet"}
