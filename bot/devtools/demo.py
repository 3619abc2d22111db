"""``brug demo``: a local chat in the terminal with a seeded group, Brug running on the console transport.

Three members — Anna (coordinator), Bert and Carla — in "Wooncoöperatie De Linde". The person at the
keyboard plays them: what they type is said by the current member in the current conversation (the group,
or that member's private conversation with Brug); a number answers Brug's numbered choices. The demo's own
commands are kept apart from Brug's sixteen (``bot.domain.commands.COMMANDS``):

    /als anna      switch who is talking          /tijd +2d   move the clock forward, then tick reminders
    /prive /groep  switch conversation            /duim [N]   👍 on the Nth latest proposal (a 👍 choice)
    /hulp          the demo's help                /stop       end (Ctrl-D too)

Each may start with ":" instead of "/" (``bot.bridge.console.control_word``; ``brug try`` uses the same).

Brug itself is the real application (``bot.bridge.run.BridgedBrug``) on the embedded SQLite database
``brug-demo.db``, started fresh each run unless asked to continue; the demo's clock (how far /tijd moved
it) is kept beside it in ``brug-demo.klok.json``. At the start all three members join the group, quietly,
so Brug knows them before they say anything. Reading the keyboard never blocks the event loop, and
``run_demo`` takes any list, file or async iterator of lines, so a test drives it whole.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import socket
import sys
import threading
from collections.abc import AsyncIterable, AsyncIterator, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO

from babel.dates import format_datetime

from sqlalchemy import select

from bot.bridge.botapi import local_id
from bot.bridge.console import ConsoleTransport, Shown, control_word
from bot.bridge.interface import Conversation, Joined, PlainMessage, Contact, Reacted, Said
from bot.bridge.run import BridgedBrug
from bot.domain.clock import ShiftedClock
from bot.config import Settings
from bot.domain.i18n import normalise_language
from bot.domain.quiet_hours import end_of_quiet, is_quiet
from bot.domain.zones import zone
from storage.db import Database
from storage.models import BridgeAddress, BridgeMessage, Group

GROUP = Conversation("group", "wooncooperatie-de-linde", "Wooncoöperatie De Linde")
COORDINATOR = "anna"
PEOPLE_NAMES = (("anna", "Anna"), ("bert", "Bert"), ("carla", "Carla"))
DATABASE_FILE = "brug-demo.db"
CLOCK_FILE = "brug-demo.klok.json"
FILES_DIR = "brug-demo-bestanden"
THUMBS_UP = "👍"
# Far enough to see a whole decision window and a digest; far more is a typo.
LONGEST_JUMP = timedelta(days=366)
UNITS = {"d": "days", "u": "hours", "h": "hours", "m": "minutes"}


def demo_people(lang: str = "nl") -> tuple[Contact, ...]:
    return tuple(Contact(address, name, lang) for address, name in PEOPLE_NAMES)


# ---------------------------------------------------------------- what a typed line means


@dataclass(frozen=True)
class SwitchPerson:
    name: str


@dataclass(frozen=True)
class SwitchConversation:
    private: bool


@dataclass(frozen=True)
class MoveClock:
    delta: timedelta


@dataclass(frozen=True)
class ThumbsUp:
    nth: int = 1


@dataclass(frozen=True)
class ShowHelp:
    pass


@dataclass(frozen=True)
class Stop:
    pass


@dataclass(frozen=True)
class Say:
    """Anything that is not a demo command: the current member says it to Brug."""

    text: str


@dataclass(frozen=True)
class Mistake:
    """A demo command with a value it cannot use; ``message_id`` is the friendly answer in demo.ftl."""

    message_id: str
    args: dict[str, str] = field(default_factory=dict)


DemoLine = SwitchPerson | SwitchConversation | MoveClock | ThumbsUp | ShowHelp | Stop | Say | Mistake


def parse_line(line: str) -> DemoLine | None:
    """What one typed line asks for; ``None`` for an empty line."""
    text = line.strip()
    if not text:
        return None
    control = control_word(text)
    if control is None:
        return Say(text)
    command, rest = control
    if command == "als":
        return SwitchPerson(rest.lower()) if rest else Mistake("demo-who")
    if command == "prive":
        return SwitchConversation(private=True)
    if command == "groep":
        return SwitchConversation(private=False)
    if command == "tijd":
        delta = parse_jump(rest)
        return MoveClock(delta) if delta is not None else Mistake("demo-time-bad")
    if command == "duim":
        if not rest:
            return ThumbsUp()
        return ThumbsUp(int(rest)) if rest.isdecimal() and 0 < int(rest) <= 99 else Mistake("demo-thumb-bad")
    if command == "hulp":
        return ShowHelp()
    if command == "stop":
        return Stop()
    return Say(text)


def parse_jump(text: str) -> timedelta | None:
    """"+2d", "+3u", "+30m" (and "+1d 6u", "2h"): how far to move the clock; ``None`` when unusable."""
    compact = text.replace(" ", "").lower().removeprefix("+")
    parts = re.findall(r"(\d{1,6})([duhm])", compact)
    if not parts or "".join(number + unit for number, unit in parts) != compact:
        return None
    delta = timedelta()
    for number, unit in parts:
        delta += timedelta(**{UNITS[unit]: int(number)})
    return delta if timedelta(0) < delta <= LONGEST_JUMP else None


# ---------------------------------------------------------------- the demo


class Demo:
    """The people at the keyboard, the console and Brug; ``handle_line`` acts on one typed line."""

    def __init__(
        self,
        settings: Settings,
        *,
        out: TextIO | None = None,
        clock: ShiftedClock | None = None,
        database: Database | None = None,
        files_dir: Path = Path(FILES_DIR),
        lang: str | None = None,
        first_ref: int = 1,
        clock_file: Path | None = None,
    ) -> None:
        self.lang = normalise_language(lang or settings.language)
        self.people = demo_people(self.lang)
        self.clock = clock or ShiftedClock()
        # Where the clock's offset is kept for ``brug demo --verder`` (None: not kept).
        self.clock_file = clock_file
        self.transport = ConsoleTransport(
            GROUP, self.people, administrators=(COORDINATOR,), out=out, files_dir=files_dir,
            lang=self.lang, first_ref=first_ref,
        )
        self.brug = BridgedBrug(settings, self.transport, clock=self.clock, database=database)
        self.speaker = self.people[0]
        self.in_private = False

    @property
    def conversation(self) -> Conversation:
        return self.transport.private(self.speaker) if self.in_private else GROUP

    def prompt(self) -> str:
        where = self.transport.words("demo-where-private" if self.in_private else "demo-where-group")
        return f"{self.speaker.address} @ {where} > "

    async def start(self, *, seed: bool = True) -> None:
        """Start Brug; ``seed``: Anna adds Brug to the group, which then introduces itself.

        Without ``seed`` the demo continues an earlier one: a short "welcome back" instead.
        """
        await self.brug.start()
        if not seed:
            self.transport.notice(
                "demo-welcome-back", name=self.speaker.name, group=GROUP.title, moment=await self._moment()
            )
            return
        self.transport.notice("demo-welcome", group=GROUP.title)
        coordinator = self._person(COORDINATOR)
        await self.brug.handle(Joined(GROUP, None, added_by=coordinator))
        # Anna brought her two neighbours into the group too: Brug knows all three from the start
        # (as members who joined; Brug says nothing about that), so a button works on anyone's first touch.
        for person in self.people:
            if person.address != COORDINATOR:
                await self.brug.handle(Joined(GROUP, person, added_by=coordinator))

    async def stop(self) -> None:
        self.save_clock()
        await self.brug.stop()

    def save_clock(self) -> None:
        """Keep how far /tijd moved the clock, so ``brug demo --verder`` goes on at the same time."""
        if self.clock_file is None:
            return
        try:
            save_clock(self.clock_file, self.clock)
        except OSError as exc:  # the demo goes on; only --verder will start at the real time
            logging.getLogger(__name__).warning("could not keep the demo's clock in %s: %s", self.clock_file, exc)

    async def handle_line(self, line: str) -> bool:
        """Act on one typed line; ``False`` when the person wants to stop."""
        parsed = parse_line(line)
        if parsed is None:
            return True
        if isinstance(parsed, Stop):
            return False
        if isinstance(parsed, ShowHelp):
            self.transport.notice("demo-help", names=self._names())
        elif isinstance(parsed, Mistake):
            self.transport.notice(parsed.message_id, names=self._names(), **parsed.args)
        elif isinstance(parsed, SwitchPerson):
            self.switch_person(parsed.name)
        elif isinstance(parsed, SwitchConversation):
            self.switch_conversation(parsed.private)
        elif isinstance(parsed, MoveClock):
            await self.move_clock(parsed.delta)
        elif isinstance(parsed, ThumbsUp):
            await self.thumbs_up(parsed.nth)
        else:
            await self.say(parsed.text)
        return True

    def switch_person(self, name: str) -> None:
        person = next((p for p in self.people if name in (p.address, p.name.lower())), None)
        if person is None:
            self.transport.notice("demo-unknown-person", name=name, names=self._names())
            return
        self.speaker = person
        self.transport.notice("demo-now-speaking", name=person.name)

    def switch_conversation(self, private: bool) -> None:
        self.in_private = private
        if private:
            self.transport.notice("demo-now-private", name=self.speaker.name)
        else:
            self.transport.notice("demo-now-in-group", group=GROUP.title)

    async def move_clock(self, delta: timedelta) -> None:
        """Move time forward and let Brug send what became due (reminders, the weekly digest)."""
        self.clock.advance(delta)
        self.save_clock()
        now = self.clock.now()
        timezone, quiet_from, quiet_to = await self._group_quiet_hours()
        self.transport.notice("demo-time-moved", moment=self._format_moment(now, timezone))
        await self.brug.tick()
        if is_quiet(now, timezone, quiet_from, quiet_to):
            until = end_of_quiet(now, timezone, quiet_from, quiet_to).astimezone(zone(timezone))
            self.transport.notice("demo-time-quiet", until=str(until.hour))

    async def thumbs_up(self, nth: int) -> None:
        """A 👍 on the ``nth`` latest proposal here: a message with a 👍 choice, not just any question."""
        target: Shown | None = self.transport.latest_with_choices(self.conversation, nth, emoji=THUMBS_UP)
        if target is None:
            self.transport.notice("demo-thumb-none")
            return
        self.transport.notice("demo-thumb-given", name=self.speaker.name, excerpt=_excerpt(target))
        await self._as_speaker(Reacted(self.conversation, self.speaker, THUMBS_UP, target.ref))

    async def say(self, text: str) -> None:
        ref = self.transport.new_ref()
        await self._as_speaker(Said(self.conversation, self.speaker, text, ref=ref))

    async def _as_speaker(self, event: Said | Reacted) -> None:
        """Hand Brug the event; when Brug went on privately with a question or a file, follow there.

        That is what a deep link does on Telegram. A short "thank you" Brug sends privately after a
        choice in the group does not move the chat: it is read where it is printed.
        """
        before = len(self.transport.recorded)
        await self.brug.handle(event)
        if self.in_private:
            return
        private = self.transport.private(self.speaker)
        if any(
            record.conversation == private
            and (record.action == "document" or (record.message is not None and record.message.choices))
            for record in self.transport.recorded[before:]
        ):
            self.in_private = True
            self.transport.notice("demo-moved-private", name=self.speaker.name)

    async def _moment(self) -> str:
        """The demo's clock as the group reads it: "donderdag 3 december, 10:00"."""
        timezone, _, _ = await self._group_quiet_hours()
        return self._format_moment(self.clock.now(), timezone)

    def _format_moment(self, moment: datetime, timezone: str) -> str:
        return format_datetime(moment, "EEEE d MMMM, HH:mm", tzinfo=zone(timezone), locale=self.lang)

    async def _group_quiet_hours(self) -> tuple[str, int, int]:
        """The demo group's time zone and quiet hours as its coordinator set them (defaults before)."""
        chat_id = local_id(ConsoleTransport.name, "group", GROUP.address, self.brug.bridge.id_key)
        async with self.brug.database.sessionmaker() as session:
            group = await session.scalar(select(Group).where(Group.telegram_chat_id == chat_id))
        if group is None:
            return self.brug.settings.timezone, 21, 9
        return group.timezone, group.quiet_start_hour, group.quiet_end_hour

    def _person(self, address: str) -> Contact:
        return next(person for person in self.people if person.address == address)

    def _names(self) -> str:
        return ", ".join(person.address for person in self.people)


