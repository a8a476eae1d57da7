"""The self-test's report check: an evening's report in every format, and the Reports page."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any
from urllib.parse import unquote

from facilitator.outcomes import is_recorded
from facilitator.reports import FORMATS, build_event_report, render
from facilitator.reports.csv_export import event_rows
from facilitator.reports.markdown import markdown_files
from facilitator.reports.sample_evening import create_sample_evening
from facilitator.reports.write import write_report
from facilitator.ui.self_test_support import expect


def check_reports(ctx: Any) -> str:
    expect(ctx.window is not None, "the main window is not open")
    session = ctx.window.session
    store = session.store()
    # The capture check leaves its event in ctx.event_id; any other recorded event will do.
    # Only recorded outcomes are reported: an event whose tables are all still in progress
    # has nothing to show, so it will not do.
    recorded = [
        e
        for e in store.list_events()
        if any(is_recorded(o) for o in store.list_outcomes(event_id=e.id))
    ]
    chosen = [e for e in recorded if e.id == getattr(ctx, "event_id", None)] or recorded[-1:]
    if chosen:
        event = chosen[0]
    else:
        event = create_sample_evening(store, title="Self-test evening")
        session.notify_changed(None)
    report = build_event_report(store, event.id)
    tables = [t.name for t in report.tables]
    expect(report.outcome_count > 0, f'"{event.title}" has no outcomes to report')

    folder = ctx.data_dir / "reports"
    folder.mkdir(exist_ok=True)
    for fmt, (suffix, _, _) in FORMATS.items():
        path = write_report(report, fmt, folder / f"self-test{suffix}")
        data = path.read_bytes()
        made = markdown_files(report, path.stem)[0].encode() if fmt == "md" else render(report, fmt)
        expect(data == made, f"{path.name} differs from the report it was made of")
        if fmt == "pdf":
            expect(data.startswith(b"%PDF-") and b"%%EOF" in data[-64:], "the PDF is incomplete")
        elif fmt == "md":
            text = data.decode("utf-8")
            missing = [name for name in tables if name not in text]
            expect(not missing, f"the Markdown write-up leaves out {missing}")
            pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
            absent = [p for p in pictures if not (folder / unquote(p)).is_file()]
            expect(not absent, f"the Markdown write-up links to missing pictures {absent}")
        elif fmt == "csv":
            rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
            expected = len(list(event_rows(report)))
            expect(len(rows) == expected, f"the CSV has {len(rows)} rows, not {expected}")
        else:
            expect(json.loads(data)["event"]["title"] == report.title, "the JSON lost the title")

    page = ctx.window.reports_page
    ctx.window.nav.setCurrentRow(ctx.window.pages.indexOf(page))
    ctx.app.processEvents()
    expect(page.choose("event", event.id), "the Reports page does not list the event")
    ctx.app.processEvents()
    shown = page.view.toPlainText()
    expect(report.title in shown, "the Reports page does not show the event's report")
    return f'report of "{report.title}" written as Markdown, PDF, CSV and JSON and shown'
