"""`facilitator print`: exit codes, one-line errors, and never a partial PDF."""

from __future__ import annotations

import errno
import json
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from facilitator.cli import main
from tests.print.conftest import SAMPLE_DECKS

DECKS = sorted(str(p) for p in SAMPLE_DECKS.glob("*.deck.json"))


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["print", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_done_when_command_writes_a_full_pack(capsys, tmp_path):
    out = tmp_path / "pack.pdf"
    code, stdout, stderr = run(
        capsys,
        *DECKS,
        "-o",
        str(out),
        "--sets",
        "3",
        "--duplex",
        "long",
        "--guide",
        "--tent-cards",
        "--capture-sheets",
    )
    assert (code, stderr) == (0, "")
    reader = PdfReader(out)
    assert f"Wrote {out}: {len(reader.pages)} pages" in stdout
    assert "Print guide" in reader.pages[0].extract_text()


def test_plan_prints_sheets_pouches_and_cards_and_writes_nothing(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, stdout, _ = run(capsys, *DECKS, "--plan", "--sets", "2", "--laminate", "card")
    assert code == 0
    assert "Card sheets:" in stdout and "pouches, 75×105 mm" in stdout
    assert "2 sets: 60 poker cards (63×88 mm), 30 per set." in stdout
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]


def write_deck(folder: Path, data: object, name: str = "bad.deck.json") -> str:
    path = folder / name
    path.write_text(json.dumps(data), "utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--card", "300x400mm"], "do not fit on A4"),
        (["--laminate", "card", "--pouch", "business"], "smallest pouch that fits is 75×105"),
        (["--sets", "0"], "sets: 0 is out of range"),
        (["--sets", "99"], "sets: 99 is out of range"),
        (["--gutter", "2mm"], "bleed: 2 mm is wider than the 2 mm gutter allows"),
        (["--fold", "--duplex", "long"], "fold: a gutter-fold sheet prints fronts and backs"),
        (["--sets", "3", "--only-set", "4"], "only-set: there is no set 4"),
        (["--only", "R7,Z99"], "only: there is no card Z99 in"),
        (["--bleed", "5mm", "--gutter", "6mm"], "bleed: 5 mm is wider than the 6 mm gutter"),
        (["--paper", "napkin"], '"napkin" is not one of'),
        (["--back-offset", "banana"], "back-offset"),
        (["--duplex", "sideways"], "is not one of: none, long, short"),
        (["--calibration"], "add --duplex long"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_no_pdf(capsys, tmp_path, extra, message):
    out = tmp_path / "pack.pdf"
    code, _stdout, stderr = run(capsys, *DECKS, "-o", str(out), *extra)
    assert code == 2
    assert stderr.startswith("facilitator: ") and stderr.count("\n") == 1
    assert message in stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["data"]  # no temporary file left either


def test_a_missing_deck_exits_2_naming_it(capsys, tmp_path):
    code, _, stderr = run(capsys, str(tmp_path / "gone.deck.json"), "-o", str(tmp_path / "x.pdf"))
    assert code == 2 and "gone.deck.json: no such file" in stderr


def test_an_invalid_deck_exits_2_naming_file_and_field(capsys, tmp_path):
    deck = json.loads(Path(DECKS[0]).read_text("utf-8"))
    deck["cards"][0]["copies"] = "many"
    bad = write_deck(tmp_path, deck)
    out = tmp_path / "x.pdf"
    code, _, stderr = run(capsys, DECKS[1], bad, "-o", str(out))
    assert code == 2 and "bad.deck.json: cards[0].copies" in stderr
    assert not out.exists()


def test_a_failure_keeps_the_previous_pdf(capsys, tmp_path):
    out = tmp_path / "pack.pdf"
    out.write_bytes(b"last week's pack")
    code, _, _ = run(capsys, *DECKS, "-o", str(out), "--sets", "51")
    assert code == 2 and out.read_bytes() == b"last week's pack"


def test_output_into_a_missing_folder_or_onto_a_deck_is_refused(capsys, tmp_path):
    code, _, stderr = run(capsys, *DECKS, "-o", str(tmp_path / "nope" / "pack.pdf"))
    assert code == 2 and "does not exist" in stderr
    deck = tmp_path / "roles.deck.json"
    shutil.copy(DECKS[0], deck)
    before = deck.read_bytes()
    code, _, stderr = run(capsys, str(deck), "-o", str(deck))
    assert code == 2 and "is a deck file name" in stderr
    assert deck.read_bytes() == before


def test_an_unwritable_folder_exits_1_with_one_line(capsys, tmp_path, monkeypatch):
    # Simulated, because the tests may run as root, for whom permissions are not enforced.
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("facilitator.atomic_write.tempfile.mkstemp", refuse)
    out = tmp_path / "pack.pdf"
    code, _, stderr = run(capsys, *DECKS, "-o", str(out))
    assert code == 1 and "permission denied" in stderr and stderr.count("\n") == 1
    assert not out.exists()


def test_no_output_and_no_plan_is_a_usage_error(capsys):
    code, _, stderr = run(capsys, *DECKS)
    assert code == 2 and "-o OUT.pdf" in stderr


def test_warnings_go_to_stderr_and_the_pack_is_still_written(capsys, tmp_path):
    deck = json.loads(Path(DECKS[0]).read_text("utf-8"))
    deck["cards"][0]["title"] = "项目经理"
    path = write_deck(tmp_path, deck, "cjk.deck.json")
    out = tmp_path / "p.pdf"
    code, stdout, stderr = run(capsys, path, "-o", str(out))
    assert code == 0 and out.exists() and "Wrote" in stdout
    assert "facilitator: warning:" in stderr and "no glyph" in stderr


def test_help_lists_every_flag_of_the_issue(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["print", "--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    for flag in (
        "--sets",
        "--paper",
        "--card",
        "--laminate",
        "--pouch",
        "--duplex",
        "--back-offset",
        "--no-marks",
        "--guide",
        "--tent-cards",
        "--capture-sheets",
        "--calibration",
        "--plan",
    ):
        assert flag in text


def test_the_guide_wants_card_stock_for_tent_cards_and_paper_for_the_rest(capsys, tmp_path):
    out = tmp_path / "p.pdf"
    code, _, _ = run(
        capsys, *DECKS, "-o", str(out), "--sets", "2", "--guide", "--tent-cards", "--capture-sheets"
    )
    assert code == 0
    guide = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "• 8 sheets of A4 card (160–250 g/m²) for the cards •" in guide
    assert "• 8 sheets of A4 card (160–250 g/m²) for the tent cards, so they stand up •" in guide
    assert (
        "• 10 sheets of A4 paper for the print guide, pouch placement sheet, packing lists and "
        "capture sheets •" in guide
    )
    assert "• 60 poker cards (63×88 mm): 2 sets of 30 •" in guide


def test_one_of_everything_is_said_in_the_singular(capsys, tmp_path):
    deck = json.loads(Path(DECKS[1]).read_text("utf-8"))
    deck["cards"] = deck["cards"][:1]
    path = write_deck(tmp_path, deck, "one.deck.json")
    out = tmp_path / "one.pdf"
    code, stdout, _ = run(capsys, path, "-o", str(out), "--laminate", "sheet", "--no-packing-list")
    assert code == 0
    assert stdout == (
        f"Wrote {out}: 1 page on 1 sheet (1 card, 1 set). Print at 100 % (actual size).\n"
    )


def test_a_negative_back_offset_is_given_with_an_equals_sign(capsys, tmp_path):
    out = tmp_path / "p.pdf"
    code, _, stderr = run(
        capsys, DECKS[0], "-o", str(out), "--duplex", "long", "--back-offset=-1.5,0.5"
    )
    assert (code, stderr) == (0, "")


def test_the_guide_says_how_many_sheets_and_pouches_and_carries_the_ruler(capsys, tmp_path):
    out = tmp_path / "p.pdf"
    code, _, _ = run(capsys, *DECKS, "-o", str(out), "--sets", "3", "--guide", "--duplex", "short")
    assert code == 0
    guide = PdfReader(out).pages[0].extract_text()
    assert "This ruler is 100 mm long." in guide
    assert "12 sheets of A4 card (160–250 g/m²) for the cards" in guide
    assert "12 laminating pouches, A4 (216×303 mm)" in guide
    assert "flip on the short edge" in guide
    assert "Set 3 green" in guide
