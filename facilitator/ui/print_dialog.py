"""The print dialog: every print option, the plan in words, a page preview, and the PDF written
in the background with progress. The print engine decides everything; this only asks and shows.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from itertools import islice
from pathlib import Path

from PySide6.QtCore import (
    QObject,
    QRunnable,
    QSettings,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QColor, QDesktopServices, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from facilitator.deck_library import LibraryEntry
from facilitator.errors import FacilitatorError
from facilitator.model import Deck
from facilitator.print import (
    CARD_SIZES,
    OPTIONS,
    POUCH_SIZES,
    CardPainter,
    PrintOptions,
    PrintReport,
    describe_plan,
    pack_pages,
    parse_options,
    pdf_bytes,
    plan_pack,
    render_pack,
)
from facilitator.set_marks import MAX_SETS
from facilitator.ui.dialogs import Dialogs
from facilitator.ui.pdf_images import pdf_page_images
from facilitator.ui.worker_pools import deliver, worker_pool

SETTINGS_KEY = "print/last-options"
PREVIEW_DELAY_MS = 250
PREVIEW_PAGES = 2
PREVIEW_WIDTH_PX = 420

# Choices offered in the dialog: (option value, label shown).
PAPERS = (("a4", "A4"), ("letter", "Letter"), ("a3", "A3"), ("a5", "A5"))
CARDS = tuple(
    (name, f"{name.capitalize() if name != 'id-1' else 'ID-1'} {w:g}×{h:g} mm")
    for name, (w, h) in CARD_SIZES.items()
)
POUCHES = (
    ("auto", "Smallest that fits"),
    *((name, f"{name} ({w:g}×{h:g} mm)") for name, (w, h) in POUCH_SIZES.items()),
)
LAMINATION = (
    ("sheet", "Laminate the sheet, then cut"),
    ("card", "Cut, then laminate each card"),
    ("none", "No lamination"),
)
DUPLEX = (
    ("none", "Fronts only"),
    ("long", "Two-sided, flip on long edge"),
    ("short", "Two-sided, flip on short edge"),
)
ORIENTATION = (("auto", "Fit the most cards"), ("portrait", "Portrait"), ("landscape", "Landscape"))
# The engine's own defaults (its one table of options), for the dialog's first use.
ENGINE_DEFAULTS = {spec.name: spec.default for spec in OPTIONS}
DIALOG_NAMES = (
    "paper", "orientation", "card", "laminate", "pouch", "duplex", "sets", "back-offset",
    "marks", "guide", "tent-cards", "capture-sheets", "calibration",
)  # fmt: skip
DEFAULTS = {name: ENGINE_DEFAULTS[name] for name in DIALOG_NAMES}
# Typed options; their placeholders show the engine's default, or say what it means.
PLACEHOLDER_WORDS = {
    "gutter": "auto: 8mm for sheet, 4mm for card",
    "corner-radius": f"{ENGINE_DEFAULTS['corner-radius']} (0 for square)",
    "title": "the deck titles",
}
ADVANCED_NAMES = (
    "margin", "gutter", "seal", "corner-radius", "title-size", "body-size", "title", "author"
)  # fmt: skip
ADVANCED_OPTIONS = tuple((n, PLACEHOLDER_WORDS.get(n, ENGINE_DEFAULTS[n])) for n in ADVANCED_NAMES)


def preview_pdf(decks: Sequence[Deck], options: PrintOptions) -> tuple[bytes, str, int]:
    """The first pages of the pack as PDF bytes, the plan in words, and the page count."""
    plan = plan_pack(decks, options)
    painter = CardPainter(decks, options)
    pages = list(islice(pack_pages(decks, plan, painter, []), PREVIEW_PAGES))
    return pdf_bytes(pages, title="preview"), describe_plan(plan), plan.total_pages


class _Signals(QObject):
    previewed = Signal(int, object, str, int)  # generation, images, plan text, page count
    previewFailed = Signal(int, str)
    progress = Signal(int, int)
    written = Signal(object)  # PrintReport
    writeFailed = Signal(str)


class _PreviewJob(QRunnable):
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
            data, text, total = preview_pdf(self.decks, self.options)
        except FacilitatorError as exc:
            deliver(self.signals.previewFailed.emit, self.generation, str(exc))
            return
        images = pdf_page_images(data, PREVIEW_WIDTH_PX)
        deliver(self.signals.previewed.emit, self.generation, images, text, total)


class _WriteJob(QRunnable):
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
    """Print one or more decks as one pack. Open with `open()` (never blocks a test)."""

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
        self.options: PrintOptions | None = None
        self.report: PrintReport | None = None
        self.preview_images: list[QImage] = []
        self._writing_values: dict[str, str] = {}

        self.decks_list = QListWidget(self)
        self.decks_list.setAccessibleName(self.tr("Decks to print"))
        for entry in entries:
            if entry.deck is None:
                continue
            item = QListWidgetItem(f"{entry.deck.title} ({len(entry.deck.cards)})", self.decks_list)
            item.setData(Qt.ItemDataRole.UserRole, entry)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = entry.path in selected
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.decks_list.itemChanged.connect(self._schedule_preview)
        self.decks_list.setMaximumHeight(110)

        self.sets = QSpinBox(self)
        self.sets.setRange(1, MAX_SETS)
        self.sets.setSuffix(self.tr(" sets (one per table)"))
        self.paper = self._combo(PAPERS)
        self.orientation = self._combo(ORIENTATION)
        self.card = self._combo(CARDS)
        self.laminate = self._combo(LAMINATION)
        self.pouch = self._combo(POUCHES)
        self.duplex = self._combo(DUPLEX)
        self.offset_x = self._offset()
        self.offset_y = self._offset()
        self.marks = self._check(self.tr("Cut marks"))
        self.guide = self._check(self.tr("Print guide page with a 100 mm ruler"))
        self.tent_cards = self._check(self.tr("Tent cards for prompts"))
        self.capture_sheets = self._check(self.tr("Paper capture sheets"))
        self.calibration = self._check(self.tr("Duplex calibration sheet"))
        self.sets.valueChanged.connect(self._schedule_preview)
        # Paper and card sizes also take a typed size such as "70x100mm".
        for combo in (self.paper, self.card):
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.lineEdit().editingFinished.connect(self._schedule_preview)
        # The rest of what the engine offers, as typed values it validates itself.
        self.advanced = {
            name: self._text_option(placeholder) for name, placeholder in ADVANCED_OPTIONS
        }

        form = QFormLayout()
        form.addRow(self.tr("Decks:"), self.decks_list)
        form.addRow(self.tr("Sets:"), self.sets)
        form.addRow(self.tr("Paper:"), self.paper)
        form.addRow(self.tr("Orientation:"), self.orientation)
        form.addRow(self.tr("Card size:"), self.card)
        form.addRow(self.tr("Lamination:"), self.laminate)
        form.addRow(self.tr("Pouch:"), self.pouch)
        form.addRow(self.tr("Sides:"), self.duplex)
        offset = QHBoxLayout()
        offset.addWidget(QLabel("X", self))
        offset.addWidget(self.offset_x)
        offset.addWidget(QLabel("Y", self))
        offset.addWidget(self.offset_y)
        form.addRow(self.tr("Back offset:"), offset)
        extras = QGroupBox(self.tr("Also print"), self)
        extras_layout = QVBoxLayout(extras)
        for box in (self.marks, self.guide, self.tent_cards, self.capture_sheets, self.calibration):
            extras_layout.addWidget(box)
        more = QGroupBox(self.tr("More options"), self)
        more.setCheckable(True)
        more.setChecked(False)
        more_form = QFormLayout(more)
        labels = {
            "margin": self.tr("Page margin:"),
            "gutter": self.tr("Gutter:"),
            "seal": self.tr("Pouch seal:"),
            "corner-radius": self.tr("Corner radius:"),
            "title-size": self.tr("Title size (max,min):"),
            "body-size": self.tr("Body size (max,min):"),
            "title": self.tr("PDF title:"),
            "author": self.tr("PDF author:"),
        }
        for name, field in self.advanced.items():
            more_form.addRow(labels[name], field)
        for field in self.advanced.values():
            field.setVisible(False)
        more.toggled.connect(lambda on: [f.setVisible(on) for f in self.advanced.values()])
        self.more_options = more
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(extras)
        left.addWidget(more)
        left.addStretch(1)

        self.plan_text = QLabel(self)
        self.plan_text.setWordWrap(True)
        self.plan_text.setTextFormat(Qt.TextFormat.PlainText)
        self.plan_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plan_text.setAccessibleName(self.tr("Print plan"))
        self.pages_view = QLabel(self)
        self.pages_view.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.pages_view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.pages_view.setAccessibleName(self.tr("Page preview"))
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.pages_view)
        scroll.setMinimumWidth(PREVIEW_WIDTH_PX + 30)
        right = QVBoxLayout()
        right.addWidget(self.plan_text)
        right.addWidget(scroll, 1)

        self.progress = QProgressBar(self)
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
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
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.status, 2)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)

        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(buttons)
        self.resize(980, 680)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._start_preview)
        self._restore_choices()
        self._schedule_preview()

    # --- fields ----------------------------------------------------------------------------

    def _combo(self, choices: Sequence[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        for value, label in choices:
            combo.addItem(self.tr(label), value)
        combo.currentIndexChanged.connect(self._schedule_preview)
        return combo

    def _text_option(self, placeholder: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setPlaceholderText(placeholder)
        field.setClearButtonEnabled(True)
        field.editingFinished.connect(self._schedule_preview)
        return field

    def _check(self, label: str) -> QCheckBox:
        box = QCheckBox(label, self)
        box.toggled.connect(self._schedule_preview)
        return box

    def _offset(self) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setRange(-15.0, 15.0)
        box.setSingleStep(0.5)
        box.setDecimals(1)
        box.setSuffix(" mm")
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
            "duplex": self.duplex.currentData(),
            "sets": str(self.sets.value()),
            "back-offset": f"{self.offset_x.value():g},{self.offset_y.value():g}",
            "marks": flag(self.marks),
            "guide": flag(self.guide),
            "tent-cards": flag(self.tent_cards),
            "capture-sheets": flag(self.capture_sheets),
            "calibration": flag(self.calibration),
        }
        if values["laminate"] == "card":
            values["pouch"] = self.pouch.currentData()
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
            (self.marks, "marks"),
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
        self.pouch.setEnabled(self.laminate.currentData() == "card")
        self.offset_x.setEnabled(self.duplex.currentData() != "none")
        self.offset_y.setEnabled(self.duplex.currentData() != "none")
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
        self.plan_text.setText(message)
        self.plan_text.setStyleSheet("color: #b00020;")
        self.pages_view.clear()
        self.save_button.setEnabled(False)

    def _on_previewed(self, generation: int, images: list, text: str, total: int) -> None:
        if generation != self._generation:
            return
        self.plan_text.setStyleSheet("")
        shown = min(len(images), total)
        self.plan_text.setText(
            text
            + "\n"
            + self.tr("Preview: the first {shown} of {total} pages.").format(
                shown=shown, total=total
            )
        )
        self.preview_images = images
        self.pages_view.setPixmap(self._stack(images))
        self.save_button.setEnabled(True)

    def _stack(self, images: list[QImage]) -> QPixmap:
        width = max((i.width() for i in images), default=1)
        height = sum(i.height() + 12 for i in images) or 1
        canvas = QImage(width, height, QImage.Format.Format_ARGB32)
        canvas.fill(Qt.GlobalColor.transparent)
        painter = QPainter(canvas)
        y = 0
        for image in images:
            painter.setPen(QColor("#999999"))
            painter.drawImage((width - image.width()) // 2, y, image)
            painter.drawRect((width - image.width()) // 2, y, image.width() - 1, image.height() - 1)
            y += image.height() + 12
        painter.end()
        return QPixmap.fromImage(canvas)

    def _on_preview_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._show_problem(message)

    # --- writing ---------------------------------------------------------------------------

    def choose_and_write(self) -> None:
        decks = self.decks()
        suggested = (decks[0].title if decks else "cards").replace("/", "-") + ".pdf"
        path = self.dialogs.save_file(self.tr("Save PDF"), suggested, "PDF (*.pdf)")
        if path is not None:
            self.write_pdf(path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf"))

    def write_pdf(self, path: Path) -> bool:
        """Write the pack in the background; `written` or `writeFailed` tells how it went."""
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
        self.status.setText(self.tr("Writing {0}…").format(path.name))
        self.status.setStyleSheet("")
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
        message = self.tr("Saved {name}: {pages} pages.").format(
            name=report.path.name, pages=report.pages
        )
        if report.warnings:
            message += " " + self.tr("Check: {0}").format("; ".join(report.warnings[:3]))
        self.status.setText(message)

    def _on_write_failed(self, message: str) -> None:
        self.progress.hide()
        self.save_button.setEnabled(True)
        self.status.setText(self.tr("Not saved: {0}").format(message))
        self.status.setStyleSheet("color: #b00020;")

    def open_written(self) -> None:
        if self.report is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.report.path)))

    def wait_idle(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)

    def done(self, result: int) -> None:
        self.pool.clear()
        super().done(result)
