"""Import cards from what facilitators already have: spreadsheet CSV files and plain text."""

from __future__ import annotations

import csv
import io
import re
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

# Workbooks are zip (.xlsx, .ods, .numbers) or OLE (.xls) files: say how to save them as CSV.
_EXCEL = ("an Excel workbook", "Excel", "File > Save As > CSV UTF-8")
WORKBOOKS = {
    ".xlsx": _EXCEL,
    ".xlsm": _EXCEL,
    ".xls": _EXCEL,
    ".ods": ("a LibreOffice spreadsheet", "LibreOffice", "File > Save As > Text CSV"),
    ".numbers": ("a Numbers spreadsheet", "Numbers", "File > Export To > CSV"),
}
PACKED_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
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


@dataclass(frozen=True)
class ImportProblem:
    """One problem in the source, with the spreadsheet row number (1 = the first row)."""

    row: int
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.message}" if self.row else self.message


class ImportFailed(InputError):
    """The source could not be imported; nothing was written. Lists every problem found."""

    def __init__(self, source: str, problems: list[ImportProblem]) -> None:
        self.source = source
        self.problems = problems
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

    @property
    def encoding_name(self) -> str:
        """The encoding as a person names it: "UTF-8 with BOM", "UTF-16", "Windows-1252"."""
        return ENCODING_NAMES.get(self.encoding, self.encoding)


def _sniff_delimiter(text: str) -> str:
    """The delimiter giving the most columns, consistently, over the first rows."""
    sample = "\n".join(text.splitlines()[:30])
    best, best_score = ",", 0
    for delimiter in DELIMITERS:
        rows = [r for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if any(r)]
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
    while words and words[-1].lower() in PLAIN_TITLE_WORDS:
        words.pop()
    if not words or any(w.lower() in PLAIN_TITLE_WORDS for w in words):
        return ""  # "Title of role" is a heading, but not one to name a suit after
    words[-1] = _singular(words[-1])
    name = " ".join(words)
    # "role title" and "ROLE TITLE" print as "Role"; "PMO role" keeps its capitals.
    name = name.capitalize() if name.islower() or name.isupper() else name[0].upper() + name[1:]
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


def rows_from_csv(
    text: str, delimiter: str, notes: list[str], deck_fields: dict[str, str] | None = None
) -> tuple[list[tuple[int, dict[str, str]]], list[ImportProblem]]:
    """(spreadsheet row number, card fields) for every non-blank record, and the problems."""
    problems: list[ImportProblem] = []
    unclosed = _unclosed_quote_line(text)
    if unclosed:
        problems.append(
            ImportProblem(
                unclosed,
                'a cell opens a double quote (") that is never closed, so every row after it '
                "would run into one card; close or remove that quote",
            )
        )
        return [], problems
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        problems.append(ImportProblem(0, f"the file is not readable as CSV ({exc})"))
        return [], problems
    if not records:
        return [], problems
    header = _header_map(records[0])
    start = 1
    if header is None:
        header = {0: "title"}
        start = 0
        first = _shown_cell(records[0][0] if records[0] else "")
        if any(len(r) > 1 for r in records):
            notes.append(
                f"No recognised column headings: the first column is the title, and row 1 "
                f"({first}) became a card."
            )
        else:
            notes.append(
                f'No column heading such as "title", so row 1 ({first}) became a card; '
                "delete it if it was a heading."
            )
    else:
        ignored = [records[0][i].strip() for i in range(len(records[0])) if i not in header]
        named = [f'"{name}"' for name in ignored if name]
        if len(named) == 1:
            notes.append(f"The column {named[0]} was not recognised, so it was left out.")
        elif named:
            notes.append(
                f"The columns {join_and(named)} were not recognised, so they were left out."
            )
        if "title" not in header.values():
            problems.append(
                ImportProblem(
                    1, 'no title column (name one "title", "text", "card", "name" or "Role title")'
                )
            )
            return [], problems
    heading_suit = ""
    if start == 1 and "suit" not in header.values():
        title_column = next(i for i, name in header.items() if name == "title")
        heading_suit = suit_from_heading(records[0][title_column])
    rows = []
    for number, record in enumerate(records[start:], start=start + 1):
        if not any(cell.strip() for cell in record):
            continue
        fields = {
            name: _clean_cell(record[i]) if i < len(record) else "" for i, name in header.items()
        }
        for name in DECK_FIELDS:
            value = fields.pop(name, "")
            if deck_fields is not None and value.strip() and name not in deck_fields:
                deck_fields[name] = value
        if not fields.get("title", "").strip():
            problems.append(ImportProblem(number, "the title is empty"))
            continue
        if heading_suit:
            fields["suit"] = heading_suit
        rows.append((number, fields))
    return rows, problems


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
    card_rows: list[dict[str, str | int]] = []
    for number, fields in rows:
        suit_name = fields.get("suit", "").strip()
        colour = fields.get("colour", "").strip()
        if suit_name and not any(s.name == suit_name for s in suits):
            if colour and not COLOUR_PATTERN.match(colour):
                problems.append(ImportProblem(number, f'colour "{colour}" is not like "#1f5f8b"'))
                colour = ""
            suits.append(make_suit(suit_name, suits, colour=colour))
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
        if card_index:
            row = rows[int(card_index.group(1))][0]
            problems.append(ImportProblem(row, f"{card_index.group(2)} {problem.message}"))
        else:
            problems.append(ImportProblem(0, str(problem)))
    if problems:
        raise ImportFailed(source, problems)
    return deck


