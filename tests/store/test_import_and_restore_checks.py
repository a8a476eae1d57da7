"""Imports and restores bring nothing in that the store would not accept itself."""

import json

import pytest

from facilitator.cli import main
from facilitator.store import Store


@pytest.fixture
def exported(tmp_path, data_dir, capsys):
    with Store.open(data_dir / "facilitator.db.json") as store:
        event = store.create_event(title="Birmingham", series="PMO Flashmob", table_count=2)
    out = tmp_path / "event.json"
    assert main(["export", "--event", event.id, "-o", str(out)]) == 0
    capsys.readouterr()
    return out


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        (("event", "series"), ["x"], "the series must be text"),
        (("event", "venue"), {}, "the venue must be text"),
        (("event", "title"), "x" * 100_000, "the limit is 300"),
        (("tables", 0, "name"), 5, "the table's name must be text"),
    ],
)
def test_wrongly_typed_fields_are_refused_on_import(
    exported, tmp_path, data_dir, capsys, where, value, message
):
    payload = json.loads(exported.read_text("utf-8"))
    target = payload
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(payload), "utf-8")
    other = tmp_path / "other.db.json"
    assert main(["--db", str(other), "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert not other.exists() or "Birmingham" not in other.read_text("utf-8")


def test_a_backup_that_fails_the_check_is_not_restored(tmp_path, data_dir, capsys):
    db = data_dir / "facilitator.db.json"
    with Store.open(db) as store:
        store.create_event(title="Kept")
    before = db.read_bytes()
    broken = json.loads(before)
    events = broken["events"]
    for doc in events.values():
        doc["title"] = 123
    bad = tmp_path / "bad-backup.json"
    bad.write_text(json.dumps(broken), "utf-8")
    assert main(["db", "restore", str(bad)]) in (1, 2)
    assert "not restored" in capsys.readouterr().err
    assert db.read_bytes() == before
