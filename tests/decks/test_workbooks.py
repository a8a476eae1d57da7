"""Workbooks in: .xlsx written by openpyxl and a LibreOffice .ods, read with the CSV header rules."""

import datetime as dt
import warnings

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

from facilitator.decks.exporting import deck_to_xlsx, export_xlsx
from facilitator.decks.importing import ImportFailed, import_file
from facilitator.decks.workbooks import cell_text
from facilitator.errors import InputError
from tests.conftest import FIXTURES
from tests.strategies import decks

ODS = FIXTURES / "import" / "roles.ods"


def write_xlsx(path, sheets):
    """sheets: {name: rows}; a cell given as ("text", "=x") is stored as text, not a formula."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, tuple):
                    cell = sheet.cell(row=r, column=c, value=value[1])
                    cell.data_type = "s"
                elif value is not None:
                    sheet.cell(row=r, column=c, value=value)
    book.save(path)
    return path


ROLES = [
    ["Role title", "Description", "Copies", "Note", "Since"],
    ["Project Administrator", "Keeps the paperwork\nin order.", 2, ("text", "=SUM(A1:A2)"), None],
    [None, None, None, None, None],
    ["Chef de projet — Łódź", "Ünïcödé ✓", 1.0, "", dt.date(2015, 8, 20)],
    ["Head of Portfolio Office", "", None, 0.1, dt.datetime(2015, 8, 20, 18, 30)],
]


def test_an_xlsx_imports_with_the_csv_header_rules(tmp_path):
    path = write_xlsx(tmp_path / "pmo-roles.xlsx", {"Roles": ROLES, "Other": [["Title"], ["X"]]})
    result = import_file(path)
    deck = result.deck
    assert result.sheet == "Roles"  # the first sheet by default
    assert deck.title == "Pmo roles"
    assert [c.title for c in deck.cards] == [
        "Project Administrator",
        "Chef de projet — Łódź",  # the blank row between is skipped
        "Head of Portfolio Office",
    ]
    assert [s.name for s in deck.suits] == ["Role"]  # "Role title" names the suit, as in CSV
    assert [c.code for c in deck.cards] == ["R1", "R2", "R3"]
    assert deck.cards[0].body == "Keeps the paperwork\nin order."
    assert [c.copies for c in deck.cards] == [2, 1, 1]
    # Formula-looking text stays text; a number is what was typed, not 0.1000000001 or 42.0.
    assert [c.note for c in deck.cards] == ["=SUM(A1:A2)", "", "0.1"]
    assert result.notes == ['The column "Since" was not recognised, so it was left out.']
    assert [c.describe() for c in result.columns] == [
        "Role title → title",
        "Description → body",
        "Copies → copies",
        "Note → note",
        "Since → left out",
    ]


def test_sheet_chooses_the_sheet_by_name_whatever_its_case(tmp_path):
    path = write_xlsx(tmp_path / "deck.xlsx", {"Roles": ROLES, "Prompts": [["Question"], ["Why?"]]})
    result = import_file(path, sheet="prompts")
    assert result.sheet == "Prompts"
    assert [c.title for c in result.deck.cards] == ["Why?"]
    assert [s.name for s in result.deck.suits] == ["Question"]


def test_an_unknown_sheet_names_the_file_and_the_sheets_it_has(tmp_path):
    path = write_xlsx(tmp_path / "deck.xlsx", {"Roles": ROLES, "Prompts": [["Question"]]})
    with pytest.raises(InputError) as info:
        import_file(path, sheet="Activities")
    assert (
        str(info.value) == 'deck.xlsx has no sheet "Activities"; its sheets are "Roles", "Prompts"'
    )


def test_a_sheet_with_no_cards_names_the_file_and_the_sheet(tmp_path):
    path = write_xlsx(tmp_path / "deck.xlsx", {"Empty": [], "Roles": ROLES})
    with pytest.raises(ImportFailed) as info:
        import_file(path)
    assert (
        str(info.value)
        == 'deck.xlsx (sheet "Empty"): no cards found: the sheet has no non-empty rows'
    )


def test_row_problems_name_the_sheet_and_the_spreadsheet_row(tmp_path):
    rows = [["Title", "Copies"], ["A", 2], [None, 3], ["B", 2.5]]
    path = write_xlsx(tmp_path / "deck.xlsx", {"Cards": rows})
    with pytest.raises(ImportFailed) as info:
        import_file(path)
    assert info.value.lines() == [
        'deck.xlsx (sheet "Cards"): row 3: the title is empty',
        'deck.xlsx (sheet "Cards"): row 4: copies "2.5" is not a whole number',
    ]


def test_the_libreoffice_ods_fixture_reads_both_sheets():
    result = import_file(ODS)
    deck = result.deck
    assert [c.title for c in deck.cards] == [
        "Project Administrator",
        "Chef de projet — Łódź",
        "PMO Analyst",
        "Head of Portfolio Office",
    ]
    assert [c.copies for c in deck.cards] == [1, 2, 2, 42]  # "=1+1" gives its value, 2
    assert deck.cards[1].body == "Mène le projet\nde bout en bout."
    assert deck.cards[1].note == "=SUM(A1:A3)"  # text that looks like a formula
    assert deck.cards[3].note == "Ünïcödé ✓"
    assert 'The column "Since" was not recognised, so it was left out.' in result.notes
    other = import_file(ODS, sheet="Activities")
    assert [c.title for c in other.deck.cards] == [
        "Maintain the RAID log",
        "Approve the business case",
    ]


@pytest.mark.parametrize(
    ("content", "sentence"),
    [
        (
            b"PK\x03\x04 this zip was cut short",
            "roles.xlsx cannot be read as a workbook: it is damaged or not an Excel or "
            "LibreOffice file; open it and save it again, or save it as CSV",
        ),
        (
            # Excel keeps a password-protected .xlsx inside an OLE compound file.
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
            "roles.xlsx is protected by a password, or damaged: open it, save a copy "
            "without a password and import that",
        ),
    ],
)
def test_a_damaged_or_protected_workbook_gets_one_sentence(tmp_path, content, sentence):
    path = tmp_path / "roles.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        import_file(path)
    assert str(info.value) == sentence


def test_a_workbook_with_a_csv_name_is_read_as_the_workbook_it_is(tmp_path):
    path = write_xlsx(tmp_path / "roles.csv", {"Roles": ROLES})
    assert len(import_file(path).deck.cards) == 3


def test_sheet_on_a_csv_file_is_refused():
    with pytest.raises(InputError, match=r"^role-title-header\.csv is not a workbook"):
        import_file(FIXTURES / "import" / "role-title-header.csv", sheet="Roles")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (42.0, "42"),
        (2.5, "2.5"),
        (0.1, "0.1"),
        (1e16, "10000000000000000"),
        (True, "TRUE"),
        (dt.date(2015, 8, 20), "2015-08-20"),
        (dt.datetime(2015, 8, 20, 0, 0), "2015-08-20"),
        (dt.datetime(2015, 8, 20, 18, 30), "2015-08-20 18:30"),
        (dt.time(18, 30), "18:30"),
        (dt.timedelta(hours=1, minutes=5), "1:05"),
        ("=A1", "=A1"),
        (None, ""),
    ],
)
def test_a_cell_reads_as_it_was_typed(value, text):
    assert cell_text(value) == text


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(decks())
def test_an_exported_workbook_imports_back_to_the_same_deck(tmp_path_factory, deck):
    path = tmp_path_factory.mktemp("xlsx") / "deck.xlsx"
    export_xlsx(deck, path)
    back = import_file(path).deck
    assert [(c.code, c.suit, c.title, c.body, c.copies, c.back, c.note) for c in back.cards] == [
        (c.code, c.suit, c.title.strip(), c.body, c.copies, c.back, c.note) for c in deck.cards
    ]
    assert [(s.name, s.colour) for s in back.suits] == [(s.name, s.colour) for s in deck.suits]
    assert (back.title, back.kind, back.instructions) == (
        deck.title.strip(),
        deck.kind,
        deck.instructions,
    )


def test_the_exported_workbook_opens_in_openpyxl_with_text_as_text(tmp_path):
    deck = import_file(FIXTURES / "import" / "markup.csv").deck
    path = tmp_path / "deck.xlsx"
    export_xlsx(deck, path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a workbook openpyxl must repair would warn
        book = openpyxl.load_workbook(path)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["code", "suit", "title", "body", "copies"]
    formulas = [c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=")]
    assert formulas and all(c.data_type == "s" for c in formulas)  # text, never run
    assert sheet["E2"].value == 1  # copies is a number
    assert deck_to_xlsx(deck) == deck_to_xlsx(deck)  # the same deck, the same bytes


def test_columns_chosen_in_the_preview_change_what_is_imported():
    # "Since" made the note: the "Note" column, which had that field by its heading, is left out.
    result = import_file(ODS, columns={3: "note", 1: None})
    assert [c.note for c in result.deck.cards] == ["2015-08-20", "", "", ""]
    assert [c.body for c in result.deck.cards] == ["", "", "", ""]
    assert [c.describe() for c in result.columns] == [
        "Role title → title",
        "Description → left out",
        "Copies → copies",
        "Since → note",
        "Note → left out",
    ]


def test_a_hidden_first_sheet_is_passed_over_unless_named(tmp_path):
    path = tmp_path / "deck.xlsx"
    book = openpyxl.Workbook()
    lookup = book.active
    lookup.title = "Lookup"
    lookup.append(["Title"])
    lookup.append(["internal list"])
    lookup.sheet_state = "hidden"
    cards = book.create_sheet("Cards")
    cards.append(["Title"])
    cards.append(["Project Manager"])
    book.save(path)
    assert import_file(path).sheet == "Cards"
    assert [c.title for c in import_file(path, sheet="Lookup").deck.cards] == ["internal list"]
    from facilitator.decks.workbooks import sheet_names

    assert sheet_names(path.read_bytes(), path.name) == ["Cards"]
