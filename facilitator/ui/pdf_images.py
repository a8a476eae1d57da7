"""PDF bytes to images with PDFium: how the previews show exactly what will print."""

from __future__ import annotations

import atexit
import threading

import pypdfium2
from PySide6.QtGui import QImage

# PDFium is not safe to use from two threads at once; the card preview and the print dialog
# each render in a worker of their own.
_PDFIUM = threading.Lock()


@atexit.register
def _finish_before_pdfium_closes() -> None:
    # pypdfium2 shuts PDFium down at exit; a render still running in a worker would crash the
    # process. Handlers run last-registered first, so this waits for that render, then keeps
    # the lock: no new render can start on a library that is going away.
    _PDFIUM.acquire(timeout=10)


def pdf_page_images(data: bytes, longest_side_px: int, fit_width: bool = False) -> list[QImage]:
    """Each page drawn so its longest side (or, with `fit_width`, its width) is that many pixels.

    Safe in a worker thread: QImage, unlike QPixmap, may be made off the UI thread.
    """
    images = []
    with _PDFIUM:
        document = pypdfium2.PdfDocument(data)
        try:
            for page in document:
                width, height = page.get_size()
                reference = width if fit_width else max(width, height)
                bitmap = page.render(scale=longest_side_px / reference if reference else 1.0)
                image = QImage(
                    bitmap.buffer,
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    QImage.Format.Format_BGR888,  # PDFium's default: 3 bytes a pixel, BGR
                )
                images.append(image.copy())  # own the pixels before PDFium frees its buffer
                page.close()
        finally:
            document.close()
    return images
