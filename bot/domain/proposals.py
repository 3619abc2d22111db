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

The wizard is declared, not written out: ``STEPS`` is the table of questions (what each asks, where
"Vorige vraag" goes, where a typed answer is kept, what "ja", "nee" and "weet ik niet" mean there), and
``PRESSES`` has one function per button. ``ORDER``, ``PARENT`` and ``PREVIOUS`` are read off the table.

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
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.buttons import DRAFT
from bot.domain.dates import read_day, read_time, time_text
from bot.domain.listing import clip
from bot.domain.zones import local_today
from bot.domain.understanding import Meaning, is_digits, is_vague, meaning
from bot.domain.messages import Choice, Reply, rows
from storage.models import ActionDraft, Group, Member
from storage.repositories import actions as repo

DRAFT_TTL = timedelta(hours=24)
TITLE_LIMIT = 80
# Stored answers are capped; the card shows shorter excerpts.
ANSWER_LIMIT = 2000
MAX_CHOICE_BUTTONS = 6

# A question asked again from the summary ("re-when") returns to the summary when answered.
REDO_PREFIX = "re-"
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


@dataclass(frozen=True)
class Asking:
    """What a step needs to ask its question: the draft (its ``step`` says which question), the group,
    the database for the buttons (partners, agenda) and the moment."""

    session: AsyncSession
    draft: ActionDraft
    group: Group
    now: datetime


@dataclass(frozen=True)
class Detour:
    """A typed answer that leads elsewhere than the next question: ``step`` (in the same mode), after
    ``note``."""

    step: str
    note: Reply | None = None


@dataclass(frozen=True)
class Step:
    """One question of the proposal: what it asks, where "Vorige vraag" goes, where a typed answer is
    kept and what the member's words mean here. The wizard is this table (``STEPS``), read the same way
    by the chat and by the bridged transports, which press the same buttons."""

    name: str
    ask: Callable[[Asking], Awaitable[Reply]]
    back: str | None = None
    # A follow-up question ("kan het eenvoudiger?") counts as the question it follows.
    follows: str | None = None
    # Where a typed answer is kept; returns a detour when the answer leads elsewhere. None: the step
    # reads a day ("when") or only buttons ("summary", "redo").
    keep: Callable[[ActionDraft, str], Detour | None] | None = None
    reads_day: bool = False
    # A vague answer ("weet ik niet") skips the question, unless the step asks again instead.
    vague_asks_again: str | None = None
    # A typed "nee" presses this button; a typed "ja" is asked about (it names no content).
    no_presses: str | None = None
    yes_asks: str | None = None


def _asks(message: str, **fixed: object) -> Callable[[Asking], Awaitable[Reply]]:
    """A plain question with Overslaan, "Vorige vraag" and Stoppen."""

    async def ask(asking: Asking) -> Reply:
        return Reply(message, args=dict(fixed), choices=_buttons(asking.draft))

    return ask


async def _ask_title(asking: Asking) -> Reply:
    return Reply("draft-ask-title", args={"group": asking.group.title}, choices=_buttons(asking.draft))


async def _ask_title_long(asking: Asking) -> Reply:
    draft = asking.draft
    return Reply(
        "draft-title-long",
        args={"length": len(draft.title or ""), "limit": TITLE_LIMIT},
        choices=rows(
            [Choice("draft-button-keep", payload=DRAFT.data("keep", draft.id, draft.step), means="yes")],
            *_undo_and_stop(draft),
        ),
    )


async def _ask_with_whom(asking: Asking) -> Reply:
    draft = asking.draft
    partners = await repo.shortlist(asking.session, asking.group.id, MAX_CHOICE_BUTTONS)
    partner_rows = [
        [Choice(p.name, payload=DRAFT.data("partner", draft.id, draft.step, p.id), literal=True)]
        for p in partners
    ]
    return Reply("draft-ask-with-whom", args={"shortlist": len(partners)}, choices=_buttons(draft, *partner_rows))


async def _ask_when_long(asking: Asking) -> Reply:
    draft, group = asking.draft, asking.group
    today = local_today(asking.now, group.timezone)
    return Reply(
        "draft-when-long",
        args={
            "day": draft.due_on,
            "days": (draft.due_on - today).days if draft.due_on else 0,
            "max": group.max_action_days,
        },
        choices=rows(
            [Choice("draft-button-smaller", payload=DRAFT.data("smaller", draft.id, draft.step))],
            [Choice("draft-button-as-is", payload=DRAFT.data("keep", draft.id, draft.step))],
            *_undo_and_stop(draft),
        ),
    )


