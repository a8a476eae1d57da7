"""Typed dates: what a person types for when an event starts, read as they meant it."""

from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.typed_dates import TypedWhen, UnreadableDate, field_text, parse_when

REFERENCE = date(2026, 8, 1)  # the date the event has now: picks the year when none is typed


@pytest.mark.parametrize(
    ("typed", "day", "at"),
    [
        ("20 Aug 18:30", date(2026, 8, 20), time(18, 30)),
        ("2026-08-20 18:30", date(2026, 8, 20), time(18, 30)),
        ("2026-08-20T18:30", date(2026, 8, 20), time(18, 30)),
        ("20 August 2026, 18:30", date(2026, 8, 20), time(18, 30)),
        ("Thu 20 Aug 2026 18:30", date(2026, 8, 20), time(18, 30)),
        ("Thursday 20th of August at 6.30pm", date(2026, 8, 20), time(18, 30)),
        ("aug 20 2026 6:30 pm", date(2026, 8, 20), time(18, 30)),
        ("20/08/2026 18:30", date(2026, 8, 20), time(18, 30)),
        ("20/08/26 18h30", date(2026, 8, 20), time(18, 30)),
        ("20.08.2026 18.30", date(2026, 8, 20), time(18, 30)),
        ("20-08-2026", date(2026, 8, 20), None),
        ("08/20/2026 7pm", date(2026, 8, 20), time(19, 0)),  # 20 cannot be a month
        ("03/04/2026", date(2026, 4, 3), None),  # day first, as in Birmingham
        ("18:30 20 Sept", date(2026, 9, 20), time(18, 30)),
        ("1 Sep 12am", date(2026, 9, 1), time(0, 0)),
        ("1 Sep 12pm", date(2026, 9, 1), time(12, 0)),
        ("1 Sep 9h", date(2026, 9, 1), time(9, 0)),
        ("  20   AUG  ", date(2026, 8, 20), None),
    ],
)
def test_the_forms_a_person_types_are_read(typed, day, at):
    assert parse_when(typed, REFERENCE) == TypedWhen(day, at)


def test_without_a_year_the_date_nearest_the_reference_is_meant():
    # Planned in December: "10 Jan" is next month, "20 Nov" last month.
    december = date(2026, 12, 5)
    assert parse_when("10 Jan", december).day == date(2027, 1, 10)
    assert parse_when("20 Nov", december).day == date(2026, 11, 20)
    assert parse_when("05/12", december).day == date(2026, 12, 5)
    assert parse_when("29 Feb", date(2027, 6, 1)).day == date(2028, 2, 29)


def test_today_and_tomorrow_count_from_today_not_the_reference():
    today = date(2026, 12, 5)
    assert parse_when("tomorrow 19:00", REFERENCE, today) == TypedWhen(date(2026, 12, 6), time(19))
    assert parse_when("today", REFERENCE, today).day == today


@pytest.mark.parametrize(
    ("typed", "sentence"),
    [
        ("", "Type when the event starts, like 20 Aug 2026 18:30."),
        ("soon", 'Cannot read "soon" as a date: type it like 20 Aug 2026 18:30.'),
        ("20 Agu 18:30", 'Cannot read "20 Agu 18:30" as a date: type it like 20 Aug 2026 18:30.'),
        ("31 June 2026", '"31 June 2026" is not a date: June 2026 has no day 31.'),
        ("29/02/2026", '"29/02/2026" is not a date: February 2026 has no day 29.'),
        ("20/13/2026", '"20/13/2026" has no month 13: months go from 1 to 12.'),
        ("20 Aug 18", '"20 Aug 18": 18 is not a time; type it as 18:00 or 18pm.'),
        ("20 Aug 25:00", '"20 Aug 25:00": 25:00 is not a time of day.'),
        ("20 Aug 18:75", '"20 Aug 18:75": 18:75 is not a time of day.'),
        ("20 Aug 13pm", '"20 Aug 13pm": 13pm is not a time of day.'),
        (
            "20 Aug 18:30 sharp",
            'Cannot read "20 Aug 18:30 sharp": type the date like 20 Aug 2026 18:30.',
        ),
        ("August", '"August" names a month but no day: type it like 20 Aug 2026 18:30.'),
        ("Fri 20 Aug 2026", "20 August 2026 is a Thursday, not a Friday."),
        ("ju 20", 'Cannot read "ju 20" as a date: type it like 20 Aug 2026 18:30.'),
        # Two letters are not enough to name a month, even when only one starts with them.
        ("20 de 2026", 'Cannot read "20 de 2026" as a date: type it like 20 Aug 2026 18:30.'),
    ],
)
def test_what_cannot_be_read_gets_one_plain_sentence(typed, sentence):
    with pytest.raises(UnreadableDate) as caught:
        parse_when(typed, REFERENCE)
    assert str(caught.value) == sentence


def test_a_half_typed_time_is_never_read_as_another_time():
    # The old date field moved 18:30 to 18:36; here a half-typed time is no time at all.
    for typed in ("20 Aug 1", "20 Aug 18", "20 Aug 18:", "20 Aug 18:3", "20 Aug 202"):
        with pytest.raises(UnreadableDate):
            parse_when(typed, REFERENCE)


def test_a_date_alone_keeps_the_time_the_event_had():
    typed = parse_when("21 Aug", REFERENCE)
    assert typed.starts("2026-08-20T18:30") == "2026-08-21T18:30"
    assert typed.starts("2026-08-20") == "2026-08-21"
    assert typed.starts("") == "2026-08-21"
    assert parse_when("21 Aug 9:05", REFERENCE).starts("2026-08-20T18:30") == "2026-08-21T09:05"


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
    st.one_of(st.none(), st.times().map(lambda t: t.replace(second=0, microsecond=0))),
)
def test_what_the_field_shows_reads_back_as_the_same_value(day, at):
    starts = day.isoformat() if at is None else f"{day.isoformat()}T{at:%H:%M}"
    shown = field_text(starts)
    assert parse_when(shown, REFERENCE).starts() == starts


def test_the_field_shows_a_stored_value_as_a_person_reads_it():
    assert field_text("2026-08-20T18:30") == "20 Aug 2026 18:30"
    assert field_text("2026-08-20") == "20 Aug 2026"
    assert field_text("") == ""
