"""Every question the app asks the user, in one replaceable object.

Pages call these instead of QFileDialog/QMessageBox directly, so tests substitute answers and
no modal dialog can ever block a test run.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

# Qt's dialog classes load when a question is first asked: every page holds a Dialogs, and
# loading them (and their enums) cost the first window's start a few milliseconds.
if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QWidget


class Dialogs:
    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def open_file(self, title: str, filters: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(self.parent, title, "", filters)
        return Path(name) if name else None

    def open_files(self, title: str, filters: str) -> list[Path]:
        from PySide6.QtWidgets import QFileDialog

        names, _ = QFileDialog.getOpenFileNames(self.parent, title, "", filters)
        return [Path(name) for name in names]

    def save_file(self, title: str, suggested: str, filters: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(self.parent, title, suggested, filters)
        return Path(name) if name else None

    def text(self, title: str, label: str, value: str = "") -> str | None:
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(self.parent, title, label, text=value)
        return text if ok else None

    def colour(self, title: str, initial: str) -> str | None:
        """A colour as "#rrggbb", starting from `initial`; None if the user cancels."""
        from PySide6.QtGui import QColor
        from PySide6.QtWidgets import QColorDialog  # only loaded when a colour is chosen

        chosen = QColorDialog.getColor(QColor(initial), self.parent, title)
        return chosen.name() if chosen.isValid() else None

    def choice(self, title: str, label: str, options: list[str]) -> int | None:
        from PySide6.QtWidgets import QInputDialog

        item, ok = QInputDialog.getItem(self.parent, title, label, options, 0, False)
        return options.index(item) if ok else None

    def confirm(self, title: str, message: str, ok_label: str) -> bool:
        """A yes/no question whose yes button says what it does; False unless it is pressed."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=self.parent)
        ok = box.addButton(ok_label, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is ok

    def run(self, dialog: QDialog) -> bool:
        """Show a dialog of our own until it is closed; True if it was accepted."""
        from PySide6.QtWidgets import QDialog

        return dialog.exec() == QDialog.DialogCode.Accepted

    def error(self, title: str, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self.parent, title, message)

    def problems(self, title: str, summary: str, lines: list[str]) -> None:
        """Several problems at once (e.g. an import's bad rows), in one scrollable list."""
        from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout

        dialog = QDialog(self.parent)
        dialog.setWindowTitle(title)
        label = QLabel(summary, dialog)
        label.setWordWrap(True)
        items = QListWidget(dialog)
        items.addItems(lines)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(label)
        layout.addWidget(items)
        layout.addWidget(buttons)
        dialog.resize(560, 320)
        dialog.exec()
