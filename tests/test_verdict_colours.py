"""Verdict colours read as text and are never mistaken for a table's set colour."""

import itertools

from facilitator.outcomes import Verdict
from facilitator.set_marks import SET_COLOURS
from facilitator.verdict_colours import VERDICT_COLOURS
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
