"""The bot being added to or removed from a group (``my_chat_member``), members joining or leaving, and
anyone's place in a group changing (``chat_member``: kicked, left, promoted, demoted).

Telegram sends ``chat_member`` only to a bot that administers the group, and only when ``chat_member`` is
listed in ``allowed_updates`` (Brug passes ``Update.ALL_TYPES``, which lists it). Where Brug is no admin,
the service messages about leaving and the cached administrator list (``admin_cache_seconds``) remain.
"""

from __future__ import annotations

import logging

from telegram import Chat as TgChat
from telegram import ChatMember, Update
from telegram.ext import ApplicationHandlerStop, ChatMemberHandler, MessageHandler, filters

from bot.road.logs import person as logged_person
from bot.road.context import BrugContext
from bot.domain.groups import (
    PlaceChange,
    TelegramPlace,
    bot_added,
    bot_removed,
    group_moved,
    known_group,
    member_left,
    members_joined,
    place_changed,
)
from bot.domain.reminders import group_settings_changed
from bot.road.telegram_api import person_of
from handlers.common import chat_of, refresh_admins
from handlers.render import send

log = logging.getLogger(__name__)

PRESENT = {ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER, ChatMember.RESTRICTED}
ADMINISTERS = {ChatMember.ADMINISTRATOR, ChatMember.OWNER}
GROUP_CHATS = (TgChat.GROUP, TgChat.SUPERGROUP)


def place_of(member: ChatMember) -> TelegramPlace:
    """In the group or not, admin or not. A restricted user may be outside the group (``is_member``
    false), as in PTB's ``examples/chatmemberbot.py``."""
    present = member.status in PRESENT and getattr(member, "is_member", True) is not False
    return TelegramPlace(present=present, admin=member.status in ADMINISTERS)


async def my_membership_changed(update: Update, context: BrugContext) -> None:
    change = update.my_chat_member
    chat = change.chat
    before, after = place_of(change.old_chat_member), place_of(change.new_chat_member)
    was_present, is_present = before.present, after.present
    if chat.type == TgChat.PRIVATE:
        # A member blocked (kicked) or unblocked the bot in their private chat.
        identity = context.scope.identity
        if identity is not None:
            identity.member.unreachable = not is_present
            identity.member.updated_at = context.now()
        return
    if chat.type not in GROUP_CHATS:
        return
    settings = context.services.settings
    if is_present and not was_present:
        group, welcome = await bot_added(
            context.session,
            chat_of(chat),
            context.now(),
            language=settings.language,
            timezone=settings.timezone,
        )
        await refresh_admins(context, group, force=True)
        # The weekly digest starts from the moment Brug joins (issue 5).
        await group_settings_changed(context.session, group, context.now())
        await send(context, chat.id, welcome, lang=group.language)
    elif was_present and not is_present:
        # The group goes inactive: every coordinator check refuses it, the dashboard's pages included.
        await bot_removed(context.session, chat_of(chat), context.now())
    elif before.admin != after.admin:
        # Brug became an admin (from now on Telegram tells it every member change) or stopped being one:
        # take the administrator list afresh.
        group = await known_group(context.session, chat.id)
        if group is not None:
            await refresh_admins(context, group, force=True)


async def member_place_changed(update: Update, context: BrugContext) -> None:
    """Someone's place in the group changed (``chat_member``): a kick, leave or demotion ends their
    coordinator role at once, a promotion starts it. Quietly: nothing is said in the group."""
    change = update.chat_member
    person = change.new_chat_member.user
    if change.chat.type not in GROUP_CHATS or person.is_bot:
        return
    before, after = place_of(change.old_chat_member), place_of(change.new_chat_member)
    outcome = await place_changed(
        context.session, chat_of(change.chat), person_of(person), before, after, context.now()
    )
    if outcome is not PlaceChange.UNCHANGED:
        log.info("chat %s: a member's place changed: %s", logged_person(change.chat.id), outcome.value)


async def members_changed(update: Update, context: BrugContext) -> None:
    """Telegram's service messages about people joining or leaving a group Brug is in."""
    message = update.effective_message
    chat = chat_of(message.chat)
    if message.new_chat_members:
        people = [person_of(user) for user in message.new_chat_members if not user.is_bot]
        await members_joined(context.session, chat, people, context.now())
    if message.left_chat_member and not message.left_chat_member.is_bot:
        await member_left(context.session, chat, person_of(message.left_chat_member))


async def group_migrated(update: Update, context: BrugContext) -> None:
    """The group became a supergroup (Telegram gives it a new chat id): move Brug's group along.

    Runs before anyone is identified, and ends the update: the old chat's farewell must not make a new
    group of the old id, nor the new chat's first word a second group.
    """
    message = update.effective_message
    if message.migrate_to_chat_id:
        old_chat_id, new_chat_id = message.chat.id, message.migrate_to_chat_id
    else:
        old_chat_id, new_chat_id = message.migrate_from_chat_id, message.chat.id
    group = await group_moved(context.session, old_chat_id, new_chat_id, context.now())
    if group is not None:
        log.info("group %s moved from chat %s to chat %s", group.id, old_chat_id, new_chat_id)
    raise ApplicationHandlerStop


# Before identify_sender (group -1), see bot.app.
EARLY_HANDLERS = [MessageHandler(filters.StatusUpdate.MIGRATE, group_migrated)]

HANDLERS = [
    ChatMemberHandler(my_membership_changed, ChatMemberHandler.MY_CHAT_MEMBER),
    ChatMemberHandler(member_place_changed, ChatMemberHandler.CHAT_MEMBER),
    MessageHandler(
        filters.StatusUpdate.NEW_CHAT_MEMBERS | filters.StatusUpdate.LEFT_CHAT_MEMBER, members_changed
    ),
]
