"""Logging in to the dashboard in a browser: ``/start web_<nonce>`` asks privately, "Ja" lets the browser in."""

from __future__ import annotations

from telegram import Chat as TgChat
from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.domain.buttons import DASHBOARD_LOGIN
from bot.road.context import BrugContext
from bot.dashboard import logins
from bot.domain.messages import Choice, Reply, rows
from handlers.render import edit, send
from handlers.roles import coordinated_groups


async def login_deep_link(update: Update, context: BrugContext, nonce: str) -> None:
    """The member opened the link the browser showed: ask before letting that browser in."""
    chat_id = update.effective_chat.id
    login = await logins.open_login(context.session, nonce, context.identity.member, context.now())
    if login is None:
        await send(context, chat_id, Reply("dashboard-login-gone"))
        return
    await send(
        context,
        chat_id,
        Reply(
            "dashboard-login-ask",
            args={"code": logins.login_code(nonce)},
            choices=rows(
                [Choice("dashboard-login-yes", payload=DASHBOARD_LOGIN.data("yes", login.id))],
                [Choice("dashboard-login-no", payload=DASHBOARD_LOGIN.data("no", login.id))],
            ),
        ),
    )


async def login_answer(update: Update, context: BrugContext) -> None:
    """ "Ja, inloggen" binds the login to this member (only a coordinator); "Nee" stops it."""
    query = update.callback_query
    if query.message is None or query.message.chat.type != TgChat.PRIVATE:
        await query.answer()
        return
    verb, login_id = context.matches[0].group(1), context.matches[0].group(2)
    now = context.now()
    member = context.identity.member
    wants_in = verb == "yes"
    may_enter = wants_in and bool(await coordinated_groups(context))
    counted = await logins.answer_login(context.session, int(login_id), member, yes=may_enter, now=now)
    await query.answer()
    if not counted:
        reply = Reply("dashboard-login-gone")
    elif may_enter:
        reply = Reply("dashboard-login-confirmed")
    elif wants_in:
        reply = Reply("dashboard-login-not-coordinator")
    else:
        reply = Reply("dashboard-login-refused")
    await edit(context, query.message.chat.id, query.message.message_id, reply)


HANDLERS = [CallbackQueryHandler(login_answer, pattern=DASHBOARD_LOGIN.pattern())]
DEEP_LINKS = {logins.DEEP_LINK_PREFIX: login_deep_link}
