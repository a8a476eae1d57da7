"""Every print option in one place: the table of defaults, the frozen options, one parser.

Like Squib's `Args::Sheet`, each option is declared once (`OPTIONS`) with its default and
meaning; the parser refuses unknown options and impossible values with a sentence, and the
documentation (docs/printing.md) is tested against this table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from facilitator.errors import InputError
from facilitator.print.units import format_mm, parse_length, parse_offset, parse_size
from facilitator.set_marks import MAX_SETS

# Paper sizes in mm, portrait (width <= height).
PAPER_SIZES: dict[str, tuple[float, float]] = {
    "a4": (210.0, 297.0),
    "letter": (215.9, 279.4),
    "a3": (297.0, 420.0),
    "a5": (148.0, 210.0),
}
# Common card sizes in mm (DESIGN.md, "Laminate-ready printing: the facts").
CARD_SIZES: dict[str, tuple[float, float]] = {
    "poker": (63.0, 88.0),
    "bridge": (57.0, 89.0),
    "mini": (44.0, 67.0),
    "tarot": (70.0, 120.0),
    "a7": (74.0, 105.0),
    "a6": (105.0, 148.0),
    "business": (85.0, 55.0),
    "id-1": (85.6, 54.0),
}
# How card sizes are named to people (the rest as typed).
CARD_LABELS = {"a7": "A7", "a6": "A6", "id-1": "ID-1"}
# Laminating pouches in mm: the paper size plus about 6 mm. Smallest first.
POUCH_SIZES: dict[str, tuple[float, float]] = {
    "business": (60.0, 90.0),
    "id": (67.0, 99.0),
    "75x105": (75.0, 105.0),
    "a7": (80.0, 111.0),
    "a6": (111.0, 154.0),
    "a5": (154.0, 216.0),
    "a4": (216.0, 303.0),
    "letter": (228.6, 292.1),
    "a3": (303.0, 426.0),
}
# How pouches are named to people.
POUCH_LABELS = {
    "business": "business card",
    "id": "ID badge",
    "75x105": "75×105",
    "a7": "A7",
    "a6": "A6",
    "a5": "A5",
    "a4": "A4",
    "letter": "Letter",
    "a3": "A3",
}
# The pouch a whole sheet of each paper goes in (pouch mode lays cut cards in it too).
PAPER_POUCH = {"a4": "a4", "a5": "a5", "a3": "a3", "letter": "letter"}
POUCH_ALLOWANCE_MM = 6.0  # a pouch is its paper plus about 6 mm

MAX_MARGIN_MM = 40.0
MIN_SEAL_MM = 2.0  # pouch makers quote 2 to 3.2 mm: less and the films peel apart
MAX_SEAL_MM = 10.0
MAX_GUTTER_MM = 40.0
MAX_BACK_OFFSET_MM = 15.0
MIN_TEXT_PT = 4.0
MAX_TEXT_PT = 72.0
MIN_PAPER_MM = 50.0
MAX_PAPER_MM = 1200.0
MIN_CARD_MM = 20.0
MAX_BLEED_MM = 5.0
CUT_GUTTER_MM = 4.0  # what cutting between two cards needs when they are laminated apart


class Lamination(StrEnum):
    POUCH = "pouch"  # cut first, several cards in one pouch with gaps, cut in the gaps: sealed
    SHEET = "sheet"  # laminate the printed sheet, then cut: faces protected, edges paper
    CARD = "card"  # cut, then laminate each card in its own pouch: sealed
    NONE = "none"  # no lamination


class PackBy(StrEnum):
    SET = "set"  # each set starts on its own sheet: one bag per table straight from the cutter
    DECK = "deck"  # each deck of each set starts on its own sheet
    NONE = "none"  # cards run on across sets and decks: fewest sheets


class Duplex(StrEnum):
    NONE = "none"  # fronts only
    LONG = "long"  # backs on the next page, for a flip on the paper's long edge
    SHORT = "short"  # backs on the next page, for a flip on the paper's short edge


class Orientation(StrEnum):
    AUTO = "auto"  # whichever fits more cards (portrait on a tie)
    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"


# Modes whose finished cards are sealed all round (film meets film around the paper).
SEALED = (Lamination.POUCH, Lamination.CARD)


@dataclass(frozen=True)
class OptionSpec:
    """One user-facing option: its name (as on the command line), default and meaning."""

    name: str
    default: str
    help: str


OPTIONS: tuple[OptionSpec, ...] = (
    OptionSpec("paper", "a4", "a4, letter, a3, a5, or a custom size such as 300x450mm"),
    OptionSpec("orientation", "auto", "auto (fit the most cards), portrait or landscape"),
    OptionSpec(
        "card",
        "poker",
        "poker 63x88, bridge 57x89, mini 44x67, tarot 70x120, a7 74x105, "
        "a6 105x148, business 85x55, id-1 85.6x54, or a custom size such as 70x100mm",
    ),
    OptionSpec("corner-radius", "3.18mm", "the rounded card corner (0 for square corners)"),
    OptionSpec(
        "laminate",
        "pouch",
        "pouch (cut first, several cards a pouch, cut in the gaps: sealed), sheet (laminate "
        "the sheet, then cut: cut edges are paper), card (one pouch per card: sealed) or none",
    ),
    OptionSpec(
        "fold",
        "no",
        "gutter-fold: each front beside its mirrored back, fold on the line; no duplex needed",
    ),
    OptionSpec(
        "seal", "3mm", "the sealed border a laminating pouch needs around paper (2mm at least)"
    ),
    OptionSpec(
        "gutter",
        "auto",
        "space between cards: auto is what cutting needs (4mm, or twice the bleed)",
    ),
    OptionSpec(
        "bleed", "2mm", "colour printed past each cut line (0 for none; half the gutter at most)"
    ),
    OptionSpec("margin", "5mm", "page margin the printer cannot reach; nothing prints in it"),
    OptionSpec(
        "pouch",
        "auto",
        "pouch and card mode: business 60x90, id 67x99, 75x105, a7 80x111, a6 111x154, "
        "a5 154x216, a4 216x303, letter 228.6x292.1, a3 303x426, a custom size, or auto "
        "(pouch: the paper's pouch; card: the smallest that fits)",
    ),
    OptionSpec("sets", "1", f"how many sets to print, one per table (1 to {MAX_SETS})"),
    OptionSpec(
        "pack-by",
        "set",
        "set (each set starts on its own sheet), deck (each deck of each set too) or none",
    ),
    OptionSpec("only", "", "reprint just these card codes, comma-separated (e.g. R7,R9)"),
    OptionSpec("only-set", "", "print just these sets, comma-separated (e.g. 2 or 1,3)"),
    OptionSpec("duplex", "none", "none (fronts only), long or short (the edge the printer flips)"),
    OptionSpec("back-offset", "0,0", "X,Y in mm: moves every back right and up, as seen on it"),
    OptionSpec("marks", "yes", "cut marks at both ends of every cut line (--no-marks: none)"),
    OptionSpec("cut-lines", "no", "thin lines the full length of every cut, for a trimmer"),
    OptionSpec("packing-list", "yes", "a packing list page per set (--no-packing-list: none)"),
    OptionSpec("print-shop", "no", "one card per page at trim size plus bleed, for a print shop"),
    OptionSpec("guide", "no", "a first page: print settings, sheets, pouches, a 100 mm ruler"),
    OptionSpec("tent-cards", "no", "an A4 tent card per prompt per set, folded in half"),
    OptionSpec("capture-sheets", "no", "a paper capture sheet per table per activity"),
    OptionSpec("calibration", "no", "a duplex calibration sheet to read the back offset from"),
    OptionSpec("title", "", "the PDF title (default: the deck titles)"),
    OptionSpec("author", "", "the PDF author"),
    OptionSpec("title-size", "15pt,9pt", "card title: largest and smallest size, in points"),
    OptionSpec("body-size", "10pt,6.5pt", "card body: largest and smallest size, in points"),
)


@dataclass(frozen=True)
class PrintOptions:
    """Everything that decides what is printed and where; all lengths in mm, type in points.

    Built from user strings by `parse_options`; constructing it directly validates too.
    """

    paper_name: str = "a4"
    paper_size: tuple[float, float] = PAPER_SIZES["a4"]
    orientation: Orientation = Orientation.AUTO
    card_name: str = "poker"
    card_size: tuple[float, float] = CARD_SIZES["poker"]
    corner_radius: float = 3.18
    laminate: Lamination = Lamination.POUCH
    fold: bool = False
    seal: float = 3.0
    gutter: float | None = None  # None: what cutting needs (`gutter_mm`)
    bleed: float = 2.0
    margin: float = 5.0
    pouch_name: str = "auto"
    pouch_size: tuple[float, float] | None = None  # None: chosen by the lamination mode
    sets: int = 1
    pack_by: PackBy = PackBy.SET
    only: tuple[str, ...] = ()  # card codes to reprint; empty: every card
    only_sets: tuple[int, ...] = ()  # set numbers to print; empty: 1 to `sets`
    duplex: Duplex = Duplex.NONE
    back_offset: tuple[float, float] = (0.0, 0.0)
    marks: bool = True
    cut_lines: bool = False
    packing_list: bool = True
    print_shop: bool = False
    guide: bool = False
    tent_cards: bool = False
    capture_sheets: bool = False
    calibration: bool = False
    title: str = ""
    author: str = ""
    title_size: tuple[float, float] = (15.0, 9.0)
    body_size: tuple[float, float] = (10.0, 6.5)

    def __post_init__(self) -> None:
        problems = _problems(self)
        if problems:
            raise InputError(problems[0])

    @property
    def gutter_mm(self) -> float:
        """The gutter given, or what cutting needs: room for both cards' bleed, and for a
        cut between cards that are laminated apart."""
        if self.gutter is not None:
            return self.gutter
        cutting = 0.0 if self.laminate == Lamination.NONE else CUT_GUTTER_MM
        return max(cutting, 2 * self.bleed)

    @property
    def has_backs(self) -> bool:
        """Backs are printed: on the next page (duplex), or beside the front (fold)."""
        return self.duplex != Duplex.NONE or self.fold

    @property
    def sealed(self) -> bool:
        return self.laminate in SEALED

    @property
    def set_numbers(self) -> tuple[int, ...]:
        """The sets printed: `--only-set`, or all of them."""
        return self.only_sets or tuple(range(1, self.sets + 1))

    def finished_size(self) -> tuple[float, float]:
        """The card's size once made: sealed modes keep a seal of film all round."""
        w, h = self.card_size
        if self.sealed:
            return w + 2 * self.seal, h + 2 * self.seal
        return w, h

    def describe_finished(self) -> str:
        """What a finished card is, e.g. `69×94 mm, sealed all round (a 3 mm film border)`."""
        w, h = self.finished_size()
        size = f"{format_mm(w)}×{format_mm(h)} mm"
        fold = ", folded double" if self.fold else ""
        if self.sealed:
            return (
                f"{size}{fold}, sealed all round (a {format_mm(self.seal)} mm border of film "
                "round the card)"
            )
        if self.laminate == Lamination.SHEET:
            return f"{size}{fold}, faces laminated, cut edges bare paper (not sealed)"
        return f"{size}{fold}, not laminated"

    def describe_cards(self, count: int | None = None) -> str:
        """`poker cards (63×88 mm)`, `A6 cards (105×148 mm)`, `70×100 mm cards`; with a
        count, `1 poker card (63×88 mm)`, `16 poker cards (63×88 mm)`."""
        w, h = self.card_size
        size = f"{format_mm(w)}×{format_mm(h)} mm"
        noun = "card" if count == 1 else "cards"
        counted = "" if count is None else f"{count} "
        if self.card_name == "custom":
            return f"{counted}{size} {noun}"
        return f"{counted}{CARD_LABELS.get(self.card_name, self.card_name)} {noun} ({size})"

    def describe_paper(self) -> str:
        w, h = self.paper_size
        if self.paper_name == "custom":
            return f"{format_mm(w)}×{format_mm(h)} mm"
        return self.paper_name.upper() if len(self.paper_name) == 2 else self.paper_name.title()


