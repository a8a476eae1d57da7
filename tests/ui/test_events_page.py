"""Planning an event: details, tables in set colours, an agenda of decks, the event pack."""

import itertools
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt

from facilitator.decks import file as deck_file
from facilitator.paths import db_path
from facilitator.reports.build import build_event_report
from facilitator.reports.write import suggested_name
from facilitator.set_marks import set_colour
from facilitator.store import Store
from facilitator.ui.events_page import documents_folder
from tests.conftest import SAMPLE_DECKS
from tests.ui.capture_support import open_window, plan_evening


def stored(event_id):
    with Store.open(db_path(), read_only=True) as store:
        return (
            store.get_event(event_id),
            store.list_tables(event_id),
            store.list_agenda(event_id),
        )


def test_a_new_event_is_saved_as_it_is_typed(qtbot):
    window = open_window(qtbot)
    event_id = plan_evening(window, qtbot, title="PMO Flashmob Birmingham #2")
    page = window.events_page
    page.starts.edit.selectAll()
    qtbot.keyClicks(page.starts.edit, "20 Aug 2015")  # the time stays 18:30
    qtbot.keyClicks(page.notes, "Le Truc, upstairs corner")
    page.session.flush()
    event, tables, agenda = stored(event_id)
    assert event.starts == "2015-08-20T18:30"
    assert event.notes == "Le Truc, upstairs corner"
    assert (event.title, event.series, event.venue) == (
        "PMO Flashmob Birmingham #2",
        "PMO Flashmob",
        "Le Truc, The Arcadian",
    )
    assert [(t.name, t.colour) for t in tables] == [
        ("Table 1", set_colour(1)),
        ("Table 2", set_colour(2)),
        ("Table 3", set_colour(3)),
    ]
    assert [(a.title, a.kind.value, a.timebox_minutes) for a in agenda] == [
        ("PMO roles: agree the hierarchy", "rank", 15),
        ("What role does what activity?", "match", 15),
        ("PMO Flashmob discussion prompts", "prompts", 15),
    ]


def test_events_are_grouped_by_series(qtbot):
    with Store.open(db_path()) as store:
        store.create_event(title="Flashmob London", series="PMO Flashmob", starts="2015-06-11")
        store.create_event(title="Flashmob Birmingham", series="PMO Flashmob", starts="2015-08-20")
        store.create_event(title="Team retro", starts="2015-08-21")
    window = open_window(qtbot)
    tree = window.events_page.tree
    groups = {
        tree.topLevelItem(g).text(0): [
            tree.topLevelItem(g).child(i).text(0).splitlines()[0]
            for i in range(tree.topLevelItem(g).childCount())
        ]
        for g in range(tree.topLevelItemCount())
    }
    assert groups == {
        "PMO Flashmob": ["Flashmob London", "Flashmob Birmingham"],
        "Without a series": ["Team retro"],
    }


def test_tables_can_be_added_renamed_and_removed(qtbot):
    window = open_window(qtbot)
    event_id = plan_evening(window, qtbot)
    page = window.events_page
    qtbot.mouseClick(page.add_table_button, Qt.MouseButton.LeftButton)
    item = page.table_list.item(3)
    assert item.text() == "Table 4"
    item.setText("The bar")  # what editing the name in place does
    _, tables, _ = stored(event_id)
    assert [(t.number, t.name, t.colour) for t in tables][3] == (4, "The bar", set_colour(4))
    page.table_list.setCurrentRow(3)
    qtbot.mouseClick(page.remove_table_button, Qt.MouseButton.LeftButton)
    assert len(stored(event_id)[1]) == 3


