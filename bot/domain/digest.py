"""The weekly digest of a group: what was proposed, what runs (and who does what), what still needs hands,
what was done, and what is in the pipeline in the neighbourhood ("in de pijplijn": the agenda of the
coming weeks and what has no date yet). Nothing to say → no digest.

"Lopend" holds running actions whose day is today or later (or not set): an action whose day has passed
waits for its harvest, not for helpers. Done and let-go actions are never running.

Built for all the groups whose digest is due in one tick at once, in a constant number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.messages import Reply
from bot.domain.proposals import time_of_day
from bot.domain.source import tip_of_the_week
from bot.domain.zones import local_today
from storage.models import LIVE_ACTION_STATES, ActionState, Group, Member
from storage.repositories import reminders as repo

WEEK = timedelta(days=7)
# "In de pijplijn": the agenda of the coming four weeks.
AGENDA_AHEAD = timedelta(days=28)
MAX_LINES = 8
# "Zoekt nog handen": a live action with fewer open commitments than this.
FEW_HANDS = 2
LIVE_STATES = LIVE_ACTION_STATES


async def weekly_digests(
    session: AsyncSession, groups: list[Group], now: datetime
) -> dict[int, Reply | None]:
    """Per group id the digest to send, or None when there is nothing to say this week."""
    if not groups:
        return {}
    group_ids = [group.id for group in groups]
    actions = await repo.actions_of_groups(session, group_ids, closed_since=now - WEEK)
    live_ids = [action.id for action in actions if action.state in LIVE_STATES]
    commitments = await repo.open_commitments_of_actions(session, live_ids)
    proposers = await repo.by_ids(session, Member, {action.proposer_id for action in actions})
    # The earliest local "today" opens the agenda window; each group drops what is past for it below.
    today = min(local_today(now, group.timezone) for group in groups)
    agenda = await repo.agenda_between(session, group_ids, today, today + AGENDA_AHEAD, undated=True)

    commitments_of: dict[int, list] = defaultdict(list)
    for commitment, member in commitments:
        commitments_of[commitment.action_id].append((commitment, member))
    agenda_of: dict[int, list] = defaultdict(list)
    for item in agenda:
        agenda_of[item.group_id].append(item)

    digests: dict[int, Reply | None] = {}
    for group in groups:
        mine = [action for action in actions if action.group_id == group.id]
        here_today = local_today(now, group.timezone)
        # Soonest first (on one day by its time, as the agenda), undated last; a day that has passed is
        # no longer "lopend".
        ahead = sorted(
            (a for a in mine if a.state in LIVE_STATES and (a.due_on is None or a.due_on >= here_today)),
            key=lambda a: _soonest(a.due_on, a.start_time, a.id),
        )
        new = [a for a in mine if a.state == ActionState.PROPOSED and a.created_at >= now - WEEK]
        running = [a for a in ahead if a.state == ActionState.RUNNING]
        hands = [a for a in ahead if len(commitments_of.get(a.id, [])) < FEW_HANDS]
        # Its day has passed but nobody closed it yet: not running, not done — "hoe ging het?".
        happened = sorted(
            (a for a in mine if a.state == ActionState.RUNNING and a.due_on is not None and a.due_on < here_today),
            key=lambda a: (a.due_on, a.id),
        )
        done = [a for a in mine if a.state == ActionState.DONE]
        sections = []
        if new:
            sections.append(_section("digest-section-new", [
                Reply("digest-line-proposal", args={
                    "title": a.title,
                    "proposer": proposers[a.proposer_id].first_name if a.proposer_id in proposers else "?",
                })
                for a in new
            ]))
        if running:
            sections.append(_section("digest-section-running", [
                _running_line(a, commitments_of.get(a.id, [])) for a in running
            ]))
        if hands:
            sections.append(_section("digest-section-hands", [
                Reply("digest-line-hands", args={
                    "title": a.title,
                    "day": _day(a.due_on, a.start_time),
                    "count": len(commitments_of.get(a.id, [])),
                })
                for a in hands
            ]))
        coming = [a for a in ahead if a.neighbours_coming]
        if coming:
            # "Ik kom ook" from the public pages: the neighbourhood answers, and the group hears it.
            sections.append(_section("digest-section-neighbours", [
                Reply("digest-line-neighbours", args={"title": a.title, "count": a.neighbours_coming})
                for a in coming
            ]))
        if happened:
            sections.append(_section("digest-section-happened", [
                Reply("digest-line-happened", args={"title": a.title, "day": a.due_on}) for a in happened
            ]))
        if done:
            sections.append(_section("digest-section-done", [
                Reply("digest-line-done", args={"title": a.title}) for a in done
            ]))
        # Dated (this group's today onwards) first, then what has no date yet.
        pipeline = sorted(
            (item for item in agenda_of.get(group.id, [])
             if item.happens_on is None or item.happens_on >= here_today),
            key=lambda item: _soonest(item.happens_on, item.start_time, item.id),
        )
        if pipeline:
            sections.append(_section("digest-section-agenda", [
                Reply(
                    "digest-line-agenda" if item.happens_on else "digest-line-agenda-undated",
                    args={
                        "what": item.what,
                        "day": _day(item.happens_on, item.start_time),
                        "place": Reply("digest-place", args={"place": item.place}) if item.place else "",
                    },
                )
                for item in pipeline
            ]))
        if sections:
            # A tip from the research each week (/bron): only with news, never a message of its own.
            sections.append(Reply("digest-section-tip", args={"tip": tip_of_the_week(here_today)}))
        digests[group.id] = Reply("digest", args={"sections": sections}) if sections else None
    return digests


def _soonest(day: date | None, at: time | None, row_id: int) -> tuple:
    """Soonest first, no date last; on one day the whole day first, then by time (as /agenda)."""
    return (day is None, day or date.min, at is not None, at or time.min, row_id)


def _day(day: date | None, at: time | None) -> date | Reply:
    """ "zaterdag 5 december", with its own time "zaterdag 5 december, 14:00", or "nog geen datum"."""
    if day is None:
        return Reply("digest-no-date")
    if at is None:
        return day
    return Reply("day-at", args={"day": day, "time": time_of_day(at)})


def _section(message_id: str, lines: list[Reply]) -> Reply:
    shown = lines[:MAX_LINES]
    if len(lines) > len(shown):
        shown.append(Reply("digest-line-more", args={"count": len(lines) - len(shown)}))
    return Reply(message_id, args={"lines": shown})


def _running_line(action, commitments: list) -> Reply:
    who = [
        Reply(
            "digest-commitment",
            args={"name": member.first_name, "what": commitment.what or Reply("reminder-what-join")},
        )
        for commitment, member in commitments
    ]
    return Reply(
        "digest-line-running",
        args={
            "title": action.title,
            "day": _day(action.due_on, action.start_time),
            "who": who or Reply("digest-nobody-yet"),
        },
    )
