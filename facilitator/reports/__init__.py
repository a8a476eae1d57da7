"""After the event: report data built from the store, and its Markdown, PDF, CSV and JSON forms."""

from facilitator.reports.build import build_event_report, build_series_report
from facilitator.reports.model import EventReport, Report, SeriesReport
from facilitator.reports.write import FORMATS, render, write_report

__all__ = [
    "FORMATS",
    "EventReport",
    "Report",
    "SeriesReport",
    "build_event_report",
    "build_series_report",
    "render",
    "write_report",
]
