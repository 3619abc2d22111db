"""One scenario — propose, support, join, reminder, done — on each of Brug's three transports.

Telegram through the real Application and the fake Bot API; Signal through ``SignalTransport`` against a
fake signal-cli daemon (HTTP JSON-RPC and its event stream); the console through ``brug demo``'s own line
handling. Each driver plays the same people in the same group the way that transport lets them: buttons
on Telegram, numbered answers (quoting the message they answer) and a 👍 reaction on Signal, typed lines
and ``/duim`` on the console.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator
from io import StringIO
from typing import Protocol

import pytest
from sqlalchemy import select

from bot.app import build_application
from bot.devtools.demo import Demo
from bot.domain.clock import FixedClock, ShiftedClock
from bot.config import Settings
from bot.domain.bot_api_rules import visible_text
from bot.road.ticking import tick_now
from storage.db import Database
from storage.models import Action, Commitment, Member, Support
from tests.fake_signal_cli import BrugOnSignal, FakeSignalCli
from tests.fake_telegram import FakeTelegram
from tests.harness import BotHarness

PEOPLE = ("anna", "bert", "carla")
NUMBERED = re.compile(r"^(\d{1,2})\. (.+)$")


class Driver(Protocol):
    """The members of one group on one transport; ``where`` is "group" or "private"."""

    async def say(self, who: str, where: str, text: str) -> None: ...

    async def choose(self, who: str, where: str, label: str) -> None: ...

    async def support(self, who: str) -> None: ...

    async def later(self, **delta: float) -> None: ...

    def texts(self, who: str, where: str) -> list[str]: ...

    def card(self) -> str: ...

    def documents(self, who: str) -> list[bytes]: ...


# ---------------------------------------------------------------- Telegram


class OnTelegram:
    def __init__(self, bot: BotHarness) -> None:
        self.bot = bot
        self.users = {
            name: bot.user(index + 1, name.capitalize(), started=False) for index, name in enumerate(PEOPLE)
        }
        self.group = bot.group(-1001234, "De Linde", admins=[self.users["anna"]])

    async def begin(self) -> None:
        await self.bot.add_bot_to(self.group, self.users["anna"])

    def _chat(self, who: str, where: str):
        return self.group if where == "group" else self.users[who]

    async def say(self, who: str, where: str, text: str) -> None:
        user = self.users[who]
        if where == "private" and text.startswith("/start"):
            await self.bot.start_private(user)
            return
        await self.bot.say(self._chat(who, where), user, text)

    def _shown(self, chat_id: int) -> list:
        return [
            call for call in self.bot.telegram.calls
            if call.method in ("sendMessage", "editMessageText") and call.chat_id == chat_id
            and "_error" not in call.params
        ]

    async def choose(self, who: str, where: str, label: str) -> None:
        chat = self._chat(who, where)
        message = next(call for call in reversed(self._shown(chat.id)) if label in call.button_labels())
        await self.bot.press(self.users[who], message, label)

    async def support(self, who: str) -> None:
        await self.choose(who, "group", "👍 Steun")

    async def later(self, **delta: float) -> None:
        self.bot.clock.advance(**delta)
        await tick_now(self.bot.app)

    def texts(self, who: str, where: str) -> list[str]:
        return [
            visible_text(call.params["text"], call.params.get("parse_mode"))
            for call in self._shown(self._chat(who, where).id)
        ]

    def card(self) -> str:
        call = next(c for c in reversed(self._shown(self.group.id)) if "👍 Steun" in c.button_labels())
        return visible_text(call.params["text"], call.params.get("parse_mode"))

    def documents(self, who: str) -> list[bytes]:
        return [call.files["document"] for call in self.bot.telegram.sent("sendDocument", self.users[who].id)]


# ---------------------------------------------------------------- Signal


SIGNAL_GROUP = "R3JvZXAgRGUgTGluZGUgc2NlbmFyaW8="
NUMBERS = {"anna": "+31611110001", "bert": "+31611110002", "carla": "+31611110003"}


class OnSignal:
    def __init__(self, world: BrugOnSignal) -> None:
        self.world = world
        self.fake = world.fake

    async def begin(self) -> None:
        members = list(NUMBERS.values())
        await self.world.act(
            lambda: self.fake.add_brug_to_group(
                SIGNAL_GROUP, "De Linde", members, admins=[NUMBERS["anna"]], added_by=NUMBERS["anna"]
            )
        )

    def _to(self, who: str, where: str) -> str:
        return SIGNAL_GROUP if where == "group" else NUMBERS[who]

    async def say(self, who: str, where: str, text: str, *, quote: int | None = None) -> None:
        group_id = SIGNAL_GROUP if where == "group" else None
        await self.world.say(NUMBERS[who], who.capitalize(), text, group_id=group_id, quote=quote)

    def _latest(self, who: str, where: str) -> dict[int, str]:
        """Each message Brug sent there, as it reads now (an edit replaces its original's text)."""
        shown: dict[int, str] = {}
        for sent in self.fake.sent:
            if sent.method == "send" and sent.conversation == self._to(who, where):
                shown[sent.edit_timestamp or sent.timestamp] = sent.message
        return shown

    async def choose(self, who: str, where: str, label: str) -> None:
        # Answer with the choice's number, quoting the message it belongs to (as a member would
        # when it is not Brug's latest question).
        for timestamp, text in reversed(self._latest(who, where).items()):
            numbers = {m.group(2): m.group(1) for m in map(NUMBERED.match, text.splitlines()) if m}
            if label in numbers:
                await self.say(who, where, numbers[label], quote=timestamp)
                return
        raise AssertionError(f"no choice {label!r} for {who} in {where}")

    async def support(self, who: str) -> None:
        timestamp = next(t for t, text in reversed(self._latest(who, "group").items()) if "👍 Steun" in text)
        await self.world.react(NUMBERS[who], "👍", timestamp, group_id=SIGNAL_GROUP, name=who.capitalize())

    async def later(self, **delta: float) -> None:
        self.world.brug.clock.advance(**delta)
        await self.world.tick()

    def texts(self, who: str, where: str) -> list[str]:
        return list(self._latest(who, where).values())

    def card(self) -> str:
        return next(text for text in reversed(self.texts("anna", "group")) if "👍 Steun" in text)

    def documents(self, who: str) -> list[bytes]:
        return [
            attachment.content for sent in self.fake.sent if sent.conversation == NUMBERS[who]
            for attachment in sent.attachments
        ]


# ---------------------------------------------------------------- the console (brug demo)


class OnConsole:
    def __init__(self, demo: Demo) -> None:
        self.demo = demo

    async def begin(self) -> None:
        await self.demo.start(seed=True)

    async def _type(self, who: str, where: str, line: str) -> None:
        await self.demo.handle_line(f"/als {who}")
        await self.demo.handle_line("/prive" if where == "private" else "/groep")
        await self.demo.handle_line(line)

    async def say(self, who: str, where: str, text: str) -> None:
        await self._type(who, where, text)

    def _conversation(self, who: str, where: str):
        transport = self.demo.transport
        person = next(p for p in self.demo.people if p.address == who)
        return transport.group if where == "group" else transport.private(person)

    async def choose(self, who: str, where: str, label: str) -> None:
        # The console has no quoting: a number answers Brug's latest question there, as people type it.
        shown = self.demo.transport.latest_with_choices(self._conversation(who, where))
        assert shown is not None and label in shown.message.choices, (label, shown)
        await self._type(who, where, str(shown.message.choices.index(label) + 1))

    async def support(self, who: str) -> None:
        await self._type(who, "group", "/duim")

    async def later(self, **delta: float) -> None:
        hours = int(delta.get("days", 0) * 24 + delta.get("hours", 0))
        await self.demo.handle_line(f"/tijd +{hours}u")

    def texts(self, who: str, where: str) -> list[str]:
        conversation = self._conversation(who, where)
        return [
            record.message.as_text() for record in self.demo.transport.recorded
            if record.conversation == conversation and record.message is not None
        ]

    def card(self) -> str:
        return next(text for text in reversed(self.texts("anna", "group")) if "👍 Steun" in text)

    def documents(self, who: str) -> list[bytes]:
        conversation = self._conversation(who, "private")
        return [
            record.document.content for record in self.demo.transport.recorded
            if record.conversation == conversation and record.document is not None
        ]


# ---------------------------------------------------------------- the scenario


async def scenario(driver: Driver, database: Database) -> None:
    await driver.say("anna", "private", "/start")
    await driver.say("bert", "private", "/start")

    # Anna proposes in the group; Brug asks her the questions privately.
    await driver.say("anna", "group", "/actie Koffie met de buren")
    assert any("een paar korte vragen" in text for text in driver.texts("anna", "private"))
    await driver.say("anna", "private", "de buurtkamer")
    await driver.say("anna", "private", "zaterdag")
    await driver.choose("anna", "private", "Nee")
    await driver.say("anna", "private", "koffie en een praatje")
    await driver.say("anna", "private", "onze ruimte voor de buurt")
    await driver.choose("anna", "private", "Overslaan")
    assert "✅ geven en vragen" in driver.texts("anna", "private")[-1]
    await driver.choose("anna", "private", "Plaatsen")
    assert "Koffie met de buren" in driver.card() and "Steun nodig van 1 lid. Graag vóór" in driver.card()

    # Issue 19: Anna shows it to the neighbourhood — the page's link as text, the flyer as files.
    await driver.choose("anna", "private", "📣 Ook voor de buurt")
    await driver.choose("anna", "private", "📣 Zet het online")
    assert "https://brug.example/buurt/a/" in driver.texts("anna", "private")[-1]
    await driver.choose("anna", "private", "📄 Flyer")
    flyer = driver.documents("anna")
    assert [document[:4] for document in flyer] == [b"%PDF", b"\x89PNG"]

    # Bert supports: broad support, the action goes ahead.
    await driver.support("bert")
    assert "👍 Steun: Bert" in driver.card() and "gaat door" in driver.card()

    # Bert joins from the card and answers privately.
    await driver.choose("bert", "group", "🙋 Ik doe mee")
    await driver.choose("bert", "private", "Gewoon meedoen")
    # Plain joining of a dated action is on the action's day: noted at once, no "wanneer?".
    noted = driver.texts("bert", "private")[-1]
    assert "je doet mee met koffie met de buren op zaterdag 5 december" in noted.lower(), noted
    assert "Wanneer" not in noted
    assert "Doen mee: Bert" in driver.card()

    # The day before, after Bert's reminder hour: the reminder comes privately.
    await driver.later(days=3, hours=2)
    assert "Morgen is het zover: Koffie met de buren" in driver.texts("bert", "private")[-1]

    # Done, from /mijn.
    await driver.say("bert", "private", "/mijn")
    await driver.choose("bert", "private", "✅ Gedaan")
    assert "Bert ✅" in driver.card()

    async with database.sessionmaker() as session:
        action = await session.scalar(select(Action))
        assert (action.title, action.state) == ("Koffie met de buren", "running")
        supporters = (await session.scalars(select(Member.first_name).join(Support, Support.member_id == Member.id))).all()
        assert supporters == ["Bert"]
        commitment = await session.scalar(select(Commitment))
        assert commitment.done_at is not None
        assert (commitment.what, commitment.due_on) == (None, action.due_on)


@pytest.fixture
def settings(database: Database) -> Settings:
    return Settings(
        database_url=database.url, rate_limiter=False, public_url="https://brug.example/buurt", _env_file=None
    )


async def test_scenario_on_telegram(database: Database, clock: FixedClock, settings: Settings) -> None:
    telegram = FakeTelegram(clock=clock.now)
    settings = Settings(
        telegram_token="123456:TEST-TOKEN", database_url=database.url, rate_limiter=False,
        public_url="https://brug.example/buurt", _env_file=None,
    )
    application = build_application(settings, request=telegram, clock=clock, database=database)
    await application.initialize()
    try:
        driver = OnTelegram(BotHarness(application, telegram, database, clock))
        await driver.begin()
        await scenario(driver, database)
    finally:
        await application.shutdown()


@pytest.fixture
async def signal_world(database: Database, clock: FixedClock, settings: Settings) -> AsyncIterator[BrugOnSignal]:
    fake = await FakeSignalCli().start()
    world = await BrugOnSignal.start(fake, settings, clock=clock, database=database)
    try:
        yield world
    finally:
        await world.stop()
        await fake.stop()


async def test_scenario_on_signal(signal_world: BrugOnSignal, database: Database) -> None:
    driver = OnSignal(signal_world)
    await driver.begin()
    await scenario(driver, database)
    # Signal saw plain text only, and the card was edited in place, never posted twice.
    assert all("<b>" not in sent.message for sent in signal_world.fake.sent)
    cards = [s for s in signal_world.fake.sent if "👍 Steun" in s.message and not s.is_edit]
    assert len(cards) == 1


async def test_scenario_on_the_console(database: Database, clock: FixedClock, settings: Settings, tmp_path) -> None:
    out = StringIO()
    demo = Demo(settings, out=out, clock=ShiftedClock(clock), database=database, files_dir=tmp_path)
    driver = OnConsole(demo)
    await driver.begin()
    try:
        await scenario(driver, database)
    finally:
        with contextlib.suppress(Exception):
            await demo.stop()
    printed = out.getvalue()
    assert "── groep" in printed and "(bijgewerkt)" in printed
