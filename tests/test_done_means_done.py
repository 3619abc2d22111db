"""Issue 15, "Done means done": once an action is done (or let go), nothing of it is "te laat" anywhere.

What was seen: after the harvest was celebrated, Carla's "gewoon meedoen" was still asked "Gedaan, later,
of loslaten?" and stood as "⏰ te laat" in /overzicht and on the dashboard. Now the harvest closes plain
joining as done and asks a member with a task of their own once whether it worked out; reminders, /mijn,
/overzicht, the dashboard and the export show no lateness for a closed action.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from bot.dashboard import data
from bot.domain.i18n import translator
from bot.domain.scheduler import tick
from bot.road.telegram_api import TelegramSender
from storage.models import Action, Commitment, Group, Member, Reminder
from tests.action_steps import Cast, card_call, make_cast, private_last, write_proposal
from tests.harness import BotHarness
from tests.test_reminders import utc

OVERDUE_QUESTION = "Gedaan, later, of loslaten?"
TASK_QUESTION = "Is het gelukt met"
# Tuesday 1 December is the start; the action is on Saturday 5 December.
THURSDAY, SUNDAY, MONDAY, TUESDAY = (utc(2026, 12, d, 9, 0) for d in (3, 6, 7, 8))


@dataclass
class Joined:
    cast: Cast
    action: Action
    carla: Commitment  # gewoon meedoen, on the action's day (Saturday)
    dirk: Commitment  # a task of his own, by Friday


def sender_for(bot: BotHarness) -> TelegramSender:
    return TelegramSender(bot.app.bot, translator())


async def commitment(bot: BotHarness, commitment_id: int) -> Commitment:
    [found] = await bot.rows(Commitment, Commitment.id == commitment_id)
    return found


async def running_with_two_joiners(bot: BotHarness) -> Joined:
    """Anna's soup for Saturday runs; Carla just joins, Dirk brings the pans by Friday."""
    cast = await make_cast(bot)
    action = await write_proposal(bot, cast, when="zaterdag")
    await bot.press(cast.ben, card_call(bot, cast, action), cast.label("support"))
    await bot.press(cast.carla, card_call(bot, cast, action), cast.label("support"))
    await bot.press(cast.carla, card_call(bot, cast, action), cast.label("join"))
    await bot.press(cast.carla, private_last(bot, cast.carla), cast.label("plain"))
    # Plain joining of a dated action is on the action's own day: noted at once, no "wanneer?".
    noted = private_last(bot, cast.carla)
    assert "je doet mee met <b>soep koken voor de straat</b> op zaterdag 5 december" in noted.text.lower()
    assert noted.button_labels() == []
    await bot.press(cast.dirk, card_call(bot, cast, action), cast.label("join"))
    await bot.say(cast.dirk, cast.dirk, "pannen meenemen")
    await bot.say(cast.dirk, cast.dirk, "vrijdag")
    [action] = await bot.rows(Action, Action.id == action.id)
    assert action.state == "running"
    carla, dirk = sorted(await bot.rows(Commitment, Commitment.action_id == action.id), key=lambda c: c.id)
    assert (carla.what, carla.due_on, carla.status) == (None, date(2026, 12, 5), "open")
    assert (dirk.what, dirk.due_on, dirk.status) == ("pannen meenemen", date(2026, 12, 4), "open")
    return Joined(cast, action, carla, dirk)


async def harvest(bot: BotHarness, joined: Joined) -> None:
    """Anna's ✅ Het is gedaan, and her four answers to "Hoe ging het?"."""
    anna = joined.cast.anna
    await bot.press_data(anna, private_last(bot, anna), f"a:done:{joined.action.id}")
    assert "Hoe ging het met" in private_last(bot, anna).text
    for answer in ("Gezellig, 20 pannen soep", "De buurvrouw van nummer 3", "ongeveer 12", "Ben"):
        await bot.say(anna, anna, answer)
    [action] = await bot.rows(Action, Action.id == joined.action.id)
    assert action.state == "done"


