"""Writing a proposal: six short questions, the building-block check and a tip for each open block.

A draft is a row (``ActionDraft``), one per member per group; ``draft.step`` is the question that waits
for an answer, so a restart or a second worker continues where the member was. A draft that lay still
for 24 hours expires: the next touch says so gently and starts afresh.

The steps, in the order the issue gives them (every one can be skipped, "Stoppen" is always there):

1. ``title``       Wat ga je doen?   (longer than 80 characters → ``title_long``: "kan het eenvoudiger?")
2. ``with_whom``   Met wie?          (the group's partner shortlist as buttons; nobody named → ``moving``:
                                      "wie beweegt er al?")
3. ``when``        Wanneer?          (forgiving dates; past the group's maximum → ``when_long``:
                                      "past er een kleinere eerste stap in?" → ``first_step``: "wat is
                                      die stap?", the big plan kept as the goal, then ``when`` again)
4. ``existing``    Sluit het aan bij iets dat al gebeurt?  (the group's agenda as buttons, free text, "Nee")
5. ``need``        Wat hebben wij nodig?  then ``offer``: Wat kunnen we voor elkaar betekenen?
6. ``contagious``  Hoe kunnen anderen meedoen of het nadoen?

then ``summary`` (Plaatsen / Aanpassen / Stoppen) and ``redo`` (which question to answer again). A step
asked again from the summary carries the prefix ``re-`` and returns to the summary when answered.

Building blocks (``building_blocks``), each covered or open:

- samen:        someone is named to do it with (free text or a partner from the shortlist);
- eenvoudig:    there is a title of at most 80 characters;
- kort:         there is a date within the group's maximum number of days (default 28);
- besmettelijk: the question how others join in or copy it was answered;
- hier en nu:   it joins something that already happens (an agenda item or free text);
- wederkerig:   BOTH reciprocity questions were answered ("wat hebben wij nodig?" and
                "wat kunnen we voor elkaar betekenen?").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.buttons import DRAFT
from bot.dates import read_day
from bot.listing import clip

from bot.zones import local_today
from bot.understanding import Meaning, is_vague, meaning
from bot.messages import Choice, Reply, rows
from storage.models import ActionDraft, Group, Member
from storage.repositories import actions as repo

DRAFT_TTL = timedelta(hours=24)
TITLE_LIMIT = 80
# Stored answers are capped; the card shows shorter excerpts.
ANSWER_LIMIT = 2000
MAX_CHOICE_BUTTONS = 6

ORDER = ("title", "with_whom", "when", "existing", "need", "offer", "contagious")
# Follow-up questions and the step they belong to.
PARENT = {"title_long": "title", "moving": "with_whom", "when_long": "when", "first_step": "when"}
REDO_PREFIX = "re-"
# "Vorige vraag": where each question goes back to (follow-ups go back to their own question).
PREVIOUS = {
    "title_long": "title", "with_whom": "title", "moving": "with_whom", "when": "with_whom",
    "when_long": "when", "first_step": "when", "existing": "when", "need": "existing", "offer": "need", "contagious": "offer",
}
# A paused draft waits this long for "/actie" before it is gone.
PAUSED_TTL = timedelta(days=7)
BARE_NUMBER = re.compile(r"^\s*\d{1,3}\s*[.)]?\s*$")
# What the "Aanpassen" menu offers; "need" asks both reciprocity questions again.
REDO_CHOICES = ("title", "with_whom", "when", "existing", "need", "contagious")
BLOCKS = ("samen", "eenvoudig", "kort", "besmettelijk", "hier_en_nu", "wederkerig")


@dataclass
class DraftTurn:
    """What the member sees next (private messages, in order) and whether the draft was placed."""

    replies: list[Reply] = field(default_factory=list)
    place: bool = False
    stopped: bool = False


# ---------------------------------------------------------------- steps


def split_step(step: str) -> tuple[str, bool]:
    """("when", True) for "re-when": the step and whether it was asked again from the summary."""
    if step.startswith(REDO_PREFIX):
        return step[len(REDO_PREFIX) :], True
    return step, False


def base_step(step: str) -> str:
    name, _ = split_step(step)
    return PARENT.get(name, name)


def step_after(step: str) -> str:
    """The question that follows ``step`` (follow-ups count as their parent)."""
    name, redo = split_step(step)
    parent = PARENT.get(name, name)
    if redo:
        return REDO_PREFIX + "offer" if parent == "need" else "summary"
    if parent not in ORDER:
        return "summary"
    index = ORDER.index(parent)
    return ORDER[index + 1] if index + 1 < len(ORDER) else "summary"


def same_mode(step: str, name: str) -> str:
    """``name`` asked in the same mode as ``step`` (again-from-the-summary or first time)."""
    _, redo = split_step(step)
    return REDO_PREFIX + name if redo else name


# ---------------------------------------------------------------- life cycle


def is_expired(draft: ActionDraft, now: datetime) -> bool:
    return draft.expires_at <= now


def touch(draft: ActionDraft, now: datetime) -> None:
    draft.updated_at = now
    draft.expires_at = now + DRAFT_TTL


@dataclass
class DraftStart:
    draft: ActionDraft
    resumed: bool
    expired: bool
    # The member had paused it with Stoppen (it waited longer than an untouched draft would).
    paused: bool = False


async def start_draft(
    session: AsyncSession, group: Group, member: Member, now: datetime, title: str | None = None
) -> DraftStart:
    """The member's draft for ``group``: the open one continues, an expired one starts afresh.

    ``title`` (from ``/actie Soep koken``) fills the first question of a new draft.
    """
    draft = await repo.draft_for(session, group.id, member.id)
    expired = False
    if draft is not None and is_expired(draft, now):
        await repo.delete_draft(session, draft)
        draft, expired = None, True
    if draft is not None:
        paused = draft.expires_at - draft.updated_at > DRAFT_TTL
        touch(draft, now)
        return DraftStart(draft, resumed=True, expired=False, paused=paused)
    draft = ActionDraft(
        group_id=group.id, member_id=member.id, step="title", created_at=now, updated_at=now,
        expires_at=now + DRAFT_TTL,
    )
    title = clean(title)
    if title:
        draft.title = title
        draft.step = "title_long" if len(title) > TITLE_LIMIT else "with_whom"
    await repo.add(session, draft)
    return DraftStart(draft, resumed=False, expired=expired)


async def restart_expired(
    session: AsyncSession, draft: ActionDraft, group: Group, member: Member, now: datetime
) -> DraftTurn:
    """The gentle note for a draft that lay still too long, and the first question of a fresh one."""
    await repo.delete_draft(session, draft)
    fresh = await start_draft(session, group, member, now)
    question = await question_for(session, fresh.draft, group, now)
    return DraftTurn([Reply("draft-expired"), question])


def clean(text: str | None) -> str | None:
    if text is None:
        return None
    text = " ".join(text.split()) if "\n" not in text else text.strip()
    return text[:ANSWER_LIMIT] or None


# ---------------------------------------------------------------- questions


def _buttons(draft: ActionDraft, *extra_rows: list[Choice], skip: bool = True) -> tuple:
    """The question's own choices between the fixed ones: Overslaan always first (the same number on
    every question), then "Vorige vraag", and Stoppen always last."""
    step = draft.step
    top = [Choice("draft-button-skip", payload=DRAFT.data("skip", draft.id, step), means="skip")] if skip else []
    return rows(top, *extra_rows, *_undo_and_stop(draft))


def _undo_and_stop(draft: ActionDraft) -> tuple[list[Choice], ...]:
    step = draft.step
    undo = (
        [Choice("draft-button-undo", payload=DRAFT.data("undo", draft.id, step), means="undo")]
        if previous_step(step) else []
    )
    return undo, [Choice("draft-button-stop", payload=DRAFT.data("stop", draft.id, step), means="stop")]


def previous_step(step: str) -> str | None:
    """The question "Vorige vraag" goes back to; a question asked again from the summary goes back
    to the summary."""
    name, redo = split_step(step)
    if redo:
        return "summary"
    return PREVIOUS.get(name)


async def question_for(
    session: AsyncSession, draft: ActionDraft, group: Group, now: datetime
) -> Reply:
    """The question that waits for the member at ``draft.step``, with its buttons."""
    name, _ = split_step(draft.step)
    step = draft.step
    if name == "title":
        return Reply("draft-ask-title", args={"group": group.title}, choices=_buttons(draft))
    if name == "title_long":
        return Reply(
            "draft-title-long",
            args={"length": len(draft.title or ""), "limit": TITLE_LIMIT},
            choices=rows(
                [Choice("draft-button-keep", payload=DRAFT.data("keep", draft.id, step), means="yes")],
                *_undo_and_stop(draft),
            ),
        )
    if name == "with_whom":
        partners = await repo.shortlist(session, group.id, MAX_CHOICE_BUTTONS)
        partner_rows = [
            [Choice(p.name, payload=DRAFT.data("partner", draft.id, step, p.id), literal=True)]
            for p in partners
        ]
        return Reply(
            "draft-ask-with-whom",
            args={"shortlist": len(partners)},
            choices=_buttons(draft, *partner_rows),
        )
    if name == "moving":
        return Reply("draft-ask-moving", choices=_buttons(draft))
    if name == "when":
        return Reply("draft-ask-when", choices=_buttons(draft))
    if name == "when_long":
        today = local_today(now, group.timezone)
        return Reply(
            "draft-when-long",
            args={
                "day": draft.due_on,
                "days": (draft.due_on - today).days if draft.due_on else 0,
                "max": group.max_action_days,
            },
            choices=rows(
                [Choice("draft-button-smaller", payload=DRAFT.data("smaller", draft.id, step))],
                [Choice("draft-button-as-is", payload=DRAFT.data("keep", draft.id, step))],
                *_undo_and_stop(draft),
            ),
        )
    if name == "first_step":
        return Reply("draft-ask-first-step", args={"goal": clip(draft.goal, 300)}, choices=_buttons(draft))
    if name == "existing":
        today = local_today(now, group.timezone)
        items = await repo.upcoming_agenda(session, group.id, today, MAX_CHOICE_BUTTONS)
        item_rows = [
            [Choice(item.what, payload=DRAFT.data("agenda", draft.id, step, item.id), literal=True)]
            for item in items
        ]
        return Reply(
            "draft-ask-existing",
            args={"agenda": len(items)},
            choices=_buttons(
                draft, *item_rows, [Choice("draft-button-no", payload=DRAFT.data("no", draft.id, step), means="no")]
            ),
        )
    if name == "need":
        return Reply("draft-ask-need", choices=_buttons(draft))
    if name == "offer":
        return Reply("draft-ask-offer", choices=_buttons(draft))
    if name == "contagious":
        return Reply("draft-ask-contagious", choices=_buttons(draft))
    if name == "redo":
        return Reply(
            "draft-ask-redo",
            choices=rows(
                *[
                    [Choice(
                        f"draft-redo-{choice.replace('_', '-')}", payload=DRAFT.data("redo", draft.id, "redo", choice)
                    )]
                    for choice in REDO_CHOICES
                ],
                [Choice("draft-button-back", payload=DRAFT.data("back", draft.id, "redo"))],
            ),
        )
    return summary(draft, group, now)


# ---------------------------------------------------------------- building blocks and summary


def building_blocks(
    *,
    title: str | None,
    with_whom: str | None,
    partner_id: int | None,
    due_on: date | None,
    joins_existing: str | None,
    agenda_item_id: int | None,
    we_need: str | None,
    we_offer: str | None,
    contagious: str | None,
    today: date,
    max_days: int,
) -> dict[str, bool]:
    """Each building block covered (True) or open (False); the rules are in the module docstring."""
    return {
        "samen": bool(with_whom or partner_id),
        "eenvoudig": bool(title) and len(title or "") <= TITLE_LIMIT,
        "kort": due_on is not None and (due_on - today).days <= max_days,
        "besmettelijk": bool(contagious),
        "hier_en_nu": bool(joins_existing or agenda_item_id),
        "wederkerig": bool(we_need) and bool(we_offer),
    }


def blocks_of_draft(draft: ActionDraft, group: Group, today: date) -> dict[str, bool]:
    return building_blocks(
        title=draft.title, with_whom=draft.with_whom, partner_id=draft.partner_id,
        due_on=draft.due_on, joins_existing=draft.joins_existing,
        agenda_item_id=draft.agenda_item_id, we_need=draft.we_need, we_offer=draft.we_offer,
        contagious=draft.contagious, today=today, max_days=group.max_action_days,
    )


def block_marks(blocks: dict[str, bool]) -> Reply:
    """One line with every block, covered or open: ✅ samen · ✅ eenvoudig · ◻️ kort · …

    Private coaching only (the proposer's summary, the coordinators' dashboard): the group's card
    shows ``block_chips``, what is good and nothing else.
    """
    return Reply(
        "blocks-line",
        args={
            name.replace("_", ""): Reply(
                "block-covered" if covered else "block-open",
                args={"block": Reply(f"block-{name.replace('_', '-')}")},
            )
            for name, covered in blocks.items()
        },
    )


def block_chips(blocks: dict[str, bool]) -> Reply | str:
    """The covered blocks as friendly chips for the group: 🤝 samen · ✨ eenvoudig · 📅 kort.

    Open blocks are not shown in public (their tips go to the proposer privately); nothing covered
    gives "" (no line at all).
    """
    chips = [Reply(f"block-chip-{name.replace('_', '-')}") for name, covered in blocks.items() if covered]
    if not chips:
        return ""
    line = chips[-1]
    for chip in reversed(chips[:-1]):
        line = Reply("blocks-chips", args={"chip": chip, "more": line})
    return line


def block_tips(blocks: dict[str, bool]) -> list[Reply]:
    """One tip from the seed for every open building block."""
    return [Reply(f"tip-{name.replace('_', '-')}") for name, covered in blocks.items() if not covered]


def open_block_tips(blocks: dict[str, bool]) -> list[Reply]:
    """Every open block by its plain name with its tip: the proposer's private note after posting."""
    return [
        Reply(
            "draft-posted-tip",
            args={"block": Reply(f"block-{name.replace('_', '-')}"), "tip": Reply(f"tip-{name.replace('_', '-')}")},
        )
        for name, covered in blocks.items()
        if not covered
    ]


