"""Forgiving dates: "zaterdag", "morgen", "12 dec", "dinsdagochtend", "half december", "na de kerst".

Older residents type dates the way they say them. ``dateparser`` understands most Dutch and English ways;
this module adds what it misses (abbreviations such as "zat.", parts of the day, holidays, "begin
januari", "over een week of twee") and the product's rules: a date is a calendar day in the group's
time zone, and it is today or later, never in the past. A reading is *sure* when the text names one
day; otherwise (a guess such as "eind december", or a weekday that does not match the date) Brug asks
"Bedoel je ...?" before using it. The extra words live in ``prompts/<lang>/words.toml`` [dates].
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

import dateparser
from dateutil.easter import easter

from bot.domain.understanding import digits, fold, vocabulary

LANGUAGES = ["nl", "en"]
# dateparser reads "1-2" as 1 February when told the order, as Dutch people write it.
SETTINGS = {"PREFER_DATES_FROM": "future", "DATE_ORDER": "DMY", "RETURN_AS_TIMEZONE_AWARE": False}
# Longer than any date someone types; more is a sentence, not a date.
MAX_LENGTH = 60

HOLIDAY = re.compile(r"^(?:(\d\d)-(\d\d)|easter([+-]\d+))(?: sunday([+-]\d+))?(?: (\w+))?$")
EXPLICIT_YEAR = re.compile(r"\b\d{4}\b|\d{1,2}[-/]\d{1,2}[-/]\d{2,4}")


@dataclass(frozen=True)
class DayReading:
    day: date
    sure: bool  # False: Brug should ask "Bedoel je zaterdag 19 december?" before using it
    part_of_day: str | None  # "morning" | "afternoon" | "evening" | None


def days_until(day: date, today: date) -> int:
    return (day - today).days


def parse_day(text: str, today: date) -> date | None:
    """The day ``text`` surely means, counted from ``today``; None when unclear, a guess, or in the past.

    Callers that can ask "Bedoel je ...?" use ``read_day`` and get the guesses too.
    """
    reading = read_day(text, today)
    return reading.day if reading is not None and reading.sure else None


def read_day(text: str, today: date) -> DayReading | None:
    """The day ``text`` means, counted from ``today``, how sure that is, and the part of the day said.

    Never a day before ``today``: a day and month already past this year is next year's.
    """
    if not text or len(text) > 2 * MAX_LENGTH:
        return None
    cleaned = _prepare(text)
    if not cleaned or len(cleaned) > MAX_LENGTH:
        return None
    cleaned, glued = _split_compounds(_rewrite(cleaned))
    cleaned, said = _part_of_day(_drop(_strip_times(cleaned), "ignore"))
    part = glued or said
    guessed = _pattern("approximately").search(cleaned) is not None
    cleaned = _coming_weekday(_spell_out(_drop(cleaned, "approximately")))
    if not cleaned:
        return None
    for reader in (_holiday, _weekend, _month_part, _next_week_weekday, _general):
        reading = reader(cleaned, today)
        if reading is not None:
            sure = reading.sure and not guessed
            return replace(reading, sure=sure, part_of_day=reading.part_of_day or part)
    return None


# ---------------------------------------------------------------------------------------------------
# Words


def _prepare(text: str) -> str:
    """Lower case, no accents, numbers as digits, no punctuation but what dates use (- / : .).

    Vocabulary passes through this too, so "zo'n" in words.toml and in a message look the same.
    """
    cleaned = digits(text).replace("'", " ").replace(",", " ")
    cleaned = re.sub(r"(?<=[a-z])\.|\.(?=\s|$)", " ", cleaned)  # "zat.", "a.s.", "19 dec."
    cleaned = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", cleaned)  # "mid-december"
    cleaned = re.sub(r"[^\w\s/:.\-+&]", " ", cleaned)
    return " ".join(cleaned.split())


@cache
def _words() -> dict[str, Any]:
    return vocabulary()["dates"]


@cache
def _list(key: str) -> tuple[str, ...]:
    """A [dates] word list as read_day sees text, longest first so "rond de" wins over "rond"."""
    return tuple(sorted({_prepare(p) for p in _words()[key]} - {""}, key=len, reverse=True))


def _alternatives(phrases: Any) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


@cache
def _pattern(key: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w])(?:{_alternatives(_list(key))})(?![\w])")


def _drop(cleaned: str, key: str) -> str:
    return " ".join(_pattern(key).sub(" ", cleaned).split())


@cache
def _table(key: str) -> dict[str, Any]:
    """A [dates.key] table with its phrases prepared."""
    return {_prepare(phrase): value for phrase, value in _words()[key].items()}


def _rewrite(cleaned: str) -> str:
    """ "vanavond" -> "vandaag avond": one word for a day and a part of it, as two."""
    pattern, table = _rewrites()
    return pattern.sub(lambda m: table[m.group()], cleaned)


@cache
def _rewrites() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {phrase: _prepare(value) for phrase, value in _table("rewrite").items()}
    return re.compile(rf"(?<![\w])(?:{_alternatives(table)})(?![\w])"), table


@cache
def _weekdays() -> dict[str, int]:
    """Weekday names and their abbreviations to Python's weekday number (Monday 0)."""
    names = {_prepare(name): i % 7 for i, name in enumerate(_words()["weekdays"])}
    return names | {short: names[full] for short, full in _spellings().items() if full in names}


