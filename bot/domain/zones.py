"""The group's time zone and its calendar day: one of each (the dates, the lists, the reminders and the
dashboard all ask "what day is it there?").

A group's zone is stored by name; a broken name falls back to Amsterdam rather than stopping a list or
a reminder.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIMEZONE = "Europe/Amsterdam"


@cache
def zone(name: str | None) -> ZoneInfo:
    """The time zone ``name``, or Amsterdam when it is missing or unknown."""
    try:
        return ZoneInfo(name or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)


def local_now(now: datetime, timezone: str | None) -> datetime:
    """``now`` on the group's wall clock."""
    return now.astimezone(zone(timezone))


def local_today(now: datetime, timezone: str | None) -> date:
    """The calendar day it is at ``now`` in the group's time zone."""
    return now.astimezone(zone(timezone)).date()
