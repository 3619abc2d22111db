"""Issue 7, end to end over HTTP: ``brug run`` as a real process against the Bot API emulator.

The emulator (bot/devtools/emulator.py) listens on 127.0.0.1; Brug polls it like Telegram
(``BRUG_TELEGRAM_BASE_URL``). The test plays the people: /start, /help, /taal, adding Brug to a group,
a proposal written privately and posted, a neighbour joining, /mijn; then the process is stopped and
started again, and /mijn still shows the commitment. A second test does the same over a webhook.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from bot.devtools.emulator import BotCall, Emulator, EmulatorServer
from storage.db import create_engine
from tests.conftest import POSTGRES_URL

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "424242:e2e-TOKEN-never-logged"

ANNA = {"id": 201, "first_name": "Anna", "language_code": "nl"}
DIRK = {"id": 204, "first_name": "Dirk", "language_code": "nl"}
GROUP = {"id": -100777, "type": "supergroup", "title": "De BinnenHaven"}


@pytest.fixture
async def database_url(db_kind: str, tmp_path: Path) -> AsyncIterator[str]:
    """An empty database of the kind under test, reachable by URL from another process."""
    if db_kind == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'brug-e2e.db'}"
        return
    name = f"brug_e2e_{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


@pytest.fixture
async def emulator() -> AsyncIterator[EmulatorServer]:
    server = EmulatorServer()
    await server.start()
    yield server
    await server.stop()


class BrugProcess:
    """``brug run`` in a subprocess, its log in a file (shown when a test fails)."""

    def __init__(self, env: dict[str, str], log_path: Path, *args: str) -> None:
        self.env = env
        self.log_path = log_path
        self.args = args
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        log = self.log_path.open("ab")
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", *self.args,
            cwd=self.log_path.parent, env=self.env, stdout=log, stderr=log,
        )
        log.close()

    async def stop(self) -> int:
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), 20)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        return self.process.returncode or 0

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    async def handled(self, update_id: int, timeout: float = 30) -> None:
        """Wait for Brug's log line for ``update_id``: written once the update was handled and stored."""
        line = re.compile(rf"update update_id={update_id} .*outcome=(\w+)")
        deadline = asyncio.get_running_loop().time() + timeout
        while not (found := line.search(self.log())):
            if asyncio.get_running_loop().time() > deadline:
                pytest.fail(f"update {update_id} was not handled in {timeout}s:\n{self.log()[-3000:]}")
            await asyncio.sleep(0.02)
        assert found.group(1) == "ok", found.group(0)


