"""The command line: exit codes, one-line errors on stderr, and no file changed on bad input."""

import subprocess
import sys

import pytest

from facilitator.cli import main
from facilitator.decks import file as deck_file
from tests.conftest import FIXTURES, SAMPLE_DECKS

CASES = FIXTURES / "import"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_deck_check_accepts_the_sample_decks(capsys):
    code, out, err = run(
        capsys, "deck", "check", *map(str, sorted(SAMPLE_DECKS.glob("*.deck.json")))
    )
    assert code == 0 and err == ""
    assert out.count(": ok,") == 3


def test_deck_check_lists_every_problem_and_exits_2(capsys, tmp_path):
    bad = tmp_path / "team.deck.json"
    bad.write_text(
        '{"format": "facilitator-deck", "version": 1, "title": "T", "kind": "rank",'
        ' "suits": [{"name": "Role"}], "cards": [{"code": "R1", "suit": "Rol", "title": ""}]}',
        "utf-8",
    )
    broken = tmp_path / "broken.deck.json"
    broken.write_text("{", "utf-8")
    code, out, err = run(
        capsys,
        "deck",
        "check",
        str(bad),
        str(broken),
        str(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json"),
    )
    assert code == 2
    assert err.splitlines() == [
        'team.deck.json: cards[0].suit: unknown suit "Rol"',
        "team.deck.json: cards[0].title: a title must not be empty",
        "broken.deck.json: not valid JSON at line 1, column 2: Expecting property name enclosed in double quotes",
    ]
    assert "pmo-roles-hierarchy.deck.json: ok, rank, 10 cards" in out


def test_deck_check_and_print_name_a_deeply_nested_file_and_exit_2(capsys, tmp_path):
    deep = tmp_path / "deep.deck.json"
    deep.write_text("[" * 100_000, "utf-8")
    message = "deep.deck.json: not a deck: its JSON is nested too deeply to read"
    assert run(capsys, "deck", "check", str(deep)) == (2, "", message + "\n")
    code, out, err = run(capsys, "print", str(deep), "-o", str(tmp_path / "pack.pdf"))
    assert (code, out, err) == (2, "", f"facilitator: {message}\n")
    assert not (tmp_path / "pack.pdf").exists()


def test_a_duplicate_code_is_named_once_by_deck_check_and_import(capsys, tmp_path):
    deck = deck_file.load(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")
    text = deck_file.dumps(deck).replace('"code": "R3"', '"code": "R1"')
    dup = tmp_path / "dup.deck.json"
    dup.write_text(text, "utf-8")
    assert run(capsys, "deck", "check", str(dup)) == (
        2,
        "",
        "dup.deck.json: cards[2].code: Code R1 is already used by 'Project Administrator'\n",
    )
    csv_path = tmp_path / "dup.csv"
    csv_path.write_text("code,title\nX1,One\nX1,Two\n", "utf-8")
    code, _out, err = run(
        capsys, "deck", "import", str(csv_path), "-o", str(tmp_path / "d.deck.json")
    )
    assert code == 2
    assert err == "facilitator: dup.csv: row 3: Code X1 is already used by 'One'\n"


def test_import_writes_a_valid_deck(capsys, tmp_path):
    out_path = tmp_path / "roles.deck.json"
    code, out, err = run(
        capsys,
        "deck",
        "import",
        str(CASES / "excel-utf8-bom.csv"),
        "-o",
        str(out_path),
        "--title",
        "Roles",
        "--kind",
        "match",
    )
    assert code == 0, err
    deck = deck_file.load(out_path)
    assert deck.title == "Roles" and deck.kind.value == "match" and len(deck.cards) == 3
    assert out == f"{out_path}: 3 cards in Role (2), Activity (1), read as UTF-8 with BOM\n"


def test_import_notes_are_sentences_and_the_encoding_is_named(capsys, tmp_path):
    out_path = tmp_path / "roles.deck.json"
    code, out, err = run(
        capsys, "deck", "import", str(CASES / "title-and-role.csv"), "-o", str(out_path)
    )
    assert code == 0, err
    assert err == (
        "columns: Title → title; Role → left out\n"
        'note: The column "Role" was not recognised, so it was left out.\n'
    )
    assert out.endswith(", read as UTF-8\n")


def test_import_reads_a_workbook_sheet_and_says_which_column_became_what(capsys, tmp_path):
    out_path = tmp_path / "activities.deck.json"
    code, out, err = run(
        capsys,
        "deck",
        "import",
        str(CASES / "roles.ods"),
        "--sheet",
        "Activities",
        "-o",
        str(out_path),
    )
    assert code == 0, err
    assert err == "columns: Activity → title; Suit → suit\n"
    assert out == f'{out_path}: 2 cards in Activity (2), read from sheet "Activities"\n'
    assert [c.title for c in deck_file.load(out_path).cards] == [
        "Maintain the RAID log",
        "Approve the business case",
    ]


def test_import_of_an_unknown_sheet_writes_nothing(capsys, tmp_path):
    out_path = tmp_path / "x.deck.json"
    code, _out, err = run(
        capsys, "deck", "import", str(CASES / "roles.ods"), "--sheet", "Nope", "-o", str(out_path)
    )
    assert code == 2
    assert (
        err == 'facilitator: roles.ods has no sheet "Nope"; its sheets are "Roles", "Activities"\n'
    )
    assert not out_path.exists()


def test_one_card_is_one_card_not_1_cards(capsys, tmp_path, data_dir):
    source = tmp_path / "one.csv"
    source.write_text("title\nOnly card\n", "utf-8")
    decks = data_dir / "decks"
    decks.mkdir()
    deck_path = decks / "one.deck.json"
    code, out, err = run(capsys, "deck", "import", str(source), "-o", str(deck_path))
    assert (code, out) == (0, f"{deck_path}: 1 card in Card (1), read as UTF-8\n"), err
    code, out, _err = run(capsys, "deck", "check", str(deck_path))
    assert out == "one.deck.json: ok, rank, 1 card\n"
    back = tmp_path / "back.csv"
    code, out, _err = run(capsys, "deck", "export", str(deck_path), "-o", str(back))
    assert out == f"{back}: 1 card\n"
    code, out, _err = run(capsys, "deck", "list")
    assert f"One\trank\t1 card\tyours\t{deck_path}\n" in out


def test_import_with_bad_rows_writes_nothing_and_names_rows(capsys, tmp_path):
    out_path = tmp_path / "bad.deck.json"
    code, _out, err = run(
        capsys, "deck", "import", str(CASES / "bad-rows.csv"), "-o", str(out_path)
    )
    assert code == 2
    assert err.splitlines()[0] == "facilitator: bad-rows.csv: row 3: the title is empty"
    assert not out_path.exists()


def test_import_never_overwrites_without_force(capsys, tmp_path):
    out_path = tmp_path / "x.deck.json"
    out_path.write_text("mine", "utf-8")
    code, _out, err = run(capsys, "deck", "import", str(CASES / "prompts.txt"), "-o", str(out_path))
    assert code == 2 and "already exists; use --force" in err
    assert out_path.read_text("utf-8") == "mine"
    assert (
        run(capsys, "deck", "import", str(CASES / "prompts.txt"), "-o", str(out_path), "--force")[0]
        == 0
    )


def test_import_into_a_missing_folder_is_one_line(capsys, tmp_path):
    code, _out, err = run(
        capsys,
        "deck",
        "import",
        str(CASES / "prompts.txt"),
        "-o",
        str(tmp_path / "no" / "x.deck.json"),
    )
    assert code == 2 and len(err.splitlines()) == 1 and "output folder does not exist" in err


def test_unwritable_target_reports_a_sentence(capsys, tmp_path, monkeypatch):
    # Root ignores permissions, so simulate the operating system refusing the write.
    import facilitator.atomic_write as atomic_write

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic_write.tempfile, "mkstemp", refuse)
    code, _out, err = run(
        capsys, "deck", "import", str(CASES / "prompts.txt"), "-o", str(tmp_path / "x.deck.json")
    )
    assert code == 1
    assert err == f"facilitator: could not save {tmp_path / 'x.deck.json'}: permission denied\n"


def test_export_then_import_round_trip(capsys, tmp_path):
    csv_path = tmp_path / "roles.csv"
    sample = SAMPLE_DECKS / "pmo-role-activities.deck.json"
    assert run(capsys, "deck", "export", str(sample), "-o", str(csv_path))[0] == 0
    back = tmp_path / "back.deck.json"
    assert run(capsys, "deck", "import", str(csv_path), "-o", str(back))[0] == 0
    original, imported = deck_file.load(sample), deck_file.load(back)
    assert (imported.title, imported.kind, imported.instructions) == (
        original.title,
        original.kind,
        original.instructions,
    )
    assert imported.suits == original.suits

    def fields(deck):
        return [(c.code, c.suit, c.title, c.body, c.copies, c.back, c.note) for c in deck.cards]

    assert fields(imported) == fields(original)


def test_export_never_writes_over_a_deck_or_its_own_input(capsys, tmp_path):
    keep = tmp_path / "keep.deck.json"
    keep.write_bytes((SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json").read_bytes())
    before = keep.read_bytes()
    code, out, err = run(capsys, "deck", "export", str(keep), "-o", str(keep), "--force")
    assert (code, out) == (2, "")
    assert err == (
        "facilitator: keep.deck.json: deck export writes a CSV file or an Excel workbook; "
        "give a name ending in .csv or .xlsx, not .deck.json\n"
    )
    assert keep.read_bytes() == before
    code, _out, err = run(
        capsys, "deck", "export", str(keep), "-o", str(tmp_path / "new.deck.json")
    )
    assert code == 2 and "writes a CSV file" in err
    assert not (tmp_path / "new.deck.json").exists()
    # A deck saved under another name is still the command's input.
    other = tmp_path / "keep.json"
    other.write_bytes(before)
    code, _out, err = run(capsys, "deck", "export", str(other), "-o", str(other), "--force")
    assert code == 2
    assert err == f"facilitator: {other}: is one of the input files; choose another name\n"
    assert other.read_bytes() == before


def test_usage_errors_exit_2_with_one_line(capsys):
    with pytest.raises(SystemExit) as info:
        main(["deck", "import"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "required" in err
    assert run(capsys, "deck")[0] == 2


def test_help_for_every_subcommand(capsys):
    for argv in (
        ["--help"],
        ["deck", "--help"],
        ["deck", "import", "--help"],
        ["deck", "check", "--help"],
    ):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 0
        assert "usage:" in capsys.readouterr().out


def test_unexpected_failures_exit_1_and_debug_shows_the_traceback(capsys, monkeypatch):
    import facilitator.commands.deck as deck_commands

    def boom(*_args, **_kwargs):
        raise RuntimeError("kaput")

    monkeypatch.setattr(deck_commands, "list_decks", boom)
    code, _out, err = run(capsys, "deck", "list")
    assert code == 1
    assert (
        err == "facilitator: unexpected error: RuntimeError: kaput (run with --debug for details)\n"
    )
    with pytest.raises(RuntimeError):
        main(["--debug", "deck", "list"])


def test_global_db_option_sets_the_database_location(capsys, tmp_path, monkeypatch):
    from facilitator import paths

    monkeypatch.delenv("FACILITATOR_DB")
    run(capsys, "--db", str(tmp_path / "event.json"), "deck", "list")
    assert paths.db_path() == tmp_path / "event.json"


def test_deck_list_shows_samples_and_user_decks(capsys, data_dir):
    (data_dir / "decks").mkdir()
    (data_dir / "decks" / "broken.deck.json").write_text("nope", "utf-8")
    code, out, _err = run(capsys, "deck", "list")
    assert code == 0
    assert "PMO roles: agree the hierarchy\trank\t10 cards\tsample" in out
    assert "broken.deck.json\tunreadable" in out


def test_python_dash_m_and_the_console_script_agree(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "facilitator", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and result.stdout.startswith("facilitator ")


def test_export_to_xlsx_writes_a_workbook_that_imports_back(capsys, tmp_path):
    book = tmp_path / "roles.xlsx"
    deck_path = SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json"
    code, out, err = run(capsys, "deck", "export", str(deck_path), "-o", str(book))
    assert (code, out) == (0, f"{book}: 10 cards\n"), err
    assert book.read_bytes().startswith(b"PK\x03\x04")
    back = tmp_path / "back.deck.json"
    assert run(capsys, "deck", "import", str(book), "-o", str(back))[0] == 0
    original = deck_file.load(deck_path)
    assert [(c.code, c.title, c.body) for c in deck_file.load(back).cards] == [
        (c.code, c.title, c.body) for c in original.cards
    ]
