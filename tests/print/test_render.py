"""The PDF as a reader sees it: text, fonts, viewer preferences, pages, warnings."""

from __future__ import annotations

import io
import re
import time
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader

from facilitator.decks.model import ActivityKind
from facilitator.print import (
    EventDetails,
    capture_sheet_pages,
    parse_options,
    pdf_bytes,
    plan_pack,
    render_card_pdf,
    render_pack,
    tent_card_pages,
    write_pdf,
)
from facilitator.print.fonts import printable_text
from tests.print.conftest import make_deck
from tests.strategies import decks as any_decks

POLYGLOT = [
    "Zażółć gęślą jaźń",
    "Kierownik Biura Projektów",
    "Διευθυντής έργου",
    "Руководитель проекта",
    "Ærøskøbing Straße Ĳssel",
]
CANARY = Path("/tmp/facilitator-print-canary")
EXPLOITS = [
    "<font color=\"[[[open('/tmp/facilitator-print-canary','w')]]]\">x</font>",
    '<img src="file:///etc/passwd"/>',
    "<b>not bold</b> & <i>not italic</i> &amp; &lt;",
    "<para><br/></para> <unclosed",
]


def squash(text: str) -> str:
    """Text without whitespace: wrapping moves line breaks, not characters."""
    return re.sub(r"\s+", "", text)


def read(path_or_bytes: Path | bytes) -> PdfReader:
    if isinstance(path_or_bytes, bytes):
        return PdfReader(io.BytesIO(path_or_bytes))
    return PdfReader(path_or_bytes)


def all_text(reader: PdfReader, orientations: tuple[int, ...] = (0,)) -> str:
    return "".join(page.extract_text(orientations=orientations) for page in reader.pages)


def test_every_title_is_in_the_pdf_including_polish_greek_and_cyrillic(tmp_path):
    deck = make_deck(POLYGLOT, bodies=[t[::-1] for t in POLYGLOT], title="Ελληνικά и кириллица")
    report = render_pack([deck], parse_options({"duplex": "long"}), tmp_path / "p.pdf")
    assert report.warnings == ()
    reader = read(tmp_path / "p.pdf")
    text = squash(all_text(reader, (0, 180)))
    for card in deck.cards:
        assert squash(card.title) in text
        assert squash(card.body) in text
        assert card.code in text
    assert squash(deck.title) in text


def test_markup_and_exploit_strings_print_literally_and_nothing_runs(tmp_path):
    CANARY.unlink(missing_ok=True)
    deck = make_deck(EXPLOITS, bodies=list(reversed(EXPLOITS)), title="<b>Deck</b> & co")
    report = render_pack([deck], parse_options({}), tmp_path / "p.pdf")
    # Long runs without spaces are broken with hyphens: compare without them.
    text = squash(all_text(read(tmp_path / "p.pdf"))).replace("-", "")
    for exploit in EXPLOITS:
        assert squash(exploit).replace("-", "") in text
    assert squash("<b>Deck</b> & co") in text
    assert not CANARY.exists()
    assert all("too long for a line" in w for w in report.warnings), report.warnings


def test_fonts_are_embedded_and_only_embedded_fonts_are_used(sample_decks, tmp_path):
    render_pack(
        sample_decks,
        parse_options({"guide": True, "tent-cards": True, "capture-sheets": True}),
        tmp_path / "p.pdf",
    )
    reader = read(tmp_path / "p.pdf")
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        assert fonts
        for ref in fonts.values():
            font = ref.get_object()
            assert font["/Subtype"] == "/TrueType", font["/BaseFont"]
            assert "/FontFile2" in font["/FontDescriptor"].get_object()
            assert "DejaVuSans" in font["/BaseFont"]


def test_viewers_are_told_not_to_scale_and_metadata_is_set(sample_decks, tmp_path):
    options = parse_options({"title": "Birmingham flashmob", "author": "Sam Facilitator"})
    render_pack(sample_decks, options, tmp_path / "p.pdf")
    reader = read(tmp_path / "p.pdf")
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/PrintScaling"] == "/None"
    assert reader.metadata.title == "Birmingham flashmob"
    assert reader.metadata.author == "Sam Facilitator"


