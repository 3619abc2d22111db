"""Telegram glue for writing a proposal: ``/actie`` in the group, the questions in the private chat.

The group sees one short line when someone starts, and the finished card; the questions go to the
private chat (directly if the member started Brug before, else through a deep link button
``/start actie_<group id>``), where any text answers the question that waits.
"""

from __future__ import annotations

from datetime import timedelta

from telegram import Chat as TgChat
from telegram import Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.domain.groups import mark_inactive
from bot.domain.commands import names
from bot.domain.buttons import ACTION, DRAFT, NEIGHBOURHOOD
from bot.domain import lookup
from bot.domain import proposals as domain
from bot.domain.actions import posted_tips, propose_action
from bot.road.context import BrugContext
from bot.domain.members import ensure_membership
from bot.domain.listing import row_id
from bot.domain.messages import Choice, Reply, rows
from bot.domain.pending import answered, ask as ask_pending, remember_prompt
from handlers.actions import (
    drop_buttons,
    member_language,
    post_card,
    say,
    say_privately,
    stale,
)
from handlers.common import deep_link
from handlers.typed import choices_of_reply, store_choices
from storage.models import ActionDraft, ActionState, Group, Member, PendingReply

# Longer than the draft itself, so that a late answer still hears that the draft expired.
PENDING_TTL = timedelta(days=7)


# ---------------------------------------------------------------- starting


async def propose_command(update: Update, context: BrugContext) -> None:
    """/actie [title]: in a group start there; privately pick the group first."""
    chat = update.effective_chat
    title = " ".join(context.args or []) or None
    if chat.type in (TgChat.GROUP, TgChat.SUPERGROUP):
        await start_in_group(update, context, title)
        return
    member = context.identity.member
    groups = await lookup.groups_of_member(context.session, member.id)
    if not groups:
        await say(context, chat.id, Reply("draft-no-group", choices=rows(
            [Choice("button-add-to-group", url=f"https://t.me/{context.bot.username}?startgroup=brug")]
        )))
    elif len(groups) == 1:
        await continue_privately(context, groups[0], member, title)
    else:
        await say(context, chat.id, Reply("draft-pick-group", choices=rows(
            *[[Choice(g.title, payload=DRAFT.data("grp", g.id), literal=True)] for g in groups[:10]]
        )))


async def start_in_group(update: Update, context: BrugContext, title: str | None) -> None:
    identity = context.identity
    group, member = identity.group, identity.member
    message_id = update.effective_message.message_id
    start = await domain.start_draft(context.session, group, member, context.now(), title)
    if await send_turn(context, member, start.draft, await opening(context, start, group, member)):
        await say(context, group.telegram_chat_id,
                  Reply("draft-started-group", args={"name": member.first_name}), reply_to=message_id)
        return
    await say(
        context, group.telegram_chat_id,
        Reply(
            "draft-started-group-link",
            args={"name": member.first_name},
            choices=rows([Choice("draft-button-continue-private",
                                 url=deep_link(context, f"actie_{group.id}"))]),
        ),
        reply_to=message_id,
    )


async def opening(
    context: BrugContext, start: domain.DraftStart, group: Group, member: Member
) -> Reply:
    """The first line: continuing (questions were asked before), starting afresh, or the intro."""
    pending = await lookup.question_for_member(context.session, member.telegram_user_id, member.id)
    asked_before = pending is not None and pending.kind == "draft" and pending.subject_id == start.draft.id
    if start.resumed and (asked_before or start.paused):
        return Reply("draft-resumed", args={"group": group.title})
    if start.expired:
        return Reply("draft-expired")
    return Reply("draft-intro", args={"group": group.title})


async def continue_privately(
    context: BrugContext, group: Group, member: Member, title: str | None = None
) -> None:
    start = await domain.start_draft(context.session, group, member, context.now(), title)
    await send_turn(context, member, start.draft, await opening(context, start, group, member))


