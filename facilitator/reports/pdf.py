"""The PDF report (ReportLab): consensus, a vector ranking comparison and heat map, the prompts.

User text is escaped before it reaches a Paragraph, so `<b>` or `&` in a key point prints as
typed and is never read as markup; it is drawn in the embedded DejaVu font (print/fonts.py).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from facilitator import __version__
from facilitator.decks.model import PromptKind
from facilitator.print.fonts import BOLD, REGULAR, missing_glyphs, printable_text
from facilitator.reports import wording as w
from facilitator.reports.json_export import render_json
from facilitator.reports.model import (
    EventReport,
    MatchSection,
    PromptsSection,
    PromptSummary,
    RankSection,
    Report,
    SeriesRanking,
    SeriesReport,
)
from facilitator.reports.pdf_look import (
    BODY_WIDTH,
    DIFF_HIGH,
    HEAT_LOW,
    INK,
    MARGIN_MM,
    MOVED_UP,
    MUTED,
    NO_PADDING,
    PAGE,
    TABLE_COLUMNS_PER_BLOCK,
    TITLE_COLUMN_MM,
    VERDICT_COLOURS,
    Styles,
    bold,
    grid_style,
    table_head,
    text,
)
from facilitator.reports.pictures import (
    match_pictures,
    mix,
    prompt_bars_picture,
    rank_pictures,
    verdict_bar_picture,
)
from facilitator.wording import join_and, plural

# --- sections ------------------------------------------------------------------------------


def _place_labels(levels: tuple[tuple[str, ...], ...]) -> dict[str, tuple[float, str]]:
    """code -> (mean place, label such as "2=") for a table's levels."""
    places: dict[str, tuple[float, str]] = {}
    start = 1
    for level in levels:
        label = f"{start}=" if len(level) > 1 else str(start)
        for code in level:
            places[code] = (start + (len(level) - 1) / 2, label)
        start += len(level)
    return places


def _rank_flowables(section: RankSection, styles: Styles, heading: Flowable) -> list[Flowable]:
    if not section.tables:
        return [heading, Paragraph("No table recorded an order.", styles.body)]
    sentences = [w.agreement_sentence(section), w.unanimous_sentence(section)]
    out: list[Flowable] = [
        heading,
        Paragraph(text(" ".join(s for s in sentences if s)), styles.body),
    ]
    apart = w.stood_apart_sentence(section)
    if apart:
        out.append(Paragraph(f'<font color="#b3261e">{text(apart)}</font>', styles.body))
    out += [Spacer(1, 2 * mm), Paragraph(text(w.consensus_heading(section)), styles.small_bold)]
    for i, picture in enumerate(rank_pictures(section, "rank")):
        # The first picture stays with the sentences that introduce it.
        out = [KeepTogether([*out, picture.drawing])] if i == 0 else [*out, picture.drawing]
        out.append(Spacer(1, 2 * mm))
    if section.splits:
        out.append(Paragraph("Where the tables split", styles.small_bold))
        for split in section.splits:
            out.append(
                Paragraph(text(w.split_sentence(section, split)), styles.bullet, bulletText="•")
            )
    for t in section.tables:
        if t.left_out:
            names = join_and([section.title_of(c) for c in t.left_out])
            out.append(Paragraph(f"{bold(t.table.name)} left out {text(names)}.", styles.small))
    return out


def _match_flowables(section: MatchSection, styles: Styles, heading: Flowable) -> list[Flowable]:
    if not section.tables:
        return [heading, Paragraph("No table recorded a matching.", styles.body)]
    out: list[Flowable] = [
        heading,
        Paragraph(
            f"What {plural(len(section.tables), 'table')} decided: each cell counts the tables "
            "that put the activity under the role, of those that placed it; “agreement” is how "
            "much their choices overlap (100% when every table chose the same).",
            styles.body,
        ),
        Spacer(1, 3 * mm),
    ]
    for i, picture in enumerate(match_pictures(section, "match")):
        out = [KeepTogether([*out, picture.drawing])] if i == 0 else [*out, picture.drawing]
        out.append(Spacer(1, 2 * mm))
    if section.disputed:
        out.append(Paragraph(text(w.disputed_sentence(section)), styles.body))
    out.append(Paragraph("Table by table", styles.h2))
    for t in section.tables:
        placed = "; ".join(
            f"{section.title_of(i.code)} → "
            + join_and([section.title_of(x) for x in t.assignments[i.code]])
            for i in section.items
            if i.code in t.assignments
        )
        out.append(
            Paragraph(f"{bold(t.table.name)}: {text(placed or 'nothing placed')}.", styles.small)
        )
    return out