def summary(draft: ActionDraft, group: Group, now: datetime) -> Reply:
    today = local_today(now, group.timezone)
    blocks = blocks_of_draft(draft, group, today)
    tips = block_tips(blocks)
    body = [*draft_details(draft), block_marks(blocks)]
    if tips:
        body.append(Reply("draft-tips", args={"tips": tips}))
    return Reply(
        "draft-summary",
        args={"body": body},
        choices=rows(
            [Choice("draft-button-post", payload=DRAFT.data("post", draft.id, "summary"), means="yes")],
            [Choice("draft-button-edit", payload=DRAFT.data("edit", draft.id, "summary"))],
            [Choice("draft-button-stop", payload=DRAFT.data("stop", draft.id, "summary"), means="stop")],
        ),
    )


def draft_details(draft: ActionDraft) -> list[Reply]:
    lines = [Reply("detail-title", args={"title": clip(draft.title, 300) or "…"})]
    if draft.goal:
        lines.append(Reply("card-goal", args={"goal": clip(draft.goal, 300)}))
    lines += detail_lines(
        when=draft.due_on, with_whom=draft.with_whom, joins=draft.joins_existing,
        need=draft.we_need, offer=draft.we_offer, contagious=draft.contagious,
    )
    return lines


def detail_lines(
    *, when: date | None, with_whom: str | None, joins: str | None, need: str | None,
    offer: str | None, contagious: str | None,
) -> list[Reply]:
    """The lines of a proposal that have an answer, user text shortened so a card stays readable."""
    lines = []
    if when is not None:
        lines.append(Reply("detail-when", args={"day": when}))
    for message, value in (
        ("detail-with-whom", with_whom),
        ("detail-joins", joins),
        ("detail-need", need),
        ("detail-offer", offer),
        ("detail-contagious", contagious),
    ):
        if value:
            lines.append(Reply(message, args={"text": clip(value, 300)}))
    return lines


