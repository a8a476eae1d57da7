"""The Reports page: an event's or a series' consensus, and the exports at the bottom right.

The page only displays: facilitator.reports builds the report data and its HTML, and writes
the exports. The save dialog is `ask_save_path`, replaceable so tests never block on it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from facilitator.errors import FacilitatorError
from facilitator.reports import FORMATS, Report, build_event_report, build_series_report
from facilitator.reports.html import render_html
from facilitator.reports.wording import short_date
from facilitator.reports.write import font_warning, suggested_name, write_report
from facilitator.ui.store_session import StoreSession

AskSavePath = Callable[[str, str, str], str | None]  # (caption, suggested path, filter) -> path
FOLDER_SETTING = "reports/folder"
BUTTON_LABELS = {"md": "Markdown…", "pdf": "PDF…", "csv": "CSV…", "json": "JSON…"}
FILTERS = {
    "md": "Markdown (*.md)",
    "pdf": "PDF (*.pdf)",
    "csv": "CSV (*.csv)",
    "json": "JSON (*.json)",
}
EMPTY_HINT = (
    "<h2>No events yet</h2><p>Plan an event on the Events page and record what the tables "
    "decided; its report appears here: the consensus, how far each table was from it, "
    "and the prompts.</p>"
)


class ReportsPage(QWidget):
    """Choose an event or a series; read its report; export it."""

    statusChanged = Signal(str)

    def __init__(self, session: StoreSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.report: Report | None = None
        self.ask_save_path: AskSavePath = self._ask_with_dialog
        self._stale = True

        self.chooser = QComboBox(self)
        self.chooser.setAccessibleName(self.tr("Event or series to report on"))
        self.chooser.setMinimumContentsLength(40)
        self.chooser.currentIndexChanged.connect(lambda _i: self.show_report())
        top = QHBoxLayout()
        label = QLabel(self.tr("Report on"), self)
        label.setBuddy(self.chooser)
        top.addWidget(label)
        top.addWidget(self.chooser, 1)

        self.view = QTextBrowser(self)
        self.view.setOpenLinks(False)
        self.view.setAccessibleName(self.tr("Report"))
        self.view.document().setDocumentMargin(18)
        # The report reflows to the page's width; tables squeeze rather than scroll sideways.
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(QLabel(self.tr("Export:"), self))
        self.export_buttons: dict[str, QPushButton] = {}
        for fmt, label_text in BUTTON_LABELS.items():
            button = QPushButton(self.tr(label_text), self)
            button.setToolTip(self.tr("Save the {what}").format(what=FORMATS[fmt][1]))
            button.clicked.connect(lambda _checked=False, f=fmt: self.export(f))
            bottom.addWidget(button)
            self.export_buttons[fmt] = button

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self._set_exportable(False)
        session.changed.connect(self._on_store_changed)

    # --- loading -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        # The database opens on first use: only when the page is first shown.
        if self._stale:
            self.reload()
        super().showEvent(event)

    def _on_store_changed(self, _origin: object) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        """List the events and series again and show the chosen one's report."""
        self._stale = False
        previous = self.chooser.currentData()
        self.chooser.blockSignals(True)
        self.chooser.clear()
        try:
            store = self.session.store()
            events = store.list_events()
            series = store.list_series()
        except FacilitatorError as exc:
            self.chooser.blockSignals(False)
            self._show_problem(str(exc))
            return
        for event in reversed(events):  # the latest first
            day = short_date(event.starts)
            label = f"{event.title} · {day}" if day else event.title
            self.chooser.addItem(label, f"event:{event.id}")
        for name in series:
            count = sum(1 for e in events if e.series == name)
            self.chooser.addItem(
                self.tr("Series: {name} ({count} events)").format(name=name, count=count),
                f"series:{name}",
            )
        index = self.chooser.findData(previous) if previous else -1
        self.chooser.setCurrentIndex(max(index, 0) if self.chooser.count() else -1)
        self.chooser.blockSignals(False)
        self.show_report()

    def choose(self, kind: str, key: str) -> bool:
        """Show the report of ("event", id) or ("series", name); False if it is not listed."""
        index = self.chooser.findData(f"{kind}:{key}")
        if index < 0:
            return False
        if index == self.chooser.currentIndex():
            self.show_report()
        else:
            self.chooser.setCurrentIndex(index)
        return True

    def show_report(self) -> None:
        choice = self.chooser.currentData()
        if not choice:
            self.report = None
            self.view.setHtml(EMPTY_HINT)
            self._set_exportable(False)
            return
        kind, _, key = str(choice).partition(":")
        try:
            store = self.session.store()
            if kind == "event":
                self.report = build_event_report(store, key)
            else:
                self.report = build_series_report(store, key)
        except FacilitatorError as exc:
            self._show_problem(str(exc))
            return
        scroll = self.view.verticalScrollBar().value()
        self.view.setHtml(render_html(self.report))
        self.view.verticalScrollBar().setValue(scroll)
        self._set_exportable(True)
        self.message.setText("")

    def _show_problem(self, sentence: str) -> None:
        self.report = None
        self.view.setPlainText(self.tr("The report cannot be shown: {why}").format(why=sentence))
        self._set_exportable(False)
        self.statusChanged.emit(sentence)

    def _set_exportable(self, enabled: bool) -> None:
        for button in self.export_buttons.values():
            button.setEnabled(enabled)

    # --- exports -----------------------------------------------------------------------------

    def export(self, fmt: str) -> Path | None:
        """Ask where to save, then write the report; returns the file written, if any."""
        if self.report is None:
            return None
        folder = Path(str(QSettings().value(FOLDER_SETTING, "") or _documents()))
        suggested = str(folder / suggested_name(self.report, fmt))
        caption = self.tr("Save the {what}").format(what=FORMATS[fmt][1])
        chosen = self.ask_save_path(caption, suggested, FILTERS[fmt])
        if not chosen:
            return None
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(FORMATS[fmt][0])
        try:
            written = write_report(self.report, fmt, path)
        except FacilitatorError as exc:
            self.message.setStyleSheet("color: #b3261e;")
            self.message.setText(str(exc))
            return None
        QSettings().setValue(FOLDER_SETTING, str(written.parent))
        self.message.setStyleSheet("")
        done = self.tr("Saved the {what} to {path}").format(what=FORMATS[fmt][1], path=written)
        warning = font_warning(self.report, fmt)
        if warning:
            done += " (" + warning + ")"
        self.message.setText(done)
        self.statusChanged.emit(done)
        return written

    def _ask_with_dialog(self, caption: str, suggested: str, file_filter: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, caption, suggested, file_filter)
        return path or None


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
