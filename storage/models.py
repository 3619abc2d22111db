"""Typed SQLAlchemy 2 models: everything Brug stores.

Internal primary keys are plain integers; Telegram's ids (which exceed 32 bits) live in their own
BigInteger columns so that a second transport (Signal) can join without touching the keys.
All moments are stored in UTC (see ``UTCDateTime``); calendar days (``Date``) mean the group's local day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar, Literal

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy import Table
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A moment stored as naive UTC (SQLite keeps no offset) and always returned timezone-aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; Brug stores only aware moments")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    if TYPE_CHECKING:
        # SQLAlchemy types ``__table__`` as any FromClause (a model may map a join or a subquery);
        # every model here maps one Table, whose ``.name`` and ``insert()`` the repositories use.
        __table__: ClassVar[Table]


# ---------------------------------------------------------------- states


class ActionState(StrEnum):
    """Where an action is: waiting for broad support, going ahead, done (harvested) or let go."""

    PROPOSED = "proposed"
    RUNNING = "running"
    DONE = "done"
    LET_GO = "let_go"


LIVE_ACTION_STATES: tuple[str, ...] = (ActionState.PROPOSED, ActionState.RUNNING)
CLOSED_ACTION_STATES: tuple[str, ...] = (ActionState.DONE, ActionState.LET_GO)


class CommitmentStatus(StrEnum):
    """A member's part: still to do, done, or given back ("laat los")."""

    OPEN = "open"
    DONE = "done"
    RELEASED = "released"


# ---------------------------------------------------------------- the personal-data registry


@dataclass(frozen=True)
class MemberData:
    """What Brug does with a table's rows about a member (the README's data table, in code).

    ``exported``: the key of the /mijngegevens document that holds them (None: not exported, ``why``
    says why); ``on_forget``: at /vergeetmij they are deleted, anonymised (the row stays, nothing in it
    points to the person) or kept (shared history of the group, shown as "een lid").
    ``bot.domain.privacy`` deletes the ``deleted`` tables that have a ``member_id`` from this registry, and
    ``tests/test_personal_data.py`` fails when a table that holds member data declares nothing.
    """

    exported: str | None
    on_forget: Literal["deleted", "anonymised", "kept"]
    why: str


# Columns that identify a person or carry what they wrote (a group's chat id is not one: groups hold
# ``telegram_chat_id``). A table with one of these, or with a reference to members, holds member data.
PERSONAL_COLUMNS = frozenset({
    "telegram_user_id", "first_name", "username", "chat_id", "address", "text", "payload", "params",
})


def holds_member_data(table: Table) -> bool:
    refers_to_members = any(
        key.column.table.name == "members" for column in table.c for key in column.foreign_keys
    )
    return refers_to_members or any(column.name in PERSONAL_COLUMNS for column in table.c)


# ---------------------------------------------------------------- foundation (migration 0001)


