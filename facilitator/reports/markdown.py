"""A Markdown write-up ready to paste into a blog post: plain sentences per activity and prompt.

Every piece of user text is escaped, so a `*`, `<` or `#` in a card or a key point prints as
itself and never becomes formatting or HTML.
"""

from __future__ import annotations

import re

from facilitator.decks.model import PromptKind
from facilitator.reports import wording as w
from facilitator.reports.model import (
    EventReport,
    MatchSection,
    PromptsSection,
    RankSection,
    Report,
    SeriesReport,
    TableResponse,
)
from facilitator.reports.pictures import (
    Picture,
    match_pictures,
    png_of,
    prompt_bars_picture,
    rank_pictures,
    verdict_bar_picture,
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


class Pictures:
    """The PNG pictures a Markdown write-up links to: file name -> picture, named after the
    write-up (`stem`), so they sit beside the .md and the links are relative. With `stem` None
    (Markdown to standard output) there are no pictures and no links."""

    def __init__(self, stem: str | None) -> None:
        self.stem = stem
        self.files: dict[str, Picture] = {}

    def link(self, picture: Picture) -> list[str]:
        if self.stem is None:
            return []
        name = f"{self.stem}-{picture.name}.png"
        count = 2
        while name in self.files:
            name, count = f"{self.stem}-{picture.name}-{count}.png", count + 1
        self.files[name] = picture
        return [f"![{md(picture.alt)}]({_url(name)})", ""]


def _url(name: str) -> str:
    """A relative link to a file beside the write-up (spaces and brackets escaped)."""
    return "".join(c if c.isalnum() or c in "-._~" else f"%{ord(c):02X}" for c in name)


def slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.casefold()).strip("-_")[:40] or "section"


def render_markdown(report: Report, pictures: Pictures | None = None) -> str:
    """The write-up; `pictures` collects the PNGs it links to (none without it)."""
    pictures = pictures or Pictures(None)
    if isinstance(report, EventReport):
        lines = event_lines(report, 1, pictures)
    else:
        lines = series_lines(report, pictures)
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def markdown_files(report: Report, stem: str) -> tuple[str, dict[str, bytes]]:
    """The write-up and its PNG files (name -> bytes), the names starting with `stem`."""
    pictures = Pictures(stem)
    text = render_markdown(report, pictures)
    return text, {name: png_of(p.drawing) for name, p in pictures.files.items()}


def table_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def event_lines(report: EventReport, level: int, pictures: Pictures, prefix: str = "") -> list[str]:
    h = "#" * level
    lines = [f"{h} {md(report.title)}", "", f"*{md(w.event_line(report))}*", ""]
    if not report.outcome_count:
        lines += ["No outcomes have been recorded for this event yet.", ""]
    glance = w.glance_sentences(report)
    if glance:
        lines += [f"{h}# At a glance", "", md(" ".join(glance)), ""]
    for section in report.sections:
        lines.append(f"{h}# {md(section.title)}")
        lines.append("")
        stem = prefix + slug(section.title)
        if isinstance(section, RankSection):
            lines += _rank_lines(section, pictures, stem)
        elif isinstance(section, MatchSection):
            lines += _match_lines(section, pictures, stem)
        else:
            lines += _prompts_lines(section, h + "##", pictures, stem)
        progress = w.progress_sentence(section)
        if progress:
            lines += [md(progress), ""]
    return lines


