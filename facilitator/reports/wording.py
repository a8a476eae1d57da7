"""Plain sentences about report data, shared by the Markdown, PDF and in-app views."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime

from facilitator.analysis import PERMUTATIONS, WTest, describe_w
from facilitator.decks.model import PromptKind
from facilitator.outcomes import MARKER_LABELS, PromptResponse, Verdict
from facilitator.outcomes import verdict_label as name_of
from facilitator.reports.model import (
    EventReport,
    EventSummary,
    MatchSection,
    PromptAtEvent,
    PromptsSection,
    PromptSummary,
    RankingAtEvent,
    RankSection,
    Section,
    SeriesPrompt,
    SeriesReport,
    Split,
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


def _said_side(agreed: Sequence[PromptResponse]) -> str:
    """ "yes" or "no" when every table's verdict itself says it agreed on that side (not just
    its votes); "" otherwise."""
    sides = {r.verdict.side if r.verdict is not None else None for r in agreed}
    if len(sides) != 1 or None in sides:
        return ""
    return "yes" if sides.pop() else "no"


def _all_agreed(n: int, agreed: Sequence[PromptResponse]) -> str:
    """Every one of `n` (2 or more) tables agreed within itself: say whether on the same side."""
    every = "Both tables" if n == 2 else f"All {n} tables"
    sides, unclear = _sides(agreed)
    if len(set(sides)) > 1:
        return f"{every} reached a consensus, but not the same one: {_side_counts(sides, unclear)}."
    said = _said_side(agreed)
    if said:
        return f"{every} agreed: {said}."
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
    said = _said_side(agreed)
    if said and len(agreed) == len(answers):
        return f"every table agreed: {said}"
    if sides and not unclear:
        return f"{who} reached a consensus, all voting {sides[0]}"
    return f"{who} reached a consensus"


def movement_sentence(prompt: SeriesPrompt) -> str:
    """How the verdict moved between the first and the last event that discussed the prompt:
    "At London (12 Mar 2015) opinion was divided; at Birmingham (20 Aug 2015) every table
    reached a consensus, all voting against."
    """
    n = len(prompt.events)
    if prompt.kind == PromptKind.OPEN_QUESTION:
        where = (
            "at one event of the series so far"
            if n < 2
            else ("at both events" if n == 2 else f"at all {n} events")
        )
        top = prompt.points[0] if prompt.points else None
        most = (
            f"; the point raised most: {top.text} ({plural(top.tables, 'table')})"
            if top and top.tables > 1
            else ""
        )
        return as_sentence(f"Answered {where}{most}")
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


def ordinal(n: int) -> str:
    """ "1st", "2nd", "3rd", "4th", "11th", "22nd"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


SIGNIFICANCE = 0.05
MIN_TABLES_FOR_WORDS = 3  # fewer tables never earn an adjective such as "strong agreement"


def p_text(test: WTest) -> str:
    """ "p = 0.08, from 4,000 random reshuffles of each table's places" / "p = 0.12, from
    Friedman's chi-square test": the p the words rest on, and where it came from."""
    p = test.best_p
    shown = "p < 0.001" if p < 0.001 else f"p = {p:.3f}" if p < 0.01 else f"p = {p:.2f}"
    if test.permutation_p is not None:
        return f"{shown}, from {PERMUTATIONS:,} random reshuffles of each table's places"
    return f"{shown}, from Friedman's chi-square test"


def w_verdict(test: WTest) -> str:
    """What W may be called: an adjective only when chance is an unlikely explanation."""
    if test.tables < MIN_TABLES_FOR_WORDS:
        return f"with {test.tables} tables this cannot be told apart from chance"
    if test.best_p >= SIGNIFICANCE:
        return f"with {test.tables} tables this cannot be told apart from chance"
    return f"{describe_w(test.w)}, unlikely to be chance"


def agreement_sentence(section: RankSection) -> str:
    """Kendall's W with the chance level (1/m) and its p; words only the data can bear."""
    n = len(section.tables)
    test = section.w_test
    if n == 0:
        return "No table recorded an order."
    if test is None:
        return "Only one table recorded an order, so there is nothing to compare yet."
    return (
        f"Across {n} tables Kendall's W is {test.w:.2f}, where chance alone gives about "
        f"{1 / test.tables:.2f} (1 means every table chose the same order): "
        f"{w_verdict(test)} ({p_text(test)})."
    )


def consensus_heading(section: RankSection) -> str:
    if not section.consensus_exact:
        return "The best order found (not proven optimal), from the top:"
    if section.consensus_count > 1:
        return (
            f"The consensus, from the top ({section.consensus_count:,} orders are equally good; "
            "this one follows the deck where they differ):"
        )
    return "The consensus, from the top:"


