"""📣 Ook voor de buurt: the proposer (or a coordinator) shows an action to the neighbourhood, privately.

/buurt (or the button under "Je voorstel staat in …") lists the actions this member may show; per action a
preview of what the public page will say, then one tap puts it online. Online: the link, how many
neighbours are coming, the flyer (PDF to print, PNG for a notice board or a status), who signed up (a
coordinator or the proposer can take someone off), and one tap to take it offline. Every press checks
the role again; nothing of it shows in the group.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.domain import lookup
from bot.domain import neighbourhood as service
from bot.domain.buttons import NEIGHBOURHOOD
from bot.domain.commands import names
from bot.domain.listing import InvalidInput, shorten
from bot.domain.pending import answered
from bot.domain.messages import Choice, Reply
from bot.public.web import action_page_url, group_page_url
from bot.road.context import BrugContext
from handlers.common import chat_id_of, pressed_query
from handlers.actions import refresh_card
from handlers.pages import Page, ask_again, ask_text, edit_page, is_cancel, join, send_page, stop_asking
from handlers.render import send
from handlers.roles import (
    choose_group,
    coordinator_group,
    is_private,
    member_group,
    member_groups,
    plain,
    point_to_private,
    private_button_only,
    refuse,
    tool_deep_link,
)
from storage.models import Action, Group, PendingReply

TITLE_ON_BUTTON = 40


def coming_line(context: BrugContext, action: Action) -> str:
    return str(context.t("neighbourhood-coming", count=action.neighbours_coming))


async def actions_page(context: BrugContext, group: Group) -> Page:
    member = context.identity.member
    coordinates = await coordinator_group(context, group.id) is not None
    if coordinates and service.give_public_page(group):
        # The group's own page ("Waar zijn wij van?" and what is coming) is the coordinators' to hand out.
        await context.commit()
    found = await service.manageable_actions(context.session, group, member, coordinates, context.now())
    url = group_page_url(context.services.settings, group.public_token) if group.public_token else None
    group_line = context.t("neighbourhood-group-page", group=shorten(group.title, 60), url=url) if url else ""
    if not found:
        return Page(join([context.t("neighbourhood-none"), group_line]))
    parts = [context.t("neighbourhood-pick"), group_line]
    rows = tuple(
        (
            Choice(
                ("📣 " if shown else "") + shorten(action.title, TITLE_ON_BUTTON),
                payload=NEIGHBOURHOOD.data("a", action.id),
                literal=True,
            ),
        )
        for action, shown in found
    )
    return Page(join(parts), rows)


async def action_page(context: BrugContext, action: Action) -> Page:
    """Not shown yet: what the page will say, and the button. Shown: the link and what to do with it."""
    title = shorten(action.title, 100)
    back = (Choice("button-back", payload=NEIGHBOURHOOD.data("g", action.group_id)),)
    invitation = await service.invitation_of(context.session, action)
    if invitation is None:
        return Page(
            context.t("neighbourhood-preview", title=title),
            ((Choice("neighbourhood-button-publish", payload=NEIGHBOURHOOD.data("pub", action.id)),), back),
        )
    url = action_page_url(context.services.settings, invitation.token)
    return Page(
        context.t("neighbourhood-shown", title=title, url=url, coming=coming_line(context, action)),
        (
            (
                Choice("neighbourhood-button-flyer", payload=NEIGHBOURHOOD.data("fly", action.id)),
                Choice("neighbourhood-button-list", payload=NEIGHBOURHOOD.data("ls", action.id)),
            ),
            (Choice("neighbourhood-button-withdraw", payload=NEIGHBOURHOOD.data("wd", action.id)),),
            back,
        ),
    )


async def signups_page(context: BrugContext, action: Action) -> Page:
    people = await service.signups(context.session, action)
    lines = [context.t("neighbourhood-list-title", title=shorten(action.title, 100))]
    if not people:
        lines.append(context.t("neighbourhood-list-empty"))
    for number, person in enumerate(people, start=1):
        lines.append(context.t(
            "neighbourhood-list-line",
            number=number,
            name=person.first_name or plain(context.t("neighbourhood-anonymous")),
            contact=f" · {person.contact}" if person.contact else "",
        ))
    if people:
        lines.append(context.t("neighbourhood-list-remove-tip"))
    removals = [
        Choice(f"❌ {number}", payload=NEIGHBOURHOOD.data("rm", person.id), literal=True)
        for number, person in enumerate(people, start=1)
    ]
    rows = tuple(tuple(removals[i : i + 4]) for i in range(0, len(removals), 4))
    return Page(join(lines, "\n"), (*rows, (Choice("button-back", payload=NEIGHBOURHOOD.data("a", action.id)),)))




async def show_group(update: Update, context: BrugContext, group: Group) -> None:
    if not context.services.settings.neighbourhood_url:
        await send(context, chat_id_of(update), Reply("neighbourhood-off"))
        return
    await send_page(context, chat_id_of(update), await actions_page(context, group))


async def buurt_command(update: Update, context: BrugContext) -> None:
    """In the group: a button to the private chat. Privately: my group's actions (a picker for several)."""
    if not is_private(update):
        group = context.identity.group
        assert group is not None  # outside a private chat the sender is in a group
        await point_to_private(update, context, f"buurt_{group.id}")
        return
    await choose_group(
        update, context, await member_groups(context), NEIGHBOURHOOD, show_group, none_message="member-none"
    )


