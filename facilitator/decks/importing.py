"""Import cards from what facilitators already have: spreadsheet CSV files and plain text."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from facilitator.decks.exporting import unprotect_cell
from facilitator.decks.input_files import read_input
from facilitator.decks.model import (
    COLOUR_PATTERN,
    MAX_COPIES,
    ActivityKind,
    Deck,
    Suit,
    build_deck,
    make_suit,
    read_prompt_kind,
    validate,
)
from facilitator.decks.text_decoding import decode_text, looks_like_utf16
from facilitator.decks.workbooks import is_workbook, read_sheet
from facilitator.errors import InputError
from facilitator.wording import join_and

MAX_IMPORT_BYTES = 20 * 1024 * 1024
CSV_SUFFIXES = (".csv", ".tsv", ".tab")
# Python's csv module refuses cells over 128 KiB with a bare error; let a cell be as long as
# the file, so over-long text is reported by row like any other card rule.
csv.field_size_limit(max(csv.field_size_limit(), MAX_IMPORT_BYTES))
DELIMITERS = (",", ";", "\t")

# Header names, matched case-insensitively after trimming, and the card field each fills.
HEADER_ALIASES = {
    "title": "title",
    "text": "title",
    "card": "title",
    "name": "title",
    "body": "body",
    "description": "body",
    "suit": "suit",
    "category": "suit",
    "type": "suit",
    "group": "suit",
    "qty": "copies",
    "count": "copies",
    "copies": "copies",
    "back": "back",
    "note": "note",
    "notes": "note",
    "code": "code",
    "prompt kind": "prompt_kind",
    "prompt_kind": "prompt_kind",
    "answer": "prompt_kind",
    "answer kind": "prompt_kind",
    "colour": "colour",
    "color": "colour",
    # The deck itself, read from the first row that gives them (as `deck export` writes).
    "deck": "deck",
    "deck title": "deck",
    "kind": "kind",
    "instructions": "instructions",
}
DECK_FIELDS = ("deck", "kind", "instructions")
# Headings that name the card's text only when no other column does: "Role" is the title of a
# one-column list of roles, but beside a "Title" column it is something else (left out, and
# the import says so) rather than a suit, which would make one suit per role.
WEAK_TITLE_HEADINGS = frozenset(
    (
        *("role", "roles", "job", "jobs", "position", "positions"),
        *("prompt", "prompts", "question", "questions", "activity", "activities"),
    )
)
HEADING_MAX_WORDS = 3  # "Role title", "Job title (front)": a heading, not a card's sentence
# Words that say a column holds the card's text without saying what the cards are: a title
# heading of only these ("Title", "Card title") leaves the cards in the default suit.
PLAIN_TITLE_WORDS = frozenset(
    ("title", "titles", "text", "texts", "card", "cards", "name", "names")
)
SUIT_NAME_LIMIT = 60  # the longest suit name a deck allows

# Numbers files cannot be read (no maintained reader): say how to save them as CSV.
NUMBERS = ("a Numbers spreadsheet", "Numbers", "File > Export To > CSV")
# The codecs `decode_text` reports, as a facilitator would name them; the BOM is named because
# it is what tells Excel's "CSV UTF-8" apart from a plain UTF-8 export.
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "cp1252": "Windows-1252",
    "latin-1": "Latin-1",
}
BINARY_CONTROLS = 0.01  # more control characters than this share: not text, whatever its name


# What a column can become, in the order a chooser lists them; None leaves the column out.
CARD_FIELD_CHOICES = ("title", "body", "suit", "code", "copies", "back", "note", "colour")
DECK_FIELD_CHOICES = ("deck", "kind", "instructions")
FIELD_LABELS = {
    "title": "title",
    "body": "body",
    "suit": "suit",
    "code": "code",
    "copies": "copies",
    "back": "back",
    "note": "note",
    "colour": "suit colour",
    "deck": "deck title",
    "kind": "deck kind",
    "instructions": "deck instructions",
}


@dataclass(frozen=True)
class Column:
    """One column of the source: its heading (or "column 3" without a header row) and what it
    becomes (a field name from CARD_FIELD_CHOICES or DECK_FIELD_CHOICES, or None: left out)."""

    index: int
    heading: str
    field: str | None
    sample: str = ""  # the first value below the heading, to show what the column holds

    def describe(self) -> str:
        """ "Role title" → title, or "Colour band" → left out, as the import tells it."""
        becomes = FIELD_LABELS.get(self.field or "", "left out")
        return f"{self.heading} → {becomes}"


@dataclass(frozen=True)
class ImportProblem:
    """One problem in the source, with the spreadsheet row number (1 = the first row)."""

    row: int
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.message}" if self.row else self.message


class ImportFailed(InputError):
    """The source could not be imported; nothing was written. Lists every problem found, and
    the columns found (so an import preview can offer to choose them differently)."""

    def __init__(self, source: str, problems: list[ImportProblem]) -> None:
        self.source = source
        self.problems = problems
        self.columns: list[Column] = []
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{source}: {problems[0]}{more}")

    def lines(self) -> list[str]:
        return [f"{self.source}: {p}" for p in self.problems]


@dataclass
class ImportResult:
    deck: Deck
    encoding: str  # the codec read with, e.g. "utf-8-sig"; "text" for already-decoded text
    delimiter: str | None  # None for plain text
    # Finished sentences, shown as they are: e.g. which columns were not recognised.
    notes: list[str] = field(default_factory=list)
    # The source's columns and what each became (empty for plain text: one card per line).
    columns: list[Column] = field(default_factory=list)
    sheet: str = ""  # the workbook sheet read, "" for a text file

    @property
    def encoding_name(self) -> str:
        """The encoding as a person names it: "UTF-8 with BOM", "UTF-16", "Windows-1252"."""
        return ENCODING_NAMES.get(self.encoding, self.encoding)


def _sniff_delimiter(text: str) -> str:
    """The delimiter giving the most columns, consistently, over the first rows."""
    sample = "\n".join(text.splitlines()[:30])
    best, best_score = ",", 0
    for delimiter in DELIMITERS:
        try:
            rows = [r for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if any(r)]
        except csv.Error:  # a cell over the size limit: reading the records says so, by row
            continue
        if not rows:
            continue
        widths = [len(r) for r in rows]
        common = max(set(widths), key=widths.count)
        if common < 2:
            continue
        score = common * widths.count(common)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _heading_key(name: str) -> str:
    return " ".join(name.strip().lstrip("\ufeff").lower().split())


def _heading_field(name: str) -> str | None:
    """The field a heading names: an alias, or any short heading ending in "title(s)"."""
    key = _heading_key(name)
    if key in HEADER_ALIASES:
        return HEADER_ALIASES[key]
    words = key.replace("(", " ").replace(")", " ").split()
    if 0 < len(words) <= HEADING_MAX_WORDS and ("title" in words or "titles" in words):
        return "title"  # "Role title", "Job titles", "Card title (front)"
    return None


def _singular(word: str) -> str:
    lower = word.lower()
    if lower.endswith("ies") and len(word) > 4:
        return word[:-3] + ("Y" if word.isupper() else "y")  # Activities -> Activity
    if lower.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]  # Processes -> Process
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return word[:-1]  # Roles -> Role
    return word


def suit_from_heading(heading: str) -> str:
    """The suit a title column's heading names, or "" when it names none.

    "Role title" -> "Role", "Job titles" -> "Job", "Questions" -> "Question"; plain headings
    ("Title", "Card title", "Card title (front)") give "", so the deck's default suit is used.
    """
    words = re.sub(r"\(.*?\)", " ", heading.lstrip("\ufeff")).split()
    # Judged on the whole heading: "ROLE TITLE" is shouted, but "PMO titles" names the PMO.
    shouted_or_lower = " ".join(words).isupper() or " ".join(words).islower()
    while words and words[-1].lower() in PLAIN_TITLE_WORDS:
        words.pop()
    if not words or any(w.lower() in PLAIN_TITLE_WORDS for w in words):
        return ""  # "Title of role" is a heading, but not one to name a suit after
    words[-1] = _singular(words[-1])
    name = " ".join(words)
    # "role title" and "ROLE TITLE" print as "Role"; "PMO role" keeps its capitals.
    name = name.capitalize() if shouted_or_lower else name[0].upper() + name[1:]
    return name if len(name) <= SUIT_NAME_LIMIT else ""


def _header_map(row: list[str]) -> dict[int, str] | None:
    """Column index -> field, if the row is a header (at least one recognised name)."""
    mapping: dict[int, str] = {}
    for index, name in enumerate(row):
        field_name = _heading_field(name)
        if field_name is not None and field_name not in mapping.values():
            mapping[index] = field_name
    if "title" not in mapping.values():
        weak = next((i for i, n in enumerate(row) if _heading_key(n) in WEAK_TITLE_HEADINGS), None)
        if weak is not None:
            mapping[weak] = "title"
    return mapping or None


def _parse_copies(value: str, row: int, problems: list[ImportProblem]) -> int:
    text = value.strip()
    if not text:
        return 1
    try:
        number = int(text)
    except ValueError:
        # Spreadsheets sometimes write whole numbers as "2.0".
        try:
            as_float = float(text)
        except ValueError:
            as_float = 0.5
        if not as_float.is_integer():
            problems.append(ImportProblem(row, f'copies "{text}" is not a whole number'))
            return 1
        number = int(as_float)
    if not 1 <= number <= MAX_COPIES:
        problems.append(ImportProblem(row, f"copies is {number}; it must be 1 to {MAX_COPIES}"))
        return 1
    return number


def _clean_cell(value: str) -> str:
    # Line breaks inside a cell are stored as LF by Excel but CRLF by some tools.
    return unprotect_cell(value.replace("\r\n", "\n").replace("\r", "\n"))


def _unclosed_quote_line(text: str) -> int:
    """The line on which a quote opens that no later quote closes, or 0 if all are closed."""
    inside = False
    opened_at = 0
    for number, line in enumerate(text.splitlines(), start=1):
        before = inside
        inside ^= line.count('"') % 2 == 1
        if inside and not before:
            opened_at = number
    return opened_at if inside else 0


def records_from_csv(text: str, delimiter: str) -> tuple[list[list[str]], list[ImportProblem]]:
    """The CSV's records (rows of cells), or the problem that stops it being read."""
    unclosed = _unclosed_quote_line(text)
    if unclosed:
        return [], [
            ImportProblem(
                unclosed,
                'a cell opens a double quote (") that is never closed, so every row after it '
                "would run into one card; close or remove that quote",
            )
        ]
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        return [], [ImportProblem(0, f"the file is not readable as CSV ({exc})")]
    return records, []


