"""Issue 7: webhook mode (secret token, health endpoint, setWebhook) and each update handled once."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from bot.config import Settings
from bot.road.logs import (
    REDACTED,
    UPDATE_LOGGER,
    JsonFormatter,
    KeyValueFormatter,
    RedactSecrets,
    configure_logging,
)
from bot.road.webhook import SECRET_HEADER, WebhookServer, serve_webhook, webhook_path
from storage.db import Database
from storage.models import Member, ProcessedUpdate
from tests.harness import BotHarness, break_welcome_once, dead_database_url
from tests.test_cli import run_brug

SECRET = "s3cret-Token_for-tests"
ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------- each update once


async def test_a_repeated_update_changes_nothing(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna")
    bot.telegram.started_users.add(anna.id)
    update = bot.updates.message(anna, anna, "/start")

    await bot.feed(update)
    await bot.feed(update)  # Telegram re-delivers the same update

    assert len(bot.telegram.sent("sendMessage", anna.id)) == 1
    assert await bot.count(Member) == 1
    assert await bot.count(ProcessedUpdate, ProcessedUpdate.update_id == update["update_id"]) == 1


async def test_an_update_that_failed_is_not_recorded_so_a_redelivery_is_handled(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    break_welcome_once(monkeypatch)
    anna = bot.user(101, "Anna", started=True)
    update = bot.updates.message(anna, anna, "/start")

    await bot.feed(update)
    assert await bot.count(ProcessedUpdate) == 0
    assert await bot.count(Member) == 0  # rolled back with the update

    await bot.feed(update)
    assert "Welkom" in bot.last_text(anna.id)
    assert await bot.count(ProcessedUpdate) == 1
    assert await bot.count(Member) == 1


async def test_processed_update_ids_are_pruned_after_the_retention_window(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna", started=True)
    first = await bot.say(anna, anna, "/help")
    bot.clock.advance(days=3)
    await bot.say(anna, anna, "/help")
    assert await bot.count(ProcessedUpdate) == 2

    bot.clock.advance(days=5)  # the first is now 8 days old, the second 5
    await bot.say(anna, anna, "/help")

    remaining = {row.update_id for row in await bot.rows(ProcessedUpdate)}
    assert first.update_id not in remaining
    assert len(remaining) == 2


async def test_pruning_runs_at_most_once_an_hour(bot: BotHarness, monkeypatch) -> None:
    from storage.repositories import updates as repo

    prunes: list[object] = []
    real_prune = repo.prune

    async def counting_prune(session, before):
        prunes.append(before)
        return await real_prune(session, before)

    monkeypatch.setattr(repo, "prune", counting_prune)
    anna = bot.user(101, "Anna", started=True)
    for _ in range(20):
        await bot.say(anna, anna, "/help")
        bot.clock.advance(minutes=1)
    assert len(prunes) == 1
    bot.clock.advance(hours=1)
    await bot.say(anna, anna, "/help")
    assert len(prunes) == 2


# ---------------------------------------------------------------- the webhook server


@pytest.fixture
async def webhook(bot: BotHarness) -> AsyncIterator[tuple[BotHarness, httpx.AsyncClient, str]]:
    """The app running (processing its update queue) behind a WebhookServer on a free port."""
    server = WebhookServer(bot.app, secret=SECRET, path="/telegram/hook", listen="127.0.0.1", port=0)
    port = await server.start()
    await bot.app.start()
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=5) as client:
        yield bot, client, "/telegram/hook"
    await server.stop()
    await bot.app.stop()


async def post_update(
    client: httpx.AsyncClient, path: str, update: dict, secret: str | None = SECRET
) -> httpx.Response:
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    return await client.post(path, content=json.dumps(update), headers=headers)


async def test_webhook_rejects_requests_without_the_secret_and_processes_nothing(webhook) -> None:
    bot, client, path = webhook
    anna = bot.user(101, "Anna", started=True)

    missing = await post_update(client, path, bot.updates.message(anna, anna, "/start"), secret=None)
    wrong = await post_update(client, path, bot.updates.message(anna, anna, "/start"), secret="guess")
    await bot.app.update_queue.join()

    assert (missing.status_code, wrong.status_code) == (403, 403)
    assert SECRET not in missing.text + wrong.text
    assert bot.telegram.sent("sendMessage") == []
    assert await bot.count(Member) == 0
    assert await bot.count(ProcessedUpdate) == 0


async def test_webhook_with_the_secret_processes_the_update_once(webhook) -> None:
    bot, client, path = webhook
    anna = bot.user(101, "Anna", started=True)
    update = bot.updates.message(anna, anna, "/start")

    first = await post_update(client, path, update)
    again = await post_update(client, path, update)  # Telegram retries after a slow answer
    await bot.app.update_queue.join()

    assert (first.status_code, again.status_code) == (200, 200)
    assert len(bot.telegram.sent("sendMessage", anna.id)) == 1
    assert "Welkom" in bot.last_text(anna.id)
    assert await bot.count(Member) == 1


async def test_webhook_answers_400_to_a_body_that_is_not_an_update(webhook) -> None:
    bot, client, path = webhook
    for body in ("not json", "[]", '{"message": {}}', '{"update_id": "x"}'):
        response = await client.post(path, content=body, headers={SECRET_HEADER: SECRET})
        assert response.status_code == 400, body
    assert (await client.get(path)).status_code == 405
    assert (await client.post("/other", content="{}")).status_code == 404


async def test_health_reports_the_database(webhook) -> None:
    bot, client, _ = webhook
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok"}


async def test_health_is_503_when_the_database_is_unreachable(
    bot: BotHarness, db_kind: str, tmp_path: Path
) -> None:
    services = bot.app.bot_data["services"]
    real_db = services.db
    services.db = Database(dead_database_url(db_kind, tmp_path))
    server = WebhookServer(bot.app, secret=SECRET, path="/hook", listen="127.0.0.1", port=0)
    port = await server.start()
    try:
        async with httpx.AsyncClient(timeout=10) as client:
            response = await client.get(f"http://127.0.0.1:{port}/healthz")
    finally:
        await server.stop()
        await services.db.dispose()
        services.db = real_db
    assert response.status_code == 503
    assert response.json() == {"database": "unavailable"}


async def test_serve_webhook_sets_the_webhook_with_secret_and_allowed_updates(
    bot: BotHarness, settings: Settings
) -> None:
    settings = settings.model_copy(
        update={
            "webhook_url": "https://brug.example.org/telegram/hook",
            "webhook_secret": SecretStr(SECRET),
            "webhook_listen": "127.0.0.1",
            "webhook_port": 0,
        }
    )
    stop = asyncio.Event()
    listening: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(
        serve_webhook(bot.app, settings, stop, on_listening=listening.set_result)
    )
    port = await asyncio.wait_for(listening, 10)
    anna = bot.user(101, "Anna", started=True)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=5) as client:
        response = await post_update(client, "/telegram/hook", bot.updates.message(anna, anna, "/start"))
        assert response.status_code == 200
        await bot.app.update_queue.join()
    stop.set()
    await asyncio.wait_for(task, 10)

    call = bot.telegram.last("setWebhook")
    assert call.params["url"] == "https://brug.example.org/telegram/hook"
    assert call.params["secret_token"] == SECRET
    allowed = call.params["allowed_updates"]
    allowed = json.loads(allowed) if isinstance(allowed, str) else allowed
    assert {"message", "callback_query", "my_chat_member"} <= set(allowed)
    assert "Welkom" in bot.last_text(anna.id)
    assert bot.telegram.sent("setMyCommands")  # the start-up work ran as in polling mode
    assert not bot.app.running


def test_webhook_path_comes_from_the_public_url() -> None:
    assert webhook_path("https://brug.example.org/telegram/hook") == "/telegram/hook"
    assert webhook_path("https://brug.example.org") == "/"


# ---------------------------------------------------------------- the command


def test_run_webhook_without_url_or_secret_explains_what_is_missing(tmp_path: Path) -> None:
    result = run_brug(
        "run", "--webhook", cwd=tmp_path, PYTHONPATH=str(ROOT), BRUG_TELEGRAM_TOKEN="42:abc"
    )
    assert result.returncode == 2
    assert "BRUG_WEBHOOK_URL" in result.stderr and "BRUG_WEBHOOK_SECRET" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_secret_telegram_would_refuse_is_refused_without_echoing_it(tmp_path: Path) -> None:
    result = run_brug(
        "run", "--webhook", cwd=tmp_path, PYTHONPATH=str(ROOT), BRUG_TELEGRAM_TOKEN="42:abc",
        BRUG_WEBHOOK_URL="https://brug.example.org/hook", BRUG_WEBHOOK_SECRET="not allowed!secret",
    )
    assert result.returncode == 2
    assert "webhook_secret" in result.stderr
    assert "not allowed!secret" not in result.stderr


def test_run_help_mentions_webhook(tmp_path: Path) -> None:
    result = run_brug("run", "--help", cwd=tmp_path, PYTHONPATH=str(ROOT))
    assert "--webhook" in result.stdout


# ---------------------------------------------------------------- logs


async def test_one_structured_log_line_per_update(bot: BotHarness, caplog) -> None:
    anna = bot.user(101, "Anna", started=True)
    group = bot.group(-1001, "De BinnenHaven")
    caplog.set_level(logging.INFO, logger=UPDATE_LOGGER)

    await bot.say(group, anna, "/help")
    update = bot.updates.message(anna, anna, "/start")
    await bot.feed(update)
    await bot.feed(update)
    bot.telegram.fail_next("sendMessage", 502, "Bad Gateway")
    await bot.say(anna, anna, "/help")

    lines = [r for r in caplog.records if r.name == UPDATE_LOGGER]
    # The last reply could not go: what the update did is kept and the reply waits (bot.delivery).
    assert [r.fields["outcome"] for r in lines] == ["ok", "ok", "duplicate", "kept"]
    first = lines[0].fields
    assert first["kind"] == "message"
    assert first["chat"] == str(group.id)  # a group's chat id stays; a person's is a pseudonym
    assert first["handler"] == "handlers.help.show_help"
    assert isinstance(first["ms"], float) and first["ms"] >= 0
    assert lines[1].fields["handler"] == "handlers.start.start"

    text = KeyValueFormatter().format(lines[0])
    assert f"kind=message chat={group.id} handler=handlers.help.show_help" in text
    assert text.endswith("outcome=ok")
    document = json.loads(JsonFormatter().format(lines[0]))
    assert document["outcome"] == "ok" and document["handler"] == "handlers.help.show_help"


async def test_token_and_secret_never_reach_the_log(tmp_path: Path) -> None:
    """A request that fails, to a URL that carries the token, logged as loudly as possible."""
    import socket

    from telegram import Bot

    token = "987654:SECRET-token-value_xyz"
    stream = io.StringIO()
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    configure_logging(secrets=[token, SECRET], level="DEBUG", stream=stream)
    # Someone turns httpx up to DEBUG while hunting a bug: its URLs must still come out redacted.
    logging.getLogger("httpx").setLevel(logging.DEBUG)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    base_url = f"http://127.0.0.1:{closed_port}/bot"
    log = logging.getLogger("brug.test")
    try:
        telegram_bot = Bot(token, base_url=base_url)
        try:
            await telegram_bot.get_me()
        except Exception as exc:  # noqa: BLE001 - the failure is the point
            log.exception("request to %s%s/getMe failed: %s", base_url, token, exc)
        log.warning("webhook secret is %s", SECRET)
        try:
            raise RuntimeError(f"token {token} in an exception message")
        except RuntimeError:
            log.error("failed", exc_info=True)
    finally:
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)
        logging.getLogger("httpx").setLevel(logging.WARNING)
    output = stream.getvalue()
    assert "getMe failed" in output
    assert "in an exception message" in output and "Traceback" in output
    assert token not in output and "SECRET-token" not in output
    assert SECRET not in output
    assert output.count(REDACTED) >= 4


def test_redaction_covers_arguments_tracebacks_and_fields() -> None:
    redact = RedactSecrets(["tok:en123", None, ""])
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "a %s b", ("tok:en123",), None)
    record.fields = {"url": "/bottok:en123/x", "n": 1}
    assert redact.filter(record)
    assert record.getMessage() == f"a {REDACTED} b"
    assert record.fields == {"url": f"/bot{REDACTED}/x", "n": 1}


def test_a_rejected_token_is_reported_without_quoting_it(tmp_path: Path) -> None:
    """PTB's InvalidToken message quotes the token; Brug's message does not."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    class Unauthorized(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            body = b'{"ok":false,"error_code":401,"description":"Unauthorized"}'
            self.send_response(401)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return None

    server = HTTPServer(("127.0.0.1", 0), Unauthorized)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        token = "13579:rejected-TOKEN-abc"
        result = run_brug(
            "run", cwd=tmp_path, PYTHONPATH=str(ROOT), BRUG_TELEGRAM_TOKEN=token,
            BRUG_TELEGRAM_BASE_URL=f"http://127.0.0.1:{server.server_port}/bot",
            BRUG_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'brug.db'}",
        )
    finally:
        server.shutdown()
    assert result.returncode == 2
    assert "@BotFather" in result.stderr
    assert token not in result.stderr + result.stdout
    assert result.stderr.strip().splitlines()[-1].startswith("Telegram did not accept the bot token")
