"""The keys a widget binds, read from its own QActions and QShortcuts, for the help pages.

Reading the live bindings (rather than a list written beside them) means the help cannot say
a key does something the code no longer binds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

NO_DESCRIPTION = "(no description)"


@dataclass(frozen=True)
class KeyBinding:
    keys: tuple[str, ...]  # as the platform writes them: "Ctrl+1", "Alt+↑" stays "Alt+Up"
    does: str


def _readable(text: str) -> str:
    """A menu text as a sentence part: no mnemonic ampersands, no trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _key_texts(sequences: list[QKeySequence]) -> list[str]:
    texts = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences]
    return [t for t in texts if t]


def action_description(action: QAction) -> str:
    return _readable(action.text()) or _readable(action.toolTip()) or action.whatsThis()


def bindings_of(widget: QWidget, *, include_children: bool = True) -> list[KeyBinding]:
    """Every key `widget` (and, by default, its children) binds, in the order bound; keys that
    do the same thing are listed together."""
    found: list[tuple[list[str], str]] = []
    actions = list(widget.actions())
    shortcuts: list[QShortcut] = []
    if include_children:
        actions += [a for a in widget.findChildren(QAction) if a not in actions]
        shortcuts = list(widget.findChildren(QShortcut))
    for action in actions:
        keys = _key_texts(action.shortcuts())
        if keys and action.isVisible():
            found.append((keys, action_description(action) or NO_DESCRIPTION))
    for shortcut in shortcuts:
        keys = _key_texts(shortcut.keys())
        if keys:  # enabled or not: a verdict key is off between prompts, still a key
            found.append((keys, shortcut.whatsThis() or NO_DESCRIPTION))
    merged: dict[str, list[str]] = {}
    for keys, does in found:
        listed = merged.setdefault(does, [])
        listed.extend(k for k in keys if k not in listed)
    return collapse_numbered([KeyBinding(tuple(keys), does) for does, keys in merged.items()])


_NUMBER = re.compile(r"(?<![\d])([1-9])(?![\d])")


def _numbered(binding: KeyBinding) -> tuple[int, str, tuple[str, ...]] | None:
    """(n, description pattern, key patterns) when the binding is the n-th of a numbered set:
    its description and each of its keys name the same single digit n."""
    found = _NUMBER.findall(binding.does)
    if len(found) != 1:
        return None
    n = found[0]
    if not all(_NUMBER.findall(k) == [n] for k in binding.keys):
        return None
    pattern = _NUMBER.sub("{n}", binding.does)
    return int(n), pattern, tuple(_NUMBER.sub("{n}", k) for k in binding.keys)


def collapse_numbered(bindings: list[KeyBinding]) -> list[KeyBinding]:
    """Runs like "1: Choose table 1" ... "9: Choose table 9" as one line, "1 – 9"."""
    result: list[KeyBinding] = []
    index = 0
    while index < len(bindings):
        first = _numbered(bindings[index])
        end = index + 1
        if first is not None:
            n, pattern, keys = first
            while end < len(bindings) and _numbered(bindings[end]) == (
                n + end - index,
                pattern,
                keys,
            ):
                end += 1
        if first is None or end - index < 3:
            result.extend(bindings[index:end])
            index = end
            continue
        low, high = first[0], first[0] + end - index - 1
        span = f"{low} – {high}"
        result.append(
            KeyBinding(
                tuple(f"{k.format(n=low)} – {k.format(n=high)}" for k in first[2]),
                first[1].format(n=span),
            )
        )
        index = end
    return result
