"""/instellingen: a coordinator sets the group's language, time zone, support threshold, maximum action
length, stale period, digest day and hour, quiet hours, and after how many days without contact a
shortlisted partner is worth a nudge to the coordinators (0: never) — by buttons or typed, always validated.

A bad value is explained kindly and nothing is saved. After every change the reminders are re-planned
(``bot.domain.reminders.group_settings_changed``).
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.buttons import ID, Field, one_of, register
from bot.domain import reminders
from bot.domain.i18n import LANGUAGES
from bot.domain.listing import InvalidInput
from bot.domain.members import set_group_language
from bot.domain.understanding import number_in
from storage.models import Group

FIELDS = ("lang", "tz", "thr", "quick", "max", "stale", "dday", "dhour", "quiet", "pquiet")
# Fields a coordinator may also type (the others are only buttons).
TYPED_FIELDS = ("tz", "thr", "quick", "max", "stale", "dhour", "quiet", "pquiet")
# Its buttons: open the settings, go back, show a setting's options, type one, choose a value.
SETTINGS_BUTTONS = register("st", "/instellingen", {
    "g": (ID,), "b": (ID,),
    "o": (ID, one_of("setting", *FIELDS)),
    "t": (ID, one_of("setting", *TYPED_FIELDS)),
    "v": (ID, one_of("setting", *FIELDS), Field("value", r"[a-z0-9-]{1,8}", str, 8, "nl")),
})
TIMEZONES = (
    "Europe/Amsterdam", "Europe/Brussels", "Europe/Berlin", "Europe/London",
    "America/Paramaribo", "America/Curacao",
)
CHOICES: dict[str, tuple[int | str, ...]] = {
    "lang": LANGUAGES,
    "tz": tuple(range(len(TIMEZONES))),
    # 0: the group asks no support, every action simply goes ahead.
    "thr": (0, 1, 2, 3, 4, 5, 6, 8, 10),
    # An action this many days away or sooner goes ahead at once ("gewoon doen").
    "quick": (0, 1, 2, 3, 5, 7),
    "max": (7, 14, 21, 28, 42, 56),
    "stale": (3, 5, 7, 10, 14, 21),
    "dday": (0, 1, 2, 3, 4, 5, 6),
    "dhour": (7, 8, 9, 10, 12, 14, 17, 19),
    "quiet": ("21-9", "22-8", "20-8", "22-7", "0-0"),
    # A shortlisted partner without contact this many days: a nudge to the coordinators (0: never).
    "pquiet": (30, 45, 60, 90, 120, 0),
}
# Typed numbers must lie in these ranges (inclusive).
RANGES = {
    "thr": (0, 50), "quick": (0, 30), "max": (1, 365), "stale": (1, 60), "dhour": (0, 23), "pquiet": (0, 365),
}
COLUMNS = {"thr": "support_threshold", "quick": "quick_days", "max": "max_action_days", "stale": "stale_days",
           "dday": "digest_weekday", "dhour": "digest_hour", "pquiet": "partner_quiet_days"}
HOURS = re.compile(r"^\s*(\d{1,2})(?:[:.]00)?\s*(?:-|–|tot|to|until)\s*(\d{1,2})(?:[:.]00)?\s*(?:uur)?\s*$")
NUMBER = re.compile(r"^\s*(\d{1,3})\s*(?:dagen|dag|days|day|uur|u|h|leden|members)?\s*$")
HOUR = re.compile(r"^\s*(\d{1,2})(?:[:.]00)?\s*(?:uur|u|h)?\s*$")


def current(group: Group) -> dict[str, object]:
    """The group's settings as the values the buttons use."""
    return {
        "lang": group.language,
        "tz": group.timezone,
        "thr": group.support_threshold,
        "quick": group.quick_days,
        "max": group.max_action_days,
        "stale": group.stale_days,
        "dday": group.digest_weekday,
        "dhour": group.digest_hour,
        "quiet": f"{group.quiet_start_hour}-{group.quiet_end_hour}",
        "pquiet": group.partner_quiet_days,
    }


def parse_timezone(text: str) -> str:
    """A typed IANA name ("Europe/Amsterdam", case forgiven); raises ``InvalidInput``."""
    name = text.strip().replace(" ", "_")
    known = {zone.lower(): zone for zone in available_timezones()}
    canonical = known.get(name.lower())
    if canonical is None:
        raise InvalidInput("settings-bad-timezone")
    try:
        ZoneInfo(canonical)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidInput("settings-bad-timezone") from exc
    return canonical


def parse_quiet(text: str) -> tuple[int, int]:
    """ "21-9", "22:00 - 08:00", "22 tot 8"; "0-0" (or equal hours) means no quiet hours."""
    match = HOURS.match(text.lower())
    if match is None:
        raise InvalidInput("settings-bad-quiet")
    start, end = int(match.group(1)), int(match.group(2))
    if not (0 <= start <= 23 and 0 <= end <= 23):
        raise InvalidInput("settings-bad-quiet")
    return start, end


def parse_number(field: str, text: str) -> int:
    """A typed amount: "8", "8 leden", or in words ("acht", "een stuk of vijf")."""
    pattern = HOUR if field == "dhour" else NUMBER
    match = pattern.match(text.lower())
    number = int(match.group(1)) if match is not None else number_in(text)
    low, high = RANGES[field]
    if number is None or not low <= number <= high:
        raise InvalidInput(f"settings-bad-{field}", low=low, high=high)
    return number


def parse(field: str, raw: str, *, typed: bool) -> int | str | tuple[int, int]:
    """The value for ``field`` from a button (``typed=False``: one of CHOICES) or typed text."""
    if field not in FIELDS or (typed and field not in TYPED_FIELDS):
        raise InvalidInput("settings-bad-value")
    if not typed:
        options = {str(option): option for option in CHOICES[field]}
        if raw not in options:
            raise InvalidInput("settings-bad-value")
        value = options[raw]
        if field == "tz":
            return TIMEZONES[int(value)]
        if field == "quiet":
            return parse_quiet(str(value))
        return value
    if field == "tz":
        return parse_timezone(raw)
    if field == "quiet":
        return parse_quiet(raw)
    return parse_number(field, raw)


async def change(
    session: AsyncSession, group: Group, field: str, raw: str, now: datetime, *, typed: bool = False
) -> None:
    """Validate and store one setting, then re-plan the group's reminders. Raises ``InvalidInput``."""
    value = parse(field, raw, typed=typed)
    if field == "lang":
        set_group_language(group, str(value), now)
    elif field == "tz":
        group.timezone = str(value)
    elif isinstance(value, tuple):  # "quiet": the one setting that is a pair, (start, end)
        group.quiet_start_hour, group.quiet_end_hour = value
    else:
        setattr(group, COLUMNS[field], int(value))
    group.updated_at = now
    await reminders.group_settings_changed(session, group, now)
