"""Issue 19: reach the neighbourhood — "📣 Ook voor de buurt", the public page, "ik kom ook" without an account.

The chat through the real Application; the page through Brug's real web server (httpx); the card's count
in the group as Telegram gets it (editMessageText).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import httpx
import pytest

from bot.config import Settings
from bot.domain import neighbourhood
from bot.road.webhook import WebhookServer
from storage.db import Database
from storage.models import Action, Group, NeighbourSignup, PublicInvitation
from tests.action_steps import Cast, card_call, make_cast, private_last, write_proposal
from tests.harness import BotHarness

PUBLIC_URL = "https://brug.example/buurt"
PAGE_LINK = re.compile(r"https://brug\.example/buurt/a/([a-z0-9]{20})")


@pytest.fixture
def settings(database: Database) -> Settings:
    return Settings(
        telegram_token="123456:TEST-TOKEN", database_url=database.url, rate_limiter=False,
        public_url=PUBLIC_URL, _env_file=None,
    )


@pytest.fixture
async def web(bot: BotHarness) -> AsyncIterator[httpx.AsyncClient]:
    """Brug's web server on a free port; the client speaks to it as the neighbour's phone would."""
    server = WebhookServer(bot.app, secret=None, path=None, listen="127.0.0.1", port=0)
    port = await server.start()
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}/buurt") as client:
        yield client
    await server.stop()


async def shown_to_the_neighbourhood(bot: BotHarness, cast: Cast) -> tuple[Action, str]:
    """Anna proposes, and from the message under "Je voorstel staat in …" puts it online."""
    action = await write_proposal(bot, cast, "Soep koken voor de straat", when="zaterdag")
    anna = cast.anna
    await bot.press(anna, private_last(bot, anna), "📣 Ook voor de buurt")
    preview = bot.telegram.last("editMessageText", anna.id).text
    assert "Geen namen van leden" in preview and "Soep koken voor de straat" in preview
    await bot.press(anna, bot.telegram.last("editMessageText", anna.id), "📣 Zet het online")
    shown = bot.telegram.last("editMessageText", anna.id)
    found = PAGE_LINK.search(shown.text)
    assert found, shown.text
    assert shown.button_labels() == ["📄 Flyer", "👥 Wie komen er?", "🚫 Haal offline", "‹ Terug"]
    return action, found.group(1)


async def test_the_proposer_puts_an_action_online_and_the_page_shows_it_without_names(
    bot: BotHarness, web: httpx.AsyncClient
) -> None:
    cast = await make_cast(bot)
    async with bot.db.unit_of_work() as session:
        group = (await bot.rows(Group))[0]
        group = await session.get(Group, group.id)
        group.profile_about = "Wij wonen samen en zijn er voor elkaar."
        group.profile_join = "Kom koffie drinken op dinsdag."
    action, token = await shown_to_the_neighbourhood(bot, cast)
    [invitation] = await bot.rows(PublicInvitation)
    assert invitation.token == token and invitation.action_id == action.id and invitation.withdrawn_at is None

    page = await web.get(f"/a/{token}")
    assert page.status_code == 200
    html = page.text
    for shown in ("Soep koken voor de straat", "Warme soep en een praatje", "Pannen en een grote tafel",
                  "Het straatfeest", "Wij wonen samen en zijn er voor elkaar.", "Kom koffie drinken op dinsdag.",
                  "zaterdag 5 december", "Ik kom ook"):
        assert shown in html, shown
    # Nothing of the group that is not on the card for outsiders: no member, no partner, no chat.
    for hidden in ("Anna", "Ben", "Carla", "Dirk", "Buurtcentrum De Roef", "Recept delen", "<script"):
        assert hidden not in html, hidden
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert "noindex" in page.headers["X-Robots-Tag"]
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    assert "set-cookie" not in page.headers
    english = await web.get(f"/a/{token}?lang=en")
    assert "I&#39;m coming too" in english.text or "I'm coming too" in english.text

    # The group's public page lists it; a made-up address finds nothing (and says so kindly).
    [group] = await bot.rows(Group)
    group_page = await web.get(f"/g/{group.public_token}")
    assert group_page.status_code == 200 and f"/buurt/a/{token}" in group_page.text
    missing = await web.get("/a/" + "x" * 32)
    assert missing.status_code == 404 and "er niet (meer)" in missing.text


async def test_ik_kom_ook_counts_on_the_card_and_can_be_taken_back(
    bot: BotHarness, web: httpx.AsyncClient
) -> None:
    cast = await make_cast(bot)
    action, token = await shown_to_the_neighbourhood(bot, cast)
    answer = await web.post(
        f"/a/{token}", data={"naam": "Riet", "contact": "06 12345678", "akkoord": "ja", "website": ""}
    )
    assert answer.status_code == 200 and "Fijn dat je komt, Riet!" in answer.text
    assert "1 buur komt ook" in answer.text
    card = bot.telegram.last("editMessageText", cast.group.id)
    assert card.params["message_id"] == action.card_message_id
    assert "🏘️ +1 buur komt ook" in card.text
    assert card.buttons(), "the card keeps its buttons"
    [signup] = await bot.rows(NeighbourSignup)
    assert (signup.first_name, signup.contact, signup.member_id) == ("Riet", "06 12345678", None)
    [stored] = await bot.rows(Action)
    assert stored.neighbours_coming == 1

    undo = re.search(r'name="weg" value="([^"]+)"', answer.text).group(1)
    taken = await web.post(f"/a/{token}/weg", data={"weg": undo})
    assert taken.status_code == 200 and "niet meer bij" in taken.text
    again = await web.post(f"/a/{token}/weg", data={"weg": undo})  # a second tap changes nothing, and says so
    assert "al niet meer op de lijst" in again.text
    [stored] = await bot.rows(Action)
    assert stored.neighbours_coming == 0
    assert "komt ook" not in bot.telegram.last("editMessageText", cast.group.id).text
    [signup] = await bot.rows(NeighbourSignup)
    assert signup.removed_at is not None and signup.first_name is None and signup.contact is None


async def test_the_page_refuses_robots_links_and_floods_and_keeps_what_was_typed(
    bot: BotHarness, web: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    cast = await make_cast(bot)
    _action, token = await shown_to_the_neighbourhood(bot, cast)
    # A robot fills the hidden field: it reads "thank you", nothing is stored or counted.
    robot = await web.post(f"/a/{token}", data={"naam": "Bot", "website": "http://spam.example"})
    assert robot.status_code == 200 and "Fijn dat je komt" in robot.text
    assert await bot.rows(NeighbourSignup) == []
    # A link is refused with a sentence, and the form keeps what was typed.
    link = await web.post(f"/a/{token}", data={"naam": "Kijk op www.spam.nl", "contact": "riet@ziggo.nl",
                                                  "akkoord": "ja"})
    assert link.status_code == 400 and "Links kunnen we hier niet aannemen" in link.text
    assert 'value="Kijk op www.spam.nl"' in link.text and 'value="riet@ziggo.nl"' in link.text
    # A way to reach someone only with their consent.
    no_consent = await web.post(f"/a/{token}", data={"naam": "Riet", "contact": "riet@ziggo.nl"})
    assert no_consent.status_code == 400 and "vinkje" in no_consent.text
    assert await bot.rows(NeighbourSignup) == []
    # An e-mail address is not a link; nameless is fine.
    assert (await web.post(f"/a/{token}", data={"contact": "riet@ziggo.nl", "akkoord": "ja"})).status_code == 200
    # One address: five in ten minutes, then a friendly "later".
    for _ in range(4):
        assert (await web.post(f"/a/{token}", data={})).status_code == 200
    flood = await web.post(f"/a/{token}", data={"naam": "Zesde"})
    assert flood.status_code == 429 and "over een kwartiertje" in flood.text and 'value="Zesde"' in flood.text
    assert len(await bot.rows(NeighbourSignup)) == 5
    bot.clock.advance(minutes=11)
    # The page's own limit and its cap hold whatever the address (a botnet has many).
    monkeypatch.setattr(neighbourhood, "PAGE_CAP", 6)
    assert (await web.post(f"/a/{token}", data={})).status_code == 200
    full = await web.post(f"/a/{token}", data={})
    assert full.status_code == 409 and "De lijst is vol" in full.text
    oversized = await web.post(f"/a/{token}", data={"naam": "x" * 10_000})
    assert oversized.status_code == 413
    [stored] = await bot.rows(Action)
    assert stored.neighbours_coming == 6


async def test_only_the_proposer_or_a_coordinator_manages_it_and_can_take_people_off(
    bot: BotHarness, web: httpx.AsyncClient
) -> None:
    cast = await make_cast(bot)
    action, token = await shown_to_the_neighbourhood(bot, cast)
    await web.post(f"/a/{token}", data={"naam": "Riet", "contact": "riet@ziggo.nl", "akkoord": "ja"})
    await web.post(f"/a/{token}", data={"naam": "Kees"})

    # Carla is a member, not the proposer nor a coordinator: /buurt offers her nothing to manage, and a
    # forged press gets one sentence.
    carla = cast.carla
    await bot.say(carla, carla, "/buurt")
    assert "geen lopende actie" in bot.last_text(carla.id)
    assert f"{PUBLIC_URL}/g/" in bot.last_text(carla.id)  # the group's page, to pass on
    await bot.press_data(carla, private_last(bot, carla), f"nb:ls:{action.id}")
    alert = bot.telegram.last("answerCallbackQuery")
    assert alert.params["show_alert"] is True and "Riet" not in alert.params["text"]

    # Anna (proposer, and admin) sees the list with the contact, and takes Kees off.
    anna = cast.anna
    await bot.say(anna, anna, "/buurt")
    listing = bot.last_text(anna.id)
    assert "📣 Soep koken voor de straat" in private_last(bot, anna).button_labels()
    assert f"{PUBLIC_URL}/g/" in listing
    await bot.press(anna, private_last(bot, anna), "📣 Soep koken voor de straat")
    await bot.press(anna, bot.telegram.last("editMessageText", anna.id), "👥 Wie komen er?")
    people = bot.telegram.last("editMessageText", anna.id)
    assert "1. Riet · riet@ziggo.nl" in people.text and "2. Kees" in people.text
    await bot.press(anna, people, "❌ 2")
    assert "Kees" not in bot.telegram.last("editMessageText", anna.id).text
    assert "+1 buur komt ook" in bot.telegram.last("editMessageText", cast.group.id).text

    # Offline with one tap: the page is gone, the group page lists nothing.
    await bot.press(anna, bot.telegram.last("editMessageText", anna.id), "‹ Terug")
    await bot.press(anna, bot.telegram.last("editMessageText", anna.id), "🚫 Haal offline")
    assert "is offline" in bot.telegram.last("editMessageText", anna.id).text
    assert (await web.get(f"/a/{token}")).status_code == 404
    assert (await web.post(f"/a/{token}", data={"naam": "Laat"})).status_code == 404
    [group] = await bot.rows(Group)
    assert "Er staat nu niets open" in (await web.get(f"/g/{group.public_token}")).text


async def test_after_the_day_the_page_says_it_took_place_and_takes_no_sign_ups(
    bot: BotHarness, web: httpx.AsyncClient
) -> None:
    cast = await make_cast(bot)
    _action, token = await shown_to_the_neighbourhood(bot, cast)
    bot.clock.advance(days=5)  # past Saturday 5 December
    page = await web.get(f"/a/{token}")
    assert "Deze actie is geweest" in page.text and "Ik kom ook</button>" not in page.text
    late = await web.post(f"/a/{token}", data={"naam": "Te laat"})
    assert late.status_code == 410 and await bot.rows(NeighbourSignup) == []


async def test_the_flyer_comes_as_a_pdf_and_a_picture(bot: BotHarness, web: httpx.AsyncClient) -> None:
    cast = await make_cast(bot)
    _action, _token = await shown_to_the_neighbourhood(bot, cast)
    anna = cast.anna
    await bot.press(anna, bot.telegram.last("editMessageText", anna.id), "📄 Flyer")
    pdf, png = bot.telegram.sent("sendDocument", anna.id)
    assert pdf.files["document"].startswith(b"%PDF") and "flyer" in pdf.text.lower()
    assert png.files["document"].startswith(b"\x89PNG")
    # The same flyer from the page, for neighbours who pass it on; gone with the page.
    pdf_download = await web.get(f"/a/{_token}/flyer.pdf")
    assert pdf_download.status_code == 200 and pdf_download.content.startswith(b"%PDF")
    assert pdf_download.headers["Content-Type"] == "application/pdf"
    png_download = await web.get(f"/a/{_token}/flyer.png?lang=en")
    assert png_download.content.startswith(b"\x89PNG")
    page = await web.get(f"/a/{_token}")
    assert f"/buurt/a/{_token}/flyer.pdf" in page.text
    # The coordinators' dashboard links to the page and the flyer of a shown action.
    from bot.dashboard import data

    [group] = await bot.rows(Group)
    async with bot.db.unit_of_work() as session:
        [row] = await data.actions_page(session, group)
    assert row.public_token == _token


async def test_without_a_public_url_buurt_says_it_is_off(bot: BotHarness, settings: Settings) -> None:
    services = bot.app.bot_data["services"]
    services.settings = settings.model_copy(update={"public_url": None, "dashboard_url": None})
    cast = await make_cast(bot)
    await write_proposal(bot, cast)
    assert "📣 Ook voor de buurt" not in private_last(bot, cast.anna).button_labels()
    await bot.say(cast.anna, cast.anna, "/buurt")
    assert "staan nog uit" in bot.last_text(cast.anna.id)


async def test_neighbours_count_in_the_overview_and_the_digest_and_their_contacts_go_after_a_month(
    bot: BotHarness, web: httpx.AsyncClient
) -> None:
    from bot.domain.digest import weekly_digests
    from bot.domain.rendering import render_text
    from storage.repositories.housekeeping import delete_expired

    cast = await make_cast(bot)
    _action, token = await shown_to_the_neighbourhood(bot, cast)
    for name in ("Riet", "Kees", "Fatima"):
        await web.post(f"/a/{token}", data={"naam": name, "contact": f"{name.lower()}@buurt.nl", "akkoord": "ja"})

    anna = cast.anna  # admin: a coordinator
    await bot.say(anna, anna, "/overzicht")
    assert 'Buren die "ik kom ook" zeiden</b>: 3' in bot.last_text(anna.id)

    [group] = await bot.rows(Group)
    async with bot.db.unit_of_work() as session:
        digest = (await weekly_digests(session, [group], bot.now()))[group.id]
    text = render_text(bot.app.bot_data["services"].translator, digest, "nl")
    assert "Uit de buurt" in text and "Soep koken voor de straat</b>: +3 buren komen ook" in text

    # Kept while the day is near (the group may want to reach them) ...
    bot.clock.advance(days=30)
    async with bot.db.unit_of_work() as session:
        assert (await delete_expired(session, bot.now()))["neighbour contacts"] == 0
    # ... and a month after Saturday 5 December the names and contacts are cleared; the count stays.
    bot.clock.advance(days=6)
    async with bot.db.unit_of_work() as session:
        counts = await delete_expired(session, bot.now())
    assert counts["neighbour contacts"] == 3
    assert {(s.first_name, s.contact) for s in await bot.rows(NeighbourSignup)} == {(None, None)}
    [action] = await bot.rows(Action)
    assert action.neighbours_coming == 3


async def test_a_member_brings_someone_without_a_phone_who_counts_and_is_in_her_reminder(
    bot: BotHarness,
) -> None:
    from bot.road.ticking import tick_now

    cast = await make_cast(bot)
    action = await write_proposal(bot, cast, "Soep koken voor de straat", when="zaterdag")
    dirk = cast.dirk
    await bot.press(dirk, card_call(bot, cast, action), "🙋 Ik doe mee")
    await bot.press(dirk, private_last(bot, dirk), "Gewoon meedoen")
    await bot.say(dirk, dirk, "/mijn")
    mine = private_last(bot, dirk)
    assert mine.button_labels() == ["✅ Gedaan", "📅 Later", "↩️ Loslaten", "➕ Ik neem iemand mee"]
    await bot.press(dirk, mine, "➕ Ik neem iemand mee")
    assert "Wie neem je mee?" in bot.last_text(dirk.id)
    await bot.say(dirk, dirk, "kijk op www.spam.nl")
    assert "zonder link" in bot.last_text(dirk.id)
    await bot.say(dirk, dirk, "Riet")
    assert "Riet staat erbij" in bot.last_text(dirk.id)
    assert "🏘️ +1 buur komt ook" in bot.telegram.last("editMessageText", cast.group.id).text
    [signup] = await bot.rows(NeighbourSignup)
    assert signup.first_name == "Riet" and signup.invitation_id is None
    # The day before, Dirk's reminder names Riet: she is reminded through him.
    bot.clock.advance(days=3, hours=2)
    await tick_now(bot.app)
    assert "Je neemt Riet mee." in bot.last_text(dirk.id)
    # Dirk leaves Brug: Riet still counts on the card, with no name and no link to him.
    await bot.say(dirk, dirk, "/vergeetmij")
    await bot.press(dirk, private_last(bot, dirk), "Ja, vergeet mij")
    [signup] = await bot.rows(NeighbourSignup)
    assert (signup.first_name, signup.member_id, signup.removed_at) == (None, None, None)
    [stored] = await bot.rows(Action)
    assert stored.neighbours_coming == 1


async def test_a_coordinator_gets_the_groups_own_page_before_any_action_is_shown(
    bot: BotHarness, web: httpx.AsyncClient
) -> None:
    cast = await make_cast(bot)
    anna = cast.anna  # admin: a coordinator
    await bot.say(anna, anna, "/buurt")
    text = bot.last_text(anna.id)
    assert "geen lopende actie" in text
    token = re.search(r"/buurt/g/([a-z0-9]{20})", text).group(1)
    page = await web.get(f"/g/{token}")
    assert page.status_code == 200 and "De BinnenHaven" in page.text and "Er staat nu niets open" in page.text
    # The address is kept: the same link every time.
    [group] = await bot.rows(Group)
    assert group.public_token == token


def test_an_address_can_be_typed_from_the_flyer() -> None:
    tokens = {neighbourhood.new_token() for _ in range(200)}
    assert len(tokens) == 200
    assert all(len(t) == 20 and not set(t) & set("01ilo") for t in tokens)
