"""Capture speed: typing a ranking into a large database against typing into an empty one.

Run with `make bench` (or pytest on this file); figures are ratios against a baseline
measured in the same run: the longest the UI thread is blocked while a fast typist records
a ten-card hierarchy, with autosave writing the database behind it.
"""

from __future__ import annotations

import time
from pathlib import Path

from facilitator.decks import file as deck_file
from facilitator.outcomes import RankResult
from facilitator.paths import db_path
from facilitator.store import Store
from tests.bench.ui_heartbeat import UiHeartbeat
from tests.conftest import SAMPLE_DECKS
from tests.ui.capture_support import open_window

ORDER = "3 1 4 2 5 6 7 8 10 9"
BIG_EVENTS = 60  # x 10 tables x 8 agenda items = 4,800 outcomes, years of a monthly meetup


def fill(events: int) -> str:
    roles = deck_file.load(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")
    with Store.open(db_path()) as store:
        for n in range(events):
            event = store.create_event(title=f"Flashmob {n}", series="PMO Flashmob", table_count=10)
            items = [store.add_agenda_item(event.id, roles) for _ in range(8)]
            for table in store.list_tables(event.id):
                for item in items:
                    store.save_outcome(table.id, item.id, RankResult((("R1",), ("R2",))))
        last = store.create_event(title="Tonight", series="PMO Flashmob", table_count=3)
        store.add_agenda_item(last.id, roles, timebox_minutes=15)
        return last.id


def longest_block_while_typing(qtbot, event_id: str) -> tuple[int, float, float]:
    window = open_window(qtbot)
    page = window.events_page
    page.show_event(event_id)
    page.start_capture()
    capture = page.capture
    capture.focus_capture_area()
    # The store encodes every document on its first write after opening, then only what
    # changed; time that once, then measure typing in the steady state.
    store = window.session.store()
    other = capture.tables[1]
    cold = time.perf_counter()
    store.save_outcome(other.id, capture.current_item().id, RankResult((("R1",),)))
    first_save_ms = (time.perf_counter() - cold) * 1000
    heartbeat = UiHeartbeat()
    heartbeat.start()
    started = time.perf_counter()
    for char in ORDER:
        qtbot.keyClick(capture.rank_panel.entry, char)
        qtbot.wait(30)  # a fast typist
    qtbot.waitUntil(lambda: not window.session.has_pending(), timeout=5000)
    qtbot.wait(200)
    heartbeat.stop()
    elapsed = time.perf_counter() - started
    window.close()
    return heartbeat.longest, elapsed, first_save_ms


def test_typing_a_ranking_stays_smooth_in_a_large_database(qtbot, data_dir: Path) -> None:
    empty_id = fill(0)
    baseline, _, cold_small = longest_block_while_typing(qtbot, empty_id)
    db_path().unlink()
    big_id = fill(BIG_EVENTS)
    size_kb = db_path().stat().st_size // 1024
    big, elapsed, cold_big = longest_block_while_typing(qtbot, big_id)
    print(
        f"\ntyping a ten-card ranking: longest UI-thread block {big} ms with "
        f"{BIG_EVENTS * 80} outcomes ({size_kb} KB) against {baseline} ms in an empty database "
        f"({big / max(baseline, 1):.1f}x); {elapsed:.1f} s of typing (goal: never over 50 ms). "
        f"The first save after opening: {cold_big:.0f} ms against {cold_small:.0f} ms "
        f"({cold_big / max(cold_small, 0.1):.0f}x)"
    )
    assert big <= 50
