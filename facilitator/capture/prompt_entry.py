"""Prompt responses: verdict keys, vote counts typed as text, key points one per line.

A response may have no verdict yet (the table is still talking): `verdict` is None then,
and the prompt counts as in progress, not recorded.
"""

from __future__ import annotations

from dataclasses import replace

from facilitator.decks.model import PromptKind
from facilitator.errors import InputError
from facilitator.outcomes import PromptResponse, PromptsResult, Verdict, verdict_label

# One key per verdict a question can get: Y and N for the side the table agreed on.
VERDICT_KEYS: dict[Verdict, str] = {
    Verdict.AGREED_YES: "Y",
    Verdict.AGREED_NO: "N",
    Verdict.DIVIDED: "D",
    Verdict.NO_CONSENSUS: "C",
    Verdict.NOT_DISCUSSED: "X",
}


def parse_votes(text: str, label: str) -> int | None:
    """A vote count typed in a box: blank means not counted."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise InputError(f'{label}: "{text[:20]}" is not a number of people')
    return int(text)


def key_points(lines: list[str]) -> tuple[str, ...]:
    """The non-blank points, trimmed, in order."""
    return tuple(line.strip() for line in lines if line.strip())


def response_of(result: PromptsResult, code: str) -> PromptResponse | None:
    return result.responses.get(code)


def with_response(result: PromptsResult, code: str, response: PromptResponse) -> PromptsResult:
    return PromptsResult({**result.responses, code: response})


def update(result: PromptsResult, code: str, **changes: object) -> PromptsResult:
    """The result with the response to `code` changed (created if it was not there)."""
    current = result.responses.get(code) or PromptResponse()
    # Not type-checked below: changes are PromptResponse fields by name; replace() checks them.
    return with_response(result, code, replace(current, **changes))  # type: ignore[arg-type]


def has_verdict(response: PromptResponse | None) -> bool:
    return response is not None and response.verdict is not None


def has_details(response: PromptResponse) -> bool:
    """True when the response holds more than its verdict: votes, position, points, summary
    or notes."""
    votes = (response.votes_for, response.votes_against, response.votes_abstain)
    return (
        any(v is not None for v in votes)
        or bool(response.position.strip())
        or bool(response.key_points)
        or bool(response.summary.strip())
        or bool(response.notes.strip())
    )


def set_response(result: PromptsResult, code: str, response: PromptResponse) -> PromptsResult:
    """The result with `response` as the table's answer to `code`.

    A response with no verdict and nothing typed goes altogether, so the prompt reads as not
    started again rather than in progress.
    """
    if response.verdict is None and not has_details(response):
        return PromptsResult({c: r for c, r in result.responses.items() if c != code})
    return with_response(result, code, response)


def clear_verdict(result: PromptsResult, code: str) -> PromptsResult:
    """The result with the verdict on `code` taken back.

    A response with nothing else in it goes (the prompt is not started again); one with a
    position, votes, points or notes keeps them, with no verdict.
    """
    response = result.responses.get(code)
    if response is None or response.verdict is None:
        return result
    return set_response(result, code, replace(response, verdict=None))


def describe(response: PromptResponse | None) -> str:
    """A short line for the side-by-side view: `Agreed: no · 5–1 · 3 points`.

    An open question leads with its points (or "No points yet"), as it asks no verdict.
    """
    if response is None:
        return "—"
    if response.kind == PromptKind.OPEN_QUESTION:
        return _describe_open(response)
    parts = [verdict_label(response.verdict)]
    votes = (response.votes_for, response.votes_against, response.votes_abstain)
    if any(v is not None for v in votes):
        shown = "–".join("?" if v is None else str(v) for v in votes[:2])
        if response.votes_abstain:
            shown += f" ({response.votes_abstain} abstained)"
        parts.append(shown)
    if response.key_points:
        n = len(response.key_points)
        parts.append(f"{n} point{'s' if n != 1 else ''}")
    return " · ".join(parts)


def _describe_open(response: PromptResponse) -> str:
    if response.verdict == Verdict.NOT_DISCUSSED and not response.key_points:
        return Verdict.NOT_DISCUSSED.label
    n = len(response.key_points)
    parts = [f"{n} point{'s' if n != 1 else ''}" if n else "No points yet"]
    if response.summary.strip():
        parts.append(f"“{response.summary.strip()}”")
    return " · ".join(parts)
