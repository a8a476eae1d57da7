"""Build report data for an event or a series from the store (read only)."""

from __future__ import annotations

import dataclasses
import itertools
import statistics
from collections.abc import Sequence

from facilitator import analysis
from facilitator.decks.model import ActivityKind, Deck, PromptKind
from facilitator.errors import InputError
from facilitator.outcomes import (
    AgendaItem,
    MatchResult,
    Outcome,
    OutcomeStatus,
    PromptsResult,
    RankResult,
    is_recorded,
    prompt_status,
)
from facilitator.reports.model import (
    CardInfo,
    EventReport,
    EventSummary,
    HeadToHead,
    MatchSection,
    PromptAtEvent,
    PromptsSection,
    PromptSummary,
    RankingAtEvent,
    RankSection,
    Section,
    SeriesPoint,
    SeriesPrompt,
    SeriesRanking,
    SeriesReport,
    Split,
    TableInfo,
    TableMatching,
    TableRanking,
    TableResponse,
)
from facilitator.reports.wording import event_label, short_date
from facilitator.store import Store

# A table is flagged as an outlier when it disagrees with the consensus on at least this share
# of the pairs it ordered, and on more than twice the share of the middle one of the others.
OUTLIER_MIN_SHARE = 0.25
OUTLIER_FACTOR = 2.0
MIN_TABLES_FOR_OUTLIERS = 3


def build_event_report(store: Store, event_ref: str, *, history: bool = True) -> EventReport:
    """The report of one event; `event_ref` is its id or a unique start of it.

    With `history`, each question also carries what the series' last earlier event that
    recorded it concluded ("last time, in London, this was divided").
    """
    event = store.find_event(event_ref)
    tables = tuple(TableInfo(t.id, t.number, t.name, t.colour) for t in store.list_tables(event.id))
    outcomes = store.list_outcomes(event_id=event.id)
    sections: list[Section] = []
    for item in store.list_agenda(event.id):
        mine = [o for o in outcomes if o.item_id == item.id]
        sections.append(_section(item, store.deck_of(item.id), tables, mine))
    report = EventReport(
        event_id=event.id,
        title=event.title,
        series=event.series,
        starts=event.starts,
        venue=event.venue,
        tables=tables,
        sections=tuple(sections),
        outcome_count=sum(1 for o in outcomes if is_recorded(o)),
    )
    return _with_last_time(store, report) if history and event.series else report


def _with_last_time(store: Store, report: EventReport) -> EventReport:
    """The report with each question's answer at the latest earlier event of its series."""
    earlier = [
        e
        for e in store.list_events(series=report.series)
        if e.id != report.event_id and e.starts and report.starts and e.starts < report.starts
    ]
    if not earlier:
        return report
    before = [build_event_report(store, e.id, history=False) for e in earlier]
    ids = _prompt_card_ids(store, [*before, report])
    found: dict[str, PromptAtEvent] = {}  # key -> the latest earlier answers
    for past in before:  # in date order, so later events overwrite earlier ones
        for section in past.sections:
            if isinstance(section, PromptsSection):
                for prompt in section.prompts:
                    if prompt.responses and prompt.kind == PromptKind.QUESTION:
                        at = PromptAtEvent(summary_of(past), prompt.points, prompt.responses)
                        for key in _prompt_keys(ids, section.item_id, prompt):
                            found[key] = at
    sections: list[Section] = []
    for section in report.sections:
        if isinstance(section, PromptsSection):
            prompts = []
            for prompt in section.prompts:
                keys = _prompt_keys(ids, section.item_id, prompt)
                last = next((found[k] for k in keys if k in found), None)
                if prompt.kind == PromptKind.QUESTION and last is not None:
                    prompt = dataclasses.replace(prompt, previous=last)
                prompts.append(prompt)
            section = dataclasses.replace(section, prompts=tuple(prompts))
        sections.append(section)
    return dataclasses.replace(report, sections=tuple(sections))


def _prompt_keys(ids: dict[tuple[str, str], str], item_id: str, prompt: PromptSummary) -> list[str]:
    """The same prompt is the same card (by id) or, across decks, the same wording."""
    keys = ["text:" + analysis.normalise_point(prompt.question)]
    card_id = ids.get((item_id, prompt.code))
    return [f"id:{card_id}", *keys] if card_id else keys


