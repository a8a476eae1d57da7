"""`facilitator report`: one command for a write-up, with the usual exit codes."""

import json
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.paths import db_path
from facilitator.reports.sample_evening import create_sample_evening
from facilitator.store import Store


@pytest.fixture
def event_id(data_dir) -> str:
    with Store.open(db_path()) as store:
        event = create_sample_evening(store)
        create_sample_evening(store, title="PMO Flashmob London", starts="2015-03-12")
    return event.id


@pytest.mark.parametrize("fmt", ["md", "pdf", "csv", "json"])
def test_writes_each_format_from_the_file_name(tmp_path, event_id, capsys, fmt):
    out = tmp_path / f"birmingham.{fmt}"
    assert main(["report", "--event", event_id[:8], "-o", str(out)]) == 0
    assert out.stat().st_size > 0
    said = capsys.readouterr().out
    assert said.startswith("wrote the ") and '"PMO Flashmob Birmingham"' in said


def test_format_option_and_standard_output(event_id, capsys):
    assert main(["report", "--event", event_id, "--format", "json", "-o", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["event"]["title"] == "PMO Flashmob Birmingham"


def test_a_series_report(tmp_path, event_id, capsys):
    out = tmp_path / "series.md"
    assert main(["report", "--series", "PMO Flashmob", "-o", str(out)]) == 0
    text = out.read_text("utf-8")
    assert text.startswith("# PMO Flashmob\n")
    assert text.index("PMO Flashmob London") < text.index("PMO Flashmob Birmingham")


def test_works_while_the_app_holds_the_database(tmp_path, event_id):
    with Store.open(db_path()) as app_store:
        assert app_store.writable
        assert main(["report", "--event", event_id, "-o", str(tmp_path / "r.md")]) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--event", "ffffffff", "-o", "r.md"], "no event with id 'ffffffff'"),
        (["--series", "Nope", "-o", "r.md"], 'no events in the series "Nope"'),
        (["--event", "EVENT", "-o", "r.txt"], "cannot tell the format from the name"),
        (["--event", "EVENT", "--format", "pdf", "-o", "-"], "a PDF cannot go to standard output"),
        (["--event", "EVENT", "-o", "missing/r.md"], "the folder missing does not exist"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, monkeypatch, event_id, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    args = [event_id if a == "EVENT" else a for a in args]
    assert main(["report", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("facilitator: ") and message in err
    assert err.count("\n") == 1
    assert not list(Path(tmp_path).glob("r.*"))


def test_without_a_database_says_so(tmp_path, capsys):
    assert main(["report", "--event", "abcd", "-o", str(tmp_path / "r.md")]) == 2
    assert "no database yet" in capsys.readouterr().err


def test_event_or_series_is_required(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "-o", "r.md"])
    assert exit_info.value.code == 2


def test_a_pdf_warns_about_characters_its_font_cannot_draw(tmp_path, data_dir, capsys):
    with Store.open(db_path()) as store:
        event = store.create_event(title="晚会 in Łódź", table_count=1)
    out = tmp_path / "r.pdf"
    assert main(["report", "--event", event.id, "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert err == (
        'facilitator: warning: the PDF\'s font cannot draw "晚" (U+665A), "会" (U+4F1A); '
        "they print as ?\n"
    )
    assert out.exists()


def test_a_semicolon_csv_for_comma_decimal_locales(tmp_path, event_id, capsys):
    out = tmp_path / "de.csv"
    assert main(["report", "--event", event_id, "-o", str(out), "--csv-delimiter", ";"]) == 0
    header, *rows = out.read_text("utf-8-sig").splitlines()
    assert header.startswith("row;event;date;")
    assert any(";0,524;" in row for row in rows)  # W with a decimal comma
    capsys.readouterr()
    assert (
        main(
            ["report", "--event", event_id, "-o", "-", "--format", "csv", "--csv-delimiter", "tab"]
        )
        == 0
    )
    assert capsys.readouterr().out.lstrip("\ufeff").startswith("row\tevent\t")


def test_a_markdown_file_brings_its_pictures(tmp_path, event_id):
    out = tmp_path / "birmingham.md"
    assert main(["report", "--event", event_id, "-o", str(out)]) == 0
    assert len(list(tmp_path.glob("birmingham-*.png"))) == 3


def test_an_unknown_csv_delimiter_is_one_plain_sentence(tmp_path, event_id, capsys):
    out = tmp_path / "x.csv"
    assert main(["report", "--event", event_id, "-o", str(out), "--csv-delimiter", "|"]) == 2
    assert "a CSV delimiter must be one of" in capsys.readouterr().err
    assert not out.exists()
