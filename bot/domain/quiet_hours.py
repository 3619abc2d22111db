"""Local wall time for reminders, and the group's quiet hours.

Reminders are planned as a local wall time in the group's time zone ("10:00 on the day before") and only
then converted to UTC. Adding 24 hours in UTC would move a 10:00 reminder to 09:00 or 11:00 across the
last Sunday of March and October; building the wall time first keeps it at 10:00.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from bot.domain.zones import local_now, local_today, zone


def local_moment(day: date, hour: int, timezone: str | None) -> datetime:
    """``hour``:00 on ``day`` in ``timezone``, as an aware UTC moment.

    In the hour that does not exist (the spring gap) zoneinfo picks the offset from before the change,
    which lands one hour later on the wall clock: the reminder is late, never early or lost.
    """
    local = datetime.combine(day, time(hour=max(0, min(23, hour))), tzinfo=zone(timezone))
    return local.astimezone(UTC)


def is_quiet(moment: datetime, timezone: str | None, start_hour: int, end_hour: int) -> bool:
    """Whether ``moment`` falls in the quiet hours [start, end) on the group's local clock.

    The window may wrap midnight (21–9). Equal hours mean the group has no quiet hours.
    """
    if start_hour == end_hour:
        return False
    hour = local_now(moment, timezone).hour
    if start_hour < end_hour:
        return start_hour <= hour < end_hour
    return hour >= start_hour or hour < end_hour


def end_of_quiet(moment: datetime, timezone: str | None, start_hour: int, end_hour: int) -> datetime:
    """The first moment at or after ``moment`` that is outside the quiet hours (their end, on the hour)."""
    if not is_quiet(moment, timezone, start_hour, end_hour):
        return moment
    today = local_today(moment, timezone)
    for offset in (0, 1):
        candidate = local_moment(today + timedelta(days=offset), end_hour, timezone)
        if candidate > moment:
            return candidate
    return local_moment(today + timedelta(days=2), end_hour, timezone)  # pragma: no cover - defensive


def next_weekly(now: datetime, weekday: int, hour: int, timezone: str | None) -> datetime:
    """The first ``weekday`` (0 = Monday) at ``hour``:00 local time strictly after ``now``."""
    today = local_today(now, timezone)
    days_ahead = (weekday - today.weekday()) % 7
    candidate = local_moment(today + timedelta(days=days_ahead), hour, timezone)
    if candidate <= now:
        candidate = local_moment(today + timedelta(days=days_ahead + 7), hour, timezone)
    return candidate