def _prompt_flowables(
    prompt: PromptSummary, styles: Styles, lead: Sequence[Flowable] = ()
) -> list[Flowable]:
    """The prompt's question, verdicts and each table's answer; `lead` (the section's heading,
    for the first prompt) is kept on the same page."""
    head: list[Flowable] = [*lead, Paragraph(text(prompt.question), styles.h2)]
    head += [Paragraph(text(w.prompt_lead(prompt)), styles.body)]
    talking = w.still_talking_sentence(prompt)
    if talking:
        head.append(Paragraph(text(talking), styles.muted))
    blank = w.not_reached_sentence(prompt)
    if blank:
        head.append(Paragraph(text(blank), styles.muted))
    last = w.last_time_sentence(prompt)
    if last:
        head.append(Paragraph(text(last), styles.muted))
    head.append(Spacer(1, 2 * mm))
    if prompt.kind == PromptKind.OPEN_QUESTION and prompt.points:
        for point in prompt.points:
            raised = f" ({point.tables} tables)" if point.tables > 1 else ""
            head.append(Paragraph(text(point.text + raised), styles.bullet, bulletText="•"))
        head.append(Spacer(1, 2 * mm))
    rows: list[list[Any]] = [
        [
            Paragraph("Table", styles.small_bold),
            Paragraph("Answer", styles.small_bold),
            Paragraph("What it said", styles.small_bold),
        ]
    ]
    style: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    answers = [(tr, False) for tr in prompt.responses]
    answers += [(tr, True) for tr in prompt.in_progress]
    for i, (tr, still) in enumerate(answers, start=1):
        r = tr.response
        votes = w.votes_text(r)
        said = [text(r.position)] if r.position.strip() else []
        said += [f"• {text(p)}" for p in r.key_points]
        if r.notes.strip():
            said.append(f'<font color="#5a5a5a">{text(r.notes)}</font>')
        rows.append(
            [
                table_head(tr.table, styles.small),
                Paragraph(
                    f'<font color="{VERDICT_COLOURS[r.verdict].hexval().replace("0x", "#")}">'
                    f"{text(w.answer_label(r))}</font>"
                    + ("<br/>still talking, not counted" if still else "")
                    + (f"<br/>{text(votes)}" if votes else ""),
                    styles.small,
                ),
                Paragraph("<br/>".join(said) or "–", styles.small),
            ]
        )
        style.append(("VALIGN", (0, i), (0, i), "TOP"))
    # splitInRow: one table's many points or long notes may run onto the next page.
    grid = Table(
        rows, colWidths=[26 * mm, 28 * mm, BODY_WIDTH - 54 * mm], repeatRows=1, splitInRow=1
    )
    grid.setStyle(grid_style(style))
    out: list[Flowable] = [KeepTogether([*head, grid])]
    if prompt.kind == PromptKind.QUESTION and prompt.points and len(prompt.responses) > 1:
        points: list[Flowable] = [Paragraph("Points raised", styles.h2)]
        for point in prompt.points:
            raised = f" ({point.tables} tables)" if point.tables > 1 else ""
            points.append(Paragraph(text(point.text + raised), styles.bullet, bulletText="•"))
        out.append(KeepTogether(points))
    return out


def _prompts_flowables(
    section: PromptsSection, styles: Styles, heading: Flowable
) -> list[Flowable]:
    out: list[Flowable] = []
    reached = [p for p in section.prompts if p.responses or p.in_progress]
    lead: list[Flowable] = [heading]
    if any(p.responses and p.kind == PromptKind.QUESTION for p in section.prompts):
        lead.append(prompt_bars_picture(section, "verdicts").drawing)
    for prompt in reached:
        out += [CondPageBreak(40 * mm), *_prompt_flowables(prompt, styles, lead)]
        lead = []
    unreached = [p.question for p in section.prompts if not p.responses and not p.in_progress]
    if unreached:
        out.append(Paragraph("No table reached these prompts:", styles.small_bold))
        out += [Paragraph(text(q), styles.bullet, bulletText="•") for q in unreached]
    return out or lead


