"""The deck model: decks, suits and cards as immutable values, with validation."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from facilitator.errors import InputError

# Limits keep a hostile or mistaken file from producing a PDF of a million pages.
MAX_TITLE = 300
MAX_TEXT = 4000
MAX_CARDS = 2000
MAX_SUITS = 26
MAX_COPIES = 99

CODE_PATTERN = re.compile(r"^[A-Z]{1,3}[0-9]{1,4}$")
PREFIX_PATTERN = re.compile(r"^[A-Z]{1,3}$")
COLOUR_PATTERN = re.compile(r"^#[0-9a-fA-F]{6}$")

# Used for suits that arrive without a colour: distinct in print and for colour-blind readers.
SUIT_PALETTE = ("#1f5f8b", "#c0504d", "#4f8a3c", "#8064a2", "#d9822b", "#2a9d8f", "#7f6000")


class ActivityKind(StrEnum):
    """What a table does with a deck at the event."""

    RANK = "rank"  # arrange into an order, ties allowed
    MATCH = "match"  # assign cards of the first suit to cards of the second
    PROMPTS = "prompts"  # discussion questions

    @property
    def label(self) -> str:
        return {"rank": "Rank", "match": "Match", "prompts": "Prompts"}[self.value]


class PromptKind(StrEnum):
    """What answer a prompt card asks a table for (prompt decks only).

    A card without a kind is a question: that is what every prompt meant before kinds existed.
    """

    QUESTION = "question"  # yes or no: the table gives a verdict with a side
    OPEN_QUESTION = "open_question"  # a harvest: the points the table raised, maybe a summary

    @property
    def label(self) -> str:
        return {"question": "Question (yes/no)", "open_question": "Open question"}[self.value]


# Words a deck file or a spreadsheet column may use for each kind, lower case.
PROMPT_KIND_WORDS: dict[str, PromptKind] = {
    "question": PromptKind.QUESTION,
    "yes/no": PromptKind.QUESTION,
    "yes/no question": PromptKind.QUESTION,
    "open_question": PromptKind.OPEN_QUESTION,
    "open question": PromptKind.OPEN_QUESTION,
    "open": PromptKind.OPEN_QUESTION,
    "harvest": PromptKind.OPEN_QUESTION,
}


def read_prompt_kind(text: str) -> PromptKind:
    """The kind a typed word names ("" is a question); InputError in one sentence otherwise."""
    word = " ".join(text.strip().lower().split())
    if not word:
        return PromptKind.QUESTION
    kind = PROMPT_KIND_WORDS.get(word)
    if kind is None:
        raise InputError(
            f'"{text.strip()[:30]}" is not a prompt kind: use "question" (yes/no) '
            'or "open question"'
        )
    return kind


DEFAULT_SUIT_NAME = {
    ActivityKind.RANK: "Card",
    ActivityKind.MATCH: "Card",
    ActivityKind.PROMPTS: "Prompt",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a deck: where (a field path such as `cards[3].suit`) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class DeckInvalid(InputError):
    """A deck breaks one or more rules; `problems` lists each with its field path."""

    def __init__(self, problems: list[Problem], source: str = "") -> None:
        self.problems = problems
        self.source = source
        prefix = f"{source}: " if source else ""
        super().__init__(prefix + str(problems[0]))

    def lines(self) -> list[str]:
        prefix = f"{self.source}: " if self.source else ""
        return [prefix + str(p) for p in self.problems]


@dataclass(frozen=True)
class Picture:
    """A picture carried inside the deck file, so the deck stays one file to email.

    `key` is a hash of the content (the same picture used twice is stored once); `kind` is
    "png", "jpeg" or "svg"; `data` the re-encoded bytes (see facilitator.decks.pictures).
    """

    key: str
    kind: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class Suit:
    """A named, coloured family of cards; `prefix` starts the printed codes of its cards."""

    name: str
    colour: str
    prefix: str
    icon: str = ""  # the key of a picture printed in the suit's band, "" for none


@dataclass(frozen=True)
class Card:
    """One card. `code` is printed small so a table's layout can be typed in quickly."""

    id: str
    code: str
    suit: str
    title: str
    body: str = ""
    back: str = ""
    copies: int = 1
    note: str = ""  # for the facilitator; never printed
    picture: str = ""  # the key of a picture printed on the front, "" for none
    prompt_kind: PromptKind = PromptKind.QUESTION  # read only in prompt decks


