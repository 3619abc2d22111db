"""Who is looking: Telegram's Web App ``initData`` checked as Telegram documents it, and the session cookie.

Pure functions (no database, no web server), so the rules are tested on their own.

The session says *who* is looking, never *what* they may see: every request checks against the database
that the member coordinates the group now. So nothing needs revoking when a role ends (a kick, a leave, a
demotion, Brug removed from the group: see ``bot.domain.groups.place_changed``): the next request for that group is
refused, while the member's other groups stay open to them.

``initData`` (https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app):
``secret_key = HMAC_SHA256(key="WebAppData", msg=bot_token)``; the data-check-string is every received
field except ``hash`` — ``signature`` (the newer Ed25519 field for third parties) included — as
``key=value``, sorted by key, joined by ``\\n``; the expected ``hash`` is the hex
``HMAC_SHA256(key=secret_key, msg=data_check_string)``.
"""

from __future__ import annotations

from typing import Any

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import parse_qsl

from tornado.web import create_signed_value, decode_signed_value

from bot.domain.i18n import normalise_language

# Telegram's initData is trusted for an hour (issue 18: a day let a copied link log in all day); opening
# the dashboard from its button makes fresh initData. A clock a little ahead of ours is no reason to refuse.
INIT_DATA_MAX_AGE = timedelta(hours=1)
CLOCK_SKEW = timedelta(minutes=1)
INIT_DATA_LIMIT = 8192
SESSION_COOKIE = "brug_dashboard"
SESSION_HOURS = 12
LOGIN_COOKIE = "brug_login"
LOGIN_MINUTES = 10


class InvalidInitData(ValueError):
    """initData that Brug does not trust; the message says why (for the log, never for the page)."""


@dataclass(frozen=True)
class WebAppUser:
    """The Telegram user who opened the Web App, as ``initData`` says (after its hash was checked)."""

    telegram_user_id: int
    first_name: str
    language_code: str | None


@dataclass(frozen=True)
class DashboardSession:
    """What the session cookie carries: the member (Brug's own id) and the language of the pages."""

    member_id: int
    language: str
    # When it was made: a session older than its member's sign-out (logout, /vergeetmij) is void.
    issued_at: float = 0.0


def web_app_secret(bot_token: str) -> bytes:
    return hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()


def data_check_string(fields: dict[str, str]) -> str:
    return "\n".join(f"{key}={fields[key]}" for key in sorted(fields) if key != "hash")


def sign_init_data(fields: dict[str, str], bot_token: str) -> str:
    """The ``hash`` Telegram would put in ``initData`` with these fields (used by the tests)."""
    return hmac.new(
        web_app_secret(bot_token), data_check_string(fields).encode(), hashlib.sha256
    ).hexdigest()


def validate_init_data(init_data: str, bot_token: str, now: datetime) -> WebAppUser:
    """The user in ``init_data`` if Telegram signed it with this bot's token within the last day.

    Raises ``InvalidInitData`` for anything else: no or a wrong hash, a changed field, an old or
    future ``auth_date``, a missing user.
    """
    if not init_data or len(init_data) > INIT_DATA_LIMIT:
        raise InvalidInitData("empty or too long")
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
    except ValueError as exc:
        raise InvalidInitData("not a query string") from exc
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise InvalidInitData("a field twice")
    given = fields.get("hash", "")
    if not hmac.compare_digest(given.encode(), sign_init_data(fields, bot_token).encode()):
        raise InvalidInitData("hash does not match")
    try:
        signed_at = datetime.fromtimestamp(int(fields["auth_date"]), tz=now.tzinfo)
    except (KeyError, ValueError, OverflowError) as exc:
        raise InvalidInitData("no auth_date") from exc
    if now - signed_at > INIT_DATA_MAX_AGE:
        raise InvalidInitData("older than a day")
    if signed_at - now > CLOCK_SKEW:
        raise InvalidInitData("auth_date in the future")
    try:
        user = json.loads(fields["user"])
        return WebAppUser(
            telegram_user_id=int(user["id"]),
            first_name=str(user.get("first_name", "")),
            language_code=user.get("language_code"),
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise InvalidInitData("no user") from exc


def cookie_secret(bot_token: str) -> str:
    """The key that signs the dashboard's cookies, derived from (never equal to) the bot token."""
    return hmac.new(b"BrugDashboardCookies", bot_token.encode(), hashlib.sha256).hexdigest()


def sign_session(secret: str, session: DashboardSession, now: datetime) -> str:
    """The cookie value: tornado's signed value (HMAC-SHA256 with a timestamp) of the session."""
    value = json.dumps({"m": session.member_id, "l": session.language, "t": now.timestamp()})
    return create_signed_value(
        secret, SESSION_COOKIE, value, clock=lambda: now.timestamp()
    ).decode()


def read_session(secret: str, cookie: str | None, now: datetime) -> DashboardSession | None:
    """The session in the cookie, or None when it is missing, forged or older than 12 hours."""
    if not cookie:
        return None
    raw = decode_signed_value(
        secret, SESSION_COOKIE, cookie, max_age_days=SESSION_HOURS / 24, clock=lambda: now.timestamp()
    )
    if raw is None:
        return None
    try:
        data = json.loads(raw)
        return DashboardSession(
            member_id=int(data["m"]), language=normalise_language(data["l"]), issued_at=float(data.get("t", 0.0))
        )
    except (ValueError, KeyError, TypeError):
        return None


def session_stands(session: DashboardSession, member: Any) -> bool:
    """A session counts while its member exists, is not forgotten and has not signed out since it was made
    (the moment kept in whole seconds, as the cookie's: made and signed out in one second is void)."""
    if member is None or member.telegram_user_id < 0:  # /vergeetmij gives a negative surrogate id
        return False
    signed_out = member.dashboard_signed_out_at
    return signed_out is None or session.issued_at > signed_out.timestamp()


def sign_login(secret: str, nonce: str, now: datetime) -> str:
    """The browser's half of a deep-link login: its nonce, signed, for ten minutes."""
    return create_signed_value(secret, LOGIN_COOKIE, nonce, clock=lambda: now.timestamp()).decode()


def read_login(secret: str, cookie: str | None, now: datetime) -> str | None:
    if not cookie:
        return None
    raw = decode_signed_value(
        secret, LOGIN_COOKIE, cookie, max_age_days=LOGIN_MINUTES / (24 * 60),
        clock=lambda: now.timestamp(),
    )
    return raw.decode() if raw else None