class Member(Base):
    """A person who has interacted with Brug, in a group or privately."""

    __member_data__: ClassVar[MemberData] = MemberData(
        exported="member", on_forget="anonymised",
        why=(
            "name, username, language and Telegram id replaced ('een lid', a negative surrogate id): the row"
            " stays so the group's history reads 'een lid'"
        ),
    )

    __tablename__ = "members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    first_name: Mapped[str] = mapped_column(String(256))
    username: Mapped[str | None] = mapped_column(String(64))
    # Chosen with /taal; None means "follow the group or Telegram's language".
    language: Mapped[str | None] = mapped_column(String(2))
    telegram_language: Mapped[str | None] = mapped_column(String(16))
    # Only after /start in a private chat may the bot write to a member privately.
    has_private_chat: Mapped[bool] = mapped_column(Boolean, default=False)
    # Set when a private message got 403 (member blocked the bot); cleared by a new /start.
    unreachable: Mapped[bool] = mapped_column(Boolean, default=False)
    reminder_lead_days: Mapped[int] = mapped_column(Integer, default=1)
    reminder_hour: Mapped[int] = mapped_column(Integer, default=10)
    reminders_paused_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Dashboard sessions made before this moment are void: logging out, /vergeetmij (migration 0011).
    dashboard_signed_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Group(Base):
    """A cooperative's group chat, with the settings its coordinators choose."""

    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_chat_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    title: Mapped[str] = mapped_column(String(256))
    # False once the bot was removed; the data stays.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    language: Mapped[str] = mapped_column(String(2))
    timezone: Mapped[str] = mapped_column(String(64))
    # Broad support: this many supporters, or a third of the active members if the group is smaller.
    support_threshold: Mapped[int] = mapped_column(Integer, default=3)
    decision_days: Mapped[int] = mapped_column(Integer, default=7)
    max_action_days: Mapped[int] = mapped_column(Integer, default=28)
    stale_days: Mapped[int] = mapped_column(Integer, default=7)
    # "Gewoon doen": an action this many days away or sooner goes ahead at once, no support window.
    quick_days: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    # 0 = Monday, as in datetime.weekday().
    digest_weekday: Mapped[int] = mapped_column(Integer, default=0)
    digest_hour: Mapped[int] = mapped_column(Integer, default=9)
    quiet_start_hour: Mapped[int] = mapped_column(Integer, default=21)
    quiet_end_hour: Mapped[int] = mapped_column(Integer, default=9)
    # Nudge the coordinators when a shortlisted partner has not been in touch for this many days (0: never).
    partner_quiet_days: Mapped[int] = mapped_column(Integer, default=60, server_default="60")
    # "Waar zijn jullie van?": the group's profile.
    profile_about: Mapped[str | None] = mapped_column(Text)
    profile_place: Mapped[str | None] = mapped_column(Text)
    profile_join: Mapped[str | None] = mapped_column(Text)
    # The unguessable part of the group's public profile page (/buurt/g/<token>); None until first shown.
    public_token: Mapped[str | None] = mapped_column(String(43), unique=True)
    admins_refreshed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Membership(Base):
    """A member seen in a group; coordinators are Telegram admins or appointed with /coordinator."""

    __member_data__: ClassVar[MemberData] = MemberData(
        exported="memberships", on_forget="deleted",
        why="being in a group is the member's own",
    )

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("group_id", "member_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    is_appointed_coordinator: Mapped[bool] = mapped_column(Boolean, default=False)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())

    @property
    def is_coordinator(self) -> bool:
        return self.is_admin or self.is_appointed_coordinator


# ---------------------------------------------------------------- network actions (migration 0002)


class Partner(Base):
    """Longlist of partners and organisations; ``on_shortlist`` marks who is already moving."""

    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str | None] = mapped_column(String(100))
    contact: Mapped[str | None] = mapped_column(Text)
    moving_note: Mapped[str | None] = mapped_column(Text)
    last_contact_on: Mapped[date | None] = mapped_column(Date)
    on_shortlist: Mapped[bool] = mapped_column(Boolean, default=False)
    # Key figures: e.g. "wijkregisseur" (formal) or "buurtburgemeester" (informal).
    key_role: Mapped[str | None] = mapped_column(String(100))
    key_role_formal: Mapped[bool | None] = mapped_column(Boolean)
    # Partners as equals (issue 20): reciprocity both ways, in the group's words.
    asks_of_us: Mapped[str | None] = mapped_column(Text)  # "wat vragen zij van ons?"
    we_offer_them: Mapped[str | None] = mapped_column(Text)  # "wat kunnen wij voor hen doen?"
    # Where we stand, in plain words: a PartnerStatus; None until someone says.
    status: Mapped[str | None] = mapped_column(String(16))
    # "Wat willen zij, wat willen wij" when they differ (the seed's systeemwereld): noted, not judged.
    their_wish: Mapped[str | None] = mapped_column(Text)
    our_wish: Mapped[str | None] = mapped_column(Text)
    # When the coordinators were last nudged about a quiet shortlisted partner (not twice for one silence).
    nudged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PartnerStatus(StrEnum):
    """Where the group stands with a partner (shown in plain words: kennismaken, in gesprek, …)."""

    MEETING = "meeting"  # kennismaken
    TALKING = "talking"  # in gesprek
    TOGETHER = "together"  # we werken samen
    NOT_NOW = "not_now"  # (nog) niet