async def send_turn(
    context: BrugContext, member: Member, draft: ActionDraft, *first: Reply,
    turn: domain.DraftTurn | None = None,
) -> bool:
    """Send the next messages of the draft privately and wait for a typed answer there.

    False when Brug cannot write to the member privately (never started, or blocked).
    """
    group = await lookup.group(context.session, draft.group_id)
    replies = list(first)
    if turn is not None:
        replies += turn.replies
    else:
        replies.append(await domain.question_for(context.session, draft, group, context.now()))
    last = None
    for reply in replies:
        last = await say_privately(context, member, reply)
        if last is None:
            return False
    pending = await ask_pending(
        context.session, chat_id=member.telegram_user_id, member_id=member.id, kind="draft",
        subject_id=draft.id, now=context.now(), ttl=PENDING_TTL,
    )
    # The question's buttons, so "overslaan", "2" or "stop" typed presses them.
    remember_prompt(pending, last.message_id)
    store_choices(pending, choices_of_reply(context, replies[-1], member_language(context, member)))
    return True


async def deep_link_opened(update: Update, context: BrugContext, rest: str) -> None:
    """/start actie_<group id>: the button from the group opened the private chat."""
    member = context.identity.member
    group = await member_group(context, rest)
    if group is None:
        await say(context, update.effective_chat.id, Reply("draft-not-in-group"))
        return
    await continue_privately(context, group, member)


async def member_group(context: BrugContext, group_id_text: str) -> Group | None:
    """The active group with that id, if the member belongs to it (a link can be forwarded)."""
    if row_id(group_id_text) is None:
        return None
    group = await lookup.group(context.session, int(group_id_text))
    if group is None or not group.active:
        return None
    member = context.identity.member
    membership = await lookup.membership(context.session, group.id, member.id)
    if membership is None and await in_group_says_telegram(context, group, member):
        # A member who never spoke in the group yet (privacy mode hides their chatter): Telegram
        # knows they are in it, so they may propose there.
        membership = await ensure_membership(context.session, group, member, context.now())
    return group if membership is not None else None


async def in_group_says_telegram(context: BrugContext, group: Group, member: Member) -> bool:
    try:
        place = await context.bot.get_chat_member(group.telegram_chat_id, member.telegram_user_id)
    except TelegramError:
        return False
    return place.status in ("creator", "administrator", "member", "restricted")


async def group_picked(update: Update, context: BrugContext) -> None:
    group = await member_group(context, context.matches[0].group(2))
    if group is None:
        await stale(update, context)
        return
    await update.callback_query.answer()
    await drop_buttons(update)
    await continue_privately(context, group, context.identity.member)


async def resume_open_draft(context: BrugContext, member: Member) -> None:
    """After another private question was answered: back to the proposal the member was writing.

    One question waits per chat, so joining an action halfway through a draft took the draft's turn;
    this gives it back, repeating the draft's question so the member knows where they were.
    """
    draft = await lookup.open_draft_of_member(context.session, member.id, context.now())
    if draft is None:
        return
    await send_turn(context, member, draft, Reply("draft-back"))


# Another feature's private question was answered: the draft gets its turn back (handlers.actions).
AFTER_PRIVATE_ANSWER = [resume_open_draft]


# ---------------------------------------------------------------- buttons on the questions


async def draft_pressed(update: Update, context: BrugContext) -> None:
    match = context.matches[0]
    verb, draft_id, step = match.group(1), int(match.group(2)), match.group(3)
    arg = match.group(4) if match.re.groups >= 4 else None
    member = context.identity.member
    draft = await lookup.draft(context.session, draft_id)
    if draft is None or draft.member_id != member.id:
        await stale(update, context)
        return
    group = await lookup.group(context.session, draft.group_id)
    now = context.now()
    if domain.is_expired(draft, now):
        await update.callback_query.answer()
        turn = await domain.restart_expired(context.session, draft, group, member, now)
        fresh = await lookup.draft_for(context.session, group.id, member.id)
        await send_turn(context, member, fresh, turn=turn)
        return
    if draft.step != step:
        await stale(update, context)
        return
    await update.callback_query.answer()
    await drop_buttons(update)
    turn = await domain.press(context.session, draft, group, verb, arg, now)
    await follow_up(context, member, draft, group, turn)


