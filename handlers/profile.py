"""/profiel: the group's profile. Every member reads it (in the group, or privately) and may suggest a
change; coordinators write it, take suggestions over with one tap, and share it."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.domain.commands import names
from bot.domain.buttons import PROFILE
from bot.domain import lookup
from bot.domain import partners as partner_service
from bot.domain import profile as service
from bot.road.context import BrugContext
from bot.domain.listing import InvalidInput, paging, shorten
from bot.domain.messages import Choice, Reply
from bot.domain.pending import answered
from handlers.common import deep_link
from handlers.pages import Page, ask_again, ask_text, edit_page, join, send_page
from handlers.render import edit, send
from handlers.roles import (
    group_for_answer,
    choose_group,
    coordinator_group,
    is_private,
    member_group,
    member_groups,
    plain,
    private_button_only,
    tool_deep_link,
    refuse,
)
from storage.models import Group, PendingReply

PARTNERS_PER_PAGE = 8


def profile_text(context: BrugContext, group: Group, lang: str | None = None) -> str:
    """The profile as a message anyone can read or forward."""
    profile = service.profile_of(group)
    t = context.t
    parts = [t("profile-title", group=shorten(profile.title, 100), lang=lang)]
    for field in ("about", "place", "join"):
        value = getattr(profile, field)
        if value:
            parts.append(t(f"profile-{field}", text=value, lang=lang))
    if profile.is_empty:
        parts.append(t("profile-empty", lang=lang))
    return join(parts)


def editor_page(context: BrugContext, group: Group, note: str | None = None) -> Page:
    gid = group.id
    rows = (
        (
            Choice("profile-edit-about", payload=PROFILE.data("e", gid, "about")),
            Choice("profile-edit-place", payload=PROFILE.data("e", gid, "place")),
            Choice("profile-edit-join", payload=PROFILE.data("e", gid, "join")),
        ),
        (Choice("profile-post", payload=PROFILE.data("post", gid)),),
        (Choice("profile-send", payload=PROFILE.data("pp", gid, "0")),),
    )
    return Page(join([context.t(note) if note else "", profile_text(context, group), context.t("profile-tip")]), rows)


def reader_page(context: BrugContext, group: Group) -> Page:
    """The profile for a member: theirs to read, and a change to suggest to the coordinators."""
    return Page(
        join([profile_text(context, group), context.t("profile-reader-tip")]),
        ((Choice("profile-suggest", payload=PROFILE.data("s", group.id)),),),
    )


def suggest_page(context: BrugContext, group: Group) -> Page:
    gid = group.id
    rows = (
        tuple(Choice(f"profile-edit-{field}", payload=PROFILE.data("sf", gid, field)) for field in service.FIELDS),
        (Choice("button-back", payload=PROFILE.data("g", gid)),),
    )
    return Page(join([profile_text(context, group), context.t("profile-suggest-pick")]), rows)


async def profile_page(context: BrugContext, group: Group) -> Page:
    """Coordinators get the editor, every other member the profile with "Stel een wijziging voor"."""
    if await coordinator_group(context, group.id) is not None:
        return editor_page(context, group)
    return reader_page(context, group)


async def show_profile(update: Update, context: BrugContext, group: Group) -> None:
    await send_page(context, update.effective_chat.id, await profile_page(context, group))


async def profile_command(update: Update, context: BrugContext) -> None:
    """In the group: the profile for everyone, with a button to the private chat (to suggest a change,
    or edit it). Privately: the profile of my group (a picker for several), as the editor for coordinators."""
    if not is_private(update):
        group = context.identity.group
        await send_page(
            context,
            update.effective_chat.id,
            Page(
                profile_text(context, group),
                ((Choice("profile-edit-private", url=deep_link(context, f"profiel_{group.id}")),),),
            ),
        )
        return
    await choose_group(
        update, context, await member_groups(context), PROFILE, show_profile, none_message="member-none"
    )


profile_deep_link = tool_deep_link(show_profile, check=member_group)


async def partner_picker(context: BrugContext, group: Group, page: int) -> Page:
    everyone = await lookup.all_partners(context.session, group.id)
    view = paging(len(everyone), page, PARTNERS_PER_PAGE)
    shown = everyone[view.offset : view.offset + view.size]
    rows = tuple(
        (Choice(shorten(p.name, 40), payload=PROFILE.data("to", p.id), literal=True),) for p in shown
    )
    nav = []
    if view.has_previous:
        nav.append(Choice("button-previous", payload=PROFILE.data("pp", group.id, view.page - 1)))
    if view.has_next:
        nav.append(Choice("button-next", payload=PROFILE.data("pp", group.id, view.page + 1)))
    rows += ((tuple(nav),) if nav else ()) + ((Choice("button-back", payload=PROFILE.data("g", group.id)),),)
    return Page(context.t("profile-pick-partner" if shown else "profile-no-partners"), rows)


async def profile_button(update: Update, context: BrugContext) -> None:
    """Every button here is for the group's coordinators; checked on each press."""
    if not await private_button_only(update, context):
        return
    query = update.callback_query
    pressed = PROFILE.expect(query.data)  # e: group, part; post/to: group or partner; pp: group, page
    verb, values = pressed.verb, pressed.values
    partner = None
    if verb == "to":
        partner = await partner_service.partner_of_group(context.session, values[0])
        group_id = partner.group_id if partner else 0
    else:
        group_id = values[0]
    group = await coordinator_group(context, group_id)
    if group is None:
        await refuse(update, context)
        return
    chat_id, message_id = query.message.chat.id, query.message.message_id
    if verb == "post":
        await send_page(
            context, group.telegram_chat_id, Page(profile_text(context, group, lang=group.language))
        )
        await query.answer(plain(context.t("profile-posted")), show_alert=False)
        return
    await query.answer()
    if verb == "e":
        await ask_text(update, context, f"profile-{values[1]}", group.id, Reply(f"profile-ask-{values[1]}"))
    elif verb == "pp":
        await edit_page(context, chat_id, message_id, await partner_picker(context, group, values[1]))
    elif verb == "to":
        # A clean message to forward, then who to forward it to and how to reach them.
        await send_page(context, chat_id, Page(profile_text(context, group)))
        await send_page(
            context,
            chat_id,
            Page(
                context.t(
                    "profile-forward-to",
                    name=shorten(partner.name, 100),
                    contact=shorten(partner.contact, 300) or "-",
                )
            ),
        )


