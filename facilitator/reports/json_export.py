"""JSON: the whole report as plain data, for analysis elsewhere.

Described by the JSON Schema shipped with the app, facilitator/schema/report-v2.schema.json
(docs/reports.md explains the fields). Version 2: only recorded outcomes, W with its test,
split places, open questions, pooled series.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from enum import Enum
from typing import Any

from facilitator.reports.model import (
    EventReport,
    MatchSection,
    PromptsSection,
    RankSection,
    Report,
)

FORMAT_NAME = "facilitator-report"
FORMAT_VERSION = 2
SCHEMA_FILE = "report-v2.schema.json"


def to_plain(value: Any) -> Any:
    """Dataclasses, enums, mappings and tuples as JSON-ready dicts, strings and lists; a
    section says its kind ("rank", "match", "prompts"), which its class tells in Python."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        plain = {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, RankSection | MatchSection | PromptsSection):
            plain["kind"] = value.kind
        return plain
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(to_plain(k)): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    return value


def render_json(report: Report) -> str:
    body = {"event" if isinstance(report, EventReport) else "series": to_plain(report)}
    payload = {"format": FORMAT_NAME, "version": FORMAT_VERSION, **body}
    return json.dumps(payload, indent=1, ensure_ascii=False) + "\n"
