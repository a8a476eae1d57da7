"""Draws one card face (front or back) into a rectangle of a ReportLab canvas.

The painter fits each card's text once and reuses it for every set, so a pack of ten sets
costs little more than one; it also collects the warnings (overflow, missing glyphs) by card.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from facilitator.decks.model import Card, Deck, Picture
from facilitator.print.card_art import PictureArt
from facilitator.print.contrast import MIN_CONTRAST, text_on
from facilitator.print.fit_text import Fit, FittedText, TextSpec, clip, fit, unit_width
from facilitator.print.fonts import (
    BOLD,
    FONT_FAMILY_NAME,
    REGULAR,
    describe_glyphs,
    has_right_to_left,
    missing_glyphs,
    printable_text,
    register_fonts,
)
from facilitator.print.options import PrintOptions
from facilitator.print.set_shapes import draw_shape
from facilitator.print.sheet_plan import Rect, Sides
from facilitator.set_marks import set_colour, set_label, set_shape_name

# Card design, in mm unless named _PT. Scaled down for cards smaller than poker.
PADDING = 4.0
BAND_HEIGHT = 9.0  # the suit band across the top of the front
FOOTER_HEIGHT = 6.5
SET_STRIPE = 1.6  # a strip of set colour along the bottom edge
TITLE_BODY_GAP = 2.6
RULE_WIDTH = 9.0
RULE_HEIGHT = 0.7
SUIT_PT = 7.0
CODE_PT = 10.5
FOOTER_PT = 6.0
PILL_PT = 6.5
BACK_TITLE_PT = (13.0, 7.0)
BACK_TEXT_PT = (9.0, 6.0)
OUTLINE_PT = 0.4
BAND_BASELINE_DROP = 1.2  # text baselines in the band sit this far below its middle
LABEL_GAP = 2.5  # between two labels on one line
FOOTER_LIFT = 2.2  # the footer's distance above the set stripe
PILL_HEIGHT = 4.0
BACK_INSET = 3.0  # the back's inner border, from the card edge
BACK_BORDER_PT = 0.8
BACK_TEXT_GAP = 3.0
BACK_PILL_HEIGHT = 5.0
BACK_PILL_LIFT = 3.5
# Pictures (facilitator.print.card_art): a card's picture takes at most this share of the
# room under the band, and the text is fitted in the rest; icons sit in a white badge.
PICTURE_SHARE = 0.45
PICTURE_GAP = 2.0
ICON_BADGE = 6.4  # mm, the square badge in the band holding the suit icon
BACK_LOGO_SHARE = 0.22  # of the card's height, for the logo on the back

INK = HexColor("#1b1b1b")
BODY_INK = HexColor("#3f3f3f")
QUIET_INK = HexColor("#6b6b6b")
OUTLINE = HexColor("#bdbdbd")
SCALE_REFERENCE_MM = 63.0  # poker width: the design's reference size


@dataclass(frozen=True)
class CardText:
    """A card's fitted text, computed once per card and reused for every set."""

    front: Fit
    back_title: Fit
    back_text: Fit
    suit_name: str
    code: str
    deck_title: str
    picture_h: float = 0.0  # points above the text kept for the card's picture
    back_logo_h: float = 0.0  # points kept on the back for the deck's logo


NO_BLEED: Sides = (0.0, 0.0, 0.0, 0.0)


def _ink(background: str) -> Color:
    """Dark or light text, whichever reads better on `background` (contrast.py)."""
    return HexColor(text_on(background).ink)


def _towards(colour: Color, target: Color, amount: float) -> Color:
    return Color(
        colour.red + (target.red - colour.red) * amount,
        colour.green + (target.green - colour.green) * amount,
        colour.blue + (target.blue - colour.blue) * amount,
    )


def _lighter(colour: Color, amount: float) -> Color:
    return Color(
        colour.red + (1 - colour.red) * amount,
        colour.green + (1 - colour.green) * amount,
        colour.blue + (1 - colour.blue) * amount,
    )


