"""The one error handler: log with context, answer kindly, roll the update back, never stop polling."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, NetworkError, RetryAfter

from bot.road.logs import person
from bot.domain.members import mark_unreachable
from bot.domain import lookup
from bot.road.context import BrugContext, current_scope, tell_try_again

log = logging.getLogger(__name__)


async def on_error(update: object, context: BrugContext) -> None:
    scope = current_scope.get()
    if scope is not None:
        scope.failed = True  # BrugApplication rolls the update's changes back
    error = context.error
    summary = _describe(update)
    if isinstance(error, Forbidden):
        log.warning("forbidden while handling %s: %s", summary, error)
        await _mark_unreachable(update, context)
        return
    away = isinstance(error, RetryAfter | NetworkError)
    if away:
        log.warning("telegram unavailable while handling %s: %s", summary, error)
    else:
        log.error("error while handling %s", summary, exc_info=error)
    if not isinstance(update, Update):
        return
    if scope is not None and scope.committed:
        # What the member did is stored, and doing it again could undo it (a second 👍): no "try
        # again". Telegram being away: the stored messages follow with the tick (bot.delivery).
        if not away:
            await tell_try_again(context.application, update, context.services, message="error-kept")
        return
    await tell_try_again(context.application, update, context.services)


async def _mark_unreachable(update: object, context: BrugContext) -> None:
    """A 403 in a member's private chat: they blocked Brug. Remember that, and only that.

    The update's own changes are rolled back first (it failed); the flag is committed on its own.
    """
    scope = current_scope.get()
    if scope is None or not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type != "private" or update.effective_user is None:
        return
    # Only the member's own refusals ("blocked by the user", "can't initiate conversation with a
    # user", "user is deactivated"); a 403 from a group the member acted on is not theirs.
    if "user" not in str(context.error).lower():
        return
    try:
        await scope.session.rollback()
        member = await lookup.member_by_telegram_id(scope.session, update.effective_user.id)
        if member is not None:
            mark_unreachable(member, context.now())
            await scope.session.commit()
    except Exception:  # noqa: BLE001 - the database may be what failed; nothing more to do
        log.warning("could not mark member unreachable", exc_info=True)


def _describe(update: object) -> str:
    if not isinstance(update, Update):
        return repr(update)[:200]
    chat = update.effective_chat
    user = update.effective_user
    kind = next(
        (name for name in ("message", "callback_query", "my_chat_member", "edited_message")
         if getattr(update, name, None) is not None),
        "other",
    )
    return (
        f"update {update.update_id} ({kind}, chat {person(chat.id if chat else None)}, "
        f"user {person(user.id if user else None)})"
    )