def _excerpt(shown: Shown, length: int = 60) -> str:
    first_line = shown.message.text.strip().splitlines()[0] if shown.message.text.strip() else ""
    return first_line if len(first_line) <= length else first_line[: length - 1] + "…"


# ---------------------------------------------------------------- running it


async def run_demo(
    settings: Settings,
    lines: AsyncIterable[str] | Iterable[str] | None = None,
    *,
    out: TextIO | None = None,
    clock: ShiftedClock | None = None,
    database: Database | None = None,
    files_dir: Path = Path(FILES_DIR),
    lang: str | None = None,
    seed: bool = True,
    echo: bool | None = None,
    first_ref: int = 1,
    earlier: Iterable[Shown] = (),
    saved_in: str | None = None,
    clock_file: Path | None = None,
    web_port: int | None = None,
) -> Demo:
    """Run the demo until ``/stop`` or the end of ``lines`` (the keyboard when ``None``).

    ``web_port``: also serve the neighbourhood's pages there (``settings.public_url`` points to it), so a
    "📣 Ook voor de buurt" link opens in a browser and "Ik kom ook" shows on the card in the terminal.

    ``echo`` prints each line after the prompt, as a terminal would (default: when not reading a
    keyboard), so a transcript of a scripted run reads like a conversation.
    """
    out = out if out is not None else sys.stdout
    if echo is None:
        echo = lines is not None or not sys.stdin.isatty()
    demo = Demo(settings, out=out, clock=clock, database=database, files_dir=files_dir, lang=lang,
                first_ref=first_ref, clock_file=clock_file)
    for shown in earlier:
        demo.transport.remember(shown)
    await demo.start(seed=seed)
    server = None
    if web_port is not None:
        from bot.road.webhook import WebhookServer

        server = WebhookServer(demo.brug.application, secret=None, path=None, listen="127.0.0.1", port=web_port)
        await server.start()
        demo.transport.notice("demo-web", url=settings.neighbourhood_url or "")
    source = keyboard_lines() if lines is None else as_async_lines(lines)
    try:
        while True:
            out.write("\n" + demo.prompt())
            out.flush()
            line = await anext(source, None)
            if line is None:
                out.write("\n")
                break
            if echo:
                out.write(line.rstrip("\n") + "\n")
            if not await demo.handle_line(line):
                break
    finally:
        if saved_in:
            demo.transport.notice("demo-goodbye", path=saved_in)
        if server is not None:
            await server.stop()
        await demo.stop()
    return demo