async def _ask_first_step(asking: Asking) -> Reply:
    return Reply("draft-ask-first-step", args={"goal": clip(asking.draft.goal, 300)}, choices=_buttons(asking.draft))


async def _ask_existing(asking: Asking) -> Reply:
    draft, group = asking.draft, asking.group
    today = local_today(asking.now, group.timezone)
    items = await repo.upcoming_agenda(asking.session, group.id, today, MAX_CHOICE_BUTTONS)
    item_rows = [
        [Choice(item.what, payload=DRAFT.data("agenda", draft.id, draft.step, item.id), literal=True)]
        for item in items
    ]
    no = [Choice("draft-button-no", payload=DRAFT.data("no", draft.id, draft.step), means="no")]
    choices = _buttons(draft, *item_rows, no)
    asked = Reply("draft-ask-existing", args={"agenda": len(items)}, choices=choices)
    # Partners as equals: what the partner named at "Met wie?" asked of us may be just what this joins.
    # One line above the question; it asks, it never blocks.
    partner = await repo.partner_in_group(asking.session, group.id, draft.partner_id) if draft.partner_id else None
    if partner is None or not partner.asks_of_us:
        return asked
    return Reply(
        "draft-partner-asks",
        args={"partner": clip(partner.name, 80), "asks": clip(partner.asks_of_us, 200), "question": asked},
        choices=choices,
    )


async def _ask_redo(asking: Asking) -> Reply:
    draft = asking.draft
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


async def _ask_summary(asking: Asking) -> Reply:
    return summary(asking.draft, asking.group, asking.now)


def _keep_title(draft: ActionDraft, value: str) -> Detour | None:
    draft.title = value
    return Detour("title_long") if len(value) > TITLE_LIMIT else None


def _keep_with_whom(draft: ActionDraft, value: str) -> Detour | None:
    draft.with_whom, draft.partner_id = value, None
    return None


def _keep_first_step(draft: ActionDraft, value: str) -> Detour | None:
    draft.title = value
    return Detour("when", Reply("draft-first-step-noted", args={"title": clip(value, 300)}))


def _keep_existing(draft: ActionDraft, value: str) -> Detour | None:
    draft.joins_existing, draft.agenda_item_id = value, None
    return None


def _keeps(column: str) -> Callable[[ActionDraft, str], Detour | None]:
    def keep(draft: ActionDraft, value: str) -> Detour | None:
        setattr(draft, column, value)
        return None

    return keep


# The questions in the order they are asked; follow-ups right after the question they follow.
STEPS: dict[str, Step] = {step.name: step for step in (
    Step("title", _ask_title, keep=_keep_title, vague_asks_again="draft-title-vague"),
    Step("title_long", _ask_title_long, back="title", follows="title", keep=_keep_title,
         vague_asks_again="draft-title-vague"),
    Step("with_whom", _ask_with_whom, back="title", keep=_keep_with_whom),
    Step("moving", _asks("draft-ask-moving"), back="with_whom", follows="with_whom", keep=_keep_with_whom),
    Step("when", _asks("draft-ask-when"), back="with_whom", reads_day=True),
    Step("when_long", _ask_when_long, back="when", follows="when", reads_day=True),
    Step("first_step", _ask_first_step, back="when", follows="when", keep=_keep_first_step),
    Step("existing", _ask_existing, back="when", keep=_keep_existing, no_presses="no",
         yes_asks="draft-existing-which"),
    Step("need", _asks("draft-ask-need"), back="existing", keep=_keeps("we_need")),
    Step("offer", _asks("draft-ask-offer"), back="need", keep=_keeps("we_offer")),
    Step("contagious", _asks("draft-ask-contagious"), back="offer", keep=_keeps("contagious")),
    Step("redo", _ask_redo),
    Step("summary", _ask_summary),
)}
# The main questions (a follow-up counts as the question it follows), then the summary.
ORDER = tuple(
    name for name, step in STEPS.items() if step.follows is None and (step.keep is not None or step.reads_day)
)
PARENT = {step.name: step.follows for step in STEPS.values() if step.follows}
PREVIOUS = {step.name: step.back for step in STEPS.values() if step.back}


