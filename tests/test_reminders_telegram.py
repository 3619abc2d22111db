"""Reminders through the real Application and the fake Bot API: /stil, "Morgen nog eens", the Telegram
sender's 429/403 paths, the JobQueue wiring, and a whole flow with the proposals feature's handlers.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from bot.app import on_startup
from bot.road.context import BrugContext
from bot.domain.i18n import translator
from bot.domain.reminders import commitment_changed
from bot.domain.scheduler import tick
from bot.road.telegram_api import TelegramSender
from bot.road.ticking import tick_job
from storage.models import Action, Commitment, Group, Member, Reminder
from tests.action_steps import card_call, make_cast, private_last, write_proposal
from tests.harness import BotHarness
from tests.test_reminders import make_action, make_commitment, utc


def sender_for(bot: BotHarness) -> TelegramSender:
    return TelegramSender(bot.app.bot, translator())


async def member(bot: BotHarness, user_id: int) -> Member:
    [found] = await bot.rows(Member, Member.telegram_user_id == user_id)
    return found


async def group_with_commitment(bot: BotHarness, *, ben_started: bool = True):
    """Anna's group in the bot, Ben (optionally started privately) committed for Saturday 5 December."""
    anna = bot.user(101, "Anna")
    ben = bot.user(102, "Ben")
    chat = bot.group(-1001, "De BinnenHaven", admins=[anna])
    await bot.add_bot_to(chat, by=anna)
    await bot.say(chat, ben, "/help")
    if ben_started:
        await bot.start_private(ben)
    async with bot.db.unit_of_work() as session:
        [group] = (await session.scalars(select(Group))).all()
        anna_row = await session.scalar(select(Member).where(Member.telegram_user_id == 101))
        ben_row = await session.scalar(select(Member).where(Member.telegram_user_id == 102))
        action = make_action(group, anna_row, due_on=date(2026, 12, 5))
        session.add(action)
        await session.flush()
        commitment = make_commitment(action, ben_row, date(2026, 12, 5))
        session.add(commitment)
        await session.flush()
        await commitment_changed(session, commitment, group, bot.now())
    return anna, ben, chat, commitment


# ---------------------------------------------------------------- /stil


async def test_stil_without_a_number_offers_buttons_only_for_oneself(bot: BotHarness) -> None:
    anna, ben, chat, _ = await group_with_commitment(bot)
    await bot.say(chat, ben, "/stil")
    choice = bot.telegram.last("sendMessage", chat.id)
    assert "Hoe lang wil je geen herinneringen" in choice.text
    assert choice.button_labels() == ["1 dag", "3 dagen", "Een week"]

    await bot.press(anna, choice, "3 dagen")  # not Anna's pause
    alert = bot.telegram.last("answerCallbackQuery")
    assert alert.params["show_alert"] is True and "iemand anders" in alert.params["text"]
    assert (await member(bot, 101)).reminders_paused_until is None

    await bot.press(ben, choice, "3 dagen")
    assert (await member(bot, 102)).reminders_paused_until == bot.now() + timedelta(days=3)
    edited = bot.telegram.last("editMessageText", chat.id)
    assert "3 dagen geen herinneringen" in edited.text

    await bot.say(chat, ben, "/stil")
    again = bot.telegram.last("sendMessage", chat.id)
    assert "staan stil tot vrijdag 4 december" in again.text
    assert again.button_labels()[0] == "🔔 Weer aan"
    await bot.press(ben, again, "🔔 Weer aan")
    assert (await member(bot, 102)).reminders_paused_until is None


