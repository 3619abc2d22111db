"""Forgiving dates: "zaterdag", "morgen", "12 dec", "dinsdagochtend", "half december", "na de kerst".
And the time of day said with them: "zaterdag 14:00", "vrijdag om half drie", "morgen 19.30 uur", "2pm".

Older residents type dates the way they say them. ``dateparser`` understands most Dutch and English ways;
this module adds what it misses (abbreviations such as "zat.", parts of the day, holidays, "begin
januari", "over een week of twee") and the product's rules: a date is a calendar day in the group's
time zone, and it is today or later, never in the past. A reading is *sure* when the text names one
day; otherwise (a guess such as "eind december", or a weekday that does not match the date) Brug asks
"Bedoel je ...?" before using it. The extra words live in ``prompts/<lang>/words.toml`` [dates].

A time of day typed with the day is kept (``DayReading.start_time``; ``read_time`` reads one alone); None
means the whole day. How a time is read (``_Clock.at``):

- a 24-hour clock is taken as written: "14:00", "19.30 uur", "om 19 uur", "08:30";
- "am"/"pm" decide: "2pm", "2:30 pm", "12 am" (00:00);
- a part of the day said with it decides a 12-hour time: "om 2 uur 's middags" (14:00), "kwart over
  zeven 's avonds" (19:15), "zaterdagochtend half acht" (07:30); at night the small hours stay small
  ("'s nachts om 2 uur", 02:00) and "12 uur 's avonds" is no time (midnight is the next day);
- without one, a 12-hour time ("om 2 uur", "half drie", "kwart voor acht") is read in the hours a
  neighbourhood meets: 1 to 7 o'clock are afternoon and evening (13:00-19:59: "half drie" is 14:30,
  "half acht" 19:30), 8 to 12 are morning and noon (08:00-12:59: "om 10 uur", "half een" is 12:30).
  A digital "2:30" or "7:30" is the 24-hour clock, but 1:00-6:59 without a leading zero is afternoon:
  nobody meets at half past two at night;
- an impossible time ("25:00", "14:75", "24:00") is no time; the day is still read.

A dotted "19.12" stays a date (19 December) unless the minutes cannot be a month ("19.30", "14.00") or a
word says it is a time ("om 14.05", "14.05 uur").
"""

from __future__ import annotations

import calendar
import html
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any

import dateparser
from babel.dates import format_time
from dateutil.easter import easter

from bot.domain.i18n import Translator, normalise_language
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
    # The time of day typed with it ("zaterdag 14:00"), in the group's time zone; None: the whole day.
    start_time: time | None = None


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
    taken = _time_taken(text)
    if taken is None:
        return None
    cleaned, glued, clock = taken
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
            said_part = reading.part_of_day or part  # "kerstavond om 7 uur": the holiday's evening
            start = clock.at(said_part) if clock is not None else None
            return replace(reading, sure=sure, part_of_day=said_part, start_time=start)
    return None


def read_time(text: str) -> time | None:
    """The time of day ``text`` names ("14:00", "om half drie", "kwart over zeven 's avonds", "2pm"),
    with or without a day; None when it names none or an impossible one ("25:00").

    ``read_day`` gives the same time with the day (and a holiday's part of the day: "kerstavond om 7").
    """
    taken = _time_taken(text)
    if taken is None:
        return None
    cleaned, glued, clock = taken
    if clock is None:
        return None
    _, said = _part_of_day(_drop(_strip_times(cleaned), "ignore"))
    return clock.at(glued or said)


def _time_taken(text: str) -> tuple[str, str | None, _Clock | None] | None:
    """The first steps of reading a day or a time: ``text`` prepared, a glued part of the day
    ("dinsdagochtend"), and the clock time taken out of it (None: none named); None when too long or empty."""
    if not text or len(text) > 2 * MAX_LENGTH:
        return None
    cleaned = _prepare(text)
    if not cleaned or len(cleaned) > MAX_LENGTH:
        return None
    cleaned, glued = _split_compounds(_rewrite(cleaned))
    cleaned, clock = _take_time(cleaned)
    return cleaned, glued, clock