def place_range(first: int, last: int) -> str:
    return (
        f"joint {ordinal(first)}" if last - first <= 1 else f"{ordinal(first)} to {ordinal(last)}"
    )


def split_sentence(section: RankSection, split: Split) -> str:
    """ "Programme Manager and Portfolio Manager: 2–2, joint 8th." / for three or more cards,
    each pair's count."""
    names = join_and([section.title_of(c) for c in split.cards])
    counted = len(section.tables)
    if len(split.votes) == 1:
        v = split.votes[0]
        tied = counted - v.first_above - v.second_above
        extra = f" ({plural(tied, 'table')} tied them)" if tied else ""
        where = place_range(split.first, split.last)
        return f"{names}: {v.first_above}–{v.second_above}{extra}, {where}."
    pairs = "; ".join(
        f"{section.title_of(v.first)} over {section.title_of(v.second)} "
        f"{v.first_above}–{v.second_above}"
        for v in split.votes
    )
    return f"{names} share the places {place_range(split.first, split.last)}: {pairs}."


def match_unanimous_sentence(section: MatchSection) -> str:
    """ "All 3 tables gave Capture lessons learned to PMO Analyst and Recommend stopping a
    project to Head of Portfolio Office."; "" when no item went to one role at every table."""
    n = len(section.tables)
    if n < 2:
        return ""
    parts = []
    for item in section.items:
        a = section.agreement.get(item.code)
        if a is None or a.placed < n:
            continue
        everywhere = [t for t, count in a.counts.items() if count == n]
        if everywhere:
            targets = join_and([section.title_of(t) for t in everywhere])
            parts.append(f"{item.title} to {targets}")
    if not parts:
        return ""
    every = "Both tables" if n == 2 else f"All {n} tables"
    return f"{every} gave {join_and(parts)}."


def split_glance(section: RankSection, split: Split) -> str:
    """ "In the hierarchy the tables split 2–2 on Programme Manager and Portfolio Manager,
    joint 8th." (the pair case; a longer run is named with its places)."""
    names = join_and([section.title_of(c) for c in split.cards])
    where = place_range(split.first, split.last)
    if len(split.votes) == 1:
        v = split.votes[0]
        tied = len(section.tables) - v.first_above - v.second_above
        extra = f"; {plural(tied, 'table')} tied them" if tied else ""
        return (
            f"In “{section.title}” the tables split {v.first_above}–{v.second_above} on "
            f"{names} ({where}{extra})."
        )
    return f"In “{section.title}” the tables did not settle {names} ({where})."


def unanimous_sentence(section: RankSection) -> str:
    """ "Every table put Head of Portfolio Office first." ("Both tables" for two); "" if none."""
    if not section.unanimous or len(section.tables) < 2:
        return ""
    every = "Both tables" if len(section.tables) == 2 else "Every table"
    words = {1: "first", 2: "second", 3: "third"}
    parts = [
        f"{section.title_of(card)} {words.get(place, ordinal(place))}"
        for card, place in section.unanimous
    ]
    return f"{every} put {join_and(parts)}."


def stood_apart_sentence(section: RankSection) -> str:
    """The outlier tables and the two cards each moved furthest from the consensus."""
    sentences = []
    place = {c: i for i, c in enumerate(section.consensus, 1)}
    for t in section.tables:
        if not t.outlier:
            continue
        mine: dict[str, int] = {}
        start = 1
        for level in t.levels:
            for code in level:
                mine[code] = start
            start += len(level)
        moved = sorted(mine, key=lambda c: (-abs(mine[c] - place[c]), place[c]))[:2]
        parts = [
            f"{section.title_of(c)} {ordinal(mine[c])} (consensus {ordinal(place[c])})"
            for c in moved
            if mine[c] != place[c]
        ]
        if parts:
            sentences.append(f"{t.table.name} stood apart: it put {join_and(parts)}.")
    return " ".join(sentences)


def progress_sentence(section: Section) -> str:
    """Who is not counted and why: "Table 3 had not finished its order, so it is not
    counted." / "Table 4 tied every card, ..." / "Nothing recorded for Table 5."."""
    what = {"rank": "order", "match": "matching", "prompts": "answers"}[section.kind]
    parts = []
    if len(section.in_progress) == 1:
        parts.append(
            f"{table_list(section.in_progress)} had not finished its {what}, so it is not counted."
        )
    elif section.in_progress:
        parts.append(
            f"{table_list(section.in_progress)} had not finished theirs, so they are not counted."
        )
    tied = section.all_tied if isinstance(section, RankSection) else ()
    if len(tied) == 1:
        parts.append(
            f"{table_list(tied)} tied every card, so its order says nothing and is not counted."
        )
    elif tied:
        parts.append(
            f"{table_list(tied)} tied every card, so their orders say nothing and are not counted."
        )
    if section.not_recorded:
        parts.append(f"Nothing recorded for {table_list(section.not_recorded)}.")
    return " ".join(parts)