class CardPainter:
    """Draws fronts and backs of the cards of `decks`; collects warnings by card."""

    def __init__(self, decks: Sequence[Deck], options: PrintOptions) -> None:
        register_fonts()
        self.decks = decks
        self.options = options
        self.warnings: dict[tuple[int, int], list[str]] = {}
        self._text: dict[tuple[int, int], CardText] = {}
        self._canvas_id = 0
        self._forms: dict[tuple[object, ...], str] = {}
        self.art = PictureArt()
        cw, ch = options.card_size
        # Small cards get a proportionally smaller frame; big ones keep the poker frame.
        self.scale = max(0.7, min(1.0, min(cw, ch * 0.716) / SCALE_REFERENCE_MM))

    def s(self, value_mm: float) -> float:
        """A design length in mm, scaled to this card size, in points."""
        return value_mm * self.scale * mm

    # -- text ---------------------------------------------------------------------------------

    def text_for(self, deck_index: int, card_index: int) -> CardText:
        key = (deck_index, card_index)
        cached = self._text.get(key)
        if cached is None:
            cached = self._text[key] = self._fit(deck_index, card_index)
        return cached

    def _fit(self, deck_index: int, card_index: int) -> CardText:
        deck = self.decks[deck_index]
        card = deck.cards[card_index]
        o = self.options
        cw, ch = (v * mm for v in o.card_size)
        inner_w = cw - 2 * self.s(PADDING)
        front_h = ch - self.s(BAND_HEIGHT) - self.s(FOOTER_HEIGHT) - 2 * self.s(PADDING)
        picture = deck.picture(card.picture)
        picture_h = 0.0
        if picture is not None:
            # As wide as the text, no taller than its share; the text fits in what is left.
            picture_h = self.art.fitted(picture, inner_w, front_h * PICTURE_SHARE)[1]
            front_h -= picture_h + self.s(PICTURE_GAP)
        title, body = printable_text(card.title), printable_text(card.body)
        front = fit(
            [
                TextSpec(title, BOLD, *o.title_size, leading=1.18),
                TextSpec(body, REGULAR, *o.body_size, leading=1.3),
            ],
            inner_w,
            front_h,
            gap=self.s(TITLE_BODY_GAP) + self.s(RULE_HEIGHT),
        )
        back_w = cw - 2 * self.s(PADDING) - 2 * self.s(BACK_INSET)
        back_h = (ch - 2 * self.s(PADDING) - self.s(BAND_HEIGHT) * 2) / 2
        logo = deck.picture(deck.back_picture)
        back_logo_h = 0.0
        if logo is not None:
            back_logo_h = self.art.fitted(logo, back_w * 0.8, ch * BACK_LOGO_SHARE)[1]
            back_h -= back_logo_h / 2
        back_title = fit(
            [TextSpec(printable_text(deck.title), BOLD, *BACK_TITLE_PT, leading=1.2)],
            back_w,
            back_h,
        )
        back_text = fit(
            [TextSpec(printable_text(card.back), REGULAR, *BACK_TEXT_PT, leading=1.3)],
            back_w,
            back_h,
        )
        self._check(deck_index, card_index, deck, card, front.overflow or back_text.overflow)
        split = (*front.split_words, *back_text.split_words)
        if split:
            words = ", ".join(f'"{w}"' for w in split)
            self.warnings.setdefault((deck_index, card_index), []).append(
                f"{words} is too long for a line even at the smallest size; it is split "
                "with a hyphen (a shorter word, or a space, reads better)"
            )
        suit = deck.suit(card.suit)
        return CardText(
            front=front,
            back_title=back_title,
            back_text=back_text,
            suit_name=printable_text(suit.name if suit else card.suit),
            code=card.code,
            deck_title=printable_text(deck.title),
            picture_h=picture_h,
            back_logo_h=back_logo_h,
        )

    def _check(self, d: int, c: int, deck: Deck, card: Card, overflow: bool) -> None:
        problems: list[str] = []
        if overflow:
            problems.append(
                f"text too long to fit even at {self.options.title_size[1]:g} pt (title) and "
                f"{self.options.body_size[1]:g} pt (body); it is cut short with …"
            )
        suit = deck.suit(card.suit)
        text = card.title + card.body + card.back + deck.title + (suit.name if suit else "")
        lacking = missing_glyphs(text)
        if has_right_to_left(text):
            problems.append("right-to-left text (e.g. Hebrew, Arabic) prints in reverse order")
        if lacking:
            problems.append(
                f"{FONT_FAMILY_NAME} has no glyph for {describe_glyphs(lacking)}; printed as ?"
            )
        if problems:
            self.warnings[(d, c)] = problems

    def warning_lines(self) -> list[str]:
        """One line per problem: `<deck>: card R3 "Title": <problem>`."""
        lines = []
        for (d, c), problems in self.warnings.items():
            card = self.decks[d].cards[c]
            title = card.title if len(card.title) <= 40 else card.title[:39] + "…"
            for problem in problems:
                lines.append(f'{self.decks[d].title}: card {card.code} "{title}": {problem}')
        return lines + self.colour_warnings()

    # -- drawing ------------------------------------------------------------------------------
    #
    # What every card of a suit and set shares (frame, band, set stripe, footer, set pill; the
    # whole back) is drawn once per document as a PDF form and placed by reference: smaller
    # files, and faster than drawing it a thousand times.

    def _form(self, c: Canvas, key: tuple[object, ...], draw: Callable[[], None]) -> str:
        if id(c) != self._canvas_id:
            self._canvas_id, self._forms = id(c), {}
        name = self._forms.get(key)
        if name is None:
            name = self._forms[key] = f"card{len(self._forms)}"
            w, h = (v * mm for v in self.options.card_size)
            c.beginForm(name, -2, -2, w + 2, h + 2)
            draw()
            c.endForm()
        return name

    def _suit_of(self, deck_index: int, card_index: int) -> tuple[str, Color]:
        name, hex_colour = self._suit_hex(deck_index, card_index)
        return name, HexColor(hex_colour)

    def _suit_hex(self, deck_index: int, card_index: int) -> tuple[str, str]:
        deck = self.decks[deck_index]
        name = deck.cards[card_index].suit
        suit = deck.suit(name)
        return name, suit.colour if suit else "#555555"

    def colour_warnings(self) -> list[str]:
        """A suit colour no text reaches the contrast on, dark or light (WCAG 4.5:1)."""
        lines = []
        for deck in self.decks:
            for suit in deck.suits:
                best = text_on(suit.colour)
                if not best.readable:
                    lines.append(
                        f'{deck.title}: suit "{suit.name}" ({suit.colour}): neither dark nor '
                        f"light text reaches a contrast of {MIN_CONTRAST:g}:1 on it (best "
                        f"{best.ratio:.1f}:1); the code and suit name may be hard to read; "
                        "choose a darker or lighter colour"
                    )
        return lines

    def _bleed(
        self, c: Canvas, rect: Rect, sides: Sides, colour: Color, band: float | None = None
    ) -> None:
        """Colour past the cut line: the band's top (and the set strip) on a front, all of a
        back, so a cut a little off shows colour, not white."""
        left, bottom, right, top = (v * mm for v in sides)
        if not any(sides):
            return
        x, y, w, h = rect.x * mm, rect.y * mm, rect.w * mm, rect.h * mm
        c.setFillColor(colour)
        if band is None:
            c.rect(x - left, y - bottom, w + left + right, h + bottom + top, stroke=0, fill=1)
            return
        c.rect(x - left, y + h - band, w + left + right, band + top, stroke=0, fill=1)

    # Not type-checked below: a ReportLab path object; ReportLab has no types.
    def _card_path(self, c: Canvas, w: float, h: float):  # type: ignore[no-untyped-def]
        path = c.beginPath()
        path.roundRect(0, 0, w, h, self.options.corner_radius * mm)
        return path

    def draw_front(
        self,
        c: Canvas,
        rect: Rect,
        deck_index: int,
        card_index: int,
        set_number: int,
        bleed: Sides = NO_BLEED,
    ) -> None:
        text = self.text_for(deck_index, card_index)
        suit_name, suit_hex = self._suit_hex(deck_index, card_index)
        suit_colour = HexColor(suit_hex)
        if any(bleed):
            self._bleed(c, rect, bleed, suit_colour, band=self.s(BAND_HEIGHT))
            stripe = Rect(rect.x, rect.y, rect.w, self.scale * SET_STRIPE)
            left, bottom, right, _ = bleed
            self._bleed(c, stripe, (left, bottom, right, 0.0), HexColor(set_colour(set_number)))
        deck = self.decks[deck_index]
        picture = deck.picture(deck.cards[card_index].picture)
        # Pictures' forms first: a form cannot be defined inside the frame's form.
        self.art.ensure(c, self._icon_of(deck_index, suit_name))
        self.art.ensure(c, picture)
        frame = self._form(
            c,
            ("front", deck_index, suit_name, set_number),
            lambda: self._draw_front_frame(c, deck_index, suit_name, suit_colour, set_number),
        )
        w, h = rect.w * mm, rect.h * mm
        pad = self.s(PADDING)
        band = self.s(BAND_HEIGHT)
        c.saveState()
        c.translate(rect.x * mm, rect.y * mm)
        c.doForm(frame)
        c.setFillColor(_ink(suit_hex))
        c.setFont(BOLD, CODE_PT * self.scale)
        c.drawRightString(w - pad, h - band / 2 - self.s(BAND_BASELINE_DROP), text.code)
        # The picture, then the title, a short rule in the suit colour, then the body.
        y = h - band - pad
        room = h - band - self.s(FOOTER_HEIGHT) - 2 * pad
        if picture is not None and text.picture_h > 0:
            self.art.place(c, picture, pad, y - text.picture_h, w - 2 * pad, text.picture_h)
            y -= text.picture_h + self.s(PICTURE_GAP)
            room -= text.picture_h + self.s(PICTURE_GAP)
        blocks = text.front.blocks
        title = blocks[0]
        has_body = len(blocks) > 1 and bool(blocks[1].lines)
        if not has_body:
            # A title alone sits in the middle of the room left, where the eye lands.
            y -= (room - title.height) / 2
        y = _draw_lines(c, title, pad, y, INK)
        if has_body:
            # The title's last line already has its descent below it, so the rule sits close
            # under it and most of the gap goes between the rule and the body.
            y -= self.s(TITLE_BODY_GAP) * 0.15
            c.setFillColor(suit_colour)
            c.rect(pad, y - self.s(RULE_HEIGHT), self.s(RULE_WIDTH), self.s(RULE_HEIGHT), 0, 1)
            y -= self.s(RULE_HEIGHT) + self.s(TITLE_BODY_GAP) * 0.85
            _draw_lines(c, blocks[1], pad, y, BODY_INK)
        c.restoreState()

    def _draw_front_frame(
        self, c: Canvas, deck_index: int, suit_name: str, suit_colour: Color, set_number: int
    ) -> None:
        w, h = (v * mm for v in self.options.card_size)
        pad = self.s(PADDING)
        band = self.s(BAND_HEIGHT)
        path = self._card_path(c, w, h)
        c.saveState()
        c.clipPath(path, stroke=0, fill=0)
        c.setFillColor(white)
        c.rect(0, 0, w, h, stroke=0, fill=1)
        c.setFillColor(suit_colour)
        c.rect(0, h - band, w, band, stroke=0, fill=1)
        c.setFillColor(HexColor(set_colour(set_number)))
        c.rect(0, 0, w, self.s(SET_STRIPE), stroke=0, fill=1)
        c.restoreState()
        # The suit name leaves room for the widest code of the suit, drawn per card.
        deck = self.decks[deck_index]
        code_pt = CODE_PT * self.scale
        widest = max(
            (unit_width(card.code, BOLD) for card in deck.cards if card.suit == suit_name),
            default=0.0,
        )
        suit_pt = SUIT_PT * self.scale
        room = w - 2 * pad - widest * code_pt - self.s(LABEL_GAP)
        left = pad
        icon = self._icon_of(deck_index, suit_name)
        if icon is not None:
            left += self._draw_icon_badge(c, icon, pad, h - band / 2)
            room -= left - pad
        c.setFillColor(_ink(_hex(suit_colour)))
        c.setFont(BOLD, suit_pt)
        label = clip(printable_text(suit_name).upper(), BOLD, suit_pt, room)
        c.drawString(left, h - band / 2 - self.s(BAND_BASELINE_DROP - 0.2), label)
        # Footer: deck title left, set pill right.
        footer_y = self.s(SET_STRIPE) + self.s(FOOTER_LIFT)
        pill_w = self._draw_set_pill(c, w - pad, footer_y, set_number)
        footer_pt = FOOTER_PT * self.scale
        c.setFillColor(QUIET_INK)
        c.setFont(REGULAR, footer_pt)
        room = w - 2 * pad - pill_w - self.s(LABEL_GAP)
        title = clip(printable_text(deck.title), REGULAR, footer_pt, room)
        c.drawString(pad, footer_y + self.s(PILL_HEIGHT / 2 - 1.1), title)
        c.setStrokeColor(OUTLINE)
        c.setLineWidth(OUTLINE_PT)
        c.drawPath(path, stroke=1, fill=0)

    def _icon_of(self, deck_index: int, suit_name: str) -> Picture | None:
        deck = self.decks[deck_index]
        suit = deck.suit(suit_name)
        return deck.picture(suit.icon) if suit is not None else None

    def _draw_icon_badge(self, c: Canvas, icon: Picture, left: float, middle: float) -> float:
        """The suit icon on a white rounded square in the band (it reads on any suit colour);
        returns the width it takes, gap included."""
        size = self.s(ICON_BADGE)
        c.setFillColor(white)
        c.roundRect(left, middle - size / 2, size, size, size * 0.22, stroke=0, fill=1)
        inset = size * 0.14
        self.art.place(
            c, icon, left + inset, middle - size / 2 + inset, size - 2 * inset, size - 2 * inset
        )
        return size + self.s(1.5)

    def _draw_set_pill(self, c: Canvas, right: float, y: float, set_number: int) -> float:
        """A rounded label in the set colour, right-aligned at `right`; returns its width."""
        label = set_label(set_number).upper()
        pt = PILL_PT * self.scale
        text_w = unit_width(label, BOLD) * pt
        h = self.s(PILL_HEIGHT)
        shape = h * 0.3  # the set's shape, left of its label
        w = text_w + self.s(PILL_HEIGHT) + 2 * shape + self.s(0.8)
        colour = set_colour(set_number)
        c.setFillColor(HexColor(colour))
        c.roundRect(right - w, y, w, h, h / 2, stroke=0, fill=1)
        ink = _ink(colour)
        left = right - w + h / 2
        draw_shape(c, set_shape_name(set_number), left + shape, y + h / 2, shape, ink)
        c.setFillColor(ink)
        c.setFont(BOLD, pt)
        c.drawRightString(right - h / 2, y + h / 2 - pt * 0.36, label)
        return w

    def draw_back(
        self,
        c: Canvas,
        rect: Rect,
        deck_index: int,
        card_index: int,
        set_number: int,
        rotation: int = 0,
        bleed: Sides = NO_BLEED,
    ) -> None:
        text = self.text_for(deck_index, card_index)
        suit_name, suit_colour = self._suit_of(deck_index, card_index)
        if any(bleed):
            self._bleed(c, rect, bleed, suit_colour)  # page sides: the same either way up
        back_text = self.decks[deck_index].cards[card_index].back
        deck = self.decks[deck_index]
        logo = deck.picture(deck.back_picture)
        self.art.ensure(c, logo)  # before the back's form, which places it
        form = self._form(
            c,
            ("back", deck_index, suit_name, set_number, back_text),
            lambda: self._draw_back_face(c, text, suit_colour, set_number, logo),
        )
        w, h = rect.w * mm, rect.h * mm
        c.saveState()
        c.translate(rect.x * mm, rect.y * mm)
        if rotation == 180:
            c.translate(w, h)
            c.rotate(180)
        c.doForm(form)
        c.restoreState()

    def _draw_back_face(
        self,
        c: Canvas,
        text: CardText,
        suit_colour: Color,
        set_number: int,
        logo: Picture | None = None,
    ) -> None:
        w, h = (v * mm for v in self.options.card_size)
        path = self._card_path(c, w, h)
        c.setFillColor(suit_colour)
        c.drawPath(path, stroke=0, fill=1)
        inset = self.s(BACK_INSET)
        ink = _ink(_hex(suit_colour))
        soft = _towards(ink, suit_colour, 0.2)  # quieter, and still well above 4.5:1
        c.setStrokeColor(_towards(ink, suit_colour, 0.55))
        c.setLineWidth(BACK_BORDER_PT)
        radius = max(0.0, self.options.corner_radius * mm - inset / 2)
        c.roundRect(inset, inset, w - 2 * inset, h - 2 * inset, radius, stroke=1, fill=0)
        pad = self.s(PADDING) + inset
        # Suit name near the top, deck title in the middle, back text below, set at the bottom.
        c.setFillColor(soft)
        suit_pt = SUIT_PT * self.scale
        c.setFont(BOLD, suit_pt)
        c.drawCentredString(
            w / 2, h - pad - suit_pt, clip(text.suit_name.upper(), BOLD, suit_pt, w - 2 * pad)
        )
        title = text.back_title.blocks[0]
        body = text.back_text.blocks[0]
        gap = self.s(BACK_TEXT_GAP) if body.lines else 0.0
        stack = title.height + gap + body.height
        logo_h = text.back_logo_h if logo is not None else 0.0
        if logo_h:
            stack += logo_h + self.s(BACK_TEXT_GAP)
        y = h / 2 + stack / 2 + self.s(2.0)
        if logo is not None and logo_h:
            # On a white plate, so a dark logo reads on a dark suit colour.
            logo_w = self.art.fitted(logo, (w - 2 * pad) * 0.8, logo_h)[0]
            margin = self.s(1.2)
            c.setFillColor(white)
            c.roundRect(
                w / 2 - logo_w / 2 - margin,
                y - logo_h - margin,
                logo_w + 2 * margin,
                logo_h + 2 * margin,
                self.s(1.5),
                stroke=0,
                fill=1,
            )
            self.art.place(c, logo, w / 2 - logo_w / 2, y - logo_h, logo_w, logo_h)
            y -= logo_h + self.s(BACK_TEXT_GAP)
        y = _draw_lines(c, title, w / 2, y, ink, centred=True)
        if body.lines:
            _draw_lines(c, body, w / 2, y - gap, soft, centred=True)
        label = set_label(set_number).upper()
        pill_pt = PILL_PT * self.scale * 1.15
        pill_h = self.s(BACK_PILL_HEIGHT)
        dot = pill_h * 0.26
        gap = self.s(1.3)
        text_w = unit_width(label, BOLD) * pill_pt
        content_w = 2 * dot + gap + text_w
        pill_w = content_w + self.s(BACK_PILL_HEIGHT)
        px, py = w / 2 - pill_w / 2, inset + self.s(BACK_PILL_LIFT)
        set_hex = set_colour(set_number)
        ring = self.s(0.5)  # a white edge keeps the set colour apart from the suit colour
        c.setFillColor(white)
        c.roundRect(
            px - ring, py - ring, pill_w + 2 * ring, pill_h + 2 * ring, pill_h / 2 + ring, 0, 1
        )
        c.setFillColor(HexColor(set_hex))
        c.roundRect(px, py, pill_w, pill_h, pill_h / 2, stroke=0, fill=1)
        left = w / 2 - content_w / 2
        set_ink = _ink(set_hex)
        draw_shape(c, set_shape_name(set_number), left + dot, py + pill_h / 2, dot * 1.2, set_ink)
        c.setFillColor(set_ink)
        c.setFont(BOLD, pill_pt)
        c.drawString(left + 2 * dot + gap, py + pill_h / 2 - pill_pt * 0.36, label)


def _hex(colour: Color) -> str:
    return "#{:02x}{:02x}{:02x}".format(
        *(round(v * 255) for v in (colour.red, colour.green, colour.blue))
    )


def _draw_lines(
    c: Canvas, block: FittedText, x: float, top: float, colour: Color, centred: bool = False
) -> float:
    """Draws wrapped lines downwards from `top` as one text object; returns the y below."""
    if not block.lines:
        return top
    text = c.beginText()
    text.setFont(block.font, block.size, block.leading)
    text.setFillColor(colour)
    # The first baseline sits one ascent (about 0.76 em for DejaVu Sans) under the top.
    y = top - block.size * 0.76
    for line in block.lines:
        left = x - unit_width(line, block.font) * block.size / 2 if centred else x
        text.setTextOrigin(left, y)
        text.textOut(line)
        y -= block.leading
    c.drawText(text)
    return top - block.height
