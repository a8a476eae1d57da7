"""Import details a facilitator reads: the suit a heading names, the cell quoted in a note,
and the one sentence that lists how many problems there are."""

from __future__ import annotations

import pytest

from facilitator.decks.importing import (
    Column,
    ImportFailed,
    ImportProblem,
    import_file,
    import_records,
    import_text,
    rows_from_text,
    suit_from_heading,
)
from facilitator.decks.model import ActivityKind
from facilitator.errors import InputError


@pytest.mark.parametrize(
    ("heading", "suit"),
    [
        ("Role title", "Role"),
        ("ROLE TITLE", "Role"),
        ("role titles", "Role"),
        ("Job titles", "Job"),
        ("Questions", "Question"),
        ("Activities", "Activity"),  # -ies: -y
        ("ACTIVITIES", "Activity"),  # a heading in capitals reads like any other
        ("PMO ACTIVITIES titles", "PMO ACTIVITY"),  # capitals beside small letters are kept
        ("Ties", "Tie"),  # too short for -ies: only the s goes
        ("Flies", "Fly"),
        ("\ufeffRole title", "Role"),  # the byte-order mark Excel puts before the first heading
        ("Processes", "Process"),
        ("Boxes", "Box"),
        ("Churches", "Church"),
        ("Wishes", "Wish"),
        ("Class", "Class"),  # -ss, -us, -is are not plurals
        ("Status", "Status"),
        ("Analysis", "Analysis"),
        ("PMO role titles", "PMO role"),  # capitals inside are kept
        ("pmo role", "Pmo role"),
        ("PMO titles", "PMO"),  # an acronym beside a word in small letters is kept
        ("KPI title (front)", "KPI"),
        ("PMO TITLES", "Pmo"),  # a heading all in capitals reads like any other
        ("Role title (front)", "Role"),
        ("Title", ""),  # plain headings name no suit
        ("Card title (front)", ""),
        ("Title of role", ""),
        ("x" * 61 + " title", ""),  # longer than a suit name may be
        ("x" * 60 + " title", "X" + "x" * 59),
    ],
)
def test_the_suit_a_title_heading_names(heading, suit):
    assert suit_from_heading(heading) == suit


def test_a_text_list_with_a_heading_gives_its_cards_that_suit_and_says_so():
    notes: list[str] = []
    rows = rows_from_text("Role title\nProject Manager\n\n  PMO Analyst  \n", notes)
    assert rows == [
        (2, {"title": "Project Manager", "suit": "Role"}),
        (4, {"title": "PMO Analyst", "suit": "Role"}),  # numbered as lines, blanks counted
    ]
    assert notes == ["The first line, “Role title”, was read as a column heading, not a card."]


def test_a_text_list_without_a_heading_keeps_every_line_and_adds_no_note():
    notes: list[str] = []
    rows = rows_from_text("Project Manager\nPMO Analyst", notes)
    assert rows == [(1, {"title": "Project Manager"}), (2, {"title": "PMO Analyst"})]
    assert notes == []
    assert rows_from_text("Title\nA") == [(2, {"title": "A"})]  # a plain heading: no suit


def test_a_long_first_cell_is_quoted_short_in_the_note():
    result = import_text("x" * 41 + "\nB", as_csv=True)
    assert result.notes == [
        'No column heading such as "title", so row 1 (“' + "x" * 39 + "…”) became a card; "
        "delete it if it was a heading."
    ]
    exact = import_text("x" * 40 + "\nB", as_csv=True)
    assert "(“" + "x" * 40 + "”)" in exact.notes[0]
    spaced = import_text("  a   b \nB", as_csv=True)
    assert "(“a b”)" in spaced.notes[0]


