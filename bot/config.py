"""Settings for one Brug process, read from the environment (prefix ``BRUG_``) or a ``.env`` file."""

from __future__ import annotations

import ipaddress
import re
from typing import Annotated, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

Language = Literal["nl", "en"]


class Settings(BaseSettings):
    """Everything an operator can set; defaults make a working bot on one machine."""

    model_config = SettingsConfigDict(
        env_prefix="BRUG_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    telegram_token: SecretStr | None = None
    database_url: str = "sqlite+aiosqlite:///brug.db"
    # Passed to ApplicationBuilder().base_url() as is, e.g. for a local Bot API server or an emulator.
    telegram_base_url: str | None = None
    language: Language = "nl"
    timezone: str = "Europe/Amsterdam"
    # Telegram allows ~30 messages/s overall and 20/min per group; off only for benchmarks and tests.
    rate_limiter: bool = True
    # How often the scheduler looks for due reminders.
    tick_seconds: float = 10.0
    # How long the list of a group's Telegram administrators is trusted before it is fetched again.
    admin_cache_seconds: int = 3600
    # Webhook mode (``brug run --webhook``): the public HTTPS URL Telegram posts to, the secret it
    # sends back in X-Telegram-Bot-Api-Secret-Token, and where Brug's own web server listens.
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    # Loopback by default: a reverse proxy (nginx, Caddy) in front terminates HTTPS and forwards to it.
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    # The coordinators' dashboard: its public https URL (Telegram opens Web Apps only over https). When set,
    # Brug's web server (webhook_listen/webhook_port) serves it, in polling mode too.
    dashboard_url: str | None = None
    # The neighbourhood's pages ("📣 Ook voor de buurt": an action's public page, "ik kom ook", the group's
    # public profile): their public https URL. Default: the dashboard's site with /buurt, served by the same
    # web server. Without either, actions cannot be shown to the neighbourhood.
    public_url: str | None = None
    # Signal (``brug run --transport signal``): signal-cli's JSON-RPC URL, e.g.
    # http://127.0.0.1:8080/api/v1/rpc (the events stream is next to it), and Brug's number, +31...
    signal_rpc_url: str | None = None
    # Keys the ids Brug gives people on Signal (a hash of their number): without the key nobody can
    # compute them back. Required for Signal; any long random string, e.g. `openssl rand -hex 32`.
    id_secret: SecretStr | None = None
    signal_account: str | None = None
    # Logs: level, and "json" for one JSON object per line instead of key=value text.
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["text", "json"] = "text"

    # -- Limits of Brug's web server (bot/road/web_limits.py): what a stranger can make it hold.
    # The reverse proxies (IPs or CIDR ranges, comma-separated) whose X-Forwarded-For / X-Real-Ip are
    # believed. Empty: the peer's own address is the client, whatever the headers say.
    trusted_proxies: Annotated[list[str], NoDecode] = []
    # Request bodies: a webhook update (and anything else) at most this many bytes, a dashboard form at most
    # that many; a larger declared Content-Length is answered 413 before the body is read.
    webhook_max_body_bytes: int = Field(default=64 * 1024, ge=1024)
    dashboard_max_body_bytes: int = Field(default=16 * 1024, ge=1024)
    # A request's headers must be complete this long after the connection (or its previous request) went
    # quiet, its body within this long after them; otherwise the connection is closed.
    web_header_timeout_seconds: float = Field(default=10.0, gt=0)
    web_body_timeout_seconds: float = Field(default=10.0, gt=0)
    # Connections open at once; one more is closed as soon as it is accepted.
    web_max_connections: int = Field(default=256, ge=1)
    # Lines a minute per kind of web warning (bad secret, 4xx, refused connection); the rest are counted.
    web_log_lines_per_minute: int = Field(default=10, ge=1)

    # -- Intake and processing of updates (bot/road/inbox.py, bot/road/chat_order.py)
    # Updates handled at the same moment in this process: different chats side by side, one chat in order.
    # Each holds a database connection while it runs, so the connection pool is sized from it. Unset: 8 on
    # PostgreSQL, 1 on SQLite (one writer, and every update writes first; a flooding group still waits
    # outside, in its own lane).
    concurrent_updates: int | None = Field(default=None, ge=1, le=256)
    # An inbox row a worker claimed is its own for this long; renewed while the update is being handled.
    inbox_lease_seconds: float = Field(default=60.0, gt=0)
    # How often a worker looks for inbox rows nobody told it about (on PostgreSQL NOTIFY wakes it at once).
    inbox_poll_seconds: float = Field(default=1.0, gt=0)
    # This process's name in the inbox. Unset: host and process id. Set it stable and unique per process
    # (the systemd template uses %H-%i) so a restarted worker takes back at once what its killed
    # predecessor held, instead of waiting for the lease to run out.
    worker_name: str | None = Field(default=None, max_length=100)

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        # "127.0.0.1, 10.0.0.0/8" from the environment; a list as is.
        return [part for part in value.split(",") if part.strip()] if isinstance(value, str) else value

    @field_validator("trusted_proxies")
    @classmethod
    def _ip_or_range(cls, value: list[str]) -> list[str]:
        for entry in value:
            ipaddress.ip_network(entry.strip(), strict=False)  # ValueError: neither an IP nor a CIDR range
        return [entry.strip() for entry in value]

    @field_validator("webhook_secret")
    @classmethod
    def _telegram_accepts_secret(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram accepts 1-256 characters A-Z, a-z, 0-9, _ and -.
        if value is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()):
            raise ValueError("use 1-256 characters: letters, digits, _ and -")
        return value

    @property
    def webhook_secret_value(self) -> str | None:
        return self.webhook_secret.get_secret_value() if self.webhook_secret else None

    @property
    def updates_at_once(self) -> int:
        """``concurrent_updates``, or its default for the database."""
        if self.concurrent_updates is not None:
            return self.concurrent_updates
        return 1 if self.database_url.startswith("sqlite") else 8

    @property
    def token(self) -> str | None:
        return self.telegram_token.get_secret_value() if self.telegram_token else None

    @property
    def dashboard_in_telegram(self) -> bool:
        """Telegram opens a Web App (the 📊 Dashboard button) only over https."""
        return bool(self.dashboard_url) and str(self.dashboard_url).lower().startswith("https://")

    @property
    def neighbourhood_url(self) -> str | None:
        """Where the public pages live: ``public_url``, else the dashboard's site + /buurt."""
        if self.public_url:
            return str(self.public_url).rstrip("/")
        if self.dashboard_url:
            parts = urlsplit(str(self.dashboard_url))
            return f"{parts.scheme}://{parts.netloc}/buurt"
        return None

    @property
    def id_key(self) -> bytes:
        return self.id_secret.get_secret_value().encode() if self.id_secret else b""
