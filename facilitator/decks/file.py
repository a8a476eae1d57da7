"""Deck files (`*.deck.json`): versioned, pretty-printed, stable key order, strict on reading."""

from __future__ import annotations

import base64
import binascii
import json
import os
from pathlib import Path
from typing import Any

from facilitator.atomic_write import write_atomic
from facilitator.decks.folder import SUFFIX
from facilitator.decks.input_files import read_input
from facilitator.decks.model import (
    ActivityKind,
    Card,
    Deck,
    DeckInvalid,
    Picture,
    Problem,
    PromptKind,
    Suit,
    check,
    make_suit,
    new_card_id,
)
from facilitator.errors import InputError

FORMAT_NAME = "facilitator-deck"
# Version 2 carries pictures (suit icons, card pictures, a logo on the backs). A deck without
# pictures is still written as version 1, so older Facilitators keep reading it.
FORMAT_VERSION = 2
PICTURES_VERSION = 2
MAX_FILE_BYTES = 20 * 1024 * 1024

# Key order on disk; optional fields are left out when empty so hand-written files stay short.
DECK_KEYS = (
    *("format", "version", "title", "kind", "instructions", "suits", "cards"),
    *("back_picture", "pictures"),
)
SUIT_KEYS = ("name", "colour", "prefix", "icon")
CARD_KEYS = (
    *("id", "code", "suit", "title", "body", "back", "copies", "note"),
    *("prompt_kind", "picture"),
)
PICTURE_KEYS = ("key", "kind", "data")


class DeckFileError(InputError):
    """A deck file that cannot be read; the message names the file and the field."""


def deck_to_dict(deck: Deck) -> dict[str, Any]:
    used = deck.picture_keys_used()
    data: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": PICTURES_VERSION if used else 1,
        "title": deck.title,
        "kind": deck.kind.value,
    }
    if deck.instructions:
        data["instructions"] = deck.instructions
    suits = []
    for s in deck.suits:
        suit: dict[str, Any] = {"name": s.name, "colour": s.colour, "prefix": s.prefix}
        if s.icon:
            suit["icon"] = s.icon
        suits.append(suit)
    data["suits"] = suits
    cards = []
    for c in deck.cards:
        card: dict[str, Any] = {"id": c.id, "code": c.code, "suit": c.suit, "title": c.title}
        if c.body:
            card["body"] = c.body
        if c.back:
            card["back"] = c.back
        if c.copies != 1:
            card["copies"] = c.copies
        if c.note:
            card["note"] = c.note
        if (
            c.prompt_kind != PromptKind.QUESTION
        ):  # left out for questions: older files read as before
            card["prompt_kind"] = c.prompt_kind.value
        if c.picture:
            card["picture"] = c.picture
        cards.append(card)
    data["cards"] = cards
    if deck.back_picture:
        data["back_picture"] = deck.back_picture
    if used:
        # Only the pictures something uses, in the order they are first used, as base64.
        pictures = [p for key in used if (p := deck.picture(key)) is not None]
        data["pictures"] = [
            {"key": p.key, "kind": p.kind, "data": base64.b64encode(p.data).decode("ascii")}
            for p in pictures
        ]
    return data


def _pretty(value: Any, indent: str) -> str:
    """Exactly `json.dumps(value, indent=2, ensure_ascii=False)`, but with the C string encoder.

    json.dumps falls back to its pure-Python encoder whenever `indent` is set, which made saving
    a 300-card deck take ~30 ms on the UI thread; this takes a few.
    """
    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = (f"{inner}{_scalar(k)}: {_pretty(v, inner)}" for k, v in value.items())
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + _pretty(v, inner) for v in value) + f"\n{indent}]"
    return _scalar(value)


_scalar = json.JSONEncoder(ensure_ascii=False).encode


def dumps(deck: Deck) -> str:
    """The canonical text of a deck file: the same deck always gives the same bytes."""
    return _pretty(deck_to_dict(deck), "") + "\n"