async def as_async_lines(lines: AsyncIterable[str] | Iterable[str]) -> AsyncIterator[str]:
    """Lines from a list, a file (StringIO) or an async iterator, one at a time."""
    if isinstance(lines, AsyncIterable):
        async for line in lines:
            yield line
        return
    for line in lines:
        yield line


async def keyboard_lines(stream: TextIO | None = None) -> AsyncIterator[str]:
    """Typed lines without blocking the event loop: a daemon thread reads, the loop awaits a queue.

    A daemon thread rather than ``asyncio.to_thread``: a pending ``readline`` in the default executor
    would keep the process alive after /stop or Ctrl-C until Enter is pressed.
    """
    stream = stream or sys.stdin
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    def deliver(line: str | None) -> None:
        try:
            loop.call_soon_threadsafe(queue.put_nowait, line)
        except RuntimeError:  # the loop has closed: the demo is over
            pass

    def read() -> None:
        try:
            for line in iter(stream.readline, ""):
                deliver(line)
        except (OSError, ValueError, UnicodeDecodeError):
            pass
        deliver(None)

    threading.Thread(target=read, name="brug-demo-keyboard", daemon=True).start()
    while (line := await queue.get()) is not None:
        yield line


def free_port() -> int:
    """A port on loopback nobody uses now (asked of the system, then let go for the web server)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def demo_database_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


def start_afresh(path: Path) -> None:
    """Remove an earlier demo database (SQLite's side files, the kept clock) so the demo starts fresh."""
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
                      path.with_name(path.name + "-journal"), path.with_name(CLOCK_FILE)):
        candidate.unlink(missing_ok=True)