def test_one_problem_is_one_sentence_and_more_are_counted():
    with pytest.raises(ImportFailed) as one:
        import_text("title,copies\nA,x\n", as_csv=True, source="roles.csv")
    assert str(one.value) == 'roles.csv: row 2: copies "x" is not a whole number'
    with pytest.raises(ImportFailed) as two:
        import_text("title,copies\nA,x\nB,0\n", as_csv=True, source="roles.csv")
    assert str(two.value) == 'roles.csv: row 2: copies "x" is not a whole number (and 1 more)'
    with pytest.raises(ImportFailed) as three:
        import_text("title,copies\nA,x\nB,200\nC,0\n", as_csv=True, source="roles.csv")
    assert str(three.value) == 'roles.csv: row 2: copies "x" is not a whole number (and 2 more)'
    assert three.value.lines() == [
        'roles.csv: row 2: copies "x" is not a whole number',
        "roles.csv: row 3: copies is 200; it must be 1 to 99",
        "roles.csv: row 4: copies is 0; it must be 1 to 99",
    ]
    assert three.value.source == "roles.csv"
    assert str(ImportProblem(0, "no cards found")) == "no cards found"


def test_a_heading_starting_with_x_keeps_its_first_letter_in_the_suit():
    # Only the byte-order mark is stripped from the front of a heading, nothing else.
    assert suit_from_heading("X-ray titles") == "X-ray"
    assert suit_from_heading("\ufeffXylophone titles") == "Xylophone"


# --- workbook sheets (import_records: what import_file does with a sheet's rows) -------------


def test_workbook_cells_are_kept_as_typed_with_their_line_breaks_made_one_kind():
    result = import_records(
        [["Title", "Body"], ["'=1+1", "first\r\nsecond\rthird"]], source="roles.xlsx"
    )
    (card,) = result.deck.cards
    assert card.title == "'=1+1"  # a workbook cell is text already: nothing to undo
    assert card.body == "first\nsecond\nthird"
    assert (result.encoding, result.encoding_name, result.delimiter) == (
        "workbook",
        "workbook",
        None,
    )


def test_a_workbook_sheet_takes_the_title_and_kind_given_or_the_default():
    records = [["Title"], ["What is the route into the PMO?"]]
    given = import_records(records, source="s.xlsx", title="Questions", kind=ActivityKind.PROMPTS)
    assert (given.deck.title, given.deck.kind) == ("Questions", ActivityKind.PROMPTS)
    default = import_records(records, source="s.xlsx")
    assert (default.deck.title, default.deck.kind) == ("Imported deck", ActivityKind.RANK)


def test_a_failed_sheet_says_which_column_became_what_for_the_preview():
    with pytest.raises(ImportFailed) as caught:
        import_records([["Title", "Copies", "Mood"], ["A", "many", "calm"]], source="s.xlsx")
    assert caught.value.lines() == ['s.xlsx: row 2: copies "many" is not a whole number']
    assert [c.describe() for c in caught.value.columns] == [
        "Title → title",
        "Copies → copies",
        "Mood → left out",
    ]


def test_an_empty_sheet_has_no_cards_and_no_row_to_blame():
    with pytest.raises(ImportFailed) as caught:
        import_records([["", ""], [" "]], source="s.xlsx")
    assert caught.value.problems == [
        ImportProblem(0, "no cards found: the sheet has no non-empty rows")
    ]


def test_pasted_text_with_a_cell_too_long_to_read_gets_one_sentence_not_a_crash():
    # A file is capped at 20 MiB, so only pasted text can hold a longer cell.
    with pytest.raises(ImportFailed) as caught:
        import_text("title\n" + "x" * (20 * 1024 * 1024 + 1) + "\n", as_csv=True)
    assert caught.value.problems == [
        ImportProblem(
            0, "the file is not readable as CSV (field larger than field limit (20971520))"
        )
    ]


# --- the delimiter, and text pasted without saying what it is -------------------------------


def test_one_cell_full_of_commas_does_not_make_the_comma_the_delimiter():
    text = (
        "title;body\nPM;Plans\nPA;Keeps logs\n"
        "PMO;Sets standards, templates, tools, reports, training, audits, reviews, assurance, "
        "lessons and more\n"
    )
    result = import_text(text, as_csv=True)
    assert result.delimiter == ";"
    assert [c.title for c in result.deck.cards] == ["PM", "PA", "PMO"]


