"""The report as HTML in the subset Qt's rich text understands, for the in-app Report page.

Kept out of the widget so the page only displays it; all user text goes through `escape`.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

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
from facilitator.verdict_colours import VERDICT_COLOURS
from facilitator.wording import join_and, plural

ACCENT = "#1f5f8b"
MUTED = "#5a5a5a"
WARN = "#b3261e"
WHITE = (255, 255, 255)
HEAT = (31, 95, 139)
FAR = (224, 123, 57)
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


def _verdict_bar(verdicts: Mapping[Verdict, int], width: int = 220) -> str:
    total = sum(verdicts.values())
    if not total:
        return ""
    cells = "".join(
        f'<td bgcolor="{VERDICT_COLOURS[v]}" width="{round(width * n / total)}" '
        f'title="{escape(w.verdict_label(v))}: {n}">&nbsp;</td>'
        for v, n in verdicts.items()
        if n
    )
    return f'<table cellspacing="1" cellpadding="0" height="10"><tr>{cells}</tr></table>'


def _rank(section: RankSection) -> str:
    if not section.tables:
        return _muted("No table recorded an order.")
    parts = [f"<p>{esc(w.agreement_sentence(section))}</p>"]
    outliers = w.outlier_sentence(section)
    if outliers:
        parts.append(f'<p style="color:{WARN}"><b>{esc(outliers)}</b></p>')
    heads = "".join(
        f'<th align="center">{_swatch(t.table.colour)} {esc(t.table.name)}</th>'
        for t in section.tables
    )
    rows = [
        f'<tr bgcolor="#eef2f6"><th width="28" align="right">#</th>'
        f'<th align="left" width="30%">Consensus</th>{heads}</tr>'
    ]
    n = max(1, len(section.consensus) - 1)
    for i, code in enumerate(section.consensus, start=1):
        cells = []
        for t in section.tables:
            place, label = None, "–"
            start = 1
            for level in t.levels:
                if code in level:
                    place = start + (len(level) - 1) / 2
                    label = f"{start}=" if len(level) > 1 else str(start)
                start += len(level)
            share = 0.0 if place is None else min(1.0, abs(place - i) / n * 2.5)
            fill = "#f1f1f1" if place is None else _mix(WHITE, FAR, share)
            cells.append(
                f'<td align="center" bgcolor="{fill}" style="color:{_ink(share, 0.9)}">{label}</td>'
            )
        rows.append(
            f'<tr><td align="right" style="color:{MUTED}">{i}</td>'
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
        colour = WARN if item.code in section.disputed else "#1b1b1b"
        rows.append(
            f"<tr><td>{esc(item.title)}</td>{''.join(cells)}"
            f'<td align="center" style="color:{colour}">{agreement}</td></tr>'
        )
    parts = [
        f"<p>What {plural(len(section.tables), 'table')} decided: each cell counts the tables "
        "that put the activity under that role.</p>",
        TABLE + "".join(rows) + "</table>",
    ]
    if section.disputed:
        names = join_and([section.title_of(c) for c in section.disputed])
        parts.append(f'<p style="color:{WARN}">The tables disagreed most about {esc(names)}.</p>')
    return "".join(parts)


def _prompts(section: PromptsSection) -> str:
    parts = []
    for prompt in section.prompts:
        parts.append(f"<h3>{esc(prompt.question)}</h3>")
        if not prompt.responses:
            parts.append(_muted("No table recorded this prompt."))
            continue
        parts.append(f"<p>{esc(w.verdict_sentence(prompt.responses))}</p>")
        parts.append(_verdict_bar(prompt.verdicts))
        rows = []
        for tr in prompt.responses:
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
                + (f'<br/><span style="color:{MUTED}">{esc(votes)}</span>' if votes else "")
                + f"</td><td>{'<br/>'.join(said) or '–'}</td></tr>"
            )
        parts.append(TABLE + "".join(rows) + "</table>")
        if prompt.points and len(prompt.responses) > 1:
            items = "".join(
                f"<li>{esc(p.text)}"
                + (
                    f' <span style="color:{MUTED}">({p.tables} tables)</span>'
                    if p.tables > 1
                    else ""
                )
                + "</li>"
                for p in prompt.points
            )
            parts.append(f"<p><b>Points raised</b></p><ul>{items}</ul>")
    return "".join(parts)


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
    for section in report.sections:
        parts.append(f'<h2 style="color:{ACCENT}">{esc(section.title)}</h2>')
        if isinstance(section, RankSection):
            parts.append(_rank(section))
        elif isinstance(section, MatchSection):
            parts.append(_match(section))
        else:
            parts.append(_prompts(section))
        if section.not_recorded:
            parts.append(_muted(f"Not recorded for {esc(w.table_list(section.not_recorded))}."))
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
        f'<td align="center"><b>{"–" if at.kendall_w is None else f"{at.kendall_w:.2f}"}</b></td>'
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
    if report.prompts:
        parts.append(f'<h2 style="color:{ACCENT}">The prompts across the series</h2>')
    for prompt in report.prompts:
        parts.append(f"<h3>{esc(prompt.question)}</h3>")
        parts.append(f"<p>{esc(w.movement_sentence(prompt))}</p>")
        rows = "".join(
            f'<tr><td width="220">{esc(w.event_label(at.event))}</td>'
            f'<td width="230">{_verdict_bar(at.verdicts)}</td>'
            f"<td>{esc(w.verdict_sentence(at.responses))}</td></tr>"
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