@cache
def _months() -> dict[str, int]:
    """Month names and their abbreviations to month number (January 1)."""
    names = {_prepare(name): i % 12 + 1 for i, name in enumerate(_words()["months"])}
    return names | {short: names[full] for short, full in _spellings().items() if full in names}


@cache
def _spellings() -> dict[str, str]:
    return {short: _prepare(full) for short, full in _table("spellings").items()}


def _spell_out(cleaned: str) -> str:
    """ "zat 19 dec" -> "zaterdag 19 december": abbreviations as the words dateparser knows."""
    spellings = _spellings()
    return " ".join(spellings.get(word, word) for word in cleaned.split())


@cache
def _compound() -> re.Pattern[str]:
    days, weekdays = _alternatives(_list("day_words")), _alternatives(_weekdays())
    parts = _alternatives(_table("compound_part"))
    # Glued to any day word; after a weekday also apart ("zaterdag morgen"), but not before one:
    # "morgen zaterdag" is tomorrow, Saturday.
    return re.compile(rf"\b(?:({days})|({weekdays})\s?)({parts})\b")


def _split_compounds(cleaned: str) -> tuple[str, str | None]:
    """ "dinsdagochtend" -> ("dinsdag", "morning"), "morgenavond" -> ("morgen", "evening")."""
    match = _compound().search(cleaned)
    if match is None:
        return cleaned, None
    rest = cleaned[: match.start()] + (match.group(1) or match.group(2)) + cleaned[match.end() :]
    return rest, _table("compound_part")[match.group(3)]


@cache
def _time_pattern() -> re.Pattern[str]:
    before, after = _alternatives(_list("time_before")), _alternatives(_list("time_after"))
    clock = r"\d{1,2}(?::\d{2}|\.(?:1[3-9]|[2-5]\d))"  # "19:30", "19.30"; "19.12" stays a date
    hour = r"\d{1,2}(?:[:.]\d{2})?"
    return re.compile(
        rf"(?<![\w/.-])(?:(?:(?:{before})\s+)?{clock}(?:\s*(?:{after}))?"
        rf"|(?:{before})\s+{hour}(?:\s*(?:{after}))?|{hour}\s*(?:{after}))(?![\w/-])"
    )


def _strip_times(cleaned: str) -> str:
    """ "zaterdag om 10 uur" -> "zaterdag": a clock time says nothing about the day."""
    return " ".join(_time_pattern().sub(" ", cleaned).split())


@cache
def _parts() -> dict[str, str]:
    return {_prepare(p): part for part, phrases in _words()["part_of_day"].items() for p in phrases}