async def question_for(
    session: AsyncSession, draft: ActionDraft, group: Group, now: datetime
) -> Reply:
    """The question that waits for the member at ``draft.step``, with its buttons."""
    name, _ = split_step(draft.step)
    step = STEPS.get(name, STEPS["summary"])
    return await step.ask(Asking(session, draft, group, now))


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
        when=draft.due_on, at=draft.start_time, with_whom=draft.with_whom, joins=draft.joins_existing,
        need=draft.we_need, offer=draft.we_offer, contagious=draft.contagious,
    )
    return lines


def detail_lines(
    *, when: date | None, with_whom: str | None, joins: str | None, need: str | None,
    offer: str | None, contagious: str | None, at: time | None = None,
) -> list[Reply]:
    """The lines of a proposal that have an answer, user text shortened so a card stays readable.

    ``at``: the time of day on ``when`` ("📅 zaterdag 19 december, 14:00"); None: the whole day.
    """
    lines = []
    if when is not None:
        lines.append(when_line(when, at))
    for message, value in (
        ("detail-with-whom", without_leading_with(with_whom)),
        ("detail-joins", joins),
        ("detail-need", need),
        ("detail-offer", offer),
        ("detail-contagious", contagious),
    ):
        if value:
            lines.append(Reply(message, args={"text": clip(value, 300)}))
    return lines


# "Met wie?" is often answered "met de buurvrouw": under "Samen met:" that read "Samen met: met de buurvrouw".
LEADING_WITH = re.compile(r"^\s*(?:met|with)\s+(?=\S)", re.IGNORECASE)


def without_leading_with(text: str | None) -> str | None:
    """The answer to "Met wie?" as the card shows it, without the "met" its label already says."""
    return LEADING_WITH.sub("", text) if text else text


def when_line(day: date, at: time | None = None) -> Reply:
    """ "📅 zaterdag 19 december", or with its time "📅 zaterdag 19 december, 14:00"."""
    if at is None:
        return Reply("detail-when", args={"day": day})
    return Reply("detail-when-at", args={"day": day, "time": time_of_day(at)})


def time_of_day(at: time) -> Reply:
    """A time of day in the reader's language: "14:00", "2:00 PM" (the same words as ``time_text``)."""
    return Reply("time-of-day", args={"clock": "", "h24": time_text(at, "nl"), "h12": time_text(at, "en")})


# ---------------------------------------------------------------- answers


async def answer_text(
    session: AsyncSession, draft: ActionDraft, group: Group, text: str, now: datetime
) -> DraftTurn:
    """A typed answer to the question at ``draft.step`` (``STEPS`` says where it goes).

    Buttons named by their words ("overslaan", "2", "nee") were pressed before this is called. What
    is left is content, unless it is vague ("weet ik nog niet", "niemand", "-"): then the question
    stays open, as if skipped, and a bare number is asked about rather than stored.
    """
    touch(draft, now)
    name, _ = split_step(draft.step)
    step = STEPS.get(name, STEPS["summary"])
    value = clean(text)

    async def again() -> Reply:
        return await question_for(session, draft, group, now)

    if step.keep is None and not step.reads_day:
        return DraftTurn([Reply("draft-use-buttons"), await again()])
    if value is None:
        return DraftTurn([Reply("draft-empty"), await again()])
    if step.reads_day:
        return await _answer_day(session, draft, group, value, now)
    if BARE_NUMBER.match(value):
        return DraftTurn([Reply("draft-number-only", choices=(await again()).choices)])
    if step.yes_asks and meaning(value) == Meaning.YES:
        # "ja" says it joins something, not what: ask for the what instead of storing "ja".
        return DraftTurn([Reply(step.yes_asks, choices=(await again()).choices)])
    if is_vague(value):
        if step.vague_asks_again:
            return DraftTurn([Reply(step.vague_asks_again), await again()])
        if step.no_presses and meaning(value) == Meaning.NO:
            return await press(session, draft, group, step.no_presses, None, now)
        turn = await press(session, draft, group, "skip", None, now)
        return DraftTurn([Reply("draft-skipped"), *turn.replies])
    assert step.keep is not None
    detour = step.keep(draft, value)
    if detour is not None:
        draft.step = same_mode(draft.step, detour.step)
        return DraftTurn([*([detour.note] if detour.note else []), await again()])
    return await _advance(session, draft, group, now, [])


