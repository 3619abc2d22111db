"""Issue 16, item 5: a hardened web server. What a stranger can make Brug's web server hold — body and header
sizes, slow senders, open connections, forwarded addresses, log lines — is bounded, and refused early.

The server under test is the real one (``WebhookServer``: webhook, /healthz, dashboard) on a free port; raw
sockets play the misbehaving clients, so a test can send headers that promise a large body and then stop.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator

import httpx
import pytest
import tornado.httpserver
import tornado.netutil
import tornado.web

from bot.config import Settings
from bot.road.logs import KeyValueFormatter, RateLimit
from bot.road.web_limits import GuardedHTTPServer, ServerLimits, TrustedProxies
from bot.road.webhook import SECRET_HEADER, WebhookServer
from storage.db import Database
from tests.dashboard_fixtures import DASHBOARD_URL, TOKEN
from tests.harness import BotHarness

SECRET = "s3cret-Token_for-tests"
HOOK = "/telegram/hook"
KB = 1024
# Small numbers, so the tests are quick: the header and body timeouts, the connection cap.
TINY = ServerLimits(header_timeout=0.3, body_timeout=0.3, max_connections=6, log_lines_per_minute=1000)


@pytest.fixture
def settings(database: Database) -> Settings:
    """With the dashboard on, so the same server serves the webhook, /healthz and the dashboard."""
    return Settings(
        telegram_token=TOKEN, database_url=database.url, rate_limiter=False,
        dashboard_url=DASHBOARD_URL, _env_file=None,
    )


async def running(bot: BotHarness, limits: ServerLimits = TINY) -> WebhookServer:
    server = WebhookServer(bot.app, secret=SECRET, path=HOOK, listen="127.0.0.1", port=0, limits=limits)
    await server.start()
    return server


@pytest.fixture
async def server(bot: BotHarness) -> AsyncIterator[WebhookServer]:
    started = await running(bot)
    yield started
    await started.stop()


class RawClient:
    """One TCP connection that sends exactly what the test says, when it says."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def connect(cls, port: int) -> RawClient:
        return cls(*await asyncio.open_connection("127.0.0.1", port))

    async def send(self, data: bytes) -> None:
        self.writer.write(data)
        await self.writer.drain()

    async def read_all(self, timeout: float = 2.0) -> bytes:
        """Everything until the server closes the connection (TimeoutError if it does not)."""
        return await asyncio.wait_for(self.reader.read(-1), timeout)

    def close(self) -> None:
        self.writer.close()


def request_head(method: str, path: str, **headers: str | int) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def status_of(response: bytes) -> int:
    return int(response.split(b" ", 2)[1])


# ---------------------------------------------------------------- bodies


@pytest.mark.parametrize("secret", [SECRET, "guess"])
@pytest.mark.parametrize("declared", [70 * KB, 100_000_000])
async def test_an_oversized_webhook_post_is_refused_before_its_body_is_sent(
    server: WebhookServer, bot: BotHarness, secret: str, declared: int
) -> None:
    client = await RawClient.connect(server.port)
    head = request_head("POST", HOOK, Content_Length=declared, Content_Type="application/json")
    await client.send(head.replace(b"\r\n\r\n", f"\r\n{SECRET_HEADER}: {secret}\r\n\r\n".encode()))
    await client.send(b'{"update_id": 1, ' + b" " * KB)  # a small part; the rest never comes

    response = await client.read_all()  # the answer, then the server closes: it does not wait for the rest
    client.close()

    assert status_of(response) == 413
    await bot.app.update_queue.join()
    assert bot.telegram.sent("sendMessage") == []


