"""The print dialog: options to PDF through the real print engine, in the background."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QTextCursor, QTextDocument, QTextTable
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QPushButton,
    QSpinBox,
)

from facilitator.print import (
    CARD_SIZES,
    POUCH_SIZES,
    PlanRow,
    describe_plan,
    parse_options,
    plan_pack,
)
from facilitator.ui import print_dialog, print_dialog_views
from facilitator.ui.print_dialog import CARD_NAMES, POUCH_NAMES, TITLE_BAR_PX
from facilitator.ui.print_dialog_views import PlanView
from tests.conftest import SAMPLE_DECKS
from tests.ui.test_deck_editor import TITLE, FakeDialogs, saved


@pytest.fixture(autouse=True)
def rank_deck_selected(window):
    window.library.select_path(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")


def open_dialog(window, qtbot):
    dialog = window.decks_page.print_current()
    qtbot.addWidget(dialog)
    return dialog


def test_defaults_are_cut_first_pouches_poker_cards_on_a4(window, qtbot):
    dialog = open_dialog(window, qtbot)
    assert dialog.values()["laminate"] == "pouch"
    assert dialog.values()["card"] == "poker" and dialog.values()["paper"] == "a4"
    assert [d.title for d in dialog.decks()] == ["PMO roles: agree the hierarchy"]
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=10000)
    # The dialog shows the engine's own plan in words, for exactly the deck and options chosen.
    plan = plan_pack(dialog.decks(), parse_options({}))
    assert dialog.plan_text.words == describe_plan(plan)
    # Laid out as a form: the deck's title on a line of its own under the "Pack" heading.
    pack = dict(shown_plan(dialog.plan_text))["Pack"]
    assert pack[0].startswith("1 deck, 1 set: 10 ") and pack[1:] == [
        "- PMO roles: agree the hierarchy"
    ]
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
    # Every card of every set carries its set mark, front and back: 26 cards a set.
    marks = [len(re.findall(rf"\bSET {n}\b", text)) for n in (1, 2, 3)]
    assert marks == [2 * 26] * 3, marks
    assert dialog.open_button.isVisible()
    assert dialog.status.text().startswith(f"Saved pack.pdf: {expected} pages.")


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
    dialog.advanced["gutter"].setText("1mm")  # too narrow for the bleed: refused, explained
    dialog.advanced["gutter"].editingFinished.emit()
    qtbot.waitUntil(
        lambda: "wider than the 1 mm gutter allows" in dialog.plan_text.text(), timeout=10000
    )
    assert not dialog.save_button.isEnabled()


def test_fits_a_1024x640_screen_with_more_options_open_or_closed(window, qtbot):
    dialog = open_dialog(window, qtbot)
    for more in (False, True):
        dialog.more_options.setChecked(more)
        hint = dialog.minimumSizeHint()
        assert hint.width() <= 1024 and hint.height() <= 640 - TITLE_BAR_PX, (more, hint)
    # At that smallest size the options scroll, and Save and Close are still inside the dialog.
    dialog.resize(dialog.minimumSizeHint())
    qtbot.waitUntil(lambda: dialog.options_scroll.verticalScrollBar().maximum() > 0)
    buttons = [b for b in dialog.findChildren(QPushButton) if b.isVisibleTo(dialog)]
    assert {b.text() for b in buttons} >= {"Save PDF…", "Close"}
    for button in buttons:
        corner = button.mapTo(dialog, button.rect().topLeft())
        assert dialog.rect().contains(button.rect().translated(corner)), button.text()


def test_opens_no_bigger_than_the_screen(window, qtbot):
    dialog = open_dialog(window, qtbot)
    qtbot.waitExposed(dialog)
    area = dialog.screen().availableGeometry()  # the offscreen screen: 1280×800
    assert area.contains(dialog.frameGeometry())
    assert dialog.height() <= area.height() - TITLE_BAR_PX


def test_closed_more_options_hide_their_labels_and_leave_the_defaults(window, qtbot):
    dialog = open_dialog(window, qtbot)
    form = dialog.more_box.layout()
    labels = [form.labelForField(field) for field in dialog.advanced.values()]
    dialog.advanced["margin"].setText("2.5mm")
    assert not any(label.isVisible() for label in labels) and "margin" not in dialog.values()
    dialog.more_options.setChecked(True)
    assert all(label.isVisible() for label in labels) and dialog.values()["margin"] == "2.5mm"


def test_sets_are_counted_in_words(window, qtbot):
    dialog = open_dialog(window, qtbot)
    dialog.sets.setValue(1)
    assert dialog.sets.text() == "1 set (one per table)"
    dialog.sets.setValue(3)
    assert dialog.sets.text() == "3 sets (one per table)"


def shown_plan(view):
    """The plan as the dialog draws it: (heading, lines) for each row of its table."""
    document = QTextDocument()
    document.setHtml(view.text())
    table = next(f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable))

    def cell(row, column):
        cell = table.cellAt(row, column)
        cursor = cell.firstCursorPosition()
        cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
        # A <br> reads as U+2028; a heading kept on one line has no-break spaces.
        return cursor.selectedText().replace("\xa0", " ")

    return [(cell(r, 0), cell(r, 1).split("\u2028")) for r in range(table.rows())]


def test_the_plan_is_a_form_of_headings_and_lines(window, qtbot):
    dialog = open_dialog(window, qtbot)
    dialog.set_values({"sets": "3", "laminate": "card", "tent-cards": "yes"})
    qtbot.waitUntil(lambda: "3 sets" in dialog.plan_text.words, timeout=10000)
    assert shown_plan(dialog.plan_text) == [
        ("Pack", ["1 deck, 3 sets: 30 poker cards (63×88 mm), 10 per set.",
                  "- PMO roles: agree the hierarchy"]),
        ("Card sheets", ["6 sheets of A4 landscape, 4×2 = 8 cards a sheet, one-sided."]),
        ("Lamination",
         ["30 pouches, 75×105 mm: cut out each card, laminate it in its own pouch, trim "
          "leaving a 3 mm seal: sealed all round."]),
        ("Finished cards",
         ["69×94 mm, sealed all round (a 3 mm border of film round the card)."]),
        ("Tent cards", ["0 (A4, fold in half)."]),
        ("Packing lists", ["3 pages, one page per set: codes and counts."]),
        ("Packs", ["Sets 1–3; each set starts on a sheet of its own; every sheet names its "
                   "deck, set and number in the margin."]),
        ("Pages", ["pages 1–6: cards", "pages 7–9: packing lists"]),
        ("Total", ["9 pages on 9 sheets: 6 of card (cards), 3 of paper. Print at 100 % "
                   "(actual size)."]),
        ("Sets", ["Set 1 circle blue, Set 2 triangle orange, Set 3 square green."]),
        ("Warning", ["tent cards: none of the decks is a prompts deck, so no tent cards"]),
    ]  # fmt: skip
    # A screen reader is read the same plan, as `facilitator print --plan` prints it.
    plan = plan_pack(dialog.decks(), dialog.options)
    assert dialog.plan_text.accessibleDescription() == describe_plan(plan)


def test_the_plan_shows_text_as_typed_with_nothing_parsed(qtbot):
    view = PlanView()
    qtbot.addWidget(view)
    view.show_plan(
        [
            PlanRow("Pack", "1 deck", ("- A <b> deck: with a colon",)),
            PlanRow("Warning", 'card R1 "A & B": text too long'),
        ]
    )
    assert shown_plan(view) == [
        ("Pack", ["1 deck", "- A <b> deck: with a colon"]),
        ("Warning", ['card R1 "A & B": text too long']),
    ]


def test_a_long_status_keeps_its_row_and_the_decks_list_its_height(window, qtbot, tmp_path):
    dialog = open_dialog(window, qtbot)
    dialog.resize(1000, 600)
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=10000)
    before = (dialog.status.geometry(), dialog.decks_list.height())
    assert dialog.write_pdf(tmp_path / "pack.pdf")
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30000)
    warnings = "; ".join(f'card R{n} "A long title": text too long to fit' for n in range(30))
    dialog.status.set_message(f"Saved pack.pdf: 2 pages.\nCheck: {warnings}")
    QApplication.processEvents()
    assert (dialog.status.geometry(), dialog.decks_list.height()) == before
    lines = dialog.status.shown_lines()
    assert lines[0] == "Saved pack.pdf: 2 pages." and len(lines) == 2 and lines[1].endswith("…")
    assert dialog.status.toolTip().endswith("text too long to fit")
    ticked = dialog.decks_list.visualItemRect(_ticked(dialog)[0])
    assert ticked.top() >= 0 and ticked.bottom() < dialog.decks_list.viewport().height()


def test_opens_beside_the_editor_not_modal_and_prints_the_latest_edit(window, qtbot, tmp_path):
    path = window.decks_page.duplicate_current()
    dialog = open_dialog(window, qtbot)
    assert dialog.windowModality() == Qt.WindowModality.NonModal and not dialog.isModal()
    assert QApplication.activeModalWidget() is None
    model = window.editor.model  # the editor stays usable while the dialog is open
    assert model.setData(model.index(0, TITLE), "Chief Portfolio Officer")
    saved(window, qtbot)
    assert [_entry(item).path for item in _ticked(dialog)] == [path]
    out = tmp_path / "latest.pdf"
    assert dialog.write_pdf(out)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30000)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "Chief Portfolio Officer" in text


def _ticked(dialog):
    items = [dialog.decks_list.item(row) for row in range(dialog.decks_list.count())]
    return [item for item in items if item.checkState() == Qt.CheckState.Checked]


def _entry(item):
    return item.data(Qt.ItemDataRole.UserRole)


def test_every_word_shown_is_extractable_for_translation(window, qtbot, tmp_path):
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    # It ships with PySide6-Essentials: missing, the install is broken, not the test optional.
    assert lupdate is not None, (
        f"pyside6-lupdate is not beside {sys.executable}; reinstall PySide6-Essentials "
        "(e.g. `.venv/bin/pip install --force-reinstall PySide6-Essentials`)"
    )
    ts = tmp_path / "print.ts"
    modules = [print_dialog.__file__, print_dialog_views.__file__]
    subprocess.run([lupdate, *modules, "-ts", str(ts)], check=True, capture_output=True)
    sources = {m.findtext("source") for m in ET.parse(ts).iter("message")}
    dialog = open_dialog(window, qtbot)
    for combo in dialog.findChildren(QComboBox):
        for i in range(combo.count()):
            text = combo.itemText(i)  # a label, then for cards and pouches the size in mm
            assert any(text == s or text.startswith(f"{s} ") for s in sources), text
    for name, field in dialog.advanced.items():
        words = field.placeholderText()
        if any(ch.isalpha() and ch not in "mptin" for ch in words):  # words, not "3mm"
            default = print_dialog.ENGINE_DEFAULTS[name]
            assert any(words in (s, s.replace("{0}", default)) for s in sources), words
    # The engine's presets all have words of their own in the dialog.
    assert set(CARD_NAMES) == set(CARD_SIZES) and set(POUCH_NAMES) == set(POUCH_SIZES)


def test_every_field_has_an_accessible_name(window, qtbot):
    dialog = open_dialog(window, qtbot)
    dialog.more_options.setChecked(True)
    assert dialog.offset_x.accessibleName() and dialog.offset_y.accessibleName()
    assert dialog.offset_x.accessibleName() != dialog.offset_y.accessibleName()
    for kind in (QComboBox, QSpinBox, QDoubleSpinBox, QLineEdit):
        for widget in dialog.findChildren(kind):
            # A spin box's own line edit is the spin box to a screen reader.
            if not widget.isVisibleTo(dialog) or isinstance(widget.parent(), QAbstractSpinBox):
                continue
            name = QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)
            assert name.strip(), f"{type(widget).__name__} in {widget.parent()} has no name"


def test_tab_reaches_more_options_then_its_fields(window, qtbot):
    dialog = open_dialog(window, qtbot)
    dialog.more_options.setChecked(True)
    reached, widget = [], dialog.print_shop
    while len(reached) < 3:
        widget = widget.nextInFocusChain()
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(dialog):
            reached.append(widget)
    assert reached == [dialog.more_options, dialog.advanced["only"], dialog.advanced["only-set"]]


def test_gutter_fold_turns_off_two_sided_printing_and_the_plan_says_fold(window, qtbot):
    dialog = open_dialog(window, qtbot)
    dialog.set_values({"duplex": "long"})
    assert dialog.duplex.isEnabled() and dialog.offset_x.isEnabled()
    dialog.fold.setChecked(True)
    assert not dialog.duplex.isEnabled() and not dialog.offset_x.isEnabled()
    assert dialog.values()["fold"] == "yes" and dialog.values()["duplex"] == "none"
    qtbot.waitUntil(lambda: "Fold:" in dialog.plan_text.words, timeout=10000)
    assert "folded double, sealed all round" in dialog.plan_text.words
    assert dialog.save_button.isEnabled()


def test_a_reprint_of_two_cards_of_one_set_reaches_the_engine(window, qtbot, tmp_path):
    dialog = open_dialog(window, qtbot)
    deck = dialog.decks()[0]
    codes = f"{deck.cards[0].code},{deck.cards[2].code}"
    dialog.set_values({"sets": "3", "only": codes, "only-set": "2"})
    assert dialog.more_options.isChecked()
    assert (dialog.values()["only"], dialog.values()["only-set"]) == (codes, "2")
    qtbot.waitUntil(lambda: "only cards" in dialog.plan_text.words, timeout=10000)
    assert "Pack: 1 deck, set 2 of 3: 2 poker cards" in dialog.plan_text.words
    dialog.advanced["only-set"].setText("4")  # no set 4 in a pack of 3: refused, explained
    dialog.advanced["only-set"].editingFinished.emit()
    qtbot.waitUntil(lambda: "there is no set 4" in dialog.plan_text.text(), timeout=10000)
    assert not dialog.save_button.isEnabled()
