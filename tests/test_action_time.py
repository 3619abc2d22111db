"""Actions live in time (issue 15): no support gate after the date, no nag before it.

The clock starts on Tuesday 1 December 2026, 10:00 in Amsterdam; every test moves it itself.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import update

from bot.domain.scheduler import tick
from bot.road.telegram_api import TelegramSender
from storage.models import Group, Reminder
from tests.action_steps import card_call, make_cast, private_last, the_action, write_proposal
from tests.harness import BotHarness


def sender_for(bot: BotHarness) -> TelegramSender:
    return TelegramSender(bot.app.bot, bot.app.bot_data["services"].translator)


async def test_an_action_within_a_few_days_simply_goes_ahead(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast, "Sneeuw ruimen bij de oudere buren", when="morgen")
    assert action.state == "running"  # tomorrow: no support window, "gewoon doen"
    card = card_call(bot, cast, action)
    assert "Dit gaat door" in card["text"] and "Graag vóór" not in card["text"]
    assert "we doen het gewoon" in private_last(bot, cast.anna).text
    assert [r.kind for r in await bot.rows(Reminder, Reminder.action_id == action.id)
            if r.kind in ("closing", "deadline")] == []


async def test_a_group_that_asks_no_support_goes_ahead_at_once(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    async with bot.db.unit_of_work() as session:
        await session.execute(update(Group).values(support_threshold=0))
    action = await write_proposal(bot, cast, when="over twee weken")
    assert action.state == "running"


async def test_the_support_window_ends_before_the_actions_day(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast, when="zondag")  # Sunday 6 December, five days away
    assert action.state == "proposed"
    # Noon on Saturday, the day before — not "vóór dinsdag 8 december", after the action.
    assert action.decision_deadline == datetime(2026, 12, 5, 11, 0, tzinfo=UTC)
    assert "Graag vóór zaterdag 5 december" in card_call(bot, cast, action)["text"]


async def test_nothing_goes_ahead_after_its_day(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast, when="zondag")
    bot.clock.advance(days=7)  # Tuesday 8 December: the Sunday has passed
    card = card_call(bot, cast, action)
    await bot.press(cast.ben, card, cast.label("support"))
    # The card redrawn after its day offers nothing to press; Carla presses on her old screen.
    assert "reply_markup" not in card_call(bot, cast, action)
    await bot.press_data(cast.carla, card, f"a:sup:{action.id}")  # her old screen still had the button
    action = await the_action(bot)
    assert action.state == "proposed"
    assert not any("gaat door" in text for text in bot.texts(cast.group.id))
    assert "Dit voorstel wacht even" in card_call(bot, cast, action)["text"]


async def test_a_running_card_speaks_of_today_and_after_its_day_asks_how_it_went(bot: BotHarness) -> None:
    """Time is the action's time: on its day the card says it is today; redrawn after its day it no
    longer invites to join ("Dit gaat door! Doe je mee?" was read on Monday for a Saturday action)."""
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)  # Saturday 5 December
    await bot.press(cast.ben, card_call(bot, cast, action), cast.label("join"))
    await bot.press(cast.dirk, card_call(bot, cast, action), cast.label("join"))
    assert (await the_action(bot)).state == "running"
    assert "Dit gaat door! Doe je mee?" in card_call(bot, cast, action)["text"]

    bot.clock.advance(days=4)  # Saturday 5 December, the day itself
    await bot.press(cast.carla, card_call(bot, cast, action), cast.label("support"))
    today = card_call(bot, cast, action)
    assert "Het is vandaag! Doe je mee?" in today["text"] and today["reply_markup"]["inline_keyboard"]

    bot.clock.advance(days=2)  # Monday 7 December
    await bot.press_data(cast.ben, today, f"a:sup:{action.id}")  # an old screen's 👍: the card is redrawn
    after = card_call(bot, cast, action)
    assert "Dit was op zaterdag 5 december. Hoe ging het?" in after["text"]
    assert "Doe je mee" not in after["text"] and "reply_markup" not in after


async def test_joining_counts_as_support(bot: BotHarness) -> None:
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast, when="over twee weken")
    # Four active members: two must back it. Ben and Dirk join; nobody pressed 👍.
    await bot.press(cast.ben, card_call(bot, cast, action), cast.label("join"))
    assert "Steun nodig van 2 leden, nu 1" in card_call(bot, cast, action)["text"]
    await bot.press(cast.dirk, card_call(bot, cast, action), cast.label("join"))
    assert (await the_action(bot)).state == "running"
    assert any("heeft genoeg steun en gaat door" in text for text in bot.texts(cast.group.id))


async def test_no_stale_nudge_before_the_day_and_one_friendly_countdown(bot: BotHarness) -> None:
    """A coffee morning in twelve days, running, with nothing happening until then."""
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast, "Koffieochtend", when="zondag 13 december")
    await bot.press(cast.ben, card_call(bot, cast, action), cast.label("join"))
    await bot.press(cast.dirk, card_call(bot, cast, action), cast.label("join"))
    assert (await the_action(bot)).state == "running"
    sent: list[str] = []
    moment = bot.now()
    while moment < datetime(2026, 12, 13, 23, 0, tzinfo=UTC):  # every three hours until the day is over
        moment += timedelta(hours=3)
        before = len(bot.telegram.calls)
        await tick(bot.db, sender_for(bot), moment)
        sent += [c.text or "" for c in bot.telegram.calls[before:] if c.method == "sendMessage"]
    assert not any("loslaten" in text.lower() for text in sent), "a stale nudge before the action's day"
    countdowns = [text for text in sent if "Wie doet wat?" in text]
    assert len(countdowns) == 1 and "Nog 2 dagen tot <b>Koffieochtend</b>" in countdowns[0]
    # After the day and a quiet week the proposer is asked how it went / done, smaller or let go.
    await tick(bot.db, sender_for(bot), datetime(2026, 12, 20, 12, 0, tzinfo=UTC))
    assert "geen nieuws" in bot.last_text(cast.anna.id)
    assert (await the_action(bot)).due_on == date(2026, 12, 13)


async def test_a_new_day_takes_plain_joiners_along_but_not_tasks(bot: BotHarness) -> None:
    from storage.models import Commitment

    cast = await make_cast(bot)
    action = await write_proposal(bot, cast, when="zaterdag")  # Saturday 5 December
    await bot.press(cast.carla, card_call(bot, cast, action), cast.label("join"))
    await bot.press(cast.carla, private_last(bot, cast.carla), cast.label("plain"))
    await bot.press(cast.dirk, card_call(bot, cast, action), cast.label("join"))
    await bot.say(cast.dirk, cast.dirk, "pannen meenemen")
    await bot.say(cast.dirk, cast.dirk, "vrijdag")
    await bot.press_data(cast.anna, private_last(bot, cast.anna), f"a:later:{action.id}")
    await bot.say(cast.anna, cast.anna, "zaterdag 12 december")
    carla, dirk = sorted(await bot.rows(Commitment), key=lambda c: c.id)
    # Carla joins the action, so she moves with it; Dirk's own task keeps the day he gave.
    assert (carla.due_on, dirk.due_on) == (date(2026, 12, 12), date(2026, 12, 4))
    carla_rows = [r for r in await bot.rows(Reminder, Reminder.commitment_id == carla.id) if r.status == "pending"]
    assert [(r.kind, r.due_at) for r in carla_rows] == [("due", datetime(2026, 12, 11, 9, 0, tzinfo=UTC))]
