"""When an event starts, read from what a person types: "20 Aug 18:30", "2026-08-20 18:30",
"Thu 20/08/26 6.30pm", "tomorrow 19:00".

Numbers are read day first, as in Birmingham ("03/04" is 3 April); a first number over 12
with a second of 12 or less cannot be a month, so "08/20/2026" is read as 20 August. Without a
year, the date nearest the reference date is meant (the date the event has now, or today).
A time needs its minutes or am/pm ("18:30", "18.30", "18h30", "6pm"): a bare "18" is not read
as anything, so a half-typed time never moves the event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from facilitator.errors import InputError

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
FILLER = {"at", "on", "the", "of", "from"}
EXAMPLE = "20 Aug 2026 18:30"
MIN_NAME = 3  # letters of a month or weekday name that are enough to know it

ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
# 20/08, 20/08/26, 20/08/2026; with dots or dashes only with the year (18.30 is a time).
SLASH_DATE = re.compile(r"(?<![\d.:])(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?![\d/])")
DOT_DATE = re.compile(r"(?<![\d.:])(\d{1,2})([.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d.])")
TIME = re.compile(
    r"(?P<hour>\d{1,2})(?:(?P<sep>[:.h])(?P<minute>\d{2})?)?\s*(?P<half>am|pm|a\.m\.|p\.m\.)?"
)


class UnreadableDate(InputError):
    """What was typed cannot be read as a date; the sentence says what is wrong."""


@dataclass(frozen=True)
class TypedWhen:
    """A date, and the time of day when one was typed."""

    day: date
    at: time | None = None

    def starts(self, previous: str = "") -> str:
        """The event's `starts` value ("2026-08-20T18:30"): with the time typed, else the time
        `previous` had, else the date alone."""
        at = self.at if self.at is not None else time_of(previous)
        if at is None:
            return self.day.isoformat()
        return f"{self.day.isoformat()}T{at:%H:%M}"


def time_of(starts: str) -> time | None:
    if "T" not in starts:
        return None
    try:
        return datetime.fromisoformat(starts).time().replace(second=0, microsecond=0)
    except ValueError:
        return None


def date_of(starts: str) -> date | None:
    try:
        return date.fromisoformat(starts.split("T", 1)[0]) if starts else None
    except ValueError:
        return None


def field_text(starts: str) -> str:
    """How a stored value is shown in the field, in a form `parse_when` reads back."""
    day = date_of(starts)
    if day is None:
        return starts
    at = time_of(starts)
    shown = f"{day.day} {day:%b %Y}"  # no weekday: editing the day must not contradict it
    return f"{shown} {at:%H:%M}" if at is not None else shown


def _name_index(word: str, names: tuple[str, ...]) -> int | None:
    """The index of the name `word` starts (at least three letters), or None."""
    if len(word) < MIN_NAME:
        return None
    found = [i for i, name in enumerate(names) if name.startswith(word)]
    return found[0] if len(found) == 1 else None


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def _make_date(year: int, month: int, day: int, typed: str) -> date:
    if not 1 <= month <= 12:
        raise UnreadableDate(f'"{typed}" has no month {month}: months go from 1 to 12.')
    try:
        return date(year, month, day)
    except ValueError:
        raise UnreadableDate(
            f'"{typed}" is not a date: {MONTHS[month - 1].capitalize()} {year} has no day {day}.'
        ) from None


def _nearest_year(month: int, day: int, reference: date, typed: str) -> date:
    """The date with this day and month nearest `reference` (29 Feb: the nearest leap year)."""
    candidates = []
    for year in range(reference.year - 4, reference.year + 5):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        _make_date(reference.year, month, day, typed)  # raises the sentence
    return min(candidates, key=lambda d: (abs((d - reference).days), d < reference))


def _numeric_day_month(first: int, second: int) -> tuple[int, int]:
    """(day, month) from two numbers typed day first; swapped only when it cannot be so."""
    if first <= 12 < second:
        return second, first
    return first, second


def _take_date(text: str, reference: date, typed: str) -> tuple[date | None, str]:
    """The date written in `text` (or None), and what is left of the text around it."""
    match = ISO_DATE.search(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return _make_date(year, month, day, typed), _cut(text, match)
    match = DOT_DATE.search(text)
    if match:
        day, month = _numeric_day_month(int(match.group(1)), int(match.group(3)))
        return _make_date(_year(match.group(4)), month, day, typed), _cut(text, match)
    match = SLASH_DATE.search(text)
    if match:
        day, month = _numeric_day_month(int(match.group(1)), int(match.group(2)))
        if match.group(3):
            return _make_date(_year(match.group(3)), month, day, typed), _cut(text, match)
        if not 1 <= month <= 12:
            raise UnreadableDate(f'"{typed}" has no month {month}: months go from 1 to 12.')
        return _nearest_year(month, day, reference, typed), _cut(text, match)
    return _take_named_date(text, reference, typed)


def _cut(text: str, match: re.Match[str]) -> str:
    return f"{text[: match.start()]} {text[match.end() :]}"


def _take_named_date(text: str, reference: date, typed: str) -> tuple[date | None, str]:
    """ "20 Aug 2026", "Aug 20", "20th of August": a month name with its day (and year)."""
    words = text.split()
    for at, word in enumerate(words):
        month = _name_index(word.rstrip("."), MONTHS)
        if month is None:
            continue
        before = _day_number(words[at - 1]) if at > 0 else None
        after = _day_number(words[at + 1]) if at + 1 < len(words) else None
        if before is not None:
            day, used = before, [at - 1, at]
        elif after is not None:
            day, used = after, [at, at + 1]
        else:
            raise UnreadableDate(f'"{typed}" names a month but no day: type it like {EXAMPLE}.')
        following = used[-1] + 1
        year: int | None = None
        if following < len(words) and re.fullmatch(r"\d{4}", words[following]):
            year = int(words[following])
            used.append(following)
        rest = " ".join(w for i, w in enumerate(words) if i not in used)
        if year is None:
            return _nearest_year(month + 1, day, reference, typed), rest
        return _make_date(year, month + 1, day, typed), rest
    return None, text


def _day_number(word: str) -> int | None:
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", word)
    return int(match.group(1)) if match else None


def _take_relative(text: str, reference_today: date) -> tuple[date | None, str]:
    words = text.split()
    for at, word in enumerate(words):
        offset = {"today": 0, "tonight": 0, "tomorrow": 1}.get(word)
        if offset is not None:
            rest = " ".join(words[:at] + words[at + 1 :])
            return reference_today + timedelta(days=offset), rest
    return None, text


def _take_weekday(text: str) -> tuple[int | None, str]:
    words = text.split()
    for at, word in enumerate(words):
        index = _name_index(word.rstrip("."), WEEKDAYS)
        if index is not None:
            return index, " ".join(words[:at] + words[at + 1 :])
    return None, text


def _read_time(text: str, typed: str) -> time | None:
    """The time of day in what is left once the date is taken out; None when nothing is."""
    rest = " ".join(text.split())
    if not rest:
        return None
    match = TIME.fullmatch(rest)
    if match is None:
        raise UnreadableDate(f'Cannot read "{typed}": type the date like {EXAMPLE}.')
    hour = int(match["hour"])
    minute = int(match["minute"]) if match["minute"] else 0
    half = (match["half"] or "").replace(".", "")
    if not half and not match["minute"] and match["sep"] != "h":
        raise UnreadableDate(
            f'"{typed}": {match["hour"]} is not a time; type it as {hour:02d}:00 or {hour}pm.'
        )
    if half:
        if not 1 <= hour <= 12:
            raise UnreadableDate(f'"{typed}": {hour}{half} is not a time of day.')
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise UnreadableDate(f'"{typed}": {hour}:{minute:02d} is not a time of day.')
    return time(hour, minute)


def parse_when(typed: str, reference: date, today: date | None = None) -> TypedWhen:
    """Read the date (and time) in `typed`; raises UnreadableDate with one plain sentence.

    `reference` picks the year when none is typed; `today` is what "today" and "tomorrow"
    count from (the reference when not given).
    """
    text = typed.lower().replace(",", " ")
    text = re.sub(r"(\d{4}-\d{1,2}-\d{1,2})t", r"\1 ", text)  # 2026-08-20T18:30
    text = " ".join(w for w in text.split() if w not in FILLER)
    if not text:
        raise UnreadableDate(f"Type when the event starts, like {EXAMPLE}.")
    weekday, text = _take_weekday(text)
    day, text = _take_relative(text, today or reference)
    if day is None:
        day, text = _take_date(text, reference, typed.strip())
    if day is None:
        raise UnreadableDate(f'Cannot read "{typed.strip()}" as a date: type it like {EXAMPLE}.')
    if weekday is not None and day.weekday() != weekday:
        raise UnreadableDate(
            f"{day.day} {day:%B %Y} is a {WEEKDAYS[day.weekday()].capitalize()}, "
            f"not a {WEEKDAYS[weekday].capitalize()}."
        )
    return TypedWhen(day, _read_time(text, typed.strip()))
