"""Small helpers lists and cards share: shortening user text and paging."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from bot.domain.understanding import is_digits, meaning

def shorten(text: str | None, limit: int) -> str:
    """User text in one line, cut to ``limit`` characters at a word boundary ("…" when cut): a list
    entry, a button."""
    return _cut(" ".join(text.split()) if text else "", limit)


def clip(text: str | None, limit: int) -> str:
    """User text cut to ``limit`` characters at a word boundary ("…" when cut), the member's own line
    breaks kept: a card's goal, a concern, a harvest answer."""
    return _cut(text or "", limit)


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


@dataclass(frozen=True)
class Paging:
    """Which page of how many, after clamping a requested page into range."""

    page: int
    pages: int
    total: int
    size: int

    @property
    def offset(self) -> int:
        return self.page * self.size

    @property
    def has_previous(self) -> bool:
        return self.page > 0

    @property
    def has_next(self) -> bool:
        return self.page + 1 < self.pages


def paging(total: int, requested_page: int, size: int) -> Paging:
    pages = max(1, -(-total // size))
    page = min(max(requested_page, 0), pages - 1)
    return Paging(page=page, pages=pages, total=total, size=size)


# Typed answers that mean "leave this empty" (the words are in prompts/*/words.toml).
EMPTY_MEANINGS = ("skip", "no", "unknown", "nobody")
# Longer than any day someone types ("over twee weken op zaterdag").
DAY_TEXT_LIMIT = 60


class InvalidInput(ValueError):
    """A typed answer Brug cannot use; ``reply`` says why, kindly. Nothing was saved."""

    def __init__(self, message: str, **args: object) -> None:
        super().__init__(message)
        self.message = message
        self.args_ = args


def cleaned(text: str | None, limit: int, *, optional: bool = False) -> str | None:
    """Typed text made tidy: spaces collapsed per line, within ``limit``; empty or a skip word is None.

    Raises ``InvalidInput`` for an empty required answer or a too long one.
    """
    lines = [" ".join(line.split()) for line in (text or "").strip().splitlines()]
    value = "\n".join(line for line in lines if line)
    if optional and (value in ("-", "–") or (meaning(value) or "") in EMPTY_MEANINGS):
        return None
    if not value:
        if optional:
            return None
        raise InvalidInput("input-empty")
    if len(value) > limit:
        raise InvalidInput("input-too-long", limit=limit)
    return value


def optional_day(
    text: str | None, today: date, read: Callable[[str, date], date | None], unreadable: str
) -> date | None:
    """A typed day for a field that may stay empty ("weet ik niet", "-": None), read by ``read`` (a
    coming or a past day); ``InvalidInput(unreadable)`` when it is no day."""
    value = cleaned(text, DAY_TEXT_LIMIT, optional=True)
    if value is None:
        return None
    day = read(value, today)
    if day is None:
        raise InvalidInput(unreadable)
    return day


def row_id(text: str | None, *, digits: int = 9) -> int | None:
    """A number from a URL, a link or a payload (a row id, a page): at most ``digits`` digits 0-9, else
    None — a forged or mistyped one is "not found", never an error."""
    return int(text) if text and len(text) <= digits and is_digits(text) else None
