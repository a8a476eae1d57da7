"""The Events page follows the deck library, flags an agenda copy whose deck changed, updates
it, and asks before printing old copies."""

from dataclasses import replace

from PySide6.QtCore import Qt

from facilitator.decks import file as deck_file
from facilitator.outcomes import RankResult
from tests.conftest import SAMPLE_DECKS
from tests.ui.capture_support import open_window

NOTICE = "⚠ deck changed since it was added"


class Answers:
    """Stands in for the page's dialogs: records questions, answers them as told."""

    def __init__(self, confirm=True):
        self._confirm = confirm
        self.confirmations = []
        self.problem_lists = []

    def confirm(self, title, message, ok_label):
        self.confirmations.append(message)
        return self._confirm

    def problems(self, title, summary, lines):
        self.problem_lists.append((summary, lines))


def choose_deck(page, path):
    index = next(
        i for i in range(page.deck_choice.count()) if page.deck_choice.itemData(i).path == path
    )
    page.deck_choice.setCurrentIndex(index)


def add_my_deck(window, qtbot, data_dir):
    """A new event with "My roles" (a user's deck, saved after the page was built) on it."""
    page = window.events_page
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    deck = deck_file.load(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")
    folder = data_dir / "decks"
    folder.mkdir(exist_ok=True)
    mine = folder / "mine.deck.json"
    deck_file.save(replace(deck, title="My roles"), mine)
    assert not any(
        page.deck_choice.itemData(i).path == mine for i in range(page.deck_choice.count())
    )
    window.decks_page.reload()  # what the folder watcher does when the file appears
    choose_deck(page, mine)
    qtbot.mouseClick(page.add_activity_button, Qt.MouseButton.LeftButton)
    page.agenda.selectRow(0)
    return page, mine, replace(deck, title="My roles")


def test_a_deck_made_after_the_page_opened_can_be_added_at_once(qtbot, data_dir):
    window = open_window(qtbot)
    page, mine, _deck = add_my_deck(window, qtbot, data_dir)
    assert page.agenda.item(0, 0).text() == "My roles"
    assert not page.update_deck_button.isVisible()
    # Deleted from the library: gone from the choice too, without a restart.
    mine.unlink()
    window.decks_page.reload()
    assert all(page.deck_choice.itemData(i).path != mine for i in range(page.deck_choice.count()))


def test_the_agenda_flags_a_changed_deck_and_update_refreshes_it(qtbot, data_dir):
    window = open_window(qtbot)
    page, mine, deck = add_my_deck(window, qtbot, data_dir)
    edited = replace(deck, cards=(replace(deck.cards[0], title="Project Admin"), *deck.cards[1:]))
    deck_file.save(edited, mine)
    window.decks_page.reload()
    assert page.agenda.item(0, 0).text() == f"My roles  {NOTICE}"
    assert "1 changed" in page.agenda.item(0, 0).toolTip()
    assert page.update_deck_button.isVisible()
    assert page.update_deck_button.text() == "Update deck"
    qtbot.mouseClick(page.update_deck_button, Qt.MouseButton.LeftButton)
    store = window.session.store()
    (item,) = store.list_agenda(page.event_id)
    assert store.deck_of(item.id).cards[0].title == "Project Admin"
    assert page.agenda.item(0, 0).text() == "My roles"
    assert not page.update_deck_button.isVisible()
    assert page.message.text() == "“My roles” now has the deck as it is: 1 changed."


def test_after_an_outcome_update_only_shows_what_differs(qtbot, data_dir):
    window = open_window(qtbot)
    page, mine, deck = add_my_deck(window, qtbot, data_dir)
    store = window.session.store()
    (item,) = store.list_agenda(page.event_id)
    table = store.list_tables(page.event_id)[0]  # a new event starts with its tables
    store.save_outcome(table.id, item.id, RankResult(levels=((deck.cards[0].code,),)))
    deck_file.save(replace(deck, cards=deck.cards[1:]), mine)
    window.decks_page.reload()
    page.agenda.selectRow(0)
    assert page.update_deck_button.text() == "What changed…"
    page.dialogs = Answers()
    qtbot.mouseClick(page.update_deck_button, Qt.MouseButton.LeftButton)
    ((summary, lines),) = page.dialogs.problem_lists
    assert "Tables recorded 1 outcome(s)" in summary
    assert lines == [f"Removed {deck.cards[0].code} {deck.cards[0].title}"]
    assert len(store.deck_of(item.id).cards) == len(deck.cards)  # the copy stays


def test_printing_stale_copies_asks_first(qtbot, data_dir, tmp_path):
    window = open_window(qtbot)
    page, mine, deck = add_my_deck(window, qtbot, data_dir)
    deck_file.save(replace(deck, cards=deck.cards[1:]), mine)
    target = tmp_path / "pack.pdf"
    page.choose_pdf_path = lambda suggested: str(target)
    page.dialogs = Answers(confirm=False)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    (question,) = page.dialogs.confirmations
    assert question.startswith("The deck of “My roles” changed since it was added")
    assert not target.exists()
    page.dialogs = Answers(confirm=True)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert target.exists()
