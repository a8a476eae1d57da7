"""Edits to a deck as pure functions: each takes a valid deck and returns a valid new one.

An edit that would break a rule raises DeckInvalid with the problem, and the deck is unchanged;
the editor's undo stack simply keeps the deck before and after each edit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from facilitator.decks.model import (
    DEFAULT_SUIT_NAME,
    ActivityKind,
    Card,
    Deck,
    Picture,
    Suit,
    assign_codes,
    check,
    default_prefix,
    make_suit,
    new_card_id,
    read_prompt_kind,
    with_used_pictures,
)
from facilitator.errors import InputError

CARD_FIELDS = ("code", "suit", "title", "body", "back", "copies", "note", "prompt_kind")
NEW_CARD_TITLE = "New card"


def _cards(deck: Deck, cards: Iterable[Card]) -> Deck:
    return _pruned(assign_codes(replace(deck, cards=tuple(cards))))


def set_deck_field(deck: Deck, name: str, value: str) -> Deck:
    """Change the title, kind or instructions."""
    if name == "kind":
        try:
            kind = ActivityKind(value)
        except ValueError:
            raise InputError(f'unknown kind "{value}"') from None
        if kind == ActivityKind.MATCH and len(deck.suits) < 2:
            deck = replace(deck, suits=(*deck.suits, make_suit("Activity", deck.suits)))
        return check(replace(deck, kind=kind))
    if name == "title":
        return check(replace(deck, title=value))
    if name == "instructions":
        return check(replace(deck, instructions=value))
    raise InputError(f'a deck has no field "{name}"')


def set_card_field(deck: Deck, card_id: str, name: str, value: str | int) -> Deck:
    """Change one field of one card; a new suit gives the card the next code of that suit."""
    if name not in CARD_FIELDS:
        raise InputError(f'a card has no field "{name}"')
    if name == "code":
        value = str(value).strip().upper()
    if name == "copies":
        try:
            value = int(value)
        except ValueError:
            raise InputError(f'copies "{value}" is not a whole number') from None
    changes: dict[str, Any] = {name: value}
    if name == "prompt_kind":  # "question", "open question", ...: one sentence if unknown
        changes[name] = read_prompt_kind(str(value))
    if name == "suit":
        changes["code"] = ""  # the card takes the next code of its new suit
    return _cards(deck, (replace(c, **changes) if c.id == card_id else c for c in deck.cards))


def new_card(deck: Deck, suit: str | None = None, title: str = NEW_CARD_TITLE) -> Card:
    suit_name = suit or (deck.suits[-1].name if deck.suits else DEFAULT_SUIT_NAME[deck.kind])
    return Card(id=new_card_id(), code="", suit=suit_name, title=title)


def insert_cards(deck: Deck, cards: Sequence[Card], index: int | None = None) -> Deck:
    """Insert cards (without codes: they get the next free code of their suit)."""
    at = len(deck.cards) if index is None else max(0, min(index, len(deck.cards)))
    return _cards(deck, (*deck.cards[:at], *cards, *deck.cards[at:]))


def cards_from_lines(deck: Deck, text: str, suit: str | None = None) -> list[Card]:
    """One new card per non-empty pasted line; a tab splits a line into title and body."""
    cards = []
    for line in text.splitlines():
        if not line.strip():
            continue
        title, _tab, body = line.partition("\t")
        card = new_card(deck, suit, title.strip())
        cards.append(replace(card, body=body.strip()))
    return cards


def remove_cards(deck: Deck, card_ids: Iterable[str]) -> Deck:
    doomed = set(card_ids)
    return _cards(deck, (c for c in deck.cards if c.id not in doomed))


def move_cards(deck: Deck, card_ids: Sequence[str], to_row: int) -> Deck:
    """Move the cards (kept in their order) so the first lands before the card now at `to_row`."""
    moving = set(card_ids)
    before = sum(1 for c in deck.cards[:to_row] if c.id not in moving)
    rest = [c for c in deck.cards if c.id not in moving]
    picked = [c for c in deck.cards if c.id in moving]
    return _cards(deck, (*rest[:before], *picked, *rest[before:]))


def change_suit(deck: Deck, card_ids: Iterable[str], suit: str) -> Deck:
    if deck.suit(suit) is None:
        raise InputError(f'there is no suit "{suit}"')
    chosen = set(card_ids)
    cards = (
        replace(c, suit=suit, code="") if c.id in chosen and c.suit != suit else c
        for c in deck.cards
    )
    return _cards(deck, cards)


def add_suit(deck: Deck, name: str) -> Deck:
    name = name.strip()
    if not name:
        raise InputError("a suit needs a name")
    if deck.suit(name):
        raise InputError(f'there is already a suit "{name}"')
    return check(replace(deck, suits=(*deck.suits, make_suit(name, deck.suits))))


def update_suit(deck: Deck, old_name: str, suit: Suit) -> Deck:
    """Rename, recolour or re-prefix a suit; its cards follow a rename, and their codes follow.

    A new prefix renumbers the suit's cards (R1, R2… in deck order), so one suit never mixes
    C1 and R1. A rename takes a prefix that was the old name's default along ("Card" C → "Role"
    R) and renumbers; a prefix the person chose stays.
    """
    old = deck.suit(old_name)
    if old is None:
        raise InputError(f'there is no suit "{old_name}"')
    if suit.name != old_name and suit.prefix == old.prefix:
        others = [s.prefix for s in deck.suits if s.name != old_name]
        if old.prefix == default_prefix(old_name, others):
            suit = replace(suit, prefix=default_prefix(suit.name, others))
    if suit.prefix != old.prefix:
        taken = next(
            (s for s in deck.suits if s.name != old_name and s.prefix == suit.prefix), None
        )
        if taken is not None:
            raise InputError(f"the prefix {suit.prefix} is already used by the suit {taken.name}")
    suits = tuple(suit if s.name == old_name else s for s in deck.suits)
    cards = tuple(replace(c, suit=suit.name) if c.suit == old_name else c for c in deck.cards)
    updated = replace(deck, suits=suits, cards=cards)
    if suit.prefix != old.prefix:
        return renumber_codes(updated, [suit.name])
    return _pruned(updated)


def renumber_codes(deck: Deck, suit_names: Iterable[str] | None = None) -> Deck:
    """The codes of the named suits' cards (every suit's when None) become the suit's prefix
    and 1, 2, 3… in deck order; a code another suit's card holds is skipped, never taken."""
    chosen = {s.name for s in deck.suits} if suit_names is None else set(suit_names)
    cards = tuple(replace(c, code="") if c.suit in chosen else c for c in deck.cards)
    return _cards(deck, cards)


