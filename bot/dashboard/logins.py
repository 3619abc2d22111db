"""Logging in to the dashboard from a normal browser, through Telegram (no password to remember).

The browser gets a random nonce (in a signed cookie and in the link ``t.me/<bot>?start=web_<nonce>``);
only its SHA-256 is stored. The member opens the link, Brug asks privately "Inloggen op het dashboard in je
browser?", and "Ja" binds the login to that member; the browser, polling, then gets its session. The
browser and Telegram show the same short code, so a member can see it is their own browser they let in.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import DashboardLogin, Member
from storage.repositories import dashboard as repo

LOGIN_LIFETIME = timedelta(minutes=10)
DEEP_LINK_PREFIX = "web"


class LoginStatus(StrEnum):
    PENDING = "pending"
    ASKED = "asked"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    USED = "used"


def nonce_hash(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


def login_code(nonce: str) -> str:
    """Four digits both the browser and Telegram show for the same login."""
    return f"{int(nonce_hash(nonce)[:8], 16) % 10_000:04d}"


@dataclass(frozen=True)
class NewLogin:
    nonce: str
    code: str
    expires_at: datetime


async def start_login(session: AsyncSession, now: datetime) -> NewLogin:
    """A new login for a browser; expired ones are cleared on the way."""
    await repo.delete_expired_logins(session, now)
    # 32 URL-safe characters: within Telegram's 64-character start payload with "web_" before it.
    nonce = secrets.token_urlsafe(24)
    await repo.add_login(
        session,
        DashboardLogin(
            nonce_hash=nonce_hash(nonce),
            status=LoginStatus.PENDING,
            created_at=now,
            expires_at=now + LOGIN_LIFETIME,
        ),
    )
    return NewLogin(nonce=nonce, code=login_code(nonce), expires_at=now + LOGIN_LIFETIME)


async def open_login(
    session: AsyncSession, nonce: str, member: Member, now: datetime
) -> DashboardLogin | None:
    """The member opened the link: the login waits for their answer. None when unknown, used or expired."""
    login = await repo.login_by_hash(session, nonce_hash(nonce))
    if login is None or login.expires_at <= now:
        return None
    if login.status == LoginStatus.PENDING or (
        login.status == LoginStatus.ASKED and login.member_id == member.id
    ):
        login.status, login.member_id = LoginStatus.ASKED, member.id
        await session.flush()
        return login
    return None


async def answer_login(
    session: AsyncSession, login_id: int, member: Member, *, yes: bool, now: datetime
) -> bool:
    """ "Ja" or "Nee" on the question; True when the answer counted (the login was this member's and open)."""
    login = await repo.login_by_id(session, login_id)
    if (
        login is None
        or login.member_id != member.id
        or login.status != LoginStatus.ASKED
        or login.expires_at <= now
    ):
        return False
    login.status = LoginStatus.CONFIRMED if yes else LoginStatus.DECLINED
    await session.flush()
    return True


async def is_waiting(session: AsyncSession, nonce: str, now: datetime) -> bool:
    """The browser's login still waits for the member in Telegram (not expired, not answered)."""
    login = await repo.login_by_hash(session, nonce_hash(nonce))
    return (
        login is not None and login.expires_at > now
        and login.status in (LoginStatus.PENDING, LoginStatus.ASKED)
    )


@dataclass(frozen=True)
class LoginState:
    # waiting | declined | expired | done
    state: str
    member_id: int | None = None


async def collect_login(session: AsyncSession, nonce: str, now: datetime) -> LoginState:
    """The browser asks how its login is doing; a confirmed one is handed out once (then ``used``)."""
    login = await repo.login_by_hash(session, nonce_hash(nonce))
    if login is None or login.expires_at <= now or login.status == LoginStatus.USED:
        return LoginState("expired")
    if login.status == LoginStatus.DECLINED:
        return LoginState("declined")
    if login.status != LoginStatus.CONFIRMED or login.member_id is None:
        return LoginState("waiting")
    login.status = LoginStatus.USED
    await session.flush()
    return LoginState("done", login.member_id)
