"""A Markdown write-up ready to paste into a blog post: plain sentences per activity and prompt.

Every piece of user text is escaped, so a `*`, `<` or `#` in a card or a key point prints as
itself and never becomes formatting or HTML.
"""

from __future__ import annotations

import re

from facilitator.reports import wording as w
from facilitator.reports.model import (
    EventReport,
    MatchSection,
    PromptsSection,
    RankSection,
    Report,
    SeriesReport,
)
from facilitator.wording import join_and, plural

# Characters that format wherever they stand; an entity like `&amp;`; what starts a block.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_NUMBERED = re.compile(r"^(\d+)([.)])")
_BLOCK_START = re.compile(r"^([#>+=-])")


def md(text: str) -> str:
    """User text as literal Markdown on one line: nothing in it can format, link or nest."""
    flat = _ENTITY.sub(r"\\&", _SPECIAL.sub(r"\\\1", " ".join(text.split())))
    return _BLOCK_START.sub(r"\\\1", _NUMBERED.sub(r"\1\\\2", flat))


def render_markdown(report: Report) -> str:
    lines = event_lines(report, 1) if isinstance(report, EventReport) else series_lines(report)
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def event_lines(report: EventReport, level: int) -> list[str]:
    h = "#" * level
    lines = [f"{h} {md(report.title)}", "", f"*{md(w.event_line(report))}*", ""]
    if not report.outcome_count:
        lines += ["No outcomes have been recorded for this event yet.", ""]
    for section in report.sections:
        lines.append(f"{h}# {md(section.title)}")
        lines.append("")
        if isinstance(section, RankSection):
            lines += _rank_lines(section)
        elif isinstance(section, MatchSection):
            lines += _match_lines(section)
        else:
            lines += _prompts_lines(section, h + "##")
        if section.not_recorded:
            lines += [f"Not recorded for {md(w.table_list(section.not_recorded))}.", ""]
    return lines


def _rank_lines(section: RankSection) -> list[str]:
    if not section.tables:
        return ["No table recorded an order.", ""]
    lines = ["The consensus, from the top:", ""]
    lines += [f"{i}. {md(section.title_of(c))}" for i, c in enumerate(section.consensus, 1)]
    lines += ["", md(w.agreement_sentence(section))]
    outliers = w.outlier_sentence(section)
    if outliers:
        lines[-1] += " " + md(outliers)
    lines += [
        "",
        "How each table ordered the cards (› between places, = for a tie), and how far it was "
        "from the consensus:",
        "",
    ]
    for t in section.tables:
        order = w.level_text(t.levels, section.title_of)
        left = (
            f" Left out: {md(join_and([section.title_of(c) for c in t.left_out]))}."
            if t.left_out
            else ""
        )
        flag = " **Outlier.**" if t.outlier else ""
        lines.append(
            f"- **{md(t.table.name)}**: {md(order)}.{left} "
            f"Distance: {md(w.distance_text(t.distance, t.share))}.{flag}"
        )
    lines.append("")
    return lines


def _match_lines(section: MatchSection) -> list[str]:
    if not section.tables:
        return ["No table recorded a matching.", ""]
    lines = [f"What the {plural(len(section.tables), 'table')} decided:", ""]
    for item in section.items:
        if item.code in section.agreement:
            sentence = w.match_item_sentence(section, item.code)
            lines.append(f"- **{md(item.title)}**: {md(sentence)}")
    unplaced = [i.title for i in section.items if i.code not in section.agreement]
    if unplaced:
        lines += ["", f"No table placed {md(join_and(unplaced))}."]
    if section.disputed:
        names = join_and([section.title_of(c) for c in section.disputed])
        lines += ["", f"The tables disagreed most about {md(names)}."]
    lines += ["", "Table by table:", ""]
    for t in section.tables:
        placed = [
            f"{section.title_of(item)} → "
            + join_and([section.title_of(x) for x in t.assignments[item]])
            for item in (c.code for c in section.items)
            if item in t.assignments
        ]
        lines.append(f"- **{md(t.table.name)}**: {md('; '.join(placed) or 'nothing placed')}.")
    lines.append("")
    return lines


def _prompts_lines(section: PromptsSection, h: str) -> list[str]:
    lines: list[str] = []
    for prompt in section.prompts:
        if not prompt.responses:
            continue
        lines += [f"{h} {md(prompt.question)}", ""]
        lines += [md(w.verdict_sentence(prompt.responses)), ""]
        for tr in prompt.responses:
            r = tr.response
            votes = w.votes_text(r)
            said = f"{w.answer_label(r)}" + (f" ({votes})" if votes else "")
            position = f" {md(w.as_sentence(r.position))}" if r.position.strip() else ""
            raised = (
                f" Raised: {md(w.as_sentence('; '.join(r.key_points)))}" if r.key_points else ""
            )
            notes = f" Notes: {md(w.as_sentence(r.notes))}" if r.notes.strip() else ""
            lines.append(f"- **{md(tr.table.name)}**: {md(said)}.{position}{raised}{notes}")
        if prompt.points and len(prompt.responses) > 1:
            lines += ["", "The points the tables raised:", ""]
            for point in prompt.points:
                raised = f" ({point.tables} tables)" if point.tables > 1 else ""
                lines.append(f"- {md(point.text)}{raised}")
        lines.append("")
    return lines


def series_lines(report: SeriesReport) -> list[str]:
    lines = [f"# {md(report.name)}", ""]
    lines += [f"{plural(len(report.events), 'event')} in the series:", ""]
    for event in report.events:
        extra = " · ".join(
            [x for x in (w.when(event.starts), event.venue) if x]
            + [plural(len(event.tables), "table")]
        )
        lines.append(f"- **{md(event.title)}**: {md(extra)}")
    lines.append("")
    if report.prompts:
        lines += ["## The prompts across the series", ""]
    for prompt in report.prompts:
        lines += [f"### {md(prompt.question)}", "", md(w.movement_sentence(prompt)), ""]
        for at in prompt.events:
            lines.append(
                f"- **{md(w.event_label(at.event))}**: {md(w.verdict_sentence(at.responses))}"
            )
        if prompt.points:
            lines += ["", "Points raised across the series:", ""]
            for point in prompt.points:
                raised = f" ({point.tables} tables)" if point.tables > 1 else ""
                lines.append(f"- {md(point.text)}{raised}")
        lines.append("")
    if report.rankings:
        lines += ["## How the consensus moved", ""]
    for ranking in report.rankings:
        lines += [f"### {md(ranking.title)}", ""]
        for step in ranking.events:
            top = join_and([ranking.title_of(c) for c in step.consensus[:3]])
            agreement = f"W = {step.kendall_w:.2f}" if step.kendall_w is not None else "one table"
            moved = (
                f"; {plural(step.moved_from_previous, 'pair')} swapped since the event before"
                if step.moved_from_previous is not None
                else ""
            )
            lines.append(
                f"- **{md(w.event_label(step.event))}**: top {md(top)} ({md(agreement)}{md(moved)})"
            )
        lines.append("")
    lines += ["## The events", ""]
    for event in report.events:
        lines += event_lines(event, 3)
    return lines