@dataclass(frozen=True)
class Deck:
    """The cards for one activity."""

    title: str
    kind: ActivityKind
    instructions: str = ""
    suits: tuple[Suit, ...] = ()
    cards: tuple[Card, ...] = field(default_factory=tuple)
    back_picture: str = ""  # the key of a picture (a logo) printed on every back, "" for none
    pictures: tuple[Picture, ...] = ()  # every picture the deck uses, each once

    def suit(self, name: str) -> Suit | None:
        return next((s for s in self.suits if s.name == name), None)

    def card_by_code(self, code: str) -> Card | None:
        code = code.strip().upper()
        return next((c for c in self.cards if c.code == code), None)

    def picture(self, key: str) -> Picture | None:
        return next((p for p in self.pictures if p.key == key), None) if key else None

    def picture_keys_used(self) -> list[str]:
        """The pictures the suits, cards and backs name, in that order, each once."""
        keys = [s.icon for s in self.suits] + [c.picture for c in self.cards]
        return list(dict.fromkeys(k for k in [*keys, self.back_picture] if k))

    def cards_of(self, suit_name: str) -> tuple[Card, ...]:
        return tuple(c for c in self.cards if c.suit == suit_name)

    @property
    def card_count(self) -> int:
        """Physical cards in one set (copies included)."""
        return sum(c.copies for c in self.cards)


def with_used_pictures(deck: Deck) -> Deck:
    """The deck holding only the pictures something uses, in the order first used: as its file
    keeps them, so a deck read back from its file is equal to the deck written."""
    pictures = [p for key in deck.picture_keys_used() if (p := deck.picture(key)) is not None]
    return deck if tuple(pictures) == deck.pictures else replace(deck, pictures=tuple(pictures))


def new_card_id() -> str:
    return os.urandom(6).hex()  # 48 random bits: unique among any deck's cards


def default_prefix(name: str, taken: Iterable[str] = ()) -> str:
    """A short code prefix for a suit: its initial, or two or three letters if that is taken."""
    taken_set = set(taken)
    letters = re.sub(r"[^A-Z]", "", name.upper()) or "C"
    for n in (1, 2, 3):
        candidate = letters[:n]
        if len(candidate) == n and candidate not in taken_set:
            return candidate
    for extra in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        candidate = letters[:2] + extra
        if candidate not in taken_set:
            return candidate
    raise InputError(f"cannot find a free code prefix for suit {name!r}")


def make_suit(name: str, existing: Iterable[Suit] = (), colour: str = "") -> Suit:
    """A new suit with a free prefix and, unless given, the next palette colour."""
    existing = tuple(existing)
    prefix = default_prefix(name, (s.prefix for s in existing))
    used = {s.colour.lower() for s in existing}
    if not colour:
        free = [c for c in SUIT_PALETTE if c not in used]
        colour = free[0] if free else SUIT_PALETTE[len(existing) % len(SUIT_PALETTE)]
    return Suit(name=name, colour=colour, prefix=prefix)


def assign_codes(deck: Deck, reserved: Iterable[str] = ()) -> Deck:
    """Give every card without a code the next free code of its suit (R1, R2, ...).

    Existing codes are kept, so renumbering never changes what a printed card says; codes in
    `reserved` (cards just removed, whose printed copies still exist) are not given out.
    """
    taken = {c.code for c in deck.cards if c.code} | set(reserved)
    next_number: dict[str, int] = {}
    cards = []
    for card in deck.cards:
        if not card.code:
            suit = deck.suit(card.suit)
            prefix = suit.prefix if suit else "C"
            n = next_number.get(prefix, 1)
            while f"{prefix}{n}" in taken:
                n += 1
            card = replace(card, code=f"{prefix}{n}")
            taken.add(card.code)
            next_number[prefix] = n + 1
        cards.append(card)
    return replace(deck, cards=tuple(cards))