def test_a_table_with_outcomes_is_not_removed_and_the_page_says_why(qtbot):
    window = open_window(qtbot)
    event_id = plan_evening(window, qtbot)
    from facilitator.outcomes import RankResult

    store = window.session.store()
    table = store.list_tables(event_id)[0]
    store.save_outcome(table.id, store.list_agenda(event_id)[0].id, RankResult((("R1",),)))
    page = window.events_page
    page.table_list.setCurrentRow(0)
    qtbot.mouseClick(page.remove_table_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "Table 1 has 1 recorded outcome(s); delete them first"
    assert len(stored(event_id)[1]) == 3


def test_the_agenda_is_reordered_and_timeboxed(qtbot):
    window = open_window(qtbot)
    event_id = plan_evening(window, qtbot)
    page = window.events_page
    page.agenda.selectRow(2)
    qtbot.mouseClick(page.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.up_button, Qt.MouseButton.LeftButton)
    spin = page.agenda.cellWidget(0, 2)
    spin.setValue(25)
    spin.editingFinished.emit()
    _, _, agenda = stored(event_id)
    assert [(a.kind.value, a.timebox_minutes) for a in agenda] == [
        ("prompts", 25),
        ("rank", 15),
        ("match", 15),
    ]


def test_the_agenda_keeps_a_snapshot_of_each_deck(qtbot, data_dir):
    folder = data_dir / "decks"
    folder.mkdir()
    deck = deck_file.load(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")
    mine = folder / "mine.deck.json"
    deck_file.save(replace(deck, title="My roles"), mine)
    window = open_window(qtbot)
    page = window.events_page
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    index = next(
        i for i in range(page.deck_choice.count()) if page.deck_choice.itemData(i).path == mine
    )
    page.deck_choice.setCurrentIndex(index)
    qtbot.mouseClick(page.add_activity_button, Qt.MouseButton.LeftButton)
    deck_file.save(replace(deck, title="My roles", cards=deck.cards[:2]), mine)  # edited later
    store = window.session.store()
    (item,) = store.list_agenda(page.event_id)
    assert len(store.deck_of(item.id).cards) == 10


def test_print_event_pack_writes_one_pdf_with_sets_tent_cards_and_capture_sheets(qtbot, tmp_path):
    window = open_window(qtbot)
    plan_evening(window, qtbot)
    page = window.events_page
    target = tmp_path / "pack.pdf"
    asked = []
    page.choose_pdf_path = lambda suggested: asked.append(suggested) or str(target)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    # Named as the event's report is, in the reports' folder (Documents at first).
    report_pdf = suggested_name(build_event_report(page.session.store(), page.event_id), "pdf")
    assert Path(asked[0]).name == report_pdf.replace(".pdf", "-pack.pdf")
    assert Path(asked[0]).parent == Path(documents_folder())
    reader = PdfReader(target)
    text = [p.extract_text() for p in reader.pages]
    assert page.message.text().startswith(f"Saved the event pack, {len(reader.pages)} pages")
    # Card sheets for each table's set, a tent card per prompt per table, a capture sheet per
    # table per activity.
    for n in (1, 2, 3):
        assert any(t.startswith(f"ROLE\nSET {n}\nPMO roles") for t in text)
        assert any(t.startswith(f"ACTIVITY\nSET {n}\nWhat role") for t in text)
    tents = [t for t in text if re.match(r"SET [123]\n(YES OR NO|OPEN QUESTION) · P[1-4]\n", t)]
    assert len(tents) == 3 * 4
    sheets = [t for t in text if "Capture sheet:" in t]
    assert len(sheets) == 3 * 3
    # Each table's sheets carry the event and that table's own name, not a blank to fill in.
    for name in ("Table 1", "Table 2", "Table 3"):
        assert sum(name in t for t in sheets) == 3
    assert all("PMO Flashmob Birmingham" in t for t in sheets)
    assert reader.metadata.title == "PMO Flashmob Birmingham: event pack"


def test_an_event_without_activities_says_so_instead_of_printing(qtbot, tmp_path):
    window = open_window(qtbot)
    page = window.events_page
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    page.choose_pdf_path = lambda suggested: str(tmp_path / "pack.pdf")
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert (
        page.message.text()
        == '"New event" has no activities; add one to the agenda before printing'
    )
    assert not (tmp_path / "pack.pdf").exists()


def test_two_events_of_one_series_are_told_apart_in_the_list(qtbot):
    # Events at the same time list in the order they were made: a clock that ticks between
    # the two saves, so the order never rests on two saves landing in one millisecond.
    ticks = itertools.count()
    clock = lambda: datetime(2026, 9, 17, 19, 0, tzinfo=UTC) + timedelta(seconds=next(ticks))  # noqa: E731
    with Store.open(db_path(), clock=clock) as store:
        for title in ("PMO Flashmob Birmingham: roles and titles", "PMO Flashmob Birmingham #2"):
            store.create_event(title=title, series="PMO Flashmob", starts="2015-08-20T18:30")
    window = open_window(qtbot)
    window.resize(1024, 640)
    tree = window.events_page.tree
    group = tree.topLevelItem(0)
    first, second = group.child(0), group.child(1)
    assert first.text(0).splitlines() == [
        "PMO Flashmob Birmingham: roles and titles",
        "Thu 20 Aug 2015, 18:30",
    ]
    assert "Thursday 20 August 2015, 18:30" in first.toolTip(0)
    assert "PMO Flashmob Birmingham #2" in second.toolTip(0)
    tree.setCurrentItem(None)
    tree.clearSelection()
    qtbot.wait(20)
    rows = [tree.viewport().grab(tree.visualItemRect(item)).toImage() for item in (first, second)]
    # The titles share their start and the list is narrow: they must still look different.
    assert tree.visualItemRect(first).width() < tree.fontMetrics().horizontalAdvance(
        first.text(0).splitlines()[0]
    )
    assert rows[0] != rows[1]
    # The date line is short enough to read whole in the narrow list.
    date_width = tree.fontMetrics().horizontalAdvance(first.text(0).splitlines()[1])
    assert date_width <= tree.visualItemRect(first).width()


def test_the_pack_is_named_like_the_reports_and_goes_where_they_go(qtbot, tmp_path):
    window = open_window(qtbot)
    plan_evening(window, qtbot, title="PMO Flashmob Birmingham #2")
    page = window.events_page
    page.starts.edit.selectAll()
    qtbot.keyClicks(page.starts.edit, "20 Aug 2015")  # the time stays 18:30
    asked = []
    page.choose_pdf_path = lambda suggested: asked.append(suggested) or str(tmp_path / "a.pdf")
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert Path(asked[0]).name == "pmo-flashmob-birmingham-2-2015-08-20-pack.pdf"
    # The folder chosen is remembered, for the pack and the reports alike.
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert Path(asked[1]).parent == tmp_path
    window.nav.setCurrentRow(window.pages.indexOf(window.reports_page))
    reports = window.reports_page
    offered = []
    reports.ask_save_path = lambda caption, suggested, filt: offered.append(suggested) or None
    reports.export("md")
    assert offered and Path(offered[0]).parent == tmp_path


def test_with_no_events_the_page_says_what_to_do_instead_of_an_empty_form(qtbot):
    window = open_window(qtbot)
    page = window.events_page
    assert page.no_events.isVisible()
    assert page.no_events.text().startswith("No events yet: press New event")
    assert not page.editor.isVisible()  # no greyed "Sat 1 Jan 2000 00:00"
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.editor.isVisible() and not page.no_events.isVisible()


def test_at_1024_the_agenda_has_the_room_and_adds_from_one_row(qtbot):
    window = open_window(qtbot)
    plan_evening(window, qtbot)
    window.resize(1024, 640)
    qtbot.wait(20)
    page = window.events_page
    tables_box, agenda_box = page.table_list.parentWidget(), page.agenda.parentWidget()
    assert agenda_box.width() > 2 * tables_box.width()
    agenda = page.agenda
    for row in range(agenda.rowCount()):  # every activity's title shows in full
        title = agenda.item(row, 0).text()
        assert agenda.fontMetrics().horizontalAdvance(title) < agenda.columnWidth(0), title
    # The deck, its timebox and "Add to agenda" sit on one row.
    middles = {
        w.mapTo(page, w.rect().center()).y()
        for w in (page.deck_choice, page.timebox, page.add_activity_button)
    }
    assert max(middles) - min(middles) <= 2
    assert page.deck_choice.toolTip() == page.deck_choice.currentText()  # elided, told in full