async def test_stil_with_days_and_stil_uit(bot: BotHarness) -> None:
    _, ben, chat, commitment = await group_with_commitment(bot)
    await bot.say(ben, ben, "/stil 2 dagen")
    assert "2 dagen geen herinneringen" in bot.last_text(ben.id)
    # The reminder of Friday 10:00 waits while Ben is quiet...
    bot.clock.set(utc(2026, 12, 1, 12, 0))
    await bot.say(ben, ben, "/stil 5")
    await tick(bot.db, sender_for(bot), utc(2026, 12, 4, 9, 0))
    assert [t for t in bot.texts(ben.id) if "Morgen is het zover" in t] == []
    # ... and comes as soon as he switches them on again.
    bot.clock.set(utc(2026, 12, 4, 9, 30))
    await bot.say(ben, ben, "/stil uit")
    assert "weer aan" in bot.last_text(ben.id)
    await tick(bot.db, sender_for(bot), utc(2026, 12, 4, 9, 30))
    assert "Morgen is het zover" in bot.last_text(ben.id)
    await bot.say(ben, ben, "/stil uit")
    assert "stonden al aan" in bot.last_text(ben.id)


async def test_stil_forgives_odd_input(bot: BotHarness) -> None:
    _, ben, chat, _ = await group_with_commitment(bot)
    await bot.say(ben, ben, "/stil 5000")
    assert "90 dagen" in bot.last_text(ben.id)
    for odd in ("/stil <script>alert(1)</script>", "/stil 🤫", "/stil -3", "/stil " + "x" * 5000, "/stil 0 0"):
        await bot.say(ben, ben, odd)
    texts = bot.texts(ben.id)
    assert "Hoe lang wil je geen herinneringen" in texts[-4] or "staan stil tot" in texts[-4]
    assert "weer aan" in texts[-1]  # "0" switches them on again
    await bot.say(ben, ben, "/stil week")
    assert "7 dagen geen herinneringen" in bot.last_text(ben.id)


async def test_forged_reminder_buttons_change_nothing(bot: BotHarness) -> None:
    anna, ben, chat, commitment = await group_with_commitment(bot)
    await bot.say(chat, ben, "/stil")
    choice = bot.telegram.last("sendMessage", chat.id)
    ben_id = (await member(bot, 102)).id
    await bot.press_data(anna, choice, f"r:pause:7:{ben_id}")
    await bot.press_data(anna, choice, f"r:resume:{ben_id}")
    await bot.press_data(anna, choice, f"r:snooze:{commitment.id}")
    await bot.press_data(anna, choice, "r:pause:365:1")  # not a choice we offer: stale button
    await bot.press_data(anna, choice, "r:snooze:99999999")
    answers = bot.telegram.sent("answerCallbackQuery")
    assert len(answers) == 5 and all(a.params.get("show_alert") for a in answers)
    assert (await member(bot, 102)).reminders_paused_until is None
    assert await bot.count(Reminder, Reminder.kind == "overdue") == 1


# ---------------------------------------------------------------- Morgen nog eens


async def test_snooze_button_asks_again_tomorrow(bot: BotHarness) -> None:
    _, ben, _, commitment = await group_with_commitment(bot)
    await tick(bot.db, sender_for(bot), utc(2026, 12, 6, 9, 0))
    overdue = bot.telegram.last("sendMessage", ben.id)
    assert "Gedaan, later, of loslaten?" in overdue.text
    assert overdue.button_labels() == ["✅ Gedaan", "📅 Later", "↩️ Loslaten", "⏰ Morgen nog eens"]
    bot.clock.set(utc(2026, 12, 6, 9, 5))
    await bot.press(ben, overdue, "⏰ Morgen nog eens")
    assert "maandag 7 december nog eens" in bot.telegram.last("editMessageText", ben.id).text
    await tick(bot.db, sender_for(bot), utc(2026, 12, 7, 9, 0))
    assert "Gedaan, later, of loslaten?" in bot.last_text(ben.id)
    assert len([t for t in bot.texts(ben.id) if "Gedaan, later" in t]) == 2


# ---------------------------------------------------------------- the Telegram sender's failures


