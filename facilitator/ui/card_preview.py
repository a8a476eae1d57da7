"""Live card preview: the print engine's real PDF of a card, drawn to an image off the UI thread.

Requests are debounced; each carries a generation number and only the newest result is shown,
so fast typing never queues up stale renders or blocks the UI thread.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QObject,
    QRunnable,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from facilitator.decks.model import Card, Deck
from facilitator.errors import FacilitatorError
from facilitator.ui.worker_pools import deliver, drain, worker_pool

if TYPE_CHECKING:
    from facilitator.print import PrintOptions

PREVIEW_DELAY_MS = 120


def preview_options() -> PrintOptions:
    # Imported on first use, in a worker: the print engine (ReportLab) is slow to load and the
    # first window should not wait for it.
    from facilitator.print import PrintOptions

    return PrintOptions()


WarningCache = dict[tuple[str, ...], list[str]]


def card_warnings(
    deck: Deck, options: PrintOptions, cache: WarningCache | None = None
) -> dict[str, list[str]]:
    """Card id -> what will print badly (overflow, missing glyphs), as the print engine sees it.

    Fitting text is slow (seconds for hundreds of cards), so results are kept in `cache` by
    what decides them and an edit re-checks only the card it changed.
    """
    from facilitator.print import CardPainter

    cache = {} if cache is None else cache
    painter = CardPainter([deck], options)
    found = {}
    for index, card in enumerate(deck.cards):
        suit = deck.suit(card.suit)
        # The picture too: the text is fitted in the room it leaves.
        key = (
            card.title,
            card.body,
            card.back,
            suit.name if suit else "",
            deck.title,
            card.picture,
        )
        if key not in cache:
            painter.text_for(0, index)
            cache[key] = painter.warnings.get((0, index), [])
            time.sleep(0)  # let the UI thread take the interpreter between cards
        if cache[key]:
            found[card.id] = cache[key]
    return found


class _Results(QObject):
    rendered = Signal(int, QImage)
    checked = Signal(int, dict)
    failed = Signal(int, str)


class _RenderJob(QRunnable):
    def __init__(self, results: _Results, generation: int, deck: Deck, card: Card, width: int):
        super().__init__()
        self.results = results
        self.generation = generation
        self.deck = deck
        self.card = card
        self.width = width

    def run(self) -> None:
        from facilitator.print import render_card_pdf

        try:
            data = render_card_pdf(self.deck, self.card, preview_options())
        except FacilitatorError as exc:
            deliver(self.results.failed.emit, self.generation, str(exc))
            return
        from facilitator.ui.pdf_images import pdf_page_images  # PDFium loads on first use

        image = pdf_page_images(data, self.width, fit_width=True)[0]
        deliver(self.results.rendered.emit, self.generation, image)


class _CheckJob(QRunnable):
    def __init__(self, results: _Results, generation: int, deck: Deck, cache: WarningCache):
        super().__init__()
        self.results = results
        self.generation = generation
        self.deck = deck
        self.cache = cache  # only ever used from the pool's single thread

    def run(self) -> None:
        try:
            warnings = card_warnings(self.deck, preview_options(), self.cache)
        except FacilitatorError:
            return  # the render job reports the same problem for the card shown
        deliver(self.results.checked.emit, self.generation, warnings)


class CardPreview(QWidget):
    """Shows front and back of one card; `warningsReady` reports problem cards of the deck."""

    warningsReady = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QLabel(self)
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.image.setAccessibleName(self.tr("Card preview"))
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.image)
        layout.addWidget(self.caption)
        layout.addStretch(1)

        self.pool = worker_pool(self)
        self._results = _Results(self)
        self._results.rendered.connect(self._on_rendered)
        self._results.checked.connect(self._on_checked)
        self._results.failed.connect(self._on_failed)
        self._generation = 0
        self._check_generation = 0
        self._deck: Deck | None = None
        self._card: Card | None = None
        self._last_checked: Deck | None = None
        self._warning_cache: WarningCache = {}
        self.shown_generation = -1
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._start)

    def show_card(self, deck: Deck | None, card: Card | None) -> None:
        self._deck, self._card = deck, card
        if deck is None or card is None:
            self._timer.stop()
            self.image.clear()
            self.caption.setText(self.tr("Select a card to see it as it will print."))
            return
        self._timer.start()

    def _start(self) -> None:
        if self._deck is None or self._card is None:
            return
        self._generation += 1
        width = max(200, self.image.width()) * self.devicePixelRatio()
        self.pool.start(
            _RenderJob(self._results, self._generation, self._deck, self._card, int(width))
        )
        if self._deck is not self._last_checked:
            self._last_checked = self._deck
            self._check_generation += 1
            self.pool.start(
                _CheckJob(self._results, self._check_generation, self._deck, self._warning_cache)
            )

    def _on_rendered(self, generation: int, image: QImage) -> None:
        if generation != self._generation:
            return  # a newer render is on its way
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatio())
        self.image.setPixmap(pixmap)
        self.shown_generation = generation
        card = self._card
        self.caption.setText(
            self.tr("{code} · front and back, as printed").format(code=card.code) if card else ""
        )

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.image.clear()
            self.caption.setText(self.tr("Cannot preview this card: {0}").format(message))

    def _on_checked(self, generation: int, warnings: dict) -> None:
        if generation == self._check_generation:
            self.warningsReady.emit(warnings)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._card is not None:
            self._timer.start()

    def shutdown(self) -> None:
        """Drop queued renders and wait for the running one (on quitting)."""
        self._timer.stop()
        drain(self.pool)

    def wait_idle(self, msecs: int = 5000) -> bool:
        """For tests and the self-test: wait for queued renders to finish."""
        return self.pool.waitForDone(msecs)
