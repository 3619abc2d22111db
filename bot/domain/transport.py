"""How timed messages leave Brug: a transport-neutral ``Sender`` (Telegram's is ``bot.road.telegram_api``).

The scheduler only knows ``Sender.send(address, reply, lang)`` and three planned failures:

- ``RetryLater(seconds)``: the transport asks us to slow down (Telegram 429 with ``retry_after``);
- ``Blocked``: this chat cannot be written to (Telegram 403: the member blocked Brug, or Brug was removed
  from the group);
- ``DeliveryFailed``: anything else (network, 5xx, a bad request); retried with back-off.

Nothing here knows Telegram, so the scheduler (domain) can use it and Signal or a console joins by
writing another ``Sender``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from bot.domain.messages import Reply


@dataclass(frozen=True)
class Address:
    """Where a message goes: a member's private chat or a group chat, by the transport's chat id."""

    channel: Literal["private", "group"]
    chat_id: int


class DeliveryError(Exception):
    """A planned failure to deliver; the scheduler decides what happens to the row."""


class RetryLater(DeliveryError):
    def __init__(self, seconds: float, detail: str = "") -> None:
        super().__init__(detail or f"retry after {seconds} s")
        self.seconds = seconds


class Blocked(DeliveryError):
    """The chat refuses messages from Brug (blocked, removed, never started)."""


class DeliveryFailed(DeliveryError):
    """Anything else; worth another try later."""


class Sender(Protocol):
    async def send(self, address: Address, reply: Reply, lang: str) -> None:
        """Deliver ``reply`` rendered in ``lang`` to ``address``, or raise a ``DeliveryError``."""

    async def edit(self, address: Address, message_id: int, reply: Reply, lang: str) -> None:
        """Show ``reply`` in message ``message_id`` sent earlier to ``address`` (a card redrawn)."""
