"""Rules for what the store accepts; each broken rule is one sentence saying what is wrong."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from facilitator.decks.model import (
    COLOUR_PATTERN,
    MAX_TEXT,
    MAX_TITLE,
    ActivityKind,
    Deck,
    PromptKind,
)
from facilitator.errors import InputError
from facilitator.outcomes import (
    CAPTURE_VERDICTS,
    MATCH_MARKERS,
    MatchResult,
    OutcomeStatus,
    PromptResponse,
    PromptsResult,
    RankResult,
    Result,
    Verdict,
)
from facilitator.set_marks import MAX_SETS

MAX_SERIES = 200
MAX_TABLE_NAME = 60
MAX_TABLES = MAX_SETS
MAX_AGENDA_ITEMS = 100
MAX_TIMEBOX_MINUTES = 24 * 60
MAX_NOTES = 20_000
MAX_KEY_POINTS = 100
MAX_KEY_POINT = 1000
MAX_VOTES = 100_000
MAX_SUMMARY = MAX_TITLE  # one line in the table's words
MAX_HEAD_COUNT = 500  # people at one table: more is a typo
ID_PATTERN = re.compile(r"^[0-9a-f]{32}$")


class RecordInvalid(InputError):
    """A value the store refuses; nothing was saved."""


def check_text(label: str, value: object, limit: int, required: bool = False) -> str:
    if not isinstance(value, str):
        raise RecordInvalid(f"{label} must be text")
    if required and not value.strip():
        raise RecordInvalid(f"{label} must not be empty")
    if len(value) > limit:
        raise RecordInvalid(f"{label} is {len(value)} characters long; the limit is {limit}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise RecordInvalid(
            f"{label} holds a character that cannot be saved at {exc.start}"
        ) from None
    return value


def next_month(starts: str) -> str:
    """The same weekday and time four weeks on: "the same evening next month" for a meetup
    that meets on, say, the third Thursday. "" stays ""."""
    if not starts:
        return ""
    has_time = "T" in starts
    moment = datetime.fromisoformat(starts) + timedelta(weeks=4)
    return moment.strftime("%Y-%m-%dT%H:%M") if has_time else moment.date().isoformat()


def normalise_starts(value: str | date | datetime | None) -> str:
    """An event's date and time as stored: "YYYY-MM-DDTHH:MM", "YYYY-MM-DD" or ""."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text).strftime("%Y-%m-%dT%H:%M")
    except ValueError:
        raise RecordInvalid(
            f'date and time "{text[:40]}" is not like "2015-08-20T18:30" or "2015-08-20"'
        ) from None


def check_colour(value: str) -> str:
    if not isinstance(value, str) or not COLOUR_PATTERN.match(value):
        raise RecordInvalid(f'table colour "{value}" is not a colour like "#1f77b4"')
    return value.lower()


