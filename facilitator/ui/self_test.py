"""`facilitator --self-test`: an end-to-end check on the offscreen platform in a temporary folder.

Each check is a function taking the context and returning what it verified; later parts of the
app add theirs to CHECKS.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from facilitator.ui.capture.self_check import check_capture_records_outcomes
from facilitator.ui.reports_self_test import check_reports
from facilitator.ui.self_test_support import SelfTestContext, expect, wait_for


def check_window_shows_sample_decks(ctx: SelfTestContext) -> str:
    from facilitator.decks.library import list_decks
    from facilitator.ui.main_window import MainWindow

    ctx.window = MainWindow()
    ctx.window.show()
    ctx.app.processEvents()
    expect(ctx.window.isVisible(), "the main window did not show")
    shown = ctx.window.library.visible_entries()
    samples = [e for e in shown if e.is_sample and e.deck is not None]
    expect(len(samples) >= 3, f"expected the 3 sample decks, the library shows {len(samples)}")
    expected = {e.path for e in list_decks() if e.is_sample}
    expect({e.path for e in samples} == expected, "the library does not list every sample deck")
    for entry in samples:
        ctx.window.library.select_path(entry.path)
        ctx.app.processEvents()
        rows = ctx.window.editor.model.rowCount()
        assert entry.deck is not None
        expect(
            rows == len(entry.deck.cards),
            f"{entry.path.name}: the card table shows {rows} of {len(entry.deck.cards)} cards",
        )
    return f"window shown with {len(samples)} sample decks"


def check_user_deck_appears(ctx: SelfTestContext) -> str:
    from facilitator.decks import file as deck_file
    from facilitator.decks.importing import import_text
    from facilitator.paths import user_decks_dir

    folder = user_decks_dir()
    folder.mkdir(parents=True, exist_ok=True)
    result = import_text("title;suit\nŁódź facilitator;Role\nΑθήνα host;Role\n", title="Self-test")
    path = folder / deck_file.file_name_for(result.deck.title)
    deck_file.save(result.deck, path)
    ctx.window.reload_library()
    ctx.app.processEvents()
    expect(ctx.window.library.select_path(path), "a deck saved in the data folder is not listed")
    expect(ctx.window.editor.model.rowCount() == 2, "the imported deck does not show 2 cards")
    return "an imported deck appears in the library"


def check_edit_copy_undo_and_print(ctx: SelfTestContext) -> str:
    from facilitator.decks import file as deck_file
    from facilitator.print import parse_options, plan_pack

    window = ctx.window
    sample = next(e for e in window.library.visible_entries() if e.is_sample and e.deck)
    window.library.select_path(sample.path)
    copy = window.decks_page.duplicate_current()
    expect(copy is not None and window.editor.document.path == copy, "duplicating a sample failed")
    model = window.editor.model
    title_column = model.COLUMNS.index("title")
    original = model.index(0, title_column).data()
    expect(model.setData(model.index(0, title_column), "Self-test edit"), "a card edit was refused")
    window.undo_action.trigger()
    expect(model.index(0, title_column).data() == original, "undo did not restore the card")
    window.editor.flush()
    expect(deck_file.load(copy).cards[0].title == original, "the undone edit reached the file")
    dialog = window.decks_page.print_current()
    dialog.set_values({"sets": "2", "duplex": "long"})
    pdf = ctx.data_dir / "self-test.pdf"
    expect(dialog.write_pdf(pdf), "the print dialog did not start writing")
    finished = wait_for(
        ctx, lambda: dialog.report is not None or "Not saved" in dialog.status.text(), 60
    )
    expect(finished and dialog.report is not None, f"printing failed: {dialog.status.text()}")
    plan = plan_pack(dialog.decks(), parse_options(dialog.values()))
    expect(dialog.report.pages == plan.total_pages, "the PDF does not have the planned pages")
    dialog.close()
    return f"edited and undid a copy, printed 2 sets ({dialog.report.pages} pages)"


def check_second_launch_hands_over(ctx: SelfTestContext) -> str:
    from facilitator.ui.single_instance import InstanceServer, hand_over, instance_name

    received: list[list[Path]] = []
    name = instance_name()
    server = InstanceServer(name, received.append)
    try:
        expect(server.listening, "the app could not listen for a second launch")
        deck = ctx.data_dir / "handed-over.deck.json"
        expect(hand_over(name, [deck]), "a second launch could not reach the first")
        expect(wait_for(ctx, lambda: bool(received), 10), "the first app heard no second launch")
        expect(received == [[deck.resolve()]], f"the second launch handed over {received}")
    finally:
        server.close()
    return "a second launch hands its file to the first"


def check_sorting_uses_the_systems_collation(ctx: SelfTestContext) -> str:
    from PySide6.QtCore import QCollator, QLocale

    # ICU's collation puts "apple" before "Banana"; without its data Qt compares code points.
    # (The Linux bundle carries a cut-down ICU data library: build/icu_data.py.)
    collator = QCollator(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    expect(collator.compare("apple", "Banana") < 0, "sorting does not follow the language")
    return "sorting follows the language"


CHECKS: list[Callable[[SelfTestContext], str]] = [
    check_window_shows_sample_decks,
    check_second_launch_hands_over,
    check_sorting_uses_the_systems_collation,
    check_user_deck_appears,
    check_edit_copy_undo_and_print,
    check_capture_records_outcomes,  # sets ctx.event_id for the reports check
    check_reports,
]


def run_self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="facilitator-self-test-") as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        # Never touch the user's data or settings.
        os.environ["FACILITATOR_DATA_DIR"] = str(data)
        os.environ["FACILITATOR_DB"] = str(data / "facilitator.db.json")
        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
        from PySide6.QtCore import QSettings

        from facilitator.ui.app import create_application, install_qt_message_filter

        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp))
        install_qt_message_filter()
        app = create_application([sys.argv[0]])
        ctx = SelfTestContext(app=app, data_dir=data)
        done: list[str] = []
        try:
            for check in CHECKS:
                done.append(check(ctx))
        except Exception as exc:  # every failure, expected or not, is reported the same way
            name = getattr(check, "__name__", "check")
            print(f"self-test FAILED at {name}: {exc}", file=sys.stderr)
            return 1
        finally:
            if ctx.window is not None:
                ctx.window.close()
    seconds = time.perf_counter() - started
    print(f"self-test passed: {len(done)} checks in {seconds:.1f} s ({'; '.join(done)})")
    return 0
