"""Issue 10: what the dashboard shows — movement over time, commitments, actions — and the Telegram side
(the Web App button in /overzicht, logging in to a browser through a deep link)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime

import httpx
import pytest
from sqlalchemy import select

from bot.config import Settings
from bot.dashboard import data, logins
from bot.domain.members import Person, new_member
from storage.db import Database
from storage.models import Commitment, DashboardLogin, Group
from tests.dashboard_fixtures import DASHBOARD_URL, TOKEN, DashboardServer, deep_link_login_page, seeded_group
from tests.harness import BotHarness


@pytest.fixture
def settings(database: Database) -> Settings:
    return Settings(
        telegram_token=TOKEN, database_url=database.url, rate_limiter=False,
        dashboard_url=DASHBOARD_URL, _env_file=None,
    )


async def group_row(bot: BotHarness, group_id: int) -> Group:
    [group] = await bot.rows(Group, Group.id == group_id)
    return group


# ---------------------------------------------------------------- movement over time


async def test_movement_per_month_counts_actions_people_reach_and_partners(bot: BotHarness) -> None:
    seeded = await seeded_group(bot)
    # Brug joined the group in October, so the chart starts there.
    async with bot.db.unit_of_work() as session:
        group = await session.get(Group, seeded.setting.group_id)
        group.created_at = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
    async with bot.db.sessionmaker() as session:
        group = await session.get(Group, seeded.setting.group_id)
        figures = await data.movement(session, group, bot.now())

    by_month = {f.month: f for f in figures}
    assert sorted(by_month) == [date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1)]
    october, november, december = (by_month[m] for m in sorted(by_month))
    # October: the garden proposed and running; Carla proposed, Bob committed.
    assert (october.proposed, october.running, october.done) == (1, 1, 0)
    assert october.members == 2
    # November: the soup proposed and running, the garden running until it was done (reach 12).
    assert (november.proposed, november.running, november.done) == (1, 2, 1)
    assert november.reach == 12
    assert november.members == 2  # Bob proposed and committed, Dirk supported and committed
    # December: litter picking proposed, the soup still running; Dirk proposed, Bob supported.
    assert (december.proposed, december.running, december.done) == (1, 1, 0)
    assert december.members == 2 and december.reach == 0


async def test_movement_counts_partners_involved_per_month(bot: BotHarness) -> None:
    seeded = await seeded_group(bot)
    gid = seeded.setting.group_id
    from storage.models import Action, Partner

    [linde] = await bot.rows(Partner, Partner.name == "Buurthuis De Linde")
    [soup] = await bot.rows(Action, Action.title == "Soep koken voor de buren")
    async with bot.db.unit_of_work() as session:
        (await session.get(Action, soup.id)).partner_id = linde.id
        (await session.get(Group, gid)).created_at = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
    async with bot.db.sessionmaker() as session:
        figures = await data.movement(session, await session.get(Group, gid), bot.now())
    # The soup (with De Linde) was proposed in November and still runs in December.
    assert [f.partners for f in figures] == [0, 1, 1]


def test_months_follow_the_groups_time_zone() -> None:
    # 31 December 23:30 UTC is already January in Amsterdam.
    moment = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    assert data.recent_months(moment, "Europe/Amsterdam", 2) == [date(2026, 12, 1), date(2027, 1, 1)]
    figures = data.movement_per_month(
        [date(2026, 12, 1), date(2027, 1, 1)],
        [data.ActionFacts("proposed", moment, None, None, None, None)],
        [(1, moment)],
        "Europe/Amsterdam",
    )
    assert [(f.proposed, f.members) for f in figures] == [(0, 0), (1, 1)]


# ---------------------------------------------------------------- commitments and actions


async def test_commitments_overdue_first_and_filters_combine(bot: BotHarness) -> None:
    seeded = await seeded_group(bot)
    async with bot.db.sessionmaker() as session:
        group = await session.get(Group, seeded.setting.group_id)
        page = await data.commitments_page(session, group, data.CommitmentFilter(), bot.now())
        assert [r.what for r in page.rows] == ["Pannen <lenen>", "Soep rondbrengen", "Zaden halen"]
        assert [r.status for r in page.rows] == ["late", "open", "done"]
        assert page.late_count == 1
        bobs_open = await data.commitments_page(
            session, group, data.CommitmentFilter.parse("open", "", str(seeded.bob_id), "due"), bot.now()
        )
        assert [r.what for r in bobs_open.rows] == ["Soep rondbrengen"]
    assert data.CommitmentFilter.parse("weird", "x", "99999999999", "drop") == data.CommitmentFilter()


async def test_actions_show_their_building_blocks(bot: BotHarness) -> None:
    seeded = await seeded_group(bot)
    async with bot.db.sessionmaker() as session:
        rows = await data.actions_page(session, await session.get(Group, seeded.setting.group_id))
    by_title = {row.action.title: row for row in rows}
    garden = by_title["Moestuin met de school"]
    assert garden.blocks == {
        "samen": True, "eenvoudig": True, "kort": True, "besmettelijk": True, "hier_en_nu": False,
        "wederkerig": True,
    }
    assert by_title["Soep koken voor de buren"].blocks["hier_en_nu"] is True
    assert by_title["Soep koken voor de buren"].supporters == 1
    assert [row.action.state for row in rows][-1] == "done"  # open actions first


# ---------------------------------------------------------------- mark done over HTTP


@pytest.fixture
async def server(bot: BotHarness) -> AsyncIterator[DashboardServer]:
    async with DashboardServer(bot) as running:
        yield running


async def test_the_coordinator_marks_a_commitment_done(bot: BotHarness, server: DashboardServer) -> None:
    from tests.dashboard_fixtures import init_data

    seeded = await seeded_group(bot)
    [late] = await bot.rows(Commitment, Commitment.what == "Pannen <lenen>")
    gid = seeded.setting.group_id
    async with httpx.AsyncClient() as client:
        await client.get(server.base)
        xsrf = {"X-XSRFToken": client.cookies.get("_xsrf", "")}
        await client.post(
            f"{server.base}/auth/webapp",
            data={"init_data": init_data(seeded.coordinator, bot.now()), "confirm": "1"}, headers=xsrf,
        )
        done = await client.post(
            f"{server.base}/commitments/done?group={gid}",
            data={"commitment": str(late.id), "status": "late", "sort": "urgent"}, headers=xsrf,
        )
        assert done.status_code == 302 and "notice=done" in done.headers["location"]
        page = await client.get(server.base.rsplit("/dashboard", 1)[0] + done.headers["location"])
        # Another group's commitment id: refused without a change.
        other = await client.post(
            f"{server.base}/commitments/done?group={seeded.other_group_id}",
            data={"commitment": str(late.id)}, headers=xsrf,
        )
    assert "Afgevinkt" in page.text and "Pannen" not in page.text  # the late list is empty now
    [stored] = await bot.rows(Commitment, Commitment.id == late.id)
    assert stored.status == "done" and stored.done_at == bot.now()
    assert other.status_code == 403


# ---------------------------------------------------------------- Telegram side


async def test_overview_has_a_web_app_button_to_the_dashboard(bot: BotHarness) -> None:
    bot.app.bot_data["services"].settings = bot.app.bot_data["services"].settings.model_copy(
        update={"dashboard_url": "https://brug.example.nl/dashboard"}
    )
    seeded = await seeded_group(bot)
    await bot.say(seeded.coordinator, seeded.coordinator, "/overzicht")
    call = bot.telegram.last("sendMessage", seeded.coordinator.id)
    [button] = [b for row in call.buttons() for b in row if "web_app" in b]
    assert button["text"] == "📊 Dashboard"
    assert button["web_app"] == {"url": f"https://brug.example.nl/dashboard?group={seeded.setting.group_id}"}


async def test_no_dashboard_button_without_a_dashboard_url(bot: BotHarness) -> None:
    bot.app.bot_data["services"].settings = bot.app.bot_data["services"].settings.model_copy(
        update={"dashboard_url": None}
    )
    seeded = await seeded_group(bot)
    await bot.say(seeded.coordinator, seeded.coordinator, "/overzicht")
    assert "📊 Dashboard" not in bot.telegram.last("sendMessage", seeded.coordinator.id).button_labels()


async def test_an_http_dashboard_url_gives_no_button_and_is_said_at_start(bot: BotHarness) -> None:
    """Issue 18: Telegram refuses Web App buttons without https; with an http:// address /overzicht still
    arrives (without the button) and ``brug run`` says why at start."""
    from bot.cli import DASHBOARD_NOT_HTTPS, startup_warnings

    settings = bot.app.bot_data["services"].settings.model_copy(update={"dashboard_url": "http://brug.example.nl/d"})
    bot.app.bot_data["services"].settings = settings
    seeded = await seeded_group(bot)
    await bot.say(seeded.coordinator, seeded.coordinator, "/overzicht")
    overview = bot.telegram.last("sendMessage", seeded.coordinator.id)
    assert "Overzicht" in overview.text and "📊 Dashboard" not in overview.button_labels()
    assert startup_warnings(settings) == [DASHBOARD_NOT_HTTPS]
    https = settings.model_copy(update={"dashboard_url": "https://brug.example.nl/d"})
    assert startup_warnings(https) == []


async def test_fake_telegram_refuses_web_app_buttons_in_groups_and_over_http(bot: BotHarness) -> None:
    from telegram import InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo
    from telegram.error import BadRequest

    def keyboard(url: str) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup([[InlineKeyboardButton("x", web_app=WebAppInfo(url))]])

    bot.telegram.started_users.add(101)
    with pytest.raises(BadRequest):
        await bot.app.bot.send_message(-1001, "hoi", reply_markup=keyboard("https://brug.example.nl"))
    with pytest.raises(BadRequest):
        await bot.app.bot.send_message(101, "hoi", reply_markup=keyboard("http://brug.example.nl"))
    await bot.app.bot.send_message(101, "hoi", reply_markup=keyboard("https://brug.example.nl"))


async def test_browser_login_through_a_deep_link(bot: BotHarness, server: DashboardServer) -> None:
    seeded = await seeded_group(bot)
    async with httpx.AsyncClient() as client:
        login_page = await deep_link_login_page(client, server.base)
        assert "Inloggen via Telegram" in login_page.text
        link = login_page.text.split('id="login-link" role="button" href="')[1].split('"')[0]
        assert link.startswith("https://t.me/brug_test_bot?start=web_")
        nonce = link.split("start=web_")[1]
        assert len(f"web_{nonce}") <= 64
        assert (await client.get(f"{server.base}/login/status")).json() == {"state": "waiting"}

        await bot.start_private(seeded.coordinator, f"web_{nonce}")
        question = bot.telegram.last("sendMessage", seeded.coordinator.id)
        assert "Inloggen op het dashboard" in question.text
        assert logins.login_code(nonce) in question.text and logins.login_code(nonce) in login_page.text
        await bot.press(seeded.coordinator, question, "Ja, inloggen")
        assert "Gelukt" in bot.telegram.message(seeded.coordinator.id, question.message_id)["text"]

        assert (await client.get(f"{server.base}/login/status")).json() == {"state": "done"}
        page = await client.get(server.base, follow_redirects=True)
        assert "Soep rondbrengen" in page.text
    # Only a hash is stored, and the login is used up.
    [stored] = await bot.rows(DashboardLogin)
    assert stored.nonce_hash == logins.nonce_hash(nonce) and nonce not in stored.nonce_hash
    assert stored.status == "used"
    await bot.start_private(seeded.coordinator, f"web_{nonce}")
    assert "verlopen of al gebruikt" in bot.last_text(seeded.coordinator.id)


async def test_browser_login_refused_for_no_and_for_a_plain_member(
    bot: BotHarness, server: DashboardServer
) -> None:
    seeded = await seeded_group(bot)
    async with httpx.AsyncClient() as carla_browser, httpx.AsyncClient() as bob_browser:
        for client, user, label, answer in (
            (carla_browser, seeded.coordinator, "Nee", "niet ingelogd"),
            (bob_browser, seeded.bob, "Ja, inloggen", "coördineert nu geen groep"),
        ):
            page = await deep_link_login_page(client, server.base)
            nonce = page.text.split("start=web_")[1].split('"')[0]
            await bot.start_private(user, f"web_{nonce}")
            question = bot.telegram.last("sendMessage", user.id)
            await bot.press(user, question, label)
            assert answer in bot.telegram.message(user.id, question.message_id)["text"]
            assert (await client.get(f"{server.base}/login/status")).json() == {"state": "declined"}


async def test_someone_else_cannot_answer_anothers_login_question(
    bot: BotHarness, server: DashboardServer
) -> None:
    seeded = await seeded_group(bot)
    async with httpx.AsyncClient() as client:
        page = await deep_link_login_page(client, server.base)
        nonce = page.text.split("start=web_")[1].split('"')[0]
        await bot.start_private(seeded.bob, f"web_{nonce}")
        question = bot.telegram.last("sendMessage", seeded.bob.id)
        # Carla opens the same link: it already belongs to Bob's question.
        await bot.start_private(seeded.coordinator, f"web_{nonce}")
        assert "verlopen of al gebruikt" in bot.last_text(seeded.coordinator.id)
        login_id = question.buttons()[0][0]["callback_data"].split(":")[2]
        await bot.press_data(seeded.coordinator, question, f"dash:yes:{login_id}")
        assert (await client.get(f"{server.base}/login/status")).json() == {"state": "waiting"}


async def test_a_deep_link_login_expires_after_ten_minutes(bot: BotHarness, server: DashboardServer) -> None:
    seeded = await seeded_group(bot)
    async with httpx.AsyncClient() as client:
        page = await deep_link_login_page(client, server.base)
        nonce = page.text.split("start=web_")[1].split('"')[0]
        bot.clock.advance(minutes=11)
        await bot.start_private(seeded.coordinator, f"web_{nonce}")
        assert "verlopen" in bot.last_text(seeded.coordinator.id)
        assert (await client.get(f"{server.base}/login/status")).json() == {"state": "expired"}


async def test_a_long_list_of_commitments_comes_in_pages(bot: BotHarness, server: DashboardServer) -> None:
    from tests.dashboard_fixtures import init_data

    seeded = await seeded_group(bot)
    async with bot.db.unit_of_work() as session:
        [soep] = [c for c in (await session.scalars(select(Commitment))).all() if c.what == "Soep rondbrengen"]
        for number in range(120):
            member = new_member(Person(5000 + number, f"Lid {number}"), bot.now())
            session.add(member)
            await session.flush()
            session.add(Commitment(
                action_id=soep.action_id, member_id=member.id, what=f"Taak {number}", status="done",
                due_on=date(2026, 11, 1), created_at=bot.now(), updated_at=bot.now(),
            ))
    async with bot.db.sessionmaker() as session:
        group = await session.get(Group, seeded.setting.group_id)
        first = await data.commitments_page(session, group, data.CommitmentFilter(), bot.now())
        last = await data.commitments_page(session, group, data.CommitmentFilter(), bot.now(), page=99)
    assert (first.paging.page, first.paging.pages, first.paging.total) == (0, 3, 123)
    assert len(first.rows) == data.PAGE_SIZE and first.rows[0].status == "late"  # overdue first
    assert (last.paging.page, len(last.rows)) == (2, 23)

    # On the page: the second page, with the filter kept in the links to its neighbours.
    async with httpx.AsyncClient() as client:
        await client.get(server.base)
        xsrf = {"X-XSRFToken": client.cookies.get("_xsrf", "")}
        await client.post(
            f"{server.base}/auth/webapp",
            data={"init_data": init_data(seeded.coordinator, bot.now()), "confirm": "1"}, headers=xsrf,
        )
        second = await client.get(f"{server.base}/commitments?group={group.id}&sort=member&page=2")
    assert second.status_code == 200
    assert "Pagina 2 van 3 (123 toezeggingen)" in second.text
    assert second.text.count("data-commitment=") == data.PAGE_SIZE
    assert "page=1" in second.text and "page=3" in second.text and "sort=member" in second.text
    assert "‹ Vorige" in second.text and "Volgende ›" in second.text


async def test_looking_at_the_login_page_writes_nothing(bot: BotHarness, server: DashboardServer) -> None:
    """Issue 18: every anonymous GET /dashboard wrote a login row (~105/s from one client). Now a login is
    made only when the button is pressed (a POST with the XSRF token), and a reload shows the same one."""
    await seeded_group(bot)
    async with httpx.AsyncClient() as client:
        for _ in range(20):
            page = await client.get(server.base)
            assert page.status_code == 200 and 'id="login-start"' in page.text
        assert await bot.count(DashboardLogin) == 0
        assert (await client.post(f"{server.base}/login/start")).status_code == 403  # no XSRF token
        assert await bot.count(DashboardLogin) == 0

        page = await deep_link_login_page(client, server.base)
        assert await bot.count(DashboardLogin) == 1
        again = await client.get(server.base)
        assert again.text.split("start=web_")[1].split('"')[0] == page.text.split("start=web_")[1].split('"')[0]
        assert await bot.count(DashboardLogin) == 1
