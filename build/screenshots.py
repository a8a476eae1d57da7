"""`make screenshots`: the README's pictures, taken from the real app on the offscreen platform.

    QT_QPA_PLATFORM=offscreen .venv/bin/python build/screenshots.py docs/screenshots

Writes decks.png (the deck library and a card as it prints), capture.png (an evening being
recorded) and report.png (the write-up), using the sample decks and the seed story's evening
in a temporary data folder, so they always show the app as it is now.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SIZE = (1100, 680)  # a window as on a small laptop: what a facilitator will see


def wait(app, condition: Callable[[], bool], seconds: float = 20) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("screenshots: the app did not get there in time")
        app.processEvents()
        time.sleep(0.01)
    for _ in range(5):  # the last layout pass
        app.processEvents()


def take(out: Path) -> list[Path]:
    from facilitator.reports.sample_evening import RANK_DECK, create_sample_evening
    from facilitator.paths import sample_decks_dir
    from facilitator.ui.app import create_application, install_qt_message_filter
    from facilitator.ui.main_window import MainWindow

    install_qt_message_filter()
    app = create_application([sys.argv[0]])
    window = MainWindow()
    window.session.quit_prompt = lambda message: True
    window.resize(*SIZE)
    window.show()
    written = []

    def save(name: str) -> None:
        path = out / name
        window.grab().save(str(path))
        written.append(path)

    window.library.select_path(sample_decks_dir() / RANK_DECK)
    editor = window.editor
    editor.select_row(6)
    wait(app, lambda: editor.preview.shown_generation > 0)
    editor.preview.wait_idle()
    wait(app, lambda: True)
    save("decks.png")

    store = window.session.store()
    event = create_sample_evening(store)
    for item in store.list_agenda(event.id):  # timeboxes, so the capture screen shows a timer
        store.update_agenda_item(item.id, timebox_minutes=15)
    window.nav.setCurrentRow(window.pages.indexOf(window.events_page))
    events = window.events_page
    events.show_event(event.id)
    events.start_capture()
    capture = events.capture
    capture.select_table(2)
    wait(app, lambda: capture.isVisible())
    capture.focus_capture_area()
    wait(app, lambda: True)
    save("capture.png")

    capture.focus_agenda()
    window.nav.setCurrentRow(window.pages.indexOf(window.reports_page))
    reports = window.reports_page
    reports.choose("event", event.id)
    wait(app, lambda: reports.report is not None)
    save("report.png")

    window.close()
    return written


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="facilitator-screenshots-") as tmp:
        os.environ["FACILITATOR_DATA_DIR"] = tmp  # never the user's data or settings
        os.environ.pop("FACILITATOR_DB", None)
        for path in take(out):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
