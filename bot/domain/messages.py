"""What the domain hands to a transport: message ids with arguments and choices, no Telegram types.

A transport (``handlers/render.py`` for Telegram; Signal or a console later) turns a ``Reply`` into text and
buttons in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Choice:
    """A button: a label (message id + args) and a callback payload, a URL or a Web App URL."""

    label: str
    payload: str | None = None
    url: str | None = None
    label_args: dict[str, Any] = field(default_factory=dict)
    # A label that is user text (a partner's name) rather than a message id.
    literal: bool = False
    # Opens this https page inside Telegram as a Web App (Telegram allows it in private chats only).
    web_app: str | None = None
    # What typing a word means for this button ("skip", "stop", "yes", "no", "undo": the values of
    # ``bot.domain.understanding.Meaning``), so "overslaan" or "ja" typed presses it.
    means: str | None = None


@dataclass(frozen=True)
class Reply:
    """One message to show: a message id, its arguments, and rows of choices."""

    message: str
    args: dict[str, Any] = field(default_factory=dict)
    choices: tuple[tuple[Choice, ...], ...] = ()
    # Ask the reader to answer in text (Telegram: ForceReply, so it works with privacy mode on).
    expects_text: bool = False
    placeholder: str | None = None


def rows(*rows_of_choices: list[Choice] | tuple[Choice, ...]) -> tuple[tuple[Choice, ...], ...]:
    return tuple(tuple(row) for row in rows_of_choices if row)


@dataclass(frozen=True)
class Outgoing:
    """A message a timed job sends: privately to ``member_id``, or to the group ``group_id``.

    The sender renders ``reply`` in the reader's language (the member's own privately, the group's
    in the group) and falls back to the group when a member cannot be reached privately.
    """

    member_id: int | None
    group_id: int | None
    reply: Reply
    # Show ``reply`` in this message of the group instead of sending a new one (a card redrawn).
    edit_message_id: int | None = None