def _part_of_day(cleaned: str) -> tuple[str, str | None]:
    """The text without its part of the day ("'s ochtends", "avond"), and that part."""
    parts = _parts()
    match = re.search(rf"(?<![\w])(?:{_alternatives(parts)})(?![\w])", cleaned)
    if match is None:
        return cleaned, None
    rest = cleaned[: match.start()] + " " + cleaned[match.end() :]
    return " ".join(rest.split()), parts[match.group()]


def _coming_weekday(cleaned: str) -> str:
    """ "aanstaande zaterdag", "zaterdag a.s.", "this saturday": just the weekday, the coming one."""
    weekdays, lead = _alternatives(_weekdays()), _alternatives(_list("weekday_lead"))
    cleaned = re.sub(rf"\b(?:{lead})\s+({weekdays})\b", r"\1", cleaned)
    return re.sub(rf"\b({weekdays})\s+(?:{lead})$", r"\1", cleaned)


# ---------------------------------------------------------------------------------------------------
# Readers: each returns a reading for the text it recognises, None for any other.


def _holiday(cleaned: str, today: date) -> DayReading | None:
    """ "kerst", "tweede kerstdag", "koningsdag", "pasen", "na de kerst" (a guess)."""
    holidays, around = _table("holidays"), _table("around_holiday")
    match = re.fullmatch(rf"(?:({_alternatives(around)})\s+)?({_alternatives(holidays)})", cleaned)
    if match is None:
        return None
    rule = HOLIDAY.match(holidays[match.group(2)])
    if rule is None:
        return None
    shift = around[match.group(1)] if match.group(1) else 0
    for year in (today.year, today.year + 1):
        day = _holiday_in(rule, year) + timedelta(days=shift)
        if day >= today:
            return DayReading(day, sure=match.group(1) is None, part_of_day=rule.group(5))
    return None


def _holiday_in(rule: re.Match[str], year: int) -> date:
    month, day, from_easter, if_sunday, _part = rule.groups()
    if from_easter:
        found = easter(year) + timedelta(days=int(from_easter))
    else:
        found = date(year, int(month), int(day))
    if if_sunday and found.weekday() == 6:
        found += timedelta(days=int(if_sunday))
    return found


def _weekend(cleaned: str, today: date) -> DayReading | None:
    """ "dit weekend", "volgend weekend": the coming Saturday (today on a weekend day), to confirm."""
    if cleaned not in _list("weekend"):
        return None
    saturday = today + timedelta(days=(5 - today.weekday()) % 7)
    return DayReading(today if today.weekday() == 6 else saturday, sure=False, part_of_day=None)


def _month_part(cleaned: str, today: date) -> DayReading | None:
    """ "half december", "begin januari", "eind van de maand", "december": a day to confirm."""
    parts = _table("month_parts")
    months = {**_months(), **dict.fromkeys(_list("this_month"), 0), **dict.fromkeys(_list("next_month"), -1)}
    match = re.fullmatch(rf"(?:in\s+)?(?:({_alternatives(parts)})\s+)?({_alternatives(months)})", cleaned)
    if match is None or (match.group(1) is None and months[match.group(2)] < 1):
        return None
    month = months[match.group(2)]
    offset = parts[match.group(1)] if match.group(1) else 1
    for year, number in _month_candidates(month, today):
        last = calendar.monthrange(year, number)[1]
        day = date(year, number, min(offset, last) if offset > 0 else last + offset)
        if day >= today or (match.group(1) is None and (year, number) == (today.year, today.month)):
            return DayReading(max(day, today), sure=False, part_of_day=None)
    return None