async def _answer_day(
    session: AsyncSession, draft: ActionDraft, group: Group, value: str, now: datetime
) -> DraftTurn:
    """A typed day: noted when clear, proposed back when Brug is unsure, skipped when vague.

    A time comes with it ("zaterdag 14:00"), or alone: then it goes with the day the proposal has
    ("Aanpassen" > "Wanneer?" > "om 3 uur"), or waits for the day typed next ("om 2 uur" > "zaterdag").
    """
    today = local_today(now, group.timezone)
    reading = read_day(value, today)
    if reading is None:
        at = read_time(value)
        if at is not None and split_step(draft.step)[0] == "when":
            if draft.due_on is not None and draft.due_on >= today:
                return await _set_day(session, draft, group, draft.due_on, now, at=at)
            if draft.due_on is None:
                draft.start_time = at
                asked = Reply("draft-when-time-only", args={"time": time_of_day(at)}, choices=_buttons(draft))
                return DraftTurn([asked])
        if is_vague(value):
            turn = await press(session, draft, group, "skip", None, now)
            return DraftTurn([Reply("draft-skipped"), *turn.replies])
        return DraftTurn([Reply("draft-when-unclear", choices=_buttons(draft))])
    # A time typed before its day waits on the draft (a draft without a day shows no time).
    at = reading.start_time or (draft.start_time if draft.due_on is None else None)
    if not reading.sure:
        step = draft.step
        day_arg = day_payload(reading.day, at)
        return DraftTurn([Reply("draft-day-confirm", args={"day": reading.day}, choices=rows(
            [Choice("date-button-yes", payload=DRAFT.data("day", draft.id, step, day_arg), means="yes",
                    label_args={"day": reading.day})],
            [Choice("date-button-other", payload=DRAFT.data("dayno", draft.id, step), means="no")],
            *_undo_and_stop(draft),
        ))])
    return await _set_day(session, draft, group, reading.day, now, part=reading.part_of_day, at=at)


# A day with its time in the 9 digits a button's argument holds: days since 1 January 2000, then minutes
# since midnight ("Ja, zaterdag 28 december" keeps the "om 3 uur" typed with it). A day alone: YYYYMMDD.
DAY_ZERO = date(2000, 1, 1)


def day_payload(day: date, at: time | None) -> str:
    if at is None:
        return f"{day:%Y%m%d}"
    return f"{(day - DAY_ZERO).days:05d}{at.hour * 60 + at.minute:04d}"


