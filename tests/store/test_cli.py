"""The store's commands: events, export, import, db check|backups|restore, with exit codes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from facilitator import cli
from facilitator.decks.model import Deck
from facilitator.outcomes import RankResult
from facilitator.store import Store
from facilitator.store.backups import Backup, list_backups
from tests.store.conftest import Evening, plan_evening


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def recorded(db_file: Path, rank_deck: Deck, match_deck: Deck, prompts_deck: Deck) -> Evening:
    with Store.open(db_file) as store:
        evening = plan_evening(store, rank_deck, match_deck, prompts_deck)
        for n, table in enumerate(evening.tables, start=1):
            store.save_outcome(table.id, evening.rank.id, RankResult(((f"R{n}",),)))
    return evening


def test_events_lists_each_event_with_its_counts(
    capsys: pytest.CaptureFixture[str], recorded: Evening
) -> None:
    code, out, err = run(capsys, "events")
    assert code == 0 and err == ""
    header, row = out.splitlines()
    assert header.split() == [
        "ID",
        "DATE",
        "SERIES",
        "TITLE",
        "VENUE",
        "TABLES",
        "ITEMS",
        "RECORDED",
        "IN-PROGRESS",
    ]
    assert row.startswith(recorded.event.id[:8] + "  2015-08-20 18:30  PMO Flashmob  PMO Flashmob")
    assert row.split()[-4:] == ["3", "3", "3/9", "0"]
    code, out, _ = run(capsys, "events", "--series", "Agile")
    assert (code, out.strip()) == (
        0,
        f'no events in the series "Agile" in {os.environ["FACILITATOR_DB"]}',
    )


def test_events_reads_while_the_app_holds_the_database(
    capsys: pytest.CaptureFixture[str], recorded: Evening, db_file: Path
) -> None:
    with Store.open(db_file):
        code, out, _ = run(capsys, "events")
    assert code == 0 and recorded.event.title in out


def test_export_then_import_elsewhere_reports_what_changed(
    capsys: pytest.CaptureFixture[str], recorded: Evening, tmp_path: Path
) -> None:
    exported = tmp_path / "birmingham.json"
    code, out, err = run(capsys, "export", "--event", recorded.event.id[:6], "-o", str(exported))
    assert (code, err) == (0, "")
    assert out == (
        f'exported "PMO Flashmob Birmingham" to {exported}: 3 tables, 3 agenda items, 3 outcomes\n'
    )
    assert json.loads(exported.read_text())["format"] == "facilitator-event"

    other = tmp_path / "other.json"
    code, out, _ = run(capsys, "--db", str(other), "import", str(exported))
    assert (code, out) == (
        0, "birmingham.json (PMO Flashmob Birmingham): 10 added, 0 updated, 0 unchanged, 0 conflicts\n"
    )  # fmt: skip
    code, out, _ = run(capsys, "--db", str(other), "import", str(exported), str(exported))
    assert code == 0 and out.count("0 added, 0 updated, 10 unchanged, 0 conflicts") == 2


def test_import_prints_each_conflict(
    capsys: pytest.CaptureFixture[str], recorded: Evening, db_file: Path, tmp_path: Path
) -> None:
    exported, other = tmp_path / "plan.json", tmp_path / "other.json"
    run(capsys, "export", "--event", recorded.event.id, "-o", str(exported))
    run(capsys, "--db", str(other), "import", str(exported))
    table, item = recorded.tables[0].id, recorded.rank.id
    with Store.open(other, device_id="bob-laptop") as bob:
        bob.save_outcome(table, item, RankResult((("R9",),)))
        bob.save_outcome(table, item, RankResult((("R8",),)))
    with Store.open(db_file) as alice:
        alice.save_outcome(table, item, RankResult((("R7",),)))
    bobs = tmp_path / "bob.json"
    run(capsys, "--db", str(other), "export", "--event", recorded.event.id, "-o", str(bobs))
    # --db sets FACILITATOR_DB for the rest of the process, so name Alice's database again.
    code, out, _ = run(capsys, "--db", str(db_file), "import", str(bobs))
    assert code == 0
    summary, conflict, advice = out.splitlines()
    assert summary.endswith("0 added, 0 updated, 9 unchanged, 1 conflict")
    assert conflict.startswith(
        '  conflict: outcome of Table 1 for "PMO roles: agree the hierarchy"'
    )
    # Bob saved more often, but Alice saved last: the later save wins.
    assert "kept the later save" in conflict
    assert "device bob-lapt) is in the history as " in conflict
    assert advice == "keep the other version with `facilitator db history restore ID`"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("{", "is not valid JSON (line 1, column 2"),
        ('{"format": "facilitator-deck"}', "is not a Facilitator event file"),
    ],
)
def test_import_of_a_bad_file_exits_2_and_changes_nothing(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    db_file: Path,
    content: str | None,
    message: str,
) -> None:
    bad = tmp_path / "bad.json"
    if content is not None:
        bad.write_text(content)
    code, out, err = run(capsys, "import", str(bad))
    assert code == 2 and out == ""
    assert err.startswith("facilitator: ") and message in err and err.count("\n") == 1
    assert not db_file.exists()


def test_import_while_the_app_holds_the_database_exits_1(
    capsys: pytest.CaptureFixture[str], recorded: Evening, db_file: Path, tmp_path: Path
) -> None:
    exported = tmp_path / "e.json"
    run(capsys, "export", "--event", recorded.event.id, "-o", str(exported))
    with Store.open(db_file):
        code, _, err = run(capsys, "import", str(exported))
    assert code == 1 and "cannot import: facilitator.db.json is open in another copy" in err


def test_export_of_an_unknown_event_exits_2(
    capsys: pytest.CaptureFixture[str], recorded: Evening
) -> None:
    code, _, err = run(capsys, "export", "--event", "ffffffff", "-o", "x.json")
    assert code == 2 and err == "facilitator: no event with id 'ffffffff'\n"


def test_db_check_passes_a_sound_database(
    capsys: pytest.CaptureFixture[str], recorded: Evening, db_file: Path
) -> None:
    code, out, _ = run(capsys, "db", "check")
    assert code == 0 and out.splitlines()[0] == (
        f"{db_file}: schema version 3; 1 events, 3 tables, 3 outcomes"
    )
    assert out.splitlines()[-1] == "ok"


def test_db_check_finds_a_record_that_breaks_the_rules(
    capsys: pytest.CaptureFixture[str], recorded: Evening, db_file: Path
) -> None:
    data = json.loads(db_file.read_text())
    outcome_id = next(iter(data["outcomes"]))
    data["outcomes"][outcome_id]["result"]["levels"] = [["R1"], ["R1"]]  # edited by hand
    db_file.write_text(json.dumps(data))
    code, out, err = run(capsys, "db", "check")
    assert code == 1
    assert f"problem: outcome {outcome_id[:8]}: R1 appears twice in the order" in out
    assert err == f"facilitator: {db_file}: 1 problem found\n"


def back_up_then_damage(db_file: Path) -> tuple[Backup, bytes]:
    """The backup taken at open, and the database cut short (by something outside our control)."""
    with Store.open(db_file):
        pass  # takes a backup at open
    [backup] = list_backups(db_file)
    damaged = db_file.read_bytes()[:-40]
    db_file.write_bytes(damaged)
    return backup, damaged


def test_damaged_database_is_refused_by_every_command_and_restored_from_a_backup(
    capsys: pytest.CaptureFixture[str], recorded: Evening, db_file: Path
) -> None:
    backup, damaged = back_up_then_damage(db_file)

    code, _, err = run(capsys, "events")
    assert code == 2 and err.startswith(f"facilitator: {db_file}: is damaged (not valid JSON")
    code, _, err = run(capsys, "db", "check")  # bad input, as for every other command
    assert code == 2 and err.startswith(f"facilitator: {db_file}: is damaged (not valid JSON")
    assert f"the newest backup that passes the check is {backup.name}" in err
    assert "newer" not in err
    assert db_file.read_bytes() == damaged

    code, out, _ = run(capsys, "db", "backups")
    assert code == 0 and out.startswith(backup.name)
    code, out, _ = run(capsys, "db", "restore", backup.name)
    assert code == 0 and out.startswith(f"restored {db_file} from {backup.name}; the database")
    code, out, _ = run(capsys, "db", "check")
    assert code == 0 and out.endswith("ok\n")
    kept = [b for b in list_backups(db_file) if b.label == "before-restore"]
    assert [b.path.read_bytes() for b in kept] == [damaged]


def test_db_check_recommends_the_newest_backup_that_would_be_restored(
    capsys: pytest.CaptureFixture[str], recorded: Evening, db_file: Path
) -> None:
    good, damaged = back_up_then_damage(db_file)
    assert run(capsys, "db", "restore", good.name)[0] == 0
    [before_restore, _] = list_backups(db_file)  # the damaged file, kept, is now the newest
    assert before_restore.label == "before-restore"
    db_file.write_bytes(damaged)  # and the laptop dies again

    code, _, err = run(capsys, "db", "check")
    assert code == 2 and err.count("\n") == 1
    assert err.endswith(
        f"; the newest backup that passes the check is {good.name} "
        f"(`facilitator db restore {good.name}`); 1 newer one fails the check\n"
    )
    # Following older advice (the newest backup) is refused in words about a backup.
    code, _, err = run(capsys, "db", "restore", before_restore.name)
    assert code == 2 and err.startswith(f"facilitator: {before_restore.path}: is damaged (")
    assert err.endswith("it cannot be restored; choose another one from `facilitator db backups`\n")
    assert "restore a backup" not in err
    assert db_file.read_bytes() == damaged
    assert run(capsys, "db", "restore", good.name)[0] == 0
    assert run(capsys, "db", "check")[1].endswith("ok\n")


def test_db_check_says_when_no_backup_would_be_restored(
    capsys: pytest.CaptureFixture[str], recorded: Evening, db_file: Path
) -> None:
    with Store.open(db_file):
        pass
    [backup] = list_backups(db_file)
    backup.path.write_bytes(b'{"events": {"ab')
    db_file.write_bytes(db_file.read_bytes()[:-40])
    code, _, err = run(capsys, "db", "check")
    assert code == 2
    assert err.endswith("; but its one backup fails the check too, so none can be restored\n")


def test_db_restore_while_the_app_holds_the_database_says_so_in_one_sentence(
    capsys: pytest.CaptureFixture[str], recorded: Evening, db_file: Path
) -> None:
    with Store.open(db_file):
        pass
    [backup] = list_backups(db_file)
    with Store.open(db_file):
        code, _, err = run(capsys, "db", "restore", backup.name)
    assert code == 1
    assert err.startswith(
        "facilitator: cannot restore now: facilitator.db.json is open in another copy of "
        "Facilitator (process "
    )
    assert err.endswith("); close it first\n") and "can only read" not in err


def test_db_restore_of_an_unknown_backup_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "db", "restore", "nope.json")
    assert code == 2 and "nope.json: no such backup" in err


def test_db_without_a_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["db"])
    assert exit_.value.code == 2
