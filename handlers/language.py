"""/taal: each member picks Dutch or English; a group's coordinators pick the group's language."""

from __future__ import annotations

from telegram import Chat as TgChat
from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.domain.commands import names
from bot.domain.buttons import LANGUAGE
from bot.road.context import BrugContext
from bot.domain.members import set_group_language, set_member_language
from bot.domain.messages import Choice, Reply, rows
from handlers.common import refresh_admins
from handlers.render import edit, send


def language_choice(context: BrugContext) -> Reply:
    identity = context.scope.identity
    in_group = identity is not None and identity.group is not None
    return Reply(
        "language-choose-group" if in_group else "language-choose",
        choices=rows(
            [
                Choice("language-nl", payload=LANGUAGE.data("m", "nl")),
                Choice("language-en", payload=LANGUAGE.data("m", "en")),
            ],
            [
                Choice("language-group-nl", payload=LANGUAGE.data("g", "nl")),
                Choice("language-group-en", payload=LANGUAGE.data("g", "en")),
            ]
            if in_group
            else [],
        ),
    )


async def choose_language(update: Update, context: BrugContext) -> None:
    await send(context, update.effective_chat.id, language_choice(context))


async def language_chosen(update: Update, context: BrugContext) -> None:
    query = update.callback_query
    who, language = context.matches[0].group(1), context.matches[0].group(2)
    identity = context.identity
    now = context.now()
    if who == "m":
        set_member_language(identity.member, language, now)
        await query.answer(context.t("language-set-member", language))
        if query.message.chat.type == TgChat.PRIVATE:
            await edit(
                context,
                query.message.chat.id,
                query.message.message_id,
                Reply("language-set-member"),
                lang=language,
            )
        return
    group = identity.group
    if group is None:
        await query.answer(context.t("language-group-only"), show_alert=True)
        return
    await refresh_admins(context, group)
    if not identity.is_coordinator:
        await query.answer(context.t("coordinator-only"), show_alert=True)
        return
    set_group_language(group, language, now)
    identity.language = language
    await query.answer()
    await edit(
        context,
        query.message.chat.id,
        query.message.message_id,
        Reply("language-set-group"),
        lang=language,
    )


HANDLERS = [
    CommandHandler(names("taal"), choose_language),
    CallbackQueryHandler(language_chosen, pattern=LANGUAGE.pattern()),
]