def save_clock(path: Path, clock: ShiftedClock) -> None:
    """Write how far the demo's clock runs ahead (``brug-demo.klok.json``, beside the database)."""
    path.write_text(json.dumps({"offset_seconds": clock.offset.total_seconds()}) + "\n", encoding="utf-8")


def load_clock(path: Path) -> ShiftedClock:
    """The demo's clock as an earlier run left it; the real time when nothing (usable) was kept."""
    clock = ShiftedClock()
    try:
        seconds = float(json.loads(path.read_text(encoding="utf-8"))["offset_seconds"])
    except (OSError, ValueError, TypeError, KeyError):
        return clock
    # Forward only, and not absurdly far: a damaged file must not put the demo a century ahead.
    if 0 < seconds <= 100 * LONGEST_JUMP.total_seconds():
        clock.offset = timedelta(seconds=seconds)
    return clock


async def earlier_messages(database: Database) -> tuple[int, list[Shown]]:
    """What the console showed in earlier runs, as the bridge stored it: the highest ref handed out (so
    a continued demo does not reuse one) and Brug's messages that still have choices (for /duim)."""
    transport = ConsoleTransport.name
    async with database.sessionmaker() as session:
        addresses = {
            row.local_id: row
            for row in await session.scalars(select(BridgeAddress).where(BridgeAddress.transport == transport))
        }
        rows = (await session.scalars(
            select(BridgeMessage).where(BridgeMessage.transport == transport).order_by(BridgeMessage.id)
        )).all()
    last_ref = max((int(ref) for row in rows for ref in (row.ref, row.first_ref) if ref.isdecimal()), default=0)
    shown = []
    for row in rows:
        where = addresses.get(row.chat_id)
        labels = tuple(option["label"] for option in json.loads(row.options or "[]"))
        if where is None or not labels:
            continue
        kind = "group" if where.kind == "group" else "private"
        shown.append(Shown(row.ref, Conversation(kind, where.address, where.name), PlainMessage(row.text, labels)))
    return last_ref, shown