async def test_telegram_429_reschedules_after_retry_after(bot: BotHarness) -> None:
    _, ben, _, _ = await group_with_commitment(bot)
    bot.telegram.fail_next("sendMessage", 429, "Too Many Requests: retry after 30", retry_after=30)
    await tick(bot.db, sender_for(bot), utc(2026, 12, 4, 9, 0))
    [due] = await bot.rows(Reminder, Reminder.kind == "due")
    assert (due.status, due.due_at, due.attempts) == ("pending", utc(2026, 12, 4, 9, 0, 30), 0)
    await tick(bot.db, sender_for(bot), utc(2026, 12, 4, 9, 0, 30))
    assert "Morgen is het zover" in bot.last_text(ben.id)


async def test_telegram_403_private_falls_back_to_a_group_mention(bot: BotHarness) -> None:
    _, ben, chat, _ = await group_with_commitment(bot)
    bot.telegram.started_users.discard(ben.id)  # Ben blocked Brug
    await tick(bot.db, sender_for(bot), utc(2026, 12, 4, 9, 0))
    message = bot.telegram.last("sendMessage", chat.id)
    assert message.params["text"].startswith('Voor <a href="tg://user?id=102">Ben</a>:')
    assert (await member(bot, 102)).unreachable is True
    # A new /start makes him reachable privately again.
    await bot.start_private(ben)
    assert (await member(bot, 102)).unreachable is False


async def test_telegram_403_in_the_group_marks_it_inactive(bot: BotHarness) -> None:
    _, _, chat, _ = await group_with_commitment(bot, ben_started=False)
    bot.telegram.fail_next("sendMessage", 403, "Forbidden: bot was kicked from the supergroup chat")
    await tick(bot.db, sender_for(bot), utc(2026, 12, 4, 9, 0))
    [group] = await bot.rows(Group)
    assert group.active is False
    [due] = await bot.rows(Reminder, Reminder.kind == "due")
    assert due.status == "failed" and "kicked" in due.last_error


async def test_telegram_other_errors_keep_the_last_error(bot: BotHarness) -> None:
    _, ben, _, _ = await group_with_commitment(bot)
    bot.telegram.fail_next("sendMessage", 500, "Internal Server Error")
    await tick(bot.db, sender_for(bot), utc(2026, 12, 4, 9, 0))
    [due] = await bot.rows(Reminder, Reminder.kind == "due")
    assert (due.status, due.attempts) == ("pending", 1)
    assert due.due_at == utc(2026, 12, 4, 9, 1) and "Internal Server Error" in due.last_error


# ---------------------------------------------------------------- wiring


async def test_startup_plans_digests_and_ticks_through_the_job_queue(bot: BotHarness) -> None:
    _, ben, chat, _ = await group_with_commitment(bot)
    await on_startup(bot.app)
    [job] = bot.app.job_queue.get_jobs_by_name("reminders-tick")
    assert job.callback is tick_job
    assert await bot.count(Reminder, Reminder.kind == "digest", Reminder.status == "pending") == 1
    bot.clock.set(utc(2026, 12, 4, 9, 0))
    await tick_job(BrugContext(bot.app))
    assert "Morgen is het zover" in bot.last_text(ben.id)
    job.schedule_removal()


