"""Issue 19, item 7: a time of day with a day ("zaterdag 14:00", "vrijdag om half drie", "2pm"): read, stored,
shown on the card, in the proposal summary and the agenda, and a timed event in the calendar export.

No time typed: everything stays exactly as it was (the whole day). The clock starts on Tuesday
1 December 2026, 10:00 in Amsterdam.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from bot.domain.dates import DayReading, parse_day, read_day, read_time, time_text
from bot.domain.i18n import Translator
from bot.domain.messages import Outgoing
from bot.domain.proposals import day_payload, read_day_payload, time_of_day, when_line
from bot.domain.reminders import decode_outgoing, encode_outgoing
from bot.domain.rendering import render_text
from storage.models import Action, ActionDraft, AgendaItem
from tests.action_steps import card_call, make_cast, private_last, write_proposal
from tests.coordinator_fixtures import action, add, agenda_item, group_with_coordinator, member_id, the
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
