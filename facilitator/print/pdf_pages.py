"""Pages into one PDF: the page job type every part yields, and the atomic PDF writer."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from facilitator import __version__
from facilitator.atomic_write import write_atomic
from facilitator.errors import InputError
from facilitator.print.fonts import REGULAR, register_fonts
from facilitator.print.options import Duplex
from facilitator.print.sheet_plan import Rect

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PageJob:
    """One page to draw: its size in mm and a function that draws it on the canvas."""

    size: tuple[float, float]
    draw: Callable[[Canvas], None]
    trim: tuple[Rect, Rect] | None = None  # TrimBox and BleedBox, for pages of cards


# How `--duplex` is said to the viewer's print dialog (/ViewerPreferences /Duplex, PDF 1.7).
DUPLEX_PREFERENCE = {
    Duplex.NONE: "Simplex",
    Duplex.LONG: "DuplexFlipLongEdge",
    Duplex.SHORT: "DuplexFlipShortEdge",
}


def write_pdf(
    pages: Iterable[PageJob],
    out_path: str | os.PathLike[str],
    *,
    title: str,
    author: str = "",
    total: int = 0,
    progress: Progress | None = None,
    duplex: Duplex = Duplex.NONE,
) -> int:
    """Draws `pages` into one PDF and writes it atomically; returns the page count.

    Nothing appears at `out_path` unless every page was drawn: a failure leaves any older
    file as it was.
    """
    target = Path(out_path)
    if target.is_dir():
        raise InputError(f"{target}: is a folder; give a file name such as pack.pdf")
    if not target.parent.is_dir():
        raise InputError(f"{target}: the folder {target.parent} does not exist")
    data, count = _draw(
        pages, title=title, author=author, total=total, progress=progress, duplex=duplex
    )
    write_atomic(target, data)
    return count


def pdf_bytes(
    pages: Iterable[PageJob], *, title: str, author: str = "", duplex: Duplex = Duplex.NONE
) -> bytes:
    """Draws `pages` into PDF bytes in memory (for previews and tests)."""
    return _draw(pages, title=title, author=author, duplex=duplex)[0]


def _draw(
    pages: Iterable[PageJob],
    *,
    title: str,
    author: str = "",
    total: int = 0,
    progress: Progress | None = None,
    duplex: Duplex = Duplex.NONE,
) -> tuple[bytes, int]:
    register_fonts()
    buffer = io.BytesIO()
    # PDF 1.7: the version that admits the /Duplex viewer preference.
    canvas = Canvas(buffer, pageCompression=1, initialFontName=REGULAR, pdfVersion=(1, 7))
    # Viewers shrink pages "to fit" unless told not to; cards must print at 100 %.
    canvas.setViewerPreference("PrintScaling", "None")
    # And the print dialog starts on the sides the pack was made for.
    canvas.setViewerPreference("Duplex", DUPLEX_PREFERENCE[duplex])
    canvas.setTitle(title)
    canvas.setAuthor(author or "Facilitator")
    canvas.setCreator(f"Facilitator {__version__}")
    canvas.setSubject("Laminate-ready cards: print at 100 % (actual size)")
    count = 0
    for job in pages:
        canvas.setPageSize((job.size[0] * mm, job.size[1] * mm))
        if job.trim is not None:
            trim, bleed = job.trim
            canvas.setTrimBox(_box(trim))
            canvas.setBleedBox(_box(bleed))
        else:
            canvas.setTrimBox(None)
            canvas.setBleedBox(None)
        job.draw(canvas)
        canvas.showPage()
        count += 1
        if progress is not None:
            progress(count, max(total, count))
    if count == 0:
        raise InputError("print: nothing to print")
    canvas.save()
    return buffer.getvalue(), count


def _box(r: Rect) -> tuple[float, float, float, float]:
    return (r.x * mm, r.y * mm, r.right * mm, r.top * mm)


def blank_page(size: tuple[float, float]) -> PageJob:
    """The back of a one-sided page in a duplex pack, so later fronts stay on fronts."""

    def draw(c: Canvas) -> None:
        c.setFont(REGULAR, 7)
        c.setFillColor(HexColor("#9a9a9a"))
        c.drawCentredString(size[0] * mm / 2, 12 * mm, "This side is blank on purpose.")

    return PageJob(size, draw)