def _problems(o: PrintOptions) -> list[str]:
    """Every impossible value, as sentences; the first is what the user sees."""
    out: list[str] = []
    pw, ph = o.paper_size
    if not (min(pw, ph) >= MIN_PAPER_MM and max(pw, ph) <= MAX_PAPER_MM):
        out.append(
            f"paper: {format_mm(pw)}×{format_mm(ph)} mm is not a paper size a printer takes "
            f"({format_mm(MIN_PAPER_MM)} to {format_mm(MAX_PAPER_MM)} mm a side)"
        )
    cw, ch = o.card_size
    if min(cw, ch) < MIN_CARD_MM:
        out.append(
            f"card: {format_mm(cw)}×{format_mm(ch)} mm is too small to print on; "
            f"a side must be at least {format_mm(MIN_CARD_MM)} mm"
        )
    if not 0 <= o.corner_radius <= min(cw, ch) / 2:
        out.append(
            f"corner-radius: {format_mm(o.corner_radius)} mm must be from 0 to half the "
            f"card's short side ({format_mm(min(cw, ch) / 2)} mm)"
        )
    if not 0 <= o.margin <= MAX_MARGIN_MM:
        out.append(f"margin: {format_mm(o.margin)} mm must be from 0 to {MAX_MARGIN_MM:g} mm")
    lowest_seal = 0.0 if o.laminate == Lamination.NONE else MIN_SEAL_MM
    if not 0 <= o.seal <= MAX_SEAL_MM:
        out.append(
            f"seal: {format_mm(o.seal)} mm must be from {lowest_seal:g} to {MAX_SEAL_MM:g} mm"
        )
    elif o.seal < lowest_seal - 1e-9:
        out.append(
            f"seal: {format_mm(o.seal)} mm is too narrow: a laminating pouch needs a sealed "
            f"border of at least {MIN_SEAL_MM:g} mm around the paper (2 to 3.2 mm is quoted; "
            "3 mm is safe)"
        )
    if not 0 <= o.bleed <= MAX_BLEED_MM:
        out.append(f"bleed: {format_mm(o.bleed)} mm must be from 0 to {MAX_BLEED_MM:g} mm")
    gutter = o.gutter_mm
    if not 0 <= gutter <= MAX_GUTTER_MM:
        out.append(f"gutter: {format_mm(gutter)} mm must be from 0 to {MAX_GUTTER_MM:g} mm")
    elif o.bleed > gutter / 2 + 1e-9:
        out.append(
            f"bleed: {format_mm(o.bleed)} mm is wider than the {format_mm(gutter)} mm gutter "
            f"allows (at most half of it, {format_mm(gutter / 2)} mm, or the colour runs onto "
            "the next card); give a wider gutter or a smaller bleed (0 for none)"
        )
    if o.fold and o.duplex != Duplex.NONE:
        out.append(
            "fold: a gutter-fold sheet prints fronts and backs on one side; "
            "leave out --duplex (or leave out --fold)"
        )
    if o.pouch_size is not None and not o.sealed:
        out.append("pouch: a pouch size only applies with --laminate pouch or --laminate card")
    if isinstance(o.sets, bool) or not isinstance(o.sets, int) or not 1 <= o.sets <= MAX_SETS:
        out.append(f"sets: {o.sets} is out of range; print 1 to {MAX_SETS} sets")
    else:
        above = [n for n in o.only_sets if not 1 <= n <= o.sets]
        if above:
            out.append(
                f"only-set: there is no set {above[0]}; this pack has "
                f"{'set 1' if o.sets == 1 else f'sets 1 to {o.sets}'} (--sets {o.sets})"
            )
    bx, by = o.back_offset
    if max(abs(bx), abs(by)) > MAX_BACK_OFFSET_MM:
        out.append(
            f"back-offset: {format_mm(bx)},{format_mm(by)} mm is more than a printer drifts; "
            f"each must be within ±{MAX_BACK_OFFSET_MM:g} mm"
        )
    for name, (largest, smallest) in (("title-size", o.title_size), ("body-size", o.body_size)):
        if not MIN_TEXT_PT <= smallest <= largest <= MAX_TEXT_PT:
            out.append(
                f"{name}: {largest:g}pt,{smallest:g}pt must be largest then smallest, "
                f"each from {MIN_TEXT_PT:g} to {MAX_TEXT_PT:g} points"
            )
    return out


