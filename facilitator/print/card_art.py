"""Pictures on printed cards: suit icons, card pictures and logos, each drawn into the PDF once
(as a form) and placed by reference on every card that shows it.

Photos are placed as images; SVG drawings as vectors through svglib, sharp at any size.
"""

from __future__ import annotations

import io

from reportlab.graphics import renderPDF
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from facilitator.decks.model import Picture
from facilitator.decks.pictures import svg_drawing


class PictureArt:
    """Knows each picture's shape and draws it; forms are per canvas (per PDF)."""

    def __init__(self) -> None:
        self._canvas_id = 0
        self._forms: dict[str, str] = {}
        self._sizes: dict[str, tuple[float, float]] = {}
        self._drawings: dict[str, object] = {}

    def natural_size(self, picture: Picture) -> tuple[float, float]:
        """The picture's own width and height (pixels or SVG units): its shape."""
        size = self._sizes.get(picture.key)
        if size is None:
            if picture.kind == "svg":
                drawing = self._drawing(picture)
                size = (float(drawing.width), float(drawing.height)) if drawing else (1.0, 1.0)
            else:
                w, h = ImageReader(io.BytesIO(picture.data)).getSize()
                size = (float(w), float(h))
            self._sizes[picture.key] = size
        return size

    def aspect(self, picture: Picture) -> float:
        w, h = self.natural_size(picture)
        return w / h if h > 0 else 1.0

    # Not type-checked below: a ReportLab drawing; ReportLab has no types.
    def _drawing(self, picture: Picture):  # type: ignore[no-untyped-def]
        if picture.key not in self._drawings:
            self._drawings[picture.key] = svg_drawing(picture.data)
        return self._drawings[picture.key]

    def ensure(self, c: Canvas, picture: Picture | None) -> None:
        """Define the picture's form in this PDF, if it is not yet: call it before opening a
        form that places the picture (PDF forms cannot be defined inside one another)."""
        if picture is None:
            return
        if id(c) != self._canvas_id:
            self._canvas_id, self._forms = id(c), {}
        if picture.key in self._forms:
            return
        name = f"picture{len(self._forms)}_{picture.key[:8]}"
        w, h = self.natural_size(picture)
        c.beginForm(name, 0, 0, w, h)
        if picture.kind == "svg":
            drawing = self._drawing(picture)
            if drawing is not None:
                renderPDF.draw(drawing, c, 0, 0)
        else:
            reader = ImageReader(io.BytesIO(picture.data))
            c.drawImage(reader, 0, 0, w, h, mask="auto")
        c.endForm()
        self._forms[picture.key] = name

    def fitted(self, picture: Picture, w: float, h: float) -> tuple[float, float]:
        """The size the picture is drawn at inside a w × h box, keeping its shape."""
        aspect = self.aspect(picture)
        return (w, w / aspect) if w / aspect <= h else (h * aspect, h)

    def place(self, c: Canvas, picture: Picture, x: float, y: float, w: float, h: float) -> None:
        """Draw the picture as large as fits in the box, centred in it, keeping its shape."""
        self.ensure(c, picture)
        name = self._forms[picture.key]
        nat_w, nat_h = self.natural_size(picture)
        draw_w, draw_h = self.fitted(picture, w, h)
        c.saveState()
        c.translate(x + (w - draw_w) / 2, y + (h - draw_h) / 2)
        c.scale(draw_w / nat_w, draw_h / nat_h)
        c.doForm(name)
        c.restoreState()
