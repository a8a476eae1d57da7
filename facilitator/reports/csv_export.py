"""CSV for analysts, in long form: one row per table and card, item or prompt, then the
consensus rows; opens cleanly in Excel.

`row` says what a row is: "table" (what one table recorded: its place for a card, a target
it gave an item, its answer to a prompt) or "consensus" (the cards' consensus places with
Borda scores, W and p; the tables per target of an item; the verdicts per prompt). A
matching gives one row per item and target, so every cell holds one value. Only recorded
outcomes are written, as in the write-up, except a prompt a table was still talking about:
its row says `status` "in progress" and it is never in a consensus row.

UTF-8 with a byte-order mark, CRLF rows, and cells that Excel would run as a formula are
protected with a leading apostrophe (as the deck export does). For comma-decimal locales,
`delimiter=";"` writes 0,52 for 0.52, as such a spreadsheet expects.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from facilitator.decks.exporting import protect_cell
from facilitator.errors import InputError
from facilitator.reports import wording as w
from facilitator.reports.model import (
    EventReport,
    MatchSection,
    PromptsSection,
    RankSection,
    Report,
)

COLUMNS = (
    "row",
    "event",
    "date",
    "series",
    "venue",
    "activity",
    "kind",
    "table_number",
    "table",
    "status",
    "code",
    "title",
    "place",
    "tied",
    "target",
    "target_title",
    "prompt_kind",
    "verdict",
    "votes_for",
    "votes_against",
    "votes_abstain",
    "position",
    "summary",
    "points",
    "notes",
    "distance_from_consensus",
    "outlier",
    "borda",
    "tables",
    "agreement",
    "kendall_w",
    "p",
    "p_method",
)
DELIMITERS = (",", ";", "\t")


class _Numbers:
    def __init__(self, decimal: str) -> None:
        self.decimal = decimal

    def __call__(self, value: float | None, digits: int = 3) -> str:
        if value is None:
            return ""
        text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
        return text.replace(".", self.decimal)


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


def event_rows(report: EventReport, decimal: str = ".") -> Iterator[dict[str, str]]:
    num = _Numbers(decimal)
    base = {"event": report.title, "date": report.starts, "series": report.series}
    base["venue"] = report.venue
    for section in report.sections:
        common = {**base, "activity": section.title, "kind": section.kind}
        if isinstance(section, RankSection):
            yield from _rank_rows(section, common, num)
        elif isinstance(section, MatchSection):
            yield from _match_rows(section, common, num)
        elif isinstance(section, PromptsSection):
            yield from _prompt_rows(section, common)


def _rank_rows(
    section: RankSection, common: dict[str, str], num: _Numbers
) -> Iterator[dict[str, str]]:
    for t in section.tables:
        table = {
            **common,
            "row": "table",
            "table_number": str(t.table.number),
            "table": t.table.name,
            "status": "recorded",
            "distance_from_consensus": str(t.distance),
            "outlier": "yes" if t.outlier else "",
        }
        start = 1
        for level in t.levels:
            for code in level:
                yield {
                    **table,
                    "code": code,
                    "title": section.title_of(code),
                    "place": str(start),
                    "tied": "yes" if len(level) > 1 else "",
                }
            start += len(level)
        for code in t.left_out:
            yield {**table, "code": code, "title": section.title_of(code)}
    test = section.w_test
    split_first = {c: s.first for s in section.splits for c in s.cards}
    for i, code in enumerate(section.consensus, 1):
        yield {
            **common,
            "row": "consensus",
            "code": code,
            "title": section.title_of(code),
            "place": str(split_first.get(code, i)),
            "tied": "yes" if code in split_first else "",
            "borda": num(section.borda.get(code)),
            "tables": str(len(section.tables)),
            "kendall_w": num(test.w) if test else "",
            "p": num(test.best_p, 4) if test else "",
            "p_method": (
                ""
                if test is None
                else "permutation"
                if test.permutation_p is not None
                else "friedman chi-square"
            ),
        }


def _match_rows(
    section: MatchSection, common: dict[str, str], num: _Numbers
) -> Iterator[dict[str, str]]:
    for m in section.tables:
        table = {**common, "row": "table", "table_number": str(m.table.number)}
        table["status"] = "recorded"
        table["table"] = m.table.name
        for item in section.items:
            for target in m.assignments.get(item.code, ()):
                yield {
                    **table,
                    "code": item.code,
                    "title": item.title,
                    "target": target,
                    "target_title": section.title_of(target),
                }
    for item in section.items:
        a = section.agreement.get(item.code)
        if a is None:
            continue
        for target, count in a.counts.items():
            yield {
                **common,
                "row": "consensus",
                "code": item.code,
                "title": item.title,
                "target": target,
                "target_title": section.title_of(target),
                "tables": str(count),
                "agreement": num(a.agreement),
            }


def _prompt_rows(section: PromptsSection, common: dict[str, str]) -> Iterator[dict[str, str]]:
    for prompt in section.prompts:
        answers = [(tr, "recorded") for tr in prompt.responses]
        answers += [(tr, "in progress") for tr in prompt.in_progress]
        for tr, status in answers:
            r = tr.response
            yield {
                **common,
                "row": "table",
                "table_number": str(tr.table.number),
                "table": tr.table.name,
                "status": status,
                "code": prompt.code,
                "title": prompt.question,
                "prompt_kind": prompt.kind.value,
                # An open question asks no verdict: "Answered", "In one line: ..." instead.
                "verdict": w.answer_label(r),
                "votes_for": _count(r.votes_for),
                "votes_against": _count(r.votes_against),
                "votes_abstain": _count(r.votes_abstain),
                "position": r.position,
                "summary": r.summary,
                "points": "; ".join(r.key_points),
                "notes": r.notes,
            }
    for prompt in section.prompts:
        for verdict, count in prompt.verdicts.items():
            if count:
                yield {
                    **common,
                    "row": "consensus",
                    "code": prompt.code,
                    "title": prompt.question,
                    "prompt_kind": prompt.kind.value,
                    "verdict": w.verdict_label(verdict),
                    "tables": str(count),
                }
        for point in prompt.points:
            yield {
                **common,
                "row": "consensus",
                "code": prompt.code,
                "title": prompt.question,
                "prompt_kind": prompt.kind.value,
                "points": point.text,
                "tables": str(point.tables),
            }


def render_csv(report: Report, delimiter: str = ",") -> str:
    if delimiter not in DELIMITERS:
        shown = ", ".join(repr(d) for d in DELIMITERS)
        raise InputError(f"a CSV delimiter must be one of {shown}, not {delimiter!r}")
    decimal = "," if delimiter == ";" else "."
    events = (report,) if isinstance(report, EventReport) else report.events
    buffer = io.StringIO(newline="")
    writer = csv.writer(
        buffer, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL
    )
    writer.writerow(COLUMNS)
    for event in events:
        for row in event_rows(event, decimal):
            writer.writerow([protect_cell(row.get(column, "")) for column in COLUMNS])
    return "\ufeff" + buffer.getvalue()