async def let_go(bot: BotHarness, joined: Joined) -> None:
    anna = joined.cast.anna
    await bot.press_data(anna, private_last(bot, anna), f"a:letgo:{joined.action.id}")
    await bot.press(anna, private_last(bot, anna), "Ja, loslaten")
    [action] = await bot.rows(Action, Action.id == joined.action.id)
    assert action.state == "let_go"


async def overview_text(bot: BotHarness, joined: Joined) -> str:
    anna = joined.cast.anna
    await bot.say(anna, anna, "/overzicht")
    return private_last(bot, anna).text


async def dashboard_statuses(bot: BotHarness, joined: Joined) -> tuple[dict[str, str], int]:
    """The dashboard's commitments list: each member's status, and how many it counts as late."""
    async with bot.db.sessionmaker() as session:
        group = await session.get(Group, joined.action.group_id)
        page = await data.commitments_page(session, group, data.CommitmentFilter(), bot.now())
        late = await data.commitments_page(session, group, data.CommitmentFilter(status="late"), bot.now())
    assert page.late_count == len(late.rows)
    return {row.member_name: row.status for row in page.rows}, page.late_count


async def exported(bot: BotHarness, joined: Joined) -> dict[str, str]:
    """acties.csv as the coordinator receives it: each member's "stand toezegging"."""
    anna = joined.cast.anna
    await bot.say(anna, anna, "/export")
    actions_csv = bot.telegram.sent("sendDocument", anna.id)[-3].files["document"]
    rows = list(csv.DictReader(io.StringIO(actions_csv.decode("utf-8-sig")), delimiter=";"))
    assert {row["stand"] for row in rows} <= {"gedaan", "losgelaten"}
    return {row["wie"]: row["stand toezegging"] for row in rows}


def count(bot: BotHarness, chat_id: int, text: str) -> int:
    return sum(1 for t in bot.texts(chat_id) if text in t)


# ---------------------------------------------------------------- harvest


async def harvested(bot: BotHarness) -> Joined:
    """The running soup, told how it went (and so done) on Thursday, before either joiner's day."""
    joined = await running_with_two_joiners(bot)
    bot.clock.set(THURSDAY)
    await harvest(bot, joined)
    return joined


async def test_a_harvest_closes_plain_joining_as_done(bot: BotHarness) -> None:
    joined = await harvested(bot)
    # (a) Carla's "gewoon meedoen" is done with the action, and the celebration thanks her.
    carla = await commitment(bot, joined.carla.id)
    assert (carla.status, carla.done_at) == ("done", THURSDAY)
    assert "Dank je wel, Carla!" in bot.last_text(joined.cast.group.id)
    # Dirk's pans are his to tick off: open until he answers.
    assert (await commitment(bot, joined.dirk.id)).status == "open"


async def test_a_harvest_asks_a_member_with_a_task_once(bot: BotHarness) -> None:
    joined = await harvested(bot)
    cast = joined.cast
    # (b) Dirk is asked once, privately, by the next tick of the outbox; Carla is asked nothing.
    await tick(bot.db, sender_for(bot), THURSDAY)
    question = private_last(bot, cast.dirk)
    assert question.text == (
        "🎉 <b>Soep koken voor de straat</b> is afgerond. Is het gelukt met pannen meenemen?"
    )
    assert question.button_labels() == ["✅ Gedaan", "Niet gelukt"]
    await tick(bot.db, sender_for(bot), MONDAY)
    assert count(bot, cast.dirk.id, TASK_QUESTION) == 1
    assert count(bot, cast.carla.id, TASK_QUESTION) == 0

    # ✅ Gedaan: done, the card ticks him off, and Anna is not asked "Hoe ging het?" again.
    bot.clock.set(TUESDAY)
    anna_texts = len(bot.texts(cast.anna.id))
    await bot.press(cast.dirk, question, "✅ Gedaan")
    dirk = await commitment(bot, joined.dirk.id)
    assert (dirk.status, dirk.done_at) == ("done", TUESDAY)
    assert "✅ Gedaan: <b>Soep koken voor de straat</b>" in bot.telegram.last("editMessageText", cast.dirk.id).text
    assert "Dirk ✅" in card_call(bot, cast, joined.action)["text"]
    assert len(bot.texts(cast.anna.id)) == anna_texts
    # The answered question has no buttons left; a second answer (an old copy) changes nothing.
    assert "reply_markup" not in bot.telegram.message(cast.dirk.id, question.message_id)
    await bot.press_data(cast.dirk, question, f"c:miss:{joined.dirk.id}")
    assert (await commitment(bot, joined.dirk.id)).status == "done"
    assert await exported(bot, joined) == {"Carla": "gedaan", "Dirk": "gedaan"}


