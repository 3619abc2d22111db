"""Webhook mode: Telegram POSTs updates to Brug's own small web server, which also answers ``/healthz``.

PTB's ``run_webhook`` serves one route only, so this follows PTB's "custom webhook" example: a web
server of our own (tornado, already installed through PTB's ``webhooks`` extra) stores each update in the
durable inbox (``bot.road.inbox``) before answering 200, and workers handle it in its chat's order
(``process_update``: one unit of work, each update once). Without an inbox (tests, bridges) it goes on
``application.update_queue``. A request without the secret Telegram was given in ``setWebhook``
gets 403 and is never looked at.

The server listens on loopback behind a reverse proxy and is bounded by ``bot.road.web_limits``: body and header
sizes (a too-large body gets 413 before it is read), header and body timeouts, a cap on open connections,
forwarded client addresses only from ``BRUG_TRUSTED_PROXIES``, rate-limited warnings.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import re
import signal
from collections.abc import Callable
from http import HTTPStatus
from urllib.parse import urlsplit

import tornado.netutil
import tornado.web
from sqlalchemy import text
from telegram import Update
from telegram.ext import Application

from bot.config import Settings
from bot.road.web_limits import BodyLimitedApplication, GuardedHTTPServer, ServerLimits, limit_web_logs
from storage.db import Database

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
HEALTH_PATH = "/healthz"
# Telegram sends at most this many updates at once; each is stored in the inbox before its 200.
MAX_CONNECTIONS = 40
HEALTH_TIMEOUT_SECONDS = 3.0


async def database_reachable(database: Database, timeout: float = HEALTH_TIMEOUT_SECONDS) -> bool:
    """True when a ``SELECT 1`` answers within ``timeout`` seconds."""

    async def ping() -> None:
        async with database.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    try:
        await asyncio.wait_for(ping(), timeout)
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        log.warning("health check: database unreachable: %s", type(exc).__name__)
        return False
    return True


class TelegramUpdateHandler(tornado.web.RequestHandler):
    """``POST <webhook path>``: one update from Telegram, checked against the secret token."""

    def initialize(self, bot_application: Application, secret: str) -> None:
        self.bot_application = bot_application
        self.secret = secret

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            log.warning("webhook request without the right secret token from %s", self.request.remote_ip)
            self.set_status(HTTPStatus.FORBIDDEN)
            return
        try:
            data = json.loads(self.request.body)
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                raise ValueError("not an update")
            update = Update.de_json(data, self.bot_application.bot)
        except Exception as exc:  # noqa: BLE001 - a malformed body is the sender's problem
            log.warning("webhook request with a body that is not an update: %s", type(exc).__name__)
            self.set_status(HTTPStatus.BAD_REQUEST)
            return
        inbox = self.bot_application.bot_data["services"].inbox
        if inbox is None:
            await self.bot_application.update_queue.put(update)
            self.set_status(HTTPStatus.OK)
            return
        # 200 only once the update is stored (bot.inbox): if storing fails, Telegram sends it again.
        try:
            await inbox.receive(data)
        except Exception as exc:  # noqa: BLE001 - any failure means "not stored"
            log.warning("webhook update %s not stored: %s", data["update_id"], type(exc).__name__)
            self.set_status(HTTPStatus.SERVICE_UNAVAILABLE)
            return
        self.set_status(HTTPStatus.OK)

    def write_error(self, status_code: int, **kwargs: object) -> None:
        # No traceback or request details in the answer.
        self.finish()


class HealthHandler(tornado.web.RequestHandler):
    """``GET /healthz``: 200 ``{"database": "ok"}`` or 503 ``{"database": "unavailable"}``."""

    def initialize(self, database: Database) -> None:
        self.database = database

    async def get(self) -> None:
        reachable = await database_reachable(self.database)
        self.set_status(HTTPStatus.OK if reachable else HTTPStatus.SERVICE_UNAVAILABLE)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"database": "ok" if reachable else "unavailable"}))


def webhook_path(webhook_url: str) -> str:
    """The path Telegram POSTs to: the path of the public URL (a reverse proxy passes it on)."""
    return urlsplit(webhook_url).path or "/"


def make_web_app(
    application: Application, *, secret: str | None, path: str | None, max_body_bytes: int | None = None
) -> tornado.web.Application:
    """/healthz, the webhook (when ``secret`` and ``path`` are given) and the dashboard (when it is on).
    No body over ``max_body_bytes`` (default BRUG_WEBHOOK_MAX_BODY_BYTES); the dashboard has a smaller one."""
    services = application.bot_data["services"]
    database: Database = services.db
    rules: list = [(HEALTH_PATH, HealthHandler, {"database": database})]
    if secret and path:
        rules.append(
            (re.escape(path), TelegramUpdateHandler, {"bot_application": application, "secret": secret})
        )
    for routes in services.web_routes:
        rules += routes(application, services.settings)
    if max_body_bytes is None:
        max_body_bytes = services.settings.webhook_max_body_bytes
    return BodyLimitedApplication(rules, max_body_bytes=max_body_bytes)


class WebhookServer:
    """The HTTP server in the bot's own event loop; ``port=0`` picks a free port (tests).

    Bounded by ``limits`` (default: from the settings; see ``bot.road.web_limits``): body and header sizes,
    header and body timeouts, open connections, which peers may forward a client's address.
    """

    def __init__(
        self,
        application: Application,
        *,
        secret: str | None,
        path: str | None,
        listen: str,
        port: int,
        limits: ServerLimits | None = None,
    ) -> None:
        self.limits = limits or ServerLimits.from_settings(application.bot_data["services"].settings)
        self.web_app = make_web_app(
            application, secret=secret, path=path, max_body_bytes=self.limits.max_body_bytes
        )
        self.listen = listen
        self.port = port
        self._server: GuardedHTTPServer | None = None

    async def start(self) -> int:
        """Start listening; returns the port."""
        limit_web_logs(self.limits.log_lines_per_minute)
        sockets = tornado.netutil.bind_sockets(self.port, self.listen)
        self._server = GuardedHTTPServer(self.web_app, limits=self.limits)
        self._server.add_sockets(sockets)
        self.port = sockets[0].getsockname()[1]
        return self.port

    @property
    def http_server(self) -> GuardedHTTPServer | None:
        """The running server (its ``open_connections`` and ``refused_connections``), None when stopped."""
        return self._server

    async def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None


async def serve_webhook(
    application: Application,
    settings: Settings,
    stop: asyncio.Event,
    *,
    on_listening: Callable[[int], None] | None = None,
) -> None:
    """Run Brug in webhook mode until ``stop`` is set: start, listen, ``setWebhook``, wait, shut down."""
    secret = settings.webhook_secret_value
    if not settings.webhook_url or not secret:
        raise ValueError("webhook mode needs BRUG_WEBHOOK_URL and BRUG_WEBHOOK_SECRET")
    server = WebhookServer(
        application,
        secret=secret,
        path=webhook_path(settings.webhook_url),
        listen=settings.webhook_listen,
        port=settings.webhook_port,
    )
    await application.initialize()
    try:
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
        port = await server.start()
        if on_listening is not None:
            on_listening(port)
        await application.bot.set_webhook(
            url=settings.webhook_url,
            secret_token=secret,
            allowed_updates=Update.ALL_TYPES,
            max_connections=MAX_CONNECTIONS,
        )
        log.info(
            "webhook mode: listening on %s:%s, health at %s", settings.webhook_listen, port, HEALTH_PATH
        )
        await stop.wait()
    finally:
        await shut_down(application, server)


async def shut_down(application: Application, server: WebhookServer | None) -> None:
    """Stop the web server (if any), then the Application, in the order PTB's own runners use."""
    if server is not None:
        await server.stop()
    if application.running:
        await application.stop()
    await application.shutdown()
    if application.post_shutdown is not None:
        await application.post_shutdown(application)


def run_webhook(application: Application, settings: Settings) -> None:
    """``brug run --webhook``: serve until SIGINT or SIGTERM. The webhook stays set on purpose:
    Telegram keeps the updates that arrive during a restart and delivers them afterwards."""

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await serve_webhook(application, settings, stop)

    asyncio.run(main())