def detect_columns(records: list[list[str]]) -> tuple[list[Column], bool]:
    """The columns and what each becomes by the header rules, and whether row 1 is a header."""
    width = max((len(r) for r in records), default=0)
    header = _header_map(records[0]) if records else None
    body = records[1:] if header is not None else records

    def sample(i: int) -> str:
        return next((r[i].strip() for r in body if i < len(r) and r[i].strip()), "")

    if header is None:
        return [
            Column(i, f"column {i + 1}", "title" if i == 0 else None, sample(i))
            for i in range(width)
        ], False
    first = records[0]
    columns = []
    for i in range(width):
        heading = first[i].strip().lstrip("\ufeff") if i < len(first) else ""
        columns.append(Column(i, heading or f"column {i + 1}", header.get(i), sample(i)))
    return columns, True


def rows_from_records(
    records: list[list[str]],
    notes: list[str],
    deck_fields: dict[str, str] | None = None,
    columns: Mapping[int, str | None] | None = None,
    clean: Callable[[str], str] | None = None,
) -> tuple[list[tuple[int, dict[str, str]]], list[ImportProblem], list[Column]]:
    """Card fields by spreadsheet row for every non-blank record, the problems, and the columns.

    `columns` (index -> field or None) overrides what the header rules chose for each column
    it names, as the import preview lets a person do. `clean` tidies each cell (CSV cells lose
    the apostrophe that `deck export` adds before formula-like text; workbook cells do not).
    """
    tidy = clean or _clean_cell
    problems: list[ImportProblem] = []
    if not any(cell.strip() for record in records for cell in record):
        return [], problems, []  # "no cards found", said by the caller
    found, has_header = detect_columns(records)
    if columns is not None:
        found = [replace(c, field=columns.get(c.index, c.field)) for c in found]
    header: dict[int, str] = {}
    # One column per field; a column the person chose comes first, so their choice wins and
    # the column that had the field by its heading is left out instead.
    chosen = set(columns or ())
    for column in sorted(found, key=lambda c: (c.index not in chosen, c.index)):
        if column.field is not None and column.field not in header.values():
            header[column.index] = column.field
        elif column.field is not None:
            found[column.index] = replace(column, field=None)
    header = dict(sorted(header.items()))
    start = 1 if has_header else 0
    if not has_header:
        # The first row with anything in it: blank rows before it are skipped, not cards.
        row, record = next(
            (n, r) for n, r in enumerate(records, start=1) if any(c.strip() for c in r)
        )
        first = _shown_cell(record[0])
        if columns is not None:
            pass  # the person chose the columns, having seen the first row as a card
        elif any(len(r) > 1 for r in records):
            notes.append(
                f"No recognised column headings: the first column is the title, and row {row} "
                f"({first}) became a card."
            )
        else:
            notes.append(
                f'No column heading such as "title", so row {row} ({first}) became a card; '
                "delete it if it was a heading."
            )
    else:
        named = [
            f'"{c.heading}"'
            for c in found
            if c.field is None and records[0][c.index : c.index + 1] and records[0][c.index].strip()
        ]
        if len(named) == 1:
            notes.append(
                f"The column {named[0]} was not recognised, so it was left out."
                if columns is None
                else f"The column {named[0]} was left out."
            )
        elif named:
            notes.append(
                f"The columns {join_and(named)} were not recognised, so they were left out."
                if columns is None
                else f"The columns {join_and(named)} were left out."
            )
    if "title" not in header.values():
        problems.append(
            ImportProblem(
                1 if has_header else 0,
                'no title column (name one "title", "text", "card", "name" or "Role title")',
            )
        )
        return [], problems, found
    heading_suit = ""
    if has_header and "suit" not in header.values():
        title_column = next(i for i, name in header.items() if name == "title")
        heading_suit = suit_from_heading(records[0][title_column])
    rows = []
    for number, record in enumerate(records[start:], start=start + 1):
        if not any(cell.strip() for cell in record):
            continue
        fields = {name: tidy(record[i]) if i < len(record) else "" for i, name in header.items()}
        for name in DECK_FIELDS:
            value = fields.pop(name, "")
            if deck_fields is not None and value and name not in deck_fields:
                deck_fields[name] = value
        if not fields.get("title", "").strip():
            problems.append(ImportProblem(number, "the title is empty"))
            continue
        if heading_suit:
            fields["suit"] = heading_suit
        rows.append((number, fields))
    return rows, problems, found


