"""Again and again: after "Hoe ging het?", the next time in one tap — once on a typed day, or every week /
every month (``bot.domain.series``); and ⏹ to stop a series. Every press checks membership again."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.domain import lookup
from bot.domain import series as service
from bot.domain.buttons import SERIES
from bot.domain.dates import read_day
from bot.domain.listing import InvalidInput, clip
from bot.domain.messages import Choice, Reply, rows
from bot.domain.pending import answered
from bot.domain.zones import local_today
from bot.road.context import BrugContext
from handlers.common import chat_id_of, pressed_query
from handlers.actions import post_card
from handlers.pages import ask_again, ask_text, is_cancel, stop_asking
from handlers.render import edit, send
from handlers.roles import coordinator_group, member_group, plain, private_button_only, refuse
from storage.models import Action, Group, PendingReply

TITLE_LIMIT = 200




async def action_of_my_group(context: BrugContext, action_id: int) -> tuple[Action, Group] | None:
    action = await lookup.action(context.session, action_id)
    group = await member_group(context, action.group_id) if action is not None else None
    return (action, group) if action is not None and group is not None and group.active else None


async def series_button(update: Update, context: BrugContext) -> None:
    if not await private_button_only(update, context):
        return
    query = pressed_query(update)
    assert query.message is not None
    pressed = SERIES.expect(query.data)
    found = await action_of_my_group(context, pressed.values[0])
    if found is None:
        await refuse(update, context)
        return
    action, group = found
    member = context.identity.member
    title = clip(action.title, TITLE_LIMIT)
    chat_id, message_id = query.message.chat.id, query.message.message_id
    if pressed.verb == "again":
        await query.answer()
        await ask_text(update, context, "series-when", action.id, Reply("series-ask-when", args={"title": title}))
        return
    if pressed.verb == "stop":
        starter = action.series_by_id or action.proposer_id
        if starter != member.id and await coordinator_group(context, group.id) is None:
            await query.answer(plain(context.t("series-stop-not-yours")), show_alert=True)
            return
        await service.stop(context.session, action)
        await context.commit()
        await query.answer()
        await edit(context, chat_id, message_id, Reply("series-stopped", args={"title": title}))
        return
    rule = await service.start(context.session, action, pressed.verb, member.id, context.now())
    if rule is None or action.due_on is None:
        await query.answer(plain(context.t("series-needs-a-day")), show_alert=True)
        return
    await context.commit()
    await query.answer()
    today = local_today(context.now(), group.timezone)
    following = rule.next_after(max(action.due_on, today - timedelta(days=1)))
    await edit(context, chat_id, message_id, Reply(
        "series-started",
        args={"title": title, "rule": rule.words(), "day": following, "lead": rule.lead.days},
        choices=rows([Choice("series-button-stop", payload=SERIES.data("stop", action.id))]),
    ))


async def when_answered(update: Update, context: BrugContext, pending: PendingReply, text: str) -> None:
    """ "Nog een keer": the day typed for the next time; its card goes to the group at once."""
    found = await action_of_my_group(context, pending.subject_id or 0)
    if found is None:
        await answered(context.session, pending.chat_id, pending.member_id)
        await refuse(update, context)
        return
    if is_cancel(text):
        await stop_asking(update, context, pending)
        return
    action, group = found
    reading = read_day(text, local_today(context.now(), group.timezone))
    if reading is None:
        await ask_again(update, context, pending, InvalidInput("series-when-unclear"))
        return
    following = await service.once_more(
        context.session, action, group, context.identity.member.id, reading.day, context.now()
    )
    if reading.start_time is not None:
        following.start_time = reading.start_time
    await answered(context.session, pending.chat_id, pending.member_id)
    await post_card(context, following, group)
    await context.commit()
    await send(context, chat_id_of(update), Reply(
        "series-once-posted",
        args={"title": clip(following.title, TITLE_LIMIT), "day": following.due_on, "group": group.title},
    ))


HANDLERS = [CallbackQueryHandler(series_button, pattern=SERIES.pattern())]
REPLY_KINDS = {"series-when": when_answered}