def spoken_when(day: date | None, start: time | None, lang: str, translator: Translator) -> str | None:
    """ "zaterdag 19 december om 14:00" as plain text (the public page, the flyer, a preview in the chat);
    None without a day."""
    if day is None:
        return None
    worded = translator.date(lang, day)
    if start is None:
        return worded
    return html.unescape(str(translator.text(lang, "spoken-day-at", day=worded, time=time_text(start, lang))))


def time_text(start: time, language: str) -> str:
    """A time of day as the reader writes it: "14:00" in Dutch, "2:00 PM" in English (Babel's short form).

    For every page and file that words a day and a time (the chat's own texts use the ``time-of-day``
    message, which gives the same words)."""
    words = format_time(start, format="short", locale=normalise_language(language))
    # CLDR puts a narrow no-break space before "PM", which some phones show as a box.
    return words.replace("\u202f", " ").replace("\xa0", " ")


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


# ---------------------------------------------------------------------------------------------------
# Times of day: "om 14:00", "half drie", "kwart over zeven", "2:30 pm", "van 2 tot 4".


@dataclass(frozen=True)
class _Clock:
    """A time as typed, before the part of the day says which half of the day it is in."""

    hour: int
    minute: int
    literal: bool = False  # the 24-hour clock whatever else is said ("08:30"; any hour over 12 is too)
    meridiem: str | None = None  # "am" | "pm"
    digital: bool = False  # with minutes written the digital way: "7:30" is 07:30, "2:30" is 14:30

    def at(self, part: str | None) -> time | None:
        """The time meant, given the part of the day said ("afternoon", ...); None when impossible.

        The rules are in the module's docstring.
        """
        hour, minute = self.hour, self.minute
        if not 0 <= minute <= 59 or not 0 <= hour <= 23:
            return None
        if self.meridiem is not None:
            if hour > 12:
                return time(hour, minute) if self.meridiem == "pm" else None
            if hour == 0:
                return None
            return time(hour % 12 + (12 if self.meridiem == "pm" else 0), minute)
        if self.literal or hour == 0 or hour > 12:
            return time(hour, minute)
        if part == "afternoon":
            return time(hour % 12 + 12, minute)  # "12 uur 's middags" stays noon
        if part == "evening":
            if hour == 12:
                return None  # midnight belongs to the next day: better no time than a wrong one
            return time(hour + 12 if hour >= 5 else hour, minute)  # "'s nachts om 2 uur" is 02:00
        if part == "morning":
            return time(hour, minute)
        afternoon_until = 6 if self.digital else 7
        return time(hour + 12 if hour <= afternoon_until else hour, minute)


