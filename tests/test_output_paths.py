"""No command writes its output over the database, its lock or backups, a deck, or an input."""

import pytest

from facilitator.cli import main
from facilitator.output_paths import DB_COMPANION_SUFFIXES
from facilitator.store import Store
from facilitator.store.backups import BACKUPS_SUFFIX
from facilitator.store.lock import LOCK_SUFFIX
from tests.conftest import SAMPLE_DECKS

RANK_DECK = str(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")


@pytest.fixture
def event_id(data_dir):
    with Store.open(data_dir / "facilitator.db.json") as store:
        return store.create_event(title="Birmingham", table_count=2).id


def test_the_guard_knows_the_stores_file_names():
    assert DB_COMPANION_SUFFIXES == (LOCK_SUFFIX, BACKUPS_SUFFIX)


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--event", "{event}", "-o", "{db}"],
        ["report", "--event", "{event}", "--format", "json", "-o", "{db}"],
        ["print", RANK_DECK, "-o", "{db}"],
        ["export", "--event", "{event}", "-o", "{db}.lock"],
        ["report", "--event", "{event}", "--format", "md", "-o", "{db}.backups/x.md"],
        ["report", "--event", "{event}", "--format", "md", "-o", "{data}/team.deck.json"],
        ["print", RANK_DECK, "-o", RANK_DECK],
    ],
)
def test_protected_files_are_refused_and_left_as_they_were(argv, data_dir, event_id, capsys):
    db = data_dir / "facilitator.db.json"
    (data_dir / "facilitator.db.json.backups").mkdir(exist_ok=True)
    before = {p: p.read_bytes() for p in (db, SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")}
    filled = [a.format(event=event_id, db=db, data=data_dir) for a in argv]
    assert main(filled) == 2
    err = capsys.readouterr().err
    assert err.startswith("facilitator: ") and len(err.strip().splitlines()) == 1
    assert {p: p.read_bytes() for p in before} == before
    assert not (data_dir / "team.deck.json").exists()
