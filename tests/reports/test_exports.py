"""The exports: every table's outcome in the Markdown, CSV, JSON and PDF; awkward text safe."""

import csv
import io
import json
import os
import re

import pytest
from pypdf import PdfReader

from facilitator.atomic_write import WriteFailed
from facilitator.errors import InputError
from facilitator.reports import build_event_report, build_series_report, render, write_report
from facilitator.reports.csv_export import COLUMNS
from facilitator.reports.markdown import md, render_markdown
from facilitator.reports.model import MatchSection, PromptsSection, RankSection
from facilitator.reports.write import format_for, suggested_name
from tests.reports.conftest import FORMULA, MARKUP, UNICODE


def outcome_facts(report):
    """What each table produced, as short texts every write-up must contain."""
    facts = []
    for section in report.sections:
        if isinstance(section, RankSection):
            for t in section.tables:
                facts.append((t.table.name, section.title_of(t.levels[0][0])))
        elif isinstance(section, MatchSection):
            for m in section.tables:
                for item, targets in m.assignments.items():
                    facts.append((m.table.name, section.title_of(targets[0])))
                    facts.append((m.table.name, section.title_of(item)))
        elif isinstance(section, PromptsSection):
            for prompt in section.prompts:
                for tr in prompt.responses:
                    facts.append((tr.table.name, prompt.question))
                    facts += [(tr.table.name, p) for p in tr.response.key_points]
    return facts


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


# --- Markdown ------------------------------------------------------------------------------


def test_the_markdown_holds_every_tables_outcome(report):
    text = render_markdown(report)
    for table, fact in outcome_facts(report):
        assert table in text
        assert md(fact) in text, fact
    rank = report.sections[0]
    for t in rank.tables:
        line = next(line for line in text.splitlines() if line.startswith(f"- **{t.table.name}**"))
        assert " › ".join(" = ".join(rank.title_of(c) for c in lv) for lv in t.levels) in line


def test_the_markdown_reads_like_the_seed_story(report):
    text = render_markdown(report)
    assert text.startswith("# PMO Flashmob Birmingham\n")
    assert (
        "### Should the PMO have authority to stop projects?\n\n"
        "All 3 tables agreed, and on the same side: against.\n"
    ) in text
    assert (
        "### What is the route for a non-PM individual into the PMO?\n\n"
        "1 table reached a consensus and 1 was divided.\n"
    ) in text
    assert "- It is hard! (3 tables)" in text
    assert "Kendall's W is 0.52: moderate agreement" in text
    assert "Table 3 stands apart" in text
    assert (
        "- **Capture lessons learned**: All 3 tables gave it to PMO Analyst; 1 to PMO Manager."
        in text
    )


def test_user_text_never_becomes_markdown_formatting(store, awkward):
    text = render_markdown(build_event_report(store, awkward.id))
    assert "<b>" not in text and "<i>" not in text and "[link](x)" not in text
    assert r"\<b\>bold\</b\> & \<font size=40\>big\</font\> \*stars\* \[link\](x)" in text
    assert UNICODE in text
    assert "; -1 is not a number; 1. not a list." in text
    assert not [line for line in text.splitlines() if line.startswith(("-1", "1. not", "<", "="))]


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a*b_c", r"a\*b\_c"),
        ("# not a heading", r"\# not a heading"),
        ("1. not a list", r"1\. not a list"),
        ("R&D &amp; more", r"R&D \&amp; more"),
        ("two\nlines", "two lines"),
    ],
)
def test_md_escapes_only_what_would_format(raw, escaped):
    assert md(raw) == escaped


# --- CSV -----------------------------------------------------------------------------------


