"""Pictures in decks: checked, shrunk and re-encoded; carried inside the deck file, once each."""

import base64
import io
import json

import pytest
from PIL import Image

from facilitator.decks import editing
from facilitator.decks import file as deck_file
from facilitator.decks.model import ActivityKind, DeckInvalid, build_deck
from facilitator.decks.pictures import bundled_icon, bundled_icons, load_picture, prepare_picture
from facilitator.errors import InputError


def photo_bytes(size=(3000, 2000), fmt="JPEG", mode="RGB"):
    image = Image.new(mode, size)
    # Some detail, so the encoders have something to weigh.
    for x in range(0, size[0], 7):
        for y in range(0, size[1], 97):
            image.putpixel((x, y), (200, 40, 40) if mode == "RGB" else (200, 40, 40, 128))
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010E] = "secret description"  # metadata a photo carries and a deck should not
    image.save(out, fmt, exif=exif) if fmt == "JPEG" else image.save(out, fmt)
    return out.getvalue()


def deck_of(*titles):
    return build_deck("Roles", ActivityKind.RANK, [{"title": t} for t in titles])


def test_a_big_photo_is_shrunk_and_its_metadata_dropped():
    picture = prepare_picture(photo_bytes(), "team.jpg")
    assert picture.kind in ("jpeg", "png")
    with Image.open(io.BytesIO(picture.data)) as image:
        assert max(image.size) == 1200 and image.size == (1200, 800)
        assert not image.getexif()
    assert b"secret description" not in picture.data
    assert prepare_picture(photo_bytes(), "again.jpg").key == picture.key  # same content, key


def test_transparency_is_kept_as_png():
    picture = prepare_picture(photo_bytes((400, 300), "PNG", "RGBA"), "logo.png")
    assert picture.kind == "png"
    with Image.open(io.BytesIO(picture.data)) as image:
        assert image.mode == "RGBA" and image.size == (400, 300)


@pytest.mark.parametrize(
    ("raw", "sentence"),
    [
        (
            b"hello, not a picture",
            "notes.png is not a picture Facilitator can use (PNG, JPEG, GIF or SVG)",
        ),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><g>", "notes.png is not a readable SVG drawing"),
        (
            b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><svg>&a;</svg>",
            "notes.png is an SVG with entity declarations, which are not accepted",
        ),
        (photo_bytes((200, 200), "PNG")[:60], "notes.png is a damaged picture"),
    ],
)
def test_what_is_not_a_usable_picture_gets_one_sentence(raw, sentence):
    with pytest.raises(InputError) as info:
        prepare_picture(raw, "notes.png")
    assert str(info.value).startswith(sentence)
    assert "\n" not in str(info.value)


def test_a_picture_file_too_large_is_refused_before_reading(tmp_path):
    huge = tmp_path / "poster.png"
    with huge.open("wb") as out:
        out.truncate(16_000_000)
    with pytest.raises(InputError, match=r"^poster\.png is 16 MB; a picture can be at most 15 MB$"):
        load_picture(huge)


def test_an_svg_loses_scripts_handlers_and_outside_references():
    raw = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        b'width="10" height="10" onload="alert(1)"><script>alert(2)</script>'
        b'<image xlink:href="http://example.com/x.png" width="5" height="5"/>'
        b'<rect width="10" height="10" fill="red"/></svg>'
    )
    picture = prepare_picture(raw, "logo.svg")
    assert picture.kind == "svg"
    assert b"script" not in picture.data and b"onload" not in picture.data
    assert b"example.com" not in picture.data
    assert b"<ns0:rect" in picture.data or b"<rect" in picture.data or b"rect" in picture.data


def test_every_bundled_icon_is_a_printable_svg():
    icons = bundled_icons()
    assert {"person", "people", "star", "question", "lightbulb"} <= set(icons)
    for name in icons:
        assert bundled_icon(name).kind == "svg"


