"""The Bot API bridge: Brug's real Application on a transport without buttons (an in-memory one here).

What a member does (a number, a quote, a 👍 reaction, text) becomes the update Telegram would send, and
what Brug sends comes out as text with numbered choices, refused where Telegram refuses.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import date

import pytest
from sqlalchemy import func, select

from bot.road.ticking import tick_now
from bot.bridge.botapi import ID_BASE, local_id
from bot.bridge.interface import Conversation, Joined, Left, Contact, Reacted, Said, TransportError
from bot.bridge.run import BridgedBrug, serve
from bot.domain.clock import FixedClock
from bot.config import Settings
from storage.db import Database
from storage.models import Action, BridgeAddress, BridgeMessage, Commitment, Group, Member, Membership, Support
from tests.memory_transport import MemoryTransport, People, private

ANNA = Contact("+31600000001", "Anna")
BERT = Contact("+31600000002", "Bert")
CARLA = Contact("+31600000003", "Carla <b>")
GROUP = Conversation("group", "R3JvZXBMaW5kZQ==", "De Linde")


@pytest.fixture
async def world(database: Database, clock: FixedClock) -> AsyncIterator[People]:
    transport = MemoryTransport(admins={GROUP.address: [ANNA]})
    settings = Settings(database_url=database.url, _env_file=None)
    brug = BridgedBrug(settings, transport, clock=clock, database=database)
    await brug.start()
    yield People(brug, transport, GROUP)
    await brug.stop()


async def propose(world: People, title: str = "Koffie met de buren") -> None:
    """Anna proposes an action from the group through the private questions, skipping most."""
    await world.say(private(ANNA), ANNA, "/start")
    await world.say(GROUP, ANNA, f"/actie {title}")
    await world.say(GROUP, ANNA, "1")  # Verder in een privégesprek
    await world.say(private(ANNA), ANNA, "de buurtkamer")  # met wie
    await world.say(private(ANNA), ANNA, "zaterdag")  # wanneer
    await world.say(private(ANNA), ANNA, "1")  # sluit aan: nee
    await world.say(private(ANNA), ANNA, "koffie")  # wat we nodig hebben
    await world.say(private(ANNA), ANNA, "onze ruimte")  # wat we kunnen betekenen
    await world.say(private(ANNA), ANNA, "1")  # besmettelijk: overslaan
    assert "Plaatsen" in world.last(private(ANNA)).message.choices
    await world.say(private(ANNA), ANNA, "1")  # Plaatsen


async def test_first_word_in_a_group_introduces_brug_and_numbers_replace_buttons(world: People) -> None:
    await world.say(GROUP, ANNA, "/actie Koffie")
    sent = world.transport.sent_to(GROUP)
    assert "ik ben Brug" in sent[0].message.text  # added to a group it never saw: the introduction
    ask = sent[-1].message
    assert ask.choices == ("Verder in een privégesprek",)
    assert ask.as_text().endswith("1. Verder in een privégesprek\n\nAntwoord met 1.")
    assert ask.quote is not None and ask.quote_author == ANNA.address

    # Anna never wrote to Brug privately: like Telegram's 403 until /start, Brug may not start a chat.
    assert world.transport.sent_to(private(ANNA)) == []
    await world.say(GROUP, ANNA, "1")  # the deep link continues privately as /start actie_<group>
    assert "een paar korte vragen" in world.transport.sent_to(private(ANNA))[0].message.text
    async with world.brug.database.sessionmaker() as session:
        member = await session.scalar(select(Member).where(Member.first_name == "Anna"))
        assert member.telegram_user_id == local_id("memory", "person", ANNA.address) > ID_BASE
        assert member.has_private_chat
        group = await session.scalar(select(Group))
        assert group.telegram_chat_id < -ID_BASE and group.title == "De Linde"


async def test_the_whole_action_on_numbers_quotes_and_a_reaction(world: People) -> None:
    await propose(world)
    card = world.card()
    assert card.message.choices == ("👍 Steun", "🙋 Ik doe mee", "💬 Bedenking")
    assert "Steun nodig van 1 lid. Graag vóór" in card.message.text  # no ", nu 0" while nobody backs it

    # Bert's 👍 (with a skin tone) on the card is the Steun button.
    await world.brug.handle(Reacted(GROUP, BERT, "👍🏽", target=card.ref))
    edited = world.card()
    assert edited.action == "edit" and edited.ref == card.ref
    assert "👍 Steun: Bert" in edited.message.text and "gaat door" in edited.message.text

    # Carla quotes the card and answers 2: Ik doe mee; her name is text, never markup.
    await world.say(GROUP, CARLA, "2", quote=card.ref)
    assert "Doen mee: Carla <b>" in world.card().message.text
    question = world.last(GROUP).message
    assert question.choices == ("Gewoon meedoen", "Toch niet")
    await world.say(GROUP, CARLA, "1")
    # Plain joining of a dated action is on the action's day: noted at once, no "wanneer?".
    noted = world.last(GROUP).message
    assert noted.text.startswith("Carla <b>: ")  # asked in the group, so answered there, by name
    assert "je doet mee met koffie met de buren op zaterdag 5 december" in noted.text.lower()
    assert noted.choices == ()
    async with world.brug.database.sessionmaker() as session:
        action = await session.scalar(select(Action))
        assert action.state == "running"
        assert await session.scalar(select(Support.member_id)) is not None
        commitment = await session.scalar(select(Commitment))
        assert commitment.what is None and commitment.due_on == action.due_on == date(2026, 12, 5)


async def test_group_chatter_is_not_for_brug_but_an_answer_is(world: People) -> None:
    await world.say(GROUP, ANNA, "/help")
    before = len(world.transport.log)
    await world.say(GROUP, BERT, "Wie heeft er zin in koffie?")
    assert len(world.transport.log) == before
    await world.say(GROUP, BERT, "3")  # a number is meant for Brug: no silence, it says nothing is open
    assert "geen vraag open" in world.last_text(GROUP)


async def test_a_number_out_of_range_and_an_answered_question(world: People) -> None:
    await world.say(GROUP, BERT, "/actie Repaircafé")
    await world.say(GROUP, BERT, "4")
    assert world.last_text(GROUP) == "Kies een nummer van 1 tot en met 1."
    # Privately a number beyond the choices is an answer of its own, heard as text.
    await world.say(private(BERT), BERT, "/start")
    await world.say(private(BERT), BERT, "12")
    assert "/help" in world.last_text(private(BERT))
    await world.say(private(BERT), BERT, "3")  # Taal / Language
    assert world.last(private(BERT)).message.choices == ("Nederlands", "English")
    await world.say(private(BERT), BERT, "2")
    assert "English" in world.last_text(private(BERT)) or "language" in world.last_text(private(BERT)).lower()


async def test_private_messages_wait_for_the_member_and_refusals_surface(world: People, clock: FixedClock) -> None:
    await propose(world)
    card = world.card()
    # Bert joins in the group without ever writing to Brug privately: asked in the group, mentioned.
    await world.say(GROUP, BERT, "2", quote=card.ref)
    assert world.last(GROUP).message.text.startswith("Bert: Wat neem je op je bij Koffie met de buren?")
    assert world.transport.sent_to(private(BERT)) == []

    # The transport asks to slow down: the answer is kept and sent by the tick (bot.delivery); the
    # member is not asked to try again.
    before = len(world.transport.sent_to(private(ANNA)))
    world.transport.failures.append(TransportError("slow down", retry_after=3))
    await world.say(private(ANNA), ANNA, "/mijn")
    assert len(world.transport.sent_to(private(ANNA))) == before
    clock.advance(seconds=61)
    await tick_now(world.brug.application)
    assert "Koffie met de buren" in world.last_text(private(ANNA))
    assert "probeer het zo nog eens" not in world.last_text(private(ANNA)).lower()
    # A group that will not take Brug's messages answers 403, which Brug's handlers already know.
    world.transport.failures.append(TransportError("not a member", refused=True))
    await world.say(GROUP, CARLA, "2", quote=card.ref)
    async with world.brug.database.sessionmaker() as session:
        # Bert's and Carla's: what the member did is kept even when the card could not be redrawn.
        assert len((await session.scalars(select(Commitment))).all()) == 2


async def test_what_brug_sent_survives_a_restart(database: Database, clock: FixedClock) -> None:
    transport = MemoryTransport(admins={GROUP.address: [ANNA]})
    settings = Settings(database_url=database.url, _env_file=None)
    first = BridgedBrug(settings, transport, clock=clock, database=database)
    await first.start()
    world = People(first, transport, GROUP)
    await propose(world)
    card = world.card()
    await first.bridge.writer.flush()
    await first.application.stop()
    await first.bridge.close()
    await first.application.shutdown()

    second = BridgedBrug(settings, transport, clock=clock, database=database)
    await second.start()
    try:
        await second.handle(Reacted(GROUP, BERT, "👍", target=card.ref))
        assert "👍 Steun: Bert" in world.card().message.text
        await second.bridge.writer.flush()
        async with second.database.sessionmaker() as session:
            assert await session.scalar(select(BridgeAddress.name).where(BridgeAddress.kind == "group")) == "De Linde"
            kept = await session.scalar(select(BridgeMessage).where(BridgeMessage.ref == card.ref))
            assert kept is not None and "👍 Steun" in kept.options
            assert kept.edits == 1  # the 👍 redrew the card once; the next transport is told so
    finally:
        await second.stop()


async def test_brug_removed_and_members_leaving(world: People) -> None:
    await world.brug.handle(Joined(GROUP, None, added_by=ANNA))
    assert "ik ben Brug" in world.transport.sent_to(GROUP)[0].message.text
    await world.brug.handle(Joined(GROUP, BERT, added_by=ANNA))
    async with world.brug.database.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(Membership)) == 2
    await world.brug.handle(Left(GROUP, BERT))
    async with world.brug.database.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(Membership)) == 1
    await world.brug.handle(Left(GROUP, None, removed_by=ANNA))
    async with world.brug.database.sessionmaker() as session:
        group = await session.scalar(select(Group))
        assert group.active is False


async def test_a_reminder_reaches_the_member_on_the_transport(world: People, clock: FixedClock) -> None:
    await propose(world)
    card = world.card()
    await world.brug.handle(Reacted(GROUP, BERT, "👍", target=card.ref))
    await world.say(private(BERT), BERT, "/start")
    await world.say(GROUP, BERT, "2", quote=card.ref)
    await world.say(private(BERT), BERT, "1")  # gewoon meedoen
    await world.say(private(BERT), BERT, "1")  # by the action's day
    clock.advance(days=3, hours=2)  # Friday 11:00 in Amsterdam: the day before, after Bert's hour
    await world.brug.tick()
    assert "Morgen is het zover: Koffie met de buren" in world.last_text(private(BERT))


class SlowTransport(MemoryTransport):
    """A transport whose sends wait until the test lets them through."""

    def __init__(self) -> None:
        super().__init__()
        self.sending = asyncio.Event()
        self.let_through = asyncio.Event()

    async def send(self, conversation: Conversation, message) -> object:
        self.sending.set()
        await self.let_through.wait()
        return await super().send(conversation, message)


async def test_stopping_waits_for_the_event_in_hand(tmp_path) -> None:
    """Ctrl-C or SIGTERM while Brug answers: the answer goes out and is stored, then Brug stops."""
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/brug.db", _env_file=None)
    transport = SlowTransport()

    async def events():
        yield Said(private(ANNA), ANNA, "/start", ref="1")
        await asyncio.Event().wait()  # then nothing more, until stopped

    serving = asyncio.create_task(serve(settings, transport, events()))
    await asyncio.wait_for(transport.sending.wait(), 10)
    serving.cancel()
    await asyncio.sleep(0)
    transport.let_through.set()
    await asyncio.wait_for(serving, 10)
    assert "Welkom bij Brug, Anna!" in transport.texts(private(ANNA))[0]
    database = Database(settings.database_url)
    try:
        async with database.sessionmaker() as session:
            assert await session.scalar(select(Member.first_name)) == "Anna"
            assert await session.scalar(select(func.count()).select_from(BridgeMessage)) == 1
    finally:
        await database.dispose()


async def test_my_data_and_forget_me_cover_the_address_on_the_transport(world: People) -> None:
    await world.say(private(ANNA), ANNA, "/start")
    await world.say(private(ANNA), ANNA, "/mijngegevens")
    [document] = [r for r in world.transport.log if r.action == "document"]
    exported = json.loads(document.document.content)
    assert exported["other_chat_service"]["address"] == ANNA.address
    assert exported["other_chat_service"]["private_messages_kept"] >= 1

    await world.say(private(ANNA), ANNA, "/vergeetmij")
    await world.say(private(ANNA), ANNA, "1")  # Ja, vergeet mij
    await world.brug.bridge.writer.flush()
    async with world.brug.database.sessionmaker() as session:
        addresses = (await session.scalars(select(BridgeAddress.address))).all()
        kept = (await session.scalars(select(BridgeMessage.chat_id))).all()
    assert ANNA.address not in addresses
    assert local_id("memory", "person", ANNA.address) not in kept


async def test_messages_are_forgotten_after_ninety_days(world: People, clock: FixedClock) -> None:
    await propose(world)
    card = world.card()
    clock.advance(days=91)
    await world.say(private(BERT), BERT, "/start")  # any event: the hourly clean-up runs
    await world.brug.bridge.writer.flush()
    async with world.brug.database.sessionmaker() as session:
        refs = (await session.scalars(select(BridgeMessage.ref))).all()
    assert card.ref not in refs