# ---------------------------------------------------------------- answers


async def answer_text(
    session: AsyncSession, draft: ActionDraft, group: Group, text: str, now: datetime
) -> DraftTurn:
    """A typed answer to the question at ``draft.step``.

    Buttons named by their words ("overslaan", "2", "nee") were pressed before this is called. What
    is left is content, unless it is vague ("weet ik nog niet", "niemand", "-"): then the question
    stays open, as if skipped, and a bare number is asked about rather than stored.
    """
    touch(draft, now)
    name, _ = split_step(draft.step)
    value = clean(text)
    if name in ("summary", "redo"):
        return DraftTurn([Reply("draft-use-buttons"), await question_for(session, draft, group, now)])
    if value is None:
        return DraftTurn([Reply("draft-empty"), await question_for(session, draft, group, now)])
    if name in ("when", "when_long"):
        return await _answer_day(session, draft, group, value, now)
    if BARE_NUMBER.match(value):
        question = await question_for(session, draft, group, now)
        return DraftTurn([Reply("draft-number-only", choices=question.choices)])
    if name == "existing" and meaning(value) == Meaning.YES:
        # "ja" says it joins something, not what: ask for the what instead of storing "ja".
        question = await question_for(session, draft, group, now)
        return DraftTurn([Reply("draft-existing-which", choices=question.choices)])
    if is_vague(value):
        if name in ("title", "title_long"):
            return DraftTurn([Reply("draft-title-vague"), await question_for(session, draft, group, now)])
        if name == "existing" and meaning(value) == Meaning.NO:
            return await press(session, draft, group, "no", None, now)
        turn = await press(session, draft, group, "skip", None, now)
        return DraftTurn([Reply("draft-skipped"), *turn.replies])
    replies: list[Reply] = []
    if name == "first_step":
        draft.title = value
        draft.step = same_mode(draft.step, "when")
        return DraftTurn([Reply("draft-first-step-noted", args={"title": clip(value, 300)}),
                          await question_for(session, draft, group, now)])
    if name in ("title", "title_long"):
        draft.title = value
        if len(value) > TITLE_LIMIT:
            draft.step = same_mode(draft.step, "title_long")
            return DraftTurn([await question_for(session, draft, group, now)])
    elif name in ("with_whom", "moving"):
        draft.with_whom, draft.partner_id = value, None
    elif name == "existing":
        draft.joins_existing, draft.agenda_item_id = value, None
    elif name == "need":
        draft.we_need = value
    elif name == "offer":
        draft.we_offer = value
    elif name == "contagious":
        draft.contagious = value
    return await _advance(session, draft, group, now, replies)


