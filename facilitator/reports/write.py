"""Render a report in one of the export formats, and write it atomically."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from facilitator.atomic_write import write_atomic
from facilitator.errors import InputError
from facilitator.output_paths import check_output
from facilitator.print.fonts import describe_glyphs
from facilitator.reports.csv_export import render_csv
from facilitator.reports.json_export import render_json
from facilitator.reports.markdown import markdown_files, render_markdown
from facilitator.reports.model import EventReport, Report
from facilitator.reports.pdf import missing_glyphs_in, render_pdf


def _text(render: Callable[[Report], str]) -> Callable[[Report], bytes]:
    return lambda report: render(report).encode("utf-8")


# format -> (file suffix, what it is, renderer)
FORMATS: dict[str, tuple[str, str, Callable[[Report], bytes]]] = {
    "md": (".md", "Markdown write-up", _text(render_markdown)),
    "pdf": (".pdf", "PDF report", render_pdf),
    "csv": (".csv", "CSV file", _text(render_csv)),
    "json": (".json", "JSON file", _text(render_json)),
}


def format_for(path: str | os.PathLike[str]) -> str | None:
    """The format a file name asks for by its suffix (".markdown" counts as Markdown)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".markdown":
        return "md"
    return next((name for name, (s, _, _) in FORMATS.items() if s == suffix), None)


def font_warning(report: Report, fmt: str) -> str:
    """For a PDF, a sentence naming the characters the embedded font cannot draw; else ""."""
    if fmt != "pdf":
        return ""
    missing = missing_glyphs_in(report)
    if not missing:
        return ""
    shown = describe_glyphs(missing[:8]) + (" and more" if len(missing) > 8 else "")
    return f"the PDF's font cannot draw {shown}; they print as ?"


def suggested_name(report: Report, fmt: str) -> str:
    """A file name for the export: the event's or series' title, made safe for every system."""
    title = report.title if isinstance(report, EventReport) else report.name
    if isinstance(report, EventReport) and report.starts:
        title = f"{title} {report.starts[:10]}"
    slug = re.sub(r"[^\w]+", "-", title.casefold()).strip("-_")[:80] or "report"
    return slug + FORMATS[fmt][0]


def render(report: Report, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise InputError(f'unknown report format "{fmt}" (use one of: {", ".join(FORMATS)})')
    return FORMATS[fmt][2](report)


def write_report(
    report: Report, fmt: str, path: str | os.PathLike[str], *, csv_delimiter: str = ","
) -> Path:
    """Render, then write all at once: a failure leaves no partial file and any old one intact.

    A Markdown write-up brings its pictures: PNG files beside it, named after it
    (birmingham.md links to birmingham-pmo-roles-agree-the-hierarchy.png), written first so
    the write-up never links to a picture that is not there.
    """
    target = Path(path)
    if target.is_dir():
        raise InputError(
            f"{target}: is a folder; give a file name such as report{FORMATS.get(fmt, ('.md',))[0]}"
        )
    check_output(target)
    if fmt == "md":
        text, pictures = markdown_files(report, target.stem)
        for name, png in pictures.items():
            write_atomic(target.with_name(name), png)
        write_atomic(target, text.encode("utf-8"))
        return target
    if fmt == "csv":
        data = render_csv(report, delimiter=csv_delimiter).encode("utf-8")
    else:
        data = render(report, fmt)
    write_atomic(target, data)
    return target
