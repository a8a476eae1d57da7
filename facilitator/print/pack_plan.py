"""The whole pack as data: which pages come in what order, how many sheets and pouches."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from facilitator.decks.model import Deck
from facilitator.errors import InputError
from facilitator.print import capture_sheets, packing_list, tent_cards
from facilitator.print.options import Duplex, Lamination, PackBy, PrintOptions
from facilitator.print.pouch_plan import (
    PouchLayout,
    choose_pouch,
    plan_pouch,
    pouch_label,
    sheet_pouch,
)
from facilitator.print.preflight import geometry_warnings
from facilitator.print.sheet_plan import (
    CardGroup,
    CardRef,
    Grid,
    SheetPage,
    plan_grid,
    sheet_pages,
)
from facilitator.print.units import format_mm
from facilitator.set_marks import set_colour_name, set_label, set_shape_name
from facilitator.wording import join_and, plural

MAX_PACK_CARDS = 20_000  # about 2,500 sheets: beyond that a mistake is more likely than a wish


class Stock(StrEnum):
    """What a section is printed on."""

    CARD = "card"  # what is handled (the cards) or stands up (tent cards)
    PAPER = "paper"  # what is read or written on: the guide, calibration and capture sheets


@dataclass(frozen=True)
class Section:
    """A run of pages in the PDF: the guide, the card sheets, the tent cards..."""

    name: str  # what it is: "print guide", "calibration sheet", "cards", "tent cards", ...
    first_page: int
    pages: int
    sheets: int  # sheets it takes, of its stock
    blank_backs: bool = False  # one-sided pages in a duplex pack, each followed by a blank
    label: str = ""  # how it is described to people, if not by its name
    stock: Stock = Stock.PAPER

    @property
    def last_page(self) -> int:
        return self.first_page + self.pages - 1


@dataclass(frozen=True)
class Pouches:
    name: str  # e.g. "A4 (216×303 mm)"
    count: int


@dataclass(frozen=True)
class PackPlan:
    """Everything `render_pack` will print, computed without drawing (all lengths in mm)."""

    options: PrintOptions
    grid: Grid
    deck_titles: tuple[str, ...]
    copies: tuple[tuple[int, ...], ...]  # per deck, per card: copies in one set (0: left out)
    cards_per_set: int
    card_count: int
    card_sheets: int
    pouches: Pouches | None
    pouch_layout: PouchLayout | None  # pouch mode: how cut cards lie in one pouch
    packing_list_count: int
    sections: tuple[Section, ...]
    tent_card_count: int
    capture_sheet_count: int
    warnings: tuple[str, ...]

    @property
    def total_pages(self) -> int:
        return sum(s.pages for s in self.sections)

    @property
    def total_sheets(self) -> int:
        return sum(s.sheets for s in self.sections)

    def cards(self) -> Iterator[CardRef]:
        """Every physical card in print order: set by set, deck by deck, card by card."""
        for set_number in self.options.set_numbers:
            yield from self.set_cards(set_number)

    def set_cards(self, set_number: int, deck: int | None = None) -> Iterator[CardRef]:
        for d, deck_copies in enumerate(self.copies):
            if deck is not None and d != deck:
                continue
            for c, copies in enumerate(deck_copies):
                for copy in range(1, copies + 1):
                    yield CardRef(d, c, set_number, copy)

    def groups(self) -> Iterator[CardGroup]:
        """The cards in runs that each start on a sheet of their own (`--pack-by`)."""
        o = self.options
        if o.pack_by == PackBy.NONE:
            yield CardGroup(tuple(self.cards()), describe_sets(o.set_numbers))
            return
        for n in o.set_numbers:
            if o.pack_by == PackBy.SET:
                yield CardGroup(tuple(self.set_cards(n)), set_label(n))
                continue
            for d in range(len(self.copies)):
                cards = tuple(self.set_cards(n, d))
                if cards:
                    yield CardGroup(cards, set_label(n))

    def card_pages(self) -> Iterator[SheetPage]:
        """The card pages in order (lazy per set, so a big pack never holds every page)."""
        return sheet_pages(self.grid, self.groups(), self.options, self.deck_titles)


def describe_set_count(o: PrintOptions) -> str:
    """`3 sets`, or with `--only-set`, `set 2 of 3` / `sets 1, 3 of 4`."""
    if not o.only_sets:
        return plural(o.sets, "set")
    return f"{describe_sets(o.only_sets).lower()} of {o.sets}"


def describe_sets(numbers: Sequence[int]) -> str:
    """`Set 2`, `Sets 1–3`, `Sets 1, 3`."""
    if len(numbers) == 1:
        return set_label(numbers[0])
    if list(numbers) == list(range(numbers[0], numbers[-1] + 1)):
        return f"Sets {numbers[0]}–{numbers[-1]}"
    return "Sets " + ", ".join(str(n) for n in numbers)


def plan_pack(decks: Sequence[Deck], options: PrintOptions) -> PackPlan:
    """The plan for printing `decks` with `options`. Pure: no drawing, no files."""
    if not decks:
        raise InputError("print: give at least one deck")
    grid = plan_grid(options)
    copies = _copies(decks, options)
    cards_per_set = sum(sum(c) for c in copies)
    card_count = cards_per_set * len(options.set_numbers)
    if card_count == 0:
        raise InputError("print: the decks have no cards to print")
    if card_count > MAX_PACK_CARDS:
        raise InputError(
            f"sets: {options.sets} sets of {cards_per_set} cards is {card_count} cards; "
            f"a pack holds at most {MAX_PACK_CARDS}"
        )
    if options.calibration and options.duplex == Duplex.NONE:
        raise InputError(
            "calibration: the calibration sheet is for double-sided printing; "
            "add --duplex long or --duplex short"
        )
    per_group = _group_sizes(copies, options)
    card_sheets = sum(math.ceil(n / grid.per_page) for n in per_group)
    pouches: Pouches | None = None
    layout: PouchLayout | None = None
    if options.laminate == Lamination.SHEET:
        pouches = Pouches(pouch_label(*sheet_pouch(options)), card_sheets)
    elif options.laminate == Lamination.CARD:
        pouches = Pouches(pouch_label(*choose_pouch(options)), card_count)
    elif options.laminate == Lamination.POUCH:
        layout = plan_pouch(options)
        pouches = Pouches(layout.name, math.ceil(card_count / layout.per_pouch))
    packing_lists = 0
    if options.packing_list:
        per_set = packing_list.pages_per_set(decks, copies, options.paper_size)
        packing_lists = per_set * len(options.set_numbers)

    warnings: list[str] = list(geometry_warnings(options, grid))
    sets = len(options.set_numbers)
    tents = len(tent_cards.tent_prompts(decks)) * sets if options.tent_cards else 0
    if options.tent_cards and not tents:
        warnings.append("tent cards: none of the decks is a prompts deck, so no tent cards")
    captures = 0
    if options.capture_sheets:
        paper = options.paper_size
        captures = sum(capture_sheets.page_count(deck, paper) for deck in decks) * sets
    plan = PackPlan(
        options=options,
        grid=grid,
        deck_titles=tuple(deck.title for deck in decks),
        copies=copies,
        cards_per_set=cards_per_set,
        card_count=card_count,
        card_sheets=card_sheets,
        pouches=pouches,
        pouch_layout=layout,
        packing_list_count=packing_lists,
        sections=_sections(options, 1, layout, card_sheets, packing_lists, tents, captures),
        tent_card_count=tents,
        capture_sheet_count=captures,
        warnings=tuple(warnings),
    )
    if options.guide:
        # The guide lists the pages, and may itself run onto more pages on small paper.
        from facilitator.print.guide import guide_page_count

        for _ in range(3):
            pages = guide_page_count(plan)
            if pages == plan.sections[0].sheets:
                break
            sections = _sections(
                options, pages, layout, card_sheets, packing_lists, tents, captures
            )
            plan = dataclasses.replace(plan, sections=sections)
    return plan


def _sections(
    options: PrintOptions,
    guide_pages: int,
    layout: PouchLayout | None,
    card_sheets: int,
    packing_lists: int,
    tents: int,
    captures: int,
) -> tuple[Section, ...]:
    """The runs of pages in print order."""
    duplex = options.duplex != Duplex.NONE
    sections: list[Section] = []
    page = 1

    def add(
        name: str,
        pages: int,
        sheets: int,
        one_sided: bool = False,
        label: str = "",
        stock: Stock = Stock.PAPER,
    ) -> None:
        nonlocal page
        if pages:
            blank_backs = one_sided and duplex
            sections.append(Section(name, page, pages, sheets, blank_backs, label, stock))
            page += pages

    pad = 2 if duplex else 1  # in a duplex pack, single-sided pages get a blank back
    if options.guide:
        add("print guide", guide_pages * pad, guide_pages, one_sided=True)
    if options.calibration:
        add("calibration sheet", 2, 1)
    if layout is not None:
        add("pouch placement sheet", pad, 1, one_sided=True)
    backs = "card sheets, each front followed by its backs"
    if options.fold:
        backs = "card sheets, fronts beside their backs (fold)"
    card_pages = card_sheets * (2 if duplex else 1)
    label = backs if duplex or options.fold else ""
    add("cards", card_pages, card_sheets, label=label, stock=Stock.CARD)
    if packing_lists:
        add("packing lists", packing_lists * pad, packing_lists, one_sided=True)
    if options.tent_cards:
        add("tent cards", tents * pad, tents, one_sided=True, stock=Stock.CARD)
    if options.capture_sheets:
        add("capture sheets", captures * pad, captures, one_sided=True)
    return tuple(sections)


def _copies(decks: Sequence[Deck], options: PrintOptions) -> tuple[tuple[int, ...], ...]:
    """Copies per card in one set; with `--only`, just those codes (a code not in any deck is
    refused, naming the decks)."""
    if not options.only:
        return tuple(tuple(card.copies for card in deck.cards) for deck in decks)
    wanted = set(options.only)
    known = {card.code for deck in decks for card in deck.cards}
    missing = [code for code in options.only if code not in known]
    if missing:
        where = join_and([f'"{deck.title}"' for deck in decks])
        raise InputError(
            f"only: there is no card {missing[0]} in {where}; give codes as printed on the "
            "cards, comma-separated (e.g. R7,R9)"
        )
    return tuple(
        tuple(card.copies if card.code in wanted else 0 for card in deck.cards) for deck in decks
    )


def _group_sizes(copies: tuple[tuple[int, ...], ...], options: PrintOptions) -> list[int]:
    per_deck = [sum(c) for c in copies]
    sets = len(options.set_numbers)
    if options.pack_by == PackBy.NONE:
        return [sum(per_deck) * sets]
    if options.pack_by == PackBy.SET:
        return [sum(per_deck)] * sets
    return [n for n in per_deck if n] * sets


def describe_section(section: Section) -> str:
    """`pages 29–52: tent cards (each with a blank back)`."""
    where = (
        f"page {section.first_page}"
        if section.pages == 1
        else f"pages {section.first_page}–{section.last_page}"
    )
    name = section.label or section.name
    if section.blank_backs:
        what = "with a blank back" if section.pages == 2 else "each with a blank back"
        return f"{where}: {name} ({what})"
    return f"{where}: {name}"


def describe_duplex(options: PrintOptions) -> str:
    if options.duplex == Duplex.NONE:
        return "one-sided"
    return f"double-sided, flip on the {options.duplex.value} edge"


def describe_total(plan: PackPlan) -> str:
    """`70 pages on 35 sheets: 24 of card (cards and tent cards), 11 of paper`: what is
    handled and what stands up wants card stock; the guide and capture sheets are paper."""
    stiff = [s for s in plan.sections if s.stock == Stock.CARD]
    card = sum(s.sheets for s in stiff)
    paper = plan.total_sheets - card
    what = join_and([s.name for s in stiff])
    pages = f"{plural(plan.total_pages, 'page')} on {plural(plan.total_sheets, 'sheet')}"
    if not paper:
        return f"{pages} of card"
    return f"{pages}: {card} of card ({what}), {paper} of paper"


@dataclass(frozen=True)
class PlanRow:
    """One row of the plan in words: a heading ("Card sheets"), what it says, then any listed
    items (the decks, the runs of pages), so a view can lay it out without parsing sentences."""

    heading: str
    text: str = ""
    items: tuple[str, ...] = ()

    @property
    def lines(self) -> tuple[str, ...]:
        """What the row says, one line each: its text, then its items."""
        return ((self.text,) if self.text else ()) + self.items


def plan_rows(plan: PackPlan, warnings: Sequence[str] | None = None) -> tuple[PlanRow, ...]:
    """The plan in words, row by row, for `--plan` and the print dialog; `warnings` (from
    `preflight`) replaces the plan's own geometry warnings with every warning printing
    would give."""
    o = plan.options
    g = plan.grid
    orientation = "landscape" if g.landscape else "portrait"
    rows = [
        PlanRow(
            "Pack",
            f"{plural(len(plan.deck_titles), 'deck')}, {describe_set_count(o)}: "
            f"{o.describe_cards(plan.card_count)}, {plan.cards_per_set} per set.",
            tuple(f"- {title}" for title in plan.deck_titles),
        ),
        PlanRow(
            "Card sheets",
            f"{plural(plan.card_sheets, 'sheet')} of {o.describe_paper()} "
            f"{orientation}, {g.columns}×{g.rows} = {plural(g.per_page, 'card')} a sheet, "
            f"{describe_duplex(o)}.",
        ),
    ]
    rows.append(PlanRow("Lamination", describe_lamination(plan)))
    rows.append(PlanRow("Finished cards", f"{o.describe_finished()}."))
    if o.fold:
        rows.append(
            PlanRow(
                "Fold",
                "each front is printed beside its back: cut out the pair, fold it on the line "
                "between them (printed side out); no duplex, no calibration.",
            )
        )
    if o.tent_cards:
        rows.append(
            PlanRow("Tent cards", f"{plan.tent_card_count} ({o.describe_paper()}, fold in half).")
        )
    if o.capture_sheets:
        rows.append(PlanRow("Capture sheets", f"{plan.capture_sheet_count}."))
    if o.packing_list:
        per_set = plan.packing_list_count // max(1, len(o.set_numbers))
        each = "one page" if per_set == 1 else f"{per_set} pages"
        rows.append(
            PlanRow(
                "Packing lists",
                f"{plural(plan.packing_list_count, 'page')}, {each} per set: codes and counts.",
            )
        )
    rows.append(PlanRow("Packs", describe_packs(plan)))
    if o.print_shop:
        w, h = (v + 2 * o.bleed for v in o.card_size)
        rows.append(
            PlanRow(
                "Print shop",
                f"instead of sheets: {plural(2 * plan.card_count, 'page')}, one card front or "
                f"back a page, {format_mm(w)}×{format_mm(h)} mm (trim size plus "
                f"{format_mm(o.bleed)} mm bleed), TrimBox and BleedBox set.",
            )
        )
    rows.append(PlanRow("Pages", items=tuple(describe_section(s) for s in plan.sections)))
    rows.append(PlanRow("Total", f"{describe_total(plan)}. Print at 100 % (actual size)."))
    sets = ", ".join(
        f"{set_label(n)} {set_shape_name(n)} {set_colour_name(n).lower()}" for n in o.set_numbers
    )
    rows.append(PlanRow("Sets", f"{sets}."))
    rows.extend(PlanRow("Warning", w) for w in (plan.warnings if warnings is None else warnings))
    return tuple(rows)


def describe_lamination(plan: PackPlan) -> str:
    """Each mode as it is: only cut-first cards in a pouch are sealed."""
    o = plan.options
    p = plan.pouches
    if o.laminate == Lamination.SHEET and p:
        return (
            f"{plural(p.count, 'pouch', 'pouches')}, {p.name}: laminate each printed sheet, then "
            "cut along the marks. Faces are protected; the cut edges are bare paper (not "
            "sealed), fine for a few dry evenings."
        )
    if o.laminate == Lamination.CARD and p:
        return (
            f"{plural(p.count, 'pouch', 'pouches')}, {p.name}: cut out each card, laminate it "
            f"in its own pouch, trim leaving a {format_mm(o.seal)} mm seal: sealed all round."
        )
    if o.laminate == Lamination.POUCH and p and plan.pouch_layout:
        piece = "folded cards" if o.fold else "cards"
        gap = format_mm(2 * o.seal)
        return (
            f"{plural(p.count, 'pouch', 'pouches')}, {p.name}: cut the {piece} out first, lay "
            f"{plan.pouch_layout.per_pouch} in each pouch on the placement sheet ({gap} mm "
            "apart), laminate, cut down the middle of the gaps: every card sealed all round."
        )
    return "none; cut along the marks."


def describe_packs(plan: PackPlan) -> str:
    o = plan.options
    sets = describe_sets(o.set_numbers)
    only = f"only cards {', '.join(o.only)} of " if o.only else ""
    if o.pack_by == PackBy.SET:
        how = "each set starts on a sheet of its own"
    elif o.pack_by == PackBy.DECK:
        how = "each deck of each set starts on a sheet of its own"
    else:
        how = "sets and decks run on across sheets (sort after cutting)"
    return f"{only}{sets}; {how}; every sheet names its deck, set and number in the margin."


def plan_text(rows: Sequence[PlanRow]) -> str:
    """The rows as plain text: "Heading: text", then each item indented on a line of its own."""
    lines = []
    for row in rows:
        lines.append(f"{row.heading}: {row.text}" if row.text else f"{row.heading}:")
        lines.extend(f"  {item}" for item in row.items)
    return "\n".join(lines)


def describe_plan(plan: PackPlan) -> str:
    """The plan in words, as `facilitator print --plan` prints it."""
    return plan_text(plan_rows(plan))
