"""/coordinator, and the checks every coordinator tool runs on every use (commands, buttons, typed answers)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Chat as TgChat
from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.domain.commands import names
from bot.domain.buttons import ButtonKind, COORDINATORS
from bot.domain import lookup
from bot.domain import roles
from bot.road.context import BrugContext
from bot.domain.listing import row_id, shorten
from bot.domain.messages import Choice, Reply
from bot.domain.pending import answered
from bot.road.telegram_api import person_of
from handlers.common import deep_link, group_only, refresh_admins
from handlers.pages import is_cancel, stop_asking
from handlers.render import edit, send
from storage.models import Group, PendingReply

GROUP_TITLE_ON_BUTTON = 40

OpenGroup = Callable[[Update, BrugContext, Group], Awaitable[Any]]


async def coordinator_group(context: BrugContext, group_id: int) -> Group | None:
    """The group if the person talking coordinates it right now (Telegram admins refreshed first)."""
    identity = context.scope.identity
    if identity is None:
        return None
    group = await lookup.group(context.session, group_id)
    if group is None or not group.active:
        return None
    await refresh_admins(context, group)
    return await roles.coordinated_group(context.session, group_id, identity.member.id)


async def member_group(context: BrugContext, group_id: int) -> Group | None:
    """The group if the person talking is a member of it (for what members may do: agenda items)."""
    identity = context.scope.identity
    if identity is None:
        return None
    for group, _membership in await roles.groups_of(context.session, identity.member.id):
        if group.id == group_id:
            return group
    return None


async def coordinated_groups(context: BrugContext) -> list[Group]:
    """Every active group the person talking coordinates (admins refreshed per group, cached)."""
    found = await roles.groups_of(context.session, context.identity.member.id)
    for group, _membership in found:
        await refresh_admins(context, group)
    return [group for group, membership in found if membership.is_coordinator]


async def member_groups(context: BrugContext) -> list[Group]:
    return [group for group, _ in await roles.groups_of(context.session, context.identity.member.id)]


async def refuse(update: Update, context: BrugContext) -> None:
    """One friendly sentence, nothing of the data."""
    query = update.callback_query
    if query is not None:
        await query.answer(plain(context.t("coordinator-only")), show_alert=True)
        return
    chat = update.effective_chat
    if chat is not None:
        message_id = update.effective_message.message_id if update.effective_message else None
        await send(context, chat.id, Reply("coordinator-only"), reply_to=message_id)


async def choose_group(
    update: Update,
    context: BrugContext,
    groups: list[Group],
    buttons: ButtonKind,
    open_group: OpenGroup,
    *,
    none_message: str = "coordinator-none",
) -> None:
    """Open the one group, or offer a button per group; without any group say so in one sentence."""
    chat_id = update.effective_chat.id
    if not groups:
        await send(context, chat_id, Reply(none_message))
        return
    if len(groups) == 1:
        await open_group(update, context, groups[0])
        return
    await send(
        context,
        chat_id,
        Reply(
            "coordinator-pick-group",
            choices=tuple(
                (
                    Choice(
                        shorten(group.title, GROUP_TITLE_ON_BUTTON),
                        payload=buttons.data("g", group.id),
                        literal=True,
                    ),
                )
                for group in groups
            ),
        ),
    )


ShowForGroup = Callable[[Update, BrugContext, Group], Awaitable[None]]


def private_tool_command(link_prefix: str, buttons: ButtonKind, show: ShowForGroup) -> Callable[..., Awaitable[None]]:
    """A coordinator's private tool: in a group a button to the private chat (deep link
    ``<link_prefix>_<group id>``), privately ``show`` for the group they pick."""

    async def command(update: Update, context: BrugContext) -> None:
        if not is_private(update):
            await point_to_private(update, context, f"{link_prefix}_{context.identity.group.id}")
            return
        await choose_group(update, context, await coordinated_groups(context), buttons, show)

    return command


def tool_deep_link(
    show: ShowForGroup,
    check: Callable[[BrugContext, int], Awaitable[Group | None]] = coordinator_group,
) -> Callable[..., Awaitable[None]]:
    """Following ``/start <prefix>_<group id>``: the role (``check``) is checked again before ``show``."""

    async def route(update: Update, context: BrugContext, rest: str) -> None:
        number = row_id(rest)
        group = await check(context, number) if number is not None else None
        if group is None:
            await refuse(update, context)
            return
        await show(update, context, group)

    return route


def member_list_command(buttons: ButtonKind, show: ShowForGroup) -> Callable[..., Awaitable[None]]:
    """A list every member may see (partners, agenda): in the group its list; privately the list of
    the member's group (a picker when there are several)."""

    async def command(update: Update, context: BrugContext) -> None:
        if not is_private(update):
            await show(update, context, context.identity.group)
            return
        await choose_group(
            update, context, await member_groups(context), buttons, show, none_message="member-none"
        )

    return command