def import_text(
    text: str,
    *,
    title: str | None = None,
    kind: ActivityKind | None = None,
    source: str = "pasted text",
    as_csv: bool | None = None,
    default_title: str = "Imported deck",
) -> ImportResult:
    """Import already-decoded text; CSV when `as_csv`, else detected by delimiter use.

    The title and kind given win; otherwise a CSV's deck, kind and instructions columns (as
    `deck export` writes them) are used; otherwise `default_title` and rank.
    """
    notes: list[str] = []
    problems: list[ImportProblem] = []
    deck_fields: dict[str, str] = {}
    if as_csv is None:
        first = text.lstrip("\ufeff").split("\n", 1)[0]
        as_csv = (
            any(d in first for d in DELIMITERS)
            and _header_map(next(csv.reader([first], delimiter=_sniff_delimiter(text)), []))
            is not None
        )
    if as_csv:
        delimiter: str | None = _sniff_delimiter(text)
        rows, problems = rows_from_csv(text, delimiter or ",", notes, deck_fields)
    else:
        delimiter = None
        rows = rows_from_text(text, notes)
    if kind is None:
        kind = ActivityKind.RANK
        named = deck_fields.get("kind", "").strip().lower()
        if named:
            try:
                kind = ActivityKind(named)
            except ValueError:
                problems.append(ImportProblem(0, f'kind "{named}" is not rank, match or prompts'))
    chosen_title = (title or "").strip() or deck_fields.get("deck", "").strip() or default_title
    deck = deck_from_rows(
        rows, chosen_title, kind, source, problems, deck_fields.get("instructions", "")
    )
    return ImportResult(deck=deck, encoding="text", delimiter=delimiter, notes=notes)


def _refuse_workbook(path: Path, raw: bytes) -> None:
    """A spreadsheet's own file gets one sentence saying how to save it as CSV."""
    known = WORKBOOKS.get(path.suffix.lower())
    if known is not None:
        what, program, how = known
        raise InputError(
            f"{path.name} is {what}, not CSV: open it in {program}, save it as CSV ({how}) "
            "and import the CSV file"
        )
    if raw.startswith(PACKED_MAGIC):
        raise InputError(
            f"{path.name} is a workbook or another packed file, not CSV or text: if it is a "
            "spreadsheet, save it as CSV (File > Save As > CSV UTF-8) and import the CSV file"
        )


def _looks_binary(text: str) -> bool:
    """Mostly characters no spreadsheet or editor writes (decoded junk, an image renamed .csv)."""
    sample = text[:4000]
    controls = sum(
        1 for ch in sample if (ch < " " and ch not in "\t\n\r\f\v") or "\x7f" <= ch <= "\x9f"
    )
    return controls > max(2, len(sample) * BINARY_CONTROLS)


def import_file(
    path: str | Path, *, title: str | None = None, kind: ActivityKind | None = None
) -> ImportResult:
    """Import a CSV (.csv/.tsv), or a text file (tab-separated if it has a header row).

    Raises ImportFailed listing every problem, or InputError for an unreadable file.
    """
    p = Path(path)
    raw = read_input(p, MAX_IMPORT_BYTES, "a card list")
    _refuse_workbook(p, raw)
    is_utf16 = raw.startswith((b"\xff\xfe", b"\xfe\xff")) or looks_like_utf16(raw)
    if b"\x00" in raw[:4000] and not is_utf16:
        raise InputError(f"{p.name}: looks like a binary file, not CSV or text")
    try:
        text, encoding = decode_text(raw)
    except UnicodeDecodeError as exc:
        raise InputError(f"{p.name}: the text cannot be decoded (byte {exc.start})") from None
    if _looks_binary(text):
        raise InputError(f"{p.name}: looks like a binary file, not CSV or text")
    # "pmo-roles.csv" -> "Pmo roles" would spoil acronyms: only the first letter is raised.
    stem = " ".join(p.name.split(".")[0].replace("_", " ").replace("-", " ").split())
    default_title = stem[:1].upper() + stem[1:]
    # A .txt may be Excel's "Unicode text" (tab-separated): detected by its header row.
    as_csv = True if p.suffix.lower() in CSV_SUFFIXES else None
    result = import_text(
        text,
        title=title,
        kind=kind,
        source=p.name,
        as_csv=as_csv,
        default_title=default_title,
    )
    return replace(result, encoding=encoding)
