"""/start: the welcome in a private chat, and routing of deep links (``/start <payload>``)."""

from __future__ import annotations

import logging
import re

from telegram import Chat as TgChat
from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.domain.commands import names
from bot.domain.buttons import START
from bot.road.context import BrugContext
from bot.domain.members import mark_private_chat
from bot.domain.messages import Choice, Reply, rows
from handlers.render import send

log = logging.getLogger(__name__)

# Telegram allows A-Z, a-z, 0-9, _ and - in a start payload, up to 64 characters.
PAYLOAD = re.compile(r"^([A-Za-z]+)(?:[_-]([A-Za-z0-9_-]{0,60}))?$")


def welcome(bot_username: str, name: str) -> Reply:
    return Reply(
        "start-welcome",
        args={"name": name},
        choices=rows(
            [Choice("button-how-it-works", payload=START.data("help"))],
            [Choice("button-add-to-group", url=f"https://t.me/{bot_username}?startgroup=brug")],
            [Choice("button-language", payload=START.data("lang"))],
        ),
    )


async def start(update: Update, context: BrugContext) -> None:
    chat = update.effective_chat
    message = update.effective_message
    if chat is None or message is None:
        return
    if chat.type != TgChat.PRIVATE:
        # /start in a group: a short pointer to what Brug does there.
        await send(context, chat.id, Reply("start-in-group"), reply_to=message.message_id)
        return
    await mark_private_chat(context.identity.member, context.now())
    payload = context.args[0] if context.args else ""
    if payload and payload != "start":
        match = PAYLOAD.match(payload)
        route = context.services.deep_links.get(match.group(1)) if match else None
        if route is not None:
            await route(update, context, match.group(2) or "")
            return
        log.info("unknown deep link payload %r", payload[:64])
    await send(context, chat.id, welcome(context.bot.username, context.identity.member.first_name))


async def start_button(update: Update, context: BrugContext) -> None:
    query = update.callback_query
    await query.answer()
    from handlers.help import help_reply
    from handlers.language import language_choice

    target = context.matches[0].group(1)
    reply = help_reply() if target == "help" else language_choice(context)
    await send(context, query.message.chat.id, reply)


HANDLERS = [
    CommandHandler(names("start"), start),
    CallbackQueryHandler(start_button, pattern=START.pattern()),
]