# How a field is named in a sentence about it: "a title has at most 300 characters".
FIELD_NOUNS = {
    "title": "a title",
    "body": "a body",
    "back": "the text on a back",
    "note": "a note",
    "name": "a suit name",
    "instructions": "the instructions text",
}


def validate(deck: Deck) -> list[Problem]:
    """Every rule the deck breaks, each with the path of the offending field."""
    problems: list[Problem] = []

    def check_text(path: str, value: str, limit: int, required: bool = False) -> None:
        what = FIELD_NOUNS.get(path.rsplit(".", 1)[-1], path)
        if path == "title":
            what = "a deck title"
        if required and not value.strip():
            problems.append(Problem(path, f"{what} must not be empty"))
        elif len(value) > limit:
            problems.append(
                Problem(
                    path, f"{what} has at most {limit:,} characters: this one has {len(value):,}"
                )
            )

    check_text("title", deck.title, MAX_TITLE, required=True)
    check_text("instructions", deck.instructions, MAX_TEXT)
    if not isinstance(deck.kind, ActivityKind):
        problems.append(Problem("kind", f"unknown kind {deck.kind!r}"))

    if not deck.suits:
        problems.append(Problem("suits", "a deck needs at least one suit"))
    if len(deck.suits) > MAX_SUITS:
        problems.append(Problem("suits", f"has {len(deck.suits)} suits; the limit is {MAX_SUITS}"))
    if deck.kind == ActivityKind.MATCH and len(deck.suits) < 2:
        problems.append(
            Problem("suits", "a match deck needs two suits: targets (first) and items (second)")
        )
    names: set[str] = set()
    prefixes: set[str] = set()
    for i, suit in enumerate(deck.suits):
        path = f"suits[{i}]"
        check_text(f"{path}.name", suit.name, 60, required=True)
        if suit.name in names:
            problems.append(Problem(f"{path}.name", f'duplicate suit "{suit.name}"'))
        names.add(suit.name)
        if not COLOUR_PATTERN.match(suit.colour):
            problems.append(
                Problem(f"{path}.colour", f'"{suit.colour}" is not a colour like "#1f5f8b"')
            )
        if not PREFIX_PATTERN.match(suit.prefix):
            problems.append(
                Problem(f"{path}.prefix", f'"{suit.prefix}" must be 1 to 3 capital letters')
            )
        elif suit.prefix in prefixes:
            problems.append(Problem(f"{path}.prefix", f'prefix "{suit.prefix}" is used twice'))
        prefixes.add(suit.prefix)

    if len(deck.cards) > MAX_CARDS:
        problems.append(Problem("cards", f"has {len(deck.cards)} cards; the limit is {MAX_CARDS}"))
    ids: set[str] = set()
    codes: dict[str, int] = {}
    for i, card in enumerate(deck.cards):
        path = f"cards[{i}]"
        if not card.id:
            problems.append(Problem(f"{path}.id", "must not be empty"))
        elif card.id in ids:
            problems.append(Problem(f"{path}.id", f'duplicate id "{card.id}"'))
        ids.add(card.id)
        if not CODE_PATTERN.match(card.code):
            problems.append(
                Problem(
                    f"{path}.code",
                    f'"{card.code}" is not a code like R7: 1 to 3 capital letters, then a number',
                )
            )
        elif card.code in codes:
            other = deck.cards[codes[card.code]].title
            problems.append(
                Problem(f"{path}.code", f"Code {card.code} is already used by '{other}'")
            )
        else:
            codes[card.code] = i
        if card.suit not in names:
            problems.append(Problem(f"{path}.suit", f'unknown suit "{card.suit}"'))
        check_text(f"{path}.title", card.title, MAX_TITLE, required=True)
        check_text(f"{path}.body", card.body, MAX_TEXT)
        check_text(f"{path}.back", card.back, MAX_TEXT)
        check_text(f"{path}.note", card.note, MAX_TEXT)
        if isinstance(card.copies, bool) or not isinstance(card.copies, int):
            problems.append(Problem(f"{path}.copies", "must be a whole number"))
        elif not 1 <= card.copies <= MAX_COPIES:
            problems.append(
                Problem(f"{path}.copies", f"is {card.copies}; it must be 1 to {MAX_COPIES}")
            )
        if not isinstance(card.prompt_kind, PromptKind):
            problems.append(Problem(f"{path}.prompt_kind", f"unknown kind {card.prompt_kind!r}"))
    problems.extend(_picture_problems(deck))
    return problems


