"""A whole evening, typed: three tables, a hierarchy, a matching and four prompts each."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator.decks.model import PromptKind
from facilitator.outcomes import (
    MatchResult,
    PromptResponse,
    PromptsResult,
    RankResult,
    Verdict,
    is_recorded,
    open_response,
)
from facilitator.paths import db_path
from facilitator.store import Store
from tests.ui.capture_support import Keyboard, open_window, plan_evening, start_capture

K = Qt.Key

# What each table decided (the seed story, spread over three tables).
RANKS = {
    1: (
        "1 2 3 4=5 6 7 8 9 10",
        (("R1",), ("R2",), ("R3",), ("R4", "R5"), ("R6",), ("R7",), ("R8",), ("R9",), ("R10",)),
    ),
    2: (
        "R1 R3 R2 (R5 R4) R6 R7 R8 R9",
        (("R1",), ("R3",), ("R2",), ("R5", "R4"), ("R6",), ("R7",), ("R8",), ("R9",)),
    ),
    3: (
        "2 1 3 5 4 7 6 8 10",
        (("R2",), ("R1",), ("R3",), ("R5",), ("R4",), ("R7",), ("R6",), ("R8",), ("R10",)),
    ),
}
# (row, column) ticks in the grid: rows A1..A10, columns R1 R5 R6 R7 R9 R10 (the
# hierarchy deck's codes), Nobody, Unsure.
MATCHES = {
    1: (
        [(0, 3), (1, 3), (2, 6), (3, 5), (3, 4), (4, 1)],
        {"A1": ("R7",), "A2": ("R7",), "A3": ("nobody",), "A4": ("R9", "R10"), "A5": ("R5",)},
    ),
    2: (
        [(0, 0), (1, 7), (2, 3), (9, 0), (9, 1)],
        {"A1": ("R1",), "A2": ("unsure",), "A3": ("R7",), "A10": ("R1", "R5")},
    ),
    3: ([(5, 2), (6, 3), (7, 5)], {"A6": ("R6",), "A7": ("R7",), "A8": ("R10",)}),
}
# Per prompt, as the seed tells it: P1 and P2 are questions (verdict key, position, key
# points, votes (for, against, abstain) or None); P3 and P4 open questions (summary, points),
# or "X" when the table never got to it. Y is "agreed: yes", N "agreed: no".
FACTORS = [
    "It is hard! If it were easy we'd all have it sorted by now",
    "Pre-requisites that are challenges in their own right: role profiles, good estimates",
    "Organisations want more detail than is feasible, by week or even by day",
]
PROMPTS = {
    1: [
        (
            "D",
            "Logical, but the PMO might be seen to take over the world",
            ["Corporate memory", "Who owns business as usual?"],
            None,
        ),
        ("N", "The PMO should not have authority to stop projects", ["Trusted advisor"], (0, 6, 1)),
        ("Start as a Project Administrator", ["PMO Junior roles", "Move across from the business"]),
        ("", FACTORS),
    ],
    2: [
        ("C", "", ["No overall business model in small organisations"], None),
        ("D", "Opinion divided, as in London", [], (3, 3, 0)),
        ("", ["Usually appointed from inside"]),
        ("Few have seen it succeed", []),
    ],
    3: [
        ("X", "", [], None),
        ("N", "No authority, much influence", [], (0, 5, 0)),
        ("Chicken and egg: no job without experience", ["PMO Junior is the way in"]),
        "X",
    ],
}
VERDICTS = {
    "Y": Verdict.AGREED_YES,
    "N": Verdict.AGREED_NO,
    "D": Verdict.DIVIDED,
    "C": Verdict.NO_CONSENSUS,
    "X": Verdict.NOT_DISCUSSED,
}


def tick(kb, row, column):
    kb.key(K.Key_Home, Qt.KeyboardModifier.ControlModifier)
    kb.key(K.Key_Down, times=row)
    kb.key(K.Key_Right, times=column)
    kb.key(K.Key_Space)


def record_table(kb, capture, number):
    kb.type(str(number))  # choose the table
    assert capture.current_table.number == number
    kb.key(K.Key_Home)  # the first activity: the hierarchy
    kb.key(K.Key_Return)
    assert QApplication.focusWidget() is capture.rank_panel.entry
    kb.type(RANKS[number][0])
    kb.key(K.Key_Escape)
    kb.key(K.Key_Down)  # the matching
    kb.key(K.Key_Return)
    assert QApplication.focusWidget() is capture.match_panel.grid
    for row, column in MATCHES[number][0]:
        tick(kb, row, column)
    kb.key(K.Key_Return, Qt.KeyboardModifier.ControlModifier)  # done with what it has
    kb.key(K.Key_Escape)
    for answer in PROMPTS[number]:
        kb.key(K.Key_Down)  # the next prompt (the prompts heading is skipped)
        if answer == "X":  # an open question the table never got to
            kb.type("X")
        elif len(answer) == 2:
            type_open_answer(kb, capture, *answer)
        else:
            type_verdict(kb, capture, *answer)


def type_verdict(kb, capture, verdict, position, points, votes):
    kb.type(verdict)  # one key, from the agenda row
    kb.key(K.Key_Return)
    assert QApplication.focusWidget() is capture.prompt_panel.position
    kb.type(position)
    if votes is not None:
        for count in reversed(votes):  # Shift+Tab walks back through abstain, against, for
            kb.key(K.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
            kb.type(str(count))
        kb.key(K.Key_Tab, times=3)
    kb.key(K.Key_Tab)
    assert QApplication.focusWidget() is capture.prompt_panel.points[0]
    type_points(kb, points)


def type_open_answer(kb, capture, summary, points):
    kb.key(K.Key_Return)  # an open question opens on its one-line summary: no verdict asked
    assert QApplication.focusWidget() is capture.prompt_panel.summary
    kb.type(summary)
    kb.key(K.Key_Tab, times=2)  # past the position, to the points raised
    assert QApplication.focusWidget() is capture.prompt_panel.points[0]
    type_points(kb, points)


def type_points(kb, points):
    for point in points:
        kb.type(point)
        kb.key(K.Key_Return)
    kb.key(K.Key_Escape)


def expected_prompts(number):
    responses = {}
    for code, answer in zip(("P1", "P2", "P3", "P4"), PROMPTS[number], strict=True):
        if answer == "X":
            responses[code] = PromptResponse(
                verdict=Verdict.NOT_DISCUSSED, kind=PromptKind.OPEN_QUESTION
            )
        elif len(answer) == 2:
            responses[code] = open_response(summary=answer[0], key_points=tuple(answer[1]))
        else:
            verdict, position, points, votes = answer
            v = votes or (None, None, None)
            responses[code] = PromptResponse(
                verdict=VERDICTS[verdict],
                votes_for=v[0],
                votes_against=v[1],
                votes_abstain=v[2],
                position=position,
                key_points=tuple(points),
            )
    return PromptsResult(responses)


def test_a_whole_evening_typed_table_by_table_is_stored_exactly(qtbot):
    window = open_window(qtbot)
    event_id = plan_evening(window, qtbot)
    capture = start_capture(window, qtbot)
    kb = Keyboard()
    for number in (1, 2, 3):
        record_table(kb, capture, number)
    assert "Saved" in capture.saved_label.text()
    assert not window.session.has_pending()

    with Store.open(db_path(), read_only=True) as store:
        tables = store.list_tables(event_id)
        rank, match, prompts = store.list_agenda(event_id)
        assert len(store.list_outcomes(event_id=event_id)) == 9
        for table in tables:
            n = table.number
            assert store.get_outcome(table.id, rank.id).result == RankResult(RANKS[n][1])
            assert store.get_outcome(table.id, match.id).result == MatchResult(MATCHES[n][1])
            assert store.get_outcome(table.id, prompts.id).result == expected_prompts(n)
        # Every order committed, every matching marked done, every prompt answered.
        outcomes = store.list_outcomes(event_id=event_id)
        assert [(o.kind.value, o.status.value) for o in outcomes if not is_recorded(o)] == []
        first = store.get_outcome(tables[0].id, prompts.id).result
        assert first.responses["P2"].verdict.label == "Agreed: no"
        assert first.responses["P4"].key_points == tuple(FACTORS)  # the seed's factors

    # The side-by-side view shows all three tables' orders for the hierarchy.
    kb.key(Qt.Key.Key_Home)
    kb.type("v")
    view = capture.side_by_side
    assert capture.stack.currentWidget() is view
    assert view.columnCount() == 4
    assert view.text_at(0, 0) == "R1 Project Administrator"
    assert view.text_at(0, 2) == "R2 Project Support Officer"
    assert view.text_at(3, 0) == "R4 Planner / Scheduler\n= R5 PMO Analyst"


def test_a_ten_card_hierarchy_takes_at_most_25_keystrokes(qtbot):
    window = open_window(qtbot)
    event_id = plan_evening(window, qtbot)
    capture = start_capture(window, qtbot)
    kb = Keyboard()
    kb.type("2")  # the second table
    kb.key(Qt.Key.Key_Home)  # the hierarchy
    kb.key(Qt.Key.Key_Return)  # into the entry
    kb.type("3 1 4 2 5 6 7 8 10 9")
    kb.key(Qt.Key.Key_Return)  # save now
    assert kb.count <= 25, kb.log
    print(f"ten-card hierarchy: {kb.count} keystrokes")
    with Store.open(db_path(), read_only=True) as store:
        table = store.list_tables(event_id)[1]
        item = store.list_agenda(event_id)[0]
        levels = store.get_outcome(table.id, item.id).result.levels
    assert levels == tuple((f"R{n}",) for n in (3, 1, 4, 2, 5, 6, 7, 8, 10, 9))
    assert capture.saved_label.text().startswith("Saved ")
