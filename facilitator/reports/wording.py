"""Plain sentences about report data, shared by the Markdown, PDF and in-app views."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime

from facilitator.analysis import describe_w
from facilitator.decks.model import PromptKind
from facilitator.outcomes import PromptResponse, Verdict
from facilitator.outcomes import verdict_label as name_of
from facilitator.reports.model import (
    EventReport,
    EventSummary,
    MatchSection,
    PromptAtEvent,
    RankSection,
    SeriesPrompt,
    TableInfo,
    TableResponse,
)
from facilitator.wording import join_and, plural


def when(starts: str, *, short: bool = False) -> str:
    """ "Thursday 20 August 2015, 18:30" for "2015-08-20T18:30" ("Thu 20 Aug 2015, 18:30"
    with `short`, for lists with little room); "" when unknown."""
    if not starts:
        return ""
    weekday, month = ("%a", "%b") if short else ("%A", "%B")
    try:
        if "T" in starts:
            moment = datetime.fromisoformat(starts)
            return f"{moment:{weekday}} {moment.day} {moment:{month} %Y}, {moment:%H:%M}"
        day = date.fromisoformat(starts)
        return f"{day:{weekday}} {day.day} {day:{month} %Y}"
    except ValueError:
        return starts


def short_date(starts: str) -> str:
    """ "20 Aug 2015" for a stored start; "" when unknown."""
    try:
        day = date.fromisoformat(starts[:10])
    except ValueError:
        return starts
    return f"{day.day} {day:%b %Y}"


def event_line(report: EventReport) -> str:
    parts = [report.series, when(report.starts), report.venue, plural(len(report.tables), "table")]
    return " · ".join(p for p in parts if p)


def event_label(event: EventSummary) -> str:
    """How a series report names an event: its title and date."""
    day = short_date(event.starts)
    return f"{event.title} ({day})" if day else event.title


def table_list(tables: Sequence[TableInfo]) -> str:
    return join_and([t.name for t in tables])


def as_sentence(text: str) -> str:
    """`text` ending in a full stop, unless it already ends in punctuation."""
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?…:;" else text + "."


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


# --- prompts -------------------------------------------------------------------------------

_VERDICT_VERB = {
    # "agreed" is a consensus within one table, so several tables "reached a consensus":
    # "2 tables agreed" would read as agreeing with each other.
    Verdict.AGREED: ("reached a consensus", "reached a consensus"),
    Verdict.DIVIDED: ("was divided", "were divided"),
    Verdict.NO_CONSENSUS: ("reached no consensus", "reached no consensus"),
    Verdict.NOT_DISCUSSED: ("did not discuss it", "did not discuss it"),
}


def consensus(verdict: Verdict | None) -> Verdict | None:
    """The verdict with every agreement (yes, no, or side not recorded) as one consensus."""
    return Verdict.AGREED if verdict is not None and verdict.is_agreement else verdict


def side_of(response: PromptResponse) -> str | None:
    """ "for" or "against": the side the table agreed on when it was recorded ("agreed: yes"
    or "agreed: no"), else from its votes (more for than against, or the reverse); None when
    neither says. A count left blank counts as 0 when the other was counted. The position
    text is for people to read, never parsed."""
    if response.verdict is not None and response.verdict.side is not None:
        return "for" if response.verdict.side else "against"
    if response.votes_for is None and response.votes_against is None:
        return None
    yes, no = response.votes_for or 0, response.votes_against or 0
    return "for" if yes > no else "against" if no > yes else None


def _sides(agreed: Sequence[PromptResponse]) -> tuple[list[str], int]:
    """The known sides ("for"/"against", one per table) and how many tables show none."""
    sides = [s for r in agreed if (s := side_of(r))]
    return sides, len(agreed) - len(sides)


def _side_counts(sides: Sequence[str], unclear: int) -> str:
    """ "2 for, 1 against, 1 with no clear side"."""
    parts = [f"{sides.count(s)} {s}" for s in ("for", "against") if s in sides]
    if unclear:
        parts.append(f"{unclear} with no clear side")
    return ", ".join(parts)


def _all_agreed(n: int, agreed: Sequence[PromptResponse]) -> str:
    """Every one of `n` (2 or more) tables agreed within itself: say whether on the same side."""
    every = "Both tables" if n == 2 else f"All {n} tables"
    sides, unclear = _sides(agreed)
    if len(set(sides)) > 1:
        return f"{every} reached a consensus, but not the same one: {_side_counts(sides, unclear)}."
    if sides and not unclear:
        return f"{every} agreed, and on the same side: {sides[0]}."
    if sides:
        shown = "1 table's votes show" if unclear == 1 else f"{unclear} tables' votes show"
        return f"{every} reached a consensus; {len(sides)} voted {sides[0]}, and {shown} no side."
    if any(r.position.strip() for r in agreed):
        return f"{every} reached a consensus; each table's position is below."
    return f"Each of the {n} tables reached a consensus."


def _agreed_sides(agreed: Sequence[PromptResponse]) -> str:
    """After a mixed verdict: the side the tables that reached a consensus took, if known."""
    sides, unclear = _sides(agreed)
    n = len(agreed)
    if not sides:
        return ""
    if n == 1:
        return f"The table that reached a consensus voted {sides[0]}."
    if len(set(sides)) > 1:
        return (
            f"The {n} tables that reached a consensus were on different sides: "
            f"{_side_counts(sides, unclear)}."
        )
    if not unclear:
        every = "Both tables" if n == 2 else f"All {n} tables"
        return f"{every} that reached a consensus voted {sides[0]}."
    shown = "1 table's votes show" if unclear == 1 else f"{unclear} tables' votes show"
    return (
        f"Of the {n} tables that reached a consensus, {len(sides)} voted {sides[0]}; "
        f"{shown} no side."
    )


def verdict_sentence(responses: Sequence[TableResponse]) -> str:
    """What the tables' verdicts add up to, never implying that tables agreed with each other:
    "All 3 tables agreed, and on the same side: against." /
    "All 3 tables reached a consensus, but not the same one: 2 for, 1 against." /
    "2 tables reached a consensus and 1 was divided." / "No table recorded a verdict."."""
    answers = [tr.response for tr in responses]
    if answers and all(is_open(r) for r in answers):
        return open_sentence(answers)
    folded = [consensus(r.verdict) for r in answers]
    given = [(v, n) for v in _VERDICT_VERB if (n := folded.count(v))]
    agreed = [r for r in answers if consensus(r.verdict) == Verdict.AGREED]
    if not given:
        return "No table recorded a verdict."
    if len(given) == 1:
        verdict, n = given[0]
        if n == 1:
            if verdict == Verdict.AGREED:
                side = side_of(agreed[0])
                return "The one table that recorded it agreed" + (
                    f", and voted {side}." if side else "."
                )
            return f"The one table that recorded it {_VERDICT_VERB[verdict][0]}."
        if verdict == Verdict.AGREED:
            return _all_agreed(n, agreed)
        if verdict == Verdict.NO_CONSENSUS:
            return f"None of the {n} tables reached a consensus."
        if verdict == Verdict.NOT_DISCUSSED:
            return f"None of the {n} tables discussed it."
        return (
            f"Both tables {_VERDICT_VERB[verdict][1]}."
            if n == 2
            else (f"All {n} tables {_VERDICT_VERB[verdict][1]}.")
        )
    phrases = []
    for i, (verdict, n) in enumerate(given):
        verb = _VERDICT_VERB[verdict][1 if n > 1 else 0]
        phrases.append(f"{plural(n, 'table')} {verb}" if i == 0 else f"{n} {verb}")
    sides = _agreed_sides(agreed)
    return join_and(phrases) + "." + (f" {sides}" if sides else "")


def votes_text(response: PromptResponse) -> str:
    """ "5 for, 1 against, 2 abstaining", or "" when no votes were counted."""
    parts = []
    if response.votes_for is not None:
        parts.append(f"{response.votes_for} for")
    if response.votes_against is not None:
        parts.append(f"{response.votes_against} against")
    if response.votes_abstain is not None:
        parts.append(f"{response.votes_abstain} abstaining")
    return ", ".join(parts)


def verdict_label(verdict: Verdict | None) -> str:
    """The verdict's name; None is a table still talking when the record was made."""
    # The names are kept once, beside Verdict, so capture and reports never disagree.
    return name_of(verdict)


