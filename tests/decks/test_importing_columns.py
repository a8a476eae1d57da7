"""Importing a spreadsheet column by column: codes, suits and their colours, copies, line breaks,
the delimiter, and files that are not CSV at all. Each problem names its row."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.decks.importing import ImportFailed, import_file, import_text
from facilitator.decks.model import ActivityKind
from facilitator.errors import InputError


def cards(text: str, **options):
    result = import_text(text, as_csv=True, **options)
    return [(c.code, c.suit, c.title, c.body, c.copies) for c in result.deck.cards]


def problems(text: str, **options) -> list[str]:
    with pytest.raises(ImportFailed) as caught:
        import_text(text, as_csv=True, **options)
    return caught.value.lines()


def test_codes_given_are_kept_in_capitals_and_the_rest_are_numbered_after_them():
    assert cards("title,code\nPM,r1\nPA,\n") == [
        ("R1", "Card", "PM", "", 1),
        ("C1", "Card", "PA", "", 1),
    ]


def test_each_suit_takes_the_colour_on_its_first_row():
    result = import_text(
        "title,suit,colour\nPM,Role,#AA0000\nPA,Role,#00aa00\nReport,Activity,#123456\n",
        as_csv=True,
        kind=ActivityKind.MATCH,
    )
    assert [(s.name, s.colour) for s in result.deck.suits] == [
        ("Role", "#AA0000"),
        ("Activity", "#123456"),
    ]
    assert [(c.title, c.suit) for c in result.deck.cards] == [
        ("PM", "Role"),
        ("PA", "Role"),
        ("Report", "Activity"),
    ]


def test_a_colour_that_is_not_a_colour_is_named_with_its_row():
    text = "title,suit,colour\nPM,Role,#AA0000\nReport,Activity,red\n"
    assert problems(text, kind=ActivityKind.MATCH) == [
        'pasted text: row 3: colour "red" is not like "#1f5f8b"'
    ]


def test_a_match_deck_needs_two_suits_and_says_so_first():
    lines = problems("title\nA\nB\n", kind=ActivityKind.MATCH)
    assert lines[0] == (
        "pasted text: a match deck needs a suit column naming two suits (e.g. Role, Activity)"
    )


@pytest.mark.parametrize(
    ("copies", "expected"), [("", 1), ("2", 2), ("2.0", 2), (" 3 ", 3), ("99", 99)]
)
def test_copies_as_spreadsheets_write_them(copies, expected):
    assert cards(f"title,copies\nA,{copies}\n")[0][4] == expected


def test_copies_that_are_not_a_count_are_named_with_their_rows():
    assert problems("title,copies\nA,2.5\nB,abc\nC,0\nD,100\n") == [
        'pasted text: row 2: copies "2.5" is not a whole number',
        'pasted text: row 3: copies "abc" is not a whole number',
        "pasted text: row 4: copies is 0; it must be 1 to 99",
        "pasted text: row 5: copies is 100; it must be 1 to 99",
    ]


def test_a_repeated_code_names_the_other_card_never_a_list_index():
    assert problems("title,code\nA,R1\n\nB,r1\n") == [
        "pasted text: row 4: Code R1 is already used by 'A'"
    ]


def test_a_card_rule_broken_is_reported_by_row():
    assert problems("title\nfine\n" + "x" * 301 + "\n") == [
        "pasted text: row 3: a title has at most 300 characters: this one has 301"
    ]
    assert cards("title\n" + "x" * 300 + "\n")[0][2] == "x" * 300


def test_an_empty_file_says_there_are_no_cards_without_a_row():
    assert problems(",\n , \n") == ["pasted text: no cards found: the file has no non-empty rows"]


@pytest.mark.parametrize("line_break", ["\r\n", "\r", "\n"])
def test_line_breaks_inside_a_cell_become_one_kind(line_break):
    assert cards(f'title,body\nA,"x{line_break}y"\n')[0][3] == "x\ny"


@pytest.mark.parametrize(
    "heading", ["Titles", "Card title (front)", "(Role title)", "\ufefftitle", "  TITLE  "]
)
def test_title_headings_as_spreadsheets_write_them(heading):
    assert cards(f"{heading},body\nA,x\n")[0][2:4] == ("A", "x")


@pytest.mark.parametrize(("delimiter", "name"), [(";", "semicolon"), ("\t", "tab"), (",", "comma")])
def test_the_delimiter_is_the_one_giving_columns_on_every_row(delimiter, name):
    text = f"title{delimiter}body\nA{delimiter}x\nB{delimiter}y\n"
    result = import_text(text, as_csv=True)
    assert result.delimiter == delimiter, name
    assert [(c.title, c.body) for c in result.deck.cards] == [("A", "x"), ("B", "y")]


def test_a_tie_between_delimiters_goes_to_the_comma():
    result = import_text("title,a;b\nOne,1;2\n", as_csv=True)
    assert result.delimiter == ","
    assert [c.title for c in result.deck.cards] == ["One"]
    assert result.notes == ['The column "a;b" was not recognised, so it was left out.']


@pytest.mark.parametrize("name", ["roles.xlsx", "roles.ods", "roles.csv"])
def test_a_damaged_workbook_gets_one_sentence_saying_what_to_do(tmp_path: Path, name):
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    with pytest.raises(InputError) as caught:
        import_file(path)
    assert str(caught.value) == (
        f"{name} cannot be read as a workbook: it is damaged or not an Excel or LibreOffice "
        "file; open it and save it again, or save it as CSV"
    )


def text_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cards.txt"
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize("control", ["\x01", "\x7f", "\x9f", "\x85"])
def test_text_with_more_than_two_stray_controls_in_a_short_file_is_binary(tmp_path, control):
    with pytest.raises(InputError, match=r"cards\.txt: looks like a binary file"):
        import_file(text_file(tmp_path, f"A{control}\nB{control}\nC{control}\n"))
    two = import_file(text_file(tmp_path, f"A{control}\nB{control}\nC\n"))
    assert len(two.deck.cards) == 3


def test_tabs_and_line_ends_are_text_not_controls(tmp_path):
    result = import_file(text_file(tmp_path, "A\tx\r\nB\ty\r\nC\tz\r\n"))
    assert [c.title for c in result.deck.cards] == ["A\tx", "B\ty", "C\tz"]


def test_stray_controls_count_against_the_first_4000_characters(tmp_path):
    # 1 % of 4,000 is 40: forty controls in a long file are text with flaws, 41 are binary.
    body = "\n".join(["card"] * 1000)
    flawed = "\x01" * 40 + body
    assert import_file(text_file(tmp_path, flawed)).deck.cards
    with pytest.raises(InputError, match="looks like a binary file"):
        import_file(text_file(tmp_path, "\x01" * 41 + body))
    # Past the first 4,000 characters nothing is counted.
    late = body + "\x01" * 100
    assert len(body) > 4000
    assert import_file(text_file(tmp_path, late)).deck.cards