@dataclass(frozen=True)
class ButtonTarget:
    """What a list tool's button is about: its verb, its numbers, the item it names (if any), the group."""

    verb: str
    values: tuple[Any, ...]  # the payload's values after the verb (ids and pages as ints)
    item: Any
    group: Group


async def button_target(
    update: Update,
    context: BrugContext,
    *,
    buttons: ButtonKind,
    load: Callable[[Any, int], Awaitable[Any]],
    gone: str,
    member_verbs: set[str],
) -> ButtonTarget | None:
    """The group a list tool's button acts on, with the role checked now; None when answered already.

    ``<prefix>:g|l|add:<group id>…`` name the group; other verbs name an item (``load`` finds it, and
    ``gone`` is the alert when it no longer exists). Verbs in ``member_verbs`` need membership, the
    rest the group's coordinator.
    """
    query = update.callback_query
    pressed = buttons.expect(query.data)
    verb, numbers = pressed.verb, pressed.values
    item = None
    if verb in {"g", "l", "add"}:
        group_id = numbers[0]
    else:
        item = await load(context.session, numbers[0])
        if item is None:
            await query.answer(plain(context.t(gone)), show_alert=True)
            return None
        group_id = item.group_id
    check = member_group if verb in member_verbs else coordinator_group
    group = await check(context, group_id)
    if group is None:
        await refuse(update, context)
        return None
    return ButtonTarget(verb, numbers, item, group)


async def group_for_answer(
    update: Update,
    context: BrugContext,
    pending: PendingReply,
    text: str,
    check: Callable[[BrugContext, int], Awaitable[Group | None]],
) -> Group | None:
    """The start of every typed answer to a group tool: the role is checked again (``check``), and
    "stop" ends the question. None when the answer is handled already (refused or stopped)."""
    group = await check(context, pending.subject_id or 0)
    if group is None:
        await answered(context.session, pending.chat_id, pending.member_id)
        await refuse(update, context)
        return None
    if is_cancel(text):
        await stop_asking(update, context, pending)
        return None
    return group


async def point_to_private(update: Update, context: BrugContext, payload: str) -> None:
    """In a group: coordinators get a button to the private chat, everyone else one sentence; no data."""
    if not await coordinates_this_group(update, context):
        return
    await send(
        context,
        update.effective_chat.id,
        Reply(
            "coordinator-go-private",
            choices=((Choice("button-open-private", url=deep_link(context, payload)),),),
        ),
        reply_to=update.effective_message.message_id,
    )


async def coordinates_this_group(update: Update, context: BrugContext) -> bool:
    """In a group: whether the person talking coordinates it now (admins refreshed first); if not,
    they get the one friendly sentence."""
    await refresh_admins(context, context.identity.group)
    if context.identity.is_coordinator:
        return True
    await refuse(update, context)
    return False


def is_private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == TgChat.PRIVATE


def plain(text: str) -> str:
    """A prompt for a place without parse mode (alerts, button labels)."""
    return html.unescape(str(text))


async def private_button_only(update: Update, context: BrugContext) -> bool:
    """Coordinator data never shows in a group: a (forged) press there gets the stale-button alert."""
    if is_private(update):
        return True
    await update.callback_query.answer(plain(context.t("button-stale")), show_alert=True)
    return False


# ---------------------------------------------------------------- /coordinator


@group_only
async def coordinator_command(update: Update, context: BrugContext) -> None:
    if not await coordinates_this_group(update, context):
        return
    group = context.identity.group
    message = update.effective_message
    target = message.reply_to_message.from_user if message.reply_to_message else None
    if target is not None and not target.is_bot:
        member, change = await roles.toggle_person(
            context.session, group, person_of(target), context.now()
        )
        await context.commit()
        await send(
            context,
            update.effective_chat.id,
            roles.change_reply(change, member.first_name),
            reply_to=message.message_id,
        )
        return
    await send(context, update.effective_chat.id, await roles.members_reply(context.session, group, 0))


async def coordinator_button(update: Update, context: BrugContext) -> None:
    query = update.callback_query
    pressed = COORDINATORS.expect(query.data)  # t: group, member, page; p: group, page
    verb, numbers = pressed.verb, pressed.values
    group = await coordinator_group(context, numbers[0])
    if group is None:
        await refuse(update, context)
        return
    page = numbers[-1]
    if verb == "t":
        target = await roles.member_by_id(context.session, group, numbers[1])
        if target is None:
            await query.answer(context.t("button-stale"), show_alert=True)
            return
        change = await roles.toggle_coordinator(context.session, group, target, context.now())
        await context.commit()
        await query.answer(
            plain(context.t(f"coordinator-{change.value}", name=target.first_name))[:200],
            show_alert=change is roles.RoleChange.TELEGRAM_ADMIN,
        )
    else:
        await query.answer()
    await edit(
        context,
        query.message.chat.id,
        query.message.message_id,
        await roles.members_reply(context.session, group, page),
    )


HANDLERS = [
    CommandHandler(names("coordinator"), coordinator_command),
    CallbackQueryHandler(coordinator_button, pattern=COORDINATORS.pattern()),
]
