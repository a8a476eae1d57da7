"""How the store writes the outcome words as plain JSON documents, and reads them back."""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from facilitator.decks.model import ActivityKind, PromptKind
from facilitator.outcomes import (
    AgendaItem,
    Event,
    HistoryEntry,
    MatchResult,
    Outcome,
    OutcomeStatus,
    PromptResponse,
    PromptsResult,
    RankResult,
    Result,
    Table,
    Verdict,
)

# --- documents: how records are stored (plain JSON), and back -----------------------------


def history_id(record_kind: str, doc_id: str, doc: Mapping[str, Any], reason: str) -> str:
    """The same lost version always gets the same history id, so merging twice adds it once."""
    key = f"{record_kind}/{doc_id}/{reason}/{doc['device']}/{doc['revision']}/{doc['updated']}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


REVISION_KEYS = ("created", "updated", "revision", "device", "versions")


def _revision_fields(doc_id: str, doc: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": doc_id,
        "created": doc["created"],
        "updated": doc["updated"],
        "revision": doc["revision"],
        "device": doc["device"],
        "versions": dict(doc.get("versions") or {}),
    }


def event_from_doc(doc_id: str, doc: Mapping[str, Any]) -> Event:
    return Event(
        **_revision_fields(doc_id, doc),
        title=doc["title"],
        series=doc.get("series", ""),
        starts=doc.get("starts", ""),
        venue=doc.get("venue", ""),
        notes=doc.get("notes", ""),
    )


def table_from_doc(doc_id: str, doc: Mapping[str, Any]) -> Table:
    return Table(
        **_revision_fields(doc_id, doc),
        event_id=doc["event_id"],
        number=doc["number"],
        name=doc["name"],
        colour=doc["colour"],
        head_count=doc.get("head_count"),
    )


def snapshot_id(snapshot: Mapping[str, Any]) -> str:
    """The key of a deck snapshot: its content's hash, so the same deck is stored once."""
    canonical = json.dumps(snapshot, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


def agenda_item_from_doc(
    doc_id: str, doc: Mapping[str, Any], snapshot: Mapping[str, Any]
) -> AgendaItem:
    return AgendaItem(
        **_revision_fields(doc_id, doc),
        event_id=doc["event_id"],
        title=doc["title"],
        kind=ActivityKind(doc["kind"]),
        timebox_minutes=doc.get("timebox_minutes", 0),
        position=doc["position"],
        snapshot_id=doc["deck"],
        snapshot=copy.deepcopy(snapshot),  # a caller's change must not reach the store
        source=doc.get("source", ""),
    )


def result_to_doc(result: Result) -> dict[str, Any]:
    if isinstance(result, RankResult):
        doc: dict[str, Any] = {"levels": [list(level) for level in result.levels]}
        if result.typed:  # only while it has problems, so clean orders are stored as before
            doc["typed"] = result.typed
        return doc
    if isinstance(result, MatchResult):
        return {"assignments": {item: list(t) for item, t in result.assignments.items()}}
    return {
        "responses": {
            code: {
                "verdict": None if r.verdict is None else r.verdict.value,
                "votes": {
                    "for": r.votes_for,
                    "against": r.votes_against,
                    "abstain": r.votes_abstain,
                },
                "position": r.position,
                "key_points": list(r.key_points),
                "notes": r.notes,
                "kind": r.kind.value,
                "summary": r.summary,
            }
            for code, r in result.responses.items()
        }
    }


def result_from_doc(kind: ActivityKind, doc: Mapping[str, Any]) -> Result:
    if kind == ActivityKind.RANK:
        return RankResult(tuple(tuple(level) for level in doc["levels"]), doc.get("typed", ""))
    if kind == ActivityKind.MATCH:
        return MatchResult({item: tuple(t) for item, t in doc["assignments"].items()})
    responses = {}
    for code, r in doc["responses"].items():
        votes = r.get("votes") or {}
        responses[code] = PromptResponse(
            verdict=None if r["verdict"] is None else Verdict(r["verdict"]),
            votes_for=votes.get("for"),
            votes_against=votes.get("against"),
            votes_abstain=votes.get("abstain"),
            position=r.get("position", ""),
            key_points=tuple(r.get("key_points", ())),
            notes=r.get("notes", ""),
            kind=PromptKind(r.get("kind", PromptKind.QUESTION.value)),
            summary=r.get("summary", ""),
        )
    return PromptsResult(responses)


def outcome_from_doc(doc_id: str, doc: Mapping[str, Any]) -> Outcome:
    kind = ActivityKind(doc["kind"])
    return Outcome(
        **_revision_fields(doc_id, doc),
        event_id=doc["event_id"],
        table_id=doc["table_id"],
        item_id=doc["item_id"],
        result=result_from_doc(kind, doc["result"]),
        # A record without a status never claims to be recorded (the migrations add one).
        status=OutcomeStatus(doc.get("status", OutcomeStatus.IN_PROGRESS.value)),
    )


def history_from_doc(doc_id: str, doc: Mapping[str, Any]) -> HistoryEntry:
    return HistoryEntry(
        id=doc_id,
        record_kind=doc["record_kind"],
        record_id=doc["record_id"],
        reason=doc["reason"],
        at=doc["at"],
        document=copy.deepcopy(doc["document"]),
        winner_device=doc.get("winner_device", ""),
        winner_revision=doc.get("winner_revision", 0),
    )