async def test_a_chunked_webhook_body_is_cut_off_at_the_limit(server: WebhookServer) -> None:
    client = await RawClient.connect(server.port)
    await client.send(request_head("POST", HOOK, Transfer_Encoding="chunked", **{SECRET_HEADER: SECRET}))
    chunk = b"x" * (16 * KB)
    for _ in range(5):  # 80 KB, no length announced
        await client.send(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
    response = await client.read_all()
    client.close()
    assert status_of(response) == 400  # tornado's answer to a body that outgrows the limit on the way


async def test_a_webhook_body_within_the_limit_still_reaches_the_handler(server: WebhookServer) -> None:
    body = json.dumps({"update_id": "x", "padding": "y" * (60 * KB)})  # under 64 KB, but not an update
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{server.port}", timeout=5) as client:
        response = await client.post(HOOK, content=body, headers={SECRET_HEADER: SECRET})
    assert response.status_code == 400


async def test_a_dashboard_form_over_its_limit_gets_413(server: WebhookServer) -> None:
    form = b"_xsrf=abc&commitment=1&status=" + b"x" * (20 * KB)  # under the webhook's 64 KB, over 16 KB
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{server.port}", timeout=5) as client:
        too_large = await client.post(
            "/dashboard/commitments/done?group=1", content=form,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        small = await client.post(
            "/dashboard/commitments/done?group=1", content=b"commitment=1",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
    assert too_large.status_code == 413
    assert small.status_code == 403  # a small form goes on to the XSRF check, as before


async def test_a_dashboard_post_announcing_a_large_body_is_refused_before_it_is_sent(
    server: WebhookServer,
) -> None:
    client = await RawClient.connect(server.port)
    await client.send(request_head("POST", "/dashboard/auth/webapp", Content_Length=50 * KB))
    await client.send(b"init_data=")
    response = await client.read_all()
    client.close()
    assert status_of(response) == 413


# ---------------------------------------------------------------- where it listens, whom it believes


def test_the_web_server_listens_on_loopback_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRUG_WEBHOOK_LISTEN", raising=False)
    settings = Settings(_env_file=None)
    assert settings.webhook_listen == "127.0.0.1"
    assert settings.trusted_proxies == []


def test_the_servers_limits_come_from_the_settings(bot: BotHarness) -> None:
    settings = Settings(
        _env_file=None, trusted_proxies="10.0.0.1", webhook_max_body_bytes=32 * KB,
        web_header_timeout_seconds=5, web_body_timeout_seconds=7, web_max_connections=50,
        web_log_lines_per_minute=3,
    )
    assert ServerLimits.from_settings(settings) == ServerLimits(
        max_body_bytes=32 * KB, header_timeout=5, body_timeout=7, max_connections=50,
        trusted_proxies=TrustedProxies.parse(["10.0.0.1"]), log_lines_per_minute=3,
    )
    unset = WebhookServer(bot.app, secret=None, path=None, listen="127.0.0.1", port=0)
    assert unset.limits == ServerLimits.from_settings(bot.app.bot_data["services"].settings) == ServerLimits()


def test_trusted_proxies_are_read_comma_separated_and_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRUG_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8,::1")
    assert Settings(_env_file=None).trusted_proxies == ["127.0.0.1", "10.0.0.0/8", "::1"]
    monkeypatch.setenv("BRUG_TRUSTED_PROXIES", "proxy.example.org")
    with pytest.raises(ValueError, match="trusted_proxies"):
        Settings(_env_file=None)


def test_trusted_proxies_match_addresses_and_ranges() -> None:
    proxies = TrustedProxies.parse(["127.0.0.1", "10.0.0.0/8", "2001:db8::/32"])
    assert proxies.trusts("127.0.0.1") and proxies.trusts("10.20.30.40") and proxies.trusts("2001:db8::5")
    assert proxies.trusts("::ffff:10.1.2.3")  # IPv4 seen through a dual-stack socket
    assert not proxies.trusts("127.0.0.2") and not proxies.trusts("192.0.2.1") and not proxies.trusts(None)
    assert proxies.addresses() == ["127.0.0.1"]
    assert not TrustedProxies.parse([])


class RemoteIp(tornado.web.RequestHandler):
    def get(self) -> None:
        self.write(self.request.remote_ip)


async def remote_ip_seen(proxies: list[str], headers: dict[str, str]) -> str:
    """``request.remote_ip`` on a GuardedHTTPServer trusting ``proxies``, for a request from here."""
    limits = ServerLimits(trusted_proxies=TrustedProxies.parse(proxies))
    server = GuardedHTTPServer(tornado.web.Application([("/ip", RemoteIp)]), limits=limits)
    sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
    server.add_sockets(sockets)
    try:
        async with httpx.AsyncClient(timeout=5) as client:
            response = await client.get(f"http://127.0.0.1:{sockets[0].getsockname()[1]}/ip", headers=headers)
    finally:
        server.stop()
        await server.close_all_connections()
    return response.text


async def test_forwarded_addresses_are_ignored_unless_the_peer_is_a_trusted_proxy() -> None:
    forged = {"X-Forwarded-For": "203.0.113.9", "X-Real-Ip": "203.0.113.10"}
    assert await remote_ip_seen([], forged) == "127.0.0.1"
    assert await remote_ip_seen(["192.0.2.1"], forged) == "127.0.0.1"  # some other host is the proxy
    assert await remote_ip_seen(["127.0.0.1"], {"X-Forwarded-For": "203.0.113.9"}) == "203.0.113.9"
    assert await remote_ip_seen(["127.0.0.0/8"], {"X-Real-Ip": "203.0.113.10"}) == "203.0.113.10"
    # A client's own X-Forwarded-For comes first; the proxy appends the address it saw: that one counts.
    chain = {"X-Forwarded-For": "6.6.6.6, 203.0.113.9"}
    assert await remote_ip_seen(["127.0.0.1"], chain) == "203.0.113.9"


async def test_brugs_server_logs_the_peer_not_a_forged_address(
    server: WebhookServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="tornado.access")
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{server.port}", timeout=5) as client:
        await client.get("/nothing-here", headers={"X-Forwarded-For": "203.0.113.9"})
    lines = [r.getMessage() for r in caplog.records if r.name == "tornado.access"]
    assert any("(127.0.0.1)" in line for line in lines), lines
    assert not any("203.0.113.9" in line for line in lines)


# ---------------------------------------------------------------- slow senders and many connections


async def test_a_connection_that_never_finishes_its_headers_is_closed(server: WebhookServer) -> None:
    client = await RawClient.connect(server.port)
    await client.send(b"POST /telegram/hook HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")  # and then nothing
    started = time.monotonic()
    assert await client.read_all(timeout=2) == b""  # closed without an answer
    client.close()
    assert time.monotonic() - started < 1.0  # the 0.3 s header timeout, not tornado's hour


async def test_a_connection_that_stops_sending_its_body_is_closed(server: WebhookServer) -> None:
    client = await RawClient.connect(server.port)
    await client.send(request_head("POST", HOOK, Content_Length=1000, **{SECRET_HEADER: SECRET}))
    await client.send(b'{"update_id": ')  # 14 of the 1,000 bytes
    started = time.monotonic()
    assert await client.read_all(timeout=2) == b""
    client.close()
    assert time.monotonic() - started < 1.0


async def test_an_idle_keep_alive_connection_is_closed(server: WebhookServer) -> None:
    client = await RawClient.connect(server.port)
    await client.send(request_head("GET", "/healthz"))
    response = await client.read_all(timeout=2)  # the answer, then the close after 0.3 s of quiet
    client.close()
    assert status_of(response) == 200


async def eventually(condition, timeout: float = 2.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        await asyncio.sleep(0.01)


async def test_connections_beyond_the_cap_are_closed_at_once_and_health_answers_afterwards(
    server: WebhookServer,
) -> None:
    cap = TINY.max_connections
    assert server.http_server is not None
    held = [await RawClient.connect(server.port) for _ in range(cap)]  # each sends nothing: half-open
    await eventually(lambda: server.http_server.open_connections == cap)

    extra = [await RawClient.connect(server.port) for _ in range(3)]
    started = time.monotonic()
    for client in extra:
        assert await client.read_all(timeout=1) == b""  # closed at once, not after the header timeout
        client.close()
    assert time.monotonic() - started < TINY.header_timeout
    assert server.http_server.refused_connections == 3

    for client in held:
        client.close()
    await eventually(lambda: server.http_server.open_connections == 0)
    async with httpx.AsyncClient(timeout=5) as client:
        assert (await client.get(f"http://127.0.0.1:{server.port}/healthz")).status_code == 200


async def test_held_connections_are_freed_by_the_header_timeout(server: WebhookServer) -> None:
    """Half-open connections that are never closed by their client do not keep the server full."""
    held = [await RawClient.connect(server.port) for _ in range(TINY.max_connections)]
    await eventually(lambda: server.http_server.open_connections == TINY.max_connections)
    await eventually(lambda: server.http_server.open_connections == 0, timeout=1.0)
    async with httpx.AsyncClient(timeout=5) as client:
        assert (await client.get(f"http://127.0.0.1:{server.port}/healthz")).status_code == 200
    for client in held:
        client.close()


def test_the_cap_is_lowered_when_the_process_may_not_open_that_many_files(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import resource

    from bot.road import web_limits

    monkeypatch.setattr(resource, "getrlimit", lambda kind: (1024, 4096))
    assert web_limits.effective_max_connections(256) == 256
    with caplog.at_level(logging.WARNING, logger="bot.road.web_limits"):
        assert web_limits.effective_max_connections(5000) == 1024 - web_limits.SPARE_FILE_DESCRIPTORS
    assert "ulimit -n 1024" in caplog.text


# ---------------------------------------------------------------- log lines


async def test_a_flood_of_bad_requests_writes_a_few_lines(bot: BotHarness, caplog) -> None:
    caplog.set_level(logging.WARNING)
    server = await running(bot, ServerLimits(log_lines_per_minute=3))
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{server.port}", timeout=5) as client:
            for _ in range(12):
                response = await client.post(HOOK, content="{}", headers={SECRET_HEADER: "guess"})
                assert response.status_code == 403
    finally:
        await server.stop()
    webhook_lines = [r for r in caplog.records if r.name == "bot.road.webhook"]
    access_lines = [r for r in caplog.records if r.name == "tornado.access"]
    assert len(webhook_lines) == 3, [r.getMessage() for r in webhook_lines]
    assert len(access_lines) == 3


def test_rate_limit_counts_what_it_left_out_and_says_so_in_the_next_minute() -> None:
    now = [0.0]
    limit = RateLimit(2, clock=lambda: now[0])

    def record(ip: str, message: str = "refused from %s") -> logging.LogRecord:
        return logging.LogRecord("bot.road.webhook", logging.WARNING, __file__, 1, message, (ip,), None)

    passed = [limit.filter(record(f"192.0.2.{i}")) for i in range(7)]
    assert passed == [True, True, False, False, False, False, False]
    assert limit.filter(record("x", "another kind %s"))  # each kind of line has its own budget

    now[0] = 61.0
    first = record("192.0.2.99")
    assert limit.filter(first)
    assert first.fields == {"suppressed": 5}
    assert KeyValueFormatter().format(first).endswith("refused from 192.0.2.99 suppressed=5")
    later = record("192.0.2.100")
    assert limit.filter(later) and not hasattr(later, "fields")


async def test_tornado_defaults_would_have_accepted_the_large_body() -> None:
    """The reason for all this: tornado's own HTTPServer answers a 70 KB post only after reading it whole."""
    app = tornado.web.Application([(HOOK, tornado.web.RequestHandler)])
    plain = tornado.httpserver.HTTPServer(app)
    sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
    plain.add_sockets(sockets)
    client = await RawClient.connect(sockets[0].getsockname()[1])
    try:
        await client.send(request_head("POST", HOOK, Content_Length=70 * KB) + b"x" * KB)
        with pytest.raises(TimeoutError):  # still waiting for the remaining 69 KB
            await client.read_all(timeout=0.3)
    finally:
        client.close()
        plain.stop()
        await plain.close_all_connections()
