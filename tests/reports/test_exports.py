"""The exports: every table's outcome in the Markdown, CSV, JSON and PDF; awkward text safe."""

import csv
import dataclasses
import io
import json
import os
import re

import pytest
from pypdf import PdfReader

from facilitator.atomic_write import WriteFailed
from facilitator.decks.model import PromptKind
from facilitator.errors import InputError
from facilitator.outcomes import MatchResult, RankResult
from facilitator.reports import build_event_report, build_series_report, render, write_report
from facilitator.reports.csv_export import COLUMNS, render_csv
from facilitator.reports.markdown import md, render_markdown
from facilitator.reports.model import MatchSection, PromptsSection, RankSection
from facilitator.reports.sample_evening import STOP
from facilitator.reports.wording import answer_label
from facilitator.reports.write import format_for, suggested_name
from tests.reports.conftest import FORMULA, MARKUP, NOTES, UNICODE

PROMPT_P1 = "Does the PMO have a role to play as custodian of the organisation's business model?"


def titles(section, codes):
    names = [section.title_of(c) for c in codes]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def placed_items(section, matching):
    """ "Activity → Role, Role" for each item the table placed."""
    return [
        f"{i.title} → {titles(section, matching.assignments[i.code])}"
        for i in section.items
        if i.code in matching.assignments
    ]


def votes(r):
    counted = [(r.votes_for, "for"), (r.votes_against, "against"), (r.votes_abstain, "abstaining")]
    return ", ".join(f"{n} {what}" for n, what in counted if n is not None)


def outcome_facts(report):
    """Per table and activity (or prompt): the heading its entry sits under, the table, and
    what the table produced, as texts that table's own entry in a write-up must hold."""
    facts = []
    for section in report.sections:
        if isinstance(section, RankSection):
            for t in section.tables:
                order = " › ".join(" = ".join(section.title_of(c) for c in lv) for lv in t.levels)
                left = [titles(section, t.left_out)] if t.left_out else []
                facts.append((section.title, t.table.name, [order, *left]))
        elif isinstance(section, MatchSection):
            for m in section.tables:
                placed = placed_items(section, m)
                facts.append((section.title, m.table.name, placed))
        elif isinstance(section, PromptsSection):
            for prompt in section.prompts:
                for tr in prompt.responses:
                    r = tr.response
                    # An open question asks no verdict: "Answered" or "In one line: ...".
                    said = [answer_label(r), votes(r), r.position, *r.key_points, r.notes]
                    facts.append((prompt.question, tr.table.name, [f for f in said if f]))
    return facts


def test_the_facts_cover_votes_positions_and_notes(report):
    facts = {(heading, table): said for heading, table, said in outcome_facts(report)}
    stop = facts[("Should the PMO have authority to stop projects?", "Table 1")]
    assert stop[:3] == ["Agreed: no", "0 for, 5 against", STOP]
    assert stop[-1].startswith("Unanimous after ten minutes")


def flat(text):
    return " ".join(text.split())


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


# --- Markdown ------------------------------------------------------------------------------


def markdown_entry(lines, heading, table):
    """The line of `table` in the part of the write-up under `heading`."""
    start = next(i for i, line in enumerate(lines) if line.endswith(f"# {md(heading)}"))
    return next(line for line in lines[start:] if line.startswith(f"- **{md(table)}**: "))


def test_the_markdown_holds_every_tables_outcome(report):
    lines = render_markdown(report).splitlines()
    for heading, table, said in outcome_facts(report):
        entry = markdown_entry(lines, heading, table)
        for fact in said:
            assert md(fact) in entry, (table, fact)


def test_the_markdown_gives_each_tables_notes_as_typed(store, awkward):
    lines = render_markdown(build_event_report(store, awkward.id)).splitlines()
    entry = markdown_entry(lines, PROMPT_P1, "<i>T</i> & Co")
    assert entry.endswith(r"Notes: line one \*two\* \<i\>three\</i\> & \[x\](y).")


