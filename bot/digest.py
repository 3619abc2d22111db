"""The weekly digest of a group: what was proposed, what runs (and who does what), what was done, and
what is coming up in the neighbourhood ("in de pijplijn"). Nothing to say → no digest.

Built for all the groups whose digest is due in one tick at once, in a constant number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.messages import Reply
from bot.quiet_hours import local_day
from storage.models import Group, Member
from storage.repositories import reminders as repo

WEEK = timedelta(days=7)
# "In de pijplijn": the agenda of the coming four weeks.
AGENDA_AHEAD = timedelta(days=28)
MAX_LINES = 8


async def weekly_digests(
    session: AsyncSession, groups: list[Group], now: datetime
) -> dict[int, Reply | None]:
    """Per group id the digest to send, or None when there is nothing to say this week."""
    if not groups:
        return {}
    group_ids = [group.id for group in groups]
    actions = await repo.actions_of_groups(session, group_ids, closed_since=now - WEEK)
    running_ids = [action.id for action in actions if action.state == "running"]
    commitments = await repo.open_commitments_of_actions(session, running_ids)
    proposers = await repo.by_ids(session, Member, {action.proposer_id for action in actions})
    # The widest local "today" is fine for the agenda window: groups rarely differ by a day.
    today = min(local_day(now, group.timezone) for group in groups)
    agenda = await repo.agenda_between(session, group_ids, today, today + AGENDA_AHEAD)

    commitments_of: dict[int, list] = defaultdict(list)
    for commitment, member in commitments:
        commitments_of[commitment.action_id].append((commitment, member))
    agenda_of: dict[int, list] = defaultdict(list)
    for item in agenda:
        agenda_of[item.group_id].append(item)

    digests: dict[int, Reply | None] = {}
    for group in groups:
        mine = [action for action in actions if action.group_id == group.id]
        new = [a for a in mine if a.state == "proposed" and a.created_at >= now - WEEK]
        running = [a for a in mine if a.state == "running"]
        done = [a for a in mine if a.state == "done"]
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
        if done:
            sections.append(_section("digest-section-done", [
                Reply("digest-line-done", args={"title": a.title}) for a in done
            ]))
        if agenda_of.get(group.id):
            sections.append(_section("digest-section-agenda", [
                Reply(
                    "digest-line-agenda",
                    args={
                        "what": item.what,
                        "day": item.happens_on,
                        "place": Reply("digest-place", args={"place": item.place}) if item.place else "",
                    },
                )
                for item in agenda_of[group.id]
            ]))
        digests[group.id] = Reply("digest", args={"sections": sections}) if sections else None
    return digests


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
            "day": action.due_on if action.due_on else Reply("digest-no-date"),
            "who": who or Reply("digest-nobody-yet"),
        },
    )