class _Reader:
    """Turns parsed JSON into a Deck, collecting problems with their field paths."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def unknown_keys(self, obj: dict[str, Any], allowed: tuple[str, ...], path: str) -> None:
        for key in obj:
            if key not in allowed:
                where = f"{path}.{key}" if path else str(key)
                self.fail(where, "unknown field")

    def text(self, obj: dict[str, Any], key: str, path: str, required: bool = False) -> str:
        where = f"{path}.{key}" if path else key
        if key not in obj:
            if required:
                self.fail(where, "is missing")
            return ""
        value = obj[key]
        if not isinstance(value, str):
            self.fail(where, f"must be text, not {json.dumps(value)[:40]}")
            return ""
        return value

    def read(self, data: Any) -> Deck | None:
        if not isinstance(data, dict):
            self.fail("", "a deck file must hold a JSON object")
            return None
        fmt = data.get("format")
        if fmt != FORMAT_NAME:
            self.fail("format", f'expected "{FORMAT_NAME}", found {json.dumps(fmt)}')
            return None
        version = data.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            self.fail("version", f"must be a whole number from 1, found {json.dumps(version)}")
            return None
        if version > FORMAT_VERSION:
            self.fail(
                "version",
                f"this file is format version {version}, written by a newer Facilitator; "
                f"this one reads up to version {FORMAT_VERSION}",
            )
            return None
        self.unknown_keys(data, DECK_KEYS, "")
        title = self.text(data, "title", "", required=True)
        kind_text = self.text(data, "kind", "", required=True)
        kind = ActivityKind.RANK
        if kind_text:
            try:
                kind = ActivityKind(kind_text)
            except ValueError:
                choices = ", ".join(k.value for k in ActivityKind)
                self.fail("kind", f'unknown kind "{kind_text}" (use one of: {choices})')
        instructions = self.text(data, "instructions", "")
        suits = self.read_suits(data.get("suits"))
        cards = self.read_cards(data.get("cards"))
        return Deck(
            title=title,
            kind=kind,
            instructions=instructions,
            suits=suits,
            cards=cards,
            back_picture=self.text(data, "back_picture", ""),
            pictures=self.read_pictures(data.get("pictures", [])),
        )

    def read_pictures(self, raw: Any) -> tuple[Picture, ...]:
        if not isinstance(raw, list):
            self.fail("pictures", "must be a list of pictures")
            return ()
        pictures = []
        for i, item in enumerate(raw):
            path = f"pictures[{i}]"
            if not isinstance(item, dict):
                self.fail(path, "must be an object with a key, a kind and data")
                continue
            self.unknown_keys(item, PICTURE_KEYS, path)
            key = self.text(item, "key", path, required=True)
            kind = self.text(item, "kind", path, required=True)
            encoded = self.text(item, "data", path, required=True)
            try:
                data = base64.b64decode(encoded, validate=True)
            except (binascii.Error, ValueError):
                self.fail(f"{path}.data", "is not base64 picture data")
                continue
            pictures.append(Picture(key=key, kind=kind, data=data))
        return tuple(pictures)

    def read_suits(self, raw: Any) -> tuple[Suit, ...]:
        if not isinstance(raw, list):
            self.fail("suits", "must be a list of suits")
            return ()
        suits: list[Suit] = []
        for i, item in enumerate(raw):
            path = f"suits[{i}]"
            if not isinstance(item, dict):
                self.fail(path, "must be an object with a name and a colour")
                continue
            self.unknown_keys(item, SUIT_KEYS, path)
            name = self.text(item, "name", path, required=True)
            defaults = make_suit(name or "Suit", suits)
            colour = self.text(item, "colour", path) or defaults.colour
            prefix = self.text(item, "prefix", path) or defaults.prefix
            icon = self.text(item, "icon", path)
            suits.append(Suit(name=name, colour=colour, prefix=prefix, icon=icon))
        return tuple(suits)

    def read_cards(self, raw: Any) -> tuple[Card, ...]:
        if not isinstance(raw, list):
            self.fail("cards", "must be a list of cards")
            return ()
        cards: list[Card] = []
        for i, item in enumerate(raw):
            path = f"cards[{i}]"
            if not isinstance(item, dict):
                self.fail(path, "must be an object with at least a title")
                continue
            self.unknown_keys(item, CARD_KEYS, path)
            copies = item.get("copies", 1)
            if isinstance(copies, bool) or not isinstance(copies, int):
                self.fail(f"{path}.copies", f"must be a whole number, not {json.dumps(copies)}")
                copies = 1
            kind_text = self.text(item, "prompt_kind", path)
            prompt_kind = PromptKind.QUESTION
            if kind_text:
                try:
                    prompt_kind = PromptKind(kind_text)
                except ValueError:
                    self.fail(
                        f"{path}.prompt_kind",
                        f'unknown prompt kind "{kind_text[:30]}" (use "question" or '
                        '"open_question")',
                    )
            cards.append(
                Card(
                    id=self.text(item, "id", path) or new_card_id(),
                    code=self.text(item, "code", path, required=True),
                    suit=self.text(item, "suit", path, required=True),
                    title=self.text(item, "title", path, required=True),
                    body=self.text(item, "body", path),
                    back=self.text(item, "back", path),
                    copies=copies,
                    note=self.text(item, "note", path),
                    picture=self.text(item, "picture", path),
                    prompt_kind=prompt_kind,
                )
            )
        return tuple(cards)


def loads(text: str, source: str = "") -> Deck:
    """Parse and validate deck text; raises DeckInvalid naming the source and the field path."""
    try:
        data = json.loads(text)
        reader = _Reader()
        deck = reader.read(data)
    except json.JSONDecodeError as exc:
        problem = Problem("", f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
        raise DeckInvalid([problem], source) from None
    except RecursionError:
        # No deck nests more than a few levels; Python's parser gives up near a thousand.
        problem = Problem("", "not a deck: its JSON is nested too deeply to read")
        raise DeckInvalid([problem], source) from None
    if reader.problems or deck is None:
        raise DeckInvalid(reader.problems, source)
    return check(deck, source)


def load(path: str | os.PathLike[str]) -> Deck:
    """Read a deck file; every failure is an InputError whose message names the file."""
    name = Path(path).name
    try:
        raw = read_input(path, MAX_FILE_BYTES, "a deck file")
    except InputError as exc:
        raise DeckFileError(str(exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DeckFileError(f"{name}: not UTF-8 text (byte {exc.start})") from None
    return loads(text, name)


def save(deck: Deck, path: str | os.PathLike[str]) -> None:
    """Validate, then write the deck atomically; an invalid deck never reaches the disk."""
    check(deck, Path(path).name)
    write_atomic(path, dumps(deck).encode("utf-8"))


def file_name_for(title: str) -> str:
    """A safe file name for a deck title: `PMO roles` -> `pmo-roles.deck.json`."""
    slug = "".join(ch.lower() if ch.isalnum() else "-" for ch in title)
    slug = "-".join(part for part in slug.split("-") if part)[:60] or "deck"
    return slug + SUFFIX
