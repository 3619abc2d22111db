"""Issue 16 item 6, "roles now": a kick, leave or demotion ends the coordinator role at once, in the chat and
on the dashboard; a promotion starts it at once. Telegram tells a bot that administers the group through
``chat_member`` updates (only when ``chat_member`` is in ``allowed_updates``)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from telegram import Update

from bot.config import Settings
from storage.db import Database
from storage.models import Group, Membership
from tests.coordinator_fixtures import group_with_coordinator, member_id
from tests.dashboard_fixtures import DASHBOARD_URL, TOKEN, DashboardServer, init_data, seeded_group
from tests.harness import BotHarness, User, chat_member_json

NOT_A_COORDINATOR = "nog geen coördinator"


@pytest.fixture
def settings(database: Database, request: pytest.FixtureRequest) -> Settings:
    # The test dashboard speaks plain http, and Telegram takes Web App buttons (in /overzicht) over https
    # only: the dashboard is on just for the tests that open it.
    dashboard = {"dashboard_url": DASHBOARD_URL} if "server" in request.fixturenames else {}
    return Settings(
        telegram_token=TOKEN, database_url=database.url, rate_limiter=False, _env_file=None, **dashboard
    )


@pytest.fixture
async def server(bot: BotHarness) -> AsyncIterator[DashboardServer]:
    async with DashboardServer(bot) as running:
        yield running


async def web_login(client: httpx.AsyncClient, base: str, user: User, bot: BotHarness) -> None:
    """What the Web App's script does: GET the page (XSRF cookie), POST Telegram's initData."""
    await client.get(base)
    answer = await client.post(
        f"{base}/auth/webapp", data={"init_data": init_data(user, bot.now()), "confirm": "1"},
        headers={"X-XSRFToken": client.cookies.get("_xsrf", "")},
    )
    assert answer.status_code == 200


async def membership_of(bot: BotHarness, group_id: int, user: User) -> Membership | None:
    rows = await bot.rows(
        Membership, Membership.group_id == group_id, Membership.member_id == await member_id(bot, user)
    )
    return rows[0] if rows else None


async def appoint(bot: BotHarness, chat, coordinator: User, user: User) -> None:
    said = await bot.say(chat, user, "/help")
    await bot.say(chat, coordinator, "/coordinator", reply_to=said.message.to_dict())
    assert "is nu coördinator" in bot.last_text(chat.id)


def admin_lists_fetched(bot: BotHarness) -> int:
    return len([c for c in bot.telegram.calls if c.method == "getChatAdministrators"])


def test_chat_member_updates_are_asked_for_explicitly() -> None:
    """Telegram leaves ``chat_member`` out unless it is listed; Brug lists ``Update.ALL_TYPES`` (webhook and
    polling), which names it."""
    assert {"chat_member", "my_chat_member"} <= set(Update.ALL_TYPES)


async def test_a_kicked_appointed_coordinator_loses_overview_and_dashboard_at_once(
    bot: BotHarness, server: DashboardServer
) -> None:
    seeded = await seeded_group(bot)
    chat, carla, bob = seeded.setting.chat, seeded.coordinator, seeded.bob
    await appoint(bot, chat, carla, bob)
    page = f"{server.base}/commitments?group={seeded.setting.group_id}"
    async with httpx.AsyncClient() as client:
        await web_login(client, server.base, bob, bot)
        assert (await client.get(page)).status_code == 200

        sent_before = len(bot.telegram.calls)
        await bot.change_member(chat, bob, "member", "kicked", by=carla)
        # Quietly: nothing is said anywhere about the kick.
        assert bot.telegram.calls[sent_before:] == []

        # No clock moved on: the very next request finds his session ended, nothing of the group shows.
        refused = await client.get(page)
        assert refused.status_code == 302 and "Soep" not in refused.text
        # Logged in again, he coordinates nothing any more.
        bot.clock.advance(seconds=1)
        await web_login(client, server.base, bob, bot)
        assert (await client.get(page)).status_code == 403
        assert (await client.get(server.base)).status_code == 403
    assert await membership_of(bot, seeded.setting.group_id, bob) is None
    await bot.say(bob, bob, "/overzicht")
    assert NOT_A_COORDINATOR in bot.last_text(bob.id)


async def test_a_demoted_admin_loses_the_role_at_once_though_the_admin_list_was_fresh(
    bot: BotHarness, server: DashboardServer
) -> None:
    carla = bot.user(100, "Carla", started=True)
    dirk = bot.user(104, "Dirk", started=True)
    chat = bot.group(-1001, "De BinnenHaven", admins=[carla, dirk])
    await bot.add_bot_to(chat, by=carla)
    await bot.say(chat, dirk, "/help")
    [group] = await bot.rows(Group)
    dirk_place = await membership_of(bot, group.id, dirk)
    assert dirk_place.is_admin
    # Appointed once, before Telegram made him an admin: the demotion must end that too.
    async with bot.db.unit_of_work() as session:
        (await session.get(Membership, dirk_place.id)).is_appointed_coordinator = True
    page = f"{server.base}/commitments?group={group.id}"
    async with httpx.AsyncClient() as client:
        await web_login(client, server.base, dirk, bot)
        assert (await client.get(page)).status_code == 200
        assert (await bot.rows(Group))[0].admins_refreshed_at == bot.now()  # the list is fresh

        await bot.change_member(chat, dirk, "administrator", "member", by=carla)

        # Even when Telegram cannot be asked right now, the update itself was enough.
        bot.telegram.fail_next("getChatAdministrators", 502, "Bad Gateway")
        await bot.say(dirk, dirk, "/overzicht")
        assert NOT_A_COORDINATOR in bot.last_text(dirk.id)
        # His dashboard session ended with the role (issue 18): back to the login page.
        assert (await client.get(page)).status_code == 302
        # Logged in again, the role is checked afresh: the cached list was forgotten, Telegram is asked.
        fetched = admin_lists_fetched(bot)
        bot.clock.advance(seconds=1)
        await web_login(client, server.base, dirk, bot)
        assert (await client.get(page)).status_code == 403
        assert admin_lists_fetched(bot) == fetched + 1
    dirk_place = await membership_of(bot, group.id, dirk)
    assert (dirk_place.is_admin, dirk_place.is_appointed_coordinator) == (False, False)
    await bot.say(chat, dirk, "/coordinator")
    assert bot.last_text(chat.id) == "Dit kan alleen een coördinator van de groep."
    # Carla (the creator) coordinates as before.
    await bot.say(chat, carla, "/coordinator")
    assert bot.telegram.last("sendMessage", chat.id).button_labels() == ["⭐ Carla", "Dirk"]


async def test_a_member_promoted_to_admin_coordinates_at_once(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna", started=True)
    setting = await group_with_coordinator(bot, members=[anna])
    await bot.say(anna, anna, "/overzicht")
    assert NOT_A_COORDINATOR in bot.last_text(anna.id)

    await bot.change_member(setting.chat, anna, "member", "administrator", by=setting.coordinator)

    bot.telegram.fail_next("getChatAdministrators", 502, "Bad Gateway")
    await bot.say(anna, anna, "/overzicht")
    assert "Overzicht – De BinnenHaven" in bot.last_text(anna.id)
    # Telegram's list (asked again once it answers) agrees, and keeps her.
    await bot.say(setting.chat, anna, "/coordinator")
    assert bot.telegram.last("sendMessage", setting.chat.id).button_labels()[:2] == ["⭐ Anna", "⭐ Carla"]
    assert (await membership_of(bot, setting.group_id, anna)).is_admin is True


async def test_a_member_who_leaves_loses_the_appointment(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna", started=True)
    setting = await group_with_coordinator(bot, members=[anna])
    await appoint(bot, setting.chat, setting.coordinator, anna)
    assert (await membership_of(bot, setting.group_id, anna)).is_appointed_coordinator is True

    await bot.change_member(setting.chat, anna, "member", "left")

    assert await membership_of(bot, setting.group_id, anna) is None
    await bot.say(anna, anna, "/overzicht")
    assert NOT_A_COORDINATOR in bot.last_text(anna.id)
    # Coming back makes her a member again, not a coordinator.
    await bot.change_member(setting.chat, anna, "left", "member")
    back = await membership_of(bot, setting.group_id, anna)
    assert back is not None and back.is_appointed_coordinator is False


async def test_restricted_outside_the_group_counts_as_gone(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna", started=True)
    setting = await group_with_coordinator(bot, members=[anna])
    await appoint(bot, setting.chat, setting.coordinator, anna)

    await bot.change_member(
        setting.chat, anna, "member", "restricted", by=setting.coordinator, is_member=False
    )

    assert await membership_of(bot, setting.group_id, anna) is None


async def test_brug_removed_from_the_group_ends_its_dashboard_at_once(
    bot: BotHarness, server: DashboardServer
) -> None:
    seeded = await seeded_group(bot)
    page = f"{server.base}/commitments?group={seeded.setting.group_id}"
    async with httpx.AsyncClient() as client:
        await web_login(client, server.base, seeded.coordinator, bot)
        assert (await client.get(page)).status_code == 200

        await bot.remove_bot_from(seeded.setting.chat, by=seeded.coordinator)

        refused = await client.get(page)
        assert refused.status_code == 403 and "Soep" not in refused.text


async def test_brug_made_admin_takes_the_admin_list_afresh(bot: BotHarness) -> None:
    """From the moment Brug administers the group Telegram tells it every change; the list it had
    cached may be an hour old, so it is taken again at once."""
    anna = bot.user(101, "Anna", started=True)
    setting = await group_with_coordinator(bot, members=[anna])
    # Anna became an admin while Brug was not told (it was no admin, so no chat_member update).
    bot.telegram.administrators[setting.chat.id].append(chat_member_json(anna.json(), "administrator"))
    await bot.feed(bot.updates.my_chat_member(setting.chat, setting.coordinator, "member", "administrator"))
    assert (await membership_of(bot, setting.group_id, anna)).is_admin is True
