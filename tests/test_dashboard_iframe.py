"""Issue 18: the dashboard logs in inside Telegram Web — a cross-site iframe over https — in real Chromium.

Telegram Web (https://web.telegram.org) shows a Mini App in an iframe of its own site; the dashboard lives on
another site. A ``SameSite=Lax`` cookie is never sent in such a frame, so the login went round in circles.
This test builds the real situation on one machine:

- two https sites, ``web.telegram.org`` (a stand-in page holding the iframe, as Telegram Web does) and
  ``brug.example`` (Brug's own web server, the dashboard URL https), with one self-signed certificate;
- Chromium reaches both through a small CONNECT proxy on loopback, so each is on port 443 of its own
  host name, as the page's ``frame-ancestors https://web.telegram.org`` requires;
- the coordinator confirms "Ja, dat ben ik" inside the frame, sees the lists, and marks a commitment done
  (a POST that needs the XSRF cookie, also cross-site).

A second test puts the older cookies back — ``Lax``, and ``SameSite=None`` without ``Partitioned`` — and shows
the login then fails in the same frame: the test catches the bug.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import quote

import pytest
import tornado.web
from playwright import async_api as playwright_api

from bot.config import Settings
from bot.dashboard import web as dashboard_web
from bot.road.webhook import WebhookServer
from bot.road.web_limits import GuardedHTTPServer
from storage.db import Database
from bot.dashboard.auth import SESSION_COOKIE
from tests.dashboard_fixtures import TOKEN, init_data, seeded_group
from tests.harness import BotHarness
from tests.test_dashboard_browser import PHONE, chromium

pytestmark = pytest.mark.slow

TELEGRAM_WEB = "web.telegram.org"
BRUG_SITE = "brug.example"


@pytest.fixture
def settings(database: Database) -> Settings:
    return Settings(
        telegram_token=TOKEN, database_url=database.url, rate_limiter=False,
        dashboard_url=f"https://{BRUG_SITE}/dashboard", _env_file=None,
    )


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> ssl.SSLContext:
    """One self-signed certificate for both host names (the browser is told to accept it)."""
    folder: Path = tmp_path_factory.mktemp("tls")
    key, certificate = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(key), "-out", str(certificate), "-subj", f"/CN={BRUG_SITE}",
         "-addext", f"subjectAltName=DNS:{BRUG_SITE},DNS:{TELEGRAM_WEB}"],
        check=True, capture_output=True,
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certificate, key)
    return context


class TelegramWebPage(tornado.web.RequestHandler):
    """What Telegram Web does with a Web App button: an iframe of the Mini App's URL, tgWebAppData in the hash."""

    def initialize(self, frame_url: list[str]) -> None:
        self.frame_url = frame_url

    def get(self) -> None:
        self.write(
            "<!doctype html><title>Telegram</title>"
            f'<iframe id="webapp" src="{tornado.escape.xhtml_escape(self.frame_url[0])}" '
            'style="width:390px;height:800px"></iframe>'
        )


async def serve_tls(application: tornado.web.Application, limits, context: ssl.SSLContext):
    server = GuardedHTTPServer(application, limits=limits, ssl_options=context)
    sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
    server.add_sockets(sockets)
    return server, sockets[0].getsockname()[1]


async def connect_proxy(ports: dict[str, int]) -> tuple[asyncio.AbstractServer, int]:
    """An HTTP CONNECT proxy that sends ``host:443`` to the local port serving that host, and nothing else."""

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError, asyncio.CancelledError):
            while chunk := await reader.read(65536):
                writer.write(chunk)
                await writer.drain()
        writer.close()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        method, target, _ = head.split(b"\r\n", 1)[0].decode().split(" ", 2)
        host, _, port = target.rpartition(":")
        if method != "CONNECT" or port != "443" or host not in ports:
            writer.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            await writer.drain()
            writer.close()
            return
        upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", ports[host])
        writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        await writer.drain()
        await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


