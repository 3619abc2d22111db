"""Free-text answers: routed to the feature that asked the question (see ``bot.pending``).

Feature modules export ``REPLY_KINDS = {"kind": handler}``; a handler is called as
``await handler(update, context, pending, text)``. Text nobody asked for in a group is left alone.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.context import BrugContext
from bot.pending import waiting
from handlers.fallback import unexpected_private_text

log = logging.getLogger(__name__)

TEXT_LIMIT = 2000


async def text_answer(update: Update, context: BrugContext) -> None:
    message = update.effective_message
    identity = context.scope.identity
    if message is None or identity is None:
        return
    is_group = identity.group is not None
    replied_to = message.reply_to_message
    pending = await waiting(
        context.session,
        chat_id=message.chat.id,
        member_id=identity.member.id,
        now=context.now(),
        replied_to_message_id=replied_to.message_id if replied_to else None,
        is_group=is_group,
    )
    if pending is None:
        if not is_group:
            await unexpected_private_text(update, context)
        return  # group chatter is not for Brug
    route = context.services.reply_kinds.get(pending.kind)
    if route is None:
        log.warning("no handler for pending reply kind %s", pending.kind)
        return
    await route(update, context, pending, (message.text or "").strip()[:TEXT_LIMIT])


HANDLERS = [
    MessageHandler(
        filters.TEXT & ~filters.COMMAND & (filters.ChatType.PRIVATE | filters.REPLY), text_answer
    )
]
