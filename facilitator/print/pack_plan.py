"""The whole pack as data: which pages come in what order, how many sheets and pouches."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from facilitator.decks.model import Deck
from facilitator.errors import InputError
from facilitator.print import capture_sheets, tent_cards
from facilitator.print.options import (
    POUCH_LABELS,
    POUCH_SIZES,
    SHEET_POUCH,
    Duplex,
    Lamination,
    PrintOptions,
)
from facilitator.print.sheet_plan import CardRef, Grid, SheetPage, plan_grid, sheet_pages
from facilitator.print.units import format_mm
from facilitator.set_marks import set_colour_name, set_label
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
    copies: tuple[tuple[int, ...], ...]  # per deck, per card: copies in one set
    cards_per_set: int
    card_count: int
    card_sheets: int
    pouches: Pouches | None
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
        for set_number in range(1, self.options.sets + 1):
            for d, deck_copies in enumerate(self.copies):
                for c, copies in enumerate(deck_copies):
                    for copy in range(1, copies + 1):
                        yield CardRef(d, c, set_number, copy)

    def card_pages(self) -> Iterator[SheetPage]:
        """The card pages in order (lazy, so a big pack never holds every page at once)."""
        return sheet_pages(self.grid, self.cards(), self.options)


def choose_pouch(options: PrintOptions) -> tuple[str, tuple[float, float]]:
    """The pouch for card mode; refuses one that leaves less than the seal, naming one that fits."""
    cw, ch = options.card_size
    need = (cw + 2 * options.seal, ch + 2 * options.seal)

    def fits(size: tuple[float, float]) -> bool:
        a, b = sorted(size)
        x, y = sorted(need)
        return a >= x - 1e-9 and b >= y - 1e-9

    fitting = [(name, size) for name, size in POUCH_SIZES.items() if fits(size)]
    smallest = min(fitting, key=lambda p: p[1][0] * p[1][1]) if fitting else None
    needs = (
        f"{options.describe_cards()} need a pouch of at least "
        f"{format_mm(need[0])}×{format_mm(need[1])} mm (a {format_mm(options.seal)} mm seal "
        "on every side)"
    )
    if options.pouch_size is None:
        if smallest is None:
            raise InputError(f"pouch: {needs}; no pouch preset is that big; laminate the sheet")
        return smallest
    if fits(options.pouch_size):
        return options.pouch_name, options.pouch_size
    hint = (
        f"the smallest pouch that fits is {_pouch_label(*smallest)}"
        if smallest
        else "no pouch preset is that big"
    )
    chosen = _pouch_phrase(options.pouch_name, options.pouch_size)
    raise InputError(f"pouch: {needs}; the {chosen} is too small; {hint}")


def _pouch_phrase(name: str, size: tuple[float, float]) -> str:
    """`A7 pouch (80×111 mm)`; `75×105 mm pouch` for the preset named by its size, and custom."""
    dims = f"{format_mm(size[0])}×{format_mm(size[1])} mm"
    label = POUCH_LABELS.get(name)
    return f"{label} pouch ({dims})" if label and name != "75x105" else f"{dims} pouch"


def _pouch_label(name: str, size: tuple[float, float]) -> str:
    dims = f"{format_mm(size[0])}×{format_mm(size[1])} mm"
    if name == "75x105":
        return dims
    label = POUCH_LABELS.get(name)
    return f"{label} ({dims})" if label else dims


def plan_pack(decks: Sequence[Deck], options: PrintOptions) -> PackPlan:
    """The plan for printing `decks` with `options`. Pure: no drawing, no files."""
    if not decks:
        raise InputError("print: give at least one deck")
    grid = plan_grid(options)
    copies = tuple(tuple(card.copies for card in deck.cards) for deck in decks)
    cards_per_set = sum(sum(c) for c in copies)
    card_count = cards_per_set * options.sets
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
    card_sheets = math.ceil(card_count / grid.per_page)
    pouches: Pouches | None = None
    if options.laminate == Lamination.SHEET:
        pw, ph = options.paper_size
        fallback = f"{format_mm(pw + 6)}×{format_mm(ph + 6)} mm"
        pouches = Pouches(SHEET_POUCH.get(options.paper_name, fallback), card_sheets)
    elif options.laminate == Lamination.CARD:
        pouches = Pouches(_pouch_label(*choose_pouch(options)), card_count)

    warnings: list[str] = []
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
        add("print guide", pad, 1, one_sided=True)
    if options.calibration:
        add("calibration sheet", 2, 1)
    backs = "card sheets, each front followed by its backs"
    card_pages = card_sheets * (2 if duplex else 1)
    add("cards", card_pages, card_sheets, label=backs if duplex else "", stock=Stock.CARD)
    tents = 0
    if options.tent_cards:
        tents = len(tent_cards.tent_prompts(decks)) * options.sets
        if not tents:
            warnings.append("tent cards: none of the decks is a prompts deck, so no tent cards")
        add("tent cards", tents * pad, tents, one_sided=True, stock=Stock.CARD)
    captures = 0
    if options.capture_sheets:
        captures = sum(capture_sheets.page_count(deck) for deck in decks) * options.sets
        add("capture sheets", captures * pad, captures, one_sided=True)
    return PackPlan(
        options=options,
        grid=grid,
        deck_titles=tuple(deck.title for deck in decks),
        copies=copies,
        cards_per_set=cards_per_set,
        card_count=card_count,
        card_sheets=card_sheets,
        pouches=pouches,
        sections=tuple(sections),
        tent_card_count=tents,
        capture_sheet_count=captures,
        warnings=tuple(warnings),
    )


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


def plan_rows(plan: PackPlan) -> tuple[PlanRow, ...]:
    """The plan in words, row by row, for `--plan` and the print dialog."""
    o = plan.options
    g = plan.grid
    orientation = "landscape" if g.landscape else "portrait"
    rows = [
        PlanRow(
            "Pack",
            f"{plural(len(plan.deck_titles), 'deck')}, {plural(o.sets, 'set')}: "
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
    gutter = format_mm(g.gutter)
    if o.laminate == Lamination.SHEET and plan.pouches:
        lamination = (
            f"{plural(plan.pouches.count, 'pouch', 'pouches')}, "
            f"{plan.pouches.name}: laminate each card sheet, then cut down the middle of the "
            f"{gutter} mm gutters."
        )
    elif o.laminate == Lamination.CARD and plan.pouches:
        lamination = (
            f"{plural(plan.pouches.count, 'pouch', 'pouches')}, "
            f"{plan.pouches.name}: cut out each card, then laminate it in its own pouch."
        )
    else:
        lamination = "none; cut along the marks."
    rows.append(PlanRow("Lamination", lamination))
    if o.tent_cards:
        rows.append(
            PlanRow("Tent cards", f"{plan.tent_card_count} ({o.describe_paper()}, fold in half).")
        )
    if o.capture_sheets:
        rows.append(PlanRow("Capture sheets", f"{plan.capture_sheet_count}."))
    rows.append(PlanRow("Pages", items=tuple(describe_section(s) for s in plan.sections)))
    rows.append(PlanRow("Total", f"{describe_total(plan)}. Print at 100 % (actual size)."))
    sets = ", ".join(f"{set_label(n)} {set_colour_name(n).lower()}" for n in range(1, o.sets + 1))
    rows.append(PlanRow("Sets", f"{sets}."))
    rows.extend(PlanRow("Warning", w) for w in plan.warnings)
    return tuple(rows)


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
