"""Table capture sheets: the paper fallback for recording what a table decided.

One sheet (or more, for big decks) per table per activity, in the table's set colour:
blanks for the agreed order, a tick grid for a matching, verdict boxes for prompts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from facilitator.decks.model import ActivityKind, Card, Deck, PromptKind
from facilitator.outcomes import CAPTURE_VERDICTS, MARKER_LABELS, verdict_label
from facilitator.outcomes import MATCH_MARKERS as MARKERS
from facilitator.print.fit_text import clip, unit_width, wrap
from facilitator.print.fonts import BOLD, REGULAR, printable_text, register_fonts
from facilitator.print.options import PrintOptions
from facilitator.print.pdf_pages import PageJob
from facilitator.set_marks import set_colour, set_label

MARGIN_MM = 15.0
MIN_MARGIN_MM = 8.0  # on small paper (A6): still well clear of the 3 mm no-print band
NARROW_MM = 140.0  # narrower paper (A6) says "Prompts" where A5 and up say "Capture sheet: …"
BAND_MM = 13.0
FOOTER_MM = 10.0
RANK_PER_PAGE = 20
MATCH_ROWS_PER_PAGE = 18
MATCH_MAX_COLUMNS = 14  # more targets than this: write-in lines instead of a tick grid
PROMPTS_PER_PAGE = 4
MATCH_MARKERS = tuple(MARKER_LABELS[m] for m in MARKERS)  # the capture screen's own columns
MARKER_COLUMN_MM = 13.0
MIN_TICK_COLUMN_MM = 6.0  # narrower, and the codes above the boxes run together: write-in lines
# The capture screen's verdict buttons, in order (old files' "agreed" is never offered).
VERDICTS = tuple(verdict_label(v) for v in CAPTURE_VERDICTS)
VOTES = ("For", "Against", "Abstain")  # as the capture screen labels the counts
PROMPT_TITLE_LINES = 3
POINT_LINE_MM = (6.0, 9.0)  # "Points raised" line spacing: narrow feint at the closest
INK = HexColor("#1b1b1b")
QUIET = HexColor("#5a5a5a")
RULE = HexColor("#9a9a9a")
SHADE = HexColor("#f1f3f5")


def _targets_items(deck: Deck) -> tuple[tuple[Card, ...], tuple[Card, ...]]:
    """Match decks: cards of the first suit are the targets, the rest are the items."""
    first = deck.suits[0].name if deck.suits else ""
    return deck.cards_of(first), tuple(c for c in deck.cards if c.suit != first)


A4_SIZE = (210.0, 297.0)
FIXED_MM = 95.0  # margins, band, event line, title, footer: what a page has besides its rows


def margin_mm(width: float) -> float:
    """The page margin for paper `width` mm wide: 15 mm on A4 and up, less on small paper so
    the rows keep their room."""
    return min(MARGIN_MM, max(MIN_MARGIN_MM, width * 0.07))


def per_page(base: int, size: tuple[float, float]) -> int:
    """Rows a page of this size holds, from what an A4 page holds: in proportion to the
    height left for rows (fewer on A5, more on A3), at least one."""
    room = (size[1] - FIXED_MM) / (A4_SIZE[1] - FIXED_MM)
    return max(1, math.floor(base * room + 1e-9))


def _chunks(deck: Deck, size: tuple[float, float] = A4_SIZE) -> list[tuple[Card, ...]]:
    if deck.kind == ActivityKind.RANK:
        rows, cards = per_page(RANK_PER_PAGE, size), deck.cards
    elif deck.kind == ActivityKind.MATCH:
        rows, cards = per_page(MATCH_ROWS_PER_PAGE, size), _targets_items(deck)[1]
    else:
        rows, cards = per_page(PROMPTS_PER_PAGE, size), deck.cards
    pages = max(1, math.ceil(len(cards) / rows))
    return [tuple(cards[i * rows : (i + 1) * rows]) for i in range(pages)]


def page_count(deck: Deck, size: tuple[float, float] = A4_SIZE) -> int:
    """How many pages one table's capture sheet for `deck` takes on paper of `size`."""
    return len(_chunks(deck, size))


