"""Set marks: the number and colour that tell one table's printed set from another's.

Tables at an event take the same colours, so a table's cards, capture screen and report agree.
"""

from __future__ import annotations

# Chosen to stay distinct when printed on an office laser and for common colour blindness;
# after ten sets the colours repeat but the printed set number still tells sets apart.
SET_COLOURS = (
    ("Blue", "#1f77b4"),
    ("Orange", "#ff7f0e"),
    ("Green", "#2ca02c"),
    ("Red", "#d62728"),
    ("Purple", "#9467bd"),
    ("Brown", "#8c564b"),
    ("Pink", "#e377c2"),
    ("Grey", "#7f7f7f"),
    ("Olive", "#bcbd22"),
    ("Teal", "#17becf"),
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
