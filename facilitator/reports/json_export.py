"""JSON: the whole report as plain data, for analysis elsewhere."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from enum import Enum
from typing import Any

from facilitator.reports.model import EventReport, Report

FORMAT_NAME = "facilitator-report"
FORMAT_VERSION = 1


def to_plain(value: Any) -> Any:
    """Dataclasses, enums, mappings and tuples as JSON-ready dicts, strings and lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(to_plain(k)): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    return value


def _with_kinds(value: Any) -> Any:
    # Sections are told apart by their class; say which in the data.
    if isinstance(value, EventReport):
        plain = to_plain(value)
        for section, data in zip(value.sections, plain["sections"], strict=True):
            data["kind"] = section.kind
        return plain
    return to_plain(value)


def render_json(report: Report) -> str:
    if isinstance(report, EventReport):
        body = {"event": _with_kinds(report)}
    else:
        body = {
            "series": {
                **{k: v for k, v in to_plain(report).items() if k != "events"},
                "events": [_with_kinds(e) for e in report.events],
            }
        }
    payload = {"format": FORMAT_NAME, "version": FORMAT_VERSION, **body}
    return json.dumps(payload, indent=1, ensure_ascii=False) + "\n"
