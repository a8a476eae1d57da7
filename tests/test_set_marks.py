"""Set marks tell tables apart for everyone: colours checked under simulated colour-vision
deficiencies, readable text on every colour, and a shape per set besides."""

from __future__ import annotations

import itertools

import pytest

from facilitator.print.contrast import MIN_CONTRAST, text_on
from facilitator.set_marks import SET_COLOURS, SET_SHAPES, set_colour, set_shape_name
from tests.decks.test_file import _linear, colour_difference

# Machado, Oliveira and Fernandes (2009), severity 1: linear RGB to what a dichromat sees.
SIMULATIONS = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}  # fmt: skip
MIN_APART = 12  # CIEDE2000: plainly another colour side by side on a table


def seen_by(kind: str, colour: str) -> str:
    linear = _linear(colour)
    out = []
    for row in SIMULATIONS[kind]:
        c = min(1.0, max(0.0, sum(m * v for m, v in zip(row, linear, strict=True))))
        c = 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055
        out.append(f"{round(c * 255):02x}")
    return "#" + "".join(out)


def pairs_that_meet() -> set[tuple[int, int]]:
    """Neighbouring set numbers, and any two of the first five (most events' tables)."""
    n = len(SET_COLOURS)
    return {(i, i + 1) for i in range(1, n)} | set(itertools.combinations(range(1, 6), 2))


def test_simulation_matches_a_published_point():
    # Pure red is seen by a protanope as a dark olive and stays itself for nobody else.
    assert seen_by("protanopia", "#ff0000") != "#ff0000"
    assert colour_difference(seen_by("deuteranopia", "#808080"), "#808080") < 1


@pytest.mark.parametrize("kind", [None, *SIMULATIONS])
def test_sets_that_meet_stay_apart_for_common_colour_vision_deficiencies(kind):
    def seen(colour: str) -> str:
        return colour if kind is None else seen_by(kind, colour)

    close = [
        (a, b, round(colour_difference(seen(set_colour(a)), seen(set_colour(b))), 1))
        for a, b in sorted(pairs_that_meet())
        if colour_difference(seen(set_colour(a)), seen(set_colour(b))) < MIN_APART
    ]
    assert close == []


def test_text_reads_on_every_set_colour():
    for name, colour in SET_COLOURS:
        assert text_on(colour).ratio >= MIN_CONTRAST, name


def test_every_set_has_a_shape_and_colour_and_shape_together_repeat_late():
    assert len(set(SET_SHAPES)) == len(SET_SHAPES)
    marks = {(set_colour(n), set_shape_name(n)) for n in range(1, 41)}
    assert len(marks) == 40