def is_open(response: PromptResponse) -> bool:
    return response.kind == PromptKind.OPEN_QUESTION


def answer_label(response: PromptResponse) -> str:
    """What a table answered, in a word or a line: a question's verdict; an open question's
    one-line summary, or "Answered" with its points (never "No verdict yet": it asks for
    none)."""
    if not is_open(response):
        return verdict_label(response.verdict)
    if response.summary.strip():
        return f"In one line: {response.summary.strip().rstrip('.')}"  # the caller ends it
    if response.key_points:
        return "Answered"
    if response.verdict == Verdict.NOT_DISCUSSED:
        return verdict_label(Verdict.NOT_DISCUSSED)
    return "Nothing raised yet"


def open_sentence(answers: Sequence[PromptResponse]) -> str:
    """An open question across tables: how many answered, never a verdict."""
    answered = sum(1 for r in answers if r.key_points or r.summary.strip())
    skipped = sum(1 for r in answers if r.verdict == Verdict.NOT_DISCUSSED and not r.key_points)
    if not answered:
        return "No table recorded an answer." if not skipped else "No table discussed it."
    said = f"{plural(answered, 'table')} answered"
    if skipped:
        said += f" and {skipped} did not discuss it"
    return said + "."


def leading_verdict(verdicts: Mapping[Verdict, int]) -> Verdict | None:
    """The verdict most tables gave (among those that discussed it); None on a tie or none."""
    folded: dict[Verdict, int] = {}
    for v, n in verdicts.items():
        key = consensus(v) or v
        folded[key] = folded.get(key, 0) + n
    counted = sorted(
        ((n, v) for v, n in folded.items() if n and v != Verdict.NOT_DISCUSSED), reverse=True
    )
    if not counted or (len(counted) > 1 and counted[0][0] == counted[1][0]):
        return None
    return counted[0][1]