def brug_env(base_url: str, database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRUG_")}
    env.update(
        PYTHONPATH=str(ROOT),
        BRUG_TELEGRAM_TOKEN=TOKEN,
        BRUG_TELEGRAM_BASE_URL=base_url,
        BRUG_DATABASE_URL=database_url,
        BRUG_TICK_SECONDS="3600",
        **extra,
    )
    return env


class People:
    """Plays the people in the emulator and waits for Brug's answers."""

    def __init__(self, emulator: Emulator, brug: BrugProcess) -> None:
        self.emulator = emulator
        self.brug = brug

    async def say(
        self, user: dict[str, Any], words: str, *, chat: dict[str, Any] | None = None,
        reply_to: int | None = None, expect: str = "sendMessage", timeout: float = 30,
    ) -> BotCall:
        mark = self.emulator.last_seq
        sent = await self.emulator.user_message(user, words, chat=chat, reply_to_message_id=reply_to)
        chat_id = chat["id"] if chat else user["id"]
        return await self._answer(sent["update_id"], expect, chat_id, mark, timeout)

    async def _answer(
        self, update_id: int, method: str, chat_id: int, mark: int, timeout: float
    ) -> BotCall:
        """The bot's last ``method`` to ``chat_id`` once it has handled the update."""
        await self.brug.handled(update_id, timeout)
        call = self.emulator.last(method, chat_id, after=mark)
        assert call is not None, f"no {method} to {chat_id} for update {update_id}"
        return call

    def texts_since(self, chat_id: int, mark: int) -> str:
        """Everything the bot sent to ``chat_id`` after ``mark``, as people read it."""
        return "\n".join(
            shown(call) for call in self.emulator.calls
            if call.seq > mark and call.method == "sendMessage"
            and int(call.params.get("chat_id", 0)) == chat_id
        )

    async def press(
        self, user: dict[str, Any], call: BotCall, label: str, *, expect: str = "sendMessage",
        expect_chat: int | None = None, timeout: float = 30,
    ) -> BotCall:
        mark = self.emulator.last_seq
        message = call.result
        sent = await self.emulator.press(
            user, message["chat"]["id"], message["message_id"], label=label
        )
        return await self._answer(sent["update_id"], expect, expect_chat or user["id"], mark, timeout)

    async def add_bot_to_group(self, user: dict[str, Any]) -> BotCall:
        mark = self.emulator.last_seq
        sent = await self.emulator.add_bot_to_group(user, GROUP, admins=[user["id"]])
        return await self._answer(sent["update_id"], "sendMessage", GROUP["id"], mark, 30)


def labels(call: BotCall) -> list[str]:
    markup = (call.result or {}).get("reply_markup") or call.params.get("reply_markup") or {}
    return [button["text"] for row in markup.get("inline_keyboard", []) for button in row]


def shown(call: BotCall) -> str:
    return (call.result or {}).get("text") or ""


async def wait_until_polling(emulator: Emulator, brug: BrugProcess, timeout: float = 30) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    emulator.last_poll_at = None
    while emulator.last_poll_at is None:
        assert brug.process is not None
        if brug.process.returncode is not None or asyncio.get_running_loop().time() > deadline:
            pytest.fail(f"Brug did not start polling:\n{brug.log()[-3000:]}")
        await asyncio.sleep(0.05)


async def test_brug_over_http_from_start_to_mijn_across_a_restart(
    emulator: EmulatorServer, database_url: str, tmp_path: Path
) -> None:
    brug = BrugProcess(brug_env(emulator.base_url, database_url), tmp_path / "brug.log")
    people = People(emulator.emulator, brug)
    await brug.start()
    try:
        await wait_until_polling(emulator.emulator, brug)
        await walk_the_first_day(people)
        assert await brug.stop() == 0

        # The next morning: a new process, the same database.
        await brug.start()
        await wait_until_polling(emulator.emulator, brug)
        mark = emulator.emulator.last_seq
        await people.say(DIRK, "/mijn")
        after_restart = people.texts_since(DIRK["id"], mark)
        assert "Mijn toezeggingen" in after_restart and "Soep koken voor de straat" in after_restart
    except BaseException:
        print(brug.log()[-5000:])
        raise
    finally:
        await brug.stop()
    log = brug.log()
    assert TOKEN not in log and TOKEN.split(":")[1] not in log
    assert "outcome=ok" in log  # one structured line per update
    assert "outcome=failed" not in log and "outcome=error" not in log


async def walk_the_first_day(people: People) -> None:
    emulator = people.emulator
    welcome = await people.say(ANNA, "/start")
    assert "Welkom bij Brug, Anna!" in shown(welcome)
    assert emulator.commands, "the command menu was set at start-up"

    help_text = await people.say(ANNA, "/help")
    assert "/actie" in shown(help_text)

    choice = await people.say(ANNA, "/taal")
    assert labels(choice) == ["Nederlands", "English"]
    chosen = await people.press(ANNA, choice, "Nederlands", expect="editMessageText")
    assert "Nederlands" in shown(chosen)

    group_welcome = await people.add_bot_to_group(ANNA)
    assert "eilandje" in shown(group_welcome)
    await people.say(DIRK, "/start")

    # Anna proposes in the group and writes the proposal privately.
    await people.say(ANNA, "/actie Soep koken voor de straat", chat=GROUP, expect="sendMessage")
    for answer in (
        "Buurtcentrum De Roef", "zaterdag", "Het straatfeest", "Pannen en een grote tafel",
        "Warme soep en een praatje",
    ):
        await people.say(ANNA, answer)
    summary = await people.say(ANNA, "Recept delen in de buurtapp")
    assert "Plaatsen" in labels(summary), shown(summary)
    card = await people.press(ANNA, summary, "Plaatsen", expect_chat=GROUP["id"])
    assert "Soep koken voor de straat" in shown(card)

    # Dirk joins from the card and answers privately with one tap: plain joining of a dated action is
    # on the action's day, so no "wanneer?" follows.
    question = await people.press(DIRK, card, "🙋 Ik doe mee")
    assert "Gewoon meedoen" in labels(question), shown(question)
    noted = await people.press(DIRK, question, "Gewoon meedoen")
    assert "je doet mee met soep koken voor de straat op zaterdag" in shown(noted).lower(), shown(noted)
    assert labels(noted) == []

    mark = emulator.last_seq
    await people.say(DIRK, "/mijn")
    mine = people.texts_since(DIRK["id"], mark)
    assert "Mijn toezeggingen" in mine and "Soep koken voor de straat" in mine


async def test_brug_over_a_webhook_with_the_emulator(
    emulator: EmulatorServer, database_url: str, tmp_path: Path
) -> None:
    """``brug run --webhook``: the emulator posts updates with the secret; /healthz answers."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    secret = "e2e-webhook-SECRET"
    env = brug_env(
        emulator.base_url, database_url,
        BRUG_WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram", BRUG_WEBHOOK_SECRET=secret,
        BRUG_WEBHOOK_LISTEN="127.0.0.1", BRUG_WEBHOOK_PORT=str(port),
    )
    brug = BrugProcess(env, tmp_path / "brug-webhook.log", "--webhook")
    people = People(emulator.emulator, brug)
    await brug.start()
    try:
        async with httpx.AsyncClient(timeout=5) as client:
            deadline = asyncio.get_running_loop().time() + 30
            while emulator.emulator.webhook_url is None:
                if brug.process.returncode is not None or asyncio.get_running_loop().time() > deadline:
                    pytest.fail(f"Brug did not set its webhook:\n{brug.log()[-3000:]}")
                await asyncio.sleep(0.05)
            health = await client.get(f"http://127.0.0.1:{port}/healthz")
            assert health.status_code == 200 and health.json() == {"database": "ok"}
            forged = await client.post(f"http://127.0.0.1:{port}/telegram", json={"update_id": 1})
            assert forged.status_code == 403

        welcome = await people.say(ANNA, "/start")
        assert "Welkom bij Brug, Anna!" in shown(welcome)
        assert emulator.emulator.webhook_secret == secret
    except BaseException:
        print(brug.log()[-5000:])
        raise
    finally:
        assert await brug.stop() == 0
    log = brug.log()
    assert secret not in log and TOKEN not in log


async def test_brug_try_gives_a_console_chat(tmp_path: Path) -> None:
    """``brug try``: a person types, Brug answers; numbers press buttons; /groep opens a test group."""
    import io

    from bot.devtools.emulator import try_locally

    screen = io.StringIO()

    async def shown_soon(needle: str, timeout: float = 30) -> None:
        deadline = asyncio.get_running_loop().time() + timeout
        while needle not in screen.getvalue():
            if asyncio.get_running_loop().time() > deadline:
                pytest.fail(f"{needle!r} not shown:\n{screen.getvalue()[-2000:]}")
            await asyncio.sleep(0.05)

    async def typing() -> AsyncIterator[str]:
        yield "/start"
        await shown_soon("Welkom bij Brug, Jij!")
        assert "[1] Hoe werkt het?" in screen.getvalue()
        yield "1"
        await shown_soon("/actie")
        yield "/groep"
        await shown_soon("Hallo allemaal, ik ben Brug")
        yield "/stop"

    env = {"BRUG_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'try.db'}", "PYTHONPATH": str(ROOT)}
    await asyncio.wait_for(
        try_locally(env, lines=typing(), out=screen, log_path=str(tmp_path / "try.log")), 60
    )
    assert "druk op knop" in screen.getvalue()
