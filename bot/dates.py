"""Forgiving dates: "zaterdag", "morgen", "12 dec", "over twee weken", "next Friday".

Older residents type dates the way they say them. ``dateparser`` understands most Dutch and English ways;
this module adds what it misses (number words such as "twee", "volgende week vrijdag") and the product's
rules: a date is a calendar day in the group's time zone, and it is today or later, never in the past.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import dateparser

LANGUAGES = ["nl", "en"]
# dateparser reads "1-2" as 1 February when told the order, as Dutch people write it.
SETTINGS = {"PREFER_DATES_FROM": "future", "DATE_ORDER": "DMY", "RETURN_AS_TIMEZONE_AWARE": False}
# Longer than any date someone types; more is a sentence, not a date.
MAX_LENGTH = 60

NUMBER_WORDS = {
    "een": 1, "één": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}
UNITS = r"(dag|dagen|week|weken|maand|maanden|day|days|week|weeks|month|months)"
NUMBER_BEFORE_UNIT = re.compile(
    r"\b(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\s+" + UNITS + r"\b"
)
WEEKDAYS = {
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4, "zaterdag": 5,
    "zondag": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}
NEXT_WEEK_WEEKDAY = re.compile(
    r"^(volgende week|next week)\s+(" + "|".join(WEEKDAYS) + r")$"
)


def local_today(now: datetime, timezone: str) -> date:
    """The calendar day it is now in ``timezone`` (the group's)."""
    return now.astimezone(ZoneInfo(timezone)).date()


def parse_day(text: str, today: date) -> date | None:
    """The day ``text`` means, counted from ``today``; None when unclear or in the past."""
    cleaned = " ".join((text or "").lower().replace(",", " ").split())
    if not cleaned or len(cleaned) > MAX_LENGTH:
        return None
    special = _next_week_weekday(cleaned, today)
    if special is not None:
        return special
    cleaned = NUMBER_BEFORE_UNIT.sub(lambda m: f"{NUMBER_WORDS[m.group(1)]} {m.group(2)}", cleaned)
    base = datetime(today.year, today.month, today.day, 12, 0)
    parsed = dateparser.parse(
        cleaned, languages=LANGUAGES, settings={**SETTINGS, "RELATIVE_BASE": base}
    )
    if parsed is None:
        return None
    day = parsed.date()
    return day if day >= today else None


def _next_week_weekday(cleaned: str, today: date) -> date | None:
    """ "volgende week vrijdag": that weekday in the week (Monday to Sunday) after this one."""
    match = NEXT_WEEK_WEEKDAY.match(cleaned)
    if match is None:
        return None
    monday_next_week = today - timedelta(days=today.weekday()) + timedelta(days=7)
    return monday_next_week + timedelta(days=WEEKDAYS[match.group(2)])


def days_until(day: date, today: date) -> int:
    return (day - today).days