def _shown_cell(value: str, limit: int = 40) -> str:
    text = " ".join(value.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def rows_from_text(text: str, notes: list[str] | None = None) -> list[tuple[int, dict[str, str]]]:
    """One card per non-empty line; a first line that is a title heading is left out.

    A heading that names what the cards are ("Role title") names their suit, as in a CSV.
    """
    rows = [
        (number, {"title": line.strip()})
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]
    if rows and _header_map([rows[0][1]["title"]]) == {0: "title"}:
        if notes is not None:
            shown = _shown_cell(rows[0][1]["title"])
            notes.append(f"The first line, {shown}, was read as a column heading, not a card.")
        suit = suit_from_heading(rows[0][1]["title"])
        rows = [
            (number, {**fields, "suit": suit} if suit else fields) for number, fields in rows[1:]
        ]
    return rows


def deck_from_rows(
    rows: list[tuple[int, dict[str, str]]],
    title: str,
    kind: ActivityKind,
    source: str,
    problems: list[ImportProblem],
    instructions: str = "",
) -> Deck:
    """Build and validate a deck; problems are reported by spreadsheet row, never by index."""
    suits: list[Suit] = []
    suit_rows: list[int] = []  # the row that named each suit first
    card_rows: list[dict[str, str | int]] = []
    for number, fields in rows:
        suit_name = fields.get("suit", "").strip()
        colour = fields.get("colour", "").strip()
        if suit_name and not any(s.name == suit_name for s in suits):
            if colour and not COLOUR_PATTERN.match(colour):
                problems.append(ImportProblem(number, f'colour "{colour}" is not like "#1f5f8b"'))
                colour = ""
            suits.append(make_suit(suit_name, suits, colour=colour))
            suit_rows.append(number)
        card: dict[str, str | int] = {k: v for k, v in fields.items() if k != "colour"}
        card["title"] = fields["title"].strip()
        card["suit"] = suit_name
        card["copies"] = _parse_copies(fields.get("copies", ""), number, problems)
        card["code"] = fields.get("code", "").strip().upper()
        try:
            card["prompt_kind"] = read_prompt_kind(fields.get("prompt_kind", "")).value
        except InputError as exc:
            problems.append(ImportProblem(number, str(exc)))
            card["prompt_kind"] = ""
        card_rows.append(card)
    if not card_rows and not problems:
        problems.append(ImportProblem(0, "no cards found: the file has no non-empty rows"))
    if problems:
        raise ImportFailed(source, problems)
    deck = build_deck(title, kind, card_rows, instructions=instructions, suits=suits)
    if kind == ActivityKind.MATCH and len(deck.suits) < 2:
        problems.append(
            ImportProblem(
                0, "a match deck needs a suit column naming two suits (e.g. Role, Activity)"
            )
        )
    for problem in validate(deck):
        card_index = re.match(r"cards\[(\d+)\]\.(\w+)", problem.path)
        suit_index = re.match(r"suits\[(\d+)\]\.(\w+)", problem.path)
        if card_index:
            row = rows[int(card_index.group(1))][0]
            problems.append(ImportProblem(row, problem.message))
        elif suit_index and int(suit_index.group(1)) < len(suit_rows):
            problems.append(ImportProblem(suit_rows[int(suit_index.group(1))], problem.message))
        else:
            problems.append(ImportProblem(0, str(problem)))
    if problems:
        raise ImportFailed(source, problems)
    return deck


def _deck_kind(
    kind: ActivityKind | None, named: str, problems: list[ImportProblem]
) -> ActivityKind:
    if kind is not None:
        return kind
    named = named.strip().lower()
    if named:
        try:
            return ActivityKind(named)
        except ValueError:
            problems.append(ImportProblem(0, f'kind "{named}" is not rank, match or prompts'))
    return ActivityKind.RANK


def import_text(
    text: str,
    *,
    title: str | None = None,
    kind: ActivityKind | None = None,
    source: str = "pasted text",
    as_csv: bool | None = None,
    default_title: str = "Imported deck",
    columns: Mapping[int, str | None] | None = None,
) -> ImportResult:
    """Import already-decoded text; CSV when `as_csv`, else detected by delimiter use.

    The title and kind given win; otherwise a CSV's deck, kind and instructions columns (as
    `deck export` writes them) are used; otherwise `default_title` and rank. `columns` overrides
    what each column becomes (see rows_from_records).
    """
    notes: list[str] = []
    problems: list[ImportProblem] = []
    deck_fields: dict[str, str] = {}
    found: list[Column] = []
    # A byte-order mark (pasted from a "CSV UTF-8" file) would hide the quote of a first heading.
    text = text.removeprefix("\ufeff")
    if as_csv is None:
        first = text.split("\n", 1)[0]
        as_csv = columns is not None or (
            any(d in first for d in DELIMITERS)
            and _header_map(next(csv.reader([first], delimiter=_sniff_delimiter(text)), []))
            is not None
        )
    if as_csv:
        delimiter: str | None = _sniff_delimiter(text)
        records, problems = records_from_csv(text, delimiter or ",")
        rows: list[tuple[int, dict[str, str]]] = []
        if not problems:
            rows, problems, found = rows_from_records(records, notes, deck_fields, columns)
    else:
        delimiter = None
        rows = rows_from_text(text, notes)
    deck = _deck_of(rows, problems, found, deck_fields, title, kind, default_title, source)
    return ImportResult(deck=deck, encoding="text", delimiter=delimiter, notes=notes, columns=found)


def import_records(
    records: list[list[str]],
    *,
    source: str,
    title: str | None = None,
    kind: ActivityKind | None = None,
    default_title: str = "Imported deck",
    columns: Mapping[int, str | None] | None = None,
) -> ImportResult:
    """Import a workbook sheet's rows: the same header rules as CSV, cells kept as they are."""
    notes: list[str] = []
    deck_fields: dict[str, str] = {}
    rows, problems, found = rows_from_records(
        records, notes, deck_fields, columns, clean=_clean_workbook_cell
    )
    if not rows and not problems:
        problems.append(ImportProblem(0, "no cards found: the sheet has no non-empty rows"))
    deck = _deck_of(rows, problems, found, deck_fields, title, kind, default_title, source)
    return ImportResult(deck=deck, encoding="workbook", delimiter=None, notes=notes, columns=found)


def _deck_of(
    rows: list[tuple[int, dict[str, str]]],
    problems: list[ImportProblem],
    found: list[Column],
    deck_fields: dict[str, str],
    title: str | None,
    kind: ActivityKind | None,
    default_title: str,
    source: str,
) -> Deck:
    """The deck the rows make, titled and kinded by the caller, the file's own fields, or the
    default; a failure carries which column became what, for the preview and the CLI."""
    chosen_kind = _deck_kind(kind, deck_fields.get("kind", ""), problems)
    chosen_title = (title or "").strip() or deck_fields.get("deck", "").strip() or default_title
    try:
        return deck_from_rows(
            rows, chosen_title, chosen_kind, source, problems, deck_fields.get("instructions", "")
        )
    except ImportFailed as exc:
        exc.columns = found
        raise


def _clean_workbook_cell(value: str) -> str:
    # A workbook cell is text already: "=A1" typed as text stays "=A1".
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _refuse_numbers(path: Path) -> None:
    """A Numbers file gets one sentence saying how to save it as CSV."""
    if path.suffix.lower() == ".numbers":
        what, program, how = NUMBERS
        raise InputError(
            f"{path.name} is {what}, which cannot be read directly: open it in {program}, "
            f"export it as CSV ({how}) and import the CSV file"
        )


def _looks_binary(text: str) -> bool:
    """Mostly characters no spreadsheet or editor writes (decoded junk, an image renamed .csv)."""
    sample = text[:4000]
    controls = sum(
        1 for ch in sample if (ch < " " and ch not in "\t\n\r\f\v") or "\x7f" <= ch <= "\x9f"
    )
    return controls > max(2, len(sample) * BINARY_CONTROLS)


def title_from_file_name(path: Path) -> str:
    # "pmo-roles.csv" -> "Pmo roles" would spoil acronyms: only the first letter is raised.
    stem = " ".join(path.name.split(".")[0].replace("_", " ").replace("-", " ").split())
    return stem[:1].upper() + stem[1:]


def import_file(
    path: str | Path,
    *,
    title: str | None = None,
    kind: ActivityKind | None = None,
    sheet: str | None = None,
    columns: Mapping[int, str | None] | None = None,
) -> ImportResult:
    """Import a workbook (.xlsx/.xls/.ods: `sheet`, else its first sheet), a CSV (.csv/.tsv),
    or a text file (tab-separated if it has a header row).

    Raises ImportFailed listing every problem, or InputError for an unreadable file.
    """
    p = Path(path)
    raw = read_input(p, MAX_IMPORT_BYTES, "a card list")
    _refuse_numbers(p)
    default_title = title_from_file_name(p)
    if is_workbook(p, raw):
        chosen, records = read_sheet(raw, p.name, sheet)
        return replace(
            import_records(
                records,
                source=f'{p.name} (sheet "{chosen}")',
                title=title,
                kind=kind,
                default_title=default_title,
                columns=columns,
            ),
            sheet=chosen,
        )
    if sheet is not None:
        raise InputError(f"{p.name} is not a workbook, so it has no sheets to choose from")
    is_utf16 = raw.startswith((b"\xff\xfe", b"\xfe\xff")) or looks_like_utf16(raw)
    if b"\x00" in raw[:4000] and not is_utf16:
        raise InputError(f"{p.name}: looks like a binary file, not CSV or text")
    try:
        text, encoding = decode_text(raw)
    except UnicodeDecodeError as exc:
        raise InputError(f"{p.name}: the text cannot be decoded (byte {exc.start})") from None
    if _looks_binary(text):
        raise InputError(f"{p.name}: looks like a binary file, not CSV or text")
    # A .txt may be Excel's "Unicode text" (tab-separated): detected by its header row.
    as_csv = True if p.suffix.lower() in CSV_SUFFIXES else None
    result = import_text(
        text,
        title=title,
        kind=kind,
        source=p.name,
        as_csv=as_csv,
        default_title=default_title,
        columns=columns,
    )
    return replace(result, encoding=encoding)
