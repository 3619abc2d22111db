"""Settings for one Brug process, read from the environment (prefix ``BRUG_``) or a ``.env`` file."""

from __future__ import annotations

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

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @property
    def token(self) -> str | None:
        return self.telegram_token.get_secret_value() if self.telegram_token else None