async def managed_action(update: Update, context: BrugContext, action_id: int) -> tuple[Action, Group] | None:
    """The action if the person pressing may show it: its proposer or a coordinator, still a member."""
    action = await lookup.action(context.session, action_id)
    group = await member_group(context, action.group_id) if action is not None else None
    if action is None or group is None:
        await refuse(update, context)
        return None
    coordinates = await coordinator_group(context, group.id) is not None
    if not service.may_manage(action, context.identity.member, coordinates):
        await pressed_query(update).answer(plain(context.t("neighbourhood-not-allowed")), show_alert=True)
        return None
    return action, group


async def neighbourhood_button(update: Update, context: BrugContext) -> None:
    if not await private_button_only(update, context):
        return
    query = pressed_query(update)
    assert query.message is not None
    pressed = NEIGHBOURHOOD.expect(query.data)
    verb, number = pressed.verb, pressed.values[0]
    chat_id, message_id = query.message.chat.id, query.message.message_id
    if verb == "g":
        group = await member_group(context, number)
        if group is None:
            await refuse(update, context)
            return
        await query.answer()
        await edit_page(context, chat_id, message_id, await actions_page(context, group))
        return
    if verb == "rm":
        await remove_signup(update, context, number)
        return
    if verb == "bring":
        await ask_who_comes_along(update, context, number)
        return
    found = await managed_action(update, context, number)
    if found is None:
        return
    action, group = found
    if verb == "pub":
        if not service.is_open_for_signups(action, group, context.now()):
            await query.answer(plain(context.t("neighbourhood-closed")), show_alert=True)
            return
        await service.publish(context.session, action, group, context.identity.member, context.now())
        await context.commit()
    elif verb == "wd":
        if await service.withdraw(context.session, action, context.now()):
            await context.commit()
        await query.answer()
        await edit_page(context, chat_id, message_id, Page(
            context.t("neighbourhood-withdrawn", title=shorten(action.title, 100)),
            ((Choice("button-back", payload=NEIGHBOURHOOD.data("a", action.id)),),),
        ))
        return
    elif verb == "fly":
        await query.answer()
        await send_flyer(context, chat_id, action, group)
        return
    elif verb == "ls":
        await query.answer()
        await edit_page(context, chat_id, message_id, await signups_page(context, action))
        return
    await query.answer()
    await edit_page(context, chat_id, message_id, await action_page(context, action))


