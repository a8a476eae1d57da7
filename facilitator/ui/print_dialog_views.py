"""Display-only parts of the print dialog: the plan as a form, pages that fit their column, and a
status line that keeps its place however long the message.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
    QTextLayout,
)
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from facilitator.print import PlanRow, plan_text

PAGE_GAP_PX = 12
ERROR_COLOUR = QColor("#b00020")


class PlanView(QLabel):
    """The plan as a small two-column form: the heading on the left, its lines on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.rows: tuple[PlanRow, ...] = ()
        self.words = ""  # what is shown, as plain text

    def show_plan(self, rows: Sequence[PlanRow]) -> None:
        """Draws the engine's rows as they come: each row's heading, then its lines."""
        self.rows = tuple(rows)
        self.words = plan_text(self.rows)
        cells = "".join(
            f'<tr><td style="padding: 0 10px 4px 0; white-space: nowrap;"><b>{escape(row.heading)}'
            f'</b></td><td style="padding: 0 0 4px 0;">'
            f"{'<br>'.join(escape(line) for line in row.lines)}</td></tr>"
            for row in self.rows
        )
        self.setStyleSheet("")
        self.setText(f'<table cellspacing="0" cellpadding="0">{cells}</table>')
        self.setAccessibleDescription(self.words)

    def show_problem(self, message: str) -> None:
        self.words = message
        self.rows = ()
        self.setStyleSheet(f"color: {ERROR_COLOUR.name()};")
        self.setText(escape(message))
        self.setAccessibleDescription(message)


class PagePreview(QLabel):
    """The first pages stacked, scaled down to the column's width (never up, which would blur)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.images: list[QImage] = []
        self._shown_width = 0

    def set_images(self, images: list[QImage]) -> None:
        self.images = images
        self._shown_width = 0
        self._fit()

    def clear(self) -> None:
        self.images = []
        self._shown_width = 0
        super().clear()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if not self.images:
            return
        natural = max(i.width() for i in self.images)
        width = max(1, min(natural, self.width() - 2))
        if width == self._shown_width:
            return
        self._shown_width = width
        scaled = [
            i
            if width >= i.width()
            else i.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            for i in self.images
        ]
        self.setPixmap(stack_pages(scaled))


def stack_pages(images: list[QImage]) -> QPixmap:
    """Pages one below the other, each framed in grey like paper on a desk."""
    width = max((i.width() for i in images), default=1)
    height = sum(i.height() + PAGE_GAP_PX for i in images) or 1
    canvas = QImage(width, height, QImage.Format.Format_ARGB32)
    canvas.fill(Qt.GlobalColor.transparent)
    painter = QPainter(canvas)
    y = 0
    for image in images:
        x = (width - image.width()) // 2
        painter.drawImage(x, y, image)
        painter.setPen(QColor("#999999"))
        painter.drawRect(x, y, image.width() - 1, image.height() - 1)
        y += image.height() + PAGE_GAP_PX
    painter.end()
    return QPixmap.fromImage(canvas)


class StatusLine(QWidget):
    """A message in a fixed place: at most `lines` lines, the rest elided and in the tooltip, so
    a long warning never pushes the rest of the dialog about."""

    def __init__(self, lines: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines = lines
        self._text = ""
        self.error = False
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 4)

    def text(self) -> str:
        return self._text

    def set_message(self, text: str, error: bool = False) -> None:
        self._text, self.error = text, error
        self.setToolTip(text if text else "")
        self.setAccessibleDescription(text)
        self.update()

    def shown_lines(self) -> list[str]:
        """The lines as drawn at the current width (the last one elided if the text is longer)."""
        metrics = self.fontMetrics()
        width = max(1, self.width())
        shown: list[str] = []
        for paragraph in self._text.splitlines() or [""]:
            layout = QTextLayout(paragraph, self.font())
            layout.beginLayout()
            start = 0
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(width)
                if len(shown) == self.lines - 1:
                    rest = paragraph[start:]
                    shown.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
                    break
                shown.append(paragraph[start : start + line.textLength()].rstrip())
                start += line.textLength()
            layout.endLayout()
            if len(shown) >= self.lines:
                break
        return [s for s in shown if s] if self._text else []

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._text:
            return
        painter = QPainter(self)
        colour = ERROR_COLOUR if self.error else self.palette().color(QPalette.ColorRole.WindowText)
        painter.setPen(colour)
        metrics = self.fontMetrics()
        y = 2 + metrics.ascent()
        for line in self.shown_lines():
            painter.drawText(QPointF(0, y), line)
            y += metrics.lineSpacing()
        painter.end()
