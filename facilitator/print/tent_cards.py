"""Prompt tent cards: a sheet folded in half, the prompt large on both faces.

The far face is drawn rotated 180°, so when the sheet stands folded on the table both faces
read upright. One tent card per prompt per set, in the set's colour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from reportlab.lib.colors import HexColor, white
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from facilitator.decks.model import ActivityKind, Deck, PromptKind
from facilitator.print.fit_text import TextSpec, fit, unit_width
from facilitator.print.fonts import BOLD, REGULAR, printable_text, register_fonts
from facilitator.print.options import PrintOptions
from facilitator.print.pdf_pages import PageJob
from facilitator.set_marks import set_colour, set_label

FACE_MARGIN_MM = 16.0  # from the paper edge that stands on the table
FOLD_CLEARANCE_MM = 14.0  # no text this close to the fold
BAND_MM = 11.0
PROMPT_PT = (40.0, 18.0)
BODY_PT = (16.0, 10.0)
LABEL_PT = 12.0
FOOTER_PT = 9.0
FOLD_INK = HexColor("#a0a0a0")
INK = HexColor("#1b1b1b")
BODY_INK = HexColor("#4a4a4a")
# In the band beside the code: what kind of answer the table is asked for.
KIND_TAGS = {PromptKind.QUESTION: "YES OR NO", PromptKind.OPEN_QUESTION: "OPEN QUESTION"}


def tent_prompts(decks: Sequence[Deck]) -> list[tuple[int, int]]:
    """(deck index, card index) of every prompt that gets a tent card."""
    return [
        (d, c)
        for d, deck in enumerate(decks)
        if deck.kind == ActivityKind.PROMPTS
        for c in range(len(deck.cards))
    ]


def tent_card_pages(
    decks: Sequence[Deck], options: PrintOptions, notes: list[str] | None = None
) -> Iterator[PageJob]:
    """One page per prompt per set; prompts too long for the face are added to `notes`."""
    register_fonts()
    size = options.paper_size  # portrait: folded across the middle
    for set_number in options.set_numbers:
        for d, c in tent_prompts(decks):
            yield PageJob(size, _drawer(decks[d], c, set_number, size, notes))


def _drawer(
    deck: Deck, c: int, set_number: int, size: tuple[float, float], notes: list[str] | None
) -> Callable[[Canvas], None]:
    card = deck.cards[c]
    w, h = size[0] * mm, size[1] * mm
    face_h = h / 2
    inner_w = w - 2 * FACE_MARGIN_MM * mm
    text_h = face_h - FACE_MARGIN_MM * mm - FOLD_CLEARANCE_MM * mm - BAND_MM * mm * 2.2
    fitted = fit(
        [
            TextSpec(printable_text(card.title), BOLD, *PROMPT_PT, leading=1.15),
            TextSpec(printable_text(card.body), REGULAR, *BODY_PT, leading=1.3),
        ],
        inner_w,
        text_h,
        gap=7 * mm,
    )
    if fitted.overflow and notes is not None and set_number == 1:
        notes.append(
            f"{deck.title}: tent card {card.code}: the prompt is too long to fit at "
            f"{PROMPT_PT[1]:g} pt; it is cut short with …"
        )
    colour = HexColor(set_colour(set_number))

    def draw_face(cv: Canvas) -> None:
        # In face coordinates: y = 0 is the table edge, y = face_h the fold.
        m = FACE_MARGIN_MM * mm
        band_top = face_h - FOLD_CLEARANCE_MM * mm
        cv.setFillColor(colour)
        cv.roundRect(m, band_top - BAND_MM * mm, inner_w, BAND_MM * mm, 2 * mm, stroke=0, fill=1)
        cv.setFillColor(white)
        cv.setFont(BOLD, LABEL_PT)
        base = band_top - BAND_MM * mm / 2 - LABEL_PT * 0.36
        cv.drawString(m + 4 * mm, base, set_label(set_number).upper())
        cv.drawRightString(
            m + inner_w - 4 * mm, base, f"{KIND_TAGS[card.prompt_kind]} · {card.code}"
        )
        blocks = fitted.blocks
        stack = sum(b.height for b in blocks if b.lines) + (7 * mm if blocks[1].lines else 0)
        middle = (m + FOOTER_PT * 2 + band_top - BAND_MM * mm) / 2
        y = middle + stack / 2
        for block, ink in zip(blocks, (INK, BODY_INK), strict=True):
            if not block.lines:
                continue
            cv.setFillColor(ink)
            cv.setFont(block.font, block.size)
            baseline = y - block.size * 0.76
            for line in block.lines:
                cv.drawCentredString(w / 2, baseline, line)
                baseline -= block.leading
            y -= block.height + 7 * mm
        cv.setFillColor(BODY_INK)
        cv.setFont(REGULAR, FOOTER_PT)
        footer = printable_text(deck.title)
        while unit_width(footer, REGULAR) * FOOTER_PT > inner_w and len(footer) > 1:
            footer = footer[:-2] + "…"
        cv.drawCentredString(w / 2, m, footer)

    def draw(cv: Canvas) -> None:
        draw_face(cv)  # the near face, upright
        cv.saveState()
        cv.translate(w, h)
        cv.rotate(180)  # the far face: upright once folded over
        draw_face(cv)
        cv.restoreState()
        cv.setStrokeColor(FOLD_INK)
        cv.setLineWidth(0.5)
        cv.setDash(4, 3)
        cv.line(6 * mm, face_h, w - 6 * mm, face_h)
        cv.setDash()
        cv.setFillColor(FOLD_INK)
        cv.setFont(REGULAR, 7)
        cv.drawString(6 * mm, face_h + 1.5 * mm, "fold")
        cv.drawRightString(w - 6 * mm, face_h - 3.5 * mm, "fold")

    return draw
