"""Issue 10: the dashboard in headless Debian Chromium (Playwright), against Brug's real web server.

Needs ``/usr/bin/chromium`` (``apt-get install chromium``; ``.ci/run`` installs it). Screenshots of a phone
screen in Dutch are written to ``docs/dashboard-*.png`` for the README.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright import async_api as playwright_api

from bot.config import Settings
from storage.db import Database
from tests.dashboard_fixtures import DASHBOARD_URL, TOKEN, DashboardServer, init_data, seeded_group
from tests.harness import BotHarness
from tests.system_programs import needed_program

CHROMIUM = "/usr/bin/chromium"
DOCS = Path(__file__).resolve().parent.parent / "docs"
PHONE = {"width": 390, "height": 844}

def chromium() -> str:
    """Debian's Chromium (with an emoji font for the screenshots), installed when missing and possible."""
    return needed_program(CHROMIUM, ["chromium", "fonts-noto-color-emoji"])


@pytest.fixture
def settings(database: Database) -> Settings:
    return Settings(
        telegram_token=TOKEN, database_url=database.url, rate_limiter=False,
        dashboard_url=DASHBOARD_URL, _env_file=None,
    )


@pytest.fixture
async def server(bot: BotHarness) -> AsyncIterator[DashboardServer]:
    async with DashboardServer(bot) as running:
        yield running


@pytest.fixture
async def page(db_kind: str) -> AsyncIterator:
    """A phone-sized Dutch page in headless Chromium; CSP violations and script errors are collected."""
    async with playwright_api.async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium(), args=["--no-sandbox", "--disable-gpu"]
        )
        context = await browser.new_context(viewport=PHONE, locale="nl-NL", device_scale_factor=1)
        opened = await context.new_page()
        opened.problems = []
        opened.on("console", lambda m: m.type == "error" and opened.problems.append(m.text))
        opened.on("pageerror", lambda e: opened.problems.append(str(e)))
        opened.db_kind = db_kind
        yield opened
        await browser.close()


async def screenshot(page, name: str) -> None:
    """Every run takes the screenshot (the page must render); the README's copies in docs/ are
    refreshed only on request — BRUG_WRITE_SCREENSHOTS=1 — so a test run leaves the tree as it was."""
    image = await page.screenshot(full_page=True)
    assert image.startswith(b"\x89PNG") and len(image) > 10_000
    if page.db_kind == "sqlite" and os.environ.get("BRUG_WRITE_SCREENSHOTS") == "1":
        (DOCS / f"dashboard-{name}.png").write_bytes(image)


def telegram_url(server: DashboardServer, group_id: int, data: str) -> str:
    """The URL the Telegram client opens for a Web App button: initData in the hash as tgWebAppData."""
    return (
        f"{server.base}?group={group_id}"
        f"#tgWebAppData={quote(data, safe='')}&tgWebAppVersion=8.0&tgWebAppPlatform=android"
    )


async def test_inside_telegram_the_coordinator_sees_lists_and_charts(
    bot: BotHarness, server: DashboardServer, page
) -> None:
    seeded = await seeded_group(bot)
    gid = seeded.setting.group_id
    await page.goto(telegram_url(server, gid, init_data(seeded.coordinator, bot.now())))
    # Whose initData this is, and "Ja, dat ben ik" before a session is made (issue 18: login CSRF).
    await page.wait_for_selector("#login-confirm:not([hidden])")
    assert await page.locator("#login-name").inner_text() == seeded.coordinator.first_name
    await page.get_by_role("button", name="Ja, dat ben ik").click()
    await page.wait_for_selector("#commitments")
    rows = page.locator("#commitments > li")
    assert await rows.count() == 3
    assert "Pannen <lenen>" in await rows.nth(0).inner_text()  # overdue first, escaped, shown as typed
    assert await rows.nth(0).get_attribute("data-status") == "late"
    await screenshot(page, "commitments")

    # Mark the overdue one done as the coordinator.
    await rows.nth(0).get_by_role("button", name="✅ Gedaan").click()
    await page.wait_for_selector("#notice")
    assert await page.locator('#commitments > li[data-status="late"]').count() == 0

    await page.get_by_role("link", name="Acties").click()
    await page.wait_for_selector("#actions")
    garden = page.locator("#actions > li", has_text="Moestuin met de school")
    assert await garden.locator('[data-covered="yes"]').count() == 5
    assert await garden.locator('[data-block="hier_en_nu"]').get_attribute("data-covered") == "no"
    await screenshot(page, "actions")

    await page.get_by_role("link", name="Partners").click()
    assert "Buurthuis De Linde" in await page.locator("#shortlist").inner_text()
    assert "wijkregisseur" in await page.locator("#key-figures").inner_text()

    await page.get_by_role("link", name="Agenda").click()
    assert "Kerstmarkt op het plein" in await page.locator("#upcoming").inner_text()
    assert "Buurtfeest" in await page.locator("#pipeline").inner_text()

    await page.get_by_role("link", name="Beweging").click()
    # wait_for_function would poll with eval(), which the page's Content-Security-Policy forbids.
    await page.wait_for_selector("body[data-charts='2']")
    for chart in ("chart-actions", "chart-people"):
        painted = await page.evaluate(
            """(id) => {
                const canvas = document.getElementById(id);
                const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                let painted = 0;
                for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) painted++; }
                return painted;
            }""",
            chart,
        )
        assert painted > 1000, chart
    assert await page.evaluate("window.brugCharts[0].data.datasets.map(d => d.label)") == [
        "Voorgesteld", "Lopend", "Gedaan",
    ]
    await screenshot(page, "movement")
    assert page.problems == []  # no script errors, nothing blocked by the Content-Security-Policy


async def test_forged_init_data_shows_nothing_of_the_group(
    bot: BotHarness, server: DashboardServer, page
) -> None:
    seeded = await seeded_group(bot)
    gid = seeded.setting.group_id
    forged = init_data(seeded.coordinator, bot.now(), token="999:OTHER")
    await page.goto(telegram_url(server, gid, forged))
    await page.wait_for_selector("#login-refused", state="visible")
    body = await page.locator("body").inner_text()
    assert "Dat lukte niet" in body
    assert "Soep" not in body and "Pannen" not in body
    await page.goto(f"{server.base}/commitments?group={gid}")
    assert "Soep" not in await page.locator("body").inner_text()


async def test_in_a_browser_the_coordinator_logs_in_through_telegram(
    bot: BotHarness, server: DashboardServer, page
) -> None:
    seeded = await seeded_group(bot)
    await page.goto(server.base)
    # Looking writes nothing; the button makes the link (issue 18).
    await page.get_by_role("button", name="Inloggen via Telegram").click()
    await page.wait_for_selector("#login-link")
    link = await page.get_by_role("button", name="Inloggen via Telegram").get_attribute("href")
    assert link.startswith("https://t.me/brug_test_bot?start=web_")
    await screenshot(page, "login")

    # The member taps the link: Telegram sends /start web_<nonce>, Brug asks, the member says "Ja".
    await bot.start_private(seeded.coordinator, link.split("start=")[1])
    await bot.press(seeded.coordinator, bot.telegram.last("sendMessage", seeded.coordinator.id), "Ja, inloggen")

    # The page was polling: it reloads into the group's dashboard.
    await page.wait_for_selector("#commitments", timeout=10_000)
    assert "Soep rondbrengen" in await page.locator("#commitments").inner_text()
    assert page.problems == []

