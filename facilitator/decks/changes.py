"""What changed between two versions of a deck: cards added, changed and removed.

Cards are matched by their id (two versions of one deck file), else by code, else by title (a
spreadsheet imported again, whose cards have new ids). Used to update a deck from a re-imported
spreadsheet and to tell an event's copy of a deck from the deck as it is now.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from facilitator.decks.model import Card, Deck, assign_codes, check, make_suit, new_card_id

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


def compare(old: Deck, new: Deck, by_code: bool = True, codes_matter: bool = True) -> DeckChanges:
    """The changes that turn `old` into `new`. `codes_matter=False` ignores code differences
    (a spreadsheet without a code column, whose cards keep the deck's codes)."""
    matched = match_cards(old, new, by_code)
    fields = COMPARED_FIELDS if codes_matter else COMPARED_FIELDS[1:]
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
        if getattr(old, name) != getattr(new, name)
    )
    return DeckChanges(tuple(added), tuple(changed), removed, deck_fields)


def update_from(old: Deck, imported: Deck, codes_given: bool) -> Deck:
    """`old` with the cards of `imported`: matched cards keep their id (and, unless the import
    gave codes, their code); new cards get the next free code; missing cards go. The deck's
    title, kind and instructions stay; suits named by the import are added."""
    matched = match_cards(old, imported, by_code=codes_given)
    suits = list(old.suits)
    for suit in imported.suits:
        if old.suit(suit.name) is None:
            taken = {s.prefix for s in suits}
            suits.append(suit if suit.prefix not in taken else replace(suit, prefix=""))
    # A new suit whose prefix the deck already uses gets the next free one.
    suits = [s if s.prefix else make_suit(s.name, suits, colour=s.colour) for s in suits]
    cards = []
    for card in imported.cards:
        before = matched.get(card.id)
        if before is not None:
            code = card.code if codes_given else before.code
            cards.append(replace(card, id=before.id, code=code))
        else:
            cards.append(replace(card, id=new_card_id(), code=card.code if codes_given else ""))
    # A kept code may clash with a new card's code from the file: the new card renumbers.
    seen: set[str] = set()
    unique = []
    for card in cards:
        if card.code in seen:
            card = replace(card, code="")
        seen.add(card.code)
        unique.append(card)
    updated = replace(old, suits=tuple(suits), cards=tuple(unique))
    # A removed card's code is not given to a new card: printed sets still carry it.
    kept_ids = {c.id for c in matched.values()}
    removed_codes = [c.code for c in old.cards if c.id not in kept_ids]
    return check(assign_codes(updated, reserved=removed_codes))
