"""Again and again: the harvest's "Wie wil het nog eens doen?" in one tap.

After an action is harvested, whoever answered can start the next one: **once** (a copy on a day they
type), or as a **series** — every week on that weekday, or every month on "the first Saturday" (the nth
weekday of the month the action fell on; "the last" when it fell in the month's last week). Each time is
an action of its own: its own card in the group, its own support and commitments, its own harvest.

A series' rule sits on its latest action (``Action.series_rule``); ``series_of_id`` is the first one. The
reminders tick makes the next action ``lead`` days before its day — the day after the previous one for
a weekly series, two weeks before for a monthly one — so the group has time to back it and join in; a
unique (series, day) keeps two workers from making it twice. The card is posted by the tick right after
(``card_due_at`` is its lease), and the member who started the series hears it, with a button to stop.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.actions import decision_deadline_for, place_new_action
from bot.domain.buttons import SERIES
from bot.domain.listing import clip
from bot.domain.messages import Choice, Outgoing, Reply, rows
from bot.domain.zones import local_today
from storage.models import Action, ActionState, Group
from storage.repositories import series as repo

WEEK_LEAD = timedelta(days=6)
MONTH_LEAD = timedelta(days=14)
# A series stops making actions after this many in a row that nobody backed or joined: nobody is asked
# forever about a plan that has gone quiet.
QUIET_LIMIT = 3
TITLE_LIMIT = 200


@dataclass(frozen=True)
class Rule:
    """``week``: every week on ``weekday``; ``month``: the ``nth`` ``weekday`` of each month (-1: last)."""

    kind: str
    weekday: int
    nth: int = 0

    def encode(self) -> str:
        return f"week:{self.weekday}" if self.kind == "week" else f"month:{self.nth}:{self.weekday}"

    @classmethod
    def decode(cls, text: str | None) -> Rule | None:
        parts = (text or "").split(":")
        try:
            if parts[0] == "week" and len(parts) == 2:
                return cls("week", int(parts[1]) % 7)
            if parts[0] == "month" and len(parts) == 3 and int(parts[1]) in (1, 2, 3, 4, -1):
                return cls("month", int(parts[2]) % 7, int(parts[1]))
        except ValueError:
            return None
        return None

    @property
    def lead(self) -> timedelta:
        return WEEK_LEAD if self.kind == "week" else MONTH_LEAD

    def next_after(self, day: date) -> date:
        """The first day of the series after ``day``."""
        if self.kind == "week":
            return day + timedelta(days=(self.weekday - day.weekday() - 1) % 7 + 1)
        year, month = day.year, day.month
        while True:
            candidate = nth_weekday(year, month, self.weekday, self.nth)
            if candidate > day:
                return candidate
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)

    def words(self) -> Reply:
        """ "elke week op zaterdag", "elke eerste zaterdag van de maand"."""
        if self.kind == "week":
            return Reply("series-rule-week", args={"weekday": self.weekday})
        return Reply("series-rule-month", args={"nth": self.nth, "weekday": self.weekday})


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` ``weekday`` (0 = Monday) of a month; ``nth`` -1 is the last one."""
    days = calendar.monthrange(year, month)[1]
    if nth == -1:
        last = date(year, month, days)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def monthly_rule(day: date) -> Rule:
    """The rule of ``day``'s place in its month: the 5th Saturday, or any in the last week, is "the last"."""
    days = calendar.monthrange(day.year, day.month)[1]
    nth = -1 if day.day > days - 7 else (day.day - 1) // 7 + 1
    return Rule("month", day.weekday(), nth)


def weekly_rule(day: date) -> Rule:
    return Rule("week", day.weekday())


def rule_for(kind: str, day: date) -> Rule:
    return weekly_rule(day) if kind == "week" else monthly_rule(day)


def choices_after_harvest(action: Action) -> tuple[tuple[Choice, ...], ...]:
    """Under "Dank je wel!": once more, or every week / month on this weekday (only for a dated action)."""
    if action.due_on is None:
        return rows([Choice("series-button-again", payload=SERIES.data("again", action.id))])
    month = monthly_rule(action.due_on)
    return rows(
        [Choice("series-button-again", payload=SERIES.data("again", action.id))],
        [Choice("series-button-month", payload=SERIES.data("month", action.id),
                label_args={"nth": month.nth, "weekday": month.weekday})],
        [Choice("series-button-week", payload=SERIES.data("week", action.id),
                label_args={"weekday": action.due_on.weekday()})],
    )


