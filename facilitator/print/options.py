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
}
# The pouch a whole sheet goes in, by paper name.
SHEET_POUCH = {
    "a4": "A4 (216×303 mm)",
    "a5": "A5 (154×216 mm)",
    "a3": "A3 (303×426 mm)",
    "letter": "Letter (9×11½ in)",
}

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


class Lamination(StrEnum):
    SHEET = "sheet"  # laminate the whole sheet, then cut in the gutters
    CARD = "card"  # cut, then laminate each card in its own pouch
    NONE = "none"  # no lamination: cards may share cut lines


class Duplex(StrEnum):
    NONE = "none"  # fronts only
    LONG = "long"  # backs on the next page, for a flip on the paper's long edge
    SHORT = "short"  # backs on the next page, for a flip on the paper's short edge


class Orientation(StrEnum):
    AUTO = "auto"  # whichever fits more cards (portrait on a tie)
    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"


# The gutter each lamination mode uses unless one is given.
DEFAULT_GUTTER_MM = {Lamination.SHEET: 8.0, Lamination.CARD: 4.0, Lamination.NONE: 0.0}


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
        "sheet",
        "sheet (laminate the sheet, then cut), card (cut, then one pouch per card) or none",
    ),
    OptionSpec(
        "seal", "3mm", "the sealed border a laminating pouch needs around paper (2mm at least)"
    ),
    OptionSpec(
        "gutter",
        "auto",
        "space between cards: auto is 8mm for sheet, 4mm for card, 0 for none; "
        "in sheet mode at least twice the seal",
    ),
    OptionSpec("margin", "5mm", "page margin the printer cannot reach; nothing prints in it"),
    OptionSpec(
        "pouch",
        "auto",
        "card mode: business 60x90, id 67x99, 75x105, a7 80x111, a6 111x154, "
        "a5 154x216, a4 216x303, a custom size, or auto (the smallest that fits)",
    ),
    OptionSpec("sets", "1", f"how many sets to print, one per table (1 to {MAX_SETS})"),
    OptionSpec("duplex", "none", "none (fronts only), long or short (the edge the printer flips)"),
    OptionSpec("back-offset", "0,0", "X,Y in mm: moves every back right and up, as seen on it"),
    OptionSpec("marks", "yes", "cut marks in the margins and gutters (--no-marks turns them off)"),
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
    laminate: Lamination = Lamination.SHEET
    seal: float = 3.0
    gutter: float | None = None  # None: the lamination mode's default (DEFAULT_GUTTER_MM)
    margin: float = 5.0
    pouch_name: str = "auto"
    pouch_size: tuple[float, float] | None = None  # None: the smallest preset that fits
    sets: int = 1
    duplex: Duplex = Duplex.NONE
    back_offset: tuple[float, float] = (0.0, 0.0)
    marks: bool = True
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
        return DEFAULT_GUTTER_MM[self.laminate] if self.gutter is None else self.gutter

    @property
    def has_backs(self) -> bool:
        return self.duplex != Duplex.NONE

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
    gutter = o.gutter_mm
    if not 0 <= gutter <= MAX_GUTTER_MM:
        out.append(f"gutter: {format_mm(gutter)} mm must be from 0 to {MAX_GUTTER_MM:g} mm")
    elif o.laminate == Lamination.SHEET and gutter < 2 * o.seal - 1e-9:
        out.append(
            f"gutter: {format_mm(gutter)} mm is too narrow to laminate the sheet and cut; "
            f"it must be at least twice the {format_mm(o.seal)} mm seal "
            f"({format_mm(2 * o.seal)} mm) so every cut card keeps a sealed border"
        )
    if o.pouch_size is not None and o.laminate != Lamination.CARD:
        out.append("pouch: a pouch size only applies with --laminate card")
    if isinstance(o.sets, bool) or not isinstance(o.sets, int) or not 1 <= o.sets <= MAX_SETS:
        out.append(f"sets: {o.sets} is out of range; print 1 to {MAX_SETS} sets")
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
    if (v := text("duplex")) is not None:
        kw["duplex"] = Duplex(_choice("duplex", v, {m.value: m for m in Duplex}))
    if (v := text("back-offset")) is not None:
        kw["back_offset"] = parse_offset(v, "back-offset")
    for name in ("marks", "guide", "tent-cards", "capture-sheets", "calibration"):
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
