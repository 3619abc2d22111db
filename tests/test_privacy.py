"""Issue 7: /mijngegevens sends everything Brug stores about a member; /vergeetmij forgets them."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest

from sqlalchemy import select

from bot.domain.privacy import FORGOTTEN_NAME, is_forgotten
from storage.models import (
    Action,
    ActionDraft,
    ActionEvent,
    AgendaItem,
    Base,
    Commitment,
    Concern,
    Group,
    Member,
    Membership,
    PendingReply,
    Reminder,
    Support,
)
from tests.harness import BotHarness, GroupChat, User


@dataclass
class Story:
    group: GroupChat
    anna: User
    bob: User
    anna_id: int
    bob_id: int
    action_id: int
    bobs_action_id: int


async def member_id(bot: BotHarness, user: User) -> int:
    [member] = await bot.rows(Member, Member.telegram_user_id == user.id)
    return member.id


async def a_group_with_history(bot: BotHarness) -> Story:
    """Anna and Bob in one group: each proposed an action, supports, commits, worries and is asked."""
    anna = bot.user(101, "Anna", username="anna_b")
    bob = bot.user(102, "Bob")
    group = bot.group(-1001, "De BinnenHaven", admins=[bob])
    await bot.add_bot_to(group, by=bob)
    await bot.say(group, anna, "/help")
    await bot.say(group, bob, "/help")
    await bot.start_private(anna)
    await bot.start_private(bob)
    anna_id, bob_id = await member_id(bot, anna), await member_id(bot, bob)
    now = bot.now()
    async with bot.db.unit_of_work() as session:
        [group_row] = (await session.scalars(select(Group))).all()
        actions = {}
        for proposer_id, title in ((anna_id, "Soep koken met de buurt"), (bob_id, "Bankjes verven")):
            action = Action(
                group_id=group_row.id, proposer_id=proposer_id, title=title, state="running",
                we_need="een grote pan", decision_deadline=now + timedelta(days=7),
                last_activity_at=now, created_at=now, updated_at=now,
            )
            session.add(action)
            await session.flush()
            actions[proposer_id] = action
            session.add(ActionEvent(action_id=action.id, member_id=proposer_id, kind="proposed", at=now))
        for who in (anna_id, bob_id):
            for action in actions.values():
                session.add(Support(action_id=action.id, member_id=who, created_at=now))
            session.add(Concern(action_id=actions[bob_id].id, member_id=who, text=f"zorg van {who}", created_at=now))
            commitment = Commitment(
                action_id=actions[anna_id].id, member_id=who, what=f"taak van {who}",
                due_on=date(2026, 12, 12), status="open", created_at=now, updated_at=now,
            )
            session.add(commitment)
            await session.flush()
            session.add(ActionDraft(
                group_id=group_row.id, member_id=who, step="title", title=f"plan van {who}",
                created_at=now, updated_at=now, expires_at=now + timedelta(days=1),
            ))
            session.add(PendingReply(
                chat_id=group.id, member_id=who, kind="draft_title", created_at=now,
                expires_at=now + timedelta(days=1),
            ))
            session.add(AgendaItem(
                group_id=group_row.id, what=f"markt {who}", created_by_id=who, created_at=now,
                updated_at=now,
            ))
            for status in ("pending", "sent"):
                session.add(Reminder(
                    key=f"due:commitment:{commitment.id}:{status}", kind="due", group_id=group_row.id,
                    member_id=who, commitment_id=commitment.id, due_at=now + timedelta(days=1),
                    status=status, attempts=0, created_at=now, payload='{"text": "Hoi"}',
                ))
    return Story(group, anna, bob, anna_id, bob_id, actions[anna_id].id, actions[bob_id].id)


async def snapshot(bot: BotHarness, *, except_member: int) -> dict[str, list[dict[str, Any]]]:
    """Every row that is not the given member's own, per table (to prove nobody else changed)."""
    from bot.domain.privacy import row_to_dict

    found: dict[str, list[dict[str, Any]]] = {}
    async with bot.db.sessionmaker() as session:
        for table in Base.metadata.sorted_tables:
            model = next(m.class_ for m in Base.registry.mappers if m.local_table is table)
            rows = []
            for row in (await session.scalars(select(model))).all():
                data = row_to_dict(row)
                owner = data.get("member_id", data.get("created_by_id", data.get("proposer_id")))
                if table.name == "members" and data["id"] == except_member:
                    continue
                if owner == except_member or table.name == "processed_updates":
                    continue
                if table.name == "reminders" and data["status"] in ("sent", "cancelled", "failed"):
                    data["payload"] = None  # what finished reminders of her groups said goes too (issue 18)
                rows.append(data)
            found[table.name] = sorted(rows, key=lambda d: json.dumps(d, sort_keys=True, default=str))
    return found


