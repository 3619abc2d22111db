"""Turn a domain ``Reply`` into text and button labels in the reader's language: shared by every transport.

A reply's arguments may be plain values, dates ("zaterdag 12 december"), nested replies (rendered as their own
safe HTML) or lists of those (one per line). Plain strings are HTML-escaped exactly once.
"""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

from bot.domain.bot_api_rules import TEXT_LIMIT, visible_length
from bot.domain.i18n import Html, Translator, escape
from bot.domain.messages import Choice, Reply
from storage.models import Member

# Tags Brug's texts use that a cut could leave open (Telegram refuses unbalanced HTML).
CLOSABLE_TAGS = ("a", "b", "i", "u", "s", "code", "pre", "blockquote")
# A line cut off gets this.
MORE = "…"


def render_args(translator: Translator, lang: str, args: dict[str, Any]) -> dict[str, Any]:
    """Arguments a transport can render once the reader's language is known.

    A ``date`` becomes "zaterdag 12 december"; a nested ``Reply`` becomes its own safe HTML, and a list
    of them one line each (empty items left out) — the same conventions the proposals feature uses.
    Everything else passes to Fluent as is (strings are escaped there).
    """
    return {name: render_value(translator, lang, value) for name, value in args.items()}


def render_value(translator: Translator, lang: str, value: Any) -> Any:
    if isinstance(value, Reply):
        return render_text(translator, value, lang)
    if isinstance(value, list | tuple):
        return Html("\n".join(_safe(render_value(translator, lang, item)) for item in value if item != ""))
    if isinstance(value, date):
        return translator.date(lang, value)
    return value


def _safe(value: Any) -> str:
    # A list becomes one Html value, so each plain string in it is escaped here.
    return str(value) if isinstance(value, Html) else escape(str(value))


def render_text(translator: Translator, reply: Reply, lang: str) -> Html:
    if reply.args:
        key = _constant_key(reply)
        if key is not None:
            # Nested replies and nothing else (a card's chips): the same text every time.
            return translator.constant(
                lang, key, lambda: translator.text(lang, reply.message, **render_args(translator, lang, reply.args))
            )
    return translator.text(lang, reply.message, **render_args(translator, lang, reply.args))


def _constant_key(reply: Reply) -> tuple | None:
    """A key for a reply whose arguments are all nested replies of the same kind (their text then
    depends on message ids alone); None when any argument is a plain value."""
    parts = []
    for name, value in reply.args.items():
        if not isinstance(value, Reply):
            return None
        value_key: tuple[Any, ...] | str | None
        if value.args:
            value_key = _constant_key(value)
            if value_key is None:
                return None
        else:
            value_key = value.message
        parts.append((name, value_key))
    return (reply.message, tuple(parts))


def fit(text: str) -> str:
    """Keep an HTML message within Telegram's 4,096 characters as Telegram counts them (the visible text,
    UTF-16), the one way every sender does it: whole lines are dropped from the end while there are
    several (a list loses its last entries, not half a line), a single long line is cut; no tag or
    entity is cut in half and no tag is left open."""
    if visible_length(text) <= TEXT_LIMIT:
        return text
    room = TEXT_LIMIT - 2  # for the "…" and its separator
    lines = text.split("\n")
    while len(lines) > 1 and visible_length("\n".join(lines)) > room:
        lines.pop()
    cut = "\n".join(lines)
    while visible_length(cut) > room:
        # An emoji counts two: cutting half the excess in characters never cuts too much.
        cut = cut[: len(cut) - max(1, (visible_length(cut) - room) // 2)]
    for opener, closer in (("<", ">"), ("&", ";")):
        start = cut.rfind(opener)
        if start > cut.rfind(closer):
            cut = cut[:start]
    cut = cut.rstrip()
    for tag in CLOSABLE_TAGS:
        opened = len(re.findall(rf"<{tag}[\s>]", cut))
        if opened > cut.count(f"</{tag}>"):
            cut += f"</{tag}>"
    separator = "\n" if len(lines) > 1 else " "
    return cut + separator + MORE


def button_label(translator: Translator, choice: Choice, lang: str) -> str:
    if choice.literal:
        return choice.label.strip()[:60] or "?"
    # Labels are plain text: undo the escaping Fluent arguments received.
    label = translator.text(lang, choice.label, **render_args(translator, lang, choice.label_args))
    return html.unescape(str(label))


# ---------------------------------------------------------------- Telegram


def mention(member: Member) -> Html:
    """A link that mentions the member in a group, with their name escaped.

    A forgotten member (``/vergeetmij``) has a negative surrogate id: no link, just "een lid".
    """
    if member.telegram_user_id < 0:
        return Html(escape(member.first_name))
    return Html(f'<a href="tg://user?id={int(member.telegram_user_id)}">{escape(member.first_name)}</a>')
