"""Last in line: unknown commands and private text nobody asked for get a friendly pointer."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot.road.context import BrugContext
from bot.domain.messages import Reply
from bot.domain.understanding import Meaning, meaning
from handlers.render import send


async def unknown_command(update: Update, context: BrugContext) -> None:
    command = (update.effective_message.text or "").split()[0]
    if "@" in command and command.split("@", 1)[1].lower() != (context.bot.username or "").lower():
        return  # meant for another bot in the group
    await send(
        context,
        update.effective_chat.id,
        Reply("unknown-command"),
        reply_to=update.effective_message.message_id,
    )


async def unexpected_private_text(update: Update, context: BrugContext) -> None:
    """Private text when no question waits: a greeting or "hoe werkt dit?" gets a short help."""
    said = meaning((update.effective_message.text or "") if update.effective_message else "")
    if said in (Meaning.GREETING, Meaning.HELP):
        name = context.scope.identity.member.first_name if context.scope.identity else ""
        reply = Reply("private-text-hello", args={"name": name})
    elif said == Meaning.THANKS:
        reply = Reply("reply-thanks")
    else:
        reply = Reply("private-text-unexpected")
    await send(context, update.effective_chat.id, reply)


async def stale_button(update: Update, context: BrugContext) -> None:
    """A button from an old message, or callback data nobody sent: say so, change nothing."""
    await update.callback_query.answer(context.t("button-stale"), show_alert=True)


HANDLERS = [
    MessageHandler(filters.COMMAND, unknown_command),
    MessageHandler(filters.ChatType.PRIVATE & ~filters.COMMAND, unexpected_private_text),
    CallbackQueryHandler(stale_button),
]
