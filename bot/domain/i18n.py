"""Every sentence Brug says comes from ``prompts/<lang>/*.ftl`` (Project Fluent).

Fluent keeps plural rules and placeholders in the translation files, where translators can see them.
Messages are rendered for Telegram's HTML parse mode: every string argument is HTML-escaped here, once,
unless it is already ``Html`` (built from escaped parts by Brug itself).
"""

from __future__ import annotations

import html
import logging
import datetime as dt
from functools import cache, lru_cache
from pathlib import Path
from collections.abc import Callable, Hashable
from typing import Any

from babel.dates import format_date
from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax.ast import Junk

log = logging.getLogger(__name__)

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"
LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


class Html(str):
    """A string that is already safe HTML for Telegram (its user parts were escaped)."""


def escape(value: str) -> str:
    return html.escape(value, quote=False)


class MissingMessage(KeyError):
    pass


# Fluent's limit for a placeable is 1,000 characters; longer arguments bypass it (Translator.text).
LONG_ARGUMENT = 900


class Translator:
    """Formats message ids into text for one language, falling back to Dutch."""

    def __init__(self, prompts_dir: Path = PROMPTS_DIR) -> None:
        self._bundles: dict[str, FluentBundle] = {}
        for lang in LANGUAGES:
            bundle = FluentBundle([lang], use_isolating=False)
            for path in sorted((prompts_dir / lang).glob("*.ftl")):
                resource = FluentResource(path.read_text(encoding="utf-8"))
                # The parser keeps what it cannot read as Junk (add_resource returns nothing and skips
                # it): a broken file fails here rather than its messages going missing one by one.
                errors = [entry.annotations for entry in resource.body if isinstance(entry, Junk)]
                if errors:
                    raise ValueError(f"{path}: {errors}")
                bundle.add_resource(resource)
            self._bundles[lang] = bundle
        # Messages without arguments, formatted once per language: a card's buttons, chips and
        # status lines are the same text every time it is drawn.
        self._constant: dict[tuple[str, Hashable], Html] = {}

    def has(self, lang: str, message_id: str) -> bool:
        return self._bundles[normalise_language(lang)].has_message(message_id)

    def text(self, lang: str, message_id: str, **args: Any) -> Html:
        """The message in ``lang`` as safe HTML; string arguments are escaped."""
        lang = normalise_language(lang)
        if not args:
            constant = self._constant.get((lang, message_id))
            if constant is not None:
                return constant
        bundle = self._bundles[lang]
        if not bundle.has_message(message_id):
            if lang != DEFAULT_LANGUAGE and self._bundles[DEFAULT_LANGUAGE].has_message(message_id):
                bundle = self._bundles[DEFAULT_LANGUAGE]
            else:
                raise MissingMessage(message_id)
        safe_args = {key: _safe_arg(value) for key, value in args.items()}
        pattern = bundle.get_message(message_id).value
        if pattern is None:  # a message with attributes only has no text of its own
            raise MissingMessage(message_id)
        # Fluent refuses a placeable over 1,000 characters (its guard against "billion laughs") and
        # shows "{???}": a long argument (the list of 18 actions in /acties) goes in as a short token
        # and is put back after formatting. It is text already made safe, never a selector.
        long_parts: dict[str, str] = {}
        for key, safe in safe_args.items():
            if isinstance(safe, str) and len(safe) > LONG_ARGUMENT:
                token = f"\ue000{len(long_parts)}\ue001"
                long_parts[token] = safe
                safe_args[key] = token
        formatted, errors = bundle.format_pattern(pattern, safe_args)
        value = str(formatted)
        for token, part in long_parts.items():
            value = value.replace(token, part)
        if errors:
            log.warning("prompt %s/%s: %s", lang, message_id, errors)
        elif not args:
            self._constant[lang, message_id] = Html(value)
        return Html(value)

    def constant(self, lang: str, key: Hashable, make: Callable[[], Html]) -> Html:
        """``make()``, made once per language and ``key``: for text that depends on message ids alone
        (``bot.domain.rendering`` keys a nested reply without plain values by its ids)."""
        lang = normalise_language(lang)
        text = self._constant.get((lang, key))
        if text is None:
            text = self._constant[lang, key] = make()
        return text

    def date(self, lang: str, day: dt.date, *, with_weekday: bool = True) -> str:
        """A calendar day as an older resident reads it: "zaterdag 12 december"."""
        pattern = "EEEE d MMMM" if with_weekday else "d MMMM y"
        if type(day) is not dt.date:  # a datetime: equal moments in two zones may be different days
            return format_date(day, pattern, locale=normalise_language(lang))
        return _format_day(day, pattern, normalise_language(lang))


@lru_cache(maxsize=4096)
def _format_day(day: dt.date, pattern: str, locale: str) -> str:
    # Babel takes ~50 µs; a card shows the same few days every time it is drawn.
    return format_date(day, pattern, locale=locale)


def _safe_arg(value: Any) -> Any:
    if isinstance(value, Html):
        return str(value)
    if isinstance(value, str):
        return escape(value)
    if value is None:
        return ""
    return value


def normalise_language(code: str | None, default: str = DEFAULT_LANGUAGE) -> str:
    """Telegram's language_code ("en-GB", "nl") to one of Brug's languages."""
    if not code:
        return default
    short = code.split("-")[0].lower()
    return short if short in LANGUAGES else default


@cache
def translator() -> Translator:
    return Translator()
