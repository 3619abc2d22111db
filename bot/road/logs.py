"""Structured logs: one line per update, secrets never written.

Named ``logs`` rather than ``logging`` so it never shadows the standard library module.

``configure_logging`` installs one handler on the root logger with
- ``RedactSecrets``: replaces the bot token and the webhook secret in every message, argument and
  traceback before any formatter sees them (Telegram's URLs carry the token: ``/bot<token>/sendMessage``);
- a formatter that writes ``time level logger: message key=value ...`` (or one JSON object per line)
  from the ``fields`` a record carries, e.g. the per-update line ``update_line`` builds.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TextIO

REDACTED = "[redacted]"
UPDATE_LOGGER = "brug.updates"


class RedactSecrets(logging.Filter):
    """Removes known secrets from a record's message and traceback (the record is changed in place)."""

    def __init__(self, secrets: Iterable[str | None]) -> None:
        super().__init__()
        # Longest first, so a secret containing another is replaced whole.
        self.secrets = sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a badly formatted record still gets logged
            message = f"{record.msg!r} {record.args!r}"
        record.msg = self.redact(message)
        record.args = None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = self.redact("".join(traceback.format_exception(*record.exc_info)).rstrip())
            # The formatter would render exc_info again, unredacted; exc_text is what it should use.
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            record.fields = {k: self.redact(v) if isinstance(v, str) else v for k, v in fields.items()}
        return True


@dataclass
class _Window:
    start: float
    passed: int = 0
    suppressed: int = 0


class RateLimit(logging.Filter):
    """At most ``per_minute`` lines of one kind a minute (one kind: the same logger, level and message
    template, whatever its arguments). The rest are dropped and counted; the first line of that kind in a
    later minute carries the count as the field ``suppressed``. Put on the loggers a stranger can make write
    (``bot.road.web_limits.limit_web_logs``), so a flood of bad requests cannot flood the log."""

    # Kinds remembered at most; beyond it, windows that are over are forgotten.
    MAX_KINDS = 512

    def __init__(
        self,
        per_minute: int = 10,
        *,
        window_seconds: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.per_minute = per_minute
        self.window_seconds = window_seconds
        self.clock = clock
        self.windows: dict[tuple[str, int, str], _Window] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, record.levelno, str(record.msg))
        now = self.clock()
        with self._lock:
            window = self.windows.get(key)
            if window is None or now - window.start >= self.window_seconds:
                earlier = window.suppressed if window is not None else 0
                if window is None and len(self.windows) >= self.MAX_KINDS:
                    self._forget_finished(now)
                window = self.windows[key] = _Window(start=now)
                if earlier:
                    fields = getattr(record, "fields", None)
                    record.fields = {**(fields if isinstance(fields, dict) else {}), "suppressed": earlier}
            if window.passed >= self.per_minute:
                window.suppressed += 1
                return False
            window.passed += 1
            return True

    def _forget_finished(self, now: float) -> None:
        for key in [k for k, w in self.windows.items() if now - w.start >= self.window_seconds]:
            del self.windows[key]
        if len(self.windows) >= self.MAX_KINDS:  # messages built with f-strings: every line its own kind
            self.windows.clear()


class KeyValueFormatter(logging.Formatter):
    """``2026-12-01 10:00:00,000 INFO brug.updates: update kind=message chat=-1001 ... outcome=ok``."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        fields = getattr(record, "fields", None)
        if not fields:
            return line
        first, newline, rest = line.partition("\n")
        pairs = " ".join(f"{key}={_value(value)}" for key, value in fields.items())
        return f"{first} {pairs}{newline}{rest}"


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for log collectors."""

    def format(self, record: logging.LogRecord) -> str:
        document: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        document.update(getattr(record, "fields", None) or {})
        if record.exc_info:
            document["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            document["exception"] = record.exc_text
        return json.dumps(document, ensure_ascii=False, default=str)


def _value(value: Any) -> str:
    text = str(value)
    return json.dumps(text, ensure_ascii=False) if (not text or " " in text or '"' in text) else text


# The key of the pseudonyms people get in the logs (set by ``configure_logging`` from the installation's
# secret). Unkeyed, a Telegram id's hash could be reversed by trying every id.
_pseudonym_key = b""


def person(telegram_id: int | None) -> str:
    """A person's Telegram id as the logs show it: a keyed hash ("p-1a2b3c4d5e"), never the id itself, so
    logs kept after /vergeetmij name nobody. A group's chat id (negative) is no person's and stays."""
    if telegram_id is None:
        return "-"
    if telegram_id < 0:
        return str(telegram_id)
    digest = hashlib.blake2b(str(telegram_id).encode(), key=_pseudonym_key[:64], digest_size=5)
    return f"p-{digest.hexdigest()}"


def configure_logging(
    *,
    secrets: Iterable[str | None],
    level: str = "INFO",
    json_lines: bool = False,
    stream: TextIO | None = None,
    pseudonym_key: bytes = b"",
) -> logging.Handler:
    """Log to ``stream`` (stderr) through the redacting filter; replaces earlier root handlers.
    ``pseudonym_key`` keys the pseudonyms of people's ids (``person``)."""
    global _pseudonym_key
    _pseudonym_key = pseudonym_key
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(RedactSecrets(secrets))
    handler.setFormatter(JsonFormatter() if json_lines else KeyValueFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    # httpx logs every request URL at INFO, and the URL contains the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # Alembic announces each of its plugins at INFO on every start.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    # Tornado logs every request at INFO (health checks every few seconds); warnings suffice.
    logging.getLogger("tornado.access").setLevel(logging.WARNING)
    return handler


def log_update(
    logger: logging.Logger,
    *,
    update_id: int | None,
    kind: str,
    chat_id: int | None,
    handler: str | None,
    duration_ms: float,
    outcome: str,
) -> None:
    """The one line per update: what came in, who handled it, how long it took and how it ended."""
    level = logging.INFO if outcome in ("ok", "duplicate", "ignored") else logging.WARNING
    logger.log(
        level,
        "update",
        extra={
            "fields": {
                "update_id": update_id,
                "kind": kind,
                "chat": person(chat_id),
                "handler": handler or "-",
                "ms": round(duration_ms, 1),
                "outcome": outcome,
            }
        },
    )
