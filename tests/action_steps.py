"""Steps the network-action tests share: a group with its members, and a proposal written privately."""

from __future__ import annotations

from dataclasses import dataclass

from storage.models import Action
from tests.fake_telegram import Call
from tests.harness import BotHarness, GroupChat, User

LABELS = {
    "nl": {
        "skip": "Overslaan", "stop": "Stoppen", "post": "Plaatsen", "edit": "Aanpassen",
        "support": "👍 Steun", "join": "🙋 Ik doe mee", "concern": "💬 Bedenking", "no": "Nee",
        "plain": "Gewoon meedoen", "done": "✅ Gedaan", "later": "📅 Later", "release": "↩️ Loslaten",
        "keep": "Zo laten", "as_is": "Toch zo", "smaller": "Kleinere eerste stap",
    },
    "en": {
        "skip": "Skip", "stop": "Stop", "post": "Post", "edit": "Change",
        "support": "👍 Support", "join": "🙋 I'll join", "concern": "💬 Concern", "no": "No",
        "plain": "Just join", "done": "✅ Done", "later": "📅 Later", "release": "↩️ Let go",
        "keep": "Leave it", "as_is": "Keep it like this", "smaller": "Smaller first step",
    },
}


@dataclass
class Cast:
    """A cooperative's group: proposer, two supporters, a joiner, and an outsider (not in the group)."""

    group: GroupChat
    anna: User  # proposes; has started Brug
    ben: User  # supports; never started Brug privately
    carla: User  # supports; has started Brug
    dirk: User  # joins; has started Brug
    eva: User  # outsider: started Brug, never in the group
    lang: str

    def label(self, key: str) -> str:
        return LABELS[self.lang][key]


async def make_cast(bot: BotHarness, lang: str = "nl", chat_id: int = -1001234567890) -> Cast:
    code = "en" if lang == "en" else "nl"
    anna = bot.user(101, "Anna", language_code=code)
    ben = bot.user(102, "Ben", language_code=code)
    carla = bot.user(103, "Carla", language_code=code)
    dirk = bot.user(104, "Dirk", language_code=code)
    eva = bot.user(105, "Eva", language_code=code)
    group = bot.group(chat_id, "De BinnenHaven", admins=[anna])
    await bot.add_bot_to(group, by=anna)
    if lang == "en":
        welcome = bot.telegram.last("sendMessage", group.id)
        await bot.say(group, anna, "/taal")
        await bot.press(anna, bot.telegram.last("sendMessage", group.id), "Groep: English")
        assert welcome
    for user in (anna, carla, dirk, eva):
        await bot.start_private(user)
    # Everyone but the outsider is seen in the group (active members: 4 → 2 supporters needed).
    for user in (anna, ben, carla, dirk):
        await bot.say(group, user, "Goedemorgen!")
    return Cast(group, anna, ben, carla, dirk, eva, lang)


def private_last(bot: BotHarness, user: User) -> Call:
    return bot.telegram.last("sendMessage", user.id)


async def write_proposal(
    bot: BotHarness, cast: Cast, title: str = "Soep koken voor de straat", *, when: str = "zaterdag",
    group: GroupChat | None = None,
) -> Action:
    """Anna walks through the six questions privately and posts the proposal."""
    anna = cast.anna
    await bot.say(group or cast.group, anna, f"/actie {title}")
    await bot.say(anna, anna, "Buurtcentrum De Roef")  # 2. met wie
    await bot.say(anna, anna, when)  # 3. wanneer
    await bot.say(anna, anna, "Het straatfeest")  # 4. sluit aan
    await bot.say(anna, anna, "Pannen en een grote tafel")  # 5a. nodig
    await bot.say(anna, anna, "Warme soep en een praatje")  # 5b. betekenen
    await bot.say(anna, anna, "Recept delen in de buurtapp")  # 6. besmettelijk
    await bot.press(anna, private_last(bot, anna), cast.label("post"))
    [action] = await bot.rows(Action, Action.title == title)
    return action


async def the_action(bot: BotHarness) -> Action:
    """The one action there is (the test made exactly one), as stored now."""
    [action] = await bot.rows(Action)
    return action


def card_call(bot: BotHarness, cast: Cast, action: Action, group: GroupChat | None = None) -> dict:
    return bot.telegram.message((group or cast.group).id, action.card_message_id)
