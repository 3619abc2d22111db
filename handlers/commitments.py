"""Telegram glue for commitments: 🙋 Ik doe mee, what and by when, ✅ Gedaan, 📅 Later, ↩️ Loslaten, /mijn.

The ``c:done``, ``c:later`` and ``c:rel`` buttons also arrive from the reminders' overdue message, in a
private chat or (when Brug cannot write privately) in the group; they work from any message, and only
for the member whose commitment it is. ``c:done`` and ``c:miss`` (Niet gelukt) also answer the question the
harvest asks a member with a task (``bot.domain.actions.settle_commitments``), so they still work once the action
is done.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.domain.commands import names
from bot.domain.buttons import ACTION, COMMITMENT
from bot.domain import lookup
from bot.domain import commitments as domain
from bot.domain.actions import CLOSED_STATES
from bot.domain.listing import clip
from bot.road.context import BrugContext
from bot.domain.dates import DayReading, read_day
from bot.domain.zones import local_today
from bot.domain.understanding import Meaning, is_vague, meaning
from handlers.answers import ask_again, day_answer, part_of_day
from bot.domain.messages import Reply
from bot.domain.pending import answered
from handlers.actions import (
    alert,
    announce_running,
    ask,
    back_to_draft,
    load_card_action,
    notify,
    plain,
    refresh_card,
    say,
    say_edit,
    say_to_member,
    stale,
    start_harvest,
)
from handlers.common import private_only
from storage.models import Action, ActionState, Commitment, CommitmentStatus, Group, PendingReply


# ---------------------------------------------------------------- joining


async def join_pressed(update: Update, context: BrugContext) -> None:
    loaded = await load_card_action(update, context)
    if loaded is None:
        return
    action, group = loaded
    member = context.identity.member
    result = await domain.join(context.session, action, group, member, context.now())
    if result.outcome == "already":
        await alert(update, context, "commit-already")
        return
    await context.commit()
    await update.callback_query.answer(plain(context.t("commit-joined-alert")))
    await refresh_card(context, action, group)
    if result.became_running:
        await announce_running(context, action, group)
    await ask(
        context, member, group, domain.what_question(action, result.commitment, None),
        kind="commit_what", subject_id=result.commitment.id, reply_to=action.card_message_id,
    )


# ---------------------------------------------------------------- the member's own commitment


async def load_own(
    update: Update, context: BrugContext
) -> tuple[Commitment, Action, Group] | None:
    """The commitment a button names, if it is the presser's own and its action is still open — or
    done, for the two answers to "Is het gelukt?" that the harvest asks (``AFTER_DONE``)."""
    verb = context.matches[0].group(1)
    commitment_id = int(context.matches[0].group(2))
    commitment = await lookup.commitment(context.session, commitment_id)
    action = await lookup.action(context.session, commitment.action_id) if commitment else None
    group = await lookup.group(context.session, action.group_id) if action else None
    if commitment is None or action is None or group is None:
        await stale(update, context)
        return None
    if commitment.member_id != context.identity.member.id:
        await alert(update, context, "commit-not-yours")
        return None
    if action.state in CLOSED_STATES and not (action.state == ActionState.DONE and verb in AFTER_DONE):
        await alert(update, context, "card-closed")
        return None
    if verb == "miss" and action.state != ActionState.DONE:
        await stale(update, context)  # "Niet gelukt" is only ever asked after the harvest
        return None
    return commitment, action, group


# Still answerable once the action is done: ✅ Gedaan and Niet gelukt.
AFTER_DONE = ("done", "miss")


async def commitment_pressed(update: Update, context: BrugContext) -> None:
    verb = context.matches[0].group(1)
    loaded = await load_own(update, context)
    if loaded is None:
        return
    commitment, action, group = loaded
    query = update.callback_query
    chat_id, message_id = query.message.chat.id, query.message.message_id
    member = context.identity.member
    now = context.now()
    if commitment.status == CommitmentStatus.DONE and verb != "keep":
        await alert(update, context, "commit-already-done")
        return
    if commitment.status == CommitmentStatus.RELEASED and verb != "keep":
        await alert(update, context, "commit-already-released")
        return
    if verb == "plain":
        await query.answer()
        await domain.set_what(context.session, commitment, group, None, now)
        await ask_when(update, context, commitment, action, group)
    elif verb == "dflt":
        await query.answer()
        await finish_when(context, commitment, action, group, commitment.due_on, chat_id)
    elif verb == "done":
        all_done = await domain.mark_done(context.session, commitment, action, group, now)
        await context.commit()
        await query.answer(plain(context.t("commit-done-alert")))
        await say_edit(context, chat_id, message_id, Reply(
            "commit-done", args={"title": clip(action.title, 200)}))
        await refresh_card(context, action, group)
        if all_done:
            proposer = await lookup.member(context.session, action.proposer_id)
            await start_harvest(context, action, group, proposer, intro="harvest-all-done")
    elif verb == "later":
        await query.answer()
        await ask(context, member, group,
                  Reply("commit-ask-later", args={"title": clip(action.title, 200)}),
                  kind="commit_later", subject_id=commitment.id, reply_to=action.card_message_id)
    elif verb == "rel":
        await query.answer()
        await say(context, chat_id, domain.release_confirmation(commitment, action))
    elif verb == "relok":
        await domain.release(context.session, commitment, action, group, now)
        await context.commit()
        await query.answer()
        title = clip(action.title, 200)
        await say_edit(context, chat_id, message_id, Reply("commit-released", args={"title": title}))
        await refresh_card(context, action, group)
        proposer = await lookup.member(context.session, action.proposer_id)
        if proposer is not None and proposer.id != member.id:
            await notify(context, proposer,
                         Reply("commit-released-proposer", args={"name": member.first_name, "title": title}),
                         group, reply_to=action.card_message_id)
    elif verb == "keep":
        await query.answer()
        await say_edit(context, chat_id, message_id,
                       Reply("commit-kept", args={"title": clip(action.title, 200)}))
    elif verb == "miss":
        # "Niet gelukt" after the harvest: released, so it is never late; the card keeps its record.
        await domain.release(context.session, commitment, action, group, now)
        await context.commit()
        await query.answer()
        await say_edit(context, chat_id, message_id,
                       Reply("commit-missed", args={"title": clip(action.title, 200)}))


async def finish_when(
    context: BrugContext, commitment: Commitment, action: Action, group: Group, day, chat_id: int,
    *, part: Any = "",
) -> None:
    await domain.set_due(context.session, commitment, group, day, context.now())
    await answered(context.session, chat_id, commitment.member_id)
    await context.commit()
    # The card shows who joins, not what or when: it stays as it is.
    member = await lookup.member(context.session, commitment.member_id)
    await say_to_member(context, chat_id, member, domain.noted(commitment, action, part), group)
    await back_to_draft(context, chat_id)


# ---------------------------------------------------------------- typed answers


async def pending_commitment(
    update: Update, context: BrugContext, pending: PendingReply
) -> tuple[Commitment, Action, Group] | None:
    commitment = await lookup.commitment(context.session, pending.subject_id or 0)
    action = await lookup.action(context.session, commitment.action_id) if commitment else None
    group = await lookup.group(context.session, action.group_id) if action else None
    if (
        commitment is None or action is None or group is None or commitment.status != CommitmentStatus.OPEN
        or action.state in CLOSED_STATES
    ):
        await answered(context.session, pending.chat_id, pending.member_id)
        await say(context, update.effective_chat.id, Reply("answer-too-late"))
        return None
    return commitment, action, group


async def what_answered(update: Update, context: BrugContext, pending: PendingReply, text: str) -> None:
    loaded = await pending_commitment(update, context, pending)
    if loaded is None:
        return
    commitment, action, group = loaded
    if not text:
        await ask_again(update, context, pending,
                        Reply("answer-empty", choices=domain.what_question(action, commitment).choices))
        return
    # "weet ik nog niet", "niks bijzonders", "ja": plain joining, not a task called "ja".
    task = None if is_vague(text) or meaning(text) == Meaning.YES else text
    await domain.set_what(context.session, commitment, group, task, context.now())
    await ask_when(update, context, commitment, action, group)


async def ask_when(
    update: Update, context: BrugContext, commitment: Commitment, action: Action, group: Group
) -> None:
    """By when? Asked where the member is: the same chat they answered in. Plain joining of a dated
    action is not asked: it is on the action's day."""
    if domain.joins_on_the_day(commitment, action):
        await finish_when(context, commitment, action, group, action.due_on, update.effective_chat.id)
        return
    await ask(context, context.identity.member, group, domain.when_question(commitment),
              kind="commit_when", subject_id=commitment.id, reply_to=action.card_message_id)