def test_the_markdown_reads_like_the_seed_story(report):
    text = render_markdown(report)
    assert text.startswith("# PMO Flashmob Birmingham\n")
    assert (
        "### Should the PMO have authority to stop projects?\n\nAll 3 tables agreed: no.\n"
    ) in text
    assert "- Chicken and egg: no job without experience (2 tables)" in text
    assert "- It is hard! (3 tables)" in text
    # W = 0.52 with 3 tables: no adjective, the chance level and the p it rests on.
    assert (
        "Across 3 tables Kendall's W is 0.52, where chance alone gives about 0.33 (1 means every "
        "table chose the same order): with 3 tables this cannot be told apart from chance "
        "(p = 0.08, from 4,000 random reshuffles of each table's places)."
    ) in text
    assert "moderate agreement" not in text
    assert "Table 3 stood apart: it put Project Coordinator 2nd (consensus 8th)" in text
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


def test_the_csv_opens_in_excel_in_long_form(report):
    data = render(report, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") >= len(read_csv(data)) + 1
    assert b"\n" not in data.replace(b"\r\n", b"")
    rows = read_csv(data)
    assert list(rows[0]) == list(COLUMNS)
    rank = [r for r in rows if r["kind"] == "rank" and r["row"] == "table"]
    # One row per table and card: 10 cards for each of 3 tables.
    assert len(rank) == 30
    first = [(r["code"], r["place"], r["tied"]) for r in rank if r["table"] == "Table 1"][:4]
    assert first == [("R10", "1", ""), ("R9", "2", ""), ("R8", "3", "yes"), ("R7", "3", "yes")]
    left_out = [r for r in rank if r["table"] == "Table 3" and not r["place"]]
    assert [r["code"] for r in left_out] == ["R7"]
    assert {r["outlier"] for r in rank if r["table"] == "Table 3"} == {"yes"}


def csv_outcomes(rows, event_title):
    """The outcomes as the CSV tells them: {(activity, table): levels / matching / answers}."""
    found = {}
    for r in rows:
        if r["row"] != "table" or r["event"] != event_title:
            continue
        key = (r["activity"], r["table"])
        if r["kind"] == "rank":
            places = found.setdefault(key, {})
            if r["place"]:
                places.setdefault(int(r["place"]), []).append(r["code"])
        elif r["kind"] == "match":
            found.setdefault(key, {}).setdefault(r["code"], []).append(r["target"])
        else:
            found.setdefault(key, {})[r["code"]] = (
                r["verdict"],
                r["votes_for"],
                r["votes_against"],
                r["position"],
                r["summary"],
                r["points"],
                r["notes"],
            )
    for (activity, table), value in found.items():
        if value and all(isinstance(k, int) for k in value):
            found[(activity, table)] = tuple(tuple(value[p]) for p in sorted(value))
    return found


def count(value):
    return "" if value is None else str(value)


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_the_csv_round_trips_every_recorded_outcome(store, evening, delimiter):
    report = build_event_report(store, evening.id)
    rows = list(
        csv.DictReader(
            io.StringIO(render_csv(report, delimiter=delimiter).lstrip("\ufeff"), newline=""),
            delimiter=delimiter,
        )
    )
    got = csv_outcomes(rows, report.title)
    expected = {}
    agenda = {a.id: a for a in store.list_agenda(evening.id)}
    tables = {t.id: t.name for t in store.list_tables(evening.id)}
    for outcome in store.list_outcomes(event_id=evening.id):
        key = (agenda[outcome.item_id].title, tables[outcome.table_id])
        result = outcome.result
        if isinstance(result, RankResult):
            expected[key] = tuple(tuple(level) for level in result.levels)
        elif isinstance(result, MatchResult):
            expected[key] = {item: list(t) for item, t in result.assignments.items()}
        else:
            expected[key] = {
                code: (
                    answer_label(r),
                    count(r.votes_for),
                    count(r.votes_against),
                    r.position,
                    r.summary,
                    "; ".join(r.key_points),
                    r.notes,
                )
                for code, r in result.responses.items()
            }
    assert got == expected


def test_the_csv_consensus_rows_carry_place_borda_w_and_p(report):
    rows = read_csv(render(report, "csv"))
    consensus = [r for r in rows if r["row"] == "consensus" and r["kind"] == "rank"]
    assert [r["code"] for r in consensus[:2]] == ["R10", "R9"]
    top = consensus[0]
    rank = report.sections[0]
    assert float(top["borda"]) == pytest.approx(rank.borda["R10"])
    assert (top["kendall_w"], top["p"], top["p_method"]) == ("0.524", "0.083", "permutation")
    # The split at the bottom is a shared place, not a firm order.
    assert [(r["place"], r["tied"]) for r in consensus[-2:]] == [("9", "yes"), ("9", "yes")]


def test_a_semicolon_csv_writes_comma_decimals(tmp_path, report):
    path = write_report(report, "csv", tmp_path / "de.csv", csv_delimiter=";")
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    top = next(r for r in rows if r["row"] == "consensus" and r["kind"] == "rank")
    assert top["kendall_w"] == "0,524"
    with pytest.raises(InputError, match="a CSV delimiter must be one of"):
        render_csv(report, delimiter="|")


def test_csv_cells_that_excel_would_run_are_protected(store, awkward):
    rows = read_csv(render(build_event_report(store, awkward.id), "csv"))
    assert rows[0]["venue"] == "'" + FORMULA
    assert rows[0]["table"] == "<i>T</i> & Co"
    assert any(r["table"] == "'" + FORMULA[:40] for r in rows)
    prompt = next(r for r in rows if r["kind"] == "prompts")
    assert prompt["points"].startswith("'" + FORMULA)
    assert prompt["notes"] == NOTES
    assert prompt["position"] == MARKUP


# --- JSON ----------------------------------------------------------------------------------


def test_the_json_holds_the_whole_report(report):
    data = json.loads(render(report, "json"))
    assert (data["format"], data["version"]) == ("facilitator-report", 2)
    event = data["event"]
    assert [s["kind"] for s in event["sections"]] == ["rank", "match", "prompts"]
    rank = event["sections"][0]
    assert rank["tables"][0]["levels"][2] == ["R8", "R7"]
    assert rank["tables"][2]["outlier"] is True
    stop = event["sections"][2]["prompts"][1]
    assert stop["verdicts"]["agreed_no"] == 3
    assert stop["responses"][0]["response"]["verdict"] == "agreed_no"


def test_the_series_json_lists_each_event(store, evening, london):
    data = json.loads(render(build_series_report(store, "PMO Flashmob"), "json"))
    assert [e["title"] for e in data["series"]["events"]] == [
        "PMO Flashmob London",
        "PMO Flashmob Birmingham",
    ]
    assert data["series"]["prompts"][1]["events"][0]["verdicts"]["divided"] == 2


# --- PDF -----------------------------------------------------------------------------------


def place_labels(levels):
    """code -> the place a table gave it, as the ranking comparison prints it ("3=" tied)."""
    labels, start = {}, 1
    for level in levels:
        for code in level:
            labels[code] = f"{start}=" if len(level) > 1 else str(start)
        start += len(level)
    return labels


def pdf_entries(report):
    """Texts the PDF holds only if it prints every table's own outcome."""
    entries = []
    for section in report.sections:
        if isinstance(section, RankSection):
            # Each row of the ranking comparison: the consensus card, then each table's place.
            places = [place_labels(t.levels) for t in section.tables]
            split_first = {c: f"{s.first}=" for s in section.splits for c in s.cards}
            for i, code in enumerate(section.consensus, 1):
                cells = " ".join(p.get(code, "–") for p in places)
                entries.append(f"{split_first.get(code, i)} {section.title_of(code)} {cells}")
        elif isinstance(section, MatchSection):
            for m in section.tables:
                placed = placed_items(section, m)
                entries.append(f"{m.table.name}: {'; '.join(placed)}.")
        elif isinstance(section, PromptsSection):
            for prompt in section.prompts:
                for tr in prompt.responses:
                    r = tr.response
                    said = [r.position, *(f"• {p}" for p in r.key_points), r.notes]
                    row = [tr.table.name, answer_label(r), votes(r)]
                    row += [x for x in said if x] or ["–"]
                    entries.append(flat(" ".join(x for x in row if x)))
    return entries


def test_the_pdf_holds_every_tables_outcome(report):
    data = render(report, "pdf")
    text = pdf_text(data)
    assert "PMO Flashmob Birmingham" in text
    assert "Kendall's W is 0.52" in text
    entries = pdf_entries(report)
    assert len(entries) == 10 + 3 + 9
    for entry in entries:
        assert entry in text, entry
    # The font is embedded, not one of the standard 14.
    assert b"/FontFile2" in data
    assert b"DejaVu" in data or b"FacilitatorSans" in data


def test_the_pdf_check_fails_without_a_tables_column(report):
    rank = report.sections[0]
    without = dataclasses.replace(
        report, sections=(dataclasses.replace(rank, tables=rank.tables[:2]), *report.sections[1:])
    )
    text = pdf_text(render(without, "pdf"))
    missing = [e for e in pdf_entries(report) if e not in text]
    assert len(missing) == len(rank.consensus)


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
    text = pdf_text(data)
    assert (
        "opinion was divided; at PMO Flashmob Birmingham (20 Aug 2015) every table agreed: no."
        in text
    )
    assert text.index("How the consensus moved") < text.index("PMO Flashmob London PMO Flashmob")


# --- writing -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["pdf", "csv", "json"])
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
    from facilitator.decks import file as deck_file
    from facilitator.outcomes import PromptResponse, PromptsResult, Verdict, open_response
    from tests.conftest import SAMPLE_DECKS

    event = store.create_event(title="Long evening", table_count=1)
    deck = deck_file.load(SAMPLE_DECKS / "pmo-flashmob-prompts.deck.json")
    item = store.add_agenda_item(event.id, deck)
    points = tuple(f"point {k} " + "word " * 30 for k in range(25))
    response = PromptResponse(verdict=Verdict.AGREED, key_points=points, notes="note " * 1200)
    harvest = open_response(key_points=points, notes="note " * 1200)
    answers = {
        c.code: harvest if c.prompt_kind == PromptKind.OPEN_QUESTION else response
        for c in deck.cards
    }
    table = store.list_tables(event.id)[0]
    store.save_outcome(table.id, item.id, PromptsResult(answers))
    text = pdf_text(render(build_event_report(store, event.id), "pdf"))
    assert "point 24" in text and "Long evening" in text


def test_tables_that_agreed_on_opposite_sides_are_never_said_to_agree(store):
    # Verdict "agreed" is a consensus within a table: 5–0 for and 0–5 against are two.
    from facilitator.decks import file as deck_file
    from facilitator.outcomes import PromptResponse, PromptsResult, Verdict
    from facilitator.reports.html import render_html
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


def test_the_in_app_html_gives_each_tables_notes_in_its_row(store, awkward, report):
    from html import escape

    from facilitator.reports.html import render_html

    for rep in (report, build_event_report(store, awkward.id)):
        html = render_html(rep)
        for heading, table, said in outcome_facts(rep):
            if heading not in {p.question for s in rep.sections for p in getattr(s, "prompts", ())}:
                continue
            part = html[html.index(f"<h3>{escape(heading)}</h3>") :]
            row = next(r for r in part.split("<tr>") if f"{escape(table)}</td>" in r)
            for fact in said:
                for line in fact.splitlines():
                    assert escape(" ".join(line.split())) in row, (table, line)
    awkward_html = render_html(build_event_report(store, awkward.id))
    assert "Notes: line one<br/>*two* &lt;i&gt;three&lt;/i&gt; &amp; [x](y)" in awkward_html