MAX_PICTURE_BYTES = 1_500_000  # each picture, as stored (re-encoded); a photo is a few hundred KB
MAX_PICTURES_BYTES = 12_000_000  # all of a deck's pictures: the file stays small enough to email
PICTURE_KINDS = ("png", "jpeg", "svg")


def _picture_problems(deck: Deck) -> list[Problem]:
    problems: list[Problem] = []
    keys = {p.key for p in deck.pictures}

    def named(path: str, key: str, what: str) -> None:
        if key and key not in keys:
            problems.append(Problem(path, f'{what} "{key}" is missing from the deck file'))

    for i, suit in enumerate(deck.suits):
        named(f"suits[{i}].icon", suit.icon, f"the icon of suit {suit.name}")
    for i, card in enumerate(deck.cards):
        named(f"cards[{i}].picture", card.picture, f"the picture of card {card.code}")
    named("back_picture", deck.back_picture, "the picture for the backs")
    total = 0
    for i, picture in enumerate(deck.pictures):
        total += len(picture.data)
        if picture.kind not in PICTURE_KINDS:
            problems.append(
                Problem(f"pictures[{i}].kind", f'"{picture.kind}" is not png, jpeg or svg')
            )
        if len(picture.data) > MAX_PICTURE_BYTES:
            problems.append(
                Problem(
                    f"pictures[{i}]",
                    f"a picture has at most {MAX_PICTURE_BYTES:,} bytes: this one has "
                    f"{len(picture.data):,}",
                )
            )
    if total > MAX_PICTURES_BYTES:
        problems.append(
            Problem(
                "pictures",
                f"a deck's pictures have at most {MAX_PICTURES_BYTES:,} bytes in all: these "
                f"have {total:,}",
            )
        )
    return problems


def check(deck: Deck, source: str = "") -> Deck:
    """Return the deck unchanged if it is valid, else raise DeckInvalid naming every problem."""
    problems = validate(deck)
    if problems:
        raise DeckInvalid(problems, source)
    return deck


def build_deck(
    title: str,
    kind: ActivityKind,
    rows: Iterable[dict[str, str | int]],
    instructions: str = "",
    suits: Iterable[Suit] = (),
) -> Deck:
    """A deck from loose card rows (title, body, suit, copies, back, note, code, prompt_kind).

    Suits named by rows but not given are created; missing codes are assigned.
    """
    suit_list = list(suits)
    cards = []
    for row in rows:
        suit_name = str(row.get("suit") or "").strip() or DEFAULT_SUIT_NAME[kind]
        if not any(s.name == suit_name for s in suit_list):
            suit_list.append(make_suit(suit_name, suit_list))
        cards.append(
            Card(
                id=new_card_id(),
                code=str(row.get("code") or "").strip().upper(),
                suit=suit_name,
                title=str(row.get("title") or ""),
                body=str(row.get("body") or ""),
                back=str(row.get("back") or ""),
                copies=int(row.get("copies") or 1),
                note=str(row.get("note") or ""),
                prompt_kind=read_prompt_kind(str(row.get("prompt_kind") or "")),
            )
        )
    if not suit_list:
        suit_list.append(make_suit(DEFAULT_SUIT_NAME[kind]))
    deck = Deck(
        title=title,
        kind=kind,
        instructions=instructions,
        suits=tuple(suit_list),
        cards=tuple(cards),
    )
    return assign_codes(deck)
