"""The transport interface: everything Brug receives from and sends to a chat service.

Incoming, a transport reports events: a member said something (a command is text starting with "/"),
reacted to one of Brug's messages, or joined or left a group; Brug was added to or removed from a group.
PlainMessage, Brug asks a transport to send a text with numbered choices (Signal and a terminal have no
buttons), to edit or delete a message it sent, to send a file, and who the administrators of a group are.

Telegram is the first implementation of this contract — natively, through python-telegram-bot, because
Telegram's buttons and Bot API are what Brug's handlers were written against; ``bot.bridge.botapi``
implements the Bot API on top of this interface for every other transport.

Addresses are the transport's own strings (a Signal phone number or UUID, a base64 group id, a name in the
console); the bridge maps them to the integer ids Brug stores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol


@dataclass(frozen=True)
class Contact:
    """A member as the transport knows them; ``address`` is stable, ``name`` is what people see."""

    address: str
    name: str
    language: str | None = None


@dataclass(frozen=True)
class Conversation:
    """A group, or the private conversation with one person (then ``address`` is that person's)."""

    kind: Literal["group", "private"]
    address: str
    title: str | None = None

    @property
    def is_group(self) -> bool:
        return self.kind == "group"


@dataclass(frozen=True)
class Sent:
    """What a transport returns for a message it delivered: its own reference to that message, and for an
    edit made as a message of its own (Signal) that message's reference, by which members may quote it."""

    ref: str
    alias: str | None = None


@dataclass(frozen=True)
class PlainMessage:
    """A message to show: plain text (no markup), numbered choices, and what it answers.

    ``choices`` are the labels of the options in order; the transport shows them numbered and adds
    ``choose_hint`` ("Antwoord met 1, 2 of 3.") after them. ``quote`` is the transport reference of the
    message this one answers, ``quote_author`` its author's address.
    """

    text: str
    choices: tuple[str, ...] = ()
    choose_hint: str | None = None
    quote: str | None = None
    quote_author: str | None = None
    # Choices that are amounts ("8 leden") are listed without numbers: the amount is the answer.
    numbered: bool = True

    def choice_lines(self) -> list[str]:
        if not self.numbered:
            return [f"• {label}" for label in self.choices]
        return [f"{number}. {label}" for number, label in enumerate(self.choices, 1)]

    def as_text(self) -> str:
        """The message as one text: the body, the numbered choices, the hint."""
        parts = [self.text]
        if self.choices:
            parts.append("\n".join(self.choice_lines()))
            if self.choose_hint:
                parts.append(self.choose_hint)
        return "\n\n".join(part for part in parts if part)


@dataclass(frozen=True)
class Document:
    filename: str
    content: bytes
    mime_type: str
    caption: str = ""


# ---------------------------------------------------------------- incoming events


@dataclass(frozen=True)
class Said:
    """A member wrote ``text`` in ``conversation``; ``quote`` is the reference of a message they quoted."""

    conversation: Conversation
    person: Contact
    text: str
    ref: str | None = None
    quote: str | None = None


@dataclass(frozen=True)
class Reacted:
    """A member put an emoji on a message (``remove``: took it off again)."""

    conversation: Conversation
    person: Contact
    emoji: str
    target: str
    remove: bool = False


@dataclass(frozen=True)
class Joined:
    """``person`` joined a group; ``person is None`` means Brug itself was added."""

    conversation: Conversation
    person: Contact | None = None
    added_by: Contact | None = None


@dataclass(frozen=True)
class Left:
    """``person`` left a group; ``person is None`` means Brug itself was removed."""

    conversation: Conversation
    person: Contact | None = None
    removed_by: Contact | None = None


Event = Said | Reacted | Joined | Left


# ---------------------------------------------------------------- what a transport can be asked


class TransportError(Exception):
    """A planned failure; ``retry_after`` set when the service asks to slow down."""

    def __init__(self, detail: str, *, retry_after: float | None = None, refused: bool = False) -> None:
        super().__init__(detail)
        self.retry_after = retry_after
        # The service will not deliver to this conversation (not a member, blocked).
        self.refused = refused


class Transport(Protocol):
    """A chat service Brug can live in. All methods may raise ``TransportError``."""

    name: str

    async def send(self, conversation: Conversation, message: PlainMessage) -> Sent:
        """Deliver a new message."""

    async def edit(
        self, conversation: Conversation, ref: str, message: PlainMessage, *, edits: int = 0
    ) -> Sent:
        """Change a message Brug sent; may deliver a new message instead (the returned ``ref`` says).

        ``edits``: how often Brug edited this message before, as the bridge remembers it across
        restarts (Signal allows only so many edits of one message).
        """

    async def delete(self, conversation: Conversation, ref: str) -> None:
        """Take back a message Brug sent (best effort)."""

    async def send_document(self, conversation: Conversation, document: Document) -> Sent:
        """Deliver a file."""

    async def administrators(self, conversation: Conversation) -> list[Contact]:
        """The people who administer a group (they coordinate in Brug)."""

    async def members(self, conversation: Conversation) -> list[Contact]:
        """The people in a group, as far as the service tells."""


@dataclass
class Recorded:
    """One thing a transport was asked to do (tests and the console keep these)."""

    action: Literal["send", "edit", "delete", "document"]
    conversation: Conversation
    message: PlainMessage | None = None
    ref: str | None = None
    document: Document | None = None
    extra: dict[str, str] = field(default_factory=dict)