async def _answer_day(
    session: AsyncSession, draft: ActionDraft, group: Group, value: str, now: datetime
) -> DraftTurn:
    """A typed day: noted when clear, proposed back when Brug is unsure, skipped when vague."""
    today = local_today(now, group.timezone)
    reading = read_day(value, today)
    if reading is None:
        if is_vague(value):
            turn = await press(session, draft, group, "skip", None, now)
            return DraftTurn([Reply("draft-skipped"), *turn.replies])
        return DraftTurn([Reply("draft-when-unclear", choices=_buttons(draft))])
    if not reading.sure:
        step = draft.step
        return DraftTurn([Reply("draft-day-confirm", args={"day": reading.day}, choices=rows(
            [Choice("date-button-yes", payload=DRAFT.data("day", draft.id, step, f"{reading.day:%Y%m%d}"), means="yes",
                    label_args={"day": reading.day})],
            [Choice("date-button-other", payload=DRAFT.data("dayno", draft.id, step), means="no")],
            *_undo_and_stop(draft),
        ))])
    return await _set_day(session, draft, group, reading.day, now, part=reading.part_of_day)


async def _set_day(
    session: AsyncSession, draft: ActionDraft, group: Group, day: date, now: datetime,
    *, part: str | None = None,
) -> DraftTurn:
    today = local_today(now, group.timezone)
    draft.due_on = day
    if (day - today).days > group.max_action_days:
        draft.step = same_mode(draft.step, "when_long")
        return DraftTurn([await question_for(session, draft, group, now)])
    parts = {"morning": "part-morning", "afternoon": "part-afternoon", "evening": "part-evening"}
    part_reply: Reply | str = Reply(parts[part]) if part in parts else ""
    return await _advance(session, draft, group, now, [Reply("draft-when-noted", args={"day": day, "part": part_reply})])