def _section(
    item: AgendaItem, deck: Deck, tables: Sequence[TableInfo], outcomes: Sequence[Outcome]
) -> Section:
    by_table = {o.table_id: o for o in outcomes}
    recorded = [t for t in tables if t.id in by_table and is_recorded(by_table[t.id])]
    in_progress = tuple(t for t in tables if t.id in by_table and t not in recorded)
    not_recorded = tuple(t for t in tables if t.id not in by_table)
    if item.kind == ActivityKind.RANK:
        ranks = [(t, r) for t in recorded if isinstance(r := by_table[t.id].result, RankResult)]
        return _rank_section(item.id, item.title, _cards(deck), ranks, not_recorded, in_progress)
    if item.kind == ActivityKind.MATCH:
        matches = [(t, r) for t in recorded if isinstance(r := by_table[t.id].result, MatchResult)]
        first = deck.suits[0].name if deck.suits else ""
        targets = _cards(deck, first)
        items = tuple(CardInfo(c.code, c.title) for c in deck.cards if c.suit != first)
        section = _match_section(item.id, item.title, targets, items, matches, not_recorded)
        return dataclasses.replace(section, in_progress=in_progress)
    # Each prompt counts on its own: a table that answered two prompts and never reached the
    # third has two answers recorded, whatever the outcome as a whole says.
    prompts = [
        (t, r)
        for t in tables
        if t.id in by_table and isinstance(r := by_table[t.id].result, PromptsResult)
    ]
    return _prompts_section(item, deck, prompts, not_recorded)


def _cards(deck: Deck, suit: str | None = None) -> tuple[CardInfo, ...]:
    return tuple(CardInfo(c.code, c.title) for c in deck.cards if suit is None or c.suit == suit)


def _rank_section(
    item_id: str,
    title: str,
    cards: tuple[CardInfo, ...],
    ranks: Sequence[tuple[TableInfo, RankResult]],
    not_recorded: tuple[TableInfo, ...],
    in_progress: tuple[TableInfo, ...] = (),
) -> RankSection:
    # A table that tied every card expresses no order: it is named, never counted.
    all_tied = tuple(t for t, r in ranks if len(r.levels) < 2 and len(r.codes()) > 1)
    ranks = [(t, r) for t, r in ranks if t not in all_tied]
    rankings = [r.levels for _, r in ranks]
    deck_order = [c.code for c in cards]
    result = analysis.kemeny_with_distance(rankings, card_order=deck_order, limit=1)
    consensus = result.order
    placed = analysis.cards_of(rankings)
    distances = []
    for _, r in ranks:
        d = analysis.kendall_tau_distance(consensus, r.levels)
        pairs = analysis.comparable_pairs(r.levels, placed)
        distances.append((d, d / pairs if pairs else 0.0))
    tables = []
    for i, (table, r) in enumerate(ranks):
        d, share = distances[i]
        others = [s for j, (_, s) in enumerate(distances) if j != i]
        outlier = (
            len(ranks) >= MIN_TABLES_FOR_OUTLIERS
            and share >= OUTLIER_MIN_SHARE
            and share > OUTLIER_FACTOR * statistics.median(others)
        )
        left_out = tuple(c for c in deck_order if c not in set(r.codes()))
        disagreement = _card_disagreement(consensus, r.levels, placed)
        tables.append(TableRanking(table, r.levels, left_out, d, share, outlier, disagreement))
    w_test = analysis.kendall_w_test(rankings) if len(rankings) >= 2 else None
    return RankSection(
        item_id=item_id,
        title=title,
        cards=cards,
        consensus=tuple(consensus),
        consensus_exact=result.exact,
        consensus_distance=result.distance,
        kendall_w=w_test.w if w_test else None,
        borda=analysis.borda(rankings) if rankings else {},
        tables=tuple(tables),
        not_recorded=not_recorded,
        in_progress=in_progress,
        all_tied=all_tied,
        w_test=w_test,
        consensus_count=result.count,
        splits=_splits(result, rankings, deck_order) if result.exact else (),
        unanimous=_unanimous(rankings) if len(rankings) >= 2 else (),
    )


