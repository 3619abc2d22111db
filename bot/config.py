"""Settings for one Brug process, read from the environment (prefix ``BRUG_``) or a ``.env`` file."""

from __future__ import annotations

import re
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

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
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    # The coordinators' dashboard: its public https URL (Telegram opens Web Apps only over https). When set,
    # Brug's web server (webhook_listen/webhook_port) serves it, in polling mode too.
    dashboard_url: str | None = None
    # Signal (``brug run --transport signal``): signal-cli's JSON-RPC URL, e.g.
    # http://127.0.0.1:8080/api/v1/rpc (the events stream is next to it), and Brug's number, +31...
    signal_rpc_url: str | None = None
    signal_account: str | None = None
    # Logs: level, and "json" for one JSON object per line instead of key=value text.
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["text", "json"] = "text"

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

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
    def token(self) -> str | None:
        return self.telegram_token.get_secret_value() if self.telegram_token else None
