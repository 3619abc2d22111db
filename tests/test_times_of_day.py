"""Issue 19, item 7: a time of day with a day ("zaterdag 14:00", "vrijdag om half drie", "2pm"): read, stored,
shown on the card, in the proposal summary and the agenda, and a timed event in the calendar export.

No time typed: everything stays exactly as it was (the whole day). The clock starts on Tuesday
1 December 2026, 10:00 in Amsterdam.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from babel.dates import format_date
from icalendar import Calendar

from bot.config import Settings
from bot.dashboard import data
from bot.dashboard.data import day_with_time

from bot.domain.dates import DayReading, parse_day, read_day, read_time, time_text
from bot.domain.i18n import Translator
from bot.domain.messages import Outgoing
from bot.domain.proposals import day_payload, read_day_payload, time_of_day, when_line
from bot.domain.reminders import decode_outgoing, encode_outgoing
from bot.domain.rendering import render_text
from bot.domain.scheduler import tick
from bot.road.telegram_api import TelegramSender
from storage.db import Database
from storage.models import Action, ActionDraft, AgendaItem, Commitment, Group
from tests.action_steps import Cast, card_call, make_cast, private_last, write_proposal
from tests.coordinator_fixtures import action, add, agenda_item, group_with_coordinator, member_id, the
from tests.dashboard_fixtures import DASHBOARD_URL, TOKEN, DashboardServer, init_data
from tests.fake_telegram import Call
from tests.harness import BotHarness

TODAY = date(2026, 12, 1)  # a Tuesday
SATURDAY = date(2026, 12, 5)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


# ---------------------------------------------------------------- reading a time


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The 24-hour clock, as written.
        ("14:00", time(14, 0)),
        ("14.00", time(14, 0)),
        ("14u", time(14, 0)),
        ("14 uur", time(14, 0)),
        ("om 14 uur", time(14, 0)),
        ("19.30 uur", time(19, 30)),
        ("om 19.30", time(19, 30)),
        ("10u30", time(10, 30)),
        ("08:30", time(8, 30)),
        ("7:30", time(7, 30)),
        ("om 14.05", time(14, 5)),  # "om" makes it a time; bare "14.05" is 14 May
        ("14.05 uur", time(14, 5)),
        ("vanaf 14:00", time(14, 0)),
        # Spoken, with the part of the day.
        ("om 2 uur 's middags", time(14, 0)),
        ("om twee uur 's middags", time(14, 0)),
        ("kwart over zeven 's avonds", time(19, 15)),
        ("half acht 's ochtends", time(7, 30)),
        ("'s nachts om 2 uur", time(2, 0)),
        ("12 uur 's middags", time(12, 0)),
        # Spoken, without: the hours a neighbourhood meets (1-7 afternoon and evening, 8-12 morning).
        ("half drie", time(14, 30)),
        ("om half drie", time(14, 30)),
        ("half acht", time(19, 30)),
        ("half een", time(12, 30)),
        ("half tien", time(9, 30)),
        ("om 2 uur", time(14, 0)),
        ("om tien uur", time(10, 0)),
        ("om 8 uur", time(8, 0)),
        ("kwart voor acht", time(19, 45)),
        ("kwart over 10", time(10, 15)),
        ("tien over half drie", time(14, 40)),
        ("vijf voor half acht", time(19, 25)),
        ("vijf over zeven", time(19, 5)),
        ("tien voor acht", time(19, 50)),
        ("een uur of drie", time(15, 0)),
        ("2:30", time(14, 30)),  # nobody meets at half past two at night
        # A span: its start counts.
        ("van 2 tot 4", time(14, 0)),
        ("tussen twee en vier", time(14, 0)),
        ("van 14 tot 16 uur", time(14, 0)),
        ("14:00-16:00", time(14, 0)),
        ("van 14-16", time(14, 0)),
        ("14-16 uur", time(14, 0)),
        # English.
        ("2pm", time(14, 0)),
        ("2 pm", time(14, 0)),
        ("2:30 pm", time(14, 30)),
        ("2.30pm", time(14, 30)),
        ("2 p.m.", time(14, 0)),
        ("10 a.m.", time(10, 0)),
        ("two thirty pm", time(14, 30)),
        ("at 7 pm", time(19, 0)),
        ("at 7", time(19, 0)),
        ("12 am", time(0, 0)),
        ("12 pm", time(12, 0)),
        ("half past two", time(14, 30)),
        ("quarter past seven", time(19, 15)),
        ("quarter to eight", time(19, 45)),
        ("ten to eight", time(19, 50)),
        ("7 o'clock in the evening", time(19, 0)),
        ("2-4pm", time(14, 0)),
        ("at noon", time(12, 0)),
    ],
)
def test_a_time_of_day_is_read_in_many_ways(text: str, expected: time) -> None:
    assert read_time(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "25:00", "24:00", "14:75", "om 25 uur", "half 26", "14 am",  # impossible
        "12 uur 's avonds",  # midnight is the next day: better no time than a wrong one
        "zaterdag", "19.12", "zaterdag 14", "12 dec", "1-2", "15-1", "van 5-12 tot 8-12",  # days, not times
        "tussen 2 en 4 december", "om 12 dec",
        "over 2 uur", "in 2 hrs", "over twee weken", "in 2 to 3 weeks",  # a while from now
        "", "   ", "soep", "x" * 500,
    ],
)
def test_no_time_or_an_impossible_one_is_none(text: str) -> None:
    assert read_time(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zaterdag 14:00", DayReading(SATURDAY, True, None, time(14, 0))),
        ("vrijdag om half drie", DayReading(date(2026, 12, 4), True, None, time(14, 30))),
        ("morgen 19.30 uur", DayReading(date(2026, 12, 2), True, None, time(19, 30))),
        ("12 dec 10u", DayReading(date(2026, 12, 12), True, None, time(10, 0))),
        ("zat. 19 dec 14:00", DayReading(date(2026, 12, 19), True, None, time(14, 0))),
        ("zaterdag 12 december om 14:00", DayReading(date(2026, 12, 12), True, None, time(14, 0))),
        ("zaterdagmiddag om 3 uur", DayReading(SATURDAY, True, "afternoon", time(15, 0))),
        ("zaterdagochtend half acht", DayReading(SATURDAY, True, "morning", time(7, 30))),
        ("vanavond om 7 uur", DayReading(TODAY, True, "evening", time(19, 0))),
        ("oudejaarsavond om 11 uur", DayReading(date(2026, 12, 31), True, "evening", time(23, 0))),
        ("kerst om half acht", DayReading(date(2026, 12, 25), True, None, time(19, 30))),
        ("saturday 3pm", DayReading(SATURDAY, True, None, time(15, 0))),
        ("tomorrow at 9am", DayReading(date(2026, 12, 2), True, None, time(9, 0))),
        ("zaterdag van 2 tot 4", DayReading(SATURDAY, True, None, time(14, 0))),
        ("rond 14:00 eind december", DayReading(date(2026, 12, 28), False, None, time(14, 0))),
        # The day is read as before; the time goes when it is impossible.
        ("zaterdag 25:00", DayReading(SATURDAY, True, None, None)),
        ("zaterdag", DayReading(SATURDAY, True, None, None)),
        ("19.12", DayReading(date(2026, 12, 19), True, None, None)),
        ("zaterdag om 10 uur", DayReading(SATURDAY, True, None, time(10, 0))),
    ],
)
def test_read_day_keeps_the_time_typed_with_it(text: str, expected: DayReading) -> None:
    assert read_day(text, TODAY) == expected


def test_a_time_alone_is_no_day() -> None:
    assert read_day("14:00", TODAY) is None and parse_day("om half drie", TODAY) is None
    assert parse_day("zaterdag 14:00", TODAY) == SATURDAY


def test_time_text_is_how_the_reader_writes_a_time() -> None:
    assert time_text(time(14, 0), "nl") == "14:00"
    assert time_text(time(9, 5), "nl") == "09:05"
    assert time_text(time(14, 0), "en") == "2:00 PM"
    assert time_text(time(0, 30), "en-GB") == "12:30 AM"


def test_the_chat_words_a_time_as_time_text_does() -> None:
    """The card's ``time-of-day`` message and ``time_text`` (public page, flyer) never disagree."""
    translator = Translator()
    for minutes in range(0, 24 * 60, 7):
        at = time(minutes // 60, minutes % 60)
        for lang in ("nl", "en"):
            assert render_text(translator, time_of_day(at), lang) == time_text(at, lang)
    assert render_text(translator, when_line(SATURDAY, time(14, 0)), "nl") == "📅 zaterdag 5 december, 14:00"
    assert render_text(translator, when_line(SATURDAY, time(14, 0)), "en") == "📅 Saturday 5 December, 2:00 PM"
    assert render_text(translator, when_line(SATURDAY), "nl") == "📅 zaterdag 5 december"
    # A card redrawn by the tick waits as JSON in the outbox: the time survives the trip.
    waiting = decode_outgoing(encode_outgoing(Outgoing(None, 1, when_line(SATURDAY, time(14, 0)))))
    assert render_text(translator, waiting.reply, "en") == "📅 Saturday 5 December, 2:00 PM"


def test_a_confirm_button_carries_the_day_and_its_time() -> None:
    assert day_payload(SATURDAY, None) == "20261205"
    assert read_day_payload("20261205") == (SATURDAY, None)
    for at in (time(0, 0), time(14, 5), time(23, 59)):
        payload = day_payload(date(2031, 7, 9), at)
        assert len(payload) == 9 and read_day_payload(payload) == (date(2031, 7, 9), at)
    for forged in ("", "abc", "20261399", "123456789", "000009999", "1" * 10):
        assert read_day_payload(forged) is None


# ---------------------------------------------------------------- a proposal with a time


async def test_a_proposal_for_saturday_at_two_shows_the_time_everywhere(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    anna = cast.anna
    await bot.say(cast.group, anna, "/actie Soep koken voor de straat")
    await bot.say(anna, anna, "Buurtcentrum De Roef")
    await bot.say(anna, anna, "zaterdag 14:00")
    noted = bot.texts(anna.id)[-2]
    assert noted == "Genoteerd: <b>zaterdag 5 december, 14:00</b>."
    [draft] = await bot.rows(ActionDraft)
    assert (draft.due_on, draft.start_time) == (SATURDAY, time(14, 0))
    for answer in ("Het straatfeest", "Pannen", "Soep en een praatje", "Recept delen"):
        await bot.say(anna, anna, answer)
    summary = private_last(bot, anna)
    assert "📅 zaterdag 5 december, 14:00\n" in summary.text
    await bot.press(anna, summary, "Plaatsen")

    [stored] = await bot.rows(Action)
    assert (stored.due_on, stored.start_time) == (SATURDAY, time(14, 0))
    card = card_call(bot, cast, stored)["text"]
    assert "📅 zaterdag 5 december, 14:00\n" in card


async def test_without_a_time_the_wording_is_exactly_as_before(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    stored = await write_proposal(bot, cast, when="zaterdag")
    assert "Genoteerd: <b>zaterdag 5 december</b>." in bot.texts(cast.anna.id)
    assert stored.start_time is None
    summary = next(text for text in reversed(bot.texts(cast.anna.id)) if "📅" in text)
    card = card_call(bot, cast, stored)["text"]
    for text in (summary, card):
        assert "\n📅 zaterdag 5 december\n" in text and "📅 zaterdag 5 december," not in text


async def test_a_part_of_the_day_alone_is_no_time(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    stored = await write_proposal(bot, cast, when="zaterdagmiddag")
    assert "Genoteerd: <b>zaterdag 5 december</b> ('s middags)." in bot.texts(cast.anna.id)
    assert stored.start_time is None


async def test_an_english_card_says_2_pm(bot: BotHarness) -> None:
    cast = await make_cast(bot, "en")
    stored = await write_proposal(bot, cast, when="saturday 2pm")
    assert stored.start_time == time(14, 0)
    assert "📅 Saturday 5 December, 2:00 PM\n" in card_call(bot, cast, stored)["text"]


async def test_changing_the_day_changes_or_clears_the_time(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    anna = cast.anna
    await bot.say(cast.group, anna, "/actie Soep koken")
    await bot.say(anna, anna, "Buurtcentrum De Roef")
    await bot.say(anna, anna, "zaterdag 14:00")
    for _ in range(4):
        await bot.press(anna, private_last(bot, anna), "Overslaan")

    async def redo_when(answer: str) -> str:
        await bot.press(anna, private_last(bot, anna), "Aanpassen")
        await bot.press(anna, private_last(bot, anna), "Wanneer?")
        await bot.say(anna, anna, answer)
        return private_last(bot, anna).text

    # Only a time: the day stays, the time is the new one.
    assert "📅 zaterdag 5 december, 15:00\n" in await redo_when("om 3 uur")
    # Another day without a time: the whole day.
    summary = await redo_when("vrijdag")
    assert "📅 vrijdag 4 december\n" in summary and "15:00" not in summary
    [draft] = await bot.rows(ActionDraft)
    assert (draft.due_on, draft.start_time) == (date(2026, 12, 4), None)


async def test_a_time_alone_waits_for_its_day(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    anna = cast.anna
    await bot.say(cast.group, anna, "/actie Soep koken")
    await bot.say(anna, anna, "Buurtcentrum De Roef")
    await bot.say(anna, anna, "om 2 uur")
    asked = private_last(bot, anna)
    assert asked.text == (
        "Om <b>14:00</b>, genoteerd. Op welke dag? Typ bijvoorbeeld <i>zaterdag</i> of <i>12 december</i>."
    )
    assert asked.button_labels() == ["Overslaan", "↩️ Vorige vraag", "Stoppen"]
    await bot.say(anna, anna, "zaterdag")
    assert bot.texts(anna.id)[-2] == "Genoteerd: <b>zaterdag 5 december, 14:00</b>."


async def test_yes_to_the_day_brug_asked_about_keeps_the_time(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    anna = cast.anna
    await bot.say(cast.group, anna, "/actie Kerstborrel")
    await bot.say(anna, anna, "Buurtcentrum De Roef")
    await bot.say(anna, anna, "eind december om half acht")
    question = private_last(bot, anna)
    assert "Bedoel je <b>maandag 28 december</b>?" in question.text
    [draft] = await bot.rows(ActionDraft)
    assert draft.start_time is None  # nothing changes before the answer
    await bot.press(anna, question, "Ja, maandag 28 december")
    assert bot.texts(anna.id)[-2] == "Genoteerd: <b>maandag 28 december, 19:30</b>."
    [draft] = await bot.rows(ActionDraft)
    assert (draft.due_on, draft.start_time) == (date(2026, 12, 28), time(19, 30))


# ---------------------------------------------------------------- the agenda


async def test_an_agenda_item_with_a_time_shows_it_in_the_list_and_on_its_card(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna", started=True)
    setting = await group_with_coordinator(bot, members=[anna])
    now = bot.now()
    await add(bot, agenda_item(setting.group_id, "Kerstmarkt", now, happens_on=date(2026, 12, 19), place="Marktplein"))
    await add(bot, action(setting.group_id, await member_id(bot, anna), "Soep koken", now, state="running",
                          due_on=date(2026, 12, 12), start_time=time(17, 30)))

    def question() -> Call:
        return bot.telegram.last("sendMessage", setting.chat.id)

    await bot.say(setting.chat, anna, "/agenda")
    await bot.press(anna, question(), "➕ Iets toevoegen")
    for answer in ("Soepmiddag", "zaterdag om half drie", "Buurthuis", "-"):
        await bot.say(setting.chat, anna, answer, reply_to=question())
    card = bot.telegram.last("sendMessage", setting.chat.id)
    assert "Wanneer: zaterdag 5 december, 14:30" in card.text
    item = await the(bot, AgendaItem, AgendaItem.what == "Soepmiddag")
    assert (item.happens_on, item.start_time) == (SATURDAY, time(14, 30))

    await bot.say(setting.chat, anna, "/agenda")
    lines = [line for line in bot.last_text(setting.chat.id).splitlines() if " · " in line]
    assert lines == [
        "📅 za 5 dec, 14:30 · <b>Soepmiddag</b> · Buurthuis",
        "📅 za 12 dec, 17:30 · 🌉 onze actie · <b>Soep koken</b>",
        "📅 za 19 dec · <b>Kerstmarkt</b> · Marktplein",  # no time: as before
    ]

    # A coordinator moves it to another day without a time: the whole day again.
    carla = setting.coordinator
    await bot.say(carla, carla, "/agenda")
    listing = bot.telegram.last("sendMessage", carla.id)
    await bot.press(carla, listing, "Soepmiddag")
    await bot.press(carla, listing, "Wanneer")
    await bot.say(carla, carla, "zondag")
    assert "Wanneer: zondag 6 december\n" in bot.last_text(carla.id) + "\n"
    item = await the(bot, AgendaItem, AgendaItem.id == item.id)
    assert (item.happens_on, item.start_time) == (date(2026, 12, 6), None)


# ---------------------------------------------------------------- the calendar


async def test_the_calendar_has_a_timed_event_in_the_groups_zone_and_all_day_ones_without(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna", started=True)
    setting = await group_with_coordinator(bot, members=[anna])
    now, anna_id = bot.now(), await member_id(bot, anna)
    timed, whole_day = await add(
        bot,
        action(setting.group_id, anna_id, "Soep koken", now, due_on=date(2026, 12, 12), start_time=time(14, 0)),
        action(setting.group_id, anna_id, "Bankjes verven", now, due_on=date(2026, 12, 13)),
    )
    coffee, market = await add(
        bot,
        agenda_item(setting.group_id, "Koffieochtend", now, happens_on=date(2026, 12, 8), start_time=time(10, 0)),
        agenda_item(setting.group_id, "Kerstmarkt", now, happens_on=date(2026, 12, 19)),
    )
    carla = setting.coordinator
    await bot.say(carla, carla, "/export")
    ics = bot.telegram.sent("sendDocument", carla.id)[-1].files["document"]
    assert b"DTSTART;TZID=Europe/Amsterdam:20261212T140000\r\n" in ics
    assert b"DTEND;TZID=Europe/Amsterdam:20261212T160000\r\n" in ics
    assert b"DTSTART;TZID=Europe/Amsterdam:20261208T100000\r\n" in ics

    parsed = Calendar.from_ical(ics)
    [zone] = parsed.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Amsterdam"
    gid = setting.group_id
    events = {str(e["UID"]): e for e in parsed.walk("VEVENT")}
    soup = events[f"action-{timed.id}@group-{gid}.brug"]
    assert soup.decoded("DTSTART") == datetime(2026, 12, 12, 14, 0, tzinfo=AMSTERDAM)
    assert soup.decoded("DTSTART").utcoffset() == timedelta(hours=1)  # CET: 13:00 UTC
    assert soup.decoded("DTEND") - soup.decoded("DTSTART") == timedelta(hours=2)
    assert events[f"agenda-{coffee.id}@group-{gid}.brug"].decoded("DTSTART") == datetime(
        2026, 12, 8, 10, 0, tzinfo=AMSTERDAM
    )
    # Without a time: all-day, as before.
    benches = events[f"action-{whole_day.id}@group-{gid}.brug"]
    assert (benches.decoded("DTSTART"), benches.decoded("DTEND")) == (date(2026, 12, 13), date(2026, 12, 14))
    assert events[f"agenda-{market.id}@group-{gid}.brug"].decoded("DTSTART") == date(2026, 12, 19)


# ---------------------------------------------------------------- moving an action (📅 Later)


async def move(bot: BotHarness, cast: Cast, stored: Action, answer: str) -> None:
    """Anna presses Later under her action and types ``answer`` to "Wanneer past het beter?"."""
    await bot.press_data(cast.anna, private_last(bot, cast.anna), f"a:later:{stored.id}")
    assert "Typ een dag, bijvoorbeeld <i>over twee weken</i> of <i>zaterdag 14:00</i>." in private_last(
        bot, cast.anna
    ).text
    await bot.say(cast.anna, cast.anna, answer)


async def join_plainly(bot: BotHarness, cast: Cast, stored: Action) -> None:
    """Dirk presses 🙋 Ik doe mee and just joins: on the action's day."""
    await bot.press(cast.dirk, card_call(bot, cast, stored), cast.label("join"))
    [joined] = await bot.rows(Commitment, Commitment.action_id == stored.id)
    await bot.press(cast.dirk, private_last(bot, cast.dirk), f"c:plain:{joined.id}")


async def the_action(bot: BotHarness, stored: Action) -> Action:
    [found] = await bot.rows(Action, Action.id == stored.id)
    return found


async def test_a_move_takes_the_new_time_keeps_it_for_a_time_alone_and_clears_it_without(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    stored = await write_proposal(bot, cast, when="zaterdag 14:00")
    await join_plainly(bot, cast, stored)
    title = "<b>Soep koken voor de straat</b>"

    # Only a time: the day stays, the time is the new one.
    await move(bot, cast, stored, "om 15:00")
    moved = await the_action(bot, stored)
    assert (moved.due_on, moved.start_time) == (SATURDAY, time(15, 0))
    assert bot.texts(cast.anna.id)[-1] == f"Verzet: {title} op zaterdag 5 december, 15:00."
    assert bot.last_text(cast.group.id) == f"📅 {title} is verzet naar zaterdag 5 december, 15:00."
    assert "📅 zaterdag 5 december, 15:00\n" in card_call(bot, cast, stored)["text"]

    # A new day with a time: both; who just joins moves along.
    await move(bot, cast, stored, "vrijdag 11 december 19:30")
    moved = await the_action(bot, stored)
    assert (moved.due_on, moved.start_time) == (date(2026, 12, 11), time(19, 30))
    assert bot.last_text(cast.group.id) == f"📅 {title} is verzet naar vrijdag 11 december, 19:30."
    [joined] = await bot.rows(Commitment)
    assert joined.due_on == date(2026, 12, 11)

    # A new day without a time: the whole day (19:30 may not fit a Sunday).
    await move(bot, cast, stored, "zondag")
    moved = await the_action(bot, stored)
    assert (moved.due_on, moved.start_time) == (date(2026, 12, 6), None)
    assert bot.last_text(cast.group.id) == f"📅 {title} is verzet naar zondag 6 december."
    card = card_call(bot, cast, stored)["text"]
    assert "📅 zondag 6 december\n" in card and "19:30" not in card

    # "Bedoel je …?" about a guessed day: "Ja" keeps the time typed with it.
    await move(bot, cast, stored, "eind december om half acht")
    question = private_last(bot, cast.anna)
    assert "Bedoel je maandag 28 december?" in question.text
    assert (await the_action(bot, stored)).start_time is None  # nothing changes before the answer
    await bot.press(cast.anna, question, "Ja, maandag 28 december")
    moved = await the_action(bot, stored)
    assert (moved.due_on, moved.start_time) == (date(2026, 12, 28), time(19, 30))
    assert bot.last_text(cast.group.id) == f"📅 {title} is verzet naar maandag 28 december, 19:30."

    # "Nee" and another day typed: that day's own time (none), not the guess's.
    await move(bot, cast, stored, "eind december om half acht")
    await bot.press(cast.anna, private_last(bot, cast.anna), "Nee, een andere dag")
    await bot.say(cast.anna, cast.anna, "zaterdag")
    moved = await the_action(bot, stored)
    assert (moved.due_on, moved.start_time) == (SATURDAY, None)


async def test_a_time_alone_for_an_action_without_a_day_asks_for_the_day(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    [group] = await bot.rows(Group)
    [undated] = await add(bot, action(group.id, await member_id(bot, cast.anna), "Bankjes verven", bot.now()))
    await move(bot, cast, undated, "om 15:00")
    assert private_last(bot, cast.anna).text == (
        "Om <b>15:00</b>, goed. Op welke dag? Typ bijvoorbeeld <i>zaterdag 15:00</i>."
    )
    assert (await the_action(bot, undated)).due_on is None
    await bot.say(cast.anna, cast.anna, "zaterdag 15:00")
    moved = await the_action(bot, undated)
    assert (moved.due_on, moved.start_time) == (SATURDAY, time(15, 0))


# ---------------------------------------------------------------- /acties, the digest, the reminder


async def test_acties_shows_the_time_of_an_action_that_has_one(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    await write_proposal(bot, cast, when="zaterdag 14:00")
    await write_proposal(bot, cast, "Bankjes verven", when="zondag")
    await bot.say(cast.group, cast.anna, "/acties")
    listing = bot.last_text(cast.group.id)
    assert "Soep koken voor de straat</a> · 💡 voorstel · zaterdag 5 december, 14:00\n" in listing + "\n"
    assert "Bankjes verven</a> · 💡 voorstel · zondag 6 december\n" in listing + "\n"


async def test_acties_in_english_says_2_pm(bot: BotHarness) -> None:
    cast = await make_cast(bot, "en")
    await write_proposal(bot, cast, when="saturday 2pm")
    await bot.say(cast.group, cast.anna, "/acties")
    assert "· Saturday 5 December, 2:00 PM" in bot.last_text(cast.group.id)


def sender_for(bot: BotHarness) -> TelegramSender:
    return TelegramSender(bot.app.bot, bot.app.bot_data["services"].translator)


async def test_the_digest_shows_times_and_puts_the_whole_day_first(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna", started=True)
    setting = await group_with_coordinator(bot, members=[anna])
    now, gid, anna_id = bot.now(), setting.group_id, await member_id(bot, anna)
    market_day = date(2026, 12, 12)
    # Stored in the wrong order on purpose: the digest sorts them.
    await add(
        bot,
        action(gid, anna_id, "Soep koken", now, due_on=market_day, start_time=time(14, 0)),
        action(gid, anna_id, "Oliebollen bakken", now, due_on=market_day, start_time=time(10, 0)),
        action(gid, anna_id, "Bankjes verven", now, due_on=market_day),
        agenda_item(gid, "Soepmiddag", now, happens_on=market_day, start_time=time(17, 30), place="Buurthuis"),
        agenda_item(gid, "Koffieochtend", now, happens_on=market_day, start_time=time(10, 0)),
        agenda_item(gid, "Kerstmarkt", now, happens_on=market_day),
    )
    await tick(bot.db, sender_for(bot), datetime(2026, 12, 7, 8, 0, tzinfo=UTC))  # Monday 09:00
    digest = bot.last_text(setting.chat.id)
    assert "Deze week bij ons" in digest
    running = digest.split("<b>Lopend</b>\n")[1].split("\n\n")[0]
    assert [line for line in running.splitlines() if line.startswith("•")] == [
        "• <b>Bankjes verven</b> – zaterdag 12 december",
        "• <b>Oliebollen bakken</b> – zaterdag 12 december, 10:00",
        "• <b>Soep koken</b> – zaterdag 12 december, 14:00",
    ]
    assert "• <b>Soep koken</b> – zaterdag 12 december, 14:00: nog niemand doet mee" in digest
    pipeline = digest.split("<b>In de pijplijn</b> (in de buurt)\n")[1].split("\n\n")[0]
    assert pipeline.splitlines() == [
        "• zaterdag 12 december: Kerstmarkt",
        "• zaterdag 12 december, 10:00: Koffieochtend",
        "• zaterdag 12 december, 17:30: Soepmiddag (Buurthuis)",
    ]


async def test_the_reminder_the_day_before_names_the_actions_time(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    stored = await write_proposal(bot, cast, when="zaterdag 14:00")
    # Dirk just joins (on the action's day); Carla brings soup on Friday (her own day: no time of the action's).
    await join_plainly(bot, cast, stored)
    await bot.press(cast.carla, card_call(bot, cast, stored), cast.label("join"))
    await bot.say(cast.carla, cast.carla, "Soep")
    await bot.say(cast.carla, cast.carla, "vrijdag")

    await tick(bot.db, sender_for(bot), datetime(2026, 12, 3, 9, 0, tzinfo=UTC))  # Thursday 10:00
    assert bot.last_text(cast.carla.id).startswith(
        "Morgen is het zover: <b>Soep koken voor de straat</b>, vrijdag 4 december.\n"
    )
    await tick(bot.db, sender_for(bot), datetime(2026, 12, 4, 9, 0, tzinfo=UTC))  # Friday 10:00
    assert bot.last_text(cast.dirk.id).startswith(
        "Morgen is het zover: <b>Soep koken voor de straat</b>, zaterdag 5 december om 14:00.\n"
    )


async def test_the_reminder_in_english_says_at_2_pm(bot: BotHarness) -> None:
    cast = await make_cast(bot, "en")
    stored = await write_proposal(bot, cast, when="saturday 2pm")
    await join_plainly(bot, cast, stored)
    await tick(bot.db, sender_for(bot), datetime(2026, 12, 4, 9, 0, tzinfo=UTC))
    assert bot.last_text(cast.dirk.id).startswith(
        "Tomorrow it happens: <b>Soep koken voor de straat</b>, Saturday 5 December at 2:00 PM.\n"
    )


# ---------------------------------------------------------------- the agenda's order


async def test_on_one_day_the_agenda_puts_the_whole_day_first_then_by_time(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna", started=True)
    setting = await group_with_coordinator(bot, members=[anna])
    now, gid = bot.now(), setting.group_id
    await add(
        bot,
        agenda_item(gid, "Soepmiddag", now, happens_on=SATURDAY, start_time=time(17, 30)),
        action(gid, await member_id(bot, anna), "Koffie schenken", now, due_on=SATURDAY, start_time=time(10, 0)),
        agenda_item(gid, "Koffieochtend", now, happens_on=SATURDAY, start_time=time(10, 0)),
        agenda_item(gid, "Kerstmarkt", now, happens_on=SATURDAY),
        agenda_item(gid, "Vroeg", now, happens_on=date(2026, 12, 4), start_time=time(23, 0)),
    )
    await bot.say(setting.chat, anna, "/agenda")
    lines = [line for line in bot.last_text(setting.chat.id).splitlines() if " · " in line]
    assert lines == [
        "📅 vr 4 dec, 23:00 · <b>Vroeg</b>",
        "📅 za 5 dec · <b>Kerstmarkt</b>",  # the whole day opens the day
        "📅 za 5 dec, 10:00 · <b>Koffieochtend</b>",  # at the same time the neighbourhood's first
        "📅 za 5 dec, 10:00 · 🌉 onze actie · <b>Koffie schenken</b>",
        "📅 za 5 dec, 17:30 · <b>Soepmiddag</b>",
    ]


# ---------------------------------------------------------------- the dashboard


def test_the_dashboard_words_a_day_with_its_time() -> None:
    assert day_with_time("za 5 dec 2026", time(14, 0), "nl") == "za 5 dec 2026, 14:00"
    assert day_with_time("Sat 5 Dec 2026", time(14, 0), "en") == "Sat 5 Dec 2026, 2:00 PM"
    assert day_with_time("za 5 dec 2026", None, "nl") == "za 5 dec 2026"


class TestDashboard:
    """The coordinator's web pages: the actions and the agenda with their times."""

    @pytest.fixture
    def settings(self, database: Database) -> Settings:
        return Settings(
            telegram_token=TOKEN, database_url=database.url, rate_limiter=False,
            dashboard_url=DASHBOARD_URL, _env_file=None,
        )

    @pytest.fixture
    async def server(self, bot: BotHarness) -> AsyncIterator[DashboardServer]:
        async with DashboardServer(bot) as running:
            yield running

    async def test_actions_and_agenda_show_the_time(self, bot: BotHarness, server: DashboardServer) -> None:
        anna = bot.user(101, "Anna", started=True)
        setting = await group_with_coordinator(bot, members=[anna])
        now, gid = bot.now(), setting.group_id
        await add(
            bot,
            action(gid, await member_id(bot, anna), "Soep koken", now, due_on=SATURDAY, start_time=time(14, 0)),
            action(gid, await member_id(bot, anna), "Bankjes verven", now, due_on=date(2026, 12, 6)),
            agenda_item(gid, "Soepmiddag", now, happens_on=SATURDAY, start_time=time(17, 30)),
            agenda_item(gid, "Kerstmarkt", now, happens_on=SATURDAY),
        )
        async with bot.db.sessionmaker() as session:
            agenda = await data.agenda_page(session, await session.get(Group, gid), bot.now())
        assert [(i.what, i.start_time) for i in agenda.upcoming] == [
            ("Kerstmarkt", None), ("Soepmiddag", time(17, 30))
        ]

        async with httpx.AsyncClient() as client:
            await client.get(server.base)
            xsrf = {"X-XSRFToken": client.cookies.get("_xsrf", "")}
            await client.post(
                f"{server.base}/auth/webapp",
                data={"init_data": init_data(setting.coordinator, bot.now()), "confirm": "1"}, headers=xsrf,
            )
            actions = (await client.get(f"{server.base}/actions?group={gid}")).text
            agenda_page = (await client.get(f"{server.base}/agenda?group={gid}")).text
        short = format_date(SATURDAY, "EEE d MMM y", locale="nl")
        assert f"Datum: {short}, 14:00</span>" in " ".join(actions.split()).replace(" </span>", "</span>")
        sunday = format_date(date(2026, 12, 6), "EEE d MMM y", locale="nl")
        assert f"Datum: {sunday}</span>" in " ".join(actions.split()).replace(" </span>", "</span>")
        long = format_date(SATURDAY, "EEEE d MMMM y", locale="nl")
        assert f"{long}, 17:30</span>" in agenda_page
        assert f"{long}</span>" in agenda_page  # the market: the whole day
        assert agenda_page.index("Kerstmarkt") < agenda_page.index("Soepmiddag")
