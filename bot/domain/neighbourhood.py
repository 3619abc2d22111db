"""Reach the neighbourhood: an action's public page, "ik kom ook" without an account, the group's public page.

The seed's finding: fewer than half of the direct neighbours knew the cooperative's plans, and for people
outside it is hard to join in without "een plek in de wijk". So the proposer or a coordinator can show an
action to the neighbourhood ("📣 Ook voor de buurt"): a page at an unguessable address with what the card
says to outsiders — title, day and time, place, what we offer and need, how to join, the group's "Waar zijn
wij van?" — and never a member's name. A neighbour taps "Ik kom ook" (a first name and a way to reach them
only if they want, with consent); the card says "+4 buren komen ook". One tap takes the page down.

Abuse: a hidden honeypot field, no links, short fields, at most ``PER_ADDRESS`` sign-ups per address and
``PER_PAGE`` per page in their windows, ``PAGE_CAP`` in all; a coordinator can remove an entry.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections import deque
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.dates import spoken_when
from bot.domain.flyer import Flyer
from bot.domain.i18n import Translator

from bot.domain.zones import local_today
from storage.models import (
    CLOSED_ACTION_STATES,
    Action,
    AgendaItem,
    Group,
    Member,
    NeighbourSignup,
    PublicInvitation,
)
from storage.repositories import actions as actions_repo
from storage.repositories import neighbourhood as repo

NAME_LIMIT = 40
CONTACT_LIMIT = 100
PAGE_CAP = 150
PER_ADDRESS = (5, timedelta(minutes=10))
PER_PAGE = (30, timedelta(hours=1))

# A link or a web address, but not an e-mail address ("riet@ziggo.nl" is welcome, "ziggo.nl" is not).
LINK = re.compile(r"://|\bwww\.|(?<![@\w.-])(?:[\w-]+\.)+[a-z]{2,}(?![\w@.-])", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


class Outcome(StrEnum):
    """What became of an "ik kom ook"."""

    COUNTED = "counted"
    # The honeypot was filled: a robot. It reads "thank you" and nothing is stored.
    IGNORED = "ignored"
    TOO_FAST = "too-fast"
    FULL = "full"
    CLOSED = "closed"
    LINK = "link"
    CONSENT = "consent"


@dataclass(frozen=True)
class SignupForm:
    """The page's form as posted: every field is optional but the consent with a contact."""

    first_name: str = ""
    contact: str = ""
    consent: bool = False
    honeypot: str = ""


@dataclass(frozen=True)
class Signed:
    outcome: Outcome
    signup: NeighbourSignup | None = None


@dataclass(frozen=True)
class PublicView:
    """Everything the public page of an action shows (and nothing else of the group)."""

    token: str
    title: str
    day: date | None
    start_time: time | None
    place: str | None
    joins: str | None
    offer: str | None
    need: str | None
    contagious: str | None
    group_title: str
    group_about: str | None
    group_place: str | None
    group_join: str | None
    group_token: str | None
    coming: int
    open: bool


def flyer_of(action: Action, group: Group, url: str, lang: str, translator: Translator) -> Flyer:
    """The flyer says what the page says (no member names), with the QR code to the page."""
    return Flyer(
        title=action.title,
        when=spoken_when(action.due_on, action.start_time, lang, translator),
        place=None,
        we_offer=action.we_offer,
        we_need=action.we_need,
        group_name=group.title,
        group_place=group.profile_place,
        url=url,
    )


# Letters and digits that cannot be mistaken for each other when typed from a flyer (no 0/o, 1/l/i).
TOKEN_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
TOKEN_LENGTH = 20  # 31**20 ≈ 2**99: nobody guesses it, and the sign-up limits stop anyone trying


def new_token() -> str:
    """An address nobody guesses and an older neighbour can still type from the flyer."""
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


def cleaned(text: str, limit: int) -> str:
    return CONTROL.sub(" ", text).strip()[:limit].strip()