async def test_no_reminder_of_a_done_action_after_its_days(bot: BotHarness) -> None:
    joined = await harvested(bot)
    cast = joined.cast
    # (c) The clock moves past both days: no reminder and no overdue question about a done action.
    for moment in (THURSDAY, SUNDAY, MONDAY, TUESDAY):
        await tick(bot.db, sender_for(bot), moment)
    for user in (cast.carla, cast.dirk):
        assert count(bot, user.id, OVERDUE_QUESTION) == 0
        assert count(bot, user.id, "is het zover") == 0
    rows = await bot.rows(Reminder, Reminder.kind.in_(("due", "overdue")), Reminder.status != "cancelled")
    assert rows == []
    # /mijn holds nothing of a done action.
    await bot.say(cast.dirk, cast.dirk, "/mijn")
    assert "geen open toezeggingen" in private_last(bot, cast.dirk).text


async def test_overzicht_and_dashboard_show_nothing_of_a_done_action_late(bot: BotHarness) -> None:
    joined = await harvested(bot)
    # (d) Past both days: Carla's is done, Dirk's open (he was asked) — neither is late.
    bot.clock.set(TUESDAY)
    text = await overview_text(bot, joined)
    assert "te laat" not in text.replace("(te laat eerst)", "")
    assert "✅ gedaan · <b>Carla</b>: meedoen" in text
    assert "◻️ open · <b>Dirk</b>: pannen meenemen" in text
    assert await dashboard_statuses(bot, joined) == ({"Carla": "done", "Dirk": "open"}, 0)


async def test_the_export_shows_what_the_harvest_closed(bot: BotHarness) -> None:
    joined = await harvested(bot)
    bot.clock.set(TUESDAY)
    # (e) The export has no "late" of its own; it says Carla's joining is done, Dirk's task still open.
    assert await exported(bot, joined) == {"Carla": "gedaan", "Dirk": "open"}


async def test_niet_gelukt_lets_the_task_go_and_it_is_never_late(bot: BotHarness) -> None:
    joined = await harvested(bot)
    cast = joined.cast
    await tick(bot.db, sender_for(bot), THURSDAY)
    question = private_last(bot, cast.dirk)
    await bot.press(cast.carla, question, "Niet gelukt")  # not Carla's
    assert (await commitment(bot, joined.dirk.id)).status == "open"
    bot.clock.set(MONDAY)
    await bot.press(cast.dirk, question, "Niet gelukt")
    assert (await commitment(bot, joined.dirk.id)).status == "released"
    assert bot.telegram.last("editMessageText", cast.dirk.id).text == (
        "Niet erg. Dank je wel dat je het laat weten! Ik streep het door bij <b>Soep koken voor de straat</b>."
    )
    text = await overview_text(bot, joined)
    assert "↩️ losgelaten · <b>Dirk</b>: pannen meenemen" in text
    assert await dashboard_statuses(bot, joined) == ({"Carla": "done", "Dirk": "released"}, 0)
    assert await exported(bot, joined) == {"Carla": "gedaan", "Dirk": "losgelaten"}


