"""`facilitator report`: write an event's or a series' report as Markdown, PDF, CSV or JSON."""

from __future__ import annotations

import argparse
import sys

from facilitator.errors import InputError
from facilitator.paths import db_path
from facilitator.reports import FORMATS, Report, build_event_report, build_series_report, render
from facilitator.reports.csv_export import render_csv
from facilitator.reports.write import font_warning, format_for, write_report
from facilitator.store import Store


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = subparsers.add_parser(
        "report",
        help="write the report of an event or a series (Markdown, PDF, CSV or JSON)",
        description="Write the consensus of an event (or of every event in a series) as a "
        "Markdown write-up, a PDF report, a CSV with one row per outcome, or JSON. The database "
        "is only read, so the app may stay open.",
    )
    which = report.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--event", metavar="ID", help="the event's id (or its start, as `events` shows)"
    )
    which.add_argument("--series", metavar="NAME", help="every event of this series")
    report.add_argument(
        "--format",
        choices=list(FORMATS),
        help="md, pdf, csv or json (default: from the output file's name)",
    )
    report.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="the file to write; `-` writes md, csv or json to standard output",
    )
    report.add_argument(
        "--csv-delimiter",
        default=",",
        metavar="CHAR",
        help="the CSV's field separator: ',' (default), ';' for comma-decimal locales "
        "(numbers then read 0,52), or a tab",
    )
    report.set_defaults(func=run_report)


def run_report(args: argparse.Namespace) -> int:
    fmt = args.format or (None if args.output == "-" else format_for(args.output))
    if fmt is None:
        raise InputError(
            f"{args.output}: cannot tell the format from the name; "
            "add --format md, pdf, csv or json"
        )
    if args.output == "-" and fmt == "pdf":
        raise InputError("a PDF cannot go to standard output; give a file name with -o")
    path = db_path()
    if not path.exists():
        raise InputError(f"{path}: no database yet; record an event in the app first")
    report: Report
    with Store.open(path, read_only=True) as store:
        if args.event:
            report = build_event_report(store, args.event)
            what = f'"{report.title}"'
        else:
            report = build_series_report(store, args.series)
            what = f'the series "{report.name}" ({len(report.events)} events)'
    delimiter = "\t" if args.csv_delimiter in ("tab", "\\t") else args.csv_delimiter
    if args.output == "-":
        text = (
            render_csv(report, delimiter=delimiter)
            if fmt == "csv"
            else render(report, fmt).decode("utf-8")
        )
        sys.stdout.write(text)
        return 0
    target = write_report(report, fmt, args.output, csv_delimiter=delimiter)
    print(f"wrote the {FORMATS[fmt][1]} of {what} to {target}")
    warning = font_warning(report, fmt)
    if warning:
        print(f"facilitator: warning: {warning}", file=sys.stderr)
    return 0
