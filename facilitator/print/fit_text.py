"""Fit text into a box: the largest size between a maximum and a minimum, found by bisection.

Text is wrapped with our own line breaker and drawn as plain strings, so it never passes
through a markup parser: `<b>`, `<font color=...>` or `<img src=...>` print as typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth

BISECTION_STEPS = 7  # (max - min) / 128: finer than anyone can see
ELLIPSIS = "…"
HYPHEN = "-"

_unit_widths: dict[tuple[str, str], float] = {}


def unit_width(text: str, font: str) -> float:
    """Width of `text` at 1 pt; cached, because fitting measures the same words many times."""
    key = (font, text)
    width = _unit_widths.get(key)
    if width is None:
        if len(_unit_widths) > 200_000:  # a bound, so a huge run cannot grow it forever
            _unit_widths.clear()
        width = _unit_widths[key] = stringWidth(text, font, 1.0)
    return width


@dataclass(frozen=True)
class TextSpec:
    """Text to fit, in a font, with its largest and smallest size in points."""

    text: str
    font: str
    max_size: float
    min_size: float
    leading: float = 1.2  # line height as a multiple of the size


@dataclass(frozen=True)
class FittedText:
    lines: tuple[str, ...]
    font: str
    size: float
    leading: float  # in points

    @property
    def height(self) -> float:
        return len(self.lines) * self.leading


@dataclass(frozen=True)
class Fit:
    blocks: tuple[FittedText, ...]
    overflow: bool  # True when even the smallest sizes did not fit and text was cut
    split_words: tuple[str, ...] = ()  # words too long for a line even at the smallest size


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap to `width` points; a word longer than a line is broken by letters."""
    return _wrap(text, font, size, width)[0]


def _wrap(text: str, font: str, size: float, width: float) -> tuple[list[str], list[str]]:
    """The wrapped lines, and the words that had to be broken (with a hyphen) to fit."""
    broken: list[str] = []
    lines: list[str] = []
    space = unit_width(" ", font) * size
    for paragraph in text.split("\n"):
        line = ""
        line_width = 0.0
        for word in paragraph.split():
            word_width = unit_width(word, font) * size
            if line and line_width + space + word_width <= width:
                line += " " + word
                line_width += space + word_width
                continue
            if line:
                lines.append(line)
            if word_width <= width:
                line, line_width = word, word_width
            else:
                broken.append(word)
                pieces = _break_word(word, font, size, width)
                lines.extend(pieces[:-1])
                line = pieces[-1]
                line_width = unit_width(line, font) * size
        lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return lines, broken


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    """A word longer than a line, in pieces that each fit, every break marked with a hyphen."""
    pieces: list[str] = []
    current = ""
    for i, ch in enumerate(word):
        last = i == len(word) - 1
        need = current + ch + ("" if last else HYPHEN)
        if current and unit_width(need, font) * size > width:
            # A hyphen where it fits; a line too narrow for even that breaks without one.
            fits = unit_width(current + HYPHEN, font) * size <= width
            pieces.append(current + HYPHEN if fits else current)
            current = ch
        else:
            current += ch
    pieces.append(current)
    return pieces


def _layout(
    specs: Sequence[TextSpec], t: float, width: float
) -> tuple[list[FittedText], list[str]]:
    """The blocks at scale `t` (0 = every minimum size, 1 = every maximum), and the words
    that had to be broken across lines."""
    out = []
    broken: list[str] = []
    for spec in specs:
        size = spec.min_size + t * (spec.max_size - spec.min_size)
        lines: list[str] = []
        if spec.text.strip():
            lines, split = _wrap(spec.text, spec.font, size, width)
            broken += split
        out.append(FittedText(tuple(lines), spec.font, size, size * spec.leading))
    return out, broken


def total_height(blocks: Sequence[FittedText], gap: float) -> float:
    filled = [b for b in blocks if b.lines]
    return sum(b.height for b in filled) + gap * max(0, len(filled) - 1)


def fit(specs: Sequence[TextSpec], width: float, height: float, gap: float = 0.0) -> Fit:
    """Sizes every block by one shared scale between its min and max, the largest that fits.

    One scale for all blocks keeps the hierarchy: a long body never makes the title smaller
    than the body. A size that would break a word across lines counts as not fitting, so long
    words shrink the text before they are split (only at the minimum sizes are they split).
    If even the minimum sizes overflow, lines that do not fit are dropped and the last kept
    line ends with an ellipsis.
    """

    def fits(blocks: list[FittedText], broken: list[str]) -> bool:
        return not broken and total_height(blocks, gap) <= height

    best, broken = _layout(specs, 1.0, width)
    if fits(best, broken):
        return Fit(tuple(best), overflow=False)
    smallest, split = _layout(specs, 0.0, width)
    if total_height(smallest, gap) > height:
        return Fit(_truncate(smallest, width, height, gap), True, tuple(dict.fromkeys(split)))
    low, high = 0.0, 1.0
    best, best_split = smallest, split
    for _ in range(BISECTION_STEPS):
        middle = (low + high) / 2
        candidate, broken = _layout(specs, middle, width)
        if fits(candidate, broken):
            low, best, best_split = middle, candidate, []
        else:
            high = middle
    return Fit(tuple(best), overflow=False, split_words=tuple(dict.fromkeys(best_split)))


def _truncate(
    blocks: list[FittedText], width: float, height: float, gap: float
) -> tuple[FittedText, ...]:
    out: list[FittedText] = []
    used = 0.0
    for block in blocks:
        if not block.lines:
            out.append(block)
            continue
        room = height - used - (gap if used else 0.0)
        keep = max(0, int(room // block.leading + 1e-9))
        if keep >= len(block.lines):
            out.append(block)
            used += (gap if used else 0.0) + block.height
            continue
        lines = list(block.lines[:keep])
        if lines:
            lines[-1] = clip(lines[-1], block.font, block.size, width, cut=True)
        else:
            # Nothing of this block fits: the ellipsis goes on the last line that does.
            for i in range(len(out) - 1, -1, -1):
                kept = out[i]
                if kept.lines:
                    last = clip(kept.lines[-1], kept.font, kept.size, width, cut=True)
                    out[i] = FittedText(
                        (*kept.lines[:-1], last), kept.font, kept.size, kept.leading
                    )
                    break
        out.append(FittedText(tuple(lines), block.font, block.size, block.leading))
        used = height  # everything after this block is dropped
    return tuple(out)


def clip(text: str, font: str, size: float, width: float, *, cut: bool = False) -> str:
    """`text` on one line of `width` points: as it is if it fits, else shortened to end in ….

    `cut` says the text already lost what came after it (lines dropped below), so it ends in
    … even when it fits.
    """
    if not cut and unit_width(text, font) * size <= width:
        return text
    text = text.rstrip()
    while text and unit_width(text + ELLIPSIS, font) * size > width:
        text = text[:-1].rstrip()
    return text + ELLIPSIS
