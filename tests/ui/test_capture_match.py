"""The match grid keeps the activity names as wide as the role columns can spare."""

import pytest
from PySide6.QtCore import Qt

from facilitator.ui.capture.match_panel import LABEL_PADDING, ROLE_MIN_WIDTH
from tests.ui.capture_support import Keyboard, open_window, plan_evening, start_capture


def match_grid(qtbot, size):
    window = open_window(qtbot)
    plan_evening(window, qtbot)
    window.resize(*size)
    capture = start_capture(window, qtbot)
    kb = Keyboard()
    kb.key(Qt.Key.Key_Down)  # the matching
    kb.key(Qt.Key.Key_Return)
    qtbot.wait(20)
    return capture.match_panel


def test_at_1366_every_activity_name_shows_in_full(qtbot):
    panel = match_grid(qtbot, (1366, 768))
    header = panel.grid.verticalHeader()
    for row in range(panel.grid.rowCount()):
        name = panel.grid.verticalHeaderItem(row).text()
        assert header.fontMetrics().horizontalAdvance(name) + LABEL_PADDING <= header.width()
    assert "A4  Recommend stopping a project" in [
        panel.grid.verticalHeaderItem(r).text() for r in range(panel.grid.rowCount())
    ]


def test_at_1024_names_are_shortened_by_width_and_the_roles_keep_their_room(qtbot):
    panel = match_grid(qtbot, (1024, 640))
    grid = panel.grid
    assert not grid.horizontalScrollBar().isVisible()
    for column in range(len(grid.columns) - 2):
        assert grid.columnWidth(column) >= ROLE_MIN_WIDTH
    longest = max(
        grid.verticalHeader().fontMetrics().horizontalAdvance(grid.verticalHeaderItem(r).text())
        for r in range(grid.rowCount())
    )
    assert grid.verticalHeader().width() < longest  # shortened with …, by the header


@pytest.mark.parametrize("size", [(1024, 640), (1366, 768)])
def test_the_role_legend_never_breaks_inside_a_role(qtbot, size):
    panel = match_grid(qtbot, size)
    entries = panel.legend.text().split("   ")
    assert entries[5] == "R10\u00a0Head\u00a0of\u00a0Portfolio\u00a0Office"
    assert all(" " not in entry for entry in entries)