async def remove_signup(update: Update, context: BrugContext, signup_id: int) -> None:
    query = pressed_query(update)
    assert query.message is not None
    signup = await service.signup_by_id(context.session, signup_id)
    found = await managed_action(update, context, signup.action_id if signup else 0)
    if signup is None or found is None:
        if signup is None:
            await refuse(update, context)
        return
    action, group = found
    await service.remove(context.session, signup, context.now())
    await context.commit()
    await query.answer(plain(context.t("neighbourhood-removed")))
    await edit_page(context, query.message.chat.id, query.message.message_id, await signups_page(context, action))
    await refresh_card(context, action, group)


async def send_flyer(context: BrugContext, chat_id: int, action: Action, group: Group) -> None:
    from bot.domain import flyer as flyers

    invitation = await service.invitation_of(context.session, action)
    if invitation is None:
        await send_page(context, chat_id, await action_page(context, action))
        return
    url = action_page_url(context.services.settings, invitation.token) or ""
    content = service.flyer_of(action, group, url, context.lang, context.services.translator)

    def label(key: str, **args: Any) -> str:
        return plain(context.t(key, **args))

    title = shorten(action.title, 100)
    await context.bot.send_document(
        chat_id, document=flyers.flyer_pdf(content, label), filename="flyer.pdf",
        caption=str(context.t("neighbourhood-flyer-caption", title=title)), parse_mode=ParseMode.HTML,
    )
    await context.bot.send_document(
        chat_id, document=flyers.flyer_png(content, label), filename="flyer.png",
        caption=str(context.t("neighbourhood-flyer-image-caption")), parse_mode=ParseMode.HTML,
    )


# ---------------------------------------------------------------- "Ik neem iemand mee"


async def joinable_action(context: BrugContext, action_id: int) -> tuple[Action, Group] | None:
    """A live action before or on its day, of a group the member is in (checked on every press)."""
    action = await lookup.action(context.session, action_id)
    group = await member_group(context, action.group_id) if action is not None else None
    if action is None or group is None or not service.is_open_for_signups(action, group, context.now()):
        return None
    return action, group


async def ask_who_comes_along(update: Update, context: BrugContext, action_id: int) -> None:
    query = pressed_query(update)
    if await joinable_action(context, action_id) is None:
        await query.answer(plain(context.t("neighbourhood-closed")), show_alert=True)
        return
    await query.answer()
    await ask_text(update, context, "neighbourhood-bring", action_id, Reply("neighbourhood-bring-ask"))


async def bring_answered(update: Update, context: BrugContext, pending: PendingReply, text: str) -> None:
    """The typed first name: counted on the card, named in this member's reminder."""
    found = await joinable_action(context, pending.subject_id or 0)
    if found is None:
        await answered(context.session, pending.chat_id, pending.member_id)
        await send(context, chat_id_of(update), Reply("neighbourhood-closed"))
        return
    if is_cancel(text):
        await stop_asking(update, context, pending)
        return
    action, group = found
    name = service.cleaned(text, service.NAME_LIMIT)
    if not name or service.LINK.search(name):
        await ask_again(update, context, pending, InvalidInput("neighbourhood-bring-invalid"))
        return
    await service.sign_up_on_behalf(context.session, action, context.identity.member, name, context.now())
    await answered(context.session, pending.chat_id, pending.member_id)
    await context.commit()
    await send(context, chat_id_of(update), Reply(
        "neighbourhood-bring-noted",
        args={"name": name, "title": shorten(action.title, 100)},
        choices=((Choice("neighbourhood-button-bring-more", payload=NEIGHBOURHOOD.data("bring", action.id)),),),
    ))
    await refresh_card(context, action, group)


buurt_deep_link = tool_deep_link(show_group, check=member_group)

HANDLERS = [
    CommandHandler(names("buurt"), buurt_command),
    CallbackQueryHandler(neighbourhood_button, pattern=NEIGHBOURHOOD.pattern()),
]
DEEP_LINKS = {"buurt": buurt_deep_link}
REPLY_KINDS = {"neighbourhood-bring": bring_answered}