# ---------------------------------------------------------------- /mijngegevens


async def test_my_data_is_sent_as_a_json_file_with_everything_about_me(bot: BotHarness) -> None:
    story = await a_group_with_history(bot)
    await bot.say(story.anna, story.anna, "/mijngegevens")

    call = bot.telegram.last("sendDocument", story.anna.id)
    assert "alles wat Brug over jou bewaart" in call.text
    assert "/vergeetmij" in call.text
    document = json.loads(call.files["document"])
    assert document["member"]["first_name"] == "Anna"
    assert document["member"]["username"] == "anna_b"
    assert document["member"]["telegram_user_id"] == story.anna.id
    assert [m["group_title"] for m in document["memberships"]] == ["De BinnenHaven"]
    assert [a["title"] for a in document["actions_proposed"]] == ["Soep koken met de buurt"]
    assert sorted(s["action_title"] for s in document["supports"]) == [
        "Bankjes verven", "Soep koken met de buurt",
    ]
    assert [c["text"] for c in document["concerns"]] == [f"zorg van {story.anna_id}"]
    assert [c["what"] for c in document["commitments"]] == [f"taak van {story.anna_id}"]
    assert document["commitments"][0]["due_on"] == "2026-12-12"
    assert [d["title"] for d in document["drafts"]] == [f"plan van {story.anna_id}"]
    assert [p["kind"] for p in document["pending_questions"]] == ["draft_title"]
    assert sorted(r["status"] for r in document["reminders"]) == ["pending", "sent"]
    assert [a["what"] for a in document["agenda_items_added"]] == [f"markt {story.anna_id}"]
    assert [e["kind"] for e in document["action_history"]] == ["proposed"]
    # Nothing of Bob's.
    assert "Bob" not in call.files["document"].decode()
    assert f"zorg van {story.bob_id}" not in call.files["document"].decode()


