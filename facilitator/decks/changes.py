"""What changed between two versions of a deck: cards added, changed and removed.

Cards are matched by their id (two versions of one deck file), else by code, else by title (a
spreadsheet imported again, whose cards have new ids). Used to update a deck from a re-imported
spreadsheet and to tell an event's copy of a deck from the deck as it is now.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from facilitator.decks.model import (
    Card,
    Deck,
    assign_codes,
    check,
    make_suit,
    new_card_id,
    with_used_pictures,
)

COMPARED_FIELDS = ("code", "suit", "title", "body", "back", "copies", "note")
FIELD_WORDS = {"copies": "copies", "back": "back", "note": "note"}


@dataclass(frozen=True)
class CardChange:
    before: Card
    after: Card
    fields: tuple[str, ...]  # the fields that differ, in COMPARED_FIELDS order


@dataclass(frozen=True)
class DeckChanges:
    added: tuple[Card, ...]
    changed: tuple[CardChange, ...]
    removed: tuple[Card, ...]
    deck_fields: tuple[str, ...] = ()  # "title", "kind", "instructions", "suits" when they differ

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed or self.deck_fields)

    def summary(self) -> str:
        """ "2 added, 1 changed, 1 removed" (what happened), or "no changes"."""
        parts = [
            f"{len(cards)} {word}"
            for cards, word in (
                (self.added, "added"),
                (self.changed, "changed"),
                (self.removed, "removed"),
            )
            if cards
        ]
        if self.deck_fields:
            parts.append("the deck's " + " and ".join(self.deck_fields) + " changed")
        return ", ".join(parts) or "no changes"

    def lines(self) -> list[str]:
        """One line per card: "Added R7 Head of PMO", "Changed R2 PMO Analyst: body, copies"."""
        out = [f"Added {c.code} {c.title}" for c in self.added]
        for change in self.changed:
            what = ", ".join(FIELD_WORDS.get(f, f) for f in change.fields)
            out.append(f"Changed {change.before.code} {change.before.title}: {what}")
        out.extend(f"Removed {c.code} {c.title}" for c in self.removed)
        if self.deck_fields:
            out.append("Changed the deck's " + " and ".join(self.deck_fields))
        return out


def match_cards(old: Deck, new: Deck, by_code: bool = True) -> dict[str, Card]:
    """New card id -> the old card it is a version of: same id, else code, else title."""
    unmatched = list(old.cards)
    matched: dict[str, Card] = {}

    # Not type-checked below: same: a test on two cards.
    def take(new_card: Card, same) -> bool:  # type: ignore[no-untyped-def]
        for candidate in unmatched:
            if same(candidate, new_card):
                matched[new_card.id] = candidate
                unmatched.remove(candidate)
                return True
        return False

    rules = [lambda a, b: a.id == b.id]
    if by_code:
        rules.append(lambda a, b: a.code == b.code)
    rules.append(lambda a, b: a.title.strip().casefold() == b.title.strip().casefold())
    for rule in rules:
        for card in new.cards:
            if card.id not in matched:
                take(card, rule)
    return matched


def compare(
    old: Deck,
    new: Deck,
    by_code: bool = True,
    fields: tuple[str, ...] = COMPARED_FIELDS,
    deck_too: bool = True,
) -> DeckChanges:
    """The changes that turn `old` into `new`, comparing only `fields` of matched cards (a
    spreadsheet without a code or body column changes no code or body) and, with `deck_too`,
    the deck's own title, kind, instructions and suits."""
    matched = match_cards(old, new, by_code)
    added, changed = [], []
    for card in new.cards:
        before = matched.get(card.id)
        if before is None:
            added.append(card)
            continue
        differ = tuple(f for f in fields if getattr(before, f) != getattr(card, f))
        if differ:
            changed.append(CardChange(before, card, differ))
    kept = {c.id for c in matched.values()}
    removed = tuple(c for c in old.cards if c.id not in kept)
    deck_fields = tuple(
        name
        for name in ("title", "kind", "instructions", "suits")
        if deck_too and getattr(old, name) != getattr(new, name)
    )
    return DeckChanges(tuple(added), tuple(changed), removed, deck_fields)


def update_from(old: Deck, imported: Deck, given: tuple[str, ...] = COMPARED_FIELDS) -> Deck:
    """`old` with the cards of `imported`: a matched card keeps its id and takes the fields
    the import `given` (a spreadsheet without a body column leaves bodies alone; without a
    code column, codes stay); new cards get the next free code; missing cards go. The deck's
    title, kind and instructions stay; suits named by the import are added."""
    codes_given = "code" in given
    matched = match_cards(old, imported, by_code=codes_given)
    suits = list(old.suits)
    for suit in imported.suits:
        if old.suit(suit.name) is None:
            taken = {s.prefix for s in suits}
            suits.append(suit if suit.prefix not in taken else replace(suit, prefix=""))
    # A new suit whose prefix the deck already uses gets the next free one.
    suits = [s if s.prefix else make_suit(s.name, suits, colour=s.colour) for s in suits]
    # Without a suit column, new cards join the deck's own first suit, not the import's default.
    home = old.cards[0].suit if old.cards else (old.suits[0].name if old.suits else "")
    cards = []
    for card in imported.cards:
        if "suit" not in given and home:
            card = replace(card, suit=home)
        before = matched.get(card.id)
        if before is not None:
            kept = {f: getattr(before, f) for f in COMPARED_FIELDS if f not in given}
            # A spreadsheet has no pictures: a card keeps the one it had.
            cards.append(replace(card, id=before.id, picture=before.picture, **kept))
        else:
            # A new card keeps a code from the file only if it is of its suit: a blank code
            # cell was given a code of the import's own default suit.
            own = next((x for x in suits if x.name == card.suit), None)
            fits = own is not None and card.code.rstrip("0123456789") == own.prefix
            code = card.code if codes_given and fits else ""
            cards.append(replace(card, id=new_card_id(), code=code))
    # A kept code may clash with a new card's code from the file: the new card renumbers.
    seen: set[str] = set()
    unique = []
    for card in cards:
        if card.code in seen:
            card = replace(card, code="")
        seen.add(card.code)
        unique.append(card)
    used = {c.suit for c in unique}
    suits = [s for s in suits if old.suit(s.name) is not None or s.name in used]
    updated = replace(old, suits=tuple(suits), cards=tuple(unique))
    updated = with_used_pictures(updated)
    # A removed card's code is not given to a new card: printed sets still carry it.
    kept_ids = {c.id for c in matched.values()}
    removed_codes = [c.code for c in old.cards if c.id not in kept_ids]
    return check(assign_codes(updated, reserved=removed_codes))


def best_match(
    imported: Deck, candidates: list[Deck], by_code: bool, at_least: float = 0.5
) -> int | None:
    """The index of the deck most of the imported cards are versions of (by code when the
    import gave codes, else by title), or None when no deck shares at least `at_least` of
    them: a spreadsheet exported from a deck and imported again updates that deck."""
    best, best_count = None, 0
    for index, deck in enumerate(candidates):
        count = len(match_cards(deck, imported, by_code))
        if count > best_count:
            best, best_count = index, count
    if best is None or best_count < max(1, at_least * len(imported.cards)):
        return None
    return best
