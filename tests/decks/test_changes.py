"""What changed between two versions of a deck, and a deck updated from a re-import."""

from dataclasses import replace

from facilitator.decks.changes import compare, update_from
from facilitator.decks.model import ActivityKind, build_deck


def deck_of(*titles, codes=None):
    rows = [{"title": t, "code": (codes[i] if codes else "")} for i, t in enumerate(titles)]
    return build_deck("Roles", ActivityKind.RANK, rows)


def test_cards_are_matched_by_id_then_code_then_title():
    old = deck_of("Project Manager", "PMO Analyst", "Head of PMO")
    new = replace(
        old,
        cards=(
            replace(old.cards[0], title="Project Manager (senior)"),  # same id: changed
            old.cards[2],
            replace(old.cards[1], id="fresh1", body="Numbers"),  # new id, same code: changed
        ),
    )
    changes = compare(old, new)
    assert changes.added == () and changes.removed == ()
    assert [(c.before.code, c.fields) for c in changes.changed] == [
        ("C1", ("title",)),
        ("C2", ("body",)),
    ]
    assert changes.summary() == "2 changed"


def test_a_reimport_without_codes_matches_by_title_and_keeps_the_decks_codes():
    old = deck_of("Project Manager", "PMO Analyst", "Head of PMO")
    # The spreadsheet again: one card dropped, one added, one body filled in; its own codes
    # (C1, C2, C3 assigned afresh) mean nothing.
    imported = build_deck(
        "Roles",
        ActivityKind.RANK,
        [
            {"title": "Head of PMO"},
            {"title": "PMO Analyst", "body": "Numbers, plans"},
            {"title": "Portfolio Manager"},
        ],
    )
    given = ("title", "body")  # the sheet's columns: no code, no suit
    changes = compare(old, imported, by_code=False, fields=given, deck_too=False)
    assert changes.summary() == "1 added, 1 changed, 1 removed"
    assert changes.lines() == [
        "Added C3 Portfolio Manager",
        "Changed C2 PMO Analyst: body",
        "Removed C1 Project Manager",
    ]
    updated = update_from(old, imported, given)
    assert [(c.code, c.title) for c in updated.cards] == [
        ("C3", "Head of PMO"),
        ("C2", "PMO Analyst"),
        ("C4", "Portfolio Manager"),  # a new card takes the next free code, never C1's again
    ]
    assert updated.cards[1].id == old.cards[1].id  # the same card, kept
    assert updated.title == old.title


def test_a_reimport_with_codes_matches_by_code_and_takes_its_codes():
    old = deck_of("Project Manager", "PMO Analyst", codes=["C1", "C2"])
    imported = deck_of("Project Manager", "PMO Analyst (renamed)", "New", codes=["C1", "C2", "C9"])
    changes = compare(old, imported)
    assert changes.summary() == "1 added, 1 changed"
    updated = update_from(old, imported)
    assert [c.code for c in updated.cards] == ["C1", "C2", "C9"]
    assert updated.cards[1].id == old.cards[1].id