def _card_disagreement(
    consensus: Sequence[str], levels: Sequence[Sequence[str]], cards: Sequence[str]
) -> dict[str, float]:
    """card -> of the pairs with it the table ordered, the share it put against the consensus."""
    place = {c: i for i, c in enumerate(consensus)}
    level = {c: i for i, lv in enumerate(levels) for c in lv}
    bottom = len(levels)  # left-out cards share the bottom
    shares = {}
    for card in cards:
        ordered = against = 0
        for other in cards:
            if other == card:
                continue
            mine = level.get(card, bottom) - level.get(other, bottom)
            if mine == 0:
                continue
            ordered += 1
            if mine * (place[card] - place[other]) < 0:
                against += 1
        shares[card] = against / ordered if ordered else 0.0
    return shares


def _splits(
    result: analysis.KemenyResult,
    rankings: Sequence[Sequence[Sequence[str]]],
    deck_order: Sequence[str],
) -> tuple[Split, ...]:
    """The runs of places that the equally good orders fill with different cards."""
    spans = sorted(
        ((lo, hi, c) for c, (lo, hi) in result.places.items() if hi > lo), key=lambda x: x[:2]
    )
    blocks: list[tuple[int, int, list[str]]] = []
    for lo, hi, card in spans:
        if blocks and lo <= blocks[-1][1]:
            first, last, cards = blocks[-1]
            blocks[-1] = (first, max(last, hi), [*cards, card])
        else:
            blocks.append((lo, hi, [card]))
    order = {c: i for i, c in enumerate(deck_order)}
    splits = []
    for first, last, cards in blocks:
        cards.sort(key=lambda c: (order.get(c, len(order)), c))
        votes = []
        for a, b in itertools.combinations(cards, 2):
            a_above = sum(1 for r in rankings if _strictly_above(r, a, b))
            b_above = sum(1 for r in rankings if _strictly_above(r, b, a))
            votes.append(HeadToHead(a, b, a_above, b_above))
        splits.append(Split(tuple(cards), first, last, tuple(votes)))
    return tuple(splits)


def _strictly_above(ranking: Sequence[Sequence[str]], a: str, b: str) -> bool:
    """Whether `ranking` puts card `a` strictly above card `b` (left-out cards at the bottom)."""
    levels = analysis.levels_of(ranking)
    index = {c: i for i, lv in enumerate(levels) for c in lv}
    return index.get(a, len(levels)) < index.get(b, len(levels))


def _unanimous(rankings: Sequence[Sequence[Sequence[str]]]) -> tuple[tuple[str, int], ...]:
    """(card, place) for each card every table put alone at the same place."""
    found = []
    first = analysis.levels_of(rankings[0])
    place = 1
    for level in first:
        if len(level) == 1:
            card = level[0]
            if all(_alone_at(r, card) == place for r in rankings[1:]):
                found.append((card, place))
        place += len(level)
    return tuple(found)


def _alone_at(ranking: Sequence[Sequence[str]], card: str) -> int | None:
    place = 1
    for level in analysis.levels_of(ranking):
        if card in level:
            return place if len(level) == 1 else None
        place += len(level)
    return None


def _match_section(
    item_id: str,
    title: str,
    targets: tuple[CardInfo, ...],
    items: tuple[CardInfo, ...],
    matches: Sequence[tuple[TableInfo, MatchResult]],
    not_recorded: tuple[TableInfo, ...],
) -> MatchSection:
    agreement = analysis.match_agreement([r.assignments for _, r in matches])
    return MatchSection(
        item_id=item_id,
        title=title,
        targets=targets,
        items=items,
        agreement=agreement,
        disputed=tuple(a.item for a in analysis.most_disputed(agreement)),
        tables=tuple(TableMatching(t, dict(r.assignments)) for t, r in matches),
        not_recorded=not_recorded,
    )


def _prompts_section(
    item: AgendaItem,
    deck: Deck,
    answers: Sequence[tuple[TableInfo, PromptsResult]],
    not_recorded: tuple[TableInfo, ...],
) -> PromptsSection:
    prompts = []
    for card in deck.cards:
        given = [(t, r.responses[card.code]) for t, r in answers if card.code in r.responses]
        done = prompt_status  # the one rule, from the outcome model
        responses = tuple(
            TableResponse(t, x) for t, x in given if done(x) == OutcomeStatus.RECORDED
        )
        talking = tuple(TableResponse(t, x) for t, x in given if done(x) != OutcomeStatus.RECORDED)
        answered = {t.id for t, _ in given}
        not_reached = tuple(t for t, _ in answers if t.id not in answered)
        prompts.append(
            PromptSummary(
                code=card.code,
                question=card.title,
                body=card.body,
                verdicts=analysis.verdict_counts(
                    tr.response.verdict
                    for tr in responses
                    if card.prompt_kind == PromptKind.QUESTION
                ),
                responses=responses,
                points=tuple(
                    analysis.merge_key_points([tr.response.key_points for tr in responses])
                ),
                kind=card.prompt_kind,
                in_progress=talking,
                not_reached=not_reached,
            )
        )
    return PromptsSection(item.id, item.title, tuple(prompts), not_recorded)