def check_timebox(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecordInvalid("the timebox must be a whole number of minutes")
    if not 0 <= value <= MAX_TIMEBOX_MINUTES:
        raise RecordInvalid(
            f"the timebox is {value} minutes; it must be 0 to {MAX_TIMEBOX_MINUTES}"
        )
    return value


def _code(raw: object, what: str) -> str:
    if not isinstance(raw, str):
        raise RecordInvalid(f"{what} must be a card code like R3, not {raw!r}")
    return raw.strip().upper()


def _known(code: str, deck: Deck, allowed: Mapping[str, str], role: str) -> None:
    if code in allowed:
        return
    card = deck.card_by_code(code)
    if card is None:
        raise RecordInvalid(f'{code} is not a card of "{deck.title}"')
    raise RecordInvalid(f"{code} is a {card.suit} card; {role} must be {allowed_suits(allowed)}")


def allowed_suits(allowed: Mapping[str, str]) -> str:
    suits = sorted(set(allowed.values()))
    return " or ".join(f"{s} cards" for s in suits) or "cards of the deck"


def check_rank(result: RankResult, deck: Deck) -> RankResult:
    allowed = {c.code: c.suit for c in deck.cards}
    seen: set[str] = set()
    levels = []
    for n, level in enumerate(result.levels, start=1):
        if not level:
            raise RecordInvalid(f"place {n} of the order is empty")
        codes = []
        for raw in level:
            code = _code(raw, "each card in the order")
            _known(code, deck, allowed, "the order")
            if code in seen:
                raise RecordInvalid(f"{code} appears twice in the order")
            seen.add(code)
            codes.append(code)
        levels.append(tuple(codes))
    # The typed text is kept as typed: its typos are the point, so it is checked only as text.
    typed = check_text("the order as typed", result.typed, MAX_TEXT)
    return RankResult(tuple(levels), typed)


def match_suits(deck: Deck) -> tuple[dict[str, str], dict[str, str]]:
    """Targets (cards of the first suit) and items (cards of the other suits) of a match deck."""
    if not deck.suits:
        return {}, {}
    first = deck.suits[0].name
    targets = {c.code: c.suit for c in deck.cards if c.suit == first}
    items = {c.code: c.suit for c in deck.cards if c.suit != first}
    return targets, items


def check_match(result: MatchResult, deck: Deck) -> MatchResult:
    targets, items = match_suits(deck)
    assignments: dict[str, tuple[str, ...]] = {}
    for raw_item, raw_targets in result.assignments.items():
        item = _code(raw_item, "each matched card")
        _known(item, deck, items, "a matched card")
        if item in assignments:
            raise RecordInvalid(f"{item} is matched twice")
        if isinstance(raw_targets, str) or not all(isinstance(t, str) for t in raw_targets):
            raise RecordInvalid(f"{item} must be matched to a list of card codes")
        chosen = [
            t.strip().lower() if t.strip().lower() in MATCH_MARKERS else t for t in raw_targets
        ]
        markers = [t for t in chosen if t in MATCH_MARKERS]
        if markers:
            if len(chosen) != 1:
                raise RecordInvalid(
                    f'{item} is matched to "{markers[0]}" and to other cards; choose one'
                )
            assignments[item] = (markers[0],)
            continue
        if not chosen:
            raise RecordInvalid(f'{item} has no target; use "nobody" or "unsure", or leave it out')
        codes: list[str] = []
        for raw in chosen:
            code = _code(raw, f"each target of {item}")
            _known(code, deck, targets, f"the targets of {item}")
            if code in codes:
                raise RecordInvalid(f"{item} is matched to {code} twice")
            codes.append(code)
        assignments[item] = tuple(codes)
    return MatchResult(assignments)


def _votes(value: object, label: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_VOTES:
        raise RecordInvalid(f"{label} must be a whole number from 0 to {MAX_VOTES}, or left empty")
    return value


def check_head_count(value: object) -> int | None:
    """A table's head count: None (not counted) or a whole number of people, 1 to 500."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_HEAD_COUNT:
        raise RecordInvalid(
            f"a head count is a whole number of people from 1 to {MAX_HEAD_COUNT}, not {value!r}"
        )
    return value


def parse_head_count(text: str) -> int | None:
    """A head count as typed: blank is not counted; anything else must be a small whole number."""
    typed = text.strip()
    if not typed:
        return None
    if not typed.isdigit() or not 1 <= int(typed) <= MAX_HEAD_COUNT:
        raise RecordInvalid(
            f'Head count: "{typed[:20]}" is not a number of people; type a whole number '
            f"from 1 to {MAX_HEAD_COUNT}, or leave it empty"
        )
    return int(typed)


def check_response(
    code: str, response: PromptResponse, kind: PromptKind = PromptKind.QUESTION
) -> PromptResponse:
    """The response normalised, its kind taken from the card; RecordInvalid otherwise."""
    try:
        verdict = None if response.verdict is None else Verdict(response.verdict)
    except ValueError:
        choices = ", ".join(v.value for v in CAPTURE_VERDICTS)
        raise RecordInvalid(
            f'{code}: "{response.verdict}" is not a verdict (use one of: {choices})'
        ) from None
    if kind == PromptKind.OPEN_QUESTION and verdict not in (None, Verdict.NOT_DISCUSSED):
        raise RecordInvalid(
            f"{code} is an open question: it takes the points raised and a summary, "
            f"not a verdict ({verdict.label})"
        )
    if isinstance(response.key_points, str):
        raise RecordInvalid(f"{code}: key points must be a list of points")
    points = tuple(p.strip() for p in response.key_points if isinstance(p, str) and p.strip())
    if len(points) != sum(1 for p in response.key_points if not isinstance(p, str) or p.strip()):
        raise RecordInvalid(f"{code}: every key point must be text")
    if len(points) > MAX_KEY_POINTS:
        raise RecordInvalid(f"{code}: {len(points)} key points; the limit is {MAX_KEY_POINTS}")
    for n, point in enumerate(points, start=1):
        check_text(f"{code}: key point {n}", point, MAX_KEY_POINT)
    return PromptResponse(
        verdict=verdict,
        votes_for=_votes(response.votes_for, f"{code}: votes for"),
        votes_against=_votes(response.votes_against, f"{code}: votes against"),
        votes_abstain=_votes(response.votes_abstain, f"{code}: abstentions"),
        position=check_text(f"{code}: the position", response.position, MAX_TEXT),
        key_points=points,
        notes=check_text(f"{code}: the notes", response.notes, MAX_NOTES),
        kind=kind,
        summary=check_text(f"{code}: the summary", response.summary, MAX_SUMMARY),
    )


def check_prompts(result: PromptsResult, deck: Deck) -> PromptsResult:
    allowed = {c.code: c.suit for c in deck.cards}
    kinds = {c.code: c.prompt_kind for c in deck.cards}
    responses: dict[str, PromptResponse] = {}
    for raw_code, response in result.responses.items():
        code = _code(raw_code, "each prompt")
        _known(code, deck, allowed, "a prompt")
        if code in responses:
            raise RecordInvalid(f"{code} has two responses")
        if not isinstance(response, PromptResponse):
            raise RecordInvalid(f"{code}: the response must be a PromptResponse")
        responses[code] = check_response(code, response, kinds[code])
    return PromptsResult(responses)


def check_result(result: Result, kind: ActivityKind, deck: Deck) -> Result:
    """The result with codes normalised, or RecordInvalid naming the first problem."""
    if getattr(result, "kind", None) != kind:
        given = getattr(result, "kind", type(result).__name__)
        raise RecordInvalid(
            f'"{deck.title}" is a {kind.value} activity; a {given} result was given'
        )
    if isinstance(result, RankResult):
        return check_rank(result, deck)
    if isinstance(result, MatchResult):
        return check_match(result, deck)
    return check_prompts(result, deck)


def check_status(status: object, result: Result) -> OutcomeStatus:
    """An outcome's stored status; a ranking with a problem in its typing is never recorded."""
    try:
        # Not type-checked below: the stored text is checked by the enum itself.
        found = OutcomeStatus(status)  # type: ignore[arg-type]
    except ValueError:
        found = OutcomeStatus.NOT_RECORDED
    if found == OutcomeStatus.NOT_RECORDED:
        raise RecordInvalid(f'"{status}" is not an outcome status (in_progress or recorded)')
    recorded_rank = found == OutcomeStatus.RECORDED and isinstance(result, RankResult)
    # Not type-checked below: recorded_rank says result is a RankResult.
    if recorded_rank and (result.typed or not result.levels):  # type: ignore[union-attr]
        raise RecordInvalid(
            "an order with an unknown or repeated code, or no card placed, is not recorded"
        )
    return found


def check_revision_doc(doc: Mapping[str, Any]) -> None:
    """Raise RecordInvalid when a stored or imported record lacks sound bookkeeping fields."""
    for key in ("created", "updated", "device"):
        if not isinstance(doc.get(key), str) or not doc[key]:
            raise RecordInvalid(f"its {key} field is missing or not text")
    revision = doc.get("revision")
    if isinstance(revision, bool) or not isinstance(revision, int) or revision < 1:
        raise RecordInvalid("its revision is not a whole number from 1")
    versions = doc.get("versions")
    if not isinstance(versions, dict) or not all(
        isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v >= 1
        for k, v in versions.items()
    ):
        raise RecordInvalid("its versions are not a map of device to save count")


def check_record_text(kind: str, record: Any) -> None:
    """The text fields of an event, table or agenda item read from a file or an import:
    the same rules the store applies when they are created, so nothing odd gets in."""
    if kind == "events":
        check_text("the event's title", record.title, MAX_TITLE, required=True)
        check_text("the series", record.series, MAX_SERIES)
        check_text("the venue", record.venue, MAX_TITLE)
        check_text("the notes", record.notes, MAX_NOTES)
        normalise_starts(record.starts)
    elif kind == "tables":
        check_text("the table's name", record.name, MAX_TABLE_NAME, required=True)
        check_colour(record.colour)
    elif kind == "agenda":
        check_text("the agenda item's title", record.title, MAX_TITLE, required=True)
