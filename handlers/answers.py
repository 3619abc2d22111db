"""Typed answers that Brug cannot use yet: say why, and wait for the next try where the member is.

In a group the new question names the member first and replies to their own message, with
Telegram's selective reply, so the reply box opens for them (and only them) and the bridges know whom
it asks. A day Brug is not sure of ("half december", "na de kerst") is proposed back with buttons
("Bedoel je dinsdag 15 december?") instead of refused; "Ja" answers the question with that day.
"""

from __future__ import annotations

from datetime import date

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.domain.buttons import DAY_NO, DAY_YES
from bot.domain import lookup
from bot.road.context import BrugContext
from bot.domain.dates import DayReading, read_day
from bot.domain.messages import Choice, Reply, rows
from bot.domain.pending import remember_prompt
from handlers.render import addressed_in_group, send
from handlers.typed import choices_of_reply, store_choices
from storage.models import PendingReply

PART_OF_DAY_MESSAGES = {"morning": "part-morning", "afternoon": "part-afternoon", "evening": "part-evening"}


async def ask_again(update: Update, context: BrugContext, pending: PendingReply, reply: Reply) -> None:
    """Say kindly what was wrong and wait for a new answer to the same question; nothing was saved."""
    chat_id = update.effective_chat.id
    identity = context.identity
    member_message = update.effective_message.message_id if update.message is not None else None
    if identity.group is not None:
        reply = addressed_in_group(context, identity.member, reply, context.lang, wrapper="ask-in-group",
                                   expects_text=not reply.choices, placeholder=reply.placeholder)
    else:
        reply = Reply(reply.message, reply.args, choices=reply.choices, expects_text=not reply.choices,
                      placeholder=reply.placeholder)
    message = await send(context, chat_id, reply, reply_to=member_message)
    remember_prompt(pending, message.message_id)
    store_choices(pending, choices_of_reply(context, reply, context.lang))


async def day_answer(
    update: Update, context: BrugContext, pending: PendingReply, text: str, today: date
) -> DayReading | None:
    """The day a typed answer gives, when Brug is sure of it; otherwise it asks again (or proposes
    its reading with buttons) and returns None."""
    reading = read_day(text, today)
    if reading is None:
        await ask_again(update, context, pending, Reply("date-unclear"))
        return None
    if not reading.sure:
        await ask_again(update, context, pending, Reply(
            "date-confirm", args={"day": reading.day},
            choices=rows(
                [Choice("date-button-yes", payload=DAY_YES.data("", f"{reading.day:%Y%m%d}"), means="yes",
                        label_args={"day": reading.day})],
                [Choice("date-button-other", payload=DAY_NO.data(""), means="no")],
            ),
        ))
        return None
    return reading


def part_of_day(reading: DayReading) -> Reply | str:
    """" ('s ochtends)" after a day when the member named a part of it, else nothing."""
    message = PART_OF_DAY_MESSAGES.get(reading.part_of_day or "")
    return Reply(message) if message else ""


async def day_confirmed(update: Update, context: BrugContext) -> None:
    """"Ja" under "Bedoel je …?": the question that waits gets that day as its answer."""
    pending = await _question_of_press(update, context)
    if pending is None:
        return
    raw = context.matches[0].group(1)
    route = context.services.reply_kinds.get(pending.kind)
    if route is not None:
        await route(update, context, pending, f"{raw[:4]}-{raw[4:6]}-{raw[6:]}")


async def day_refused(update: Update, context: BrugContext) -> None:
    """"Nee" under "Bedoel je …?": ask for the day once more."""
    pending = await _question_of_press(update, context)
    if pending is not None:
        await ask_again(update, context, pending, Reply("date-ask-again"))


async def _question_of_press(update: Update, context: BrugContext) -> PendingReply | None:
    """The open question a "Ja"/"Nee" under a proposed day belongs to; an old button is told so."""
    query = update.callback_query
    pending = await open_question(context, query.message.chat.id)
    if pending is None:
        await query.answer(str(context.t("button-stale")), show_alert=True)
        return None
    await query.answer()
    return pending


async def open_question(context: BrugContext, chat_id: int) -> PendingReply | None:
    """The question that waits for the member talking now in ``chat_id``, if it has not expired."""
    pending = await lookup.question_for_member(context.session, chat_id, context.identity.member.id)
    if pending is None or pending.expires_at <= context.now():
        return None
    return pending


HANDLERS = [
    CallbackQueryHandler(day_confirmed, pattern=DAY_YES.pattern()),
    CallbackQueryHandler(day_refused, pattern=DAY_NO.pattern()),
]
