"""Issue 10: who may see the dashboard — Telegram's initData, the session cookie, the coordinator check."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from urllib.parse import parse_qsl, urlencode

import httpx
import pytest
from sqlalchemy import select

from bot.config import Settings
from bot.dashboard import auth
from bot.road.ticking import tick_now
from storage.db import Database
from storage.models import Action, Commitment, Delivery, Group
from tests.conftest import START
from tests.dashboard_fixtures import DASHBOARD_URL, TOKEN, DashboardServer, init_data, seeded_group
from tests.harness import BotHarness, GroupChat, User, _admin_rights

ANNA = User(101, "Anna", None, "nl")


@pytest.fixture
def settings(database: Database) -> Settings:
    return Settings(
        telegram_token=TOKEN, database_url=database.url, rate_limiter=False,
        dashboard_url=DASHBOARD_URL, _env_file=None,
    )


# ---------------------------------------------------------------- initData (pure)


def test_valid_init_data_gives_the_user() -> None:
    user = auth.validate_init_data(init_data(ANNA, START), TOKEN, START + timedelta(minutes=59))
    assert user == auth.WebAppUser(101, "Anna", "nl")


def test_the_hash_covers_the_newer_signature_field_too() -> None:
    fields = dict(parse_qsl(init_data(ANNA, START)))
    fields["signature"] = "another-signature"
    with pytest.raises(auth.InvalidInitData, match="hash"):
        auth.validate_init_data(urlencode(fields), TOKEN, START)


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda f: f.update(hash="0" * 64), id="hash-changed"),
        pytest.param(lambda f: f.update(user=f["user"].replace("101", "100")), id="user-changed"),
        pytest.param(lambda f: f.update(auth_date=str(int(f["auth_date"]) + 3600)), id="date-changed"),
        pytest.param(lambda f: f.pop("hash"), id="no-hash"),
        pytest.param(lambda f: f.update(extra="1"), id="field-added"),
    ],
)
def test_forged_init_data_is_refused(forge) -> None:
    fields = dict(parse_qsl(init_data(ANNA, START)))
    forge(fields)
    with pytest.raises(auth.InvalidInitData):
        auth.validate_init_data(urlencode(fields), TOKEN, START)


def test_init_data_signed_with_another_bots_token_is_refused() -> None:
    with pytest.raises(auth.InvalidInitData, match="hash"):
        auth.validate_init_data(init_data(ANNA, START, token="999:OTHER"), TOKEN, START)


def test_init_data_older_than_an_hour_is_refused() -> None:
    data = init_data(ANNA, START)
    auth.validate_init_data(data, TOKEN, START + timedelta(hours=1))
    with pytest.raises(auth.InvalidInitData, match="older"):
        auth.validate_init_data(data, TOKEN, START + timedelta(hours=1, seconds=1))


def test_init_data_from_the_future_is_refused_beyond_a_minute() -> None:
    auth.validate_init_data(init_data(ANNA, START + timedelta(seconds=60)), TOKEN, START)
    with pytest.raises(auth.InvalidInitData, match="future"):
        auth.validate_init_data(init_data(ANNA, START + timedelta(minutes=5)), TOKEN, START)


@pytest.mark.parametrize("raw", ["", "no-equals-sign", "a=1&a=2", "x" * 9000])
def test_garbage_is_refused(raw: str) -> None:
    with pytest.raises(auth.InvalidInitData):
        auth.validate_init_data(raw, TOKEN, START)


# ---------------------------------------------------------------- session cookie (pure)


def test_session_cookie_round_trip_and_expiry() -> None:
    secret = auth.cookie_secret(TOKEN)
    assert secret != TOKEN and TOKEN not in secret
    cookie = auth.sign_session(secret, auth.DashboardSession(7, "en"), START)
    assert auth.read_session(secret, cookie, START + timedelta(hours=11)) == auth.DashboardSession(7, "en", START.timestamp())
    assert auth.read_session(secret, cookie, START + timedelta(hours=12, minutes=1)) is None


def test_forged_session_cookie_is_refused() -> None:
    secret = auth.cookie_secret(TOKEN)
    cookie = auth.sign_session(secret, auth.DashboardSession(7, "nl"), START)
    other_member = cookie.replace(
        cookie.split("|")[4], auth.sign_session(secret, auth.DashboardSession(8, "nl"), START).split("|")[4]
    )
    assert auth.read_session(secret, other_member, START) is None
    assert auth.read_session(auth.cookie_secret("999:OTHER"), cookie, START) is None
    assert auth.read_session(secret, "2|1:0|10:1|14:brug_dashboard|4:e30=|" + "0" * 64, START) is None


# ---------------------------------------------------------------- over HTTP, against the database


@pytest.fixture
async def server(bot: BotHarness) -> AsyncIterator[DashboardServer]:
    async with DashboardServer(bot) as running:
        yield running


async def web_login(client: httpx.AsyncClient, base: str, data: str) -> httpx.Response:
    """What the page's script does inside Telegram: GET the page (XSRF cookie), POST the initData, and
    after "Ja, dat ben ik" post it again with confirm=1 (which gives the session)."""
    await client.get(base)
    headers = {"X-XSRFToken": client.cookies.get("_xsrf", "")}
    first = await client.post(f"{base}/auth/webapp", data={"init_data": data}, headers=headers)
    if first.status_code != 200:
        return first
    return await client.post(f"{base}/auth/webapp", data={"init_data": data, "confirm": "1"}, headers=headers)


async def test_the_coordinator_gets_in_and_sees_the_groups_commitments(
    bot: BotHarness, server: DashboardServer
) -> None:
    seeded = await seeded_group(bot)
    async with httpx.AsyncClient() as client:
        answer = await web_login(client, server.base, init_data(seeded.coordinator, bot.now()))
        assert answer.status_code == 200
        set_cookie = answer.headers["set-cookie"].lower()
        assert "httponly" in set_cookie and "samesite=lax" in set_cookie
        page = await client.get(f"{server.base}?group={seeded.setting.group_id}", follow_redirects=True)
    assert page.status_code == 200
    assert "Soep rondbrengen" in page.text
    assert "Pannen &lt;lenen&gt;" in page.text  # user text escaped
    assert "default-src 'self'" in page.headers["content-security-policy"]


async def test_a_forged_init_data_gets_no_session(bot: BotHarness, server: DashboardServer) -> None:
    seeded = await seeded_group(bot)
    forged = init_data(seeded.coordinator, bot.now(), token="999:OTHER")
    async with httpx.AsyncClient() as client:
        answer = await web_login(client, server.base, forged)
        assert answer.status_code == 403
        assert "opnieuw" in answer.json()["message"]
        page = await client.get(f"{server.base}/commitments?group={seeded.setting.group_id}")
    assert page.status_code == 302  # back to the login page, nothing of the group shown
    assert "Soep" not in page.text


async def test_another_groups_coordinator_is_refused(bot: BotHarness, server: DashboardServer) -> None:
    seeded = await seeded_group(bot)
    async with httpx.AsyncClient() as client:
        answer = await web_login(client, server.base, init_data(seeded.other_coordinator, bot.now()))
        assert answer.status_code == 200  # a valid signature: Olga is who she says she is
        for page in ("commitments", "actions", "partners", "agenda", "movement"):
            refused = await client.get(f"{server.base}/{page}?group={seeded.setting.group_id}")
            assert refused.status_code == 403, page
            assert "alleen voor de coördinatoren" in refused.text
            assert "Soep" not in refused.text and "Linde" not in refused.text
        own = await client.get(f"{server.base}/commitments?group={seeded.other_group_id}")
        assert own.status_code == 200


async def test_a_plain_member_is_refused(bot: BotHarness, server: DashboardServer) -> None:
    seeded = await seeded_group(bot)
    async with httpx.AsyncClient() as client:
        await web_login(client, server.base, init_data(seeded.bob, bot.now()))
        refused = await client.get(f"{server.base}/commitments?group={seeded.setting.group_id}")
        index = await client.get(server.base)
    assert refused.status_code == 403 and "Soep" not in refused.text
    assert index.status_code == 403 and "coördineert nu geen groep" in index.text


async def test_a_coordinator_who_lost_the_role_is_refused_at_once(
    bot: BotHarness, server: DashboardServer
) -> None:
    seeded = await seeded_group(bot)
    async with httpx.AsyncClient() as client:
        await web_login(client, server.base, init_data(seeded.coordinator, bot.now()))
        url = f"{server.base}/commitments?group={seeded.setting.group_id}"
        assert (await client.get(url)).status_code == 200
        # Telegram's administrator list changes; once the cached list is old, the next page knows.
        bot.telegram.administrators[seeded.setting.chat.id] = []
        bot.clock.advance(hours=2)
        assert (await client.get(url)).status_code == 403


async def test_a_forged_session_cookie_is_refused(bot: BotHarness, server: DashboardServer) -> None:
    seeded = await seeded_group(bot)
    secret = auth.cookie_secret("999:OTHER")
    forged = auth.sign_session(secret, auth.DashboardSession(seeded.carla_id, "nl"), bot.now())
    async with httpx.AsyncClient(cookies={auth.SESSION_COOKIE: forged}) as client:
        page = await client.get(f"{server.base}/commitments?group={seeded.setting.group_id}")
    assert page.status_code == 302 and "Soep" not in page.text


async def test_english_reader_gets_english_pages(bot: BotHarness, server: DashboardServer) -> None:
    seeded = await seeded_group(bot)
    olga_en = User(seeded.other_coordinator.id, "Olga", None, "en")
    async with httpx.AsyncClient() as client:
        await web_login(client, server.base, init_data(olga_en, bot.now()))
        refused = await client.get(f"{server.base}/commitments?group={seeded.setting.group_id}")
    assert refused.status_code == 403 and "only for the coordinators" in refused.text


async def test_post_without_xsrf_token_is_refused(bot: BotHarness, server: DashboardServer) -> None:
    seeded = await seeded_group(bot)
    async with httpx.AsyncClient() as client:
        await web_login(client, server.base, init_data(seeded.coordinator, bot.now()))
        answer = await client.post(
            f"{server.base}/commitments/done?group={seeded.setting.group_id}", data={"commitment": "2"}
        )
    assert answer.status_code == 403


async def test_a_coordinator_of_two_groups_picks_one(bot: BotHarness, server: DashboardServer) -> None:
    seeded = await seeded_group(bot)
    hofje = GroupChat(-1002, "Het Hofje")
    await bot.say(hofje, seeded.coordinator, "/help")
    # Carla becomes an administrator of Het Hofje too; the cached lists are old after two hours.
    bot.telegram.administrators[hofje.id].append(
        {"user": seeded.coordinator.json(), "status": "administrator", "is_anonymous": False,
         **_admin_rights()}
    )
    bot.clock.advance(hours=2)
    async with httpx.AsyncClient() as client:
        await web_login(client, server.base, init_data(seeded.coordinator, bot.now()))
        picker = await client.get(server.base)
    assert picker.status_code == 200
    assert "Welke groep wil je bekijken?" in picker.text
    assert "De BinnenHaven" in picker.text and "Het Hofje" in picker.text


async def soup_with_its_card(bot: BotHarness):
    """The seeded group, with the soup action's card posted in it; Pannen's commitment and the chat."""
    seeded = await seeded_group(bot)
    async with bot.db.unit_of_work() as session:
        soep = await session.scalar(select(Action).where(Action.title == "Soep koken voor de buren"))
        group = await session.get(Group, seeded.setting.group_id)
        card = await bot.app.bot.send_message(group.telegram_chat_id, "Soep koken voor de buren")
        soep.card_message_id = card.message_id
        pannen = await session.scalar(select(Commitment).where(Commitment.what == "Pannen <lenen>"))
        return seeded, card, pannen.id, group.telegram_chat_id


async def test_ticking_off_on_the_page_redraws_the_card_in_the_group(
    bot: BotHarness, server: DashboardServer
) -> None:
    seeded, card, pannen_id, chat_id = await soup_with_its_card(bot)
    gid = seeded.setting.group_id
    async with httpx.AsyncClient() as client:
        await web_login(client, server.base, init_data(seeded.coordinator, bot.now()))
        answer = await client.post(
            f"{server.base}/commitments/done?group={gid}", data={"commitment": str(pannen_id)},
            headers={"X-XSRFToken": client.cookies.get("_xsrf", "")},
        )
    assert answer.status_code in (200, 302)
    edit = bot.telegram.last("editMessageText", chat_id=chat_id)
    assert int(edit.params["message_id"]) == card.message_id
    assert "Dirk &lt;b&gt;&amp; ✅" in edit.params["text"]  # the tick, the name escaped
    assert "👍 Steun" in edit.button_labels()
    async with bot.db.sessionmaker() as session:
        assert (await session.get(Commitment, pannen_id)).status == "done"


async def test_a_card_redraw_telegram_did_not_take_waits_and_the_tick_delivers_it(
    bot: BotHarness, server: DashboardServer
) -> None:
    """One deliverer: the dashboard's card redraw is committed with the tick (a ``deliveries`` row), so
    Telegram being away loses nothing; the reminders tick sends it once, later."""
    seeded, card, pannen_id, chat_id = await soup_with_its_card(bot)
    gid = seeded.setting.group_id
    bot.telegram.fail_next("editMessageText", 502, "Bad Gateway")
    async with httpx.AsyncClient() as client:
        await web_login(client, server.base, init_data(seeded.coordinator, bot.now()))
        answer = await client.post(
            f"{server.base}/commitments/done?group={gid}", data={"commitment": str(pannen_id)},
            headers={"X-XSRFToken": client.cookies.get("_xsrf", "")},
        )
    assert answer.status_code in (200, 302)
    assert bot.telegram.sent("editMessageText", chat_id) == []
    [waiting] = await bot.rows(Delivery)
    assert (waiting.chat_id, waiting.method, waiting.status) == (chat_id, "editMessageText", "waiting")
    async with bot.db.sessionmaker() as session:
        assert (await session.get(Commitment, pannen_id)).status == "done"

    bot.clock.advance(minutes=2)
    await tick_now(bot.app)
    [edit] = bot.telegram.sent("editMessageText", chat_id)
    assert int(edit.params["message_id"]) == card.message_id
    assert "Dirk &lt;b&gt;&amp; ✅" in edit.params["text"]
    assert "👍 Steun" in edit.button_labels()
    assert await bot.count(Delivery) == 0
    await tick_now(bot.app)
    assert len(bot.telegram.sent("editMessageText", chat_id)) == 1  # once only


async def test_ticking_off_the_last_commitment_asks_the_proposer_how_it_went(
    bot: BotHarness, server: DashboardServer
) -> None:
    seeded = await seeded_group(bot)
    gid = seeded.setting.group_id
    async with bot.db.sessionmaker() as session:
        soep = await session.scalar(select(Action).where(Action.title == "Soep koken voor de buren"))
        open_ids = (
            await session.scalars(
                select(Commitment.id).where(Commitment.action_id == soep.id, Commitment.status == "open")
            )
        ).all()
    assert len(open_ids) == 2
    async with httpx.AsyncClient() as client:
        await web_login(client, server.base, init_data(seeded.coordinator, bot.now()))
        for commitment_id in open_ids:
            await client.post(
                f"{server.base}/commitments/done?group={gid}", data={"commitment": str(commitment_id)},
                headers={"X-XSRFToken": client.cookies.get("_xsrf", "")},
            )
    await tick_now(bot.app)
    # Bob proposed the soup; he never opened a private chat with Brug, so the group hears it, for him.
    invitation = bot.telegram.last("sendMessage")
    assert invitation.chat_id == seeded.setting.chat.id
    assert "Bob" in invitation.params["text"]
    assert "Iedereen heeft zijn deel van <b>Soep koken voor de buren</b> gedaan" in invitation.params["text"]
    assert invitation.button_labels() == ["🌱 Vertel hoe het ging"]
    sent_before = len(bot.telegram.calls)
    await tick_now(bot.app)  # once only
    assert [c for c in bot.telegram.calls[sent_before:] if c.method == "sendMessage"] == []


@pytest.mark.parametrize("number", ["²", "٣", "1²", "99999999999", "-1", "1e3"])
async def test_a_number_that_is_no_number_is_not_found_never_an_error(
    bot: BotHarness, server: DashboardServer, number: str
) -> None:
    """``str.isdigit`` says yes to "²" and "٣", which ``int`` refuses: every number in a URL is read as
    digits 0-9 only (issue 18: an anonymous ``?group=²`` gave a 500 with a traceback)."""
    seeded = await seeded_group(bot)
    async with httpx.AsyncClient() as client:
        anonymous = await client.get(f"{server.base}/commitments?group={number}")
        assert anonymous.status_code in (302, 403), anonymous.status_code
        await web_login(client, server.base, init_data(seeded.coordinator, bot.now()))
        for page in ("commitments", "actions", "partners", "agenda"):
            answer = await client.get(f"{server.base}/{page}?group={number}&page={number}")
            assert answer.status_code in (302, 403), (page, answer.status_code)
            assert "Traceback" not in answer.text
        mine = await client.get(f"{server.base}/commitments?group={seeded.setting.group_id}&page={number}")
        assert mine.status_code == 200
        done = await client.post(
            f"{server.base}/commitments/done?group={seeded.setting.group_id}", data={"commitment": number},
            headers={"X-XSRFToken": client.cookies.get("_xsrf", "")},
        )
        assert done.status_code in (200, 302)


async def test_a_link_with_someone_elses_init_data_logs_nobody_in_unseen(
    bot: BotHarness, server: DashboardServer
) -> None:
    """Issue 18, login CSRF: ``…/dashboard#tgWebAppData=<Mallory's initData>`` opened by Carla's browser.
    The page's first post only learns whose it is ("Je logt in als: Carla"); no session until confirmed."""
    seeded = await seeded_group(bot)
    async with httpx.AsyncClient() as client:
        await client.get(server.base)
        headers = {"X-XSRFToken": client.cookies.get("_xsrf", "")}
        first = await client.post(
            f"{server.base}/auth/webapp", data={"init_data": init_data(seeded.coordinator, bot.now())},
            headers=headers,
        )
        assert first.status_code == 200
        assert first.json() == {"ok": True, "confirm": True, "name": seeded.coordinator.first_name}
        assert auth.SESSION_COOKIE not in first.cookies
        page = await client.get(f"{server.base}/commitments?group={seeded.setting.group_id}")
        assert page.status_code == 302  # not logged in
        confirmed = await client.post(
            f"{server.base}/auth/webapp",
            data={"init_data": init_data(seeded.coordinator, bot.now()), "confirm": "1"}, headers=headers,
        )
        assert confirmed.status_code == 200 and auth.SESSION_COOKIE in confirmed.cookies