@pytest.fixture
def cookie_rules(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Today's cookie attributes, or (parametrized) older ones, in place before the web server is built."""
    older = getattr(request, "param", None)
    if older is not None:
        monkeypatch.setattr(dashboard_web, "cookie_attributes", lambda secure: older)


@pytest.fixture
async def telegram_web(bot: BotHarness, tls: ssl.SSLContext, cookie_rules: None) -> AsyncIterator[dict]:
    """Both https sites and the proxy; yields the browser frame to drive and where to point the iframe."""
    brug = WebhookServer(bot.app, secret=None, path=None, listen="127.0.0.1", port=0)
    brug_server, brug_port = await serve_tls(brug.web_app, brug.limits, tls)
    frame_url: list[str] = [""]
    telegram = tornado.web.Application([(r"/k/", TelegramWebPage, {"frame_url": frame_url})])
    telegram_server, telegram_port = await serve_tls(telegram, brug.limits, tls)
    proxy, proxy_port = await connect_proxy({BRUG_SITE: brug_port, TELEGRAM_WEB: telegram_port})
    async with playwright_api.async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium(),
            args=["--no-sandbox", "--disable-gpu"],
            proxy={"server": f"http://127.0.0.1:{proxy_port}"},
        )
        context = await browser.new_context(viewport=PHONE, locale="nl-NL", ignore_https_errors=True)
        page = await context.new_page()
        yield {"page": page, "context": context, "frame_url": frame_url}
        await browser.close()
    proxy.close()
    for server in (brug_server, telegram_server):
        server.stop()
        await server.close_all_connections()


async def open_in_telegram_web(bot: BotHarness, telegram_web: dict, *, confirm: bool = True):
    seeded = await seeded_group(bot)
    data = init_data(seeded.coordinator, bot.now())
    telegram_web["frame_url"][0] = (
        f"https://{BRUG_SITE}/dashboard?group={seeded.setting.group_id}"
        f"#tgWebAppData={quote(data, safe='')}&tgWebAppVersion=8.0&tgWebAppPlatform=weba"
    )
    page = telegram_web["page"]
    await page.goto(f"https://{TELEGRAM_WEB}/k/")
    frame = page.frame_locator("#webapp")
    if not confirm:
        return frame
    await frame.locator("#login-confirm:not([hidden])").wait_for()
    assert await frame.locator("#login-name").inner_text() == seeded.coordinator.first_name
    await frame.get_by_role("button", name="Ja, dat ben ik").click()
    return frame


async def test_inside_telegram_web_the_coordinator_logs_in_and_marks_done(
    bot: BotHarness, telegram_web: dict
) -> None:
    frame = await open_in_telegram_web(bot, telegram_web)
    await frame.locator("#commitments").wait_for(timeout=10_000)
    rows = frame.locator("#commitments > li")
    assert await rows.count() == 3
    await rows.nth(0).get_by_role("button", name="✅ Gedaan").click()  # a POST: the XSRF cookie crossed too
    await frame.locator("#notice").wait_for()
    assert await frame.locator('#commitments > li[data-status="late"]').count() == 0

    cookies = await telegram_web["context"].cookies(f"https://{BRUG_SITE}/dashboard")
    assert {c["name"] for c in cookies} >= {"_xsrf", SESSION_COOKIE}
    assert all(c["sameSite"] == "None" and c["secure"] and c["httpOnly"] for c in cookies)

    # Logging out inside the frame clears the partitioned session cookie too (a clear must carry the flag).
    await frame.get_by_role("button", name="Uitloggen").click()
    await frame.locator("#login").wait_for()
    left = await telegram_web["context"].cookies(f"https://{BRUG_SITE}/dashboard")
    assert SESSION_COOKIE not in {c["name"] for c in left}


@pytest.mark.parametrize(
    "cookie_rules",
    [
        pytest.param({"secure": True, "samesite": "Lax"}, id="lax-as-before-issue-18"),
        pytest.param({"secure": True, "samesite": "None"}, id="none-without-partitioned"),
    ],
    indirect=True,
)
async def test_with_older_cookies_the_login_in_telegram_web_goes_nowhere(
    bot: BotHarness, telegram_web: dict
) -> None:
    """The bug as it was: such cookies never reach Brug from Telegram Web's frame, so no list ever shows
    (Chromium also drops a third-party ``SameSite=None`` cookie that is not ``Partitioned``): the XSRF
    cookie never comes back, so even "whose initData is this?" is refused and no list ever shows."""
    frame = await open_in_telegram_web(bot, telegram_web, confirm=False)
    await frame.locator("#login").wait_for()  # the page itself loads in the frame
    with pytest.raises(playwright_api.TimeoutError):
        await frame.locator("#login-confirm:not([hidden]), #commitments").first.wait_for(timeout=5_000)
    assert await telegram_web["context"].cookies(f"https://{BRUG_SITE}/dashboard") == []
