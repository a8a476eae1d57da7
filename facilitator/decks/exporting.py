"""Export a deck's cards as a CSV file that Excel opens correctly and that imports back."""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from xml.sax.saxutils import escape

from facilitator.atomic_write import write_atomic
from facilitator.decks.model import ActivityKind, Deck

COLUMNS = ("code", "suit", "title", "body", "copies", "back", "note", "colour")
# The deck's own fields, filled on the first row only, so an import gives back the same deck.
DECK_COLUMNS = ("deck", "kind", "instructions")
# Excel runs a cell starting with these as a formula; a leading apostrophe keeps it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def protect_cell(value: str) -> str:
    # Text that already starts with apostrophes before a formula sign ("'=") gets one more, so
    # that unprotect_cell, which takes one off, gives it back as it was.
    return "'" + value if value.lstrip("'").startswith(FORMULA_STARTS) else value


def unprotect_cell(value: str) -> str:
    """Undo protect_cell, so an exported deck imports back unchanged."""
    if value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS):
        return value[1:]
    return value


def deck_rows(deck: Deck) -> list[tuple[str | int, ...]]:
    """The header and one row per card, as both exports write them; copies is a number."""
    # Prompt decks carry each card's kind, so a spreadsheet round trip keeps open questions open.
    prompts = deck.kind == ActivityKind.PROMPTS
    rows: list[tuple[str | int, ...]] = [
        (*COLUMNS, *(("prompt kind",) if prompts else ()), *DECK_COLUMNS)
    ]
    for index, card in enumerate(deck.cards):
        suit = deck.suit(card.suit)
        row: tuple[str | int, ...] = (
            card.code,
            card.suit,
            card.title,
            card.body,
            card.copies,
            card.back,
            card.note,
            suit.colour if suit else "",
        )
        if prompts:
            row = (*row, card.prompt_kind.value.replace("_", " "))
        about_deck = (
            (deck.title, deck.kind.value, deck.instructions) if index == 0 else ("", "", "")
        )
        rows.append((*row, *about_deck))
    return rows


def deck_to_csv(deck: Deck) -> str:
    buffer = io.StringIO(newline="")
    # Excel needs CRLF rows and quoted line breaks; the BOM tells it the file is UTF-8.
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in deck_rows(deck):
        writer.writerow([protect_cell(str(cell)) for cell in row])
    return "\ufeff" + buffer.getvalue()


# The smallest workbook Excel, LibreOffice and Numbers open without complaint: one sheet of
# inline strings (a string cell is never run as a formula, so no apostrophes are needed).
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_OOXML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CONTENT_TYPES = (
    f'{_XML}<Types xmlns="{_PACKAGE}/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_OOXML}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_OOXML}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_OOXML}.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    f'{_XML}<Relationships xmlns="{_PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{_RELATION}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK_RELS = (
    f'{_XML}<Relationships xmlns="{_PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{_RELATION}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_RELATION}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
# Style 1 wraps text and aligns it to the top, so a body with line breaks reads as typed.
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
# Characters XML 1.0 cannot hold at all (a stray control character typed into a card).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHEET_NAME_JUNK = re.compile(r"[\[\]:*?/\\]")
COLUMN_WIDTHS = (8, 12, 40, 60, 8, 30, 30, 10, 30, 10, 40)


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _cell(ref: str, value: str | int, style: int) -> str:
    if isinstance(value, int):
        return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'
    if not value:
        return ""
    text = escape(_NOT_XML.sub("", value))
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def sheet_name(title: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    name = " ".join(_SHEET_NAME_JUNK.sub(" ", title).split())[:31].strip("' ")
    return name or "Cards"


def deck_to_xlsx(deck: Deck) -> bytes:
    """The deck as an Excel workbook with the same columns as the CSV export."""
    rows = []
    for r, row in enumerate(deck_rows(deck), start=1):
        style = 2 if r == 1 else 1
        cells = "".join(_cell(f"{_column_letter(c)}{r}", v, style) for c, v in enumerate(row))
        rows.append(f'<row r="{r}">{cells}</row>')
    columns = "".join(
        f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
        for i, w in enumerate(COLUMN_WIDTHS, start=1)
    )
    sheet = (
        f"{_XML}"
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
        'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
        f"<cols>{columns}</cols><sheetData>{''.join(rows)}</sheetData></worksheet>"
    )
    workbook = (
        f"{_XML}"
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'xmlns:r="{_RELATION}">'
        f'<sheets><sheet name="{escape(sheet_name(deck.title), {chr(34): "&quot;"})}" '
        'sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    buffer = io.BytesIO()
    # A fixed date keeps the same deck's workbook byte-for-byte the same.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (
            ("[Content_Types].xml", _CONTENT_TYPES),
            ("_rels/.rels", _ROOT_RELS),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
            ("xl/styles.xml", _STYLES),
            ("xl/worksheets/sheet1.xml", sheet),
        ):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def export_xlsx(deck: Deck, path: str | os.PathLike[str]) -> None:
    write_atomic(path, deck_to_xlsx(deck))


def export_csv(deck: Deck, path: str | os.PathLike[str]) -> None:
    write_atomic(path, deck_to_csv(deck).encode("utf-8"))