def test_page_count_and_page_size_follow_the_plan(sample_decks, tmp_path):
    options = parse_options(
        {
            "sets": "3",
            "duplex": "long",
            "guide": True,
            "tent-cards": True,
            "capture-sheets": True,
            "calibration": True,
        }
    )
    plan = plan_pack(sample_decks, options)
    report = render_pack(sample_decks, options, tmp_path / "p.pdf")
    reader = read(tmp_path / "p.pdf")
    assert len(reader.pages) == plan.total_pages == report.pages
    # In a duplex pack every card front is an odd page, so fronts print on fronts.
    cards = next(s for s in plan.sections if s.name == "cards")
    assert cards.first_page % 2 == 1
    front = reader.pages[cards.first_page - 1]
    w, h = (float(v) / 72 * 25.4 for v in front.mediabox.upper_right)
    assert (w, h) == pytest.approx(plan.grid.page_size, abs=0.01)
    prompts = [d for d in sample_decks if d.kind == ActivityKind.PROMPTS]
    assert plan.tent_card_count == 3 * sum(len(d.cards) for d in prompts)


def test_each_card_prints_once_per_set_with_its_set_mark(tmp_path):
    deck = make_deck(["Alpha", "Beta", "Gamma"])
    options = parse_options({"sets": "4", "duplex": "short", "packing-list": "no"})
    render_pack([deck], options, tmp_path / "p.pdf")
    text = all_text(read(tmp_path / "p.pdf"), (0, 180))
    for n in range(1, 5):
        assert text.count(f"SET {n}") == 2 * 3  # front and back of each of three cards
    assert text.count("Alpha") == 4


def test_missing_glyphs_are_reported_by_card_and_never_print_as_boxes(tmp_path):
    deck = make_deck(["项目经理", "Fine"])
    report = render_pack([deck], parse_options({}), tmp_path / "p.pdf")
    code = deck.cards[0].code
    assert any(
        f"card {code}" in w and "U+9879" in w and "no glyph" in w for w in report.warnings
    ), report.warnings
    assert not any(f"card {deck.cards[1].code}" in w for w in report.warnings)
    text = all_text(read(tmp_path / "p.pdf"))
    assert "项" not in text and "????" in text


def test_a_word_too_long_for_a_line_is_hyphenated_and_named_in_a_warning(tmp_path):
    word = "Projektmanagementbürokoordinationsstellenleitung"
    deck = make_deck([word, "Fine"])
    report = render_pack([deck], parse_options({}), tmp_path / "p.pdf")
    named = [w for w in report.warnings if f'"{word}" is too long for a line' in w]
    assert len(named) == 1 and f"card {deck.cards[0].code}" in named[0]
    assert "-\n" in read(tmp_path / "p.pdf").pages[1].extract_text()


def test_text_too_long_for_the_card_is_reported_as_overflow_naming_the_card(tmp_path):
    long_body = "A sentence that goes on and on. " * 60
    deck = make_deck(["Short", "Long"], bodies=["fine", long_body])
    report = render_pack([deck], parse_options({}), tmp_path / "p.pdf")
    overflow = [w for w in report.warnings if "too long to fit" in w]
    assert len(overflow) == 1 and f"card {deck.cards[1].code}" in overflow[0]
    assert "…" in all_text(read(tmp_path / "p.pdf"))


def test_a_failed_render_leaves_no_file_and_keeps_an_old_one(tmp_path, monkeypatch):
    out = tmp_path / "pack.pdf"
    out.write_bytes(b"old pack")
    deck = make_deck(["One"])

    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("facilitator.print.card_renderer.CardPainter.draw_front", explode)
    with pytest.raises(RuntimeError):
        render_pack([deck], parse_options({}), out)
    assert out.read_bytes() == b"old pack"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "pack.pdf"]


def test_progress_reports_every_page(sample_decks, tmp_path):
    seen: list[tuple[int, int]] = []
    options = parse_options({"sets": "2", "duplex": "long"})
    report = render_pack(
        sample_decks, options, tmp_path / "p.pdf", progress=lambda *a: seen.append(a)
    )
    assert seen == [(n, report.pages) for n in range(1, report.pages + 1)]