async def test_logging_out_or_forgetting_voids_the_session_everywhere(
    bot: BotHarness, server: DashboardServer
) -> None:
    """Issue 18: sessions lived on for 12 hours after logout (a copied cookie still worked). Now logout
    and /vergeetmij void every session of the member made until then, server-side."""
    seeded = await seeded_group(bot)
    page_url = f"{server.base}/commitments?group={seeded.setting.group_id}"
    async with httpx.AsyncClient() as browser, httpx.AsyncClient() as copy:
        await web_login(browser, server.base, init_data(seeded.coordinator, bot.now()))
        copy.cookies.set(auth.SESSION_COOKIE, browser.cookies.get(auth.SESSION_COOKIE), path="/dashboard")
        assert (await copy.get(page_url)).status_code == 200
        bot.clock.advance(seconds=2)
        await browser.post(f"{server.base}/logout", headers={"X-XSRFToken": browser.cookies.get("_xsrf", "")})
        assert (await copy.get(page_url)).status_code == 302  # the copied cookie is void too

        bot.clock.advance(seconds=2)
        await web_login(browser, server.base, init_data(seeded.coordinator, bot.now()))
        assert (await browser.get(page_url)).status_code == 200  # a new login works
        await bot.say(seeded.coordinator, seeded.coordinator, "/vergeetmij")
        await bot.press(seeded.coordinator, bot.telegram.last("sendMessage", seeded.coordinator.id), "Ja, vergeet mij")
        assert (await browser.get(page_url)).status_code == 302


