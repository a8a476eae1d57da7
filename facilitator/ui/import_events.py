"""File ▸ Import event files…: merge co-facilitators' event files, show what changed and the
conflicts, and let the user keep the other version of any conflict."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.errors import FacilitatorError

if TYPE_CHECKING:
    from facilitator.store.merge import Conflict, MergeReport
    from facilitator.ui.store_session import StoreSession

# Keeps the other version of a conflict; returns what to say, or raises FacilitatorError.
KeepOther = Callable[["Conflict"], str]
KEPT_MARK = "✓ "


def import_event_files(session: StoreSession, paths: list[Path]) -> list[MergeReport]:
    """Check every file, then merge them in one save; raises FacilitatorError saying why not."""
    from facilitator.store.event_files import load_event_file

    payloads = [(path.name, load_event_file(path)) for path in paths]
    store = session.open_store()
    if store is None:
        raise FacilitatorError(f"the database cannot be opened: {session.open_error}")
    if store.read_only:
        raise FacilitatorError(f"this copy can only read the database: {store.read_only_reason}")
    reports = store.import_events(payloads)
    session.notify_changed(None)
    return reports


def keep_other_version(session: StoreSession, conflict: Conflict) -> str:
    """Restore the version that lost the merge, as a new save (see `db history restore`)."""
    store = session.store()
    entry = store.restore_version(conflict.history_id)
    session.notify_changed(None)
    saved = entry.document["updated"][:16].replace("T", " ")
    return f"kept the other version (saved {saved} UTC on device {entry.document['device'][:8]})"


class ImportReportDialog(QDialog):
    """What each file added, updated and left unchanged, and every conflict with a button to
    keep the other version instead."""

    def __init__(
        self, reports: list[MergeReport], keep_other: KeepOther, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Event files imported"))
        self.keep_other = keep_other
        self.summary = QLabel("\n".join(report.summary() for report in reports), self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.conflicts = QListWidget(self)
        self.conflicts.setWordWrap(True)
        self.conflicts.setAccessibleName(self.tr("Conflicts"))
        for report in reports:
            for conflict in report.conflicts:
                item = QListWidgetItem(conflict.description, self.conflicts)
                item.setData(Qt.ItemDataRole.UserRole, conflict)
        count = self.conflicts.count()
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        if count:
            self.explain.setText(
                self.tr(
                    "Edited on both laptops: {what}. The later save was kept and the other "
                    "version is in the history; select a conflict to keep the other version."
                ).format(what="one record" if count == 1 else f"{count} records")
            )
        else:
            self.explain.setText(self.tr("No conflicts: every record merged cleanly."))
            self.conflicts.hide()
        self.keep_button = QPushButton(self.tr("&Keep the other version"), self)
        self.keep_button.setEnabled(False)
        self.keep_button.setVisible(bool(count))
        self.keep_button.clicked.connect(self.keep_selected)
        self.conflicts.currentItemChanged.connect(self._update_button)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.explain)
        layout.addWidget(self.conflicts, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(680, 360 if count else 180)
        if count:
            self.conflicts.setCurrentRow(0)
            self.conflicts.setFocus()

    def _update_button(self) -> None:
        item = self.conflicts.currentItem()
        self.keep_button.setEnabled(item is not None and not item.text().startswith(KEPT_MARK))

    def keep_selected(self) -> None:
        item = self.conflicts.currentItem()
        if item is None or item.text().startswith(KEPT_MARK):
            return
        conflict: Conflict = item.data(Qt.ItemDataRole.UserRole)
        try:
            said = self.keep_other(conflict)
        except FacilitatorError as exc:
            self.message.setText(self.tr("Could not keep the other version: {e}").format(e=exc))
            return
        item.setText(f"{KEPT_MARK}{conflict.what}: {said}")
        self.message.setText("")
        self._update_button()
