"""What the real Bot API refuses in a message's text, as Telegram's documentation describes HTML
parse mode (https://core.telegram.org/bots/api#html-style): the emulator and the bridges' in-process
Bot API refuse the same, so a text Brug could not send to Telegram fails there too.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Telegram's limits (https://core.telegram.org/bots/api#sendmessage): counted on the text people see,
# in UTF-16 code units (an emoji counts two), after entities are parsed.
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_LIMIT = 64  # bytes of callback_data
TAG = re.compile(r"<[^>]*>")


def telegram_length(shown: str) -> int:
    """How long Telegram counts a visible text: UTF-16 code units."""
    return len(shown.encode("utf-16-le")) // 2


def visible_length(text: str) -> int:
    """``telegram_length`` of an HTML text without parsing it strictly: tags left out, entities decoded."""
    return telegram_length(html.unescape(TAG.sub("", text)))

ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
    "tg-spoiler", "span", "blockquote", "tg-emoji",
}


class BotAPIError(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


class _HTMLChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            raise BotAPIError(400, f'Bad Request: can\'t parse entities: unsupported start tag "{tag}"')
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise BotAPIError(400, f'Bad Request: can\'t parse entities: unmatched end tag "{tag}"')
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible_text(text: str, parse_mode: str | None) -> str:
    """What a person sees; raises ``BotAPIError`` like Telegram on HTML it cannot parse."""
    if (parse_mode or "").upper() != "HTML":
        return text
    for entity in re.findall(r"&([^;\s]*);", text):
        if entity not in {"lt", "gt", "amp", "quot"} and not re.fullmatch(r"#x?[0-9a-fA-F]+", entity):
            raise BotAPIError(400, f"Bad Request: can't parse entities: unsupported entity &{entity};")
    if re.search(r"<(?![a-zA-Z/])", text):
        raise BotAPIError(400, "Bad Request: can't parse entities: unexpected < character")
    checker = _HTMLChecker()
    checker.feed(text)
    checker.close()
    if checker.stack:
        raise BotAPIError(400, f'Bad Request: can\'t parse entities: unclosed tag "{checker.stack[-1]}"')
    return "".join(checker.parts)