@dataclass(frozen=True)
class EventDetails:
    """What the capture sheets print about the event, when the pack is for one.

    `when` is the date as people read it ("Thursday 20 August 2015, 18:30"); `tables` maps a
    set number to the name of the table that gets that set. Anything unknown is left as a
    blank to write on.
    """

    title: str = ""
    when: str = ""
    venue: str = ""
    tables: Mapping[int, str] = field(default_factory=dict)

    def table_name(self, set_number: int) -> str:
        return self.tables.get(set_number, "").strip()


NO_EVENT = EventDetails()


def capture_sheet_pages(
    decks: Sequence[Deck], options: PrintOptions, event: EventDetails | None = None
) -> Iterator[PageJob]:
    """For each set (table), for each deck: its capture sheet pages."""
    register_fonts()
    size = options.paper_size
    about = event or NO_EVENT
    for set_number in options.set_numbers:
        for deck in decks:
            chunks = _chunks(deck, size)
            for page, chunk in enumerate(chunks, start=1):
                body = _BODIES[deck.kind]
                sheet = _Sheet(deck, set_number, page, len(chunks), about)
                yield PageJob(size, _page(sheet, chunk, size, body))


@dataclass(frozen=True)
class _Sheet:
    deck: Deck
    set_number: int
    page: int
    pages: int
    event: EventDetails


Body = Callable[[Canvas, Deck, tuple[Card, ...], float, float, float, float], None]


def _page(
    sheet: _Sheet, chunk: tuple[Card, ...], size: tuple[float, float], body: Body
) -> Callable[[Canvas], None]:
    def draw(c: Canvas) -> None:
        w, h = size[0] * mm, size[1] * mm
        m = margin_mm(size[0]) * mm
        top = _header(c, sheet, w, h)
        _footer(c, sheet, w)
        body(c, sheet.deck, chunk, m, m + FOOTER_MM * mm, w - 2 * m, top)

    return draw


def table_heading(event: EventDetails, set_number: int) -> str:
    """`SET 2   ·   Table 2`, `SET 2   ·   TABLE Window seats`, or `SET 2   ·   TABLE` with a
    blank to write the name on."""
    name = event.table_name(set_number)
    start = f"{set_label(set_number).upper()}   ·   "
    if not name:
        return start + "TABLE"
    return start + (name if name.casefold().startswith("table") else f"TABLE {name}")


def _header(c: Canvas, sheet: _Sheet, w: float, h: float) -> float:
    deck, event, set_number = sheet.deck, sheet.event, sheet.set_number
    m = margin_mm(w / mm) * mm
    band = BAND_MM * mm
    c.setFillColor(HexColor(set_colour(set_number)))
    c.roundRect(m, h - m - band, w - 2 * m, band, 3 * mm, stroke=0, fill=1)
    c.setFillColor(white)
    baseline = h - m - band / 2 - 5.3
    kind = f"Capture sheet: {deck.kind.label}"
    if w < NARROW_MM * mm:  # the set and table come first; the kind alone says the rest
        kind = deck.kind.label
    room = w - 2 * m - 15 * mm - unit_width(kind, BOLD) * 11
    heading = clip(printable_text(table_heading(event, set_number)), BOLD, 15, room)
    c.setFont(BOLD, 15)
    c.drawString(m + 5 * mm, baseline, heading)
    c.setFont(BOLD, 11)
    c.drawRightString(w - m - 5 * mm, baseline + 1, kind)
    if not event.table_name(set_number):
        c.setLineWidth(0.8)
        c.setStrokeColor(white)
        start = m + 5 * mm + unit_width(heading + " ", BOLD) * 15 + 4
        end = min(start + 40 * mm, m + 5 * mm + room)
        c.line(start, baseline - 2, end, baseline - 2)
    y = h - m - band - 5 * mm
    y = _event_line(c, event, m, y, w - 2 * m) - 6 * mm
    c.setFillColor(INK)
    c.setFont(BOLD, 14)
    title = wrap(printable_text(deck.title), BOLD, 14, w - 2 * m)
    for line in title[:2]:
        c.drawString(m, y, line)
        y -= 17
    c.setFillColor(QUIET)
    c.setFont(REGULAR, 8.5)
    for line in wrap(printable_text(deck.instructions), REGULAR, 8.5, w - 2 * m)[:3]:
        c.drawString(m, y, line)
        y -= 11
    return y - 4 * mm


