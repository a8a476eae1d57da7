"""Agreement on matchings, and verdicts and key points merged across tables."""

import pytest

from facilitator.analysis import (
    match_agreement,
    merge_key_points,
    most_disputed,
    normalise_point,
    verdict_counts,
)
from facilitator.outcomes import Verdict

TABLES = [
    {"A1": ("R2", "R3"), "A2": ("R3",), "A3": ("nobody",)},
    {"A1": ("R2",), "A2": ("R3",), "A3": ("R2",)},
    {"A1": ("R2",), "A2": ("R3",)},
]


def test_shares_count_the_tables_that_placed_the_item():
    agreement = match_agreement(TABLES)
    a1 = agreement["A1"]
    assert (a1.tables, a1.placed) == (3, 3)
    assert dict(a1.counts) == {"R2": 3, "R3": 1}
    assert a1.shares["R2"] == 1.0
    assert a1.shares["R3"] == pytest.approx(1 / 3)
    a3 = agreement["A3"]  # the third table left A3 out
    assert (a3.tables, a3.placed) == (3, 2)
    assert dict(a3.shares) == {"R2": 0.5, "nobody": 0.5}


def test_agreement_is_the_mean_overlap_of_each_pair_of_tables():
    agreement = match_agreement(TABLES)
    # A1: {R2,R3}~{R2} = 1/2, {R2,R3}~{R2} = 1/2, {R2}~{R2} = 1 -> mean 2/3.
    assert agreement["A1"].agreement == pytest.approx(2 / 3)
    assert agreement["A2"].agreement == 1.0
    assert agreement["A3"].agreement == 0.0
    single = match_agreement([{"A1": ("R1",)}])["A1"]
    assert single.agreement is None


def test_the_most_disputed_items_come_first_and_unanimous_ones_are_left_out():
    disputed = most_disputed(match_agreement(TABLES))
    assert [a.item for a in disputed] == ["A3", "A1"]
    assert most_disputed(match_agreement(TABLES), limit=1)[0].item == "A3"


def test_verdict_counts_list_every_verdict_in_order():
    counts = verdict_counts([Verdict.AGREED, "agreed", "divided", "agreed_no"])
    assert list(counts) == list(Verdict)
    assert counts == {
        Verdict.AGREED_YES: 0,
        Verdict.AGREED_NO: 1,
        Verdict.DIVIDED: 1,
        Verdict.NO_CONSENSUS: 0,
        Verdict.NOT_DISCUSSED: 0,
        Verdict.AGREED: 2,
    }


def test_key_points_merge_across_case_spacing_and_a_final_full_stop():
    merged = merge_key_points(
        [
            ["It is hard!", "Role profiles first", "it is  hard"],  # counted once here
            ["IT IS HARD", "Organisations want too much detail."],
            ["organisations want too much detail", "It is hard!"],
        ]
    )
    assert [(p.text, p.tables) for p in merged] == [
        ("It is hard!", 3),
        ("Organisations want too much detail.", 2),
        ("Role profiles first", 1),
    ]


def test_normalising_keeps_the_words():
    assert normalise_point("  Influence,\tNOT authority. ") == "influence, not authority"
    assert normalise_point("Ｆｕｌｌwidth") == "fullwidth"
    assert merge_key_points([["  ", ""]]) == []


def test_most_disputed_lists_every_item_tied_at_the_cut_off():
    from facilitator.analysis import match_agreement, most_disputed

    tables = [
        {"A1": ("R1",), "A2": ("R1",), "A3": ("R1",), "A4": ("R1",), "A5": ("R1",), "A6": ("R1",)},
        {
            "A1": ("R2",),
            "A2": ("R1", "R2"),
            "A3": ("R1", "R2"),
            "A4": ("R1", "R2"),
            "A5": ("R1", "R2"),
            "A6": ("R1",),
        },
    ]
    disputed = [a.item for a in most_disputed(match_agreement(tables), limit=3)]
    # A1 shares nothing; A2 to A5 are tied at 50%: all of them, not the first two by name.
    assert disputed == ["A1", "A2", "A3", "A4", "A5"]
    assert [a.item for a in most_disputed(match_agreement(tables), limit=1)] == ["A1"]
