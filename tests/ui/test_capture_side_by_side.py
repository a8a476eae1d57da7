"""All tables side by side: places line up across ties, roles by name, colours as printed."""

from facilitator.decks import file as deck_file
from facilitator.outcomes import MatchResult, PromptResponse, PromptsResult, RankResult, Verdict
from facilitator.paths import db_path
from facilitator.store import Store
from facilitator.verdict_colours import VERDICT_COLOURS
from tests.conftest import SAMPLE_DECKS
from tests.ui.capture_support import open_window, start_capture

DECKS = ("pmo-roles-hierarchy", "pmo-role-activities", "pmo-flashmob-prompts")
ORDERS = {
    1: (("R10",), ("R9",), ("R8",), ("R7",)),
    2: (("R10",), ("R9",), ("R7", "R8"), ("R6",)),  # a tie at 3: R6 is 5th
    3: (("R10",), ("R8",), ("R9",), ("R7",), ("R6",)),
}


def recorded_evening():
    with Store.open(db_path()) as store:
        event = store.create_event(title="Side by side", starts="2015-08-20T18:30", table_count=3)
        items = [
            store.add_agenda_item(event.id, deck_file.load(SAMPLE_DECKS / f"{name}.deck.json"))
            for name in DECKS
        ]
        tables = store.list_tables(event.id)
        for table in tables:
            store.save_outcome(table.id, items[0].id, RankResult(ORDERS[table.number]))
        store.save_outcome(tables[0].id, items[1].id, MatchResult({"A1": ("R1", "R7")}))
        store.save_outcome(tables[1].id, items[1].id, MatchResult({"A1": ("unsure",)}))
        store.save_outcome(
            tables[0].id, items[2].id, PromptsResult({"P1": PromptResponse(Verdict.DIVIDED)})
        )
        store.save_outcome(
            tables[1].id, items[2].id, PromptsResult({"P1": PromptResponse(Verdict.AGREED)})
        )
        return event.id, [t.colour for t in tables]


def side_by_side(qtbot, row):
    _event_id, colours = recorded_evening()
    window = open_window(qtbot)
    capture = start_capture(window, qtbot)
    for _ in range(row):
        capture.agenda_list.step(1)
    capture.toggle_all_tables()
    view = capture.side_by_side
    assert capture.stack.currentWidget() is view
    qtbot.wait(20)
    return view, colours


def test_a_tie_spans_its_places_so_the_rows_below_line_up(qtbot):
    view, _ = side_by_side(qtbot, 0)
    assert [view.item(r, 0).text() for r in range(view.rowCount())] == ["1", "2", "3", "4", "5"]
    assert view.text_at(2, 1) == "R7 PMO Manager\n= R8 Programme Manager"
    assert view.rowSpan(2, 2) == 2
    # The 5th place is the 5th row for every table, tied or not.
    assert view.text_at(4, 1) == "R6 Project Manager"
    assert view.text_at(4, 2) == "R6 Project Manager"
    assert view.text_at(3, 0) == "R7 PMO Manager"
    # The tie's two lines are shared by its two places: neither row grows for it.
    assert view.rowHeight(2) == view.rowHeight(3) == view.rowHeight(0)


def test_table_headers_are_painted_in_the_set_colours(qtbot):
    view, colours = side_by_side(qtbot, 0)
    header = view.horizontalHeader()
    image = header.grab().toImage()
    for col, colour in enumerate(colours, start=1):
        x = header.sectionViewportPosition(col) + 4
        assert image.pixelColor(x, 3).name() == colour


def test_matchings_name_the_roles(qtbot):
    view, _ = side_by_side(qtbot, 1)
    assert view.text_at(0, 0) == "R1 Project Administrator\nR7 PMO Manager"
    assert view.text_at(0, 1) == "Unsure"


def test_prompt_cells_take_the_reports_verdict_colours(qtbot):
    view, _ = side_by_side(qtbot, 2)  # the first prompt (its heading is passed over)
    assert view.text_at(0, 0).startswith("Divided")
    assert view.verdict_colour_at(0, 0) == VERDICT_COLOURS[Verdict.DIVIDED]
    assert view.verdict_colour_at(0, 1) == VERDICT_COLOURS[Verdict.AGREED]
    assert view.verdict_colour_at(0, 2) == ""  # nothing recorded yet
    cell = view.visualRect(view.model().index(0, 1))
    image = view.viewport().grab().toImage()
    strip = image.pixelColor(cell.x() + 2, cell.y() + cell.height() // 2).name()
    assert strip == VERDICT_COLOURS[Verdict.DIVIDED]


def test_the_prompt_panels_verdict_buttons_take_the_reports_colours(qtbot):
    recorded_evening()
    capture = start_capture(open_window(qtbot), qtbot)
    for verdict, button in capture.prompt_panel.verdict_buttons.items():
        assert f"border:2px solid {VERDICT_COLOURS[verdict]}" in button.styleSheet()


def test_an_open_question_answered_is_plain_ink_and_in_progress_grey():
    from facilitator.outcomes import open_response
    from facilitator.ui.capture.side_by_side import OPEN_ANSWER_INK, answer_colour

    assert answer_colour(open_response(key_points=("It is hard",))) == OPEN_ANSWER_INK
    assert answer_colour(open_response(summary="Hard")) == OPEN_ANSWER_INK
    assert answer_colour(open_response(position="We talked")) == VERDICT_COLOURS[None]
    assert (
        answer_colour(PromptResponse(verdict=Verdict.AGREED_NO))
        == VERDICT_COLOURS[Verdict.AGREED_NO]
    )
