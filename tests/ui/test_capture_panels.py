"""What the facilitator sees while typing: titles, flags, reordering, the timer, prompt keys."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator.capture import prompt_entry
from facilitator.capture.timebox import Timebox
from facilitator.outcomes import Verdict
from facilitator.paths import db_path
from facilitator.store import Store
from facilitator.ui.capture.rank_panel import left_out_text
from tests.ui.capture_support import Keyboard, open_window, plan_evening, start_capture

K = Qt.Key


def capture_screen(qtbot):
    window = open_window(qtbot)
    event_id = plan_evening(window, qtbot)
    return window, start_capture(window, qtbot), event_id


def test_titles_appear_as_codes_are_typed_and_mistakes_are_flagged(qtbot):
    _window, capture, _ = capture_screen(qtbot)
    kb = Keyboard()
    kb.key(K.Key_Return)
    kb.type("3 1=4 R12 3 ")
    panel = capture.rank_panel
    rows = [panel.levels.item(i).text() for i in range(panel.levels.count())]
    assert rows == [
        " 1.  R3  Project Coordinator",
        " 2.  R1  Project Administrator   =   R4  Planner / Scheduler",
    ]
    assert panel.problems.isVisible()
    assert panel.problems.text() == (
        "⚠ R12 is not a card of this deck  ·  R3 is already placed at 1\n"
        "In progress until fixed; the cards placed are saved."
    )
    assert panel.left_out.text() == (
        "Left out (7): drag one into the order, or add one at the bottom with a double-click,"
        " Enter or Space."
    )
    chips = panel.left_out_cards
    assert [chips.item(i).text() for i in range(2)] == [
        "R2  Project Support Officer",
        "R5  PMO Analyst",
    ]
    assert "Ties: R1=R4 or (R2 R4)" in panel.help.text()  # the syntax is on screen


def test_a_level_moved_with_the_keyboard_reorders_the_saved_ranking(qtbot):
    window, capture, event_id = capture_screen(qtbot)
    kb = Keyboard()
    kb.key(K.Key_Return)
    kb.type("1 2 3")
    kb.key(K.Key_Tab)  # to the list of levels
    assert QApplication.focusWidget() is capture.rank_panel.levels
    kb.key(K.Key_Home)
    kb.key(K.Key_Down, Qt.KeyboardModifier.ControlModifier, times=2)  # R1 to the bottom
    assert capture.rank_panel.entry.text() == "R2 R3 R1"
    window.session.flush()
    with Store.open(db_path(), read_only=True) as store:
        table = store.list_tables(event_id)[0]
        item = store.list_agenda(event_id)[0]
        assert store.get_outcome(table.id, item.id).result.levels == (("R2",), ("R3",), ("R1",))


def test_the_timer_starts_pauses_adds_two_minutes_and_changes_colour(qtbot):
    _window, capture, _ = capture_screen(qtbot)
    clock = [1000.0]
    timer = capture.timer
    timer.monotonic = lambda: clock[0]
    assert timer.clock.text() == "15:00"
    kb = Keyboard()
    kb.type("s")  # start
    clock[0] += 60 * 12 + 1
    timer.refresh()
    assert timer.clock.text() == "2:59"
    assert timer.phase() == "warning"  # under 20 % left
    kb.type("+")  # two more minutes
    assert timer.clock.text() == "4:59"
    assert timer.phase() == "calm"
    clock[0] += 4 * 60 + 10
    timer.refresh()
    assert timer.phase() == "urgent"  # under 5 % of 17 minutes
    kb.type("s")  # pause
    clock[0] += 600
    timer.refresh()
    assert timer.clock.text() == "0:49"
    assert timer.timebox == Timebox(17 * 60, used=17 * 60 - 49, running_since=None)


def test_nobody_unsure_and_clearing_in_the_match_grid(qtbot):
    window, capture, event_id = capture_screen(qtbot)
    kb = Keyboard()
    kb.key(K.Key_Down)
    kb.key(K.Key_Return)
    kb.type("n")  # A1: nobody
    kb.key(K.Key_Down)
    kb.type("u")  # A2: unsure
    kb.key(K.Key_Down)
    kb.key(K.Key_Space)  # A3: R1
    kb.key(K.Key_Down)
    kb.key(K.Key_Space)
    kb.key(K.Key_Delete)  # A4 ticked, then cleared
    grid = capture.match_panel.grid
    assert grid.item(0, 6).text() == "✔" and grid.item(1, 7).text() == "✔"
    window.session.flush()
    with Store.open(db_path(), read_only=True) as store:
        table = store.list_tables(event_id)[0]
        item = store.list_agenda(event_id)[1]
        assert store.get_outcome(table.id, item.id).result.assignments == {
            "A1": ("nobody",),
            "A2": ("unsure",),
            "A3": ("R1",),
        }


def test_prompt_keys_points_and_the_agenda_state(qtbot):
    window, capture, event_id = capture_screen(qtbot)
    kb = Keyboard()
    kb.key(K.Key_Down, times=2)  # the first prompt
    kb.type("c")
    assert capture.prompt_panel.verdict_buttons[Verdict.NO_CONSENSUS].isChecked()
    kb.type("d")  # changed its mind: divided
    kb.key(K.Key_Return)
    kb.key(K.Key_Tab)
    kb.type("first")
    kb.key(K.Key_Return)
    kb.key(K.Key_Return)  # Enter on an empty point adds nothing
    assert len(capture.prompt_panel.points) == 2
    kb.type("second")
    kb.key(K.Key_Backspace, times=len("second") + 1)  # an emptied point goes away
    assert len(capture.prompt_panel.points) == 1
    kb.key(K.Key_Escape)
    row = capture.agenda_list.currentItem().text()
    assert "◐" not in row and "●" in row and "recorded · 1/3" in row
    prompts_heading = capture.agenda_list.item(2).text()
    assert prompts_heading.startswith("PMO Flashmob discussion prompts")
    window.session.flush()
    with Store.open(db_path(), read_only=True) as store:
        table = store.list_tables(event_id)[0]
        item = store.list_agenda(event_id)[2]
        response = store.get_outcome(table.id, item.id).result.responses["P1"]
    assert (response.verdict, response.key_points) == (Verdict.DIVIDED, ("first",))


def drop(target_list, payload_source, items, row, where):
    """Drop what dragging `items` out of `payload_source` carries onto `row` of `target_list`:
    at its top edge ("above"), its middle ("onto", a tie) or below the last row ("end")."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDropEvent

    if where == "end":
        last = target_list.visualItemRect(target_list.item(target_list.count() - 1))
        point = QPointF(last.center().x(), last.bottom() + 20)
    else:
        rect = target_list.visualItemRect(target_list.item(row))
        y = rect.top() + 2 if where == "above" else rect.center().y()
        point = QPointF(rect.center().x(), y)
    carried = payload_source.mimeData(items)  # kept alive while the event points at it
    event = QDropEvent(
        point,
        Qt.DropAction.MoveAction,
        carried,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    target_list.dropEvent(event)


def double_click(widget, pos):
    """What a double-click delivers: press, release, double-click, release."""
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent

    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    for kind, buttons in (
        (QEvent.Type.MouseButtonPress, left),
        (QEvent.Type.MouseButtonRelease, none),
        (QEvent.Type.MouseButtonDblClick, left),
        (QEvent.Type.MouseButtonRelease, none),
    ):
        point = QPointF(pos)
        event = QMouseEvent(
            kind, point, widget.mapToGlobal(point), left, buttons, Qt.KeyboardModifier.NoModifier
        )
        QApplication.sendEvent(widget, event)


def stored_levels(window, event_id):
    window.session.flush()
    with Store.open(db_path(), read_only=True) as store:
        table = store.list_tables(event_id)[0]
        item = store.list_agenda(event_id)[0]
        return store.get_outcome(table.id, item.id).result.levels


def test_dragging_a_place_between_others_moves_it_and_onto_one_ties_them(qtbot):
    window, capture, event_id = capture_screen(qtbot)
    kb = Keyboard()
    kb.key(K.Key_Return)
    kb.type("1 2 3")
    levels = capture.rank_panel.levels
    drop(levels, levels, [levels.item(2)], 0, "above")  # R3 to the top
    assert capture.rank_panel.entry.text() == "R3 R1 R2"
    assert [levels.item(i).text()[:8] for i in range(3)] == [" 1.  R3 ", " 2.  R1 ", " 3.  R2 "]
    assert stored_levels(window, event_id) == (("R3",), ("R1",), ("R2",))
    drop(levels, levels, [levels.item(2)], 0, "onto")  # R2 ties with R3
    assert capture.rank_panel.entry.text() == "R3=R2 R1"
    assert stored_levels(window, event_id) == (("R3", "R2"), ("R1",))


def test_cards_left_out_are_dragged_or_added_into_the_order(qtbot):
    window, capture, event_id = capture_screen(qtbot)
    kb = Keyboard()
    kb.key(K.Key_Return)
    kb.type("1 2")
    panel = capture.rank_panel
    chips, levels = panel.left_out_cards, panel.levels
    codes = [chips.item(i).data(Qt.ItemDataRole.UserRole + 2) for i in range(chips.count())]
    assert codes == ["R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10"]
    drop(levels, chips, [chips.item(0)], 0, "above")  # R3 dragged to the top
    drop(levels, chips, [chips.item(0)], 1, "onto")  # R4 dragged onto R1: a tie
    drop(levels, chips, [chips.item(0)], 0, "end")  # R5 dragged below the last place
    assert panel.entry.text() == "R3 R1=R4 R2 R5"
    qtbot.waitUntil(lambda: chips.visualItemRect(chips.item(0)).isValid())  # laid out
    first = chips.visualItemRect(chips.item(0)).center()
    double_click(chips.viewport(), first)
    assert panel.entry.text() == "R3 R1=R4 R2 R5 R6"  # a double-click adds R6 at the bottom
    chips.setFocus()
    chips.setCurrentRow(0)
    kb.key(K.Key_Return)  # and Enter adds R7
    assert panel.entry.text() == "R3 R1=R4 R2 R5 R6 R7"
    drop(chips, levels, [levels.item(1)], 0, "above")  # the tie dragged back out
    assert panel.entry.text() == "R3 R2 R5 R6 R7"
    assert stored_levels(window, event_id) == (("R3",), ("R2",), ("R5",), ("R6",), ("R7",))


def test_each_list_takes_only_the_drags_it_can_use(qtbot):
    _window, capture, _ = capture_screen(qtbot)
    Keyboard().key(K.Key_Return)
    Keyboard().type("1 2")
    panel = capture.rank_panel
    chips, levels = panel.left_out_cards, panel.levels
    assert levels.accepts({"card": "R3"}) and levels.accepts({"level": 1})
    assert not levels.accepts({"level": "1"}) and not levels.accepts({})
    assert chips.accepts({"level": 0})
    assert not chips.accepts({"card": "R3"})  # a card left out dropped among them stays put
    drop(chips, chips, [chips.item(0)], 1, "onto")
    assert panel.entry.text() == "1 2"  # as typed: nothing changed


def prompt_outcome(event_id, table_number=1):
    with Store.open(db_path(), read_only=True) as store:
        table = store.list_tables(event_id)[table_number - 1]
        item = store.list_agenda(event_id)[2]
        outcome = store.get_outcome(table.id, item.id)
    return outcome.result.responses if outcome is not None else {}


def test_points_typed_before_the_verdict_are_not_recorded_as_not_discussed(qtbot):
    window, capture, event_id = capture_screen(qtbot)
    panel = capture.prompt_panel
    kb = Keyboard()
    kb.key(K.Key_Down, times=2)  # the first prompt
    kb.key(K.Key_Return)
    assert QApplication.focusWidget() is panel.position
    kb.type("Logical, but")
    kb.key(K.Key_Tab)
    kb.type("Corporate memory")
    kb.key(K.Key_Return)
    kb.type("Who owns BAU?")
    kb.key(K.Key_Escape)
    assert not any(b.isChecked() for b in panel.verdict_buttons.values())
    assert panel.state.text().startswith("No verdict yet")
    row = capture.agenda_list.currentItem().text()
    assert "◐" in row and "in progress · 0/3" in row, row
    assert "Not discussed" not in str(prompt_outcome(event_id))  # nothing the table never said
    kb.type("v")
    assert capture.side_by_side.text_at(0, 0).startswith("No verdict yet · 2 points")
    kb.type("v")
    kb.type("y")  # the table agrees: everything typed is saved with the verdict
    assert not window.session.has_pending()
    assert not capture.fail_banner.isVisible()
    response = prompt_outcome(event_id)["P1"]
    assert response.verdict == Verdict.AGREED_YES
    assert (response.position, response.key_points) == (
        "Logical, but",
        ("Corporate memory", "Who owns BAU?"),
    )
    assert "recorded · 1/3" in capture.agenda_list.currentItem().text()


def test_delete_takes_a_verdict_back(qtbot):
    _window, capture, event_id = capture_screen(qtbot)
    panel = capture.prompt_panel
    kb = Keyboard()
    kb.key(K.Key_Down, times=3)  # the second prompt
    kb.type("d")
    assert prompt_outcome(event_id)["P2"].verdict == Verdict.DIVIDED
    kb.key(K.Key_Delete)
    assert not any(b.isChecked() for b in panel.verdict_buttons.values())
    assert "P2" not in prompt_outcome(event_id)
    assert "○" in capture.agenda_list.currentItem().text()
    # In a text box Delete edits the text, as usual.
    kb.type("c")
    kb.key(K.Key_Return)
    kb.type("ab")
    kb.key(K.Key_Home)
    kb.key(K.Key_Delete)
    assert panel.position.text() == "b"
    assert panel.verdict_buttons[Verdict.NO_CONSENSUS].isChecked()


def test_erasing_all_that_was_typed_before_a_verdict_leaves_the_prompt_not_started(qtbot):
    window, capture, event_id = capture_screen(qtbot)
    panel = capture.prompt_panel
    kb = Keyboard()
    kb.key(K.Key_Down, times=2)
    kb.key(K.Key_Return)
    kb.type("Hm")
    assert (
        panel.state.text()
        == "No verdict yet · in progress (Y, N, D, C or X when the table decides)"
    )
    assert "◐" in capture.agenda_list.currentItem().text()
    kb.key(K.Key_Backspace, times=2)
    kb.key(K.Key_Escape)
    assert (
        panel.state.text()
        == "No verdict yet: press Y, N, D, C or X, then Enter to type the position"
    )
    assert "○" in capture.agenda_list.currentItem().text()
    assert not window.session.has_pending()
    assert "P1" not in prompt_outcome(event_id)


def test_a_prompt_without_a_verdict_is_saved_as_in_progress(qtbot):
    window, capture, event_id = capture_screen(qtbot)
    kb = Keyboard()
    kb.key(K.Key_Down, times=2)
    kb.key(K.Key_Return)
    kb.type("Still talking")
    kb.key(K.Key_Escape)
    assert not capture.fail_banner.isVisible()
    assert not window.session.has_pending()
    response = prompt_outcome(event_id)["P1"]
    assert not prompt_entry.has_verdict(response) and response.position == "Still talking"


def test_twenty_key_points_scroll_instead_of_growing_the_window(qtbot):
    window, capture, _ = capture_screen(qtbot)
    window.resize(1024, 640)
    panel = capture.prompt_panel
    kb = Keyboard()
    kb.key(K.Key_Down, times=2)
    kb.type("y")
    kb.key(K.Key_Return)
    kb.key(K.Key_Tab)
    for n in range(1, 21):
        kb.type(f"point {n}")
        kb.key(K.Key_Return)
    assert len(panel.points) == 21  # and an empty one for the next
    # The point being typed stays in view.
    assert QApplication.focusWidget() is panel.points[-1]
    qtbot.waitUntil(lambda: not panel.points[-1].visibleRegion().isEmpty())
    for width, height in ((1366, 768), (1024, 640)):
        window.resize(width, height)
        qtbot.wait(20)
        hint = window.minimumSizeHint()
        assert hint.width() <= width and hint.height() <= height, (width, height, hint)
        assert window.size().height() == height


def test_a_long_event_title_is_shortened_and_the_date_and_saved_state_stay_clear(qtbot):
    window = open_window(qtbot)
    page = window.events_page
    event_id = plan_evening(
        window, qtbot, title="PMO Flashmob Birmingham: PMO roles, job titles and who does what"
    )
    window.session.store().update_event(event_id, starts="2015-08-20T18:30")
    page.show_event(event_id)
    capture = start_capture(window, qtbot)
    for width, height in ((1024, 640), (1366, 768)):
        window.resize(width, height)
        qtbot.wait(20)
        title, when, saved = capture.event_label, capture.when_label, capture.saved_label
        assert title.text().endswith("…") and title.full_text().startswith("PMO Flashmob")
        assert title.fontMetrics().horizontalAdvance(title.text()) <= title.width()
        assert when.text() == "Thursday 20 August 2015, 18:30"  # the date is never cut
        assert when.fontMetrics().horizontalAdvance(when.text()) <= when.width()
        assert saved.x() >= when.geometry().right() + 12  # the saved state stands apart
        assert saved.isVisible()


def colour_at(widget, x, y):
    return widget.grab().toImage().pixelColor(x, y).name()


def test_the_chosen_table_is_filled_and_the_others_only_outlined(qtbot):
    _window, capture, _ = capture_screen(qtbot)
    Keyboard().type("2")
    buttons, tables = capture.table_buttons, capture.tables
    qtbot.wait(20)
    inside = [colour_at(b, 8, b.height() // 2) for b in buttons]  # within border and padding
    assert inside[1] == tables[1].colour  # chosen: filled in its set colour
    assert inside[0] == "#ffffff" and inside[2] == "#ffffff"  # the others: white...
    assert colour_at(buttons[0], 1, buttons[0].height() // 2) == tables[0].colour  # ...outlined
    chosen = buttons[1]
    text_width = chosen.fontMetrics().horizontalAdvance(chosen.text())
    assert chosen.width() >= text_width + 2 * 14  # the bold name is not clipped


@pytest.mark.parametrize("size", [(1024, 640), (1366, 768)])
def test_agenda_rows_show_their_state_on_one_line(qtbot, size):
    window, capture, _ = capture_screen(qtbot)
    window.resize(*size)
    qtbot.wait(20)
    agenda = capture.agenda_list
    room = agenda.viewport().width() - 8  # the item's margins
    line = agenda.fontMetrics().lineSpacing()
    for i in range(agenda.count()):
        text = agenda.item(i).text()
        if "\n" not in text:
            continue  # a heading
        assert agenda.fontMetrics().horizontalAdvance(text.splitlines()[1]) <= room, text
        # Each row is tall enough for its wrapped title and its state line.
        wrapped = agenda.fontMetrics().boundingRect(
            0, 0, room - 8, 10_000, int(Qt.TextFlag.TextWordWrap), text
        )
        assert agenda.visualItemRect(agenda.item(i)).height() >= wrapped.height(), text
        assert wrapped.height() >= 2 * line


def test_the_agenda_shows_the_chosen_tables_states(qtbot):
    _window, capture, _ = capture_screen(qtbot)
    kb = Keyboard()
    kb.key(K.Key_Return)
    kb.type("3 1 2")
    kb.key(K.Key_Escape)
    assert "recorded · 1/3" in capture.agenda_list.item(0).text()
    kb.type("2")  # table 2 has not recorded the hierarchy yet
    assert "not started · 1/3" in capture.agenda_list.item(0).text()


@pytest.mark.parametrize(
    ("cards", "left_out", "said"),
    [
        (10, 10, "10 cards to place: type their codes, drag them into the order, or add one"),
        (1, 1, "1 card to place: type its code, drag it into the order, or add it"),
        (10, 3, "Left out (3): drag one into the order, or add one"),
        (10, 1, "Left out (1): drag it into the order, or add it"),
    ],
)
def test_the_cards_left_out_line_says_every_way_to_place_them(cards, left_out, said):
    text = left_out_text(cards, left_out)
    assert text == said + " at the bottom with a double-click, Enter or Space."
    assert left_out_text(10, 0) == "Every card is placed."


LONG_POINT = "It is hard! If it were easy we'd all have it sorted by now, and more words to scroll"


def test_long_points_read_from_their_start_once_filled_or_left(qtbot):
    window, capture, _ = capture_screen(qtbot)
    window.resize(1024, 640)
    kb = Keyboard()
    kb.key(K.Key_Down, times=2)  # the first prompt
    kb.type("y")
    kb.key(K.Key_Return)
    kb.type(LONG_POINT)  # a long position
    kb.key(K.Key_Tab)
    panel = capture.prompt_panel
    assert panel.position.cursorPosition() == 0  # left: its start shows
    kb.type(LONG_POINT)
    kb.key(K.Key_Return)  # on to the next point
    assert panel.points[0].cursorPosition() == 0
    kb.key(K.Key_Escape)
    kb.key(K.Key_Down)
    kb.key(K.Key_Up)  # back: the fields are filled again
    assert panel.points[0].text() == LONG_POINT
    assert panel.points[0].cursorPosition() == 0
    assert panel.position.cursorPosition() == 0
