"""An agenda item's copy of its deck against the deck file as it is now."""

from dataclasses import replace

import pytest

from facilitator.agenda_copies import agenda_copies, events_using, update_copy
from facilitator.decks import file as deck_file
from facilitator.outcomes import RankResult
from facilitator.store import Store
from facilitator.store.validation import RecordInvalid
from tests.conftest import SAMPLE_DECKS


@pytest.fixture
def planned(tmp_path):
    deck = deck_file.load(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")
    path = tmp_path / "roles.deck.json"
    deck_file.save(deck, path)
    store = Store.open(tmp_path / "db.json")
    event = store.create_event(title="Flashmob")
    table = store.add_table(event.id)
    item = store.add_agenda_item(event.id, deck, source=str(path))
    yield store, event, table, item, path, deck
    store.close()


def test_an_unchanged_deck_is_not_flagged_and_a_changed_one_is(planned):
    store, event, _table, item, path, deck = planned
    (copy,) = agenda_copies(store, event.id)
    assert not copy.stale
    assert events_using(store, path) == ["Flashmob"]
    changed = replace(deck, cards=(replace(deck.cards[0], title="Project Administrator II"),))
    deck_file.save(replace(changed, cards=changed.cards + deck.cards[1:]), path)
    (copy,) = agenda_copies(store, event.id)
    assert copy.stale and copy.can_update
    assert copy.changes.summary() == "1 changed"
    update_copy(store, item.id)
    assert store.deck_of(item.id).cards[0].title == "Project Administrator II"
    assert not agenda_copies(store, event.id)[0].stale


def test_once_a_table_recorded_an_outcome_the_copy_stays(planned):
    store, event, table, item, path, deck = planned
    store.save_outcome(table.id, item.id, RankResult(levels=((deck.cards[0].code,),)))
    deck_file.save(replace(deck, cards=deck.cards[1:]), path)
    (copy,) = agenda_copies(store, event.id)
    assert copy.stale and not copy.can_update and copy.recorded == 1
    assert copy.changes.lines() == [f"Removed {deck.cards[0].code} {deck.cards[0].title}"]
    with pytest.raises(RecordInvalid, match="1 recorded outcome"):
        update_copy(store, item.id)
    assert len(store.deck_of(item.id).cards) == len(deck.cards)


def test_an_item_whose_deck_file_is_gone_is_not_flagged(planned):
    store, event, _table, _item, path, _deck = planned
    path.unlink()
    assert not agenda_copies(store, event.id)[0].stale