class AgendaItem(Base):
    """Something that already happens, or is in the pipeline, in the neighbourhood."""

    __member_data__: ClassVar[MemberData] = MemberData(
        exported="agenda_items_added", on_forget="kept",
        why="the neighbourhood agenda is the group's",
    )

    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    what: Mapped[str] = mapped_column(String(200))
    happens_on: Mapped[date | None] = mapped_column(Date)
    start_time: Mapped[time | None] = mapped_column(Time)
    place: Mapped[str | None] = mapped_column(String(200))
    organiser: Mapped[str | None] = mapped_column(String(200))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ActionDraft(Base):
    """A proposal being written: one per member per group, kept in the database so it survives a restart."""

    __member_data__: ClassVar[MemberData] = MemberData(
        exported="drafts", on_forget="deleted",
        why="a proposal not yet posted was written alone",
    )

    __tablename__ = "action_drafts"
    __table_args__ = (UniqueConstraint("group_id", "member_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    step: Mapped[str] = mapped_column(String(32))
    title: Mapped[str | None] = mapped_column(Text)
    with_whom: Mapped[str | None] = mapped_column(Text)
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id", ondelete="SET NULL"))
    due_on: Mapped[date | None] = mapped_column(Date)
    # The time of day on ``due_on`` ("zaterdag 14:00"), in the group's time zone; None: the whole day.
    start_time: Mapped[time | None] = mapped_column(Time)
    joins_existing: Mapped[str | None] = mapped_column(Text)
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL")
    )
    we_need: Mapped[str | None] = mapped_column(Text)
    we_offer: Mapped[str | None] = mapped_column(Text)
    contagious: Mapped[str | None] = mapped_column(Text)
    # The big plan when the member chose a smaller first step: the action's goal once placed.
    goal: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class Action(Base):
    """A network action: proposed, then running once broadly supported, then done or let go."""

    __member_data__: ClassVar[MemberData] = MemberData(
        exported="actions_proposed", on_forget="kept",
        why="a posted action is the group's; its proposer shows as 'een lid'",
    )

    __tablename__ = "actions"
    __table_args__ = (
        Index("ix_actions_group_state", "group_id", "state"),
        # A series never gets two actions on one day, however many workers tick.
        UniqueConstraint("series_of_id", "due_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    proposer_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    title: Mapped[str] = mapped_column(Text)
    with_whom: Mapped[str | None] = mapped_column(Text)
    partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("partners.id", ondelete="SET NULL"), index=True
    )
    due_on: Mapped[date | None] = mapped_column(Date)
    # The time of day on ``due_on`` ("zaterdag 14:00"), in the group's time zone; None: the whole day.
    start_time: Mapped[time | None] = mapped_column(Time)
    joins_existing: Mapped[str | None] = mapped_column(Text)
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL")
    )
    we_need: Mapped[str | None] = mapped_column(Text)
    we_offer: Mapped[str | None] = mapped_column(Text)
    contagious: Mapped[str | None] = mapped_column(Text)
    # an ActionState: proposed | running | done | let_go
    state: Mapped[str] = mapped_column(String(16))
    decision_deadline: Mapped[datetime] = mapped_column(UTCDateTime())
    card_message_id: Mapped[int | None] = mapped_column(BigInteger)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime())
    harvest_what: Mapped[str | None] = mapped_column(Text)
    harvest_met: Mapped[str | None] = mapped_column(Text)
    harvest_again: Mapped[str | None] = mapped_column(Text)
    # Reach: how many people outside the group the action reached (asked at the harvest).
    reach_count: Mapped[int | None] = mapped_column(Integer)
    # "Ik kom ook": neighbours signed up (public page, or by a member on someone's behalf), kept with
    # the sign-ups so a card redraw (the 👍 path) needs no count query.
    neighbours_coming: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # "Wij helpen mee" (issue 20): helping with what a partner or the neighbourhood already does — no
    # support gate, it runs at once; ``partner_id`` / ``agenda_item_id`` say with whom and at what.
    helping: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Again and again: a series' rule ("month:1:5" = every first Saturday, "week:1" = every Tuesday) sits on
    # its latest action; ``series_of_id`` is the series' first action. The tick makes the next one.
    series_rule: Mapped[str | None] = mapped_column(String(40))
    series_of_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id", ondelete="SET NULL"), index=True)
    # Who started the series: its next times are proposed in their name, and they can stop it.
    series_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    # An action made by the tick (a series' next one) whose card is still to be posted: when the next try
    # is due (a lease while one worker posts it).
    card_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The bigger plan a smaller first step leads to ("Stap 1 op weg naar: …"); kept when made smaller.
    goal: Mapped[str | None] = mapped_column(Text)
    # The title before the last change, so the change can be undone.
    previous_title: Mapped[str | None] = mapped_column(Text)