async def follow_up(
    context: BrugContext, member: Member, draft: ActionDraft, group: Group, turn: domain.DraftTurn
) -> None:
    chat_id = member.telegram_user_id
    if turn.stopped:
        await answered(context.session, chat_id, member.id)
        for reply in turn.replies:
            await say(context, chat_id, reply)
        return
    if turn.place:
        await place(context, member, draft, group)
        return
    await send_turn(context, member, draft, turn=turn)


async def place(context: BrugContext, member: Member, draft: ActionDraft, group: Group) -> None:
    """Plaatsen: the proposal becomes a card in the group."""
    chat_id = member.telegram_user_id
    if not group.active:
        await say(context, chat_id, Reply("draft-group-gone", args={"group": group.title}))
        return
    try:
        # A savepoint: if Telegram refuses the card, no action exists without its card.
        async with context.session.begin_nested():
            action = await propose_action(context.session, draft, group, member, context.now())
            await post_card(context, action, group)
    except Forbidden:
        # Brug was removed from the group and has not heard it yet: keep the draft, say so.
        mark_inactive(group, context.now())
        await say(context, chat_id, Reply("draft-group-gone", args={"group": group.title}))
        return
    await answered(context.session, chat_id, member.id)
    await context.commit()
    # Soon enough to simply do it: it runs at once, and the proposer hears that instead of "wait".
    posted = "draft-posted-quick" if action.state == ActionState.RUNNING else "draft-posted"
    note = Reply(posted, args={"group": group.title})
    tips = posted_tips(action, group)
    if tips:
        # The open blocks with a tip each, for the proposer alone: the card shows only what is good.
        note = Reply("draft-posted-tips", args={"posted": note, "tips": tips})
    # The proposer's own buttons: change the name or the day, or withdraw it — privately; and show it
    # to the neighbourhood when Brug has public pages.
    neighbourhood = [Choice("neighbourhood-button-open", payload=NEIGHBOURHOOD.data("a", action.id))]
    await say(context, chat_id, Reply(note.message, note.args, choices=rows(
        [Choice("steer-button-title", payload=ACTION.data("title", action.id))],
        [Choice("steer-button-other-day", payload=ACTION.data("later", action.id))],
        neighbourhood if context.services.settings.neighbourhood_url else [],
        [Choice("steer-button-withdraw", payload=ACTION.data("letgo", action.id))],
    )))


# ---------------------------------------------------------------- typed answers


async def draft_answered(
    update: Update, context: BrugContext, pending: PendingReply, text: str
) -> None:
    member = context.identity.member
    draft = await lookup.draft(context.session, pending.subject_id or 0)
    if draft is None or draft.member_id != member.id:
        await answered(context.session, pending.chat_id, pending.member_id)
        await say(context, update.effective_chat.id, Reply("draft-gone"))
        return
    group = await lookup.group(context.session, draft.group_id)
    now = context.now()
    if domain.is_expired(draft, now):
        turn = await domain.restart_expired(context.session, draft, group, member, now)
        fresh = await lookup.draft_for(context.session, group.id, member.id)
        await send_turn(context, member, fresh, turn=turn)
        return
    turn = await domain.answer_text(context.session, draft, group, text, now)
    await follow_up(context, member, draft, group, turn)


HANDLERS = [
    CommandHandler(names("actie"), propose_command),
    CallbackQueryHandler(group_picked, pattern=DRAFT.pattern("grp")),
    CallbackQueryHandler(
        draft_pressed,
        pattern=DRAFT.pattern(
            "skip", "stop", "keep", "smaller", "no", "post", "edit", "back", "undo", "resume", "discard", "dayno"
        ),
    ),
    CallbackQueryHandler(
        draft_pressed, pattern=DRAFT.pattern("partner", "agenda", "redo", "day")
    ),
]

DEEP_LINKS = {"actie": deep_link_opened}
REPLY_KINDS = {"draft": draft_answered}
