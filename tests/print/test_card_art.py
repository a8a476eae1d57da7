"""Pictures on printed cards: suit icons in the band, a picture above the text (which is fitted
in the room left), a logo on the backs; each picture is held once in the PDF."""

import io

from PIL import Image, ImageDraw
from pypdf import PdfReader

from facilitator.decks import editing
from facilitator.decks import file as deck_file
from facilitator.decks.pictures import bundled_icon, prepare_picture
from facilitator.print import CardPainter, PrintOptions, render_pack
from facilitator.print.options import Duplex
from tests.conftest import SAMPLE_DECKS


def photo():
    image = Image.new("RGB", (900, 600), (230, 240, 250))
    ImageDraw.Draw(image).ellipse((200, 100, 700, 500), fill=(40, 90, 160))
    out = io.BytesIO()
    image.save(out, "JPEG")
    return prepare_picture(out.getvalue(), "meeting.jpg")


def dressed_deck():
    deck = deck_file.load(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")
    picture = photo()
    for card in deck.cards[:4]:
        deck = editing.set_card_picture(deck, card.id, picture)
    deck = editing.set_suit_icon(deck, "Role", bundled_icon("person"))
    return editing.set_back_picture(deck, bundled_icon("star"))


def xobjects(reader):
    """Every distinct XObject the pages use, by (name, subtype), forms followed inside."""
    found, seen = [], set()

    def walk(resources):
        xobjects = (resources or {}).get("/XObject") or {}
        for name, ref in xobjects.items():
            key = getattr(ref, "idnum", id(ref))
            if key in seen:
                continue
            seen.add(key)
            obj = ref.get_object()
            found.append((name, obj.get("/Subtype")))
            if obj.get("/Subtype") == "/Form":
                walk(obj.get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return found


def test_a_picture_is_held_once_in_the_pdf_however_many_cards_and_sets_show_it(tmp_path):
    deck = dressed_deck()
    out = tmp_path / "pack.pdf"
    render_pack([deck], PrintOptions(sets=3, duplex=Duplex.LONG), out)
    found = xobjects(PdfReader(out))
    images = [name for name, subtype in found if subtype == "/Image"]
    assert len(images) == 1  # the photo: 4 cards × 3 sets, drawn once
    pictures = sorted(name for name, subtype in found if "picture" in name)
    assert len(pictures) == 3  # photo, suit icon (vectors), logo (vectors): one form each


def test_the_text_is_fitted_in_the_room_the_picture_leaves():
    from reportlab.lib.units import mm

    from facilitator.print.card_renderer import BAND_HEIGHT, FOOTER_HEIGHT, PADDING, PICTURE_GAP

    long_body = "Keeps the project's paperwork, diaries and logs in order. " * 5
    plain = deck_file.load(SAMPLE_DECKS / "pmo-roles-hierarchy.deck.json")
    plain = editing.set_card_field(plain, plain.cards[0].id, "body", long_body)
    pictured = editing.set_card_picture(plain, plain.cards[0].id, photo())
    options = PrintOptions()
    painter = CardPainter([pictured], options)
    with_picture = painter.text_for(0, 0)
    without = CardPainter([plain], options).text_for(0, 0)
    assert with_picture.picture_h > 0 and without.picture_h == 0
    room = (
        options.card_size[1] * mm
        - painter.s(BAND_HEIGHT)
        - painter.s(FOOTER_HEIGHT)
        - 2 * painter.s(PADDING)
    )
    text_h = sum(b.height for b in with_picture.front.blocks)
    assert with_picture.picture_h + painter.s(PICTURE_GAP) + text_h <= room
    # The same text beside a picture is set smaller, not cut short.
    assert with_picture.front.blocks[1].size < without.front.blocks[1].size
    assert not with_picture.front.overflow


def test_pictures_survive_save_load_and_print(tmp_path):
    deck = dressed_deck()
    path = tmp_path / "roles.deck.json"
    deck_file.save(deck, path)
    loaded = deck_file.load(path)
    assert loaded == deck
    out = tmp_path / "pack.pdf"
    render_pack([loaded], PrintOptions(duplex=Duplex.LONG), out)
    assert any(subtype == "/Image" for _name, subtype in xobjects(PdfReader(out)))