def read_day_payload(arg: str) -> tuple[date, time | None] | None:
    """``day_payload`` read back; None for anything else (a forged or old button)."""
    if not is_digits(arg):
        return None
    try:
        if len(arg) == 8:
            return date(int(arg[:4]), int(arg[4:6]), int(arg[6:])), None
        if len(arg) == 9 and int(arg[5:]) < 24 * 60:
            minutes = int(arg[5:])
            return DAY_ZERO + timedelta(days=int(arg[:5])), time(minutes // 60, minutes % 60)
    except (ValueError, OverflowError):
        return None
    return None


async def _set_day(
    session: AsyncSession, draft: ActionDraft, group: Group, day: date, now: datetime,
    *, part: str | None = None, at: time | None = None,
) -> DraftTurn:
    """The day (and its time of day, or None: the whole day) the proposal is for."""
    today = local_today(now, group.timezone)
    draft.due_on, draft.start_time = day, at
    if (day - today).days > group.max_action_days:
        draft.step = same_mode(draft.step, "when_long")
        return DraftTurn([await question_for(session, draft, group, now)])
    if at is not None:
        return await _advance(session, draft, group, now, [
            Reply("draft-when-noted-at", args={"day": day, "time": time_of_day(at)})
        ])
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


@dataclass(frozen=True)
class Pressing:
    """A button on the question at ``draft.step``: its verb's function gets this."""

    session: AsyncSession
    draft: ActionDraft
    group: Group
    arg: str | None
    now: datetime

    @property
    def name(self) -> str:
        return split_step(self.draft.step)[0]

    async def ask(self, *before: Reply) -> DraftTurn:
        return DraftTurn([*before, await question_for(self.session, self.draft, self.group, self.now)])

    async def advance(self) -> DraftTurn:
        return await _advance(self.session, self.draft, self.group, self.now, [])


async def _stop(p: Pressing) -> DraftTurn:
    # A mis-tap must not lose the proposal: it is kept, and "/actie" picks it up again.
    draft = p.draft
    draft.updated_at, draft.expires_at = p.now, p.now + PAUSED_TTL
    return DraftTurn([Reply("draft-paused", choices=rows(
        [Choice("draft-button-resume", payload=DRAFT.data("resume", draft.id, draft.step), means="yes")],
        [Choice("draft-button-discard", payload=DRAFT.data("discard", draft.id, draft.step))],
    ))], stopped=True)


async def _discard(p: Pressing) -> DraftTurn:
    await repo.delete_draft(p.session, p.draft)
    return DraftTurn([Reply("draft-stopped")], stopped=True)


async def _resume(p: Pressing) -> DraftTurn:
    return await p.ask()


async def _undo(p: Pressing) -> DraftTurn:
    draft = p.draft
    if p.name == "first_step" and draft.goal:
        # Back from "which first step?": the big plan is the plan again, and needs its day.
        draft.title, draft.goal = draft.goal, None
    back = previous_step(draft.step)
    if back is not None:
        draft.step = back
    return await p.ask(Reply("draft-undone"))


async def _day(p: Pressing) -> DraftTurn:
    chosen = read_day_payload(p.arg or "")
    if chosen is None:
        return await p.ask()
    day, at = chosen
    return await _set_day(p.session, p.draft, p.group, day, p.now, at=at)


async def _day_no(p: Pressing) -> DraftTurn:
    return DraftTurn([Reply("draft-day-other", choices=_buttons(p.draft))])


async def _skip(p: Pressing) -> DraftTurn:
    draft = p.draft
    if p.name == "first_step":
        # No words for the step: the plan keeps its title (so it is no step towards itself), and
        # only its day gets nearer.
        draft.title, draft.goal = draft.goal or draft.title, None
        draft.step = same_mode(draft.step, "when")
        return await p.ask()
    if p.name == "with_whom" and not draft.with_whom and not draft.partner_id:
        # Nobody named yet: one more try, the seed's question.
        draft.step = same_mode(draft.step, "moving")
        return await p.ask()
    return await p.advance()


async def _keep_as_is(p: Pressing) -> DraftTurn:  # "Zo laten" (long title) or "Toch zo" (long period)
    return await p.advance()


async def _smaller(p: Pressing) -> DraftTurn:
    # Think ahead, work in the now: the big plan stays as the goal, the first step gets its own
    # words and its own (nearer) day.
    draft = p.draft
    draft.goal = draft.goal or draft.title
    draft.step = same_mode(draft.step, "first_step")
    draft.due_on = draft.start_time = None
    return await p.ask(Reply("draft-smaller-step"))


async def _no(p: Pressing) -> DraftTurn:
    p.draft.joins_existing = p.draft.agenda_item_id = None
    return await p.advance()


async def _partner(p: Pressing) -> DraftTurn:
    partner = await repo.partner_in_group(p.session, p.group.id, int(p.arg)) if p.arg else None
    if partner is None:
        return await p.ask(Reply("draft-choice-gone"))
    p.draft.partner_id, p.draft.with_whom = partner.id, partner.name
    return await p.advance()


async def _agenda(p: Pressing) -> DraftTurn:
    item = await repo.agenda_item_in_group(p.session, p.group.id, int(p.arg)) if p.arg else None
    if item is None:
        return await p.ask(Reply("draft-choice-gone"))
    p.draft.agenda_item_id, p.draft.joins_existing = item.id, item.what
    return await p.advance()


async def _edit(p: Pressing) -> DraftTurn:
    p.draft.step = "redo"
    return await p.ask()


async def _back(p: Pressing) -> DraftTurn:
    p.draft.step = "summary"
    return await p.ask()


async def _redo(p: Pressing) -> DraftTurn:
    if p.arg in REDO_CHOICES:
        p.draft.step = REDO_PREFIX + p.arg
    return await p.ask()


async def _post(p: Pressing) -> DraftTurn:
    if not p.draft.title:
        p.draft.step = REDO_PREFIX + "title"
        return await p.ask(Reply("draft-title-needed"))
    return DraftTurn(place=True)


# Every button of the proposal questions (``bot.domain.buttons.DRAFT``'s verbs but "grp", which picks the group).
PRESSES: dict[str, Callable[[Pressing], Awaitable[DraftTurn]]] = {
    "stop": _stop, "discard": _discard, "resume": _resume, "undo": _undo, "day": _day, "dayno": _day_no,
    "skip": _skip, "keep": _keep_as_is, "smaller": _smaller, "no": _no, "partner": _partner,
    "agenda": _agenda, "edit": _edit, "back": _back, "redo": _redo, "post": _post,
}


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
    pressing = Pressing(session, draft, group, arg, now)
    found = PRESSES.get(verb)
    return await found(pressing) if found is not None else await pressing.ask()
