"""PDF bytes to images with QtPdf: how the previews show exactly what will print."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QSize
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument


def pdf_page_images(data: bytes, longest_side_px: int, fit_width: bool = False) -> list[QImage]:
    """Each page drawn so its longest side (or, with `fit_width`, its width) is that many pixels.

    Safe in a worker thread: QImage, unlike QPixmap, may be made off the UI thread.
    """
    document = QPdfDocument(None)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QBuffer.OpenModeFlag.ReadOnly)
    document.load(buffer)
    images = []
    for page in range(document.pageCount()):
        size = document.pagePointSize(page)
        reference = size.width() if fit_width else max(size.width(), size.height())
        scale = longest_side_px / reference if reference else 1.0
        target = QSize(max(1, int(size.width() * scale)), max(1, int(size.height() * scale)))
        images.append(document.render(page, target))
    document.close()
    return images