def event_flowables(report: EventReport, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = [
        Paragraph(text(report.title), styles.title),
        Paragraph(text(w.event_line(report)), styles.subtitle),
    ]
    if report.tables:
        heads = [table_head(t, styles.small) for t in report.tables]
        per_row = 6
        rows = [heads[i : i + per_row] for i in range(0, len(heads), per_row)]
        rows[-1] += [""] * (per_row - len(rows[-1]))
        strip = Table(rows, colWidths=[BODY_WIDTH / per_row] * per_row, hAlign="LEFT")
        strip.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "LEFT"), *NO_PADDING]))
        out.append(strip)
    if not report.outcome_count:
        out.append(Paragraph("No outcomes have been recorded for this event yet.", styles.body))
    for section in report.sections:
        heading = Paragraph(text(section.title), styles.h1)
        if isinstance(section, RankSection):
            out += _rank_flowables(section, styles, heading)
        elif isinstance(section, MatchSection):
            out += _match_flowables(section, styles, heading)
        else:
            out += _prompts_flowables(section, styles, heading)
        if section.not_recorded:
            out.append(
                Paragraph(
                    f"Not recorded for {text(w.table_list(section.not_recorded))}.", styles.muted
                )
            )
    return out


def series_flowables(report: SeriesReport, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = [
        Paragraph(text(report.name), styles.title),
        Paragraph(text(f"{plural(len(report.events), 'event')} in the series"), styles.subtitle),
    ]
    rows: list[list[Any]] = [
        [Paragraph(h, styles.small_bold) for h in ("Event", "When", "Venue", "Tables")]
    ]
    for e in report.events:
        rows.append(
            [
                Paragraph(text(e.title), styles.small),
                Paragraph(text(w.when(e.starts)), styles.small),
                Paragraph(text(e.venue), styles.small),
                str(len(e.tables)),
            ]
        )
    grid = Table(rows, colWidths=[60 * mm, 52 * mm, 48 * mm, BODY_WIDTH - 160 * mm])
    grid.setStyle(
        grid_style([("FONTNAME", (0, 0), (-1, -1), REGULAR), ("FONTSIZE", (0, 0), (-1, -1), 8.5)])
    )
    out.append(grid)
    if report.quiet:
        names = join_and([w.event_label(e) for e in report.quiet])
        out.append(Paragraph(text(f"Nothing was recorded at {names}."), styles.muted))
    glance = w.series_glance(report)
    if glance:
        out += [Paragraph("At a glance", styles.h1), Paragraph(text(" ".join(glance)), styles.body)]
    if report.pooled:
        out.append(Paragraph("Every table of every event together", styles.h1))
    for section in report.pooled:
        heading = Paragraph(text(section.title), styles.h2)
        if isinstance(section, RankSection):
            dropped = report.left_out_of_pool.get(section.title, ())
            if dropped:
                out.append(
                    Paragraph(
                        text(
                            f"Only cards every event had are pooled; {join_and(list(dropped))} "
                            "were not in every deck."
                        ),
                        styles.muted,
                    )
                )
            out += _rank_flowables(section, styles, heading)
        else:
            out += _match_flowables(section, styles, heading)
    if report.prompts:
        out.append(Paragraph("The prompts across the series", styles.h1))
    for prompt in report.prompts:
        rows_v = [(w.event_label(at.event), at.verdicts) for at in prompt.events]
        block: list[Flowable] = [
            Paragraph(text(prompt.question), styles.h2),
            Paragraph(text(w.movement_sentence(prompt)), styles.body),
            Spacer(1, 1.5 * mm),
        ]
        if prompt.kind == PromptKind.QUESTION:
            block.append(verdict_bar_picture(rows_v, "verdicts", "").drawing)
        for at in prompt.events:
            block.append(
                Paragraph(
                    f"{bold(w.event_label(at.event))}: {text(w.at_event_sentence(at))}",
                    styles.small,
                )
            )
        if prompt.silent:
            names = join_and([w.event_label(e) for e in prompt.silent])
            block.append(
                Paragraph(
                    text(f"On the agenda at {names}, but no table recorded it."), styles.muted
                )
            )
        out.append(KeepTogether(block))
        if prompt.points:
            points: list[Flowable] = [
                Spacer(1, 1.5 * mm),
                Paragraph("Points raised across the series", styles.small_bold),
            ]
            for point in prompt.points:
                tables = f"{point.tables} tables, " if point.tables > 1 else ""
                where = f" ({tables}{join_and(list(point.events))})"
                points.append(Paragraph(text(point.text + where), styles.bullet, bulletText="•"))
            out.append(KeepTogether(points))
    if report.rankings:
        out.append(Paragraph("How the consensus moved", styles.h1))
    for ranking in report.rankings:
        out += _series_ranking_flowables(ranking, styles)
    for event in report.events:
        out += [PageBreak(), *event_flowables(event, styles)]
    return out


def _series_ranking_flowables(ranking: SeriesRanking, styles: Styles) -> list[Flowable]:
    """Each card's place in each event's consensus, with how far it moved since the event
    before (green up, orange down)."""
    out: list[Flowable] = [Paragraph(text(ranking.title), styles.h2)]
    latest = ranking.events[-1].consensus
    codes = list(latest) + [c for at in ranking.events for c in at.consensus if c not in latest]
    codes = list(dict.fromkeys(codes))
    for start in range(0, len(ranking.events), TABLE_COLUMNS_PER_BLOCK):
        block = ranking.events[start : start + TABLE_COLUMNS_PER_BLOCK]
        col = (BODY_WIDTH - 8 * mm - TITLE_COLUMN_MM * mm) / len(block)
        rows: list[list[Any]] = [
            [
                "",
                Paragraph("Card, in the latest consensus order", styles.small_bold),
                *[Paragraph(text(w.event_label(at.event)), styles.tiny) for at in block],
            ]
        ]
        style: list[tuple[Any, ...]] = [
            ("ALIGN", (2, 0), (-1, -1), "CENTER"),
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("FONTSIZE", (0, 1), (-1, -1), 8.5),
        ]
        for i, code in enumerate(codes, start=1):
            row: list[Any] = [str(i), Paragraph(text(ranking.title_of(code)), styles.small)]
            for j, at in enumerate(block):
                k = start + j
                place = at.consensus.index(code) + 1 if code in at.consensus else None
                before = ranking.events[k - 1].consensus if k > 0 else ()
                was = before.index(code) + 1 if code in before else None
                label, fill = ("–" if place is None else str(place)), colors.white
                if place is not None and was is not None and place != was:
                    label += f" ↑{was - place}" if place < was else f" ↓{place - was}"
                    fill = mix(HEAT_LOW, MOVED_UP if place < was else DIFF_HIGH, 0.35)
                row.append(label)
                style.append(("BACKGROUND", (2 + j, i), (2 + j, i), fill))
            rows.append(row)
        rows.append(
            [
                "",
                Paragraph("Kendall's W (agreement between tables)", styles.small_bold),
                *["–" if at.w_test is None else w.w_short(at).removeprefix("W = ") for at in block],
            ]
        )
        rows.append(
            [
                "",
                Paragraph("Pairs swapped since the event before", styles.small_bold),
                *[
                    "–" if at.moved_from_previous is None else str(at.moved_from_previous)
                    for at in block
                ],
            ]
        )
        style += [("LINEABOVE", (0, -2), (-1, -2), 0.8, INK), ("FONTNAME", (2, -2), (-1, -1), BOLD)]
        grid = Table(
            rows, colWidths=[8 * mm, TITLE_COLUMN_MM * mm, *([col] * len(block))], repeatRows=1
        )
        grid.setStyle(grid_style(style))
        out += [grid, Spacer(1, 2 * mm)]
    return out


def _footer(label: str) -> Callable[[Canvas, Any], None]:
    def draw(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN_MM * mm, 10 * mm, printable_text(label))
        canvas.drawRightString(PAGE[0] - MARGIN_MM * mm, 10 * mm, f"page {doc.page}")
        canvas.restoreState()

    return draw


def missing_glyphs_in(report: Report) -> list[str]:
    """Characters of the report's text that the embedded font cannot draw (printed as ?)."""
    return missing_glyphs(render_json(report))


def render_pdf(report: Report) -> bytes:
    styles = Styles()
    if isinstance(report, EventReport):
        title, story = report.title, event_flowables(report, styles)
    else:
        title, story = report.name, series_flowables(report, styles)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN_MM * mm,
        rightMargin=MARGIN_MM * mm,
        topMargin=MARGIN_MM * mm,
        bottomMargin=MARGIN_MM * mm,
        title=printable_text(title),
        author="Facilitator",
        creator=f"Facilitator {__version__}",
        invariant=True,
    )
    footer = _footer(f"{title} · Facilitator report")
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
