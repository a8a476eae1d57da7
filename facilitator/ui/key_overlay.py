"""F1 over the capture screen: its keys and the ranking syntax, laid over the page itself.

In the bar a dialog would open a second window over the tables; this sheet covers the page,
and any key or click puts it away.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from facilitator.ui.capture.capture_page import HOLDS_FOCUS_OVER_CAPTURE


class KeyOverlay(QFrame):
    """A sheet over `covered` (a page inside `parent`), shown by show_over()."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("keyOverlay")
        self.setStyleSheet("#keyOverlay { background: #fafaf8; border: 2px solid #37474f; }")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Capture pulls focus that leaves it back to its agenda; this sheet keeps it.
        self.setProperty(HOLDS_FOCUS_OVER_CAPTURE, True)
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        scroll = QScrollArea(self)
        scroll.setWidget(self.text)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.viewport().setAutoFillBackground(False)
        self.text.setAutoFillBackground(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(scroll)
        self._return_focus: QWidget | None = None
        self.hide()

    def show_over(self, covered: QWidget, html: str, return_focus: QWidget | None) -> None:
        self.text.setText(html + "<p><i>Any key or a click closes this.</i></p>")
        parent = self.parentWidget()
        assert parent is not None
        top_left = covered.mapTo(parent, covered.rect().topLeft())
        self.setGeometry(top_left.x(), top_left.y(), covered.width(), covered.height())
        self._return_focus = return_focus
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def close_sheet(self) -> None:
        if not self.isVisible():
            return
        self.hide()
        if self._return_focus is not None:
            self._return_focus.setFocus()
        self._return_focus = None

    def event(self, event: QEvent) -> bool:
        # Every key is the sheet's while it shows: capture's window-wide keys (1-9, S, V...)
        # must not act behind it, so the key reaches keyPressEvent and only closes the sheet.
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.close_sheet()
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.close_sheet()
        event.accept()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.hide()