async def commitment_and_day(
    update: Update, context: BrugContext, pending: PendingReply, text: str
) -> tuple[Commitment, Action, Group, date, Any] | None:
    """The commitment a date answer is for, and the day typed; None when it was answered already
    (the commitment is gone, or the date was unclear and asked again or proposed back)."""
    loaded = await pending_commitment(update, context, pending)
    if loaded is None:
        return None
    commitment, action, group = loaded
    today = local_today(context.now(), group.timezone)
    if pending.kind == "commit_when" and commitment.due_on is not None and read_day(text, today) is None \
            and meaning(text) in (Meaning.UNKNOWN, Meaning.SKIP):
        # "weet ik nog niet": the action's own day stays, nothing is lost.
        reading: DayReading | None = DayReading(commitment.due_on, True, None)
    else:
        reading = await day_answer(update, context, pending, text, today)
    if reading is None:
        return None
    if pending.kind == "commit_when" and action.due_on is not None and reading.day > action.due_on:
        # Time is the action's time: "vrijdag" typed on a Friday evening means next Friday, after a
        # Saturday action. A part of the action is done by its day: ask again, the action's day one tap.
        await ask_again(update, context, pending, Reply(
            "commit-after-action", args={"day": reading.day, "action_day": action.due_on},
            choices=domain.when_question(commitment).choices,
        ))
        return None
    return commitment, action, group, reading.day, part_of_day(reading)