def _event_line(c: Canvas, event: EventDetails, x: float, y: float, width: float) -> float:
    """The event's title, date and venue in one quiet line, or blanks to write them on."""
    c.setFillColor(QUIET)
    c.setFont(REGULAR, 9)
    known = [part.strip() for part in (event.title, event.when, event.venue) if part.strip()]
    if known:
        c.drawString(x, y, clip(printable_text("  ·  ".join(known)), REGULAR, 9, width))
        return y
    # The date's blank moves in on narrow paper (A5, A6) so it stays on the page.
    for label, left, length in (
        ("Event", 0.0, min(78 * mm, width * 0.5)),
        ("Date", min(95 * mm, width * 0.62), 40 * mm),
    ):
        c.drawString(x + left, y, label)
        start = x + left + unit_width(label + " ", REGULAR) * 9 + 2
        _line(c, start, y - 1.5, min(start + length, x + width))
    return y


def _footer(c: Canvas, sheet: _Sheet, w: float) -> None:
    m = margin_mm(w / mm) * mm
    c.setFillColor(QUIET)
    c.setFont(REGULAR, 7.5)
    where = f"{set_label(sheet.set_number)} · page {sheet.page} of {sheet.pages}"
    c.drawRightString(w - m, m, where)
    room = w - 2 * m - unit_width(where, REGULAR) * 7.5 - 4 * mm
    words = "Facilitator capture sheet: type it in afterwards, or keep it with the notes."
    c.drawString(m, m, clip(words, REGULAR, 7.5, room))


def _line(c: Canvas, x0: float, y: float, x1: float, colour: Color = RULE) -> None:
    c.setStrokeColor(colour)
    c.setLineWidth(0.5)
    c.line(x0, y, x1, y)


def _box(c: Canvas, x: float, y: float, size: float) -> None:
    c.setStrokeColor(INK)
    c.setLineWidth(0.7)
    c.rect(x, y, size, size, stroke=1, fill=0)


def _card_line(c: Canvas, card: Card, x: float, y: float, width: float, pt: float) -> None:
    c.setFillColor(INK)
    c.setFont(BOLD, pt)
    c.drawString(x, y, card.code)
    c.setFont(REGULAR, pt)
    code_w = 9 * mm
    c.drawString(x + code_w, y, clip(printable_text(card.title), REGULAR, pt, width - code_w))


def _notes(c: Canvas, x: float, bottom: float, width: float, top: float, label: str) -> None:
    if top - bottom < 18 * mm:
        return
    c.setFillColor(INK)
    c.setFont(BOLD, 10)
    c.drawString(x, top - 10, label)
    y = top - 10 - 9 * mm
    while y > bottom + 2 * mm:
        _line(c, x, y, x + width)
        y -= 8 * mm


def _rank_body(
    c: Canvas, deck: Deck, chunk: tuple[Card, ...], x: float, bottom: float, w: float, top: float
) -> None:
    column = (w - 10 * mm) / 2
    c.setFillColor(INK)
    c.setFont(BOLD, 10)
    c.drawString(x, top - 10, clip("The cards", BOLD, 10, column))
    c.drawString(
        x + column + 10 * mm, top - 10, clip("The order the table agreed", BOLD, 10, column)
    )
    c.setFillColor(QUIET)
    c.setFont(REGULAR, 7.5)
    # On narrow paper the hint wraps rather than running off the page.
    hint = wrap("Write codes, first at 1; tied cards share a line.", REGULAR, 7.5, column)
    for i, line in enumerate(hint[:2]):
        c.drawString(x + column + 10 * mm, top - 21 - i * 9, line)
    y = top - 10 - 8 * mm
    for card in chunk:
        _card_line(c, card, x, y, column, 9)
        y -= 7.2 * mm
    rows = len(deck.cards)
    first = deck.cards.index(chunk[0]) + 1 if chunk else 1
    oy = top - 10 - 12 * mm
    for n in range(first, first + len(chunk)):
        if n > rows:
            break
        c.setFillColor(INK)
        c.setFont(BOLD, 9)
        c.drawRightString(x + column + 16 * mm, oy, f"{n}.")
        _line(c, x + column + 18 * mm, oy - 1.5, x + w)
        oy -= 7.2 * mm
    _notes(c, x, bottom, w, min(y, oy) - 4 * mm, "Notes: where the table disagreed, and why")


