"""The first save after opening a database encodes only what it changed, as later saves do."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.decks import file as deck_file
from facilitator.outcomes import RankResult
from facilitator.store import Store, storage
from tests.conftest import SAMPLE_DECKS


def database_with_outcomes(path: Path, tables: int) -> tuple[str, str]:
    roles = deck_file.load(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")
    with Store.open(path, device_id="setup") as store:
        event = store.create_event(title="Flashmob", series="PMO Flashmob", table_count=tables)
        items = [store.add_agenda_item(event.id, roles) for _ in range(4)]
        for table in store.list_tables(event.id):
            for item in items:
                store.save_outcome(table.id, item.id, RankResult((("R1",), ("R2",))))
        return store.list_tables(event.id)[0].id, items[0].id


def test_the_first_save_after_opening_encodes_only_the_changed_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "facilitator.db.json"
    table_id, item_id = database_with_outcomes(path, tables=40)  # 160 outcomes
    encoded: list[object] = []
    real = storage._dumps

    def counting(value: object) -> bytes:
        encoded.append(value)
        return real(value)

    with Store.open(path, device_id="laptop") as store:
        monkeypatch.setattr(storage, "_dumps", counting)
        store.save_outcome(table_id, item_id, RankResult((("R2",), ("R1",))))
        first = len(encoded)
        encoded.clear()
        store.save_outcome(table_id, item_id, RankResult((("R1",), ("R2",))))
        later = len(encoded)
    # Table names and the changed outcome, not 160 outcomes: the same work as a later save.
    assert first <= later + 2 and first < 20, (first, later)
    # And what reached the disk is the whole database, with the change in it.
    with Store.open(path, device_id="check") as store:
        saved = store.get_outcome(table_id, item_id)
        assert saved is not None and saved.result == RankResult((("R1",), ("R2",)))
        assert len(store.list_outcomes()) == 160
