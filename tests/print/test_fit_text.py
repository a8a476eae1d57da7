"""Text fitting: wrapped within the width, the largest size that fits, overflow reported."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.print.fit_text import (
    ELLIPSIS,
    TextSpec,
    clip,
    fit,
    total_height,
    unit_width,
    wrap,
)
from facilitator.print.fonts import BOLD, REGULAR, register_fonts

register_fonts()

words = st.text(
    st.characters(whitelist_categories=("Lu", "Ll", "Nd"), max_codepoint=0x44F),
    min_size=1,
    max_size=18,
)
texts = st.lists(words, min_size=1, max_size=60).map(" ".join)


@settings(max_examples=80, deadline=None)
@given(texts, st.floats(5, 20), st.floats(40, 300))
def test_every_wrapped_line_fits_the_width_and_no_word_is_lost(text, size, width):
    lines = wrap(text, REGULAR, size, width)
    for line in lines:
        assert unit_width(line, REGULAR) * size <= width + 1e-6
    # Nothing lost: only spaces go, and hyphens come where a long word is broken.
    assert "".join(lines).replace(" ", "").replace("-", "") == text.replace(" ", "").replace(
        "-", ""
    )


def test_a_word_longer_than_a_line_is_broken_with_hyphens_and_named():
    word = "Projektmanagementbürokoordinationsstelle"
    lines = wrap(word, REGULAR, 10, 60)
    assert len(lines) > 1
    assert all(line.endswith("-") for line in lines[:-1]) and not lines[-1].endswith("-")
    assert "".join(line[:-1] for line in lines[:-1]) + lines[-1] == word
    for line in lines:
        assert unit_width(line, REGULAR) * 10 <= 60 + 1e-6
    result = fit([TextSpec(word, BOLD, 15, 9)], 60, 200)
    assert result.split_words == (word,) and not result.overflow
    # Short words fit at some size: nothing is split and nothing is named.
    assert fit([TextSpec("Project manager", BOLD, 15, 9)], 60, 200).split_words == ()


@settings(max_examples=60, deadline=None)
@given(texts, texts, st.floats(80, 200), st.floats(60, 300))
def test_fit_picks_the_largest_scale_that_fits(title, body, width, height):
    specs = [TextSpec(title, BOLD, 15, 9), TextSpec(body, REGULAR, 10, 6.5)]
    result = fit(specs, width, height, gap=6)
    used = total_height(list(result.blocks), 6)
    if result.overflow:
        assert used <= height + 1e-6
        assert result.blocks[0].size == 9
        assert any(line.endswith(ELLIPSIS) for b in result.blocks for line in b.lines)
        return
    assert used <= height + 1e-6
    title_size = result.blocks[0].size
    if title_size < 15:
        # A step of 1/64 of the range bigger no longer fits, or would split a word: the
        # bisection found the edge.
        t = (title_size - 9) / 6 + 1 / 64
        sizes = ((title, BOLD, 9 + 6 * t, 1.2), (body, REGULAR, 6.5 + 3.5 * t, 1.2))
        blocks = [wrap(text, font, size, width) for text, font, size, _ in sizes]
        height_needed = sum(
            len(b) * size * lead for b, (_, _, size, lead) in zip(blocks, sizes, strict=True)
        )
        height_needed += 6 if all(blocks) else 0
        split = any(
            not set(" ".join(b).split()) <= set(text.split())
            for b, (text, *_) in zip(blocks, sizes, strict=True)
        )
        assert split or height_needed > height


def test_short_text_gets_the_maximum_size():
    result = fit([TextSpec("PMO Analyst", BOLD, 15, 9)], 150, 100)
    assert not result.overflow and result.blocks[0].size == 15


def test_text_shrinks_before_a_word_is_split():
    result = fit([TextSpec("Administrator", BOLD, 15, 9)], 80, 200)
    assert result.blocks[0].lines == ("Administrator",)
    assert 9 < result.blocks[0].size < 15


def test_a_word_longer_than_the_line_is_broken_not_lost():
    lines = wrap("Donaudampfschifffahrtsgesellschaftskapitän", BOLD, 14, 60)
    assert len(lines) > 1
    assert "".join(line.removesuffix("-") for line in lines) == (
        "Donaudampfschifffahrtsgesellschaftskapitän"
    )


def test_line_breaks_in_the_text_are_kept():
    assert wrap("one\ntwo", REGULAR, 10, 500) == ["one", "two"]


def test_hierarchy_holds_when_text_shrinks():
    result = fit(
        [TextSpec("A title " * 6, BOLD, 15, 9), TextSpec("body text " * 40, REGULAR, 10, 6.5)],
        150,
        160,
        gap=6,
    )
    assert result.blocks[0].size > result.blocks[1].size


def test_clip_keeps_what_fits_and_shortens_the_rest_to_end_in_an_ellipsis():
    assert clip("Short", REGULAR, 10, 200) == "Short"
    width = unit_width("Portfolio", REGULAR) * 10
    clipped = clip("Portfolio Management Office", REGULAR, 10, width)
    assert clipped.endswith(ELLIPSIS) and "Portfolio".startswith(clipped[:-1])
    assert unit_width(clipped, REGULAR) * 10 <= width
    assert not clipped[:-1].endswith(" ")  # "Portfolio …" would waste the room on a space


def test_clip_of_text_already_cut_ends_in_an_ellipsis_even_when_it_fits():
    assert clip("What is the route", BOLD, 10, 500, cut=True) == "What is the route" + ELLIPSIS
    width = unit_width("What is the route", BOLD) * 10
    clipped = clip("What is the route", BOLD, 10, width, cut=True)
    assert clipped.endswith(ELLIPSIS) and unit_width(clipped, BOLD) * 10 <= width
