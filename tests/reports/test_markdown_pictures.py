"""The Markdown write-up brings its pictures: PNG files beside it, linked relatively, with alt
text; and the tables a reader compares at a glance."""

import re
from urllib.parse import unquote

from PIL import Image

from facilitator.reports import build_event_report, render, write_report
from facilitator.reports.html import render_html
from facilitator.reports.markdown import render_markdown

LINK = re.compile(r"!\[([^\]]+)\]\(([^)]+)\)")


def test_every_picture_is_written_beside_the_write_up_opens_and_is_linked(tmp_path, report):
    path = write_report(report, "md", tmp_path / "birmingham.md")
    text = path.read_text(encoding="utf-8")
    links = LINK.findall(text)
    assert len(links) == 3  # the rank grid, the heat map, the verdict bars
    for alt, target in links:
        assert "/" not in target and not target.startswith(("http", "file:"))
        file = tmp_path / unquote(target)
        assert file.exists(), target
        with Image.open(file) as image:
            image.verify()
            assert image.format == "PNG"
        with Image.open(file) as image:
            assert image.width >= 800 and image.height >= 60
            # A picture, not a blank page: more than one colour on it.
            assert len(image.convert("RGB").getcolors(1_000_000)) > 5
        assert len(alt) > 20
    pngs = sorted(p.name for p in tmp_path.glob("*.png"))
    assert pngs == sorted(unquote(t) for _, t in links)
    assert all(name.startswith("birmingham-") for name in pngs)


def test_markdown_to_standard_output_links_no_picture_it_cannot_write(report):
    text = render(report, "md").decode("utf-8")
    assert not LINK.search(text)
    assert "| 1 | Head of Portfolio Office | 1 | 1 | 3 |" in text


def test_the_write_up_has_tables_of_places_and_of_roles(report):
    text = render_markdown(report)
    assert "| # | Card | Table 1 | Table 2 | Table 3 |" in text
    assert "| 9= | Project Administrator | 10 | 9= | 4 |" in text
    assert "| 4 | PMO Manager | 3= | 4 | – |" in text
    assert "|  | *Pairs the other way round* | 1 (2%) | 2 (5%) | 21 (47%) **outlier** |" in text
    assert "| Capture lessons learned |  | 3/3 |  | 1/3 |  |  |  | 67% |" in text


def test_one_word_for_each_marker_everywhere(store, evening):
    from facilitator.outcomes import MatchResult, OutcomeStatus

    item = store.list_agenda(evening.id)[1]
    table = store.list_tables(evening.id)[0]
    store.save_outcome(table.id, item.id, MatchResult({"A1": ("unsure",)}), OutcomeStatus.RECORDED)
    report = build_event_report(store, evening.id)
    text = render_markdown(report)
    assert "“Unsure”" in text and "| Nobody | Unsure | Agreement |" in text  # a column
    html = render_html(report)
    for rendered in (text, html, render(report, "csv").decode("utf-8-sig")):
        assert "not sure" not in rendered.casefold()


def test_verdict_bars_carry_their_counts_in_ink_that_reads_on_them(report):
    from reportlab.graphics.shapes import Group, Rect, String

    from facilitator.reports.pictures import prompt_bars_picture

    prompts = report.sections[2]
    drawing = prompt_bars_picture(prompts, "bars").drawing

    def shapes(node):
        for item in getattr(node, "contents", []):
            yield item
            if isinstance(item, Group):
                yield from shapes(item)

    found = list(shapes(drawing))
    counts = [s for s in found if isinstance(s, String) and s.text.isdigit()]
    # Two questions reached: Table 1 divided on P1 (1), all three agreed no on P2 (3).
    assert sorted(s.text for s in counts) == ["1", "3"]
    bars = [r for r in found if isinstance(r, Rect) and r.width > 20 and r.height > 10]
    for count in counts:
        under = next(
            b for b in bars if b.x <= count.x <= b.x + b.width and b.y <= count.y <= b.y + b.height
        )
        fill = under.fillColor
        light = 0.2126 * fill.red + 0.7152 * fill.green + 0.0722 * fill.blue
        ink = count.fillColor
        ink_light = 0.2126 * ink.red + 0.7152 * ink.green + 0.0722 * ink.blue
        assert abs(light - ink_light) > 0.4  # dark ink on a light bar, white on a dark one