# --- series ---------------------------------------------------------------------------------


def build_series_report(store: Store, name: str) -> SeriesReport:
    """Every event of the series (in date order), each prompt and ranking across them, and
    every recorded table pooled into one consensus per ranking and one heat map per matching."""
    events = store.list_events(series=name)
    if not events:
        known = store.list_series()
        hint = f"; the series are: {', '.join(known)}" if known else "; no event has a series yet"
        raise InputError(f'no events in the series "{name}"{hint}')
    reports = [build_event_report(store, e.id, history=False) for e in events]
    card_ids = _prompt_card_ids(store, reports)
    pooled, left_out = _pooled(reports)
    quiet = tuple(summary_of(r) for r in reports if not _recorded_anything(r))
    return SeriesReport(
        name=events[0].series,
        events=tuple(reports),
        prompts=_series_prompts(reports, card_ids),
        rankings=_series_rankings(reports),
        pooled=pooled,
        quiet=quiet,
        left_out_of_pool=left_out,
    )


def _recorded_anything(report: EventReport) -> bool:
    for section in report.sections:
        if isinstance(section, PromptsSection):
            if any(p.responses for p in section.prompts):
                return True
        elif section.tables:
            return True
    return False


def _pooled(
    reports: Sequence[EventReport],
) -> tuple[tuple[RankSection | MatchSection, ...], dict[str, tuple[str, ...]]]:
    """One section per ranking or matching activity (matched by title) with every recorded
    table of every event. A ranking pools only the cards every event's deck had: a card
    missing from a deck was never on that event's tables, so it must not count as last."""
    groups: dict[str, list[tuple[EventReport, RankSection | MatchSection]]] = {}
    for report in reports:
        for section in report.sections:
            if isinstance(section, RankSection | MatchSection) and section.tables:
                key = f"{section.kind}:{analysis.normalise_point(section.title)}"
                groups.setdefault(key, []).append((report, section))
    pooled: list[RankSection | MatchSection] = []
    left_out: dict[str, tuple[str, ...]] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        last = group[-1][1]

        def pooled_name(report: EventReport, table: TableInfo) -> TableInfo:
            label = f"{table.name} ({short_date(report.starts) or report.title})"
            return TableInfo(f"{report.event_id}:{table.id}", table.number, label, table.colour)

        if isinstance(last, RankSection):
            ranked = [s for _, s in group if isinstance(s, RankSection)]
            shared = set.intersection(*[{c.code for c in s.cards} for s in ranked])
            cards = tuple(c for c in last.cards if c.code in shared)
            everywhere = {c.code: c.title for s in ranked for c in s.cards}
            dropped = tuple(title for code, title in everywhere.items() if code not in shared)
            if dropped:
                left_out[last.title] = dropped
            ranks = []
            for report, section in group:
                assert isinstance(section, RankSection)
                for t in section.tables:
                    levels = tuple(
                        kept for lv in t.levels if (kept := tuple(c for c in lv if c in shared))
                    )
                    ranks.append((pooled_name(report, t.table), RankResult(levels)))
            pooled.append(_rank_section("pooled", last.title, cards, ranks, ()))
        else:
            matches = []
            for report, section in group:
                assert isinstance(section, MatchSection)
                for m in section.tables:
                    matches.append((pooled_name(report, m.table), MatchResult(m.assignments)))
            pooled.append(
                _match_section("pooled", last.title, last.targets, last.items, matches, ())
            )
    return tuple(pooled), left_out


def summary_of(report: EventReport) -> EventSummary:
    return EventSummary(report.event_id, report.title, report.starts, report.venue)


def _prompt_card_ids(store: Store, reports: Sequence[EventReport]) -> dict[tuple[str, str], str]:
    """(agenda item id, prompt code) -> the card's id in the deck, which survives edits."""
    ids = {}
    for report in reports:
        for section in report.sections:
            if isinstance(section, PromptsSection):
                for card in store.deck_of(section.item_id).cards:
                    ids[(section.item_id, card.code)] = card.id
    return ids