async def test_adding_brug_to_a_group_plans_its_first_digest(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna")
    chat = bot.group(-1001, "De BinnenHaven", admins=[anna])
    await bot.add_bot_to(chat, by=anna)
    [digest] = await bot.rows(Reminder, Reminder.kind == "digest")
    assert (digest.status, digest.due_at) == ("pending", utc(2026, 12, 7, 8, 0))


# ---------------------------------------------------------------- with the proposals feature


async def test_a_whole_flow_with_the_real_handlers(bot: BotHarness) -> None:
    """Propose, support, join for Saturday: the reminder comes on Friday 10:00, no overdue question
    after it; "Gedaan" ends it."""
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast, when="zaterdag")
    assert action.due_on == date(2026, 12, 5)
    assert await bot.count(Reminder, Reminder.action_id == action.id, Reminder.kind == "closing") == 1
    card = card_call(bot, cast, action)
    await bot.press(cast.ben, card, cast.label("support"))
    await bot.press(cast.carla, card_call(bot, cast, action), cast.label("support"))
    [action] = await bot.rows(Action, Action.id == action.id)
    assert action.state == "running"
    # The proposal's closing and decision reminders gave way to the running action's.
    kinds = {(r.kind, r.status) for r in await bot.rows(Reminder, Reminder.action_id == action.id)}
    assert ("closing", "cancelled") in kinds and ("deadline", "cancelled") in kinds
    assert ("harvest", "pending") in kinds and ("stale", "pending") in kinds

    await bot.press(cast.dirk, card_call(bot, cast, action), cast.label("join"))
    [commitment] = await bot.rows(Commitment, Commitment.action_id == action.id)
    await bot.press(cast.dirk, private_last(bot, cast.dirk), f"c:plain:{commitment.id}")
    # Plain joining of a dated action is on its day at once: the reminder before it, no overdue question.
    assert "je doet mee met <b>soep koken voor de straat</b> op zaterdag 5 december" in \
        private_last(bot, cast.dirk).text.lower()
    [due] = await bot.rows(Reminder, Reminder.commitment_id == commitment.id, Reminder.kind == "due")
    assert due.due_at == utc(2026, 12, 4, 9, 0)
    assert await bot.count(Reminder, Reminder.commitment_id == commitment.id, Reminder.kind == "overdue") == 0

    await tick(bot.db, sender_for(bot), utc(2026, 12, 4, 9, 0))
    reminder = bot.telegram.last("sendMessage", cast.dirk.id)
    assert "Morgen is het zover" in reminder.text and "gewoon meedoen" in reminder.text

    await tick(bot.db, sender_for(bot), utc(2026, 12, 6, 9, 0))
    # The day after: nothing for Dirk (the action's harvest, not an overdue question, closes his joining).
    assert bot.telegram.last("sendMessage", cast.dirk.id).message_id == reminder.message_id
    assert not any("Gedaan, later, of loslaten?" in text for text in bot.texts(cast.dirk.id))
    # ✅ Gedaan from /mijn ends it (and only Dirk's own press counts).
    bot.clock.set(utc(2026, 12, 6, 9, 1))
    await bot.say(cast.dirk, cast.dirk, "/mijn")
    item = next(call for call in reversed(bot.telegram.sent("sendMessage", cast.dirk.id))
                if cast.label("done") in call.button_labels())
    await bot.press(cast.ben, item, cast.label("done"))  # not Ben's
    [commitment] = await bot.rows(Commitment, Commitment.id == commitment.id)
    assert commitment.status == "open"
    await bot.press(cast.dirk, item, cast.label("done"))
    [commitment] = await bot.rows(Commitment, Commitment.id == commitment.id)
    assert commitment.status == "done"
    pending = await bot.rows(
        Reminder, Reminder.commitment_id == commitment.id, Reminder.status == "pending"
    )
    assert pending == []


# ---------------------------------------------------------------- /herinner


async def test_herinner_changes_lead_time_and_hour_and_moves_pending_reminders(bot: BotHarness) -> None:
    anna, ben, chat, commitment = await group_with_commitment(bot)
    await bot.say(ben, ben, "/herinner")
    settings = bot.telegram.last("sendMessage", ben.id)
    assert "een dag van tevoren, om 10:00 uur" in settings.text
    assert settings.button_labels() == [
        "Op de dag zelf", "Dag van tevoren", "2 dagen ervoor", "9:00", "10:00", "14:00", "19:00",
    ]
    await bot.press(ben, settings, "2 dagen ervoor")
    await bot.press(ben, settings, "14:00")
    assert "2 dagen van tevoren, om 14:00 uur" in bot.telegram.last("editMessageText", ben.id).text
    pending = await bot.rows(Reminder, Reminder.commitment_id == commitment.id, Reminder.status == "pending")
    # Thursday 3 December 14:00 and Sunday 6 December 14:00 in Amsterdam.
    assert sorted(r.due_at for r in pending) == [utc(2026, 12, 3, 13, 0), utc(2026, 12, 6, 13, 0)]
    await bot.press_data(anna, settings, f"r:hour:9:{(await member(bot, 102)).id}")  # not Anna's
    assert (await member(bot, 102)).reminder_hour == 14
    await tick(bot.db, sender_for(bot), utc(2026, 12, 3, 13, 0))
    assert "Over 2 dagen is het zover" in bot.last_text(ben.id)