async def test_plain_joining_on_the_actions_day_is_never_asked_gedaan_later_or_loslaten(bot: BotHarness) -> None:
    """The harvest closes plain joining: before it, only the reminder before the day, never "overdue"."""
    joined = await running_with_two_joiners(bot)
    cast = joined.cast
    for moment in (utc(2026, 12, 4, 9, 0), SUNDAY, MONDAY):
        await tick(bot.db, sender_for(bot), moment)
    assert count(bot, cast.carla.id, "Morgen is het zover") == 1
    assert count(bot, cast.carla.id, OVERDUE_QUESTION) == 0
    assert count(bot, cast.dirk.id, OVERDUE_QUESTION) == 1  # a task of his own is asked about
    assert await bot.count(Reminder, Reminder.commitment_id == joined.carla.id, Reminder.kind == "overdue") == 0
    # Still open until the proposer tells how it went; then done with the action.
    assert (await commitment(bot, joined.carla.id)).status == "open"
    bot.clock.set(MONDAY)
    await harvest(bot, joined)
    assert (await commitment(bot, joined.carla.id)).status == "done"


async def test_the_overdue_question_already_sent_still_answers_after_the_harvest(bot: BotHarness) -> None:
    """What was seen: the overdue question went out the morning the proposer told how it went."""
    joined = await running_with_two_joiners(bot)
    cast = joined.cast
    # Carla can only come on Friday: her plain joining has a day of its own now, asked about after it.
    await bot.say(cast.carla, cast.carla, "/mijn")
    await bot.press(cast.carla, private_last(bot, cast.carla), cast.label("later"))
    await bot.say(cast.carla, cast.carla, "vrijdag")
    carla = await commitment(bot, joined.carla.id)
    assert (carla.what, carla.due_on) == (None, date(2026, 12, 4))
    await tick(bot.db, sender_for(bot), SUNDAY)
    carla_overdue = private_last(bot, cast.carla)
    dirk_overdue = private_last(bot, cast.dirk)
    assert OVERDUE_QUESTION in carla_overdue.text and OVERDUE_QUESTION in dirk_overdue.text
    bot.clock.set(utc(2026, 12, 6, 10, 0))
    await harvest(bot, joined)

    # Carla's is done already: her ✅ Gedaan is thanked, not refused.
    await bot.press(cast.carla, carla_overdue, "✅ Gedaan")
    assert bot.telegram.last("answerCallbackQuery").params["text"] == "Dit heb je al gedaan. Dank je wel!"
    assert (await commitment(bot, joined.carla.id)).status == "done"
    # Dirk's ✅ Gedaan on the old question counts; the question the harvest planned is then not sent.
    await bot.press(cast.dirk, dirk_overdue, "✅ Gedaan")
    assert (await commitment(bot, joined.dirk.id)).status == "done"
    # "Later" or "Morgen nog eens" on a done action plan nothing.
    await bot.press(cast.carla, carla_overdue, "⏰ Morgen nog eens")
    await bot.press_data(cast.dirk, dirk_overdue, f"c:later:{joined.dirk.id}")
    assert bot.telegram.last("answerCallbackQuery").params["show_alert"] is True
    for moment in (utc(2026, 12, 6, 10, 1), MONDAY, TUESDAY):
        await tick(bot.db, sender_for(bot), moment)
    assert count(bot, cast.dirk.id, TASK_QUESTION) == 0
    for user in (cast.carla, cast.dirk):
        assert count(bot, user.id, OVERDUE_QUESTION) == 1
    [task_check] = await bot.rows(Reminder, Reminder.commitment_id == joined.dirk.id, Reminder.kind == "outgoing")
    assert (task_check.status, task_check.last_error) == ("cancelled", "commitment answered already")
    assert await dashboard_statuses(bot, joined) == ({"Carla": "done", "Dirk": "done"}, 0)