class ActionEvent(Base):
    """Every state change of an action, with its moment: the action's history."""

    __member_data__: ClassVar[MemberData] = MemberData(
        exported="action_history", on_forget="kept",
        why="the group's record of what happened to its actions",
    )

    __tablename__ = "action_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str | None] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class Support(Base):
    __member_data__: ClassVar[MemberData] = MemberData(
        exported="supports", on_forget="kept",
        why="a 👍 is part of the group's decision on an action",
    )
    __tablename__ = "supports"
    __table_args__ = (UniqueConstraint("action_id", "member_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Concern(Base):
    """A "bedenking": a member's doubt about a proposal, passed on to the proposer."""

    __member_data__: ClassVar[MemberData] = MemberData(
        exported="concerns", on_forget="deleted",
        why="a concern (bedenking) was written alone, often privately",
    )

    __tablename__ = "concerns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The member asked to pass it on to the proposer only: the card counts it but does not quote it.
    is_private: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Commitment(Base):
    """Who does what, by when. One per member per action (a unique constraint, not luck)."""

    __member_data__: ClassVar[MemberData] = MemberData(
        exported="commitments", on_forget="kept",
        why="who did what is the group's history; shown as 'een lid'",
    )

    __tablename__ = "commitments"
    __table_args__ = (
        UniqueConstraint("action_id", "member_id"),
        Index("ix_commitments_member_status", "member_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    what: Mapped[str | None] = mapped_column(Text)
    due_on: Mapped[date | None] = mapped_column(Date)
    # a CommitmentStatus: open | done | released
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class PendingReply(Base):
    """A question Brug asked a member and whose free-text answer it waits for, in one chat.

    In groups (privacy mode) the answer arrives as a reply to ``prompt_message_id``; in a private chat
    any text answers it. The latest question wins: one per member per chat.
    """

    __member_data__: ClassVar[MemberData] = MemberData(
        exported="pending_questions", on_forget="deleted",
        why="an open question to the member, theirs alone",
    )

    __tablename__ = "pending_replies"
    __table_args__ = (UniqueConstraint("chat_id", "member_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    prompt_message_id: Mapped[int | None] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The question's buttons as JSON ``[{"label": ..., "data": ..., "means": ...}]`` in the reader's
    # language, so a typed "overslaan", "2" or a button's own words presses that button.
    choices: Mapped[str | None] = mapped_column(Text)
    # A typed answer that waits for "Ja, zo" before it changes anything (a new title).
    answer: Mapped[str | None] = mapped_column(Text)


# ---------------------------------------------------------------- reminders (migration 0003)


class Reminder(Base):
    """An outbox row: one message to send at ``due_at``; the unique ``key`` makes "never twice" hold."""

    __member_data__: ClassVar[MemberData] = MemberData(
        exported="reminders", on_forget="anonymised",
        why=(
            "pending ones cancelled and prepared texts (which may carry the name) cleared; sent ones kept as"
            " Brug's log"
        ),
    )

    __tablename__ = "reminders"
    __table_args__ = (Index("ix_reminders_status_due_at", "status", "due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # e.g. "due:commitment:17:2026-12-11T09:00" — kind, subject and due moment.
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("groups.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), index=True
    )
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("actions.id", ondelete="CASCADE"), index=True
    )
    commitment_id: Mapped[int | None] = mapped_column(
        ForeignKey("commitments.id", ondelete="CASCADE"), index=True
    )
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # pending | claimed | sent | failed | cancelled
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    # "outgoing" rows carry a ready message (a serialised ``Outgoing``); other kinds are composed when due.
    payload: Mapped[str | None] = mapped_column(Text)
    # How it went out: "private" or "group" (the per-group rate limit counts the latter).
    channel: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)


# ---------------------------------------------------------------- reliability (migration 0004)


class ProcessedUpdate(Base):
    """A Telegram update Brug has handled: a re-delivered update with this id changes nothing.

    Stored in the same unit of work as the update's own changes; pruned after a retention window.
    """

    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


# ---------------------------------------------------------------- the inbox (migration 0009)

INBOX_WAITING = "status IN ('new', 'claimed')"
INBOX_CLAIMED = "status = 'claimed'"


class InboxUpdate(Base):
    """A Telegram update as it arrived, stored before Telegram was told so; deleted in the unit of work
    that handles it (see ``bot.road.inbox``).

    ``new`` waits for its chat's turn; ``claimed`` is being handled by ``claimed_by`` until
    ``lease_until``; ``failed`` was handled and its handler failed (kept to look at, pruned later).
    """

    __member_data__: ClassVar[MemberData] = MemberData(
        exported=None, on_forget="kept",
        why="an incoming update waits here only until it is handled (seconds), then it is deleted",
    )

    __tablename__ = "inbox"
    __table_args__ = (
        # The claim's "is anything earlier of this chat unfinished?" walks this small index.
        Index(
            "ix_inbox_waiting_chat_id_update_id", "chat_id", "update_id",
            sqlite_where=text(INBOX_WAITING), postgresql_where=text(INBOX_WAITING),
        ),
        # The database itself refuses a second update of one chat in flight (as procrastinate's lock does).
        Index(
            "uq_inbox_claimed_chat_id", "chat_id", unique=True,
            sqlite_where=text(INBOX_CLAIMED), postgresql_where=text(INBOX_CLAIMED),
        ),
    )

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    # The order lane: the chat, else the user (inline queries), else 0.
    chat_id: Mapped[int] = mapped_column(BigInteger)
    # The update's JSON as Telegram sent it.
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    claimed_by: Mapped[str | None] = mapped_column(String(128))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # How often it was claimed: a row that keeps killing its worker is given up after a few tries.
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


# ---------------------------------------------------------------- deliveries (migration 0010)


class Delivery(Base):
    """A message an update caused, stored in the transaction that stored the change (``bot.road.delivery``).

    Written just before Brug talks to Telegram and committed with the state it tells about; deleted
    once Telegram took it. A row still here after ``due_at`` was not delivered (Telegram failed, or the
    process died between the commit and the call): the reminders tick sends it then, in order per chat.
    """

    __member_data__: ClassVar[MemberData] = MemberData(
        exported=None, on_forget="deleted",
        why="Brug's replies waiting for Telegram (moments); those to the member's private chat are deleted",
    )

    __tablename__ = "deliveries"
    __table_args__ = (Index("ix_deliveries_status_due_at", "status", "due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    # The Bot API method and its parameters as JSON, exactly as they were to be sent.
    method: Mapped[str] = mapped_column(String(64))
    params: Mapped[str] = mapped_column(Text)
    # pending (being delivered until due_at) | waiting (a try failed; the next is at due_at, or with the
    # chat's next message) | failed (Telegram refused it for good; kept to look at, then pruned)
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Until then the process that wrote it is delivering it; after, the tick may.
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


# ---------------------------------------------------------------- dashboard (migration 0005)


class DashboardLogin(Base):
    """A browser asking to log in to the dashboard through a Telegram deep link (``/start web_<nonce>``).

    Only a hash of the nonce is stored: the nonce itself travels in the link and in the browser's cookie.
    ``pending`` → ``asked`` (the member opened the link) → ``confirmed`` (pressed "Ja") → ``used`` (the
    browser got its session), or ``declined``; it expires after ten minutes whatever its status.
    """

    __member_data__: ClassVar[MemberData] = MemberData(
        exported=None, on_forget="deleted",
        why="a dashboard login: a key, not something the member told Brug",
    )

    __tablename__ = "dashboard_logins"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    nonce_hash: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(16))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


# ---------------------------------------------------------------- other transports (migration 0006)


class BridgeAddress(Base):
    """A person or group on another chat service (Signal, the console) and the integer id Brug uses.

    Brug's tables speak in Telegram-style integer chat ids; ``bot.bridge.botapi`` derives ``local_id``
    from the address (a person positive, a group negative, both far from any Telegram id), so that an id
    can be handed out at once, in the middle of an update, and written down afterwards.
    """

    __member_data__: ClassVar[MemberData] = MemberData(
        exported="other_chat_service", on_forget="deleted",
        why="the member's address on Signal or the console",
    )

    __tablename__ = "bridge_addresses"
    __table_args__ = (UniqueConstraint("transport", "kind", "address"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    local_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    transport: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(8))  # person | group
    address: Mapped[str] = mapped_column(String(128))
    name: Mapped[str | None] = mapped_column(String(128))
    # A person who wrote to Brug privately may be written to privately (like /start on Telegram).
    private_ok: Mapped[bool] = mapped_column(Boolean, default=False)


class BridgeMessage(Base):
    """A message Brug sent on another chat service: its transport reference and its numbered choices.

    Kept so that a card can be edited, and a number or a 👍 reaction answered, days later and after a
    restart. ``options`` is JSON: ``[{"label": ..., "data": ...} | {"label": ..., "url": ...}]``.
    """

    __member_data__: ClassVar[MemberData] = MemberData(
        exported="other_chat_service", on_forget="deleted",
        why=(
            "Brug's messages to the member's private conversation there (their count is exported); a group's"
            " are kept 90 days"
        ),
    )

    __tablename__ = "bridge_messages"
    __table_args__ = (Index("ix_bridge_messages_chat", "transport", "chat_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    transport: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    ref: Mapped[str] = mapped_column(String(64), index=True)
    first_ref: Mapped[str] = mapped_column(String(64), index=True)
    # The transport's reference of its latest edit, when an edit is a message of its own (Signal): members
    # quote and react to that one (migration 0012).
    alias: Mapped[str | None] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text)
    options: Mapped[str] = mapped_column(Text, default="[]")
    had_options: Mapped[bool] = mapped_column(Boolean, default=False)
    expects_text: Mapped[bool] = mapped_column(Boolean, default=False)
    edits: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The person (local id) this message asks something of: a number or text from them answers it
    # first; None is a message open to everyone (a proposal card).
    addressee: Mapped[int | None] = mapped_column(BigInteger)
    # A question to one person takes one typed answer; after it, their chatter is theirs again.
    answered: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class PublicInvitation(Base):
    """An action shown to the neighbourhood: a public page at an unguessable address, withdrawn with a tap.

    The page shows what the action's card says to outsiders (title, day, time, place, what we offer and
    need, how to join) and never a member's name.
    """

    __member_data__: ClassVar[MemberData] = MemberData(
        exported=None, on_forget="anonymised",
        why="who opened the page is the group's record; the page itself shows no member",
    )

    __tablename__ = "public_invitations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), unique=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(String(43), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class NeighbourSignup(Base):
    """"Ik kom ook": a neighbour without an account (from the public page), or someone a member signed up
    ("Ik zet Riet erbij") — a first name at most, and a way to reach them only with their consent.

    Not a member: the name and contact are cleared a month after the action's day (housekeeping).
    """

    __member_data__: ClassVar[MemberData] = MemberData(
        exported="signed_up_for_others", on_forget="anonymised",
        why=(
            "people a member signed up on their behalf are reached through that member; at /vergeetmij"
            " they still count, without a name or a link to the member"
        ),
    )

    __tablename__ = "neighbour_signups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invitation_id: Mapped[int | None] = mapped_column(
        ForeignKey("public_invitations.id", ondelete="CASCADE"), index=True
    )
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    first_name: Mapped[str | None] = mapped_column(String(60))
    contact: Mapped[str | None] = mapped_column(String(120))
    # The member who signed this person up (reminders go to them); None: from the public page.
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    # Lets the neighbour take it back from the thank-you page, without an account.
    undo_token: Mapped[str] = mapped_column(String(43), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
