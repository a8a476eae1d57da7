"""The print dialog: options to PDF through the real print engine, in the background."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from facilitator.print import describe_plan, parse_options, plan_pack
from tests.conftest import SAMPLE_DECKS
from tests.ui.test_deck_editor import FakeDialogs


@pytest.fixture(autouse=True)
def rank_deck_selected(window):
    window.library.select_path(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")


def open_dialog(window, qtbot):
    dialog = window.decks_page.print_current()
    qtbot.addWidget(dialog)
    return dialog


def test_defaults_are_laminate_the_sheet_poker_cards_on_a4(window, qtbot):
    dialog = open_dialog(window, qtbot)
    assert dialog.values()["laminate"] == "sheet"
    assert dialog.values()["card"] == "poker" and dialog.values()["paper"] == "a4"
    assert [d.title for d in dialog.decks()] == ["PMO roles: agree the hierarchy"]
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=10000)
    shown = dialog.plan_text.text()
    # The dialog shows the engine's own plan in words, for exactly the deck and options chosen.
    plan = plan_pack(dialog.decks(), parse_options({}))
    assert shown.startswith(describe_plan(plan))
    assert "Pack: 1 deck, 1 set: 10 cards" in shown
    assert not dialog.pages_view.pixmap().isNull()


def test_three_marked_sets_of_two_decks_printed_as_one_pack(window, qtbot, tmp_path):
    dialog = open_dialog(window, qtbot)
    for row in range(dialog.decks_list.count()):  # tick the match deck as well
        item = dialog.decks_list.item(row)
        if item.text().startswith("What role"):
            item.setCheckState(item.checkState().Checked)
    dialog.set_values({"sets": "3", "duplex": "long"})
    out = tmp_path / "pack.pdf"
    assert dialog.write_pdf(out)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30000)
    expected = plan_pack(dialog.decks(), parse_options(dialog.values())).total_pages
    reader = PdfReader(out)
    assert len(reader.pages) == dialog.report.pages == expected
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Head of Portfolio Office" in text and "Capture lessons learned" in text
    assert dialog.open_button.isVisible() and "Saved pack.pdf" in dialog.status.text()


def test_choices_are_remembered(window, qtbot, tmp_path):
    dialog = open_dialog(window, qtbot)
    dialog.set_values({"sets": "4", "card": "bridge", "guide": "yes"})
    dialog.write_pdf(tmp_path / "a.pdf")
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30000)
    dialog.close()
    again = open_dialog(window, qtbot)
    values = again.values()
    assert (values["sets"], values["card"], values["guide"]) == ("4", "bridge", "yes")


def test_impossible_choices_are_explained_and_nothing_is_written(window, qtbot, tmp_path):
    dialog = open_dialog(window, qtbot)
    dialog.set_values({"card": "tarot", "laminate": "card", "pouch": "business"})
    qtbot.waitUntil(
        lambda: not dialog.save_button.isEnabled() and "pouch" in dialog.plan_text.text(),
        timeout=10000,
    )
    assert "75x105" not in dialog.plan_text.text() or "smallest" in dialog.plan_text.text()
    out = tmp_path / "never.pdf"
    assert dialog.write_pdf(out) is True  # starts; the engine refuses in the background
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Not saved:"), timeout=10000)
    assert not out.exists()


def test_save_asks_for_a_file_name(window, qtbot, tmp_path):
    window.decks_page.dialogs = FakeDialogs()
    dialog = open_dialog(window, qtbot)
    dialog.dialogs.save_file = lambda title, suggested, filters: tmp_path / "chosen"
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=10000)
    dialog.save_button.click()
    qtbot.waitUntil(
        lambda: dialog.report is not None or "Not saved" in dialog.status.text(), timeout=30000
    )
    assert dialog.report is not None, dialog.status.text()
    assert (tmp_path / "chosen.pdf").exists()


def test_typed_sizes_and_more_options_reach_the_engine(window, qtbot):
    dialog = open_dialog(window, qtbot)
    dialog.set_values({"card": "70x100mm", "margin": "2.5mm", "author": "Birmingham PMO Flashmob"})
    assert dialog.more_options.isChecked()
    values = dialog.values()
    assert (values["card"], values["margin"], values["author"]) == (
        "70x100mm",
        "2.5mm",
        "Birmingham PMO Flashmob",
    )
    qtbot.waitUntil(lambda: "70×100 mm" in dialog.plan_text.text(), timeout=10000)
    dialog.advanced["gutter"].setText("1mm")  # narrower than twice the seal: refused, explained
    dialog.advanced["gutter"].editingFinished.emit()
    qtbot.waitUntil(lambda: "too narrow to laminate" in dialog.plan_text.text(), timeout=10000)
    assert not dialog.save_button.isEnabled()
