"""Issue 19: the public page on a phone, in headless Debian Chromium — read and "ik kom ook" with JavaScript
switched off (an old phone, a careful browser), and an accessibility check with axe-core on every page.

Screenshots of the phone screen go to ``docs/neighbourhood-*.png`` with ``BRUG_WRITE_SCREENSHOTS=1``.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright import async_api as playwright_api

from bot.road.webhook import WebhookServer
from storage.models import Group, NeighbourSignup
from tests.action_steps import make_cast
from tests.harness import BotHarness
from tests.test_dashboard_browser import DOCS, PHONE, chromium
from tests.test_neighbourhood import settings, shown_to_the_neighbourhood  # noqa: F401 (the fixture)

pytestmark = pytest.mark.slow


@pytest.fixture
async def base(bot: BotHarness) -> AsyncIterator[str]:
    server = WebhookServer(bot.app, secret=None, path=None, listen="127.0.0.1", port=0)
    port = await server.start()
    yield f"http://127.0.0.1:{port}/buurt"
    await server.stop()


@pytest.fixture
async def browser() -> AsyncIterator:
    async with playwright_api.async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox", "--disable-gpu"])
        yield launched
        await launched.close()


async def screenshot(page, name: str, db_kind: str) -> None:
    image = await page.screenshot(full_page=True)
    assert image.startswith(b"\x89PNG") and len(image) > 10_000
    if db_kind == "sqlite" and os.environ.get("BRUG_WRITE_SCREENSHOTS") == "1":
        (DOCS / f"neighbourhood-{name}.png").write_bytes(image)


async def no_violations(page) -> None:
    results = await Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


async def test_a_neighbour_reads_the_page_and_says_ik_kom_ook_without_javascript(
    bot: BotHarness, base: str, browser, db_kind: str
) -> None:
    cast = await make_cast(bot)
    async with bot.db.unit_of_work() as session:
        [group] = await bot.rows(Group)
        stored = await session.get(Group, group.id)
        stored.profile_about = "Wij wonen samen in De BinnenHaven en zijn er voor elkaar en voor de buurt."
        stored.profile_place = "Aan het Plein, naast de bakker"
        stored.profile_join = "Kom op dinsdag om 10 uur koffie drinken."
    action, token = await shown_to_the_neighbourhood(bot, cast)

    phone = await browser.new_context(viewport=PHONE, locale="nl-NL", java_script_enabled=False)
    page = await phone.new_page()
    await page.goto(f"{base}/a/{token}")
    assert await page.locator("h1#title").inner_text() == "Soep koken voor de straat"
    assert "zaterdag 5 december" in await page.locator("#when").inner_text()
    await screenshot(page, "page", db_kind)
    await page.get_by_label("Je voornaam").fill("Riet")
    await page.get_by_label("Hoe kunnen we je bereiken?").fill("06 12345678")
    await page.get_by_label("Ik vind het goed").check()
    await page.get_by_role("button", name="Ik kom ook").click()
    assert await page.locator("#thanks").inner_text() == "Fijn dat je komt, Riet!"
    assert "1 buur komt ook" in await page.locator("#coming").inner_text()
    await screenshot(page, "thanks", db_kind)
    [signup] = await bot.rows(NeighbourSignup)
    assert signup.first_name == "Riet" and signup.contact == "06 12345678"
    assert "+1 buur komt ook" in bot.telegram.last("editMessageText", cast.group.id).text

    # "Toch niet" from the thank-you page, also without JavaScript.
    await page.get_by_role("button", name="Ik kom toch niet").click()
    assert "niet meer bij" in await page.locator("#taken-back").inner_text()
    await phone.close()


async def test_every_public_page_passes_axe(bot: BotHarness, base: str, browser) -> None:
    cast = await make_cast(bot)
    _action, token = await shown_to_the_neighbourhood(bot, cast)
    [group] = await bot.rows(Group)
    # axe runs as a script; the pages forbid scripts of their own, so the test's context lifts the policy.
    checker = await browser.new_context(viewport=PHONE, locale="nl-NL", bypass_csp=True)
    page = await checker.new_page()
    for path in (f"/a/{token}", f"/a/{token}?lang=en", f"/g/{group.public_token}", "/a/" + "x" * 32):
        await page.goto(base + path)
        await no_violations(page)
    await page.goto(f"{base}/a/{token}")
    await page.get_by_role("button", name="Ik kom ook").click()
    await page.wait_for_selector("#thanks")
    await no_violations(page)
    # A mistake's page (a link typed) too: the message is announced (role=alert) and the field keeps it.
    await page.goto(f"{base}/a/{token}")
    await page.get_by_label("Je voornaam").fill("www.spam.nl")
    await page.get_by_role("button", name="Ik kom ook").click()
    await page.wait_for_selector("#problem")
    assert await page.get_by_label("Je voornaam").input_value() == "www.spam.nl"
    await no_violations(page)
    await checker.close()