async def test_my_data_in_a_group_points_to_the_private_chat(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna")
    group = bot.group(-1001, "De BinnenHaven")
    await bot.say(group, anna, "/mijngegevens")
    assert bot.telegram.sent("sendDocument") == []
    call = bot.telegram.last("sendMessage", group.id)
    assert "persoonlijk gesprek" in call.text
    assert call.buttons()[0][0]["url"].startswith("https://t.me/brug_test_bot?start=")


async def test_my_data_for_a_new_member_is_just_the_member_row(bot: BotHarness) -> None:
    anna = bot.user(101, "Anna <script>", language_code="en")
    await bot.start_private(anna)
    await bot.say(anna, anna, "/mydata")
    call = bot.telegram.last("sendDocument", anna.id)
    assert "everything Brug keeps about you" in call.text
    document = json.loads(call.files["document"])
    assert document["member"]["first_name"] == "Anna <script>"
    assert document["memberships"] == [] and document["commitments"] == []


# ---------------------------------------------------------------- /vergeetmij


async def test_forget_me_asks_first_and_no_leaves_everything(bot: BotHarness) -> None:
    story = await a_group_with_history(bot)
    before = await snapshot(bot, except_member=-1)
    await bot.say(story.anna, story.anna, "/vergeetmij")
    question = bot.telegram.last("sendMessage", story.anna.id)
    assert "Weet je het zeker?" in question.text
    assert question.button_labels() == ["Ja, vergeet mij", "Nee, laat maar"]

    await bot.press(story.anna, question, "Nee, laat maar")
    assert bot.telegram.message(story.anna.id, question.message_id)["text"].startswith("Goed")
    after = await snapshot(bot, except_member=-1)
    # Only Anna's membership was seen again; nothing was forgotten.
    assert after["members"] == before["members"]
    assert after["commitments"] == before["commitments"]


async def test_forget_me_anonymises_and_deletes_what_was_mine_alone(bot: BotHarness) -> None:
    story = await a_group_with_history(bot)
    others_before = await snapshot(bot, except_member=story.anna_id)
    await bot.say(story.anna, story.anna, "/vergeetmij")
    question = bot.telegram.last("sendMessage", story.anna.id)

    await bot.press(story.anna, question, "Ja, vergeet mij")

    edited = bot.telegram.message(story.anna.id, question.message_id)
    assert edited["text"].startswith("Klaar, ik ben je vergeten")
    assert "reply_markup" not in edited
    [anna] = await bot.rows(Member, Member.id == story.anna_id)
    assert anna.first_name == FORGOTTEN_NAME == "een lid"
    assert anna.username is None and anna.language is None and anna.telegram_language is None
    assert anna.telegram_user_id != story.anna.id and is_forgotten(anna)
    assert anna.has_private_chat is False
    assert await bot.count(Member, Member.telegram_user_id == story.anna.id) == 0
    # What she wrote alone is gone.
    for model in (ActionDraft, Concern, PendingReply, Membership):
        assert await bot.count(model, model.member_id == story.anna_id) == 0, model.__name__
    # What the group did together stays, credited to "een lid".
    [commitment] = await bot.rows(Commitment, Commitment.member_id == story.anna_id)
    assert commitment.what == f"taak van {story.anna_id}" and commitment.status == "open"
    [action] = await bot.rows(Action, Action.proposer_id == story.anna_id)
    assert action.title == "Soep koken met de buurt"
    assert await bot.count(Support, Support.member_id == story.anna_id) == 2
    # Her pending reminder is cancelled, the sent one kept; no prepared text mentions her any more.
    reminders = {r.status: r for r in await bot.rows(Reminder, Reminder.member_id == story.anna_id)}
    assert set(reminders) == {"cancelled", "sent"}
    assert all(r.payload is None for r in reminders.values())
    # Nobody else's row changed.
    assert await snapshot(bot, except_member=story.anna_id) == others_before


async def test_a_forgotten_member_who_comes_back_starts_fresh(bot: BotHarness) -> None:
    story = await a_group_with_history(bot)
    await bot.say(story.anna, story.anna, "/vergeetmij")
    await bot.press(story.anna, bot.telegram.last("sendMessage", story.anna.id), "Ja, vergeet mij")

    await bot.start_private(story.anna)
    assert "Welkom bij <b>Brug</b>, Anna!" in bot.last_text(story.anna.id)
    [new_anna] = await bot.rows(Member, Member.telegram_user_id == story.anna.id)
    assert new_anna.id != story.anna_id
    await bot.say(story.anna, story.anna, "/mijngegevens")
    document = json.loads(bot.telegram.last("sendDocument", story.anna.id).files["document"])
    assert document["commitments"] == [] and document["actions_proposed"] == []


async def test_forget_buttons_only_work_for_the_member_they_were_asked_of(bot: BotHarness) -> None:
    story = await a_group_with_history(bot)
    await bot.say(story.anna, story.anna, "/vergeetmij")
    question = bot.telegram.last("sendMessage", story.anna.id)
    # Bob forges Anna's button (or Anna's forwarded message): it does nothing to anyone.
    await bot.press_data(story.bob, question, f"privacy:forget:{story.anna_id}")
    await bot.press_data(story.anna, question, f"privacy:forget:{story.bob_id}")
    await bot.press_data(story.anna, question, "privacy:forget:99999999999999")
    alerts = [c for c in bot.telegram.sent("answerCallbackQuery") if c.params.get("show_alert")]
    assert len(alerts) == 3
    assert await bot.count(Member, Member.first_name == FORGOTTEN_NAME) == 0
    assert await bot.count(Concern) == 2


async def test_forget_me_in_a_group_points_to_the_private_chat(bot: BotHarness) -> None:
    story = await a_group_with_history(bot)
    await bot.say(story.group, story.anna, "/vergeetmij")
    assert "persoonlijk gesprek" in bot.last_text(story.group.id)
    assert await bot.count(Member, Member.first_name == FORGOTTEN_NAME) == 0


async def test_forgetting_twice_is_harmless(bot: BotHarness) -> None:
    story = await a_group_with_history(bot)
    await bot.say(story.anna, story.anna, "/vergeetmij")
    question = bot.telegram.last("sendMessage", story.anna.id)
    await bot.press(story.anna, question, "Ja, vergeet mij")
    # The old question is pressed again: it is now a new member who presses, not the forgotten one.
    await bot.press_data(story.anna, question, f"privacy:forget:{story.anna_id}")
    assert bot.telegram.last("answerCallbackQuery").params.get("show_alert") is True
    assert await bot.count(Member, Member.first_name == FORGOTTEN_NAME) == 1


async def test_after_forgetting_the_groups_actions_go_on_with_een_lid(bot: BotHarness) -> None:
    """Real flows: Anna proposed, Dirk joined, Anna is forgotten; the group carries on."""
    from tests.action_steps import card_call, make_cast, private_last, write_proposal

    cast = await make_cast(bot)
    action = await write_proposal(bot, cast)
    await bot.press(cast.dirk, card_call(bot, cast, action), cast.label("join"))
    await bot.say(cast.anna, cast.anna, "/vergeetmij")
    await bot.press(cast.anna, private_last(bot, cast.anna), "Ja, vergeet mij")
    since = len(bot.telegram.calls)

    await bot.press(cast.carla, card_call(bot, cast, action), cast.label("support"))
    await bot.say(cast.group, cast.ben, "/acties")
    await bot.say(cast.dirk, cast.dirk, "/mijn")

    assert [c for c in bot.telegram.calls[since:] if "_error" in c.params] == []
    assert "Anna" not in bot.telegram.message(cast.group.id, action.card_message_id)["text"]
    assert "Soep koken voor de straat" in "\n".join(bot.texts(cast.dirk.id)[-3:])
    [row] = await bot.rows(Action, Action.id == action.id)
    assert row.title == "Soep koken voor de straat"


def test_a_forgotten_member_is_mentioned_without_a_link() -> None:
    from bot.domain.rendering import mention
    from storage.models import Member

    assert mention(Member(telegram_user_id=-7, first_name="een lid")) == "een lid"
    assert mention(Member(telegram_user_id=7, first_name="<Anna>")) == '<a href="tg://user?id=7">&lt;Anna&gt;</a>'


async def test_after_forget_me_no_finished_reminder_of_her_groups_says_her_name(bot: BotHarness) -> None:
    """Issue 18: what sent reminders said (a closing call names who has not reacted, a digest names
    people) was kept forever; a forgotten member's groups lose those texts at once, and everybody's after
    30 days (the key stays, so nothing is sent twice)."""
    story = await a_group_with_history(bot)
    async with bot.db.unit_of_work() as session:
        for reminder in (await session.scalars(select(Reminder))).all():
            reminder.status = "sent"
            reminder.payload = '{"args": {"names": "Anna, Bob"}}'
    await bot.say(story.anna, story.anna, "/vergeetmij")
    await bot.press(story.anna, bot.telegram.last("sendMessage", story.anna.id), "Ja, vergeet mij")
    rows = await bot.rows(Reminder)
    assert rows and all(row.payload is None or "Anna" not in row.payload for row in rows)
    assert all(row.key for row in rows)  # the keys stay: never twice


async def test_finished_reminders_lose_their_words_after_thirty_days(bot: BotHarness) -> None:
    from bot.road.ticking import tick_now

    story = await a_group_with_history(bot)
    async with bot.db.unit_of_work() as session:
        for reminder in (await session.scalars(select(Reminder))).all():
            reminder.status, reminder.payload, reminder.due_at = "sent", '{"names": "Bob"}', bot.now()
    bot.clock.advance(days=29)
    await tick_now(bot.app)
    assert all(row.payload is not None for row in await bot.rows(Reminder))
    bot.clock.advance(days=2)
    await tick_now(bot.app)
    assert all(row.payload is None for row in await bot.rows(Reminder))
    assert story.anna_id


async def test_logs_name_people_by_a_keyed_pseudonym_never_their_telegram_id(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    """Issue 18: a Telegram id in the logs outlives /vergeetmij. The update line and error lines carry a
    keyed pseudonym ("p-…") for a person; a group's chat id (no person's) stays."""
    from bot.road import logs

    anna = bot.user(101234567, "Anna", started=True)
    caplog.set_level(logging.INFO)
    await bot.start_private(anna)
    logged = "\n".join(
        f"{record.getMessage()} {getattr(record, 'fields', '')}" for record in caplog.records
    )
    assert "101234567" not in logged
    assert logs.person(101234567) in logged and logs.person(101234567).startswith("p-")
    assert logs.person(-1001) == "-1001"
    before = logs._pseudonym_key
    try:
        logs._pseudonym_key = b"installation one"
        one = logs.person(101234567)
        logs._pseudonym_key = b"installation two"
        assert logs.person(101234567) != one  # keyed: not computable without the key
    finally:
        logs._pseudonym_key = before


async def test_forget_me_takes_the_name_out_of_a_groups_kept_bridge_messages(bot: BotHarness) -> None:
    """Issue 18: on Signal or the console Brug keeps its group messages 90 days (numbered answers and quotes
    need them); a forgotten member's name in them ("Voorstel van Anna") becomes "een lid"."""
    from storage.models import BridgeMessage

    story = await a_group_with_history(bot)
    async with bot.db.unit_of_work() as session:
        group = await session.get(Group, (await session.scalars(select(Membership.group_id))).first())
        chat_id = group.telegram_chat_id
        for number, text in enumerate(["💡 Soep\nVoorstel van Anna\n👍 Steun: Anna, Bob", "Annabel zegt hoi"], 1):
            session.add(BridgeMessage(
                id=number, transport="console", chat_id=chat_id, ref=str(number), first_ref=str(number),
                text=text, options="[]", sent_at=bot.now(),
            ))
    await bot.say(story.anna, story.anna, "/vergeetmij")
    await bot.press(story.anna, bot.telegram.last("sendMessage", story.anna.id), "Ja, vergeet mij")
    card, other = sorted(await bot.rows(BridgeMessage), key=lambda row: row.id)
    assert card.text == "💡 Soep\nVoorstel van een lid\n👍 Steun: een lid, Bob"
    assert other.text == "Annabel zegt hoi"  # a whole word only
