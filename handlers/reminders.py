"""/stil, "Morgen nog eens" and the reminder settings (the tick that sends them: ``bot.road.ticking``)."""

from __future__ import annotations

import logging
import re

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.domain.commands import names
from bot.domain.buttons import REMINDER
from bot.road.context import BrugContext
from bot.domain.messages import Choice, Reply, rows
from bot.domain.zones import local_today
from bot.domain.understanding import vocabulary
from bot.domain.reminders import (
    NotYours,
    change_reminder_settings,
    is_paused,
    pause,
    reminder_settings,
    resume,
    snooze,
)
from bot.domain.rendering import render_args
from handlers.render import edit, send

log = logging.getLogger(__name__)

PAUSE_CHOICES = (1, 3, 7)
DAYS = re.compile(r"^\d{1,4}$")


def _rendered(context: BrugContext, reply: Reply, lang: str | None = None) -> Reply:
    """Dates and nested replies rendered for ``handlers.render``, which passes args to Fluent as is."""
    lang = lang or context.lang
    return Reply(
        reply.message,
        args=render_args(context.services.translator, lang, reply.args),
        choices=reply.choices,
    )


def pause_choice(context: BrugContext) -> Reply:
    member = context.identity.member
    now = context.now()
    buttons = [
        Choice(f"reminders-pause-{days}", payload=REMINDER.data("pause", days, member.id))
        for days in PAUSE_CHOICES
    ]
    if is_paused(member, now):
        timezone = (
            context.identity.group.timezone if context.identity.group else context.services.settings.timezone
        )
        return Reply(
            "reminders-paused-now",
            args={"day": local_today(member.reminders_paused_until, timezone)},
            choices=rows([Choice("reminders-button-resume", payload=REMINDER.data("resume", member.id))], buttons),
        )
    return Reply("reminders-pause-choose", choices=rows(buttons))


def days_asked(words: list[str]) -> int | None:
    """"/stil 3", "/stil 3 dagen", "/stil week": a number of days, or None when none was given."""
    text = " ".join(words).strip().lower()
    first = text.split()[0] if text else ""
    if DAYS.match(first):
        return int(first)
    if any(word in vocabulary()["reminders"]["week"] for word in text.split()):
        return 7
    return None


async def stil(update: Update, context: BrugContext) -> None:
    """/stil [dagen] pauses the member's own reminders; /stil uit switches them on again."""
    member = context.identity.member
    now = context.now()
    words = [word[:20] for word in (context.args or [])[:3]]
    first = words[0].lower() if words else ""
    if first in vocabulary()["reminders"]["resume"]:
        reply = (
            await resume(context.session, member, now)
            if is_paused(member, now)
            else Reply("reminders-not-paused")
        )
    elif (days := days_asked(words)) is not None and days > 0:
        reply = await pause(context.session, member, days, now)
    else:
        reply = pause_choice(context)
    await context.commit()
    await send(
        context,
        update.effective_chat.id,
        _rendered(context, reply),
        reply_to=update.effective_message.message_id,
    )


async def reminder_button(update: Update, context: BrugContext) -> None:
    query = update.callback_query
    pressed = REMINDER.expect(query.data)  # snooze: commitment; resume: member; pause/lead/hour: number, member
    verb, values = pressed.verb, pressed.values
    member = context.identity.member
    now = context.now()
    if verb in ("pause", "resume", "lead", "hour") and values[-1] != member.id:
        await query.answer(context.t("reminder-not-yours"), show_alert=True)
        return
    if verb == "snooze":
        try:
            reply = await snooze(context.session, values[0], member, now)
        except NotYours:
            await query.answer(context.t("reminder-not-yours"), show_alert=True)
            return
    elif verb == "pause":
        reply = await pause(context.session, member, int(values[0]), now)
    elif verb == "lead":
        reply = await change_reminder_settings(context.session, member, now, lead=int(values[0]))
    elif verb == "hour":
        reply = await change_reminder_settings(context.session, member, now, hour=int(values[0]))
    else:
        reply = (
            await resume(context.session, member, now)
            if is_paused(member, now)
            else Reply("reminders-not-paused")
        )
    await context.commit()
    await query.answer()
    await edit(context, query.message.chat.id, query.message.message_id, _rendered(context, reply))


async def herinner(update: Update, context: BrugContext) -> None:
    """/herinner: how many days before, and at what hour, the member hears about a commitment."""
    await send(
        context,
        update.effective_chat.id,
        reminder_settings(context.identity.member),
        reply_to=update.effective_message.message_id,
    )


HANDLERS = [
    CommandHandler(names("stil"), stil),
    CommandHandler(names("herinner"), herinner),
    CallbackQueryHandler(
        reminder_button,
        pattern=REMINDER.pattern(),
    ),
]