def test_the_delimiter_on_more_rows_wins_over_one_giving_more_columns_on_fewer():
    # Semicolons give 2 columns on all 6 rows; commas give 3 on only 3 of them.
    text = "title;body\n" + "".join(
        f"{t};one, two{', three' if i >= 2 else ''}\n" for i, t in enumerate("ABCDE")
    )
    result = import_text(text, as_csv=True)
    assert result.delimiter == ";"
    assert [c.body for c in result.deck.cards][:3] == ["one, two", "one, two", "one, two, three"]


def test_the_delimiter_is_judged_on_the_first_30_lines():
    # 30 lines split as well by "," as by ";" (a tie: the comma); a 31st is not looked at.
    result = import_text("A;b,c\n" * 30 + "A;b\n", as_csv=True)
    assert result.delimiter == ","


def test_a_pasted_list_with_semicolons_and_a_heading_is_read_as_columns():
    result = import_text("title;body\nPM;Plans\nPA;Keeps logs\n")
    assert result.delimiter == ";"
    assert [(c.title, c.body) for c in result.deck.cards] == [
        ("PM", "Plans"),
        ("PA", "Keeps logs"),
    ]


def test_a_byte_order_mark_before_quoted_headings_still_makes_them_headings():
    result = import_text('\ufeff"title","mood"\n"PM","calm"\n')
    assert result.delimiter == ","
    assert [c.title for c in result.deck.cards] == ["PM"]
    assert result.notes == ['The column "mood" was not recognised, so it was left out.']


def test_pasted_text_without_a_title_is_the_imported_deck_with_no_columns():
    result = import_text("PM\nPA\n")
    assert result.deck.title == "Imported deck"
    assert (result.columns, result.encoding, result.delimiter) == ([], "text", None)


def test_columns_chosen_for_pasted_text_change_what_is_imported():
    result = import_text("title,body,note\nPM,Plans,Often\n", columns={1: None, 2: "body"})
    (card,) = result.deck.cards
    assert (card.body, card.note) == ("Often", "")
    assert [c.describe() for c in result.columns] == [
        "title → title",
        "body → left out",
        "note → body",
    ]


def test_nothing_pasted_is_refused_as_no_cards():
    with pytest.raises(ImportFailed) as caught:
        import_text("  \n\n")
    assert str(caught.value) == "pasted text: no cards found: the file has no non-empty rows"
    assert caught.value.columns == []


def test_an_unclosed_quote_is_named_with_its_line_and_what_to_do():
    with pytest.raises(ImportFailed) as caught:
        import_text('title,body\nA,x\n"B,y\nC,z\n', as_csv=True)
    assert caught.value.lines() == [
        'pasted text: row 3: a cell opens a double quote (") that is never closed, so every '
        "row after it would run into one card; close or remove that quote"
    ]


def test_controls_are_counted_in_exactly_the_first_4000_characters(tmp_path):
    # 40 controls in the first 4,000 characters are flaws; a 41st just after is not counted.
    text = "\x01" * 40 + "card\n" * 792 + "\x01\n"
    assert text.index("\x01", 40) == 4000
    path = tmp_path / "cards.txt"
    path.write_text(text, "utf-8")
    assert import_file(path).deck.cards


def test_without_headings_the_note_names_the_first_row_that_became_a_card():
    # Blank rows at the top are skipped, so the first card is on row 3 here, not row 1.
    result = import_text("\n,\nPM,Plans\nPA,Logs\n", as_csv=True)
    assert [c.title for c in result.deck.cards] == ["PM", "PA"]
    assert result.notes == [
        "No recognised column headings: the first column is the title, and row 3 (“PM”) "
        "became a card."
    ]
    one_column = import_text("\nRoles\nPM\n", as_csv=True)
    assert one_column.notes == [
        'No column heading such as "title", so row 2 (“Roles”) became a card; delete it if it '
        "was a heading."
    ]


# --- the columns the import preview shows ---------------------------------------------------


def test_each_column_shows_its_first_value_below_the_heading():
    result = import_text("title,body,mood\nPM,,\nPA,Keeps logs\n", as_csv=True)
    assert [(c.heading, c.field, c.sample) for c in result.columns] == [
        ("title", "title", "PM"),
        ("body", "body", "Keeps logs"),  # the first value, not the first row's blank
        ("mood", None, ""),  # a short row has no value there
    ]


