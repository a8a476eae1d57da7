"""A one-line message across the top of a page or the deck editor, with optional buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

# (frame, text): the coloured banners set their text colour too, or a dark palette's light
# text would sit on their pale backgrounds.
BANNER_STYLES = {
    "info": ("background: palette(alternate-base); border: 1px solid palette(mid);", ""),
    "warning": ("background: #fff4ce; border: 1px solid #e0c060;", "color: #3d2e00;"),
    "error": ("background: #fde7e9; border: 1px solid #d08090;", "color: #5c0011;"),
}


class Banner(QFrame):
    """A one-line message across the top of the editor, with optional buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QHBoxLayout()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        layout.addLayout(self.buttons)
        self.hide()

    def show_message(self, text: str, kind: str = "info", actions: tuple = ()) -> None:
        while self.buttons.count():
            taken = self.buttons.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        for label, callback in actions:
            button = QPushButton(label, self)
            button.clicked.connect(callback)
            self.buttons.addWidget(button)
        frame, text_colour = BANNER_STYLES[kind]
        self.setStyleSheet(
            f"Banner {{ {frame} {text_colour} border-radius: 4px; }}"
            f"Banner > QLabel {{ {text_colour} }}"
        )
        self.label.setText(text)
        self.show()
