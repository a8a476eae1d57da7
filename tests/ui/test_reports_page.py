"""The Reports page: an event's or a series' report, refreshed after changes, exported."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from facilitator.outcomes import PromptResponse, PromptsResult, Verdict
from facilitator.reports.sample_evening import create_sample_evening
from facilitator.ui.app import create_application
from facilitator.ui.reports_page import ReportsPage
from facilitator.ui.store_session import StoreSession


@pytest.fixture
def session(qtbot):
    create_application()
    s = StoreSession()
    yield s
    s.close()


@pytest.fixture
def page(qtbot, session):
    p = ReportsPage(session)
    qtbot.addWidget(p)
    p.resize(1280, 800)
    return p


@pytest.fixture
def evening(session):
    store = session.store()
    london = create_sample_evening(store, title="PMO Flashmob London", starts="2015-03-12")
    birmingham = create_sample_evening(store)
    return london, birmingham


def shown(page) -> str:
    return page.view.toPlainText()


def test_an_empty_database_shows_what_to_do_and_nothing_to_export(page, qtbot):
    page.show()
    qtbot.waitExposed(page)
    assert "No events yet" in shown(page)
    assert not any(b.isEnabled() for b in page.export_buttons.values())


def test_the_latest_event_is_shown_first_with_its_consensus(page, evening, qtbot):
    page.show()
    qtbot.waitExposed(page)
    items = [page.chooser.itemText(i) for i in range(page.chooser.count())]
    assert items == [
        "PMO Flashmob Birmingham · 20 Aug 2015",
        "PMO Flashmob London · 12 Mar 2015",
        "Series: PMO Flashmob (2 events)",
    ]
    text = shown(page)
    assert text.startswith("PMO Flashmob Birmingham")
    assert "Kendall's W is 0.52, where chance alone gives about 0.33" in text
    assert "with 3 tables this cannot be told apart from chance (p = 0.08" in text
    assert "moderate agreement" not in text
    assert "Table 3 stood apart: it put Project Coordinator 2nd (consensus 8th)" in text
    assert (
        "Project Administrator and Project Support Officer: 1–1 (1 table tied them), joint 9th."
        in text
    )
    assert "21 (47%) ⚑ outlier" in text
    assert "Should the PMO have authority to stop projects?" in text
    assert "All 3 tables agreed: no." in text
    assert "Notes: Unanimous after ten minutes" in text
    assert all(b.isEnabled() for b in page.export_buttons.values())


def test_choosing_the_series_shows_each_prompt_across_events(page, evening, qtbot):
    page.show()
    assert page.choose("series", "PMO Flashmob")
    text = shown(page)
    assert text.startswith("PMO Flashmob")
    assert "The prompts across the series" in text
    assert "How the consensus moved" in text
    # The same truth as the exports: the glance and every table pooled.
    assert "At a glance" in text
    assert "Every table of every event together" in text
    assert "Across 6 tables Kendall's W is 0.52" in text
    assert text.index("PMO Flashmob London") < text.index("PMO Flashmob Birmingham")


def test_the_report_follows_changes_to_the_store(page, session, evening, qtbot):
    page.show()
    _, birmingham = evening
    store = session.store()
    item = store.list_agenda(birmingham.id)[2]
    table = store.list_tables(birmingham.id)[0]
    store.save_outcome(
        table.id,
        item.id,
        PromptsResult(
            {"P2": PromptResponse(verdict=Verdict.DIVIDED, key_points=("<b>No</b> & yes",))}
        ),
    )
    session.notify_changed(None)
    text = shown(page)
    assert (
        "2 tables reached a consensus and 1 was divided. "
        "Both tables that reached a consensus voted against."
    ) in text
    assert "<b>No</b> & yes" in text  # user text is shown as typed, never as markup


def test_export_writes_the_chosen_file(page, evening, tmp_path, qtbot):
    page.show()
    asked = []

    def ask(caption, suggested, file_filter):
        asked.append((caption, Path(suggested).name, file_filter))
        return str(tmp_path / "write-up")

    page.ask_save_path = ask
    qtbot.mouseClick(page.export_buttons["md"], Qt.MouseButton.LeftButton)
    written = tmp_path / "write-up.md"
    assert written.read_text("utf-8").startswith("# PMO Flashmob Birmingham")
    assert asked == [
        ("Save the Markdown write-up", "pmo-flashmob-birmingham-2015-08-20.md", "Markdown (*.md)")
    ]
    assert str(written) in page.message.text()
    # The write-up's pictures sit beside it, and it links to each of them.
    pictures = sorted(p.name for p in tmp_path.glob("write-up-*.png"))
    assert len(pictures) == 3
    assert all(f"]({name})" in written.read_text("utf-8") for name in pictures)
    for fmt in ("pdf", "csv", "json"):
        assert page.export(fmt) == tmp_path / f"write-up.{fmt}"
        assert (tmp_path / f"write-up.{fmt}").stat().st_size > 0


def test_cancelling_the_dialog_writes_nothing(page, evening, tmp_path):
    page.show()
    page.ask_save_path = lambda *args: None
    assert page.export("pdf") is None
    assert not list(tmp_path.glob("*.pdf"))


def test_an_export_that_cannot_be_written_says_why(page, evening, tmp_path):
    page.show()
    page.ask_save_path = lambda *args: str(tmp_path / "missing" / "r.pdf")
    assert page.export("pdf") is None
    assert "does not exist" in page.message.text()


def test_the_main_window_has_a_reports_page(qtbot):
    from facilitator.ui.main_window import MainWindow

    create_application()
    window = MainWindow()
    qtbot.addWidget(window)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "Reports" in titles
    assert isinstance(window.reports_page, ReportsPage)