def _month_candidates(month: int, today: date) -> list[tuple[int, int]]:
    """(year, month) pairs to try, nearest first: a named month (1-12), this month (0), next month (-1)."""
    this = (today.year, today.month)
    following = (today.year + today.month // 12, today.month % 12 + 1)
    if month == 0:
        return [this, following]
    if month == -1:
        return [following]
    return [(today.year, month), (today.year + 1, month)]


def _next_week_weekday(cleaned: str, today: date) -> DayReading | None:
    """ "volgende week vrijdag", "vrijdag volgende week": that weekday in the week after this one."""
    weekdays, next_week = _alternatives(_weekdays()), _alternatives(_list("next_week"))
    match = re.fullmatch(rf"(?:{next_week})\s+({weekdays})|({weekdays})\s+(?:{next_week})", cleaned)
    if match is None:
        return None
    monday_next_week = today - timedelta(days=today.weekday()) + timedelta(days=7)
    weekday = _weekdays()[match.group(1) or match.group(2)]
    return DayReading(monday_next_week + timedelta(days=weekday), sure=True, part_of_day=None)


def _general(cleaned: str, today: date) -> DayReading | None:
    """Everything else, read by dateparser after the forms it misses are put the way it reads them."""
    cleaned, ranged = _ranges(_ordinals(_dotted_dates(cleaned)))
    weekday, rest = _named_weekday(cleaned)
    day = _dateparser_day(rest if weekday is not None else cleaned, today)
    if day is None and weekday is not None:
        day, weekday = _dateparser_day(cleaned, today), None
    if day is None:
        return None
    if not EXPLICIT_YEAR.search(cleaned) and (day.year - 1, day.month, day.day) == today.timetuple()[:3]:
        # dateparser's "future" reads today's own date ("4 dec" on 4 December) as next year's.
        day = today
    if day < today:
        return None
    matches = weekday is None or weekday == day.weekday()
    sure = matches and not ranged and cleaned not in _list("vague_periods")
    return DayReading(day, sure=sure, part_of_day=None)


def _dotted_dates(cleaned: str) -> str:
    """ "19.12" -> "19-12": dateparser reads the dotted form as a clock time."""
    def dashed(match: re.Match[str]) -> str:
        return match.group().replace(".", "-") if int(match.group(2)) <= 12 else match.group()

    return re.sub(r"(?<![\d.])(\d{1,2})\.(\d{1,2})(?:\.\d{2,4})?(?![\d.])", dashed, cleaned)


def _ordinals(cleaned: str) -> str:
    """ "de 19e", "the 19th" -> "19"."""
    lead = _alternatives(_list("ordinal_lead"))
    suffixes = _alternatives(fold(s) for s in vocabulary()["choices"]["ordinal_suffixes"])
    return re.sub(rf"(?:\b(?:{lead})\s+)?\b(\d{{1,2}})(?:{suffixes})\b", r"\1", cleaned)


def _ranges(cleaned: str) -> tuple[str, bool]:
    """ "over 1 week of 2" and "over 2 of 3 weken" -> the larger number of units, as a guess."""
    units, either = _alternatives(_list("units")), _alternatives(_list("or_words"))
    one = _alternatives(["1", *vocabulary()["numbers"]["articles"]])
    ranged = re.sub(rf"\b(?:{one})\s+({units})\s+(?:{either})\s+(\d+)\b", r"\2 \1", cleaned)
    ranged = re.sub(rf"\b\d+\s+(?:{either})\s+(\d+)\s+({units})\b", r"\1 \2", ranged)
    return ranged, ranged != cleaned


def _named_weekday(cleaned: str) -> tuple[int | None, str]:
    """The weekday named next to a day ("zat 19 dec", "morgen zaterdag"), and the text without it.

    The two are read apart so a weekday that does not match the date makes the reading a guess.
    """
    match = re.search(rf"\b({_alternatives(_weekdays())})\b", cleaned)
    rest = " ".join((cleaned[: match.start()] + " " + cleaned[match.end() :]).split()) if match else ""
    if match is None or not rest:
        return None, cleaned
    return _weekdays()[match.group(1)], rest


def _dateparser_day(cleaned: str, today: date) -> date | None:
    if not cleaned:
        return None
    base = datetime(today.year, today.month, today.day, 12, 0)
    parsed = dateparser.parse(cleaned, languages=LANGUAGES, settings={**SETTINGS, "RELATIVE_BASE": base})
    return parsed.date() if parsed is not None else None