def read_csv(data: bytes):
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_csv_has_one_row_per_outcome_and_opens_in_excel(report):
    data = render(report, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") >= len(read_csv(data)) + 1
    assert b"\n" not in data.replace(b"\r\n", b"")
    rows = read_csv(data)
    assert list(rows[0]) == list(COLUMNS)
    rank = [r for r in rows if r["kind"] == "rank"]
    match = [r for r in rows if r["kind"] == "match"]
    prompts = [r for r in rows if r["kind"] == "prompts"]
    assert [r["table"] for r in rank] == ["Table 1", "Table 2", "Table 3"]
    assert rank[0]["order"] == "R10 > R9 > R8 = R7 > R6 > R5 > R4 > R3 > R2 > R1"
    assert rank[2]["left_out"] == "R7"
    assert len(match) == 3
    assert match[0]["matching"].startswith("A1 → R2 + R3; A2 → R3")
    # A prompts outcome gives a row per prompt it answered: 3 + 3 + 3.
    assert len(prompts) == 9
    stop = [r for r in prompts if r["prompt_code"] == "P2"]
    assert [(r["verdict"], r["votes_against"]) for r in stop] == [
        ("Agreed", "5"),
        ("Agreed", "4"),
        ("Agreed", "4"),
    ]
    for table, fact in outcome_facts(report):
        assert any(table == r["table"] and fact in " ".join(r.values()) for r in rows), fact


def test_csv_cells_that_excel_would_run_are_protected(store, awkward):
    rows = read_csv(render(build_event_report(store, awkward.id), "csv"))
    assert rows[0]["venue"] == "'" + FORMULA
    assert rows[1]["table"] == "'" + FORMULA[:40]
    prompt = next(r for r in rows if r["kind"] == "prompts")
    assert prompt["key_points"].startswith("'" + FORMULA)
    assert prompt["notes"] == "line one\nline two"
    assert prompt["position"] == MARKUP


# --- JSON ----------------------------------------------------------------------------------


def test_the_json_holds_the_whole_report(report):
    data = json.loads(render(report, "json"))
    assert (data["format"], data["version"]) == ("facilitator-report", 1)
    event = data["event"]
    assert [s["kind"] for s in event["sections"]] == ["rank", "match", "prompts"]
    rank = event["sections"][0]
    assert rank["tables"][0]["levels"][2] == ["R8", "R7"]
    assert rank["tables"][2]["outlier"] is True
    stop = event["sections"][2]["prompts"][1]
    assert stop["verdicts"]["agreed"] == 3
    assert stop["responses"][0]["response"]["verdict"] == "agreed"


def test_the_series_json_lists_each_event(store, evening, london):
    data = json.loads(render(build_series_report(store, "PMO Flashmob"), "json"))
    assert [e["title"] for e in data["series"]["events"]] == [
        "PMO Flashmob London",
        "PMO Flashmob Birmingham",
    ]
    assert data["series"]["prompts"][1]["events"][0]["verdicts"]["divided"] == 2


# --- PDF -----------------------------------------------------------------------------------


def test_the_pdf_holds_every_tables_outcome(report):
    data = render(report, "pdf")
    text = pdf_text(data)
    assert "PMO Flashmob Birmingham" in text
    assert "Kendall's W is 0.52" in text
    for table, fact in outcome_facts(report):
        assert table in text
        assert " ".join(fact.split()) in text, fact
    # The font is embedded, not one of the standard 14.
    assert b"/FontFile2" in data
    assert b"DejaVu" in data or b"FacilitatorSans" in data


def test_the_pdf_prints_markup_and_scripts_as_typed(store, awkward):
    text = pdf_text(render(build_event_report(store, awkward.id), "pdf"))
    assert "<b>bold</b> & <font size=40>big</font>" in text
    assert "Łódź, Αθήνα, Київ" in text
    assert "<i>T</i> & Co" in text


def test_the_series_pdf_starts_with_the_series_then_each_event(store, evening, london):
    data = render(build_series_report(store, "PMO Flashmob"), "pdf")
    reader = PdfReader(io.BytesIO(data))
    first = " ".join(reader.pages[0].extract_text().split())
    assert first.startswith("PMO Flashmob")
    assert (
        "opinion was divided; at PMO Flashmob Birmingham (20 Aug 2015) every table reached a "
        "consensus, all voting against." in first
    )
    text = pdf_text(data)
    assert text.index("How the consensus moved") < text.index("PMO Flashmob London PMO Flashmob")


# --- writing -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "pdf", "csv", "json"])
def test_write_report_writes_exactly_the_render(tmp_path, report, fmt):
    path = write_report(report, fmt, tmp_path / f"out.{fmt}")
    assert path.read_bytes() == render(report, fmt)
    assert format_for(path) == fmt


def test_a_failed_write_leaves_the_old_file_and_no_partial_one(tmp_path, report, monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "report.md"
    target.write_text("the old write-up")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(WriteFailed, match="the disk is full"):
        write_report(report, "md", target)
    assert target.read_text() == "the old write-up"
    assert [p.name for p in folder.iterdir()] == ["report.md"]


def test_writing_into_a_missing_folder_or_a_folder_is_an_input_error(tmp_path, report):
    with pytest.raises(InputError, match="does not exist"):
        write_report(report, "md", tmp_path / "nope" / "r.md")
    with pytest.raises(InputError, match="is a folder"):
        write_report(report, "md", tmp_path)
    with pytest.raises(InputError, match='unknown report format "docx"'):
        render(report, "docx")


def test_the_suggested_name_is_safe_on_every_system(store, awkward, report):
    assert suggested_name(report, "pdf") == "pmo-flashmob-birmingham-2015-08-20.pdf"
    name = suggested_name(build_event_report(store, awkward.id), "md")
    assert re.fullmatch(r"[\w-]+\.md", name)


# --- the in-app view -----------------------------------------------------------------------


def test_the_in_app_html_escapes_user_text(store, awkward, evening, london):
    from facilitator.reports.html import render_html

    html = render_html(build_event_report(store, awkward.id))
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;font size=40&gt;" in html
    assert "<b>bold</b>" not in html and "<i>T</i>" not in html
    series = render_html(build_series_report(store, "PMO Flashmob"))
    assert "How the consensus moved" in series
    assert series.index("PMO Flashmob London") < series.index("PMO Flashmob Birmingham")


def test_a_table_with_many_long_points_and_notes_still_makes_a_pdf(store):
    # One table's points once filled more than a page, which ReportLab refused to lay out.
    from facilitator import deck_file
    from facilitator.store import PromptResponse, PromptsResult, Verdict
    from tests.conftest import SAMPLE_DECKS

    event = store.create_event(title="Long evening", table_count=1)
    deck = deck_file.load(SAMPLE_DECKS / "pmo-flashmob-prompts.deck.json")
    item = store.add_agenda_item(event.id, deck)
    points = tuple(f"point {k} " + "word " * 30 for k in range(25))
    response = PromptResponse(verdict=Verdict.AGREED, key_points=points, notes="note " * 1200)
    table = store.list_tables(event.id)[0]
    store.save_outcome(table.id, item.id, PromptsResult({c.code: response for c in deck.cards}))
    text = pdf_text(render(build_event_report(store, event.id), "pdf"))
    assert "point 24" in text and "Long evening" in text


def test_tables_that_agreed_on_opposite_sides_are_never_said_to_agree(store):
    # Verdict "agreed" is a consensus within a table: 5–0 for and 0–5 against are two.
    from facilitator import deck_file
    from facilitator.reports.html import render_html
    from facilitator.store import PromptResponse, PromptsResult, Verdict
    from tests.conftest import SAMPLE_DECKS

    event = store.create_event(title="Opposite sides", table_count=2)
    deck = deck_file.load(SAMPLE_DECKS / "pmo-flashmob-prompts.deck.json")
    item = store.add_agenda_item(event.id, deck)
    yes, no = store.list_tables(event.id)
    for table, votes in ((yes, (5, 0)), (no, (0, 5))):
        response = PromptResponse(Verdict.AGREED, votes_for=votes[0], votes_against=votes[1])
        store.save_outcome(table.id, item.id, PromptsResult({"P2": response}))
    report = build_event_report(store, event.id)
    sentence = "Both tables reached a consensus, but not the same one: 1 for, 1 against."
    for text in (render_markdown(report), render_html(report), pdf_text(render(report, "pdf"))):
        assert sentence in text
        assert "Both tables agreed" not in text
