"""Typed rankings: "R3 R1=R4 (R2 R5) R6" into levels of card codes, with a message per problem.

The syntax (shown in the app and in docs/capture.md):

- codes from the top of the order down (place 1 first: the best, or the most senior in a
  hierarchy), separated by spaces, commas or ">": `R3 R1 R4`;
- a bare number stands for the only card whose code has that number: `3 1 4`;
- cards tied at one level are joined by "=" (`R1=R4`) or grouped in brackets (`(R2 R4)`);
- cards left out are allowed; an unknown or repeated code is flagged and left out of the order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from facilitator.decks.model import Deck

SYNTAX_HELP = (
    "Type the printed codes from the top of the order down: R3 R1 R4 (or 3 1 4). "
    "Ties: R1=R4 or (R2 R4). Cards left out are fine."
)
DIRECTION = "Place 1 is the top of the order: the most senior, in a hierarchy."

_TOKEN = re.compile(r"\(|\)|=|[^\s,>=()]+")
_SEPARATORS = re.compile(r"[\s,>]")


@dataclass(frozen=True)
class Placed:
    """One typed token: what was typed, the card it names (if any) and what is wrong with it."""

    typed: str
    code: str = ""
    title: str = ""
    level: int = -1  # 0-based level in the order; -1 when the token was not placed
    problem: str = ""
    pending: bool = False  # the last token, still being typed: not flagged yet


@dataclass(frozen=True)
class RankEntry:
    """The order a typed text describes."""

    levels: tuple[tuple[str, ...], ...]
    tokens: tuple[Placed, ...]
    problems: tuple[str, ...]
    left_out: tuple[str, ...]

    @property
    def placed_count(self) -> int:
        return sum(len(level) for level in self.levels)


def resolve_code(typed: str, deck: Deck) -> tuple[str, str]:
    """(code, problem) for one typed token; the code is "" when the token names no card."""
    text = typed.strip().upper()
    if deck.card_by_code(text) is not None:
        return text, ""
    if text.isdigit():
        number = str(int(text))
        found = [c.code for c in deck.cards if re.sub(r"^[A-Z]+", "", c.code) == number]
        if len(found) == 1:
            return found[0], ""
        if len(found) > 1:
            return "", f"{typed} could be {' or '.join(found)}: type the letters too"
    return "", f"{typed} is not a card of this deck"


def _is_start_of_code(typed: str, deck: Deck) -> bool:
    text = typed.strip().upper()
    return any(
        c.code.startswith(text) or re.sub(r"^[A-Z]+", "", c.code).startswith(text)
        for c in deck.cards
    )


def parse_rank(text: str, deck: Deck, *, typing: bool = False) -> RankEntry:
    """The levels `text` describes. With `typing`, an unfinished last token is not flagged."""
    raw_tokens = _TOKEN.findall(text)
    last_open = bool(text) and not _SEPARATORS.match(text[-1]) and text[-1] not in "()="
    levels: list[list[str]] = []
    tokens: list[Placed] = []
    problems: list[str] = []
    where: dict[str, int] = {}
    in_group = False
    join_next = False
    group_level: int | None = None
    for index, tok in enumerate(raw_tokens):
        if tok == "(":
            if in_group:
                problems.append("a bracket opens inside another; brackets do not nest")
            in_group, group_level = True, None
            continue
        if tok == ")":
            if not in_group:
                problems.append("a closing bracket has no opening one")
            in_group, group_level = False, None
            continue
        if tok == "=":
            join_next = bool(levels)
            continue
        is_last = index == len(raw_tokens) - 1
        code, problem = resolve_code(tok, deck)
        if code and code in where:
            problem = f"{code} is already placed at {where[code] + 1}"
            code_to_place = ""
        else:
            code_to_place = code
        if problem and typing and is_last and last_open and _is_start_of_code(tok, deck):
            tokens.append(Placed(tok, pending=True))
            continue
        if not code_to_place:
            tokens.append(Placed(tok, code, _title(deck, code), -1, problem))
            problems.append(problem)
            join_next = False
            continue
        if join_next or (in_group and group_level is not None):
            level = group_level if in_group and group_level is not None else len(levels) - 1
            levels[level].append(code_to_place)
        else:
            levels.append([code_to_place])
            level = len(levels) - 1
        if in_group:
            group_level = level
        join_next = False
        where[code_to_place] = level
        tokens.append(Placed(tok, code_to_place, _title(deck, code_to_place), level))
    if in_group and not (typing and last_open):
        problems.append("a bracket is not closed")
    placed = {code for level in levels for code in level}
    left_out = tuple(c.code for c in deck.cards if c.code not in placed)
    return RankEntry(
        levels=tuple(tuple(level) for level in levels),
        tokens=tuple(tokens),
        problems=tuple(problems),
        left_out=left_out,
    )


def _title(deck: Deck, code: str) -> str:
    card = deck.card_by_code(code) if code else None
    return card.title if card else ""


def format_levels(levels: tuple[tuple[str, ...], ...] | list[tuple[str, ...]]) -> str:
    """The text that `parse_rank` reads back as `levels`: `R3 R1=R4 R2`."""
    return " ".join("=".join(level) for level in levels if level)


def places(levels: tuple[tuple[str, ...], ...]) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """Each level with the place it starts at, 1 first: a tie of two at 3 puts the next at 5.

    Tables that tie line up with those that do not, place by place, in the side-by-side view.
    """
    found: list[tuple[int, tuple[str, ...]]] = []
    place = 1
    for level in levels:
        if level:
            found.append((place, level))
            place += len(level)
    return tuple(found)


def move_level(
    levels: tuple[tuple[str, ...], ...], source: int, target: int
) -> tuple[tuple[str, ...], ...]:
    """The order with the level at `source` moved to `target` (drag to reorder)."""
    items = list(levels)
    if not 0 <= source < len(items):
        return levels
    level = items.pop(source)
    items.insert(max(0, min(target, len(items))), level)
    return tuple(items)


def _take(levels: tuple[tuple[str, ...], ...], code: str) -> list[list[str]]:
    return [[c for c in level if c != code] for level in levels]


def place_card(
    levels: tuple[tuple[str, ...], ...], code: str, at: int, *, tie: bool = False
) -> tuple[tuple[str, ...], ...]:
    """The order with `code` tied into the level at `at`, or as a new level just before it.

    `at` counts levels of the order as it was; `at == len(levels)` adds a level at the
    bottom. A card already in the order is taken from where it was (drag a card to a tie).
    """
    items = _take(levels, code)
    at = max(0, min(at, len(items)))
    if tie and at < len(items):
        items[at].append(code)
    else:
        items.insert(at, [code])
    return tuple(tuple(level) for level in items if level)


def join_level(
    levels: tuple[tuple[str, ...], ...], source: int, target: int
) -> tuple[tuple[str, ...], ...]:
    """The order with the cards of level `source` tied into level `target` (drop onto a place)."""
    if not (0 <= source < len(levels) and 0 <= target < len(levels)) or source == target:
        return levels
    items = [list(level) for level in levels]
    items[target].extend(items[source])
    items[source] = []
    return tuple(tuple(level) for level in items if level)


def drop_level(
    levels: tuple[tuple[str, ...], ...], source: int, gap: int
) -> tuple[tuple[str, ...], ...]:
    """The order with level `source` moved into the gap before level `gap` (0 is the top)."""
    target = gap - 1 if gap > source else gap
    return move_level(levels, source, target)


def leave_out(
    levels: tuple[tuple[str, ...], ...], codes: tuple[str, ...]
) -> tuple[tuple[str, ...], ...]:
    """The order without `codes` (a place dragged back to the cards left out)."""
    items = [[c for c in level if c not in codes] for level in levels]
    return tuple(tuple(level) for level in items if level)