def test_card_preview_is_one_page_front_and_back_and_fast(sample_decks):
    deck = sample_decks[0]
    card = deck.cards[1]
    options = parse_options({})
    render_card_pdf(deck, card, options)  # warm the font cache, as the app does at start
    started = time.perf_counter()
    for _ in range(5):
        data = render_card_pdf(deck, card, options, set_number=2)
    per_preview = (time.perf_counter() - started) / 5
    reader = read(data)
    assert len(reader.pages) == 1
    text = squash(reader.pages[0].extract_text())
    assert squash(card.title) in text and squash(deck.title) in text and "SET2" in text
    assert per_preview < 0.15, f"{per_preview * 1000:.0f} ms per preview"


def test_tent_cards_read_upright_from_both_sides_of_the_table(sample_decks):
    prompts = next(d for d in sample_decks if d.kind == ActivityKind.PROMPTS)
    options = parse_options({"sets": "2"})
    data = pdf_bytes(tent_card_pages([prompts], options), title="tents")
    reader = read(data)
    assert len(reader.pages) == 2 * len(prompts.cards)
    for page, card in zip(reader.pages, prompts.cards, strict=False):
        upright = squash(page.extract_text(orientations=(0,)))
        turned = squash(page.extract_text(orientations=(180,)))
        assert squash(printable_text(card.title)) in upright
        assert squash(printable_text(card.title)) in turned


def test_tent_cards_say_whether_the_prompt_wants_a_yes_or_no_or_the_points_raised(sample_decks):
    prompts = next(d for d in sample_decks if d.kind == ActivityKind.PROMPTS)
    reader = read(pdf_bytes(tent_card_pages([prompts], parse_options({})), title="tents"))
    faces = [squash(page.extract_text(orientations=(0,))) for page in reader.pages]
    tags = {
        code: [tag for tag in ("YESORNO", "OPENQUESTION") if f"{tag}·{code}" in face]
        for code, face in zip(("P1", "P2", "P3", "P4"), faces, strict=True)
    }
    assert tags == {
        "P1": ["YESORNO"], "P2": ["YESORNO"], "P3": ["OPENQUESTION"], "P4": ["OPENQUESTION"],
    }  # fmt: skip


def test_capture_sheets_list_every_card_code_for_every_table(sample_decks, tmp_path):
    options = parse_options({"sets": "3"})
    out = tmp_path / "capture.pdf"
    write_pdf(capture_sheet_pages(sample_decks, options), out, title="capture")
    reader = read(out)
    assert len(reader.pages) == 3 * len(sample_decks)
    for n in range(1, 4):
        for deck in sample_decks:
            page = reader.pages[(n - 1) * len(sample_decks) + sample_decks.index(deck)]
            text = page.extract_text()
            assert f"SET {n}" in text
            for card in deck.cards:
                assert card.code in text
            if deck.kind == ActivityKind.PROMPTS:
                assert "Agreed" in text and "Divided" in text and "No consensus" in text


EVENING = EventDetails(
    title="PMO Flashmob Birmingham",
    when="Thursday 20 August 2015, 18:30",
    venue="Le Truc",
    tables={1: "Table 1", 2: "Window seats"},
)


def test_an_event_pack_names_the_event_and_each_table_on_its_capture_sheets(sample_decks, tmp_path):
    out = tmp_path / "pack.pdf"
    options = parse_options({"sets": "3", "capture-sheets": True})
    render_pack(sample_decks, options, out, event=EVENING)
    pages = read(out).pages[-9:]
    texts = [" ".join(page.extract_text().split()) for page in pages]
    for text in texts:
        assert "PMO Flashmob Birmingham · Thursday 20 August 2015, 18:30 · Le Truc" in text
    assert all(t.startswith("SET 1 · Table 1 ") for t in texts[:3])
    assert all(t.startswith("SET 2 · TABLE Window seats ") for t in texts[3:6])
    # A table the event does not name gets a blank to write on, as without an event.
    assert all(t.startswith("SET 3 · TABLE Capture sheet:") for t in texts[6:])


