"""An in-memory ``Transport`` for bridge tests: records what Brug sends; ``People`` play the members."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from typing import Any

import pytest
from sqlalchemy import select

from collections.abc import AsyncIterator

from bot.bridge.run import BridgedBrug
from bot.domain.clock import FixedClock
from bot.config import Settings
from storage.db import Database
from bot.bridge.interface import (
    Conversation,
    Document,
    PlainMessage,
    Contact,
    Recorded,
    Said,
    Sent,
    TransportError,
)


@dataclass
class MemoryTransport:
    name: str = "memory"
    admins: dict[str, list[Contact]] = field(default_factory=dict)
    group_members: dict[str, list[Contact]] = field(default_factory=dict)
    log: list[Recorded] = field(default_factory=list)
    failures: list[TransportError] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._refs = itertools.count(1)

    def _maybe_fail(self) -> None:
        if self.failures:
            raise self.failures.pop(0)

    async def send(self, conversation: Conversation, message: PlainMessage) -> Sent:
        self._maybe_fail()
        ref = str(next(self._refs))
        self.log.append(Recorded("send", conversation, message, ref))
        return Sent(ref)

    async def edit(
        self, conversation: Conversation, ref: str, message: PlainMessage, *, edits: int = 0
    ) -> Sent:
        self._maybe_fail()
        self.log.append(Recorded("edit", conversation, message, ref))
        return Sent(ref)

    async def delete(self, conversation: Conversation, ref: str) -> None:
        self.log.append(Recorded("delete", conversation, None, ref))

    async def send_document(self, conversation: Conversation, document: Document) -> Sent:
        ref = str(next(self._refs))
        self.log.append(Recorded("document", conversation, None, ref, document))
        return Sent(ref)

    async def administrators(self, conversation: Conversation) -> list[Contact]:
        return list(self.admins.get(conversation.address, []))

    async def members(self, conversation: Conversation) -> list[Contact]:
        return list(self.group_members.get(conversation.address, []))

    # -- reading back
    def sent_to(self, conversation: Conversation) -> list[Recorded]:
        return [r for r in self.log if r.conversation == conversation and r.action in ("send", "edit")]

    def last_to(self, conversation: Conversation) -> Recorded:
        return self.sent_to(conversation)[-1]

    def texts(self, conversation: Conversation) -> list[str]:
        return [r.message.as_text() for r in self.sent_to(conversation) if r.message]


def private(person: Contact) -> Conversation:
    return Conversation("private", person.address, person.name)


class People:
    """Members talking to Brug (a ``BridgedBrug``) on a ``MemoryTransport``, and what Brug sent them."""

    def __init__(self, brug: Any, transport: MemoryTransport, group: Conversation) -> None:
        self.brug = brug
        self.transport = transport
        self.group = group
        self.refs = iter(range(10_000, 99_999))

    async def say(self, where: Conversation, who: Contact, text: str, *, quote: str | None = None) -> None:
        await self.brug.handle(Said(where, who, text, ref=str(next(self.refs)), quote=quote))

    def last(self, where: Conversation) -> Recorded:
        return self.transport.last_to(where)

    def last_text(self, where: Conversation) -> str:
        return self.last(where).message.as_text()

    def count(self, where: Conversation) -> int:
        return len(self.transport.sent_to(where))

    def since(self, where: Conversation, count: int) -> list[str]:
        return [record.message.as_text() for record in self.transport.sent_to(where)[count:] if record.message]

    def card(self) -> Recorded:
        cards = [r for r in self.transport.sent_to(self.group) if r.message and "👍 Steun" in r.message.choices]
        return cards[-1]

    async def rows(self, model: Any, *where: Any) -> list[Any]:
        await self.brug.bridge.writer.flush()
        async with self.brug.database.sessionmaker() as session:
            return list((await session.scalars(select(model).where(*where))).all())


# ---------------------------------------------------------------- three members on a bridged transport

ANNA = Contact("+31600000001", "Anna")
BERT = Contact("+31600000002", "Bert")
CARLA = Contact("+31600000003", "Carla")
GROUP = Conversation("group", "Z3JvZXA=", "De Linde")


@pytest.fixture
async def people(database: Database, clock: FixedClock) -> AsyncIterator[People]:
    """Anna (the group's admin), Bert and Carla talking to Brug over an in-memory transport; a test
    module uses it with ``from tests.memory_transport import people``."""
    transport = MemoryTransport(admins={GROUP.address: [ANNA]},
                                group_members={GROUP.address: [ANNA, BERT, CARLA]})
    settings = Settings(database_url=database.url, _env_file=None)
    brug = BridgedBrug(settings, transport, clock=clock, database=database)
    await brug.start()
    yield People(brug, transport, GROUP)
    await brug.stop()
