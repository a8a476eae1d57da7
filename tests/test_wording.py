"""Counted words and lists: the English the print engine and the reports share."""

import pytest

from facilitator.wording import join_and, plural


@pytest.mark.parametrize(
    ("n", "expected"), [(0, "0 sheets"), (1, "1 sheet"), (2, "2 sheets"), (-1, "-1 sheets")]
)
def test_plural_is_singular_for_exactly_one(n, expected):
    assert plural(n, "sheet") == expected


def test_plural_takes_an_irregular_plural():
    assert plural(1, "pouch", "pouches") == "1 pouch"
    assert plural(3, "pouch", "pouches") == "3 pouches"


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([], ""),
        (["cards"], "cards"),
        (["guide", "capture sheets"], "guide and capture sheets"),
        (
            ["guide", "calibration sheet", "capture sheets"],
            "guide, calibration sheet and capture sheets",
        ),
    ],
)
def test_join_and_lists_with_commas_and_a_final_and(parts, expected):
    assert join_and(parts) == expected


def test_join_and_takes_any_sequence():
    assert join_and(("A", "B")) == "A and B"
