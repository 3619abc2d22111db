"""Forgiving dates in Dutch and English, counted from the group's today, never in the past."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.domain.dates import DayReading, parse_day, read_day


from bot.domain.zones import local_today

TODAY = date(2026, 12, 1)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zaterdag", date(2026, 12, 5)),
        ("Zaterdag", date(2026, 12, 5)),
        ("vrijdag", date(2026, 12, 4)),
        ("morgen", date(2026, 12, 2)),
        ("overmorgen", date(2026, 12, 3)),
        ("vandaag", TODAY),
        ("12 dec", date(2026, 12, 12)),
        ("12 december", date(2026, 12, 12)),
        ("zondag 13 dec", date(2026, 12, 13)),
        ("over twee weken", date(2026, 12, 15)),
        ("over 2 weken", date(2026, 12, 15)),
        ("over een maand", date(2027, 1, 1)),
        ("volgende week vrijdag", date(2026, 12, 11)),
        ("15-1", date(2027, 1, 15)),
        ("15/01/2027", date(2027, 1, 15)),
        ("next Friday", date(2026, 12, 4)),
        ("saturday", date(2026, 12, 5)),
        ("tomorrow", date(2026, 12, 2)),
        ("in two weeks", date(2026, 12, 15)),
        ("next week friday", date(2026, 12, 11)),
    ],
)
def test_forgiving_dates(text: str, expected: date) -> None:
    assert parse_day(text, TODAY) == expected


@pytest.mark.parametrize(
    "text", ["", "   ", "blah", "soep", "15/01/2020", "x" * 5000, "🍲", "<script>alert(1)</script>"]
)
def test_unclear_or_past_dates_are_none(text: str) -> None:
    assert parse_day(text, TODAY) is None


def test_weekday_is_always_in_the_future() -> None:
    saturday = date(2026, 12, 5)
    assert parse_day("zaterdag", saturday) in (saturday, date(2026, 12, 12))
    assert parse_day("zaterdag", saturday) >= saturday


def test_today_is_the_groups_local_day() -> None:
    # 23:30 UTC on 31 December is already 1 January in Amsterdam.
    moment = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    assert local_today(moment, "Europe/Amsterdam") == date(2027, 1, 1)
    assert local_today(moment, "UTC") == date(2026, 12, 31)


FRIDAY = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zat. 19 dec", DayReading(date(2026, 12, 19), True, None)),
        ("di 8/12", DayReading(date(2026, 12, 8), True, None)),
        ("dinsdagochtend", DayReading(date(2026, 12, 8), True, "morning")),
        ("vrijdagavond", DayReading(date(2026, 12, 11), True, "evening")),
        ("tomorrow evening", DayReading(date(2026, 12, 5), True, "evening")),
        ("zat 20 dec", DayReading(date(2026, 12, 20), False, None)),
        ("half december", DayReading(date(2026, 12, 15), False, None)),
        ("eind van de maand", DayReading(date(2026, 12, 28), False, None)),
        ("na de kerst", DayReading(date(2026, 12, 27), False, None)),
        ("tweede kerstdag", DayReading(date(2026, 12, 26), True, None)),
        ("dit weekend", DayReading(date(2026, 12, 5), False, None)),
        ("over een week of twee", DayReading(date(2026, 12, 18), False, None)),
    ],
)
def test_read_day_says_how_sure_it_is(text: str, expected: DayReading) -> None:
    assert read_day(text, FRIDAY) == expected


@pytest.mark.parametrize("text", ["half december", "zat 20 dec", "dit weekend", "na de kerst", "volgende week"])
def test_parse_day_leaves_guesses_to_read_day(text: str) -> None:
    assert read_day(text, FRIDAY) is not None
    assert parse_day(text, FRIDAY) is None


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 1, 10), date(2025, 4, 26)),  # 27 April 2025 is a Sunday: the day before
        (date(2026, 1, 10), date(2026, 4, 27)),
        (date(2026, 4, 28), date(2027, 4, 27)),  # just past: next year's
    ],
)
def test_koningsdag_moves_off_a_sunday(today: date, expected: date) -> None:
    assert parse_day("koningsdag", today) == expected


def test_easter_follows_the_calendar() -> None:
    assert parse_day("pasen", date(2027, 1, 1)) == date(2027, 3, 28)
    assert parse_day("tweede paasdag", date(2027, 1, 1)) == date(2027, 3, 29)
    assert parse_day("pasen", date(2027, 3, 29)) == date(2028, 4, 16)


def test_eind_december_counts_back_from_the_last_day() -> None:
    assert read_day("eind februari", date(2027, 1, 10)) == DayReading(date(2027, 2, 25), False, None)
    assert read_day("eind december", date(2026, 12, 30)) == DayReading(date(2027, 12, 28), False, None)


@pytest.mark.parametrize("text", ["begin januari", "kerst", "volgend weekend", "eind van de maand", "3 dec", "zaterdag"])
def test_read_day_is_never_in_the_past(text: str) -> None:
    for offset in range(0, 400, 17):
        today = date(2026, 1, 1) + timedelta(days=offset)
        reading = read_day(text, today)
        assert reading is not None and reading.day >= today
