"""Forgiving dates in Dutch and English, counted from the group's today, never in the past."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.dates import local_today, parse_day

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
