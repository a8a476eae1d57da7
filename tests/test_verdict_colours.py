"""Verdict colours read as text and are never mistaken for a table's set colour."""

import itertools

from facilitator.outcomes import Verdict
from facilitator.set_marks import SET_COLOURS
from facilitator.verdict_colours import VERDICT_COLOURS, VERDICT_FILLS
from tests.decks.test_file import _linear, colour_difference

MIN_DIFFERENCE = 10


def contrast_on_white(colour: str) -> float:
    r, g, b = _linear(colour)
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_every_verdict_has_a_colour_that_reads_on_white():
    assert set(VERDICT_COLOURS) == {*Verdict, None}
    for verdict, colour in VERDICT_COLOURS.items():
        assert contrast_on_white(colour) >= 4.5, verdict


def test_verdicts_stand_apart_from_each_other_and_from_the_set_colours():
    given = [(v, c) for v, c in VERDICT_COLOURS.items() if v is not None]
    pairs = [*itertools.combinations(given, 2), *itertools.product(given, SET_COLOURS)]
    close = [(a, b) for (a, x), (b, y) in pairs if colour_difference(x, y) < MIN_DIFFERENCE]
    assert close == []


def lightness(colour: str) -> float:
    """CIE L* of an sRGB colour, 0 (black) to 100 (white)."""
    r, g, b = _linear(colour)
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


def test_the_bar_colours_differ_in_lightness_so_they_read_in_black_and_white():
    fills = sorted(lightness(c) for v, c in VERDICT_FILLS.items() if v is not None)
    gaps = [b - a for a, b in itertools.pairwise(fills)]
    assert min(gaps) >= 10, fills