def codes_renumbered(before: Deck, after: Deck) -> list[tuple[str, str]]:
    """(old code, new code) for each card whose code an edit changed, in deck order."""
    old = {c.id: c.code for c in before.cards}
    return [(old[c.id], c.code) for c in after.cards if c.id in old and old[c.id] != c.code]


def remove_suit(deck: Deck, name: str) -> Deck:
    if deck.cards_of(name):
        raise InputError(f'suit "{name}" still has cards; move or delete them first')
    return _pruned(replace(deck, suits=tuple(s for s in deck.suits if s.name != name)))


def new_deck(title: str, kind: ActivityKind) -> Deck:
    """A fresh deck with the suits its kind needs and one card to start typing over."""
    if kind == ActivityKind.MATCH:
        first = make_suit("Role")
        suits: tuple[Suit, ...] = (first, make_suit("Activity", [first]))
    else:
        suits = (make_suit(DEFAULT_SUIT_NAME[kind]),)
    deck = Deck(title=title, kind=kind, suits=suits)
    return insert_cards(deck, [new_card(deck, suits[0].name)])


def _with_picture(deck: Deck, picture: Picture | None) -> Deck:
    """The deck carrying `picture` (once) and no picture nothing uses any more."""
    pictures = list(deck.pictures)
    if picture is not None and deck.picture(picture.key) is None:
        pictures.append(picture)
    return replace(deck, pictures=tuple(pictures))


def _pruned(deck: Deck) -> Deck:
    return check(with_used_pictures(deck))


def set_suit_icon(deck: Deck, suit_name: str, picture: Picture | None) -> Deck:
    """Print `picture` in the band of the suit's cards (None: no icon)."""
    if deck.suit(suit_name) is None:
        raise InputError(f'there is no suit "{suit_name}"')
    deck = _with_picture(deck, picture)
    key = picture.key if picture else ""
    suits = tuple(replace(s, icon=key) if s.name == suit_name else s for s in deck.suits)
    return _pruned(replace(deck, suits=suits))


def set_card_picture(deck: Deck, card_id: str, picture: Picture | None) -> Deck:
    """Print `picture` on the card's front, above its text (None: no picture)."""
    if not any(c.id == card_id for c in deck.cards):
        raise InputError("that card is no longer in the deck")
    deck = _with_picture(deck, picture)
    key = picture.key if picture else ""
    cards = tuple(replace(c, picture=key) if c.id == card_id else c for c in deck.cards)
    return _pruned(replace(deck, cards=cards))


def set_back_picture(deck: Deck, picture: Picture | None) -> Deck:
    """Print `picture` (a logo) on every card's back (None: no logo)."""
    deck = _with_picture(deck, picture)
    return _pruned(replace(deck, back_picture=picture.key if picture else ""))
