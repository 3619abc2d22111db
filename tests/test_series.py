"""Issue 19, "again and again": after the harvest, the next time once, or every week / month, each its own
action with its own card; the tick makes a series' next one on time (a fixed clock, never sleeping)."""

from __future__ import annotations

from datetime import date, time

import pytest

from bot.domain.series import Rule, monthly_rule, nth_weekday, weekly_rule
from bot.road.ticking import tick_now
from storage.models import Action, Reminder
from tests.action_steps import private_last
from tests.harness import BotHarness
from tests.test_done_means_done import THURSDAY, harvested
from tests.test_reminders import utc


# ---------------------------------------------------------------- the rules (pure)


@pytest.mark.parametrize(
    ("day", "rule", "following"),
    [
        (date(2026, 12, 5), Rule("month", 5, 1), date(2027, 1, 2)),  # first Saturday
        (date(2026, 12, 26), Rule("month", 5, -1), date(2027, 1, 30)),  # last Saturday (the 4th, in its last week)
        (date(2027, 1, 30), Rule("month", 5, -1), date(2027, 2, 27)),
        (date(2026, 12, 15), Rule("month", 1, 3), date(2027, 1, 19)),  # third Tuesday
        (date(2026, 12, 5), Rule("week", 5), date(2026, 12, 12)),
    ],
)
def test_each_rule_finds_its_next_day(day: date, rule: Rule, following: date) -> None:
    made = weekly_rule(day) if rule.kind == "week" else monthly_rule(day)
    assert made == rule
    assert Rule.decode(made.encode()) == made
    assert made.next_after(day) == following


def test_nth_weekday_and_bad_rules() -> None:
    assert nth_weekday(2027, 2, 0, 1) == date(2027, 2, 1)
    assert nth_weekday(2027, 2, 6, -1) == date(2027, 2, 28)
    for bad in (None, "", "month:5:1", "week", "month:x:1", "year:1"):
        assert Rule.decode(bad) is None


# ---------------------------------------------------------------- in the chat


async def test_once_more_puts_a_copy_with_a_new_day_in_the_group(bot: BotHarness) -> None:
    joined = await harvested(bot)
    anna, group = joined.cast.anna, joined.cast.group
    thanks = private_last(bot, anna)
    assert thanks.button_labels() == [
        "🔁 Nog een keer", "📆 Elke eerste zaterdag van de maand", "📆 Elke week op zaterdag",
        "📇 De buurvrouw van nummer 3 op de partnerlijst",
    ]
    await bot.press(anna, thanks, "🔁 Nog een keer")
    assert "nog een keer: wanneer?" in bot.last_text(anna.id)
    await bot.say(anna, anna, "blabla")
    assert "Die dag begrijp ik niet" in bot.last_text(anna.id)
    await bot.say(anna, anna, "zaterdag 9 januari 15:00")
    assert "staat weer in <b>De BinnenHaven</b>" in bot.last_text(anna.id)
    first, again = sorted(await bot.rows(Action), key=lambda a: a.id)
    assert (again.title, again.due_on, again.start_time) == (first.title, date(2027, 1, 9), time(15, 0))
    assert (again.we_need, again.we_offer, again.state, again.harvest_what) == (
        first.we_need, first.we_offer, "proposed", None,
    )
    # What it joined ("Het straatfeest") was of that day: not carried to January.
    assert first.joins_existing == "Het straatfeest" and again.joins_existing is None
    card = bot.telegram.message(group.id, again.card_message_id)
    assert "Soep koken voor de straat" in card["text"] and "Steun nodig" in card["text"]


