"""/profiel: "Waar zijn jullie van?" — what we stand for, our place in the neighbourhood, how to join.

The seed: being able to answer that question builds relations and trust in the neighbourhood, and it
takes a long breath. The profile is everyone's ("gedeeld eigenaarschap"): every member reads it and may
suggest a change; coordinators write it, take a suggestion over with one tap, post it in the group or
prepare it for a partner (Brug cannot write to people who never started it, so the coordinator forwards it).

A suggestion travels as an outbox message to each coordinator — privately when they started Brug, else
addressed to them in the group — and that outbox row keeps what was suggested until someone takes it over.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.buttons import PROFILE
from bot.domain import reminders
from bot.domain.listing import cleaned, is_digits, shorten
from bot.domain.messages import Choice, Outgoing, Reply, rows
from storage.models import Group, Member
from storage.repositories import roles as roles_repo

# Short enough to read aloud; Telegram's limits leave room for all three.
FIELD_LIMIT = 500
FIELDS = {"about": "profile_about", "place": "profile_place", "join": "profile_join"}


@dataclass(frozen=True)
class Profile:
    title: str
    about: str | None
    place: str | None
    join: str | None

    @property
    def is_empty(self) -> bool:
        return not (self.about or self.place or self.join)


def profile_of(group: Group) -> Profile:
    return Profile(group.title, group.profile_about, group.profile_place, group.profile_join)


def set_field(group: Group, field: str, text: str, now: datetime) -> None:
    """One part of the profile; a skip word ("-") empties it. Raises ``InvalidInput``."""
    setattr(group, FIELDS[field], cleaned(text, FIELD_LIMIT, optional=True))
    group.updated_at = now


# ---------------------------------------------------------------- a member suggests a change

# Outbox key of a suggestion: ``outgoing:profile:<suggester>:<group>:<field>:<token>:<copy>`` (one token
# per suggestion, one copy per coordinator; /vergeetmij finds a suggester's rows by that prefix, see
# ``storage.repositories.privacy``).
KEY_PREFIX = "profile:"
NAME_LIMIT = 60
TITLE_LIMIT = 100


@dataclass(frozen=True)
class Suggestion:
    """What a member suggested for one part of a group's profile, as kept in its outbox row."""

    row_id: int
    member_id: int
    name: str
    group_id: int
    field: str
    text: str
    token: str


def part_label(field: str) -> Reply:
    """The part of the profile as its edit button names it ("Waar staan we voor?")."""
    return Reply(f"profile-edit-{field}")


async def suggest_change(
    session: AsyncSession, group: Group, member: Member, field: str, text: str, now: datetime
) -> int:
    """Pass a member's text for one part of the profile to the group's coordinators, each with
    "✅ Overnemen" and "Zo laten". Without a known coordinator it goes to the group, where any
    coordinator may take it. Returns how many messages are on their way. Raises ``InvalidInput``."""
    value = cleaned(text, FIELD_LIMIT)
    token = uuid.uuid4().hex[:16]
    coordinators = [c for c in await roles_repo.coordinators_of(session, group.id) if c.id != member.id]

    def reply_for(row_id: int) -> Reply:
        return Reply(
            "profile-suggestion",
            args={
                "name": shorten(member.first_name, NAME_LIMIT),
                "group": shorten(group.title, TITLE_LIMIT),
                "part": part_label(field),
                "text": value,
            },
            choices=rows(
                [Choice("profile-suggestion-take", payload=PROFILE.data("ok", row_id)),
                 Choice("profile-suggestion-leave", payload=PROFILE.data("no", row_id))],
            ),
        )

    recipients: list[int | None] = [c.id for c in coordinators] or [None]
    for index, recipient in enumerate(recipients):
        await reminders.send_soon_naming_row(
            session, reply_for,
            key=f"{KEY_PREFIX}{member.id}:{group.id}:{field}:{token}:{index}",
            member_id=recipient, group_id=group.id, now=now,
        )
    return len(recipients)


async def suggestion_by_id(session: AsyncSession, row_id: int) -> Suggestion | None:
    """The suggestion an "Overnemen" or "Zo laten" button names; None when it is gone."""
    found = await reminders.outgoing_row(session, row_id, KEY_PREFIX)
    if found is None:
        return None
    row, outgoing = found
    try:
        member_id, group_id, field, token, _index = row.key.split(":")[2:7]
        args = outgoing.reply.args
        text, name = args["text"], args["name"]
    except (ValueError, KeyError):
        return None
    if field not in FIELDS or not is_digits(member_id) or not is_digits(group_id):
        return None
    return Suggestion(row.id, int(member_id), str(name), int(group_id), field, str(text), token)


async def take_over(session: AsyncSession, suggestion: Suggestion, group: Group, now: datetime) -> None:
    """The coordinator's one tap: the suggested text becomes that part of the profile, and the member
    who suggested it hears so (once, however many coordinators tap)."""
    set_field(group, suggestion.field, suggestion.text, now)
    await reminders.send_soon(
        session,
        Outgoing(
            suggestion.member_id, group.id,
            Reply("profile-suggestion-thanks", args={"group": shorten(group.title, TITLE_LIMIT)}),
        ),
        key=f"profile-thanks:{suggestion.token}", action_id=None, now=now,
    )


def decided(suggestion: Suggestion, taken: bool) -> Reply:
    """What the coordinator's message says once they chose (its buttons gone)."""
    return Reply(
        "profile-suggestion-taken" if taken else "profile-suggestion-left",
        args={"name": suggestion.name, "part": part_label(suggestion.field)},
    )
