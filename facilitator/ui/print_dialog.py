"""The print dialog: every print option, the plan in words, a page preview, and the PDF written
in the background with progress. The print engine decides everything; this only asks and shows.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QObject,
    QRunnable,
    QSettings,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QImage, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from facilitator.decks.library import LibraryEntry, load_entry
from facilitator.decks.model import Deck
from facilitator.errors import FacilitatorError
from facilitator.print import (
    CARD_SIZES,
    OPTIONS,
    POUCH_SIZES,
    CardPainter,
    PlanRow,
    PrintOptions,
    PrintReport,
    pack_pages,
    parse_options,
    pdf_bytes,
    plan_pack,
    plan_rows,
    preflight,
    print_shop_pages,
    render_pack,
)
from facilitator.set_marks import MAX_SETS
from facilitator.ui.dialogs import Dialogs
from facilitator.ui.pdf_images import pdf_page_images
from facilitator.ui.print_dialog_views import PagePreview, PlanView, StatusLine
from facilitator.ui.worker_pools import deliver, worker_pool

SETTINGS_KEY = "print/last-options"
PREVIEW_DELAY_MS = 250
PREVIEW_PAGES = 2
PREVIEW_WIDTH_PX = 560  # pages are drawn this wide, and shown smaller when the column is
PREVIEW_MIN_WIDTH_PX = 240
PREFERRED_SIZE = (1000, 760)  # at most the screen's available area (see showEvent)
TITLE_BAR_PX = 40  # room left for the title bar and frame when fitting to the screen
FRAME_SIDES_PX = 16
DECK_ROWS_SHOWN = 4
COLUMN_MIN_HEIGHT_PX = 280
STATUS_LINES = 2

# Every word the dialog shows beside the engine's values, in one place. QT_TRANSLATE_NOOP marks
# them for lupdate (a tr() of a variable is invisible to it); the dialog translates them when
# it shows them, in the "PrintDialog" context.
CONTEXT = "PrintDialog"
# Choices offered: (option value, label shown). Card and pouch labels get their size in mm.
PAPERS = (
    ("a4", QT_TRANSLATE_NOOP("PrintDialog", "A4")),
    ("letter", QT_TRANSLATE_NOOP("PrintDialog", "Letter")),
    ("a3", QT_TRANSLATE_NOOP("PrintDialog", "A3")),
    ("a5", QT_TRANSLATE_NOOP("PrintDialog", "A5")),
)
CARD_NAMES = {
    "poker": QT_TRANSLATE_NOOP("PrintDialog", "Poker"),
    "bridge": QT_TRANSLATE_NOOP("PrintDialog", "Bridge"),
    "mini": QT_TRANSLATE_NOOP("PrintDialog", "Mini"),
    "tarot": QT_TRANSLATE_NOOP("PrintDialog", "Tarot"),
    "a7": QT_TRANSLATE_NOOP("PrintDialog", "A7"),
    "a6": QT_TRANSLATE_NOOP("PrintDialog", "A6"),
    "business": QT_TRANSLATE_NOOP("PrintDialog", "Business card"),
    "id-1": QT_TRANSLATE_NOOP("PrintDialog", "ID-1"),
}
POUCH_NAMES = {
    "business": QT_TRANSLATE_NOOP("PrintDialog", "Business card"),
    "id": QT_TRANSLATE_NOOP("PrintDialog", "ID badge"),
    "75x105": QT_TRANSLATE_NOOP("PrintDialog", "Poker card"),
    "a7": QT_TRANSLATE_NOOP("PrintDialog", "A7"),
    "a6": QT_TRANSLATE_NOOP("PrintDialog", "A6"),
    "a5": QT_TRANSLATE_NOOP("PrintDialog", "A5"),
    "a4": QT_TRANSLATE_NOOP("PrintDialog", "A4"),
    "letter": QT_TRANSLATE_NOOP("PrintDialog", "Letter"),
    "a3": QT_TRANSLATE_NOOP("PrintDialog", "A3"),
}
CARDS = tuple((name, CARD_NAMES.get(name, name), size) for name, size in CARD_SIZES.items())
POUCHES = (
    ("auto", QT_TRANSLATE_NOOP("PrintDialog", "Auto (the paper's; one card: smallest)"), None),
    *((name, POUCH_NAMES.get(name, name), size) for name, size in POUCH_SIZES.items()),
)
LAMINATION = (
    ("pouch", QT_TRANSLATE_NOOP("PrintDialog", "Cut first, several a pouch: sealed")),
    ("sheet", QT_TRANSLATE_NOOP("PrintDialog", "Laminate the sheet, then cut: edges paper")),
    ("card", QT_TRANSLATE_NOOP("PrintDialog", "Cut, one pouch per card: sealed")),
    ("none", QT_TRANSLATE_NOOP("PrintDialog", "No lamination")),
)
PACK_BY = (
    ("set", QT_TRANSLATE_NOOP("PrintDialog", "Each set starts a new sheet")),
    ("deck", QT_TRANSLATE_NOOP("PrintDialog", "Each deck of each set starts a sheet")),
    ("none", QT_TRANSLATE_NOOP("PrintDialog", "Run on: fewest sheets, sort after cutting")),
)
DUPLEX = (
    ("none", QT_TRANSLATE_NOOP("PrintDialog", "Fronts only")),
    ("long", QT_TRANSLATE_NOOP("PrintDialog", "Two-sided, flip on long edge")),
    ("short", QT_TRANSLATE_NOOP("PrintDialog", "Two-sided, flip on short edge")),
)
ORIENTATION = (
    ("auto", QT_TRANSLATE_NOOP("PrintDialog", "Fit the most cards")),
    ("portrait", QT_TRANSLATE_NOOP("PrintDialog", "Portrait")),
    ("landscape", QT_TRANSLATE_NOOP("PrintDialog", "Landscape")),
)
# The engine's own defaults (its one table of options), for the dialog's first use.
ENGINE_DEFAULTS = {spec.name: spec.default for spec in OPTIONS}
DIALOG_NAMES = (
    "paper", "orientation", "card", "laminate", "fold", "pouch", "duplex", "sets", "pack-by",
    "back-offset", "marks", "cut-lines", "packing-list", "guide", "tent-cards", "capture-sheets",
    "calibration", "print-shop",
)  # fmt: skip
DEFAULTS = {name: ENGINE_DEFAULTS[name] for name in DIALOG_NAMES}
# Typed options under "More options": (name, label, placeholder). A placeholder with words says
# what the default means; "{0}" in it is the engine's default; None shows the default itself.
# QT_TRANSLATE_NOOP returns the text it marks; its stubs say object.
ADVANCED: tuple[tuple[str, str, str | None], ...] = (  # type: ignore[assignment]
    ("only", QT_TRANSLATE_NOOP("PrintDialog", "Only cards (codes):"),
     QT_TRANSLATE_NOOP("PrintDialog", "all; or e.g. R7,R9 to reprint")),
    ("only-set", QT_TRANSLATE_NOOP("PrintDialog", "Only sets:"),
     QT_TRANSLATE_NOOP("PrintDialog", "all; or e.g. 2 or 1,3")),
    ("bleed", QT_TRANSLATE_NOOP("PrintDialog", "Bleed:"),
     QT_TRANSLATE_NOOP("PrintDialog", "{0} (0 for none)")),
    ("margin", QT_TRANSLATE_NOOP("PrintDialog", "Page margin:"), None),
    ("gutter", QT_TRANSLATE_NOOP("PrintDialog", "Gutter:"),
     QT_TRANSLATE_NOOP("PrintDialog", "auto (what cutting needs)")),
    ("seal", QT_TRANSLATE_NOOP("PrintDialog", "Pouch seal:"), None),
    ("corner-radius", QT_TRANSLATE_NOOP("PrintDialog", "Corner radius:"),
     QT_TRANSLATE_NOOP("PrintDialog", "{0} (0 for square)")),
    ("title-size", QT_TRANSLATE_NOOP("PrintDialog", "Title size (max,min):"), None),
    ("body-size", QT_TRANSLATE_NOOP("PrintDialog", "Body size (max,min):"), None),
    ("title", QT_TRANSLATE_NOOP("PrintDialog", "PDF title:"),
     QT_TRANSLATE_NOOP("PrintDialog", "the deck titles")),
    ("author", QT_TRANSLATE_NOOP("PrintDialog", "PDF author:"), None),
)  # fmt: skip
ADVANCED_NAMES = tuple(name for name, _, _ in ADVANCED)


def preview_pdf(
    decks: Sequence[Deck], options: PrintOptions
) -> tuple[bytes, tuple[PlanRow, ...], int]:
    """The first pages of the pack as PDF bytes, the plan's rows in words, and the page count."""
    plan = plan_pack(decks, options)
    painter = CardPainter(decks, options)
    jobs = (
        print_shop_pages(plan, painter)
        if options.print_shop
        else pack_pages(decks, plan, painter, [])
    )
    pages = list(itertools.islice(jobs, PREVIEW_PAGES))
    # The plan shows every warning printing would give, before anything is written.
    rows = plan_rows(plan, preflight(decks, plan))
    total = 2 * plan.card_count if options.print_shop else plan.total_pages
    return pdf_bytes(pages, title="preview"), rows, total