async def test_decision_window_closes_through_the_outbox_with_the_real_decision(bot: BotHarness) -> None:
    """Too little support when the window closes: the proposer is asked smaller, later or let go."""
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast, when="zaterdag")
    await bot.press(cast.ben, card_call(bot, cast, action), cast.label("support"))
    deadline = action.decision_deadline  # Tuesday 8 December 10:00 in Amsterdam
    # The day before: one group message that names those who did not react (not Ben, not Anna).
    await tick(bot.db, sender_for(bot), deadline - timedelta(hours=24))
    notice = bot.telegram.last("sendMessage", cast.group.id)
    assert "Nog één dag" in notice.text and "steun nodig van <b>1</b> persoon" in notice.text
    assert ">Carla</a>" in notice.params["text"] and ">Dirk</a>" in notice.params["text"]
    assert ">Ben</a>" not in notice.params["text"] and ">Anna</a>" not in notice.params["text"]
    assert "</a>: wat vinden jullie ervan?" in notice.params["text"]

    report = await tick(bot.db, sender_for(bot), deadline)
    assert report.decided == 1
    question = bot.telegram.last("sendMessage", cast.anna.id)
    assert "kreeg 1 van de 2 keer steun" in question.text
    assert question.button_labels() == ["Kleiner maken", "Later", "Loslaten"]
    rows = await bot.rows(Reminder, Reminder.action_id == action.id, Reminder.kind.in_(("deadline", "outgoing")))
    assert sorted((r.kind, r.status, r.channel) for r in rows) == [
        ("deadline", "sent", None), ("outgoing", "sent", "group"), ("outgoing", "sent", "private"),
    ]
    # The card in the group no longer asks for support before a day that has passed.
    redrawn = bot.telegram.last("editMessageText", cast.group.id)
    assert int(redrawn.params["message_id"]) == action.card_message_id
    # The group reads no score: the proposer heard the count privately.
    assert "Dit voorstel wacht even. Anna kijkt of het kleiner of later kan." in redrawn.text
    assert "keer steun" not in redrawn.text
    assert "Graag vóór" not in redrawn.text and "👍 Steun" in redrawn.button_labels()
    await tick(bot.db, sender_for(bot), deadline + timedelta(hours=1))
    assert len([t for t in bot.texts(cast.anna.id) if "keer steun" in t]) == 1


async def test_the_sender_redraws_a_message_and_an_unchanged_one_is_no_error(bot: BotHarness) -> None:
    """A card redrawn from outside a chat update (the outbox, the dashboard): buttons kept; the same
    content again is Telegram's "message is not modified", which is not a failure."""
    from bot.domain.messages import Choice, Reply
    from bot.domain.transport import Address

    from bot.road.telegram_api import TelegramSender

    sender = TelegramSender(bot.app.bot, bot.app.bot_data["services"].translator)
    message = await bot.app.bot.send_message(-1001, "Kaart")
    card = Reply("group-only", choices=((Choice("card-button-support", payload="a:sup:1"),),))
    await sender.edit(Address("group", -1001), message.message_id, card, "nl")
    await sender.edit(Address("group", -1001), message.message_id, card, "nl")
    edits = [c for c in bot.telegram.calls if c.method == "editMessageText"]
    assert [("_error" in c.params) for c in edits] == [False, True]  # the second was refused, quietly
    assert edits[0].button_labels() == ["👍 Steun"]
