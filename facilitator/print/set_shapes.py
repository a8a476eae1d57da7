"""The shape of each set (circle, triangle, square, ...) drawn as a path, so it prints the same
from any font: the set's mark beside its colour and number."""

from __future__ import annotations

import math

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas


def _polygon(
    cx: float, cy: float, r: float, corners: int, turn: float
) -> list[tuple[float, float]]:
    return [
        (
            cx + r * math.cos(turn + 2 * math.pi * i / corners),
            cy + r * math.sin(turn + 2 * math.pi * i / corners),
        )
        for i in range(corners)
    ]


def shape_points(name: str, cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    """The outline of a polygon shape of radius `r` around (cx, cy); empty for round ones."""
    if name == "triangle":
        return _polygon(cx, cy - r * 0.15, r * 1.05, 3, math.pi / 2)
    if name == "square":
        return _polygon(cx, cy, r * 1.15, 4, math.pi / 4)
    if name == "diamond":
        return _polygon(cx, cy, r * 1.1, 4, math.pi / 2)
    if name == "hexagon":
        return _polygon(cx, cy, r, 6, math.pi / 2)
    if name == "star":
        points = []
        for i in range(10):
            radius = r * 1.1 if i % 2 == 0 else r * 0.45
            angle = math.pi / 2 + math.pi * i / 5
            points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
        return points
    if name == "cross":
        a, b = r * 0.95, r * 0.33
        return [
            (cx - b, cy + a),
            (cx + b, cy + a),
            (cx + b, cy + b),
            (cx + a, cy + b),
            (cx + a, cy - b),
            (cx + b, cy - b),
            (cx + b, cy - a),
            (cx - b, cy - a),
            (cx - b, cy - b),
            (cx - a, cy - b),
            (cx - a, cy + b),
            (cx - b, cy + b),
        ]
    return []


def draw_shape(c: Canvas, name: str, cx: float, cy: float, r: float, colour: Color) -> None:
    """Draws set shape `name` centred on (cx, cy) in points, filled with `colour`."""
    c.saveState()
    c.setFillColor(colour)
    c.setStrokeColor(colour)
    if name == "circle":
        c.circle(cx, cy, r * 0.95, stroke=0, fill=1)
    elif name == "ring":
        c.setLineWidth(r * 0.35)
        c.circle(cx, cy, r * 0.78, stroke=1, fill=0)
    else:
        points = shape_points(name, cx, cy, r)
        path = c.beginPath()
        path.moveTo(*points[0])
        for point in points[1:]:
            path.lineTo(*point)
        path.close()
        c.drawPath(path, stroke=0, fill=1)
    c.restoreState()
