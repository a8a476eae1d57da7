"""Set marks: the number and colour that tell one table's printed set from another's.

Tables at an event take the same colours, so a table's cards, capture screen and report agree.
"""

from __future__ import annotations

# Okabe and Ito's palette for colour-vision deficiencies, extended to ten: neighbouring sets,
# and any two of the first five, stay apart for protanopes, deuteranopes and tritanopes as
# well (tests/test_set_marks.py simulates each). Dark or light text reads on each (4.5:1).
# After ten the colours repeat, but the set's shape and printed number still tell sets apart.
SET_COLOURS = (
    ("Blue", "#0072b2"),
    ("Orange", "#e69f00"),
    ("Green", "#009e73"),
    ("Vermilion", "#c45100"),
    ("Sky blue", "#56b4e9"),
    ("Pink", "#cc79a7"),
    ("Yellow", "#f0e442"),
    ("Black", "#1b1b1b"),
    ("Grey", "#999999"),
    ("Light green", "#b2df8a"),
)
MAX_SETS = 50
# A shape per set, printed beside its colour and number, so sets are told apart without
# colour (colour-vision deficiencies, a grey printer). 8 shapes against 10 colours: the pair
# repeats only after 40 sets, and the number never does.
SET_SHAPES = ("circle", "triangle", "square", "diamond", "star", "hexagon", "cross", "ring")
SHAPE_SYMBOLS = {
    "circle": "●",
    "triangle": "▲",
    "square": "■",
    "diamond": "◆",
    "star": "★",
    "hexagon": "⬢",
    "cross": "✚",
    "ring": "○",
}


def set_colour(number: int) -> str:
    """The hex colour of set `number` (1-based)."""
    return SET_COLOURS[(number - 1) % len(SET_COLOURS)][1]


def set_colour_name(number: int) -> str:
    return SET_COLOURS[(number - 1) % len(SET_COLOURS)][0]


def set_label(number: int) -> str:
    """What is printed on each card of the set, e.g. `Set 3`."""
    return f"Set {number}"


def set_shape_name(number: int) -> str:
    """The shape printed for set `number` (1-based), e.g. `triangle`."""
    return SET_SHAPES[(number - 1) % len(SET_SHAPES)]
