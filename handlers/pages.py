"""Long lists (overview, partners, agenda) as one message built from many prompts.

Fluent refuses a placeable over 1,000 characters, so a list is joined here rather than passed into one
prompt; ``bot.domain.rendering.fit`` keeps the result under Telegram's 4,096 characters by dropping whole lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.road.context import BrugContext
from bot.domain.i18n import Html
from bot.road.telegram_api import already_shown
from bot.domain.listing import InvalidInput
from bot.domain.messages import Choice, Reply
from bot.domain.pending import answered, ask
from bot.domain.rendering import fit
from bot.domain.understanding import Meaning, meaning
from handlers.answers import ask_again as ask_here
from handlers.render import markup, send
from storage.models import PendingReply


@dataclass(frozen=True)
class Page:
    """Rendered text (safe HTML, made of prompts) and its buttons."""

    text: Html
    choices: tuple[tuple[Choice, ...], ...] = ()


def join(parts: Iterable[str], separator: str = "\n\n") -> Html:
    """Join rendered prompts (each already safe HTML) into one safe text, skipping empty parts."""
    return Html(separator.join(str(part) for part in parts if part))


def _keyboard(context: BrugContext, page: Page) -> InlineKeyboardMarkup | None:
    keyboard = markup(context, Reply("", choices=page.choices), context.lang)
    return keyboard if isinstance(keyboard, InlineKeyboardMarkup) else None


async def send_page(
    context: BrugContext, chat_id: int, page: Page, *, reply_to: int | None = None
) -> Message:
    from telegram import ReplyParameters

    return await context.bot.send_message(
        chat_id,
        fit(page.text),
        parse_mode=ParseMode.HTML,
        reply_markup=_keyboard(context, page),
        reply_parameters=(
            ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None
        ),
    )


async def edit_page(context: BrugContext, chat_id: int, message_id: int, page: Page) -> None:
    """Edit in place; "message is not modified" (the same page pressed twice) is fine."""
    try:
        await context.bot.edit_message_text(
            fit(page.text),
            chat_id=chat_id,
            message_id=message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=_keyboard(context, page),
        )
    except BadRequest as exc:
        if not already_shown(exc):
            raise


def is_cancel(text: str) -> bool:
    """ "stop", "laat maar", "annuleren": the typed question ends without saving anything."""
    return meaning(text) == Meaning.STOP


async def ask_text(
    update: Update, context: BrugContext, kind: str, subject_id: int | None, reply: Reply
) -> None:
    """Ask for a typed answer where the member is: in a group addressed to them (named first, a reply
    to their own message when there is one, Telegram's selective reply), so it reaches them alone."""
    pending = await ask(
        context.session,
        chat_id=update.effective_chat.id,
        member_id=context.identity.member.id,
        kind=kind,
        subject_id=subject_id,
        now=context.now(),
    )
    await ask_here(update, context, pending, reply)


async def ask_again(update: Update, context: BrugContext, pending: PendingReply, problem: InvalidInput) -> None:
    """Say kindly what was wrong and wait for a new answer to the same question; nothing was saved."""
    await ask_here(update, context, pending, Reply(problem.message, problem.args_))


async def stop_asking(update: Update, context: BrugContext, pending: PendingReply) -> None:
    await answered(context.session, pending.chat_id, pending.member_id)
    await send(context, update.effective_chat.id, Reply("input-stopped"))