async def _advance(
    session: AsyncSession, draft: ActionDraft, group: Group, now: datetime, replies: list[Reply]
) -> DraftTurn:
    draft.step = step_after(draft.step)
    await session.flush()
    replies.append(await question_for(session, draft, group, now))
    return DraftTurn(replies)


async def press(
    session: AsyncSession,
    draft: ActionDraft,
    group: Group,
    verb: str,
    arg: str | None,
    now: datetime,
) -> DraftTurn:
    """A button on the question at ``draft.step`` (the caller checked the button belongs to it)."""
    touch(draft, now)
    name, _ = split_step(draft.step)
    if verb == "stop":
        # A mis-tap must not lose the proposal: it is kept, and "/actie" picks it up again.
        draft.updated_at, draft.expires_at = now, now + PAUSED_TTL
        step = draft.step
        return DraftTurn([Reply("draft-paused", choices=rows(
            [Choice("draft-button-resume", payload=DRAFT.data("resume", draft.id, step), means="yes")],
            [Choice("draft-button-discard", payload=DRAFT.data("discard", draft.id, step))],
        ))], stopped=True)
    if verb == "discard":
        await repo.delete_draft(session, draft)
        return DraftTurn([Reply("draft-stopped")], stopped=True)
    if verb == "resume":
        return DraftTurn([await question_for(session, draft, group, now)])
    if verb == "undo":
        if name == "first_step" and draft.goal:
            # Back from "which first step?": the big plan is the plan again, and needs its day.
            draft.title, draft.goal = draft.goal, None
        back = previous_step(draft.step)
        if back is not None:
            draft.step = back
        return DraftTurn([Reply("draft-undone"), await question_for(session, draft, group, now)])
    if verb == "day" and arg is not None and arg.isdigit() and len(arg) == 8:
        chosen = date(int(arg[:4]), int(arg[4:6]), int(arg[6:]))
        return await _set_day(session, draft, group, chosen, now)
    if verb == "dayno":
        return DraftTurn([Reply("draft-day-other", choices=_buttons(draft))])
    if verb == "skip" and name == "first_step":
        # No words for the step: the plan keeps its title (so it is no step towards itself), and
        # only its day gets nearer.
        draft.title, draft.goal = draft.goal or draft.title, None
        draft.step = same_mode(draft.step, "when")
        return DraftTurn([await question_for(session, draft, group, now)])
    if verb == "skip":
        if name == "with_whom" and not draft.with_whom and not draft.partner_id:
            # Nobody named yet: one more try, the seed's question.
            draft.step = same_mode(draft.step, "moving")
            return DraftTurn([await question_for(session, draft, group, now)])
        return await _advance(session, draft, group, now, [])
    if verb == "keep":  # "Zo laten" (long title) or "Toch zo" (long period)
        return await _advance(session, draft, group, now, [])
    if verb == "smaller":
        # Think ahead, work in the now: the big plan stays as the goal, the first step gets its
        # own words and its own (nearer) day.
        draft.goal = draft.goal or draft.title
        draft.step = same_mode(draft.step, "first_step")
        draft.due_on = None
        return DraftTurn([Reply("draft-smaller-step"), await question_for(session, draft, group, now)])
    if verb == "no":
        draft.joins_existing = draft.agenda_item_id = None
        return await _advance(session, draft, group, now, [])
    if verb == "partner" and arg is not None:
        partner = await repo.partner_in_group(session, group.id, int(arg))
        if partner is None:
            return DraftTurn([Reply("draft-choice-gone"), await question_for(session, draft, group, now)])
        draft.partner_id, draft.with_whom = partner.id, partner.name
        return await _advance(session, draft, group, now, [])
    if verb == "agenda" and arg is not None:
        item = await repo.agenda_item_in_group(session, group.id, int(arg))
        if item is None:
            return DraftTurn([Reply("draft-choice-gone"), await question_for(session, draft, group, now)])
        draft.agenda_item_id, draft.joins_existing = item.id, item.what
        return await _advance(session, draft, group, now, [])
    if verb == "edit":
        draft.step = "redo"
        return DraftTurn([await question_for(session, draft, group, now)])
    if verb == "back":
        draft.step = "summary"
        return DraftTurn([await question_for(session, draft, group, now)])
    if verb == "redo" and arg in REDO_CHOICES:
        draft.step = REDO_PREFIX + arg
        return DraftTurn([await question_for(session, draft, group, now)])
    if verb == "post":
        if not draft.title:
            draft.step = REDO_PREFIX + "title"
            return DraftTurn([Reply("draft-title-needed"), await question_for(session, draft, group, now)])
        return DraftTurn(place=True)
    return DraftTurn([await question_for(session, draft, group, now)])
