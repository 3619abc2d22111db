"""Free-text answers: routed to the question that waits for them (see ``bot.domain.pending``), never dropped.

Feature modules export ``REPLY_KINDS = {"kind": handler}``; a handler is called as
``await handler(update, context, pending, text)``. Before that, a typed answer that names one of the
question's buttons ("2", "overslaan", "gewoon meedoen") presses that button (``handlers.typed``).

Silence reads as "it is broken", so whatever a member sends *to Brug* gets an answer: a reply to one of
Brug's messages in a group that no question of theirs waits for is told what Brug expected there, and
so is private text when nothing was asked. Group chatter that is not a reply to Brug stays unanswered:
it is the neighbours' conversation, not Brug's.
"""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.ext import MessageHandler, filters

from bot.domain import lookup
from bot.road.context import BrugContext
from bot.domain.messages import Reply
from bot.domain.pending import waiting
from bot.domain.understanding import Meaning, meaning
from handlers.answers import open_question
from handlers.fallback import unexpected_private_text
from handlers.render import send
from handlers.typed import (
    choices_of_message,
    choices_of_pending,
    press_typed,
    prompt_message,
    typed_choice,
)
from storage.models import PendingReply

log = logging.getLogger(__name__)

TEXT_LIMIT = 2000


async def text_answer(update: Update, context: BrugContext) -> None:
    message = update.effective_message
    identity = context.scope.identity
    if message is None or identity is None:
        return
    is_group = identity.group is not None
    replied = message.reply_to_message
    to_brug = replied if replied is not None and replied.from_user and replied.from_user.id == context.bot.id else None
    if is_group and to_brug is None:
        return  # group chatter (privacy mode off) is not for Brug
    text = (message.text or "").strip()[:TEXT_LIMIT]
    pending = await waiting(
        context.session,
        chat_id=message.chat.id,
        member_id=identity.member.id,
        now=context.now(),
        replied_to_message_id=replied.message_id if replied else None,
        is_group=is_group,
    )
    if pending is None and to_brug is not None and is_group:
        # Replying to another of Brug's messages while a question to this member is open in the group:
        # unless the text names a button of that message, it is the answer to their own question.
        own = await open_question(context, message.chat.id)
        if own is not None and typed_choice(text, choices_of_message(to_brug)) is None:
            pending = own
    if pending is not None:
        await answer_pending(update, context, pending, text, to_brug)
        return
    if to_brug is not None:
        await answer_to_message(update, context, to_brug, text)
        return
    await unexpected_private_text(update, context)


async def answer_pending(
    update: Update, context: BrugContext, pending: PendingReply, text: str, to_brug: Message | None
) -> None:
    """The member answers the question that waits for them: a button by its words, or the text."""
    # The buttons belong to the question's own message: without it there is nothing to press.
    choice = typed_choice(text, choices_of_pending(pending)) if pending.prompt_message_id else None
    if choice is not None:
        message = to_brug if to_brug is not None and to_brug.message_id == pending.prompt_message_id \
            else prompt_message(update, context, pending.prompt_message_id)
        if await press_typed(update, context, message, choice.data):
            return
    route = context.services.reply_kinds.get(pending.kind)
    if route is None:
        log.warning("no handler for pending reply kind %s", pending.kind)
        await send(context, update.effective_chat.id, Reply("reply-not-understood"),
                   reply_to=update.effective_message.message_id)
        return
    await route(update, context, pending, text)


async def answer_to_message(update: Update, context: BrugContext, to_brug: Message, text: str) -> None:
    """A reply to one of Brug's messages that no question of this member waits for."""
    message = update.effective_message
    choice = typed_choice(text, choices_of_message(to_brug))
    if choice is not None and await press_typed(update, context, to_brug, choice.data):
        return
    other = await lookup.question_for_prompt(context.session, message.chat.id, to_brug.message_id)
    if other is not None and other.member_id != context.identity.member.id:
        asked = await lookup.member(context.session, other.member_id)
        await send(context, message.chat.id,
                   Reply("reply-question-for-other", args={"name": asked.first_name if asked else "?"}),
                   reply_to=message.message_id)
        return
    labels = [choice.label for choice in choices_of_message(to_brug)]
    if labels:
        await send(context, message.chat.id, Reply("reply-use-buttons", args={"labels": ", ".join(labels)}),
                   reply_to=message.message_id)
        return
    if meaning(text) in (Meaning.THANKS, Meaning.YES, Meaning.GREETING):
        await send(context, message.chat.id, Reply("reply-thanks"), reply_to=message.message_id)
        return
    await send(context, message.chat.id, Reply("reply-not-waiting"), reply_to=message.message_id)


HANDLERS = [
    MessageHandler(
        filters.TEXT & ~filters.COMMAND & (filters.ChatType.PRIVATE | filters.REPLY), text_answer
    )
]