def _match_body(
    c: Canvas, deck: Deck, chunk: tuple[Card, ...], x: float, bottom: float, w: float, top: float
) -> None:
    targets, _ = _targets_items(deck)
    c.setFillColor(INK)
    c.setFont(BOLD, 10)
    target_suit = deck.suits[0].name if deck.suits else "target"
    y = top - 10 - 9 * mm
    label_w = min(68 * mm, 0.38 * w)
    marker_w = MARKER_COLUMN_MM * mm
    target_w = min(14 * mm, (w - label_w - len(MATCH_MARKERS) * marker_w) / max(1, len(targets)))
    write_in = len(targets) > MATCH_MAX_COLUMNS or target_w < MIN_TICK_COLUMN_MM * mm
    verb = "Write the codes of" if write_in else "Tick"
    heading = f"{verb} the {target_suit.lower()} cards each card goes with"
    c.drawString(x, top - 10, clip(printable_text(heading), BOLD, 10, w))
    if write_in:
        c.setFillColor(QUIET)
        c.setFont(REGULAR, 7.5)
        c.drawString(x, top - 21, clip(f"or write {' or '.join(MATCH_MARKERS)}.", REGULAR, 7.5, w))
        for card in chunk:
            _card_line(c, card, x, y, label_w, 8.5)
            _line(c, x + label_w + 2 * mm, y - 1.5, x + w)
            y -= 8 * mm
    else:
        # Nobody and Unsure keep room for their names; the target codes share the rest.
        centres = [label_w + (i + 0.5) * target_w for i in range(len(targets))]
        after = label_w + len(targets) * target_w
        centres += [after + (i + 0.5) * marker_w for i in range(len(MATCH_MARKERS))]
        names = [t.code for t in targets] + list(MATCH_MARKERS)
        row_w = after + len(MATCH_MARKERS) * marker_w
        c.setFont(BOLD, 7.5)
        for centre, name in zip(centres, names, strict=True):
            c.drawCentredString(x + centre, y, name)
        y -= 7 * mm
        box = 4 * mm
        for r, card in enumerate(chunk):
            if r % 2 == 0:
                c.setFillColor(SHADE)
                c.rect(x - 1 * mm, y - 2.6 * mm, row_w + 2 * mm, 7.6 * mm, 0, 1)
            _card_line(c, card, x, y, label_w - 2 * mm, 8.5)
            for centre in centres:
                _box(c, x + centre - box / 2, y - 1.2 * mm, box)
            y -= 7.6 * mm
    # The key to the column codes.
    y -= 3 * mm
    c.setFillColor(QUIET)
    c.setFont(BOLD, 8)
    c.drawString(x, y, "Key")
    y -= 5 * mm
    half = (w - 6 * mm) / 2
    for i, target in enumerate(targets):
        if y < bottom + 4 * mm:
            c.drawString(x, y, f"… and {len(targets) - i} more: see the cards")
            y -= 5 * mm
            break
        col = i % 2
        _card_line(c, target, x + col * (half + 6 * mm), y, half, 8)
        if col == 1:
            y -= 5 * mm
    if len(targets) % 2:
        y -= 5 * mm
    _notes(c, x, bottom, w, y - 2 * mm, "Notes")


def _prompt_titles(chunk: tuple[Card, ...], width: float) -> list[list[str]]:
    titles = []
    for card in chunk:
        lines = wrap(printable_text(card.title), BOLD, 10, width)
        if len(lines) > PROMPT_TITLE_LINES:
            lines = lines[:PROMPT_TITLE_LINES]
            lines[-1] = clip(lines[-1], BOLD, 10, width, cut=True)
        titles.append(lines)
    return titles


# A prompt's block, in points: the title's lines, then verdicts, votes and "Points raised:".
TITLE_LEADING = 12.5
VERDICTS_BELOW = 3.5 * mm  # below the title's last line
ROW_GAP = 8 * mm  # verdicts to votes, votes to "Points raised:"
PROMPT_FIXED = 10 + VERDICTS_BELOW + 2 * ROW_GAP
BLOCK_GAP = 5 * mm  # below the last line of points; the rule between prompts is in it
FLOW_GAP = 6 * mm  # between rows of verdicts (or votes) that run onto a second row


def _flow(widths: Sequence[float], room: float) -> list[list[int]]:
    """Items of these widths in rows no wider than `room`: their indexes, row by row."""
    rows: list[list[int]] = [[]]
    used = 0.0
    for i, width in enumerate(widths):
        if rows[-1] and used + width > room:
            rows.append([])
            used = 0.0
        rows[-1].append(i)
        used += width
    return rows


