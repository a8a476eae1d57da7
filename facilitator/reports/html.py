"""The report as HTML in the subset Qt's rich text understands, for the in-app Report page.

Kept out of the widget so the page only displays it; all user text goes through `escape`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from facilitator.analysis import MergedPoint
from facilitator.decks.model import PromptKind
from facilitator.outcomes import Verdict
from facilitator.reports import wording as w
from facilitator.reports.build import summary_of
from facilitator.reports.model import (
    EventReport,
    MatchSection,
    PromptsSection,
    RankSection,
    Report,
    SeriesRanking,
    SeriesReport,
)
from facilitator.verdict_colours import VERDICT_COLOURS, VERDICT_FILLS
from facilitator.wording import join_and, plural

ACCENT = "#1f5f8b"
MUTED = "#5a5a5a"
WARN = "#b3261e"
WHITE = (255, 255, 255)
HEAT = (31, 95, 139)
FAR = (179, 88, 6)  # the PDF's and the pictures' disagreement colour
UP = (46, 125, 50)
TABLE = '<table cellspacing="0" cellpadding="5" width="100%">'


def esc(value: str) -> str:
    return escape(" ".join(value.split()))


def _mix(low: tuple[int, int, int], high: tuple[int, int, int], share: float) -> str:
    share = max(0.0, min(1.0, share))
    r, g, b = (round(lo + (hi - lo) * share) for lo, hi in zip(low, high, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def _ink(share: float, dark_from: float = 0.55) -> str:
    """White text once the cell is dark enough (the orange scale is lighter than the blue)."""
    return "#ffffff" if share > dark_from else "#1b1b1b"


def _swatch(colour: str) -> str:
    return f'<span style="color:{escape(colour)}">■</span>'


def _muted(value: str) -> str:
    return f'<p style="color:{MUTED}">{value}</p>'


def _ink_on_hex(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return "#ffffff" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 else "#1b1b1b"


def _verdict_legend(verdicts: Mapping[Verdict, int]) -> str:
    shown = [v for v, n in verdicts.items() if n]
    return " &nbsp; ".join(
        f'<span style="color:{VERDICT_FILLS[v]}">■</span> {esc(w.verdict_label(v))}' for v in shown
    )


def _verdict_bar(verdicts: Mapping[Verdict, int], width: int = 220) -> str:
    total = sum(verdicts.values())
    if not total:
        return ""
    cells = "".join(
        f'<td bgcolor="{VERDICT_FILLS[v]}" width="{round(width * n / total)}" align="center" '
        f'style="color:{_ink_on_hex(VERDICT_FILLS[v])}" '
        f'title="{escape(w.verdict_label(v))}: {n}"><b>{n}</b></td>'
        for v, n in verdicts.items()
        if n
    )
    return f'<table cellspacing="1" cellpadding="0" height="10"><tr>{cells}</tr></table>'


def _rank(section: RankSection) -> str:
    if not section.tables:
        return _muted("No table recorded an order.")
    sentences = [w.agreement_sentence(section), w.unanimous_sentence(section)]
    parts = [f"<p>{esc(' '.join(x for x in sentences if x))}</p>"]
    apart = w.stood_apart_sentence(section)
    if apart:
        parts.append(f'<p style="color:{WARN}"><b>{esc(apart)}</b></p>')
    parts.append(f"<p><b>{esc(w.consensus_heading(section))}</b></p>")
    heads = "".join(
        f'<th align="center">{_swatch(t.table.colour)} {esc(t.table.name)}</th>'
        for t in section.tables
    )
    rows = [
        f'<tr bgcolor="#eef2f6"><th width="28" align="right">#</th>'
        f'<th align="left" width="30%">Consensus</th>{heads}</tr>'
    ]
    split_first = {c: s.first for s in section.splits for c in s.cards}
    for i, code in enumerate(section.consensus, start=1):
        cells = []
        for t in section.tables:
            label = w.place_label(t.levels, code)
            share = t.disagreement.get(code, 0.0)
            left_out = label == "–"
            fill = "#eeeeee" if left_out else _mix(WHITE, FAR, share)
            ink = MUTED if left_out else _ink(share, 0.6)
            cells.append(f'<td align="center" bgcolor="{fill}" style="color:{ink}">{label}</td>')
        place = f"{split_first[code]}=" if code in split_first else str(i)
        rows.append(
            f'<tr><td align="right" style="color:{MUTED}">{place}</td>'
            f"<td>{esc(section.title_of(code))}</td>{''.join(cells)}</tr>"
        )
    distance_cells = "".join(
        f'<td align="center" style="color:{WARN if t.outlier else "#1b1b1b"}">'
        f"<b>{t.distance} ({w.percent(t.share)}){' ⚑ outlier' if t.outlier else ''}</b></td>"
        for t in section.tables
    )
    rows.append(
        f'<tr bgcolor="#eef2f6"><td></td><td><b>Pairs the other way round</b></td>'
        f"{distance_cells}</tr>"
    )
    parts.append(TABLE + "".join(rows) + "</table>")
    parts.append(
        _muted(
            "Each cell is the table's place for the card; the darker, the more of the card's "
            "pairs the table put the other way round from the consensus."
        )
    )
    if section.splits:
        items = "".join(f"<li>{esc(w.split_sentence(section, x))}</li>" for x in section.splits)
        parts.append(f"<p><b>Where the tables split</b></p><ul>{items}</ul>")
    for t in section.tables:
        if t.left_out:
            names = join_and([section.title_of(c) for c in t.left_out])
            parts.append(_muted(f"{esc(t.table.name)} left out {esc(names)}."))
    return "".join(parts)


def _match(section: MatchSection) -> str:
    if not section.tables:
        return _muted("No table recorded a matching.")
    used = {t for a in section.agreement.values() for t in a.counts}
    targets = [(c.code, c.title) for c in section.targets]
    targets += [(m, section.title_of(m)) for m in ("nobody", "unsure") if m in used]
    heads = "".join(
        f'<th align="center" style="font-size:small">{esc(title)}</th>' for _, title in targets
    )
    rows = [
        f'<tr bgcolor="#eef2f6"><th align="left" width="26%">Activity</th>{heads}'
        '<th align="center" style="font-size:small">Agreement</th></tr>'
    ]
    for item in section.items:
        a = section.agreement.get(item.code)
        cells = []
        for code, _ in targets:
            share = a.shares.get(code, 0.0) if a else 0.0
            count = a.counts.get(code, 0) if a else 0
            label = f"{count}/{a.placed}" if a and count else ""
            cells.append(
                f'<td align="center" bgcolor="{_mix(WHITE, HEAT, share)}" '
                f'style="color:{_ink(share)}">{label}</td>'
            )
        agreement = "–" if a is None or a.agreement is None else w.percent(a.agreement)
        if item.code in section.disputed:
            agreement = f"<b>{agreement} ◆</b>"
        rows.append(
            f"<tr><td>{esc(item.title)}</td>{''.join(cells)}"
            f'<td align="center">{agreement}</td></tr>'
        )
    parts = [
        f"<p>What {plural(len(section.tables), 'table')} decided: each cell counts the tables "
        "that put the activity under that role.</p>",
        TABLE + "".join(rows) + "</table>",
    ]
    if section.disputed:
        parts.append(f"<p><b>{esc(w.disputed_sentence(section))}</b></p>")
    return "".join(parts)


def _prompts(section: PromptsSection) -> str:
    parts = []
    for prompt in section.prompts:
        parts.append(f"<h3>{esc(prompt.question)}</h3>")
        if not prompt.responses and not prompt.in_progress:
            parts.append(_muted("No table reached this prompt."))
            continue
        parts.append(f"<p>{esc(w.prompt_lead(prompt))}</p>")
        if prompt.kind == PromptKind.QUESTION and prompt.responses:
            parts.append(_verdict_bar(prompt.verdicts) + _muted(_verdict_legend(prompt.verdicts)))
        for extra in (
            w.still_talking_sentence(prompt),
            w.not_reached_sentence(prompt),
            w.last_time_sentence(prompt),
        ):
            if extra:
                parts.append(_muted(esc(extra)))
        if prompt.kind == PromptKind.OPEN_QUESTION and prompt.points:
            parts.append(_points(prompt.points))
        rows = []
        answers = [(tr, False) for tr in prompt.responses]
        answers += [(tr, True) for tr in prompt.in_progress]
        for tr, still in answers:
            r = tr.response
            votes = w.votes_text(r)
            said = [esc(r.position)] if r.position.strip() else []
            said += [f"• {esc(p)}" for p in r.key_points]
            if r.notes.strip():
                lines = "<br/>".join(esc(line) for line in r.notes.splitlines() if line.strip())
                said.append(f'<span style="color:{MUTED}">Notes: {lines}</span>')
            rows.append(
                f'<tr><td width="120">{_swatch(tr.table.colour)} {esc(tr.table.name)}</td>'
                f'<td width="130" style="color:{VERDICT_COLOURS[r.verdict]}">'
                f"<b>{esc(w.answer_label(r))}</b>"
                + (
                    f'<br/><span style="color:{MUTED}">still talking, not counted</span>'
                    if still
                    else ""
                )
                + (f'<br/><span style="color:{MUTED}">{esc(votes)}</span>' if votes else "")
                + f"</td><td>{'<br/>'.join(said) or '–'}</td></tr>"
            )
        parts.append(TABLE + "".join(rows) + "</table>")
        if prompt.kind == PromptKind.QUESTION and prompt.points and len(prompt.responses) > 1:
            parts.append(f"<p><b>Points raised</b></p>{_points(prompt.points)}")
    return "".join(parts)


def _points(points: Sequence[MergedPoint]) -> str:
    items = "".join(
        f"<li>{esc(p.text)}"
        + (f' <span style="color:{MUTED}">({p.tables} tables)</span>' if p.tables > 1 else "")
        + "</li>"
        for p in points
    )
    return f"<ul>{items}</ul>"


def event_html(report: EventReport, heading: str = "h1") -> str:
    tables = " &nbsp; ".join(f"{_swatch(t.colour)} {esc(t.name)}" for t in report.tables)
    parts = [
        f"<{heading}>{esc(report.title)}</{heading}>",
        _muted(esc(w.event_line(report))),
        f"<p>{tables}</p>" if tables else "",
    ]
    if not report.outcome_count:
        parts.append(
            _muted("No outcomes have been recorded yet: record what the tables decided first.")
        )
    glance = w.glance_sentences(report)
    if glance:
        parts.append(f'<h2 style="color:{ACCENT}">At a glance</h2><p>{esc(" ".join(glance))}</p>')
    for section in report.sections:
        parts.append(f'<h2 style="color:{ACCENT}">{esc(section.title)}</h2>')
        if isinstance(section, RankSection):
            parts.append(_rank(section))
        elif isinstance(section, MatchSection):
            parts.append(_match(section))
        else:
            parts.append(_prompts(section))
        progress = w.progress_sentence(section)
        if progress:
            parts.append(_muted(esc(progress)))
    return "".join(parts)


def _series_ranking(ranking: SeriesRanking) -> str:
    latest = ranking.events[-1].consensus
    codes = list(dict.fromkeys([*latest, *(c for at in ranking.events for c in at.consensus)]))
    heads = "".join(
        f'<th align="center">{esc(w.event_label(at.event))}</th>' for at in ranking.events
    )
    rows = [f'<tr bgcolor="#eef2f6"><th align="left">Card (latest order)</th>{heads}</tr>']
    for code in codes:
        cells = []
        for k, at in enumerate(ranking.events):
            place = at.consensus.index(code) + 1 if code in at.consensus else None
            before = ranking.events[k - 1].consensus if k else ()
            was = before.index(code) + 1 if code in before else None
            label, fill = ("–" if place is None else str(place)), "#ffffff"
            if place is not None and was is not None and place != was:
                up = place < was
                label += f" ↑{was - place}" if up else f" ↓{place - was}"
                fill = _mix(WHITE, UP if up else FAR, 0.35)
            cells.append(f'<td align="center" bgcolor="{fill}">{label}</td>')
        rows.append(f"<tr><td>{esc(ranking.title_of(code))}</td>{''.join(cells)}</tr>")
    ws = "".join(
        f'<td align="center"><b>{"–" if at.w_test is None else esc(w.w_short(at))}</b></td>'
        for at in ranking.events
    )
    rows.append(f'<tr bgcolor="#eef2f6"><td><b>Kendall\'s W</b></td>{ws}</tr>')
    return f"<h3>{esc(ranking.title)}</h3>" + TABLE + "".join(rows) + "</table>"


def series_html(report: SeriesReport) -> str:
    parts = [
        f"<h1>{esc(report.name)}</h1>",
        _muted(
            esc(
                f"{plural(len(report.events), 'event')}: "
                + "; ".join(w.event_label(summary_of(e)) for e in report.events)
            )
        ),
    ]
    if report.quiet:
        names = join_and([w.event_label(e) for e in report.quiet])
        parts.append(_muted(esc(f"Nothing was recorded at {names}.")))
    glance = w.series_glance(report)
    if glance:
        parts.append(f'<h2 style="color:{ACCENT}">At a glance</h2><p>{esc(" ".join(glance))}</p>')
    if report.pooled:
        parts.append(f'<h2 style="color:{ACCENT}">Every table of every event together</h2>')
    for section in report.pooled:
        parts.append(f"<h3>{esc(section.title)}</h3>")
        dropped = report.left_out_of_pool.get(section.title, ())
        if dropped:
            parts.append(
                _muted(
                    esc(
                        f"Only cards every event had are pooled; {join_and(list(dropped))} "
                        "were not in every deck."
                    )
                )
            )
        parts.append(_rank(section) if isinstance(section, RankSection) else _match(section))
    if report.prompts:
        parts.append(f'<h2 style="color:{ACCENT}">The prompts across the series</h2>')
    for prompt in report.prompts:
        parts.append(f"<h3>{esc(prompt.question)}</h3>")
        parts.append(f"<p>{esc(w.movement_sentence(prompt))}</p>")
        question = prompt.kind == PromptKind.QUESTION
        rows = "".join(
            f'<tr><td width="220">{esc(w.event_label(at.event))}</td>'
            + (f'<td width="230">{_verdict_bar(at.verdicts)}</td>' if question else "")
            + f"<td>{esc(w.at_event_sentence(at))}</td></tr>"
            for at in prompt.events
        )
        parts.append(TABLE + rows + "</table>")
    if report.rankings:
        parts.append(f'<h2 style="color:{ACCENT}">How the consensus moved</h2>')
        parts += [_series_ranking(r) for r in report.rankings]
    for event in report.events:
        parts += ["<hr/>", event_html(event, "h2")]
    return "".join(parts)


def render_html(report: Report) -> str:
    body = event_html(report) if isinstance(report, EventReport) else series_html(report)
    return f"<html><body>{body}</body></html>"
