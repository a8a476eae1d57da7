"""Pictures for decks (suit icons, card pictures, a logo on the backs): checked, shrunk and
re-encoded before they go inside the deck file, so a deck stays one file small enough to email.

Photos and drawings (PNG, JPEG, GIF, BMP) are re-encoded with Pillow: at most
MAX_SIDE pixels on the long side (sharp at 300 dpi on the largest card), metadata dropped,
PNG when the picture has transparency or PNG is smaller, else JPEG. SVG drawings stay vectors:
scripts, event handlers and references to other files or the web are removed, and the result
must be one svglib can draw (that is what prints it).
"""

from __future__ import annotations

import hashlib
import io
import re
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

from facilitator.decks.model import MAX_PICTURE_BYTES, Picture
from facilitator.errors import InputError

MAX_SOURCE_BYTES = 15_000_000  # a picture as chosen, before shrinking
MAX_SIDE = 1200  # pixels: about 10 cm at 300 dpi
MAX_PIXELS = 60_000_000  # more than this is a decompression bomb, not a photo
JPEG_QUALITY = 88
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# A reference to anything but a place in the same drawing or an embedded data: URI.
_OUTSIDE = re.compile(r"^\s*(?!#|data:)\S", re.IGNORECASE)


def picture_key(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def prepare_picture(raw: bytes, name: str) -> Picture:
    """The picture in `raw` (from the file called `name`), ready to store in a deck.

    Raises InputError with one sentence naming the file: not a picture, too large, or an SVG
    that cannot be drawn.
    """
    if len(raw) > MAX_SOURCE_BYTES:
        raise InputError(
            f"{name} is {len(raw) / 1e6:.0f} MB; a picture can be at most "
            f"{MAX_SOURCE_BYTES / 1e6:.0f} MB"
        )
    if _looks_like_svg(raw):
        data = clean_svg(raw, name)
        kind = "svg"
    else:
        data, kind = _reencode(raw, name)
    if len(data) > MAX_PICTURE_BYTES:
        raise InputError(
            f"{name} is still {len(data) / 1e6:.1f} MB after shrinking; a picture in a deck "
            f"can be at most {MAX_PICTURE_BYTES / 1e6:.1f} MB (try a simpler picture)"
        )
    return Picture(key=picture_key(data), kind=kind, data=data)


def load_picture(path: Path) -> Picture:
    """A picture file the person chose; InputError naming it if it cannot be used."""
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise InputError(
                f"{path.name} is {size / 1e6:.0f} MB; a picture can be at most "
                f"{MAX_SOURCE_BYTES / 1e6:.0f} MB"
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path.name} cannot be read ({exc.strerror})") from None
    return prepare_picture(raw, path.name)


def bundled_icons() -> dict[str, bytes]:
    """The line icons that come with the app, by name (person, people, star…)."""
    folder = resources.files("facilitator.decks") / "icons"
    return {
        entry.name.removesuffix(".svg"): entry.read_bytes()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".svg")
    }


def bundled_icon(name: str) -> Picture:
    icons = bundled_icons()
    if name not in icons:
        raise InputError(f'there is no icon "{name}"; the icons are {", ".join(icons)}')
    return prepare_picture(icons[name], f"{name}.svg")


def _looks_like_svg(raw: bytes) -> bool:
    head = raw[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return (
        head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg"))
        and b"<svg" in raw[:65536].lower()
    )


def clean_svg(raw: bytes, name: str) -> bytes:
    """The SVG without scripts, event handlers or outside references; must draw in svglib."""
    if b"<!ENTITY" in raw[:65536]:
        # Entities are how XML "bombs" grow; no drawing program needs them.
        raise InputError(f"{name} is an SVG with entity declarations, which are not accepted")
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        raise InputError(f"{name} is not a readable SVG drawing ({exc})") from None
    if root.tag not in (f"{{{SVG_NS}}}svg", "svg"):
        raise InputError(f"{name} is XML but not an SVG drawing")
    _strip(root)
    data = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    drawing = svg_drawing(data)
    if drawing is None or drawing.width <= 0 or drawing.height <= 0:
        raise InputError(f"{name} is an SVG drawing that cannot be printed (it has no size)")
    return data


def _strip(element: ET.Element) -> None:
    for child in list(element):
        tag = child.tag.rsplit("}", 1)[-1].lower() if isinstance(child.tag, str) else ""
        if tag in ("script", "foreignobject"):
            element.remove(child)
            continue
        _strip(child)
    for attribute in list(element.attrib):
        local = attribute.rsplit("}", 1)[-1].lower()
        value = element.attrib[attribute]
        if local.startswith("on") or (local == "href" and _OUTSIDE.match(value)):
            del element.attrib[attribute]


# Not type-checked below: svglib has no types; it is loaded on first use.
def svg_drawing(data: bytes):  # type: ignore[no-untyped-def]
    """The svglib drawing of an SVG, or None if svglib cannot read it (vectors, for print)."""
    import logging

    from svglib.svglib import svg2rlg

    logging.getLogger("svglib").setLevel(logging.ERROR)  # it warns of every unknown attribute
    try:
        return svg2rlg(io.BytesIO(data))
    except Exception:  # svglib raises many kinds for drawings it cannot read
        return None


def _reencode(raw: bytes, name: str) -> tuple[bytes, str]:
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(raw)) as opened:
            opened.load()
            image = opened.copy()
    except UnidentifiedImageError:
        raise InputError(
            f"{name} is not a picture Facilitator can use (PNG, JPEG, GIF or SVG)"
        ) from None
    except Image.DecompressionBombError:
        raise InputError(f"{name} has too many pixels to be a picture for a card") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise InputError(f"{name} is a damaged picture ({exc})") from None
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    if has_alpha:
        image = image.convert("RGBA")
        return _save(image, "PNG"), "png"
    image = image.convert("RGB")
    png, jpeg = _save(image, "PNG"), _save(image, "JPEG")
    return (png, "png") if len(png) <= len(jpeg) else (jpeg, "jpeg")


# Not type-checked below: image: a Pillow image; Pillow is loaded on first use.
def _save(image, fmt: str) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    if fmt == "JPEG":
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    else:
        image.save(out, "PNG", optimize=True)
    return out.getvalue()