def test_capture_sheets_without_an_event_leave_blanks_for_it(sample_decks):
    text = " ".join(
        read(pdf_bytes(capture_sheet_pages(sample_decks, parse_options({})), title="c"))
        .pages[0]
        .extract_text()
        .split()
    )
    assert text.startswith("SET 1 · TABLE Capture sheet: Prompts Event Date ")


def test_capture_sheets_offer_what_the_capture_screen_records(sample_decks):
    from facilitator.outcomes import CAPTURE_VERDICTS

    reader = read(pdf_bytes(capture_sheet_pages(sample_decks, parse_options({})), title="c"))
    by_kind = {
        deck.kind: page.extract_text()
        for deck, page in zip(sample_decks, reader.pages, strict=True)
    }
    match = by_kind[ActivityKind.MATCH]
    assert "Nobody" in match and "Unsure" in match
    prompts = " ".join(by_kind[ActivityKind.PROMPTS].split())
    # The verdicts and vote counts by the names the capture screen gives them, for the two
    # questions; the two open questions ask for a line and the points, no verdict.
    verdicts = " ".join(v.label for v in CAPTURE_VERDICTS)
    assert prompts.count(verdicts) == 2 and "side not recorded" not in prompts
    assert prompts.count("Votes: For Against Abstain") == 2
    resource = prompts[prompts.index("How do you do resource management?") :]
    assert resource.startswith("How do you do resource management? In one line: Points raised:")
    assert "unsure" not in prompts


class Recorder:
    """A canvas stand-in that keeps the lines and strings a page draws (in points)."""

    def __init__(self) -> None:
        self.lines: list[tuple[float, float, float, float]] = []
        self.strings: list[tuple[float, float, str]] = []

    def line(self, x0, y0, x1, y1):
        self.lines.append((x0, y0, x1, y1))

    def drawString(self, x, y, text):
        self.strings.append((x, y, text))

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


def points_lines_per_prompt(deck) -> list[int]:
    (job,) = capture_sheet_pages([deck], parse_options({}))
    canvas = Recorder()
    job.draw(canvas)
    labels = sorted((y for _x, y, text in canvas.strings if text == "Points raised:"), reverse=True)
    label_x = next(x for x, _y, text in canvas.strings if text == "Points raised:")
    writing = [y0 for x0, y0, _x1, y1 in canvas.lines if abs(x0 - label_x) < 0.01 and y0 == y1]
    bounds = [*labels[1:], float("-inf")]
    return [
        sum(1 for y in writing if low < y < high) for high, low in zip(labels, bounds, strict=True)
    ]


def test_every_prompt_gets_the_same_lines_for_points_even_after_a_long_question(sample_decks):
    prompts = next(d for d in sample_decks if d.kind == ActivityKind.PROMPTS)
    assert points_lines_per_prompt(prompts) == [3, 3, 3, 3]
    long_question = (
        "When the project board asks the PMO to assure a project that the PMO itself planned, "
        "scheduled and reported on, who assures the assurer, and what should it tell the sponsor?"
    )
    cards = list(prompts.cards)
    cards[1] = replace(cards[1], title=long_question)
    assert points_lines_per_prompt(replace(prompts, cards=tuple(cards))) == [3, 3, 3, 3]


def test_a_big_rank_deck_gets_more_capture_pages():
    deck = make_deck([f"Card {i}" for i in range(45)])
    pages = list(capture_sheet_pages([deck], parse_options({})))
    assert len(pages) == 3


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(deck=any_decks())
def test_any_valid_deck_renders_and_every_problem_is_named(deck, tmp_path):
    out = tmp_path / "any.pdf"
    options = parse_options({"duplex": "long", "tent-cards": True, "capture-sheets": True})
    report = render_pack([deck], options, out)
    reader = read(out)
    assert len(reader.pages) == report.pages
    for warning in report.warnings:
        assert "card " in warning or "tent" in warning or "suit " in warning


def test_tent_cards_without_a_prompts_deck_are_a_warning_not_a_failure(tmp_path):
    deck = make_deck(["Alpha", "Beta"])
    options = parse_options({"tent-cards": True, "laminate": "sheet", "packing-list": "no"})
    report = render_pack([deck], options, tmp_path / "p.pdf")
    assert any("no tent cards" in w for w in report.warnings)
    assert report.pages == plan_pack([deck], options).total_pages == 1
