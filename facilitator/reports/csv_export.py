"""CSV: one row per outcome, for a spreadsheet; opens cleanly in Excel.

A prompts outcome holds a verdict per prompt, so it gives one row per prompt it answered.
UTF-8 with a byte-order mark, CRLF rows, and cells that Excel would run as a formula are
protected with a leading apostrophe (as the deck export does).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from facilitator.decks.exporting import protect_cell
from facilitator.reports import wording as w
from facilitator.reports.model import (
    EventReport,
    MatchSection,
    PromptsSection,
    RankSection,
    Report,
)

COLUMNS = (
    "event",
    "date",
    "series",
    "venue",
    "activity",
    "kind",
    "table_number",
    "table",
    "order",
    "order_titles",
    "left_out",
    "distance_from_consensus",
    "matching",
    "matching_titles",
    "prompt_code",
    "prompt",
    "verdict",
    "votes_for",
    "votes_against",
    "votes_abstain",
    "position",
    "key_points",
    "notes",
)


def _order_codes(levels: tuple[tuple[str, ...], ...]) -> str:
    """ "R3 > R1 = R2 > R4": `>` between places, `=` between tied cards."""
    return " > ".join(" = ".join(level) for level in levels)


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def event_rows(report: EventReport) -> Iterator[dict[str, str]]:
    base = {
        "event": report.title,
        "date": report.starts,
        "series": report.series,
        "venue": report.venue,
    }
    for section in report.sections:
        common = {**base, "activity": section.title, "kind": section.kind}
        if isinstance(section, RankSection):
            for t in section.tables:
                yield {
                    **common,
                    "table_number": str(t.table.number),
                    "table": t.table.name,
                    "order": _order_codes(t.levels),
                    "order_titles": " > ".join(
                        " = ".join(section.title_of(c) for c in level) for level in t.levels
                    ),
                    "left_out": " ".join(t.left_out),
                    "distance_from_consensus": str(t.distance),
                }
        elif isinstance(section, MatchSection):
            for m in section.tables:
                yield {
                    **common,
                    "table_number": str(m.table.number),
                    "table": m.table.name,
                    "matching": "; ".join(
                        f"{item} → {' + '.join(targets)}" for item, targets in m.assignments.items()
                    ),
                    "matching_titles": "; ".join(
                        f"{section.title_of(item)} → "
                        + " + ".join(section.title_of(t) for t in targets)
                        for item, targets in m.assignments.items()
                    ),
                }
        elif isinstance(section, PromptsSection):
            for prompt in section.prompts:
                for tr in prompt.responses:
                    r = tr.response
                    yield {
                        **common,
                        "table_number": str(tr.table.number),
                        "table": tr.table.name,
                        "prompt_code": prompt.code,
                        "prompt": prompt.question,
                        "verdict": w.answer_label(r),
                        "votes_for": _number(r.votes_for),
                        "votes_against": _number(r.votes_against),
                        "votes_abstain": _number(r.votes_abstain),
                        "position": r.position,
                        "key_points": "; ".join(r.key_points),
                        "notes": r.notes,
                    }


def render_csv(report: Report) -> str:
    events = (report,) if isinstance(report, EventReport) else report.events
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for event in events:
        for row in event_rows(event):
            writer.writerow([protect_cell(row.get(column, "")) for column in COLUMNS])
    return "\ufeff" + buffer.getvalue()