def test_without_headings_columns_are_numbered_and_the_first_is_the_title():
    result = import_text("PM,Plans\nPA,Logs\n", as_csv=True)
    assert result.columns == [
        Column(0, "column 1", "title", "PM"),
        Column(1, "column 2", None, "Plans"),
    ]


def test_a_column_past_the_heading_row_is_numbered_and_left_out():
    result = import_text("title,Xmas\nPM,yes,extra\n", as_csv=True)
    assert [c.describe() for c in result.columns] == [
        "title → title",
        "Xmas → left out",
        "column 3 → left out",
    ]
    assert result.notes == ['The column "Xmas" was not recognised, so it was left out.']


def test_a_byte_order_mark_is_never_part_of_a_sheet_heading():
    result = import_records([["\ufeffTitle", "Mood"], ["PM", "calm"]], source="s.xlsx")
    assert [(c.heading, c.field) for c in result.columns] == [("Title", "title"), ("Mood", None)]


def test_headings_past_the_second_row_still_count_as_left_out():
    result = import_text("title,mood,size\nPM\n", as_csv=True)
    assert result.notes == [
        'The columns "mood" and "size" were not recognised, so they were left out.'
    ]


def test_columns_left_out_by_choice_are_named_without_calling_them_unrecognised():
    one = import_text("title,mood,note\nPM,calm,x\n", columns={2: None, 1: "note"})
    assert one.notes == ['The column "note" was left out.']
    two = import_text("title,mood,size\nPM,calm,big\n", columns={1: None})
    assert two.notes == ['The columns "mood" and "size" were left out.']


def test_no_title_column_is_refused_by_row_or_for_the_whole_file():
    with pytest.raises(ImportFailed) as headed:
        import_text("suit,qty\nRole,2\n", as_csv=True)
    assert headed.value.lines() == [
        'pasted text: row 1: no title column (name one "title", "text", "card", "name" or '
        '"Role title")'
    ]
    # Without headings, only a choice can leave the title out: then no row is to blame.
    with pytest.raises(ImportFailed) as chosen:
        import_text("PM,Plans\n", as_csv=True, columns={0: None})
    assert chosen.value.lines()[0].startswith("pasted text: no title column")
    assert [c.describe() for c in chosen.value.columns] == [
        "column 1 → left out",
        "column 2 → left out",
    ]


# --- headings and cells ---------------------------------------------------------------------


def test_a_title_column_wins_over_a_role_column_before_it():
    result = import_text("Role,Title\nPMO,Project Manager\n", as_csv=True)
    assert [c.title for c in result.deck.cards] == ["Project Manager"]
    assert result.notes == ['The column "Role" was not recognised, so it was left out.']


def test_what_a_heading_names():
    plural = import_text("Job title(s),body\nProject Manager,Plans\n", as_csv=True)
    assert [c.field for c in plural.columns] == ["title", "body"]
    codes = import_text("title,X code,Code\nPM,12,R1\n", as_csv=True)
    assert [c.field for c in codes.columns] == ["title", None, "code"]
    assert [c.code for c in codes.deck.cards] == ["R1"]


def test_cells_are_trimmed_and_a_short_row_leaves_the_rest_empty():
    result = import_text("title,body,suit\n  PM  ,Plans, Role \nPA\n", as_csv=True)
    assert [(c.title, c.body, c.suit) for c in result.deck.cards] == [
        ("PM", "Plans", "Role"),
        ("PA", "", "Card"),
    ]


def test_a_suit_name_too_long_is_named_by_the_row_that_gave_it():
    with pytest.raises(ImportFailed) as caught:
        import_text("title,suit\nPM,Role\nPA," + "R" * 61 + "\n", as_csv=True)
    assert caught.value.lines() == [
        "pasted text: row 3: a suit name has at most 60 characters: this one has 61"
    ]