def place_label(levels: Sequence[Sequence[str]], code: str) -> str:
    """The table's place for the card: "3", "2=" for a shared place, "–" when left out."""
    start = 1
    for level in levels:
        if code in level:
            return f"{start}=" if len(level) > 1 else str(start)
        start += len(level)
    return "–"


def disputed_sentence(section: MatchSection) -> str:
    """ "The tables disagreed most about A (0% overlap), and B, C and D (33% each)."."""
    groups: dict[str, list[str]] = {}
    for code in section.disputed:
        a = section.agreement[code]
        share = percent(a.agreement or 0.0)
        groups.setdefault(share, []).append(section.title_of(code))
    parts = [
        f"{join_and(names)} ({share} overlap{' each' if len(names) > 1 else ''})"
        for share, names in groups.items()
    ]
    return f"The tables disagreed most about {join_and(parts)}."


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
        # The one word for each marker, as on the capture screen and the sheets.
        special = {m: f"to “{label}”" for m, label in MARKER_LABELS.items()}
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


# --- at a glance ---------------------------------------------------------------------------


def _prompt_outcome(responses: Sequence[TableResponse]) -> tuple[str, str] | None:
    """("agreed", "yes"/"no"/"") when every table that discussed it agreed (on that side, if
    they all gave the same one), ("divided", "") when none agreed, ("mixed", "") otherwise;
    None if no table discussed it."""
    answers = [tr.response for tr in responses if tr.response.verdict is not None]
    discussed = [r for r in answers if r.verdict != Verdict.NOT_DISCUSSED]
    if not discussed:
        return None
    agreed = [r for r in discussed if consensus(r.verdict) == Verdict.AGREED]
    if len(agreed) == len(discussed):
        sides = {side_of(r) for r in agreed}
        if len(sides) == 1 and None not in sides:
            return ("agreed", {"for": "yes", "against": "no"}[str(sides.pop())])
        return ("agreed", "")
    if not agreed:
        return ("divided", "")
    return ("mixed", "")


def _quoted(question: str) -> str:
    return f"“{' '.join(question.split())}”"


def glance_sentences(report: EventReport) -> list[str]:
    """Three to five plain sentences to open the write-up: what every table agreed on, the
    biggest split, the table that stood apart, and which prompts were agreed or divided."""
    agreed_on, split, apart, prompts = [], "", "", []
    for section in report.sections:
        if isinstance(section, RankSection) and section.tables:
            unanimous = unanimous_sentence(section)
            if unanimous:
                agreed_on.append(unanimous)
            if section.splits and not split:
                split = split_glance(section, section.splits[0])
            apart = apart or stood_apart_sentence(section)
        elif isinstance(section, MatchSection):
            shared = match_unanimous_sentence(section)
            if shared:
                agreed_on.append(shared)
            if section.disputed and not split:
                split = disputed_sentence(section)
        elif isinstance(section, PromptsSection):
            prompts += _prompt_glance(section)
    sentences = [s for s in (*agreed_on[:1], split, apart) if s]
    return [*sentences[: 5 - min(len(prompts), 2)], *prompts][:5]


def _prompt_glance(section: PromptsSection) -> list[str]:
    """At most two sentences: the questions every table agreed on (with the side), and those
    that divided the tables; each with what the series' last event concluded, if any."""
    agreed, split = [], []
    for prompt in section.prompts:
        if prompt.kind != PromptKind.QUESTION:
            continue
        outcome = _prompt_outcome(prompt.responses)
        if outcome is None:
            continue
        kind, side = outcome
        n = len(prompt.responses)
        last = ""
        if prompt.previous is not None:
            where = event_label(prompt.previous.event)
            last = f" (last time, at {where}, {_at_event(prompt.previous)})"
        every = (
            "the one table that discussed it"
            if n == 1
            else "both tables"
            if n == 2
            else f"all {n} tables"
        )
        if kind == "agreed":
            answer = f"agreed: {side}" if side else "reached a consensus"
            agreed.append(f"on {_quoted(prompt.question)} {every} {answer}{last}")
        elif kind == "divided":
            split.append(f"{_quoted(prompt.question)} divided {every}{last}")
        else:
            split.append(f"{_quoted(prompt.question)} drew different verdicts{last}")
    out = []
    if agreed:
        text = "; ".join(agreed)
        out.append(text[0].upper() + text[1:] + ".")
    if split:
        text = "; ".join(split)
        out.append(text[0].upper() + text[1:] + ".")
    return out