async def test_over_https_the_cookies_are_sent_inside_telegram_webs_iframe(bot: BotHarness) -> None:
    """Issue 18: Telegram Web shows the dashboard in a cross-site iframe, where SameSite=Lax cookies are
    not sent and the login went round in circles. Over https every cookie is SameSite=None; Secure;
    Partitioned (tests/test_dashboard_iframe.py shows it working in Chromium); over
    http (a local try) they stay Lax, as browsers refuse None without Secure."""
    services = bot.app.bot_data["services"]
    services.settings = services.settings.model_copy(update={"dashboard_url": "https://brug.example.nl/dashboard"})
    seeded = await seeded_group(bot)
    async with DashboardServer(bot) as https_server, httpx.AsyncClient() as client:
        page = await client.get(https_server.base)
        [xsrf_cookie] = [c for c in page.headers.get_list("set-cookie") if c.startswith("_xsrf=")]
        assert "samesite=none" in xsrf_cookie.lower() and "; secure" in xsrf_cookie.lower()
        assert "; partitioned" in xsrf_cookie.lower()
        token = xsrf_cookie.split(";")[0].split("=", 1)[1]
        # httpx keeps Secure cookies for https only: send the XSRF pair by hand, as a browser would there.
        headers = {"Cookie": f"_xsrf={token}", "X-XSRFToken": token}
        data = {"init_data": init_data(seeded.coordinator, bot.now()), "confirm": "1"}
        answer = await client.post(f"{https_server.base}/auth/webapp", data=data, headers=headers)
        assert answer.status_code == 200
        [session_cookie] = [c for c in answer.headers.get_list("set-cookie") if c.startswith(auth.SESSION_COOKIE)]
        assert "samesite=none" in session_cookie.lower() and "; secure" in session_cookie.lower()
        assert "httponly" in session_cookie.lower() and "; partitioned" in session_cookie.lower()
