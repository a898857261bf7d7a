"""iCalendar (RFC 5545) text for the published timetable: pure functions over plain
values, written by hand so that no dependency is needed for one object type.

Times are local to Vietnam (TZID Asia/Ho_Chi_Minh, UTC+7 all year, with its
VTIMEZONE); lines end in CRLF and are folded at 75 octets without splitting a
UTF-8 character.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

TIMEZONE = "Asia/Ho_Chi_Minh"

# The school's half-day hours (school practice, not a regulation): the morning
# session runs 07:30–11:00, the afternoon session 13:30–17:00.
HALF_DAY_HOURS: dict[int, tuple[datetime.time, datetime.time]] = {
    0: (datetime.time(7, 30), datetime.time(11, 0)),
    1: (datetime.time(13, 30), datetime.time(17, 0)),
}

_LINE_OCTETS = 75

_VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TIMEZONE}",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0700",
    "TZOFFSETTO:+0700",
    "TZNAME:ICT",
    "END:STANDARD",
    "END:VTIMEZONE",
)


@dataclass(frozen=True)
class Event:
    """One VEVENT: `starts` and `ends` are naive local times, `stamp` is UTC."""

    uid: str
    sequence: int
    stamp: datetime.datetime
    starts: datetime.datetime
    ends: datetime.datetime
    summary: str
    location: str = ""
    description: str = ""


def half_day_span(
    day: datetime.date, half_day: int
) -> tuple[datetime.datetime, datetime.datetime]:
    """The local start and end of a half-day session."""
    starts, ends = HALF_DAY_HOURS[half_day]
    return datetime.datetime.combine(day, starts), datetime.datetime.combine(day, ends)


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold_line(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets, continuation lines
    starting with one space (which counts toward their 75)."""
    chunks: list[str] = []
    current = ""
    size = 0
    limit = _LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            chunks.append(current)
            current, size, limit = " ", 1, _LINE_OCTETS
        current += char
        size += width
    chunks.append(current)
    return "\r\n".join(chunks)


def _local(moment: datetime.datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(event: Event) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"SEQUENCE:{event.sequence}",
        f"DTSTAMP:{_utc(event.stamp)}",
        f"DTSTART;TZID={TIMEZONE}:{_local(event.starts)}",
        f"DTEND;TZID={TIMEZONE}:{_local(event.ends)}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    lines.append("END:VEVENT")
    return lines


def calendar_text(events: Iterable[Event], *, name: str) -> str:
    """A whole VCALENDAR with its VTIMEZONE and the events, ready to serve."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//DaoTao//Thoi khoa bieu//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{TIMEZONE}",
        *_VTIMEZONE,
    ]
    for event in events:
        lines.extend(event_lines(event))
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)