def main(settings: Settings, *, continue_previous: bool = False, lang: str | None = None,
         directory: Path | None = None) -> int:
    """``brug demo``: the whole demo in this terminal; ``brug-demo.db`` fresh unless continuing."""
    directory = directory or Path.cwd()
    path = directory / DATABASE_FILE
    continuing = continue_previous and path.exists()
    if not continuing:
        start_afresh(path)
    # The terminal is the chat: only warnings and errors from the machinery below it.
    logging.getLogger().setLevel(max(logging.WARNING, logging.getLogger().level))
    # The neighbourhood's pages on this computer, unless an address is set: the 📣 link opens in a browser.
    web_port = None if settings.public_url else free_port()
    settings = settings.model_copy(update={
        "public_url": settings.public_url or f"http://127.0.0.1:{web_port}/buurt",
        "database_url": demo_database_url(path),
        # No Telegram limits to respect in a terminal.
        "rate_limiter": False,
        "language": normalise_language(lang or settings.language),
    })

    async def demo() -> None:
        last_ref, shown = 0, []
        if continuing:
            from storage.migrate import upgrade

            database = Database(settings.database_url)
            try:
                await upgrade(database.engine)
                last_ref, shown = await earlier_messages(database)
            finally:
                await database.dispose()
        clock_file = path.with_name(CLOCK_FILE)
        clock = load_clock(clock_file) if continuing else ShiftedClock()
        await run_demo(settings, clock=clock, files_dir=directory / FILES_DIR, seed=not continuing,
                       first_ref=last_ref + 1, earlier=shown, saved_in=str(path), clock_file=clock_file,
                       web_port=web_port)

    try:
        asyncio.run(demo())
    except KeyboardInterrupt:
        print()
    return 0