def test_pictures_round_trip_through_the_deck_file_once_each(tmp_path):
    deck = deck_of("Project Manager", "PMO Analyst")
    logo = bundled_icon("star")
    photo = prepare_picture(photo_bytes((300, 200)), "team.jpg")
    deck = editing.set_card_picture(deck, deck.cards[0].id, photo)
    deck = editing.set_card_picture(deck, deck.cards[1].id, photo)  # the same picture twice
    deck = editing.set_suit_icon(deck, "Card", bundled_icon("person"))
    deck = editing.set_back_picture(deck, logo)
    path = tmp_path / "roles.deck.json"
    deck_file.save(deck, path)
    data = json.loads(path.read_text("utf-8"))
    assert data["version"] == 2
    assert [p["key"] for p in data["pictures"]] == [
        deck.suits[0].icon,
        photo.key,
        logo.key,
    ]  # each once, in the order first used
    back = deck_file.load(path)
    assert back == deck
    assert base64.b64decode(data["pictures"][1]["data"]) == photo.data
    assert path.read_text("utf-8") == deck_file.dumps(back)  # saving again changes no byte


def test_a_picture_no_longer_used_leaves_the_deck_and_a_deck_without_pictures_is_version_1():
    deck = deck_of("A", "B")
    photo = prepare_picture(photo_bytes((300, 200)), "team.jpg")
    with_photo = editing.set_card_picture(deck, deck.cards[0].id, photo)
    assert with_photo.pictures == (photo,)
    removed = editing.remove_cards(with_photo, [deck.cards[0].id])
    assert removed.pictures == ()
    assert json.loads(deck_file.dumps(removed))["version"] == 1
    cleared = editing.set_card_picture(with_photo, deck.cards[0].id, None)
    assert cleared.pictures == () and cleared.cards[0].picture == ""


def test_a_picture_missing_from_a_deck_file_is_named(tmp_path):
    deck = deck_of("Project Manager")
    data = deck_file.deck_to_dict(deck)
    data["version"] = 2
    data["cards"][0]["picture"] = "0123456789abcdef"
    with pytest.raises(DeckInvalid) as info:
        deck_file.loads(json.dumps(data), "team.deck.json")
    assert str(info.value) == (
        'team.deck.json: cards[0].picture: the picture of card C1 "0123456789abcdef" is '
        "missing from the deck file"
    )


def test_an_older_version_1_file_still_reads():
    deck = deck_of("Project Manager")
    text = deck_file.dumps(deck)
    assert '"version": 1' in text
    assert deck_file.loads(text) == deck


def test_after_every_edit_the_deck_reads_back_from_its_file_unchanged():
    # The editor compares the file on disk with the deck it holds to notice another program's
    # change: a picture left over in memory, or in another order, would look like one.
    deck = build_deck(
        "Roles",
        ActivityKind.MATCH,
        [{"title": "PM", "suit": "Role"}, {"title": "Plan", "suit": "Activity"}],
    )
    icon, star = bundled_icon("person"), bundled_icon("star")
    photo = prepare_picture(photo_bytes((300, 200)), "team.jpg")
    steps = [
        lambda d: editing.set_suit_icon(d, "Activity", icon),
        lambda d: editing.set_card_picture(d, d.cards[0].id, photo),
        lambda d: editing.set_back_picture(d, star),
        lambda d: editing.move_cards(d, [d.cards[1].id], 0),  # the icon's card first now
        lambda d: editing.add_suit(d, "Extra"),
        lambda d: editing.set_suit_icon(d, "Extra", bundled_icon("flag")),
        lambda d: editing.remove_suit(d, "Extra"),
        lambda d: editing.remove_cards(d, [d.cards[0].id]),
    ]
    for step in steps:
        deck = step(deck)
        assert deck_file.loads(deck_file.dumps(deck)) == deck


def test_a_deck_with_pictures_matches_the_published_schema():
    import jsonschema

    from tests.decks.test_file import SCHEMA

    deck = deck_of("Project Manager", "PMO Analyst")
    deck = editing.set_card_picture(deck, deck.cards[0].id, bundled_icon("star"))
    deck = editing.set_suit_icon(deck, "Card", bundled_icon("person"))
    deck = editing.set_back_picture(deck, prepare_picture(photo_bytes((200, 100)), "logo.jpg"))
    data = json.loads(deck_file.dumps(deck))
    jsonschema.validate(data, SCHEMA)
    data["pictures"][0]["kind"] = "gif"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)