def _rank_lines(section: RankSection, pictures: Pictures, stem: str) -> list[str]:
    if not section.tables:
        return ["No table recorded an order.", ""]
    lines = [md(w.consensus_heading(section)), ""]
    lines.append(table_row(["#", "Card", *[md(t.table.name) for t in section.tables]]))
    lines.append(table_row(["--:", ":--", *[":-:"] * len(section.tables)]))
    split_first = {c: s.first for s in section.splits for c in s.cards}
    for i, code in enumerate(section.consensus, 1):
        place = f"{split_first[code]}=" if code in split_first else str(i)
        cells = [w.place_label(t.levels, code) for t in section.tables]
        lines.append(table_row([place, md(section.title_of(code)), *cells]))
    lines.append(
        table_row(
            [
                "",
                "*Pairs the other way round*",
                *[
                    f"{t.distance} ({w.percent(t.share)})" + (" **outlier**" if t.outlier else "")
                    for t in section.tables
                ],
            ]
        )
    )
    lines.append("")
    for picture in rank_pictures(section, stem):
        lines += pictures.link(picture)
    sentences = [w.agreement_sentence(section), w.unanimous_sentence(section)]
    lines += [md(" ".join(s for s in sentences if s)), ""]
    if section.splits:
        lines += ["Where the tables split:", ""]
        lines += [f"- {md(w.split_sentence(section, split))}" for split in section.splits]
        lines.append("")
    apart = w.stood_apart_sentence(section)
    if apart:
        lines += [md(apart), ""]
    lines += [
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


def _match_lines(section: MatchSection, pictures: Pictures, stem: str) -> list[str]:
    if not section.tables:
        return ["No table recorded a matching.", ""]
    used = {t for a in section.agreement.values() for t in a.counts}
    targets = [(c.code, c.title) for c in section.targets]
    targets += [(m, section.title_of(m)) for m in ("nobody", "unsure") if m in used]
    lines = [
        f"How many of the {plural(len(section.tables), 'table')} put each activity under each "
        "role (of those that placed it):",
        "",
        table_row(["Activity", *[md(title) for _, title in targets], "Agreement"]),
        table_row([":--", *[":-:"] * len(targets), ":-:"]),
    ]
    for item in section.items:
        a = section.agreement.get(item.code)
        cells = [
            f"{a.counts[code]}/{a.placed}" if a and a.counts.get(code) else ""
            for code, _ in targets
        ]
        agreement = "–" if a is None or a.agreement is None else w.percent(a.agreement)
        if item.code in section.disputed:
            agreement = f"**{agreement}**"
        lines.append(table_row([md(item.title), *cells, agreement]))
    lines.append("")
    for picture in match_pictures(section, stem):
        lines += pictures.link(picture)
    unplaced = [i.title for i in section.items if i.code not in section.agreement]
    if unplaced:
        lines += [f"No table placed {md(join_and(unplaced))}.", ""]
    if section.disputed:
        lines += [md(w.disputed_sentence(section)), ""]
    lines += [f"What the {plural(len(section.tables), 'table')} decided:", ""]
    for item in section.items:
        if item.code in section.agreement:
            sentence = w.match_item_sentence(section, item.code)
            lines.append(f"- **{md(item.title)}**: {md(sentence)}")
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


def _answer_line(tr: TableResponse, *, talking: bool = False) -> str:
    """One table's answer: its verdict and votes (questions), its summary or position, the
    points it raised and its notes."""
    r = tr.response
    votes = w.votes_text(r)
    parts = [w.as_sentence(w.answer_label(r) + (f" ({votes})" if votes else ""))]
    if talking:
        parts.append("Still talking, so not counted.")
    if r.position.strip():
        parts.append(w.as_sentence(r.position))
    if r.key_points:
        parts.append("Raised: " + w.as_sentence("; ".join(r.key_points)))
    if r.notes.strip():
        parts.append("Notes: " + w.as_sentence(r.notes))
    return f"- **{md(tr.table.name)}**: {md(' '.join(parts) or 'nothing yet.')}"


def _prompts_lines(section: PromptsSection, h: str, pictures: Pictures, stem: str) -> list[str]:
    lines: list[str] = []
    if any(p.responses and p.kind == PromptKind.QUESTION for p in section.prompts):
        lines += pictures.link(prompt_bars_picture(section, stem))
    for prompt in section.prompts:
        if not prompt.responses and not prompt.in_progress:
            continue
        lines += [f"{h} {md(prompt.question)}", ""]
        if prompt.kind == PromptKind.QUESTION:
            lines += [md(w.verdict_sentence(prompt.responses)), ""]
        else:
            lines += [md(w.open_question_sentence(prompt)), ""]
        if prompt.kind == PromptKind.OPEN_QUESTION and prompt.points:
            for point in prompt.points:
                raised = f" ({point.tables} tables)" if point.tables > 1 else ""
                lines.append(f"- {md(point.text)}{raised}")
            lines += ["", "Table by table:", ""]
        lines += [_answer_line(tr) for tr in prompt.responses]
        lines += [_answer_line(tr, talking=True) for tr in prompt.in_progress]
        if prompt.kind == PromptKind.QUESTION and prompt.points and len(prompt.responses) > 1:
            lines += ["", "The points the tables raised:", ""]
            for point in prompt.points:
                raised = f" ({point.tables} tables)" if point.tables > 1 else ""
                lines.append(f"- {md(point.text)}{raised}")
        blank = w.not_reached_sentence(prompt)
        if blank:
            lines += ["", md(blank)]
        last = w.last_time_sentence(prompt)
        if last:
            lines += ["", md(last)]
        lines.append("")
    unreached = [p.question for p in section.prompts if not p.responses and not p.in_progress]
    if unreached:
        lines += ["No table reached these prompts:", ""]
        lines += [f"- {md(q)}" for q in unreached]
        lines.append("")
    return lines


def series_lines(report: SeriesReport, pictures: Pictures) -> list[str]:
    lines = [f"# {md(report.name)}", ""]
    lines += [f"{plural(len(report.events), 'event')} in the series:", ""]
    for event in report.events:
        extra = " · ".join(
            [x for x in (w.when(event.starts), event.venue) if x]
            + [plural(len(event.tables), "table")]
        )
        lines.append(f"- **{md(event.title)}**: {md(extra)}")
    lines.append("")
    if report.quiet:
        names = join_and([w.event_label(e) for e in report.quiet])
        lines += [md(f"Nothing was recorded at {names}, so it adds nothing below."), ""]
    glance = w.series_glance(report)
    if glance:
        lines += ["## At a glance", "", md(" ".join(glance)), ""]
    if report.pooled:
        lines += [
            "## Every table of every event together",
            "",
            "Each table counts once, whichever event it sat at.",
            "",
        ]
    for section in report.pooled:
        lines += [f"### {md(section.title)}", ""]
        stem = "all-" + slug(section.title)
        if isinstance(section, RankSection):
            dropped = report.left_out_of_pool.get(section.title, ())
            if dropped:
                lines += [
                    md(
                        f"Only the cards every event had are pooled; {join_and(list(dropped))} "
                        "were not in every deck."
                    ),
                    "",
                ]
            lines += _rank_lines(section, pictures, stem)
        else:
            lines += _match_lines(section, pictures, stem)
    if report.prompts:
        lines += ["## The prompts across the series", ""]
    for prompt in report.prompts:
        lines += [f"### {md(prompt.question)}", "", md(w.movement_sentence(prompt)), ""]
        if prompt.kind == PromptKind.QUESTION:
            rows = [(w.event_label(at.event), at.verdicts) for at in prompt.events]
            alt = "; ".join(
                f"{label}: "
                + ", ".join(f"{w.verdict_label(v)} {n}" for v, n in verdicts.items() if n)
                for label, verdicts in rows
            )
            stem = "verdicts-" + slug(prompt.question)
            lines += pictures.link(verdict_bar_picture(rows, stem, f"The verdicts: {alt}"))
        for at in prompt.events:
            lines.append(f"- **{md(w.event_label(at.event))}**: {md(w.at_event_sentence(at))}")
        if prompt.silent:
            names = join_and([w.event_label(e) for e in prompt.silent])
            lines.append(f"- {md(f'On the agenda at {names}, but no table recorded it.')}")
        if prompt.points:
            lines += ["", "Points raised across the series:", ""]
            for point in prompt.points:
                where = join_and(list(point.events))
                tables = f"{point.tables} tables, " if point.tables > 1 else ""
                lines.append(f"- {md(point.text)} ({md(tables + where)})")
        lines.append("")
    if report.rankings:
        lines += ["## How the consensus moved", ""]
    for ranking in report.rankings:
        lines += [f"### {md(ranking.title)}", ""]
        for step in ranking.events:
            top = join_and([ranking.title_of(c) for c in step.consensus[:3]])
            agreement = w.w_short(step)
            lines.append(
                f"- **{md(w.event_label(step.event))}**: top {md(top)} ({md(agreement)})"
                + (f". {md(w.moved_text(step))}" if step.moved_from_previous is not None else "")
            )
        lines.append("")
    lines += ["## The events", ""]
    for event in report.events:
        prefix = (event.starts[:10] or slug(event.title)) + "-"
        lines += event_lines(event, 3, pictures, prefix)
    return lines