async def test_a_monthly_series_makes_its_next_action_two_weeks_before_and_can_be_stopped(
    bot: BotHarness,
) -> None:
    joined = await harvested(bot)  # Thursday 3 December; the soup was on Saturday 5 December
    anna, group = joined.cast.anna, joined.cast.group
    await bot.press(anna, private_last(bot, anna), "📆 Elke eerste zaterdag van de maand")
    started = bot.telegram.last("editMessageText", anna.id)
    assert "elke eerste zaterdag van de maand" in started.text and "zaterdag 2 januari" in started.text
    assert started.button_labels() == ["⏹ Stop de reeks"]

    # Not yet: more than two weeks before Saturday 2 January.
    bot.clock.set(utc(2026, 12, 18, 8, 0))
    await tick_now(bot.app)
    assert len(await bot.rows(Action)) == 1
    # Saturday 19 December, two weeks before: the next action and its card in the group.
    bot.clock.set(utc(2026, 12, 19, 8, 0))
    await tick_now(bot.app)
    await tick_now(bot.app)  # a second tick (another worker) makes nothing twice
    first, following = sorted(await bot.rows(Action), key=lambda a: a.id)
    assert (following.due_on, following.series_of_id, following.proposer_id) == (
        date(2027, 1, 2), first.id, first.proposer_id,
    )
    assert following.series_rule == "month:1:5" and first.series_rule is None
    assert following.card_message_id is not None and following.card_due_at is None
    card = bot.telegram.message(group.id, following.card_message_id)
    assert "Soep koken voor de straat" in card["text"]
    await tick_now(bot.app)  # the note to Anna goes out with the outbox
    note = private_last(bot, anna)
    assert "De volgende keer van <b>Soep koken voor de straat</b>" in note.text and "2 januari" in note.text

    # ⏹ Stop: no next time after this one.
    await bot.press(anna, note, "⏹ Stop de reeks")
    assert "is gestopt" in bot.telegram.last("editMessageText", anna.id).text
    bot.clock.set(utc(2027, 1, 17, 8, 0))
    await tick_now(bot.app)
    assert len(await bot.rows(Action)) == 2


async def test_a_card_telegram_did_not_take_is_posted_by_a_later_tick(bot: BotHarness) -> None:
    joined = await harvested(bot)
    anna = joined.cast.anna
    await bot.press(anna, private_last(bot, anna), "📆 Elke week op zaterdag")
    bot.clock.set(utc(2026, 12, 6, 8, 0))  # Sunday: six days before Saturday 12 December
    bot.telegram.fail_next("sendMessage", 502, "Bad Gateway", times=20)  # Telegram away a while
    await tick_now(bot.app)
    _first, following = sorted(await bot.rows(Action), key=lambda a: a.id)
    assert following.due_on == date(2026, 12, 12) and following.card_message_id is None
    bot.telegram.failures.clear()  # Telegram is back
    bot.clock.set(utc(2026, 12, 6, 8, 3))  # within the lease: nobody tries yet
    await tick_now(bot.app)
    [_first, following] = sorted(await bot.rows(Action), key=lambda a: a.id)
    assert following.card_message_id is None
    bot.clock.set(utc(2026, 12, 6, 8, 6))  # after the lease
    await tick_now(bot.app)
    [_first, following] = sorted(await bot.rows(Action), key=lambda a: a.id)
    assert following.card_message_id is not None


async def test_only_whoever_started_it_or_a_coordinator_stops_a_series(bot: BotHarness) -> None:
    joined = await harvested(bot)
    anna, carla = joined.cast.anna, joined.cast.carla
    await bot.press(anna, private_last(bot, anna), "📆 Elke week op zaterdag")
    stop = bot.telegram.last("editMessageText", anna.id)
    await bot.press_data(carla, private_last(bot, carla), stop.buttons()[0][0]["callback_data"])
    assert "Alleen wie de reeks begon" in bot.telegram.last("answerCallbackQuery").params["text"]
    [action] = await bot.rows(Action)
    assert action.series_rule == "week:5"
    assert await bot.rows(Reminder, Reminder.key.like("outgoing:series-%")) == []
    assert THURSDAY  # the harvest day the fixture used


async def test_a_series_nobody_takes_up_three_times_stops_and_says_so(bot: BotHarness) -> None:
    joined = await harvested(bot)
    anna = joined.cast.anna
    await bot.press(anna, private_last(bot, anna), "📆 Elke week op zaterdag")
    for sunday in (6, 13, 20):  # the next Saturday's action is made each Sunday; nobody backs or joins it
        bot.clock.set(utc(2026, 12, sunday, 10, 0))
        await tick_now(bot.app)
    assert [a.due_on.day for a in sorted(await bot.rows(Action), key=lambda a: a.id)] == [5, 12, 19, 26]
    bot.clock.set(utc(2026, 12, 27, 10, 0))
    await tick_now(bot.app)  # three quiet times in a row: no fifth one
    await tick_now(bot.app)  # the note goes out with the outbox
    assert len(await bot.rows(Action)) == 4
    assert all(a.series_rule is None for a in await bot.rows(Action))
    assert "is gestopt: de laatste drie keer deed niemand mee" in bot.last_text(anna.id)