def _series_prompts(
    reports: Sequence[EventReport], card_ids: dict[tuple[str, str], str]
) -> tuple[SeriesPrompt, ...]:
    # The same prompt is the same card (by id) or, across decks, the same wording.
    groups: list[list[tuple[EventReport, PromptSummary]]] = []
    by_key: dict[str, int] = {}
    for report in reports:
        for section in report.sections:
            if not isinstance(section, PromptsSection):
                continue
            for prompt in section.prompts:
                keys = [
                    "id:" + card_ids.get((section.item_id, prompt.code), ""),
                    "text:" + analysis.normalise_point(prompt.question),
                ]
                found = next((by_key[k] for k in keys if k in by_key), None)
                if found is None:
                    found = len(groups)
                    groups.append([])
                groups[found].append((report, prompt))
                for k in keys:
                    by_key.setdefault(k, found)
    result = []
    for group in groups:
        asked = [(r, p) for r, p in group if p.responses]
        if not asked:
            continue
        silent = tuple(summary_of(r) for r, p in group if not p.responses)
        result.append(
            SeriesPrompt(
                question=asked[-1][1].question,
                events=tuple(PromptAtEvent(summary_of(r), p.points, p.responses) for r, p in asked),
                verdicts=analysis.verdict_counts(
                    tr.response.verdict for _, p in asked for tr in p.responses
                ),
                points=_attributed_points(asked),
                silent=silent,
                kind=asked[-1][1].kind,
            )
        )
    return tuple(result)


def _attributed_points(
    asked: Sequence[tuple[EventReport, PromptSummary]],
) -> tuple[SeriesPoint, ...]:
    """The points of every table of every event, merged, each with the events that raised it."""
    merged = analysis.merge_key_points(
        [tr.response.key_points for _, p in asked for tr in p.responses]
    )
    where: dict[str, list[str]] = {}
    for report, prompt in asked:
        label = event_label(summary_of(report))
        for tr in prompt.responses:
            for point in tr.response.key_points:
                events = where.setdefault(analysis.normalise_point(point), [])
                if label not in events:
                    events.append(label)
    return tuple(
        SeriesPoint(m.text, m.tables, tuple(where.get(analysis.normalise_point(m.text), ())))
        for m in merged
    )


def consensus_levels(section: RankSection) -> tuple[tuple[str, ...], ...]:
    """The consensus with each split run of places as one tied level: what the tables
    really settled, and no more."""
    split_of = {c: i for i, split in enumerate(section.splits) for c in split.cards}
    levels: list[tuple[str, ...]] = []
    done: set[int] = set()
    for code in section.consensus:
        if code not in split_of:
            levels.append((code,))
        elif split_of[code] not in done:
            done.add(split_of[code])
            levels.append(section.splits[split_of[code]].cards)
    return tuple(levels)


def moved_between(before: RankSection, after: RankSection) -> tuple[int, int]:
    """(pairs swapped, cards compared): pairs of cards both events had that one consensus put
    strictly one way and the other strictly the other way; a split (tied) pair never counts."""
    a, b = consensus_levels(before), consensus_levels(after)
    shared = set(before.consensus) & set(after.consensus)
    keep_a = tuple(k for lv in a if (k := tuple(c for c in lv if c in shared)))
    keep_b = tuple(k for lv in b if (k := tuple(c for c in lv if c in shared)))
    return analysis.kendall_tau_distance(keep_a, keep_b), len(shared)


def _series_rankings(reports: Sequence[EventReport]) -> tuple[SeriesRanking, ...]:
    groups: dict[str, list[tuple[EventReport, RankSection]]] = {}
    for report in reports:
        for section in report.sections:
            if isinstance(section, RankSection) and section.tables:
                key = analysis.normalise_point(section.title)
                groups.setdefault(key, []).append((report, section))
    result = []
    for group in groups.values():
        rows = []
        previous: RankSection | None = None
        for report, section in group:
            moved, compared = moved_between(previous, section) if previous else (None, 0)
            rows.append(
                RankingAtEvent(
                    summary_of(report),
                    len(section.tables),
                    section.consensus,
                    section.kendall_w,
                    moved,
                    compared,
                    section.w_test,
                )
            )
            previous = section
        last = group[-1][1]
        result.append(SeriesRanking(last.title, last.cards, tuple(rows)))
    return tuple(result)