async def when_answered(update: Update, context: BrugContext, pending: PendingReply, text: str) -> None:
    found = await commitment_and_day(update, context, pending, text)
    if found is None:
        return
    commitment, action, group, day, part = found
    await finish_when(context, commitment, action, group, day, update.effective_chat.id, part=part)


async def later_answered(update: Update, context: BrugContext, pending: PendingReply, text: str) -> None:
    found = await commitment_and_day(update, context, pending, text)
    if found is None:
        return
    commitment, action, group, day, part = found
    await domain.set_due(context.session, commitment, group, day, context.now())
    await answered(context.session, pending.chat_id, pending.member_id)
    await context.commit()
    await say(context, update.effective_chat.id, Reply(
        "commit-moved", args={"title": clip(action.title, 200), "day": day, "part": part}))
    await back_to_draft(context, update.effective_chat.id)


# ---------------------------------------------------------------- /mijn


@private_only
async def my_commitments(update: Update, context: BrugContext) -> None:
    chat_id = update.effective_chat.id
    for reply in await domain.my_commitments(context.session, context.identity.member):
        await say(context, chat_id, reply)


HANDLERS = [
    CommandHandler(names("mijn"), my_commitments),
    CallbackQueryHandler(join_pressed, pattern=ACTION.pattern("join")),
    CallbackQueryHandler(
        commitment_pressed,
        pattern=COMMITMENT.pattern("plain", "dflt", "done", "later", "rel", "relok", "keep", "miss"),
    ),
]

REPLY_KINDS = {
    "commit_what": what_answered,
    "commit_when": when_answered,
    "commit_later": later_answered,
}