class _Signals(QObject):
    previewed = Signal(int, object, object, int)  # generation, images, plan rows, page count
    previewFailed = Signal(int, str)
    progress = Signal(int, int)
    written = Signal(object)  # PrintReport
    writeFailed = Signal(str)


class _PreviewJob(QRunnable):
    # Not type-checked below: decks: the Deck list, typed where it is built.
    def __init__(self, signals: _Signals, generation: int, decks, options: PrintOptions):  # type: ignore[no-untyped-def]
        super().__init__()
        self.signals, self.generation, self.decks, self.options = (
            signals,
            generation,
            decks,
            options,
        )

    def run(self) -> None:
        try:
            data, rows, total = preview_pdf(self.decks, self.options)
        except FacilitatorError as exc:
            deliver(self.signals.previewFailed.emit, self.generation, str(exc))
            return
        images = pdf_page_images(data, PREVIEW_WIDTH_PX)
        deliver(self.signals.previewed.emit, self.generation, images, rows, total)


class _WriteJob(QRunnable):
    # Not type-checked below: decks: the Deck list, typed where it is built.
    def __init__(self, signals: _Signals, decks, options: PrintOptions, path: Path):  # type: ignore[no-untyped-def]
        super().__init__()
        self.signals, self.decks, self.options, self.path = signals, decks, options, path

    def run(self) -> None:
        try:
            report = render_pack(
                self.decks,
                self.options,
                self.path,
                progress=lambda done, total: deliver(self.signals.progress.emit, done, total),
            )
        except FacilitatorError as exc:
            deliver(self.signals.writeFailed.emit, str(exc))
            return
        deliver(self.signals.written.emit, report)