def moved_text(step: RankingAtEvent) -> str:
    """ "1 pair swapped since the event before (of the 10 cards both had; split places not
    counted)."."""
    moved = step.moved_from_previous or 0
    what = "Nothing moved" if not moved else f"{plural(moved, 'pair')} swapped"
    return (
        f"{what} since the event before (of the {step.compared_cards} cards both had; "
        "places a consensus left split are not counted)."
    )


def series_glance(report: SeriesReport) -> list[str]:
    """Opening sentences for a series: the pooled consensus's top and its agreement, and
    how each prompt's verdict moved."""
    sentences = []
    for section in report.pooled:
        if isinstance(section, RankSection) and section.consensus:
            n = len(section.tables)
            top = section.title_of(section.consensus[0])
            unanimous = unanimous_sentence(section)
            sentences.append(
                unanimous.replace("Every table", f"Every one of the {n} tables")
                if unanimous
                else f"Pooling all {n} tables, {top} comes first in {section.title}."
            )
    for prompt in report.prompts:
        if len(prompt.events) > 1:
            sentences.append(f"{_quoted(prompt.question)}: {movement_sentence(prompt)}")
    return sentences[:5]


def open_question_sentence(prompt: PromptSummary) -> str:
    """ "3 tables answered; the points they raised, with how many tables raised each:"."""
    n = len(prompt.responses)
    if not n:
        return "No table had finished its answer."
    if not prompt.points:
        return f"{plural(n, 'table')} answered, in their own words:"
    if n == 1:
        return "One table answered; the points it raised:"
    return f"{n} tables answered; the points they raised, with how many tables raised each:"


def last_time_sentence(prompt: PromptSummary) -> str:
    """ "Last time, at PMO Flashmob London (12 Mar 2015), opinion was divided."; "" when the
    event is the first of its series to discuss the prompt."""
    if prompt.previous is None:
        return ""
    at = prompt.previous
    return f"Last time, at {event_label(at.event)}, {_at_event(at)}."


def is_open(response: PromptResponse) -> bool:
    return response.kind == PromptKind.OPEN_QUESTION


def answer_label(response: PromptResponse) -> str:
    """What a table answered, in a word or a line: a question's verdict ("Agreed: no", "No
    verdict yet"); an open question's one-line summary, or "Answered" with its points (never
    "No verdict yet": it asks for none)."""
    if not is_open(response):
        return verdict_label(response.verdict)
    if response.summary.strip():
        return f"In one line: {response.summary.strip().rstrip('.')}"  # the caller ends it
    if response.key_points:
        return "Answered"
    if response.verdict == Verdict.NOT_DISCUSSED:
        return verdict_label(Verdict.NOT_DISCUSSED)
    return "Nothing raised yet"


def prompt_lead(prompt: PromptSummary) -> str:
    """The sentence under a prompt's heading: its verdicts (a question) or who answered it."""
    if prompt.kind == PromptKind.QUESTION:
        return verdict_sentence(prompt.responses)
    return open_question_sentence(prompt).removesuffix(":") + "."


def still_talking_sentence(prompt: PromptSummary) -> str:
    """ "Table 2 was still talking when the answers were taken, so it is not counted."."""
    if not prompt.in_progress:
        return ""
    names = table_list([tr.table for tr in prompt.in_progress])
    one = len(prompt.in_progress) == 1
    return (
        f"{names} {'was' if one else 'were'} still talking when the answers were taken, "
        f"so {'it is' if one else 'they are'} not counted."
    )


def not_reached_sentence(prompt: PromptSummary) -> str:
    """ "Table 2 and Table 3 recorded nothing for it.": tables that took part in the activity
    but left this prompt blank, so a reader never takes the tables that answered for all."""
    if not prompt.not_reached or not (prompt.responses or prompt.in_progress):
        return ""
    return f"{table_list(prompt.not_reached)} recorded nothing for it."


def at_event_sentence(at: PromptAtEvent) -> str:
    """One event's answers to a prompt across a series: its verdicts (a question) or how many
    tables answered and the point raised most (an open question)."""
    if any(tr.response.kind == PromptKind.OPEN_QUESTION for tr in at.responses):
        n = at.tables
        top = at.points[0] if at.points else None
        most = f"; most raised: {top.text}" if top and top.tables > 1 else ""
        return as_sentence(f"{plural(n, 'table')} answered{most}")
    return verdict_sentence(at.responses)


def w_short(step: RankingAtEvent) -> str:
    """ "W = 0.52, p = 0.08" for one event of a series; "one table" when there is no W."""
    test = step.w_test
    if test is None:
        return "one table"
    return f"W = {test.w:.2f}, {p_text(test).split(',')[0]}"
