"""The dashboard's test set-up: a seeded group, Brug's real web server on a free port, signed initData."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlencode

from bot.dashboard.auth import sign_init_data
from bot.road.webhook import WebhookServer
from storage.models import ActionEvent, Group, Support
from tests.coordinator_fixtures import (
    Setting,
    action,
    add,
    agenda_item,
    commitment,
    group_with_coordinator,
    member_id,
    partner,
)
from tests.harness import BotHarness, User

TOKEN = "123456:TEST-TOKEN"
# http on purpose: the test server and browser speak plain http, so the cookies are not marked Secure.
DASHBOARD_URL = "http://localhost/dashboard"


def init_data(user: User, auth_date: datetime, *, token: str = TOKEN, **extra: str) -> str:
    """initData as the Telegram client puts it in the Web App's URL, signed with ``token``."""
    fields = {
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": json.dumps(
            {"id": user.id, "first_name": user.first_name, "language_code": user.language_code},
            separators=(",", ":"),
        ),
        "auth_date": str(int(auth_date.timestamp())),
        "signature": "c2lnbmF0dXJlLWZvci10aGlyZC1wYXJ0aWVz",
        **extra,
    }
    fields["hash"] = sign_init_data(fields, token)
    return urlencode(fields)


@dataclass
class Seeded:
    setting: Setting
    coordinator: User
    bob: User
    bob_id: int
    carla_id: int
    other_coordinator: User
    other_group_id: int


async def seeded_group(bot: BotHarness) -> Seeded:
    """De BinnenHaven with Carla (coordinator), Bob and Dirk; a second group that Olga coordinates.

    Actions over three months, commitments (one overdue), partners, agenda items.
    """
    bob = bot.user(201, "Bob", started=True)
    dirk = bot.user(202, "Dirk <b>&", started=True)
    setting = await group_with_coordinator(bot, members=[bob, dirk])
    olga = bot.user(300, "Olga", started=True)
    other = await group_with_coordinator(bot, chat_id=-1002, title="Het Hofje", coordinator=olga)
    carla_id = await member_id(bot, setting.coordinator)
    bob_id = await member_id(bot, bob)
    dirk_id = await member_id(bot, dirk)
    now = bot.now()  # Tuesday 1 December 2026
    gid = setting.group_id
    october, november = now - timedelta(days=55), now - timedelta(days=25)
    [tuin, soep, zwerf] = await add(
        bot,
        action(gid, carla_id, "Moestuin met de school", october, state="done", due_on=date(2026, 10, 20),
               with_whom="de school", we_need="grond", we_offer="zaden", contagious="open tuin",
               reach_count=12, closed_at=november),
        action(gid, bob_id, "Soep koken voor de buren", november, state="running",
               due_on=date(2026, 12, 12), with_whom="buurthuis", joins_existing="kerstmarkt"),
        action(gid, dirk_id, "Zwerfvuil prikken", now, state="proposed", due_on=date(2026, 12, 20)),
    )
    await add(
        bot,
        ActionEvent(action_id=tuin.id, member_id=carla_id, kind="support", from_state="proposed",
                    to_state="running", at=october + timedelta(days=2)),
        ActionEvent(action_id=tuin.id, member_id=carla_id, kind="harvest", from_state="running",
                    to_state="done", at=november),
        ActionEvent(action_id=soep.id, member_id=bob_id, kind="support", from_state="proposed",
                    to_state="running", at=november + timedelta(days=1)),
        Support(action_id=soep.id, member_id=dirk_id, created_at=november),
        Support(action_id=zwerf.id, member_id=bob_id, created_at=now),
        commitment(tuin.id, bob_id, october, what="Zaden halen", due_on=date(2026, 10, 15), status="done"),
        commitment(soep.id, dirk_id, november, what="Pannen <lenen>", due_on=date(2026, 11, 28)),
        commitment(soep.id, bob_id, november, what="Soep rondbrengen", due_on=date(2026, 12, 12)),
        partner(gid, "Buurthuis De Linde", now, on_shortlist=True, moving_note="Doet al een kerstmarkt"),
        partner(gid, "Anouk", now, key_role="wijkregisseur", key_role_formal=True),
        partner(gid, "Welzijn Oost", now, kind="welzijn"),
        agenda_item(gid, "Kerstmarkt op het plein", now, happens_on=date(2026, 12, 19), place="Plein"),
        agenda_item(gid, "Buurtfeest", now),
    )
    # Brug joined the group in October: the movement chart starts there.
    async with bot.db.unit_of_work() as session:
        (await session.get(Group, gid)).created_at = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
    return Seeded(setting, setting.coordinator, bob, bob_id, carla_id, olga, other.group_id)


class DashboardServer:
    """Brug's own web server (as in polling mode with the dashboard on), on 127.0.0.1 and a free port."""

    def __init__(self, bot: BotHarness) -> None:
        self.server = WebhookServer(bot.app, secret=None, path=None, listen="127.0.0.1", port=0)
        self.base = ""

    async def __aenter__(self) -> DashboardServer:
        port = await self.server.start()
        self.base = f"http://127.0.0.1:{port}/dashboard"
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.server.stop()


async def deep_link_login_page(client, base: str):
    """The login page after pressing "Inloggen via Telegram" (the POST that makes the link)."""
    first = await client.get(base)
    xsrf = client.cookies.get("_xsrf", "")
    await client.post(f"{base}/login/start", data={"_xsrf": xsrf}, follow_redirects=False)
    return await client.get(base)
