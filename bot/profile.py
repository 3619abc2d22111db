"""/profiel: "Waar zijn jullie van?" — what we stand for, our place in the neighbourhood, how to join.

The seed: being able to answer that question builds relations and trust in the neighbourhood, and it
takes a long breath. Coordinators write it; Brug posts it in the group or prepares it for a partner
(Brug cannot write to people who never started it, so the coordinator forwards it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.listing import cleaned
from storage.models import Group

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