class PrintDialog(QDialog):
    """Print one or more decks as one pack. `open()` shows it without blocking and without
    making it modal: the editor stays usable beside it, and the ticked decks are read again
    from their files whenever the dialog comes back to the front."""

    def __init__(
        self,
        entries: Sequence[LibraryEntry],
        selected: Sequence[Path],
        parent: QWidget | None = None,
        dialogs: Dialogs | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print card sheets"))
        self.dialogs = dialogs or Dialogs(self)
        self.pool = worker_pool(self)
        self.signals = _Signals(self)
        self.signals.previewed.connect(self._on_previewed)
        self.signals.previewFailed.connect(self._on_preview_failed)
        self.signals.progress.connect(self._on_progress)
        self.signals.written.connect(self._on_written)
        self.signals.writeFailed.connect(self._on_write_failed)
        self._generation = 0
        self._fitted_to_screen = False
        self.options: PrintOptions | None = None
        self.report: PrintReport | None = None
        self.preview_images: list[QImage] = []
        self._writing_values: dict[str, str] = {}
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._start_preview)

        self._make_fields(entries, selected)
        columns = QHBoxLayout()
        columns.addWidget(self._options_column(), 2)
        columns.addWidget(self._preview_column(), 3)

        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(240)
        self.progress.hide()
        # The status has a row of its own, two lines high whether empty or full, so a long
        # message never squeezes the options or moves the buttons.
        self.status = StatusLine(STATUS_LINES, self)
        self.status.setAccessibleName(self.tr("Print status"))
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.progress)

        self.save_button = QPushButton(self.tr("Save PDF…"), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.choose_and_write)
        self.save_button.setEnabled(False)  # until the options make a printable plan
        self.open_button = QPushButton(self.tr("Open PDF"), self)
        self.open_button.hide()
        self.open_button.clicked.connect(self.open_written)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(status_row)
        layout.addLayout(buttons)
        self.resize(*PREFERRED_SIZE)

        self._restore_choices()
        self._schedule_preview()

    # --- fields and layout -----------------------------------------------------------------

    def _make_fields(self, entries: Sequence[LibraryEntry], selected: Sequence[Path]) -> None:
        self.decks_list = QListWidget(self)
        self.decks_list.setAccessibleName(self.tr("Decks to print"))
        for entry in entries:
            if entry.deck is None:
                continue
            item = QListWidgetItem(self.decks_list)
            self._show_entry(item, entry)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = entry.path in selected
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.decks_list.itemChanged.connect(self._schedule_preview)
        # Long titles are elided (the tooltip has the file), never scrolled sideways.
        self.decks_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.decks_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        # Tall enough for four decks whatever else is on screen; more scroll in the list.
        rows = self.decks_list.fontMetrics().height() + 6
        self.decks_list.setFixedHeight(rows * DECK_ROWS_SHOWN + 2 * self.decks_list.frameWidth())

        self.sets = QSpinBox(self)
        self.sets.setRange(1, MAX_SETS)
        self.sets.valueChanged.connect(self._show_sets_suffix)
        self._show_sets_suffix(self.sets.value())
        self.paper = self._combo(PAPERS)
        self.orientation = self._combo(ORIENTATION)
        self.card = self._combo(CARDS)
        self.laminate = self._combo(LAMINATION)
        self.fold = self._check(self.tr("Gutter-fold: each back beside its front (no duplex)"))
        self.pouch = self._combo(POUCHES)
        self.duplex = self._combo(DUPLEX)
        self.pack_by = self._combo(PACK_BY)
        self.offset_x = self._offset(self.tr("Back offset X, to the right"))
        self.offset_y = self._offset(self.tr("Back offset Y, upwards"))
        self.marks = self._check(self.tr("Cut marks"))
        self.cut_lines = self._check(self.tr("Thin cut lines, full length (for a trimmer)"))
        self.packing_list = self._check(self.tr("Packing list per set"))
        self.print_shop = self._check(self.tr("For a print shop: one card a page, with bleed"))
        self.guide = self._check(self.tr("Print guide page with a 100 mm ruler"))
        self.tent_cards = self._check(self.tr("Tent cards for prompts"))
        self.capture_sheets = self._check(self.tr("Paper capture sheets"))
        self.calibration = self._check(self.tr("Duplex calibration sheet"))
        self.sets.valueChanged.connect(self._schedule_preview)
        # Paper and card sizes also take a typed size such as "70x100mm".
        for combo, name in ((self.paper, self.tr("Paper size")), (self.card, self.tr("Card size"))):
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            line = combo.lineEdit()  # there since setEditable(True)
            if line is not None:
                line.setAccessibleName(name)
                line.editingFinished.connect(self._schedule_preview)
        # The rest of what the engine offers, as typed values it validates itself.
        self.advanced = {
            name: self._text_option(name, self._words(label), placeholder)
            for name, label, placeholder in ADVANCED
        }

    def _options_column(self) -> QScrollArea:
        """Every choice, in a column that scrolls when the screen is short."""
        column = QWidget(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Decks:"), self.decks_list)
        form.addRow(self.tr("Sets:"), self.sets)
        form.addRow(self.tr("Paper:"), self.paper)
        form.addRow(self.tr("Orientation:"), self.orientation)
        form.addRow(self.tr("Card size:"), self.card)
        form.addRow(self.tr("Lamination:"), self.laminate)
        form.addRow("", self.fold)
        form.addRow(self.tr("Pouch:"), self.pouch)
        form.addRow(self.tr("Sides:"), self.duplex)
        form.addRow(self.tr("Packs:"), self.pack_by)
        offset = QHBoxLayout()
        for letter, spin in (("X", self.offset_x), ("Y", self.offset_y)):
            label = QLabel(letter, column)
            label.setBuddy(spin)
            offset.addWidget(label)
            offset.addWidget(spin, 1)
        form.addRow(self.tr("Back offset:"), offset)
        extras = QGroupBox(self.tr("Also print"), column)
        extras_layout = QVBoxLayout(extras)
        for box in (
            self.marks,
            self.cut_lines,
            self.packing_list,
            self.guide,
            self.tent_cards,
            self.capture_sheets,
            self.calibration,
            self.print_shop,
        ):
            extras_layout.addWidget(box)
        # Ticked, the typed options show and apply; unticked, they hide (labels and all) and
        # the engine's defaults apply, so nothing out of sight changes the print.
        self.more_options = QCheckBox(self.tr("More options"), column)
        self.more_box = QGroupBox(column)
        more_form = QFormLayout(self.more_box)
        for name, words, _ in ADVANCED:
            more_form.addRow(self._words(words), self.advanced[name])
        self.more_box.hide()
        self.more_options.toggled.connect(self._show_more_options)
        # The typed fields were made first; Tab still reaches them after their checkbox.
        chain = [self.print_shop, self.more_options, *self.advanced.values()]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)
        inner = QVBoxLayout(column)
        inner.addLayout(form)
        inner.addWidget(extras)
        inner.addWidget(self.more_options)
        inner.addWidget(self.more_box)
        inner.addStretch(1)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(column)
        # As wide as the fields need (never a sideways scroll), as short as the screen needs.
        bar = scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(column.minimumSizeHint().width() + bar)
        scroll.setMinimumHeight(COLUMN_MIN_HEIGHT_PX)
        self.options_scroll = scroll
        return scroll

    def _preview_column(self) -> QScrollArea:
        """The plan in words, then the first pages, scrolling together and shrinking to fit."""
        column = QWidget(self)
        self.plan_text = PlanView(column)
        self.plan_text.setAccessibleName(self.tr("Print plan"))
        self.preview_caption = QLabel(column)
        self.preview_caption.setWordWrap(True)
        self.pages_view = PagePreview(column)
        self.pages_view.setAccessibleName(self.tr("Page preview"))
        inner = QVBoxLayout(column)
        inner.setContentsMargins(8, 6, 8, 8)
        inner.addWidget(self.plan_text)
        inner.addWidget(self.preview_caption)
        inner.addWidget(self.pages_view, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(column)
        scroll.setMinimumSize(PREVIEW_MIN_WIDTH_PX, COLUMN_MIN_HEIGHT_PX)
        self.preview_scroll = scroll
        return scroll

    def _show_more_options(self, shown: bool) -> None:
        self.more_box.setVisible(shown)
        if shown:  # bring the fields that just opened into view on a short screen
            QTimer.singleShot(0, lambda: self.options_scroll.ensureWidgetVisible(self.more_box))
        self._schedule_preview()

    def _show_sets_suffix(self, count: int) -> None:
        # A spin box suffix has no number in it to pluralise, so it changes with the value.
        # The plural passes the count, so a translation can give each plural form its own words.
        self.sets.setSuffix(
            self.tr(" set (one per table)")
            if count == 1
            else self.tr(" sets (one per table)", "", count)
        )

    def _show_entry(self, item: QListWidgetItem, entry: LibraryEntry) -> None:
        assert entry.deck is not None
        # A duplicated sample has the sample's title: "sample" tells the two apart.
        words = self.tr("{title} ({cards}, sample)") if entry.is_sample else "{title} ({cards})"
        item.setText(words.format(title=entry.deck.title, cards=len(entry.deck.cards)))
        item.setToolTip(str(entry.path))
        item.setData(Qt.ItemDataRole.UserRole, entry)

    def _words(self, text: str) -> str:
        return QCoreApplication.translate(CONTEXT, text)

    def _combo(self, choices: Sequence[tuple]) -> QComboBox:
        combo = QComboBox(self)
        for value, label, *size in choices:
            words = self._words(label)
            if size and size[0] is not None:
                w, h = size[0]
                words = f"{words} {w:g}×{h:g} mm"
            combo.addItem(words, value)
        combo.currentIndexChanged.connect(self._schedule_preview)
        return combo

    def _text_option(self, name: str, label: str, placeholder: str | None) -> QLineEdit:
        field = QLineEdit(self)
        default = ENGINE_DEFAULTS[name]
        field.setPlaceholderText(
            self._words(placeholder).format(default) if placeholder else default
        )
        field.setAccessibleName(label.rstrip(":"))
        field.setClearButtonEnabled(True)
        field.editingFinished.connect(self._schedule_preview)
        return field

    def _check(self, label: str) -> QCheckBox:
        box = QCheckBox(label, self)
        box.toggled.connect(self._schedule_preview)
        return box

    def _offset(self, name: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setAccessibleName(name)
        box.setRange(-15.0, 15.0)
        box.setSingleStep(0.5)
        box.setDecimals(1)
        box.setSuffix(self.tr(" mm"))
        box.valueChanged.connect(self._schedule_preview)
        return box

    def values(self) -> dict[str, str]:
        """The dialog's choices as print option values (the same words as the command line)."""

        def flag(box: QCheckBox) -> str:
            return "yes" if box.isChecked() else "no"

        def size(combo: QComboBox) -> str:
            # A typed size has no item data; a chosen preset does.
            index = combo.findText(combo.currentText())
            return combo.itemData(index) if index >= 0 else combo.currentText().strip()

        values = {
            "paper": size(self.paper),
            "orientation": self.orientation.currentData(),
            "card": size(self.card),
            "laminate": self.laminate.currentData(),
            "fold": flag(self.fold),
            # Gutter-fold prints backs beside fronts: no duplex (the combo is off meanwhile).
            "duplex": "none" if self.fold.isChecked() else self.duplex.currentData(),
            "sets": str(self.sets.value()),
            "pack-by": self.pack_by.currentData(),
            "back-offset": f"{self.offset_x.value():g},{self.offset_y.value():g}",
            "marks": flag(self.marks),
            "cut-lines": flag(self.cut_lines),
            "packing-list": flag(self.packing_list),
            "print-shop": flag(self.print_shop),
            "guide": flag(self.guide),
            "tent-cards": flag(self.tent_cards),
            "capture-sheets": flag(self.capture_sheets),
            "calibration": flag(self.calibration),
        }
        if values["laminate"] in ("pouch", "card"):
            values["pouch"] = self.pouch.currentData()
        if self.more_options.isChecked():  # closed, its fields are out of sight and out of play
            for name, field in self.advanced.items():
                if field.text().strip():
                    values[name] = field.text().strip()
        return values

    def set_values(self, values: dict[str, str]) -> None:
        merged = {**DEFAULTS, **values}
        for combo, name in (
            (self.paper, "paper"),
            (self.orientation, "orientation"),
            (self.card, "card"),
            (self.laminate, "laminate"),
            (self.pouch, "pouch"),
            (self.duplex, "duplex"),
            (self.pack_by, "pack-by"),
        ):
            index = combo.findData(merged[name])
            if index < 0 and combo.isEditable():
                combo.setEditText(merged[name])
            else:
                combo.setCurrentIndex(max(index, 0))
        with contextlib.suppress(ValueError):
            self.sets.setValue(int(merged["sets"]))
        with contextlib.suppress(ValueError):
            x, y = (float(v) for v in merged["back-offset"].split(","))
            self.offset_x.setValue(x)
            self.offset_y.setValue(y)
        for box, name in (
            (self.fold, "fold"),
            (self.marks, "marks"),
            (self.cut_lines, "cut-lines"),
            (self.packing_list, "packing-list"),
            (self.print_shop, "print-shop"),
            (self.guide, "guide"),
            (self.tent_cards, "tent-cards"),
            (self.capture_sheets, "capture-sheets"),
            (self.calibration, "calibration"),
        ):
            box.setChecked(merged[name] == "yes")
        for name, field in self.advanced.items():
            field.setText(values.get(name, ""))
        if any(values.get(name) for name in self.advanced):
            self.more_options.setChecked(True)

    def refresh_decks(self) -> bool:
        """Read the listed decks again from their files (edited in the editor meanwhile?)."""
        changed = False
        for row in range(self.decks_list.count()):
            item = self.decks_list.item(row)
            entry = item.data(Qt.ItemDataRole.UserRole)
            fresh = load_entry(entry.path, entry.is_sample, entry.is_external)
            if fresh.deck is not None and fresh.deck != entry.deck:
                self._show_entry(item, fresh)
                changed = True
        return changed

    def decks(self) -> list[Deck]:
        decks = []
        for row in range(self.decks_list.count()):
            item = self.decks_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                decks.append(item.data(Qt.ItemDataRole.UserRole).deck)
        return decks

    def _restore_choices(self) -> None:
        saved = QSettings().value(SETTINGS_KEY)
        self.set_values(dict(saved) if isinstance(saved, dict) else {})

    # --- plan and preview ------------------------------------------------------------------

    def _schedule_preview(self) -> None:
        self.pouch.setEnabled(self.laminate.currentData() in ("pouch", "card"))
        self.duplex.setEnabled(not self.fold.isChecked())
        two_sided = self.duplex.currentData() != "none" and not self.fold.isChecked()
        self.offset_x.setEnabled(two_sided)
        self.offset_y.setEnabled(two_sided)
        self._preview_timer.start()

    def _start_preview(self) -> None:
        decks = self.decks()
        if not decks:
            self._show_problem(self.tr("Tick at least one deck to print."))
            return
        try:
            options = parse_options(self.values())
        except FacilitatorError as exc:
            self._show_problem(str(exc))
            return
        self.options = options
        self._generation += 1
        self.pool.start(_PreviewJob(self.signals, self._generation, decks, options))

    def _show_problem(self, message: str) -> None:
        self.options = None
        self.plan_text.show_problem(message)
        self.preview_caption.clear()
        self.pages_view.clear()
        self.save_button.setEnabled(False)

    def _on_previewed(
        self, generation: int, images: list, rows: tuple[PlanRow, ...], total: int
    ) -> None:
        if generation != self._generation:
            return
        self.plan_text.show_plan(rows)
        shown = min(len(images), total)
        if total == 1:
            caption = self.tr("Preview: the pack's only page.")
        elif shown == total:
            caption = self.tr("Preview: the whole pack ({total} pages).").format(total=total)
        else:
            caption = self.tr("Preview: the first {shown} of {total} pages.").format(
                shown=shown, total=total
            )
        self.preview_caption.setText(caption)
        self.preview_images = images
        self.pages_view.set_images(images)
        self.save_button.setEnabled(True)

    def _on_preview_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._show_problem(message)

    # --- showing ---------------------------------------------------------------------------

    def open(self) -> None:
        """Show without blocking and without QDialog.open()'s window modality."""
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.show()
        self.raise_()
        self.activateWindow()

    def showEvent(self, event: QShowEvent) -> None:
        if not self._fitted_to_screen:
            self._fitted_to_screen = True
            self.fit_to_screen()
        super().showEvent(event)

    def fit_to_screen(self) -> None:
        """No bigger than the screen's free area, so Save and Close are always on screen."""
        parent = self.parentWidget()
        screen = (parent.screen() if parent else None) or self.screen()
        area = screen.availableGeometry()
        # The window frame is not known before the first show: leave room for a usual one.
        sides = max(self.frameGeometry().width() - self.width(), FRAME_SIDES_PX)
        top = max(self.frameGeometry().height() - self.height(), TITLE_BAR_PX)
        width = min(self.width(), area.width() - sides)
        height = min(self.height(), area.height() - top)
        self.resize(max(width, self.minimumSizeHint().width()), height)
        outer = self.rect().adjusted(0, 0, sides, top)
        outer.moveCenter(parent.window().frameGeometry().center() if parent else area.center())
        # Centred on a window near a screen edge, part of it (the title bar) could be off screen.
        x = max(min(outer.left(), area.right() + 1 - outer.width()), area.left())
        y = max(min(outer.top(), area.bottom() + 1 - outer.height()), area.top())
        self.move(x, y)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        back = event.type() == QEvent.Type.ActivationChange and self.isActiveWindow()
        if back and self.refresh_decks():
            self._schedule_preview()

    # --- writing ---------------------------------------------------------------------------

    def choose_and_write(self) -> None:
        decks = self.decks()
        suggested = (decks[0].title if decks else "cards").replace("/", "-") + ".pdf"
        path = self.dialogs.save_file(self.tr("Save PDF"), suggested, "PDF (*.pdf)")
        if path is not None:
            self.write_pdf(path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf"))

    def write_pdf(self, path: Path) -> bool:
        """Write the pack in the background; `written` or `writeFailed` tells how it went."""
        self.refresh_decks()
        decks = self.decks()
        try:
            options = parse_options(self.values())
        except FacilitatorError as exc:
            self._on_write_failed(str(exc))
            return False
        if not decks:
            self._on_write_failed(self.tr("Tick at least one deck to print."))
            return False
        self._writing_values = self.values()
        self.report = None
        self.save_button.setEnabled(False)
        self.open_button.hide()
        self.progress.setValue(0)
        self.progress.show()
        self.status.set_message(self.tr("Writing {0}…").format(path.name))
        self.pool.start(_WriteJob(self.signals, decks, options, path))
        return True

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _on_written(self, report: PrintReport) -> None:
        # Remember what printed well, not every half-made choice.
        QSettings().setValue(SETTINGS_KEY, self._writing_values)
        self.report = report
        self.progress.hide()
        self.save_button.setEnabled(True)
        self.open_button.show()
        # Qt puts the count in for %n, and a translation picks its plural form by it.
        saved = (
            self.tr("Saved {name}: 1 page.")
            if report.pages == 1
            else self.tr("Saved {name}: %n pages.", "", report.pages)
        )
        message = saved.format(name=report.path.name)
        if report.warnings:
            # On a line of its own, so "Saved" stays in sight however long the warnings.
            message += "\n" + self.tr("Check: {0}").format("; ".join(report.warnings[:3]))
        self.status.set_message(message)

    def _on_write_failed(self, message: str) -> None:
        self.progress.hide()
        self.save_button.setEnabled(self.options is not None)  # not while the plan is refused
        self.status.set_message(self.tr("Not saved: {0}").format(message), error=True)

    def open_written(self) -> None:
        if self.report is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.report.path)))

    def wait_idle(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)

    def done(self, result: int) -> None:
        self.pool.clear()
        super().done(result)