def copy_of(action: Action, group: Group, day: date, member_id: int, now: datetime) -> Action:
    """The same action on another day: what, with whom, what we need and offer — no people, no harvest,
    and not what it joined then (time is the action's time: "sluit aan bij de kerstmarkt" was December)."""
    return Action(
        group_id=group.id,
        proposer_id=member_id,
        title=action.title,
        with_whom=action.with_whom,
        partner_id=action.partner_id,
        due_on=day,
        start_time=action.start_time,
        # What it joined (the kerstmarkt) and its agenda item were of that day: the next time is asked anew.
        joins_existing=None,
        agenda_item_id=None,
        we_need=action.we_need,
        we_offer=action.we_offer,
        contagious=action.contagious,
        state=ActionState.PROPOSED,
        decision_deadline=decision_deadline_for(group, day, now),
        last_activity_at=now,
        created_at=now,
        updated_at=now,
    )


async def once_more(
    session: AsyncSession, action: Action, group: Group, member_id: int, day: date, now: datetime
) -> Action:
    """ "Nog een keer": a copy on the day the member typed (posted by the caller)."""
    return await place_new_action(session, copy_of(action, group, day, member_id, now), group, member_id, now)


async def start(session: AsyncSession, action: Action, kind: str, member_id: int, now: datetime) -> Rule | None:
    """Make ``action`` the latest of a series (its own day decides the rule); None without a day."""
    if action.due_on is None:
        return None
    rule = rule_for(kind, action.due_on)
    latest = await repo.latest_of_series(session, action.series_of_id or action.id)
    holder = latest or action
    holder.series_rule = rule.encode()
    if holder.series_of_id is None:
        holder.series_of_id = holder.id
    # Whoever starts it proposes its next times (and is told, and can stop it).
    holder.series_by_id = member_id
    holder.updated_at = now
    return rule


async def stop(session: AsyncSession, action: Action) -> bool:
    """No more next times; the actions already made stay as they are."""
    stopped = await repo.clear_rules(session, action.series_of_id or action.id)
    return stopped > 0


@dataclass(frozen=True)
class NextTime:
    """What the tick did for one series: made its next ``action``, or found it gone quiet (``action`` is
    then its latest one, whose rule was taken off)."""

    action: Action
    group: Group
    rule: Rule
    went_quiet: bool = False

    @property
    def note_key(self) -> str:
        """Once each in the outbox: the note about a new time, and the one that the series ended."""
        return f"series-{'quiet' if self.went_quiet else 'next'}:action:{self.action.id}"


async def make_due(session: AsyncSession, now: datetime) -> list[NextTime]:
    """The next action of every series whose next day is within its lead; the card is the tick's."""
    made = []
    for latest, group in await repo.series_heads(session):
        rule = Rule.decode(latest.series_rule)
        if rule is None or latest.due_on is None:
            continue
        today = local_today(now, group.timezone)
        day = rule.next_after(max(latest.due_on, today - timedelta(days=1)))
        if day - rule.lead > today:
            continue
        if await repo.quiet_in_a_row(session, latest.series_of_id or latest.id) >= QUIET_LIMIT:
            latest.series_rule = None  # gone quiet: the series ends, the starter is told
            made.append(NextTime(latest, group, rule, went_quiet=True))
            continue
        starter = latest.series_by_id or latest.proposer_id
        following = copy_of(latest, group, day, starter, now)
        following.series_of_id = latest.series_of_id or latest.id
        following.series_rule = latest.series_rule
        following.series_by_id = starter
        following.card_due_at = now
        if not await repo.add_if_new(session, following):
            continue  # another worker made it
        latest.series_rule = None
        await place_new_action(session, following, group, starter, now)
        made.append(NextTime(following, group, rule))
    return made


def next_time_note(made: NextTime) -> Outgoing:
    """For the member who started the series: the next one is in the group, or the series went quiet."""
    action, group = made.action, made.group
    starter = action.series_by_id or action.proposer_id
    title = clip(action.title, TITLE_LIMIT)
    if made.went_quiet:
        return Outgoing(starter, group.id, Reply("series-went-quiet", args={"title": title}))
    return Outgoing(
        starter,
        group.id,
        Reply(
            "series-next-posted",
            args={"title": title, "day": action.due_on, "rule": made.rule.words(), "group": group.title},
            choices=rows([Choice("series-button-stop", payload=SERIES.data("stop", action.id))]),
        ),
    )