def _unknown_message(name: str) -> str:
    known = ", ".join(spec.name for spec in OPTIONS)
    return f'unknown print option "{name}" (known options: {known})'


def _choice(name: str, value: str, table: Mapping[str, object]) -> str:
    key = value.strip().lower()
    if key not in table:
        raise InputError(f'{name}: "{value}" is not one of: {", ".join(table)}')
    return key


def _named_size(
    name: str, value: str, table: Mapping[str, tuple[float, float]]
) -> tuple[str, tuple[float, float]]:
    key = value.strip().lower()
    if key in table:
        return key, table[key]
    if not any(sep in key for sep in "x×*"):
        raise InputError(
            f'{name}: "{value}" is not one of: {", ".join(table)}; or give a size like "63x88mm"'
        )
    return "custom", parse_size(value, name)


def _flag(name: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("yes", "true", "on", "1"):
        return True
    if text in ("no", "false", "off", "0"):
        return False
    raise InputError(f'{name}: "{value}" is not yes or no')


def _points_pair(name: str, value: str) -> tuple[float, float]:
    parts = str(value).split(",")
    if len(parts) != 2:
        raise InputError(f'{name}: "{value}" is not two sizes like "15pt,9pt" (largest,smallest)')
    largest, smallest = (parse_length(p, name, default_unit="pt") * 72 / 25.4 for p in parts)
    return round(largest, 3), round(smallest, 3)


def _sets(value: object) -> int:
    text = str(value).strip()
    if not text.lstrip("-").isdigit():
        raise InputError(f'sets: "{value}" is not a whole number (1 to {MAX_SETS})')
    return int(text)


def _set_list(value: str) -> tuple[int, ...]:
    numbers: list[int] = []
    for part in value.split(","):
        text = part.strip()
        if not text:
            continue
        if not text.isdigit():
            raise InputError(
                f'only-set: "{text}" is not a set number; give numbers such as 2 or 1,3'
            )
        numbers.append(int(text))
    return tuple(sorted(set(numbers)))


def parse_options(values: Mapping[str, object] | None = None) -> PrintOptions:
    """PrintOptions from user values keyed by option name (`back-offset` or `back_offset`).

    Values are strings as typed (booleans accepted for yes/no options); missing options take
    their defaults; an unknown option or an impossible value raises InputError.
    """
    given = {str(k).replace("_", "-"): v for k, v in (values or {}).items() if v is not None}
    known = {spec.name for spec in OPTIONS}
    for name in given:
        if name not in known:
            raise InputError(_unknown_message(name))
    kw: dict[str, object] = {}

    def text(name: str) -> str | None:
        value = given.get(name)
        return None if value is None else str(value)

    if (v := text("paper")) is not None:
        paper_name, (pw, ph) = _named_size("paper", v, PAPER_SIZES)
        # Kept portrait; the orientation option decides which way round pages go.
        kw["paper_name"], kw["paper_size"] = paper_name, (min(pw, ph), max(pw, ph))
    if (v := text("orientation")) is not None:
        kw["orientation"] = Orientation(
            _choice("orientation", v, {m.value: m for m in Orientation})
        )
    if (v := text("card")) is not None:
        kw["card_name"], kw["card_size"] = _named_size("card", v, CARD_SIZES)
    if (v := text("corner-radius")) is not None:
        kw["corner_radius"] = parse_length(v, "corner-radius")
    if (v := text("laminate")) is not None:
        kw["laminate"] = Lamination(_choice("laminate", v, {m.value: m for m in Lamination}))
    if (v := text("seal")) is not None:
        kw["seal"] = parse_length(v, "seal")
    if (v := text("gutter")) is not None and v.strip().lower() != "auto":
        kw["gutter"] = parse_length(v, "gutter")
    if (v := text("margin")) is not None:
        kw["margin"] = parse_length(v, "margin")
    if (v := text("pouch")) is not None and v.strip().lower() != "auto":
        kw["pouch_name"], kw["pouch_size"] = _named_size("pouch", v, POUCH_SIZES)
    if (v := text("sets")) is not None:
        kw["sets"] = _sets(v)
    if (v := text("bleed")) is not None:
        kw["bleed"] = parse_length(v, "bleed")
    if (v := text("pack-by")) is not None:
        kw["pack_by"] = PackBy(_choice("pack-by", v, {m.value: m for m in PackBy}))
    if (v := text("only")) is not None:
        kw["only"] = tuple(dict.fromkeys(code.strip() for code in v.split(",") if code.strip()))
    if (v := text("only-set")) is not None:
        kw["only_sets"] = _set_list(v)
    if (v := text("duplex")) is not None:
        kw["duplex"] = Duplex(_choice("duplex", v, {m.value: m for m in Duplex}))
    if (v := text("back-offset")) is not None:
        kw["back_offset"] = parse_offset(v, "back-offset")
    for name in (
        "fold",
        "marks",
        "cut-lines",
        "packing-list",
        "print-shop",
        "guide",
        "tent-cards",
        "capture-sheets",
        "calibration",
    ):
        if name in given:
            kw[name.replace("-", "_")] = _flag(name, given[name])
    for name in ("title", "author"):
        if (v := text(name)) is not None:
            kw[name] = v.strip()
    for name in ("title-size", "body-size"):
        if (v := text(name)) is not None:
            kw[name.replace("-", "_")] = _points_pair(name, v)
    # Not type-checked below: kw holds each option under its own name, checked as it was parsed.
    return PrintOptions(**kw)  # type: ignore[arg-type]


def option_names() -> list[str]:
    """The accepted option names, for documentation checks."""
    return [spec.name for spec in OPTIONS]