def _verdict_widths() -> list[float]:
    return [5.5 * mm + unit_width(v, REGULAR) * 9 + 8 * mm for v in VERDICTS]


def _vote_widths() -> list[float]:
    return [unit_width(label + " ", REGULAR) * 9 + 18 * mm for label in VOTES]


def extra_rows(width: float) -> int:
    """Rows the verdict boxes and vote counts take beyond one each, on narrow paper."""
    votes_room = width - unit_width("Votes:", REGULAR) * 9 - 4 * mm
    return len(_flow(_verdict_widths(), width)) - 1 + len(_flow(_vote_widths(), votes_room)) - 1


def point_lines(
    titles: Sequence[Sequence[str]], room: float, wrapped_rows: int = 0
) -> tuple[int, float]:
    """How many "Points raised" lines each prompt on the page gets, and their spacing (pt).

    The same for every prompt, so a long question takes its room from the page rather than
    from its own points; the lines are spread to fill the page.
    """
    fixed = sum(
        PROMPT_FIXED + wrapped_rows * FLOW_GAP + len(lines) * TITLE_LEADING + BLOCK_GAP
        for lines in titles
    )
    per_prompt = (room - fixed) / len(titles)
    closest, widest = (d * mm for d in POINT_LINE_MM)
    count = max(1, int(per_prompt / closest))
    return count, max(closest, min(widest, per_prompt / count))


def _prompts_body(
    c: Canvas, deck: Deck, chunk: tuple[Card, ...], x: float, bottom: float, w: float, top: float
) -> None:
    indent = 12 * mm
    titles = _prompt_titles(chunk, w - indent)
    lines_each, pitch = point_lines(titles, top - bottom, extra_rows(w - indent))
    y = top
    for card, title in zip(chunk, titles, strict=True):
        c.setFillColor(INK)
        c.setFont(BOLD, 10)
        c.drawString(x, y - 10, card.code)
        ty = y - 10
        for line in title:
            c.drawString(x + indent, ty, line)
            ty -= TITLE_LEADING
        vy = ty - VERDICTS_BELOW
        c.setFont(REGULAR, 9)
        if card.prompt_kind == PromptKind.OPEN_QUESTION:
            # An open question asks no verdict: its answer in a line, then the points.
            c.setFillColor(INK)
            c.drawString(x + indent, vy, "In one line:")
            label_end = x + indent + unit_width("In one line: ", REGULAR) * 9
            _line(c, label_end, vy - 1.5, x + w, INK)
        else:
            vy = _verdicts_and_votes(c, x + indent, vy, x + w)
        ky = vy - ROW_GAP
        c.drawString(x + indent, ky, "Points raised:")
        for _ in range(lines_each):
            ky -= pitch
            _line(c, x + indent, ky, x + w)
        _line(c, x, ky - 3 * mm, x + w, INK)
        y = ky - BLOCK_GAP


def _verdicts_and_votes(c: Canvas, left: float, vy: float, right: float) -> float:
    """A question's verdict boxes and vote blanks, flowed onto rows that fit; the last row's y."""
    widths = _verdict_widths()
    for r, row in enumerate(_flow(widths, right - left)):
        vx = left
        vy -= FLOW_GAP if r else 0
        for i in row:
            _box(c, vx, vy - 1, 3.6 * mm)
            c.setFillColor(INK)
            c.drawString(vx + 5.5 * mm, vy, VERDICTS[i])
            vx += widths[i]
    vy -= ROW_GAP
    c.drawString(left, vy, "Votes:")
    start = left + unit_width("Votes:", REGULAR) * 9 + 4 * mm
    widths = _vote_widths()
    for r, row in enumerate(_flow(widths, right - start)):
        vote_x = start
        vy -= FLOW_GAP if r else 0
        for i in row:
            label = VOTES[i]
            c.setFillColor(INK)
            c.drawString(vote_x, vy, label)
            vote_x += unit_width(label + " ", REGULAR) * 9
            _line(c, vote_x, vy - 1.5, vote_x + 12 * mm, INK)
            vote_x += 12 * mm + 6 * mm
    return vy


_BODIES: dict[ActivityKind, Body] = {
    ActivityKind.RANK: _rank_body,
    ActivityKind.MATCH: _match_body,
    ActivityKind.PROMPTS: _prompts_body,
}