async def profile_field_answered(update: Update, context: BrugContext, pending: PendingReply, text: str) -> None:
    group = await group_for_answer(update, context, pending, text, coordinator_group)
    if group is None:
        return
    try:
        service.set_field(group, pending.kind.removeprefix("profile-"), text, context.now())
    except InvalidInput as problem:
        await ask_again(update, context, pending, problem)
        return
    await answered(context.session, pending.chat_id, pending.member_id)
    await context.commit()
    await send_page(context, update.effective_chat.id, editor_page(context, group, "profile-saved"))


# ---------------------------------------------------------------- every member: read and suggest


async def member_button(update: Update, context: BrugContext) -> None:
    """Open the profile (``g``), "Stel een wijziging voor" (``s``) and its part (``sf``): for every
    member of the group, privately; membership is checked on each press."""
    if not await private_button_only(update, context):
        return
    query = update.callback_query
    pressed = PROFILE.expect(query.data)  # g, s: group; sf: group, part
    group = await member_group(context, pressed.values[0])
    if group is None:
        await refuse(update, context)
        return
    await query.answer()
    chat_id, message_id = query.message.chat.id, query.message.message_id
    if pressed.verb == "g":
        await edit_page(context, chat_id, message_id, await profile_page(context, group))
    elif pressed.verb == "s":
        await edit_page(context, chat_id, message_id, suggest_page(context, group))
    else:
        field = pressed.values[1]
        await ask_text(
            update, context, f"profile-suggest-{field}", group.id,
            Reply("profile-suggest-ask", {"part": service.part_label(field)}),
        )


async def suggestion_answered(update: Update, context: BrugContext, pending: PendingReply, text: str) -> None:
    """The member's typed suggestion goes to the coordinators (still a member? checked again)."""
    group = await group_for_answer(update, context, pending, text, member_group)
    if group is None:
        return
    field = pending.kind.removeprefix("profile-suggest-")
    try:
        await service.suggest_change(
            context.session, group, context.identity.member, field, text, context.now()
        )
    except InvalidInput as problem:
        await ask_again(update, context, pending, problem)
        return
    await answered(context.session, pending.chat_id, pending.member_id)
    await context.commit()
    await send(context, update.effective_chat.id, Reply("profile-suggest-sent"))


async def suggestion_button(update: Update, context: BrugContext) -> None:
    """✅ Overnemen / Zo laten on a suggestion: for the group's coordinators, privately or in the group
    (where it lands when Brug cannot write to them). The message then says what was chosen."""
    query = update.callback_query
    pressed = PROFILE.expect(query.data)  # ok/no: the suggestion
    suggestion = await service.suggestion_by_id(context.session, pressed.values[0])
    if suggestion is None:
        await query.answer(plain(context.t("profile-suggestion-gone")), show_alert=True)
        return
    group = await coordinator_group(context, suggestion.group_id)
    if group is None:
        await refuse(update, context)
        return
    taken = pressed.verb == "ok"
    if taken:
        await service.take_over(context.session, suggestion, group, context.now())
        await context.commit()
    await query.answer()
    await edit(context, query.message.chat.id, query.message.message_id, service.decided(suggestion, taken))


HANDLERS = [
    CommandHandler(names("profiel"), profile_command),
    CallbackQueryHandler(
        profile_button,
        pattern=PROFILE.pattern("e", "post", "pp", "to"),
    ),
    CallbackQueryHandler(member_button, pattern=PROFILE.pattern("g", "s", "sf")),
    CallbackQueryHandler(suggestion_button, pattern=PROFILE.pattern("ok", "no")),
]
DEEP_LINKS = {"profiel": profile_deep_link}
REPLY_KINDS = {
    **{f"profile-{field}": profile_field_answered for field in service.FIELDS},
    **{f"profile-suggest-{field}": suggestion_answered for field in service.FIELDS},
}