def may_manage(action: Action, member: Member, coordinates: bool) -> bool:
    """Showing an action to the neighbourhood is the proposer's or a coordinator's choice."""
    return coordinates or action.proposer_id == member.id


def is_open_for_signups(action: Action, group: Group, now: datetime) -> bool:
    """Time is the action's time: after its day, or once done or let go, nobody signs up any more."""
    if action.state in CLOSED_ACTION_STATES:
        return False
    return action.due_on is None or action.due_on >= local_today(now, group.timezone)


def give_public_page(group: Group) -> bool:
    """The group's public page gets its address (once); True when it was new."""
    if group.public_token is not None:
        return False
    group.public_token = new_token()
    return True


async def publish(
    session: AsyncSession, action: Action, group: Group, member: Member, now: datetime
) -> PublicInvitation:
    """Show the action to the neighbourhood (again): the same address as before if it was withdrawn."""
    invitation = await repo.invitation_of_action(session, action.id)
    if invitation is None:
        invitation = PublicInvitation(
            action_id=action.id, group_id=group.id, token=new_token(), created_by_id=member.id, created_at=now
        )
        session.add(invitation)
    invitation.withdrawn_at = None
    give_public_page(group)
    await session.flush()
    return invitation


async def withdraw(session: AsyncSession, action: Action, now: datetime) -> bool:
    invitation = await repo.invitation_of_action(session, action.id)
    if invitation is None or invitation.withdrawn_at is not None:
        return False
    invitation.withdrawn_at = now
    return True


async def view_of(session: AsyncSession, token: str, now: datetime) -> PublicView | None:
    found = await repo.shown_invitation(session, token)
    if found is None:
        return None
    invitation, action, group = found
    return await view_of_action(session, invitation, action, group, now)


async def view_of_action(
    session: AsyncSession, invitation: PublicInvitation, action: Action, group: Group, now: datetime
) -> PublicView:
    place = None
    if action.agenda_item_id is not None:
        item = await session.get(AgendaItem, action.agenda_item_id)
        place = item.place if item is not None else None
    return PublicView(
        token=invitation.token,
        title=action.title,
        day=action.due_on,
        start_time=action.start_time,
        place=place,
        joins=action.joins_existing,
        offer=action.we_offer,
        need=action.we_need,
        contagious=action.contagious,
        group_title=group.title,
        group_about=group.profile_about,
        group_place=group.profile_place,
        group_join=group.profile_join,
        group_token=group.public_token,
        coming=action.neighbours_coming,
        open=is_open_for_signups(action, group, now),
    )


class AddressWindow:
    """Sign-ups per sender address in a sliding window, kept in memory as keyed hashes, never the address."""

    def __init__(self, key: bytes, limit: int = PER_ADDRESS[0], window: timedelta = PER_ADDRESS[1],
                 most_addresses: int = 10_000) -> None:
        self.key = key or secrets.token_bytes(32)
        self.limit = limit
        self.window = window
        self.most_addresses = most_addresses
        self.seen: dict[str, deque[datetime]] = {}

    def allows(self, address: str, now: datetime) -> bool:
        """True and counted, or False when this address signed up ``limit`` times in the window."""
        name = hmac.new(self.key, address.encode(), hashlib.sha256).hexdigest()[:32]
        moments = self.seen.setdefault(name, deque())
        while moments and moments[0] <= now - self.window:
            moments.popleft()
        if len(moments) >= self.limit:
            return False
        moments.append(now)
        if len(self.seen) > self.most_addresses:
            self._forget_quiet(now)
        return True

    def _forget_quiet(self, now: datetime) -> None:
        for name in [n for n, m in self.seen.items() if not m or m[-1] <= now - self.window]:
            del self.seen[name]


def check_form(form: SignupForm) -> Outcome | None:
    """A problem the neighbour can fix (a link, a contact without consent), or None."""
    if LINK.search(form.first_name) or LINK.search(form.contact):
        return Outcome.LINK
    if cleaned(form.contact, CONTACT_LIMIT) and not form.consent:
        return Outcome.CONSENT
    return None