def _spoken(hour: int, offset: int, meridiem: str | None) -> _Clock | None:
    """ "half 3" (3, -30) -> 2:30, "kwart voor 1" (1, -15) -> 12:45: a spoken hour and the minutes from it."""
    if not 1 <= hour <= 24:
        return None
    if hour > 12:  # "kwart over 19": the 24-hour clock
        total = (hour * 60 + offset) % (24 * 60)
        return _Clock(total // 60, total % 60, literal=True, meridiem=meridiem)
    total = (hour * 60 + offset) % (12 * 60)
    return _Clock(total // 60 or 12, total % 60, meridiem=meridiem)


def _meridiem(match: re.Match[str], suffix: str = "") -> str | None:
    if match.group("am" + suffix):
        return "am"
    return "pm" if match.group("pm" + suffix) else None


def _minutes_word(word: str) -> int | None:
    """ "10" -> 10, "kwart" -> 15, "half" -> 30 (in "half past two"); None for other words."""
    if word.isdigit():
        return int(word)
    if word in _list("clock_quarter"):
        return 15
    return 30 if word in _list("clock_half") else None


def _from_range(match: re.Match[str]) -> _Clock | None:
    """ "van 14 tot 16 uur", "14:00-16:00", "2-4pm": the start counts. Plain "1-2" is a date, and so is
    "van 5-12 tot 8-12"; "van 14-16" is not."""
    said = (match.group("m"), match.group("after"), match.group("after2"))
    meridiem = _meridiem(match) or _meridiem(match, "2")
    if not any(said) and meridiem is None:
        could_be_a_day = int(match.group("h")) <= 31 and int(match.group("h2")) <= 12
        if not match.group("lead") or (match.group("until") == "-" and could_be_a_day):
            return None
    hour, minute = int(match.group("h")), int(match.group("m") or 0)
    if _meridiem(match) is None and meridiem is not None and hour > int(match.group("h2")):
        meridiem = None  # "11-2pm": the pm belongs to the end
    padded = match.group("h").startswith("0") and len(match.group("h")) == 2
    return _Clock(hour, minute, literal=padded, meridiem=meridiem, digital=match.group("m") is not None)


def _from_about(match: re.Match[str]) -> _Clock | None:
    """ "een uur of drie": about three."""
    return _Clock(int(match.group("h")), 0, meridiem=_meridiem(match))


def _from_half_relative(match: re.Match[str]) -> _Clock | None:
    """ "tien over half drie" (2:40), "vijf voor half acht" (7:25)."""
    minutes = _minutes_word(match.group("n"))
    if minutes is None or not 1 <= minutes <= 15:
        return None
    offset = -30 + (minutes if match.group("past") else -minutes)
    return _spoken(int(match.group("h")), offset, _meridiem(match))


def _from_half(match: re.Match[str]) -> _Clock | None:
    """ "half drie": half an hour before three (2:30), the Dutch way."""
    return _spoken(int(match.group("h")), -30, _meridiem(match))


def _from_past_or_to(match: re.Match[str]) -> _Clock | None:
    """ "kwart over zeven" (7:15), "tien voor acht" (7:50), "half past two" (2:30)."""
    minutes = _minutes_word(match.group("n"))
    if minutes is None or not 1 <= minutes <= 30 or (minutes == 30 and not match.group("past")):
        return None
    return _spoken(int(match.group("h")), minutes if match.group("past") else -minutes, _meridiem(match))


def _from_digits(match: re.Match[str]) -> _Clock | None:
    """ "14:00", "19.30 uur", "10u30", "2:30 pm", "2 30 pm"."""
    hour, minute = match.group("h"), match.group("m")
    meridiem = _meridiem(match)
    if match.group("sep") == "." and 1 <= int(minute) <= 12 and not (match.group("lead") or match.group("after")):
        if meridiem is None:
            return None  # "19.12": the 19th of December
    padded = hour.startswith("0") and len(hour) == 2
    return _Clock(int(hour), int(minute), literal=padded, meridiem=meridiem, digital=True)


def _from_hour(match: re.Match[str]) -> _Clock | None:
    """ "om 10", "14 uur", "14u", "2pm": an hour with a word that makes it one ("zaterdag 14" is the 14th)."""
    meridiem = _meridiem(match)
    if not (match.group("lead") or match.group("after") or meridiem):
        return None
    hour = match.group("h")
    padded = hour.startswith("0") and len(hour) == 2
    return _Clock(int(hour), 0, literal=padded, meridiem=meridiem)


def _from_name(match: re.Match[str]) -> _Clock | None:
    """ "noon", "midday"."""
    value = _table("clock_named").get(match.group("named"))
    if not isinstance(value, str) or not re.fullmatch(r"\d\d:\d\d", value):
        return None
    return _Clock(int(value[:2]), int(value[3:]), literal=True)


@cache
def _clock_forms() -> tuple[tuple[re.Pattern[str], Any], ...]:
    """The ways a time is typed, most specific first, each with what it means."""
    w = {
        key: _alternatives(_list(key))
        for key in ("clock_lead", "clock_range_lead", "clock_after", "clock_am", "clock_pm", "clock_half",
                    "clock_quarter", "clock_past", "clock_to", "clock_until", "or_words", "units")
    }
    named = _alternatives(_table("clock_named"))
    months = _alternatives(_months())
    lead = rf"(?:(?P<lead>{w['clock_lead']})\s+)?"
    noon = rf"(?:\s*(?:(?P<am>{w['clock_am']})|(?P<pm>{w['clock_pm']})))?"
    tail = rf"(?:\s*(?P<after>{w['clock_after']}))?{noon}"
    start = r"(?<![\w/:.\-])"
    # Not the start of a date or a span of days: "om 12 dec", "over 2 weken", "in 2 to 3 weeks".
    end = rf"(?![\w/:.\-])(?!\s*(?:{months}|{w['units']})(?!\w))"
    # "14:00", "19.30", "10u30"; "2 30" only before am/pm ("two thirty pm").
    minutes = rf"(?:(?P<sep>[:.]|u|h)|\s(?=\d{{2}}\s*(?:{w['clock_am']}|{w['clock_pm']})(?!\w)))(?P<m>\d{{2}})"
    word_minutes = rf"(?P<n>\d{{1,2}}|{w['clock_quarter']}|{w['clock_half']})"
    direction = rf"(?:(?P<past>{w['clock_past']})|(?P<to>{w['clock_to']}))"
    forms: list[tuple[str, Any]] = [
        (
            rf"(?:(?P<lead>{w['clock_range_lead']}|{w['clock_lead']})\s+)?(?P<h>\d{{1,2}})(?:[:.](?P<m>\d{{2}}))?"
            rf"(?:\s*(?P<after>{w['clock_after']}))?{noon}\s*(?P<until>{w['clock_until']})\s*"
            rf"(?P<h2>\d{{1,2}})(?:[:.]\d{{2}})?(?:\s*(?P<after2>{w['clock_after']}))?"
            rf"(?:\s*(?:(?P<am2>{w['clock_am']})|(?P<pm2>{w['clock_pm']})))?",
            _from_range,
        ),
        (rf"{lead}1\s+(?:{w['clock_after']})\s+(?:{w['or_words']})\s+(?P<h>\d{{1,2}}){noon}", _from_about),
        (rf"{lead}{word_minutes}\s+{direction}\s+(?:{w['clock_half']})\s+(?P<h>\d{{1,2}}){tail}", _from_half_relative),
        (rf"{lead}(?:{w['clock_half']})\s+(?P<h>\d{{1,2}}){tail}", _from_half),
        (rf"{lead}{word_minutes}\s+{direction}\s+(?P<h>\d{{1,2}}){tail}", _from_past_or_to),
        (rf"{lead}(?P<h>\d{{1,2}}){minutes}{tail}", _from_digits),
        (rf"{lead}(?P<h>\d{{1,2}}){tail}", _from_hour),
        (rf"{lead}(?P<named>{named})", _from_name),
    ]
    return tuple((re.compile(start + pattern + end), meaning) for pattern, meaning in forms)


def _take_time(cleaned: str) -> tuple[str, _Clock | None]:
    """The text without the times in it, and the first time (the start: "van 2 tot 4" starts at 2).

    A match that turns out not to be a time ("zaterdag 14", "19.12", "over 2 uur") stays in the text.
    """
    found: list[tuple[int, int, int, _Clock]] = []
    for order, (pattern, meaning) in enumerate(_clock_forms()):
        for match in pattern.finditer(cleaned):
            clock = meaning(match)
            if clock is not None and not (meaning is _from_hour and _is_duration(cleaned, match)):
                found.append((match.start(), order, match.end(), clock))
    taken: list[tuple[int, int, _Clock]] = []
    for begin, _order, finish, clock in sorted(found, key=lambda item: (item[0], item[1])):
        if not taken or begin >= taken[-1][1]:
            taken.append((begin, finish, clock))
    if not taken:
        return cleaned, None
    rest = cleaned
    for begin, finish, _clock in reversed(taken):
        rest = rest[:begin] + " " + rest[finish:]
    return " ".join(rest.split()), taken[0][2]


def _is_duration(cleaned: str, match: re.Match[str]) -> bool:
    """ "over 2 uur", "in 2 hrs": a while from now, not a time of day."""
    if match.group("lead"):
        return False
    before = cleaned[: match.start()].split()
    return bool(before) and before[-1] in _list("clock_duration")


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