_AT_EVENT = {
    Verdict.DIVIDED: "opinion was divided",
    Verdict.NO_CONSENSUS: "the tables reached no consensus",
    None: "the tables split between verdicts",
}


def _at_event(at: PromptAtEvent) -> str:
    """What most tables at one event concluded, as a clause: "opinion was divided",
    "every table reached a consensus, all voting against"."""
    verdict = leading_verdict(at.verdicts)
    if verdict != Verdict.AGREED:
        return _AT_EVENT[verdict]
    answers = [tr.response for tr in at.responses]
    agreed = [r for r in answers if consensus(r.verdict) == Verdict.AGREED]
    who = "every table" if len(agreed) == len(answers) else "most tables"
    sides, unclear = _sides(agreed)
    if len(set(sides)) > 1:
        return f"{who} reached a consensus, but not the same one"
    if sides and not unclear:
        return f"{who} reached a consensus, all voting {sides[0]}"
    return f"{who} reached a consensus"


def movement_sentence(prompt: SeriesPrompt) -> str:
    """How the verdict moved between the first and the last event that discussed the prompt:
    "At London (12 Mar 2015) opinion was divided; at Birmingham (20 Aug 2015) every table
    reached a consensus, all voting against."
    """
    n = len(prompt.events)
    if n < 2:
        return "Discussed at one event of the series so far."
    first, last = prompt.events[0], prompt.events[-1]
    a, b = _at_event(first), _at_event(last)
    if all(_at_event(at) == a for at in prompt.events):
        every = "both" if n == 2 else f"all {n}"
        return f"At {every} events {a}."
    return f"At {event_label(first.event)} {a}; at {event_label(last.event)} {b}."


# --- rankings and matchings --------------------------------------------------------------------


def level_text(levels: Sequence[Sequence[str]], title_of: Callable[[str], str]) -> str:
    """ "A › B = C › D" in card titles: `›` between places, `=` between tied cards."""
    return " › ".join(" = ".join(title_of(code) for code in level) for level in levels)


def agreement_sentence(section: RankSection) -> str:
    n = len(section.tables)
    if n == 0:
        return "No table recorded an order."
    if section.kendall_w is None:
        return "Only one table recorded an order, so there is nothing to compare yet."
    return (
        f"Across {n} tables Kendall's W is {section.kendall_w:.2f}: "
        f"{describe_w(section.kendall_w)} (1 means every table chose the same order)."
    )


def distance_text(distance: int, share: float) -> str:
    return (
        f"{plural(distance, 'pair')} the other way round ({percent(share)})"
        if distance
        else "the same as the consensus"
    )


def outlier_sentence(section: RankSection) -> str:
    outliers = [t for t in section.tables if t.outlier]
    if not outliers:
        return ""
    names = join_and([t.table.name for t in outliers])
    verb = "stands" if len(outliers) == 1 else "stand"
    return f"{names} {verb} apart from the other tables' view."


def match_item_sentence(section: MatchSection, item: str) -> str:
    """ "2 of 3 tables gave it to PMO Analyst; 1 to Project Manager."."""
    agreement = section.agreement.get(item)
    if agreement is None:
        return "No table placed it."

    def to(target: str) -> str:
        special = {"nobody": "to nobody", "unsure": "to “not sure”"}
        return special.get(target, f"to {section.title_of(target)}")

    if agreement.placed == 1:
        targets = join_and([to(t).removeprefix("to ") for t in agreement.counts])
        return f"The one table that placed it gave it to {targets}."
    parts = []
    for i, (target, n) in enumerate(agreement.counts.items()):
        lead = ("Both" if n == 2 else "All") if n == agreement.placed else f"{n} of"
        tables = "tables" if lead == "Both" else f"{agreement.placed} tables"
        parts.append(f"{lead} {tables} gave it {to(target)}" if i == 0 else f"{n} {to(target)}")
    return "; ".join(parts) + "."