async def sign_up(
    session: AsyncSession, token: str, form: SignupForm, address: str, addresses: AddressWindow, now: datetime
) -> Signed:
    """ "Ik kom ook" from the public page, with every check; counted on the card in the same transaction."""
    found = await repo.shown_invitation(session, token)
    if found is None:
        return Signed(Outcome.CLOSED)
    invitation, action, group = found
    if form.honeypot.strip():
        return Signed(Outcome.IGNORED)
    if not is_open_for_signups(action, group, now):
        return Signed(Outcome.CLOSED)
    problem = check_form(form)
    if problem is not None:
        return Signed(problem)
    if await repo.count_signups(session, action.id) >= PAGE_CAP:
        return Signed(Outcome.FULL)
    if await repo.signups_since(session, action.id, now - PER_PAGE[1]) >= PER_PAGE[0]:
        return Signed(Outcome.TOO_FAST)
    if not addresses.allows(address, now):
        return Signed(Outcome.TOO_FAST)
    signup = NeighbourSignup(
        invitation_id=invitation.id,
        action_id=action.id,
        first_name=cleaned(form.first_name, NAME_LIMIT) or None,
        contact=cleaned(form.contact, CONTACT_LIMIT) or None,
        undo_token=new_token(),
        created_at=now,
    )
    session.add(signup)
    await session.flush()
    await repo.add_coming(session, action, 1)
    return Signed(Outcome.COUNTED, signup)


async def sign_up_on_behalf(
    session: AsyncSession, action: Action, member: Member, name: str, now: datetime
) -> NeighbourSignup:
    """ "Ik zet Riet erbij": someone without a phone in the chat, reached through the member."""
    signup = NeighbourSignup(
        action_id=action.id, member_id=member.id, first_name=cleaned(name, NAME_LIMIT) or None,
        undo_token=new_token(), created_at=now,
    )
    session.add(signup)
    await session.flush()
    await repo.add_coming(session, action, 1)
    return signup


async def take_back(session: AsyncSession, undo_token: str, now: datetime) -> Action | None:
    """The neighbour's own "toch niet" (from the thank-you page): the action it was for, or None."""
    signup = await repo.signup_by_undo_token(session, undo_token)
    if signup is None:
        return None
    return await remove(session, signup, now)


async def remove(session: AsyncSession, signup: NeighbourSignup, now: datetime) -> Action | None:
    """Off the list (by the neighbour or a coordinator); the name and contact go at once."""
    action = await session.get(Action, signup.action_id)
    if signup.removed_at is not None or action is None:
        return None
    signup.removed_at = now
    signup.first_name = signup.contact = None
    await session.flush()
    await repo.add_coming(session, action, -1)
    return action


# ---------------------------------------------------------------- the chat side (handlers/neighbourhood.py)

MOST_ACTIONS = 20


async def invitation_of(session: AsyncSession, action: Action) -> PublicInvitation | None:
    """The action's invitation while it is shown; None when never shown or withdrawn."""
    invitation = await repo.invitation_of_action(session, action.id)
    return invitation if invitation is not None and invitation.withdrawn_at is None else None


async def manageable_actions(
    session: AsyncSession, group: Group, member: Member, coordinates: bool, now: datetime
) -> list[tuple[Action, bool]]:
    """The live actions this member may show to the neighbourhood (a coordinator: all), and whether each
    is shown now. Past their day they are left out: an invitation is for what is still to come."""
    found = []
    for action in await actions_repo.open_actions(session, group.id, MOST_ACTIONS):
        if may_manage(action, member, coordinates) and is_open_for_signups(action, group, now):
            found.append((action, await invitation_of(session, action) is not None))
    return found


async def signups(session: AsyncSession, action: Action) -> list[NeighbourSignup]:
    return await repo.signups_of(session, action.id)


async def signup_by_id(session: AsyncSession, signup_id: int) -> NeighbourSignup | None:
    signup = await session.get(NeighbourSignup, signup_id)
    return signup if signup is not None and signup.removed_at is None else None