def test_problems_of_the_whole_deck_name_no_row():
    many = "title,suit\n" + "".join(f"C{i},Suit {i}\n" for i in range(27))
    with pytest.raises(ImportFailed) as suits:
        import_text(many, as_csv=True)
    assert suits.value.problems == [ImportProblem(0, "suits: has 27 suits; the limit is 26")]
    with pytest.raises(ImportFailed) as match:
        import_text("title\nA\nB\n", as_csv=True, kind=ActivityKind.MATCH)
    assert match.value.problems[0] == ImportProblem(
        0, "a match deck needs a suit column naming two suits (e.g. Role, Activity)"
    )
    with pytest.raises(ImportFailed) as empty:
        import_text("\n", as_csv=True)
    assert empty.value.problems == [
        ImportProblem(0, "no cards found: the file has no non-empty rows")
    ]


def test_a_deck_kind_column_that_names_no_kind_is_refused_for_the_deck():
    with pytest.raises(ImportFailed) as caught:
        import_text("title,kind\nPM,Poker\n", as_csv=True)
    assert caught.value.problems == [ImportProblem(0, 'kind "poker" is not rank, match or prompts')]
    assert [c.describe() for c in caught.value.columns] == ["title → title", "kind → deck kind"]


# --- files ----------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_imports_even_when_mostly_not_latin(tmp_path, codec):
    # Japanese text in UTF-16 has few zero bytes: only the byte-order mark says what it is.
    text = "\ufefftitle\n" + "日本語のカード" * 40 + "\n"
    path = tmp_path / "cards.txt"
    path.write_bytes(text.encode(codec))
    result = import_file(path)
    assert result.encoding_name == "UTF-16"
    assert [c.title for c in result.deck.cards] == ["日本語のカード" * 40]


def test_utf16_without_a_byte_order_mark_is_recognised_by_its_zero_bytes(tmp_path):
    path = tmp_path / "cards.txt"
    path.write_bytes("title\tbody\nPM\tPlans\n".encode("utf-16-le"))
    result = import_file(path)
    assert (result.encoding_name, result.delimiter) == ("UTF-16", "\t")
    assert [(c.title, c.body) for c in result.deck.cards] == [("PM", "Plans")]


def test_one_zero_byte_in_the_first_4000_makes_a_file_binary_and_later_ones_do_not(tmp_path):
    path = tmp_path / "cards.csv"
    path.write_bytes(b"title\nPM\x00\nPA\n")
    with pytest.raises(InputError) as caught:
        import_file(path)
    assert str(caught.value) == "cards.csv: looks like a binary file, not CSV or text"
    late = b"title\n" + b"card\n" * 798 + b"PMPM\x00\n"
    assert late.index(b"\x00") == 4000
    path.write_bytes(late)
    assert len(import_file(path).deck.cards) == 799


def test_undecodable_text_names_the_byte(tmp_path):
    path = tmp_path / "cards.csv"
    path.write_bytes(b"\xef\xbb\xbftitle\n\xff\n")  # says UTF-8, is not
    with pytest.raises(InputError) as caught:
        import_file(path)
    assert str(caught.value) == "cards.csv: the text cannot be decoded (byte 6)"


def test_a_folder_is_not_a_card_list(tmp_path):
    with pytest.raises(InputError) as caught:
        import_file(tmp_path)
    assert str(caught.value) == f"{tmp_path}: is a folder, not a card list"


def test_a_file_takes_the_title_kind_and_columns_given(tmp_path):
    path = tmp_path / "roles.csv"
    path.write_text("title,body,note\nPM,Plans,Often\n", "utf-8")
    result = import_file(path, title="Roles", kind=ActivityKind.PROMPTS, columns={1: None})
    assert (result.deck.title, result.deck.kind) == ("Roles", ActivityKind.PROMPTS)
    assert [(c.body, c.note) for c in result.deck.cards] == [("", "Often")]


def test_a_workbook_file_takes_the_title_and_kind_given(tmp_path):
    import openpyxl

    path = tmp_path / "questions.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Title"])
    book.active.append(["What is the route into the PMO?"])
    book.save(path)
    given = import_file(path, title="Route into the PMO", kind=ActivityKind.PROMPTS)
    assert (given.deck.title, given.deck.kind) == ("Route into the PMO", ActivityKind.PROMPTS)
    default = import_file(path)
    assert (default.deck.title, default.deck.kind) == ("Questions", ActivityKind.RANK)