async def test_a_task_member_brug_cannot_write_to_is_asked_in_the_group(bot: BotHarness) -> None:
    joined = await harvested(bot)
    cast = joined.cast
    bot.telegram.started_users.discard(cast.dirk.id)  # Dirk blocked Brug since
    async with bot.db.unit_of_work() as session:
        dirk = await session.get(Commitment, joined.dirk.id)
        (await session.get(Member, dirk.member_id)).unreachable = True
    await tick(bot.db, sender_for(bot), THURSDAY)
    asked = bot.telegram.last("sendMessage", cast.group.id)
    assert asked.params["text"].startswith('Voor <a href="tg://user?id=104">Dirk</a>:')
    assert TASK_QUESTION in asked.text and asked.button_labels() == ["✅ Gedaan", "Niet gelukt"]
    await bot.press(cast.carla, asked, "✅ Gedaan")  # not Carla's
    assert (await commitment(bot, joined.dirk.id)).status == "open"
    await bot.press(cast.dirk, asked, "✅ Gedaan")
    assert (await commitment(bot, joined.dirk.id)).status == "done"
    assert count(bot, cast.group.id, TASK_QUESTION) == 1


# ---------------------------------------------------------------- let go


async def test_a_let_go_action_leaves_nothing_late_and_asks_nothing(bot: BotHarness) -> None:
    joined = await running_with_two_joiners(bot)
    cast = joined.cast
    bot.clock.set(THURSDAY)
    await let_go(bot, joined)

    # (a) Both commitments are let go with the action; (b) nobody is asked whether it worked out.
    assert (await commitment(bot, joined.carla.id)).status == "released"
    assert (await commitment(bot, joined.dirk.id)).status == "released"
    # (c) No reminder and no overdue question after their days.
    for moment in (THURSDAY, SUNDAY, MONDAY, TUESDAY):
        await tick(bot.db, sender_for(bot), moment)
    for user in (cast.carla, cast.dirk):
        assert count(bot, user.id, TASK_QUESTION) == 0
        assert count(bot, user.id, OVERDUE_QUESTION) == 0
        assert count(bot, user.id, "is het zover") == 0
    # (d) /overzicht and the dashboard show them let go, not late.
    bot.clock.set(TUESDAY)
    text = await overview_text(bot, joined)
    assert "te laat" not in text.replace("(te laat eerst)", "")
    assert "↩️ losgelaten · <b>Carla</b>" in text and "↩️ losgelaten · <b>Dirk</b>" in text
    assert await dashboard_statuses(bot, joined) == ({"Carla": "released", "Dirk": "released"}, 0)
    # (e) The export too.
    assert await exported(bot, joined) == {"Carla": "losgelaten", "Dirk": "losgelaten"}
    # The old buttons of a let-go action change nothing, "Niet gelukt" included.
    await bot.press_data(cast.dirk, private_last(bot, cast.dirk), f"c:miss:{joined.dirk.id}")
    await bot.press_data(cast.dirk, private_last(bot, cast.dirk), f"c:done:{joined.dirk.id}")
    assert (await commitment(bot, joined.dirk.id)).status == "released"


async def test_an_open_commitment_of_a_closed_action_is_never_late(bot: BotHarness) -> None:
    """Whatever state a closed action's commitment was left in (older data, a later closed state)."""
    joined = await running_with_two_joiners(bot)
    async with bot.db.unit_of_work() as session:
        action = await session.get(Action, joined.action.id)
        action.state, action.closed_at = "let_go", THURSDAY  # closed without releasing anything
    bot.clock.set(TUESDAY)
    text = await overview_text(bot, joined)
    assert "te laat" not in text.replace("(te laat eerst)", "")
    assert await dashboard_statuses(bot, joined) == ({"Carla": "open", "Dirk": "open"}, 0)
    # Their due and overdue rows, still pending, are refused when they come up.
    for moment in (THURSDAY, SUNDAY, MONDAY):
        await tick(bot.db, sender_for(bot), moment)
    for user in (joined.cast.carla, joined.cast.dirk):
        assert count(bot, user.id, OVERDUE_QUESTION) == 0
        assert count(bot, user.id, "is het zover") == 0


async def test_a_forged_niet_gelukt_on_a_running_action_changes_nothing(bot: BotHarness) -> None:
    joined = await running_with_two_joiners(bot)
    await bot.press_data(joined.cast.dirk, private_last(bot, joined.cast.dirk), f"c:miss:{joined.dirk.id}")
    assert bot.telegram.last("answerCallbackQuery").params["show_alert"] is True
    assert (await commitment(bot, joined.dirk.id)).status == "open"
